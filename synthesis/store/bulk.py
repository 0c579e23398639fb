"""Bulk writes of an import: participants, sessions and turns, notes, placements, the guide.

Rows go in with the driver's own ``executemany`` inside the import's one transaction (a
100,000-note file is one statement per table, not 100,000): that is what keeps an import
within a few times the cost of reading the file. SQLAlchemy's per-row bookkeeping would
cost more than the inserts. The SQL here is the only SQL that differs by backend in
placeholders (``?`` for SQLite, ``%s`` for psycopg) and in unpacking a list of ids.
A load as large as the table it goes into builds that table's secondary indexes once,
afterwards (:meth:`Bulk.bulk_load`, SQLite only). A failing statement raises the driver's
own error, which the store's transaction turns into its one-sentence ``StoreError``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from typing import Any

from .reads import Reads

# What a JSON string must escape: a text without any of these is its own JSON.
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\]')
# Below this many rows an import inserts into the indexes as they are: dropping and building
# an index costs a few statements (and makes every other open connection re-read the
# schema), which only pays off for a large load.
BULK_ROWS = 1000


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

    @contextmanager
    def bulk_load(self, adding: Mapping[str, int]) -> Iterator[list[str]]:
        """Load many rows into tables, their secondary indexes built once afterwards.

        ``adding`` says how many rows each table is about to get. On SQLite, a table that
        gets at least :data:`BULK_ROWS` rows and at least as many as it holds loses its own
        indexes (``notes_round``, ``placements_theme``, ...) for the load and has them built
        again, from their stored definitions, before the block ends: SQLite builds an index
        from sorted rows several times faster than it inserts 100,000 entries one by one.
        Keys stay: the primary key and UNIQUE indexes belong to their tables and are never
        dropped, so a duplicate still fails at once, and foreign keys are checked as for any
        insert. Runs inside the caller's transaction (DDL is transactional in SQLite): if
        anything fails the transaction rolls back, indexes included. PostgreSQL loads as
        it is. Yields the names of the indexes dropped (for the benchmark and tests).

        Examples
        --------
        >>> with store.transaction():
        ...     with store.bulk_load({"notes": 5000, "placements": 3}) as rebuilt:
        ...         pass
        >>> rebuilt, store.scalar("SELECT count(*) FROM sqlite_master WHERE "
        ...                       "name = 'notes_round'")
        (['notes_round', 'notes_source_note_id'], 1)
        """
        assert self._depth, "a bulk load happens inside a transaction"
        dropped: list[tuple[str, str]] = []
        if self.dialect == "sqlite":
            for table, count in adding.items():
                if count < BULK_ROWS or count < self.scalar(f"SELECT count(*) FROM {table}"):
                    continue
                # sql IS NULL: the index a PRIMARY KEY or UNIQUE constraint makes (kept)
                dropped += [(name, sql) for name, sql in self.rows(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                    "tbl_name = :t AND sql IS NOT NULL ORDER BY name", {"t": table})]
        for name, _ in dropped:
            self.conn.exec_driver_sql(f'DROP INDEX "{name}"')
        try:
            yield [name for name, _ in dropped]
        except BaseException:
            # The transaction rolls back, indexes and all; built again anyway so a caller
            # that catches the error and carries on still finds them (the original error,
            # not a second one, is what the caller sees).
            with suppress(Exception):
                self._build(sql for _, sql in dropped)
            raise
        self._build(sql for _, sql in dropped)

    def _build(self, statements: Iterable[str]) -> None:
        for sql in statements:
            self.conn.exec_driver_sql(sql)

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
        from Python costs more than the inserts themselves. Each list is sorted by note id,
        the order of the (note, theme) key and of the notes' own id index: note ids are
        hashes, so in file order every insert and foreign-key lookup lands on another
        page; sorted, they walk the indexes in step (it halves the time of 133,000 pairs).
        Foreign keys are checked as for any insert.

        Examples
        --------
        >>> with store.transaction():
        ...     store.write_placements([(n1, theme["Accountant access"]),
        ...                             (n1, theme["Pricing plan confusion"])])
        2
        """
        by_theme: defaultdict[str, list[str]] = defaultdict(list)
        for note_id, theme_id in pairs:
            by_theme[theme_id].append(note_id)
        if self.dialect == "sqlite":
            sql = ("INSERT INTO placements (note_id, theme_id) SELECT value, :t "
                   "FROM json_each(:ids) WHERE true ON CONFLICT DO NOTHING")
        else:
            sql = ("INSERT INTO placements (note_id, theme_id) "
                   "SELECT unnest(CAST(:ids AS TEXT[])), :t ON CONFLICT DO NOTHING")
        written = 0
        for theme_id, note_ids in by_theme.items():
            note_ids.sort()
            ids: Any = json_list(note_ids) if self.dialect == "sqlite" else note_ids
            written += self.execute(sql, {"t": theme_id, "ids": ids}).rowcount
        return written

    def replace_guide(self, questions: Sequence[Sequence[Any]]) -> None:
        """Replace the interview guide (``question_id, position, text, is_key, parent_id``)."""
        self.execute("DELETE FROM guide_questions")
        self._many("INSERT INTO guide_questions (question_id, position, text, is_key, "
                   "parent_id) VALUES (?, ?, ?, ?, ?)", questions)


def json_list(values: list[str]) -> str:
    """``values`` as a compact JSON array (what ``json.dumps`` writes without spaces).

    Note ids are nearly always plain (``n-5865ddc87400``): joined as they are, without
    ``json.dumps`` looking at each one, they cost a third as much; a list with any text
    that needs an escape goes through ``json.dumps``.

    Examples
    --------
    >>> json_list(["n-1", "n-2"]), json_list(['say "hi"', "café"]), json_list([])
    ('["n-1","n-2"]', '["say \\\\"hi\\\\"","café"]', '[]')
    """
    if values and not _NEEDS_ESCAPE.search("".join(values)):
        return '["' + '","'.join(values) + '"]'
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


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
