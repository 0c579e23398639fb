"""The JupyterLab extension ``synthesis lab`` loads: built from its source, shipped, pointed at.

The build (``synthesis/labextension/synthesis-lab/``) is committed so users need no Node;
``make labextension`` rebuilds it from ``labextension/`` against the JupyterLab core recorded
in ``labextension/core/package.json`` (not whichever JupyterLab is installed), so a rebuild
gives the same code on any machine. The slow test rebuilds it in a temporary folder and
compares.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from synthesis.board.cli import lab_command, lab_notebook
from synthesis.board.notebook import METADATA_KEY
from synthesis.resources import LAB_EXTENSION, package_folder

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "labextension"
BUILT = package_folder(LAB_EXTENSION) / "synthesis-lab"


def test_the_build_is_the_extension_of_the_source() -> None:
    source = json.loads((SOURCE / "package.json").read_text(encoding="utf-8"))
    built = json.loads((BUILT / "package.json").read_text(encoding="utf-8"))
    assert (built["name"], built["version"]) == (source["name"], source["version"])
    entry = BUILT / built["jupyterlab"]["_build"]["load"]
    assert entry.is_file()
    code = "".join(p.read_text(encoding="utf-8") for p in (BUILT / "static").glob("*.js"))
    assert "synthesis-lab:autorun" in code and "runAll" in code


def test_notebook_and_extension_agree_on_the_metadata_key() -> None:
    """One key, written by the Python side and read by the extension."""
    js = (SOURCE / "src" / "index.js").read_text(encoding="utf-8")
    assert re.search(r"const METADATA_KEY = '([^']+)';", js).group(1) == METADATA_KEY
    code = "".join(p.read_text(encoding="utf-8") for p in (BUILT / "static").glob("*.js"))
    assert f'"{METADATA_KEY}"' in code


def test_lab_marks_its_copy_for_autorun_and_loads_the_extension(tmp_path: Path) -> None:
    study = tmp_path / "study"
    study.mkdir()
    path = lab_notebook(study, "r1")
    nb = nbformat.read(str(path), as_version=4)
    assert nb.metadata[METADATA_KEY] == {"autorun": True}
    assert "`synthesis lab` runs the cells below as this notebook opens" in nb.cells[0].source
    cmd = lab_command(path)
    assert f"--LabApp.extra_labextensions_path={BUILT.parent}" in cmd
    committed = nbformat.read(str(package_folder("notebooks") / "affinity_board.ipynb"),
                              as_version=4)
    assert METADATA_KEY not in committed.metadata  # opened by hand, it runs nothing itself


@pytest.mark.slow
def test_rebuilding_from_the_source_gives_the_committed_build(tmp_path: Path) -> None:
    """Everything but one number is compared byte for byte.

    The container wrapper (``remoteEntry.<hash>.js``) names its entry module by a hash of
    where the extension was built (webpack hashes the absolute import path), so that number
    and the file name it changes differ from one checkout folder to another; the chunk that
    holds the compiled source does not, and is compared as it is.
    """
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node.js is not installed: the committed build is used as it is")
    work = tmp_path / "labextension"  # beside ../synthesis/, as in the checkout
    shutil.copytree(SOURCE, work, ignore=shutil.ignore_patterns("node_modules"))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
                                 f"{os.environ.get('PATH', '')}"}
    for cmd in (["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
                ["npm", "run", "build"]):
        proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True,
                              timeout=900)
        assert proc.returncode == 0, (cmd, proc.stdout[-2000:], proc.stderr[-2000:])
    rebuilt = _static(tmp_path / "synthesis" / "labextension" / "synthesis-lab")
    assert rebuilt == _static(BUILT), "run `make labextension` and commit the build"


def _static(folder: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted((folder / "static").iterdir()):
        if path.name.startswith("remoteEntry."):
            files["remoteEntry.js"] = re.sub(rb"\b\d+\(|\(\d+\)", b"#", path.read_bytes())
        else:
            files[path.name] = path.read_bytes()
    return files
