"""Tags on a claim (*right?*, *huh?*, *you know?*, *you know what I mean?*, *isn't it?*):
when one asks.

Rule 3 of :mod:`synthesis.craft.wordings`. A tag after a claim makes a question only where the
interviewer's talk stops after it: nothing but ten words, back-channels, the other speaker's
dash-marked reply, or sentences that only restate the claim or give its reason (*…, right?
Because if you…*) follow, and no other question. A tag in mid-monologue is a filler; a tag
after a question belongs to it.

>>> from synthesis.craft.sentences import split_turn
>>> turn = split_turn("it's quicker now, right? we moved everything over in may.")
>>> tag_of(turn[0]), talk_stops(turn, 0, "it's quicker now")
('right', False)
"""

from __future__ import annotations

import re

from .lexicon import AUXILIARIES, BACKCHANNEL_WORDS, SUBJECTS, content_words, first_phrase
from .lexicon import words as words_of
from .sentences import Sentence, strip_fillers

_TAG_WORDS = frozenset("right yeah yes no correct true ok okay eh huh innit".split())
TAG_PHRASES = ("you know what i mean", "know what i mean", "is that right", "is that correct",
                "am i right", "is that fair", "does that sound right")
_HEDGING = ("i can't remember", "i cannot remember", "i don't know", "i don't remember",
            "i'm not sure", "i am not sure", "not sure")
_PERSONAL_START = re.compile(
    r"(?:i|you|we|they|he|she|it|there|this|that|these|those)(?:'[a-z]+)?\b")


def tag_of(s: Sentence) -> str:
    """The tag ending a sentence said with a question mark, if any."""
    if not s.asks or not s.clauses:
        return ""
    text = " ".join(words_of(s.said))  # as said: "you know what I mean?" keeps its "you know"
    for phrase in TAG_PHRASES:
        if text == phrase or text.endswith(" " + phrase):
            return phrase
    said = text.split()
    if said[-2:] == ["you", "know"] and len(said) > 3 and said[-3] not in AUXILIARIES \
            and len(s.clauses) > 1:
        return "you know"  # "…the only way, you know?"; not "do you know?"
    return " ".join(s.clauses[-1].raw) if is_tag(s.clauses[-1].raw) else ""


def is_tag(raw: list[str]) -> bool:
    if len(raw) == 1:
        return raw[0] in _TAG_WORDS
    return len(raw) == 2 and raw[0] in AUXILIARIES and raw[1] in SUBJECTS


def talk_stops(sentences: list[Sentence], i: int, claim: str = "") -> bool:
    """Whether the interviewer stops talking after sentence ``i`` (a tag waits for a reply):
    only back-channels, the other speaker's dash-marked reply, or a short fragment of the
    same claim follow — no new sentence with a subject of its own, no question. Sentences on
    the claim's topic (sharing a word of it) that restate it in six words or fewer, not about
    the speaker ("…the tile, right? It's not cut."; five words about *we*, all of us, may:
    "…the browser, right? We're relying on the browser."), or give its reason ("…, right? Because
    if you…"), twenty-five words at most, are the claim still, not talk moving on."""
    rest = [s for s in sentences[i + 1:] if not tag_only(s) and not first_phrase(_HEDGING, s.text)]
    if rest and rest[0].dash:
        return True  # a caption dash: the other speaker answers
    if any(s.asks and (not s.restating or tag_of(s)) for s in rest):
        return False  # another question follows (a restating "Like, how…?" may)
    talk = [s for s in rest if not s.asks and set(s.words) - BACKCHANNEL_WORDS - {"exactly", "yep"}]
    topic = content_words(claim)
    same = [s for s in talk if content_words(s.text) & topic and (
        strip_fillers(s.words)[:1] == ["because"] or (len(s.words) <= 6
        and (s.words[0] not in ("i", "we", "i'm", "we're", "i've", "we've")
             or (s.words[0] in ("we", "we're") and len(s.words) <= 5))))]
    if same and same == talk and sum(len(s.words) for s in same) <= 25:
        return True
    if any(_PERSONAL_START.match(s.said) for s in talk):
        return False
    return sum(len(s.words) for s in talk) <= 10


def tag_only(s: Sentence) -> bool:
    """"Right?", "Is that right?", "You know what I mean?": a sentence that is only a tag."""
    text = " ".join(words_of(s.said))
    return s.asks and (text in TAG_PHRASES or (len(s.clauses) == 1 and is_tag(s.words)))
