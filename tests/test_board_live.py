"""Live boards: another researcher's moves reach a board as small change messages, two
people moving one note are told, and each board shows who else is on it. On SQLite and on
a real PostgreSQL server."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from board_helpers import make_small_study

from synthesis import open_study
from synthesis.board import widget as widget_module
from synthesis.board.live import CHECK
from synthesis.board.widget import Board
from synthesis.store import new_store


@pytest.fixture
def folder(tmp_path: Path, store_url, monkeypatch) -> Path:
    if store_url:  # the study's store is the server's empty database
        new_store(store_url).close()
        monkeypatch.setenv("SYNTHESIS_STORE", store_url)
    make_small_study(tmp_path / "study").close()
    return tmp_path / "study"


@pytest.fixture(autouse=True)
def close_boards(monkeypatch):
    """Every board a test opens is closed after it (its watcher thread stopped)."""
    opened: list[Board] = []
    monkeypatch.setattr(Board, "_opened", opened, raising=False)
    yield
    for board in opened:
        board.close()
        board.study.close()


def board_of(folder: Path, author: str) -> tuple[Board, list[dict[str, Any]], list[dict]]:
    """A live board (its watcher runs, but no event loop: tests call catch_up themselves)."""
    board = Board(open_study(folder, author=author), "r1", live=True)
    Board._opened.append(board)  # type: ignore[attr-defined]
    sent: list[dict[str, Any]] = []
    pushed: list[dict[str, Any]] = []
    board.send = sent.append  # type: ignore[method-assign]
    push = board._push
    board._push = lambda state: (pushed.append(state), push(state))[1]  # type: ignore[method-assign]
    return board, sent, pushed


def test_another_boards_move_arrives_as_a_small_change(folder):
    alice, alice_sent, alice_pushed = board_of(folder, "alice")
    bob, _, _ = board_of(folder, "bob")
    counts = {t["id"]: t["notes"] for t in alice.themes}
    assert bob.handle({"type": "move", "id": "b1", "notes": ["n-5"], "to": "t-bank",
                       "from": "unsorted"})["ok"]

    message = alice.live.catch_up()

    assert message == {"type": "changes", "seq": bob.meta["seq"],
                       "placements": {"n-5": ["t-bank"]}, "by": {"n-5": "bob"}, "check": []}
    assert alice_sent == [message]
    assert alice.placements["n-5"] == ["t-bank"]
    assert {t["id"]: t["notes"] for t in alice.themes}["t-bank"] == counts["t-bank"] + 1
    # the whole placements part was not resent: only themes (counts) and meta were pushed
    assert all("placements" not in p for p in alice_pushed)
    assert alice.live.catch_up() is None  # nothing new since


def test_a_catch_up_waits_until_the_boards_own_move_is_pushed(folder, monkeypatch):
    """ipykernel 7 runs widget messages on a subshell thread, the watcher's catch-up on the
    kernel's main thread. A catch-up landing between a move's commit and its state push took
    the board's own move for another board's and marked it as already in the browser; the
    push then left the placements out, and the card went back to where it came from although
    the store had the move (the intermittent failure of the Notebook 7 drag test)."""
    alice, alice_sent, _ = board_of(folder, "alice")
    synced: list[dict[str, list[str]]] = []  # the placements parts that reach the browser
    alice.observe(lambda change: synced.append(change["new"]), names=["placements"])
    racers: list[threading.Thread] = []
    caught: list[Any] = []
    act = widget_module.perform

    def perform_then_catch_up(study: Any, themes: Any, msg: dict[str, Any]) -> dict[str, Any]:
        reply = act(study, themes, msg)  # committed: the watcher wakes the main thread now
        racer = threading.Thread(target=lambda: caught.append(alice.live.catch_up()))
        racer.start()
        racer.join(0.5)  # unlocked, the catch-up ran to its end here
        racers.append(racer)
        return reply

    monkeypatch.setattr(widget_module, "perform", perform_then_catch_up)
    reply = alice.handle({"type": "move", "id": "a1", "notes": ["n-5"], "to": "t-bank",
                          "from": "unsorted"})
    for racer in racers:
        racer.join(5)
    assert reply["ok"] and reply["seq"] == alice.meta["seq"]
    assert synced and synced[-1]["n-5"] == ["t-bank"]  # the push after the ack has the move
    assert caught == [None]  # the board's own move is not "another board's change"
    assert [m["type"] for m in alice_sent] == ["ack"]


def test_two_people_moving_one_note_both_see_moved_by_both(folder):
    alice, _, _ = board_of(folder, "alice")
    bob, bob_sent, _ = board_of(folder, "bob")
    alice.handle({"type": "move", "id": "a1", "notes": ["n-7"], "to": "t-export",
                  "from": "unsorted"})
    bob.handle({"type": "move", "id": "b1", "notes": ["n-7"], "to": "t-bank",
                "from": "t-export"})
    # bob caught up with alice's move before his own: his board marks the note at once
    assert bob_sent[-1]["check"] == ["n-7"]
    message = alice.live.catch_up()
    assert message["check"] == ["n-7"] and message["placements"] == {"n-7": ["t-bank"]}
    assert alice.study.themes_of(["n-7"]) == {"n-7": ["t-bank"]}  # the later move wins
    moves = alice.study.events()
    assert list(moves[moves["kind"] == "placement"]["author"]) == ["alice", "bob"]
    assert CHECK == "moved by both — check"


def test_each_board_shows_who_else_is_on_it(folder):
    alice, _, _ = board_of(folder, "alice")
    bob, _, _ = board_of(folder, "bob")
    store = alice.study.store
    assert store.scalar("SELECT COUNT(*) FROM board_presence") == 0  # no page shows them yet
    alice.live.viewed()
    bob.live.viewed()
    bob.live.beat()
    assert bob.meta["others"] == ["alice"]
    alice.live.beat()
    assert alice.meta["others"] == ["bob"]
    bob.close()
    store = alice.study.store
    with store.transaction():  # a board whose kernel died last year, never said goodbye
        store.execute("INSERT INTO board_presence (board, author, round_id, seen_at) VALUES "
                      "('old', 'carol', 'r1', '2025-01-01T00:00:00.000+00:00')")
    alice.live.beat()
    assert alice.meta["others"] == []
    assert store.scalar("SELECT COUNT(*) FROM board_presence WHERE board = 'old'") == 0


def test_a_blind_sort_shows_who_is_on_it_to_nobody_else(folder):
    """Dana sorts r1 blind in her own sort while alice and bob are on the shared board and
    lee in his own sort: the shared board shows alice and bob each other only, and neither
    private sort shows anyone; the store keeps Dana's row with her sort."""
    from synthesis.sorts import open_sort

    alice, _, _ = board_of(folder, "alice")
    bob, _, _ = board_of(folder, "bob")
    blind = []
    for who in ("dana", "lee"):
        board = Board(open_sort(open_study(folder, author=who), "r1", who), "r1", live=True)
        Board._opened.append(board)  # type: ignore[attr-defined]
        board.send = lambda message: None  # type: ignore[method-assign]
        blind.append(board)
    dana, lee = blind
    for board in (alice, bob, dana, lee):
        board.live.viewed()
    for board in (alice, bob, dana, lee):
        board.live.beat()
    assert alice.meta["others"] == ["bob"] and bob.meta["others"] == ["alice"]
    assert dana.meta["others"] == [] and lee.meta["others"] == []
    store = alice.study.store
    assert sorted(store.rows("SELECT author, round_id, sort_id FROM board_presence")) == [
        ("alice", "r1", None), ("bob", "r1", None), ("dana", "r1", dana.study.sort_id),
        ("lee", "r1", lee.study.sort_id)]
    # a second window on Dana's own sort (hers, or a colleague's after the compare) is
    # on the same board, so the two see each other
    again = Board(open_sort(open_study(folder, author="ana"), "r1", "dana"), "r1", live=True)
    Board._opened.append(again)  # type: ignore[attr-defined]
    again.send = lambda message: None  # type: ignore[method-assign]
    again.live.viewed()
    dana.live.beat()
    assert again.meta["others"] == ["dana"] and dana.meta["others"] == ["ana"]
    assert alice.meta["others"] == ["bob"]


def test_the_store_watcher_wakes_within_a_second_of_another_commit(folder):
    watching = open_study(folder, author="alice")
    other = open_study(folder, author="bob")
    woke = threading.Event()
    watcher = watching.store.watch(woke.set)
    try:
        started = time.monotonic()
        other.place("n-5", "t-bank")
        assert woke.wait(1.0)
        assert time.monotonic() - started < 1.0
    finally:
        watcher.stop()
        watching.close()
        other.close()
