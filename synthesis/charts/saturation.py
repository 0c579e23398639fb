"""The saturation curve: new and cumulative themes per interview, the saturation point marked."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..analysis.saturation import SaturationResult, StoppingResult, saturation_headline
from ._text import SUBTITLE_WIDTH, TITLE_WIDTH, escape, fit, heading, plural

_NEW = "#88CCEE"
_CUMULATIVE = "#332288"
_POINT = "#CC6677"


def saturation_chart(curve: pd.DataFrame, result: SaturationResult | None = None,
                     stopping: StoppingResult | None = None,
                     names: Mapping[str, str] | None = None) -> go.Figure:
    """Cumulative themes (line) and new themes (bars) per interview, saturation marked.

    Parameters
    ----------
    curve
        :func:`~synthesis.analysis.saturation_curve` output.
    result
        :func:`~synthesis.analysis.guest_saturation` result: its point is marked with a
        star and a dashed line at x = n, the base interviews are shaded. The title is its
        plain headline (:func:`~synthesis.analysis.saturation_headline`: what the curve
        shows, and any new themes after the marked point), the same sentence the report
        leads with; the rule's parameters are in the hover and the methods appendix.
    stopping
        :func:`~synthesis.analysis.francis_stopping` result, marked the same way.
    names
        Theme id → name, to list the new themes of each interview in the hover.

    Examples
    --------
    >>> from synthesis.analysis import guest_saturation, saturation_curve
    >>> curve = saturation_curve(notes, study.sessions(), study.rounds(), themes)
    >>> fig = saturation_chart(curve, guest_saturation(curve))
    >>> fig.layout.title.text.replace("<br>", " ")  # what the curve shows, in plain words
    'No new themes in the last 12 interviews (of 28); the last new theme appeared at interview 16'
    >>> [t.name for t in fig.data if "saturation" in t.name]  # the rule's point, on the chart
    ["rule's saturation point"]
    """
    x = curve["interview"].tolist()
    hover = [_hover(row, names) for row in curve.itertuples(index=False)]
    fig = go.Figure()
    fig.add_bar(x=x, y=curve["new_themes"].tolist(), name="new themes", marker_color=_NEW,
                customdata=hover, hovertemplate="%{customdata}<extra></extra>")
    fig.add_scatter(x=x, y=curve["cumulative_themes"].tolist(), mode="lines+markers",
                    name="themes so far", line={"color": _CUMULATIVE, "width": 3},
                    customdata=hover, hovertemplate="%{customdata}<extra></extra>")
    for found, label, symbol in ((result, "rule's saturation point", "star"),
                                 (stopping, "stopping rule met", "diamond")):
        if found is not None and found.reached and found.n is not None:
            y = int(curve["cumulative_themes"].iloc[found.n - 1])
            fig.add_scatter(x=[found.n], y=[y], mode="markers+text", name=label,
                            marker={"symbol": symbol, "size": 16, "color": _POINT},
                            text=[f"{label}: {found.n}"], textposition="top left",
                            hovertemplate=f"{escape(found.statement)}<extra></extra>")
            fig.add_vline(x=found.n, line_dash="dash", line_color=_POINT)
    if result is not None:
        fig.add_vrect(x0=0.5, x1=result.base + 0.5, fillcolor="#DDDDDD", opacity=0.35,
                      line_width=0, annotation_text=f"base (B={result.base})",
                      annotation_position="top left")
    title, rest = _title(curve, result, stopping)
    sub = _pieces(rest, SUBTITLE_WIDTH) + [
        "New themes per interview (bars) and themes seen so far (line), interviews in date "
        "order."]
    # Plotly never wraps a title: a long one would run off the chart, so lines are broken here.
    fig.update_layout(**heading(title, fit(sub, SUBTITLE_WIDTH)),
                      xaxis={"title": {"text": "interview"}, "dtick": 1 if len(x) <= 30 else None},
                      yaxis={"title": {"text": "themes"}, "rangemode": "tozero",
                             "dtick": 1 if _top(curve) <= 12 else None},
                      template="plotly_white",
                      legend={"orientation": "h", "y": -0.2})
    return fig


def _top(curve: pd.DataFrame) -> int:
    return int(curve["cumulative_themes"].max()) if len(curve) else 0


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")) if text else ""


def _title(curve: pd.DataFrame, result: SaturationResult | None,
           stopping: StoppingResult | None) -> tuple[str, str]:
    """The headline's first sentence as the title, the rest (a caveat) for the subtitle."""
    headline = saturation_headline(
        curve, result.n if result is not None and result.reached else None,
        stopping.n if stopping is not None and stopping.reached else None)
    first, _, rest = headline.partition(". ")
    return fit(_pieces(first.rstrip("."))), rest


def _pieces(sentence: str, width: int = TITLE_WIDTH) -> list[str]:
    """A sentence in lines of at most ``width``, broken after a semicolon or before a bracket
    where it can be (plotly never wraps a title itself).

    >>> _pieces("No new themes in the last 2 (of 9); the last at 7 (of 9)", width=40)
    ['No new themes in the last 2 (of 9);', 'the last at 7 (of 9)']
    """
    lines: list[str] = []
    for piece in (p for p in re.split(r"(?<=;) | (?=\()", sentence) if p):
        if lines and len(lines[-1]) + 1 + len(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines


def _hover(row: Any, names: Mapping[str, str] | None) -> str:
    who = escape(getattr(row, "participant_id", "") or "")
    date = getattr(row, "date", None)
    when = f" · {pd.Timestamp(date):%Y-%m-%d}" if date is not None and not pd.isna(date) else ""
    new = getattr(row, "new_theme_ids", ()) or ()
    listed = ", ".join(escape((names or {}).get(t, t)) for t in list(new)[:6])
    more = f" (+{len(new) - 6} more)" if len(new) > 6 else ""
    lines = [f"<b>interview {row.interview}</b> · {who}{when}",
             f"{plural(row.new_themes, 'new theme')}, "
             f"{row.cumulative_themes} so far"]
    if listed:
        lines.append(f"new: {listed}{more}")
    return "<br>".join(lines)
