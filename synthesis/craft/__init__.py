"""Interview craft audit: talk share, leading questions, key-question coverage per session."""

from __future__ import annotations

from .aggregate import by_interviewer, by_round
from .audit import CraftAudit, craft_audit
from .coverage import key_question_coverage, similarity
from .lexicon import DEFAULT_LEXICON, Lexicon, is_english
from .questions import (
    FLAGS,
    QuestionReading,
    explain_flags,
    is_probe,
    question_flags,
    read_question,
)
from .session import flagged_questions, session_figures

__all__ = [
    "DEFAULT_LEXICON",
    "FLAGS",
    "CraftAudit",
    "Lexicon",
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
    "read_question",
    "session_figures",
    "similarity",
]
