"""The records an importer hands to the study store, in the researcher's words.

Every importer (spreadsheets, transcripts, guides, REFI-QDA) parses its file into an
:class:`ImportBundle` without touching the study; the store then writes the whole bundle in
one transaction. That split is what makes imports all-or-nothing: a file that fails to parse
never reaches the database.

Frames returned by :class:`synthesis.Study` use these column names (analysis and chart code
rely on them):

- notes: ``note_id, round_id, participant_id, session_id, utterance_id, text, kind,
  source, source_ref, start_char, end_char, author, source_note_id, attributes, theme_ids,
  themes`` — one row per note;
  a note can sit in several themes, so ``theme_ids`` is a tuple of live theme ids in board
  order (``()`` for an unsorted note) and ``themes`` their names. Counting per theme needs one
  row per (note, theme) with ``theme_id``/``theme``: :func:`synthesis.placements.notes_by_theme`
  makes it, and every analysis function accepts either shape.
- participants: ``participant_id, round_id, name`` plus one column per attribute
  (``segment``, ``role``, ``plan``, ...)
- sessions: ``session_id, round_id, participant_id, interviewers, date, source,
  speakers_known, language, role_warnings`` (``role_warnings``: sentences saying the roles
  were guessed or the interviewer talked more than 60 %, shown beside the session)
- utterances: ``utterance_id, session_id, position, speaker, role, start_s, end_s, text``
  (``role`` is ``interviewer``, ``participant``, ``observer`` — a note-taker or co-host,
  on neither side of talk share — or ``other``: unnamed speech, task prompts, stage
  directions)
- themes: ``theme_id, name, description, colour, parent_id, position, notes,
  participants`` (live themes only; a note counts in each theme it sits in)
- placements: ``note_id, theme_id``, one row per note and theme
- guide: ``question_id, position, text, is_key, parent_id``
- rounds: ``round_id, name, start, end, position``
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Participant:
    participant_id: str
    round_id: str | None = None
    name: str | None = None  # real name, kept for redaction; reports show the id
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Utterance:
    """One speaker turn (consecutive cues of one speaker merged)."""

    speaker: str | None
    text: str
    start_s: float | None = None
    end_s: float | None = None
    role: str = "other"  # interviewer / participant / observer / other
    ref: str = ""  # where in the source file, e.g. "cue 12" or "line 40"


@dataclass(frozen=True)
class Session:
    """One interview: its participant, interviewers and turns."""

    session_id: str
    round_id: str | None
    participant_id: str | None
    source: str
    interviewers: tuple[str, ...] = ()
    date: str | None = None
    speakers_known: bool = True
    language: str = "en"
    utterances: tuple[Utterance, ...] = ()
    role_warnings: tuple[str, ...] = ()  # guessed roles, a talkative interviewer


# Not frozen, unlike the other records: a 100,000-row notes file makes 100,000 of them, and a
# frozen dataclass takes three times as long to build. Treat a Note as a value all the same
# (change one with dataclasses.replace).
@dataclass(slots=True)
class Note:
    """A sticky note. ``utterance_index`` points into its session's utterances."""

    note_id: str
    text: str
    participant_id: str | None
    round_id: str | None
    kind: str = "observation"  # quote / observation / ...
    source: str = ""
    source_ref: str = ""  # "row 12", "cue 5", ...
    session_id: str | None = None
    utterance_index: int | None = None
    start_char: int | None = None  # character range inside the utterance text
    end_char: int | None = None
    theme_ids: tuple[str, ...] = ()  # every theme this note is placed in (one placement each)
    author: str | None = None
    source_note_id: str | None = None  # the source's own id (a highlight id), kept
    attributes: tuple[tuple[str, str], ...] = ()  # e.g. (("topic", "Pricing page"),)
    # (user, theme id) of each coding when a REFI-QDA project's codings carry several users:
    # they go to one sort per user (synthesis.ingest.coder_sorts), not to the shared board
    coded_by: tuple[tuple[str, str], ...] = ()
    # a highlight over one speaker's turns in a row: the index of the turn it ends in
    # (``end_char`` is then counted in that turn; see synthesis.spans)
    end_utterance_index: int | None = None


@dataclass(frozen=True)
class Theme:
    theme_id: str
    name: str
    description: str = ""
    colour: str | None = None
    parent_id: str | None = None


@dataclass(frozen=True)
class GuideQuestion:
    position: int
    text: str
    is_key: bool = False
    parent_position: int | None = None  # a follow-up names the question it follows


@dataclass(frozen=True)
class Unimported:
    """A piece of the input that did not become its own record, and why.

    ``outcome`` is ``"merged"`` (it joined a record made from another piece: a row that
    repeats a highlight with another tag) or ``"skipped"`` (nothing was made of it).
    """

    unit: str  # row / tag / turn / paragraph / bullet / file
    where: str  # "row 12", "line 40", "rounds/r1/photo.jpg"
    reason: str  # "no note text", "the same tag twice on one note"
    outcome: str = "skipped"
    what: str = ""  # the text or tag concerned, shortened for the summary


@dataclass
class ImportBundle:
    """What one file adds to a study. Built by a parser, written by the store in one go.

    ``inputs`` counts what was read (``{"row": 1930, "tag": 2012}``); every one of those is
    either a record in the bundle or listed in ``unimported`` with its reason, which is
    what the import summary adds up (:mod:`synthesis.ingest.accounting`).
    """

    source: str  # the file's name as the researcher knows it
    kind: str  # notes / participants / transcript / guide / qdpx / qdc
    participants: list[Participant] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    guide: list[GuideQuestion] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # what the importer assumed, for the user
    inputs: dict[str, int] = field(default_factory=dict)
    unimported: list[Unimported] = field(default_factory=list)
    note_unit: str | None = None  # the input unit one note comes from ("row", "bullet")


# Which participant attributes are private (names, contact details, profiles) is decided in
# one place, by the words of a column's name: synthesis.privacy.is_private.
