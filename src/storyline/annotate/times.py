"""Time expressions: find them in English news text and normalise them to TIMEX3 values.

A rule-based tagger in the spirit of HeidelTime: a set of regular expressions,
compiled once, proposes candidate spans; overlapping candidates are resolved
longest-first; then, in text order, each candidate is normalised against the
document creation time (DCT), the tense of its sentence and the last date the
text mentioned (for anaphoric expressions such as "that year" or "a year
earlier").

Values follow TimeML/TIMEX3 as TempEval-3 annotates them::

    DATE      1998-02-13, 1998-02, 1998, 199 (the 1990s), 19 (the 20th century),
              1998-W07, 1998-W07-WE, 1998-Q3, 1998-H1, 1998-SU,
              PRESENT_REF, PAST_REF, FUTURE_REF, XXXX-09-07 (year unknown)
    TIME      1998-02-13T14:30, 1998-02-13T17, 1998-02-13TNI
    DURATION  P3Y, P2W, P9M, PT2H, P1DE, PXY (unspecified number)
    SET       P1W (every week), XXXX-WXX-1 (every Monday)

:func:`find_times` is pure and never raises on any input; :func:`resolve_range`
maps a DATE value to the ISO dates it covers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

from storyline.model import TimeExpression
from storyline.text.sentences import sentence_spans
from storyline.text.spans import SpanSet
from storyline.text.vocab import (
    MONTH_NAMES,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    possible_day,
)

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Tense = Literal["past", "future", "none"]

__all__ = ["RULES", "VALUE_RE", "RuleExample", "TimeRule", "find_times", "resolve_range",
           "rule_times", "times_command"]

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

_MONTHS: dict[str, int] = dict(MONTHS)
_WEEKDAYS: dict[str, int] = dict(WEEKDAYS)

# the shared number words (no "zero": "zero days" is no duration), and the phrases of counts
_NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, **{w: n for w, n in NUMBER_WORDS.items() if n},
    "a hundred": 100, "one hundred": 100, "a thousand": 1000, "thousand": 1000,
    "a dozen": 12, "dozen": 12, "half a": 0.5, "a half": 0.5, "half": 0.5,
    "a couple of": 2, "a couple": 2, "couple of": 2,
}
_VAGUE_NUMBERS = {"a few", "few", "several", "many", "some", "numerous", "a number of"}

_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "last": 4, "final": 4,
}

_UNIT_CODE: dict[str, str] = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE", "centurie": "CE", "millennium": "ML", "millennia": "ML",
    "season": "M",
}

_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PART_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI",
}

# ---------------------------------------------------------------------------
# Regex building blocks (verbose pieces joined into compiled patterns below)
# ---------------------------------------------------------------------------


def _alt(words: Iterator[str] | list[str] | set[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _cap(words: list[str]) -> str:
    """Alternation matching each word Capitalised or in CAPITALS only (case-sensitive)."""
    forms: set[str] = set()
    for w in words:
        forms.add(w.capitalize())
        forms.add(w.upper())
    return "(?-i:" + _alt(forms) + ")"


_MONTH_FULL = list(MONTH_NAMES)
_MONTH_ABBR = [m for m in MONTHS if m not in MONTH_NAMES]  # jan ... dec, sept
# A month name: full names, or abbreviations (with optional full stop).
MONTH = rf"(?:{_cap(_MONTH_FULL)}|{_cap(_MONTH_ABBR)}\.?)(?![a-z])"
# Full names other than the ambiguous "May"/"March" (modal verb, verb).
_SAFE_MONTHS = [m for m in _MONTH_FULL if m not in ("may", "march")]
MONTH_SAFE = rf"(?:{_cap(_SAFE_MONTHS)}|{_cap([a for a in _MONTH_ABBR if a != 'mar'])}\.)(?![a-z])"
_WD_FULL = list(WEEKDAY_NAMES)
_WD_ABBR = [d for d in WEEKDAYS if d not in WEEKDAY_NAMES]  # mon ... sun, tues, thur, thurs
WEEKDAY = rf"(?:{_cap(_WD_FULL)}|{_cap(_WD_ABBR)}\.)(?![a-z])"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d,]\d)"
YEAR4 = r"(?:1[0-9]{3}|20[0-9]{2})"
YEAR = rf"(?:{YEAR4}|'\d\d)"
# The year of a day or month ("31 December 2100", "March 2150"): any four digits from
# 1000, so that a year past 2099 is never cut off the date (which then took the DCT's
# year); one past LAST_YEAR gives no value rather than a wrong one.
YEAR4_DATE = r"(?:1[0-9]{3}|2[0-9]{3})"
YEAR_DATE = rf"(?:{YEAR4_DATE}|'\d\d)"
LAST_YEAR = 2100
# The value of a date past LAST_YEAR: none (it places no event, and no event is placed
# at the DCT in its stead).
OUT_OF_RANGE = ""
_NUMWORD = _alt([k for k in _NUMBERS if " " not in k and k not in ("a", "an", "half")])
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+(?![\d,])|\d+(?:\.\d+)?(?:\s\d/\d)?"
    rf"|(?:{_NUMWORD})(?:[- ](?:{_NUMWORD}))?"
    rf"|{_alt([k for k in _NUMBERS if ' ' in k])}|{_alt(_VAGUE_NUMBERS)})"
    r"(?:\s+and\s+a\s+half)?"
)
UNIT = (
    r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade"
    r"|centur(?:y|ie)|millenni(?:um|a))"
)
SEASON = r"(?:spring|summer|fall|autumn|winter)"
MOD = (
    r"(?:(?:about|around|roughly|approximately|nearly|almost|some|over|under|just|only"
    r"|more\s+than|less\s+than|at\s+least|at\s+most|up\s+to|fewer\s+than|barely"
    r"|little\s+more\s+than|well\s+over|the\s+better\s+part\s+of)\s+)"
)
TZ = r"(?:\s+(?-i:[ECMP][SD]T|GMT|UTC|BST|CET|CEST))"
TOD_NUM = rf"(?:\d{{1,2}}(?::[0-5]\d)?\s*(?:a\.m\.|p\.m\.|(?-i:am|pm|AM|PM)\b|a\.m\b|p\.m\b)|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*(?:hours|hrs))?){TZ}?"
TOD_WORD = r"(?:noon|midnight|midday)"
POD = r"(?:morning|afternoon|evening|night)"
B = r"(?<![\w'])"  # word start
MOD_RE = re.compile(MOD, re.I)
E = r"(?![\w])"  # word end


# ---------------------------------------------------------------------------
# Dates and helpers
# ---------------------------------------------------------------------------


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    if 1 <= y <= 9999 and 1 <= m <= 12 and 1 <= d <= _days_in(y, m):
        return dt.date(y, m, d)
    return None


def _add_days(d: dt.date, n: int) -> dt.date | None:
    try:
        return d + dt.timedelta(days=n)
    except OverflowError:
        return None


def _add_months(y: int, m: int, n: int) -> tuple[int, int] | None:
    t = y * 12 + (m - 1) + n
    y2, m2 = divmod(t, 12)
    if 1 <= y2 <= 9999:
        return y2, m2 + 1
    return None


def _fmt_year(y: int) -> str | None:
    return f"{y:04d}" if 1 <= y <= 9999 else None


def _fmt_day(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _fmt_week(d: dt.date | None) -> str | None:
    if d is None:
        return None
    iy, iw, _ = d.isocalendar()
    return f"{iy:04d}-W{iw:02d}"


def _fmt_month(ym: tuple[int, int] | None) -> str | None:
    return f"{ym[0]:04d}-{ym[1]:02d}" if ym else None


def _quarter(month: int) -> int:
    return (month - 1) // 3 + 1


def _parse_year(s: str, dct: dt.date | None) -> int:
    s = s.strip()
    if s.startswith("'"):
        yy = int(s[1:])
        century = (dct.year // 100 * 100) if dct else 1900
        y = century + yy
        if dct and y > dct.year + 20:
            y -= 100
        return y
    return int(s)


def _num(s: str) -> float | None:
    """A number from digits or words ("two", "twenty-five", "1 1/2"); None if vague."""
    s = re.sub(r"\s+", " ", s.strip().lower())
    if s.endswith(" and a half"):
        base = _num(s[: -len(" and a half")])
        return base + 0.5 if base is not None else None
    if s in _VAGUE_NUMBERS:
        return None
    if s in _NUMBERS:
        return _NUMBERS[s]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))  # "10,000 years"
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?(?: (\d)/(\d))?", s)
    if m:
        v = float(m.group(1) + ("." + m.group(2) if m.group(2) else ""))
        if m.group(3) and int(m.group(4)):
            v += int(m.group(3)) / int(m.group(4))
        return v
    parts = re.split(r"[- ]", s)
    if all(p in _NUMBERS for p in parts):
        total = 0.0
        for p in parts:
            v = _NUMBERS[p]
            total = total * v if v in (100, 1000) and total else total + v
        return total
    return None


def _unit_key(u: str) -> str:
    u = u.lower()
    if u.startswith("centur"):
        return "century"
    if u.startswith("millenni"):
        return "millennium"
    return u[:-1] if u.endswith("s") and u[:-1] in _UNIT_CODE else u


def _duration(n: float | None, unit: str) -> str:
    key = _unit_key(unit)
    code = _UNIT_CODE.get(key, "Y")
    if key == "fortnight" and n is not None:
        n *= 2
    if code == "WE":
        return f"P{_fmt_num(n)}WE"
    if code in ("DE", "CE", "ML") and n is not None:
        n, code = n * {"DE": 10, "CE": 100, "ML": 1000}[code], "Y"
    if code.startswith("T"):
        return f"PT{_fmt_num(n)}{code[1:]}"
    if n is not None and n != int(n):
        # Halves into the next smaller unit: 1.5 years -> P1Y6M.
        whole, frac = int(n), n - int(n)
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("TH", 24)}.get(code)
        if smaller:
            sub = round(frac * smaller[1])
            unit2 = smaller[0]
            if unit2.startswith("T"):
                return f"P{whole}DT{sub}H" if whole else f"PT{sub}H"
            return f"P{whole}{code}{sub}{unit2}" if whole else f"P{sub}{unit2}"
    return f"P{_fmt_num(n)}{code}"


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    if n == int(n):
        return str(int(n))
    return f"{n:g}"


# ---------------------------------------------------------------------------
# Tense
# ---------------------------------------------------------------------------

_FUTURE_RE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|(?:is|are|was|were)\s+(?:expected|scheduled|due|set|"
    r"slated|planned|likely|poised|to)\b|(?:set|due|poised|scheduled|slated)\s+to|expects?\s+to|plans?\s+to|intends?\s+to|hopes?\s+to|"
    r"would|next|upcoming|coming|tomorrow|later\s+this|(?:is|are|am)\s+\w+ing)\b",
    re.I,
)
_PAST_RE = re.compile(
    r"\b(?:was|were|had|did|said|told|ago|last|yesterday|earlier|previously|"
    r"went|came|took|made|met|left|saw|gave|began|got|held|won|lost|fell|rose|paid|sold|"
    r"bought|spent|found|thought|knew|became|ran|wrote|spoke|brought|struck|hit|shot|"
    r"killed|put|cut|led|fled|fought|sent|built|kept|told|broke|chose|drove|flew|"
    r"grew|stood|understood|won|wore|swore|sank|drew|threw|shook|ate|froze|rode|"
    r"[a-z]{2,}ed)\b",
    re.I,
)
_NOT_PAST = re.compile(r"(?i)^(?:expected|scheduled|planned|slated|needed|based|related|"
                       r"united|red|bed|need|feed|speed|seed|hundred|indeed|proceed|succeed)$")
_REPORTING = re.compile(r"(?i)said|told|announced|reported|added|noted|stated|says|say")
# Participles after these are passives, infinitives or adjectives, not past tense.
_NOT_FINITE = re.compile(r"(?i)\b(?:be|been|being|to|the|a|an|its|their|his|her|our|is|are|am"
                         r"|will|would|may|might|could|should|must|can)\s+$")
_FINITE_PAST = {"was", "were", "had", "did", "said", "told", "ago", "last", "yesterday",
                "earlier", "previously"}
_CLAUSE_BREAK = re.compile(r"(?i)[,;:()\"]|\b(?:that|which|who|to|and|but|while|when|after|"
                           r"before|because|if|said|says)\b")
_COMPLEMENT = re.compile(r"(?i)\bthat\b")
_OPEN_PREP = re.compile(r"(?i)\b(?:until|till|through|to|by)\s+$")


def _tense_at(text: str, start: int, end: int,
              sents: list[tuple[int, int]]) -> tuple[Tense, int]:
    """The tense nearest to [start, end) within its sentence (light lexical heuristic)."""
    lo, hi = 0, len(text)
    for s0, s1 in sents:
        if s0 <= start < s1:
            lo, hi = s0, s1
            break
    # Look at most 200 characters either side, inside the sentence.
    if _OPEN_PREP.search(text, max(lo, start - 10), start):
        return "none", -1  # "until Nov. 6", "extended to January": deadlines, either side
    lo = max(lo, start - 200)
    hi = min(hi, end + 200)
    best: tuple[int, Tense, bool] | None = None
    window = text[lo:hi]
    for rx, label in ((_FUTURE_RE, "future"), (_PAST_RE, "past")):
        for m in rx.finditer(window):
            a, b = m.start() + lo, m.end() + lo
            if start <= a < end:
                continue  # the expression's own words ("last", "next") are handled by rules
            if label == "past" and (_NOT_PAST.search(m.group(0)) or (_NOT_FINITE.search(
                    text, max(0, a - 12), a) and m.group(0).lower() not in _FINITE_PAST)):
                continue
            dist = start - b if b <= start else a - end
            between = text[b:start] if b <= start else text[end:a]
            if a >= end and _COMPLEMENT.search(between):
                continue  # "warned on Friday that it would ...": the verb after "that" is reported
            same_clause = dist <= _TENSE_NEAR and not _CLAUSE_BREAK.search(between)
            if _REPORTING.fullmatch(m.group(0)) and dist > 12:
                continue  # "said" governs its own clause, not the dates reported in it
            # Verbs before the expression govern it a little more often.
            dist = dist if b <= start else dist + 3
            if best is None or dist < best[0]:
                best = (dist, label, same_clause)  # type: ignore[assignment]
    # The distance comes back negative when the marker is not in the expression's clause.
    return (best[1], best[0] if best[2] else -1) if best else ("none", -1)


# ---------------------------------------------------------------------------
# Candidates and normalisation context
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Ctx:
    text: str
    dct: dt.date | None
    sents: list[tuple[int, int]]
    tense_hints: bool
    ref: str | None = None  # last resolved explicit DATE value (for anaphora)
    year_at: tuple[int, int] | None = None  # (year, end) of the last date naming its year
    ref_quarter: str | None = None  # last resolved quarter value

    def tense(self, start: int, end: int) -> Tense:
        return self.tense_dist(start, end)[0]

    def tense_dist(self, start: int, end: int) -> tuple[Tense, int]:
        """The tense near a span and how far (characters) its marker is."""
        if not self.tense_hints:
            return "none", -1
        return _tense_at(self.text, start, end, self.sents)


Resolver = Callable[["_Ctx", "_Cand"], str | None]


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    type: TimexType
    resolve: Resolver
    m: re.Match[str]
    prio: int = 0
    anchor: bool = False  # an explicit date that later anaphora may refer to


Rule = Callable[[re.Match[str]], list[_Cand]]

EXAMPLE_DCT = "2024-05-08"  # a Wednesday: the document date of the rules' examples


class RuleExample(NamedTuple):
    """A sentence a rule must tag: ``expression`` found in it, normalised to ``value``
    against the document creation time ``dct`` (the HeidelTime convention)."""

    sentence: str
    expression: str
    value: str
    dct: str = EXAMPLE_DCT


@dataclass(frozen=True, slots=True)
class TimeRule:
    """A registered rule: its pattern, the function that turns a match into candidates,
    and the examples it must normalise (``tests/test_times.py`` checks each on its own)."""

    name: str
    pattern: re.Pattern[str]
    fn: Rule
    examples: tuple[RuleExample, ...]


RULES: list[TimeRule] = []
"""Every rule, in registration order: a newcomer adds one with :func:`_rule`."""


def _rule(pattern: str, *examples: tuple[str, str, str] | tuple[str, str, str, str],
          flags: int = re.I) -> Callable[[Rule], Rule]:
    """Register ``fn(match) -> candidates`` for ``pattern`` with at least one example
    ``(sentence, expression, value[, dct])``."""
    if not examples:
        raise ValueError(f"a time rule needs an example: {pattern[:60]!r}")

    def deco(fn: Rule) -> Rule:
        RULES.append(TimeRule(fn.__name__.removeprefix("_r_"), re.compile(pattern, flags), fn,
                              tuple(RuleExample(*e) for e in examples)))
        return fn

    return deco


def _c(m: re.Match[str], typ: TimexType, fn: Resolver, group: int | str = 0,
       prio: int = 0, anchor: bool = False) -> list[_Cand]:
    s, e = m.span(group)
    if s < 0:
        return []
    return [_Cand(s, e, typ, fn, m, prio, anchor)]


def _const(value: str) -> Resolver:
    return lambda ctx, c: value


# -- year inference -----------------------------------------------------------


def _infer_year(ctx: _Ctx, c: _Cand, month: int, day: int | None) -> int | None:
    """The year for a month (and day) given without one, from the DCT and the tense."""
    year = _sentence_year(ctx, c)
    if year is not None:
        return year
    if ctx.dct is None:
        return None
    d0 = ctx.dct
    tense, tdist = ctx.tense_dist(c.start, c.end)
    # A verb right next to the date ("were held on March 3") decides; one further away
    # only makes the other side dearer.
    weight = 1e6 if tdist >= 0 else _TENSE_WEIGHT
    cands = []
    for y in (d0.year - 1, d0.year, d0.year + 1):
        if day is None:
            first = _safe_date(y, month, 1)
            last = _safe_date(y, month, _days_in(y, month)) if 1 <= y <= 9999 else None
        else:
            first = last = _safe_date(y, month, day)
        if first and last:
            cands.append((y, first, last))
    if not cands:
        return None

    def cost(x: tuple[int, dt.date, dt.date]) -> float:
        # Days between the DCT and the period; the tense makes the wrong side dearer,
        # so a past-tense "Dec. 15" in a late-October article still means the coming one
        # when last year's is much further away.
        if x[1] <= d0 <= x[2]:
            return 0.0
        if x[2] < d0:
            days = float((d0 - x[2]).days)
            return days * (weight if tense == "future" else 1.0)
        days = float((x[1] - d0).days)
        return days * (weight if tense == "past" else 1.0)

    return min(cands, key=cost)[0]


_RANGE_WORDS = re.compile(r"(?i)\b(?:since|until|till|by|before|after|from|through)\s*$")


def _sentence_year(ctx: _Ctx, c: _Cand) -> int | None:
    """The year an expression just before in the same sentence names, for a month given
    without one: "In 2004, he announced his resignation in mid-August" is August 2004
    (not when that expression bounds a range: "since 2004 ... in March")."""
    if ctx.year_at is None:
        return None
    year, at = ctx.year_at
    if at > c.start or c.start - at > _SAME_YEAR_SPAN:
        return None  # "approved in 1987 that ..., had bought shares through Sept. 29"
    sent = next(((a, b) for a, b in ctx.sents if a <= c.start < b), None)
    if sent is None or at < sent[0]:
        return None
    start = ctx.text.rfind(str(year), sent[0], at)
    if _RANGE_WORDS.search(ctx.text, max(sent[0], start - 30), start):
        return None
    return year


_SAME_YEAR_SPAN = 50  # characters from a year's expression to a month that takes it


_TENSE_WEIGHT = 3.0
_TENSE_NEAR = 40


def _month_value(ctx: _Ctx, c: _Cand, month: int, year: int | None) -> str | None:
    if year is None:
        year = _infer_year(ctx, c, month, None)
    if year is None:
        return f"XXXX-{month:02d}"
    return _fmt_month((year, month)) if 1 <= year <= LAST_YEAR else None


def _day_value(ctx: _Ctx, c: _Cand, month: int, day: int, year: int | None) -> str | None:
    if year is not None and year > LAST_YEAR:
        return None
    if year is None:
        year = _infer_year(ctx, c, month, day)
        if year is None:
            return f"XXXX-{month:02d}-{day:02d}" if day <= (29 if month == 2 else
                                                             _days_in(2001, month)) else None
    return _fmt_day(_safe_date(year, month, day))


def _valid_md(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else _days_in(2001, month))


def _weekday_date(ctx: _Ctx, c: _Cand, wd: int, rel: str | None) -> dt.date | None:
    d0 = ctx.dct
    assert d0 is not None
    delta_back = (d0.weekday() - wd) % 7  # days back to the most recent such day (0 = today)
    delta_fwd = (wd - d0.weekday()) % 7
    rel = (rel or "").lower()
    if rel in ("last", "past", "previous", "the previous", "the past"):
        return _add_days(d0, -(delta_back or 7))
    if rel in ("next", "coming", "the coming", "the following", "following"):
        return _add_days(d0, delta_fwd or 7)
    if rel == "this":
        # "this Friday": the one in the current week.
        return _add_days(d0, wd - d0.weekday())
    tense = ctx.tense(c.start, c.end)
    if tense == "future":
        return _add_days(d0, delta_fwd)
    # Without a tense, a bare weekday in news is usually one that has passed.
    return _add_days(d0, -delta_back)


_SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}


def _season_of(d: dt.date) -> tuple[int, str]:
    """The season a day falls in (winter runs December to February, named by December)."""
    if d.month == 12:
        return d.year, "WI"
    if d.month <= 2:
        return d.year - 1, "WI"
    return d.year, ("SP", "SU", "FA")[(d.month - 3) // 3]


def _season_value(base: dt.date, season: str, off: int) -> str | None:
    """'last/this/next summer' relative to a day."""
    cy, cs = _season_of(base)
    cur = cy * 4 + _SEASON_ORDER[cs]
    ords = [y * 4 + _SEASON_ORDER[season] for y in (cy - 1, cy, cy + 1)]
    if off < 0:
        o = max(x for x in ords if x < cur)
    elif off > 0:
        o = min(x for x in ords if x > cur)
    else:
        o = cur if season == cs else (cy * 4 + _SEASON_ORDER[season]
                                      if season != "WI" else base.year * 4 + 3)
        if season != "WI" and base.month <= 2:
            o = base.year * 4 + _SEASON_ORDER[season]
    y = o // 4
    return f"{y:04d}-{season}" if 1 <= y <= 9999 else None


def _shift(value: str, n: int, unit: str) -> str | None:
    """Shift a DATE value by n units (year/quarter/month/week/day) keeping its granularity."""
    m = re.fullmatch(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])|W(\d{2})(-WE)?"
                     r"|(SP|SU|FA|WI)))?", value)
    if not m:
        return None
    y = int(m.group(1))
    if unit == "year":
        ny = y + n
        if not 1 <= ny <= 9999:
            return None
        if m.group(3):
            d = _safe_date(ny, int(m.group(2)), min(int(m.group(3)), _days_in(ny, int(m.group(2)))))
            return _fmt_day(d)
        if m.group(6):
            wk = min(int(m.group(6)), 52)
            return f"{ny:04d}-W{wk:02d}{m.group(7) or ''}"
        return f"{ny:04d}" + value[4:]
    if unit == "quarter" and m.group(4):
        t = y * 4 + int(m.group(4)) - 1 + n
        ny, q = divmod(t, 4)
        return f"{ny:04d}-Q{q + 1}" if 1 <= ny <= 9999 else None
    if unit == "month" and m.group(2):
        return _fmt_month(_add_months(y, int(m.group(2)), n))
    return None


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------

# -- full dates -----------------------------------------------------------------

_DATE_MDY = (
    rf"{B}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAYNUM})"
    rf"(?:(?P<range>\s*(?:-|–|—|to|through|and|until|till)\s*)(?P<day2>{DAYNUM}))?"
    rf"(?:,?\s+(?P<year>{YEAR4_DATE}){E}|,\s+(?P<year2>'\d\d))?{E}"
)


@_rule(_DATE_MDY,
       ("Talks resumed on March 4, 2024, in Nairobi.", "March 4, 2024", "2024-03-04"),
       ("Both sides will meet on January 9 in Juba.", "January 9", "2025-01-09", "2024-12-20"))
def _r_mdy(m: re.Match[str]) -> list[_Cand]:
    mon = _MONTHS.get(m.group("mon").lower().rstrip("."))
    day = int(re.sub(r"\D", "", m.group("day")))
    if not mon or not _valid_md(mon, day):
        return []
    ys = m.group("year") or m.group("year2")

    wd = _WEEKDAYS.get((m.group("wd") or "").lower().rstrip("."))

    def res(ctx: _Ctx, c: _Cand, day: int = day) -> str | None:
        year = _parse_year(ys, ctx.dct) if ys else None
        if year is None and wd is not None and ctx.dct is not None:
            # "Saturday, April 25": the year whose April 25 is a Saturday, nearest the DCT.
            for y in sorted(range(ctx.dct.year - 6, ctx.dct.year + 7),
                            key=lambda y: abs(y - ctx.dct.year) if ctx.dct else 0):
                d = _safe_date(y, mon, day)
                if d and d.weekday() == wd:
                    year = y
                    break
        return _day_value(ctx, c, mon, day, year)

    out: list[_Cand] = []
    if m.group("day2"):
        day2 = int(re.sub(r"\D", "", m.group("day2")))
        # "Sept. 11-12", "December 12 and 25": two dates.
        out.append(_Cand(m.start(), m.end("day"), "DATE", res, m, 2, True))
        if _valid_md(mon, day2) and day2 > day:
            def res2(ctx: _Ctx, c: _Cand) -> str | None:
                return res(ctx, c, day2)

            end = m.end()
            out.append(_Cand(m.start("day2"), end, "DATE", res2, m, 2, True))
        return out
    return [_Cand(m.start(), m.end(), "DATE", res, m, 2, True)]


@_rule(
    rf"{B}(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAYNUM})(?:\s+of)?\s+(?P<mon>{MONTH})"
    rf"(?:,?\s+(?P<year>{YEAR4_DATE}))?{E}"
,
       ("The ferry sank on 3 March 2024 off Mwanza.", "3 March 2024", "2024-03-03"))
def _r_dmy(m: re.Match[str]) -> list[_Cand]:
    mon = _MONTHS.get(m.group("mon").lower().rstrip("."))
    day = int(re.sub(r"\D", "", m.group("day")))
    if not mon or not _valid_md(mon, day):
        return []
    ys = m.group("year")

    def res(ctx: _Ctx, c: _Cand) -> str | None:
        return _day_value(ctx, c, mon, day, int(ys) if ys else None)

    return _c(m, "DATE", res, prio=2, anchor=True)


@_rule(r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2}))?(?![\w/-])",
       ("The notice is dated 2024-04-30 in the port archive.", "2024-04-30", "2024-04-30"))
def _r_iso(m: re.Match[str]) -> list[_Cand]:
    d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if d is None:
        return []
    if m.group("h") and int(m.group("h")) < 24 and int(m.group("mi")) < 60:
        v = f"{d.isoformat()}T{m.group('h')}:{m.group('mi')}"
        return _c(m, "TIME", _const(v), prio=3)
    return _c(m, "DATE", _const(d.isoformat()), prio=3, anchor=True)


@_rule(r"(?<![\w/.$-])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d{2})(?![\w/])",
       ("The notice was posted on 4/12/2024 at the harbour.", "4/12/2024", "2024-04-12"))
def _r_slash(m: re.Match[str]) -> list[_Cand]:
    y = int(m.group("y"))
    if len(m.group("y")) == 2:
        y += 1900 if y >= 50 else 2000
    d = _safe_date(y, int(m.group("m")), int(m.group("d")))
    return _c(m, "DATE", _const(d.isoformat()), prio=3, anchor=True) if d else []


@_rule(r"(?<![\w/.$-])(?P<y>\d{4})/(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?![\w/])",
       ("The decree is dated 2024/12/31 in the gazette.", "2024/12/31", "2024-12-31"))
def _r_ymd_slash(m: re.Match[str]) -> list[_Cand]:
    """Year first, then month and day: the order of the four-digit year leaves no doubt."""
    d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _c(m, "DATE", _const(d.isoformat()), prio=3, anchor=True) if d else []


@_rule(r"(?<![\w/.$-])(?P<d>3[01]|2\d|1[3-9])/(?P<m>1[0-2]|0?[1-9])/(?P<y>\d{4})(?![\w/])",
       ("The notice was posted on 31/12/2024 at the harbour.", "31/12/2024", "2024-12-31"))
def _r_dmy_slash(m: re.Match[str]) -> list[_Cand]:
    """Day first where the first number cannot be a month (13 to 31): "31/12/2024". Where
    both could be months ("05/06/2024") the month-first rule reads it, as before."""
    d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _c(m, "DATE", _const(d.isoformat()), prio=3, anchor=True) if d else []


@_rule(r"(?<![\w/.$-])(?P<d>3[01]|[12]\d|0?[1-9])\.(?P<m>1[0-2]|0?[1-9])\."
       r"(?P<y>(?:19|20)\d{2})(?![\w/]|\.\d)",
       ("Prices have risen since 1.1.2020 in the capital.", "1.1.2020", "2020-01-01"))
def _r_dotted(m: re.Match[str]) -> list[_Cand]:
    """Day, month and year with full stops ("1.1.2020", "24.12.2023"): written day first
    wherever dots separate a date (German, Russian, Turkish and other usage)."""
    d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _c(m, "DATE", _const(d.isoformat()), prio=3, anchor=True) if d else []


@_rule(r"(?<![\w/.-])(?P<y>\d{4})-?W(?P<w>\d{2})(?![\w/-])",
       ("In 2024-W05 troops moved to the border.", "2024-W05", "2024-W05"), flags=0)
def _r_iso_week(m: re.Match[str]) -> list[_Cand]:
    """An ISO week ("2024-W05", "2020W53"): week 53 only in a year that has one."""
    y, w = int(m.group("y")), int(m.group("w"))
    try:
        dt.date.fromisocalendar(y, w, 1)
    except ValueError:  # "2021-W53": no such week; nor is it the year 2021
        return _c(m, "DATE", lambda ctx, c: None, prio=3)
    return _c(m, "DATE", _const(f"{y:04d}-W{w:02d}"), prio=3, anchor=True)


@_rule(rf"{B}(?P<k>Q[1-4]|H[12])(?:\s+|/|-)?(?P<y>{YEAR4}){E}",
       ("Results for Q3 2024 were poor, the firm said.", "Q3 2024", "2024-Q3"),
       ("Sales in H1 2025 rose by a tenth.", "H1 2025", "2025-H1"), flags=0)
def _r_q_year(m: re.Match[str]) -> list[_Cand]:
    """A quarter or half-year written short before its year ("Q3 2024", "H1 2025")."""
    return _c(m, "DATE", _const(f"{m.group('y')}-{m.group('k')}"), prio=3, anchor=True)


# -- months ---------------------------------------------------------------------

_MONTH_POS = (
    r"(?:(?P<pos>early|late|mid|the\s+middle\s+of|the\s+beginning\s+of|the\s+start\s+of"
    r"|the\s+end\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|(?:early|late)\s+in)"
    r"[\s-]+)"
)


@_rule(
    rf"{B}{_MONTH_POS}?(?:(?P<rel>last|next|this|this\s+past|this\s+coming|(?:early|late)\s+last"
    rf"|(?:early|late)\s+next)\s+)?(?P<mon>{MONTH})(?:(?:,?\s+(?:of\s+)?(?P<year>{YEAR_DATE}))"
    rf"|\s+(?P<ry>last|this|next)\s+year)?{E}"
,
       ("Fighting flared in early April near the border.", "early April", "2024-04"))
def _r_month(m: re.Match[str]) -> list[_Cand]:
    raw = m.group("mon")
    mon = _MONTHS.get(raw.lower().rstrip("."))
    if not mon:
        return []
    has_context = bool(m.group("pos") or m.group("rel") or m.group("year") or m.group("ry"))
    # A bare month name: guard ambiguous words and abbreviations.
    if not has_context and (raw.lower() in ("may", "march")
                            or (len(raw.rstrip(".")) <= 4 and raw.lower() != "june")):
        prev = m.string[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(?:in|since|until|till|by|from|through|of|during|before|"
                         r"after|to|between|and|early|late|mid|or|on)\s*$", prev):
            return []
        if raw.lower() == "may" and re.match(r"\s+(?:be|have|not|also|well|\w+\b)",
                                             m.string[m.end():m.end() + 8]) and \
                    not re.match(r"\s+(?:\d|and|or|to|through)", m.string[m.end():m.end() + 5]):
            return []
    ys, rel, ry = m.group("year"), (m.group("rel") or "").lower(), (m.group("ry") or "").lower()

    def res(ctx: _Ctx, c: _Cand) -> str | None:
        if ys:
            return _month_value(ctx, c, mon, _parse_year(ys, ctx.dct))
        if ctx.dct is None:
            return f"XXXX-{mon:02d}"
        y0, m0 = ctx.dct.year, ctx.dct.month
        r = re.sub(r"^(?:early|late)\s+", "", rel)
        if ry:
            return _month_value(ctx, c, mon, y0 + {"last": -1, "this": 0, "next": 1}[ry])
        if r == "last" or r == "this past":
            return _month_value(ctx, c, mon, y0 if mon < m0 else y0 - 1)
        if r == "next" or r == "this coming":
            return _month_value(ctx, c, mon, y0 if mon > m0 else y0 + 1)
        if r == "this":
            return _month_value(ctx, c, mon, y0)
        return _month_value(ctx, c, mon, None)

    return _c(m, "DATE", res, prio=1, anchor=True)


# -- years, decades, centuries ------------------------------------------------------

_YEAR_NOUN = (
    r"people|persons|troops|soldiers|men|women|children|workers|employees|jobs|cases|deaths|"
    r"votes|shares|units|meters|metres|feet|miles|km|kilometers|kilometres|tons|tonnes|"
    r"dollars|euros|pounds|yen|times|students|members|delegates|copies|cars|acres|homes|houses|"
    r"residents|points|barrels|hectares|square|calories|rounds|pages|words|seats|beds|flights"
)


@_rule(
    rf"(?<![\w$£€#.,/'-])(?:(?P<pre>(?:fiscal|calendar|model|the\s+year|the\s+(?:fiscal\s+)?year)"
    rf"\s+|(?P<pos>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    rf"|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+last\s+half\s+of"
    rf"|(?:early|late)\s+in)[\s-]+))?"
    rf"(?P<y>{YEAR4})(?:-(?P<y2>\d{{2}}))?(?![\w%$]|[.,]\d|-\d|\s+(?:{_YEAR_NOUN})\b)"
,
       ("The dam was finished in 2019 after long delays.", "2019", "2019"))
def _r_year(m: re.Match[str]) -> list[_Cand]:
    y = int(m.group("y"))
    pos = (m.group("pos") or "").lower()
    prev = m.string[max(0, m.start() - 12):m.start()]
    if re.search(r"(?i)(?:no\.|number|flight|route|room|page|resolution|#|\bat|\bto|\bof)\s*$",
                 prev) and not re.search(r"(?i)\bof\s*$", prev):
        return []
    # "rose to 1500", "at 2000": numbers, unless plausibly a year.
    if re.search(r"(?i)\b(?:at|to)\s*$", prev) and not m.group("pos") and not 1900 <= y <= 2100:
        return []
    value = f"{y:04d}"
    if "half" in pos:
        value += "-H2" if ("second" in pos or "last" in pos) else "-H1"
    if m.group("y2"):
        # "1998-99": a fiscal span; tag the first year only.
        return [_Cand(m.start(), m.end("y"), "DATE", _const(value), m, 1, True)]
    return _c(m, "DATE", _const(value), prio=1, anchor=True)


@_rule(
    rf"{B}(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<c>1\d|20)?(?P<d>\d)0'?s{E}"
    rf"|{B}(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?'(?P<d2>\d)0s{E}"
    rf"|{B}the\s+(?:(?:early|mid|late)[\s-]+)?(?:(?P<cw>nineteen|eighteen)[\s-])?"
    rf"(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties){E}"
,
       ("The port was built in the 1990s by a state firm.", "the 1990s", "199"))
def _r_decade(m: re.Match[str]) -> list[_Cand]:
    if m.group("w"):
        d = _DECADE_WORDS[m.group("w").lower()]
        century = m.group("cw")
        if century:
            return _c(m, "DATE", _const(f"{18 if 'eighteen' in century.lower() else 19}{d}"))

        def res_w(ctx: _Ctx, c: _Cand) -> str | None:
            cen = ctx.dct.year // 100 if ctx.dct else 19
            dec = cen * 10 + d
            if ctx.dct and dec * 10 > ctx.dct.year:
                dec -= 10
            return f"{dec:03d}" if dec > 0 else None

        return _c(m, "DATE", res_w)
    if m.group("d2") is not None:
        d = int(m.group("d2"))

        def res(ctx: _Ctx, c: _Cand) -> str | None:
            century = (ctx.dct.year // 100) if ctx.dct else 19
            dec = century * 10 + d
            if ctx.dct and dec * 10 > ctx.dct.year:
                dec -= 10
            return f"{dec:03d}" if dec > 0 else None

        return _c(m, "DATE", res, prio=1)
    if m.group("c") is None:
        return []
    return _c(m, "DATE", _const(f"{m.group('c')}{m.group('d')}"), prio=1)


_ORD_WORDS = _alt(list(_ORDINALS))
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


@_rule(
    rf"{B}(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|"
    rf"(?P<w>{_ORD_WORDS}))[\s-]+century{E}"
,
       ("The fort dates from the 19th century, guides say.", "the 19th century", "18"))
def _r_century(m: re.Match[str]) -> list[_Cand]:
    n = int(m.group("n")) if m.group("n") else _ORDINALS.get(m.group("w").lower(), 0)
    if not 1 <= n <= 30 or (m.group("w") and m.group("w").lower() in ("last", "final")):
        return []
    return _c(m, "DATE", _const(f"{n - 1:02d}"), prio=1)


# -- spelled-out years (broadcast transcripts) ------------------------------------

_TEEN = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"


@_rule(
    rf"{B}(?:(?P<pre>(?:the\s+)?(?:(?P<season>{SEASON})\s+of\s+)?(?:the\s+year\s+)?)|(?P<mon>{MONTH})\s+)"
    rf"(?:(?P<hi>nineteen|eighteen)\s+(?P<lo>(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEEN}|"
    rf"oh[- ](?:{_ONES}))|two\s+thousand(?:\s+(?:and\s+)?(?P<lo2>{_ONES}|{_TEEN}))?){E}"
,
       ("The treaty was signed in nineteen ninety-eight.", "nineteen ninety-eight", "1998"))
def _r_spelled_year(m: re.Match[str]) -> list[_Cand]:
    if m.group("hi"):
        lo = m.group("lo").lower().replace("oh-", "").replace("oh ", "")
        n = _num(lo)
        if n is None:
            return []
        y = (19 if m.group("hi").lower() == "nineteen" else 18) * 100 + int(n)
    else:
        y = 2000 + int(_num(m.group("lo2")) or 0) if m.group("lo2") else 2000
    value = f"{y:04d}"
    if m.group("mon"):
        mon = _MONTHS.get(m.group("mon").lower().rstrip("."), 1)
        value += f"-{mon:02d}"
    elif m.group("season"):
        value += "-" + _SEASONS[m.group("season").lower()]
    start = m.start() if (m.group("mon") or m.group("season") or "year" in (m.group("pre") or "")) \
        else m.start("hi") if m.group("hi") else m.start()
    return [_Cand(start, m.end(), "DATE", _const(value), m, 1, True)]


# -- quarters and halves --------------------------------------------------------------

_YREF = rf"(?:{YEAR4}|this\s+year|last\s+year|next\s+year|the\s+year|fiscal\s+{YEAR4})"


@_rule(
    rf"{B}(?:(?P<the>the|this|last|next|that)\s+)?(?:(?P<ypre>{YEAR4}|this\s+year's|last\s+year's"
    rf"|next\s+year's|fiscal\s+{YEAR4}|year-(?:earlier|ago)|comparable\s+year-(?:earlier|ago))\s+)?"
    rf"(?:(?:fiscal|calendar|latest|current|comparable|same)\s+)?"
    rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+"
    rf"(?:fiscal[\s-]+)?(?P<unit>quarter|half|period)s?(?![\w-])"
    rf"(?:\s+(?:of|in)\s+(?P<ysuf>{_YREF}))?"
,
       ("Exports fell in the first quarter of 2024, the bank said.", "the first quarter of 2024", "2024-Q1"))
def _r_quarter(m: re.Match[str]) -> list[_Cand]:
    o = m.group("ord").lower()
    n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
         "4th": 4, "final": 4, "last": 4}[o]
    unit = m.group("unit").lower()
    if unit == "period":
        return []
    if unit == "half" and n > 2:
        if o in ("last", "final"):
            n = 2
        else:
            return []
    code = "Q" if unit == "quarter" else "H"
    yref = (m.group("ypre") or m.group("ysuf") or "").lower()
    the = (m.group("the") or "").lower()
    # "the last quarter": the previous quarter, not the fourth.
    if o == "last" and not yref:
        def res_last(ctx: _Ctx, c: _Cand) -> str | None:
            if ctx.dct is None:
                return "XXXX-QX"
            q = _quarter(ctx.dct.month) - 1
            y = ctx.dct.year
            if q == 0:
                q, y = 4, y - 1
            return f"{y:04d}-Q{q}" if code == "Q" else f"{y:04d}-H{1 if q <= 2 else 2}"

        return _c(m, "DATE", res_last, prio=2)

    def res(ctx: _Ctx, c: _Cand) -> str | None:
        y: int | None = None
        ym = re.search(r"\d{4}", yref)
        if ym:
            y = int(ym.group(0))
        elif ctx.dct is not None:
            y0 = ctx.dct.year
            if "last" in yref or the == "last":
                y = y0 - 1
            elif "next" in yref or the == "next":
                y = y0 + 1
            elif "this" in yref:
                y = y0
            elif "year-" in yref:
                base = ctx.ref_quarter or ctx.ref
                y = int(base[:4]) - 1 if base and base[:4].isdigit() else y0 - 1
            elif "the year" in yref and ctx.ref and ctx.ref[:4].isdigit():
                y = int(ctx.ref[:4])
            else:
                # The DCT's year, unless the tense puts a not-yet-started quarter last
                # year or a long-finished one next year.
                start_month = (n - 1) * (3 if code == "Q" else 6) + 1
                end_month = start_month + (2 if code == "Q" else 5)
                tense = ctx.tense(c.start, c.end)
                y = y0
                if tense == "past" and start_month > ctx.dct.month:
                    y = y0 - 1
                elif tense == "future" and end_month + 3 < ctx.dct.month:
                    y = y0 + 1
        if y is None:
            return f"XXXX-{code}{n}"
        return f"{y:04d}-{code}{n}"

    return _c(m, "DATE", res, prio=2, anchor=True)


@_rule(
    rf"{B}(?:the\s+)?(?P<adj>latest|current|most\s+recent|recent|same|previous|prior|"
    rf"year-earlier|year-ago|comparable|comparable\s+year-(?:earlier|ago)|fiscal|"
    rf"(?:{YEAR4}))?\s*(?P<unit>quarter|period)(?!\w|-)"
    rf"(?:\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year))?"
,
       ("Profits rose in the latest quarter, the firm said.", "the latest quarter", "2024-Q1"))
def _r_the_quarter(m: re.Match[str]) -> list[_Cand]:
    adj = (m.group("adj") or "").lower()
    unit = m.group("unit").lower()
    s = m.group(0).lower()
    if not s.startswith("the") and not adj.startswith("year"):
        return []
    if unit == "period" and not (adj or "year" in s):
        return []
    if adj == "recent":
        return []
    if "quarter" in s and adj == "" and s.strip() != "the quarter":
        return []
    shift = 1 if ("earlier" in s or "ago" in s or "last year" in s or adj in ("previous", "prior"))\
        else 0
    unit_shift = "quarter" if adj in ("previous", "prior") else "year"
    yexp = re.search(r"\d{4}", adj)

    def res(ctx: _Ctx, c: _Cand) -> str | None:
        base = ctx.ref_quarter
        if base and ctx.dct and base[:4].isdigit() and \
                (int(base[:4]), int(base[-1])) >= (ctx.dct.year, _quarter(ctx.dct.month)):
            base = None  # the quarter under way is rarely "the quarter" reported on
        if yexp:
            if base and base[:4] != yexp.group(0) and base[4:6] == "-Q":
                return yexp.group(0) + base[4:]
            return yexp.group(0) if unit == "period" and not base else \
                (yexp.group(0) + base[4:] if base else yexp.group(0))
        if base is None:
            if ctx.dct is None:
                return "XXXX-QX"
            q = _quarter(ctx.dct.month) - 1
            y = ctx.dct.year
            if q == 0:
                q, y = 4, y - 1
            base = f"{y:04d}-Q{q}"
        if shift:
            return _shift(base, -1, unit_shift)
        return base

    return _c(m, "DATE", res, prio=1)


# -- relative: yesterday/today/... ------------------------------------------------------


@_rule(
    rf"{B}(?:(?P<pos>early|late|earlier|later)\s+)?(?:(?P<pre>(?:(?:early|late|mid)[\s-]?)?"
    rf"(?:morning|afternoon|evening))\s+)?(?:(?P<dby>the\s+day\s+before\s+yesterday"
    rf"|the\s+day\s+after\s+tomorrow)|(?P<w>yesterday|today|tomorrow))"
    rf"(?:(?P<pod>\s+{POD}|'s))?{E}"
,
       ("The minister arrived in Khartoum yesterday.", "yesterday", "2024-05-07"))
def _r_deictic_day(m: re.Match[str]) -> list[_Cand]:
    w = (m.group("w") or m.group("dby") or "").lower()
    off = {"yesterday": -1, "today": 0, "tomorrow": 1}.get(w)
    if off is None:
        off = -2 if "before" in w else 2
    pod = (m.group("pod") or "").strip().lower()
    if m.group("pre"):
        pod = re.sub(r"^(?:early|late|mid)[\s-]?", "", m.group("pre").lower())
    code = _PART_OF_DAY.get(pod)
    end = m.end() if code else (m.end("w") if m.group("w") else m.end("dby"))
    if m.group("pre") and not code:
        return []

    def res(ctx: _Ctx, c: _Cand) -> str | None:
        if ctx.dct is None:
            return "XXXX-XX-XX" + (f"T{code}" if code else "")
        d = _fmt_day(_add_days(ctx.dct, off))
        return f"{d}T{code}" if d and code else d

    if w == "today" and not code and not m.group("pos"):
        # "today" in a generic sense ("the world today") stays a date: TimeBank annotates
        # most uses as the DCT's day.
        pass
    return [_Cand(m.start(), end, "TIME" if code else "DATE", res, m, 2)]


@_rule(rf"{B}(?:(?P<w>tonight|overnight|this\s+(?P<pod>morning|afternoon|evening)|last\s+night"
       rf"|the\s+(?P<pod2>morning|afternoon|evening)|(?:early|late|mid)[\s-]?(?P<pod3>morning|"
       rf"afternoon|evening))){E}",
       ("The council will vote tonight on the budget.", "tonight", "2024-05-08TNI"))
def _r_tonight(m: re.Match[str]) -> list[_Cand]:
    w = m.group("w").lower()
    if w.startswith("the") and not re.search(r"(?i)\b(?:in|during|on|that|this|of)\s+$",
                                             m.string[max(0, m.start() - 8):m.start()]):
        return []
    code = _PART_OF_DAY.get((m.group("pod") or m.group("pod2") or m.group("pod3") or "").lower(),
                            "NI")
    off = -1 if w.startswith("last") else 0

    def res(ctx: _Ctx, c: _Cand) -> str | None:
        if ctx.dct is None:
            return f"XXXX-XX-XXT{code}"
        d = _fmt_day(_add_days(ctx.dct, off))
        return f"{d}T{code}" if d else None

    return _c(m, "TIME", res, prio=1)


_PRESENT = r"now|currently|right\s+now|at\s+present|nowadays|these\s+days|the\s+present|present-day"
_PAST = r"recently|lately|the\s+past|in\s+the\s+past|earlier|once"
_FUTURE = r"soon|the\s+future|future|eventually|shortly|as\s+soon\s+as\s+possible|someday"


@_rule(rf"{B}(?:(?P<pres>{_PRESENT})|(?P<past>{_PAST})|(?P<fut>{_FUTURE})|"
       rf"(?P<recent>recent|current))(?![\w-])",
       ("The border crossing is currently closed to trucks.", "currently", "PRESENT_REF"))
def _r_ref(m: re.Match[str]) -> list[_Cand]:
    s = m.string
    after = s[m.end():m.end() + 16].lower()
    before = s[max(0, m.start() - 12):m.start()].lower()
    g = m.group(0).lower()
    if m.group("pres"):
        if g == "now" and re.match(r"\s+(?:that|defunct)\b", after):
            return []
        if g == "now" and re.search(r"\b(?:by|until|till|from)\s+$", before):
            return _c(m, "DATE", _const("PRESENT_REF"))
        return _c(m, "DATE", _const("PRESENT_REF"))
    if m.group("past"):
        if g in ("earlier", "once"):
            return []
        if g.startswith("in the past"):
            return [_Cand(m.start() + 3, m.end(), "DATE", _const("PAST_REF"), m)]
        if g == "the past" and re.match(r"\s+(?:\w+\s+)?(?:week|month|year|day|decade|centur|"
                                       r"quarter|hour|few|several|\d)", after):
            return []
        return _c(m, "DATE", _const("PAST_REF"))
    if m.group("fut"):
        if g == "soon" and (re.match(r"\s+(?:after|before|afterwards?|as|enough)\b", after)
                            or re.search(r"\bas\s+$", before)):
            return []
        if g == "the future" and re.match(r"\s+(?:of|for)\b", after):
            return []
        if g == "future":
            return []  # an adjective far more often than a time ("future talks")
        if g in ("eventually", "shortly"):
            return []
        return _c(m, "DATE", _const("FUTURE_REF"))
    # "recent"/"current" as adjectives: only before time-ish or event nouns.
    if g == "current":
        if re.match(r"\s+(?:account|affairs|events|prices?|dollars|assets|liabilities|"
                    r"ratio|issue|\w+ing\b)", after) or re.match(r"\s+(?:year|quarter|month|"
                                                                r"week|fiscal)", after):
            return []
        return _c(m, "DATE", _const("PRESENT_REF"))
    if re.match(r"\s+(?:weeks|months|years|days|decades|times|quarters|history|memory)", after):
        return []
    return _c(m, "DATE", _const("PAST_REF"))


@_rule(rf"{B}(?:in\s+)?(?P<x>recent|past|coming|the\s+coming|the\s+next\s+few|the\s+past\s+few)"
       rf"\s+(?P<u>days|weeks|months|years|decades|quarters|times)(?:\s+and\s+(?:months|weeks|"
       rf"years))?{E}",
       ("Prices have climbed in recent weeks at the market.", "recent weeks", "PAST_REF"))
def _r_recent_units(m: re.Match[str]) -> list[_Cand]:
    x = m.group("x").lower()
    u = m.group("u").lower()
    start = m.start("x")
    if "coming" in x or "next" in x:
        if u == "times":
            return []
        return [_Cand(start, m.end(), "DURATION", _const(_duration(None, u)), m, 1)]
    if u == "times":
        return [_Cand(start, m.end(), "DATE", _const("PAST_REF"), m, 1)] if x == "recent" else []
    if "few" in x:
        return [_Cand(start, m.end(), "DURATION", _const(_duration(None, u)), m, 1)]
    return [_Cand(start, m.end(), "DATE", _const("PAST_REF"), m, 1)]


# -- this/last/next unit ----------------------------------------------------------------

_REL_WORDS = (
    r"last|this|next|the\s+past|the\s+previous|the\s+coming|the\s+following|the\s+current|"
    r"the\s+same|that|the\s+latest|coming|previous|past|the\s+preceding|the\s+new|this\s+past"
)


@_rule(
    rf"{B}(?:(?P<pos>early|late|earlier|later|mid|the\s+end\s+of|the\s+beginning\s+of|"
    rf"the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of|"
    rf"(?:earlier|later|early|late)\s+in|the\s+first\s+half\s+of|the\s+second\s+half\s+of)"
    rf"[\s-]+)?(?P<rel>{_REL_WORDS})\s+(?:(?P<fiscal>fiscal|calendar)\s+)?"
    rf"(?P<u>week|weekend|month|year|quarter|decade|century|day|"
    rf"spring|summer|fall|autumn|winter)(?!\w|-)"
,
       ("The envoy met both sides last week.", "last week", "2024-W18"))
def _r_rel_unit(m: re.Match[str]) -> list[_Cand]:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    u = m.group("u").lower()
    pos = (m.group("pos") or "").lower()
    if re.fullmatch(r"(?-i:[A-Z]\w*)", m.group("u")) and m.start() > 0 and \
            not re.search(r"[.!?\n]\s*[\"'`]*\s*$", m.string[max(0, m.start() - 4):m.start()]):
        return []  # "ABC's This Week", a title
    before = m.string[max(0, m.start() - 10):m.start()].lower()
    # "the past year", "the next month" after "for/over/in": durations in TimeML, unless
    # they anchor as a DATE ("the past year" often means the year before the DCT).
    if rel in ("the past", "the previous", "the coming", "the following", "the next",
               "past", "coming", "previous", "the preceding") and not pos and (
            u in ("week", "month", "day", "decade", "century")
            or (re.search(r"\b(?:for|over|during|in|within)\s+$", before) and u != "year")):
        return [_Cand(m.start(), m.end(), "DURATION", _const(_duration(1, u)), m, 1)]
    if rel in ("the latest", "the new", "the current") and u in ("day", "decade", "century",
                                                                 "weekend"):
        return []
    if rel == "the same" and u not in ("day", "week", "month", "year", "quarter"):
        return []
    off = {"last": -1, "this": 0, "next": 1, "the past": -1, "the previous": -1,
           "the coming": 1, "the following": 1, "the current": 0, "the same": 0, "that": 0,
           "the latest": 0, "coming": 1, "previous": -1, "past": -1, "the preceding": -1,
           "the new": 1, "this past": -1}[rel]
    anaphoric = rel in ("the same", "that", "the following", "the previous", "the preceding")
    typ: TimexType = "DATE"
    if u == "day" and rel in ("this", "the current", "the latest", "the new", "coming"):
        return []
    half = ""
    if "first half" in pos:
        half = "-H1"
    elif "second half" in pos:
        half = "-H2"

    def res(ctx: _Ctx, c: _Cand) -> str | None:
        d0 = ctx.dct
        base: dt.date | None = d0
        if anaphoric and ctx.ref and re.fullmatch(r"\d{4}-\d{2}-\d{2}", ctx.ref):
            base = dt.date.fromisoformat(ctx.ref)
        elif anaphoric and ctx.ref and re.fullmatch(r"\d{4}(?:-\d{2})?", ctx.ref) and \
                u in ("year", "month"):
            y = int(ctx.ref[:4])
            mo = int(ctx.ref[5:7]) if len(ctx.ref) >= 7 else (d0.month if d0 else 6)
            base = _safe_date(y, mo, 1)
        if base is None:
            # No DCT: keep the expression, unresolved.
            return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
                    "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX"}.get(
                u, f"XXXX-{_SEASONS[u]}" if u in _SEASONS else None)
        if u == "day":
            return _fmt_day(_add_days(base, off))
        if u == "week":
            return _fmt_week(_add_days(base, 7 * off))
        if u == "weekend":
            wd = base.weekday()
            if off < 0 or (off == 0 and wd < 5 and ctx.tense(c.start, c.end) == "past"):
                sat = _add_days(base, -((wd - 5) % 7) - (7 if off < 0 and wd >= 5 else 0))
            else:
                sat = _add_days(base, (5 - wd) % 7 + (7 if off > 0 and wd >= 5 else 0))
            w = _fmt_week(sat)
            return f"{w}-WE" if w else None
        if u == "month":
            return _fmt_month(_add_months(base.year, base.month, off))
        if u == "quarter":
            q = _quarter(base.month) - 1 + off
            y, q = base.year + q // 4, q % 4 + 1
            return f"{y:04d}-Q{q}" if 1 <= y <= 9999 else None
        if u == "year":
            ys = _fmt_year(base.year + off)
            return ys + half if ys else None
        if u == "decade":
            dec = base.year // 10 + off
            return f"{dec:03d}" if dec > 0 else None
        if u == "century":
            cen = base.year // 100 + off
            return f"{cen:02d}" if cen >= 0 else None
        return _season_value(base, _SEASONS[u], off)

    return _c(m, typ, res, prio=1)


@_rule(
    rf"{B}(?:(?P<pos>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of)"
    rf"[\s-]+)?(?P<the>the\s+)?(?P<u>year|month|week|weekend|summer|spring|winter|fall|autumn)"
    rf"(?:\s+of\s+(?P<y>{YEAR4}))?(?!\w|-)"
,
       ("The road will reopen at the end of the year.", "the end of the year", "2024"))
def _r_the_unit(m: re.Match[str]) -> list[_Cand]:
    """'the year', 'the weekend', 'summer', 'the summer of 1998', 'the end of the year'."""
    u = m.group("u").lower()
    pos = (m.group("pos") or "").lower()
    ys = m.group("y")
    s = m.string
    before = s[max(0, m.start() - 12):m.start()].lower()
    after = s[m.end():m.end() + 12].lower()
    if u in _SEASONS:
        if re.match(r"\s*(?:'s|-)", after) and not ys:
            return []
        if not ys and not m.group("the") and not pos and not re.search(
                r"\b(?:in|this|last|next|during|early|late|until|by|since|of|and|or|the)\s+$",
                before):
            return []  # "prices fall", "spring into action"
        if u == "fall" and not ys and not pos and re.search(r"\b(?:to|will|could|may|might|"
                                                            r"would|should|can)\s+$", before):
            return []
        season = _SEASONS[u]

        def res_season(ctx: _Ctx, c: _Cand) -> str | None:
            if ys:
                return f"{ys}-{season}"
            if ctx.dct is None:
                return f"XXXX-{season}"
            y0 = ctx.dct.year
            tense = ctx.tense(c.start, c.end)
            sm = _SEASON_START[season]
            if tense == "past" and sm > ctx.dct.month:
                y0 -= 1
            elif tense == "future" and sm + 2 < ctx.dct.month:
                y0 += 1
            return f"{y0:04d}-{season}"

        return _c(m, "DATE", res_season, prio=0)
    if not m.group("the"):
        return []
    if ys:
        return []  # "the year 1998" is handled by the year rule
    if u == "weekend":
        def res_we(ctx: _Ctx, c: _Cand) -> str | None:
            if ctx.dct is None:
                return "XXXX-WXX-WE"
            base = ctx.dct
            wd = base.weekday()
            tense = ctx.tense(c.start, c.end)
            if wd >= 5:
                sat = _add_days(base, -(wd - 5))
            elif tense == "future":
                sat = _add_days(base, 5 - wd)
            else:
                sat = _add_days(base, -(wd + 2))
            w = _fmt_week(sat)
            return f"{w}-WE" if w else None

        return _c(m, "DATE", res_we)
    if u in ("month", "week"):
        if not pos and not re.search(r"\b(?:in|during|for|of|over)\s+$", before):
            return []
        if u == "week" and not pos:
            def res_w(ctx: _Ctx, c: _Cand) -> str | None:
                return _fmt_week(ctx.dct) if ctx.dct else None

            return _c(m, "DATE", res_w)

        def res_m(ctx: _Ctx, c: _Cand) -> str | None:
            if ctx.ref and re.match(r"\d{4}-\d{2}", ctx.ref) and u == "month":
                return ctx.ref[:7]
            if ctx.dct is None:
                return None
            return f"{ctx.dct.year:04d}-{ctx.dct.month:02d}" if u == "month" else \
                _fmt_week(ctx.dct)

        return _c(m, "DATE", res_m)
    # the year
    if re.match(r"\s*(?:-?earlier|-?ago|-?old|-?long)", after):
        return []
    if u == "year" and re.match(r"\s*\d", after):
        return []  # "the year 10000": a number no calendar year rule took, not this year
    if re.search(r"\b(?:for|throughout)\s+$", before) and not pos:
        return _c(m, "DURATION", _const("P1Y"))

    def res_y(ctx: _Ctx, c: _Cand) -> str | None:
        if ctx.ref and ctx.ref[:4].isdigit() and len(ctx.ref) == 4:
            return ctx.ref[:4]
        return _fmt_year(ctx.dct.year) if ctx.dct else "XXXX"

    return _c(m, "DATE", res_y)


@_rule(rf"{B}(?:around\s+)?(?:the\s+)?(?P<w>year[\s-]end|year-earlier|year-ago|the\s+full\s+year|"
       rf"the\s+(?:fiscal|calendar)\s+year|the\s+(?:near|short|long)\s+term|the\s+weeks\s+ahead|"
       rf"the\s+months\s+ahead|the\s+days\s+ahead|the\s+years\s+ahead)(?![\w-])",
       ("The firm expects slower growth in the near term.", "the near term", "FUTURE_REF"))
def _r_misc(m: re.Match[str]) -> list[_Cand]:
    w = re.sub(r"\s+", " ", m.group("w").lower())
    after = m.string[m.end():m.end() + 12].lower()
    if w.startswith("year") and w[4] in " -" and w.endswith("end"):
        def res_end(ctx: _Ctx, c: _Cand) -> str | None:
            if ctx.dct is None:
                return "XXXX-12-31"
            y = ctx.dct.year - (1 if ctx.tense(c.start, c.end) == "past" else 0)
            return f"{y:04d}-12-31" if m.group(0).lower().startswith(("year", "the")) else \
                f"{y:04d}-12"

        return _c(m, "DATE", res_end)
    if w in ("year-earlier", "year-ago"):
        if re.match(r"\s+(?:\w+\s+)?(?:quarter|period|level|results?)", after):
            pass

        def res_ago(ctx: _Ctx, c: _Cand) -> str | None:
            base = ctx.ref_quarter or (ctx.ref if ctx.ref and len(ctx.ref) == 4 else None)
            if base:
                return _shift(base, -1, "year")
            return _fmt_year(ctx.dct.year - 1) if ctx.dct else None

        return _c(m, "DATE", res_ago, group="w")
    if w in ("the full year", "the fiscal year", "the calendar year"):
        if w != "the full year":
            return _c(m, "DURATION", _const("P1Y"))

        def res_y(ctx: _Ctx, c: _Cand) -> str | None:
            if ctx.ref_quarter:
                return ctx.ref_quarter[:4]
            return _fmt_year(ctx.dct.year) if ctx.dct else None

        return _c(m, "DATE", res_y)
    if w.endswith("term"):
        if "long" in w:
            return []
        return _c(m, "DATE", _const("FUTURE_REF"))
    unit = w.split()[1]
    return _c(m, "DURATION", _const(_duration(None, unit)))


@_rule(r"(?:^|(?<=[.!?\n]\s)|(?<=[.!?\n]))\s*(?P<w>Earlier|Previously|Recently|Lately),",
       ("Earlier, police closed the bridge to traffic.", "Earlier", "PAST_REF"))
def _r_earlier(m: re.Match[str]) -> list[_Cand]:
    return _c(m, "DATE", _const("PAST_REF"), group="w")


# -- "N units ago", "N units from now", "a year earlier" -----------------------------------


@_rule(
    rf"{B}{MOD}?(?P<n>{NUMBER}|an?)[\s-]+(?P<u>{UNIT})s?(?:\s+or\s+so)?\s+"
    rf"(?P<dir>ago|from\s+now|hence|before|earlier|later)(?!\w)"
,
       ("The strike began three days ago at the mine.", "three days ago", "2024-05-05"))
def _r_ago(m: re.Match[str]) -> list[_Cand]:
    d = m.group("dir").lower()
    n = _num(m.group("n"))
    u = _unit_key(m.group("u"))
    if d in ("before", "later") or (d == "earlier" and not (n == 1 and u in ("year", "quarter"))):
        # "nine months later": the duration alone (TimeML leaves the signal out).
        end = m.end("u")
        while end < len(m.string) and m.string[end] == "s":
            end += 1
        return [_Cand(m.start(), end, "DURATION", _const(_duration(n, u)), m, 1)]
    sign = 1 if d in ("from now", "hence") else -1

    def res(ctx: _Ctx, c: _Cand) -> str | None:
        if d == "earlier" or (d == "ago" and n == 1 and u == "year" and ctx.ref_quarter):
            base = ctx.ref_quarter
            if base is None and d == "earlier" and ctx.ref and len(ctx.ref) == 4:
                base = ctx.ref
            if base:
                return _shift(base, -1, "quarter" if u == "quarter" else "year")
        if ctx.dct is None:
            return "PAST_REF" if sign < 0 else "FUTURE_REF"
        if n is None:
            return "PAST_REF" if sign < 0 else "FUTURE_REF"
        k = round(n) * sign
        d0 = ctx.dct
        if u in ("day", "night"):
            return _fmt_day(_add_days(d0, k))
        if u == "week":
            return _fmt_week(_add_days(d0, 7 * k))
        if u == "fortnight":
            return _fmt_week(_add_days(d0, 14 * k))
        if u == "month":
            return _fmt_month(_add_months(d0.year, d0.month, k))
        if u == "quarter":
            q = _quarter(d0.month) - 1 + k
            y, q = d0.year + q // 4, q % 4 + 1
            return f"{y:04d}-Q{q}" if 1 <= y <= 9999 else None
        if u == "year":
            return _fmt_year(d0.year + k)
        if u == "decade":
            y = d0.year + 10 * k
            return f"{y // 10:03d}" if 1 <= y <= 9999 else None
        if u == "century":
            y = d0.year + 100 * k
            return f"{y // 100:02d}" if 1 <= y <= 9999 else None
        if u in ("hour", "minute", "second"):
            return _fmt_day(d0)
        return None

    typ: TimexType = "DATE"
    return _c(m, typ, res, prio=2)


_TWO_UNITS = r"(?:year|month|week|day)"


@_rule(
    rf"{B}(?P<n1>\d+|{_NUMWORD}|an?)\s+(?P<u1>{_TWO_UNITS})s?,?\s+(?:and\s+)?"
    rf"(?P<n2>\d+|{_NUMWORD}|an?)\s+(?P<u2>{_TWO_UNITS})s?\s+"
    rf"(?P<dir>ago|from\s+now|hence)(?!\w)",
    ("It happened 2 weeks 3 days ago in the north.", "2 weeks 3 days ago", "2024-04-21"))
def _r_ago_two_units(m: re.Match[str]) -> list[_Cand]:
    """Two units before "ago" ("2 weeks 3 days ago", "a year and two months ago"): one
    date, to the finer unit's precision."""
    n1, n2 = _num(m.group("n1")), _num(m.group("n2"))
    u1, u2 = _unit_key(m.group("u1")), _unit_key(m.group("u2"))
    order = ["year", "month", "week", "day"]
    if n1 is None or n2 is None or u1 == u2 or order.index(u1) > order.index(u2):
        return []
    sign = 1 if m.group("dir").lower() != "ago" else -1
    months = sum(round(n) * k for n, u in ((n1, u1), (n2, u2))
                 for unit, k in (("year", 12), ("month", 1)) if u == unit)
    days = sum(round(n) * k for n, u in ((n1, u1), (n2, u2))
               for unit, k in (("week", 7), ("day", 1)) if u == unit)

    def res(ctx: _Ctx, c: _Cand) -> str | None:
        if ctx.dct is None:
            return "PAST_REF" if sign < 0 else "FUTURE_REF"
        ym = _add_months(ctx.dct.year, ctx.dct.month, sign * months)
        if ym is None:
            return None
        if u2 == "month":
            return _fmt_month(ym)
        base = _safe_date(ym[0], ym[1], min(ctx.dct.day, _days_in(*ym)))
        d = _add_days(base, sign * days) if base else None
        return _fmt_day(d) if u2 == "day" else _fmt_week(d)

    return _c(m, "DATE", res, prio=3)


