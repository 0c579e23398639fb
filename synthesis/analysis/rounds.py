"""Themes across research rounds: participant share per round and what changed between rounds.

Per round ``r``, ``n`` is the number of participants heard in round ``r`` (a note in ``r``,
or — when a sessions frame is given — a session in ``r``: :func:`synthesis.membership.heard_pairs`,
the rule of every count; being listed for a round is not enough) and ``k`` those of them with a
note of round ``r`` in the theme; ``notes`` counts each note once in each theme it sits in. A
participant interviewed in two rounds counts once in each. Pass a lineage
(:func:`~synthesis.analysis.resolve_theme_lineage`) to count notes of merged-away themes
toward their survivor in every round.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..membership import heard_pairs
from ..placements import notes_by_theme
from ._frames import codes, live_themes, natural_key, require
from .lineage import apply_lineage

STATUSES = ("new", "grown", "steady", "faded", "gone", "absent", "no data", "provisional")
_EPS = 1e-9  # 0.4 - 0.3 is 0.10000000000000003 and 0.3 - 0.2 is 0.09999999999999998


def round_order(participants: pd.DataFrame, notes: pd.DataFrame,
                rounds: pd.DataFrame | None = None) -> list[str]:
    """Rounds in study order: the rounds frame's ``position`` when given, else natural id order."""
    if rounds is not None and len(rounds):
        keys = ["position", "round_id"] if "position" in rounds else ["round_id"]
        return rounds.sort_values(keys, kind="stable")["round_id"].astype(str).tolist()
    seen: set[str] = set()
    for frame in (participants, notes):
        if "round_id" in frame.columns:
            seen |= {str(r) for r in frame["round_id"].dropna().unique()}
    return sorted(seen, key=natural_key)


