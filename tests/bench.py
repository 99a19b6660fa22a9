"""A benchmark script of ``benchmarks/`` loaded as a module, for tests of its protocol."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_benchmark(stem: str, name: str | None = None) -> ModuleType:
    """``benchmarks/<stem>.py`` as a module (registered in ``sys.modules`` as ``name``, so
    that its dataclasses and pickles resolve)."""
    name = name or f"bench_{stem}"
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{stem}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod
