"""Saturation: the new-themes curve, Guest et al. 2020, the bootstrap and Francis et al. 2010."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synthesis.analysis import (francis_stopping, guest_saturation, interview_ids,
                                interview_order, saturation_bootstrap, saturation_curve)
from synthesis.errors import AnalysisError, SynthesisError


def notes_for(theme_sets: list[set[str]], dates: list[str | None] | None = None
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One session per interview, one note per theme raised in it."""
    rows = []
    for i, themes in enumerate(theme_sets):
        for j, theme in enumerate(sorted(themes) or [None]):
            rows.append({"note_id": f"n{i}-{j}", "participant_id": f"p{i + 1}",
                         "session_id": f"s{i + 1}", "round_id": "r1", "theme_id": theme})
    sessions = pd.DataFrame({"session_id": [f"s{i + 1}" for i in range(len(theme_sets))],
                             "participant_id": [f"p{i + 1}" for i in range(len(theme_sets))],
                             "round_id": "r1",
                             "date": dates or [f"2024-03-{i + 1:02d}"
                                               for i in range(len(theme_sets))]})
    return pd.DataFrame(rows), sessions


def test_curve_reads_interviews_in_date_order():
    # s1 is dated after s2; s3 has no date and goes last
    notes, sessions = notes_for([{"a", "b"}, {"a", "c"}, {"c", "d", "e"}],
                                dates=["2024-03-05", "2024-03-01", None])
    curve = saturation_curve(notes, sessions)
    assert curve["session_id"].tolist() == ["s2", "s1", "s3"]
    assert curve["interview"].tolist() == [1, 2, 3]
    assert curve["themes"].tolist() == [2, 2, 3]
    assert curve["new_themes"].tolist() == [2, 1, 2]  # {a,c}, then b, then d e
    assert curve["new_theme_ids"].tolist() == [("a", "c"), ("b",), ("d", "e")]
    assert curve["cumulative_themes"].tolist() == [2, 3, 5]
    assert curve["share"].tolist() == pytest.approx([0.4, 0.6, 1.0])


def test_curve_rounds_come_before_dates_and_order_can_be_imposed():
    notes, sessions = notes_for([{"a"}, {"b"}])
    notes.loc[notes["session_id"] == "s1", "round_id"] = "r2"
    sessions.loc[sessions["session_id"] == "s1", "round_id"] = "r2"
    assert saturation_curve(notes, sessions)["session_id"].tolist() == ["s2", "s1"]
    forced = saturation_curve(notes, sessions, order=["s1", "s2"])
    assert forced["session_id"].tolist() == ["s1", "s2"]
    with pytest.raises(AnalysisError, match="leaves out 's2'"):
        saturation_curve(notes, sessions, order=["s1"])


def test_notes_without_a_session_count_per_participant_and_round():
    notes = pd.DataFrame({
        "note_id": ["a", "b", "c", "d", "e"],
        "participant_id": ["p1", "p1", "p1", "p2", None],
        "round_id": ["r1", "r1", "r2", "r1", "r1"],
        "session_id": [None, None, None, "s9", None],
        "theme_id": ["t1", "t2", "t1", "t3", "t4"]})
    assert interview_ids(notes).tolist() == ["p1 · r1", "p1 · r1", "p1 · r2", "s9", None]
    order = interview_order(notes)
    # rounds first (r1 then r2), then first appearance; the note with nobody is left out
    assert order["interview_id"].tolist() == ["p1 · r1", "s9", "p1 · r2"]
    curve = saturation_curve(notes)
    assert curve["new_themes"].tolist() == [2, 1, 0]


def test_interviews_without_themed_notes_still_count_as_interviews():
    notes, sessions = notes_for([{"a"}, set(), {"a"}])
    curve = saturation_curve(notes, sessions)
    assert curve["new_themes"].tolist() == [1, 0, 0]
    assert curve["themes"].tolist() == [1, 0, 1]


