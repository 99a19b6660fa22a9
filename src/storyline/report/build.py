"""Build ``report.html``: one self-contained page from a run's output files.

The page carries its data as JSON in a ``<script type="application/json">``
block (``<``, ``>``, ``&``, U+2028 and U+2029 escaped, so no article text can
close the block) and draws everything with ``report.js`` through DOM APIs
(``textContent``, never ``innerHTML``), so markup inside an article is shown as
text and never runs. A Content-Security-Policy allows only the page's own script
(by hash) and no network access at all: the page works opened from disk, offline.

The run passes its data (:func:`report_data_of`: the typed records it read from the
store); :func:`build_report` builds the same page from a run's output files in
``out_dir`` (``articles.jsonl``, ``events.jsonl``, ``figures.jsonl``, ``timeline.json``,
``stories.jsonl``, ``series.jsonl``), every one optional: a missing file is an empty section.

The data holds the articles and events once and one *view* per story: the page opens on
the biggest story (by independent sources: a syndicated copy counts as its original) and
redraws every section from the view of the story a reader picks; the whole input is the
last view. What informs comes first:

* **title**: a member's headline, else a headline made from the sentence of the story's
  key event (never the story stage's key words when anything else exists);
* **events**: ranked by independent sources, then confidence (0.5 when missing); those
  dated by day, week or month inside the story's time come first, in date order; undated,
  historical ("in 1937") and unsure (confidence < ``LOW_CONFIDENCE``) ones wait behind
  a toggle;
* **figures**: each series split into running totals and single-incident counts (never
  one line), the series that say what they count and have most points first, figures
  reported once collapsed; the headline toll is the latest running total of deaths;
* **network** and **map**: the story's busiest actors (the page shows the top few) and
  only confidently placed events, the map fitted to where most of them happened.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from storyline.clean.detok import detokenise
from storyline.config import setting
from storyline.model import (
    DyadRow,
    Figure,
    LinkedArticle,
    MergedEvent,
    Series,
    Story,
    Timeline,
)
from storyline.outfiles import atomic_path
from storyline.story.dyads import build_dyads, country_level, event_pairs, event_score
from storyline.text.sentences import sentence_spans
from storyline.text.vocab import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES

Cite = dict[str, Any]

_PACKAGE = "storyline.report"
MAX_NETWORK_NODES = 40  # the page shows the top few and the rest on demand


# ---------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _resource(name: str) -> str:
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _world() -> list[dict[str, Any]]:
    text = resources.files("storyline").joinpath("data", "world.json").read_text("utf-8")
    return json.loads(text)["countries"]  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------
# quotes: every fact points at (article, start, end) in UTF-16 units for JS
# ---------------------------------------------------------------------------


class _Texts:
    """Article texts, and offsets converted from Python code points to JS UTF-16 units."""

    def __init__(self, articles: Iterable[Mapping[str, Any]]):
        self.text: dict[str, str] = {a["id"]: a.get("text") or "" for a in articles}
        self._wide: dict[str, list[int]] = {}
        for aid, text in self.text.items():
            if any(ord(c) > 0xFFFF for c in text):
                acc, table = 0, [0]
                for c in text:
                    acc += 2 if ord(c) > 0xFFFF else 1
                    table.append(acc)
                self._wide[aid] = table

    def _u16(self, aid: str, i: int) -> int:
        table = self._wide.get(aid)
        return table[i] if table else i

    def cite(self, aid: str | None, start: Any, end: Any, quote: str | None) -> Cite:
        """A citation the page can open: offsets when they hold, else the quote alone."""
        text = self.text.get(aid or "")
        if text is not None and isinstance(start, int) and isinstance(end, int) \
                and 0 <= start < end <= len(text) \
                and (not quote or text[start:end] == quote):
            return {"a": aid, "s": self._u16(aid or "", start), "e": self._u16(aid or "", end)}
        if text and quote:
            i = text.find(quote)
            if i >= 0:
                return self.cite(aid, i, i + len(quote), quote)
        return {"a": aid if text is not None else None, "q": quote or ""}

    def find(self, sentence: str, prefer: Iterable[str]) -> Cite:
        """Where a verbatim sentence sits: in the preferred articles first, then anywhere."""
        order = [a for a in prefer if a in self.text]
        order += [a for a in self.text if a not in order]
        for aid in order:
            i = self.text[aid].find(sentence)
            if i >= 0:
                return self.cite(aid, i, i + len(sentence), sentence)
        return {"a": None, "q": sentence}


# ---------------------------------------------------------------------------
# ranking: what informs first
# ---------------------------------------------------------------------------

# An event this unsure of itself waits behind the "more events" toggle.
LOW_CONFIDENCE = float(setting("report", "low_confidence", 0.05))  # data/config.toml
# Confidence of an event that carries none (older runs).
DEFAULT_CONFIDENCE = 0.5
# How far before a story's first article (and after its last) an event date is believable:
# "1400" or "Feb 1937" in a 2009 story is history mentioned in passing, not the story.
DATE_WINDOW_DAYS = 366
# Precisions that place an event on the story's time line.
_DATED = frozenset({"day", "week", "month"})

_WEEKDAYS_MONTHS = re.compile(
    r"\b(" + "|".join([*WEEKDAY_NAMES, *(m for m in MONTH_NAMES if m != "may"), "today",
                       "yesterday", "tonight"]) + r")\b", re.I)
# One-word place names that are a street sign's tail, a compass point or a kind of place.
_GENERIC_PLACES = frozenset({
    "street", "road", "avenue", "square", "city", "town", "village", "north", "south", "east",
    "west", "central", "capital", "state", "province", "region", "district", "county", "valley",
    "river", "lake", "island", "port", "airport", "hospital", "camp", "border", "downtown",
    "hill", "park", "bridge", "market", "station", "house", "palace", "centre", "center",
    "hope", "mission", "union", "independence", "liberty"})


def _confidence(ev: Mapping[str, Any]) -> float:
    c = ev.get("confidence")
    return float(c) if isinstance(c, (int, float)) else DEFAULT_CONFIDENCE


def _n_sources(ev: Mapping[str, Any], root: Mapping[str, str]) -> int:
    """Independent articles reporting the event (a syndicated copy counts as its original)."""
    n = ev.get("sources")
    if isinstance(n, int) and n > 0:
        return n
    arts = {root.get(a, a) for m in ev.get("mentions") or [] if (a := m.get("article"))}
    return max(1, len(arts))


def rank_key(ev: Mapping[str, Any], root: Mapping[str, str]) -> tuple[Any, ...]:
    """Most independent sources first, then the most confident, then the earliest."""
    return (-_n_sources(ev, root), -_confidence(ev), (ev.get("date") or {}).get("start") or "9999",
            str(ev.get("id")))


def _shift(day: str | None, days: int) -> str | None:
    if not day:
        return None
    try:
        return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return None


def _in_window(day: str | None, first: str | None, last: str | None) -> bool:
    if not day:
        return False
    lo, hi = _shift(first, -DATE_WINDOW_DAYS), _shift(last, DATE_WINDOW_DAYS)
    return not (lo and day < lo) and not (hi and day > hi)


def is_dated(ev: Mapping[str, Any], first: str | None, last: str | None) -> bool:
    """Dated precisely enough (day, week or month) and inside the story's time."""
    date = ev.get("date") or {}
    start = date.get("start")
    if not start or date.get("precision", "day") not in _DATED:
        return False
    return _in_window(start, first, last)


