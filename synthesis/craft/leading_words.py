"""Leading words in a question: a leading phrase, a presumption, a negative opening.

Part of judging whether a question leads (:mod:`synthesis.craft.judge`, whose docstring
lists every rule): a leading phrase inside the question (*don't you think*, *surely*, *I'm
sure*, *I guess…?*) or, with a judgement beside it, a presumption in the talk before it in
its own sentence; and a negative question (*Wouldn't that be…?*, *Is that not…?*).
"""

from __future__ import annotations

import re

from .lexicon import (AUXILIARIES, NEGATED_AUXILIARIES, SUBJECTS, VERDICT_WORDS, Lexicon,
                      first_phrase, words)
from .sentences import Sentence
from .wordings import Wording

# The interviewer's guess: it leads in a claim said for confirmation only (judge._leading).
HEDGES = frozenset({"i guess", "i'd guess", "i'm guessing", "i am guessing", "i imagine",
                    "i'd imagine", "i would imagine", "i assume", "i take it", "presumably",
                    "you probably", "i bet", "i'm sure", "i am sure"})
# Adverbs presuming the answer ("surely", "obviously"): an alternative offered after them
# takes the presumption back, and about the interviewer ("I'm obviously…") they presume
# nothing of the participant.
PRESUMING = frozenset({"surely", "obviously", "presumably", "of course you", "you probably"})
# ...of which "obviously" is, in real speech, mostly a filler ("your journey didn't begin here,
# obviously"): on the rules' first runs on held-out sets it led in 1 of 5 flags. It leads
# only beside a judgement in its clause ("Obviously X was the worst part, so how…?").
_FILLER_PRESUMING = frozenset({"obviously"})
_CLAUSE_SPLIT = re.compile(r"\s*[,;:]\s*|\s+-+\s+|\.\.\.+\s*")
_SUPERLATIVE = re.compile(r"\bthe (?:\w+est|most \w+)\b")
_OWN_SELF = re.compile(
    r"\b(?:i|i'm|i've|i'd|we|we're|we've|my|our) (?:\w+ )?(?:surely|obviously|presumably)\b")


def leading_phrase(w: Wording, s: Sentence, lex: Lexicon) -> str | None:
    """A leading phrase in the question's own words (the wording from its question clause on,
    or the claim it asks to confirm) or in the talk before it in the same sentence; there, a
    presumption (*obviously*, *surely*) leads only when that talk passes a judgement
    ("Obviously the old portal was the worst part, so how…?", not "Obviously there's a review
    step, so how…?"). About the interviewer's own self ("I'm obviously biased, but what…") a
    presumption presumes nothing.

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON as lex
    >>> sentences, asked = questions_asked("surely there's a way to automate it?", lex)
    >>> leading_phrase(asked[0].first, sentences[asked[0].first.index], lex)
    'surely'
    """
    own = w.claim or w.text
    lead_in: list[str] = []
    for c in s.clauses if not w.claim else ():
        said = " ".join(c.raw)
        if w.text.startswith(said):
            break
        lead_in.append(said)
    else:
        lead_in = []  # the question's clause not found: judge its own words only
    for clauses, judged in ((_CLAUSE_SPLIT.split(own), False), (lead_in, True)):
        for clause in clauses:
            phrase = first_phrase(lex.leading_phrases, clause)
            if not phrase:
                continue
            if phrase in PRESUMING and _OWN_SELF.search(
                    clause[:clause.find(phrase) + len(phrase)]):
                continue
            if (judged or phrase in _FILLER_PRESUMING) and phrase in PRESUMING \
                    and not _judgement(clause, lex):
                continue
            return phrase
    return None


def _judgement(text: str, lex: Lexicon) -> bool:
    """Whether a clause passes a judgement: a loaded or verdict word, or a superlative."""
    tokens = words(text)
    return bool(first_phrase(lex.loaded_words, text)) or any(
        t in VERDICT_WORDS for t in tokens) or bool(_SUPERLATIVE.search(text))


def negative_opening(s: Sentence, plain: bool = False) -> str | None:
    """A negative question's opening: "wouldn't you…"; with ``plain`` also the uncontracted
    "is that not…" / "(or) do you not…" (read only when the question offers no alternative
    of its own: "How does it affect you, or doesn't it? Do you not notice?" is fair).

    >>> from synthesis.craft.sentences import split_turn
    >>> negative_opening(split_turn("isn't it easier with the portal?")[0])
    "isn't it"
    """
    for clause in s.clauses:
        t = clause.tokens
        if len(t) > 1 and t[0] in NEGATED_AUXILIARIES and t[1] in SUBJECTS and len(clause.raw) > 2:
            return " ".join(t[:2])
        t = t[1:] if t[:1] == ["or"] else t
        if plain and len(t) > 3 and t[0] in AUXILIARIES and t[1] in SUBJECTS and t[2] == "not":
            return " ".join(t[:3])
    return None
