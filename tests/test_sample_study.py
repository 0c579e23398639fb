"""The sample study that ships with the project: what a new user sees after a clone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from synthesis import open_study
from synthesis.cli import study_inputs


def test_sample_study_has_three_rounds_with_people_sessions_and_notes(sample_study: Path):
    study = open_study(sample_study)
    status = study.status().set_index("round")
    # counted from the files: 10 VTT in r1, 6 SRT + 4 Otter in r2, 4 text transcripts in r3;
    # participants.csv assigns P01-P10, P11-P20, P21-P28 to the three rounds
    assert list(status.index) == ["r1", "r2", "r3"]
    assert list(status["participants"]) == [10, 10, 8]
    assert list(status["sessions"]) == [10, 10, 4]
    assert (status["notes"] > 100).all()
    guide = study.guide()
    assert int(guide["is_key"].sum()) == 2


def test_rounds_one_and_two_are_partly_sorted(sample_study: Path):
    notes = open_study(sample_study).notes()
    for rnd in ("r1", "r2"):
        mine = notes[notes["round_id"] == rnd]
        sorted_share = (mine["theme_ids"].map(len) > 0).mean()
        assert 0.05 < sorted_share < 0.5, (rnd, sorted_share)


def test_the_shipped_store_matches_the_raw_files(sample_study: Path, tmp_path: Path):
    """Rebuilding from the raw files gives the same notes as the committed store."""
    shipped = open_study(sample_study).notes()
    for suffix in ("", "-wal", "-shm"):
        (sample_study / f"study.db{suffix}").unlink(missing_ok=True)
    script = Path(__file__).resolve().parents[1] / "data" / "build_sample_study.py"
    code = ("import runpy, sys, pathlib; m = runpy.run_path(sys.argv[1]); "
            "m['build'](pathlib.Path(sys.argv[2]))")
    subprocess.run([sys.executable, "-c", code, str(script), str(sample_study)], check=True,
                   capture_output=True)
    rebuilt = open_study(sample_study).notes()
    assert sorted(rebuilt["note_id"]) == sorted(shipped["note_id"])
    assert (rebuilt.set_index("note_id")["themes"].sort_index()
            == shipped.set_index("note_id")["themes"].sort_index()).all()


def test_every_raw_file_is_an_input(sample_study: Path):
    study = open_study(sample_study)
    inputs = study_inputs(study.folder, study.config)
    assert len(inputs) == 2 + 24 + 2  # guide, participants, transcripts, two notes files


def test_study_counts_people_not_mentions_on_the_sample(sample_study: Path):
    """Figures from the sample's own design table (data/invoicing-onboarding/README.md):
    six of ten r1 participants fear the bank connection; P07 alone repeats pricing."""
    study = open_study(sample_study)
    freq = study.theme_frequency(round="r1").set_index("theme")
    assert (freq.loc["Bank connection anxiety", "k"], freq.loc["Bank connection anxiety", "n"]) \
        == (6, 10)
    pricing = freq.loc["Pricing plan confusion"]
    assert (pricing["k"], pricing["notes"], bool(pricing["soundbite_risk"])) == (1, 4, True)
    shares = study.shares_by_round().set_index(["theme", "round_id"])
    assert shares.loc[("Chasing late payments", "r2"), "k"] == 6
