"""Title and publication date on HTML news pages, against a small hand-made gold.

``benchmarks/gold/html_metadata.json`` holds, for ~40 English article pages of
``shared/dev/html``, the headline as shown (no site-name suffix) and the publication
date as displayed on the page (short facts only; the pages are read at run time).

Systems, side by side in one run:

* ``trafilatura``: ``trafilatura.extract_metadata(html, default_url=url)`` title / date;
* ``htmldate``: ``find_date(html, url=url, original_date=True)`` (date only);
* ``ours: extract_html``: the HTML stage alone (title, date);
* ``ours: make_article``: the full per-document stage, ``Article.title`` and
  ``Article.published.date``.

Scores: title exact match after normalisation (whitespace, curly quotes and dashes,
case); suffix-free rate (share of pages whose title does not carry a trailing
``| Site``/``- Site`` segment beyond the gold headline); date exact match (a missing
date counts as wrong; pages with a null gold date are not scored for dates).

Prints a table and writes ``benchmarks/results/metadata.json``. Skips (exit 0) when
the shared data is absent. Usage::

    PYTHONPATH=src python benchmarks/metadata.py [--errors]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from typing import Any

from _htmlbench import ROOT, load_pages, require_shared, write_json

GOLD = ROOT / "benchmarks" / "gold" / "html_metadata.json"

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                         "\u00a0": " ", "\u200b": ""})
_SEP = re.compile(r"^\s*(?:[|•·»:\-–—/]|::)\s*\S")


def tnorm(s: str | None) -> str:
    if not s:
        return ""
    return re.sub(r"\s+", " ", s.translate(_QUOTES)).strip().casefold()


def has_suffix(title: str | None, gold: str) -> bool:
    """The title is the gold headline plus a separator and more (a site-name or section)."""
    t, g = tnorm(title), tnorm(gold)
    if not t or t == g:
        return False
    if t.startswith(g) and _SEP.match(t[len(g):]):
        return True
    # a kicker/site before the headline ("Local News | Headline") counts as well
    return t.endswith(g) and bool(re.search(r"[|•·»:\-–—/]\s*$", t[: -len(g)]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", action="store_true", help="print every wrong value")
    args = ap.parse_args()
    sd = require_shared("metadata")

    import trafilatura
    from htmldate import find_date

    from storyline.clean.article import make_article
    from storyline.clean.html import extract_html
    from storyline.model import Article, RawDocument

    gold: dict[str, Any] = json.loads(GOLD.read_text("utf-8"))["pages"]
    pages = [p for p in load_pages(sd) if p.name in gold]

    def traf(p: Any) -> tuple[str | None, str | None]:
        m = trafilatura.extract_metadata(p.html, default_url=p.url)
        return (m.title, m.date) if m is not None else (None, None)

    def hdate(p: Any) -> tuple[str | None, str | None]:
        return None, find_date(p.html, url=p.url, original_date=True)

    def ours_html(p: Any) -> tuple[str | None, str | None]:
        ex = extract_html(p.html, p.url)
        return ex.title, ex.date

    def ours(p: Any) -> tuple[str | None, str | None]:
        a = make_article(RawDocument(p.name, kind="html", content=p.html, url=p.url))
        if not isinstance(a, Article):
            return None, None
        return a.title, a.published.date

    systems: dict[str, Callable[[Any], tuple[str | None, str | None]]] = {
        "trafilatura.extract_metadata": traf,
        "htmldate find_date(original)": hdate,
        "ours: extract_html": ours_html,
        "ours: make_article": ours,
    }
    rows: dict[str, dict[str, Any]] = {}
    per_page: dict[str, dict[str, Any]] = {p.name: {} for p in pages}
    for name, fn in systems.items():
        t_ok = t_any = t_clean = d_ok = d_any = d_n = 0
        wrong: list[str] = []
        for p in pages:
            g = gold[p.name]
            try:
                title, date = fn(p)
            except Exception as e:
                print(f"  {name} crashed on {p.name}: {e!r}")
                title, date = None, None
            date = date[:10] if date else None
            per_page[p.name][name] = {"title": title, "date": date}
            if name != "htmldate find_date(original)":
                t_any += bool(title)
                ok = tnorm(title) == tnorm(g["title"])
                t_ok += ok
                t_clean += bool(title) and not has_suffix(title, g["title"])
                if not ok:
                    wrong.append(f"  title {p.name}: {title!r}  (gold {g['title']!r})")
            if g.get("date"):
                d_n += 1
                d_any += bool(date)
                d_ok += date == g["date"]
                if date != g["date"]:
                    wrong.append(f"  date  {p.name}: {date}  (gold {g['date']})")
        n = len(pages)
        is_title = name != "htmldate find_date(original)"
        rows[name] = {
            "title_exact": round(t_ok / n, 3) if is_title else None,
            "title_found": round(t_any / n, 3) if is_title else None,
            "title_suffix_free": round(t_clean / t_any, 3) if is_title and t_any else None,
            "date_exact": round(d_ok / d_n, 3) if d_n else None,
            "date_found": round(d_any / d_n, 3) if d_n else None,
            "pages": n, "dated_pages": d_n,
        }
        if args.errors:
            print(f"\n== {name}")
            print("\n".join(wrong) or "  (none)")

    def f(v: float | None) -> str:
        return "   -  " if v is None else f"{v:6.3f}"

    print(f"\nTitle and date on {len(pages)} gold pages (dev/html, hand-made gold)")
    head = f"{'system':<30} {'title=':>6} {'found':>6} {'nosuf':>6} {'date=':>6} {'found':>6}"
    print(head)
    print("-" * len(head))
    for name, r in rows.items():
        print(f"{name:<30} {f(r['title_exact'])} {f(r['title_found'])} {f(r['title_suffix_free'])} "
              f"{f(r['date_exact'])} {f(r['date_found'])}")
    out = write_json("metadata", {
        "data": "shared/dev/html, gold in benchmarks/gold/html_metadata.json",
        "pages": len(pages),
        "scoring": "title exact after whitespace/quote/dash/case normalisation; suffix-free = "
                   "no '| Site' segment beyond the gold headline, among pages with a title; "
                   "date exact on YYYY-MM-DD, missing = wrong",
        "systems": rows,
        "per_page": per_page,
    })
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
