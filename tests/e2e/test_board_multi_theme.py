"""A note in several themes on the live board, in real JupyterLab and Chromium.

Why a real browser: a card shown in two columns, a drag that must leave exactly the column
it started from, and an Alt-drag whose modifier only exists in a page's drag events. Each
test opens its own board on its own small study, with its placements made through the Study
API before the board opens (tests/e2e/conftest.py), then checks the store first and that the
screen shows exactly what the store holds.

The small study of tests/board_helpers.py, round r1: themes Bank connection anxiety
(t-bank), Export confusion (t-export) and, made here, Phone first (t-phone); notes n-1..n-8.

These tests FAIL when Chromium is missing (so CI cannot silently skip them); set
SYNTHESIS_SKIP_BROWSER=1 to skip them on a machine without it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from board_page import Board, BoardOpener, count_of, focused_column, focused_note, open_menu, saved
from lab_server import drag

pytestmark = pytest.mark.browser

BANK, EXPORT, PHONE = "t-bank", "t-export", "t-phone"
NAMES = {BANK: "Bank connection anxiety", EXPORT: "Export confusion", PHONE: "Phone first"}


def arranged(placed: dict[str, tuple[str, ...]]) -> Callable[[Any], None]:
    """Set-up for a board: Phone first exists, and exactly these r1 notes sit in these themes."""
    def prepare(study: Any) -> None:
        study.create_theme(NAMES[PHONE], theme_id=PHONE)
        study.unplace(list(study.notes(round="r1")["note_id"]))
        for nid, themes in placed.items():
            for tid in themes:
                study.add_to_theme(nid, tid)
    return prepare


def store_columns(study: Any) -> dict[str, list[str]]:
    """Note -> the columns it belongs in, from the store (``unsorted`` when in no theme)."""
    notes = study.notes(round="r1")
    return {n: sorted(t) or ["unsorted"]
            for n, t in zip(notes["note_id"], notes["theme_ids"], strict=True)}


def screen_columns(b: Board) -> dict[str, list[str]]:
    """Note -> the columns its cards are in, read from the page."""
    return b.el.evaluate("""b => {
        const out = {};
        for (const el of b.querySelectorAll('.sb-card[data-note-id]')) {
          const col = el.closest('[data-theme-id]').dataset.themeId;
          (out[el.dataset.noteId] = out[el.dataset.noteId] || []).push(col);
        }
        for (const k in out) out[k].sort();
        return out;
    }""")


def screen_is_store(b: Board, timeout: float = 8.0) -> dict[str, list[str]]:
    """Wait until every card sits where the store says and nothing waits for an ack."""
    deadline = time.monotonic() + timeout
    while True:
        want, shown = store_columns(b.study), screen_columns(b)
        if want == shown and b.el.get_attribute("data-pending") == "0":
            return want
        if time.monotonic() > deadline:
            raise AssertionError(f"the screen shows {shown}, the store holds {want}")
        b.page.wait_for_timeout(100)


def until_store(b: Board, note: str, themes: tuple[str, ...]) -> None:
    deadline = time.monotonic() + 5
    while tuple(sorted(b.study.themes_of([note])[note])) != tuple(sorted(themes)):
        if time.monotonic() > deadline:
            raise AssertionError(f"{note} is in {b.study.themes_of([note])[note]}, not {themes}")
        b.page.wait_for_timeout(50)


def also(b: Board, note: str, column: str) -> str | None:
    """What a card's "also in" line says (None: it has none)."""
    line = b.card(note, column).locator(".sb-also")
    return line.text_content() if line.count() else None


