"""One theme, one colour; one segment, one colour: the board, its snapshot and the charts agree.

Before issue 11 there were three palettes (board.js, the board snapshot and the charts) and a
theme without a colour of its own was drawn in a different colour in each; segment colours
were given in table order in the chart and in sorted order in the snapshot, so two segments
swapped colours within one report.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from board_helpers import make_small_study
from lxml import html as lxml_html

from synthesis.analysis import theme_frequency
from synthesis.board import board_fragment, study_state
from synthesis.charts import theme_bars
from synthesis.colours import (NOT_SET_COLOUR, SEGMENT_PALETTE, THEME_PALETTE,
                               attribute_colours, theme_colours)
from synthesis.report import sections
from synthesis.report.context import load_context

JS = Path(__file__).parents[1] / "synthesis" / "board" / "js"


def test_theme_colours_by_board_order_whatever_the_row_order() -> None:
    themes = pd.DataFrame({"theme_id": ["b", "a", "c"], "name": ["B", "A", "C"],
                           "colour": [None, None, "#123456"], "position": [1, 0, 2]})
    assert theme_colours(themes) == {"a": THEME_PALETTE[0], "b": THEME_PALETTE[1],
                                     "c": "#123456"}


def test_attribute_values_sorted_naturally_and_not_set_grey() -> None:
    assert attribute_colours(["P10", "P2", None, ""]) == {
        "P2": SEGMENT_PALETTE[0], "P10": SEGMENT_PALETTE[1], "(not set)": NOT_SET_COLOUR}
    # The order values arrive in does not matter: the chart and the board see different orders.
    assert attribute_colours(["SMB", "Enterprise"]) == attribute_colours(["Enterprise", "SMB"])


def test_no_palette_is_left_in_the_board_front_end() -> None:
    for module in JS.glob("*.js"):
        hexes = re.findall(r"#[0-9a-fA-F]{6}\b", module.read_text(encoding="utf-8"))
        assert set(hexes) <= {"#BBBBBB"}, (module.name, hexes)  # colours come with the state


def test_board_snapshot_and_chart_show_each_theme_and_segment_in_one_colour(tmp_path) -> None:
    study = make_small_study(tmp_path / "study")
    try:
        state = study_state(study, "r1")
        board = {t["id"]: t["colour"] for t in state["themes"]}
        # Neither theme has a colour of its own: the palette by board order, everywhere.
        assert board == {"t-bank": THEME_PALETTE[0], "t-export": THEME_PALETTE[1]}
        assert state["meta"]["accents"]["segment"] == {
            "Enterprise": SEGMENT_PALETTE[0], "Freelancer": SEGMENT_PALETTE[1],
            "SMB": SEGMENT_PALETTE[2]}

        page = lxml_html.fromstring(board_fragment(state, colour_by="segment"))
        columns = {el.get("data-theme-id"): el.get("style") for el in
                   page.xpath("//*[@data-theme-id]") if el.get("style")}
        assert f"--sb-theme: {THEME_PALETTE[0]}" in columns["t-bank"]
        chips = {el.text_content(): el.xpath(".//span[@class='sb-dot']")[0].get("style")
                 for el in page.xpath("//div[@class='sb-legend']/span[@class='sb-chip']")}
        assert chips["SMB"] == f"background: {SEGMENT_PALETTE[2]}"

        ctx = load_context(study, "r1", redact=False)
        chart = sections.theme_chart(ctx)
        bars = {trace.name: trace.marker.color for trace in chart.data if trace.type == "bar"}
        assert bars["SMB"] == SEGMENT_PALETTE[2] and bars["Enterprise"] == SEGMENT_PALETTE[0]
        swatches = chart.layout.yaxis.ticktext
        assert any(THEME_PALETTE[0] in t and "Bank connection anxiety" in t for t in swatches)
        # The report's own board snapshot uses the same segment colours as its chart.
        snapshot = str(sections.board_section(ctx))
        assert f"background: {SEGMENT_PALETTE[2]}\"></span><span>SMB" in snapshot
    finally:
        study.close()


def test_a_chart_alone_colours_segments_the_same_way() -> None:
    notes = pd.DataFrame({"note_id": ["a", "b"], "participant_id": ["p1", "p2"],
                          "theme_id": ["t1", "t1"]})
    people = pd.DataFrame({"participant_id": ["p1", "p2"], "segment": ["SMB", "Enterprise"]})
    themes = pd.DataFrame({"theme_id": ["t1"], "name": ["Setup"]})
    fig = theme_bars(theme_frequency(notes, people, themes, by="segment"), themes, by="segment")
    assert {t.name: t.marker.color for t in fig.data if t.type == "bar"} == {
        "Enterprise": SEGMENT_PALETTE[0], "SMB": SEGMENT_PALETTE[1]}
