"""Notes made where the researcher works (issue 17): stickies, highlights, edits, splits,
notes set aside — each one transaction and one event, undoable, on SQLite and PostgreSQL,
and counted (or not) exactly as the read model says.

The study: P01 and P02 in round r1, four imported notes (n1, n3 from P01; n2, n4 from P02)
and P01's interview of three turns:

    turn A (interviewer) "How do you send invoices today?"
    turn B (P01)         "I use a spreadsheet. Then I email a PDF to each client."
    turn C (P01)         "It takes an hour every Friday."
"""

from __future__ import annotations

from pathlib import Path

import pytest

from synthesis import init_study, open_study
from synthesis.board.actions import perform
from synthesis.errors import StudyError
from synthesis.interop.refi_export import build_project
from synthesis.model import ImportBundle, Note, Participant, Session, Utterance

TURN_B = "I use a spreadsheet. Then I email a PDF to each client."
REFI = "{urn:QDA-XML:project:1.0}"


@pytest.fixture
def folder(tmp_path: Path, store_url) -> Path:
    study = init_study(tmp_path / "s", name="Notes", store=store_url)
    study.apply_bundle(ImportBundle(
        "notes.csv", "notes", participants=[Participant("P01", "r1"), Participant("P02", "r1")],
        notes=[Note(f"n{i}", f"note {i}", "P01" if i % 2 else "P02", "r1")
               for i in range(1, 5)]), round="r1")
    study.apply_bundle(ImportBundle("p01.vtt", "transcript", sessions=[Session(
        "s1", "r1", "P01", "p01.vtt", interviewers=("Dana",), utterances=(
            Utterance("Dana", "How do you send invoices today?", 0.0, 3.0, "interviewer"),
            Utterance("Amber", TURN_B, 3.0, 9.5, "participant"),
            Utterance("Amber", "It takes an hour every Friday.", 9.5, 12.0, "participant"),
        ))]), round="r1")
    study.close()
    return tmp_path / "s"


@pytest.fixture
def study(folder):
    opened = open_study(folder, author="ana")
    yield opened
    opened.close()


def turn_ids(study) -> list[int]:
    return [int(u) for u in study.utterances("s1")["utterance_id"]]


def note(study, note_id: str) -> dict:
    return study.store.get("notes", note_id)


def last_event(study) -> dict:
    return study.events().iloc[-1].to_dict()


def test_a_sticky_is_one_event_with_its_author_and_undo_takes_it_back(study):
    pricing = study.create_theme("Pricing")
    before = study.last_event()
    nid = study.write_note("  Asked where the VAT number goes  ", round="r1",
                           participant="P02", theme=pricing)
    assert study.last_event() == before + 1
    row = note(study, nid)
    assert (row["text"], row["kind"], row["author"], row["participant_id"], row["round_id"],
            row["source"]) == ("Asked where the VAT number goes", "observation", "ana", "P02",
                               "r1", "board")
    assert study.themes_of(nid)[nid] == [pricing]
    event = last_event(study)
    assert (event["kind"], event["author"], event["payload"]["op"]) == ("note", "ana", "write")
    # counted like any note: Pricing now holds one note from one person
    assert study.themes().set_index("name").loc["Pricing", ["notes", "participants"]].tolist() \
        == [1, 1]
    assert study.undo()["summary"].startswith("undo write note 'Asked where the VAT")
    assert note(study, nid) is None and len(study.notes()) == 4
    assert study.redo()["summary"].startswith("redo write note")
    assert study.themes_of(nid)[nid] == [pricing]


def test_a_sticky_needs_words_and_existing_people(study):
    with pytest.raises(StudyError, match="a note needs some text"):
        study.write_note("   ")
    with pytest.raises(StudyError, match="there is no participant 'P99'"):
        study.write_note("x", participant="P99")
    with pytest.raises(StudyError, match="there is no session 'nope'"):
        study.write_note("x", session="nope")
    # a session gives the round and the participant
    nid = study.write_note("Keeps a paper diary", session="s1")
    assert (note(study, nid)["round_id"], note(study, nid)["participant_id"]) == ("r1", "P01")


