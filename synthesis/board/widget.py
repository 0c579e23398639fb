"""The affinity board widget: the browser asks, the study store decides, then the screen says so.

Every action in the browser (drop a card, rename a theme, undo...) arrives as one custom
message. :meth:`Board.handle` applies it through the :class:`~synthesis.Study` API (one store
transaction and one event each), replies with an *ack* naming the request, and only then
pushes the new state. The browser keeps a moved card marked "saving" until that ack arrives,
so "saved" on screen always means "committed to study.db".

Two boards on one study (two notebooks, two kernels) stay in step because each browser asks
for a ``refresh`` every couple of seconds: the board compares ``study.last_event()`` with
the event it last showed and reloads when another board wrote. Each move writes only the
moved notes' placements, so nothing another board did is overwritten.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from ..errors import SynthesisError
from .state import UNSORTED, placement_state, study_state

_HERE = Path(__file__).parent
NEW_THEME_NAME = "New theme"


class Board(anywidget.AnyWidget):
    """An affinity board on one round of a study (all rounds when ``round`` is None).

    Examples
    --------
    >>> from synthesis import open_study
    >>> board = Board(open_study("data/invoicing-onboarding"), round="r1")  # doctest: +SKIP
    >>> board  # in a notebook cell, shows the board  # doctest: +SKIP
    """

    _esm = _HERE / "board.js"
    _css = _HERE / "board.css"

    # The state is split in parts (see synthesis.board.state) so a move resends the small
    # parts (themes, placements, meta) and never the notes' text.
    cards = traitlets.List().tag(sync=True)
    people = traitlets.Dict().tag(sync=True)
    themes = traitlets.List().tag(sync=True)
    placements = traitlets.Dict().tag(sync=True)
    meta = traitlets.Dict().tag(sync=True)
    colour_by = traitlets.Unicode("").tag(sync=True)
    poll_ms = traitlets.Int(2000).tag(sync=True)

    def __init__(self, study: Any, round: str | None = None, *, colour_by: str | None = None,
                 poll_ms: int = 2000, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.study = study
        self.round = round
        self.sent: list[dict[str, Any]] = []  # the last replies, newest last (for tests)
        self.poll_ms = int(poll_ms)
        self.reload()
        attributes = self.meta.get("attributes", [])
        if colour_by is None:
            colour_by = "segment" if "segment" in attributes else "participant"
        self.colour_by = colour_by
        self.on_msg(self._on_msg)

    # -- state ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the round from the store and push whatever changed to the browser."""
        state = study_state(self.study, self.round)
        self._push(state)

    def reload_placements(self) -> None:
        """Re-read only themes and placements: what a board action can change.

        About 10x cheaper than :meth:`reload` at 5,000 notes (no note text is read, compared
        or resent), which keeps the browser's "saved" close to the drop.
        """
        sql = ("SELECT p.note_id, p.theme_id FROM placements p JOIN notes n USING (note_id)"
               + (" WHERE n.round_id = ?" if self.round is not None else ""))
        rows = self.study.store.conn.execute(sql, [] if self.round is None else [self.round])
        themes, placements = placement_state(self.cards, self.study.themes(), rows)
        store = self.study.store
        meta = {**self.meta, "seq": self.study.last_event(),
                "can_undo": store.can_undo(self.study.author),
                "can_redo": store.can_redo(self.study.author)}
        self._push({"themes": themes, "placements": placements, "meta": meta})

    def _push(self, state: dict[str, Any]) -> None:
        # hold_sync sends the changed parts as one message, so the browser renders once.
        # Each part is a new object: traitlets only syncs on assignment.
        with self.hold_sync():
            for name in ("cards", "people", "themes", "placements", "meta"):
                if name in state and getattr(self, name) != state[name]:
                    setattr(self, name, state[name])

    def _notes_changed_since(self, seq: int) -> bool:
        """Did anything but theme and placement work happen (an import) since ``seq``?"""
        row = self.study.store.one(
            "SELECT COUNT(*) FROM events WHERE seq > ? AND kind NOT IN "
            "('theme', 'placement', 'undo', 'redo')", (seq,))
        return bool(row[0])

    def state(self) -> dict[str, Any]:
        """The state as last pushed (a copy), as :func:`~synthesis.board.state.board_state`."""
        return {"cards": list(self.cards), "people": dict(self.people),
                "themes": list(self.themes), "placements": dict(self.placements),
                "meta": dict(self.meta)}

    def snapshot(self, title: str | None = None) -> str:
        """This board as one self-contained HTML page (see :mod:`synthesis.board.snapshot`)."""
        from .snapshot import snapshot_html

        return snapshot_html(self.state(), title=title)

    # -- messages -----------------------------------------------------------------------
    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict):
            self.handle(content)

    def handle(self, msg: dict[str, Any]) -> dict[str, Any]:
        """Apply one message from the browser; send and return the reply.

        The reply is ``{"type": "ack", "id": ..., "ok": True/False, "summary": ...}`` (or
        ``{"type": "source", ...}`` for a card's origin). A refused action (a theme another
        board just deleted, an empty name) is an ``ok: False`` reply with one sentence, never
        an exception: the browser puts the card back and shows the sentence.

        Examples
        --------
        >>> board.handle({"type": "move", "id": "r1", "notes": ["n-1"], "to": "t-7"})
        ... # doctest: +SKIP
        {'type': 'ack', 'id': 'r1', 'ok': True, 'op': 'move', 'seq': 42, ...}
        """
        kind = str(msg.get("type", ""))
        started = time.perf_counter()
        if kind == "refresh":
            seq = int(self.meta.get("seq", 0))
            if self.study.last_event() != seq:
                if self._notes_changed_since(seq):
                    self.reload()
                else:
                    self.reload_placements()
            return {"type": "refresh"}
        if kind == "source":
            return self._reply(self._source(str(msg.get("note", "")), msg.get("id")))
        action = _ACTIONS.get(kind)
        reply: dict[str, Any] = {"type": "ack", "id": msg.get("id"), "op": kind}
        if action is None:
            reply.update(ok=False, error=f"the board does not know the action {kind!r}.")
            return self._reply(reply)
        try:
            result = action(self, msg) or {}
        except SynthesisError as exc:
            reply.update(ok=False, error=str(exc))
        except (KeyError, TypeError, ValueError) as exc:  # a malformed message, not a user slip
            reply.update(ok=False, error=f"the board sent a malformed {kind!r} message ({exc}).")
        else:
            reply.update(ok=True, **result)
        # Wall-clock time of the commit (ms since the epoch): the page stamps its drop with
        # the same clock, so drop -> committed can be measured across the two processes.
        reply["committed_at"] = time.time() * 1000
        reply["seq"] = self.study.last_event()
        reply["ms"] = round((time.perf_counter() - started) * 1000, 2)  # receipt -> commit
        # Ack first (the store has committed), then the new state, as the protocol promises.
        self._reply(reply)
        self.reload_placements()
        return reply

    def _reply(self, reply: dict[str, Any]) -> dict[str, Any]:
        self.sent = [*self.sent[-49:], reply]
        self.send(reply)
        return reply

    # -- actions (each one Study call: one transaction, one event) ----------------------
    def _move(self, msg: dict[str, Any]) -> dict[str, Any]:
        """A drop: ``to`` a theme or unsorted, ``from`` the column each card left.

        ``from`` is one column for every note, or a mapping note id -> column (cards
        selected in different columns). A note leaves its ``from`` theme only and keeps its
        others; from the unsorted pile it leaves nothing. To unsorted: out of its ``from``
        theme alone. ``add`` (Alt/Option-drag, the A key) leaves nothing. Without ``from``
        a move takes the notes out of every theme, as when a note had one.
        """
        notes = _ids(msg["notes"])
        target = str(msg["to"])
        add = bool(msg.get("add"))
        sources = _sources(msg.get("from"), notes)
        # Compare with the store, not with the state last shown: another board may have
        # moved these notes since, and the researcher's drop must still win for them.
        current = self._placed(notes)
        if target == UNSORTED:
            return self._to_unsorted(notes, sources, current)
        if add:
            notes = [n for n in notes if target not in current[n]]
            if not notes:
                return {"summary": "Nothing to add.", "notes": []}
            self.study.add_to_theme(notes, target)
            return {"summary": f"Added {_count(notes)} to {self._name(target)}.",
                    "notes": notes, "theme": target, "add": True}
        moving = [n for n in notes if _changes(current[n], sources[n], target)]
        if not moving:
            return {"summary": "Nothing to move.", "notes": []}
        leave = {n: sources[n] for n in moving}
        themes = set(leave.values())
        if themes == {None}:
            self.study.place(moving, target)
        elif len(themes) == 1 and UNSORTED not in themes:
            self.study.place(moving, target, from_theme=leave[moving[0]])
        else:  # from the pile (nothing to leave: a theme another board gave it stays), mixed
            self.study.place(moving, target, from_theme={
                n: None if t in (None, UNSORTED) else t for n, t in leave.items()})
        return {"summary": f"Moved {_count(moving)} to {self._name(target)}.",
                "notes": moving, "theme": target}

    def _to_unsorted(self, notes: list[str], sources: dict[str, str | None],
                     current: dict[str, set[str]]) -> dict[str, Any]:
        """Out of the theme each card came from (every theme when it does not say)."""
        everywhere = [n for n in notes if sources[n] is None and current[n]]
        by_theme: dict[str, list[str]] = {}
        for n in notes:
            if sources[n] not in (None, UNSORTED) and sources[n] in current[n]:
                by_theme.setdefault(str(sources[n]), []).append(n)
        moved = everywhere + [n for group in by_theme.values() for n in group]
        if not moved:
            return {"summary": "Nothing to move.", "notes": []}
        if everywhere:
            self.study.unplace(everywhere)
        # Cards selected in several columns: one change per column they leave.
        for theme, group in by_theme.items():
            self.study.remove_from_theme(group, theme)
        if not everywhere and len(by_theme) == 1:
            (theme,) = by_theme
            return {"summary": f"Took {_count(moved)} out of {self._name(theme)}.",
                    "notes": moved, "theme": None, "from": theme}
        return {"summary": f"Moved {_count(moved)} to unsorted.", "notes": moved,
                "theme": None}

    def _new_theme(self, msg: dict[str, Any]) -> dict[str, Any]:
        """A new theme holding the dropped notes; each leaves its ``from`` theme, if any."""
        notes = _ids(msg.get("notes", []))
        name = str(msg.get("name") or "") or self._free_name()
        sources = _sources(None if msg.get("add") else msg.get("from"), notes)
        leave = {n: None if t in (None, UNSORTED) else t for n, t in sources.items()}
        tid = self.study.create_theme(name, notes=notes, from_theme=leave)
        return {"summary": f"Created theme {name!r} with {_count(notes)}.", "theme": tid,
                "notes": notes}

    def _rename(self, msg: dict[str, Any]) -> dict[str, Any]:
        self.study.rename_theme(str(msg["theme"]), str(msg["name"]))
        return {"summary": "Renamed the theme.", "theme": str(msg["theme"])}

    def _describe(self, msg: dict[str, Any]) -> dict[str, Any]:
        self.study.describe_theme(str(msg["theme"]), str(msg.get("text", "")))
        return {"summary": "Saved the description.", "theme": str(msg["theme"])}

    def _recolour(self, msg: dict[str, Any]) -> dict[str, Any]:
        colour = msg.get("colour") or None
        self.study.recolour_theme(str(msg["theme"]), colour)
        return {"summary": "Recoloured the theme.", "theme": str(msg["theme"])}

    def _merge(self, msg: dict[str, Any]) -> dict[str, Any]:
        source, target = str(msg["source"]), str(msg["target"])
        names = self._name(source), self._name(target)
        self.study.merge_themes(source, target)
        return {"summary": f"Merged {names[0]} into {names[1]}.", "theme": target}

    def _delete(self, msg: dict[str, Any]) -> dict[str, Any]:
        name = self._name(str(msg["theme"]))
        self.study.delete_theme(str(msg["theme"]))
        return {"summary": f"Deleted {name}; its notes in no other theme are back in "
                           "unsorted."}

    def _reorder(self, msg: dict[str, Any]) -> dict[str, Any]:
        self.study.reorder_themes(_ids(msg["themes"]))
        return {"summary": "Reordered the themes."}

    def _group(self, msg: dict[str, Any]) -> dict[str, Any]:
        parent = msg.get("parent") or None
        self.study.set_parent(str(msg["theme"]), None if parent is None else str(parent))
        what = f"under {self._name(str(parent))}" if parent else "out of its group"
        return {"summary": f"Moved {self._name(str(msg['theme']))} {what}.",
                "theme": str(msg["theme"])}

    def _undo(self, _msg: dict[str, Any]) -> dict[str, Any]:
        done = self.study.undo(mine_only=True)
        return _undo_summary("Undid", "undo", done)

    def _redo(self, _msg: dict[str, Any]) -> dict[str, Any]:
        done = self.study.redo(mine_only=True)
        return _undo_summary("Redid", "redo", done)

    # -- helpers ------------------------------------------------------------------------
    def _name(self, theme_id: str) -> str:
        for theme in self.themes:
            if theme["id"] == theme_id:
                return repr(theme["name"])
        return repr(theme_id)

    def _placed(self, notes: list[str]) -> dict[str, set[str]]:
        """Each note's themes as the store holds them now."""
        return {n: set(t) for n, t in self.study.themes_of(notes).items()}

    def _free_name(self) -> str:
        """"New theme", or "New theme 2"... so two fresh themes are told apart on screen."""
        taken = {t["name"] for t in self.themes}
        name, i = NEW_THEME_NAME, 1
        while name in taken:
            i += 1
            name = f"{NEW_THEME_NAME} {i}"
        return name

    def _source(self, note_id: str, request: Any) -> dict[str, Any]:
        """Where a note came from: its participant's attributes and the turns around it."""
        from .source import note_source

        reply = {"type": "source", "id": request, "note": note_id}
        try:
            reply.update(ok=True, **note_source(self.study, note_id))
        except SynthesisError as exc:
            reply.update(ok=False, error=str(exc))
        return reply


