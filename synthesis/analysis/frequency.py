"""Theme frequency: how many people raised each theme (k of n), overall and per segment.

People, not mentions: a theme's weight is the number of distinct participants whose notes
sit in it. Notes are reported too, but only as the secondary count and tie-breaker.

How ``n`` is defined
--------------------
``n`` is the number of distinct participants in the *participants frame you pass* (after the
optional ``round`` scope), so a participant with nothing sorted still counts in the
denominator. Pass the people *heard* (``study.frames().heard(round)``: a session or a note in
the round), as the study views and reports do; someone recruited and never interviewed is no
part of ``n``. Notes whose participant is not in that frame (or has none) count in ``notes``
but never in ``k``, so ``k <= n`` always holds. With ``round``, a participant is in scope when
they have a note in it (:func:`synthesis.membership.heard_in`; pass the already-scoped
frame to count sessions without notes too).

A note can sit in several themes and counts in each of them (``notes`` is per note, as
``Study.notes()`` returns it with a ``theme_ids`` tuple, or one row per note and theme with
``theme_id``: see :mod:`synthesis.placements`). Notes of merged or deleted themes do not
count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..placements import notes_by_theme
from ._frames import (RoundScope, codes, live_themes, natural_key, notes_in_scope,
                      participants_in_scope, people_by_theme, require)

NOT_SET = "(not set)"  # the segment shown for participants without a value


def theme_frequency(notes: pd.DataFrame, participants: pd.DataFrame, themes: pd.DataFrame,
                    by: str | None = None, round: RoundScope = None) -> pd.DataFrame:
    """Notes and distinct participants per theme, as ``k`` of ``n``, most-raised first.

    Parameters
    ----------
    notes, participants, themes
        Frames with the columns of :mod:`synthesis.model` (``notes`` needs ``note_id,
        participant_id`` and ``theme_ids`` or ``theme_id``; ``kind``/``text`` feed the
        example quote).
    by
        A participant attribute (``"segment"``, ``"role"``...). Adds ``k[<value>]`` and
        ``n[<value>]`` columns per value, ``segments`` (how many values the theme was heard
        in) and ``single_segment``. Participants without a value are grouped as
        ``"(not set)"``, which is shown but never counts as a segment for the flags.
    round
        A round id (or several) to restrict both notes and participants to.

    Returns
    -------
    DataFrame, one row per live theme (themes with no notes appear with 0):
    ``theme_id, theme, colour, position, notes, participants, k, n, share, soundbite_risk,
    example`` (+ the ``by`` columns). ``k`` equals ``participants``; it is kept so labels read
    "k/n". ``share = k / n`` (NaN when ``n`` is 0). ``soundbite_risk`` is True when the theme
    has notes but rests on at most one participant. ``single_segment`` is True when the theme
    was heard in exactly one segment while the scope holds more than one. ``example`` is the
    theme's first quote (first note when it has no quote), in frame order.

    Rows are sorted by participants (desc), then notes (desc), then name (case-insensitive),
    then board position and theme id, so ties always come out in the same order.

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": ["a", "b", "c"], "participant_id": ["p1", "p1", "p2"],
    ...                       "theme_id": ["t1", "t1", "t2"], "text": ["x", "y", "z"]})
    >>> people = pd.DataFrame({"participant_id": ["p1", "p2", "p3"]})
    >>> themes = pd.DataFrame({"theme_id": ["t1", "t2"], "name": ["Setup", "Pricing"]})
    >>> theme_frequency(notes, people, themes)[["theme", "notes", "k", "n"]].values.tolist()
    [['Setup', 2, 1, 3], ['Pricing', 1, 1, 3]]
    """
    table, raised, people = _base_counts(notes, participants, themes, round)
    if by is not None:
        table = _add_by_columns(table, raised, people, by)
    return _sorted(table)


def theme_frequency_by(notes: pd.DataFrame, participants: pd.DataFrame,
                       themes: pd.DataFrame, by: str = "segment",
                       round: RoundScope = None) -> pd.DataFrame:
    """One row per theme and value of ``by``: ``theme_id, theme, <by>, k, n, share``.

    ``n`` is the number of participants in scope with that value; ``k`` those of them who
    raised the theme. A participant counts in the value of their (first) participants row.
    Themes come in :func:`theme_frequency` order, values in natural order, "(not set)" last.

    Examples
    --------
    >>> long = theme_frequency_by(notes, people, themes, by="segment")
    >>> long.query("segment == 'Agency'")[["theme", "k", "n"]].head(2)
                         theme  k  n
    0    Chasing late payments  3  8
    3  Bank connection anxiety  2  8
    """
    table, raised, people = _base_counts(notes, participants, themes, round)
    long = _by_value(table, raised, people, by)
    order = {tid: i for i, tid in enumerate(_sorted(table)["theme_id"])}
    long = long.assign(_o=long["theme_id"].map(order))
    return long.sort_values(["_o", "_v"], kind="stable").drop(columns=["_o", "_v"])\
        .reset_index(drop=True)


def _base_counts(notes: pd.DataFrame, participants: pd.DataFrame, themes: pd.DataFrame,
                 round: RoundScope) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    notes = notes_by_theme(notes)
    require(notes, "notes", ["note_id", "participant_id", "theme_id"])
    live = live_themes(themes)
    people = participants_in_scope(participants, notes, round)
    scoped = notes_in_scope(notes, round)
    ids = live["theme_id"]
    counts, per_theme = people_by_theme(scoped, people["participant_id"].tolist(),
                                        ids.tolist())
    raised = counts > 0
    k_col = raised.sum(axis=0).astype(int)
    n = len(people)
    table = pd.DataFrame({
        "theme_id": ids.to_numpy(),
        "theme": live["name"].astype(str).to_numpy(),
        "colour": live["colour"].to_numpy() if "colour" in live else None,
        "position": live["position"].to_numpy() if "position" in live else np.arange(len(live)),
        "notes": per_theme.astype(int),
        "participants": k_col,
        "k": k_col,
        "n": n,
        "share": k_col / n if n else np.full(len(live), np.nan),
        "soundbite_risk": (per_theme > 0) & (k_col <= 1),
    })
    table["example"] = _examples(scoped, ids.tolist())
    return table, raised, people


def _examples(notes: pd.DataFrame, themes: list[object]) -> list[str]:
    """Each theme's first quote, or its first note when it has no quote ("" when none)."""
    out = [""] * len(themes)
    if "text" not in notes.columns or not len(themes):
        return out
    t = codes(notes["theme_id"], themes)
    rows = np.flatnonzero(t >= 0)
    kinds = notes["kind"].to_numpy(dtype=object)[rows] if "kind" in notes.columns else None
    text = notes["text"].to_numpy(dtype=object)
    # Later passes win: first every theme's first note, then its first quote over it.
    for chosen in (rows, rows[kinds == "quote"] if kinds is not None else rows[:0]):
        first = np.full(len(themes), len(text), dtype=np.int64)
        np.minimum.at(first, t[chosen], chosen)
        for theme in np.flatnonzero(first < len(text)):
            value = text[first[theme]]
            out[theme] = "" if value is None or value != value else str(value)
    return out


