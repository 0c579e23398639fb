"""The scoring of the craft question sets (bench/_scoring.py, bench/craft_question_sets.py):
``--set`` scores one extra labelled CSV, reading each turn with its ``before`` column.

The three turns here are written for this file; the figures are worked out by hand.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import craft_cross_recording  # noqa: E402
import craft_question_sets  # noqa: E402
import craft_rule_reliability  # noqa: E402
from _scoring import read_with  # noqa: E402

import synthesis.craft as craft  # noqa: E402

COLUMNS = ["id", "split", "before", "text", "questions", "kind", "leading",
           "double_barrelled", "note"]
ROWS = [
    # leading and caught: 1 of 1 flags right, 1 of 1 found
    ["t1", "blind", "", "Wouldn't the new rota be handy?", "1", "closed", "1", "0", ""],
    # said back from the participant's words: a summary, not leading — with `before` read
    ["t2", "blind", "Honestly the rota software was far too slow for the night shift.",
     "So the rota software was too slow for the night shift, right?", "1", "closed", "0",
     "0", ""],
    ["t3", "blind", "", "Thanks, that helps.", "0", "", "0", "0", ""],
]


def _write(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        writer.writerows(ROWS)
    return path


def test_an_extra_set_is_scored_with_each_turn_read_after_its_before(tmp_path: Path) -> None:
    lines = craft_question_sets.score_set(_write(tmp_path / "extra.csv"),
                                          {"now": read_with(craft)})
    table = {row.split(" | ")[1]: row.split(" | ")[3].rstrip(" |") for row in lines
             if row.startswith("| all (3 turns)")}
    assert table["leading precision"] == "1.00 (1/1)"  # t2 is read as a summary
    assert table["leading recall"] == "1.00 (1/1)"
    assert table["open / specific / closed accuracy"] == "1.00 (2/2)"
    assert table["questions found / labelled"] == "2 / 2"
    assert "## Disagreements now (0 of 3 turns)" in lines


def test_the_same_summary_without_its_before_reads_as_leading() -> None:
    read = read_with(craft)
    text, before = ROWS[1][3], ROWS[1][2]
    assert "leading" in read(text).flags
    assert "leading" not in read(text, before).flags


def test_a_missing_set_is_one_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        craft_question_sets.main(["--set", "no/such/set.csv"])
    assert exit_.value.code == 2
    assert "no/such/set.csv: no such file (expected a labelled CSV)" in capsys.readouterr().err


def test_sets_are_scored_recording_by_recording() -> None:
    # t1 and t2 from one recording, t3 from another; "before" and "now" are both today's
    # rules here, so no turn is read differently.
    rows = [dict(zip(COLUMNS, r)) | {"source": "rec-a" if r[0] != "t3" else "rec-b"}
            for r in ROWS]
    read = read_with(craft)
    lines = craft_cross_recording.table(rows, {"before": read, "now": read})
    rec_a = next(x for x in lines if "| rec-a |" in x).split(" | ")
    # turns 2, questions 2; leading hit/alarm/miss 1/0/0 both columns; double 0/0/0; kind 2/2
    assert rec_a[2:4] == ["2", "2"]
    assert rec_a[4:6] == ["1 / 0 / 0", "1 / 0 / 0"]
    assert rec_a[8:10] == ["2/2", "2/2"]
    assert rec_a[10].rstrip(" |") == "0"
    pooled = next(x for x in lines if x.startswith("| leading P |")).split(" | ")
    assert pooled[2] == "1.00 (1/1)"  # pooled over both recordings
    assert pooled[5] == "1 of 1"  # rec-b has no leading case: it does not count


def test_a_missing_set_is_one_clear_error_recording_by_recording(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        craft_cross_recording.main(["--set", "no/such/set.csv"])
    assert exit_.value.code == 2
    assert "no/such/set.csv: no such file (expected a labelled CSV)" in capsys.readouterr().err


def test_the_cross_recording_bench_reads_all_five_real_sets() -> None:
    assert craft_cross_recording.SETS[-1] == "real_turns_blind4.csv"
    assert len(craft_cross_recording.SETS) == 5


@pytest.mark.parametrize(
    ("text", "flag", "rule"),
    [
        ("Wouldn't the new rota be handy?", "leading", "negative question"),
        ("How did your shop get this successful?", "leading", "presupposed praise"),
        ("You grew by word of mouth. Is that a fair description?", "leading",
         "rated characterisation"),
        ("How do you book shifts? And who signs the rota?", "double-barrelled",
         "two questions in one turn"),
        ("How do you book shifts and who signs the rota?", "double-barrelled",
         "and + second question"),
    ],
)
def test_every_flag_is_put_down_to_the_rule_that_raised_it(text: str, flag: str,
                                                           rule: str) -> None:
    reason = craft.explain_flags(text)[flag]
    assert craft_rule_reliability.rule_of(flag, reason) == rule, reason


def test_a_rule_is_in_origin_only_on_the_sets_read_when_it_was_written() -> None:
    # Worked by hand: a rule of issue 13 (tune read) hit once in a tune recording and raised
    # one hit and three false alarms in a blind4 recording.
    sets = {"a.vtt": "tune", "b.md": "blind4"}
    inside, outside, bad = craft_rule_reliability._split(
        "leading: opinion claim + tag", {"a.vtt": [1, 0], "b.md": [1, 3]}, sets)
    assert (inside.k, inside.n, outside.k, outside.n) == (1, 1, 1, 4)
    assert bad == "b 1/3"


def test_the_kind_table_orders_equal_counts_by_the_paths_wording() -> None:
    # Worked by hand: 'why' decided 5 questions now (4 before), so it leads; the six paths
    # that decided 4 follow A to Z (whatever order the set gives them); the two paths under 3
    # questions are summed in the last row: 1 + 2 right of 2 + 2.
    tied = ["opens with 'was'", "tag (…, right?)", "nothing put", "opens with 'did'",
            "opens with 'are'", "statement for confirmation"]
    before = {"opens with 'why'": [4, 4], **{p: [3, 4] for p in tied},
              "opens with 'i'": [1, 2], "opens with 'any'": [2, 2]}
    now = {**before, "opens with 'why'": [5, 5]}
    lines = craft_rule_reliability.kind_table({"before": before, "now": now})
    assert lines[:2] == ["| path that decided the kind | right (before) | right (now) |",
                         "| --- | --- | --- |"]
    assert [line.split(" | ")[0][2:] for line in lines[2:]] == [
        "opens with 'why'", "nothing put", "opens with 'are'", "opens with 'did'",
        "opens with 'was'", "statement for confirmation", "tag (…, right?)",
        "2 other paths, fewer than 3 questions each"]
    assert lines[2] == "| opens with 'why' | 1.00 (4/4) | 1.00 (5/5) |"
    assert lines[-1].endswith("| 0.75 (3/4) | 0.75 (3/4) |")
