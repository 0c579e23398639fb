"""What a report is about: one study (and round) read once, redacted once, in frames.

A report notebook builds one :class:`ReportContext` at the top and hands it to every
section, so the whole report sees the same snapshot of the store, redacted in exactly one
place (:func:`synthesis.report.snapshot.read_study`): participant ids become pseudonyms
(``P01``…) in every frame, names leave the frames, and note text, theme names and
descriptions go through the study's :class:`~synthesis.report.redaction.Redactor` before any
analysis or chart sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import resolve_study_path
from ..membership import (PROVISIONAL_BELOW, check_round, heard_in, provisional_rounds,
                          recruited_in)
from ..study import Study, open_study
from .redaction import Redactor
from .snapshot import load_snapshot, read_study


@dataclass
class ReportContext:
    """One study, seen by a report. ``round_id`` is None for the study overview."""

    name: str
    question: str
    folder: Path
    round_id: str | None
    rounds: pd.DataFrame  # all rounds in study order
    participants_all: pd.DataFrame  # every participant (pseudonymised, no names)
    sessions_all: pd.DataFrame
    notes_all: pd.DataFrame  # every note (one row each, ``theme_ids``), text redacted
    themes: pd.DataFrame  # live themes, names and descriptions redacted
    guide: pd.DataFrame
    redactor: Redactor
    redact: bool = True
    base: int = 4
    run: int = 2
    threshold: float = 0.05
    segment: str | None = None  # the participant attribute reports split by
    provisional_below: float = PROVISIONAL_BELOW  # the study's threshold for provisional
    extra: dict[Any, Any] = field(default_factory=dict)

    # -- the round in view ---------------------------------------------------------------
    @property
    def order(self) -> list[str]:
        return self.rounds["round_id"].astype(str).tolist()

    def round_name(self, round_id: str | None = None) -> str:
        rid = round_id or self.round_id
        row = self.rounds[self.rounds["round_id"] == rid]
        return str(row["name"].iloc[0]) if len(row) and row["name"].iloc[0] else str(rid)

    @property
    def previous_round(self) -> str | None:
        if self.round_id is None:
            return None
        i = self.order.index(self.round_id)
        return self.order[i - 1] if i > 0 else None

    @property
    def rounds_so_far(self) -> list[str]:
        """This round and every round before it (all rounds for the overview)."""
        if self.round_id is None:
            return self.order
        return self.order[: self.order.index(self.round_id) + 1]

    @property
    def participants(self) -> pd.DataFrame:
        """The people heard in the round in view (in any round for the overview): a session
        or a note in it. This is ``n`` in every section (:mod:`synthesis.membership`)."""
        key = ("heard", self.round_id)
        if key not in self.extra:
            self.extra[key] = heard_in(self.participants_all, self.notes_all,
                                       self.sessions_all, self.round_id)
        return self.extra[key]

    @property
    def recruited(self) -> pd.DataFrame:
        """The people listed for the round in view or heard in it (everyone for the
        overview)."""
        return recruited_in(self.participants_all, self.notes_all, self.sessions_all,
                            self.round_id)

    @property
    def not_heard(self) -> list[str]:
        """Pseudonyms of the people recruited for the round in view but not heard (yet)."""
        heard = set(self.participants["participant_id"])
        return [str(p) for p in self.recruited["participant_id"] if p not in heard]

    @property
    def provisional(self) -> dict[str, float]:
        """Round → sorted share, for the rounds shown that are still provisional (below the
        study's ``provisional_below``, 80 % unless set)."""
        key = ("provisional",)
        if key not in self.extra:
            self.extra[key] = provisional_rounds(self.notes_all, self.rounds_so_far,
                                                 self.provisional_below)
        return self.extra[key]

    @property
    def sessions(self) -> pd.DataFrame:
        if self.round_id is None:
            return self.sessions_all
        return self.sessions_all[self.sessions_all["round_id"] == self.round_id]\
            .reset_index(drop=True)

    @property
    def notes(self) -> pd.DataFrame:
        if self.round_id is None:
            return self.notes_all
        return self.notes_all[self.notes_all["round_id"] == self.round_id]\
            .reset_index(drop=True)

    def title(self, title: str = "") -> str:
        """The report's title: ``title`` (a notebook parameter) or the study's name, redacted.

        Examples
        --------
        >>> ctx.title("Pricing at Globex")  # doctest: +SKIP
        'Pricing at [redacted]'
        """
        return self.redactor.text(title) if title and title.strip() else self.name

    def who(self, participant_id: object) -> str:
        """The participant as the report names them (frames already hold pseudonyms)."""
        return "unknown participant" if participant_id is None or pd.isna(participant_id) \
            else str(participant_id)

    def segment_of(self, participant_id: object) -> str:
        if not self.segment:
            return ""
        rows = self.participants_all[self.participants_all["participant_id"] == participant_id]
        if not len(rows):
            return ""
        value = rows[self.segment].iloc[0]
        return "" if value is None or pd.isna(value) else str(value)


def load_context(study: Any, round: str | None = None, *, redact: bool = True,
                 base: int = 4, run: int = 2, threshold: float = 0.05,
                 segment: str | None = "segment", snapshot: str | Path = "") -> ReportContext:
    """Read a study (an open :class:`~synthesis.Study` or a folder) into a report context.

    ``snapshot``: a file ``synthesis run`` wrote (the study read and redacted once for the
    whole run, only the rounds this report shows); the study is not read again then, and
    ``study`` and ``redact`` are taken from the snapshot. Raises
    :class:`~synthesis.errors.StudyError` when ``round`` is not one of the study's rounds.

    Examples
    --------
    >>> ctx = load_context("data/invoicing-onboarding", round="r2")
    >>> ctx.participants["participant_id"].tolist()[:2]
    ['P11', 'P12']
    """
    if snapshot:
        snap = load_snapshot(snapshot)
    else:
        if not isinstance(study, Study):
            study = open_study(resolve_study_path(study))
        snap = read_study(study, redact=redact)
    check_round(snap.rounds["round_id"].astype(str), round, snap.name,
                then="check the round parameter")
    people = snap.participants
    if segment and (segment not in people.columns or not people[segment].notna().any()):
        segment = None
    return ReportContext(
        name=snap.name, question=snap.question, folder=snap.folder, round_id=round,
        rounds=snap.rounds, participants_all=people, sessions_all=snap.sessions,
        notes_all=snap.notes, themes=snap.themes, guide=snap.guide, redactor=snap.redactor,
        redact=snap.redact, base=int(base), run=int(run), threshold=float(threshold),
        segment=segment, provisional_below=snap.provisional_below,
        extra={"last_event": snap.last_event})
