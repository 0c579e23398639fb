"""Coded-turn spreadsheets: a transcript typed one turn per row, with the coder's tags.

Researchers who code in a spreadsheet export ``timestamp, speaker, words, tags`` (headers
vary: ``Time stamp``, ``Speaker ``, ``Words / Text``, ``TAGS (codes)``, or a timestamp column
with no header at all). Each row is a turn; consecutive rows of one speaker make one
utterance; every tagged row becomes a note placed in each of its tags, as an exact span of
its utterance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from synthesis.identity import IdentityRule
from synthesis.ingest import columns as col
from synthesis.ingest.cues import parse_timestamp
from synthesis.ingest.mapping import ColumnMap
from synthesis.ingest.tables import Table, read_table
from synthesis.ingest.tags import MAX_THEME_NAME, TagSplitter
from synthesis.ingest.turns import Segment
from synthesis.model import Unimported

_FIELDS = {"speaker": col.SPEAKER, "note": col.WORDS, "time": col.TIME, "theme": col.TAGS,
           "coder": col.CODER, "note_id": col.NOTE_ID, "participant": col.PARTICIPANT}
_SECONDS = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class CodedRow:
    """What one row adds besides its words: tags, coder, the source's own id."""

    tags: list[str]
    coder: str | None
    given_id: str | None


@dataclass
class CodedTurns:
    """A coded-turn table read into segments, with each row's codes by its ref."""

    segments: list[Segment]
    coded: dict[str, CodedRow]  # "row 7" -> its tags
    rows: int
    tags: int
    participant: str | None
    messages: list[str] = field(default_factory=list)
    unimported: list[Unimported] = field(default_factory=list)


def looks_like_coded_turns(table: Table, columns: ColumnMap) -> bool:
    """Whether a spreadsheet is a coded-turn transcript: a speaker column and words.

    Examples
    --------
    >>> from synthesis.ingest.mapping import NO_MAPPING
    >>> looks_like_coded_turns(Table("t.csv", ("", "Speaker", "Words", "Tags"), ()), NO_MAPPING)
    True
    >>> looks_like_coded_turns(Table("n.csv", ("participant", "note"), ()), NO_MAPPING)
    False
    """
    found = columns.locate(table, _FIELDS, fuzzy=("speaker", "note", "time", "theme"))
    return found["speaker"] is not None and found["note"] is not None


def read_coded_turns(path: Path, *, columns: ColumnMap,
                     identity: IdentityRule) -> CodedTurns:
    """Read a coded-turn spreadsheet (CSV, TSV or XLSX) into segments and row codes.

    Raises
    ------
    InputError
        When there is no speaker or words column (listing the columns found), or a tag is
        too long to name a theme.

    Examples
    --------
    >>> turns = read_coded_turns(Path("P3 coded.csv"), columns=NO_MAPPING,
    ...                          identity=DEFAULT)  # doctest: +SKIP
    >>> turns.segments[0].speaker, turns.coded["row 2"].tags  # doctest: +SKIP
    ('Rebecca Scofield', ['Onboarding', 'Trust'])
    """
    table = read_table(Path(path), header_names=col.SPEAKER + col.WORDS + col.TIME)
    found = columns.locate(table, _FIELDS, fuzzy=("speaker", "note", "time", "theme"))
    s_col, w_col = found["speaker"], found["note"]
    if s_col is None:
        raise table.missing("speaker", col.SPEAKER)
    if w_col is None:
        raise table.missing("words", col.WORDS)
    t_col = found["time"]
    messages = [*table.messages, *found.messages]
    if t_col is None:
        t_col = _timestamp_column(table, {i for i in found.index.values() if i is not None})
        if t_col is not None:
            messages.append(f"read the times from column {t_col + 1} "
                            f"({table.columns[t_col]!r}), which holds timestamps")
    tag_col, coder_col, id_col = found["theme"], found["coder"], found["note_id"]
    splitter = TagSplitter.for_cells(
        (r.get(tag_col) for r in table.rows) if tag_col is not None else ())
    out = CodedTurns([], {}, len(table.rows), 0, None, messages)
    for row in table.rows:
        tags = splitter.split(row.get(tag_col)) if tag_col is not None else []
        out.tags += len(tags)
        for tag in tags:
            if len(tag) > MAX_THEME_NAME:
                raise table.error(row, f"has a tag longer than {MAX_THEME_NAME} characters; "
                                       "tags name themes, so keep them short")
        text = " ".join(row.get(w_col).split())
        ref = f"row {row.row}"
        if not text:
            out.unimported.append(Unimported("row", ref, "no words"))
            out.unimported.extend(Unimported("tag", ref, "its row has no words", "skipped", t)
                                  for t in tags)
            continue
        speaker = " ".join(row.get(s_col).split()) or None
        out.segments.append(Segment(speaker, text, _seconds(row.get(t_col)), None, ref))
        if tags:
            out.coded[ref] = CodedRow(tags, row.get(coder_col) or None,
                                      row.get(id_col) or None)
    out.participant = _participant(table, found["participant"], identity, out.messages)
    where = f" (sheet {table.sheet!r})" if table.sheet else ""
    out.messages.insert(0, f"read {len(table.rows)} row(s){where} as coded turns: speaker from "
                           f"{table.columns[s_col]!r}, words from {table.columns[w_col]!r}"
                           + (f", tags from {table.columns[tag_col]!r}"
                              if tag_col is not None else ""))
    if splitter.split_at_commas:
        out.messages.append(f"{splitter.split_at_commas} tag cell(s) were split at commas")
    return out


def _seconds(value: str) -> float | None:
    value = value.strip().strip("[]()")
    if not value:
        return None
    if _SECONDS.fullmatch(value):
        return float(value)
    return parse_timestamp(value)


def _timestamp_column(table: Table, used: set[int]) -> int | None:
    """A column no header names whose cells are mostly timestamps (a blank header, often)."""
    for at in range(len(table.columns)):
        if at in used:
            continue
        cells = [r.get(at) for r in table.rows[:200] if r.get(at)]
        if cells and sum(_seconds(c) is not None and ":" in c for c in cells) >= 0.8 * len(
                cells):
            return at
    return None


def _participant(table: Table, at: int | None, identity: IdentityRule,
                 messages: list[str]) -> str | None:
    if at is None:
        return None
    ids = {identity.canonical(r.get(at)) for r in table.rows if r.get(at)}
    if len(ids) == 1:
        return ids.pop()
    if ids:
        messages.append(f"column {table.columns[at]!r} names {len(ids)} participants; a "
                        "coded-turn file is one interview, so none was taken from it")
    return None

