"""Benchmark: importing a 100,000-row notes CSV, against pandas.read_csv plus one executemany.

The file (seeded) has 100,000 rows ``participant,note,tags``: 40 participants, notes of
about a dozen words, one or two of 12 tags per row ("Pricing; Trust"). The import is the
whole of ``study.import_file`` into a fresh study: hashing the file, telling its kind,
reading and parsing it, planning (participants, themes, notes already there), keeping the raw
file, and writing notes, placements, themes and participants in one transaction. The
baseline, timed in the same run, is what the issue names: ``pandas.read_csv`` of the same
file plus one ``executemany`` of its rows into a fresh SQLite file with the store's journal
settings (WAL, synchronous=NORMAL). Writes ``bench/results/import.md``.

    .venv/bin/python bench/bench_import.py
"""

from __future__ import annotations

import csv
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synthesis import init_study, open_study  # noqa: E402

ROWS, PARTICIPANTS = 100_000, 40
REPEATS = 7
TARGET_RATIO = 3.0
WORDS = ("invoice bank sync slow client pricing trust export reminder template tax late pay "
         "again never monthly button setup logo email password account").split()
TAGS = ["Bank anxiety", "Pricing", "Trust", "Export", "Reminders", "Templates", "Tax",
        "Onboarding", "Time saving", "Manual work", "Errors", "Mobile"]


def write_notes(path: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["participant", "note", "tags"])
        for i in range(ROWS):
            tags = rng.sample(TAGS, rng.choice((1, 1, 2)))
            out.writerow([f"P{rng.randint(1, PARTICIPANTS):02d}",
                          " ".join(rng.choices(WORDS, k=12)) + f" ({i})", "; ".join(tags)])
    return path


def baseline(path: Path, work: Path) -> float:
    db = work / "baseline.db"
    started = time.perf_counter()
    frame = pd.read_csv(path)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE notes (participant TEXT, note TEXT, tags TEXT)")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO notes VALUES (?, ?, ?)", frame.itertuples(index=False,
                                                                            name=None))
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def fresh_study(folder: Path):
    """A new, empty study with one round, and the options of the benchmark's import."""
    from synthesis.ingest.options import import_options

    shutil.rmtree(folder, ignore_errors=True)
    init_study(folder, name="Bench").close()
    (folder / "study.toml").write_text('name = "Bench"\n[[rounds]]\nid = "r1"\n',
                                       encoding="utf-8")
    study = open_study(folder)
    return study, import_options(study.config, study.identity, round="r1",
                                 create_participants=True)


def ours(path: Path, work: Path) -> tuple[float, dict]:
    study, _ = fresh_study(work / "study")
    started = time.perf_counter()
    summary = study.import_file(path, round="r1", create_participants=True)
    elapsed = time.perf_counter() - started
    study.close()
    return elapsed, summary


def store_floor(path: Path, work: Path) -> float:
    """The store's own inserts alone: the same notes and placements rows, already built,
    written as the import writes them into a fresh study (no reading, no parsing)."""
    from synthesis.ingest import apply
    from synthesis.ingest.plan import plan_bundle
    from synthesis.store import now

    study, options = fresh_study(work / "floor")
    plan = plan_bundle(study, apply._parse(study, path, "notes", "r1", options),
                       round_id="r1", create_participants=True)
    store = study.store
    with store.transaction():  # themes and people first, outside the timing
        for t in plan.themes:
            store.put("themes", t.theme_id, {"theme_id": t.theme_id, "name": t.name,
                                             "description": "", "position": 0,
                                             "status": "live"})
    stamp = now()
    notes = [(n.note_id, n.round_id, n.participant_id, n.text, n.kind, n.source, n.source_ref,
              stamp) for n in plan.notes]
    started = time.perf_counter()
    with store.transaction():
        store.insert_notes(["note_id", "round_id", "participant_id", "text", "kind", "source",
                            "source_ref", "created_at"], notes, {})
        store.write_placements(plan.placements)
    elapsed = time.perf_counter() - started
    study.close()
    return elapsed


def phases(path: Path, work: Path) -> dict[str, float]:
    """One import taken apart: where the time goes."""
    from synthesis.ingest import apply

    study, options = fresh_study(work / "phases")
    times: dict[str, float] = {}
    with apply._bulk():  # as import_file runs them
        _timed_parts(study, path, options, times)
    study.close()
    return times