def test_curve_with_no_themes_at_all():
    notes, sessions = notes_for([set(), set()])
    curve = saturation_curve(notes, sessions)
    assert curve["cumulative_themes"].tolist() == [0, 0]
    result = guest_saturation(curve, base=1, run=1)
    assert not result.reached
    assert "cannot be assessed" in result.statement


def test_themes_frame_limits_the_curve_to_live_themes():
    notes, sessions = notes_for([{"a", "gone"}, {"b"}])
    themes = pd.DataFrame({"theme_id": ["a", "b", "gone"], "name": ["A", "B", "G"],
                           "status": ["live", "live", "deleted"]})
    assert saturation_curve(notes, sessions, themes=themes)["new_themes"].tolist() == [1, 1]


# -- Guest, Namey & Chen 2020 ------------------------------------------------------------

def test_reached_at_the_last_interview_of_the_first_run_meeting_tau():
    # base = 5+3+2+2 = 12 themes; run 5-6 adds 2 (16.7 %), run 6-7 adds 1 (8.3 %),
    # run 7-8 adds 0 (0 %) -> saturation at 8
    result = guest_saturation([5, 3, 2, 2, 1, 1, 0, 0])
    assert result.reached and result.n == 8
    assert result.base_themes == 12
    assert result.runs[["start", "end", "new_themes"]].values.tolist() == [
        [5, 6, 2], [6, 7, 1], [7, 8, 0]]
    assert result.statement == "saturation reached at 8 interviews (B=4, R=2, τ≤5 %)"


def test_runs_slide_by_one_interview():
    # base 20; run 5-6 adds 2 (10 %), run 6-7 adds 1 (5 %, meets <= 5 %) -> 7, not 8
    assert guest_saturation([10, 5, 3, 2, 2, 0, 1, 0, 0]).n == 7


def test_threshold_is_inclusive_and_parameters_show_in_the_statement():
    # base 20 themes, a run adding 1 is exactly 5 %
    assert guest_saturation([20, 0, 0, 0, 1, 0]).n == 6
    result = guest_saturation([20, 0, 0, 0, 1, 0, 0, 0, 0], base=3, run=3, threshold=0)
    # base = 20 (first three); runs 4-6: 1 new; 5-7: 1; 6-8: 0 -> reached at 8 at τ = 0
    assert result.n == 8
    assert result.statement == "saturation reached at 8 interviews (B=3, R=3, τ≤0 %)"


def test_not_reached_says_how_far_off():
    result = guest_saturation([5, 3, 2, 2, 1, 1, 1, 1])
    assert not result.reached and result.n is None
    assert result.statement == ("saturation not reached: the last run added 2 new themes "
                                "(16.7 % of the base, needs ≤ 5 %)")
    one = guest_saturation([5, 3, 2, 2, 3, 0, 1, 0], run=2, threshold=0.05)
    # last run 7-8 adds 1 of 12 = 8.3 %
    assert one.statement == ("saturation not reached: the last run added 1 new theme "
                             "(8.3 % of the base, needs ≤ 5 %)")


def test_base_larger_than_the_interviews_is_a_clear_error():
    with pytest.raises(AnalysisError) as err:
        guest_saturation([3, 1, 0], base=4)
    assert isinstance(err.value, SynthesisError) and isinstance(err.value, ValueError)
    assert str(err.value) == ("the base of 4 interviews is larger than the 3 interviews with "
                              "notes; lower the base size B or add interviews.")


def test_too_few_interviews_for_one_run_is_not_reached():
    result = guest_saturation([3, 1, 0, 0, 0], base=4, run=2)
    assert not result.reached
    assert result.statement == ("saturation not assessed: it needs at least 6 interviews "
                                "(4 base + 2 run), the study has 5")


def test_guest_on_a_curve_frame():
    notes, sessions = notes_for([{"a", "b", "c"}, {"a", "d"}, {"b"}, {"e"}, {"a"}, {"b"}])
    curve = saturation_curve(notes, sessions)
    # base = a b c d e (5 themes); run 5-6 adds nothing
    assert guest_saturation(curve).n == 6