# -- durations -------------------------------------------------------------------------


@_rule(
    rf"{B}{MOD}?(?:(?P<the>the|its|their|his|her|a|an|each\s+of\s+the)\s+)?"
    rf"(?:(?P<rel>past|last|next|first|coming|previous|following|latest|final|remaining|"
    rf"initial|same|full|additional|further|other|preceding|current)\s+)?"
    rf"(?P<n>{NUMBER})(?:\s+(?:more|additional|full|straight|consecutive|long|trading|business"
    rf"|working|calendar))?(?P<sep>[\s-]+)(?P<u>{UNIT})s?(?P<tail>-(?:old|long))?(?![\w])"
    rf"(?:\s+period(?![\w]))?"
    rf"(?:\s+and\s+(?:a\s+half|(?P<n2>{NUMBER})\s+(?P<u2>{UNIT})s?))?"
,
       ("The curfew lasted three weeks in the city.", "three weeks", "P3W"))
def _r_duration(m: re.Match[str]) -> list[_Cand]:
    n_raw = m.group("n").lower()
    n = _num(n_raw)
    u = _unit_key(m.group("u"))
    the = (m.group("the") or "").lower()
    rel = (m.group("rel") or "").lower()
    s = m.string
    after = s[m.end():m.end() + 12].lower()
    if n_raw in ("a", "an"):
        return []
    keep_article = the in ("a", "an") and re.match(r"(?:couple|few|dozen|hundred|thousand)",
                                                    n_raw)
    if u == "weekend":
        return []
    if u == "quarter" and m.group("sep") == "-" and not the:
        return []  # "three-quarters of its food"
    if n is not None and n > 10000:
        return []
    if rel == "current":
        return []
    # "the 1990 year" etc. are not durations; "1,000 years" fine.
    if re.fullmatch(r"\d{4}", n_raw) and u in ("year", "quarter") and not the and not rel:
        return []
    value = _duration(n, u)
    if m.group(0).lower().rstrip().endswith("and a half"):
        value = _duration((n or 0) + 0.5, u) if n is not None else value
    elif m.group("u2") and n is not None:
        v2 = _duration(_num(m.group("n2")), m.group("u2"))
        if v2.startswith("PT") and value.startswith("PT"):
            value = value + v2[2:]
        elif not v2.startswith("PT") and not value.startswith("PT"):
            value = value + v2[1:]
    start = m.start()
    if rel == "last" and not the:
        start = m.start("n")  # "will last three years": "last" is the verb
    elif the in ("its", "their", "his", "her") or (the in ("a", "an") and not keep_article):
        # "its first two years" -> "first two years"; "a 10-year lease" -> "10-year".
        start = m.start("rel") if m.group("rel") else m.start("n")
    if re.match(r"\s+old\b|\s+of\s+age\b|-old\b", after) or m.group("tail") == "-old" or \
            re.match(r"-(?:year|month|week|day)-old", s[m.end():m.end() + 12]):
        return []
    # "the first nine months" of a year: duration P9M.
    return [_Cand(start, m.end(), "DURATION", _const(value), m, 0)]


