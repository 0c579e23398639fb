"""The board at 10,000 notes and 60 themes, in JupyterLab: search, scroll and drag still work.

The board draws only what is in sight (cards in chunks; a theme column far from the view is
not laid out at all), so a search at this size must still count every note, show exactly the
cards it matches, and a card it finds in the last column must scroll into view and drag like
any other. The study is tests/board_helpers.make_big_study, whose counts are worked out there.
"""

from __future__ import annotations

from typing import Any

from board_helpers import BIG_WORDS, make_big_study
from board_page import BOARD, Board, count_of, focused_note, placement, saved, until
from lab_server import drag

def search(b: Board, query: str, shown: int) -> None:
    """Type a query into the search box and wait until the board counts ``shown`` notes."""
    b.el.locator(".sb-search").fill(query)
    b.page.wait_for_function(f"n => document.querySelector('{BOARD}').dataset.shown"
                             " === String(n)", arg=shown, timeout=10_000)


def visible_cards(b: Board, column: str | None = None) -> list[dict[str, Any]]:
    """The cards a person can see (drawn, not hidden by a filter), with their column."""
    inside = f"[data-theme-id='{column}'] " if column else ""
    return b.el.locator(f"{inside}.sb-card").evaluate_all(
        "els => els.filter(e => e.checkVisibility()).map(e => ({note: e.dataset.noteId,"
        " text: e.querySelector('.sb-text').textContent,"
        " column: e.closest('[data-theme-id]').dataset.themeId}))")


def test_a_search_at_10000_notes_counts_and_shows_exactly_its_matches(boards, lab) -> None:
    folder = lab["root"] / "big-search"
    make_big_study(folder)
    b = boards(folder=folder, suggest=False)
    assert b.el.get_attribute("data-shown") == "10000"

    search(b, "kestrel", 104)  # i % 97 == 0 for i < 10,000
    assert b.el.locator(".sb-status").inner_text() == "Showing 104 notes of 10000."
    seen = visible_cards(b)
    assert seen, "no card drawn after the search"
    assert all("kestrel" in c["text"].lower() for c in seen), seen
    # The first unsorted match is n-00097 (97 % 7 == 6); theme t-01 holds 0 and 5,820.
    pile = [c["note"] for c in visible_cards(b, "unsorted")]
    assert pile[0] == "n-00097"
    assert [c["note"] for c in visible_cards(b, "t-01")] == ["n-00000", "n-05820"]

    search(b, "", 10_000)
    assert b.el.locator(".sb-status").inner_text() == ""  # no count left behind, no change made
    first = visible_cards(b, "unsorted")
    assert first and first[0]["note"] == "n-00004"  # 0-3 are sorted (i % 7 < 4)


def test_a_card_found_in_the_last_column_scrolls_into_view_and_drags(boards, lab) -> None:
    folder = lab["root"] / "big-drag"
    make_big_study(folder)
    b = boards(folder=folder, suggest=False)
    assert count_of(b, "t-60") == "95 notes · 2 of 40 participants"
    assert count_of(b, "t-01") == "95 notes · 2 of 40 participants"

    search(b, "ocelot", 1)
    card = b.card("n-09899")
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    assert box is not None and box["height"] > 20
    view = b.page.viewport_size
    assert box["y"] >= 0 and box["y"] + box["height"] <= view["height"]
    assert [c["note"] for c in visible_cards(b)] == ["n-09899"]
    assert "ocelot" in card.locator(".sb-text").inner_text()

    drag(b.page, card, b.section("t-01"))
    until(b.page, lambda: placement(b.study, "n-09899") == "t-01", "n-09899 moved to t-01")
    saved(b)
    assert count_of(b, "t-01") == "96 notes · 3 of 40 participants"  # P20 joins P01, P21
    assert count_of(b, "t-60") == "94 notes · 2 of 40 participants"
    assert [c["column"] for c in visible_cards(b)] == ["t-01"]  # the search still finds it

    search(b, "", 10_000)  # the count goes; the line says what became of the move again
    assert b.el.locator(".sb-status").inner_text() == "Saved. Moved 1 note to 'Theme 1'."
    assert b.card("n-09899", "t-01").count() == 1
    assert b.card("n-09899", "t-60").count() == 0


