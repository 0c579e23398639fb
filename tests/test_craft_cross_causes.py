"""Causes of the detector's errors found across all four real-turn sets, read recording by
recording (bench/results/craft_cross_recording.md), each fixed by a general rule and tested
here in wording of its own: none of these sentences is in any evaluation set
(``test_wording_is_in_no_set`` checks that).

Each block names the recordings the cause was seen in, so a rule that fixes one recording
and breaks others shows in the per-recording table.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from synthesis.craft import question_flags, questions_put

DATA = Path(__file__).parent / "data" / "craft"


def _flags(text: str, before: str = "") -> set[str]:
    return set(question_flags(text, before=before))


# Kind: a yes/no form that asks for talk is a request, open. Seen in JS Party 177 (2 turns),
# Practical AI 120 (3), Founders Talk 90 (1).
REQUESTS = [
    ("Do you wanna give us a picture of the bakery's first year?", "open"),
    ("Would you like to walk us through the packing line?", "open"),
    ("Do you mind sharing how the rota works?", "open"),
    ("Could you sort of explain the refund flow to me?", "open"),
    ("So could you maybe kind of talk to the things that went wrong at launch?", "open"),
    ("I was wondering if you could describe the warehouse a little.", "open"),
    ("I'm curious if you can tell us about the second shop.", "open"),
    ("Priya, do you wanna start us off?", "open"),
    ("Sam, would you like to take it home for us?", "open"),
    # a wish, an event, a habit, or an errand stay closed
    ("Do you want to keep the old till?", "closed"),
    ("Did you tell the landlord?", "closed"),
    ("Do you talk to the suppliers each week?", "closed"),
    ("Could you take the van home that night?", "closed"),
    ("Can you go back to the old supplier?", "closed"),
    ("I wonder if you could lower the price.", "closed"),
]


@pytest.mark.parametrize(("text", "kind"), REQUESTS)
def test_a_yes_no_form_asking_for_talk_is_an_open_request(text: str, kind: str) -> None:
    assert _flags(text) - {"leading"} == {"question", kind}


# Kind: "any thoughts on…" asks for a view. Seen in JS Party 177, The Changelog 250.
OPINIONS = [
    ("Any thoughts on the loyalty cards?", "open"),
    ("Any last words of advice for new stall holders?", "open"),
    ("Any other reflections before we stop recording?", "open"),
    ("Any trouble with the card reader?", "closed"),
]


@pytest.mark.parametrize(("text", "kind"), OPINIONS)
def test_any_thoughts_asks_for_a_view(text: str, kind: str) -> None:
    assert _flags(text) - {"leading"} == {"question", kind}


# Leading: the interviewer's own explanation in a cleft ("that is what drives X"), judged on
# the explanation, not on X (often the participant's own words). Seen in JS Party 177.
# "or things like that" ends a list of examples; it offers no alternative.
CLEFTS = [
    ("Do you think that is what drives the queue at the market stall?",
     "There's always a queue at the stall on Saturdays.", True),
    ("Do you think this is what keeps the regulars coming back, the loyalty stamps or "
     "things like that?", "The regulars keep coming back, week after week.", True),
    ("Was that because the rent went up?", "The rent went up twice that year.", False),
    ("Do you think the stall will still be there next year?", "", False),
]


@pytest.mark.parametrize(("text", "before", "leading"), CLEFTS)
def test_an_explanation_in_a_cleft_is_the_interviewers(text: str, before: str,
                                                       leading: bool) -> None:
    assert ("leading" in _flags(text, before)) is leading


# Leading: a judgement the participant has just made is theirs; asking why it is so puts
# nothing in their mouth. Seen in JS Party 178 (and the feeling rule already read so).
THEIRS = [
    ("What makes the new oven so quick?", "Honestly the new oven is quick, really quick.",
         False),
    ("What makes the new oven so quick?", "We bought a new oven in March.", True),
]


@pytest.mark.parametrize(("text", "before", "leading"), THEIRS)
def test_a_judgement_the_participant_made_is_theirs(text: str, before: str,
                                                    leading: bool) -> None:
    assert ("leading" in _flags(text, before)) is leading


# Leading: a short claim said back with a tag restates the participant when it shares its
# topic with their last words (one content word of at most two). Seen in JS Party 177.
SAID_BACK = [
    ("Oh of course, sure. Marta kept everything, right?", "Marta kept all the old ledgers.", False),
    ("Oh of course, sure. Marta kept everything, right?", "We moved in 2019.", True),
]


@pytest.mark.parametrize(("text", "before", "leading"), SAID_BACK)
def test_a_short_claim_sharing_the_participants_topic_is_said_back(text: str, before: str,
                                                                   leading: bool) -> None:
    assert ("leading" in _flags(text, before)) is leading


# Double-barrelled: a topicless wh-question opening with an earlier question's wh-word asks
# it again, when the questions between bring at most one word of a topic of their own; and a
# topicless question is about the scenario said before it in its sentence. Seen in JS Party
# 178 (2 turns) and Ship It 31; it undid one accidental hit in Founders Talk 93.
AGAIN = [
    ("Why did you open a second shop? What did that change? Why, really?", 1, False),
    ("Why did you open a second shop? And what did it do to your evening classes? Why?", 3,
     True),
    ("Suppose the courier loses a parcel, what happens? Does the courier pay for it?", 1,
     False),
    ("What happens then? Does the courier pay for it?", 2, True),
]


@pytest.mark.parametrize(("text", "count", "double"), AGAIN)
def test_a_question_asked_again_or_about_its_scenario_is_one(text: str, count: int,
                                                             double: bool) -> None:
    assert len(questions_put(text)) == count
    assert ("double-barrelled" in _flags(text)) is double


# What is put: a greeting said as a question (alone, or with a name after a comma) is
# social; a yes/no question the speaker answers at once with a flat yes / no / maybe of
# their own and talks on from is not put. Seen in The Changelog 250, Practical AI 120 (2),
# JS Party 178 (2), Ship It 31.
NOT_PUT = [
    ("Morning, Priya. How are you?", 0),
    ("How are you doing, Sam?", 0),
    ("How are you getting on with the new till?", 1),
    ("How are you feeling about the move now?", 1),
    ("Would you bake your own bread? Maybe. It depends on the oven you have.", 0),
    ("Do you read the manual? No, you plug it in and hope. Most of us do.", 0),
    ("Do you read the manual? No? What do you do instead?", 2),  # "No?" offers, asks on
]


@pytest.mark.parametrize(("text", "count"), NOT_PUT)
def test_greetings_and_yes_no_questions_answered_at_once_are_not_put(text: str,
                                                                      count: int) -> None:
    assert len(questions_put(text)) == count


# Kind: the question the turn puts, not a clause around it — "you know?" followed by a
# question is a filler tag (Ship It 31), "when customers call us, …" a subordinate clause
# (Ship It 31), "my last question for you is how…" announces an open question (Away From
# Keyboard 1).
AROUND = [
    ("We should do this again, you know? Before we stop, what would you tell a new baker?",
     {"question", "open"}),
    ("The stall does better in summer, you know?", {"question", "closed", "leading"}),
    ("So when customers ring you about a late parcel, what do they want from you?",
     {"question", "open"}),
    ("When exactly did the parcels start going missing?", {"question", "specific"}),
    ("My final question for you is how you kept going through the winter?",
     {"question", "open"}),
]


@pytest.mark.parametrize(("text", "flags"), AROUND)
def test_the_kind_is_that_of_the_question_not_the_talk_around_it(text: str,
                                                                 flags: set[str]) -> None:
    assert _flags(text) == flags


# Leading: examples offered after an open question (a verbless phrase: *Maybe a refund, or
# a swap?*) narrow it, they are no claim to agree with; a hypothetical asked about (*would do
# better without…*) is no view offered. Both seen in Ship It 31 / JS Party 178.
NARROWED = [
    ("How do you deal with the returns? Maybe a refund, or a swap?", False),
    ("How do you deal with the returns? Maybe you just refund them, right?", True),
    ("Do you think the bakery would do better without the café?", False),
    ("Do you feel shop owners worry too much about reviews?", True),
]


@pytest.mark.parametrize(("text", "leading"), NARROWED)
def test_examples_and_hypotheticals_are_not_views_offered(text: str, leading: bool) -> None:
    assert ("leading" in _flags(text)) is leading


# What is put: a prompt said as a statement about the participant ("you could talk about…",
# "you're best placed to tell us…") asks, open. Seen in The Changelog 250, Practical AI 120.
SUGGESTED = [
    ("Maybe, Sam, you could talk about the new kiln.", 1),
    ("Priya, I think you're best placed to tell us how the co-op started.", 1),
    ("It seems you can talk to the supplier directly now.", 0),
    ("You could tell the difference in the bread.", 0),
]


@pytest.mark.parametrize(("text", "count"), SUGGESTED)
def test_a_prompt_said_as_a_statement_about_the_participant_asks(text: str, count: int) -> None:
    put = questions_put(text)
    assert len(put) == count
    assert all(q.kind == "open" for q in put)


# Double-barrelled: embedded questions listed with a comma ("how it started, why it moved")
# ask two things as "and" would join them; a list whose wh-words repeat rewords one. Seen
# in The Changelog 250.
LISTED = [
    ("Tell us the story of how the bakery started, why it moved to Leeds, and so on.", True),
    ("Can you take us back to what it was like, how you found it, how you all found it?",
     False),
    ("Tell us how the bakery started.", False),
]


@pytest.mark.parametrize(("text", "double"), LISTED)
def test_embedded_questions_listed_with_a_comma(text: str, double: bool) -> None:
    assert ("double-barrelled" in _flags(text)) is double


# Leading: a question tag echoing the claim's own verb ("…, does it?", "…, wouldn't you?")
# presupposes the claim and asks only for agreement, with or without an opinion word; a
# check of a fact the interviewer is unsure of is not. Seen in Ship It 31 (and the clean
# sets' tag questions, already caught by their opinion words).
TAGGED = [
    ("The courier never rings twice, does he?", True),
    ("The market stall opens at nine, doesn't it? I can't remember.", False),
    ("The courier never rings twice, right?", False),
]


@pytest.mark.parametrize(("text", "leading"), TAGGED)
def test_a_question_tag_on_the_interviewers_claim_leads(text: str, leading: bool) -> None:
    assert ("leading" in _flags(text)) is leading


# What is put and leading: a tag followed only by a short restatement about *we* ("…, right?
# We're keeping the old van.") still asks; an analogy ("same as…") is the interviewer's own
# view. Seen in JS Party 178.
RESTATED = [
    ("Same as the old van, right? We're keeping the old van.", 1, True),
    ("It's quicker now, right? We moved all of the stock over to the new unit in May.", 0,
     False),
]


@pytest.mark.parametrize(("text", "count", "leading"), RESTATED)
def test_a_tag_restated_about_us_still_asks(text: str, count: int, leading: bool) -> None:
    assert len(questions_put(text)) == count
    assert ("leading" in _flags(text)) is leading


def test_wording_is_in_no_set() -> None:
    texts = " ".join(row["text"].lower() for path in DATA.glob("*.csv")
                     for row in csv.DictReader(path.open(encoding="utf-8")))
    cases = [*REQUESTS, *OPINIONS, *CLEFTS, *THEIRS, *SAID_BACK, *AGAIN, *NOT_PUT, *AROUND,
             *NARROWED, *SUGGESTED, *LISTED, *TAGGED, *RESTATED]
    for text, *_ in cases:
        assert text.lower() not in texts
