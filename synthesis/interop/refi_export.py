"""Exporting a study as a REFI-QDA project (.qdpx) for other QDA tools.

The builders take plain frames (or lists of dicts) rather than a study, so what lands in the
XML can be tested without a store. Themes become Codes (a parent theme a parent Code),
notes become PlainTextSelections on a text source: a transcript note on its exact range of
the session's text (built as ``Speaker: text`` lines; a turn that a highlight runs into from
the same speaker's turn before is a line without its label, so the range holds the
highlight's words and no label, and if that turn's own words start like a label the
source's Description names the line, so the import does not read them as one), other notes
on one text source per
participant and round that holds them as paragraphs. Participants become Cases with their
attributes as Text variables, rounds and theme groups become Sets, the board a Graph, and
the people in the event log Users, each Coding naming the one who made it.

Positions are counted in code points of the exported text, which uses LF line breaks and
no BOM, so the three ways tools count positions agree except for emoji (see
:mod:`synthesis.interop.refi_positions`).
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from lxml import etree

from ..ingest.speakers import split_label
from ..placements import notes_by_theme
from ..spans import span_text, turn_ranges
from .refi_codebook import (ORIGIN, Frame, as_int, codes, group_sets, hex_colour, maker,
                            records, theme_tree, walk_themes, write_atomic, xml_text)
from .refi_conventions import (continued_description, guid_for, notes_source_description,
                               provenance, round_description)

PROJECT_NS = "urn:QDA-XML:project:1.0"
# A zip entry's date; fixed so that the same study always exports to the same bytes.
_EPOCH = (1980, 1, 1, 0, 0, 0)
BOX_W, BOX_H, GAP_X, GAP_Y = 220, 80, 40, 30


@dataclass
class ProjectParts:
    """A built project: the ``project.qde`` bytes, the source texts, and what was assumed."""

    qde: bytes
    sources: dict[str, bytes] = field(default_factory=dict)  # "Sources/<guid>.txt" -> UTF-8
    messages: list[str] = field(default_factory=list)


# -- the project -----------------------------------------------------------------------------
@dataclass
class _TextSource:
    key: str  # a session id, or "notes:<participant>:<round>"
    name: str
    description: str
    participant_id: str | None
    round_id: str | None
    text: str = ""
    selections: list[tuple[int, int, dict[str, Any], list[str]]] = field(default_factory=list)

    @property
    def guid(self) -> str:
        return guid_for("source", self.key)


def _session_sources(sessions: list[dict[str, Any]], utterances: list[dict[str, Any]],
                     notes: Iterable[dict[str, Any]] = (),
                     ) -> tuple[dict[str, _TextSource], dict[int, tuple[str, int, str]]]:
    """One text source per session, built as ``Speaker: text`` lines.

    A turn that one of ``notes`` runs into from the turn before (a highlight over one
    speaker's turns in a row) is written without its label, so that the highlight's range
    in the document holds its words and nothing else (:func:`_continued`). Such a line whose
    words start like a label (``Dana: I said``) is named in the source's Description
    (:func:`~synthesis.interop.refi_conventions.continued_description`), so the import reads
    it as the same speaker's further turn, words and all.
    Returns the sources and, per utterance id, (session id, offset of its text, its text).
    """
    by_session: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for u in utterances:
        by_session[u["session_id"]].append(u)
    for turns in by_session.values():
        turns.sort(key=lambda u: as_int(u.get("position")) or 0)
    continued = _continued(by_session, notes)
    info = {s["session_id"]: s for s in sessions}
    sources: dict[str, _TextSource] = {}
    where: dict[int, tuple[str, int, str]] = {}
    for sid in list(info) + [s for s in by_session if s not in info]:
        s = info.get(sid, {})
        described = ", ".join(str(v) for v in (s.get("date"), s.get("source")) if v)
        source = _TextSource(sid, str(sid), f"Interview {sid}" + (f" ({described})"
                                                                   if described else ""),
                             s.get("participant_id"), s.get("round_id"))
        parts: list[str] = []
        at = 0
        number = 1  # of the turn's first line in the source text
        like_labels: list[int] = []
        for u in by_session.get(sid, []):
            text = _lf(u.get("text"))
            uid = as_int(u.get("utterance_id"))
            prefix = f"{u['speaker']}: " if u.get("speaker") and uid not in continued else ""
            if uid in continued and split_label(text) is not None:
                like_labels.append(number)
            if uid is not None:
                where[uid] = (sid, at + len(prefix), text)
            line = prefix + text + "\n"
            parts.append(line)
            at += len(line)
            number += line.count("\n")
        source.text = "".join(parts)
        if like_labels:
            source.description += ". " + continued_description(like_labels)
        sources[sid] = source
    return sources, where


def _lf(text: Any) -> str:
    return str(text or "").replace("\r\n", "\n").replace("\r", "\n")


def _continued(by_session: Mapping[str, list[dict[str, Any]]],
               notes: Iterable[dict[str, Any]]) -> set[int]:
    """Turns a note runs into from the turn before: its second to last turns.

    Only a note that holds exactly its turns' words (one turn a line, as
    :func:`synthesis.spans.span_text` joins them) over turns of one speaker counts; such a
    turn's line needs no label, the line before being the same speaker's.
    """
    turn: dict[int, tuple[str, dict[str, Any]]] = {}
    texts_of: dict[str, dict[int, str]] = defaultdict(dict)  # in session order
    for sid, turns in by_session.items():
        for u in turns:
            uid = as_int(u.get("utterance_id"))
            if uid is not None:
                turn[uid] = (sid, u)
                texts_of[sid][uid] = _lf(u.get("text"))
    out: set[int] = set()
    for note in notes:
        first, last = as_int(note.get("utterance_id")), as_int(note.get("end_utterance_id"))
        start, end = as_int(note.get("start_char")), as_int(note.get("end_char"))
        if (first is None or last is None or start is None or end is None or last == first
                or first not in turn or last not in turn or turn[first][0] != turn[last][0]):
            continue
        texts = texts_of[turn[first][0]]
        ranges = turn_ranges(first, start, end, last, texts)
        speakers = {turn[uid][1].get("speaker") for uid, _, _ in ranges}
        if ranges and len(speakers) == 1 and span_text(ranges, texts) == _lf(note.get("text")):
            out.update(uid for uid, _, _ in ranges[1:])
    return out


def _place_note(note: dict[str, Any], sources: dict[str, _TextSource],
                where: dict[int, tuple[str, int, str]]) -> tuple[str, int, int] | None:
    """Where a note's text lies in its session's source text, if it lies there at all.

    The note's own range is used only when it holds the note's text (a highlight over
    several turns: their words, one turn a line, with no label between them): a note edited
    after it was cut must keep its words, so it is looked up by text instead (or exported
    with the participant's other notes).
    """
    text = _lf(note.get("text"))
    uid = as_int(note.get("utterance_id"))
    last = as_int(note.get("end_utterance_id"))
    start, end = as_int(note.get("start_char")), as_int(note.get("end_char"))
    if uid is not None and last is not None and last != uid and uid in where \
            and last in where and start is not None and end is not None:
        # a highlight over one speaker's turns in a row: from its first turn's start to its
        # last turn's end, the later turns' lines written without a label (_continued)
        sid = where[uid][0]
        a, b = where[uid][1] + start, where[last][1] + end
        if sid in sources and sources[sid].text[a:b] == text:
            return sid, a, b
    if uid is not None and uid in where:
        sid, offset, utext = where[uid]
        if (start is not None and end is not None and 0 <= start < end <= len(utext)
                and utext[start:end] == text):
            return sid, offset + start, offset + end
        found = utext.find(text) if text else -1
        if found >= 0:
            return sid, offset + found, offset + found + len(text)
    session = note.get("session_id")
    if session in sources and text:
        found = sources[session].text.find(text)
        if found >= 0:
            return session, found, found + len(text)
    return None


def build_project(themes: Frame, notes: Frame, *, sessions: Frame | None = None,
                  utterances: Frame | None = None, participants: Frame | None = None,
                  rounds: Frame | None = None,
                  layout: Mapping[str, Sequence[float]] | None = None,
                  users: Iterable[str] = (), name: str = "synthesis study",
                  description: str = "", default_author: str = "synthesis",
                  origin: str = ORIGIN) -> ProjectParts:
    """Build ``project.qde`` and its source texts from a study's frames.

    ``notes`` may hold one row per note (``theme_ids``, as ``Study.notes()`` gives them) or
    one row per placement (a note in two themes twice); a note in several themes is one
    selection with one coding per theme. ``layout`` maps a
    theme id to its board position ``(x, y)`` (a grid by group is used without it);
    ``users`` are the people in the event log.

    Examples
    --------
    >>> parts = build_project([{"theme_id": "t-1", "name": "Trust"}],
    ...     [{"note_id": "n-1", "participant_id": "P01", "text": "I check every invoice.",
    ...       "theme_id": "t-1", "author": "ana"}])
    >>> [text.decode() for text in parts.sources.values()]
    ['I check every invoice.\\n']
    """
    messages: list[str] = []
    theme_rows, children = theme_tree(themes)
    theme_ids = {r["theme_id"] for r in theme_rows}
    session_rows = records(sessions)
    session_round = {s["session_id"]: s.get("round_id") for s in session_rows}

    # Notes: one entry per note, its themes gathered from however many rows it has.
    note_rows: dict[str, dict[str, Any]] = {}
    note_themes: dict[str, list[str]] = defaultdict(list)
    dropped = 0
    for row in records(notes_by_theme(notes) if isinstance(notes, pd.DataFrame) else notes):
        nid = str(row["note_id"])
        note_rows.setdefault(nid, row)
        tid = row.get("theme_id")
        if tid is not None and tid not in note_themes[nid]:
            if tid in theme_ids:
                note_themes[nid].append(tid)
            else:
                dropped += 1
    if dropped:
        messages.append(f"{dropped} placements in themes that are not exported were left out.")
    sources, where = _session_sources(session_rows, records(utterances), note_rows.values())

    moved = 0
    notes_sources: dict[tuple[Any, Any], _TextSource] = {}
    loose: dict[tuple[Any, Any], list[dict[str, Any]]] = defaultdict(list)
    for nid, note in note_rows.items():
        placed = _place_note(note, sources, where)
        if placed is not None:
            sid, start, end = placed
            sources[sid].selections.append((start, end, note, note_themes[nid]))
            continue
        if note.get("session_id") is not None:
            moved += 1
        round_id = note.get("round_id") or session_round.get(note.get("session_id"))
        loose[(note.get("participant_id"), round_id)].append(note)
    if moved:
        which = "1 note from a session is" if moved == 1 else f"{moved} notes from sessions are"
        messages.append(f"{which} not quoted word for word from the transcript, so they went "
                        "with their participant's other notes.")
    rounds_of: dict[Any, set[Any]] = defaultdict(set)
    for pid, rid in loose:
        rounds_of[pid].add(rid)
    for (pid, rid), group in loose.items():
        label = f"{pid or 'Unassigned'} notes"
        if len(rounds_of[pid]) > 1 and rid is not None:
            label += f", {rid}"
        source = _TextSource(f"notes:{pid}:{rid}", label, notes_source_description(pid),
                             pid, rid)
        at = 0
        for note in group:
            text = _lf(note.get("text"))
            if at:
                source.text += "\n\n"
                at += 2
            source.text += text
            if text:
                source.selections.append((at, at + len(text), note,
                                          note_themes[str(note["note_id"])]))
            at += len(text)
        source.text += "\n"
        notes_sources[(pid, rid)] = source
    all_sources = list(sources.values()) + list(notes_sources.values())

    people = sorted({str(u) for u in users if u} | {str(n["author"]) for n in note_rows.values()
                                                    if n.get("author")} | {default_author})
    E = maker(PROJECT_NS)
    root = E.Project(name=xml_text(name), origin=origin,
                     creatingUserGUID=guid_for("user", default_author))
    root.append(E.Users(*[E.User(guid=guid_for("user", p), name=xml_text(p)) for p in people]))
    if theme_rows:
        root.append(E.CodeBook(E.Codes(*codes(E, theme_rows, children))))
    _cases(E, root, participants, all_sources)
    if all_sources:  # the schema wants at least one source inside <Sources>
        root.append(_sources_element(E, all_sources, default_author))
    sets = _round_sets(E, rounds, all_sources) + group_sets(E, theme_rows, children)
    if sets:
        root.append(E.Sets(*sets))
    if theme_rows:
        root.append(E.Graphs(_graph(E, theme_rows, children, layout or {})))
    if description:
        root.append(E.Description(xml_text(description)))
    qde = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    files = {f"Sources/{s.guid}.txt": s.text.encode("utf-8") for s in all_sources}
    return ProjectParts(qde, files, messages)


def _cases(E: Any, root: etree._Element, participants: Frame | None,
           sources: list[_TextSource]) -> None:
    rows = records(participants)
    known = {str(r["participant_id"]) for r in rows}
    for s in sources:  # a session's participant missing from the frame still gets a case
        if s.participant_id is not None and str(s.participant_id) not in known:
            rows.append({"participant_id": s.participant_id})
            known.add(str(s.participant_id))
    if not rows:
        return
    # The real name is kept for redaction and never leaves the study; cases show the id.
    attrs = [c for c in dict.fromkeys(k for r in rows for k in r)
             if c not in ("participant_id", "round_id", "name", "attributes")]
    if attrs:
        root.append(E.Variables(*[E.Variable(guid=guid_for("variable", a), name=xml_text(a),
                                             typeOfVariable="Text") for a in attrs]))
    cases = []
    for r in rows:
        pid = str(r["participant_id"])
        case = E.Case(guid=guid_for("participant", pid), name=xml_text(pid))
        if r.get("round_id") is not None:  # a participant with no session still has a round
            case.append(E.Description(round_description(str(r["round_id"]))))
        for a in attrs:
            if r.get(a) is not None and str(r[a]) != "":
                case.append(E.VariableValue(E.VariableRef(targetGUID=guid_for("variable", a)),
                                            E.TextValue(xml_text(r[a]))))
        for s in sources:
            if s.participant_id is not None and str(s.participant_id) == pid:
                case.append(E.SourceRef(targetGUID=s.guid))
        cases.append(case)
    root.append(E.Cases(*cases))


def _sources_element(E: Any, sources: list[_TextSource], default_author: str) -> Any:
    out = E.Sources()
    for s in sources:
        el = E.TextSource(E.Description(xml_text(s.description)), guid=s.guid,
                          name=xml_text(s.name), plainTextPath=f"internal://{s.guid}.txt")
        for start, end, note, tids in sorted(s.selections, key=lambda x: (x[0], x[1])):
            nid = str(note["note_id"])
            attrs = {"guid": guid_for("note", nid), "name": xml_text(s.text[start:end][:60]),
                     "startPosition": str(start), "endPosition": str(end)}
            if note.get("author"):
                attrs["creatingUser"] = guid_for("user", str(note["author"]))
            sel = E.PlainTextSelection(
                E.Description(xml_text(provenance(note.get("kind"), note.get("source"),
                                            note.get("source_ref")))), **attrs)
            # Every coding names who made it; a note with no author was placed by the study.
            coder = guid_for("user", str(note.get("author") or default_author))
            for tid in tids:
                sel.append(E.Coding(E.CodeRef(targetGUID=guid_for("theme", tid)),
                                    guid=guid_for("coding", f"{nid}:{tid}"),
                                    creatingUser=coder))
            el.append(sel)
        out.append(el)
    return out


def _round_sets(E: Any, rounds: Frame | None, sources: list[_TextSource]) -> list[Any]:
    rows = records(rounds)
    ids = [str(r["round_id"]) for r in rows]
    names = {str(r["round_id"]): r.get("name") for r in rows}
    for s in sources:
        if s.round_id is not None and str(s.round_id) not in ids:
            ids.append(str(s.round_id))
    sets = []
    for rid in ids:
        title = f"Round {rid}" + (f": {names[rid]}" if names.get(rid) and names[rid] != rid
                                  else "")
        members = [E.MemberSource(targetGUID=s.guid) for s in sources
                   if s.round_id is not None and str(s.round_id) == rid]
        sets.append(E.Set(E.Description(round_description(rid)), *members,
                          guid=guid_for("round", rid), name=xml_text(title)))
    return sets


def board_layout(children: Mapping[str | None, list[str]]) -> dict[str, tuple[int, int]]:
    """A default board: one column per top-level theme, its sub-themes stacked below it."""
    layout: dict[str, tuple[int, int]] = {}
    for column, top in enumerate(children.get(None, [])):
        stack = [tid for tid, _ in walk_themes({None: [top], **{k: v for k, v in children.items()
                                                           if k is not None}})]
        for row, tid in enumerate(stack):
            layout.setdefault(tid, (GAP_X + column * (BOX_W + GAP_X),
                                    GAP_Y + row * (BOX_H + GAP_Y)))
    return layout


def _graph(E: Any, rows: list[dict[str, Any]], children: Mapping[str | None, list[str]],
           layout: Mapping[str, Sequence[float]]) -> Any:
    default = board_layout(children)
    graph = E.Graph(guid=guid_for("graph", "board"), name="Affinity board")
    for r in rows:
        tid = r["theme_id"]
        pos = layout.get(tid) or default.get(tid) or (0, 0)
        x, y = round(float(pos[0])), round(float(pos[1]))
        w = round(float(pos[2])) if len(pos) > 2 else BOX_W
        h = round(float(pos[3])) if len(pos) > 3 else BOX_H
        attrs = {"guid": guid_for("vertex", tid), "representedGUID": guid_for("theme", tid),
                 "name": xml_text(r.get("name") or ""), "firstX": str(x), "firstY": str(y),
                 "secondX": str(x + w), "secondY": str(y + h), "shape": "RoundedRectangle"}
        colour = hex_colour(r.get("colour"))
        if colour:
            attrs["color"] = colour
        graph.append(E.Vertex(**attrs))
    return graph


def write_qdpx(parts: ProjectParts, path: str | Path) -> Path:
    """Write a built project as a ``.qdpx`` zip (atomically: a reader never sees half)."""

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [("project.qde", parts.qde), *sorted(parts.sources.items())]:
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return write_atomic(Path(path), buffer.getvalue())


def export_qdpx(path: str | Path, themes: Frame, notes: Frame, **kwargs: Any) -> ProjectParts:
    """Build the project (see :func:`build_project`) and write it to ``path``.

    Examples
    --------
    >>> parts = export_qdpx("study.qdpx", study.themes(), study.notes())
    >>> Path("study.qdpx").stat().st_size > 0
    True
    """
    parts = build_project(themes, notes, **kwargs)
    write_qdpx(parts, path)
    return parts