def theme_shares_by_round(notes: pd.DataFrame, participants: pd.DataFrame,
                          themes: pd.DataFrame, rounds: pd.DataFrame | None = None,
                          lineage: pd.DataFrame | None = None,
                          sessions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Participants share of every live theme in every round: ``k`` of ``n`` per round.

    Returns ``theme_id, theme, round_id, notes, k, n, share`` — every theme × round pair,
    zeros included — themes in board order, rounds in study order. ``share`` is NaN for a
    round with no participants.

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": ["a", "b"], "participant_id": ["p1", "p2"],
    ...                       "round_id": ["r1", "r2"], "theme_id": ["t1", "t1"]})
    >>> people = pd.DataFrame({"participant_id": ["p1", "p2", "p3"],
    ...                        "round_id": ["r1", "r2", "r2"]})
    >>> themes = pd.DataFrame({"theme_id": ["t1"], "name": ["Setup"]})
    >>> theme_shares_by_round(notes, people, themes)[["round_id", "k", "n"]].values.tolist()
    [['r1', 1, 1], ['r2', 1, 1]]

    (p3 is listed for r2 but was never heard, so r2's ``n`` is 1.)
    """
    notes = notes_by_theme(notes)
    require(notes, "notes", ["note_id", "participant_id", "theme_id", "round_id"])
    require(participants, "participants", ["participant_id"])
    if lineage is not None:
        notes = apply_lineage(notes, lineage)
    live = live_themes(themes)
    order = round_order(participants, notes, rounds)
    columns = ["theme_id", "theme", "round_id", "notes", "k", "n", "share"]
    if not order:
        return pd.DataFrame(columns=columns)
    people = participants[participants["participant_id"].notna()]
    ids = list(dict.fromkeys(people["participant_id"]))
    width, count, size = len(live), len(order), len(ids)
    r = codes(notes["round_id"], order)
    t = codes(notes["theme_id"], live["theme_id"].tolist())
    p = codes(notes["participant_id"], ids)
    # n of round r: the participants heard in r (synthesis.membership, the one rule).
    member = np.zeros((count, size), dtype=bool)
    heard = heard_pairs(notes, sessions)
    h_r, h_p = codes(heard["round_id"], order), codes(heard["participant_id"], ids)
    ok = (h_r >= 0) & (h_p >= 0)
    member[h_r[ok], h_p[ok]] = True
    placed = (r >= 0) & (t >= 0)
    n_notes = np.bincount(r[placed] * width + t[placed], minlength=count * width)
    raised = np.zeros(count * size * width, dtype=bool)
    both = placed & (p >= 0)
    raised[(r[both] * size + p[both]) * width + t[both]] = True
    k = raised.reshape(count, size, width).sum(axis=1)  # round × theme
    n = member.sum(axis=1)
    table = pd.DataFrame({
        "theme_id": np.repeat(live["theme_id"].to_numpy(), count),
        "theme": np.repeat(live["name"].to_numpy(), count),
        "round_id": np.tile(np.asarray(order, dtype=object), width),
        "notes": n_notes.reshape(count, width).T.ravel().astype(int),
        "k": k.T.ravel().astype(int),
        "n": np.tile(n, width).astype(int)})
    table["share"] = table["k"] / table["n"].where(table["n"] > 0)  # NaN: nobody that round
    return table[columns]


def classify_theme_changes(shares: pd.DataFrame, grow: float = 0.10, fade: float = 0.10,
                           relative: bool = False, provisional: Iterable[str] = ()
                           ) -> pd.DataFrame:
    """Label each theme between consecutive rounds: new / grown / steady / faded / gone.

    Parameters
    ----------
    shares
        :func:`theme_shares_by_round` output (rounds in study order).
    grow, fade
        The change in share that counts as grown (``>= grow``) or faded (``<= -fade``). By
        default in share points: 0.10 means ten percentage points (30 % → 40 % is grown).
    relative
        Measure the change relative to the earlier share instead (0.10 = up by a tenth).
    provisional
        Rounds still provisional (:func:`synthesis.membership.provisional_rounds`): a pair
        from or to one of them is ``provisional``, never new, grown, faded or gone, since
        its counts will change as the team sorts.

    Returns
    -------
    One row per theme and consecutive pair: ``theme_id, theme, from_round, to_round,
    k_before, n_before, share_before, k_after, n_after, share_after, change, status``.
    ``status`` is ``new`` (no participant in the earlier round, some in the later),
    ``gone`` (the reverse), ``grown``, ``faded`` or ``steady`` by the thresholds,
    ``absent`` (nobody in either round), ``no data`` (a round without participants) or
    ``provisional`` (a round of the pair is provisional and someone raised the theme in one of
    them).

    Examples
    --------
    >>> shares = theme_shares_by_round(notes, people, themes, study.rounds())
    >>> changes = classify_theme_changes(shares)
    >>> changes.query("status == 'new'").theme.tolist()
    ['Accountant access', 'Mobile invoicing on the go']
    """
    require(shares, "shares", ["theme_id", "round_id", "k", "n", "share"])
    order = list(dict.fromkeys(shares["round_id"]))
    columns = ["theme_id", "theme", "from_round", "to_round", "k_before", "n_before",
               "share_before", "k_after", "n_after", "share_after", "change", "status"]
    if len(order) < 2:
        return pd.DataFrame(columns=columns)
    by_round = {r: g.set_index("theme_id") for r, g in shares.groupby("round_id", sort=False)}
    themes = list(dict.fromkeys(shares["theme_id"]))
    names = dict(zip(shares["theme_id"], shares.get("theme", shares["theme_id"])))
    parts = []
    for before_r, after_r in itertools.pairwise(order):
        a = by_round[before_r].reindex(themes)
        b = by_round[after_r].reindex(themes)
        part = pd.DataFrame({
            "theme_id": themes, "theme": [names[t] for t in themes],
            "from_round": before_r, "to_round": after_r,
            "k_before": a["k"].fillna(0).astype(int).to_numpy(),
            "n_before": a["n"].fillna(0).astype(int).to_numpy(),
            "share_before": a["share"].astype(float).to_numpy(),
            "k_after": b["k"].fillna(0).astype(int).to_numpy(),
            "n_after": b["n"].fillna(0).astype(int).to_numpy(),
            "share_after": b["share"].astype(float).to_numpy()})
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    before, after = table["share_before"], table["share_after"]
    change = (after - before) / before.where(before > 0) if relative else after - before
    table["change"] = change
    table["status"] = _status(table, change, grow, fade)
    unsettled = set(map(str, provisional))
    if unsettled:
        pending = table["from_round"].astype(str).isin(unsettled) | \
            table["to_round"].astype(str).isin(unsettled)
        table.loc[pending & ~table["status"].isin(["no data", "absent"]), "status"] = "provisional"
    return table[columns]


def _status(table: pd.DataFrame, change: pd.Series, grow: float, fade: float) -> np.ndarray:
    had, has = table["k_before"] > 0, table["k_after"] > 0
    no_data = table["share_before"].isna() | table["share_after"].isna()
    conditions = [no_data, ~had & has, had & ~has, ~had & ~has,
                  change >= grow - _EPS, change <= -fade + _EPS]
    choices = ["no data", "new", "gone", "absent", "grown", "faded"]
    return np.select(conditions, choices, default="steady")
