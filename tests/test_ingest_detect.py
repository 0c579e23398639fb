"""Telling a file's kind from its extension and content."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from synthesis.errors import InputError
from synthesis.ingest.detect import detect_kind

DATA = Path(__file__).parent / "data" / "tables"


@pytest.mark.parametrize("name, kind", [
    ("notes_basic.csv", "notes"),
    ("notes_semicolon.csv", "notes"),
    ("notes.tsv", "notes"),
    ("participants.csv", "participants"),
    ("participants_duplicate.csv", "participants"),
    ("guide.md", "guide"),
    ("guide_no_key.md", "guide"),
    ("guide_plain.txt", "guide"),  # "KEY:" lines are a marker, not a speaker
    ("transcript_speakers.txt", "transcript"),
    ("transcript_timestamps.txt", "transcript"),
])
def test_project_fixtures(name: str, kind: str) -> None:
    assert detect_kind(DATA / name) == kind


@pytest.mark.parametrize("relative, kind", [
    ("transcripts/podcastindex/example_short_head.vtt", "transcript"),
    ("transcripts/podcastindex/example_full_2024.srt", "transcript"),
    ("transcripts/talkpython/538-python-in-digital-humanities.txt", "transcript"),
    ("refi-qda/projects/nvivo12-export.qdpx", "qdpx"),
])
def test_real_files(fixtures: Path, relative: str, kind: str) -> None:
    assert detect_kind(fixtures / relative) == kind


@pytest.mark.parametrize("name, kind", [("a.docx", "transcript"), ("A.VTT", "transcript"),
                                        ("codes.qdc", "qdc"), ("p.QDPX", "qdpx")])
def test_extension_alone_decides(tmp_path: Path, name: str, kind: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")  # unreadable: the extension's usual importer will say why
    assert detect_kind(path) == kind


def test_xlsx_by_columns(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Participant ID", "Segment"])
    book.active.append(["P01", "SMB"])
    path = tmp_path / "people.xlsx"
    book.save(path)
    assert detect_kind(path) == "participants"
    book.active["C1"] = "Quote"
    book.save(path)
    assert detect_kind(path) == "notes"


def test_spreadsheet_with_neither_column_goes_to_the_notes_importer(tmp_path: Path) -> None:
    # The notes importer then names the missing columns; detection itself does not guess.
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert detect_kind(path) == "notes"


def test_voice_tags_in_txt(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("<v Ana>Hello there.\n<v Ben>Hi.\n", encoding="utf-8")
    assert detect_kind(path) == "transcript"


def test_labelled_guide_lines_are_not_speakers(tmp_path: Path) -> None:
    # Three different labels, each once: a labelled list of questions, not a conversation.
    path = tmp_path / "g.txt"
    path.write_text("Role: what do you do?\nTools: what do you use?\nPain: what annoys you?\n",
                    encoding="utf-8")
    assert detect_kind(path) == "guide"


def test_txt_that_is_neither_names_what_was_considered() -> None:
    with pytest.raises(InputError) as err:
        detect_kind(DATA / "unknown.txt")
    message = str(err.value)
    assert message.startswith("unknown.txt: unknown format")
    assert "transcript" in message and "guide" in message


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "slides.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(InputError) as err:
        detect_kind(path)
    assert str(err.value) == ("slides.pdf: unknown format: expected one of .csv .tsv .xlsx "
                              ".vtt .srt .txt .docx .odt .md .qdpx .qdc")
