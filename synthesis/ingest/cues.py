"""Reading timed cues from WebVTT and SubRip files, with their speakers and clean text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from synthesis.errors import InputError
from synthesis.ingest.speakers import repeated_labels, split_label

_TIMESTAMP = re.compile(r"(?:([0-9]+):)?([0-5]?[0-9]):([0-5]?[0-9])(?:[.,]([0-9]{1,3}))?", re.A)
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>")
# Markup inside cue text: <c.x>, </i>, <lang en>, <00:00:01.000>, SubRip's {\an8}.
_TAG = re.compile(r"</?(?:[A-Za-z][^<>]*)?>|<[0-9][0-9:.]*>|\{\\[^{}]*\}")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Cue:
    """One timed cue. ``pieces`` holds ``(speaker, text)``; most cues have exactly one.

    ``speaker`` is the voice tag or inline ``Name:`` label on this cue, or ``None`` when the
    cue names nobody (it then usually continues the previous speaker).
    """

    number: int  # 1-based position among the file's cues
    line: int  # 1-based line of the timing line
    start_s: float
    end_s: float
    pieces: tuple[tuple[str | None, str], ...]

    @property
    def speaker(self) -> str | None:
        return self.pieces[0][0] if self.pieces else None

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.pieces)


@dataclass(frozen=True)
class CueFile:
    """The cues of one file plus what the reader had to skip, for the user's messages."""

    cues: list[Cue]
    stray_blocks: int = 0  # text blocks with no timing line, kept with the cue before them


def parse_timestamp(text: str) -> float | None:
    """Seconds in a cue timestamp (``01:02:03.500``, ``02:03,5``), or ``None`` if malformed.

    Examples
    --------
    >>> parse_timestamp("00:01:02.500"), parse_timestamp("1:02"), parse_timestamp("00:61:00")
    (62.5, 62.0, None)
    """
    match = _TIMESTAMP.fullmatch(text.strip())
    if match is None:
        return None
    hours, minutes, seconds, fraction = match.groups()
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    if fraction:
        value += int(fraction) / 10 ** len(fraction)
    return float(value)


def parse_cues(text: str, source: str = "<text>", fmt: str = "vtt") -> list[Cue]:
    """The cues of a WebVTT (``fmt="vtt"``) or SubRip (``fmt="srt"``) text.

    Examples
    --------
    >>> [c.pieces for c in parse_cues("WEBVTT\\n\\n00:01.000 --> 00:02.000\\n<v Ann>Hi &amp; bye")]
    [(('Ann', 'Hi & bye'),)]
    """
    return read_cue_file(text, source, fmt).cues


def read_cue_file(text: str, source: str, fmt: str) -> CueFile:
    """Like :func:`parse_cues`, also counting blocks that had no timing line."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    expected = "HH:MM:SS.mmm --> HH:MM:SS.mmm" if fmt == "vtt" else "HH:MM:SS,mmm --> HH:MM:SS,mmm"
    start = 0
    if fmt == "vtt":
        # Blank lines before the header are invalid WebVTT but harmless: step over them.
        while start < len(lines) - 1 and not lines[start].strip():
            start += 1
        if not lines[start].lstrip().startswith("WEBVTT"):
            found = lines[start].strip()[:40]
            raise InputError(
                source,
                f"expected the first line to be 'WEBVTT', found {found!r}"
                if found
                else "expected the first line to be 'WEBVTT', found an empty file",
                line=start + 1,
            )
        # The header block (WEBVTT plus metadata such as "Kind: captions") ends at a blank line.
        while start < len(lines) and lines[start].strip():
            start += 1

    known = repeated_labels(_VOICE.sub("", line) for line in lines if "-->" not in line)
    cues: list[Cue] = []
    stray = 0
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.strip():
            block.append((number, line))
            continue
        if block:
            stray += _read_block(block, cues, source, fmt, expected, known)
            block = []
    if block:
        stray += _read_block(block, cues, source, fmt, expected, known)
    if not cues:
        raise InputError(
            source,
            f"no cues found; expected blocks that start with a timing line like {expected}",
            line=len(lines),
        )
    return CueFile(cues, stray)


def _read_block(
    block: list[tuple[int, str]],
    cues: list[Cue],
    source: str,
    fmt: str,
    expected: str,
    known: frozenset[str],
) -> int:
    """Add the cues of one blank-line-separated block; return 1 if it had no timing line."""
    first = block[0][1].lstrip()
    if fmt == "vtt" and "-->" not in first and re.match(r"(?:NOTE|STYLE|REGION)(?:\s|$)", first):
        return 0
    timings = [i for i, (_, line) in enumerate(block) if "-->" in line]
    if not timings:
        if fmt == "srt" and len(block) == 1 and first.strip().isdigit():
            return 0  # a lone cue number
        if cues:
            # Some tools leave blank lines inside cue text: keep the words with their cue.
            last = cues[-1]
            extra = _clean_pieces([line for _, line in block], known=None)
            cues[-1] = Cue(last.number, last.line, last.start_s, last.end_s, last.pieces + extra)
        return 1
    for k, i in enumerate(timings):
        number, timing = block[i]
        stop = timings[k + 1] if k + 1 < len(timings) else len(block)
        body = [line for _, line in block[i + 1 : stop]]
        # A cue number that lost its blank line before the next timing line is not text.
        if k + 1 < len(timings) and body and body[-1].strip().isdigit():
            body = body[:-1]
        start_s, end_s = _read_timing(timing, number, source, expected)
        pieces = _clean_pieces(body, known=known)
        cues.append(Cue(len(cues) + 1, number, start_s, end_s, pieces))
    return 0


def _read_timing(line: str, number: int, source: str, expected: str) -> tuple[float, float]:
    left, _, right = line.partition("-->")
    parts = right.split()
    start_text, end_text = left.strip(), (parts[0] if parts else "")
    # Anything after the end time is WebVTT cue settings (position, align, ...): ignored.
    for stamp in (start_text, end_text):
        if parse_timestamp(stamp) is None:
            shown = stamp[:40] if stamp else line.strip()[:60]
            raise InputError(
                source,
                f"bad timestamp {shown!r} in the timing line; expected {expected}",
                line=number,
            )
    return parse_timestamp(start_text) or 0.0, parse_timestamp(end_text) or 0.0


def _clean_pieces(
    body: list[str], *, known: frozenset[str] | None
) -> tuple[tuple[str | None, str], ...]:
    """Split cue text at voice tags into (speaker, text) pieces, markup removed.

    An inline ``Name:`` label is looked for unless ``known`` is ``None``.
    """
    raw = "\n".join(body)
    pieces: list[tuple[str | None, str]] = []
    position, speaker = 0, None
    for match in _VOICE.finditer(raw):
        pieces.append((speaker, raw[position : match.start()]))
        name = _plain(match.group(1) or "")
        speaker = name or None
        position = match.end()
    pieces.append((speaker, raw[position:]))

    cleaned: list[tuple[str | None, str]] = []
    for who, text in pieces:
        text = _plain(text)
        if not text:
            continue
        if cleaned and cleaned[-1][0] == who:
            cleaned[-1] = (who, f"{cleaned[-1][1]} {text}")
        else:
            cleaned.append((who, text))
    if known is not None and cleaned and cleaned[0][0] is None:
        labelled = split_label(cleaned[0][1], known)
        if labelled is not None:
            cleaned[0] = labelled
    return tuple(cleaned)


def _plain(text: str) -> str:
    """Cue markup to plain text: tags dropped, entities decoded, whitespace collapsed."""
    if "<" in text or "{" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return _SPACE.sub(" ", text).strip()
