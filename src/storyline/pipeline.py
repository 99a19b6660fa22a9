"""The main job: read inputs, run per-document stages, store, run cross-document stages, export.

Per-document work goes through an engine (:mod:`storyline.engine`); only this
loop writes to the store, in batches, each one transaction. Inputs are
streamed: memory does not grow with the size of the corpus.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.clean.repetition import InputRepetition
from storyline.config import setting
from storyline.engine import parallel_map
from storyline.exporters import ExportContext, export_all
from storyline.ingest.guard import FileWarnings, Noted, clean_document, file_level
from storyline.ingest.readers import (
    hidden_summary,
    iter_input_files,
    link_summary,
    read_file,
    unread_summary,
)
from storyline.ingest.validate import MAX_WARNINGS_PER_FILE, printable
from storyline.model import Article, FileNote, RawDocument, Rejected
from storyline.outfiles import OutputError, folder_lock, output_batch
from storyline.store.db import FileStamp, Store
from storyline.story.dating import refine_undated


@dataclass(slots=True)
class FileEnd:
    display: str
    path: Path
    documents: int


def safe_display(display: str) -> tuple[str, bool]:
    """A file's display path as the store and the outputs can hold it: a name that is not
    valid UTF-8 (its bytes surrogate-escaped by Python) is written with ``\\xNN`` escapes
    for those bytes, losslessly; True when it had to be.

    >>> safe_display("in/caf\\udce9.jsonl")
    ('in/caf\\\\xe9.jsonl', True)
    """
    try:
        display.encode("utf-8")
        return display, False
    except UnicodeEncodeError:
        pass
    try:
        raw = display.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        return display.encode("utf-8", "backslashreplace").decode("ascii", "replace"), True
    return raw.decode("utf-8", "backslashreplace"), True


def _escaped_exists(display: str) -> bool:
    """Whether a stored display path written by :func:`safe_display` names a file that
    is there under its real name: its ``\\xNN`` escapes turned back into the bytes they
    stand for (``in/caf\\xe9.txt`` is the file whose name holds the byte 0xE9). The
    caller looks the name up as it is, too: a name may hold a backslash itself."""
    raw = display.encode("utf-8", "surrogateescape")
    if b"\\x" not in raw:
        return False
    real = re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
    try:
        return os.path.lexists(real)
    except (OSError, ValueError):
        return False


@dataclass
class Options:
    workers: int = 1
    engine: str = "local"
    one_story: bool = False
    timeline_dates: int | None = None
    timeline_sentences: int | None = None
    timeline_from: str | None = None
    timeline_to: str | None = None
    progress: bool = True
    # Events below this confidence stay in the store but out of the outputs (None: the
    # shipped default, chosen for precision: :func:`storyline.events.confidence.default_threshold`).
    min_confidence: float | None = None
    # Drop from the store what input files no longer present gave (under an input folder
    # of this run, since deleted); without it they are kept, and a warning says so.
    prune_missing: bool = False

    def check(self) -> None:
        """Refuse a bad value, as the command line does, before any work: raises
        :class:`~storyline.checks.OptionError` (a ``ValueError``) naming the option. A
        ``datetime.date`` for ``timeline_from`` or ``timeline_to`` is taken as its day."""
        from storyline.checks import (
            OptionError,
            bad_count,
            bad_day,
            bad_range,
            bad_share,
            max_workers,
            most,
        )

        for name in ("timeline_from", "timeline_to"):
            value = getattr(self, name)
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                setattr(self, name, value.isoformat())
        problems = [
            *(f"{name} must be True or False (got {type(getattr(self, name)).__name__})"
              for name in ("one_story", "progress", "prune_missing")
              if not isinstance(getattr(self, name), bool)),
            bad_count("workers", self.workers, max_workers()),
            None if self.engine in ("local", "ray") else
            f"engine must be 'local' or 'ray' (got {self.engine!r:.40})",
            None if self.engine != "ray" or _importable("ray") else
            "engine 'ray' needs the optional extra: pip install 'storyline[ray]'",
            *(bad_count(name, getattr(self, name), most("timeline", name[9:]))
              for name in ("timeline_dates", "timeline_sentences")
              if getattr(self, name) is not None),
            *(bad_day(name, getattr(self, name)) for name in ("timeline_from", "timeline_to")
              if getattr(self, name) is not None),
            None if self.min_confidence is None else
            # (over 1 is taken, as it always was here: it writes no event)
            bad_share("min_confidence", self.min_confidence, above_one=True),
        ]
        problem = next((p for p in problems if p), None) or bad_range(
            "timeline_from", self.timeline_from, "timeline_to", self.timeline_to)
        if problem:
            raise OptionError(problem)

    def confidence_floor(self) -> float:
        if self.min_confidence is not None:
            return self.min_confidence

        configured = setting("events", "min_confidence")
        if configured is not None:
            return float(configured)
        from storyline.events.confidence import default_threshold

        return default_threshold()


@dataclass
class Summary:
    files: int = 0
    files_reused: int = 0
    documents: int = 0
    articles_new: int = 0
    articles_known: int = 0
    articles_replaced: int = 0  # old versions of edited files' articles, retired
    skipped: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    articles_total: int = 0
    annotated: int = 0
    stories: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    outputs: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files, "files_reused": self.files_reused, "documents": self.documents,
            "articles_new": self.articles_new, "articles_known": self.articles_known,
            "articles_replaced": self.articles_replaced,
            "skipped": dict(self.skipped), "flagged": dict(self.flagged),
            "articles_total": self.articles_total, "annotated": self.annotated,
            "stories": self.stories, "seconds": round(self.seconds, 2),
        }


Item = RawDocument | Rejected | FileEnd | FileNote
Result = Article | Rejected | FileEnd | FileNote | Noted


def process_item(item: Item) -> Result:
    """The per-document stages for one item (markers and rejections pass through).

    An unexpected exception skips that one document (:func:`clean_document`).
    """
    if isinstance(item, RawDocument):
        return clean_document(item)
    return item


# Articles annotated together, and at most how many characters of them (the annotation
# stage's own limit for one parse, annotate.stage.CHUNK_CHARS).
PARSE_BATCH = int(setting("annotate", "parse_batch"))
CHUNK_CHARS = int(setting("annotate", "chunk_chars"))
# What a run writes beside its store: never read back as input (a store's own folder).
OWN_OUTPUTS = frozenset({
    "articles.jsonl", "events.jsonl", "figures.jsonl", "series.jsonl", "stories.jsonl",
    "timeline.json", "dyads.csv", "dyads.parquet", "report.html",
})
STORE_SUFFIXES = (".duckdb", ".duckdb.wal", ".duckdb.tmp")


def _written_here(name: str) -> bool:
    """Whether a file of the output folder is one a run writes there: an output, the
    store, or an output's ``.tmp`` (or ``.old``, its backup while outputs are replaced)
    left by a stopped run (``--out`` may be the input
    folder itself, whose articles are inputs)."""
    return (name in OWN_OUTPUTS or name.endswith(STORE_SUFFIXES)
            or (name.endswith((".tmp", ".old")) and name[:-4] in OWN_OUTPUTS))


@dataclass
class OwnFiles:
    """The run's own folder and store, and every earlier run's outputs: not inputs.

    An output folder inside an input folder would otherwise be read back on every rerun
    (its report stored as one more article each time).
    """

    out: Path
    db: Path
    skipped: int = 0

    def __contains__(self, path: Path) -> bool:
        try:
            real = path.resolve()
        except (OSError, RuntimeError):
            return False
        if self.out in real.parents and _written_here(real.name):
            return True  # only what a run writes: the folder may hold the user's news too
        if real.parent == self.db.parent and real.name in (self.db.name, self.db.name + ".wal"):
            return True
        if real.name.endswith(STORE_SUFFIXES):
            return True  # a storyline store (DuckDB file) is never an article
        return real.name in OWN_OUTPUTS and (real.parent / "storyline.duckdb").exists()

    def files(self, inputs: list[str], hidden: Counter[tuple[str, str]] | None = None,
              ) -> Iterator[tuple[str, Path]]:
        yield from iter_input_files(inputs, hidden, exclude=self._own)

    def _own(self, path: Path) -> bool:
        if path in self:
            self.skipped += 1
            return True
        return False


def _items(inputs: list[str], done: dict[str, FileStamp],
           summary: Summary, own: OwnFiles | None = None,
           restamp: list[tuple[str, Path]] | None = None) -> Iterator[Item]:
    # Runs in a process pool's feeder thread: it must not touch the store (``done`` is
    # read beforehand by the thread that owns the connection).
    # furniture is counted over the run's inputs only: a file named by itself is not
    # counted with the files that merely lie beside it
    repeats = InputRepetition(named=(Path(i) for i in inputs if not Path(i).is_dir()))
    for display, path in (own.files(inputs) if own else iter_input_files(inputs)):
        if not _special(path):
            summary.files += 1  # a pipe or device is skipped with its warning, not read
        display, renamed = safe_display(display)
        if _unchanged(done, display, path):
            summary.files_reused += 1
            if restamp is not None and not _same_stats(done[display], path):
                restamp.append((display, path))  # same bytes, new stats: recorded after
            continue
        if renamed:
            yield FileNote(display, "file name is not valid UTF-8: recorded with \\x escapes "
                           "for its bad bytes", "file names not UTF-8")
        unreachable = _unreachable(path)
        if unreachable:
            yield Rejected(display, unreachable)
            yield FileEnd(display, path, 1)
            continue
        n = 0
        furniture = repeats.boilerplate_for(display, path)
        for item in read_file(display, path):
            n += 1
            if furniture and isinstance(item, RawDocument) and item.kind == "text":
                item.boilerplate = furniture
            yield item
        yield FileEnd(display, path, n)


# Skips that judge a document read fine (an edit may make an item too short on purpose);
# every other skip of a file's document is a read error.
CONTENT_SKIPS = ("too short to be a news article", "only page furniture")


@dataclass(slots=True)
class FileRead:
    """How the reading of one input file went: the articles it gave, and whether a
    document of it could not be read. A file that gave none, or hit a read error, is a
    failed read: its stored articles are kept (:meth:`Store.write_batch`)."""

    articles: int = 0
    errors: int = 0

    def note(self, result: Article | Rejected) -> None:
        if isinstance(result, Article):
            self.articles += 1
        elif result.kept or not result.reason.startswith(CONTENT_SKIPS):
            self.errors += 1

    def failed(self) -> bool:
        return self.articles == 0 or self.errors > 0


# Errors of a path itself, not of the disk: that path is skipped, the run goes on.
PATH_ERRORS = frozenset({errno.ENAMETOOLONG, errno.ELOOP})


def _unreachable(path: Path) -> str | None:
    """Why ``path`` cannot be opened at all (its name past the system's path length, a
    loop of links), or None: such an input is one warning, never a stop of the run."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno in PATH_ERRORS:
            return f"cannot be opened: {exc.strerror or exc} (not read)"
    return None


