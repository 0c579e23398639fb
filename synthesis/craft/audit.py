"""The craft audit of a study (or one round): every craft frame, read from the study once.

This is the one place the craft package touches a :class:`~synthesis.Study`; everything it
computes comes from the pure functions in :mod:`synthesis.craft.session`,
:mod:`synthesis.craft.coverage` and :mod:`synthesis.craft.aggregate`.

The study file can tune it::

    [craft]
    leading_phrases = ["you'll love"]   # and probe_phrases, open_starters, closed_starters
    key_threshold = 0.5                 # similarity at which a key question counts as asked
    overlap_tolerance_s = 0.25          # overlap ignored before a turn counts as interrupting
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from synthesis.errors import InputError

from .aggregate import by_interviewer, by_round
from .coverage import DEFAULT_THRESHOLD, key_question_coverage
from .flagged import flagged_of
from .lexicon import DEFAULT_LEXICON, Lexicon
from .session import figures_of, read_utterances, session_status
from .aggregate import SUMMARY_COLUMNS


@dataclass(frozen=True)
class CraftAudit:
    """How the interviews went: per session, per interviewer, per round, and what was flagged.

    Attributes
    ----------
    sessions : one row per session (:func:`~synthesis.craft.session.session_figures`)
    interviewers : per interviewer (:func:`~synthesis.craft.aggregate.by_interviewer`)
    rounds : per round (:func:`~synthesis.craft.aggregate.by_round`)
    flagged : leading and double-barrelled questions with their context
    coverage : one row per session and key question (asked, where, score, best match)
    lexicon : the phrase lists used (defaults plus the study file's ``[craft]`` table)
    round : the round audited, or None for the whole study
    """

    sessions: pd.DataFrame
    interviewers: pd.DataFrame
    rounds: pd.DataFrame
    flagged: pd.DataFrame
    coverage: pd.DataFrame
    lexicon: Lexicon
    round: str | None = None

    @property
    def missed_key_questions(self) -> pd.DataFrame:
        """Coverage rows of key questions a session did not ask (in analysed sessions)."""
        return self.coverage[~self.coverage["asked"]].reset_index(drop=True)


def craft_audit(study: Any, round: str | None = None) -> CraftAudit:
    """Audit the interviews of ``study`` (all rounds, or only ``round``).

    Raises :class:`~synthesis.errors.StudyError` for a round the study does not have and
    :class:`~synthesis.errors.InputError` for a malformed ``[craft]`` table.

    Examples
    --------
    >>> audit = craft_audit(open_study("data/invoicing-onboarding"))
    >>> audit.interviewers[["talk_share_words", "leading_per_session"]].round(2)
                    talk_share_words  leading_per_session
    interviewer
    Dana Whitfield              0.18                 0.00
    Marco Bell                  0.45                 4.43
    """
    craft_cfg = study.config.get("craft", {}) or {}
    if not isinstance(craft_cfg, dict):
        raise InputError("study.toml", "[craft] must be a table of settings.")
    lexicon = DEFAULT_LEXICON.extended(craft_cfg)
    threshold = _number(craft_cfg, "key_threshold", DEFAULT_THRESHOLD, 0.0, 1.0)
    tolerance = _number(craft_cfg, "overlap_tolerance_s", 0.25, 0.0, 10.0)
    study.check_round(round)

    sessions = study.sessions(round=round)
    # Every utterance is read once, here; the figures, the coverage and the flagged questions
    # all work from that one reading. Sessions with no utterances (notes only) have no
    # figures to show.
    read = read_utterances(study.utterances(round=round), lexicon)
    coverage = _analysed_coverage(read, study.guide(), sessions, lexicon, threshold)
    figures = figures_of(read, sessions, coverage, tolerance)
    return CraftAudit(
        sessions=figures,
        interviewers=by_interviewer(figures) if len(figures) else _empty_summary("interviewer"),
        rounds=by_round(figures) if len(figures) else _empty_summary("round_id"),
        flagged=flagged_of(read, sessions),
        coverage=coverage,
        lexicon=lexicon,
        round=round,
    )


def _analysed_coverage(read: pd.DataFrame, guide: pd.DataFrame, sessions: pd.DataFrame,
                       lexicon: Lexicon, threshold: float) -> pd.DataFrame:
    """Key-question coverage, only for sessions whose words could be read."""
    meta = sessions.set_index("session_id") if len(sessions) else None
    keep = []
    for session_id, utts in read.groupby("session_id", sort=True):
        row = meta.loc[session_id] if meta is not None and session_id in meta.index else None
        if all(session_status(utts, row)):
            keep.append(session_id)
    cov = key_question_coverage(read[read["session_id"].isin(keep)], guide, lexicon,
                                threshold=threshold)
    return cov.reset_index(drop=True)


def _number(cfg: dict, key: str, default: float, low: float, high: float) -> float:
    value = cfg.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise InputError("study.toml", f"[craft] {key} must be a number from {low:g} to "
                                       f"{high:g} (found {value!r}).")
    return float(value)


def _empty_summary(index: str) -> pd.DataFrame:
    out = pd.DataFrame(columns=list(SUMMARY_COLUMNS))
    out.index.name = index
    return out
