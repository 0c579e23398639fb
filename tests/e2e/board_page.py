"""An affinity board open in a browser page, for the board's browser tests.

:class:`BoardOpener` writes a board notebook over a fresh study (the small one of
tests/board_helpers.py, or a copy of the sample study), opens it in JupyterLab, its
single-document mode or Notebook 7, and waits for every card: each test gets a board and a
study of its own, so the tests pass alone and in any order. The waits and readings every
board test needs (the store shows a change, the page has every ack, which cards a column
holds) live here too.
"""

from __future__ import annotations

import itertools
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from board_helpers import make_small_study
from lab_server import LabServer, artifacts_dir, open_board_notebook

from synthesis import open_study
from synthesis.board.notebook import board_notebook

BOARD = ".synthesis-board"
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "invoicing-onboarding"
DESKTOP = {"width": 1600, "height": 1100}


@dataclass
class Board:
    """One board open in one page, on its own study (``study`` reads it as another author)."""

    page: Any
    study: Any
    folder: Path
    dialogs: list[str] = field(default_factory=list)

    @property
    def el(self) -> Any:
        return self.page.locator(BOARD)

    def card(self, note: str, column: str | None = None) -> Any:
        """A note's card; ``column`` picks one when the note sits in several themes."""
        inside = f"[data-theme-id='{column}'] " if column else ""
        return self.el.locator(f"{inside}[data-note-id='{note}']")

    def section(self, theme: str) -> Any:
        return self.el.locator(f"section[data-theme-id='{theme}']")

    def shot(self, name: str, *, view: bool = False) -> Path:
        """Screenshot the board into the artefacts folder (never the checkout).

        ``view``: what the window shows instead (a board taller than a phone's screen is
        not drawn past the screen's edge, so its own screenshot would be blank there).
        """
        path = artifacts_dir() / f"board-{name}.png"
        # Two frames first: chunks a scroll just brought into view are painted a frame after
        # Chromium finds them on screen (content-visibility: auto), and were blank in the shot.
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() =>"
                           " requestAnimationFrame(r)))")
        (self.page if view else self.el).screenshot(path=str(path))
        return path


class BoardOpener:
    """Opens boards in pages of one browser, each on a study of its own under ``root``."""

    _names = itertools.count(1)

    def __init__(self, server: LabServer, browser: Any, root: Path) -> None:
        self.server, self.browser, self.root = server, browser, root
        self.opened: list[Board] = []

    def __call__(self, kind: str = "small", *, folder: Path | None = None, ui: str = "lab",
                 poll_ms: int | None = None, live: bool | None = None,
                 suggest: bool | None = None,
                 author: str | None = None,
                 prepare: Callable[[Any], None] | None = None,
                 viewport: dict[str, int] | None = None, round: str = "r1",
                 cells: tuple[str, ...] = ()) -> Board:
        """Open a board and wait for every card.

        ``kind`` is "small" (tests/board_helpers.py) or "sample" (a copy of the sample
        study); ``folder`` opens a second board on an existing study instead. ``prepare``
        gets the study (author "test-setup") before the board opens: placements made there
        are what the board first shows. ``ui`` is "lab", "doc" (single-document mode) or
        "notebook" (Notebook 7); ``poll_ms`` sets how often the board asks for a refresh, and
        ``live=False`` stops it following other boards live (the refresh only);
        ``suggest=False`` opens it without suggestions; ``author``
        names the researcher the board's kernel works as (two people on one study);
        ``round`` is the board's round; ``cells`` are code cells run after the board's
        (``board.study.transcript("s-P01")`` shows a transcript reader under it).
        """
        name = f"board-{next(self._names)}"
        if folder is None:
            folder = self.root / f"study-{name}"
            if kind == "sample":
                shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(
                    "*.db-wal", "*.db-shm", ".lab"))
            else:
                make_small_study(folder).close()
        if prepare is not None:
            setup = open_study(folder, author="test-setup")
            try:
                prepare(setup)
            finally:
                setup.close()
        nb = board_notebook(folder, round)
        options = "".join(f", {k}={v}" for k, v in (("poll_ms", poll_ms), ("live", live),
                                                         ("suggest", suggest))
                          if v is not None)
        if options:
            nb.cells[2].source = nb.cells[2].source.replace(
                ".board(round=round)", f".board(round=round{options})")
        if author is not None:
            nb.cells[2].source = nb.cells[2].source.replace(
                "resolve_study_path(study))", f"resolve_study_path(study), author={author!r})")
        nb.cells.extend(nbformat.v4.new_code_cell(c) for c in cells)
        nbformat.write(nb, str(self.root / f"{name}.ipynb"))
        study = open_study(folder, author="test-observer")
        page = self.browser.new_page(viewport=viewport or DESKTOP)
        board = Board(page, study, folder)
        page.on("dialog", lambda d: d.accept() if d.type == "beforeunload"
                else (board.dialogs.append(d.message), d.dismiss()))
        self.opened.append(board)
        open_board_notebook(page, self.server, f"{name}.ipynb",
                            len(study.notes(round=round)), ui=ui)
        return board

    def close(self) -> None:
        """Close every page and study, and end the kernels the boards ran in."""
        for b in self.opened:
            b.page.close()
            b.study.close()
        self.opened.clear()
        self.server.shutdown_kernels()


