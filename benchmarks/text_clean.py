"""Plain-text cleaning, measured on two kinds of real pages.

1. Whole-page text from ``shared/dev/html``: each page turned into the text a browser
   would save (``html_text.extract_text(html, guess_layout=True)``: menus, footers,
   related lists and all), scored with trafilatura's snippet metrics (see ``_htmlbench``):

   * ``clean_text``: our :func:`storyline.clean.text.clean_text` body (the learned line
     classifier, decoded as one run, with the rules for comment sections, wire headers
     and repeated lines);
   * ``rules only``: the same with ``rules_only=True`` (the hand rules' best run of prose);
   * ``line model alone``: the lines the classifier gives ``p >= 0.5``, no rule, no run;
   * ``make_article``: the whole per-document stage on that text (a page it rejects has
     no output; "dropped" counts them);
   * ``simple_rule``: the baseline, lines of 5+ words ending in punctuation;
   * ``whole page``: the uncleaned text (recall ceiling, precision floor);
   * ``trafilatura on the HTML``: what an extractor that sees the markup gets.

   The pages are split by a hash of their file name (fixed): a third is held out. Its
   errors are never printed (``--errors`` shows tuning pages only); tune figures and
   held-out figures are reported apart.

2. Hand-marked lines of Timeline17 pages (``benchmarks/gold/t17_lines.json``: line
   indices only, marked from the raw pages before looking at the cleaner's output). Each
   page is cleaned as the product cleans a JSON Lines input: with the lines that recur
   across the documents of its topic file (:func:`boilerplate_lines`). Line-level
   precision/recall/F1 of article lines, tune and held-out halves apart.

3. Reuters pages of Timeline17 (all of ``H1N1_reuters`` and ``bpoil_reuters``, through
   :func:`make_article`): how many keep the wire header, a comment line or the footer in
   the body, how many get their dateline from the header, how many carry a damage warning
   that quotes the footer.

Prints tables and writes ``benchmarks/results/text_clean.json``. Skips (exit 0) when the
shared data is absent. Usage::

    PYTHONPATH=src python benchmarks/text_clean.py [--errors N] [--limit N] [--part html|t17|reuters]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _htmlbench import ROOT, Score, load_pages, norm, print_table, require_shared, write_json

GOLD = ROOT / "benchmarks" / "gold" / "t17_lines.json"


def held_out(name: str) -> bool:
    """A fixed third of the pages, by a hash of the name: never tuned on."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16) % 3 == 0


def html_part(sd: Path, limit: int | None, errors: int) -> dict[str, Any]:
    import html_text
    import trafilatura

    from storyline.clean.article import make_article
    from storyline.clean.lines import probabilities
    from storyline.clean.text import clean_text, page_features, page_lines, simple_rule
    from storyline.model import Article, RawDocument

    def model_alone(text: str) -> str:
        page = page_lines(text)
        probs = probabilities(page_features(page))
        return "\n\n".join(t for t, p in zip(page.lines, probs, strict=True) if p >= 0.5)

    def article_text(name: str, text: str) -> str | None:
        a = make_article(RawDocument(name, kind="text", content=text))
        return a.text if isinstance(a, Article) else None

    systems: dict[str, Callable[[Any, str], str | None]] = {
        "ours: clean_text().body": lambda p, t: clean_text(t).body,
        "ours: rules only": lambda p, t: clean_text(t, rules_only=True).body,
        "ours: line model alone (p>=0.5)": lambda p, t: model_alone(t),
        "ours: make_article().text": lambda p, t: article_text(p.name, t),
        "baseline: simple_rule": lambda p, t: simple_rule(t),
        "whole page text (no cleaning)": lambda p, t: t,
        "trafilatura on the HTML": lambda p, t: trafilatura.extract(
            p.html, url=p.url, include_comments=False),
    }
    pages = load_pages(sd, limit)
    parts = {"tune": [p for p in pages if not held_out(p.name)],
             "held_out": [p for p in pages if held_out(p.name)]}
    result: dict[str, Any] = {}
    for part, ps in parts.items():
        scores = {k: Score() for k in systems}
        for p in ps:
            try:
                page_text = html_text.extract_text(p.html, guess_layout=True)
            except Exception:
                page_text = ""
            for name, fn in systems.items():
                t0 = time.perf_counter()
                try:
                    out = fn(p, page_text)
                except Exception as e:  # a crash is a finding, not a stop
                    print(f"  {name} crashed on {p.name if part == 'tune' else '(held out)'}: "
                          f"{type(e).__name__}")
                    out = None
                scores[name].seconds += time.perf_counter() - t0
                scores[name].add(p, out)
        print_table(f"Whole-page text (html_text), dev/html, {part}", scores, len(ps))
        print(f"  pages dropped by make_article: "
              f"{scores['ours: make_article().text'].none} of {len(ps)}")
        if errors and part == "tune":
            for name in ("ours: clean_text().body", "baseline: simple_rule"):
                sc = scores[name]
                print(f"\n== {name}: misses (tune pages)")
                for page, s in sc.misses[:errors]:
                    print(f"  {page}: {s[:80]!r}")
                print(f"== {name}: leaks (tune pages)")
                for page, s in sc.leaks[:errors]:
                    print(f"  {page}: {s[:80]!r}")
        result[part] = {"pages": len(ps), "systems": {k: v.metrics() for k, v in scores.items()}}
    return result


