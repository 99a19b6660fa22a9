"""Normal forms of place names, shared by the gazetteer builder and the geocoder.

``name_key`` folds case, accents, punctuation and Arabic articles; ``translit_key`` also
folds common transliteration variants (kh/k, q/k, ou/u, ei/ay/ai, -ovskiy/-ovsky, doubled
letters); ``skeleton_key`` keeps only consonants and is used to find candidates that are
then checked with a similarity ratio on ``translit_key``.
"""

from __future__ import annotations

import re
import unicodedata

_ARTICLES = frozenset(
    ["al", "el", "al'", "as", "ash", "an", "ar", "ad", "at", "az", "ath", "adh", "es", "ez", "ed"]
)
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_TRANSLIT = [
    (re.compile(r"ovskiy\b|ovskij\b|ovskii\b|ovski\b|ovsky\b"), "ovsk"),
    (re.compile(r"evskiy\b|evskij\b|evsky\b|evski\b"), "evsk"),
    (re.compile(r"skiy\b|skij\b|sky\b|skii\b"), "sk"),
    (re.compile(r"iya\b|ija\b"), "ia"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"q"), "k"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"dj"), "j"),
    (re.compile(r"dh"), "d"),
    (re.compile(r"th"), "t"),
    (re.compile(r"ou|oo"), "u"),
    (re.compile(r"ee"), "i"),
    (re.compile(r"ei|ey|ay|ai|ae"), "e"),
    (re.compile(r"w"), "v"),
    (re.compile(r"([a-z])\1+"), r"\1"),
]
_VOWELS = re.compile(r"(?<=[a-z])[aeiouy]+")


_DROP = str.maketrans("", "", "'`’‘ʼʻ´")
_TO_SPACE = str.maketrans({c: " " for c in "!\"#$%&()*+,-./:;<=>?@[\\]^_{|}~"})


def fold(text: str) -> str:
    """Lower case without accents; apostrophes and backticks vanish."""
    if text.isascii():
        return text.lower().translate(_DROP)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    text = text.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe")
    return re.sub(r"['`’‘ʼʻ´]", "", text.lower())


def name_key(text: str) -> str:
    """Exact-match key: folded, words only, Arabic articles dropped ('Jisr al-Shughur')."""
    folded = fold(text)
    if folded.isascii():
        words = folded.translate(_TO_SPACE).split()
    else:
        words = _NON_WORD.sub(" ", folded).split()
    kept = [w for w in words if w not in _ARTICLES]
    return " ".join(kept or words)


def translit_key(text: str) -> str:
    """``name_key`` with transliteration variants folded ('Khan Sheikhoun' = 'Khan Shaykhun')."""
    key = name_key(text)
    for pattern, repl in _TRANSLIT:
        key = pattern.sub(repl, key)
    return key.replace(" ", "")


def skeleton_key(text: str) -> str:
    """Consonant skeleton of ``translit_key`` (vowels after the first letter dropped)."""
    return _VOWELS.sub("", translit_key(text))
