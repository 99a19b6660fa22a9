"""Events in whole real articles: the real pipeline against an analyst's exhaustive coding.

The gold (``benchmarks/gold/articles_events.json``) codes every event of 90 real
Timeline17 articles (``../shared/dev/t17``: the BP oil spill, the 2009 flu pandemic and
the Haiti earthquake, with their web leftovers) and of 13 real English news pages of
``../shared/dev/html`` (topic ``html``), each written by one of ten annotators who saw
neither the code nor its output. A third of the articles (``part: heldout``) is held
out: its figures are reported, its errors never printed. Each part is also reported by
genre (``dev_t17``, ``dev_html``, ``heldout_t17``, ``heldout_html``).

The articles go through ``storyline run`` as a user would give them (JSON Lines with
their publication dates; the pages as their HTML files), and every event of ``events.jsonl`` with a mention in a gold
article is one prediction in that article. A prediction matches a gold event when one
of its mentions covers the gold anchor and its type (or its PLOVER type, modality
folded) is the gold type or an acceptable one; matching is one to one, best first.

* **type** precision: predictions matching a gold event (required or optional) over all
  predictions; recall: required gold events matched over required gold events.
* **fully right**: type, source, target, modality (or PLOVER's folded type with the gold
  modality) and date all right. Actors match on shared name words or on the same
  country and role; a side the gold leaves empty must be empty. A date is right when its
  range overlaps the gold range (any date when the gold has none).
* **no source**: the share of predictions without a source actor.
* **merge precision**: pairs of mentions merged into one event, both matched to gold,
  that are one incident (the same gold event, or gold events of one type family with
  overlapping dates and agreeing actors).
* **errors by category** (development part only): not an event, page leftover (a gold
  ``not_events`` anchor), wrong type, source, target, modality, date; missed.

Usage::

    .venv/bin/python benchmarks/articles_eval.py [--errors N] [--min-confidence X]

Writes ``benchmarks/results/articles.json``. Skips (exit 0, a message) without ../shared.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

GOLD = ROOT / "benchmarks/gold/articles_events.json"
HTML = "html"  # the gold's topic for pages of ../shared/dev/html, given as HTML files
RESULTS = ROOT / "benchmarks/results/articles.json"
FAMILY = {"AGREE": "coop-verbal", "CONSULT": "coop-verbal", "SUPPORT": "coop-verbal",
          "CONCEDE": "coop-verbal", "COOPERATE": "coop", "AID": "coop", "RETREAT": "coop",
          "REQUEST": "conf-verbal", "ACCUSE": "conf-verbal", "REJECT": "conf-verbal",
          "THREATEN": "conf-verbal", "PROTEST": "conf", "SANCTION": "conf", "MOBILIZE": "conf",
          "COERCE": "conf", "ASSAULT": "conf"}
_GENERIC = frozenset(["the", "of", "and", "for", "in", "on", "at", "to", "a", "an", "its", "his", "her", "their", "government", "ministry", "people", "officials", "official", "state", "states", "department", "agency", "national", "federal", "company"])


def shared_dir() -> Path | None:
    env = os.environ.get("STORYLINE_SHARED")
    for cand in ([Path(env)] if env else []) + [ROOT.parent / "shared"]:
        if (cand / "dev" / "t17").is_dir():
            return cand.resolve()
    return None


def load_gold() -> list[dict[str, Any]]:
    articles: list[dict[str, Any]] = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    return articles


def load_texts(shared: Path, gold: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """``topic/id`` -> the t17 article line ({id, time, text})."""
    want = defaultdict(set)
    for a in gold:
        if a["topic"] != HTML:
            want[a["topic"]].add(str(a["id"]))
    out = {}
    for topic, ids in want.items():
        with open(shared / "dev/t17" / topic / "articles.jsonl", encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                if str(art["id"]) in ids:
                    out[f"{topic}/{art['id']}"] = art
    return out


# -- locating gold anchors in the cleaned text ---------------------------------------

def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def locate(text: str, anchor: str, line: int, n_lines: int,
           nth: int | None = None) -> tuple[int, int] | None:
    """Character span of ``anchor`` in the cleaned ``text``: the ``nth`` occurrence when
    the gold gives one (a page), else the one whose relative position is nearest the gold
    line's (cleaning may drop lines before it). Curly and straight quotes are one."""
    from storyline.clean.detok import detokenise

    text = text.translate(_QUOTES)  # same length: offsets stay
    hits: list[tuple[int, int]] = []
    for form in dict.fromkeys([anchor, detokenise(anchor)]):  # as written, or detokenised
        pat = re.compile(r"\s*".join(re.escape(w) for w in form.translate(_QUOTES).split()),
                         re.I)
        hits.extend((m.start(), m.end()) for m in pat.finditer(text))
    if not hits:
        return None
    if nth is not None:
        ordered = sorted(set(hits))
        return ordered[min(nth, len(ordered) - 1)]
    want = line / max(1, n_lines)
    return min(hits, key=lambda h: abs(h[0] / max(1, len(text)) - want))


