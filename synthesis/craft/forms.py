"""What kind of answer a clause asks for, from the way it starts: open, specific or closed.

- **open** invites a description, story, explanation or opinion: *what* / *how* / *why*
  followed by an auxiliary (*how did you…*, *what was it like*), *what about…*, and prompts
  (*tell me*, *walk me through*, *talk to me about*, *take us back to…*, *give us a sense
  of*, *could you describe…*, *say a bit more*). A question announced in the same breath
  (*one question I have is who…*, *my question is how…*) is of the kind of what follows the
  announcement.
- *when* / *where* followed by a noun and its verb (*when customers call us, …*) opens a
  subordinate clause, not a question: the question comes after it.
- **specific** asks for one fact: *who*, *when*, *where*, *which*, *how many / much / often
  / long*, *at what point*, *what* + a noun (*what tool do you use*), *what is your
  name / role / price…*, and degrees (*how frustrated*, *how easy*).
- **closed** can be answered yes or no, or by picking an offered alternative: an auxiliary
  followed by its subject (*do you…*, *is it…*), *anything…*, *any…* (but *any thoughts
  on…*, *any advice…* ask for a view: open), *would you say…*, and a suggestion (*why not
  try the other supplier?*; a bare *Why not?* asks for a reason).
- A yes/no form that asks for talk is a request, **open**: a willingness and a prompt verb
  (*do you wanna give us a sense…*, *would you like to walk us…*, *do you mind sharing…*),
  a request's modal and a verb of talk, hedged or not (*could you kind of talk to…*), an
  indirect one (*I was wondering if you could describe…*), or a hand-over (*do you wanna
  start us off?*). A wish or an event stays closed (*do you want to use it?*, *did you
  tell them?*).

Starters are indexed by their first word (see :func:`starters`), so reading a clause costs
a dictionary look-up, not a scan of every starter.

>>> from synthesis.craft.lexicon import DEFAULT_LEXICON as lex
>>> [form_of(t.split(), lex)[0] for t in ("how do you invoice", "how often do you invoice",
...                                       "do you invoice", "don't worry")]
['open', 'specific', 'closed', None]
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import (
    AUXILIARIES,
    PRONOUN_SUBJECTS,
    FACT_NOUNS,
    PROMPT_VERBS,
    SUBJECTS,
    WH_WORDS,
    Lexicon,
    normalise,
    words,
)

# A request for more, hedged or not: "could you say a bit more about…", "tell me a little
# more". It is open, though "could" alone is a closed starter.
MORE_RE = re.compile(
    r"(?:(?:can|could|would) you (?:please |just )?)?(?:say|tell(?: me| us)?|talk) "
    r"(?:(?:a )?(?:little |tiny )?(?:bit |tad |touch )?|some |something |just |a few words )"
    r"more\b")
# Indirect questions: "I'm curious if…", "I wonder how…", "I'd love to hear about…".
INDIRECT_RE = re.compile(
    r"(?:i'm|i am|i was) (?:just |really )?(?:curious|wondering)(?: about| to know| to hear)?"
    r"|i (?:do )?wonder|i'd (?:love|like) to (?:hear|know)|i would (?:love|like) to "
    r"(?:hear|know)|it'd be (?:good|great|nice) to hear|it would be (?:good|great|nice) to "
    r"hear|(?:let|tell) me know")
# A question the interviewer announces as theirs in the same breath: "one question I always
# have is who…", "my question is how…" (not "the real question is how we…", a statement).
ANNOUNCED_RE = re.compile(
    r"(?:my (?:\w+ )?question(?: for you)?|(?:(?:one|the|a|another|first|last|real|big) )+(?:\w+ )?"
    r"question(?: that| which)? (?:i|we)(?: \w+)? (?:have|had|ask|get|keep asking|"
    r"wanted to ask|want to ask)) is ")
_NOT_A_NOUN = AUXILIARIES | SUBJECTS | WH_WORDS | frozenset(
    "if about else kind sort type way exactly really actually do you".split())
# Wh-words that also open a subordinate clause ("when customers call, …", "where teams
# grow, …"); a question puts an auxiliary within its first two words ("when did…", "where
# else do…").
_CONJUNCTIONS = frozenset("when where".split())
_KNOW_VERBS = frozenset("remember recall know tell say guess estimate ask".split())
# Said between "could you" and the verb of a prompt ("could you maybe just walk me…").
_SOFTENERS = frozenset("maybe just please perhaps possibly kindly actually also quickly".split())
# "Could you kind of walk us…", "can you sort of tell…": hedges between a request's modal and
# its verb, two words each.
_SOFTENING_PAIRS = (("kind", "of"), ("sort", "of"), ("a", "little"), ("a", "bit"))
# A yes/no form that asks for talk is a request, open ("Do you wanna give us an insight
# into that?", "Would you like to walk us through it?"): the willingness asked about, then a
# prompt verb or a hand-over ("start us off", "take it home", "chime in").
_WILLING = (("want", "to"), ("wanna",), ("like", "to"), ("care", "to"), ("mind",),
            ("be", "able", "to"), ("be", "willing", "to"))
_HAND_OVERS = (("start", "us", "off"), ("start", "off"), ("kick", "us", "off"),
               ("kick", "off"), ("take", "it", "home"), ("take", "it", "away"),
               ("chime", "in"), ("weigh", "in"), ("jump", "in"))
# Verbs that ask for talk whatever follows them; the other prompt verbs (give, take, show,
# help, go, keep) only with "us" / "me" after them ("give us a sense", not "give it a try").
_SPEAKING = frozenset("""tell talk describe explain share speak elaborate expand say introduce
    compare contrast walk""".split())
# "Any thoughts on the pricing?", "any advice for someone starting?": asks for a view or a
# story however it is worded ("any" is otherwise a yes/no start: "any problems with it?").
_OPINION_NOUNS = frozenset("""thoughts thought advice tips reflections comments ideas
    examples stories lessons takeaways recommendations suggestions views opinions feelings
    words""".split())
_HANDED = frozenset("for us me there then now please here".split())
_REQUEST_MODALS = frozenset("can could would will might".split())
_WHOLE_PROMPTS = frozenset({"keep talking", "keep going", "go on", "final thoughts",
                            "any final thoughts"})
PERSONAL = frozenset("i you we they he she it there that this".split())
_DETERMINERS = frozenset("the a an this that these those my your our their his her its".split())
_NUMBER_WORDS = frozenset("""two three four five six seven eight nine ten eleven twelve
    fifteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
    dozen""".split())  # not "one" ("the old one") or "half"
_DEGREE_LINKS = frozenset("of or and to for enough".split())  # "how big of", "how easy or hard"
# Said between "how" and its verb, these ask about the manner still ("how then does it…",
# "how exactly did you…"), not a degree as an adjective there would ("how easy was it").
_MANNER_ADVERBS = frozenset("""then exactly else now though actually really precisely
    specifically today again otherwise""".split())
# "Where did you go from there?", "where is this heading?": where a story or a business goes
# next, asked figuratively, invites a description, not a place ("where did you go to school?"
# names one).
_MOTION = frozenset("""go goes going went gone head heads heading headed take takes taking took
    lead leads leading led""".split())
_SPANS = frozenset("year years month months week weeks decade future term run".split())
_ONWARD = (["from", "there"], ["from", "here"], ["from", "that"], ["from", "this"], ["next"])


@lru_cache(maxsize=8)
def starters(lex: Lexicon) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Every starter of the lexicon, by first word, longest first: ``{"how": [...]}``.

    >>> from synthesis.craft.lexicon import DEFAULT_LEXICON
    >>> starters(DEFAULT_LEXICON)["how"][0][1] in ("open", "specific")
    True
    """
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for kind, phrases in (("open", lex.open_starters), ("specific", lex.specific_starters),
                          ("closed", lex.closed_starters)):
        for phrase in phrases:
            tokens = tuple(words(normalise(phrase)))
            if tokens:
                index.setdefault(tokens[0], []).append((tokens, kind))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def form_of(tokens: list[str], lex: Lexicon, embedded: bool = False) -> tuple[str | None, str]:
    """(kind, starter) of a clause's tokens (fillers already skipped), or (None, "").

    ``embedded``: the clause follows "do you know", "can you remember"…, where a wh-word
    is followed by its subject ("…when that was") and still asks.
    """
    if not tokens:
        return None, ""
    if len(tokens) > 2 and tokens[0] in AUXILIARIES and tokens[1] == "you":
        tokens = tokens[:2] + _soften(tokens[2:])
    text = " ".join(tokens)
    more = MORE_RE.match(text)
    if more:
        return "open", more.group(0)  # before "could" (closed) gets a chance
    indirect = INDIRECT_RE.match(text)
    if indirect:
        rest = tokens[len(indirect.group(0).split()):]
        if rest and rest[0] in ("if", "whether"):
            # "I was wondering if you could talk about…": a request put politely, open.
            if len(rest) > 3 and rest[1] == "you" and _request(rest[2], _soften(rest[3:])):
                return "open", indirect.group(0)
            return "closed", indirect.group(0)
        inner, _ = form_of(rest, lex) if rest and rest[0] in WH_WORDS else ("open", "")
        return inner or "open", indirect.group(0)
    announced = ANNOUNCED_RE.match(text + " ")
    if announced:
        inner, _ = form_of(tokens[len(announced.group(0).split()):], lex, embedded=True)
        if inner:
            return inner, announced.group(0).strip()
    for starter, kind in starters(lex).get(tokens[0], ()):
        n = len(starter)
        if tuple(tokens[:n]) != starter:
            continue
        nxt = tokens[n].split("'")[0] if n < len(tokens) else None  # "you're" → "you"
        head = starter[0]
        if n == 1 and head in WH_WORDS and nxt in SUBJECTS and not embedded:
            return None, ""  # "when you sent it," — a subordinate clause, not the question
        if n == 1 and head in _CONJUNCTIONS and len(tokens) > 2 and not embedded and not (
                {tokens[1], tokens[2]} & (AUXILIARIES | _NOT_A_NOUN)):
            return None, ""  # "when customers call us," — a noun and its verb: subordinate
        if n == 1 and head in AUXILIARIES and nxt not in SUBJECTS:
            return None, ""  # "don't worry", "have a good day" — not a question form
        if n == 1 and head in AUXILIARIES:
            inner = _embedded(tokens, lex)
            request = _request(head, tokens[2:]) if not inner and nxt == "you" else None
            if request:
                return "open", f"{head} you {request}"
            return inner or kind, head
        if starter == ("how",) and nxt is not None and nxt not in AUXILIARIES | {
                "so", "come", "and", "or"} | _MANNER_ADVERBS and _degree(tokens[n:]):
            return "specific", "how " + nxt  # a degree: "how frustrated", "how easy"
        if starter == ("why",) and nxt == "not" and len(tokens) > 2:
            return "closed", "why not"  # "why not try X?" suggests X: a yes or a no
        if starter == ("where",) and _figurative(tokens):
            return "open", "where … from there"
        if starter == ("any",) and _OPINION_NOUNS & set(tokens[1:4]):
            return "open", "any … " + next(t for t in tokens[1:4] if t in _OPINION_NOUNS)
        if starter == ("what",) and nxt is not None:
            return _what(tokens, kind), "what"
        return kind, " ".join(starter)
    return None, ""