@_rule(rf"{B}{MOD}?(?P<a>a|an|one|half\s+an?|a\s+half|another|an\s+additional|an\s+extra"
       rf"|a\s+full|one\s+more)\s+(?P<u>{UNIT})(?!\w|-)"
       rf"(?:\s+and\s+a\s+half)?(?P<tail>\s+(?:ago|earlier|later|before|after|or\s+two|or\s+so))?",
       ("The talks lasted a week in Addis Ababa.", "a week", "P1W"))
def _r_a_unit(m: re.Match[str]) -> list[_Cand]:
    u = _unit_key(m.group("u"))
    s = m.string
    before = s[max(0, m.start() - 30):m.start()].lower()
    after = s[m.end():m.end() + 10].lower()
    tail = (m.group("tail") or "").strip().lower()
    a = m.group("a").lower()
    if tail in ("ago", "earlier"):
        return []  # handled by the "ago" rule
    if u == "weekend" or (a == "one" and u == "day" and not re.search(r"\b(?:for|in|within|"
                                                                     r"than)\s+$", before)):
        if a == "one" and u == "day":
            return []
        return []
    # "$5 million a year", "twice a day", "10% a year": a SET.
    if a in ("a", "an") and re.search(r"(?:\d|illion|percent|%|times|twice|once|cents?|"
                                      r"dollars?|per)\s*$", before.rstrip()):
        return _c(m, "SET", _const(_duration(1, u)), prio=1)
    if re.match(r"-old", after):
        return []
    if u == "second" and not tail and not re.search(r"\b(?:for|in|within|than|about|only|just)"
                                                    r"\s+$", before):
        return []  # "a second group"
    if tail == "or two":
        return _c(m, "DURATION", _const(_duration(None, u)), prio=1)
    end = m.end() if tail in ("", "or so") or "half" in m.group(0).lower() else m.start("tail")
    n = 0.5 if "half" in a else 1
    if m.group(0).lower().split(m.group("u").lower())[-1].strip().startswith("and a half"):
        n = 1.5
    return [_Cand(m.start(), end, "DURATION", _const(_duration(n, u)), m, 0)]


