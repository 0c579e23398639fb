"""Making notes in a real JupyterLab (issue 17): highlight words of a transcript into a note,
write a sticky, edit it, split it, set one aside, and find it all as left after a reload.

Why a real browser: a highlight is a mouse selection turned into character offsets of one
turn's text (a Range over text nodes cut by earlier highlights), and the note boxes take
keys JupyterLab would otherwise claim. The small study (tests/board_helpers.py): P01's
interview s-P01, whose fourth turn (position 3) reads "Connecting the bank felt risky, so I
waited."; themes Bank connection anxiety (t-bank: n-1, n-2, n-3) and Export confusion
(t-export: n-4).
"""

from __future__ import annotations

from typing import Any

import pytest
from board_page import Board, BoardOpener, ids_in, saved, until
from lab_server import artifacts_dir

from synthesis.model import ImportBundle, Session, Utterance

pytestmark = pytest.mark.browser

READER = ".synthesis-transcript"
RISKY = "Connecting the bank felt risky, so I waited."


def turn_id(b: Board, position: int) -> int:
    turns = b.study.utterances("s-P01")
    return int(turns.set_index("position").loc[position, "utterance_id"])


def point(reader: Any, uid: int, at: int, *, end: bool = False) -> tuple[float, float]:
    """Where character ``at`` of a turn's text is on screen; with ``end``, the right edge of
    the character before it (``at`` is then a selection's exclusive end)."""
    return tuple(reader.evaluate("""(root, [uid, at, end]) => {
      const p = root.querySelector(`[data-utterance-id="${uid}"] .st-text`);
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let left = end ? at - 1 : at, node;
      while ((node = walker.nextNode())) { if (left < node.length) break; left -= node.length; }
      const r = document.createRange(); r.setStart(node, left); r.setEnd(node, left + 1);
      const box = r.getBoundingClientRect();
      return [end ? box.right - 1 : box.left + 1, box.top + box.height / 2];
    }""", [uid, at, end]))


def select_by_mouse(b: Board, start: tuple[int, int], end: tuple[int, int],
                    reader: Any = None) -> None:
    """Press at character ``start`` (turn, offset), drag to ``end``, release: as a person.
    ``reader`` is the board's panel unless given (the transcript widget)."""
    reader = reader if reader is not None else b.el.locator(READER)
    x0, y0 = point(reader, *start)
    x1, y1 = point(reader, *end, end=True)
    mouse = b.page.mouse
    mouse.move(x0, y0)
    mouse.down()
    mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=4)
    mouse.move(x1, y1, steps=4)
    mouse.up()


def open_reader(b: Board, *, keys: bool = False) -> Any:
    """Open n-1's source drawer, then the transcript from it (by mouse, or by keys: O on
    the card, Enter on the drawer's button, as at phone width where the board scrolls)."""
    if keys:
        b.card("n-1").focus()
        b.page.keyboard.press("o")
        button = b.el.locator("[data-action='open-transcript']")
        button.focus()
        b.page.keyboard.press("Enter")
    else:
        b.card("n-1").locator(".sb-open").click()
        b.el.locator("[data-action='open-transcript']").click()
    reader = b.el.locator(READER)
    reader.locator(f"[data-utterance-id='{turn_id(b, 3)}']").wait_for()
    return reader


