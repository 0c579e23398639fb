"""Questions the speaker does not put to the participant though they are worded as questions.

Rule 4 of :mod:`synthesis.craft.asked`. A question is rhetorical when it is not addressed to
the participant (no *you*, no prompt, no indirect *I'd love to hear…*) and the speaker
answers it (the next sentence opens *but*, *well*, *I don't know*, or *because* after a
*why*-question; after another, *because…* gives the reason for asking), or — a
wh-question — talks on from it for fifteen words or more without asking it again or turning
to the participant. A wh-question the speaker answers at once with a short phrase of their
own (*How do you get better? By doing it.*) is dropped even with *you* in it, and so is a
yes/no question answered at once with a flat *yes*, *no* or *maybe* (*Would you host it
yourself? Maybe. …*) when the speaker talks on. Also dropped:
questions about the interviewer's own past (*How did I forget that?*) and thinking aloud
in *we* questions beside a real one or in a run of them (not *What am I missing?*: the
interviewer's grasp, put to the participant to correct).

A **monologue** that asks and answers its own questions puts none of them: when three or
more of a turn's questions (each counted once, however reworded) are each followed by
fifteen words or more of the speaker's own talk, the speaker is talking to listeners, not
interviewing (*What's your name? So you start with… Why should anyone listen to you? If you
have clients…*). Only a last prompt or indirect question after the talk is still put.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon as lx
from .forms import INDIRECT_RE, candidate_value
from .lexicon import words as words_of
from .sentences import QUOTE, Sentence, strip_fillers

if TYPE_CHECKING:  # asked.py imports this module
    from .asked import Asked, Wording

_ANSWERING = ("but", "well", "i don't know", "i do not know", "because", "probably",
              "no", "yes", "nope", "not really", "the answer", "his answer", "her answer")
_FUNCTION = lx.FILLERS | lx.SUBJECTS | lx.AUXILIARIES | lx.WH_WORDS | frozenset(
    "about with for from into of on in at to by as than like just it is be".split())
# The interviewer's grasp of what was said, put to the participant to put right.
_UNDERSTANDING = frozenset("""missing miss misunderstanding misunderstand misunderstood misread
    misreading wrong confused confusing""".split())
_TALKED_ON = 15  # words of the speaker's own talk after a question that leave it unanswered
_MONOLOGUE = 3  # questions talked on from that make a turn a monologue


def addressed(w: Wording) -> bool:
    """Whether a wording is put to the participant by its form: a prompt ("tell me…") or an
    indirect question ("I'd love to hear how…") that is not about the speaker themselves.

    >>> from synthesis.craft.asked import Wording
    >>> addressed(Wording(0, "i wonder how i did that", "open", "i wonder"))
    False
    """
    if w.kind == "open" and w.starter.split(" ")[0] in lx.PROMPT_VERBS:
        return True
    return bool(INDIRECT_RE.match(w.starter)) and not {"i", "we", "me", "us"} & set(
        words_of(w.text)[len(w.starter.split()):])


def drop_monologue(groups: list[Asked], sentences: list[Sentence]) -> list[Asked]:
    """The questions of a turn, or none when the turn is a monologue (module docstring).

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON
    >>> talk = " you start small, then you grow it with the people who buy from you every week."
    >>> turn = ("what do you sell?" + talk + " who do you know?" + talk
    ...         + " when do you rest?" + talk)
    >>> len(questions_asked(turn, DEFAULT_LEXICON)[1])
    0
    """
    talked = 0
    for n, group in enumerate(groups):
        end = groups[n + 1].first.index if n + 1 < len(groups) else len(sentences)
        after = sentences[group.wordings[-1].index + 1:end]
        if not any(s.dash for s in after) and sum(len(s.words) for s in after) >= _TALKED_ON:
            talked += 1
    if talked < _MONOLOGUE:
        return groups
    last = groups[-1]  # "…, and that's the third thing. So tell me how you would do it."
    tail = sum(len(s.words) for s in sentences[last.wordings[-1].index + 1:])
    return [last] if addressed(last.first) and tail < _TALKED_ON else []


def drop_rhetorical(found: list[Wording], sentences: list[Sentence]) -> list[Wording]:
    """The wordings left once rhetorical ones are dropped, from the last question back: a
    question followed only by rhetorical ones and talk is rhetorical too ("What gives? Why
    is this? Well, I decided…").

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON
    >>> _, asked = questions_asked("why does it break? well, nobody knows. what did you do?",
    ...                            DEFAULT_LEXICON)
    >>> [a.text for a in asked]
    ['what did you do']
    """
    at = {w.index for w in found}
    rhetorical: set[int] = set()
    for w in reversed(found):
        if _answered_at_once(w, sentences):
            rhetorical.add(w.index)
            continue
        if addressed(w) or lx.SECOND_PERSON & set(sentences[w.index].words):
            continue  # asked of the participant
        talk = [j for j in range(w.index + 1, len(sentences)) if not sentences[j].dash
                and set(sentences[j].words) - lx.BACKCHANNEL_WORDS]
        if not talk or sentences[w.index + 1].dash:
            continue  # the turn ends on it, or the other speaker answers it: put
        j = talk[0]
        if j in at:
            if j in rhetorical:
                rhetorical.add(w.index)
            continue
        nxt = words_of(sentences[j].said)
        head = " ".join(nxt[:8])
        answers = any(head == a or head.startswith(a + " ") for a in _ANSWERING) and not (
            nxt[:1] == ["because"] and "why" not in words_of(w.text))
        # "Because…" answers a why-question; after any other it gives the reason for asking.
        rest = sum(len(sentences[k].words) for k in talk)
        said = strip_fillers(words_of(w.text))
        # "So what else? Let me ask you…"; not a guess at a number ("Twenty? Thirty?", "what,
        # ten years?")
        short = len(said) <= 3 and not candidate_value([t for t in said if t not in lx.WH_WORDS])
        later = {x for k in found if k.index > w.index and k.index not in rhetorical
                 for x in words_of(k.text)} - _FUNCTION
        taken_up = bool(later & (set(words_of(w.text)) - _FUNCTION))  # asked again, later
        # Talked on from without turning to the participant: only a wh-question ("Why is
        # this a date? The code keeps crashing…"); a yes/no one must be answered to be.
        talked_on = rest >= _TALKED_ON and not taken_up and not lx.SECOND_PERSON & set(
            nxt[:8]) and (w.kind != "closed" or w.claim)
        if answers or short or talked_on:
            rhetorical.add(w.index)
    kept = [w for w in found if w.index not in rhetorical and not _own_past(w)]
    # "…what are we going to do?" beside a real question, or a run of them ("How would our
    # teams change? Will we need more support?"): the interviewer thinking aloud.
    musing = [w for w in kept if _self_talk(w)]
    if len(kept) > len(musing) or len(musing) > 1:
        kept = [w for w in kept if w not in musing]
    return kept


def _answered_at_once(w: Wording, sentences: list[Sentence]) -> bool:
    """"How do you get better? By doing it.": a wh-question the speaker answers straight away
    with a short phrase of their own (no verb, said flat, not trailing off) and talks on asks
    nothing, even with *you* in it — the answer is given before the participant can speak. A
    turn that ends on the answer may hold the participant's reply merged into it (captions
    do that): the question stands.

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON
    >>> len(questions_asked("what keeps a team honest? regular demos. so who runs yours?",
    ...                     DEFAULT_LEXICON)[1])
    1
    """
    said = strip_fillers(words_of(w.text))
    if w.claim or not said or w.index + 1 >= len(sentences):
        return False
    if not any(set(x.words) - lx.BACKCHANNEL_WORDS for x in sentences[w.index + 2:]
               if not x.dash):
        return False  # the turn ends on the answer: likely the other speaker's, merged in
    answer = sentences[w.index + 1]
    if said[0] in lx.AUXILIARIES:
        # "Would you host it yourself? Maybe. …", "Do you read the manual? No, you …": a
        # yes/no question the speaker answers with a flat yes, no or maybe of their own.
        return (not answer.dash and not answer.asks and not answer.restating
                and answer.words[:1] in (["no"], ["yes"], ["maybe"], ["nope"], ["probably"]))
    if said[0] not in lx.WH_WORDS:
        return False
    tokens = strip_fillers(answer.words)
    new = set(tokens) - set(words_of(w.text)) - _FUNCTION  # an echo of the question adds none
    return (not answer.dash and not answer.asks and not answer.broken and not answer.restating
            and answer.said.endswith(".") and 0 < len(tokens) <= 4 and bool(new)
            and QUOTE not in tokens
            and not (lx.AUXILIARIES | lx.PRONOUN_SUBJECTS) & set(tokens))


def _own_past(w: Wording) -> bool:
    """"How did I forget that?": the participant cannot answer for the interviewer's past."""
    tokens = strip_fillers(words_of(w.text))
    return len(tokens) > 2 and tokens[0] in lx.WH_WORDS and tokens[1:3] in (
        ["did", "i"], ["was", "i"], ["had", "i"]) and not lx.SECOND_PERSON & set(tokens)


def _self_talk(w: Wording) -> bool:
    """"What are we going to do?": thinking aloud — not "What am I missing?", which asks the
    participant to correct what the interviewer understood."""
    tokens = strip_fillers(words_of(w.text))
    if _UNDERSTANDING & set(tokens):
        return False
    subject = tokens[1:3] if tokens and tokens[0] in lx.AUXILIARIES else tokens[2:3]
    return bool(subject) and subject[0] in ("i", "we") and not lx.SECOND_PERSON & set(tokens)
