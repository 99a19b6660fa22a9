"""Shared helpers for the HTML benchmarks on ``shared/dev/html`` (trafilatura's evaluation set).

The pages and ``snippets.json`` are read at run time from ``$STORYLINE_SHARED`` or
``<repo>/../shared``; nothing from them is stored in the repository.

Scoring follows trafilatura's own evaluation (``tests/comparison.py``): for each page,
a ``with`` snippet found in the output is a true positive, missing a false negative;
a ``without`` snippet present is a false positive, absent a true negative. A page with
no output (None, e.g. rejected) counts all ``with`` as missed and all ``without`` as
absent. Whitespace is normalised on both sides before matching.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))


def shared_dir() -> Path | None:
    env = os.environ.get("STORYLINE_SHARED")
    for cand in ([Path(env)] if env else []) + [ROOT.parent / "shared", ROOT / "../shared"]:
        if (cand / "dev" / "html" / "snippets.json").is_file():
            return cand.resolve()
    return None


def require_shared(name: str) -> Path:
    """The shared folder, or exit 0 with a message saying why the benchmark is skipped."""
    sd = shared_dir()
    if sd is None:
        print(f"{name}: skipped — shared data (dev/html) not found; "
              "set STORYLINE_SHARED or place it at <repo>/../shared")
        sys.exit(0)
    return sd


@dataclass(slots=True)
class Page:
    name: str
    url: str | None
    html: str
    with_: list[str]
    without: list[str]


def load_pages(sd: Path, limit: int | None = None) -> list[Page]:
    from trafilatura.utils import decode_file

    snippets: dict[str, Any] = json.loads((sd / "dev" / "html" / "snippets.json").read_text("utf-8"))
    pages: list[Page] = []
    for name in sorted(snippets):
        path = sd / "dev" / "html" / "pages" / name
        if not path.is_file():
            continue
        item = snippets[name]
        html = decode_file(path.read_bytes())
        if not isinstance(html, str):
            html = html.decode("utf-8", "replace")
        url = item.get("url") or None
        if url and not url.startswith(("http://", "https://")):
            url = None  # "hard::name" placeholders in the eval set are not addresses
        pages.append(Page(name, url, html, list(item.get("with") or []),
                          list(item.get("without") or [])))
        if limit and len(pages) >= limit:
            break
    return pages


_WS = re.compile(r"\s+")


def norm(s: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", s).replace("\u00a0", " ")).strip()


@dataclass(slots=True)
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    none: int = 0
    seconds: float = 0.0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (page, snippet)
    leaks: list[tuple[str, str]] = field(default_factory=list)

    def add(self, page: Page, output: str | None) -> None:
        if output is None:
            self.none += 1
            self.fn += len(page.with_)
            self.tn += len(page.without)
            self.misses.extend((page.name, s) for s in page.with_)
            return
        text = norm(output)
        for s in page.with_:
            if norm(s) in text:
                self.tp += 1
            else:
                self.fn += 1
                self.misses.append((page.name, s))
        for s in page.without:
            if norm(s) in text:
                self.fp += 1
                self.leaks.append((page.name, s))
            else:
                self.tn += 1

    def metrics(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        total = self.tp + self.fn + self.fp + self.tn
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "accuracy": round((self.tp + self.tn) / total, 4) if total else 0.0,
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "with_found": round(self.tp / (self.tp + self.fn), 4) if self.tp + self.fn else 0.0,
            "without_absent": round(self.tn / (self.tn + self.fp), 4) if self.tn + self.fp else 0.0,
            "tp": self.tp, "fn": self.fn, "fp": self.fp, "tn": self.tn,
            "no_output_pages": self.none,
            "seconds": round(self.seconds, 1),
        }


def print_table(title: str, scores: dict[str, Score], pages: int) -> None:
    print(f"\n{title} ({pages} pages)")
    head = f"{'system':<34} {'prec':>6} {'recall':>6} {'acc':>6} {'F1':>6} {'w/o abs':>7} {'empty':>5} {'sec':>6}"
    print(head)
    print("-" * len(head))
    for name, sc in scores.items():
        m = sc.metrics()
        print(f"{name:<34} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['accuracy']:>6.3f} "
              f"{m['f1']:>6.3f} {m['without_absent']:>7.3f} {m['no_output_pages']:>5} {m['seconds']:>6.1f}")


def write_json(name: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{name}.json"
    out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return out
