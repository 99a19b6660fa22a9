"""Events merged across articles: every report of one real-world event becomes one event.

Per-article events (one mention each) of one story are merged when they are
compatible on every slot (complete linkage: a report joins a group only when it fits
every report already in it):

* **type**: the same PLOVER type. AGREE and CONSULT are not merged: a meeting and the
  agreement it produced are two events (the Sochi summit and the Sochi memorandum);
  they are linked through ``related`` instead.
* **modality**: the same. A planned meeting and the meeting held are never one event;
  they are linked through ``related``.
* **actors**: compared by actor id or, failing that, country when one of them is the
  state itself and the other the state or one acting for it (``TURGOV`` and Erdogan are
  both Turkey; Turkish civilians, or two Turkish groups, are not Turkey). For symmetric
  types (AGREE, CONSULT, COOPERATE) the participants are compared as one unordered set:
  both reports name two parties and share two, or both name one, the same, on the same
  stated day; for directed types both reports must name the source and share one, and
  the targets must share one when both name them (a missing target is compatible only
  when both reports date the act themselves or retell it in much the same words; a
  missing source never is: aid to Haiti from two donors is two acts). A report dated only
  by a season or a year ("last year"), or by a range of more than a month ("since 2007"),
  joins another only when the two retell the act in much the same words.
* **date**: the date ranges must overlap, so a month-precision "September 2018" holds
  a "September 17, 2018" (for AGREE, CONSULT and COOPERATE, within a day: outlets date
  a signing late on Friday on Friday or on Saturday). An event dated only by its article's publication date (no
  date expression) is taken as "within :data:`UNDATED_DAYS` days of publication", and
  never joins a report dated by a coarser expression of its own ("in June", or a range
  of days: "over the past week"). Two such reports from different articles say nothing
  of when the act was: they join only when they retell it in much the same words (one
  president's two statements that week are two events).
* **place**: when both reports name one, the countries must agree.

A report with neither actors nor a date expression says too little to be merged with
another article's report; it merges only with reports of its own sentence.

The merged event keeps every mention (syndicated copies included), takes its actors
and place from its most specific report and its date from the most reports at the
finest precision, and counts ``sources``: the independent
articles reporting it (a copy counts as its original). Its id is the per-article id of
its first report (earliest article, then offset), stable across reruns and as long as
no earlier report of it arrives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from storyline.clean.dates import MAX_DATE, MIN_DATE
from storyline.config import setting
from storyline.events.plover import fold
from storyline.model import (
    EVENT_TYPES,
    Actor,
    DateRange,
    Event,
    Mention,
    MergedEvent,
    side_actors,
    stable_id,
)

SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
RELATED_TYPES = frozenset({"AGREE", "CONSULT"})
UNDATED_DAYS = int(setting("merge", "undated_days"))
SYMMETRIC_SLACK_DAYS = int(setting("merge", "symmetric_slack_days"))
MAX_RELATED = int(setting("merge", "max_related"))
REPEAT_STEM = int(setting("merge", "repeat_stem"))
RETOLD_OVERLAP = float(setting("merge", "retold_overlap"))
_STOP = frozenset({"that", "this", "with", "from", "have", "has", "been", "were", "will",
                   "would", "said", "says", "their", "they", "which", "about", "also",
                   "after", "more", "than", "into", "over", "them", "there", "what"})
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4}


def _day(value: str | None) -> dt.date | None:
    """The day of an ISO date, or None when absent, malformed or outside the calendar of
    news (a stored 0001-01-01 or 9999-12-31 would overflow the day arithmetic below)."""
    try:
        d = dt.date.fromisoformat(value[:10]) if isinstance(value, str) and value else None
    except ValueError:
        return None
    return d if d is not None and MIN_DATE <= d <= MAX_DATE else None


def _keys(actors: list[Actor]) -> list[frozenset[str]]:
    """Per actor, the keys it matches on: its id and its country, whether it is a person
    and whether it is the state itself (its government or its armed forces)."""
    out = []
    for a in actors:
        aid = str(a.id)
        keys = {"id:" + aid}
        if a.country:
            keys.add("c:" + str(a.country))
            if aid in (f"{a.country}GOV", f"{a.country}MIL"):
                keys.add("state")
            elif a.role in ("GOV", "MIL") or "_" in aid:
                keys.add("official")  # an office holder or a body of the state
        if "_" in aid:  # people's ids are surname_given
            keys.add("person")
        out.append(frozenset(keys))
    return out


def _match(a: frozenset[str], b: frozenset[str]) -> bool:
    """The same actor: the same id, or one country's state and someone acting for it (a
    leader and his state are one; two people, or two groups, of one country are not:
    local authorities and lawmakers, British donors and a British rescue team)."""
    common = a & b
    if any(k.startswith("id:") for k in common):
        return True
    if not any(k.startswith("c:") for k in common) or "person" in common:
        return False
    # the state and one who acts for it: not its civilians, companies or rebels
    return ("state" in a and ("state" in b or "official" in b)) or (
        "state" in b and "official" in a)


@lru_cache(maxsize=1 << 16)
def _content_words(text: str) -> frozenset[str]:
    # cached: a report's sentence is compared with every member of its article's group
    # (complete linkage), and 2,500 events of one article spent 21 s re-reading them
    return frozenset(w for w in re.findall(r"[a-z]+", text.lower())
                     if len(w) > 3 and w not in _STOP)


def _retold(a: Report, b: Report) -> bool:
    """Two sentences telling one act in much the same words (an agency's story rewritten
    by another outlet): at least :data:`RETOLD_OVERLAP` of their content words shared."""
    wa = _content_words(a.event.mentions[0].quote or "")
    wb = _content_words(b.event.mentions[0].quote or "")
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= RETOLD_OVERLAP


def _rank(r: Report) -> int:
    """How coarse a report's date is: its precision, or coarser when a range of days
    spans more than a day ("over the past week", "since April 30" to the article's day:
    no one occasion)."""
    rank = _PRECISION_RANK.get(r.precision, 5)
    if r.explicit and r.start is not None and r.end is not None:
        days = (r.end - r.start).days
        for longer, coarse in ((31, "year"), (7, "month"), (1, "week")):
            if days > longer:
                return max(rank, _PRECISION_RANK[coarse])
    return rank


def _distinct(keys: list[frozenset[str]]) -> list[frozenset[str]]:
    """One entry per actor (a source that is also the target counts once)."""
    return list(dict.fromkeys(keys))


def _shared(a: list[frozenset[str]], b: list[frozenset[str]]) -> int:
    """How many actors of the smaller side match an actor of the other side."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(1 for k in small if any(_match(k, other) for other in large))


