"""Reading plain-text transcript exports (Otter, ``Name: text``, timestamped lines, prose)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from synthesis.ingest.cues import parse_timestamp
from synthesis.ingest.speakers import looks_like_name, repeated_labels, split_label
from synthesis.ingest.turns import Segment

_TS = r"(?:[0-9]{1,2}:)?[0-9]{1,2}:[0-9]{2}(?:[.,][0-9]{1,3})?"
# "00:00:05 <v Michael Kennedy>text" (Talk Python's text export), "[00:01:02] Name: text".
_VOICE_LINE = re.compile(rf"[\[(]?({_TS})[\])]?\s*<v(?:\.[^\s>]*)?\s+([^>]*)>(.*)", re.A | re.S)
_TIMED_LINE = re.compile(rf"[\[(]?({_TS})[\])]?\s+(.*)", re.A | re.S)
# Otter's "Jane Doe  0:10" and Rev's "Jane Doe (00:01:10):" on a line of their own.
_HEADER = re.compile(rf"(.{{1,40}}?)\s+[\[(]?({_TS})[\])]?:?\s*", re.S)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# Otter appends "Transcribed by https://otter.ai" to every export; it is nobody's speech.
_FOOTER = re.compile(r"transcribed by\s+https?://(?:www\.)?otter\.ai\S*$", re.I)

STYLES = ("otter", "timestamped", "labelled", "plain")
Line = tuple[int, str]  # (1-based line or paragraph number, text)


def detect_text_style(lines: Sequence[Line]) -> str:
    """Which text convention the lines follow: ``otter``, ``timestamped``, ``labelled``, ``plain``.

    A convention needs at least two matching lines (or half the lines) to be chosen, so one
    stray ``Summary: ...`` line does not turn prose into a conversation.

    Examples
    --------
    >>> detect_text_style([(1, "Ann: Hi there."), (2, "Bo: Hello.")])
    'labelled'
    """
    counts = dict.fromkeys(STYLES[:3], 0)
    nonblank = 0
    known = known_labels(lines)
    for _, line in lines:
        line = line.strip()
        if not line:
            continue
        nonblank += 1
        if _VOICE_LINE.fullmatch(line) or _TIMED_LINE.fullmatch(line):
            counts["timestamped"] += 1
        elif _header(line) is not None:
            counts["otter"] += 1
        elif split_label(line, known) is not None:
            counts["labelled"] += 1
    style, count = max(counts.items(), key=lambda item: item[1])
    if count >= 2 or (count >= 1 and 2 * count >= nonblank):
        return style
    return "plain"


def parse_text(lines: Sequence[Line], style: str, unit: str = "line") -> list[Segment]:
    """Segments of a text transcript written in ``style`` (see :func:`detect_text_style`).

    Text exports give only start times, so a timed line ends where the next one starts.

    Examples
    --------
    >>> segments = parse_text([(1, "Ann: Hi."), (2, "More.")], "labelled")
    >>> [(s.speaker, s.text, s.ref) for s in segments]
    [('Ann', 'Hi.', 'line 1'), (None, 'More.', 'line 2')]
    """
    if style == "plain":
        return _paragraphs(lines, unit)
    segments: list[Segment] = []
    pending: tuple[str, float | None] | None = None
    known = known_labels(lines)
    # Otter sometimes drops the time from a header ("R1" alone on its line): a line that is
    # exactly a speaker named in another header is a header too.
    named = {h[0] for h in map(_header, (line.strip() for _, line in lines)) if h} \
        if style == "otter" else set()
    for number, raw in lines:
        line = raw.strip()
        if not line or _FOOTER.match(line):
            continue
        speaker: str | None = None
        start: float | None = None
        text = line
        if style == "timestamped":
            speaker, start, text = _timed(line, known)
        elif style == "otter":
            header = _header(line) or ((line, None) if line in named else None)
            if header is not None:
                # The header names the speaker and time of the paragraph lines that follow it.
                pending = header
                continue
            if pending is not None:
                (speaker, start), pending = pending, None
        elif style == "labelled":
            labelled = split_label(line, known)
            if labelled is not None:
                speaker, text = labelled
        segments.append(Segment(speaker, _plain(text), start, None, f"{unit} {number}"))
    return _close_times(segments)


def known_labels(lines: Sequence[Line]) -> frozenset[str]:
    """Labels that recur at line starts (after any timestamp): speakers even if oddly named.

    Examples
    --------
    >>> sorted(known_labels([(1, "jo.b: a"), (2, "jo.b: b"), (3, "[0:01] jo.b: c")]))
    ['jo.b']
    """
    starts = []
    for _, line in lines:
        line = line.strip()
        timed = _TIMED_LINE.fullmatch(line)
        starts.append(timed.group(2) if timed else line)
    return repeated_labels(starts)


def _timed(line: str, known: frozenset[str]) -> tuple[str | None, float | None, str]:
    match = _VOICE_LINE.fullmatch(line)
    if match is not None:
        return _plain(match.group(2)) or None, parse_timestamp(match.group(1)), match.group(3)
    match = _TIMED_LINE.fullmatch(line)
    if match is None:
        return None, None, line
    start, rest = parse_timestamp(match.group(1)), match.group(2)
    labelled = split_label(rest, known)
    if labelled is not None:
        return labelled[0], start, labelled[1]
    return None, start, rest


def _header(line: str) -> tuple[str, float | None] | None:
    match = _HEADER.fullmatch(line)
    if match is None or not looks_like_name(match.group(1)):
        return None
    return match.group(1).strip(), parse_timestamp(match.group(2))


def _close_times(segments: list[Segment]) -> list[Segment]:
    """Give each timed segment the next segment's start as its end."""
    closed: list[Segment] = []
    next_start: float | None = None
    for segment in reversed(segments):
        end = segment.end_s
        if segment.start_s is not None and end is None:
            end = next_start
        closed.append(
            Segment(segment.speaker, segment.text, segment.start_s, end, segment.ref, segment.whole)
        )
        if segment.start_s is not None:
            next_start = segment.start_s
    closed.reverse()
    return closed


def _paragraphs(lines: Sequence[Line], unit: str) -> list[Segment]:
    """Prose with no speakers: each run of non-blank lines is one paragraph."""
    segments: list[Segment] = []
    run: list[Line] = []
    for number, line in [*lines, (0, "")]:
        if line.strip():
            run.append((number, line))
        elif run:
            text = _plain(" ".join(text for _, text in run))
            segments.append(Segment(None, text, None, None, f"{unit} {run[0][0]}", whole=True))
            run = []
    return segments


def _plain(text: str) -> str:
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())
