"""The per-input pass of the text cleaner: lines that recur across the documents of one
input are that outlet's furniture (menus, footers, disclaimers, comment headers).

An input is one JSON Lines file (its lines), one JSON document (its items) or one
folder of plain-text pages (its files). The pass reads the input once before its documents are cleaned and hands each
plain-text document the set of recurring line keys (:func:`storyline.clean.text.line_key`);
the per-document cleaning stays a pure function of the document and that set.

Only the run's inputs are counted: a text file named by itself is counted with the other
files named by themselves in its folder, never with the files that merely lie beside it
(the same file gave another article, its headline taken for furniture, when ten similar
files sat in its folder). One file named alone has no furniture of this kind.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from storyline.clean.text import RepetitionCounter
from storyline.model import RawDocument

log = logging.getLogger(__name__)

# Inputs of records, each with its own text: a JSON Lines file and a JSON document (an
# array of the same items, the fields of JSON Lines). One pass for both, over their lines
# as written (:class:`RepetitionCounter` ``exact``).
RECORD_KINDS = ("jsonl", "json")

# Documents read per input for the counts: enough to see an outlet's furniture recur,
# few enough that a huge input costs one bounded extra read.
SAMPLE_DOCS = 2000


class InputRepetition:
    """Recurring lines per input, computed once per JSON Lines file or text folder."""

    def __init__(self, sample_docs: int = SAMPLE_DOCS, named: Iterable[Path] = ()) -> None:
        """``named``: the files the run was given by name (not found in a folder)."""
        self.sample_docs = sample_docs
        self._named = frozenset(_resolved(Path(p)) for p in named)
        self._folder: tuple[Path, bool] | None = None
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
        if kind in RECORD_KINDS:
            return self._count([(display, path)], exact=True)
        if kind == "text":
            # a file named by itself is one input: counted with the others so named
            # in its folder; one found in a given folder, with that folder's pages
            named = _resolved(path) in self._named
            key = (path.parent, named)
            if key != self._folder:
                self._folder = key
                files = _text_files(path.parent, self._named if named else None)
                self._folder_set = self._count(files) if len(files) > 1 else frozenset()
            return self._folder_set
        return frozenset()

    def _count(self, files: list[tuple[str, Path]], exact: bool = False) -> frozenset[str]:
        from storyline.ingest.readers import read_file

        counter = RepetitionCounter(exact=exact)
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


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop
        return path.absolute()


def _text_files(folder: Path, only: frozenset[Path] | None = None) -> list[tuple[str, Path]]:
    """The plain-text pages directly inside ``folder`` (those in ``only``, resolved
    paths, when it is given)."""
    from storyline.ingest.readers import NOT_NEWS_EXTENSIONS, detect_kind

    out = []
    try:
        names = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError:
        return []
    for p in names:
        if only is not None:
            if _resolved(p) not in only:
                continue
        elif p.name.startswith(".") or p.name.lower().endswith(NOT_NEWS_EXTENSIONS):
            continue
        try:
            with open(p, "rb") as fh:
                head = fh.read(8192)
        except OSError:
            continue
        if head and detect_kind(p, head) == "text":
            out.append((str(p), p))
    return out
