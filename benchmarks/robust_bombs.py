"""Cost of hostile inputs through the real ``storyline run``: time, peak memory, stderr.

Each case writes its input into a temporary folder (generated here, nothing read
from ../shared), runs ``python -m storyline.cli run INPUT --out OUT --quiet`` in a
child process and measures its wall time, its peak resident memory (the child's
``ru_maxrss``), its exit status and the lines it wrote to stderr. ``--workers-runs N``
also runs N fresh ``--workers 2`` runs on a folder of 128 one-article files (the
"connection is busy" crash) and counts failures.

    .venv/bin/python benchmarks/robust_bombs.py [--scale 0.1] [--workers-runs 3]
        [--cases long_body ...] [--json benchmarks/results/robust_bombs.json]
"""

from __future__ import annotations

import argparse
import calendar
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.news import article, jsonl_line, long_article  # noqa: E402


def _run(inputs: list[Path], out: Path, *extra: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    cmd = [sys.executable, "-m", "storyline.cli", "run", *map(str, inputs), "--out", str(out),
           "--quiet", *extra]
    # a fresh intermediate process per case, so that its children's peak is this case's
    probe = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:]); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
             "sys.exit(p.returncode)")
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True,
                          env=env)
    seconds = time.monotonic() - t0
    err = proc.stderr.splitlines()
    peak_kb = int(err.pop()) if err and err[-1].isdigit() else 0
    proc.stderr = "\n".join(err)
    return {"rc": proc.returncode, "seconds": round(seconds, 1),
            "peak_mb": round(peak_kb / 1024, 1),
            "stderr_lines": len(proc.stderr.splitlines()),
            "stderr_tail": proc.stderr.splitlines()[-2:]}


