"""Character (or token) spans ``[start, end)``."""

from __future__ import annotations

from collections.abc import Iterable


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether ``[a_start, a_end)`` and ``[b_start, b_end)`` share a position; an empty
    ``b`` (a point, such as a damaged spot where a name was lost) overlaps a span that
    holds or borders it.

    >>> overlaps(0, 5, 4, 9), overlaps(0, 5, 5, 9), overlaps(0, 5, 5, 5)
    (True, False, True)
    """
    if b_start == b_end:
        return a_start <= b_start <= a_end
    return a_start < b_end and b_start < a_end


def overlaps_any(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` overlaps any of ``spans``.

    >>> overlaps_any(3, 6, [(0, 2), (5, 8)])
    True
    """
    return any(overlaps(start, end, s, e) for s, e in spans)
