"""The affinity board in real JupyterLab, driven by Debian's Chromium through Playwright.

Why a real browser: drag and drop, focus and keyboard handling only exist in a page, and
JupyterLab sits between the widget and the kernel (its own shortcuts, its own drag handling,
its output virtualisation). Each step asserts on the study store first (the board must have
committed), then on what the page shows.

These tests FAIL when Chromium is missing (so CI cannot silently skip them); set
SYNTHESIS_SKIP_BROWSER=1 to skip them on a machine without it.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))

from board_helpers import HOSTILE, make_small_study  # noqa: E402
from lab_server import (artifacts_dir, drag, lab_and_browser, lab_folders,  # noqa: E402
                        need_chromium, open_board_notebook, wait_saved)

from synthesis import open_study  # noqa: E402
from synthesis.board.notebook import write_board_notebook  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = artifacts_dir()  # a temporary folder, never the checkout
SAMPLE = ROOT / "data" / "invoicing-onboarding"


# Module scope, not session: Playwright's sync API refuses a second instance while one is
# alive, and the report tests start their own after these finish.
@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """JupyterLab on 127.0.0.1 over a temporary root holding copies of a study and notebook."""
    need_chromium()
    work = tmp_path_factory.mktemp("lab")
    root, study_dir = lab_folders(work)
    if (SAMPLE / "study.db").is_file():
        shutil.copytree(SAMPLE, study_dir,
                        ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm", ".lab"))
        round_id = "r1"
    else:  # until the sample study is built, a small one made here
        make_small_study(study_dir).close()
        round_id = "r1"
    # Copies of the board notebook, never the committed one (autosave would rewrite it).
    write_board_notebook(root / "board.ipynb", study_dir, round_id)
    write_board_notebook(root / "board-second.ipynb", study_dir, round_id)
    with lab_and_browser(root, work) as (server, browser):
        study = open_study(study_dir, author="test-observer")
        try:
            yield {"server": server, "browser": browser, "study": study, "round": round_id,
                   "dir": study_dir}
        finally:
            study.close()


@pytest.fixture(scope="module")
def page(lab: dict[str, Any]) -> Any:
    page = lab["browser"].new_page(viewport={"width": 1600, "height": 1100})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    n = len(lab["study"].notes(round=lab["round"]))
    open_board_notebook(page, lab["server"], "board.ipynb", n)
    return page


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".synthesis-board").first.screenshot(path=str(ARTIFACTS / f"board-{name}.png"))


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


def placement(study: Any, note_id: str) -> str | None:
    """The note's one theme (None: unsorted); a note in several themes reads as a tuple."""
    notes = study.notes()
    themes = notes.loc[notes["note_id"] == note_id, "theme_ids"].iloc[0]
    if len(themes) > 1:
        return tuple(themes)  # type: ignore[return-value]
    return themes[0] if themes else None


def live_themes(study: Any) -> dict[str, str]:
    themes = study.themes()
    return dict(zip(themes["theme_id"], themes["name"]))


def saved(page: Any) -> None:
    wait_saved(page)


def unsorted_ids(page: Any) -> list[str]:
    return page.locator("[data-theme-id='unsorted'] [data-note-id]").evaluate_all(
        "els => els.map(e => e.dataset.noteId)")


STATE: dict[str, str] = {}


