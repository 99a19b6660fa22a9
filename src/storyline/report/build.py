"""Build ``report.html``: one self-contained page from a run's output files.

The page carries its data as JSON in a ``<script type="application/json">``
block (``<``, ``>``, ``&``, U+2028 and U+2029 escaped, so no article text can
close the block) and draws everything with ``report.js`` through DOM APIs
(``textContent``, never ``innerHTML``), so markup inside an article is shown as
text and never runs. A Content-Security-Policy allows only the page's own script
(by hash) and no network access at all: the page works opened from disk, offline.

Inputs read from ``out_dir``: ``articles.jsonl``, ``events.jsonl``,
``figures.jsonl``, ``timeline.json`` and, when present, ``stories.jsonl`` and
``series.jsonl``. Everything is optional: a missing file is an empty section.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from storyline.story.dyads import build_dyads, country_level, event_pairs, event_score

Cite = dict[str, Any]

_PACKAGE = "storyline.report"
MAX_NETWORK_NODES = 40


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
# sections
# ---------------------------------------------------------------------------


def _actor_names(side: Any) -> list[str]:
    items = side if isinstance(side, list) else [side] if side else []
    return [str(a.get("name") or a.get("text") or a.get("id")) for a in items
            if isinstance(a, Mapping)]


def _events(events: list[dict[str, Any]], texts: _Texts) -> list[dict[str, Any]]:
    out = []
    for ev in events:
        date = ev.get("date") or {}
        loc = ev.get("location")
        out.append({
            "id": ev.get("id"), "type": ev.get("type"), "quad": ev.get("quad"),
            "modality": ev.get("modality") or "asserted",
            "source": _actor_names(ev.get("source")), "target": _actor_names(ev.get("target")),
            "date": date.get("start") or None, "end": date.get("end") or None,
            "precision": date.get("precision"), "when": date.get("text"),
            "score": event_score(ev), "story": ev.get("story"),
            "location": loc.get("name") if isinstance(loc, Mapping) else None,
            "sources": ev.get("sources"),
            "mentions": [dict(texts.cite(m.get("article"), m.get("start"), m.get("end"),
                                         m.get("quote")), at=m.get("attribution"))
                         for m in ev.get("mentions") or []],
        })
    out.sort(key=lambda e: (e["date"] or "9999", e["id"] or ""))
    return out


def _timelines(timeline: Any, stories: list[dict[str, Any]], texts: _Texts,
               fallback_title: str) -> list[dict[str, Any]]:
    timeline = timeline or {}
    titles = {s.get("id"): s.get("title") for s in stories}
    raw = [s for s in timeline.get("stories") or [] if s.get("entries")]
    if not raw:
        raw = [{"id": None, "title": fallback_title, "entries": timeline.get("entries") or []}]
    out = []
    for story in raw:
        entries = []
        for entry in story.get("entries") or []:
            sources = entry.get("sources") or []
            entries.append({
                "date": entry.get("date"), "precision": entry.get("precision", "day"),
                "sentences": [dict(texts.find(s, sources), t=s)
                              for s in entry.get("summary") or []],
                "events": entry.get("events") or [], "sources": sources,
            })
        out.append({"id": story.get("id"),
                    "title": story.get("title") or titles.get(story.get("id")) or fallback_title,
                    "entries": entries})
    return out


def _series(series: list[dict[str, Any]], figures: list[dict[str, Any]],
            texts: _Texts) -> list[dict[str, Any]]:
    by_id = {f.get("id"): f for f in figures}

    def fig_cite(f: Mapping[str, Any]) -> Cite:
        m = f.get("mention") or {}
        return dict(texts.cite(m.get("article"), m.get("start"), m.get("end"), m.get("quote")),
                    at=f.get("attribution"))

    out = []
    if series:
        for s in series:
            points = []
            for p in s.get("points") or []:
                cites = [fig_cite(by_id[i]) for i in p.get("figures") or [] if i in by_id]
                points.append({"date": p.get("date"), "value": p.get("value"),
                               "max": p.get("value_max"), "qualifier": p.get("qualifier"),
                               "disagree": bool(p.get("disagree")), "cites": cites})
            out.append({"id": s.get("id"), "story": s.get("story"), "what": s.get("what"),
                        "where": s.get("where"), "unit": s.get("unit"), "points": points})
    else:
        groups: dict[tuple[Any, Any, Any], list[dict[str, Any]]] = defaultdict(list)
        for f in figures:
            groups[(f.get("what"), f.get("where"), f.get("unit"))].append(f)
        for (what, where, unit), figs in groups.items():
            figs.sort(key=lambda f: ((f.get("as_of") or {}).get("end") or "", f.get("id") or ""))
            points = [{"date": (f.get("as_of") or {}).get("end"), "value": f.get("value"),
                       "max": None, "qualifier": f.get("qualifier"), "disagree": False,
                       "cites": [fig_cite(f)]} for f in figs]
            out.append({"id": None, "story": None, "what": what, "where": where, "unit": unit,
                        "points": points})
    out.sort(key=lambda s: (-len(s["points"] or []), str(s["what"]), str(s["where"])))
    return out


def _dyad_pairs(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        key = (r["a"], r["b"])
        p = pairs.setdefault(key, {"a": r["a"], "an": r["a_name"], "b": r["b"],
                                   "bn": r["b_name"], "total": 0, "other": 0, "months": []})
        other = r["future"] + r["hypothetical"] + r["negated"]
        p["total"] += r["events"]
        p["other"] += other
        p["months"].append({"m": r["month"], "q": [r["quad1"], r["quad2"], r["quad3"],
                                                   r["quad4"]],
                            "score": r["score_mean"], "other": other, "ev": r["event_ids"]})
    return sorted(pairs.values(), key=lambda p: (-p["total"], -p["other"], p["an"], p["bn"]))


def _network(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Actors as nodes on a circle (busiest first, from the top), pairs as weighted edges."""
    import math

    edges: dict[tuple[str, str], dict[str, Any]] = {}
    names: dict[str, str] = {}
    weight: Counter[str] = Counter()
    for ev in events:
        score = event_score(ev)
        asserted = (ev.get("modality") or "asserted") == "asserted"
        for s, t in event_pairs(ev):
            a, b = sorted((str(s["id"]), str(t["id"])))
            names.setdefault(str(s["id"]), str(s.get("name") or s["id"]))
            names.setdefault(str(t["id"]), str(t.get("name") or t["id"]))
            e = edges.setdefault((a, b), {"a": a, "b": b, "n": 0, "other": 0, "sum": 0.0,
                                          "scored": 0, "ev": []})
            if ev.get("id") in e["ev"]:
                continue
            e["ev"].append(ev.get("id"))
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
    nodes = []
    for i, nid in enumerate(keep):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(keep))
        r = 0.0 if len(keep) == 1 else 0.38
        nodes.append({"id": nid, "name": names[nid], "w": weight[nid],
                      "x": round(0.5 + r * math.cos(angle), 4),
                      "y": round(0.5 + r * math.sin(angle), 4)})
    out_edges = [{"a": e["a"], "b": e["b"], "n": e["n"], "other": e["other"],
                  "score": round(e["sum"] / e["scored"], 2) if e["scored"] else None,
                  "ev": e["ev"]}
                 for e in edges.values() if e["a"] in kept and e["b"] in kept]
    out_edges.sort(key=lambda e: (e["a"], e["b"]))
    return {"nodes": nodes, "edges": out_edges}


