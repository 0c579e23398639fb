"""Double-barrelled: one question about two things at once, or a turn that says it asks two.

Part of judging each question (:mod:`synthesis.craft.judge`, which also flags a turn that
puts two questions on different points back to back: :func:`back_to_back`). A wording asks
about two different things with *and* + a second question or claim (or a comma: *how it
started, why it moved*), two things weighed (*the search and the filters*, *fast and
reliable*, *how and where*), two activities (*working nights and raising kids*; *as well
as* and *along with* join as *and* does); in a run-on sentence of more than thirty words,
only the question it ends on is read. A turn the interviewer says asks more than one thing
(*two questions for you*, *and then two, how…*) is double-barrelled when more than one
wording follows. Not double: halves of one comparison (*how much by hand and how much by
script*: the second half has no subject and verb of its own), a purpose asked twice (*the
purpose of X and why…*), two aims in a relative clause describing what is asked about
(*teams that you help to hire and to train*), a verb and its object joined to the one before
(*why do you push on and do it*), two subjects of one verb (*how the field and those tools
have evolved*), and the story of how someone or something got somewhere retold (*your
background and how you got into it*, *the founding of the lab and how it grew, and what you
do there now*).
"""

from __future__ import annotations

import itertools
import re

from .asked import Asked
from .forms import form_of
from .lexicon import AUXILIARIES, FILLERS, SUBJECTS, WH_WORDS, Lexicon, words
from .sentences import Sentence, strip_fillers

# "two questions for you", "a couple of quick questions", "a two-part question"; "and then
# two, how…", "second, what…": more than one question, said so.
_MANY_QUESTIONS = re.compile(
    r"\b(?:two|three|a couple of|couple of|several) (?:quick |short |more |related )?"
    r"questions\b|\btwo[- ]part question\b")
_COUNTED = re.compile(r"^(?:and )?(?:then )?(?:(?:number )?two|secondly|second) (?=how|what|why|"
                      r"who|when|where|which|do|does|did|is|are|was|were|can|could|would)")

# A wh-word and the subject of its clause after a comma: a question listed after another.
_LISTED = re.compile(r",(?= *(?:why|how|what|where|when|who) (?:it|you|they|he|she|we|the|this|"
                     r"that|i|your|their|its)\b)")
_PURPOSE = frozenset({"purpose", "reason", "reasons", "point", "why"})
# "Tell me about your background and how you ended up here": how one got somewhere *is* the
# story, background or journey just named, so the "and how…" restates it.
_ORIGIN_NOUNS = frozenset("""background story journey history path career origins origin
    inception beginning beginnings founding birth roots evolution""".split())
_ORIGIN_VERBS = frozenset("""got get getting started start starting came come ended end
    became become began begin found landed wound evolved evolve grew grown developed
    changed""".split())
_CLAUSE_VERBS = frozenset("was were is are has have had will would did does do".split())
# "projects that you want to grow and to keep": two aims describing what is asked about, in
# a relative clause, not two tasks asked about.
_RELATIVE_CLAUSE = re.compile(r"\b(?:that|who|which) (?:you|you're|they|they're|we|we're|i)\b")
_AND_ALSO = re.compile(r",?\s+(?:as well as|along with)\s+")
_NOT_ACTIVITIES = frozenset("thing things something anything everything nothing morning evening "
                            "during bring king ring spring string building".split())
_DETERMINERS = frozenset("the your our their my his her this that these those".split())
# "the search and the filters", "pricing and the onboarding emails": two things to weigh.
_TWO_TOPICS = re.compile(
    r"\b(?:about|with|of|on|find|found|think of|use|using|like|prefer|rate|compare) "
    r"(?:the |your |our |their )?(?:\w+ ){0,2}?\w+ and (?:the|your|our|their|its) \w+")

def back_to_back(asked: list[Asked], sentences: list[Sentence]) -> Asked | None:
    """The first question put straight after another, with nothing of the interviewer's own
    talk between them (at most three words: *I mean,*, *okay*), or ``None``.

    Two questions on different points said one after the other leave the participant two
    things to answer. With talk between them the second almost always re-asks, narrows or
    replaces the first (a ramble circling back): on the five real sets, 8 of 9 back-to-back
    pairs were labelled double-barrelled against 8 of 25 with talk between.

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON as lex
    >>> s, asked = questions_asked("how do you back up your files? and who checks them?", lex)
    >>> back_to_back(asked, s).first.text
    'who checks them'
    >>> s, asked = questions_asked("how do you back up your files? we keep a drive in the "
    ...                            "office and a copy in the cloud. and who checks them?", lex)
    >>> len(asked), back_to_back(asked, s)
    (2, None)
    """
    for one, two in itertools.pairwise(asked):
        between = sentences[one.wordings[-1].index + 1:two.first.index]
        if sum(len(s.words) for s in between) <= 3:
            return two
    return None


def announced(sentences: list[Sentence]) -> str | None:
    """"I've got two questions for you." / "…, and second, how do you…": the interviewer says
    the turn asks more than one thing, however the wordings run together (read only when the
    turn has more than one wording: "A couple of questions on pricing. First, what do you
    pay?" opens a series and asks one)."""
    for s in sentences:
        said = " ".join(s.words)
        m = _MANY_QUESTIONS.search(said) or _COUNTED.match(said)
        if m:
            return f'"{m.group(0).strip()}": the interviewer puts more than one question'
    return None



