"""Importing a spreadsheet of interview notes (one sticky note per row) into an ImportBundle."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from synthesis.errors import InputError
from synthesis.ingest import columns as col
from synthesis.ingest.tables import Row, Table, normalise_header, read_table
from synthesis.model import ImportBundle, Note, Participant, Theme

# Mirrors synthesis.study.MAX_THEME_NAME; kept here so parsing never imports the store.
MAX_THEME_NAME = 200
_TAG_SEPARATORS = re.compile(r"[;,|]")
_KINDS = {"quotes": "quote", "quotation": "quote", "verbatim": "quote",
          "observations": "observation", "obs": "observation"}
_LISTED = 10  # how many row numbers a message names before saying "…"


def parse_notes(
    path: Path,
    *,
    round_id: str | None = None,
    known_participants: set[str] | None = None,
    create_participants: bool = False,
    theme_ids: Mapping[str, str] | None = None,
) -> ImportBundle:
    """Parse a notes spreadsheet (CSV, TSV or XLSX): one note per row.

    Columns are found by name, ignoring case, spaces and punctuation: a participant column
    (``participant``, ``participant id``, ``P#``, ``pid``, ``respondent``, ``interviewee``), a
    note column (``note``, ``text``, ``quote``, ``observation``, ``content``), and optionally
    ``round``, ``kind``/``type`` and ``tags``/``tag``/``theme``/``themes``/``code`` (several
    tags in one cell separated by ``;``, ``,`` or ``|``). Tags become themes: an existing one
    from ``theme_ids`` (name → id, any case) or a new one with a stable id.

    Parameters
    ----------
    round_id
        The round for rows whose round cell is empty (or when there is no round column).
    known_participants
        The study's participant ids; a note for anyone else is refused unless
        ``create_participants`` is true, in which case they are added to the bundle.

    Raises
    ------
    InputError
        Naming the file and row: a missing column, a note without a participant or round,
        or an unknown participant.

    Examples
    --------
    >>> bundle = parse_notes(Path("round1-notes.csv"), round_id="r1")  # doctest: +SKIP
    >>> bundle.notes[0].participant_id, bundle.notes[0].source_ref  # doctest: +SKIP
    ('P03', 'row 2')
    """
    table = read_table(Path(path), prefer_sheet=("notes",),
                       header_names=col.PARTICIPANT + col.NOTE)
    source = table.source
    p_col = table.find(col.PARTICIPANT)
    if p_col is None:
        raise table.missing("participant", col.PARTICIPANT)
    n_col = table.find(col.NOTE)
    if n_col is None:
        raise table.missing("note", col.NOTE)
    r_col, k_col, t_col = table.find(col.ROUND), table.find(col.KIND), table.find(col.TAGS)
    if r_col is None and not round_id:
        raise InputError(source, "has no 'round' column and no round was given; add a round "
                                 "column or pass --round (for example --round r1)")

    bundle = ImportBundle(source=source, kind="notes", messages=list(table.messages))
    bundle.messages += _ignored_columns(table, {"participant": col.PARTICIPANT,
                                                "note": col.NOTE, "tags": col.TAGS})
    themes = _ThemeBook(theme_ids or {})
    known = None if known_participants is None else {col.participant_id(k)
                                                     for k in known_participants}
    unknown: dict[str, Row] = {}
    skipped: list[int] = []
    for row in table.rows:
        text = row.get(n_col)
        if not text:
            skipped.append(row.row)
            continue
        raw_id = row.get(p_col)
        if not raw_id:
            raise table.error(row, f"has a note but no participant id; expected one in column "
                                   f"{table.columns[p_col]!r}")
        participant = col.participant_id(raw_id)
        cell_round = row.get(r_col)
        note_round = col.round_id(cell_round) if cell_round else round_id
        if not note_round:
            raise table.error(row, f"has no round; fill in column {table.columns[r_col]!r} "
                                   "or pass --round")  # r_col is set: round_id was None
        if known is not None and participant not in known:
            unknown.setdefault(participant, row)
        bundle.notes.append(Note(
            note_id=note_id(source, row.row, text),
            text=text,
            participant_id=participant,
            round_id=note_round,
            kind=_kind(row.get(k_col)),
            source=source,
            source_ref=f"row {row.row}",
            theme_ids=themes.ids(table, row, row.get(t_col)),
        ))

    if unknown:
        _handle_unknown(table, unknown, bundle, create_participants)
    bundle.themes = themes.new
    bundle.messages.append(_summary(table, bundle, p_col, n_col, t_col))
    if skipped:
        bundle.messages.append(f"skipped {len(skipped)} row(s) with no note text "
                               f"({_rows(skipped)})")
    if not bundle.notes:
        raise InputError(source, f"has no notes: every row's {table.columns[n_col]!r} cell "
                                 "is empty")
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


def theme_id(name: str) -> str:
    """A new theme's id, from its name in any case.

    Examples
    --------
    >>> theme_id("Pricing") == theme_id("pricing")
    True
    """
    return "t-" + hashlib.sha1(name.lower().encode()).hexdigest()[:10]


class _ThemeBook:
    """Turns tag cells into theme ids, reusing the study's themes and minting each new one once."""

    def __init__(self, existing: Mapping[str, str]) -> None:
        self.by_name = {_tag_key(name): tid for name, tid in existing.items()}
        self.new: list[Theme] = []

    def ids(self, table: Table, row: Row, cell: str) -> tuple[str, ...]:
        ids: list[str] = []
        for tag in _TAG_SEPARATORS.split(cell):
            name = " ".join(tag.split())
            if not name:
                continue
            if len(name) > MAX_THEME_NAME:
                raise table.error(row, f"has a tag longer than {MAX_THEME_NAME} characters; "
                                       "tags name themes, so keep them short")
            key = _tag_key(name)
            if key not in self.by_name:
                self.by_name[key] = theme_id(name)
                self.new.append(Theme(theme_id=self.by_name[key], name=name))
            if self.by_name[key] not in ids:
                ids.append(self.by_name[key])
        return tuple(ids)


def _tag_key(name: str) -> str:
    return " ".join(name.split()).lower()


def _kind(value: str) -> str:
    kind = " ".join(value.split()).lower()
    return _KINDS.get(kind, kind) or "observation"


def _handle_unknown(table: Table, unknown: dict[str, Row], bundle: ImportBundle,
                    create: bool) -> None:
    if not create:
        (first, row), *others = unknown.items()
        more = f" (also unknown: {', '.join(pid for pid, _ in others)})" if others else ""
        raise table.error(row, f"is about participant {first!r}, who is not in the study{more}; "
                               "add them to the participants file or pass "
                               "--create-participants")
    rounds = {n.participant_id: n.round_id for n in reversed(bundle.notes)}
    for pid, row in unknown.items():
        bundle.participants.append(Participant(
            participant_id=pid, round_id=rounds.get(pid),
            attributes={"created_from": table.source}))
        bundle.messages.append(f"created participant {pid} (first seen in row {row.row}), who "
                               "was not in the participants file")


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


def _summary(table: Table, bundle: ImportBundle, p_col: int, n_col: int,
             t_col: int | None) -> str:
    where = f" (sheet {table.sheet!r})" if table.sheet else ""
    text = (f"read {len(bundle.notes)} note(s){where}: participant from "
            f"{table.columns[p_col]!r}, text from {table.columns[n_col]!r}")
    if t_col is not None:
        text += f", themes from {table.columns[t_col]!r} ({len(bundle.themes)} new)"
    return text


def _rows(numbers: Sequence[int]) -> str:
    listed = ", ".join(str(n) for n in numbers[:_LISTED])
    word = "row" if len(numbers) == 1 else "rows"
    return f"{word} {listed}{', …' if len(numbers) > _LISTED else ''}"
