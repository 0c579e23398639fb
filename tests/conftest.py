"""Shared test fixtures: where the real-world files live and a fresh copy of the sample study.

Tests read only from the repository: real transcripts and REFI-QDA files are kept under
tests/data/ with their origin and licence (tests/data/README.md).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Real files written by other people (transcripts/, refi-qda/), each folder with its licence.
FIXTURES = ROOT / "tests" / "data"
SAMPLE_STUDY = ROOT / "data" / "invoicing-onboarding"


@pytest.fixture
def fixtures() -> Path:
    """The folder holding ``transcripts/`` and ``refi-qda/`` (see tests/data/README.md)."""
    return FIXTURES


@pytest.fixture
def sample_study(tmp_path: Path) -> Path:
    """A private copy of the sample study, so tests can change it freely."""
    dest = tmp_path / "invoicing-onboarding"
    shutil.copytree(SAMPLE_STUDY, dest, ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm"))
    return dest