@_rule(rf"{B}(?:(?:for|over|in|within|during|take|takes|took|taken|last|lasted|spend|spent|"
       rf"after)\s+)(?P<x>(?:(?:many|several|a\s+few|some)\s+)?"
       rf"(?P<u>hours|days|weeks|months|years|decades|centuries))(?![\w-])",
       ("The ferry was delayed for hours at the dock.", "hours", "PTXH"))
def _r_bare_units(m: re.Match[str]) -> list[_Cand]:
    u = _unit_key(m.group("u"))
    after = m.string[m.end():m.end() + 12].lower()
    if re.match(r"\s+(?:ago|earlier|later|old)", after):
        return []
    return _c(m, "DURATION", _const(_duration(None, u)), group="x")


# -- sets -------------------------------------------------------------------------------


@_rule(
    rf"{B}(?P<q>every|each|per|once\s+a|twice\s+a)\s+(?:(?P<n>other|second|{NUMBER})\s+)?"
    rf"(?P<u>{UNIT}|{WEEKDAY}|{MONTH_SAFE}|{SEASON})(?P<pl>s)?(?:\s+(?P<pod>{POD}))?(?!\w)"
,
       ("Convoys leave every week for the camps.", "every week", "P1W"))
def _r_set(m: re.Match[str]) -> list[_Cand]:
    u = m.group("u")
    ul = u.lower().rstrip(".")
    n_raw = (m.group("n") or "").lower()
    if m.group("q").lower() == "each" and re.match(r"\s+(?:of|other)", m.string[m.end():]):
        return []
    if ul in _WEEKDAYS:
        v = f"XXXX-WXX-{_WEEKDAYS[ul] + 1}"
        if m.group("pod"):
            v += "T" + _PART_OF_DAY[m.group("pod").lower()]
        return _c(m, "SET", _const(v))
    if ul in _MONTHS:
        return _c(m, "SET", _const(f"XXXX-{_MONTHS[ul]:02d}"))
    if ul in _SEASONS:
        return _c(m, "SET", _const(f"XXXX-{_SEASONS[ul]}"))
    n: float | None = 1
    if n_raw in ("other", "second"):
        n = 2
    elif n_raw:
        n = _num(n_raw)
    return _c(m, "SET", _const(_duration(n, ul)))