def test_a_highlight_keeps_the_exact_words_and_range_of_its_turn(study):
    _, b, _ = turn_ids(study)
    start = TURN_B.index("Then")  # 21
    nid = study.note_from_transcript(b, start, len(TURN_B), text=TURN_B[start:])
    row = note(study, nid)
    assert (row["text"], row["utterance_id"], row["start_char"], row["end_char"]) == (
        "Then I email a PDF to each client.", b, 21, 55)
    assert (row["participant_id"], row["session_id"], row["kind"], row["author"]) == (
        "P01", "s1", "quote", "ana")
    assert last_event(study)["payload"]["op"] == "highlight"
    # overlapping highlights are allowed
    other = study.note_from_transcript(b, 0, 33, text=TURN_B[:33])
    assert (note(study, other)["text"], note(study, other)["end_char"]) == (
        "I use a spreadsheet. Then I email", 33)


def test_a_highlight_across_speakers_or_off_the_words_is_refused_in_one_sentence(study):
    a, b, c = turn_ids(study)
    before = study.last_event()
    with pytest.raises(StudyError) as crossing:
        study.note_from_transcript(a, 0, 5, through=b)
    assert str(crossing.value) == ("a note holds one speaker's words: the selection runs from "
                                   "the interviewer's turn into P01's; select within one "
                                   "speaker's turns.")
    with pytest.raises(StudyError, match="not the transcript's words at characters 0-5"):
        study.note_from_transcript(b, 0, 5, text="Hello")
    with pytest.raises(StudyError, match=r"characters 50-99 are outside this turn \(55"):
        study.note_from_transcript(b, 50, 99)
    # over B and C (one speaker) but not the words the reader showed: refused, not guessed
    with pytest.raises(StudyError, match="not the transcript's words at characters 21-8"):
        study.note_from_transcript(b, 21, 8, through=c, text="Then I email")
    with pytest.raises(StudyError, match=r"characters 21-99 are outside the selected turns"):
        study.note_from_transcript(b, 21, 99, through=c)
    with pytest.raises(StudyError, match="a selection runs forward"):
        study.note_from_transcript(c, 0, 5, through=b)
    assert study.last_event() == before  # nothing written


def test_a_highlight_over_one_speakers_turns_in_a_row_is_one_note(study, tmp_path):
    _, b, c = turn_ids(study)
    words = "Then I email a PDF to each client.\nIt takes an hour"  # B[21:] + C[:16]
    before = study.last_event()
    nid = study.note_from_transcript(b, 21, 16, through=c, text=words)
    assert study.last_event() == before + 1
    row = note(study, nid)
    assert (row["text"], row["utterance_id"], row["start_char"], row["end_utterance_id"],
            row["end_char"], row["participant_id"], row["source_ref"]) == (
        words, b, 21, c, 16, "P01", "turn 1-2")
    assert last_event(study)["payload"]["through"] == c
    # the reader highlights it in both turns, one piece each
    from synthesis.board.transcript import transcript_view
    assert [(h["utterance"], h["start"], h["end"]) for h in
            transcript_view(study, "s1")["highlights"]] == [(b, 21, 55), (c, 0, 16)]
    # REFI-QDA: one selection from B's char 21 to C's char 16 in the session's document;
    # "Dana: How do you send invoices today?\n" is 38 characters, "Amber: " 7 more, so B
    # starts at 45 and the range at 66; B's line ends at 45 + 55 + 1 = 101, and C, which
    # the highlight runs into from Amber's turn before, is written without "Amber: ": C
    # starts at 101 and the range ends at 117.
    from lxml import etree
    parts = build_project(study.themes(), study.notes(), sessions=study.sessions(),
                          utterances=study.utterances())
    root = etree.fromstring(parts.qde)
    (source,) = [s for s in root.iter(f"{REFI}TextSource") if s.get("name") == "s1"]
    (selection,) = source.findall(f"{REFI}PlainTextSelection")
    assert (selection.get("startPosition"), selection.get("endPosition")) == ("66", "117")
    document = parts.sources[f"Sources/{source.get('guid')}.txt"].decode("utf-8")
    assert document == ("Dana: How do you send invoices today?\n"
                        f"Amber: {TURN_B}\nIt takes an hour every Friday.\n")
    # the document's range holds exactly the highlighted words, no speaker's label
    assert document[66:117] == row["text"] == words
    # the spreadsheet export keeps the same range, in the store's own terms
    from synthesis.interop.tables import notes_table
    exported = notes_table(study.notes()).set_index("note_id").loc[nid]
    assert (exported["utterance_id"], exported["start_char"], exported["end_utterance_id"],
            exported["end_char"]) == (b, 21, c, 16)
    # split at the line break: each half its own turn's exact range again
    second = study.split_note(nid, words.index("\n"))
    first, then = note(study, nid), note(study, second)
    assert (first["text"], first["utterance_id"], first["start_char"], first["end_char"],
            first["end_utterance_id"]) == ("Then I email a PDF to each client.", b, 21, 55,
                                           None)
    assert (then["text"], then["utterance_id"], then["start_char"], then["end_char"],
            then["end_utterance_id"]) == ("It takes an hour", c, 0, 16, None)
    study.undo()  # the split
    study.undo()  # the note
    assert note(study, nid) is None and len(study.notes()) == 4


