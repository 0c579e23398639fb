"""Finding the question(s) actually put to the participant in one turn.

A turn of real speech holds statements, rephrasings, asides and tags around what is asked.
The rules, in order (each in one function below):

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
4. **Rhetorical questions** are dropped (:mod:`synthesis.craft.rhetorical`): a question
   without *you*, not a prompt or an indirect *I'd love to hear…*, that the speaker answers
   or talks on from; questions about the interviewer's own past and thinking aloud in *we*
   questions; every question of a monologue that asks and answers three or more of its
   own; also exclamations (*You did what?!*) and stock phrases (*who knows…*).
5. **One question, many wordings**: a wording that trails off (*Tell me then, with the
   portal...*) gives way to the next; a later wording joins the question before it when it
   restates it (opens with *or*, *like*, *I mean*), narrows it (a yes/no question offering
   options or examples, or a scenario, after an open one), shares a content word with it,
   follows an announcement of it (*I'd love to hear about X. What…?*), checks a story just
   told (*…"build it and they will come." Right?*), follows straight after one with no
   topic of its own (*So how was it? Did the team pick it up?*) or asks it again in full
   after the reason for it (*What does that look like? Because… But what does it look like
   at scale?*), asks an earlier question again (most of its topic that one's, or no topic
   of its own and the same wh-word, *Why build it? What does that unlock? … Why do it?*,
   when the questions between bring at most one topic word: they are said around it), shares
   a word with the scenario said before a topicless question in its sentence (*Say the
   courier loses a parcel, what happens? Does the courier pay?*), has no topic of its own
   itself (*…? Anything in particular?*; a prompt, *Tell us about that.*, also after talk,
   or one ending on what it points back to, *Give us a little history on that.*, or a
   question with no topic of its own after a prompt, *Take us through the move. … What
   happened next?*), offers a candidate answer about what was just asked of (*How did the
   move go? Was it smooth?*) or a guess at the number asked for (*What year was that?
   Around 2010?*), spells out
   the *no* offered as an alternative (*…? Or didn't it? Do you not notice it?*), or follows
   it with nothing in between, or puts the other side of a why (*Why publish it? Why not keep
   it in-house?*); a yes/no guess said between two wordings of one open question (*How did
   you learn it? Did you just copy your dad? How did you pick it up?*, *…? Does X have to
   happen? Or how does…?*) is a candidate answer to it; it is a new question when it opens
   with *and*, *also* or *plus*, is a bare *Why?*, is a yes/no question on something else
   (after a yes/no question too, when it brings four or more words of a topic of its own and
   is not about the same *that*), or comes after talk of its own sharing nothing with what
   was asked before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .forms import INDIRECT_RE, candidate_value, form_of, is_question_form
from .lexicon import (
    ADVERT_CLOSERS,
    ADVERT_OPENERS,
    AUXILIARIES,
    BACKCHANNEL_WORDS,
    NEGATED_AUXILIARIES,
    PROMPT_VERBS,
    SECOND_PERSON,
    SUBJECTS,
    WH_WORDS,
    Lexicon,
    content_words,
    first_phrase,
)
from .lexicon import words as words_of
from .rhetorical import drop_monologue, drop_rhetorical
from .sentences import QUOTE, Sentence, split_turn, strip_fillers
from .tags import is_tag, tag_of, tag_only, talk_stops

# What makes a yes/no question after an open one a narrowing of it rather than a new point:
# it offers examples or options, or a scenario ("If I wanted to…, could I?").
_NARROWING = ("or", "like", "such as", "for example", "type of", "kind of", "sort of")
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
# Words that name no topic of their own in a follow-up ("anything in particular?").
_GENERIC = frozenset("""particular specific specifically else other general exactly next step
    steps happen""".split())  # "happen": content_words stems "happened" to it
_POINTERS = frozenset("it that this there these those".split())
# "…? Or doesn't it?" / "…, or not?": the "no" answer offered as an alternative.
_OR_NOT = re.compile(r"\bor (?:not|\w+n't (?:it|you|they|that|there|he|she|we))\b")



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


@dataclass
class Asked:
    """A question put to the participant: its wordings, first one first."""

    wordings: list[Wording] = field(default_factory=list)

    @property
    def first(self) -> Wording:
        return self.wordings[0]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.wordings)


def questions_asked(norm: str, lex: Lexicon) -> tuple[list[Sentence], list[Asked]]:
    """The sentences of a normalised turn and the questions put in them (rules 1–5).

    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON
    >>> _, asked = questions_asked("how do you start? like, what comes first?", DEFAULT_LEXICON)
    >>> [len(a.wordings) for a in asked]
    [2]
    """
    sentences = split_turn(norm)
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
    found = drop_rhetorical(found, sentences)
    # "Tell me then, with GitHub TV... Was it GitHubber TV?": a wording that trails off and
    # is followed by another is a false start.
    found = [w for n, w in enumerate(found) if not (w.broken and n + 1 < len(found))]
    if not found and proposals:
        found = proposals[-1:]
    return sentences, drop_monologue(_group(found, sentences), sentences)


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


def _group(found: list[Wording], sentences: list[Sentence]) -> list[Asked]:
    """Rule 5: wordings of one question become one :class:`Asked`."""
    groups: list[Asked] = []
    for w in found:
        # A question asked again after others ("Was X ever released? … Can you help me with
        # the history? Was X ever released?"): what came between was said around it.
        again = next((n for n, g in enumerate(groups[:-1]) if not sentences[w.index].adding
                      and (_restates(g, w) or _asked_again(g, w, groups[n + 1:]))), None)
        if len(groups) > 1 and _offered_between(groups[-2], groups[-1], w, sentences):
            groups[-2].wordings.extend(groups[-1].wordings + [w])
            del groups[-1]
        elif again is not None:
            for g in groups[again + 1:]:
                groups[again].wordings.extend(g.wordings)
            del groups[again + 1:]
            groups[again].wordings.append(w)
        elif groups and _same_question(groups[-1], w, sentences):
            groups[-1].wordings.append(w)
        else:
            groups.append(Asked([w]))
    return groups


def _offered_between(outer: Asked, middle: Asked, w: Wording,
                     sentences: list[Sentence]) -> bool:
    """"How did you learn the trade? Did you just copy your dad? How did you pick it up?": a
    yes/no question said straight between two wordings of one open question (the later one
    opens with *or* or shares a word of its topic) offers a candidate answer to it."""
    if len(middle.wordings) != 1 or middle.first.kind != "closed" or outer.first.kind == \
            "closed" or w.kind == "closed" or sentences[w.index].adding:
        return False
    said = {outer.wordings[-1].index, middle.first.index, w.index}
    if any(set(x.words) - BACKCHANNEL_WORDS for k, x in enumerate(sentences)
           if outer.wordings[-1].index < k < w.index and k not in said):
        return False
    return sentences[w.index].restating or bool(content_words(w.text)
                                                & content_words(outer.text))


def _restates(group: Asked, w: Wording) -> bool:
    """Whether a wording asks an earlier question again: most of its topic is that one's."""
    mine = content_words(w.text)
    return len(mine) >= 2 and len(mine & content_words(group.text)) * 3 >= len(mine) * 2


