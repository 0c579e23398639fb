"""The study overview's sections: every round side by side, theme dynamics, saturation overall.

Glue like :mod:`synthesis.report.sections`: numbers from :mod:`synthesis.analysis`, charts
from :mod:`synthesis.charts`, words and order here.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..analysis import (classify_theme_changes, saturation_bootstrap, theme_frequency,
                        theme_shares_by_round)
from ..charts import round_shares_chart, theme_bars
from ..errors import AnalysisError
from ..placements import sorted_count
from . import html as h
from .context import ReportContext
from .methodology import methodology_section
from .sections import (PRIVACY, SATURATION, _count, format_span, heard_phrase,
                       not_heard_note, provisional_callout, saturation, saturation_chart,
                       saturation_section, segment_colours)

SUMMARY, ROUNDS, DYNAMICS, THEMES, METHOD = ("summary", "rounds", "dynamics", "themes",
                                             "methodology")
BOOTSTRAP_ORDERS = 1000


def frequency(ctx: ReportContext) -> pd.DataFrame:
    """Theme frequency over the whole study (a returning participant counts once)."""
    if "frequency" not in ctx.extra:
        ctx.extra["frequency"] = theme_frequency(ctx.notes_all, ctx.participants,
                                                 ctx.themes, by=ctx.segment)
    return ctx.extra["frequency"]


def shares(ctx: ReportContext) -> pd.DataFrame:
    if "shares" not in ctx.extra:
        ctx.extra["shares"] = theme_shares_by_round(ctx.notes_all, ctx.participants_all,
                                                    ctx.themes, ctx.rounds,
                                                    sessions=ctx.sessions_all)
    return ctx.extra["shares"]


def active_shares(ctx: ReportContext) -> pd.DataFrame:
    """:func:`shares` without rounds nobody has taken part in yet (nothing to compare there)."""
    table = shares(ctx)
    return table[table["n"] > 0].reset_index(drop=True)


def title_block(ctx: ReportContext, title: str = "") -> h.Markup:
    dated = ctx.rounds[ctx.rounds["start"].astype(bool)]
    span = format_span(str(dated["start"].iloc[0]), str(ctx.rounds["end"].iloc[-1] or "")) \
        if len(dated) else "not recorded"
    facts = [("Rounds", len(ctx.rounds)), ("Dates", span),
             ("Participants", heard_phrase(ctx)), ("Sessions", len(ctx.sessions_all)),
             ("Themes", len(ctx.themes))]
    question = f"Research question: {ctx.question}" if ctx.question else ""
    privacy = (PRIVACY + " The pseudonyms are the same as in every round report."
               if ctx.redact else "Internal report: shown unredacted.")
    return h.title_block(f"{ctx.title(title)}: study overview", kicker="Study overview",
                         question=question, facts=facts, privacy=privacy)


def contents(ctx: ReportContext) -> h.Markup:
    return h.contents([(SUMMARY, "Summary", []), (ROUNDS, "Round by round", []),
                       (DYNAMICS, "How themes moved across rounds", []),
                       (THEMES, "Themes across the whole study", []),
                       (SATURATION, "Saturation: would more interviews change the picture?", []),
                       (METHOD, "Appendix: how this report was made", [])])


def summary(ctx: ReportContext) -> h.Markup:
    table = frequency(ctx)
    heard = table[table["k"] > 0]
    n = len(ctx.participants)
    lead = h.paragraph(
        f"Across {_count(len(ctx.rounds), 'round')} we spoke with {_count(n, 'participant')} in "
        f"{_count(len(ctx.sessions_all), 'session')} and sorted "
        f"{sorted_count(ctx.notes_all)} of "
        f"{_count(len(ctx.notes_all), 'note')} into {_count(len(heard), 'theme')}.", "syn-lead")
    top = [h.Markup("<strong>{}</strong>: {} of {} participants").format(r.theme, r.k, r.n)
           for r in heard.head(5).itertuples(index=False)]
    parts = [provisional_callout(ctx, None), lead, not_heard_note(ctx)]
    if top:
        title = "Sorted so far (provisional)" if ctx.provisional else \
            "Most raised across the study"
        parts += [h.paragraph(h.Markup("<strong>{}</strong>").format(title)),
                  h.bullets(top, "syn-findings")]
    parts.append(h.paragraph(saturation(ctx)["statement"], "syn-callout"))
    return h.section(SUMMARY, "Summary", *parts)


def rounds_section(ctx: ReportContext) -> h.Markup:
    """Per round: dates, people, and the most raised theme."""
    table = shares(ctx)
    rows = []
    for r in ctx.rounds.itertuples(index=False):
        part = table[(table["round_id"] == r.round_id) & (table["k"] > 0)]
        part = part.sort_values(["k", "notes"], ascending=False, kind="stable")
        top = f"{part['theme'].iloc[0]} ({part['k'].iloc[0]} of {part['n'].iloc[0]})" \
            if len(part) else "no themes yet"
        if r.round_id in ctx.provisional:  # no "most raised" claim for an unsettled round
            top = f"provisional: {ctx.provisional[r.round_id] * 100:.0f} % of notes sorted"
        people = int(table[table["round_id"] == r.round_id]["n"].max()) if len(table) else 0
        sessions = int((ctx.sessions_all["round_id"] == r.round_id).sum())
        rows.append((r.name or r.round_id, format_span(str(r.start or ""), str(r.end or "")),
                     people, sessions, top))
    return h.section(ROUNDS, "Round by round",
                     h.table(["Round", "Dates", "Participants", "Sessions", "Most raised theme"],
                             rows, numeric=(2, 3)))


def dynamics_section(ctx: ReportContext) -> h.Markup:
    """Every theme's status between consecutive rounds (new, grown, steady, faded, gone)."""
    table = active_shares(ctx)
    active = list(dict.fromkeys(table["round_id"]))
    if len(active) < 2:
        return h.section(DYNAMICS, "How themes moved across rounds",
                         h.paragraph("Only one round has participants so far; dynamics need "
                                     "two."))
    changes = classify_theme_changes(table, provisional=ctx.provisional)
    order = list(dict.fromkeys(changes["to_round"]))
    header = ["Theme", ctx.round_name(active[0])] + [ctx.round_name(r) for r in order]
    rows = []
    for tid, part in table.groupby("theme_id", sort=False):
        part = part.set_index("round_id")
        first = part.loc[active[0]]
        cells: list[Any] = [part["theme"].iloc[0], f"{first['k']} of {first['n']}"]
        for r in order:
            step = changes[(changes["theme_id"] == tid) & (changes["to_round"] == r)]
            status = step["status"].iloc[0] if len(step) else ""
            label = "" if status in ("steady", "absent") else f" · {status}"
            cells.append(f"{part.loc[r, 'k']} of {part.loc[r, 'n']}{label}")
        rows.append(cells)
    return h.section(DYNAMICS, "How themes moved across rounds",
                     h.paragraph("Participants raising each theme in each round, with the "
                                 "change from the round before when it is new, grown (≥ 10 "
                                 "points), faded (≥ 10 points down) or gone; a round still "
                                 "provisional (under "
                                 f"{ctx.provisional_below * 100:.0f} % of its notes sorted) "
                                 "is marked provisional instead."),
                     h.table(header, rows, numeric=tuple(range(1, len(header)))))


