"""The ``synthesis`` command as a researcher meets it: init, import, status and bad input."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from synthesis import open_study
from synthesis.cli import main

TABLES = ("participants", "sessions", "utterances", "notes", "themes", "placements", "events",
          "guide_questions", "imports")


def fingerprint(folder: Path) -> tuple:
    """Everything a failed import must leave as it was: row counts and the files on disk."""
    with sqlite3.connect(folder / "study.db") as conn:
        counts = tuple(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES)
    files = tuple(sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                         if p.is_file() and not p.name.startswith("study.db")))
    return counts, files


@pytest.fixture
def study_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pricing"
    assert main(["init", str(folder), "--name", "Pricing study"]) == 0
    (folder / "study.toml").write_text(
        'name = "Pricing study"\ninterviewers = ["Dana Whitfield"]\n'
        '[[rounds]]\nid = "r1"\nname = "Round 1"\n[[rounds]]\nid = "r2"\n', encoding="utf-8")
    (tmp_path / "participants.csv").write_text(
        "participant_id,name,segment\nP01,Ana Lima,Freelancer\nP02,Bo Chen,Agency\n",
        encoding="utf-8")
    assert main(["import", str(folder), str(tmp_path / "participants.csv")]) == 0
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_refuses_an_existing_study(study_folder: Path, capsys):
    code, _, err = run(capsys, "init", str(study_folder))
    assert code == 1
    assert err.strip() == f"error: {study_folder / 'study.toml'} already exists; this folder " \
                          "is already a study."


def test_import_copies_the_raw_file_and_is_idempotent(study_folder: Path, tmp_path: Path,
                                                      capsys):
    notes = tmp_path / "round1-notes.csv"
    notes.write_text("participant,note,theme\nP01,Scared of the bank step,Bank anxiety\n"
                     "P02,Wants her logo on invoices,\n", encoding="utf-8")

    code, out, _ = run(capsys, "import", str(study_folder), str(notes), "--round", "r1")
    assert code == 0
    assert "imported: round1-notes.csv (notes into r1): 2 notes, 1 themes, 1 placements" in out
    kept = study_folder / "rounds" / "r1" / "round1-notes.csv"
    assert kept.read_bytes() == notes.read_bytes()

    before = fingerprint(study_folder)
    code, out, _ = run(capsys, "import", str(study_folder), str(notes), "--round", "r1")
    assert code == 0 and "already imported" in out
    assert fingerprint(study_folder) == before


def test_status_counts_each_round(study_folder: Path, tmp_path: Path, capsys):
    notes = tmp_path / "n.csv"
    notes.write_text("participant,note,round,theme\nP01,a,r1,T\nP02,b,r1,\nP01,c,r2,\n",
                     encoding="utf-8")
    assert main(["import", str(study_folder), str(notes)]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, "status", str(study_folder))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Pricing study"
    r1 = next(line for line in lines if line.strip().startswith("r1")).split()
    r2 = next(line for line in lines if line.strip().startswith("r2")).split()
    # round heard recruited sessions utterances notes themes sorted
    assert r1 == ["r1", "2", "2", "0", "0", "2", "1", "50", "%"]
    assert r2 == ["r2", "1", "1", "0", "0", "1", "0", "0", "%"]  # P01 was heard again in r2
    assert "Provisional (under 80 % of notes sorted; reports say so and call no theme grown " \
           "or faded): r1 (50 %), r2 (0 %)." in out


BAD_INPUTS = [
    ("slides.pdf", b"%PDF-1.4", None, r"slides\.pdf: unknown format"),
    ("empty.csv", b"", None, r"empty\.csv.*empty"),
    ("cols.csv", b"who,what\nP01,hi\n", None,
     r"cols\.csv: no participant column.*found columns: 'who', 'what'"),
    ("bytes.csv", b"participant,note\nP01,caf\x81\x8d\n", None,
     r"bytes\.csv, line 2: could not decode byte 0x81; tried UTF-8.*Windows-1252"),
    ("broken.vtt", b"WEBVTT\n\n00:00:01.000 --> 00:0x:02.000\nHello there\n", "r1",
     r"broken\.vtt, line 3"),
    ("nocues.vtt", b"WEBVTT\n\n", "r1", r"nocues\.vtt.*no cues"),
    ("dupes.csv", b"participant_id,segment\nP05,A\nP05,B\n", None, r"dupes\.csv.*P05.*2.*3"),
    ("stranger.csv", b"participant,note\nP99,hello\n", "r1",
     r"stranger\.csv.*P99.*--create-participants"),
]


@pytest.mark.parametrize("name,data,round_id,message", BAD_INPUTS,
                         ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gets_one_sentence_and_leaves_the_study_unchanged(
        study_folder: Path, tmp_path: Path, capsys, name, data, round_id, message):
    bad = tmp_path / name
    bad.write_bytes(data)
    before = fingerprint(study_folder)
    argv = ["import", str(study_folder), str(bad)] + (["--round", round_id] if round_id else [])

    code, _out, err = run(capsys, *argv)

    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith("error: ") and "Traceback" not in err
    assert re.search(message, first), first  # names the file (and line) and what was expected
    assert fingerprint(study_folder) == before


def test_create_participants_flag_adds_the_stranger(study_folder: Path, tmp_path: Path):
    notes = tmp_path / "stranger.csv"
    notes.write_text("participant,note\nP99,hello from a new person\n", encoding="utf-8")
    assert main(["import", str(study_folder), str(notes), "--round", "r1",
                 "--create-participants"]) == 0
    assert "P99" in set(open_study(study_folder).participants()["participant_id"])


def test_a_guide_outside_the_study_folder_is_refused(study_folder: Path, capsys):
    toml = study_folder / "study.toml"
    toml.write_text('guide = "../../etc/passwd"\n' + toml.read_text(), encoding="utf-8")
    code, _, err = run(capsys, "status", str(study_folder))
    assert code == 1
    assert "points outside the study folder" in err


# What tests/data/transcripts/*/README.md say each file must give.
FIXTURE_SPEAKERS = {
    "podcastindex/example_full_2024.vtt": {"Travis", "Sarah", "Gilon"},
    "podcastindex/example_full_2024.srt": {"Travis", "Sarah", "Gilon"},
    "podcastindex/example_short_head.vtt": {"Gillian", "Sarah"},
    "talkpython/538-python-in-digital-humanities.vtt": {"Michael Kennedy", "David Flood"},
    "talkpython/538-python-in-digital-humanities.txt": {"Michael Kennedy", "David Flood"},
    "talkpython/527-mcp-servers-for-python-devs.vtt": {"Speaker 1", "Speaker 2", "Speaker 3"},
    "talkpython/102-effective-code-reviews.vtt": set(),
}


def test_every_shared_transcript_imports_with_its_speakers(study_folder: Path, fixtures: Path,
                                                            capsys):
    for rel in FIXTURE_SPEAKERS:
        code, out, err = run(capsys, "import", str(study_folder),
                             str(fixtures / "transcripts" / rel), "--round", "r2")
        assert code == 0, err
    study = open_study(study_folder)
    sessions = study.sessions().set_index("source")
    for rel, speakers in FIXTURE_SPEAKERS.items():
        session = sessions.loc[Path(rel).name]
        utterances = study.utterances(session=session["session_id"])
        assert set(utterances["speaker"].dropna()) == speakers, rel
        assert bool(session["speakers_known"]) == bool(speakers), rel
    code, out, _ = run(capsys, "status", str(study_folder))
    assert "Speakers unknown in 1 session(s)" in out


def test_export_csv_writes_one_row_per_note_with_its_theme(study_folder: Path, tmp_path: Path,
                                                         capsys):
    notes = tmp_path / "n.csv"
    notes.write_text("participant,note,theme\nP01,Scared of the bank step,Bank anxiety\n"
                     "P02,Wants her logo,\n", encoding="utf-8")
    assert main(["import", str(study_folder), str(notes), "--round", "r1"]) == 0
    out = tmp_path / "export.csv"
    code, printed, _ = run(capsys, "export", str(study_folder), "--format", "csv", "-o",
                           str(out))
    assert code == 0 and f"Wrote {out}" in printed
    import pandas as pd

    table = pd.read_csv(out, encoding="utf-8-sig").set_index("text")
    assert len(table) == 2
    assert table.loc["Scared of the bank step", "theme"] == "Bank anxiety"
    assert table.loc["Wants her logo", "segment"] == "Agency"
    assert pd.isna(table.loc["Wants her logo", "theme"])
