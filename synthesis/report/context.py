"""What a report is about: one study (and round) read once, redacted once, in frames.

A report notebook builds one :class:`ReportContext` at the top and hands it to every
section, so the whole report sees the same snapshot of the store and redaction happens in
exactly one place: participant ids become pseudonyms (``P01``…) in every frame, names leave
the frames, and note text, theme names and descriptions go through the study's
:class:`~synthesis.report.redaction.Redactor` before any analysis or chart sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import resolve_study_path
from ..errors import StudyError
from ..model import PRIVATE_ATTRIBUTES
from ..study import Study, open_study
from .redaction import Redactor, build_redactor


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
        """Participants in the round in view: a row names it or they have a note in it."""
        if self.round_id is None:
            return self.participants_all
        people = self.participants_all
        active = set(self.notes[self.notes["participant_id"].notna()]["participant_id"])
        active |= set(self.sessions["participant_id"].dropna())
        mask = (people["round_id"] == self.round_id) | people["participant_id"].isin(active)
        return people[mask].reset_index(drop=True)

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
                 segment: str | None = "segment") -> ReportContext:
    """Read a study (an open :class:`~synthesis.Study` or a folder) into a report context.

    Raises :class:`~synthesis.errors.StudyError` when ``round`` is not one of the study's
    rounds.

    Examples
    --------
    >>> ctx = load_context("data/invoicing-onboarding", round="r2")
    >>> ctx.participants["participant_id"].tolist()[:2]
    ['P11', 'P12']
    """
    if not isinstance(study, Study):
        study = open_study(resolve_study_path(study))
    rounds = study.rounds().reset_index(drop=True)
    if round is not None and round not in set(rounds["round_id"]):
        listed = ", ".join(rounds["round_id"]) or "none"
        raise StudyError(f"round {round!r} is not in the study {study.config['name']!r} "
                         f"(its rounds: {listed}); check the round parameter.")
    people = study.participants()
    redactor = build_redactor(people, study.config.get("redact_terms", ()), enabled=redact)
    notes = study.notes()
    themes = study.themes()
    sessions = study.sessions()
    notes = notes.assign(text=[redactor.text(t) for t in notes["text"]])
    themes = themes.assign(name=[redactor.text(t) for t in themes["name"]],
                           description=[redactor.text(t) for t in themes["description"]])
    redacted = dict(zip(themes["theme_id"], themes["name"]))
    notes["themes"] = [tuple(redacted.get(t, "") for t in ids) for ids in notes["theme_ids"]]
    people = _present_people(people, redactor)
    if redact:
        alias = redactor.participant
        for frame in (notes, sessions):
            frame["participant_id"] = [None if p is None or pd.isna(p) else alias(p)
                                       for p in frame["participant_id"]]
    if segment and (segment not in people.columns or not people[segment].notna().any()):
        segment = None
    return ReportContext(
        name=redactor.text(study.config.get("name", study.folder.name)),
        question=redactor.text(study.config.get("research_question", "")),
        folder=study.folder, round_id=round, rounds=rounds, participants_all=people,
        sessions_all=sessions, notes_all=notes, themes=themes, guide=study.guide(),
        redactor=redactor, redact=redact, base=int(base), run=int(run),
        threshold=float(threshold), segment=segment,
        extra={"last_event": study.last_event()})


def _present_people(people: pd.DataFrame, redactor: Redactor) -> pd.DataFrame:
    """Participants as a report may show them: pseudonyms, no contact details."""
    people = people.copy()
    if not redactor.enabled:
        return people
    people["participant_id"] = [redactor.participant(p) for p in people["participant_id"]]
    private = [c for c in people.columns if str(c).casefold() in PRIVATE_ATTRIBUTES]
    people = people.drop(columns=private)
    for column in people.columns:
        if column in ("participant_id", "round_id"):
            continue
        if people[column].dtype == object:
            people[column] = [v if v is None or not isinstance(v, str) else redactor.text(v)
                              for v in people[column]]
    return people.sort_values("participant_id", kind="stable").reset_index(drop=True)
