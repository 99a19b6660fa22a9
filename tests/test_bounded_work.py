"""Work that stays bounded on hostile input (issue 15, fifth attack): a feed of thousands of
one-line items, one article of thousands of incidents, numbered lists. Each shortcut gives
the same result as the plain computation it replaces."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.annotate.stage import annotate_article, annotate_articles, annotations_json
from storyline.clean.metadata import detect_language
from storyline.model import Article, Event, Published
from storyline.pipeline import _batches
from storyline.story import merge as mg
from tests.test_story_units import _event

TEXTS = [
    "Rebels shelled the border town of Karsa on Monday, officials said.",
    "The health ministry of Lumbar said it had sent two field hospitals to the flooded "
    "north.\nPolice arrested twelve protesters outside parliament on Tuesday.",
    "",
    "Talks between the two governments will resume next week in Vedra, a spokesman said.",
]


def _article(i: int, text: str, language: str = "en") -> Article:
    return Article(id=f"a{i}", input_id=None, path="feed.jsonl", url=None, outlet=None,
                   title=None, dateline=None, text=text, language=language,
                   published=Published(date="2024-05-08", source="input"),
                   position=f"line {i}")


def test_articles_parsed_together_get_the_annotations_of_one_at_a_time() -> None:
    arts = [_article(i, t) for i, t in enumerate(TEXTS)] + [_article(9, TEXTS[0], "fr")]
    together = [annotations_json(a) for a in annotate_articles(arts)]
    alone = [annotations_json(annotate_article(a)) for a in arts]
    assert together == alone
    assert together[0]["events"] and not together[2]["events"] and not together[4]["events"]


def test_batches_keep_order_and_bounds() -> None:
    arts = [_article(i, "x" * n) for i, n in enumerate([5, 5, 20, 5, 1, 1, 1])]
    got = [[a.id for a in b] for b in _batches(arts, 3, 12)]
    assert got == [["a0", "a1"], ["a2"], ["a3", "a4", "a5"], ["a6"]]
    assert [a.id for b in _batches(arts, 3, 12) for a in b] == [a.id for a in arts]


def test_a_numbered_list_in_english_is_english() -> None:
    text = "Rebels attacked " + " and ".join(f"hamlet{i}" for i in range(900)) + " at dawn."
    assert detect_language(text) == "en"
    assert detect_language("Die Regierung hat am Montag 12 neue Gesetze beschlossen, "
                           "sagte der Sprecher in Berlin am 3. Mai.") == "de"


def test_a_feed_of_one_template_links_copies_with_bounded_candidates(tmp_path: Path) -> None:
    from storyline.store.db import Store
    from storyline.story.syndication import MOST_CANDIDATES, link_duplicates

    store = Store(tmp_path / "s.duckdb")
    body = ("The port authority of Karsa said on Monday that ferry services to the islands "
            "would stop for the winter because of storms, and that repairs to the pier would "
            "begin in March.")
    arts = [_article(i, f"Notice {i}: the market in Vedra opens at {i % 12} on day {i}.")
            for i in range(300)]
    arts += [_article(1000 + i, body) for i in range(5)]
    store.write_batch(arts, [], [], run=1)
    assert link_duplicates(store) == 4  # the four later copies of one notice
    dup = store.duplicate_map()
    assert {dup[f"a{1000 + i}"] for i in range(1, 5)} == {"a1000"}
    ids = [a.id for a in arts]
    pairs = store.bucket_neighbours(ids, firsts=8, most=MOST_CANDIDATES)
    per: dict[str, int] = defaultdict(int)
    for a, _ in pairs:
        per[a] += 1
    assert max(per.values()) <= MOST_CANDIDATES
    store.close()


# -- merging: the indexed clustering is the plain complete-linkage one ------------------------

def _plain_cluster(block: list[mg.Report]) -> list[list[mg.Report]]:
    clusters: list[mg._Cluster] = []
    by_sentence: dict[tuple[str, int], list[mg._Cluster]] = defaultdict(list)
    for r in block:
        slack = dt.timedelta(days=mg.SYMMETRIC_SLACK_DAYS if r.type in mg.SYMMETRIC else 0)
        pool = by_sentence.get(r.sentence, []) if r.weak else clusters
        for c in pool:
            if c.may_take(r, slack) and all(mg.compatible(r, m) for m in c.members):
                c.add(r)
                break
        else:
            c = mg._Cluster([], None, None)
            c.add(r)
            clusters.append(c)
        by_sentence[r.sentence].append(c)
    return [c.members for c in clusters]


def _plain_related(groups: list[list[mg.Report]]) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in groups]
    family: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        t = g[0].type
        family["AGREE+CONSULT" if t in mg.RELATED_TYPES else t].append(i)
    for idx in family.values():
        for n, i in enumerate(idx):
            for j in idx[n + 1:]:
                if len(out[i]) >= mg.MAX_RELATED and len(out[j]) >= mg.MAX_RELATED:
                    continue
                if any(mg._related(a, b) for a in groups[i][:5] for b in groups[j][:5]):
                    if len(out[i]) < mg.MAX_RELATED:
                        out[i].append(j)
                    if len(out[j]) < mg.MAX_RELATED:
                        out[j].append(i)
    return out


DAYS = [("2024-03-04", "2024-03-04", "day", "on Monday"), ("2024-03-05", "2024-03-05", "day",
        "on Tuesday"), ("2024-03-01", "2024-03-31", "month", "in March"),
        ("", "", "day", None)]
ACTORS = [None, "KARGOV", "LUMGOV", "VEDMIL", "KARREB", ["KARGOV", "LUMGOV"]]


@st.composite
def _events(draw: Any) -> list[dict[str, Any]]:
    n = draw(st.integers(1, 24))
    out = []
    for k in range(n):
        out.append(_event(
            draw(st.sampled_from(["a1", "a2", "a3"])), draw(st.integers(0, 4)) * 40 + k % 2,
            draw(st.sampled_from(["ASSAULT", "AGREE", "CONSULT"])), draw(st.sampled_from(DAYS)),
            source=draw(st.sampled_from(ACTORS)), target=draw(st.sampled_from(ACTORS)),
            modality=draw(st.sampled_from(["asserted", "asserted", "planned"])),
            trigger=draw(st.sampled_from(["attacked", "attack", "agreed", None]))))
        out[-1]["id"] += f"-{k}"
    return out


def _merged(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    pub = {"a1": "2024-03-06", "a2": "2024-03-07", "a3": None}
    return [e.to_json() for e in mg.merge_events([Event.from_json(e) for e in events],
                                                 story="s", roots={}, published=pub)]


@settings(max_examples=60, deadline=None)
@given(_events())
def test_indexed_merge_equals_the_plain_pairwise_merge(events: list[dict[str, Any]]) -> None:
    fast = _merged(events)
    cluster, related = mg._cluster, mg._related_groups
    try:
        mg._cluster, mg._related_groups = _plain_cluster, _plain_related  # type: ignore[assignment]
        plain = _merged(events)
    finally:
        mg._cluster, mg._related_groups = cluster, related  # type: ignore[assignment]
    assert fast == plain


def test_one_failing_article_of_a_batch_loses_only_its_own_events(
        tmp_path: Path, monkeypatch: Any) -> None:
    import json

    import storyline
    import storyline.annotate.stage as stage

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": t, "published": "2024-05-08"})
                           + "\n" for i, t in enumerate([TEXTS[0], "Boom " + TEXTS[0],
                                                         TEXTS[1]])), encoding="utf-8")
    real = stage.analyse

    def flaky(article: Article, *a: Any, **k: Any) -> Any:
        if article.text.startswith("Boom"):
            raise RuntimeError("a parser fault")
        return real(article, *a, **k)

    monkeypatch.setattr(stage, "analyse", flaky)
    summary = storyline.run([src], tmp_path / "out")
    assert summary.flagged["annotation failed"] == 1
    quotes = {m["quote"] for e in storyline.read_events(tmp_path / "out")
              for m in (e.to_json() if hasattr(e, "to_json") else e)["mentions"]}
    assert any("Karsa" in q for q in quotes) and any("protesters" in q for q in quotes)
    assert not any(q.startswith("Boom") for q in quotes)
