"""The affinity board in real JupyterLab and Notebook 7, driven by Debian's Chromium.

Why a real browser: drag and drop, focus and keyboard handling only exist in a page, and
the notebook front end sits between the widget and the kernel (its own shortcuts, its own
drag handling, its output virtualisation). Notebook 7 sends keys to its command-mode
shortcuts before the page sees them (M would turn the board's cell into Markdown), which
only a browser shows. Each step asserts on the study store first (the board must have
committed), then on what the page shows.

Every test opens its own board on its own fresh copy of a study (tests/e2e/conftest.py), so
the tests pass alone and in any order; the module shares only the server and the browser.
Counts are for the small study of tests/board_helpers.py, worked out by hand there.
Screenshots go to the artefacts folder (lab_server.artifacts_dir), never the checkout.

These tests FAIL when Chromium is missing (so CI cannot silently skip them); set
SYNTHESIS_SKIP_BROWSER=1 to skip them on a machine without it.
"""

from __future__ import annotations

import pytest
from board_helpers import HOSTILE
from board_page import (
    BOARD,
    Board,
    BoardOpener,
    count_of,
    focused_note,
    ids_in,
    live_themes,
    move_with_keys,
    placement,
    saved,
    until,
)
from lab_server import drag

from synthesis import open_study

pytestmark = pytest.mark.browser


# -- JupyterLab ---------------------------------------------------------------------------
def test_board_shows_every_note_and_hostile_text_literally(boards: BoardOpener) -> None:
    b = boards()
    assert b.el.get_attribute("data-lm-suppress-shortcuts") == "true"
    assert b.el.locator("[data-note-id]").count() == 8  # r1's notes; n-9 is round r2
    assert ids_in(b, "unsorted") == ["n-5", "n-6", "n-7", "n-8"]
    assert ids_in(b, "t-bank") == ["n-1", "n-2", "n-3"]
    assert b.el.locator(".sb-pile .sb-theme-count").text_content() == "4 notes"
    # People, not mentions: n-1 and n-2 are both P01.
    assert count_of(b, "t-bank") == "3 notes · 2 of 5 participants"
    assert count_of(b, "t-export") == "1 note · 1 of 5 participants"
    assert b.card("n-6").locator(".sb-text").text_content() == HOSTILE
    assert b.el.locator("img").count() == 0 and b.dialogs == []
    assert "Real Name One" not in b.el.inner_text()  # ids, never real names
    # Notebook 7 matches its shortcuts on the focused element itself: every focusable part
    # of the board must carry the attribute, not only its root.
    missing = b.el.evaluate("""root => [...root.querySelectorAll(
        'button, input, select, textarea, [tabindex]')]
        .filter(e => e.getAttribute('data-lm-suppress-shortcuts') !== 'true')
        .map(e => e.outerHTML.slice(0, 80))""")
    assert missing == []
    assert b.el.locator("[tabindex]").count() >= 8 + 2 + 1  # cards, theme names, new zone
    b.shot("0-opened")


def test_drag_card_into_theme(boards: BoardOpener) -> None:
    b = boards()
    # Playwright's own drag: with the board and the target in view, nothing scrolls mid-drag.
    b.el.evaluate("el => el.scrollIntoView({block: 'start'})")
    b.section("t-export").scroll_into_view_if_needed()
    b.card("n-5").drag_to(b.section("t-export"))
    until(b.page, lambda: placement(b.study, "n-5") == "t-export", "n-5 placed in t-export")
    saved(b)
    assert ids_in(b, "t-export") == ["n-4", "n-5"]
    assert count_of(b, "t-export") == "2 notes · 1 of 5 participants"  # both P03
    assert "Saved" in b.el.locator(".sb-status").text_content()
    last = b.study.events().iloc[-1]["payload"]
    assert (last["op"], last["notes"]) == ("place", ["n-5"])
    b.shot("1-dragged")


