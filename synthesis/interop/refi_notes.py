"""A REFI-QDA text source read into a session, and its coded selections into notes.

:mod:`~synthesis.interop.refi_import` reads the project around the sources (its codebook,
users, the sources' text, rounds and cases) and hands each text source here: its
selections are placed in its text (:mod:`~synthesis.interop.refi_positions`), its
``Name: text`` lines become the session's turns with roles decided as for transcripts, and
each coded selection becomes a note (a selection over one speaker's lines in a row, with
only a line break between them, one note over those turns). When the codings carry two or
more users, :func:`coders_sorts` gives each user's codings a sort of their own. The
project's memos (``<Notes>``) are not these notes: they are not imported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from lxml import etree

from ..errors import RefiError
from ..identity import IdentityRule
from ..ingest.roles import assign_roles
from ..model import Note, Session, Utterance
from .refi_codebook import ORIGIN
from .refi_conventions import PROVENANCE, continued_lines, normalise_guid as _guid
from .refi_positions import Reading, Resolved, Selection, resolve
from .refi_text import locate, locate_turns, utterances as split_utterances


def referenced_guid(el: etree._Element, child: str) -> str:
    """The GUID a child reference element (``<CodeRef targetGUID=...>``) points at.

    >>> coding = etree.fromstring('<Coding><CodeRef targetGUID="{AB-12}"/></Coding>')
    >>> referenced_guid(coding, "CodeRef"), referenced_guid(coding, "VariableRef")
    ('ab-12', '')
    """
    found = el.find(child)
    return _guid(found.get("targetGUID")) if found is not None else ""


@dataclass
class Source:
    """A text source of the project: its stored text, and what the project says of it."""

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


@dataclass
class SourceReader:
    """Reads text sources with what the project around them says: its users (by GUID), its
    codes' theme ids, which case owns a selection, and the study's interviewers.

    Examples
    --------
    >>> from synthesis.identity import DEFAULT
    >>> el = etree.fromstring(
    ...     '<TextSource><PlainTextSelection guid="{A1}" startPosition="22" endPosition="34">'
    ...     '<Coding creatingUser="u1"><CodeRef targetGUID="c1"/></Coding>'
    ...     '</PlainTextSelection></TextSource>')
    >>> said: list[str] = []
    >>> reader = SourceReader("p.qdpx", "p.qdpx › project.qde", {"u1": "Ana"}, {"t-c1"},
    ...                       {}, ("Interviewer",), DEFAULT, said.append)
    >>> source = Source("s1", "call", el, "Interviewer: Why?\\nP1: It was slow.\\n",
    ...                 notes_only=False, participant_id="P01", session_id="call")
    >>> session, notes, codings = reader.read(source, reader.resolve(source, None))
    >>> [(u.speaker, u.role) for u in session.utterances]
    [('Interviewer', 'interviewer'), ('P1', 'participant')]
    >>> note = notes[0]
    >>> note.text, note.theme_ids, note.author, note.utterance_index, codings
    ('It was slow.', ('t-c1',), 'Ana', 1, 1)
    """

    label: str  # the file's name
    where: str  # the file › its project entry, for messages
    users: dict[str, str]  # user GUID -> name
    theme_ids: set[str]
    selection_owner: dict[str, str]  # selection GUID -> participant id (a case's SelectionRef)
    interviewers: tuple[str, ...]
    identity: IdentityRule
    say: Callable[[str], object]

    def resolve(self, source: Source, prefer: Reading | None) -> Resolved:
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

    def read(self, source: Source, resolved: Resolved) -> tuple[Session | None, list[Note], int]:
        """One text source: its session (none if it holds notes), its coded selections as
        notes, and how many codings they carry."""
        text = resolved.text
        session = None if source.notes_only else self.session(source, text)
        if source.element.find("Coding") is not None:
            self.say(f"{self.where}: codings of the whole source {source.name!r} were skipped; "
                     "only coded selections become notes.")
        notes: list[Note] = []
        codings = empty = 0
        for sel, given, span in zip(source.selections(), resolved.given, resolved.ranges):
            start, end = span or (0, 0)
            if start >= end:
                empty += 1
                continue
            note, n = self.note(source, sel, text, start, end, given)
            notes.append(note)
            codings += n
        if empty:
            self.say(f"{self.where}: {empty} empty selections in {source.name!r} were skipped.")
        return session, notes, codings

    def session(self, source: Source, text: str) -> Session:
        """The session a source's text holds, its turns read from ``Name: text`` lines."""
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

    def note(self, source: Source, sel: etree._Element, text: str, start: int,
             end: int, given: Selection) -> tuple[Note, int]:
        """A coded selection as a note in its themes, and how many codings it carries."""
        theme_ids: list[str] = []
        coded_by: list[tuple[str, str]] = []  # (user, theme id); "" for no user
        author = None
        codings = sel.findall("Coding")
        for coding in codings:
            tid = "t-" + referenced_guid(coding, "CodeRef")
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


def coders_sorts(notes: list[Note], origin: str | None, where: str,
                 say: Callable[[str], object]) -> list[Note]:
    """Several users coded: each one's codings go to their sort, not the shared board.

    A project synthesis wrote (``origin``, the project's) is its shared board: its coding
    users are the notes' authors, not coders, so it stays one board. Codings with no user
    stay on the shared board.

    Examples
    --------
    >>> notes = [Note("n-1", "slow", "P01", "r1", coded_by=(("Ana", "t-a"), ("Ben", "t-b"))),
    ...          Note("n-2", "dear", "P02", "r1", coded_by=(("Ana", "t-a"), ("", "t-c")))]
    >>> said: list[str] = []
    >>> sorted_apart = coders_sorts(notes, "NVivo", "p.qdpx", said.append)
    >>> [(n.theme_ids, n.coded_by) for n in sorted_apart]
    [((), (('Ana', 't-a'), ('Ben', 't-b'))), (('t-c',), (('Ana', 't-a'),))]
    >>> [n.coded_by for n in coders_sorts(notes, ORIGIN + " (study)", "p.qdpx", said.append)]
    [(), ()]
    """
    coders: dict[str, int] = {}
    for note in notes:
        for user, _ in note.coded_by:
            if user:
                coders[user] = coders.get(user, 0) + 1
    ours = (origin or "").startswith(ORIGIN.split()[0] + " ")
    if len(coders) < 2 or ours:
        return [replace(n, coded_by=()) for n in notes]
    kept = 0
    sorted_apart = []
    for note in notes:
        # codings with no user stay on the shared board
        on_board = tuple(dict.fromkeys(t for u, t in note.coded_by if not u))
        kept += len([u for u, _ in note.coded_by if not u])
        sorted_apart.append(replace(note, theme_ids=on_board,
                                    coded_by=tuple((u, t) for u, t in note.coded_by if u)))
    who = ", ".join(f"{u!r} ({n} coding{'s' if n != 1 else ''})"
                    for u, n in sorted(coders.items()))
    say(f"{where}: the codings carry {len(coders)} users ({who}); each user's "
        "codings go to a sort of the round named after the user, and the shared "
        "board gets the notes unsorted" + (f" (codings with no user: {kept}, kept "
                                            "on it)" if kept else "") + ".")
    return sorted_apart