@dataclass(slots=True)
class Report:
    """One per-article event, with what merging compares."""

    event: Event
    article: str
    root: str  # the original article (itself unless a syndicated copy)
    published: str | None
    type: str
    modality: str
    sources: list[frozenset[str]]
    targets: list[frozenset[str]]
    start: dt.date | None
    end: dt.date | None
    explicit: bool  # the date comes from a date expression
    precision: str
    country: str | None
    offset: int

    @property
    def weak(self) -> bool:
        return not self.explicit and not self.sources and not self.targets

    @property
    def sentence(self) -> tuple[str, int]:
        return self.article, self.offset

    def actor_keys(self) -> set[str]:
        """The actor keys of both sides: two reports that share none cannot be one event
        (nor related), unless they are one trigger of one sentence."""
        return {k for side in (self.sources, self.targets) for keys in side for k in keys
                if k != "person"}

    def specificity(self) -> tuple[int, int, int]:
        return (0 if self.explicit else 1, _PRECISION_RANK.get(self.precision, 5),
                -(len(self.sources) + len(self.targets)))


def make_report(event: Event, root: str, published: str | None) -> Report:
    mention = event.mentions[0]
    date = event.date
    explicit = bool(date.text)
    start, end = _day(date.start), _day(date.end)
    if not explicit:
        pub = _day(published) or start
        if pub is not None:
            start = pub - dt.timedelta(days=UNDATED_DAYS)
            end = pub + dt.timedelta(days=UNDATED_DAYS)
    return Report(
        event=event, article=str(mention.article), root=root, published=published,
        type=str(event.type), modality=str(event.modality),
        sources=_keys(side_actors(event.source)), targets=_keys(side_actors(event.target)),
        start=start, end=end, explicit=explicit, precision=str(date.precision or "day"),
        country=event.location.country if event.location else None,
        offset=int(mention.start or 0),
    )


