"""Importing one interview transcript as a session with its speakers' roles and notes.

Reads WebVTT/SubRip (:mod:`~synthesis.ingest.cues`), text exports
(:mod:`~synthesis.ingest.textformats`), Word and OpenDocument files
(:mod:`~synthesis.ingest.documents`) and coded-turn spreadsheets
(:mod:`~synthesis.ingest.codedturns`); merges cues into turns (:mod:`~synthesis.ingest.turns`);
reads one-sided transcripts (:mod:`~synthesis.ingest.onesided`); decides roles
(:mod:`~synthesis.ingest.roles`) and cuts candidate notes (:mod:`~synthesis.ingest.quotes`).
This module ties them together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from synthesis.errors import InputError
from synthesis.identity import DEFAULT, IdentityRule
from synthesis.ingest import session_notes
from synthesis.ingest.codedturns import read_coded_turns
from synthesis.ingest.cues import read_cue_file
from synthesis.ingest.documents import as_lines, docx_paragraphs, read_paragraphs
from synthesis.ingest.encoding import decode_bytes
from synthesis.ingest.mapping import NO_MAPPING, ColumnMap
from synthesis.ingest.onesided import read_one_sided
from synthesis.ingest.roles import (RoleAssignment, assign_roles, canonical_label, check_given,
                                    label_role, same_person)
from synthesis.ingest.speakers import speaker_aliases, split_label
from synthesis.ingest.tables import SPREADSHEET_SUFFIXES
from synthesis.ingest.textformats import detect_text_style, known_labels, parse_text
from synthesis.ingest.turns import Segment, build_turns, segments_from_cues
from synthesis.model import ImportBundle, Session, Utterance

if TYPE_CHECKING:
    from synthesis.ingest.codedturns import CodedTurns

FORMAT_NAMES = {
    "vtt": "WebVTT",
    "srt": "SubRip",
    "otter": "Otter-style text",
    "timestamped": "timestamped text",
    "labelled": "'Name: text' lines",
    "plain": "plain text",
    "coded": "coded turns",
}
_TS = r"(?:[0-9]+:)?[0-9]{1,2}:[0-9]{1,2}(?:[.,][0-9]{1,3})?"
_TIMING_LINE = re.compile(rf"\s*{_TS}\s*-->\s*{_TS}(?:\s.*)?", re.A)
_DATE_IN_NAME = re.compile(r"(?<!\d)(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)")


def detect_transcript_format(text: str, suffix: str = "") -> str:
    """The format of a transcript, from its extension and its first lines.

    One of ``vtt``, ``srt`` (timed cues) or a text convention: ``otter`` (``Name  0:10``
    header lines), ``timestamped`` (``[00:01:02] Name: text``, ``00:00:05 <v Name>text``),
    ``labelled`` (``Name: text``) or ``plain``.

    Examples
    --------
    >>> detect_transcript_format("WEBVTT\\n\\n00:01.000 --> 00:02.000\\nHi", ".txt")
    'vtt'
    >>> detect_transcript_format("[00:01:02] Ann: Hi\\n[00:01:05] Bo: Hello", ".txt")
    'timestamped'
    """
    lines = _normalise(text).split("\n")
    suffix = suffix.lower()
    first = next((line for line in lines if line.strip()), "")
    if first.lstrip().startswith("WEBVTT") or suffix == ".vtt":
        return "vtt"
    if suffix == ".srt":
        return "srt"
    head = [line for line in lines[:50] if line.strip()][:3]
    if any(_TIMING_LINE.fullmatch(line) for line in head):
        return "srt"  # a SubRip file under another name (the cue reader accepts both forms)
    return detect_text_style(list(enumerate(lines, start=1)))


@dataclass
class _Reading:
    """A transcript file read into segments, before turns and roles."""

    fmt: str
    segments: list[Segment]
    counted: str  # "222 cues", "40 non-blank lines"
    lines: list[tuple[int, str]] = field(default_factory=list)
    unit: str = "line"
    messages: list[str] = field(default_factory=list)
    coded: CodedTurns | None = None  # for a coded-turn spreadsheet


def parse_transcript(
    path: Path,
    *,
    round_id: str | None,
    session_id: str | None = None,
    participant_id: str | None = None,
    interviewers: Sequence[str] = (),
    interviewer_override: str | None = None,
    speakers: Mapping[str, str] | None = None,
    identity: IdentityRule = DEFAULT,
    candidate_notes: bool = True,
    columns: ColumnMap = NO_MAPPING,
    theme_ids: Mapping[str, str] | None = None,
) -> ImportBundle:
    """Parse a transcript into a bundle with one session and its notes.

    Consecutive cues or lines of one speaker merge into one utterance. Roles follow
    :mod:`~synthesis.ingest.roles`: ``speakers`` (label → role, from ``--speaker`` and
    ``[speakers]``) and ``interviewer_override`` first, then labels that carry a role, then
    the study's ``interviewers``, then questions asked. The participant is
    ``participant_id``, else the id in the file name (read by :mod:`synthesis.identity`),
    else a participant code that speaks (``P1``). Notes are the tagged rows of a coded-turn
    spreadsheet, or candidate quotes cut from participant turns (unless ``candidate_notes``
    is false: a study whose notes already exist). Every assumption is written to
    ``bundle.messages``; guessed roles and a talkative interviewer also to the session's
    ``role_warnings``.

    Raises
    ------
    InputError
        For an empty, undecodable or malformed file, naming the file and line.

    Examples
    --------
    >>> bundle = parse_transcript(Path("data/invoicing-onboarding/rounds/r1/P03-2026-03-04.vtt"),
    ...                           round_id="r1")
    >>> bundle.sessions[0].participant_id, bundle.notes[0].source_ref
    ('P03', 'cue 9')
    """
    path = Path(path)
    source = path.name
    given = dict(speakers or {})
    reading = _read(path, columns, identity)
    messages = reading.messages
    if participant_id is not None:
        participant_id = identity.canonical(participant_id)
    else:
        participant_id = identity.in_name(path.stem) or getattr(reading.coded, "participant",
                                                               None)
    segments = _one_speaker_per_person(reading.segments, identity, source, messages)
    if reading.fmt == "labelled":
        segments = _one_sided(source, reading, segments, given, interviewers, identity,
                              participant_id, messages)
    speakers_known = any(s.speaker for s in segments)
    turns = build_turns(segments, speakers_known=speakers_known)
    if not turns:
        raise InputError(source, f"read {reading.counted} but found no words in them")
    pairs = [(t.speaker, t.text) for t in turns]
    if interviewer_override:
        try:
            check_given(pairs, [interviewer_override])
        except ValueError:
            found = ", ".join(dict.fromkeys(s for s, _ in pairs if s)) or "none"
            raise InputError(source, f"the interviewer {interviewer_override!r} does not "
                                     "speak in this transcript (speakers found: "
                                     f"{found})") from None
        given[interviewer_override] = "interviewer"
        interviewers = ()  # --interviewer names the interviewer side alone
    roles = assign_roles(pairs, given=given, interviewers=interviewers, identity=identity,
                         source=source) if speakers_known else RoleAssignment({}, {})
    if participant_id is None:
        participant_id = _participant_from_speakers(roles, identity, source, messages)

    session_id = session_id or slugify(path.stem)
    utterances = tuple(
        Utterance(speaker=t.speaker, text=t.text, start_s=t.start_s, end_s=t.end_s,
                  role=roles.role(t.speaker), ref=t.ref)
        for t in turns
    )
    bundle = ImportBundle(source=source, kind="transcript")
    if reading.coded is not None:
        bundle.notes, bundle.themes, merged = session_notes.from_coded_rows(
            reading.coded, turns, source, session_id, participant_id, round_id, theme_ids)
        bundle.inputs = {"row": reading.coded.rows, "tag": reading.coded.tags}
        bundle.unimported = [*reading.coded.unimported, *merged]
    elif speakers_known and candidate_notes:
        bundle.notes = session_notes.candidates(turns, utterances, source, session_id,
                                                participant_id, round_id)
    bundle.inputs["turn"] = len(turns)
    _summarise(bundle, reading, turns, roles, speakers_known, candidate_notes,
               participant_id, messages)
    bundle.sessions = [Session(
        session_id=session_id, round_id=round_id, participant_id=participant_id,
        source=source, interviewers=roles.interviewers, date=date_from_name(path.stem),
        speakers_known=speakers_known, utterances=utterances, role_warnings=roles.warnings)]
    return bundle


def _read(path: Path, columns: ColumnMap, identity: IdentityRule) -> _Reading:
    source, suffix = path.name, path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        coded = read_coded_turns(path, columns=columns, identity=identity)
        return _Reading("coded", coded.segments, f"{coded.rows:,} rows",
                        messages=[f"{source}: {m}" for m in coded.messages], coded=coded)
    try:
        head = path.open("rb").read(4)
    except OSError as exc:
        raise InputError(source, f"could not read the file ({exc.strerror or exc})") from None
    if suffix in (".docx", ".odt", ".doc") or head == b"PK\x03\x04":
        # A zip under a text name is most often a Word file someone renamed.
        paragraphs = (read_paragraphs(path) if suffix in (".docx", ".odt", ".doc")
                      else docx_paragraphs(path))
        lines, unit = as_lines(paragraphs), "paragraph"
        text = "\n".join(line for _, line in lines)
        fmt_suffix = ".docx"
    else:
        text = _normalise(decode_bytes(path.read_bytes(), source))
        lines, unit, fmt_suffix = list(enumerate(text.split("\n"), start=1)), "line", suffix
    if not text.strip():
        raise InputError(source, "the file is empty; expected a transcript (WebVTT, SubRip, "
                                 "text, .docx or .odt)")
    fmt = detect_transcript_format(text, fmt_suffix)
    reading = _Reading(fmt, [], "", lines, unit)
    if fmt in ("vtt", "srt"):
        cue_file = read_cue_file(text, source, fmt)
        reading.segments = segments_from_cues(cue_file.cues)
        reading.counted = f"{len(cue_file.cues):,} cues"
        if cue_file.stray_blocks:
            reading.messages.append(f"{source}: {_count(cue_file.stray_blocks, 'block')} "
                                    "without a timing line were kept with the cue before them")
    else:
        reading.segments = parse_text(lines, fmt, unit)
        reading.counted = f"{sum(1 for _, line in lines if line.strip()):,} non-blank {unit}s"
    return reading


def _one_speaker_per_person(segments: list[Segment], identity: IdentityRule, source: str,
                            messages: list[str]) -> list[Segment]:
    """One label per speaker: spacing and case variants of role labels, initials, first names."""
    labels = list(dict.fromkeys(s.speaker for s in segments if s.speaker))
    canonical = {label: canonical_label(label, identity) for label in labels}
    aliases = speaker_aliases(list(dict.fromkeys(canonical.values())))
    for full in dict.fromkeys(aliases.values()):
        shorts = [short for short, name in aliases.items() if name == full]
        messages.append(f"{source}: read {' and '.join(shorts)} as {full} (the same speaker, "
                        "by initials or first name)")
    final = {label: aliases.get(c, c) for label, c in canonical.items()}
    if all(label == name for label, name in final.items()):
        return segments
    return [Segment(final.get(s.speaker, s.speaker) if s.speaker else None, s.text, s.start_s,
                    s.end_s, s.ref, s.whole) for s in segments]


def _one_sided(source: str, reading: _Reading, segments: list[Segment], given: Mapping[str, str],
               interviewers: Sequence[str], identity: IdentityRule,
               participant_id: str | None, messages: list[str]) -> list[Segment]:
    """Re-read a transcript where only one side is labelled (see onesided.py)."""
    labels = list(dict.fromkeys(s.speaker for s in segments if s.speaker))
    if not labels or all(s.speaker for s in segments):
        return segments
    folded = {canonical_label(k, identity).casefold(): v for k, v in given.items()}

    def side(label: str) -> str | None:
        role = folded.get(label.casefold()) or label_role(label, identity)
        if role is None and any(same_person(label, n) for n in interviewers):
            role = "interviewer"
        return {"interviewer": "asking", "observer": "asking",
                "participant": "answering"}.get(role or "")

    sides = {side(label) for label in labels}
    if len(sides) != 1 or None in sides:
        return segments
    other = (participant_id or "Participant") if sides == {"asking"} else "Interviewer"
    known = known_labels(reading.lines)

    def label(text: str) -> tuple[str, str] | None:
        split = split_label(text, known)
        if split is None:
            return None
        name = canonical_label(split[0], identity)
        return (name, split[1]) if name in labels else None

    result = read_one_sided(reading.lines, reading.unit, label, other)
    kept = []
    if result.prompts:
        kept.append(_count(result.prompts, "numbered task prompt"))
    if result.directions:
        kept.append(_count(result.directions, "stage direction"))
    messages.append(f"{source}: only {', '.join(labels)} is labelled, so each unlabelled "
                    f"{reading.unit} was read as {other}'s words"
                    + (f"; kept {' and '.join(kept)} apart (role 'other')" if kept else ""))
    return result.segments


def _participant_from_speakers(roles: RoleAssignment, identity: IdentityRule, source: str,
                               messages: list[str]) -> str | None:
    codes = [s for s, r in roles.roles.items() if r == "participant" and identity.is_id(s)]
    if len(codes) != 1:
        return None
    pid = identity.canonical(codes[0])
    messages.append(f"{source}: no participant id in the file name; took {pid} from the "
                    f"speaker label {codes[0]} (name another with --participant)")
    return pid


def _summarise(bundle: ImportBundle, reading: _Reading, turns: list, roles: RoleAssignment,
               speakers_known: bool, candidates_wanted: bool, participant_id: str | None,
               messages: list[str]) -> None:
    source = bundle.source
    names = list(dict.fromkeys(t.speaker for t in turns if t.speaker is not None))
    summary = (f"{source}: read {reading.counted} ({FORMAT_NAMES[reading.fmt]}) into "
               f"{len(turns):,} utterances")
    if speakers_known:
        summary += " by " + ", ".join(f"{n} ({roles.role(n)})" for n in names)
    out = [summary, *messages]
    if not speakers_known:
        out.append(f"{source}: no speaker labels found; speakers are unknown, so every "
                   "utterance has role 'other' and no candidate notes were made")
    else:
        unnamed = next(i for i, t in enumerate(turns) if t.speaker is not None)
        if unnamed:
            out.append(f"{source}: {_count(unnamed, 'utterance')} before the first speaker "
                       "label had no speaker (role 'other')")
    out += [*roles.warnings, *roles.messages]
    if reading.coded is not None:
        tagged = len(reading.coded.coded)
        out.append(f"{source}: made {_count(len(bundle.notes), 'note')} from "
                   f"{_count(tagged, 'tagged row')}, placed in every tag; untagged turns "
                   "make no notes")
    elif speakers_known and candidates_wanted:
        used = len({note.utterance_index for note in bundle.notes})
        out.append(f"{source}: made {_count(len(bundle.notes), 'candidate note')} from "
                   f"{_count(used, 'participant turn')}")
    elif speakers_known:
        out.append(f"{source}: no candidate notes were made (--no-candidate-notes)")
    if participant_id is None:
        out.append(f"{source}: no participant id given or found in the file name (like "
                   "P03-...); name it with --participant, or its notes have no participant")
    bundle.messages = out


def slugify(text: str) -> str:
    """A session id from a file stem: lower case ASCII words joined by hyphens.

    Examples
    --------
    >>> slugify("P03 – Zoë's Interview (final)")
    'p03-zoes-interview-final'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower().replace("'", "")).strip("-")
    return slug or "session"


def date_from_name(stem: str) -> str | None:
    """The interview date when the file name carries one (``P03-2026-03-04`` → 2026-03-04).

    Examples
    --------
    >>> date_from_name("P03-2026-03-04"), date_from_name("538-python")
    ('2026-03-04', None)
    """
    match = _DATE_IN_NAME.search(stem)
    return match.group(0) if match else None


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _normalise(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")

