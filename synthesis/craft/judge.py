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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..excerpt import excerpt
from .asked import Asked, Wording
from .double import announced, back_to_back, two_things
from .forms import MORE_RE
from .hypothesis import offered_hypothesis, rated_characterisation, reflects
from .lexicon import (
    AUXILIARIES,
    NEGATED_AUXILIARIES,
    PRAISE_WORDS,
    PRONOUN_SUBJECTS,
    PROMPT_VERBS,
    SECOND_PERSON,
    SOCIAL_PROOF,
    SUBJECTS,
    VERDICT_PHRASES,
    VERDICT_WORDS,
    Lexicon,
    first_phrase,
    phrase_in,
    words,
)
from .sentences import QUOTE, Sentence, strip_fillers

_CHECKING = (
    "is that right", "is that correct", "am i right", "i can't remember", "i cannot remember",
    "i don't remember", "i'm not sure", "i am not sure", "i don't know", "i do not know",
    "if i remember", "correct me",
    "did i get that right", "did i get some of that right", "if i understand",
    "if i understood", "if i heard", "you said", "you mentioned", "you told", "just to check",
    "just to confirm", "to clarify", "so you are saying", "you're saying",
)
_HEDGES = frozenset({"i guess", "i'd guess", "i'm guessing", "i am guessing", "i imagine",
                     "i'd imagine", "i would imagine", "i assume", "i take it", "presumably",
                     "you probably", "i bet", "i'm sure", "i am sure"})
_AGREEMENT_TAGS = ("you know what i mean", "know what i mean")
# Adverbs presuming the answer ("surely", "obviously"): an alternative offered after them
# takes the presumption back, and about the interviewer ("I'm obviously…") they presume
# nothing of the participant.
_PRESUMING = frozenset({"surely", "obviously", "presumably", "of course you", "you probably"})
# ...of which "obviously" is, in real speech, mostly a filler ("your journey didn't begin here,
# obviously"): on the rules' first runs on held-out sets it led in 1 of 5 flags. It leads
# only beside a judgement in its clause ("Obviously X was the worst part, so how…?").
_FILLER_PRESUMING = frozenset({"obviously"})
_CLAUSE_SPLIT = re.compile(r"\s*[,;:]\s*|\s+-+\s+|\.\.\.+\s*")
_SUPERLATIVE = re.compile(r"\bthe (?:\w+est|most \w+)\b")
_OWN_SELF = re.compile(
    r"\b(?:i|i'm|i've|i'd|we|we're|we've|my|our) (?:\w+ )?(?:surely|obviously|presumably)\b")
_BACK_REFERENCE = ("too", "as well", "also", "same", "your experience", "like them")
# "Did you do X early, and that's what got you Y?": a yes/no question carrying its answer.
_EXPLANATION = re.compile(r"\b(?:and|so) (?:that|this|which) is (?:what|why|how)\b")
# A claim that is nothing but a reason or a purpose ("for safety's sake", "to save money",
# "so that the team…", "because…"): the participant's motive, supplied for them.
_REASON_GIVEN = re.compile(
    r"^(?:(?:maybe|probably|perhaps|mostly|mainly|partly|only|simply) )*"
    r"(for (?:the sake of|\w+'s sake|\w+ sake)|in order to|so that|because|"
    r"to(?= (?!(?:the|a|an|your|my|our|their|his|her|its|this|that|these|those|them|me|us|"
    r"him|you|it|some|all|each|every|\d+)\b)\w+))")
# Loaded words that are nouns: what a prompt can hand over as its topic ("the mess of…").
_VERDICT_NOUNS = frozenset("""relief nightmare hassle pain breeze joy mess blessing curse
    disaster headache""".split())
_EXAMPLE_OPENERS = frozenset("maybe perhaps like say possibly probably".split())
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
    balanced = _balanced(group)
    for w in group.wordings:
        phrase = _leading_phrase(w, sentences[w.index], lex)
        # A hedge leads in a claim said for confirmation ("I guess you were relieved?"), not
        # after a real question ("…the origin story, I guess?") or beside alternatives; a
        # presumption ("surely there's a way…?") is taken back by the alternative after it
        # ("…? Or how does it work?").
        if phrase and not ((balanced or not w.claim or _unsure(w, sentences))
                           and phrase in _HEDGES) and not (balanced and phrase in _PRESUMING):
            return f'"{phrase}" supplies the answer'
        negative = _negative(sentences[w.index], plain=not _balanced(group, opening=False))
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
    claim = next((w for w in group.wordings if w.claim and not _examples(w, group)), None)
    if claim is not None and not balanced:
        reason = _confirmation(claim, sentences, lex, before)
        if reason:
            return reason
    hypothesis = offered_hypothesis(group, sentences, lex, before, balanced)
    if hypothesis:
        return hypothesis
    proof = _social_proof(group, sentences)
    if proof:
        return proof
    first = group.first
    if first.starter in ("would you say", "do you agree", "would you not say") and not balanced:
        if first.starter != "would you say":
            return f'"{first.starter} …" offers the verdict without an alternative'
        verdict = _verdict(words(group.text), lex)
        if verdict:
            return f'"would you say … {verdict}" offers the verdict without an alternative'
    return _loaded(group, lex, before)


