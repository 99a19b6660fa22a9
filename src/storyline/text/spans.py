"""Character (or token) spans ``[start, end)``."""

from __future__ import annotations

from collections.abc import Iterable


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int, *,
             touching: bool = False) -> bool:
    """Whether ``[a_start, a_end)`` and ``[b_start, b_end)`` share a position (with
    ``touching``, also when one ends where the other starts); an empty ``b`` (a point,
    such as a damaged spot where a name was lost) overlaps a span that holds or borders it.

    >>> overlaps(0, 5, 4, 9), overlaps(0, 5, 5, 9), overlaps(0, 5, 5, 5)
    (True, False, True)
    >>> overlaps(0, 5, 5, 9, touching=True)
    True
    """
    if touching:
        return b_start <= a_end and a_start <= b_end
    if b_start == b_end:
        return a_start <= b_start <= a_end
    return a_start < b_end and b_start < a_end


def overlaps_any(start: int, end: int, spans: Iterable[tuple[int, int]], *,
                 touching: bool = False) -> bool:
    """Whether ``[start, end)`` overlaps any of ``spans`` (see :func:`overlaps`).

    >>> overlaps_any(3, 6, [(0, 2), (5, 8)]), overlaps_any(3, 6, [(0, 3)], touching=True)
    (True, True)
    """
    return any(overlaps(start, end, s, e, touching=touching) for s, e in spans)