_ACTIONS = {
    "move": Board._move, "new_theme": Board._new_theme, "rename": Board._rename,
    "describe": Board._describe, "recolour": Board._recolour, "merge": Board._merge,
    "delete": Board._delete, "reorder": Board._reorder, "group": Board._group,
    "undo": Board._undo, "redo": Board._redo,
}


def _ids(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _sources(value: Any, notes: list[str]) -> dict[str, str | None]:
    """The column each note left: a theme id, ``unsorted``, or None (not said)."""
    if isinstance(value, dict):
        return {n: str(value.get(n) or UNSORTED) for n in notes}
    return {n: None if value in (None, "") else str(value) for n in notes}


def _changes(themes: set[str], source: str | None, target: str) -> bool:
    """Would moving a note in ``themes`` from ``source`` to ``target`` change anything?"""
    if source is None:
        return themes != {target}
    if source == target:
        return False
    return target not in themes or source in themes


def _count(notes: list[str]) -> str:
    return "1 note" if len(notes) == 1 else f"{len(notes)} notes"


def _undo_summary(verb: str, noun: str, done: dict[str, Any] | None) -> dict[str, Any]:
    if done is None:
        return {"summary": f"Nothing to {noun}.", "done": False}
    what = done["summary"].split(" ", 1)[1] if " " in done["summary"] else done["summary"]
    text = f"{verb}: {what}."
    if done.get("skipped"):
        text += (f" {done['skipped']} change(s) were left as another board set them.")
    return {"summary": text, "done": True, "target": done["target"]}


def open_board(study: Any, round: str | None = None, **kwargs: Any) -> Board:
    """Open the affinity board on a study (a :class:`~synthesis.Study` or its folder).

    Examples
    --------
    >>> board = open_board("data/invoicing-onboarding", round="r1")  # doctest: +SKIP
    >>> board  # the last expression of a cell shows it  # doctest: +SKIP
    """
    if isinstance(study, (str, Path)):
        from ..study import open_study

        study = open_study(study, author=kwargs.pop("author", None))
    else:
        kwargs.pop("author", None)
    if round is not None:
        known = set(study.rounds()["round_id"])
        if known and round not in known:
            from ..errors import StudyError

            raise StudyError(f"round {round!r} is not in this study (rounds: "
                             f"{', '.join(sorted(known))}).")
    return Board(study, round, **kwargs)
