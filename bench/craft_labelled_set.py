"""Precision and recall of the craft question detector on the labelled set, as a markdown table.

Run from the project root::

    .venv/bin/python bench/craft_labelled_set.py

It prints the table and writes it to ``bench/results/craft_labelled_set.md``. The labelled
set is ``tests/data/craft/questions.csv`` (labelling rules in the README beside it).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _scoring import flag_figures, fmt, read_rows  # noqa: E402

from synthesis.craft import question_flags  # noqa: E402

LABELS = ROOT / "tests" / "data" / "craft" / "questions.csv"
RESULT = ROOT / "bench" / "results" / "craft_labelled_set.md"
def figures(rows: list[dict[str, str]]) -> list[tuple[str, str, str, str, int, int]]:
    """(flag, precision, recall, F1, positives, predicted) per flag, plus open/closed accuracy."""
    predicted = [question_flags(r["text"]) for r in rows]
    out = flag_figures(rows, predicted)
    asked = [(r, p) for r, p in zip(rows, predicted) if r["question"] == "1"]
    right = sum(("open" in p) == (r["open"] == "1") and ("closed" in p) == (r["closed"] == "1")
                for r, p in asked)
    out.append(("open vs closed (accuracy)", fmt(right / len(asked)), "", "", len(asked), 0))
    return out


def table() -> str:
    rows = read_rows(LABELS)
    lines = [
        "# Craft question detector on the labelled set",
        "",
        f"`tests/data/craft/questions.csv`: {len(rows)} interviewer turns written for this "
        "project. `tune` rows were in view while the rules were written; `holdout` rows were "
        "written at the same time but not run until the rules were done. All rows were written "
        "and labelled by the same author as the rules, so treat the figures as optimistic.",
        "",
        "Targets (tests/test_craft_questions.py): leading precision ≥ 0.85, recall ≥ 0.75; "
        "open vs closed accuracy ≥ 0.90 over the questions.",
        "",
        "| split | flag | precision | recall | F1 | n (labelled) | predicted |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for split in ("all", "tune", "holdout"):
        subset = [r for r in rows if split == "all" or r["split"] == split]
        for flag, prec, rec, f1, n, pred in figures(subset):
            if flag.startswith("open vs"):
                lines.append(f"| {split} | {flag} | {prec} | | | {n} | |")
            else:
                lines.append(f"| {split} | {flag} | {prec} | {rec} | {f1} | {n} | {pred} |")
    lines += _sample_study()
    return "\n".join(lines) + "\n"


def _sample_study() -> list[str]:
    """The audit on the sample study, where Marco Bell is the deliberately leading one."""
    sample = ROOT / "data" / "invoicing-onboarding"
    if not (sample / "study.db").is_file():
        return ["", "(The sample study's store is not built yet: no sample-study figures.)"]
    import shutil
    import tempfile

    from synthesis import open_study
    from synthesis.craft import craft_audit

    with tempfile.TemporaryDirectory() as tmp:
        # A copy, so the shipped store is never touched by a bench run.
        copy = Path(tmp) / sample.name
        shutil.copytree(sample, copy, ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm"))
        study = open_study(copy)
        people = craft_audit(study).interviewers
        study.close()
    lines = ["", "## The sample study, per interviewer", "",
             "| interviewer | sessions | talk share (words) | leading / session | "
             "double-barrelled / session | open share | probe rate | sessions missing a key "
             "question |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, r in people.iterrows():
        lines.append(f"| {name} | {r['sessions']} | {r['talk_share_words']:.0%} | "
                     f"{r['leading_per_session']:.1f} | {r['double_barrelled_per_session']:.1f} "
                     f"| {r['open_share']:.0%} | {r['probe_rate']:.0%} | "
                     f"{r['sessions_missing_key']} |")
    return lines


def main() -> int:
    text = table()
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