def test_drop_on_new_theme_zone_creates_a_theme(boards: BoardOpener) -> None:
    b = boards()
    before = set(live_themes(b.study))
    drag(b.page, b.card("n-6"), b.el.locator("[data-drop='new-theme']"))
    (tid,) = until(b.page, lambda: set(live_themes(b.study)) - before, "a new theme")
    assert live_themes(b.study)[tid] == "New theme"
    assert placement(b.study, "n-6") == tid
    saved(b)
    b.section(tid).wait_for()
    assert ids_in(b, tid) == ["n-6"]
    assert b.section(tid).locator(".sb-theme-name").text_content() == "New theme"
    assert count_of(b, tid) == "1 note · 1 of 5 participants"
    b.shot("2-new-theme")


def test_rename_theme_inline(boards: BoardOpener) -> None:
    b = boards()
    b.section("t-export").locator(".sb-theme-name").dblclick()
    box = b.section("t-export").locator("input.sb-rename")
    box.fill("Pricing <surprises>")
    box.press("Enter")
    until(b.page, lambda: live_themes(b.study)["t-export"] == "Pricing <surprises>", "the name")
    saved(b)
    assert b.section("t-export").locator(".sb-theme-name").text_content() == \
        "Pricing <surprises>"
    b.shot("3-renamed")


def merge_export_into_bank(b: Board) -> None:
    drag(b.page, b.el.locator("[data-theme-head='t-export']"), b.section("t-bank"))
    until(b.page, lambda: "t-export" not in live_themes(b.study), "t-export merged")
    saved(b)
    b.section("t-export").wait_for(state="detached")


def test_merge_by_dragging_a_header(boards: BoardOpener) -> None:
    b = boards()
    merge_export_into_bank(b)
    themes = b.study.themes(include_removed=True).set_index("theme_id")
    assert themes.loc["t-export", "status"] == "merged"
    assert themes.loc["t-export", "merged_into"] == "t-bank"
    assert placement(b.study, "n-4") == "t-bank"
    assert ids_in(b, "t-bank") == ["n-1", "n-2", "n-3", "n-4"]
    assert count_of(b, "t-bank") == "4 notes · 3 of 5 participants"  # P01, P02, P03
    b.shot("4-merged")


def test_undo_and_redo_by_keyboard_and_buttons(boards: BoardOpener) -> None:
    b = boards()
    merge_export_into_bank(b)
    b.card("n-5").focus()
    b.page.keyboard.press("Control+z")
    until(b.page, lambda: "t-export" in live_themes(b.study), "the merged theme live again")
    assert placement(b.study, "n-4") == "t-export"
    assert b.study.events().iloc[-1]["kind"] == "undo"
    saved(b)
    b.section("t-export").wait_for()
    assert ids_in(b, "t-export") == ["n-4"]
    # Redo from the button, then undo again: the buttons and the keys share one log.
    b.el.locator(".sb-redo").click()
    until(b.page, lambda: "t-export" not in live_themes(b.study), "the merge redone")
    saved(b)
    b.el.locator(".sb-undo").click()
    until(b.page, lambda: "t-export" in live_themes(b.study), "the merge undone again")
    saved(b)
    b.card("n-5").focus()
    b.page.keyboard.press("Control+Shift+z")
    until(b.page, lambda: "t-export" not in live_themes(b.study), "redone by keyboard")
    saved(b)
    b.page.keyboard.press("Control+z")
    until(b.page, lambda: "t-export" in live_themes(b.study), "and undone by keyboard")
    saved(b)
    b.shot("5-undone")


