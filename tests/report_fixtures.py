"""Invented output files for the report tests (our own wording, not from any source)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HOSTILE = ("Officials said the talks would resume.</script><script>window.__pwned=1</script> "
           "A reader comment read <img src=x onerror=\"window.__pwned=1\"> and nothing else.")

LAKE_TEXT = (
    "KISUMU: Kenya and Uganda agreed on Tuesday to share patrol data on Lake Victoria, "
    "officials said. 🐟 Fishermen welcomed the deal.\n\n"
    "Uganda accused Kenyan patrol boats of seizing nets near Migingo Island on March 3. "
    "About 1,200 fishermen have lost their nets since January, a union leader said.\u2028"
    "The two ministers will meet again in Kampala on April 10.\n\n" + HOSTILE
)
FOLLOW_TEXT = (
    "KAMPALA: About 1,500 fishermen have lost nets since January, the union said on Friday. "
    "Kenya and Uganda held talks in Kampala on April 10 & agreed to joint patrols."
)


def _quote(text: str, sentence: str) -> dict[str, Any]:
    start = text.index(sentence)
    return {"start": start, "end": start + len(sentence), "quote": sentence}


KEN = {"text": "Kenya", "name": "Kenya", "id": "KENGOV", "country": "KEN", "role": "GOV"}
UGA = {"text": "Uganda", "name": "Uganda", "id": "UGAGOV", "country": "UGA", "role": "GOV"}
KEN_MIL = {"text": "Kenyan patrol boats", "name": "Kenyan military", "id": "KENMIL",
           "country": "KEN", "role": "MIL"}


def write_outputs(out: Path, *, new_formats: bool = False) -> dict[str, Any]:
    """Write a small run's outputs into ``out``; return what was written."""
    out.mkdir(parents=True, exist_ok=True)
    articles = [
        {"id": "lake0001", "input_id": None, "path": "lake.txt",
         "url": "javascript:alert(1)", "outlet": "Lakeside <Herald>",
         "title": "Kenya and Uganda agree to share lake patrol data", "dateline": "Kisumu",
         "published": {"date": "2024-03-05", "source": "explicit", "earliest": None,
                       "latest": None},
         "text": LAKE_TEXT, "language": "en", "warnings": []},
        {"id": "follow02", "input_id": None, "path": "follow.txt",
         "url": "https://lake.example/follow", "outlet": "Kampala Ledger",
         "title": "Fishermen count lost nets", "dateline": "Kampala",
         "published": {"date": "2024-04-12", "source": "explicit", "earliest": None,
                       "latest": None},
         "text": FOLLOW_TEXT, "language": "en", "warnings": []},
    ]
    s_agree = "KISUMU: Kenya and Uganda agreed on Tuesday to share patrol data on Lake Victoria, officials said."
    s_accuse = "Uganda accused Kenyan patrol boats of seizing nets near Migingo Island on March 3."
    s_meet = "The two ministers will meet again in Kampala on April 10."
    s_talks = "Kenya and Uganda held talks in Kampala on April 10 & agreed to joint patrols."
    events = [
        {"id": "e_agree", "type": "AGREE", "quad": 1, "modality": "asserted",
         "source": [KEN, UGA], "target": None,
         "date": {"start": "2024-03-05", "end": "2024-03-05", "precision": "day", "text": None},
         "location": None, "story": None, "score": 2.5,
         "mentions": [dict(_quote(LAKE_TEXT, s_agree), article="lake0001", attribution="officials")]},
        {"id": "e_accuse", "type": "ACCUSE", "quad": 3, "modality": "asserted",
         "source": UGA, "target": KEN_MIL,
         "date": {"start": "2024-03-03", "end": "2024-03-03", "precision": "day", "text": "March 3"},
         "location": {"name": "Migingo Island", "country": "KEN", "lat": -0.88, "lon": 33.95},
         "story": None, "score": -3.0,
         "mentions": [dict(_quote(LAKE_TEXT, s_accuse), article="lake0001", attribution=None)]},
        {"id": "e_meet", "type": "CONSULT", "quad": 1, "modality": "future",
         "source": KEN, "target": UGA,
         "date": {"start": "2024-04-10", "end": "2024-04-10", "precision": "day", "text": "April 10"},
         "location": None, "story": None, "score": None,
         "mentions": [dict(_quote(LAKE_TEXT, s_meet), article="lake0001", attribution=None)]},
        {"id": "e_talks", "type": "CONSULT", "quad": 1, "modality": "asserted",
         "source": KEN, "target": UGA,
         "date": {"start": "2024-04-10", "end": "2024-04-10", "precision": "day", "text": "April 10"},
         "location": None, "story": None, "score": 4.0,
         "mentions": [dict(_quote(FOLLOW_TEXT, s_talks), article="follow02", attribution=None)]},
    ]
    s_fig1 = "About 1,200 fishermen have lost their nets since January, a union leader said."
    s_fig2 = "KAMPALA: About 1,500 fishermen have lost nets since January, the union said on Friday."
    figures = [
        {"id": "f1", "value": 1200.0, "qualifier": "about", "unit": "people",
         "what": "fishermen who lost nets", "where": None,
         "as_of": {"start": "2024-01-01", "end": "2024-03-05"}, "attribution": "a union leader",
         "mention": dict(_quote(LAKE_TEXT, s_fig1), article="lake0001")},
        {"id": "f2", "value": 1500.0, "qualifier": "about", "unit": "people",
         "what": "fishermen who lost nets", "where": None,
         "as_of": {"start": "2024-01-01", "end": "2024-04-12"}, "attribution": "the union",
         "mention": dict(_quote(FOLLOW_TEXT, s_fig2), article="follow02")},
    ]
    entries = [
        {"date": "2024-03-03", "precision": "day", "summary": [s_accuse], "events": ["e_accuse"],
         "sources": ["lake0001"]},
        {"date": "2024-04-10", "precision": "day", "summary": [s_talks],
         "events": ["e_talks", "e_meet"], "sources": ["follow02"]},
    ]
    timeline: dict[str, Any] = {"entries": entries, "stories": []}
    if new_formats:
        for a in articles:
            a["story"] = "st1"
            a["duplicate_of"] = None
        for e in events:
            e["story"] = "st1"
            e["sources"] = len({m["article"] for m in e["mentions"]})
            e["related"] = []
        timeline["stories"] = [{"id": "st1", "title": "Lake Victoria <fishing> dispute",
                                "entries": entries}]
        stories = [{"id": "st1", "title": "Lake Victoria <fishing> dispute",
                    "articles": ["lake0001", "follow02"], "first": "2024-03-05",
                    "last": "2024-04-12"}]
        series = [{"id": "s1", "story": "st1", "what": "fishermen who lost nets", "where": "Lake Victoria",
                   "unit": "people", "points": [
                       {"date": "2024-03-05", "as_of": {"start": "2024-01-01", "end": "2024-03-05"},
                        "value": 1200.0, "value_max": None, "qualifier": "about", "figures": ["f1"],
                        "sources": ["lake0001"], "disagree": False},
                       {"date": "2024-04-12", "as_of": {"start": "2024-01-01", "end": "2024-04-12"},
                        "value": 1500.0, "value_max": 1600.0, "qualifier": "about",
                        "figures": ["f2"], "sources": ["follow02"], "disagree": True}]}]
        _write_jsonl(out / "stories.jsonl", stories)
        _write_jsonl(out / "series.jsonl", series)
    _write_jsonl(out / "articles.jsonl", articles)
    _write_jsonl(out / "events.jsonl", events)
    _write_jsonl(out / "figures.jsonl", figures)
    (out / "timeline.json").write_text(json.dumps(timeline, ensure_ascii=False), "utf-8")
    return {"articles": articles, "events": events, "figures": figures, "timeline": timeline}


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
