"""Finding the questions actually put in a turn of real speech, one rule at a time.

Every wording here is written for this file: none of it is in a labelled evaluation set
(tests/data/craft/*.csv), so these tests pin the rules, not the sets' phrases.
"""

from __future__ import annotations

import pytest

from synthesis.craft import explain_flags, question_flags, questions_put


def _kinds(text: str, before: str = "") -> list[str]:
    return [q.kind for q in questions_put(text, before=before)]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # An advert read out mid-interview asks nothing, up to where it sends you somewhere.
        ("This part of the show is brought to you by Acme Ledger. Why wait for month end? "
         "Visit acmeledger.io today. So how did the migration go for your team?", ["open"]),
        # Imagined speech: what the interviewer pictures someone saying is not asked.
        ("You're probably like, why does this even exist? What's your take on it?", ["open"]),
        ("And they were all going, which login is mine? How do you hand out accounts now?",
         ["open"]),
        # A quoted question neither splits the sentence nor counts.
        ('When your boss asked "is it ready?", what did you tell her?', ["open"]),
        # A question to the audience, not the participant.
        ("Why does any of this matter, folks? Because the deadline moved.", []),
    ],
)
def test_speech_that_is_not_put_to_the_participant(text: str, kinds: list[str]) -> None:
    assert _kinds(text) == kinds


@pytest.mark.parametrize(
    "text",
    ["Sorry, can you hear me okay?", "Before we wrap, do you have any questions for us?",
     "Thanks so much, have a great weekend.", "Did it? Wow.", "Is that so?",
     "Who knows what the regulator will do next?", "Why don't you just sleep on it?"],
)
def test_procedural_social_and_back_channel_turns_put_no_question(text: str) -> None:
    assert questions_put(text) == ()
    assert question_flags(text) == frozenset()


def test_a_back_channel_opening_a_turn_does_not_hide_the_question_after_it() -> None:
    assert _kinds("Did it? Wow. And who found the bug?") == ["specific"]
    # A suggestion is no question, but a prompt said the same way is.
    assert _kinds("Why don't you walk me through the handover?") == ["open"]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # A tag in the middle of talk is a filler...
        ("Spreadsheets are everywhere, right? Every team I meet keeps three of them and "
         "nobody trusts the numbers in any of them anymore.", 0),
        # ...and one followed by a sentence with its own subject too.
        ("The old tool was cheaper, right? We paid half as much.", 0),
        # Where the interviewer stops after it, it asks.
        ("So the backups run nightly, right?", 1),
        ("So the backups run nightly, right? Like around two.", 1),
        # A caption dash: the other speaker answers the tag.
        ("So the backups run nightly, right? - Yes, every night.", 1),
        # A tag after a question belongs to it.
        ("How do the backups run, right?", 1),
    ],
)
def test_a_tag_asks_only_where_the_talk_stops(text: str, count: int) -> None:
    assert len(questions_put(text)) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Why would anyone print invoices? I don't know. Anyway, it happens.", 0),
        ("What does a good week look like? Well, for most freelancers it means getting paid "
         "on time and not chasing anybody for a change.", 0),
        # Asked of "you": put, even with talk after it.
        ("What does a good week look like for you? I ask everyone that, because the answers "
         "vary so much between trades and regions.", 1),
        # Answered with "But…" by the interviewer: rhetorical.
        ("Could the vendor raise prices again? But honestly nobody can say.", 0),
        # Talked on from, but asked again later: put.
        ("How does the scanner know? Let me set the scene for the listeners here first, "
         "because it matters. And how does it know which receipts are yours?", 2),
        # "Because…" answers a why-question; after another it gives the reason for asking.
        ("Why do couriers run late in December? Because the depots overbook every year.", 0),
        ("How do the couriers decide which parcels go first? Because from the outside it "
         "looks random.", 1),
    ],
)
def test_rhetorical_questions_are_dropped(text: str, count: int) -> None:
    assert len(questions_put(text)) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # Rephrasings, narrowings with options or examples, echoes and self-repairs: one.
        ("What do you do when a payment fails? Like, what's the first step?", 1),
        ("How do you pick a supplier? Do you compare quotes or go by reputation?", 1),
        ("Did you, how did you hear about us?", 1),
        ("How did you set the prices? So how did you set them?", 1),
        ("What about the mobile app? If I wanted to approve on the train, could I?", 1),
        # A follow-up with no topic of its own, or a candidate answer about what was just
        # asked of ("was it…?"), narrows the question.
        ("What sort of dashboards are you building? Anything in particular?", 1),
        ("How did the warehouse move go? Was it smooth?", 1),
        ("Could you give us a sense of the old approval flow? A client of ours had one like "
         "it. Tell us about that.", 1),
        # A question with no topic of its own, asked again in full after the reason for it.
        ("What does that look like? Because I'd guess it's mostly manual at first. But what "
         "does it look like once the order volume doubles?", 1),
        # A question asked again after another: what came between was said around it.
        ("Did the landlord ever repair the boiler, or just promise to? I heard the winter "
         "was rough. Can you fill me in on that part? Did the landlord repair the boiler?", 1),
        # A new point: "and", a bare "why?", a yes/no question on something else.
        ("How do you set prices? And who signs off on discounts?", 2),
        ("Which plan are you on? Why?", 2),
        ("How was the first week? Did anyone quit?", 2),
        # Talk of its own, then a question sharing nothing with the first: a new point
        # (two questions, but not double-barrelled: the interviewer talks between them).
        ("Did legal review the contract first? I only ask because it came up twice last "
         "month with other teams. What was the hardest part of the rollout?", 2),
    ],
)
def test_wordings_of_one_question_are_merged(text: str, count: int) -> None:
    questions = questions_put(text)
    assert len(questions) == count
    talk_between = "I only ask" in text
    assert ("double-barrelled" in question_flags(text)) == (count > 1 and not talk_between)