def test_board_shows_every_note_and_hostile_text_literally(page: Any, lab: dict[str, Any]) -> None:
    study = lab["study"]
    notes = study.notes(round=lab["round"])
    board = page.locator(".synthesis-board")
    assert board.get_attribute("data-lm-suppress-shortcuts") == "true"
    assert board.locator("[data-note-id]").count() == len(notes)
    assert board.locator("[data-theme-id='unsorted']").count() == 1
    assert board.locator("[data-drop='new-theme']").count() == 1
    themes = study.themes()
    for tid in themes["theme_id"]:
        assert board.locator(f"section[data-theme-id='{tid}']").count() == 1
    if (notes["text"] == HOSTILE).any():
        nid = notes.loc[notes["text"] == HOSTILE, "note_id"].iloc[0]
        text = board.locator(f"[data-note-id='{nid}'] .sb-text").text_content()
        assert text == HOSTILE
        assert board.locator("img").count() == 0
        assert page.dialogs == []
        # Hand count for the small study: Bank connection anxiety = n-1, n-2 (P01), n-3 (P02).
        head = board.locator("section[data-theme-id='t-bank'] .sb-theme-count").text_content()
        assert head == "3 notes · 2 of 5 participants"
    shot(page, "0-opened")


def test_drag_card_into_theme(page: Any, lab: dict[str, Any]) -> None:
    study = lab["study"]
    note = unsorted_ids(page)[0]
    target = study.themes()["theme_id"].iloc[0]
    board = page.locator(".synthesis-board")
    # Playwright's own drag: with the board and the target in view, nothing scrolls mid-drag.
    board.evaluate("el => el.scrollIntoView({block: 'start'})")
    section = board.locator(f"section[data-theme-id='{target}']")
    section.scroll_into_view_if_needed()
    board.locator(f"[data-note-id='{note}']").drag_to(section)
    until(page, lambda: placement(study, note) == target, f"{note} placed in {target}")
    saved(page)
    assert board.locator(f"section[data-theme-id='{target}'] [data-note-id='{note}']").count() == 1
    assert "Saved" in board.locator(".sb-status").text_content()
    events = study.events()
    assert events.iloc[-1]["payload"]["op"] == "place"
    assert events.iloc[-1]["payload"]["notes"] == [note]
    shot(page, "1-dragged")


def test_drop_on_new_theme_zone_creates_a_theme(page: Any, lab: dict[str, Any]) -> None:
    study = lab["study"]
    note = unsorted_ids(page)[0]
    before = set(live_themes(study))
    board = page.locator(".synthesis-board")
    drag(page, board.locator(f"[data-note-id='{note}']"), board.locator("[data-drop='new-theme']"))
    new = until(page, lambda: set(live_themes(study)) - before, "a new theme")
    (tid,) = new
    assert live_themes(study)[tid] == "New theme"
    assert placement(study, note) == tid
    saved(page)
    section = board.locator(f"section[data-theme-id='{tid}']")
    section.wait_for()
    assert section.locator(f"[data-note-id='{note}']").count() == 1
    assert section.locator(".sb-theme-name").text_content() == "New theme"
    STATE["new_theme"] = tid
    STATE["new_note"] = note
    shot(page, "2-new-theme")


def test_rename_theme_inline(page: Any, lab: dict[str, Any]) -> None:
    study = lab["study"]
    tid = STATE["new_theme"]
    board = page.locator(".synthesis-board")
    board.locator(f"section[data-theme-id='{tid}'] .sb-theme-name").dblclick()
    box = board.locator(f"section[data-theme-id='{tid}'] input.sb-rename")
    box.fill("Pricing <surprises>")
    box.press("Enter")
    until(page, lambda: live_themes(study).get(tid) == "Pricing <surprises>", "the new name")
    saved(page)
    name = board.locator(f"section[data-theme-id='{tid}'] .sb-theme-name")
    assert name.text_content() == "Pricing <surprises>"
    shot(page, "3-renamed")


def test_merge_by_dragging_a_header(page: Any, lab: dict[str, Any]) -> None:
    study = lab["study"]
    source = STATE["new_theme"]
    target = study.themes()["theme_id"].iloc[0]
    board = page.locator(".synthesis-board")
    drag(page, board.locator(f"[data-theme-head='{source}']"),
         board.locator(f"section[data-theme-id='{target}']"))
    until(page, lambda: source not in live_themes(study), "the source theme merged")
    all_themes = study.themes(include_removed=True).set_index("theme_id")
    assert all_themes.loc[source, "status"] == "merged"
    assert all_themes.loc[source, "merged_into"] == target
    assert placement(study, STATE["new_note"]) == target
    saved(page)
    board.locator(f"section[data-theme-id='{source}']").wait_for(state="detached")
    assert board.locator(f"section[data-theme-id='{target}'] "
                         f"[data-note-id='{STATE['new_note']}']").count() == 1
    shot(page, "4-merged")


