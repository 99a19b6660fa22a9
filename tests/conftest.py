"""Shared fixtures: the path of ../shared (skip cleanly when absent) and helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path inside ../shared, or skip the test with a clear message."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is absent: tests on the shared seeds and dev sets need ../shared")
    return p


@pytest.fixture(scope="session")
def seed_articles():
    """The five seeds, cleaned (skips without ../shared)."""
    from storyline.clean.article import make_article
    from storyline.ingest.readers import read_documents

    folder = shared_path("seeds")
    out = {}
    for raw in read_documents([str(folder)]):
        art = make_article(raw)
        out[Path(raw.path).name[:3]] = art
    return out


@pytest.fixture(scope="session")
def nlp():
    """The spaCy English model the annotation stage uses (loaded once)."""
    from storyline.annotate.stage import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of the seed articles (skips without ../shared)."""
    return shared_path("seeds")
