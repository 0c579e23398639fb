"""Reading one interviewer turn: is it a question, open or closed, leading, double-barrelled?

The detector is a set of plain, inspectable rules over English phrasing, not a model: every
flag comes with a one-line reason (:func:`explain_flags`) so a researcher can disagree with
it. The phrase lists live in :class:`~synthesis.craft.lexicon.Lexicon` and can be extended
from ``study.toml``. Its precision and recall on a labelled set of 214 interviewer turns are
in ``bench/results/craft_labelled_set.md``.

How a turn is read
------------------
1. The text is normalised (lower case, straight apostrophes, ``what's`` → ``what is``) and
   split into sentences, and each sentence into clauses at commas, dashes and semicolons.
   Markers opening a sentence (``so``, ``um``, ``okay``, ``right``, ``and``, ``well``…, with
   their commas) are stripped, however many, so ``So, um, tell me…`` reads as ``Tell me…``;
   other words said before the question proper (``great``, ``just``…) are skipped per clause.
2. **Question.** A sentence is a question when it ends with ``?``, or when its first clause
   starts like one without it: a prompt (``Tell me more.``, ``Walk me through it.``,
   ``Describe…``), a wh-word followed by an auxiliary (``how did you…``) or an auxiliary
   followed by its subject (``do you…``). ``Don't worry, take your time.`` is not one:
   ``don't`` is followed by a verb, not a subject.
3. **Open or closed** is decided by the first clause of the first question that starts like
   a question; the longest matching starter wins, so ``can you walk…`` (open) beats ``can``
   (closed). Open: ``what``, ``why``, ``how did…``, ``tell me``, ``walk me through``,
   ``describe``, ``could you tell…``, and any request for more, hedged or not (``could you
   say a bit more about…``, also a probe). Closed: auxiliaries (``do/did/is/are/was/were/have/
   has/can/could/would/will…``), ``which``, ``who``, ``when``, ``where``, ``any…``, one-fact
   ``what`` (``what is your job title``), and *degree* questions: ``how`` + an adjective or
   ``many/much/often/long`` (``How frustrated were you?``). A clause like ``when you sent
   it,`` (a wh-word followed by its subject) is a subordinate clause, not the question. A
   question that starts like none of these is a statement said as a question (``So you'd
   say it was easy?``): closed.
4. **Leading** when the question supplies its answer: a phrase from the lexicon (``don't you
   think``, ``wouldn't you agree``, ``surely``, ``you must have``, ``I'm sure you``,
   ``everyone says``…); a negative question (``Isn't it…``, ``Doesn't the new layout…``); a
   tag asking for agreement (``…, isn't it?``, ``…, right?``) unless the interviewer is
   checking what they heard (``you said twenty, right?``); ``would you say…`` only when it
   names the verdict (``…it's the best?``, ``…too slow?``) without an alternative, since
   ``Would you say that happens weekly?`` just asks for a judgement; a judgement or
   feeling put in the participant's mouth (``how frustrated``, ``so painful``, ``such a
   relief``) unless both sides are offered (``how easy or hard``); or, in an open or degree
   question, a phrase that presupposes the answer (``what did you like most``, ``how has it
   saved you``).
5. **Double-barrelled** when one turn asks two things: two question sentences back to back
   (``How did the import go? Did you lose any data?``); ``and`` followed by a second
   question (``…and who approves them?``, ``…, and was it worth it?``, ``and if so…``) or a
   second clause (``…and the support was helpful``); two judgements joined (``fast and
   reliable``); two topics weighed at once (``satisfied with the price and the support``).
   Fixed pairs like ``pros and cons`` are ignored.

By convention a plain ``Was it easy to set up?`` is closed but not leading (nothing presses
for the answer). Known misses (see the bench table): re-asking the same question in other
words (``So what happened? What went wrong?``) is flagged double-barrelled, and two tasks
joined by ``and to`` (``simple to set up the account and to invite your team?``) are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import (
    AUXILIARIES,
    DEFAULT_LEXICON,
    FILLERS,
    NEGATED_AUXILIARIES,
    SUBJECTS,
    TURN_OPENERS,
    VERDICT_PHRASES,
    VERDICT_WORDS,
    WH_WORDS,
    Lexicon,
    normalise,
    phrase_in,
    words,
)

FLAGS = frozenset({"question", "open", "closed", "leading", "double-barrelled"})

# Verbs that open a prompt, so a sentence starting with them asks even without "?".
_PROMPT_VERBS = frozenset("tell walk talk take describe explain help show say give go".split())
_TAG_WORDS = frozenset("right yeah yes no correct true ok okay eh huh innit".split())
_CLARIFYING = (
    "you said", "you mentioned", "just to check", "just to confirm", "to clarify",
    "if i understand", "if i understood", "if i heard", "correct me if", "so you are saying",
    "you're saying", "did i get that right",
)
_TWO_WORD_FILLERS = {("i", "see"), ("i", "mean"), ("got", "it"), ("thank", "you"),
                     ("all", "right"), ("makes", "sense")}
# Yes/no questions that hand the participant a verdict to accept ("Do you agree it's
# quicker?"); with an alternative ("…too long or just right?") they are fair. A plain "would
# you say" only asks for a judgement ("Would you say that happens weekly?"): it leads only
# when it also names the verdict (LOADED_WORDS, VERDICT_WORDS, VERDICT_PHRASES or "too …").
_VERDICT_STARTERS = frozenset({"would you say", "do you agree", "would you not say"})
# Markers opening a sentence, however many and however punctuated: "So, um, tell me…".
_OPENERS_RE = re.compile(
    r"^(?:(?:all right|" + "|".join(sorted(TURN_OPENERS))
    + r")(?![a-z0-9']|-[a-z])[\s,;:.\u2014\u2013-]*)+")
# A request for more, hedged or not: "could you say a bit more about…", "tell me a little
# more", "can you talk some more about…". It is a probe and open, though "could" alone is
# a closed starter.
_MORE_RE = re.compile(
    r"(?:(?:can|could|would) you (?:please |just )?)?(?:say|tell(?: me| us)?|talk) "
    r"(?:(?:a )?(?:little |tiny )?(?:bit |tad |touch )?|some |something |just |a few words )"
    r"more\b")
_CLAUSE_VERBS = frozenset("was were is are has have had will would did does do".split())
_DETERMINERS = frozenset("the your our their my his her this that these those".split())
_SENTENCE_RE = re.compile(r"(?<=[.?!])\s+")
_TWO_TOPICS = re.compile(
    r"\b(?:with|about) (?:the|your|our) (?:\w+ ){0,2}?\w+ and (?:the|your|our) \w+")
_CLAUSE_RE = re.compile(r"\s*[,;:\u2014\u2013]\s*|\s+-+\s+")


@dataclass(frozen=True)
class QuestionReading:
    """What the detector made of one turn: its flags, why, and whether it is a probe."""

    flags: frozenset[str]
    reasons: dict[str, str] = field(default_factory=dict)
    probe: bool = False


@dataclass
class _Clause:
    tokens: list[str]  # fillers stripped
    raw: list[str]  # as said
    form: str | None = None  # "open" / "closed" when it starts like a question
    starter: str = ""


def question_flags(text: str, lexicon: Lexicon | None = None) -> frozenset[str]:
    """The flags from ``{"question", "open", "closed", "leading", "double-barrelled"}``.

    A turn that asks nothing gets an empty set; a question gets ``"question"`` and exactly one
    of ``"open"``/``"closed"``. The rules are described in this module's docstring.

    Examples
    --------
    >>> sorted(question_flags("Can you walk me through it?"))
    ['open', 'question']
    >>> sorted(question_flags("Don't you think the pricing is a bit high?"))
    ['closed', 'leading', 'question']
    >>> sorted(question_flags("How do you create invoices and who approves them?"))
    ['double-barrelled', 'open', 'question']
    >>> question_flags("Thanks, that's really helpful.")
    frozenset()
    """
    return read_question(text, lexicon).flags


def explain_flags(text: str, lexicon: Lexicon | None = None) -> dict[str, str]:
    """A one-line reason per flag raised, e.g. ``{"leading": '"surely" supplies the answer'}``.

    >>> explain_flags("It's easy, isn't it?")["leading"]
    'the tag "isn\\'t it?" asks for agreement'
    """
    return dict(read_question(text, lexicon).reasons)


def is_probe(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether a turn is a follow-up probe ("Tell me more.", "Why was that?", "How so?").

    A probe is a question that uses a probe phrase from the lexicon, or any open question of
    at most three words (``"And then?"``, ``"Why?"``).

    >>> is_probe("Interesting, why was that?"), is_probe("How do you send invoices?")
    (True, False)
    """
    return read_question(text, lexicon).probe