def test_highlight_words_in_the_transcript_into_a_note_on_the_board(boards: BoardOpener) -> None:
    b = boards(author="ana")
    reader = open_reader(b)
    risky = turn_id(b, 3)
    turns = reader.locator(".st-turn")
    assert turns.count() == 6
    assert reader.locator(".st-role-participant").count() == 3  # set apart from the interviewer's
    assert turns.nth(1).locator(".st-time").text_content() == "0:04"
    reader.locator(".st-theme").select_option("t-bank")  # straight into a theme
    before = b.study.last_event()
    select_by_mouse(b, (risky, RISKY.index("felt")), (risky, RISKY.index(",")))
    assert b.page.evaluate("() => String(getSelection())") == "felt risky"
    b.page.keyboard.press("n")
    row = until(b.page, lambda: b.study.store.row(
        "SELECT * FROM notes WHERE text = 'felt risky'"), "the highlight as a note")
    assert (row["utterance_id"], row["start_char"], row["end_char"]) == (risky, 20, 30)
    assert RISKY[20:30] == "felt risky"
    assert (row["participant_id"], row["session_id"], row["kind"], row["author"]) == (
        "P01", "s-P01", "quote", "ana")
    assert b.study.last_event() == before + 1  # one event
    assert b.study.themes_of([row["note_id"]])[row["note_id"]] == ["t-bank"]
    saved(b)
    # on the board at once, in its theme; highlighted in the reader in the theme's colour
    assert row["note_id"] in ids_in(b, "t-bank")
    mark = reader.locator(f"mark[data-notes~='{row['note_id']}']")
    mark.wait_for()
    assert mark.text_content() == "felt risky"
    assert mark.get_attribute("title") == "1 note in Bank connection anxiety"
    assert reader.locator(".st-status").text_content() == ("Made a note from the transcript "
                                                           "in 'Bank connection anxiety'.")
    # overlapping highlights are allowed: "bank felt" overlaps "felt risky"
    reader.locator(".st-theme").select_option("")
    select_by_mouse(b, (risky, RISKY.index("bank")), (risky, RISKY.index(" risky")))
    reader.locator("[data-action='note-from-selection']").click()
    until(b.page, lambda: b.study.store.row("SELECT 1 FROM notes WHERE text = 'bank felt'"),
          "the overlapping highlight")
    saved(b)
    reader.locator("mark[data-notes~='" + row["note_id"] + "']").first.wait_for()
    b.shot("notes-reader-desktop")
    # a selection from the interviewer's turn into P01's is refused with one sentence
    last = b.study.last_event()
    select_by_mouse(b, (turn_id(b, 2), 5), (risky, 10))
    b.page.keyboard.press("n")
    status = reader.locator(".st-status.st-error")
    status.wait_for()
    assert status.text_content() == ("a note holds one speaker's words: the selection runs "
                                     "from the interviewer's turn into P01's; select within "
                                     "one speaker's turns.")
    assert b.study.last_event() == last
    # search and the keyboard, turn by turn
    reader.locator(".st-search").fill("banking")
    assert reader.locator(".st-found").text_content() == "1 turn"
    reader.locator(".st-search").press("Enter")
    assert b.page.evaluate("() => document.activeElement.dataset.utteranceId") == str(
        turn_id(b, 5))
    b.page.keyboard.press("ArrowUp")  # the turns the search leaves out are skipped
    assert b.page.evaluate("() => document.activeElement.dataset.utteranceId") == str(
        turn_id(b, 5))
    reader.locator(".st-search").fill("")
    reader.locator(f"[data-utterance-id='{turn_id(b, 5)}']").focus()
    b.page.keyboard.press("ArrowUp")
    assert b.page.evaluate("() => document.activeElement.dataset.utteranceId") == str(
        turn_id(b, 4))


def test_the_transcript_reader_at_phone_width(boards: BoardOpener) -> None:
    # Notebook 7: its narrow layout suits a phone (JupyterLab keeps its side panel open).
    b = boards(ui="notebook", viewport={"width": 390, "height": 844})
    reader = open_reader(b, keys=True)
    reader.locator(f"[data-utterance-id='{turn_id(b, 3)}']").scroll_into_view_if_needed()
    risky = turn_id(b, 3)
    select_by_mouse(b, (risky, 0), (risky, RISKY.index(" felt")))
    assert b.page.evaluate("() => String(getSelection())") == "Connecting the bank"
    b.page.keyboard.press("n")
    until(b.page, lambda: b.study.store.row(
        "SELECT 1 FROM notes WHERE text = 'Connecting the bank'"), "a highlight at phone width")
    saved(b)
    reader.locator("mark.st-hl").first.wait_for()
    width = reader.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    assert width, "the reader scrolls sideways at 390 px"
    path = artifacts_dir() / "board-notes-reader-phone.png"
    b.page.screenshot(path=str(path))


