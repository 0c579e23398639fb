"""Suggestions on the board: computed in a background thread, handed over when ready.

The board must stay responsive while suggestions compute (a first run on 2,000 notes takes
a few seconds), so :class:`BoardSuggestions` reads the frames it needs in the caller's
thread (the store's SQLite connection belongs to it), computes in a worker thread with the
pure functions of :mod:`synthesis.suggest`, and calls ``on_ready`` with a JSON-ready payload.
A request made while one is running is run once more at the end, and a result overtaken
by a newer request is dropped, so the board never shows suggestions older than its last
move for long.

Draft themes live here, not in the store: the researcher renames, merges or dismisses them
on the board (:meth:`rename_draft`, :meth:`merge_drafts`, :meth:`dismiss_draft`), and only
accepting one writes, as a real theme, through the board's ``new_theme`` action (one
event, undoable). Reports cannot count a draft because a draft is never in the store.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pandas as pd

from ..errors import StudyError

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
        self._pending: tuple[int, pd.DataFrame, pd.DataFrame, int | str | None] | None = None
        self._worker: threading.Thread | None = None
        self._draft_counter = 0

    # -- requests (called in the kernel's thread) ---------------------------------------
    def request(self, drafts: int | str | None = None) -> int:
        """Start computing suggestions (and drafts, when asked); returns the request number.

        The frames are read now, in this thread; the work happens in a worker thread.

        Examples
        --------
        >>> service.request(drafts="auto")  # doctest: +SKIP
        1
        """
        notes, themes = self.study.notes(), self.study.themes()
        with self._lock:
            self._ticket += 1
            self._pending = (self._ticket, notes, themes, drafts)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="board-suggestions",
                                                daemon=True)
                self._worker.start()
            return self._ticket

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
            ticket, notes, themes, drafts = job
            payload = self._compute(ticket, notes, themes, drafts)
            with self._lock:
                stale = ticket != self._ticket
            if stale:
                continue
            if "drafts" in payload:
                self.drafts = payload["drafts"]
            self.on_ready(payload)

    def _compute(self, ticket: int, notes: pd.DataFrame, themes: pd.DataFrame,
                 drafts: int | str | None) -> Payload:
        started = time.perf_counter()
        try:
            from ..suggest import suggest_for_round

            result = suggest_for_round(notes, themes, self.round, drafts=drafts, top=self.top)
        except Exception as exc:  # a worker must report, never die silently
            return {"ticket": ticket, "ok": False, "error": f"suggestions failed: {exc}"}
        suggested: dict[str, list[dict[str, Any]]] = {}
        for row in result.suggestions.itertuples(index=False):
            suggested.setdefault(str(row.note_id), []).append(
                {"theme": str(row.theme_id), "name": str(row.theme),
                 "score": round(float(row.score), 3)})
        payload: Payload = {"ticket": ticket, "ok": True, "suggested": suggested,
                            "ms": round((time.perf_counter() - started) * 1000)}
        if result.drafts is not None:
            fresh = []
            for d in result.drafts.itertuples(index=False):
                self._draft_counter += 1
                fresh.append({"key": f"d{self._draft_counter}", "label": str(d.label),
                              "notes": [str(n) for n in d.notes],
                              "central": str(d.central_note)})
            payload["drafts"] = fresh
        return payload