def read_question(text: str, lexicon: Lexicon | None = None) -> QuestionReading:
    """Everything the detector reads from one turn (flags, reasons, probe), cached."""
    return _read(text or "", lexicon or DEFAULT_LEXICON)


@lru_cache(maxsize=20_000)
def _read(text: str, lex: Lexicon) -> QuestionReading:
    norm = normalise(text)
    said = [s for s in _SENTENCE_RE.split(norm) if words(s)]
    sentences = [_strip_openers(s) for s in said]
    readings = [(s, _clauses(s, lex)) for s in sentences]
    asked = [(s, cl) for s, cl in readings if _is_question(s, cl)]
    if not asked:
        return QuestionReading(frozenset())
    flags = {"question"}
    reasons: dict[str, str] = {}
    first = next((c for _, cl in asked for c in cl if c.form), None)
    form = first.form if first else "closed"
    flags.add(form or "closed")

    leading = _leading(norm, asked, readings, form, first, lex)
    if leading:
        flags.add("leading")
        reasons["leading"] = leading
    double = _double(asked, readings, lex)
    if double:
        flags.add("double-barrelled")
        reasons["double-barrelled"] = double

    probe_phrase = next((p for p in lex.probe_phrases if phrase_in(p, norm)), None)
    asks_more = any(_MORE_RE.match(c.starter) for _, cl in asked for c in cl if c.form)
    # Counted as said, markers included: "So, um, what else?" is not a three-word probe.
    short_open = form == "open" and sum(
        len(words(raw)) for raw, (s, cl) in zip(said, readings) if _is_question(s, cl)) <= 3
    return QuestionReading(frozenset(flags), reasons,
                           probe=bool(probe_phrase or asks_more or short_open))