def _timed_parts(study: Any, path: Path, options: Any, times: dict[str, float]) -> None:
    from synthesis.ingest import apply
    from synthesis.ingest.plan import plan_bundle

    t = time.perf_counter()
    kind, round_id = apply._kind_and_round(study, path, options)
    times["tell the kind"] = time.perf_counter() - t
    t = time.perf_counter()
    bundle = apply._parse(study, path, kind, round_id, options)
    times["read and parse"] = time.perf_counter() - t
    t = time.perf_counter()
    plan = plan_bundle(study, bundle, round_id=round_id, create_participants=True)
    times["plan"] = time.perf_counter() - t
    t = time.perf_counter()
    with study.store.transaction():
        apply._write(study, plan)
    times["write and commit"] = time.perf_counter() - t


def main() -> int:
    # Both sides work in memory (tmpfs) when the machine has one: other jobs' disk traffic
    # then slows neither, and what is compared is the work each does.
    shm = Path("/dev/shm")
    work = Path(tempfile.mkdtemp(prefix="bench-import-", dir=shm if shm.is_dir() else None))
    try:
        path = write_notes(work / "notes.csv")
        base_runs, our_runs = [], []
        baseline(path, work)  # warm the page cache and imports
        summary: dict = {}
        for _ in range(REPEATS):
            for name in ("baseline.db", "baseline.db-wal", "baseline.db-shm"):
                (work / name).unlink(missing_ok=True)
            base_runs.append(baseline(path, work))
            elapsed, summary = ours(path, work)
            our_runs.append(elapsed)
        parts = phases(path, work)
        floors = [store_floor(path, work) for _ in range(3)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base, mine = statistics.median(base_runs), statistics.median(our_runs)
    ratio = mine / base
    counts = summary["counts"]
    met = ratio <= TARGET_RATIO
    lines = [
        "# Import benchmark",
        "",
        f"A {ROWS:,}-row notes CSV (seeded: {PARTICIPANTS} participants, 12 tags, one or two "
        "per row) imported into a fresh study with `study.import_file`, against "
        "`pandas.read_csv` of the same file plus one `executemany` of its rows into a fresh "
        "SQLite file (WAL, synchronous=NORMAL), timed in the same run.",
        f"Median of {REPEATS} runs after a warm-up, ours and the baseline alternating "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores when it ended), "
        f"files in {'memory (tmpfs)' if str(work).startswith('/dev/shm') else 'a disk folder'}; "
        f"Python {platform.python_version()}, pandas {pd.__version__}, SQLite "
        f"{sqlite3.sqlite_version}.",
        "",
        "| what | median (s) | target |",
        "| --- | ---: | --- |",
        f"| `study.import_file` ({counts['notes']:,} notes, {counts['placements']:,} "
        f"placements, {counts['themes']} themes, {counts['participants']} participants) | "
        f"{mine:.3f} | |",
        f"| `pd.read_csv` + one `executemany` | {base:.3f} | |",
        f"| ratio (ours ÷ baseline) | {ratio:.2f}× | ≤ {TARGET_RATIO:.0f}× |",
        f"| ratio of the fastest runs (less sensitive to a busy machine) | "
        f"{min(our_runs) / min(base_runs):.2f}× | |",
        f"| for reference: the store's own inserts alone (the same notes and placements rows, "
        f"prebuilt, median of 3) | {statistics.median(floors):.3f} | |",
        f"| that floor ÷ baseline | {statistics.median(floors) / base:.2f}× | |",
        "",
        "Where one import's time goes (each part timed once):",
        "",
        "| part | s |",
        "| --- | ---: |",
        *(f"| {name} | {seconds:.3f} |" for name, seconds in parts.items()),
        "",
        "All runs (s): ours " + ", ".join(f"{t:.3f}" for t in our_runs) + "; baseline "
        + ", ".join(f"{t:.3f}" for t in base_runs) + ".",
        "",
        f"Result: {'target met' if met else 'target NOT met'}.",
        "",
        "Why not: the floor row above is the store's own writes with nothing else, and it alone "
        "is over 2× the baseline: a note is a row of the `notes` table with a unique text id "
        "(an index inserted into in random order) plus one `placements` row per theme with "
        "its (note, theme) key and two foreign keys checked, where the baseline appends "
        "100,000 three-column rows to an unindexed table. That leaves well under 1× the "
        "baseline for reading, parsing, planning and accounting, which per-row Python cannot "
        "do for 100,000 rows. Meeting 3× would take both a column-wise (pandas) notes reader "
        "and writing placements with foreign-key checks off (the plan has checked every "
        "reference); neither was done, since the first is a second reader of the same rules "
        "and the second trades a safety net for speed. The same import took about 19× the "
        "baseline before this work (one Row dataclass, one frozen Note and one SELECT plus "
        "one tracked INSERT per note).",
        "",
    ]
    out = ROOT / "bench" / "results" / "import.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
