"""A claim said for confirmation (*So you'd use it daily?*, *…, right?*): when it leads.

Part of judging whether a question leads (:mod:`synthesis.craft.judge`, whose docstring
lists every rule): a claim leads when it is the interviewer's opinion or guess (an opinion
marker, a judgement, *you know what I mean?*, a tag echoing the claim's verb) or supplies
the participant's motive, and not when the interviewer signals a check, restates the
participant's last words or talks on; a phrase with no verb of its own after an open
question offers examples of the answer, not a claim.
"""

from __future__ import annotations

import re

from .asked import Asked
from .hypothesis import reflects
from .lexicon import (AUXILIARIES, PRONOUN_SUBJECTS, VERDICT_PHRASES, VERDICT_WORDS, Lexicon,
                      first_phrase, words)
from .sentences import QUOTE, Sentence, strip_fillers
from .wordings import Wording

_CHECKING = (
    "is that right", "is that correct", "am i right", "i can't remember", "i cannot remember",
    "i don't remember", "i'm not sure", "i am not sure", "i don't know", "i do not know",
    "if i remember", "correct me",
    "did i get that right", "did i get some of that right", "if i understand",
    "if i understood", "if i heard", "you said", "you mentioned", "you told", "just to check",
    "just to confirm", "to clarify", "so you are saying", "you're saying",
)
_AGREEMENT_TAGS = ("you know what i mean", "know what i mean")
# A claim that is nothing but a reason or a purpose ("for safety's sake", "to save money",
# "so that the team…", "because…"): the participant's motive, supplied for them.
_REASON_GIVEN = re.compile(
    r"^(?:(?:maybe|probably|perhaps|mostly|mainly|partly|only|simply) )*"
    r"(for (?:the sake of|\w+'s sake|\w+ sake)|in order to|so that|because|"
    r"to(?= (?!(?:the|a|an|your|my|our|their|his|her|its|this|that|these|those|them|me|us|"
    r"him|you|it|some|all|each|every|\d+)\b)\w+))")
_EXAMPLE_OPENERS = frozenset("maybe perhaps like say possibly probably".split())


def leading_claim(w: Wording, sentences: list[Sentence], lex: Lexicon,
                  before: str) -> str | None:
    """Why a claim said for confirmation leads, or None (the module's docstring).

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON as lex
    >>> sentences, asked = questions_asked("it's easy, isn't it?", lex)
    >>> print(leading_claim(asked[0].first, sentences, lex, before=""))
    the tag "isn't it?" asks to agree with the interviewer's "easy"
    """
    text = w.claim
    if len(words(text)) <= 6 and w.index > 0:  # "Like you just talk to it, right?"
        prev = next((sentences[j].text for j in range(w.index - 1, -1, -1)
                     if not sentences[j].dash and len(sentences[j].words) > 2), "")
        text = prev + " " + text
    # the interviewer's doubt said just before the claim or straight after its tag ("…,
    # doesn't it? I can't remember.")
    said = " ".join(s.text for s in sentences[max(0, w.index - 1):w.index + 2])
    if first_phrase(_CHECKING, said) or w.tag in ("is that right", "is that correct", "am i right"):
        return None
    if not w.tag and _talks_on(sentences, w.index):
        return None  # "…is there an ideal…? But even so, you have…": talk goes on, unasked
    if reflects(w.claim, before):
        return None  # said back
    agreement = w.tag if w.tag in _AGREEMENT_TAGS else next(
        (t for k, s in enumerate(sentences[w.index + 1:], w.index + 1) for t in _AGREEMENT_TAGS
         if s.asks and " ".join(words(s.said)) == t and not _talks_on(sentences, k)), None)
    if agreement:  # "you know what I mean?" asks to agree, after a story told too
        return f'"{agreement}?" asks the participant to agree'
    if QUOTE in words(w.claim):
        return None  # a check on a story told ("where Steve was like, '…'" Right?)
    reason = _REASON_GIVEN.match(" ".join(strip_fillers(words(w.claim))))
    if reason:  # "Just to keep the auditors happy, right?": a motive the interviewer supplies
        return f'offers the interviewer\'s own reason ("{reason.group(1)} …") to confirm'
    marker = first_phrase(lex.opinion_markers, text) or first_phrase(lex.loaded_words, text) \
        or first_phrase(VERDICT_PHRASES, text) or next(
            (x for x in words(text) if x in VERDICT_WORDS), None)
    if marker is None and len(w.tag.split()) == 2 and w.tag.split()[0] in AUXILIARIES:
        # "Linux doesn't sleep, does it?", "You'd never go back, would you?": a question tag
        # echoing the claim's own verb presupposes it and asks only for agreement.
        return f'the tag "{w.tag}?" asks to agree with the interviewer\'s claim'
    if marker is None:
        return None
    asked = f'the tag "{w.tag}?"' if w.tag else "said for confirmation, it"
    return f'{asked} asks to agree with the interviewer\'s "{marker}"'


def _talks_on(sentences: list[Sentence], k: int) -> bool:
    """Whether the interviewer talks on after sentence ``k`` (a tag mid-monologue is a filler:
    "…, you know what I mean? There's still the admin, and…"); the reason for asking
    ("Because…") is not talking on: the question still waits for its answer."""
    return any(not s.asks and len(s.words) > 4 and s.words[0] != "because"
               for s in sentences[k + 1:])


def offers_examples(w: Wording, group: Asked) -> bool:
    """"How do you handle the returns? Maybe a refund, or a swap?": a phrase with no verb of
    its own, said after an open or specific question, offers examples of the answer asked
    for (a narrowing), not a claim of the interviewer's to agree with.

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON
    >>> _, asked = questions_asked("how do you handle returns? maybe a refund, or a swap?",
    ...                            DEFAULT_LEXICON)
    >>> offers_examples(asked[0].wordings[1], asked[0])
    True
    """
    if w is group.first or group.first.kind == "closed":
        return False
    head = [t for t in strip_fillers(words(w.claim)) if t not in _EXAMPLE_OPENERS][:3]
    return bool(head) and not (AUXILIARIES | PRONOUN_SUBJECTS) & set(head)


def unsure(w: Wording, sentences: list[Sentence]) -> bool:
    """Whether the interviewer has just said they do not know (*I don't know what you'd call
    it… I guess the valve?*): a guess after that is a check of a word, not an answer pushed.

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON
    >>> sentences, asked = questions_asked(
    ...     "i don't know what you'd call it. i guess the valve?", DEFAULT_LEXICON)
    >>> unsure(asked[0].first, sentences)
    True
    """
    said = " ".join(s.text for s in sentences[max(0, w.index - 1):w.index + 1])
    return bool(first_phrase(_CHECKING, said))
