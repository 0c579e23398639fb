"""Careless and hostile files: one sentence, exit 1, the study unchanged, the rest imported.

Also: a folder import lists every file it skips, a dry run writes nothing, and a kill at any
point of an import leaves the study with the import and its raw file or without both.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from synthesis import open_study
from synthesis.cli import main

sys.path.insert(0, str(Path(__file__).parent / "data" / "import"))
from make_odt import MODERATED, write_odt
from test_cli import fingerprint

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture
def study_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "study"
    assert main(["init", str(folder), "--name", "Bad input"]) == 0
    (folder / "study.toml").write_text('name = "Bad input"\n[[rounds]]\nid = "r1"\n',
                                       encoding="utf-8")
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, folder: Path, path: Path, *extra: str) -> str:
    """Import ``path``, expect exit 1 with one sentence and the study unchanged; the sentence."""
    before = fingerprint(folder)
    code, _, err = run(capsys, "import", str(folder), str(path), "--round", "r1",
                       "--create-participants", *extra)
    assert code == 1, err
    assert "Traceback" not in err
    assert fingerprint(folder) == before
    return err.splitlines()[0]


# -- text that lies about itself ------------------------------------------------------------


def test_an_unclosed_quote_at_the_end_names_its_line(study_folder: Path, tmp_path: Path,
                                                     capsys) -> None:
    path = tmp_path / "notes.csv"
    path.write_text('participant,note\nP1,fine\nP2,"Too many clicks\nP3,slow\nP4,ok\n',
                    encoding="utf-8")
    first = refused(capsys, study_folder, path)
    assert first.startswith("error: notes.csv, line 3: a quoted cell opens on this line and "
                            "is never closed")


def test_a_quote_that_swallows_rows_names_both_lines(study_folder: Path, tmp_path: Path,
                                                     capsys) -> None:
    path = tmp_path / "notes.csv"
    # The quote opened on line 3 is "closed" by the one in line 5's text: lines 4 and 5
    # would vanish into one cell without this check.
    path.write_text('participant,note,tags\nP1,fine,UX\nP2,"Too many clicks,Pricing\n'
                    'P3,slow,UX\nP4,"Great" she said,Trust\nP5,ok,UX\n', encoding="utf-8")
    first = refused(capsys, study_folder, path)
    assert first.startswith("error: notes.csv, line 3: a quoted cell opens on this line and "
                            "runs on over line 4, which looks like a row of its own "
                            "('P3,slow,UX')")


def test_a_real_multiline_note_is_not_mistaken_for_swallowed_rows(study_folder: Path,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text('participant,note,tags\nP1,"She listed them:\nfast, cheap, simple",UX\n'
                    'P2,ok,UX\n', encoding="utf-8")
    assert main(["import", str(study_folder), str(path), "--round", "r1",
                 "--create-participants"]) == 0


def test_mixed_encodings_are_decoded_line_by_line_and_said(study_folder: Path,
                                                           tmp_path: Path, capsys) -> None:
    path = tmp_path / "notes.csv"
    path.write_bytes("participant,note\nP1,naïve question about the café\n".encode()
                     + "P2,Renée pays in €\n".encode("cp1252"))
    code, out, _ = run(capsys, "import", str(study_folder), str(path), "--round", "r1",
                       "--create-participants")
    assert code == 0
    assert "line 3 is Windows-1252 and the rest UTF-8; each line was decoded in its own " \
           "encoding" in out
    texts = set(open_study(study_folder).notes()["text"])
    assert texts == {"naïve question about the café", "Renée pays in €"}  # no "Ã©"


# -- archives that would unpack to far too much ------------------------------------------------


def bomb(path: Path, entry: str, others: dict[str, str], megabytes: int = 150) -> Path:
    """A small zip whose ``entry`` unpacks to ``megabytes`` MB of zeros."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in others.items():
            z.writestr(name, text)
        with z.open(entry, "w", force_zip64=True) as out:
            block = bytes(1024 * 1024)
            for _ in range(megabytes):
                out.write(block)
    return path


@pytest.mark.parametrize("name,entry", [("P2 interview.docx", "word/document.xml"),
                                        ("notes.xlsx", "xl/worksheets/sheet1.xml"),
                                        ("P2 interview.odt", "content.xml")])
def test_archive_bombs_are_refused_within_seconds(study_folder: Path, tmp_path: Path, capsys,
                                                  name: str, entry: str) -> None:
    path = bomb(tmp_path / name, entry, {"[Content_Types].xml": "<Types/>"})
    assert path.stat().st_size < 1024 * 1024  # under 1 MB on disk, 150 MB unpacked
    started = time.monotonic()
    first = refused(capsys, study_folder, path)
    assert time.monotonic() - started < 30  # a generous bound: it reads no entry at all
    assert re.search(rf"^error: {re.escape(name)}: entry '{entry}' (unpacks to 150 MB|"
                     r"would grow \d+-fold)", first), first
    assert "refused" in first