def test_move_a_card_with_the_keyboard_only(boards: BoardOpener) -> None:
    b = boards()
    move_with_keys(b, "n-7", "expo", "Export confusion")
    until(b.page, lambda: placement(b.study, "n-7") == "t-export", "n-7 moved by keyboard")
    saved(b)
    assert ids_in(b, "t-export") == ["n-4", "n-7"]
    # Focus stays on the moved card, with a visible ring; arrows walk its new column.
    assert focused_note(b) == "n-7"
    assert b.card("n-7").evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    b.page.keyboard.press("ArrowUp")
    assert focused_note(b) == "n-4"
    b.page.keyboard.press("Delete")  # back to unsorted, with the keyboard too
    until(b.page, lambda: placement(b.study, "n-4") is None, "n-4 back in unsorted")
    saved(b)
    assert ids_in(b, "unsorted") == ["n-4", "n-5", "n-6", "n-8"]
    b.shot("6-keyboard-moved")


def test_drag_a_multi_selection(boards: BoardOpener) -> None:
    b = boards()
    b.card("n-5").click(modifiers=["Control"])
    b.card("n-6").click(modifiers=["Shift"])
    assert b.el.locator(".sb-selected").count() == 2
    assert b.card("n-5").get_attribute("aria-selected") == "true"
    drag(b.page, b.card("n-6"), b.section("t-bank"))
    until(b.page, lambda: placement(b.study, "n-5") == placement(b.study, "n-6") == "t-bank",
          "both selected notes placed")
    assert b.study.events().iloc[-1]["payload"]["notes"] == ["n-5", "n-6"]  # one event
    saved(b)
    assert b.el.locator(".sb-selected").count() == 0
    assert count_of(b, "t-bank") == "5 notes · 4 of 5 participants"  # + P03 and P04


def test_drop_an_unsorted_card_on_another_starts_a_theme(boards: BoardOpener) -> None:
    b = boards()
    before = set(live_themes(b.study))
    drag(b.page, b.card("n-7"), b.card("n-5"))
    (tid,) = until(b.page, lambda: set(live_themes(b.study)) - before, "a theme from two cards")
    assert placement(b.study, "n-5") == placement(b.study, "n-7") == tid
    saved(b)
    b.section(tid).wait_for()
    assert ids_in(b, tid) == ["n-5", "n-7"]
    assert count_of(b, tid) == "2 notes · 2 of 5 participants"  # P03 and P04


def test_search_and_filters(boards: BoardOpener) -> None:
    b = boards()
    search = b.el.locator(".sb-search")

    def shown() -> list[str]:  # what a person sees (a filter hides a chunk whole, or a card)
        return b.el.locator("[data-note-id]").evaluate_all(
            "els => els.filter(e => e.checkVisibility()).map(e => e.dataset.noteId)")

    search.fill("bank")  # "bank" and "banking": n-1, n-2
    assert sorted(shown()) == ["n-1", "n-2"] and b.el.get_attribute("data-shown") == "2"
    assert b.el.locator(".sb-status").text_content() == "Showing 2 notes of 8."
    search.fill("p04")  # a participant id finds that person's notes
    assert sorted(shown()) == ["n-6", "n-7"]
    search.fill("zzzz")
    assert shown() == []
    search.fill("")
    assert len(shown()) == 8
    assert b.el.locator(".sb-status").text_content() == ""  # not "Showing 0 notes of 8."
    b.el.locator("[data-filter='segment']").select_option("SMB")  # P01, P02
    assert sorted(shown()) == ["n-1", "n-2", "n-3"]
    b.el.locator("[data-filter='segment']").select_option("")
    b.el.locator("[data-filter='participant']").select_option("P03")
    assert sorted(shown()) == ["n-4", "n-5"]


def test_open_a_card_shows_where_it_came_from(boards: BoardOpener) -> None:
    b = boards()
    b.card("n-1").focus()
    b.page.keyboard.press("o")
    drawer = b.el.locator(".sb-drawer")
    drawer.locator(".sb-current").wait_for()
    assert drawer.locator(".sb-current .sb-turn-text").text_content() == \
        "Connecting the bank felt risky, so I waited."
    assert drawer.locator(".sb-turn").count() == 6  # turns 0-5: three either side of 3
    assert drawer.locator("dd").first.text_content() == "P01"
    assert "Real Name One" not in drawer.inner_text()
    b.shot("7-source")
    b.page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")
    assert focused_note(b) == "n-1"


