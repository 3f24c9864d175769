"""The corpus's files on disk: the one folder walk every scan uses (hidden and output folders left out,
unreadable folders reported), the checks made before a file is opened (a regular file, under the size
limit), and file names made printable.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / "results").mkdir(); _ = (root / "results" / OUTPUT_MARKER).write_text("")
>>> _ = (root / "a.txt").write_text("Hi."); _ = (root / "results" / "quotes.csv").write_text("x")
>>> [(d.name == root.name, files) for d, _, files in walk_corpus(root)]
[(True, ['a.txt'])]
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from ..exceptions import CorpusError, ReadError

#: The file the kit writes into every output folder (results, reports); a folder holding it is never read
#: as part of a corpus.
OUTPUT_MARKER = ".framing-output"
#: Largest article file read, in megabytes (a .txt/.md/.html file, or one JSONL line or CSV field);
#: the environment variable FRAMING_MAX_ARTICLE_MB overrides it.
MAX_ARTICLE_MB = 20
MAX_ARTICLE_ENV = "FRAMING_MAX_ARTICLE_MB"


def shown(path) -> str:
    r"""A file name as text that can always be printed and written: bytes that are not UTF-8 (kept by
    Python as surrogates) become ``\xNN`` escapes.

    >>> shown("wire/caf\udce9.txt")
    'wire/caf\\xe9.txt'
    """
    s = str(path)
    if not any("\udc80" <= c <= "\udcff" for c in s):
        return s
    return os.fsencode(s).decode("utf-8", "backslashreplace")


def max_article_bytes(max_bytes: int | None = None) -> int:
    """The size limit in bytes: ``max_bytes`` when given, else FRAMING_MAX_ARTICLE_MB, else 20 MB. A bad
    value of the variable is a set-up error (CorpusError).

    >>> max_article_bytes(), max_article_bytes(10)
    (20971520, 10)
    """
    if max_bytes is not None:
        return int(max_bytes)
    raw = os.environ.get(MAX_ARTICLE_ENV, "").strip()
    if not raw:
        return MAX_ARTICLE_MB << 20
    try:
        mb = float(raw)
    except ValueError:
        mb = 0.0
    if not mb > 0 or mb == float("inf"):
        raise CorpusError(f"{MAX_ARTICLE_ENV} must be a positive number of megabytes (got {raw!r})")
    return int(mb * (1 << 20))


def size_text(n: int) -> str:
    """A byte count for messages: ``size_text(20 << 20) == '20 MB'``; below 1 MB, in bytes."""
    return f"{n / (1 << 20):g} MB" if n >= 1 << 20 else f"{n} bytes"


def check_file(path: Path, file: str, max_bytes: int) -> None:
    """Raise ReadError unless ``path`` is a regular file (after links) of at most ``max_bytes``: a FIFO
    would hang the run and a link to /dev/zero would be read until memory runs out."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}", file=file) from None
    if not stat.S_ISREG(st.st_mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a device" if
                stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "a socket" if
                stat.S_ISSOCK(st.st_mode) else "a folder" if stat.S_ISDIR(st.st_mode) else "a special file")
        raise ReadError(f"not a regular file ({kind}); only regular files are read", file=file)
    if st.st_size > max_bytes and path.suffix.lower() not in (".jsonl", ".csv"):
        raise ReadError(f"file is {size_text(st.st_size)}, over the {size_text(max_bytes)} article size "
                        f"limit (set {MAX_ARTICLE_ENV} to raise it)", file=file)


def walk_corpus(root: Path, report: Callable[[ReadError], None] | None = None
                ) -> Iterator[tuple[Path, list[str], list[str]]]:
    """``os.walk(root)`` top-down in sorted order, leaving out hidden folders and output folders (those
    holding OUTPUT_MARKER: the kit's own results and reports are never read back as articles). A folder
    that cannot be listed goes to ``report`` as a ReadError. Like os.walk, a caller may prune the yielded
    folder names."""
    def onerror(exc: OSError) -> None:
        if report is not None:
            report(ReadError(f"cannot read folder: {exc.strerror or exc}", file=shown(exc.filename or root)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and not os.path.lexists(here / d / OUTPUT_MARKER))
        yield here, dirnames, sorted(filenames)