def test_a_spreadsheet_row_past_excels_limit(study_folder: Path, tmp_path: Path,
                                             capsys) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["participant", "note"])
    book.active.append(["P01", "hello"])
    book.active.append(["P02", "past the end"])
    good = tmp_path / "good.xlsx"
    book.save(good)
    path = tmp_path / "past.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":  # move row 3 to row 1,048,577
                for a, b in ((b'r="3"', b'r="1048577"'), (b'r="A3"', b'r="A1048577"'),
                             (b'r="B3"', b'r="B1048577"')):
                    data = data.replace(a, b)
            out.writestr(info, data)
    first = refused(capsys, study_folder, path)
    assert first == ("error: past.xlsx: sheet 'Sheet' has a cell in row 1,048,577, past "
                     "Excel's last row (1,048,576); a workbook cannot hold it, so the file is "
                     "damaged or was not written by a spreadsheet; save it again or export it "
                     "as CSV")


def test_a_folder_given_as_a_file(study_folder: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "exports").mkdir()
    first = refused(capsys, study_folder, tmp_path / "exports")
    assert first == ("error: exports: is a folder, not a file; name the files inside it, or "
                     "give only the study folder to import everything under rounds/")


# -- a folder import: names that are not UTF-8, files it does not read ------------------------


def test_folder_import_reports_every_file_and_survives_a_bad_name(study_folder: Path,
                                                                   capsys) -> None:
    r1 = study_folder / "rounds" / "r1"
    r1.mkdir(parents=True)
    (r1 / "P7 otter.txt").write_bytes((DATA / "P7 otter.txt").read_bytes())
    bad_name = os.fsencode(r1) + b"/P8 caf\xe9.csv"  # Latin-1 bytes: not a UTF-8 name
    with open(bad_name, "wb") as fh:
        fh.write(b"participant,note\nP8,hello\n")
    write_odt(r1 / "P2_GMT20211119.odt", MODERATED)
    (r1 / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (r1 / ".DS_Store").write_bytes(b"\0")
    (r1 / "~$P9 notes.docx").write_bytes(b"lock")
    (study_folder / "rounds" / "stray.csv").write_text("participant,note\nP1,x\n")

    code, out, err = run(capsys, "import", str(study_folder), "--create-participants")
    assert code == 1
    assert err.splitlines()[0] == (
        "error: P8 caf\\xe9.csv: the file name is not valid UTF-8 (the bytes shown as \\x.. "
        "are not letters in any encoding it could be read in); rename the file")
    # The other two interview files were imported all the same.
    assert "imported: P7 otter.txt (transcript into r1)" in out
    assert "imported: P2_GMT20211119.odt (transcript into r1)" in out
    skipped = sorted(line for line in out.splitlines() if line.startswith("skipped: "))
    assert skipped == [
        "skipped: rounds/r1/.DS_Store: a hidden file",
        "skipped: rounds/r1/photo.jpg: not a format synthesis reads (it reads .csv .tsv "
        ".xlsx .vtt .srt .txt .docx .odt .md .qdpx .qdc)",
        "skipped: rounds/r1/~$P9 notes.docx: an Office lock file (the document is open in "
        "Word or Excel)",
        "skipped: rounds/stray.csv: not inside a round folder (put it under rounds/<round>/)",
    ]
    assert len(open_study(study_folder).sessions()) == 2


# -- formulas in headers ----------------------------------------------------------------------


def test_a_formula_in_a_refi_variable_name_never_reaches_an_export_header(
        study_folder: Path, tmp_path: Path) -> None:
    import openpyxl
    from test_refi_import import TEXT, G, make_qdpx, project, text_source

    evil = "=HYPERLINK(&quot;http://x.example&quot;)"
    extra = (f'<Variables><Variable guid="{G.format(5)}" name="{evil}" typeOfVariable="Text"/>'
             f'<Variable guid="{G.format(6)}" name="@plan" typeOfVariable="Text"/>'
             f'</Variables><Cases><Case guid="{G.format(4)}" name="P07">'
             f'<VariableValue><VariableRef targetGUID="{G.format(5)}"/><TextValue>-1+1'
             f'</TextValue></VariableValue><VariableValue><VariableRef targetGUID='
             f'"{G.format(6)}"/><TextValue>Pro</TextValue></VariableValue>'
             f'<SourceRef targetGUID="{G.format(2)}"/></Case></Cases>')
    qdpx = make_qdpx(tmp_path / "p.qdpx", project(text_source([(10, 29)]), extra=extra),
                     {"Sources/s.txt": TEXT.encode("utf-8")})
    assert main(["import", str(study_folder), str(qdpx), "--round", "r1"]) == 0
    csv_path, xlsx_path = tmp_path / "out.csv", tmp_path / "out.xlsx"
    assert main(["export", str(study_folder), "--format", "csv", "-o", str(csv_path)]) == 0
    assert main(["export", str(study_folder), "--format", "xlsx", "-o", str(xlsx_path)]) == 0
    header = csv_path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert '"\'=HYPERLINK(""http://x.example"")"' in header and '"\'@plan"' in header
    sheet = openpyxl.load_workbook(xlsx_path).active
    names = [c.value for c in sheet[1]]
    assert "'=HYPERLINK(\"http://x.example\")" in names and "'@plan" in names
    assert all(c.data_type == "s" for c in sheet[1])  # text, never a formula


# -- a dry run writes nothing -------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_dry_run_leaves_the_study_byte_identical(study_folder: Path, tmp_path: Path,
                                                   capsys) -> None:
    assert main(["import", str(study_folder), str(DATA / "P7 otter.txt"), "--round", "r1",
                 "--create-participants"]) == 0
    capsys.readouterr()
    before = snapshot(study_folder)
    odt = write_odt(tmp_path / "P2_GMT20211119.odt", MODERATED)
    code, out, _ = run(capsys, "import", str(study_folder), str(DATA / "taguette_highlights.csv"),
                       str(odt), str(DATA / "P8 coded turns.csv"), "--round", "r1",
                       "--create-participants", "--dry-run")
    assert code == 0
    assert snapshot(study_folder) == before
    assert "would import taguette_highlights.csv (notes into r1): 7 notes, 11 placements, " \
           "0 sessions; nothing was written" in out
    assert "  merged 4 rows: shares its note id with an earlier row (one note, several " \
           "themes) (row 3, row 6, row 9, row 10)" in out
    assert "  participants: 1 new (P08)" in out
    # The API gives frames; still nothing written.
    study = open_study(study_folder)
    again = tmp_path / "P7 second session.txt"
    again.write_bytes((DATA / "P7 otter.txt").read_bytes() + b"\n")  # not the same bytes
    preview = study.preview_import(again, round="r1")
    assert len(preview.notes) == 3 and preview.participants.status.tolist() == ["existing"]
    assert preview.speakers.set_index("speaker")["role"].to_dict() == {
        "A1": "interviewer", "P1": "participant", "R1": "interviewer", "A5": "observer",
        "Unknown Speaker": "other"}
    study.close()
    assert snapshot(study_folder) == before


