"""Round over round: each theme's share of participants per research round."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ._text import escape, people
from .colours import theme_colours


def round_shares_chart(shares: pd.DataFrame, themes: pd.DataFrame,
                       rounds: pd.DataFrame | None = None, top: int | None = 10,
                       colours: Mapping[str, str] | None = None) -> go.Figure:
    """One line per theme: the share of participants who raised it, round by round.

    Parameters
    ----------
    shares
        :func:`~synthesis.analysis.theme_shares_by_round` output.
    themes
        The study's themes frame, for colours.
    rounds
        The rounds frame, to show round names instead of ids.
    top
        Show the ``top`` themes by their highest share in any round (None: all).

    Examples
    --------
    >>> shares = theme_shares_by_round(notes, people, themes)  # doctest: +SKIP
    >>> fig = round_shares_chart(shares, themes)  # doctest: +SKIP
    """
    colours = dict(colours or theme_colours(themes))
    names = (dict(zip(rounds["round_id"], rounds["name"].fillna(rounds["round_id"])))
             if rounds is not None and "name" in rounds else {})
    order = list(dict.fromkeys(shares["round_id"]))
    x = [escape(names.get(r) or r) for r in order]
    peak = shares.groupby("theme_id", sort=False)["share"].max().fillna(0)
    keep = list(peak.sort_values(ascending=False, kind="stable").index[:top]
                if top is not None else peak.index)
    fig = go.Figure()
    for tid, part in shares.groupby("theme_id", sort=False):
        if tid not in keep:
            continue
        part = part.set_index("round_id").reindex(order)
        name = escape(part["theme"].dropna().iloc[0]) if part["theme"].notna().any() else tid
        k = part["k"].fillna(0).astype(int)
        n = part["n"].fillna(0).astype(int)
        labels = [people(a, b) for a, b in zip(k, n)]
        fig.add_scatter(
            x=x, y=part["share"].tolist(), mode="lines+markers+text", name=name,
            line={"color": colours.get(str(tid), "#888888"), "width": 3},
            marker={"size": 9}, text=labels, textposition="top center",
            customdata=[[name, lab] for lab in labels],
            hovertemplate="<b>%{customdata[0]}</b><br>%{x}: %{customdata[1]} participants "
                          "(%{y:.0%})<extra></extra>")
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05], title_text="share of participants")
    fig.update_xaxes(type="category", title_text="round")
    shown = f"the {len(keep)} most-raised themes" if top is not None and len(peak) > top \
        else "every theme"
    fig.update_layout(title={"text": _headline(shares, order, names),
                             "subtitle": {"text": f"Share of participants raising each theme, "
                                                  f"by round ({shown})"}},
                      template="plotly_white")
    return fig


def _headline(shares: pd.DataFrame, order: list[str], names: Mapping[str, str]) -> str:
    if len(order) < 2 or shares.empty:
        return "Theme shares by round"
    a, b = order[-2], order[-1]
    wide = shares.pivot_table(index="theme_id", columns="round_id", values="share",
                              aggfunc="first").reindex(list(dict.fromkeys(shares["theme_id"])))
    # Rounded so equal changes tie exactly (1/3 - 1/2 is not -(1/3 - 1/6) in floats) and the
    # tie goes to the first theme in board order.
    change = (wide[b] - wide[a]).dropna().round(9)
    if change.empty or change.abs().max() == 0:
        return f"No theme's share changed from {escape(names.get(a) or a)} to " \
               f"{escape(names.get(b) or b)}"
    tid = change.abs().sort_values(ascending=False, kind="stable").index[0]
    row = shares[shares["theme_id"] == tid].set_index("round_id")
    verb = "grew" if change[tid] > 0 else "fell"
    return (f"{escape(row['theme'].iloc[0])} {verb} most: "
            f"{people(int(row.loc[a, 'k']), int(row.loc[a, 'n']))} → "
            f"{people(int(row.loc[b, 'k']), int(row.loc[b, 'n']))} participants "
            f"({escape(names.get(a) or a)} → {escape(names.get(b) or b)})")
