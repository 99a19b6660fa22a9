"""The store owns all SQL: no module outside ``storyline/store/`` runs a query."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"
# a query call on a DuckDB connection or cursor, or a relation built from SQL
QUERY = re.compile(r"\b(?:execute|executemany|fetchall|fetchone|fetchmany|sql)\(|\.con\b")


def offenders(root: Path) -> list[str]:
    out = []
    for path in sorted(root.rglob("*.py")):
        if path.relative_to(root).parts[0] == "store":
            continue
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if QUERY.search(line):
                out.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
    return out


def test_no_sql_outside_the_store() -> None:
    assert offenders(SRC) == []


def test_the_check_finds_a_query(tmp_path: Path) -> None:
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "x.py").write_text(
        'rows = store.con.execute("SELECT 1").fetchall()\n', encoding="utf-8")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "db.py").write_text('con.execute("SELECT 1")\n', encoding="utf-8")
    assert offenders(tmp_path) == ['story/x.py:1: rows = store.con.execute("SELECT 1").fetchall()']