def test_write_edit_split_and_set_aside_stickies_then_reload(boards: BoardOpener) -> None:
    b = boards(author="ana")
    # + Note in the Export column: a sticky, straight into the theme
    b.section("t-export").locator("[data-action='new-note']").click()
    box = b.el.locator("[data-action='write-note']")
    box.fill("Exports a CSV every Friday. Then fixes the dates by hand.")
    box.press("Enter")
    row = until(b.page, lambda: b.study.store.row(
        "SELECT * FROM notes WHERE source = 'board'"), "the sticky")
    nid = row["note_id"]
    assert (row["kind"], row["author"], row["participant_id"], row["round_id"]) == (
        "observation", "ana", None, "r1")
    saved(b)
    assert ids_in(b, "t-export") == ["n-4", nid]
    assert b.section("t-export").locator(".sb-theme-count").text_content() == (
        "2 notes · 1 of 5 participants")  # a sticky with no participant counts as a note
    # N in the unsorted pile writes another
    b.card("n-5").focus()
    b.page.keyboard.press("n")
    b.el.locator("[data-action='write-note']").fill("Second sticky")
    b.page.keyboard.press("Enter")
    until(b.page, lambda: b.study.store.row("SELECT 1 FROM notes WHERE text = 'Second sticky'"),
          "the second sticky")
    saved(b)
    # double-click edits: the words before stay in the log, the card says "edited"
    b.card("n-5").dblclick()
    edit = b.el.locator("[data-action='edit-note']")
    edit.fill("Wants invoices in the company's own template")
    edit.press("Enter")
    until(b.page, lambda: b.study.store.note("n-5")["text"]
          == "Wants invoices in the company's own template", "the edit")
    saved(b)
    assert b.card("n-5").locator(".sb-edited").text_content() == "edited"
    before = b.study.events().iloc[-1]["payload"]["changes"][0]["before"]["text"]
    assert before == "Wants invoices in the company's template"
    # split the sticky at the caret, after "Friday."
    b.card(nid).dblclick()
    edit = b.el.locator("[data-action='edit-note']")
    edit.evaluate("el => el.setSelectionRange(27, 27)")
    b.el.locator("[data-action='split-note']").click()
    second = until(b.page, lambda: b.study.store.row(
        "SELECT note_id FROM notes WHERE text = 'Then fixes the dates by hand.'"), "the split")
    saved(b)
    assert b.study.store.note(nid)["text"] == "Exports a CSV every Friday."
    assert ids_in(b, "t-export") == ["n-4", nid, second["note_id"]]
    # Shift+Delete sets a note aside: off the board and out of the counts, restorable
    b.card("n-7").focus()
    b.page.keyboard.press("Shift+Delete")
    until(b.page, lambda: b.study.store.note("n-7")["set_aside"] == 1, "n-7 set aside")
    saved(b)
    assert b.card("n-7").count() == 0
    assert b.el.locator(".sb-pile .sb-theme-count").text_content() == "4 notes"
    aside = b.el.locator("[data-action='show-aside']")
    assert aside.text_content() == "Set aside (1)"
    b.shot("notes-stickies")
    # reload: a new page on the same study finds everything as left
    again = boards(folder=b.folder)
    assert again.card("n-7").count() == 0
    assert again.card("n-5").locator(".sb-text").text_content() == (
        "Wants invoices in the company's own template")
    assert again.card("n-5").locator(".sb-edited").count() == 1
    assert ids_in(again, "t-export") == ["n-4", nid, second["note_id"]]
    # and the list restores what was set aside
    again.el.locator("[data-action='show-aside']").click()
    again.el.locator("[data-action='restore-note'][data-note-id='n-7']").click()
    until(again.page, lambda: again.study.store.note("n-7")["set_aside"] == 0, "n-7 restored")
    saved(again)
    again.card("n-7").wait_for()


def test_the_transcript_widget_makes_notes_the_board_shows(boards: BoardOpener) -> None:
    b = boards(author="ana", cells=('board.study.transcript("s-P01")',))
    reader = b.page.locator(f"{READER}[data-view='widget']")
    password = turn_id(b, 5)
    words = "It asked for my online banking password."
    reader.locator(f"[data-utterance-id='{password}']").scroll_into_view_if_needed()
    reader.locator(".st-theme").select_option("t-export")
    select_by_mouse(b, (password, words.index("online")), (password, len(words) - 1), reader)
    reader.locator("[data-action='note-from-selection']").click()
    row = until(b.page, lambda: b.study.store.row(
        "SELECT * FROM notes WHERE text = 'online banking password'"), "the widget's note")
    assert (row["utterance_id"], row["start_char"], row["end_char"], row["author"]) == (
        password, 16, 39, "ana")
    reader.locator(f"mark[data-notes~='{row['note_id']}']").wait_for()
    # the board above it shows the new card in its theme (its refresh reads the new event)
    b.card(row["note_id"], "t-export").wait_for(state="attached", timeout=10_000)
    reader.screenshot(path=str(artifacts_dir() / "board-notes-transcript-widget.png"))
    # Ctrl+Z in the widget undoes the note (one event: the note and its placement go)
    reader.locator(f"[data-utterance-id='{password}']").focus()
    b.page.keyboard.press("Control+z")
    until(b.page, lambda: b.study.store.note(row["note_id"]) is None, "the undone note")
    reader.locator(f"mark[data-notes~='{row['note_id']}']").wait_for(state="detached")
    assert reader.locator(".st-status").text_content().startswith("Undid: note 'online")



