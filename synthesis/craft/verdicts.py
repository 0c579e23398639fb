"""A verdict, a judgement or others' opinion handed to the participant with the question.

Part of judging whether a question leads (:mod:`synthesis.craft.judge`, whose docstring
lists every rule): *would you say* with a verdict, a prompt whose topic is a verdict (*the
nightmare of month-end*), a judgement or the interviewer's praise put in the participant's
mouth (*how frustrating*, *so elegant*) unless they said it first, a presupposition in an
open question, and social proof before the question (*Most of our users say…*).
"""

from __future__ import annotations

from .asked import Asked
from .lexicon import (PRAISE_WORDS, PROMPT_VERBS, SOCIAL_PROOF, VERDICT_PHRASES, VERDICT_WORDS,
                      Lexicon, first_phrase, phrase_in, words)
from .sentences import Sentence
from .wordings import Wording

_BACK_REFERENCE = ("too", "as well", "also", "same", "your experience", "like them")
# Loaded words that are nouns: what a prompt can hand over as its topic ("the mess of…").
_VERDICT_NOUNS = frozenset("""relief nightmare hassle pain breeze joy mess blessing curse
    disaster headache""".split())


def social_proof(group: Asked, sentences: list[Sentence]) -> str | None:
    """Why others held up before the question (*Most of our users say…*) lead, or None.

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON
    >>> sentences, asked = questions_asked(
    ...     "most of our users say setup is easy. was that your experience too?", DEFAULT_LEXICON)
    >>> print(social_proof(asked[0], sentences))
    "most of our users …" holds others up as the answer to agree with
    """
    w = group.first
    context = " ".join(s.text for s in sentences[max(0, w.index - 1):w.index + 1])
    proof = first_phrase(SOCIAL_PROOF, context)
    if proof and first_phrase(_BACK_REFERENCE, group.text):
        return f'"{proof} …" holds others up as the answer to agree with'
    return None


def verdict_named(tokens: list[str], lex: Lexicon) -> str | None:
    """The verdict a "would you say" question names after its starter, if any.

    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON as lex
    >>> verdict_named(words("would you say it's the best tool?"), lex)
    'best'
    """
    for i in range(len(tokens) - 2):
        if tokens[i:i + 3] == ["would", "you", "say"]:
            rest = tokens[i + 3:]
            break
    else:
        return None
    benefit = next((p for p in VERDICT_PHRASES if phrase_in(p, " ".join(rest))), None)
    if benefit:
        return benefit
    for i, w in enumerate(rest):
        if w in VERDICT_WORDS or w in lex.loaded_words:
            return w
        if w == "too" and i + 1 < len(rest):
            return "too " + rest[i + 1]  # "too long", "too expensive"; a final "too" is "also"
    return None


def _prompted_verdict(w: Wording, lex: Lexicon) -> str | None:
    """"Talk to me about the nightmare of month-end": a prompt whose topic is a verdict (a
    judgement noun after *the*) asks the participant to fill in the interviewer's view.
    "The pain points" name a topic, not a verdict."""
    if w.kind != "open" or w.starter.split(" ")[0] not in PROMPT_VERBS | {"can", "could"}:
        return None
    tokens = words(w.text)
    for i, tok in enumerate(tokens[:-1]):
        if tok != "the":
            continue
        for j in (i + 1, i + 2):  # "the nightmare", "the real nightmare"
            noun = tokens[j] if j < len(tokens) else ""
            if noun in lex.loaded_words and tokens[j + 1:j + 2] not in (["point"], ["points"]) \
                    and noun in _VERDICT_NOUNS:
                return " ".join(tokens[i:j + 1])
    return None


def loaded_judgement(group: Asked, lex: Lexicon, before: str = "") -> str | None:
    """A judgement in the participant's mouth, or a presupposition in an open question.

    A judgement the participant has just made themselves (*"…see how fast it is."* — *What
    makes it so fast?*) is theirs: asking about it puts nothing in their mouth.

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON as lex
    >>> _, asked = questions_asked("what makes it so fast?", lex)
    >>> print(loaded_judgement(asked[0], lex))
    "so fast" puts a judgement in the participant's mouth
    >>> print(loaded_judgement(asked[0], lex, before="you'll see how fast it is."))
    None
    """
    theirs = set(words(before.lower()))
    for w in group.wordings:
        tokens = words(w.text)
        for i, tok in enumerate(tokens[:-1]):
            nxt = tokens[i + 1]
            such = tok == "such" and nxt == "a" and i + 2 < len(tokens)
            if (tok in ("how", "so") and nxt in lex.loaded_words) or (
                    such and tokens[i + 2] in lex.loaded_words):
                span = 3 if such else 2
                if tokens[i + span:][:1] == ["or"] or tokens[i + span - 1] in theirs:
                    continue  # "how easy or hard" offers both sides; "so fast" after "fast"
                said = " ".join(tokens[i:i + span])
                return f'"{said}" puts a judgement in the participant\'s mouth'
            praised = tokens[i + 2] if such else nxt
            if (tok in ("so", "this", "that") or such) and praised in PRAISE_WORDS \
                    and praised not in theirs and tokens[i + (3 if such else 2):][:1] != ["or"]:
                said = " ".join(tokens[i:i + (3 if such else 2)])
                return f'"{said}" presupposes the interviewer\'s praise'
    verdict = _prompted_verdict(group.first, lex)
    if verdict:
        return f'"{verdict}" asks the participant to speak to the interviewer\'s verdict'
    if group.first.kind != "closed":
        phrase = first_phrase(lex.presupposing_phrases, group.text)
        if phrase:
            return f'"{phrase}" presupposes the answer'
    return None
