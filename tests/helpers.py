"""Small helpers shared by test modules (import them as ``from helpers import …``)."""

from __future__ import annotations

from pathlib import Path


def write(root: Path, rel: str, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8, or bytes as they are) to ``root/rel``, creating folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def output_folders_corpus(root: Path) -> Path:
    """A corpus holding the kit's own output (folders with the output marker: never read) next to one
    article and a user's own folder named ``reports/`` without the marker (read)."""
    from framing.read.corpus import OUTPUT_MARKER

    write(root, "w/a.txt", "Good Title\n\n“We will stay,” said Ana Berg.\n")
    write(root, "results/" + OUTPUT_MARKER, "")
    write(root, "results/quotes.csv", 'id,text\nq,"“Old,” said X."\n')
    write(root, "w/reports/" + OUTPUT_MARKER, "")
    write(root, "w/reports/report.html", "<html><body><p>“Old,” said X.</p></body></html>")
    write(root, "reports/notes.txt", "Notes\n\nA folder of the user's named reports, without the marker.\n")
    return root
