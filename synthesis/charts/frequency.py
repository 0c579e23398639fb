"""Participants per theme: horizontal bars labelled k/n, optionally stacked by segment."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ..analysis._frames import theme_labels
from ..errors import AnalysisError
from ..analysis.frequency import NOT_SET
from ._text import escape, people, plural, quote
from .colours import attribute_colours, swatch, theme_colours

_HOVER = ("<b>%{customdata[0]}</b><br>%{customdata[1]} participants (%{customdata[2]})"
          "<br>notes: %{customdata[3]}<br>%{customdata[4]}<extra></extra>")


def theme_bars(frequency: pd.DataFrame, themes: pd.DataFrame | None = None,
               by: str | None = None, round: str | None = None,
               colours: Mapping[str, str] | None = None,
               segment_colours: Mapping[str, str] | None = None) -> go.Figure:
    """Participants per theme as bars labelled "k/n", most-raised at the top.

    Parameters
    ----------
    frequency
        :func:`~synthesis.analysis.theme_frequency` output, in its order.
    themes
        The study's themes frame, for colours (defaults to the colours in ``frequency``).
    by
        Stack each bar by this attribute: needs ``theme_frequency(..., by=by)`` columns
        ``k[<value>]``. Segments take their own palette; the theme colour then marks the
        label.
    segment_colours
        Value of ``by`` → colour, from :func:`synthesis.colours.attribute_colours` over every
        participant of the study (so a segment has the colour it has on the board); by
        default over the values in ``frequency``.
    round
        Named in the subtitle ("Participants per theme, round r1 (n=10)").

    Examples
    --------
    >>> from synthesis.analysis import theme_frequency
    >>> fig = theme_bars(theme_frequency(notes, people, themes), themes)
    >>> fig.data[0].text[0]  # k of n over the sample study's three rounds
    '13/28'
    """
    colours = dict(colours or theme_colours(themes if themes is not None else frequency))
    labels = _labels(frequency)
    n = int(frequency["n"].iloc[0]) if len(frequency) else 0
    custom = [[escape(name), people(k, n), _pct(k, n), notes, _example(ex)]
              for name, k, notes, ex in zip(frequency["theme"], frequency["k"],
                                            frequency["notes"], frequency["example"])]
    fig = go.Figure()
    values = _segment_values(frequency) if by else []
    if by and not values and len(frequency):
        raise AnalysisError(f"the frequency frame has no k[...] columns; compute it with "
                         f"theme_frequency(..., by={by!r}).")
    if values:
        seg = {**attribute_colours(values, NOT_SET), **(segment_colours or {})}
        for value in values:
            k_v, n_v = frequency[f"k[{value}]"], frequency[f"n[{value}]"]
            fig.add_bar(
                y=labels, x=k_v.tolist(), orientation="h", name=escape(value),
                marker_color=seg[value],
                text=[people(k, m) if k else "" for k, m in zip(k_v, n_v)],
                textposition="inside", insidetextanchor="middle",
                customdata=[c[:1] + [people(k, m), _pct(k, m)] + c[3:]
                            for c, k, m in zip(custom, k_v, n_v)],
                hovertemplate=_HOVER.replace("participants", f"of {escape(value)}"))
        fig.add_scatter(y=labels, x=frequency["k"].tolist(), mode="text", name="all",
                        text=[people(k, n) for k in frequency["k"]],
                        textposition="middle right", showlegend=False, hoverinfo="skip")
        fig.update_layout(barmode="stack", legend_title_text=escape(by),
                          legend_traceorder="normal")
        fig.update_yaxes(tickmode="array", tickvals=labels,
                         ticktext=[swatch(label, colours[str(t)])
                                   for label, t in zip(labels, frequency["theme_id"])])
    else:
        fig.add_bar(y=labels, x=frequency["k"].tolist(), orientation="h", name="participants",
                    marker_color=[colours[str(t)] for t in frequency["theme_id"]],
                    text=[people(k, n) for k in frequency["k"]], textposition="outside",
                    customdata=custom, hovertemplate=_HOVER, showlegend=False)
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=labels)
    fig.update_xaxes(title_text="participants", range=[0, max(n, 1) * 1.08], dtick=_dtick(n))
    # Reports pass the round's name ("Round 1"), notebooks its id ("r1").
    where = "" if not round else (f", {escape(round)}" if str(round).lower().startswith("round")
                                  else f", round {escape(round)}")
    fig.update_layout(
        title={"text": _headline(frequency, n),
               "subtitle": {"text": f"Participants per theme{where} (n={n}); "
                                    "bars count people, not notes"}},
        height=max(300, 120 + 28 * len(frequency)), margin={"l": 10, "r": 30},
        template="plotly_white")
    return fig


def _labels(frequency: pd.DataFrame) -> list[str]:
    named = frequency.rename(columns={"theme": "name"})[["theme_id", "name"]]
    unique = theme_labels(named)
    return [escape(unique[t]) for t in frequency["theme_id"]]


def _segment_values(frequency: pd.DataFrame) -> list[str]:
    return [c[2:-1] for c in frequency.columns if c.startswith("k[") and c.endswith("]")]


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.0f} %" if n else "–"


def _example(text: object) -> str:
    body = quote(text)
    return f"<i>“{body}”</i>" if body else "<i>no notes yet</i>"


def _dtick(n: int) -> int | None:
    return 1 if n <= 12 else None


def _headline(frequency: pd.DataFrame, n: int) -> str:
    if frequency.empty:
        return "No themes yet"
    top = frequency.iloc[0]
    if int(top["k"]) == 0:
        return "No theme has been raised by a participant yet"
    return f"{escape(top['theme'])} was raised by {int(top['k'])} of {plural(n, 'participant')}"
