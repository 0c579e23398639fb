"""Reading a spreadsheet of someone's codings: note → theme, for one sort or one per coder.

The file refers to notes already in the study, by the study's note id (``n-7a1e…``) or by
the id the note's source gave it at import (a highlight id, ``notes.source_note_id``). Each
row places one note in the themes of its theme cell (several themes in one cell, or one row
per note and theme; see :mod:`~synthesis.ingest.tags`); a row with no theme names the note
as left unsorted. A coder column (``coder``, ``coded by``, ``annotator``…, or
``--column coder=HEADER``) splits the rows into one sort per coder.

Parsing reads the file only; which study notes the ids are, and which sort each row goes to,
is settled against the study before anything is written
(:mod:`~synthesis.ingest.sort_import`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from synthesis.errors import InputError
from synthesis.ingest import columns as col
from synthesis.ingest.mapping import NO_MAPPING, ColumnMap
from synthesis.ingest.tables import read_table
from synthesis.ingest.tags import MAX_THEME_NAME, TagSplitter

# A "note" column usually holds a note's text, not its id: it is not taken for the id.
_FIELDS = {"note_id": col.NOTE_ID, "theme": col.TAGS, "coder": col.CODER}


@dataclass(frozen=True)
class PlacementRow:
    """One row: where it is (``where``, e.g. "line 4"), the note it names, its themes."""

    where: str
    line: int
    note: str
    themes: tuple[str, ...]
    coder: str | None


@dataclass
class PlacementFile:
    """A parsed placements file: its rows, the columns it was read from, what was skipped."""

    source: str
    rows: list[PlacementRow]
    note_column: str
    coder_column: str | None
    skipped: list[str] = field(default_factory=list)  # "line 7: no note id"
    messages: list[str] = field(default_factory=list)


def parse_placements(path: Path, columns: ColumnMap = NO_MAPPING) -> PlacementFile:
    """Read a note → theme spreadsheet (CSV, TSV or XLSX).

    Raises
    ------
    InputError
        Naming the file (and row): no note id column, no theme column, a theme name too
        long, a mapped column the file lacks.

    Examples
    --------
    >>> f = parse_placements(Path("dana-codings.csv"))  # doctest: +SKIP
    >>> f.rows[0].note, f.rows[0].themes  # doctest: +SKIP
    ('H-17', ('Bank anxiety', 'Trust'))
    """
    table = read_table(Path(path), prefer_sheet=("placements", "codings", "codes"),
                       header_names=col.NOTE_ID + col.TAGS)
    found = columns.locate(table, _FIELDS)
    n_col, t_col, c_col = found["note_id"], found["theme"], found["coder"]
    if n_col is None:
        raise table.missing("note id", col.NOTE_ID)
    if t_col is None:
        raise table.missing("theme", col.TAGS)
    splitter = TagSplitter.for_cells(row.cells[t_col] for row in table.rows)
    rows: list[PlacementRow] = []
    skipped: list[str] = []
    for row in table.rows:
        where = f"row {row.row}" if table.sheet is not None else f"line {row.line}"
        note = row.get(n_col)
        themes = tuple(dict.fromkeys(splitter.split(row.cells[t_col])))
        if not note:
            if themes or any(c.strip() for c in row.cells):
                skipped.append(f"{where}: no note id")
            continue
        for name in themes:
            if len(name) > MAX_THEME_NAME:
                raise table.error(row, f"names a theme of {len(name)} characters; a theme "
                                       f"name has at most {MAX_THEME_NAME}")
        coder = row.get(c_col) or None if c_col is not None else None
        rows.append(PlacementRow(where, row.line, note, themes, coder))
    parsed = PlacementFile(table.source, rows, table.columns[n_col],
                           table.columns[c_col] if c_col is not None else None, skipped,
                           [*table.messages, *found.messages])
    if splitter.split_at_commas:
        parsed.messages.append(f"{splitter.split_at_commas} theme cell(s) held several themes "
                               "separated by commas and were split there")
    if not rows:
        raise InputError(table.source, "has no row that names a note; expected a note id in "
                                       f"column {table.columns[n_col]!r}")
    return parsed
