"""Issue 15, what the second attack run left open: a WARC record with a wrong length
(F8), articles buried in deep nesting (F9), timestamps that are no real time (F13),
content that disagrees with its file name and hidden files (F14). Every input is
written here (news-style fiction)."""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.clean.markup import bound_nesting, flatten_nesting, too_deep
from storyline.ingest.guard import Noted, clean_document
from storyline.ingest.readers import read_documents
from storyline.model import RawDocument, Rejected
from storyline.pipeline import Options, run
from tests.news import article

# -- F8: a record whose Content-Length is wrong loses only itself -------------------------


def _page(n: int) -> bytes:
    paras = "\n".join(f"<p>{p}</p>" for p in article(n).split("\n\n"))
    return (f"<html><head><title>Crossing talks, round {n}</title></head>\n<body><article>\n"
            f"{paras}\n</article></body></html>\n").encode()


def _record(n: int) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.0")
    writer.write_record(writer.create_warc_record(
        f"https://example.org/news/{n}", "response", payload=io.BytesIO(_page(n)),
        http_headers=headers))
    return buf.getvalue()


def _length(fn: Callable[[int], bytes]) -> Callable[[bytes, bytes], bytes]:
    def change(rec: bytes, _next: bytes) -> bytes:
        m = re.search(rb"Content-Length: (\d+)\r\n", rec)
        assert m is not None
        return rec[:m.start(1)] + fn(int(m[1])) + rec[m.end(1):]
    return change


# name: (how record 1 is damaged, whether record 1 itself is still read)
DAMAGE: dict[str, tuple[Callable[[bytes, bytes], bytes], bool]] = {
    "too long": (_length(lambda n: str(n + 300).encode()), False),
    "too short": (_length(lambda n: str(n - 300).encode()), True),
    "past the end of the file": (_length(lambda n: b"900000000"), False),
    "not a number": (_length(lambda n: b"12x4"), False),
    # exactly one record too long: its end falls on a record boundary, so warcio sees
    # nothing wrong, and the record it swallowed would be lost without a word
    "one record too long": (
        lambda rec, nxt: _length(lambda n: str(n + len(nxt)).encode())(rec, nxt), False),
    "garbage instead of a record": (lambda rec, nxt: bytes(range(256)) * 3, False),
    "garbage inside the page": (lambda rec, nxt: rec.replace(
        b"</article>", b"\xfe\xff stray bytes \x7f" * 30 + b"</article>"), True),
}


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_bad_warc_record_is_one_warning_and_later_records_are_kept(
        case: str, compressed: bool, tmp_path: Path) -> None:
    damage, itself_kept = DAMAGE[case]
    records = [_record(i) for i in range(5)]
    records[1] = damage(records[1], records[2])
    members = [gzip.compress(r) for r in records] if compressed else records
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(b"".join(members))
    items = list(read_documents([str(path)]))
    urls = [d.url for d in items if isinstance(d, RawDocument)]
    expected = [f"https://example.org/news/{i}" for i in range(5) if i != 1 or itself_kept]
    assert urls == expected
    rejected = [r for r in items if isinstance(r, Rejected)]
    offset = len(members[0])  # record 1 starts where record 0 ends
    assert len(rejected) == 1, rejected
    assert rejected[0].path == f"{path}@{offset}"
    assert rejected[0].reason.startswith(f"bad web archive record (at byte {offset}): ")


def test_a_bad_warc_record_in_a_run_is_one_counted_warning(tmp_path: Path) -> None:
    records = [_record(i) for i in range(4)]
    records[2] = DAMAGE["too long"][0](records[2], records[3])
    src = tmp_path / "in"
    src.mkdir()
    (src / "crawl.warc").write_bytes(b"".join(records))
    lines: list[str] = []
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False),
                  log=lines.append)
    offset = len(records[0]) + len(records[1])
    assert len(lines) == 1 and f"crawl.warc@{offset}" in lines[0], lines
    assert summary.skipped["bad web archive record"] == 1
    assert summary.articles_new == 3


