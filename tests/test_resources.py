"""Package data and the small things a packaged tool owes its users: where files are, --version."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest

import synthesis
from synthesis.cli import main
from synthesis.config import resolve_study_path
from synthesis.errors import StudyError, SynthesisError
from synthesis.resources import NOTEBOOKS, notebook_path, package_folder

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "invoicing-onboarding"


def test_repository_notebooks_are_links_to_the_one_packaged_copy() -> None:
    packaged = sorted(p.name for p in package_folder(NOTEBOOKS).glob("*.ipynb"))
    assert packaged == ["affinity_board.ipynb", "interview_craft.ipynb", "round_report.ipynb",
                        "study_overview.ipynb", "theme_analysis.ipynb"]
    linked = sorted(p.name for p in (ROOT / "notebooks").iterdir())
    assert linked == packaged
    for name in packaged:
        link = ROOT / "notebooks" / name
        assert link.is_symlink(), f"notebooks/{name} is a copy that could drift"
        assert link.resolve() == notebook_path(name).resolve()


def test_a_missing_notebook_is_one_sentence() -> None:
    with pytest.raises(SynthesisError) as err:
        notebook_path("nope.ipynb")
    assert str(err.value).startswith("the installed synthesis package has no notebook "
                                     "'nope.ipynb' (it has affinity_board.ipynb, ")


def test_study_parameter_is_found_from_a_notebook_folder_or_above(monkeypatch) -> None:
    for folder in (ROOT, ROOT / "notebooks", package_folder(NOTEBOOKS), ROOT / "data"):
        monkeypatch.chdir(folder)
        assert resolve_study_path("data/invoicing-onboarding") == SAMPLE.resolve(), folder
    monkeypatch.chdir(ROOT / "notebooks")
    assert resolve_study_path("../data/invoicing-onboarding") == SAMPLE.resolve()
    assert resolve_study_path(str(SAMPLE)) == SAMPLE.resolve()


def test_a_study_parameter_that_finds_nothing_says_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StudyError) as err:
        resolve_study_path("data/nowhere")
    assert str(err.value) == (f"no study folder (with a study.toml) at 'data/nowhere'; looked "
                              f"in {Path(os.getcwd())} or any folder above it.")
    with pytest.raises(StudyError, match=re.escape("looked in /no/such/study.")):
        resolve_study_path("/no/such/study")


def test_version_is_the_package_version(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"synthesis {synthesis.__version__}\n"


def test_licence_is_declared_once_as_spdx() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert project["dynamic"] == ["version"]  # from synthesis.__version__, not typed twice


def test_no_test_reads_outside_the_repository() -> None:
    """The real-world files are copied into tests/data/; a fresh clone alone runs the tests."""
    outside = re.compile(r"""ROOT\.parent\b|["']shared["']|["']/work/|\.\./shared""")
    offenders = [f"{path.relative_to(ROOT)}:{n}" for path in (ROOT / "tests").rglob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if outside.search(line) and path.name != "test_resources.py"]
    assert offenders == []
