"""CSV/XLSX exports of notes and codebooks, read back the way a spreadsheet user would."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from synthesis.errors import InputError
from synthesis.interop.tables import (codebook_table, notes_table, parse_codebook_csv,
                                      write_codebook_csv, write_csv, write_xlsx)

NOTES = pd.DataFrame([
    {"note_id": "n1", "round_id": "r1", "participant_id": "P01", "session_id": "S01",
     "text": "Reconciles by hand,\nevery Friday", "kind": "quote", "source": "P01.vtt",
     "source_ref": "cue 4", "theme_id": "t-manual", "utterance_id": 12, "start_char": 3,
     "end_char": 36},
    {"note_id": "n2", "round_id": "r1", "participant_id": "P02", "session_id": None,
     "text": "=HYPERLINK(\"http://x\")", "kind": "observation", "source": "notes.csv",
     "source_ref": "row 3", "theme_id": None},
    {"note_id": "n3", "round_id": "r2", "participant_id": "P02", "session_id": None,
     "text": "-5 % churn", "kind": "observation", "source": "notes.csv",
     "source_ref": "row 4", "theme_id": "t-price"},
])
THEMES = pd.DataFrame([
    {"theme_id": "t-trust", "name": "Trust", "description": "Who, and why", "colour": "#1f77b4",
     "parent_id": None},
    {"theme_id": "t-manual", "name": "Manual work", "description": "", "colour": None,
     "parent_id": "t-trust"},
    {"theme_id": "t-price", "name": "Pricing", "description": "@ renewal", "colour": "#2ca02c",
     "parent_id": None},
])
PEOPLE = pd.DataFrame([
    {"participant_id": "P01", "round_id": "r1", "name": "Anna Realname", "segment": "SMB",
     "kind": "owner"},
    {"participant_id": "P02", "round_id": "r1", "name": None, "segment": "Enterprise",
     "kind": None},
])
COLUMNS = ["note_id", "round", "participant", "segment", "participant kind", "session", "theme",
           "parent theme", "kind", "text", "source", "source_ref", "author", "edited",
           "utterance_id", "start_char", "end_utterance_id", "end_char"]


def test_notes_table_has_one_row_per_note_with_its_theme_and_attributes():
    table = notes_table(NOTES, PEOPLE, THEMES)
    assert list(table.columns) == COLUMNS
    assert table.to_dict("records")[0] == {
        "note_id": "n1", "round": "r1", "participant": "P01", "segment": "SMB",
        "participant kind": "owner", "session": "S01", "theme": "Manual work",
        "parent theme": "Trust", "kind": "quote", "text": "Reconciles by hand,\nevery Friday",
        "source": "P01.vtt", "source_ref": "cue 4", "author": None, "edited": None,
        "utterance_id": 12, "start_char": 3, "end_utterance_id": None, "end_char": 36}
    assert table["theme"].tolist() == ["Manual work", "", "Pricing"]
    assert table["parent theme"].tolist() == ["Trust", "", ""]
    assert "Anna Realname" not in table.to_string()


def test_a_note_in_two_themes_is_still_one_row():
    twice = pd.concat([NOTES.iloc[:1], NOTES.iloc[:1].assign(theme_id="t-price")])
    table = notes_table(twice, PEOPLE, THEMES)
    assert len(table) == 1
    assert table.loc[0, "theme"] == "Manual work; Pricing"


def test_csv_is_what_excel_expects(tmp_path):
    path = write_csv(notes_table(NOTES, PEOPLE, THEMES), tmp_path / "notes.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].split(b"\r\n")
    assert lines[0] == (b'"note_id","round","participant","segment","participant kind",'
                        b'"session","theme","parent theme","kind","text","source","source_ref",'
                        b'"author","edited","utterance_id","start_char","end_utterance_id",'
                        b'"end_char"')
    assert lines[1].endswith(b',12,3,"",36')  # positions as whole numbers, not 12.0
    assert lines[-1] == b""  # every record ends with CRLF
    # The note's own line break stays inside its quoted cell (a bare LF, not a new record).
    assert b'"Reconciles by hand,\nevery Friday"' in data
    # Cells a spreadsheet would run as a formula are defused with a leading apostrophe.
    assert b'"\'=HYPERLINK(""http://x"")"' in data
    assert b'"\'-5 % churn"' in data
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert list(back.columns) == COLUMNS
    assert back["text"].tolist() == ["Reconciles by hand,\nevery Friday",
                                     "'=HYPERLINK(\"http://x\")", "'-5 % churn"]
    assert back["segment"].tolist() == ["SMB", "Enterprise", "Enterprise"]


def test_xlsx_has_a_frozen_header_wrapped_text_and_no_formulas(tmp_path):
    path = write_xlsx(notes_table(NOTES, PEOPLE, THEMES), tmp_path / "notes.xlsx")
    book = load_workbook(path)
    ws = book.active
    assert ws.title == "Notes"
    assert [c.value for c in ws[1]] == COLUMNS
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    text_col = COLUMNS.index("text") + 1
    letter = ws.cell(row=1, column=text_col).column_letter
    assert ws.column_dimensions[letter].width == 80
    assert ws.cell(row=2, column=text_col).alignment.wrap_text
    formula_cell = ws.cell(row=3, column=text_col)
    assert (formula_cell.value, formula_cell.data_type) == ('=HYPERLINK("http://x")', "s")
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet
    back = pd.read_excel(path)
    assert list(back.columns) == COLUMNS
    assert back["note_id"].tolist() == ["n1", "n2", "n3"]


def test_codebook_csv_round_trip(tmp_path):
    assert codebook_table(THEMES).values.tolist() == [
        ["Trust", "Who, and why", "", "#1f77b4"], ["Manual work", "", "Trust", ""],
        ["Pricing", "@ renewal", "", "#2ca02c"]]
    path = write_codebook_csv(THEMES, tmp_path / "codebook.csv")
    bundle = parse_codebook_csv(path)
    assert bundle.kind == "codebook"
    names = {t.theme_id: t.name for t in bundle.themes}
    # The apostrophe that defused "@ renewal" in the file is taken off again on the way in.
    assert [(t.name, names.get(t.parent_id), t.description, t.colour)
            for t in bundle.themes] == [
        ("Trust", None, "Who, and why", "#1f77b4"), ("Manual work", "Trust", "", None),
        ("Pricing", None, "@ renewal", "#2ca02c")]
    assert [t.theme_id for t in parse_codebook_csv(path).themes] == [
        t.theme_id for t in bundle.themes]


def test_codebook_from_another_tool_with_semicolons_and_color(tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("Code;Definition;Parent code;Color\nBanking sync;;Integrations;2ca02c\n"
                    "Integrations;Links to other tools;;\n", encoding="cp1252")
    sync, integrations = sorted(parse_codebook_csv(path).themes, key=lambda t: t.name)
    assert (integrations.name, integrations.description) == ("Integrations",
                                                             "Links to other tools")
    assert (sync.parent_id, sync.colour) == (integrations.theme_id, "#2ca02c")


@pytest.mark.parametrize("rows, message", [
    ("name,parent\nA,B\n", "line 2: this row names parent 'B', which is not a theme"),
    ("name,parent\nA,B\nB,A\n", "line 2: this row makes 'A' its own ancestor"),
    ("name,parent\nA,\nA,\n", "line 3: this row repeats the theme 'A' under the same parent"),
    ("name,colour\nA,blue\n", "line 2: this row has colour 'blue'; expected a colour like"),
    ("title,description\nA,b\n", "no theme name column"),
])
def test_codebook_csv_mistakes_name_the_line(tmp_path, rows, message):
    path = tmp_path / "codes.csv"
    path.write_text(rows, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        parse_codebook_csv(path)
