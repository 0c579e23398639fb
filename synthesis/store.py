"""The study store: one embedded SQLite file holding the synthesis state and its event log.

Why plain ``sqlite3`` and not an ORM: every board move must be one short ``BEGIN IMMEDIATE``
transaction that two kernels can interleave safely, and the sqlite3 module gives exact control
over that; pandas reads the same connection directly.

Every change to themes and placements is written together with one row of the append-only
``events`` table. An event's payload lists the rows it changed with their state before and
after, so undo and redo are the same mechanism (write the *before* or the *after* states back)
and the audit trail needs no second bookkeeping.

A placement is one (note, theme) pair: a note can sit in several themes, and an unsorted
note has none. Its change is keyed ``[note_id, theme_id]`` with ``None`` (absent) or the row
(present) before and after. Studies written before schema 3 logged a note's one placement
keyed by the note id alone; :func:`pair_changes` reads those as the same pairs, so their
events stay undoable.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import StudyError

SCHEMA_VERSION = 4

# Each entry moves the schema from version i to i+1. Never edit a shipped step: add one.
MIGRATIONS: list[str] = [
    # 0 -> 1: the first schema
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE rounds (round_id TEXT PRIMARY KEY, name TEXT, start TEXT, end TEXT,
                         position INTEGER);
    CREATE TABLE participants (participant_id TEXT PRIMARY KEY, round_id TEXT, name TEXT,
                               attributes TEXT NOT NULL DEFAULT '{}');
    CREATE TABLE sessions (session_id TEXT PRIMARY KEY, round_id TEXT, participant_id TEXT,
                           interviewers TEXT NOT NULL DEFAULT '[]', date TEXT, source TEXT,
                           speakers_known INTEGER NOT NULL DEFAULT 1);
    CREATE TABLE utterances (utterance_id INTEGER PRIMARY KEY AUTOINCREMENT,
                             session_id TEXT NOT NULL REFERENCES sessions(session_id),
                             position INTEGER NOT NULL, speaker TEXT, role TEXT,
                             start_s REAL, end_s REAL, text TEXT NOT NULL, ref TEXT);
    CREATE INDEX utterances_session ON utterances(session_id, position);
    CREATE TABLE guide_questions (question_id INTEGER PRIMARY KEY, position INTEGER,
                                  text TEXT NOT NULL, is_key INTEGER NOT NULL DEFAULT 0,
                                  parent_id INTEGER);
    CREATE TABLE notes (note_id TEXT PRIMARY KEY, round_id TEXT, participant_id TEXT,
                        session_id TEXT, utterance_id INTEGER, text TEXT NOT NULL,
                        kind TEXT, source TEXT, source_ref TEXT, start_char INTEGER,
                        end_char INTEGER, created_at TEXT);
    CREATE INDEX notes_round ON notes(round_id);
    CREATE TABLE themes (theme_id TEXT PRIMARY KEY, name TEXT NOT NULL,
                         description TEXT NOT NULL DEFAULT '', colour TEXT, parent_id TEXT,
                         position INTEGER NOT NULL DEFAULT 0,
                         status TEXT NOT NULL DEFAULT 'live', merged_into TEXT);
    CREATE TABLE placements (note_id TEXT PRIMARY KEY REFERENCES notes(note_id),
                             theme_id TEXT NOT NULL REFERENCES themes(theme_id));
    CREATE INDEX placements_theme ON placements(theme_id);
    CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
                         author TEXT, kind TEXT NOT NULL, payload TEXT NOT NULL);
    CREATE TABLE imports (sha256 TEXT PRIMARY KEY, source TEXT, kind TEXT, round_id TEXT,
                          at TEXT, summary TEXT);
    """,
    # 1 -> 2: who wrote a note, and the language of a session (the craft audit reads it)
    """
    ALTER TABLE notes ADD COLUMN author TEXT;
    ALTER TABLE sessions ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
    """,
    # 2 -> 3: a note can sit in several themes: placements are (note, theme) pairs; each
    # note's one placement carries over.
    """
    CREATE TABLE placements_pairs (note_id TEXT NOT NULL REFERENCES notes(note_id),
                                   theme_id TEXT NOT NULL REFERENCES themes(theme_id),
                                   PRIMARY KEY (note_id, theme_id));
    INSERT INTO placements_pairs (note_id, theme_id) SELECT note_id, theme_id FROM placements;
    DROP TABLE placements;
    ALTER TABLE placements_pairs RENAME TO placements;
    CREATE INDEX placements_theme ON placements(theme_id);
    """,
    # 3 -> 4: a note keeps the source's own id (a highlight id, for placement files that
    # refer to it; indexed only where there is one, so other imports pay nothing) and its
    # attributes (a notes document's heading: task, topic); a session
    # keeps the sentences saying its speakers' roles were guessed (the craft audit shows them)
    """
    ALTER TABLE notes ADD COLUMN source_note_id TEXT;
    CREATE INDEX notes_source_note_id ON notes(source, source_note_id)
        WHERE source_note_id IS NOT NULL;
    ALTER TABLE notes ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE sessions ADD COLUMN role_warnings TEXT NOT NULL DEFAULT '[]';
    """,
]
assert len(MIGRATIONS) == SCHEMA_VERSION

