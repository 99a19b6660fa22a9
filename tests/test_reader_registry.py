"""Readers come from a registry: a toy reader registered by a test (or installed through
the ``storyline.readers`` entry-point group) reads the files it claims."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.ingest import readers
from storyline.ingest.readers import (
    Reader,
    detect_kind,
    get_reader,
    iter_input_files,
    read_file,
    register_reader,
    unregister_reader,
)
from storyline.model import RawDocument, Rejected


def _read_pipe_table(display: str, path: Path) -> Iterator[RawDocument | Rejected]:
    """A toy format: one article a line, ``title|body``."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        title, _, body = line.partition("|")
        if not body.strip():
            yield Rejected(f"{display}:{n}", "no body")
            continue
        yield RawDocument(path=display, kind="text", content=body.strip(),
                          given_title=title.strip(), given_text=True, position=str(n))


def test_builtin_readers_are_registered() -> None:
    assert {"warc", "jsonl", "feed", "html", "text"} <= set(readers.available_readers())
    assert get_reader("jsonl").read is readers.read_jsonl


def test_a_registered_reader_reads_the_files_it_claims(tmp_path: Path) -> None:
    # .csv is refused as "not news" by the built-in detection: the plug-in claims it first
    path = tmp_path / "wire.csv"
    path.write_text("Ferry resumes|The lake ferry sailed again on Tuesday.\nEmpty|\n",
                    encoding="utf-8")
    assert isinstance(next(read_file("wire.csv", path)), Rejected)
    register_reader("pipe-table", extensions=[".CSV"])(_read_pipe_table)
    try:
        assert detect_kind(path, path.read_bytes()[:100]) == "pipe-table"
        items = list(read_file("wire.csv", path))
        assert isinstance(items[0], RawDocument)
        assert items[0].given_title == "Ferry resumes"
        assert items[0].content == "The lake ferry sailed again on Tuesday."
        assert isinstance(items[1], Rejected) and items[1].reason == "no body"
        # a folder walk no longer skips the files a reader claims
        assert [d for d, _ in iter_input_files([str(tmp_path)])] == [str(tmp_path / "wire.csv")]
    finally:
        unregister_reader("pipe-table")
    assert detect_kind(path, path.read_bytes()[:100]) == "other"


def test_a_reader_can_claim_files_by_their_bytes(tmp_path: Path) -> None:
    path = tmp_path / "item.txt"
    path.write_text("PIPES\nHarbour|Cranes stood idle at the port.", encoding="utf-8")
    assert detect_kind(path, path.read_bytes()) == "text"

    def sniff(p: Path, head: bytes) -> bool:
        return head.startswith(b"PIPES\n")

    def read(display: str, p: Path) -> Iterator[RawDocument | Rejected]:
        body = p.read_text(encoding="utf-8").split("\n", 1)[1]
        yield from _read_pipe_table(display, _write(tmp_path / "body.tbl", body))

    register_reader("pipes", sniff=sniff)(read)
    try:
        (doc,) = read_file("item.txt", path)
        assert isinstance(doc, RawDocument) and doc.given_title == "Harbour"
    finally:
        unregister_reader("pipes")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


class _EntryPoint:
    def __init__(self, name: str, obj: Any) -> None:
        self.name, self._obj = name, obj

    def load(self) -> Any:
        return self._obj


def test_entry_point_readers_are_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toy = Reader("pipe-plugin", _read_pipe_table, extensions=(".tbl",))

    def broken() -> Any:
        raise RuntimeError("plug-in bug")

    def fake_entry_points(group: str) -> list[_EntryPoint]:
        assert group == "storyline.readers"
        return [_EntryPoint("pipe-plugin", lambda: toy), _EntryPoint("broken", broken)]

    monkeypatch.setattr(readers, "entry_points", fake_entry_points)
    monkeypatch.setattr(readers, "_ENTRY_POINTS_LOADED", False)
    try:
        path = _write(tmp_path / "desk.tbl", "Talks end|Both delegations left Nairobi.")
        (doc,) = read_file("desk.tbl", path)
        assert isinstance(doc, RawDocument) and doc.content == "Both delegations left Nairobi."
        assert "pipe-plugin" in readers.available_readers()
        assert "broken" not in readers.available_readers()
    finally:
        unregister_reader("pipe-plugin")