def _listed(text: str) -> str:
    """``text`` with an embedded question listed after a comma joined by *and* instead, when
    another wh-word comes before it: "the story of how the shop started, why you moved it,
    and all that" lists two questions as "how … and why …" does. A list whose wh-words
    repeat ("what it was like, how you sold it, how you all sold it") rewords one."""
    m = _LISTED.search(text)
    if m is None or not WH_WORDS & set(words(text[:m.start()])):
        return text
    listed = [words(x)[0] for x in text[m.start():].split(",") if words(x)[:1]]
    earlier = [t for t in words(text[:m.start()]) if t in WH_WORDS][-1:]
    heads = earlier + [t for t in listed if t in WH_WORDS]
    if len(set(heads)) < len(heads):
        return text  # "what it was like, how you sold it, how you all sold it": reworded
    return text[:m.start()] + " and " + text[m.start() + 1:].lstrip()


def _activity(token: str) -> bool:
    """Whether a word names an activity (an -ing form: "working", "making"), for "working in
    tech and making the move": two activities to weigh."""
    return len(token) > 5 and token.endswith("ing") and token not in _NOT_ACTIVITIES



def two_things(group: Asked, lex: Lexicon) -> str | None:
    """Why one of a question's wordings asks about two things at once, or ``None``.

    >>> from synthesis.craft.asked import questions_asked
    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON as lex
    >>> _, asked = questions_asked("how do you price it and who approves it?", lex)
    >>> two_things(asked[0], lex)
    '"and who approves …" asks a second question'
    """
    for w in group.wordings:
        text = w.text
        for pair in lex.binomials:
            text = re.sub(r"\b" + re.escape(pair) + r"\b", "_pair_", text)
        text = _AND_ALSO.sub(" and ", text)  # "X, as well as Y" joins two things as "and" does
        text = _listed(text)  # "how it started, why it moved": listed as "and" would join
        tokens = strip_fillers(words(text))
        if len(tokens) > 30:
            # A rambling run-on sentence: its "and"s join talk, not questions — but the
            # question it ends on, after its last comma, still asks what it asks.
            text = text.rsplit(",", 1)[-1]
            tokens = strip_fillers(words(text))
            if len(tokens) > 30 or not tokens or tokens[0] not in WH_WORDS | AUXILIARIES:
                continue
        story = False  # once the story of how someone got somewhere is asked for
        for i in range(1, len(tokens) - 1):
            if tokens[i] != "and":
                continue
            rest = tokens[i + 1:]
            while len(rest) > 1 and rest[0] in FILLERS | {"also", "then"}:
                rest = rest[1:]  # "and, sorry, who maintains it?", "and also how you…"
            # Halves of one comparison repeat the question's words or have no verb of their
            # own ("how much by hand and how much by script"); "how did you keep X and how
            # did you decide Y" asks two things.
            parallel = rest[:2] == tokens[:2] and (
                rest[:4] == tokens[:4] or (not AUXILIARIES & set(rest[2:4])
                and not (rest[2:3] and rest[2] in SUBJECTS)))
            if rest[0] in WH_WORDS and (rest[0] in tokens[1:i] or parallel):
                continue  # "who's paid and who hasn't", "how much is X and how much is Y"
            if rest[0] == "why" and _PURPOSE & set(tokens[:i]):
                continue  # "what is the purpose of a tool and why would I…": one question
            if rest[0] == "how" and _ORIGIN_NOUNS & set(tokens[max(0, i - 5):i]) and \
                    _ORIGIN_VERBS & set(rest[1:5]):
                story = True
                continue  # "your background and how you got into it": one story, retold
            if story and rest[0] in ("what", "where") and rest[1:2] and (
                    rest[1] in SUBJECTS or rest[1].split("'")[0] in SUBJECTS):
                continue  # "…how it evolved, and what you're doing now": the story's today
            if tokens[i - 1] in WH_WORDS and rest[0] in WH_WORDS:
                return f'"{tokens[i - 1]} and {rest[0]}" asks two questions at once'
            if rest[0] == "to" and "to" in tokens[max(0, i - 8):i] and len(rest) > 1 and \
                    not _RELATIVE_CLAUSE.search(" ".join(tokens[:i])):
                return f'"and to {rest[1]} …" asks about a second task'
            # "do it" / "do this" cannot ask (that would be "does it"): it is a verb and its
            # object joined to the verb before ("why do you push on and do it").
            done = rest[0] == "do" and rest[1:2] in (["it"], ["this"], ["that"])
            if rest[0] in WH_WORDS or rest[:2] == ["if", "so"] or (
                    rest[0] in AUXILIARIES and len(rest) > 1 and rest[1] in SUBJECTS
                    and not done and form_of(rest, lex)[0]):
                return f'"and {" ".join(rest[:2])} …" asks a second question'
            # "…and the team was happy?" adds a claim after a clause of its own; in "how the
            # field and those tools have evolved" the "and" joins two subjects of one verb.
            if rest[0] in _DETERMINERS and (_CLAUSE_VERBS | AUXILIARIES) & set(tokens[1:i]):
                for j, x in enumerate(rest[1:5]):
                    if x in WH_WORDS:
                        break
                    if x in _CLAUSE_VERBS and j > 0:
                        return f'"and {" ".join(rest[:j + 2])} …" adds a second claim to weigh'
            # Two activities, each with words of its own ("working in tech and making the
            # move"); "advancing and changing over time" is one change, said twice.
            if _activity(rest[0]) and len(rest) > 1 and rest[0] not in tokens[:i] and any(
                    _activity(t) for t in tokens[max(0, i - 6):i - 1]):
                return f'"… and {" ".join(rest[:2])} …" asks about a second activity'
            loaded = lex.loaded_words
            nxt = rest[1] if rest[0] == "to" and len(rest) > 1 else rest[0]
            if nxt in loaded and any(x in loaded for x in tokens[max(0, i - 4):i]):
                return f'"… and {nxt}" asks about two qualities at once'
        m = _TWO_TOPICS.search(text)
        if m:
            return f'"{m.group(0)}" asks about two things at once'
    return None
