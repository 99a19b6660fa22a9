"""The command line: ``storyline run`` and ``storyline times`` (thin: parsing and printing)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storyline import __version__


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="storyline",
        description="Turn news coverage of an evolving story into sourced, structured knowledge.",
    )
    p.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="analyse articles and write the outputs")
    r.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (recursively)")
    r.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    r.add_argument("--db", type=Path, metavar="FILE", help="database (default DIR/storyline.duckdb)")
    r.add_argument("--one-story", action="store_true", help="treat the whole input as one story")
    r.add_argument("--timeline-dates", type=int, metavar="N", help="at most N timeline dates")
    r.add_argument("--timeline-sentences", type=int, metavar="K", help="at most K sentences a date")
    r.add_argument("--timeline-from", metavar="DATE", help="keep timeline entries from DATE")
    r.add_argument("--timeline-to", metavar="DATE", help="keep timeline entries up to DATE")
    r.add_argument("--workers", type=int, default=1, metavar="N", help="parallel workers")
    r.add_argument("--engine", choices=("local", "ray"), default="local")
    r.add_argument("--quiet", action="store_true", help="no progress bar or summary table")

    t = sub.add_parser("times", help="print the time expressions of a text file as JSON Lines")
    t.add_argument("file", metavar="FILE")
    t.add_argument("--dct", required=True, metavar="YYYY-MM-DD", help="document creation time")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "times":
        from storyline.annotate.times import times_command

        return times_command(args.file, args.dct)

    from storyline.pipeline import Options, run
    from storyline.summary import print_summary

    options = Options(
        workers=max(1, args.workers), engine=args.engine, one_story=args.one_story,
        timeline_dates=args.timeline_dates, timeline_sentences=args.timeline_sentences,
        timeline_from=args.timeline_from, timeline_to=args.timeline_to,
        progress=not args.quiet and sys.stderr.isatty(),
    )
    from storyline.store.db import StoreError, StoreLocked

    try:
        summary = run(args.inputs, args.out, args.db, options)
    except (StoreLocked, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print_summary(summary)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
