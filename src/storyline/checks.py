"""Checks of the options a run or a coding call is given, shared by the command line and
the library (:class:`storyline.pipeline.Options`, :func:`storyline.api.code_records`): a
bad value is refused before any work with one message naming the option (a flag such as
``--timeline-from`` on the command line, a field such as ``timeline_from`` in Python).

>>> bad_day("timeline_from", "2024-02-30")
"timeline_from '2024-02-30' is not a real date"
>>> bad_count("timeline_dates", 0)
'timeline_dates must be 1 or more (got 0)'
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any


class OptionError(ValueError, TypeError):
    """An option out of its range or of the wrong type; the message names the option.

    It is both a ``ValueError`` and a ``TypeError``: a caller that caught the
    ``TypeError`` a wrong-typed argument once raised still catches it."""


def bad_day(label: str, value: Any, *, any_year: bool = False) -> str | None:
    """Why a date option's value is refused (None when it is a day in the sane range).

    Only ``YYYY-MM-DD`` in ASCII digits is a date here (``fromisoformat`` would also take
    ``20240501`` and ISO weeks); days outside ``clean.dates.MIN_DATE``..``MAX_DATE``, which
    ``run`` treats as absent in its input, are refused rather than silently clamped,
    unless ``any_year`` (a coding call's date: a real day past the calendar dates nothing,
    its events stay undated).
    """
    from storyline.clean.dates import MAX_DATE, MIN_DATE

    if not isinstance(value, str):
        return f"{label} must be a date as text, YYYY-MM-DD (got {type(value).__name__})"
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return f"{label} {value[:40]!r} is not a date (YYYY-MM-DD)"
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return f"{label} {value!r} is not a real date"
    if not any_year and not MIN_DATE <= day <= MAX_DATE:
        return (f"{label} {value} is outside the dates storyline handles "
                f"({MIN_DATE.isoformat()} to {MAX_DATE.isoformat()})")
    return None


def bad_range(lo_label: str, lo: str | None, hi_label: str, hi: str | None) -> str | None:
    """Why a date range is refused: its start after its end (None when it is fine)."""
    if lo is not None and hi is not None and lo > hi:
        return f"{lo_label} {lo} is after {hi_label} {hi}: no entry could be kept"
    return None


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def bad_count(label: str, value: Any, most: int | None = None) -> str | None:
    """Why a count option (1 or more, at most ``most``) is refused (None when fine)."""
    if not _integer(value):
        return f"{label} must be a whole number (got {type(value).__name__} {value!r:.40})"
    if value < 1:
        return f"{label} must be 1 or more (got {value})"
    if most is not None and value > most:
        return f"{label} must be at most {most} (got {value})"
    return None


def bad_share(label: str, value: Any, *, above_one: bool = False) -> str | None:
    """Why a number from 0 to 1 (a confidence) is refused (None when fine); with
    ``above_one`` a finite number over 1 passes too (a floor that keeps nothing)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{label} must be a number from 0 to 1 (got {type(value).__name__})"
    if not (math.isfinite(value) and value >= 0.0 and (above_one or value <= 1.0)):
        return f"{label} must be a number from 0 to 1 (got {value})"
    return None


def max_workers() -> int:
    from storyline.config import setting

    return int(setting("run", "max_workers", 256))


def most(section: str, name: str) -> int:
    """The highest value the setting ``section.name`` may take (data/config_limits.toml):
    an option that stands in for the setting (``--timeline-dates`` for ``timeline.dates``)
    has the same range.

    >>> most("timeline", "dates")
    100000
    """
    from storyline.config import _limits

    return int(_limits()[section][name][1])


def max_inputs() -> int:
    """The most paths one ``storyline.run()`` call takes (folders count once, whatever they
    hold): an endless iterator given as inputs is refused instead of read forever."""
    from storyline.config import setting

    return int(setting("run", "max_inputs", 1_000_000))
