"""Reading spreadsheets (CSV, TSV, XLSX) into rows that remember where they came from."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from synthesis.archives import check_document
from synthesis.errors import InputError
from synthesis.ingest.encoding import read_text
from synthesis.ingest.quoting import check_quotes

SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".xlsx")
DELIMITERS = (",", ";", "\t")
XLSX_MAX_ROWS = 1_048_576  # the format's own limits: Excel cannot hold more
XLSX_MAX_COLUMNS = 16_384

# How far down a title row or two may push the real header (researchers' sheets often start
# with "Round 1 — onboarding notes" above the column names).
_HEADER_SEARCH_ROWS = 10
_SNIFF_RECORDS = 20
_SEP_LINE = re.compile(r"^sep=(.)\s*$")  # Excel's "sep=;" first line names the delimiter


def normalise_header(name: str) -> str:
    """Fold a column name so case, spaces and punctuation do not matter.

    Examples
    --------
    >>> normalise_header(" Participant ID ")
    'participantid'
    >>> normalise_header("P#") == normalise_header("p")
    True
    """
    return "".join(ch for ch in str(name).casefold() if ch.isalnum())


class Row(NamedTuple):
    """One data row: its cells (aligned with :attr:`Table.columns`) and where it sits.

    ``line`` is where the row starts in the file (for XLSX, the Excel row number); ``row`` is
    the row number a person sees when the file is opened in a spreadsheet, header included.
    They differ only after a quoted cell that spans several lines. (A named tuple, not a
    dataclass: a 100,000-row import makes 100,000 of them.)
    """

    line: int
    row: int
    cells: tuple[str, ...]

    def get(self, index: int | None) -> str:
        """The cell in column ``index``, stripped; ``""`` for a missing column or cell."""
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()


@dataclass(frozen=True)
class Table:
    """A spreadsheet's header and data rows, as read from one file (or one sheet)."""

    source: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    sheet: str | None = None
    messages: tuple[str, ...] = field(default=())

    def find(self, accepted: Sequence[str]) -> int | None:
        """Index of the first column matching ``accepted`` (in its order of preference).

        Examples
        --------
        >>> t = Table("n.csv", ("P #", "Observation"), ())
        >>> t.find(["participant", "P#"]), t.find(["note", "observation"]), t.find(["tags"])
        (0, 1, None)
        """
        folded = [normalise_header(c) for c in self.columns]
        for name in accepted:
            key = normalise_header(name)
            if key in folded:
                return folded.index(key)
        return None

    def missing(self, what: str, accepted: Sequence[str]) -> InputError:
        """The error for a required column that is not there, listing the columns found."""
        found = ", ".join(repr(c) for c in self.columns if c.strip()) or "none"
        names = ", ".join(repr(a) for a in accepted)
        return InputError(
            self.source, f"no {what} column; expected one named {names}; found columns: {found}"
        )

    def error(self, row: Row, text: str) -> InputError:
        """An error about one row; ``text`` continues a sentence whose subject is the row.

        Examples
        --------
        >>> t = Table("notes.csv", ("participant", "note"), ())
        >>> str(t.error(Row(line=4, row=4, cells=()), "has a note but no participant id."))
        'notes.csv, line 4: this row has a note but no participant id.'
        """
        if self.sheet is not None:  # Excel has rows, not lines
            return InputError(self.source, f"row {row.row} {text}")
        if row.row != row.line:
            return InputError(
                self.source, f"this row (row {row.row} in a spreadsheet) {text}", line=row.line
            )
        return InputError(self.source, f"this row {text}", line=row.line)


