"""Syndicated copies: the same wire story on two sites, with small edits, linked once.

Every article body becomes a set of word 5-shingles. A MinHash signature of that set
(126 hash functions) is stored with its locality-sensitive-hashing buckets (42 bands of
3 rows), so a new article meets only the stored articles that share a bucket with it:
the work grows with the number of new articles, not with the square of the corpus.
Candidates are checked on the exact shingle sets; an article whose shingle Jaccard with
an earlier one is at least :data:`JACCARD` (or which is almost wholly contained in it,
:data:`CONTAINMENT`) is a copy of it. The original is the copy stored first (then the
one published first); a copy of a copy points at the original. Both are in the same
language: a page holding the English and the French text links neither to the other.

Copies stay in the store and keep their event mentions, but later stages count them
once: they add no independent source.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

from storyline.config import setting
from storyline.store.db import Store

SHINGLE = 5
PERMUTATIONS = 126
ROWS = 3  # rows a band: P(candidate) is 0.68 at Jaccard 0.3, 0.996 at 0.5
BANDS = PERMUTATIONS // ROWS
JACCARD = float(setting("syndication", "jaccard"))
CONTAINMENT = float(setting("syndication", "containment"))
MIN_SHINGLES = 20  # shorter bodies are never called copies by containment
CHECK_ABOVE = 0.25  # estimated Jaccard below which a candidate is not checked exactly
CHUNK = 2000
BUCKET_FIRSTS = int(setting("syndication", "bucket_firsts"))
MOST_CANDIDATES = int(setting("syndication", "most_candidates"))

_PRIME = (1 << 31) - 1
_rng = np.random.default_rng(20250321)
_A = _rng.integers(1, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[int]:
    """Hashes of the word k-shingles of a body (lower case, punctuation ignored)."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {zlib.crc32(" ".join(words).encode("utf-8"))} if words else set()
    return {zlib.crc32(" ".join(words[i : i + k]).encode("utf-8")) for i in range(len(words) - k + 1)}


def signature(sh: set[int]) -> np.ndarray:
    """The MinHash signature (uint32) of a shingle set."""
    if not sh:
        return np.full(PERMUTATIONS, _PRIME, dtype=np.uint32)
    x = np.fromiter(sh, dtype=np.uint64, count=len(sh)) % np.uint64(_PRIME)
    h = (_A[:, None] * x[None, :] + _B[:, None]) % np.uint64(_PRIME)
    return h.min(axis=1).astype(np.uint32)  # type: ignore[no-any-return]


def buckets(sig: np.ndarray) -> list[int]:
    """One 63-bit bucket key per band."""
    out = []
    for b in range(BANDS):
        digest = hashlib.blake2b(sig[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8,
                                 person=b.to_bytes(2, "little")).digest()
        out.append(int.from_bytes(digest, "little") >> 1)
    return out


def similarity(a: set[int], b: set[int]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two shingle sets."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def is_copy(a: set[int], b: set[int]) -> tuple[bool, float]:
    jac, cont = similarity(a, b)
    ok = jac >= JACCARD or (cont >= CONTAINMENT and min(len(a), len(b)) >= MIN_SHINGLES)
    return ok, jac


def link_duplicates(store: Store) -> int:
    """Sign every new article and link the ones that copy an earlier article.

    Returns how many new copies were found. Idempotent: signed articles are skipped.
    """
    ids = store.unsigned_articles()
    found = 0
    for i in range(0, len(ids), CHUNK):
        found += _link_chunk(store, ids[i : i + CHUNK])
    return found


def _link_chunk(store: Store, ids: list[str]) -> int:
    texts = store.article_texts(ids)
    sets = {aid: shingles(texts.get(aid, "")) for aid in ids}
    sigs = {aid: signature(sets[aid]) for aid in ids}
    order = {aid: n for n, aid in enumerate(ids)}
    with store.transaction():
        store.add_signatures(
            [(aid, len(sets[aid]), sigs[aid].tobytes()) for aid in ids],
            [(b, key, aid) for aid in ids for b, key in enumerate(buckets(sigs[aid]))],
        )
        cands: dict[str, list[str]] = {}
        for a, b in store.bucket_neighbours(ids, firsts=BUCKET_FIRSTS, most=MOST_CANDIDATES):
            # only an earlier article can be the original: stored before, or earlier in order
            if b in order and order[b] >= order[a]:
                continue
            cands.setdefault(a, []).append(b)
        others = {b for bs in cands.values() for b in bs if b not in sigs}
        if others:
            for aid, blob in store.signatures(sorted(others)).items():
                sigs[aid] = np.frombuffer(blob, dtype=np.uint32)
        roots = store.duplicate_map()
        # a copy is the same text in the same language: an article holding an English
        # and a French version is a copy of neither (nor does it link them)
        langs = store.article_languages(sorted(set(ids) | {b for bs in cands.values()
                                                           for b in bs}))
        found = 0
        rows = []
        for aid in ids:
            best: tuple[float, str] | None = None
            others_of = sorted(o for o in cands.get(aid, []) if langs.get(o) == langs.get(aid))
            if not others_of:
                continue
            ests = (np.stack([sigs[o] for o in others_of]) == sigs[aid]).mean(axis=1)
            for other, est in zip(others_of, ests.tolist(), strict=True):
                if est < CHECK_ABOVE:
                    continue
                if other not in sets:
                    sets[other] = shingles(store.article_texts([other]).get(other, ""))
                ok, jac = is_copy(sets[aid], sets[other])
                if ok and (best is None or jac > best[0]):
                    best = (jac, other)
            if best is None:
                continue
            original = best[1]
            original = roots.get(original, original)
            if original == aid:
                continue
            roots[aid] = original
            rows.append((aid, original, round(best[0], 4)))
            found += 1
        store.add_duplicates(rows)
    return found


def duplicate_map(store: Store) -> dict[str, str]:
    """{copy id: original id} for every stored copy."""
    return store.duplicate_map()