def dynamics_chart(ctx: ReportContext) -> Any:
    table = shares(ctx)
    # Every round is drawn, one nobody has taken part in yet as a gap marked "no data".
    if table.loc[table["n"] > 0, "round_id"].nunique() < 2:
        return None
    return round_shares_chart(table, ctx.themes, ctx.rounds)


def themes_section(ctx: ReportContext) -> h.Markup:
    return h.section(THEMES, "Themes across the whole study", h.paragraph(
        "Participants per theme over every round; a participant interviewed twice counts "
        "once."))


def theme_chart(ctx: ReportContext) -> Any:
    table = frequency(ctx)
    return None if table.empty else theme_bars(table, ctx.themes, by=ctx.segment,
                                               segment_colours=segment_colours(ctx))


def saturation_overall(ctx: ReportContext) -> h.Markup:
    """The round report's saturation section over all rounds, plus the bootstrap."""
    body = saturation_section(ctx)
    try:
        boot = saturation_bootstrap(ctx.notes_all, ctx.sessions_all, ctx.base, ctx.run,
                                    ctx.threshold, orders=BOOTSTRAP_ORDERS, seed=0,
                                    themes=ctx.themes)
    except AnalysisError:
        return body
    return h.join([body, h.note("How much the point depends on the order the interviews "
                                f"happened to come in: {boot.statement}.")])


def saturation_figure(ctx: ReportContext) -> Any:
    return saturation_chart(ctx)


def methodology(ctx: ReportContext) -> h.Markup:
    return methodology_section(ctx, METHOD)
