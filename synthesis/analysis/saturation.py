"""Saturation: would more interviews change the picture?

Three published procedures, all over the same ordered list of interviews:

- **Cumulative new-themes curve** (Guest, Bunce & Johnson 2006): interviews in date order;
  for each, how many themes appear for the first time and how many have been seen so far
  (:func:`saturation_curve`, here).
- **Base, run, threshold** (Guest, Namey & Chen 2020, PLOS ONE 15(5) e0232076), see
  :func:`~synthesis.analysis.saturation_rules.guest_saturation`.
- **Stopping rule** (Francis et al. 2010, Psychology & Health 25(10)), see
  :func:`~synthesis.analysis.saturation_rules.francis_stopping`.

This module decides what an interview is, their order and which themes each raised; the
two rules, read off the curve's new themes, are in :mod:`~synthesis.analysis.saturation_rules`
(and importable from here too).

What an *interview* is: one session (notes carry ``session_id``). Notes without a session
(a spreadsheet of notes) belong to that participant's session in the same round when there is
one (given a sessions frame; the earliest when there are several), since they are notes of the
same conversation; otherwise they count as one interview per participant and round. Notes
with neither are left out, since nobody can say which conversation they came from. Only
interviews with at least one note are on the curve: a transcript nobody has taken notes from
yet has not been analysed, and counting it as "no new themes" would fake saturation.

Interview order: rounds in study order (the rounds frame's ``position``, else natural round
id order), within a round by session date (undated last), then by first appearance in the
notes frame. Pass ``order=[interview ids]`` to impose another.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..placements import notes_by_theme
from ._frames import codes, live_themes, natural_key, require
from .saturation_rules import (SaturationResult, StoppingResult, francis_stopping,
                               guest_saturation, percent, saturation_headline)

__all__ = ["SaturationResult", "StoppingResult", "francis_stopping", "guest_saturation",
           "incidence", "interview_ids", "interview_order", "percent", "saturation_curve",
           "saturation_headline"]


def interview_ids(notes: pd.DataFrame, sessions: pd.DataFrame | None = None) -> pd.Series:
    """The interview each note belongs to: its session; else the participant's session in
    that round (from ``sessions``, the earliest by date); else "participant · round".

    Examples
    --------
    >>> notes = pd.DataFrame({"participant_id": ["p1", "p1", "p2"], "round_id": ["r1"] * 3,
    ...                       "session_id": ["s1", None, None]})
    >>> interview_ids(notes).tolist()
    ['s1', 'p1 · r1', 'p2 · r1']
    >>> sessions = pd.DataFrame({"session_id": ["s1"], "participant_id": ["p1"],
    ...                          "round_id": ["r1"], "date": ["2025-03-03"]})
    >>> interview_ids(notes, sessions).tolist()
    ['s1', 's1', 'p2 · r1']
    """
    require(notes, "notes", ["participant_id"])
    size = len(notes)
    if "session_id" in notes:
        gone = notes["session_id"].isna().to_numpy()
        ids = notes["session_id"].to_numpy(dtype=object, copy=True)
        ids[gone] = None
    else:
        gone, ids = np.ones(size, dtype=bool), np.full(size, None, dtype=object)
    missing = np.flatnonzero(gone)
    if len(missing):
        # Only the notes without a session pay for building a text id.
        who = notes["participant_id"].iloc[missing].to_numpy(dtype=object, na_value=None)
        rnd = (notes["round_id"].iloc[missing].to_numpy(dtype=object, na_value=None)
               if "round_id" in notes else np.full(len(missing), None, dtype=object))
        their = _sessions_of(sessions)
        ids[missing] = [None if p is None else their.get((p, r)) or
                        f"{p} · {'' if r is None else r}" for p, r in zip(who, rnd)]
    return pd.Series(ids, index=notes.index, dtype=object)


def _sessions_of(sessions: pd.DataFrame | None) -> dict[tuple[object, object], object]:
    """(participant, round) → that participant's earliest session in the round."""
    if sessions is None or not len(sessions) or \
            not {"session_id", "participant_id", "round_id"} <= set(sessions.columns):
        return {}
    rows = sessions.dropna(subset=["participant_id", "session_id"])
    if "date" in rows.columns:
        rows = rows.assign(_d=rows["date"].astype(object).where(rows["date"].notna(), "~"))\
            .sort_values(["_d", "session_id"], kind="stable")
    out: dict[tuple[object, object], object] = {}
    for sid, pid, rid in zip(rows["session_id"], rows["participant_id"], rows["round_id"]):
        out.setdefault((pid, None if pd.isna(rid) else rid), sid)
    return out


