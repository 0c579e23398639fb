"""Round over round: each theme's share of participants per research round."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ._text import SUBTITLE_WIDTH, escape, fit, heading, people
from .colours import theme_colours

ROUND_WIDTH = 30  # characters of a round name on one line of a tick label
LABEL_GAP = 0.07  # shares closer than this at one round would print their labels on top of
                  # each other (a label is ~14 px tall on a ~400 px plot of 0-105 %)


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

    A round with no participants yet (``n`` = 0) stays on the axis as a gap marked "no
    data"; the title compares the last two rounds that have participants, and a title or
    subtitle too long for a ~900 px chart is broken over lines.

    Examples
    --------
    >>> from synthesis.analysis import theme_shares_by_round
    >>> shares = theme_shares_by_round(notes, people, themes, study.rounds())
    >>> len(round_shares_chart(shares, themes).data)  # a line per theme
    9
    """
    colours = dict(colours or theme_colours(themes))
    names = (dict(zip(rounds["round_id"], rounds["name"].fillna(rounds["round_id"])))
             if rounds is not None and "name" in rounds else {})
    order = list(dict.fromkeys(shares["round_id"]))
    # Round names longer than a tick label has room for are broken over lines.
    x = [fit([names.get(r) or r], ROUND_WIDTH) for r in order]
    # A round nobody has taken part in yet (n = 0) has no share: its points stay empty, so
    # the lines break there, and a note on the axis says why instead of a 0/0 label.
    seen = shares.groupby("round_id", sort=False)["n"].max().reindex(order).fillna(0)
    empty = [r for r in order if seen[r] <= 0]
    peak = shares.groupby("theme_id", sort=False)["share"].max().fillna(0)
    keep = list(peak.sort_values(ascending=False, kind="stable").index[:top]
                if top is not None else peak.index)
    fig = go.Figure()
    lines = []
    for tid, part in shares.groupby("theme_id", sort=False):
        if tid not in keep:
            continue
        part = part.set_index("round_id").reindex(order)
        name = escape(part["theme"].dropna().iloc[0]) if part["theme"].notna().any() else tid
        k = part["k"].fillna(0).astype(int)
        n = part["n"].fillna(0).astype(int)
        labels = [people(a, b) if b > 0 else "" for a, b in zip(k, n)]
        y = [None if b <= 0 or pd.isna(v) else float(v) for v, b in zip(part["share"], n)]
        lines.append((tid, name, labels, y))
    placed = _place_labels([(labels, y) for _, _, labels, y in lines])
    for (tid, name, labels, y), (text, where) in zip(lines, placed):
        fig.add_scatter(
            x=x, y=y, mode="lines+markers+text", name=name,
            line={"color": colours.get(str(tid), "#888888"), "width": 3},
            marker={"size": 9}, text=text, textposition=where,
            customdata=[[name, lab] for lab in labels],
            hovertemplate="<b>%{customdata[0]}</b><br>%{x}: %{customdata[1]} participants "
                          "(%{y:.0%})<extra></extra>")
    if len(fig.data):
        for r in empty:
            fig.add_annotation(x=x[order.index(r)], y=0.5, showarrow=False,
                               text="no data:<br>no participants yet",
                               font={"color": "#777777"})
    fig.update_yaxes(tickformat=".0%", range=[0, 1.05], title_text="share of participants")
    fig.update_xaxes(type="category", title_text="round")
    shown = f"the {len(keep)} most-raised themes" if top is not None and len(peak) > top \
        else "every theme"
    sub = [f"Share of participants raising each theme, by round ({shown})."]
    if empty:
        sub.append("No participants yet in " + ", ".join(names.get(r) or r for r in empty) + ".")
    fig.update_layout(**heading(_headline(shares, order, names, empty),
                                fit(sub, SUBTITLE_WIDTH)),
                      template="plotly_white")
    return fig


def _place_labels(lines: list[tuple[list[str], list[float | None]]]
                  ) -> list[tuple[list[str], list[str]]]:
    """Point labels that never print on top of each other: (texts, positions) per line.

    At each round the labelled points are taken from the top down. A point closer than
    :data:`LABEL_GAP` to the one above it shows its label below the point instead, unless
    the label says the same as that one (lines that meet at "3/10" need it once); a third
    point in the same crowd shows none (its value is in the hover and the legend's line).

    Examples
    --------
    >>> _place_labels([(["3/10"], [0.3]), (["3/10"], [0.3]), (["4/10"], [0.32])])
    [([''], ['top center']), (['3/10'], ['bottom center']), (['4/10'], ['top center'])]
    """
    texts = [list(labels) for labels, _ in lines]
    where = [["top center"] * len(labels) for labels, _ in lines]
    for i in range(max((len(y) for _, y in lines), default=0)):
        points = sorted((value, j) for j, (_, y) in enumerate(lines)
                        if i < len(y) and (value := y[i]) is not None and texts[j][i])
        points.reverse()  # highest first: its label goes above it
        crowd: list[int] = []  # labelled lines in the crowd around the current point
        last: float | None = None
        for value, j in points:
            if last is None or last - value >= LABEL_GAP:
                crowd = [j]
            elif any(texts[c][i] == texts[j][i] for c in crowd) or len(crowd) >= 2:
                texts[j][i] = ""  # the same number is shown already, or no room left
            else:
                where[j][i] = "bottom center"
                crowd.append(j)
            last = value
    return list(zip(texts, where))


def _headline(shares: pd.DataFrame, order: list[str], names: Mapping[str, str],
              empty: list[str]) -> str:
    """The biggest change between the last two rounds that have participants."""
    active = [r for r in order if r not in empty]
    if len(active) < 2 or shares.empty:
        return "Theme shares by round"
    a, b = active[-2], active[-1]
    wide = shares.pivot_table(index="theme_id", columns="round_id", values="share",
                              aggfunc="first").reindex(list(dict.fromkeys(shares["theme_id"])))
    wide = wide.reindex(columns=order)  # pivot_table drops a round whose shares are all NaN
    # Rounded so equal changes tie exactly (1/3 - 1/2 is not -(1/3 - 1/6) in floats) and the
    # tie goes to the first theme in board order.
    change = (wide[b] - wide[a]).dropna().round(9)
    span = f"({names.get(a) or a} → {names.get(b) or b})"
    if change.empty or change.abs().max() == 0:
        return fit(["No theme's share changed", f"from {names.get(a) or a} to "
                                                f"{names.get(b) or b}"])
    tid = change.abs().sort_values(ascending=False, kind="stable").index[0]
    row = shares[shares["theme_id"] == tid].set_index("round_id")
    verb = "grew" if change[tid] > 0 else "fell"
    return fit([f"{row['theme'].iloc[0]} {verb} most: "
                f"{people(int(row.loc[a, 'k']), int(row.loc[a, 'n']))} → "
                f"{people(int(row.loc[b, 'k']), int(row.loc[b, 'n']))} participants", span])
