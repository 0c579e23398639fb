"""A REFI source's text: decoded, cut into utterances, with each utterance's place in it.

Utterances are exact slices of the source text, so a selection's position in the text maps
to a character range inside one utterance without any fuzzy matching.
"""

from __future__ import annotations

import bisect
import io
from typing import Any

from ..errors import RefiError
from ..ingest.speakers import split_label
from ..model import Utterance
from .refi_safety import check_zip_bytes


def locate(spans: list[tuple[int, int]], start: int,
           end: int) -> tuple[int, int | None, int | None]:
    """The utterance a range starts in, and the range inside it when it stays inside it.

    Examples
    --------
    >>> locate([(5, 12), (18, 30)], 20, 25), locate([(5, 12), (18, 30)], 8, 20)
    ((1, 2, 7), (0, None, None))
    """
    starts = [s for s, _ in spans]
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    if start >= spans[i][1] and i + 1 < len(spans):
        i += 1  # starts in the gap (a line break or a speaker label) before the next one
    u_start, u_end = spans[i]
    if u_start <= start and end <= u_end:
        return i, start - u_start, end - u_start
    return i, None, None


def utterances(text: str) -> tuple[list[Utterance], list[tuple[int, int]], bool]:
    """Utterances of a source text, each an exact slice of it, and where each one lies.

    A text whose lines mostly open with a speaker label (``Ann: ...``) is a transcript: one
    utterance per line, the label as its speaker. Anything else gets one utterance per line
    (a paragraph in the exporting tool), with no speaker.

    Examples
    --------
    >>> found, spans, labelled = utterances("Ann: How do you invoice?\\nBo:  By hand.\\n")
    >>> [(u.speaker, u.text) for u in found], spans, labelled
    ([('Ann', 'How do you invoice?'), ('Bo', 'By hand.')], [(5, 24), (30, 38)], True)
    """
    lines: list[tuple[int, int, str]] = []  # (line number, offset, line)
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            lines.append((number, offset, line))
        offset += len(line) + 1
    labels = [split_label(line) for _, _, line in lines]
    labelled = sum(lab is not None for lab in labels) >= max(2, (len(lines) + 1) // 2)
    found: list[Utterance] = []
    spans: list[tuple[int, int]] = []
    for (number, at, line), label in zip(lines, labels):
        speaker = None
        body_at = at
        body = line
        if labelled and label is not None:
            speaker, body = label[0], label[1]
            body_at = at + len(line) - len(body)
        lead = len(body) - len(body.lstrip())
        body = body.strip()
        if not body:
            continue
        found.append(Utterance(speaker, body, ref=f"line {number}"))
        spans.append((body_at + lead, body_at + lead + len(body)))
    return found, spans, labelled


def decode_text(data: bytes, where: str, say: Any) -> str:
    """A source file's text: UTF-8 (BOM or not) as the standard says, UTF-16 with a BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise RefiError(f"{where}: starts like UTF-16 text but is not.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        say(f"{where}: is not UTF-8 as REFI-QDA requires; read it as Windows-1252.")
        return data.decode("cp1252", errors="replace")


def docx_text(data: bytes, where: str) -> str:
    """The paragraphs of a .docx source, one per line (the zip is checked for bombs first)."""
    check_zip_bytes(data, where)
    import docx  # lazy: python-docx adds ~110 ms; only a project with .docx sources needs it

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a damaged file
        raise RefiError(f"{where}: is not a readable .docx ({exc}).") from None
    return "\n".join(p.text for p in document.paragraphs)
