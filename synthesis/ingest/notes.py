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
from dataclasses import dataclass, field
from pathlib import Path

from synthesis.errors import InputError
from synthesis.identity import DEFAULT, IdentityRule
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
    >>> bundle = parse_notes(Path("round1-notes.csv"), round_id="r1")  # doctest: +SKIP
    >>> bundle.notes[0].participant_id, bundle.notes[0].source_ref  # doctest: +SKIP
    ('P03', 'row 2')
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


@dataclass
class _Group:
    """The rows that make one note."""

    row: Row
    participant: str
    round_id: str
    text: str
    kind: str
    author: str | None
    given_id: str | None
    themes: list[str] = field(default_factory=list)


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
        k_col, c_col, id_col = at.get("kind"), at.get("coder"), self.id_col
        splitter = TagSplitter.for_cells(
            (row.get(t_col) for row in table.rows) if t_col is not None else (),
            known=self.themes.by_name)
        ids: dict[str, str] = {}
        rounds: dict[str, str] = {}
        groups: dict[object, _Group] = {}
        merged_rows = 0
        tags_read = 0
        for row in table.rows:
            text = row.get(n_col)
            tags = splitter.split(row.get(t_col)) if t_col is not None else []
            tags_read += len(tags)
            if not text:
                self._skip(row, "no note text", tags)
                continue
            raw_id = row.get(p_col)
            if not raw_id:
                raise table.error(row, "has a note but no participant id; expected one in "
                                       f"column {table.columns[p_col]!r}")
            participant = ids.get(raw_id)
            if participant is None:
                participant = ids[raw_id] = self.identity.canonical(raw_id)
            cell_round = row.get(r_col)
            if cell_round:
                note_round = rounds.get(cell_round)
                if note_round is None:
                    note_round = rounds[cell_round] = col.round_id(cell_round)
            elif self.round_id:
                note_round = self.round_id
            else:  # r_col is set: the caller checked there is a round somewhere
                raise table.error(row, f"has no round; fill in column "
                                       f"{table.columns[r_col]!r} or pass --round")
            given = row.get(id_col) if id_col is not None else ""
            key: object = ("id", given) if given else (participant, note_round, text)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(row, participant, note_round, text,
                                             _kind(row.get(k_col)), row.get(c_col) or None,
                                             given or None)
            else:
                merged_rows += 1
                why = ("shares its note id with an earlier row (one note, several themes)"
                       if given else "repeats an earlier row's participant and text (one "
                       "note, several themes)")
                bundle.unimported.append(Unimported("row", f"row {row.row}", why, "merged",
                                                    _short(text)))
            for name in tags:
                if len(name) > MAX_THEME_NAME:
                    raise table.error(row, f"has a tag longer than {MAX_THEME_NAME} "
                                           "characters; tags name themes, so keep them short")
                tid = self.themes.id_for(name)
                if tid in group.themes:
                    bundle.unimported.append(Unimported(
                        "tag", f"row {row.row}", "the same theme twice on one note", "merged",
                        name))
                else:
                    group.themes.append(tid)
        source = table.source
        bundle.notes = [Note(
            note_id=source_note_id(source, g.given_id) if g.given_id
            else note_id(source, g.row.row, g.text),
            text=g.text, participant_id=g.participant, round_id=g.round_id, kind=g.kind,
            source=source, source_ref=f"row {g.row.row}", theme_ids=tuple(g.themes),
            author=g.author, source_note_id=g.given_id) for g in groups.values()]
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
                                   f"{sum(1 for g in groups.values() if len(g.themes) > 1)} "
                                   "note(s) with several themes")
        return bundle

    def _skip(self, row: Row, reason: str, tags: Sequence[str]) -> None:
        self.bundle.unimported.append(Unimported("row", f"row {row.row}", reason))
        self.bundle.unimported.extend(
            Unimported("tag", f"row {row.row}", f"its row has {reason}", "skipped", t)
            for t in tags)

    def _summary(self, splitter: TagSplitter) -> str:
        table, at = self.table, self.at
        where = f" (sheet {table.sheet!r})" if table.sheet else ""
        text = (f"read {len(self.bundle.notes)} note(s) from {len(table.rows)} row(s){where}: "
                f"participant from {table.columns[at['participant']]!r}, text from "
                f"{table.columns[at['note']]!r}")
        if self.id_col is not None:
            text += f", note ids from {table.columns[self.id_col]!r}"
        if at.get("theme") is not None:
            text += (f", themes from {table.columns[at['theme']]!r} "
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


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
