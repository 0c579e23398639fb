"""Theme frequency: k of n per theme and segment, flags and ordering, checked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from synthesis.analysis import theme_frequency, theme_frequency_by
from synthesis.errors import AnalysisError, SynthesisError


def small_study() -> dict[str, pd.DataFrame]:
    """Five participants (two smb, two enterprise, one without a segment), four themes.

    By hand:
    - Bank connection anxiety: notes n1 n2 n3 n4 n11 = 5; people p1 p2 p3 = 3 (p9 is not a
      participant of the study, so n11 counts as a note but not as a person); smb 2, ent 1.
    - Invoice templates: n8 n9 = 2 notes; p3 p4 = 2 people, both enterprise.
    - Pricing confusion: n5 n6 n7 = 3 notes, all from p1: a soundbite.
    - Empty: nothing.
    """
    notes = pd.DataFrame({
        "note_id": [f"n{i}" for i in range(1, 12)],
        "round_id": ["r1"] * 11,
        "participant_id": ["p1", "p1", "p2", "p3", "p1", "p1", "p1", "p3", "p4", "p2", "p9"],
        "session_id": ["s1", "s1", "s2", "s3", "s1", "s1", "s1", "s3", "s4", "s2", None],
        "text": ["they paused at the bank step", "I was scared to connect my bank",
                 "bank?", "worried about access", "too many plans", "which plan", "price?",
                 "wants their logo", "template please", "unsorted", "not in the study"],
        "kind": ["observation", "quote"] + ["observation"] * 9,
        "theme_id": ["t1", "t1", "t1", "t1", "t2", "t2", "t2", "t3", "t3", None, "t1"],
    })
    participants = pd.DataFrame({
        "participant_id": ["p1", "p2", "p3", "p4", "p5"], "round_id": ["r1"] * 5,
        "name": ["Ann", "Bo", "Cy", "Di", "Ed"],
        "segment": ["smb", "smb", "enterprise", "enterprise", None]})
    themes = pd.DataFrame({
        "theme_id": ["t1", "t2", "t3", "t4"],
        "name": ["Bank connection anxiety", "Pricing confusion", "Invoice templates", "Empty"],
        "colour": [None, None, "#123456", None], "position": [0, 1, 2, 3]})
    return {"notes": notes, "participants": participants, "themes": themes}


def test_counts_people_not_mentions_and_orders_by_people():
    s = small_study()
    f = theme_frequency(s["notes"], s["participants"], s["themes"])
    assert f["theme"].tolist() == ["Bank connection anxiety", "Invoice templates",
                                   "Pricing confusion", "Empty"]
    assert f["notes"].tolist() == [5, 2, 3, 0]
    assert f["participants"].tolist() == [3, 2, 1, 0]
    assert f["k"].tolist() == f["participants"].tolist()
    assert f["n"].tolist() == [5, 5, 5, 5]  # p5 has no notes but took part
    assert f["share"].tolist() == pytest.approx([0.6, 0.4, 0.2, 0.0])
    assert f["soundbite_risk"].tolist() == [False, False, True, False]


def test_example_prefers_a_quote_over_an_earlier_observation():
    s = small_study()
    f = theme_frequency(s["notes"], s["participants"], s["themes"]).set_index("theme_id")
    assert f.loc["t1", "example"] == "I was scared to connect my bank"
    assert f.loc["t3", "example"] == "wants their logo"
    assert f.loc["t4", "example"] == ""


def test_by_segment_counts_k_and_n_per_segment_and_flags():
    s = small_study()
    f = theme_frequency(s["notes"], s["participants"], s["themes"], by="segment")
    f = f.set_index("theme")
    assert f["k[enterprise]"].tolist() == [1, 2, 0, 0]
    assert f["k[smb]"].tolist() == [2, 0, 1, 0]
    assert f["k[(not set)]"].tolist() == [0, 0, 0, 0]
    assert (f["n[enterprise]"] == 2).all() and (f["n[smb]"] == 2).all()
    assert (f["n[(not set)]"] == 1).all()
    assert f["segments"].tolist() == [2, 1, 1, 0]
    assert f["single_segment"].tolist() == [False, True, True, False]
    # segment columns come in natural order, "(not set)" last
    seg_cols = [c for c in f.columns if c.startswith("k[")]
    assert seg_cols == ["k[enterprise]", "k[smb]", "k[(not set)]"]


def test_long_form_by_segment_matches_the_wide_one():
    s = small_study()
    long = theme_frequency_by(s["notes"], s["participants"], s["themes"], by="segment")
    assert len(long) == 4 * 3
    bank = long[long["theme_id"] == "t1"]
    assert bank["segment"].tolist() == ["enterprise", "smb", "(not set)"]
    assert bank["k"].tolist() == [1, 2, 0]
    assert bank["n"].tolist() == [2, 2, 1]
    assert bank["share"].tolist() == pytest.approx([0.5, 1.0, 0.0])
    assert long["theme_id"].drop_duplicates().tolist() == ["t1", "t3", "t2", "t4"]


def test_single_segment_needs_more_than_one_segment_in_scope():
    s = small_study()
    people = s["participants"].assign(segment="smb")
    f = theme_frequency(s["notes"], people, s["themes"], by="segment")
    assert not f["single_segment"].any()
    assert f.set_index("theme_id").loc["t1", "segments"] == 1


def test_ties_break_on_notes_then_name_case_insensitive():
    notes = pd.DataFrame({"note_id": ["a", "b", "c", "d"],
                          "participant_id": ["p1", "p2", "p1", "p1"],
                          "theme_id": ["A", "B", "C", "C"]})
    people = pd.DataFrame({"participant_id": ["p1", "p2"]})
    themes = pd.DataFrame({"theme_id": ["A", "B", "C"], "name": ["beta", "Alpha", "gamma"],
                           "position": [0, 1, 2]})
    f = theme_frequency(notes, people, themes)
    # gamma: 1 person, 2 notes; Alpha and beta: 1 person, 1 note each -> by name
    assert f["theme"].tolist() == ["gamma", "Alpha", "beta"]


def test_same_name_and_counts_fall_back_to_board_position():
    notes = pd.DataFrame({"note_id": ["a", "b"], "participant_id": ["p1", "p1"],
                          "theme_id": ["x", "y"]})
    themes = pd.DataFrame({"theme_id": ["x", "y"], "name": ["Same", "Same"], "position": [1, 0]})
    f = theme_frequency(notes, pd.DataFrame({"participant_id": ["p1"]}), themes)
    assert f["theme_id"].tolist() == ["y", "x"]


def test_no_themes_gives_an_empty_table_with_the_columns():
    s = small_study()
    themes = s["themes"].iloc[0:0]
    f = theme_frequency(s["notes"], s["participants"], themes, by="segment")
    assert len(f) == 0
    for col in ("theme_id", "notes", "k", "n", "share", "soundbite_risk", "single_segment",
                "k[smb]", "n[enterprise]"):
        assert col in f.columns


def test_one_participant():
    notes = pd.DataFrame({"note_id": ["a", "b"], "participant_id": ["p1", "p1"],
                          "theme_id": ["t1", "t1"]})
    themes = pd.DataFrame({"theme_id": ["t1"], "name": ["Only"]})
    f = theme_frequency(notes, pd.DataFrame({"participant_id": ["p1"]}), themes)
    assert f[["notes", "k", "n"]].values.tolist() == [[2, 1, 1]]
    assert f["share"].tolist() == [1.0]
    assert f["soundbite_risk"].tolist() == [True]


def test_no_participants_gives_nan_share_not_a_crash():
    s = small_study()
    f = theme_frequency(s["notes"], s["participants"].iloc[0:0], s["themes"])
    assert f["n"].tolist() == [0, 0, 0, 0]
    assert f["k"].tolist() == [0, 0, 0, 0]
    assert np.isnan(f["share"]).all()


def test_round_scope_counts_a_returning_participant_in_each_round():
    # p1 belongs to r1 and comes back in r2; p2 belongs to r2.
    notes = pd.DataFrame({"note_id": ["a", "b", "c"], "participant_id": ["p1", "p1", "p2"],
                          "round_id": ["r1", "r2", "r2"], "theme_id": ["t1", "t1", "t2"]})
    people = pd.DataFrame({"participant_id": ["p1", "p2"], "round_id": ["r1", "r2"]})
    themes = pd.DataFrame({"theme_id": ["t1", "t2"], "name": ["One", "Two"]})
    r2 = theme_frequency(notes, people, themes, round="r2").set_index("theme_id")
    assert r2["n"].iloc[0] == 2  # p2 by their row, p1 by their note in r2
    assert r2.loc["t1", ["notes", "k"]].tolist() == [1, 1]
    assert r2.loc["t2", ["notes", "k"]].tolist() == [1, 1]
    r1 = theme_frequency(notes, people, themes, round="r1").set_index("theme_id")
    assert r1["n"].iloc[0] == 1
    assert r1.loc["t1", ["notes", "k"]].tolist() == [1, 1]
    assert r1.loc["t2", ["notes", "k"]].tolist() == [0, 0]
    everything = theme_frequency(notes, people, themes).set_index("theme_id")
    assert everything.loc["t1", ["notes", "k", "n"]].tolist() == [2, 1, 2]


def test_notes_of_merged_or_deleted_themes_do_not_count():
    s = small_study()
    themes = pd.concat([s["themes"], pd.DataFrame({
        "theme_id": ["t9"], "name": ["Gone"], "position": [9], "status": ["merged"]})])
    themes["status"] = themes["status"].fillna("live")
    notes = s["notes"].copy()
    notes.loc[notes["note_id"] == "n10", "theme_id"] = "t9"
    f = theme_frequency(notes, s["participants"], themes)
    assert "t9" not in f["theme_id"].tolist()
    assert f["notes"].sum() == 10


def test_unknown_attribute_is_one_clear_sentence():
    s = small_study()
    with pytest.raises(AnalysisError, match="no attribute 'plan'") as err:
        theme_frequency(s["notes"], s["participants"], s["themes"], by="plan")
    assert isinstance(err.value, SynthesisError)
    assert str(err.value).count(".") == 1


def test_missing_column_names_the_frame():
    s = small_study()
    with pytest.raises(AnalysisError, match="notes frame needs the column"):
        theme_frequency(s["notes"].drop(columns="theme_id"), s["participants"], s["themes"])


def test_inputs_are_not_mutated():
    s = small_study()
    before = {k: v.copy(deep=True) for k, v in s.items()}
    theme_frequency(s["notes"], s["participants"], s["themes"], by="segment", round="r1")
    theme_frequency_by(s["notes"], s["participants"], s["themes"], by="segment")
    for key in s:
        pd.testing.assert_frame_equal(s[key], before[key])
