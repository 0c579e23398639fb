"""Candidate quote notes cut from participant turns, each an exact span of its utterance."""

from __future__ import annotations

import hashlib
import re

MIN_WORDS = 6  # shorter turns ("Yeah.", "Mm-hmm, right.") are not worth a sticky note
MAX_WORDS = 40  # longer turns are cut into chunks of whole sentences up to about this size
MAX_SENTENCES = 4
RUN_ON_WORDS = 80  # an unpunctuated "sentence" this long is cut at word boundaries

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st vs etc e.g i.e approx no fig inc ltd co jr sr".split()
)


def note_id(source: str, session_id: str, utterance_index: int, start_char: int) -> str:
    """The stable id of a candidate note: re-importing a file gives the same ids.

    Examples
    --------
    >>> note_id("P01.vtt", "p01", 3, 0)
    'n-2dbd2270fccd'
    """
    key = f"{source}|{session_id}|{utterance_index}|{start_char}"
    return "n-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences in ``text`` (surrounding spaces excluded).

    Examples
    --------
    >>> t = "I tried Dr. Who. It broke! Why?"
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['I tried Dr. Who.', 'It broke!', 'Why?']
    """
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end <= start:
            continue
        word = text[start : match.start()].rsplit(None, 1)[-1] if match.start() > start else ""
        stem = word.rstrip(".").casefold()
        # "Dr." and initials like "U.S." end words, not sentences.
        initials = all(len(part) <= 1 for part in stem.split("."))
        if match.group().startswith(".") and (stem in _ABBREVIATIONS or initials):
            continue
        spans.append((start, end))
        start = _skip_space(text, end)
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that become candidate notes.

    A turn under ``MIN_WORDS`` words gives none; up to ``MAX_WORDS`` words it is one note;
    longer turns are cut into chunks of whole sentences (at most ``MAX_SENTENCES``, about
    ``MAX_WORDS`` words), and a chunk too short to stand alone joins its neighbour.

    Examples
    --------
    >>> quote_spans("Yeah.")
    []
    >>> quote_spans("We send invoices from a spreadsheet every month.")
    [(0, 48)]
    """
    stripped = text.rstrip()
    words = len(stripped.split())
    if words < MIN_WORDS:
        return []
    if words <= MAX_WORDS:
        start = _skip_space(text, 0)
        return [(start, len(stripped))]

    pieces: list[tuple[int, int, int]] = []  # (start, end, words)
    for start, end in sentence_spans(text):
        count = len(text[start:end].split())
        if count > RUN_ON_WORDS:
            pieces.extend(_word_chunks(text, start, end))
        else:
            pieces.append((start, end, count))

    chunks: list[list[int]] = []  # [start, end, words, sentences]
    for start, end, count in pieces:
        last = chunks[-1] if chunks else None
        if last is not None and last[2] + count <= MAX_WORDS and last[3] < MAX_SENTENCES:
            last[1], last[2], last[3] = end, last[2] + count, last[3] + 1
        else:
            chunks.append([start, end, count, 1])

    merged: list[list[int]] = []
    carry: list[int] | None = None  # a too-short chunk waiting to join the next one
    for chunk in chunks:
        if carry is not None:
            chunk = [carry[0], chunk[1], carry[2] + chunk[2], carry[3] + chunk[3]]
            carry = None
        if chunk[2] < MIN_WORDS:
            carry = chunk
        else:
            merged.append(chunk)
    if carry is not None:
        if merged:
            merged[-1][1] = carry[1]
        else:
            merged.append(carry)
    return [(start, end) for start, end, _, _ in merged]


def _word_chunks(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """Cut a run-on stretch of ``text`` into pieces of ``MAX_WORDS`` words."""
    words = list(re.finditer(r"\S+", text[start:end]))
    pieces = []
    for i in range(0, len(words), MAX_WORDS):
        group = words[i : i + MAX_WORDS]
        pieces.append((start + group[0].start(), start + group[-1].end(), len(group)))
    return pieces


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position