def test_a_second_board_picks_up_changes(boards: BoardOpener) -> None:
    """Two notebooks, two kernels, one study: each board sees the other's moves."""
    b1 = boards()
    b2 = boards(folder=b1.folder)
    drag(b1.page, b1.card("n-5"), b1.section("t-bank"))
    # Boards are live: b1's move reaches b2 within a second and n-5 leaves b2's unsorted
    # column. Drag on b2 once it has, or n-6 could slide from under the pointer mid-press.
    b2.section("t-bank").locator("[data-note-id='n-5']").wait_for(timeout=8000)
    drag(b2.page, b2.card("n-6"), b2.section("t-bank"))
    until(b1.page, lambda: placement(b1.study, "n-5") == placement(b1.study, "n-6") == "t-bank",
          "both moves committed")
    # Each page shows the other's move after its next refresh (every 2 s).
    for b, note in ((b2, "n-5"), (b1, "n-6")):
        b.section("t-bank").locator(f"[data-note-id='{note}']").wait_for(timeout=8000)
    for b in (b1, b2):
        b.page.wait_for_function(
            "() => document.querySelector('section[data-theme-id=\"t-bank\"] .sb-theme-count')"
            ".textContent === '5 notes · 4 of 5 participants'", timeout=8000)
    b2.shot("8-second-board")


def test_a_refused_move_goes_back_and_says_why(boards: BoardOpener) -> None:
    # No refresh and not live, so the board still shows a theme another board deleted.
    b = boards(poll_ms=3_600_000, live=False)
    other = open_study(b.folder, author="second-researcher")
    other.delete_theme("t-export")
    other.close()
    drag(b.page, b.card("n-5"), b.section("t-export"))
    status = b.el.locator(".sb-status")
    b.page.wait_for_function(f"() => document.querySelector('{BOARD} .sb-status')"
                             ".dataset.state === 'error'", timeout=5000)
    assert status.text_content().startswith("Not saved: ")
    assert "t-export" in status.text_content()
    assert placement(b.study, "n-5") is None
    # Back where the store has it, not "saving" any more; the push then drops the column.
    b.section("t-export").wait_for(state="detached")
    assert "n-5" in ids_in(b, "unsorted")
    assert b.el.locator(".sb-pending").count() == 0


def test_keys_walk_a_long_column_across_chunks(boards: BoardOpener) -> None:
    """The sample round: 241 unsorted notes in chunks of 12; arrows cross chunk borders."""
    b = boards("sample")
    notes = b.study.notes(round="r1")
    unsorted = [n for n, t in zip(notes["note_id"], notes["theme_ids"], strict=True) if not t]
    assert ids_in(b, "unsorted") == unsorted  # import order
    b.card(unsorted[0]).focus()
    for _ in range(30):
        b.page.keyboard.press("ArrowDown")
    assert focused_note(b) == unsorted[30]
    target = b.study.themes().iloc[0]
    tid, name = str(target["theme_id"]), str(target["name"])
    move_with_keys(b, unsorted[30], name[:12].lower(), name)
    until(b.page, lambda: placement(b.study, unsorted[30]) == tid,
          "the 31st unsorted note moved by keyboard")
    saved(b)
    order = list(notes["note_id"])
    members = [n for n, themes in b.study.themes_of(order).items() if tid in themes]
    assert ids_in(b, tid) == members  # in import order, chunks and all
    assert focused_note(b) == unsorted[30]
    b.page.keyboard.press("ArrowDown")  # and on through the theme's own column
    after = members.index(unsorted[30]) + 1
    assert focused_note(b) == (members[after] if after < len(members) else unsorted[30])