# ---------------------------------------------------------------------------
# sections
# ---------------------------------------------------------------------------


def _actor_names(side: Any) -> list[str]:
    items = side if isinstance(side, list) else [side] if side else []
    return [str(a.get("name") or a.get("text") or a.get("id")) for a in items
            if isinstance(a, Mapping)]


def _events(events: list[dict[str, Any]], texts: _Texts,
            root: Mapping[str, str], ctx: _Context) -> list[dict[str, Any]]:
    out = []
    for ev in events:
        date = ev.get("date") or {}
        loc = ev.get("location")
        mentions, seen = [], set()
        for m in ev.get("mentions") or []:
            cite = dict(texts.cite(m.get("article"), m.get("start"), m.get("end"),
                                   m.get("quote")), at=m.get("attribution"))
            key = (cite.get("a"), cite.get("s"), cite.get("q"))
            if key not in seen:  # the same passage reported twice is one report
                seen.add(key)
                mentions.append(cite)
        conf = ev.get("confidence")
        out.append({
            "id": ev.get("id"), "type": ev.get("type"), "quad": ev.get("quad"),
            "modality": ev.get("modality") or "asserted",
            "source": _actor_names(ev.get("source")), "target": _actor_names(ev.get("target")),
            "date": date.get("start") or None, "end": date.get("end") or None,
            "precision": date.get("precision"), "when": date.get("text"),
            "score": event_score(ctx.typed([ev])[0]), "story": ev.get("story"),
            "location": loc.get("name") if isinstance(loc, Mapping) else None,
            "sources": _n_sources(ev, root),
            "conf": round(float(conf), 2) if isinstance(conf, (int, float)) else None,
            "mentions": mentions,
        })
    out.sort(key=lambda e: (e["date"] or "9999", e["id"] or ""))
    return out


def _timeline(entries: list[dict[str, Any]], texts: _Texts) -> list[dict[str, Any]]:
    out = []
    for entry in entries:
        sources = entry.get("sources") or []
        out.append({
            "date": entry.get("date"), "precision": entry.get("precision", "day"),
            "sentences": [dict(texts.find(s, sources), t=s) for s in entry.get("summary") or []],
            "events": entry.get("events") or [], "sources": sources,
        })
    return out


# Cumulative and single-incident counts never share a series: "the toll rose to 200" and
# "a blast killed 12" are different quantities even when both are "people killed".
_CUMULATIVE = re.compile(
    r"\b(toll|total|totals|so far|since|to date|in all|overall|cumulative|altogether|tally|"
    r"(has|have|had) (now )?(risen|climbed|reached|grown|increased)|rose to|climbed to|"
    r"risen to|up to now|until now|in total|confirmed cases|the number of)\b", re.I)
_INCIDENT = re.compile(
    r"\b(attack|attacks|blast|bomb|bombing|bomber|explosion|crash|clash|clashes|raid|"
    r"air ?strike|strike|shooting|ambush|shelling|collapse|fire|stampede|accident|"
    r"suicide|gunmen|gunman|in a|in an|on (" + "|".join(WEEKDAY_NAMES) + r")|last night|"
    r"overnight)\b", re.I)
_DEATHS = re.compile(r"\b(killed|dead|deaths?|died|death toll|fatalities|lives|toll|"
                     r"perished|bodies)\b", re.I)


def figure_kind(quote: str, as_of: Mapping[str, Any] | None) -> str:
    """``cumulative`` (a running total) or ``incident`` (one event's count), from the
    figure's sentence: a total's cue wins; an incident needs one (an attack, "in a ..."),
    else a count is read as the running total the article reports."""
    as_of = as_of or {}
    if _CUMULATIVE.search(quote) or (as_of.get("start") and as_of.get("end")
                                     and as_of["start"] < as_of["end"]):
        return "cumulative"
    return "incident" if _INCIDENT.search(quote) else "cumulative"