def test_undo_with_the_keyboard_restores_the_merged_theme(page: Any, lab: dict[str, Any]) -> None:
    study = lab["study"]
    source = STATE["new_theme"]
    board = page.locator(".synthesis-board")
    board.locator("[data-note-id]").first.focus()
    page.keyboard.press("Control+z")
    until(page, lambda: source in live_themes(study), "the merged theme live again")
    assert placement(study, STATE["new_note"]) == source
    assert study.events().iloc[-1]["kind"] == "undo"
    saved(page)
    board.locator(f"section[data-theme-id='{source}']").wait_for()
    assert board.locator(f"section[data-theme-id='{source}'] "
                         f"[data-note-id='{STATE['new_note']}']").count() == 1
    # Redo from the button, then undo again: the buttons and the keys share one log.
    board.locator(".sb-redo").click()
    until(page, lambda: source not in live_themes(study), "the merge redone")
    saved(page)
    board.locator(".sb-undo").click()
    until(page, lambda: source in live_themes(study), "the merge undone again")
    saved(page)
    board.locator("[data-note-id]").first.focus()
    page.keyboard.press("Control+Shift+z")
    until(page, lambda: source not in live_themes(study), "the merge redone by keyboard")
    saved(page)
    page.keyboard.press("Control+z")
    until(page, lambda: source in live_themes(study), "and undone by keyboard")
    saved(page)
    shot(page, "5-undone")


def test_move_a_card_with_the_keyboard_only(page: Any, lab: dict[str, Any]) -> None:
    study = lab["study"]
    note = unsorted_ids(page)[0]
    target = STATE["new_theme"]
    board = page.locator(".synthesis-board")
    card = board.locator(f"[data-note-id='{note}']")
    card.focus()
    assert card.evaluate("el => el === document.activeElement")
    page.keyboard.press("m")
    menu = board.locator(".sb-menu")
    menu.wait_for()
    page.keyboard.type("surpr")
    assert menu.locator("[role='option'][aria-selected='true']").text_content() == \
        "Pricing <surprises>"
    shot(page, "6-keyboard-menu")
    page.keyboard.press("Enter")
    until(page, lambda: placement(study, note) == target, f"{note} moved by keyboard")
    saved(page)
    assert board.locator(f"section[data-theme-id='{target}'] [data-note-id='{note}']").count() == 1
    # Focus stays on the moved card, with a visible ring.
    assert card.evaluate("el => el === document.activeElement")
    ring = card.evaluate("el => getComputedStyle(el).outlineStyle")
    assert ring == "solid"
    shot(page, "6-keyboard-moved")


def test_drag_a_multi_selection(page: Any, lab: dict[str, Any]) -> None:
    study = lab["study"]
    first, second = unsorted_ids(page)[:2]
    target = study.themes()["theme_id"].iloc[0]
    board = page.locator(".synthesis-board")
    board.locator(f"[data-note-id='{first}']").click(modifiers=["Control"])
    board.locator(f"[data-note-id='{second}']").click(modifiers=["Shift"])
    assert board.locator(".sb-selected").count() == 2
    assert board.locator(f"[data-note-id='{first}']").get_attribute("aria-selected") == "true"
    drag(page, board.locator(f"[data-note-id='{second}']"),
         board.locator(f"section[data-theme-id='{target}']"))
    until(page, lambda: placement(study, first) == target
          and placement(study, second) == target, "both selected notes placed")
    assert study.events().iloc[-1]["payload"]["notes"] == [first, second]  # one event
    saved(page)
    assert board.locator(".sb-selected").count() == 0


