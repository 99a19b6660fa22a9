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
    yield from _pool_map(func, items, workers, chunksize)


class WorkerDied(RuntimeError):
    """A worker process ended while the run needed it (the out-of-memory killer, a
    ``kill -9``): the run stops with this one line instead of waiting for ever for the
    documents the worker held."""


# A worker that has not answered a first task by then never will: most often the script
# that started the run runs it again when a worker imports it (no ``__main__`` guard).
WORKER_START_SECONDS = 120
# chunks handed to the pool ahead of the one the run waits for, per worker
CHUNKS_AHEAD = 4


def _pool_map(func: Callable[[T], R], items: Iterable[T], workers: int,
              chunksize: int) -> Iterator[R]:
    """The local pool's :func:`parallel_map`: a process pool that notices a worker's death
    (``multiprocessing.Pool`` replaced a killed worker and waited for ever for the
    documents it held, at 0 % CPU, the output folder locked)."""
    import multiprocessing as mp

    executor, processes = _start_pool(mp.get_context("spawn"), workers)
    try:
        _await_workers(executor, workers)
        yield from _in_order(executor, processes, func, items, chunksize, workers)
    finally:
        _stop_pool(executor, processes)


def _apply(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    """One pool task: ``func`` over a chunk of items (in a worker)."""
    return [func(item) for item in chunk]


class _Failed:
    """The feeder thread's exception, handed to the thread that reads the results."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


_END = object()


def _in_order(executor: Any, processes: list[Any], func: Callable[[T], R],
              items: Iterable[T], chunksize: int, workers: int) -> Iterator[R]:
    """Results in input order. A feeder thread reads ``items`` (reading may be slow: files
    are read and decoded there) and hands chunks to the pool, a bounded number ahead."""
    import itertools
    import queue
    import threading
    from concurrent.futures.process import BrokenProcessPool

    ahead: queue.Queue[Any] = queue.Queue(maxsize=CHUNKS_AHEAD * workers)
    stop = threading.Event()

    def hand(got: Any) -> None:
        while not stop.is_set():
            try:
                ahead.put(got, timeout=0.2)
                return
            except queue.Full:
                continue

    def feed() -> None:
        try:
            source = iter(items)
            while not stop.is_set():
                chunk = list(itertools.islice(source, chunksize))
                if not chunk:
                    break
                hand(executor.submit(_apply, func, chunk))
            hand(_END)
        except BaseException as exc:
            hand(_Failed(exc))

    feeder = threading.Thread(target=feed, name="storyline-pool-feeder", daemon=True)
    feeder.start()
    try:
        while (got := ahead.get()) is not _END:
            if isinstance(got, _Failed):
                raise got.exc
            try:
                yield from got.result()
            except BrokenProcessPool:
                raise WorkerDied(_death(executor, processes)) from None
    except BrokenProcessPool:  # the feeder could not hand a chunk to the broken pool
        raise WorkerDied(_death(executor, processes)) from None
    finally:
        stop.set()
        feeder.join(timeout=5)


def _death(executor: Any, processes: list[Any]) -> str:
    """How a worker ended, for the run's one error line."""
    # the pool's own thread reaps the workers as it marks the pool broken: their exit
    # codes are known once it has ended
    manager = getattr(executor, "_executor_manager_thread", None)
    if manager is not None:
        manager.join(timeout=5)
    codes = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
    # the pool ends the other workers with SIGTERM once one has died
    first = next((c for c in codes if c != -signal.SIGTERM), codes[0] if codes else None)
    if first is not None and first < 0:
        try:
            how = f"was killed by {signal.Signals(-first).name}"
        except ValueError:
            how = f"was killed by signal {-first}"
    else:
        how = "ended unexpectedly" if first is None else f"ended with status {first}"
    hint = (" (the system's out-of-memory killer does this when memory runs short)"
            if first == -signal.SIGKILL else "")
    return f"a worker process {how}{hint}"


def _await_workers(executor: Any, workers: int) -> None:
    """Wait until a worker answers a first task; fail as soon as a worker dies while it
    starts (a script without a ``__main__`` guard runs the run again in each worker)."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        executor.submit(os.getpid).result(timeout=WORKER_START_SECONDS)
    except (BrokenProcessPool, TimeoutError):
        raise RuntimeError(
            f"the {workers} worker processes did not start. A script that runs storyline "
            "with workers must call it under `if __name__ == \"__main__\":` (each worker "
            "imports the script again), or use workers=1") from None


def _stop_pool(executor: Any, processes: list[Any]) -> None:
    """Shut the pool down at once, its workers ended, whether the run is done or stopped
    early (Ctrl-C, an error, a dead worker); a resource tracker that was killed is
    restarted quietly first (the pool's semaphores, freed now, printed a traceback each
    from the new one)."""
    _quiet_tracker_restart()
    # (a run that is done ends its workers too: each took a second or more to exit on its
    # own, its language models loaded, as the pool shut down)
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.exitcode is None:
            proc.terminate()
    for proc in processes:
        proc.join(timeout=5)
        if proc.exitcode is None:
            proc.kill()
            proc.join(timeout=5)
    executor.shutdown(wait=True)


def _start_pool(ctx: Any, workers: int) -> tuple[Any, list[Any]]:
    """Start the local pool with SIGINT blocked, so that its workers start with it blocked;
    the pool and its worker processes.

    A worker spends seconds importing the parent's modules before its initializer can
    ignore Ctrl-C; a Ctrl-C in that time printed a traceback from each worker's start-up
    (multiprocessing's own resource tracker is started the same way). The signal mask is
    inherited through fork and exec; a Ctrl-C while the pool starts waits, blocked, and
    reaches the run as soon as the pool has started.
    """
    from concurrent.futures import ProcessPoolExecutor

    blockable = hasattr(signal, "pthread_sigmask") and os.name == "posix"
    if blockable:
        from multiprocessing import resource_tracker

        # started first: starting it unblocks SIGINT in the thread that starts it
        _start_quiet_tracker(resource_tracker)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        executor: Any = ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                                       initializer=_die_with_parent, initargs=(os.getpid(),))
        # all workers now, while SIGINT is blocked (the pool would start them one a task)
        if hasattr(executor, "_launch_processes"):
            executor._launch_processes()
        return executor, list(executor._processes.values())
    finally:
        if blockable:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _quiet_tracker_restart() -> None:
    """Restart multiprocessing's resource tracker if it was killed, with its standard error
    on the null device: the new tracker is told to forget semaphores it never saw, and
    printed a traceback for each, plus Python's "process died unexpectedly" warning."""
    import warnings
    from multiprocessing import resource_tracker

    tracker: Any = getattr(resource_tracker, "_resource_tracker", None)
    if os.name != "posix" or getattr(tracker, "_fd", None) is None \
            or not hasattr(tracker, "_check_alive") or tracker._check_alive():
        return
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            resource_tracker.ensure_running()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


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
