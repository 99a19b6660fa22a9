"""Article metadata from text cues: outlet, dateline, title clean-up, language."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from storyline.clean.patterns import (
    DATELINE_AGENCY_LINE,
    DATELINE_CAPS_PERIOD,
    DATELINE_PLACE_AGENCY,
    DATELINE_PLACE_DASH,
    DATELINE_PREFIX,
    NOT_A_PLACE,
    WIRE_DATELINE,
)
from storyline.clean.text import WireHeader
from storyline.config import setting


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    text = resources.files("storyline.data").joinpath("outlets.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = ([*line.split("\t"), "", ""])[:3]
        aliases = tuple(a for a in parts[1].split("|") if a)
        domains = tuple(d for d in parts[2].split("|") if d)
        out.append(Outlet(parts[0], aliases, domains))
    return tuple(out)


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for o in outlets():
        for a in (o.name, *o.aliases):
            idx[_key(a)] = o.name
    return idx


def _key(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def _confusables() -> dict[int, str]:
    """Cyrillic and Greek letters that look like Latin ones (``data/confusables.tsv``)."""
    from storyline.text.lookalikes import confusables

    return confusables()


def outlet_key(name: str) -> str:
    """What two spellings of one outlet share: compatibility forms folded (NFKC: a
    fullwidth "Ｒeuters" is "Reuters"), look-alike Cyrillic and Greek letters read as
    the Latin ones (a confusables skeleton: "Reuтers" with a Cyrillic т is "Reuters"),
    case folded, spaces collapsed. Outlets are grouped (counted, listed) by it; the
    names shown keep their letters."""
    folded = unicodedata.normalize("NFKC", name).translate(_confusables())
    return " ".join(folded.casefold().split())


def mixed_script(name: str) -> bool:
    """Whether ``name`` has Latin letters and Cyrillic or Greek ones (a look-alike
    spelling such as "Аl Jazeera" with a Cyrillic А, or a name that mixes scripts)."""
    scripts = set()
    for ch in name:
        if ch.isalpha():
            try:
                script = unicodedata.name(ch).split(" ", 1)[0]
            except ValueError:
                continue
            if script in ("LATIN", "CYRILLIC", "GREEK"):
                scripts.add(script)
    return "LATIN" in scripts and len(scripts) > 1


def canonical_outlet(name: str | None, given: bool = False) -> str | None:
    """The curated name of an outlet ("trtworld" -> "TRT World"), else the name tidied
    (compatibility forms folded, spaces collapsed). A name found in the text loses the
    punctuation around it ("Reuters." in a credit line); one the input ``given`` keeps
    it, as written (a JSON Lines outlet ending in ";" lost its last character)."""
    if not name:
        return None
    tidy = " ".join(unicodedata.normalize("NFKC", name).split())
    stripped = tidy.strip(".,;:|").strip()
    name = tidy if given and stripped else stripped
    if not name:
        return None
    k = _key(stripped)
    if k in _alias_index():
        return _alias_index()[k]
    k2 = _key(re.sub(r"^(?:www\.)", "", name))
    for o in outlets():
        if any(k2 == _key(d.split(".")[0]) for d in o.domains):
            return o.name
    return name


def _host(url: str | None) -> str:
    """The lower-cased host of a URL, "" when there is none or it is malformed."""
    from storyline.ingest.validate import safe_host

    return safe_host(url)


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = _host(url).removeprefix("www.")
    for o in outlets():
        for d in o.domains:
            if host == d or host.endswith("." + d):
                return o.name
    return None


_SOURCE = re.compile(r"^Source\s*:\s*(?P<name>[\w .&'-]{2,40})$", re.I)
_PUBLISHED_IN = re.compile(r"\bPublished in (?P<name>[A-Z][\w .&'-]{1,40}?),")
_SYNDICATED = re.compile(r"edited by (?P<name>[A-Z][\w .&'-]{1,40}?) staff", re.I)
_OUTLET_WORD = re.compile(
    r"\b(?:News|Times|Post|Dispatch|Journal|Herald|Tribune|Observer|Standard|Review|Daily|Press|"
    r"Agency|World|Gazette|Courier|Ledger|Chronicle|Telegraph|Guardian|Monitor|Express|Star|Mail|"
    r"Today|Insider|Wire|TV|Radio|Television|Broadcasting|Reporter|Sun|Independent|Record)\b"
)
_TOLD = re.compile(r"\b(?:told|said to|speaking to|in an interview with)\s+(?P<name>(?:the\s)?[A-Z][\w&'-]*(?:\s[A-Z][\w&'-]*){0,3})")


def outlet_from_text(
    head: list[str], body: str, tail: list[str]
) -> tuple[str | None, str | None, bool]:
    """(outlet, agency, strong) from cues in the page: "Published in Dawn, ...", "Source:
    trtworld", "(... edited by Business Standard staff ...)", "AP | Istanbul", "told Arab News".
    ``strong`` is true for a footer that names the publication, false for weaker cues."""
    agency = None
    for line in head[-4:] + body.split("\n", 3)[:2]:
        m = DATELINE_AGENCY_LINE.match(line.strip())
        if m:
            agency = canonical_outlet(m["agency"])
    # An outlet the article says it was told something by is the one publishing it,
    # when that name is a known outlet or looks like one ("The Nairobi Dispatch").
    told = [canonical_outlet(m["name"]) for m in _TOLD.finditer(body)]
    known = {o.name for o in outlets()}
    told_outlets = [t for t in told if t and (t in known or _OUTLET_WORD.search(t))]
    for line in tail + head:
        for rx in (_PUBLISHED_IN, _SOURCE, _SYNDICATED):
            m = rx.search(line)
            if m:
                name = canonical_outlet(m["name"])
                # "Source: redseatimes" names the outlet the text calls "Red Sea Times"
                for t in told_outlets:
                    if name and _key(t).removeprefix("the") == _key(name).removeprefix("the"):
                        return t, agency, True
                return name, agency, True
    if told_outlets:
        # the most cited; among equals the first cited (not set order: outputs are the
        # same under any PYTHONHASHSEED)
        return Counter(told_outlets).most_common(1)[0][0], agency, False
    return agency, agency, False


def find_dateline(head: list[str], body: str, wire: WireHeader | None = None) -> tuple[str | None, int]:
    """The dateline ("ISTANBUL:" -> "Istanbul", "AP | Istanbul") and how many body chars it takes.

    A wire header taken off the page ("CITY | date time TZ CITY (Agency) -") gives it first.
    Labels that open a line like a dateline ("PLEASE NOTE:", "FILE -") are not places."""
    if wire is not None and wire.place:
        place = _place_of(wire.place.split(",")[0])
        if place:
            return place, 0
    for line in head[-3:]:
        m = DATELINE_AGENCY_LINE.match(line.strip())
        if m and _place_of(m["place"]):
            return _place_of(m["place"]), 0
    m = DATELINE_PREFIX.match(body)
    if m and m["place"].strip().isupper() and len(m["place"].strip()) >= 3 and _place_of(m["place"]):
        return _place_of(m["place"]), 0
    # "GENEVA -LRB- Reuters -RRB- -": the agency dateline in tokenised text
    m = WIRE_DATELINE.match(body)
    if m and m["place"] and _place_of(m["place"].split(",")[0]):
        return _place_of(m["place"].split(",")[0]), 0
    # A dateline may open the first lines after a subtitle or a photo credit: "Berlin
    # (dpa) -", "ERDEN. ...", and on the very first line "Bergisch Gladbach -".
    lines = [x.strip() for x in body.split("\n") if x.strip()][:3]
    for i, line in enumerate(lines):
        rules = (DATELINE_PLACE_AGENCY, DATELINE_CAPS_PERIOD) + ((DATELINE_PLACE_DASH,) if i == 0 else ())
        for rx in rules:
            m = rx.match(line)
            if m and _place_of(m["place"]):
                return _place_of(m["place"]), 0
        # "KHARTOUM, March 12 (Wire) -" after a slug line ("Wire copy")
        m = WIRE_DATELINE.match(line)
        if m and m["place"] and _place_of(m["place"].split(",")[0]):
            return _place_of(m["place"].split(",")[0]), 0
    return None, 0


def _place_of(place: str) -> str | None:
    """The tidied place, or None for a label that only looks like one ("PLEASE NOTE")."""
    place = place.replace("\\/", "/").strip()
    if not place or NOT_A_PLACE.match(place.strip(" ,.:")):
        return None
    return _tidy_place(place)


_PLACE_SMALL_WORDS = frozenset(["of", "de", "la", "le", "el", "al", "and", "the", "du", "da",
                                "di", "del", "y", "en", "on", "upon"])


def _tidy_place(place: str) -> str:
    place = place.strip().strip(",")
    if place.isupper():
        place = " ".join(_tidy_word(w, k) for k, w in enumerate(place.split()))
    return place


def _tidy_word(w: str, k: int) -> str:
    """One word of an upper-case dateline: "ZURICH/COPENHAGEN" -> "Zurich/Copenhagen",
    "OF" -> "of", "US" -> "US"."""
    if w.lower() in _PLACE_SMALL_WORDS:
        return w.lower() if k else w.capitalize()
    if len(w) <= 2:
        return w.upper()
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), w)


# the site name may hold a hyphen ("IT-Learner.de"), not a spaced separator
_SITE_SUFFIX = re.compile(r"\s+(?:[|\-–—:•·»]\s+)(?P<site>(?:(?!\s[|\-–—:•·»]\s)[^|•·»]){2,60})$")


def strip_site_name(title: str, outlet: str | None = None, url: str | None = None) -> str:
    """Remove a site-name suffix: "Ceasefire holds | Arab News" -> "Ceasefire holds"."""
    t = title.strip()
    for _ in range(2):
        m = _SITE_SUFFIX.search(t)
        if not m:
            break
        site = m["site"].strip()
        k = _key(site)
        known = k in _alias_index() or (outlet is not None and k == _key(outlet))
        host = _host(url)
        in_host = bool(k) and k.removeprefix("the") in _key(host)
        short_brand = len(site.split()) <= 4 and not site.endswith((".", "?", "!"))
        if known or in_host or (short_brand and len(t[: m.start()].split()) >= 4 and (
            site[:1].isupper() or site.isupper()) and _looks_brand(site)):
            t = t[: m.start()].rstrip()
        else:
            break
    return t


def _looks_brand(site: str) -> bool:
    words = site.split()
    caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return caps == len(words) or any(x in site.lower() for x in (".com", "news", "times", "post"))


_WITH_DIGITS = re.compile(r"\S*\d\S*")
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("und" when it has no words at all).

    Words with digits (figures, dates, "village12", table cells) are left out first:
    they belong to no language, and a list of numbered items was read as "zxx" (no
    linguistic content), so an English article was stored without its events. Words
    that start with a capital (names, mostly) say little about the language they are
    written in: when enough other distinct words remain (each once: a list repeats its
    "and") and the model is fairly sure of their language, it is the text's (an English sentence listing hundreds of invented
    Welsh-sounding ministers was read as Welsh; a results table whose only other words
    are "sec." and "q" keeps the language of all its words). A text of a few Latin-script words that the model cannot place
    with confidence ("Hello world" was Fulfulde) is taken as English, the default.

    >>> detect_language("Rebels attacked " + " and ".join(f"hamlet{i}" for i in range(900)))
    'en'
    >>> detect_language("The cabinet met " + ", ".join(["Minister Bryn Llwyd"] * 300)
    ...                 + " and agreed to send aid")
    'en'
    """
    if not _LETTER.search(text[:20000]):
        return "und"
    words = _WITH_DIGITS.sub(" ", text[:20000]).split()
    sample = _main_script(words) if any(_LETTER.search(w) for w in words) else [text]
    lang, confidence = _identifier().classify(" ".join(sample)[:5000])
    plain = list(dict.fromkeys(w for w in sample if not w[:1].isupper()))
    if len(plain) >= int(setting("clean", "language_min_plain", 4)):
        plain_lang, plain_confidence = _identifier().classify(" ".join(plain)[:5000])
        if plain_confidence >= float(setting("clean", "language_plain_confidence", 0.5)) \
                and plain_confidence >= confidence:  # the surer of the two readings
            sample, lang, confidence = plain, plain_lang, plain_confidence
    if (len(sample) < int(setting("clean", "language_short_words", 6))
            and confidence < float(setting("clean", "language_short_confidence", 0.9))
            and all(_latin(c) for w in sample for c in w if c.isalpha())):
        return "en"
    return str(lang)


