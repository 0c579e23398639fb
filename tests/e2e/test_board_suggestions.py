"""Suggestions on the affinity board in real JupyterLab, driven by Debian's Chromium.

Why a real browser: the suggestions arrive from a worker thread of the kernel as comm
messages while the page is live, and are accepted with clicks and keys on cards the board
draws in chunks; only a page shows that the chips appear, that a click on one reaches the
store, that the keys move the focus on, and that the panels and draft columns work with the
keyboard. Each step asserts on the study store first, then on what the page shows.

Round r3 of the sample study is half-sorted by people: 155 notes, 25 sorted, so 130 cards
carry chips. For draft themes the round is made unsorted first (its 25 notes unplaced), and
the board drafts themes as it opens. Screenshots (desktop and phone width) go to the
artefacts folder.
"""

from __future__ import annotations

from typing import Any

import pytest
from board_helpers import HOSTILE
from board_page import BOARD, Board, BoardOpener, live_themes, placement, saved, until

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def ready(b: Board, what: str = "suggesting", timeout: float = 120_000) -> None:
    """Wait until the kernel's answer is on the page: similar notes, or suggestions for the
    store as it is now (asked after the last change, so they cannot change under a step)."""
    check = (f"(b => b.dataset.{what} === 'ready'"
             + (" && b.dataset.suggestedSeq === b.dataset.seq" if what == "suggesting" else "")
             + f")(document.querySelector('{BOARD}'))")
    b.page.wait_for_function(f"() => {check}", timeout=timeout)


def chip_themes(b: Board, note: str) -> list[str]:
    return b.card(note).locator(".sb-suggest-chip").evaluate_all(
        "els => els.map(e => e.dataset.accept)")


def pile_ids(b: Board, shown_only: bool = False) -> list[str]:
    """The pile's notes, top to bottom; ``shown_only``: those the filters let through (the
    card's own flag: a card in a chunk not yet drawn gets its class only when drawn)."""
    return b.el.locator(".sb-pile .sb-card").evaluate_all(
        "(els, shownOnly) => els.filter(e => !shownOnly || !e._hidden)"
        ".map(e => e.dataset.noteId)", shown_only)


def test_chips_accept_filter_and_similar_notes(boards: BoardOpener) -> None:
    b = boards("sample", round="r3")
    ready(b)
    themes = live_themes(b.study)
    unsorted = pile_ids(b)
    assert len(unsorted) == 130
    # Every unsorted card carries chips: three themes of this study, best first.
    assert b.el.locator(".sb-pile .sb-card .sb-suggest").count() == 130
    assert b.el.locator(".sb-theme .sb-card .sb-suggest:visible").count() == 0
    first = unsorted[0]
    chips = chip_themes(b, first)
    assert len(chips) == 3 and set(chips) <= set(themes)
    shown = b.card(first).locator(".sb-suggest-name").all_text_contents()
    assert shown == [themes[t] for t in chips]
    why = b.card(first).locator(".sb-why").text_content()
    assert why.startswith("like “")
    assert "Press 1 to 3 to accept one" in b.card(first).get_attribute("aria-description")
    info = b.el.locator(".sb-suggest-info").text_content()
    assert info.startswith("Suggestions for 130 unsorted notes, computed on this machine in")
    b.shot("suggest-0-chips")

    # Key 1 on a focused card accepts its first suggestion; the focus goes to the next card.
    events = len(b.study.events())
    b.card(first).focus()
    b.page.keyboard.press("1")
    until(b.page, lambda: placement(b.study, first) == chips[0], "the key-1 suggestion placed")
    saved(b)
    assert len(b.study.events()) == events + 1
    assert b.el.locator(".sb-status").text_content() == (
        f"Saved. Accepted the suggestion: moved 1 note to {themes[chips[0]]!r}.")
    assert b.page.evaluate("() => document.activeElement.dataset.noteId") == unsorted[1]
    assert b.card(first).locator(".sb-suggest").is_hidden()  # in a theme: no chips

    # A click on the second chip of another card accepts that one; Ctrl+Z undoes it.
    second = unsorted[1]
    other = chip_themes(b, second)[1]
    # A card neither hovered nor focused shows its first chip and "+2"; the focused one all.
    third = b.card(unsorted[2])
    assert third.locator(".sb-suggest-chip").nth(1).is_hidden()
    assert third.locator(".sb-suggest-more").text_content() == "+2"
    assert b.card(second).locator(".sb-suggest-chip").nth(2).is_visible()
    b.card(second).hover()
    b.card(second).locator(".sb-suggest-chip").nth(1).click()
    until(b.page, lambda: placement(b.study, second) == other, "the clicked suggestion placed")
    saved(b)
    b.card(second).focus()
    b.page.keyboard.press("Control+z")
    until(b.page, lambda: placement(b.study, second) is None, "the accepted suggestion undone")
    saved(b)
    b.card(second).locator(".sb-suggest").wait_for()  # back in the pile, chips again

    # "Suggested for X" shows X's notes and the unsorted notes whose best theme is X.
    ready(b)
    option = b.el.locator(".sb-suggest-filter option").nth(1)
    target, label = option.get_attribute("value"), option.text_content()
    b.el.locator(".sb-suggest-filter").select_option(target)
    batch = pile_ids(b, shown_only=True)
    assert label == f"Suggested for {themes[target]} ({len(batch)})" and batch
    assert all(chip_themes(b, n)[0] == target for n in batch)
    outside = b.el.locator(f".sb-theme:not([data-theme-id='{target}']) .sb-card").evaluate_all(
        "els => els.filter(e => !e._hidden).length")
    assert outside == 0
    b.shot("suggest-1-filtered")
    accept_all = b.el.locator(".sb-accept-all")
    assert accept_all.text_content() == f"Accept all {len(batch)} into {themes[target]}"
    events = len(b.study.events())
    accept_all.click()
    until(b.page, lambda: all(placement(b.study, n) == target for n in batch), "the batch placed")
    saved(b)
    assert len(b.study.events()) == events + 1  # one move, one undo step
    b.el.locator(".sb-suggest-filter").select_option("")

    # Similar notes: S on a card lists the round's unsorted notes most like it.
    ready(b)
    note = pile_ids(b)[0]
    b.card(note).focus()
    b.page.keyboard.press("s")
    ready(b, "similar")
    panel = b.el.locator(".sb-similar")
    items = panel.locator(".sb-similar-item")
    assert items.count() == 11  # the note itself, then its ten likeliest
    texts = items.locator(".sb-similar-text").all_text_contents()
    assert texts[0] == b.card(note).locator(".sb-text").text_content()
    metas = items.locator(".sb-similar-meta").all_text_contents()
    assert metas[0].endswith("· this note") and all(m.endswith("alike") for m in metas[1:])
    b.shot("suggest-2-similar")
    # Only the note itself comes ticked: the researcher ticks the ones that belong.
    assert panel.locator(".sb-similar-check:checked").count() == 1
    for i in (1, 2):
        items.nth(i).locator("input").check()
    ids = panel.locator(".sb-similar-check:checked").evaluate_all(
        "els => els.map(e => e.dataset.note)")
    assert len(ids) == 3 and ids[0] == note
    goes = panel.locator(".sb-similar-target").input_value()
    panel.locator(".sb-similar-move").click()
    until(b.page, lambda: all(placement(b.study, n) == goes for n in ids), "similar notes moved")
    saved(b)
    assert panel.is_hidden()