def actors_compatible(a: Report, b: Report, symmetric: bool) -> bool:
    """Both reports name the same actors: no side that both name disagrees, and at least
    one side is named by both and agrees (two reports that name nobody in common may be
    two incidents)."""
    if symmetric:
        pa, pb = _distinct(a.sources + a.targets), _distinct(b.sources + b.targets)
        if not pa or not pb:
            return False
        # one party in common is enough only when both reports date the meeting
        # themselves; otherwise both name two parties and share them: "Obama and Cameron
        # discuss the crisis" and Obama's talks with someone else are two meetings
        if len(pa) >= 2 and len(pb) >= 2:
            return _shared(pa, pb) >= 2
        # a meeting with one known party is another report's only on the same stated day:
        # Obama's press conference and his meeting with families the same week are two
        return a.explicit and b.explicit and a.precision == b.precision == "day" and \
            _shared(pa, pb) >= 1
    # a directed act is one incident only when both reports name who did it, and the
    # same actor: "aid to Haiti" from one donor and from another (or from no one named)
    # are two acts
    if not (a.sources and b.sources) or _shared(a.sources, b.sources) < 1:
        return False
    if max(_rank(a), _rank(b)) >= _PRECISION_RANK["season"] and not _retold(a, b):
        # "last year", "since 2007" name no occasion: BP paid taxes and paid dividends; a
        # PAC's gifts since 2007 are not the aid the government gave on Thursday
        return False
    if a.targets and b.targets:
        return _shared(a.targets, b.targets) >= 1
    # a report without a target is one act with another only when both date it
    # themselves or tell it in much the same words: the World Bank "sending a team" and
    # "funding $100m", both dated by their articles, are two acts
    return (a.explicit and b.explicit) or _retold(a, b)


def same_parties(a: Report, b: Report, symmetric: bool) -> bool:
    """Both reports name the same parties in full: two or more shared participants of a
    symmetric event; the same source and the same target (or none on both) otherwise."""
    if symmetric:
        pa, pb = a.sources + a.targets, b.sources + b.targets
        return len(pa) >= 2 and len(pb) >= 2 and _shared(pa, pb) >= 2
    if not (a.sources and b.sources) or _shared(a.sources, b.sources) < 1:
        return False
    if _PRECISION_RANK.get(a.precision, 5) >= _PRECISION_RANK["season"] and \
            _PRECISION_RANK.get(b.precision, 5) >= _PRECISION_RANK["season"] and not _retold(a, b):
        return False  # "last year" names no occasion: BP paid taxes and paid dividends
    if a.targets and b.targets:
        return _shared(a.targets, b.targets) >= 1
    return not a.targets and not b.targets


def dates_overlap(a: Report, b: Report, slack_days: int = 0) -> bool:
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return False  # an undated report (undated article, no expression) is never merged
    slack = dt.timedelta(days=slack_days)
    return a.start <= b.end + slack and b.start <= a.end + slack


def dates_agree(a: Report, b: Report, slack_days: int = 0) -> bool:
    """Two dates the reports state themselves: the same range at the same precision
    (12 and 14 August are two incidents), or the finer inside the coarser ("September
    2018" holds "September 17, 2018")."""
    if a.explicit != b.explicit and _rank(a if a.explicit else b) > 0:
        # "in June", "over the past week" and a report dated only by its article: no
        # telling
        return False
    if not (a.explicit and b.explicit):
        return dates_overlap(a, b, slack_days)
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return False
    slack = dt.timedelta(days=slack_days)
    if a.precision == b.precision == "day":
        # "Saturday afternoon" and "Sunday night": two days the reports name are two
        # incidents (the slack is for a date one report gives and the other does not)
        return a.start == b.start and a.end == b.end
    if a.precision == b.precision:
        return abs(a.start - b.start) <= slack and abs(a.end - b.end) <= slack
    fine, coarse = (a, b) if _PRECISION_RANK.get(a.precision, 5) < _PRECISION_RANK.get(
        b.precision, 5) else (b, a)
    assert fine.start and fine.end and coarse.start and coarse.end
    return coarse.start - slack <= fine.start and fine.end <= coarse.end + slack


