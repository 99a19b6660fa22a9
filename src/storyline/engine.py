"""Engines that run per-document stages: in-process, a local process pool, or Ray.

Stages are pure functions of one picklable record, so every engine gives the
same results in the same order; only the speed differs.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

log = logging.getLogger(__name__)
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
    workers = pool_size(workers)
    if workers <= 1:
        for item in items:
            yield func(item)
        return
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with _start_pool(ctx, workers) as lpool:
        _await_workers(lpool, workers)
        yield from lpool.imap(func, items, chunksize=chunksize)


# A worker that has not answered a first task by then never will: most often the script
# that started the run runs it again when a worker imports it (no ``__main__`` guard), and
# the pool would replace its dying workers for ever.
WORKER_START_SECONDS = 120


def _await_workers(lpool: Any, workers: int) -> None:
    """Wait until a worker answers a first task; fail within a second of a worker dying
    while it starts (a script without a ``__main__`` guard: the pool would replace its
    dying workers for :data:`WORKER_START_SECONDS`)."""
    import multiprocessing as mp
    import time

    ping = lpool.apply_async(os.getpid)
    started: set[int | None] = set()
    deadline = time.monotonic() + WORKER_START_SECONDS
    while time.monotonic() < deadline:
        try:
            ping.get(timeout=0.1)
            return
        except mp.TimeoutError:
            pass
        # the pool's own list of its processes: it replaces a worker that died, so more
        # processes than workers means one died before it answered
        started.update(p.pid for p in getattr(lpool, "_pool", []))
        if len(started) > workers:
            break
    raise RuntimeError(
        f"the {workers} worker processes did not start. A script that runs storyline with "
        "workers must call it under `if __name__ == \"__main__\":` (each worker imports "
        "the script again), or use workers=1")


def _start_pool(ctx: Any, workers: int) -> Any:
    """Start the local pool with SIGINT blocked, so that its workers start with it blocked.

    A worker spends seconds importing the parent's modules before its initializer can
    ignore Ctrl-C; a Ctrl-C in that time printed a traceback from each worker's start-up
    (multiprocessing's own resource tracker is started the same way). The signal mask is
    inherited through fork and exec; a Ctrl-C while the pool starts waits, blocked, and
    reaches the run as soon as the pool has started.
    """
    blockable = hasattr(signal, "pthread_sigmask") and os.name == "posix"
    if blockable:
        from multiprocessing import resource_tracker

        # started first: starting it unblocks SIGINT in the thread that starts it
        _start_quiet_tracker(resource_tracker)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return ctx.Pool(processes=workers, initializer=_die_with_parent, initargs=(os.getpid(),))
    finally:
        if blockable:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _start_quiet_tracker(resource_tracker: Any) -> None:
    """Start multiprocessing's resource tracker with its own warnings off.

    When a run is killed (SIGKILL), the tracker outlives it, frees the pool's semaphores
    as it should, and printed Python's raw "There appear to be 6 leaked semaphore objects"
    line on the user's terminal after the run had gone. The tracker takes its warning
    filters from the ``-W`` options of the process that starts it.
    """
    quiet = "ignore:resource_tracker:UserWarning"
    sys.warnoptions.append(quiet)
    try:
        resource_tracker.ensure_running()
    finally:
        sys.warnoptions.remove(quiet)


def in_worker_start() -> bool:
    """Whether this process is a worker still importing its parent's main script."""
    import multiprocessing as mp

    # (set by multiprocessing's spawn start-up while it runs the parent's main script;
    # ``parent_process()`` is only set after that)
    return bool(getattr(mp.current_process(), "_inheriting", False))


def pool_size(workers: int) -> int:
    """The number of local worker processes for ``--workers N``: at least one, at most one
    per CPU (``--workers 100000`` once forked hundreds of processes for one file).

    >>> pool_size(0), pool_size(1) == 1, pool_size(10**5) <= (os.cpu_count() or 1)
    (1, True, True)
    """
    wanted = max(1, workers)
    limit = os.cpu_count() or 1
    if wanted > limit:
        log.info("--workers %d: using %d, one per CPU", wanted, limit)
    return min(wanted, limit)


def _die_with_parent(parent: int) -> None:
    """Pool worker start-up: end when the run that started it ends, even by SIGKILL.

    On Linux the kernel sends the worker SIGTERM when its parent dies
    (``PR_SET_PDEATHSIG``); a worker whose parent died before this ran exits at once.
    Elsewhere a worker ends when it finds its task queue closed.
    """
    # Ctrl-C reaches the whole process group: the run itself stops the pool and says so
    # in one line; a worker's own KeyboardInterrupt would print a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(0)