@pytest.mark.parametrize(
    ("text", "double"),
    [
        # Back to back: two things to answer at once.
        ("How do you back up the shop's files? And who checks them?", True),
        ("What made you pick the blue van? And how long did the lease run?", True),
        # The interviewer talks between them: the second is asked once the first is set
        # aside, however different its point (on real speech, usually a re-ask).
        ("How do you back up the shop's files? We keep a drive in the office and a copy in "
         "the cloud ourselves. And who checks them?", False),
        ("What made you pick the blue van? My uncle drove one just like it across the "
         "mountains when I was small. How long did the lease run?", False),
    ],
)
def test_two_questions_are_double_barrelled_only_back_to_back(text: str, double: bool) -> None:
    assert len(questions_put(text)) == 2
    assert ("double-barrelled" in question_flags(text)) == double
    if double:
        assert "before any answer" in explain_flags(text)["double-barrelled"]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Let's talk about your month-end routine.", ["open"]),
        # A proposal is only a prompt when nothing else is asked.
        ("Let's talk about month end. What happens on the last day?", ["open"]),
        ("I'm curious whether the audit changed anything.", ["closed"]),
        ("I'd love to hear how you onboard new staff.", ["open"]),
        ("And the reports go to?", ["specific"]),
        # Without "?", a wh-word after a comma is a relative clause.
        ("We moved to the new portal, which is faster.", []),
        # Talking to oneself beside a real question.
        ("What about a shared inbox? Hmm, what are we even doing here?", ["open"]),
        ("Final thoughts?", ["open"]),
        # A question announced in the same breath: the question is what follows.
        ("We've covered pricing, but one question I always have is who signs off on refunds?",
         ["specific"]),
        # "The real question is how we…" states the issue: no question is announced.
        ("The real question is how we keep costs down, and honestly we haven't cracked it.",
         []),
        # A proposal asked as a question: a prompt when it is the only ask...
        ("Could we go back to the supplier issue and talk about what you changed?", ["open"]),
        # ...and an announcement when a question follows.
        ("Before the pricing part, can we chat a little about your team? How big is it now?",
         ["specific"]),
    ],
)
def test_prompts_proposals_and_indirect_questions(text: str, kinds: list[str]) -> None:
    assert _kinds(text) == kinds


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # A wording that trails off gives way to the one after it.
        ("Tell me, with the old portal... Was it the blue one or the grey one?", ["closed"]),
        # An exclamation asks nothing, whatever its punctuation.
        ("You did what?!", []),
        # An indirect question after other talk in the same sentence still asks.
        ("I'm not sure if you budget monthly, I'm curious whether you ever run over.",
         ["closed"]),
        # An announced question and the question that follows it are one.
        ("I'd love to hear about the move to the cloud. What broke first?", ["open"]),
        ("But I wonder whether you priced it per seat. Honestly it varies a lot. How did you "
         "settle on a price?", ["closed"]),
        # A tag checking a story just told belongs to the question before it.
        ('I wonder if you considered a waitlist. It\'s like the old line, "build it and '
         'they will come." Right?', ["closed"]),
        # The interviewer's own past, and thinking aloud in a run of "we" questions.
        ("Sorry, what did I say a minute ago?", []),
        ("What would the first month look like? Would we need more staff? Would we need a "
         "new office?", ["open"]),
        ("Did I get that right?", ["closed"]),
        # "how you're…" is a clause about the participant, not a degree.
        ("I know how you're paid, so when does the money arrive?", ["specific"]),
        ("Talk about the day the site went down.", ["open"]),
    ],
)
def test_false_starts_exclamations_announcements_and_musing(text: str, kinds: list[str]
                                                            ) -> None:
    assert _kinds(text) == kinds


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # A question with no topic of its own ("how was it?") takes it from the one right
        # after it: one question, not two...
        ("So how was it? Did the new hires pick the rota up quickly?", 1),
        # ...but an open question with a topic, then a yes/no one on something else, is two.
        ("How did the stocktake go? Did any of the tills break?", 2),
    ],
)
def test_a_question_with_no_topic_of_its_own_is_narrowed_by_the_next(text: str,
                                                                     count: int) -> None:
    assert len(questions_put(text)) == count
    assert ("double-barrelled" in question_flags(text)) == (count > 1)


