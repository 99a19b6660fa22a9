"""The command line: ``storyline run``, ``code`` and ``times`` (thin: parsing and printing over\n:mod:`storyline.api`)."""

from __future__ import annotations

import argparse
import errno
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from storyline import __version__


def _whole(text: str) -> int:
    """A whole-number option in ASCII digits (``int`` also takes "١", an Arabic-Indic
    one, and "1_000"): anything else is argparse's one-line error."""
    if not re.fullmatch(r"\s*[+-]?[0-9]{1,30}\s*", text):
        raise argparse.ArgumentTypeError(f"not a whole number in digits 0-9: {text[:40]!r}")
    return int(text)


def _decimal(text: str) -> float:
    """A number option in ASCII (``float`` also takes other scripts' digits, and "1_0"
    for 10)."""
    if not text.isascii() or "_" in text:
        raise argparse.ArgumentTypeError(f"not a number in digits 0-9: {text[:40]!r}")
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text[:40]!r}") from None


def _path(text: str) -> Path:
    """A path option: an empty one (an unset shell variable, ``--out "$DIR"``) is refused,
    as the API refuses it; ``Path("")`` is the current folder, whose files the run would
    overwrite."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"an empty path ({text!r}) was given: name a folder "
                                         "or file (use \".\" for the current folder)")
    return Path(text)


# options whose value argparse checks with _whole or _decimal
_NUMERIC = ("--workers", "--timeline-dates", "--timeline-sentences", "--min-confidence")


class _Parser(argparse.ArgumentParser):
    """argparse, with a numeric option's bad spelling as one line and exit 2, as its range
    is (argparse printed its usage block of 7 lines first)."""

    def error(self, message: str) -> NoReturn:
        if message.startswith(tuple(f"argument {flag}:" for flag in _NUMERIC)):
            self.exit(2, f"error: {message}\n")
        super().error(message)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="storyline",
        description="Turn news coverage of an evolving story into sourced, structured knowledge.",
    )
    p.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="analyse articles and write the outputs")
    r.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (recursively)")
    r.add_argument("--out", required=True, type=_path, metavar="DIR", help="output folder")
    r.add_argument("--db", type=_path, metavar="FILE", help="database (default DIR/storyline.duckdb)")
    r.add_argument("--one-story", action="store_true", help="treat the whole input as one story")
    r.add_argument("--prune-missing", action="store_true",
                   help="drop from the store the articles of input files no longer present "
                        "(deleted from an input folder since an earlier run)")
    r.add_argument("--timeline-dates", type=_whole, metavar="N", help="at most N timeline dates")
    r.add_argument("--timeline-sentences", type=_whole, metavar="K",
                   help="at most K sentences a date")
    r.add_argument("--timeline-from", metavar="DATE", help="keep timeline entries from DATE")
    r.add_argument("--timeline-to", metavar="DATE", help="keep timeline entries up to DATE")
    r.add_argument("--workers", type=_whole, default=1, metavar="N", help="parallel workers")
    r.add_argument("--engine", choices=("local", "ray"), default="local")
    r.add_argument("--min-confidence", type=_decimal, metavar="X",
                   help="write events of confidence X or more (default: chosen for precision)")
    r.add_argument("--config", type=_path, metavar="FILE",
                   help="TOML file overriding tunable settings (see storyline/data/config.toml)")
    r.add_argument("--quiet", action="store_true", help="no progress bar or summary table")

    c = sub.add_parser("code", help="code the events of sentences or short texts (JSON Lines out)")
    c.add_argument("file", metavar="FILE|-", help="text (one record a line) or JSON Lines; - for stdin")
    c.add_argument("--dct", metavar="YYYY-MM-DD", help="date of records that give none")

    t = sub.add_parser("times", help="print the time expressions of a text file as JSON Lines")
    t.add_argument("file", metavar="FILE", help="a text file, or - for standard input")
    t.add_argument("--dct", required=True, metavar="YYYY-MM-DD", help="document creation time")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    problem = _bad_dates(args) or _working_folder_gone(args) or _bad_env_config(args)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    previous = _terminate_as_interrupt()
    if args.command in ("times", "code"):
        try:
            return _print_command(args)
        except KeyboardInterrupt:
            return _print_interrupted()
        finally:
            _restore_sigterm(previous)

    _closed_streams_to_devnull()  # (``code`` and ``times`` say a closed stream is closed)
    try:
        return _run(args)
    except KeyboardInterrupt:
        return _stopped()
    except RuntimeError as exc:
        # Ctrl-C during a store query reaches us as DuckDB's "Query interrupted"
        if "interrupted" not in str(exc).lower():
            raise
        return _stopped()
    finally:
        _restore_sigterm(previous)


def _restore_sigterm(previous: Any) -> None:
    if previous is not None:
        import signal

        signal.signal(signal.SIGTERM, previous)


def _print_interrupted() -> int:
    """Ctrl-C on ``code`` or ``times``: one line and exit 130, as ``run`` says it, never a
    traceback; SIGTERM: ``storyline: terminated`` and exit 143. The thread reading standard input for ``code -`` may still be waiting in
    a read that holds the stream's lock: Python would then abort at shutdown ("could not
    acquire lock for <stdin>"), so the process ends at once, its output flushed."""
    import contextlib
    import os
    import threading

    how, code = ("terminated", 143) if _SIGTERM_SEEN else ("interrupted", 130)
    print(f"storyline: {how}", file=sys.stderr)
    reading = any(t.name == _READER and t.is_alive() for t in threading.enumerate())
    if reading and sys.stdin is not None and sys.stdin is sys.__stdin__ \
            and threading.current_thread() is threading.main_thread():
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                stream.flush()
        os._exit(code)
    return code


