"""The DuckDB store: one schema, content-hash keys, transactional batches.

Per-document stages never touch the store; the run loop writes their results
here in batches, each batch one transaction, and records which input files are
complete. A run killed at any point leaves a readable database (DuckDB replays
its write-ahead log) and the next run picks up at the first incomplete file;
content-hash keys make every insert idempotent.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import stat
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple

import duckdb

from storyline.clean.dates import MAX_DATE, MIN_DATE
from storyline.config import setting
from storyline.ingest.validate import iso_in_range
from storyline.model import Article, Published, Rejected
from storyline.store.stories import STORY_TABLES, StoryTables

log = logging.getLogger(__name__)

# meta key of the output files a run wrote to a folder (+ the folder's real path)
OUTPUTS_KEY = "outputs "

SCHEMA_VERSION = 2

# Columns added since a store was first made: an older store gains them when it is opened
# (files of version 1 knew only size and mtime; their rows, without a digest, are read again
# once).
MIGRATIONS = (
    "ALTER TABLE files ADD COLUMN IF NOT EXISTS ctime_ns BIGINT",
    "ALTER TABLE files ADD COLUMN IF NOT EXISTS inode BIGINT",
    "ALTER TABLE files ADD COLUMN IF NOT EXISTS digest VARCHAR",
    "ALTER TABLE files ADD COLUMN IF NOT EXISTS stamped_ns BIGINT",
    "ALTER TABLE files ADD COLUMN IF NOT EXISTS real VARCHAR",
)

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
    done_at TIMESTAMP DEFAULT current_timestamp,
    ctime_ns BIGINT,    -- with size, mtime and inode: the file unchanged since it was read
    inode BIGINT,
    digest VARCHAR,     -- BLAKE2b of its bytes when read: compared when a stat differs
    stamped_ns BIGINT,  -- when the stats were taken (a change within a tick is not seen)
    real VARCHAR        -- its real path: the same file named from another folder
);
-- where each stored article was read: every (file, position) that gave it, with the run
-- that last read it. A file read again replaces its rows; an article no file gives any
-- more (its file was edited) is retired with its annotations.
CREATE TABLE IF NOT EXISTS sources (
    path VARCHAR,
    position VARCHAR,   -- '' for a file of one document
    article VARCHAR,
    run INTEGER
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
# The columns of ``files`` a read fills (``done_at`` takes its default).
FILE_COLUMNS = "path, size, mtime_ns, documents, ctime_ns, inode, digest, stamped_ns, real"


def schema_columns() -> dict[str, list[str]]:
    """Every table of :data:`SCHEMA`, with its columns in order."""
    con = connect()
    try:
        con.execute(SCHEMA)
        rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                           "ORDER BY table_name, ordinal_position").fetchall()
    finally:
        con.close()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(str(table), []).append(str(column))
    return out


# the columns :data:`MIGRATIONS` add to an older store: the only ones it may lack
_MIGRATED = frozenset(re.findall(r"ALTER TABLE (\w+) ADD COLUMN IF NOT EXISTS (\w+)",
                                 " ".join(MIGRATIONS)))
_EXPECTED: dict[str, list[str]] = {}


def schema_problem(con: duckdb.DuckDBPyConnection) -> str | None:
    """Why the storyline store open on ``con`` cannot be used by this version (None when it
    can): a table of ours that lacks a column no migration adds (dropped by hand, or by
    another tool), or a schema version that is newer than this one or not a number. Read
    only: a store it finds wrong is refused before the run writes to it. A table that is
    missing is made (as an older store gains the tables added since)."""
    if not _EXPECTED:
        _EXPECTED.update(schema_columns())
    rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                       "WHERE table_schema = 'main'").fetchall()
    have: dict[str, set[str]] = {}
    for table, column in rows:
        have.setdefault(str(table), set()).add(str(column))
    for table, columns in _EXPECTED.items():
        if table not in have:
            continue
        lost = [c for c in columns if c not in have[table] and (table, c) not in _MIGRATED]
        if lost:
            return f"its table {table} lacks the column(s) {', '.join(lost)}"
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if (
        "meta" in have) else None
    if row is None:
        return None
    value = str(row[0]).strip()
    if not re.fullmatch(r"[0-9]{1,9}", value):
        return f"its schema version {str(row[0])[:40]!r} is not a version number"
    if int(value) > SCHEMA_VERSION:
        return (f"its schema version {int(value)} is newer than this version's "
                f"({SCHEMA_VERSION}): made by a later release of storyline")
    return None


def file_signature(path: Path) -> tuple[int, int]:
    """(size, mtime) of a regular file; OSError for anything else (a folder is never
    recorded as done: one that could not be read is warned about on every run)."""
    st = _regular_stat(path)
    return st.st_size, st.st_mtime_ns


def _regular_stat(path: Path) -> os.stat_result:
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise OSError(f"not a regular file: {path}")
    return st


class FileStamp(NamedTuple):
    """What the store keeps of an input file read whole, to tell it unchanged later."""

    size: int
    mtime_ns: int
    ctime_ns: int | None
    inode: int | None
    digest: str | None
    stamped_ns: int | None


def _stored_int(value: Any) -> int | None:
    """A non-negative whole number read from the store (None for NULL, a negative number
    or anything else an outside tool put there)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def stored_stamp(row: Sequence[Any]) -> FileStamp:
    """The :class:`FileStamp` of a ``files`` row (size, mtime, ctime, inode, digest,
    stamped). A size or mtime that is NULL or negative (a store edited by hand) gives
    -1, which no file has: the file is taken as changed and read again."""
    size, mtime = _stored_int(row[0]), _stored_int(row[1])
    digest = row[4] if isinstance(row[4], str) else None
    return FileStamp(-1 if size is None else size, -1 if mtime is None else mtime,
                     _stored_int(row[2]), _stored_int(row[3]), digest, _stored_int(row[5]))


