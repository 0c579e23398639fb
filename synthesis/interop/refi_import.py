"""Importing REFI-QDA (QDA-XML 1.0) projects (.qdpx) and codebooks (.qdc) from other tools.

Codes become themes (``theme_id`` is ``"t-"`` plus the code's GUID, so importing the same
file twice finds the same themes), text sources become sessions, coded selections become
notes placed in their themes (a selection over one speaker's lines in a row, with only a
line break between them, one note over those turns, as a highlight made in the transcript
reader is), cases with their variables become participants with
attributes, and users stay on as the notes' authors. When the codings carry two or more
users (in a project another tool wrote), each user's codings go to a sort of their own
(``Note.coded_by``, written by :mod:`synthesis.ingest.coder_sorts`) and the notes land
unsorted on the shared board; codings with no user stay on the shared board. Parsing never
touches the study: the result is an :class:`~synthesis.model.ImportBundle` that the store
writes in one go.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import RefiError
from ..identity import DEFAULT, IdentityRule
from ..ingest.roles import assign_roles
from ..model import ImportBundle, Note, Participant, Session, Theme, Utterance
from .refi_codebook import ORIGIN
from .refi_conventions import (NOTES_SOURCE, PROVENANCE, ROUND_MARK, continued_lines,
                               normalise_guid as _guid)
from .refi_positions import Reading, Resolved, Selection, explain, resolve
from .refi_safety import MAX_ENTRY_BYTES, SafeZip, parse_xml
from .refi_text import (decode_text, docx_text, locate, locate_turns,
                        utterances as split_utterances)

_ID_LIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
_MEDIA = ("PictureSource", "PDFSource", "AudioSource", "VideoSource")


def parse_qdpx(path: str | Path, *, interviewers: Sequence[str] = (),
               identity: IdentityRule = DEFAULT) -> ImportBundle:
    """Read a REFI-QDA project into an import bundle (kind ``"qdpx"``); nothing is written.

    In sources written as ``Name: text`` lines, roles are decided as for transcripts
    (:mod:`synthesis.ingest.roles`): labels that carry a role, then a speaker matching one
    of ``interviewers`` (the study's), then questions asked. A case named like a
    participant id is read by :mod:`synthesis.identity` (``p2`` is ``P02``).

    Examples
    --------
    >>> from synthesis.interop.refi_export import export_qdpx
    >>> _ = export_qdpx("study.qdpx", study.themes(), study.notes())
    >>> bundle = parse_qdpx("study.qdpx")
    >>> len(bundle.themes), len(bundle.notes)  # the sample study's 9 themes and 706 notes
    (9, 706)
    """
    path = Path(path)
    with SafeZip(path) as archive:
        qde, messages = _project_entry(archive)
        root = parse_xml(archive.read(qde), f"{path.name} › {qde}")
        if root.tag != "Project":
            raise RefiError(f"{path.name} › {qde}: the root element is <{root.tag}>; expected "
                            "<Project> (a QDA-XML project).")
        bundle = _ProjectReader(path.name, qde, root, archive, interviewers, identity).read()
    bundle.messages[:0] = messages
    return bundle


def parse_qdc(path: str | Path) -> ImportBundle:
    """Read a REFI-QDA codebook into an import bundle of themes (kind ``"qdc"``).

    Examples
    --------
    >>> from synthesis.interop.study_io import export_study
    >>> _ = export_study(study, "qdc", "codebook.qdc")
    >>> [t.name for t in parse_qdc("codebook.qdc").themes][:2]
    ['Chasing late payments', 'Accountant access']
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_ENTRY_BYTES:
            raise RefiError(f"{path.name}: is larger than any codebook could be; refused.")
        data = path.read_bytes()
    except OSError as exc:
        raise RefiError(f"{path.name}: cannot be read ({exc.strerror}).") from None
    root = parse_xml(data, path.name)
    if root.tag != "CodeBook":
        raise RefiError(f"{path.name}: the root element is <{root.tag}>; expected <CodeBook> "
                        "(a QDA-XML codebook).")
    _check_unique_guids(root, path.name)
    codes = root.find("Codes")
    bundle = ImportBundle(source=path.name, kind="qdc")
    bundle.themes = _themes(codes, path.name) if codes is not None else []
    sets = root.find("Sets")
    if sets is not None and len(sets) == 0:
        bundle.messages.append(f"{path.name}: an empty <Sets/> (as Taguette writes) was "
                               "ignored.")
    bundle.messages.insert(0, f"{path.name}: read {len(bundle.themes)} codes as themes.")
    return bundle


# -- the project file ------------------------------------------------------------------------
def _project_entry(archive: SafeZip) -> tuple[str, list[str]]:
    """The project file's entry: ``project.qde``, or the one ``.qde`` a tool named otherwise."""
    names = archive.names()
    exact = [n for n in names if n.lower() == "project.qde"]
    if exact:
        return exact[0], []
    qdes = [n for n in names if n.lower().endswith(".qde")]
    if len(qdes) == 1:
        return qdes[0], [f"{archive.label}: the project file is named {qdes[0]!r} rather than "
                         "project.qde (ATLAS.ti does this); read it anyway."]
    if not qdes:
        raise RefiError(f"{archive.label}: holds no project.qde (nor any other .qde file); "
                        "is it a REFI-QDA project?")
    raise RefiError(f"{archive.label}: holds {len(qdes)} .qde files ({', '.join(qdes[:3])}) "
                    "and none named project.qde; expected exactly one project file.")


def _ref(el: etree._Element, child: str) -> str:
    """The GUID a child reference element (``<CodeRef targetGUID=...>``) points at."""
    found = el.find(child)
    return _guid(found.get("targetGUID")) if found is not None else ""


def _check_unique_guids(root: etree._Element, where: str) -> None:
    seen: dict[str, etree._Element] = {}
    for el in root.iter():
        # A codebook's <MemberCode guid=...> points at a code; it is not a GUID of its own.
        g = _guid(el.get("guid")) if el.tag != "MemberCode" else ""
        if not g:
            continue
        if g in seen:
            first = seen[g]
            raise RefiError(f"{where}, line {el.sourceline}: GUID {g} is used twice (by "
                            f"{_describe(first)} and {_describe(el)}); every GUID must be "
                            "unique.")
        seen[g] = el


def _describe(el: etree._Element) -> str:
    name = el.get("name")
    return f"<{el.tag} name={name!r}>" if name else f"<{el.tag}> on line {el.sourceline}"


def _themes(codes: etree._Element, where: str) -> list[Theme]:
    """Codes, depth first, so a parent theme always comes before its children."""
    themes: list[Theme] = []

    def walk(parent: etree._Element, parent_id: str | None) -> None:
        for code in parent.findall("Code"):
            guid = _guid(code.get("guid"))
            if not guid:
                raise RefiError(f"{where}, line {code.sourceline}: a <Code> has no guid "
                                "attribute.")
            name = " ".join((code.get("name") or "").split()) or "Unnamed code"
            description = (code.findtext("Description") or "").strip()
            theme_id = "t-" + guid
            themes.append(Theme(theme_id, name[:200], description, _colour(code.get("color")),
                                parent_id))
            walk(code, theme_id)

    walk(codes, None)
    return themes


def _colour(value: str | None) -> str | None:
    if not value or not _COLOUR.match(value.strip()):
        return None
    value = value.strip()
    if len(value) == 4:  # "#abc" is shorthand for "#aabbcc"
        value = "#" + "".join(ch * 2 for ch in value[1:])
    return value.lower()


def _slug(name: str) -> str:
    return re.sub(r"[^\w.-]+", "-", name, flags=re.U).strip("-.")[:60]


def _typed(value: etree._Element) -> Any:
    text = (value.text or "").strip()
    try:
        if value.tag == "IntegerValue":
            return int(text)
        if value.tag == "FloatValue":
            return float(text)
        if value.tag == "BooleanValue":
            return text.lower() in ("true", "1")
    except ValueError:
        pass
    return text


@dataclass
class _Source:
    guid: str
    name: str
    element: etree._Element
    raw: str
    notes_only: bool
    participant_id: str | None = None
    round_id: str | None = None
    session_id: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)  # utterance ranges in text
    speakers: list[str | None] = field(default_factory=list)  # each utterance's speaker

    def selections(self) -> list[etree._Element]:
        return self.element.findall("PlainTextSelection")


