"""Output files written atomically: through a temporary file beside the output, moved
over it when complete, removed when the writing fails (a full disk, an error), so that
an output folder holds only whole outputs and no ``.tmp`` leftovers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """The temporary path to write ``path``'s new content to.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "a.json"
    >>> with atomic_path(out) as tmp:
    ...     _ = tmp.write_text("{}")
    >>> out.read_text(), sorted(p.name for p in out.parent.iterdir())
    ('{}', ['a.json'])
    """
    tmp = path.with_name(path.name + ".tmp")
    try:
        yield tmp
        tmp.replace(path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
