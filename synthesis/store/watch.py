"""Noticing, within a fraction of a second, that another connection changed the store.

PostgreSQL: every event is announced with ``NOTIFY synthesis`` in its own transaction (so
at commit), and a watcher ``LISTEN``\\s on a connection of its own. SQLite (one machine):
a watcher reads ``PRAGMA data_version`` on a connection of its own every 100 ms; it changes
whenever another connection commits. Either way the watcher only says *that* something
changed, from its own thread; the board then reads what changed on the kernel's thread.

Also here: who else has a board open (``board_presence``), refreshed by each board. A
board is its round and sort: the shared board's presence shows on the shared board, and a
private sort's only on that sort, so a blind sort does not tell the others who is sorting.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from .bulk import Bulk
from .connection import now

CHANNEL = "synthesis"
POLL_S = 0.1


class Watcher:
    """Calls ``wake()`` from a background thread soon after the store changes.

    Examples
    --------
    >>> import threading
    >>> changed = threading.Event()
    >>> watcher = study.store.watch(changed.set)
    >>> seq = study.place([n1], theme["Accountant access"])  # a commit anywhere
    >>> changed.wait(5)
    True
    >>> watcher.stop()
    """

    def __init__(self, store: Any, wake: Callable[[], None]) -> None:
        self._store = store
        self._wake = wake
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="synthesis-watch", daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def stop(self) -> None:
        """Stop watching (returns once the thread is done)."""
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        try:
            if self._store.server:
                self._listen()
            else:
                self._poll()
        finally:
            self._ready.set()

    def _listen(self) -> None:
        import psycopg  # lazy: ~110 ms, only a server store's LISTEN needs it (not SQLite)

        with psycopg.connect(self._store._url, autocommit=True) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            self._ready.set()
            while not self._stop.is_set():
                woke = False
                for _ in conn.notifies(timeout=0.5):
                    woke = True
                    break
                if woke and not self._stop.is_set():
                    self._wake()

    def _poll(self) -> None:
        conn = self._store.engine.connect()
        try:
            def version() -> int:
                value = int(conn.exec_driver_sql("PRAGMA data_version").scalar())
                conn.rollback()
                return value

            seen = version()
            self._ready.set()
            while not self._stop.wait(POLL_S):
                current = version()
                if current != seen:
                    seen = current
                    self._wake()
        finally:
            conn.close()


class Presence(Bulk):
    """Watching and who has a board open; mixed into :class:`~synthesis.store.Store`."""

    def watch(self, wake: Callable[[], None]) -> Watcher:
        """Start a :class:`Watcher` on this store calling ``wake`` after each change."""
        return Watcher(self, wake)

    def here(self, board: str, author: str, round_id: str | None,
             sort_id: str | None = None) -> None:
        """Say that ``board`` (one open board, any unique id) of ``author`` is open now, on
        ``round_id`` and, when it is a researcher's own sort, ``sort_id``.

        Boards whose kernel died without saying goodbye are forgotten after a day.
        """
        stale = (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="milliseconds")
        with self.transaction():
            self.execute("DELETE FROM board_presence WHERE seen_at < :stale", {"stale": stale})
            self.execute(
                "INSERT INTO board_presence (board, author, round_id, sort_id, seen_at) VALUES "
                "(:b, :a, :r, :s, :t) ON CONFLICT (board) DO UPDATE SET "
                "seen_at = excluded.seen_at",
                {"b": board, "a": author, "r": round_id, "s": sort_id, "t": now()})

    def gone(self, board: str) -> None:
        """Say that a board was closed."""
        with self.transaction():
            self.execute("DELETE FROM board_presence WHERE board = :b", {"b": board})

    def others(self, board: str, author: str, round_id: str | None,
               sort_id: str | None = None, *, within_s: float = 15.0) -> list[str]:
        """The other researchers with a board open in the last ``within_s`` on the same
        round and sort (``sort_id`` None: the shared board).

        A private sort is blind: who is on it shows on that sort only, never on the shared
        board or another researcher's sort (this query is the one place that decides it).

        Examples
        --------
        >>> store.here("b-lee", "lee", "r1")  # the shared board
        >>> store.here("b-dana", "dana", "r1", "s-dana")  # Dana's own sort
        >>> store.others("b-me", "ana", "r1"), store.others("b-me", "ana", "r1", "s-ana")
        (['lee'], [])
        """
        since = (datetime.now(UTC) - timedelta(seconds=within_s)).isoformat(
            timespec="milliseconds")
        return [r[0] for r in self.rows(
            "SELECT DISTINCT author FROM board_presence WHERE seen_at > :since AND "
            "board <> :b AND author <> :a AND round_id IS NOT DISTINCT FROM :r AND "
            "sort_id IS NOT DISTINCT FROM :s ORDER BY author",
            {"since": since, "b": board, "a": author, "r": round_id, "s": sort_id})]