def _values(people: pd.DataFrame, by: str) -> pd.Series:
    if by not in people.columns:
        raise AnalysisError(f"participants have no attribute {by!r}; add a {by!r} column to "
                            "the participants file or choose another attribute.")
    values = people[by].astype(object).where(people[by].notna(), NOT_SET).map(str)
    return values.where(values.str.strip() != "", NOT_SET)


def _by_value(table: pd.DataFrame, raised: np.ndarray, people: pd.DataFrame,
              by: str) -> pd.DataFrame:
    values = _values(people, by).to_numpy(dtype=object)
    order = sorted(set(values), key=lambda v: (v == NOT_SET, natural_key(v)))
    parts = []
    for i, value in enumerate(order):
        mine = values == value
        parts.append(pd.DataFrame({
            "theme_id": table["theme_id"].to_numpy(), "theme": table["theme"].to_numpy(),
            by: value, "k": raised[mine].sum(axis=0).astype(int), "n": int(mine.sum()),
            "_t": np.arange(len(table)), "_v": i}))
    if not parts:
        return pd.DataFrame(columns=["theme_id", "theme", by, "k", "n", "share", "_v"])
    long = pd.concat(parts, ignore_index=True).sort_values(["_t", "_v"], kind="stable")
    long["share"] = long["k"] / long["n"]
    return long[["theme_id", "theme", by, "k", "n", "share", "_v"]].reset_index(drop=True)


def _add_by_columns(table: pd.DataFrame, raised: np.ndarray, people: pd.DataFrame,
                    by: str) -> pd.DataFrame:
    """Wide ``k[value]``/``n[value]`` columns, there even when the study has no themes yet."""
    values = _values(people, by).to_numpy(dtype=object)
    order = sorted(set(values), key=lambda v: (v == NOT_SET, natural_key(v)))
    out = table.copy()
    heard = np.zeros(len(out), dtype=int)
    for value in order:
        mine = values == value
        k = raised[mine].sum(axis=0).astype(int)
        out[f"k[{value}]"] = k
        out[f"n[{value}]"] = int(mine.sum())
        if value != NOT_SET:
            heard += k > 0
    known = [v for v in order if v != NOT_SET]
    out["segments"] = heard
    out["single_segment"] = (heard == 1) & (len(known) > 1)
    return out


def _sorted(table: pd.DataFrame) -> pd.DataFrame:
    keyed = table.assign(_name=table["theme"].str.casefold())
    keyed = keyed.sort_values(["participants", "notes", "_name", "position", "theme_id"],
                              ascending=[False, False, True, True, True], kind="stable")
    return keyed.drop(columns="_name").reset_index(drop=True)
