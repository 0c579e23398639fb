"""Participant × theme, co-occurrence and theme × guide question, checked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from synthesis.analysis import (UNMATCHED, note_questions, participant_theme_matrix,
                                question_similarity, theme_by_question, theme_cooccurrence)

NAMES = ["Bank connection anxiety", "Pricing confusion", "Invoice templates", "Empty"]


def small_study() -> dict[str, pd.DataFrame]:
    """Who raised what, by hand: p1 {bank ×2, pricing ×3}, p2 {bank}, p3 {bank, templates},
    p4 {templates}, p5 nothing; p9 has a bank note but is not a participant."""
    notes = pd.DataFrame({
        "note_id": [f"n{i}" for i in range(1, 12)], "round_id": ["r1"] * 11,
        "participant_id": ["p1", "p1", "p2", "p3", "p1", "p1", "p1", "p3", "p4", "p2", "p9"],
        "theme_id": ["t1", "t1", "t1", "t1", "t2", "t2", "t2", "t3", "t3", None, "t1"],
        "text": ["x"] * 11})
    participants = pd.DataFrame({"participant_id": ["p1", "p2", "p3", "p4", "p5"],
                                 "round_id": ["r1"] * 5})
    themes = pd.DataFrame({"theme_id": ["t1", "t2", "t3", "t4"], "name": NAMES,
                           "position": [0, 1, 2, 3]})
    return {"notes": notes, "participants": participants, "themes": themes}


def test_participant_theme_matrix_counts_notes_per_cell():
    s = small_study()
    m = participant_theme_matrix(s["notes"], s["participants"], s["themes"])
    assert m.index.tolist() == ["p1", "p2", "p3", "p4", "p5"]
    assert m.columns.tolist() == NAMES
    assert m.values.tolist() == [[2, 3, 0, 0], [1, 0, 0, 0], [1, 0, 1, 0], [0, 0, 1, 0],
                                 [0, 0, 0, 0]]


def test_binary_matrix_and_rows_without_a_participants_frame():
    s = small_study()
    m = participant_theme_matrix(s["notes"], None, s["themes"], binary=True)
    # without a participants frame: everyone with a sorted note, p9 included, p5 not
    assert m.index.tolist() == ["p1", "p2", "p3", "p4", "p9"]
    assert m.loc["p1"].tolist() == [1, 1, 0, 0]
    assert m.loc["p9"].tolist() == [1, 0, 0, 0]


def test_cooccurrence_counts_participants_who_raised_both():
    s = small_study()
    c = theme_cooccurrence(s["notes"], s["participants"], s["themes"])
    assert c.index.tolist() == NAMES and c.columns.tolist() == NAMES
    assert c.values.tolist() == [
        [3, 1, 1, 0],  # bank: p1 p2 p3; with pricing p1; with templates p3
        [1, 1, 0, 0],
        [1, 0, 2, 0],
        [0, 0, 0, 0]]
    assert (c.values == c.values.T).all()


def test_repeated_theme_names_stay_apart():
    notes = pd.DataFrame({"note_id": ["a", "b"], "participant_id": ["p1", "p2"],
                          "theme_id": ["ta", "tb"]})
    themes = pd.DataFrame({"theme_id": ["ta", "tb"], "name": ["Same", "Same"]})
    m = participant_theme_matrix(notes, None, themes)
    assert m.columns.tolist() == ["Same (ta)", "Same (tb)"]
    assert m.values.tolist() == [[1, 0], [0, 1]]


def test_no_themes_and_one_participant():
    s = small_study()
    none = s["themes"].iloc[0:0]
    m = participant_theme_matrix(s["notes"], s["participants"], none)
    assert m.shape == (5, 0)
    assert theme_cooccurrence(s["notes"], s["participants"], none).shape == (0, 0)
    one = participant_theme_matrix(s["notes"], s["participants"].iloc[:1], s["themes"])
    assert one.values.tolist() == [[2, 3, 0, 0]]
    c = theme_cooccurrence(s["notes"], s["participants"].iloc[:1], s["themes"])
    assert c.values.tolist() == [[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]


def test_round_scope_in_matrices():
    notes = pd.DataFrame({"note_id": ["a", "b", "c"], "participant_id": ["p1", "p1", "p2"],
                          "round_id": ["r1", "r2", "r2"], "theme_id": ["t1", "t2", "t2"]})
    people = pd.DataFrame({"participant_id": ["p1", "p2"], "round_id": ["r1", "r2"]})
    themes = pd.DataFrame({"theme_id": ["t1", "t2"], "name": ["One", "Two"]})
    m = participant_theme_matrix(notes, people, themes, round="r2")
    assert m.index.tolist() == ["p1", "p2"]
    assert m.values.tolist() == [[0, 1], [0, 1]]


# -- theme × guide question --------------------------------------------------------------

def interview() -> dict[str, pd.DataFrame]:
    utterances = pd.DataFrame({
        "utterance_id": [1, 2, 3, 4, 5, 6, 7, 8, 9],
        "session_id": ["s1"] * 6 + ["s2"] * 3,
        "position": [0, 1, 2, 3, 4, 5, 0, 1, 2],
        "role": ["interviewer", "participant", "participant", "interviewer", "participant",
                 "interviewer", "participant", "interviewer", "participant"],
        "text": ["Thanks for joining. How did you first set up invoicing?",
                 "I connected my bank.", "Honestly it was scary.",
                 "And what do you think about the pricing?", "Too many plans.",
                 "Let's move on to your team.",
                 "Before we start, the bank bit worried me.",  # nothing was asked yet
                 "So tell me how you first set up invoicing", "Through the app."]})
    guide = pd.DataFrame({"question_id": [10, 11, 12], "position": [1, 2, 3],
                          "text": ["How did you first set up invoicing?",
                                   "What do you think of the pricing?", "Anything else?"],
                          "is_key": [1, 0, 0], "parent_id": [None, None, None]})
    notes = pd.DataFrame({
        "note_id": ["a", "b", "c", "d", "e", "f"],
        "participant_id": ["p1", "p1", "p1", "p2", "p2", "p1"],
        # 3.0 as SQLite returns integer ids with gaps: it must still find utterance 3
        "utterance_id": [2, 3.0, 5, 7, 9, None],
        "theme_id": ["bank", "bank", "price", "bank", "setup", "bank"]})
    themes = pd.DataFrame({"theme_id": ["bank", "price", "setup"],
                           "name": ["Bank anxiety", "Pricing", "Setup path"],
                           "position": [0, 1, 2]})
    return {"utterances": utterances, "guide": guide, "notes": notes, "themes": themes}


def test_similarity_is_the_share_of_question_words_said():
    assert question_similarity("So tell me how you first set up invoicing",
                               "How did you first set up invoicing?") == 1.0
    # content words of the question: think, pricing -> "price" is not "pricing": 1 of 2
    assert question_similarity("What did you think about the price?",
                               "What do you think of the pricing?") == 0.5
    assert question_similarity("Let's move on to your team.", "Anything else?") == 0.0


def test_note_questions_follows_note_utterance_previous_interviewer_turn():
    i = interview()
    q = note_questions(i["notes"], i["utterances"], i["guide"])
    assert q["note_id"].tolist() == ["a", "b", "c", "d", "e", "f"]
    assert q["asked_utterance_id"].tolist() == ["1", "1", "4", None, "8", None]
    assert q["question_id"].tolist() == [10, 10, 11, None, 10, None]
    assert q["question"].tolist() == [
        "How did you first set up invoicing?", "How did you first set up invoicing?",
        "What do you think of the pricing?", UNMATCHED,
        "How did you first set up invoicing?", UNMATCHED]
    assert q["score"].tolist() == pytest.approx([1.0, 1.0, 1.0, 0.0, 1.0, 0.0])


def test_below_threshold_goes_to_unmatched():
    i = interview()
    utt = i["utterances"].copy()
    utt.loc[utt["utterance_id"] == 4, "text"] = "Was the price okay?"  # pricing != price
    q = note_questions(i["notes"], utt, i["guide"], threshold=0.5)
    assert q.loc[q["note_id"] == "c", "question"].item() == UNMATCHED
    # "How did you set it up?" covers 1 of 3 question words (set): below 0.5
    utt.loc[utt["utterance_id"] == 8, "text"] = "How did you set it up?"
    q = note_questions(i["notes"], utt, i["guide"])
    assert q.loc[q["note_id"] == "e", "question"].item() == UNMATCHED


def test_backchannels_are_skipped_and_generic_probes_match_on_all_words():
    utterances = pd.DataFrame({
        "utterance_id": ["u1", "u2", "u3", "u4"], "session_id": "s9", "position": [0, 1, 2, 3],
        "role": ["interviewer", "participant", "interviewer", "participant"],
        "text": ["Tell me more about that moment where you froze.", "I just stopped.",
                 "Mm-hmm. Right.", "And then I closed the tab."]})
    guide = pd.DataFrame({"question_id": [1, 2], "position": [1, 2],
                          "text": ["What happened next?", "Tell me more about that."]})
    notes = pd.DataFrame({"note_id": ["x"], "utterance_id": ["u4"]})
    q = note_questions(notes, utterances, guide)
    # "Mm-hmm. Right." says nothing, so the question before it counts; the probe is all
    # common words, so it is compared on all five of them (all said): 1.0
    assert q[["asked_utterance_id", "question_id", "score"]].values.tolist() == [["u1", 2, 1.0]]
    assert question_similarity("Can you say more about that?", "Tell me more about that.") == 0.6


def test_theme_by_question_counts_notes_and_people():
    i = interview()
    t = theme_by_question(i["notes"], i["utterances"], i["guide"], i["themes"])
    assert t.index.tolist() == ["How did you first set up invoicing?",
                                "What do you think of the pricing?", "Anything else?",
                                UNMATCHED]
    assert t.columns.tolist() == ["Bank anxiety", "Pricing", "Setup path"]
    assert t.values.tolist() == [[2, 0, 1], [0, 1, 0], [0, 0, 0], [2, 0, 0]]
    people = theme_by_question(i["notes"], i["utterances"], i["guide"], i["themes"],
                               count="participants")
    # a and b are both p1 under the setup question: one person
    assert people.values.tolist() == [[1, 0, 1], [0, 1, 0], [0, 0, 0], [2, 0, 0]]


def test_inputs_are_not_mutated():
    s, i = small_study(), interview()
    before = {k: v.copy(deep=True) for k, v in {**s, **{f"i_{k}": v for k, v in i.items()}}.items()}
    participant_theme_matrix(s["notes"], s["participants"], s["themes"], round="r1")
    theme_cooccurrence(s["notes"], s["participants"], s["themes"])
    theme_by_question(i["notes"], i["utterances"], i["guide"], i["themes"])
    for key, frame in s.items():
        pd.testing.assert_frame_equal(frame, before[key])
    for key, frame in i.items():
        pd.testing.assert_frame_equal(frame, before[f"i_{key}"])
