"""Reading the study: the queries behind ``Study``'s frames, the board and the importers.

Frames come back with the columns the query names; decoding JSON columns and shaping
them for analysis is the caller's (:class:`~synthesis.Study`). Every query is written once
for both backends (``IS NOT DISTINCT FROM`` rather than SQLite's ``IS``, ``"end"`` quoted).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from .connection import in_list
from .events import Events

# A placement counts only in a live theme (not merged, not deleted).
_LIVE = "JOIN themes t ON t.theme_id = p.theme_id AND t.status = 'live'"
# A note counts only while it is not set aside (schema 7): every query that counts notes,
# placements or the people heard reads through this.
_KEPT = "n.set_aside = 0"


def in_sort(sort_id: str | None, alias: str = "t") -> str:
    """The condition "theme ``alias`` belongs to sort ``:sort``" (the shared board: None).

    Its parameter is named ``sort``; pass ``{"sort": sort_id}`` with the query.

    Examples
    --------
    >>> in_sort(None)
    'NOT EXISTS (SELECT 1 FROM sort_themes st WHERE st.theme_id = t.theme_id)'
    >>> in_sort("s-1", "x")
    'EXISTS (SELECT 1 FROM sort_themes st WHERE st.theme_id = x.theme_id AND st.sort_id = :sort)'
    """
    if sort_id is None:
        return f"NOT EXISTS (SELECT 1 FROM sort_themes st WHERE st.theme_id = {alias}.theme_id)"
    return (f"EXISTS (SELECT 1 FROM sort_themes st WHERE st.theme_id = {alias}.theme_id "
            "AND st.sort_id = :sort)")


class Reads(Events):
    """Queries; mixed into :class:`~synthesis.store.Store`."""

    # -- study frames -------------------------------------------------------------------
    def rounds(self) -> pd.DataFrame:
        """Rounds in study order: ``round_id, name, start, end, position``."""
        return self.frame('SELECT round_id, name, start, "end", position FROM rounds '
                          "ORDER BY position, round_id")

    def participants(self, round: str | None = None) -> pd.DataFrame:
        """``participant_id, round_id, name, attributes`` (JSON), of a round or all.

        A round's participants are those assigned to it plus anyone with a note or a
        session in it.
        """
        sql = "SELECT participant_id, round_id, name, attributes FROM participants"
        if round is not None:
            sql += (" WHERE round_id = :r OR participant_id IN (SELECT participant_id FROM "
                    f"notes n WHERE round_id = :r AND {_KEPT}) OR participant_id IN (SELECT "
                    "participant_id FROM sessions WHERE round_id = :r)")
        return self.frame(sql + " ORDER BY participant_id", {"r": round})

    def sessions(self, round: str | None = None) -> pd.DataFrame:
        """Every session's row (JSON columns as text), of a round or all."""
        where = "" if round is None else " WHERE round_id = :r"
        return self.frame(f"SELECT * FROM sessions{where} ORDER BY round_id, date, session_id",
                          {"r": round})

    def utterances(self, session: str | None = None, round: str | None = None
                   ) -> pd.DataFrame:
        """Transcript turns in session order, of one session and/or one round."""
        clauses = [c for c, v in (("u.session_id = :s", session), ("s.round_id = :r", round))
                   if v is not None]
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        return self.frame("SELECT u.* FROM utterances u JOIN sessions s USING (session_id)"
                          f"{where} ORDER BY u.session_id, u.position",
                          {"s": session, "r": round})

    def notes(self, round: str | None = None, *, set_aside: bool = False) -> pd.DataFrame:
        """Notes in import order (``attributes`` as JSON text), of a round or all.

        Notes set aside are left out (they count nowhere); ``set_aside=True`` gives only
        them instead (the board's list to restore from). ``edited_at`` is when a
        researcher last changed the note's text (None: as imported or written).

        Examples
        --------
        >>> seq = study.set_aside([n1])
        >>> n1 in set(store.notes("r1")["note_id"])
        False
        >>> store.notes("r1", set_aside=True)["note_id"].tolist() == [n1]
        True
        """
        where = f" WHERE n.set_aside = {1 if set_aside else 0}"
        if round is not None:
            where += " AND n.round_id = :r"
        return self.frame(
            "SELECT n.note_id, n.round_id, n.participant_id, n.session_id, n.utterance_id,"
            " n.text, n.kind, n.source, n.source_ref, n.start_char, n.end_char, n.author,"
            " n.source_note_id, n.attributes, n.created_at, n.edited_at, n.end_utterance_id"
            f" FROM notes n{where} ORDER BY n.rowid", {"r": round})

    def note_themes(self, round: str | None = None, sort: str | None = None
                    ) -> list[tuple[str, str, str]]:
        """(note id, theme id, theme name) of every placement in a live theme of ``sort``
        (the shared board: None) of a note not set aside, board order."""
        where = f" WHERE {in_sort(sort)} AND {_KEPT}"
        if round is not None:
            where += " AND n.round_id = :r"
        return [tuple(r) for r in self.rows(
            "SELECT p.note_id, p.theme_id, t.name FROM placements p " + _LIVE +
            " JOIN notes n ON n.note_id = p.note_id" + where +
            " ORDER BY t.position, t.name, t.theme_id", {"r": round, "sort": sort})]

    def themes(self, include_removed: bool = False, sort: str | None = None) -> pd.DataFrame:
        """Themes of ``sort`` (the shared board: None) in board order with their note and
        distinct-participant counts."""
        where = f"WHERE {in_sort(sort)}" + ("" if include_removed else " AND t.status = 'live'")
        return self.frame(
            "SELECT t.theme_id, t.name, t.description, t.colour, t.parent_id, t.position,"
            # the joins as before set-aside existed, counting only notes kept: a nested
            # join ((placements JOIN notes) ON ...) read three times slower on SQLite
            f" t.status, t.merged_into, COUNT(CASE WHEN {_KEPT} THEN p.note_id END) AS notes,"
            f" COUNT(DISTINCT CASE WHEN {_KEPT} THEN n.participant_id END) AS participants"
            " FROM themes t LEFT JOIN placements p ON p.theme_id = t.theme_id"
            f" LEFT JOIN notes n ON n.note_id = p.note_id {where}"
            " GROUP BY t.theme_id ORDER BY t.position, t.name", {"sort": sort})

    def placements(self, sort: str | None = None) -> pd.DataFrame:
        """Every placement of ``sort`` (the shared board: None) of a note not set aside: one
        ``note_id, theme_id`` row per note and theme."""
        return self.frame("SELECT p.note_id, p.theme_id FROM placements p JOIN themes t "
                          f"USING (theme_id) JOIN notes n ON n.note_id = p.note_id AND {_KEPT} "
                          f"WHERE {in_sort(sort)} ORDER BY p.note_id, p.theme_id", {"sort": sort})

    def guide(self) -> pd.DataFrame:
        """The interview guide's questions in order."""
        return self.frame("SELECT * FROM guide_questions ORDER BY position")

    def events(self, since: int = 0) -> pd.DataFrame:
        """The event log after ``since`` (payload as JSON text), oldest first."""
        return self.frame("SELECT seq, at, author, kind, payload FROM events "
                          "WHERE seq > :s ORDER BY seq", {"s": since})

    # -- ids (importers check against these) --------------------------------------------
    def note_ids(self) -> set[str]:
        """Every note id in the study."""
        return {r[0] for r in self.rows("SELECT note_id FROM notes")}

    def participant_ids(self) -> set[str]:
        """Every participant id in the study."""
        return {r[0] for r in self.rows("SELECT participant_id FROM participants")}

    def live_theme_ids(self, sort: str | None = None) -> list[str]:
        """Live theme ids of ``sort`` (the shared board: None) in board order."""
        return [r[0] for r in self.rows(
            f"SELECT theme_id FROM themes t WHERE status = 'live' AND {in_sort(sort)} "
            "ORDER BY position, name", {"sort": sort})]

    def session_source(self, session_id: str) -> str | bool | None:
        """The file a session was imported from; False when there is no such session."""
        row = self.row("SELECT source FROM sessions WHERE session_id = :s", {"s": session_id})
        return False if row is None else row["source"]

    def participant(self, participant_id: str) -> dict[str, Any] | None:
        """One participant's ``attributes`` (JSON), ``name`` and ``round_id``, or None."""
        return self.row("SELECT attributes, name, round_id FROM participants "
                        "WHERE participant_id = :p", {"p": participant_id})

    # -- sorting ------------------------------------------------------------------------
    def notes_in(self, theme_id: str) -> list[str]:
        """The ids of the notes in a theme, sorted."""
        return [r[0] for r in self.rows(
            "SELECT note_id FROM placements WHERE theme_id = :t ORDER BY note_id",
            {"t": theme_id})]

    def live_children(self, theme_id: str) -> list[str]:
        """The live themes grouped under a theme."""
        return [r[0] for r in self.rows(
            "SELECT theme_id FROM themes WHERE parent_id = :t AND status = 'live'",
            {"t": theme_id})]

    def themes_of(self, note_ids: Sequence[str], sort: str | None = None
                  ) -> dict[str, list[str]]:
        """Each note's themes in ``sort`` (the shared board: None) (ids, board order);
        unsorted notes map to ``[]``.

        Examples
        --------
        >>> seq = study.place([n1], theme["Accountant access"])
        >>> store.themes_of([n1, n2]) == {n1: [theme["Accountant access"]], n2: []}
        True
        """
        out: dict[str, list[str]] = {n: [] for n in note_ids}
        ids = list(out)
        for start in range(0, len(ids), 500):  # SQLite's bound-parameter limit
            marks, params = in_list("n", ids[start:start + 500])
            for nid, tid in self.rows(
                    "SELECT p.note_id, p.theme_id FROM placements p JOIN themes t USING "
                    f"(theme_id) WHERE p.note_id IN ({marks}) AND {in_sort(sort)} "
                    "ORDER BY t.position, t.name, t.theme_id", {**params, "sort": sort}):
                out[nid].append(tid)
        return out

    # -- the board ----------------------------------------------------------------------
    def round_placements(self, round: str | None = None, sort: str | None = None
                         ) -> list[tuple[str, str]]:
        """(note id, theme id) pairs of a round's notes (of the study when None) in the
        themes of ``sort`` (the shared board: None).

        Plain rows, not a frame: the board re-reads them after every move, and at
        thousands of notes a frame costs several times more than the query.

        Examples
        --------
        >>> seq = study.place([n1], theme["Accountant access"])
        >>> (n1, theme["Accountant access"]) in store.round_placements("r1")
        True
        """
        sql = ("SELECT p.note_id, p.theme_id FROM placements p JOIN notes n USING (note_id) "
               f"JOIN themes t ON t.theme_id = p.theme_id WHERE {in_sort(sort)} AND {_KEPT}")
        if round is not None:
            sql += " AND n.round_id = :r"
        return [(str(n), str(t)) for n, t in self.rows(sql, {"r": round, "sort": sort})]

    def voices(self) -> pd.DataFrame:
        """Distinct ``round_id, participant_id`` pairs with a session or a note (the raw
        material of :func:`synthesis.membership.heard_pairs`, without the rule itself).

        Examples
        --------
        >>> len(store.voices()), sorted(store.voices()["round_id"].unique())
        (28, ['r1', 'r2', 'r3'])
        """
        return self.frame("SELECT round_id, participant_id FROM sessions"
                          " WHERE participant_id IS NOT NULL AND round_id IS NOT NULL"
                          " UNION SELECT round_id, participant_id FROM notes n"
                          f" WHERE participant_id IS NOT NULL AND round_id IS NOT NULL"
                          f" AND {_KEPT}")

    def note(self, note_id: str) -> dict[str, Any] | None:
        """One note's row (None when there is no such note)."""
        return self.row(
            "SELECT note_id, text, participant_id, session_id, utterance_id, kind, source, "
            "source_ref, start_char, end_char, set_aside, edited_at, end_utterance_id FROM notes "
            "WHERE note_id = :n", {"n": note_id})

    def utterance(self, utterance_id: int) -> dict[str, Any] | None:
        """One transcript turn with its session's round and participant (None: no such turn).

        Examples
        --------
        >>> turn = store.utterance(4)
        >>> turn["session_id"], turn["role"], turn["round_id"], turn["participant_id"]
        ('p01-2026-03-03', 'participant', 'r1', 'P01')
        """
        return self.row(
            "SELECT u.utterance_id, u.session_id, u.position, u.speaker, u.role, u.start_s, "
            "u.text, s.round_id, s.participant_id, s.source FROM utterances u "
            "JOIN sessions s USING (session_id) WHERE u.utterance_id = :u", {"u": utterance_id})

    def session_row(self, session_id: str) -> dict[str, Any] | None:
        """A session's ``round_id`` and ``participant_id`` (None: no such session)."""
        return self.row("SELECT session_id, round_id, participant_id, source FROM sessions "
                        "WHERE session_id = :s", {"s": session_id})

    def turn_position(self, utterance_id: int) -> int | None:
        """Where a transcript turn sits in its session (None when it is gone)."""
        found = self.scalar("SELECT position FROM utterances WHERE utterance_id = :u",
                            {"u": utterance_id})
        return None if found is None else int(found)

    def turns(self, session_id: str, first: int, last: int) -> list[dict[str, Any]]:
        """The turns of a session from position ``first`` to ``last`` (inclusive), in order."""
        return [dict(r._mapping) for r in self.rows(
            "SELECT position, speaker, role, start_s, text FROM utterances "
            "WHERE session_id = :s AND position BETWEEN :a AND :b ORDER BY position",
            {"s": session_id, "a": first, "b": last})]
