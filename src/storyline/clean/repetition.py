"""The per-input pass of the text cleaner: lines that recur across the documents of one
input are that outlet's furniture (menus, footers, disclaimers, comment headers).

An input is one JSON Lines file (its lines) or one folder of plain-text pages (its
files). The pass reads the input once before its documents are cleaned and hands each
plain-text document the set of recurring line keys (:func:`storyline.clean.text.line_key`);
the per-document cleaning stays a pure function of the document and that set.
"""

from __future__ import annotations

import logging
from pathlib import Path

from storyline.clean.text import RepetitionCounter
from storyline.model import RawDocument

log = logging.getLogger(__name__)

# Documents read per input for the counts: enough to see an outlet's furniture recur,
# few enough that a huge input costs one bounded extra read.
SAMPLE_DOCS = 2000


class InputRepetition:
    """Recurring lines per input, computed once per JSON Lines file or text folder."""

    def __init__(self, sample_docs: int = SAMPLE_DOCS) -> None:
        self.sample_docs = sample_docs
        self._folder: Path | None = None
        self._folder_set: frozenset[str] = frozenset()

    def boilerplate_for(self, display: str, path: Path) -> frozenset[str]:
        import os
        import stat

        from storyline.ingest.readers import detect_kind

        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return frozenset()  # a pipe or device: opening it could block forever
            with open(path, "rb") as fh:
                head = fh.read(8192)
        except OSError:
            return frozenset()
        kind = detect_kind(path, head) if head else "empty"
        if kind == "jsonl":
            return self._count([(display, path)])
        if kind == "text":
            folder = path.parent
            if folder != self._folder:
                self._folder = folder
                self._folder_set = self._count(_text_files(folder))
            return self._folder_set
        return frozenset()

    def _count(self, files: list[tuple[str, Path]]) -> frozenset[str]:
        from storyline.ingest.readers import read_file

        counter = RepetitionCounter()
        for display, path in files:
            for item in read_file(display, path):
                if isinstance(item, RawDocument) and item.kind == "text":
                    counter.add(item.content)
                    if counter.docs >= self.sample_docs:
                        break
            if counter.docs >= self.sample_docs:
                break
        found = counter.boilerplate()
        if found:
            log.info("%d recurring furniture lines over %d documents of %s", len(found),
                     counter.docs, files[0][0] if len(files) == 1 else files[0][1].parent)
        return found


def _text_files(folder: Path) -> list[tuple[str, Path]]:
    """The plain-text pages directly inside ``folder``."""
    from storyline.ingest.readers import NOT_NEWS_EXTENSIONS, detect_kind

    out = []
    try:
        names = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError:
        return []
    for p in names:
        if p.name.startswith(".") or p.name.lower().endswith(NOT_NEWS_EXTENSIONS):
            continue
        try:
            with open(p, "rb") as fh:
                head = fh.read(8192)
        except OSError:
            continue
        if head and detect_kind(p, head) == "text":
            out.append((str(p), p))
    return out
