"""The agreement appendix of a round report: how far the researchers' own sorts agreed.

Shown when a round has two or more sorts: the researchers' own (blind) sorts compared with
each other, or, when there is only one, with the shared board (the consensus the report
shows). Figures come from :mod:`synthesis.agreement` on the report's own redaction: theme
names and note texts go through the report's redactor, and in a redacted report the sorts
are "Researcher A", "Researcher B"… (a sort is named after a person). Everything is
rendered as text (:mod:`.html` escapes every cell).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from ..sorts import BOARD, round_notes, sort_placements, sorts_to_compare
from ..study import open_study
from . import html as h
from .anchors import AGREEMENT
from .context import ReportContext

_KEY = "agreement"


def _computed(ctx: ReportContext) -> Any:
    """The round's agreement, computed once per report (None: fewer than two sorts)."""
    if _KEY in ctx.extra:
        return ctx.extra[_KEY]
    result = None
    if ctx.round_id is not None:
        study = open_study(ctx.folder)
        try:
            names = sorts_to_compare(study, ctx.round_id)
            if names:
                # lazy: scikit-learn, scipy and statsmodels (~0.6-1 s), only for a round
                # that has two sorts to compare
                from ..agreement import compare_sorts

                private = [s for s in names if s != BOARD]
                labels = {s: _label(ctx, s, private) for s in names}
                sorts = {labels[s]: _redacted(ctx, sort_placements(study, ctx.round_id, s))
                         for s in names}
                notes = round_notes(study, ctx.round_id)
                notes = notes.assign(text=[ctx.redactor.text(t) for t in notes["text"]])
                result = compare_sorts(notes, sorts, round=ctx.round_id)
        finally:
            study.close()
    ctx.extra[_KEY] = result
    return result


def _label(ctx: ReportContext, sort: str, private: list[str]) -> str:
    if sort == BOARD:
        return "the shared board"
    if ctx.redact:
        return f"Researcher {chr(ord('A') + private.index(sort) % 26)}"
    return ctx.redactor.text(sort)


def _redacted(ctx: ReportContext, placements: pd.DataFrame) -> pd.DataFrame:
    return placements.assign(theme=[ctx.redactor.text(t) if isinstance(t, str) else t
                                    for t in placements["theme"]])


def agreement_available(ctx: ReportContext) -> bool:
    """Whether the round has the two sorts an agreement appendix needs."""
    return _computed(ctx) is not None


def _f(value: Any, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}"


def agreement_appendix(ctx: ReportContext) -> h.Markup | None:
    """The appendix, or None when the round has fewer than two sorts.

    Examples
    --------
    >>> show(agreement_appendix(ctx))  # doctest: +SKIP
    """
    result = _computed(ctx)
    if result is None:
        return None
    sorts = list(result.sorts)
    who = ", ".join(sorts[:-1]) + f" and {sorts[-1]}"
    n = len(result.codings.notes)
    parts: list[Any] = [h.paragraph(
        f"This appendix compares {who}: how far their sorts of this round's {n} notes "
        "agree. Where they agree, a theme does not rest on one researcher's reading. The "
        "themes this report counts are the shared board's, the team's consensus.")]
    parts += _two(result) if len(sorts) == 2 else _many(result)
    parts.append(h.note(
        "How to read it: kappa corrects raw agreement for chance (1 = perfect, 0 = what chance "
        "gives); a theme one researcher barely used can show 97 % agreement and kappa 0, which "
        "PABAK, the prevalence and the bias indices explain. The interval is 95 % (Fleiss, "
        "Cohen & Everitt 1969). The edit distance is the fewest notes to move to turn one sort "
        "into the other (Deibel, Anderson & Anderson 2005); the adjusted Rand index is kappa "
        "over pairs of notes (Warrens 2008). Themes are matched by name."))
    return h.section(AGREEMENT, "Appendix: agreement between researchers", *parts,
                     cls="syn-appendix")


def _two(result: Any) -> list[Any]:
    a, b = result.sorts
    rows = []
    for _, r in result.themes.iterrows():
        ci = "" if math.isnan(r["ci_low"]) else f" [{_f(r['ci_low'])}, {_f(r['ci_high'])}]"
        rows.append((r["theme"], _f(r["kappa"]) + ci, f"{r['po']:.0%}", r["a"], r["b"],
                     r["c"], r["d"], _f(r["pabak"])))
    table = h.table(["theme", "kappa [95 % interval]", "agreement", "both", f"only {a}",
                     f"only {b}", "neither", "PABAK"], rows, numeric=(1, 2, 3, 4, 5, 6, 7),
                    caption="Per theme: each note either is in the theme or is not")
    why = [f"{r['theme']}: {r['note']}" for _, r in result.themes.iterrows() if r["note"]]
    s = result.partition.summary
    left = s["excluded_unsorted"] + s["excluded_several_themes"]
    figures = h.bullets([
        f"Krippendorff's alpha over all themes: {_f(result.overall['krippendorff_alpha'])}.",
        f"Notes to move to turn one sort into the other: {s['edit_distance']} of "
        f"{s['notes_compared']} compared" + (f" ({left} left out: unsorted in one sort "
                                            "or in several themes)" if left else "") + ".",
        f"Adjusted Rand index {_f(s['ari'])}; variation of information "
        f"{_f(s['variation_of_information'])} bits.",
        _placed_differently(len(result.disagreements))])
    matched = result.partition.matched
    pairs = h.table([f"{a}'s theme", f"{b}'s theme", "shared notes", "overlap (Jaccard)"],
                    [(r["theme_a"], r["theme_b"], r["overlap"], f"{r['jaccard']:.0%}")
                     for _, r in matched.iterrows()], numeric=(2, 3),
                    caption="The themes that correspond, by the notes they share")
    out = [table]
    if why:
        out.append(h.note("; ".join(why) + "."))
    return [*out, figures, pairs]


def _placed_differently(n: int) -> str:
    """The disagreements, in words.

    Examples
    --------
    >>> _placed_differently(1)
    '1 note was placed differently by the two sorts.'
    >>> _placed_differently(3)
    '3 notes were placed differently by the two sorts.'
    """
    return (f"{n} note{' was' if n == 1 else 's were'} placed differently by the two "
            "sorts.")


def _many(result: Any) -> list[Any]:
    rows = [(r["theme"], _f(r["kappa"]), f"{r['po']:.0%}", _f(r["krippendorff_alpha"]))
            for _, r in result.themes.iterrows()]
    table = h.table(["theme", "Fleiss' kappa", "agreement", "alpha"], rows,
                    numeric=(1, 2, 3), caption="Per theme, across every researcher")
    pairs = h.table(["sorts", "notes to move", "adjusted Rand index"],
                    [(f"{a} · {b}", p.summary["edit_distance"], _f(p.summary["ari"]))
                     for (a, b), p in result.partitions.items()], numeric=(1, 2),
                    caption="Each pair of sorts")
    return [table, h.paragraph(f"Fleiss' kappa over all themes: "
                               f"{_f(result.overall['fleiss_kappa'])}."), pairs]