# -- bootstrap -------------------------------------------------------------------------

def test_bootstrap_when_every_order_saturates_at_the_same_point():
    notes, sessions = notes_for([{"a", "b"}] * 7)
    result = saturation_bootstrap(notes, sessions, orders=50, seed=3)
    assert result.share_reached == 1.0
    assert (result.median, result.q1, result.q3) == (6.0, 6.0, 6.0)
    assert result.statement == ("over 50 random interview orders saturation (B=4, R=2, τ≤5 %) "
                                "was reached in 100 % of orders, at a median of 6 interviews "
                                "(IQR 6–6)")


def test_bootstrap_share_matches_the_probability_worked_out_by_hand():
    # Six interviews all raise "a"; one of them also raises "z". With B=4, R=2, τ=0 the run
    # (interviews 5-6) adds nothing exactly when "z" sits in the base: probability 4/6.
    notes, sessions = notes_for([{"a"}] * 5 + [{"a", "z"}])
    result = saturation_bootstrap(notes, sessions, threshold=0.0, orders=3000, seed=7)
    assert result.share_reached == pytest.approx(2 / 3, abs=0.03)
    assert result.median == 6.0
    again = saturation_bootstrap(notes, sessions, threshold=0.0, orders=3000, seed=7)
    np.testing.assert_array_equal(result.points, again.points)  # seeded


def test_bootstrap_never_reached():
    notes, sessions = notes_for([{f"t{i}"} for i in range(8)])  # every interview is new
    result = saturation_bootstrap(notes, sessions, orders=20)
    assert result.share_reached == 0.0 and result.median is None
    assert "never reached" in result.statement


def test_bootstrap_base_larger_than_interviews():
    notes, sessions = notes_for([{"a"}, {"b"}])
    with pytest.raises(AnalysisError, match="base of 4 interviews is larger than the 2"):
        saturation_bootstrap(notes, sessions)


# -- Francis et al. 2010 -----------------------------------------------------------------

def test_francis_stops_after_m_interviews_without_new_themes_after_n0():
    # after n0 = 4: interview 5 adds 1, then 6, 7, 8 add nothing -> stop at 8
    result = francis_stopping([4, 2, 1, 0, 1, 0, 0, 0], initial=4, consecutive=3)
    assert result.reached and result.n == 8
    assert result.statement == ("stopping rule met at 8 interviews (n₀=4, m=3: no new themes "
                                "in interviews 6–8)")


def test_francis_ignores_quiet_interviews_inside_the_initial_sample():
    # interviews 2-4 add nothing but are part of n0 = 4; only 5, 6, 7 count
    assert francis_stopping([3, 0, 0, 0, 0, 0, 0], initial=4, consecutive=3).n == 7


def test_francis_not_met_and_defaults():
    result = francis_stopping([4, 2, 1, 0, 1, 0, 0, 0])  # n0 = 10 > 8 interviews
    assert not result.reached
    assert result.statement == ("stopping rule not met: it needs the initial sample of 10 "
                                "interviews and 3 more; the study has 8")
    short = francis_stopping([4, 2, 1, 0, 1, 0, 1, 0], initial=4, consecutive=3)
    assert short.statement == ("stopping rule not met: the last 1 interview added no new "
                               "themes, it needs 3 in a row after the first 4 (n₀=4, m=3)")


def test_inputs_are_not_mutated():
    notes, sessions = notes_for([{"a", "b"}, {"a", "c"}, {"c"}, {"d"}, {"a"}, {"b"}])
    before = notes.copy(deep=True), sessions.copy(deep=True)
    curve = saturation_curve(notes, sessions)
    curve_before = curve.copy(deep=True)
    guest_saturation(curve)
    francis_stopping(curve, initial=2, consecutive=1)
    saturation_bootstrap(notes, sessions, orders=5)
    pd.testing.assert_frame_equal(notes, before[0])
    pd.testing.assert_frame_equal(sessions, before[1])
    pd.testing.assert_frame_equal(curve, curve_before)


