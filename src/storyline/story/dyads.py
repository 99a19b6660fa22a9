"""Dyads: what each pair of actors did to each other, month by month.

:func:`build_dyads` is a pure function over merged events
(:class:`~storyline.model.MergedEvent`) giving :class:`~storyline.model.DyadRow` rows;
the run builds them once and writes the same rows to ``dyads.csv`` and ``dyads.parquet``
(:func:`write_dyads_csv`, :func:`write_dyads_parquet`; :func:`export_dyads` does both).

Choices (documented here because the columns depend on them):

* **Unordered pairs, with direction kept as counts.** A row is one pair
  ``{a, b}`` (``a`` the smaller actor id) in one month: "Ethiopia–Sudan in March"
  whichever side acted. ``a_to_b`` and ``b_to_a`` count the events in each
  direction, so the directed view is not lost.
* **Source × target.** An event whose source or target is a list of actors
  counts once for every (source, target) pair. Actors on the same side (joint
  sources) are not a dyad. Events with a null side, and pairs of an actor with
  itself, are skipped.
* **Event dates, not publication dates.** The month is the month of
  ``date.start``. Events dated only to a season or a year (or undated) are left
  out: they cannot be put in one month.
* **Asserted events only in the counts and the score.** ``quad1``…``quad4``,
  ``events`` and ``score_mean`` count events reported as having happened;
  planned (``future``), possible (``hypothetical``) and denied (``negated``)
  ones are counted apart so a threat of war does not read as war.
* **Score.** ``score_mean`` is the mean PLOVER conflict–cooperation score of the
  asserted events (−10 … +10), taken from the event's ``score`` or, when that is
  missing, the codebook score of its type.
* **Mentions and sources.** ``mentions`` sums the events' mentions; ``sources``
  counts the distinct articles behind them, a syndicated copy counted as its
  original when ``duplicate_of`` is given.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from storyline.model import EVENT_TYPES, Actor, DyadRow, MergedEvent, side_actors
from storyline.outfiles import atomic_path

COLUMNS: list[tuple[str, str]] = [
    ("month", "VARCHAR"), ("a", "VARCHAR"), ("a_name", "VARCHAR"), ("a_country", "VARCHAR"),
    ("b", "VARCHAR"), ("b_name", "VARCHAR"), ("b_country", "VARCHAR"),
    ("events", "INTEGER"), ("quad1", "INTEGER"), ("quad2", "INTEGER"), ("quad3", "INTEGER"),
    ("quad4", "INTEGER"), ("cooperation", "INTEGER"), ("conflict", "INTEGER"),
    ("score_mean", "DOUBLE"), ("a_to_b", "INTEGER"), ("b_to_a", "INTEGER"),
    ("future", "INTEGER"), ("hypothetical", "INTEGER"), ("negated", "INTEGER"),
    ("mentions", "INTEGER"), ("sources", "INTEGER"), ("event_ids", "VARCHAR[]"),
]
"""Output columns (the fields of :class:`~storyline.model.DyadRow`) and their DuckDB types
(``event_ids``: every event counted in the row, asserted or not)."""

_MONTH_PRECISIONS = frozenset({"day", "week", "month"})
_OTHER_MODALITIES = ("future", "hypothetical", "negated")


def event_score(event: MergedEvent) -> float | None:
    """The event's PLOVER score, or the codebook score of its type when it has none."""
    score = event.score
    if isinstance(score, (int, float)):
        return float(score)
    from storyline.events.lexicon import SCORES

    value = SCORES.get(str(event.type))
    return float(value) if value is not None else None


def event_month(event: MergedEvent) -> str | None:
    """``YYYY-MM`` of the event's date, or None when it is undated or coarser than a month."""
    start = event.date.start or ""
    if len(start) < 7 or event.date.precision not in _MONTH_PRECISIONS:
        return None
    return str(start[:7])


def _actors(side: Actor | list[Actor] | None) -> list[Actor]:
    return [x for x in side_actors(side) if x.id]


@dataclass
class _Cell:
    quads: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    scores: list[float] = field(default_factory=list)
    a_to_b: int = 0
    b_to_a: int = 0
    other: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_OTHER_MODALITIES, 0))
    mentions: int = 0
    articles: set[str] = field(default_factory=set)
    event_ids: list[str] = field(default_factory=list)