def test_a_card_in_two_themes_shows_in_both_marked_also_in(boards: BoardOpener) -> None:
    b = boards(prepare=arranged({"n-1": (BANK, EXPORT), "n-2": (BANK,), "n-3": (BANK,),
                                 "n-4": (EXPORT,)}))
    assert screen_is_store(b)["n-1"] == [BANK, EXPORT]
    assert also(b, "n-1", BANK) == f"also in {NAMES[EXPORT]}"
    assert also(b, "n-1", EXPORT) == f"also in {NAMES[BANK]}"
    assert b.card("n-1", BANK).get_attribute("aria-description") == f"also in {NAMES[EXPORT]}"
    assert also(b, "n-2", BANK) is None
    # By hand: Bank n-1, n-2 (P01), n-3 (P02); Export n-4 (P03), n-1 (P01). n = 5.
    assert count_of(b, BANK) == "3 notes · 2 of 5 participants"
    assert count_of(b, EXPORT) == "2 notes · 2 of 5 participants"
    assert b.el.locator("[data-theme-id='unsorted'] .sb-theme-count").text_content() == \
        "4 notes"  # n-5..n-8: n-1 is sorted, once
    b.el.locator(".sb-search").fill("risky")  # n-1's text: one note, two cards
    assert b.el.get_attribute("data-shown") == "1"
    assert b.el.locator("[data-note-id='n-1']").evaluate_all(
        "els => els.filter(e => e.checkVisibility()).length") == 2
    b.el.locator(".sb-search").fill("")
    # A rename reaches the other column's "also in" line.
    b.study.rename_theme(EXPORT, "Export <confusion>")
    b.page.wait_for_function(
        "() => document.querySelector(\"[data-theme-id='t-bank'] [data-note-id='n-1'] .sb-also\")"
        "?.textContent === 'also in Export <confusion>'", timeout=8000)
    b.shot("multi-also-in")


def test_a_drag_from_one_theme_to_another_keeps_the_third(boards: BoardOpener) -> None:
    b = boards(prepare=arranged({"n-1": (BANK, EXPORT), "n-4": (EXPORT,)}))
    # n-1 sits in Bank (A) and Export (B); drag its Bank card onto Phone first (C).
    drag(b.page, b.card("n-1", BANK), b.section(PHONE))
    until_store(b, "n-1", (EXPORT, PHONE))
    saved(b)
    event = b.study.events().iloc[-1]["payload"]
    assert (event["op"], event["from_theme"], event["notes"]) == ("place", BANK, ["n-1"])
    assert screen_is_store(b)["n-1"] == [EXPORT, PHONE]
    assert also(b, "n-1", PHONE) == f"also in {NAMES[EXPORT]}"
    assert count_of(b, BANK) == "0 notes · 0 of 5 participants"
    # And back to Bank from Export: Phone first stays.
    drag(b.page, b.card("n-1", EXPORT), b.section(BANK))
    until_store(b, "n-1", (BANK, PHONE))
    saved(b)
    assert screen_is_store(b)["n-1"] == [BANK, PHONE]


def test_alt_drag_adds_without_taking_the_card_out(boards: BoardOpener) -> None:
    b = boards(prepare=arranged({"n-5": (EXPORT,)}))
    b.page.keyboard.down("Alt")
    try:
        drag(b.page, b.card("n-5", EXPORT), b.section(BANK))
    finally:
        b.page.keyboard.up("Alt")
    until_store(b, "n-5", (BANK, EXPORT))
    saved(b)
    assert b.study.events().iloc[-1]["payload"]["op"] == "add"
    assert screen_is_store(b)["n-5"] == [BANK, EXPORT]
    assert also(b, "n-5", BANK) == f"also in {NAMES[EXPORT]}"
    b.shot("multi-alt-drag")


def test_dragging_to_unsorted_takes_it_out_of_that_theme_only(boards: BoardOpener) -> None:
    b = boards(prepare=arranged({"n-1": (BANK, EXPORT)}))
    pile = b.el.locator("section[data-theme-id='unsorted']")
    drag(b.page, b.card("n-1", BANK), pile)
    until_store(b, "n-1", (EXPORT,))
    saved(b)
    assert screen_is_store(b)["n-1"] == [EXPORT]
    assert also(b, "n-1", EXPORT) is None
    # Its last theme: now it is unsorted.
    drag(b.page, b.card("n-1", EXPORT), pile)
    until_store(b, "n-1", ())
    saved(b)
    assert screen_is_store(b)["n-1"] == ["unsorted"]
    # Undo puts it back in Export, on screen too.
    b.el.locator(".sb-undo").click()
    until_store(b, "n-1", (EXPORT,))
    assert screen_is_store(b)["n-1"] == [EXPORT]


