"""Every board action, sent as the browser sends it, checked in the store and the pushed state.

No browser here: ``Board.handle`` (and ``_on_msg``, the comm entry point) get the same
dicts board.js sends with ``model.send``. Counts are from tests/board_helpers.py, by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from board_helpers import make_small_study

from synthesis import open_study
from synthesis.board import Board, open_board
from synthesis.errors import StudyError


@pytest.fixture
def study(tmp_path: Path):
    s = make_small_study(tmp_path / "study")
    yield s
    s.close()


@pytest.fixture
def board(study) -> Board:
    return open_board(study, round="r1")


def place(study: Any) -> dict[str, tuple[str, ...]]:
    """Each r1 note's themes as the store holds them (``()``: unsorted)."""
    notes = study.notes(round="r1")
    return dict(zip(notes["note_id"], notes["theme_ids"]))


def counts(board: Board, tid: str) -> tuple[int, int]:
    theme = next(t for t in board.themes if t["id"] == tid)
    return theme["notes"], theme["participants"]


def send(board: Board, **msg: Any) -> dict[str, Any]:
    msg.setdefault("id", "req")
    return board.handle(msg)


def test_move_one_note_commits_then_acks_then_pushes(board: Board, study) -> None:
    log: list[tuple[dict[str, Any], str | None, str | None]] = []

    def spy(reply: dict[str, Any]) -> None:
        # At ack time the store must already hold the move, the pushed state not yet.
        log.append((reply, place(study)["n-5"], board.placements.get("n-5")))

    board.send = spy  # type: ignore[method-assign]
    events = len(study.events())
    before = board.placements
    board._on_msg(board, {"type": "move", "id": "v1-1", "notes": ["n-5"], "to": "t-export"},
                  [])
    (reply, stored, shown), = log
    assert reply["ok"] and reply["id"] == "v1-1" and reply["notes"] == ["n-5"]
    assert (stored, shown) == (("t-export",), None)
    assert board.placements["n-5"] == ["t-export"]  # pushed after the ack
    assert board.placements is not before and "n-5" not in before  # a new object, old intact
    assert len(study.events()) == events + 1
    last = study.events().iloc[-1]["payload"]
    assert (last["op"], last["notes"], last["theme_id"]) == ("place", ["n-5"], "t-export")
    assert counts(board, "t-export") == (2, 1)  # n-4 and n-5 are both P03: one person
    assert board.meta["seq"] == study.last_event()


def test_move_a_selection_and_back_to_unsorted(board: Board, study) -> None:
    send(board, type="move", notes=["n-6", "n-7"], to="t-bank")
    assert place(study)["n-6"] == place(study)["n-7"] == ("t-bank",)
    assert counts(board, "t-bank") == (5, 3)  # + two notes of P04
    send(board, type="move", notes=["n-1"], to="unsorted")
    assert place(study)["n-1"] == ()
    assert "n-1" not in board.placements
    assert counts(board, "t-bank") == (4, 3)  # P01 still has n-2 there


def test_a_move_that_changes_nothing_writes_nothing(board: Board, study) -> None:
    events = len(study.events())
    reply = send(board, type="move", notes=["n-1"], to="t-bank")
    assert reply["ok"] and reply["summary"] == "Nothing to move."
    reply = send(board, type="move", notes=["n-5"], to="unsorted")
    assert reply["ok"] and reply["notes"] == []
    assert len(study.events()) == events


def test_new_theme_zone_and_card_on_card(board: Board, study) -> None:
    first = send(board, type="new_theme", notes=["n-6"])
    second = send(board, type="new_theme", notes=["n-7", "n-5"])  # n-5 dropped onto n-7
    names = dict(zip(study.themes()["theme_id"], study.themes()["name"]))
    assert names[first["theme"]] == "New theme"
    assert names[second["theme"]] == "New theme 2"  # told apart on screen
    assert place(study)["n-7"] == place(study)["n-5"] == (second["theme"],)
    assert counts(board, second["theme"]) == (2, 2)  # P04 and P03
    assert [t["id"] for t in board.themes][-2:] == [first["theme"], second["theme"]]


