"""The board notebook (``synthesis/notebooks/affinity_board.ipynb``), written from one template.

The committed notebook and the per-run copies ``synthesis lab`` writes come from the same
function, so they cannot drift apart (a test compares the committed file with it). The copies
``synthesis lab`` writes are marked ``"synthesis": {"autorun": true}`` in their metadata: the
JupyterLab extension that command loads (``labextension/``) runs exactly those notebooks as
they open, so the researcher lands on a live board.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

DEFAULT_STUDY = "data/invoicing-onboarding"  # found from the notebook's folder upwards
DEFAULT_ROUND = "r1"

_ABOUT = """# Affinity board

Drag notes from **Unsorted** into themes; every move is saved to the study before the board
says *Saved*. Drop notes on **+ New theme** to start a theme, or drop one unsorted note onto
another. Double-click a theme name to rename it; drag a theme's header onto another theme to
merge them; **⋯** on a theme describes, recolours, groups, reorders or deletes it.

A note can sit in several themes: its card shows in each, marked *also in …*. Dragging a
card moves it out of the column it came from; hold **Alt/Option** while dropping to add it
to a theme and keep the others; dragging it to **Unsorted** takes it out of that one theme.

Keyboard: focus a note and press **M** (or Enter) to move it, **A** to also add it to another
theme, **Delete** to take it out of this theme, **O** to see where it came from, **Space** to
select several; **Ctrl/Cmd+Z** undoes, **Ctrl/Cmd+Shift+Z** redoes.

Suggestions, computed on this machine (nothing leaves it): each unsorted note shows its likeliest
themes; click one (or press **1**, **2**, **3**) to accept it, as undoable as any move.
**Suggested for…** shows one theme's batch to review; **S** lists similar notes; **Draft
themes** clusters the unsorted notes into drafts to accept, rename, merge or dismiss.

"""
_RUN_BY_HAND = ("Run the cells below (Run ▸ Run All Cells). The parameters cell names the "
                "study and round.")
_RUN_BY_LAB = ("`synthesis lab` runs the cells below as this notebook opens; after restarting "
               "the kernel, run them again (Run ▸ Run All Cells). The parameters cell names "
               "the study and round.")
METADATA_KEY = "synthesis"  # read by labextension/src/index.js

_OPEN = """from synthesis import open_study
from synthesis.config import resolve_study_path

board = open_study(resolve_study_path(study)).board(round=round)
board"""


def board_notebook(study: str | Path = DEFAULT_STUDY, round: str | None = DEFAULT_ROUND, *,
                   autorun: bool = False, sort: str | None = None,
                   copy_board: bool = False) -> nbformat.NotebookNode:
    """The board notebook with its parameters cell set to ``study`` and ``round``.

    ``autorun`` marks it for the ``synthesis lab`` extension, which runs it as it opens.
    ``sort`` opens a researcher's own sort of the round (made if new: empty, or a copy of
    the shared board with ``copy_board``); each choice is one more parameter line and one
    more keyword in the opening cell.

    Examples
    --------
    >>> nb = board_notebook("/abs/path/to/study", "r2")
    >>> nb.cells[1].metadata.tags
    ['parameters']
    >>> print(board_notebook("/study", "r1", sort="dana").cells[1].source)
    study = "/study"
    round = "r1"
    sort = "dana"
    """
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                       "language": "python"},
        "language_info": {"name": "python"},
    }
    if autorun:
        nb.metadata[METADATA_KEY] = {"autorun": True}
    params = (f"study = {json.dumps(str(study))}\n"
              f"round = {json.dumps(round) if round is not None else 'None'}")
    opening = _OPEN
    if sort is not None:
        params += f"\nsort = {json.dumps(sort)}" + ("\ncopy_board = True" if copy_board else "")
        opening = _OPEN.replace("board(round=round)", "board(round=round, sort=sort" + (
            ", copy_board=copy_board)" if copy_board else ")"))
    nb.cells = [
        nbformat.v4.new_markdown_cell(_ABOUT + (_RUN_BY_LAB if autorun else _RUN_BY_HAND)),
        nbformat.v4.new_code_cell(params, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(opening),
    ]
    for i, cell in enumerate(nb.cells):
        cell["id"] = ["intro", "parameters", "board"][i]
    return nb


def write_board_notebook(path: Path, study: str | Path = DEFAULT_STUDY,
                         round: str | None = DEFAULT_ROUND, *, autorun: bool = False,
                         sort: str | None = None, copy_board: bool = False) -> Path:
    """Write :func:`board_notebook` to ``path`` (no outputs) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(board_notebook(study, round, autorun=autorun, sort=sort,
                                  copy_board=copy_board), str(path))
    return path