def test_the_keyboard_adds_a_card_to_another_theme(boards: BoardOpener) -> None:
    b = boards(prepare=arranged({"n-4": (EXPORT,)}))
    menu = open_menu(b, "n-4", "a")
    assert menu.locator(".sb-menu-title").text_content() == "Also add 1 note to"
    options = menu.locator("[role='option']").all_text_contents()
    assert options == [NAMES[BANK], NAMES[PHONE], "+ New theme"]  # not Export: it is there
    b.page.keyboard.type("phone")
    b.page.keyboard.press("Enter")
    until_store(b, "n-4", (EXPORT, PHONE))
    saved(b)
    assert screen_is_store(b)["n-4"] == [EXPORT, PHONE]
    assert (focused_note(b), focused_column(b)) == ("n-4", EXPORT)  # focus stays put
    # M moves out of this card's column only; Delete takes it out of this one theme.
    open_menu(b, "n-4", "m", PHONE)
    b.page.keyboard.type("bank")
    b.page.keyboard.press("Enter")
    until_store(b, "n-4", (BANK, EXPORT))
    saved(b)
    assert (focused_note(b), focused_column(b)) == ("n-4", BANK)  # it went with its card
    b.card("n-4", EXPORT).focus()
    b.page.keyboard.press("Delete")
    until_store(b, "n-4", (BANK,))
    saved(b)
    assert screen_is_store(b)["n-4"] == [BANK]
    assert (focused_note(b), focused_column(b)) == ("n-4", BANK)  # its remaining card


def test_cards_selected_in_two_columns_each_leave_their_own(boards: BoardOpener) -> None:
    b = boards(prepare=arranged({"n-1": (BANK, EXPORT), "n-4": (EXPORT,)}))
    b.card("n-1", EXPORT).click(modifiers=["Control"])
    b.card("n-5", "unsorted").click(modifiers=["Control"])
    assert b.el.locator(".sb-selected").count() == 2  # one card of n-1, not both
    assert b.card("n-1", BANK).get_attribute("aria-selected") == "false"
    drag(b.page, b.card("n-5", "unsorted"), b.section(PHONE))
    until_store(b, "n-5", (PHONE,))
    until_store(b, "n-1", (BANK, PHONE))  # left Export, the column its card was selected in
    saved(b)
    event = b.study.events().iloc[-1]["payload"]
    assert event["from_theme"] == {"n-1": EXPORT, "n-5": None}  # one drop, one event
    assert screen_is_store(b)["n-1"] == [BANK, PHONE]
    assert b.el.locator(".sb-selected").count() == 0


def test_a_phone_shows_a_card_in_two_themes_stacked(boards: BoardOpener) -> None:
    # Notebook 7: its narrow layout suits a phone (JupyterLab keeps its side panel open).
    b = boards(prepare=arranged({"n-1": (BANK, EXPORT), "n-4": (EXPORT,)}), ui="notebook",
               viewport={"width": 390, "height": 844})
    assert screen_is_store(b)["n-1"] == [BANK, EXPORT]
    # Stacked: the pile above the themes, each theme the board's full width.
    pile = b.el.locator(".sb-pile").bounding_box()
    bank, export = b.section(BANK).bounding_box(), b.section(EXPORT).bounding_box()
    assert bank["y"] >= pile["y"] + pile["height"] - 1
    assert export["y"] >= bank["y"] + bank["height"] - 1
    assert abs(bank["width"] - export["width"]) < 1 and bank["width"] > 250
    assert also(b, "n-1", EXPORT) == f"also in {NAMES[BANK]}"
    b.section(BANK).scroll_into_view_if_needed()
    b.shot("multi-phone", view=True)
