"""A note in several themes, out to other tools and back: REFI-QDA, CSV and XLSX.

The study is tests/board_helpers.py's small study with one change: n-1 ("Connecting the bank
felt risky", P01, a quote from the transcript s-P01) sits in Bank connection anxiety *and*
Export confusion. So, by hand: Bank holds n-1, n-2, n-3 (+ n-9 in r2), Export holds n-4 and
n-1; r1 has 8 notes, 4 of them sorted.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from board_helpers import make_small_study
from lxml import etree
from openpyxl import load_workbook

from synthesis import init_study, open_study
from synthesis.cli import main
from synthesis.interop.refi_conventions import guid_for
from synthesis.interop.refi_import import parse_qdpx
from synthesis.interop.study_io import export_study, import_refi

P = "{urn:QDA-XML:project:1.0}"
BANK, EXPORT = "Bank connection anxiety", "Export confusion"


@pytest.fixture
def study(tmp_path: Path):
    s = make_small_study(tmp_path / "study")
    s.add_to_theme("n-1", "t-export")
    yield s
    s.close()


def _selection(qde: bytes, text_guid: str) -> etree._Element:
    root = etree.fromstring(qde)
    found = root.findall(f".//{P}PlainTextSelection[@guid='{text_guid}']")
    assert len(found) == 1
    return found[0]


def test_qdpx_codes_one_selection_once_per_theme(study, tmp_path, fixtures):
    path = export_study(study, "qdpx", tmp_path / "study.qdpx", round="r1")
    with zipfile.ZipFile(path) as z:
        qde = z.read("project.qde")
    schema = etree.XMLSchema(etree.parse(str(fixtures / "refi-qda/schema/Project.xsd")))
    assert schema.validate(etree.fromstring(qde)), schema.error_log
    sel = _selection(qde, guid_for("note", "n-1"))
    refs = [c.find(f"{P}CodeRef").get("targetGUID") for c in sel.findall(f"{P}Coding")]
    assert refs == [guid_for("theme", "t-bank"), guid_for("theme", "t-export")]
    # Every other note keeps one coding (or none): 4 sorted notes, 5 codings in all.
    root = etree.fromstring(qde)
    assert len(root.findall(f".//{P}PlainTextSelection")) == 8
    assert len(root.findall(f".//{P}Coding")) == 5


def test_a_selection_coded_twice_imports_as_one_note_in_two_themes(study, tmp_path):
    path = export_study(study, "qdpx", tmp_path / "study.qdpx", round="r1")
    bundle = parse_qdpx(path)
    names = {t.theme_id: t.name for t in bundle.themes}
    by_text = {n.text: n for n in bundle.notes}
    assert len(bundle.notes) == 8  # one note per selection, never one per coding
    assert [names[t] for t in by_text["Connecting the bank felt risky"].theme_ids] == [
        BANK, EXPORT]

    fresh_dir = tmp_path / "fresh"
    init_study(fresh_dir, name="Fresh").close()
    toml = fresh_dir / "study.toml"
    toml.write_text(toml.read_text().split("[[rounds]]")[0]
                    + '[[rounds]]\nid = "r1"\nname = "Round 1"\n')
    fresh = open_study(fresh_dir)
    summary = import_refi(fresh, path)
    assert summary["counts"]["notes"] == 8 and summary["counts"]["placements"] == 5
    notes = fresh.notes().set_index("text")
    assert notes.loc["Connecting the bank felt risky", "themes"] == (BANK, EXPORT)
    counts = fresh.themes().set_index("name")[["notes", "participants"]]
    assert counts.loc[BANK].tolist() == [3, 2]  # n-1, n-2 (P01), n-3 (P02)
    assert counts.loc[EXPORT].tolist() == [2, 2]  # n-4 (P03), n-1 (P01)
    status = fresh.status().set_index("round").loc["r1"]
    assert (status["notes"], status["sorted_share"]) == (8, 0.5)  # 4 of 8, n-1 once
    fresh.close()


def test_csv_lists_every_theme_of_a_note_in_one_row(study, tmp_path):
    path = export_study(study, "csv", tmp_path / "notes.csv", round="r1")
    table = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert len(table) == 8  # one row per note
    themes = dict(zip(table["note_id"], table["theme"]))
    assert themes["n-1"] == f"{BANK}; {EXPORT}"
    assert themes["n-2"] == BANK and themes["n-4"] == EXPORT and themes["n-5"] == ""


def test_long_csv_and_xlsx_have_a_row_per_note_and_theme(study, tmp_path):
    csv_path = tmp_path / "long.csv"
    assert main(["export", str(study.folder), "--format", "csv", "--round", "r1", "--long",
                 "-o", str(csv_path)]) == 0
    table = pd.read_csv(csv_path, encoding="utf-8-sig", keep_default_na=False)
    assert len(table) == 9  # n-1 twice, the other seven once (four of them unsorted)
    assert table.loc[table["note_id"] == "n-1", "theme"].tolist() == [BANK, EXPORT]
    assert table.loc[table["note_id"] == "n-8", "theme"].tolist() == [""]

    xlsx = export_study(study, "xlsx", tmp_path / "notes.xlsx", round="r1")
    sheet = load_workbook(xlsx).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    col = header.index("theme")
    assert len(body) == 8
    assert next(r[col] for r in body if r[0] == "n-1") == f"{BANK}; {EXPORT}"
    long = export_study(study, "xlsx", tmp_path / "long.xlsx", round="r1", long=True)
    assert len(list(load_workbook(long).active.iter_rows(values_only=True))) == 1 + 9