# A "what" that names no quantity of its own: such series go after the ones that say what
# was counted ("people killed" before "people", "share", "amount").
_VAGUE_WHAT = frozenset({
    "people", "persons", "members", "share", "amount", "distance", "number", "total", "figure",
    "value", "percent", "percentage", "rate", "cost", "price", "sum", "level", "pounds",
    "dollars", "euros", "tonnes", "tons", "km", "miles", "mile", "metres", "meters", "times",
    "years", "days", "hours", "weeks", "months", "cases", "units", "items", "others"})


def _vague(what: Any, unit: Any) -> bool:
    words = re.findall(r"[\w'-]+", str(what or "").lower())
    return len(words) <= 1 and (not words or words[0] in _VAGUE_WHAT
                                or words[0] == str(unit or "").lower())


def _series(series: list[dict[str, Any]], figures: list[dict[str, Any]],
            texts: _Texts, root: Mapping[str, str], first: str | None = None,
            last: str | None = None) -> list[dict[str, Any]]:
    """Series of one view, each split by kind (cumulative or incident): the series that say
    what they count and have the most points first. Points dated outside the story's time
    (a year in passing, "in 1514") are left out."""
    by_id = {f.get("id"): f for f in figures}

    def fig_cite(f: Mapping[str, Any]) -> Cite:
        m = f.get("mention") or {}
        return dict(texts.cite(m.get("article"), m.get("start"), m.get("end"), m.get("quote")),
                    at=f.get("attribution"))

    def kind_of(f: Mapping[str, Any]) -> str:
        return figure_kind(str((f.get("mention") or {}).get("quote") or ""), f.get("as_of"))

    raw: list[tuple[dict[str, Any], list[tuple[dict[str, Any], list[dict[str, Any]]]]]] = []
    if series:
        for s in series:
            pts = [(p, [by_id[i] for i in p.get("figures") or [] if i in by_id])
                   for p in s.get("points") or []]
            raw.append((s, pts))
    else:
        groups: dict[tuple[Any, Any, Any], list[dict[str, Any]]] = defaultdict(list)
        for f in figures:
            groups[(f.get("what"), f.get("where"), f.get("unit"))].append(f)
        for (what, where, unit), figs in groups.items():
            figs.sort(key=lambda f: ((f.get("as_of") or {}).get("end") or "", f.get("id") or ""))
            pts = [({"date": (f.get("as_of") or {}).get("end"), "value": f.get("value"),
                     "value_max": None, "qualifier": f.get("qualifier"), "disagree": False}, [f])
                   for f in figs]
            raw.append(({"id": None, "what": what, "where": where, "unit": unit}, pts))
    out = []
    for s, pts in raw:
        split: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for p, figs in pts:
            if first and p.get("date") and not _in_window(p.get("date"), first, last):
                continue  # (an undated point is kept: listed apart by split_undated)
            kinds = Counter(kind_of(f) for f in figs)
            kind = "incident" if kinds["incident"] > kinds["cumulative"] else "cumulative"
            arts = {root.get(a, a) for f in figs
                    if (a := (f.get("mention") or {}).get("article"))}
            split[kind].append({"date": p.get("date"), "value": p.get("value"),
                                "max": p.get("value_max"), "qualifier": p.get("qualifier"),
                                "disagree": bool(p.get("disagree")),
                                "n": max(1, len(arts)), "cites": [fig_cite(f) for f in figs]})
        for kind, points in split.items():
            points = [p for p in points if isinstance(p["value"], (int, float))]
            if not points:
                continue
            points.sort(key=lambda p: (p["date"] or "", p["value"]))
            out.append({"id": s.get("id"), "what": s.get("what"), "where": s.get("where"),
                        "unit": s.get("unit"), "kind": kind, "points": points,
                        "sources": sum(p["n"] for p in points),
                        "vague": _vague(s.get("what"), s.get("unit"))})
    out.sort(key=lambda s: (s["vague"], -len(s["points"]), -s["sources"], str(s["what"]),
                            str(s["where"])))
    return out