def read_table(
    path: Path,
    *,
    prefer_sheet: Iterable[str] = (),
    header_names: Iterable[str] = (),
    max_rows: int | None = None,
) -> Table:
    """Read a CSV, TSV or XLSX file into a :class:`Table`.

    The delimiter (``,`` ``;`` or tab) is sniffed; text may be UTF-8 (with or without BOM),
    UTF-16 with BOM or Windows-1252, or UTF-8 and Windows-1252 mixed line by line (each line
    decoded in its own, and said). For XLSX the first sheet is read, unless a sheet's name
    contains one of ``prefer_sheet`` (e.g. ``"notes"``). The header is the first non-blank
    row, or, within the first few rows, the first one holding one of ``header_names`` (so a
    title row above the header is tolerated). Fully blank rows are dropped. ``max_rows``
    reads only the first rows (to tell what kind of file it is).

    Raises
    ------
    InputError
        For an empty file, a file with a header but no data rows, one that cannot be read,
        a quoted cell that is never closed or swallows the rows after it (naming the line),
        or a workbook past Excel's row or column limit.

    Examples
    --------
    >>> table = read_table(Path("data/invoicing-onboarding/rounds/r3/notes-extra.csv"))
    >>> table.columns, table.rows[0].line  # semicolon-separated, found by sniffing
    (('participant', 'note', 'tags'), 2)
    """
    path = Path(path)
    source = path.name
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        sheet, records = _xlsx_records(path, [normalise_header(p) for p in prefer_sheet],
                                       max_rows)
        messages: list[str] = []
    elif suffix in (".csv", ".tsv", ".txt"):
        sheet = None
        messages = []
        text = read_text(path, notes=messages)
        if max_rows is not None and len(text) > 1 << 20:  # the head is all that is wanted
            text = text[:text.rfind("\n", 0, 1 << 20) + 1] or text
        if not text.strip():
            raise InputError(source, "empty file; expected a header row and at least one row")
        records, found = _text_records(text, source, prefer_tab=suffix == ".tsv",
                                       max_rows=max_rows)
        messages += found
    else:
        raise InputError(source, "not a spreadsheet; expected a .csv, .tsv or .xlsx file")

    # Blank rows go (the first cell decides for nearly every row, so this stays cheap).
    records = [r for r in records if r.cells and (r.cells[0].strip() or "".join(r.cells).strip())]
    if not records:
        raise InputError(source, "empty file; expected a header row and at least one row")
    header_at = _header_index(records, {normalise_header(h) for h in header_names})
    header = records[header_at]
    if header_at:
        messages.append(f"took row {header.row} as the header and ignored the rows above it")
    columns = _column_names(header.cells)
    width = len(columns)
    rows: list[Row] = []
    overflow: list[int] = []
    for rec in records[header_at + 1:]:
        cells = rec.cells
        if len(cells) == width:
            rows.append(rec)
            continue
        if len(cells) > width:
            if any(c.strip() for c in cells[width:]):
                overflow.append(rec.row)
            cells = cells[:width]
        rows.append(Row(rec.line, rec.row, tuple(cells) + ("",) * (width - len(cells))))
    if not rows:
        raise InputError(
            source, f"has a header row ({', '.join(repr(c) for c in columns)}) but no data rows"
        )
    if overflow:
        # Usually an unquoted delimiter inside a cell; say so rather than drop text silently.
        messages.append(
            f"{len(overflow)} row(s) had more cells than the header and the extra cells were "
            f"ignored (first: row {overflow[0]})"
        )
    return Table(source, columns, tuple(rows), sheet, tuple(messages))


def _column_names(cells: Sequence[str]) -> tuple[str, ...]:
    # Trailing empty header cells are spreadsheet padding; an empty one in the middle gets a
    # name so its cells still have somewhere to go.
    cells = list(cells)
    while cells and not cells[-1].strip():
        cells.pop()
    return tuple(c.strip() or f"column {i + 1}" for i, c in enumerate(cells))


def _header_index(records: Sequence[Row], wanted: set[str]) -> int:
    if wanted:
        for i, rec in enumerate(records[:_HEADER_SEARCH_ROWS]):
            if any(normalise_header(c) in wanted for c in rec.cells):
                return i
    return 0


# -- delimited text ---------------------------------------------------------------------


def _text_records(text: str, source: str, *, prefer_tab: bool,
                  max_rows: int | None = None) -> tuple[list[Row], list[str]]:
    messages: list[str] = []
    # One kind of line break: csv keeps "\r\n" inside quoted cells, and a lone "\r" (old
    # Mac files) ends a line for an editor as for csv, so line numbers do not move.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line, _, rest = text.partition("\n")
    sep = _SEP_LINE.match(first_line)
    if sep:
        delimiter = sep.group(1)
        text, line_offset = rest, 1
    else:
        order = ("\t", ",", ";") if prefer_tab else DELIMITERS
        # The first 64 KB hold far more than the records the sniffer looks at.
        head = text[:65536]
        delimiter = _sniff(head[:head.rfind("\n") + 1] or head, order)
        line_offset = 0
    if delimiter != ("\t" if prefer_tab else ","):
        messages.append(f"read the columns as {_name(delimiter)}-separated")
    records, multiline = _records(text, delimiter, source, line_offset, max_rows)
    if max_rows is None and multiline:
        check_quotes(text, records, delimiter, source, line_offset, multiline)
    return records, messages