_READER = "storyline-code-reader"  # api.ready_batches' thread


def _interrupted(how: str = "interrupted", code: int = 130) -> int:
    print(f"storyline: {how}; what was stored is kept: run the same command again "
          "to go on", file=sys.stderr)
    return code


class _Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a service manager, a CI timeout) stops a run as Ctrl-C does:
    the worker pool is closed, one line is printed, and the rerun goes on."""


_SIGTERM_SEEN: list[bool] = []  # SIGTERM came (whatever exception it surfaced as)


def _stopped() -> int:
    """The one line and the exit status of a run stopped by Ctrl-C (130) or SIGTERM (143):
    a SIGTERM may surface as Ctrl-C's exception (a pool shutting down) or as DuckDB's
    "Query interrupted", so the signal itself is what tells them apart."""
    if _SIGTERM_SEEN:
        return _interrupted("terminated", 143)
    return _interrupted()


def _terminate_as_interrupt() -> Any:
    """Catch SIGTERM as :class:`_Terminated` for this run; the handler it replaces."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None  # signals are only caught in the main thread

    _SIGTERM_SEEN.clear()

    def stop(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends it at once
        _SIGTERM_SEEN.append(True)
        raise _Terminated

    return signal.signal(signal.SIGTERM, stop)


def _run(args: argparse.Namespace) -> int:
    import os

    problem = _bad_number(args)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if args.config is not None:
        from storyline.config import ConfigError, check_config

        try:
            unknown = check_config(args.config)
        except ConfigError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if unknown:
            print(f"warning: the config file {args.config} has unknown settings (ignored): "
                  + ", ".join(unknown), file=sys.stderr)
        from storyline.config import settings

        # --config wins over the environment: read when the stages load
        os.environ["STORYLINE_CONFIG"] = str(args.config)
        settings.cache_clear()
    from storyline.pipeline import Options, OutputError, run
    from storyline.summary import print_summary

    options = Options(
        workers=_workers(args.workers, args.engine), engine=args.engine,
        one_story=args.one_story, prune_missing=args.prune_missing,
        timeline_dates=args.timeline_dates, timeline_sentences=args.timeline_sentences,
        timeline_from=args.timeline_from, timeline_to=args.timeline_to,
        progress=not args.quiet and sys.stderr.isatty(), min_confidence=args.min_confidence,
    )
    import duckdb

    from storyline.checks import OptionError
    from storyline.engine import WorkerDied
    from storyline.store.db import StoreError, StoreLocked

    again = "what was stored is kept; run the same command again once there is"
    try:
        summary = run(args.inputs, args.out, args.db, options)
    except (StoreLocked, StoreError, OutputError, OptionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. the disk or the output folder failing mid-run
        where = f" {exc.filename}" if exc.filename else ""
        if exc.errno in _FULL:
            print(f"error: cannot write{where}: {exc.strerror or exc}; {again} room",
                  file=sys.stderr)
        else:  # not a full disk: no advice to wait for room
            print(f"error:{where or ' a file'}: {exc.strerror or exc}; what was stored is "
                  "kept", file=sys.stderr)
        return 1
    except WorkerDied as exc:
        print(f"error: {exc}; what was stored is kept: run the same command again to go on "
              "(with fewer --workers if memory is short)", file=sys.stderr)
        return 1
    except (MemoryError, duckdb.OutOfMemoryException):
        print(f"error: out of memory; {again} more (or with fewer --workers)", file=sys.stderr)
        return 1
    except duckdb.Error as exc:  # the store's own writes failing (a full disk)
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if not isinstance(exc, duckdb.IOException) and not _WRITE_FAILED.search(first):
            raise
        print(f"error: cannot write the database: {first[:300]}; {again} room",
              file=sys.stderr)
        return 1
    if not args.quiet:
        try:
            print_summary(summary)
            sys.stdout.flush()
        except BrokenPipeError:
            # the reader has gone (``run … | head -1``): the run is complete, its outputs
            # written, so it ends as a shell tool does, with no message and status 0
            _stdout_gone()
        except OSError as exc:  # standard output on a full device (``> /dev/full``)
            _stdout_gone()
            print(f"warning: the run is complete (its outputs are in {args.out}), but its "
                  f"summary could not be printed: {exc.strerror or exc}", file=sys.stderr)
    return 0


def _closed_streams_to_devnull() -> None:
    """A run started with standard output or error closed (``>&-``, some daemons) writes
    what it would print nowhere, rather than failing on the missing stream: its outputs
    are files, and its summary and warnings are also in the store's counts."""
    import os

    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _stdout_gone() -> None:
    """Point standard output at the null device, so that Python's last flush of what
    could not be written fails in silence instead of with a traceback."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


# DuckDB reports a commit that could not be written (a full disk under the store's log) as
# a TransactionException, not an IOException
_WRITE_FAILED = re.compile(r"Could not write|No space left|Disk full|disk is full", re.I)


def _working_folder_gone(args: argparse.Namespace) -> str | None:
    """Why the command cannot run from a current folder that was deleted (its relative
    paths name nothing), else None. With absolute paths only, the command runs from the
    root folder instead (spaCy and others ask for the current folder when loaded)."""
    import os

    try:
        os.getcwd()
        return None
    except OSError:
        pass
    given = [*getattr(args, "inputs", []),
             *(getattr(args, name, None) for name in ("out", "db", "config", "file"))]
    relative = [str(p) for p in given if p is not None and str(p) != "-"
                and not os.path.isabs(str(p))]
    if relative:
        return (f"the current directory no longer exists, so {relative[0]!r} names nothing: "
                "change to a folder that exists, or give absolute paths")
    os.chdir(os.sep)
    return None


def _bad_env_config(args: argparse.Namespace) -> str | None:
    """A bad file named by ``STORYLINE_CONFIG`` as one line (unless ``--config`` names the
    file to use); its unknown settings are one warning."""
    import os

    if getattr(args, "config", None) is not None:
        return None
    from storyline.config import ENV, ConfigError, check_env_config

    try:
        unknown = check_env_config()
    except ConfigError as exc:
        return str(exc)
    if unknown:
        print(f"warning: the config file {os.environ.get(ENV)} has unknown settings "
              "(ignored): " + ", ".join(unknown), file=sys.stderr)
    return None


def _bad_number(args: argparse.Namespace) -> str | None:
    """The first numeric option out of its range, as one line (None when all are fine)."""
    from storyline.checks import bad_count, bad_share, max_workers, most

    problems = [bad_count("--workers", args.workers, max_workers()),
                None if args.min_confidence is None else
                bad_share("--min-confidence", args.min_confidence),
                *(bad_count(flag, value, most("timeline", key)) for flag, key, value in (
                    ("--timeline-dates", "dates", args.timeline_dates),
                    ("--timeline-sentences", "sentences", args.timeline_sentences))
                  if value is not None)]
    return next((p for p in problems if p), None)


def _workers(asked: int, engine: str) -> int:
    """Local workers beyond the CPUs only slow a run: clamped, with a warning."""
    import os

    cpus = os.cpu_count() or 1
    if engine == "local" and asked > cpus:
        print(f"warning: --workers {asked} is more than the {cpus} CPUs; using {cpus}",
              file=sys.stderr)
        return cpus
    return asked


class _CodeWarnings:
    """The warnings of ``storyline code``: the first few printed, the others counted and
    said in one line at the end (as ``run`` bounds each file's warnings)."""

    def __init__(self, name: str) -> None:
        from storyline.ingest.validate import MAX_WARNINGS_PER_FILE

        self.name = name
        self.limit = MAX_WARNINGS_PER_FILE
        self.count = 0

    def __call__(self, msg: str) -> None:
        from storyline.ingest.validate import printable

        self.count += 1
        if msg.startswith(("warning: line ", "warning: record ")):  # the input named,
            # as ``run``'s warnings do
            msg = f"warning: {self.name}: {msg.removeprefix('warning: ')}"
        if self.count <= self.limit:
            print(printable(msg), file=sys.stderr)

    def end(self) -> None:
        held = self.count - self.limit
        if held > 0:
            from storyline.ingest.validate import more

            print(f"warning: {self.name}: {more(held, 'warning')} like the above not shown "
                  f"({self.count:,} in all)", file=sys.stderr)


_FULL = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO})


class _StdoutFailed(OSError):
    """Writing a coded record to standard output failed (a full device): told apart
    from a failure to read the input, which is reported as such."""


def _print_command(args: argparse.Namespace) -> int:
    """``times`` and ``code``: what they print goes to standard output, which may be a
    pipe its reader closes (``storyline code - | head -n 1``) or closed from the start."""
    closed = [n for n, f in (("input", sys.stdin), ("output", sys.stdout))
              if f is None and (n == "output" or args.file == "-")]
    if closed:
        if sys.stderr is not None:
            print(f"error: standard {closed[0]} is closed", file=sys.stderr)
        return 2
    try:
        if args.command == "times":
            from storyline.annotate.times import times_command

            rc = times_command(args.file, args.dct)
        else:
            rc = _code(args.file, args.dct)
        sys.stdout.flush()  # what is left to write fails here, not at exit
        return rc
    except BrokenPipeError:
        # the reader has gone: stop quietly, as a shell tool does (and let Python's
        # final flush of stdout fail silently too)
        _stdout_gone()
        return 0
    except OSError as exc:
        if exc.errno not in _FULL and not isinstance(exc, _StdoutFailed):
            raise
        _stdout_gone()  # standard output on a full device (``> /dev/full``)
        print(f"error: cannot write to standard output: {exc.strerror or exc}",
              file=sys.stderr)
        return 1


def _code(file: str, dct: str | None) -> int:
    from storyline.ingest.validate import printable

    name = "standard input" if file == "-" else file
    warn = _CodeWarnings(name)
    if file == "-":
        raw = getattr(sys.stdin, "buffer", None)
        if raw is None:  # a text stream given in place of stdin (an embedding program)
            return _code_stream(sys.stdin, dct, warn)
        return _code_bytes(raw, name, dct, warn)
    try:
        fh = open(file, "rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        print(printable(f"error: cannot read {file}: {exc.strerror}"), file=sys.stderr)
        return 2
    with fh:
        try:
            return _code_bytes(fh, name, dct, warn)
        except (_StdoutFailed, BrokenPipeError):  # standard output's fault, not the input's
            raise
        except OSError as exc:  # a folder, a device failing mid-read
            print(printable(f"error: cannot read {file}: {exc.strerror or exc}"),
                  file=sys.stderr)
            return 2


def _code_bytes(raw: Any, name: str, dct: str | None, warn: _CodeWarnings) -> int:
    """Code a byte stream: refused with one warning when its first bytes are binary
    (nothing coded, exit 0 as ``run`` and ``times`` skip a binary file); UTF-16/32 text
    (a byte order mark, or the NULs of UTF-16/32) decoded as such, and said, from a file
    or standard input alike; else line by line as UTF-8, a line with NUL bytes skipped
    and one with bytes that are no UTF-8 decoded as ``run`` decodes it
    (:func:`_legacy_line`), each with one warning (:class:`_CodeWarnings`)."""
    import io

    from storyline.ingest.readers import looks_binary, stream_encoding
    from storyline.ingest.validate import printable

    head = raw.peek(8192)[:8192] if hasattr(raw, "peek") else b""
    # (a UTF-16 mark before ASCII with no NUL bytes after it is stray bytes, not UTF-16)
    if looks_binary(head, stray_nul=True) or b"\x00\x00" in head[:4096]:
        wide = stream_encoding(head)  # as ``run`` reads a JSON Lines file, and said
        if wide is None:
            print(printable(f"warning: skipped {name}: binary file, not text; nothing coded"),
                  file=sys.stderr)
            return 0
        warn(f"warning: {name}: {wide[1]}")
        text = io.TextIOWrapper(raw, encoding=wide[0], errors="replace")
        return _code_stream(text, dct, warn)  # (byte order marks: :func:`read_records`)
    return _code_stream(_utf8_lines(raw, warn), dct, warn)


def _utf8_lines(raw: Any, warn: _CodeWarnings) -> Any:
    """The lines of a byte stream as text, one by one as they come; a line holding NUL
    bytes is one NUL (a record with no text), one with invalid UTF-8 is decoded as
    ``run`` decodes it (CP1252, ...); each said once."""
    for n, line in enumerate(raw, 1):
        if b"\x00" in line:
            warn(f"warning: line {n}: NUL bytes, not text; no events")
            yield "\x00\n"
            continue
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            yield _legacy_line(line, n, warn)


def _legacy_line(line: bytes, n: int, warn: _CodeWarnings) -> str:
    """A line that is not UTF-8, decoded as ``run`` decodes a JSON Lines line
    (:func:`~storyline.ingest.readers.decode_with_note`: CP1252 when its bytes read as
    Western European letters, ...), with the note said; bytes it cannot tell are
    replaced by U+FFFD."""
    from storyline.ingest.readers import bom_encoding, decode_with_note

    bom = bom_encoding(line)
    # the stream's start was looked at for UTF-16/32 already (:func:`_code_bytes`): a
    # line of it that begins with such a mark (0xFF 0xFE) is stray bytes, not UTF-16
    text, note = decode_with_note(line) if bom is None or bom[0] == "utf-8" else (None, None)
    if text is None:
        warn(f"warning: line {n}: bytes that are not UTF-8 replaced by U+FFFD")
        return line.decode("utf-8", errors="replace")
    if note:
        warn(f"warning: line {n}: {note}")
    return text


def _code_stream(fh: Any, dct: str | None, warn: Any) -> int:
    """Code the records of ``fh`` and print each one as soon as it is coded; what the
    library warns about a record (a text cut, a run of symbols split) goes to stderr."""
    import logging

    from storyline.api import code_records, read_records

    class _Warn(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warn(f"warning: {record.getMessage()}")

    handler = _Warn(logging.WARNING)
    lib = logging.getLogger("storyline")
    lib.addHandler(handler)
    try:
        for coded in code_records(read_records(fh, warn), dct=dct):
            try:
                sys.stdout.write(_json_line(coded.to_json()))
                sys.stdout.flush()
            except BrokenPipeError:
                raise
            except OSError as exc:  # not a read error of the input: let the caller say so
                raise _StdoutFailed(exc.errno, exc.strerror) from exc
    finally:
        lib.removeHandler(handler)
        if isinstance(warn, _CodeWarnings):
            warn.end()
    return 0


def _json_line(obj: Any) -> str:
    """One output line of ``storyline code``: JSON with its letters as they are, or with
    ``\\u`` escapes where standard output cannot encode them (a cp1252 or ASCII console
    and an Arabic text): the same JSON either way, never an encoding error."""
    import json

    line = json.dumps(obj, ensure_ascii=False) + "\n"
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        line.encode(encoding)
    except (UnicodeError, LookupError):
        return json.dumps(obj) + "\n"
    return line


def _bad_dates(args: argparse.Namespace) -> str | None:
    """The first date option that is not a day in range, or a range that is empty."""
    from storyline.checks import bad_day, bad_range

    flags = [("--dct", getattr(args, "dct", None)),
             ("--timeline-from", getattr(args, "timeline_from", None)),
             ("--timeline-to", getattr(args, "timeline_to", None))]
    for flag, value in flags:
        if value is not None:
            problem = bad_day(flag, value)
            if problem:
                return problem
    return bad_range("--timeline-from", flags[1][1], "--timeline-to", flags[2][1])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
