"""The affinity board: a JupyterLab widget for sorting a round's notes into themes.

Open it from a notebook with one call::

    from synthesis import open_study
    open_study("data/invoicing-onboarding").board(round="r1")
"""

from __future__ import annotations

from .snapshot import board_fragment, snapshot, snapshot_html
from .state import board_state, study_state
from .widget import Board, open_board

__all__ = ["Board", "board_fragment", "board_state", "open_board", "snapshot", "snapshot_html",
           "study_state"]