def _interviews(notes: pd.DataFrame, sessions: pd.DataFrame | None = None
                ) -> tuple[np.ndarray, pd.DataFrame]:
    """Each note's interview code (-1 for none) and one row per interview, in first-seen order."""
    ids = interview_ids(notes, sessions)
    code, uniques = pd.factorize(ids)
    valid = np.flatnonzero(code >= 0)
    rows = np.full(len(uniques), len(code), dtype=np.int64)
    np.minimum.at(rows, code[valid], valid)  # each interview's first note

    def column(name: str) -> np.ndarray | None:
        return notes[name].iloc[rows].to_numpy(dtype=object, na_value=None) \
            if name in notes else None

    interview = np.asarray(uniques, dtype=object)
    session = column("session_id")
    if session is not None and sessions is not None and len(sessions):
        # An interview whose first note came from a spreadsheet is still its session.
        known = set(sessions["session_id"])
        session = np.asarray([i if s is None and i in known else s
                              for i, s in zip(interview, session)], dtype=object)
    frame = pd.DataFrame({"interview_id": interview, "session_id": session,
                          "participant_id": column("participant_id"),
                          "round_id": column("round_id"), "_code": np.arange(len(uniques))})
    return code, frame


def interview_order(notes: pd.DataFrame, sessions: pd.DataFrame | None = None,
                    rounds: pd.DataFrame | None = None,
                    order: Sequence[str] | None = None) -> pd.DataFrame:
    """The interviews with notes, in the order saturation reads them.

    Returns ``interview, interview_id, session_id, participant_id, round_id, date`` with
    ``interview`` counting 1, 2, 3...

    Examples
    --------
    >>> order = interview_order(study.notes(), study.sessions(), study.rounds())
    >>> order[["interview", "interview_id", "round_id"]].head(2)
       interview    interview_id round_id
    0          1  p01-2026-03-03       r1
    1          2  p02-2026-03-03       r1
    """
    _, frame = _interviews(notes, sessions)
    return _ordered(frame, sessions, rounds, order).drop(columns="_code")


def _ordered(first: pd.DataFrame, sessions: pd.DataFrame | None, rounds: pd.DataFrame | None,
             order: Sequence[str] | None) -> pd.DataFrame:
    first = first.copy()
    first["date"] = pd.Series(pd.NaT, index=first.index, dtype="datetime64[ns]")
    if sessions is not None and len(sessions) and "date" in sessions:
        when = pd.to_datetime(sessions["date"], errors="coerce", utc=True, format="ISO8601")
        by_session = pd.Series(when.dt.tz_localize(None).to_numpy(),
                               index=sessions["session_id"].astype(object).to_numpy())
        by_session = by_session[~by_session.index.duplicated()]
        first["date"] = first["session_id"].map(by_session).astype("datetime64[ns]")
    if order is not None:
        rank = {str(v): i for i, v in enumerate(order)}
        missing = [i for i in first["interview_id"] if str(i) not in rank]
        if missing:
            raise AnalysisError(f"the interview order leaves out {missing[0]!r}; list every "
                                "interview once.")
        first["_rank"] = [rank[str(i)] for i in first["interview_id"]]
        first = first.sort_values("_rank", kind="stable").drop(columns="_rank")
    else:
        first["_round"] = first["round_id"].map(_round_rank(first["round_id"], rounds))
        first = first.sort_values(["_round", "date", "_code"], na_position="last",
                                  kind="stable").drop(columns="_round")
    first = first.reset_index(drop=True)
    first.insert(0, "interview", np.arange(1, len(first) + 1))
    return first[["interview", "interview_id", "session_id", "participant_id", "round_id",
                  "date", "_code"]]