def _examples(w: Wording, group: Asked) -> bool:
    """"How do you handle the returns? Maybe a refund, or a swap?": a phrase with no verb of
    its own, said after an open or specific question, offers examples of the answer asked
    for (a narrowing), not a claim of the interviewer's to agree with."""
    if w is group.first or group.first.kind == "closed":
        return False
    head = [t for t in strip_fillers(words(w.claim)) if t not in _EXAMPLE_OPENERS][:3]
    return bool(head) and not (AUXILIARIES | PRONOUN_SUBJECTS) & set(head)


def _unsure(w: Wording, sentences: list[Sentence]) -> bool:
    """Whether the interviewer has just said they do not know (*I don't know what you'd call
    it… I guess the valve?*): a guess after that is a check of a word, not an answer pushed."""
    said = " ".join(s.text for s in sentences[max(0, w.index - 1):w.index + 1])
    return bool(first_phrase(_CHECKING, said))


def _leading_phrase(w: Wording, s: Sentence, lex: Lexicon) -> str | None:
    """A leading phrase in the question's own words (the wording from its question clause on,
    or the claim it asks to confirm) or in the talk before it in the same sentence; there, a
    presumption (*obviously*, *surely*) leads only when that talk passes a judgement
    ("Obviously the old portal was the worst part, so how…?", not "Obviously there's a review
    step, so how…?"). About the interviewer's own self ("I'm obviously biased, but what…") a
    presumption presumes nothing."""
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
            if phrase in _PRESUMING and _OWN_SELF.search(
                    clause[:clause.find(phrase) + len(phrase)]):
                continue
            if (judged or phrase in _FILLER_PRESUMING) and phrase in _PRESUMING \
                    and not _judgement(clause, lex):
                continue
            return phrase
    return None


def _judgement(text: str, lex: Lexicon) -> bool:
    """Whether a clause passes a judgement: a loaded or verdict word, or a superlative."""
    tokens = words(text)
    return bool(first_phrase(lex.loaded_words, text)) or any(
        t in VERDICT_WORDS for t in tokens) or bool(_SUPERLATIVE.search(text))


def _negative(s: Sentence, plain: bool = False) -> str | None:
    """A negative question's opening: "wouldn't you…"; with ``plain`` also the uncontracted
    "is that not…" / "(or) do you not…" (read only when the question offers no alternative
    of its own: "How does it affect you, or doesn't it? Do you not notice?" is fair)."""
    for clause in s.clauses:
        t = clause.tokens
        if len(t) > 1 and t[0] in NEGATED_AUXILIARIES and t[1] in SUBJECTS and len(clause.raw) > 2:
            return " ".join(t[:2])
        t = t[1:] if t[:1] == ["or"] else t
        if plain and len(t) > 3 and t[0] in AUXILIARIES and t[1] in SUBJECTS and t[2] == "not":
            return " ".join(t[:3])
    return None


def _confirmation(w: Wording, sentences: list[Sentence], lex: Lexicon, before: str) -> str | None:
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


def _social_proof(group: Asked, sentences: list[Sentence]) -> str | None:
    w = group.first
    context = " ".join(s.text for s in sentences[max(0, w.index - 1):w.index + 1])
    proof = first_phrase(SOCIAL_PROOF, context)
    if proof and first_phrase(_BACK_REFERENCE, group.text):
        return f'"{proof} …" holds others up as the answer to agree with'
    return None


def _verdict(tokens: list[str], lex: Lexicon) -> str | None:
    """The verdict a "would you say" question names after its starter, if any."""
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


def _loaded(group: Asked, lex: Lexicon, before: str = "") -> str | None:
    """A judgement in the participant's mouth, or a presupposition in an open question.

    A judgement the participant has just made themselves (*"…see how fast it is."* — *What
    makes it so fast?*) is theirs: asking about it puts nothing in their mouth."""
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


def _probe(group: Asked, lex: Lexicon) -> bool:
    if first_phrase(lex.probe_phrases, group.text):
        return True
    if any(MORE_RE.search(w.text) for w in group.wordings):
        return True
    return group.first.kind == "open" and len(words(group.text)) <= 3
