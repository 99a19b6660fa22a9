"""The text cleaner on wire pages and outlet furniture: headers, comment sections,
footers that recur across an input, fallbacks, damage warnings, the length cap.

Every page here is written for the test (news-style text, no dev-set text)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from storyline.clean import article as article_mod
from storyline.clean.article import make_article
from storyline.clean.damage import find_damage
from storyline.clean.metadata import find_dateline
from storyline.clean.repetition import InputRepetition
from storyline.clean.text import boilerplate_lines, clean_text, line_key, read_wire_header
from storyline.model import Article, RawDocument

FOOTER = ("Freight data for shipping desks A better way to track your fleet Our weekly "
          "harbour report for members")
BODY = [
    "Port workers in Valdora walked off the job on Tuesday, halting container traffic at "
    "the country's largest harbour for the second time this month.",
    "The dockers' union said the strike would last 48 hours unless the port authority "
    "reopened talks on shift pay, which broke down last week.",
    "Shipping agents said at least 14 vessels were waiting at anchor outside the harbour "
    "on Tuesday evening.",
]


def wire_page(tokenised: bool = False, comments: bool = True, footer: bool = True) -> str:
    if tokenised:
        head = ("VALDORA CITY , Norland | Tue Mar 8 , 2011 4:12 pm EST VALDORA CITY , Norland "
                "-LRB- Reuters -RRB- - ")
    else:
        head = "VALDORA CITY | Tue Mar 8, 2011 4:12 pm EST VALDORA CITY (Reuters) - "
    lines = [head + BODY[0], *BODY[1:]]
    if comments:
        lines += [
            "Views expressed in the comments belong to Gazette readers.",
            "I have worked on these docks for twenty years and the pay has never kept up.",
            "dockfan, 6:40 pm -- Report as abuse",
            "This discussion is now closed.",
            "We welcome comments from readers on harbour stories.",
        ]
    if footer:
        lines.append(FOOTER)
    return "\n".join(lines) + "\n"


def test_wire_header_is_read_and_leaves_the_body() -> None:
    for tokenised in (False, True):
        r = clean_text(wire_page(tokenised))
        assert r.wire is not None
        assert r.wire.agency == "Reuters"
        assert r.wire.date == dt.date(2011, 3, 8)
        assert r.body.startswith("Port workers in Valdora walked off")
        assert "|" not in r.body and "Reuters" not in r.body
        assert find_dateline(r.head, r.body, r.wire)[0] == "Valdora City"


def test_wire_header_after_a_byline_or_caption() -> None:
    wire, before, rest = read_wire_header(
        "By Ann Tester VALDORA | Sat May 16, 2009 5:37 pm EDT VALDORA (Reuters) - Text.")
    assert wire is not None and wire.place == "VALDORA" and before == "By Ann Tester"
    assert rest == "Text."
    caption = "Dock workers gather outside the port gates in Valdora March 8, 2011."
    r = clean_text(caption + "\n" + wire_page(comments=False, footer=False))
    assert caption not in r.body and r.body.startswith("Port workers")


def test_no_stamp_no_header() -> None:
    line = "Officials said on Mon May 11, 2009 that the port would reopen, according to Reuters."
    assert read_wire_header(line)[0] is None


def test_comment_section_is_cut_from_its_header_to_the_end() -> None:
    r = clean_text(wire_page())
    assert "twenty years" not in r.body
    assert "discussion" not in r.body
    for para in BODY[1:]:
        assert para in r.body


def test_article_from_a_wire_page() -> None:
    a = make_article(RawDocument("wire.jsonl", kind="text", content=wire_page(True),
                                 given_text=True))
    assert isinstance(a, Article)
    assert a.dateline == "Valdora City"
    assert a.published.date == "2011-03-08" and a.published.source == "explicit"
    assert a.outlet == "Reuters"
    assert not any("missing" in w for w in a.warnings), a.warnings
    assert "platform" not in a.text


def test_given_date_beats_the_header() -> None:
    a = make_article(RawDocument("wire.jsonl", kind="text", content=wire_page(),
                                 given_text=True, given_published="2011-03-09"))
    assert isinstance(a, Article) and a.published.date == "2011-03-09"


def test_labels_are_not_datelines() -> None:
    body = "PLEASE NOTE: The port office will be closed on Friday for the holiday."
    assert find_dateline([], body)[0] is None
    assert find_dateline([], "FILE - A crane unloads containers in the harbour.")[0] is None
    assert find_dateline([], "ISTANBUL: Talks resumed on Tuesday.")[0] == "Istanbul"


def test_recurring_lines_are_furniture() -> None:
    pages = []
    places = ["Valdora", "Kessen", "Marrow", "Tilby", "Oska", "Brenn", "Carrow", "Dunmere"]
    for place in places:
        pages.append("\n".join([
            f"Harbour story from {place} opens with a sentence about ships and cranes.",
            f"It goes on for a while about {place}, as news stories do, with detail here.",
            "Get our morning briefing delivered to your inbox every day of the week.",
            "Home News Business Sport Weather Contact",
        ]))
    found = boilerplate_lines(pages)
    assert line_key("Get our morning briefing delivered to your inbox every day of the week.") in found
    assert line_key("Home News Business Sport Weather Contact") in found
    assert line_key(pages[0].split("\n")[0]) not in found
    r = clean_text(pages[0], found)
    assert "briefing" not in r.body and "Harbour story from Valdora" in r.body


def test_a_shared_quote_is_not_furniture() -> None:
    quote = "The strike has cost the port more than 3 million euros a day, the authority said."
    pages = [f"Story {k} about the strike opens here and runs on for a few words.\n{quote}"
             for k in range(3)] + [f"Another story {k} about the weather." for k in range(20)]
    assert line_key(quote) not in boilerplate_lines(pages)


def test_footer_alone_ends_no_sentence() -> None:
    r = clean_text(wire_page(comments=False))
    assert FOOTER not in r.body
    _, warnings = find_damage(r.body)
    assert warnings == []


def test_damage_warnings_only_for_a_lost_name() -> None:
    text = ("Officials from the port met representatives of the\n"
            "The talks will resume on Friday, the union said.\n"
            "Read the full story on the port strike and what it means for")
    _, warnings = find_damage(text)
    assert len(warnings) == 1 and "representatives of the" in warnings[0]
    _, warnings = find_damage("A subheading about the port strike talks\nThe talks resumed.")
    assert warnings == []


def test_subheadings_between_paragraphs_are_kept() -> None:
    page = "\n".join([BODY[0], BODY[1], "Talks broke down", BODY[2], "Share", "Most Popular"])
    r = clean_text(page)
    assert "Talks broke down" in r.body
    assert "Most Popular" not in r.body


def test_a_page_the_cleaner_empties_keeps_its_best_block() -> None:
    page = "\n".join(["Home", "News", "Advertisement",
                      "Port strike enters its second day as talks stall over pay",
                      "Menu", "Search"])
    r = clean_text(page)
    assert r.fallback and r.body.startswith("Port strike enters")


def test_an_over_long_body_keeps_its_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_mod, "MAX_BODY_CHARS", 600)
    places = ["Valdora", "Kessen", "Marrow", "Tilby", "Oska", "Brenn", "Carrow", "Dunmere"]
    paras = [f"Dockers in {p} joined the strike on Tuesday, the union said, and the harbour "
             f"there stayed closed to container ships for the whole day." for p in places]
    a = make_article(RawDocument("long.txt", kind="text", content="\n".join(paras)))
    assert isinstance(a, Article)
    assert a.text.startswith(paras[0]) and len(a.text) <= 600
    assert any("cut to its first" in w for w in a.warnings)


def test_pipeline_pass_hands_furniture_to_text_documents(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = []
    for k in range(6):
        text = (f"Dock story {k} says the harbour stayed shut on day {k} of the strike.\n"
                "Sign in to read the rest of our award-winning coverage of the port")
        lines.append(json.dumps({"id": str(k), "text": text}))
    path.write_text("\n".join(lines) + "\n", "utf-8")
    found = InputRepetition().boilerplate_for(str(path), path)
    assert line_key("Sign in to read the rest of our award-winning coverage of the port") in found
    assert InputRepetition().boilerplate_for("x", tmp_path / "missing.txt") == frozenset()


def test_t17_line_gold_holds_indices_only() -> None:
    gold = json.loads((Path(__file__).resolve().parent.parent / "benchmarks" / "gold"
                       / "t17_lines.json").read_text("utf-8"))
    assert len(gold["pages"]) >= 20
    for g in gold["pages"]:
        assert set(g) == {"topic", "index", "id", "lines", "sha256", "body", "ignore"}
        assert len(g["sha256"]) == 16 and int(g["sha256"], 16) >= 0
        for a, b in g["body"]:
            assert 0 <= a <= b < g["lines"]
        assert all(0 <= i < g["lines"] for i in g["ignore"])


def test_datelines_read_in_title_case() -> None:
    wire, _, _ = read_wire_header(
        "KESSEN\\/MARROW | Wed Jun 23 , 2010 3:15 pm EDT KESSEN\\/MARROW -LRB- Reuters "
        "-RRB- - Two ferry lines said on Wednesday they would merge.")
    assert wire is not None and find_dateline([], "", wire)[0] == "Kessen/Marrow"
    assert find_dateline([], "GULF OF MEXICO -- Crews worked through the night.")[0] == (
        "Gulf of Mexico")


def test_headline_glued_to_the_header_is_the_title() -> None:
    page = ("Port strike halts Valdora harbour for second time VALDORA | Tue Mar 8, 2011 4:12 pm "
            "EST VALDORA (Reuters) - " + BODY[0] + "\n" + "\n".join(BODY[1:]))
    r = clean_text(page)
    assert r.title == "Port strike halts Valdora harbour for second time"
    byline = "By Ann Tester " + page.split(" for second time ", 1)[1]
    assert clean_text(byline).title is None
    assert read_wire_header("May 7 | Fri May 7, 2010 8:05 am EDT May 7 (Reuters) - Text.")[1] == ""


def test_a_saved_page_starts_at_its_headline_again() -> None:
    promo = ("Our readers in the region get the morning edition free for a month when they "
             "register with an address before the end of the year, the offer says.")
    page = "\n".join(["Port strike halts Valdora harbour | The Valdora Gazette", "Home", "News",
                      promo, "Business", "Sport", "Weather", "Contact",
                      "Port strike halts Valdora harbour", *BODY])
    r = clean_text(page)
    assert promo not in r.body
    assert r.body.startswith(BODY[0]) and BODY[2] in r.body


def _page(title: str, body_heads: str) -> str:
    para = "<p>" + "The harbour workers ended their strike on Monday after the port agreed to talks. " * 6 + "</p>"
    return f"<html><head><title>{title}</title></head><body>{body_heads}<article>{para}</article></body></html>"


def test_title_shown_as_a_heading_beats_a_site_name() -> None:
    from storyline.clean.html import _title_shown

    html = _page("Ferry talks resume after strike | Harbour Notes",
                 "<h1>Harbour Notes</h1><h2>Ferry talks resume after strike</h2>")
    assert _title_shown(html, "Harbour Notes") == "Ferry talks resume after strike"
    # a found title that is the headline segment stays
    assert _title_shown(html, "Ferry talks resume after strike") == "Ferry talks resume after strike"
    # a sidebar heading that shares no word with <title> gives way to the shown segment
    html2 = _page("Ferry talks resume after strike", "<h2>Contact us</h2><h1>Ferry talks resume after strike</h1>")
    assert _title_shown(html2, "Contact us") == "Ferry talks resume after strike"


def test_a_long_found_title_is_not_replaced_by_a_lesser_heading() -> None:
    from storyline.clean.html import _title_shown

    # the found title (four words or more) is a headline: a longer <title> segment shown in
    # an h2 (a subtitle) does not replace it
    html = _page("Ferry strike ends at dawn | Workers and port agree to resume talks next week",
                 "<h1>Ferry strike ends at dawn</h1><h2>Workers and port agree to resume talks next week</h2>")
    assert _title_shown(html, "Ferry strike ends at dawn") == "Ferry strike ends at dawn"


def test_a_given_text_that_is_only_furniture_is_not_an_article() -> None:
    footer = "Get our morning briefing delivered to your inbox every day of the week"
    places = ["Valdora", "Kessen", "Marrow", "Tilby", "Oska", "Brenn"]
    pages = [f"Harbour story from {p} opens with a sentence about ships and cranes.\n{footer}"
             for p in places] + [footer]
    found = boilerplate_lines(pages)
    only = make_article(RawDocument("feed.jsonl", kind="text", content=footer, given_text=True,
                                    boilerplate=found))
    assert not isinstance(only, Article) and "furniture" in only.reason
    # a short given text that is not furniture is kept, however short
    short = make_article(RawDocument("feed.jsonl", kind="text", content="Cranes stopped at dawn.",
                                     given_text=True, boilerplate=found))
    assert isinstance(short, Article) and short.text == "Cranes stopped at dawn."


def test_published_markup_gives_the_date_when_it_agrees() -> None:
    from storyline.clean.html import marked_published

    page = ('<html><body><time class="entry-date published" datetime="2019-02-10T09:30:10+01:00">'
            '10 February</time><time class="updated" datetime="2019-03-01">1 March</time></body></html>')
    assert marked_published(page) == "2019-02-10"  # the update is not the publication
    meta = '<html><head><meta property="article:published_time" content="2022-05-06T02:00:00Z"></head></html>'
    assert marked_published(meta) == "2022-05-06"
    clash = ('<html><head><meta property="article:published_time" content="2022-05-06"></head>'
             '<body><span itemprop="datePublished" content="2021-01-02"></span></body></html>')
    assert marked_published(clash) is None  # marks that disagree say nothing
    assert marked_published("<html><body><p>No dates here.</p></body></html>") is None


def test_given_texts_from_one_template_stay_articles() -> None:
    texts = [f"Rebels shelled the border town {k} times on Monday, officials said." for k in range(8)]
    found = boilerplate_lines(texts)
    a = make_article(RawDocument("feed.jsonl", kind="text", content=texts[0], given_text=True,
                                 boilerplate=found))
    assert isinstance(a, Article)