def _strip_openers(sentence: str) -> str:
    """The sentence without the markers that open it ("so, um, tell me…" → "tell me…").

    The one place turn-opening markers are removed, so a prompt behind them is read as one.
    A sentence that is nothing but markers ("Right?", "Okay.") is kept whole: it may be a
    tag or a back-channel, which the later rules need to see.
    """
    stripped = _OPENERS_RE.sub("", sentence)
    return stripped if words(stripped) else sentence


def _strip_fillers(tokens: list[str]) -> list[str]:
    i = 0
    while i < len(tokens):
        if tuple(tokens[i:i + 2]) in _TWO_WORD_FILLERS:
            i += 2
        elif tokens[i] in FILLERS and tokens[i] != "it" and i + 1 < len(tokens):
            # "it" is a filler only in "got it"; alone it is a subject ("it is the owner's…"),
            # and skipping it would turn a statement into a question ("is the owner's…").
            i += 1
        else:
            break
    return tokens[i:]


@lru_cache(maxsize=4)
def _starters(lex: Lexicon) -> list[tuple[tuple[str, ...], str]]:
    pairs = [(tuple(words(normalise(s))), "open") for s in lex.open_starters]
    pairs += [(tuple(words(normalise(s))), "closed") for s in lex.closed_starters]
    # Longest first, so "can you walk" (open) is tried before "can" (closed).
    return sorted((p for p in pairs if p[0]), key=lambda p: -len(p[0]))


