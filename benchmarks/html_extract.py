"""Main-text extraction from HTML on ``shared/dev/html`` (250 pages, trafilatura's eval set).

Three systems in the same run, scored with trafilatura's snippet metrics (see
``_htmlbench``):

* ``trafilatura``: ``trafilatura.extract(html, url=..., include_comments=False)``, defaults;
* ``extract_html``: our :func:`storyline.clean.html.extract_html` body (trafilatura
  + our post-cleaning);
* ``make_article``: the full per-document stage, ``Article.text`` (a Rejected page,
  e.g. under 40 words, has no output).

The pages are split as in ``text_clean.py`` (a fixed third held out by a hash of the
file name; ``--errors`` shows tuning pages only). Prints tables and writes
``benchmarks/results/html_extract.json``. Skips (exit 0)
when the shared data is absent. Usage::

    PYTHONPATH=src python benchmarks/html_extract.py [--errors N] [--limit N]
"""

from __future__ import annotations

import argparse
import time

from _htmlbench import Score, load_pages, print_table, require_shared, write_json
from text_clean import held_out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0, help="print N misses/leaks per system")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    sd = require_shared("html_extract")

    import trafilatura

    from storyline.clean.article import make_article
    from storyline.clean.html import extract_html
    from storyline.model import Article, RawDocument

    pages = load_pages(sd, args.limit)

    def run_traf(p):  # type: ignore[no-untyped-def]
        return trafilatura.extract(p.html, url=p.url, include_comments=False)

    def run_ours(p):  # type: ignore[no-untyped-def]
        return extract_html(p.html, p.url).body

    def run_article(p):  # type: ignore[no-untyped-def]
        a = make_article(RawDocument(p.name, kind="html", content=p.html, url=p.url))
        return a.text if isinstance(a, Article) else None

    systems = {"trafilatura (defaults)": run_traf, "ours: extract_html().body": run_ours,
               "ours: make_article().text": run_article}
    parts = {"all": pages, "tune": [p for p in pages if not held_out(p.name)],
             "held_out": [p for p in pages if held_out(p.name)]}
    scores = {part: {k: Score() for k in systems} for part in parts}
    for p in pages:
        part = "held_out" if held_out(p.name) else "tune"
        for name, fn in systems.items():
            t0 = time.perf_counter()
            try:
                out = fn(p)
            except Exception as e:  # a crash is a finding, not a stop
                print(f"  {name} crashed on {p.name if part == 'tune' else '(held out)'}: "
                      f"{type(e).__name__}")
                out = None
            took = time.perf_counter() - t0
            for sc in (scores["all"][name], scores[part][name]):
                sc.seconds += took
                sc.add(p, out)

    for part, ps in parts.items():
        print_table(f"Main text extraction, dev/html snippets, {part}", scores[part], len(ps))
    if args.errors:  # tuning pages only: the held-out third's errors are never shown
        for name, sc in scores["tune"].items():
            print(f"\n== {name}: misses (tune pages)")
            for page, s in sc.misses[: args.errors]:
                print(f"  {page}: {s[:80]!r}")
            print(f"== {name}: leaks (tune pages)")
            for page, s in sc.leaks[: args.errors]:
                print(f"  {page}: {s[:80]!r}")
    if args.limit is None:
        out = write_json("html_extract", {
            "data": "shared/dev/html (snippets.json)", "pages": len(pages),
            "held_out": "sha256(file name) % 3 == 0 (as benchmarks/text_clean.py)",
            "scoring": "trafilatura evaluation: tp=with found, fn=with missing, fp=without "
                       "present, tn=without absent; whitespace-normalised substring match; "
                       "no output = all fn/tn",
            "systems": {k: v.metrics() for k, v in scores["all"].items()},
            "parts": {part: {"pages": len(ps),
                             "systems": {k: v.metrics() for k, v in scores[part].items()}}
                      for part, ps in parts.items() if part != "all"},
        })
        print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
