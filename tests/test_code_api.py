"""``storyline code`` and the Python API: sentences and short items are coded, never
dropped for being short; the CLI is a thin layer over the API (same output)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import storyline
from storyline.api import Record, code_records, read_records
from storyline.schemas import validate

SENTENCES = [
    "Rebels shelled the border town of Karsa on Monday.",
    "The foreign minister said talks with the neighbouring government would resume next week.",
    "Police arrested twenty protesters outside the parliament in Lumbar.",
    "The weather was mild and the market stalls were busy.",
]


def _cli(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "storyline.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=300, check=False)


def test_code_returns_events_with_dates_resolved() -> None:
    events = storyline.code(SENTENCES[0], date="2024-05-08")
    assert [e.type for e in events] == ["ASSAULT"]
    assert events[0].date.start == "2024-05-06"  # the Monday before
    assert 0.0 <= (events[0].confidence or 0.0) <= 1.0


def test_a_day_that_cannot_be_placed_is_none_as_in_the_cli_output() -> None:
    # without a date: no day, None (the CLI's null), not ""
    events = storyline.code("Rebels shelled the border town of Karsa last Monday.")
    assert [(e.date.start, e.date.end) for e in events] == [(None, None)]
    validate("events", storyline.api.event_json(events[0]))


@pytest.mark.parametrize("day", ["0001-01-01", "1899-06-15", "2101-01-01", "9999-12-31"])
def test_a_date_outside_the_calendar_of_news_is_refused_as_by_the_cli(day: str) -> None:
    from storyline.checks import OptionError

    with pytest.raises(OptionError, match="outside the dates"):
        storyline.code("Rebels shelled the border town of Karsa last Monday.", date=day)
    with pytest.raises(OptionError, match="dct"):
        list(code_records([Record("Rebels shelled Karsa.")], dct=day))


def test_code_records_keep_order_ids_and_main_event() -> None:
    recs = [Record(t, f"r{i}", "2024-05-08") for i, t in enumerate(SENTENCES)]
    out = list(code_records(recs))
    assert [c.id for c in out] == ["r0", "r1", "r2", "r3"]
    assert out[0].main == 0 and out[0].events[0].type == "ASSAULT"
    assert out[2].events and out[2].events[out[2].main or 0].type == "COERCE"
    assert out[3].events == [] and out[3].main is None
    for c in out:
        line = c.to_json()
        for ev in line["events"]:
            validate("events", ev | {"story": None})
            m = ev["mentions"][0]
            assert line["text"][m["start"]:m["end"]] == m["quote"]


def test_read_records_jsonl_and_text(tmp_path: Path) -> None:
    warned: list[str] = []
    jl = [json.dumps({"id": "a", "text": SENTENCES[0], "date": "2024-05-08"}), "{broken",
          json.dumps({"text": SENTENCES[2], "published": "2024-05-09T10:00:00Z"})]
    recs = list(read_records(jl, warned.append))
    assert [(r.id, r.date) for r in recs] == [("a", "2024-05-08"), ("2", None),
                                              ("3", "2024-05-09")]
    assert recs[1].text == "" and len(warned) == 1 and "line 2" in warned[0]
    plain = list(read_records(["", SENTENCES[1], SENTENCES[3]]))
    assert [(r.id, r.text) for r in plain] == [("1", ""), ("2", SENTENCES[1]),
                                               ("3", SENTENCES[3])]  # a blank line too


@pytest.mark.slow
def test_cli_code_matches_the_api(tmp_path: Path) -> None:
    src = tmp_path / "items.jsonl"
    src.write_text("\n".join(json.dumps({"id": str(i), "text": t})
                             for i, t in enumerate(SENTENCES)) + "\n", encoding="utf-8")
    done = _cli(["code", str(src), "--dct", "2024-05-08"])
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in done.stdout.splitlines()]
    api = [c.to_json() for c in code_records(
        [Record(t, str(i), None) for i, t in enumerate(SENTENCES)], dct="2024-05-08")]
    assert lines == api
    stdin = _cli(["code", "-"], stdin=SENTENCES[2] + "\n")
    assert stdin.returncode == 0 and json.loads(stdin.stdout)["events"]
    assert _cli(["code", "-", "--dct", "May 8"], stdin="x\n").returncode == 2


def test_run_keeps_short_given_items_and_reads_back(tmp_path: Path) -> None:
    src = tmp_path / "short.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"s{i}", "text": t, "date": "2024-05-08"})
                             for i, t in enumerate(SENTENCES[:3])) + "\n", encoding="utf-8")
    summary = storyline.run([src], tmp_path / "out", min_confidence=0.0)
    assert summary.articles_new == 3 and not summary.skipped
    arts = storyline.read_articles(tmp_path / "out")
    assert sorted(a["input_id"] for a in arts) == ["s0", "s1", "s2"]
    events = storyline.read_events(tmp_path / "out")
    assert {"ASSAULT", "COERCE"} <= {e["type"] for e in events}
    for e in events:
        validate("events", e)


def test_min_confidence_filters_output_not_store(tmp_path: Path) -> None:
    src = tmp_path / "short.jsonl"
    src.write_text(json.dumps({"id": "x", "text": SENTENCES[0], "date": "2024-05-08"}) + "\n",
                   encoding="utf-8")
    storyline.run([src], tmp_path / "o", db=tmp_path / "s.duckdb", min_confidence=1.01)
    assert storyline.read_events(tmp_path / "o") == []
    storyline.run([src], tmp_path / "o", db=tmp_path / "s.duckdb", min_confidence=0.0)
    assert storyline.read_events(tmp_path / "o")


def test_every_event_mention_names_its_trigger_word() -> None:
    """The trigger's offsets point at its word, inside the mention's sentence, so a reader
    (and the report) can show which word the event rests on."""
    text = " ".join(SENTENCES)
    events = storyline.code(text, date="2024-05-08")
    assert events
    for ev in events:
        for m in ev.mentions:
            assert m.trigger is not None
            assert text[m.trigger.start:m.trigger.end] == m.trigger.text
            assert m.start <= m.trigger.start < m.trigger.end <= m.end
    words = {m.trigger.text for ev in events for m in ev.mentions if m.trigger}
    assert {"shelled", "arrested"} <= words


def test_a_state_that_sues_is_its_government_a_state_hit_is_not() -> None:
    sued = storyline.code("Alabama and Louisiana have also sued over the spill.", date="2010-06-12")
    assert [e.type for e in sued] == ["ACCUSE"]
    src = sued[0].source
    assert isinstance(src, list) and [(a.country, a.role) for a in src] == [("USA", "GOV")] * 2
    hosted = storyline.code("Chicago hosted the summit on Monday.", date="2010-06-12")
    assert all(e.source is None for e in hosted)


def test_a_long_record_is_parsed_in_pieces_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """A record over ``[annotate] chunk_chars`` is parsed piece by piece (bounded memory);
    records keep their order and offsets index the whole text."""
    import storyline.annotate.stage as stage

    monkeypatch.setattr(stage, "CHUNK_CHARS", 120)
    pieces: list[int] = []
    whole = stage.parse

    def counting(text: str, chunk_chars: int | None = None) -> object:
        pieces.append(len(text))
        return whole(text, chunk_chars)

    monkeypatch.setattr(stage, "parse", counting)
    long = "\n".join(SENTENCES[:3] * 3)
    assert len(long) > 120
    recs = [Record(SENTENCES[0], "a", "2024-05-08"), Record(long, "b", "2024-05-08"),
            Record(SENTENCES[2], "c", "2024-05-08")]
    out = list(code_records(recs))
    assert [c.id for c in out] == ["a", "b", "c"]
    assert pieces == [len(long)]  # the long record alone went through the piecewise parse
    assert len([e for e in out[1].events if e.type == "ASSAULT"]) == 3
    for ev in out[1].events:
        m = ev.mentions[0]
        assert m.trigger is not None and long[m.trigger.start:m.trigger.end] == m.trigger.text
