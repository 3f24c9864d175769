"""Structured errors and warnings shared by every stage of framing.

Every error knows the file it is about, the pipeline stage, the line (when known) and a plain message,
and prints as one clear line:

    >>> str(ReadError("front matter is not valid YAML: bad indent", file="corpus/x/a.md", line=3))
    'corpus/x/a.md: line 3: front matter is not valid YAML: bad indent'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = [
    "STAGES", "ActorsError", "CorpusError", "ErrorRecord", "FramingError", "FramingWarning", "ParamsError",
    "ReadError",
]

STAGES = ("read", "actors", "extract", "analyze", "report", "params")


class FramingWarning(UserWarning):
    """A problem that does not stop the run (odd encoding, unparsed date, unmatched metadata row)."""


class FramingError(Exception):
    """Base error with `file`, `stage`, `line`, `message` fields.

    >>> e = FramingError("bad value", file="params.yaml", stage="params", line=2)
    >>> (e.file, e.stage, e.line, str(e))
    ('params.yaml', 'params', 2, 'params.yaml: line 2: bad value')
    """

    default_stage = "read"

    def __init__(self, message: str, *, file: str | None = None, stage: str | None = None,
                 line: int | None = None, traceback: str | None = None):
        self.message = str(message)
        self.file = None if file is None else str(file)
        self.stage = stage or self.default_stage
        self.line = line
        #: the Python traceback of an unforeseen failure this error stands for (shown by ``--debug``)
        self.traceback = traceback
        super().__init__(self.__str__())

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.line is not None:
            parts.append(f"line {self.line}")
        parts.append(self.message)
        return ": ".join(parts)

    def __reduce__(self):
        # keyword-only fields would be lost by the default Exception pickling (process pools)
        return _rebuild, (type(self), self.message, self.file, self.stage, self.line, self.traceback)

    def to_record(self) -> ErrorRecord:
        """This error as a row of the errors table."""
        return ErrorRecord(self.file, self.stage, self.message, self.line, self.traceback)


def _rebuild(cls, message, file, stage, line, traceback=None):
    return cls(message, file=file, stage=stage, line=line, traceback=traceback)


class ReadError(FramingError):
    """One file (or one row of a JSONL/CSV file) could not be read."""

    default_stage = "read"


class CorpusError(FramingError):
    """The corpus as a whole is unusable: the path does not exist or holds no articles."""

    default_stage = "read"


class ActorsError(FramingError):
    """actors.yaml is missing, malformed or inconsistent."""

    default_stage = "actors"


class ParamsError(FramingError):
    """A parameter file or value is invalid."""

    default_stage = "params"


@dataclass
class ErrorRecord:
    """One row of the errors table: which file failed, at which stage, and why; `traceback` holds the
    Python traceback when the failure was not foreseen (an unexpected exception caught at the boundary of
    one file or row), for ``--debug`` and bug reports.

    >>> ErrorRecord("corpus/x/a.md", "read", "file is empty").to_dict()
    {'file': 'corpus/x/a.md', 'stage': 'read', 'message': 'file is empty', 'line': None}
    >>> ErrorRecord("a.md", "read", "boom", traceback="Traceback ...").to_dict(traceback=True)["traceback"]
    'Traceback ...'
    """

    file: str | None
    stage: str
    message: str
    line: int | None = None
    traceback: str | None = None

    def to_dict(self, traceback: bool = False) -> dict:
        """The record as a dict; the traceback only when asked (the errors table has no such column)."""
        d = asdict(self)
        if not traceback:
            del d["traceback"]
        return d

    def __str__(self) -> str:
        return str(FramingError(self.message, file=self.file, stage=self.stage, line=self.line))
