"""Writing a settled import plan into the store, in bulk, inside the caller's transaction.

Rows go in with ``executemany`` (a 100,000-note file is one statement per table, not
100,000): that is what keeps an import within a few times the cost of reading the file.
Themes are written through the store's tracked ``put`` so the event log keeps their history
(renames and merges are followed through it); placements made by an import are recorded as
counts in the import's event, since an import is rebuilt from its raw file, not undone.
"""

from __future__ import annotations

import json
from dataclasses import replace
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from synthesis.ingest.plan import Plan
from synthesis.store import now

if TYPE_CHECKING:
    from synthesis.study import Study

COUNTED = ("participants", "sessions", "utterances", "notes", "themes", "placements", "guide")


def write_plan(study: Study, plan: Plan) -> dict[str, int]:
    """Write ``plan`` (inside an open transaction); returns what was added, per table.

    Examples
    --------
    >>> with study.store.transaction():  # doctest: +SKIP
    ...     counts = write_plan(study, plan_bundle(study, bundle))
    """
    store = study.store
    conn = store.conn
    bundle, round_id = plan.bundle, plan.round_id
    counts = dict.fromkeys(COUNTED, 0)
    for p in plan.participants:
        existing = store.one("SELECT attributes, name, round_id FROM participants "
                             "WHERE participant_id=?", (p.participant_id,))
        attrs = dict(p.attributes)
        if existing is not None:  # an updated participants file refreshes attributes
            attrs = {**json.loads(existing["attributes"]), **attrs}
        conn.execute("INSERT OR REPLACE INTO participants VALUES (?, ?, ?, ?)",
                     (p.participant_id,
                      p.round_id or (existing["round_id"] if existing else round_id),
                      p.name if p.name is not None else (existing["name"] if existing else None),
                      json.dumps(attrs, ensure_ascii=False, default=str)))
        counts["participants"] += 1
    for s in bundle.sessions:
        conn.execute("INSERT INTO sessions (session_id, round_id, participant_id, interviewers, "
                     "date, source, speakers_known, language, role_warnings) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (s.session_id, s.round_id or round_id, s.participant_id,
                      json.dumps(list(s.interviewers)), s.date, s.source,
                      int(s.speakers_known), s.language,
                      json.dumps(list(s.role_warnings), ensure_ascii=False)))
        conn.executemany(
            "INSERT INTO utterances (session_id, position, speaker, role, start_s, end_s, "
            "text, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(s.session_id, i, u.speaker, u.role, u.start_s, u.end_s, u.text, u.ref)
             for i, u in enumerate(s.utterances)])
        counts["sessions"] += 1
        counts["utterances"] += len(s.utterances)
    position = conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM themes").fetchone()[0]
    for t in plan.themes:
        store.put("themes", t.theme_id, {
            "theme_id": t.theme_id, "name": t.name, "description": t.description,
            "colour": t.colour, "parent_id": t.parent_id, "position": position,
            "status": "live", "merged_into": None})
        position += 1
        counts["themes"] += 1
    counts["notes"] = _write_notes(conn, plan)
    counts["placements"] = write_placements(conn, plan.placements)
    if bundle.guide:
        conn.execute("DELETE FROM guide_questions")
        conn.executemany("INSERT INTO guide_questions VALUES (?, ?, ?, ?, ?)",
                         [(q.position, q.position, q.text, int(q.is_key), q.parent_position)
                          for q in bundle.guide])
        counts["guide"] = len(bundle.guide)
    return counts


# Note fields written as they are, and those most imports leave empty. Only the columns some
# note fills are written: binding seven NULLs a row doubles the time of a 100,000-note insert.
_ALWAYS = ("note_id", "round_id", "participant_id", "text", "kind", "source", "source_ref")
_SOMETIMES = ("session_id", "start_char", "end_char", "author", "source_note_id")


def _write_notes(conn: Any, plan: Plan) -> int:
    notes = plan.notes
    if not notes:
        return 0
    source, round_id = plan.bundle.source, plan.round_id
    # Whole-column checks with map/set run at C speed; a generator per note would not.
    if None in set(map(attrgetter("round_id"), notes)) or "" in set(map(attrgetter("source"),
                                                                         notes)):
        notes = [replace(n, round_id=n.round_id or round_id, source=n.source or source)
                 for n in notes]  # bundles built by hand, without a round or source
    fields = [*_ALWAYS, *(f for f in _SOMETIMES if set(map(attrgetter(f), notes)) - {None})]
    # A field with one value for every note (the round, the kind, the file) goes into the
    # statement once instead of being bound for each of 100,000 rows.
    constant: dict[str, str] = {}
    for name in ("round_id", "kind", "source"):
        values = set(map(attrgetter(name), notes))
        if len(values) == 1:
            literal = _literal(values.pop())
            if literal is not None:
                constant[name] = literal
    fields = [f for f in fields if f not in constant]
    rows: Any = map(attrgetter(*fields), notes)  # C-speed tuples, one per note
    columns = list(fields)
    utterance_ids = _utterance_ids(conn, {n.session_id for n in notes
                                          if n.utterance_index is not None})
    extra: list[tuple[str, list[Any]]] = []
    if utterance_ids:
        extra.append(("utterance_id", [utterance_ids.get((n.session_id, n.utterance_index))
                                       for n in notes]))
    if any(map(attrgetter("attributes"), notes)):
        extra.append(("attributes", [json.dumps(dict(n.attributes), ensure_ascii=False)
                                     for n in notes]))
    if extra:
        columns += [name for name, _ in extra]
        rows = (row + tail for row, tail in zip(rows, zip(*(v for _, v in extra))))
    constant["created_at"] = _literal(now()) or "NULL"  # one timestamp for the import
    conn.executemany(f"INSERT INTO notes ({', '.join([*columns, *constant])}) VALUES "
                     f"({', '.join(['?'] * len(columns) + list(constant.values()))})", rows)
    return len(notes)


def _literal(value: object) -> str | None:
    """A text value as an SQL string literal, or None where binding it is the safe way.

    Examples
    --------
    >>> _literal("O'Brien notes.csv"), _literal(None)
    ("'O''Brien notes.csv'", None)
    """
    if not isinstance(value, str) or "\x00" in value:
        return None
    return "'" + value.replace("'", "''") + "'"


def _utterance_ids(conn: Any, sessions: set[str | None]) -> dict[tuple[str, int], int]:
    ids: dict[tuple[str, int], int] = {}
    for session_id in sessions:
        for uid, position in conn.execute(
                "SELECT utterance_id, position FROM utterances WHERE session_id=?",
                (session_id,)):
            ids[(session_id, position)] = uid
    return ids


def write_placements(conn: Any, pairs: list[tuple[str, str]]) -> int:
    """Place new notes in every one of their themes; returns how many pairs were written.

    One statement per theme, its notes handed over as one JSON array that SQLite unpacks
    (``json_each``): binding 100,000 pairs one by one from Python costs more than the
    inserts themselves. Foreign keys are checked as for any insert.

    Examples
    --------
    >>> write_placements(conn, [("n-1", "t-bank"), ("n-1", "t-trust")])  # doctest: +SKIP
    2
    """
    by_theme: dict[str, list[str]] = {}
    for note_id, theme_id in pairs:
        by_theme.setdefault(theme_id, []).append(note_id)
    before = conn.total_changes
    for theme_id, note_ids in by_theme.items():
        conn.execute("INSERT OR IGNORE INTO placements (note_id, theme_id) "
                     "SELECT value, ? FROM json_each(?)",
                     (theme_id, json.dumps(note_ids, ensure_ascii=False)))
    return conn.total_changes - before
