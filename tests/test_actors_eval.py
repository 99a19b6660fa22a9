"""The actor benchmark's reading of the marked file and its error classes."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from tests.bench import load_benchmark

# written for this test: one directed act, one reciprocal meeting, one source-only act
SAMPLE = """Rebels B-S
shelled O
the O
port B-T
. O

The B-R
envoy I-R
met O
the B-R
minister I-R
. O

The B-S
ministry I-S
resigned O
. O
"""


def _module() -> ModuleType:
    return load_benchmark("actors_eval")


def _rows(tmp_path: Path) -> list[dict[str, object]]:
    f = tmp_path / "marked.txt"
    f.write_text(SAMPLE, encoding="utf-8")
    rows: list[dict[str, object]] = _module().load(f)
    return rows


def test_load_marks_reciprocal_sentences(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    assert [r["reciprocal"] for r in rows] == [False, True, False]
    assert rows[0]["target"] == ["port"] and rows[1]["target"] == [] == rows[1]["source"]


def test_error_classes_and_the_directed_figure(tmp_path: Path) -> None:
    ae = _module()
    rows = _rows(tmp_path)
    preds = [{"source": ["Rebels"], "target": ["the town"], "event": True},
             {"source": ["The envoy"], "target": ["the minister"], "event": True},
             {"source": [], "target": [], "event": False}]
    res = ae.score(rows, preds, 0, classes=True)
    assert res["reciprocal"] == 1
    assert res["target_errors"] == {"false_reciprocal": 1, "wrong": 1}
    assert res["target"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    preds[0]["target"] = ["port"]
    res = ae.score(rows, preds, 0, classes=True)
    # the headline counts the meeting's target as false; the directed figure leaves it out
    assert res["target"]["precision"] == 0.5 and res["target"]["recall"] == 1.0
    assert res["target_directed"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert res["target_errors"] == {"false_reciprocal": 1}
    assert ae._error_class(rows[2], preds[2], "source") == "missed_no_event"
    preds[2]["event"] = True
    assert ae._error_class(rows[2], preds[2], "source") == "missed_no_target"