def test_rename_describe_recolour(board: Board, study) -> None:
    send(board, type="rename", theme="t-bank", name="  Fear of   the bank link ")
    send(board, type="describe", theme="t-bank", text="Why people stall at the bank step.")
    send(board, type="recolour", theme="t-bank", colour="#e15759")
    row = study.themes().set_index("theme_id").loc["t-bank"]
    assert (row["name"], row["description"], row["colour"]) == (
        "Fear of the bank link", "Why people stall at the bank step.", "#e15759")
    shown = next(t for t in board.themes if t["id"] == "t-bank")
    assert (shown["name"], shown["colour"]) == ("Fear of the bank link", "#e15759")
    assert [e["payload"]["op"] for e in study.events().to_dict("records")[-3:]] == \
        ["rename", "describe", "recolour"]


def test_refused_actions_reply_with_one_sentence_and_write_nothing(board: Board, study) -> None:
    events = len(study.events())
    bad = [
        ({"type": "recolour", "theme": "t-bank", "colour": "red"}, "should look like #1f77b4"),
        ({"type": "rename", "theme": "t-bank", "name": "   "}, "a theme needs a name"),
        ({"type": "move", "notes": ["n-5"], "to": "t-gone"}, "there is no theme 't-gone'"),
        ({"type": "move", "notes": ["n-404"], "to": "t-bank"}, "there is no note 'n-404'"),
        ({"type": "merge", "source": "t-bank", "target": "t-bank"}, "merged into itself"),
        ({"type": "move", "to": "t-bank"}, "malformed 'move' message"),
        ({"type": "explode"}, "does not know the action 'explode'"),
    ]
    for msg, words in bad:
        reply = send(board, **msg)
        assert reply["ok"] is False and words in reply["error"], reply
    assert len(study.events()) == events
    assert board.placements == {"n-1": ["t-bank"], "n-2": ["t-bank"], "n-3": ["t-bank"],
                                "n-4": ["t-export"]}


def test_merge_by_header_then_undo_and_redo(board: Board, study) -> None:
    send(board, type="merge", source="t-export", target="t-bank")
    assert "t-export" not in set(study.themes()["theme_id"])
    assert place(study)["n-4"] == ("t-bank",)
    assert counts(board, "t-bank") == (4, 3)  # P01, P02, P03
    assert [t["id"] for t in board.themes] == ["t-bank"]
    reply = send(board, type="undo")
    assert reply["ok"] and reply["done"] and reply["summary"].startswith("Undid: merge")
    assert place(study)["n-4"] == ("t-export",)
    assert counts(board, "t-export") == (1, 1)
    assert board.meta["can_redo"] is True
    send(board, type="redo")
    assert place(study)["n-4"] == ("t-bank",)
    assert study.events().iloc[-1]["kind"] == "redo"


def test_undo_with_nothing_to_undo(board: Board) -> None:
    reply = send(board, type="undo")
    assert reply["ok"] and reply["done"] is False and reply["summary"] == "Nothing to undo."
    assert board.meta["can_undo"] is False


def test_delete_sends_notes_back_to_unsorted(board: Board, study) -> None:
    send(board, type="delete", theme="t-bank")
    assert [place(study)[n] for n in ("n-1", "n-2", "n-3")] == [(), (), ()]
    assert "t-bank" not in {t["id"] for t in board.themes}
    assert board.placements == {"n-4": ["t-export"]}


def test_reorder_and_group(board: Board, study) -> None:
    third = send(board, type="new_theme", notes=[])["theme"]
    send(board, type="reorder", themes=[third, "t-export", "t-bank"])
    assert list(study.themes()["theme_id"]) == [third, "t-export", "t-bank"]
    assert [t["id"] for t in board.themes] == [third, "t-export", "t-bank"]
    send(board, type="group", theme="t-export", parent="t-bank")
    assert next(t for t in board.themes if t["id"] == "t-export")["parent"] == "t-bank"
    reply = send(board, type="group", theme="t-bank", parent="t-export")  # a cycle
    assert reply["ok"] is False and "cannot be grouped under" in reply["error"]
    send(board, type="group", theme="t-export", parent=None)
    assert next(t for t in board.themes if t["id"] == "t-export")["parent"] is None


