"""The report builder: escaping, self-containment, every fact pointing at its quote."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from storyline.report.build import build_report, json_for_script, report_data
from tests.report_fixtures import HOSTILE, write_outputs

DATA_RE = re.compile(
    r'<script type="application/json" id="storyline-data">(.*?)</script>', re.S)


def _page(out: Path) -> str:
    return build_report(out).read_text("utf-8")


def _slice16(text: str, start: int, end: int) -> str:
    """What JavaScript's ``text.slice(start, end)`` gives (UTF-16 code units)."""
    raw = text.encode("utf-16-le")
    return raw[2 * start:2 * end].decode("utf-16-le")


def test_json_for_script_escapes_what_could_end_the_block() -> None:
    data = {"t": "</script><!-- & \u2028\u2029 >"}
    text = json_for_script(data)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == data


def test_data_block_round_trips_and_holds_no_markup(tmp_path: Path) -> None:
    write_outputs(tmp_path)
    page = _page(tmp_path)
    blocks = DATA_RE.findall(page)
    assert len(blocks) == 1
    block = blocks[0]
    assert "<" not in block and ">" not in block and "\u2028" not in block
    data = json.loads(block)
    assert data == json.loads(json.dumps(report_data(tmp_path)))
    assert HOSTILE in data["articles"]["lake0001"]["text"]  # kept, as text
    # Outside the data block, the hostile markup never appears.
    assert "__pwned" not in page.replace(block, "")


def test_page_is_self_contained(tmp_path: Path) -> None:
    write_outputs(tmp_path, new_formats=True)
    page = _page(tmp_path)
    static = DATA_RE.sub("", page)
    # Nothing the browser would fetch: no external src/href, stylesheet link or CSS import.
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", static, re.I)
    assert "<link" not in static.lower() and "@import" not in static
    assert not re.search(r"url\(\s*['\"]?(?!data:)", static)
    assert "fetch(" not in static and "XMLHttpRequest" not in static
    # The CSP lets only this page's own script run, by hash, and forbids connections.
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp.group(1)
    assert "connect-src 'none'" in csp.group(1) and "default-src 'none'" in csp.group(1)
    assert len(page.encode("utf-8")) < 2_000_000


def test_titles_and_outlets_are_escaped_in_the_static_header(tmp_path: Path) -> None:
    write_outputs(tmp_path, new_formats=True)
    page = _page(tmp_path)
    assert "<title>Lake Victoria &lt;fishing&gt; dispute · storyline report</title>" in page
    assert "Lakeside &lt;Herald&gt;" in page
    assert "<fishing>" not in DATA_RE.sub("", page)


def _cited(data: dict[str, Any], cite: dict[str, Any]) -> str:
    assert "s" in cite, cite
    return _slice16(data["articles"][cite["a"]]["text"], cite["s"], cite["e"])


def test_every_fact_cites_its_quote_in_utf16_offsets(tmp_path: Path) -> None:
    written = write_outputs(tmp_path)
    data = report_data(tmp_path)
    quotes = {e["id"]: e["mentions"][0]["quote"] for e in written["events"]}
    for ev in data["events"]:
        assert _cited(data, ev["mentions"][0]) == quotes[ev["id"]]
    # The emoji before these quotes shifts UTF-16 offsets by one past Python's.
    accuse = next(e for e in data["events"] if e["id"] == "e_accuse")["mentions"][0]
    py_start = next(e for e in written["events"] if e["id"] == "e_accuse")["mentions"][0]["start"]
    assert accuse["s"] == py_start + 1
    for view in data["views"]:
        for entry in view["entries"]:
            for sentence in entry["sentences"]:
                assert _cited(data, sentence) == sentence["t"]
        for series in view["series"]:
            for point in series["points"]:
                for cite in point["cites"]:
                    assert cite["a"] and _cited(data, cite)


def test_without_new_files_figures_group_by_what_and_the_top_timeline_is_used(
        tmp_path: Path) -> None:
    write_outputs(tmp_path)
    data = report_data(tmp_path)
    assert len(data["views"]) == 1 and data["views"][0]["id"] is None
    view = data["views"][0]
    assert [s["what"] for s in view["series"]] == ["fishermen who lost nets"]
    assert [p["value"] for p in view["series"][0]["points"]] == [1200.0, 1500.0]
    assert [e["date"] for e in view["entries"]] == ["2024-03-03", "2024-04-10"]
    # no story title: the headline of the article most events cite
    assert data["meta"]["title"] == "Kenya and Uganda agree to share lake patrol data"
    assert view["titleFrom"] == "headline"
    assert data["meta"]["articles"] == 2 and data["meta"]["first"] == "2024-03-05"


