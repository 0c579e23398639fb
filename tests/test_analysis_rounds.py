"""Theme shares across rounds, change labels, and lineage through merges, checked by hand."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from synthesis.analysis import (apply_lineage, classify_theme_changes, resolve_theme_lineage,
                                round_order, theme_shares_by_round)


def two_rounds() -> dict[str, pd.DataFrame]:
    """r1: p1 p2 heard; r2: p3 heard, p1 returning (a note in r2), p4 listed but never heard
    -> n = 2 and 2 (n counts people heard).

    By hand: bank r1 = p1, p2 -> 2/2; bank r2 = p1 -> 1/2; price r1 = 0/2; price r2 = p3 -> 1/2.
    """
    notes = pd.DataFrame({
        "note_id": ["a", "b", "c", "d", "e"],
        "participant_id": ["p1", "p2", "p1", "p3", "p3"],
        "round_id": ["r1", "r1", "r2", "r2", "r2"],
        "theme_id": ["bank", "bank", "bank", "price", "price"]})
    participants = pd.DataFrame({"participant_id": ["p1", "p2", "p3", "p4"],
                                 "round_id": ["r1", "r1", "r2", "r2"]})
    themes = pd.DataFrame({"theme_id": ["bank", "price", "quiet"],
                           "name": ["Bank anxiety", "Pricing", "Quiet"], "position": [0, 1, 2]})
    rounds = pd.DataFrame({"round_id": ["r2", "r1"], "name": ["Round 2", "Round 1"],
                           "position": [1, 0]})
    return {"notes": notes, "participants": participants, "themes": themes, "rounds": rounds}


def test_shares_per_round_count_a_returning_participant_in_both():
    s = two_rounds()
    shares = theme_shares_by_round(s["notes"], s["participants"], s["themes"], s["rounds"])
    assert shares[["theme_id", "round_id", "notes", "k", "n"]].values.tolist() == [
        ["bank", "r1", 2, 2, 2], ["bank", "r2", 1, 1, 2],
        ["price", "r1", 0, 0, 2], ["price", "r2", 2, 1, 2],
        ["quiet", "r1", 0, 0, 2], ["quiet", "r2", 0, 0, 2]]
    assert shares["share"].tolist() == pytest.approx([1.0, 1 / 2, 0.0, 1 / 2, 0.0, 0.0])


def test_a_provisional_round_is_never_called_grown_faded_new_or_gone():
    s = two_rounds()
    shares = theme_shares_by_round(s["notes"], s["participants"], s["themes"], s["rounds"])
    changes = classify_theme_changes(shares, provisional={"r2": 0.16})
    assert changes["status"].tolist() == ["provisional", "provisional", "absent"]


def test_round_order_uses_positions_then_natural_ids():
    s = two_rounds()
    assert round_order(s["participants"], s["notes"], s["rounds"]) == ["r1", "r2"]
    people = pd.DataFrame({"participant_id": ["a", "b", "c"], "round_id": ["r10", "r2", "r1"]})
    assert round_order(people, pd.DataFrame(columns=["round_id"])) == ["r1", "r2", "r10"]


def test_classify_changes_between_consecutive_rounds():
    s = two_rounds()
    shares = theme_shares_by_round(s["notes"], s["participants"], s["themes"], s["rounds"])
    changes = classify_theme_changes(shares)
    assert changes[["theme_id", "from_round", "to_round", "status"]].values.tolist() == [
        ["bank", "r1", "r2", "faded"],   # 100 % -> 50 %
        ["price", "r1", "r2", "new"],    # nobody -> 1 of 2
        ["quiet", "r1", "r2", "absent"]]
    assert changes["change"].tolist()[:2] == pytest.approx([1 / 2 - 1, 1 / 2])


def shares_frame(before: list[tuple[int, int]], after: list[tuple[int, int]]) -> pd.DataFrame:
    rows = []
    for i, ((k1, n1), (k2, n2)) in enumerate(zip(before, after)):
        rows.append({"theme_id": f"t{i}", "theme": f"T{i}", "round_id": "r1", "k": k1, "n": n1,
                     "share": k1 / n1 if n1 else np.nan})
        rows.append({"theme_id": f"t{i}", "theme": f"T{i}", "round_id": "r2", "k": k2, "n": n2,
                     "share": k2 / n2 if n2 else np.nan})
    return pd.DataFrame(rows)


def test_thresholds_are_inclusive_despite_float_rounding():
    # 3/10 -> 4/10 is +0.10 (0.1000...03 in floats); 3/10 -> 2/10 is -0.10 (-0.0999...98)
    # 5/10 -> 9/20 is -0.05: steady; 4/10 -> 6/10 is +0.20: grown
    shares = shares_frame([(3, 10), (3, 10), (5, 10), (0, 10), (2, 10), (4, 10), (3, 10)],
                          [(4, 10), (2, 10), (9, 20), (2, 10), (0, 10), (6, 10), (3, 0)])
    changes = classify_theme_changes(shares)
    assert changes["status"].tolist() == ["grown", "faded", "steady", "new", "gone", "grown",
                                          "no data"]
    stricter = classify_theme_changes(shares, grow=0.25, fade=0.25)
    assert stricter["status"].tolist() == ["steady", "steady", "steady", "new", "gone",
                                           "steady", "no data"]


def test_relative_change():
    shares = shares_frame([(4, 10), (4, 10)], [(5, 10), (4, 10)])
    # 40 % -> 50 % is +25 % relative: grown at 0.2, steady at 0.3
    assert classify_theme_changes(shares, grow=0.2, relative=True)["status"].tolist() == [
        "grown", "steady"]
    assert classify_theme_changes(shares, grow=0.3, relative=True)["status"].tolist() == [
        "steady", "steady"]


def test_one_round_has_no_changes():
    s = two_rounds()
    notes = s["notes"][s["notes"]["round_id"] == "r1"]
    people = s["participants"][s["participants"]["round_id"] == "r1"]
    shares = theme_shares_by_round(notes, people, s["themes"])
    assert shares["round_id"].unique().tolist() == ["r1"]
    assert classify_theme_changes(shares).empty


# -- lineage -------------------------------------------------------------------------------

def theme_row(tid: str, name: str, status: str = "live", merged_into: str | None = None) -> dict:
    return {"theme_id": tid, "name": name, "description": "", "colour": None,
            "parent_id": None, "position": 0, "status": status, "merged_into": merged_into}


def event(seq: int, kind: str, changes: list[dict], **extra: object) -> dict:
    return {"seq": seq, "at": f"2024-05-0{seq % 9 + 1}T10:00:00", "author": "ana", "kind": kind,
            "payload": {"summary": "", "changes": changes, **extra}}


def store_like_events(undo_merge: bool = False) -> pd.DataFrame:
    """The shape synthesis.store writes: changes with before/after rows per event."""
    created1 = theme_row("t1", "Bank fears")
    created2 = theme_row("t2", "Connection worries")
    created3 = theme_row("t3", "Login trouble")
    renamed1 = {**created1, "name": "Bank connection anxiety"}
    merged3 = {**created3, "status": "merged", "merged_into": "t2"}
    merged2 = {**created2, "status": "merged", "merged_into": "t1"}
    rows = [
        event(1, "theme", [{"table": "themes", "key": "t1", "before": None, "after": created1}]),
        event(2, "theme", [{"table": "themes", "key": "t2", "before": None, "after": created2}]),
        event(3, "theme", [{"table": "themes", "key": "t3", "before": None, "after": created3}]),
        event(4, "theme", [{"table": "themes", "key": "t1", "before": created1,
                            "after": renamed1}], op="rename"),
        event(5, "placement", [{"table": "placements", "key": "n1", "before": None,
                                "after": {"note_id": "n1", "theme_id": "t3"}}]),
        event(6, "theme", [{"table": "placements", "key": "n1",
                            "before": {"note_id": "n1", "theme_id": "t3"},
                            "after": {"note_id": "n1", "theme_id": "t2"}},
                           {"table": "themes", "key": "t3", "before": created3,
                            "after": merged3}], op="merge"),
        event(7, "theme", [{"table": "themes", "key": "t2", "before": created2,
                            "after": merged2}], op="merge"),
    ]
    if undo_merge:
        rows.append(event(8, "undo", [{"table": "themes", "key": "t2", "before": merged2,
                                       "after": created2}], target=7))
    frame = pd.DataFrame(rows)
    # the store hands payloads back decoded; a JSON string must work as well
    frame.loc[0, "payload"] = json.dumps(frame.loc[0, "payload"])
    return frame


def test_lineage_follows_renames_and_chained_merges():
    lineage = resolve_theme_lineage(store_like_events()).set_index("theme_id")
    assert lineage.loc["t1", "names"] == ("Bank fears", "Bank connection anxiety")
    assert lineage.loc["t1", "survivor_id"] == "t1"
    assert lineage.loc["t2", "survivor_id"] == "t1"
    assert lineage.loc["t3", "survivor_id"] == "t1"  # t3 -> t2 -> t1
    assert lineage.loc["t3", "survivor"] == "Bank connection anxiety"
    assert lineage.loc["t2", "status"] == "merged"


def test_an_undone_merge_is_no_merge():
    lineage = resolve_theme_lineage(store_like_events(undo_merge=True)).set_index("theme_id")
    assert lineage.loc["t2", "survivor_id"] == "t2"
    assert lineage.loc["t3", "survivor_id"] == "t2"
    assert lineage.loc["t2", "status"] == "live"


def test_lineage_from_a_themes_frame():
    themes = pd.DataFrame({"theme_id": ["a", "b", "c"], "name": ["A", "B", "C"],
                           "status": ["merged", "live", "deleted"],
                           "merged_into": ["b", None, None]})
    lineage = resolve_theme_lineage(themes)
    assert lineage["survivor_id"].tolist() == ["b", "b", "c"]


def test_a_merged_theme_keeps_its_history_across_rounds():
    # A board snapshot from round 1 still has p1's note in t2, merged into t1 since.
    notes = pd.DataFrame({"note_id": ["a", "b", "c"], "participant_id": ["p1", "p2", "p3"],
                          "round_id": ["r1", "r1", "r2"], "theme_id": ["t2", "t1", "t1"],
                          "theme": ["Connection worries", "Bank fears", "Bank fears"]})
    people = pd.DataFrame({"participant_id": ["p1", "p2", "p3", "p4"],
                           "round_id": ["r1", "r1", "r2", "r2"]})
    themes = pd.DataFrame({"theme_id": ["t1"], "name": ["Bank connection anxiety"]})
    lineage = resolve_theme_lineage(store_like_events())
    without = theme_shares_by_round(notes, people, themes)
    assert without["k"].tolist() == [1, 1]  # r1 loses p1's note: t2 is not a live theme
    with_history = theme_shares_by_round(notes, people, themes, lineage=lineage)
    # r2: p3 heard, p4 only listed -> n = 1
    assert with_history[["round_id", "k", "n"]].values.tolist() == [["r1", 2, 2],
                                                                     ["r2", 1, 1]]
    moved = apply_lineage(notes, lineage)
    assert moved["theme_id"].tolist() == ["t1", "t1", "t1"]
    assert moved["theme"].tolist() == ["Bank connection anxiety"] * 3
    assert notes["theme_id"].tolist() == ["t2", "t1", "t1"]  # the input is untouched


def test_inputs_are_not_mutated():
    s = two_rounds()
    before = {k: v.copy(deep=True) for k, v in s.items()}
    shares = theme_shares_by_round(s["notes"], s["participants"], s["themes"], s["rounds"])
    shares_before = shares.copy(deep=True)
    classify_theme_changes(shares)
    for key in s:
        pd.testing.assert_frame_equal(s[key], before[key])
    pd.testing.assert_frame_equal(shares, shares_before)


def test_a_session_in_a_round_makes_a_participant_count_there():
    s = two_rounds()
    # p2 (a round-1 participant) was interviewed again in r2 but nothing was noted yet
    sessions = pd.DataFrame({"session_id": ["x"], "participant_id": ["p2"], "round_id": ["r2"]})
    shares = theme_shares_by_round(s["notes"], s["participants"], s["themes"], s["rounds"],
                                   sessions=sessions)
    r2 = shares[shares["round_id"] == "r2"]
    # p3 and p1 by their notes, p2 by the session; p4 is only listed, never heard
    assert r2["n"].tolist() == [3, 3, 3]
    assert r2["k"].tolist() == [1, 1, 0]