def test_a_dry_run_refuses_what_the_import_would_refuse(study_folder: Path, capsys) -> None:
    code, _, err = run(capsys, "import", str(study_folder), str(DATA / "P9 notes.md"),
                       "--round", "r1", "--dry-run")
    assert code == 1
    assert err.splitlines()[0] == (
        "error: P9 notes.md: line 4 belongs to participant 'P09', who is not in the study's "
        "participants; add them to the participants file or import with "
        "--create-participants")


# -- a kill at any point --------------------------------------------------------------------------


IMPORT = ("import sys; from synthesis import open_study; "
          "open_study(sys.argv[1]).import_file(sys.argv[2], round='r1', "
          "create_participants=True)")


@pytest.mark.parametrize("point", ["staged", "written", "committed", "moved"])
def test_a_kill_at_any_point_leaves_both_or_neither(study_folder: Path, point: str) -> None:
    source = DATA / "tags_in_one_cell.csv"
    env = {**os.environ, "SYNTHESIS_CRASH_AT": point}
    done = subprocess.run([sys.executable, "-c", IMPORT, str(study_folder), str(source)],
                          env=env, capture_output=True)
    assert done.returncode == -9, done.stderr  # killed where asked
    study = open_study(study_folder)  # opening finishes or undoes what was left
    imported = len(study.notes()) == 7
    kept = (study_folder / "rounds" / "r1" / source.name).is_file()
    assert imported == kept
    assert imported == (point in ("committed", "moved"))
    assert not (study_folder / ".importing").exists()
    leftovers = [p for p in study_folder.rglob("*") if ".importing" in p.name or
                 p.parent.name == ".importing"]
    assert leftovers == []
    if not imported:  # and the import can simply be run again
        study.import_file(source, round="r1", create_participants=True)
        assert (study_folder / "rounds" / "r1" / source.name).is_file()


def test_a_dry_run_of_a_file_already_imported_says_so(study_folder: Path, capsys) -> None:
    source = DATA / "tags_in_one_cell.csv"
    assert main(["import", str(study_folder), str(source), "--round", "r1",
                 "--create-participants"]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, "import", str(study_folder), str(source), "--dry-run")
    assert code == 0
    assert "would import tags_in_one_cell.csv (notes): 0 notes, 0 placements, " \
           "0 sessions; nothing was written\n  already imported (as tags_in_one_cell.csv); " \
           "nothing to do" in out