TWO_TURNS = ("We invoice on Fridays.", "Then I chase the late ones by email.")


def two_turns_of_p02(study: Any) -> None:
    """P02's interview s-P02: the interviewer, then two P02 turns in a row (TWO_TURNS)."""
    turns = (Utterance("Ana", "How do you invoice?", 0.0, 3.0, "interviewer", "cue 1"),
             Utterance("P02", TWO_TURNS[0], 3.0, 6.0, "participant", "cue 2"),
             Utterance("P02", TWO_TURNS[1], 6.0, 9.0, "participant", "cue 3"))
    study.apply_bundle(ImportBundle("p02.vtt", "transcript", sessions=[Session(
        "s-P02", "r1", "P02", "p02.vtt", ("Ana",), "2024-03-05", True, "en", turns)]),
        round="r1")


def test_a_selection_over_one_speakers_turns_in_a_row_makes_one_note(
        boards: BoardOpener) -> None:
    b = boards(author="ana", prepare=two_turns_of_p02,
               cells=('board.study.transcript("s-P02")',))
    reader = b.page.locator(f"{READER}[data-view='widget']")
    turns = b.study.utterances("s-P02")
    first, second = (int(u) for u in turns["utterance_id"][1:3])
    reader.locator(f"[data-utterance-id='{second}']").scroll_into_view_if_needed()
    # from "on Fridays." in the first turn to "Then I chase" in the second
    select_by_mouse(b, (first, TWO_TURNS[0].index("on")), (second, len("Then I chase")),
                    reader)
    reader.locator("[data-action='note-from-selection']").click()
    words = "on Fridays.\nThen I chase"
    row = until(b.page, lambda: b.study.store.row(
        "SELECT * FROM notes WHERE session_id = 's-P02'"), "the note over two turns")
    assert (row["text"], row["utterance_id"], row["start_char"], row["end_utterance_id"],
            row["end_char"], row["participant_id"], row["author"]) == (
        words, first, 11, second, 12, "P02", "ana")
    # highlighted in both turns, one piece each
    marks = reader.locator(f"mark[data-notes~='{row['note_id']}']")
    marks.nth(1).wait_for()
    assert marks.all_text_contents() == ["on Fridays.", "Then I chase"]
    assert reader.locator(".st-status").text_content() == (
        "Made a note from the transcript in unsorted.")
    # the board above shows the new card in the pile
    b.card(row["note_id"]).wait_for(state="attached", timeout=10_000)
    reader.screenshot(path=str(artifacts_dir() / "board-notes-two-turns.png"))
    # the widget follows the store's watcher (its page does not poll when live): a note
    # made by another researcher shows in it
    assert reader.get_attribute("data-live") == "true"
    other = b.study.note_from_transcript(first, 0, 2, text="We")
    reader.locator(f"mark[data-notes~='{other}']").wait_for(timeout=10_000)


def test_the_sample_transcript_marks_key_questions_and_highlights(boards: BoardOpener) -> None:
    # P01's first interview: the guide's key questions were asked at turns 10 and 22
    # (synthesis.craft.coverage); its candidate quotes are highlights already.
    b = boards("sample", cells=('board.study.transcript("p01-2026-03-03")',))
    reader = b.page.locator(f"{READER}[data-view='widget']")
    reader.locator(".st-turn").first.wait_for()
    assert reader.locator(".st-turn").count() == 44
    keys = reader.locator(".st-keyq")
    assert keys.evaluate_all("els => els.map(e => e.dataset.position)") == ["10", "22"]
    assert keys.first.locator(".st-key").get_attribute("title").startswith(
        "Key question: Walk me through the last time you sent")
    quotes = b.study.notes(round="r1")
    mine = quotes[(quotes["session_id"] == "p01-2026-03-03") & quotes["start_char"].notna()]
    shown = reader.locator("mark.st-hl").evaluate_all(
        "els => new Set(els.flatMap(e => e.dataset.notes.split(' '))).size")
    assert shown == len(mine) > 0
    # the participant speaks under their id; the transcript's label is her real name
    assert "Amber Cole" not in reader.inner_text()
    assert reader.locator(".st-role-participant .st-speaker").first.text_content() == "P01"
    reader.locator(".st-keyq").first.scroll_into_view_if_needed()
    reader.screenshot(path=str(artifacts_dir() / "board-notes-sample-transcript.png"))
