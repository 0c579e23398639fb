"""Compare mode on the affinity board in real JupyterLab, driven by Debian's Chromium.

The sample study ships Lee Okafor's blind sort of round 1 (data/invoicing-onboarding/
codings-lee-okafor.csv). Against the shared board she places 9 of r1's notes differently:
2 she left unsorted, 2 in her own theme "Trust in the product", 3 in other board themes,
2 in a second theme as well. Compare mode walks them one at a time with each choice;
settling one writes the consensus on the shared board (one undoable event) and the progress
counts it. Each step asserts on the store first, then on the page.
"""

from __future__ import annotations

import pytest
from board_page import BOARD, Board, BoardOpener, saved, until

from synthesis.sorts import compare_key

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
KEY = compare_key("r1", ["board", "Lee Okafor"])


def ready(b: Board) -> None:
    b.page.wait_for_function(
        f"() => document.querySelector('{BOARD}').dataset.compare === 'ready'", timeout=60_000)


def progress(b: Board) -> str:
    return b.el.locator("[data-compare-progress]").inner_text()


def shown_note(b: Board) -> str:
    return str(b.el.locator(".sb-compare-note").get_attribute("data-note"))


def board_themes(b: Board, note: str) -> list[str]:
    return sorted(b.study.notes(round="r1").set_index("note_id").loc[note, "themes"])


def test_walk_settle_and_undo_the_disagreements(boards: BoardOpener) -> None:
    b = boards("sample", round="r1")
    button = b.el.locator(".sb-compare-btn")
    assert button.is_visible()
    button.click()
    ready(b)
    assert progress(b) == "0 of 9 disagreements settled"
    assert b.el.locator(".sb-compare h3").inner_text() == "Compare: board and Lee Okafor"
    first = shown_note(b)
    before = board_themes(b, first)
    choices = b.el.locator(".sb-compare-choice")
    assert choices.count() == 2
    assert choices.nth(0).get_attribute("data-sort") == "board"
    lee = choices.nth(1)
    assert lee.get_attribute("data-sort") == "Lee Okafor"
    lees_themes = lee.locator(".sb-compare-themes").inner_text()
    # Walk: Next and Previous show the other disagreements without settling anything.
    b.el.locator(".sb-compare-next").click()
    assert shown_note(b) != first
    b.el.locator(".sb-compare-prev").click()
    assert shown_note(b) == first

    # Settle the first one as Lee had it: the store first, then the page.
    b.el.locator(".sb-compare-choice[data-sort='Lee Okafor']").click()
    until(b.page, lambda: first in b.study.store.settlements(KEY), "the settlement")
    expected = [] if lees_themes == "unsorted" else sorted(lees_themes.split("; "))
    assert board_themes(b, first) == expected
    assert b.study.events()["payload"].iloc[-1]["op"] == "settle"
    ready(b)
    assert progress(b) == "1 of 9 disagreements settled"
    assert shown_note(b) != first  # on to the next open disagreement
    b.shot("compare-desktop")

    # Undo takes the settlement back: the note is unsettled and where it was.
    b.el.locator(".sb-compare-undo").click()
    saved(b)
    until(b.page, lambda: first not in b.study.store.settlements(KEY), "the undo")
    b.page.wait_for_function(
        "() => document.querySelector('[data-compare-progress]').textContent"
        " === '0 of 9 disagreements settled'", timeout=30_000)
    assert board_themes(b, first) == before != expected


def test_compare_mode_at_phone_width_and_escape_closes_it(boards: BoardOpener) -> None:
    b = boards("sample", round="r1", viewport=PHONE, ui="notebook")  # Notebook 7: narrow
    b.el.locator(".sb-compare-btn").click()
    ready(b)
    assert b.el.locator(".sb-compare").is_visible()
    b.shot("compare-phone", view=True)
    b.page.keyboard.press("Escape")
    assert not b.el.locator(".sb-compare").is_visible()
