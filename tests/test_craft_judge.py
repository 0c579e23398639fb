"""Judging each question put: kind, leading, double-barrelled, one rule at a time.

Every wording here is written for this file, none of it taken from a labelled evaluation
set (tests/data/craft/*.csv).
"""

from __future__ import annotations

import pytest

from synthesis.craft import explain_flags, question_flags, questions_put


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("What software do you use for payroll?", "specific"),  # "what" + a noun
        ("What was the price of the basic plan?", "specific"),  # the value of a fact noun
        ("What kind of reports do you run?", "open"),
        ("What happened after the outage?", "open"),
        ("Where do you keep the receipts?", "specific"),
        ("At what point did you call the bank?", "specific"),
        ("How long did the audit take?", "specific"),
        ("How nervous were you before the launch?", "specific"),  # a degree
        ("Could you maybe just describe your setup?", "open"),  # softeners before the verb
        ("Do you remember roughly when the outage started?", "specific"),  # embedded "when"
        ("Did the auditor sign it off?", "closed"),  # any subject, with a question mark
        ("Is the board or the founder the one who decides?", "closed"),
        ("How and where do you keep receipts?", "open"),
        ("So the courier comes on Tuesdays?", "closed"),  # a statement said as a question
    ],
)
def test_kind(text: str, kind: str) -> None:
    assert questions_put(text)[0].kind == kind
    assert kind in question_flags(text)


def test_a_turn_has_exactly_one_kind_that_of_its_first_question() -> None:
    flags = question_flags("When did the pilot start? And how did the staff take it?")
    assert {"specific", "question", "double-barrelled"} == flags


@pytest.mark.parametrize(
    "text",
    [
        # Hedges and opinions in the talk around a neutral question do not lead.
        "I suppose that was annoying. What did you try next?",
        "Honestly, I'm sure the spreadsheet era was rough. How do you budget now?",
        # A hedge trailing a real question qualifies the wording, not the answer.
        "Could you tell us how the rollout went, I guess?",
        # A guess offered beside its alternative is fair.
        "I guess you'd hire a contractor? Or would you train someone?",
        # Checking a fact the interviewer is unsure of.
        "So the pilot started in May, is that right?",
        "You mentioned forty stores, right?",
        "So the reports go out on Mondays, right?",
        # A presumption before the question, about a plain fact or the interviewer's self.
        "Obviously there's a sign-off step at the end, so how long does approval take?",
        "I'm obviously a fan of spreadsheets myself, but what made you move off them?",
        # A presumption taken back by the alternative offered after it.
        "Surely the bank sends a statement? Or how do you reconcile the account?",
    ],
)
def test_not_leading(text: str) -> None:
    assert "leading" not in question_flags(text), explain_flags(text)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("I imagine the first month was rough?", "i imagine"),
        ("Wouldn't a weekly summary be handy?", "negative question"),
        ("Is it fair to say the vendor let you down?", "is it fair to say"),
        ("Lots of people tell us the export is clunky. Was that your experience too?",
         "lots of people"),
        ("What did you love about the old editor?", "presupposes"),
        ("Why was onboarding so stressful?", "so stressful"),
        ("So it probably took ages, right?", "probably"),
        ("Switching tools is always a pain. You know what I mean?", "know what i mean"),
        ("You'd pay for that yourself, right?", "you'd"),
        ("Surely the bank sends a statement?", "surely"),
        # A presumption with a judgement before the question in the same sentence.
        ("Obviously the paper forms were the worst part, so how did you replace them?",
         "obviously"),
    ],
)
def test_leading_with_its_reason(text: str, why: str) -> None:
    assert "leading" in question_flags(text)
    assert why in explain_flags(text)["leading"]


def test_social_proof_needs_a_question_that_asks_to_join_in() -> None:
    assert "leading" not in question_flags(
        "Lots of people use the export. How do you use it?")


def test_a_summary_of_the_participants_own_words_is_not_leading() -> None:
    said = "The import kept failing on the large client files, every single time."
    text = "So the import kept failing on large files, right? Painful."
    assert "leading" in question_flags(text)  # without what they said: a judgement pushed
    assert "leading" not in question_flags(text, before=said)  # with it: said back


@pytest.mark.parametrize(
    "text",
    [
        "What do you think of the calendar view and the reminders?",
        "Was it quick to install and to configure?",
        "Who set it up, and, um, who maintains it now?",
        "How often do you reconcile and which bank do you use?",
        "Tell me about the hiring process and also how you train people.",
        # A run-on sentence still asks what the question it ends on asks.
        "So with seasonal staff coming and going and the new tills that never quite worked "
        "and the landlord putting the rent up again last spring, how did you keep the books "
        "straight and what did you cut first?",
        # The same opening twice, each half with a verb of its own: two questions.
        "How did you find the new hires and how did you train them?",
        "My question is how you pick suppliers, and who negotiates the price?",
    ],
)
def test_double_barrelled(text: str) -> None:
    assert "double-barrelled" in question_flags(text), text