NOT_REGULAR = "not a regular file"  # the reader's reason for a pipe, socket or device


def _special(path: Path) -> bool:
    """Whether ``path`` is a pipe, socket or device (never opened: it could block)."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _once(inputs: list[str]) -> list[str]:
    """``inputs`` in order, each place once, as first spelt: two spellings of one path
    are one input (their real paths are the same)."""
    seen: set[str] = set()
    out = []
    for given in dict.fromkeys(inputs):
        try:
            place = os.path.realpath(given)
        except (OSError, ValueError):
            place = given
        if place not in seen:
            seen.add(place)
            out.append(given)
    return out


def _unchanged(done: dict[str, FileStamp], display: str, path: Path) -> bool:
    """Whether the file was read whole by an earlier run and still holds the same bytes
    (:func:`~storyline.store.db.unchanged_since`: its stats, else its digest)."""
    from storyline.store.db import unchanged_since

    return display in done and unchanged_since(done[display], path)


def _same_stats(stamp: FileStamp, path: Path) -> bool:
    """Whether the stats alone tell the file unchanged (no digest was needed)."""
    from storyline.store.db import stats_match

    try:
        return stats_match(stamp, os.stat(path))
    except OSError:
        return True


def _category(reason: str) -> str:
    """A skip reason without its particulars: the text before a colon, less a closing
    parenthesis ("too short to be a news article (12 words)"); a parenthesis inside the
    words stays ("article body (text) is not a string")."""
    whole = re.sub(r"\s*\([^()]*\)$", "", reason.strip()) or reason
    head = whole.split(":")[0]
    head = re.sub(r"\s*\([^()]*\)?$", "", head.strip())  # "(at byte 9)", "(KeyError"
    return head.strip() or whole


def _print_warning(msg: str) -> None:
    """A warning on standard error; where that is closed or a broken pipe (``run 2>&1 |
    head -1``), the run goes on without printing: its warnings are still counted."""
    with suppress(OSError, ValueError, AttributeError):
        print(msg, file=sys.stderr)


def run(inputs: list[str], out: Path, db: Path | None = None, options: Options | None = None,
        log: Any = None) -> Summary:
    """Run the main job and write the outputs to ``out``."""
    options = options or Options()
    options.check()  # a bad option is refused before anything is made
    if any(not str(i).strip() for i in inputs):
        from storyline.checks import OptionError

        # an unset shell variable ("$DIR"): reading the current folder instead would
        # store whatever lies there
        raise OptionError('an empty input path ("") was given: name a file or folder '
                          '(use "." for the current folder)')
    from storyline.config import check_env_config

    check_env_config()  # so is a bad STORYLINE_CONFIG (ConfigError), not mid-run
    started = time.monotonic()
    from storyline.store.db import StoreError, misread_path

    problem = misread_path(db or out / "storyline.duckdb")
    if problem:  # refused before the output folder is made
        raise StoreError(problem)
    _output_folder(out)
    with folder_lock(out):
        return _run_in(inputs, out, db, options, log, started)


def _run_in(inputs: list[str], out: Path, db: Path | None, options: Options, log: Any,
            started: float) -> Summary:
    """:func:`run` in its output folder, which it holds."""
    db = db or out / "storyline.duckdb"
    own = OwnFiles(out.resolve(), db.resolve())
    summary = Summary()
    warn = log or _print_warning
    per_file = FileWarnings(warn)
    # a path given twice (or 4,000 times), however spelt ("in", "in/", "./in"), is read once
    inputs = _once(inputs)
    if not inputs:
        warn("warning: no inputs given: the outputs are those of what the store holds")
    missing = [i for i in inputs if not Path(i).exists()]
    for m in missing:
        summary.skipped["not found"] += 1
        per_file.say(f"warning: skipped {m}: no such file or folder")
        per_file.end_file(m)
    inputs = [i for i in inputs if Path(i).exists()]
    named = _output_names_in_input(inputs, out)
    if named and not db.exists():
        _refuse_overwriting(named, out, {})  # a new store wrote none of them

    with Store(db) as store, damage_refused(store):
        if named:
            _refuse_overwriting(named, out, store.written_outputs(str(out.resolve())))
        run_id = store.new_run()
        hidden: Counter[tuple[str, str]] = Counter()
        # named as the store holds them (a name that is not UTF-8 with \x escapes): a file
        # read in this run is present whatever its name
        present = {safe_display(display)[0] for display, _ in own.files(inputs, hidden)}
        total_files = len(present)
        for given, count, message in hidden_summary(hidden):
            summary.skipped["hidden files"] += count  # dot-files, .git/: never inputs
            per_file.say(f"warning: {message}")
            per_file.end_file(given)
        for given, count, message in unread_summary(hidden):
            summary.skipped["not news inputs"] += count  # a README, images beside the news
            per_file.say(f"warning: {message}")
            per_file.end_file(given)
        for given, count, message in link_summary(hidden):
            summary.skipped["linked folders"] += count  # not followed: a loop, or elsewhere
            per_file.say(f"warning: {message}")
            per_file.end_file(given)
        if own.skipped:
            per_file.say(f"warning: {own.skipped} file(s) of this run's output folder, "
                         "its store or an earlier run's outputs are inside the input: not read")
            per_file.end_file(str(out))
        progress = _progress(options.progress and total_files > 0)
        task = progress.add_task("reading", total=total_files) if progress else None

        batch_articles: list[Article] = []
        batch_rejects: list[Rejected] = []
        batch_done: list[tuple[str, Path, int]] = []
        batch_unread: set[str] = set()  # files read with errors or to no article this time
        reading = FileRead()
        last_flush = time.monotonic()

        def flush() -> None:
            nonlocal last_flush
            new = store.write_batch(batch_articles, batch_rejects, batch_done, run_id,
                                    unread=batch_unread)
            for message in store.kept:
                summary.flagged["stored articles kept"] += 1
                warn(printable(f"warning: {message}"))
            store.kept.clear()
            for n, message in enumerate(store.conflicts):
                summary.flagged["conflicting dates"] += 1
                if n < MAX_WARNINGS_PER_FILE:
                    warn(printable(f"warning: {message}"))
            if len(store.conflicts) > MAX_WARNINGS_PER_FILE:
                warn(f"warning: {len(store.conflicts) - MAX_WARNINGS_PER_FILE:,} more articles "
                     "like the above given again with another date (all are counted in the "
                     "summary)")
            store.conflicts.clear()
            summary.articles_new += new
            summary.articles_known += len(batch_articles) - new
            summary.articles_replaced = store.retired
            batch_articles.clear()
            batch_rejects.clear()
            batch_done.clear()
            batch_unread.clear()
            last_flush = time.monotonic()

        restamp: list[tuple[str, Path]] = []
        items = _items(inputs, store.done_files(), summary, own, restamp)
        with progress or _nullcontext():
            for result in parallel_map(process_item, items, workers=options.workers,
                                       engine=options.engine):
                if isinstance(result, FileEnd):
                    held = per_file.end_file(result.display)
                    if held is not None:
                        batch_rejects.append(held)
                    batch_done.append((result.display, result.path, result.documents))
                    if reading.failed():
                        batch_unread.add(result.display)
                    reading = FileRead()
                    if progress is not None and task is not None:
                        progress.advance(task)
                    if len(batch_articles) >= 64 or time.monotonic() - last_flush > 2:
                        flush()
                    continue
                if isinstance(result, FileNote):
                    summary.flagged[result.kind] += result.count
                    per_file.say(f"warning: {result.display}: {result.message}",
                                 always=file_level(result.message))
                    continue
                # a pipe or device is not read; a warning that a file was read up to a
                # problem (trailing garbage, a damaged archive's end) is no document
                if not (isinstance(result, Rejected) and (
                        result.kept or result.reason.startswith(NOT_REGULAR))):
                    summary.documents += 1
                if isinstance(result, Noted):
                    where = _where(result.item)
                    for note in result.notes:
                        summary.flagged["input warnings"] += 1
                        per_file.say(f"warning: {where}: {note}", always=file_level(note))
                    result = result.item
                reading.note(result)
                if isinstance(result, Rejected):
                    if per_file.keep_reject():
                        batch_rejects.append(result)
                    if result.kept:  # the file was read up to the problem
                        summary.flagged["partly read"] += 1
                        per_file.say(f"warning: {result.path}: {result.reason}",
                                     always=file_level(result.reason))
                    else:
                        kind = _category(result.reason)
                        summary.skipped[kind] += 1
                        per_file.say(f"warning: skipped {result.path}: {result.reason}",
                                     always=file_level(result.reason), kind=kind,
                                     path=result.path)
                    if len(batch_rejects) >= 1000:
                        flush()  # memory does not grow with the number of bad lines
                    continue
                if result.language != "en":
                    summary.flagged["not English"] += 1
                    per_file.say(f"warning: {_where(result)}: language is {result.language!r}, "
                                 "not English; stored, but not annotated")
                batch_articles.append(result)
            flush()
            per_file.finish()
        store.restamp(restamp)
        _absent_inputs(store, inputs, present, options, warn, summary, run_id)
        refine_undated(store)
        summary.annotated = annotate_missing(store, options, warn, summary)
        summary.stories = run_story_stages(store, options, run_id)
        summary.articles_total = store.count_articles()
        # every registered exporter (storyline.exporters), each reading the store's
        # records once through one context
        # (all written, then put in place together: never half of them replaced)
        with output_batch():
            summary.outputs.update(export_all(ExportContext(store, out, options)))
        store.record_outputs(str(out.resolve()), {
            name: _stamp(out / name) for name in sorted(OWN_OUTPUTS) if (out / name).is_file()})
        summary.seconds = time.monotonic() - started
        store.finish_run(run_id, summary.as_dict())
    return summary


def _absent_inputs(store: Store, inputs: list[str], present: set[str], options: Options,
                   warn: Callable[[str], None], summary: Summary, run: int) -> None:
    """Say what the store holds from input files this run did not read: those under its
    input folders that are no longer there (deleted, moved), dropped with
    ``prune_missing``, else kept; and those of inputs not given this time (earlier runs
    into the same store), which the outputs show too. Never silently either way."""
    tops = [g.rstrip("/" + os.sep) or g for g in inputs]
    tops += [os.path.realpath(g) for g in inputs]  # a file recorded from another folder

    def under_inputs(path: str) -> bool:
        return any(path == t or path.startswith(t + os.sep) or path.startswith(t + "/")
                   for t in tops)

    by_article = store.source_paths()
    reals = store.real_paths()
    paths = {p for ps in by_article.values() for p in ps} - present
    missing = {p for p in paths if (under_inputs(p) or under_inputs(reals.get(p, p)))
               and not os.path.lexists(reals.get(p, p)) and not _escaped_exists(p)}
    gone = [a for a, ps in by_article.items() if ps <= missing]
    others = [a for a, ps in by_article.items() if not ps & present and not ps <= missing]
    if missing and options.prune_missing and not gone:
        store.forget_files(missing, run)  # their articles are all read from present files
    elif missing and not options.prune_missing:
        store.follow_present(missing)  # kept, but shown where their text still is
    if gone:
        files = sorted({p for a in gone for p in by_article[a]})
        example = f"{files[0]}" + (f" and {len(files) - 1:,} more" if len(files) > 1 else "")
        if options.prune_missing:
            dropped = store.forget_files(missing, run)
            summary.flagged["articles of deleted inputs dropped"] += dropped
            warn(printable(f"warning: {dropped:,} stored article(s) of {len(files):,} input "
                           f"file(s) no longer present ({example}) dropped from the store "
                           "and the outputs (prune_missing)"))
        else:
            summary.flagged["articles of deleted inputs kept"] += len(gone)
            warn(printable(f"warning: {len(gone):,} stored article(s) come from {len(files):,} "
                           f"input file(s) no longer present ({example}): kept in the store "
                           "and the outputs; run again with --prune-missing to drop them"))
    if others:
        summary.flagged["articles of inputs not given"] += len(others)
        warn(f"warning: the outputs also hold {len(others):,} article(s) that earlier runs "
             "stored here from inputs not given to this run: the outputs show the whole "
             "store; give another --out (or --db) to see this run's inputs alone")


def _output_names_in_input(inputs: list[str], out: Path) -> list[str]:
    """The files of ``out`` named like a run's outputs when ``out`` is an input folder or
    inside one: there they may be the user's news (an ``articles.jsonl`` of their own),
    which the run does not read and would overwrite."""
    real = out.resolve()
    named: set[str] = set()
    for given in inputs:
        path = Path(given)
        top = path.resolve()
        if path.is_dir() and (top == real or top in real.parents):
            named.update(n for n in OWN_OUTPUTS if (out / n).is_file())
        elif top.parent == real and top.name in OWN_OUTPUTS and path.is_file():
            named.add(top.name)  # given itself: "storyline run out/articles.jsonl --out out"
    return sorted(named)


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def _refuse_overwriting(names: list[str], out: Path,
                        written: dict[str, tuple[int, int]] | None) -> None:
    """Raise :class:`OutputError` before anything is written when a file of ``names`` is
    not one the store recorded writing to ``out`` (same size and time): an input would be
    lost. A store from before the record (``written`` None) cannot tell: its outputs are
    taken as its own, as they always were."""
    if written is None:
        return
    foreign = [n for n in names if written.get(n) != _stamp(out / n)]
    if foreign:
        raise OutputError(
            f"the output folder {out} holds {foreign[0]}"
            + (f" (and {len(foreign) - 1} more output name(s))" if len(foreign) > 1 else "")
            + ", an input of this run that its store did not write there: the run's "
            "output of that name would overwrite it; rename it, or give this run another "
            "--out")


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


@contextmanager
def damage_refused(store: Store) -> Iterator[None]:
    """A store found damaged on a later read (DuckDB's checksum of a block does not match:
    bytes overwritten on disk) stops the run with one :class:`StoreError`, the store closed
    without writing this run's changes into it (:meth:`Store.refuse_damaged`), as one
    damaged at opening is. A store whose folder cannot be written (DuckDB cannot make its
    write-ahead log there) also stops it with one line naming the store."""
    import duckdb

    from storyline.store.db import damage_message, unwritable

    try:
        yield
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        refused = unwritable(store.path, first)  # its folder cannot be written (no log)
        if refused is not None:
            raise refused from None
        if not damage_message(first):
            raise
        raise store.refuse_damaged(first) from None


def _output_folder(out: Path) -> None:
    """Make ``out`` (and its parents) and check that it can be written, or raise
    :class:`OutputError` with one line naming it."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot use {out} as the output folder: a file of that name "
                          "exists") from None
    except OSError as exc:
        raise OutputError(f"cannot make the output folder {out}: "
                          f"{exc.strerror or exc}") from None
    if not out.is_dir():
        raise OutputError(f"cannot use {out} as the output folder: not a folder")
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to the output folder {out}: read-only or "
                          "permission denied")


