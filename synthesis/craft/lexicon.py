"""The phrase lists the craft audit reads questions with, and the study file's way to extend them.

Everything the question detector knows about English is in one :class:`Lexicon`, so a team
can teach it their own habits in ``study.toml``::

    [craft]
    leading_phrases = ["you'll love", "as you know"]
    probe_phrases = ["what makes you say that"]
    open_starters = ["paint me a picture"]
    specific_starters = ["what is your company size"]
    procedural_phrases = ["can you see the prototype"]

Phrases are matched on whole words, case-insensitively, after the same normalisation the
detector applies to a question (curly apostrophes straightened, ``what's`` → ``what is``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

from synthesis.errors import InputError

WH_WORDS = frozenset("what how why who whom whose when where which".split())
AUXILIARIES = frozenset(
    """do does did is are was were am have has had can could would will should shall may might
    must don't doesn't didn't isn't aren't wasn't weren't haven't hasn't hadn't can't couldn't
    wouldn't won't shouldn't mustn't""".split()
)
NEGATED_AUXILIARIES = frozenset(a for a in AUXILIARIES if a.endswith("n't"))
# Words that can follow an auxiliary as its subject ("did *you*", "is *the* app"): what tells
# a question ("Don't you think…") from an imperative ("Don't worry…").
SUBJECTS = frozenset(
    """i you we they he she it this that these those there anyone anybody anything someone
    somebody something everyone everybody everything people the a an any your our their his
    her my its most some all each every no none""".split()
)
# Personal pronouns as subjects, contracted or not: a phrase with one has a clause of its own.
PRONOUN_SUBJECTS = frozenset("""i you we they he she it i'm you're we're they're he's she's
    it's i've you've we've they've i'd you'd we'd they'd i'll you'll we'll they'll""".split())
# "You" in every form: a question naming the participant is put to them, not mused.
SECOND_PERSON = frozenset(
    "you your yours yourself yourselves y'all you're you've you'd you'll".split())
# Words that make up a back-channel ("Has it?", "Oh really?", "Is that so?").
BACKCHANNEL_WORDS = frozenset(
    """has have had is it that was were are am do does did so really right yeah yes oh wow
    true seriously indeed okay ok huh you he she they we""".split())
# Words said before the question proper; they carry no form ("So, how…", "Okay, great. And…").
FILLERS = frozenset(
    """so and but okay ok alright right well um uh er erm now then great interesting cool sure
    yeah yes mm hmm mhm sorry just also oh got it perfect thanks thank anyway anyhow""".split()
)
# Discourse markers that open a spoken turn ("So, um, tell me…", "Okay, right, and how…").
# They are stripped, however many and however punctuated, from the start of every sentence
# before it is read; a narrower list than FILLERS, because words like "great" or "then" can
# be the whole of what is asked ("Great?", "And then?").
TURN_OPENERS = frozenset(
    "so um uh er erm hmm mm okay ok right and well yeah alright oh anyway anyhow".split()
)
# Words that make "would you say …" hand the participant a verdict ("Would you say it is the
# *best* option?"), on top of LOADED_WORDS; without one it asks for a judgement and is fair
# ("Would you say that happens weekly?").
VERDICT_WORDS = frozenset(
    """best worst better worse good nice ideal favourite favorite worth worthwhile essential
    satisfied dissatisfied unhappy comfortable confident expensive cheap overpriced
    complicated faster quicker easier simpler slower harder cheaper clearer""".split()
)
# ...and phrases naming a benefit ("Would you say it's *saving you* time?").
VERDICT_PHRASES = (
    "save you", "saves you", "saved you", "saving you", "help you", "helps you", "helped you",
    "helping you", "worth it", "worth the",
)

