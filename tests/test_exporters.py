"""The exporter registry: outputs are registered functions, and a new one plugs in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import storyline.exporters as exporters
from storyline.exporters import ExportContext, export_all, register_exporter
from storyline.pipeline import Options, run
from storyline.report.build import build_report
from storyline.store.db import Store

ARTICLES = [
    {"id": "w1", "published": "2024-03-05", "outlet": "Lake Courier",
     "title": "Kenya and Uganda sign fishing pact",
     "text": "Kenya and Uganda signed a fishing pact on Tuesday in Kisumu, ending a months-long "
             "dispute over the waters around a small island in Lake Victoria. Officials from "
             "both governments said patrol boats would be withdrawn from the island."},
    {"id": "w2", "published": "2024-03-07", "outlet": "Kampala Ledger",
     "title": "Fishermen return to the lake",
     "text": "Fishermen returned to the island on Thursday, two days after Kenya and Uganda "
             "signed a fishing pact. Uganda accused Kenyan police of seizing 12 boats last "
             "month, a charge Nairobi denied."},
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "lake.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), "utf-8")
    return src


def test_builtin_exporters_are_registered_in_output_order() -> None:
    names = [e.name for e in exporters.exporters()]
    assert names[:9] == ["articles", "figures", "events", "stories", "series", "timeline",
                         "dyads", "dyads_parquet", "report"]


def test_a_registered_exporter_runs_in_the_pipeline(corpus: Path, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    @register_exporter("event_ids")
    def export_event_ids(ctx: ExportContext) -> Path:
        path = ctx.out / "event_ids.txt"
        events = ctx.events()
        seen["dyads_shared"] = ctx.dyads() is ctx.dyads()  # computed once, shared
        path.write_text("".join(e.id + "\n" for e in events), encoding="utf-8")
        return path

    try:
        out = tmp_path / "out"
        summary = run([str(corpus)], out, options=Options(progress=False))
    finally:
        exporters.unregister_exporter("event_ids")
    assert summary.outputs["event_ids"] == str(out / "event_ids.txt")
    assert list(summary.outputs)[-1] == "event_ids"  # after the built-in ones
    ids = (out / "event_ids.txt").read_text("utf-8").split()
    written = [json.loads(line)["id"] for line in (out / "events.jsonl").open(encoding="utf-8")]
    assert ids == written and ids  # the same events the events.jsonl exporter wrote
    assert seen["dyads_shared"]
    assert "dyads_parquet" not in summary.outputs and (out / "dyads.parquet").exists()


def test_an_installed_exporter_plugs_in_through_its_entry_point(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    run([str(corpus)], out, options=Options(progress=False))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix != ".duckdb"
              and not p.name.endswith(".wal")}

    def stories_count(ctx: ExportContext) -> Path:
        path = ctx.out / "stories.count"
        path.write_text(str(len(ctx.stories())), encoding="utf-8")
        return path

    class EntryPoint:
        name = "stories_count"

        def load(self) -> Any:
            return stories_count

    def fake_entry_points(group: str) -> list[EntryPoint]:
        return [EntryPoint()] if group == exporters.ENTRY_POINT_GROUP else []

    monkeypatch.setattr(exporters, "entry_points", fake_entry_points)
    with Store(out / "storyline.duckdb") as store:
        written = export_all(ExportContext(store, out, Options(progress=False)))
    assert written["stories_count"] == str(out / "stories.count")
    stories = sum(1 for _ in (out / "stories.jsonl").open(encoding="utf-8"))
    assert (out / "stories.count").read_text("utf-8") == str(stories)
    # the built-in exporters, run again on the same store, write the same bytes
    assert {name: (out / name).read_bytes() for name in before} == before
    # the report the run built from its records is the one its output files give
    with Store(out / "storyline.duckdb") as store:
        places = ExportContext(store, out, Options(progress=False)).places()
    assert build_report(out, places).read_bytes() == before["report.html"]