def test_source_shows_participant_and_turns_around_the_note(board: Board) -> None:
    reply = send(board, type="source", note="n-1")
    assert reply["type"] == "source" and reply["ok"]
    assert reply["participant"] == {"id": "P01",
                                    "attributes": {"segment": "SMB", "role": "Owner"}}
    # n-1 is turn 3 of s-P01: turns 0..5 exist, three either side -> all six, 3 current.
    assert [t["position"] for t in reply["turns"]] == [0, 1, 2, 3, 4, 5]
    assert [t["position"] for t in reply["turns"] if t["current"]] == [3]
    assert reply["turns"][3]["text"] == "Connecting the bank felt risky, so I waited."
    assert send(board, type="source", note="n-5")["turns"] == []
    missing = send(board, type="source", note="n-404")
    assert missing["ok"] is False and "n-404" in missing["error"]


def test_two_boards_on_one_study_lose_nothing(study, tmp_path: Path) -> None:
    """Two kernels = two Study connections; each move writes only its own notes."""
    a = open_board(study, round="r1")
    other = open_study(study.folder, author="second-researcher")
    b = open_board(other, round="r1")
    send(a, type="move", notes=["n-5"], to="t-export")
    assert "n-5" not in b.placements  # b has not refreshed yet
    send(b, type="move", notes=["n-6"], to="t-bank")  # b's stale view must not undo a's move
    assert place(study)["n-5"] == ("t-export",) and place(study)["n-6"] == ("t-bank",)
    assert b.placements["n-5"] == ["t-export"]  # b reloaded after its own move
    send(a, type="refresh")
    assert a.placements["n-6"] == ["t-bank"]
    assert a.meta["seq"] == b.meta["seq"] == study.last_event()
    other.close()


def test_refresh_without_changes_pushes_nothing(board: Board) -> None:
    before = (board.themes, board.placements, board.meta)
    board.handle({"type": "refresh"})
    assert (board.themes, board.placements, board.meta) == before
    assert board.themes is before[0] and board.placements is before[1]


def test_reopening_shows_exactly_the_last_state(board: Board, study) -> None:
    send(board, type="move", notes=["n-5"], to="t-export")
    tid = send(board, type="new_theme", notes=["n-6"])["theme"]
    send(board, type="rename", theme=tid, name="Phone first")
    state = board.state()
    reopened = open_study(study.folder).board(round="r1")  # a restarted kernel opens from disk
    assert reopened.state()["placements"] == state["placements"]
    assert reopened.state()["themes"] == state["themes"]
    reopened.study.close()


def test_open_board_refuses_an_unknown_round(study) -> None:
    with pytest.raises(StudyError, match=r"the study .* has no round 'r7'"):
        open_board(study, round="r7")


def test_colour_by_defaults_to_segment(board: Board, study) -> None:
    assert board.colour_by == "segment"
    assert open_board(study, round="r1", colour_by="role").colour_by == "role"


def test_refresh_after_an_import_elsewhere_shows_the_new_notes(board: Board, study) -> None:
    from synthesis.model import ImportBundle, Note

    other = open_study(study.folder, author="importer")
    other.apply_bundle(ImportBundle("late.csv", "notes", notes=[
        Note("n-10", "Found the export after a week", "P05", "r1")]))
    other.close()
    assert "n-10" not in {c["id"] for c in board.cards}
    board.handle({"type": "refresh"})
    assert [c["id"] for c in board.cards][-1] == "n-10"
    send(board, type="move", notes=["n-10"], to="t-export")
    assert counts(board, "t-export") == (2, 2)  # n-4 (P03) and n-10 (P05)


