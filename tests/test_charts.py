"""Charts: what a reader sees — bar values, k/n labels, colours, titles, escaped hover text."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from synthesis.analysis import (francis_stopping, guest_saturation, participant_theme_matrix,
                                saturation_curve, theme_cooccurrence, theme_frequency,
                                theme_shares_by_round)
from synthesis.charts import (THEME_PALETTE, cooccurrence_heatmap, escape, participant_heatmap,
                              round_shares_chart, saturation_chart, theme_bars, theme_colours)

EVIL = "<img src=x onerror=alert(1)> & <b>bold</b>"


def study() -> dict[str, pd.DataFrame]:
    """12 participants over two rounds. Bank: 5 people; Pricing: 3; Templates: 1; Empty: 0."""
    people = [f"p{i}" for i in range(1, 13)]
    participants = pd.DataFrame({
        "participant_id": people, "round_id": ["r1"] * 6 + ["r2"] * 6,
        "segment": ["smb", "smb", "smb", "enterprise", "enterprise", None] * 2})
    rows = []

    def add(pid: str, tid: str, text: str = "a note", kind: str = "observation") -> None:
        rnd = "r1" if int(pid[1:]) <= 6 else "r2"
        rows.append({"note_id": f"n{len(rows)}", "participant_id": pid, "round_id": rnd,
                     "session_id": f"s-{pid}", "theme_id": tid, "text": text, "kind": kind})

    for pid in ["p1", "p2", "p4", "p7", "p8"]:
        add(pid, "bank")
    add("p1", "bank", EVIL, kind="quote")
    for pid in ["p1", "p9", "p10"]:
        add(pid, "price")
    add("p3", "tmpl")
    themes = pd.DataFrame({"theme_id": ["bank", "price", "tmpl", "empty"],
                           "name": ["Bank connection anxiety", "Pricing <confusion>",
                                    "Templates", "Empty"],
                           "colour": [None, None, "#123456", None], "position": [0, 1, 2, 3]})
    sessions = pd.DataFrame({"session_id": [f"s-{p}" for p in people], "participant_id": people,
                             "round_id": ["r1"] * 6 + ["r2"] * 6,
                             "date": [f"2024-04-{i:02d}" for i in range(1, 13)]})
    rounds = pd.DataFrame({"round_id": ["r1", "r2"], "name": ["Round 1", "Round 2"],
                           "position": [0, 1]})
    return {"notes": pd.DataFrame(rows), "participants": participants, "themes": themes,
            "sessions": sessions, "rounds": rounds}


def test_theme_colours_use_own_colour_then_the_palette_by_board_order():
    s = study()
    colours = theme_colours(s["themes"])
    assert colours == {"bank": THEME_PALETTE[0], "price": THEME_PALETTE[1], "tmpl": "#123456",
                       "empty": THEME_PALETTE[3]}
    reordered = s["themes"].sample(frac=1, random_state=1)  # row order must not matter
    assert theme_colours(reordered) == colours
    many = pd.DataFrame({"theme_id": [f"t{i}" for i in range(11)], "name": "x",
                         "position": range(11)})
    assert theme_colours(many)["t9"] == THEME_PALETTE[0]  # cycles after nine


def test_bars_show_k_of_n_with_theme_colours_and_a_stating_title():
    s = study()
    freq = theme_frequency(s["notes"], s["participants"], s["themes"])
    fig = theme_bars(freq, s["themes"])
    bar = fig.data[0]
    assert list(bar.x) == [5, 3, 1, 0]
    assert list(bar.text) == ["5/12", "3/12", "1/12", "0/12"]
    assert list(bar.y) == ["Bank connection anxiety", "Pricing &lt;confusion&gt;", "Templates",
                           "Empty"]
    assert list(bar.marker.color) == [THEME_PALETTE[0], THEME_PALETTE[1], "#123456",
                                      THEME_PALETTE[3]]
    assert fig.layout.title.text == "Bank connection anxiety was raised by 5 of 12 participants"
    assert "(n=12)" in fig.layout.title.subtitle.text
    assert fig.layout.yaxis.autorange == "reversed"  # most raised at the top


def test_hover_shows_theme_k_of_n_and_an_escaped_quote():
    s = study()
    fig = theme_bars(theme_frequency(s["notes"], s["participants"], s["themes"]), s["themes"])
    custom = fig.data[0].customdata[0]
    assert custom[0] == "Bank connection anxiety" and custom[1] == "5/12"
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in custom[4]
    assert "<img" not in custom[4] and "<b>bold" not in custom[4]
    assert fig.data[0].customdata[1][0] == "Pricing &lt;confusion&gt;"
    assert "%{customdata[4]}" in fig.data[0].hovertemplate


def test_bars_stacked_by_segment():
    s = study()
    freq = theme_frequency(s["notes"], s["participants"], s["themes"], by="segment")
    fig = theme_bars(freq, s["themes"], by="segment", round="r1")
    bars = [t for t in fig.data if t.type == "bar"]
    assert [b.name for b in bars] == ["enterprise", "smb", "(not set)"]
    # smb: p1 p2 p3 p7 p8 p9 (6); enterprise: p4 p5 p10 p11 (4); p6 p12 not set (2)
    # bank: p1 p2 p7 p8 smb, p4 enterprise; pricing: p1 p9 smb, p10 enterprise; tmpl: p3 smb
    assert list(bars[0].x) == [1, 1, 0, 0] and list(bars[1].x) == [4, 2, 1, 0]
    assert list(bars[0].text) == ["1/4", "1/4", "", ""]
    assert list(bars[1].text) == ["4/6", "2/6", "1/6", ""]
    assert list(bars[2].x) == [0, 0, 0, 0]
    assert fig.layout.barmode == "stack"
    totals = next(t for t in fig.data if t.type == "scatter")
    assert list(totals.text) == ["5/12", "3/12", "1/12", "0/12"]
    # the theme colour still marks each label
    assert f'color:{THEME_PALETTE[0]}' in fig.layout.yaxis.ticktext[0]
    assert "round r1" in fig.layout.title.subtitle.text


def _swatch_colour(label: str) -> str:
    found = re.search(r"color:(#[0-9A-Fa-f]{6})", label)
    assert found, label
    return found.group(1)


def test_same_theme_same_colour_across_charts():
    s = study()
    freq = theme_frequency(s["notes"], s["participants"], s["themes"])
    bars = theme_bars(freq, s["themes"])
    bar_colour = dict(zip(freq["theme_id"], bars.data[0].marker.color))
    heat = participant_heatmap(participant_theme_matrix(s["notes"], s["participants"],
                                                        s["themes"]), s["themes"])
    heat_colour = dict(zip(["bank", "price", "tmpl", "empty"],
                           map(_swatch_colour, heat.layout.xaxis.ticktext)))
    co = cooccurrence_heatmap(theme_cooccurrence(s["notes"], s["participants"], s["themes"]),
                              s["themes"])
    co_colour = dict(zip(["bank", "price", "tmpl", "empty"],
                         map(_swatch_colour, co.layout.yaxis.ticktext)))
    lines = round_shares_chart(theme_shares_by_round(s["notes"], s["participants"],
                                                     s["themes"], s["rounds"]), s["themes"])
    line_colour = {t.name: t.line.color for t in lines.data}
    assert bar_colour == heat_colour == co_colour
    assert line_colour["Bank connection anxiety"] == bar_colour["bank"]
    assert line_colour["Templates"] == bar_colour["tmpl"] == "#123456"


def test_participant_heatmap_values_and_escaped_labels():
    s = study()
    matrix = participant_theme_matrix(s["notes"], s["participants"], s["themes"])
    fig = participant_heatmap(matrix, s["themes"])
    heat = fig.data[0]
    assert list(heat.y)[:3] == ["p1", "p2", "p3"]
    assert list(heat.x)[1] == "Pricing &lt;confusion&gt;"
    assert heat.z[0].tolist() == [2, 1, 0, 0]  # p1: two bank notes, one pricing note
    assert fig.layout.title.text == "Who raised what: 12 participants × 4 themes"


def test_cooccurrence_heatmap_blank_diagonal_and_title():
    s = study()
    fig = cooccurrence_heatmap(theme_cooccurrence(s["notes"], s["participants"], s["themes"]),
                               s["themes"])
    z = fig.data[0].z
    assert pd.isna(z[0][0])  # the diagonal is left blank
    assert z[0][1] == 1  # p1 raised bank and pricing
    assert fig.layout.title.text == ("Bank connection anxiety and Pricing &lt;confusion&gt; were "
                                     "raised together by 1 participant")
    assert "raised by 5 participants" in fig.data[0].text[0][0]


def test_saturation_chart_marks_the_point_at_the_right_x():
    s = study()
    curve = saturation_curve(s["notes"], s["sessions"], s["rounds"])
    # interviews in date order p1..p12 (with notes: p1 p2 p3 p4 p7 p8 p9 p10):
    # p1 adds bank+price, p2 -, p3 tmpl, p4 -, p7 -, p8 -, ... -> base 3 themes
    assert curve["new_themes"].tolist() == [2, 0, 1, 0, 0, 0, 0, 0]
    result = guest_saturation(curve)
    assert result.n == 6
    fig = saturation_chart(curve, result, francis_stopping(curve, initial=2, consecutive=3))
    point = next(t for t in fig.data if t.name == "rule's saturation point")
    assert list(point.x) == [6] and list(point.y) == [3]
    stop = next(t for t in fig.data if t.name == "stopping rule met")
    # n0 = 2; interview 3 adds tmpl; 4, 5 and 6 add nothing -> stop at 6
    assert list(stop.x) == [6]
    # The title says what the curve shows, the same sentence as the report's headline.
    assert fig.layout.title.text == ("No new themes in the last 5 interviews (of 8);<br>the last "
                                     "new theme appeared at interview 3")
    assert "B=4, R=2, τ≤5 %" in point.hovertemplate  # the rule's parameters: in the hover
    assert any(shape.x0 == 6 for shape in fig.layout.shapes)
    assert list(fig.data[1].y) == [2, 2, 3, 3, 3, 3, 3, 3]


def test_round_shares_chart_labels_and_title():
    s = study()
    # Every participant was interviewed (a session each), so n is 6 in both rounds.
    shares = theme_shares_by_round(s["notes"], s["participants"], s["themes"], s["rounds"],
                                   sessions=s["sessions"])
    fig = round_shares_chart(shares, s["themes"], s["rounds"])
    bank = next(t for t in fig.data if t.name == "Bank connection anxiety")
    assert list(bank.x) == ["Round 1", "Round 2"]
    assert list(bank.y) == pytest.approx([0.5, 1 / 3])
    # r1: p1 p2 p4 -> 3/6; r2: p7 p8 -> 2/6, where pricing is 2/6 as well: the lines meet,
    # and "2/6" is printed once there (for the higher trace in sort order), not twice.
    assert bank.text[0] == "3/6"
    at_r2 = [t.text[1] for t in fig.data if t.y[1] is not None and abs(t.y[1] - 1 / 3) < 1e-9]
    assert sorted(at_r2) == ["", "2/6"]
    # bank falls 3/6 -> 2/6, pricing rises 1/6 -> 2/6, templates falls 1/6 -> 0/6: three
    # changes of one sixth tie, and a tie goes to the first theme in board order -> bank
    assert fig.layout.title.text == ("Bank connection anxiety fell most: 3/6 → 2/6 "
                                     "participants (Round 1 → Round 2)")
    themes = s["themes"].assign(position=[1, 0, 2, 3])  # pricing first on the board
    shares = theme_shares_by_round(s["notes"], s["participants"], themes, s["rounds"],
                                   sessions=s["sessions"])
    fig = round_shares_chart(shares, themes, s["rounds"])
    assert fig.layout.title.text == ("Pricing &lt;confusion&gt; grew most: 1/6 → 2/6 "
                                     "participants (Round 1 → Round 2)")


def test_empty_study_charts_do_not_crash():
    s = study()
    none = s["themes"].iloc[0:0]
    freq = theme_frequency(s["notes"], s["participants"], none)
    assert theme_bars(freq, none).layout.title.text == "No themes yet"
    fig = cooccurrence_heatmap(theme_cooccurrence(s["notes"], s["participants"], none), none)
    assert fig.layout.title.text == "No two themes were raised by the same participant"


def test_escape_only_touches_what_plotly_reads_as_html():
    assert escape('a & b < c > "d"') == 'a &amp; b &lt; c &gt; "d"'


def _with_rounds(s: dict[str, pd.DataFrame], extra: list[tuple[str, str, int]]) -> pd.DataFrame:
    """The study's rounds plus rounds nobody has taken part in, as (id, name, position)."""
    more = pd.DataFrame(extra, columns=["round_id", "name", "position"])
    return pd.concat([s["rounds"], more], ignore_index=True).sort_values("position")


