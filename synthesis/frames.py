"""The study read once, as frames: what the status, the analyses and the reports count from.

``Study.frames()`` reads the store once into a :class:`StudyFrames`; everything that counts
people or notes takes it instead of reading the store with its own SQL and its own rule
for who belongs to a round. Round membership (who was *heard*, who was *recruited*) and
provisional rounds are decided in :mod:`synthesis.membership`; this class only hands its
frames to those rules, so ``n`` is the same number in ``synthesis status``, in every
analysis and in every section of a report.

Examples
--------
>>> frames = open_study("data/invoicing-onboarding").frames()
>>> len(frames.heard("r1")), len(frames.recruited("r1"))
(10, 10)
>>> frames.up_to("r2").rounds["round_id"].tolist()
['r1', 'r2']
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Self

import pandas as pd

from . import membership as m

__all__ = ["StudyFrames", "NO_ROUND"]

NO_ROUND = "(no round)"  # status's line for notes and sessions imported without a round


def _empty() -> pd.DataFrame:
    return pd.DataFrame()


@dataclass(kw_only=True)
class StudyFrames:
    """One study (or its first rounds) as frames, with one rule for round membership.

    ``notes`` has one row per note with ``theme_ids`` (see :mod:`synthesis.placements`);
    ``utterances``, ``placements`` and ``events`` are empty when the reader did not ask for
    them (a report needs none of them).
    """

    name: str
    question: str
    folder: Path
    rounds: pd.DataFrame  # in study order
    participants: pd.DataFrame  # one row per participant, attributes as columns
    sessions: pd.DataFrame
    notes: pd.DataFrame
    themes: pd.DataFrame  # live themes in board order
    guide: pd.DataFrame
    utterances: pd.DataFrame = field(default_factory=_empty)
    placements: pd.DataFrame = field(default_factory=_empty)
    events: pd.DataFrame = field(default_factory=_empty)
    config: dict[str, Any] = field(default_factory=dict)
    last_event: Any = None

    # -- rounds ---------------------------------------------------------------------------------
    @property
    def order(self) -> list[str]:
        """Round ids in study order."""
        return self.rounds["round_id"].astype(str).tolist()

    def check_round(self, round: str | None, then: str = "") -> str | None:
        """``round`` when the study has it; else :func:`synthesis.membership.check_round`'s
        sentence."""
        return m.check_round(self.order, round, self.name, then)

    def up_to(self, round_id: str | None) -> Self:
        """Only ``round_id`` and the rounds before it (the whole study for ``None``).

        Participants stay when they are listed for one of those rounds, listed for no round,
        or heard in one of them.

        >>> study.frames().up_to("r2").rounds["round_id"].tolist()
        ['r1', 'r2']
        """
        if round_id is None:
            return self
        order = self.order
        kept = order[: order.index(round_id) + 1] if round_id in order else [round_id]
        return self._only(kept, unlisted=True)

    def in_round(self, round_id: str) -> Self:
        """Only ``round_id``: its notes, sessions and utterances and its recruited
        participants (listed for it or heard in it).

        >>> len(study.frames().in_round("r3").notes)
        155
        """
        return self._only([round_id], unlisted=False)

    def _only(self, kept: list[str], unlisted: bool) -> Self:
        notes = self.notes[self.notes["round_id"].isin(kept)].reset_index(drop=True)
        sessions = self.sessions[self.sessions["round_id"].isin(kept)].reset_index(drop=True)
        people = self.participants
        chosen = people["participant_id"].isin(
            set(m.recruited_in(people, notes, sessions, kept)["participant_id"]))
        if unlisted and "round_id" in people.columns:
            chosen |= people["round_id"].isna()
        utterances = self.utterances
        if len(utterances) and "session_id" in utterances.columns:
            utterances = utterances[utterances["session_id"].isin(set(sessions["session_id"]))]\
                .reset_index(drop=True)
        rounds = self.rounds[self.rounds["round_id"].isin(kept)].reset_index(drop=True)
        return replace(self, rounds=rounds, participants=people[chosen].reset_index(drop=True),
                       sessions=sessions, notes=notes, utterances=utterances)

    # -- who counts -----------------------------------------------------------------------------
    def heard(self, round: m.RoundScope = None) -> pd.DataFrame:
        """Participants heard in ``round`` (a session or a note in it; any round for
        ``None``): the ``n`` of every count."""
        return m.heard_in(self.participants, self.notes, self.sessions, round)

    def recruited(self, round: m.RoundScope = None) -> pd.DataFrame:
        """Participants listed for ``round`` or heard in it (everyone for ``None``)."""
        return m.recruited_in(self.participants, self.notes, self.sessions, round)

    def members(self) -> pd.DataFrame:
        """``round_id, participant_id, listed, heard`` for every round and participant."""
        return m.members(self.participants, self.notes, self.sessions, self.order)

    # -- how far sorting has got ----------------------------------------------------------------
    @property
    def provisional_below(self) -> float:
        """The study's threshold for a provisional round (``provisional_below``, 0.8)."""
        return m.provisional_threshold(self.config)

    def provisional(self) -> dict[str, float]:
        """Round → sorted share, for the rounds still provisional."""
        return m.provisional_rounds(self.notes, self.order, self.provisional_below)

    # -- the overview ---------------------------------------------------------------------------
    def status(self) -> pd.DataFrame:
        """Per round: participants heard, recruited, sessions, utterances, notes, themes,
        the share sorted and whether the round is provisional.

        Notes or sessions imported without a round get their own ``(no round)`` line.

        >>> first = study.frames().status().iloc[0]
        >>> first["round"], int(first["participants"]), int(first["recruited"])
        ('r1', 10, 10)
        """
        table = self.members()
        rows = []
        loose = self.notes["round_id"].isna().any() or self.sessions["round_id"].isna().any()
        threshold = self.provisional_below
        for rid in self.order + ([None] if loose else []):
            notes = self.notes[self.notes["round_id"] == rid] if rid is not None \
                else self.notes[self.notes["round_id"].isna()]
            sessions = self.sessions[self.sessions["round_id"] == rid] if rid is not None \
                else self.sessions[self.sessions["round_id"].isna()]
            mine = table[table["round_id"] == rid]
            share = m.sorted_shares(notes.assign(round_id="x"), ["x"])["x"]
            utterances = self.utterances
            spoken = int(utterances["session_id"].isin(set(sessions["session_id"])).sum()) \
                if len(utterances) else 0
            placed = notes.explode("theme_ids")["theme_ids"].dropna()
            rows.append({
                "round": NO_ROUND if rid is None else rid,
                "participants": int(mine["heard"].sum()) if rid is not None else
                len(set(notes["participant_id"].dropna()) | set(sessions["participant_id"]
                                                                .dropna())),
                "recruited": len(mine) if rid is not None else 0,
                "sessions": len(sessions), "utterances": spoken, "notes": len(notes),
                "themes": int(placed.nunique()),
                "sorted_share": round(share or 0.0, 3),
                "provisional": share is not None and share < threshold})
        return pd.DataFrame(rows, columns=["round", "participants", "recruited", "sessions",
                                           "utterances", "notes", "themes", "sorted_share",
                                           "provisional"])
