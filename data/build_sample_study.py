"""Rebuild the sample study's store (study.db) from its raw files and the sorting so far.

The sample study ships its store so that the board, notebooks and reports have a study to
open straight after a clone. This script is how that store was made, and remakes it after a
schema change: import every raw file, then replay the sample researcher's sorting
(``sorting.csv``: which quote of which participant went into which theme) through the same
Study API the board uses, so the event log reads like a real researcher's. A second
researcher's blind sort of round 1 (``codings-lee-okafor.csv``) is imported as her own sort,
so agreement has two sorts to compare.

    .venv/bin/python data/build_sample_study.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from synthesis import open_study
from synthesis.cli import main as synthesis_cli

FOLDER = Path(__file__).resolve().parent / "invoicing-onboarding"
RESEARCHER = "dana.whitfield"
SECOND_RESEARCHER = "lee.okafor"


def build(folder: Path = FOLDER) -> None:
    for suffix in ("", "-wal", "-shm"):
        (folder / f"study.db{suffix}").unlink(missing_ok=True)
    if synthesis_cli(["import", str(folder)]) != 0:
        sys.exit("the sample study's raw files did not all import; see the errors above")

    study = open_study(folder, author=RESEARCHER)
    by_name = {n.lower(): t for n, t in zip(study.themes()["name"], study.themes()["theme_id"])}
    with open(folder / "themes.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            tid = by_name.get(row["name"].lower())
            if tid is None:
                by_name[row["name"].lower()] = study.create_theme(
                    row["name"], description=row["description"], colour=row["colour"])
            else:
                study.describe_theme(tid, row["description"])
                study.recolour_theme(tid, row["colour"])

    notes = study.notes()
    missing = []
    with open(folder / "sorting.csv", newline="", encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            mine = notes[(notes["round_id"] == row["round"])
                         & (notes["participant_id"] == row["participant_id"])]
            hits = mine[mine["text"].str.lower().str.contains(row["contains"].lower(),
                                                              regex=False)]
            if hits.empty:
                missing.append(f"sorting.csv line {line}: no note of {row['participant_id']} "
                               f"in {row['round']} contains {row['contains']!r}")
                continue
            study.place(list(hits["note_id"]), by_name[row["theme"].lower()])
    if missing:
        sys.exit("\n".join(missing))
    print(study.status().to_string(index=False))
    study.close()

    # A second researcher sorted round 1 blind; her codings come in as her own sort.
    lee = open_study(folder, author=SECOND_RESEARCHER)
    result = lee.import_file(folder / "codings-lee-okafor.csv", kind="placements")
    print("\n".join(result["summary"]))
    lee.close()


if __name__ == "__main__":
    build()
