"""Figure extraction: the numbers a story reports, with what they count and who says so.

:func:`extract_figures` reads an article's existing spaCy parse (no second model) and
returns one :class:`~storyline.model.Figure` per reported number about the story:
"more than 2.4 million refugees" hosted by a neighbour, "235,000 civilians" displaced
between two dates, "$40 billion" spent, "Sixty per cent" of an area controlled.

How it works, in order:

1. Every sentence (cut again at line breaks, so web leftovers and headlines do not
   glue onto body sentences) is scanned with one regular expression for number
   expressions: digits ("235,000", "3.6"), words ("three", "Twenty-five", "a dozen"),
   scales ("million", "bn"), currencies ("$", "US$", "euros"), percentages
   ("per cent", "%"), lengths ("km", "kilometer", "mile"), ranges ("15-to-20",
   "between 10 and 12") and vague counts ("tens of thousands").
2. Candidates that are not figures are dropped: anything inside a time expression or
   a DATE/TIME/ORDINAL entity, years, times of day, durations and ages ("eight-year
   war", "nine months"), model numbers ("S-400", "MAKS-2019", "M4"), phone numbers,
   list enumerations, names ("Group of 20", "Resolution 2254"), conversions in
   brackets ("(9-to-12 mile)") and anaphoric counts ("the two leaders").
3. The dependency parse gives what is counted (the noun the number modifies, or
   "people" when a number stands alone as the subject of "displaced"), the verb that
   governs it ("killed", "hosted", "spent on ...") and hence ``what``; a place
   (``where``); the source (``attribution``: "according to X", "X said", "X
   estimated"); and, with the article's normalised time expressions, the period the
   number holds for (``as_of``).

Choices (kept consistent everywhere):

* ``value`` is a float. A range ("15-to-20", "15-20", "between 10 and 12", "two to
  three million") gives its low end in ``value``, its high end in ``value_max`` and
  qualifier ``"between"``; ``value_max`` is None for every other figure. "from 10 to
  12" is a change, not a range: it gives the end value. Vague counts give their order of magnitude with
  the vague phrase as qualifier: "hundreds of" -> 100, qualifier ``"hundreds"``.
* ``qualifier`` is one of ``more than``, ``at least``, ``about``, ``nearly``,
  ``up to``, ``fewer than``, ``less than``, ``an estimated``, ``between``, a vague
  phrase, or None. Synonyms are folded: "over", "in excess of" -> "more than";
  "around", "some", "approximately", "roughly" -> "about"; "almost", "close to" ->
  "nearly"; "as many as" -> "up to"; "under", "below" -> "less than".
* ``unit`` is ``people`` for counts of people, ``percent``, an ISO 4217 code for money
  (``USD``, ``EUR``, ``GBP``, ``TRY``, ``RUB``), ``km``/``mile``/``m``/``km2`` for
  lengths and areas, and otherwise the counted noun ("observation posts").
* ``what`` is "<counted noun phrase> <participle>" ("civilians killed", "refugees
  hosted", "government troops killed", "people displaced"), "<noun phrase>" when no
  known verb governs it ("observation posts"), "<of-object> <participle>" for
  percentages ("area controlled"), "<participle> <prep> <object>" for money ("spent
  on resettling Syrians") and the measured thing for lengths ("demilitarized zone").
* ``as_of`` is ``{"start", "end"}`` as ISO dates; the publication date (or "" when
  unknown, null in ``figures.jsonl``) for both when the sentence names no period.
* ``attribution`` and ``where`` are never taken from a phrase that touches a damaged
  span or that looks gapped ("The for Human Rights"): they are None instead.
"""

from __future__ import annotations

import calendar
import itertools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from storyline.annotate import doc_sentences, doc_text
from storyline.annotate.attribution import find_attribution
from storyline.annotate.times import resolve_range
from storyline.model import Figure, Mention, TimeExpression, stable_id
from storyline.text.spans import overlaps_any
from storyline.text.vocab import MONTHS, SPEECH_VERBS, TEENS, TENS, UNITS, WEEKDAY_NAMES

__all__ = ["extract_figures", "parse_number"]

def _words(spaced: str) -> frozenset[str]:
    """A word set written as one space-separated string (keeps the tables short)."""
    return frozenset(spaced.split())


# ---------------------------------------------------------------------------
# Number words and the number-expression pattern
# ---------------------------------------------------------------------------

_UNITS = UNITS
_TEENS = TEENS
_TENS = TENS
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "mn": 1e6, "mln": 1e6, "m": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12,
}
_VAGUE = {
    "dozens": 12.0, "scores": 20.0, "hundreds": 100.0, "thousands": 1e3,
    "tens of thousands": 1e4, "hundreds of thousands": 1e5, "millions": 1e6,
    "tens of millions": 1e7, "hundreds of millions": 1e8, "billions": 1e9,
}

_W_UNIT = "|".join(_UNITS)
_W_TEEN = "|".join(_TEENS)
_W_TEN = "|".join(_TENS)
_W1 = rf"(?:(?:{_W_TEN})(?:[-\s](?:{_W_UNIT})\b)?|(?:{_W_TEEN})|(?:{_W_UNIT}))"
_WORDNUM = (
    rf"(?:half\s+a|a\s+half|a|an|{_W1})\s+dozen"
    rf"|(?:a|an|one|{_W1})\s+hundred(?:\s+(?:and\s+)?{_W1})?"
    rf"|a(?=\s+(?:thousand|million|billion|trillion)\b)"
    rf"|half\s+a(?=\s+(?:million|billion)\b)"
    rf"|{_W1}"
    r"|dozen"
)
_DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
_NUM = rf"(?:{_DIGITS}|\b(?:{_WORDNUM})\b)"
_SCALE = (
    r"(?:\s*(?:hundred|thousand|million|billion|trillion)\b"
    r"|\s?(?:bn|mn|mln|tn)\b|(?<=[0-9])(?:m|k|b)\b)"
)
_CUR_BEFORE = r"(?:US\$|U\.S\.\s?\$|\$|€|£|USD\s?|EUR\s?|GBP\s?|TL\s?)"
_VAGUE_RE = (
    r"\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)"
    r"|dozens|scores|hundreds|thousands|millions|billions)\b"
)

_FIGURE_RE = re.compile(
    rf"""
    (?<![\w\-/:+.,$€£])
    (?:(?P<between>between)\s+|(?P<from>from)\s+)?
    (?P<cur>{_CUR_BEFORE})?
    (?:
        (?P<vague>{_VAGUE_RE})
      |
        (?P<n1>{_NUM})(?P<s1>{_SCALE})?
        (?:
            (?P<sep>(?(between)\s+and\s+|\s*(?:-to-|-|–|—|\bto\b)\s*))
            (?:{_CUR_BEFORE})?
            (?P<n2>{_NUM})(?P<s2>{_SCALE})?
        )?
    )
    (?P<tail>
        \s*(?P<pct>%|per\s?cent\b|percent\b|pct\b|percentage\s+points?\b)
      | \s*-?\s*(?P<meas>sq(?:uare)?\.?\s*(?:km|kilomet(?:er|re)s?|miles?)\b|km2|km²
          |kilomet(?:er|re)s?\b|kms?\b|miles?\b|metres?\b|meters?\b)
      | \s+(?P<cur_after>(?:US\s+)?dollars\b|euros?\b|pounds\s+sterling\b|lira\b|liras\b
          |rubles?\b|roubles?\b)
    )?
    """,
    re.IGNORECASE | re.VERBOSE,
)

_CURRENCY_CODES = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "usd": "USD", "eur": "EUR", "€": "EUR",
    "£": "GBP", "gbp": "GBP", "tl": "TRY", "dollars": "USD", "us dollars": "USD",
    "euro": "EUR", "euros": "EUR", "pounds sterling": "GBP", "lira": "TRY", "liras": "TRY",
    "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
}
_MEAS_UNITS = {
    "km": "km", "kms": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km",
    "kilometres": "km", "mile": "mile", "miles": "mile", "metre": "m", "metres": "m",
    "meter": "m", "meters": "m", "km2": "km2", "km²": "km2",
}

