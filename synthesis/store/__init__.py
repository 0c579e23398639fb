"""The study store: the only code in synthesis that talks to the database.

SQLAlchemy Core over embedded SQLite (the default: ``study.db`` in the study folder, WAL,
one transaction per change) or over a PostgreSQL server (psycopg 3) for a team. One module
per concept: :mod:`~.schema` (migration steps), :mod:`~.connection` (opening, transactions),
:mod:`~.writes` (tracked rows), :mod:`~.events` (the log, undo/redo), :mod:`~.reads`
(queries), :mod:`~.sorts` (researchers' own sorts), :mod:`~.bulk` (import inserts),
:mod:`~.copy` (a whole store to another).
"""

from .connection import is_server_url, now, redact, store_from_env
from .events import TEAM, UNDOABLE, pair_changes
from .schema import MIGRATIONS, SCHEMA_VERSION
from .study_store import Store, new_store
from .writes import TRACKED

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "TEAM", "TRACKED", "UNDOABLE", "Store",
           "is_server_url", "new_store", "now", "pair_changes", "redact", "store_from_env"]