def test_an_interviewers_words_are_nobodys_evidence(study):
    a = turn_ids(study)[0]
    nid = study.note_from_transcript(a, 0, 11, text="How do you ")
    assert note(study, nid)["participant_id"] is None
    assert len(study.frames().heard("r1")) == 2


def test_an_edit_keeps_the_words_before_in_the_log_and_reports_quote_the_new(study):
    seq = study.edit_note("n1", "note one, fixed")
    assert note(study, "n1")["text"] == "note one, fixed" and note(study, "n1")["edited_at"]
    change = last_event(study)["payload"]["changes"][0]
    assert (change["before"]["text"], change["after"]["text"]) == ("note 1", "note one, fixed")
    assert study.edit_note("n1", "note one, fixed") is None  # no change, no event
    assert study.last_event() == seq
    frames = study.frames()
    assert frames.notes.set_index("note_id").loc["n1", "text"] == "note one, fixed"
    study.undo()
    assert note(study, "n1")["text"] == "note 1" and note(study, "n1")["edited_at"] is None


def test_a_split_copies_the_themes_and_splits_a_highlights_range(study):
    b = turn_ids(study)[1]
    nid = study.note_from_transcript(b, 0, 55, text=TURN_B)
    pricing, setup = study.create_theme("Pricing"), study.create_theme("Setup")
    study.place([nid], pricing)
    study.add_to_theme([nid], setup)
    before = study.last_event()
    second = study.split_note(nid, 20)  # after "spreadsheet."
    assert study.last_event() == before + 1
    first, then = note(study, nid), note(study, second)
    assert (first["text"], first["start_char"], first["end_char"]) == (
        "I use a spreadsheet.", 0, 20)
    assert (then["text"], then["start_char"], then["end_char"]) == (
        "Then I email a PDF to each client.", 21, 55)
    assert TURN_B[21:55] == then["text"]
    assert study.themes_of([second])[second] == [pricing, setup]
    assert study.themes().set_index("name").loc["Pricing", "notes"] == 2
    with pytest.raises(StudyError, match="words on both sides of the cut"):
        study.split_note("n1", 0)
    study.undo()
    assert note(study, second) is None and note(study, nid)["text"] == TURN_B


def test_a_note_set_aside_counts_nowhere_until_restored(study):
    pricing = study.create_theme("Pricing")
    study.place(["n1", "n3"], pricing)  # P01's two notes
    study.place(["n2"], pricing)        # and P02's
    assert study.themes().set_index("name").loc["Pricing", ["notes", "participants"]].tolist() \
        == [3, 2]
    study.set_aside(["n2", "n4"])       # every note of P02
    counts = study.themes().set_index("name").loc["Pricing", ["notes", "participants"]]
    assert counts.tolist() == [2, 1]
    frames = study.frames()
    assert sorted(frames.notes["note_id"]) == ["n1", "n3"]
    assert sorted(frames.placements["note_id"]) == ["n1", "n3"]
    # P02 has nothing left in r1: no longer heard (still recruited: listed for the round)
    assert frames.heard("r1")["participant_id"].tolist() == ["P01"]
    assert frames.status().loc[0, ["notes", "sorted_share"]].tolist() == [2, 1.0]
    assert sorted(study.set_aside_notes("r1")["note_id"]) == ["n2", "n4"]
    event = last_event(study)
    assert (event["kind"], event["payload"]["op"], event["payload"]["notes"]) == (
        "note", "set_aside", ["n2", "n4"])
    study.restore_notes(["n2"])
    assert study.themes_of(["n2"])["n2"] == [pricing]  # back where it was
    assert study.frames().status().loc[0, "notes"] == 3
    study.undo()  # the restore
    assert sorted(study.set_aside_notes()["note_id"]) == ["n2", "n4"]
    with pytest.raises(StudyError, match="set aside; restore it to edit it"):
        study.edit_note("n2", "x")


