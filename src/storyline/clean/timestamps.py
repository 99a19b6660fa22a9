"""Timestamps an input gives: one parser for every date field a reader meets.

A JSON Lines item's ``published``, a feed item's ``pubDate``, a page's
``datePublished`` mark and a ``storyline code`` record's ``date`` all go through
:func:`parse_timestamp`. It reads the forms dates come in:

* ISO 8601, extended or basic, with or without a time, fraction, UTC offset or zone
  ("2020-06-01", "2020-06-01T10:00:00.123+05:30", "20200601T103000Z"), year first
  with slashes or dots ("2020/06/01"), and the 14 digits of a GDELT stamp;
* RFC 822 / 2822 (feeds, HTTP: "Mon, 01 Jun 2020 10:00:00 GMT") and written dates
  with an optional time ("June 1, 2020, 10:30 a.m. EDT", "1 June 2020");
* day-first or month-first numbers when one of them cannot be a month ("13/06/2020");
* ISO week dates and ordinal dates ("2024-W19-1", "2024W191", "2024-127");
* Unix times, in seconds or milliseconds (:func:`epoch_date`).

and checks that what it names is real: a day of the calendar ("2020-02-30" is not),
a time of day ("25:61" is not; "24:00" ends a day, a leap second is 23:59:60), a UTC
offset of a real zone (at most 14 hours: "+99:00" is not) and a weekday that is that
day's. The whole value must be the timestamp: a date inside other text
("2020-06-01garbage", "June 1, 20202"), a relative word ("yesterday"), a year or a
month alone is no date. A rejected value comes with the reason, for one warning.

>>> parse_timestamp("2020-06-01T10:00:00+05:30")
(datetime.date(2020, 6, 1), None)
>>> parse_timestamp("2024-05-14T24:00:00Z")  # the end of the day: the next one begins
(datetime.date(2024, 5, 15), None)
>>> parse_timestamp("2021-04-30T25:61:00")
(None, 'not a time of day (25:61)')
"""

from __future__ import annotations

import datetime as dt
import math
import re

from storyline.clean.patterns import DAY_RE, MONTH_RE, MONTHS, WEEKDAY_RE, WEEKDAYS

Parsed = tuple[dt.date | None, str | None]
NO_DATE = "no date or time in any known form"

# The largest UTC offset of a real time zone (UTC+14, Kiribati; UTC-12 the smallest).
MAX_OFFSET_MINUTES = 14 * 60
# Unix times are taken for dates from this year on (earlier ones are rarely news, and a
# small number is more often a count or an id than a time).
MIN_EPOCH_YEAR = 1971

_TIME = (r"(?P<H>\d{1,2})(?::(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d{1,9})?)?)?"
         r"(?:\s*(?P<ampm>[ap]\.?m\.?))?")
# A UTC offset, "Z", or a zone's upper-case abbreviation ("EDT", "CEST").
_ZONE = (r"(?P<tz>Z|[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?"
         r"|(?-i:[A-Z]{2,5}))")
# after the zone: an RFC 9557 zone name in brackets, a zone's name in words
_ZONE_TAIL = (rf"(?:\s*\(?{_ZONE}\)?)?(?:\s*\[[\w/+-]{{1,64}}\])?"
              r"(?:\s*\([A-Za-z][A-Za-z .]{1,40}\))?")

_ISO = re.compile(
    rf"(?P<y>\d{{4}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})"
    rf"(?:(?:T\s*|\s+){_TIME}{_ZONE_TAIL})?", re.I)
_BASIC = re.compile(
    r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"
    rf"(?:T?(?P<H>\d{{2}})(?P<M>\d{{2}})(?P<S>\d{{2}})?(?:[.,]\d{{1,9}})?(?P<ampm>)?{_ZONE_TAIL})?",
    re.I)
# ISO 8601 week dates ("2024-W19-1", "2024W191": Monday of week 19) and ordinal dates
# ("2024-127": the 127th day), extended or basic week, each with an optional time
_WEEK = re.compile(
    rf"(?P<wy>\d{{4}})(?P<ws>-?)W(?P<w>\d{{2}})(?P=ws)(?P<wk>[1-7])"
    rf"(?:(?:T\s*|\s+){_TIME}{_ZONE_TAIL})?", re.I)
_ORDINAL = re.compile(
    rf"(?P<oy>\d{{4}})-(?P<o>\d{{3}})(?:(?:T\s*|\s+){_TIME}{_ZONE_TAIL})?", re.I)
_NUMERIC_DAY_FIRST = re.compile(
    rf"(?P<a>\d{{1,2}})(?P<sep>[-/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}})"
    rf"(?:(?:T\s*|\s+){_TIME}{_ZONE_TAIL})?", re.I)
_WRITTEN = re.compile(
    rf"(?:(?P<wd>{WEEKDAY_RE}),?\s*)?"
    rf"(?:(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE}),?\s+(?P<y1>\d{{4}})"
    # RFC 822's two-digit year, only before a time ("01 Jun 20 10:00 GMT")
    rf"|(?P<d2>{DAY_RE})[\s-]+(?P<m2>{MONTH_RE}),?[\s-]+(?P<y2>\d{{4}}|\d{{2}}(?=\s+\d{{1,2}}:)))"
    rf"(?:(?:\s*(?:,|at|-|\|)\s*|\s+){_TIME}{_ZONE_TAIL})?", re.I)


