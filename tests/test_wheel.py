"""synthesis as a user installs it: the built wheel in a fresh virtual environment.

Not an editable install and not the repository on ``sys.path``: the wheel is built with pip,
installed with its dependencies into a new environment (pip's wheel cache makes the second
time quick), and every command runs from a folder outside the repository. This is what
proves the notebooks, the report template and the JupyterLab extension travel as package
data and are found through ``importlib.resources``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

import synthesis

sys.path.insert(0, str(Path(__file__).parent / "e2e"))
from lab_server import SynthesisLab

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pip wheel`` of the checkout (build isolation, as a release would build it)."""
    out = tmp_path_factory.mktemp("wheelhouse")
    # Build from a copy of the tracked tree, so a build never writes build/ or *.egg-info
    # into the checkout (git status stays clean).
    source = tmp_path_factory.mktemp("source") / "synthesis"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    tracked = listed.stdout.decode().split("\0")
    for rel in filter(None, tracked):
        src = ROOT / rel
        if src.is_file() and not src.is_symlink():
            dest = source / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                           str(out), str(source)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (built,) = out.glob("synthesis-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with the wheel (not editable) and its dependencies."""
    env = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True, timeout=300)
    proc = subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q",
                           str(wheel)], capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return env


def _env(venv: Path) -> dict[str, str]:
    """The user's environment with the new venv first and nothing pointing at the checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def _run(venv: Path, cwd: Path, *argv: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "synthesis"), *argv], cwd=cwd, env=_env(venv),
                          capture_output=True, text=True, timeout=timeout)


def test_wheel_holds_the_package_data_and_nothing_of_the_repository(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("round_report", "study_overview", "affinity_board", "theme_analysis",
                 "interview_craft"):
        assert f"synthesis/notebooks/{name}.ipynb" in names, name
    for rel in ("report/template/index.html.j2", "report/template/conf.json",
                "report/template/report.css", "board/static/board.js", "board/board.css",
                "labextension/synthesis-lab/package.json",
                "report/vendor/plotly-cartesian.min.js", "report/vendor/LICENSE"):
        assert f"synthesis/{rel}" in names, rel
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert not [n for n in names if n.startswith(("tests/", "data/", "notebooks/", "bench/"))]
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(meta).decode()
    assert "License-Expression: MIT" in text
    assert f"Version: {synthesis.__version__}" in text


def test_installed_wheel_runs_every_command_from_another_folder(venv: Path, tmp_path: Path,
                                                                sample_study: Path) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import synthesis; print(synthesis.__file__)"],
                           cwd=work, env=_env(venv), capture_output=True, text=True, check=True)
    installed = Path(where.stdout.strip())
    assert installed.is_relative_to(venv) and not installed.is_relative_to(ROOT)

    proc = _run(venv, work, "--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"synthesis {synthesis.__version__}"

    study = shutil.copytree(sample_study, work / "study")
    proc = _run(venv, work, "status", "study")
    assert proc.returncode == 0, proc.stderr
    assert "Ledgerly invoicing onboarding" in proc.stdout

    proc = _run(venv, work, "run", "study", "--out", "reports")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    reports = work / "reports"
    for folder in ("r1", "r2", "r3", "overview"):
        html = (reports / folder / "report.html").read_text(encoding="utf-8")
        assert 'data-synthesis="plotly.js"' in html and "syn-title" in html, folder
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert index.count("report.html") >= 4
    assert not list(installed.parent.rglob("summary.json")), "a kernel wrote into the package"

    proc = _run(venv, work, "craft", "study", "--round", "r1")
    assert proc.returncode == 0, proc.stderr
    assert "Dana Whitfield" in proc.stdout

    proc = _run(venv, work, "export", "study", "--format", "qdpx", "-o", "study.qdpx")
    assert proc.returncode == 0, proc.stderr
    assert zipfile.ZipFile(work / "study.qdpx").read("project.qde").startswith(b"<?xml")

    proc = _run(venv, work, "init", "fresh", "--name", "Fresh")
    assert proc.returncode == 0, proc.stderr
    proc = _run(venv, work, "import", "fresh", str(study / "participants.csv"))
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"imported: participants\.csv \(participants\): \d+ participants",
                     proc.stdout), proc.stdout


def test_installed_wheel_starts_lab_with_its_extension(venv: Path, tmp_path: Path,
                                                       sample_study: Path) -> None:
    """``synthesis lab`` from the wheel serves the board notebook and loads its extension."""
    lab = SynthesisLab(venv / "bin" / "synthesis", sample_study, "r2", tmp_path,
                       env=_env(venv))
    try:
        assert "/lab/tree/affinity_board-r2.ipynb?token=" in lab.url
        with urllib.request.urlopen(lab.url, timeout=30) as page:
            html = page.read().decode()
        config = json.loads(re.search(r'<script id="jupyter-config-data" '
                                      r'type="application/json">(.*?)</script>', html,
                                      re.DOTALL).group(1))
        loaded = {e["name"]: e for e in config["federated_extensions"]}
        assert "synthesis-lab" in loaded
        static = next(venv.glob("lib/python3*/site-packages/synthesis/labextension/"
                                "synthesis-lab/static"))
        assert (static / Path(loaded["synthesis-lab"]["load"]).name).is_file()
    finally:
        lab.stop()
