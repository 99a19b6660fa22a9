"""The DuckDB store: one schema, content-hash keys, transactional batches.

Per-document stages never touch the store; the run loop writes their results
here in batches, each batch one transaction, and records which input files are
complete. A run killed at any point leaves a readable database (DuckDB replays
its write-ahead log) and the next run picks up at the first incomplete file;
content-hash keys make every insert idempotent.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from storyline.model import Article, Published, Rejected

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    input_id VARCHAR,
    path VARCHAR,
    position VARCHAR,
    url VARCHAR,
    outlet VARCHAR,
    title VARCHAR,
    dateline VARCHAR,
    pub_date VARCHAR,
    pub_source VARCHAR,
    pub_earliest VARCHAR,
    pub_latest VARCHAR,
    text VARCHAR,
    language VARCHAR,
    warnings VARCHAR,   -- JSON list
    damaged VARCHAR,    -- JSON list of [start, end]
    added_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS files (
    path VARCHAR PRIMARY KEY,
    size BIGINT,
    mtime_ns BIGINT,
    documents INTEGER,
    done_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS rejects (
    path VARCHAR,
    reason VARCHAR,
    run INTEGER
);
CREATE TABLE IF NOT EXISTS annotations (
    article VARCHAR,
    stage VARCHAR,
    version VARCHAR,
    data VARCHAR,       -- JSON
    PRIMARY KEY (article, stage)
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TIMESTAMP DEFAULT current_timestamp,
    summary VARCHAR
);
-- cross-document story stages (storyline.story): syndicated copies, stories, merged
-- events and figure series. Rows are keyed by content hashes, so reruns add nothing.
CREATE TABLE IF NOT EXISTS minhashes (
    article VARCHAR PRIMARY KEY,
    shingles INTEGER,   -- number of distinct shingles of the body
    signature BLOB      -- MinHash signature (uint32 array)
);
CREATE TABLE IF NOT EXISTS lsh_buckets (
    band INTEGER,
    bucket UBIGINT,
    article VARCHAR
);
CREATE TABLE IF NOT EXISTS duplicates (
    article VARCHAR PRIMARY KEY,
    original VARCHAR,   -- the first stored copy (never itself a duplicate)
    similarity DOUBLE   -- shingle Jaccard
);
CREATE TABLE IF NOT EXISTS story_terms (
    article VARCHAR PRIMARY KEY,
    date VARCHAR,
    terms VARCHAR       -- JSON {term: count}: actors, places, content words
);
CREATE TABLE IF NOT EXISTS term_df (term VARCHAR PRIMARY KEY, df INTEGER);
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    first VARCHAR,
    last VARCHAR,
    centroid VARCHAR,   -- JSON {term: weight}, top terms of the member vectors
    size INTEGER,
    fingerprint VARCHAR,  -- hash of members + stage versions when last merged
    mode VARCHAR,       -- 'cluster' or 'one'
    created_run INTEGER
);
CREATE TABLE IF NOT EXISTS story_articles (
    article VARCHAR PRIMARY KEY,
    story VARCHAR,
    similarity DOUBLE
);
CREATE TABLE IF NOT EXISTS merged_events (
    id VARCHAR,
    story VARCHAR,
    date VARCHAR,
    data VARCHAR,       -- JSON, the events.jsonl line
    PRIMARY KEY (story, id)
);
CREATE TABLE IF NOT EXISTS figure_series (
    id VARCHAR,
    story VARCHAR,
    data VARCHAR,       -- JSON, the series.jsonl line
    PRIMARY KEY (story, id)
);
CREATE TABLE IF NOT EXISTS story_merges (
    run INTEGER,
    story VARCHAR,
    articles INTEGER,
    events INTEGER
);
"""

ARTICLE_COLUMNS = (
    "id, input_id, path, position, url, outlet, title, dateline, pub_date, pub_source, "
    "pub_earliest, pub_latest, text, language, warnings, damaged"
)