def test_undoing_a_new_note_someone_placed_since_is_refused(folder):
    alice, bob = open_study(folder, author="alice"), open_study(folder, author="bob")
    nid = alice.write_note("Hates month end", round="r1")
    bob.place([nid], bob.create_theme("Month end"))
    refused = alice.undo()
    assert refused["refused"] == ("Cannot undo write note 'Hates month end': note "
                                  f"{nid!r} has been placed in 'Month end' since; set it aside "
                                  "instead.")
    assert alice.store.get("notes", nid) is not None
    alice.close()
    bob.close()


def test_board_actions_for_notes(study):
    b = turn_ids(study)[1]
    pricing = study.create_theme("Pricing")
    themes = [{"id": pricing, "name": "Pricing"}]
    ack = perform(study, themes, {"type": "new_note", "id": "1", "text": "Sticky",
                                  "theme": pricing, "round": "r1"})
    assert (ack["ok"], ack["summary"]) == (True, "Wrote a note in 'Pricing'.")
    made = ack["note"]
    ack = perform(study, themes, {"type": "edit_note", "id": "2", "note": made,
                                  "text": "Sticky, fixed"})
    assert ack["summary"] == "Saved the note." and note(study, made)["text"] == "Sticky, fixed"
    ack = perform(study, themes, {"type": "split_note", "id": "3", "note": made, "at": 7})
    assert ack["ok"] and note(study, ack["note"])["text"] == "fixed"
    ack = perform(study, themes, {"type": "note_from_span", "id": "4", "utterance": b,
                                  "start": 0, "end": 20, "text": TURN_B[:20],
                                  "theme": "unsorted"})
    assert ack["summary"] == "Made a note from the transcript in unsorted."
    ack = perform(study, themes, {"type": "note_from_span", "id": "5", "utterance": b - 1,
                                  "start": 0, "end": 3, "through": b})
    assert not ack["ok"] and ack["error"].startswith("a note holds one speaker's words")
    ack = perform(study, themes, {"type": "set_aside", "id": "6", "notes": [made]})
    assert ack["summary"] == "Set aside 1 note (restore from “Set aside”, or undo)."
    ack = perform(study, themes, {"type": "undo", "id": "7"})
    assert ack["ok"] and ack["kind"] == "note" and note(study, made)["set_aside"] == 0
    ack = perform(study, themes, {"type": "restore_note", "id": "8", "notes": [made]})
    assert ack["summary"] == "Restored 1 note."


def test_a_note_set_aside_is_sorted_nowhere_until_restored(study):
    pricing = study.create_theme("Pricing")
    study.set_aside(["n2"])
    before = study.last_event()
    sentence = "note 'n2' is set aside; restore it to sort it."
    for write in (lambda: study.place(["n1", "n2"], pricing),
                  lambda: study.add_to_theme(["n2"], pricing),
                  lambda: study.unplace(["n2"]),
                  lambda: study.create_theme("Billing", notes=["n2"])):
        with pytest.raises(StudyError) as refused:
            write()
        assert str(refused.value) == sentence
    assert study.last_event() == before and study.themes_of(["n1"])["n1"] == []  # all or nothing
    # the board's move (a drag from a stale screen) is refused with the same sentence
    themes = [{"id": pricing, "name": "Pricing"}]
    ack = perform(study, themes, {"type": "move", "id": "1", "notes": ["n2"], "to": pricing})
    assert (ack["ok"], ack["error"]) == (False, sentence)
    assert study.last_event() == before
    study.restore_notes(["n2"])
    study.place(["n2"], pricing)
    assert study.themes_of(["n2"])["n2"] == [pricing]


def test_the_board_shows_edited_cards_and_lists_notes_set_aside(study):
    board = study.board(round="r1", suggest=False, live=False)
    board.handle({"type": "edit_note", "id": "1", "note": "n1", "text": "Edited words"})
    card = next(c for c in board.cards if c["id"] == "n1")
    assert (card["text"], card["edited"]) == ("Edited words", True)
    board.handle({"type": "new_note", "id": "2", "text": "A sticky"})
    made = [c for c in board.cards if c["text"] == "A sticky"]
    assert len(made) == 1 and made[0]["kind"] == "observation"
    board.handle({"type": "set_aside", "id": "3", "notes": ["n2"]})
    assert "n2" not in board.shown_notes()
    assert board.meta["aside"] == [{"id": "n2", "text": "note 2", "pid": "P02"}]
    board.handle({"type": "undo", "id": "4"})  # the board re-reads its cards after an undo
    assert "n2" in board.shown_notes() and board.meta["aside"] == []
    board.close()