def file_digest(path: Path) -> str:
    """BLAKE2b (128 bits) of the file's bytes, read in blocks."""
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_stamp(path: Path) -> FileStamp:
    """The :class:`FileStamp` of a regular file now; OSError for anything else."""
    st = _regular_stat(path)
    return FileStamp(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino,
                     file_digest(path), time.time_ns())


# A change this close before the stats were taken may not show in them (config.toml,
# run.racy_seconds): such a file is compared by its digest on the next run.
RACY_NS = int(float(setting("run", "racy_seconds")) * 1e9)


def stats_match(stamp: FileStamp, st: os.stat_result) -> bool:
    """Whether ``st`` is what ``stamp`` recorded, taken well after the file's last change:
    the file unchanged without reading it."""
    return (stamp.size == st.st_size and stamp.mtime_ns == st.st_mtime_ns
            and stamp.ctime_ns == st.st_ctime_ns and stamp.inode == st.st_ino
            and stamp.stamped_ns is not None and stamp.stamped_ns - st.st_ctime_ns > RACY_NS)


def unchanged_since(stamp: FileStamp | None, path: Path) -> bool:
    """Whether the regular file ``path`` still holds what ``stamp`` recorded.

    Size, mtime, ctime and inode all the same (and taken well after the file's last
    change) is unchanged without reading it: an edit moves ctime even where the editor
    or ``touch -r``, ``cp -p``, ``rsync -t`` or ``tar x`` put the old mtime back. When any
    differs but the size, the bytes are hashed and compared with the stored digest.
    """
    try:
        st = _regular_stat(path)
    except OSError:
        return False
    if stamp is None or stamp.size != st.st_size:
        return False
    if stats_match(stamp, st):
        return True
    if stamp.digest is None:
        return False  # a store of version 1: nothing to compare with, read again
    try:
        return file_digest(path) == stamp.digest
    except OSError:
        return False


# Every connection storyline opens: offline, no native code fetched or loaded behind the
# run's back. DuckDB would otherwise download and load an extension chosen by a file's
# magic (an SQLite file given as --db fetched "sqlite_scanner" over http).
OFFLINE = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

# Characters DuckDB does not take literally in a file path on POSIX, however the path is
# given (relative, through a link or an open folder's handle: it makes the path absolute
# and canonical first): a backslash is made a separator (a store in ``X/a\\b`` went into
# another run's ``X/a/b``), a ``?`` starts URI options (its log went to ``q.wal?x/...``).
_DUCKDB_MISREAD = {"\\": "a backslash, which it reads as a folder separator",
                   "?": "a '?', which it reads as the start of URI options"}


def misread_path(path: str | Path) -> str | None:
    """Why DuckDB cannot open the database ``path`` as named (None when it can).

    >>> print(misread_path("runs/a?b/storyline.duckdb"))  # doctest: +ELLIPSIS
    DuckDB cannot open the database runs/a?b/storyline.duckdb: its path holds a '?', ...
    >>> misread_path("runs/a b/#1/storyline.duckdb") is None
    True
    """
    full = os.path.realpath(path)
    for char, why in _DUCKDB_MISREAD.items():
        if char in full:
            return (f"DuckDB cannot open the database {path}: its path holds {why}; "
                    "give this run another --out or --db")
    return None


_DUCKDB_MAGIC = b"DUCK"  # bytes 8..12 of every DuckDB database file


