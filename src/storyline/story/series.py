"""Figures over time: one series per (what, where, unit) within a story.

A figure's ``what`` is folded to a key so that the same quantity, worded two ways,
lands in one series: lower case, plural ``s`` kept, words that name a nationality
("Syrians", "Sudanese") or say the people were uprooted ("displaced", "refugees") read
as ``refugees`` when the verb is about hosting, and "fled"/"uprooted" read as
"displaced". Figures without a place join the story's series of the same quantity that
does name one (when exactly one place is named for it): within one story an unplaced
"18,000 people displaced" is most likely the story's own displacement count.

A point is one reported period (``as_of``); its ``value`` is the value most independent
sources give (ties: the higher), ``value_max`` the highest value when sources
differ, and ``disagree`` says they differ. Syndicated copies count once: a copy's
figure that its original also reports is left out, and sources are original articles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from importlib import resources

from storyline.model import Figure, Series, SeriesPoint, stable_id

_HOSTING = frozenset({"hosted", "housed", "sheltered", "hosting", "housing", "sheltering"})
_UPROOTED = frozenset({"refugees", "refugee", "displaced", "migrants", "asylum-seekers", "exiles"})
_VERB_SYNONYMS = {"fled": "displaced", "uprooted": "displaced", "forced": "displaced"}


@cache
def _demonyms() -> frozenset[str]:
    text = resources.files("storyline.data").joinpath("countries.tsv").read_text("utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("iso3\t"):
            continue
        cols = line.split("\t")
        if len(cols) > 3:
            for d in cols[3].split("|"):
                d = d.strip().lower()
                if d:
                    out.add(d)
                    out.add(d + "s")
    return frozenset(out)


def what_key(what: str) -> str:
    """The folded form of a figure's ``what`` used to group a series."""
    words = re.findall(r"[\w'-]+", what.lower())
    words = [_VERB_SYNONYMS.get(w, w) for w in words]
    if words and words[-1] in _HOSTING:
        head = [w for w in words[:-1] if w not in _UPROOTED and w not in _demonyms()]
        return " ".join((head or ["refugees"]) + ["hosted"])
    return " ".join(words)


def _where_key(where: str | None) -> str | None:
    if not where:
        return None
    w = where.lower().strip()
    w = re.sub(r"\b(state|province|region|governorate|district|county)\b", "", w)
    return " ".join(w.split()) or None


def build_series(figures: list[Figure], *, story: str | None,
                 roots: dict[str, str]) -> list[Series]:
    """The figure series of one story (its articles' figures in, ``series.jsonl`` lines out)."""
    groups: dict[tuple[str, str | None, str], list[Figure]] = defaultdict(list)
    names: dict[tuple[str, str | None, str], Counter[str]] = defaultdict(Counter)
    whats: dict[tuple[str, str | None, str], Counter[str]] = defaultdict(Counter)
    # a syndicated copy's figure that its original reports too is the same report
    reported = {(str(f.mention.article), float(f.value), str(f.what)) for f in figures}
    for f in figures:
        as_of = f.as_of or {}
        if not as_of.get("start") or not as_of.get("end"):
            continue
        art = str(f.mention.article)
        if art in roots and (roots[art], float(f.value), str(f.what)) in reported:
            continue
        key = (what_key(str(f.what)), _where_key(f.where), str(f.unit))
        groups[key].append(f)
        if f.where:
            names[key][str(f.where)] += 1
        whats[key][str(f.what)] += 1
    # unplaced figures join the one placed series of the same quantity, if there is one
    for key in [k for k in groups if k[1] is None]:
        placed = [k for k in groups if k[1] is not None and k[0] == key[0] and k[2] == key[2]]
        if len(placed) == 1:
            groups[placed[0]].extend(groups.pop(key))
            whats[placed[0]].update(whats.pop(key))
    out: list[Series] = []
    for key, figs in groups.items():
        what_k, where_k, unit = key
        where = names[key].most_common(1)[0][0] if names[key] else None
        out.append(Series(
            id=stable_id("series", story or "", what_k, where_k or "", unit),
            story=story,
            what=whats[key].most_common(1)[0][0],
            where=where,
            unit=unit,
            points=_points(figs, roots),
        ))
    out.sort(key=lambda s: (-len(s.points), s.what, s.id))
    return out


def _points(figs: list[Figure], roots: dict[str, str]) -> list[SeriesPoint]:
    by_period: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for f in figs:
        by_period[(f.as_of["start"], f.as_of["end"])].append(f)
    points: list[SeriesPoint] = []
    for (start, end), fs in by_period.items():
        # one vote per independent article and value
        votes: dict[float, set[str]] = defaultdict(set)
        for f in fs:
            art = str(f.mention.article)
            root = roots.get(art, art)
            value = float(f.value)
            votes[value].add(root)
        value = max(votes, key=lambda v: (len(votes[v]), v))
        disagree = len(votes) > 1
        quals = Counter(f.qualifier for f in fs if float(f.value) == value)
        sources: list[str] = []
        for f in fs:
            art = str(f.mention.article)
            root = roots.get(art, art)
            if root not in sources:
                sources.append(root)
        points.append(SeriesPoint(
            date=end,
            as_of={"start": start, "end": end},
            value=value,
            value_max=max(votes) if disagree else None,
            qualifier=quals.most_common(1)[0][0] if quals else None,
            figures=sorted(str(f.id) for f in fs),
            sources=sources,
            disagree=disagree,
        ))
    points.sort(key=lambda p: (p.date, p.as_of["start"]))
    return points
