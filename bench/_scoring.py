"""Shared scoring for the craft labelled sets: precision, recall and F1 per question flag."""

from __future__ import annotations

import csv
from pathlib import Path

# CSV column -> flag name returned by synthesis.craft.question_flags
FLAGS = {"question": "question", "open": "open", "closed": "closed", "leading": "leading",
         "double_barrelled": "double-barrelled"}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def flag_figures(rows: list[dict[str, str]], predicted: list[frozenset[str]],
                 ) -> list[tuple[str, str, str, str, int, int]]:
    """(flag, precision, recall, F1, n labelled, n predicted) per flag."""
    out = []
    for column, flag in FLAGS.items():
        tp = sum(flag in p and r[column] == "1" for r, p in zip(rows, predicted))
        fp = sum(flag in p and r[column] == "0" for r, p in zip(rows, predicted))
        fn = sum(flag not in p and r[column] == "1" for r, p in zip(rows, predicted))
        prec = tp / (tp + fp) if tp + fp else None
        rec = tp / (tp + fn) if tp + fn else None
        f1 = 2 * prec * rec / (prec + rec) if prec and rec else None
        out.append((flag, fmt(prec), fmt(rec), fmt(f1), tp + fn, tp + fp))
    return out