@_rule(rf"{B}(?P<w>daily|weekly|monthly|quarterly|annually|yearly|hourly|nightly|biweekly"
       rf"|(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days))(?!\w)",
       ("The ministry publishes its figures weekly.", "weekly", "P1W"))
def _r_set_adv(m: re.Match[str]) -> list[_Cand]:
    w = m.group("w").lower()
    if w.endswith("days") and w[:-1] in _WEEKDAYS:
        prev = m.string[max(0, m.start() - 6):m.start()].lower()
        if not re.search(r"\bon\s+$", prev):
            return []
        return _c(m, "SET", _const(f"XXXX-WXX-{_WEEKDAYS[w[:-1]] + 1}"))
    after = m.string[m.end():m.end() + 12].lower()
    # Adjectives before nouns ("daily newspaper", "quarterly dividend", "average daily volume")
    # are not set expressions; "on a daily basis" is.
    if w in ("daily", "weekly", "monthly", "quarterly", "yearly", "nightly", "biweekly") and \
            re.match(r"\s+(?-i:[a-z]+)", m.string[m.end():m.end() + 20]) and \
            not re.match(r"\s+(?:basis|and|or|to|in|on|at|for|from|by|until|since|through|"
                         r"during|until|with|while|but|as|over)\b", after):
        return []
    v = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P1Q",
         "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D",
         "biweekly": "P2W"}[w]
    return _c(m, "SET", _const(v))


