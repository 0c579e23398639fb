"""Sorts of a round: the shared board and the researchers' own sorts of the same notes.

This module is the one place that says which placements make up "sort X of round R".
Agreement (:mod:`synthesis.agreement`), the board's compare mode and reports read a sort only
through :func:`sort_placements` and the round's units only through :func:`round_notes`.

The shared board is the sort named ``board``: the consensus the reports use. Its themes are
the study's live themes; in a round, those that hold at least one of its notes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from .errors import StudyError

if TYPE_CHECKING:
    from .study import Study

BOARD = "board"
_NAME = re.compile(r"^[\w][\w .@'-]{0,63}$")


def check_sort_name(name: str) -> str:
    """A sort's name, tidied, or one sentence saying what a name may hold.

    Examples
    --------
    >>> check_sort_name(" dana ")
    'dana'
    """
    name = " ".join(str(name).split())
    if not _NAME.match(name):
        raise StudyError(f"{name!r} is not a sort name: use up to 64 letters, digits, spaces "
                         "and . @ ' - (starting with a letter or digit).")
    return name


def round_notes(study: Study, round: str) -> pd.DataFrame:
    """The notes of a round, the units every sort of it is compared on.

    ``note_id, participant_id, text``, in import order.

    Examples
    --------
    >>> round_notes(study, "r1").columns.tolist()  # doctest: +SKIP
    ['note_id', 'participant_id', 'text']
    """
    if round not in set(study.rounds()["round_id"]):
        raise StudyError(f"there is no round {round!r} in this study; its rounds are "
                         f"{', '.join(study.rounds()['round_id']) or 'none yet'}.")
    return study.store.frame(
        "SELECT note_id, participant_id, text FROM notes WHERE round_id = :r ORDER BY rowid",
        {"r": round})


def sort_placements(study: Study, round: str, sort: str) -> pd.DataFrame:
    """The placements of one sort in one round: ``note_id, theme_id, theme``.

    One row per (note, theme) pair; a theme of the sort that holds none of the round's notes
    is one row with ``note_id`` missing (so a theme nobody used still counts as a theme).

    Examples
    --------
    >>> sort_placements(study, "r1", "board").head(2)  # doctest: +SKIP
    """
    round_notes(study, round)  # refuses an unknown round
    name = check_sort_name(sort)
    if name != BOARD:
        raise StudyError(f"round {round!r} has no sort named {name!r}; its sorts are: "
                         f"{', '.join(sort_names(study, round))}.")
    return study.store.frame(
        "SELECT p.note_id, t.theme_id, t.name AS theme FROM placements p"
        " JOIN themes t ON t.theme_id = p.theme_id AND t.status = 'live'"
        " JOIN notes n ON n.note_id = p.note_id WHERE n.round_id = :r"
        " ORDER BY t.position, t.name, n.rowid", {"r": round})


def sort_names(study: Study, round: str) -> list[str]:
    """The sorts of a round, the shared board first.

    Examples
    --------
    >>> sort_names(study, "r1")  # doctest: +SKIP
    ['board']
    """
    return [BOARD]
