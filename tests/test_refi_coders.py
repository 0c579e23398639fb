"""A REFI-QDA project whose codings carry different users imports one sort per user
(issue 14 item 2); a project with one user keeps the shared board, as before.

The project is built here, by hand, so every count below can be checked against it:
three selections of one source, codes Fees, Trust and Speed (Speed unused).

- n-1 "Alpha beta.":    Ana -> Fees,  Ben -> Fees
- n-2 "Gamma delta.":   Ana -> Trust, Ben -> Fees
- n-3 "Epsilon zeta.":  Ana -> Trust, and one coding with no user -> Fees

So Ana's sort: themes Fees and Trust, 3 placements; Ben's: Fees, 2 placements; the shared
board: the 3 codebook themes, and only the user-less coding (n-3 in Fees).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from synthesis import StudyError, init_study, open_study
from synthesis.cli import main
from synthesis.interop.refi_import import parse_qdpx
from synthesis.sorts import sort_names, sort_placements

TEXT = "Alpha beta. Gamma delta. Epsilon zeta."
G = "0000000{}-0000-4000-8000-000000000000"
ANA, BEN = G.format(8), G.format(9)
FEES, TRUST, SPEED = G.format(1), G.format(3), G.format(4)


def coding(i: int, code: str, user: str | None) -> str:
    by = f' creatingUser="{user}"' if user else ""
    return (f'<Coding guid="{i:08d}-2222-4000-8000-000000000000"{by}>'
            f'<CodeRef targetGUID="{code}"/></Coding>')


CODES = (f'<Code guid="{FEES}" name="Fees" isCodable="true"/>'
         f'<Code guid="{TRUST}" name="Trust" isCodable="true"/>'
         f'<Code guid="{SPEED}" name="Speed" isCodable="true"/>')


def qdpx(path: Path, second_user: str = BEN, name: str = "t", codes: str = CODES,
         selections: list | None = None) -> Path:
    """The project above; ``second_user=ANA`` makes every coding Ana's; another ``name``
    gives other bytes (a file not imported yet) with the same GUIDs; ``codes`` and
    ``selections`` ((start, end, [(code, user)...]) each) replace the codebook and codings."""
    selections = selections or [(0, 11, [(FEES, ANA), (FEES, second_user)]),
                                (12, 24, [(TRUST, ANA), (FEES, second_user)]),
                                (25, 38, [(TRUST, ANA), (FEES, None)])]
    sels, k = "", 0
    for i, (a, b, codings) in enumerate(selections, 1):
        inner = ""
        for code, user in codings:
            k += 1
            inner += coding(k, code, user)
        sels += (f'<PlainTextSelection guid="{i:08d}-1111-4000-8000-000000000000" '
                 f'startPosition="{a}" endPosition="{b}">{inner}</PlainTextSelection>')
    qde = ('<?xml version="1.0" encoding="utf-8"?>\n<Project '
           f'xmlns="urn:QDA-XML:project:1.0" name="{name}">'
           f'<Users><User guid="{ANA}" name="Ana"/><User guid="{BEN}" name="Ben"/></Users>'
           f'<CodeBook><Codes>{codes}</Codes></CodeBook>'
           f'<Sources><TextSource guid="{G.format(2)}" name="Interview 1" '
           f'plainTextPath="internal://s.txt">{sels}</TextSource></Sources></Project>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", qde)
        z.writestr("Sources/s.txt", TEXT)
    return path


def pairs(study, sort: str) -> list[tuple[str, str]]:
    frame = sort_placements(study, "r1", sort).dropna(subset=["note_id"])
    return sorted(zip(frame["note_id"], frame["theme"]))


@pytest.fixture
def study(tmp_path: Path, store_url):
    s = init_study(tmp_path / "s", name="Coders", store=store_url)
    yield s
    s.close()


def test_codings_of_two_users_become_two_sorts_and_the_summary_says_so(study, tmp_path,
                                                                         capsys):
    path = qdpx(tmp_path / "two.qdpx")
    assert main(["import", str(study.folder), str(path), "--round", "r1"]) == 0
    out = capsys.readouterr().out
    assert ("codings by user 'Ana' → sort 'Ana' of round r1 (new): 2 themes (2 new), "
            "3 placements (3 new)") in out
    assert ("codings by user 'Ben' → sort 'Ben' of round r1 (new): 1 theme (1 new), "
            "2 placements (2 new)") in out
    assert ("the codings carry 2 users ('Ana' (3 codings), 'Ben' (2 codings)); each user's "
            "codings go to a sort of the round named after the user, and the shared board "
            "gets the notes unsorted (codings with no user: 1, kept on it).") in out
    study.store.close()
    again = open_study(study.folder)
    assert sort_names(again, "r1") == ["board", "Ana", "Ben"]
    n1, n2, n3 = (f"n-0000000{i}-1111-4000-8000-000000000000" for i in (1, 2, 3))
    assert pairs(again, "Ana") == [(n1, "Fees"), (n2, "Trust"), (n3, "Trust")]
    assert pairs(again, "Ben") == [(n1, "Fees"), (n2, "Fees")]
    assert pairs(again, "board") == [(n3, "Fees")]
    assert sorted(again.themes()["name"]) == ["Fees", "Speed", "Trust"]
    assert len(again.notes("r1")) == 3
    again.close()


def test_a_project_with_one_user_keeps_the_shared_board(tmp_path):
    bundle = parse_qdpx(qdpx(tmp_path / "one.qdpx", second_user=ANA))
    assert [len(n.theme_ids) for n in bundle.notes] == [1, 2, 2]  # n-1 Fees twice: once
    assert all(n.coded_by == () for n in bundle.notes)
    assert not any("users (" in m for m in bundle.messages)


def test_several_users_and_no_round_is_one_sentence_and_nothing_is_written(study, tmp_path):
    path = qdpx(tmp_path / "two.qdpx")
    before = len(study.events())
    with pytest.raises(StudyError, match="says nothing about rounds; import it with --round"):
        study.import_file(path)
    assert len(study.events()) == before and study.notes().empty


def test_a_dry_run_lists_the_sorts_exactly_as_the_import_says_them(study, tmp_path, capsys):
    path = qdpx(tmp_path / "two.qdpx")
    ana = ("codings by user 'Ana' → sort 'Ana' of round r1 (new): 2 themes (2 new), "
           "3 placements (3 new)")
    ben = ("codings by user 'Ben' → sort 'Ben' of round r1 (new): 1 theme (1 new), "
           "2 placements (2 new)")
    assert main(["import", str(study.folder), str(path), "--round", "r1", "--dry-run"]) == 0
    dry = capsys.readouterr().out
    assert f"  {ana}\n  {ben}\n" in dry
    preview = study.preview_import(path, round="r1")
    assert [line for line in preview.summary if "codings by user" in line] == [ana, ben]
    # nothing was written: no sort, no note
    assert sort_names(study, "r1") == ["board"] and study.notes().empty
    assert main(["import", str(study.folder), str(path), "--round", "r1"]) == 0
    real = capsys.readouterr().out
    assert f"  {ana}\n  {ben}\n" in real
    # a dry run of the same codings in another file: the sorts exist and get nothing new
    again = study.preview_import(qdpx(tmp_path / "again.qdpx", name="t2"), round="r1")
    assert [line for line in again.summary if "codings by user" in line] == [
        "codings by user 'Ana' → sort 'Ana' of round r1 (existing): 2 themes (0 new), "
        "3 placements (0 new)",
        "codings by user 'Ben' → sort 'Ben' of round r1 (existing): 1 theme (0 new), "
        "2 placements (0 new)"]


def test_codes_sharing_a_name_stay_apart_in_a_users_sort_and_the_summary_says_so(
        study, tmp_path, capsys):
    # Codes: Cost › Fees, Trust › Fees (two GUIDs, one name), and two root codes both
    # named "Speed". Ana: n-1 Cost › Fees, n-2 Trust › Fees, n-3 the first Speed;
    # Ben: n-1 Trust › Fees, n-3 the second Speed. So Ana's sort has 3 themes and 3
    # placements (one each), Ben's 2 and 2; no two codes become one theme.
    cost, fees1, fees2, speed2 = G.format(5), G.format(6), G.format(7), G.format(0)
    codes = (f'<Code guid="{cost}" name="Cost" isCodable="true">'
             f'<Code guid="{fees1}" name="Fees" isCodable="true"/></Code>'
             f'<Code guid="{TRUST}" name="Trust" isCodable="true">'
             f'<Code guid="{fees2}" name="fees" isCodable="true"/></Code>'
             f'<Code guid="{SPEED}" name="Speed" isCodable="true"/>'
             f'<Code guid="{speed2}" name="Speed" isCodable="true"/>')
    path = qdpx(tmp_path / "same.qdpx", codes=codes, selections=[
        (0, 11, [(fees1, ANA), (fees2, BEN)]), (12, 24, [(fees2, ANA)]),
        (25, 38, [(SPEED, ANA), (speed2, BEN)])])
    said = ("codes that share a name are kept apart in the users' sorts: 'Fees' is "
            "'Cost › Fees' and 'Trust › fees'; 'Speed' is 'Speed (1)' and 'Speed (2)'")
    assert said in study.preview_import(path, round="r1").summary
    assert main(["import", str(study.folder), str(path), "--round", "r1"]) == 0
    out = capsys.readouterr().out
    assert ("codings by user 'Ana' → sort 'Ana' of round r1 (new): 3 themes (3 new), "
            "3 placements (3 new)") in out
    assert ("codings by user 'Ben' → sort 'Ben' of round r1 (new): 2 themes (2 new), "
            "2 placements (2 new)") in out
    assert f"  {said}\n" in out
    n1, n2, n3 = (f"n-0000000{i}-1111-4000-8000-000000000000" for i in (1, 2, 3))
    assert pairs(study, "Ana") == [(n1, "Cost › Fees"), (n2, "Trust › fees"),
                                   (n3, "Speed (1)")]
    assert pairs(study, "Ben") == [(n1, "Trust › fees"), (n3, "Speed (2)")]
    # the shared board keeps the codebook's own names, one theme per code (by GUID)
    assert sorted(study.themes()["name"]) == ["Cost", "Fees", "Speed", "Speed", "Trust",
                                              "fees"]