def empty_objects(d: Path, scale: float) -> list[Path]:
    n = int(3_000_000 * scale)
    p = d / "objects.jsonl.gz"
    with gzip.open(p, "wb") as fh:
        chunk = b"{}\n" * 100_000
        for _ in range(n // 100_000):
            fh.write(chunk)
    return [p]


def blank_lines(d: Path, scale: float) -> list[Path]:
    p = d / "blank.jsonl"
    with open(p, "wb") as fh:
        chunk = b"\n" * (1 << 20)
        for _ in range(int(200 * scale)):
            fh.write(chunk)
    return [p]


def binary_jsonl(d: Path, scale: float) -> list[Path]:
    p = d / "noise.jsonl"
    p.write_bytes(os.urandom(20_000))
    return [p]


def edge_dates(d: Path, scale: float) -> list[Path]:
    p = d / "edge.jsonl"
    lines = [{**jsonl_line(1), "published": "0001-01-01"}, {**jsonl_line(2), "published": "9999-12-31"},
             {**jsonl_line(3), "url": "http://[oops/"},
             {"text": "x", "extra": "[" * 5000}, jsonl_line(4)]
    p.write_text("\n".join(json.dumps(x) for x in lines) + "\n" + "[" * 20000 + "\n")
    return [p]


def long_body(d: Path, scale: float) -> list[Path]:
    """One article of 200,000 characters (the body cap), whatever the scale: its parse
    peaked at 1.16 GB in one piece."""
    p = d / "long.jsonl"
    line = {**jsonl_line(1), "text": long_article(200_000)}
    p.write_text(json.dumps(line) + "\n")
    return [p]


def symbol_run(d: Path, scale: float) -> list[Path]:
    """One article ending in a run of question marks (20,000 at scale 0.1): spaCy's
    tokenizer took 162 s and 670 MB on it before such runs were cut (attack 6, F1)."""
    p = d / "run.jsonl"
    line = jsonl_line(1)
    line["text"] += " The agency said " + "?" * max(2000, int(200_000 * scale))
    p.write_text(json.dumps(line) + "\n")
    return [p]


def _empty_files(d: Path, n: int) -> list[Path]:
    """``n`` empty ``.txt`` files and one article in one folder: each file is recorded in
    the store, and a few statements a file (each scanning tables that grow with the run)
    made the cost of a file grow with the files before it (attack 14, finding 9: 2,000 in
    14 s, 6,000 in 50 s, 20,000 in about 325 s)."""
    folder = d / "tree"
    folder.mkdir()
    for i in range(n):
        (folder / f"e{i:05d}.txt").write_bytes(b"")
    (folder / "real.txt").write_text(article(1), "utf-8")
    return [folder]


def empty_files(d: Path, scale: float) -> list[Path]:
    return _empty_files(d, int(20_000 * scale))


def empty_files_x3(d: Path, scale: float) -> list[Path]:
    """Three times :func:`empty_files`: the time should be about the same per file."""
    return _empty_files(d, int(60_000 * scale))


def _wire_items(n: int) -> list[dict[str, str]]:
    """``n`` distinct one-sentence reports of one shape (attack 14, finding 10: all dropped
    as furniture as JSON Lines; kept as a JSON array, then compared pair by pair in the
    merge: over 120 s for 20,000)."""
    return [{"text": f"Rebels shelled village {i} on Monday.", "id": str(i)} for i in range(n)]


def wire_items_jsonl(d: Path, scale: float) -> list[Path]:
    p = d / "wire.jsonl"
    p.write_text("".join(json.dumps(x) + "\n" for x in _wire_items(int(20_000 * scale))))
    return [p]


def wire_items_json(d: Path, scale: float) -> list[Path]:
    """The same items as :func:`wire_items_jsonl`, as one JSON array."""
    p = d / "wire.json"
    p.write_text(json.dumps(_wire_items(int(20_000 * scale))))
    return [p]


_MONTHS = list(calendar.month_name)[1:]
_WORDS = ["rebels", "army", "village", "town", "council", "minister", "border", "trucks", "food",
          "fuel", "officials", "talks", "agreed", "reopen", "crossing", "traders", "warned",
          "delays", "customs", "union", "police", "protesters"]


def _one_text(d: Path, name: str, text: str) -> list[Path]:
    p = d / name
    p.write_text(json.dumps({**jsonl_line(1), "text": text}) + "\n")
    return [p]


def unpunctuated(d: Path, scale: float) -> list[Path]:
    """One article of words with no sentence punctuation, 100 KB at scale 0.1 (issue 15:
    reported at 28 CPU s, "about the square of its length")."""
    rnd = random.Random(15)
    size = max(5_000, int(1_000_000 * scale))
    text = " ".join(rnd.choice(_WORDS) for _ in range(size // 4))
    return _one_text(d, "unpunctuated.jsonl", text[:size].rsplit(" ", 1)[0])


def many_dates(d: Path, scale: float) -> list[Path]:
    """One article of 10,000 date expressions at scale 1 (1,000 at 0.1), each with an
    event and no full stop (issue 15: 10,000 dates took 109 s; choosing among the time
    candidates and dating each event scanned every date of the article)."""
    rnd = random.Random(16)
    n = max(500, int(10_000 * scale))
    text = " ".join(f"on {rnd.randint(1, 28)} {rnd.choice(_MONTHS)} {rnd.randint(1990, 2025)} "
                    "rebels shelled the town" for _ in range(n))
    return _one_text(d, "dates.jsonl", text)


CASES: dict[str, Callable[[Path, float], list[Path]]] = {
    "empty_objects_gz": empty_objects, "blank_lines": blank_lines,
    "binary_jsonl": binary_jsonl, "edge_dates_urls_depth": edge_dates, "long_body": long_body,
    "symbol_run": symbol_run, "empty_files": empty_files, "empty_files_x3": empty_files_x3,
    "wire_items_jsonl": wire_items_jsonl, "wire_items_json": wire_items_json,
    "unpunctuated": unpunctuated, "many_dates": many_dates,
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=float, default=0.1,
                    help="share of the attack run's sizes (3M lines, 200 MB)")
    ap.add_argument("--workers-runs", type=int, default=0)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--cases", nargs="*", choices=list(CASES), help="only these cases")
    args = ap.parse_args()
    results: dict[str, Any] = {"scale": args.scale}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for name, make in CASES.items():
            if args.cases and name not in args.cases:
                continue
            d = base / name
            d.mkdir()
            inputs = make(d, args.scale)
            r = _run(inputs, base / f"out-{name}")
            if name == "edge_dates_urls_depth":  # a clean second run on the same store
                r["second_rc"] = _run(inputs, base / f"out-{name}")["rc"]
            results[name] = r
            print(name, r, flush=True)
        if args.workers_runs:
            d = base / "files128"
            d.mkdir()
            for i in range(128):
                (d / f"f{i:03d}.jsonl").write_text(json.dumps(jsonl_line(i)) + "\n")
            rcs = [_run([d], base / f"out-w{k}", "--workers", "2")["rc"]
                   for k in range(args.workers_runs)]
            results["workers2_128_files"] = {"runs": len(rcs), "failed": sum(1 for x in rcs if x)}
            print("workers2_128_files", results["workers2_128_files"], flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
