"""Importing one interview transcript (.vtt, .srt, .txt, .docx) as a session with quote notes.

The pieces live in their own modules: :mod:`~synthesis.ingest.cues` reads WebVTT/SubRip,
:mod:`~synthesis.ingest.textformats` reads text exports, :mod:`~synthesis.ingest.turns` merges
cues into turns, :mod:`~synthesis.ingest.speakers` decides who interviewed and
:mod:`~synthesis.ingest.quotes` cuts candidate notes. This module ties them together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from synthesis.errors import InputError
from synthesis.ingest.cues import read_cue_file
from synthesis.ingest.encoding import decode_bytes
from synthesis.ingest.quotes import note_id, quote_spans
from synthesis.ingest.speakers import decide_interviewers
from synthesis.ingest.textformats import detect_text_style, parse_text
from synthesis.ingest.turns import Segment, Turn, build_turns, segments_from_cues
from synthesis.ingest.wordfiles import docx_paragraphs
from synthesis.model import ImportBundle, Note, Session, Utterance

FORMAT_NAMES = {
    "vtt": "WebVTT",
    "srt": "SubRip",
    "otter": "Otter-style text",
    "timestamped": "timestamped text",
    "labelled": "'Name: text' lines",
    "plain": "plain text",
}
_TS = r"(?:[0-9]+:)?[0-9]{1,2}:[0-9]{1,2}(?:[.,][0-9]{1,3})?"
_TIMING_LINE = re.compile(rf"\s*{_TS}\s*-->\s*{_TS}(?:\s.*)?", re.A)
_PARTICIPANT_CODE = re.compile(r"[Pp]([0-9]{1,4})(?![A-Za-z0-9])")


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


_DATE_IN_NAME = re.compile(r"(?<!\d)(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)")


def parse_transcript(
    path: Path,
    *,
    round_id: str | None,
    session_id: str | None = None,
    participant_id: str | None = None,
    interviewers: Sequence[str] = (),
    interviewer_override: str | None = None,
) -> ImportBundle:
    """Parse a transcript into a bundle with one session and candidate quote notes.

    Consecutive cues or lines of one speaker merge into one utterance. The interviewer is
    ``interviewer_override``, else any speaker matching ``interviewers`` (a first name is
    enough), else the speaker who asked the most questions; everyone else who is named is a
    participant, unnamed speech is ``other``. Notes come from participant turns only. Every
    assumption is written to ``bundle.messages``.

    Raises
    ------
    InputError
        For an empty, undecodable or malformed file, naming the file and line.

    Examples
    --------
    >>> bundle = parse_transcript(Path("P03-onboarding.vtt"), round_id="r1")  # doctest: +SKIP
    >>> bundle.sessions[0].participant_id, bundle.notes[0].source_ref  # doctest: +SKIP
    ('P03', 'cue 12')
    """
    path = Path(path)
    source = path.name
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise InputError(source, "old Word .doc files cannot be read; save it as .docx")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"could not read the file ({exc.strerror or exc})") from None

    if suffix == ".docx" or data.startswith(b"PK\x03\x04"):
        lines = docx_paragraphs(path)
        text, unit, suffix = "\n".join(line for _, line in lines), "paragraph", ".docx"
    else:
        text = _normalise(decode_bytes(data, source))
        lines = list(enumerate(text.split("\n"), start=1))
        unit = "line"
    if not text.strip():
        raise InputError(
            source, "the file is empty; expected a transcript (WebVTT, SubRip, text or .docx)"
        )

    fmt = detect_transcript_format(text, suffix)
    messages: list[str] = []
    segments: list[Segment]
    if fmt in ("vtt", "srt"):
        cue_file = read_cue_file(text, source, fmt)
        segments = segments_from_cues(cue_file.cues)
        counted = f"{len(cue_file.cues):,} cues"
        if cue_file.stray_blocks:
            messages.append(
                f"{source}: {_count(cue_file.stray_blocks, 'block')} without a timing line "
                "were kept with the cue before them"
            )
    else:
        segments = parse_text(lines, fmt, unit)
        counted = f"{sum(1 for _, line in lines if line.strip()):,} non-blank {unit}s"

    speakers_known = any(segment.speaker for segment in segments)
    turns = build_turns(segments, speakers_known=speakers_known)
    if not turns:
        raise InputError(source, f"read {counted} but found no words in them")
    try:
        decision = decide_interviewers(
            [(turn.speaker, turn.text) for turn in turns],
            interviewers=interviewers,
            override=interviewer_override,
            source=source,
        )
    except ValueError as exc:
        raise InputError(source, str(exc)) from None

    session_id = session_id or slugify(path.stem)
    if participant_id is None:
        participant_id = participant_from_name(path.stem)
    utterances = tuple(
        Utterance(
            speaker=turn.speaker,
            text=turn.text,
            start_s=turn.start_s,
            end_s=turn.end_s,
            role=_role(turn.speaker, decision.interviewers),
            ref=turn.ref,
        )
        for turn in turns
    )
    notes = _candidate_notes(turns, utterances, source, session_id, participant_id, round_id)

    speakers = list(dict.fromkeys(t.speaker for t in turns if t.speaker is not None))
    summary = f"{source}: read {counted} ({FORMAT_NAMES[fmt]}) into {len(turns):,} utterances"
    if speakers_known:
        summary += f" by {len(speakers)} speakers: {', '.join(speakers)}"
    messages.insert(0, summary)
    if not speakers_known:
        messages.append(
            f"{source}: no speaker labels found; speakers are unknown, so every utterance has "
            "role 'other' and no candidate notes were made"
        )
    else:
        unnamed = sum(1 for t in turns if t.speaker is None)
        if unnamed:
            messages.append(
                f"{source}: {_count(unnamed, 'utterance')} before the first speaker label "
                "had no speaker (role 'other')"
            )
    if decision.message:
        messages.append(decision.message)
    if speakers_known:
        turns_used = len({note.utterance_index for note in notes})
        messages.append(
            f"{source}: made {_count(len(notes), 'candidate note')} from "
            f"{_count(turns_used, 'participant turn')}"
        )
    if participant_id is None:
        messages.append(
            f"{source}: no participant id given or found in the file name (like P03-...); "
            "its notes have no participant"
        )

    session = Session(
        session_id=session_id,
        round_id=round_id,
        participant_id=participant_id,
        source=source,
        interviewers=decision.interviewers,
        date=date_from_name(path.stem),
        speakers_known=speakers_known,
        utterances=utterances,
    )
    return ImportBundle(
        source=source, kind="transcript", sessions=[session], notes=notes, messages=messages
    )


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


def participant_from_name(stem: str) -> str | None:
    """A participant code at the start of a file name (``P03-jane.vtt`` → ``P03``), if any.

    Examples
    --------
    >>> participant_from_name("p07_interview"), participant_from_name("538-python")
    ('P07', None)
    """
    match = _PARTICIPANT_CODE.match(stem)
    return f"P{match.group(1)}" if match else None


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _normalise(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _role(speaker: str | None, interviewers: tuple[str, ...]) -> str:
    if speaker is None:
        return "other"
    return "interviewer" if speaker in interviewers else "participant"


def _candidate_notes(
    turns: list[Turn],
    utterances: tuple[Utterance, ...],
    source: str,
    session_id: str,
    participant_id: str | None,
    round_id: str | None,
) -> list[Note]:
    notes = []
    for index, (turn, utterance) in enumerate(zip(turns, utterances, strict=True)):
        if utterance.role != "participant":
            continue
        for start, end in quote_spans(utterance.text):
            notes.append(
                Note(
                    note_id=note_id(source, session_id, index, start),
                    text=utterance.text[start:end],
                    participant_id=participant_id,
                    round_id=round_id,
                    kind="quote",
                    source=source,
                    source_ref=turn.ref_at(start),
                    session_id=session_id,
                    utterance_index=index,
                    start_char=start,
                    end_char=end,
                )
            )
    return notes
