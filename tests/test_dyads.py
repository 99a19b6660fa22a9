"""Dyads: counts by quad class, mean score, month bucketing, pairs, exports."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import duckdb
import pytest

from storyline.events.lexicon import SCORES
from storyline.model import MergedEvent
from storyline.schemas import validate
from storyline.story.dyads import COLUMNS, build_dyads, country_level, export_dyads

_N = iter(range(10_000))


def actor(aid: str, name: str | None = None, country: str | None = None) -> dict[str, Any]:
    return {"text": name or aid, "name": name or aid, "id": aid, "country": country,
            "role": "GOV"}


KEN = actor("KENGOV", "Kenya", "KEN")
TZA = actor("TZAGOV", "Tanzania", "TZA")
TZA_MIL = actor("TZAMIL", "Tanzanian military", "TZA")
UGA = actor("UGAGOV", "Uganda", "UGA")
EAC = actor("EAC", "East African Community")


def event(type_: str, quad: int, source: Any, target: Any, start: str, *,
          precision: str = "day", modality: str = "asserted", score: float | None = None,
          articles: tuple[str, ...] = ("art1",)) -> MergedEvent:
    n = next(_N)
    return MergedEvent.from_json({
        "id": f"ev{n}", "type": type_, "quad": quad, "modality": modality,
        "source": source, "target": target,
        "date": {"start": start, "end": start, "precision": precision, "text": None},
        "location": None, "story": None, "score": score,
        "mentions": [{"article": a, "quote": "Kenya and Tanzania met.", "start": 0, "end": 23,
                      "attribution": None} for a in articles],
        "sources": len(articles), "related": [], "confidence": None,
    })


def dyads(events: list[MergedEvent], **kw: Any) -> list[dict[str, Any]]:
    """The rows of build_dyads as their JSON form (what the schema and the files hold)."""
    return [r.to_json() for r in build_dyads(events, **kw)]


def row(rows: list[dict[str, Any]], a: str, b: str, month: str) -> dict[str, Any]:
    found = [r for r in rows if (r["a"], r["b"], r["month"]) == (a, b, month)]
    assert len(found) == 1, (a, b, month, rows)
    return found[0]


def test_counts_by_quad_and_mean_score() -> None:
    rows = dyads([
        event("AGREE", 1, KEN, TZA, "2024-05-02", score=2.5),
        event("AID", 2, TZA, KEN, "2024-05-20", score=10.0),
        event("ACCUSE", 3, KEN, TZA, "2024-05-31", score=-3.0),
        event("ASSAULT", 4, KEN, TZA, "2024-06-01", score=-9.0),
    ])
    may = row(rows, "KENGOV", "TZAGOV", "2024-05")
    assert (may["quad1"], may["quad2"], may["quad3"], may["quad4"]) == (1, 1, 1, 0)
    assert may["events"] == 3 and may["cooperation"] == 2 and may["conflict"] == 1
    assert may["score_mean"] == pytest.approx((2.5 + 10.0 - 3.0) / 3, abs=1e-3)
    assert (may["a_to_b"], may["b_to_a"]) == (2, 1)  # KENGOV is ``a`` (smaller id)
    june = row(rows, "KENGOV", "TZAGOV", "2024-06")
    assert june["quad4"] == 1 and june["score_mean"] == -9.0
    assert len(rows) == 2
    for r in rows:
        validate("dyads", r)


def test_months_come_from_event_dates_and_coarse_dates_are_left_out() -> None:
    rows = dyads([
        event("CONSULT", 1, KEN, TZA, "2024-01-31"),
        event("CONSULT", 1, KEN, TZA, "2024-02-01"),
        event("CONSULT", 1, KEN, TZA, "2024-03-01", precision="month"),
        event("CONSULT", 1, KEN, TZA, "2024-01-01", precision="year"),
        event("CONSULT", 1, KEN, TZA, "2024-06-01", precision="season"),
        event("CONSULT", 1, KEN, TZA, ""),
    ])
    assert [(r["month"], r["events"]) for r in rows] == [
        ("2024-01", 1), ("2024-02", 1), ("2024-03", 1)]


def test_missing_score_comes_from_the_codebook() -> None:
    rows = dyads([event("SANCTION", 4, KEN, UGA, "2024-04-04", score=None)])
    assert rows[0]["score_mean"] == SCORES["SANCTION"]


def test_lists_expand_to_pairs_and_null_or_self_sides_are_skipped() -> None:
    rows = dyads([
        event("AGREE", 1, [KEN, UGA], EAC, "2024-07-07"),
        event("AGREE", 1, KEN, None, "2024-07-08"),
        event("AGREE", 1, None, KEN, "2024-07-08"),
        event("AGREE", 1, KEN, KEN, "2024-07-08"),
        event("AGREE", 1, [KEN, TZA], [TZA, KEN], "2024-07-09"),
    ])
    pairs = sorted((r["a"], r["b"], r["events"]) for r in rows)
    # KEN and UGA joint sources are no dyad; [KEN, TZA] -> [TZA, KEN] is one KEN–TZA event.
    assert pairs == [("EAC", "KENGOV", 1), ("EAC", "UGAGOV", 1), ("KENGOV", "TZAGOV", 1)]


def test_non_asserted_events_are_counted_apart() -> None:
    rows = dyads([
        event("ASSAULT", 4, KEN, TZA, "2024-08-01", modality="hypothetical", score=-9.0),
        event("ASSAULT", 4, KEN, TZA, "2024-08-02", modality="negated", score=-9.0),
        event("CONSULT", 1, KEN, TZA, "2024-08-20", modality="future", score=2.5),
        event("CONSULT", 1, KEN, TZA, "2024-08-03", score=4.0),
    ])
    r = row(rows, "KENGOV", "TZAGOV", "2024-08")
    assert (r["events"], r["quad4"], r["conflict"]) == (1, 0, 0)
    assert (r["hypothetical"], r["negated"], r["future"]) == (1, 1, 1)
    assert r["score_mean"] == 4.0
    assert len(r["event_ids"]) == 4 and r["mentions"] == 4


def test_sources_count_distinct_articles_and_syndicated_copies_once() -> None:
    evs = [event("AGREE", 1, KEN, TZA, "2024-09-01", articles=("a1", "a2")),
           event("AGREE", 1, TZA, KEN, "2024-09-02", articles=("a2", "a3"))]
    plain = dyads(evs)[0]
    assert (plain["mentions"], plain["sources"]) == (4, 3)
    deduped = dyads(evs, duplicate_of={"a3": "a1"})[0]
    assert deduped["sources"] == 2


def test_country_level_groups_actors_of_one_country() -> None:
    evs = [event("ACCUSE", 3, KEN, TZA, "2024-10-01"),
           event("ASSAULT", 4, TZA_MIL, KEN, "2024-10-02"),
           event("AGREE", 1, EAC, TZA_MIL, "2024-10-03")]
    assert len(dyads(evs)) == 3
    rows = dyads(country_level(evs))
    pair = row(rows, "KEN", "TZA", "2024-10")
    assert (pair["events"], pair["quad3"], pair["quad4"]) == (2, 1, 1)
    assert pair["a_name"] == "Kenya" and pair["b_name"] == "Tanzania"
    assert row(rows, "EAC", "TZA", "2024-10")["a_country"] is None


def test_exports_have_the_columns_and_the_same_rows(tmp_path: Path) -> None:
    typed = build_dyads([
        event("AGREE", 1, KEN, TZA, "2024-05-02", score=2.5, articles=("x", "y")),
        event("THREATEN", 3, UGA, EAC, "2024-06-02", score=None),
    ])
    csv_path, pq_path = export_dyads(typed, tmp_path)
    rows = [r.to_json() for r in typed]
    names = [c for c, _ in COLUMNS]
    with open(csv_path, encoding="utf-8", newline="") as fh:
        lines = list(csv.DictReader(fh))
    assert list(lines[0].keys()) == names
    assert [(x["a"], x["b"], x["month"], x["events"]) for x in lines] == [
        ("EAC", "UGAGOV", "2024-06", "1"), ("KENGOV", "TZAGOV", "2024-05", "1")]
    assert lines[1]["event_ids"] == " ".join(rows[1]["event_ids"])
    con = duckdb.connect()
    got = con.execute(f"SELECT * FROM read_parquet('{pq_path}')").fetchall()
    cols = [d[0] for d in con.description]
    con.close()
    assert cols == names
    back = [dict(zip(cols, r, strict=True)) for r in got]
    assert back == rows
    for r in back:
        validate("dyads", r)


def test_empty_input_still_writes_both_files(tmp_path: Path) -> None:
    csv_path, pq_path = export_dyads(build_dyads([]), tmp_path)
    assert csv_path.read_text("utf-8").strip() == ",".join(c for c, _ in COLUMNS)
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*) FROM read_parquet('{pq_path}')").fetchone() == (0,)
    con.close()
