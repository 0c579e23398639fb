"""``synthesis import STUDY FILE --kind placements``: someone's codings into sorts (issue 14
item 2), on SQLite and PostgreSQL. Every row accounted for; bad input one sentence, exit 1,
the study unchanged."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from synthesis import init_study, open_study
from synthesis.cli import main
from synthesis.model import ImportBundle, Note, Participant, Theme
from synthesis.sorts import sort_names, sort_placements


def bundle() -> ImportBundle:
    """r1: n1-n4 (highlights H-1..H-4 of dovetail.csv; n1 on the board in 'Bank'); r2: n9."""
    notes = [Note(f"n{i}", f"note {i}", "P01", "r1", source="dovetail.csv",
                  source_note_id=f"H-{i}", theme_ids=("t-bank",) if i == 1 else ())
             for i in range(1, 5)]
    return ImportBundle(source="dovetail.csv", kind="notes",
                        participants=[Participant("P01", "r1")],
                        notes=[*notes, Note("n9", "later", "P01", "r2")],
                        themes=[Theme("t-bank", "Bank")])


@pytest.fixture
def folder(tmp_path: Path, store_url) -> Path:
    study = init_study(tmp_path / "s", name="Codings", store=store_url)
    study.ensure_round("r2")
    study.apply_bundle(bundle())
    study.close()
    return tmp_path / "s"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def pairs(folder: Path, sort: str) -> list[tuple[str, str]]:
    study = open_study(folder)
    try:
        got = sort_placements(study, "r1", sort)
        return sorted(zip(got["note_id"], got["theme"]))
    finally:
        study.close()


def snapshot(folder: Path):
    study = open_study(folder)
    try:
        return (study.events().drop(columns=["payload"]), study.store.sorts(),
                study.themes(), study.placements())
    finally:
        study.close()


def test_one_sort_per_coder_ids_of_both_kinds_several_themes_per_note(folder, tmp_path,
                                                                       capsys):
    f = tmp_path / "codings.csv"
    f.write_text("Highlight ID,Tags,Coded by\n"
                 "H-1,Bank fear; Trust,Dana\n"       # source id, two themes
                 "n2,bank FEAR,Dana\n"               # study id, same theme spelled otherwise
                 "H-3,,Dana\n"                       # no theme: left unsorted
                 "H-1,Trust,Lee\n"
                 "n4,Fees,Lee\n"
                 "n4,Fees,Lee\n"                     # repeated row
                 ",,\n"                              # blank: not a row
                 ",Orphan,Lee\n",                    # no note id: skipped, said
                 encoding="utf-8")
    code, out, err = run(capsys, "import", str(folder), str(f), "--kind", "placements",
                         "--column", "coder=Coded by")
    assert code == 0, err
    assert "imported: codings.csv (placements into r1): 2 sorts, 4 themes, 5 placements" in out
    assert "7 rows read: 4 placed a note, 1 named a note and no theme (left unsorted in its " \
           "sort), 1 repeated placements of a row above, 1 skipped (no note id)" in out
    assert "sort 'Dana' (new): 2 themes (2 new), 3 placements (3 new)" in out
    assert "sort 'Lee' (new): 2 themes (2 new), 2 placements (2 new)" in out
    assert "the study's note id: 3 rows; the id their source gave them at import: 3 rows" in out
    assert "skipped line 9: no note id" in out
    assert pairs(folder, "Dana") == [("n1", "Bank fear"), ("n1", "Trust"), ("n2", "Bank fear")]
    assert pairs(folder, "Lee") == [("n1", "Trust"), ("n4", "Fees")]
    assert pairs(folder, "board") == [("n1", "Bank")]  # the shared board is untouched
    # the same file again adds nothing
    code, out, _ = run(capsys, "import", str(folder), str(f), "--kind", "placements",
                       "--column", "coder=Coded by")
    assert code == 0 and "already imported" in out


def test_into_a_named_sort_from_xlsx_then_into_it_again(folder, tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["note id", "theme"], ["n2", "Trust"], ["n3", "Trust"]):
        sheet.append(row)
    book.save(tmp_path / "dana.xlsx")
    code, out, _ = run(capsys, "import", str(folder), str(tmp_path / "dana.xlsx"), "--kind",
                       "placements", "--sort", "dana")
    assert code == 0 and "sort 'dana' (new): 1 theme (1 new), 2 placements (2 new)" in out
    (tmp_path / "more.csv").write_text("note id,theme\nn3,trust\nn4,Fees\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(folder), str(tmp_path / "more.csv"), "--kind",
                       "placements", "--sort", "dana")
    assert code == 0
    assert "sort 'dana' (existing): 2 themes (1 new), 2 placements (1 new)" in out
    assert pairs(folder, "dana") == [("n2", "Trust"), ("n3", "Trust"), ("n4", "Fees")]
    study = open_study(folder)
    assert sort_names(study, "r1") == ["board", "dana"]
    study.close()


def test_a_dry_run_says_what_would_happen_and_writes_nothing(folder, tmp_path, capsys):
    (tmp_path / "c.csv").write_text("note id,theme\nn2,Trust\n", encoding="utf-8")
    before = snapshot(folder)
    code, out, _ = run(capsys, "import", str(folder), str(tmp_path / "c.csv"), "--kind",
                       "placements", "--sort", "dana", "--dry-run")
    assert code == 0
    assert "sort 'dana' (new): 1 theme (1 new), 1 placement (1 new)" in out
    assert "nothing was written" in out
    assert all(a.equals(b) for a, b in zip(before, snapshot(folder)))


@pytest.mark.parametrize(("content", "args", "expected"), [
    ("note id,theme\nn2,Trust\nH-77,Trust\n", ["--sort", "dana"],
     "c.csv: line 3: there is no note 'H-77' in this study"),
    ("note id,theme\nn2,Trust\nn9,Trust\n", ["--sort", "dana"],
     "c.csv: names notes of rounds r1, r2; a sort is of one round"),
    ("note id,theme\nn9,Trust\n", ["--sort", "dana", "--round", "r1"],
     "c.csv: line 2: note 'n9' is of round r2, not r1"),
    ("note id,theme\nn2,Trust\n", [],
     "c.csv: name the sort these codings go to with --sort NAME"),
    ("note id,theme,coder\nn2,Trust,dana\nn3,Trust,\n", [],
     "c.csv: line 3: no coder in column 'coder'; give --sort NAME for such rows"),
    ("participant,note\nP01,hello\n", ["--sort", "dana"], "c.csv: no note id column"),
    ("note id,theme\nn2,Trust\n", ["--sort", "<script>"], "'<script>' is not a sort name"),
])
def test_bad_input_is_one_sentence_exit_1_and_the_study_unchanged(folder, tmp_path, capsys,
                                                                  content, args, expected):
    (tmp_path / "c.csv").write_text(content, encoding="utf-8")
    before = snapshot(folder)
    code, _, err = run(capsys, "import", str(folder), str(tmp_path / "c.csv"), "--kind",
                       "placements", *args)
    assert code == 1
    assert expected in err and err.count("error:") == 1
    assert all(a.equals(b) for a, b in zip(before, snapshot(folder)))


def test_sort_without_placements_kind_is_refused(folder, tmp_path, capsys):
    (tmp_path / "n.csv").write_text("participant,note\nP01,hello\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(folder), str(tmp_path / "n.csv"), "--round",
                       "r1", "--sort", "dana")
    assert code == 1 and "add --kind placements" in err
