"""Shared fixtures. NLTK data is switched off for the whole suite: the kit must not need downloads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"

os.environ.setdefault("FRAMING_NO_PROGRESS", "1")


@pytest.fixture(autouse=True, scope="session")
def no_nltk_data():
    """Empty nltk.data.path so a hidden dependency on downloaded NLTK data fails here, not in class."""
    import nltk

    saved = list(nltk.data.path)
    nltk.data.path.clear()
    os.environ["NLTK_DATA"] = "/nonexistent-nltk-data"
    yield
    nltk.data.path[:] = saved


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE
