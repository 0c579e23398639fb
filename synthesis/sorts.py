"""Sorts of a round: the shared board and the researchers' own sorts of the same notes.

This module is the one place that says which placements make up "sort X of round R".
Agreement (:mod:`synthesis.agreement`), the board's compare mode and reports read a sort only
through :func:`sort_placements` and the round's units only through :func:`round_notes`; a
board opens on a sort through :func:`open_sort`.

The shared board is the sort named ``board``: the consensus the reports use. Its themes are
the study's live themes; in a round, those that hold at least one of its notes. A private
sort belongs to one round and has themes of its own (they never show on the shared board,
in a report or in any count); it starts empty or as a copy of the shared board. Blind: a
board opened on a private sort shows that sort's themes only, and moves made there can
only use them.

In the store a private sort is a ``sorts`` row and its themes are ordinary theme rows tied
to it (schema step 5 -> 6, :mod:`synthesis.store.sorts`), so moves, the event log and undo
are the board's own.
"""

from __future__ import annotations

import copy
import re
import uuid
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
    >>> check_sort_name("<b>")
    Traceback (most recent call last):
    synthesis.errors.StudyError: '<b>' is not a sort name: use up to 64 letters, digits, spaces
    and . @ ' - (starting with a letter or digit).
    """
    name = " ".join(str(name).split())
    if not _NAME.match(name):
        raise StudyError(f"{name!r} is not a sort name: use up to 64 letters, digits, spaces "
                         "and . @ ' - (starting with a letter or digit).")
    return name


def _check_round(study: Study, round: str) -> str:
    if round not in set(study.rounds()["round_id"]):
        raise StudyError(f"there is no round {round!r} in this study; its rounds are "
                         f"{', '.join(study.rounds()['round_id']) or 'none yet'}.")
    return round


def round_notes(study: Study, round: str) -> pd.DataFrame:
    """The notes of a round, the units every sort of it is compared on.

    ``note_id, participant_id, text``, in import order.

    Examples
    --------
    >>> notes = round_notes(study, "r1")
    >>> notes.columns.tolist(), len(notes)
    (['note_id', 'participant_id', 'text'], 282)
    """
    _check_round(study, round)
    return study.store.notes(round)[["note_id", "participant_id", "text"]]


def sort_names(study: Study, round: str) -> list[str]:
    """The sorts of a round, the shared board first, then the private ones oldest first.

    Examples
    --------
    >>> sort_names(study, "r2")
    ['board']
    >>> _ = create_sort(study, "r2", "dana")
    >>> sort_names(study, "r2"), sort_names(study, "r1")  # Lee's blind sort of r1 ships
    (['board', 'dana'], ['board', 'Lee Okafor'])
    """
    _check_round(study, round)
    return [BOARD, *study.store.sorts(round)["name"]]


def sorts_to_compare(study: Study, round: str) -> list[str]:
    """The sorts agreement compares by default: the researchers' own sorts of the round, or,
    when there is one, it and the shared board (the consensus); none when there is none.

    Examples
    --------
    >>> sorts_to_compare(study, "r1"), sorts_to_compare(study, "r2")
    (['board', 'Lee Okafor'], [])
    """
    private = sort_names(study, round)[1:]
    if len(private) == 1:
        return [BOARD, *private]
    return private if len(private) >= 2 else []


def _sort_id(study: Study, round: str, name: str) -> str | None:
    """The store id of a sort (None: the shared board), or one sentence if there is none."""
    _check_round(study, round)
    name = check_sort_name(name)
    if name == BOARD:
        return None
    found = study.store.sort_id(round, name)
    if found is None:
        raise StudyError(f"round {round!r} has no sort named {name!r}; its sorts are: "
                         f"{', '.join(sort_names(study, round))}.")
    return found


def sort_placements(study: Study, round: str, sort: str) -> pd.DataFrame:
    """The placements of one sort in one round: ``note_id, theme_id, theme``.

    One row per (note, theme) pair; a private sort's theme that holds none of the round's
    notes is one row with ``note_id`` missing (so a theme nobody used still counts).

    Examples
    --------
    >>> board = sort_placements(study, "r1", "board")
    >>> len(board), board["theme"].iloc[0]
    (41, 'Chasing late payments')
    """
    return study.store.sort_placements(round, _sort_id(study, round, sort))


def create_sort(study: Study, round: str, name: str, *, copy_board: bool = False) -> str:
    """Start a researcher's own sort of ``round``: empty, or a copy of the shared board.

    A copy takes the board's themes that hold a note of the round (their names, colours,
    descriptions and groups) as new themes of the sort, and the round's placements in them.
    One event records it (kind ``sort``). Returns the sort's store id.

    Examples
    --------
    >>> sid = create_sort(study, "r1", "lee", copy_board=True)
    >>> len(sort_placements(study, "r1", "lee")) == len(sort_placements(study, "r1", "board"))
    True
    >>> create_sort(study, "r1", "lee")
    Traceback (most recent call last):
    synthesis.errors.StudyError: round 'r1' already has a sort named 'lee'.
    """
    _check_round(study, round)
    name = check_sort_name(name)
    store = study.store
    if name == BOARD:
        raise StudyError(f"{BOARD!r} is the shared board's name; give your own sort another.")
    sid = "s-" + uuid.uuid4().hex[:10]
    with store.transaction():
        if store.sort_id(round, name) is not None:
            raise StudyError(f"round {round!r} already has a sort named {name!r}.")
        store.add_sort(sid, round, name, study.author, BOARD if copy_board else None)
        themes, pairs = store.sort_copy_source(round, None) if copy_board else ([], [])
        new = {t["theme_id"]: "t-" + uuid.uuid4().hex[:10] for t in themes}
        for theme in themes:
            tid = new[theme["theme_id"]]
            store.put("themes", tid, {**theme, "theme_id": tid, "status": "live",
                                      "parent_id": new.get(theme["parent_id"]),
                                      "merged_into": None}, None)
            store.tie_theme(tid, sid)
        for note, theme_id in pairs:
            pair = {"note_id": note, "theme_id": new[theme_id]}
            store.put("placements", (note, new[theme_id]), pair, None)
        how = (f"as a copy of the shared board ({len(themes)} themes, {len(pairs)} "
               "placements)" if copy_board else "empty")
        store.log("sort", study.author, f"start sort {name!r} of round {round} {how}",
                  sort_id=sid, round=round, name=name, copied_from=BOARD if copy_board
                  else None)
    return sid


def open_sort(study: Study, round: str, name: str, *, create: bool = True,
              copy_board: bool = False) -> Study:
    """The study as seen on one sort of a round: its themes, notes' themes and moves.

    The shared board (``"board"``) is ``study`` itself. A private sort is made if it does
    not exist yet (empty, or a copy of the shared board with ``copy_board``) unless
    ``create`` is False. The result shares the study's store: close either, not both.

    Examples
    --------
    >>> dana = open_sort(study, "r1", "dana")
    >>> tid = dana.create_theme("Fear of the bank link", notes=[n1])
    >>> dana.themes()["name"].tolist(), tid in set(study.themes()["theme_id"])
    (['Fear of the bank link'], False)
    >>> dana.place([n2], theme["Accountant access"])
    Traceback (most recent call last):
    synthesis.errors.StudyError: theme 'Accountant access' is not on this board (it belongs to
    another sort).
    """
    name = check_sort_name(name)
    if name == BOARD:
        if copy_board:
            raise StudyError("the shared board cannot be a copy of itself; name your own sort.")
        _check_round(study, round)
        return study
    try:
        sid = _sort_id(study, round, name)
    except StudyError:
        if not create or study.store.sort_id(round, name) is not None:
            raise
        sid = create_sort(study, round, name, copy_board=copy_board)
    else:
        if copy_board:
            raise StudyError(f"round {round!r} already has a sort named {name!r}; it is "
                             "opened as it is (a copy is made only for a new sort).")
    view = copy.copy(study)
    view.sort_id, view.sort_round, view.sort_name = sid, round, name
    return view


def compare_key(round: str, sorts: list[str]) -> str:
    """What names one comparison (a round and the sorts compared, in any order).

    Examples
    --------
    >>> compare_key("r1", ["lee", "board"])
    'r1:board|lee'
    """
    return f"{round}:{'|'.join(sorted(sorts))}"


def settle(study: Study, round: str, note_id: str, themes: list[str], sorts: list[str]) -> int:
    """Settle one disagreement: put the note in exactly these themes on the shared board.

    ``themes`` are theme names (one researcher's choice, or any other); a board theme of
    that name (case and spacing ignored) is used, a missing one is created. One undoable
    placement event records it (``op`` "settle", with the comparison's key), so undo puts
    the note back and makes it unsettled again. Returns the event's seq.

    Examples
    --------
    >>> seq = settle(study, "r1", n1, ["Bank connection anxiety", "Trust"], ["board", "lee"])
    >>> sorted(study.notes("r1").set_index("note_id").loc[n1, "themes"])
    ['Bank connection anxiety', 'Trust']
    >>> study.store.settlements(compare_key("r1", ["board", "lee"]))[n1]
    ('Bank connection anxiety', 'Trust')
    """
    if study.sort_id is not None:
        raise StudyError("disagreements are settled on the shared board, not in a sort.")
    _check_round(study, round)
    store = study.store
    names = list(dict.fromkeys(" ".join(str(t).split()) for t in themes if str(t).strip()))
    with store.transaction():
        study._check_notes([note_id])
        if store.notes_outside([note_id], round):
            raise StudyError(f"note {note_id!r} is not a note of round {round!r}.")
        board = study.themes()
        by_key = {" ".join(n.split()).lower(): str(t)
                  for t, n in zip(board["theme_id"], board["name"])}
        wanted = []
        for name in names:
            tid = by_key.get(name.lower())
            if tid is None:  # a researcher's own theme the board does not have yet
                tid = "t-" + uuid.uuid4().hex[:10]
                store.put("themes", tid, {
                    "theme_id": tid, "name": name, "description": "", "colour": None,
                    "parent_id": None, "position": store.next_theme_position(),
                    "status": "live", "merged_into": None}, None)
                by_key[name.lower()] = tid
            wanted.append(tid)
        now = study.themes_of([note_id])[note_id]
        for tid in now:
            if tid not in wanted:
                study._leave(note_id, tid, True)
        for tid in wanted:
            if tid not in now:
                study._join(note_id, tid, False)
        where = ", ".join(repr(n) for n in names) or "unsorted"
        return store.log("placement", study.author, f"settle note {note_id}: {where}",
                         op="settle", notes=[note_id], compare=compare_key(round, sorts),
                         consensus=names, round=round)
