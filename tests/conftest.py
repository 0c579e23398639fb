"""Shared test fixtures: where the real-world files live and a fresh copy of the sample study."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# shared/ sits beside the checkout (../shared), on a developer's machine and in CI alike.
FIXTURES = ROOT.parent / "shared" / "fixtures"
SAMPLE_STUDY = ROOT / "data" / "invoicing-onboarding"


@pytest.fixture
def fixtures() -> Path:
    assert FIXTURES.is_dir(), f"the shared fixtures are missing: expected them at {FIXTURES}"
    return FIXTURES


@pytest.fixture
def sample_study(tmp_path: Path) -> Path:
    """A private copy of the sample study, so tests can change it freely."""
    dest = tmp_path / "invoicing-onboarding"
    shutil.copytree(SAMPLE_STUDY, dest, ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm"))
    return dest
