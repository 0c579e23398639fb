"""Reading one interviewer turn: the question(s) actually put, and each one judged.

The detector is a set of plain, inspectable rules over English phrasing, not a model: every
flag comes with a one-line reason (:func:`explain_flags`) so a researcher can disagree with
it. The phrase lists live in :class:`~synthesis.craft.lexicon.Lexicon` and can be extended
from ``study.toml``. Its precision and recall on 1,301 real interviewer turns (every turn of
twenty-seven recordings, labelled by hand, three of the five sets blind by other labellers;
all of them tuning sets now) are in ``bench/results/craft_real_set.md`` and
``craft_set_real_turns_blind2.md`` / ``…blind3.md`` / ``…blind4.md``, recording by recording
(with what each rule change did to each recording, and the rules' pooled first runs on
held-out sets, the honest out-of-sample estimate) in ``craft_cross_recording.md``, rule by
rule (each rule's precision on recordings it was not written from, and on the first runs) in
``craft_rule_reliability.md``, and on two clean sets in ``craft_labelled_set.md`` and
``craft_blind_set.md``.

How a turn is read
------------------
1. **Sentences** (:mod:`synthesis.craft.sentences`): the turn is normalised, quoted passages
   become one word, and it is cut into sentences and clauses; markers opening a sentence
   (*so, um, okay, and…*) are skipped.
2. **The questions put** (:mod:`synthesis.craft.asked`): which sentences ask the participant
   something (interrogatives, prompts, statements said for confirmation, tags where the
   interviewer stops talking), which do not (adverts, imagined speech, questions to the
   audience, procedural and social ones, back-channels, rhetorical questions), and which
   wordings are one question (rephrasings, narrowings, echoes, self-repairs).
3. **Each question judged** (:mod:`synthesis.craft.judge`): its kind — *open* (what / how /
   why / tell me), *specific* (a fact: who, when, where, which, how many / often / long) or
   *closed* (yes/no, either/or) — whether it leads (including the interviewer's own
   hypothesis offered for confirmation, :mod:`synthesis.craft.hypothesis`), and whether it
   asks two things (:mod:`synthesis.craft.double`).

:func:`question_flags` sums a turn up: ``question`` when it puts at least one question,
exactly one of ``open`` / ``specific`` / ``closed`` for the first of them, ``leading`` or
``double-barrelled`` when any question is (two questions on different points put back to
back, with no talk of the interviewer's between them, are double-barrelled). The audit
counts the questions themselves (:func:`questions_put`).

Known limits: two points that the wording does not mark (*How did it work? Was it
kludgy?*) read as one question, as does a candidate answer that opens a new point, and a
restatement in other words joined by *and* (*what does it solve, and how should people think
about it?*) as two; a figurative *where* reads as specific; imagined speech with no marker at
all reads as asked; without the participant's previous turn a summary of their words ending
in *right?* can read as leading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .asked import questions_asked
from .judge import Question, judge
from .lexicon import DEFAULT_LEXICON, Lexicon, normalise

FLAGS = frozenset({"question", "open", "specific", "closed", "leading", "double-barrelled"})
KINDS = ("open", "specific", "closed")


@dataclass(frozen=True)
class QuestionReading:
    """What the detector made of one turn: the questions put, the turn's flags and why."""

    flags: frozenset[str]
    reasons: dict[str, str] = field(default_factory=dict)
    probe: bool = False
    questions: tuple[Question, ...] = ()


def questions_put(text: str, lexicon: Lexicon | None = None, *,
                  before: str = "") -> tuple[Question, ...]:
    """The questions a turn puts to the participant, each judged (see the module docstring).

    ``before`` is what the participant said just before (the end of their previous turn):
    with it, a summary of their own words said back with *right?* is not read as leading.

    Examples
    --------
    >>> [q.kind for q in questions_put("I guess that was hard. What did you do next?")]
    ['open']
    >>> qs = questions_put("How do you back up your files? And who checks the backups?")
    >>> len(qs), qs[0].double is not None
    (2, True)
    >>> questions_put("Sorry, can you hear us now?")
    ()
    """
    return read_question(text, lexicon, before=before).questions


def question_flags(text: str, lexicon: Lexicon | None = None, *,
                   before: str = "") -> frozenset[str]:
    """Flags from ``{"question", "open", "specific", "closed", "leading", "double-barrelled"}``.

    A turn that asks nothing gets an empty set; one that asks gets ``"question"`` and exactly
    one kind, that of its first question.

    Examples
    --------
    >>> sorted(question_flags("Can you walk me through it?"))
    ['open', 'question']
    >>> sorted(question_flags("How often do you back up the files?"))
    ['question', 'specific']
    >>> sorted(question_flags("Don't you think the pricing is a bit high?"))
    ['closed', 'leading', 'question']
    >>> sorted(question_flags("How do you create invoices and who approves them?"))
    ['double-barrelled', 'open', 'question']
    >>> question_flags("Thanks, that's really helpful.")
    frozenset()
    """
    return read_question(text, lexicon, before=before).flags


def explain_flags(text: str, lexicon: Lexicon | None = None, *,
                  before: str = "") -> dict[str, str]:
    """A one-line reason per flag raised, e.g. ``{"leading": '"surely" supplies the answer'}``.

    >>> explain_flags("It's easy, isn't it?")["leading"]
    'the tag "isn\\'t it?" asks to agree with the interviewer\\'s "easy"'
    """
    return dict(read_question(text, lexicon, before=before).reasons)


def is_probe(text: str, lexicon: Lexicon | None = None) -> bool:
    """Whether a turn puts a follow-up probe ("Tell me more.", "Why was that?", "How so?").

    A probe uses a probe phrase from the lexicon, asks for more (*say a bit more*), or is an
    open question of at most three words (``"And then?"``, ``"Why?"``).

    >>> is_probe("Interesting, why was that?"), is_probe("How do you send invoices?")
    (True, False)
    """
    return read_question(text, lexicon).probe


def read_question(text: str, lexicon: Lexicon | None = None, *,
                  before: str = "") -> QuestionReading:
    """Everything the detector reads from one turn (questions, flags, reasons), cached."""
    return _read(text or "", lexicon or DEFAULT_LEXICON, before or "")


@lru_cache(maxsize=20_000)
def _read(text: str, lex: Lexicon, before: str) -> QuestionReading:
    sentences, asked = questions_asked(normalise(text), lex)
    if not asked:
        return QuestionReading(frozenset())
    questions = judge(asked, sentences, lex, before)
    flags = {"question", questions[0].kind}
    reasons: dict[str, str] = {}
    leading = next((q.leading for q in questions if q.leading), None)
    if leading:
        flags.add("leading")
        reasons["leading"] = leading
    double = next((q.double for q in questions if q.double), None)
    if double:
        flags.add("double-barrelled")
        reasons["double-barrelled"] = double
    return QuestionReading(frozenset(flags), reasons, any(q.probe for q in questions),
                           questions)
