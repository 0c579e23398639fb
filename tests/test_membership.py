"""A round a study does not have reads the same in every command that takes a round."""

from __future__ import annotations

from pathlib import Path

import pytest

from synthesis import open_study
from synthesis.board.widget import open_board
from synthesis.craft.audit import craft_audit
from synthesis.errors import StudyError
from synthesis.interop.study_io import export_study
from synthesis.membership import check_round, check_rounds
from synthesis.report.context import load_context

SENTENCE = "the study 'Ledgerly invoicing onboarding' has no round 'r9' (its rounds: r1, r2, r3)"


def test_check_rounds_keeps_the_order_asked_and_names_every_unknown_round() -> None:
    assert check_rounds(["r1", "r2", "r3"], ["r3", "r1", "r3"], "S") == ["r3", "r1"]
    assert check_rounds(["r1", "r2"], "all", "S") == ["r1", "r2"]
    assert check_round(["r1"], None, "S") is None
    with pytest.raises(StudyError) as err:
        check_rounds(["r1"], ["r8", "r9"], "S", then="nothing was run")
    assert str(err.value) == ("the study 'S' has no round 'r8', 'r9' (its rounds: r1); "
                              "nothing was run.")
    with pytest.raises(StudyError, match=r"\(its rounds: none\)\.$"):
        check_round([], "r1", "Empty")


def test_every_command_refuses_an_unknown_round_in_the_same_sentence(sample_study: Path,
                                                                    tmp_path: Path) -> None:
    study = open_study(sample_study)
    try:
        calls = [lambda: study.check_round("r9"),
                 lambda: open_board(study, round="r9"),
                 lambda: craft_audit(study, round="r9"),
                 lambda: export_study(study, "csv", tmp_path / "x.csv", round="r9"),
                 lambda: load_context(study, round="r9", redact=False)]
        for call in calls:
            with pytest.raises(StudyError) as err:
                call()
            assert str(err.value).startswith(SENTENCE)
        assert not (tmp_path / "x.csv").exists()
    finally:
        study.close()


def test_members_heard_and_recruited_by_hand() -> None:
    import pandas as pd

    from synthesis.membership import heard_in, members, recruited_in

    people = pd.DataFrame({"participant_id": ["p1", "p2", "p3"], "round_id": ["r1", "r1", "r2"]})
    notes = pd.DataFrame({"round_id": ["r1", "r2", "r2"], "participant_id": ["p1", "p1", None]})
    sessions = pd.DataFrame({"round_id": ["r2"], "participant_id": ["p2"]})
    # r1: p1 heard (a note), p2 listed only; r2: p1 (a note), p2 (a session), p3 listed only
    assert members(people, notes, sessions, ["r1", "r2"]).values.tolist() == [
        ["r1", "p1", True, True], ["r1", "p2", True, False],
        ["r2", "p1", False, True], ["r2", "p2", False, True], ["r2", "p3", True, False]]
    assert heard_in(people, notes, sessions, "r2")["participant_id"].tolist() == ["p1", "p2"]
    assert recruited_in(people, notes, sessions, "r2")["participant_id"].tolist() == [
        "p1", "p2", "p3"]
    assert heard_in(people, notes, sessions, None)["participant_id"].tolist() == ["p1", "p2"]


def test_sorted_shares_from_either_notes_shape() -> None:
    import pandas as pd

    from synthesis.membership import provisional_rounds, provisional_threshold, sorted_shares

    per_note = pd.DataFrame({"note_id": ["a", "b", "c", "d", "e"],
                             "round_id": ["r1", "r1", "r1", "r1", "r2"],
                             "theme_ids": [("t1", "t2"), ("t1",), ("t2",), (), ()]})
    per_theme = pd.DataFrame({"note_id": ["a", "a", "b", "c", "d", "e"],
                              "round_id": ["r1"] * 5 + ["r2"],
                              "theme_id": ["t1", "t2", "t1", "t2", None, None]})
    # r1: 3 of 4 notes sorted (a note in two themes is one note); r2: 0 of 1; r3: no notes
    for notes in (per_note, per_theme):
        assert sorted_shares(notes, ["r1", "r2", "r3"]) == {"r1": 0.75, "r2": 0.0, "r3": None}
        assert provisional_rounds(notes, ["r1", "r2", "r3"]) == {"r1": 0.75, "r2": 0.0}
        assert provisional_rounds(notes, ["r1", "r2"], threshold=0.75) == {"r2": 0.0}
    with pytest.raises(StudyError, match="found True"):
        provisional_threshold({"provisional_below": True})