# Scripts whose one letter writes what several Latin letters do (a syllable, a word)
_DENSE_SCRIPTS = frozenset(["CJK", "HIRAGANA", "KATAKANA", "HANGUL", "YI"])


def _script(c: str) -> str:
    """The script of a letter, as the first word of its Unicode name ("LATIN",
    "ARABIC", "CJK"); ASCII letters are Latin."""
    if c.isascii():
        return "LATIN"
    return unicodedata.name(c, "?").split(" ", 1)[0]


def _main_script(words: list[str]) -> list[str]:
    """The words written in the text's main script, when one script holds at least
    ``[clean] language_script_share`` of its letters (a letter of a dense script, CJK or
    Hangul, counting as ``language_dense_weight`` Latin ones); else all the words.

    The model scores byte n-grams, and those of another script weigh far more than
    their share of the text: an English article quoting one Arabic sentence (a fifth of
    its letters) was read as Arabic and left unannotated. A quote in the same script
    (French in English) is left to the model, which weighs it fairly.

    >>> _main_script("Troops shelled the town, a resident said: قصفت القوات".split())
    ['Troops', 'shelled', 'the', 'town,', 'a', 'resident', 'said:']
    """
    dense = float(setting("clean", "language_dense_weight", 3.0))
    scripts: list[Counter[str]] = []
    total: dict[str, float] = {}
    for w in words:
        here = Counter(_script(c) for c in w if c.isalpha())
        scripts.append(here)
        for name, n in here.items():
            total[name] = total.get(name, 0.0) + n * (dense if name in _DENSE_SCRIPTS else 1.0)
    if not total:
        return words
    main, weight = max(total.items(), key=lambda kv: kv[1])
    if weight < float(setting("clean", "language_script_share", 0.6)) * sum(total.values()):
        return words
    return [w for w, here in zip(words, scripts, strict=True)
            if here and here.most_common(1)[0][0] == main]


def _latin(c: str) -> bool:
    return c.isascii() or unicodedata.name(c, "").startswith("LATIN")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model with probabilities, limited to the languages that have an ISO
    639-1 code (the contract's codes): its other classes ("fuv", "arz", "zxx") are not."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([c for c in ident.nb_classes if len(c) == 2])
    return ident
