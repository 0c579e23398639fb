"""Causes of the detector's errors found on the second blind set (real_turns_blind2.csv), each
fixed by a general rule and tested here in wording of its own (none of it is in any set).

Every case reads one rule: the figures the rules reach on the sets are in
bench/results/craft_set_real_turns_blind2.md and craft_real_set.md.
"""

from __future__ import annotations

import pytest

from synthesis.craft import explain_flags, question_flags, questions_put


def _flags(text: str, before: str = "") -> set[str]:
    return set(question_flags(text, before=before))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # An adverb after "how" keeps it a question of manner, not of degree.
        ("How then does the warehouse know an order changed?", "open"),
        ("How exactly did your accountant get the files?", "open"),
        ("How easy was the export?", "specific"),  # an adjective: still a degree
        # Where a story or a business went next, asked figuratively, invites a description.
        ("So where did the shop go from there?", "open"),
        ("Where is the co-op heading now?", "open"),
        ("Where do you go next with the newsletter?", "open"),
        ("Where did you go to college?", "specific"),  # a place
        ("Where do you keep the receipts?", "specific"),
    ],
)
def test_manner_and_figurative_where_questions_are_open(text: str, kind: str) -> None:
    assert _flags(text) - {"leading"} == {"question", kind}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # The speaker answers their own wh-question at once with a short phrase.
        ("What gets a bakery through winter? Wedding cakes. So how did yours do?", 1),
        ("How do you learn a till system? Trial and error. Anyway, who trained you?", 1),
        # Not an answer: an echo of the question, an example in quotes, a back-channel.
        ("What would you change first, if anything? Change first.", 1),
        ('What did you think? Like, "not again."', 1),
        ("What did the auditor say? Yeah.", 1),
        # A sentence with a verb of its own is talk, read by the other rhetorical rules.
        ("Who approves your refunds? I ask because ours stall.", 1),
    ],
)
def test_a_question_answered_at_once_by_the_speaker_is_not_put(text: str, count: int) -> None:
    assert len(questions_put(text)) == count


def test_an_ellipsis_after_a_question_opens_the_next_sentence() -> None:
    # "…rota? ...I'm not sure" keeps its sentence break: the question still ends with "?".
    text = "And why not share the rota with your drivers? ...I'm not sure what they'd make of it."
    assert _flags(text) == {"question", "closed", "leading"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A suggestion put to the participant asks them to agree.
        ("Why not let your clients book online?", {"question", "closed", "leading"}),
        # A bare "Why not?" asks for a reason; a suggestion with no one in it is not put to
        # the participant as theirs.
        ("Why not?", {"question", "open"}),
        ("Why not print them?", {"question", "closed"}),
        # Right after a why-question, "why not…" is its other side: one question.
        ("Why send the forms by post? Why not just email them?", {"question", "open"}),
    ],
)
def test_why_not_suggests(text: str, expected: set[str]) -> None:
    assert _flags(text) == expected


def test_a_prompt_that_points_back_asks_the_question_before_again() -> None:
    text = ("Could you talk about how the payroll rules and the pension rules have changed "
            "lately? I ask because we hear a lot about it. Just give us a short history of that.")
    assert len(questions_put(text)) == 1
    assert "double-barrelled" not in explain_flags(text)