def _round_rank(round_ids: pd.Series, rounds: pd.DataFrame | None) -> dict[object, int]:
    if rounds is not None and len(rounds):
        keys = ["position", "round_id"] if "position" in rounds else ["round_id"]
        known = rounds.sort_values(keys, kind="stable")["round_id"].tolist()
    else:
        known = []
    rest = sorted({r for r in round_ids.dropna() if r not in known}, key=natural_key)
    rank: dict[object, int] = {r: i for i, r in enumerate(known + rest)}
    return rank


def _incidence(notes: pd.DataFrame, code: np.ndarray, ordered: pd.DataFrame,
               themes: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    require(notes, "notes", ["theme_id"])
    if themes is not None:
        theme_ids = np.asarray(live_themes(themes)["theme_id"], dtype=object)
        t = codes(notes["theme_id"], list(theme_ids))
    else:
        t, uniques = pd.factorize(notes["theme_id"])
        theme_ids = np.asarray(uniques, dtype=object)
    position = np.empty(len(ordered), dtype=np.int64)
    position[ordered["_code"].to_numpy()] = np.arange(len(ordered))
    keep = (code >= 0) & (t >= 0)
    matrix = np.zeros((len(ordered), len(theme_ids)), dtype=bool)
    matrix[position[code[keep]], t[keep]] = True
    return matrix, theme_ids


def incidence(notes: pd.DataFrame, sessions: pd.DataFrame | None = None,
              rounds: pd.DataFrame | None = None,
              themes: pd.DataFrame | None = None) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Which interview raised which theme: interviews in order, a boolean matrix, theme ids.

    Examples
    --------
    >>> interviews, raised, theme_ids = incidence(study.notes(), study.sessions())
    >>> len(interviews), raised.shape, len(theme_ids)  # 28 interviews (P01-P28) x 9 themes
    (28, (28, 9), 9)
    """
    notes = notes_by_theme(notes)
    code, frame = _interviews(notes, sessions)
    ordered = _ordered(frame, sessions, rounds, None)
    matrix, theme_ids = _incidence(notes, code, ordered, themes)
    return ordered.drop(columns="_code"), matrix, theme_ids


def saturation_curve(notes: pd.DataFrame, sessions: pd.DataFrame | None = None,
                     rounds: pd.DataFrame | None = None, themes: pd.DataFrame | None = None,
                     order: Sequence[str] | None = None) -> pd.DataFrame:
    """Cumulative new-themes curve per interview (Guest, Bunce & Johnson 2006).

    Returns :func:`interview_order` columns plus ``themes`` (distinct themes in that
    interview), ``new_themes`` (seen for the first time), ``new_theme_ids`` (a tuple),
    ``cumulative_themes`` and ``share`` (cumulative ÷ all themes on the curve). With
    ``themes`` only live themes count.

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": list("abcd"), "participant_id": ["p1", "p1", "p2", "p3"],
    ...                       "session_id": ["s1", "s1", "s2", "s3"],
    ...                       "theme_id": ["t1", "t2", "t2", "t3"]})
    >>> saturation_curve(notes)[["new_themes", "cumulative_themes"]].values.tolist()
    [[2, 2], [0, 2], [1, 3]]
    """
    notes = notes_by_theme(notes)
    code, frame = _interviews(notes, sessions)
    interviews = _ordered(frame, sessions, rounds, order)
    matrix, theme_ids = _incidence(notes, code, interviews, themes)
    interviews = interviews.drop(columns="_code")
    count = len(interviews)
    has = matrix.any(axis=0)
    first = matrix.argmax(axis=0)[has]
    new = np.bincount(first, minlength=count)[:count] if count else np.zeros(0, int)
    new_ids: list[list[object]] = [[] for _ in range(count)]
    for pos, tid in zip(first, theme_ids[has]):
        new_ids[pos].append(tid)
    curve = interviews.copy()
    curve["themes"] = matrix.sum(axis=1).astype(int)
    curve["new_themes"] = new.astype(int)
    curve["new_theme_ids"] = [tuple(ids) for ids in new_ids]
    curve["cumulative_themes"] = np.cumsum(new).astype(int)
    total = int(has.sum())
    curve["share"] = curve["cumulative_themes"] / total if total else 0.0
    return curve