def split_undated(series: list[dict[str, Any]]
                  ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The series with their dated points only (a chart places a point by its date: an
    undated one was drawn at ``cx="NaN"``), and the undated points apart, each with
    what it counts, for a list of their own. A series left with no point is dropped.

    >>> series = [{"what": "people displaced", "where": None, "unit": "people",
    ...            "kind": "cumulative", "sources": 2, "vague": False,
    ...            "points": [{"date": "2025-03-02", "n": 1}, {"date": None, "n": 1}]}]
    >>> dated, undated = split_undated(series)
    >>> [p["date"] for p in dated[0]["points"]], dated[0]["sources"], undated[0]["what"]
    (['2025-03-02'], 1, 'people displaced')
    """
    dated_series: list[dict[str, Any]] = []
    undated: list[dict[str, Any]] = []
    for sr in series:
        dated = [p for p in sr["points"] if p.get("date")]
        undated += [{"what": sr.get("what"), "where": sr.get("where"), "unit": sr.get("unit"),
                     "kind": sr.get("kind"), "point": p}
                    for p in sr["points"] if not p.get("date")]
        if dated:
            dated_series.append(dict(sr, points=dated, sources=sum(p["n"] for p in dated)))
    return dated_series, undated


def headline_toll(series: list[dict[str, Any]], last: str | None = None
                  ) -> dict[str, Any] | None:
    """The story's toll: the latest point of its best-reported running total of deaths
    (people), with its date and source. Points dated after the story's last article are
    forecasts ("by the end of the year"), not a toll."""
    best: tuple[Any, ...] | None = None
    pick = None
    for s in series:
        if s["kind"] != "cumulative" or s.get("unit") != "people" \
                or not _DEATHS.search(str(s.get("what") or "")):
            continue
        points = [p for p in s["points"] if p.get("date") and p["cites"]
                  and (not last or p["date"] <= last)]
        if not points:
            continue
        point = max(points, key=lambda p: (p["date"], p["n"], p["value"]))
        key = (sum(p["n"] for p in points), len(points), point["date"])
        if best is None or key > best:
            best, pick = key, {"what": s["what"], "where": s.get("where"), "unit": s["unit"],
                               "point": point}
    return pick


def _dyad_pairs(rows: list[DyadRow]) -> list[dict[str, Any]]:
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        key = (r.a, r.b)
        p = pairs.setdefault(key, {"a": r.a, "an": r.a_name, "b": r.b,
                                   "bn": r.b_name, "total": 0, "other": 0, "months": []})
        other = r.future + r.hypothetical + r.negated
        p["total"] += r.events
        p["other"] += other
        p["months"].append({"m": r.month, "q": [r.quad1, r.quad2, r.quad3, r.quad4],
                            "score": r.score_mean, "other": other, "ev": r.event_ids})
    return sorted(pairs.values(), key=lambda p: (-p["total"], -p["other"], p["an"], p["bn"]))


def _network(events: list[MergedEvent]) -> dict[str, Any]:
    """Actors (busiest first, at most ``MAX_NETWORK_NODES``) and the pairs between them."""
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    names: dict[str, str] = {}
    weight: Counter[str] = Counter()
    for ev in events:
        score = event_score(ev)
        asserted = (ev.modality or "asserted") == "asserted"
        for s, t in event_pairs(ev):
            a, b = sorted((str(s.id), str(t.id)))
            names.setdefault(str(s.id), str(s.name or s.id))
            names.setdefault(str(t.id), str(t.name or t.id))
            e = edges.setdefault((a, b), {"a": a, "b": b, "n": 0, "other": 0, "sum": 0.0,
                                          "scored": 0, "ev": []})
            if ev.id in e["ev"]:
                continue
            e["ev"].append(ev.id)
            weight[a] += 1
            weight[b] += 1
            if asserted:
                e["n"] += 1
                if score is not None:
                    e["sum"] += score
                    e["scored"] += 1
            else:
                e["other"] += 1
    keep = [n for n, _ in sorted(weight.items(), key=lambda kv: (-kv[1], names[kv[0]]))]
    keep = keep[:MAX_NETWORK_NODES]
    kept = set(keep)
    nodes = [{"id": nid, "name": names[nid], "w": weight[nid]} for nid in keep]
    out_edges = [{"a": e["a"], "b": e["b"], "n": e["n"], "other": e["other"],
                  "score": round(e["sum"] / e["scored"], 2) if e["scored"] else None,
                  "ev": e["ev"]}
                 for e in edges.values() if e["a"] in kept and e["b"] in kept]
    out_edges.sort(key=lambda e: (e["a"], e["b"]))
    return {"nodes": nodes, "edges": out_edges, "actors": len(weight)}


def _countries(events: Iterable[Mapping[str, Any]]) -> set[str]:
    out = set()
    for ev in events:
        for side in ("source", "target"):
            items = ev.get(side)
            for a in items if isinstance(items, list) else [items] if items else []:
                if isinstance(a, Mapping) and a.get("country"):
                    out.add(str(a["country"]))
    return out


def _actor_words(events: Iterable[Mapping[str, Any]]) -> set[str]:
    """Lower-cased actor names as written ('Clinton', 'Medvedev'): a place of that name in
    these articles is the person. A government written as its country ('Haiti' for Haiti)
    is left out: there the name is the place too."""
    out: set[str] = set()
    for ev in events:
        for side in ("source", "target"):
            items = ev.get(side)
            for a in items if isinstance(items, list) else [items] if items else []:
                if not isinstance(a, Mapping) or not a.get("text"):
                    continue
                text, name = str(a["text"]).lower(), str(a.get("name") or "").lower()
                # 'Clinton' for Hillary Clinton; 'Reuters' the agency (a capital written
                # for its government, 'Port-au-Prince' for Haiti, stays a place)
                if (text != name and text in name.split()) \
                        or (text == name and a.get("role") in ("MED", "BUS", "PTY")):
                    out.add(text)
    return out


def confident_place(name: str, actors: set[str]) -> bool:
    """A place name that reads as one: not a weekday's tail ("Homs Monday"), not a bare
    generic word ("Street"), not a person among the actors ("Clinton")."""
    n = name.strip()
    if len(n) < 3 or not n[:1].isupper() or _WEEKDAYS_MONTHS.search(n):
        return False
    return n.lower() not in _GENERIC_PLACES and n.lower() not in actors


def _map_points(events: list[dict[str, Any]],
                places: Mapping[str, list[Mapping[str, Any]]] | None,
                actors: set[str]) -> list[dict[str, Any]]:
    """Where events happened, one point per place name (the spot most events give), only
    for confidently placed events; else places named inside an event's quote (``named``)."""
    points: dict[str, dict[str, Any]] = {}
    spots: dict[str, Counter[tuple[float, float]]] = defaultdict(Counter)

    def add(name: str, lat: float, lon: float, kind: str, eid: str) -> None:
        name = re.sub(r"\s*'s$", "", name.strip())  # "Port-au-Prince 's" is Port-au-Prince
        key = name.casefold()
        p = points.setdefault(key, {"name": name, "kind": kind, "ev": []})
        if eid not in p["ev"]:
            p["ev"].append(eid)
        if kind == "event":
            p["kind"] = "event"
        spots[key][(round(lat, 3), round(lon, 3))] += 1

    for ev in events:
        loc = ev.get("location")
        eid = str(ev.get("id"))
        if isinstance(loc, Mapping) and isinstance(loc.get("lat"), (int, float)) \
                and isinstance(loc.get("lon"), (int, float)):
            if confident_place(str(loc.get("name") or ""), actors):
                add(str(loc.get("name")), float(loc["lat"]), float(loc["lon"]), "event", eid)
            continue
        if not places:
            continue
        for m in ev.get("mentions") or []:
            for p in places.get(m.get("article"), []):
                # A place inside the quote, below country level (a country named as a place
                # is mostly an actor, not where something happened).
                if not p.get("admin1") or p.get("lat") is None or p.get("lon") is None:
                    continue
                if not (m.get("start", 0) <= p.get("start", -1) < m.get("end", 0)):
                    continue
                if confident_place(str(p.get("name") or ""), actors):
                    add(str(p.get("name")), float(p["lat"]), float(p["lon"]), "named", eid)
    out = []
    for key, p in points.items():
        (lat, lon), _ = spots[key].most_common(1)[0]
        out.append(dict(p, lat=lat, lon=lon))
    out.sort(key=lambda p: (-len(p["ev"]), p["name"]))
    return out


def fit_box(points: Sequence[Mapping[str, Any]]) -> list[float] | None:
    """[lon0, lat0, lon1, lat1] around the story's region: the points within reach of the
    busiest ones; a single far-off mention does not stretch the map to the world."""
    if not points:
        return None
    # events placed by their own location fit the map; places named in a sentence only
    # when there is nothing else
    placed = [p for p in points if p.get("kind", "event") == "event"]
    points = placed or points
    weights = [len(p["ev"]) for p in points]
    order = sorted(range(len(points)), key=lambda i: -weights[i])
    total = sum(weights)
    # the core: the busiest places holding half the events
    core, acc = [], 0
    for i in order:
        core.append(i)
        acc += weights[i]
        if acc * 2 >= total:
            break
    lat_c = sorted(points[i]["lat"] for i in core)[len(core) // 2]
    lon_c = sorted(points[i]["lon"] for i in core)[len(core) // 2]
    dist = [math.hypot(p["lat"] - lat_c, (p["lon"] - lon_c) * math.cos(math.radians(lat_c)))
            for p in points]
    reach = max(12.0, 2.5 * max(dist[i] for i in core))
    keep = [p for p, d, w in zip(points, dist, weights, strict=True)
            if d <= reach or w * 10 >= total]
    lons = [p["lon"] for p in keep]
    lats = [p["lat"] for p in keep]
    return [min(lons), min(lats), max(lons), max(lats)]


# ---------------------------------------------------------------------------
# stories: the views the page switches between
# ---------------------------------------------------------------------------

_WIRE_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .,'/-]{1,40}\s*\|[^|]{0,60}?\b(?:[AP]M|am|pm)(?:\s+[A-Z]{2,4})?\s+)?"
    r"(?:[A-Z][A-Z .,'/-]{1,40}\s*)?(?:\(|-LRB-)\s*(?:Reuters|AP|AFP|UPI|Xinhua)\s*"
    r"(?:\)|-RRB-)\s*-*\s*")
_CAPS_DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'/-]{2,40}(?:\s*\([^)]{1,30}\))?\s*[:\u2014-]+\s+")
_LEADING_WHEN = re.compile(r"^(?:On|Early on|Late on|By|As of)\s+[^,]{3,30}?\s*,\s+(?=\w)")
# a page's link text or a wire desk's tag before the sentence: "Full Article", "UPDATE 2 -"
_WIRE_TAG = re.compile(r"^(?:Full Article\s+)?(?:(?:ANALYSIS|UPDATE(?: \d+)?|FACTBOX|WRAPUP"
                       r"(?: \d+)?|INTERVIEW|EXCLUSIVE|REFILE|CORRECTED)\s+-+\s+)?")
HEADLINE_CHARS = 110  # a built headline longer than this is cut at a word


def headline_from_sentence(sentence: str) -> str:
    """A readable headline from an event's sentence: the wire dateline dropped, tokenised
    punctuation rejoined ("Haiti 's" -> "Haiti's"), cut at a word when long."""
    text = _WIRE_DATELINE.sub("", sentence, count=1)
    text = _CAPS_DATELINE.sub("", text, count=1)
    text = _LEADING_WHEN.sub("", text, count=1)
    text = _WIRE_TAG.sub("", text, count=1)
    text = detokenise(" ".join(text.split()))
    if len(text) > 2 and text[0] == text[-1] == '"' and text.count('"') == 2:
        text = text[1:-1].strip()
    if len(text) > HEADLINE_CHARS:
        cut = text[:HEADLINE_CHARS].rsplit(" ", 1)[0].rstrip(",;:- ")
        text = cut + " …"
    elif text.endswith("."):
        text = text[:-1]
    return text[:1].upper() + text[1:]


def _first_quote(ev: Mapping[str, Any]) -> str:
    return str(((ev.get("mentions") or [{}])[0]).get("quote") or "")


def key_event(ranked: Sequence[Mapping[str, Any]], lead: Mapping[str, Any],
              taken: Collection[str] = (), keywords: Collection[str] = ()
              ) -> Mapping[str, Any] | None:
    """The event a story is about: reported as having happened, by the most independent
    sources; a report in an article's lead (its first sentences) and each of the story's
    key words in its sentence count two sources more. An event whose headline a bigger story
    already took (a page's sidebar headline, repeated in many pages) is passed over."""
    best, pick = None, None
    for ev in ranked:
        if (ev.get("modality") or "asserted") != "asserted":
            continue
        if taken and headline_from_sentence(_first_quote(ev)) in taken:
            continue
        ledes = sum(1 for m in ev.get("mentions") or []
                    if isinstance(m.get("start"), int) and m["start"] <= lead.get(
                        m.get("article"), 0))
        words = set(re.findall(r"[\w'-]+", _first_quote(ev).lower()))
        hits = sum(1 for k in keywords if k in words)
        key = (int(ev.get("sources") or 1) + 2 * ledes + 2 * hits, -len(_first_quote(ev)))
        if best is None or key > best:
            best, pick = key, ev
    return pick


def _keywords(title: str) -> bool:
    """A title that is the story stage's list of key words ("syria syrian assad killed")."""
    return title == title.lower() and not re.search(r"[^\w\s'-]", title)


def choose_title(given: str | None, members: Sequence[Mapping[str, Any]],
                 ranked: Sequence[Mapping[str, Any]], cited: Counter[str],
                 taken: Collection[str] = ()) -> tuple[str, str]:
    """(title, where it comes from): a member's headline (the story's chosen one, else the
    headline of the article the most events cite), else a headline made from the sentence of
    the story's key event, else the words the story stage gave."""
    titles = {str(a["id"]): str(a["title"]) for a in members if a.get("title")}
    if given and (given in titles.values() or not _keywords(given)):
        return given, "headline"
    if titles:
        best = max(titles, key=lambda a: (cited[a], -len(titles[a]), a))
        return titles[best], "headline"
    keywords = [w for w in (given or "").lower().split() if len(w) > 2] \
        if given and _keywords(given) else []
    ev = key_event(ranked, {str(a["id"]): _lead_end(str(a.get("text") or "")) for a in members},
                   taken, keywords)
    quote = _first_quote(ev or {})
    if ev is not None and quote.strip():
        return headline_from_sentence(quote), "event"
    # no event: the lead sentence of its earliest article
    for a in sorted(members, key=lambda a: ((a.get("published") or {}).get("date") or "9999")):
        text = str(a.get("text") or "").strip()
        if text:
            return headline_from_sentence(text[:_lead_end(text, 1)]), "lead"
    return (given or "News coverage"), "keywords"


def _lead_end(text: str, sentences: int = 2) -> int:
    """Where an article's lead (its first sentences, of the shared segmentation) ends."""
    spans = sentence_spans(text)
    return spans[sentences - 1][1] if len(spans) >= sentences else len(text)


def _view(sid: str | None, given_title: str | None, members: list[dict[str, Any]],
          events: list[dict[str, Any]], figures: list[dict[str, Any]],
          series: list[dict[str, Any]], entries: list[dict[str, Any]], ctx: _Context,
          taken: set[str] | None = None) -> dict[str, Any]:
    """Everything one story (or the whole input) shows: the page swaps these on a click."""
    root = ctx.root
    originals = [a for a in members if not a.get("duplicate_of")]
    dates = sorted(d for a in members if (d := (a.get("published") or {}).get("date")))
    first, last = (dates[0], dates[-1]) if dates else (None, None)
    ranked = sorted(events, key=lambda e: rank_key(e, root))
    cited: Counter[str] = Counter()
    for ev in events:
        for art in {m.get("article") for m in ev.get("mentions") or []}:
            if art:
                cited[str(art)] += 1
    title, title_from = choose_title(given_title, members, ranked, cited, taken or set())
    if taken is not None:
        taken.add(title)
    main: list[Any] = []
    rest: list[Any] = []
    for ev in ranked:
        ok = is_dated(ev, first, last) and _confidence(ev) >= LOW_CONFIDENCE
        (main if ok else rest).append(ev["id"])
    # the chart and the network follow the story's own time: history named in passing
    # ("in 1937") would stretch a month axis over centuries
    timely = [ev for ev in events if is_dated(ev, first, last)]
    outlets = _outlets(originals)
    view_series, undated_figures = split_undated(_series(series, figures, ctx.texts, root,
                                                         first, last))
    points = _map_points(events, ctx.places, ctx.actors)
    return {
        "id": sid, "title": title, "titleFrom": title_from,
        "articles": len(members), "sources": len(originals) or len(members),
        "first": first, "last": last,
        "outlets": [o for o, _ in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))],
        "entries": _timeline([e for e in entries if _in_window(e.get("date"), first, last)],
                             ctx.texts),
        "main": main, "rest": rest,
        "series": view_series, "toll": headline_toll(view_series, last),
        "undatedFigures": undated_figures,
        "dyads": {"country": _dyad_pairs(build_dyads(country_level(ctx.typed(timely)), ctx.dup)),
                  "actor": _dyad_pairs(build_dyads(ctx.typed(timely), ctx.dup))},
        "network": _network(ctx.typed(events)),
        "map": {"points": points, "box": fit_box(points),
                "involved": sorted(_countries(events))},
    }


