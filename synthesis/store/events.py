"""The append-only event log, and undo and redo that never jam.

Every change to themes, placements and notes made on the board is written together with
one ``events`` row whose payload lists the rows it changed with their state before and
after, so undo and redo are the same mechanism (write the *before* or the *after* states
back) and the audit trail needs no second bookkeeping.

Undo and redo positions are kept as events are written, in ``undo_stack``: each undoable
event sits on its author's stack and on the team's (``*``) with a state (``done``,
``undone``, ``gone``). Both stacks are per sort (issue 14): a change made on a researcher's
own sort goes on that sort's stacks (:func:`stack_of`), so undo on one board never takes back
a move made on another, and the shared board's stacks keep the names they had before sorts.
Undo takes the newest done event, redo the latest undone one, both through an index, so
they cost the same at 100,000 events as at 1,000. A change someone built on since (a theme
that now holds another researcher's notes) is not undone: the undo is refused with one
sentence naming what blocks it, the event leaves the stack, and the next undo goes on to
the change before it. No database error reaches the caller.

A placement is one (note, theme) pair. Its change is keyed ``[note_id, theme_id]`` with
``None`` (absent) or the row (present) before and after. Studies written before schema 3
logged a note's one placement keyed by the note id alone; :func:`pair_changes` reads those
as the same pairs, so their events stay undoable.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import exc, text

from .connection import now
from .writes import Writes

UNDOABLE = frozenset({"theme", "placement", "note"})
TEAM = "*"  # the stack holding every author's undoable changes


def stack_of(author: str | None, sort: str | None = None) -> str:
    """The undo stack an author's changes on ``sort`` go on (an unnamed author has one too).

    The shared board (``sort`` None) keeps the plain author name, as before sorts existed,
    so no stored stack is renamed. A private sort's stack is prefixed with its sort id
    (``s-`` and hex digits, made by :func:`synthesis.sorts.create_sort`) and a colon;
    ``author`` :data:`TEAM` names the sort's team stack.

    Examples
    --------
    >>> stack_of("ana"), stack_of(None), stack_of("ana", "s-1f2e"), stack_of(TEAM, "s-1f2e")
    ('ana', '', 's-1f2e:ana', 's-1f2e:*')
    """
    return (author or "") if sort is None else f"{sort}:{author or ''}"


class Events(Writes):
    """The event log and undo/redo; mixed into :class:`~synthesis.store.Store`."""

    def log(self, kind: str, author: str | None, summary: str, *, sort: str | None = None,
            **extra: Any) -> int:
        """Append one event holding the changes recorded in this transaction; its seq.

        An undoable event goes on top of its author's and the team's undo stacks of
        ``sort`` (None: the shared board) and clears their redo stacks, as a new change
        does in every editor. A private sort's id is kept in the payload as ``sort``.

        Examples
        --------
        >>> before = store.last_event()
        >>> with store.transaction():
        ...     seq = store.log("theme", "ana", "rename theme 'Bank'", op="rename")
        >>> seq == before + 1, store.undo_state("ana")
        (True, {'can_undo': True, 'can_redo': False})
        """
        payload = {"summary": summary, "changes": self._changes, **extra}
        if sort is not None:
            payload["sort"] = sort
        self._changes = []
        insert = ("INSERT INTO events (at, author, kind, payload) VALUES (:at, :author, "
                  ":kind, :payload) RETURNING seq")
        if self.server:  # one round trip: the row, and its NOTIFY (delivered at commit to
            # every board LISTENing, store/watch.py)
            insert = (f"WITH e AS ({insert}) SELECT seq, pg_notify('synthesis', "
                      "CAST(seq AS TEXT)) FROM e")
        seq = int(self.execute(insert, {"at": now(), "author": author, "kind": kind,
                                        "payload": json.dumps(payload, ensure_ascii=False)}
                               ).scalar_one())
        if kind in UNDOABLE:
            stacks = {"a": stack_of(author, sort), "t": stack_of(TEAM, sort), "seq": seq}
            clear = ("UPDATE undo_stack SET state = 'gone', moved_at = :seq "
                     "WHERE stack IN (:a, :t) AND state = 'undone'")
            push = ("INSERT INTO undo_stack (stack, seq, state, moved_at) VALUES "
                    "(:a, :seq, 'done', :seq), (:t, :seq, 'done', :seq)")
            if self.server:  # PostgreSQL does both in one statement (one round trip)
                self.execute(f"WITH cleared AS ({clear}) {push}", stacks)
            else:
                self.execute(clear, stacks)
                self.execute(push, stacks)
        return seq

    def after_step(self, version: int) -> None:
        """Step 4 -> 5's data: every author's undo/redo stacks, replayed once from the log."""
        if version == 4:
            rebuild_undo_stacks(self)

    def last_event(self) -> int:
        """The newest event's seq (0 in a study with no events)."""
        return int(self.scalar("SELECT COALESCE(MAX(seq), 0) FROM events"))

    def events_since(self, seq: int, *, besides: tuple[str, ...] = ()) -> int:
        """How many events came after ``seq``, leaving out the kinds in ``besides``.

        Examples
        --------
        >>> seq = study.place([n1], theme["Accountant access"])  # a board move
        >>> store.events_since(seq - 1), store.events_since(seq - 1, besides=("placement",))
        (1, 0)
        """
        params: dict[str, Any] = {"seq": seq}
        sql = "SELECT COUNT(*) FROM events WHERE seq > :seq"
        if besides:
            params.update({f"k{i}": k for i, k in enumerate(besides)})
            sql += f" AND kind NOT IN ({', '.join(f':k{i}' for i in range(len(besides)))})"
        return int(self.scalar(sql, params))

    def events_after(self, seq: int, limit: int = 1000) -> list[dict[str, Any]]:
        """Events after ``seq``, oldest first, payload decoded (at most ``limit``).

        Examples
        --------
        >>> seq = study.place([n1], theme["Accountant access"])
        >>> [(e["author"], e["kind"], e["payload"]["notes"] == [n1])
        ...  for e in store.events_after(seq - 1)]
        [('doctest', 'placement', True)]
        """
        return [{"seq": int(r[0]), "author": r[1], "kind": r[2], "payload": json.loads(r[3])}
                for r in self.rows("SELECT seq, author, kind, payload FROM events WHERE "
                                   "seq > :s ORDER BY seq LIMIT :n", {"s": seq, "n": limit})]

    # -- undo / redo --------------------------------------------------------------------
    def _top(self, stack: str, direction: str) -> int | None:
        """The event undo (or redo) on ``stack`` would take next, through the index."""
        if direction == "undo":
            sql = ("SELECT seq FROM undo_stack WHERE stack = :s AND state = 'done' "
                   "ORDER BY seq DESC LIMIT 1")
        else:
            sql = ("SELECT seq FROM undo_stack WHERE stack = :s AND state = 'undone' "
                   "ORDER BY moved_at DESC LIMIT 1")
        found = self.scalar(sql, {"s": stack})
        return None if found is None else int(found)

    def undo_state(self, author: str | None = None, sort: str | None = None
                   ) -> dict[str, bool]:
        """``can_undo`` and ``can_redo`` for ``author`` on ``sort`` in one query (the
        board's buttons; ``sort`` None is the shared board).

        Examples
        --------
        >>> seq = study.place([n1], theme["Accountant access"])  # by the author "doctest"
        >>> store.undo_state("doctest"), store.undo_state("ana")
        ({'can_undo': True, 'can_redo': False}, {'can_undo': False, 'can_redo': False})
        """
        row = self.rows(
            "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM undo_stack WHERE stack = :s AND "
            "state = 'done' LIMIT 1) d), (SELECT COUNT(*) FROM (SELECT 1 FROM undo_stack "
            "WHERE stack = :s AND state = 'undone' LIMIT 1) u)",
            {"s": stack_of(author, sort)})[0]
        return {"can_undo": bool(row[0]), "can_redo": bool(row[1])}

    def can_undo(self, author: str | None = None, *, team: bool = False,
                 sort: str | None = None) -> bool:
        """Whether ``author`` (the whole team with ``team``) has a change to undo on ``sort``."""
        return self._top(stack_of(TEAM if team else author, sort), "undo") is not None

    def can_redo(self, author: str | None = None, *, team: bool = False,
                 sort: str | None = None) -> bool:
        """Whether ``author`` (the whole team with ``team``) has an undone change to redo
        on ``sort``."""
        return self._top(stack_of(TEAM if team else author, sort), "redo") is not None

    def undo(self, author: str | None = None, *, team: bool = False,
             sort: str | None = None) -> dict[str, Any] | None:
        """Undo ``author``'s newest change (the team's with ``team``) made on ``sort`` (None:
        the shared board); None: nothing to undo there.

        The result has ``seq`` (the undo event), ``target`` (the event undone), ``kind``
        (its kind: ``note`` when notes came or went, so a board re-reads its cards),
        ``summary`` and ``skipped`` (rows left as another board set them since). When
        the change cannot be undone, ``refused`` says why in one sentence and ``next``
        names the change the next undo would take.

        Examples
        --------
        >>> seq = study.place([n1], theme["Accountant access"])  # by the author "doctest"
        >>> store.undo("doctest")["summary"], store.undo("ana")
        ("undo place 1 note(s) in 'Accountant access'", None)
        >>> store.themes_of([n1])[n1]
        []
        """
        return self._replay("undo", author, team, sort)

    def redo(self, author: str | None = None, *, team: bool = False,
             sort: str | None = None) -> dict[str, Any] | None:
        """Redo ``author``'s latest undone change on ``sort`` (as :meth:`undo`, the other way)."""
        return self._replay("redo", author, team, sort)

    def _replay(self, direction: str, author: str | None, team: bool,
                sort: str | None) -> dict[str, Any] | None:
        """Write back the before (undo) or after (redo) states of the stack's top event.

        A row someone else changed since is left as they left it, and the skip is
        reported: undo must never silently throw away another board's move.
        """
        stack = stack_of(TEAM if team else author, sort)
        with self.transaction():
            target = self._top(stack, direction)
            if target is None:
                return None
            found = self.row("SELECT author, kind, payload FROM events WHERE seq = :s",
                             {"s": target})
            assert found is not None
            payload = json.loads(found["payload"])
            # the stacks the target is on, named so the updates below use the key's index
            on = {"a": stack_of(found["author"], sort), "t": stack_of(TEAM, sort)}
            changes = pair_changes(payload["changes"])
            if direction == "undo":
                changes = list(reversed(changes))
            frm, to = ("after", "before") if direction == "undo" else ("before", "after")
            blocker, skipped = None, 0
            savepoint = self.conn.begin_nested()
            try:
                for change in changes:
                    if self.get(change["table"], change["key"]) != change[frm]:
                        skipped += 1
                        continue
                    blocker = self._blocker(change, change[to])
                    if blocker:
                        break
                    self.put(change["table"], change["key"], change[to])
            except exc.IntegrityError:
                blocker = "a change made since depends on it"
            if blocker:
                savepoint.rollback()
                self._changes = []
                return self._refuse(direction, author, stack, target, payload, blocker, on,
                                    sort)
            savepoint.commit()
            summary = f"{direction} {payload['summary']}"
            seq = self.log(direction, author, summary, sort=sort, target=target,
                           skipped=skipped, target_kind=found["kind"])
            self.execute("UPDATE undo_stack SET state = :state, moved_at = :seq "
                         "WHERE stack IN (:a, :t) AND seq = :target",
                         {"state": "undone" if direction == "undo" else "done", "seq": seq,
                          "target": target, **on})
            return {"seq": seq, "target": target, "summary": summary, "skipped": skipped,
                    "kind": found["kind"]}

    def _blocker(self, change: dict[str, Any], state: dict[str, Any] | None) -> str | None:
        """What stops writing ``state`` back, in words (None: nothing does)."""
        if change["table"] == "themes" and (state is None or state["status"] != "live"):
            theme_id = change["key"]
            name = (self.get("themes", theme_id) or {}).get("name", theme_id)
            held = [r[0] for r in self.rows(
                "SELECT note_id FROM placements WHERE theme_id = :t ORDER BY note_id",
                {"t": theme_id})]
            if held:
                shown = ", ".join(held[:3]) + (f" and {len(held) - 3} more"
                                               if len(held) > 3 else "")
                return f"theme {name!r} now holds {_count(len(held))} placed since ({shown})"
            child = self.row("SELECT name FROM themes WHERE parent_id = :t AND "
                             "status = 'live' ORDER BY position LIMIT 1", {"t": theme_id})
            if child:
                return f"theme {child['name']!r} is now grouped under {name!r}"
        if change["table"] == "notes" and state is None:  # undoing a new note
            held = self.rows("SELECT t.name FROM placements p JOIN themes t USING (theme_id) "
                             "WHERE p.note_id = :n ORDER BY t.position", {"n": change["key"]})
            if held:
                return (f"note {change['key']!r} has been placed in {held[0][0]!r} since; "
                        "set it aside instead")
        if change["table"] == "placements" and state is not None:
            theme = self.get("themes", state["theme_id"])
            if theme is None or theme["status"] != "live":
                what = repr(theme["name"]) if theme else repr(state["theme_id"])
                return f"theme {what} has been {'removed' if theme is None else theme['status']}"
        return None

    def _refuse(self, direction: str, author: str | None, stack: str, target: int,
                payload: dict[str, Any], blocker: str, on: dict[str, str],
                sort: str | None) -> dict[str, Any]:
        """Log the refusal, take the event off every stack, and name the next one."""
        sentence = f"Cannot {direction} {payload['summary']}: {blocker}."
        seq = self.log("refused", author, sentence, sort=sort, target=target,
                       direction=direction)
        self.execute("UPDATE undo_stack SET state = 'gone', moved_at = :seq "
                     "WHERE stack IN (:a, :t) AND seq = :target",
                     {"seq": seq, "target": target, **on})
        following = self._top(stack, direction)
        nxt = None
        if following is not None:
            nxt = json.loads(self.scalar("SELECT payload FROM events WHERE seq = :s",
                                         {"s": following}))["summary"]
        return {"seq": seq, "target": target, "summary": sentence, "refused": sentence,
                "skipped": 0, "next": nxt}


