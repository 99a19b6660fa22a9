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


# ---------------------------------------------------------------------------
# a bigger invented corpus: several stories, syndicated copies, thousands of events
# ---------------------------------------------------------------------------

_PLACES = [("Kisumu", "KEN", -0.09, 34.77), ("Jinja", "UGA", 0.44, 33.2),
           ("Mwanza", "TZA", -2.52, 32.9), ("Bukoba", "TZA", -1.33, 31.81),
           ("Entebbe", "UGA", 0.06, 32.46), ("Homa Bay", "KEN", -0.53, 34.46)]
_ACTORS = [KEN, UGA, KEN_MIL,
           {"text": "Tanzania", "name": "Tanzania", "id": "TZAGOV", "country": "TZA", "role": "GOV"},
           {"text": "fishermen", "name": "fishermen", "id": "CVL_FISH", "country": None,
            "role": "CVL"},
           {"text": "the lake authority", "name": "Lake Victoria Basin Commission",
            "id": "LVBC", "country": None, "role": "IGO"}]
_TYPES = [("ACCUSE", 3), ("CONSULT", 1), ("AGREE", 1), ("ASSAULT", 4), ("AID", 2),
          ("PROTEST", 3), ("COERCE", 4), ("COOPERATE", 2)]


def write_corpus(out: Path, *, stories: int = 4, articles_per_story: int = 6,
                 events: int = 200, copies: int = 1) -> dict[str, Any]:
    """Invented outputs of a run over several stories: story ``k`` has
    ``articles_per_story - k`` original articles (story 0 the biggest) plus ``copies``
    syndicated copies in the *smallest* story (so counting copies would rank it wrong).
    Events spread over the stories; one event in each story is dated 1937 (history named in
    passing) and one is unsure (confidence 0.02); figures hold a cumulative toll and a
    single-incident count of the same "people killed"."""
    out.mkdir(parents=True, exist_ok=True)
    arts: list[dict[str, Any]] = []
    evs: list[dict[str, Any]] = []
    figs: list[dict[str, Any]] = []
    story_rows: list[dict[str, Any]] = []
    tl_stories: list[dict[str, Any]] = []
    n_ev = 0
    per_story = max(3, events // stories)
    for k in range(stories):
        sid = f"story{k:02d}"
        n_art = max(1, articles_per_story - k)
        members = []
        for j in range(n_art + (copies if k == stories - 1 else 0)):
            place = _PLACES[(k + j) % len(_PLACES)]
            day = f"2024-0{3 + k % 6}-{10 + j % 18:02d}"
            killed = 10 + 5 * j
            lines = [
                f"{place[0].upper()}: Police and fishermen clashed at the {place[0]} landing "
                f"site on Monday, witnesses said.",
                f"The death toll from the clashes has risen to {killed} people since March, "
                f"officials said.",
                f"A boat explosion killed {3 + j} people near {place[0]} on Tuesday.",
                f"Delegates met in {place[0]} to discuss the lake patrols.",
            ]
            lines += [f"Report line {i} about patrol talks number {i} in story {k}."
                      for i in range(6)]
            text = "\n\n".join(lines)
            aid = f"{k:02x}{j:02x}" + "ab" * 6
            copy_of = members[0]["id"] if j >= n_art else None
            arts.append({"id": aid, "input_id": None, "path": f"s{k}/a{j}.txt", "url": None,
                         "outlet": ["Lakeside Herald", "Kampala Ledger", "Mwanza Mirror"][j % 3],
                         "title": None if k == 0 else f"Story {k} headline {j}",
                         "dateline": place[0],
                         "published": {"date": day, "source": "explicit", "earliest": None,
                                       "latest": None},
                         "text": text, "language": "en", "warnings": [], "story": sid,
                         "duplicate_of": copy_of})
            members.append(arts[-1])
            for what, sentence, value, as_of in (
                    ("people killed", lines[1], killed, {"start": "2024-03-01", "end": day}),
                    ("people killed", lines[2], 3 + j, {"start": day, "end": day})):
                q = _quote(text, sentence)
                figs.append({"id": f"f{len(figs)}", "value": float(value), "qualifier": None,
                             "unit": "people", "what": what, "where": None, "as_of": as_of,
                             "attribution": "officials",
                             "mention": dict(q, article=aid)})
        entries = []
        for i in range(per_story):
            a = members[i % len(members)]
            kind, quad = _TYPES[(i + k) % len(_TYPES)]
            line = a["text"].split("\n\n")[i % 4]
            src, tgt = _ACTORS[i % len(_ACTORS)], _ACTORS[(i + 1 + k) % len(_ACTORS)]
            date = a["published"]["date"]
            if i == 1:
                date_obj = {"start": "1937-02-01", "end": "1937-02-28", "precision": "month",
                            "text": "February 1937"}
            else:
                date_obj = {"start": date, "end": date, "precision": "day", "text": None}
            place = _PLACES[(k + i) % len(_PLACES)]
            mentions = [dict(_quote(m["text"], m["text"].split("\n\n")[i % 4]), article=m["id"],
                             attribution=None)
                        for m in members[: 1 + (i * 7) % len(members)]
                        if m["text"].split("\n\n")[i % 4] == line or m is a]
            evs.append({
                "id": f"e{n_ev:05d}", "type": kind, "quad": quad,
                "modality": "asserted" if i % 9 else "future",
                "source": src, "target": tgt, "date": date_obj,
                "location": {"name": place[0], "country": place[1], "lat": place[2],
                             "lon": place[3]} if i % 3 == 0 else None,
                "mentions": mentions or [dict(_quote(a["text"], line), article=a["id"],
                                              attribution=None)],
                "story": sid, "score": None,
                "sources": len({(m["article"] if not _dup(arts, m["article"])
                                 else _dup(arts, m["article"])) for m in mentions}) or 1,
                "related": [], "confidence": 0.02 if i == 2 else 0.5 + (i % 5) / 10})
            if i < 12 and i != 1:
                entries.append({"date": date, "precision": "day", "summary": [line],
                                "events": [evs[-1]["id"]], "sources": [a["id"]]})
            n_ev += 1
        dates = sorted(m["published"]["date"] for m in members)
        story_rows.append({"id": sid, "title": None if k == 0 else f"story {k} lake words",
                           "articles": [m["id"] for m in members], "first": dates[0],
                           "last": dates[-1]})
        tl_stories.append({"id": sid, "title": story_rows[-1]["title"],
                           "entries": sorted(entries, key=lambda e: e["date"])})
    _write_jsonl(out / "articles.jsonl", arts)
    _write_jsonl(out / "events.jsonl", evs)
    _write_jsonl(out / "figures.jsonl", figs)
    _write_jsonl(out / "stories.jsonl", story_rows)
    top = sorted((e for s in tl_stories for e in s["entries"]), key=lambda e: e["date"])[:20]
    (out / "timeline.json").write_text(json.dumps({"entries": top, "stories": tl_stories}),
                                       "utf-8")
    return {"articles": arts, "events": evs, "figures": figs, "stories": story_rows}


def _dup(arts: list[dict[str, Any]], aid: str) -> str | None:
    for a in arts:
        if a["id"] == aid:
            return a.get("duplicate_of")  # type: ignore[no-any-return]
    return None
