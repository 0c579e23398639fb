"""Rounds: which rounds a study has, who was heard in each, and whether a round is settled.

One module decides all three, and everything that counts people calls it (the study's
status, the analyses, the report, the board):

- **A round that does not exist** is refused in one sentence (:func:`check_round`), so a
  typo reads the same in ``synthesis run``, ``synthesis lab``, the board, the craft audit,
  exports and the report notebooks, and is refused before anything starts.
- **Heard** in a round: a participant with a session (an interview, its transcript's
  utterances) or a note in that round. This is ``n`` everywhere: "we spoke with k", every
  theme's "k of n" and every share by round. **Recruited**: listed for the round in the
  participants file, or heard in it. A participant listed for r1 and interviewed again in r2
  through a transcript is heard in both; one listed for r3 and never interviewed is
  recruited for r3 but not heard, and counts in no ``n``.
- **Provisional**: a round whose share of sorted notes is below the study's threshold
  (``provisional_below`` in ``study.toml``, default 80 %). Its counts will change as the
  team sorts, so reports say so and no theme is called grown, faded or gone from or
  against it.

The functions take frames (participants, sessions, notes) and never the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from .errors import StudyError
from .placements import is_sorted, note_count, sorted_count

__all__ = ["check_round", "check_rounds", "unknown_round_message", "heard_pairs", "members",
           "heard_in", "recruited_in", "PROVISIONAL_BELOW", "provisional_threshold",
           "sorted_shares", "provisional_rounds", "provisional_sentence"]

PROVISIONAL_BELOW = 0.8  # a round with less of its notes sorted than this is provisional
RoundScope = str | Sequence[str] | None


def unknown_round_message(study: str, unknown: Iterable[str], declared: Iterable[str]) -> str:
    """The one sentence for rounds a study does not have.

    Examples
    --------
    >>> unknown_round_message("Pricing", ["r9"], ["r1", "r2"])
    "the study 'Pricing' has no round 'r9' (its rounds: r1, r2)"
    """
    names = ", ".join(repr(str(r)) for r in unknown)
    return f"the study {study!r} has no round {names} (its rounds: {', '.join(declared) or 'none'})"


def check_rounds(declared: Iterable[str], rounds: str | Iterable[str], study: str,
                 then: str = "") -> list[str]:
    """The rounds asked for, in the order asked (``"all"``: every declared round).

    An unknown round raises :class:`~synthesis.errors.StudyError` with one sentence; ``then``
    says what that means for the caller ("nothing was run").

    Examples
    --------
    >>> check_rounds(["r1", "r2"], "all", "Pricing")
    ['r1', 'r2']
    >>> check_rounds(["r1", "r2"], ["r2", "r9"], "Pricing", then="nothing was run")
    Traceback (most recent call last):
    ...
    synthesis.errors.StudyError: the study 'Pricing' has no round 'r9' (its rounds: r1, r2);
    nothing was run.
    """
    declared = [str(r) for r in declared]
    wanted = list(declared) if rounds == "all" else list(dict.fromkeys(
        str(r) for r in rounds))
    unknown = [r for r in wanted if r not in declared]
    if unknown:
        message = unknown_round_message(study, unknown, declared)
        raise StudyError(f"{message}; {then}." if then else f"{message}.")
    return wanted


def check_round(declared: Iterable[str], round: str | None, study: str,
                then: str = "") -> str | None:
    """One round asked for (``None``: every round), refused in the same sentence if unknown.

    Examples
    --------
    >>> check_round(["r1", "r2"], "r2", "Pricing")
    'r2'
    >>> check_round(["r1"], None, "Pricing") is None
    True
    """
    if round is None:
        return None
    return check_rounds(declared, [round], study, then)[0]


# -- who was heard --------------------------------------------------------------------------
def _scope(scope: RoundScope) -> list[str] | None:
    if scope is None:
        return None
    return [str(scope)] if isinstance(scope, str) else [str(r) for r in scope]


def _pairs(frame: pd.DataFrame | None) -> pd.DataFrame:
    """Distinct (round, participant) pairs of a frame's rows that have both."""
    if frame is None or not {"round_id", "participant_id"} <= set(frame.columns):
        return pd.DataFrame({"round_id": pd.Series(dtype=object),
                             "participant_id": pd.Series(dtype=object)})
    pairs = frame[["round_id", "participant_id"]].dropna().drop_duplicates()
    return pairs.astype({"round_id": object, "participant_id": object}).assign(
        round_id=lambda d: d["round_id"].map(str))