def compatible(a: Report, b: Report) -> bool:
    """Whether two reports can be one event (same type and modality assumed)."""
    if a.sentence == b.sentence:
        ta, tb = a.event.mentions[0].trigger, b.event.mentions[0].trigger
        if ta is None or tb is None or (ta.start, ta.end) == (tb.start, tb.end):
            return True  # one trigger word coded twice: the same report
        # two trigger words of one sentence ("the Register backed Warren; the
        # Union-Leader backed Klobuchar") are two reports, judged like any two below
    if a.weak or b.weak:
        return False
    symmetric = a.type in SYMMETRIC
    if a.root == b.root and not same_parties(a, b, symmetric):
        # one article's distinct incidents never merge: a repeat within an article ("the
        # agreement was signed by ...") joins only when it names the same parties
        return False
    if a.article == b.article and not _repeat(a, b):
        return False
    if a.root != b.root and not a.explicit and not b.explicit and not _retold(a, b):
        # two reports dated only by their articles say nothing of when the act was: one
        # president's two statements that week, or two accusations, are two events
        # unless the reports tell the act in much the same words
        return False
    # Where a material event happened must agree; a verbal one's place is often what it is
    # about ("a ceasefire in Idlib" agreed in Sochi), so places do not split it.
    if (EVENT_TYPES.get(a.type) in (2, 4) and a.country and b.country
            and a.country != b.country):
        return False
    return (dates_agree(a, b, SYMMETRIC_SLACK_DAYS if symmetric else 0)
            and actors_compatible(a, b, symmetric))


def _stem(r: Report) -> str:
    trig = r.event.mentions[0].trigger
    word = "".join(ch for ch in (trig.text if trig else "").lower() if ch.isalpha())
    return word[:REPEAT_STEM]


def _repeat(a: Report, b: Report) -> bool:
    """Two sentences of one article report one incident only when it is a material act
    named again by the same word ("the offensive ... the offensive", "attacked ... the
    attacks"). Statements in two sentences are two statements ("complained that ..." and
    "accuses it of ..."), and two words are two incidents ("the talks", "the visit")."""
    if EVENT_TYPES.get(a.type) not in (2, 4):
        return False
    sa, sb = _stem(a), _stem(b)
    return bool(sa) and sa == sb


def _related(a: Report, b: Report) -> bool:
    if a.weak or b.weak:
        return False
    same_type = a.type == b.type and a.modality != b.modality
    pair = a.type != b.type and {a.type, b.type} <= RELATED_TYPES
    if not (same_type or pair):
        return False
    if not (a.sources or a.targets) or not (b.sources or b.targets):
        return False
    # Where a material event happened must agree; a verbal one's place is often what it is
    # about ("a ceasefire in Idlib" agreed in Sochi), so places do not split it.
    if (EVENT_TYPES.get(a.type) in (2, 4) and a.country and b.country
            and a.country != b.country):
        return False
    symmetric = a.type in SYMMETRIC or b.type in SYMMETRIC
    return dates_overlap(a, b) and actors_compatible(a, b, symmetric)


def _shape(r: Report) -> tuple[Any, ...]:
    """All that :func:`compatible` reads of its second report when it is of another
    article and another original than the first: two members of one shape are
    compatible with such a report alike."""
    return (r.type, r.modality, tuple(r.sources), tuple(r.targets), r.start, r.end,
            r.explicit, r.precision, r.country,
            _content_words(r.event.mentions[0].quote or ""))