class _ProjectReader:
    def __init__(self, label: str, qde: str, root: etree._Element, archive: SafeZip,
                 interviewers: Sequence[str], identity: IdentityRule) -> None:
        self.label = label
        self.interviewers = tuple(interviewers)
        self.identity = identity
        self.where = f"{label} › {qde}"
        self.root = root
        self.archive = archive
        self.bundle = ImportBundle(source=label, kind="qdpx")
        self.say = self.bundle.messages.append
        self.lower_names = {n.lower(): n for n in archive.names()}

    def read(self) -> ImportBundle:
        root = self.root
        _check_unique_guids(root, self.where)
        self.users = {_guid(u.get("guid")): (u.get("name") or u.get("id") or _guid(u.get("guid")))
                      for u in root.iterfind("Users/User")}
        codes = root.find("CodeBook/Codes")
        self.bundle.themes = _themes(codes, self.where) if codes is not None else []
        self.theme_ids = {t.theme_id for t in self.bundle.themes}
        self.variables = {_guid(v.get("guid")): v.get("name") or "variable"
                          for v in root.iterfind("Variables/Variable")}
        sources = self._sources()
        self._rounds(sources)
        self._participants(sources)
        # The source with the most selections is read first; how it counts positions breaks
        # ties in the others (one tool wrote them all).
        prefer: Reading | None = None
        resolved: dict[str, Resolved] = {}
        for source in sorted(sources.values(), key=lambda s: -len(s.selections())):
            resolved[source.guid] = self._resolve(source, prefer)
            if source.selections() and prefer is None:
                prefer = resolved[source.guid].reading
        self.bundle.messages.extend(explain(self.label, [
            (s.name, resolved[s.guid]) for s in sources.values()]))
        codings = sum(self._source(source, resolved[source.guid])
                      for source in sources.values())
        self._coders()
        media = sum(len(root.findall(f"Sources/{tag}")) for tag in _MEDIA)
        if media:
            self.say(f"{self.where}: {media} picture, PDF, audio or video sources were "
                     "skipped; only text sources become sessions.")
        memos = len(root.findall("Notes/Note"))
        if memos:
            self.say(f"{self.where}: {memos} memos (project notes) were not imported.")
        origin = root.get("origin")
        self.bundle.messages.insert(0, (
            f"{self.where}: read {len(self.bundle.themes)} codes, {len(self.users)} users, "
            f"{len(sources)} text sources, "
            f"{len(self.bundle.notes)} selections ({codings} codings) and "
            f"{len(self.bundle.participants)} cases" + (f", written by {origin}." if origin
                                                        else ".")))
        return self.bundle

    def _coders(self) -> None:
        """Several users coded: each one's codings go to their sort, not the shared board.

        A project synthesis wrote is its shared board: its coding users are the notes'
        authors, not coders, so it stays one board.
        """
        coders: dict[str, int] = {}
        for note in self.bundle.notes:
            for user, _ in note.coded_by:
                if user:
                    coders[user] = coders.get(user, 0) + 1
        ours = (self.root.get("origin") or "").startswith(ORIGIN.split()[0] + " ")
        if len(coders) < 2 or ours:
            self.bundle.notes = [replace(n, coded_by=()) for n in self.bundle.notes]
            return
        kept = 0
        notes = []
        for note in self.bundle.notes:
            # codings with no user stay on the shared board
            on_board = tuple(dict.fromkeys(t for u, t in note.coded_by if not u))
            kept += len([u for u, _ in note.coded_by if not u])
            notes.append(replace(note, theme_ids=on_board,
                                 coded_by=tuple((u, t) for u, t in note.coded_by if u)))
        self.bundle.notes = notes
        who = ", ".join(f"{u!r} ({n} coding{'s' if n != 1 else ''})"
                        for u, n in sorted(coders.items()))
        self.say(f"{self.where}: the codings carry {len(coders)} users ({who}); each user's "
                 "codings go to a sort of the round named after the user, and the shared "
                 "board gets the notes unsorted" + (f" (codings with no user: {kept}, kept "
                                                     "on it)" if kept else "") + ".")

    # -- sources -----------------------------------------------------------------------------
    def _sources(self) -> dict[str, _Source]:
        sources: dict[str, _Source] = {}
        taken: set[str] = set()
        for el in self.root.iterfind("Sources/TextSource"):
            guid = _guid(el.get("guid"))
            name = el.get("name") or guid
            notes_only = bool(NOTES_SOURCE.search(el.findtext("Description") or ""))
            source = _Source(guid, name, el, self._text(el, name), notes_only)
            if not notes_only:
                sid = _slug(name) or "source-" + guid[:8]
                base, n = sid, 2
                while sid.lower() in taken:
                    sid, n = f"{base}-{n}", n + 1
                taken.add(sid.lower())
                source.session_id = sid
            sources[guid] = source
        return sources

    def _text(self, el: etree._Element, name: str) -> str:
        """The plain text of a source: inline, its .txt in Sources/, else its .docx."""
        inline = el.find("PlainTextContent")
        if inline is not None:
            return inline.text or ""
        path = el.get("plainTextPath")
        if path:
            return decode_text(self._entry(path, name), f"{self.label} › {path}", self.say)
        rich = el.get("richTextPath")
        if rich:
            data = self._entry(rich, name)
            self.say(f"{self.label}: source {name!r} has only a rich-text version; its text was "
                     "taken from the document's paragraphs.")
            return docx_text(data, f"{self.label} › {rich}")
        raise RefiError(f"{self.where}, line {el.sourceline}: text source {name!r} has neither "
                        "PlainTextContent nor a plainTextPath.")

    def _entry(self, ref: str, name: str) -> bytes:
        scheme, sep, rest = ref.partition("://")
        if not sep or scheme.lower() != "internal":
            raise RefiError(f"{self.where}: source {name!r} refers to {ref!r}, outside the "
                            "project; only sources stored inside the .qdpx can be imported.")
        parts = [p for p in re.split(r"[\\/]", rest) if p not in ("", ".")]
        if ".." in parts:
            raise RefiError(f"{self.where}: source {name!r} refers to {ref!r}, which climbs "
                            "out of the archive; refused.")
        for candidate in ("sources/" + "/".join(parts), "/".join(parts)):
            if candidate.lower() in self.lower_names:
                return self.archive.read(self.lower_names[candidate.lower()])
        raise RefiError(f"{self.label}: source {name!r} names Sources/{'/'.join(parts)}, "
                        "which is not in the archive.")

    def _rounds(self, sources: dict[str, _Source]) -> None:
        for s in self.root.iterfind("Sets/Set"):
            match = ROUND_MARK.match(s.findtext("Description") or "")
            if match is None:
                continue
            for member in s.iterfind("MemberSource"):
                source = sources.get(_guid(member.get("targetGUID")))
                if source is not None:
                    source.round_id = match.group(1)
        if sources and not any(s.round_id for s in sources.values()):
            self.say(f"{self.where}: the file says nothing about rounds; import it with --round "
                     "to put its sessions and notes in one.")
        other = [s for s in self.root.iterfind("Sets/Set")
                 if not ROUND_MARK.match(s.findtext("Description") or "")
                 and s.find("MemberCode") is None]
        if other:
            self.say(f"{self.where}: {len(other)} sets of sources or notes were not imported.")

    def _participants(self, sources: dict[str, _Source]) -> None:
        self.selection_owner: dict[str, str] = {}
        seen: set[str] = set()
        for case in self.root.iterfind("Cases/Case"):
            guid = _guid(case.get("guid"))
            name = " ".join((case.get("name") or "").split())
            pid = self.identity.canonical(name) if _ID_LIKE.match(name) else (
                _slug(name) or "case-" + guid[:8])
            if pid in seen:
                raise RefiError(f"{self.where}, line {case.sourceline}: two cases are both "
                                f"named {pid!r}; each case must be one participant.")
            seen.add(pid)
            attributes: dict[str, Any] = {}
            for vv in case.iterfind("VariableValue"):
                var = self.variables.get(_ref(vv, "VariableRef"))
                value = next((c for c in vv if c.tag.endswith("Value")), None)
                if var is not None and value is not None:
                    attributes[var] = _typed(value)
            rounds = set()
            for ref in case.iterfind("SourceRef"):
                source = sources.get(_guid(ref.get("targetGUID")))
                if source is not None and source.participant_id is None:
                    source.participant_id = pid
                    rounds.add(source.round_id)
            for ref in case.iterfind("SelectionRef"):
                self.selection_owner[_guid(ref.get("targetGUID"))] = pid
            rounds.discard(None)
            marked = ROUND_MARK.match(case.findtext("Description") or "")
            round_id = marked.group(1) if marked else (rounds.pop() if len(rounds) == 1
                                                        else None)
            self.bundle.participants.append(Participant(
                pid, round_id=round_id,
                name=None if name == pid or not name else name, attributes=attributes))

    def _resolve(self, source: _Source, prefer: Reading | None) -> Resolved:
        """Map a source's selections into its text, deciding how positions were counted."""
        raw = []
        for sel in source.selections():
            try:
                start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
                if not (0 <= start < 2**53 and 0 <= end < 2**53):
                    raise ValueError
            except (TypeError, ValueError):
                raise RefiError(f"{self.where}, line {sel.sourceline}: a PlainTextSelection "
                                "needs whole-number startPosition and endPosition that are "
                                "not negative.") from None
            raw.append(Selection(start, end, sel.get("name") or ""))
        resolved = resolve(source.raw, raw, source=f"{self.label} › {source.name}",
                           prefer=prefer)
        if resolved.misfits:
            bad = next(i for i, r in enumerate(resolved.ranges) if r is None)
            raise RefiError(f"{self.where}, line {source.selections()[bad].sourceline}: "
                            f"selection {raw[bad].start}–{raw[bad].end} lies outside the "
                            f"{len(resolved.text)}-character text of source {source.name!r} "
                            "however positions are counted; the project is damaged.")
        return resolved

    def _source(self, source: _Source, resolved: Resolved) -> int:
        """One text source: its session (unless it holds notes) and its coded selections."""
        text = resolved.text
        if not source.notes_only:
            self.bundle.sessions.append(self._session(source, text))
        if source.element.find("Coding") is not None:
            self.say(f"{self.where}: codings of the whole source {source.name!r} were skipped; "
                     "only coded selections become notes.")
        codings = empty = 0
        for sel, given, span in zip(source.selections(), resolved.given, resolved.ranges):
            start, end = span or (0, 0)
            if start >= end:
                empty += 1
                continue
            note, n = self._note(source, sel, text, start, end, given)
            self.bundle.notes.append(note)
            codings += n
        if empty:
            self.say(f"{self.where}: {empty} empty selections in {source.name!r} were skipped.")
        return codings

    def _session(self, source: _Source, text: str) -> Session:
        continuing = continued_lines(source.element.findtext("Description"))
        utterances, source.spans, labelled, continued = split_utterances(text, continuing)
        source.speakers = [u.speaker for u in utterances]
        if continued:
            lines = (f"{continued} lines of {source.name!r} with no speaker label were read "
                     "as further turns" if continued != 1 else f"1 line of {source.name!r} "
                     "with no speaker label was read as a further turn")
            named = ", ".join(map(str, sorted(continuing)))
            like = (f" (line {named} only starts like one, as the source's description says)"
                    if len(continuing) == 1 else f" (lines {named} only start like one, as "
                    "the source's description says)" if continuing else "")
            self.say(f"{self.where}: {lines} of the speaker on the line before{like}.")
        interviewers: tuple[str, ...] = ()
        warnings: tuple[str, ...] = ()
        if labelled:
            roles = assign_roles([(u.speaker, u.text) for u in utterances],
                                 interviewers=self.interviewers, identity=self.identity,
                                 source=f"{self.label} › {source.name}")
            interviewers, warnings = roles.interviewers, roles.warnings
            for message in (*roles.warnings, *roles.messages):
                self.say(message + ".")
            utterances = [Utterance(u.speaker, u.text, role=roles.role(u.speaker), ref=u.ref)
                          for u in utterances]
        return Session(source.session_id or "", source.round_id, source.participant_id,
                       source=f"{self.label} › {source.name}", interviewers=interviewers,
                       speakers_known=labelled, utterances=tuple(utterances),
                       role_warnings=warnings)

    def _note(self, source: _Source, sel: etree._Element, text: str, start: int,
              end: int, given: Selection) -> tuple[Note, int]:
        theme_ids: list[str] = []
        coded_by: list[tuple[str, str]] = []  # (user, theme id); "" for no user
        author = None
        codings = sel.findall("Coding")
        for coding in codings:
            tid = "t-" + _ref(coding, "CodeRef")
            if tid not in self.theme_ids:
                raise RefiError(f"{self.where}, line {coding.sourceline}: a coding refers to "
                                f"code {tid[2:]}, which is not in the codebook.")
            if tid not in theme_ids:
                theme_ids.append(tid)
            user = (self.users.get(_guid(coding.get("creatingUser")))
                    or self.users.get(_guid(sel.get("creatingUser"))) or "")
            if (user, tid) not in coded_by:
                coded_by.append((user, tid))
            author = author or self.users.get(_guid(coding.get("creatingUser")))
        author = author or self.users.get(_guid(sel.get("creatingUser")))
        guid = _guid(sel.get("guid"))
        if not guid:
            raise RefiError(f"{self.where}, line {sel.sourceline}: a PlainTextSelection has no "
                            "guid attribute.")
        kind, origin = "quote", self.label
        ref = f"{source.name}, positions {given.start}–{given.end}"
        provenance = PROVENANCE.match((sel.findtext("Description") or "").strip())
        if provenance:
            kind, origin = provenance.group(1), provenance.group(2)
            ref = provenance.group(3) or ref
        pid = self.selection_owner.get(guid, source.participant_id)
        utterance_index = start_char = end_char = last = None
        if source.session_id is not None and source.spans:
            utterance_index, start_char, end_char = locate(source.spans, start, end)
            over = None if start_char is not None else locate_turns(source.spans, text,
                                                                    start, end)
            # a highlight over one speaker's turns in a row is one note over them (a note
            # holds one speaker's words)
            if over is not None and len(set(source.speakers[over[0]:over[2] + 1])) == 1:
                utterance_index, start_char, last, end_char = over
        note = Note("n-" + guid, text[start:end], pid, source.round_id, kind=kind,
                    source=origin, source_ref=ref, session_id=source.session_id,
                    utterance_index=utterance_index, start_char=start_char, end_char=end_char,
                    theme_ids=tuple(theme_ids), author=author, coded_by=tuple(coded_by),
                    end_utterance_index=last)
        return note, len(codings)
