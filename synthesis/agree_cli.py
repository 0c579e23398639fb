"""``synthesis agree STUDY --round R --sorts A,B``: agreement between sorts (table, CSV, JSON).

The table fits a 100-column terminal: per theme kappa with its interval and the 2×2 counts,
the overall α, the partition figures, the matched themes, the notes to move and how many
notes the sorts place differently. CSV writes one frame (``--what``), with formula-like cells
defused; JSON writes everything (:meth:`synthesis.agreement.Agreement.to_json`).
The agreement package (scikit-learn, statsmodels) is imported only when the command runs, so
``synthesis --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import textwrap
from typing import TYPE_CHECKING, Any, TextIO

import pandas as pd

from .errors import StudyError
from .study import open_study

if TYPE_CHECKING:  # scikit-learn and statsmodels load only when figures are computed
    from .agreement import Agreement

WIDTH = 100
FRAMES = ("themes", "matched", "notes_to_move", "disagreements")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``agree`` command to the ``synthesis`` command line."""
    p = subparsers.add_parser(
        "agree", help="agreement between researchers' sorts of a round (kappa, ARI, moves)",
        description="Compare two or more sorts of one round: per theme Cohen's kappa (with "
                    "a, b, c, d, PABAK, prevalence, bias and a 95 %% interval) and "
                    "Krippendorff's alpha; as partitions the adjusted Rand index, alpha over "
                    "note pairs, variation of information and the card-sort edit distance "
                    "with the notes to move. Themes are matched by name.")
    p.add_argument("study", help="the study folder")
    p.add_argument("--round", required=True, help="the round whose sorts to compare")
    p.add_argument("--sorts", required=True, metavar="A,B",
                   help="the sorts to compare, comma-separated (the shared board is 'board')")
    p.add_argument("--map", action="append", default=[], metavar="NAME=AS",
                   help="compare theme NAME as theme AS (repeatable), when two researchers "
                        "named one theme differently")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="table (default, for reading), csv (one frame) or json (everything)")
    p.add_argument("--what", choices=FRAMES, default="themes",
                   help="with --format csv: which frame to write (default: themes)")
    p.set_defaults(func=run)


