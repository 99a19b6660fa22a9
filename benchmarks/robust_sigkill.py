"""SIGKILL recovery with N workers: kill ``storyline run`` at random moments, rerun, compare.

The corpus is the bundled sample (``examples/``) and the test fixture
``tests/fixtures/port_strike``, copied into a temporary folder. A clean run gives the
reference outputs; then, for each of ``--kills`` trials (moments drawn with a fixed
seed between 0.3 s and 95 % of the clean run's time), a fresh run is killed with
SIGKILL, its worker processes are checked to end within 10 s, the same command is
run again on the same output folder and database, and every output is compared byte
for byte with the reference. ``--moments`` kills instead at chosen moments
(:data:`killpoint.MOMENTS`: inside an article batch's transaction, inside an annotation
batch's, inside a story stage's write, halfway through the articles and events exports,
in the timeline export, as the report starts), through ``benchmarks/killpoint.py``.

    .venv/bin/python benchmarks/robust_sigkill.py [--kills 5] [--workers 2] [--moments]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ("articles.jsonl", "events.jsonl", "figures.jsonl", "stories.jsonl", "series.jsonl",
           "timeline.json", "dyads.csv", "report.html")


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return out


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--moments", action="store_true",
                    help="kill at each chosen moment of killpoint.MOMENTS, not at random times")
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        src = base / "in"
        shutil.copytree(ROOT / "examples", src / "examples")
        shutil.copytree(ROOT / "tests" / "fixtures" / "port_strike", src / "port_strike")

        def cmd(out: Path) -> list[str]:
            return [sys.executable, "-m", "storyline.cli", "run", str(src), "--out", str(out),
                    "--quiet", "--workers", str(args.workers)]

        t0 = time.monotonic()
        subprocess.run(cmd(base / "ref"), check=True, env=env, capture_output=True)
        clean = time.monotonic() - t0
        print(f"clean run: {clean:.1f} s", flush=True)
        same = orphans = 0
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from killpoint import MOMENTS

        trials = list(MOMENTS) if args.moments else list(range(args.kills))
        for k in trials:
            out = base / f"k{k}"
            at = clean * 2 if args.moments else rng.uniform(0.3, clean * 0.95)
            run_cmd = cmd(out)
            if args.moments:
                run_cmd = [sys.executable, str(ROOT / "benchmarks" / "killpoint.py"), str(k),
                           "1", *run_cmd[4:]]
            proc = subprocess.Popen(run_cmd, env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            seen: set[int] = set()
            end = time.monotonic() + at
            while time.monotonic() < end and proc.poll() is None:
                seen |= _children(proc.pid)
                time.sleep(0.05)
            finished = proc.poll() is not None and proc.returncode != -9
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and any(_alive(p) for p in seen):
                time.sleep(0.1)
            left = [p for p in seen if _alive(p)]
            orphans += bool(left)
            rerun = subprocess.run(cmd(out), env=env, capture_output=True, text=True)
            diff = [n for n in OUTPUTS
                    if not (out / n).exists() or (out / n).read_bytes() != (base / "ref" / n).read_bytes()]
            ok = rerun.returncode == 0 and not diff
            same += ok
            when = f"at {k}" if args.moments else f"at {at:.1f} s"
            print(f"kill {k}: {when}{' (run had finished)' if finished else ''}, "
                  f"{len(seen)} children seen, {len(left)} left after 10 s, rerun rc "
                  f"{rerun.returncode}, differing outputs: {diff or 'none'}", flush=True)
        print(f"{same} of {len(trials)} kills recovered with identical outputs; "
              f"{orphans} left worker processes behind")
    return 0


if __name__ == "__main__":
    sys.exit(main())