def _soften(rest: list[str]) -> list[str]:
    """``rest`` without the hedges a request opens with ("maybe just kind of walk us…")."""
    while len(rest) > 1:
        if rest[0] in _SOFTENERS:
            rest = rest[1:]
        elif len(rest) > 2 and tuple(rest[:2]) in _SOFTENING_PAIRS:
            rest = rest[2:]
        else:
            break
    return rest


def _request(modal: str, rest: list[str]) -> str | None:
    """The words of a request for talk after ``modal`` + "you" (hedges skipped), or None.

    A prompt verb after a willingness (*want to*, *wanna*, *like to*, *mind* + -ing) or
    straight after the modal of a request (*can*, *could*, *would*, *will*: "could you kind
    of talk to…"); or a hand-over to the participant that ends the question (*start us
    off*, *take it home for us*, *chime in there*). "Do you want to use it?" asks about a
    wish and "did you tell them?" about an event: both stay closed.

    >>> _request("do", "wanna give us an insight".split()), _request("do", "want to use it".split())
    ('wanna give', None)
    >>> _request("did", "tell your manager".split()), _request("could", "tell me more".split())
    (None, 'tell')
    """
    willing = next((w for w in _WILLING if tuple(rest[:len(w)]) == w), None)
    said = list(willing or ())
    rest = _soften(rest[len(said):])
    if not rest or not (willing or modal in _REQUEST_MODALS):
        return None
    for over in _HAND_OVERS:  # "…take it home for us?", not "…take it home that day?"
        if tuple(rest[:len(over)]) == over and set(rest[len(over):]) <= _HANDED:
            return " ".join(said + list(over))
    if {"whether", "if"} & set(rest[1:3]):
        return None  # "could you say whether it worked": a yes/no question embedded
    verb = rest[0]
    if willing == ("mind",):
        verb = verb.removesuffix("ing")
        verb = verb if verb in PROMPT_VERBS else verb + "e"  # "sharing" → "share"
    if len(rest) > 1 and (
            verb in _SPEAKING or (verb in PROMPT_VERBS and rest[1] in ("us", "me"))):
        return " ".join([*said, rest[0]])
    return None


