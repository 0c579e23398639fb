"""Live boards for a team: another researcher's moves appear within a second.

The store's watcher (:mod:`synthesis.store.watch`: ``LISTEN/NOTIFY`` on PostgreSQL,
SQLite's data version on one machine) wakes the board from its own thread; the board then
catches up on the kernel's thread, where the study's connection lives. Catching up reads
the events after the last one shown and sends the browser one small ``changes`` message
(the moved notes' new themes, who moved them), never the whole board; only the themes
with their counts are pushed as state. An import, a rename or a new theme reloads the
placements as after the board's own actions.

Two people moving the same note within :data:`CLASH_S` seconds: the later move wins (it is
the one in the store) and both boards mark the note "moved by both — check"; nothing is
lost, the log holds both moves. Each board says every few seconds that it is open, and
shows who else is on the same round.
"""

from __future__ import annotations

import time
import uuid
from typing import TYPE_CHECKING, Any

from IPython import get_ipython
from tornado.ioloop import IOLoop, PeriodicCallback

from ..store import pair_changes
from .state import theme_counts, themes_for_board

if TYPE_CHECKING:
    from ..store.watch import Watcher

CLASH_S = 10.0  # two authors moving one note within this many seconds: "moved by both"
BEAT_S = 5.0  # how often a board says it is open
# Kinds of event a board writes that leave its cards as they are; any other (an import, a
# note written or changed) means cards to show. An undo or redo of a note change is one too
# (:func:`touches_notes`).
BOARD_EVENTS = ("theme", "placement", "undo", "redo", "refused")
CHECK = "moved by both — check"


def in_kernel() -> bool:
    """Whether this runs inside a Jupyter kernel (where the store's watcher can wake it).

    Examples
    --------
    >>> in_kernel()  # a doctest runs in no kernel
    False
    """
    return getattr(get_ipython(), "kernel", None) is not None


def touches_notes(events: list[dict[str, Any]]) -> bool:
    """Whether any of these events (as ``events_after`` gives them) changed a note's row:
    a note written, edited, split or set aside, or the undo or redo of one.

    Examples
    --------
    >>> touches_notes([{"kind": "undo", "payload": {"changes": [{"table": "notes"}]}}])
    True
    """
    return any(c.get("table") == "notes" for e in events
               for c in e["payload"].get("changes", []))


