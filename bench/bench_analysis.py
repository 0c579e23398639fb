"""Benchmark: theme analysis on a large synthetic study, against a bare pandas baseline.

100,000 notes, 1,000 participants, 300 themes, 10 rounds (seeded). Times theme frequency +
participant × theme matrix + co-occurrence + saturation curve (no bootstrap), and in the same
run a bare pandas groupby computing the same counts (notes and distinct participants per
theme, participant × theme crosstab). Writes ``bench/results/analysis.md``.

Run on one core, as the target is stated::

    taskset -c 0 .venv/bin/python bench/bench_analysis.py
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _results_file import write_results  # noqa: E402

from synthesis.analysis import (participant_theme_matrix, saturation_curve,  # noqa: E402
                                theme_cooccurrence, theme_frequency)

NOTES, PARTICIPANTS, THEMES, ROUNDS = 100_000, 1_000, 300, 10
REPEATS = 9
TARGET_SECONDS, TARGET_RATIO = 1.0, 3.0


def synthetic_study(seed: int = 42) -> dict[str, pd.DataFrame]:
    """A study shaped like a real one: one session per participant, skewed theme sizes."""
    rng = np.random.default_rng(seed)
    pids = np.array([f"p{i:04d}" for i in range(PARTICIPANTS)], dtype=object)
    rids = np.array([f"r{i + 1}" for i in range(ROUNDS)], dtype=object)
    p_round = rids[np.arange(PARTICIPANTS) % ROUNDS]
    participants = pd.DataFrame({
        "participant_id": pids, "round_id": p_round, "name": pids,
        "segment": rng.choice(["smb", "mid-market", "enterprise"], PARTICIPANTS)})
    start = np.datetime64("2024-01-01")
    days = (np.arange(PARTICIPANTS) % ROUNDS) * 30 + rng.integers(0, 28, PARTICIPANTS)
    sessions = pd.DataFrame({
        "session_id": np.array([f"s{i:04d}" for i in range(PARTICIPANTS)], dtype=object),
        "round_id": p_round, "participant_id": pids,
        "date": (start + days.astype("timedelta64[D]")).astype(str)})
    tids = np.array([f"t-{i:04d}" for i in range(THEMES)], dtype=object)
    themes = pd.DataFrame({"theme_id": tids, "name": [f"Theme {i}" for i in range(THEMES)],
                           "colour": None, "position": np.arange(THEMES)})
    who = rng.integers(0, PARTICIPANTS, NOTES)
    weight = 1.0 / np.arange(1, THEMES + 1)  # Zipf-like: a few big themes, a long tail
    theme = rng.choice(THEMES, NOTES, p=weight / weight.sum())
    sorted_ = rng.random(NOTES) < 0.9  # one note in ten still unsorted
    notes = pd.DataFrame({
        "note_id": np.array([f"n{i:06d}" for i in range(NOTES)], dtype=object),
        "round_id": p_round[who], "participant_id": pids[who],
        "session_id": sessions["session_id"].to_numpy()[who], "utterance_id": None,
        "text": "a note", "kind": np.where(rng.random(NOTES) < 0.3, "quote", "observation"),
        "theme_id": np.where(sorted_, tids[theme], None)})
    rounds = pd.DataFrame({"round_id": rids, "name": rids, "position": np.arange(ROUNDS)})
    return {"notes": notes, "participants": participants, "themes": themes,
            "sessions": sessions, "rounds": rounds}


def analysis(s: dict[str, pd.DataFrame]) -> None:
    theme_frequency(s["notes"], s["participants"], s["themes"])
    participant_theme_matrix(s["notes"], s["participants"], s["themes"])
    theme_cooccurrence(s["notes"], s["participants"], s["themes"])
    saturation_curve(s["notes"], s["sessions"], s["rounds"])


def baseline(s: dict[str, pd.DataFrame]) -> None:
    """The same counts in the fastest plain pandas: groupby size/nunique, groupby-unstack."""
    notes = s["notes"]
    notes.groupby("theme_id").agg(notes=("note_id", "size"),
                                  participants=("participant_id", "nunique"))
    notes.groupby(["participant_id", "theme_id"]).size().unstack(fill_value=0)


def crosstab_baseline(s: dict[str, pd.DataFrame]) -> None:
    """The same with ``pd.crosstab``, much slower; shown for reference, not the ratio."""
    notes = s["notes"]
    notes.groupby("theme_id").agg(notes=("note_id", "size"),
                                  participants=("participant_id", "nunique"))
    pd.crosstab(notes["participant_id"], notes["theme_id"])


def median_seconds(fn: Callable[[dict[str, pd.DataFrame]], None],
                   study: dict[str, pd.DataFrame]) -> tuple[float, list[float]]:
    fn(study)  # warm-up: imports, caches
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn(study)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


def interleaved(first: Callable[[dict[str, pd.DataFrame]], None],
                second: Callable[[dict[str, pd.DataFrame]], None],
                study: dict[str, pd.DataFrame]) -> tuple[list[float], list[float]]:
    """Time both alternately, so a busy machine slows both alike and the ratio stays fair."""
    first(study)
    second(study)
    a, b = [], []
    for _ in range(REPEATS):
        for fn, into in ((first, a), (second, b)):
            t0 = time.perf_counter()
            fn(study)
            into.append(time.perf_counter() - t0)
    return a, b


def main() -> int:
    study = synthetic_study()
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    ours_all, base_all = interleaved(analysis, baseline, study)
    ours, base = statistics.median(ours_all), statistics.median(base_all)
    cross, _ = median_seconds(crosstab_baseline, study)
    parts = {name: median_seconds(lambda s, f=f: f(s), study)[0] for name, f in {
        "theme_frequency": lambda s: theme_frequency(s["notes"], s["participants"],
                                                     s["themes"]),
        "participant_theme_matrix": lambda s: participant_theme_matrix(
            s["notes"], s["participants"], s["themes"]),
        "theme_cooccurrence": lambda s: theme_cooccurrence(s["notes"], s["participants"],
                                                           s["themes"]),
        "saturation_curve": lambda s: saturation_curve(s["notes"], s["sessions"],
                                                       s["rounds"]),
    }.items()}
    ratio = ours / base
    ok = ours <= TARGET_SECONDS and ratio <= TARGET_RATIO
    lines = [
        "# Theme analysis benchmark",
        "",
        f"Synthetic study (seed 42): {NOTES:,} notes, {PARTICIPANTS:,} participants, "
        f"{THEMES} themes, {ROUNDS} rounds, one session per participant, 10 % unsorted.",
        f"Median of {REPEATS} runs after one warm-up (ours and the baseline alternate, so a "
        f"busy machine slows both alike); CPU affinity {cores} "
        f"({'one core' if len(cores) == 1 else f'{len(cores)} cores'}); Python "
        f"{platform.python_version()}, pandas {pd.__version__}, numpy {np.__version__}.",
        "",
        "| what | median (s) | target |",
        "| --- | ---: | --- |",
        f"| frequency + participant matrix + co-occurrence + saturation curve | {ours:.3f} | "
        f"≤ {TARGET_SECONDS:.0f} s |",
        f"| bare pandas baseline: groupby size + nunique per theme, participant × theme "
        f"groupby-unstack | {base:.3f} | |",
        f"| ratio (ours ÷ baseline) | {ratio:.2f}× | ≤ {TARGET_RATIO:.0f}× |",
        f"| for reference: the same baseline with `pd.crosstab` | {cross:.3f} | |",
        "",
        "Parts (each timed alone, median):",
        "",
        "| function | median (s) |",
        "| --- | ---: |",
        *[f"| `{name}` | {sec:.3f} |" for name, sec in parts.items()],
        "",
        f"All runs (s): ours {', '.join(f'{t:.3f}' for t in ours_all)}; "
        f"baseline {', '.join(f'{t:.3f}' for t in base_all)}.",
        "",
        f"Result: {'targets met' if ok else 'TARGETS MISSED'}.",
        "",
    ]
    out = ROOT / "bench" / "results" / "analysis.md"
    write_results(out, "\n".join(lines))
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