def _countries(events: Iterable[Mapping[str, Any]]) -> set[str]:
    out = set()
    for ev in events:
        for side in ("source", "target"):
            items = ev.get(side)
            for a in items if isinstance(items, list) else [items] if items else []:
                if isinstance(a, Mapping) and a.get("country"):
                    out.add(str(a["country"]))
    return out


def _map_points(events: list[dict[str, Any]],
                places: Mapping[str, list[Mapping[str, Any]]] | None) -> list[dict[str, Any]]:
    """Event locations; else places named inside an event's quote (``named``)."""
    points: dict[tuple[str, float, float, str], list[str]] = defaultdict(list)
    for ev in events:
        loc = ev.get("location")
        eid = str(ev.get("id"))
        if isinstance(loc, Mapping) and isinstance(loc.get("lat"), (int, float)) \
                and isinstance(loc.get("lon"), (int, float)):
            points[(str(loc.get("name")), float(loc["lat"]), float(loc["lon"]), "event")] \
                .append(eid)
            continue
        if not places:
            continue
        seen = set()
        for m in ev.get("mentions") or []:
            for p in places.get(m.get("article"), []):
                # A place inside the quote, below country level (a country named as a place
                # is mostly an actor, not where something happened).
                if not p.get("admin1") or p.get("lat") is None or p.get("lon") is None:
                    continue
                if not (m.get("start", 0) <= p.get("start", -1) < m.get("end", 0)):
                    continue
                key = (str(p.get("name")), float(p["lat"]), float(p["lon"]), "named")
                if key not in seen:
                    seen.add(key)
                    points[key].append(eid)
    return [{"name": k[0], "lat": k[1], "lon": k[2], "kind": k[3], "ev": v}
            for k, v in sorted(points.items(), key=lambda kv: (-len(kv[1]), kv[0]))]


