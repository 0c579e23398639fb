"""Researchers' own sorts of a round: the rows that say which themes belong to which sort.

The shared board is every theme with no ``sort_themes`` row; a private sort's themes have
one naming the sort. :func:`~synthesis.store.reads.in_sort` is the one SQL condition that
says so: every query that reads themes or placements (here and in
:mod:`~synthesis.store.reads`) filters through it, so a study with no private sorts reads
exactly as before, and the board's counts, frames and reports never see a private sort.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pandas as pd

from .connection import in_list, now
from .reads import Reads, in_sort


class SortRows(Reads):
    """The sorts of each round; mixed into :class:`~synthesis.store.Store`."""

    def sorts(self, round: str | None = None) -> pd.DataFrame:
        """The private sorts (of a round, or all): ``sort_id, round_id, name, author,
        created_at, copied_from``, oldest first.

        Examples
        --------
        >>> store.sorts().columns.tolist()
        ['sort_id', 'round_id', 'name', 'author', 'created_at', 'copied_from']
        """
        where = "" if round is None else " WHERE round_id = :r"
        return self.frame("SELECT sort_id, round_id, name, author, created_at, copied_from "
                          f"FROM sorts{where} ORDER BY created_at, name", {"r": round})

    def sort_id(self, round: str, name: str) -> str | None:
        """The id of the sort of ``round`` named ``name`` (None: there is none)."""
        found = self.scalar("SELECT sort_id FROM sorts WHERE round_id = :r AND name = :n",
                            {"r": round, "n": name})
        return None if found is None else str(found)

    def add_sort(self, sort_id: str, round: str, name: str, author: str | None,
                 copied_from: str | None = None) -> None:
        """Write a new sort's row (inside the transaction that logs its creation)."""
        assert self._depth, "a sort is added inside a transaction"
        self.execute("INSERT INTO sorts (sort_id, round_id, name, author, created_at, "
                     "copied_from) VALUES (:s, :r, :n, :a, :at, :c)",
                     {"s": sort_id, "r": round, "n": name, "a": author, "at": now(),
                      "c": copied_from})

    def tie_theme(self, theme_id: str, sort_id: str) -> None:
        """Make a theme one of a sort's (written once, when the theme is created)."""
        self.execute("INSERT INTO sort_themes (theme_id, sort_id) VALUES (:t, :s)",
                     {"t": theme_id, "s": sort_id})

    def theme_sort(self, theme_id: str) -> str | None:
        """The sort a theme belongs to (None: the shared board).

        Examples
        --------
        >>> store.theme_sort(theme["Accountant access"]) is None
        True
        """
        found = self.scalar("SELECT sort_id FROM sort_themes WHERE theme_id = :t",
                            {"t": theme_id})
        return None if found is None else str(found)

    def notes_outside(self, note_ids: Sequence[str], round: str) -> list[str]:
        """Those of ``note_ids`` that are not notes of ``round``, in the order given."""
        inside: set[str] = set()
        for start in range(0, len(note_ids), 500):  # SQLite's bound-parameter limit
            marks, params = in_list("n", note_ids[start:start + 500])
            inside |= {r[0] for r in self.rows(
                f"SELECT note_id FROM notes WHERE round_id = :r AND note_id IN ({marks})",
                {**params, "r": round})}
        return [n for n in note_ids if n not in inside]

    def note_refs(self) -> list[tuple[str, str | None, str | None]]:
        """Every note's (note id, the id its source gave it, round): what a placements file
        may refer to a note by."""
        return [(str(n), s, r) for n, s, r in self.rows(
            "SELECT note_id, source_note_id, round_id FROM notes ORDER BY rowid")]

    def sort_placements(self, round: str, sort_id: str | None) -> pd.DataFrame:
        """One sort's placements of a round's notes: ``note_id, theme_id, theme``.

        A private sort's live theme that holds none of the notes is one row with
        ``note_id`` missing (a theme its researcher made and left empty still counts as
        a theme); the shared board's themes are the study's, so only those holding a note
        of the round are listed.

        Examples
        --------
        >>> board = store.sort_placements("r1", None)
        >>> len(board), board["note_id"].nunique()
        (41, 41)
        """
        if sort_id is None:
            return self.frame(
                "SELECT p.note_id, t.theme_id, t.name AS theme FROM placements p"
                " JOIN themes t ON t.theme_id = p.theme_id AND t.status = 'live'"
                f" JOIN notes n ON n.note_id = p.note_id WHERE n.round_id = :r AND "
                f"{in_sort(None)} ORDER BY t.position, t.name, n.rowid",
                {"r": round, "sort": None})
        return self.frame(
            "SELECT n.note_id, t.theme_id, t.name AS theme FROM themes t"
            " LEFT JOIN placements p ON p.theme_id = t.theme_id"
            " LEFT JOIN notes n ON n.note_id = p.note_id AND n.round_id = :r"
            f" WHERE t.status = 'live' AND {in_sort(sort_id)}"
            " AND (p.note_id IS NULL OR n.note_id IS NOT NULL)"
            " ORDER BY t.position, t.name, n.rowid", {"r": round, "sort": sort_id})

    def sort_copy_source(self, round: str, sort_id: str | None) -> tuple[
            list[dict[str, Any]], list[tuple[str, str]]]:
        """What a copy of a sort takes: its live themes that hold a note of ``round`` (and
        the themes they are grouped under), board order, and the placements of those notes.
        """
        placed = self.rows(
            "SELECT p.note_id, p.theme_id FROM placements p JOIN themes t USING (theme_id)"
            " JOIN notes n USING (note_id) WHERE n.round_id = :r AND t.status = 'live' AND "
            f"{in_sort(sort_id)} ORDER BY n.rowid, t.position", {"r": round, "sort": sort_id})
        pairs = [(str(n), str(t)) for n, t in placed]
        themes = [dict(r._mapping) for r in self.rows(
            "SELECT theme_id, name, description, colour, parent_id, position FROM themes t "
            f"WHERE t.status = 'live' AND {in_sort(sort_id)} ORDER BY t.position, t.name",
            {"sort": sort_id})]
        wanted = {t for _, t in pairs}
        by_id = {t["theme_id"]: t for t in themes}
        for tid in list(wanted):  # keep the groups the copied themes sit in
            parent = by_id.get(tid, {}).get("parent_id")
            while isinstance(parent, str) and parent in by_id and parent not in wanted:
                wanted.add(parent)
                parent = by_id[parent]["parent_id"]
        return [t for t in themes if t["theme_id"] in wanted], pairs

    def settlements(self, compare: str) -> dict[str, tuple[str, ...]]:
        """The notes settled in one comparison (``compare`` names the round and sorts) and
        the themes chosen for each, newest first wins; an undone settlement does not count.

        A settlement is a placement event (``op`` "settle") on the team's undo stack: while
        it is done, the note is settled.
        """
        out: dict[str, tuple[str, ...]] = {}
        for payload, in self.rows(
                "SELECT e.payload FROM events e JOIN undo_stack u ON u.seq = e.seq AND "
                "u.stack = '*' AND u.state = 'done' WHERE e.kind = 'placement' AND "
                "e.payload LIKE :like ORDER BY e.seq", {"like": '%"op": "settle"%'}):
            event = json.loads(payload)
            if event.get("compare") == compare:
                out[str(event["notes"][0])] = tuple(event.get("consensus", ()))
        return out
