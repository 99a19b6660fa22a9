"""The Python API: code sentences, run the pipeline, read what it wrote.

>>> import storyline
>>> events = storyline.code("Rebels shelled the town on Monday.", date="2024-05-06")
>>> events[0].type, events[0].date.start
('ASSAULT', '2024-05-06')

The library logs through :mod:`logging` (logger ``storyline``, silent unless the
application configures logging); the command line prints.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.checks import OptionError
from storyline.model import Coded as Coded
from storyline.model import Event
from storyline.model import event_json as event_json  # re-exported: the API's event shape

log = logging.getLogger("storyline")

BATCH = 64


@dataclass(slots=True)
class Record:
    """One text to code: a sentence or a short item, with its id and date (YYYY-MM-DD)."""

    text: str
    id: str | None = None
    date: str | None = None


def code_records(records: Iterable[Record], *, dct: str | None = None,
                 coder: str | None = None, batch_size: int = BATCH) -> Iterator[Coded]:
    """Code each record's events, streaming, in input order (batched through ``nlp.pipe``).

    A record's own ``date`` resolves its relative dates; ``dct`` stands in where it has none.
    No record is skipped for being short; an empty text gives no events. A record's date
    that is no real day is absent, with a warning; a bad ``dct``, ``batch_size`` or
    ``coder`` raises :class:`~storyline.checks.OptionError` (a ``ValueError``) naming it,
    before any work.
    """
    from storyline.checks import bad_count, bad_day, most
    from storyline.events.coder import DEFAULT_CODER, get_coder

    if isinstance(records, (str, bytes)):
        raise OptionError("records must be an iterable of records, not one "
                          f"{type(records).__name__} (code(text) codes one text)")
    try:
        records = iter(records)
    except TypeError:
        raise OptionError("records must be an iterable of records (got "
                          f"{type(records).__name__})") from None
    problem = (bad_day("dct", dct) if dct is not None else None) or bad_count(
        "batch_size", batch_size, most("annotate", "parse_batch"))
    if problem:
        raise OptionError(problem)
    try:
        chosen = get_coder(coder or DEFAULT_CODER)
    except KeyError as exc:
        raise OptionError(f"coder: {exc.args[0]}") from None
    return _code_records(records, dct, chosen, batch_size)


def _code_records(records: Iterable[Record], dct: str | None, chosen: Any,
                  batch_size: int) -> Iterator[Coded]:
    from storyline.annotate.actors import find_actors
    from storyline.annotate.places import find_places, story_countries
    from storyline.annotate.stage import load_nlp, sentence_offsets
    from storyline.annotate.times import find_times
    from storyline.checks import bad_day
    from storyline.events.coder import main_event
    from storyline.events.desk import desk_score
    from storyline.events.statements import find_statement
    from storyline.model import stable_id

    nlp = load_nlp()

    from storyline.annotate.stage import CHUNK_CHARS, MAX_CHARS, parse
    from storyline.ingest.guard import without_surrogates
    from storyline.ingest.validate import clean_date, strip_format
    from storyline.text.lookalikes import fold_lookalikes, lookalikes_note
    from storyline.text.runs import MAX_SYMBOL_RUN, split_long_runs

    def pairs() -> Iterator[tuple[str, Record]]:  # bounded, valid text
        for n, item in enumerate(records, 1):
            r = _with_clean_id(_as_record(item, n))
            if not isinstance(r.text, str):
                log.warning("record %s: text is %s, not text: no events", r.id,
                            type(r.text).__name__)
                r = Record("", r.id, r.date)
            text, bad = without_surrogates(r.text)
            if bad:
                log.warning("record %s: %d lone surrogate character(s) replaced", r.id, bad)
            # what ``run`` takes out of a body (soft hyphens, zero-width and bidi
            # characters) splits words here too: the text coded, and returned, is without
            text, hidden = strip_format(text)
            if hidden:
                log.warning("record %s: %s", r.id, hidden)
            if len(text) > MAX_CHARS:
                log.warning("record %s: text cut to its first %d characters", r.id, MAX_CHARS)
                text = text[:MAX_CHARS]
            text, runs = split_long_runs(text)
            if runs:
                log.warning("record %s: %d run(s) of punctuation or symbols longer than %d "
                            "characters split by spaces", r.id, runs, MAX_SYMBOL_RUN)
            day = r.date
            if day is not None and bad_day("date", day, any_year=True):
                # the same check as every reader's dates: a timestamp gives its day, a
                # value that is no real day is absent
                day, note = clean_date(day, "date")
                if note:
                    log.warning("record %s: %s", r.id, note)
            if text != r.text or day != r.date:
                r = Record(text, r.id, day)
            # the parse reads look-alike letters as Latin ones (same length: offsets hold)
            seen, folded = fold_lookalikes(text)
            if folded:
                log.warning("record %s: %s", r.id, lookalikes_note(folded))
            yield seen, r

    def parsed() -> Iterator[tuple[Any, Record]]:
        """Records in order with their parse, each batch as soon as the input has given
        it (:func:`ready_batches`): short ones through ``nlp.pipe``, a long one (over
        ``[annotate] chunk_chars``) parsed piece by piece, so that its memory is that of
        one piece."""
        for held in ready_batches(pairs(), batch_size, CHUNK_CHARS):
            if len(held) == 1 and len(held[0][0]) > CHUNK_CHARS:
                yield parse(held[0][0]), held[0][1]
            else:
                yield from nlp.pipe(held, as_tuples=True, batch_size=batch_size)

    for doc, rec in parsed():
        date = rec.date or dct
        if not rec.text.strip():
            yield Coded(rec.id, rec.text)
            continue
        times = find_times(rec.text, date, sentences=sentence_offsets(doc))
        countries = story_countries(doc)
        actors = find_actors(doc, published=date,
                             story_country=countries[0] if countries else None)
        places = find_places(doc, context_countries=countries)
        coded = chosen.code(doc, article_id=stable_id(rec.id or "", rec.text), published=date,
                            actors=actors, times=times, places=places,
                            context={"desk": desk_score(rec.text)})
        events = [c.event for c in coded]
        for event in events:  # a day that could not be placed is None, as in the output
            event.date.start = event.date.start or None
            event.date.end = event.date.end or None
        main = main_event(coded, doc)
        said = find_statement(doc, actors, places) if main is None else None
        yield Coded(rec.id, rec.text, events, main, said)


# JSON's names for the types of a value that is no id ("id": {"a": 1}).
_JSON_TYPES = {"dict": "an object", "list": "an array", "bool": "a boolean", "float": "a number",
               "int": "a number", "str": "a string", "NoneType": "null"}


def id_text(value: Any) -> tuple[str | None, str | None]:
    """A record's id as text, and a note when it was not a string or an integer: an
    object, array, boolean or fractional number is written as its JSON text
    (``{"a": 1}``, ``true``), never as a Python repr."""
    if value is None or isinstance(value, str):
        return value, None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value), None
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    kind = _JSON_TYPES.get(type(value).__name__, f"a {type(value).__name__}")
    return text[:200], f"id is {kind}, not a string or integer: written as JSON text"


def _with_clean_id(r: Record) -> Record:
    """``r`` with an id that is text and can be written: lone surrogates (JSON
    ``"\\ud800"``) replaced by U+FFFD, each change said once."""
    from storyline.ingest.guard import without_surrogates

    rid, note = id_text(r.id)
    if rid is not None:
        rid, bad = without_surrogates(rid)
        if bad:
            log.warning("record %s: id: %d lone surrogate character(s) replaced", rid, bad)
    if note:
        log.warning("record %s: %s", rid, note)
    return r if rid == r.id else Record(r.text, rid, r.date)


def _as_record(item: Any, n: int) -> Record:
    """A record of ``code_records``' input: a :class:`Record`, a text, or a mapping with
    ``text`` (and ``id``, ``date`` | ``published``); anything else codes to nothing, with
    a warning, and the records after it are still coded."""
    if isinstance(item, Record):
        return item
    if isinstance(item, str):
        return Record(item, None, None)
    if isinstance(item, dict):
        rid = item.get("id")
        day = item.get("date") or item.get("published")
        rid, note = id_text(rid)
        if note:
            log.warning("record %d: %s", n, note)
        return Record(item.get("text"), None if rid is None else rid[:200],  # type: ignore[arg-type]
                      day if isinstance(day, str) else None)
    log.warning("record %d: a %s, not a Record, a text or a mapping with text: no events",
                n, type(item).__name__)
    return Record("", None, None)


class _Failed:
    def __init__(self, exc: BaseException):
        self.exc = exc


_END = object()


def ready_batches(pairs: Iterable[tuple[str, Any]], size: int,
                  chars: int) -> Iterator[list[tuple[str, Any]]]:
    """``(text, item)`` pairs in order, in batches of what the input has already given:
    at most ``size`` pairs and ``chars`` characters, a longer text alone. A batch never
    waits for input still to come, so each record is coded and printed as soon as it
    is read (a line typed into ``storyline code -`` comes back at once), and a slow
    record delays only the records of its own batch. A thread reads the input.

    >>> batches = list(ready_batches(((t, None) for t in ["ab"] * 5 + ["x" * 9]), 2, 4))
    >>> [t for b in batches for t, _ in b] == ["ab"] * 5 + ["x" * 9], batches[-1]
    (True, [('xxxxxxxxx', None)])
    """
    import queue
    import threading

    q: queue.Queue[Any] = queue.Queue(maxsize=max(2, 2 * size))

    def feed() -> None:
        try:
            for pair in pairs:
                q.put(pair)
        except BaseException as exc:  # handed to the consuming thread, raised there
            q.put(_Failed(exc))
        q.put(_END)

    threading.Thread(target=feed, name="storyline-code-reader", daemon=True).start()
    pending: Any = None
    while True:
        first = q.get() if pending is None else pending
        pending = None
        if first is _END:
            return
        if isinstance(first, _Failed):
            raise first.exc
        batch = [first]
        total = len(first[0])
        while total <= chars and len(batch) < size:
            try:
                nxt = q.get_nowait()
            except queue.Empty:
                break
            if nxt is _END or isinstance(nxt, _Failed) or total + len(nxt[0]) > chars:
                pending = nxt
                break
            batch.append(nxt)
            total += len(nxt[0])
        yield batch


def code(text: str, date: str | dt.date | None = None) -> list[Event]:
    """The events of one sentence or short text (dates resolved against ``date``, a day
    ``YYYY-MM-DD`` or a ``datetime.date``: another value, or a ``text`` that is no
    string, raises :class:`~storyline.checks.OptionError`, which is also a ``TypeError``
    and a ``ValueError``)."""
    from storyline.checks import OptionError, bad_day

    if not isinstance(text, str):
        raise OptionError(f"text must be a str, not {type(text).__name__}")
    day: Any = date
    if isinstance(date, dt.date) and not isinstance(date, dt.datetime):
        day = date.isoformat()  # the day it names, as timeline_from takes one
    problem = bad_day("date", day) if day is not None else None
    if problem:
        raise OptionError(problem)
    return next(code_records([Record(text, None, day)])).events


def run(inputs: Iterable[str | bytes | Path], out: str | bytes | Path, *,
        db: str | bytes | Path | None = None,
        **options: Any) -> Any:
    """Run the whole job (``storyline run``) and return its :class:`~storyline.pipeline.Summary`.

    ``options`` are the fields of :class:`~storyline.pipeline.Options` (``workers``,
    ``one_story``, ``min_confidence``, ``timeline_dates`` ...); progress is off unless asked.
    Warnings go to the ``storyline`` logger.
    """
    from storyline.engine import in_worker_start
    from storyline.pipeline import Options
    from storyline.pipeline import run as _run

    if in_worker_start():
        # one line, no traceback, from each worker that would run the whole job again
        raise SystemExit("storyline: storyline.run() was called again by a worker process "
                         "importing the script that started the run: put the call under "
                         "`if __name__ == \"__main__\":`")
    options.setdefault("progress", False)
    unknown = sorted(set(options) - {f.name for f in dataclasses.fields(Options)})
    if unknown:
        raise OptionError(f"unknown option {unknown[0]!r:.60} (the options are the fields "
                          "of storyline.pipeline.Options: "
                          + ", ".join(f.name for f in dataclasses.fields(Options)) + ")")
    opts = Options(**options)  # checked by the run before any work
    return _run(_input_paths(inputs), _a_path("out", out), _a_path("db", db) if db else None,
                opts, log=log.warning)


def text_path(value: Any) -> Any:
    r"""A path given as bytes (a file name that is not UTF-8, as ``os.listdir(b".")`` gives
    it) as the text Python names it with (:func:`os.fsdecode`: its bad bytes as surrogate
    escapes, as in ``sys.argv``); any other value as it is.

    >>> text_path(b"in/caf\xc3\xa9.txt"), text_path(7)
    ('in/café.txt', 7)
    """
    if isinstance(value, bytes) or (
            isinstance(value, os.PathLike) and isinstance(os.fspath(value), bytes)):
        return os.fsdecode(value)
    return value


def _a_path(name: str, value: Any) -> Path:
    value = text_path(value)
    if isinstance(value, (str, os.PathLike)) and not isinstance(value, bytes) and \
            str(os.fspath(value)).strip():
        return Path(value)
    raise OptionError(f"{name} must be a path (got {type(value).__name__}: {value!r:.40})")


def _input_paths(inputs: Any) -> list[str]:
    """``run``'s inputs as paths: one path (a text or a ``Path``) or an iterable of them,
    in order, each once ("a.jsonl" given 4,000 times is read once, at once); a path may
    be bytes (:func:`text_path`)."""
    inputs = text_path(inputs)
    if isinstance(inputs, (str, os.PathLike)) and not isinstance(inputs, bytes):
        inputs = [inputs]
    if isinstance(inputs, (bytes, dict)) or not isinstance(inputs, Iterable):
        raise OptionError(f"inputs must be a path or a list of paths (got "
                          f"{type(inputs).__name__})")
    if isinstance(inputs, io.IOBase) or hasattr(inputs, "readline"):
        name = getattr(inputs, "name", None)
        hint = f" ({name!r:.60})" if isinstance(name, str) else ""
        raise OptionError(f"inputs: an open file{hint} is not a path; give its name "
                          "(a text or a Path) instead")
    from storyline.checks import max_inputs

    most = max_inputs()
    out: dict[str, None] = {}
    for n, item in enumerate(inputs, 1):
        item = text_path(item)
        if isinstance(item, bytes) or not isinstance(item, (str, os.PathLike)):
            raise OptionError(f"inputs: {item!r:.60} is not a path (a {type(item).__name__})")
        if n > most:
            raise OptionError(f"inputs: more than {most:,} paths given (an endless "
                              "iterator?); give their folders instead, or raise run.max_inputs")
        out[str(os.fspath(item))] = None
    return list(out)


def read_jsonl(path: str | bytes | Path, kind: str | None = None) -> Iterator[dict[str, Any]]:
    """The objects of a JSON Lines output file; a damaged one raises one ``ValueError``
    naming the file and the line. With ``kind`` (``events``, ``articles``: a schema of
    :mod:`storyline.schemas`), a line that is no JSON object or lacks a field the schema
    requires is refused the same way: it is no line a run wrote."""
    from storyline.ingest.validate import parse_json_line

    required = _required_fields(kind)
    file: str | Path = text_path(path)
    if Path(file).is_dir():  # (open() says only "[Errno 21] Is a directory")
        raise ValueError(f"{file} is a folder, not an output file of a run; run storyline "
                         "again to write it anew")
    with open(file, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                # (without its line break: a string cut at the line's end is "Unterminated
                # string", not "Invalid control character"); the parser of JSON Lines
                # input, so a line nested too deep or a number too long is one
                # ValueError like any damage, never a RecursionError
                obj = parse_json_line(raw.rstrip(b"\r\n").decode("utf-8"), long_ints=False)
            except ValueError as exc:
                why = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else str(exc)
                raise _damaged(file, n, f"not a JSON line ({why})") from None
            if kind is not None:
                _check_line(file, n, obj, kind, required)
            yield obj


def _required_fields(kind: str | None) -> tuple[str, ...]:
    """The fields every object of an output must give, by its shipped JSON Schema."""
    if kind is None:
        return ()
    from storyline.schemas import schema

    return tuple(schema(kind).get("required", ()))


def _check_line(path: str | Path, n: int, obj: Any, kind: str,
                required: tuple[str, ...]) -> None:
    """Refuse a line that is no object of ``kind`` (an array, one lacking required fields)."""
    if not isinstance(obj, dict):
        what = _JSON_TYPES.get(type(obj).__name__, "a value")
        raise _damaged(path, n, f"{what} in JSON, not an object of {kind}.jsonl")
    missing = [k for k in required if k not in obj]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise _damaged(path, n, f"not an object of {kind}.jsonl: it lacks {len(missing)} "
                       f"required field{'s' if len(missing) > 1 else ''} ({shown})")


def _damaged(path: str | Path, n: int, why: str) -> ValueError:
    return ValueError(f"{path}, line {n}: {why}; the file is damaged: run storyline again to "
                      "write it anew")


def read_events(out: str | bytes | Path) -> list[dict[str, Any]]:
    """The events a run wrote to ``out`` (``events.jsonl`` lines), each checked to be an
    event object (the fields the events schema requires)."""
    return list(read_jsonl(_output_file(out, "events.jsonl"), "events"))


def read_articles(out: str | bytes | Path) -> list[dict[str, Any]]:
    """The articles a run wrote to ``out`` (``articles.jsonl`` lines), each checked to be
    an article object (the fields the articles schema requires)."""
    return list(read_jsonl(_output_file(out, "articles.jsonl"), "articles"))


def _output_file(out: Any, name: str) -> Path:
    folder = _a_path("out", out)
    if not folder.is_dir():
        raise OptionError(f"out {str(folder)[:200]!r} is not an output folder of a run")
    return folder / name


def read_records(lines: Iterable[str], warn: Any = None) -> Iterator[Record]:
    """Records of ``storyline code`` input: JSON Lines (``text``, optional ``id``, ``date`` |
    ``published``) when the first non-blank line is a JSON object, else one text a line
    (where a line among the texts is a JSON object with a text, it is read as a record).

    Plain text: every line is a record, a blank one (spaces, a no-break space, a line
    of NUL bytes) too: it codes to no events, so the output has one line per input
    line; its id is its line number. JSON Lines: a blank line is no record. A JSON
    record without an id (absent, null or blank) gets its line number, as the contract
    says; where a record before it gave that very id (``{"id": 7}``), a warning through
    ``warn`` says so. A malformed JSON line gives a record with no text and a warning.
    """
    from storyline.ingest.readers import without_bom

    mode: str | None = None
    held: list[tuple[int, str]] = []  # blank lines before the first text: mode unknown
    seen: set[str] = set()
    for n, raw in enumerate(lines, 1):
        line = without_bom(raw.rstrip("\r\n"))  # (files joined with cat, as run reads them)
        blank = not line.strip() or "\x00" in line
        if mode is None:
            if blank:
                held.append((n, "" if "\x00" in line else line))
                continue
            mode = "jsonl" if line.lstrip().startswith("{") and _json_object(line) else "text"
            if mode == "text":
                yield from (Record(text, str(k), None) for k, text in held)
            held = []
        if blank:
            if mode == "text":
                yield Record("" if "\x00" in line else line, str(n), None)
            elif "\x00" in line:  # a broken record, warned about as it was read
                yield Record("", _line_id(n, seen, warn), None)
            continue
        yield _one_record(line, n, mode, seen, warn)
    yield from (Record(text, str(k), None) for k, text in held)  # only blank lines


def _one_record(line: str, n: int, mode: str, seen: set[str], warn: Any) -> Record:
    from storyline.ingest.validate import clean_date, printable

    obj, why = _json_line(line) if line.lstrip().startswith("{") else (None, None)
    if mode == "text" and not (obj is not None and isinstance(obj.get("text"), str)):
        # (a JSON record among text lines is still read as one: its own date counts)
        return Record(line, str(n), None)
    if obj is None or not isinstance(obj.get("text"), str):
        if warn is not None:
            warn(f"warning: line {n}: {why or 'not a JSON object with a text field'}; "
                 "no events")
        return Record("", _line_id(n, seen, warn), None)
    key = next((k for k in ("date", "published") if obj.get(k) not in (None, "")), "date")
    # the same check as every reader's dates: a value that is no real date is absent
    day, note = clean_date(obj.get(key), key)
    if note and warn is not None:
        warn(printable(f"warning: line {n}: {note}"))
    rid, note = id_text(obj.get("id"))
    if note and warn is not None:
        warn(f"warning: line {n}: {note}")
    if rid is None or not rid.strip():
        rid = _line_id(n, seen, warn)
    seen.add(rid)
    return Record(obj["text"], rid, day)


def _line_id(n: int, seen: set[str], warn: Any) -> str:
    """The id of the JSON record on line ``n`` that gives none: its line number (the
    contract), with a warning where a record before it gave that very id."""
    rid = str(n)
    if rid in seen and warn is not None:
        warn(f"warning: line {n}: no id, and its line number {n} is the id a record "
             "before it gave: two records share it")
    seen.add(rid)
    return rid


def _json_object(line: str) -> dict[str, Any] | None:
    return _json_line(line)[0]


def _json_line(line: str) -> tuple[dict[str, Any] | None, str | None]:
    """The object of a JSON line, read as ``run`` reads JSON Lines (nesting limit, long
    integers kept as digits), or None and why it is malformed (None if it is JSON but
    no object)."""
    from storyline.ingest.validate import parse_json_line

    try:
        obj = parse_json_line(line.lstrip("\ufeff"))
    except ValueError as exc:
        return None, f"malformed JSON line: {exc}"
    return (obj, None) if isinstance(obj, dict) else (None, None)
