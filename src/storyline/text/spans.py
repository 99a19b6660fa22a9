"""Character (or token) spans ``[start, end)``."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
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


class SpanSet:
    """A growing set of spans that answers "does ``[start, end)`` share a position with
    one of them?" in logarithmic time, as ``any(start < e and s < end for s, e in
    spans)`` does in linear time (:func:`overlaps_any` for non-empty spans). A scan of
    all the spans taken so far for each new candidate made choosing among ``n`` time
    expressions or names cost ``n²`` (an article of 10,000 dates: minutes).

    It keeps the union of the non-empty spans as sorted runs (spans that overlap are
    merged; spans that only touch stay apart) and the empty ones as points.

    >>> s = SpanSet([(0, 5), (5, 9)])
    >>> s.overlaps(4, 6), s.overlaps(9, 12), s.overlaps(5, 5), s.overlaps(2, 2)
    (True, False, False, True)
    >>> s.add(20, 20); s.overlaps(19, 21), s.overlaps(20, 25)
    (True, False)
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._points: list[int] = []
        for s, e in spans:
            self.add(s, e)

    def add(self, start: int, end: int) -> None:
        if end <= start:
            if end == start:
                insort(self._points, start)
            return
        i = bisect_right(self._ends, start)  # the first run ending after start
        j = bisect_left(self._starts, end)  # past the last run starting before end
        if i < j:
            start = min(start, self._starts[i])
            end = max(end, self._ends[j - 1])
        self._starts[i:j] = [start]
        self._ends[i:j] = [end]

    def overlaps(self, start: int, end: int) -> bool:
        # runs are disjoint and sorted, so the last one starting before `end` ends last
        i = bisect_left(self._starts, end) - 1
        if i >= 0 and self._ends[i] > start:
            return True
        k = bisect_right(self._points, start)
        return k < len(self._points) and self._points[k] < end