# Rows the event log records before/after states of (key columns, columns); undo writes
# them back.
_TRACKED = {
    "themes": (("theme_id",), ("theme_id", "name", "description", "colour", "parent_id",
                               "position", "status", "merged_into")),
    "placements": (("note_id", "theme_id"), ("note_id", "theme_id")),
}
Key = str | Sequence[str]
UNDOABLE = frozenset({"theme", "placement"})


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Store:
    """A connection to one ``study.db``; every write goes through :meth:`transaction`."""

    def __init__(self, path: Path, *, create: bool = False) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StudyError(f"{self.path}: the study database is missing; "
                             "run `synthesis import` on the study to build it.")
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=10.0,
                                    check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        # 64 MB of page cache (the default is 2 MB): a 100,000-note import inserts into
        # the note id index all over, and with the index in memory it takes half the time.
        self.conn.execute("PRAGMA cache_size=-65536")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=10000")
        self._depth = 0
        self._changes: list[dict[str, Any]] = []
        self.migrate()

    # -- schema -------------------------------------------------------------------------
    def schema_version(self) -> int:
        has_meta = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if not has_meta:
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def migrate(self, target: int = SCHEMA_VERSION) -> None:
        """Bring the database up to ``target``, one step per transaction."""
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StudyError(f"{self.path} was written by a newer synthesis (schema {version}; "
                             f"this one knows up to {SCHEMA_VERSION}); upgrade synthesis.")
        while version < target:
            with self.transaction():
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                version += 1
                self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                                  (str(version),))

    def close(self) -> None:
        self.conn.close()

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` ... ``COMMIT``; nested calls join the outer one.

        IMMEDIATE takes the write lock up front, so two kernels moving notes at once queue
        instead of failing half-way with SQLITE_BUSY on lock upgrade.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        for attempt in range(50):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 49:
                    raise
                time.sleep(0.05)
        self._depth = 1
        self._changes = []
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            self._changes = []
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self.conn.execute("COMMIT")

    # -- reading ------------------------------------------------------------------------
    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        return pd.read_sql_query(sql, self.conn, params=list(params))

    def one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        return self.conn.execute(sql, list(params)).fetchone()

    def last_event(self) -> int:
        row = self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()
        return int(row[0])

    # -- tracked writes -----------------------------------------------------------------
    def get(self, table: str, key: Key) -> dict[str, Any] | None:
        """The tracked row with this key (a theme id, or ``(note_id, theme_id)``), or None."""
        where, values = _where(table, key)
        cols = _TRACKED[table][1]
        row = self.conn.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE {where}",
                                values).fetchone()
        return dict(row) if row else None

    def put(self, table: str, key: Key, after: dict[str, Any] | None) -> bool:
        """Set one tracked row to ``after`` (None deletes it), recording before/after.

        Returns whether anything changed.
        """
        assert self._depth, "tracked writes must happen inside a transaction"
        before = self.get(table, key)
        if before == after:
            return False
        self._write(table, key, after)
        stored = key if isinstance(key, str) else list(key)
        self._changes.append({"table": table, "key": stored, "before": before,
                              "after": after})
        return True

    def _write(self, table: str, key: Key, state: dict[str, Any] | None) -> None:
        cols = _TRACKED[table][1]
        if state is None:
            where, values = _where(table, key)
            self.conn.execute(f"DELETE FROM {table} WHERE {where}", values)
            return
        values = [state.get(c) for c in cols]
        self.conn.execute(
            f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) "
            f"VALUES ({', '.join('?' * len(cols))})", values)

    def log(self, kind: str, author: str | None, summary: str, **extra: Any) -> int:
        """Append one event holding the changes recorded in this transaction."""
        payload = {"summary": summary, "changes": self._changes, **extra}
        self._changes = []
        cur = self.conn.execute(
            "INSERT INTO events (at, author, kind, payload) VALUES (?, ?, ?, ?)",
            (now(), author, kind, json.dumps(payload, ensure_ascii=False)))
        return int(cur.lastrowid or 0)

    # -- undo / redo --------------------------------------------------------------------
    def _stacks(self, author: str | None) -> tuple[list[int], list[int]]:
        """Replay the log into undo and redo stacks (of event seqs).

        A new undoable change clears the redo stack, as in every editor. With ``author``
        only that author's changes count, so two boards each undo their own work.
        """
        undo: list[int] = []
        redo: list[int] = []
        rows = self.conn.execute(
            "SELECT seq, author, kind, json_extract(payload, '$.target') AS target "
            "FROM events WHERE kind IN ('theme', 'placement', 'undo', 'redo') ORDER BY seq")
        for seq, who, kind, target in rows:
            if author is not None and who != author:
                continue
            if kind in UNDOABLE:
                undo.append(seq)
                redo.clear()
            elif kind == "undo" and target in undo:
                undo.remove(target)
                redo.append(target)
            elif kind == "redo" and target in redo:
                redo.remove(target)
                undo.append(target)
        return undo, redo

    def can_undo(self, author: str | None = None) -> bool:
        return bool(self._stacks(author)[0])

    def can_redo(self, author: str | None = None) -> bool:
        return bool(self._stacks(author)[1])

    def undo(self, author: str | None = None) -> dict[str, Any] | None:
        return self._replay("undo", author)

    def redo(self, author: str | None = None) -> dict[str, Any] | None:
        return self._replay("redo", author)

    def _replay(self, direction: str, author: str | None) -> dict[str, Any] | None:
        """Write back the before (undo) or after (redo) states of the newest event.

        A row someone else changed since is left as they left it, and the skip is
        reported: undo must never silently throw away another board's move.
        """
        with self.transaction():
            undo, redo = self._stacks(author)
            stack = undo if direction == "undo" else redo
            if not stack:
                return None
            target = stack[-1]
            row = self.conn.execute("SELECT payload FROM events WHERE seq=?",
                                    (target,)).fetchone()
            payload = json.loads(row[0])
            changes = pair_changes(payload["changes"])
            if direction == "undo":
                changes = list(reversed(changes))
            frm, to = ("after", "before") if direction == "undo" else ("before", "after")
            skipped = 0
            for change in changes:
                if self.get(change["table"], change["key"]) != change[frm]:
                    skipped += 1
                    continue
                self.put(change["table"], change["key"], change[to])
            summary = f"{direction} {payload['summary']}"
            seq = self.log(direction, author, summary, target=target, skipped=skipped)
            return {"seq": seq, "target": target, "summary": summary, "skipped": skipped}


def _where(table: str, key: Key) -> tuple[str, list[Any]]:
    key_cols = _TRACKED[table][0]
    values = [key] if isinstance(key, str) else list(key)
    if len(values) != len(key_cols):
        raise ValueError(f"a {table} key has {len(key_cols)} part(s): {key!r}")
    return " AND ".join(f"{c}=?" for c in key_cols), values


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
