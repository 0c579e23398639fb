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
    b.el.locator(".sb-compare-mode[data-mode='pairs']").click()
    assert b.el.locator(".sb-compare-pair").first.is_visible()
    b.shot("compare-pairs-phone", view=True)
    b.page.keyboard.press("Escape")
    assert not b.el.locator(".sb-compare").is_visible()


def test_choose_the_sorts_and_walk_one_theme_pair(boards: BoardOpener) -> None:
    """A third sort, dana's, is a copy of the shared board: board vs dana differ nowhere,
    Lee vs dana exactly where board vs Lee do (9 notes); with two researchers' own sorts the
    panel opens on those two. The grouped view's pairs add up to
    the 9 disagreements; walking one pair shows only its notes."""
    from synthesis.board.compare import compare_state
    from synthesis.sorts import create_sort

    b = boards("sample", round="r1",
               prepare=lambda s: create_sort(s, "r1", "dana", copy_board=True))
    b.el.locator(".sb-compare-btn").click()
    ready(b)
    sorts = b.el.locator(".sb-compare-sort input")
    assert [sorts.nth(i).get_attribute("value") for i in range(sorts.count())] == [
        "board", "Lee Okafor", "dana"]
    # Two researchers' own sorts: compared with each other first (blind until now).
    assert [sorts.nth(i).is_checked() for i in range(3)] == [False, True, True]
    assert b.el.locator(".sb-compare h3").inner_text() == "Compare: Lee Okafor and dana"
    assert progress(b) == "0 of 9 disagreements settled"
    # board and dana: the same sort twice over, nothing to settle.
    b.el.locator(".sb-compare-sort input[value='board']").check()
    ready(b)
    b.el.locator(".sb-compare-sort input[value='Lee Okafor']").uncheck()
    ready(b)
    assert b.el.locator(".sb-compare h3").inner_text() == "Compare: board and dana"
    assert progress(b) == "0 of 0 disagreements settled"
    assert "place every note alike" in b.el.locator(".sb-compare").inner_text()
    # One sort alone is not a comparison: the panel asks for another.
    b.el.locator(".sb-compare-sort input[value='dana']").uncheck()
    assert progress(b) == "choose two or more sorts to compare"

    # Back to board and Lee, grouped by theme pair.
    b.el.locator(".sb-compare-sort input[value='Lee Okafor']").check()
    ready(b)
    expected = compare_state(b.study, "r1", ["board", "Lee Okafor"])["pairs"]
    b.el.locator(".sb-compare-mode[data-mode='pairs']").click()
    pairs = b.el.locator(".sb-compare-pair")
    assert pairs.count() == len(expected) and sum(p["notes"] for p in expected) == 9
    first = expected[0]
    assert pairs.nth(0).get_attribute("data-pair") == first["pair"]
    b.shot("compare-pairs-desktop")
    pairs.nth(0).click()
    group = b.el.locator(".sb-compare-group").inner_text()
    assert group.startswith(f"Theme pair {first['pair']}: 0 of {first['notes']} settled")
    nav = b.el.locator(".sb-compare-nav .sb-muted").inner_text()
    assert nav == f"1 of {first['notes']}"
    queue = {i["note"]: i["pair"] for i in compare_state(b.study, "r1",
                                                          ["board", "Lee Okafor"])["queue"]}
    assert queue[shown_note(b)] == first["pair"]
    b.el.locator(".sb-compare-all").click()
    assert b.el.locator(".sb-compare-nav .sb-muted").inner_text().endswith(" of 9")