def event_pairs(event: MergedEvent) -> list[tuple[Actor, Actor]]:
    """The (source actor, target actor) pairs of an event, each pair once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for s in _actors(event.source):
        for t in _actors(event.target):
            key = (str(s.id), str(t.id))
            if key[0] == key[1] or key in seen:
                continue
            seen.add(key)
            out.append((s, t))
    return out


def build_dyads(events: Iterable[MergedEvent],
                duplicate_of: Mapping[str, str | None] | None = None) -> list[DyadRow]:
    """One row per unordered actor pair and month (see the module doc), sorted by pair, month."""
    dup = duplicate_of or {}
    cells: dict[tuple[str, str, str], _Cell] = defaultdict(_Cell)
    names: dict[str, tuple[str, str | None]] = {}
    for ev in events:
        month = event_month(ev)
        quad = ev.quad or EVENT_TYPES.get(str(ev.type))
        if month is None or quad not in (1, 2, 3, 4):
            continue
        modality = ev.modality
        score = event_score(ev)
        mentions = ev.mentions
        articles = {dup.get(m.article) or m.article for m in mentions if m.article}
        done: set[tuple[str, str]] = set()
        for s, t in event_pairs(ev):
            sid, tid = str(s.id), str(t.id)
            for actor in (s, t):
                names.setdefault(str(actor.id), (str(actor.name or actor.id), actor.country))
            a, b = sorted((sid, tid))
            if (a, b) in done:  # both directions within one event count once
                continue
            done.add((a, b))
            cell = cells[(a, b, month)]
            cell.event_ids.append(str(ev.id))
            cell.mentions += len(mentions)
            cell.articles |= articles
            if modality != "asserted":
                if modality in cell.other:
                    cell.other[modality] += 1
                continue
            cell.quads[int(quad) - 1] += 1
            if score is not None:
                cell.scores.append(score)
            if sid == a:
                cell.a_to_b += 1
            else:
                cell.b_to_a += 1
    rows = []
    for (a, b, month), cell in sorted(cells.items()):
        q = cell.quads
        rows.append(DyadRow(
            month=month,
            a=a, a_name=names[a][0], a_country=names[a][1],
            b=b, b_name=names[b][0], b_country=names[b][1],
            events=sum(q), quad1=q[0], quad2=q[1], quad3=q[2], quad4=q[3],
            cooperation=q[0] + q[1], conflict=q[2] + q[3],
            score_mean=round(sum(cell.scores) / len(cell.scores), 3) if cell.scores else None,
            a_to_b=cell.a_to_b, b_to_a=cell.b_to_a,
            future=cell.other["future"], hypothetical=cell.other["hypothetical"],
            negated=cell.other["negated"],
            mentions=cell.mentions, sources=len(cell.articles),
            event_ids=cell.event_ids,
        ))
    return rows


def write_dyads_csv(rows: list[DyadRow], out: Path) -> Path:
    """Write ``out/dyads.csv`` (event ids space-separated)."""
    names = [c for c, _ in COLUMNS]
    csv_path = out / "dyads.csv"
    with atomic_path(csv_path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(names)
        for row in rows:
            data = row.to_json()
            w.writerow(["" if data[c] is None else
                        " ".join(data[c]) if c == "event_ids" else data[c] for c in names])
    return csv_path


def write_dyads_parquet(rows: list[DyadRow], out: Path) -> Path:
    """Write ``out/dyads.parquet`` (ordered by pair, then month)."""
    from storyline.store.files import write_parquet

    names = [c for c, _ in COLUMNS]
    return write_parquet(out / "dyads.parquet", COLUMNS,
                         [[getattr(row, c) for c in names] for row in rows],
                         order_by=["a", "b", "month"])


def export_dyads(rows: list[DyadRow], out: Path) -> tuple[Path, Path]:
    """Write ``out/dyads.csv`` and ``out/dyads.parquet`` from the same rows."""
    return write_dyads_csv(rows, out), write_dyads_parquet(rows, out)


def country_level(events: Iterable[MergedEvent]) -> list[MergedEvent]:
    """The events with every actor that has a country replaced by that country.

    "Ethiopian military" and "Ethiopia" both become ``ETH``; international bodies and
    actors without a country stay as they are. For the country-by-country view of
    :func:`build_dyads` (the one a reader wants for "Turkey–Russia, month by month").
    """
    from storyline.knowledge import load_knowledge

    kb = load_knowledge()

    def conv(actor: Actor) -> Actor:
        iso = actor.country
        if not iso:
            return actor
        return Actor(text=actor.text, name=kb.country_name(iso) or iso, id=iso, country=iso,
                     role=actor.role)

    return [dataclasses.replace(ev, source=[conv(a) for a in _actors(ev.source)] or None,
                                target=[conv(a) for a in _actors(ev.target)] or None)
            for ev in events]