class _Context:
    def __init__(self, texts: _Texts, root: dict[str, str], dup: dict[str, str | None],
                 places: Mapping[str, list[Mapping[str, Any]]] | None, actors: set[str],
                 typed: dict[int, MergedEvent]):
        self.texts, self.root, self.dup, self.places, self.actors = \
            texts, root, dup, places, actors
        self._typed = typed  # id() of an event's JSON data -> the event

    def typed(self, events: list[dict[str, Any]]) -> list[MergedEvent]:
        """The typed events behind these JSON events (for the dyads and the network)."""
        return [self._typed[id(ev)] for ev in events]



def _outlets(articles: list[Any]) -> Counter[str]:
    """Articles per outlet, spellings of one outlet counted together (``outlet_key``:
    "DELTA COURIER" and "Delta Courier", "Reuters" and "Reuтers" with a Cyrillic т),
    each named by its most frequent spelling that does not mix scripts."""
    from storyline.clean.metadata import mixed_script, outlet_key

    spellings: dict[str, Counter[str]] = {}
    for a in articles:
        name = a.get("outlet")
        if isinstance(name, str) and name.strip():
            spellings.setdefault(outlet_key(name), Counter())[name] += 1
    return Counter({min(c, key=lambda n: (mixed_script(n), -c[n], n)): sum(c.values())
                    for c in spellings.values()})


