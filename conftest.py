"""Docstring examples under synthesis/ are tests too (``make test`` runs them with the rest).

Each module of the package is collected as a doctest module. An example that needs a study
finds ``study`` (the sample study, opened from a fresh copy, so examples may change it; its
``store``, and its ``notes``, ``people`` and ``themes`` frames),
``theme`` (its theme ids by name), ``n1`` and ``n2`` (two unsorted notes of round r1),
``tmp`` (an empty folder) and the working directory set to a folder holding
``data/invoicing-onboarding`` (the same copy), so the paths the examples show work as written
and nothing under the repository changes. Examples that need a running kernel or a browser
are marked ``# doctest: +SKIP`` and say so.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _pytest.doctest import DoctestItem, DoctestModule

from synthesis import open_study

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "synthesis"
SAMPLE = ROOT / "data" / "invoicing-onboarding"


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Every module of the package, as a doctest module (tests/ keeps its own rules)."""
    if file_path.suffix == ".py" and PACKAGE in file_path.parents:
        return DoctestModule.from_parent(parent, path=file_path)
    return None


@pytest.fixture(autouse=True)
def _doctest_study(request: pytest.FixtureRequest) -> Iterator[None]:
    """For a docstring example only: a copy of the sample study, open, in a fresh folder."""
    if not isinstance(request.node, DoctestItem):
        yield
        return
    namespace: dict[str, Any] = request.getfixturevalue("doctest_namespace")
    tmp: Path = request.getfixturevalue("tmp_path")
    monkeypatch: pytest.MonkeyPatch = request.getfixturevalue("monkeypatch")
    work = tmp / "work"
    shutil.copytree(SAMPLE, work / "data" / SAMPLE.name,
                    ignore=shutil.ignore_patterns("*-wal", "*-shm", ".lab", ".importing"))
    (tmp / "scratch").mkdir()
    monkeypatch.chdir(work)
    study = open_study(work / "data" / SAMPLE.name, author="doctest")
    notes = study.notes(round="r1")["note_id"].tolist()
    namespace.update(study=study, tmp=tmp / "scratch", Path=Path, n1=notes[0], n2=notes[1],
                     theme=dict(zip(study.themes()["name"], study.themes()["theme_id"])),
                     open_study=open_study, store=study.store, notes=study.notes(),
                     people=study.participants(), themes=study.themes())
    try:
        yield
    finally:
        study.close()
