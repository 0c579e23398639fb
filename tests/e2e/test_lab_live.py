"""``synthesis lab`` lands the researcher on a live board, with no Run ▸ Run All Cells.

The command runs as a user runs it (``--no-browser``, token auth on, its own JupyterLab
extension); Debian's Chromium opens the address it prints and does nothing else but wait:
no menu, no key, no click before the board is there. Then a card is dragged into a theme
and the store is read from this process: the board is live, not a picture of one.

These tests FAIL when Chromium is missing (so CI cannot silently skip them); set
SYNTHESIS_SKIP_BROWSER=1 to skip them on a machine without it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lab_server import (
    SynthesisLab,
    artifacts_dir,
    drag,
    launch_chromium,
    need_chromium,
    wait_for_every_note,
)

from synthesis import open_study

pytestmark = pytest.mark.browser

ROUND = "r2"


@pytest.fixture
def live_lab(sample_study: Path, tmp_path: Path) -> Iterator[tuple[SynthesisLab, Any]]:
    need_chromium()
    from playwright.sync_api import sync_playwright

    synthesis = Path(sys.executable).parent / "synthesis"
    lab = SynthesisLab(synthesis, sample_study, ROUND, tmp_path)
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            try:
                page = browser.new_page(viewport={"width": 1500, "height": 1000})
                yield lab, page
            finally:
                browser.close()
    finally:
        lab.stop()


def test_lab_opens_on_a_live_board_without_running_anything(
        live_lab: tuple[SynthesisLab, Any], sample_study: Path) -> None:
    lab, page = live_lab
    study = open_study(sample_study, author="test-observer")
    try:
        notes = study.notes(round=ROUND)
        started = time.monotonic()
        page.goto(lab.url, wait_until="domcontentloaded")
        # Nothing but waiting: the extension runs the notebook once its kernel answers.
        wait_for_every_note(page, len(notes))
        seconds = time.monotonic() - started
        board = page.locator(".synthesis-board")
        assert board.count() == 1
        # The board shows while its cell is still running: runAll resolves (and the extension
        # marks the panel) only when the kernel's execute_reply arrives, a moment later on a
        # busy machine. Wait for the mark, then check it is the one notebook panel.
        page.wait_for_selector(".jp-NotebookPanel[data-synthesis-autorun='done']",
                               state="attached", timeout=30_000)
        assert page.locator(".jp-NotebookPanel[data-synthesis-autorun='done']").count() == 1
        # Every code cell ran, in order, once: [1] parameters, [2] the board.
        prompts = [t.strip() for t in
                   page.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()]
        assert prompts == ["[1]:", "[2]:"], prompts
        for tid in study.themes()["theme_id"]:
            assert board.locator(f"section[data-theme-id='{tid}']").count() == 1
        page.screenshot(path=str(artifacts_dir() / "lab-live-page.png"))
        board.screenshot(path=str(artifacts_dir() / "lab-live-board.png"))

        # Live: a drag is committed to the store and the board says so.
        unsorted = board.locator("[data-theme-id='unsorted'] [data-note-id]")
        note = unsorted.first.get_attribute("data-note-id")
        target = str(study.themes()["theme_id"].iloc[0])
        drag(page, unsorted.first, board.locator(f"section[data-theme-id='{target}']"))
        deadline = time.monotonic() + 10
        while _themes_of(study, note) != {target}:
            assert time.monotonic() < deadline, f"the drag of {note} never reached the store"
            page.wait_for_timeout(50)
        page.wait_for_function("() => document.querySelector('.synthesis-board')"
                               ".dataset.pending === '0'", timeout=5000)
        assert board.locator(
            f"section[data-theme-id='{target}'] [data-note-id='{note}']").count() == 1
        assert "Saved" in board.locator(".sb-status").text_content()
        print(f"live board with {len(notes)} cards after {seconds:.1f} s")
    finally:
        study.close()


def _themes_of(study: Any, note_id: str | None) -> set[str]:
    placed = study.placements()
    return set(placed.loc[placed["note_id"] == note_id, "theme_id"].astype(str))