def _views(articles: list[dict[str, Any]], events: list[dict[str, Any]],
           figures: list[dict[str, Any]], series: list[dict[str, Any]],
           stories: list[dict[str, Any]], timeline: Any, ctx: _Context) -> list[dict[str, Any]]:
    """One view per story, the biggest (by independent sources) first; the whole input
    last when there is more than one story, or alone when there is none."""
    timeline = timeline or {}
    tl_of = {s.get("id"): s.get("entries") or [] for s in timeline.get("stories") or []}
    given = {s.get("id"): s.get("title") for s in stories}
    given.update({s.get("id"): s.get("title") for s in timeline.get("stories") or []
                  if s.get("title") and not given.get(s.get("id"))})
    story_of = {str(a["id"]): a.get("story") for a in articles}
    for s in stories:
        for aid in s.get("articles") or []:
            story_of.setdefault(str(aid), s.get("id"))
    members: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for a in articles:
        if story_of.get(str(a["id"])):
            members[story_of[str(a["id"])]].append(a)
    ev_of: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for ev in events:
        sid = ev.get("story")
        if not sid:
            arts = [story_of.get(str(m.get("article"))) for m in ev.get("mentions") or []]
            sid = Counter(a for a in arts if a).most_common(1)[0][0] if any(arts) else None
        if sid:
            ev_of[sid].append(ev)
    fig_of: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for f in figures:
        fig_of[story_of.get(str((f.get("mention") or {}).get("article")))].append(f)
    ser_of: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for s in series:
        ser_of[s.get("story")].append(s)
    ids = [s.get("id") for s in stories] or list(tl_of)
    ids += [sid for sid in members if sid not in ids]
    # the biggest stories choose their titles first
    ids.sort(key=lambda sid: -sum(1 for a in members.get(sid, []) if not a.get("duplicate_of")))
    views: list[dict[str, Any]] = []
    taken: set[str] = set()
    for sid in ids:
        if not members.get(sid) and not ev_of.get(sid) and not tl_of.get(sid):
            continue
        views.append(_view(sid, given.get(sid), members.get(sid, []), ev_of.get(sid, []),
                           fig_of.get(sid, []), ser_of.get(sid, []), tl_of.get(sid, []), ctx,
                           taken))
    views.sort(key=lambda v: (-v["sources"], -len(v["main"]), v["title"], str(v["id"])))
    covered = sum(len(v["main"]) + len(v["rest"]) for v in views)
    if len(views) != 1 or covered < len(events):  # the whole input, when it shows more
        whole = _view(None, None, articles, events, figures, series,
                      timeline.get("entries") or [], ctx)
        whole["title"] = "All stories" if views else whole["title"]
        whole["all"] = True
        views.append(whole)
    return views


