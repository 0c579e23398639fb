"""Spreadsheet importers: reading CSV/TSV/XLSX, notes and participants into ImportBundles."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthesis.errors import InputError
from synthesis.ingest.notes import parse_notes
from synthesis.ingest.participants import parse_participants
from synthesis.ingest.tables import read_table

DATA = Path(__file__).parent / "data" / "tables"


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


# -- reading tables ---------------------------------------------------------------------


def test_utf8_bom_is_not_part_of_the_first_column_name(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.csv",
                 b"\xef\xbb\xbfparticipant,note\r\nP01,caf\xc3\xa9 au lait\r\n")
    table = read_table(path)
    assert table.columns == ("participant", "note")
    assert table.rows[0].cells == ("P01", "café au lait")
    bundle = parse_notes(path, round_id="r1")
    assert bundle.notes[0].participant_id == "P01"
    assert bundle.notes[0].text == "café au lait"


def test_cp1252_curly_quotes_and_accents(tmp_path: Path) -> None:
    # 0x93/0x94 are Windows-1252's curly double quotes, 0xE9 is é: what Excel on Windows saves.
    data = b"participant,note\r\nP01,\x93Too many clicks\x94 said Ren\xe9e\r\n"
    bundle = parse_notes(write(tmp_path, "win.csv", data), round_id="r1")
    assert bundle.notes[0].text == "\u201cToo many clicks\u201d said Ren\u00e9e"


def test_utf16_with_bom(tmp_path: Path) -> None:
    data = "participant\tnote\nP07\tnaïve\n".encode("utf-16")
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    bundle = parse_notes(write(tmp_path, "u16.tsv", data), round_id="r1")
    assert [(n.participant_id, n.text) for n in bundle.notes] == [("P07", "naïve")]


def test_semicolon_separator_keeps_commas_inside_cells() -> None:
    bundle = parse_notes(DATA / "notes_semicolon.csv")
    assert [(n.participant_id, n.text, n.round_id) for n in bundle.notes] == [
        ("P01", "Pays late, sometimes twice", "r2"),
        ("P02", "Prefers PDF, not links", "r2"),
    ]
    assert any("semicolon" in m for m in bundle.messages)


def test_excel_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path, "sep.csv", "sep=;\nparticipant;note\nP01;a, b\n")
    table = read_table(path)
    assert table.columns == ("participant", "note")
    assert (table.rows[0].line, table.rows[0].row, table.rows[0].cells) == (3, 2, ("P01", "a, b"))


def test_tsv() -> None:
    bundle = parse_notes(DATA / "notes.tsv")
    assert [(n.participant_id, n.text, n.kind, n.source_ref) for n in bundle.notes] == [
        ("P01", "I never know if the client opened it", "observation", "row 2"),
        ("P04", "Reminders, reminders, reminders", "observation", "row 3"),
    ]


def test_quoted_multiline_cell_keeps_its_text_and_its_starting_line() -> None:
    table = read_table(DATA / "notes_multiline.csv")
    # The P01 row starts on line 2 and spans lines 2-3; the P02 row is on line 4 of the file
    # but is the third row a spreadsheet shows.
    assert [(r.line, r.row) for r in table.rows] == [(2, 2), (4, 3)]
    bundle = parse_notes(DATA / "notes_multiline.csv", round_id="r1")
    assert bundle.notes[0].text == "First line\nsecond line"
    assert [n.source_ref for n in bundle.notes] == ["row 2", "row 3"]


def test_crlf_inside_a_quoted_cell_becomes_one_newline(tmp_path: Path) -> None:
    data = b'participant,note\r\nP01,"one\r\ntwo\r\nthree"\r\n,"orphan\r\nnote"\r\n'
    with pytest.raises(InputError) as err:
        parse_notes(write(tmp_path, "crlf.csv", data), round_id="r1")
    # The orphan note starts on line 5 (the P01 row takes lines 2-4) and is spreadsheet row 3.
    assert err.value.line == 5
    assert str(err.value).startswith("crlf.csv, line 5: this row (row 3 in a spreadsheet) has "
                                     "a note but no participant id")
    table = read_table(write(tmp_path, "crlf2.csv", data.replace(b",\"orphan", b"P02,\"x")))
    assert table.rows[0].cells[1] == "one\ntwo\nthree"


def test_xlsx_prefers_the_notes_sheet_and_uses_excel_row_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Summary"
    book.active.append(["nothing", "to", "see"])
    sheet = book.create_sheet("Interview notes")
    sheet.append(["Round 1 notes (title row)"])  # row 1
    sheet.append([])  # row 2
    sheet.append(["P#", "Observation", "Round"])  # row 3: the header
    sheet.append(["p1", "Wants recurring invoices", 1])  # row 4
    sheet.append([None, None, None])  # row 5: blank
    sheet.append(["P02", "Exports to the accountant monthly", 1.0])  # row 6
    path = tmp_path / "notes.xlsx"
    book.save(path)

    bundle = parse_notes(path)
    assert [(n.participant_id, n.text, n.round_id, n.source_ref) for n in bundle.notes] == [
        ("P01", "Wants recurring invoices", "r1", "row 4"),
        ("P02", "Exports to the accountant monthly", "r1", "row 6"),
    ]
    assert any("'Interview notes'" in m for m in bundle.messages)


def test_xlsx_participants_sheet_and_number_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["participant", "note"])
    sheet = book.create_sheet("Participants")
    sheet.append(["ID", "Segment", "Seats", "Interviewed"])
    sheet.append(["P01", "SMB", 3, dt.datetime(2024, 5, 3)])  # noqa: DTZ001 - Excel has no zone
    sheet.append(["P02", "Mid-market", 40.0, dt.date(2024, 5, 17)])
    path = tmp_path / "study.xlsx"
    book.save(path)
    # "ID" is not one of the accepted names: the error must list what was found.
    with pytest.raises(InputError, match=r"found columns: 'ID', 'Segment', 'Seats', 'Interviewed'"):
        parse_participants(path)
    sheet["A1"] = "Participant"
    book.save(path)
    bundle = parse_participants(path)
    assert [(p.participant_id, p.attributes) for p in bundle.participants] == [
        ("P01", {"segment": "SMB", "seats": "3", "interviewed": "2024-05-03"}),
        ("P02", {"segment": "Mid-market", "seats": "40", "interviewed": "2024-05-17"}),
    ]


def test_xlsx_that_is_not_a_workbook(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^fake\.xlsx: could not open it as an Excel workbook"):
        parse_notes(write(tmp_path, "fake.xlsx", b"participant,note\nP1,x\n"), round_id="r1")


@pytest.mark.parametrize("content", [b"", b"  \r\n\n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(InputError, match=r"^empty\.csv: empty file"):
        parse_notes(write(tmp_path, "empty.csv", content), round_id="r1")


def test_header_without_data_rows(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^head\.csv: has a header row .* but no data rows"):
        parse_notes(write(tmp_path, "head.csv", "participant,note\n\n"), round_id="r1")


def test_undecodable_bytes_name_the_line_and_the_encodings_tried(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252 and invalid in UTF-8: no encoding fits.
    data = b"participant,note\nP01,fine\nP02,bad \x81 byte\n"
    with pytest.raises(InputError) as err:
        parse_notes(write(tmp_path, "bad.csv", data), round_id="r1")
    assert err.value.line == 3
    assert "0x81" in str(err.value) and "Windows-1252" in str(err.value)


# -- notes ------------------------------------------------------------------------------


@pytest.mark.parametrize("participant", ["participant", "Participant_ID", "participant id",
                                         "P#", "PID", "Respondent", "interviewee"])
@pytest.mark.parametrize("note", ["note", "Text", "QUOTE", "observation", "Content"])
def test_column_name_variants(tmp_path: Path, participant: str, note: str) -> None:
    path = write(tmp_path, "v.csv", f"{participant},{note}\np5,Hello there\n")
    bundle = parse_notes(path, round_id="r1")
    assert [(n.participant_id, n.text, n.round_id) for n in bundle.notes] == [
        ("P05", "Hello there", "r1")]


@pytest.mark.parametrize("tags", ["tags", "Tag", "theme", "Themes", "code"])
@pytest.mark.parametrize("kind", ["kind", "Type"])
def test_optional_column_variants(tmp_path: Path, tags: str, kind: str) -> None:
    path = write(tmp_path, "v.csv", f"pid,note,{kind},{tags},Round\nP1,Hi,Quotes,A | b,Round 3\n")
    note = parse_notes(path).notes[0]
    assert (note.kind, note.round_id) == ("quote", "r3")
    assert note.theme_ids == ("t-" + sha1("a")[:10], "t-" + sha1("b")[:10])


def test_notes_basic_rows_kinds_rounds_and_skipped_rows() -> None:
    bundle = parse_notes(DATA / "notes_basic.csv", round_id="r2")
    assert bundle.kind == "notes" and bundle.source == "notes_basic.csv"
    got = [(n.participant_id, n.round_id, n.kind, n.source_ref, n.text) for n in bundle.notes]
    assert got == [
        ("P03", "r1", "observation", "row 2", "Sends invoices from a spreadsheet"),
        ("P12", "r1", "quote", "row 3", "\"I just copy last month's invoice, then edit it\""),
        # Row 4 has no note text; row 5 has no round so it takes the round argument.
        ("P03", "r2", "observation", "row 5", "Asked whether VAT is added automatically"),
    ]
    # Row 4 is not dropped in silence: it is accounted for, with its reason.
    assert [(u.unit, u.where, u.reason) for u in bundle.unimported] == [
        ("row", "row 4", "no note text")]
    assert bundle.inputs == {"row": 4, "tag": 4}
    first = bundle.notes[0]
    assert first.note_id == "n-" + sha1(
        "notes_basic.csv|row 2|Sends invoices from a spreadsheet")[:12]
    assert first.source == "notes_basic.csv"


def test_note_ids_are_stable_across_imports() -> None:
    one = parse_notes(DATA / "notes_basic.csv", round_id="r2")
    two = parse_notes(DATA / "notes_basic.csv", round_id="r2")
    ids = [n.note_id for n in one.notes]
    assert ids == [n.note_id for n in two.notes]
    assert len(set(ids)) == 3


def test_tags_become_themes_with_stable_ids() -> None:
    bundle = parse_notes(DATA / "notes_basic.csv", round_id="r2")
    manual, sheets, copying = ("t-" + sha1(name)[:10]
                               for name in ("manual work", "spreadsheets", "copying"))
    # "Spreadsheets" and "spreadsheets" are one theme, named as first written.
    assert [(t.theme_id, t.name) for t in bundle.themes] == [
        (manual, "Manual work"), (sheets, "Spreadsheets"), (copying, "Copying")]
    assert [n.theme_ids for n in bundle.notes] == [(manual, sheets), (sheets, copying), ()]


def test_tags_reuse_the_studys_theme_ids_in_any_case() -> None:
    bundle = parse_notes(DATA / "notes_basic.csv", round_id="r2",
                         theme_ids={"SPREADSHEETS": "t-existing0"})
    assert [t.name for t in bundle.themes] == ["Manual work", "Copying"]
    assert bundle.notes[0].theme_ids[1] == "t-existing0"
    assert bundle.notes[1].theme_ids[0] == "t-existing0"


def test_commas_split_only_the_tags_column(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", 'participant,note,tags\nP1,"Slow, clunky; odd",'
                                    '"pricing, trust"\n')
    bundle = parse_notes(path, round_id="r1")
    assert bundle.notes[0].text == "Slow, clunky; odd"
    assert [t.name for t in bundle.themes] == ["pricing", "trust"]


def test_note_without_participant_names_the_row(tmp_path: Path) -> None:
    path = write(tmp_path, "n.csv", "participant,note\nP01,ok\n,who said this?\n")
    with pytest.raises(InputError) as err:
        parse_notes(path, round_id="r1")
    assert err.value.line == 3
    assert str(err.value) == ("n.csv, line 3: this row has a note but no participant id; "
                              "expected one in column 'participant'")


def test_no_round_anywhere(tmp_path: Path) -> None:
    path = write(tmp_path, "n.csv", "participant,note\nP01,ok\n")
    with pytest.raises(InputError, match=r"^n\.csv: has no 'round' column .*--round"):
        parse_notes(path)
    path = write(tmp_path, "m.csv", "participant,note,round\nP01,ok,1\nP02,ok,\n")
    with pytest.raises(InputError, match=r"^m\.csv, line 3: this row has no round"):
        parse_notes(path)


def _study_with(tmp_path: Path, *participants: str):
    from synthesis import init_study
    from synthesis.model import ImportBundle, Participant

    study = init_study(tmp_path / "study", name="T")
    (study.folder / "study.toml").write_text('name = "T"\n[[rounds]]\nid = "r1"\n'
                                            '[[rounds]]\nid = "r2"\n')
    study.close()
    from synthesis import open_study

    study = open_study(tmp_path / "study")
    study.apply_bundle(ImportBundle("people.csv", "participants",
                                    participants=[Participant(p) for p in participants]))
    return study


def test_unknown_participant_is_refused_without_the_flag(tmp_path: Path) -> None:
    study = _study_with(tmp_path, "p3")
    with pytest.raises(InputError) as err:
        study.import_file(DATA / "notes_basic.csv", round="r2")
    # "p3" in the study and "p3"/"P3"/"p03" in the file are one person; P12 (row 3) is unknown.
    message = str(err.value)
    assert message.startswith("notes_basic.csv: row 3 belongs to participant 'P12'")
    assert "participants file" in message and "--create-participants" in message
    assert study.notes().empty


def test_unknown_participant_is_created_with_the_flag(tmp_path: Path) -> None:
    study = _study_with(tmp_path, "P03")
    summary = study.import_file(DATA / "notes_basic.csv", round="r2", create_participants=True)
    people = study.participants().set_index("participant_id")
    assert sorted(people.index) == ["P03", "P12"]
    assert people.loc["P12", "created_from"] == "notes_basic.csv"
    assert people.loc["P12", "round_id"] == "r1"  # the round of P12's first note
    assert any("created 1 participant(s) not in the participants file: P12" in m
               for m in summary["messages"])
    assert len(study.notes()) == 3


def test_a_study_id_spelled_another_way_is_the_same_participant(tmp_path: Path) -> None:
    # The study holds "p3" (an old import kept it as given); the file says P3, p03, p3.
    study = _study_with(tmp_path, "p3", "P12")
    preview = study.preview_import(DATA / "notes_basic.csv", round="r2")
    people = preview.participants.set_index("participant_id")
    assert people.loc["p3", "status"] == "merged" and people.loc["p3", "spelled_as"] == "P03"
    assert people.loc["P12", "status"] == "existing"
    study.import_file(DATA / "notes_basic.csv", round="r2")
    assert sorted(study.participants()["participant_id"]) == ["P12", "p3"]
    assert sorted(study.notes()["participant_id"]) == ["P12", "p3", "p3"]


def test_missing_note_column_lists_the_columns_found() -> None:
    with pytest.raises(InputError) as err:
        parse_notes(DATA / "notes_missing_column.csv", round_id="r1")
    message = str(err.value)
    assert message.startswith("notes_missing_column.csv: no participant column")
    assert "'participant', 'participant_id', 'participant id', 'P#', 'pid'" in message
    assert message.endswith("found columns: 'Who', 'Observation', 'Segment'")


def test_second_candidate_column_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "two.csv", "participant,quote,observation\nP1,said,saw\n")
    bundle = parse_notes(path, round_id="r1")
    assert bundle.notes[0].text == "said"
    assert any("'observation', which was not imported" in m for m in bundle.messages)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=300),
    st.text(alphabet=st.sampled_from(list('pP01,;\t|"\r\n ab\u00e9x\x81')), max_size=120)
    .map(lambda s: ("participant,note,tags\n" + s).encode("utf-8", "replace")),
))
def test_arbitrary_bytes_give_a_bundle_or_an_input_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    try:
        bundle = parse_notes(path, round_id="r1")
    except InputError as exc:
        assert str(exc).startswith("fuzz.csv")
    else:
        assert bundle.kind == "notes" and bundle.notes
        assert all(n.text and n.participant_id for n in bundle.notes)


# -- participants -----------------------------------------------------------------------


def test_participants_attributes_names_and_rounds() -> None:
    bundle = parse_participants(DATA / "participants.csv", round_id="r9")
    assert bundle.kind == "participants"
    got = [(p.participant_id, p.round_id, p.name, p.attributes) for p in bundle.participants]
    assert got == [
        ("P01", "r1", "Ana García",
         {"segment": "SMB", "company_size": "12", "email": "ana@example.com"}),
        ("P02", "r1", "Ben Okafor", {"segment": "Enterprise", "email": "ben@example.com"}),
        ("P03", "r9", "Chloé Martin", {"segment": "SMB", "company_size": "4"}),
    ]


def test_participants_without_round_belong_to_no_round(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "Respondent,Phone Number\nP5,+44 20 7946 0000\n")
    (p,) = parse_participants(path).participants
    assert (p.participant_id, p.round_id, p.name, p.attributes) == (
        "P05", None, None, {"phone": "+44 20 7946 0000"})


def test_duplicate_participant_ids_name_both_rows() -> None:
    with pytest.raises(InputError) as err:
        parse_participants(DATA / "participants_duplicate.csv")
    assert err.value.line == 4
    assert "'P01'" in str(err.value) and "rows 2 and 4" in str(err.value)


def test_participants_missing_id_column_lists_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "Name;Segment\nAna;SMB\n")
    with pytest.raises(InputError) as err:
        parse_participants(path)
    assert str(err.value).startswith("p.csv: no participant id column")
    assert str(err.value).endswith("found columns: 'Name', 'Segment'")


def test_participant_row_without_id(tmp_path: Path) -> None:
    path = write(tmp_path, "p.csv", "pid,segment\nP1,SMB\n,Enterprise\n")
    with pytest.raises(InputError, match=r"^p\.csv, line 3: this row has no participant id"):
        parse_participants(path)
