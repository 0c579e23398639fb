"""Suggestions on the board, message by message, as board.js sends them (no browser).

The small study of tests/board_helpers.py: round r1 has two themes (t-bank: n-1, n-2, n-3;
t-export: n-4) and four unsorted notes (n-5 ... n-8), so every unsorted note gets both
themes as suggestions, best first. Suggestions arrive from a worker thread as a
``suggestions`` message; only accepting one writes (one event, undoable).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from synthesis.board import Board, open_board
from board_helpers import make_small_study

from synthesis import Study

UNSORTED_R1 = ["n-5", "n-6", "n-7", "n-8"]


@pytest.fixture
def study(tmp_path: Path) -> Iterator[Study]:
    """The small study of tests/board_helpers.py."""
    s = make_small_study(tmp_path / "study")
    yield s
    s.close()


@pytest.fixture
def board(study) -> tuple[Board, list[dict[str, Any]]]:
    b = open_board(study, round="r1")
    sent: list[dict[str, Any]] = []
    b.send = sent.append  # type: ignore[method-assign]
    return b, sent


def of_type(sent: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [m for m in sent if m.get("type") == kind]


def test_suggestions_come_as_their_own_message_and_write_nothing(board, study) -> None:
    b, sent = board
    events = len(study.events())
    reply = b.handle({"type": "suggest", "id": "v-1", "drafts": None})
    assert reply["type"] == "suggesting" and reply["ticket"] == 1
    assert b.suggestions.wait()
    (msg,) = of_type(sent, "suggestions")
    assert msg["ok"] is True and "drafts" not in msg
    assert sorted(msg["suggested"]) == UNSORTED_R1
    for note in UNSORTED_R1:
        got = msg["suggested"][note]
        assert sorted(t for t, _, _ in got) == ["t-bank", "t-export"]  # both themes, no more
        assert got[0][1] >= got[1][1]
        # The reason for a t-export suggestion can only be n-4, its one note.
        assert {t: like for t, _, like in got}["t-export"] == "n-4"
    assert msg["like"]["n-4"] == {"text": "Could not find the CSV export", "pid": "P03"}
    assert len(study.events()) == events


def test_an_accepted_suggestion_is_one_move_and_undoes(board, study) -> None:
    b, _sent = board
    reply = b.handle({"type": "move", "id": "v-2", "notes": ["n-5"], "to": "t-export",
                      "from": "unsorted", "add": False, "suggested": True})
    assert reply["ok"] is True
    assert reply["summary"] == "Accepted the suggestion: moved 1 note to 'Export confusion'."
    assert study.themes_of(["n-5"]) == {"n-5": ["t-export"]}
    assert b.placements["n-5"] == ["t-export"]
    assert study.events().iloc[-1]["payload"]["notes"] == ["n-5"]
    b.handle({"type": "undo", "id": "v-3"})
    assert study.themes_of(["n-5"]) == {"n-5": []}


def test_similar_notes_are_the_rounds_other_unsorted_notes(board, study) -> None:
    b, sent = board
    assert b.handle({"type": "similar", "id": "v-4", "note": "n-5"})["asked"] is True
    assert b.suggestions.wait()
    _wait_for(sent, "similar")
    (msg,) = of_type(sent, "similar")
    assert msg["id"] == "v-4" and msg["note"] == "n-5" and msg["ok"] is True
    # Candidates: r1's unsorted notes but n-5 itself (n-9 is in r2 and sorted anyway).
    assert sorted(n for n, _ in msg["notes"]) == ["n-6", "n-7", "n-8"]
    scores = [s for _, s in msg["notes"]]
    assert scores == sorted(scores, reverse=True)
    b.handle({"type": "similar", "id": "v-5", "theme": "t-bank"})
    msg = _wait_for(sent, "similar", 2)
    assert msg["theme"] == "t-bank" and sorted(n for n, _ in msg["notes"]) == UNSORTED_R1
    b.handle({"type": "similar", "id": "v-6", "note": "n-nope"})
    msg = _wait_for(sent, "similar", 3)
    assert msg["ok"] is False and "n-nope" in msg["error"]


def test_drafts_are_renamed_merged_then_one_is_accepted_as_a_theme(board, study) -> None:
    b, sent = board
    b.handle({"type": "suggest", "id": "v-7", "drafts": 2})
    assert b.suggestions.wait()
    (msg,) = of_type(sent, "suggestions")
    drafts = msg["drafts"]
    assert [d["key"] for d in drafts] == ["d1", "d2"]
    assert sorted(n for d in drafts for n in d["notes"]) == UNSORTED_R1  # each note once
    events = len(study.events())
    renamed = b.handle({"type": "draft", "id": "v-8", "op": "rename", "key": "d1",
                        "label": "On the <b>phone</b>"})
    assert renamed["ok"] is True and renamed["drafts"][0]["label"] == "On the <b>phone</b>"
    merged = b.handle({"type": "draft", "id": "v-9", "op": "merge", "key": "d2", "into": "d1"})
    ((d1,),) = [merged["drafts"]]
    assert sorted(d1["notes"]) == UNSORTED_R1
    assert len(study.events()) == events  # drafts live in memory: nothing was written
    # n-6 is placed by hand meanwhile: accepting the draft leaves it where it is.
    b.handle({"type": "move", "id": "v-10", "notes": ["n-6"], "to": "t-bank"})
    reply = b.handle({"type": "accept_draft", "id": "v-11", "draft": "d1",
                      "name": d1["label"], "notes": d1["notes"]})
    assert reply["ok"] is True
    tid = reply["theme"]
    assert reply["summary"] == ("Accepted the draft 'On the <b>phone</b>' as a theme with 3 "
                                "notes (1 placed since were left where they are).")
    themes = study.themes().set_index("theme_id")["name"]
    assert themes[tid] == "On the <b>phone</b>"
    assert study.themes_of(UNSORTED_R1) == {"n-5": [tid], "n-6": ["t-bank"], "n-7": [tid],
                                            "n-8": [tid]}
    assert len(study.events()) == events + 2  # the hand move and the accepted draft
    assert of_type(sent, "drafts")[-1]["drafts"] == []  # the accepted draft left the drafts
    b.handle({"type": "undo", "id": "v-12"})
    assert tid not in set(study.themes()["theme_id"])
    assert study.themes_of(["n-5"]) == {"n-5": []}
    # Undoing the accept brings the draft back (under its new name); redoing takes it away.
    back = of_type(sent, "drafts")[-1]["drafts"]
    assert [(d["key"], d["label"]) for d in back] == [("d1", "On the <b>phone</b>")]
    assert sorted(back[0]["notes"]) == UNSORTED_R1
    b.handle({"type": "redo", "id": "v-13"})
    assert study.themes().set_index("theme_id")["name"][tid] == "On the <b>phone</b>"
    assert of_type(sent, "drafts")[-1]["drafts"] == []


def test_refusals_are_one_sentence(board, study) -> None:
    b, _sent = board
    reply = b.handle({"type": "accept_draft", "id": "v-13", "draft": "d9", "name": "Bank",
                      "notes": ["n-1", "n-2"]})
    assert reply["ok"] is False
    assert reply["error"] == ("every note of the draft 'Bank' is in a theme already; dismiss "
                              "the draft instead.")
    gone = b.handle({"type": "draft", "id": "v-14", "op": "dismiss", "key": "d9"})
    assert gone["ok"] is False and gone["error"] == ("that draft is gone (accepted or "
                                                     "dismissed already).")
    odd = b.handle({"type": "draft", "id": "v-15", "op": "shuffle", "key": "d1"})
    assert odd["error"] == "the board does not know the draft action 'shuffle'."


def test_a_board_can_open_without_suggestions(study) -> None:
    assert open_board(study, round="r1", suggest=False).suggest is False
    assert open_board(study, round="r1").suggest is True


def _wait_for(sent: list[dict[str, Any]], kind: str, count: int = 1,
              timeout: float = 60.0) -> dict[str, Any]:
    """The ``count``-th message of a kind (a similar-notes answer comes from its thread)."""
    import time

    deadline = time.monotonic() + timeout
    while len(of_type(sent, kind)) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"no {kind!r} message number {count}")
        time.sleep(0.02)
    return of_type(sent, kind)[count - 1]