def parse_mapping(items: list[str]) -> dict[str, str]:
    """``["Bank fear=Bank anxiety"]`` -> ``{"Bank fear": "Bank anxiety"}``.

    Examples
    --------
    >>> parse_mapping(["Bank fear = Bank anxiety"])
    {'Bank fear': 'Bank anxiety'}
    """
    out = {}
    for item in items:
        name, sep, target = item.partition("=")
        if not sep or not name.strip() or not target.strip():
            raise StudyError(f"--map {item!r}: expected NAME=AS, e.g. --map 'Bank fear=Bank "
                             "anxiety'.")
        out[name.strip()] = target.strip()
    return out


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run ``synthesis agree`` for parsed ``args``; returns the exit code."""
    out = out or sys.stdout
    study = open_study(args.study)
    try:
        result = study.agreement(args.round, args.sorts, mapping=parse_mapping(args.map))
        name = str(study.config.get("name", study.folder.name))
    finally:
        study.close()
    if args.format == "json":
        out.write(json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n")
    elif args.format == "csv":
        from .interop.tables import csv_text  # lazy: ~55 ms, only for --format csv

        out.write(csv_text(frames(result)[args.what]).replace("\r\n", "\n"))
    else:
        out.write(render_table(result, name))
    return 0


def frames(result: Agreement) -> dict[str, pd.DataFrame]:
    """The frames CSV can write, tuples of themes joined with "; "."""
    partition = result.partition
    queue = result.disagreements.copy()
    for column in queue.columns:
        if column.startswith("themes["):
            queue[column] = queue[column].map("; ".join)
    return {"themes": result.themes, "matched": partition.matched,
            "notes_to_move": partition.notes_to_move, "disagreements": queue}


# -- the table -------------------------------------------------------------------------------
def _f(value: Any, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}"


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, subsequent_indent="  ")


def _cut(text: Any, width: int) -> str:
    text = "" if text is None or (isinstance(text, float) and math.isnan(text)) else \
        " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


THEME_HEADER = (f"{'theme':<24} {'kappa':>5} {'95% CI':>13} {'po':>4} {'pe':>4} {'a':>4} "
                f"{'b':>4} {'c':>4} {'d':>4} {'PABAK':>5} {'prev':>5} {'bias':>5} {'α':>5}")


def _theme_line(r: pd.Series) -> str:
    ci = "–" if math.isnan(r["ci_low"]) else f"[{_f(r['ci_low'])}, {_f(r['ci_high'])}]"
    return (f"{_cut(r['theme'], 24):<24} {_f(r['kappa']):>5} {ci:>13} {_f(r['po']):>4} "
            f"{_f(r['pe']):>4} {r['a']:>4} {r['b']:>4} {r['c']:>4} {r['d']:>4} "
            f"{_f(r['pabak']):>5} {_f(r['prevalence_index']):>5} {_f(r['bias_index']):>5} "
            f"{_f(r['krippendorff_alpha']):>5}")


def render_table(result: Agreement, name: str = "") -> str:
    """The agreement as plain text no wider than 100 columns.

    Examples
    --------
    >>> from synthesis.agreement import compare_sorts
    >>> notes = pd.DataFrame({"note_id": ["n1", "n2"], "text": ["a", "b"]})
    >>> same = pd.DataFrame({"note_id": ["n1", "n2"], "theme": ["Setup", "Pricing"]})
    >>> print(render_table(compare_sorts(notes, {"dana": same, "lee": same}, round="r1"))
    ...       .splitlines()[0])
    Agreement, round r1: dana and lee, 2 notes, 2 themes
    """
    sorts = list(result.sorts)
    who = ", ".join(sorts[:-1]) + f" and {sorts[-1]}"
    title = f"Agreement{': ' + name if name else ''}, round {result.round}: {who}, " \
            f"{len(result.codings.notes)} notes, {len(result.codings.themes)} themes"
    lines = [title, ""]
    if len(sorts) > 2:
        lines += _many(result)
        return "\n".join(lines) + "\n"
    lines.append("Per theme (each note a unit; a theme applies to it or not)")
    lines.append(THEME_HEADER)
    lines += [_theme_line(r) for _, r in result.themes.iterrows()]
    notes = [(r["theme"], r["note"]) for _, r in result.themes.iterrows() if r["note"]]
    for theme, why in notes:
        lines += _wrap(f"  {_cut(theme, 30)}: {why}")
    overall = result.overall
    lines += ["", f"Krippendorff's α over all themes: {_f(overall['krippendorff_alpha'])} "
                  f"({overall['units']} note × theme units)", ""]
    lines += _partition_lines(result)
    count = len(result.disagreements)
    lines += ["", f"{count} note(s) placed differently" + (
        ": settle them in the board's compare mode." if count else ".")]
    return "\n".join(lines) + "\n"


def _partition_lines(result: Agreement) -> list[str]:
    p = result.partition
    s = p.summary
    a, b = p.sorts
    left = []
    if s["excluded_unsorted"]:
        left.append(f"{s['excluded_unsorted']} unsorted in a sort")
    if s["excluded_several_themes"]:
        left.append(f"{s['excluded_several_themes']} in several themes")
    lines = _wrap(f"As partitions (each note in one theme): {s['notes_compared']} notes "
                  "compared" + (f"; left out: {', '.join(left)}" if left else ""))
    lines.append(f"  adjusted Rand index {_f(s['ari'])} · α over note pairs "
                 f"{_f(s['krippendorff_alpha'])} · variation of information "
                 f"{_f(s['variation_of_information'])} bits")
    lines.append(f"  element-centric similarity {_f(s['element_centric'])} over "
                 f"{s['element_centric_notes']} notes (notes in several themes kept)")
    lines.append(f"  edit distance: {s['edit_distance']} note(s) to move to turn {a}'s sort "
                 f"into {b}'s")
    if len(p.matched):
        lines += ["", f"Matched themes ({a} ↔ {b})",
                  f"  {a[:30]:<32} {b[:30]:<32} {'shared':>6} {'Jaccard':>7}"]
        lines += [f"  {_cut(r['theme_a'], 32):<32} {_cut(r['theme_b'], 32):<32} "
                  f"{r['overlap']:>6} {_f(r['jaccard']):>7}" for _, r in p.matched.iterrows()]
    for side, themes in ((a, s["unmatched_a"]), (b, s["unmatched_b"])):
        if themes:
            lines.append(f"  only in {side}'s sort: {_cut(', '.join(themes), 80)}")
    if len(p.notes_to_move):
        lines += ["", "Notes to move"]
        for _, r in p.notes_to_move.iterrows():
            to = r["move_to"] if isinstance(r["move_to"], str) else "a new theme"
            named = "" if to == r["theme_b"] else f" ({b}: {_cut(r['theme_b'], 24)})"
            lines.append(f"  {_cut(r['note_id'], 16)}: {_cut(r['theme_a'], 28)} → "
                         f"{_cut(to, 28)}{named}")
            if isinstance(r.get("text"), str):
                lines.append(f"    “{_cut(r['text'], WIDTH - 8)}”")
    return lines


def _many(result: Agreement) -> list[str]:
    """Three or more sorts: Fleiss' kappa per theme, then each pair's partition figures."""
    lines = ["Per theme, Fleiss' kappa over all sorts",
             f"{'theme':<30} {'kappa':>6} {'po':>5} {'pe':>5} {'α':>6}"]
    for _, r in result.themes.iterrows():
        lines.append(f"{_cut(r['theme'], 30):<30} {_f(r['kappa']):>6} {_f(r['po']):>5} "
                     f"{_f(r['pe']):>5} {_f(r['krippendorff_alpha']):>6}")
    lines += ["", f"Fleiss' kappa over all themes: {_f(result.overall['fleiss_kappa'])}; "
                  f"Krippendorff's α: {_f(result.overall['krippendorff_alpha'])}", "",
              "Pairs as partitions",
              f"{'sorts':<40} {'ARI':>5} {'α':>5} {'VI':>5} {'moves':>5}"]
    for (a, b), p in result.partitions.items():
        s = p.summary
        lines.append(f"{_cut(a + ' · ' + b, 40):<40} {_f(s['ari']):>5} "
                     f"{_f(s['krippendorff_alpha']):>5} {_f(s['variation_of_information']):>5} "
                     f"{s['edit_distance']:>5}")
    lines += ["", *_wrap(f"{len(result.disagreements)} note(s) placed differently by at "
                         "least one sort; `--sorts A,B` gives a pair's per-theme kappa and "
                         "notes to move.")]
    return lines
