"""Output files written atomically: through a temporary file beside the output, moved
over it when complete, removed when the writing fails (a full disk, an error), so that
an output folder holds only whole outputs and no ``.tmp`` leftovers."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
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


# The outputs of one run, written to their temporary names and put in place together at
# the end (:func:`output_batch`); None outside a batch: each output is replaced at once.
_BATCH: list[tuple[Path, Path]] | None = None


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
        if _BATCH is not None:
            _BATCH.append((tmp, path))
        else:
            tmp.replace(path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise


@contextmanager
def output_batch() -> Iterator[None]:
    """Write a run's outputs together: each :func:`atomic_path` inside the block writes
    its temporary file, and all are moved in place at the end. When one output cannot
    be replaced (a file made immutable, a folder of that name), none is: the outputs of
    the earlier run stay whole, never mixed with this run's, and :class:`OutputError`
    names that output (not its temporary name).

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> (out / "b.json").mkdir()  # an output that cannot be replaced
    >>> _ = (out / "a.json").write_text("old")
    >>> with output_batch():
    ...     for name in ("a.json", "b.json"):
    ...         with atomic_path(out / name) as tmp:
    ...             _ = tmp.write_text("new")
    Traceback (most recent call last):
    ...
    storyline.outfiles.OutputError: cannot replace the output .../b.json: ...
    >>> (out / "a.json").read_text(), sorted(p.name for p in out.iterdir())
    ('old', ['a.json', 'b.json'])
    """
    global _BATCH
    outer, _BATCH = _BATCH, []
    pairs = _BATCH
    try:
        yield
    except BaseException:
        _BATCH = outer
        _drop(tmp for tmp, _ in pairs)
        raise
    _BATCH = outer
    if outer is not None:  # a batch inside a batch: the outer one moves them
        outer.extend(pairs)
        return
    _replace_all(pairs)


def _drop(paths: Iterable[Path]) -> None:
    for path in paths:
        with suppress(OSError):
            path.unlink()


def _why_not(path: Path) -> str | None:
    """Why ``path`` could not be replaced by a rename, where that shows beforehand: a
    folder of that name, or a file made immutable or append-only (``chattr +i``)."""
    if path.is_dir() and not path.is_symlink():
        return "a folder of that name is in the way"
    if not path.exists():
        return None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    except OSError as exc:
        return exc.strerror if exc.errno == errno.EPERM else None
    os.close(fd)
    return None


def _replace_all(pairs: list[tuple[Path, Path]]) -> None:
    for _, path in pairs:
        why = _why_not(path)
        if why is not None:
            _drop(t for t, _ in pairs)
            raise OutputError(f"cannot replace the output {path}: {why}; no output of this "
                              "run was written (the earlier ones are kept whole)")
    backups: list[tuple[Path, Path | None]] = []
    for k, (tmp, path) in enumerate(pairs):
        keep: Path | None = path.with_name(path.name + ".old")
        try:
            _drop([path.with_name(path.name + ".old")])
            os.link(path, path.with_name(path.name + ".old"))
        except OSError:
            keep = None  # no earlier output (or no hard links): nothing to restore
        try:
            tmp.replace(path)
        except OSError as exc:
            _restore(backups, path, keep)
            _drop(t for t, _ in pairs[k:])
            raise OutputError(f"cannot replace the output {path}: {exc.strerror or exc}; "
                              "no output of this run was written (the earlier ones are "
                              "kept)") from None
        backups.append((path, keep))
    _drop(keep for _, keep in backups if keep is not None)


def _restore(done: list[tuple[Path, Path | None]], failed: Path, keep: Path | None) -> None:
    """Put the earlier run's outputs back over those this run replaced before ``failed``."""
    _drop([keep] if keep is not None else [])
    for path, old in done:
        if old is None:
            _drop([path])
            continue
        with suppress(OSError):
            old.replace(path)