# -- a note in several themes ------------------------------------------------------------------
def test_a_drag_between_themes_keeps_the_notes_other_themes(board: Board, study) -> None:
    study.add_to_theme("n-1", "t-export")  # n-1 now in Bank and Export
    third = study.create_theme("Phone first", theme_id="t-phone")
    board.handle({"type": "refresh"})
    assert board.placements["n-1"] == ["t-bank", "t-export"]
    reply = send(board, type="move", notes=["n-1"], to=third, **{"from": "t-bank"})
    assert reply["ok"] and reply["summary"] == "Moved 1 note to 'Phone first'."
    assert place(study)["n-1"] == ("t-export", "t-phone")
    assert board.placements["n-1"] == ["t-export", "t-phone"]
    assert counts(board, "t-bank") == (2, 2)  # n-2 (P01), n-3 (P02)
    assert counts(board, "t-export") == (2, 2)  # n-4 (P03), n-1 (P01)
    # Dropped back on the column it came from: nothing to do, nothing written.
    events = len(study.events())
    assert send(board, type="move", notes=["n-1"], to=third,
                **{"from": third})["summary"] == "Nothing to move."
    assert len(study.events()) == events


def test_alt_drag_adds_and_unsorted_takes_out_of_one_theme(board: Board, study) -> None:
    reply = send(board, type="move", notes=["n-1"], to="t-export", add=True,
                 **{"from": "t-bank"})
    assert reply["summary"] == "Added 1 note to 'Export confusion'."
    assert place(study)["n-1"] == ("t-bank", "t-export")
    assert study.events().iloc[-1]["payload"]["op"] == "add"
    reply = send(board, type="move", notes=["n-1"], to="unsorted", **{"from": "t-export"})
    assert reply["summary"] == "Took 1 note out of 'Export confusion'."
    assert place(study)["n-1"] == ("t-bank",)  # still in Bank: not unsorted
    send(board, type="move", notes=["n-1"], to="unsorted", **{"from": "t-bank"})
    assert place(study)["n-1"] == ()
    assert "n-1" not in board.placements
    send(board, type="undo")
    assert board.placements["n-1"] == ["t-bank"]


def test_a_drag_from_the_pile_adds_and_a_new_theme_leaves_the_source(board: Board,
                                                                     study) -> None:
    # Another board put n-5 in Bank a moment ago; this board still shows it unsorted.
    study.add_to_theme("n-5", "t-bank")
    send(board, type="move", notes=["n-5"], to="t-export", **{"from": "unsorted"})
    assert place(study)["n-5"] == ("t-bank", "t-export")  # the other board's move stands
    reply = send(board, type="new_theme", notes=["n-5"], **{"from": "t-export"})
    assert place(study)["n-5"] == ("t-bank", reply["theme"])
    reply = send(board, type="new_theme", notes=["n-5"], add=True, **{"from": "t-bank"})
    assert place(study)["n-5"][0] == "t-bank" and len(place(study)["n-5"]) == 3


def test_cards_selected_in_different_columns_each_leave_their_own(board: Board,
                                                                 study) -> None:
    study.add_to_theme("n-1", "t-export")  # n-1: Bank and Export
    events = len(study.events())
    send(board, type="move", notes=["n-1", "n-4", "n-5"], to="t-bank",
         **{"from": {"n-1": "t-export", "n-4": "t-export", "n-5": "unsorted"}})
    assert len(study.events()) == events + 1  # one drop, one event
    assert (place(study)["n-1"], place(study)["n-4"], place(study)["n-5"]) == (
        ("t-bank",), ("t-bank",), ("t-bank",))
    assert counts(board, "t-export") == (0, 0)
    study.add_to_theme(["n-1", "n-5"], "t-export")
    send(board, type="move", notes=["n-1", "n-5", "n-2"], to="unsorted",
         **{"from": {"n-1": "t-bank", "n-5": "t-export", "n-2": "t-bank"}})
    assert (place(study)["n-1"], place(study)["n-5"], place(study)["n-2"]) == (
        ("t-export",), ("t-bank",), ())
