"""The cleaning stage: one raw document in, one :class:`Article` (or :class:`Rejected`) out.

A pure function of its input, so any engine (a process pool, Ray) can run it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from storyline.clean.damage import find_damage
from storyline.clean.dates import explicit_date, infer_date, parse_date_string, parse_iso_or_text
from storyline.clean.detok import detokenise, looks_tokenised
from storyline.clean.html import extract_html
from storyline.clean.metadata import (
    canonical_outlet,
    detect_language,
    find_dateline,
    outlet_from_text,
    outlet_from_url,
    strip_site_name,
)
from storyline.clean.text import CleanResult, WireHeader, clean_text, simple_rule, unescape_text
from storyline.ingest.validate import strip_format
from storyline.model import Article, Published, RawDocument, Rejected, article_id
from storyline.text.lookalikes import fold_lookalikes, lookalikes_note
from storyline.text.runs import runs_note, split_long_runs

MIN_BODY_WORDS = 40
MAX_BODY_CHARS = 200_000


def make_article(raw: RawDocument, notes: list[str] | None = None) -> Article | Rejected:
    """Clean a raw document and read its metadata.

    What the page itself gave that could not be used as it was (markup nested too deep,
    a date mark that is no date) is kept in the article's warnings and, when ``notes``
    is given, added to it (the run loop prints those once).
    """
    where = raw.path if raw.position is None else f"{raw.path} ({raw.position})"
    try:
        return _make_article(raw, where, notes)
    except RecursionError:
        return Rejected(where, "document too deeply nested to parse")


def _make_article(raw: RawDocument, where: str, notes: list[str] | None) -> Article | Rejected:
    warnings: list[str] = []
    url = raw.url
    html_date: str | None = None
    html_month: str | None = None
    sitename: str | None = None
    if raw.kind == "html":
        ex = extract_html(raw.content, url)
        warnings.extend(ex.notes)
        if notes is not None:
            notes.extend(ex.notes)
        url = ex.url or url
        html_date, sitename, html_month = ex.date, ex.sitename, ex.month
        # trafilatura already chose the main content from the markup and post_clean took
        # the chrome off; the plain-text pass is only asked where the header and footer
        # lines are (for the outlet and date readers). Letting it pick the body again
        # dropped subheadings, list items and code (benchmarks/html_extract.py: F1 0.896
        # with it, 0.94 without).
        cleaned = clean_text(ex.body)
        head, tail = cleaned.head, cleaned.tail + ex.tail
        body = ex.body
        title = ex.title or cleaned.title
    else:
        content = detokenise(raw.content) if looks_tokenised(raw.content) else raw.content
        furniture = given_furniture(content, raw.boilerplate) if raw.given_text else (
            file_furniture(content, raw.boilerplate))
        if len(content) > MAX_BODY_CHARS and not raw.given_text:
            content, dropped = drop_menu_runs(content)
            if dropped:
                warnings.append(f"{dropped:,} menu-like lines (runs of {MENU_RUN_LINES} or "
                                "more short lines without a sentence) dropped from a text "
                                "too long for one article")
        cleaned = clean_text(content, furniture)
        body, title, head, tail = cleaned.body, cleaned.title, cleaned.head, cleaned.tail
        if raw.given_text and not body.strip() and raw.content.strip():
            if _only_furniture(content, furniture):
                # Every line recurs across the other documents of this input (an outlet's
                # footer saved without its article): page furniture, not an article.
                return Rejected(where, "only page furniture (lines that recur across this input)")
            # A text the user gave is the article, however short: cleaning is for web
            # leftovers, and a one-line wire item or sentence has none to take off.
            body = re.sub(r"[ \t]+", " ", content.strip())
        elif not raw.given_text and len(body.split()) < MIN_BODY_WORDS:
            body = _fallback_body(cleaned, content, warnings)

    # soft hyphens and zero-width characters split words for the parser and for search
    body, hidden_said = strip_format(body)
    if hidden_said:
        warnings.append(hidden_said)
        if notes is not None:
            notes.append(hidden_said)
    if not body.strip():
        return Rejected(where, _why_short(raw, body))
    if len(body) > MAX_BODY_CHARS:
        # Comment sections with a header we know were cut already; what is still this long
        # is a page with an unmarked thread, a live blog or a digest. The article is at its
        # top: keep it, up to the cap, at a paragraph end.
        cut = body.rfind("\n", 0, MAX_BODY_CHARS)
        cut = cut if cut > MAX_BODY_CHARS // 2 else MAX_BODY_CHARS
        said = (f"body cut to its first {cut:,} of {len(body):,} characters "
                "(too long for one article)")
        warnings.append(said)
        if notes is not None:  # (a cut is no silent loss: it is said on stderr, counted)
            notes.append(said)
        body = body[:cut].rstrip()
    body, runs = split_long_runs(body)
    if runs:
        warnings.append(runs_note(runs))
        if notes is not None:
            notes.append(runs_note(runs))
    if not raw.given_text and len(body.split()) < MIN_BODY_WORDS:
        return Rejected(where, _why_short(raw, body))

    looks = lookalikes_note(fold_lookalikes(body)[1])  # what the annotators read as Latin
    if looks:
        warnings.append(looks)
        if notes is not None:
            notes.append(looks)

    language = detect_language(body)
    if language != "en":
        warnings.append(f"language is {language!r}, not English: annotations are English-only")

    if raw.given_title:
        title = raw.given_title.strip()
        if not raw.title_as_shown:
            title = unescape_text(title)
    elif not title and raw.kind == "text":
        title = _unspaced_title(head)
    outlet_text, agency, strong = outlet_from_text(head, body, tail)
    wire = None if raw.kind == "html" else cleaned.wire
    wire_agency = canonical_outlet(wire.agency) if wire is not None and wire.agency else None
    agency = agency or wire_agency
    outlet = (
        canonical_outlet(raw.given_outlet, given=True)
        or (outlet_text if strong else None)
        or canonical_outlet(sitename)
        or outlet_from_url(url)
        or wire_agency  # the page header names the agency that filed the story
        or outlet_text
    )
    if title:
        title = strip_site_name(title, outlet, url) or title
        title = re.sub(r"\s+", " ", title).strip()
    dateline, _ = find_dateline(head, body, wire)

    published = _published(raw, body, head, tail, html_date, _wire_date(wire), html_month)
    damaged, damage_warnings = find_damage(body)
    warnings.extend(damage_warnings)
    if agency and agency != outlet:
        warnings.append(f"syndicated from {agency}")

    return Article(
        id=article_id(body),
        input_id=raw.input_id,
        path=raw.path,
        url=url,
        outlet=outlet,
        title=title or None,
        dateline=dateline,
        published=published,
        text=body,
        language=language,
        warnings=warnings,
        damaged=damaged,
        position=raw.position,
    )


# A sentence end inside or at the end of a line: "... officials said. The talks ..."
_SENTENCE_END = re.compile(r"\w[.!?][\"\u201d\u2019)]?(?:\s|$)")


def reads_as_prose(line: str) -> bool:
    """Whether a line reads as prose, not as page furniture, by its shape: seven words or
    more with a sentence end in it. A menu, a footer's link titles or a sharing bar has
    none.

    >>> reads_as_prose("Troops shelled the town on Monday, killing 12 people, officials said.")
    True
    >>> reads_as_prose("Home World Business Markets Sport Technology Opinion Video Pictures")
    False
    """
    return len(line.split()) >= 7 and _SENTENCE_END.search(line) is not None


MENU_RUN_LINES = 20  # consecutive short non-sentence lines that make a menu, not an article
MENU_LINE_WORDS = 12


def drop_menu_runs(text: str) -> tuple[str, int]:
    r"""``text`` without its runs of :data:`MENU_RUN_LINES` or more short lines that are no
    sentences (a site's menu saved 100,000 lines long above the article), and how many
    lines went. Asked only of a text over the length limit, before it is cut: the
    article below the menu survives the cut. One pass, linear in the text.

    >>> menu = "\n".join(f"Section {i} | Latest {i}" for i in range(30))
    >>> lead = "Troops shelled the town on Monday, killing 12 people, officials said."
    >>> drop_menu_runs(menu + "\n\n" + lead)
    ('\nTroops shelled the town on Monday, killing 12 people, officials said.', 30)
    """
    out: list[str] = []
    run: list[str] = []
    dropped = 0

    def flush() -> None:
        nonlocal dropped
        shown = sum(1 for x in run if x.strip())
        if shown >= MENU_RUN_LINES:
            dropped += shown
        else:
            out.extend(run)
        run.clear()

    for line in text.split("\n"):
        words = line.split()
        if not words:
            if run and "" not in (x.strip() for x in run) and len(run) >= MENU_RUN_LINES:
                flush()  # the blank line after a menu of one line each: the headline follows
            (run if run else out).append(line)
        elif len(words) <= MENU_LINE_WORDS and not reads_as_prose(line):
            run.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return ("\n".join(out), dropped) if dropped else (text, 0)


def given_furniture(text: str, boilerplate: frozenset[str]) -> frozenset[str]:
    r"""What of an input's recurring lines (``boilerplate``) a text the user gave (a JSON
    Lines item) loses: only the lines shaped like furniture. A sentence or paragraph of
    prose that recurs (the lead shared by a wire's updates to one story) is the user's
    text, kept whole.

    >>> from storyline.clean.text import line_key
    >>> lead, menu = "Troops shelled the town on Monday, officials said.", "Home | World | Sport"
    >>> given_furniture(lead + "\n" + menu, frozenset({line_key(lead), line_key(menu)})) == {
    ...     line_key(menu)}
    True
    """
    from storyline.clean.text import EXACT_MARK, exact_line_key, line_key, split_blocks

    if not boilerplate:
        return boilerplate
    lines = split_blocks(text)
    prose = {k for k in (line_key(x) for x in lines if reads_as_prose(x)) if k in boilerplate}
    if EXACT_MARK in boilerplate:
        # records of one input: a line of this record's own text ("village 7") is kept
        # though the input repeats its shape word for word in others ("village 3")
        prose |= {k for k, x in ((line_key(x), x) for x in lines)
                  if k in boilerplate and exact_line_key(x) not in boilerplate}
    return boilerplate - prose if prose else boilerplate


def file_furniture(text: str, boilerplate: frozenset[str]) -> frozenset[str]:
    r"""What of an input's recurring lines (``boilerplate``) a plain-text file loses: all
    but its first line, the line its title is read from, unless that line begins many of
    the input's documents word for word (a masthead). Serial headlines ("Sahel report
    1", "Sahel report 2", ...) recur in shape (digits are folded) across a folder; taking
    them for furniture deleted every title in it, without a word.

    >>> from storyline.clean.text import first_line_key, line_key
    >>> title, foot = "Sahel report 2", "Copyright Example News Ltd. All rights reserved"
    >>> found = frozenset({line_key("Sahel report 1"), line_key(foot)})
    >>> file_furniture(title + "\n\nBody.\n" + foot, found) == {line_key(foot)}
    True
    >>> file_furniture(title + "\n\nBody.", found | {first_line_key(title)}) >= found
    True
    """
    from storyline.clean.text import first_line_key, line_key, split_blocks

    if not boilerplate:
        return boilerplate
    first = split_blocks(text[:FIRST_LINE_CHARS])[:1]
    if not first or first_line_key(first[0]) in boilerplate:
        return boilerplate
    key = line_key(first[0])
    return boilerplate - {key} if key in boilerplate else boilerplate


# How far into a text its first line is looked for (a title longer than this is no title).
FIRST_LINE_CHARS = 8192


def _only_furniture(text: str, boilerplate: frozenset[str]) -> bool:
    """Whether every line of ``text`` recurs across the input's documents and none reads
    as a sentence. Texts made from one template (wire items that differ in their numbers)
    recur too, but their lines are sentences: they stay articles."""
    from storyline.clean.text import _is_sentence, line_key, split_blocks

    lines = split_blocks(text)
    return bool(boilerplate) and bool(lines) and all(
        line_key(x) in boilerplate and not _is_sentence(x) for x in lines)


def _why_short(raw: RawDocument, body: str) -> str:
    """Why a document's body is empty or too short for an article: a text made only of
    lines that recur across the input (the footer every message of a mailbox has) is
    furniture; one whose lines were all taken off (a one-line "Item 4 ok." read as its
    title) is short, with its words counted; a page with nothing left has no body."""
    words = len(raw.content.split()) if raw.kind != "html" else 0
    if words and _only_furniture(raw.content, raw.boilerplate):
        return "only page furniture (lines that recur across this input)"
    if body.strip():
        return f"too short to be a news article ({len(body.split())} words)"
    if not words:
        return "no article text found (empty page or no body)"
    return f"too short to be a news article ({words} words)"


def _wire_date(wire: WireHeader | None) -> str | None:
    return wire.date.isoformat() if wire is not None and wire.date is not None else None


# The longest first line of a text in a script without spaces (Thai, Chinese, Japanese)
# that is taken as its title when the cleaner, counting words between spaces, found none.
UNSPACED_TITLE_MAX_CHARS = 200


def _unspaced_title(head: list[str]) -> str | None:
    """The first line above the body, as the title, where it is written in a script
    without spaces: the cleaner counts such a headline as one word, too short to be a
    title, and put it in neither the title nor the text ("กองทัพยิงถล่มเมือง")."""
    from storyline.ingest.guard import unspaced_chars

    line = head[0].strip() if head else ""
    if not line or len(line) > UNSPACED_TITLE_MAX_CHARS or len(line.split()) >= 3:
        return None
    return unescape_text(line) if unspaced_chars(line) >= len(line) // 2 else None


def _fallback_body(cleaned: CleanResult, raw: str, warnings: list[str]) -> str:
    """A page whose body the cleaner emptied or cut below an article's length keeps its
    longest prose instead of being dropped: the lines that read as sentences, when they
    make an article."""
    prose = simple_rule(raw)
    if len(prose.split()) >= MIN_BODY_WORDS and len(prose.split()) > len(cleaned.body.split()):
        warnings.append("no article body stood out from the page: kept its sentence-like lines")
        return prose
    return cleaned.body


def _published(raw: RawDocument, body: str, head: list[str], tail: list[str],
               html_date: str | None, wire_date: str | None = None,
               html_month: str | None = None) -> Published:
    given = parse_iso_or_text(raw.given_published)
    if given is not None:
        d = given.isoformat()
        return Published(date=d, source="input", earliest=d, latest=d)
    if wire_date:
        # The wire header's stamp is the story's own filing time (a comment's time stamp
        # in the footer is not).
        return Published(date=wire_date, source="explicit", earliest=wire_date, latest=wire_date)
    # The article's own statement, in its footer or header, beats page chrome.
    lines = tail[:6] + head[-4:] + body.split("\n")[-2:]
    stated = explicit_date(lines)
    if stated is not None:
        d = stated[0].isoformat()
        return Published(date=d, source="explicit", earliest=d, latest=d)
    if html_date:
        return Published(date=html_date, source="explicit", earliest=html_date, latest=html_date)
    inferred = infer_date(body)
    if inferred is not None:
        return inferred
    if html_month:
        # the page gives only a month (a URL path /2024/05/): bounds, not a day
        first = dt.date.fromisoformat(html_month + "-01")
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return Published(date=None, source="none", earliest=first.isoformat(),
                         latest=last.isoformat())
    # A bare date line right above the title is a header, but may be all there is.
    for line in head:
        d0 = parse_date_string(line)
        if d0 is not None and len(line.split()) <= 6:
            return Published(date=None, source="none", earliest=None, latest=d0.isoformat())
    return Published(date=None, source="none", earliest=None, latest=None)
