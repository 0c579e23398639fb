"""The round report's sections: each a small function from a report context to HTML or a chart.

This is glue. Numbers come from :mod:`synthesis.analysis`, charts from :mod:`synthesis.charts`,
the board snapshot from :mod:`synthesis.board.snapshot` and the craft audit from
:mod:`synthesis.craft`; this module only decides what a stakeholder reads, in which order,
and in which words. Every section's anchor is a constant here, so the table of contents and
the sections cannot drift apart.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..charts import round_shares_chart, theme_bars, theme_colours
from ..charts import saturation_chart as chart
from ..colours import attribute_colours
from ..membership import provisional_sentence
from ..placements import in_theme, sorted_count
from . import html as h
from .agreement import agreement_appendix, agreement_available
from .anchors import AGREEMENT, BOARD, CHANGES, CRAFT, METHOD, SATURATION, SUMMARY, THEMES
from .appendix import board_section, craft_appendix
from .context import ReportContext
from .figures import TOP_THEMES, changes, format_span, frequency, saturation, shares
from .methodology import methodology_section
from .quotes import pick_quotes
from .summary import write_summary

PRIVACY = ("Participants appear under pseudonyms (P01, P02…) and interviewers as Interviewer "
           "A, B…. Names of people, email addresses, phone numbers, links and the study's "
           "sensitive terms are removed from every quote and title.")

__all__ = ["agreement_appendix", "board_section", "changes_section", "contents", "craft_appendix",
           "executive_summary",
           "methodology", "round_chart", "saturation_chart", "saturation_section",
           "theme_chart", "theme_sections", "themes_intro", "title_block", "write_summary"]


# -- the report's parts, in reading order -----------------------------------------------------
def title_block(ctx: ReportContext, title: str = "") -> h.Markup:
    """Study, round, dates, participants and sessions, and what privacy applies."""
    facts = [("Round", ctx.round_name()), ("Dates", _dates(ctx)),
             ("Participants", heard_phrase(ctx)), ("Sessions", len(ctx.sessions)),
             ("Notes", f"{_placed(ctx.notes)} of {len(ctx.notes)} sorted into themes"
                       + (" (provisional)" if ctx.round_id in ctx.provisional else ""))]
    return h.title_block(f"{ctx.title(title)}: {ctx.round_name()}",
                         kicker="Research round report", question=_question(ctx),
                         facts=facts, privacy=_privacy(ctx))


def contents(ctx: ReportContext, craft: bool = False) -> h.Markup:
    """Links to every section (and every theme) that follows; ``craft`` when the report has
    the interview-craft appendix. The agreement appendix is listed when the round has two
    sorts to compare (:mod:`.agreement`)."""
    table = frequency(ctx)
    heard = table[table["k"] > 0]
    entries: list[tuple[str, Any, list[tuple[str, Any]]]] = [
        (SUMMARY, "Executive summary", []),
        (THEMES, "Themes", [(h.anchor_for("theme", t), name)
                            for t, name in zip(heard["theme_id"], heard["theme"])]),
        (CHANGES, "What changed since the previous round", []),
        (SATURATION, "Saturation: would more interviews change the picture?", []),
        (BOARD, "The affinity board", []),
    ]
    if craft:
        entries.append((CRAFT, "Appendix: interview craft", []))
    if agreement_available(ctx):
        entries.append((AGREEMENT, "Appendix: agreement between researchers", []))
    entries.append((METHOD, "Appendix: how this report was made", []))
    return h.contents(entries)


def executive_summary(ctx: ReportContext) -> h.Markup:
    """Top themes by participants, what moved since the last round, the saturation sentence."""
    table = frequency(ctx)
    n = len(ctx.participants)
    heard = table[table["k"] > 0]
    lead = h.paragraph(
        f"In {ctx.round_name()} we spoke with {_people(n)} in "
        f"{_count(len(ctx.sessions), 'session')}"
        f"{_segment_mix(ctx)} and sorted {_placed(ctx.notes)} of "
        f"{_count(len(ctx.notes), 'note')} into {_count(len(heard), 'theme')}. Themes are "
        "weighed by how many people raised them, not by how often they were mentioned.",
        "syn-lead")
    opening = [provisional_callout(ctx, ctx.round_id), lead, not_heard_note(ctx)]
    if heard.empty:
        return h.section(SUMMARY, "Executive summary", *opening, h.paragraph(
            "No notes of this round are sorted into themes yet, so there are no findings to "
            "report.", "syn-callout"))
    findings = []
    for row in heard.head(TOP_THEMES).to_dict("records"):
        findings.append(h.Markup("<strong>{}</strong>: {} of {} participants{}").format(
            row["theme"], row["k"], row["n"], _split_phrase(ctx, row)))
    moved = _movement(ctx)
    # A provisional round makes no "most raised" claim: its ranking will change.
    title = "Sorted so far (provisional)" if ctx.round_id in ctx.provisional else "Most raised"
    return h.section(
        SUMMARY, "Executive summary", *opening,
        h.paragraph(h.Markup("<strong>{}</strong>").format(title)),
        h.bullets(findings, "syn-findings"),
        h.paragraph(h.Markup("<strong>Since the previous round</strong>")), h.bullets(moved),
        h.paragraph(saturation(ctx)["statement"], "syn-callout"))


def heard_phrase(ctx: ReportContext) -> str:
    """"8" or, when some recruited people were not heard, "8 interviewed of 10 recruited".

    Examples
    --------
    >>> heard_phrase(ctx)  # doctest: +SKIP
    '2 interviewed of 10 recruited'
    """
    heard, recruited = len(ctx.participants), len(ctx.recruited)
    return str(heard) if heard == recruited else f"{heard} interviewed of {recruited} recruited"


def not_heard_note(ctx: ReportContext) -> h.Markup:
    """Who was recruited but not heard: named apart, never counted in n (empty if nobody)."""
    missing = ctx.not_heard
    if not missing:
        return h.Markup("")
    return h.note(f"{heard_phrase(ctx).capitalize()}: every count in this report is of the "
                  f"{_people(len(ctx.participants))} heard. Recruited but not heard"
                  f"{' in this round' if ctx.round_id else ''}: {', '.join(missing)}.")


def provisional_callout(ctx: ReportContext, round_id: str | None) -> h.Markup:
    """"Provisional: 16 % of notes sorted — counts will change." for a provisional round;
    for the overview (``None``), one line naming every provisional round."""
    unsettled = ctx.provisional
    if round_id is not None:
        if round_id not in unsettled:
            return h.Markup("")
        return h.paragraph(provisional_sentence(unsettled[round_id]), "syn-provisional")
    if not unsettled:
        return h.Markup("")
    rounds = "; ".join(f"{ctx.round_name(r)}: {share * 100:.0f} % of notes sorted"
                       for r, share in unsettled.items())
    return h.paragraph(f"Provisional — {rounds}. Counts will change, and no theme is called "
                       "new, grown, faded or gone from or against these rounds.",
                       "syn-provisional")


def theme_chart(ctx: ReportContext) -> Any:
    """Participants per theme, stacked by segment (a plotly figure), or None with no themes."""
    table = frequency(ctx)
    if table.empty or not table["k"].any():
        return None  # a round with nobody in it (yet): an empty chart says nothing
    by = ctx.segment if any(c.startswith("k[") for c in table.columns) else None
    return theme_bars(table, ctx.themes, by=by, round=ctx.round_name(),
                      segment_colours=segment_colours(ctx))


def segment_colours(ctx: ReportContext) -> dict[str, str]:
    """Each segment's colour over every participant the report holds, as the board snapshot
    colours them (:func:`synthesis.colours.attribute_colours`)."""
    if not ctx.segment:
        return {}
    return attribute_colours(ctx.participants_all[ctx.segment])


def themes_intro(ctx: ReportContext) -> h.Markup:
    table = frequency(ctx)
    silent = table[table["k"] == 0]
    parts = [h.paragraph("Each theme below shows how many of this round's participants "
                         "raised it, how that splits by segment, and up to three quotes from "
                         "different people.")]
    if len(silent):
        parts.append(h.note("Not heard in this round: " + ", ".join(silent["theme"]) + "."))
    return h.section(THEMES, "Themes", *parts)


def theme_sections(ctx: ReportContext) -> h.Markup:
    """One block per theme heard this round: counts, description, split, quotes, caveats."""
    table = frequency(ctx)
    described = dict(zip(ctx.themes["theme_id"], ctx.themes["description"]))
    colours = _colours(ctx)
    segments = dict(zip(ctx.participants_all["participant_id"],
                        ctx.participants_all[ctx.segment].astype(object)
                        .where(ctx.participants_all[ctx.segment].notna(), "")
                        .map(str))) if ctx.segment else {}
    blocks = []
    for row in table[table["k"] > 0].to_dict("records"):
        tid = row["theme_id"]
        notes = in_theme(ctx.notes, tid)
        chosen = pick_quotes(notes, segments)
        quotes = [h.quote(q.text, q.participant_id, segments.get(q.participant_id, ""))
                  for q in chosen.itertuples(index=False)]
        blocks.append(h.theme_block(
            h.anchor_for("theme", tid), row["theme"], colours.get(str(tid)), int(row["k"]),
            int(row["n"]), int(row["notes"]), described.get(tid, ""),
            split=_split_table(ctx, row), quotes=quotes, flags=_flags(ctx, row)))
    return h.join(blocks)


def changes_section(ctx: ReportContext) -> h.Markup:
    """New, grown, faded and gone themes against the previous round, as a table."""
    if ctx.previous_round is None:
        return h.section(CHANGES, "What changed since the previous round", h.paragraph(
            f"{ctx.round_name()} is the study's first round, so there is nothing to compare "
            "with yet."))
    if ctx.participants.empty:
        return h.section(CHANGES, "What changed since the previous round", h.paragraph(
            f"Nobody has taken part in {ctx.round_name()} yet, so there is nothing to "
            "compare."))
    table = changes(ctx)
    moved = table[~table["status"].isin(["absent"])]
    # What moved first, in the order a reader cares about; steady themes last.
    rank = {"new": 0, "grown": 1, "faded": 2, "gone": 3, "steady": 4, "provisional": 5}
    moved = moved.assign(_r=moved["status"].map(rank).fillna(5))\
        .sort_values("_r", kind="stable")
    rows = [(r.theme, r.status, f"{r.k_before} of {r.n_before}", f"{r.k_after} of {r.n_after}",
             _points(r.change)) for r in moved.itertuples(index=False)]
    return h.section(
        CHANGES, "What changed since the previous round",
        h.paragraph(f"Each theme's share of participants in {ctx.round_name(ctx.previous_round)}"
                    f" against {ctx.round_name()}. A theme has grown or faded when its share "
                    "moved by at least 10 percentage points; new means nobody raised it "
                    "before, gone means nobody raised it now." + _pending(ctx)),
        h.table(["Theme", "Change", ctx.round_name(ctx.previous_round), ctx.round_name(),
                 "Points"], rows, numeric=(2, 3, 4)))


def round_chart(ctx: ReportContext) -> Any:
    """Theme shares round by round up to this one (None for a first round)."""
    table = shares(ctx)
    # Fewer than two rounds with participants leave nothing to compare; a round nobody took
    # part in is drawn by the chart itself, as a gap marked "no data".
    if ctx.previous_round is None or table.loc[table["n"] > 0, "round_id"].nunique() < 2:
        return None
    return round_shares_chart(table, ctx.themes, ctx.rounds)


def saturation_section(ctx: ReportContext) -> h.Markup:
    sat = saturation(ctx)
    rounds = ", ".join(ctx.round_name(r) for r in ctx.rounds_so_far)
    body = [h.paragraph(h.Markup("<strong>{}</strong>").format(sat["statement"]),
                        "syn-callout"),
            h.paragraph(f"Counted over the {_count(sat['interviews'], 'interview')} with notes "
                        f"so far ({rounds}), in date order. An interview is one conversation: "
                        "a session, with any notes taken on it in a spreadsheet; notes with no "
                        "session are one interview per person and round. The chart shows the "
                        "themes each interview added."),
            h.note("The stopping rules behind the marked points (base, run and threshold) "
                   "are in the appendix on how this report was made.")]
    return h.section(SATURATION, "Saturation: would more interviews change the picture?",
                     *body)


def saturation_chart(ctx: ReportContext) -> Any:
    sat = saturation(ctx)
    if not sat["interviews"]:
        return None
    names = dict(zip(ctx.themes["theme_id"], ctx.themes["name"]))
    return chart(sat["curve"], sat["result"], sat["stopping"], names=names)


def methodology(ctx: ReportContext) -> h.Markup:
    """How counts are made, the guide, the participants and the rounds."""
    return methodology_section(ctx, METHOD)


# -- small helpers ----------------------------------------------------------------------------
def _colours(ctx: ReportContext) -> dict[str, str]:
    return theme_colours(ctx.themes)


def _split_table(ctx: ReportContext, row: dict[str, Any]) -> h.Markup | None:
    if not ctx.segment:
        return None
    values = [c[2:-1] for c in row if c.startswith("k[")]
    return h.split(f"By {ctx.segment}:", [(v, int(row[f"k[{v}]"]), int(row[f"n[{v}]"]))
                                          for v in values])


def _split_phrase(ctx: ReportContext, row: dict[str, Any]) -> str:
    if not ctx.segment:
        return ""
    values = [c[2:-1] for c in row if c.startswith("k[")]
    parts = [f"{row[f'k[{v}]']} of {row[f'n[{v}]']} {v}" for v in values if row[f"k[{v}]"]]
    return f" ({', '.join(parts)})" if parts else ""


def _flags(ctx: ReportContext, row: dict[str, Any]) -> list[str]:
    flags = []
    if row.get("soundbite_risk"):
        flags.append("Rests on one participant: a lead to follow up, not yet a pattern.")
    if row.get("single_segment"):
        flags.append(f"Heard in one {ctx.segment} only.")
    return flags


def _pending(ctx: ReportContext) -> str:
    """Why a comparison with a provisional round names no change ("" when there is none)."""
    pair = [r for r in (ctx.previous_round, ctx.round_id) if r in ctx.provisional]
    if not pair:
        return ""
    named = " and ".join(f"{ctx.round_name(r)} ({ctx.provisional[r] * 100:.0f} % of notes "
                         "sorted)" for r in pair)
    return (f" {named} {'is' if len(pair) == 1 else 'are'} provisional, so no theme is called "
            "new, grown, faded or gone yet.")


def _movement(ctx: ReportContext) -> list[Any]:
    if ctx.previous_round is None:
        return [f"{ctx.round_name()} is the first round; there is nothing to compare yet."]
    if _pending(ctx):
        return [_pending(ctx).strip()]
    table = changes(ctx)
    before = ctx.round_name(ctx.previous_round)
    out = []
    for status, verb in (("new", "New"), ("grown", "Grown"), ("faded", "Faded"),
                         ("gone", "No longer heard")):
        rows = table[table["status"] == status]
        if rows.empty:
            continue
        items = h.join((h.Markup("{} ({} of {} → {} of {})").format(
            r.theme, r.k_before, r.n_before, r.k_after, r.n_after)
            for r in rows.itertuples(index=False)), sep="; ")
        out.append(h.Markup("<strong>{}</strong>: {}").format(verb, items))
    if not out:
        out.append(h.Markup("No theme moved by 10 percentage points or more since {}.")
                   .format(before))
    return out


def _segment_mix(ctx: ReportContext) -> str:
    if not ctx.segment or ctx.participants.empty:
        return ""
    counts = ctx.participants[ctx.segment].fillna("(not set)").astype(str).value_counts()
    return " (" + ", ".join(f"{v} {k}" for k, v in counts.items()) + ")"


def _dates(ctx: ReportContext) -> str:
    row = ctx.rounds[ctx.rounds["round_id"] == ctx.round_id]
    start = str(row["start"].iloc[0] or "") if len(row) else ""
    end = str(row["end"].iloc[0] or "") if len(row) else ""
    if not start:
        dated = ctx.sessions["date"].dropna().astype(str).sort_values()
        start, end = (dated.iloc[0], dated.iloc[-1]) if len(dated) else ("", "")
    return format_span(start, end)


def _question(ctx: ReportContext) -> str:
    return f"Research question: {ctx.question}" if ctx.question else ""


def _privacy(ctx: ReportContext) -> str:
    if ctx.redact:
        return PRIVACY
    return "Internal report: participant ids and quotes are shown unredacted."


def _placed(notes: pd.DataFrame) -> int:
    """Notes in at least one theme (a note in two themes is one sorted note)."""
    return sorted_count(notes)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _people(n: int) -> str:
    return _count(n, "participant")


def _points(change: float) -> str:
    if change is None or pd.isna(change):
        return "–"
    return f"{change * 100:+.0f}"