def file_signature(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


class Store:
    """A storyline database (DuckDB file)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.path))
        self.con.execute(SCHEMA)
        self.con.execute(
            "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs ---------------------------------------------------------------
    def new_run(self) -> int:
        row = self.con.execute("SELECT coalesce(max(id), 0) + 1 FROM runs").fetchone()
        run = int(row[0]) if row else 1
        self.con.execute("INSERT INTO runs (id) VALUES (?)", [run])
        return run

    def finish_run(self, run: int, summary: dict[str, Any]) -> None:
        self.con.execute("UPDATE runs SET summary = ? WHERE id = ?", [json.dumps(summary), run])

    # -- files ----------------------------------------------------------------
    def file_done(self, display: str, path: Path) -> bool:
        try:
            size, mtime = file_signature(path)
        except OSError:
            return False
        row = self.con.execute(
            "SELECT 1 FROM files WHERE path = ? AND size = ? AND mtime_ns = ?",
            [display, size, mtime],
        ).fetchone()
        return row is not None

    # -- writing --------------------------------------------------------------
    def write_batch(
        self,
        articles: Iterable[Article],
        rejects: Iterable[Rejected],
        done_files: Iterable[tuple[str, Path, int]],
        run: int,
    ) -> int:
        """Insert a batch in one transaction; return how many articles were new."""
        rows = [_article_row(a) for a in articles]
        self.con.execute("BEGIN TRANSACTION")
        try:
            before = self.count_articles()
            if rows:
                self.con.executemany(
                    f"INSERT OR IGNORE INTO articles ({ARTICLE_COLUMNS}) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
            rej = [(r.path, r.reason, run) for r in rejects]
            if rej:
                self.con.executemany("INSERT INTO rejects VALUES (?, ?, ?)", rej)
            for display, path, n in done_files:
                try:
                    size, mtime = file_signature(path)
                except OSError:
                    continue
                self.con.execute(
                    "INSERT OR REPLACE INTO files (path, size, mtime_ns, documents) "
                    "VALUES (?, ?, ?, ?)",
                    [display, size, mtime, n],
                )
            after = self.count_articles()
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return after - before

    def bulk_insert(self, table: str, rows: list[tuple[Any, ...]], *, verb: str = "INSERT",
                    suffix: str = "") -> None:
        """Insert many rows in one statement (column lists passed to ``unnest``).

        Far faster than ``executemany`` in DuckDB. ``verb`` may be ``INSERT OR IGNORE``
        or ``INSERT OR REPLACE``; ``suffix`` an ``ON CONFLICT`` clause. The caller owns
        the transaction.
        """
        if not rows:
            return
        columns = [list(col) for col in zip(*rows, strict=True)]
        select = ", ".join("unnest(?)" for _ in columns)
        self.con.execute(f"{verb} INTO {table} SELECT {select} {suffix}", columns)

    def update_published(self, article_id: str, pub: Published, warning: str | None) -> None:
        self.con.execute(
            "UPDATE articles SET pub_date = ?, pub_source = ?, pub_earliest = ?, pub_latest = ? "
            "WHERE id = ?",
            [pub.date, pub.source, pub.earliest, pub.latest, article_id],
        )
        if warning:
            row = self.con.execute("SELECT warnings FROM articles WHERE id = ?", [article_id]).fetchone()
            warnings = json.loads(row[0]) if row and row[0] else []
            if warning not in warnings:
                warnings.append(warning)
                self.con.execute(
                    "UPDATE articles SET warnings = ? WHERE id = ?", [json.dumps(warnings), article_id]
                )

    def put_annotation(self, article: str, stage: str, version: str, data: Any) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO annotations VALUES (?, ?, ?, ?)",
            [article, stage, version, json.dumps(data)],
        )

    def put_annotations(self, stage: str, version: str, items: list[tuple[str, Any]]) -> None:
        """Store many articles' annotations of one stage in one transaction."""
        if not items:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.executemany(
                "INSERT OR REPLACE INTO annotations VALUES (?, ?, ?, ?)",
                [(aid, stage, version, json.dumps(data)) for aid, data in items],
            )
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def missing_annotations(self, stage: str, version: str) -> list[str]:
        rows = self.con.execute(
            "SELECT a.id FROM articles a LEFT JOIN annotations n ON n.article = a.id "
            "AND n.stage = ? AND n.version = ? WHERE n.article IS NULL ORDER BY a.id",
            [stage, version],
        ).fetchall()
        return [str(r[0]) for r in rows]

    def articles_by_id(self, ids: list[str]) -> Iterator[Article]:
        """Stored articles with the given ids, fetched in chunks."""
        for i in range(0, len(ids), 200):
            chunk = ids[i : i + 200]
            rows = self.con.execute(
                f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY id",
                [chunk],
            ).fetchall()
            for row in rows:
                yield _row_article(row)

    def annotations(self, stage: str, version: str) -> Iterator[tuple[str, Any]]:
        """(article id, data) for every stored annotation of a stage, by article path."""
        cur = self.con.execute(
            "SELECT n.article, n.data FROM annotations n JOIN articles a ON a.id = n.article "
            "WHERE n.stage = ? AND n.version = ? ORDER BY a.path, a.position, a.id",
            [stage, version],
        )
        while True:
            rows = cur.fetchmany(200)
            if not rows:
                return
            for aid, data in rows:
                yield str(aid), json.loads(data)

    def get_annotation(self, article: str, stage: str, version: str) -> Any | None:
        row = self.con.execute(
            "SELECT data FROM annotations WHERE article = ? AND stage = ? AND version = ?",
            [article, stage, version],
        ).fetchone()
        return json.loads(row[0]) if row else None

    # -- reading --------------------------------------------------------------
    def count_articles(self) -> int:
        row = self.con.execute("SELECT count(*) FROM articles").fetchone()
        return int(row[0]) if row else 0

    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def articles(self) -> Iterator[Article]:
        """Every stored article, in a stable order (by path, position, id)."""
        cur = self.con.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY path, position, id"
        )
        while True:
            rows = cur.fetchmany(500)
            if not rows:
                return
            for row in rows:
                yield _row_article(row)

    def rejects(self, run: int | None = None) -> list[tuple[str, str]]:
        if run is None:
            rows = self.con.execute("SELECT path, reason FROM rejects").fetchall()
        else:
            rows = self.con.execute("SELECT path, reason FROM rejects WHERE run = ?", [run]).fetchall()
        return [(str(p), str(r)) for p, r in rows]


def _article_row(a: Article) -> tuple[Any, ...]:
    p = a.published
    return (
        a.id, a.input_id, a.path, a.position, a.url, a.outlet, a.title, a.dateline,
        p.date, p.source, p.earliest, p.latest, a.text, a.language,
        json.dumps(a.warnings), json.dumps([list(x) for x in a.damaged]),
    )


def _row_article(row: tuple[Any, ...]) -> Article:
    (aid, input_id, path, position, url, outlet, title, dateline, pdate, psource, pearly,
     plate, text, language, warnings, damaged) = row
    return Article(
        id=aid, input_id=input_id, path=path, url=url, outlet=outlet, title=title,
        dateline=dateline,
        published=Published(date=pdate, source=psource, earliest=pearly, latest=plate),
        text=text, language=language, warnings=json.loads(warnings or "[]"),
        damaged=[(int(a), int(b)) for a, b in json.loads(damaged or "[]")],
        position=position,
    )
