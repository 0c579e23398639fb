"""Bulk writes of an import: participants, sessions and turns, notes, placements, the guide.

Rows go in with the driver's own ``executemany`` inside the import's one transaction (a
100,000-note file is one statement per table, not 100,000): that is what keeps an import
within a few times the cost of reading the file. SQLAlchemy's per-row bookkeeping would
cost more than the inserts. The SQL here is the only SQL that differs by backend in
placeholders (``?`` for SQLite, ``%s`` for psycopg) and in unpacking a list of ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .reads import Reads


class Bulk(Reads):
    """Import writes; mixed into :class:`~synthesis.store.Store`."""

    def _mark(self) -> str:
        return "?" if self.dialect == "sqlite" else "%s"

    def _many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        cursor = self.driver().cursor()
        try:
            cursor.executemany(sql.replace("?", self._mark()), rows)
        finally:
            cursor.close()

    def write_participant(self, row: Mapping[str, Any]) -> None:
        """Add a participant or replace its row (``participant_id, round_id, name,
        attributes`` as JSON text)."""
        self.execute("INSERT INTO participants (participant_id, round_id, name, attributes) "
                     "VALUES (:participant_id, :round_id, :name, :attributes) "
                     "ON CONFLICT (participant_id) DO UPDATE SET round_id = excluded.round_id,"
                     " name = excluded.name, attributes = excluded.attributes", row)

    def write_session(self, row: Mapping[str, Any], turns: Sequence[Sequence[Any]]) -> None:
        """Add a session and its turns (``position, speaker, role, start_s, end_s, text,
        ref`` each)."""
        self.execute("INSERT INTO sessions (session_id, round_id, participant_id, interviewers,"
                     " date, source, speakers_known, language, role_warnings) VALUES "
                     "(:session_id, :round_id, :participant_id, :interviewers, :date, :source,"
                     " :speakers_known, :language, :role_warnings)", row)
        sid = row["session_id"]
        self._many("INSERT INTO utterances (session_id, position, speaker, role, start_s, "
                   "end_s, text, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [(sid, *t) for t in turns])

    def utterance_ids(self, sessions: Iterable[str | None]
                      ) -> dict[tuple[str | None, int | None], int]:
        """(session id, position) -> utterance id, for these sessions' turns.

        Keyed as notes look their turn up: a note without a session or turn finds nothing.
        """
        ids: dict[tuple[str | None, int | None], int] = {}
        for session_id in sessions:
            for uid, position in self.rows("SELECT utterance_id, position FROM utterances "
                                           "WHERE session_id = :s", {"s": session_id}):
                ids[(str(session_id), int(position))] = int(uid)
        return ids

    def insert_notes(self, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                     constant: Mapping[str, Any]) -> None:
        """Insert notes: ``rows`` bind ``columns``; ``constant`` holds one value for all.

        A text value shared by every note (the round, the kind, the file) goes into the
        statement once as a literal instead of being bound for each of 100,000 rows.

        Examples
        --------
        >>> with store.transaction():
        ...     store.insert_notes(["note_id", "participant_id", "text"],
        ...                        [("n-new1", "P01", "Too slow"), ("n-new2", "P02", "Fine")],
        ...                        {"round_id": "r1", "source": "O'Brien.csv"})
        >>> store.rows("SELECT note_id, source FROM notes WHERE source = :s",
        ...            {"s": "O'Brien.csv"})
        [('n-new1', "O'Brien.csv"), ('n-new2', "O'Brien.csv")]
        """
        values = [self._mark()] * len(columns)
        bound: list[Any] = []
        for value in constant.values():
            literal = _literal(value)
            if literal is None:
                values.append(self._mark())
                bound.append(value)
            else:  # psycopg reads % as a placeholder: a literal % is doubled
                values.append(literal if self.dialect == "sqlite" else literal.replace("%", "%%"))
        sql = (f"INSERT INTO notes ({', '.join([*columns, *constant])}) VALUES "
               f"({', '.join(values)})")
        cursor = self.driver().cursor()
        try:
            cursor.executemany(sql, (tuple(r) + tuple(bound) for r in rows) if bound else rows)
        finally:
            cursor.close()

    def write_placements(self, pairs: Iterable[tuple[str, str]]) -> int:
        """Place new notes in every one of their themes; returns how many pairs were new.

        One statement per theme, its notes handed over as one list the database unpacks
        (SQLite's ``json_each``, PostgreSQL's ``unnest``): binding 100,000 pairs one by one
        from Python costs more than the inserts themselves. Foreign keys are checked as for
        any insert.

        Examples
        --------
        >>> with store.transaction():
        ...     store.write_placements([(n1, theme["Accountant access"]),
        ...                             (n1, theme["Pricing plan confusion"])])
        2
        """
        by_theme: dict[str, list[str]] = {}
        for note_id, theme_id in pairs:
            by_theme.setdefault(theme_id, []).append(note_id)
        if self.dialect == "sqlite":
            sql = ("INSERT INTO placements (note_id, theme_id) SELECT value, :t "
                   "FROM json_each(:ids) WHERE true ON CONFLICT DO NOTHING")
        else:
            sql = ("INSERT INTO placements (note_id, theme_id) "
                   "SELECT unnest(CAST(:ids AS TEXT[])), :t ON CONFLICT DO NOTHING")
        written = 0
        for theme_id, note_ids in by_theme.items():
            ids: Any = (json.dumps(note_ids, ensure_ascii=False) if self.dialect == "sqlite"
                        else note_ids)
            written += self.execute(sql, {"t": theme_id, "ids": ids}).rowcount
        return written

    def replace_guide(self, questions: Sequence[Sequence[Any]]) -> None:
        """Replace the interview guide (``question_id, position, text, is_key, parent_id``)."""
        self.execute("DELETE FROM guide_questions")
        self._many("INSERT INTO guide_questions (question_id, position, text, is_key, "
                   "parent_id) VALUES (?, ?, ?, ?, ?)", questions)


def _literal(value: object) -> str | None:
    """A text value as an SQL string literal, or None where binding it is the safe way.

    Examples
    --------
    >>> _literal("O'Brien notes.csv"), _literal(None)
    ("'O''Brien notes.csv'", None)
    """
    if not isinstance(value, str) or "\x00" in value or "\\" in value:
        return None
    return "'" + value.replace("'", "''") + "'"
