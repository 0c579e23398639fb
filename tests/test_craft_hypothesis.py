"""The interviewer's own hypothesis offered for confirmation (synthesis.craft.hypothesis).

Every wording here is written for this file, none of it taken from a labelled evaluation
set (tests/data/craft/*.csv). ``before`` stands for the participant's previous turn.
"""

from __future__ import annotations

import pytest

from synthesis.craft import explain_flags, question_flags

STORY = "We moved the whole warehouse to the new scanner system in March."


@pytest.mark.parametrize(
    "text",
    [
        "Was that because the old scanners kept failing?",  # a cause put on "that"
        "Is that why the night shift stopped using it?",
        "So this is a result of the budget cuts?",  # a claim said as a question
        "Do you feel that the delays were down to poor training?",
        "Do you think that managers care too little about the floor staff?",  # a verdict
        "How do you feel that the new system changed the pace of the floor?",  # built on it
        "Was it stressful for you? I imagine the first weeks were chaos.",  # backed by a guess
        "Has the rollout been tiring for the team? By the sound of it, nobody had a break.",
    ],
)
def test_a_hypothesis_of_the_interviewer_offered_to_confirm_leads(text: str) -> None:
    assert "leading" in question_flags(text, before=STORY), explain_flags(text, before=STORY)


@pytest.mark.parametrize(
    "text",
    [
        "Was that a hard decision for you?",  # a feeling asked bare: the person can say no
        "Was that because of the cost, or for some other reason?",  # the alternative offered
        "Do you think you'd move the office too?",  # an opinion asked, no view offered
        "Did the move happen in March?",  # a fact check
        "Why do you feel that it mattered so much to move that quickly?",  # their reasons
        # "that" pointing at a thing, not opening a claim
        "How do you think that change affected the morale of the floor staff?",
        "Was it stressful for you? I ask because we are planning a move ourselves.",
    ],
)
def test_a_fair_question_is_not_taken_for_a_hypothesis(text: str) -> None:
    assert "leading" not in question_flags(text, before=STORY), explain_flags(text, before=STORY)


def test_an_explanation_the_participant_gave_said_back_does_not_lead() -> None:
    before = "Honestly the scanners were failing because the batteries were old and cheap."
    text = "So that was because the batteries were old?"
    assert "leading" in question_flags(text)  # without the context: the interviewer's guess
    assert "leading" not in question_flags(text, before=before)  # said back: a summary


def test_the_reason_names_the_explanation_offered() -> None:
    reason = explain_flags("Was that because the contract ran out?")["leading"]
    assert reason == 'offers the interviewer\'s own explanation ("because") to confirm'


@pytest.mark.parametrize(
    "text",
    [
        "Was it hard to find out why the scanners failed?",  # a cause asked about, not offered
        "Is it clear to the staff where the stock comes from?",
    ],
)
def test_a_cause_named_further_on_is_asked_about_not_offered(text: str) -> None:
    assert "leading" not in question_flags(text, before=STORY), explain_flags(text, before=STORY)


def test_a_feeling_backed_by_the_participants_own_words_is_a_summary() -> None:
    before = "The first weeks the whole warehouse was chaos, nobody knew the new scanners."
    text = "It sounds like the first weeks were chaos with the new scanners. Was that stressful?"
    assert "leading" not in question_flags(text, before=before), explain_flags(text, before=before)
    assert "leading" in question_flags(text, before=STORY)  # a guess of the interviewer's own
