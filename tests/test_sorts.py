"""Researchers' own sorts of a round (issue 14 item 1), on SQLite and on PostgreSQL.

A private sort has its own themes and placements; the shared board, its counts and every
frame the reports read stay as they were; a board opened on a private sort shows only it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from synthesis import StudyError, init_study, open_study
from synthesis.board.notebook import board_notebook
from synthesis.cli import main
from synthesis.model import ImportBundle, Note, Participant, Theme
from synthesis.sorts import create_sort, open_sort, sort_names, sort_placements
from synthesis.store import MIGRATIONS, SCHEMA_VERSION


def bundle() -> ImportBundle:
    """Round r1: five notes, n1-n3 on the board in 'Bank' (t-bank), n4 in 'VAT'; r2: n6."""
    return ImportBundle(
        source="notes.csv", kind="notes",
        participants=[Participant("P01", "r1"), Participant("P02", "r1"),
                      Participant("P03", "r2")],
        notes=[Note("n1", "scared to connect my bank", "P01", "r1", theme_ids=("t-bank",)),
               Note("n2", "bank permissions looked scary", "P02", "r1",
                    theme_ids=("t-bank",)),
               Note("n3", "again the bank", "P01", "r1", theme_ids=("t-bank",)),
               Note("n4", "VAT fields made no sense", "P02", "r1", theme_ids=("t-vat",)),
               Note("n5", "liked the invoice look", "P02", "r1"),
               Note("n6", "round two note", "P03", "r2")],
        themes=[Theme("t-bank", "Bank"), Theme("t-vat", "VAT")])


@pytest.fixture
def study(tmp_path: Path, store_url):
    s = init_study(tmp_path / "s", name="Sorts", store=store_url)
    s.ensure_round("r2")
    s.apply_bundle(bundle(), round=None)
    yield s
    s.close()


def frames_of(study):
    return (study.status(), study.themes(), study.placements(), study.notes(),
            study.theme_frequency(round="r1"))


def same(before, after) -> bool:
    return all(a.equals(b) for a, b in zip(before, after))


def test_a_private_sort_has_its_own_themes_and_the_board_is_unchanged(study):
    before = frames_of(study)
    dana = open_sort(study, "r1", "dana")
    tid = dana.create_theme("Fear of the bank", notes=["n1", "n2"])
    dana.add_to_theme(["n1"], dana.create_theme("Trust"))
    dana.place(["n4"], tid)

    assert dana.themes()["name"].tolist() == ["Fear of the bank", "Trust"]
    assert dana.themes()["notes"].tolist() == [3, 1]  # n1, n2, n4; n1
    assert dana.themes_of(["n1", "n5"]) == {"n1": [tid, dana.themes()["theme_id"][1]],
                                            "n5": []}
    # the shared board and everything counted from it: as before
    assert same(before, frames_of(study))
    assert study.themes_of(["n1"]) == {"n1": ["t-bank"]}
    assert sort_names(study, "r1") == ["board", "dana"] and sort_names(study, "r2") == ["board"]
    got = sort_placements(study, "r1", "dana")
    assert sorted(zip(got["note_id"], got["theme"])) == [
        ("n1", "Fear of the bank"), ("n1", "Trust"), ("n2", "Fear of the bank"),
        ("n4", "Fear of the bank")]
    board = sort_placements(study, "r1", "board")
    assert sorted(zip(board["note_id"], board["theme"])) == [
        ("n1", "Bank"), ("n2", "Bank"), ("n3", "Bank"), ("n4", "VAT")]


def test_blind_a_private_sort_cannot_use_or_see_another_sorts_themes(study):
    dana, lee = open_sort(study, "r1", "dana"), open_sort(study, "r1", "lee")
    mine = dana.create_theme("Dana's")
    lee.create_theme("Lee's", notes=["n5"])
    assert lee.themes()["name"].tolist() == ["Lee's"]
    assert dana.notes(round="r1").set_index("note_id").loc["n5", "themes"] == ()
    with pytest.raises(StudyError, match="not on this board"):
        lee.place(["n1"], mine)
    with pytest.raises(StudyError, match="not on this board"):
        dana.place(["n1"], "t-bank")  # the shared board's theme
    with pytest.raises(StudyError, match="not on this board"):
        study.place(["n1"], mine)  # and the other way round
    with pytest.raises(StudyError, match="not a note of round 'r1'"):
        dana.place(["n6"], mine)
    # an empty theme of a sort still counts as one of its themes
    assert sort_placements(study, "r1", "dana")["theme"].tolist() == ["Dana's"]
    assert sort_placements(study, "r1", "dana")["note_id"].isna().all()


def test_a_sort_started_as_a_copy_of_the_board_then_diverges(study):
    create_sort(study, "r1", "lee", copy_board=True)
    lee = open_sort(study, "r1", "lee", create=False)
    assert lee.themes()[["name", "notes"]].values.tolist() == [["Bank", 3], ["VAT", 1]]
    assert set(lee.themes()["theme_id"]).isdisjoint({"t-bank", "t-vat"})
    vat = lee.themes().set_index("name").loc["VAT", "theme_id"]
    lee.place(["n3"], vat)
    assert lee.themes()["notes"].tolist() == [2, 2]
    assert study.themes()["notes"].tolist() == [3, 1]  # the board's copy is not touched
    kinds = study.events()["kind"].tolist()
    assert kinds[-2:] == ["sort", "placement"]
    assert study.events()["payload"].iloc[-2]["summary"] == (
        "start sort 'lee' of round r1 as a copy of the shared board (2 themes, 4 placements)")


def test_undo_in_a_private_sort_and_redo_keep_its_theme_in_the_sort(study):
    dana = open_sort(study, "r1", "dana")
    tid = dana.create_theme("Mine", notes=["n5"])
    dana.undo()
    assert dana.themes().empty
    dana.redo()
    assert dana.themes()["theme_id"].tolist() == [tid]
    assert tid not in set(study.themes()["theme_id"])


def test_undo_on_a_sort_takes_back_only_that_sorts_changes(study):
    """One researcher, two boards: her moves on her own sort and on the shared board are on
    separate undo stacks, so undo on either board never reaches the other one's move."""
    dana = open_sort(study, "r1", "dana")
    mine = dana.create_theme("Mine", notes=["n5"])    # dana's sort: 1st change
    dana.place(["n1"], mine)                           # dana's sort: 2nd change
    study.place(["n5"], "t-vat")                       # shared board: newest change

    assert dana.undo()["summary"] == "undo place 1 note(s) in 'Mine'"
    assert dana.themes_of(["n1", "n5"]) == {"n1": [], "n5": [mine]}
    assert study.themes_of(["n1", "n5"]) == {"n1": ["t-bank"], "n5": ["t-vat"]}
    undo_state = study.store.undo_state
    assert undo_state(study.author, dana.sort_id) == {"can_undo": True, "can_redo": True}
    assert undo_state(study.author) == {"can_undo": True, "can_redo": False}
    # the board widgets read the same: a redo on dana's board, none on the shared one
    assert study.board("r1", sort="dana").state()["meta"]["can_redo"]
    assert not study.board("r1").state()["meta"]["can_redo"]

    assert study.undo()["summary"] == "undo place 1 note(s) in 'VAT'"  # the shared move
    assert dana.themes_of(["n5"]) == {"n5": [mine]}
    assert study.themes_of(["n5"]) == {"n5": []}
    assert study.undo() is None  # the shared board has nothing else of hers to undo
    assert dana.redo()["summary"] == "redo place 1 note(s) in 'Mine'"


