"""The store's schema: the migration steps, written once and run on SQLite and PostgreSQL.

Each step is SQLite DDL (the embedded default); :func:`for_dialect` turns it into
PostgreSQL's where the two differ (auto-numbered keys, the ``end`` column), so both
backends carry the same schema version through the same steps. A step may also have data
to work out in Python after its DDL (step 4 -> 5: the undo stacks, built from the existing
event log); the store's ``after_step`` runs it, in :mod:`synthesis.store.events` where the
log is understood, so this module depends on nothing.
"""

from __future__ import annotations

import re

SCHEMA_VERSION = 9

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
    # 4 -> 5: undo that never jams, and who is on a board. Each undoable event sits on two
    # stacks, its author's and the whole team's ('*'), with its state there (done, undone,
    # gone: cleared by a newer change or refused) and the seq of the event that last moved
    # it. Undo takes the newest done row and redo the latest undone one through the index,
    # so neither replays the log: they cost the same at 100,000 events as at 1,000. The log
    # is replayed once, here, to fill the stacks of an existing study. Each open board says
    # it is there (board_presence, refreshed every few seconds) so the others can show who
    # else is on.
    """
    CREATE TABLE undo_stack (stack TEXT NOT NULL, seq INTEGER NOT NULL REFERENCES events(seq),
                             state TEXT NOT NULL, moved_at INTEGER NOT NULL,
                             PRIMARY KEY (stack, seq));
    CREATE INDEX undo_stack_state ON undo_stack(stack, state, seq);
    CREATE TABLE board_presence (board TEXT PRIMARY KEY, author TEXT NOT NULL,
                                 round_id TEXT, seen_at TEXT NOT NULL);
    """,
    # 5 -> 6: researchers' own sorts of a round (issue 14). The shared board stays what it
    # was: every theme with no sort_themes row. A private sort is a named sort of one round;
    # its themes are ordinary theme rows (so moves, the log and undo are the board's own)
    # tied to it by a sort_themes row. That row is never deleted, and has no foreign key to
    # themes, so undoing and redoing a theme's creation keeps it in its sort.
    """
    CREATE TABLE sorts (sort_id TEXT PRIMARY KEY, round_id TEXT NOT NULL, name TEXT NOT NULL,
                        author TEXT, created_at TEXT NOT NULL, copied_from TEXT,
                        UNIQUE (round_id, name));
    CREATE TABLE sort_themes (theme_id TEXT PRIMARY KEY,
                              sort_id TEXT NOT NULL REFERENCES sorts(sort_id));
    CREATE INDEX sort_themes_sort ON sort_themes(sort_id);
    """,
    # 6 -> 7: notes a researcher makes and changes (issue 17). A note set aside
    # (``set_aside`` 1: "delete" on the board) is hidden from the board, every count and
    # every report, and can be restored; its placements stay so a restore brings it back
    # where it was. ``edited_at`` says when its text was last changed by hand (the text
    # before is in the event log, the change's before state).
    """
    ALTER TABLE notes ADD COLUMN set_aside INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE notes ADD COLUMN edited_at TEXT;
    """,
    # 7 -> 8: a highlight over consecutive turns of one speaker (issue 17). The note keeps
    # its first turn and ``start_char`` in it (``utterance_id``); ``end_utterance_id`` is
    # the turn it ends in, ``end_char`` then counts in that turn. NULL: the note ends in
    # its first turn, as every note before this step.
    """
    ALTER TABLE notes ADD COLUMN end_utterance_id INTEGER;
    """,
    # 8 -> 9: presence per board, not per round. A board open on a researcher's own sort
    # says so (``sort_id``; NULL: the shared board), and a board shows only who else is on
    # the same sort: a blind sort is no one else's to see, nor who is doing one.
    """
    ALTER TABLE board_presence ADD COLUMN sort_id TEXT;
    """,
]
# The step above has data to fill in as well: Events.after_step runs it after the DDL, in
# the same transaction.
assert len(MIGRATIONS) == SCHEMA_VERSION

# Every table, parents before children, each with the columns that order its rows (a
# store copy goes in this order and is checked row for row in it). ``rowid`` keeps the
# notes' import order on both backends.
TABLES: dict[str, tuple[str, ...]] = {
    "meta": ("key",), "rounds": ("round_id",), "participants": ("participant_id",),
    "sessions": ("session_id",), "utterances": ("utterance_id",),
    "guide_questions": ("question_id",), "notes": ("rowid",), "themes": ("theme_id",),
    "placements": ("note_id", "theme_id"), "events": ("seq",),
    "undo_stack": ("stack", "seq"), "imports": ("sha256",), "board_presence": ("board",),
    "sorts": ("sort_id",), "sort_themes": ("theme_id",),
}
# Auto-numbered columns: after a copy onto PostgreSQL their sequences go on from the top.
SERIAL = {"utterances": "utterance_id", "notes": "rowid", "events": "seq"}

_PG = [
    (re.compile(r"INTEGER PRIMARY KEY AUTOINCREMENT"), "BIGSERIAL PRIMARY KEY"),
    (re.compile(r"\bend TEXT"), '"end" TEXT'),
    # SQLite's REAL is 8 bytes; PostgreSQL's is 4 and would round a turn's start time
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    # PostgreSQL tables have no rowid: notes get an auto-numbered column kept in import order
    (re.compile(r"end_char INTEGER, created_at TEXT\)"),
     "end_char INTEGER, created_at TEXT, rowid BIGSERIAL)"),
]


def for_dialect(step: str, dialect: str) -> list[str]:
    """One migration step as the statements to run on ``dialect`` (sqlite, postgresql).

    Examples
    --------
    >>> for_dialect("CREATE TABLE r (id INTEGER PRIMARY KEY AUTOINCREMENT, end TEXT);",
    ...             "postgresql")
    ['CREATE TABLE r (id BIGSERIAL PRIMARY KEY, "end" TEXT)']
    """
    if dialect == "postgresql":
        for pattern, replacement in _PG:
            step = pattern.sub(replacement, step)
    return [s.strip() for s in step.split(";") if s.strip()]
