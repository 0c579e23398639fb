"""The study store as one object: the schema, reads, writes, bulk import writes and events.

:class:`Store` is built from one mixin per concept (each module of this package), in the
order each builds on the one before: connection -> writes -> events -> reads -> bulk ->
watch (noticing other boards' changes, and who is on a board), and the researchers' own
sorts of a round (sorts, on top of reads).
"""

from __future__ import annotations

from pathlib import Path

from .sorts import SortRows
from .watch import Presence


class Store(Presence, SortRows):
    """A study's store: an SQLite file (``study.db``) or a PostgreSQL database (a URL).

    Every write goes through :meth:`transaction` (one change, one transaction, one event);
    this package is the only code in synthesis that talks to the database.

    Examples
    --------
    >>> empty = Store(tmp / "study.db", create=True)
    >>> empty.schema_version(), empty.last_event()
    (9, 0)
    >>> empty.close()
    >>> team = Store("postgresql://ana@db.example/pricing")  # doctest: +SKIP
    """

    def __init__(self, where: str | Path, *, create: bool = False, fresh: bool = False
                 ) -> None:
        super().__init__(where, create=create, fresh=fresh)

    def __repr__(self) -> str:
        return f"<Store {self.where}>"


def new_store(where: str | Path) -> Store:
    """A store made in an empty database or a new file (one holding anything is refused).

    Examples
    --------
    >>> fresh = new_store(tmp / "new.db")
    >>> fresh.schema_version()
    9
    >>> fresh.close()
    >>> new_store(tmp / "new.db")
    Traceback (most recent call last):
    ...
    synthesis.errors.StoreError: ... is not empty (it holds a study); ...
    >>> new_store("postgresql://ana@db.example/pricing").schema_version()  # doctest: +SKIP
    9
    """
    return Store(where, create=True, fresh=True)