def _where(item: Article | Rejected) -> str:
    if isinstance(item, Rejected):
        return item.path
    return item.path + (f" ({item.position})" if item.position else "")


def _annotate(article: Article) -> tuple[str, dict[str, Any], str | None]:
    """(id, annotations, error): an unexpected exception gives the article empty
    annotations and an error message instead of stopping the run."""
    from storyline.annotate.stage import annotate_article, annotations_json
    from storyline.ingest.guard import resource_error
    from storyline.model import Annotations

    try:
        return article.id, annotations_json(annotate_article(article)), None
    except Exception as exc:
        if resource_error(exc):
            raise  # out of memory or disk: not cached as the article's result
        where = _where(article)
        return article.id, annotations_json(Annotations(article=article.id)), (
            f"{where}: annotation failed ({type(exc).__name__}: {str(exc)[:200]}); "
            "stored without events")


def _annotate_batch(articles: list[Article]) -> list[tuple[str, dict[str, Any], str | None]]:
    """:func:`_annotate` of each article, parsed together; when the batch fails, each
    article again on its own, so that only the one that fails is stored without events."""
    from storyline.annotate.stage import annotate_articles, annotations_json
    from storyline.ingest.guard import resource_error

    try:
        return [(a.id, annotations_json(ann), None)
                for a, ann in zip(articles, annotate_articles(articles), strict=True)]
    except Exception as exc:
        if resource_error(exc):
            raise
        return [_annotate(a) for a in articles]