# -- weekdays and times ---------------------------------------------------------------------


@_rule(
    rf"{B}(?:(?P<rel>last|next|this|this\s+past|this\s+coming|the\s+previous|the\s+following"
    rf"|coming|past|early|late)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{POD}|night))?(?!\w)"
,
       ("Rebels shelled the town on Monday.", "Monday", "2024-05-06"),
       ("The envoy will return on Monday.", "Monday", "2025-03-17", "2025-03-12"))
def _r_weekday(m: re.Match[str]) -> list[_Cand]:
    wd = _WEEKDAYS[m.group("wd").lower().rstrip(".")]
    rel = (m.group("rel") or "").lower()
    rel = re.sub(r"\s+", " ", rel)
    if rel in ("this past",):
        rel = "last"
    if rel in ("this coming",):
        rel = "next"
    pod = (m.group("pod") or "").lower()
    code = _PART_OF_DAY.get(pod)
    start = m.start()
    r = rel if rel not in ("early", "late") else None

    def res(ctx: _Ctx, c: _Cand) -> str | None:
        if ctx.dct is None:
            return f"XXXX-WXX-{wd + 1}" + (f"T{code}" if code else "")
        d = _fmt_day(_weekday_date(ctx, c, wd, r))
        if d and code:
            return f"{d}T{code}"
        return d

    # "Sunday Times", "Sunday newspaper": names, not dates.
    after = m.string[m.end():m.end() + 14]
    if re.match(r"\s+(?-i:Times|Telegraph|Mirror|Express|Herald|Post|Independent|Star|Mail|"
                r"Tribune|School|Bloody|Morning\s+Post)", after):
        return []
    return [_Cand(start, m.end(), "TIME" if code else "DATE", res, m, 1)]