def test_the_reader_shows_turns_highlights_key_questions_and_makes_notes(study):
    from synthesis.board.transcript import transcript_view
    from synthesis.model import GuideQuestion

    study.apply_bundle(ImportBundle("guide.md", "guide", guide=[
        GuideQuestion(position=0, text="How do you send invoices today?", is_key=True)]))
    a, b, _ = turn_ids(study)
    pricing = study.create_theme("Pricing")
    nid = study.note_from_transcript(b, 0, 20, text=TURN_B[:20], theme=pricing)
    view = transcript_view(study, "s1")
    assert [(t["role"], t["start_s"], t["key"]) for t in view["turns"]] == [
        ("interviewer", 0.0, "How do you send invoices today?"), ("participant", 3.0, None),
        ("participant", 9.5, None)]
    assert view["highlights"] == [{"note": nid, "utterance": b, "start": 0, "end": 20,
                                   "themes": [pricing], "text": "I use a spreadsheet."}]
    # the colour synthesis.colours gives the first theme, and the theme used last first
    assert view["themes"] == [{"id": pricing, "name": "Pricing", "colour": "#CC6677"}]
    reader = study.transcript("s1")
    refused = reader.handle({"type": "note_from_span", "id": "1", "utterance": a, "start": 0,
                             "end": 3, "through": b})
    assert not refused["ok"] and "one speaker's words" in refused["error"]
    made = reader.handle({"type": "note_from_span", "id": "2", "utterance": b, "start": 21,
                          "end": 55, "text": TURN_B[21:], "theme": pricing})
    assert made["ok"] and len(reader.transcript["highlights"]) == 2
    assert reader.handle({"type": "move", "id": "3"})["error"] == (
        "the transcript reader does not know the action 'move'.")
    board = study.board(round="r1", suggest=False, live=False)
    reply = board.handle({"type": "transcript", "id": "4", "session": "s1"})
    assert reply["ok"] and len(reply["turns"]) == 3 and len(reply["highlights"]) == 2
    assert board.handle({"type": "transcript", "id": "5", "session": "zz"})["error"] == (
        "there is no session 'zz' in this study.")
    board.close()


def test_exports_carry_notes_made_here_at_their_exact_range(study, tmp_path):
    import zipfile

    from lxml import etree

    from synthesis.interop.refi_conventions import guid_for
    from synthesis.interop.study_io import export_study

    b = turn_ids(study)[1]
    highlight = study.note_from_transcript(b, 21, 55, text=TURN_B[21:])
    sticky = study.write_note("=Prefers paper", participant="P02", round="r1")
    study.edit_note("n1", "note one, fixed")
    study.set_aside(["n4"])
    path = export_study(study, "qdpx", tmp_path / "study.qdpx")
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("project.qde"))
        p = "{urn:QDA-XML:project:1.0}"
        (sel,) = [s for s in root.iter(f"{p}PlainTextSelection")
                  if s.get("guid") == guid_for("note", highlight)]
        source = sel.getparent()
        text = z.read(f"Sources/{source.get('guid')}.txt").decode("utf-8")
    start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
    assert text[start:end] == "Then I email a PDF to each client."
    # the turn's own line starts "Amber: " after the interviewer's line: offset 21 inside it
    assert start == text.index(TURN_B) + 21 and end == start + 34
    import pandas as pd

    table = pd.read_csv(export_study(study, "csv", tmp_path / "notes.csv"),
                        encoding="utf-8-sig", keep_default_na=False).set_index("note_id")
    assert sorted(table.index) == sorted(["n1", "n2", "n3", highlight, sticky])  # n4 aside
    assert table.loc[sticky, ["text", "author", "edited"]].tolist() == [
        "'=Prefers paper", "ana", ""]  # a formula defused
    assert table.loc["n1", ["text", "edited"]].tolist() == [
        "note one, fixed", study.store.note("n1")["edited_at"]]