# Qualifiers written just before a number, and their canonical form.
_QUALIFIERS = {
    "more than": "more than", "over": "more than", "well over": "more than",
    "just over": "more than", "in excess of": "more than", "upwards of": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "a minimum of": "at least",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "circa": "about", "an estimated": "an estimated",
    "estimated": "an estimated", "nearly": "nearly", "almost": "nearly",
    "close to": "nearly", "just under": "nearly", "up to": "up to", "as many as": "up to",
    "at most": "up to", "no more than": "up to", "a maximum of": "up to",
    "fewer than": "fewer than", "less than": "less than", "under": "less than",
    "below": "less than",
}
_QUALIFIER_RE = re.compile(
    r"(?:^|\W)(?P<q>"
    + "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))
    + r")\s+(?:a\s+total\s+of\s+)?$",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------
# Vocabulary for the parse-based part
# ---------------------------------------------------------------------------

_TIME_UNITS = _words(
    "second seconds minute minutes hour hours day days week weeks month months year "
    "years decade decades century centuries night nights weekend weekends term terms "
    "round rounds time times o'clock am pm a.m. p.m. year-old years-old session "
    "sessions quarter quarters"
)
_MONTHS = frozenset(MONTHS) | frozenset(WEEKDAY_NAMES)
# Counted nouns that are not figures about a story ("the two leaders").
_NOT_COUNTED = _words(
    "leader country nation side party president minister state power ally way option "
    "step thing point issue reason scenario question word part one other guarantor "
    "page paragraph article chapter episode edition comment photo picture image video "
    "story place position percent per"
)
_PERSON_NOUNS = _words(
    "people person persons civilian child children kid woman man fighter militant "
    "rebel insurgent jihadist jihadi soldier troop troops officer refugee resident "
    "inhabitant migrant asylum seeker worker doctor nurse medic journalist student "
    "patient victim casualty member prisoner detainee hostage protester protestor "
    "demonstrator personnel staff idp idps policeman police guard mercenary "
    "militiaman combatant volunteer citizen national individual infant baby boy girl "
    "teenager minor adult elderly family families pupil teacher trooper gunman "
    "extremist terrorist recruit conscript defector returnee evacuee survivor dead "
    "displaced wounded injured marine pilot commander operative settler deportee "
    "passenger crew"
)
_PEOPLE_FAMILIES = {"family", "families"}

# verb lemma -> participle used in ``what`` when the counted noun is its object
# (or its passive subject).
_VERB_PARTICIPLE = {
    "kill": "killed", "slay": "killed", "murder": "killed", "massacre": "killed",
    "wound": "wounded", "injure": "injured", "hurt": "injured", "maim": "wounded",
    "displace": "displaced", "uproot": "displaced", "force": "displaced",
    "host": "hosted", "house": "hosted", "shelter": "hosted", "accommodate": "hosted",
    "welcome": "hosted", "take": "taken in", "absorb": "hosted",
    "arrest": "arrested", "detain": "detained", "capture": "captured", "jail": "jailed",
    "imprison": "imprisoned", "abduct": "abducted", "kidnap": "abducted",
    "evacuate": "evacuated", "deport": "deported", "expel": "expelled",
    "repatriate": "repatriated", "rescue": "rescued", "release": "released",
    "free": "released", "execute": "executed", "deploy": "deployed", "send": "sent",
    "station": "deployed", "destroy": "destroyed", "damage": "damaged", "hit": "hit",
    "strike": "hit", "shell": "shelled", "bomb": "bombed", "target": "targeted",
    "control": "controlled", "hold": "held", "seize": "captured", "recapture": "recaptured",
    "retake": "recaptured", "spend": "spent", "pledge": "pledged", "allocate": "allocated",
    "donate": "donated", "provide": "provided", "raise": "raised", "cost": "cost",
    "invest": "invested", "lose": "lost", "need": "needed", "request": "requested",
    "seek": "sought", "receive": "received", "register": "registered", "affect": "affected",
    "besiege": "besieged", "trap": "trapped", "strand": "stranded", "starve": "starved",
    "establish": "established", "set": "set up", "build": "built",
    "surround": "surrounded", "encircle": "surrounded",
    "launch": "launched", "fire": "fired", "conduct": "conducted", "carry": "carried out",
    "record": "recorded", "document": "documented", "treat": "treated",
    "admit": "admitted", "bury": "buried", "recover": "recovered", "identify": "identified",
}
# verbs whose active subject is the counted thing ("500,000 have fled")
_INTRANSITIVE = {
    "die": "died", "perish": "died", "flee": "fled", "escape": "fled", "leave": "fled",
    "return": "returned", "live": "living", "reside": "living", "shelter": "sheltering",
    "arrive": "arrived", "cross": "crossed", "remain": "remaining", "stay": "remaining",
    "starve": "starving", "suffer": "affected", "defect": "defected", "surrender": "surrendered",
    "drown": "drowned", "disappear": "missing", "vanish": "missing", "go": "missing",
    "need": "in need",
}
# nouns naming an event whose "of"-object is the counted thing ("the deaths of five children")
_NOMINAL_PARTICIPLE = {
    "death": "killed", "killing": "killed", "murder": "killed", "massacre": "killed",
    "injury": "wounded", "wounding": "wounded", "displacement": "displaced",
    "evacuation": "evacuated", "arrest": "arrested", "detention": "detained",
    "deportation": "deported", "return": "returned", "exodus": "fled", "flight": "fled",
    "release": "released", "execution": "executed", "deployment": "deployed",
    "abduction": "abducted", "rescue": "rescued", "hosting": "hosted",
    "destruction": "destroyed", "capture": "captured",
}
_PEOPLE_VERBS = {
    "killed", "wounded", "injured", "displaced", "hosted", "taken in", "arrested",
    "detained", "captured", "jailed", "imprisoned", "abducted", "evacuated", "deported",
    "expelled", "repatriated", "rescued", "released", "executed", "deployed", "died", "fled",
    "returned", "living", "sheltering", "arrived", "crossed", "remaining", "starving",
    "affected", "defected", "surrendered", "drowned", "missing", "in need", "besieged",
    "trapped", "stranded", "starved", "registered", "treated", "admitted", "buried",
    "received", "sent", "targeted", "identified",
}
# verbs reporting speech (the shared list) or an estimate: their subject is the
# attribution ("the UN estimated 3,000 people fled", "officials counted 40 bodies")
_SAY_VERBS = SPEECH_VERBS | _words(
    "estimate warn document record count put show cite tally calculate allege publish "
    "register verify compile find"
)
_HEDGE_AUX = {"would", "could", "might", "may", "will", "'ll", "should", "must", "shall", "can"}
_BLOCKING_HEADS = {"refrain", "prevent", "avoid", "stop", "threaten", "fear", "risk", "halt"}
_LOCATION_NOUNS = _words(
    "area areas stronghold province provinces region regions town towns city cities "
    "village villages camp camps zone zones border territory territories countryside "
    "district districts enclave pocket country neighbourhood neighborhood suburb "
    "suburbs countries governorate frontline front north south east west northwest "
    "northeast southwest southeast"
)
_PLACE_PREPS = _words(
    "in inside near across around throughout from at within into to outside"
)
_PRONOUNS = _words(
    "he she they it we i you who which that this these those one someone others some"
)
_PAST_WORDS_RE = re.compile(
    r"\b(?:past|last|previous|preceding|recent|first)\s*$", re.IGNORECASE
)
_SAME_PERIOD_RE = re.compile(
    r"\b(?:(?:in|during|over|for)\s+)?(?:the\s+same|that|this)\s+(?:period|time|span|"
    r"timeframe|time\s+frame)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Number:
    """One number expression found in the text."""

    start: int  # doc char offsets of the whole expression (currency/unit included)
    end: int
    num_start: int  # doc char offsets of the numeric part
    num_end: int
    value: float
    qualifier: str | None
    unit_kind: str  # "count", "percent", "money", "measure"
    unit: str | None
    vague: bool
    value_max: float | None = None  # the high end of a range


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def extract_figures(
    doc: Doc,
    *,
    article_id: str,
    published: str | None,
    times: Sequence[TimeExpression],
    damaged: Sequence[tuple[int, int]] = (),
) -> list[Figure]:
    """The figures reported in ``doc`` (the parsed text of article ``article_id``).

    ``published`` is the article's date (``YYYY-MM-DD``) or None; ``times`` its
    normalised time expressions (offsets into the same text); ``damaged`` the spans
    where the scraper dropped names. Pure: the same input gives the same output.
    """
    text = doc_text(doc)
    if not text or not any(ch.isdigit() or ch.isalpha() for ch in text):
        return []
    if not doc.has_annotation("DEP"):
        return []  # needs the article's parse (what is counted comes from it)
    pub = _iso_date(published) if published else None
    gaps = [(int(s), int(e)) for s, e in damaged]
    spans = [(s, e) for s, e in gaps if e > s]  # a number is lost only where text is
    times_sorted = sorted(times, key=lambda t: (t.start, t.end))
    figures: list[Figure] = []
    seen: set[tuple[int, int]] = set()
    last_period: tuple[str, str] | None = None
    for seg_start, seg_end, sent in _segments(doc):
        seg_text = text[seg_start:seg_end]
        if not any(ch.isdigit() for ch in seg_text) and not _WORDNUM_HINT.search(seg_text):
            continue
        seg_times = [t for t in times_sorted if t.start >= seg_start and t.end <= seg_end]
        carried = last_period if _SAME_PERIOD_RE.search(seg_text) else None
        prev_measure_end = -10
        for num in _numbers(seg_text, seg_start):
            if (num.start, num.end) in seen:
                continue
            # A conversion in brackets right after a measurement: "(9-to-12 mile)".
            before = text[max(seg_start, num.start - 3) : num.start]
            if num.unit_kind == "measure" and "(" in before and num.start - prev_measure_end < 4:
                continue
            if overlaps_any(num.num_start, num.num_end, spans):
                continue
            if _in_time(num, seg_times):
                continue
            built = _build(
                doc, sent, num, seg_start, seg_end, seg_times, pub, gaps, article_id, carried
            )
            if built is None:
                continue
            fig, explicit = built
            if not fig.what.strip() or not any(ch.isalnum() for ch in fig.unit):
                continue  # "a dozen - -": nothing is counted
            if num.unit_kind == "measure":
                prev_measure_end = num.end
            if explicit:
                last_period = (fig.as_of["start"], fig.as_of["end"])
            seen.add((num.start, num.end))
            figures.append(fig)
    return figures


_WORDNUM_HINT = re.compile(
    rf"\b(?:{_W_UNIT}|{_W_TEEN}|{_W_TEN}|dozens?|scores|hundreds?|thousands?|millions?|"
    r"billions?)\b",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------


def _segments(doc: Doc) -> Iterator[tuple[int, int, Span]]:
    """(start, end, parse sentence) of each sentence of the shared segmentation."""
    for piece in doc_sentences(doc):
        yield piece.start_char, piece.end_char, piece.sent


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


def parse_number(words: str, scale: str | None = None) -> float | None:
    """The value of a number written in digits or words ("3.6", "235,000", "Sixty",
    "twenty-five", "a dozen", "two hundred and five"), times ``scale`` ("million").
    None when it is not a finite number."""
    w = re.sub(r"\s+", " ", words.strip().lower())
    value: float | None
    if w and w[0].isdigit():
        digits = w.replace(",", "")
        if len(digits) > 16:
            return None
        try:
            value = float(digits)
        except ValueError:
            return None
    else:
        value = _word_value(w)
    if value is None:
        return None
    if scale:
        s = scale.strip().lower()
        factor = _SCALES.get(s)
        if factor is None:
            return None
        value *= factor
    if not math.isfinite(value):
        return None
    return value


def _word_value(w: str) -> float | None:
    if w in ("a", "an", "one"):
        return 1.0
    if w in ("half a", "a half"):
        return 0.5
    m = re.fullmatch(r"(.+?) dozen", w)
    if m:
        base = _word_value(m.group(1))
        return None if base is None else base * 12
    if w == "dozen":
        return 12.0
    m = re.fullmatch(r"(.+?) hundred(?: (?:and )?(.+))?", w)
    if m:
        base = _word_value(m.group(1))
        rest = _word_value(m.group(2)) if m.group(2) else 0.0
        if base is None or rest is None:
            return None
        return base * 100 + rest
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return float(_TENS[parts[0]] + _UNITS[parts[1]])
    for table in (_UNITS, _TEENS, _TENS):
        if w in table:
            return float(table[w])
    return None


def _exponent_notation(seg: str, start: int, end: int) -> bool:
    """Whether the number at ``seg[start:end]`` is a base or an exponent of exponent
    notation ("10^400", "10**6", "1.8e309"): such a value is no count of anything in a
    news sentence ("10^400 people" gave a figure of 400 people), so it is skipped.

    >>> s = "gave 10^400 people and 2e309 homes"
    >>> _exponent_notation(s, 5, 7), _exponent_notation(s, 8, 11), _exponent_notation(s, 25, 28)
    (True, True, True)
    """
    before = seg[max(0, start - 2):start]
    after = seg[end:end + 2]
    if before.endswith(("^", "**")) or after.startswith(("^", "**")):
        return True
    return len(before) == 2 and before[1] in "eE" and before[0].isdigit()


def _numbers(seg: str, offset: int) -> Iterator[_Number]:
    """Number expressions in a sentence piece that look like figures (before parsing)."""
    for m in _FIGURE_RE.finditer(seg):
        if not (m.group("n1") or m.group("vague")):
            continue
        start, end = m.start(), m.end()
        if m.group("between") or m.group("from"):
            prefix = m.group("between") or m.group("from")
            start = m.start() + len(prefix)
            while start < end and seg[start].isspace():
                start += 1
        after = seg[end : end + 2]
        # Attached letters or hyphen-compounds: "M4"-like, "1e309", "eight-year", "one-day".
        if after[:1].isalnum() or after[:1] in "_@":
            continue
        if after[:1] in "-‐" and after[1:2].isalpha() and not m.group("meas"):
            continue
        if after[:1] in ":/" and after[1:2].isdigit():
            continue
        if after[:1] in ".," and after[1:2].isdigit():
            continue
        if m.group("n1") and _exponent_notation(seg, m.start("n1"), end):
            continue
        vague = bool(m.group("vague"))
        qualifier: str | None = None
        value_max: float | None = None
        if vague:
            phrase = re.sub(r"\s+", " ", m.group("vague").lower())
            value: float | None = _VAGUE.get(phrase)
            qualifier = phrase
            num_start, num_end = m.start("vague"), m.end("vague")
        else:
            n1, s1 = m.group("n1"), m.group("s1")
            n2, s2 = m.group("n2"), m.group("s2")
            cur_after = m.group("cur_after")
            if s1 and s1.strip().lower() == "m" and not (m.group("cur") or cur_after):
                # "3m people" is three million; "a 5m wall" is metres: skip those
                nxt_word = re.match(r"\s+([A-Za-z]+)", seg[m.end() :])
                if not nxt_word or nxt_word.group(1).lower() not in _PERSON_NOUNS | {"syrians"}:
                    continue
            if n2 and m.group("sep") is not None:
                scale1 = s1 or s2
                v1 = parse_number(n1, scale1)
                v2 = parse_number(n2, s2 or s1)
                if v1 is None or v2 is None:
                    continue
                if m.group("from"):
                    value = v2
                elif v2 > v1:
                    value, value_max, qualifier = v1, v2, "between"
                else:
                    # "10-8" or "2-1" (scores), "7 to 3": not a range
                    continue
                num_start, num_end = m.start("n1"), m.end("s2") if s2 else m.end("n2")
            else:
                if m.group("between"):
                    continue  # "between 10 and" + something not a number
                value = parse_number(n1, s1)
                num_start, num_end = m.start("n1"), m.end("s1") if s1 else m.end("n1")
        if value is None:
            continue
        # unit
        unit_kind, unit = "count", None
        cur = m.group("cur") or m.group("cur_after")
        if m.group("pct"):
            unit_kind, unit = "percent", "percent"
        elif cur:
            code = _CURRENCY_CODES.get(re.sub(r"\s+", " ", cur.strip().lower()))
            if code is None:
                continue
            unit_kind, unit = "money", code
        elif m.group("meas"):
            meas = re.sub(r"[\s.]+", " ", m.group("meas").strip().lower())
            if meas.startswith("sq"):
                unit = "km2" if "km" in meas or "kilomet" in meas else "mile2"
            else:
                unit = _MEAS_UNITS.get(meas.replace(" ", ""))
            if unit is None:
                continue
            unit_kind = "measure"
        # qualifier written before the expression
        q = _QUALIFIER_RE.search(seg[max(0, start - 40) : start])
        if q and qualifier is None:
            qualifier = _QUALIFIERS[q.group("q").lower()]
        elif q and qualifier == "between":
            pass
        if not _plausible_shape(seg, m, start, end, value, unit_kind):
            continue
        yield _Number(
            start=offset + start, end=offset + end, num_start=offset + num_start,
            num_end=offset + num_end, value=value, qualifier=qualifier, unit_kind=unit_kind,
            unit=unit, vague=vague, value_max=value_max,
        )


def _plausible_shape(seg: str, m: re.Match[str], start: int, end: int, value: float,
                     unit_kind: str) -> bool:
    """Surface checks: years, enumerations, phone numbers, times of day, ages."""
    n1 = m.group("n1") or ""
    before = seg[:start]
    after = seg[end:]
    # Phone numbers and similar digit groups: "+90 212 555 1234", "555-1234".
    if re.search(r"[0-9][\s.\-]?$", before) and n1[:1].isdigit():
        return False
    if re.match(r"[\s.\-]?[0-9]", after) and n1[:1].isdigit() and not m.group("tail"):
        return False
    if re.search(r"\+\s*$", before):
        return False
    # Times of day: "at 10 pm", "10:28", "13.35 IST"
    if re.match(r"\s*(?:a\.?m\.?|p\.?m\.?|o'clock|hrs|GMT|UTC|IST)\b", after, re.IGNORECASE):
        return False
    # List enumerations: "1." / "(2)" / "3)" at the start of a piece.
    if re.fullmatch(r"\s*\(?", before) and re.match(r"\s*[.)](?:\s|$)", after):
        return False
    # Years and year-like numbers without a unit or separator.
    if (
        unit_kind == "count"
        and re.fullmatch(r"(?:1[5-9]|20)[0-9]{2}", n1)
        and not m.group("s1")
        and not m.group("n2")
    ):
        nxt = re.match(r"\s+([A-Za-z]+)", after)
        if not nxt or not nxt.group(1).endswith("s") or nxt.group(1).lower() in _TIME_UNITS:
            return False
    # Durations and ages: "nine months", "8 years old", "aged 12".
    nxt = re.match(r"\s*-?\s*([A-Za-z.']+)", after)
    if unit_kind == "count" and nxt and nxt.group(1).lower() in _TIME_UNITS:
        return False
    if re.search(r"\b(?:aged|age\s+of|ages\s+of|No\.|number|#|no)\s*$", before, re.IGNORECASE):
        return False
    # Day of a month: "April 30", "19 Apr, 2024", "30th of April".
    if unit_kind == "count" and n1[:1].isdigit():
        prev_word = re.search(r"([A-Za-z]+)\.?\s*$", before)
        next_word = re.match(r"\s*(?:of\s+)?([A-Za-z]+)", after)
        if prev_word and prev_word.group(1).lower() in _MONTHS:
            return False
        if next_word and next_word.group(1).lower() in _MONTHS:
            return False
    return not math.isnan(value)


def _in_time(num: _Number, times: Sequence[TimeExpression]) -> bool:
    return any(t.start < num.num_end and num.num_start < t.end for t in times)


# ---------------------------------------------------------------------------
# Building one figure from the parse
# ---------------------------------------------------------------------------


def _build(
    doc: Doc,
    sent: Span,
    num: _Number,
    seg_start: int,
    seg_end: int,
    seg_times: Sequence[TimeExpression],
    pub: str | None,
    gaps: Sequence[tuple[int, int]],
    article_id: str,
    carried_period: tuple[str, str] | None,
) -> tuple[Figure, bool] | None:
    """The figure for one number, and whether its period was stated in its sentence."""
    span = doc.char_span(num.num_start, num.num_end, alignment_mode="expand")
    full = doc.char_span(num.start, num.end, alignment_mode="expand")
    if span is None or full is None or len(span) == 0:
        return None
    # Inside a date/time/ordinal entity or a name ("Group of 20", "Resolution 2254").
    if num.unit_kind == "count" and _in_date_entity(span):
        return None
    if num.unit_kind == "count" and _is_name_number(span, sent.start):
        return None
    root = full.root
    seg_span = doc.char_span(seg_start, seg_end, alignment_mode="expand")
    seg_tokens = (seg_span.start, seg_span.end) if seg_span is not None else (sent.start, sent.end)

    head = _figure_head(num, span, full, root)
    if head is None:
        return None
    noun, what_np, gov = head
    verb, role = _governing_verb(gov)
    if verb is not None and _hedged(verb):
        return None
    participle = _participle(verb, role, gov)

    got = _what_and_unit(num, span, full, root, noun, what_np, verb, participle)
    if got is None:
        return None
    what, unit = got
    if not what or not what.strip():
        return None

    attribution, where = _attribution_and_where(
        doc, sent, full, noun, verb, participle, seg_tokens, gaps,
    )
    period = _period(doc, full, verb, seg_start, seg_end, seg_times, pub)
    explicit = period is not None
    if period is None and carried_period is not None:
        period = carried_period
    if period is None:
        period = (pub or "", pub or "")

    mention = Mention(
        article=article_id,
        quote=doc_text(doc)[seg_start:seg_end],
        start=seg_start,
        end=seg_end,
        attribution=attribution,
    )
    figure = Figure(
        id=stable_id("figure", article_id, str(num.num_start), str(num.num_end)),
        value=float(num.value),
        value_max=None if num.value_max is None else float(num.value_max),
        qualifier=num.qualifier,
        unit=unit,
        what=_clean_phrase(what),
        where=where[0] if where else None,
        as_of={"start": period[0], "end": period[1]},
        attribution=attribution,
        mention=mention,
    )
    return figure, explicit


def _figure_head(
    num: _Number, span: Span, full: Span, root: Token
) -> tuple[Token | None, str | None, Token] | None:
    """The counted noun, the phrase a share or measure is of, and the token whose role in
    the clause is followed upwards; None when the count is of a time unit ("nine months")."""
    noun: Token | None = None
    what_np: str | None = None
    if num.unit_kind == "count":
        noun = _counted_noun(span, full, root)
        if noun is not None and noun.lemma_.lower() in _TIME_UNITS:
            return None
        if noun is not None and noun.lower_ in _TIME_UNITS:
            return None
        return noun, what_np, noun if noun is not None else root
    if num.unit_kind == "percent":
        of_obj = _of_object(full)
        if of_obj is not None and of_obj.pos_ in ("NOUN", "PROPN"):
            what_np = _noun_phrase(of_obj, range(full.start, full.end))
        return noun, what_np, root
    if num.unit_kind == "money":
        return noun, what_np, root
    # measure
    head = root.head if root.head.i not in range(full.start, full.end) else root
    if head.pos_ in ("NOUN", "PROPN") and head is not root:
        return noun, _noun_phrase(head, range(full.start, full.end)), head
    return noun, what_np, root


def _what_and_unit(
    num: _Number,
    span: Span,
    full: Span,
    root: Token,
    noun: Token | None,
    what_np: str | None,
    verb: Token | None,
    participle: str | None,
) -> tuple[str, str] | None:
    """What the figure counts and its unit, by the kind of number; None when a count
    counts nothing a figure is about."""
    if num.unit_kind == "count":
        return _count_what(num, span, full, root, noun, participle)
    if num.unit_kind == "percent":
        return _percent_what(root, what_np, verb, participle), "percent"
    if num.unit_kind == "money":
        return _money_what(verb, participle, root, full) or "amount", num.unit or "USD"
    return what_np or (participle or "distance"), num.unit or "km"


def _count_what(
    num: _Number, span: Span, full: Span, root: Token, noun: Token | None,
    participle: str | None,
) -> tuple[str, str] | None:
    """What a count counts and its unit (people, families or the noun); None when it is
    a pronoun's, an uncounted noun's, a stray small number or 'one' as an article."""
    if noun is not None:
        lemma = noun.lemma_.lower()
        if lemma in _NOT_COUNTED or noun.lower_ in _NOT_COUNTED:
            return None
        if noun.pos_ == "PRON":
            return None
        np = _noun_phrase(noun, range(full.start, full.end))
        is_person = _is_person(noun)
        unit = "people" if is_person else np
        if is_person and lemma in _PEOPLE_FAMILIES:
            unit = "families"
        what = f"{np} {participle}" if participle else np
        if not is_person and participle is None and (_anaphoric(span) or num.value < 10):
            return None
    else:
        toll = _toll_what(root)
        if toll is not None:
            what, unit = toll
        elif participle is None or participle not in _PEOPLE_VERBS:
            return None
        else:
            unit = "people"
            what = f"people {participle}"
    if num.value <= 1 and not num.vague and (participle is None or noun is None):
        # "one" as a pronoun or an article ("one way or another", "one of them")
        return None
    if num.value < 1:
        return None
    return what, unit


def _percent_what(
    root: Token, what_np: str | None, verb: Token | None, participle: str | None
) -> str:
    """What a share is of: the 'of' phrase, the verb's participle, the clause's subject."""
    if what_np and participle:
        return f"{what_np} {participle}"
    if what_np:
        return what_np
    if participle:
        subj = _subject_phrase(verb) if verb is not None else None
        return f"{subj} {participle}" if subj else participle
    return _clause_subject_what(root) or "share"


def _attribution_and_where(
    doc: Doc,
    sent: Span,
    full: Span,
    noun: Token | None,
    verb: Token | None,
    participle: str | None,
    seg_tokens: tuple[int, int],
    gaps: Sequence[tuple[int, int]],
) -> tuple[str | None, tuple[str, int, int] | None]:
    """Who the figure is attributed to and where it is about; either is dropped when its
    phrase runs into a span where the scraper dropped names."""
    attribution, attr_span = _attribution(doc, seg_tokens, full, verb)
    if attribution is not None and (
        overlaps_any(attr_span[0], attr_span[1], gaps, touching=True)
        or _gapped_phrase(doc, attr_span)
    ):
        attribution = None
    where = _where(doc, sent, full, noun, verb, participle, attr_span, seg_tokens)
    if where is not None and (
        overlaps_any(where[1], where[2], gaps, touching=True)
        or _gapped_phrase(doc, (where[1], where[2]))
    ):
        where = None
    return attribution, where


def _in_date_entity(span: Span) -> bool:
    """Inside a DATE/TIME/ORDINAL entity that really is one: the small model also tags
    bare counts ("Between 10 and 12 people") as DATE, so a date entity counts only when
    it has a month, a time unit, a year or a clock time in it."""
    for ent in _ents_over(span.doc, span.start, span.end):
        if ent.label_ == "ORDINAL":
            return True
        if ent.label_ not in ("DATE", "TIME"):
            continue
        for t in ent:
            low = t.lower_.rstrip(".")
            if low in _MONTHS or low in _TIME_UNITS or low in _DATE_WORDS:
                return True
            if re.fullmatch(r"(?:1[5-9]|20)[0-9]{2}s?|[0-9]{1,2}[:.][0-9]{2}", t.text):
                return True
    return False


_DATE_WORDS = _words(
    "today yesterday tomorrow tonight morning afternoon evening noon midnight ago later "
    "earlier since spring summer autumn fall winter annual daily weekly monthly yearly "
    "st nd rd th"
)


def _is_name_number(span: Span, sent_start: int) -> bool:
    """The number is part of a name: "Group of 20", "Resolution 2254", "Route 5"."""
    doc = span.doc
    if any(t.ent_type_ in _NAME_ENTS for t in span):
        return True
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "of":
        i -= 1
    if i < sent_start or i < 0:
        return False
    prev = doc[i]
    return (
        prev.pos_ == "PROPN"
        and prev.text[:1].isupper()
        and prev.lower_.rstrip(".") not in _MONTHS
        and not prev.is_sent_start
        and prev.ent_type_ not in ("GPE", "NORP", "LOC")
        and (i == span.start - 1 or prev.ent_type_ in ("ORG", "EVENT", ""))
    )


_NAME_ENTS = {"PRODUCT", "LAW", "WORK_OF_ART", "FAC", "EVENT", "PERSON"}


def _counted_noun(span: Span, full: Span, root: Token) -> Token | None:
    """The noun the number counts: "369 *fighters*", "thousands of *civilians*"."""
    head = root.head
    doc = full.doc
    if head.i == root.i + 1 and head.whitespace_ == "" and head.i + 1 < len(doc) and (
        doc[head.i + 1].text in ("-", "‐")
    ):
        # the parser took the first half of a hyphenated modifier for the noun
        for j in range(head.i + 2, min(len(doc), head.i + 10)):
            tj = doc[j]
            if tj.is_space or (tj.is_punct and tj.text not in ("-", "‐", "“", "”", '"', "'")):
                break
            if tj.pos_ in ("NOUN", "PROPN") and tj.tag_ in ("NNS", "NNPS") and not (
                tj.whitespace_ == "" and j + 1 < len(doc) and doc[j + 1].text == "-"
            ):
                return tj
        return None
    if (
        root.dep_ in ("nummod", "compound", "amod", "quantmod", "nmod", "appos")
        and head.i not in range(full.start, full.end)
        and head.pos_ in ("NOUN", "PROPN", "ADJ")
        and head.i > root.i
    ):
        return head
    # "thousands of civilians", "235,000 of them"
    nxt = full.end
    if nxt < len(doc) and doc[nxt].lower_ == "of":
        for child in doc[nxt].children:
            if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN"):
                return child
            if child.dep_ == "pobj" and child.pos_ == "PRON":
                return None
    # Tagger read the number itself as the noun ("dozen", "thousands"), or spaCy hung
    # the noun under the number: look right for a plural noun directly attached.
    if nxt < len(doc):
        t = doc[nxt]
        # skip adjectives: "five wounded children" is parsed with children as head
        j = nxt
        while j < len(doc) and j - nxt < 4 and doc[j].pos_ in ("ADJ", "VERB") and doc[j].tag_ in (
            "JJ", "VBN", "VBD"
        ):
            j += 1
        if j < len(doc):
            t = doc[j]
            if t.pos_ in ("NOUN", "PROPN") and t.tag_ in ("NNS", "NNPS") and (
                t.head.i in range(full.start, full.end) or root.head.i == t.i
            ):
                return t
    return None


_RISE_VERBS = _words(
    "rise climb reach jump increase grow stand hit top exceed surpass pass soar mount "
    "be remain total"
)
_TOLL_NOUNS = _words("toll number total count tally figure")
_TOLL_WORDS = {
    "death": ("people killed", "people"),
    "dead": ("people killed", "people"),
    "casualty": ("casualties", "people"),
    "displaced": ("people displaced", "people"),
    "refugee": ("refugees", "people"),
    "wounded": ("people wounded", "people"),
    "injured": ("people injured", "people"),
    "injury": ("people injured", "people"),
}


def _toll_what(root: Token) -> tuple[str, str] | None:
    """"The death toll rose to 500", "the number of displaced reached 900,000":
    (what, unit) from the subject of the rising verb."""
    verb: Token | None = None
    if root.dep_ == "pobj" and root.head.lower_ in ("to", "at", "above", "past"):
        verb = root.head.head
    elif root.dep_ in ("dobj", "attr", "npadvmod"):
        verb = root.head
    if verb is None or verb.lemma_.lower() not in _RISE_VERBS:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lemma_.lower() not in _TOLL_NOUNS:
        return None
    words = [c.lemma_.lower() for c in subj.children if c.dep_ in ("compound", "amod")]
    of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    if obj is not None:
        words.append(obj.lemma_.lower())
        words.append(obj.lower_)
    for w in words:
        if w in _TOLL_WORDS:
            return _TOLL_WORDS[w]
    if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
        phrase = _noun_phrase(obj)
        return phrase, ("people" if _is_person(obj) else phrase)
    return None


def _of_object(full: Span) -> Token | None:
    doc = full.doc
    for tok in full:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for g in child.children:
                    if g.dep_ == "pobj":
                        return g
    nxt = full.end
    if nxt < len(doc) and doc[nxt].lower_ == "of":
        for g in doc[nxt].children:
            if g.dep_ == "pobj":
                return g
    return None


def _is_person(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    low = noun.lower_
    if lemma in _PERSON_NOUNS or low in _PERSON_NOUNS:
        return True
    if noun.ent_type_ == "NORP" and low.endswith("s"):
        return True  # "Syrians", "Kurds", "Afghans"
    return any(
        c.dep_ == "compound" and c.lemma_.lower() in ("aid", "asylum", "health", "rescue")
        for c in noun.children
    ) and lemma in ("worker", "seeker")


def _noun_phrase(noun: Token, skip: range = range(0)) -> str:
    """A short normalised phrase for a counted noun: compounds and participle adjectives
    kept ("government troops", "observation posts", "displaced Syrians"), nationality
    adjectives and determiners dropped ("Syrian refugees" -> "refugees"). Tokens whose
    index is in ``skip`` (the number expression itself: "15-to-20 kilometer zone", which
    the parser may take for compounds) are never part of the phrase."""
    keep: list[Token] = []
    for child in noun.lefts:
        if child.i in skip:
            continue
        if child.dep_ == "compound" and child.ent_type_ not in ("NORP", "GPE", "DATE", "CARDINAL"):
            if child.pos_ in ("NOUN", "PROPN", "ADJ") and child.like_num is False:
                keep.extend(t for t in child.subtree if t.dep_ in ("compound", "punct")
                            or t is child)
        elif (
            child.dep_ == "amod"
            and child.ent_type_ != "NORP"
            and child.lower_ not in _DROPPED_ADJ
            and (child.tag_ in ("VBN", "VBD") or child.lower_ in _KEPT_ADJ)
        ) or (child.dep_ == "nmod" and child.pos_ == "NOUN" and child.ent_type_ == ""):
            keep.append(child)
    words = sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)
    parts = [_word(t) for t in words if not t.like_num and t.pos_ != "PUNCT" and t.i not in skip]
    parts.append(_word(noun))
    # hyphenated compounds: "de-escalation zones" is "de", "-", "escalation"
    phrase = " ".join(parts)
    return re.sub(r"\s*-\s*", "-", phrase)


_DROPPED_ADJ = {"estimated", "reported", "confirmed", "so-called", "other", "additional"}
_KEPT_ADJ = _words(
    "displaced wounded injured dead armed internally military civilian foreign "
    "observation humanitarian medical de-escalation"
)


def _word(t: Token) -> str:
    if t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG") or t.text.isupper():
        return t.text
    return t.text.lower()


def _clean_phrase(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip(" ,.;:-")
    return s


def _first_conjunct(tok: Token) -> Token:
    seen = 0
    while tok.dep_ == "conj" and tok.head is not tok and seen < 20:
        tok = tok.head
        seen += 1
    return tok


def _governing_verb(gov: Token) -> tuple[Token | None, str]:
    """The verb (or event noun) the counted thing depends on, and its role there:
    ``obj`` (object or passive subject), ``subj`` (active subject), ``of`` (event noun's
    of-object), ``home`` ("home to"), ``acl`` (participle on the noun)."""
    g = _first_conjunct(gov)
    dep = g.dep_
    head = g.head
    if dep in ("nsubjpass", "dobj", "obj", "oprd") and head.pos_ in ("VERB", "AUX"):
        return head, "obj"
    if dep in ("nsubj", "csubj") and head.pos_ in ("VERB", "AUX", "ADJ"):
        return head, "subj"
    if dep == "pobj":
        prep = head
        ph = prep.head
        if prep.lower_ == "to" and ph.lower_ == "home":
            # "Turkey is home to ...": the copula; "Turkey, home to ...": "home" itself
            return (ph.head, "home") if ph.head.pos_ in ("AUX", "VERB") else (ph, "home")
        if prep.lower_ == "of" and ph.pos_ == "NOUN" and ph.lemma_.lower() in _NOMINAL_PARTICIPLE:
            return ph, "of"
        if prep.lower_ == "of" and ph.pos_ in ("NOUN", "NUM"):
            # "the lives of 3 million people", "a total of 500 people": follow up
            return _governing_verb(ph)
        if ph.pos_ == "VERB" and prep.lower_ in ("to", "at", "by"):
            return ph, prep.lower_
    if dep == "attr" and head.pos_ == "AUX":
        return head, "attr"
    if dep == "appos" and head is not g:
        return _governing_verb(head)
    # participle or relative clause on the noun: "Syrians displaced from", "who fled"
    for child in gov.children:
        if child.dep_ == "acl" and child.tag_ in ("VBN", "VBD") and (
            child.lemma_.lower() in _VERB_PARTICIPLE
        ):
            return child, "acl"
        if child.dep_ == "relcl" and any(
            c.dep_ == "nsubj" and c.lower_ in ("who", "that", "which") for c in child.children
        ):
            return child, "subj"
    return (head, "other") if head.pos_ in ("VERB", "AUX") else (None, "none")


def _participle(verb: Token | None, role: str, gov: Token) -> str | None:
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    if role == "home":
        return "hosted"
    if role == "of":
        return _NOMINAL_PARTICIPLE.get(lemma)
    if role in ("obj", "acl"):
        if _first_conjunct(gov).dep_ == "nsubjpass":
            return _VERB_PARTICIPLE.get(lemma) or _INTRANSITIVE.get(lemma)
        if lemma == "leave" and role == "obj":
            return None
        return _VERB_PARTICIPLE.get(lemma)
    if role == "subj":
        if lemma in _INTRANSITIVE:
            return _INTRANSITIVE[lemma]
        # passive without auxpass marking ("were displaced" parsed as nsubj + VBN)
        if verb.tag_ == "VBN" and any(c.dep_ in ("auxpass", "aux") and c.lemma_ == "be"
                                      for c in verb.children):
            return _VERB_PARTICIPLE.get(lemma)
        return None
    if role == "to" and lemma in ("rise", "climb", "reach", "jump", "increase", "grow"):
        return None
    return None


def _hedged(verb: Token) -> bool:
    """The clause is negated, hypothetical or something to be prevented."""
    for c in verb.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ == "aux" and c.lower_ in _HEDGE_AUX:
            return True
    t = verb
    for _ in range(4):
        if t.head is t or t.dep_ in ("nsubj", "nsubjpass", "relcl", "appos", "advmod", "acl"):
            break  # the figure sits in a subject or a modifier, not in what is feared
        t = t.head
        if t.lemma_.lower() in _BLOCKING_HEADS:
            return True
        if t.dep_ == "ROOT":
            break
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)


def _anaphoric(span: Span) -> bool:
    """"the two", "these three": a count that refers back rather than reports."""
    i = span.start - 1
    doc = span.doc
    return i >= 0 and doc[i].lower_ in ("the", "these", "those", "both", "all")


def _subject_phrase(verb: Token) -> str | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN"):
            return _noun_phrase(c)
    return None


def _clause_subject_what(root: Token) -> str | None:
    """"turnout was 60 percent" -> "turnout"."""
    if root.dep_ in ("attr", "acomp") and root.head.pos_ == "AUX":
        return _subject_phrase(root.head)
    return None


def _money_what(verb: Token | None, participle: str | None, root: Token, full: Span) -> str | None:
    """"spent on resettling Syrians", "aid pledged", "reconstruction"."""
    doc = full.doc
    # "$40 billion in aid", "$3bn for reconstruction"
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "for", "of", "on"):
            obj = _prep_object(child)
            if obj:
                return f"{participle} {child.lower_} {obj}" if participle else obj
    if verb is not None and participle:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "for", "to", "in") and (
                child.i > root.i
            ):
                obj = _prep_object(child)
                if obj:
                    return f"{participle} {child.lower_} {obj}"
        if subj is not None and subj.pos_ in ("NOUN", "PROPN") and participle in (
            "received", "requested", "sought", "needed", "lost", "raised"
        ):
            return f"{participle} by {_noun_phrase(subj)}"
        return participle
    head = root.head
    if head.pos_ == "NOUN" and head.i > root.i and head.i not in range(full.start, full.end):
        return _noun_phrase(head)
    _ = doc
    return None


def _prep_object(prep: Token) -> str | None:
    for g in prep.children:
        if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"):
            return _noun_phrase(g)
        if g.dep_ == "pcomp" and g.pos_ == "VERB":
            obj = next((c for c in g.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                return f"{g.lower_} {_noun_phrase(obj)}"
            return g.lower_
    return None


# ---------------------------------------------------------------------------
# Attribution
# ---------------------------------------------------------------------------


def _attribution(doc: Doc, seg: tuple[int, int], full: Span, verb: Token | None
                 ) -> tuple[str | None, tuple[int, int]]:
    """Who reports the number: "according to X", "X said/says/estimated" above the
    figure's clause (not a say-verb whose *subject* holds the figure), "..., X said"
    beside it, or "cited by X"."""
    lo, hi = seg
    found = find_attribution(verb if verb is not None else full.root, lo, hi,
                             after=full.end - 1, verbs=_SAY_VERBS)
    if found is None:
        return None, (-1, -1)
    return _actor_phrase(found.speaker, seg)


def _actor_phrase(head: Token, seg: tuple[int, int]) -> tuple[str | None, tuple[int, int]]:
    """The source's name: the head's subtree up to a comma or a clause, inside the
    sentence piece; for a mis-parsed head, the noun phrase run ending at it."""
    doc = head.doc
    seg_lo, seg_hi = seg
    idx = {t.i for t in head.subtree if seg_lo <= t.i < seg_hi}
    idx.add(head.i)
    stop = (",", "(", "—", "–", ";", ":", '"', "“", "”")
    lo = hi = head.i
    while lo - 1 in idx and doc[lo - 1].text not in stop:
        lo -= 1
    while (
        hi + 1 in idx
        and doc[hi + 1].text not in stop
        and doc[hi + 1].dep_ not in ("relcl", "acl")
    ):
        hi += 1
    # the subtree did not reach back (mis-parse): take the noun phrase run before it
    if lo == head.i:
        while lo - 1 >= seg_lo and doc[lo - 1].pos_ in ("DET", "PROPN", "NOUN", "PART", "ADJ") \
                and doc[lo - 1].text not in stop and not doc[lo - 1].is_space:
            lo -= 1
    span = doc[lo : hi + 1]
    start_char, end_char = span.start_char, span.end_char
    if head.lower_ in _PRONOUNS and len(span) == 1:
        return None, (start_char, end_char)
    words = list(span)
    if words and words[0].lower_ in ("the", "a", "an") and head.pos_ == "PROPN" and not any(
        w.lower_ in ("'s", "’s") for w in words
    ):
        words = words[1:]
    if not words:
        return None, (start_char, end_char)
    text = doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
    if words[0].lower_ == "the":
        text = "the" + text[3:]
    text = text.strip(" ,;:")
    if not text or len(text) > 120 or not any(ch.isalpha() for ch in text):
        return None, (start_char, end_char)
    return text, (start_char, end_char)


def _gapped_phrase(doc: Doc, span: tuple[int, int]) -> bool:
    """A phrase that shows a dropped name: "The for Human Rights", "the of Defence",
    or one that ends on a determiner or preposition."""
    if span[0] < 0:
        return False
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return True
    toks = list(sp)
    for a, b in itertools.pairwise(toks):
        if a.lower_ in ("the", "a", "an", "'s") and (
            b.pos_ in ("ADP", "CCONJ", "PUNCT", "AUX", "VERB") or b.lower_ in ("'s",)
        ):
            return True
    last = toks[-1]
    return last.lower_ in ("the", "a", "an", "of", "for", "and", "'s")


# ---------------------------------------------------------------------------
# Where
# ---------------------------------------------------------------------------


def _where(
    doc: Doc,
    sent: Span,
    full: Span,
    noun: Token | None,
    verb: Token | None,
    participle: str | None,
    attr_span: tuple[int, int],
    seg_tokens: tuple[int, int],
) -> tuple[str, int, int] | None:
    """The place the figure is about: the host of hosted people, a place phrase on the
    verb or the noun ("in Idlib", "in government areas"), else a place named in the
    figure's clause (for hosted people: in its sentence)."""
    lo, hi = seg_tokens
    inside = range(lo, hi)

    def ok(found: tuple[str, int, int] | None) -> bool:  # inside the piece, not the source
        if found is None:
            return False
        _, a, b = found
        return doc[lo].idx <= a and b <= doc[hi - 1].idx + len(doc[hi - 1].text) and not (
            attr_span[0] <= a < attr_span[1]
        )

    # host: "Turkey, which is hosting ...", "Idlib is home to ..."
    if verb is not None and participle == "hosted":
        host = _resolved_subject(verb)
        if host is not None and host.i in inside and (
            host.ent_type_ in ("GPE", "LOC") or host.pos_ == "PROPN"
        ):
            host_place = _place_text(host)
            if ok(host_place):
                return host_place
    anchors: list[Token] = []
    if verb is not None:
        anchors.append(verb)
    if noun is not None:
        anchors.append(noun)
    anchors.append(full.root)
    for anchor in anchors:
        prep_place = _place_in_preps(anchor, depth=2)
        if ok(prep_place):
            return prep_place
    # a place named in the figure's clause (for hosted people, anywhere in the sentence)
    scope = verb if verb is not None else (noun if noun is not None else full.root)
    pool = list(doc[lo:hi]) if participle == "hosted" else _clause_tokens(scope)
    for t in pool:
        if (
            t.i in inside
            and t.ent_type_ in ("GPE", "LOC", "FAC")
            and t.ent_iob_ == "B"
            and t.dep_ != "poss"
            and t.i not in range(full.start, full.end)
        ):
            ent = _entity_of(t)
            if ent is not None and ent.label_ in ("GPE", "LOC", "FAC"):
                ent_place = (ent.text, ent.start_char, ent.end_char)
                if ok(ent_place):
                    return ent_place
    return None


def _clause_tokens(head: Token) -> list[Token]:
    """The head's subtree without clauses hung on it ("a group operating in Syria") and
    without its active subject ("Russia has deployed 3,000 troops")."""
    out: list[Token] = []
    stack = [head]
    skip = ("relcl", "acl", "appos", "advcl", "ccomp", "parataxis", "conj")
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(
            c
            for c in t.children
            if c.dep_ not in skip and not (t is head and c.dep_ in ("nsubj", "poss"))
        )
    return sorted(out, key=lambda t: t.i)


def _resolved_subject(verb: Token) -> Token | None:
    v = verb
    if v.lower_ == "home" and v.dep_ in ("appos", "npadvmod", "advmod", "conj") and (
        v.head is not v and v.head.pos_ in ("PROPN", "NOUN")
    ):
        return v.head  # "Turkey, home to 3.6 million refugees"
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and v.dep_ == "conj":
        return _resolved_subject(v.head)
    if subj is None:
        return None
    if subj.lower_ in ("which", "that", "who") and v.dep_ == "relcl":
        return v.head
    return subj


def _place_text(tok: Token) -> tuple[str, int, int]:
    ent = _entity_of(tok)
    if ent is not None:
        return ent.text, ent.start_char, ent.end_char
    return tok.text, tok.idx, tok.idx + len(tok.text)


def _entity_of(tok: Token) -> Span | None:
    return next(iter(_ents_over(tok.doc, tok.i, tok.i + 1)), None)


def _ents_over(doc: Doc, start: int, end: int) -> list[Span]:
    """The named entities overlapping tokens ``start:end``, read from the tokens' IOB tags
    (``doc.ents`` builds every entity of the document on each access: quadratic in long
    texts)."""
    out: list[Span] = []
    i = start
    while i < end:
        t = doc[i]
        if t.ent_iob_ in ("B", "I"):
            lo = i
            while lo > 0 and doc[lo].ent_iob_ == "I":
                lo -= 1
            hi = i + 1
            while hi < len(doc) and doc[hi].ent_iob_ == "I":
                hi += 1
            out.append(Span(doc, lo, hi, label=t.ent_type_))
            i = hi
        else:
            i += 1
    return out


def _place_in_preps(anchor: Token, depth: int) -> tuple[str, int, int] | None:
    for child in anchor.children:
        if child.dep_ != "prep" or child.lower_ not in _PLACE_PREPS:
            continue
        for obj in child.children:
            if obj.dep_ != "pobj":
                continue
            if obj.ent_type_ in ("GPE", "LOC", "FAC"):
                return _place_text(obj)
            if (
                obj.pos_ == "PROPN"
                and child.lower_ in ("in", "inside", "near", "across", "throughout", "around")
                and obj.ent_type_ in ("", "LANGUAGE", "NORP")
                and obj.text[:1].isupper()
            ):
                # the small model often mislabels places ("in Aleppo" as LANGUAGE)
                run = [c for c in obj.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
                first = min([*run, obj], key=lambda c: c.i)
                return doc_text(obj.doc)[first.idx : obj.idx + len(obj.text)], first.idx, (
                    obj.idx + len(obj.text)
                )
            if obj.lower_ in _LOCATION_NOUNS and obj.pos_ == "NOUN":
                # "the town of Saraqeb", "the province of Idlib"
                for of in obj.children:
                    if of.dep_ == "prep" and of.lower_ == "of":
                        named = next((g for g in of.children if g.dep_ == "pobj"
                                      and g.pos_ == "PROPN"), None)
                        if named is not None:
                            return _place_text(named)
                mods = [c for c in obj.lefts if c.dep_ in ("compound", "amod")
                        and c.pos_ in ("NOUN", "ADJ", "PROPN")]
                if mods:
                    first = min(mods, key=lambda c: c.i)
                    start = first.idx
                    end = obj.idx + len(obj.text)
                    return doc_text(obj.doc)[start:end], start, end
            if depth > 1:
                deeper = _place_in_preps(obj, depth - 1)
                if deeper is not None:
                    return deeper
    return None


# ---------------------------------------------------------------------------
# Period (as_of)
# ---------------------------------------------------------------------------


def _iso_date(s: str) -> str | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s.strip())
    if not m:
        return None
    try:
        date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return m.group(0)


def timex_range(value: str, text: str = "", pub: str | None = None) -> tuple[str, str] | None:
    """The ISO date range a TIMEX3 DATE value covers, as :func:`resolve_range` gives it,
    plus what figures need on top: ``a/b`` intervals, ``PRESENT_REF`` (the publication
    date), and a month narrowed by modifiers written in ``text`` ("early May" -> 1-10,
    "mid" 11-20, "late" 21-end)."""
    v = value.strip().upper()
    if "/" in v:
        a, _, b = v.partition("/")
        ra, rb = timex_range(a, "", pub), timex_range(b, "", pub)
        if ra and rb:
            return ra[0], rb[1]
        return None
    if v == "PRESENT_REF":
        return (pub, pub) if pub else None
    span = resolve_range(v)
    if span is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}", v.split("T", 1)[0]):
        y, mo = int(v[:4]), int(v[5:7])
        last = calendar.monthrange(y, mo)[1]
        low = text.lower()
        lo, hi = 1, last
        if re.search(r"\bearly\b|\bbeginning\b|\bstart\b", low):
            lo, hi = 1, 10
        elif re.search(r"\bmid\b|\bmiddle\b|\bmid-", low):
            lo, hi = 11, 20
        elif re.search(r"\blate\b|\bend\b", low):
            lo, hi = 21, last
        return date(y, mo, lo).isoformat(), date(y, mo, hi).isoformat()
    return span


def _duration_back(value: str, pub: str) -> str | None:
    m = re.fullmatch(r"P(\d{1,4})([DWMY])", value.strip().upper())
    if not m:
        return None
    n, u = int(m.group(1)), m.group(2)
    d = date.fromisoformat(pub)
    try:
        if u == "D":
            return (d - timedelta(days=n)).isoformat()
        if u == "W":
            return (d - timedelta(weeks=n)).isoformat()
        months = n if u == "M" else 12 * n
        y, mo = divmod(d.year * 12 + d.month - 1 - months, 12)
        day = min(d.day, calendar.monthrange(y, mo + 1)[1])
        return date(y, mo + 1, day).isoformat()
    except (ValueError, OverflowError):
        return None


def _period(
    doc: Doc,
    full: Span,
    verb: Token | None,
    seg_start: int,
    seg_end: int,
    seg_times: Sequence[TimeExpression],
    pub: str | None,
) -> tuple[str, str] | None:
    """The period the figure holds for, from the time expressions of its sentence."""
    usable: list[tuple[TimeExpression, tuple[str, str]]] = []
    text = doc_text(doc)
    anchor = verb if verb is not None else full.root
    since_clause: set[int] = set()
    for t in seg_times:
        if t.start < full.end_char and full.start_char < t.end:
            continue
        where = _time_clause(doc, t, anchor)
        if where == "other":
            continue  # "... said on Monday", "... who arrived in 2015"
        if where == "since":
            since_clause.add(id(t))
        prefix = text[max(seg_start, t.start - 25) : t.start].lower()
        if t.type == "DURATION":
            if pub and (
                _PAST_WORDS_RE.search(prefix.rstrip())
                or re.search(r"\b(?:past|last|previous|recent)\b", t.text, re.IGNORECASE)
            ):
                back = _duration_back(t.value, pub)
                if back:
                    usable.append((t, (back, pub)))
            continue
        if t.type not in ("DATE", "TIME"):
            continue
        rng = timex_range(t.value, t.text, pub)
        if rng is None:
            continue
        if pub and rng[0] > pub:
            continue  # a future date is not when the number held
        usable.append((t, rng))
    if not usable:
        return None
    # Prefer a time attached to the figure's verb, else the nearest one.
    anchor_i = verb.i if verb is not None else full.root.i

    def attached(t: TimeExpression) -> bool:
        sp = doc.char_span(t.start, t.end, alignment_mode="expand")
        if sp is None or len(sp) == 0:
            return False
        r = sp.root
        for _ in range(4):
            if r.i == anchor_i:
                return True
            if r.head is r:
                return False
            r = r.head
        return False

    def distance(t: TimeExpression) -> int:
        return min(abs(t.start - full.end_char), abs(full.start_char - t.end))

    # The second half of "between A and B" / "from A to B" stands for the whole range.
    by_start = sorted(usable, key=lambda p: p[0].start)
    for k in range(1, len(by_start)):
        a, b = by_start[k - 1][0], by_start[k][0]
        gap = text[a.end : b.start]
        a_prefix = text[max(seg_start, a.start - 25) : a.start].lower()
        if re.fullmatch(r"\s*(?:and|to|until|till|through|-|–)\s*", gap) and re.search(
            r"\b(?:between|from)\s*$", a_prefix
        ):
            usable = [p for p in usable if p[0] is not b]
    usable.sort(key=lambda p: (not attached(p[0]), distance(p[0])))
    t, (start, end) = usable[0]
    prefix = text[max(seg_start, t.start - 25) : t.start].lower()
    suffix = text[t.end : min(seg_end, t.end + 30)]
    if id(t) in since_clause:
        return start, pub or end  # "since the war began in 2011"
    if re.search(r"\b(?:since|from)\s*$", prefix):
        # "since April 30", "from May 1 to 10"
        later = [
            p
            for p in by_start
            if p[0].start > t.end
            and p[0].start - t.end < 12
            and re.fullmatch(r"\s*(?:to|until|till|through|and|-|–)\s*", text[t.end : p[0].start])
        ]
        if later:
            return start, later[0][1][1]
        end2 = _short_second_day(t, suffix, start)
        if end2:
            return start, end2
        return start, pub or end
    if re.search(r"\bbetween\s*$", prefix):
        later = [p for p in by_start if p[0].start > t.end and p[0].start - t.end < 12]
        if later:
            return start, later[0][1][1]
        end2 = _short_second_day(t, suffix, start)
        if end2:
            return start, end2
        return start, end
    # "between December 12 and 25" given as one expression
    m = re.search(r"(\d{1,2})\s*(?:and|to|-|–)\s*(\d{1,2})\s*$", t.text)
    if m and re.search(r"\b(?:between|from)\b", t.text, re.IGNORECASE):
        try:
            d0 = date.fromisoformat(start)
            return (d0.replace(day=int(m.group(1))).isoformat(),
                    d0.replace(day=int(m.group(2))).isoformat())
        except ValueError:
            return start, end
    if re.search(r"\b(?:by|until|till|as\s+of|up\s+to)\s*$", prefix):
        return end, end
    return start, end


_CLAUSE_DEPS = ("advcl", "relcl", "acl", "ccomp", "parataxis", "csubj", "xcomp")


def _time_clause(doc: Doc, t: TimeExpression, anchor: Token) -> str:
    """Whether a time expression belongs to the figure's clause ("own"), to a "since"
    clause on it ("since"), or to some other clause of the sentence ("other")."""
    sp = doc.char_span(t.start, t.end, alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return "own"
    above = {anchor.i, *(a.i for a in anchor.ancestors)}
    r = sp.root
    status = "own"
    for _ in range(40):
        if r.i in above:
            return status
        if r.dep_ in _CLAUSE_DEPS:
            if any(c.dep_ == "mark" and c.lower_ == "since" for c in r.children):
                status = "since"
            elif r.dep_ != "xcomp":
                return "other"
        if r.head is r:
            break
        r = r.head
    return status


def _short_second_day(t: TimeExpression, suffix: str, start: str) -> str | None:
    """"between December 12 and 25" when only "December 12" is a time expression."""
    m = re.match(r"\s*(?:and|to|until|till|through|-|–)\s*(\d{1,2})\b(?!\s*[,:]?\s*\d{3})", suffix)
    if not m:
        return None
    try:
        d0 = date.fromisoformat(start)
        d1 = d0.replace(day=int(m.group(1)))
    except ValueError:
        return None
    return d1.isoformat() if d1 >= d0 else None