@dataclass(slots=True)
class _Cluster:
    members: list[Report]
    lo: dt.date | None  # latest start of a member: r must end on or after it
    hi: dt.date | None  # earliest end of a member: r must start on or before it
    # the members by shape (_shape) and by original (one article has one): a report is
    # compatible with every member of one shape from other originals, or with none, so
    # one of each shape is asked and only the members of its own original one by one (a
    # story of 20,000 items of one template that are one event was compared pair by pair)
    shapes: dict[tuple[Any, ...], list[Report]] = field(default_factory=dict)
    by_root: dict[str, list[Report]] = field(default_factory=dict)

    def takes(self, r: Report) -> bool:
        """Whether ``r`` is compatible with every member (complete linkage)."""
        close = self.by_root.get(r.root, [])
        if not all(compatible(r, m) for m in close):
            return False
        asked = {id(m) for m in close}
        for members in self.shapes.values():
            other = next((m for m in members if id(m) not in asked), None)
            if other is not None and not compatible(r, other):
                return False
        return True

    def may_take(self, r: Report, slack: dt.timedelta) -> bool:
        """A cheap necessary condition for ``r`` to overlap every member's dates."""
        if r.start is None or r.end is None:
            return True
        return ((self.hi is None or r.start <= self.hi + slack)
                and (self.lo is None or r.end + slack >= self.lo))

    def add(self, r: Report) -> None:
        self.members.append(r)
        self.shapes.setdefault(_shape(r), []).append(r)
        self.by_root.setdefault(r.root, []).append(r)
        if r.start is not None:
            self.lo = r.start if self.lo is None else max(self.lo, r.start)
        if r.end is not None:
            self.hi = r.end if self.hi is None else min(self.hi, r.end)


def _cluster(block: list[Report]) -> list[list[Report]]:
    """Complete-linkage groups of one (type, modality) block, most specific reports first.

    A report joins the first group that takes it. Only groups whose first report shares
    an actor key or the sentence with it are tried (no other can take it: see
    :meth:`Report.actor_keys`), so a block of thousands of unrelated reports (one long list of
    incidents) is not compared pair by pair."""
    clusters: list[_Cluster] = []
    by_sentence: dict[tuple[str, int], list[int]] = defaultdict(list)  # any member's
    first_by: dict[Any, list[int]] = defaultdict(list)  # the first member's keys, sentence
    for r in block:
        slack = dt.timedelta(days=SYMMETRIC_SLACK_DAYS if r.type in SYMMETRIC else 0)
        if r.weak:
            pool = by_sentence.get(r.sentence, [])
        elif r.start is None or r.end is None:
            # an undated report is compatible only with reports of its own sentence (see
            # dates_agree), so only groups holding its sentence can take it: 20,000
            # undated one-line items of one actor were compared pair by pair
            pool = sorted(set(by_sentence.get(r.sentence, ())))
        else:
            pool = sorted({n for k in (*r.actor_keys(), r.sentence) for n in first_by.get(k, ())})
        for n in pool:
            c = clusters[n]
            if c.may_take(r, slack) and c.takes(r):
                c.add(r)
                break
        else:
            n = len(clusters)
            c = _Cluster([], None, None)
            c.add(r)
            clusters.append(c)
            for k in (*r.actor_keys(), r.sentence):
                first_by[k].append(n)
        if not by_sentence[r.sentence] or by_sentence[r.sentence][-1] != n:
            by_sentence[r.sentence].append(n)
    return [c.members for c in clusters]


def _related_groups(groups: list[list[Report]]) -> list[list[int]]:
    """For each group, the groups linked to it but not merged with it (at most
    :data:`MAX_RELATED`): only groups of a related type with overlapping dates are compared."""
    out: list[list[int]] = [[] for _ in groups]
    family: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        t = g[0].type
        family["AGREE+CONSULT" if t in RELATED_TYPES else t].append(i)
    for idx in family.values():
        # only groups sharing an actor key can be related (see _related, Report.actor_keys),
        # and only by a dated report (an undated one overlaps no dates: dates_overlap)
        keys = {i: {k for r in groups[i][:5] if not r.weak and _dated(r) for k in r.actor_keys()}
                for i in idx}
        holding: dict[str, list[int]] = defaultdict(list)
        for i in idx:
            for k in keys[i]:
                holding[k].append(i)
        for i in idx:
            for j in sorted({j for k in keys[i] for j in holding[k] if j > i}):
                if len(out[i]) >= MAX_RELATED and len(out[j]) >= MAX_RELATED:
                    continue
                if any(_related(a, b) for a in groups[i][:5] for b in groups[j][:5]):
                    if len(out[i]) < MAX_RELATED:
                        out[i].append(j)
                    if len(out[j]) < MAX_RELATED:
                        out[j].append(i)
    return out