class Live:
    """Keeps one board in step with the other boards on its study.

    Examples
    --------
    >>> board = study.board(round="r1")
    >>> live = Live(board, watch=False)  # Board(live=True) makes one that watches
    >>> bob = open_study("data/invoicing-onboarding", author="bob")  # another board's study
    >>> seq = bob.place([n1], theme["Accountant access"])
    >>> message = live.catch_up()  # what the watcher's wake-up runs on the kernel's thread
    >>> message["placements"] == {n1: [theme["Accountant access"]]}, message["by"] == {n1: "bob"}
    (True, True)
    >>> live.catch_up() is None  # nothing new since
    True
    >>> live.stop(); bob.close()
    """

    def __init__(self, board: Any, *, watch: bool = True) -> None:
        self.board = board
        self.id = uuid.uuid4().hex
        self.recent: dict[str, list[tuple[str, float]]] = {}  # note -> [(author, when)]
        self.check: set[str] = set()
        self.watcher: Watcher | None = None
        self._loop: IOLoop | None = None
        self._beat: PeriodicCallback | None = None
        # Present means a page shows the board: one made in a kernel nobody looks at (a
        # notebook run by papermill or nbval) writes no presence row to the study.
        self.shown = False
        if watch:
            self._start()

    def _start(self) -> None:
        self._loop = IOLoop.current()
        self.watcher = self.board.study.store.watch(self._wake)
        self._beat = PeriodicCallback(self._tick, BEAT_S * 1000)
        self._beat.start()

    def _wake(self) -> None:
        """From the watcher's thread: run :meth:`catch_up` on the kernel's thread."""
        if self._loop is not None:
            self._loop.add_callback(self.catch_up)

    def stop(self) -> None:
        """Stop watching and say the board is closed."""
        if self._beat is not None:
            self._beat.stop()
        if self.watcher is not None:
            self.watcher.stop()
        if self.shown:
            self.board.study.store.gone(self.id)

    def viewed(self) -> None:
        """A page showing the board spoke to it (any message): from now on it is present."""
        if not self.shown:
            self.shown = True
            self.beat()

    def _tick(self) -> None:
        if self.shown:
            self.beat()

    def beat(self) -> None:
        """Say this board is open, and show who else is on it (its round and sort: a
        private sort's presence shows on that sort only)."""
        board, study = self.board, self.board.study
        with board.lock:
            study.store.here(self.id, study.author, board.round, study.sort_id)
            others = study.store.others(self.id, study.author, board.round, study.sort_id)
            if others != board.meta.get("others"):
                board._push({"meta": {**board.meta, "others": others}})

    # -- what this board did, and what the others did ------------------------------------
    def moved(self, author: str, notes: list[str]) -> list[str]:
        """Remember who moved these notes now; the ones now moved by two people recently."""
        stamp = time.monotonic()
        clashing = []
        for note in notes:
            seen = [(a, t) for a, t in self.recent.get(note, []) if stamp - t < CLASH_S]
            seen.append((author, stamp))
            self.recent[note] = seen
            if len({a for a, _ in seen}) > 1:
                clashing.append(note)
                self.check.add(note)
        return clashing

    def catch_up(self) -> dict[str, Any] | None:
        """Send the browser what other boards changed since the event this board shows.

        Returns the message sent (None when nothing changed). Runs under the board's lock:
        between an action's commit and its state push the board's own event is not yet
        the one it shows, and must not be taken for another board's change.
        """
        with self.board.lock:
            return self._catch_up()

    def _catch_up(self) -> dict[str, Any] | None:
        board = self.board
        store = board.study.store
        events = store.events_after(int(board.meta.get("seq", 0)))
        if not events:
            return None
        seq = events[-1]["seq"]
        if any(e["kind"] not in BOARD_EVENTS for e in events) or len(events) >= 1000 \
                or touches_notes(events):
            board.reload()  # an import, or notes written or changed: cards to show
            return self._send({"type": "changes", "seq": seq, "reload": True,
                               "placements": {}, "by": {}, "check": sorted(self.check)})
        moved: dict[str, str] = {}
        themes_changed = False
        for event in events:
            notes = []
            for change in pair_changes(event["payload"].get("changes", [])):
                if change["table"] == "placements":
                    notes.append(str(change["key"][0]))
                else:
                    themes_changed = True
            notes = list(dict.fromkeys(notes))
            for note in notes:
                moved[note] = event["author"] or ""
            if event["author"] != board.study.author:
                self.moved(event["author"] or "", notes)
        if themes_changed:
            board.reload_placements()
            return self._send({"type": "changes", "seq": seq, "reload": True,
                               "placements": {}, "by": moved, "check": sorted(self.check)})
        shown = board.shown_notes()
        notes = [n for n in moved if n in shown]
        live = {t["id"] for t in board.themes}
        now_in = {n: [t for t in ts if t in live]
                  for n, ts in board.study.themes_of(notes).items()}
        placements = dict(board.placements)
        for note, themes in now_in.items():
            if themes:
                placements[note] = themes
            else:
                placements.pop(note, None)
        counts = theme_counts({c["id"]: c["pid"] for c in board.cards}, placements)
        board.quietly(placements=placements)
        board._push({"themes": themes_for_board(board.study.themes(), counts),
                     "meta": {**board.meta, "seq": seq,
                              **store.undo_state(board.study.author,
                                                 board.study.sort_id)}})
        return self._send({"type": "changes", "seq": seq, "placements": now_in,
                           "by": {n: moved[n] for n in notes},
                           "check": sorted(self.check & shown)})

    def _send(self, message: dict[str, Any]) -> dict[str, Any]:
        self.board.send(message)
        return message