@_rule(
    rf"{B}(?:(?P<mod>around|about|at|approximately|shortly\s+(?:before|after)|just\s+(?:before"
    rf"|after))\s+)?(?P<t>{TOD_NUM}|{TOD_WORD})(?![\w])"
,
       ("The blast struck at 10 p.m. near the market.", "10 p.m.", "2024-05-08T22:00"))
def _r_tod(m: re.Match[str]) -> list[_Cand]:
    t = m.group("t").lower()
    h: int | None = None
    mi = 0
    word = None
    if t.startswith("noon") or t.startswith("midday"):
        h, word = 12, "12:00"
    elif t.startswith("midnight"):
        h, word = 24, "24"
    else:
        mm = re.match(r"(\d{1,2})(?::(\d\d))?(?::\d\d)?\s*(a\.?m|p\.?m)?", t)
        if not mm:
            return []
        h = int(mm.group(1))
        mi = int(mm.group(2) or 0)
        ap = (mm.group(3) or "").replace(".", "")
        if ap:
            if not 1 <= h <= 12:
                return []
            if ap == "pm" and h != 12:
                h += 12
            elif ap == "am" and h == 12:
                h = 0
        elif not mm.group(2) or h > 23:
            return []
    start = m.start() if (m.group("mod") or "").lower() in ("around", "about",
                                                              "approximately") else m.start("t")
    if word:
        tv = word
    else:
        tv = f"{h:02d}:{mi:02d}"

    def res(ctx: _Ctx, c: _Cand) -> str | None:
        if ctx.dct is None:
            return f"XXXX-XX-XXT{tv}"
        return f"{ctx.dct.isoformat()}T{tv}"

    return [_Cand(start, m.end(), "TIME", res, m, 1)]


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

_MAX_TEXT = 2_000_000
_VALUE_DATE = (
    r"(?:\d{4}(?:-(?:\d{2}(?:-\d{2})?|Q[1-4X]|H[12]|W\d{2}(?:-WE)?|WXX(?:-WE|-[1-7])?|SP|SU|FA|WI))?"
    r"|\d{2,3}X?|XXXX(?:-(?:\d{2}(?:-\d{2})?|Q[1-4X]|H[12]|WXX(?:-WE|-[1-7])?|SP|SU|FA|WI"
    r"|XX(?:-XX)?))?|PRESENT_REF|PAST_REF|FUTURE_REF)"
)
VALUE_RE = re.compile(
    rf"{_VALUE_DATE}(?:T(?:\d{{2}}(?::\d{{2}})?|24|MO|AF|EV|NI|MI|DT))?"
    r"|P(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|DE|CE|ML|WE)(?:\d+(?:M|D))?"
    r"|P(?:\d+D)?T(?:\d+|X)(?:H|M|S)(?:\d+(?:M|S))?"
)
"""Every value :func:`find_times` produces matches this pattern (fullmatch)."""


