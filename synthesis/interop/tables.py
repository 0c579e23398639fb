"""Notes and codebooks as spreadsheets that open cleanly in Excel and LibreOffice.

A notes table has one row per note, with its round, participant (and each participant
attribute), session, themes and parent themes: a note in several themes lists them all in
one cell, joined by ``"; "`` in board order. The long form has one row per note and theme
instead (an unsorted note is one row with no theme), for pivot tables. CSV is written as
Excel expects it (UTF-8 with a BOM, CRLF, every text cell quoted) and any cell that a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) gets a leading ``'``,
column headers included (a participant attribute or a REFI-QDA variable named ``=cmd()``
becomes a header). XLSX cells are written as text, so a note starting with ``=`` is shown,
never run.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pandas as pd

from ..ingest.tables import read_table
from ..model import ImportBundle, Theme
from ..placements import notes_by_theme, themes_text
from ..privacy import public_attributes
from .refi_codebook import write_atomic
from .refi_conventions import guid_for

NOTE_COLUMNS = ("note_id", "round", "participant", "session", "theme", "parent theme", "kind",
                "text", "source", "source_ref", "author", "edited", "utterance_id", "start_char",
                "end_utterance_id", "end_char")
CODEBOOK_COLUMNS = ("name", "description", "parent", "colour")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_EXCEL_CELL_MAX = 32767  # characters Excel keeps in one cell
_NOT_ATTRIBUTES = ("participant_id", "round_id", "attributes")  # bookkeeping, not attributes


_RANGE = ("utterance_id", "start_char", "end_utterance_id", "end_char")


def _whole(value: Any) -> Any:
    """A position as a whole number (pandas reads a column with gaps as floats: 12.0)."""
    return None if _blank(value) else int(value)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (
        value is pd.NA or value is pd.NaT)


def notes_table(notes: pd.DataFrame, participants: pd.DataFrame | None = None,
                themes: pd.DataFrame | None = None, long: bool = False) -> pd.DataFrame:
    """One row per note: ``note_id, round, participant, <attributes...>, session, theme,
    parent theme, kind, text, source, source_ref, author, edited, utterance_id, start_char,
    end_utterance_id, end_char``.

    ``theme`` holds every theme of the note joined by ``"; "`` (``parent theme`` likewise);
    with ``long=True`` there is one row per note and theme instead. ``notes`` may have
    either shape of :mod:`synthesis.placements`. Private attributes (names, contact details,
    profiles: :func:`synthesis.privacy.is_private`) are left out: a spreadsheet travels
    further than the study. ``author`` is who wrote a note (a sticky or a highlight made in
    JupyterLab, or the source's coder) and ``edited`` when its text was last changed by hand
    (empty: as imported or written); notes set aside are not in ``Study.notes()`` at all.
    A note cut from a transcript keeps its exact range: the turn (``utterance_id``) and
    character it starts at, and the character it ends before, counted in ``end_utterance_id``
    when it runs on into a later turn of the same speaker (empty: the same turn).

    Examples
    --------
    >>> notes = pd.DataFrame([{"note_id": "n1", "round_id": "r1", "participant_id": "P01",
    ...     "session_id": None, "text": "Slow bank sync", "kind": "observation",
    ...     "source": "notes.csv", "source_ref": "row 2", "theme_id": "t2"}])
    >>> themes = pd.DataFrame([{"theme_id": "t1", "name": "Banking", "parent_id": None},
    ...                        {"theme_id": "t2", "name": "Sync", "parent_id": "t1"}])
    >>> people = pd.DataFrame([{"participant_id": "P01", "round_id": "r1", "segment": "SMB"}])
    >>> notes_table(notes, people, themes).iloc[0][["participant", "segment", "theme",
    ...                                             "parent theme"]].tolist()
    ['P01', 'SMB', 'Sync', 'Banking']
    """
    theme_rows = {} if themes is None else {
        r["theme_id"]: r for r in themes.to_dict("records")}

    def theme_name(tid: Any) -> str:
        row = theme_rows.get(tid)
        return "" if row is None else str(row.get("name") or "")

    people = {} if participants is None else {
        r["participant_id"]: r for r in participants.to_dict("records")}
    attributes = [] if participants is None else [
        c for c in public_attributes(participants.columns) if c not in _NOT_ATTRIBUTES]
    # An attribute named like a fixed column ("kind", "source") must not overwrite it.
    labels = {a: (f"participant {a}" if a in NOTE_COLUMNS else str(a)) for a in attributes}

    order: list[str] = []
    first: dict[str, dict[str, Any]] = {}
    placed: dict[str, list[str]] = defaultdict(list)
    for row in notes_by_theme(notes).to_dict("records"):
        nid = str(row["note_id"])
        if nid not in first:
            order.append(nid)
            first[nid] = row
        tid = row.get("theme_id")
        if not _blank(tid) and tid not in placed[nid]:
            placed[nid].append(tid)
    records = []
    for nid in order:
        row = first[nid]
        pid = row.get("participant_id")
        person = people.get(pid, {})
        groups = [[t] for t in placed[nid]] if long and placed[nid] else [placed[nid]]
        for tids in groups:
            parents = [theme_rows.get(t, {}).get("parent_id") for t in tids]
            record = {"note_id": nid, "round": row.get("round_id"), "participant": pid}
            record.update({labels[a]: person.get(a) for a in attributes})
            record.update({
                "session": row.get("session_id"),
                "theme": themes_text([theme_name(t) for t in tids]),
                "parent theme": themes_text([theme_name(p) for p in parents
                                             if not _blank(p)]),
                "kind": row.get("kind"), "text": row.get("text"),
                "source": row.get("source"), "source_ref": row.get("source_ref"),
                "author": row.get("author"), "edited": row.get("edited_at"),
                **{c: _whole(row.get(c)) for c in _RANGE}})
            records.append({k: (None if _blank(v) else v) for k, v in record.items()})
    columns = ["note_id", "round", "participant", *labels.values(), *NOTE_COLUMNS[3:]]
    # object columns: a position column with gaps would otherwise turn 12 into 12.0
    return pd.DataFrame(records, columns=columns, dtype=object)


def _safe_text(value: str) -> str:
    """Defuse a cell a spreadsheet would run as a formula (OWASP's CSV-injection advice)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _undo_safe_text(value: str) -> str:
    """Read back a cell :func:`_safe_text` defused (``'=x`` was written for ``=x``)."""
    return value[1:] if value.startswith("'") and value[1:2] in _FORMULA_START else value


def _csv_cell(value: Any) -> Any:
    if _blank(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    return _safe_text(str(value))


def csv_text(table: pd.DataFrame) -> str:
    """A table as CSV text for a spreadsheet: every text cell quoted, headers and cells that
    would run as formulas defused, CRLF line ends.

    Examples
    --------
    >>> print(csv_text(pd.DataFrame({"=SUM(A1)": ["@me", 3]})).replace("\\r", ""))
    "'=SUM(A1)"
    "'@me"
    3
    <BLANKLINE>
    """
    buffer = io.StringIO()
    # QUOTE_NONNUMERIC quotes every text cell (so a leading zero or a date-like id stays
    # text) and leaves numbers bare, as Excel writes them.
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow([_safe_text(str(c)) for c in table.columns])
    for row in table.itertuples(index=False):
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue()


def write_csv(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as CSV for Excel and LibreOffice: UTF-8 BOM, CRLF, text cells quoted.

    Examples
    --------
    >>> write_csv(notes_table(study.notes()), "notes.csv")
    PosixPath('notes.csv')
    """
    return write_atomic(Path(path), csv_text(table).encode("utf-8-sig"))


def write_xlsx(table: pd.DataFrame, path: str | Path, sheet: str = "Notes") -> Path:
    """Write a table as XLSX: bold header, frozen header row, filters, wrapped note text.

    Examples
    --------
    >>> write_xlsx(notes_table(study.notes()), "notes.xlsx")
    PosixPath('notes.xlsx')
    """
    # lazy: openpyxl adds ~180 ms; only XLSX export needs it (CSV export and imports do not)
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.worksheets[0]  # a new workbook's one sheet (book.active may be None to mypy)
    ws.title = sheet[:31]
    columns = [str(c) for c in table.columns]
    for c, name in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=c)
        cell.value = _safe_text(ILLEGAL_CHARACTERS_RE.sub("", name))
        cell.data_type = "s"  # a header is text, whatever it starts with
        cell.font = Font(bold=True)
    widths = [len(c) for c in columns]
    for r, row in enumerate(table.itertuples(index=False), start=2):
        for c, value in enumerate(row, start=1):
            if _blank(value):
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                value = str(value)
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)[:_EXCEL_CELL_MAX]
                cell.value = value
                # openpyxl turns a string starting with "=" into a formula; force plain text.
                cell.data_type = "s"
            else:
                cell.value = value
            longest = max((len(line) for line in str(value).splitlines()), default=0)
            widths[c - 1] = max(widths[c - 1], longest)
    for c, name in enumerate(columns, start=1):
        letter = get_column_letter(c)
        if name == "text":
            ws.column_dimensions[letter].width = 80
            for cell in ws[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        else:
            ws.column_dimensions[letter].width = min(max(widths[c - 1], 6) + 2, 40)
    ws.freeze_panes = "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(ws.max_row, 1)}"
    buffer = io.BytesIO()
    book.save(buffer)
    return write_atomic(Path(path), buffer.getvalue())


# -- codebooks -------------------------------------------------------------------------------
def codebook_table(themes: pd.DataFrame) -> pd.DataFrame:
    """Themes as ``name, description, parent, colour`` rows, each parent before its children.

    Examples
    --------
    >>> themes = pd.DataFrame([{"theme_id": "t2", "name": "Sync", "parent_id": "t1"},
    ...                        {"theme_id": "t1", "name": "Banking", "parent_id": None}])
    >>> codebook_table(themes)[["name", "parent"]].values.tolist()
    [['Banking', ''], ['Sync', 'Banking']]
    """
    rows = themes.to_dict("records")
    by_id = {r["theme_id"]: r for r in rows}
    children: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        parent = r.get("parent_id")
        children[parent if parent in by_id else None].append(r)
    out: list[dict[str, Any]] = []
    seen: set[Any] = set()

    def walk(parent: Any) -> None:
        for r in children.get(parent, []):
            if r["theme_id"] in seen:
                continue
            seen.add(r["theme_id"])
            p = by_id.get(r.get("parent_id"))
            out.append({"name": r.get("name") or "",
                        "description": "" if _blank(r.get("description"))
                        else r.get("description"),
                        "parent": "" if p is None else p.get("name") or "",
                        "colour": "" if _blank(r.get("colour")) else r.get("colour")})
            walk(r["theme_id"])

    walk(None)
    return pd.DataFrame(out, columns=list(CODEBOOK_COLUMNS))


def write_codebook_csv(themes: pd.DataFrame, path: str | Path) -> Path:
    """Write the themes as a codebook CSV (``name, description, parent, colour``)."""
    return write_csv(codebook_table(themes), path)


def parse_codebook_csv(path: str | Path) -> ImportBundle:
    """Read a codebook spreadsheet (CSV, TSV or XLSX) into themes (kind ``"codebook"``).

    Columns are found by name: ``name`` (or theme, code), ``description`` (or definition,
    memo), ``parent`` (or parent theme, parent code, group) and ``colour`` (or color). A
    parent is named, and must be a theme of the same file.

    Examples
    --------
    >>> _ = Path("codebook.csv").write_text("name,parent\\nBanking,\\nSync,Banking\\n")
    >>> [t.name for t in parse_codebook_csv("codebook.csv").themes]
    ['Banking', 'Sync']
    """
    path = Path(path)
    table = read_table(path, header_names=["name", "theme", "code"])
    name_at = table.find(["name", "theme", "code", "theme name", "code name"])
    if name_at is None:
        raise table.missing("theme name", ["name", "theme", "code"])
    desc_at = table.find(["description", "definition", "memo"])
    parent_at = table.find(["parent", "parent theme", "parent code", "group"])
    colour_at = table.find(["colour", "color"])
    entries = []
    for row in table.rows:
        name = " ".join(_undo_safe_text(row.get(name_at)).split())
        if not name:
            raise table.error(row, "has no theme name.")
        colour = row.get(colour_at) or None
        if colour is not None:
            colour = colour if colour.startswith("#") else "#" + colour
            if not _COLOUR.match(colour):
                raise table.error(row, f"has colour {row.get(colour_at)!r}; expected a colour "
                                  "like #1f77b4.")
        entries.append((row, name, _undo_safe_text(row.get(desc_at)),
                        _undo_safe_text(row.get(parent_at)), colour))
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, (_, name, _, _, _) in enumerate(entries):
        by_name[name.casefold()].append(i)
    parent_of: list[int | None] = []
    for row, _name, _, parent, _ in entries:
        if not parent:
            parent_of.append(None)
            continue
        matches = by_name.get(" ".join(parent.split()).casefold(), [])
        if not matches:
            raise table.error(row, f"names parent {parent!r}, which is not a theme in this "
                              "file.")
        if len(matches) > 1:
            raise table.error(row, f"names parent {parent!r}, but several themes have that "
                              "name.")
        parent_of.append(matches[0])
    seen_pairs: set[tuple[str, int | None]] = set()
    for i, (row, name, _, _, _) in enumerate(entries):
        key = (name.casefold(), parent_of[i])
        if key in seen_pairs:
            raise table.error(row, f"repeats the theme {name!r} under the same parent.")
        seen_pairs.add(key)
        ancestor, steps = parent_of[i], 0
        while ancestor is not None:
            if ancestor == i or steps > len(entries):
                raise table.error(row, f"makes {name!r} its own ancestor.")
            ancestor, steps = parent_of[ancestor], steps + 1

    def path_of(i: int) -> str:
        names = []
        at: int | None = i
        while at is not None:
            names.append(entries[at][1].casefold())
            at = parent_of[at]
        return " / ".join(reversed(names))

    # Ids come from the path of names, so importing the same codebook twice is a no-op.
    ids = ["t-" + guid_for("codebook-theme", path_of(i)) for i in range(len(entries))]
    themes: list[Theme] = []
    done: set[int] = set()

    def add(i: int) -> None:  # parents first, whatever order the rows came in
        if i in done:
            return
        if parent_of[i] is not None:
            add(parent_of[i])  # type: ignore[arg-type]
        done.add(i)
        _, name, description, _, colour = entries[i]
        parent = parent_of[i]
        themes.append(Theme(ids[i], name[:200], description, colour,
                            None if parent is None else ids[parent]))

    for i in range(len(entries)):
        add(i)
    bundle = ImportBundle(source=path.name, kind="codebook", themes=themes)
    bundle.messages.extend(f"{path.name}: {m}" for m in table.messages)
    bundle.messages.insert(0, f"{path.name}: read {len(themes)} themes "
                              f"({sum(p is None for p in parent_of)} at the top level).")
    if desc_at is None and parent_at is None:
        bundle.messages.append(f"{path.name}: no description or parent column; read names only.")
    return bundle
