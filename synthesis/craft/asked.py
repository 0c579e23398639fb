"""Finding the question(s) actually put to the participant in one turn.

A turn of real speech holds statements, rephrasings, asides and tags around what is asked.
The rules, in order (rules 1–3 in :mod:`synthesis.craft.wordings`, 4 in
:mod:`synthesis.craft.rhetorical`, 5 in the functions below):

1. **Adverts are not asked**: a sponsor's read, to its last sentence sending the listener
   somewhere.
2. **Wordings of a question**: which sentences put a question to the participant (by its
   form, with or without ``?``, said for confirmation, proposed or prompted) and which do
   not (imagined or reported speech, questions to the audience, procedural and social
   ones, the speaker's own argument, back-channels).
3. **Tags** (*right?*, *isn't it?*) after a claim make a question only where the
   interviewer's talk stops after them.

   Rules 1–3 in full, with their examples: :mod:`synthesis.craft.wordings`.
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

from .forms import INDIRECT_RE, candidate_value
from .lexicon import (
    AUXILIARIES,
    BACKCHANNEL_WORDS,
    NEGATED_AUXILIARIES,
    PROMPT_VERBS,
    WH_WORDS,
    Lexicon,
    content_words,
    first_phrase,
)
from .lexicon import words as words_of
from .rhetorical import drop_monologue, drop_rhetorical
from .sentences import QUOTE, Sentence, split_turn, strip_fillers
from .wordings import Wording, find_wordings

__all__ = ["Asked", "Wording", "questions_asked"]

# What makes a yes/no question after an open one a narrowing of it rather than a new point:
# it offers examples or options, or a scenario ("If I wanted to…, could I?").
_NARROWING = ("or", "like", "such as", "for example", "type of", "kind of", "sort of")
# Words that name no topic of their own in a follow-up ("anything in particular?").
_GENERIC = frozenset("""particular specific specifically else other general exactly next step
    steps happen""".split())  # "happen": content_words stems "happened" to it
_POINTERS = frozenset("it that this there these those".split())
# "…? Or doesn't it?" / "…, or not?": the "no" answer offered as an alternative.
_OR_NOT = re.compile(r"\bor (?:not|\w+n't (?:it|you|they|that|there|he|she|we))\b")


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
    found, proposals = find_wordings(sentences, lex)
    found = drop_rhetorical(found, sentences)
    # "Tell me then, with GitHub TV... Was it GitHubber TV?": a wording that trails off and
    # is followed by another is a false start.
    found = [w for n, w in enumerate(found) if not (w.broken and n + 1 < len(found))]
    if not found and proposals:
        found = proposals[-1:]
    return sentences, drop_monologue(_group(found, sentences), sentences)


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