@pytest.mark.parametrize(
    "text",
    [
        # Two halves of one comparison, one purpose asked twice, one task with two verbs.
        "How much is done by hand and how much by the script?",
        "What's the purpose of the audit and why do you run it?",
        "How do you draft and send the contracts?",
        # A run-on caption sentence: its "and"s join talk, not questions.
        "So you have the warehouse and the shop and the pop-up stall and what you sell in "
        "each one changes with the season and the weather and whatever the suppliers have "
        "left over that week, how do you plan stock?",
    ],
)
def test_not_double_barrelled(text: str) -> None:
    assert "double-barrelled" not in question_flags(text), explain_flags(text)


def test_two_questions_put_in_one_turn_flag_the_first_and_count_two() -> None:
    questions = questions_put("How do you back up the files? And who checks the backups?")
    assert [q.kind for q in questions] == ["open", "specific"]
    assert questions[0].double and not questions[1].double
    assert "who checks the backups" in questions[0].double


def test_a_yes_no_question_carrying_its_own_explanation_leads() -> None:
    text = "Did you hire early, and that's why the launch went well?"
    assert "offers its own explanation" in explain_flags(text)["leading"]
    assert "leading" not in question_flags("Did you hire early?")


def test_a_tag_on_a_story_told_does_not_lead() -> None:
    text = ('I wonder if you considered a waitlist. It\'s like the old line, "build it and '
            'they will come." Right?')
    assert "leading" not in question_flags(text)


def test_two_things_need_a_verb_or_preposition_that_weighs_them() -> None:
    assert "double-barrelled" in question_flags("Did you use the website and the app?")
    assert "double-barrelled" not in question_flags(
        "Tell me about the year you wanted to own the website and the app.")


def test_the_story_of_how_someone_got_somewhere_is_one_question() -> None:
    # "…your career and how you ended up…" retells one story...
    assert "double-barrelled" not in question_flags(
        "Tell me a bit about your career and how you ended up in payroll.")
    # ...where "…and how you…" on anything else asks a second question.
    assert "double-barrelled" in question_flags(
        "Tell me about your suppliers and how you pay them.")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "how" + a subject and its verb asks for a manner, not a degree.
        ("I'd love to hear how clinics handle refunds.", "open"),
        ("How the night shift hands over, can you describe it?", "open"),
        # A degree: the word after "how" is followed by a verb, a subject, or nothing.
        ("I'm curious how painful it was.", "specific"),
        ("How big of a change was the move?", "specific"),
        ("How confident are you in the forecast?", "specific"),
    ],
)
def test_how_asks_for_a_degree_only_before_a_verb_or_subject(text: str, kind: str) -> None:
    assert questions_put(text)[0].kind == kind


@pytest.mark.parametrize(
    "text",
    [
        # a verb and its object joined to the verb before, not "and do it?" asked
        "Why is it that you keep at it and do it every winter?",
        # two aims describing the people asked about, in a relative clause
        "What is it like working with volunteers that you hope to keep and to train?",
        # the story of something from its founding to today, one prompt
        "Could you talk about the founding of the co-op and how it grew, and what you do "
        "there now?",
        # the "no" offered as an alternative, then spelled out: one question
        "How did the new rota change your week? Or didn't it? Do you not notice it much?",
    ],
)
def test_one_question_with_its_parts_is_not_double_barrelled(text: str) -> None:
    assert "double-barrelled" not in question_flags(text), explain_flags(text)


@pytest.mark.parametrize(
    "text",
    [
        "Why did you leave the co-op and do you miss it?",  # a real second question
        "What do you use to plan the rota and to pay people?",  # two tasks, no relative
        "How did the new rota change your week? Did you hire anyone?",  # another point
    ],
)
def test_the_fixes_leave_real_double_questions_flagged(text: str) -> None:
    assert "double-barrelled" in question_flags(text), explain_flags(text)


def test_an_agreement_tag_mid_monologue_is_a_filler() -> None:
    talk = ("Even on a good week the paperwork eats your evenings, you know what I mean? "
            "And then there is the chasing of late payers, which nobody enjoys at all.")
    assert "leading" not in question_flags(talk)
    # the same tag ending the turn asks the participant to agree
    assert "leading" in question_flags("The paperwork eats your evenings, you know what I mean?")