def test_drop_an_unsorted_card_on_another_starts_a_theme(page: Any, lab: dict[str, Any]) -> None:
    study = lab["study"]
    first, second = unsorted_ids(page)[:2]
    before = set(live_themes(study))
    board = page.locator(".synthesis-board")
    drag(page, board.locator(f"[data-note-id='{second}']"),
         board.locator(f"[data-note-id='{first}']"))
    (tid,) = until(page, lambda: set(live_themes(study)) - before, "a theme from two cards")
    assert placement(study, first) == placement(study, second) == tid
    saved(page)
    section = board.locator(f"section[data-theme-id='{tid}']")
    section.wait_for()
    assert section.locator("[data-note-id]").count() == 2


def test_search_filters_cards(page: Any, lab: dict[str, Any]) -> None:
    study = lab["study"]
    notes = study.notes(round=lab["round"])
    word = "bank" if (notes["text"].str.lower().str.contains("bank")).any() else \
        notes["text"].iloc[0].split()[0].lower()
    expected = int(notes["text"].str.lower().str.contains(word, regex=False).sum())
    if (notes["text"] == HOSTILE).any():  # the small study: n-1 and n-2 mention the bank
        assert expected == 2
    board = page.locator(".synthesis-board")
    board.locator(".sb-search").fill(word)
    visible = board.locator("[data-note-id]:not(.sb-hidden)")
    assert visible.count() == expected
    assert int(board.get_attribute("data-shown")) == expected
    board.locator(".sb-search").fill("")
    assert board.locator("[data-note-id].sb-hidden").count() == 0


def test_open_a_card_shows_where_it_came_from(page: Any, lab: dict[str, Any]) -> None:
    study = lab["study"]
    notes = study.notes(round=lab["round"])
    linked = notes[notes["utterance_id"].notna()]
    if not len(linked):
        pytest.skip("no note in this study is linked to a transcript turn")
    nid = linked["note_id"].iloc[0]
    board = page.locator(".synthesis-board")
    board.locator(f"[data-note-id='{nid}']").focus()
    page.keyboard.press("o")
    drawer = board.locator(".sb-drawer")
    drawer.locator(".sb-current").wait_for()
    turn = study.utterances()
    expected = turn.loc[turn["utterance_id"] == linked["utterance_id"].iloc[0], "text"].iloc[0]
    assert drawer.locator(".sb-current .sb-turn-text").text_content() == expected
    assert drawer.locator("dd").first.text_content() == linked["participant_id"].iloc[0]
    shot(page, "7-source")
    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")


def test_a_second_board_picks_up_changes(page: Any, lab: dict[str, Any]) -> None:
    """Two notebooks, two kernels, one study: each board sees the other's moves."""
    study = lab["study"]
    other = lab["browser"].new_page(viewport={"width": 1600, "height": 1100})
    try:
        n = len(study.notes(round=lab["round"]))
        open_board_notebook(other, lab["server"], "board-second.ipynb", n)
        first, second = unsorted_ids(page)[:2]
        target = study.themes()["theme_id"].iloc[-1]
        b1 = page.locator(".synthesis-board")
        b2 = other.locator(".synthesis-board")
        drag(page, b1.locator(f"[data-note-id='{first}']"),
             b1.locator(f"section[data-theme-id='{target}']"))
        drag(other, b2.locator(f"[data-note-id='{second}']"),
             b2.locator(f"section[data-theme-id='{target}']"))
        until(page, lambda: placement(study, first) == target
              and placement(study, second) == target, "both moves committed")
        # Each page shows the other's move after its next refresh (every 2 s).
        for b, nid in ((b2, first), (b1, second)):
            b.locator(f"section[data-theme-id='{target}'] [data-note-id='{nid}']").wait_for(
                timeout=8000)
        shot(other, "8-second-board")
    finally:
        other.close()
