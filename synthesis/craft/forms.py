"""What kind of answer a clause asks for, from the way it starts: open, specific or closed.

- **open** invites a description, story, explanation or opinion: *what* / *how* / *why*
  followed by an auxiliary (*how did you…*, *what was it like*), *what about…*, and prompts
  (*tell me*, *walk me through*, *give us a sense of*, *could you describe…*, *say a bit
  more*). A question announced in the same breath (*one question I have is who…*, *my
  question is how…*) is of the kind of what follows the announcement.
- **specific** asks for one fact: *who*, *when*, *where*, *which*, *how many / much / often
  / long*, *at what point*, *what* + a noun (*what tool do you use*), *what is your
  name / role / price…*, and degrees (*how frustrated*, *how easy*).
- **closed** can be answered yes or no, or by picking an offered alternative: an auxiliary
  followed by its subject (*do you…*, *is it…*), *anything…*, *would you say…*.

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
    r"(?:my (?:\w+ )?question|(?:(?:one|the|a|another|first|last|real|big) )+(?:\w+ )?"
    r"question(?: that| which)? (?:i|we)(?: \w+)? (?:have|had|ask|get|keep asking|"
    r"wanted to ask|want to ask)) is ")
_NOT_A_NOUN = AUXILIARIES | SUBJECTS | WH_WORDS | frozenset(
    "if about else kind sort type way exactly really actually do you".split())
_KNOW_VERBS = frozenset("remember recall know tell say guess estimate".split())
# Said between "could you" and the verb of a prompt ("could you maybe just walk me…").
_SOFTENERS = frozenset("maybe just please perhaps possibly kindly actually also quickly".split())
_WHOLE_PROMPTS = frozenset({"keep talking", "keep going", "go on", "final thoughts",
                            "any final thoughts"})
PERSONAL = frozenset("i you we they he she it there that this".split())
_DETERMINERS = frozenset("the a an this that these those my your our their his her its".split())
_DEGREE_LINKS = frozenset("of or and to for enough".split())  # "how big of", "how easy or hard"


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
        rest = tokens[2:]
        while len(rest) > 1 and rest[0] in _SOFTENERS:
            rest = rest[1:]
        tokens = tokens[:2] + rest
    text = " ".join(tokens)
    more = MORE_RE.match(text)
    if more:
        return "open", more.group(0)  # before "could" (closed) gets a chance
    indirect = INDIRECT_RE.match(text)
    if indirect:
        rest = tokens[len(indirect.group(0).split()):]
        if rest and rest[0] in ("if", "whether"):
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
        if n == 1 and head in AUXILIARIES and nxt not in SUBJECTS:
            return None, ""  # "don't worry", "have a good day" — not a question form
        if n == 1 and head in AUXILIARIES:
            return _embedded(tokens, lex) or kind, head
        if starter == ("how",) and nxt is not None and nxt not in AUXILIARIES | {
                "so", "come", "and", "or"} and _degree(tokens[n:]):
            return "specific", "how " + nxt  # a degree: "how frustrated", "how easy"
        if starter == ("what",) and nxt is not None:
            return _what(tokens, kind), "what"
        return kind, " ".join(starter)
    return None, ""


def _degree(rest: list[str]) -> bool:
    """Whether "how" + ``rest`` asks for a degree ("how easy was it", "how frustrated you
    were", "how big a change") rather than a manner ("how people use it", "how the team
    works"): the word after "how" is no determiner, and what follows it is a verb, a subject,
    or nothing — not the verb of a subject just named."""
    if rest[0] in _DETERMINERS:
        return False
    after = rest[1].split("'")[0] if len(rest) > 1 else None
    return after is None or after in AUXILIARIES | SUBJECTS | _DETERMINERS | _DEGREE_LINKS


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
