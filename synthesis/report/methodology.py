"""The methodology appendix: how counts are made, the rounds, the participants, the guide."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from .. import __version__
from ..membership import members
from ..privacy import BOOKKEEPING, public_attributes
from . import html as h
from .context import ReportContext
from .figures import format_span, saturation


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
        f"heard {scope} (a session or a note in it; someone recruited and not interviewed "
        "is listed apart and counts nowhere) and k those of them with at least one note in "
        "the theme. Someone who mentions a theme nine times counts once. Note counts are "
        "shown second.",
        f"A round is provisional while under {ctx.provisional_below * 100:.0f} % of its notes "
        "are sorted into themes: its counts will change, so the report says so and calls no "
        "theme new, grown, faded or gone from or against it.",
        "A participant interviewed in two rounds counts once in each round.",
        (f"Segments come from the '{ctx.segment}' column of the participants file; a "
         "participant without one is shown as '(not set)'." if ctx.segment else
         "The participants file has no segment column, so counts are not split by segment."),
        "Quotes: up to three per theme, each from a different participant, segments taking "
        "turns; verbatim quotes are preferred over researcher notes.",
        "A theme resting on one participant is flagged; treat it as a lead, not a pattern.",
        saturation_rules(ctx),
    ]
    if ctx.redact:
        items.append("Privacy: participants appear as P01, P02… (the same pseudonym in every "
                     "report of this study) and interviewers as Interviewer A, B…; the names "
                     "of participants, interviewers and anyone mentioned (found with name "
                     "lists in many languages), email addresses, phone numbers, links and the "
                     "study's own list of sensitive terms are removed from every quote and "
                     "title. Name, contact and profile columns of the participants file are "
                     "left out.")
    return h.bullets(items)


def rounds_table(ctx: ReportContext) -> h.Markup:
    # One pass over each frame, not one per round: a study of 30 rounds costs the same.
    note_counts = ctx.notes_all.groupby("round_id").size()
    sessions = ctx.sessions_all.groupby("round_id").size()
    table = members(ctx.participants_all, ctx.notes_all, ctx.sessions_all, ctx.order)
    table = table[table["participant_id"].isin(set(ctx.participants_all["participant_id"]))]
    heard = table.groupby("round_id")["heard"].sum()
    recruited = table.groupby("round_id").size()
    rows = []
    for r in ctx.rounds.itertuples(index=False):
        name = h.Markup("<strong>{}</strong>").format(r.name or r.round_id) \
            if r.round_id == ctx.round_id else (r.name or r.round_id)
        share = ctx.provisional.get(r.round_id)
        rows.append((name, format_span(str(r.start or ""), str(r.end or "")),
                     int(heard.get(r.round_id, 0)), int(recruited.get(r.round_id, 0)),
                     int(sessions.get(r.round_id, 0)), int(note_counts.get(r.round_id, 0)),
                     "settled" if share is None else f"provisional ({share * 100:.0f} % sorted)"))
    return h.table(["Round", "Dates", "Heard", "Recruited", "Sessions", "Notes", "Sorting"],
                   rows, numeric=(2, 3, 4, 5))


def participants_table(ctx: ReportContext) -> h.Markup:
    """Everyone recruited (listed or heard); people not heard have no sessions or notes and
    count in no ``n``."""
    people = ctx.recruited
    # Redacted: only public attributes (the context has dropped the private ones already;
    # asking again keeps this table safe whatever frame it is given). Internal: everything.
    candidates = public_attributes(people.columns) if ctx.redact else \
        [c for c in people.columns if c not in (*BOOKKEEPING, "name")]
    shown = [c for c in candidates if people[c].notna().any()]
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
    scope = "this round" if ctx.round_id else "the study"
    caption = f"Everyone recruited for {scope}." + (
        f" Recruited but not heard (no session or note, so in no count): "
        f"{', '.join(ctx.not_heard)}." if ctx.not_heard else "")
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


def saturation_rules(ctx: ReportContext) -> str:
    """The two stopping rules, their parameters and what each found (the report's headline
    says only what the curve shows)."""
    sat = saturation(ctx)
    stopping = sat["stopping"]
    found = (f" Francis et al. (2010), initial sample 10, then 3 interviews in a row with no "
             f"new theme: {stopping.statement}." if stopping is not None else "")
    return (f"Saturation, Guest, Namey & Chen (2020): the first {ctx.base} interviews are the "
            f"base; each run of {ctx.run} further interviews is checked for themes not seen "
            f"before, and saturation is read when a run adds at most {ctx.threshold:.0%} of the "
            f"base's themes (B={ctx.base}, R={ctx.run}, τ≤{ctx.threshold:.0%}). Here: "
            f"{sat['rule']}{found} Interviews in date order; notes without a session count "
            "with the same person's session in that round.")
