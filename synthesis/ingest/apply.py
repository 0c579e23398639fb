"""Writing imports into a study: parse first, then one transaction, then keep the raw file.

The order is what makes an import all-or-nothing. The parser reads the file without touching
the study; every check that could refuse the bundle runs before the first write; the bundle
is written in one transaction together with a row in ``imports`` (the file's SHA-256, so the
same file imported twice adds nothing); only after the commit is the raw file copied into the
study folder, as given.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, StudyError
from ..model import ImportBundle
from ..store import now

if TYPE_CHECKING:
    from ..study import Study

KINDS = ("notes", "participants", "transcript", "guide", "qdpx", "qdc", "codebook")


def import_file(study: Study, path: Path, *, kind: str | None = None,
                round_id: str | None = None, create_participants: bool = False,
                interviewer: str | None = None) -> dict[str, Any]:
    """Import one file into ``study``; returns a summary dict (counts and messages)."""
    path = Path(path)
    if not path.is_file():
        raise StudyError(f"{path}: no such file.")
    if kind is not None and kind not in KINDS:
        raise StudyError(f"--kind {kind!r} is not a kind of input; expected one of "
                         f"{', '.join(KINDS)}.")
    if kind is None:
        from .detect import detect_kind

        kind = detect_kind(path)
    round_id = round_id or _round_from_path(study, path)
    if round_id is not None and round_id not in _declared_rounds(study):
        _refuse_undeclared(study, path, round_id)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    seen = study.store.one("SELECT source, at FROM imports WHERE sha256=?", (sha,))
    if seen is not None:
        return {"file": path.name, "kind": kind, "round": round_id, "status": "unchanged",
                "messages": [f"{path.name}: already imported (as {seen['source']}); "
                             "nothing to do."]}
    bundle = _parse(study, path, kind, round_id, create_participants, interviewer)
    dest = _raw_destination(study, path, kind, round_id)
    staged = _stage_copy(path, dest)
    try:
        summary = apply_bundle(study, bundle, round_id=round_id, sha256=sha,
                               create_participants=create_participants)
    except BaseException:
        if staged is not None:
            staged.unlink(missing_ok=True)
        raise
    if staged is not None:
        os.replace(staged, dest)
    summary.update(file=path.name, kind=kind, round=round_id, status="imported")
    return summary


def _declared_rounds(study: Study) -> set[str]:
    return {r["id"] for r in study.config["rounds"]} | set(study.rounds()["round_id"])


def _refuse_undeclared(study: Study, path: Path, round_id: str) -> None:
    declared = ", ".join(sorted(_declared_rounds(study))) or "none"
    raise StudyError(f"{path}: round {round_id!r} is not in study.toml (rounds: {declared}); "
                     "add it under [[rounds]] first.")


def _round_from_path(study: Study, path: Path) -> str | None:
    """A file under ``rounds/<round>/`` belongs to that round."""
    try:
        rel = path.resolve().relative_to(study.folder / "rounds")
    except ValueError:
        return None
    return rel.parts[0] if len(rel.parts) > 1 else None


def _raw_destination(study: Study, path: Path, kind: str, round_id: str | None) -> Path | None:
    """Where the raw file is kept; None when it already lives inside the study folder."""
    if path.resolve().is_relative_to(study.folder):
        return None
    if kind in ("guide", "participants") or round_id is None:
        dest = study.folder / "inputs" / path.name
    else:
        dest = study.folder / "rounds" / round_id / path.name
    if dest.exists() and dest.read_bytes() != path.read_bytes():
        raise StudyError(f"{path}: the study already keeps a different file named "
                         f"{dest.relative_to(study.folder)}; rename one of them.")
    return dest


def _stage_copy(path: Path, dest: Path | None) -> Path | None:
    if dest is None or dest.exists():
        return None
    dest.parent.mkdir(parents=True, exist_ok=True)
    staged = dest.with_name(f".{dest.name}.importing")
    shutil.copyfile(path, staged)
    return staged


def _parse(study: Study, path: Path, kind: str, round_id: str | None,
           create_participants: bool, interviewer: str | None) -> ImportBundle:
    known = set(study.store.frame("SELECT participant_id FROM participants")["participant_id"])
    if kind == "notes":
        from .notes import parse_notes

        themes = study.themes()
        theme_ids = {n.lower(): t for n, t in zip(themes["name"], themes["theme_id"])}
        return parse_notes(path, round_id=round_id, known_participants=known,
                           create_participants=create_participants, theme_ids=theme_ids)
    if kind == "participants":
        from .participants import parse_participants

        return parse_participants(path, round_id=round_id)
    if kind == "guide":
        from .guide import parse_guide

        return parse_guide(path)
    if kind == "transcript":
        from .transcripts import parse_transcript

        if round_id is None:
            raise StudyError(f"{path}: which round is this interview from? Put the file "
                             "under rounds/<round>/ or pass --round.")
        return parse_transcript(path, round_id=round_id,
                                interviewers=study.config["interviewers"],
                                interviewer_override=interviewer)
    if kind == "qdpx":
        from ..interop.refi_import import parse_qdpx

        return parse_qdpx(path, interviewers=study.config["interviewers"])
    if kind == "codebook":  # a spreadsheet of themes: name, description, parent, colour
        from ..interop.tables import parse_codebook_csv

        return parse_codebook_csv(path)
    from ..interop.refi_import import parse_qdc

    return parse_qdc(path)


def _rename_clashing_sessions(store: Any, bundle: ImportBundle) -> ImportBundle:
    """Refuse a session imported twice; rename one that only shares a name with another.

    ``P03.vtt`` and ``P03.srt`` are different files whose stems give the same session id;
    the second becomes ``p03-srt`` (and says so) rather than being refused.
    """
    renames: dict[str, str] = {}
    sessions = []
    for s in bundle.sessions:
        row = store.one("SELECT source FROM sessions WHERE session_id=?", (s.session_id,))
        if row is not None and row["source"] == s.source:
            raise InputError(bundle.source, f"session {s.session_id!r} is already in the "
                             f"study (imported from {row['source']}).")
        if row is not None:
            new_id = f"{s.session_id}-{Path(s.source).suffix.lstrip('.').lower() or 'more'}"
            if store.one("SELECT 1 FROM sessions WHERE session_id=?", (new_id,)):
                raise InputError(bundle.source, f"sessions {s.session_id!r} and {new_id!r} "
                                 "are already in the study; rename the file.")
            bundle.messages.append(f"a session {s.session_id!r} already exists (from "
                                   f"{row['source']}); this one is {new_id!r}.")
            renames[s.session_id] = new_id
            s = replace(s, session_id=new_id)
        sessions.append(s)
    if not renames:
        return bundle
    notes = [replace(n, session_id=renames.get(n.session_id, n.session_id))
             for n in bundle.notes]
    return replace(bundle, sessions=sessions, notes=notes)


def apply_bundle(study: Study, bundle: ImportBundle, *, round_id: str | None = None,
                 sha256: str | None = None, create_participants: bool = False,
                 ) -> dict[str, Any]:
    """Write ``bundle`` into the study in one transaction, after checking all of it."""
    store = study.store
    conn = store.conn
    known = set(study.store.frame("SELECT participant_id FROM participants")["participant_id"])
    known |= {p.participant_id for p in bundle.participants}
    new_participants = list(bundle.participants)
    for owner in [*bundle.sessions, *bundle.notes]:
        pid = owner.participant_id
        if pid is None or pid in known:
            continue
        if not create_participants:
            what = "session" if owner in bundle.sessions else "a note"
            raise InputError(bundle.source, f"{what} belongs to participant {pid!r}, who is "
                             "not in the study's participants; add them to the participants "
                             "file or import with --create-participants.")
        from ..model import Participant

        new_participants.append(Participant(pid, round_id=getattr(owner, "round_id", None)
                                            or round_id, attributes={"created_from":
                                                                     bundle.source}))
        known.add(pid)
    bundle = _rename_clashing_sessions(store, bundle)
    for rid in {s.round_id for s in bundle.sessions} | {n.round_id for n in bundle.notes}:
        if rid is not None and rid not in _declared_rounds(study):
            _refuse_undeclared(study, Path(bundle.source), rid)

    counts = dict.fromkeys(("participants", "sessions", "utterances", "notes", "themes",
                            "placements", "guide"), 0)
    with store.transaction():
        for p in new_participants:
            existing = store.one("SELECT attributes, name, round_id FROM participants "
                                 "WHERE participant_id=?", (p.participant_id,))
            attrs = dict(p.attributes)
            if existing is not None:  # an updated participants file refreshes attributes
                attrs = {**json.loads(existing["attributes"]), **attrs}
            conn.execute("INSERT OR REPLACE INTO participants VALUES (?, ?, ?, ?)",
                         (p.participant_id,
                          p.round_id or (existing["round_id"] if existing else round_id),
                          p.name if p.name is not None else
                          (existing["name"] if existing else None),
                          json.dumps(attrs, ensure_ascii=False, default=str)))
            counts["participants"] += 1
        utterance_ids: dict[tuple[str, int], int] = {}
        for s in bundle.sessions:
            conn.execute("INSERT INTO sessions (session_id, round_id, participant_id, "
                         "interviewers, date, source, speakers_known, language) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (s.session_id, s.round_id or round_id, s.participant_id,
                          json.dumps(list(s.interviewers)), s.date, s.source,
                          int(s.speakers_known), s.language))
            counts["sessions"] += 1
            for i, u in enumerate(s.utterances):
                cur = conn.execute(
                    "INSERT INTO utterances (session_id, position, speaker, role, start_s, "
                    "end_s, text, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (s.session_id, i, u.speaker, u.role, u.start_s, u.end_s, u.text, u.ref))
                utterance_ids[(s.session_id, i)] = int(cur.lastrowid or 0)
            counts["utterances"] += len(s.utterances)
        position = conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM themes")\
            .fetchone()[0]
        for t in bundle.themes:
            current = store.get("themes", t.theme_id)
            if current is not None and current["status"] == "live":
                continue
            store.put("themes", t.theme_id, {
                "theme_id": t.theme_id, "name": t.name, "description": t.description,
                "colour": t.colour, "parent_id": t.parent_id, "position": position,
                "status": "live", "merged_into": None})
            position += 1
            counts["themes"] += 1
        stamp = now()
        for n in bundle.notes:
            if store.one("SELECT 1 FROM notes WHERE note_id=?", (n.note_id,)) is not None:
                continue
            uid = None
            if n.session_id is not None and n.utterance_index is not None:
                uid = utterance_ids.get((n.session_id, n.utterance_index))
                if uid is None:
                    row = store.one("SELECT utterance_id FROM utterances WHERE session_id=? "
                                    "AND position=?", (n.session_id, n.utterance_index))
                    uid = row[0] if row else None
            conn.execute("INSERT INTO notes (note_id, round_id, participant_id, session_id, "
                         "utterance_id, text, kind, source, source_ref, start_char, end_char, "
                         "created_at, author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (n.note_id, n.round_id or round_id, n.participant_id, n.session_id,
                          uid, n.text, n.kind, n.source or bundle.source, n.source_ref,
                          n.start_char, n.end_char, stamp, n.author))
            counts["notes"] += 1
            for tid in dict.fromkeys(n.theme_ids):  # every theme of the note, once each
                store.put("placements", (n.note_id, tid), {"note_id": n.note_id,
                                                           "theme_id": tid})
                counts["placements"] += 1
        if bundle.guide:
            conn.execute("DELETE FROM guide_questions")
            for q in bundle.guide:
                conn.execute("INSERT INTO guide_questions VALUES (?, ?, ?, ?, ?)",
                             (q.position, q.position, q.text, int(q.is_key),
                              q.parent_position))
            counts["guide"] = len(bundle.guide)
        summary_text = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
        store.log("import", study.author, f"import {bundle.source}: {summary_text or 'nothing'}",
                  source=bundle.source, input_kind=bundle.kind, counts=counts)
        if sha256 is not None:
            conn.execute("INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?)",
                         (sha256, bundle.source, bundle.kind, round_id, stamp,
                          json.dumps(counts)))
    return {"counts": counts, "messages": list(bundle.messages)}
