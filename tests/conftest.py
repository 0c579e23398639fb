"""Shared test fixtures: where the real-world files live and a fresh copy of the sample study.

Tests read only from the repository: real transcripts and REFI-QDA files are kept under
tests/data/ with their origin and licence (tests/data/README.md). Tests write only to
temporary folders: screenshots go to one artefacts folder per checkout in the system's
temporary directory (emptied when a run starts, named at the end of the run), so a run leaves
the checkout as it found it (``make test`` checks that).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Real files written by other people (transcripts/, refi-qda/), each folder with its licence.
FIXTURES = ROOT / "tests" / "data"
SAMPLE_STUDY = ROOT / "data" / "invoicing-onboarding"
ARTIFACTS_ENV = "SYNTHESIS_ARTIFACTS"  # read by tests/e2e/lab_server.py:artifacts_dir


def pytest_configure(config: pytest.Config) -> None:
    """Point the browser tests' screenshots at an empty folder outside the checkout."""
    if os.environ.get(ARTIFACTS_ENV):
        return  # the user chose a folder
    # One folder per checkout (several worktrees may run their tests at once), kept until the
    # next run so the screenshots can be looked at.
    tag = hashlib.sha256(str(ROOT).encode()).hexdigest()[:10]
    folder = Path(tempfile.gettempdir()) / "synthesis-artifacts" / f"{ROOT.name}-{tag}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ[ARTIFACTS_ENV] = str(folder)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int,
                            config: pytest.Config) -> None:
    chosen = os.environ.get(ARTIFACTS_ENV)
    folder = Path(chosen) if chosen else None
    if folder and folder.is_dir() and any(folder.iterdir()):
        terminalreporter.write_line(f"screenshots and other artefacts: {folder}")


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


# -- the store's two backends -----------------------------------------------------------------
@pytest.fixture(scope="session")
def pg_server():
    """One real PostgreSQL server for the whole run (see tests/pg_server.py)."""
    from pg_server import Server

    server = Server().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> str | None:
    """Where a test's study keeps its store: None (the folder's study.db) or a fresh,
    empty database on the test server. Tests using it run once on each backend."""
    if request.param == "sqlite":
        return None
    return request.getfixturevalue("pg_server").database()
