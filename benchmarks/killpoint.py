"""``storyline run`` that kills itself with SIGKILL at a chosen moment.

    python benchmarks/killpoint.py MOMENT N storyline-run-arguments...

MOMENT is one of :data:`MOMENTS`; N counts its occurrences (the Nth batch, the Nth
story write). The run is the real one (``storyline.cli.main``); only the moment is
forced: the kill lands inside the store's transaction (after its rows, before its
commit), halfway through writing an export, or as the report starts. Worker processes
(``--workers 2``) are the real pool's. Used by ``benchmarks/robust_sigkill.py --moments``
and ``tests/test_robust_sigkill_moments.py``; a run whose moment never comes exits 3.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

MOMENTS = ("batch_write", "annotation_commit", "story_write", "export_articles",
           "export_events", "export_timeline", "report")


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class _KillingConnection:
    """The store's connection, killing the run right after its next insert (an
    ``INSERT`` statement or an ``executemany``, inside the caller's transaction)."""

    def __init__(self, con: Any) -> None:
        self._con = con

    def executemany(self, *args: Any, **kw: Any) -> Any:
        self._con.executemany(*args, **kw)
        _kill()

    def execute(self, sql: str, *args: Any, **kw: Any) -> Any:
        got = self._con.execute(sql, *args, **kw)
        if sql.lstrip().upper().startswith("INSERT"):
            _kill()
        return got

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def _nth(n: int) -> Callable[[], bool]:
    seen = [0]

    def due() -> bool:
        seen[0] += 1
        return seen[0] == n

    return due


def install(moment: str, n: int) -> None:
    """Arm the kill for the ``n``-th occurrence of ``moment``."""
    from storyline.store.db import Store

    due = _nth(n)
    if moment in ("batch_write", "annotation_commit"):
        name = "write_batch" if moment == "batch_write" else "put_annotations"
        original = getattr(Store, name)

        def inside(self: Store, *args: Any, **kw: Any) -> Any:
            if due():
                self.con = _KillingConnection(self.con)  # type: ignore[assignment]
            return original(self, *args, **kw)

        setattr(Store, name, inside)
    elif moment == "story_write":
        bulk = Store.bulk_insert

        def insert(self: Store, *args: Any, **kw: Any) -> None:
            bulk(self, *args, **kw)
            if due():
                _kill()

        Store.bulk_insert = insert  # type: ignore[method-assign]
    elif moment in ("export_articles", "export_events"):
        from storyline import exporters

        target = moment.removeprefix("export_") + ".jsonl"
        write = exporters.write_jsonl

        def halfway(path: Any, items: Iterable[dict[str, Any]]) -> Any:
            if path.name != target or not due():
                return write(path, items)

            def some() -> Iterator[dict[str, Any]]:
                for k, item in enumerate(items):
                    if k == 2:
                        _kill()
                    yield item
                _kill()

            return write(path, some())

        exporters.write_jsonl = halfway
    elif moment in ("export_timeline", "report"):
        from storyline import exporters

        name = "timeline" if moment == "export_timeline" else "report"
        original = exporters.export_timeline if name == "timeline" else exporters.export_report

        def starting(ctx: Any) -> Any:
            if due():
                _kill()
            return original(ctx)

        exporters.register_exporter(name)(starting)  # same place in the order
    else:
        raise SystemExit(f"unknown moment {moment!r}: one of {', '.join(MOMENTS)}")


def main(argv: list[str]) -> int:
    moment, n, rest = argv[0], int(argv[1]), argv[2:]
    install(moment, n)
    from storyline.cli import main as cli

    cli(["run", *rest])
    return 3  # the moment never came


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
