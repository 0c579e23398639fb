"""A note in several themes: the schema step, every sorting verb with undo/redo, and counting.

The study (counted by hand):

    P01: n1, n3      P02: n2      P03: n4 (imported in "VAT")
    n1 sits in Bank and Trust (two themes), n2 in Bank, n3 and n5 unsorted.

So Bank holds 2 notes from 2 people, Trust 1 note from 1 person, VAT 1 from 1; the round has
5 notes of which 3 are sorted (n1 counts once): sorted share 3/5 = 0.6.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from synthesis import StudyError, init_study, open_study
from synthesis.analysis import theme_frequency, theme_shares_by_round
from synthesis.model import ImportBundle, Note, Participant, Theme
from synthesis.placements import notes_by_theme, sorted_count
from synthesis.store import MIGRATIONS, SCHEMA_VERSION


def bundle() -> ImportBundle:
    return ImportBundle(
        source="notes.csv", kind="notes",
        participants=[Participant("P01", "r1"), Participant("P02", "r1"),
                      Participant("P03", "r1")],
        notes=[Note("n1", "The bank link scared me", "P01", "r1"),
               Note("n2", "Bank permissions looked scary", "P02", "r1"),
               Note("n3", "Again: the bank thing", "P01", "r1"),
               Note("n4", "VAT fields made no sense", "P03", "r1", theme_ids=("t-vat",)),
               Note("n5", "Liked the colours", "P03", "r1")],
        themes=[Theme("t-vat", "VAT")])


@pytest.fixture
def study(tmp_path: Path):
    s = init_study(tmp_path / "s", name="Many themes")
    s.apply_bundle(bundle(), round="r1")
    s.create_theme("Bank", notes=["n1", "n2"], theme_id="t-bank")
    s.create_theme("Trust", notes=["n1"], theme_id="t-trust")
    yield s
    s.close()


def themes_of(study, note_id: str) -> tuple[str, ...]:
    return study.notes().set_index("note_id").loc[note_id, "theme_ids"]


def counts(study) -> dict[str, tuple[int, int]]:
    t = study.themes()
    return {tid: (int(n), int(p)) for tid, n, p in zip(t["theme_id"], t["notes"],
                                                        t["participants"])}


# -- the shape of Study.notes() ----------------------------------------------------------------
def test_notes_are_one_row_each_with_every_theme_in_board_order(study):
    notes = study.notes().set_index("note_id")
    assert len(notes) == 5  # n1 is in two themes and still one row
    # Board order: VAT was imported first (position 0), then Bank, then Trust.
    assert notes.loc["n1", "theme_ids"] == ("t-bank", "t-trust")
    assert notes.loc["n1", "themes"] == ("Bank", "Trust")
    assert notes.loc["n3", "theme_ids"] == () and notes.loc["n3", "themes"] == ()
    long = notes_by_theme(study.notes())
    assert len(long) == 6  # n1 twice, the other four once (two of them unsorted)
    assert long.loc[long["note_id"] == "n1", "theme_id"].tolist() == ["t-bank", "t-trust"]
    assert list(study.placements().itertuples(index=False, name=None)) == [
        ("n1", "t-bank"), ("n1", "t-trust"), ("n2", "t-bank"), ("n4", "t-vat")]


def test_each_theme_counts_the_note_and_the_round_counts_it_once(study):
    assert counts(study) == {"t-vat": (1, 1), "t-bank": (2, 2), "t-trust": (1, 1)}
    status = study.status().set_index("round").loc["r1"]
    assert (status["notes"], status["themes"], status["sorted_share"]) == (5, 3, 0.6)
    assert sorted_count(study.notes()) == 3
    assert sorted_count(notes_by_theme(study.notes())) == 3  # either shape, same answer


def test_analysis_counts_a_note_in_each_of_its_themes(study):
    freq = theme_frequency(study.notes(), study.participants(), study.themes())
    got = {r.theme: (r.notes, r.k, r.n) for r in freq.itertuples()}
    assert got == {"Bank": (2, 2, 3), "Trust": (1, 1, 3), "VAT": (1, 1, 3)}
    shares = theme_shares_by_round(study.notes(), study.participants(), study.themes())
    assert shares.set_index("theme")["notes"].to_dict() == {"VAT": 1, "Bank": 2, "Trust": 1}


# -- the verbs ---------------------------------------------------------------------------------
def test_a_drag_from_one_theme_keeps_the_others_and_undoes(study):
    study.create_theme("Setup", theme_id="t-setup")
    study.place("n1", "t-setup", from_theme="t-bank")
    assert themes_of(study, "n1") == ("t-trust", "t-setup")
    assert counts(study)["t-bank"] == (1, 1)
    event = study.events().iloc[-1]["payload"]
    assert event["summary"] == "move 1 note(s) from 'Bank' to 'Setup'"
    assert sorted(tuple(c["key"]) for c in event["changes"]) == [("n1", "t-bank"),
                                                                 ("n1", "t-setup")]
    study.undo()
    assert themes_of(study, "n1") == ("t-bank", "t-trust")
    study.redo()
    assert themes_of(study, "n1") == ("t-trust", "t-setup")


def test_cards_from_different_columns_each_leave_their_own_in_one_event(study):
    study.add_to_theme("n2", "t-trust")  # n1: Bank, Trust; n2: Bank, Trust; n3 unsorted
    before = study.last_event()
    study.place(["n1", "n2", "n3"], "t-vat",
                from_theme={"n1": "t-bank", "n2": "t-trust", "n3": None})
    assert study.last_event() == before + 1
    assert (themes_of(study, "n1"), themes_of(study, "n2"), themes_of(study, "n3")) == (
        ("t-vat", "t-trust"), ("t-vat", "t-bank"), ("t-vat",))
    study.undo()
    assert (themes_of(study, "n1"), themes_of(study, "n2"), themes_of(study, "n3")) == (
        ("t-bank", "t-trust"), ("t-bank", "t-trust"), ())


def test_place_without_from_theme_leaves_every_other_theme(study):
    study.place("n1", "t-vat")
    assert themes_of(study, "n1") == ("t-vat",)
    study.undo()
    assert themes_of(study, "n1") == ("t-bank", "t-trust")


def test_add_keeps_the_themes_and_remove_takes_one_out(study):
    study.add_to_theme(["n1", "n3"], "t-vat")
    assert themes_of(study, "n1") == ("t-vat", "t-bank", "t-trust")
    assert themes_of(study, "n3") == ("t-vat",)
    assert counts(study)["t-vat"] == (3, 2)  # n4 (P03), n1 and n3 (both P01)
    study.remove_from_theme("n1", "t-bank")
    assert themes_of(study, "n1") == ("t-vat", "t-trust")
    study.remove_from_theme("n3", "t-vat")
    assert themes_of(study, "n3") == ()  # its only theme: back in unsorted
    for expected in [("t-vat", "t-trust"), ("t-vat", "t-bank", "t-trust")]:
        study.undo()
        assert themes_of(study, "n1") == expected
    study.undo()
    assert themes_of(study, "n1") == ("t-bank", "t-trust")
    assert themes_of(study, "n3") == ()
    assert [e["payload"]["op"] for e in study.events().to_dict("records")
            if e["kind"] == "placement"] == ["add", "remove", "remove"]


def test_unplace_takes_a_note_out_of_every_theme(study):
    study.unplace("n1")
    assert themes_of(study, "n1") == ()
    assert counts(study) == {"t-vat": (1, 1), "t-bank": (1, 1), "t-trust": (0, 0)}
    study.undo()
    assert themes_of(study, "n1") == ("t-bank", "t-trust")


def test_a_new_theme_keeps_the_notes_themes_unless_told_where_they_came_from(study):
    a = study.create_theme("Fear", notes=["n1"])
    assert themes_of(study, "n1") == ("t-bank", "t-trust", a)
    b = study.create_theme("Doubt", notes=["n2"], from_theme="t-bank")
    assert themes_of(study, "n2") == (b,)
    study.undo()
    assert themes_of(study, "n2") == ("t-bank",)
    assert b not in set(study.themes()["theme_id"])


def test_merge_with_a_note_in_both_leaves_it_once_in_the_target(study):
    study.add_to_theme("n2", "t-trust")  # n1 and n2 now both in Bank and Trust
    study.add_to_theme("n3", "t-trust")  # n3 only in Trust
    study.merge_themes("t-trust", "t-bank")
    assert themes_of(study, "n1") == ("t-bank",)
    assert themes_of(study, "n2") == ("t-bank",)
    assert themes_of(study, "n3") == ("t-bank",)
    assert counts(study)["t-bank"] == (3, 2)  # n1, n2, n3 once each; P01 and P02
    assert len(study.placements()) == 4  # + n4 in VAT: nothing doubled
    study.undo()
    assert themes_of(study, "n1") == ("t-bank", "t-trust")
    assert themes_of(study, "n3") == ("t-trust",)


def test_delete_keeps_a_notes_other_themes(study):
    study.delete_theme("t-bank")
    assert themes_of(study, "n1") == ("t-trust",)
    assert themes_of(study, "n2") == ()
    status = study.status().set_index("round").loc["r1"]
    assert status["sorted_share"] == 0.4  # n1 and n4 of 5
    study.undo()
    assert themes_of(study, "n2") == ("t-bank",)


def test_a_refused_verb_writes_nothing(study):
    before = study.last_event()
    with pytest.raises(StudyError, match="no theme 't-gone'"):
        study.remove_from_theme("n1", "t-gone")
    with pytest.raises(StudyError, match="no note 'n9'"):
        study.add_to_theme(["n3", "n9"], "t-bank")
    assert study.last_event() == before
    assert themes_of(study, "n3") == ()


def test_an_import_places_a_note_in_every_one_of_its_themes(tmp_path: Path):
    s = init_study(tmp_path / "imp", name="Import")
    result = s.apply_bundle(ImportBundle(
        "tags.csv", "notes", participants=[Participant("P01", "r1")],
        notes=[Note("a", "Sync broke and support was slow", "P01", "r1",
                    theme_ids=("t-sync", "t-support", "t-sync"))],
        themes=[Theme("t-sync", "Sync"), Theme("t-support", "Support")]), round="r1")
    assert result["counts"]["placements"] == 2  # the repeated tag once
    assert themes_of(s, "a") == ("t-sync", "t-support")
    s.close()


# -- studies written before a note could sit in several themes ---------------------------------
def _old_study(folder: Path) -> Path:
    """A schema-2 study as the previous synthesis wrote it, events and all.

    Bank (t-a) was created with n1, Trust (t-b) empty; then n1 was moved from Bank to Trust
    and n2 placed in Bank. Placements then: n1 -> Trust, n2 -> Bank.
    """
    init_study(folder, name="Old").close()
    db = folder / "study.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(db)
    for step in MIGRATIONS[:2]:
        conn.executescript(step)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    conn.execute("INSERT INTO rounds VALUES ('r1', 'r1', '', '', 0)")
    for nid, pid in (("n1", "P01"), ("n2", "P02")):
        conn.execute("INSERT INTO notes (note_id, round_id, participant_id, text) "
                     "VALUES (?, 'r1', ?, 'a note')", (nid, pid))

    def theme(tid: str, name: str, pos: int) -> dict:
        return {"theme_id": tid, "name": name, "description": "", "colour": None,
                "parent_id": None, "position": pos, "status": "live", "merged_into": None}

    def pl(nid: str, tid: str) -> dict:
        return {"note_id": nid, "theme_id": tid}

    events = [
        ("theme", {"summary": "create theme 'Bank' with 1 notes", "op": "create", "changes": [
            {"table": "themes", "key": "t-a", "before": None, "after": theme("t-a", "Bank", 0)},
            {"table": "placements", "key": "n1", "before": None, "after": pl("n1", "t-a")}]}),
        ("theme", {"summary": "create theme 'Trust'", "op": "create", "changes": [
            {"table": "themes", "key": "t-b", "before": None,
             "after": theme("t-b", "Trust", 1)}]}),
        ("placement", {"summary": "place 1 note(s) in 'Trust'", "op": "place", "changes": [
            {"table": "placements", "key": "n1", "before": pl("n1", "t-a"),
             "after": pl("n1", "t-b")}]}),
        ("placement", {"summary": "place 1 note(s) in 'Bank'", "op": "place", "changes": [
            {"table": "placements", "key": "n2", "before": None, "after": pl("n2", "t-a")}]}),
    ]
    for tid, name, pos in (("t-a", "Bank", 0), ("t-b", "Trust", 1)):
        row = theme(tid, name, pos)
        conn.execute("INSERT INTO themes VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tuple(row.values()))
    conn.execute("INSERT INTO placements VALUES ('n1', 't-b')")
    conn.execute("INSERT INTO placements VALUES ('n2', 't-a')")
    for kind, payload in events:
        conn.execute("INSERT INTO events (at, author, kind, payload) VALUES "
                     "('2024-01-01T00:00:00', 'ana', ?, ?)", (kind, json.dumps(payload)))
    conn.commit()
    conn.close()
    (folder / "study.toml").write_text('name = "Old"\n\n[[rounds]]\nid = "r1"\nname = "r1"\n')
    return folder


def test_the_schema_step_keeps_every_placement_as_a_pair(tmp_path: Path):
    study = open_study(_old_study(tmp_path / "old"), author="ana")
    assert study.store.schema_version() == SCHEMA_VERSION
    assert themes_of(study, "n1") == ("t-b",) and themes_of(study, "n2") == ("t-a",)
    keys = [r[1] for r in study.store.rows("PRAGMA table_info(placements)") if r[5]]
    assert keys == ["note_id", "theme_id"]  # the primary key is the pair
    assert "placements_theme" in {r[1] for r in study.store.rows(
        "PRAGMA index_list(placements)")}
    assert len(study.events()) == 4  # the log is kept as written
    study.add_to_theme("n1", "t-a")  # and a note can now sit in two themes
    assert themes_of(study, "n1") == ("t-a", "t-b")
    study.close()


def test_old_events_undo_and_redo_after_the_schema_step(tmp_path: Path):
    study = open_study(_old_study(tmp_path / "old"), author="ana")
    assert study.undo()["summary"] == "undo place 1 note(s) in 'Bank'"
    assert themes_of(study, "n2") == ()
    assert study.undo()["skipped"] == 0  # the old move of n1 from Bank to Trust
    assert themes_of(study, "n1") == ("t-a",)
    study.redo()
    assert themes_of(study, "n1") == ("t-b",)
    study.undo()
    study.undo()  # Trust's creation
    study.undo()  # Bank's creation with n1 in it
    assert study.themes().empty and study.placements().empty
    study.redo()
    assert themes_of(study, "n1") == ("t-a",)
    study.close()


def test_an_old_undo_leaves_a_newer_placement_alone_and_says_so(tmp_path: Path):
    folder = _old_study(tmp_path / "old")
    study = open_study(folder, author="ana")
    other = open_study(folder, author="ben")
    study.undo(mine_only=True)  # n2 out of Bank
    other.add_to_theme("n1", "t-a")  # ben puts n1 back in Bank too
    result = study.undo(mine_only=True)  # ana's old move of n1 from Bank to Trust
    # Leaving Trust is undone; joining Bank again is already true, so it is left as ben set it.
    assert result["skipped"] == 1
    assert themes_of(study, "n1") == ("t-a",)
    other.close()
    study.close()


def test_a_frame_without_themes_is_refused_in_one_sentence():
    from synthesis.errors import AnalysisError

    with pytest.raises(AnalysisError, match=r"needs the column theme_ids .* or theme_id"):
        notes_by_theme(pd.DataFrame({"note_id": ["a"]}))


def test_the_report_counts_a_note_once_in_its_totals_and_in_each_theme(study):
    from synthesis.report.context import load_context
    from synthesis.report.sections import executive_summary, theme_sections

    ctx = load_context(study, round="r1", redact=False)
    lead = str(executive_summary(ctx))
    assert "sorted 3 of 5 notes into 3 themes" in lead
    blocks = str(theme_sections(ctx))
    # n1's quote stands in Bank and in Trust alike.
    assert blocks.count("The bank link scared me") == 2
