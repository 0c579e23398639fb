"""Importing a spreadsheet of interview notes into an ImportBundle.

Two shapes are read the same way. In the wide shape each row is one note, its themes in one
tags cell (``"Pricing; Trust"``). In the long shape a tool writes one row per note × tag
(Taguette's ``id,document,tag,content``): rows that share a note id, or, with no id column,
repeat the same participant, round and text, are one note placed in every theme its rows
name. Every row and tag read is either in a note or listed in ``bundle.unimported``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from synthesis.errors import InputError
from synthesis.identity import DEFAULT, IdentityRule
from synthesis.excerpt import excerpt
from synthesis.ingest import columns as col
from synthesis.ingest.mapping import NO_MAPPING, ColumnMap
from synthesis.ingest.tables import Row, Table, normalise_header, read_table
from synthesis.ingest.tags import MAX_THEME_NAME, TagSplitter, ThemeBook
from synthesis.model import ImportBundle, Note, Unimported

_KINDS = {"quotes": "quote", "quotation": "quote", "verbatim": "quote",
          "observations": "observation", "obs": "observation"}
_FIELDS = {"participant": col.PARTICIPANT, "note": col.NOTE, "theme": col.TAGS,
           "round": col.ROUND, "note_id": col.NOTE_ID, "coder": col.CODER, "kind": col.KIND}


def parse_notes(
    path: Path,
    *,
    round_id: str | None = None,
    theme_ids: Mapping[str, str] | None = None,
    columns: ColumnMap = NO_MAPPING,
    identity: IdentityRule = DEFAULT,
) -> ImportBundle:
    """Parse a notes spreadsheet (CSV, TSV or XLSX) into notes placed in their themes.

    Columns are found by name, ignoring case, spaces and punctuation, or as ``columns``
    maps them: a participant column (``participant``, ``participant id``, ``P#``, ``pid``,
    ``respondent``, ``interviewee``; failing those a ``document`` or ``file`` column whose
    values hold an id, like Taguette's ``P2 Transcript``), a note column (``note``,
    ``text``, ``quote``, ``observation``, ``content``, ``highlight``), and optionally
    ``round``, ``kind``/``type``, a note id (``id``, ``highlight id``), a coder and
    ``tags``/``tag``/``theme``/``code`` (see :mod:`~synthesis.ingest.tags` for several
    tags in one cell). Participant ids are read by :mod:`synthesis.identity`. Tags become
    themes: an existing one from ``theme_ids`` (name → id, any case) or a new one with a
    stable id.

    Raises
    ------
    InputError
        Naming the file and row: a missing column, a note without a participant or round,
        a tag too long to name a theme, a mapped column the file lacks.

    Examples
    --------
    >>> bundle = parse_notes(Path("data/invoicing-onboarding/rounds/r3/notes-extra.csv"),
    ...                      round_id="r3")
    >>> bundle.notes[0].participant_id, bundle.notes[0].source_ref
    ('P21', 'row 2')
    """
    table = read_table(Path(path), prefer_sheet=("notes",),
                       header_names=col.PARTICIPANT + col.NOTE + _mapped(columns))
    found = columns.locate(table, _FIELDS)
    p_col = found["participant"]
    if p_col is None:
        p_col = table.find(col.PARTICIPANT_IN_VALUE)
        if p_col is None:
            raise table.missing("participant", col.PARTICIPANT)
    n_col = found["note"]
    if n_col is None:
        raise table.missing("note", col.NOTE)
    if found["round"] is None and not round_id:
        raise InputError(table.source, "has no 'round' column and no round was given; add a "
                                       "round column or pass --round (for example --round r1)")
    reader = _NotesReader(table, found.index | {"participant": p_col}, round_id, identity,
                          ThemeBook(theme_ids or {}),
                          id_mapped="note_id" in columns.given)
    bundle = reader.read()
    bundle.messages[:0] = [*table.messages, *found.messages,
                           *_ignored_columns(table, {"participant": col.PARTICIPANT,
                                                     "note": col.NOTE, "tags": col.TAGS})]
    return bundle


def note_id(source: str, row: int, text: str) -> str:
    """A note's id: the same file, row and text always give the same id.

    Examples
    --------
    >>> import hashlib
    >>> note_id("n.csv", 2, "hi") == "n-" + hashlib.sha1(b"n.csv|row 2|hi").hexdigest()[:12]
    True
    """
    return "n-" + hashlib.sha1(f"{source}|row {row}|{text}".encode()).hexdigest()[:12]


def source_note_id(source: str, given: str) -> str:
    """A note's id when the file gives its own (a highlight id): the same for every row.

    Examples
    --------
    >>> source_note_id("h.csv", "17") == source_note_id("h.csv", "17")
    True
    """
    return "n-" + hashlib.sha1(f"{source}|id {given}".encode()).hexdigest()[:12]


@dataclass(slots=True)
class _Cell:
    """One distinct tags cell, read once: its tags and what a new note placed by it gets."""

    pairs: list[tuple[str, str]]  # every (name, theme id) in the cell, in order
    themes: list[str]  # its theme ids, each once: a new note's themes
    repeated: list[str]  # names whose theme the cell already named ("Pricing; pricing")


class _NotesReader:
    def __init__(self, table: Table, at: Mapping[str, int | None], round_id: str | None,
                 identity: IdentityRule, themes: ThemeBook, id_mapped: bool) -> None:
        self.table, self.at, self.round_id = table, at, round_id
        self.identity, self.themes = identity, themes
        self.bundle = ImportBundle(source=table.source, kind="notes")
        self.id_col = at.get("note_id")
        if self.id_col is not None and not id_mapped and not self._ids_name_notes():
            self.bundle.messages.append(
                f"column {table.columns[self.id_col]!r} repeats values over different texts, "
                "so it was not read as a note id")
            self.id_col = None

    def _ids_name_notes(self) -> bool:
        """Whether rows sharing a value in the id column always share their text."""
        seen: dict[str, str] = {}
        n_col = self.at["note"]
        for row in self.table.rows:
            given, text = row.get(self.id_col), row.get(n_col)
            if given and text and seen.setdefault(given, text) != text:
                return False
        return True

    def read(self) -> ImportBundle:
        table, at, bundle = self.table, self.at, self.bundle
        p_col, n_col, t_col, r_col = at["participant"], at["note"], at.get("theme"), at.get("round")
        assert p_col is not None and n_col is not None  # read_notes found both or raised
        k_col, c_col, id_col = at.get("kind"), at.get("coder"), self.id_col
        splitter = TagSplitter.for_cells(
            (row.cells[t_col] for row in table.rows) if t_col is not None else (),
            known=self.themes.by_name)
        # Caches by cell value: a 100,000-row file repeats its ids, rounds and tag cells.
        ids: dict[str, str] = {}
        rounds: dict[str, str] = {}
        tag_cells: dict[str, _Cell] = {}
        no_tags = _Cell([], [], [])
        # One note per key, with the list its rows' themes gather in; the note's id is
        # filled in once every row is read (it is a hash of the note's first row).
        groups: dict[object, tuple[Note, list[str]]] = {}
        source, default_round = table.source, self.round_id
        merged_rows = 0
        tags_read = 0
        for row in table.rows:
            cells = row.cells  # every row has the header's width (read_table pads it)
            text = cells[n_col].strip()
            tags = no_tags
            if t_col is not None:
                cell = cells[t_col]
                tags = tag_cells.get(cell)  # type: ignore[assignment]
                if tags is None:
                    tags = tag_cells[cell] = self._cell(row, splitter.split(cell))
                tags_read += len(tags.pairs)
            if not text:
                self._skip(row, "no note text", [name for name, _ in tags.pairs])
                continue
            raw_id = cells[p_col].strip()
            participant = ids.get(raw_id)
            if participant is None:
                if not raw_id:
                    raise table.error(row, "has a note but no participant id; expected one "
                                           f"in column {table.columns[p_col]!r}")
                participant = ids[raw_id] = self.identity.canonical(raw_id)
            cell_round = cells[r_col].strip() if r_col is not None else ""
            if cell_round:
                note_round = rounds.get(cell_round)
                if note_round is None:
                    note_round = rounds[cell_round] = col.round_id(cell_round)
            elif default_round:
                note_round = default_round
            else:
                assert r_col is not None  # the caller checked there is a round somewhere
                raise table.error(row, f"has no round; fill in column "
                                       f"{table.columns[r_col]!r} or pass --round")
            given = cells[id_col].strip() if id_col is not None else ""
            key: object = ("id", given) if given else (participant, note_round, text)
            group = groups.get(key)
            if group is None:
                # Positional arguments, in Note's field order: the fastest way to build
                # 100,000; the id ("") and themes (a tuple of the list) are filled in below.
                groups[key] = (Note(
                    "", text, participant, note_round,
                    _kind(cells[k_col]) if k_col is not None else "observation", source,
                    f"row {row.row}", None, None, None, None, (),
                    (cells[c_col].strip() or None) if c_col is not None else None,
                    given or None), tags.themes.copy())
                for name in tags.repeated:
                    bundle.unimported.append(Unimported(
                        "tag", f"row {row.row}", "the same theme twice on one note",
                        "merged", name))
                continue
            merged_rows += 1
            why = ("shares its note id with an earlier row (one note, several themes)"
                   if given else "repeats an earlier row's participant and text (one "
                   "note, several themes)")
            bundle.unimported.append(Unimported("row", f"row {row.row}", why, "merged",
                                                excerpt(text)))
            themes = group[1]
            for name, tid in tags.pairs:
                if tid in themes:
                    bundle.unimported.append(Unimported(
                        "tag", f"row {row.row}", "the same theme twice on one note", "merged",
                        name))
                else:
                    themes.append(tid)
        by_ref = f"{source}|".encode()  # + "row 12|text": note_id()
        by_id = f"{source}|id ".encode()  # + the given id: source_note_id()
        sha1 = hashlib.sha1
        for note, themes in groups.values():
            own = note.source_note_id
            note.note_id = "n-" + (sha1(by_id + own.encode()) if own else sha1(
                by_ref + f"{note.source_ref}|{note.text}".encode())).hexdigest()[:12]
            note.theme_ids = tuple(themes)
        bundle.notes = [note for note, _ in groups.values()]
        bundle.themes = self.themes.new
        bundle.inputs = {"row": len(table.rows), "tag": tags_read}
        bundle.note_unit = "row"
        if not bundle.notes:
            raise InputError(source, f"has no notes: every row's {table.columns[n_col]!r} "
                                     "cell is empty")
        bundle.messages.append(self._summary(splitter))
        if merged_rows:
            how = (f"shared a note id in column {table.columns[id_col]!r}"
                   if id_col is not None else "repeated a note with another tag")
            bundle.messages.append(f"{merged_rows} row(s) {how} and were merged into "
                                   f"{sum(1 for _, themes in groups.values() if len(themes) > 1)} "
                                   "note(s) with several themes")
        return bundle

    def _cell(self, row: Row, names: list[str]) -> _Cell:
        """A tags cell's names with their theme ids (checked once per distinct cell)."""
        for name in names:
            if len(name) > MAX_THEME_NAME:
                raise self.table.error(row, f"has a tag longer than {MAX_THEME_NAME} "
                                            "characters; tags name themes, so keep them short")
        cell = _Cell([(name, self.themes.id_for(name)) for name in names], [], [])
        for name, tid in cell.pairs:
            if tid in cell.themes:
                cell.repeated.append(name)
            else:
                cell.themes.append(tid)
        return cell

    def _skip(self, row: Row, reason: str, tags: Sequence[str]) -> None:
        self.bundle.unimported.append(Unimported("row", f"row {row.row}", reason))
        self.bundle.unimported.extend(
            Unimported("tag", f"row {row.row}", f"its row has {reason}", "skipped", t)
            for t in tags)

    def _summary(self, splitter: TagSplitter) -> str:
        table, at = self.table, self.at
        p_col, n_col, t_col = at["participant"], at["note"], at.get("theme")
        assert p_col is not None and n_col is not None  # read_notes found both or raised
        where = f" (sheet {table.sheet!r})" if table.sheet else ""
        text = (f"read {len(self.bundle.notes)} note(s) from {len(table.rows)} row(s){where}: "
                f"participant from {table.columns[p_col]!r}, text from "
                f"{table.columns[n_col]!r}")
        if self.id_col is not None:
            text += f", note ids from {table.columns[self.id_col]!r}"
        if t_col is not None:
            text += (f", themes from {table.columns[t_col]!r} "
                     f"({len(self.bundle.themes)} new)")
            if splitter.split_at_commas:
                text += (f"; {splitter.split_at_commas} tag cell(s) were split at commas "
                         "(separate tags with ';' to keep a comma in a theme's name)")
        return text


def _mapped(columns: ColumnMap) -> tuple[str, ...]:
    return tuple(columns.given.values()) + tuple(columns.configured.values())


def _kind(value: str) -> str:
    kind = " ".join(value.split()).lower()
    return _KINDS.get(kind, kind) or "observation"



def _ignored_columns(table: Table, roles: Mapping[str, Sequence[str]]) -> list[str]:
    """Say so when a second column also looked like the participant, note or tags column."""
    messages = []
    for role, accepted in roles.items():
        used = table.find(accepted)
        wanted = {normalise_header(a) for a in accepted}
        also = [c for i, c in enumerate(table.columns)
                if i != used and normalise_header(c) in wanted]
        if used is not None and also:
            messages.append(f"used column {table.columns[used]!r} for the {role}; also found "
                            f"{', '.join(repr(c) for c in also)}, which was not imported")
    return messages
