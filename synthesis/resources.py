"""The files that ship inside the package: notebooks, the report template, the lab extension.

They are package data found through :mod:`importlib.resources`, so they are found the same
way in a source checkout, an editable install and an installed wheel, from any working
directory. (They used to be found by walking up from the source tree to the repository's
``notebooks/`` folder, which exists only in a checkout.) The top-level ``notebooks/`` folder
of the repository holds symbolic links to the copies here: there is one copy of each file.

Papermill, nbconvert and JupyterLab want real folders, not readers, so a package installed
as a zip archive (which pip never does) is refused with one sentence.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .errors import SynthesisError

NOTEBOOKS = "notebooks"
REPORT_TEMPLATE = "report/template"
LAB_EXTENSION = "labextension"


def package_folder(relative: str) -> Path:
    """A folder of package data (``"notebooks"``, ``"report/template"``...) as a real path.

    Examples
    --------
    >>> package_folder(NOTEBOOKS).name
    'notebooks'
    >>> (package_folder(REPORT_TEMPLATE) / "index.html.j2").is_file()
    True
    """
    resource = files("synthesis").joinpath(*relative.split("/"))
    if not isinstance(resource, Path):
        raise SynthesisError(f"synthesis is installed as an archive, so its {relative} folder "
                             "cannot be handed to Jupyter; install it with pip into a "
                             "folder.")
    if not resource.is_dir():
        raise SynthesisError(f"the installed synthesis package has no {relative} folder "
                             f"(looked for {resource}); reinstall it with pip.")
    return resource


def notebook_path(name: str) -> Path:
    """The shipped notebook ``name`` (e.g. ``"round_report.ipynb"``).

    Examples
    --------
    >>> notebook_path("round_report.ipynb").parent.name
    'notebooks'
    """
    path = package_folder(NOTEBOOKS) / name
    if not path.is_file():
        shipped = ", ".join(sorted(p.name for p in package_folder(NOTEBOOKS).glob("*.ipynb")))
        raise SynthesisError(f"the installed synthesis package has no notebook {name!r} "
                             f"(it has {shipped or 'none'}); reinstall it with pip.")
    return path
