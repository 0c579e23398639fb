"""Writing the synthesis state: tracked rows (themes, placements, notes) and plain rows.

A tracked row (a theme, a placement, a note a researcher writes or changes) is written
together with its state before and after, which the change's event records
(:mod:`synthesis.store.events`); undo and redo write those states back. The other writes
here (rounds, imports) are plain: rounds mirror the study file and an import is rebuilt
from its raw file, not undone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .connection import Connection, in_list, now

# Rows the event log records before/after states of (key columns, columns); undo writes
# them back.
TRACKED = {
    "themes": (("theme_id",), ("theme_id", "name", "description", "colour", "parent_id",
                               "position", "status", "merged_into")),
    "placements": (("note_id", "theme_id"), ("note_id", "theme_id")),
    # A note written, edited, split or set aside by a researcher (schema 7; 8 adds the turn a
    # highlight over several turns ends in): the whole row,
    # so undoing a new note deletes it and undoing an edit writes the old text back.
    "notes": (("note_id",), ("note_id", "round_id", "participant_id", "session_id",
                             "utterance_id", "text", "kind", "source", "source_ref",
                             "start_char", "end_char", "created_at", "author",
                             "source_note_id", "attributes", "set_aside", "edited_at",
                             "end_utterance_id")),
}
Key = str | Sequence[str]


class Writes(Connection):
    """Tracked and plain writes; mixed into :class:`~synthesis.store.Store`."""

    # -- tracked rows -------------------------------------------------------------------
    def get(self, table: str, key: Key) -> dict[str, Any] | None:
        """The tracked row with this key (a theme id, or ``(note_id, theme_id)``), or None.

        Examples
        --------
        >>> store.get("themes", theme["Accountant access"])["name"]
        'Accountant access'
        >>> store.get("placements", (n1, theme["Accountant access"])) is None  # not placed
        True
        """
        where, values = _where(table, key)
        return self.row(f"SELECT {', '.join(TRACKED[table][1])} FROM {table} WHERE {where}",
                        values)

    def put(self, table: str, key: Key, after: dict[str, Any] | None,
            before: Any = ...) -> bool:
        """Set one tracked row to ``after`` (None deletes it), recording before/after.

        ``before`` is the row as it is now when the caller has just read it (one query
        less per row on a server); by default it is read here. Returns whether anything
        changed.

        Examples
        --------
        >>> key = (n1, theme["Accountant access"])
        >>> with store.transaction():
        ...     store.put("placements", key, {"note_id": key[0], "theme_id": key[1]})
        ...     store.put("placements", key, {"note_id": key[0], "theme_id": key[1]})
        True
        False
        """
        assert self._depth, "tracked writes must happen inside a transaction"
        if before is ...:
            before = self.get(table, key)
        if before == after:
            return False
        self._write(table, key, before, after)
        stored = key if isinstance(key, str) else list(key)
        self._changes.append({"table": table, "key": stored, "before": before,
                              "after": after})
        return True

    def _write(self, table: str, key: Key, before: dict[str, Any] | None,
               state: dict[str, Any] | None) -> None:
        cols = TRACKED[table][1]
        where, values = _where(table, key)
        if state is None:
            self.execute(f"DELETE FROM {table} WHERE {where}", values)
        elif before is None:
            self.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                         f"({', '.join(':' + c for c in cols)})",
                         {c: state.get(c) for c in cols})
        else:
            self.execute(f"UPDATE {table} SET {', '.join(f'{c} = :{c}' for c in cols)} "
                         f"WHERE {where}", {**{c: state.get(c) for c in cols}, **values})

    # -- rounds (mirrored from the study file) ------------------------------------------
    def sync_rounds(self, wanted: list[dict[str, Any]]) -> None:
        """Make the rounds table hold these rows (``round_id, name, start, end, position``).

        Examples
        --------
        >>> store.sync_rounds([{"round_id": "r1", "name": "Round 1", "start": "",
        ...                     "end": "", "position": 0}])
        >>> store.row("SELECT name FROM rounds WHERE round_id = 'r1'")
        {'name': 'Round 1'}
        """
        current = {r["round_id"]: r for r in (dict(x._mapping) for x in self.rows(
            'SELECT round_id, name, start, "end" AS "end", position FROM rounds'))}
        if all(current.get(r["round_id"]) == r for r in wanted):
            return
        with self.transaction():
            for row in wanted:
                self.execute(
                    'INSERT INTO rounds (round_id, name, start, "end", position) '
                    "VALUES (:round_id, :name, :start, :end, :position) "
                    "ON CONFLICT (round_id) DO UPDATE SET name = excluded.name, "
                    'start = excluded.start, "end" = excluded."end", '
                    "position = excluded.position", row)

    def ensure_round(self, round_id: str) -> None:
        """Add a round the study file does not declare (named as its id), at the end."""
        if self.scalar("SELECT 1 FROM rounds WHERE round_id = :r", {"r": round_id}):
            return
        with self.transaction():
            self.execute("INSERT INTO rounds (round_id, name, start, \"end\", position) "
                         "SELECT :r, :r, '', '', COUNT(*) FROM rounds", {"r": round_id})

    # -- imports ------------------------------------------------------------------------
    def imported(self, sha256: str) -> dict[str, Any] | None:
        """The import of the file with this SHA-256 (``source, at, summary``), or None.

        Examples
        --------
        >>> import hashlib
        >>> sha = hashlib.sha256(Path("data/invoicing-onboarding/guide.md").read_bytes())
        >>> store.imported(sha.hexdigest())["source"], store.imported("0" * 64)
        ('guide.md', None)
        """
        return self.row("SELECT source, at, summary FROM imports WHERE sha256 = :s",
                        {"s": sha256})

    def record_import(self, sha256: str, source: str, kind: str, round_id: str | None,
                      summary: dict[str, Any]) -> None:
        """Remember a file as imported (inside the import's transaction)."""
        self.execute("INSERT INTO imports (sha256, source, kind, round_id, at, summary) "
                     "VALUES (:sha, :source, :kind, :round, :at, :summary)",
                     {"sha": sha256, "source": source, "kind": kind, "round": round_id,
                      "at": now(), "summary": json.dumps(summary)})

    # -- theme helpers for sorting ------------------------------------------------------
    def next_theme_position(self) -> int:
        """The board position after the last theme's."""
        return int(self.scalar("SELECT COALESCE(MAX(position), -1) + 1 FROM themes"))

    def missing_notes(self, note_ids: Sequence[str]) -> list[str]:
        """Those of ``note_ids`` that are not in the study, in the order given."""
        found: set[str] = set()
        for start in range(0, len(note_ids), 500):  # SQLite's bound-parameter limit
            marks, params = in_list("n", note_ids[start:start + 500])
            found |= {r[0] for r in self.rows(
                f"SELECT note_id FROM notes WHERE note_id IN ({marks})", params)}
        return [n for n in note_ids if n not in found]

    def set_aside_among(self, note_ids: Sequence[str]) -> list[str]:
        """Those of ``note_ids`` that are set aside (deleted on the board), in the order
        given: a note set aside is sorted nowhere until it is restored.

        Examples
        --------
        >>> seq = study.set_aside([n1])
        >>> store.set_aside_among([n2, n1]) == [n1]
        True
        """
        aside: set[str] = set()
        for start in range(0, len(note_ids), 500):  # SQLite's bound-parameter limit
            marks, params = in_list("n", note_ids[start:start + 500])
            aside |= {r[0] for r in self.rows(
                f"SELECT note_id FROM notes WHERE set_aside = 1 AND note_id IN ({marks})",
                params)}
        return [n for n in note_ids if n in aside]


def _where(table: str, key: Key) -> tuple[str, dict[str, Any]]:
    key_cols = TRACKED[table][0]
    values = [key] if isinstance(key, str) else list(key)
    if len(values) != len(key_cols):
        raise ValueError(f"a {table} key has {len(key_cols)} part(s): {key!r}")
    return (" AND ".join(f"{c} = :k_{c}" for c in key_cols),
            {f"k_{c}": v for c, v in zip(key_cols, values)})
