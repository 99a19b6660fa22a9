"""Engines that run per-document stages: in-process, a local process pool, or Ray.

Stages are pure functions of one picklable record, so every engine gives the
same results in the same order; only the speed differs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def parallel_map(
    func: Callable[[T], R], items: Iterable[T], *, workers: int = 1, engine: str = "local",
    chunksize: int = 4,
) -> Iterator[R]:
    """Apply ``func`` to every item, keeping input order, streaming results."""
    if engine == "ray":
        try:
            from ray.util.multiprocessing import Pool as RayPool
        except ImportError as exc:  # pragma: no cover - needs the optional extra
            raise SystemExit(
                "the ray engine needs the optional extra: pip install 'storyline[ray]'"
            ) from exc
        pool: Any = RayPool(processes=workers if workers > 1 else None)
        try:
            yield from pool.imap(func, items, chunksize=chunksize)
        finally:
            pool.terminate()
        return
    if workers <= 1:
        for item in items:
            yield func(item)
        return
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(processes=workers) as lpool:
        yield from lpool.imap(func, items, chunksize=chunksize)