# -- judging one prediction against one gold event ------------------------------------

def _words(s: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (s or "").lower())
            if len(w) > 1 and w not in _GENERIC}


def _actor_list(side: Any) -> list[dict[str, Any]]:
    if side is None:
        return []
    return side if isinstance(side, list) else [side]


def actor_ok(pred: Any, gold: list[dict[str, Any]]) -> bool:
    preds = _actor_list(pred)
    if not gold:
        return not preds
    for p in preds:
        pw = _words(p.get("text")) | _words(p.get("name"))
        for g in gold:
            if pw & _words(g.get("name")):
                return True
            if p.get("country") and p.get("country") == g.get("country") \
                    and p.get("role") == g.get("role"):
                return True
    return False


def type_ok(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    ok = {gold["type"], *gold.get("also_acceptable", [])}
    return pred["type"] in ok or pred.get("plover_type") in ok


def modality_ok(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if pred["modality"] == gold["modality"]:
        return True
    # PLOVER folds modality into the type: a promised cooperation is an asserted AGREE
    ok = {gold["type"], *gold.get("also_acceptable", [])}
    return gold["modality"] == "asserted" and pred.get("plover_type") in ok \
        and pred.get("plover_type") != pred["type"]


def date_ok(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    g = gold.get("date")
    if not g:
        return True
    d = pred.get("date") or {}
    if not d.get("start"):
        return False
    return bool(d["start"] <= g["end"] and g["start"] <= d["end"])


def slots(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, bool]:
    return {"type": type_ok(pred, gold), "source": actor_ok(pred.get("source"), gold["source"]),
            "target": actor_ok(pred.get("target"), gold["target"]),
            "modality": modality_ok(pred, gold), "date": date_ok(pred, gold)}


@dataclass
class Pred:
    event: dict[str, Any]
    spans: list[tuple[int, int]]
    gold: int | None = None
    slots: dict[str, bool] = field(default_factory=dict)

    @property
    def fully(self) -> bool:
        return bool(self.slots) and all(self.slots.values())


def match_article(preds: list[Pred], gold_events: list[dict[str, Any]],
                  spans: list[tuple[int, int] | None]) -> None:
    """One-to-one matching of ``preds`` to gold events (fully right pairs first, then by
    the number of right slots, required gold before optional)."""
    cands = []
    for pi, p in enumerate(preds):
        for gi, (g, gs) in enumerate(zip(gold_events, spans, strict=True)):
            if gs is None or not any(s <= gs[0] < e or gs[0] <= s < gs[1] for s, e in p.spans):
                continue
            sl = slots(p.event, g)
            if not sl["type"]:
                continue
            cands.append((-sum(sl.values()), bool(g.get("optional")), pi, gi, sl))
    cands.sort(key=lambda c: c[:4])
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, _, pi, gi, sl in cands:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        preds[pi].gold, preds[pi].slots = gi, sl


def _compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    ta = {a["type"], *a.get("also_acceptable", [])}
    tb = {b["type"], *b.get("also_acceptable", [])}
    if not ({FAMILY[t] for t in ta if t in FAMILY} & {FAMILY[t] for t in tb if t in FAMILY}):
        return False
    da, db = a.get("date"), b.get("date")
    if da and db and not (da["start"] <= db["end"] and db["start"] <= da["end"]):
        return False
    for side in ("source", "target"):
        x, y = a[side], b[side]
        if x and y and not any(_words(p["name"]) & _words(q["name"])
                               or (p.get("country") and p.get("country") == q.get("country"))
                               for p in x for q in y):
            return False
    return True


# -- running the pipeline -----------------------------------------------------------

def run_pipeline(texts: dict[str, dict[str, Any]], work: Path, min_confidence: float,
                 pages: Sequence[Path] = ()) -> Path:
    """One ``storyline run`` over the t17 articles (JSON Lines with their dates) and the
    gold's HTML pages (copied as files: the reader, cleaner and dater see them as a
    user's pages)."""
    import shutil

    from storyline.pipeline import Options, run

    src = work / "input.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for key, art in sorted(texts.items()):
            fh.write(json.dumps({"id": key, "text": art["text"], "published": art["time"]}) + "\n")
    inputs = [str(src)]
    if pages:
        pdir = work / "pages"
        pdir.mkdir(exist_ok=True)
        for page in pages:
            shutil.copy(page, pdir / page.name)
        inputs.append(str(pdir))
    out = work / "out"
    run(inputs, out, None, Options(progress=False, min_confidence=min_confidence),
        log=lambda _m: None)
    return out


def _article_key(a: dict[str, Any]) -> str | None:
    """``topic/id`` of an output article: its JSON Lines id, or ``html/<page stem>``."""
    if a.get("input_id"):
        return str(a["input_id"])
    if a.get("path"):
        return f"{HTML}/{Path(a['path']).stem}"
    return None


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def predictions(out: Path) -> tuple[dict[str, list[Pred]], dict[str, str], list[dict[str, Any]]]:
    """Per gold article (``topic/id``): its predictions; the cleaned texts; the events."""
    arts = _read(out / "articles.jsonl")
    key_of = {a["id"]: _article_key(a) for a in arts}
    text_of = {k: a["text"] for a in arts if (k := _article_key(a))}
    events = _read(out / "events.jsonl")
    per: dict[str, list[Pred]] = defaultdict(list)
    for ev in events:
        by_article: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for m in ev["mentions"]:
            key = key_of.get(m["article"])
            if key:
                by_article[key].append((int(m["start"]), int(m["end"])))
        for key, spans in by_article.items():
            per[key].append(Pred(ev, spans))
    return per, text_of, events


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def score_part(gold: list[dict[str, Any]], per: dict[str, list[Pred]], text_of: dict[str, str],
               events: list[dict[str, Any]], errors: int) -> dict[str, Any]:
    n_pred = n_req = type_tp = type_rec = full_tp = full_rec = no_source = lost = 0
    cats: Counter[str] = Counter()
    shown: list[str] = []
    located: dict[tuple[str, int], dict[str, Any]] = {}
    pred_gold: dict[tuple[str, int, int], tuple[str, int]] = {}
    for a in gold:
        key = f"{a['topic']}/{a['id']}"
        text = text_of.get(key, "")
        n_lines = len(text.split("\n"))
        spans = [locate(text, g["anchor"], g["line"], n_lines, g.get("nth"))
                 for g in a["events"]]
        lost += sum(1 for s, g in zip(spans, a["events"], strict=True)
                    if s is None and not g.get("optional"))
        noise = [locate(text, x["anchor"], x["line"], n_lines) for x in a.get("not_events", [])]
        preds = per.get(key, [])
        match_article(preds, a["events"], spans)
        req = [i for i, g in enumerate(a["events"]) if not g.get("optional")]
        n_req += len(req)
        n_pred += len(preds)
        for p in preds:
            no_source += p.event.get("source") is None
            for s, e in p.spans:  # which gold event each mention reports (for merges)
                inside = [i for i, (g, gs) in enumerate(zip(a["events"], spans, strict=True))
                          if gs is not None and s <= gs[0] < e and type_ok(p.event, g)]
                pick = p.gold if p.gold in inside else (inside[0] if inside else -1)
                pred_gold[(key, s, e)] = (key, pick)
            if p.gold is None:
                in_noise = any(ns and any(s <= ns[0] < e for s, e in p.spans) for ns in noise)
                cat = "page leftover or not-event" if in_noise else "not an event / wrong type"
                cats[cat] += 1
                if errors and len(shown) < errors:
                    s, e = p.spans[0]
                    shown.append(f"[{cat}] {p.event['type']}/{p.event['modality']} "
                                 f"{_who(p.event)}: {text[s:e][:150]}")
                continue
            type_tp += 1
            g = a["events"][p.gold]
            if not g.get("optional"):
                type_rec += 1
            if p.fully:
                full_tp += 1
                full_rec += not g.get("optional")
            else:
                for slot, ok in p.slots.items():
                    if not ok:
                        cats[f"wrong {slot}"] += 1
                if errors and len(shown) < errors:
                    bad = [k for k, v in p.slots.items() if not v]
                    s, e = p.spans[0]
                    shown.append(f"[wrong {','.join(bad)}] {p.event['type']}/"
                                 f"{p.event['modality']} {_who(p.event)} "
                                 f"{(p.event.get('date') or {}).get('start')} | gold "
                                 f"{g['type']}/{g['modality']} "
                                 f"{[x['name'] for x in g['source']]}->"
                                 f"{[x['name'] for x in g['target']]} "
                                 f"{(g.get('date') or {}).get('start')}: {text[s:e][:140]}")
        matched = {p.gold for p in preds if p.gold is not None}
        for i in req:
            if i not in matched:
                cats["missed"] += 1
                if errors and len(shown) < errors:
                    g = a["events"][i]
                    shown.append(f"[missed] {g['type']}/{g['modality']} '{g['anchor']}' in {key}")
        for i, g in enumerate(a["events"]):
            located[(key, i)] = g
    merge_ok = merge_pairs = merge_unjudged = 0
    for ev in events:
        ms = [pred_gold.get((k, s, e)) for k, s, e in _mention_keys(ev, text_of)]
        ms = [m for m in ms if m is not None]
        for i in range(len(ms)):
            for j in range(i + 1, len(ms)):
                a_, b_ = ms[i], ms[j]
                if a_[1] == -1 or b_[1] == -1:
                    merge_unjudged += 1
                    continue
                merge_pairs += 1
                if a_ == b_ or _compatible(located[a_], located[b_]):
                    merge_ok += 1
                elif errors and len(shown) < errors:
                    ga, gb = located[a_], located[b_]
                    shown.append(f"[merged two incidents] {ga['type']} '{ga['anchor']}' "
                                 f"with {gb['type']} '{gb['anchor']}' in {a_[0]} / {b_[0]}")
    result = {
        "articles": len(gold), "predicted": n_pred, "required_gold": n_req,
        "type": _prf(type_tp, n_pred, n_req) | {"recall": round(type_rec / n_req, 3) if n_req else 0.0},
        "fully_right": _prf(full_tp, n_pred, n_req) | {
            "recall": round(full_rec / n_req, 3) if n_req else 0.0},
        "no_source_share": round(no_source / n_pred, 3) if n_pred else 0.0,
        "merge_precision": round(merge_ok / merge_pairs, 3) if merge_pairs else None,
        "merge_pairs_judged": merge_pairs, "merge_pairs_unjudged": merge_unjudged,
        "gold_lost_in_cleaning": lost,
    }
    for k in ("type", "fully_right"):  # recompute F1 from the corrected recall
        p, r = result[k]["precision"], result[k]["recall"]
        result[k]["f1"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    if errors:
        result["errors_by_category"] = dict(cats.most_common())
        print("\n".join(shown))
    return result


def _who(ev: dict[str, Any]) -> str:
    def names(side: Any) -> list[str]:
        return [a.get("text") for a in _actor_list(side)]

    return f"{names(ev.get('source'))}->{names(ev.get('target'))}"


def _mention_keys(ev: dict[str, Any], text_of: dict[str, str]) -> list[tuple[str, int, int]]:
    return [(k, int(m["start"]), int(m["end"])) for m in ev["mentions"]
            if (k := _KEY_OF.get(m["article"])) is not None]


_KEY_OF: dict[str, str] = {}


def evaluate(min_confidence: float | None, errors: int, work: Path | None = None
             ) -> dict[str, Any] | None:
    shared = shared_dir()
    if shared is None:
        print("skipped: ../shared/dev/t17 is absent (set STORYLINE_SHARED)")
        return None
    gold = load_gold()
    texts = load_texts(shared, gold)
    from storyline.events.confidence import default_threshold

    floor = default_threshold() if min_confidence is None else min_confidence
    with tempfile.TemporaryDirectory() as tmp:
        pages = [shared / "dev/html/pages" / f"{a['id']}.html" for a in gold
                 if a["topic"] == HTML]
        out = run_pipeline(texts, work or Path(tmp), floor, [p for p in pages if p.is_file()])
        per, text_of, events = predictions(out)
        _KEY_OF.clear()
        _KEY_OF.update({a["id"]: k for a in _read(out / "articles.jsonl")
                        if (k := _article_key(a))})
    result: dict[str, Any] = {"min_confidence": floor}
    for part in ("dev", "heldout"):
        sub = [a for a in gold if a["part"] == part]
        result[part] = score_part(sub, per, text_of, events, 0 if part == "heldout" else errors)
        # the same part split by genre: Timeline17 articles and modern web pages
        for genre, keep in (("t17", lambda a: a["topic"] != HTML),
                            ("html", lambda a: a["topic"] == HTML)):
            sel = [a for a in sub if keep(a)]
            if sel:
                result[f"{part}_{genre}"] = score_part(sel, per, text_of, events, 0)
    return result


# -- the seeds, strict: type, both actors, date, through the real pipeline -------------

def _ids_of(side: Any) -> list[str]:
    return [a["id"] for a in _actor_list(side)]


def _seed_actor_ok(pred: Any, gold: list[str | None] | None) -> bool:
    """Every predicted actor id acceptable; none predicted only where the gold allows it."""
    if gold is None:
        return True
    ids = _ids_of(pred)
    return None in gold if not ids else all(i in gold for i in ids)


def _seed_slots(ev: dict[str, Any], g: dict[str, Any]) -> dict[str, bool]:
    oks = [(g["type"], g["modality"])] + [(x["type"], x["modality"])
                                          for x in g.get("also_acceptable", [])]
    gd = g.get("date")
    d = ev.get("date") or {}
    return {"type": any(ev["type"] == t or ev.get("plover_type") == t for t, _ in oks),
            "modality": any((ev["type"] == t or ev.get("plover_type") == t)
                            and (ev["modality"] == mo or (mo == "asserted"
                                 and ev.get("plover_type") == t != ev["type"]))
                            for t, mo in oks),
            "source": _seed_actor_ok(ev.get("source"), g["source"]),
            "target": _seed_actor_ok(ev.get("target"), g.get("target")),
            "date": not gd or bool(d.get("start") and d["start"] <= gd["end"]
                                   and gd["start"] <= d["end"])}


def evaluate_seeds(min_confidence: float, errors: int) -> dict[str, Any] | None:
    """The seeds (``../shared/seeds``) through ``storyline run``, scored strictly.

    A required gold event of ``benchmarks/gold/seeds_events.json`` is fully right when an
    output event with a mention in that seed covering the anchor has an acceptable type
    and modality, acceptable source and target ids and an overlapping date (one to one,
    best first). Precision counts output events with a mention in a seed that match a
    gold event (required or optional) by type. A non-asserted statement is violated when
    an asserted output event's mention covers its anchor and its type is one the
    statement could be read as (any type: the anchor is the speculative clause itself).
    """
    shared = shared_dir()
    if shared is None or not (shared / "seeds").is_dir():
        print("skipped: ../shared/seeds is absent")
        return None
    from storyline.pipeline import Options, run

    gold = json.loads((ROOT / "benchmarks/gold/seeds_events.json").read_text(encoding="utf-8"))
    by_file = {a["file"]: a for a in gold["articles"]}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        run([str(shared / "seeds")], out, None,
            Options(progress=False, min_confidence=min_confidence), log=lambda _m: None)
        arts = _read(out / "articles.jsonl")
        events = _read(out / "events.jsonl")
    file_of = {a["id"]: Path(a["path"]).name for a in arts if a.get("path")}
    req = full = typ = n_pred = pred_ok = checked = violated = 0
    shown: list[str] = []
    for name, g in sorted(by_file.items()):
        preds = [(ev, [(int(m["start"]), int(m["end"])) for m in ev["mentions"]
                       if file_of.get(m["article"]) == name]) for ev in events]
        preds = [(ev, sp) for ev, sp in preds if sp]
        n_pred += len(preds)
        cands = []
        for gi, ge in enumerate(g["events"]):
            a0, a1 = ge["anchor"]["start"], ge["anchor"]["end"]
            for pi, (ev, sp) in enumerate(preds):
                if any(s <= a0 and a1 <= e for s, e in sp):
                    sl = _seed_slots(ev, ge)
                    if sl["type"]:
                        cands.append((-sum(sl.values()), ge["optional"], pi, gi, sl))
        used_p: set[int] = set()
        got: dict[int, dict[str, bool]] = {}
        for _, _, pi, gi, sl in sorted(cands, key=lambda c: c[:4]):
            if pi not in used_p and gi not in got:
                used_p.add(pi)
                got[gi] = sl
        pred_ok += len(used_p)
        for gi, ge in enumerate(g["events"]):
            if ge["optional"]:
                continue
            req += 1
            sl = got.get(gi)
            typ += sl is not None
            full += bool(sl) and all(sl.values())
            if errors and len(shown) < errors and not (sl and all(sl.values())):
                bad = [k for k, v in sl.items() if not v] if sl else ["missed"]
                shown.append(f"[{','.join(bad)}] {name[:3]} {ge['type']} "
                             f"{ge['source']}->{ge.get('target')} | {ge['anchor']['phrase']}")
        triggers = [(ev, [(m["trigger"]["start"], m["trigger"]["end"]) for m in ev["mentions"]
                          if m.get("trigger") and file_of.get(m["article"]) == name])
                    for ev in events]
        for st in [x for x in g["events"] if x["modality"] != "asserted"] + g["non_asserted"]:
            checked += 1
            a0, a1 = st["anchor"]["start"], st["anchor"]["end"]
            bad = [ev for ev, ts in triggers if ev["modality"] == "asserted"
                   and any(a0 <= t0 < a1 for t0, _ in ts)]
            violated += bool(bad)
            if errors and bad and len(shown) < errors:
                shown.append(f"[asserted] {name[:3]} {[e['type'] for e in bad]} | "
                             f"{st['anchor']['phrase']}")
    if shown:
        print("\n".join(shown))
    return {"min_confidence": min_confidence, "required": req,
            "fully_right_recall": round(full / req, 3) if req else 0.0,
            "type_recall": round(typ / req, 3) if req else 0.0,
            "predicted": n_pred,
            "type_precision": round(pred_ok / n_pred, 3) if n_pred else 0.0,
            "non_asserted_checked": checked, "non_asserted_output_as_asserted": violated}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", type=int, default=0,
                    help="print up to N errors of the development part (never the held-out)")
    ap.add_argument("--min-confidence", type=float, default=None,
                    help="confidence floor (default: the shipped threshold)")
    ap.add_argument("--only", choices=["articles", "seeds"], default=None,
                    help="run one part (default: both)")
    args = ap.parse_args(argv)
    from storyline.events.confidence import default_threshold

    floor = default_threshold() if args.min_confidence is None else args.min_confidence
    result = {"min_confidence": floor} if args.only == "seeds" else \
        evaluate(args.min_confidence, args.errors)
    if result is None:
        return 0
    seeds = None if args.only == "articles" else evaluate_seeds(floor, args.errors)
    if seeds is not None:
        result["seeds_strict"] = seeds
    print(json.dumps(result, indent=1))
    if args.only:
        return 0
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
