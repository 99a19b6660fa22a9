"""The shared English vocabulary: month, weekday and number words, the stop-word list and
the speech verbs. Every stage that reads these words takes them from here.
"""

from __future__ import annotations

import calendar
import datetime

# -- calendar words -------------------------------------------------------------------

MONTH_NAMES: tuple[str, ...] = tuple(m.lower() for m in calendar.month_name if m)
"""Full month names, lower case, January first: ``MONTH_NAMES[0] == "january"``."""
WEEKDAY_NAMES: tuple[str, ...] = tuple(d.lower() for d in calendar.day_name)
"""Full weekday names, lower case, Monday first (``datetime.weekday()`` order)."""

MONTHS: dict[str, int] = {
    **{m: i for i, m in enumerate(MONTH_NAMES, 1)},
    **{m[:3]: i for i, m in enumerate(MONTH_NAMES, 1)},
    "sept": 9,
}
"""Month name or abbreviation -> month number: ``MONTHS["sept"] == 9``."""
WEEKDAYS: dict[str, int] = {
    **{d: i for i, d in enumerate(WEEKDAY_NAMES)},
    **{d[:3]: i for i, d in enumerate(WEEKDAY_NAMES)},
    "tues": 1, "thur": 3, "thurs": 3,
}
"""Weekday name or abbreviation -> ``datetime.weekday()``: ``WEEKDAYS["thurs"] == 3``."""
MONTH_ABBREVIATIONS: tuple[str, ...] = tuple(m[:3].title() for m in MONTH_NAMES)
"""How a date is shown: ``MONTH_ABBREVIATIONS[4] == "May"``."""

# -- number words -----------------------------------------------------------------------

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
"""``"seven" -> 7``."""
TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
"""``"fifteen" -> 15``."""
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
"""``"forty" -> 40``."""
NUMBER_WORDS: dict[str, int] = {**UNITS, **TEENS, **TENS, "hundred": 100, "thousand": 1000}
"""Every single number word: ``"ninety" -> 90``, ``"hundred" -> 100``."""

# -- stop words -------------------------------------------------------------------------

def _words(spaced: str) -> frozenset[str]:
    """A word set written as one space-separated string (keeps the lists short)."""
    return frozenset(spaced.split())


STOP_WORDS: frozenset[str] = _words("""
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own said same says she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves s t
""")
"""Function words (``"the"``, ``"of"``, ``"said"``), left out of every word vector: the
timeline's sentence ranking, stories and the dating of undated articles."""

NEWS_FILLER: frozenset[str] = _words("""
    across almost along already although always among another anyone around cannot done
    either even ever every however last least less like made make many may might much must
    near nearly neither never new next often one others per rather say since still though
    three thus two upon way well whether whose within without year years yet week weeks
    month months day days monday tuesday wednesday thursday friday saturday sunday january
    february march april june july august september october november december time told
    according including added people first second news reported report reports mr mrs ms
""")
"""Words every news story uses (``"monday"``, ``"people"``, ``"reported"``): they say
nothing about which story an article belongs to, so story grouping and the dating of
undated articles leave them out beside :data:`STOP_WORDS`. The timeline keeps them: its
sentence ranking is better with them (Timeline17, library default setting: ROUGE-1 F
0.149 with them, 0.146 without)."""

# -- speech verbs -----------------------------------------------------------------------

SPEECH_VERBS: frozenset[str] = frozenset({
    "say", "tell", "announce", "state", "add", "report", "claim", "confirm", "note",
    "explain", "declare", "insist", "write", "stress", "argue", "assert", "acknowledge",
    "reveal", "disclose", "indicate", "suggest", "believe", "think", "predict", "quote",
    "reiterate", "comment", "remark", "observe", "emphasise", "emphasize", "maintain",
    "mention", "recount", "testify", "brief", "tweet", "post",
})
"""Lemmas of verbs reporting speech: in "the ministry said rebels attacked the town" the
attack is attributed to the ministry. Events and figures share this list."""

_IRREGULAR_FORMS = {"say": ("said",), "tell": ("told",), "write": ("wrote",),
                    "think": ("thought",)}


def _forms(lemma: str) -> set[str]:
    """The forms of a reporting verb that follow its speaker: ``"argue" -> argues,
    argued`` (not the bare verb or "-ing": "will report" is no cue)."""
    if lemma.endswith("y"):  # testify: testifies, testified
        return {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s")
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    past = _IRREGULAR_FORMS.get(lemma, (stem + "ed",))
    return {third, *past}


SPEECH_VERB_FORMS: frozenset[str] = frozenset(f for v in SPEECH_VERBS for f in _forms(v))
"""The forms of :data:`SPEECH_VERBS` written after a speaker (``"said"``, ``"argues"``,
``"noted"``): a cue beside a word that may be a name ("Abebe said")."""


def possible_day(month: int, day: int, year: int | None = None) -> bool:
    """Whether ``day`` of ``month`` (of ``year``, when given) is on the calendar.

    "February 30" and "31 April" are not dates, so they are no evidence of when an
    article was written; "February 29" is possible when no year says otherwise.

    >>> possible_day(2, 30), possible_day(4, 31), possible_day(2, 29), possible_day(2, 29, 2023)
    (False, False, True, False)
    """
    try:
        datetime.date(year if year is not None and 1 <= year <= 9999 else 2000, month, day)
    except ValueError:
        return False
    return True