# Starters of a question, by the kind of answer they ask for. The longest matching starter
# wins ("could you walk" before "could"); the detector indexes them by their first word.
OPEN_STARTERS = (
    "what", "why", "how", "how come", "how so", "what about", "what if", "how about",
    "in what way", "what kind of", "what sort of", "what type of", "what else",
    "tell me", "tell us", "walk me through", "walk us through", "talk me through",
    "talk us through", "talk about", "talk to me about", "talk to us about",
    "take me through", "take us through", "take me back", "take us back", "take me", "take us",
    "describe",
    "explain",
    "help me understand", "help us understand", "show me", "show us", "say more",
    "give me an example", "give us an example", "give me a sense", "give us a sense",
    "give me an idea", "give us an idea", "give us a little", "give me a little",
    "give us a quick", "give me a quick", "share", "speak to", "contrast", "compare",
    "introduce yourself", "keep talking", "keep going", "go on", "for example", "such as",
    "final thoughts", "any final thoughts",
    "then",  # only left after fillers are skipped when it is all there is: "And then?"
    "can you walk", "could you walk", "would you walk", "can you take me", "could you take me",
    "can you tell", "could you tell", "would you tell", "can you describe",
    "could you describe", "would you describe", "can you explain", "could you explain",
    "can you talk", "could you talk", "can you show", "could you show", "can you say more",
    "could you say more", "can you give me an example", "could you give me an example",
    "can you give an example", "could you give an example", "can you elaborate",
    "could you elaborate", "can you expand", "could you expand", "can you think of",
    "could you think of", "can you help me understand", "could you help me understand",
    "can you give", "could you give", "would you give", "can you share", "could you share",
    "would you share", "can you speak", "could you speak", "can you walk us",
)
# Questions asking for one fact: a person, place, time, choice, number, amount, duration,
# frequency, or a degree on a scale.
SPECIFIC_STARTERS = (
    "who", "whom", "whose", "when", "where", "which", "how many", "how much", "how often",
    "how long", "how far", "how old", "how big", "how soon", "how frequently", "how quickly",
    "at what point", "at what stage", "by when", "since when", "for how long", "in what year",
    "what time", "what year", "what date", "what day", "what month", "what percentage",
    "what proportion", "on a scale",
)
CLOSED_STARTERS = (
    *sorted(AUXILIARIES), "anything", "any", "would you say", "would you not say",
    "do you agree",
)
# "what is your X" / "what was the X" asks for one fact when X is one of these.
FACT_NOUNS = frozenset(
    """name names number date dates year time price prices cost costs size version address
    title role job percentage rate amount total budget deadline age figure count score
    email phone""".split()
)
# Verbs that start a prompt without a question mark ("Tell me more.", "Walk me through it.").
PROMPT_VERBS = frozenset(
    """tell walk talk take describe explain help show say give go share speak contrast
    compare introduce elaborate expand keep""".split()
)
# Phrases that lead wherever they stand inside the question itself (never in the talk around
# it: "I guess that was hard. What did you do next?" is fair).
LEADING_PHRASES = (
    "don't you think", "don't you agree", "wouldn't you agree", "would you agree",
    "would you not agree", "you'd agree", "you would agree", "would it be fair to say",
    "is it fair to say", "wouldn't you say", "so you'd say", "you must", "must have been",
    "must be", "i'm sure", "i am sure", "i bet", "i imagine", "i'd imagine",
    "i would imagine", "i guess", "i'd guess", "i'm guessing", "i am guessing", "i assume",
    "i take it", "presumably", "surely", "obviously", "of course you", "you probably",
    "everyone says", "everybody says", "everyone loves", "everybody loves",
    "as everyone", "most of our customers", "most of our users", "most people love",
    "other customers love", "how much do you love", "how much did you love",
    "how much do you like", "how much did you like", "how much do you enjoy",
    "how much did you enjoy",
)
# Presuppose the answer only inside an open or degree question ("What did you *like about*
# it?"); a yes/no question naming the same thing still lets the person say no.
PRESUPPOSING_PHRASES = (
    "saved you", "helped you", "made it easier", "made your life easier", "love about",
    "like most", "like best", "liked most", "liked best", "love most", "loved most",
    "enjoy most", "enjoyed most", "enjoy best", "what did you enjoy", "what do you enjoy",
    "what did you like about", "what did you love about", "what did you enjoy about",
    "what did you appreciate about", "saves you", "save you", "how much better",
    "how much easier", "how much faster", "how much simpler", "how much quicker",
)
# Judgements and feelings: "how *frustrated* were you", "why was it so *painful*" put them in
# the participant's mouth.
LOADED_WORDS = (
    "great", "amazing", "awesome", "wonderful", "fantastic", "brilliant", "excellent",
    "perfect", "fun", "easy", "simple", "painless", "seamless", "smooth", "intuitive",
    "helpful", "useful", "frustrating", "frustrated", "annoying", "annoyed", "painful",
    "terrible", "awful", "bad", "horrible", "clunky", "confusing", "confused", "stressful",
    "stressed", "difficult", "hard", "relieved", "happy", "excited", "upset", "angry",
    "disappointed", "disappointing", "tedious", "slow", "fast", "quick", "reliable", "love",
    "loved", "delighted", "pleased", "thrilled", "worried", "good",
    # nouns, for "such a relief", "such a hassle"
    "relief", "nightmare", "hassle", "pain", "breeze", "joy", "mess", "blessing", "curse",
    "disaster", "headache",
)
# Praise the interviewer can build a question on with a degree word ("how did you get *this
# good* at it?", "what makes it *so elegant*?"): read only after so / this / that / such a,
# where the praise is presupposed, never alone (a compliment said beside a neutral question
# leads nowhere: "Beautiful site. Where do we begin?").
PRAISE_WORDS = frozenset(
    """beautiful impressive thoughtful wise stellar flawless incredible successful elegant
    clever smart polished slick talented skilled savvy gorgeous remarkable outstanding
    phenomenal""".split()
)
# Feelings and weights a question can attribute to the participant ("Has it been *draining*
# for you?"), on top of LOADED_WORDS and VERDICT_WORDS: read only when the interviewer backs
# them with a guess of their own (synthesis.craft.hypothesis), never alone.
FEELING_WORDS = frozenset(
    """tiring tired exhausting exhausted draining drained overwhelming overwhelmed scary
    scared lonely isolating daunting nervous anxious proud important""".split()
)
# What makes a statement said for confirmation ("…, right?", "So you'd use it daily?") the
# interviewer's own opinion or guess rather than a check of a fact: a guess, an analogy, a
# verdict, or a motive put in the participant's mouth. ("Obviously" is not one: in speech it
# is mostly a filler, and it led in 1 of 5 flags on the rules' first runs on held-out sets; a
# judgement beside it is a marker of its own.)
OPINION_MARKERS = (
    "maybe", "probably", "perhaps", "might", "i guess", "i think", "i bet", "i imagine",
    "i'm sure", "must", "definitely", "surely", "of course", "clearly",
    "sounds like", "is like", "like a", "similar to", "type of", "the same as", "same as",
    "kind of like", "closest", "you want", "you wanted", "you need", "you'd want",
    "you'd love", "you love", "you like", "you prefer", "you enjoy", "you hate", "you feel",
    "cool", "crazy", "wild", "nice", "neat", "beautiful", "powerful", "important",
    "interesting", "bonus", "win", "huge", "better", "best", "worse", "worst", "way more",
    "too", "so much", "big", "clear", "you'd", "you would",
)
PROBE_PHRASES = (
    "tell me more", "tell me about that", "say more", "can you say more",
    "could you say more", "why was that", "why is that", "why not", "why did you",
    "what happened next", "what happened then", "what happened after", "and then what",
    "then what", "what did you do next", "what did you do then", "how so", "how come",
    "what do you mean", "what did you mean", "give me an example", "give an example",
    "for example", "such as", "in what way", "what makes you say that",
    "what made you say that", "why do you think that is", "go on", "elaborate", "expand on",
    "what was that like", "can you think of a time", "what else", "how do you mean",
    "keep talking", "keep going",
)
# Questions about running the session, not about the participant's experience.
PROCEDURAL_PHRASES = (
    "can you hear me", "can you hear us", "can you see my screen", "can you see the screen",
    "is my audio", "am i on mute", "are you on mute", "is it okay if i record",
    "is it ok if i record", "can i record", "do i have your permission", "do you consent",
    "any questions for me", "any questions for us", "questions for me", "questions for us",
    "one more question", "one more quick question", "time for one more",
    "where were we", "where was i", "where were we going", "shall we", "should we move on",
    "jump around", "want to take a break", "are you ready", "ready to start",
    "can i ask you something", "can i ask you a question", "may i ask you a question",
    "have a good day", "have a great day", "have a nice day", "have a good one",
    "have a good weekend", "take care", "see you", "talk soon", "share your screen",
    "thanks for your time", "thank you for your time", "thanks for coming",
    "thank you for coming", "thanks for joining",
)
# An advert read out in the middle of an interview: from a sentence naming the sponsor to the
# last sentence sending the listener somewhere.
ADVERT_OPENERS = (
    "brought to you by", "sponsored by", "this portion of", "a word from our sponsor",
    "thanks to our sponsor", "thank you to our sponsors",
)
ADVERT_CLOSERS = (
    "use our code", "use the code", "use code", "link is in", "links in", "show notes",
    "for supporting", "visit", "sign up", "download it", "check it out at", "browse the",
    "learn more", "get started",
)
# Others held up as the norm, before a question that asks the participant to join them.
SOCIAL_PROOF = (
    "most people", "most of our users", "most of our customers", "most of our clients",
    "most users", "most customers", "a lot of people", "lots of people", "many people",
    "everyone", "everybody", "other users", "other customers", "other people",
    "people usually", "people often", "others",
)
# Fixed pairs whose "and" joins no second question ("pros and cons").
BINOMIALS = (
    "pros and cons", "ups and downs", "back and forth", "ins and outs", "search and replace",
    "rock and roll", "black and white", "bread and butter", "trial and error",
    "terms and conditions", "profit and loss", "q and a", "drag and drop", "copy and paste",
    "cut and paste", "more and more", "over and over", "again and again", "up and running",
    "sooner or later", "more or less", "here and there", "now and then", "safe and sound",
    "by and large", "odds and ends", "bits and pieces", "nuts and bolts", "in and out",
)