_MONTHS = MONTH_ABBREVIATIONS


def _span(first: str | None, last: str | None) -> str:
    """``25 Feb – 23 Apr 2025`` for two ISO dates (either may be missing)."""
    def parts(d: str) -> tuple[str, str, str]:
        y, m, day = [*d.split("-"), "", ""][:3]
        month = _MONTHS[int(m) - 1] if m.isdigit() and 1 <= int(m) <= 12 else m
        return str(int(day)) if day.isdigit() else day, month, y

    if not first or not last:
        one = first or last
        return " ".join(x for x in parts(one) if x) if one else ""
    (d1, m1, y1), (d2, m2, y2) = parts(first), parts(last)
    if first == last:
        return f"{d1} {m1} {y1}"
    left = f"{d1} {m1}" if y1 == y2 else f"{d1} {m1} {y1}"
    return f"{left} – {d2} {m2} {y2}"


def json_for_script(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def report_data(out_dir: Path,
                places: Mapping[str, list[Mapping[str, Any]]] | None = None) -> dict[str, Any]:
    """The page data of the output files in ``out_dir`` (a missing file is an empty
    section): what :func:`report_data_of` gives for a run's records, for building a report
    from a run's outputs alone."""
    events = read_jsonl(out_dir / "events.jsonl")
    return _report_data(read_jsonl(out_dir / "articles.jsonl"), events,
                        [MergedEvent.from_json(e) for e in events],
                        read_jsonl(out_dir / "figures.jsonl"),
                        read_jsonl(out_dir / "series.jsonl"),
                        read_jsonl(out_dir / "stories.jsonl"), _json(out_dir / "timeline.json"),
                        places)


def report_data_of(articles: Sequence[LinkedArticle], events: Sequence[MergedEvent],
                   figures: Sequence[Figure], series: Sequence[Series],
                   stories: Sequence[Story], timeline: Timeline | None,
                   places: Mapping[str, list[Mapping[str, Any]]] | None = None
                   ) -> dict[str, Any]:
    """Everything the page shows, as plain JSON data: the articles and events once, and one
    view per story (biggest first) that the page switches between."""
    return _report_data([a.to_json() for a in articles], [e.to_json() for e in events],
                        list(events), [f.to_json() for f in figures],
                        [s.to_json() for s in series], [s.to_json() for s in stories],
                        timeline.to_json() if timeline is not None else None, places)


def _report_data(articles: list[dict[str, Any]], events: list[dict[str, Any]],
                 typed: list[MergedEvent], figures: list[dict[str, Any]],
                 series: list[dict[str, Any]], stories: list[dict[str, Any]], timeline: Any,
                 places: Mapping[str, list[Mapping[str, Any]]] | None) -> dict[str, Any]:
    texts = _Texts(articles)
    dup = {a["id"]: a.get("duplicate_of") for a in articles if a.get("duplicate_of")}
    root = {k: str(v) for k, v in dup.items() if v}
    ctx = _Context(texts, root, dup, places, _actor_words(events),
                   {id(e): t for e, t in zip(events, typed, strict=True)})
    views = _views(articles, events, figures, series, stories, timeline, ctx)
    dates = sorted(d for a in articles if (d := (a.get("published") or {}).get("date")))
    outlets = _outlets(articles)
    shown = _events(events, texts, root, ctx)
    return {
        "meta": {
            "title": views[0]["title"] if views else "News coverage",
            "articles": len(articles),
            "copies": len(dup),
            "outlets": [o for o, _ in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))],
            "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
            "events": len(events), "figures": len(figures),
            "stories": sum(1 for v in views if not v.get("all")),
            "lowConfidence": LOW_CONFIDENCE,
        },
        "articles": {a["id"]: {
            "title": a.get("title"), "outlet": a.get("outlet"),
            "date": (a.get("published") or {}).get("date"),
            "dateSource": (a.get("published") or {}).get("source"),
            "url": a.get("url"), "dateline": a.get("dateline"), "text": a.get("text") or "",
            "story": a.get("story"), "dup": a.get("duplicate_of"),
        } for a in _cited(articles, shown, views)},
        "events": shown,
        "views": views,
        "world": _world(),
    }


