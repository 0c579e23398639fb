"""Heatmaps: who raised what (participant × theme) and which themes were raised together."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..analysis._frames import theme_labels
from ._text import escape, plural
from .colours import swatch, theme_colours

# Single-hue sequential scale, readable in greyscale and under colour-vision deficiencies;
# zero stays white so empty cells read as "nothing".
_SCALE = [[0.0, "#FFFFFF"], [0.001, "#DEEBF7"], [0.5, "#6BAED6"], [1.0, "#08306B"]]


def _theme_axis(labels: list[str], themes: pd.DataFrame,
                colours: Mapping[str, str] | None) -> tuple[list[str], list[str]]:
    """Escaped labels and the same labels led by each theme's colour square."""
    colours = dict(colours or theme_colours(themes))
    id_of = {label: tid for tid, label in theme_labels(themes).items()}
    shown = [escape(label) for label in labels]
    decorated = [swatch(s, colours.get(str(id_of.get(label)), "#888888"))
                 for s, label in zip(shown, labels)]
    return shown, decorated


def participant_heatmap(matrix: pd.DataFrame, themes: pd.DataFrame,
                        colours: Mapping[str, str] | None = None) -> go.Figure:
    """Participant × theme heatmap of :func:`~synthesis.analysis.participant_theme_matrix`.

    Examples
    --------
    >>> from synthesis.analysis import participant_theme_matrix
    >>> matrix = participant_theme_matrix(notes, people, themes)
    >>> matrix.shape, len(participant_heatmap(matrix, themes).data)
    ((28, 9), 1)
    """
    x, ticks = _theme_axis([str(c) for c in matrix.columns], themes, colours)
    y = [escape(p) for p in matrix.index]
    raised = (matrix.to_numpy() > 0).sum(axis=1) if matrix.size else np.zeros(len(matrix))
    z = matrix.to_numpy()
    text = [[f"<b>{y[i]}</b><br>{x[j]}<br>{plural(int(z[i, j]), 'note')}" for j in range(len(x))]
            for i in range(len(y))]
    fig = go.Figure(go.Heatmap(z=z, x=x, y=y, colorscale=_SCALE, zmin=0, text=text,
                               hovertemplate="%{text}<extra></extra>",
                               colorbar={"title": {"text": "notes"}}, xgap=1, ygap=1))
    # Theme names go below the grid: rotated above it they run into the title.
    fig.update_xaxes(tickmode="array", tickvals=x, ticktext=ticks, tickangle=-45)
    fig.update_yaxes(autorange="reversed", title_text="participant")
    fig.update_traces(colorbar_dtick=1 if z.size and z.max() <= 10 else None)
    avg = f"{raised.mean():.1f}" if len(raised) else "0"
    fig.update_layout(
        title={"text": f"Who raised what: {len(y)} participants × {len(x)} themes",
               "subtitle": {"text": f"Notes per participant and theme; a participant raised "
                                    f"{avg} themes on average"}},
        height=_label_room(x) + 180 + 24 * len(y), template="plotly_white")
    return fig


def cooccurrence_heatmap(cooccurrence: pd.DataFrame, themes: pd.DataFrame,
                         colours: Mapping[str, str] | None = None) -> go.Figure:
    """Themes raised by the same participants (:func:`~synthesis.analysis.theme_cooccurrence`).

    The diagonal (a theme with itself) is left blank so the pairs set the colour scale; its
    hover still shows how many participants raised the theme.

    Examples
    --------
    >>> from synthesis.analysis import theme_cooccurrence
    >>> pairs = theme_cooccurrence(notes, people, themes)
    >>> pairs.shape, len(cooccurrence_heatmap(pairs, themes).data)
    ((9, 9), 1)
    """
    labels = [str(c) for c in cooccurrence.columns]
    x, ticks = _theme_axis(labels, themes, colours)
    z = cooccurrence.to_numpy().astype(float)
    size = len(labels)
    text = [[(f"<b>{x[i]}</b><br>raised by {plural(int(z[i, i]), 'participant')}" if i == j else
              f"<b>{x[i]}</b> and <b>{x[j]}</b><br>raised together by "
              f"{plural(int(z[i, j]), 'participant')}") for j in range(size)] for i in range(size)]
    shown = z.copy()
    np.fill_diagonal(shown, np.nan)
    fig = go.Figure(go.Heatmap(z=shown, x=x, y=x, colorscale=_SCALE, zmin=0, text=text,
                               hovertemplate="%{text}<extra></extra>", xgap=1, ygap=1,
                               colorbar={"title": {"text": "participants"}}))
    fig.update_xaxes(tickmode="array", tickvals=x, ticktext=ticks, tickangle=-45)
    fig.update_yaxes(tickmode="array", tickvals=x, ticktext=ticks, autorange="reversed")
    off = shown[~np.isnan(shown)]
    fig.update_traces(colorbar_dtick=1 if off.size and off.max() <= 10 else None)
    fig.update_layout(title={"text": _headline(shown, x),
                             "subtitle": {"text": "Participants who raised both themes"}},
                      height=_label_room(x) + 180 + 32 * size, template="plotly_white")
    return fig


def _label_room(labels: list[str]) -> int:
    """Pixels the rotated theme names take below the grid (about 5 px per character)."""
    return min(260, 40 + 5 * max((len(label) for label in labels), default=0))


def _headline(shown: np.ndarray, labels: list[str]) -> str:
    if shown.size == 0 or np.all(np.isnan(shown)) or np.nanmax(shown) <= 0:
        return "No two themes were raised by the same participant"
    i, j = np.unravel_index(np.nanargmax(shown), shown.shape)
    return (f"{labels[i]} and {labels[j]} were raised together by "
            f"{plural(int(shown[i, j]), 'participant')}")
