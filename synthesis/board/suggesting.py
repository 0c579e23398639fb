"""Suggestions on the board: computed in the background, handed over when ready.

The board must stay responsive while suggestions compute (a first run on 2,000 notes takes
a few seconds), so :meth:`BoardSuggestions.request` returns at once: a worker thread reads
the study with a SQLite connection of its own (the kernel's stays free for moves), hands the
frames to a worker process (:mod:`.suggest_jobs`: in a thread the work would hold Python's
lock and slow the kernel's handling of moves) that runs the pure functions of
:mod:`synthesis.suggest`, and calls ``on_ready`` with a JSON-ready payload.
A request made while one is running is run once more at the end, and a result overtaken
by a newer request is dropped, so the board never shows suggestions older than its last
move for long.

Draft themes live here, not in the store: the researcher renames, merges or dismisses them
on the board (:meth:`rename_draft`, :meth:`merge_drafts`, :meth:`dismiss_draft`), and only
accepting one writes, as a real theme, through the board's ``accept_draft`` action (one
event, undoable). Reports cannot count a draft because a draft is never in the store.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable
from typing import Any

import pandas as pd

from ..errors import StudyError
from ..placements import is_sorted
from . import suggest_jobs
from .suggest_jobs import run_elsewhere, similar_job, suggest_job

Payload = dict[str, Any]


class BoardSuggestions:
    """Background suggestions for one round of a board.

    Examples
    --------
    >>> service = BoardSuggestions(study, "r2", on_ready=print)  # doctest: +SKIP
    >>> service.request()  # returns at once; on_ready gets the payload  # doctest: +SKIP
    """

    def __init__(self, study: Any, round: str | None,
                 on_ready: Callable[[Payload], None], top: int = 3) -> None:
        self.study = study
        self.round = round
        self.on_ready = on_ready
        self.top = top
        self.drafts: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._ticket = 0
        self._pending: tuple[int, int | str | None] | None = None
        self._worker: threading.Thread | None = None
        self._draft_counter = 0
        self._drafts_wanted: int | str | None = None

    # -- requests (called in the kernel's thread) ---------------------------------------
    def request(self, drafts: int | str | None = None) -> int:
        """Start computing suggestions (and drafts, when asked); returns the request number.

        Nothing is read or computed in this thread: the worker reads the study with a
        connection of its own, so the kernel's stays free for the researcher's moves.

        Examples
        --------
        >>> service.request(drafts="auto")  # doctest: +SKIP
        1
        """
        with self._lock:
            # Drafts asked for and not yet shown stay asked for: a refresh after a move
            # (which asks for none) must not overtake them.
            if drafts is None:
                drafts = self._drafts_wanted
            self._drafts_wanted = drafts
            self._ticket += 1
            self._pending = (self._ticket, drafts)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="board-suggestions",
                                                daemon=True)
                self._worker.start()
            return self._ticket

    def hold(self) -> None:
        """The researcher is dragging, typing a search or moving cards: the work waits.

        The worker process stops where it is (:func:`.suggest_jobs.hold`), and this board's
        worker thread neither starts reading the study nor sends a result until the board
        has been quiet for :data:`.suggest_jobs.QUIET_S`: a drop's ack and a search's frame
        are not queued behind them.

        Examples
        --------
        >>> service.hold()  # doctest: +SKIP
        """
        suggest_jobs.hold()

    def wait(self, timeout: float = 120.0) -> bool:
        """Wait until no request is left (for tests and scripts); True when idle.

        Examples
        --------
        >>> service.request(); service.wait()  # doctest: +SKIP
        True
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                worker = self._worker
                idle = self._pending is None and (worker is None or not worker.is_alive())
            if idle:
                return True
            if worker is not None:
                worker.join(timeout=0.05)
        return False

    def similar(self, on_done: Callable[[Payload], None], *, note: str | None = None,
                theme: str | None = None, top: int = 10) -> threading.Thread:
        """The round's unsorted notes most like one note or one theme, in a worker thread.

        ``on_done`` gets ``{"ok": True, "notes": [[note id, score], ...]}`` best first (or
        ``ok: False`` and an ``error`` sentence). Returns the thread (tests join it).

        Examples
        --------
        >>> service.similar(print, note="n-5").join()  # doctest: +SKIP
        {'ok': True, 'notes': [['n-7', 0.41], ...]}
        """
        def work() -> None:
            try:
                notes, themes = self._read()
                in_round = notes if self.round is None else notes[notes["round_id"] == self.round]
                among = [str(n) for n in in_round.loc[~is_sorted(in_round), "note_id"]]
                found = run_elsewhere(similar_job, notes, themes, note, theme, among, top)
            except Exception as exc:  # reported on the board, never lost in a thread
                on_done({"ok": False, "error": f"similar notes failed: {exc}"})
                return
            on_done({"ok": True, "notes": found})

        worker = threading.Thread(target=work, name="board-similar", daemon=True)
        worker.start()
        return worker

    # -- drafts (nothing here reaches the store) ----------------------------------------
    def rename_draft(self, key: str, label: str) -> list[dict[str, Any]]:
        """Give a draft the researcher's own name (it becomes the theme's name if accepted).

        Examples
        --------
        >>> service.rename_draft("d2", "Sales tax surprises")[1]["label"]  # doctest: +SKIP
        'Sales tax surprises'
        """
        label = " ".join(str(label).split())
        if not label:
            raise StudyError("a draft needs a name.")
        self._draft(key)["label"] = label
        return self._drafts_changed()

    def merge_drafts(self, source: str, target: str) -> list[dict[str, Any]]:
        """Put ``source``'s notes into ``target`` (after its own) and drop ``source``.

        Examples
        --------
        >>> [d["key"] for d in service.merge_drafts("d3", "d2")]  # doctest: +SKIP
        ['d1', 'd2', 'd4']
        """
        if source == target:
            raise StudyError("a draft cannot be merged into itself.")
        src, dst = self._draft(source), self._draft(target)
        dst["notes"] = dst["notes"] + [n for n in src["notes"] if n not in dst["notes"]]
        self.drafts = [d for d in self.drafts if d["key"] != source]
        return self._drafts_changed()

    def dismiss_draft(self, key: str) -> list[dict[str, Any]]:
        """Drop a draft; its notes stay unsorted.

        Examples
        --------
        >>> [d["key"] for d in service.dismiss_draft("d4")]  # doctest: +SKIP
        ['d1', 'd2']
        """
        self._draft(key)
        self.drafts = [d for d in self.drafts if d["key"] != key]
        return self._drafts_changed()

    def accepted(self, key: str) -> None:
        """A draft became a theme: it leaves the drafts.

        Examples
        --------
        >>> service.accepted("d1")  # after the board's new_theme action  # doctest: +SKIP
        """
        self.drafts = [d for d in self.drafts if d["key"] != key]

    def restore(self, draft: dict[str, Any]) -> None:
        """An accepted draft is back (its theme was undone): it shows again, last.

        Examples
        --------
        >>> service.restore(accepted_draft)  # after the undo of its accept  # doctest: +SKIP
        """
        if all(d["key"] != draft["key"] for d in self.drafts):
            self.drafts = [*self.drafts, dict(draft, notes=list(draft["notes"]))]

    def draft(self, key: str) -> dict[str, Any]:
        """One draft (a copy): ``key, label, notes, central``.

        Examples
        --------
        >>> service.draft("d1")["central"]  # doctest: +SKIP
        'n-c9d457993a05'
        """
        return dict(self._draft(key))

    def _draft(self, key: str) -> dict[str, Any]:
        for d in self.drafts:
            if d["key"] == key:
                return d
        raise StudyError("that draft is gone (accepted or dismissed already).")

    def _drafts_changed(self) -> list[dict[str, Any]]:
        self.drafts = [dict(d, notes=list(d["notes"])) for d in self.drafts]
        return self.drafts

    # -- the worker ---------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._lock:
                job, self._pending = self._pending, None
                if job is None:
                    return
            ticket, drafts = job
            _wait_quiet()
            payload = self._compute(ticket, drafts)
            _wait_quiet()
            with self._lock:
                stale = ticket != self._ticket
                if not stale and payload.get("ok"):
                    self._drafts_wanted = None
            if stale:
                continue
            if "drafts" in payload:
                self.drafts = payload["drafts"]
            self.on_ready(payload)

    def _read(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Every note and the live themes, read in this (worker) thread with a connection of
        its own: on the kernel's, a read of 10,000 notes held up the researcher's next move.
        The study's own code reads (one place for what a note frame is); only the
        connection differs."""
        reader = copy.copy(self.study)
        store = getattr(self.study, "store", None)
        if store is None:  # not a study on disk (a test's stand-in): read it as it is
            return self.study.notes(), self.study.themes()
        reader.store = type(store)(store.where)  # a file or a server URL
        try:
            return reader.notes(), reader.themes()
        finally:
            reader.store.close()

    def _compute(self, ticket: int, drafts: int | str | None) -> Payload:
        started = time.perf_counter()
        try:
            notes, themes = self._read()
            computed = run_elsewhere(suggest_job, notes, themes, self.round, drafts, self.top)
        except Exception as exc:  # a worker must report, never die silently
            return {"ticket": ticket, "ok": False, "error": f"suggestions failed: {exc}"}
        payload: Payload = {"ticket": ticket, "ok": True, **computed,
                            "ms": round((time.perf_counter() - started) * 1000)}
        if "drafts" in computed:
            fresh = []
            for d in computed["drafts"]:
                self._draft_counter += 1
                fresh.append({"key": f"d{self._draft_counter}", **d})
            payload["drafts"] = fresh
        return payload


def _wait_quiet() -> None:
    """Wait (in a worker thread) while the researcher is acting on a board (see hold)."""
    while suggest_jobs.held():
        time.sleep(0.05)
