"""The study store: schema migrations, the event log, undo/redo and one transaction per change."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from synthesis import StudyError, init_study, open_study
from synthesis.errors import InputError
from synthesis.model import ImportBundle, Note, Participant, Session, Theme, Utterance
from synthesis.store import MIGRATIONS, SCHEMA_VERSION, Store


def small_bundle() -> ImportBundle:
    return ImportBundle(
        source="notes.csv", kind="notes",
        participants=[Participant("P01", "r1", attributes={"segment": "Freelancer"}),
                      Participant("P02", "r1", attributes={"segment": "Agency"}),
                      Participant("P03", "r1", attributes={"segment": "Agency"})],
        notes=[Note("n1", "I was scared to connect my bank", "P01", "r1"),
               Note("n2", "Bank permissions looked scary", "P02", "r1"),
               Note("n3", "Again: the bank thing", "P01", "r1"),
               Note("n4", "VAT fields made no sense", "P03", "r1", theme_ids=("t-vat",))],
        themes=[Theme("t-vat", "Tax and VAT confusion")])


@pytest.fixture
def study(tmp_path: Path, store_url):
    """A small study, on SQLite and on PostgreSQL (every test using it runs on both)."""
    s = init_study(tmp_path / "s", name="Test study", store=store_url)
    s.apply_bundle(small_bundle(), round="r1")
    yield s
    s.close()


def event_kinds(study) -> list[str]:
    return list(study.events()["kind"])


def themes_of(study, note_id: str) -> tuple[str, ...]:
    return study.notes().set_index("note_id").loc[note_id, "theme_ids"]


def test_a_new_study_has_the_current_schema_in_wal_mode(tmp_path: Path):
    study = init_study(tmp_path / "s", name="Test study")
    assert study.store.schema_version() == SCHEMA_VERSION
    mode = study.store.scalar("PRAGMA journal_mode")
    assert mode == "wal"


def test_opening_an_older_schema_migrates_it_and_keeps_the_data(tmp_path: Path):
    init_study(tmp_path / "old", name="Old").close()
    db = tmp_path / "old" / "study.db"
    db.unlink()
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0])  # the schema version 1 shipped with
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute("INSERT INTO notes (note_id, round_id, participant_id, text) "
                 "VALUES ('n1', 'r1', 'P01', 'kept across the migration')")
    conn.execute("INSERT INTO sessions (session_id, round_id) VALUES ('s1', 'r1')")
    conn.commit()
    conn.close()

    study = open_study(tmp_path / "old")

    assert study.store.schema_version() == SCHEMA_VERSION
    notes = study.notes()
    assert notes.loc[0, "text"] == "kept across the migration"
    assert "author" in notes.columns  # added by the 1 -> 2 step
    assert study.sessions().loc[0, "language"] == "en"
    # 2 -> 3: the source's own note id, note attributes, and a session's role warnings.
    row = study.store.row("SELECT source_note_id, attributes FROM notes")
    assert (row["source_note_id"], row["attributes"]) == (None, "{}")
    assert study.sessions().loc[0, "role_warnings"] == ()


def test_a_database_from_a_newer_synthesis_is_refused(tmp_path: Path):
    init_study(tmp_path / "new", name="New").close()
    db = tmp_path / "new" / "study.db"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(StudyError, match="newer synthesis"):
        Store(db)


def test_every_change_is_one_event_with_before_and_after(study):
    tid = study.create_theme("Bank connection anxiety", notes=["n1"])
    study.place(["n2", "n3"], tid)
    study.rename_theme(tid, "Bank anxiety")

    events = study.events()
    assert list(events["kind"]) == ["import", "theme", "placement", "theme"]
    place = events.iloc[2]["payload"]
    assert [(c["key"], c["before"], c["after"]) for c in place["changes"]] == [
        (["n2", tid], None, {"note_id": "n2", "theme_id": tid}),
        (["n3", tid], None, {"note_id": "n3", "theme_id": tid})]
    rename = events.iloc[3]["payload"]["changes"][0]
    assert (rename["before"]["name"], rename["after"]["name"]) == (
        "Bank connection anxiety", "Bank anxiety")


def test_theme_counts_are_distinct_participants_not_mentions(study):
    tid = study.create_theme("Bank connection anxiety", notes=["n1", "n2", "n3"])
    row = study.themes().set_index("theme_id").loc[tid]
    assert (row["notes"], row["participants"]) == (3, 2)  # P01 twice, P02 once


def test_undo_and_redo_walk_the_log(study):
    tid = study.create_theme("Bank", notes=["n1"])
    study.place("n2", tid)
    assert study.undo()["summary"] == "undo place 1 note(s) in 'Bank'"
    assert themes_of(study, "n2") == ()
    study.undo()  # the theme's creation
    assert tid not in set(study.themes()["theme_id"])
    assert study.undo() is None  # imports are not undone: nothing left

    study.redo()
    study.redo()
    assert (themes_of(study, "n1"), themes_of(study, "n2")) == ((tid,), (tid,))
    assert study.redo() is None


def test_a_new_change_clears_redo(study):
    tid = study.create_theme("Bank", notes=["n1"])
    study.place("n2", tid)
    study.undo()
    study.place("n3", tid)
    assert study.redo() is None


def test_undo_never_overwrites_another_boards_later_move(tmp_path: Path, study):
    other = open_study(study.folder, author="colleague")
    a = study.create_theme("A", notes=["n1"])
    b = other.create_theme("B")
    study.place("n2", a)
    other.place("n2", b)  # the colleague moved the same note afterwards

    result = study.undo(mine_only=True)

    assert result["skipped"] == 1
    assert themes_of(study, "n2") == (b,)


def test_merge_keeps_the_source_as_merged_and_undo_restores_it(study):
    a = study.create_theme("Bank", notes=["n1"])
    b = study.create_theme("Security", notes=["n2"])
    study.merge_themes(b, a)
    themes = study.themes(include_removed=True).set_index("theme_id")
    assert themes.loc[b, "status"] == "merged" and themes.loc[b, "merged_into"] == a
    assert themes.loc[a, "participants"] == 2
    study.undo()
    assert themes_of(study, "n2") == (b,)


def test_delete_sends_notes_back_to_unsorted_and_ungroups_children(study):
    parent = study.create_theme("Money", notes=["n4", "n2"])
    child = study.create_theme("Bank", notes=["n1"], parent=parent)
    study.delete_theme(parent)
    assert themes_of(study, "n2") == ()  # back in unsorted
    assert themes_of(study, "n4") == ("t-vat",)  # keeps the theme it was imported in
    assert pd.isna(study.themes().set_index("theme_id").loc[child, "parent_id"])


def test_grouping_a_theme_under_its_own_child_is_refused(study):
    parent = study.create_theme("Money")
    child = study.create_theme("Bank", parent=parent)
    with pytest.raises(StudyError, match="under itself"):
        study.set_parent(parent, child)


def test_a_failing_change_writes_nothing(study):
    tid = study.create_theme("Bank")
    before = study.last_event()
    with pytest.raises(StudyError, match="no note 'nope'"):
        study.place(["n1", "nope"], tid)
    assert study.last_event() == before
    assert themes_of(study, "n1") == ()


def test_two_studies_on_one_folder_both_keep_their_moves(study):
    other = open_study(study.folder, author="colleague")
    a = study.create_theme("A")
    study.place("n1", a)
    other.place("n2", a)
    study.place("n3", a)
    placed = other.notes().set_index("note_id")["theme_ids"]
    assert list(placed[["n1", "n2", "n3"]]) == [(a,), (a,), (a,)]


def test_an_import_for_an_unknown_participant_changes_nothing(study):
    bad = ImportBundle(source="more.csv", kind="notes",
                       notes=[Note("n9", "fine", "P01", "r1"), Note("n10", "who?", "P77", "r1")])
    before = (len(study.notes()), study.last_event())
    with pytest.raises(InputError, match=r"more.csv.*'P77'.*--create-participants"):
        study.apply_bundle(bad, round="r1")
    assert (len(study.notes()), study.last_event()) == before

    study.apply_bundle(bad, round="r1", create_participants=True)
    assert "P77" in set(study.participants()["participant_id"])
    assert len(study.notes()) == before[0] + 2


def test_transcript_sessions_link_notes_to_their_utterance(study):
    session = Session("P02-2026-03-03", "r1", "P02", "P02.vtt", interviewers=("Dana",),
                      utterances=(Utterance("Dana", "What happened?", 0.0, 2.0, "interviewer"),
                                  Utterance("Ana", "I gave up at the bank step.", 2.5, 6.0,
                                            "participant")))
    note = Note("n-t1", "gave up at the bank step", "P02", "r1", kind="quote",
                session_id=session.session_id, utterance_index=1, start_char=2, end_char=26)
    study.apply_bundle(ImportBundle("P02.vtt", "transcript", sessions=[session], notes=[note]))
    row = study.notes().set_index("note_id").loc["n-t1"]
    utt = study.utterances(session=session.session_id).set_index("utterance_id")
    text = utt.loc[row["utterance_id"], "text"]
    assert text[int(row["start_char"]):int(row["end_char"])] == "gave up at the bank step"
    assert json.loads(study.store.scalar("SELECT interviewers FROM sessions")) == ["Dana"]
    with pytest.raises(InputError, match="already in the study"):
        study.apply_bundle(ImportBundle("again.vtt", "transcript", sessions=[session]))
