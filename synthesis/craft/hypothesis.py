"""The interviewer's own hypothesis offered for confirmation: one cause of a leading question.

A closed question leads when what it asks the participant to confirm is the interviewer's
own explanation, evaluation or feeling rather than a fact or the participant's own words:

- **an explanation of what was just told** — a cause or origin put on *that* / *this* / *it*
  (*Was that because the old tool kept crashing?*, *Is that why you left?*, *And that's
  the root of the problem?*, *Do you feel this is a result of…?*, *Do you think that is
  what drives the churn?*);
- **a proposition to agree with** — *do you feel / think / believe / find that …* followed
  by an explanation or an excess (*Do you think that the team cares too little about
  docs?*; a judgement word alone, *do you feel you're amazing at it?*, asks the
  participant's own view and does not lead), rather than a neutral opinion asked for (*Do
  you think you'd use it?*) or a hypothetical asked about (*Do you think the team would do
  better without it?*);
- **a question built on the interviewer's claim** — *how do you feel that* + a claim
  the participant has not made (*How do you feel that remote work improved your focus?*);
- **a feeling or judgement backed by the interviewer's reasons** — a question naming a
  feeling or verdict (*Was that stressful for you?*) that the interviewer then (or just
  before) supports with a guess of their own (*…By the sound of it, you like to plan
  ahead.*, *…because I think most of us underrate it.*). Asked bare (*Was that a difficult
  decision for you?*) it is a fair question: the participant can say no.

- **a characterisation put to rate** — the interviewer's own description of the
  participant or their work followed by *Is that a good approximation?*, *Would that be
  fair?* (:func:`rated_characterisation`, called by :mod:`synthesis.craft.judge`).

Never leading when the explanation (the words from *because* on; in a cleft, *that is
what drives X*, the talk *that* points to), the proposition or the guess backing a feeling
restates what the participant just said (:func:`reflects`), or when the question offers
the alternative (*…, or was it something else?*).
"""

from __future__ import annotations

import re

from .asked import Asked
from .lexicon import FEELING_WORDS, VERDICT_WORDS, Lexicon, content_words, first_phrase, words
from .sentences import Sentence

# A cause or origin named for something: "because", "a consequence of", "the genesis of".
_CAUSE = re.compile(
    r"\b(?:because|due to|(?:a |the )?(?:consequence|result|product|symptom|side effect) of|"
    r"(?:the )?(?:reason|cause|root|origin|genesis|source) (?:of|for|behind)|why|"
    r"(?:led|leads|lead) to|comes? from|came from|stems? from|stemmed from|caused by|"
    r"driven by|down to|(?<=\bthat is )what \w+(?:s|ed)|(?<=\bthis is )what \w+(?:s|ed))\b")
# A demonstrative standing for what the participant told ("was that …", "that's …",
# "do you feel this is …"), the subject an explanation is put on.
_TOLD = re.compile(
    r"^(?:(?:and|so|but|or) )?(?:(?:is|was|has|had|would|could|might|do|does|did|are|were) "
    r"(?:you (?:feel|think|believe|find|reckon|say)(?: that)? )?)?"
    r"(?:that|this|it)(?:'s| is| was| has been| had been| would be| could be| might be| "
    r"been)?\b")
_PROPOSITION = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:do|did|would) you (?:feel|think|believe|find|reckon)"
    r"(?: that)? (.+)")
# "How do you feel that the move paid off?": an open question built on the interviewer's
# proposition (the "that" clause), which the participant has not said.
_PRESUPPOSED = re.compile(
    r"^(?:(?:and|so|but|then) )?(?:how|in what way) (?:do|did) you feel "
    r"that (.+)")
# A proposition in the conditional ("do you think teams would do better without it?") asks
# about a hypothetical: a judgement in it is the question's, not a view offered.
_SUPPOSED = frozenset("would could might would've could've".split())
# "Is that a good approximation?", "would that be fair?": the interviewer's own
# characterisation put to the participant to rate, a verdict asked on the interviewer's view.
_RATED = re.compile(
    r"\b(?:is|was|would) (?:that|this|it) (?:be )?(?:a |an )?(?:fair|good|accurate|reasonable|"
    r"decent|right|correct) (?:approximation|description|characteri[sz]ation|summary|"
    r"assessment|read|take|way to (?:put|say|describe) (?:it|that))\b|"
    r"\b(?:would|is) (?:that|this|it) (?:be )?(?:fair|accurate)\b")
# The interviewer's own guess backing a feeling or verdict put to the participant.
_GROUNDS = ("by the sounds of it", "by the sound of it", "sounds like", "it sounds as if",
            "because i think", "because i feel", "because i believe", "i can imagine",
            "i imagine", "i'd imagine", "i would imagine", "i suspect")