def until(page: Any, check: Callable[[], Any], what: str, timeout: float = 5.0) -> Any:
    """Poll the store (from this process) until ``check`` is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"the store never showed: {what}")
        page.wait_for_timeout(50)  # keeps Playwright's event loop turning while we wait


def saved(b: Board) -> None:
    """The page has every ack, no card says "saving", and the status line agrees.

    It also waits for the state that follows the ack (the kernel acks as soon as the store
    has committed, then sends the new counts): the board's ``data-seq`` reaching the store's
    last event. On a loaded machine the counts can land a frame or two after "Saved".
    """
    b.page.wait_for_function(f"() => document.querySelector('{BOARD}').dataset.pending === '0'",
                             timeout=5000)
    last = b.study.last_event()
    b.page.wait_for_function(
        f"() => Number(document.querySelector('{BOARD}').dataset.seq) >= {int(last)}",
        timeout=5000)
    assert b.el.locator(".sb-pending").count() == 0
    assert b.el.locator(".sb-status").get_attribute("data-state") in ("saved", "idle")


def placement(study: Any, note_id: str) -> str | tuple[str, ...] | None:
    """The note's one theme (None: unsorted); a note in several themes reads as a tuple."""
    themes = study.themes_of([note_id])[note_id]
    if len(themes) > 1:
        return tuple(themes)
    return themes[0] if themes else None


def live_themes(study: Any) -> dict[str, str]:
    themes = study.themes()
    return dict(zip(themes["theme_id"], themes["name"], strict=True))


def count_of(b: Board, theme: str) -> str:
    return b.section(theme).locator(".sb-theme-count").text_content()


def ids_in(b: Board, theme: str) -> list[str]:
    """The notes whose cards a column shows, top to bottom."""
    return b.el.locator(f"[data-theme-id='{theme}'] [data-note-id]").evaluate_all(
        "els => els.map(e => e.dataset.noteId)")


def focused_note(b: Board) -> str | None:
    return b.page.evaluate("() => document.activeElement && document.activeElement.dataset"
                           " ? document.activeElement.dataset.noteId || null : null")


def focused_column(b: Board) -> str | None:
    """The column of the focused card (a note in several themes has a card in each)."""
    return b.page.evaluate("() => { const c = document.activeElement?.closest('[data-theme-id]');"
                           " return c ? c.dataset.themeId : null; }")


def open_menu(b: Board, note: str, key: str = "m", column: str | None = None) -> Any:
    """Focus a card and open its menu: M moves, A adds to another theme."""
    b.card(note, column).focus()
    b.page.keyboard.press(key)
    menu = b.el.locator(".sb-menu")
    menu.wait_for()
    return menu


def move_with_keys(b: Board, note: str, typed: str, option: str, key: str = "m",
                   column: str | None = None) -> None:
    """Open a card's menu with the keyboard, filter it, check the option, press Enter."""
    menu = open_menu(b, note, key, column)
    b.page.keyboard.type(typed)
    assert menu.locator("[role='option'][aria-selected='true']").text_content() == option
    b.page.keyboard.press("Enter")
