"""``synthesis suggest STUDY --round R``: theme suggestions on the command line (table or JSON).

JSON is the shape :meth:`synthesis.suggest.Suggestions.to_dict` gives: ``suggestions`` (one
object per unsorted note: ``note_id`` and ``themes``, a list of ``{theme_id, theme, score}``
best first) and, with ``--drafts``, ``drafts`` (``{label, notes, central_note}``). Nothing is
written to the study.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import TYPE_CHECKING, TextIO

from synthesis import open_study

if TYPE_CHECKING:
    from .suggest.round import Suggestions

WIDTH = 100


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``suggest`` command to the ``synthesis`` command line."""
    p = subparsers.add_parser(
        "suggest", help="where each unsorted note probably goes, and draft themes (offline)",
        description="Suggest, for each unsorted note of a round, the three likeliest "
                    "existing themes with a score, learnt from the notes already sorted; "
                    "with --drafts, group the round's unsorted notes into draft themes. "
                    "Runs on this machine with a model shipped in the wordllama package: "
                    "nothing is downloaded or sent. Nothing is written to the study.")
    p.add_argument("study", help="the study folder")
    p.add_argument("--round", required=True, help="the round whose unsorted notes to suggest for")
    p.add_argument("--drafts", metavar="K", type=_drafts,
                   help="also draft K themes from the round's unsorted notes ('auto': "
                        "estimate K)")
    p.add_argument("--top", type=int, default=3, help="themes per note (default 3)")
    p.add_argument("--format", choices=["table", "json"], default="table",
                   help="table (default, for reading) or json")
    p.set_defaults(func=run)


def _drafts(text: str) -> int | str:
    if text == "auto":
        return text
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number or 'auto', not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 draft, not {value}")
    return value


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run ``synthesis suggest`` for parsed ``args``; returns the exit code."""
    out = out or sys.stdout
    study = open_study(args.study)
    try:
        result = study.suggest(args.round, drafts=args.drafts, top=args.top)
        texts = dict(zip(study.notes(round=args.round)["note_id"].astype(str),
                         study.notes(round=args.round)["text"].astype(str)))
    finally:
        study.close()
    if args.format == "json":
        out.write(result.to_json() + "\n")
        return 0
    out.write(render_table(result, texts, args.round))
    return 0


def render_table(result: Suggestions, texts: dict[str, str], round: str) -> str:
    """The suggestions and drafts as text that fits a 100-column terminal."""
    lines = []
    payload = result.to_dict()
    lines.append(f"Round {round}: {len(payload['suggestions'])} unsorted note(s).")
    for item in payload["suggestions"]:
        lines.append("")
        lines.append(_quote(item["note_id"], texts.get(item["note_id"], "")))
        if not item["themes"]:
            lines.append("    (no themes to suggest yet)")
        for rank, theme in enumerate(item["themes"], start=1):
            lines.append(f"    {rank}. {theme['theme']}  ({theme['score']:.2f})")
    for number, draft in enumerate(payload.get("drafts", []), start=1):
        if number == 1:
            lines += ["", f"Draft themes ({len(payload['drafts'])}):"]
        lines.append("")
        lines.append(f"  Draft {number}: {draft['label']}  ({len(draft['notes'])} notes)")
        lines.append("  " + _quote(draft["central_note"], texts.get(draft["central_note"], "")))
    return "\n".join(lines) + "\n"


def _quote(note_id: str, text: str) -> str:
    flat = " ".join(text.split())
    return textwrap.shorten(f"{note_id}: \u201c{flat}\u201d", width=WIDTH - 4,
                            placeholder="…\u201d")
