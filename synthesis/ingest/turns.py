"""Turning a transcript's cues or lines into speaker turns (the session's utterances)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from synthesis.ingest.cues import Cue

SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# With unknown speakers a paragraph also ends at a pause this long, or at this many words,
# so unpunctuated auto-captions do not become one giant utterance.
PAUSE_S = 2.0
MAX_UNKNOWN_WORDS = 100


@dataclass(frozen=True)
class Segment:
    """A piece of speech as the file gives it: one cue, one line or one paragraph.

    ``speaker`` is ``None`` when the file names nobody here; it then continues the turn before.
    ``whole`` marks a paragraph the writer made, kept as its own utterance.
    """

    speaker: str | None
    text: str
    start_s: float | None
    end_s: float | None
    ref: str  # "cue 12", "line 40", "paragraph 3"
    whole: bool = False


@dataclass
class Turn:
    """One utterance in the making, remembering where each of its segments starts."""

    speaker: str | None
    text: str = ""
    start_s: float | None = None
    end_s: float | None = None
    offsets: list[int] = field(default_factory=list)  # where each segment starts in ``text``
    refs: list[str] = field(default_factory=list)

    def add(self, segment: Segment) -> None:
        if self.text:
            self.text += " "
        self.offsets.append(len(self.text))
        self.refs.append(segment.ref)
        self.text += segment.text
        if self.start_s is None:
            self.start_s = segment.start_s
        if segment.end_s is not None:
            self.end_s = segment.end_s

    @property
    def ref(self) -> str:
        return self.refs[0] if self.refs else ""

    def ref_at(self, offset: int) -> str:
        """The cue or line holding character ``offset`` of the turn's text.

        Examples
        --------
        >>> t = Turn("Ann"); t.add(Segment(None, "Hi.", 0, 1, "cue 1"))
        >>> t.add(Segment(None, "Bye.", 1, 2, "cue 2")); t.ref_at(4)
        'cue 2'
        """
        return self.refs[max(0, bisect.bisect_right(self.offsets, offset) - 1)]


def segments_from_cues(cues: Iterable[Cue]) -> list[Segment]:
    """One segment per voice in each cue (nearly always one per cue)."""
    segments = []
    for cue in cues:
        for speaker, text in cue.pieces:
            segments.append(Segment(speaker, text, cue.start_s, cue.end_s, f"cue {cue.number}"))
    return segments


def build_turns(segments: Sequence[Segment], *, speakers_known: bool) -> list[Turn]:
    """Merge segments into turns.

    With known speakers, consecutive segments of one speaker form one turn, and a segment
    naming nobody continues the speaker before it, unless it is ``whole`` (a task prompt or
    stage direction), which stays an utterance of its own with no speaker. With unknown
    speakers, segments are merged until one ends a sentence (or a pause of ``PAUSE_S`` or
    ``MAX_UNKNOWN_WORDS`` words), so an utterance is a whole sentence or two but rarely spans
    a change of speaker; a paragraph the writer made (``whole``) stays as it is.

    Examples
    --------
    >>> segs = [Segment("Ann", "Hello", 0, 1, "cue 1"), Segment(None, "there.", 1, 2, "cue 2"),
    ...         Segment("Bo", "Hi.", 2, 3, "cue 3")]
    >>> [(t.speaker, t.text, t.start_s, t.end_s) for t in build_turns(segs, speakers_known=True)]
    [('Ann', 'Hello there.', 0, 2), ('Bo', 'Hi.', 2, 3)]
    """
    if speakers_known:
        return _turns_by_speaker(segments)
    return _turns_by_sentence(segments)


def _turns_by_speaker(segments: Sequence[Segment]) -> list[Turn]:
    turns: list[Turn] = []
    speaker: str | None = None
    for segment in segments:
        if segment.whole and segment.speaker is None:
            # A task prompt or stage direction: its own utterance, nobody's words.
            if segment.text:
                turns.append(Turn(None))
                turns[-1].add(segment)
            continue
        if segment.speaker is not None:
            speaker = segment.speaker
        if not segment.text:
            continue
        if not turns or turns[-1].speaker != speaker:
            turns.append(Turn(speaker))
        turns[-1].add(segment)
    return turns


def _turns_by_sentence(segments: Sequence[Segment]) -> list[Turn]:
    turns: list[Turn] = []
    current: Turn | None = None
    words = 0
    for i, segment in enumerate(segments):
        if not segment.text:
            continue
        if segment.whole:
            if current is not None:
                turns.append(current)
                current = None
            whole = Turn(None)
            whole.add(segment)
            turns.append(whole)
            continue
        if current is None:
            current, words = Turn(None), 0
        current.add(segment)
        words += len(segment.text.split())
        following = segments[i + 1] if i + 1 < len(segments) else None
        pause = (
            following is not None
            and following.start_s is not None
            and segment.end_s is not None
            and following.start_s - segment.end_s >= PAUSE_S
        )
        if SENTENCE_END.search(segment.text) or pause or words >= MAX_UNKNOWN_WORDS:
            turns.append(current)
            current = None
    if current is not None:
        turns.append(current)
    return turns
