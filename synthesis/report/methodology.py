"""The methodology appendix: how counts are made, the rounds, the participants, the guide."""

from __future__ import annotations

from datetime import datetime, UTC

import pandas as pd

from .. import __version__
from ..model import PRIVATE_ATTRIBUTES
from . import html as h
from .context import ReportContext
from .figures import format_span

HIDDEN_COLUMNS = {"participant_id", "round_id", "name"}


def methodology_section(ctx: ReportContext, anchor: str) -> h.Markup:
    """The appendix for a round report (or the overview when ``ctx.round_id`` is None)."""
    parts = [h.Markup("<h3>How counts are made</h3>"), how_counts_are_made(ctx),
             h.Markup("<h3>Rounds</h3>"), rounds_table(ctx),
             h.Markup("<h3>Participants</h3>"), participants_table(ctx),
             h.Markup("<h3>Discussion guide</h3>"), guide(ctx), provenance(ctx)]
    return h.section(anchor, "Appendix: how this report was made", *parts, cls="syn-appendix")


def how_counts_are_made(ctx: ReportContext) -> h.Markup:
    scope = "in the round" if ctx.round_id else "in the study"
    items = [
        f"People, not mentions: a theme's weight is k of n, where n is every participant "
        f"{scope} (anyone listed for it or with a session or note in it) and k those of them "
        "with at least one note in the theme. Someone who mentions a theme nine times counts "
        "once. Note counts are shown second.",
        "A participant interviewed in two rounds counts once in each round.",
        (f"Segments come from the '{ctx.segment}' column of the participants file; a "
         "participant without one is shown as '(not set)'." if ctx.segment else
         "The participants file has no segment column, so counts are not split by segment."),
        "Quotes: up to three per theme, each from a different participant, segments taking "
        "turns; verbatim quotes are preferred over researcher notes.",
        "A theme resting on one participant is flagged; treat it as a lead, not a pattern.",
        f"Saturation (Guest, Namey & Chen 2020): base of {ctx.base} interviews, runs of "
        f"{ctx.run}, threshold {ctx.threshold:.0%} new themes relative to the base; "
        "interviews in date order. The Francis et al. (2010) stopping rule is marked on the chart.",
    ]
    if ctx.redact:
        items.append("Privacy: participants appear as P01, P02… (the same pseudonym in every "
                     "report of this study); names, email addresses, phone numbers, links and "
                     "the study's own list of sensitive terms are removed from every quote.")
    return h.bullets(items)


def rounds_table(ctx: ReportContext) -> h.Markup:
    rows = []
    for r in ctx.rounds.itertuples(index=False):
        notes = ctx.notes_all[ctx.notes_all["round_id"] == r.round_id]
        people = ctx.participants_all[
            (ctx.participants_all["round_id"] == r.round_id)
            | ctx.participants_all["participant_id"].isin(set(notes["participant_id"].dropna()))]
        sessions = ctx.sessions_all[ctx.sessions_all["round_id"] == r.round_id]
        name = h.Markup("<strong>{}</strong>").format(r.name or r.round_id) \
            if r.round_id == ctx.round_id else (r.name or r.round_id)
        rows.append((name, format_span(str(r.start or ""), str(r.end or "")), len(people),
                     len(sessions), len(notes)))
    return h.table(["Round", "Dates", "Participants", "Sessions", "Notes"], rows,
                   numeric=(2, 3, 4))


def participants_table(ctx: ReportContext) -> h.Markup:
    people = ctx.participants
    shown = [c for c in people.columns if c not in HIDDEN_COLUMNS
             and not (ctx.redact and str(c).casefold() in PRIVATE_ATTRIBUTES)
             and people[c].notna().any()]
    if ctx.segment in shown:  # the segment first: it is what every count splits by
        shown.remove(ctx.segment)
        shown.insert(0, ctx.segment)
    sessions = ctx.sessions["participant_id"].value_counts()
    notes = ctx.notes["participant_id"].value_counts()
    header = ["Participant", *[str(c).replace("_", " ").capitalize() for c in shown],
              "Sessions", "Notes"]
    if not ctx.redact and "name" in people.columns:
        header.insert(1, "Name")
    rows = []
    for row in people.to_dict("records"):
        pid = row["participant_id"]
        cells = [pid]
        if not ctx.redact and "name" in people.columns:
            cells.append(_text(row.get("name")))
        cells += [_text(row.get(c)) for c in shown]
        cells += [int(sessions.get(pid, 0)), int(notes.get(pid, 0))]
        rows.append(cells)
    caption = "Everyone who took part in this round." if ctx.round_id else \
        "Everyone who took part in the study."
    return h.table(header, rows, caption=caption,
                   numeric=(len(header) - 2, len(header) - 1))


def guide(ctx: ReportContext) -> h.Markup:
    if ctx.guide.empty:
        return h.note("No discussion guide was imported for this study.")
    key = int(ctx.guide["is_key"].sum())
    items = [(q.text, bool(q.is_key), pd.notna(q.parent_id))
             for q in ctx.guide.itertuples(index=False)]
    return h.join([h.paragraph(f"{len(items)} questions, {key} of them key questions; "
                               "follow-ups are indented."), h.guide_list(items)])


def provenance(ctx: ReportContext) -> h.Markup:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    seq = ctx.extra.get("last_event")
    board = f" from the board as of change #{seq}" if seq else ""
    return h.Markup('<p class="syn-footer">Generated {}{} by synthesis {}.</p>').format(
        stamp, board, __version__)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)
