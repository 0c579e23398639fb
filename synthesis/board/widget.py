"""The affinity board widget: the browser asks, the study store decides, then the screen says so.

Every action in the browser (drop a card, rename a theme, undo...) arrives as one custom
message. :meth:`Board.handle` has it applied (:func:`~synthesis.board.actions.perform`: one
Study call, so one store transaction and one event), replies with an *ack* naming the
request, and only then pushes the new state. The browser keeps a moved card marked "saving"
until that ack arrives, so "saved" on screen always means "committed to the store".

Two boards on one study (two notebooks, two kernels, two machines on one PostgreSQL
store) stay in step live (:mod:`synthesis.board.live`): the store's watcher wakes the board
within a second of another board's commit and the browser gets a small ``changes`` message.
The browser's messages and the watcher's wake-ups reach the board on different threads
(ipykernel 7 runs widget messages on a subshell thread, the wake-up on the kernel's main
thread), so the board does one of them at a time (:attr:`Board.lock`): a catch-up that ran
between an action's commit and its state push took the board's own move for another
board's, marked it as already in the browser, and the push then left it out (the card went
back to where it came from although the store had the move).
As a fallback each browser also asks for a ``refresh`` every couple of seconds: the board
compares ``study.last_event()`` with the event it last showed and reloads when another
board wrote. Each move writes only the moved notes' placements, so nothing another board
did is overwritten.

Suggestions ("probably goes in…", similar notes, draft themes) are computed offline in a
worker thread (:class:`~synthesis.board.suggesting.BoardSuggestions`) and arrive as their
own messages when ready, so no move waits for them. Only accepting one writes, as an
ordinary action: a ``move`` (flagged ``suggested``) or ``accept_draft``, one event, undoable.

The front end is ES modules under ``js/``, bundled by esbuild into ``static/board.js``
(committed, so users need no Node; ``make js`` rebuilds it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anywidget
import traitlets

from ..errors import StudyError, SynthesisError
from ..sorts import settle
from .actions import NOTE_ACTIONS, perform
from .compare import compare_state
from .live import BOARD_EVENTS, Live, in_kernel, touches_notes
from .snapshot import snapshot_html
from .source import note_source
from .state import study_placements, study_state
from .suggesting import BoardSuggestions
from .transcript import transcript_view

if TYPE_CHECKING:
    from ..study import Study

_HERE = Path(__file__).parent


class Board(anywidget.AnyWidget):
    """An affinity board on one round of a study (all rounds when ``round`` is None).

    Examples
    --------
    >>> from synthesis import open_study
    >>> board = Board(open_study("data/invoicing-onboarding"), round="r1")  # doctest: +SKIP
    >>> board  # in a notebook cell, shows the board  # doctest: +SKIP
    """

    _esm = _HERE / "static" / "board.js"
    _css = _HERE / "board.css"

    # The state is split in parts (see synthesis.board.state) so a move resends the small
    # parts (themes, placements, meta) and never the notes' text.
    cards: traitlets.List[Any] = traitlets.List().tag(sync=True)
    people = traitlets.Dict().tag(sync=True)
    themes: traitlets.List[Any] = traitlets.List().tag(sync=True)
    placements = traitlets.Dict().tag(sync=True)
    meta = traitlets.Dict().tag(sync=True)
    colour_by = traitlets.Unicode("").tag(sync=True)
    poll_ms = traitlets.Int(2000).tag(sync=True)
    # Suggestions on the board (computed only when the browser asks; False shows none).
    suggest = traitlets.Bool(True).tag(sync=True)

    def __init__(self, study: Any, round: str | None = None, *, colour_by: str | None = None,
                 poll_ms: int = 2000, suggest: bool = True, live: bool | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # One message or catch-up at a time (see the module docstring); re-entrant because
        # an action catches up first, on the same thread.
        self.lock = threading.RLock()
        self.study = study
        self.round = round
        self.poll_ms = int(poll_ms)
        self.suggest = bool(suggest)
        self.suggestions = BoardSuggestions(study, round, on_ready=self._suggestions_ready)
        # Theme id -> the draft accepted as it, so undoing the accept brings the draft back.
        self._accepted: dict[str, dict[str, Any]] = {}
        self._shown: tuple[Any, set[str]] = (None, set())
        self.reload()
        attributes = self.meta.get("attributes", [])
        if colour_by is None:
            colour_by = "segment" if "segment" in attributes else "participant"
        self.colour_by = colour_by
        self.on_msg(self._on_msg)
        # Live by default inside a kernel, where the watcher can wake the kernel's event loop;
        # elsewhere (tests, scripts) on request; live=False: the 2 s refresh only.
        self.live = Live(self) if (in_kernel() if live is None else live) else None

    def close(self) -> None:
        """Stop following other boards and close the widget."""
        live = getattr(self, "live", None)
        if live is not None:
            live.stop()
            self.live = None
        super().close()

    def shown_notes(self) -> set[str]:
        """The ids of the notes this board shows (its cards)."""
        if self._shown[0] is not self.cards:
            self._shown = (self.cards, {c["id"] for c in self.cards})
        return self._shown[1]

    def quietly(self, **parts: Any) -> None:
        """Set state parts without sending them: the browser applies the same change from a
        small ``changes`` message, which is the point (no resend of the whole part)."""
        for name, value in parts.items():
            self._trait_values[name] = value  # traitlets' own store: no change event, no sync

    # -- state ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the round from the store and push whatever changed to the browser."""
        self._push(study_state(self.study, self.round))

    def reload_placements(self) -> None:
        """Re-read only themes and placements: what a board action can change."""
        update = study_placements(self.study, self.round, self.cards)
        update["meta"] = {**self.meta, **update["meta"]}
        self._push(update)

    def _push(self, state: dict[str, Any]) -> None:
        # hold_sync sends the changed parts as one message, so the browser renders once.
        # Each part is a new object: traitlets only syncs on assignment.
        with self.hold_sync():
            for name in ("cards", "people", "themes", "placements", "meta"):
                if name in state and getattr(self, name) != state[name]:
                    setattr(self, name, state[name])

    def state(self) -> dict[str, Any]:
        """The state as last pushed (a copy), as :func:`~synthesis.board.state.board_state`."""
        return {"cards": list(self.cards), "people": dict(self.people),
                "themes": list(self.themes), "placements": dict(self.placements),
                "meta": dict(self.meta)}

    def snapshot(self, title: str | None = None) -> str:
        """This board as one self-contained HTML page (see :mod:`synthesis.board.snapshot`)."""
        return snapshot_html(self.state(), title=title)

    # -- messages -----------------------------------------------------------------------
    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict):
            if self.live is not None:  # a page shows this board: it counts as present
                self.live.viewed()
            self.handle(content)

    def handle(self, msg: dict[str, Any]) -> dict[str, Any]:
        """Answer one message from the browser; send and return the reply.

        ``refresh`` reloads what another board or an import changed; ``source`` replies
        with where a note came from; ``busy`` (the researcher started a drag or is typing a
        search) holds the suggestion work for a moment, as every action does
        (:meth:`~synthesis.board.suggesting.BoardSuggestions.hold`); every other type is an
        action, answered with an ack (see :func:`~synthesis.board.actions.perform`) once
        the store has committed it.

        Examples
        --------
        >>> board = study.board(round="r1")
        >>> board.handle({"type": "move", "id": "r1", "notes": [n1],
        ...               "to": theme["Accountant access"]})
        {'type': 'ack', 'id': 'r1', 'op': 'move', 'ok': True, ...}
        """
        with self.lock:  # the watcher's catch-up waits until the new state is pushed
            return self._handle(msg)

    def _handle(self, msg: dict[str, Any]) -> dict[str, Any]:
        kind = str(msg.get("type", ""))
        if kind == "busy":
            self.suggestions.hold()
            return {"type": "busy"}
        if kind == "refresh":
            seq = int(self.meta.get("seq", 0))
            if self.study.last_event() != seq:
                store = self.study.store
                if store.events_since(seq, besides=BOARD_EVENTS) or touches_notes(
                        store.events_after(seq, limit=200)):
                    self.reload()
                else:
                    self.reload_placements()
            return {"type": "refresh"}
        if kind == "source":
            return self._reply(self._source(str(msg.get("note", "")), msg.get("id")))
        if kind == "transcript":  # the reader panel, opened from a card's source drawer
            return self._reply(self._transcript(str(msg.get("session", "")), msg.get("id")))
        if kind in ("suggest", "similar", "draft"):
            return self._suggestion_message(kind, msg)
        if kind in ("compare", "settle"):
            return self._compare_message(kind, msg)
        self.suggestions.hold()  # the researcher acts: the suggestion work waits a moment
        if self.live is not None:  # act on what the others did first (usually nothing new)
            self.live.catch_up()
        if kind in NOTE_ACTIONS:
            msg = {**msg, "round": self.round}  # a sticky goes into this board's round
        reply = perform(self.study, self.themes, msg)
        # Ack first (the store has committed), then the new state, as the protocol promises.
        self._reply(reply)
        if kind in NOTE_ACTIONS or reply.get("kind") == "note":
            self.reload()  # notes came, went or changed: the cards too, not just placements
        else:
            self.reload_placements()
        if kind == "accept_draft" and reply["ok"]:
            key = str(msg.get("draft", ""))
            if any(d["key"] == key for d in self.suggestions.drafts):
                self._accepted[reply["theme"]] = self.suggestions.draft(key)
            self.suggestions.accepted(key)
            self._reply({"type": "drafts", "drafts": self.suggestions.drafts})
        elif kind in ("undo", "redo") and reply["ok"] and self._accepted:
            self._sync_accepted_drafts()
        if reply.get("ok") and kind == "move" and self.live is not None:
            notes = msg["notes"]
            notes = [notes] if isinstance(notes, str) else [str(n) for n in notes]
            clashing = self.live.moved(self.study.author, notes)
            if clashing:  # someone else moved it a moment ago: say so on this board too
                self.send({"type": "changes", "seq": reply["seq"], "placements": {}, "by": {},
                           "check": sorted(self.live.check & self.shown_notes())})
        return reply

    def _sync_accepted_drafts(self) -> None:
        """An undone accept shows its draft again; a redone one takes it away again."""
        live = {t["id"] for t in self.themes}
        before = [d["key"] for d in self.suggestions.drafts]
        for tid, draft in self._accepted.items():
            if tid in live:
                self.suggestions.accepted(draft["key"])
            else:
                self.suggestions.restore(draft)
        if [d["key"] for d in self.suggestions.drafts] != before:
            self._reply({"type": "drafts", "drafts": self.suggestions.drafts})

    def _suggestion_message(self, kind: str, msg: dict[str, Any]) -> dict[str, Any]:
        """``suggest`` starts the background work (its result comes as a ``suggestions``
        message), ``similar`` asks for notes like one note or theme (answered by a
        ``similar`` message), ``draft`` renames, merges or dismisses drafts (in memory)."""
        request = msg.get("id")
        if kind == "suggest":
            drafts = msg.get("drafts")
            ticket = self.suggestions.request(
                drafts=drafts if drafts == "auto" or drafts is None else int(drafts))
            return {"type": "suggesting", "id": request, "ticket": ticket}
        if kind == "similar":
            target = {k: str(msg[k]) for k in ("note", "theme") if msg.get(k)}

            def answer(result: dict[str, Any]) -> None:
                self._reply({"type": "similar", "id": request, **target, **result})

            self.suggestions.similar(answer, note=target.get("note"), theme=target.get("theme"))
            return {"type": "similar", "id": request, "asked": True}
        op, key = str(msg.get("op", "")), str(msg.get("key", ""))
        try:
            if op == "rename":
                self.suggestions.rename_draft(key, str(msg.get("label", "")))
            elif op == "merge":
                self.suggestions.merge_drafts(key, str(msg.get("into", "")))
            elif op == "dismiss":
                self.suggestions.dismiss_draft(key)
            elif op == "dismiss_all":
                self.suggestions.drafts = []
            else:
                raise StudyError(f"the board does not know the draft action {op!r}.")
        except StudyError as exc:
            return self._reply({"type": "drafts", "id": request, "ok": False,
                                "error": str(exc), "drafts": self.suggestions.drafts})
        return self._reply({"type": "drafts", "id": request, "ok": True,
                            "drafts": self.suggestions.drafts})

    def _compare_message(self, kind: str, msg: dict[str, Any]) -> dict[str, Any]:
        """``compare`` answers with the disagreements of the chosen sorts (compare mode);
        ``settle`` writes one note's consensus placement on the shared board first (one
        undoable event), then answers the same way, so the page shows the progress.

        Examples
        --------
        >>> board = study.board(round="r1")
        >>> reply = board.handle({"type": "compare", "id": "c1"})
        >>> reply["ok"], reply["progress"]
        (True, '0 of 9 disagreements settled')
        >>> first = reply["queue"][0]
        >>> board.handle({"type": "settle", "id": "c2", "sorts": reply["sorts"],
        ...               "note": first["note"], "themes": first["choices"][1]["themes"]}
        ...              )["progress"]
        '1 of 9 disagreements settled'
        """
        request = msg.get("id")
        sorts = [str(s) for s in msg.get("sorts") or []] or None
        extra: dict[str, Any] = {}
        try:
            if kind == "settle":
                if self.live is not None:
                    self.live.catch_up()
                if self.round is None or not sorts:
                    raise StudyError("settle names the round's sorts being compared.")
                extra["seq"] = settle(self.study, self.round, str(msg.get("note", "")),
                                      [str(t) for t in msg.get("themes") or []], sorts)
                self.reload_placements()
            state = compare_state(self.study, self.round, sorts)
        except SynthesisError as exc:
            return self._reply({"type": "compare", "id": request, "ok": False,
                                "error": str(exc)})
        return self._reply({"type": "compare", "id": request, "ok": True, **extra, **state})

    def _suggestions_ready(self, payload: dict[str, Any]) -> None:
        # Called in the worker thread: sending on the comm from there is safe (ipykernel
        # hands messages to its IO thread), and the kernel's own thread stays free.
        if "drafts" in payload:
            self._accepted = {}  # new drafts: an undo no longer brings an old one back
        self.send({"type": "suggestions", **payload})

    def _reply(self, reply: dict[str, Any]) -> dict[str, Any]:
        self.send(reply)
        return reply

    def _transcript(self, session: str, request: Any) -> dict[str, Any]:
        """A session's transcript for the board's reader panel (see :mod:`.transcript`)."""
        return self._answer({"type": "transcript", "id": request, "session": session},
                            lambda: transcript_view(self.study, session))

    def _source(self, note_id: str, request: Any) -> dict[str, Any]:
        """Where a note came from: its participant's attributes and the turns around it."""
        return self._answer({"type": "source", "id": request, "note": note_id},
                            lambda: note_source(self.study, note_id))

    @staticmethod
    def _answer(reply: dict[str, Any], read: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """A reply to a question from the browser: what ``read`` gives, or its one sentence."""
        try:
            reply.update(ok=True, **read())
        except SynthesisError as exc:
            reply.update(ok=False, error=str(exc))
        return reply


def open_board(study: Study, round: str | None = None, **kwargs: Any) -> Board:
    """Open the affinity board on an open study (``study.board(round=...)`` calls this).

    The board takes the study it is given: opening a study from its folder is the facade's
    job (:func:`synthesis.open_study`), so this package never imports it back.

    Examples
    --------
    >>> board = open_study("data/invoicing-onboarding").board(round="r1")  # doctest: +SKIP
    >>> board  # the last expression of a cell shows it  # doctest: +SKIP
    """
    if len(study.rounds()):  # a study with no rounds yet opens any round's board
        study.check_round(round)
    return Board(study, round, **kwargs)