def test_a_refused_undo_on_a_sort_names_that_sorts_next_change(study):
    """Dana creates 'Early' then 'Later' on her sort, moves n4 on the shared board, and lee
    (another author on her sort) drops n2 into 'Later'. Dana's undo on her sort is refused,
    and the next undo it names is 'Early's creation, not her newer shared-board move."""
    dana = open_sort(study, "r1", "dana")
    dana.create_theme("Early")
    later = dana.create_theme("Later")
    study.place(["n4"], "t-bank")
    lee = open_sort(open_study(study.folder, author="lee"), "r1", "dana", create=False)
    lee.place(["n2"], later)

    refused = dana.undo()

    assert refused["refused"] == ("Cannot undo create theme 'Later': theme 'Later' now "
                                  "holds 1 note placed since (n2).")
    assert refused["next"] == "create theme 'Early'"
    assert dana.undo()["summary"] == "undo create theme 'Early'"
    assert dana.undo() is None
    assert study.themes_of(["n4"]) == {"n4": ["t-bank"]}  # the shared move stayed
    assert study.undo()["summary"] == "undo place 1 note(s) in 'Bank'"
    assert lee.undo()["summary"] == "undo place 1 note(s) in 'Later'"
    lee.close()


def test_bad_sort_names_and_rounds_are_one_sentence(study):
    with pytest.raises(StudyError, match="no round 'r9'"):
        open_sort(study, "r9", "dana")
    with pytest.raises(StudyError, match="no sort named 'zoe'"):
        sort_placements(study, "r1", "zoe")
    with pytest.raises(StudyError, match="shared board's name"):
        create_sort(study, "r1", "board")
    create_sort(study, "r1", "dana")
    with pytest.raises(StudyError, match="already has a sort named 'dana'"):
        open_sort(study, "r1", "dana", copy_board=True)
    with pytest.raises(StudyError, match="belongs to one round"):
        study.board(sort="dana")


def test_the_board_widget_on_a_private_sort_shows_only_it(study):
    create_sort(study, "r1", "lee", copy_board=True)
    dana = study.board("r1", sort="dana")
    state = dana.state()
    assert state["themes"] == [] and state["placements"] == {}
    assert state["meta"]["sort"] == "dana" and len(state["cards"]) == 5
    assert state["meta"]["sorts"] == []  # blind: no compare mode on a private sort
    shared = study.board("r1").state()
    assert shared["meta"]["sort"] == "board"
    assert shared["meta"]["sorts"] == ["board", "lee", "dana"]  # compare mode offers them
    assert [t["name"] for t in shared["themes"]] == ["Bank", "VAT"]


