"""Output folders the kit owns: marker, lock, staging folders and clean-up of the kit's own leftovers.

Every folder ``framing analyze --out`` or ``framing report --out`` writes gets :data:`OUTPUT_MARKER` (so a
corpus walk never reads it back as input) and a lock file: a second run on the same folder stops with
"output folder is busy". Work is staged in hidden folders that hold :data:`STAGE_MARKER`; clean-up only
ever removes names the kit makes (marked staging folders, ``*.framing-XXXXXXXX.tmp`` and ``.ipynb``
temporaries) and only while holding the lock, which proves no other run is using them. Nothing else in the
folder is touched.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "results"
>>> with claim_output(out, corpus="corpus/sample", what="framing analyze") as folder:
...     stage = new_stage(folder)
>>> sorted(p.name for p in out.iterdir()) == [".framing-lock", OUTPUT_MARKER, stage.name]
True
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from ..exceptions import FramingError
from ..read.corpus import OUTPUT_MARKER
from .io import TEMP_TAG

__all__ = ["LOCK_FILE", "OUTPUT_MARKER", "STAGE_MARKER", "STAGE_PREFIX", "TEMP_TAG", "claim_output",
           "clean_stale", "is_kit_temporary", "new_stage", "refuse_corpus_overlap"]

LOCK_FILE = ".framing-lock"
STAGE_PREFIX = ".framing-stage-"
STAGE_MARKER = ".framing-stage"  # the file inside a staging folder that says it is the kit's
_TEMPORARY = re.compile(r"^\..+\." + re.escape(TEMP_TAG) + r"[a-z0-9_]{8}\.(?:tmp|ipynb)$")


def is_kit_temporary(name: str) -> bool:
    """True for the names of the kit's atomic-write temporaries (and nothing a user would call a file).

    >>> is_kit_temporary(".report.html.framing-ab12cd34.tmp"), is_kit_temporary(".draft.ipynb")
    (True, False)
    """
    return bool(_TEMPORARY.match(name))


def refuse_corpus_overlap(out, corpus) -> None:
    """Raise when ``out`` is the corpus folder or holds it: its marker would hide the corpus from the reader.

    >>> refuse_corpus_overlap("corpus", "corpus")
    Traceback (most recent call last):
    ...
    framing.exceptions.FramingError: corpus: output folder is the corpus folder or contains it; choose another (e.g. results/)
    """
    if corpus is None or "://" in str(corpus):
        return
    o, c = Path(out).resolve(), Path(corpus).resolve()
    if o == c or o in c.parents:
        raise FramingError("output folder is the corpus folder or contains it; choose another (e.g. results/)",
                           file=str(out), stage="analyze")


def _marker_text(what: str) -> str:
    return (f"Output of {what}, written by framing; framing never reads this folder as part of a corpus. "
            "Do not delete this file while the outputs are in use.\n")


def _try_lock(fd: int) -> None:
    """Lock ``fd`` without waiting (``flock``; ``msvcrt.locking`` on Windows); OSError when it is held."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


_HELD = (errno.EAGAIN, errno.EACCES, errno.EDEADLK)


def _lock(path: Path, wait: float):
    """An exclusive lock on ``path`` (held while the returned descriptor is open), waiting up to ``wait`` s."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)  # not inherited by kernels
    end = time.monotonic() + wait
    while True:
        try:
            _try_lock(fd)
            return fd
        except OSError as exc:
            if exc.errno not in _HELD or time.monotonic() >= end:
                os.close(fd)
                if exc.errno in _HELD:
                    raise FramingError("output folder is busy: another framing run is writing to it; wait for "
                                       "it to finish or choose another --out", file=str(path.parent),
                                       stage="analyze") from None
                raise
            time.sleep(0.1)


@contextmanager
def claim_output(out, *, corpus=None, what: str = "framing", wait: float = 2.0):
    """Create ``out`` if needed, lock it for this run, mark it as output and remove stale kit leftovers.

    Raises :class:`FramingError` (nothing written) when ``out`` is or holds ``corpus``, or when another run
    holds the lock for longer than ``wait`` seconds. Yields ``out`` as a Path; the lock ends with the block.
    """
    from .io import atomic_write_text

    out = Path(out)
    refuse_corpus_overlap(out, corpus)
    out.mkdir(parents=True, exist_ok=True)
    fd = _lock(out / LOCK_FILE, wait)
    try:
        marker, text = out / OUTPUT_MARKER, _marker_text(what)
        try:
            current = marker.read_text(encoding="utf-8")
        except (OSError, ValueError):
            current = None
        if current is None or not current.startswith("Output of "):
            atomic_write_text(marker, text)
        clean_stale(out)
        yield out
    finally:
        os.close(fd)


def new_stage(out) -> Path:
    """A fresh staging folder inside ``out``, unique to this run and marked as the kit's."""
    stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out))
    (stage / STAGE_MARKER).write_text(f"framing staging folder of process {os.getpid()}\n", encoding="utf-8")
    return stage


def remove_stage(stage: Path) -> None:
    """Delete a staging folder made by :func:`new_stage` (and only such a folder)."""
    if stage.name.startswith(STAGE_PREFIX) and (stage / STAGE_MARKER).is_file():
        shutil.rmtree(stage, ignore_errors=True)


def clean_stale(out) -> list[str]:
    """Remove the kit's leftovers of killed runs directly in ``out`` and in ``out/_data``; return their names.

    Call only while holding the folder's lock (:func:`claim_output` does): then no other run owns them.
    """
    removed = []
    for folder in (Path(out), Path(out) / "_data"):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith(STAGE_PREFIX) and entry.is_dir(follow_symlinks=False):
                if (path / STAGE_MARKER).is_file():
                    remove_stage(path)
                    removed.append(entry.name)
            elif is_kit_temporary(entry.name) and entry.is_file(follow_symlinks=False):
                path.unlink(missing_ok=True)
                removed.append(entry.name)
    return removed
