"""A note in several themes on the live board, in real JupyterLab and Chromium.

Why a real browser: a card shown in two columns, a drag that must leave exactly the column
it started from, and an Alt-drag whose modifier only exists in a page's drag events. Each
test sets up its own placements through the Study API (the board picks them up on its next
refresh, as it would another researcher's moves), then checks the store first and that the
screen shows exactly what the store holds.

The small study of tests/board_helpers.py, round r1: themes Bank connection anxiety
(t-bank), Export confusion (t-export) and, made here, Phone first (t-phone); notes n-1..n-8.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))

from board_helpers import make_small_study  # noqa: E402
from lab_server import (artifacts_dir, drag, lab_and_browser, lab_folders,  # noqa: E402
                        need_chromium, open_board_notebook, wait_saved)

from synthesis import open_study  # noqa: E402
from synthesis.board.notebook import write_board_notebook  # noqa: E402

pytestmark = pytest.mark.browser
ARTIFACTS = artifacts_dir()  # a temporary folder, never the checkout
saved = wait_saved

BANK, EXPORT, PHONE = "t-bank", "t-export", "t-phone"
NAMES = {BANK: "Bank connection anxiety", EXPORT: "Export confusion", PHONE: "Phone first"}


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    need_chromium()
    work = tmp_path_factory.mktemp("lab-multi")
    root, study_dir = lab_folders(work)
    make_small_study(study_dir).close()
    study = open_study(study_dir, author="test-setup")
    study.create_theme(NAMES[PHONE], theme_id=PHONE)
    write_board_notebook(root / "board.ipynb", study_dir, "r1")
    try:
        with lab_and_browser(root, work) as (server, browser):
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            open_board_notebook(page, server, "board.ipynb", len(study.notes(round="r1")))
            yield {"page": page, "study": study}
    finally:
        study.close()


def store_columns(study: Any) -> dict[str, list[str]]:
    """Note -> the columns it belongs in, from the store (``unsorted`` when in no theme)."""
    notes = study.notes(round="r1")
    return {n: sorted(t) or ["unsorted"] for n, t in zip(notes["note_id"], notes["theme_ids"])}


def screen_columns(page: Any) -> dict[str, list[str]]:
    """Note -> the columns its cards are in, read from the page."""
    return page.locator(".synthesis-board").evaluate("""b => {
        const out = {};
        for (const el of b.querySelectorAll('.sb-card[data-note-id]')) {
          const col = el.closest('[data-theme-id]').dataset.themeId;
          (out[el.dataset.noteId] = out[el.dataset.noteId] || []).push(col);
        }
        for (const k in out) out[k].sort();
        return out;
    }""")


def screen_is_store(page: Any, study: Any, timeout: float = 8.0) -> dict[str, list[str]]:
    """Wait until every card sits where the store says (the board refreshes every 2 s)."""
    deadline = time.monotonic() + timeout
    while True:
        want, shown = store_columns(study), screen_columns(page)
        if want == shown and page.locator(".synthesis-board").get_attribute(
                "data-pending") == "0":
            return want
        if time.monotonic() > deadline:
            raise AssertionError(f"the screen shows {shown}, the store holds {want}")
        page.wait_for_timeout(100)


def arrange(page: Any, study: Any, placed: dict[str, tuple[str, ...]]) -> None:
    """Put exactly these r1 notes in these themes (every other note unsorted)."""
    notes = list(study.notes(round="r1")["note_id"])
    study.unplace(notes)
    for nid, themes in placed.items():
        for tid in themes:
            study.add_to_theme(nid, tid)
    screen_is_store(page, study)


def card(page: Any, note: str, column: str) -> Any:
    return page.locator(f".synthesis-board [data-theme-id='{column}'] [data-note-id='{note}']")


def until_store(page: Any, study: Any, note: str, themes: tuple[str, ...]) -> None:
    deadline = time.monotonic() + 5
    while tuple(sorted(study.themes_of([note])[note])) != tuple(sorted(themes)):
        if time.monotonic() > deadline:
            raise AssertionError(f"{note} is in {study.themes_of([note])[note]}, not {themes}")
        page.wait_for_timeout(50)


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".synthesis-board").first.screenshot(path=str(ARTIFACTS / f"multi-{name}.png"))


def test_a_card_in_two_themes_shows_in_both_marked_also_in(lab: dict[str, Any]) -> None:
    page, study = lab["page"], lab["study"]
    arrange(page, study, {"n-1": (BANK, EXPORT), "n-2": (BANK,), "n-3": (BANK,),
                          "n-4": (EXPORT,)})
    assert screen_columns(page)["n-1"] == [BANK, EXPORT]
    assert card(page, "n-1", BANK).locator(".sb-also").text_content() == \
        f"also in {NAMES[EXPORT]}"
    assert card(page, "n-1", EXPORT).locator(".sb-also").text_content() == \
        f"also in {NAMES[BANK]}"
    assert card(page, "n-2", BANK).locator(".sb-also").count() == 0
    board = page.locator(".synthesis-board")
    count = {t: board.locator(f"section[data-theme-id='{t}'] .sb-theme-count").text_content()
             for t in (BANK, EXPORT)}
    # By hand: Bank n-1, n-2 (P01), n-3 (P02); Export n-4 (P03), n-1 (P01). n = 5.
    assert count == {BANK: "3 notes · 2 of 5 participants",
                     EXPORT: "2 notes · 2 of 5 participants"}
    assert board.locator("[data-theme-id='unsorted'] .sb-theme-count").text_content() == \
        "4 notes"  # n-5..n-8: n-1 is sorted, once
    board.locator(".sb-search").fill("risky")  # n-1's text: one note, two cards
    assert board.get_attribute("data-shown") == "1"
    assert board.locator("[data-note-id='n-1']:not(.sb-hidden)").count() == 2
    board.locator(".sb-search").fill("")
    shot(page, "also-in")


def test_a_drag_from_one_theme_to_another_keeps_the_third(lab: dict[str, Any]) -> None:
    page, study = lab["page"], lab["study"]
    arrange(page, study, {"n-1": (BANK, EXPORT), "n-4": (EXPORT,)})
    # n-1 sits in Bank (A) and Export (B); drag its Bank card onto Phone first (C).
    drag(page, card(page, "n-1", BANK), page.locator(
        f".synthesis-board section[data-theme-id='{PHONE}']"))
    until_store(page, study, "n-1", (EXPORT, PHONE))
    saved(page)
    event = study.events().iloc[-1]["payload"]
    assert (event["op"], event["from_theme"], event["notes"]) == ("place", BANK, ["n-1"])
    shown = screen_is_store(page, study)
    assert shown["n-1"] == [EXPORT, PHONE]
    assert card(page, "n-1", PHONE).locator(".sb-also").text_content() == \
        f"also in {NAMES[EXPORT]}"
    # And back to Bank from Export: Phone first stays.
    drag(page, card(page, "n-1", EXPORT), page.locator(
        f".synthesis-board section[data-theme-id='{BANK}']"))
    until_store(page, study, "n-1", (BANK, PHONE))
    saved(page)
    assert screen_is_store(page, study)["n-1"] == [BANK, PHONE]


def test_alt_drag_adds_without_taking_the_card_out(lab: dict[str, Any]) -> None:
    page, study = lab["page"], lab["study"]
    arrange(page, study, {"n-5": (EXPORT,)})
    page.keyboard.down("Alt")
    try:
        drag(page, card(page, "n-5", EXPORT), page.locator(
            f".synthesis-board section[data-theme-id='{BANK}']"))
    finally:
        page.keyboard.up("Alt")
    until_store(page, study, "n-5", (BANK, EXPORT))
    saved(page)
    assert study.events().iloc[-1]["payload"]["op"] == "add"
    assert screen_is_store(page, study)["n-5"] == [BANK, EXPORT]
    assert card(page, "n-5", BANK).locator(".sb-also").text_content() == \
        f"also in {NAMES[EXPORT]}"
    shot(page, "alt-drag")


def test_dragging_to_unsorted_takes_it_out_of_that_theme_only(lab: dict[str, Any]) -> None:
    page, study = lab["page"], lab["study"]
    arrange(page, study, {"n-1": (BANK, EXPORT)})
    pile = page.locator(".synthesis-board [data-theme-id='unsorted']")
    drag(page, card(page, "n-1", BANK), pile)
    until_store(page, study, "n-1", (EXPORT,))
    saved(page)
    assert screen_is_store(page, study)["n-1"] == [EXPORT]
    assert card(page, "n-1", EXPORT).locator(".sb-also").count() == 0
    # Its last theme: now it is unsorted.
    drag(page, card(page, "n-1", EXPORT), pile)
    until_store(page, study, "n-1", ())
    saved(page)
    assert screen_is_store(page, study)["n-1"] == ["unsorted"]
    # Undo puts it back in Export, on screen too.
    page.locator(".synthesis-board .sb-undo").click()
    until_store(page, study, "n-1", (EXPORT,))
    assert screen_is_store(page, study)["n-1"] == [EXPORT]


def test_the_keyboard_adds_a_card_to_another_theme(lab: dict[str, Any]) -> None:
    page, study = lab["page"], lab["study"]
    arrange(page, study, {"n-4": (EXPORT,)})
    start = card(page, "n-4", EXPORT)
    start.focus()
    page.keyboard.press("a")
    menu = page.locator(".synthesis-board .sb-menu")
    menu.wait_for()
    assert menu.locator(".sb-menu-title").text_content() == "Also add 1 note to"
    options = menu.locator("[role='option']").all_text_contents()
    assert options == [NAMES[BANK], NAMES[PHONE], "+ New theme"]  # not Export: it is there
    page.keyboard.type("phone")
    page.keyboard.press("Enter")
    until_store(page, study, "n-4", (EXPORT, PHONE))
    saved(page)
    assert screen_is_store(page, study)["n-4"] == [EXPORT, PHONE]
    assert start.evaluate("el => el === document.activeElement")  # focus stays put
    # M moves out of this card's column only; Delete takes it out of this one theme.
    card(page, "n-4", PHONE).focus()
    page.keyboard.press("m")
    menu.wait_for()
    page.keyboard.type("bank")
    page.keyboard.press("Enter")
    until_store(page, study, "n-4", (BANK, EXPORT))
    saved(page)
    card(page, "n-4", EXPORT).focus()
    page.keyboard.press("Delete")
    until_store(page, study, "n-4", (BANK,))
    saved(page)
    assert screen_is_store(page, study)["n-4"] == [BANK]