def test_step_5_to_6_migrates_a_study_without_changing_it(tmp_path: Path):
    init_study(tmp_path / "old", name="Old").close()
    db = tmp_path / "old" / "study.db"
    db.unlink()
    conn = sqlite3.connect(db)
    for step in MIGRATIONS[:5]:
        conn.executescript(step)
    conn.execute("INSERT INTO meta VALUES ('schema_version', '5')")
    conn.execute("INSERT INTO rounds VALUES ('r1', 'r1', '', '', 0)")
    conn.execute("INSERT INTO notes (note_id, round_id, participant_id, text) "
                 "VALUES ('n1', 'r1', 'P01', 'kept')")
    conn.execute("INSERT INTO themes (theme_id, name) VALUES ('t1', 'Kept')")
    conn.execute("INSERT INTO placements VALUES ('n1', 't1')")
    conn.commit()
    conn.close()
    study = open_study(tmp_path / "old")
    assert study.store.schema_version() == SCHEMA_VERSION == 9
    assert study.themes()[["name", "notes"]].values.tolist() == [["Kept", 1]]
    assert sort_names(study, "r1") == ["board"]
    study.close()


def test_lab_with_a_sort_makes_it_and_writes_a_notebook_that_opens_it(sample_study, capsys,
                                                                        monkeypatch):
    monkeypatch.setattr("os.execv", lambda *a: (_ for _ in ()).throw(SystemExit(0)))
    monkeypatch.setattr("os.name", "posix")
    with pytest.raises(SystemExit):
        main(["lab", str(sample_study), "--round", "r1", "--sort", "dana", "--copy-board",
              "--no-browser"])
    out = capsys.readouterr().out
    assert "round r1, dana's own sort" in out
    study = open_study(sample_study)
    assert sort_names(study, "r1") == ["board", "Lee Okafor", "dana"]
    assert len(sort_placements(study, "r1", "dana")) == len(
        sort_placements(study, "r1", "board"))
    study.close()
    nb = (sample_study / ".lab" / "affinity_board-r1-sort-dana.ipynb").read_text()
    assert 'sort = \\"dana\\"' in nb and "board(round=round, sort=sort)" in nb
    assert main(["lab", str(sample_study), "--copy-board"]) == 1
    assert "name it with --sort" in capsys.readouterr().err
    # the committed notebook (no sort) is unchanged by the new parameter
    assert "sort" not in board_notebook().cells[1].source


def test_settling_a_disagreement_is_one_undoable_placement_on_the_shared_board(study):
    """Board: n1-n3 Bank, n4 VAT. Lee: n1 Bank, n2 VAT, n3 and n4 in her own 'Trust'.
    Disagreements board vs lee: n2, n3, n4 (n5 unsorted in both, n1 alike)."""
    from synthesis.board.compare import compare_state
    from synthesis.sorts import compare_key, settle

    lee = open_sort(study, "r1", "lee")
    lee.create_theme("Bank", notes=["n1"])
    lee.create_theme("VAT", notes=["n2"])
    lee.create_theme("Trust", notes=["n3", "n4"])
    state = compare_state(study, "r1", ["board", "lee"])
    assert [i["note"] for i in state["queue"]] == ["n2", "n3", "n4"]
    assert state["progress"] == "0 of 3 disagreements settled"
    assert state["queue"][1]["choices"] == [{"sort": "board", "themes": ["Bank"]},
                                            {"sort": "lee", "themes": ["Trust"]}]
    assert state["pairs"] == [{"pair": "Bank → VAT", "notes": 1, "settled": 0},
                              {"pair": "Bank → Trust", "notes": 1, "settled": 0},
                              {"pair": "VAT → Trust", "notes": 1, "settled": 0}]
    assert [i["pair"] for i in state["queue"]] == ["Bank → VAT", "Bank → Trust",
                                                   "VAT → Trust"]
    one = compare_state(study, "r1", ["lee"])
    assert one["queue"] == [] and one["progress"] == "choose two or more sorts to compare"
    settle(study, "r1", "n3", ["Trust"], ["board", "lee"])  # a theme the board lacks: made
    assert study.notes("r1").set_index("note_id").loc["n3", "themes"] == ("Trust",)
    state = compare_state(study, "r1", ["board", "lee"])
    assert state["progress"] == "1 of 3 disagreements settled"  # n3 stays listed, settled
    assert state["queue"][1]["settled"] and state["queue"][1]["consensus"] == ["Trust"]
    assert state["pairs"][1] == {"pair": "settled (the sorts now agree)", "notes": 1,
                                 "settled": 1}
    assert study.store.settlements(compare_key("r1", ["lee", "board"])) == {"n3": ("Trust",)}
    study.undo()  # the settlement goes, and the note is back in Bank
    assert study.notes("r1").set_index("note_id").loc["n3", "themes"] == ("Bank",)
    assert compare_state(study, "r1", ["board", "lee"])["progress"] == \
        "0 of 3 disagreements settled"
    with pytest.raises(StudyError, match="on the shared board, not in a sort"):
        settle(lee, "r1", "n3", ["Trust"], ["board", "lee"])
