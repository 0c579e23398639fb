"""Judging each question put: its kind, whether it leads, whether it asks two things at once.

**Kind** is that of the question's first wording (:mod:`synthesis.craft.forms`); a question
said for confirmation (*So you'd use it daily?*, *…, right?*) is closed.

**Leading** — the question itself pushes an answer (never the talk around it):

- a leading phrase inside it (*don't you think*, *would it be fair to say*, *surely*, *I'm
  sure*, *I guess…?*), unless the question offers alternatives (*…? Or would you…?*); in the
  talk before the question in its own sentence, a presumption (*obviously*, *surely*) leads
  only with a judgement beside it (*Obviously X was the worst part, so how…?*), and about the
  interviewer's own self (*I'm obviously a fan myself, but…*) never; *obviously*, mostly a
  filler in speech, needs that judgement in the question's own words too;
- a negative question (*Wouldn't that be a cool demo?*, *Isn't it…*; uncontracted, *Is that
  not…?*, unless the question offers the alternative itself), and a suggestion put to the
  participant (*Why not hire someone to do your books?*);
- a claim said for confirmation that is the interviewer's opinion or guess: it carries an
  opinion marker (*maybe*, *probably*, *might*, *sounds like*, *you want*, *cool*, *big*…)
  or a judgement (*easy*, *frustrating*, *clearer*, *saved you*), or its tag is *you know
  what I mean?* or a question tag echoing the claim's verb (*Linux doesn't sleep, does
  it?*) — not when the interviewer signals a check (*is that right?*, *I can't
  remember*, *you said…*), restates the participant's last words (two or more of the
  claim's content words, and at least half of them, in the participant's previous turn),
  or offers alternatives; a claim that is only a reason or purpose (*Just to keep the
  auditors happy, right?*) supplies the participant's motive and leads; *you know what I
  mean?* asks to agree even after a story told (a plain *right?* there checks the story);
  a phrase with no verb of its own after an open question (*How do you handle returns?
  Maybe a refund, or a swap?*) offers examples of the answer, not a claim;
- the interviewer's own hypothesis offered for confirmation: an explanation put on what
  was just told (*Was that because…?*), a view to agree with (*Do you feel that X is a
  result of Y?*), or a feeling backed by the interviewer's own guess
  (:mod:`synthesis.craft.hypothesis`);
- social proof before it (*Most of our users say setup is easy. Was that your experience
  too?*);
- *would you say* with a verdict (*…it's the best?*) and no alternative, and a prompt whose
  topic is a verdict (*Speak to the nightmare of month-end.*; *the pain points* name a
  topic);
- a judgement put in the participant's mouth (*how frustrated*, *why was it so painful*,
  *how do you make it so good*) unless both sides are offered (*how easy or hard*) or the
  participant has just said it themselves (*…it's fast.* — *What makes it so fast?*), or a
  presupposition in an open or degree question (*what did you like about*, *how much
  easier*); the interviewer's praise behind a degree word (*how did you get this
  successful*, *what makes it so elegant*: :data:`~synthesis.craft.lexicon.PRAISE_WORDS`
  after *so*, *this*, *that*, *such a*), unless the participant said it first;
- the interviewer's own characterisation put to the participant to rate (*…. Is that a good
  approximation?*, *Would that be fair?*), unless it restates the participant's last words.

Which of these rules hold up on recordings they were not written from, and which were
narrowed or left for that reason, is in ``bench/results/craft_rule_reliability.md``.

**Double-barrelled** — two questions on different points put back to back, with no talk of
the interviewer's between them (the turn's first question carries the flag), or one question
about two things (:mod:`synthesis.craft.double`). Two questions with the interviewer's own
talk between them are not: on real speech the second one re-asks or narrows the first far
more often than it adds a point (``bench/results/craft_rule_reliability.md``).

This module puts the judgements together, and decides which leading rule speaks first; the
rules live by what they read: :mod:`~synthesis.craft.leading_words` (a leading phrase, a
presumption, a negative question), :mod:`~synthesis.craft.confirmation` (a claim said for
confirmation), :mod:`~synthesis.craft.hypothesis` (the interviewer's hypothesis or
characterisation), :mod:`~synthesis.craft.verdicts` (a verdict, a judgement or social
proof handed over) and :mod:`~synthesis.craft.double`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..excerpt import excerpt
from .asked import Asked
from .confirmation import leading_claim, offers_examples, unsure
from .double import announced, back_to_back, two_things
from .forms import MORE_RE
from .hypothesis import offered_hypothesis, rated_characterisation
from .leading_words import HEDGES, PRESUMING, leading_phrase, negative_opening
from .lexicon import SECOND_PERSON, Lexicon, first_phrase, words
from .sentences import Sentence
from .verdicts import loaded_judgement, social_proof, verdict_named

# "Did you do X early, and that's what got you Y?": a yes/no question carrying its answer.
_EXPLANATION = re.compile(r"\b(?:and|so) (?:that|this|which) is (?:what|why|how)\b")
_ALTERNATIVE = re.compile(r"\bor\b(?! (?:something|whatever|anything|so|so on|things|stuff)\b)")


@dataclass(frozen=True)
class Question:
    """A question put to the participant, judged.

    ``leading`` and ``double`` hold the one-line reason when the flag is raised.
    """

    text: str
    kind: str
    leading: str | None = None
    double: str | None = None
    probe: bool = False


def judge(asked: list[Asked], sentences: list[Sentence], lex: Lexicon,
          before: str = "") -> tuple[Question, ...]:
    """Each question put in a turn, with its kind, flags and reasons (module docstring).

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON as lex
    >>> sentences, asked = questions_asked("wouldn't that be handy?", lex)
    >>> print(judge(asked, sentences, lex)[0].leading)
    a negative question ("wouldn't that …") expects a yes
    """
    out = []
    for n, group in enumerate(asked):
        double = two_things(group, lex)
        if double is None and n == 0:
            second = back_to_back(asked, sentences)
            if second is not None:
                double = f'asks "{excerpt(second.first.text)}" straight after, before any answer'
        if double is None and n == 0 and sum(len(g.wordings) for g in asked) > 1:
            double = announced(sentences)  # said so, and more than one wording follows
        out.append(Question(group.text, group.first.kind, _leading(group, sentences, lex, before),
                            double, _probe(group, lex)))
    return tuple(out)


def _balanced(group: Asked, opening: bool = True) -> bool:
    """Whether the question offers alternatives (an "or" between options, or "Or …?"); in a
    claim said for confirmation, only an alternative asked after it counts ("…, or not?").
    Without ``opening``, an "Or" opening the question (an alternative to what the
    participant said, not one the question offers) does not count."""
    for n, w in enumerate(group.wordings):
        text = w.text if not w.claim else w.text[len(w.claim):] if n == 0 else w.text
        if n == 0 and not opening:
            text = re.sub(r"^\s*or\b", "", text)
        if _ALTERNATIVE.search(text) and (n or not w.claim or _ALTERNATIVE.search(
                text.rsplit(",", 1)[-1])):
            return True
    return False


def _leading(group: Asked, sentences: list[Sentence], lex: Lexicon, before: str) -> str | None:
    """Why the question leads, or None: the first rule (in the order below) that flags it."""
    balanced = _balanced(group)
    for w in group.wordings:
        phrase = leading_phrase(w, sentences[w.index], lex)
        # A hedge leads in a claim said for confirmation ("I guess you were relieved?"), not
        # after a real question ("…the origin story, I guess?") or beside alternatives; a
        # presumption ("surely there's a way…?") is taken back by the alternative after it
        # ("…? Or how does it work?").
        if phrase and not ((balanced or not w.claim or unsure(w, sentences))
                           and phrase in HEDGES) and not (balanced and phrase in PRESUMING):
            return f'"{phrase}" supplies the answer'
        negative = negative_opening(sentences[w.index], plain=not _balanced(group, opening=False))
        if negative:
            return f'a negative question ("{negative} …") expects a yes'
        if w.starter == "why not" and SECOND_PERSON & set(words(w.text)) and not balanced:
            return 'a suggestion put to the participant ("why not …") asks them to agree'
    rated = rated_characterisation(group, sentences, before)
    if rated:
        return rated
    explained = next((m for w in group.wordings if w.kind == "closed" and not w.claim
                      and (m := _EXPLANATION.search(w.text))), None)
    if explained is not None:
        return f'"{explained.group(0)} …" offers its own explanation'
    claim = next((w for w in group.wordings if w.claim and not offers_examples(w, group)), None)
    if claim is not None and not balanced:
        reason = leading_claim(claim, sentences, lex, before)
        if reason:
            return reason
    hypothesis = offered_hypothesis(group, sentences, lex, before, balanced)
    if hypothesis:
        return hypothesis
    proof = social_proof(group, sentences)
    if proof:
        return proof
    first = group.first
    if first.starter in ("would you say", "do you agree", "would you not say") and not balanced:
        if first.starter != "would you say":
            return f'"{first.starter} …" offers the verdict without an alternative'
        verdict = verdict_named(words(group.text), lex)
        if verdict:
            return f'"would you say … {verdict}" offers the verdict without an alternative'
    return loaded_judgement(group, lex, before)


def _probe(group: Asked, lex: Lexicon) -> bool:
    if first_phrase(lex.probe_phrases, group.text):
        return True
    if any(MORE_RE.search(w.text) for w in group.wordings):
        return True
    return group.first.kind == "open" and len(words(group.text)) <= 3