def offered_hypothesis(group: Asked, sentences: list[Sentence], lex: Lexicon,
                       before: str, balanced: bool) -> str | None:
    """Why a closed question offers the interviewer's own hypothesis, or ``None``.

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON as lex
    >>> s, asked = questions_asked("was that because the budget was cut?", lex)
    >>> offered_hypothesis(asked[0], s, lex, "", False)
    'offers the interviewer\\'s own explanation ("because") to confirm'
    """
    if balanced:
        return None
    for w in group.wordings:
        if w.kind != "closed" or w.proposal:
            continue
        text = " ".join(words(w.claim or w.text))
        told = _TOLD.match(text)
        # the cause put straight on what was told ("was that partly because…"), not one
        # named further on ("was it hard to find out why…" asks about finding out)
        cause = _CAUSE.search(text, told.end()) if told and told.end() > 0 else None
        if told and cause and len(text[told.end():cause.start()].split()) <= 2 and not reflects(
                _explanation(text, cause, sentences, w.index), before):
            return f'offers the interviewer\'s own explanation ("{cause.group(0)}") to confirm'
        prop = _PROPOSITION.search(text)
        if prop and len(content_words(prop.group(1))) >= 2 and not reflects(prop.group(1), before):
            said = prop.group(1)
            named = _CAUSE.search(said)
            # "…would do better without it?": a hypothetical asked about, not a view held
            supposed = bool(_SUPPOSED & set(said.split()[:6]))
            # A judgement word alone ("do you feel you're amazing at it?") asks the
            # participant's own view of themselves: on the rules' first runs on held-out sets
            # it led in none of its 2 flags. An excess ("too little", "too much") is the
            # interviewer's verdict to agree with.
            marker = named.group(0) if named else None if supposed else _excess(said)
            if marker:
                return f'offers the interviewer\'s own view ("{marker}") to agree with'
    first = group.first
    presumed = _PRESUPPOSED.match(" ".join(words(first.text)))
    if presumed and len(content_words(presumed.group(1))) >= 3 and not reflects(
            presumed.group(1), before):
        return "builds the question on the interviewer's own claim (\"… you feel that …\")"
    feeling = _judged(" ".join(words(first.text)), lex)
    if feeling and first.kind != "open" and feeling not in words(before):
        # grounds that say back the participant's own words ("It sounds like the week was
        # chaos. Was that stressful?") summarise them: the guess is not the interviewer's
        around = [s.text for s in sentences if not s.asks and not reflects(s.text, before)]
        grounds = next((g for t in around if (g := first_phrase(_GROUNDS, t))), None)
        if grounds:
            return f'puts "{feeling}" to the participant, backed by the interviewer\'s "{grounds}"'
    return None


def rated_characterisation(group: Asked, sentences: list[Sentence], before: str) -> str | None:
    """"It's been four quiet years of building. Is that a good approximation?": the
    interviewer's own characterisation put to the participant to rate. Not when what is
    rated restates the participant's last words (a summary checked is fair).

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON as lex
    >>> s, asked = questions_asked("you grew slowly for years. would that be fair?", lex)
    >>> rated_characterisation(asked[0], s, "")
    'asks the participant to rate the interviewer\\'s own characterisation ("would that be fair")'
    """
    for w in group.wordings:
        m = _RATED.search(" ".join(words(w.text)))
        if m is None:
            continue
        rated = " ".join(s.text for s in sentences[max(0, w.index - 2):w.index])
        if rated and not reflects(rated, before):
            return f'asks the participant to rate the interviewer\'s own characterisation ' \
                   f'("{m.group(0)}")'
    return None


def _explanation(text: str, cause: re.Match[str], sentences: list[Sentence], k: int) -> str:
    """The explanation a question offers, which is what must restate the participant for it
    to be a summary: the words from the cause on (*…because the budget was cut*); in a
    cleft (*that is what drives X*) the cause is *that*, the interviewer's talk just before
    (X, the thing explained, is often the participant's own words)."""
    if cause.group(0).startswith("what "):
        return sentences[k - 1].text if k > 0 else ""
    return text[cause.start():]


def _excess(text: str) -> str | None:
    """An excess named ("too little", "too much", "too slow"), the interviewer's verdict."""
    m = re.search(r"\btoo (?:much|little|many|few|\w+)\b", text)
    return m.group(0) if m else None


def _judged(text: str, lex: Lexicon) -> str | None:
    """A judgement or feeling named in the text (a loaded or verdict word, *too much*)."""
    tokens = words(text)
    loaded = next((t for t in tokens if t in lex.loaded_words or t in VERDICT_WORDS
                   or t in FEELING_WORDS), None)
    if loaded:
        return loaded
    return _excess(" ".join(tokens))


def reflects(claim: str, before: str) -> bool:
    """Whether the claim restates what the participant just said: at least half of its
    content words in the participant's previous turn, two or more of them — or one, when
    the claim has no more than two (*Marta kept everything* after *Marta kept the ledgers*).

    >>> reflects("so the invoices pile up", "the invoices just pile up on my desk")
    True
    >>> reflects("marta kept everything", "Marta kept all the old ledgers")
    True
    """
    if not before:
        return False
    mine, theirs = content_words(claim), content_words(before.lower())
    shared = mine & theirs
    return bool(shared) and (len(shared) >= 2 or len(mine) <= 2) and len(shared) * 2 >= len(mine)
