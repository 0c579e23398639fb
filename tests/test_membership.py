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
    assert str(err.value) == "the study 'S' has no round 'r8', 'r9' (its rounds: r1); nothing was run."
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
