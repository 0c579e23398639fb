"""Interview craft audit: talk share, the questions put and how, key questions, per session."""

from __future__ import annotations

from .aggregate import by_interviewer, by_round
from .audit import CraftAudit, craft_audit
from .coverage import key_question_coverage, similarity
from .flagged import flagged_questions
from .judge import Question
from .language import is_english
from .lexicon import DEFAULT_LEXICON, Lexicon
from .questions import (
    FLAGS,
    KINDS,
    QuestionReading,
    explain_flags,
    is_probe,
    question_flags,
    questions_put,
    read_question,
)
from .session import session_figures

__all__ = [
    "DEFAULT_LEXICON",
    "FLAGS",
    "KINDS",
    "CraftAudit",
    "Lexicon",
    "Question",
    "QuestionReading",
    "by_interviewer",
    "by_round",
    "craft_audit",
    "explain_flags",
    "flagged_questions",
    "is_english",
    "is_probe",
    "key_question_coverage",
    "question_flags",
    "questions_put",
    "read_question",
    "session_figures",
    "similarity",
]
