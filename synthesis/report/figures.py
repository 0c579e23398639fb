"""The figures a report's sections share: counts, changes, shares, saturation, date spans.

Each is computed once per report (cached in ``ctx.extra``) so the summary, the charts and the
sections quote the same numbers; :mod:`~synthesis.report.sections`,
:mod:`~synthesis.report.summary` and :mod:`~synthesis.report.methodology` all read them here.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..analysis import (classify_theme_changes, francis_stopping, guest_saturation,
                        saturation_curve, saturation_headline, theme_frequency,
                        theme_shares_by_round)
from ..errors import AnalysisError
from .context import ReportContext

TOP_THEMES = 3  # themes named in the executive summary and the runner's index


def frequency(ctx: ReportContext) -> pd.DataFrame:
    """Theme frequency (k of n, split by segment when the study has one) for the round."""
    key = ("frequency", ctx.round_id)
    if key not in ctx.extra:
        ctx.extra[key] = theme_frequency(ctx.notes, ctx.participants, ctx.themes, by=ctx.segment)
    return ctx.extra[key]


def changes(ctx: ReportContext) -> pd.DataFrame:
    """How each theme moved from the previous round to this one (empty for a first round)."""
    key = ("changes", ctx.round_id)
    if key not in ctx.extra:
        table = pd.DataFrame()
        if ctx.previous_round is not None:
            every = _shares_by_round(ctx)
            pair = every[every["round_id"].isin([ctx.previous_round, ctx.round_id])]
            table = classify_theme_changes(pair, provisional=ctx.provisional)
        ctx.extra[key] = table
    return ctx.extra[key]


def shares(ctx: ReportContext) -> pd.DataFrame:
    """Each theme's share of participants per round, up to the round in view."""
    table = _shares_by_round(ctx)
    return table[table["round_id"].isin(ctx.rounds_so_far)].reset_index(drop=True)


def _shares_by_round(ctx: ReportContext) -> pd.DataFrame:
    """Theme shares for every round the context holds, computed once per report (the
    changes table and the round chart both read it)."""
    if "shares_by_round" not in ctx.extra:
        ctx.extra["shares_by_round"] = theme_shares_by_round(
            ctx.notes_all, ctx.participants_all, ctx.themes, ctx.rounds,
            sessions=ctx.sessions_all)
    return ctx.extra["shares_by_round"]


def saturation(ctx: ReportContext) -> dict[str, Any]:
    """Saturation over every interview up to the round in view: the curve, the rules'
    results, ``statement`` (the plain headline, consistent with the chart) and ``rule`` (the
    base-and-run rule's own sentence, for the methods appendix)."""
    key = ("saturation", ctx.round_id)
    if key in ctx.extra:
        return ctx.extra[key]
    notes = ctx.notes_all[ctx.notes_all["round_id"].isin(ctx.rounds_so_far)]
    curve = saturation_curve(notes, ctx.sessions_all, ctx.rounds, ctx.themes)
    result, stopping, rule = None, None, ""
    try:
        result = guest_saturation(curve, ctx.base, ctx.run, ctx.threshold)
        rule = result.statement
    except AnalysisError as exc:
        rule = f"saturation not assessed: {exc}"
    if len(curve):
        stopping = francis_stopping(curve)  # the paper's n₀=10, m=3
    point = result.n if result is not None and result.reached else None
    stop = stopping.n if stopping is not None and stopping.reached else None
    out = {"curve": curve, "result": result, "stopping": stopping,
           "statement": saturation_headline(curve, point, stop), "rule": sentence(rule),
           "interviews": len(curve)}
    ctx.extra[key] = out
    return out


def format_span(start: str, end: str) -> str:
    """"3–7 Mar 2025" from two ISO dates (as given when they do not parse).

    >>> format_span("2025-03-03", "2025-03-07")
    '3–7 Mar 2025'
    >>> format_span("2025-03-28", "2025-04-02")
    '28 Mar – 2 Apr 2025'
    """
    a = pd.to_datetime(start, errors="coerce") if start else pd.NaT
    b = pd.to_datetime(end, errors="coerce") if end else pd.NaT
    if pd.isna(a):
        return start or "not recorded"
    if pd.isna(b) or a == b:
        return f"{a.day} {a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def sentence(text: str) -> str:
    """A capitalised sentence ending in one full stop.

    >>> sentence("saturation reached after 9 interviews.")
    'Saturation reached after 9 interviews.'
    """
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else text