def test_a_guess_after_saying_you_do_not_know_is_a_check_of_a_word() -> None:
    text = "There's a part on top, I don't know what it's called. I guess the valve?"
    assert "leading" not in question_flags(text), explain_flags(text)
    assert "leading" in question_flags("I guess the valve was the worst part?")


def test_a_claim_the_interviewer_talks_on_from_asks_nothing_to_confirm() -> None:
    text = ("You'd love a quiet office...? But even in a quiet office you have the phone, "
            "the deliveries and the visitors all day long.")
    assert "leading" not in question_flags(text), explain_flags(text)
    # the reason for asking after it leaves it asked
    asked = "You'd love a quiet office? Because I know I would, after years of open plan."
    assert "leading" in question_flags(asked), explain_flags(asked)


@pytest.mark.parametrize(
    "text",
    [
        "How has your family shaped you running a bakery, as well as moving to the coast?",
        "What is it like teaching in the mornings and coaching the team at night?",
        "Tell me about fixing the roof along with painting the new shed.",
    ],
)
def test_two_activities_each_with_words_of_its_own_are_double(text: str) -> None:
    assert "double-barrelled" in question_flags(text), explain_flags(text)


def test_one_change_said_twice_is_not_two_activities() -> None:
    text = "How do you see the bakery growing and changing over the next ten years?"
    assert "double-barrelled" not in question_flags(text), explain_flags(text)


@pytest.mark.parametrize(
    ("text", "leading"),
    [
        ("Is that not a risk you take when you hire friends?", True),  # uncontracted
        ("Or do you not get a say in the hiring?", True),  # an "Or" opening it offers nothing
        ("Do you hire friends, or do you not?", False),  # both sides offered
        ("How does the night shift suit you? Or doesn't it? Do you not mind it?", False),
    ],
)
def test_an_uncontracted_negative_question_leads_unless_it_offers_both_sides(
        text: str, leading: bool) -> None:
    assert ("leading" in question_flags(text)) is leading, explain_flags(text)


@pytest.mark.parametrize(
    ("text", "leading"),
    [
        # Praise behind a degree word: the question is built on the interviewer's verdict.
        ("How did your bakery get this successful in two years?", True),
        ("What made the new shop front so gorgeous?", True),
        ("Why is the onboarding such a polished experience?", True),
        # Praise said beside a neutral question, or both sides offered: nothing presupposed.
        ("Your shop front is gorgeous. When did you open?", False),
        ("Was the first year successful?", False),
        ("How successful or not was the first year?", False),
    ],
)
def test_praise_behind_a_degree_word_is_presupposed(text: str, leading: bool) -> None:
    assert ("leading" in question_flags(text)) is leading, explain_flags(text)
    if leading:
        assert "praise" in explain_flags(text)["leading"]


def test_praise_the_participant_just_gave_is_theirs() -> None:
    text = "What made it so gorgeous?"
    before = "the new shop front is gorgeous, everyone stops to look"
    assert "leading" not in question_flags(text, before=before)
    assert "leading" in question_flags(text)


@pytest.mark.parametrize(
    ("text", "before", "leading"),
    [
        # The interviewer's own characterisation, put to the participant to rate.
        ("You run the bakery on instinct more than on numbers. Is that a fair description?",
         "", True),
        ("The co-op mostly grew by word of mouth, I'd say. Would that be accurate?", "", True),
        # A summary of the participant's own words, checked: fair.
        ("So you run the bakery on instinct more than numbers. Is that a fair summary?",
         "honestly I run the bakery on instinct, I never look at the numbers", False),
        # A plain check of a fact.
        ("The lease ends in March, is that right?", "", False),
    ],
)
def test_a_characterisation_put_to_rate_leads_unless_it_restates_the_participant(
        text: str, before: str, leading: bool) -> None:
    assert ("leading" in question_flags(text, before=before)) is leading, \
        explain_flags(text, before=before)


@pytest.mark.parametrize(
    ("text", "leading"),
    [
        # "Obviously" alone is a filler of speech, in the claim or the question.
        ("The bakery obviously moved after the flood, right?", False),
        ("Did the second oven obviously arrive before the holidays?", False),
        # Beside a judgement it presumes the verdict.
        ("The bakery obviously had the worst flood damage on the street, right?", True),
        ("Did the flood obviously make the worst week of the year?", True),
    ],
)
def test_obviously_leads_only_beside_a_judgement(text: str, leading: bool) -> None:
    assert ("leading" in question_flags(text)) is leading, explain_flags(text)
