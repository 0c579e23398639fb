"""Which sentences of a turn put a question to the participant, and how each is worded.

Rules 1–3 of :mod:`synthesis.craft.asked` (which then drops rhetorical questions and gathers
the wordings of one question). A turn of real speech holds statements, rephrasings, asides
and tags around what is asked. The rules, in order:

1. **Adverts are not asked**: from a sentence naming a sponsor (*brought to you by…*) to the
   last sentence sending the listener somewhere (a web address, *use our code*, *for
   supporting*).
2. **Wordings of a question**: a sentence puts a question when one of its clauses starts
   like a question (:mod:`synthesis.craft.forms`) and either the sentence ends with ``?``
   or the form holds without it (a prompt, *how did you…*, *do you…*); a statement ending
   with ``?`` is a question said for confirmation (*So you'd use it daily?*, a number guessed
   at: *Twenty? Thirty?*; *It ran - what, four years?* asks for the number); a question
   after *because* or *or* opening a sentence is read by its own form; a proposal
   (*let's talk about X*) is a prompt when nothing else is asked in the turn, and so is
   a prompt said as a statement about the participant (*you could talk about X*, *you're
   best placed to tell us…*); a phrase
   opening with *and* right after a question at the end of the turn, naming what is asked
   for without a verb of its own (*And maybe a few examples of what broke.*), asks for a
   second thing; a proposal asked as a question (*can we talk a bit about you?*) is one
   too. Not put: imagined or reported speech, also without a marker when a bare
   *could this be,* / *is it,* frames a scene told in another voice (*So would it be, I've
   checked your order.*), questions to the audience (*…, folks?*), procedural and social
   ones (:data:`~synthesis.craft.lexicon.PROCEDURAL_PHRASES`; greetings, *How are you
   doing, Sam?*; asking leave to do something
   oneself, *Can I read a line from the review?*, though *Can I ask how…?* asks what
   follows), the speaker's own argument (*the point I'm making is, who else…?*), a relative
   clause said apart without ``?`` (*Which is a lot.*), *any…* mid-sentence (a noun phrase),
   content-free back-channels opening a turn (*Has it?*, *Is that right?*).
3. **Tags** (:mod:`synthesis.craft.tags`: *right?*, *huh?*, *you know?*, *you know what I
   mean?*,
   *isn't it?*) after a claim make a
   question only where the interviewer's talk stops after them: nothing but ten words,
   back-channels, the other speaker's dash-marked reply, or sentences that only restate the
   claim or give its reason (*…, right? Because if you…*) follow, and no other question; a
   tag after imagined speech is not part of it (*I'm like, "March?" You know what I mean?*).
   A tag in mid-monologue is a filler; a tag after a question belongs to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .forms import INDIRECT_RE, candidate_value, form_of, is_question_form
from .lexicon import (
    ADVERT_CLOSERS,
    ADVERT_OPENERS,
    AUXILIARIES,
    BACKCHANNEL_WORDS,
    PROMPT_VERBS,
    SECOND_PERSON,
    SUBJECTS,
    WH_WORDS,
    Lexicon,
    first_phrase,
)
from .lexicon import words as words_of
from .sentences import QUOTE, Sentence, strip_fillers
from .tags import is_tag, tag_of, tag_only, talk_stops

_RHETORICAL = ("who knows", "who cares", "what gives", "guess what", "how cool is that",
               "how neat is it", "how neat is that", "you know what")
# A prompt said as a statement about the participant (see _suggested_prompt).
_SUGGESTED_RE = re.compile(
    r"\byou(?: could| can| might|'re| are)(?: best| well| maybe| also)?(?: positioned| placed|"
    r" the one)?(?: to)?(?: maybe| just| perhaps)? (talk about |speak to |"
    r"(?:tell|walk|take|give) us |describe |explain )")
# Greetings said as questions, alone or with only a name (after a comma) or "today": social,
# not put ("How are you feeling now?", "How are you doing with the migration?" ask).
_GREETING_RE = re.compile(r"(?:how are you(?: doing| all)?|how have you been|what is up|"
                          r"how is everyone|how is everybody)\b")
# Asking leave to do something oneself ("Can I read a line…?", "May I share my screen?"):
# procedural. Asking leave to ask ("Can I ask how…?") asks what follows.
_LEAVE_RE = re.compile(r"(?:can|could|may|might) i (?:just |quickly |briefly )?(?!ask\b)"
                       r"(?:read|share|show|play|quote|jump|interrupt|stop|pause|add|mention|"
                       r"say|plug|tell|throw|put|bring|grab|switch|go|take|pull)\b")
# The speaker's own argument, put as a question: "the point I was trying to make is how else…".
_POINT_MADE_RE = re.compile(r"my point is\b|the point i(?:'m| am| was) (?:trying to make|"
                            r"making) is\b")
_VOCATIVES = frozenset("folks listeners everyone everybody people y'all guys".split())
# A clause with a speaker of its own after a bare "could this be," / "is it,": what the
# interviewer pictures someone saying, not a question (said without a question mark).
_OWN_SUBJECT = re.compile(r"(?:i|we|they|he|she)(?:'[a-z]+)?\b")
# An elliptical second ask: "And maybe a few examples of…" (see _elliptical).
_SOFTENERS = frozenset("maybe perhaps also then just possibly".split())
_QUANTIFIERS = ("a couple of", "a few", "one or two", "two or three", "some", "any", "a", "an")
_RELATIVES = frozenset("that which who where when whose".split())
_REQUESTED = frozenset("""example examples story stories instance instances detail details
    thought thoughts word words tip tips idea ideas lesson lessons highlight highlights case
    cases""".split())  # what one asks a participant for
_PRONOUNS = frozenset("i you we they he she it i'm you're we're they're it's".split())
_WEB_RE = re.compile(r"\b[a-z0-9-]+\.(?:fm|com|org|net|io|ai|dev|app|co)\b|\bslash\b")
_PROPOSAL_RE = re.compile(
    r"\b(?:let us|we could|we can|we should|good time to|i want to talk|we want to)"
    r"(?: (?:maybe|just|sort of|kind of|now|start to|go))* "
    r"(?:talk about|chat about|hear it|dive into|get into|go deeper into|dig into|"
    r"feature|discuss)\b")
# The same proposal asked as a question: "can we talk a bit about you?", "could we come back to
# that and talk about hiring?".
_ASKED_PROPOSAL_RE = re.compile(
    r"(?:can|could|shall|should|may) we(?: \S+){0,6}? (?:(?:talk|chat)(?: \S+){0,3}? about|"
    r"dive into|get into|dig into|go into|come back to|go back to|start with|discuss)\b")


@dataclass
class Wording:
    """One wording of a question put: its sentence, its kind, and how it is put."""

    index: int  # the sentence's position in the turn
    text: str
    kind: str  # open / specific / closed
    starter: str = ""
    claim: str = ""  # for a question said for confirmation: what is to be confirmed
    tag: str = ""  # the tag that asked for it, if any
    proposal: bool = False
    broken: bool = False  # its sentence trails off: a false start if a question follows


def find_wordings(sentences: list[Sentence], lex: Lexicon) -> tuple[list[Wording], list[Wording]]:
    """The wordings of questions put in a turn's sentences, in order (rules 1–3), and the
    proposals made (*let's talk about X*, *can we talk a bit about you?*): a proposal is a
    prompt only when nothing else is asked, which :func:`~synthesis.craft.asked.questions_asked`
    decides once the rhetorical questions are dropped.

    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON, normalise
    >>> from synthesis.craft.sentences import split_turn
    >>> turn = split_turn(normalise("Great. Let's talk about pricing. How do you set it?"))
    >>> found, proposals = find_wordings(turn, DEFAULT_LEXICON)
    >>> [(w.index, w.kind, w.starter) for w in found], [w.index for w in proposals]
    ([(2, 'open', 'how')], [1])
    """
    advert = _adverts(sentences)
    found: list[Wording] = []
    proposals: list[Wording] = []
    for i, s in enumerate(sentences):
        if i in advert or _not_put(s, i, sentences, lex):
            continue
        wording = _wording(s, i, sentences, lex) or _elliptical(s, i, sentences, found)
        if wording is not None and _ASKED_PROPOSAL_RE.match(
                " ".join(strip_fillers(words_of(wording.text)))):
            # "Can we talk a bit about you?" proposes a topic, like "let's talk about…".
            proposals.append(Wording(i, wording.text, "open", "can we talk about",
                                     proposal=True))
        elif wording is not None:
            found.append(wording)
        elif _PROPOSAL_RE.search(s.text):
            proposals.append(Wording(i, s.text, "open", "let us talk about", proposal=True))
    return found, proposals


def _adverts(sentences: list[Sentence]) -> set[int]:
    out: set[int] = set()
    i = 0
    while i < len(sentences):
        if first_phrase(ADVERT_OPENERS, sentences[i].said):
            ends = [j for j in range(i, len(sentences))
                    if first_phrase(ADVERT_CLOSERS, sentences[j].said)
                    or _WEB_RE.search(sentences[j].said)]
            end = ends[-1] if ends else i
            out.update(range(i, end + 1))
            i = end
        i += 1
    return out


def _not_put(s: Sentence, i: int, sentences: list[Sentence], lex: Lexicon) -> bool:
    """Imagined speech, a question to the audience, procedural or social, a back-channel."""
    if s.said.endswith("!"):
        return True  # "What are you saying here?!" exclaims
    if s.words[-1:] == [QUOTE] and len(s.words) <= 2:
        return True
    if i > 0 and sentences[i - 1].imagined and not tag_only(s) and (len(s.words) <= 5 or (
            s.asks and not SECOND_PERSON & set(s.words) and {"i", "me", "my"} & set(s.words))):
        return True  # "…you're like, how is it that I'm publishing? What happened to me?"
        # (a tag after the story, "…I'm like, 'next year?' You know what I mean?", asks)
    last = s.clauses[-1].raw if s.clauses else []
    if s.asks and len(last) == 1 and last[0] in _VOCATIVES and len(s.clauses) > 1:
        return True  # "why is this worth going into here, folks?"
    phrase = first_phrase(lex.procedural_phrases, s.text)
    if phrase and len(s.words) - len(phrase.split()) <= 18:
        return True
    head = strip_fillers(s.words)
    if s.asks and _LEAVE_RE.match(" ".join(head)):
        return True  # "Can I read you a line from the review?": asks leave, not a question
    if _POINT_MADE_RE.match(" ".join(head)):
        return True  # "The point I'm making is, who else would do it?": an argument
    if not s.asks and head[:1] == ["which"] and not SECOND_PERSON & set(head):
        return True  # "…the whole role, which is... Which is a lot.": a relative said apart
    greeting = _GREETING_RE.match(" ".join(head))
    rest = head[len(greeting.group(0).split()):] if greeting else []
    if greeting and (not rest or rest == ["today"] or (
            len(rest) == 1 and re.search(rf",\s*{re.escape(rest[0])}\W*$", s.said))):
        return True  # "How are you doing, Sam?", "What's up, Kim?": a greeting, social
    opening = " ".join(s.words[:4])
    if any(opening == r or opening.startswith(r + " ") for r in _RHETORICAL):
        return True  # "who knows what the state is?"
    head = strip_fillers(s.words)
    if head[:3] == ["why", "don't", "you"] and len(head) > 3 and head[3] not in PROMPT_VERBS \
            and not (head[3] == "just" and head[4:5] and head[4] in PROMPT_VERBS):
        return True  # "why don't you just hang around?" suggests, it does not ask
    return s.asks and len(s.words) <= 4 and set(s.words) <= BACKCHANNEL_WORDS and (
        i == 0 or all(sentences[j].dash for j in range(1, i + 1))) and not is_tag(s.words)


def _wording(s: Sentence, i: int, sentences: list[Sentence], lex: Lexicon) -> Wording | None:
    """The question this sentence puts, if any (rules 2 and 3)."""
    clauses = s.clauses
    tag = tag_of(s)
    if tag:
        before = clauses[:-1]
        if before and form_of(before[0].tokens, lex)[0] and _asks_form(s, before, lex):
            # "How did you find it, it's pretty quick, right?": the question, and the claim
            # tagged after it, which the question then asks to agree with.
            wording = _interrogative(s, i, before[:1], lex)
            if wording is not None and len(before) > 1:
                wording.claim = " ".join(" ".join(c.raw) for c in before[1:])
                wording.tag = tag
            return wording
        claim = " ".join(" ".join(c.raw) for c in before)
        if not claim and i > 0 and not _puts(sentences[i - 1], lex):
            claim = sentences[i - 1].text
        if not claim or not talk_stops(sentences, i, claim):
            return None  # a filler, or the tag of a question already asked
        # A fragment after the tag still belongs to the claim ("…, right? With like Elastic").
        after = " ".join(x.text for x in sentences[i + 1:] if not x.dash)
        return Wording(i, s.text, "closed", "", claim=(claim + " " + after).strip(), tag=tag)
    wording = _interrogative(s, i, clauses, lex)
    if wording is None and not s.asks:
        return _suggested_prompt(s, i)
    if wording is not None or not s.asks:
        return wording
    if 1 < len(s.words) <= 12 and s.words[-1] in ("to", "for", "with", "about", "from", "into"):
        return Wording(i, s.text, "specific", "…" + s.words[-1])  # "passing these to?"
    return Wording(i, s.text, "closed", "", claim=s.text.rstrip("?"))


def _suggested_prompt(s: Sentence, i: int) -> Wording | None:
    """"Maybe, Sam, you could talk about the new kiln.", "I think you're best placed to
    walk us through it.": a prompt said as a statement about the participant — *you* with
    *could* / *can* / *might* or *are (best) placed to*, then a verb of talk and its
    object (*talk about*, *tell us*, *walk us through*, *describe*, *explain*)."""
    m = _SUGGESTED_RE.search(" ".join(s.words))
    if m is None:
        return None
    return Wording(i, s.text[s.text.find(m.group(1)):] if m.group(1) in s.text else s.text,
                   "open", m.group(1).split(" ")[0])


def _interrogative(s: Sentence, i: int, clauses: list, lex: Lexicon) -> Wording | None:
    formed = []
    for n, c in enumerate(clauses):
        # "Because what if we…?", "Or how does it…?" opening a sentence: the question after
        # the conjunction is read by its own form ("…, or was it X?" mid-sentence offers an
        # alternative to the question before it).
        tokens = c.tokens[1:] if n == 0 and c.tokens[:1] in (["because"], ["or"]) and \
            c.tokens[1:2] and c.tokens[1] in WH_WORDS | AUXILIARIES else c.tokens
        kind, starter = form_of(tokens, lex)
        if kind and not ((n or not s.asks) and _relative(tokens)):
            formed.append((n, c, kind, starter))
    # "…, any business with a hundred staff, what do they use?": "any…" mid-sentence beside
    # another question form is a noun phrase ("Great, any other tools?" still asks).
    if len(formed) > 1:
        formed = [f for f in formed if not (f[0] and f[3] in ("any", "anything"))]
    # A false start ("do you, how do you get started?") gives way to the wording after it.
    while len(formed) > 1 and len(formed[0][1].tokens) <= 3:
        formed = formed[1:]
    if not formed and s.asks and clauses and clauses[0].tokens[:1] and \
            clauses[0].tokens[0] in AUXILIARIES:
        return Wording(i, s.text, "closed", clauses[0].tokens[0])  # "Did legal sign it?"
    if not formed:
        return None
    n, clause, kind, starter = formed[0]
    if not s.asks:
        # Without "?" the question must open the sentence, or turn to the participant
        # ("…, but people who work with folks, what would you tell somebody…"), and be whole.
        if not is_question_form(clause.tokens, kind, starter):
            return None
        prompt = kind == "open" and clause.tokens[0] not in WH_WORDS | AUXILIARIES
        indirect = bool(INDIRECT_RE.match(" ".join(clause.tokens)))
        if n and not (prompt or indirect) and not SECOND_PERSON & set(clause.tokens[:6]):
            return None
        if clause.tokens[0] in WH_WORDS and len(clause.tokens) < 4 and len(clauses) > 1:
            return None  # "but what else is, yeah, that sounds about like most of it"
        if clause.tokens[0] in AUXILIARIES and len(clause.tokens) <= 3 and n + 1 < len(
                clauses) and _OWN_SUBJECT.match(" ".join(clauses[n + 1].tokens)):
            return None  # "So would it be, I've checked your order. …": it frames a scene
    span = ", ".join(" ".join(c.raw) for c in clauses[n:])
    if clause.tokens[:1] == ["because"] and span.startswith("because "):
        span = span[len("because "):]  # the question, without the "because" before it
    if s.asks and len(clause.tokens) == 1 and clause.tokens[0] in WH_WORDS and n + 1 < len(
            clauses) and candidate_value(clauses[n + 1].tokens):
        kind, starter = "specific", clause.tokens[0] + ", …"  # "It ran - what, four years?"
    return Wording(i, span, kind, starter, broken=s.broken)


def _elliptical(s: Sentence, i: int, sentences: list[Sentence],
                found: list[Wording]) -> Wording | None:
    """"Could you share a story or two? And maybe a few examples of what went wrong." — a
    phrase opening with *and* right after a question, naming what is asked for (examples,
    stories, tips…) with no verb of its own, asks for a second thing in the words of the
    question before it; only when the turn ends on it."""
    if not s.adding or not found or found[-1].index != i - 1 or not sentences[i - 1].asks:
        return None
    if any(set(x.words) - BACKCHANNEL_WORDS for x in sentences[i + 1:] if not x.dash):
        return None
    tokens = strip_fillers(words_of(s.text))
    while tokens and tokens[0] in _SOFTENERS:
        tokens = tokens[1:]
    quantifier = next((q for q in _QUANTIFIERS if tokens[:len(q.split())] == q.split()), None)
    if quantifier is None:
        return None
    named = tokens[len(quantifier.split()):]
    before_relative = named[:next((k for k, t in enumerate(named) if t in _RELATIVES),
                                  len(named))]
    if not _REQUESTED & set(named[:3]) or (AUXILIARIES | _PRONOUNS) & set(before_relative):
        return None  # "and a few clients left": a statement, not a second ask
    return Wording(i, s.text.rstrip(".?! "), found[-1].kind, "and …")


def _relative(tokens: list[str]) -> bool:
    """"…, which is great": a relative clause after a comma, not a question."""
    return tokens[0] in ("which", "who", "whose", "where", "when", "whom") and not (
        len(tokens) > 2 and tokens[1] in AUXILIARIES and tokens[2] in SUBJECTS)


def _asks_form(s: Sentence, clauses: list, lex: Lexicon) -> bool:
    c = clauses[0]
    kind, starter = form_of(c.tokens, lex)
    return s.asks or is_question_form(c.tokens, kind, starter)


def _puts(s: Sentence, lex: Lexicon) -> bool:
    return s.asks or any(form_of(c.tokens, lex)[0] for c in s.clauses[:1])
