"""Undo that never jams: per-author stacks, refusals in one sentence, no database errors.

The scenario of issue 12: alice creates a theme, bob drops a note into it, alice undoes.
Before, her undo raised a raw ``IntegrityError`` and every later undo hit the same event.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from synthesis import init_study, open_study
from synthesis.board.actions import perform
from synthesis.errors import StoreError
from synthesis.model import ImportBundle, Note, Participant


@pytest.fixture
def folder(tmp_path: Path, store_url) -> Path:
    """A study of five notes, on SQLite and on PostgreSQL (its study.toml names the store)."""
    study = init_study(tmp_path / "s", name="Team", store=store_url)
    study.apply_bundle(ImportBundle(
        "notes.csv", "notes", participants=[Participant("P01", "r1"), Participant("P02", "r1")],
        notes=[Note(f"n{i}", f"note {i}", "P01" if i % 2 else "P02", "r1")
               for i in range(1, 6)]), round="r1")
    study.close()
    return tmp_path / "s"


def themes_of(study, note_id: str) -> tuple[str, ...]:
    return study.notes().set_index("note_id").loc[note_id, "theme_ids"]


def test_an_undo_someone_built_on_is_refused_in_one_sentence_and_the_stack_moves_on(folder):
    alice, bob = open_study(folder, author="alice"), open_study(folder, author="bob")
    early = alice.create_theme("Early")
    alice.place("n1", early)                       # alice's first undoable change after it
    pricing = alice.create_theme("Pricing")
    bob.place("n2", pricing)                       # bob builds on alice's theme

    refused = alice.undo()

    assert refused["refused"] == ("Cannot undo create theme 'Pricing': theme 'Pricing' now "
                                  "holds 1 note placed since (n2).")
    assert refused["next"] == "place 1 note(s) in 'Early'"
    assert pricing in set(alice.themes()["theme_id"]) and themes_of(alice, "n2") == (pricing,)
    # the stack moved on: the next undo takes alice's change before it
    assert alice.undo()["summary"] == "undo place 1 note(s) in 'Early'"
    assert themes_of(alice, "n1") == ()
    assert alice.undo()["summary"] == "undo create theme 'Early'"
    assert alice.undo() is None and not alice.store.can_undo("alice")
    # bob's own stack is untouched by all of this
    assert bob.undo()["summary"] == "undo place 1 note(s) in 'Pricing'"
    kinds = alice.events()[["kind", "author"]].values.tolist()
    assert ["refused", "alice"] in kinds


def test_undo_is_per_author(folder):
    alice, bob = open_study(folder, author="alice"), open_study(folder, author="bob")
    theme = alice.create_theme("Bank")
    alice.place("n1", theme)
    bob.place("n3", theme)
    assert alice.undo()["summary"] == "undo place 1 note(s) in 'Bank'"
    assert themes_of(alice, "n1") == () and themes_of(alice, "n3") == (theme,)
    assert bob.store.can_undo("bob") and bob.store.can_redo("bob") is False
    assert alice.store.can_redo("alice")
    # the team's stack (mine_only=False) takes the newest change by anyone: bob's move
    assert alice.undo(mine_only=False)["summary"] == "undo place 1 note(s) in 'Bank'"
    assert themes_of(alice, "n3") == ()


def test_a_redo_onto_a_theme_deleted_since_is_refused(folder):
    alice, bob = open_study(folder, author="alice"), open_study(folder, author="bob")
    theme = alice.create_theme("Bank")
    alice.place("n1", theme)
    alice.undo()
    bob.delete_theme(theme)
    refused = alice.redo()
    assert refused["refused"] == ("Cannot redo place 1 note(s) in 'Bank': theme 'Bank' has "
                                  "been deleted.")
    assert refused["next"] is None
    assert themes_of(alice, "n1") == () and alice.redo() is None


def test_the_board_gets_the_sentence_and_the_next_change_not_an_exception(folder):
    alice, bob = open_study(folder, author="alice"), open_study(folder, author="bob")
    theme = alice.create_theme("Pricing")
    bob.place("n2", theme)
    reply = perform(alice, [], {"type": "undo", "id": "u1"})
    assert reply["ok"] is True and reply["done"] is False and reply["refused"] is True
    assert reply["summary"] == ("Cannot undo create theme 'Pricing': theme 'Pricing' now holds "
                                "1 note placed since (n2).")
    assert perform(alice, [], {"type": "undo", "id": "u2"})["summary"] == "Nothing to undo."


def test_a_database_error_is_one_sentence_and_writes_nothing(folder):
    study = open_study(folder, author="alice")
    before = study.last_event()
    refused = pytest.raises(StoreError, match=r"(?i)could not save this change \(.*foreign "
                                              r"key constraint.*\); nothing was written\.$")
    with refused, study.store.transaction():
        study.store.put("placements", ("n1", "t-none"), {"note_id": "n1", "theme_id": "t-none"})
        study.store.log("placement", "alice", "bad")
    assert study.last_event() == before and study.placements().empty


def test_undo_reads_the_stack_not_the_log(tmp_path: Path):
    """The stack's top is one indexed row: SQLite's plan searches, never scans the log."""
    study = init_study(tmp_path / "s", name="Team")
    study.author = "alice"
    study.apply_bundle(ImportBundle("n.csv", "notes", participants=[Participant("P01", "r1")],
                                    notes=[Note(f"n{i}", "x", "P01", "r1") for i in range(1, 6)]),
                       round="r1")
    theme = study.create_theme("Bank")
    for i in range(1, 6):
        study.place(f"n{i}", theme)
    plan = " ".join(str(r[-1]) for r in study.store.rows(
        "EXPLAIN QUERY PLAN SELECT seq FROM undo_stack WHERE stack = 'alice' AND "
        "state = 'done' ORDER BY seq DESC LIMIT 1"))
    assert "SEARCH undo_stack USING" in plan and "events" not in plan
    assert study.undo()["summary"] == "undo place 1 note(s) in 'Bank'"
    assert themes_of(study, "n5") == ()