def _parse_dct(dct: str | None) -> dt.date | None:
    if not dct:
        return None
    m = re.match(r"\s*(\d{4})-?(\d{2})-?(\d{2})", dct)
    if not m:
        return None
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _candidates(text: str, rules: list[TimeRule] | None = None) -> list[_Cand]:
    out: list[_Cand] = []
    for rule in RULES if rules is None else rules:
        for m in rule.pattern.finditer(text):
            if m.end() == m.start():
                continue
            try:
                out.extend(rule.fn(m))
            except (ValueError, OverflowError, KeyError, IndexError):  # pragma: no cover
                continue
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates, longest first (ties: higher priority, earlier)."""
    cands.sort(key=lambda c: (-(c.end - c.start), -c.prio, c.start))
    taken = SpanSet()
    chosen: list[_Cand] = []
    for c in cands:
        if c.end <= c.start:
            continue
        if taken.overlaps(c.start, c.end):
            continue
        taken.add(c.start, c.end)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


_JOIN_TIME = re.compile(r"\s*,?\s*(?:on\s+)?$", re.I)


def _merge_times(chosen: list[_Cand], text: str) -> list[_Cand]:
    """Join a clock time and the day next to it ("10 p.m. Wednesday", "Friday at noon")."""
    out: list[_Cand] = []
    i = 0
    while i < len(chosen):
        c = chosen[i]
        if i + 1 < len(chosen):
            n = chosen[i + 1]
            gap = text[c.end:n.start]
            tod, day = (c, n) if c.type == "TIME" and _is_clock(c) else (n, c)
            if (
                len(gap) <= 8
                and {c.type, n.type} == {"TIME", "DATE"}
                and _is_clock(tod)
                and (re.fullmatch(r"\s*,?\s*(?:on\s+)?", gap) if tod is c
                     else re.fullmatch(r"\s*,?\s*(?:at\s+)?", gap))
            ):
                out.append(_Cand(c.start, n.end, "TIME", _merged(tod, day), c.m, 2))
                i += 2
                continue
        out.append(c)
        i += 1
    return out


def _is_clock(c: _Cand) -> bool:
    return c.resolve.__qualname__.startswith("_r_tod")


def _merged(tod: _Cand, day: _Cand) -> Resolver:
    def res(ctx: _Ctx, c: _Cand) -> str | None:
        dv = day.resolve(ctx, day)
        tv = tod.resolve(ctx, tod)
        if not dv or not tv or "T" not in tv or not re.fullmatch(r"\d{4}-\d{2}-\d{2}|XXXX-\d{2}-\d{2}"
                                                                    r"|XXXX-WXX-\d", dv):
            return tv
        return dv + tv[tv.index("T"):]

    return res


# Day-and-month dates, with the grammar's own month pattern, to find impossible ones.
_MONTH_DAY_RE = re.compile(
    rf"(?<![\w'])(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
    rf"(?:,?\s+(?P<y1>\d{{4}})(?!\d))?"
    rf"|(?<![\w'])(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH})"
    rf"(?:,?\s+(?P<y2>\d{{4}})(?!\d))?"
)


def _impossible_dates(text: str) -> list[tuple[int, int]]:
    """Spans of day-and-month dates that do not exist ("February 30", "31 April 2019")."""
    out = []
    for m in _MONTH_DAY_RE.finditer(text):
        month = _MONTHS.get((m.group("m1") or m.group("m2")).lower().rstrip("."))
        if month is None:
            continue
        day = int(m.group("d1") or m.group("d2"))
        year_s = m.group("y1") or m.group("y2")
        if not possible_day(month, day, int(year_s) if year_s else None):
            out.append((m.start(), m.end()))
    return out


def find_times(text: str, dct: str | None, *, tense_hints: bool = True,
               sentences: list[tuple[int, int]] | None = None) -> list[TimeExpression]:
    """Time expressions in ``text``, normalised to TIMEX3 values against ``dct``.

    ``dct`` is the document creation date (``YYYY-MM-DD``; a longer ISO timestamp is
    accepted and cut to the day) or None, in which case relative expressions stay
    unresolved (``XXXX-09-07``, ``XXXX-WXX-5``). With ``tense_hints`` (default) the
    verb tense near an expression decides whether "Friday" or "September" means the
    last or the next one; without, the closest one to the DCT is taken. ``sentences``
    (the document's segmentation, when the caller has it) bounds the tense search. A
    date whose year is past 2100 ("1 January 2101") has the empty value
    :data:`OUT_OF_RANGE`: it dates nothing.
    """
    return _find(text, dct, None, tense_hints, sentences)


def rule_times(rule: TimeRule, text: str, dct: str | None) -> list[TimeExpression]:
    """What ``rule`` alone tags in ``text`` (the same driver as :func:`find_times`)."""
    return _find(text, dct, [rule], True, None)


def _find(text: str, dct: str | None, rules: list[TimeRule] | None, tense_hints: bool,
          sentences: list[tuple[int, int]] | None) -> list[TimeExpression]:
    if not text or not isinstance(text, str):
        return []
    if len(text) > _MAX_TEXT:
        text = text[:_MAX_TEXT]
    d0 = _parse_dct(dct)
    ctx = _Ctx(text=text, dct=d0, sents=sentences if sentences is not None else sentence_spans(text),
               tense_hints=tense_hints)
    chosen = _merge_times(_select(_candidates(text, rules)), text)
    bad = _impossible_dates(text)
    if bad:  # "February 30, 2019": no part of it is a time expression
        spans = SpanSet(bad)
        chosen = [c for c in chosen if not spans.overlaps(c.start, c.end)]
    out: list[TimeExpression] = []
    for c in chosen:
        value = _resolved(ctx, c)
        if value is None and d0 is not None:
            # Past the calendar's ends from this DCT ("3000 years ago", "next week" on
            # 9999-12-31): kept unresolved, as without a DCT, so that nothing dates it at
            # the DCT instead.
            ctx.dct = None
            value = _resolved(ctx, c)
            ctx.dct = d0
        if value is None:
            if c.type != "DATE" or not _past_last_year(text[c.start:c.end]):
                continue
            # "1 January 2101": a date past the calendar storyline handles. It is kept
            # with no value (OUT_OF_RANGE), so that the event it dates is undated rather
            # than dated at the article's day; ``storyline times`` prints no line for it.
            value = OUT_OF_RANGE
        if c.type == "DATE":
            if c.anchor and re.fullmatch(r"\d{4}-Q[1-4]", value):
                # Reports compare finished quarters; an outlook for the quarter under way
                # or a later one does not become "the quarter".
                q_end = resolve_range(value)
                if d0 is None or (q_end and q_end[1] < d0.isoformat()):
                    ctx.ref_quarter = value
            if c.anchor and re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
                ctx.ref = value
            if re.match(r"\d{4}(?![\d])", value) and value[:4] in text[c.start:c.end]:
                ctx.year_at = (int(value[:4]), c.end)  # "in 2004", "the summer of 2004"
        end = _without_sentence_stop(text, c.start, c.end)
        out.append(TimeExpression(text=text[c.start:end], start=c.start, end=end,
                                  type=c.type, value=value))
    return out


_ABBR_MONTH_END = re.compile(r"(?i)(?<![\w.])(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.$")
_SENTENCE_GOES_ON = re.compile(r"\s+[A-Z\"“(]|\s*$")


def _without_sentence_stop(text: str, start: int, end: int) -> int:
    """The end of an expression that closes on an abbreviated month whose full stop ends
    the sentence too ("at 3pm EST on 5 Jan. Talks ..."): that stop is the sentence's, not
    part of the span."""
    if text[end - 1:end] == "." and _ABBR_MONTH_END.search(text, max(start, end - 6), end) \
            and _SENTENCE_GOES_ON.match(text, end):
        return end - 1
    return end


# ---------------------------------------------------------------------------
# Ranges
# ---------------------------------------------------------------------------


def _past_last_year(text: str) -> bool:
    """Whether a date's own words name a year past LAST_YEAR ("1 January 2101")."""
    return any(int(y) > LAST_YEAR for y in re.findall(r"(?<!\d)([12]\d{3})(?!\d)", text))


def _resolved(ctx: _Ctx, c: _Cand) -> str | None:
    """A candidate's TIMEX3 value, or None when it has none (or none the calendar holds)."""
    try:
        value = c.resolve(ctx, c)
    except (ValueError, OverflowError, KeyError, IndexError, AssertionError):
        return None
    return value if value and VALUE_RE.fullmatch(value) else None


def resolve_range(value: str) -> tuple[str, str] | None:
    """The first and last ISO day a DATE value covers, or None when it has no fixed range.

    Handles days, ISO weeks (``2019-W21``, ``2019-W21-WE``), months, seasons
    (``2019-SU``; winter runs December to February), quarters, halves, years,
    decades (``199``) and centuries (``19``); a trailing time (``T14:00``) is ignored.
    """
    if not isinstance(value, str):
        return None
    v = value.split("T", 1)[0] if re.match(r"\d{4}-\d{2}-\d{2}T", value) else value
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v):
            d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return (d.isoformat(), d.isoformat()) if d else None
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v):
            y, w = int(m.group(1)), int(m.group(2))
            monday = dt.date.fromisocalendar(y, w, 1)
            if m.group(3):
                return ((monday + dt.timedelta(days=5)).isoformat(),
                        (monday + dt.timedelta(days=6)).isoformat())
            return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            y, mo = int(m.group(1)), int(m.group(2))
            if not (1 <= y <= 9999 and 1 <= mo <= 12):
                return None
            return f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{_days_in(y, mo):02d}"
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y = int(m.group(1))
            if not 1 <= y <= 9999:
                return None
            if m.group(2) == "WI":
                if y + 1 > 9999:
                    return None
                return f"{y:04d}-12-01", f"{y + 1:04d}-02-{_days_in(y + 1, 2):02d}"
            sm = _SEASON_START[m.group(2)]
            return f"{y:04d}-{sm:02d}-01", f"{y:04d}-{sm + 2:02d}-{_days_in(y, sm + 2):02d}"
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m.group(1)), int(m.group(2))
            if not y >= 1:
                return None
            sm, em = 3 * q - 2, 3 * q
            return f"{y:04d}-{sm:02d}-01", f"{y:04d}-{em:02d}-{_days_in(y, em):02d}"
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = int(m.group(1)), int(m.group(2))
            if not y >= 1:
                return None
            return (f"{y:04d}-01-01", f"{y:04d}-06-30") if h == 1 else \
                (f"{y:04d}-07-01", f"{y:04d}-12-31")
        if m := re.fullmatch(r"(\d{4})", v):
            y = int(m.group(1))
            return (f"{y:04d}-01-01", f"{y:04d}-12-31") if y >= 1 else None
        if m := re.fullmatch(r"(\d{3})", v):
            y = int(m.group(1)) * 10
            return (f"{max(y, 1):04d}-01-01", f"{y + 9:04d}-12-31")
        if m := re.fullmatch(r"(\d{2})", v):
            y = int(m.group(1)) * 100
            return (f"{max(y, 1):04d}-01-01", f"{y + 99:04d}-12-31")
    except (ValueError, OverflowError):  # a week or season past year 9999
        return None
    return None


# ---------------------------------------------------------------------------
# Command
# ---------------------------------------------------------------------------


# The most characters `storyline times` reads of its file: what `storyline code` takes of
# one record (annotate.stage.MAX_CHARS, not imported: it loads the event coder).
COMMAND_MAX_CHARS = 200_000


def _whole_lines(data: bytes) -> bytes:
    """The first bytes of a longer text, ending where a character ends: at its last line
    break (a multi-byte character is never cut), unless the text is UTF-16/32 (NUL bytes:
    its length is kept whole code units instead)."""
    if b"\x00" in data[:4096]:
        return data[: len(data) // 4 * 4]
    end = data.rfind(b"\n")
    return data[: end + 1] if end > len(data) // 2 else data


def _cut_text(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a line break or space when there is
    one in its second half (a time expression is not cut in two)."""
    if len(text) <= limit:
        return text
    for sep in ("\n", " "):
        end = text.rfind(sep, 0, limit)
        if end > limit // 2:
            return text[:end]
    return text[:limit]


def _stdin_bytes(n: int) -> bytes:
    """Up to ``n`` bytes of standard input (a text stream in its place: its text, encoded)."""
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:
        return sys.stdin.read(n).encode("utf-8", "surrogatepass")[:n]
    out = b""
    while len(out) < n and (chunk := raw.read(n - len(out))):
        out += chunk
    return out


def times_command(path: str, dct: str) -> int:
    """``storyline times FILE --dct YYYY-MM-DD``: print the file's time expressions as JSONL."""
    if _parse_dct(dct) is None:
        print(f"storyline times: --dct must be YYYY-MM-DD, got {dct!r}", file=sys.stderr)
        return 2
    from storyline.ingest.readers import decode_with_note
    from storyline.ingest.validate import kept_positions, printable, strip_format

    # at most as much as one record of `storyline code` takes (MAX_CHARS characters, of at
    # most 4 bytes each): a 3 MB text of dates ran for minutes, read whole
    limit = 4 * COMMAND_MAX_CHARS + 4
    try:
        if path == "-":  # standard input, as ``storyline code -`` reads it
            data = _stdin_bytes(limit + 1)
            path = "standard input"
        else:
            with open(path, "rb") as fh:
                data = fh.read(limit + 1)
    except OSError as exc:  # the same line and exit status as ``storyline code``
        print(printable(f"error: cannot read {path}: {exc.strerror or exc}"), file=sys.stderr)
        return 2
    more = len(data) > limit
    if more:
        data = _whole_lines(data[:limit])
    decoded, note = decode_with_note(data)  # a BOM, UTF-16, a legacy code page: said
    if decoded is None:
        print(printable(f"warning: skipped {path}: binary file, not text"), file=sys.stderr)
        return 0
    if note:
        print(printable(f"warning: {path}: {note}"), file=sys.stderr)
    text = decoded
    if more or len(text) > COMMAND_MAX_CHARS:
        text = _cut_text(text, COMMAND_MAX_CHARS)
        print(printable(f"warning: {path}: text cut to its first {len(text):,} characters "
                        "(the most one text is read in; the rest is not searched)"),
              file=sys.stderr)
    # read as ``run`` reads a body (a soft hyphen in "Mon\u00adday" hid the day); the
    # offsets printed are the file text's, and "text" is what stands there
    seen, hidden = strip_format(text)
    if hidden:
        print(printable(f"warning: {path}: {hidden}"), file=sys.stderr)
    at = kept_positions(text, seen) if seen != text else None
    for t in find_times(seen, dct):
        if t.value == OUT_OF_RANGE:
            continue  # a date past 2100: no TIMEX3 value to print
        start, end = (t.start, t.end) if at is None else (at[t.start], at[t.end - 1] + 1)
        print(json.dumps({"text": text[start:end], "start": start, "end": end, "type": t.type,
                          "value": t.value}, ensure_ascii=False))
    return 0
