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
from ..spans import TURN_JOIN
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


def locate_turns(spans: list[tuple[int, int]], text: str, start: int,
                 end: int) -> tuple[int, int, int, int] | None:
    """A range over consecutive utterances with only a line break between each two:
    (first utterance, start in it, last utterance, end in it); None for any other range.

    That is how a highlight over several turns is exported
    (:mod:`synthesis.interop.refi_export`: one turn a line, the later ones without a
    label), and what :func:`synthesis.spans.span_text` makes of its words.

    Examples
    --------
    >>> text = "Bo: I export it.\\nThen I email it.\\nAna: Why?"
    >>> spans = [(4, 16), (17, 33), (39, 43)]
    >>> locate_turns(spans, text, 6, 29), text[6:29]
    ((0, 2, 1, 12), 'export it.\\nThen I email')
    >>> locate_turns(spans, text, 20, 42) is None  # crosses "Ana: "
    True
    """
    starts = [s for s, _ in spans]
    i = bisect.bisect_right(starts, start) - 1
    j = bisect.bisect_left(starts, end) - 1  # the last utterance starting before the end
    if i < 0 or j <= i or start >= spans[i][1] or end > spans[j][1]:
        return None
    if any(text[spans[k][1]:spans[k + 1][0]] != TURN_JOIN for k in range(i, j)):
        return None
    return i, start - spans[i][0], j, end - spans[j][0]


def utterances(text: str, continuing: frozenset[int] = frozenset(),
               ) -> tuple[list[Utterance], list[tuple[int, int]], bool, int]:
    """Utterances of a source text, each an exact slice of it, where each one lies, whether
    the text is labelled, and how many lines went to the speaker before (no label of their
    own).

    A text whose lines mostly open with a speaker label (``Ann: ...``) is a transcript: one
    utterance per line, the label as its speaker; a line with no label after a labelled one
    is a further turn of the same speaker (as a speaker's next paragraph is in most tools,
    and as synthesis writes a turn that a highlight runs into). The lines numbered in
    ``continuing`` (from 1) are such turns even if they start like a label: synthesis's
    export names them (:func:`~synthesis.interop.refi_conventions.continued_lines`).
    Anything else gets one utterance per line (a paragraph in the exporting tool), with no
    speaker.

    Examples
    --------
    >>> found, spans, labelled, continued = utterances(
    ...     "Ann: How do you invoice?\\nBo:  By hand.\\nEach Friday.\\n")
    >>> [(u.speaker, u.text) for u in found], spans, labelled, continued
    ([('Ann', 'How do you invoice?'), ('Bo', 'By hand.'), ('Bo', 'Each Friday.')],
     [(5, 24), (30, 38), (39, 51)], True, 1)
    >>> found, _, _, continued = utterances("Ann: Why?\\nBo: Ann: you asked.\\nAnn: I did.\\n",
    ...                                     continuing=frozenset({3}))
    >>> [(u.speaker, u.text) for u in found], continued
    ([('Ann', 'Why?'), ('Bo', 'Ann: you asked.'), ('Bo', 'Ann: I did.')], 1)
    """
    lines: list[tuple[int, int, str]] = []  # (line number, offset, line)
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            lines.append((number, offset, line))
        offset += len(line) + 1
    labels = [split_label(line) for _, _, line in lines]
    # whether the text is labelled is decided as without ``continuing``: a session of one
    # turn and two lines that only start like labels is still a labelled transcript
    labelled = sum(lab is not None for lab in labels) >= max(2, (len(lines) + 1) // 2)
    labels = [None if number in continuing else label
              for (number, _, _), label in zip(lines, labels)]
    found: list[Utterance] = []
    spans: list[tuple[int, int]] = []
    speaker = None
    continued = 0
    for (number, at, line), label in zip(lines, labels):
        body_at = at
        body = line
        if labelled and label is not None:
            speaker, body = label[0], label[1]
            body_at = at + len(line) - len(body)
        elif speaker is not None:
            continued += 1
        lead = len(body) - len(body.lstrip())
        body = body.strip()
        if not body:
            continue
        found.append(Utterance(speaker, body, ref=f"line {number}"))
        spans.append((body_at + lead, body_at + lead + len(body)))
    return found, spans, labelled, continued


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