def test_round_shares_chart_shows_a_round_without_participants_as_a_gap():
    s = study()
    rounds = _with_rounds(s, [("r3", "Round 3", 2)])
    shares = theme_shares_by_round(s["notes"], s["participants"], s["themes"], rounds,
                                   sessions=s["sessions"])
    assert shares.loc[shares["round_id"] == "r3", "n"].tolist() == [0, 0, 0, 0]
    fig = round_shares_chart(shares, s["themes"], rounds)
    bank = next(t for t in fig.data if t.name == "Bank connection anxiety")
    assert list(bank.x) == ["Round 1", "Round 2", "Round 3"]
    assert list(bank.y)[:2] == pytest.approx([0.5, 1 / 3])
    assert list(bank.y)[2] is None  # no point, so the line stops: no fake 0 %
    assert bank.text[0] == "3/6" and bank.text[2] == ""  # not "0/0"
    # The headline compares the last two rounds that have participants.
    assert fig.layout.title.text == ("Bank connection anxiety fell most: 3/6 → 2/6 "
                                     "participants (Round 1 → Round 2)")
    notes = [a for a in fig.layout.annotations if a.x == "Round 3"]
    assert len(notes) == 1 and "no data" in notes[0].text
    assert "No participants yet in Round 3." in fig.layout.title.subtitle.text