def test_spreadsheet_notes_join_the_same_persons_session_in_that_round():
    # p1 was interviewed in r1 (transcript s1) and a colleague typed notes in a spreadsheet
    # (no session): one conversation, one interview. p2 only has spreadsheet notes: one
    # interview of their own. p1's r2 notes have no session in r2: another interview.
    notes = pd.DataFrame({"note_id": list("abcde"),
                          "participant_id": ["p1", "p1", "p2", "p1", "p1"],
                          "round_id": ["r1", "r1", "r1", "r2", "r1"],
                          "session_id": [None, "s1", None, None, None],
                          "theme_id": ["t1", "t2", "t1", "t3", "t4"]})
    sessions = pd.DataFrame({"session_id": ["s1"], "participant_id": ["p1"],
                             "round_id": ["r1"], "date": ["2025-03-03"]})
    assert interview_ids(notes, sessions).tolist() == ["s1", "s1", "p2 · r1", "p1 · r2", "s1"]
    curve = saturation_curve(notes, sessions)
    assert curve["interview_id"].tolist() == ["s1", "p2 · r1", "p1 · r2"]
    assert curve["session_id"].tolist()[0] == "s1" and curve["session_id"][1:].isna().all()
    assert curve["new_themes"].tolist() == [3, 0, 1]  # t1 t2 t4, then nothing, then t3


def test_the_sample_study_has_28_interviews_and_a_headline_that_matches_its_curve(
        sample_study) -> None:
    from synthesis import open_study

    study = open_study(sample_study)
    try:
        curve = saturation_curve(study.notes(), study.sessions(), study.rounds(),
                                 study.themes())
        # 10 + 10 conversations in r1 and r2 (transcripts); in r3, P21-P24 were recorded
        # and also have spreadsheet notes (one conversation each), P25-P28 only notes.
        assert len(curve) == 28
        assert curve["round_id"].value_counts().to_dict() == {"r1": 10, "r2": 10, "r3": 8}
        new_at = curve.loc[curve["new_themes"] > 0, "interview"].tolist()
        assert new_at == [1, 2, 3, 7, 12, 16]
        result = guest_saturation(curve)
        assert result.n == 6  # the base-and-run rule stops early...
        # ...and the sentence says what the chart shows: three themes came after it.
        assert result.headline == (
            "No new themes in the last 12 interviews (of 28); the last new theme appeared at "
            "interview 16. The base-and-run rule put saturation at interview 6, but 3 new "
            "themes came after it (at interviews 7, 12 and 16).")
    finally:
        study.close()


def test_headline_without_a_rule_point_and_with_nothing_yet():
    from synthesis.analysis import saturation_headline

    assert saturation_headline([2, 0, 0]) == (
        "No new themes in the last 2 interviews (of 3); the last new theme appeared at "
        "interview 1.")
    assert saturation_headline([2, 1]) == (
        "New themes were still appearing at the last interview (1 new theme at interview 2 "
        "of 2).")
    assert saturation_headline([]) == "No interviews with notes yet, so there is no " \
        "saturation to judge."
    assert saturation_headline([0, 0]) == "None of the 2 interviews with notes holds a " \
        "sorted theme yet."
    # Both rules' points are marked on the chart; a theme after either is said.
    new = [3, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0]
    assert saturation_headline(new, point=6, stop=15) == (
        "No new themes in the last 4 interviews (of 20); the last new theme appeared at "
        "interview 16. The base-and-run rule put saturation at interview 6, but 3 new themes "
        "came after it (at interviews 7, 12 and 16); the stopping rule was met at interview "
        "15, but 1 new theme came after it (at interview 16).")
    assert francis_stopping(new).n == 15 and guest_saturation(new).n == 6