def _batches(articles: Iterable[Article], size: int, chars: int) -> Iterator[list[Article]]:
    """Consecutive articles, at most ``size`` of them and at most ``chars`` characters a
    batch (a longer article alone)."""
    batch: list[Article] = []
    held = 0
    for article in articles:
        if batch and (len(batch) >= size or held + len(article.text) > chars):
            yield batch
            batch, held = [], 0
        batch.append(article)
        held += len(article.text)
    if batch:
        yield batch


def annotate_missing(store: Store, options: Options, warn: Any = None,
                     summary: Summary | None = None) -> int:
    """Annotate every stored article that lacks this version's annotations."""
    from storyline.annotate.stage import STAGE, STAGE_VERSION
    from storyline.ingest.validate import printable

    todo = store.missing_annotations(STAGE, STAGE_VERSION)
    if not todo:
        return 0
    progress = _progress(options.progress)
    task = progress.add_task("annotating", total=len(todo)) if progress else None
    done = 0
    reader = store.reader()  # the pool's feeder thread reads through its own cursor
    try:
        with progress or _nullcontext():
            articles = store.articles_by_id(todo, reader)
            batch: list[tuple[str, Any]] = []
            batches = _batches(articles, PARSE_BATCH, CHUNK_CHARS)
            results = (r for rs in parallel_map(_annotate_batch, batches, workers=options.workers,
                                                engine=options.engine, chunksize=1) for r in rs)
            for aid, data, error in results:
                if error:
                    (warn or (lambda m: print(m, file=sys.stderr)))(printable(f"warning: {error}"))
                    if summary is not None:
                        summary.flagged["annotation failed"] += 1
                batch.append((aid, data))
                done += 1
                if progress is not None and task is not None:
                    progress.advance(task)
                if len(batch) >= 32:
                    store.put_annotations(STAGE, STAGE_VERSION, batch)
                    batch.clear()
            store.put_annotations(STAGE, STAGE_VERSION, batch)
    finally:
        reader.close()  # also when the run stops (out of memory, Ctrl-C)
    return done


# -- cross-document story stages (their outputs: storyline.exporters) --------------------------------

def run_story_stages(store: Store, options: Options, run_id: int) -> dict[str, Any]:
    """Syndicated copies, stories, merged events and figure series (:mod:`storyline.story`)."""
    from storyline.story.stage import update_stories

    return update_stories(store, one_story=options.one_story, run=run_id).as_dict()


class _nullcontext:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(enabled: bool) -> Any:
    if not enabled:
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("files"), TimeElapsedColumn(), transient=True,
        console=_stderr_console(),
    )


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)
