"""Output files written through DuckDB (the store owns every SQL statement)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storyline.outfiles import atomic_path
from storyline.store.db import connect


def write_parquet(path: Path, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]],
                  *, order_by: Sequence[str] = ()) -> Path:
    """Write ``rows`` (values in ``columns`` order; columns as ``(name, DuckDB type)``) to a
    Parquet file at ``path``, atomically (through a temporary file beside it)."""
    with atomic_path(path) as tmp:
        _write_parquet(tmp, columns, rows, order_by)
    return path


def _write_parquet(tmp: Path, columns: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]],
                   order_by: Sequence[str]) -> None:
    con = connect()  # offline: no extension installed or loaded behind the run's back
    try:
        con.execute("CREATE TABLE t (" + ", ".join(f'"{c}" {t}' for c, t in columns) + ")")
        if rows:
            con.executemany(f"INSERT INTO t VALUES ({', '.join('?' for _ in columns)})",
                            [list(r) for r in rows])
        order = f" ORDER BY {', '.join(chr(34) + c + chr(34) for c in order_by)}" if order_by else ""
        target = str(tmp).replace("'", "''")
        con.execute(f"COPY (SELECT * FROM t{order}) TO '{target}' (FORMAT PARQUET)")
    finally:
        con.close()
