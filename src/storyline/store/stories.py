"""The store's cross-document tables: syndicated copies, stories, merged events, series.

Every query the story stages (:mod:`storyline.story`) make is a named method here, so
the store owns all SQL: the stages compute, the store reads and writes. Methods that
write several tables do it in one transaction; :meth:`StoryTables.transaction` lets a
stage group its own writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import duckdb

from storyline.model import MergedEvent, Series, Story

STORY_TABLES = ("minhashes", "lsh_buckets", "duplicates", "story_terms", "term_df", "stories",
                "story_articles", "merged_events", "figure_series", "story_merges")
"""The tables the story stages own."""


class StoryTables:
    """Mixed into :class:`storyline.store.db.Store` (which opens ``con``)."""

    con: duckdb.DuckDBPyConnection

    def bulk_insert(self, table: str, rows: Sequence[tuple[Any, ...]], *,
                    verb: str = "INSERT", suffix: str = "", columns: str = "") -> None:
        """Insert many rows in one statement (column lists passed to ``unnest``).

        Far faster than ``executemany`` in DuckDB. ``verb`` may be ``INSERT OR IGNORE``
        or ``INSERT OR REPLACE``; ``suffix`` an ``ON CONFLICT`` clause. The caller owns
        the transaction. ``columns`` names the table's columns the rows fill (all, in
        order, when empty). Of rows with one key, ``INSERT OR IGNORE`` keeps the first;
        callers give ``INSERT OR REPLACE`` rows with distinct keys.
        """
        if not rows:
            return
        values = [list(col) for col in zip(*rows, strict=True)]
        select = ", ".join("unnest(?)" for _ in values)
        into = f"{table} ({columns})" if columns else table
        self.con.execute(f"{verb} INTO {into} SELECT {select} {suffix}", values)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        """Undo the open transaction; a COMMIT interrupted by Ctrl-C or SIGTERM may have
        ended it already, and that is no second error."""
        with suppress(duckdb.TransactionException):
            self.con.execute("ROLLBACK")

    # -- cross-document dating ------------------------------------------------------
    def undated_articles(self) -> list[tuple[str, str]]:
        """(id, text) of the articles without a publication date (none or inferred)."""
        rows = self.con.execute(
            "SELECT id, text FROM articles WHERE pub_date IS NULL "
            "AND pub_source IN ('none', 'inferred') ORDER BY id"
        ).fetchall()
        return [(str(a), str(t or "")) for a, t in rows]

    def dated_articles(self, limit: int) -> list[tuple[str, str, str]]:
        """(id, text, date) of the latest ``limit`` articles whose date is given or stated."""
        rows = self.con.execute(
            "SELECT id, text, pub_date FROM articles WHERE pub_date IS NOT NULL "
            "AND pub_source IN ('input', 'explicit') ORDER BY pub_date DESC, id LIMIT ?",
            [limit],
        ).fetchall()
        return [(str(a), str(t or ""), str(d)) for a, t, d in rows]

    def refined_articles(self, note: str) -> list[tuple[str, str]]:
        """(id, text) of the articles a neighbour dated: inferred, dated, and with a
        warning that starts with ``note``."""
        rows = self.con.execute(
            "SELECT id, text, warnings FROM articles WHERE pub_date IS NOT NULL "
            "AND pub_source = 'inferred' AND contains(coalesce(warnings, ''), ?) ORDER BY id",
            [note]).fetchall()
        out = []
        for aid, text, warnings in rows:
            try:
                notes = json.loads(warnings)
            except ValueError:
                continue
            if isinstance(notes, list) and any(str(n).startswith(note) for n in notes):
                out.append((str(aid), str(text or "")))
        return out

    def dated_key(self, limit: int) -> str:
        """A key of what :meth:`dated_articles` gives now (their ids and dates): when it
        differs from the last :meth:`set_dated_key`, the neighbours an article was dated
        from may be gone or new."""
        row = self.con.execute(
            "SELECT md5(coalesce(string_agg(id || ' ' || pub_date, ',' ORDER BY pub_date "
            "DESC, id), '')) FROM (SELECT id, pub_date FROM articles WHERE pub_date IS NOT "
            "NULL AND pub_source IN ('input', 'explicit') ORDER BY pub_date DESC, id LIMIT ?)",
            [limit]).fetchone()
        return str(row[0]) if row else ""

    def last_dated_key(self) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = 'dated neighbours'"
                               ).fetchone()
        return str(row[0]) if row else None

    def set_dated_key(self, key: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('dated neighbours', ?)", [key])

    # -- syndication ----------------------------------------------------------------
    def unsigned_articles(self) -> list[str]:
        """Ids of the articles without a MinHash signature, by date then id."""
        rows = self.con.execute(
            "SELECT a.id FROM articles a LEFT JOIN minhashes m ON m.article = a.id "
            "WHERE m.article IS NULL ORDER BY coalesce(a.pub_date, '9999'), a.id"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def article_texts(self, ids: list[str]) -> dict[str, str]:
        """{id: body} of the given articles."""
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            rows = self.con.execute(
                "SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))", [ids[i : i + 500]]
            ).fetchall()
            out.update({str(a): str(t or "") for a, t in rows})
        return out

    def article_languages(self, ids: list[str]) -> dict[str, str]:
        """{id: language code} of the given articles (``und`` where none was found)."""
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            rows = self.con.execute(
                "SELECT id, language FROM articles WHERE id IN (SELECT unnest(?))",
                [ids[i : i + 500]]).fetchall()
            out.update({str(a): str(lang or "und") for a, lang in rows})
        return out

    def add_signatures(self, signatures: list[tuple[str, int, bytes]],
                       buckets: list[tuple[int, int, str]]) -> None:
        """Store MinHash signatures ``(article, shingles, signature)`` and their LSH
        buckets ``(band, bucket, article)``."""
        self.bulk_insert("minhashes", signatures, verb="INSERT OR IGNORE")
        self.bulk_insert("lsh_buckets", buckets)

    def bucket_neighbours(self, ids: list[str], *, firsts: int,
                          most: int) -> list[tuple[str, str]]:
        """(article, other) pairs of articles sharing an LSH bucket, for the given articles.

        Bounded on crowded buckets (a feed of one template, a thousand copies of one wire
        story): an article meets only the ``firsts`` articles stored first in each of its
        buckets (an original is stored before its copies), and of those the ``most`` that
        share the most buckets with it.
        """
        rows = self.con.execute(
            "WITH mine AS (SELECT band, bucket, article FROM lsh_buckets "
            "  WHERE article IN (SELECT unnest(?))), "
            "early AS (SELECT band, bucket, article FROM (SELECT l.band, l.bucket, l.article, "
            "  row_number() OVER (PARTITION BY l.band, l.bucket ORDER BY l.rowid) AS r "
            "  FROM lsh_buckets l SEMI JOIN mine m ON l.band = m.band AND l.bucket = m.bucket) "
            "  WHERE r <= ?), "
            "pairs AS (SELECT m.article AS a, e.article AS b, count(*) AS n FROM mine m "
            "  JOIN early e ON m.band = e.band AND m.bucket = e.bucket "
            "  AND m.article <> e.article GROUP BY 1, 2) "
            "SELECT a, b FROM (SELECT a, b, row_number() OVER (PARTITION BY a "
            "  ORDER BY n DESC, b) AS r FROM pairs) WHERE r <= ? ORDER BY a, b",
            [ids, firsts, most],
        ).fetchall()
        return [(str(a), str(b)) for a, b in rows]

    def signatures(self, ids: list[str]) -> dict[str, bytes]:
        """{article: stored MinHash signature bytes} of the given articles."""
        rows = self.con.execute(
            "SELECT article, signature FROM minhashes WHERE article IN (SELECT unnest(?))",
            [ids],
        ).fetchall()
        return {str(a): bytes(b) for a, b in rows}

    def add_duplicates(self, rows: list[tuple[str, str, float]]) -> None:
        """Link copies: ``(copy, original, similarity)``."""
        self.bulk_insert("duplicates", rows, verb="INSERT OR IGNORE")

    def duplicate_map(self) -> dict[str, str]:
        """{copy id: original id} for every stored copy."""
        return {str(a): str(o) for a, o in self.con.execute(
            "SELECT article, original FROM duplicates").fetchall()}

    def clear_story_stages(self) -> None:
        """Forget everything the story stages stored (copies, terms, stories, merges): the
        next run recomputes them from the articles and their annotations."""
        with self.transaction():
            for table in STORY_TABLES:
                self.con.execute(f"DELETE FROM {table}")
            self.con.execute("DELETE FROM meta WHERE key = 'story_mode'")

    # -- stories: terms, grouping, titles -------------------------------------------
    def articles_without_terms(self, stage: tuple[str, str]
                               ) -> list[tuple[str, str | None, str, str | None, Any]]:
        """(id, title, text, date, annotations or None) of articles without story terms."""
        rows = self.con.execute(
            "SELECT a.id, a.title, a.text, a.pub_date, n.data FROM articles a "
            "LEFT JOIN story_terms s ON s.article = a.id "
            "LEFT JOIN annotations n ON n.article = a.id AND n.stage = ? AND n.version = ? "
            "WHERE s.article IS NULL ORDER BY a.id",
            list(stage),
        ).fetchall()
        return [(str(a), t, x or "", p, json.loads(d) if d else None) for a, t, x, p, d in rows]

    def add_story_terms(self, rows: list[tuple[str, str | None, str]],
                        df: dict[str, int]) -> None:
        """Store articles' term counts ``(article, date, terms JSON)`` and add to the
        document frequencies, in one transaction."""
        with self.transaction():
            self.bulk_insert("story_terms", rows, verb="INSERT OR IGNORE")
            self.bulk_insert("term_df", list(df.items()),
                             suffix="ON CONFLICT (term) DO UPDATE SET df = df + excluded.df")

    def count_story_terms(self) -> int:
        row = self.con.execute("SELECT count(*) FROM story_terms").fetchone()
        return int(row[0]) if row else 0

    def term_df(self, terms: list[str]) -> dict[str, int]:
        """{term: document frequency} of the given terms."""
        return {str(t): int(c) for t, c in self.con.execute(
            "SELECT term, df FROM term_df WHERE term IN (SELECT unnest(?))", [terms]
        ).fetchall()}

    def set_story_mode(self, mode: str) -> None:
        """Record the grouping mode (``cluster`` or ``one``); a change clears the stored
        grouping, which no longer holds."""
        row = self.con.execute("SELECT value FROM meta WHERE key = 'story_mode'").fetchone()
        if row is not None and row[0] != mode:
            for table in ("stories", "story_articles", "merged_events", "figure_series"):
                self.con.execute(f"DELETE FROM {table}")
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('story_mode', ?)", [mode])

    def unplaced_articles(self) -> list[tuple[str, str | None, str | None, dict[str, int],
                                              str | None]]:
        """(id, date, language, terms, original or None) of articles in no story, by date."""
        rows = self.con.execute(
            "SELECT a.id, a.pub_date, a.language, s.terms, d.original FROM articles a "
            "JOIN story_terms s ON s.article = a.id "
            "LEFT JOIN story_articles x ON x.article = a.id "
            "LEFT JOIN duplicates d ON d.article = a.id "
            "WHERE x.article IS NULL ORDER BY coalesce(a.pub_date, '9999'), a.id"
        ).fetchall()
        return [(str(a), p, lang, json.loads(t), o) for a, p, lang, t, o in rows]

    def story_rows(self) -> list[tuple[str, str | None, str | None, str | None,
                                       dict[str, float], int, str, int]]:
        """(id, title, first, last, centroid, size, mode, created run) of every story."""
        rows = self.con.execute(
            "SELECT id, title, first, last, centroid, size, mode, created_run FROM stories "
            "ORDER BY id"
        ).fetchall()
        return [(str(r[0]), r[1], r[2], r[3], json.loads(r[4] or "{}"), int(r[5] or 0),
                 str(r[6]), int(r[7] or 0)) for r in rows]

    def article_stories(self) -> dict[str, str]:
        """{article: story} of every placed article."""
        return {str(a): str(s) for a, s in self.con.execute(
            "SELECT article, story FROM story_articles").fetchall()}

    def save_stories(self, assignments: list[tuple[str, str, float]],
                     stories: list[tuple[str, str | None, str | None, str | None, str, int,
                                         str, int]]) -> None:
        """Place articles ``(article, story, similarity)`` and store the stories they
        changed ``(id, title, first, last, centroid JSON, size, mode, created run)``
        (each keeps its merge fingerprint), in one transaction."""
        with self.transaction():
            self.bulk_insert("story_articles", assignments, verb="INSERT OR REPLACE")
            for sid, title, first, last, centroid, size, mode, created in stories:
                self.con.execute(
                    "INSERT OR REPLACE INTO stories (id, title, first, last, centroid, size, "
                    "fingerprint, mode, created_run) VALUES (?, ?, ?, ?, ?, ?, "
                    "(SELECT fingerprint FROM stories WHERE id = ?), ?, ?)",
                    [sid, title, first, last, centroid, size, sid, mode, created],
                )

    def title_candidates(self, stories: list[str]) -> list[tuple[str, str, str | None,
                                                                 dict[str, int]]]:
        """(story, article, title, terms) of the stories' originals, by date then id."""
        rows = self.con.execute(
            "SELECT x.story, a.id, a.title, s.terms FROM story_articles x "
            "JOIN articles a ON a.id = x.article JOIN story_terms s ON s.article = a.id "
            "LEFT JOIN duplicates d ON d.article = a.id "
            "WHERE x.story IN (SELECT unnest(?)) AND d.article IS NULL "
            "ORDER BY coalesce(a.pub_date, '9999'), a.id",
            [stories],
        ).fetchall()
        return [(str(s), str(a), t, json.loads(terms)) for s, a, t, terms in rows]

    def story_centroids(self, stories: list[str]) -> dict[str, dict[str, float]]:
        return {str(i): json.loads(c or "{}") for i, c in self.con.execute(
            "SELECT id, centroid FROM stories WHERE id IN (SELECT unnest(?))", [stories]
        ).fetchall()}

    # -- merging ------------------------------------------------------------------
    def story_ids(self) -> set[str]:
        return {str(r[0]) for r in self.con.execute("SELECT id FROM stories").fetchall()}

    def story_fingerprints(self) -> dict[str, str | None]:
        """{story: fingerprint of its members when it was last merged}."""
        return {str(s): f for s, f in self.con.execute(
            "SELECT id, fingerprint FROM stories").fetchall()}

    def story_members(self) -> dict[str, list[str]]:
        """{story: its article ids, sorted}."""
        return {str(sid): [str(a) for a in arts] for sid, arts in self.con.execute(
            "SELECT story, list(article ORDER BY article) FROM story_articles GROUP BY story"
        ).fetchall()}

    def story_annotations(self, stories: list[str], stage: tuple[str, str]
                          ) -> list[tuple[str, str, str | None, str | None]]:
        """(story, article, date, annotations JSON or None) of the stories' articles."""
        rows = self.con.execute(
            "SELECT x.story, a.id, a.pub_date, n.data FROM story_articles x "
            "JOIN articles a ON a.id = x.article LEFT JOIN annotations n "
            "ON n.article = a.id AND n.stage = ? AND n.version = ? "
            "WHERE x.story IN (SELECT unnest(?)) ORDER BY x.story, a.id",
            [stage[0], stage[1], stories],
        ).fetchall()
        return [(str(s), str(a), p, d) for s, a, p, d in rows]

    def replace_merged(self, stories: list[str], events: dict[str, list[MergedEvent]],
                       series: dict[str, list[Series]], logged: list[tuple[int, str, int, int]],
                       fingerprints: dict[str, str], titles: dict[str, str | None]) -> None:
        """Replace the stories' merged events and series, log the merge ``(run, story,
        articles, events)`` and store their fingerprints and titles, in one transaction."""
        event_rows = [(e.id, sid, e.date.start or "", json.dumps(e.to_json(), ensure_ascii=False))
                      for sid in stories for e in events.get(sid, [])]
        series_rows = [(x.id, sid, json.dumps(x.to_json(), ensure_ascii=False))
                       for sid in stories for x in series.get(sid, [])]
        with self.transaction():
            self.con.execute("DELETE FROM merged_events WHERE story IN (SELECT unnest(?))",
                             [stories])
            self.con.execute("DELETE FROM figure_series WHERE story IN (SELECT unnest(?))",
                             [stories])
            self.bulk_insert("merged_events", event_rows)
            self.bulk_insert("figure_series", series_rows)
            self.bulk_insert("story_merges", logged)
            self.con.execute(
                "UPDATE stories SET fingerprint = u.fp, title = u.title FROM "
                "(SELECT unnest(?) AS id, unnest(?) AS fp, unnest(?) AS title) u "
                "WHERE stories.id = u.id",
                [stories, [fingerprints[s] for s in stories], [titles.get(s) for s in stories]],
            )

    # -- reading what the stages stored ---------------------------------------------
    def stories(self) -> list[Story]:
        """Every story with its members (by date) and date span, earliest story first."""
        rows = self.con.execute(
            "SELECT s.id, s.title, list(x.article ORDER BY coalesce(a.pub_date, '9999'), a.id), "
            "min(a.pub_date), max(a.pub_date) FROM stories s "
            "JOIN story_articles x ON x.story = s.id JOIN articles a ON a.id = x.article "
            "GROUP BY s.id, s.title ORDER BY min(coalesce(a.pub_date, '9999')), s.id"
        ).fetchall()
        return [Story(id=str(sid), title=title, articles=[str(a) for a in arts], first=first,
                      last=last) for sid, title, arts, first, last in rows]

    def _stream_json(self, sql: str, params: list[Any] | None = None) -> Iterator[Any]:
        cur = self.con.execute(sql, params or [])
        while rows := cur.fetchmany(500):
            for (data,) in rows:
                yield json.loads(data)

    def merged_events(self, story: str | None = None) -> Iterator[MergedEvent]:
        """The merged events, of one story or of all, by story, date and id."""
        if story is None:
            data = self._stream_json("SELECT data FROM merged_events ORDER BY story, date, id")
        else:
            data = self._stream_json(
                "SELECT data FROM merged_events WHERE story = ? ORDER BY date, id", [story])
        return (MergedEvent.from_json(d) for d in data)

    def series(self) -> Iterator[Series]:
        """Every story's figure series, by story and id."""
        return (Series.from_json(d) for d in
                self._stream_json("SELECT data FROM figure_series ORDER BY story, id"))

    def story_paths(self) -> list[tuple[str, str]]:
        """(story, path) of every placed article."""
        rows = self.con.execute(
            "SELECT x.story, a.path FROM story_articles x JOIN articles a ON a.id = x.article"
        ).fetchall()
        return [(str(s), str(p)) for s, p in rows]
