"""The analyses a report run keeps in ``OUT/_data/<corpus>-<key>/``: their key, staged saving, and pruning.

A folder is complete when its ``manifest.json`` (written last) matches the corpus files and settings; it
is saved in a marked staging folder and renamed into place, so a killed run leaves no half-saved analysis
(only a staging folder, removed by the next run). Analyses of a corpus that a run replaces are pruned.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.md").write_text("Hi.")
>>> corpus_fingerprint(d) == corpus_fingerprint(d), len(corpus_fingerprint(d))
(True, 16)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .._version import __version__
from ..exceptions import CorpusError
from ..run.io import atomic_write_text, safe_name
from ..run.outdir import STAGE_MARKER, new_stage, remove_stage
from ..run.parallel import file_entries
from .params import MANIFEST

__all__ = ["DataFolder", "corpus_fingerprint", "data_folder", "prune_data", "save_analysis"]


def corpus_fingerprint(path) -> str:
    """Hash of the corpus files' relative paths, sizes and modification times (hidden files and output
    folders skipped; broken links and vanishing files tolerated)."""
    root = Path(path)
    if not root.exists() and not root.is_symlink():
        raise CorpusError("corpus path does not exist", file=str(root))
    return hashlib.sha1(json.dumps(file_entries(root)).encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class DataFolder:
    """Where the analysis of one (corpus, settings) goes, and whether a complete one is already there."""

    folder: Path
    manifest: dict
    complete: bool


def data_folder(out: Path, corpus: str, settings_fingerprint: str, fingerprint: str | None = None) -> DataFolder:
    """The ``_data`` folder for ``corpus`` (an absolute path) analysed with these settings. Reads only.
    ``fingerprint`` is the corpus's :func:`corpus_fingerprint` when the caller has it already."""
    manifest = {"corpus": corpus, "corpus_fingerprint": fingerprint or corpus_fingerprint(corpus),
                "settings_fingerprint": settings_fingerprint, "framing_version": __version__}
    key = hashlib.sha1(json.dumps(manifest, sort_keys=True).encode()).hexdigest()[:10]
    folder = Path(out) / "_data" / f"{safe_name(Path(corpus).name or 'corpus', max_len=40)}-{key}"
    try:
        saved = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        complete = isinstance(saved, dict) and all(saved.get(k) == v for k, v in manifest.items())
    except (OSError, ValueError):
        complete = False
    return DataFolder(folder, manifest, complete)


def save_analysis(target: DataFolder, analysis) -> Path:
    """Save ``analysis`` into ``target.folder`` through a staging folder; the manifest is written last."""
    data = target.folder.parent
    data.mkdir(parents=True, exist_ok=True)
    stage = new_stage(data)
    try:
        analysis.save(stage)
        manifest = dict(target.manifest, lexicon=analysis.settings.sentiment.describe())
        atomic_write_text(stage / MANIFEST, json.dumps(manifest, indent=2))
        if target.folder.exists():  # an older, incomplete save under the same key: the kit's own
            shutil.rmtree(target.folder)
        os.replace(stage, target.folder)
        (target.folder / STAGE_MARKER).unlink(missing_ok=True)
    finally:
        if stage.exists():
            remove_stage(stage)
    return target.folder


def prune_data(out: Path, used: set[Path], corpora: set[str]) -> list[str]:
    """Remove ``_data`` analyses of ``corpora`` this run did not use (superseded ones); return their names.

    Only folders holding a kit manifest that names one of ``corpora`` are removed.
    """
    removed = []
    data = Path(out) / "_data"
    for folder in sorted(data.iterdir()) if data.is_dir() else ():
        if folder in used or not folder.is_dir() or folder.is_symlink():
            continue
        try:
            saved = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(saved, dict) and saved.get("corpus") in corpora and "settings_fingerprint" in saved:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed
