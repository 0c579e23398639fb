"""Cutting one interviewer turn into sentences and clauses: the one place a turn is cut.

Spoken turns are read sentence by sentence. Before splitting, a turn is normalised
(:func:`~synthesis.craft.lexicon.normalise`) and every passage in double quotes becomes the
single word ``_quote_``, so a quoted question (``he said "why bother?"``) neither splits the
sentence nor counts as asked. Each sentence records what the later rules need to know about
how it was said: whether it ends with ``?``, opens with a caption dash (a change of speaker),
opens with a word that adds a point (*and*, *also*) or restates one (*or*, *like*, *I
mean*), and whether it is imagined speech (*you're like, how is it that…?*).

>>> [s.text for s in split_turn('so, um, tell me more. when he said "why?", what then?')]
['tell me more.', 'when he said quotedspeech, what then?']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import FILLERS, TURN_OPENERS, words

QUOTE = "quotedspeech"  # one word, so a quoted passage reads as one noun
_QUOTE_RE = re.compile(r'"[^"\n]{0,400}"')
_SENTENCE_RE = re.compile(r"(?<=[.?!])\s+")
_CLAUSE_RE = re.compile(r"\s*[,;:\u2014\u2013]\s*|\s+-+\s+|\s*--+\s*|\.\.\.+\s*")
# Markers opening a sentence, however many and however punctuated: "So, um, tell me…".
_OPENERS_RE = re.compile(
    r"^(?:(?:all right|you know|i mean|" + "|".join(sorted(TURN_OPENERS))
    + r")(?![a-z0-9']|-[a-z])[\s,;:.\u2014\u2013-]*)+")
# Words that, opening a sentence, add a second point ("And how do you…") or restate the last
# one ("Or is it…", "Like, how does…", "I mean, do you…").
_ADDING = frozenset({"and", "also", "plus"})
_RESTATING = (["or"], ["like"], ["i", "mean"], ["in", "other"], ["you", "know"])
_LEAD_IN = frozenset("so um uh yeah okay ok oh well right".split())
# Speech the interviewer imagines or reports: "you're like, how is it that…?", "they're all
# going, which one was it?". What follows the marker, to the end of the sentence, was not
# asked of the participant. After "what" it is no marker: "what it was like, how you sold it"
# asks what something was like.
_IMAGINED_RE = re.compile(
    r"(?<!what )\b(?:(?:i|you|he|she|they|we|people|everybody|everyone|someone|somebody|"
    r"folks|that|it|something)(?:'re|'m|'s| am| is| are| was| were| be)?"
    r"(?: (?:just|probably|all|kind of|sort of|always|totally|thinking|going))* "
    r"(?:like|going|thinking|asking|saying)|"
    r"(?:them|people|everyone|everybody) (?:going|thinking|saying))\s*,\s")
_TWO_WORD_FILLERS = {("i", "see"), ("i", "mean"), ("got", "it"), ("thank", "you"),
                     ("all", "right"), ("makes", "sense"), ("you", "know")}


@dataclass
class Clause:
    """Part of a sentence between commas or dashes, as said and with fillers skipped."""

    raw: list[str]
    tokens: list[str]


@dataclass
class Sentence:
    """One sentence of a turn and how it was said."""

    said: str  # normalised, quotes as _quote_, openers kept
    text: str  # without the markers opening it
    clauses: list[Clause]
    asks: bool  # ends with a question mark
    broken: bool = False  # trails off ("so often do you have...", "I think --") or exclaims
    dash: bool = False  # opens with a caption dash: the other speaker may be talking
    adding: bool = False  # opens with "and", "also", "plus"
    restating: bool = False  # opens with "or", "like", "I mean"
    imagined: bool = False  # the sentence (or its end) is imagined or reported speech
    words: list[str] = field(default_factory=list)


def split_turn(norm: str) -> list[Sentence]:
    """The sentences of an already normalised turn (see the module docstring).

    >>> [s.adding for s in split_turn("how do you start? and who helps?")]
    [False, True]
    """
    # A quotation that ends its own sentence ("…? How do I access data?" So how far…) ends
    # the sentence around it too.
    norm = _QUOTE_RE.sub(lambda m: " " + QUOTE + (
        "." if m.group(0)[-2:-1] in ".?!" and norm[m.end():m.end() + 1] not in ",;:?" else "")
        + " ", norm)
    norm = re.sub(r"\s+([,;:?!.])", r"\1", re.sub(r"\s+", " ", norm)).strip()
    out: list[Sentence] = []
    for said in _SENTENCE_RE.split(norm):
        said = said.strip()
        if not words(said):
            continue
        dash = said.startswith("-")
        said = said.lstrip("- ").strip()
        head = words(said)
        while head and head[0] in _LEAD_IN:
            head = head[1:]
        adding = bool(head) and (head[0] in _ADDING or head[:2] == ["but", "also"])
        restating = any(head[:len(r)] == r for r in _RESTATING)
        text = strip_openers(said)
        asks = said.endswith("?")
        broken = said.endswith(("...", "…", "--", "!"))  # "...?!" exclaims too
        imagined = _IMAGINED_RE.search(text)
        if imagined:  # the question mark, if any, belongs to what was imagined
            text, asks = text[: imagined.start()].rstrip(" ,") + " " + QUOTE, False
        body = text.rstrip(".?! ")
        clauses = [Clause(raw, strip_fillers(raw)) for raw in
                   (words(part) for part in _CLAUSE_RE.split(body)) if raw]
        out.append(Sentence(said, text, clauses, asks, broken, dash, adding, restating,
                            bool(imagined), words(text)))
    return out


def strip_openers(sentence: str) -> str:
    """The sentence without the markers that open it ("so, um, tell me…" → "tell me…").

    A sentence that is nothing but markers ("Right?", "Okay.") is kept whole: it may be a
    tag or a back-channel, which the later rules need to see.

    >>> strip_openers("so, um, okay, tell me more."), strip_openers("right?")
    ('tell me more.', 'right?')
    """
    stripped = _OPENERS_RE.sub("", sentence)
    return stripped if words(stripped) else sentence


def strip_fillers(tokens: list[str]) -> list[str]:
    """Tokens without the words said before the question proper ("great, so just how…").

    >>> strip_fillers("great so just how did it go".split())
    ['how', 'did', 'it', 'go']
    """
    i = 0
    while i < len(tokens):
        if tuple(tokens[i:i + 2]) in _TWO_WORD_FILLERS:
            i += 2
        elif tokens[i] in FILLERS | {"maybe", "please", "perhaps"} and tokens[i] != "it" \
                and i + 1 < len(tokens):
            # "it" is a filler only in "got it"; alone it is a subject ("it is the owner's…"),
            # and skipping it would turn a statement into a question ("is the owner's…").
            i += 1
        else:
            break
    return tokens[i:]