# ---------------------------------------------------------------------------
# the page
# ---------------------------------------------------------------------------


def _title(stories: list[dict[str, Any]], country_pairs: list[dict[str, Any]],
           events: list[dict[str, Any]]) -> str:
    if stories:
        best = max(stories, key=lambda s: (len(s.get("articles") or []), s.get("title") or ""))
        if best.get("title"):
            return str(best["title"])
    counts: Counter[str] = Counter()
    for ev in country_level(events):
        for side in ("source", "target"):
            for name in _actor_names(ev.get(side)):
                counts[name] += 1
    top = [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
    if len(top) >= 2:
        return ", ".join(top[:-1]) + " and " + top[-1]
    return top[0] if top else "News coverage"


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


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
    """Everything the page shows, as plain JSON data."""
    articles = read_jsonl(out_dir / "articles.jsonl")
    events = read_jsonl(out_dir / "events.jsonl")
    figures = read_jsonl(out_dir / "figures.jsonl")
    series = read_jsonl(out_dir / "series.jsonl")
    stories = read_jsonl(out_dir / "stories.jsonl")
    timeline = _json(out_dir / "timeline.json")
    texts = _Texts(articles)
    dup = {a["id"]: a.get("duplicate_of") for a in articles if a.get("duplicate_of")}

    actor_pairs = _dyad_pairs(build_dyads(events, dup))
    country_pairs = _dyad_pairs(build_dyads(country_level(events), dup))
    title = _title(stories, country_pairs, events)
    dates = sorted(d for a in articles if (d := (a.get("published") or {}).get("date")))
    outlets = Counter(a.get("outlet") for a in articles if a.get("outlet"))
    cited = set()
    for ev in events:
        cited |= {m.get("article") for m in ev.get("mentions") or []}
    return {
        "meta": {
            "title": title,
            "articles": len(articles),
            "copies": len(dup),
            "outlets": [o for o, _ in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))],
            "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
            "events": len(events), "figures": len(figures),
            "stories": len(stories),
        },
        "articles": {a["id"]: {
            "title": a.get("title"), "outlet": a.get("outlet"),
            "date": (a.get("published") or {}).get("date"),
            "dateSource": (a.get("published") or {}).get("source"),
            "url": a.get("url"), "dateline": a.get("dateline"), "text": a.get("text") or "",
            "story": a.get("story"), "dup": a.get("duplicate_of"),
        } for a in articles},
        "stories": _timelines(timeline, stories, texts, title),
        "events": _events(events, texts),
        "series": _series(series, figures, texts),
        "dyads": {"country": country_pairs, "actor": actor_pairs},
        "network": _network(events),
        "map": {"points": _map_points(events, places), "world": _world(),
                "involved": sorted(_countries(events))},
    }


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
             + (f" ({meta['copies']} syndicated copies)" if meta["copies"] else ""),
             f"{len(outlets)} outlets" if len(outlets) != 1 else "1 outlet"]
    if span:
        facts.append(span)
    if meta["stories"] > 1:
        facts.append(f"{meta['stories']} stories")
    facts += [f"{meta['events']} events", f"{meta['figures']} figures"]
    values = {
        "__CSP_SCRIPT__": f"'sha256-{script_hash}'",
        "__TITLE__": html.escape(meta["title"]),
        "__FACTS__": " · ".join(html.escape(f) for f in facts),
        "__OUTLETS__": html.escape(", ".join(outlets[:12]) + (" …" if len(outlets) > 12 else "")),
        "__STYLE__": css,
        "__SCRIPT__": js,
        "__DATA__": json_for_script(data),
    }
    # One pass over the template: a substituted value is never searched for markers.
    return re.sub(r"__[A-Z_]+__", lambda m: values.get(m.group(0), m.group(0)), template)


def build_report(out_dir: Path,
                 places: Mapping[str, list[Mapping[str, Any]]] | None = None) -> Path:
    """Write ``out_dir/report.html`` from the output files there and return its path.

    ``places`` (article id -> place mentions with offsets, lat and lon) lets the map show
    places named in an event's sentence when the event itself has no location.
    """
    out_dir = Path(out_dir)
    page = render(report_data(out_dir, places))
    path = out_dir / "report.html"
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path