PILE = "[data-theme-id='unsorted'] .sb-cards"
# The pile's chunks in the page's layout (not left out as far); the stand-in below them is
# the list's ::after, as high as --sb-far.
LAID_OUT = "l => [...l.children].filter(c => !c.classList.contains('sb-far')).length"


def pile_note(k: int) -> str:
    """The k-th unsorted note (from 0): notes with i % 7 in 4, 5, 6 are unsorted."""
    return f"n-{7 * (k // 3) + 4 + k % 3:05d}"


def laid_out_for(query: str) -> int:
    """How many pile chunks a search leaves laid out: those starting within 3 x 880 px of the
    top, each chunk's height estimated at 68 px a card it shows (js/pilewindow.js)."""
    def text(note: str) -> str:
        i = int(note[2:])
        return " ".join(BIG_WORDS[(i * 7 + k * 3) % len(BIG_WORDS)] for k in range(5))
    shown = [sum(query in text(pile_note(k)) for k in range(c * 12, min(c * 12 + 12, 4284)))
             for c in range(357)]
    y = n = 0
    for count in shown:
        if y > 3 * 880:
            break
        n, y = n + 1, y + 68 * count
    return n


def test_the_pile_lays_out_only_what_is_near_its_box_and_keys_scroll_and_drag_still_work(
        boards, lab) -> None:
    """4,284 unsorted notes in 357 chunks of 12, each standing in at 12 x 68 = 816 px until
    drawn: the chunks starting within 3 x 880 = 2,640 px of the box's top (0, 816, 1,632,
    2,448) are laid out, the other 353 stand in as one block of 353 x 816 = 288,048 px."""
    folder = lab["root"] / "big-pile"
    make_big_study(folder)
    b = boards(folder=folder, suggest=False)
    pile = b.el.locator(PILE)
    assert pile.evaluate("l => l.children.length") == 357
    assert pile.evaluate(LAID_OUT) == 4
    assert pile.evaluate("l => l.style.getPropertyValue('--sb-far')") == "288048px"
    # ... inside the list, which still scrolls in the pile's box (a padded list would not)
    assert pile.evaluate("l => l.clientHeight < 1100 && l.scrollHeight > 288048")

    # 'tax' shows 2,500 notes, about 3 in each pile chunk: the chunks starting within 2,640
    # px (estimated from the cards each shows) are laid out, then clearing trims back to 4.
    search(b, "tax", 2_500)
    assert pile.evaluate(LAID_OUT) == laid_out_for("tax") == 13
    search(b, "", 10_000)
    assert pile.evaluate(LAID_OUT) == 4

    # The keyboard walks on past the drawn chunks: the card it lands on is drawn to take focus.
    b.card(pile_note(0)).focus()
    for _ in range(60):
        b.page.keyboard.press("ArrowDown")
    assert pile_note(60) == "n-00144"
    assert focused_note(b) == "n-00144"  # in chunk 5, the sixth
    assert b.card("n-00144").evaluate("el => el.checkVisibility()")
    assert pile.evaluate(LAID_OUT) >= 6

    # Scrolled to its end, the pile shows its last card in the frame of the scroll.
    last = pile_note(4284 - 1)
    assert last == "n-09995"
    seen = pile.evaluate("""l => new Promise(done => {
        l.scrollTop = l.scrollHeight;
        requestAnimationFrame(() => done(l.lastElementChild.lastElementChild.dataset.noteId
            + ' ' + l.lastElementChild.lastElementChild.checkVisibility()));
    })""")
    assert seen == "n-09995 true"
    # every chunk drawn: no stand-in left
    assert pile.evaluate("l => l.style.getPropertyValue('--sb-far')") == ""

    card = b.card(last)
    drag(b.page, card, b.section("t-01"))
    until(b.page, lambda: placement(b.study, last) == "t-01", f"{last} moved to t-01")
    saved(b)
    assert count_of(b, "t-01") == "96 notes · 3 of 40 participants"  # P36 joins P01, P21
