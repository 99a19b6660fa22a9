"""Short news-style texts written for the tests (fiction, about no real event)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PARAGRAPHS = [
    "NAIROBI: Kenya and Tanzania agreed on Tuesday to reopen their shared border crossing at "
    "Namanga after three weeks of talks, the two governments said in a joint statement.",
    "The agreement was signed in Arusha by the foreign ministers of both countries, who said "
    "trucks carrying food and fuel would be allowed through from next Monday.",
    "More than 4,000 lorries have been stranded on both sides of the border since the crossing "
    "was closed in early March, according to the East African Business Council.",
    "Traders welcomed the decision but warned that delays could continue if customs officers "
    "did not receive new guidance before the reopening.",
    "The African Union, which mediated the talks, called on both sides to respect the deal and "
    "to settle any future dispute through its commission.",
]
BODY = "\n\n".join(PARAGRAPHS)


def article(n: int) -> str:
    """A distinct short article (different bodies give different ids)."""
    return BODY + f"\n\nOfficials said a review meeting, number {n}, would take place in May."


def jsonl_line(n: int) -> dict[str, str]:
    return {"id": f"wire-{n}", "title": f"Border crossing to reopen ({n})", "outlet": "Reuters",
            "published": "2025-03-25", "text": article(n)}


TOWNS = ["Namanga", "Arusha", "Moshi", "Kisumu", "Mombasa", "Tanga", "Dodoma", "Nakuru"]


def long_article(chars: int) -> str:
    """A long article of distinct paragraphs (numbered updates on the same story),
    ``chars`` characters long."""
    paras: list[str] = []
    size = 0
    i = 0
    while size < chars:
        p = PARAGRAPHS[i % len(PARAGRAPHS)]
        p = p.replace("4,000", f"{4000 + i:,}").replace("Namanga", TOWNS[i % len(TOWNS)])
        p = f"In update {i}, " + p[0].lower() + p[1:]
        paras.append(p)
        size += len(p) + 2
        i += 1
    return "\n\n".join(paras)[:chars].rstrip()


def one_line_error(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    """The one stderr line of a refused command: "error: ...", no traceback, with ``words``."""
    err = capsys.readouterr().err
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and "Traceback" not in err
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


def one_item_input(tmp_path: Path) -> Path:
    """A folder ``in`` holding one JSON Lines item."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text(json.dumps(jsonl_line(1)) + "\n", encoding="utf-8")
    return src