def _asked_again(group: Asked, w: Wording, between: list[Asked]) -> bool:
    """"Why would you build it? What does that unlock? … But why? Why do it?": a wh-question
    with no topic of its own, opening with the wh-word of an earlier question, asks that one
    again, and the questions between, with at most one word of a topic of their own, were
    asked around it. ("Where did you go next? What did it do to your studies? … Where did
    you go next?" keeps the studies a point of their own.)"""
    said = strip_fillers(words_of(w.text))
    first = strip_fillers(words_of(group.first.text))
    return bool(said) and said[0] in WH_WORDS and first[:1] == said[:1] and not (
        _own_topic(w)) and not w.claim and all(
            len(_own_topic(x)) <= 1 for g in between for x in g.wordings)


def _topic(group: Asked, sentences: list[Sentence]) -> set[str]:
    """The content words a question is about: its own words, and for a question with no
    topic of its own ("…, God forbid it has to compile something — what happens?") the
    words said before it in its sentence, the scenario it asks about."""
    topic = content_words(group.text)
    first = group.first
    if not _own_topic(first):
        lead = sentences[first.index].text
        cut = lead.find(first.text)
        topic |= content_words(lead[:cut] if cut > 0 else "")
    return topic


def _same_question(group: Asked, w: Wording, sentences: list[Sentence]) -> bool:
    s = sentences[w.index]
    if s.restating or content_words(w.text) & _topic(group, sentences):
        return True
    if any(INDIRECT_RE.match(" ".join(strip_fillers(words_of(x.text))))
           for x in group.wordings):
        return True  # "I'm curious about X. … How do you…?": the question announced
    if w.claim and QUOTE in words_of(w.claim):
        return True  # "…where Steve was like, '…' Right?": a check on the story told
    if s.adding or (len(s.words) == 1 and s.words[0] in WH_WORDS):
        return False  # "And who checks it?", "…? Why?"
    last = group.wordings[-1]
    between = [x for x in sentences[last.index + 1:w.index] if set(x.words) - BACKCHANNEL_WORDS]
    if not content_words(group.text) and (not between or _opening(w) == _opening(group.first)):
        # "So how was it? Did the team pick it up?": the second gives it its topic; so does
        # the same question asked again in full after the reason for it ("What does that look
        # like? Because… But what does it look like to go live?").
        return True
    prompt = _is_prompt(w)
    if not _own_topic(w) and (not between or prompt or _is_prompt(group.first)):
        # "…? Anything in particular?", "…? Tell us about that.": no new point; nor "What's
        # the next step?" after "Take us through the move.": the story asked for goes on.
        return True
    if prompt and strip_fillers(words_of(w.text))[-1:] in (["that"], ["this"], ["it"]):
        return True  # "…? Just give us a bit of the history of that.": it points back
    if w.kind == "closed" and _OR_NOT.search(" ".join(words_of(group.text))) and (
            "not" in words_of(w.text) or NEGATED_AUXILIARIES & set(words_of(w.text))):
        return True  # "How did it change your week? Or didn't it? Do you not notice it?"
    if w.kind == "closed" and not w.claim and group.first.kind != "closed":
        # "How do you get started? Do you have like a template, or…?" and "How did the move
        # go? Was it smooth?" narrow the question (options, examples, a scenario, or a
        # candidate answer about what was just asked of); "How did the import go? Did you
        # lose any data?" asks another.
        # "Why bother to publish it? Why not keep it in-house?": the other side of the why.
        # "What year was that? Around 2010?": a guess at the fact just asked for.
        value = group.first.kind == "specific" and candidate_value(
            [t for t in strip_fillers(words_of(w.text)) if t not in AUXILIARIES | _POINTERS])
        return bool(first_phrase(_NARROWING, w.text) or w.starter == "why not" or value
                    or s.words[:1] in (["if"], ["say"], ["suppose"]) or _points_back(w))
    if w.kind == "closed" and group.wordings[-1].kind == "closed" and not w.claim and len(
            _own_topic(w) - content_words(group.text)) >= 4 and not (
            _points_back(w) and strip_fillers(words_of(w.text))[1] != "there"):
        # "Do you still think about it? Is there anything at the firm you changed because of
        # it?": a yes/no question on a topic of its own, said straight after another, is a
        # second question, not a rewording — unless it is about the same thing ("Did you come
        # up with that? … was that something you formed yourself…?").
        return False
    return not between


def _is_prompt(w: Wording) -> bool:
    """"Tell me about…", "take us on that journey": an open request that is no question."""
    return w.kind == "open" and w.starter.split(" ")[0] in PROMPT_VERBS


def _own_topic(w: Wording) -> set[str]:
    """The content words a wording brings beyond its starter ("tell us about that": none)."""
    said = strip_fillers(words_of(w.text))
    starter = w.starter.split()
    if said[:len(starter)] == starter:
        said = said[len(starter):]
    return content_words(" ".join(said)) - _GENERIC


def _opening(w: Wording) -> list[str]:
    """A wording's first two words once fillers are skipped ("but what does it…": what does)."""
    return strip_fillers(words_of(w.text))[:2]


def _points_back(w: Wording) -> bool:
    """A yes/no question about what was just named: "was it…", "is that…", "was there…"."""
    said = strip_fillers(words_of(w.text))
    return len(said) > 2 and said[0] in AUXILIARIES and said[1] in _POINTERS
