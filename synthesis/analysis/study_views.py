"""The analyses on an open study: read its frames once, hand them to the pure functions.

Everything else in :mod:`synthesis.analysis` takes frames and never touches the store; these
wrappers are the one place that reads a :class:`~synthesis.Study` for them, so a notebook can
say ``theme_frequency_for(study, round="r1")`` instead of wiring five frames by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ._frames import RoundScope, rounds_in
from .bootstrap import BootstrapResult, saturation_bootstrap
from .frequency import theme_frequency
from .lineage import resolve_theme_lineage
from .matrices import participant_theme_matrix, theme_cooccurrence
from .questions import DEFAULT_THRESHOLD, theme_by_question
from .rounds import classify_theme_changes, theme_shares_by_round
from .saturation import (SaturationResult, StoppingResult, francis_stopping,
                         guest_saturation, saturation_curve)

if TYPE_CHECKING:
    from ..study import Study


def _notes(study: Study, round: RoundScope) -> pd.DataFrame:
    wanted = rounds_in(round)
    notes = study.notes()
    return notes if wanted is None else notes[notes["round_id"].isin(wanted)]


def _people(study: Study, round: RoundScope) -> pd.DataFrame:
    """The people heard in the round(s) (any round for None): the study's one rule for ``n``
    (:meth:`synthesis.frames.StudyFrames.heard`)."""
    return study.frames(utterances=False, events=False).heard(rounds_in(round))


def _by(study: Study, by: str | None, participants: pd.DataFrame) -> str | None:
    # "segment" is the default only when the study records segments at all.
    if by == "segment" and "segment" not in participants.columns:
        return None
    return by


def theme_frequency_for(study: Study, round: RoundScope = None,
                        by: str | None = "segment") -> pd.DataFrame:
    """:func:`~synthesis.analysis.theme_frequency` for a study (or one of its rounds).

    ``by="segment"`` splits by segment when participants have one (else no split); name any
    other attribute to split by it, or pass None.

    Examples
    --------
    >>> theme_frequency_for(study, round="r1")[["theme", "k", "n"]].head(2)
                         theme  k   n
    0  Bank connection anxiety  6  10
    1    Tax and VAT confusion  4  10
    """
    participants = _people(study, round)
    return theme_frequency(_notes(study, round), participants, study.themes(),
                           by=_by(study, by, participants))


def participant_matrix_for(study: Study, round: RoundScope = None,
                           binary: bool = False) -> pd.DataFrame:
    """Participant × theme note counts for a study (or a round)."""
    return participant_theme_matrix(_notes(study, round), _people(study, round),
                                     study.themes(), binary=binary)


def cooccurrence_for(study: Study, round: RoundScope = None) -> pd.DataFrame:
    """Participants who raised both themes, for a study (or a round)."""
    return theme_cooccurrence(_notes(study, round), _people(study, round), study.themes())


def theme_by_question_for(study: Study, round: RoundScope = None, count: str = "notes",
                          threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Guide question × theme: which question elicited each theme's notes."""
    return theme_by_question(_notes(study, round), study.utterances(), study.guide(),
                             study.themes(), threshold=threshold, count=count)


def lineage_for(study: Study) -> pd.DataFrame:
    """Every theme's survivor and names, from the study's event log."""
    return resolve_theme_lineage(study.events())


def shares_by_round_for(study: Study, lineage: bool = True) -> pd.DataFrame:
    """Each theme's participant share per round; merged themes count toward their survivor."""
    notes = study.notes()
    return theme_shares_by_round(notes, study.participants(), study.themes(), study.rounds(),
                                 lineage=lineage_for(study) if lineage else None,
                                 sessions=study.sessions())


def theme_changes_for(study: Study, grow: float = 0.10, fade: float = 0.10,
                      relative: bool = False) -> pd.DataFrame:
    """New / grown / steady / faded / gone per theme between consecutive rounds; pairs with
    a provisional round (under ``provisional_below`` sorted) are ``provisional``."""
    unsettled = study.frames(utterances=False, events=False).provisional()
    return classify_theme_changes(shares_by_round_for(study), grow=grow, fade=fade,
                                  relative=relative, provisional=unsettled)


def saturation_curve_for(study: Study, round: RoundScope = None) -> pd.DataFrame:
    """The cumulative new-themes curve over the study's interviews (or one round's)."""
    return saturation_curve(_notes(study, round), study.sessions(), study.rounds(),
                            study.themes())


def saturation_for(study: Study, round: RoundScope = None, base: int = 4, run: int = 2,
                   threshold: float = 0.05) -> SaturationResult:
    """Guest, Namey & Chen (2020) saturation for the study (or one round).

    Examples
    --------
    >>> saturation_for(study).statement
    'saturation reached at 6 interviews (B=4, R=2, τ≤5 %)'
    """
    return guest_saturation(saturation_curve_for(study, round), base=base, run=run,
                            threshold=threshold)


def stopping_for(study: Study, round: RoundScope = None, initial: int = 10,
                 consecutive: int = 3) -> StoppingResult:
    """The Francis et al. (2010) stopping rule for the study (or one round)."""
    return francis_stopping(saturation_curve_for(study, round), initial=initial,
                            consecutive=consecutive)


def bootstrap_for(study: Study, round: RoundScope = None, base: int = 4, run: int = 2,
                  threshold: float = 0.05, orders: int = 1000, seed: int = 0
                  ) -> BootstrapResult:
    """Saturation over ``orders`` seeded random interview orders."""
    return saturation_bootstrap(_notes(study, round), study.sessions(), base=base, run=run,
                                threshold=threshold, orders=orders, seed=seed,
                                themes=study.themes())
