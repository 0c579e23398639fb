"""Writing a settled import plan into the store, in bulk, inside the caller's transaction.

Rows go in through the store's bulk writes (:mod:`synthesis.store.bulk`: one
``executemany`` per table, not 100,000 statements): that is what keeps an import within a
few times the cost of reading the file.
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
    from synthesis.store import Store
    from synthesis.study import Study

COUNTED = ("participants", "sessions", "utterances", "notes", "themes", "placements", "guide")


def write_plan(study: Study, plan: Plan) -> dict[str, int]:
    """Write ``plan`` (inside an open transaction); returns what was added, per table.

    Examples
    --------
    >>> from synthesis.ingest.notes import parse_notes
    >>> from synthesis.ingest.plan import plan_bundle
    >>> _ = Path("n.csv").write_text("participant,note\\nP01,Where is the VAT field?\\n")
    >>> with study.store.transaction():
    ...     counts = write_plan(study, plan_bundle(study, parse_notes(Path("n.csv"),
    ...                                                               round_id="r1")))
    >>> counts["notes"]
    1
    """
    store = study.store
    bundle, round_id = plan.bundle, plan.round_id
    counts = dict.fromkeys(COUNTED, 0)
    for p in plan.participants:
        existing = store.participant(p.participant_id)
        attrs = dict(p.attributes)
        if existing is not None:  # an updated participants file refreshes attributes
            attrs = {**json.loads(existing["attributes"]), **attrs}
        store.write_participant({
            "participant_id": p.participant_id,
            "round_id": p.round_id or (existing["round_id"] if existing else round_id),
            "name": p.name if p.name is not None else (existing["name"] if existing else None),
            "attributes": json.dumps(attrs, ensure_ascii=False, default=str)})
        counts["participants"] += 1
    for s in bundle.sessions:
        store.write_session(
            {"session_id": s.session_id, "round_id": s.round_id or round_id,
             "participant_id": s.participant_id,
             "interviewers": json.dumps(list(s.interviewers)), "date": s.date,
             "source": s.source, "speakers_known": int(s.speakers_known),
             "language": s.language,
             "role_warnings": json.dumps(list(s.role_warnings), ensure_ascii=False)},
            [(i, u.speaker, u.role, u.start_s, u.end_s, u.text, u.ref)
             for i, u in enumerate(s.utterances)])
        counts["sessions"] += 1
        counts["utterances"] += len(s.utterances)
    position = store.next_theme_position()
    for t in plan.themes:
        store.put("themes", t.theme_id, {
            "theme_id": t.theme_id, "name": t.name, "description": t.description,
            "colour": t.colour, "parent_id": t.parent_id, "position": position,
            "status": "live", "merged_into": None})
        position += 1
        counts["themes"] += 1
    # A large file into a small study: the notes' and placements' indexes are built once
    # after the rows are in, not entry by entry (store.bulk_load; keys are kept).
    with store.bulk_load({"notes": len(plan.notes), "placements": len(plan.placements)}):
        counts["notes"] = _write_notes(store, plan)
        counts["placements"] = store.write_placements(plan.placements)
    if bundle.guide:
        store.replace_guide([(q.position, q.position, q.text, int(q.is_key),
                              q.parent_position) for q in bundle.guide])
        counts["guide"] = len(bundle.guide)
    return counts


# Note fields written as they are, and those most imports leave empty. Only the columns some
# note fills are written: binding seven NULLs a row doubles the time of a 100,000-note insert.
_ALWAYS = ("note_id", "round_id", "participant_id", "text", "kind", "source", "source_ref")
_SOMETIMES = ("session_id", "start_char", "end_char", "author", "source_note_id")


def _write_notes(store: Store, plan: Plan) -> int:
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
    constant: dict[str, Any] = {}
    for name in ("round_id", "kind", "source"):
        values = set(map(attrgetter(name), notes))
        if len(values) == 1:
            constant[name] = values.pop()
    fields = [f for f in fields if f not in constant]
    rows: Any = map(attrgetter(*fields), notes)  # C-speed tuples, one per note
    columns = list(fields)
    utterance_ids = store.utterance_ids({n.session_id for n in notes
                                          if n.utterance_index is not None})
    extra: list[tuple[str, list[Any]]] = []
    if utterance_ids:
        extra.append(("utterance_id", [utterance_ids.get((n.session_id, n.utterance_index))
                                       for n in notes]))
        if set(map(attrgetter("end_utterance_index"), notes)) - {None}:  # spanning notes
            extra.append(("end_utterance_id", [
                utterance_ids.get((n.session_id, n.end_utterance_index))
                if n.end_utterance_index is not None else None for n in notes]))
    if any(map(attrgetter("attributes"), notes)):
        extra.append(("attributes", [json.dumps(dict(n.attributes), ensure_ascii=False)
                                     for n in notes]))
    if extra:
        columns += [name for name, _ in extra]
        rows = (row + tail for row, tail in zip(rows, zip(*(v for _, v in extra))))
    constant["created_at"] = now()  # one timestamp for the import
    store.insert_notes(columns, rows, constant)
    return len(notes)
