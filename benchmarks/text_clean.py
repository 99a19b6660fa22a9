"""Plain-text cleaning on whole-page text from ``shared/dev/html``.

Each page is turned into whole-page text with ``html_text.extract_text(html,
guess_layout=True)``, which simulates text saved from a browser (menus, footers,
related lists and all). Then, with trafilatura's snippet metrics (see ``_htmlbench``):

* ``clean_text``: our :func:`storyline.clean.text.clean_text` body;
* ``simple_rule``: the baseline, lines of 5+ words ending in punctuation;
* ``whole page``: the uncleaned text (recall ceiling, precision floor);
* ``trafilatura on the HTML``: the aim — what an extractor that sees the markup gets.

Prints a table and writes ``benchmarks/results/text_clean.json``. Skips (exit 0)
when the shared data is absent. Usage::

    PYTHONPATH=src python benchmarks/text_clean.py [--errors N] [--limit N]
"""

from __future__ import annotations

import argparse
import time

from _htmlbench import Score, load_pages, print_table, require_shared, write_json


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0, help="print N misses/leaks per system")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    sd = require_shared("text_clean")

    import html_text
    import trafilatura

    from storyline.clean.text import clean_text, simple_rule

    pages = load_pages(sd, args.limit)
    scores = {k: Score() for k in ("ours: clean_text().body", "baseline: simple_rule",
                                   "whole page text (no cleaning)",
                                   "aim: trafilatura on the HTML")}
    for p in pages:
        try:
            page_text = html_text.extract_text(p.html, guess_layout=True)
        except Exception:
            page_text = ""
        runs = {
            "ours: clean_text().body": lambda t=page_text: clean_text(t).body,
            "baseline: simple_rule": lambda t=page_text: simple_rule(t),
            "whole page text (no cleaning)": lambda t=page_text: t,
            "aim: trafilatura on the HTML": lambda p=p: trafilatura.extract(
                p.html, url=p.url, include_comments=False),
        }
        for name, fn in runs.items():
            t0 = time.perf_counter()
            try:
                out = fn()
            except Exception as e:
                print(f"  {name} crashed on {p.name}: {e!r}")
                out = None
            scores[name].seconds += time.perf_counter() - t0
            scores[name].add(p, out)

    print_table("Cleaning whole-page text (html_text, guess_layout=True), dev/html snippets",
                scores, len(pages))
    if args.errors:
        for name in ("ours: clean_text().body", "baseline: simple_rule"):
            sc = scores[name]
            print(f"\n== {name}: misses")
            for page, s in sc.misses[: args.errors]:
                print(f"  {page}: {s[:80]!r}")
            print(f"== {name}: leaks")
            for page, s in sc.leaks[: args.errors]:
                print(f"  {page}: {s[:80]!r}")
    out = write_json("text_clean", {
        "data": "shared/dev/html pages as html_text.extract_text(guess_layout=True)",
        "pages": len(pages),
        "scoring": "trafilatura evaluation on snippets.json, whitespace-normalised",
        "systems": {k: v.metrics() for k, v in scores.items()},
    })
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
