"""Telling what kind of input a file is (notes, participants, transcript, guide, REFI-QDA)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from synthesis.errors import InputError
from synthesis.identity import DEFAULT, IdentityRule
from synthesis.ingest import columns as col
from synthesis.ingest.codedturns import looks_like_coded_turns
from synthesis.ingest.documents import read_paragraphs, text_paragraphs
from synthesis.ingest.encoding import read_text
from synthesis.ingest.mapping import NO_MAPPING, ColumnMap
from synthesis.ingest.notedocs import looks_like_notes_document
from synthesis.ingest.roles import label_role
from synthesis.ingest.tables import SPREADSHEET_SUFFIXES, read_table
from synthesis.ingest.textformats import detect_text_style

KINDS = ("notes", "participants", "transcript", "guide", "qdpx", "qdc")
SUFFIXES = (".csv", ".tsv", ".xlsx", ".vtt", ".srt", ".txt", ".docx", ".odt", ".md", ".qdpx",
            ".qdc")
_BY_SUFFIX = {".vtt": "transcript", ".srt": "transcript", ".qdpx": "qdpx", ".qdc": "qdc"}
_HEAD_ROWS = 50  # a spreadsheet's kind shows in its header and first rows

_VOICE_TAG = re.compile(r"<v[\s.]")
# "00:01:02", "[12:30]", "(1:02:03.5)" at the start of a line, or an SRT/VTT cue arrow.
_TIMESTAMP = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?(\s|$)|-->",
                        re.MULTILINE)
# "Name:", "**Name:**", and Teams' "Interviewer1 :" with a space before the colon.
_SPEAKER = re.compile(r"^\s*(?:\*\*)?(?P<label>[^\W\d_][\w.'’-]*(?: [\w.'’-]+){0,3})(?:\*\*)?"
                      r" ?:(?:\*\*)?(?:\s|$)")
# Labels a guide uses that look like speakers ("KEY: ...", "Intro: ...").
_NOT_SPEAKERS = {"key", "note", "notes", "intro", "outro", "tip", "probe", "section", "todo",
                 "follow-up", "follow up", "warm-up", "warm up"}
_KEY_AFTER = re.compile(r"\s*(?:\[key\]|\(key\))$", re.IGNORECASE)


def detect_kind(path: Path, *, columns: ColumnMap = NO_MAPPING,
                identity: IdentityRule = DEFAULT) -> str:
    """Which importer a file needs, from its extension and, where that is not enough, its content.

    Returns one of ``notes``, ``participants``, ``transcript``, ``guide``, ``qdpx``, ``qdc``.
    A spreadsheet is a ``transcript`` (coded turns) when it has a speaker column and a
    words column, ``participants`` when it has a participant id column and no note column,
    else ``notes`` (``columns`` maps headers as for the import). A Word, OpenDocument,
    markdown or text file whose paragraphs are mostly bullets and whose participant is
    named in the file name or front matter is a notes document (``notes``). A ``.txt``
    file is a transcript when it has timestamps, ``Name:`` speaker lines or ``<v Name>``
    voice tags, a ``.docx`` or ``.odt`` always is otherwise, and a ``.md`` or ``.txt`` is
    a guide when most of its lines end with ``?``.

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
        return _table_kind(path, columns)
    if suffix in (".docx", ".odt", ".md"):
        try:
            paragraphs = read_paragraphs(path)
        except InputError:  # damaged: the importer for its usual kind says so in full
            paragraphs = []
        if looks_like_notes_document(paragraphs, path.name, identity):
            return "notes"
        return "guide" if suffix == ".md" else "transcript"
    if suffix == ".txt":
        return _text_kind(path, identity)
    raise InputError(path.name, f"unknown format: expected one of {' '.join(SUFFIXES)}")


def _table_kind(path: Path, columns: ColumnMap) -> str:
    mapped = tuple(columns.given.values()) + tuple(columns.configured.values())
    table = read_table(path, header_names=col.PARTICIPANT + col.NOTE + col.SPEAKER + mapped,
                       max_rows=_HEAD_ROWS)
    if looks_like_coded_turns(table, columns):
        return "transcript"
    found = columns.locate(table, {"participant": col.PARTICIPANT, "note": col.NOTE})
    has_id, has_note = found["participant"] is not None, found["note"] is not None
    return "participants" if has_id and not has_note else "notes"


def _text_kind(path: Path, identity: IdentityRule) -> str:
    text = read_text(path)
    if _VOICE_TAG.search(text) or _TIMESTAMP.search(text) or _has_speakers(text):
        return "transcript"
    # Otter puts the time at the end of a speaker header line ("Dana Whitfield  0:04").
    numbered = list(enumerate(text.splitlines(), start=1))
    if detect_text_style(numbered) == "otter":
        return "transcript"

    if looks_like_notes_document(text_paragraphs(text), path.name, identity):
        return "notes"
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
    """At least two 'Name:' lines, one name used twice, or every label one that carries a
    role (``Interviewer:``, ``Participant:``): a conversation, not a labelled list."""
    labels: Counter[str] = Counter()
    for line in text.splitlines():
        match = _SPEAKER.match(line)
        if match and match["label"].casefold() not in _NOT_SPEAKERS:
            labels[match["label"].casefold()] += 1
    if sum(labels.values()) < 2:
        return False
    return max(labels.values()) >= 2 or all(label_role(label) for label in labels)
