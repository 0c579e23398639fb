"""The phrase lists the craft audit reads questions with, and the study file's way to extend them.

Everything the question detector knows about English is in one :class:`Lexicon`, so a team
can teach it their own habits in ``study.toml``::

    [craft]
    leading_phrases = ["you'll love", "as you know"]
    probe_phrases = ["what makes you say that"]
    open_starters = ["paint me a picture"]
    closed_starters = ["what is your company size"]

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
# Words said before the question proper; they carry no form ("So, how…", "Okay, great. And…").
FILLERS = frozenset(
    """so and but okay ok alright right well um uh er erm now then great interesting cool sure
    yeah yes mm hmm mhm sorry just also oh got it perfect thanks thank""".split()
)
# Discourse markers that open a spoken turn ("So, um, tell me…", "Okay, right, and how…").
# They are stripped, however many and however punctuated, from the start of every sentence
# before it is read; a narrower list than FILLERS, because words like "great" or "then" can
# be the whole of what is asked ("Great?", "And then?").
TURN_OPENERS = frozenset(
    "so um uh er erm hmm mm okay ok right and well yeah alright oh".split()
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

OPEN_STARTERS = (
    "what", "why", "how", "how come", "how so", "what about", "in what way",
    "tell me", "tell us", "walk me through", "walk us through", "talk me through",
    "take me through", "describe", "explain", "help me understand", "show me", "say more",
    "give me an example", "go on", "for example", "such as",
    "then",  # only left after fillers are skipped when it is all there is: "And then?"
    "can you walk", "could you walk", "would you walk", "can you take me", "could you take me",
    "can you tell", "could you tell", "would you tell", "can you describe",
    "could you describe", "would you describe", "can you explain", "could you explain",
    "can you talk", "could you talk", "can you show", "could you show", "can you say more",
    "could you say more", "can you give me an example", "could you give me an example",
    "can you give an example", "could you give an example", "can you elaborate",
    "could you elaborate", "can you expand", "could you expand", "can you think of",
    "could you think of", "can you help me understand", "could you help me understand",
)
CLOSED_STARTERS = (
    *sorted(AUXILIARIES),
    "how many", "how much", "how often", "how long", "how far", "how old", "how big",
    "how likely", "how satisfied", "how frequently", "who", "whom", "whose", "which", "when",
    "where", "anything", "any", "on a scale", "would you say", "would you not say",
    "do you agree",
    # "what" asking for one fact is closed, however it starts.
    "what is your name", "what is your job", "what is your role", "what is your title",
    "what is your position", "what time", "what year", "what date", "what day",
    "what percentage", "what proportion",
)
LEADING_PHRASES = (
    "don't you think", "don't you agree", "wouldn't you agree", "would you agree",
    "would you not agree", "you'd agree", "you would agree", "so you'd say", "you must",
    "must have been", "must be", "i'm sure", "i am sure", "i bet", "i imagine", "i'd imagine",
    "i would imagine", "i guess", "i'd guess", "i'm guessing", "i am guessing", "i assume",
    "i take it", "presumably", "surely", "obviously", "of course you", "you probably",
    "everyone says", "everybody says", "everyone loves", "everybody loves", "as everyone",
    "most of our customers", "most of our users", "most people love", "other customers love",
    "how much do you love", "how much did you love", "how much do you like",
    "how much did you like", "how much do you enjoy", "how much did you enjoy",
)
# Presuppose the answer only inside an open or degree question ("What do you *love about*
# it?"); a yes/no question naming the same thing still lets the person say no.
PRESUPPOSING_PHRASES = (
    "saved you", "helped you", "made it easier", "made your life easier", "love about",
    "like most", "like best", "liked most", "liked best", "love most", "loved most",
    "enjoy most", "enjoyed most", "enjoy best", "what did you enjoy", "what do you enjoy",
    "how much better", "how much easier", "how much faster", "how much simpler",
    "how much quicker",
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
    "loved", "delighted", "pleased", "thrilled", "worried",
    # nouns, for "such a relief", "such a hassle"
    "relief", "nightmare", "hassle", "pain", "breeze", "joy", "mess",
)
PROBE_PHRASES = (
    "tell me more", "tell me about that", "say more", "can you say more",
    "could you say more", "why was that", "why is that", "why not", "why did you",
    "what happened next", "what happened then", "what happened after", "and then what",
    "then what", "what did you do next", "what did you do then", "how so", "how come",
    "what do you mean", "what did you mean", "give me an example", "give an example",
    "for example", "such as", "in what way", "what makes you say that",
    "what made you say that", "why do you think that is", "go on", "elaborate", "expand on",
    "what was that like", "can you think of a time", "what else",
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
    "there's": "there is", "here's": "here is",
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


@lru_cache(maxsize=4_096)
def _phrase_re(phrase: str) -> re.Pattern[str]:
    # Compiled once per phrase: every turn is checked against every phrase of the lexicon.
    return re.compile(r"(?<![a-z0-9'])" + re.escape(phrase) + r"(?![a-z0-9'])")


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
    probe_phrases: tuple[str, ...] = PROBE_PHRASES
    open_starters: tuple[str, ...] = OPEN_STARTERS
    closed_starters: tuple[str, ...] = CLOSED_STARTERS
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

# A few of the commonest function words per language. English is claimed only when its words
# are frequent *and* outnumber every other language's: short or mixed text stays English.
_STOPWORDS = {
    "en": set("""the a an and or but of to in on at for with is are was were be been it this
        that you i we they he she do did does have has had not what how why so if my your
        our me can would will there about just like""".split()),
    "de": set("""der die das und oder aber nicht ist sind war ich du wir sie er es ein eine
        mit auf für zu von den dem des auch wie was wenn noch nur sehr""".split()),
    "fr": set("""le la les et ou mais pas est sont était je tu nous vous ils elle un une des
        du de avec pour dans sur que qui ce ça comme très aussi""".split()),
    "es": set("""el la los las y o pero no es son era yo tú nosotros ellos ella un una de
        del con para en por que qué como muy también pues""".split()),
    "nl": set("""de het een en of maar niet is zijn was ik jij wij zij hij met voor op van
        dat die wat hoe ook heel""".split()),
    "it": set("""il lo la gli le e o ma non è sono era io tu noi voi loro un una di del con
        per che come anche molto""".split()),
    "pt": set("""o a os as e ou mas não é são era eu tu nós eles ela um uma de do da com
        para em que como muito também""".split()),
    "hu": set("""a az és vagy de nem egy hogy van volt én te mi ők ő ez azt is meg már csak
        mint még kell""".split()),
    "sv": set("""och eller men inte är var jag du vi de han hon en ett med för på av att som
        det den också mycket""".split()),
}
_ANY_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@lru_cache(maxsize=1_024)  # a session's whole text, asked about once per craft frame
def is_english(text: str, min_words: int = 6) -> bool:
    """Whether ``text`` reads as English, by counting common function words per language.

    Texts shorter than ``min_words`` words count as English: too short to tell, and the
    detector's own phrases are English anyway.

    Examples
    --------
    >>> is_english("How do you send invoices to your clients today?")
    True
    >>> is_english("Wie verschicken Sie heute die Rechnungen an Ihre Kunden und wann?")
    False
    """
    tokens = [t.lower() for t in _ANY_WORD_RE.findall(text or "")]
    if len(tokens) < min_words:
        return True
    share = {lang: sum(t in stop for t in tokens) / len(tokens)
             for lang, stop in _STOPWORDS.items()}
    english = share.pop("en")
    return english >= 0.15 and english >= max(share.values())