def heard_pairs(notes: pd.DataFrame, sessions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every (round, participant) heard: a session or a note of theirs in that round.

    A note in two themes is still one note; the order is first seen (sessions, then notes).

    Examples
    --------
    >>> notes = pd.DataFrame({"round_id": ["r1", "r1", "r2"], "participant_id": ["p1", "p1", None]})
    >>> sessions = pd.DataFrame({"round_id": ["r2"], "participant_id": ["p1"]})
    >>> heard_pairs(notes, sessions).values.tolist()
    [['r2', 'p1'], ['r1', 'p1']]
    """
    both = pd.concat([_pairs(sessions), _pairs(notes)], ignore_index=True)
    return both.drop_duplicates().reset_index(drop=True)


def members(participants: pd.DataFrame, notes: pd.DataFrame,
            sessions: pd.DataFrame | None = None, rounds: Iterable[str] | None = None
            ) -> pd.DataFrame:
    """One row per round and participant recruited or heard in it.

    Returns ``round_id, participant_id, listed, heard``: ``listed`` when the participants
    frame names the round for them, ``heard`` when they have a session or a note in it.
    Rounds follow ``rounds`` (study order) when given, participants their first row.

    Examples
    --------
    >>> people = pd.DataFrame({"participant_id": ["p1", "p2"], "round_id": ["r1", "r1"]})
    >>> notes = pd.DataFrame({"round_id": ["r1", "r2"], "participant_id": ["p1", "p1"]})
    >>> members(people, notes, rounds=["r1", "r2"]).values.tolist()
    [['r1', 'p1', True, True], ['r1', 'p2', True, False], ['r2', 'p1', False, True]]
    """
    listed = _pairs(participants).assign(listed=True)
    heard = heard_pairs(notes, sessions).assign(heard=True)
    table = listed.merge(heard, on=["round_id", "participant_id"], how="outer", sort=False)
    table["listed"] = table["listed"].astype("boolean").fillna(False).astype(bool)
    table["heard"] = table["heard"].astype("boolean").fillna(False).astype(bool)
    order = list(rounds) if rounds is not None else []
    rest = [r for r in dict.fromkeys(table["round_id"]) if r not in order]
    rank = {r: i for i, r in enumerate([*order, *rest])}
    ids = list(dict.fromkeys(participants["participant_id"].dropna())) \
        if "participant_id" in participants.columns else []
    who = {p: i for i, p in enumerate(ids)}
    table["_r"] = table["round_id"].map(rank)
    table["_p"] = table["participant_id"].map(who).fillna(len(who))
    table = table.sort_values(["_r", "_p", "participant_id"], kind="stable")
    return table.drop(columns=["_r", "_p"]).reset_index(drop=True)


def _rows(participants: pd.DataFrame, ids: Iterable[object]) -> pd.DataFrame:
    wanted = set(ids)
    rows = participants[participants["participant_id"].isin(wanted)]
    return rows.drop_duplicates("participant_id", keep="first").reset_index(drop=True)


def heard_in(participants: pd.DataFrame, notes: pd.DataFrame,
             sessions: pd.DataFrame | None = None, scope: RoundScope = None) -> pd.DataFrame:
    """The participants heard in ``scope`` (a round, several, or any round for ``None``):
    one row each, the participants frame's first row. This is ``n``.

    Examples
    --------
    >>> people = pd.DataFrame({"participant_id": ["p1", "p2"], "round_id": ["r1", "r1"]})
    >>> notes = pd.DataFrame({"round_id": ["r1"], "participant_id": ["p1"]})
    >>> heard_in(people, notes, scope="r1")["participant_id"].tolist()
    ['p1']
    """
    wanted = _scope(scope)
    pairs = heard_pairs(notes, sessions)
    if wanted is not None:
        pairs = pairs[pairs["round_id"].isin(wanted)]
    return _rows(participants, pairs["participant_id"])


def recruited_in(participants: pd.DataFrame, notes: pd.DataFrame,
                 sessions: pd.DataFrame | None = None, scope: RoundScope = None
                 ) -> pd.DataFrame:
    """The participants listed for ``scope`` or heard in it (every participant for ``None``).

    Examples
    --------
    >>> people = pd.DataFrame({"participant_id": ["p1", "p2"], "round_id": ["r1", "r1"]})
    >>> notes = pd.DataFrame({"round_id": ["r2"], "participant_id": ["p1"]})
    >>> recruited_in(people, notes, scope="r2")["participant_id"].tolist()
    ['p1']
    """
    wanted = _scope(scope)
    if wanted is None:
        return participants.drop_duplicates("participant_id", keep="first")\
            .reset_index(drop=True)
    table = members(participants, notes, sessions)
    return _rows(participants, table.loc[table["round_id"].isin(wanted), "participant_id"])


# -- provisional rounds -----------------------------------------------------------------------
def provisional_threshold(config: Mapping[str, Any] | None) -> float:
    """The study's ``provisional_below`` (a share between 0 and 1; default 0.8).

    Examples
    --------
    >>> provisional_threshold({"provisional_below": 0.5})
    0.5
    >>> provisional_threshold({})
    0.8
    """
    value = (config or {}).get("provisional_below", PROVISIONAL_BELOW)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise StudyError(f"study.toml: provisional_below should be a share between 0 and 1 "
                         f"(0.8 means 80 % of notes sorted); found {value!r}.")
    return float(value)


def sorted_shares(notes: pd.DataFrame, rounds: Iterable[str]) -> dict[str, float | None]:
    """Round → share of its notes sorted into at least one theme (None: no notes yet).

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": ["a", "b"], "round_id": ["r1", "r1"],
    ...                       "theme_ids": [("t1",), ()]})
    >>> sorted_shares(notes, ["r1", "r2"])
    {'r1': 0.5, 'r2': None}
    """
    wanted = [str(r) for r in rounds]
    if not len(notes) or "round_id" not in notes.columns:
        return dict.fromkeys(wanted)
    if "theme_ids" in notes.columns:  # one row per note: one pass, not one per round
        flags = is_sorted(notes).groupby(notes["round_id"].astype(str))
        total, done = flags.size(), flags.sum()
        return {r: float(done[r] / total[r]) if total.get(r, 0) else None for r in wanted}
    out: dict[str, float | None] = {}
    for rid in wanted:
        part = notes[notes["round_id"].astype(str) == rid]
        count = note_count(part)
        out[rid] = sorted_count(part) / count if count else None
    return out


def provisional_rounds(notes: pd.DataFrame, rounds: Iterable[str],
                       threshold: float = PROVISIONAL_BELOW) -> dict[str, float]:
    """The rounds with notes whose sorted share is below ``threshold``: round → share.

    A round with no notes yet is not provisional: it has no counts to change.

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": ["a", "b", "c"], "round_id": ["r1", "r2", "r2"],
    ...                       "theme_ids": [("t1",), ("t1",), ()]})
    >>> provisional_rounds(notes, ["r1", "r2"])
    {'r2': 0.5}
    """
    return {r: share for r, share in sorted_shares(notes, rounds).items()
            if share is not None and share < threshold}


def provisional_sentence(share: float) -> str:
    """What a provisional round's report opens with.

    Examples
    --------
    >>> provisional_sentence(0.1612)
    'Provisional: 16 % of notes sorted — counts will change.'
    """
    return f"Provisional: {share * 100:.0f} % of notes sorted — counts will change."