def _clauses(sentence: str, lex: Lexicon) -> list[_Clause]:
    body = sentence.rstrip(".?!")
    out = []
    for part in _CLAUSE_RE.split(body):
        raw = words(part)
        if not raw:
            continue
        clause = _Clause(_strip_fillers(raw), raw)
        clause.form, clause.starter = _form(clause.tokens, lex)
        out.append(clause)
    return out


def _form(tokens: list[str], lex: Lexicon) -> tuple[str | None, str]:
    more = _MORE_RE.match(" ".join(tokens))
    if more:
        return "open", more.group(0)  # before "could" (closed) gets a chance
    for starter, form in _starters(lex):
        n = len(starter)
        if tuple(tokens[:n]) != starter:
            continue
        nxt = tokens[n] if n < len(tokens) else None
        if n == 1 and starter[0] in WH_WORDS and nxt in SUBJECTS:
            return None, ""  # "when you sent it," — a subordinate clause, not the question
        if n == 1 and starter[0] in AUXILIARIES and nxt not in SUBJECTS:
            return None, ""  # "don't worry", "doesn't matter" — not a question form
        if starter == ("how",) and nxt is not None and nxt not in AUXILIARIES | {"so", "come"}:
            return "closed", "how " + nxt  # a degree: "how frustrated", "how easy"
        return form, " ".join(starter)
    return None, ""


def _is_question(sentence: str, clauses: list[_Clause]) -> bool:
    if sentence.endswith("?"):
        return True
    if not clauses or not clauses[0].form:
        return False
    tokens = clauses[0].tokens
    if tokens[0] in _PROMPT_VERBS:
        return True
    # Without a question mark a wh-word must be followed by an auxiliary ("how did you"),
    # otherwise it is a statement ("what I love is…"); auxiliaries already need a subject.
    if tokens[0] in WH_WORDS:
        return len(tokens) > 1 and (tokens[1] in AUXILIARIES or clauses[0].starter.count(" "))
    return tokens[0] in AUXILIARIES


def _is_tag(clause: _Clause) -> bool:
    raw = clause.raw
    if len(raw) == 1:
        return raw[0] in _TAG_WORDS
    return len(raw) == 2 and raw[0] in AUXILIARIES and raw[1] in SUBJECTS


def _leading(norm: str, asked: list, readings: list, form: str, first: _Clause | None,
             lex: Lexicon) -> str | None:
    phrase = next((p for p in lex.leading_phrases if phrase_in(p, norm)), None)
    if phrase:
        return f'"{phrase}" supplies the answer'
    for _, clauses in asked:
        for clause in clauses:
            if clause.form and clause.tokens[0] in NEGATED_AUXILIARIES and not _is_tag(clause):
                return f'a negative question ("{" ".join(clause.tokens[:2])} …") expects a yes'
    if first is not None and first.starter in _VERDICT_STARTERS and not any(
            "or" in words(s) for s, _ in asked):
        if first.starter != "would you say":
            return f'"{first.starter} …" offers the verdict without an alternative'
        verdict = _verdict(words(" ".join(s for s, _ in asked)), lex)
        if verdict:
            return f'"would you say … {verdict}" offers the verdict without an alternative'
    tag = _tag(readings)
    if tag and not any(phrase_in(p, norm) for p in _CLARIFYING):
        return f'the tag "{tag}?" asks for agreement'
    for sentence, _ in asked:
        tokens = words(sentence)
        for i, tok in enumerate(tokens[:-1]):
            nxt = tokens[i + 1]
            loaded = (tok in ("how", "so") and nxt in lex.loaded_words) or (
                tok == "such" and nxt == "a" and i + 2 < len(tokens)
                and tokens[i + 2] in lex.loaded_words
            )
            if loaded:
                after = tokens[i + (3 if tok == "such" else 2):][:1]
                if after == ["or"]:
                    continue  # "how easy or hard" offers both sides
                said = " ".join(tokens[i:i + (3 if tok == "such" else 2)])
                return f'"{said}" puts a judgement in the participant\'s mouth'

    yes_no = first is not None and first.tokens[0] in AUXILIARIES
    if not yes_no and first is not None:
        # Only inside the question itself: "they're amazed how much simpler it is" said
        # before "So what are the other two?" does not make that question presuppose.
        asked_text = " ".join(s for s, _ in asked)
        phrase = next((p for p in lex.presupposing_phrases if phrase_in(p, asked_text)), None)
        if phrase:
            return f'"{phrase}" presupposes the answer'
    return None