def test_only_cards_in_sight_are_drawn_and_a_scroll_draws_at_once(boards: BoardOpener) -> None:
    """The sample round's 241 unsorted notes: 21 chunks of cards, a pile showing a few."""
    b = boards("sample")
    pile = b.el.locator("[data-theme-id='unsorted'] .sb-cards")
    drawn = "l => [...l.children].map(c => !c.classList.contains('sb-cold') && !c.hidden)"
    search = b.el.locator(".sb-search")
    search.fill("zzzz")
    assert pile.evaluate(drawn) == [False] * 21  # nothing shown, nothing drawn
    search.fill("")  # every card back: only the chunks in the pile's box (or 200 px on) drawn
    chunks = pile.evaluate(drawn)
    assert len(chunks) == 21 and chunks[0] and not any(chunks[3:])
    first = b.card(ids_in(b, "unsorted")[0])
    assert first.evaluate("el => el.checkVisibility()")
    # With the whole board in the window, a scroll to the pile's end shows its last cards in
    # the very frame it scrolls: drawn in the scroll event, not a frame later when the
    # observer would report them.
    b.el.evaluate("el => el.scrollIntoView({block: 'start'})")
    seen = pile.evaluate("""l => new Promise(done => {
        l.scrollTop = l.scrollHeight;
        requestAnimationFrame(() => done(l.lastElementChild.lastElementChild.checkVisibility()));
    })""")
    assert seen is True


# -- Notebook 7 and JupyterLab's single-document mode ------------------------------------
def check_keys_stay_on_the_board(b: Board) -> None:
    """M, O, arrows and Ctrl+Z act on the board, never on the notebook around it."""
    move_with_keys(b, "n-5", "expo", "Export confusion")
    until(b.page, lambda: placement(b.study, "n-5") == "t-export", "n-5 moved by keyboard")
    saved(b)
    assert focused_note(b) == "n-5"
    b.page.keyboard.press("ArrowUp")  # the column's previous card, not the previous cell
    assert focused_note(b) == "n-4"
    b.page.keyboard.press("o")  # the card's source, not "collapse the output"
    b.el.locator(".sb-drawer").wait_for()
    b.page.keyboard.press("Escape")
    b.el.locator(".sb-drawer").wait_for(state="hidden")
    cells = b.page.locator(".jp-Cell").count()
    b.page.keyboard.press("a")  # "also add to…", not "insert a cell above"
    b.el.locator(".sb-menu").wait_for()
    b.page.keyboard.press("Escape")
    b.el.locator(".sb-menu").wait_for(state="hidden")
    assert b.page.locator(".jp-Cell").count() == cells
    assert focused_note(b) == "n-4"
    b.page.keyboard.press("Control+z")  # the board's undo, not the notebook's
    until(b.page, lambda: placement(b.study, "n-5") is None, "the move undone")
    saved(b)
    assert b.study.events().iloc[-1]["kind"] == "undo"
    # The board's cell is still a code cell with its output showing.
    assert b.page.locator(f".jp-CodeCell {BOARD}").count() == 1
    assert b.page.locator(".jp-MarkdownCell").count() == 1  # only the notebook's intro
    assert b.el.is_visible()


def check_drag(b: Board) -> None:
    drag(b.page, b.card("n-6"), b.section("t-bank"))
    until(b.page, lambda: placement(b.study, "n-6") == "t-bank", "n-6 dragged into t-bank")
    saved(b)
    assert ids_in(b, "t-bank") == ["n-1", "n-2", "n-3", "n-6"]


def test_notebook7_keyboard_moves_undo_and_drag(boards: BoardOpener) -> None:
    b = boards(ui="notebook")
    assert "/notebooks/" in b.page.url
    check_keys_stay_on_the_board(b)
    check_drag(b)
    b.shot("9-notebook7")


def test_jupyterlab_single_document_mode(boards: BoardOpener) -> None:
    b = boards(ui="doc")
    assert b.page.locator("#jp-main-dock-panel[data-mode='single-document']").count() == 1
    check_keys_stay_on_the_board(b)
    check_drag(b)