def test_round_shares_chart_breaks_the_line_at_an_empty_round_between_two():
    s = study()
    # r2 moves to position 2; an empty round sits between r1 and r2.
    rounds = _with_rounds(s, [("gap", "Pilot", 1)]).assign(
        position=lambda d: d["round_id"].map({"r1": 0, "gap": 1, "r2": 2}))\
        .sort_values("position")
    shares = theme_shares_by_round(s["notes"], s["participants"], s["themes"], rounds,
                                   sessions=s["sessions"])
    fig = round_shares_chart(shares, s["themes"], rounds)
    price = next(t for t in fig.data if t.name == "Pricing &lt;confusion&gt;")
    assert list(price.x) == ["Round 1", "Pilot", "Round 2"]
    assert list(price.y)[1] is None and list(price.y)[2] == pytest.approx(2 / 6)
    assert fig.layout.title.text.endswith("(Round 1 → Round 2)")


def test_round_shares_chart_only_empty_rounds_besides_one():
    s = study()
    rounds = _with_rounds(s, [("r3", "Round 3", 2)])
    shares = theme_shares_by_round(s["notes"], s["participants"], s["themes"], rounds,
                                   sessions=s["sessions"])
    fig = round_shares_chart(shares[shares["round_id"] != "r2"], s["themes"], rounds)
    assert fig.layout.title.text == "Theme shares by round"  # one round with people: no change


