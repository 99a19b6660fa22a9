"""Output files written atomically: through a temporary file beside the output, moved
over it when complete, removed when the writing fails (a full disk, an error), so that
an output folder holds only whole outputs and no ``.tmp`` leftovers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


class OutputError(RuntimeError):
    """The output folder cannot be made or written (a file of that name, read-only, in use
    by another run, ...)."""


@contextmanager
def folder_lock(out: Path) -> Iterator[None]:
    """Hold ``out`` for one run: a second run writing the same output folder (with another
    store) would interleave its exports with this one's, leaving an ``articles.jsonl`` of
    one store beside the ``events.jsonl`` of the other. The lock is the kernel's (``flock``
    on the folder itself), so it creates no file and ends with the process, even by
    SIGKILL. Where ``flock`` is missing (Windows) the folder is not locked.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> with folder_lock(out):
    ...     with folder_lock(out):
    ...         pass
    Traceback (most recent call last):
    ...
    storyline.outfiles.OutputError: the output folder ... is in use by another storyline run: ...
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(out, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"the output folder {out} is in use by another storyline run: "
                              "wait for it to finish, or give this run another --out") from None
        except OSError:
            pass  # a file system without locks (some network mounts): run unlocked
        yield
    finally:
        os.close(fd)


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