def test_a_warc_cut_inside_its_last_record_still_says_truncated(tmp_path: Path) -> None:
    records = b"".join(_record(i) for i in range(3))
    (tmp_path / "cut.warc").write_bytes(records[:-200])
    items = list(read_documents([str(tmp_path / "cut.warc")]))
    assert len([d for d in items if isinstance(d, RawDocument)]) == 2
    assert [r.reason for r in items if isinstance(r, Rejected)] == [
        "truncated web archive: record 3 is cut short"]


# -- F9: an article inside markup nested thousands deep is read, with one warning ---------


NEST = {
    "tables": ("<table><tr><td>", "</td></tr></table>"),
    "divs": ("<div class='wrap'>", "</div>"),
    "spans": ("<span>", "</span>"),
    "unclosed fonts": ("<font size=2>", ""),
    "mixed": ("<div><table><tbody><tr><td><span><b>", "</b></span></td></tr></tbody></table></div>"),
}


def _deep_page(kind: str, depth: int) -> str:
    opening, closing = NEST[kind]
    paras = "".join(f"<p>{p}</p>" for p in article(7).split("\n\n"))
    return (f"<html><head><title>Crossing talks resume</title></head><body>{opening * depth}"
            f"<h1>Crossing talks resume</h1>{paras}{closing * depth}</body></html>")


@pytest.mark.parametrize("kind", list(NEST))
def test_an_article_nested_thousands_deep_is_read_with_a_warning(kind: str) -> None:
    page = _deep_page(kind, 3000)
    assert too_deep(page)
    result = clean_document(RawDocument(path="deep.html", kind="html", content=page))
    assert isinstance(result, Noted), result
    text = result.item.text  # type: ignore[union-attr]
    for para in article(7).split("\n\n"):
        assert para in text
    assert [n for n in result.notes if "nested" in n and "degraded" in n]


def test_a_page_of_ordinary_depth_is_left_as_it_is() -> None:
    page = _deep_page("divs", 40)
    assert bound_nesting(page) == (page, None)
    result = clean_document(RawDocument(path="flat.html", kind="html", content=page))
    assert not isinstance(result, (Noted, Rejected))


def test_a_deep_page_in_a_run_is_one_warning_and_one_article(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "deep.html").write_text(_deep_page("tables", 3000), encoding="utf-8")
    lines: list[str] = []
    summary = run([str(src)], tmp_path / "out", options=Options(progress=False),
                  log=lines.append)
    assert summary.articles_new == 1
    assert len(lines) == 1 and "deep.html" in lines[0] and "nested" in lines[0], lines


_TAGS = st.sampled_from(["div", "span", "table", "td", "tr", "p", "li", "b", "section", "font"])
_WORDS = st.text(alphabet="abcdefghij ", min_size=0, max_size=8)


@st.composite
def _nested_markup(draw: st.DrawFn) -> str:
    """Markup nested a random number of levels, its end tags there or not."""
    parts: list[str] = []
    stack: list[str] = []
    for _ in range(draw(st.integers(0, 600))):
        action = draw(st.integers(0, 9))
        if action < 6:
            tag = draw(_TAGS)
            parts.append(f"<{tag}>")
            stack.append(tag)
        elif action < 8 and stack:
            parts.append(f"</{stack.pop()}>")
        else:
            parts.append(draw(_WORDS))
    return "<html><body>" + "".join(parts) + "</body></html>"


def _text(html: str) -> str:
    return "".join(re.sub(r"<[^>]*>", " ", html).split())


@settings(max_examples=60, deadline=None)
@given(_nested_markup())
def test_flattening_keeps_every_text_and_bounds_the_depth(html: str) -> None:
    flat, _ = flatten_nesting(html)
    assert _text(flat) == _text(html)
    assert not too_deep(flat)
    out, note = bound_nesting(html)
    assert (note is None) == (out == html)
    assert not too_deep(out)
