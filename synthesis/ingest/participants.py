"""Importing a participants spreadsheet (one row per person, with their attributes)."""

from __future__ import annotations

from pathlib import Path

from synthesis.identity import DEFAULT, IdentityRule
from synthesis.ingest import columns as col
from synthesis.ingest.mapping import NO_MAPPING, ColumnMap
from synthesis.ingest.tables import Row, read_table
from synthesis.model import ImportBundle, Participant


def parse_participants(path: Path, *, round_id: str | None = None,
                       columns: ColumnMap = NO_MAPPING,
                       identity: IdentityRule = DEFAULT) -> ImportBundle:
    """Parse a participants spreadsheet (CSV, TSV or XLSX) into an ImportBundle.

    One row per participant. The id column is found like the notes importer's
    (``participant``, ``participant id``, ``P#``, ``pid``, ..., or as ``columns`` maps
    ``participant``) and each id is read by :mod:`synthesis.identity` (``p1`` is ``P01``);
    ``name`` / ``full name`` /
    ``participant name`` is kept as the participant's real name (reports show only the id);
    ``round`` is optional (else ``round_id``, else the participant belongs to no round).
    Every other column becomes an attribute under a snake_case key ("Company size" →
    ``company_size``; e-mail and phone columns → ``email`` / ``phone``); empty cells are left
    out.

    Raises
    ------
    InputError
        For a missing id column (listing the columns found), a row without an id, or an id
        listed twice (naming both rows).

    Examples
    --------
    >>> bundle = parse_participants(Path("data/invoicing-onboarding/participants.csv"))
    >>> bundle.participants[0]
    Participant(participant_id='P01', round_id='r1', name='Amber Cole',
                attributes={'email': 'amber.cole@example.com', 'segment': 'Freelancer',
                            'role': 'Graphic designer', 'plan': 'Trial', 'region': 'UK'})
    """
    table = read_table(Path(path), prefer_sheet=("participants",),
                       header_names=col.PARTICIPANT + tuple(columns.given.values()))
    found = columns.locate(table, {"participant": col.PARTICIPANT, "round": col.ROUND})
    id_col = found["participant"]
    if id_col is None:
        raise table.missing("participant id", col.PARTICIPANT)
    name_col, r_col = table.find(col.NAME), found["round"]
    if name_col == id_col:
        name_col = None
    attributes = _attribute_columns(table.columns, {id_col, name_col, r_col})

    bundle = ImportBundle(source=table.source, kind="participants",
                          messages=[*table.messages, *found.messages],
                          inputs={"row": len(table.rows)})
    seen: dict[str, Row] = {}
    for row in table.rows:
        raw_id = row.get(id_col)
        if not raw_id:
            raise table.error(row, f"has no participant id; expected one in column "
                                   f"{table.columns[id_col]!r}")
        pid = identity.canonical(raw_id)
        if pid in seen:
            raise table.error(row, f"lists participant {pid!r} again: they are in rows "
                                   f"{seen[pid].row} and {row.row}; keep one row per "
                                   "participant")
        seen[pid] = row
        cell_round = row.get(r_col)
        bundle.participants.append(Participant(
            participant_id=pid,
            round_id=col.round_id(cell_round) if cell_round else round_id,
            name=row.get(name_col) or None,
            attributes={key: row.get(i) for i, key in attributes if row.get(i)},
        ))
    keys = ", ".join(key for _, key in attributes) or "none"
    bundle.messages.append(f"read {len(bundle.participants)} participant(s) from "
                           f"{table.columns[id_col]!r}; attributes: {keys}")
    return bundle


def _attribute_columns(columns: tuple[str, ...], used: set[int | None]) -> list[tuple[int, str]]:
    """(column index, attribute key) for every column not already used; repeated keys get _2."""
    out: list[tuple[int, str]] = []
    taken = {"participant_id", "round_id", "name"}
    for i, column in enumerate(columns):
        if i in used:
            continue
        key = base = col.attribute_key(column)
        n = 1
        while key in taken:
            n += 1
            key = f"{base}_{n}"
        taken.add(key)
        out.append((i, key))
    return out
