"""Publication dates: what the article states, else what its own references imply.

``explicit_date`` looks for the article's own statement ("Published in The Daily
Ledger, March 3rd, 2021", "First Published: Tue, May 04 2021", "Updated: July
9, 2021 8:15 AM") and prefers it over page chrome (a header with the scraping
date). ``infer_date`` reasons from the dates an undated article mentions: a
past event bounds the article from below, an announced future one from above;
a weekday named with a date fixes the year; a month named with its year next to
months named bare implies the former lies outside the current year. The result
is a range ``earliest``–``latest`` no wider than :data:`RECENCY_DAYS` plus one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from storyline.clean.patterns import (
    DATE_STRING,
    DAY_RE,
    MONTH_RE,
    MONTHS,
    WEEKDAY_RE,
    WEEKDAYS,
    WIRE_DATELINE,
)
from storyline.clean.timestamps import parse_timestamp
from storyline.config import setting
from storyline.model import Published
from storyline.text.sentences import sentence_spans
from storyline.text.vocab import MONTH_NAMES, possible_day

Date = dt.date

# News reports events of the last days; an undated article is placed at most this
# many days after the latest event it reports as past.
RECENCY_DAYS = 20


# Dates outside this range are not publication dates (placeholders such as 0001-01-01 or
# 9999-12-31, whose arithmetic overflows): the parse helpers treat them as absent.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


def _sane(d: Date | None) -> Date | None:
    return d if d is not None and MIN_DATE <= d <= MAX_DATE else None


def parse_date_string(s: str) -> Date | None:
    """Parse the first full date in ``s`` ("September 16th, 2018", "2019-06-01", ...)."""
    m = DATE_STRING.search(s)
    if not m:
        return None
    return _sane(_date_from_match(m))


def _date_from_match(m: re.Match[str]) -> Date | None:
    g = m.groupdict()
    try:
        if g.get("y3"):
            return dt.date(int(g["y3"]), int(g["mo3"]), int(g["d3"]))
        mon = g.get("m1") or g.get("m2")
        day = g.get("d1") or g.get("d2")
        year = g.get("y1") or g.get("y2")
        if not (mon and day and year):
            return None
        month = MONTHS[mon.lower().rstrip(".")]
        d = dt.date(int(year), month, int(re.sub(r"\D", "", day)))
    except (ValueError, KeyError):
        return None
    wd = g.get("wd")
    if wd and WEEKDAYS.get(wd.lower().rstrip(".")) not in (None, d.weekday()):
        return None  # "Sat, June 03 2019" is not a real date
    return d


def parse_iso_or_text(s: str | None) -> Date | None:
    """A date an input gives (ISO with a time, RFC 822 from feeds, a written date), when
    it is a real one inside the sane range (:func:`storyline.clean.timestamps.parse_timestamp`)."""
    if not s or not isinstance(s, str):
        return None
    return _sane(parse_timestamp(s)[0])


# The article's own statements of when it was published, strongest first.
STATEMENTS: list[tuple[str, re.Pattern[str]]] = [
    ("published-in", re.compile(r"\bPublished in [A-Z][\w .&'-]{1,40},\s*(?P<date>.{6,40})", re.I)),
    ("first-published", re.compile(r"\bFirst Published\s*:?\s*(?P<date>.{6,40})", re.I)),
    ("published", re.compile(r"^(?:Published|Posted)(?: on)?\s*:?\s*(?P<date>.{6,40})$", re.I | re.M)),
    ("updated", re.compile(r"^(?:Updated|Last updated)\s*:\s*(?P<date>.{6,40})$", re.I | re.M)),
]


def explicit_date(lines: list[str]) -> tuple[Date, str] | None:
    """The strongest publication statement among ``lines`` (body edges, footer)."""
    for name, pattern in STATEMENTS:
        for line in lines:
            m = pattern.search(line)
            if m:
                d = parse_date_string(m.group("date"))
                if d is not None:
                    return d, name
    return None


# ---------------------------------------------------------------------------
# Inference from the article's own references

FUTURE_CUES = re.compile(
    r"\b(?:will|shall|would host|is to|are to|is due|are due|is expected|are expected|"
    r"is scheduled|are scheduled|plans? to|planned|next|upcoming|ahead of|is set to|are set to|"
    r"going to)\b",
    re.I,
)

_MD = re.compile(
    rf"(?:(?P<wd>{WEEKDAY_RE}),?\s+)?(?P<mon>{MONTH_RE})\s+(?P<day>{DAY_RE})\b"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<day2>{DAY_RE})\b)?(?:,?\s+(?P<year>\d{{4}}))?",
    re.I,
)
_DM = re.compile(rf"\b(?P<day>{DAY_RE})\s+(?P<mon>{MONTH_RE})(?:,?\s+(?P<year>\d{{4}}))?\b", re.I)
_MY = re.compile(rf"\b(?:in|since|of|last|from|until|by)?\s*(?P<mon>{MONTH_RE})\s+(?P<year>\d{{4}})\b", re.I)
_BARE_MONTH = re.compile(
    r"\b(?:in|since|last|this|early|late|mid-?|until|by|[A-Za-z]+'s)\s+"
    r"(?P<mon>" + "|".join(m.title() for m in MONTH_NAMES if m != "may") + ")"
    r"\b(?!\s+\d)",
)


@dataclass(slots=True)
class Reference:
    month: int
    day: int | None  # None: a month
    year: int | None
    weekday: int | None
    future: bool
    # "after": publication is in ``year`` or later (a named process begun in an
    # earlier year that the sentence says acted "last year").
    kind: str = "date"


@lru_cache(maxsize=1)
def named_events() -> list[tuple[re.Pattern[str], Date, str]]:
    text = resources.files("storyline.data").joinpath("named_events.tsv").read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, date, name = line.split("\t")[:3]
        out.append((re.compile(rf"\b(?:{pattern})\b", re.I), dt.date.fromisoformat(date), name))
    return out


_YEAR_ONLY = re.compile(r"\b(?:in|of|since|during|until|by|for|early|late|mid-)\s+(?P<year>(?:19|20)\d\d)\b(?![-/]\d)")
_LAST_YEAR = re.compile(r"\blast year\b", re.I)


def find_references(text: str) -> list[Reference]:
    """Calendar references in a text, each with the tense of its sentence."""
    refs: list[Reference] = []
    for a, b in sentence_spans(text):
        refs.extend(_clause_references(text[a:b]))
    return refs


# Clauses of a sentence keep their own tense: "On March 4 both accepted, and they are
# expected to meet on March 20" has a past and a future clause.
_CLAUSE_SPLIT = re.compile(
    r",\s+(?:and|but)\s+(?=\w+\s+\w+)|,?\s+(?:while|whereas|before|after)\s+|;\s+|\s+[—–]\s+"
)


def _tense_of(sent: str, pos: int) -> bool:
    """True when the clause around ``pos`` speaks of the future."""
    start, end = 0, len(sent)
    for m in _CLAUSE_SPLIT.finditer(sent):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return bool(FUTURE_CUES.search(sent[start:end]))


def _clause_references(sent: str) -> list[Reference]:
    refs: list[Reference] = []
    taken: list[tuple[int, int]] = []
    for m in _MD.finditer(sent):
        mon = MONTHS.get(m["mon"].lower().rstrip("."))
        day = int(re.sub(r"\D", "", m["day"]))
        if mon is None or not possible_day(mon, day, int(m["year"]) if m["year"] else None):
            taken.append(m.span())  # an impossible date is no evidence, nor its parts
            continue
        if m["mon"].lower() == "may" and not m["year"] and not re.match(r"May\b", m["mon"]):
            continue  # the modal verb "may"
        wd = WEEKDAYS.get(m["wd"].lower().rstrip(".")) if m["wd"] else None
        future = _tense_of(sent, m.start())
        refs.append(Reference(mon, day, int(m["year"]) if m["year"] else None, wd, future))
        taken.append(m.span())
    for m in _DM.finditer(sent):
        if any(a <= m.start() < b for a, b in taken):
            continue
        mon = MONTHS.get(m["mon"].lower().rstrip("."))
        day = int(re.sub(r"\D", "", m["day"]))
        if mon is None or not possible_day(mon, day, int(m["year"]) if m["year"] else None):
            taken.append(m.span())
            continue
        future = _tense_of(sent, m.start())
        refs.append(Reference(mon, day, int(m["year"]) if m["year"] else None, None, future))
        taken.append(m.span())
    for m in _MY.finditer(sent):
        if any(a <= m.start("mon") < b for a, b in taken):
            continue
        mon = MONTHS.get(m["mon"].lower().rstrip("."))
        if mon is None or m["mon"].lower() == "may":
            continue
        refs.append(Reference(mon, None, int(m["year"]), None, _tense_of(sent, m.start())))
        taken.append(m.span())
    for m in _BARE_MONTH.finditer(sent):
        if any(a <= m.start("mon") < b for a, b in taken):
            continue
        refs.append(Reference(MONTHS[m["mon"].lower()], None, None, None,
                              _tense_of(sent, m.start())))
    for m in _YEAR_ONLY.finditer(sent):
        if any(a <= m.start("year") < b for a, b in taken):
            continue
        refs.append(Reference(1, None, int(m["year"]), None, _tense_of(sent, m.start()), kind="year"))
    for rx, began, _name in named_events():
        if rx.search(sent):
            refs.append(Reference(began.month, None, began.year, None, False))
            if _LAST_YEAR.search(sent):
                refs.append(Reference(1, None, began.year + 1, None, False, kind="after"))
    return refs


def _month_end(year: int, month: int) -> Date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _resolve(ref: Reference, pub: Date) -> tuple[Date, Date] | None:
    """The date range a reference names, read from an article published on ``pub``."""
    def rng(y: int) -> tuple[Date, Date] | None:
        try:
            if ref.day is not None:
                d = dt.date(y, ref.month, ref.day)
                return d, d
            return dt.date(y, ref.month, 1), _month_end(y, ref.month)
        except ValueError:
            return None

    if ref.year is not None:
        return rng(ref.year)
    # No year: the nearest occurrence in the sentence's direction.
    for y in ((pub.year, pub.year + 1) if ref.future else (pub.year, pub.year - 1)):
        r = rng(y)
        if r is None:
            continue
        if ref.future and r[1] >= pub:
            return r
        if not ref.future and r[0] <= pub:
            return r
    return None


def _score(pub: Date, refs: list[Reference]) -> float:
    """How well a candidate publication date fits the references (higher is better)."""
    score = 0.0
    past_latest: Date | None = None
    bare_days: list[Date] = []
    bare_months = any(r.year is None for r in refs)
    for r in refs:
        if r.kind == "after":
            if r.year is not None and pub.year < r.year:
                score -= 3
            continue
        if r.kind == "year":
            # "talks of 2025" still ahead, "in 2017" behind: soft bounds on the year
            if r.year is not None and ((r.future and pub.year > r.year)
                                       or (not r.future and pub.year < r.year)):
                score -= 1
            continue
        span = _resolve(r, pub)
        if span is None:
            score -= 5
            continue
        start, end = span
        if r.weekday is not None and r.day is not None and start.weekday() != r.weekday:
            score -= 10  # "Tuesday, August 27" fits only some years
        if r.future:
            if end < pub:
                score -= 3 if r.year is not None else 1
            elif r.day is not None and r.year is None and (start - pub).days > RECENCY_DAYS:
                # A date announced without its year is close ahead.
                score -= 0.5 + (start - pub).days / 365
        else:
            if start > pub:
                score -= 3 if r.year is not None else 1
            elif r.day is not None:
                past_latest = max(past_latest or start, start)
                if r.year is None:
                    bare_days.append(start)
            # "September 2018" beside bare months: written with its year because it
            # lies outside the year before publication.
            if r.year is not None and r.day is None and bare_months and (pub - end).days < 300:
                score -= 1
    if past_latest is not None and (pub - past_latest).days > RECENCY_DAYS:
        score -= 0.5 + (pub - past_latest).days / 365
    if bare_days:
        # Dates written without their year cluster in the weeks before publication.
        spread = (max(bare_days) - min(bare_days)).days
        if spread > 90:
            score -= 0.5 + spread / 365
    return score


def _candidate_years(refs: list[Reference], years: list[int]) -> list[tuple[int, int]]:
    """The years a publication date is looked for in: from the first year the text names
    to two after the last, unless that spans more than ``infer_date_max_years``; then
    the named years most often named and the latest ones, each with the two after it
    (a text naming 160 different years is not scored day by day over all of them)."""
    most = int(setting("clean", "infer_date_max_years"))
    if years[-1] + 2 - years[0] < most:
        return [(years[0], years[-1] + 2)]
    counts: dict[int, int] = {}
    for r in refs:
        if r.year is not None:
            counts[r.year] = counts.get(r.year, 0) + 1
    keep = sorted(counts, key=lambda y: (-counts[y], -y))[:max(1, most // 6)]
    keep += years[-max(1, most // 6):]
    spans: list[tuple[int, int]] = []
    for y in sorted(set(keep)):
        if spans and y <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], max(spans[-1][1], y + 2))
        else:
            spans.append((y, y + 2))
    return spans


def infer_date(text: str, *, near: Date | None = None) -> Published | None:
    """Infer a publication range from an undated text's own references.

    ``near`` is a hint (e.g. the date of similar dated articles in the same
    input) used only to choose between years that fit the text equally well.
    """
    # the references of the first part of a long text are enough: the cost is days x
    # references (1,000 dated sentences took 50 s)
    refs = find_references(text)[:int(setting("clean", "infer_date_max_references"))]
    full = [r for r in refs if r.day is not None]
    if not full:
        return None  # a month or a year alone cannot date an article
    years = sorted({r.year for r in refs if r.year is not None})
    if years:
        spans = _candidate_years(refs, years)
    elif near is not None:
        spans = [(near.year - 2, near.year + 2)]
    else:
        return None
    spans = [(max(a, MIN_DATE.year), min(b, MAX_DATE.year)) for a, b in spans]
    spans = [(a, b) for a, b in spans if a <= b]
    if not spans:
        return None  # the text names only years outside the calendar of news
    # Ties break toward the hint, else toward the years the text names: the least
    # that the text asks us to assume.
    anchor = near or (dt.date(years[-1], 1, 1) if years else None)
    scored: list[tuple[float, Date]] = []
    for lo_year, hi_year in spans:
        day = dt.date(lo_year, 1, 1)
        end = dt.date(hi_year, 12, 31)
        while day <= end:
            s = _score(day, refs)
            if anchor is not None:
                s -= abs((day - anchor).days) / 100_000
            scored.append((round(s, 2), day))
            day += dt.timedelta(days=1)
    best = max(s for s, _ in scored)
    good = [d for s, d in scored if s >= best - 1e-9]
    # Split the best days into contiguous windows; choose one.
    windows: list[list[Date]] = []
    for d in good:
        if windows and (d - windows[-1][-1]).days == 1:
            windows[-1].append(d)
        else:
            windows.append([d])

    def distance(w: list[Date]) -> float:
        if near is None:
            return 0.0
        mid = w[0] + (w[-1] - w[0]) / 2
        return abs((mid - near).days)

    # With no hint, the earliest window: the least that the text asks us to assume.
    window = min(windows, key=lambda w: (distance(w), w[0]))
    filed = dateline_day(text)
    if filed is not None and (near is not None or len(windows) == 1):
        # a wire dateline ("KHARTOUM, March 12 (Reuters) -") states the day of filing:
        # that day in the chosen window is the date, not the window's middle
        same = [d for d in window if (d.month, d.day) == filed]
        if same:
            return Published(date=same[0].isoformat(), source="inferred",
                             earliest=same[0].isoformat(), latest=same[0].isoformat())
    lo, hi = window[0], window[-1]
    if (hi - lo).days > RECENCY_DAYS:
        hi = lo + dt.timedelta(days=RECENCY_DAYS)
    if len(windows) > 1 and near is None:
        # Several years fit equally: say so, with bounds that hold them all.
        return Published(date=None, source="inferred", earliest=windows[0][0].isoformat(),
                         latest=windows[-1][-1].isoformat())
    mid = lo + (hi - lo) / 2
    return Published(date=mid.isoformat(), source="inferred", earliest=lo.isoformat(),
                     latest=hi.isoformat())


def dateline_day(text: str) -> tuple[int, int] | None:
    """The (month, day) of a wire dateline that opens one of the text's first three
    lines ("KHARTOUM, March 12 (Wire) - ..."), or None."""
    head = text[:2000]
    starts = [m.end() for m in re.finditer(r"(?:^|\n)[ \t]*(?=\S)", head)][:3]
    for pos in starts:  # (matched in the text: a dateline may end its line, "... (Wire) -")
        m = WIRE_DATELINE.match(head, pos)
        if m and m["dl_mon"] and m["place"]:
            month = MONTHS.get(m["dl_mon"].lower().rstrip("."))
            if month is not None and possible_day(month, int(m["dl_day"])):
                return month, int(m["dl_day"])
    return None


# ---------------------------------------------------------------------------
# Dates as pages display them, in the languages of the news we read

_MONTH_NAMES: dict[str, int] = {
    # German
    "januar": 1, "jänner": 1, "februar": 2, "feber": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5,
    "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11,
    "dezember": 12, "mär": 3, "okt": 10, "dez": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "ene": 1, "abr": 4, "ago": 8, "dic": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "decembre": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "dezembro": 12,
    # Italian
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
    "settembre": 9, "ottobre": 10,
}
_ALL_MONTHS = {**MONTHS, **_MONTH_NAMES}
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _ALL_MONTHS), key=len, reverse=True))
_YEAR4 = r"(?:19[89]\d|20\d\d)"
SHOWN_DATE = re.compile(
    rf"(?<![\w.])(?:"
    rf"(?P<d1>[0-3]?\d)(?:\.|er|º|st|nd|rd|th)?\s*(?:de\s+)?(?P<m1>{_MONTH_ALT})\.?,?\s*(?:de\s+|del\s+)?(?P<y1>{_YEAR4})"
    rf"|(?P<m2>{_MONTH_ALT})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y2>{_YEAR4})"
    rf"|(?P<y3>{_YEAR4})-(?P<mo3>[01]\d)-(?P<d3>[0-3]\d)"
    rf"|(?P<a4>[0-3]?\d)(?P<s4>[./-])(?P<b4>[0-3]?\d)(?P=s4)(?P<y4>{_YEAR4}|\d\d)"
    rf")(?![\w])",
    re.IGNORECASE,
)

# Words that put a date on a page without making it the publication date.
_NOT_PUBLISHED = re.compile(
    r"(?:aktualisiert|updated?|last modified|modified|ge[äa]ndert|änderung|actualizad[oa]|atualizad[oa]|"
    r"mis à jour|mise à jour|\bstand\b|abgerufen|retrieved|accessed|edited|revised|überarbeitet)"
    r"(?:\s+(?:le|am|on|el|em|de|vom|du|at|a las))?[\s:,.\-|]*$",
    re.IGNORECASE,
)


def shown_dates(text: str, *, prefer: Date | None = None) -> list[tuple[Date, int, int]]:
    """Full dates written in ``text`` in any of the supported languages, with their spans.

    Numeric dates are read day first (as most of the world writes them) unless that is
    impossible; a date that fits both orders takes the order that agrees with ``prefer``
    (e.g. the page's machine-readable date)."""
    out: list[tuple[Date, int, int]] = []
    for m in SHOWN_DATE.finditer(text):
        g = m.groupdict()
        try:
            if g["y3"]:
                d = dt.date(int(g["y3"]), int(g["mo3"]), int(g["d3"]))
            elif g["y4"]:
                y = int(g["y4"])
                y = y + 2000 if y < 100 else y
                a, b = int(g["a4"]), int(g["b4"])
                options = []
                for day, mon in ((a, b), (b, a)):
                    with contextlib.suppress(ValueError):
                        options.append(dt.date(y, mon, day))
                if g["s4"] == "." and options and options[0].day != a:
                    continue  # "21.01.2020" is day first; a dotted month-first date is a version number
                if not options:
                    continue
                d = prefer if prefer in options else options[0]
            else:
                mon_name = (g["m1"] or g["m2"]).lower().rstrip(".")
                month = _ALL_MONTHS.get(mon_name)
                if month is None:
                    continue
                d = dt.date(int(g["y1"] or g["y2"]), month, int(g["d1"] or g["d2"]))
        except (ValueError, TypeError):
            continue
        out.append((d, m.start(), m.end()))
    return out


_SENTENCE_OPENING = re.compile(
    r"(?:Le|Am|On|El|Em|Im|In|Il|Since|Seit|Desde|Depuis|Until|Bis|Before|After|Vor|Nach)\b")


def byline_date(chunks: list[str], *, prefer: Date | None = None, today: Date | None = None,
                max_chars: int = 1500) -> Date | None:
    """The first publication date shown in the text that follows a headline.

    ``chunks`` are the page's text pieces in reading order starting right after the
    headline (the byline, the date line, the lead). A date labelled as an update, a
    modification or a retrieval is skipped; a date inside running prose (a long piece
    with the date far into it) is not a byline. Returns None when the first
    ``max_chars`` characters hold no such date."""
    today = today or dt.date.today()
    seen = 0
    prev = ""
    for chunk in chunks:
        chunk = " ".join(chunk.split())
        if not chunk:
            continue
        for d, start, _end in shown_dates(chunk, prefer=prefer):
            before = (prev + " " + chunk[:start])[-40:]
            if _NOT_PUBLISHED.search(before):
                continue
            if len(chunk.split()) > 14 and (start > 25 or _SENTENCE_OPENING.match(chunk)):
                continue  # a date mentioned in a sentence ("On 14 March 2020, the ..."), not a byline
            if d.year >= 1990 and d <= today:
                return d
        seen += len(chunk)
        if seen > max_chars:
            break
        prev = chunk
    return None
