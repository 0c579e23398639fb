"""Theme analysis: pure functions from study frames to frames (no files, no store)."""

from __future__ import annotations

from .bootstrap import BootstrapResult, saturation_bootstrap
from .frequency import NOT_SET, theme_frequency, theme_frequency_by
from .lineage import apply_lineage, resolve_theme_lineage
from .matrices import participant_theme_matrix, theme_cooccurrence
from .questions import UNMATCHED, note_questions, question_similarity, theme_by_question
from .rounds import classify_theme_changes, round_order, theme_shares_by_round
from .saturation import (SaturationResult, StoppingResult, francis_stopping,
                         guest_saturation, incidence, interview_ids, interview_order,
                         saturation_curve, saturation_headline)
from .study_views import (bootstrap_for, cooccurrence_for, lineage_for,
                          participant_matrix_for, saturation_curve_for, saturation_for,
                          shares_by_round_for, stopping_for, theme_by_question_for,
                          theme_changes_for, theme_frequency_for)

__all__ = [
    "BootstrapResult", "NOT_SET", "SaturationResult", "StoppingResult", "UNMATCHED",
    "apply_lineage", "classify_theme_changes", "francis_stopping", "guest_saturation",
    "interview_ids", "interview_order", "note_questions", "participant_theme_matrix",
    "question_similarity", "resolve_theme_lineage", "round_order", "saturation_bootstrap",
    "saturation_curve", "saturation_headline", "theme_by_question", "theme_cooccurrence",
    "theme_frequency",
    "theme_frequency_by", "theme_shares_by_round", "incidence",
    # the same on an open study
    "bootstrap_for", "cooccurrence_for", "lineage_for", "participant_matrix_for",
    "saturation_curve_for", "saturation_for", "shares_by_round_for", "stopping_for",
    "theme_by_question_for", "theme_changes_for", "theme_frequency_for",
]