_CONTRACTIONS = {
    "what's": "what is", "how's": "how is", "who's": "who is", "where's": "where is",
    "when's": "when is", "why's": "why is", "that's": "that is", "it's": "it is",
    "there's": "there is", "here's": "here is", "how'd": "how did", "what'd": "what did",
    "where'd": "where did", "who'd": "who did", "why'd": "why did", "when'd": "when did",
    "what're": "what are", "how're": "how are", "where're": "where are", "let's": "let us",
}
_CONTRACTION_RE = re.compile(r"\b(" + "|".join(map(re.escape, _CONTRACTIONS)) + r")\b")
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def normalise(text: str) -> str:
    """Lower-case, straighten apostrophes and quotes, expand ``what's``-style contractions.

    >>> normalise("What\u2019s  the “best” bit?")
    'what is the "best" bit?'
    """
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"').lower()
    # Transcribers' annotations ("[laughs]", "(inaudible)") are not words anyone said.
    text = re.sub(r"\[[^\]]*\]|\((?:laughs?|laughter|inaudible|crosstalk|pause|sighs?)\)",
                  " ", text)
    text = _CONTRACTION_RE.sub(lambda m: _CONTRACTIONS[m.group(1)], text)
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    """The words of an already normalised text (apostrophes kept inside words)."""
    return _WORD_RE.findall(text)