def _unsort_r3(study: Any) -> None:
    notes = study.notes(round="r3")
    study.unplace(list(notes["note_id"]))


def test_an_unsorted_round_gets_draft_themes_to_accept(boards: BoardOpener) -> None:
    b = boards("sample", round="r3", prepare=_unsort_r3)
    ready(b)
    drafts = b.el.locator(".sb-draft")
    assert drafts.count() >= 2
    assert b.el.get_attribute("data-drafts") == str(drafts.count())
    before = set(live_themes(b.study))
    events = len(b.study.events())
    # Each draft lists its notes, the most typical first; every unsorted note is in one.
    keys = drafts.evaluate_all("els => els.map(e => e.dataset.draftKey)")
    listed = b.el.locator(".sb-draft-note").evaluate_all(
        "els => els.map(e => e.dataset.noteIdDraft)")
    assert sorted(listed) == sorted(pile_ids(b)) and len(listed) == 155
    first = drafts.first
    assert first.locator(".sb-draft-note").first.locator(".sb-draft-pid").text_content() \
        .endswith("most typical")
    b.shot("suggest-3-drafts")
    # Rename the first draft with the keyboard, then accept it: a real theme, one event.
    first.locator(".sb-draft-rename").click()
    box = first.locator("input.sb-rename")
    box.fill("Invoice <templates>")
    box.press("Enter")
    first.locator(".sb-draft-name", has_text="Invoice <templates>").wait_for()
    assert len(b.study.events()) == events  # renaming a draft writes nothing
    notes = first.locator(".sb-draft-note").evaluate_all(
        "els => els.map(e => e.dataset.noteIdDraft)")
    first.locator(".sb-draft-accept").focus()
    b.page.keyboard.press("Enter")
    (tid,) = until(b.page, lambda: set(live_themes(b.study)) - before, "the accepted draft")
    assert live_themes(b.study)[tid] == "Invoice <templates>"
    assert all(placement(b.study, n) == tid for n in notes)
    assert len(b.study.events()) == events + 1
    saved(b)
    b.section(tid).wait_for()
    assert b.section(tid).locator(".sb-theme-name").text_content() == "Invoice <templates>"
    b.el.locator(f".sb-draft[data-draft-key='{keys[0]}']").wait_for(state="detached")
    # Dismiss the next one: it goes, its notes stay unsorted, nothing is written.
    second = b.el.locator(f".sb-draft[data-draft-key='{keys[1]}']")
    kept = second.locator(".sb-draft-note").evaluate_all(
        "els => els.map(e => e.dataset.noteIdDraft)")
    second.locator(".sb-draft-dismiss").click()
    second.wait_for(state="detached")
    assert all(placement(b.study, n) is None for n in kept)
    assert len(b.study.events()) == events + 1
    assert b.el.locator(".sb-draft").count() == len(keys) - 2
    b.shot("suggest-4-draft-accepted")


def test_suggestions_at_phone_width_and_hostile_text(boards: BoardOpener) -> None:
    b = boards(viewport=PHONE, ui="notebook")  # Notebook 7's narrow layout suits a phone
    ready(b)
    # The small study's hostile note is text in its card, its draft and the similar panel.
    b.el.locator(".sb-draft-count").select_option("2")
    b.el.locator(".sb-draft-btn").click()
    b.el.locator(".sb-draft").first.wait_for()
    ready(b)
    assert HOSTILE in b.el.locator(".sb-drafts").inner_text()
    b.card("n-6").focus()
    b.page.keyboard.press("s")
    ready(b, "similar")
    assert b.el.locator(".sb-similar-text").first.text_content() == HOSTILE
    assert b.el.locator("img").count() == 0 and b.dialogs == []
    b.page.keyboard.press("Escape")
    assert b.el.locator(".sb-similar").is_hidden()
    assert b.page.evaluate("() => document.activeElement.dataset.noteId") == "n-6"
    b.card("n-5").scroll_into_view_if_needed()
    b.shot("suggest-5-phone", view=True)
