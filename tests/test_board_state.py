"""The board's state and its static snapshot, from a small study counted by hand.

See tests/board_helpers.py for the study: in round r1, "Bank connection anxiety" holds three
notes from two people (P01 twice, P02) and five people were heard (P05 interviewed, no notes).
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from board_helpers import HOSTILE, make_small_study
from lxml import html as lxml_html

from synthesis.board import board_state, open_board, snapshot_html, study_state
from synthesis.board.cli import lab_command, lab_notebook
from synthesis.board.notebook import board_notebook
from synthesis.board.state import theme_counts
from synthesis.cli import main
from synthesis.colours import SEGMENT_PALETTE, THEME_PALETTE
from synthesis.model import ImportBundle, Theme
from synthesis.resources import notebook_path


@pytest.fixture
def study(tmp_path: Path):
    s = make_small_study(tmp_path / "study")
    yield s
    s.close()


def test_theme_counts_are_distinct_participants() -> None:
    notes = pd.DataFrame({"note_id": ["a", "b", "c", "d"],
                          "participant_id": ["P1", "P1", "P2", None]})
    counts = theme_counts(notes, {"a": ["t1"], "b": ["t1"], "c": ["t1"], "d": ["t2"]})
    # t1: three notes but only two people; t2: a note with nobody behind it counts as a note.
    assert counts == {"t1": (3, 2), "t2": (1, 0)}


def test_round_state_counts_by_hand(study) -> None:
    state = study_state(study, "r1")
    themes = {t["id"]: t for t in state["themes"]}
    assert (themes["t-bank"]["notes"], themes["t-bank"]["participants"]) == (3, 2)
    assert (themes["t-export"]["notes"], themes["t-export"]["participants"]) == (1, 1)
    assert state["meta"]["n_participants"] == 5  # P01..P05 heard; P06 is listed for r2 only
    assert state["placements"] == {"n-1": ["t-bank"], "n-2": ["t-bank"], "n-3": ["t-bank"],
                                   "n-4": ["t-export"]}
    assert [c["id"] for c in state["cards"]] == [f"n-{i}" for i in range(1, 9)]
    assert state["meta"]["attributes"] == ["role", "segment"]
    assert state["meta"]["sessions"] == ["s-P01", "s-P05"]
    assert [t["id"] for t in state["themes"]] == ["t-bank", "t-export"]


def test_all_rounds_state_counts_people_once(study) -> None:
    state = study_state(study, None)
    themes = {t["id"]: t for t in state["themes"]}
    # n-9 (round 2) is P01 again: a fourth note, still two people.
    assert (themes["t-bank"]["notes"], themes["t-bank"]["participants"]) == (4, 2)
    assert state["meta"]["n_participants"] == 5  # P06 is listed for r2 but never heard


def test_state_keeps_real_names_out_and_is_json(study) -> None:
    state = study_state(study, "r1")
    text = json.dumps(state)  # the widget syncs it as JSON: it must serialise as is
    assert "Real Name One" not in text
    assert state["people"]["P01"] == {"segment": "SMB", "role": "Owner"}
    card = next(c for c in state["cards"] if c["id"] == "n-6")
    assert card["text"] == HOSTILE  # data stays data; escaping happens where it is shown


def test_board_state_from_plain_frames() -> None:
    notes = pd.DataFrame({"note_id": ["a", "b"], "round_id": ["r1", "r1"],
                          "participant_id": ["P1", "P2"], "session_id": [None, None],
                          "utterance_id": [None, None], "text": ["x", "y"], "kind": ["", ""],
                          "source_ref": ["", ""], "theme_id": ["t1", None]})
    participants = pd.DataFrame({"participant_id": ["P1", "P2"], "round_id": ["r1", "r1"],
                                 "name": ["Secret", None], "segment": ["A", float("nan")]})
    themes = pd.DataFrame({"theme_id": ["t1"], "name": ["T"], "description": [""],
                           "colour": ["url(http://x)"], "parent_id": [None], "position": [0]})
    sessions = pd.DataFrame({"session_id": []})
    state = board_state(notes, participants, themes, sessions, round="r1")
    assert state["people"] == {"P1": {"segment": "A"}, "P2": {}}
    # Only #rrggbb may reach a style attribute: a hostile colour gives way to the palette's.
    assert state["themes"][0]["colour"] == THEME_PALETTE[0]
    # P2 has no segment: "(not set)" is grey, on the board as in the charts.
    assert state["meta"]["accents"]["segment"] == {"A": SEGMENT_PALETTE[0],
                                                   "(not set)": "#BBBBBB"}
    assert state["themes"][0]["notes"] == 1
    assert state["placements"] == {"a": ["t1"]}


def _tree(page: str):
    return lxml_html.fromstring(page)


def test_snapshot_escapes_hostile_text(study) -> None:
    page = snapshot_html(study_state(study, "r1"))
    assert HOSTILE not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>onboarding</b>" not in page  # the study name is text too
    tree = _tree(page)
    assert tree.xpath("//img") == [] and tree.xpath("//script") == []
    assert tree.xpath("//*[@src] | //*[@href]") == []  # self-contained: nothing to fetch
    card = tree.xpath("//*[@data-note-id='n-6']//p[@class='sb-text']")[0]
    assert card.text_content() == HOSTILE
    role = tree.xpath("//*[@data-note-id='n-6']")
    assert len(role) == 1


def test_snapshot_shows_placements_and_counts(study) -> None:
    tree = _tree(snapshot_html(study_state(study, "r1")))
    bank = tree.xpath("//section[@data-theme-id='t-bank']")[0]
    assert [c.get("data-note-id") for c in bank.xpath(".//*[@data-note-id]")] == \
        ["n-1", "n-2", "n-3"]
    assert bank.xpath(".//p[@class='sb-theme-count']")[0].text_content() == \
        "3 notes · 2 of 5 participants"
    pile = tree.xpath("//*[@data-theme-id='unsorted']")[0]
    assert [c.get("data-note-id") for c in pile.xpath(".//*[@data-note-id]")] == \
        ["n-5", "n-6", "n-7", "n-8"]
    bars = [b.text_content() for b in tree.xpath("//li[@class='sb-bar']")]
    assert bars == ["Bank connection anxiety2 of 5", "Export confusion1 of 5"]


def test_snapshot_groups_children_and_survives_bad_colours(study) -> None:
    study.apply_bundle(ImportBundle("evil.qdc", "qdc", themes=[
        Theme("t-evil", "Evil </style><script>", colour="red;background:url(http://x)")]))
    study.set_parent("t-export", "t-bank")
    page = snapshot_html(study_state(study, "r1"))
    assert "url(" not in page and "<script>" not in page
    tree = _tree(page)
    group = tree.xpath("//div[@class='sb-group']")[0]
    assert [s.get("data-theme-id") for s in group.xpath("./section")] == ["t-bank", "t-export"]
    child = group.xpath("./section[@data-theme-id='t-export']")[0]
    assert child.get("data-depth") == "1"
    assert child.xpath(".//p[@class='sb-theme-parent']")[0].text_content() == \
        "in Bank connection anxiety"


def test_widget_snapshot_matches_store(study) -> None:
    board = open_board(study, round="r1")
    board.handle({"type": "move", "id": "1", "notes": ["n-5"], "to": "t-export"})
    tree = _tree(board.snapshot())
    export = tree.xpath("//section[@data-theme-id='t-export']")[0]
    assert export.xpath(".//p[@class='sb-theme-count']")[0].text_content() == \
        "2 notes · 1 of 5 participants"  # n-4 and n-5 are both P03


def test_committed_notebook_is_the_template_without_outputs() -> None:
    committed = nbformat.read(str(notebook_path("affinity_board.ipynb")), as_version=4)
    template = board_notebook()
    assert [c.source for c in committed.cells] == [c.source for c in template.cells]
    params = committed.cells[1]
    assert params.metadata["tags"] == ["parameters"]
    assert params.source == 'study = "data/invoicing-onboarding"\nround = "r1"'
    for cell in committed.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_lab_writes_a_parameterised_copy(study) -> None:
    path = lab_notebook(study.folder, "r2")
    assert path == study.folder / ".lab" / "affinity_board-r2.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    assert nb.cells[1].source == f'study = "{study.folder}"\nround = "r2"'
    cmd = lab_command(path, port=8899, open_browser=False)
    assert cmd[1:3] == ["-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={path.parent}" in cmd
    assert "--LabApp.default_url=/lab/tree/affinity_board-r2.ipynb" in cmd
    assert "--ServerApp.port=8899" in cmd and "--no-browser" in cmd


def test_lab_refuses_an_unknown_round(study, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lab", str(study.folder), "--round", "r9", "--no-browser"]) == 1
    err = capsys.readouterr().err
    assert "has no round 'r9'" in err and "r1, r2" in err
    assert not (study.folder / ".lab").exists()


def test_a_note_in_two_themes_shows_in_both_marked_also_in(study) -> None:
    study.add_to_theme("n-4", "t-bank")  # n-4 (P03): Export confusion and Bank
    state = study_state(study, "r1")
    assert state["placements"]["n-4"] == ["t-bank", "t-export"]
    themes = {t["id"]: (t["notes"], t["participants"]) for t in state["themes"]}
    assert themes == {"t-bank": (4, 3), "t-export": (1, 1)}  # n-4 counts in each
    assert len(state["cards"]) == 8  # still one card per note
    tree = _tree(snapshot_html(state))
    bank = tree.xpath("//section[@data-theme-id='t-bank']")[0]
    export = tree.xpath("//section[@data-theme-id='t-export']")[0]
    assert [c.get("data-note-id") for c in bank.xpath(".//*[@data-note-id]")] == \
        ["n-1", "n-2", "n-3", "n-4"]
    assert bank.xpath(".//p[@class='sb-theme-count']")[0].text_content() == \
        "4 notes · 3 of 5 participants"
    also = {s.get("data-theme-id"): [p.text_content() for p in s.xpath(".//p[@class='sb-also']")]
            for s in (bank, export)}
    assert also == {"t-bank": ["also in Export confusion"], "t-export": ["also in Bank "
                                                                         "connection anxiety"]}
    pile = tree.xpath("//*[@data-theme-id='unsorted']")[0]
    assert pile.xpath(".//span[@class='sb-theme-count']")[0].text_content() == "4 notes"
    bars = [b.text_content() for b in tree.xpath("//li[@class='sb-bar']")]
    assert bars == ["Bank connection anxiety3 of 5", "Export confusion1 of 5"]


def test_also_in_names_are_text(study) -> None:
    study.create_theme(HOSTILE, notes=["n-1"], theme_id="t-evil")
    page = snapshot_html(study_state(study, "r1"))
    assert HOSTILE not in page
    card = _tree(page).xpath("//section[@data-theme-id='t-bank']"
                             "//*[@data-note-id='n-1']//p[@class='sb-also']")[0]
    assert card.text_content() == f"also in {HOSTILE}"


def test_snapshot_says_edited_on_a_note_changed_by_hand_as_the_board_does(study) -> None:
    study.edit_note("n-2", "Worried the bank link could move money")
    tree = _tree(snapshot_html(study_state(study, "r1")))
    edited = tree.xpath("//*[@class='sb-edited']")
    assert [e.text_content() for e in edited] == ["edited"]  # n-2 only, in its one column
    card = edited[0].xpath("ancestor::*[@data-note-id]")[0]
    assert card.get("data-note-id") == "n-2"
    assert card.xpath(".//p[@class='sb-text']")[0].text_content() == (
        "Worried the bank link could move money")
    # the mark sits in the card's meta line between the participant and the segment, as
    # the live board draws it (synthesis/board/js/cards.js)
    assert [c.get("class") for c in card.xpath("./div[@class='sb-meta']/span")] == [
        "sb-pid", "sb-edited", "sb-seg"]