def _sniff(text: str, order: Sequence[str]) -> str:
    """Pick the delimiter that gives the widest header with the most rows of the same width."""
    best, best_score = order[0], (-1.0, 0)
    for delimiter in order:
        try:
            sample = [
                r for r in islice(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter),
                                  _SNIFF_RECORDS)
                if any(c.strip() for c in r)
            ]
        except csv.Error:
            continue
        if not sample or len(sample[0]) < 2:
            continue
        width = len(sample[0])
        body = sample[1:] or sample
        agreeing = sum(len(r) == width for r in body) / len(body)
        score = (agreeing, width)
        if score > best_score:  # strict: earlier delimiters win ties
            best, best_score = delimiter, score
    return best


def _records(text: str, delimiter: str, source: str, line_offset: int,
             max_rows: int | None = None) -> tuple[list[Row], list[int]]:
    """The file's records, and the indices of those that span several lines."""
    # newline="" hands line breaks to the csv module untouched, which is what lets it keep
    # them inside quoted cells and count lines the way an editor does.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    multiline: list[int] = []
    append, new = rows.append, tuple.__new__  # the hot loop of a 100,000-row import
    ordinal = previous = 0
    try:
        for cells in reader if max_rows is None else islice(reader, max_rows):
            line = reader.line_num
            append(new(Row, (previous + 1 + line_offset, ordinal + 1, tuple(cells))))
            if line - previous > 1:
                multiline.append(ordinal)
            ordinal += 1
            previous = line
    except csv.Error as exc:
        raise InputError(
            source, f"could not read this row as {_name(delimiter)}-separated text ({exc})",
            line=previous + 1 + line_offset,
        ) from None
    return rows, multiline


def _name(delimiter: str) -> str:
    return {"\t": "tab", ";": "semicolon", ",": "comma"}.get(delimiter, repr(delimiter))


# -- Excel -------------------------------------------------------------------------------


def _xlsx_records(path: Path, prefer: Sequence[str],
                  max_rows: int | None = None) -> tuple[str, list[Row]]:
    import openpyxl  # lazy: openpyxl adds ~180 ms; only XLSX imports pay for it

    source = path.name
    if not path.stat().st_size:
        raise InputError(source, "empty file; expected a header row and at least one row")
    check_document(path, "an Excel workbook")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and data validation it ignores; not the user's concern.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # a damaged or mislabelled file fails in many zip/XML ways
        raise InputError(
            source, f"could not open it as an Excel workbook ({type(exc).__name__}: {exc}); "
            "save it again as .xlsx or export it as CSV"
        ) from None
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise InputError(source, "the workbook has no sheets")
        chosen = next(
            (ws for ws in sheets if any(p and p in normalise_header(ws.title) for p in prefer)),
            sheets[0],
        )
        # Checked before reading: openpyxl would walk every empty row up to the last one.
        if chosen.max_row > XLSX_MAX_ROWS or chosen.max_column > XLSX_MAX_COLUMNS:
            what = (f"row {chosen.max_row:,}, past Excel's last row ({XLSX_MAX_ROWS:,})"
                    if chosen.max_row > XLSX_MAX_ROWS else
                    f"column {chosen.max_column:,}, past Excel's last column "
                    f"({XLSX_MAX_COLUMNS:,})")
            raise InputError(source, f"sheet {chosen.title!r} has a cell in {what}; a "
                                     "workbook cannot hold it, so the file is damaged or was "
                                     "not written by a spreadsheet; save it again or export "
                                     "it as CSV")
        records = [Row(number, number, tuple(_cell_text(v) for v in values))
                   for number, values in enumerate(
                       chosen.iter_rows(min_row=1, max_row=max_rows, values_only=True), start=1)]
        return chosen.title, records
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # "3", not "3.0", for an id typed as a number
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n")