def connect(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection (to ``path``, or in memory) that never installs or loads an
    extension by itself."""
    return duckdb.connect(":memory:" if path is None else str(path), config=dict(OFFLINE))


def foreign_file(path: Path) -> str | None:
    """What ``path`` is when it is a file but no DuckDB database (None when it is absent,
    empty, not a regular file, or a DuckDB file)."""
    try:
        if not path.is_file():
            return None
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return None  # DuckDB says why it cannot open it, in one line
    if not head or head[8:12] == _DUCKDB_MAGIC:
        return None
    if head.startswith(b"SQLite format 3\0"):
        return "an SQLite database"
    return "not a DuckDB database file"


def empty_file(path: Path) -> bool:
    """Whether ``path`` is a regular file of 0 bytes (``touch``): DuckDB refuses it with
    "not a valid DuckDB database file"."""
    try:
        st = path.stat()
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_size == 0


# A DuckDB file is its headers (three of 4 KiB) and then whole blocks (256 KiB by default,
# as storyline opens it): a file of any other size was cut short (a copy, a full disk).
_DUCKDB_HEADERS = 3 * 4096
_DUCKDB_BLOCK = 262144


def truncated_file(path: Path) -> bool:
    """Whether a DuckDB file ends inside a block. DuckDB would read past its end and
    then write into it, so a rerun grew the damaged file instead of refusing it."""
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return size > _DUCKDB_HEADERS and (size - _DUCKDB_HEADERS) % _DUCKDB_BLOCK != 0


def _file_state(path: Path) -> tuple[int, int] | None:
    """A file's size and modification time (None when it cannot be read)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _has_log(path: Path) -> bool:
    try:
        return Path(f"{path}.wal").stat().st_size > 0
    except OSError:
        return False


# What DuckDB says of a file whose bytes are damaged or cut short (its blocks' checksums
# fail, a block lies past the file's end), as opposed to one it may not open (permission,
# a read-only disk, a lock).
_DAMAGE_WORDS = ("corrupt", "checksum", "could not read enough bytes")


def damage_message(first: str) -> bool:
    """Whether DuckDB's error line ``first`` says the database file is damaged."""
    return any(w in first.lower() for w in _DAMAGE_WORDS)


def damaged(path: Path, first: str, changed: str | None = None) -> StoreError:
    """The one-line refusal of a damaged store: left as it is (or, with ``changed``, what
    the run changed in it before the damage showed), and what to do."""
    kept = f"this run {changed}" if changed else "it was left as it is"
    return StoreError(f"the database {path} is damaged or truncated ({first[:200]}); {kept}: "
                      "move it aside or give this run another --db")


def _store_folder(path: Path) -> None:
    """Make the folder of the store ``path``, or raise :class:`StoreError` naming it as the
    store's (a bare "wf/sub: Operation not permitted", exit 1, did not say whose)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise StoreError(f"cannot make the folder {path.parent} for the database {path}: "
                         "a file of that name is in the way; give this run another "
                         "--db") from None
    except OSError as exc:
        raise StoreError(f"cannot make the folder {path.parent} for the database {path}: "
                         f"{exc.strerror or exc}; give this run another --db") from None


# DuckDB's line when it cannot make or open the store's write-ahead log (its folder is
# read-only or immutable, while the store file itself can be written)
_UNWRITABLE = re.compile(r"Cannot open file|Permission denied|Operation not permitted|"
                         r"Read-only file system", re.I)


def unwritable(path: Path, first: str) -> StoreError | None:
    """The one-line refusal of a store whose folder cannot be written (DuckDB's error
    line ``first``), or None when ``first`` says something else."""
    if not _UNWRITABLE.search(first):
        return None
    folder = path.parent if str(path.parent) else Path(".")
    return StoreError(f"cannot write the database {path}: {first[:200]}; the store's folder "
                      f"{folder} must be writable (DuckDB keeps its log {path.name}.wal "
                      "there); what was stored is kept")


class StoreLocked(RuntimeError):
    """The database is open in another process (another run on the same store)."""


class StoreError(RuntimeError):
    """The database cannot be opened (not a storyline database, unreadable)."""


_OPEN: set[str] = set()  # the stores this process holds open (resolved paths)
_OPEN_LOCK = threading.Lock()


class Store(StoryTables):
    """A storyline database (DuckDB file).

    One connection serves the thread that opened it. A generator consumed by another
    thread (a process pool's feeder) must read through :meth:`reader`, its own cursor:
    one DuckDB connection used by two threads at once fails with "connection is busy".
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.conflicts = []
        self.kept = []
        problem = misread_path(self.path)
        if problem:
            raise StoreError(problem)
        _store_folder(self.path)
        self._key = str(self.path.resolve())
        with _OPEN_LOCK:
            if self._key in _OPEN:
                # a second run in this process (another thread, a re-entrant call): DuckDB
                # would share the open file between them and fail later, as if damaged
                raise StoreLocked(f"the database {self.path} is in use by another storyline "
                                  "run in this process: wait for it to finish, or give this "
                                  "run another --db")
            _OPEN.add(self._key)
        try:
            self._open()
        except BaseException:
            self._release()
            raise

    def _release(self) -> None:
        with _OPEN_LOCK:
            _OPEN.discard(self._key)

    def _open(self) -> None:
        if self.path.is_dir():  # DuckDB's own line ("IO Error: ... Is a directory") says less
            raise StoreError(f"--db {self.path}: is a folder, not a store file; give this run "
                             f"a file's path, such as {self.path / 'storyline.duckdb'}")
        if empty_file(self.path):
            # (not made a new store: DuckDB cannot open it, and deleting it could delete
            # the file another run is making its store in at this moment)
            raise StoreError(f"{self.path} is an empty file (0 bytes), not a storyline "
                             "database; it was left as it is: delete it to make a new store "
                             "there, or give this run another --db")
        other = foreign_file(self.path)
        if other:
            raise StoreError(f"{self.path} is not a storyline database ({other}); it was "
                             "left as it is: give this run another --db")
        if truncated_file(self.path) and not _has_log(self.path):
            # (with its write-ahead log beside it, a file that ends inside a block is one
            # whose growth a full disk stopped: DuckDB replays the log and completes it)
            raise StoreError(f"the database {self.path} is damaged or truncated (it ends "
                             "inside a block); it was left as it is: move it aside or give "
                             "this run another --db")
        # what the file was before this run: a damaged store it refuses is compared with it
        self._before = _file_state(self.path)
        self._log_before = _file_state(Path(f"{self.path}.wal"))
        try:
            self.con = connect(self.path)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                holder = re.search(r"PID (\d+)", str(exc))
                raise StoreLocked(
                    f"the database {self.path} is in use by another storyline run"
                    + (f" (process {holder[1]})" if holder else "")
                    + ": wait for it to finish, or give this run another --db"
                ) from None
            first = str(exc).splitlines()[0]
            if damage_message(first):  # cut short in its first blocks ("Could not read
                raise damaged(self.path, first) from None  # enough bytes"): as deeper damage
            raise StoreError(f"cannot open the database {self.path}: {first}") from None
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0]
            if "WAL" in first:
                # a run killed while writing can leave its log half written: DuckDB refuses
                # the whole file, though what was checkpointed before the log is intact
                raise StoreError(
                    f"cannot open the database {self.path}: its write-ahead log "
                    f"{self.path}.wal is damaged ({first[:160]}); both were left as they "
                    f"are: move {self.path.name}.wal aside to open what was saved before it "
                    "(a rerun redoes the rest), or give this run another --db") from None
            if damage_message(first):  # a checksum that fails in a header block
                raise damaged(self.path, first) from None
            raise StoreError(f"cannot open the database {self.path}: {first}") from None
        if not self._ours():
            self.con.close()
            raise StoreError(f"{self.path} is a DuckDB database of another program (tables "
                             "but no storyline schema); it was left as it is: give this run "
                             "another --db")
        try:
            problem = schema_problem(self.con)
        except duckdb.Error:
            problem = None  # a damaged file: the schema step below refuses it, in one line
        if problem:
            self.con.close()
            raise StoreError(f"{self.path} does not match storyline's schema ({problem}); it "
                             "was left as it is: move it aside or give this run another --db")
        try:
            # one transaction: a run stopped while it makes the store leaves none, never
            # tables without the schema mark (refused later as another program's store)
            with self.transaction():
                self.con.execute(SCHEMA)
                for statement in MIGRATIONS:
                    self.con.execute(statement)
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                                 [str(SCHEMA_VERSION)])
            self.repaired = self.repair()
            # a store from before the sources table: each article's own path and position
            self.con.execute(
                "INSERT INTO sources SELECT path, coalesce(position, ''), id, 0 FROM articles a "
                "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.article = a.id)")
        except duckdb.Error as exc:
            # A truncated or damaged file: refuse it, unchanged, rather than lose what it holds.
            raise self.refuse_damaged(str(exc).splitlines()[0]) from None

    def refuse_damaged(self, first: str) -> StoreError:
        """Close the store found damaged (DuckDB's error line ``first``) without writing
        to it, and the one-line refusal to raise. DuckDB writes a run's changes into the
        file when it closes (a checkpoint): a damaged store grew and had blocks rewritten
        by the very run that refused it. So no checkpoint is made and this run's
        write-ahead log (when none was there before it) is deleted: the file is as it was.
        Where it is not (DuckDB checkpointed on its own during a long run, or a log an
        earlier run left took this run's changes too), the line says so."""
        with suppress(duckdb.Error):
            self.con.execute("ROLLBACK")  # (none open: DuckDB says so, and that is no error)
        with suppress(duckdb.Error):
            self.con.execute("PRAGMA disable_checkpoint_on_shutdown")
        with suppress(duckdb.Error):
            self.con.close()
        wal = Path(f"{self.path}.wal")
        if self._log_before is None:
            with suppress(OSError):
                wal.unlink()
        now = _file_state(self.path)
        if now == self._before and _file_state(wal) != self._log_before:
            # (a log left by a run that was stopped: DuckDB replays it when the store is
            # opened and appends to it; it is never deleted, it may be all a run saved)
            return damaged(self.path, first, changed=(
                f"left the file as it was, but added its own changes to the write-ahead "
                f"log {wal.name} that an earlier run left beside it"))
        if now == self._before:
            return damaged(self.path, first)
        before = f"{self._before[0]:,} bytes" if self._before else "no file"
        after = f"{now[0]:,} bytes" if now else "no file"
        return damaged(self.path, first, changed=(
            f"had written to it before the damage showed ({before} before the run, {after} "
            "now)"))

    def _ours(self) -> bool:
        """Whether the database is empty or holds a storyline schema (its ``meta`` row)."""
        try:
            tables = {str(r[0]) for r in self.con.execute(
                "SELECT table_name FROM information_schema.tables").fetchall()}
            if not tables:
                return True
            row = self.con.execute(
                "SELECT 1 FROM meta WHERE key = 'schema_version'").fetchone() if (
                "meta" in tables) else None
            if row is None and self._half_made(tables):
                log.warning("%s holds only empty tables of storyline's own, without its schema "
                            "mark: a store a run was stopped while making; completed",
                            self.path)
                return True
        except duckdb.Error:
            return True  # a damaged file: the schema step below refuses it, in one line
        return row is not None

    def _half_made(self, tables: set[str]) -> bool:
        """Whether the database holds nothing but some of storyline's own tables, each
        with its own columns and empty: what an older version left when a run was stopped
        while it created the schema (one statement at a time, the mark last)."""
        own = schema_columns()
        if not tables <= set(own):
            return False
        for table in sorted(tables):
            columns = [str(r[0]) for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [table]).fetchall()]
            if columns != own[table][:len(columns)]:
                return False  # (an older version's table lacks the columns added since)
            if self.con.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None:
                return False
        return True

    def reader(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own (a second connection to the same database) for reads made
        from another thread."""
        return self.con.cursor()

    # -- repair -------------------------------------------------------------
    def repair(self) -> int:
        """Make stored values safe for every later stage; return how many rows changed.

        A store written by an older version may hold publication dates that are not
        ISO dates inside the calendar of news (0001-01-01, 9999-12-31): their day
        arithmetic overflowed and crashed every later run. Such a date is cleared (the
        article is kept as undated) and a warning added to the article.
        """
        lo, hi = MIN_DATE.isoformat(), MAX_DATE.isoformat()
        bad_date = ("({c} IS NOT NULL AND (length({c}) < 10 OR left({c}, 10) < ? "
                    "OR left({c}, 10) > ? OR try_cast(left({c}, 10) AS DATE) IS NULL))")
        cond = " OR ".join(bad_date.format(c=c) for c in ("pub_date", "pub_earliest", "pub_latest"))
        params = [lo, hi] * 3
        rows = self.con.execute(
            f"SELECT id, pub_date, pub_earliest, pub_latest, warnings FROM articles WHERE {cond}",
            params,
        ).fetchall()
        if not rows:
            return 0
        with self.transaction():
            for aid, pdate, pearly, plate, warnings in rows:
                keep = [v if iso_in_range(v) else None for v in (pdate, pearly, plate)]
                source = None if keep[0] else "none"
                try:
                    notes = json.loads(warnings) if warnings else []
                    if not isinstance(notes, list):
                        notes = []
                except ValueError:
                    notes = []
                bad = ", ".join(str(v) for v in (pdate, pearly, plate)
                                if v is not None and not iso_in_range(v))
                note = f"stored publication date {bad} is outside the calendar: cleared"
                if note not in notes:
                    notes.append(note)
                self.con.execute(
                    "UPDATE articles SET pub_date = ?, pub_earliest = ?, pub_latest = ?, "
                    "pub_source = coalesce(?, pub_source), warnings = ? WHERE id = ?",
                    [keep[0], keep[1], keep[2], source, json.dumps(notes), aid],
                )
        log.warning("repaired %d stored articles whose publication dates were outside %s..%s",
                    len(rows), lo, hi)
        return len(rows)

    def close(self) -> None:
        self.con.close()
        self._release()

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

    # -- the output files a run wrote ----------------------------------------------
    def record_outputs(self, folder: str, files: dict[str, tuple[int, int]]) -> None:
        """Remember the output files written to ``folder``: name -> (size, mtime_ns), so
        that a later run can tell them from a user's file of the same name there."""
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                         [OUTPUTS_KEY + folder, json.dumps(files, sort_keys=True)])

    def written_outputs(self, folder: str) -> dict[str, tuple[int, int]] | None:
        """What :meth:`record_outputs` last kept for ``folder``: ``{}`` when this store
        wrote nothing there, None when it never recorded its outputs anywhere (a store
        from before the record, whose outputs cannot be told apart)."""
        row = self.con.execute("SELECT value FROM meta WHERE key = ?",
                               [OUTPUTS_KEY + folder]).fetchone()
        if row is None:
            some = self.con.execute("SELECT 1 FROM meta WHERE starts_with(key, ?) LIMIT 1",
                                    [OUTPUTS_KEY]).fetchone()
            return {} if some else None
        try:
            data = json.loads(str(row[0]))
            return {str(k): (int(v[0]), int(v[1])) for k, v in data.items()}
        except (ValueError, TypeError, IndexError, KeyError, AttributeError):
            return {}

    # -- files ----------------------------------------------------------------
    def done_files(self) -> dict[str, FileStamp]:
        """Every input file recorded as complete: display path -> its :class:`FileStamp`.

        Read once in the thread that owns the connection, so that the feeder of a
        process pool can skip unchanged files without touching the database.
        """
        rows = self.con.execute("SELECT path, size, mtime_ns, ctime_ns, inode, digest, "
                                "stamped_ns FROM files").fetchall()
        return {str(row[0]): stored_stamp(row[1:]) for row in rows}

    def file_done(self, display: str, path: Path) -> bool:
        row = self.con.execute("SELECT size, mtime_ns, ctime_ns, inode, digest, stamped_ns "
                               "FROM files WHERE path = ?", [display]).fetchone()
        return row is not None and unchanged_since(stored_stamp(row), path)

    def restamp(self, files: Iterable[tuple[str, Path]]) -> None:
        """Record the stats of files found unchanged by their digest (copied back with
        their old times, touched): the next run tells them unchanged without reading. One
        statement for all (a statement a file scanned the table once a file)."""
        rows: dict[str, tuple[Any, ...]] = {}
        for display, path in files:
            try:
                st = file_stamp(path)
            except OSError:
                continue
            rows[display] = (display, st.digest, st.size, st.mtime_ns, st.ctime_ns, st.inode,
                             st.stamped_ns)
        if not rows:
            return
        values = [list(col) for col in zip(*rows.values(), strict=True)]
        with self.transaction():
            self.con.execute(
                "UPDATE files SET size = v.size, mtime_ns = v.mtime_ns, ctime_ns = v.ctime_ns, "
                "inode = v.inode, stamped_ns = v.stamped_ns FROM (SELECT unnest(?) AS path, "
                "unnest(?) AS digest, unnest(?) AS size, unnest(?) AS mtime_ns, "
                "unnest(?) AS ctime_ns, unnest(?) AS inode, unnest(?) AS stamped_ns) v "
                "WHERE files.path = v.path AND files.digest = v.digest", values)

    # -- writing --------------------------------------------------------------
    def write_batch(
        self,
        articles: Iterable[Article],
        rejects: Iterable[Rejected],
        done_files: Iterable[tuple[str, Path, int]],
        run: int,
        unread: Collection[str] = (),
    ) -> int:
        """Insert a batch in one transaction; return how many articles were new.

        A file of ``done_files`` has been read whole in this run: what an earlier read of
        it gave and this one did not (the old version of an edited file) is retired, see
        :meth:`_retire_superseded`; :attr:`retired` counts those articles. A file named in
        ``unread`` gave no article this time, or hit read errors (emptied, made binary,
        truncated: a bad input, not an edit): its stored articles are kept, it is not
        recorded as read (the next run tries it again), and :attr:`kept` says so.
        """
        articles = list(articles)
        done_files = list(done_files)
        reals = {display: _real_path(path) for display, path, _ in done_files}
        with self.transaction():
            self._replace_edited(articles, run, reals)
            articles = self._prefer_dated(articles)
            rows = [_article_row(a) for a in articles]
            self._date_conflicts(articles)
            before = self.count_articles()
            if rows:
                self.bulk_insert("articles", rows, verb="INSERT OR IGNORE",
                                 columns=ARTICLE_COLUMNS)
                self.bulk_insert("sources", [(a.path, a.position or "", a.id, run)
                                             for a in articles])
            after = self.count_articles()
            rej = [(r.path, r.reason, run) for r in rejects]
            self.bulk_insert("rejects", rej)
            self._record_files(done_files, unread, reals, run)
        return after - before

    def _record_files(self, done_files: list[tuple[str, Path, int]], unread: Collection[str],
                      reals: dict[str, str], run: int) -> None:
        """Record the files of a batch as read in this run, retiring what their earlier
        reads gave and this one did not. A few statements a batch, not a few a file: each
        statement scans tables that grow with the run, so a statement per file made the
        cost of a file grow with the files before it (20,000 empty files took minutes).
        The caller owns the transaction."""
        kept = self._keep_unread([d for d, _, _ in done_files if d in unread], run)
        rows: dict[str, tuple[Any, ...]] = {}
        for display, path, n in done_files:
            if display in kept:
                continue
            try:
                st = file_stamp(path)
            except OSError:
                continue
            rows.pop(display, None)  # read twice: the last read counts, in its place
            rows[display] = (display, st.size, st.mtime_ns, n, st.ctime_ns, st.inode,
                             st.digest, st.stamped_ns, reals[display])
        if not rows:
            return
        self.bulk_insert("files", list(rows.values()), verb="INSERT OR REPLACE",
                         columns=FILE_COLUMNS)
        displays = list(rows)
        self._retire_superseded(displays, run)
        self._retire_respelled([(d, reals[d]) for d in displays], run)

    retired: int = 0
    """Articles retired by this store object because their file was edited."""

    kept: list[str]
    """What :meth:`write_batch` kept of a file that could not be read this time: one
    message a file. The caller says each one and empties the list."""

    def _keep_unread(self, displays: list[str], run: int) -> set[str]:
        """Those of ``displays`` whose earlier read gave articles that this run's failed
        read did not: they stay stored, with a message each in :attr:`kept`."""
        if not displays:
            return set()
        missing = {str(path): int(n) for path, n in self.con.execute(
            "SELECT path, count(DISTINCT article) FROM sources s WHERE path IN "
            "(SELECT unnest(?)) AND run <> ? AND NOT EXISTS (SELECT 1 FROM sources t "
            "WHERE t.path = s.path AND t.article = s.article AND t.run = ?) GROUP BY path",
            [sorted(set(displays)), run, run]).fetchall()}
        out = set()
        for display in displays:
            if missing.get(display) and display not in out:
                out.add(display)
                self.kept.append(f"{display} could not be read this time; its "
                                 f"{missing[display]:,} stored article(s) are kept")
        return out

    conflicts: list[str]
    """What :meth:`write_batch` found and did not store: an article given again (the same
    body) with another publication date than its stored copy. The caller says each one
    and empties the list."""

    def _prefer_dated(self, articles: list[Article]) -> list[Article]:
        """``articles`` with, for each article given more than once (the same body), the
        first copy that gives a date (its input's, or one its text states) put before
        undated copies of it in this batch; a stored copy with no such date is replaced
        by it (its date, outlet, input id, title and place: the best copy's metadata),
        its annotations and the story stages redone. An undated copy read first (a file
        that sorts first) no longer throws away a dated one's date, outlet and id, and
        the warning of a third copy with another date names the date truly stored. The
        caller owns the transaction."""
        dated: dict[str, Article] = {}
        for a in articles:
            if _dated(a.published.date, a.published.source):
                dated.setdefault(a.id, a)
        if not dated:
            return articles
        first: dict[str, Article] = {}
        for a in articles:
            first.setdefault(a.id, a)
        swap = {id(first[aid]): a for aid, a in dated.items() if first[aid] is not a}
        swap.update({id(a): first[aid] for aid, a in dated.items() if first[aid] is not a})
        if swap:  # the dated copy and the first one change places (each keeps its source row)
            articles = [swap.get(id(a), a) for a in articles]
        stored = [str(aid) for aid, pdate, psource in self.con.execute(
            "SELECT id, pub_date, pub_source FROM articles WHERE id IN (SELECT unnest(?))",
            [list(dated)]).fetchall() if not _dated(pdate, psource)]
        if stored:
            self.con.execute("DELETE FROM annotations WHERE article IN (SELECT unnest(?))",
                             [stored])
            self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [stored])
            self.bulk_insert("articles", [_article_row(dated[aid]) for aid in stored],
                             columns=ARTICLE_COLUMNS)
            for table in STORY_TABLES:
                self.con.execute(f"DELETE FROM {table}")
            self.con.execute("DELETE FROM meta WHERE key = 'story_mode'")
            for aid in stored:
                log.info("article %s, stored undated, is now the copy of %s, which gives "
                         "its date", aid, _place(dated[aid].path, dated[aid].position))
        return articles

    def _date_conflicts(self, articles: list[Article]) -> None:
        """Note each article of ``articles`` that gives another date than the copy of the
        same article stored (or given before it in this batch) from another place: the
        stored copy keeps its date, and the warning names both."""
        dated = [a for a in articles if a.published.date and a.published.source != "inferred"]
        if not dated:
            return
        first: dict[str, tuple[str, str]] = {
            str(aid): (_place(str(path), position), str(date)) for aid, path, position, date
            in self.con.execute(
                "SELECT id, path, position, pub_date FROM articles WHERE id IN "
                "(SELECT unnest(?)) AND pub_date IS NOT NULL AND pub_source <> 'inferred'",
                [list({a.id for a in dated})]).fetchall()}
        for a in dated:
            place, date = _place(a.path, a.position), str(a.published.date)
            where, known = first.setdefault(a.id, (place, date))
            if known != date and where != place:
                self.conflicts.append(
                    f"{place}: the same article (the same text) as {where}, which is stored "
                    f"dated {known}; the date given here, {date}, is not used")

    def _replace_edited(self, articles: list[Article], run: int,
                        reals: dict[str, str]) -> None:
        """Replace the stored row of an article whose file was edited in what its id does
        not hash (its title, date, URL, outlet: the id is the body's), so that the edit
        is kept as a text edit is: the new version stored, its annotations and the
        story stages redone. Only the file that gave the stored row replaces it, and only
        with its first copy in this run (a later duplicate in the same run is a copy).

        The row moves to this run's file when the file it names no longer holds the text
        (:meth:`_moved`: renamed, deleted, edited since, or the same file named otherwise,
        from another folder), so that ``path`` follows the text. The caller owns the
        transaction."""
        first: dict[str, Article] = {}
        for a in articles:
            first.setdefault(a.id, a)
        if not first:
            return
        stored = self.con.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE id IN (SELECT unnest(?)) "
            "AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.article = a.id AND s.run = ?)",
            [list(first), run]).fetchall()
        edited, moved = [], []
        for row in stored:
            new = first[str(row[0])]
            if str(row[2]) != new.path:
                if not self._moved(str(row[2]), reals.get(new.path)
                                   or os.path.realpath(new.path)):
                    continue
                moved.append(new)
            if _input_fields(row) != _input_fields(_article_row(new)):
                edited.append(new)
        self._restore(edited, [a for a in moved if a not in edited])

    def _moved(self, old: str, new_real: str) -> bool:
        """Whether the stored place ``old`` of an article read now from the file whose
        real path is ``new_real`` no longer holds it: gone, the same file, or changed
        since it was read (then what it holds now is not known)."""
        row = self.con.execute("SELECT real, size, mtime_ns, ctime_ns, inode, digest, "
                               "stamped_ns FROM files WHERE path = ?", [old]).fetchone()
        if row is not None and row[0] == "":
            return False  # a name the store cannot hold: where it is now is not known
        real = str(row[0]) if row and row[0] else os.path.realpath(old)
        if real == new_real or not os.path.lexists(real):
            return True
        return row is None or not unchanged_since(stored_stamp(row[1:]), Path(real))

    def _restore(self, edited: list[Article], moved: list[Article]) -> None:
        """Store ``edited`` again (annotations and story stages redone) and point the rows
        of ``moved`` (the same fields) to their new place."""
        for a in moved:
            self.con.execute("UPDATE articles SET path = ?, position = ? WHERE id = ?",
                             [a.path, a.position, a.id])
            log.info("article %s is now read from %s: its path follows it", a.id, a.path)
        if not edited:
            return
        ids = [a.id for a in edited]
        self.con.execute("DELETE FROM annotations WHERE article IN (SELECT unnest(?))", [ids])
        self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [ids])
        self.bulk_insert("articles", [_article_row(a) for a in edited], columns=ARTICLE_COLUMNS)
        for table in STORY_TABLES:
            self.con.execute(f"DELETE FROM {table}")
        self.con.execute("DELETE FROM meta WHERE key = 'story_mode'")
        self.retired += len(edited)
        for a in edited:
            log.info("%s changed since it was read: article %s stored again as it is now "
                     "(its title, date or other fields were edited)", a.path, a.id)

    def _retire_respelled(self, files: list[tuple[str, str]], run: int) -> None:
        """Forget the earlier reads of each file of ``files`` (its display name and real
        path, in the order read) under another name (a run from another folder, another
        relative spelling): the store keeps each file once, under the name this run gave
        it. A name this batch reads later is not another read (it is recorded after); an
        earlier one is, as when the files were recorded one by one. The caller owns the
        transaction."""
        reals = sorted({real for _, real in files if real})
        if not reals:
            return
        named: dict[str, list[str]] = {}
        for path, real in self.con.execute(
                "SELECT path, real FROM files f WHERE real IN (SELECT unnest(?)) AND NOT "
                "EXISTS (SELECT 1 FROM sources s WHERE s.path = f.path AND s.run = ?) "
                "ORDER BY path", [reals, run]).fetchall():
            named.setdefault(str(real), []).append(str(path))
        later = {display: i for i, (display, _) in enumerate(files)}  # last place read
        found: dict[str, None] = {}
        for i, (display, real) in enumerate(files):
            for other in named.get(real, ()) if real else ():
                if other != display and later.get(other, -1) <= i:
                    found[other] = None
        if not found:
            return
        others = list(found)
        self.con.execute("DELETE FROM files WHERE path IN (SELECT unnest(?))", [others])
        self._retire_superseded(others, run)

    def _retire_superseded(self, displays: list[str], run: int) -> None:
        """Forget what earlier reads of the files ``displays`` gave that this run's reads
        did not: one statement for all of them.

        An article still given by another file moves to that file; one given by none is
        deleted with its annotations, and the story stages are cleared so the next run
        recomputes copies, stories and merged events without it (what a fresh run on the
        edited input gives). The caller owns the transaction.
        """
        gone = self.con.execute(
            "DELETE FROM sources WHERE path IN (SELECT unnest(?)) AND run <> ? "
            "RETURNING path, article", [sorted(set(displays)), run]).fetchall()
        if not gone:
            return
        given: dict[str, set[str]] = {}
        for path, article in gone:
            given.setdefault(str(path), set()).add(str(article))
        ids = sorted({a for arts in given.values() for a in arts})
        orphans = {str(r[0]) for r in self.con.execute(
            "SELECT id FROM articles a WHERE id IN (SELECT unnest(?)) AND NOT EXISTS "
            "(SELECT 1 FROM sources s WHERE s.article = a.id)", [ids]).fetchall()}
        # articles still given elsewhere point to a place that still gives them
        self.con.execute(
            "UPDATE articles SET path = m.path, position = nullif(m.position, '') FROM "
            "(SELECT article, min(path) AS path, arg_min(position, path) AS position "
            " FROM sources WHERE article IN (SELECT unnest(?)) GROUP BY article) m "
            "WHERE articles.id = m.article AND NOT EXISTS (SELECT 1 FROM sources s "
            "WHERE s.article = articles.id AND s.path = articles.path "
            "AND s.position = coalesce(articles.position, ''))", [ids])
        if not orphans:
            return
        self.con.execute("DELETE FROM annotations WHERE article IN (SELECT unnest(?))",
                         [sorted(orphans)])
        self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [sorted(orphans)])
        for table in STORY_TABLES:
            self.con.execute(f"DELETE FROM {table}")
        self.con.execute("DELETE FROM meta WHERE key = 'story_mode'")
        self.retired += len(orphans)
        # each retired article is said under the last of the files that gave it
        last = {a: display for display in displays for a in given.get(display, ())
                if a in orphans}
        for display in dict.fromkeys(displays):
            n = sum(1 for d in last.values() if d == display)
            if n:
                log.info("%s changed since it was read: %d article(s) of its old version "
                         "retired", display, n)

    def source_paths(self) -> dict[str, set[str]]:
        """{article id: every input path that gave it} of the stored articles."""
        out: dict[str, set[str]] = {}
        for path, article in self.con.execute("SELECT path, article FROM sources").fetchall():
            out.setdefault(str(article), set()).add(str(path))
        return out

    def follow_present(self, missing: Collection[str]) -> None:
        """Point each article shown under a file of ``missing`` (deleted, renamed) that
        another recorded file still gives to that file (the least path of those): its
        ``path`` names a file that holds its text. Nothing is dropped."""
        if not missing:
            return
        with self.transaction():
            self.con.execute(
                "UPDATE articles SET path = m.path, position = nullif(m.position, '') FROM "
                "(SELECT article, min(path) AS path, arg_min(position, path) AS position "
                " FROM sources WHERE path NOT IN (SELECT unnest(?)) GROUP BY article) m "
                "WHERE articles.id = m.article AND articles.path IN (SELECT unnest(?))",
                [sorted(missing), sorted(missing)])

    def real_paths(self) -> dict[str, str]:
        """{display path: real path} of the input files recorded as read (a store of
        version 1 knows none)."""
        return {str(p): str(r) for p, r in self.con.execute(
            "SELECT path, real FROM files WHERE real <> ''").fetchall()}

    def forget_files(self, paths: Iterable[str], run: int) -> int:
        """Drop what the input files ``paths`` gave (files since deleted, see
        ``Options.prune_missing``): an article no other file gives is retired with its
        annotations, as for an edited file; return how many were. One transaction."""
        before = self.retired
        gone = sorted(set(paths))
        if not gone:
            return 0
        with self.transaction():
            self.con.execute("DELETE FROM files WHERE path IN (SELECT unnest(?))", [gone])
            self._retire_superseded(gone, run)
        return self.retired - before

    def update_published(self, article_id: str, pub: Published, warning: str | None,
                         replaces: str | None = None) -> None:
        """Set an article's publication date. When the date changes, its annotations (its
        events' dates resolve against it) are dropped for the annotation stage to redo,
        and its story is merged again: a run that dates an article stored undated earlier
        gives what a fresh run on the same input gives. One transaction: a run stopped
        half-way leaves the article undated, to be dated again, never dated without its
        warning. ``replaces``: the start of an earlier warning that ``warning`` takes the
        place of (the article dated again)."""
        with self.transaction():
            self._update_published(article_id, pub, warning, replaces)

    def _update_published(self, article_id: str, pub: Published, warning: str | None,
                          replaces: str | None = None) -> None:
        row = self.con.execute("SELECT pub_date FROM articles WHERE id = ?",
                               [article_id]).fetchone()
        self.con.execute(
            "UPDATE articles SET pub_date = ?, pub_source = ?, pub_earliest = ?, pub_latest = ? "
            "WHERE id = ?",
            [pub.date, pub.source, pub.earliest, pub.latest, article_id],
        )
        if row is not None and row[0] != pub.date:
            self.con.execute("DELETE FROM annotations WHERE article = ?", [article_id])
            self.con.execute("UPDATE stories SET fingerprint = '' WHERE id IN "
                             "(SELECT story FROM story_articles WHERE article = ?)", [article_id])
        if warning:
            row = self.con.execute("SELECT warnings FROM articles WHERE id = ?", [article_id]).fetchone()
            warnings = json.loads(row[0]) if row and row[0] else []
            if replaces and warning not in warnings:
                warnings = [w for w in warnings if not str(w).startswith(replaces)]
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
        with self.transaction():
            last = {aid: data for aid, data in items}  # one row a key: the last given
            self.bulk_insert("annotations", [(aid, stage, version, json.dumps(data))
                                             for aid, data in last.items()],
                             verb="INSERT OR REPLACE")

    def missing_annotations(self, stage: str, version: str) -> list[str]:
        rows = self.con.execute(
            "SELECT a.id FROM articles a LEFT JOIN annotations n ON n.article = a.id "
            "AND n.stage = ? AND n.version = ? WHERE n.article IS NULL ORDER BY a.id",
            [stage, version],
        ).fetchall()
        return [str(r[0]) for r in rows]

    def articles_by_id(self, ids: list[str],
                       con: duckdb.DuckDBPyConnection | None = None) -> Iterator[Article]:
        """Stored articles with the given ids, fetched in chunks (through ``con``, a
        :meth:`reader`, when another thread consumes them)."""
        con = con or self.con
        for i in range(0, len(ids), 200):
            chunk = ids[i : i + 200]
            rows = con.execute(
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
                try:
                    parsed = json.loads(data)
                except (TypeError, ValueError):
                    parsed = None
                if not isinstance(parsed, dict):
                    log.warning("stored annotations of %s are not readable: ignored", aid)
                    continue
                yield str(aid), parsed

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


def _dated(date: Any, source: Any) -> bool:
    """Whether an article's publication date is given (by its input or its text), not
    missing or inferred by the story stage from other articles."""
    return bool(date) and source not in ("inferred", "none")


def _real_path(path: Path) -> str:
    """The real path of an input file as the store keeps it: '' for a name that is not
    valid UTF-8 (the store holds text only; such a file is known by its display path)."""
    real = os.path.realpath(path)
    try:
        real.encode("utf-8")
    except UnicodeEncodeError:
        return ""
    return real


def _place(path: str, position: str | None) -> str:
    """Where an article was read, as warnings name it ("in/a.jsonl (line 3)")."""
    return path + (f" ({position})" if position else "")


def _input_fields(row: Sequence[Any]) -> tuple[Any, ...]:
    """What the input gives of an article row (:data:`ARTICLE_COLUMNS` order), less where
    it sits and what later stages add: a date the story stage inferred for an article
    its input left undated is no edit of the input."""
    (_, input_id, _, _, url, outlet, title, dateline, pdate, psource, pearly, plate, text,
     language, _, _) = row
    date = (None, "none", None, None) if psource == "inferred" else (pdate, psource, pearly,
                                                                     plate)
    return (input_id, url, outlet, title, dateline, *date, text, language)


def _row_article(row: tuple[Any, ...]) -> Article:
    (aid, input_id, path, position, url, outlet, title, dateline, pdate, psource, pearly,
     plate, text, language, warnings, damaged) = row
    return Article(
        id=aid, input_id=input_id, path=path, url=url, outlet=outlet, title=title,
        dateline=dateline,
        published=Published(date=pdate, source=psource, earliest=pearly, latest=plate),
        text=text or "", language=language or "und", warnings=_json_list(warnings, aid),
        damaged=_spans(damaged, aid), position=position,
    )


def _json_list(value: Any, aid: str) -> list[Any]:
    """A stored JSON list; a value that is not one (an older version, a damaged row) is
    read as empty with a warning instead of stopping the stages that read it."""
    if not value:
        return []
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        data = None
    if not isinstance(data, list):
        log.warning("stored article %s: a malformed JSON list was ignored", aid)
        return []
    return data


def _spans(value: Any, aid: str) -> list[tuple[int, int]]:
    out = []
    for item in _json_list(value, aid):
        try:
            a, b = item
            out.append((int(a), int(b)))
        except (TypeError, ValueError):
            log.warning("stored article %s: a malformed damaged span was ignored", aid)
    return out
