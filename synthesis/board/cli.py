"""``synthesis lab STUDY [--round R]``: JupyterLab, open on the affinity board of that study.

How the study and round reach the notebook: the command writes a per-run copy of the board
notebook, ``STUDY/.lab/affinity_board-<round>.ipynb``, whose parameters cell names the
study by its absolute path, and starts JupyterLab rooted at ``STUDY/.lab`` with that copy
open. A copy rather than environment variables because

- JupyterLab autosaves the notebook it has open: opening the committed
  ``notebooks/affinity_board.ipynb`` would write outputs into it;
- the parameters are visible in the notebook itself, and still right after the server or
  the kernel restarts (environment variables would silently fall back to the default study);
- it works the same for any kernel, local or not.

The copy is regenerated on every run; the board's state lives in the study's store, never in it.

How the board is live at once, with no Run ▸ Run All Cells: JupyterLab 4 has no setting,
URL parameter or option that runs a notebook when it opens, and a notebook executed on the
server beforehand (papermill, nbclient) holds only a snapshot of the widget, whose kernel and
comm are gone: a dead board. So the command starts JupyterLab with a small prebuilt extension
of ours (source in ``labextension/``, built into ``synthesis/labextension/`` and shipped as
package data), passed with ``--LabApp.extra_labextensions_path`` so nothing is installed into
the user's JupyterLab. The extension waits for the notebook's kernel to answer and runs every
cell with JupyterLab's own ``NotebookActions.runAll``, only in notebooks whose metadata says
``"synthesis": {"autorun": true}`` (the copies written here). Extensions are JupyterLab's
supported way to add behaviour, and this one uses only its public API.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from ..resources import LAB_EXTENSION, package_folder
from ..errors import StudyError
from ..sorts import open_sort
from ..study import open_study

LAB_FOLDER = ".lab"


def lab_notebook(study_folder: Path, round: str | None, sort: str | None = None,
                 copy_board: bool = False) -> Path:
    """Write the per-run board notebook for ``study_folder`` and return its path.

    Examples
    --------
    >>> lab_notebook(Path("data/invoicing-onboarding"), "r1").name
    'affinity_board-r1.ipynb'
    >>> lab_notebook(Path("data/invoicing-onboarding"), "r1", sort="Dana K").name
    'affinity_board-r1-sort-Dana_K.ipynb'
    """
    from .notebook import write_board_notebook  # lazy: nbformat takes seconds; only `lab` needs it

    folder = study_folder.resolve()
    name = f"affinity_board-{round}" if round else "affinity_board"
    if sort is not None:
        name += "-sort-" + re.sub(r"\W", "_", sort)
    return write_board_notebook(folder / LAB_FOLDER / f"{name}.ipynb", folder, round,
                                autorun=True, sort=sort, copy_board=copy_board)


def lab_command(notebook: Path, *, port: int | None = None, open_browser: bool = True,
                ) -> list[str]:
    """The ``jupyter lab`` command line that opens ``notebook`` (rooted at its folder) with the
    extension that runs it (see the module docstring)."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={notebook.parent}",
           "--ServerApp.ip=127.0.0.1", f"--LabApp.default_url=/lab/tree/{notebook.name}",
           f"--LabApp.extra_labextensions_path={package_folder(LAB_EXTENSION)}"]
    if port is not None:
        cmd.append(f"--ServerApp.port={port}")
    if not open_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # JupyterLab refuses root (CI containers) without it
    return cmd


def _cmd_lab(args: argparse.Namespace) -> int:
    if args.copy_board and args.sort is None:
        raise StudyError("--copy-board starts a researcher's own sort: name it with --sort.")
    study = open_study(args.study)
    try:
        study.check_round(args.round)
        if args.sort is not None:
            if args.round is None:
                raise StudyError("a sort belongs to one round: add --round.")
            # made now, so a wrong name or a second copy is refused here, not in the notebook
            open_sort(study, args.round, args.sort, copy_board=args.copy_board)
    finally:
        study.close()
    notebook = lab_notebook(study.folder, args.round, args.sort)
    whose = f", {args.sort}'s own sort" if args.sort is not None else ""
    print(f"Opening the affinity board of {study.folder.name}"
          f"{f', round {args.round}' if args.round else ''}{whose} ({notebook}).")
    cmd = lab_command(notebook, port=args.port, open_browser=not args.no_browser)
    if os.name == "posix":
        # Become JupyterLab, so Ctrl+C and a service manager's SIGTERM reach it directly
        # (a child would outlive a terminated `synthesis lab`).
        sys.stdout.flush()
        os.execv(cmd[0], cmd)
    try:
        return subprocess.call(cmd)
    except KeyboardInterrupt:
        return 130


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add ``lab`` to the ``synthesis`` command."""
    p = subparsers.add_parser(
        "lab", help="start JupyterLab on a study's affinity board",
        description="Start JupyterLab with the affinity board of STUDY (and ROUND) open and "
                    "running: the board is live as soon as the page has loaded. The notebook "
                    "is a fresh copy under STUDY/.lab/; every move on the board is saved in "
                    "the study itself.")
    p.add_argument("study", help="the study folder")
    p.add_argument("--round", help="the round to sort (default: all rounds)")
    p.add_argument("--sort", metavar="NAME",
                   help="open your own sort of the round (made if new, empty unless "
                        "--copy-board): blind, it shows none of the shared board's or "
                        "anyone else's themes")
    p.add_argument("--copy-board", action="store_true",
                   help="with a new --sort: start it as a copy of the shared board")
    # Further choices of how the board opens go here, through lab_notebook into the
    # notebook's parameters cell.
    p.add_argument("--port", type=int, help="the port to serve on (default: 8888 or the "
                                            "next free one)")
    p.add_argument("--no-browser", action="store_true",
                   help="do not open a browser; print the URL instead")
    p.set_defaults(func=_cmd_lab)