def _cited(articles: list[dict[str, Any]], *shown: Any) -> list[dict[str, Any]]:
    """The articles the page cites (a citation's ``a``, a timeline entry's ``sources``)
    and the originals of those that are copies: the page carries each one's text once,
    so 20,000 feed items that no fact rests on made a 5 MB page of texts never shown."""
    known = {a["id"] for a in articles}
    ids: set[str] = set()
    stack: list[Any] = list(shown)
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "a" and isinstance(v, str) and v in known:
                    ids.add(v)
                elif k == "sources" and isinstance(v, list):
                    ids.update(a for a in v if isinstance(a, str) and a in known)
                elif isinstance(v, (dict, list)):
                    stack.append(v)
        elif isinstance(x, list):
            stack.extend(y for y in x if isinstance(y, (dict, list)))
    dup = {a["id"]: a.get("duplicate_of") for a in articles}
    ids |= {d for i in ids if isinstance(d := dup.get(i), str) and d in known}
    return [a for a in articles if a["id"] in ids]


def render(data: dict[str, Any]) -> str:
    """The page for ``data`` (see :func:`report_data`)."""
    template = _resource("template.html")
    css = _resource("report.css")
    js = _resource("report.js")
    if "</script" in js.lower() or "</style" in css.lower():
        raise ValueError("report.js / report.css must not close their own element")
    script_hash = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    meta = data["meta"]
    span = _span(meta["first"], meta["last"])
    outlets = meta["outlets"]
    facts = [f"{meta['articles']} articles"
             + (f" ({meta['copies']} syndicated cop{'y' if meta['copies'] == 1 else 'ies'})"
                if meta["copies"] else "")]
    if len(outlets) > 1:
        facts.append(f"{len(outlets)} outlets")
    if span:
        facts.append(span)
    if meta["stories"] > 1:
        facts.append(f"{meta['stories']} stories")
    facts += [f"{meta['events']} events", f"{meta['figures']} figures"]
    values = {
        "__CSP_SCRIPT__": f"'sha256-{script_hash}'",
        "__TITLE__": html.escape(meta["title"]),
        "__FACTS__": " · ".join(html.escape(f) for f in facts),
        "__ARTICLES__": html.escape(f"{meta['articles']} articles"),
        "__OUTLETS__": html.escape(", ".join(outlets[:12]) + (" …" if len(outlets) > 12 else "")
                                   if outlets else "not named in the articles"),
        "__STYLE__": css,
        "__SCRIPT__": js,
        "__DATA__": json_for_script(data),
    }
    # One pass over the template: a substituted value is never searched for markers.
    return re.sub(r"__[A-Z_]+__", lambda m: values.get(m.group(0), m.group(0)), template)


def write_report(data: dict[str, Any], out_dir: Path) -> Path:
    """Write ``out_dir/report.html`` for ``data`` (:func:`report_data_of`) atomically."""
    page = render(data)
    path = Path(out_dir) / "report.html"
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return path


def build_report(out_dir: Path,
                 places: Mapping[str, list[Mapping[str, Any]]] | None = None) -> Path:
    """Write ``out_dir/report.html`` from the output files there and return its path.

    ``places`` (article id -> place mentions with offsets, lat and lon) lets the map show
    places named in an event's sentence when the event itself has no location. The run
    itself passes its data instead (:func:`report_data_of`, :func:`write_report`).
    """
    out_dir = Path(out_dir)
    return write_report(report_data(out_dir, places), out_dir)