def _line_kept(line: str, body: str) -> bool:
    """A marked line is kept when its end (its whole text, or its last 60 characters for a
    line that also carried a header) is in the cleaned body."""
    n = norm(line)
    return (n[-60:] if len(n) > 60 else n) in body


def t17_part(sd: Path, errors: int) -> dict[str, Any]:
    from storyline.clean.text import boilerplate_lines, clean_text, simple_rule

    gold = json.loads(GOLD.read_text("utf-8"))["pages"]
    by_topic: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        by_topic.setdefault(g["topic"], []).append(g)
    systems = ("ours: clean_text (with input repetition)", "ours: clean_text (page alone)",
               "baseline: simple_rule")
    counts = {part: {s: [0, 0, 0] for s in systems} for part in ("tune", "held_out")}  # tp fp fn
    pages_in = {"tune": 0, "held_out": 0}
    for topic, gs in sorted(by_topic.items()):
        path = sd / "dev" / "t17" / topic / "articles.jsonl"
        if not path.is_file():
            continue
        docs = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
        furniture = boilerplate_lines(d["text"] for d in docs)
        for g in gs:
            text = docs[g["index"]]["text"]
            if hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] != g["sha256"]:
                print(f"  {topic} line {g['index']}: page changed, not scored")
                continue
            part = "held_out" if held_out(f"{topic}:{g['id']}") else "tune"
            pages_in[part] += 1
            outs = {systems[0]: clean_text(text, furniture).body,
                    systems[1]: clean_text(text).body,
                    systems[2]: simple_rule(text)}
            body_idx = {i for a, b in g["body"] for i in range(a, b + 1)}
            lines = text.split("\n")
            for name, out in outs.items():
                body = norm(out)
                c = counts[part][name]
                for i, line in enumerate(lines):
                    if not line.strip() or i in g["ignore"]:
                        continue
                    kept = _line_kept(line, body)
                    if i in body_idx:
                        c[0 if kept else 2] += 1
                    elif kept:
                        c[1] += 1
                    if errors and part == "tune" and name == systems[0] and kept != (i in body_idx):
                        print(f"  {topic}[{g['index']}] line {i} "
                              f"{'leaked' if kept else 'missed'}: {line[:70]!r}")
    result: dict[str, Any] = {}
    for part, per in counts.items():
        print(f"\nHand-marked Timeline17 lines, {part} ({pages_in[part]} pages)")
        print(f"{'system':<44} {'prec':>6} {'recall':>6} {'F1':>6}")
        result[part] = {"pages": pages_in[part], "systems": {}}
        for name, (tp, fp, fn) in per.items():
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"{name:<44} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
            result[part]["systems"][name] = {"precision": round(p, 4), "recall": round(r, 4),
                                             "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}
    return result


# What the Reuters pages of Timeline17 leave behind, as the checks below look for it.
_HEADER = re.compile(r"\|\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*\s+\w+\s+\d+\s*,?\s*\d{4}\s+\d+:\d\d")
_COMMENT = re.compile(r"Report as abus|discussion is now closed|We welcome comments|"
                      r"Views expressed in the comments", re.I)
_FOOTER = re.compile(r"ultra-low latency infrastructure", re.I)


def reuters_part(sd: Path) -> dict[str, Any]:
    from storyline.clean.article import make_article
    from storyline.clean.text import boilerplate_lines
    from storyline.model import Article, RawDocument

    stats = {"pages": 0, "articles": 0, "with_header": 0, "header_left_in_body": 0,
             "dateline_from_header": 0, "comment_line_left": 0, "footer_left": 0,
             "footer_damage_warning": 0, "damage_warning_any": 0, "over_length_cap": 0,
             "only_furniture": 0}
    for topic in ("H1N1_reuters", "bpoil_reuters"):
        path = sd / "dev" / "t17" / topic / "articles.jsonl"
        if not path.is_file():
            continue
        docs = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
        furniture = boilerplate_lines(d["text"] for d in docs)
        for d in docs:
            stats["pages"] += 1
            text = d["text"]
            a = make_article(RawDocument(topic, kind="text", content=text, input_id=d["id"],
                                         given_text=True, boilerplate=furniture))
            if not isinstance(a, Article):
                stats["over_length_cap"] += "too long" in a.reason
                stats["only_furniture"] += "furniture" in a.reason
                continue
            stats["articles"] += 1
            header = _HEADER.search("\n".join(text.split("\n")[:5]))
            if header:
                stats["with_header"] += 1
                stats["header_left_in_body"] += bool(_HEADER.search(a.text))
                stats["dateline_from_header"] += a.dateline is not None
            stats["comment_line_left"] += bool(_COMMENT.search(a.text))
            stats["footer_left"] += bool(_FOOTER.search(a.text))
            damage = [w for w in a.warnings if w.startswith("entity names missing")]
            stats["damage_warning_any"] += bool(damage)
            stats["footer_damage_warning"] += any("research platform" in w for w in damage)
    print("\nReuters pages of Timeline17 (H1N1_reuters, bpoil_reuters), make_article")
    for k, v in stats.items():
        print(f"  {k:<24} {v}")
    # Damage warnings on every Timeline17 page. These texts were saved whole (no link text
    # taken out), so a warning on them is almost always a false alarm.
    from storyline.clean.damage import find_damage
    from storyline.clean.text import clean_text

    pages = warned = 0
    for path in sorted((sd / "dev" / "t17").glob("*/articles.jsonl")):
        docs = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
        furniture = boilerplate_lines(d["text"] for d in docs)
        for d in docs:
            pages += 1
            warned += bool(find_damage(clean_text(d["text"], furniture).body)[1])
    stats["t17_pages"], stats["t17_pages_with_damage_warning"] = pages, warned
    print(f"  all Timeline17 pages: {pages}, with a damage warning: {warned}")
    return stats


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0, help="print N misses/leaks (tune pages only)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--part", choices=("html", "t17", "reuters"), default=None)
    args = ap.parse_args()
    sd = require_shared("text_clean")
    out: dict[str, Any] = {
        "html_data": "shared/dev/html pages as html_text.extract_text(guess_layout=True); "
                     "held out: sha256(file name) % 3 == 0",
        "scoring": "trafilatura evaluation on snippets.json, whitespace-normalised",
        "t17_data": "benchmarks/gold/t17_lines.json (hand-marked line indices); "
                    "held out: sha256('topic:id') % 3 == 0",
    }
    if args.part in (None, "html"):
        out["html"] = html_part(sd, args.limit, args.errors)
    if args.part in (None, "t17"):
        out["t17_lines"] = t17_part(sd, args.errors)
    if args.part in (None, "reuters"):
        out["reuters"] = reuters_part(sd)
    if args.part is None and args.limit is None:
        print(f"\nwrote {write_json('text_clean', out)}")


if __name__ == "__main__":
    main()