def test_a_bare_could_this_be_framing_a_scene_in_another_voice_is_not_asked() -> None:
    # Imagined speech without a marker: what the assistant would say is not put.
    assert questions_put("So could it be, I've reviewed your file and found two gaps.") == ()
    assert _kinds("So would it be, we've checked the stock. Do you want it today or next "
                  "week?") == ["closed"]
    # Not a frame: the clause after the comma has no speaker of its own.
    assert _kinds("Could it be, like, a timing problem?") == ["closed"]


def test_an_indirect_question_is_put_even_with_talk_after_it() -> None:
    # Relayed from the audience: asked by its form, though no "you" and talk follows.
    text = ("Someone in the chat writes, it'd be great to hear how clinics handle refunds. We "
            "had a messy quarter with those last year and nobody could find the paperwork.")
    assert _kinds(text) == ["open"]
    # Wondering about oneself is not asked.
    assert questions_put("I wonder how I missed that. Anyway, the numbers were fine in the "
                         "end and we shipped the whole thing on time.") == ()


_TALK = " Most shops start small, then grow it with the regulars who come back every week."


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # Three questions, each answered by the speaker's own talk: a monologue to listeners.
        ("What should your window say?" + _TALK + " Who are you talking to?" + _TALK
         + " Why should they care about your shop?" + _TALK, []),
        # A prompt to the participant after the monologue is still put.
        ("What should your window say?" + _TALK + " Who are you talking to?" + _TALK
         + " Why should they care about your shop?" + _TALK + " Tell me how you did yours.",
         ["open"]),
        # Two such questions are not a monologue.
        ("What should your window say?" + _TALK + " Who are you talking to?" + _TALK,
         ["open", "specific"]),
    ],
)
def test_a_monologue_that_answers_its_own_questions_puts_none(text: str,
                                                              kinds: list[str]) -> None:
    assert _kinds(text) == kinds


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # "And maybe a few examples of…" after a question asks for a second thing.
        ("Could you walk me through the audit? And maybe a few examples of what went wrong.",
         2),
        # Not when it is a statement with a verb of its own, or talk follows it.
        ("Could you walk me through the audit? And a few clients left.", 1),
        ("Could you walk me through the audit? And a few examples of what went wrong would "
         "help, because the board asks me every quarter and I never have a good answer.", 1),
    ],
)
def test_an_elliptical_second_ask_after_a_question(text: str, count: int) -> None:
    assert len(questions_put(text)) == count
    assert ("double-barrelled" in question_flags(text)) == (count > 1)