def _degree(rest: list[str]) -> bool:
    """Whether "how" + ``rest`` asks for a degree ("how easy was it", "how frustrated you
    were", "how big a change") rather than a manner ("how people use it", "how the team
    works"): the word after "how" is no determiner, and what follows it is a verb, a subject,
    or nothing — not the verb of a subject just named."""
    if rest[0] in _DETERMINERS:
        return False
    after = rest[1].split("'")[0] if len(rest) > 1 else None
    return after is None or after in AUXILIARIES | SUBJECTS | _DETERMINERS | _DEGREE_LINKS


def _figurative(tokens: list[str]) -> bool:
    """Whether a where-question asks where something went or goes next, figuratively: a verb
    of motion within its first seven words, followed by nothing, by words that carry no place
    (*then*, *now*), by *from there* or *next*, or by a span of time ("where did you go from
    there then?", "where is it heading?", "where do you see it going over the next year?").

    >>> _figurative("where did you go from there then".split())
    True
    >>> _figurative("where did you go to school".split())
    False
    """
    at = next((i for i, t in enumerate(tokens[1:8], 1) if t in _MOTION), None)
    if at is None:
        return False
    rest = [t for t in tokens[at + 1:] if t not in _MANNER_ADVERBS]
    return not rest or any(rest[:len(onward)] == onward for onward in _ONWARD) or (
        rest[0] in ("over", "in", "within", "by", "during", "for") and bool(_SPANS & set(rest)))


