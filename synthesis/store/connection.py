"""Opening a store (embedded SQLite, or a PostgreSQL server) and its one-change transactions.

SQLAlchemy Core gives one code path for both backends; the store keeps one connection
for its lifetime. SQLite runs in WAL mode and every change is one ``BEGIN IMMEDIATE`` ...
``COMMIT``: IMMEDIATE takes the write lock up front, so two kernels moving notes at once
queue instead of failing half-way. On PostgreSQL a change takes a transaction-scoped
advisory lock for the same reason (a move reads the rows it changes, then writes them).
Reads run in their own short transaction, so a board sees every change committed before it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event, exc

from ..errors import StoreError, StudyError
from .schema import MIGRATIONS, SCHEMA_VERSION, for_dialect

Params = Mapping[str, Any] | None
# One lock id for "a change to this database" (PostgreSQL advisory locks are per database).
_WRITE_LOCK = 0x5717E515


def now() -> str:
    """The time an event or import is stamped with (UTC, milliseconds).

    Examples
    --------
    >>> len(now())
    29
    """
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def redact(url: str) -> str:
    """A store URL fit to print: the password (and a user's name) left out.

    Examples
    --------
    >>> redact("postgresql://ana:s3cret@db.example:5432/study")
    'postgresql://***@db.example:5432/study'
    """
    return re.sub(r"//[^/@]*@", "//***@", url)


def is_server_url(store: str | Path | None) -> bool:
    """Whether ``store`` names a PostgreSQL server rather than an SQLite file.

    Examples
    --------
    >>> is_server_url("postgresql://localhost/study"), is_server_url("study.db")
    (True, False)
    """
    return isinstance(store, str) and store.startswith(("postgresql:", "postgres:",
                                                        "postgresql+psycopg:"))


def _engine_url(store: str) -> str:
    # Plain postgresql:// means psycopg2 to SQLAlchemy; this project ships psycopg 3.
    return re.sub(r"^(postgresql|postgres)(\+\w+)?://", "postgresql+psycopg://", store)


class Connection:
    """The store's connection: transactions, raw reads, the schema. Mixed into ``Store``."""

    def __init__(self, where: str | Path, *, create: bool = False, fresh: bool = False
                 ) -> None:
        self.server = is_server_url(where)
        self._url = str(where)  # with its password, for a watcher's own connection; never shown
        self.where = redact(str(where)) if self.server else str(where)
        self.path = None if self.server else Path(where)
        if self.path is not None and not create and not self.path.exists():
            raise StudyError(f"{self.path}: the study database is missing; "
                             "run `synthesis import` on the study to build it.")
        self._depth = 0
        self._immediate = False
        self._changes: list[dict[str, Any]] = []
        self.engine = self._make_engine(str(where))
        # What a failed statement raises: SQLAlchemy's wrapper, or the driver's own error
        # from the bulk writes that call its executemany directly (store.bulk)
        driver = self.engine.dialect.dbapi
        self._errors: tuple[type[Exception], ...] = (
            (exc.DBAPIError, driver.Error) if driver is not None else (exc.DBAPIError,))
        try:
            self.conn = self.engine.connect()
        except exc.SQLAlchemyError as error:
            self.engine.dispose()
            raise StoreError(_unreachable(self.where, error)) from None
        self.dialect = self.engine.dialect.name
        if fresh:
            self._refuse_non_empty()
        self.migrate(create=create)

    def _refuse_non_empty(self) -> None:
        """A new store goes only into an empty database: refuse one holding any table."""
        with self.reading() as conn:
            tables = sa.inspect(conn).get_table_names()
        if tables:
            self.close()
            held = ("a study" if "meta" in tables
                    else f"{len(tables)} table(s), e.g. {min(tables)!r}")
            raise StoreError(f"{self.where} is not empty (it holds {held}); a new or copied "
                             "study goes only into an empty database.")

    def _make_engine(self, where: str) -> sa.Engine:
        if self.server:
            return sa.create_engine(_engine_url(where), poolclass=sa.NullPool,
                                    connect_args={"connect_timeout": 5,
                                                  "application_name": "synthesis"})
        engine = sa.create_engine(f"sqlite:///{self.path}", poolclass=sa.NullPool,
                                  connect_args={"timeout": 10.0, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi: Any, _record: Any) -> None:
            dbapi.isolation_level = None  # we say BEGIN ourselves (SQLAlchemy's recipe)
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON",
                           # 64 MB of page cache (the default is 2 MB): a 100,000-note
                           # import inserts into the note id index all over; in memory it
                           # takes half the time.
                           "cache_size=-65536", "busy_timeout=10000"):
                dbapi.execute(f"PRAGMA {pragma}")

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if self._immediate else "BEGIN")

        return engine

    # -- schema -------------------------------------------------------------------------
    def schema_version(self) -> int:
        """The schema version the database is at (0: an empty database)."""
        with self.reading() as conn:
            if not sa.inspect(conn).has_table("meta"):
                return 0
        return int(self.scalar("SELECT value FROM meta WHERE key='schema_version'") or 0)

    def migrate(self, target: int = SCHEMA_VERSION, *, create: bool = True) -> None:
        """Bring the database up to ``target``, one step per transaction.

        Without ``create`` an empty server database is refused rather than built: a study
        on a server is made with ``synthesis init --store`` or ``synthesis store copy``.
        """
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StudyError(f"{self.where} was written by a newer synthesis (schema "
                             f"{version}; this one knows up to {SCHEMA_VERSION}); upgrade "
                             "synthesis.")
        if version == 0 and self.server and not create:
            raise StudyError(f"{self.where} has no study in it (no synthesis schema); create "
                             "one with `synthesis init STUDY --store URL` or copy a study "
                             "there with `synthesis store copy STUDY --to URL`.")
        while version < target:
            with self.transaction() as conn:
                for statement in for_dialect(MIGRATIONS[version], self.dialect):
                    conn.exec_driver_sql(statement)
                self.after_step(version)
                version += 1
                self.execute("INSERT INTO meta (key, value) VALUES ('schema_version', :v) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             {"v": str(version)})

    def after_step(self, version: int) -> None:
        """Fill in the data step ``version`` -> ``version + 1`` needs beyond its DDL.

        Nothing at this level; :class:`~synthesis.store.events.Events` replays the log into
        the undo stacks after step 4 -> 5. Runs inside the step's transaction.
        """

    def close(self) -> None:
        """Close the connection (the store cannot be used afterwards)."""
        self.conn.close()
        self.engine.dispose()

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """One change: ``BEGIN IMMEDIATE`` ... ``COMMIT``; nested calls join the outer one.

        Examples
        --------
        >>> key = theme["Accountant access"]
        >>> with store.transaction():
        ...     changed = store.put("themes", key, {**store.get("themes", key),
        ...                                         "name": "Accountants"})
        ...     seq = store.log("theme", "ana", "rename theme 'Accountant access'")
        >>> store.get("themes", key)["name"], store.last_event() == seq
        ('Accountants', True)
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self._immediate = True
        try:
            self.conn.begin()
        finally:
            self._immediate = False
        self._depth = 1
        self._changes = []
        try:
            if self.server:
                self.conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_WRITE_LOCK})")
            yield self.conn
            self._depth = 0
            self.conn.commit()
        except self._errors as error:
            self._abandon()
            # No database exception reaches the board or the notebook: one sentence.
            raise StoreError(f"the store {self.where} could not save this change "
                             f"({_first_line(error)}); nothing was written.") from error
        except BaseException:
            self._abandon()
            raise

    def _abandon(self) -> None:
        self._depth = 0
        self._changes = []
        if self.conn.in_transaction():
            self.conn.rollback()

    @contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """A connection to read from: the open change's, or a short read transaction."""
        if self._depth:
            yield self.conn
            return
        try:
            self.conn.begin()
            try:
                yield self.conn
            finally:
                if self.conn.in_transaction():
                    self.conn.commit()
        except exc.DBAPIError as error:
            if self.conn.in_transaction():
                self.conn.rollback()
            raise StoreError(f"the store {self.where} could not be read "
                             f"({_first_line(error)}).") from error

    # -- raw statements (only the store's modules use these) ----------------------------
    def execute(self, sql: str, params: Params = None) -> sa.CursorResult[Any]:
        """Run one statement inside the open change (named ``:params``)."""
        assert self._depth, "writes must happen inside a transaction"
        return self.conn.execute(sa.text(sql), dict(params or {}))

    def rows(self, sql: str, params: Params = None) -> list[sa.Row]:
        """Every row of a query, as tuples that also answer ``row.column``.

        A bare ``sa.Row`` is a row of any width under SQLAlchemy 2.0 and 2.1 alike
        (``Row[Any]`` means one column under 2.1's variadic generics).
        """
        with self.reading() as conn:
            return list(conn.execute(sa.text(sql), dict(params or {})))

    def row(self, sql: str, params: Params = None) -> dict[str, Any] | None:
        """The first row of a query as a dict (None when there is none)."""
        with self.reading() as conn:
            found = conn.execute(sa.text(sql), dict(params or {})).first()
        return None if found is None else dict(found._mapping)

    def scalar(self, sql: str, params: Params = None) -> Any:
        """The first column of the first row (None when there is no row)."""
        with self.reading() as conn:
            return conn.execute(sa.text(sql), dict(params or {})).scalar()

    def frame(self, sql: str, params: Params = None) -> pd.DataFrame:
        """A query as a DataFrame (columns named as the query names them)."""
        with self.reading() as conn:
            result = conn.execute(sa.text(sql), dict(params or {}))
            return pd.DataFrame.from_records(list(result), columns=list(result.keys()),
                                             coerce_float=True)

    def driver(self) -> Any:
        """The DBAPI connection under the open change, for bulk ``executemany``."""
        assert self._depth, "bulk writes must happen inside a transaction"
        return self.conn.connection.driver_connection


def in_list(name: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """``:name0, :name1, ...`` and their values, for an ``IN (...)`` clause.

    Examples
    --------
    >>> in_list("n", ["a", "b"])
    (':n0, :n1', {'n0': 'a', 'n1': 'b'})
    """
    params = {f"{name}{i}": v for i, v in enumerate(values)}
    return ", ".join(f":{k}" for k in params), params


def _first_line(error: Exception) -> str:
    """The driver's own message, first line, credentials left out."""
    text = str(getattr(error, "orig", None) or error).strip()
    return redact(text.splitlines()[0] if text else type(error).__name__).rstrip(".")


def _unreachable(where: str, error: Exception) -> str:
    """One sentence for a store that cannot be opened; never the URL's credentials."""
    text = _first_line(error)
    if "password authentication failed" in text or ("role" in text and "does not exist" in text):
        why = "the server refused the user name or password"
    elif "database" in text and "does not exist" in text:
        why = "the server has no such database"
    elif "unable to open database file" in text:
        why = "the database file cannot be opened"
    else:
        why = "the server cannot be reached"
    return f"cannot open the store {where}: {why} ({text})."


def store_from_env(configured: str | None) -> str | None:
    """The store a study uses: ``SYNTHESIS_STORE`` overrides study.toml's ``store``.

    Examples
    --------
    >>> store_from_env(None) is None or True
    True
    """
    return os.environ.get("SYNTHESIS_STORE") or configured or None