def test_new_formats_are_used_when_present(tmp_path: Path) -> None:
    write_outputs(tmp_path, new_formats=True)
    data = report_data(tmp_path)
    assert data["meta"]["title"] == "Lake Victoria <fishing> dispute"
    assert [v["id"] for v in data["views"]] == ["st1"]
    point = data["views"][0]["series"][0]["points"][1]
    assert (point["max"], point["disagree"]) == (1600.0, True)
    assert data["views"][0]["series"][0]["where"] == "Lake Victoria"


def test_dyads_network_and_map_carry_event_ids(tmp_path: Path) -> None:
    write_outputs(tmp_path)
    data = report_data(tmp_path)
    view = data["views"][0]
    country = view["dyads"]["country"]
    assert (country[0]["a"], country[0]["b"]) == ("KEN", "UGA")
    months = {m["m"]: m for m in country[0]["months"]}
    assert months["2024-03"]["q"] == [0, 0, 1, 0]
    assert months["2024-04"]["q"] == [1, 0, 0, 0] and months["2024-04"]["other"] == 1
    assert {m["m"] for m in country[0]["months"]} == {"2024-03", "2024-04"}
    edges = {(e["a"], e["b"]): e for e in view["network"]["edges"]}
    assert sorted(edges[("KENGOV", "UGAGOV")]["ev"]) == ["e_meet", "e_talks"]
    assert edges[("KENGOV", "UGAGOV")]["score"] == 4.0  # asserted events only
    points = view["map"]["points"]
    assert [(p["name"], p["kind"], p["ev"]) for p in points] == [
        ("Migingo Island", "event", ["e_accuse"])]
    assert {"KEN", "UGA"} <= set(view["map"]["involved"])
    assert len(data["world"]) > 150


def test_places_named_in_a_quote_stand_in_for_a_missing_location(tmp_path: Path) -> None:
    write_outputs(tmp_path)
    text = json.loads((tmp_path / "articles.jsonl").read_text("utf-8").split("\n")[1])["text"]
    start = text.index("Kampala on April 10")
    places = {"follow02": [
        {"start": start, "end": start + 7, "text": "Kampala", "name": "Kampala",
         "country": "UGA", "admin1": "Central Region", "lat": 0.32, "lon": 32.58},
        {"start": 0, "end": 7, "text": "KAMPALA", "name": "Kampala", "country": "UGA",
         "admin1": "Central Region", "lat": 0.32, "lon": 32.58}]}
    data = report_data(tmp_path, places)
    named = [p for p in data["views"][0]["map"]["points"] if p["kind"] == "named"]
    assert [(p["name"], p["ev"]) for p in named] == [("Kampala", ["e_talks"])]


def test_an_empty_output_folder_still_gives_a_page(tmp_path: Path) -> None:
    page = _page(tmp_path)
    data = json.loads(DATA_RE.findall(page)[0])
    assert data["events"] == [] and data["meta"]["articles"] == 0
    assert data["views"][0]["entries"] == [] and data["views"][0]["series"] == []


@pytest.mark.parametrize("name", ["report.js", "report.css", "template.html"])
def test_report_assets_ship_as_package_data(name: str) -> None:
    from importlib import resources

    text = resources.files("storyline.report").joinpath(name).read_text("utf-8")
    assert "innerHTML" not in text and "outerHTML" not in text and "insertAdjacentHTML" not in text
    assert "document.write" not in text and "eval(" not in text


def test_the_page_carries_only_the_articles_it_cites(tmp_path: Path) -> None:
    # 20,000 feed items no fact rests on made a 5 MB page of texts never shown
    written = write_outputs(tmp_path)
    extra = dict(written["articles"][0], id="nocite01", path="other.txt",
                 text="A quiet day at the harbour; nothing happened there.", story=None)
    extra.pop("duplicate_of", None)
    with (tmp_path / "articles.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(extra) + "\n")
    data = report_data(tmp_path)
    assert "nocite01" not in data["articles"] and "lake0001" in data["articles"]
    assert data["meta"]["articles"] == len(written["articles"]) + 1  # still counted