def _what(tokens: list[str], kind: str) -> str:
    """"what" asks for a fact when a noun follows it ("what tool do you use") or when it asks
    for the value of one ("what is your role", "what was the price")."""
    nxt = tokens[1]
    if nxt not in _NOT_A_NOUN and len(tokens) > 2 and (
            tokens[2] in AUXILIARIES or tokens[2] in FACT_NOUNS):
        return "specific"
    if nxt in ("is", "was", "are", "were") and len(tokens) > 3 and tokens[2] in (
            "the", "your", "their", "his", "her", "its", "our") and tokens[3] in FACT_NOUNS:
        return "specific"
    return kind


def _embedded(tokens: list[str], lex: Lexicon) -> str | None:
    """"Can you remember when…", "do you know how many…": the kind of the embedded question."""
    for i, tok in enumerate(tokens[2:6], start=2):
        if tok in _KNOW_VERBS:
            for j in range(i + 1, min(i + 4, len(tokens))):
                if tokens[j] in WH_WORDS:
                    inner, _ = form_of(tokens[j:], lex, embedded=True)
                    return inner
            return None
    return None


def is_question_form(tokens: list[str], kind: str | None, starter: str) -> bool:
    """Whether a clause that starts like a question is one even without a question mark.

    A prompt (*tell me…*) or an indirect question is; a wh-word must be followed by an
    auxiliary (*how did you*, or a longer starter like *how often*), otherwise it is a
    statement (*what I love is…*); an auxiliary must be followed by a personal pronoun (*do
    you*, *is it*), since *have a good day* is no question.

    >>> is_question_form("how did you start".split(), "open", "how")
    True
    >>> is_question_form("what i love is the speed".split(), "open", "what")
    False
    """
    if kind is None or not tokens:
        return False
    head = tokens[0]
    if kind == "open" and head in PROMPT_VERBS | {"final", "any"}:
        # A prompt: "tell me…", "walk me through…"; one with no object to take ("keep
        # talking", "go on") only when it is all that is said ("…keep talking to it" is not).
        return starter not in _WHOLE_PROMPTS or len(tokens) <= len(starter.split()) + 1
    if INDIRECT_RE.match(" ".join(tokens)) or ANNOUNCED_RE.match(" ".join(tokens) + " "):
        return True
    if head in WH_WORDS:
        return len(tokens) > 1 and (tokens[1] in AUXILIARIES or " " in starter)
    if head in AUXILIARIES:
        return len(tokens) > 1 and tokens[1] in PERSONAL
    return False


def candidate_value(tokens: list[str]) -> bool:
    """Whether a phrase offers a number as the answer ("four years", "2015", "like 30 people",
    "three months after you launched"): a guess at a fact, put for the participant to confirm
    or correct — a number within its first four words, with no clause of its own before it.

    >>> candidate_value("about four years".split()), candidate_value("the old one".split())
    (True, False)
    """
    if not 0 < len(tokens) <= 8:
        return False
    at = next((i for i, t in enumerate(tokens[:4])
               if any(ch.isdigit() for ch in t) or t in _NUMBER_WORDS), None)
    return at is not None and not (AUXILIARIES | PRONOUN_SUBJECTS) & set(tokens[:at])
