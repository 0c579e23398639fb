"""Telling what kind of input a file is (notes, participants, transcript, guide, REFI-QDA)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from synthesis.errors import InputError
from synthesis.ingest import columns as col
from synthesis.ingest.encoding import read_text
from synthesis.ingest.textformats import detect_text_style
from synthesis.ingest.tables import SPREADSHEET_SUFFIXES, read_table

KINDS = ("notes", "participants", "transcript", "guide", "qdpx", "qdc")
SUFFIXES = (".csv", ".tsv", ".xlsx", ".vtt", ".srt", ".txt", ".docx", ".md", ".qdpx", ".qdc")
_BY_SUFFIX = {".vtt": "transcript", ".srt": "transcript", ".docx": "transcript",
              ".qdpx": "qdpx", ".qdc": "qdc", ".md": "guide"}

_VOICE_TAG = re.compile(r"<v[\s.]")
# "00:01:02", "[12:30]", "(1:02:03.5)" at the start of a line, or an SRT/VTT cue arrow.
_TIMESTAMP = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?(\s|$)|-->",
                        re.MULTILINE)
_SPEAKER = re.compile(r"^\s*(?:\*\*)?(?P<label>[^\W\d_][\w.'’-]*(?: [\w.'’-]+){0,3})(?:\*\*)?:"
                      r"(?:\*\*)?(?:\s|$)")
# Labels a guide uses that look like speakers ("KEY: ...", "Intro: ...").
_NOT_SPEAKERS = {"key", "note", "notes", "intro", "outro", "tip", "probe", "section", "todo",
                 "follow-up", "follow up", "warm-up", "warm up"}
_KEY_AFTER = re.compile(r"\s*(?:\[key\]|\(key\))$", re.IGNORECASE)


def detect_kind(path: Path) -> str:
    """Which importer a file needs, from its extension and, where that is not enough, its content.

    Returns one of ``notes``, ``participants``, ``transcript``, ``guide``, ``qdpx``, ``qdc``.
    A spreadsheet is ``participants`` when it has a participant id column and no note
    column, else ``notes``. A ``.txt`` file is a transcript when it has timestamps,
    ``Name:`` speaker lines or ``<v Name>`` voice tags, else a guide when most of its lines
    end with ``?``.

    Raises
    ------
    InputError
        For an extension no importer reads, or a ``.txt`` that looks like neither kind.

    Examples
    --------
    >>> detect_kind(Path("interview-03.vtt"))
    'transcript'
    >>> detect_kind(Path("codebook.qdc"))
    'qdc'
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix in SPREADSHEET_SUFFIXES:
        table = read_table(path, header_names=col.PARTICIPANT + col.NOTE)
        has_id = table.find(col.PARTICIPANT) is not None
        has_note = table.find(col.NOTE) is not None
        return "participants" if has_id and not has_note else "notes"
    if suffix == ".txt":
        return _text_kind(path)
    raise InputError(path.name, f"unknown format: expected one of {' '.join(SUFFIXES)}")


def _text_kind(path: Path) -> str:
    text = read_text(path)
    if _VOICE_TAG.search(text) or _TIMESTAMP.search(text) or _has_speakers(text):
        return "transcript"
    # Otter puts the time at the end of a speaker header line ("Dana Whitfield  0:04").
    numbered = list(enumerate(text.splitlines(), start=1))
    if detect_text_style(numbered) == "otter":
        return "transcript"
    lines = [line.strip() for line in text.splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    asking = sum(_KEY_AFTER.sub("", line).endswith("?") for line in lines)
    if lines and asking > len(lines) / 2:
        return "guide"
    raise InputError(
        path.name,
        "unknown format: considered a transcript (expected timestamps, 'Name:' speaker lines "
        "or <v Name> tags) and a guide (expected most lines to end with '?'), and it looks "
        "like neither; pass the kind explicitly",
    )


def _has_speakers(text: str) -> bool:
    """At least two 'Name:' lines, one name used twice: a conversation, not a labelled list."""
    labels: Counter[str] = Counter()
    for line in text.splitlines():
        match = _SPEAKER.match(line)
        if match and match["label"].casefold() not in _NOT_SPEAKERS:
            labels[match["label"].casefold()] += 1
    return sum(labels.values()) >= 2 and max(labels.values(), default=0) >= 2