def _lines(text: str) -> list[str]:
    """What plotly draws on each line, entities decoded back to one character each."""
    return [re.sub(r"&(amp|lt|gt);", "x", line) for line in text.split("<br>")]


def test_long_round_names_wrap_the_title_inside_a_900px_chart():
    s = study()
    rounds = s["rounds"].assign(name=["Round 1 · Discovery", "Round 2 · New onboarding flow"])
    shares = theme_shares_by_round(s["notes"], s["participants"], s["themes"], rounds,
                                   sessions=s["sessions"])
    fig = round_shares_chart(shares, s["themes"], rounds)
    # 110 characters on one line, about 8 px each, would run past a 900 px chart's edge.
    assert fig.layout.title.text == ("Bank connection anxiety fell most: 3/6 → 2/6 participants"
                                     "<br>(Round 1 · Discovery → Round 2 · New onboarding flow)")
    assert all(len(line) <= 80 for line in _lines(fig.layout.title.text))
    # Two title lines: the top margin grows by one line height so the plot is not covered.
    assert fig.layout.margin.t == max(100, 40 + 2 * 24 + 18)


def test_a_theme_after_the_rule_point_is_said_in_the_title_and_subtitle():
    s = study()
    late = pd.DataFrame([{"note_id": "late", "participant_id": "p12", "round_id": "r2",
                          "session_id": "s-p12", "theme_id": "tmpl2", "text": "x",
                          "kind": "observation"}])
    notes = pd.concat([s["notes"], late], ignore_index=True)
    curve = saturation_curve(notes, s["sessions"], s["rounds"])
    # p12 (the last interview, 9th with notes) brings a theme nobody raised before
    assert curve["new_themes"].tolist() == [2, 0, 1, 0, 0, 0, 0, 0, 1]
    result = guest_saturation(curve)
    assert result.n == 6
    fig = saturation_chart(curve, result)
    assert fig.layout.title.text == ("New themes were still appearing at the last interview"
                                     "<br>(1 new theme at interview 9 of 9)")
    sub = fig.layout.title.subtitle.text
    assert sub.split("<br>") == [
        "The base-and-run rule put saturation at interview 6, but 1 new theme came after it",
        "(at interview 9).",
        "New themes per interview (bars) and themes seen so far (line), interviews in date "
        "order."]
    assert all(len(line) <= 95 for line in _lines(sub))


def test_round_labels_close_together_never_overlap():
    from synthesis.charts.rounds import _place_labels

    # One round, four lines: 60 %, 58 % (too close: its label goes below its point),
    # 57 % (a third in the crowd: no label), 40 % (far enough: above, as usual).
    placed = _place_labels([(["6/10"], [0.6]), (["5/9"], [0.58]), (["4/7"], [0.57]),
                            (["4/10"], [0.4])])
    assert placed == [(["6/10"], ["top center"]), (["5/9"], ["bottom center"]),
                      ([""], ["top center"]), (["4/10"], ["top center"])]
