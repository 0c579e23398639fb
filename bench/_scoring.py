"""Shared scoring for the craft question sets: the figures the targets of issue 13 name.

Every figure is computed the same way for the detector before issue 13 (which knows only
open/closed and one question per turn) and after it, so the two columns of a results table
are comparable. A *turn* is one row of a set; a figure over questions counts a turn whose
labelled question the detector missed as wrong.
"""

from __future__ import annotations

import csv
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

KINDS = ("open", "specific", "closed")


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True)
class Ratio:
    """k of n, shown as ``0.83 (10/12)``; ``–`` when n is 0."""

    k: int
    n: int

    @property
    def value(self) -> float | None:
        return self.k / self.n if self.n else None

    def __str__(self) -> str:
        return "–" if not self.n else f"{self.k / self.n:.2f} ({self.k}/{self.n})"


@dataclass(frozen=True)
class Reading:
    """What one detector made of one turn: its flags and how many questions it found."""

    flags: frozenset[str]
    count: int

    @property
    def kind(self) -> str | None:
        return next((k for k in KINDS if k in self.flags), None)


def read_with(module: object) -> Callable[[str, str], Reading]:
    """A reader for ``module`` (``synthesis.craft`` or the baseline): flags and question count.

    The reader takes a turn's text and the participant's words just before it (the set's
    ``before`` column), and passes them on as the audit does (``before=``) where the module
    reads them. The baseline has no ``questions_put``: it counts a question turn as one
    question.
    """
    put = getattr(module, "questions_put", None)
    flags_of = module.question_flags
    takes_before = "before" in inspect.signature(flags_of).parameters

    def read(text: str, before: str = "") -> Reading:
        context = {"before": before} if takes_before else {}
        flags = flags_of(text, **context)
        count = len(put(text, **context)) if put else int("question" in flags)
        return Reading(flags, count)

    return read


def truth(row: dict[str, str]) -> dict[str, object]:
    """A row's labels in one shape for every set (real turns count questions; clean sets flag)."""
    questions = int(row["questions"]) if "questions" in row else int(row["question"])
    return {"question": questions > 0, "questions": questions, "kind": row.get("kind") or None,
            "leading": row["leading"] == "1", "double-barrelled": row["double_barrelled"] == "1"}


def precision_recall(rows: Sequence[dict], readings: Sequence[Reading],
                     flag: str) -> tuple[Ratio, Ratio]:
    """(precision, recall) of one flag over turns."""
    gold = [truth(r)[flag] for r in rows]
    got = [flag in x.flags for x in readings]
    tp = sum(g and p for g, p in zip(gold, got))
    return Ratio(tp, sum(got)), Ratio(tp, sum(gold))


def kind_accuracy(rows: Sequence[dict], readings: Sequence[Reading],
                  two_way: bool = False) -> Ratio:
    """Share of labelled questions whose kind the detector got right.

    Three-way (open / specific / closed), or ``two_way``: open-or-specific vs closed.
    """
    def side(kind: str | None) -> str | None:
        return ("closed" if kind == "closed" else "open-or-specific" if kind else None) \
            if two_way else kind

    pairs = [(truth(r)["kind"], x.kind) for r, x in zip(rows, readings) if truth(r)["question"]]
    return Ratio(sum(side(g) == side(p) for g, p in pairs), len(pairs))


def count_figures(rows: Sequence[dict], readings: Sequence[Reading]) -> tuple[str, Ratio]:
    """("found / labelled" questions in all, share of turns whose count is exactly right)."""
    labelled = sum(truth(r)["questions"] for r in rows)
    found = sum(x.count for x in readings)
    exact = sum(truth(r)["questions"] == x.count for r, x in zip(rows, readings))
    return f"{found} / {labelled}", Ratio(exact, len(rows))


def expected_flags(row: dict[str, str]) -> frozenset[str]:
    """The flags a row's labels call for, in the detector's own names."""
    t = truth(row)
    flags = {f for f in ("question", "leading", "double-barrelled") if t[f]}
    if t["kind"]:
        flags.add(t["kind"])
    return frozenset(flags)


def cell(text: str, width: int = 0) -> str:
    """Text for a markdown table cell: one line, pipes escaped, cut to ``width`` if given."""
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if not width or len(text) <= width else text[: width - 1] + "…"