def _verdict(tokens: list[str], lex: Lexicon) -> str | None:
    """The verdict a "would you say" question names after its starter, if any."""
    for i in range(len(tokens) - 2):
        if tokens[i:i + 3] == ["would", "you", "say"]:
            rest = tokens[i + 3:]
            break
    else:
        return None
    benefit = next((p for p in VERDICT_PHRASES if phrase_in(p, " ".join(rest))), None)
    if benefit:
        return benefit
    for i, w in enumerate(rest):
        if w in VERDICT_WORDS or w in lex.loaded_words:
            return w
        if w == "too" and i + 1 < len(rest):
            return "too " + rest[i + 1]  # "too long", "too expensive"; a final "too" is "also"
    return None


def _tag(readings: list) -> str | None:
    """The agreement tag ending a statement ("…, isn't it?", "… Right?"), if any."""
    for idx, (sentence, clauses) in enumerate(readings):
        if not sentence.endswith("?") or not clauses:
            continue
        last = clauses[-1]
        if not _is_tag(last):
            continue
        before = clauses[:-1]
        if before and not before[-1].form:
            return " ".join(last.raw)  # "…, it's pretty quick, right?"
        if not before and idx > 0 and not readings[idx - 1][0].endswith("?"):
            return " ".join(last.raw)  # "It's simple. Right?"
    return None


def _double(asked: list, readings: list, lex: Lexicon) -> str | None:
    # Two questions back to back ("How did it go? Did you lose any data?"). Fillers between
    # them ("Okay.") do not separate them; a statement does, because a rhetorical question in
    # the middle of a long turn is not something the participant is asked to answer.
    said = [(s, cl) for s, cl in readings if not all(w in FILLERS for w in words(s))]
    for (s1, c1), (s2, c2) in zip(said, said[1:]):
        if all(_is_question(s, c) and not (len(c) == 1 and _is_tag(c[0]))
               for s, c in ((s1, c1), (s2, c2))):
            return "two questions in one turn"
    for sentence, _ in asked:
        text = sentence
        for pair in lex.binomials:
            text = re.sub(r"\b" + re.escape(pair) + r"\b", "_pair_", text)
        tokens = _strip_fillers(words(text))
        for i in range(1, len(tokens) - 1):
            if tokens[i] != "and":
                continue
            rest = tokens[i + 1:]
            if rest[0] in ("also", "then") and len(rest) > 1:
                rest = rest[1:]
            if rest[0] in WH_WORDS and rest[0] in tokens[1:i]:
                continue  # "who's paid and who hasn't": two halves of one object
            if rest[0] in WH_WORDS or rest[:2] == ["if", "so"] or (
                rest[0] in AUXILIARIES and len(rest) > 1 and rest[1] in SUBJECTS
            ):
                return f'"and {" ".join(rest[:2])} …" asks a second question'
            if rest[0] in _DETERMINERS:
                head = rest[1:5]
                for j, w in enumerate(head):
                    if w in WH_WORDS:
                        break
                    if w in _CLAUSE_VERBS and j > 0:
                        return f'"and {" ".join(rest[:j + 2])} …" adds a second claim to weigh'
            loaded = lex.loaded_words
            nxt = rest[1] if rest[0] == "to" and len(rest) > 1 else rest[0]
            if nxt in loaded and any(w in loaded for w in tokens[max(0, i - 4):i]):
                return f'"… and {nxt}" asks about two qualities at once'
        m = _TWO_TOPICS.search(text)
        if m:
            return f'"{m.group(0)}" asks about two things at once'
    return None
