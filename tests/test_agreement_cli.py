"""``synthesis agree`` and ``Study.agreement``: what a researcher sees on a real study."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from agreement_helpers import notes, sort
from board_helpers import make_small_study

from synthesis.agreement import compare_sorts
from synthesis.agree_cli import parse_mapping, render_table
from synthesis.cli import main
from synthesis.errors import StudyError
from synthesis.sorts import BOARD, round_notes, sort_placements

DANA = sort(**{"Bank connection anxiety": [0, 1, 2, 3, 4], "Setup friction": [5, 6, 7, 8],
               "Pricing confusion": [9, 10], "Onboarding": [11, 12, 13], "Trust": []})
LEE = sort(**{"bank connection anxiety": [0, 1, 2, 5], "Setup friction": [3, 4, 6, 7, 8],
              "Pricing": [9, 10, 11], "Trust": [], "Support": [12, 1]})


def test_the_board_is_a_sort_of_each_round(tmp_path: Path) -> None:
    study = make_small_study(tmp_path / "s")
    board = sort_placements(study, "r1", BOARD)
    # r1's placed notes: n-1, n-2, n-3 in Bank connection anxiety, n-4 in Export confusion.
    assert sorted(zip(board["note_id"], board["theme"])) == [
        ("n-1", "Bank connection anxiety"), ("n-2", "Bank connection anxiety"),
        ("n-3", "Bank connection anxiety"), ("n-4", "Export confusion")]
    assert round_notes(study, "r1")["note_id"].tolist() == [f"n-{i}" for i in range(1, 9)]
    study.close()


def test_errors_are_one_sentence_and_exit_1(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    make_small_study(tmp_path / "s").close()
    folder = str(tmp_path / "s")
    cases = [
        (["--round", "r9", "--sorts", "board,dana"], "there is no round 'r9' in this study"),
        (["--round", "r1", "--sorts", "board,zed"], "round 'r1' has no sort named 'zed'"),
        (["--round", "r1", "--sorts", "board,board"], "name two or more different sorts"),
        (["--round", "r1", "--sorts", "board,<b>"], "'<b>' is not a sort name"),
        (["--round", "r1", "--sorts", "board,x", "--map", "Setup"], "expected NAME=AS"),
    ]
    for extra, message in cases:
        assert main(["agree", folder, *extra]) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: ") and message in err
        assert err.count("\n") == 1 and "Traceback" not in err


def test_mapping_flags() -> None:
    assert parse_mapping(["Pricing=Pricing confusion", " a = b "]) == {
        "Pricing": "Pricing confusion", "a": "b"}
    with pytest.raises(StudyError, match="expected NAME=AS"):
        parse_mapping(["=x"])


def test_the_table_fits_100_columns_and_says_what_was_left_out() -> None:
    result = compare_sorts(notes(20), {"dana": DANA, "lee": LEE},
                           mapping={"Pricing": "Pricing confusion"}, round="r1")
    table = render_table(result, "Invoicing onboarding")
    lines = table.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[0] == ("Agreement: Invoicing onboarding, round r1: dana and lee, 20 notes, "
                        "6 themes")
    # Bank connection anxiety: a=3 (n0-n2), b=2 (n3, n4), c=1 (n5), d=14: po 0.85,
    # pe 0.25 * 0.2 + 0.75 * 0.8 = 0.65, kappa 0.2 / 0.35 = 0.57.
    bank = next(line for line in lines if line.startswith("Bank connection anxiety"))
    assert bank.split()[3:5] == ["0.57", "[0.14,"]
    assert bank.split()[8:12] == ["3", "2", "1", "14"]
    assert "  Trust: neither sort used this theme" in lines
    assert any("12 notes compared; left out: 7 unsorted in a sort, 1 in" in line
               for line in lines)
    assert "  edit distance: 4 note(s) to move to turn dana's sort into lee's" in lines
    assert "  n011: Onboarding → Pricing confusion" in lines
    # n1 (also Support for lee), n3, n4, n5, n11, n12 (Support), n13 (unsorted for lee)
    assert "7 note(s) placed differently: settle them in the board's compare mode." in lines


def test_json_has_the_shape_the_issue_gives() -> None:
    payload = json.loads(json.dumps(compare_sorts(
        notes(20), {"dana": DANA, "lee": LEE}, round="r1").to_json()))
    theme_keys = {"theme", "kappa", "po", "pe", "a", "b", "c", "d", "pabak", "ci_low",
                  "ci_high"}
    assert all(theme_keys <= set(t) for t in payload["themes"])
    partition = payload["partition"]
    assert {"ari", "krippendorff_alpha", "variation_of_information", "edit_distance",
            "notes_to_move", "matched"} <= set(partition)
    assert partition["edit_distance"] == len(partition["notes_to_move"])
    assert {"note_id", "theme_a", "theme_b", "move_to", "text"} <= set(
        partition["notes_to_move"][0])
    assert {"theme_a", "theme_b", "overlap", "jaccard"} <= set(partition["matched"][0])
    trust = next(t for t in payload["themes"] if t["theme"] == "Trust")
    assert trust["kappa"] is None and trust["po"] == 1.0


def test_csv_defuses_formulas_in_note_text(tmp_path: Path) -> None:
    from synthesis.agree_cli import frames
    from synthesis.interop.tables import csv_text

    units = notes(3)
    units.loc[0, "text"] = "=HYPERLINK(\"http://x\")"
    result = compare_sorts(units, {"dana": sort(X=[0]), "lee": sort(Y=[0])})
    out = io.StringIO(csv_text(frames(result)["disagreements"]))
    text = out.getvalue()
    assert "\"'=HYPERLINK(" in text and "\n\"=HYPERLINK" not in text


def test_docstring_examples_run() -> None:
    import doctest

    import synthesis.agree_cli

    # (synthesis.sorts' examples run on the sample study, from the root conftest.py)
    failures, tried = doctest.testmod(synthesis.agree_cli)
    assert tried > 0 and failures == 0


def test_agree_reads_two_researchers_sorts_from_the_store(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    """Codings imported with a coder column, then ``synthesis agree`` on the two sorts.

    r1's notes n-1..n-8. dana: Bank n-1 n-2 n-3, Export n-4 n-5; lee: Bank n-1 n-2,
    Export n-3 n-4 n-5; n-6..n-8 unsorted in both. Bank: a2 b1 c0 d5, po 7/8, pe = 3/8·2/8 +
    5/8·6/8 = 36/64, kappa = (56-36)/(64-36) = 20/28 = 0.714; Export: a2 b0 c1 d5, kappa
    0.714 too (the mirror image). Partitions: 5 notes compared, n-3 to move: distance 1.
    """
    make_small_study(tmp_path / "s").close()
    codings = tmp_path / "codings.csv"
    codings.write_text("note id,theme,coder\n" + "".join(
        f"n-{i},{theme},{coder}\n" for coder, themes in (
            ("dana", {"Bank": [1, 2, 3], "Export": [4, 5]}),
            ("lee", {"Bank": [1, 2], "Export": [3, 4, 5]}))
        for theme, ids in themes.items() for i in ids), encoding="utf-8")
    folder = str(tmp_path / "s")
    assert main(["import", folder, str(codings), "--kind", "placements"]) == 0
    capsys.readouterr()
    assert main(["agree", folder, "--round", "r1", "--sorts", "dana,lee", "--format",
                 "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    themes = {t["theme"]: t for t in payload["themes"]}
    assert [themes["Bank"][k] for k in "abcd"] == [2, 1, 0, 5]
    assert [themes["Export"][k] for k in "abcd"] == [2, 0, 1, 5]
    assert themes["Bank"]["kappa"] == pytest.approx(20 / 28)
    assert themes["Export"]["kappa"] == pytest.approx(20 / 28)
    assert payload["partition"]["edit_distance"] == 1
    assert [n["note_id"] for n in payload["partition"]["notes_to_move"]] == ["n-3"]
    # and each sort against the shared board works the same way
    assert main(["agree", folder, "--round", "r1", "--sorts", "board,dana"]) == 0


def test_the_sample_study_ships_a_second_researchers_blind_sort(sample_study: Path) -> None:
    """codings-lee-okafor.csv against the shared board's 41 placed r1 notes: Lee left 2
    unsorted and put 2 in a second theme (4 left out: 37 compared), put 2 in a theme of her
    own and 3 in other board themes (5 to move)."""
    from synthesis import open_study

    study = open_study(sample_study)
    result = study.agreement("r1", ["board", "Lee Okafor"])
    summary = result.partition.summary
    assert (summary["edit_distance"], summary["notes_compared"]) == (5, 37)
    assert summary["unmatched_b"] == ["Trust in the product"]
    trust = result.themes.set_index("theme").loc["Trust in the product"]
    assert (trust["a"], trust["b"], trust["c"], trust["kappa"]) == (0, 0, 4, 0.0)
    study.close()
