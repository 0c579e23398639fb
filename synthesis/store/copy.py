"""Copying a whole store to another backend (SQLite to PostgreSQL or back), ids unchanged.

The destination must be empty. Its schema is built by the same migration steps, every
table is copied in :data:`~synthesis.store.schema.TABLES` order (parents first) and then
read back and compared with the source row for row. Anything that goes wrong leaves the
destination as it was: the tables made on a server are dropped again, a new SQLite file
is deleted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..errors import StoreError
from .connection import is_server_url, redact
from .schema import SERIAL, TABLES
from .study_store import Store

_BATCH = 5000


def copy_store(source: Store, to: str | Path) -> dict[str, int]:
    """Copy every table of ``source`` into the empty store ``to``; rows copied per table.

    Examples
    --------
    >>> counts = copy_store(study.store, tmp / "copy.db")  # or a PostgreSQL URL
    >>> counts["rounds"], counts["participants"], counts["notes"]
    (3, 28, 706)
    >>> copy_store(study.store, tmp / "copy.db")
    Traceback (most recent call last):
    ...
    synthesis.errors.StoreError: ...copy.db already exists; a store is copied only into a new
    file or an empty database.
    """
    where = redact(str(to)) if is_server_url(to) else str(to)
    if not is_server_url(to) and Path(to).exists() and Path(to).stat().st_size:
        raise StoreError(f"{where} already exists; a store is copied only into a new file "
                         "or an empty database.")
    dest = Store(to, create=True, fresh=True)
    try:
        counts = _copy_tables(source, dest)
        _check(source, dest)
    except BaseException:
        _undo_copy(dest, to)
        raise
    dest.close()
    return counts


def _columns(store: Store, table: str) -> list[str]:
    with store.reading() as conn:
        names = [c["name"] for c in sa.inspect(conn).get_columns(table)]
    if table == "notes" and "rowid" not in names:
        names = ["rowid", *names]  # SQLite's own, which keeps the import order
    return names


def _select(store: Store, table: str, columns: list[str]) -> str:
    quoted = ", ".join(f'"{c}"' if c != "rowid" or store.dialect != "sqlite" else "rowid"
                       for c in columns)
    return f"SELECT {quoted} FROM {table} ORDER BY {', '.join(TABLES[table])}"


def _copy_tables(source: Store, dest: Store) -> dict[str, int]:
    counts: dict[str, int] = {}
    with dest.transaction():
        dest.execute("DELETE FROM meta")  # the source's schema version, as written there
        for table in TABLES:
            columns = _columns(source, table)
            rows = [dict(zip(columns, r)) for r in source.rows(_select(source, table,
                                                                        columns))]
            insert = sa.text(f"INSERT INTO {table} ({', '.join(_q(c) for c in columns)}) "
                             f"VALUES ({', '.join(':' + c for c in columns)})")
            for start in range(0, len(rows), _BATCH):
                dest.conn.execute(insert, rows[start:start + _BATCH])
            counts[table] = len(rows)
        if dest.dialect == "postgresql":
            for table, column in SERIAL.items():
                dest.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                             f"COALESCE(MAX({column}), 1), MAX({column}) IS NOT NULL) "
                             f"FROM {table}")
    return counts


def _q(column: str) -> str:
    return f'"{column}"'


def _check(source: Store, dest: Store) -> None:
    """Read both stores back table by table and compare them row for row."""
    for table in TABLES:
        columns = _columns(source, table)
        ours = source.rows(_select(source, table, columns))
        theirs = dest.rows(_select(dest, table, columns))
        if len(ours) != len(theirs):
            raise StoreError(f"the copy of {table} has {len(theirs)} rows, the study "
                             f"{len(ours)}; nothing was kept.")
        for a, b in zip(ours, theirs):
            if tuple(a) != tuple(b):
                raise StoreError(f"the copy of a {table} row differs from the study's "
                                 f"({_key(table, columns, a)}); nothing was kept.")


def _key(table: str, columns: list[str], row: Any) -> str:
    values = dict(zip(columns, row))
    return ", ".join(f"{c}={values[c]!r}" for c in TABLES[table])


def _undo_copy(dest: Store, to: str | Path) -> None:
    """Leave the destination as it was found: empty."""
    try:
        if dest.dialect == "postgresql":
            with dest.transaction():
                for table in reversed(TABLES):
                    dest.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    finally:
        dest.close()
        if not is_server_url(to):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{to}{suffix}").unlink(missing_ok=True)