def test_a_note_another_board_makes_or_undoes_shows_on_this_one(folder):
    from synthesis.board.live import Live

    ana, bob = open_study(folder, author="ana"), open_study(folder, author="bob")
    board = ana.board(round="r1", suggest=False, live=False)
    live = Live(board, watch=False)  # what the watcher's wake-up runs
    nid = bob.write_note("From bob's board", round="r1")
    assert live.catch_up()["reload"] and nid in board.shown_notes()
    bob.undo()  # an undo event: its changes name the notes table, so the cards reload
    assert live.catch_up()["reload"] and nid not in board.shown_notes()
    # the 2 s refresh, without the watcher, does the same
    bob.redo()
    board.handle({"type": "refresh"})
    assert nid in board.shown_notes()
    bob.set_aside([nid])
    board.handle({"type": "refresh"})
    assert nid not in board.shown_notes()
    assert board.meta["aside"] == [{"id": nid, "text": "From bob's board", "pid": None}]
    live.stop()
    board.close()
    ana.close()
    bob.close()


def test_the_transcript_widget_follows_the_store_watcher_as_the_board_does(study, folder):
    import time

    from synthesis.board.transcript import Transcript

    quiet = study.transcript("s1")  # not in a kernel: the page asks every few seconds
    assert quiet.live is False and quiet.watcher is None
    quiet.close()
    reader = Transcript(study, "s1", live=True)
    assert reader.live is True and reader.watcher is not None

    class KernelLoop:  # the kernel's event loop, run by hand: what the watcher schedules
        def __init__(self) -> None:
            self.calls: list = []

        def add_callback(self, callback) -> None:
            self.calls.append(callback)

    loop = KernelLoop()
    reader._loop = loop
    bob = open_study(folder, author="bob")  # another board, another researcher
    try:
        b = turn_ids(bob)[1]
        nid = bob.note_from_transcript(b, 0, 20, text=TURN_B[:20])
        deadline = time.monotonic() + 5
        while not loop.calls and time.monotonic() < deadline:
            time.sleep(0.05)
        assert loop.calls, "the store's watcher did not wake the reader"
        assert loop.calls[0]() is True  # catch_up read the session again
        assert [h["note"] for h in reader.transcript["highlights"]] == [nid]
        assert reader.transcript["seq"] == bob.last_event()
        assert reader.catch_up() is False  # nothing new since
    finally:
        bob.close()
        reader.close()
    assert reader.watcher is None


def test_every_notes_range_survives_a_refi_round_trip(study, tmp_path, store_url, request):
    """Export to .qdpx, import into a fresh study: the highlight over B and C comes back as
    one note over the same turns and characters, the one-turn highlight as one turn's."""
    from synthesis.interop.study_io import export_study

    _, b, c = turn_ids(study)
    words = "Then I email a PDF to each client.\nIt takes an hour"  # B[21:] + C[:16]
    study.note_from_transcript(b, 21, 16, through=c, text=words)
    study.note_from_transcript(b, 0, 20, text="I use a spreadsheet.")
    path = export_study(study, "qdpx", tmp_path / "notes.qdpx")
    url = None if store_url is None else request.getfixturevalue("pg_server").database()
    fresh = init_study(tmp_path / "fresh", name="Fresh", store=url)
    try:
        summary = fresh.import_file(path)
        assert ("notes.qdpx › project.qde: 1 line of 's1' with no speaker label was read as "
                "a further turn of the speaker on the line before.") in summary["messages"]
        turns = fresh.utterances("s1")
        # the document's label-less line is Amber's again: the same three turns
        assert list(zip(turns["speaker"], turns["text"])) == [
            ("Dana", "How do you send invoices today?"), ("Amber", TURN_B),
            ("Amber", "It takes an hour every Friday.")]

        def ranges(s) -> list[tuple]:
            position = dict(zip(s.utterances()["utterance_id"], s.utterances()["position"]))
            out = []
            for n in s.notes().itertuples():
                row = s.store.get("notes", n.note_id)
                def at(u):
                    return None if u is None else int(position[u])
                out.append((row["text"], row["session_id"], at(row["utterance_id"]),
                            row["start_char"], at(row["end_utterance_id"]), row["end_char"]))
            return sorted(out, key=str)

        # by hand: B is turn 1, C turn 2; the four imported notes have no session
        assert ranges(fresh) == ranges(study) == sorted([
            ("I use a spreadsheet.", "s1", 1, 0, None, 20),
            (words, "s1", 1, 21, 2, 16),
            *((f"note {i}", None, None, None, None, None) for i in range(1, 5))], key=str)
    finally:
        fresh.close()
