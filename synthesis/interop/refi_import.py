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

This module reads the project around the sources (the project file, codebook, users, each
source's text, rounds and cases); what one text source becomes, its session and its coded
selections as notes, is read by :mod:`~synthesis.interop.refi_notes`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import RefiError
from ..identity import DEFAULT, IdentityRule
from ..model import ImportBundle, Participant, Theme
from .refi_conventions import NOTES_SOURCE, ROUND_MARK, normalise_guid as _guid
from .refi_notes import Source, SourceReader, coders_sorts, referenced_guid
from .refi_positions import Reading, Resolved, explain
from .refi_safety import MAX_ENTRY_BYTES, SafeZip, parse_xml
from .refi_text import decode_text, docx_text

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
        reader = SourceReader(self.label, self.where, self.users, self.theme_ids,
                              self.selection_owner, self.interviewers, self.identity, self.say)
        # The source with the most selections is read first; how it counts positions breaks
        # ties in the others (one tool wrote them all).
        prefer: Reading | None = None
        resolved: dict[str, Resolved] = {}
        for source in sorted(sources.values(), key=lambda s: -len(s.selections())):
            resolved[source.guid] = reader.resolve(source, prefer)
            if source.selections() and prefer is None:
                prefer = resolved[source.guid].reading
        self.bundle.messages.extend(explain(self.label, [
            (s.name, resolved[s.guid]) for s in sources.values()]))
        codings = 0
        for source in sources.values():
            session, notes, n = reader.read(source, resolved[source.guid])
            if session is not None:
                self.bundle.sessions.append(session)
            self.bundle.notes.extend(notes)
            codings += n
        origin = root.get("origin")
        self.bundle.notes = coders_sorts(self.bundle.notes, origin, self.where, self.say)
        media = sum(len(root.findall(f"Sources/{tag}")) for tag in _MEDIA)
        if media:
            self.say(f"{self.where}: {media} picture, PDF, audio or video sources were "
                     "skipped; only text sources become sessions.")
        memos = len(root.findall("Notes/Note"))
        if memos:
            self.say(f"{self.where}: {memos} memos (project notes) were not imported.")
        self.bundle.messages.insert(0, (
            f"{self.where}: read {len(self.bundle.themes)} codes, {len(self.users)} users, "
            f"{len(sources)} text sources, "
            f"{len(self.bundle.notes)} selections ({codings} codings) and "
            f"{len(self.bundle.participants)} cases" + (f", written by {origin}." if origin
                                                        else ".")))
        return self.bundle

    # -- sources -----------------------------------------------------------------------------
    def _sources(self) -> dict[str, Source]:
        sources: dict[str, Source] = {}
        taken: set[str] = set()
        for el in self.root.iterfind("Sources/TextSource"):
            guid = _guid(el.get("guid"))
            name = el.get("name") or guid
            notes_only = bool(NOTES_SOURCE.search(el.findtext("Description") or ""))
            source = Source(guid, name, el, self._text(el, name), notes_only)
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

    def _rounds(self, sources: dict[str, Source]) -> None:
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

    def _participants(self, sources: dict[str, Source]) -> None:
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
                var = self.variables.get(referenced_guid(vv, "VariableRef"))
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