def rebuild_undo_stacks(store: Events) -> int:
    """Fill ``undo_stack`` by replaying the log once (schema step 4 -> 5); rows written.

    The same transitions :meth:`Events.log` and undo make as events are written: a new
    change goes on its author's and the team's stacks and clears their redo; an undo
    (redo, refusal) moves its target on every stack it is on.
    """
    state: dict[tuple[str, int], list[Any]] = {}
    on: dict[int, list[str]] = {}
    undone: dict[str, set[int]] = {}  # per stack, the events now undone (its redo stack)
    for seq, author, kind, payload in store.rows(
            "SELECT seq, author, kind, payload FROM events WHERE kind IN "
            "('theme', 'placement', 'note', 'undo', 'redo', 'refused') ORDER BY seq"):
        if kind in UNDOABLE:
            sort = json.loads(payload).get("sort")
            on[seq] = [stack_of(author, sort), stack_of(TEAM, sort)]
            for stack in on[seq]:
                for old in undone.pop(stack, set()):
                    state[(stack, old)] = ["gone", seq]
                state[(stack, seq)] = ["done", seq]
            continue
        target = json.loads(payload).get("target")
        wanted = {"undo": "done", "redo": "undone", "refused": None}[kind]
        new = {"undo": "undone", "redo": "done", "refused": "gone"}[kind]
        for stack in on.get(target, []):
            if wanted is None or state[(stack, target)][0] == wanted:
                state[(stack, target)] = [new, seq]
                (undone.setdefault(stack, set()).add if new == "undone"
                 else undone.get(stack, set()).discard)(target)
    rows = [{"s": s, "q": q, "st": v[0], "m": v[1]} for (s, q), v in state.items()]
    if rows:
        store.conn.execute(text("INSERT INTO undo_stack (stack, seq, state, moved_at) "
                                "VALUES (:s, :q, :st, :m)"), rows)
    return len(rows)


def pair_changes(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An event's changes with every placement keyed by its (note, theme) pair.

    Before schema 3 a note had at most one placement, logged keyed by the note id with the
    theme it left (before) and the one it joined (after). That is the same as leaving the
    pair (note, before) and joining the pair (note, after), which is how it is replayed now.

    Examples
    --------
    >>> pair_changes([{"table": "placements", "key": "n1",
    ...                "before": {"note_id": "n1", "theme_id": "t1"},
    ...                "after": {"note_id": "n1", "theme_id": "t2"}}])[1]["key"]
    ['n1', 't2']
    """
    out: list[dict[str, Any]] = []
    for change in changes:
        if change["table"] != "placements" or not isinstance(change["key"], str):
            out.append(change)
            continue
        before, after = change["before"], change["after"]
        if before and after and before["theme_id"] == after["theme_id"]:
            continue
        for row, present_after in ((before, False), (after, True)):
            if row:
                pair = {"note_id": change["key"], "theme_id": row["theme_id"]}
                out.append({"table": "placements", "key": [pair["note_id"], pair["theme_id"]],
                            "before": None if present_after else pair,
                            "after": pair if present_after else None})
    return out


def _count(n: int) -> str:
    return "1 note" if n == 1 else f"{n} notes"