def phrase_in(phrase: str, text: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` on whole-word boundaries (both normalised)."""
    return _phrase_re(phrase).search(text) is not None


def first_phrase(phrases: tuple[str, ...], text: str) -> str | None:
    """The first of ``phrases`` (in list order) found in ``text`` on whole-word boundaries.

    One compiled pattern per list, so a turn is searched once per list, not once per phrase.

    >>> first_phrase(("i guess", "surely"), "so surely, i guess, it works?")
    'i guess'
    """
    found = _phrases_re(phrases).findall(text)
    if not found:
        return None
    order = {p: i for i, p in enumerate(phrases)}
    return min(found, key=lambda p: order.get(p, len(order)))


@lru_cache(maxsize=4_096)
def _phrase_re(phrase: str) -> re.Pattern[str]:
    # Compiled once per phrase: every turn is checked against every phrase of the lexicon.
    return re.compile(r"(?<![a-z0-9'])" + re.escape(phrase) + r"(?![a-z0-9'])")


@lru_cache(maxsize=64)
def _phrases_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so "i'm sure" is found rather than a shorter phrase inside it.
    alternatives = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
    return re.compile(r"(?<![a-z0-9'])(?:" + alternatives + r")(?![a-z0-9'])")


@dataclass(frozen=True)
class Lexicon:
    """Phrase lists the question detector uses; extend them with :meth:`extended`.

    Examples
    --------
    >>> lex = Lexicon().extended({"leading_phrases": ["you'll love"]})
    >>> "you'll love" in lex.leading_phrases
    True
    """

    leading_phrases: tuple[str, ...] = LEADING_PHRASES
    presupposing_phrases: tuple[str, ...] = PRESUPPOSING_PHRASES
    loaded_words: tuple[str, ...] = LOADED_WORDS
    opinion_markers: tuple[str, ...] = OPINION_MARKERS
    probe_phrases: tuple[str, ...] = PROBE_PHRASES
    open_starters: tuple[str, ...] = OPEN_STARTERS
    specific_starters: tuple[str, ...] = SPECIFIC_STARTERS
    closed_starters: tuple[str, ...] = CLOSED_STARTERS
    procedural_phrases: tuple[str, ...] = PROCEDURAL_PHRASES
    binomials: tuple[str, ...] = BINOMIALS

    def extended(self, craft: Mapping[str, Any] | None, source: str = "study.toml") -> Lexicon:
        """A copy with the lists from a study file's ``[craft]`` table appended.

        Unknown keys are ignored (the table also holds other craft settings); a key whose
        value is not a list of strings raises :class:`~synthesis.errors.InputError`.
        """
        if not craft:
            return self
        changes: dict[str, tuple[str, ...]] = {}
        for f in fields(self):
            extra = craft.get(f.name)
            if extra is None:
                continue
            if isinstance(extra, str) or not isinstance(extra, Iterable) or not all(
                isinstance(p, str) for p in extra
            ):
                raise InputError(
                    source, f"[craft] {f.name} must be a list of phrases in quotes, like "
                    f'{f.name} = ["you\'ll love"].'
                )
            added = tuple(normalise(p) for p in extra if p.strip())
            changes[f.name] = tuple(dict.fromkeys((*getattr(self, f.name), *added)))
        return replace(self, **changes) if changes else self


DEFAULT_LEXICON = Lexicon()


# Words too common to carry a topic; the rest, lightly stemmed, are what a turn is about.
_SUFFIX_RE = re.compile(r"(?:ions?|ings?|ed|es|s|e)$")
_CONTENT_STOP = FILLERS | SUBJECTS | AUXILIARIES | frozenset(
    """what how why who when where which about with for from into of on in at to by as than
    like just really very kind sort thing things stuff get got go going do doing make lot
    one way also there here quotedspeech know think use work see look want need say tell
    right yeah okay bit little maybe actually sense idea example examples""".split())


def content_words(text: str) -> set[str]:
    """Words that carry the topic, lightly stemmed ("translations", "translate" → "translat").

    >>> sorted(content_words("we translate the translations"))
    ['translat']
    """
    out = set()
    for w in re.findall(r"[a-z0-9']+", text):
        if w in _CONTENT_STOP or len(w) < 3:
            continue
        out.add(_SUFFIX_RE.sub("", w) or w)
    return out