def parse_timestamp(text: str) -> Parsed:
    """(the calendar day, None) when ``text`` is a real date or date and time in a form
    above; (None, the reason) when it is not; (None, None) when it is blank."""
    s = text.strip()
    if not s:
        return None, None
    if len(s) > 200:
        return None, "too long for a date"
    if s.isdigit():
        if len(s) in (10, 13):  # a Unix time, in seconds or milliseconds, written out
            return epoch_date(int(s))
        if len(s) not in (8, 12, 14):
            return None, NO_DATE
    for pattern in (_ISO, _BASIC, _WRITTEN, _NUMERIC_DAY_FIRST, _WEEK, _ORDINAL):
        m = pattern.fullmatch(s)
        if m is not None:
            return _checked(m)
    return None, NO_DATE


def _day_of(g: dict[str, str | None]) -> dt.date | None:
    """The day of a week date or an ordinal date; None when there is no such day."""
    try:
        if g.get("w") is not None:
            return dt.date.fromisocalendar(int(g["wy"] or 0), int(g["w"] or 0),
                                           int(g["wk"] or 0))
        year, n = int(g["oy"] or 0), int(g["o"] or 0)
        day = dt.date(year, 1, 1) + dt.timedelta(days=n - 1)
        return day if n >= 1 and day.year == year else None
    except (ValueError, OverflowError):
        return None


def _checked(m: re.Match[str]) -> Parsed:
    g = m.groupdict()
    if g.get("w") is not None or g.get("o") is not None:
        found = _day_of(g)
        if found is None:
            return None, "not a day of the calendar"
        problem = _time_problem(g.get("H"), g.get("M"), g.get("S"), g.get("ampm"))
        problem = problem or _offset_problem(g.get("tz"))
        return (None, problem) if problem else _end_of_day(found, g)
    if g.get("a") is not None:
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        elif a == b:
            day = month = a
        else:
            return None, "day and month could be either"
        year = int(g["y"])
    elif g.get("m1") is not None or g.get("m2") is not None:
        month = MONTHS[(g["m1"] or g["m2"]).lower().rstrip(".")]
        day = int(re.sub(r"\D", "", g["d1"] or g["d2"]))
        written = g["y1"] or g["y2"]
        year = int(written)
        if len(written) == 2:  # RFC 2822's reading of an obsolete two-digit year
            year += 2000 if year < 50 else 1900
    else:
        year, month, day = int(g["y"]), int(g["m"]), int(g["d"])
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None, "not a day of the calendar"
    wd = g.get("wd")
    if wd and WEEKDAYS.get(wd.lower().rstrip(".")) not in (None, date.weekday()):
        return None, f"{date.isoformat()} is not a {wd.rstrip('.,')}"
    problem = _time_problem(g.get("H"), g.get("M"), g.get("S"), g.get("ampm"))
    if problem is None:
        problem = _offset_problem(g.get("tz"))
    return (None, problem) if problem else _end_of_day(date, g)


def _end_of_day(day: dt.date, g: dict[str, str | None]) -> Parsed:
    """``day``, or the next one when its time is 24:00, which ISO 8601 reads as the end
    of the day: the first moment of the next ("2024-05-14T24:00:00Z" is May 15)."""
    if g.get("H") is None or int(g["H"] or 0) != 24:
        return day, None
    try:
        return day + dt.timedelta(days=1), None
    except OverflowError:
        return None, "not a day of the calendar"


def _time_problem(hour: str | None, minute: str | None, second: str | None,
                  ampm: str | None) -> str | None:
    if hour is None:
        return None
    h, mi, se = int(hour), int(minute or 0), int(second or 0)
    shown = f"{hour}:{minute or '00'}" + (f":{second}" if second else "")
    if ampm:
        ok = 1 <= h <= 12 and mi <= 59 and se <= 59
    else:
        ok = ((h <= 23 and mi <= 59 and (se <= 59 or (h, mi, se) == (23, 59, 60)))
              or (h, mi, se) == (24, 0, 0))
    return None if ok else f"not a time of day ({shown})"


def _offset_problem(zone: str | None) -> str | None:
    if not zone:
        return None
    m = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?", zone, re.I)
    if m is None:
        return None  # "Z" or a zone's name
    hours, minutes = int(m[2]), int(m[3] or 0)
    if minutes > 59 or hours * 60 + minutes > MAX_OFFSET_MINUTES:
        return f"not a UTC offset of any time zone ({zone})"
    return None


def epoch_date(value: float) -> Parsed:
    """The day of a Unix time in seconds, else in milliseconds, from
    :data:`MIN_EPOCH_YEAR` to 9999; (None, reason) for any other number.

    >>> epoch_date(1591005600), epoch_date(1591005600000)[0]
    ((datetime.date(2020, 6, 1), None), datetime.date(2020, 6, 1))
    """
    if isinstance(value, float) and not math.isfinite(value):
        return None, "not a finite number"
    for scale in (1, 1000):
        try:
            d = dt.datetime.fromtimestamp(value / scale, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            continue
        if d.year >= MIN_EPOCH_YEAR:
            return d, None
    return None, "a number that is no Unix time in seconds or milliseconds"