def _dated(r: Report) -> bool:
    return r.start is not None and r.end is not None


def _order(r: Report) -> tuple[str, str, int, str]:
    return (r.published or "9999", r.article, r.offset, str(r.event.id))


def merge_events(events: list[Event], *, story: str | None,
                 roots: dict[str, str], published: dict[str, str | None]) -> list[MergedEvent]:
    """Merge per-article events (one mention each) of one story.

    ``roots`` maps a syndicated copy to its original; ``published`` gives each article's
    publication date. Returns merged events in a stable order (date, then id).
    """
    reports = []
    for ev in events:
        if not ev.mentions:
            continue
        art = str(ev.mentions[0].article)
        reports.append(make_report(ev, roots.get(art, art), published.get(art)))
    blocks: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for r in reports:
        blocks[(r.type, r.modality)].append(r)
    groups: list[list[Report]] = []
    for key in sorted(blocks):
        groups.extend(_cluster(sorted(blocks[key], key=lambda r: (r.specificity(), _order(r)))))
    merged = [_merged(g, story) for g in groups]
    used: set[str] = set()
    for m in merged:  # two events from one trigger word share a per-article id
        while m.id in used:
            m.id = stable_id(m.id, "next")
        used.add(m.id)
    for i, rel in enumerate(_related_groups(groups)):
        merged[i].related = sorted(merged[j].id for j in rel)
    merged.sort(key=lambda e: (e.date.start or "", e.id))
    return merged


def _date(group: list[Report], best: Report) -> DateRange:
    """The date most independent articles give at the finest precision reported (ties:
    the earliest report's)."""
    if not best.explicit:
        return best.event.date
    finest = [r for r in group if r.explicit and r.precision == best.precision]
    votes: dict[tuple[dt.date | None, dt.date | None], set[str]] = defaultdict(set)
    for r in finest:
        votes[(r.start, r.end)].add(r.root)
    top = max(len(v) for v in votes.values())
    chosen = min((r for r in finest if len(votes[(r.start, r.end)]) == top), key=_order)
    return chosen.event.date


def _merged(group: list[Report], story: str | None) -> MergedEvent:
    first = min(group, key=_order)
    best = min(group, key=lambda r: (r.specificity(), _order(r)))
    ev = best.event
    source, target = ev.source, ev.target
    location = ev.location
    for r in sorted(group, key=lambda r: (r.specificity(), _order(r))):
        source = source if source is not None else r.event.source
        target = target if target is not None else r.event.target
        location = location if location is not None else r.event.location
    mentions: list[Mention] = []
    seen: set[tuple[str, int, int]] = set()
    for r in sorted(group, key=_order):
        for m in r.event.mentions:
            key = (str(m.article), int(m.start), int(m.end))
            if key not in seen:
                seen.add(key)
                mentions.append(m)
    scores = [r.event.score for r in group if r.event.score is not None]
    confs = [float(r.event.confidence) for r in group if r.event.confidence is not None]
    return MergedEvent(
        id=str(first.event.id),
        type=best.type,
        quad=EVENT_TYPES.get(best.type, ev.quad),
        modality=ev.modality,
        source=source,
        target=target,
        date=_date(group, best),
        location=location,
        mentions=mentions,
        story=story,
        score=ev.score if ev.score is not None else (scores[0] if scores else None),
        mode=ev.mode,
        plover_type=fold(best.type, best.modality),
        sources=len({r.root for r in group}),
        related=[],
        # the best-supported report's: a merged event is as trustworthy as its best report
        confidence=max(confs) if confs else None,
    )
