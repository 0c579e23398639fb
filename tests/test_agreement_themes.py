"""Agreement per theme (the codings view), every figure worked out by hand a second way.

The package computes with scikit-learn, statsmodels and krippendorff; these tests write the
textbook formulas out (Cohen 1960; Fleiss, Cohen & Everitt 1969 for the standard error;
Byrt, Bishop & Carlin 1993 for PABAK, prevalence and bias; Krippendorff's coincidence matrix;
Fleiss 1971) and check the package against them on cases small enough to follow.
"""

from __future__ import annotations

import doctest
import importlib
import math

import numpy as np
import pandas as pd
import pytest
from agreement_helpers import notes, sort

from synthesis.agreement import codings, compare_sorts, overall_agreement, theme_agreement
from synthesis.errors import AnalysisError


def by_theme(frame: pd.DataFrame, theme: str) -> pd.Series:
    return frame.set_index("theme").loc[theme]


# -- two sorts: a 2×2 table worked by hand -------------------------------------------------
# 50 notes; "Setup": both placed 20 (a), only dana 5 (b), only lee 10 (c), neither 15 (d).
A, B, C, D = 20, 5, 10, 15
DANA = sort(Setup=list(range(25)))
LEE = sort(Setup=list(range(20)) + list(range(25, 35)))


def test_two_by_two_counts_and_cohens_kappa_by_hand() -> None:
    row = by_theme(theme_agreement(codings(notes(50), {"dana": DANA, "lee": LEE})), "Setup")
    assert (row["a"], row["b"], row["c"], row["d"], row["n"]) == (A, B, C, D, 50)
    n = A + B + C + D
    po = (A + D) / n                                     # 35/50 = 0.70
    p_dana, p_lee = (A + B) / n, (A + C) / n             # 0.50, 0.60
    pe = p_dana * p_lee + (1 - p_dana) * (1 - p_lee)     # 0.30 + 0.20 = 0.50
    assert row["po"] == pytest.approx(0.70) == pytest.approx(po)
    assert row["pe"] == pytest.approx(0.50) == pytest.approx(pe)
    assert row["kappa"] == pytest.approx(0.40) == pytest.approx((po - pe) / (1 - pe))


def test_pabak_prevalence_and_bias_by_hand() -> None:
    row = by_theme(theme_agreement(codings(notes(50), {"dana": DANA, "lee": LEE})), "Setup")
    assert row["pabak"] == pytest.approx(2 * 0.70 - 1)            # 0.40
    assert row["prevalence_index"] == pytest.approx((A - D) / 50)  # +0.10
    assert row["bias_index"] == pytest.approx((B - C) / 50)        # -0.10: lee uses it more
    # Byrt et al.'s identity ties the four together.
    pi, bi = row["prevalence_index"], row["bias_index"]
    assert row["kappa"] == pytest.approx((row["pabak"] - pi ** 2 + bi ** 2)
                                         / (1 - pi ** 2 + bi ** 2))


def test_confidence_interval_is_fleiss_cohen_everitt_by_hand() -> None:
    row = by_theme(theme_agreement(codings(notes(50), {"dana": DANA, "lee": LEE})), "Setup")
    # Fleiss, Cohen & Everitt (1969), written out for the 2×2 table (rows dana, columns lee).
    n, kappa, pe = 50, 0.4, 0.5
    p = np.array([[A, B], [C, D]]) / n
    rows, cols = p.sum(axis=1), p.sum(axis=0)              # dana 0.5/0.5, lee 0.6/0.4
    diagonal = sum(p[i, i] * (1 - (rows[i] + cols[i]) * (1 - kappa)) ** 2 for i in range(2))
    off = (1 - kappa) ** 2 * sum(p[i, j] * (cols[i] + rows[j]) ** 2
                                 for i in range(2) for j in range(2) if i != j)
    variance = (diagonal + off - (kappa - pe * (1 - kappa)) ** 2) / ((1 - pe) ** 2 * n)
    assert variance == pytest.approx(0.2016 / 12.5)        # 0.016128, worked on paper
    se = math.sqrt(variance)
    assert row["ci_low"] == pytest.approx(0.4 - 1.959964 * se, abs=1e-6)   # 0.1511
    assert row["ci_high"] == pytest.approx(0.4 + 1.959964 * se, abs=1e-6)  # 0.6489
    assert round(row["ci_low"], 4) == 0.1511 and round(row["ci_high"], 4) == 0.6489


def test_krippendorff_alpha_per_theme_by_the_coincidence_matrix() -> None:
    row = by_theme(theme_agreement(codings(notes(50), {"dana": DANA, "lee": LEE})), "Setup")
    # Two coders, no missing values: 100 values, "applied" 2a + b + c = 55 times.
    values, applied, not_applied = 100, 2 * A + B + C, 2 * D + B + C
    assert row["krippendorff_alpha"] == pytest.approx(
        1 - (values - 1) * (B + C) / (applied * not_applied))     # 1 - 1485/2475 = 0.4


def test_kappa_paradox_97_percent_agreement_and_kappa_zero() -> None:
    # 100 notes: dana put 3 in "Onboarding", lee has the theme but put nothing in it.
    table = theme_agreement(codings(notes(100), {
        "dana": sort(Onboarding=[0, 1, 2]), "lee": sort(Onboarding=[])}))
    row = by_theme(table, "Onboarding")
    assert (row["a"], row["b"], row["c"], row["d"]) == (0, 3, 0, 97)
    assert row["po"] == pytest.approx(0.97)
    assert row["pe"] == pytest.approx(0.03 * 0.0 + 0.97 * 1.0)
    assert row["kappa"] == 0.0
    assert row["pabak"] == pytest.approx(0.94)
    assert row["prevalence_index"] == pytest.approx(-0.97)   # a rare theme
    assert row["bias_index"] == pytest.approx(0.03)          # dana uses it, lee does not
    assert math.isnan(row["ci_low"]) and math.isnan(row["ci_high"])
    assert "only one sort used this theme" in row["note"]


def test_a_theme_neither_coder_used() -> None:
    # "Pricing" exists in both sorts and holds no note: agreement is perfect and says nothing.
    table = theme_agreement(codings(notes(10), {
        "dana": sort(Setup=[0, 1, 2], Pricing=[]), "lee": sort(Setup=[0, 1], Pricing=[])}))
    row = by_theme(table, "Pricing")
    assert (row["a"], row["b"], row["c"], row["d"]) == (0, 0, 0, 10)
    assert row["po"] == 1.0 and row["pe"] == 1.0 and row["pabak"] == 1.0
    assert math.isnan(row["kappa"]) and math.isnan(row["krippendorff_alpha"])
    assert math.isnan(row["ci_low"])
    assert row["note"] == "neither sort used this theme"
    # Setup: a=2, b=1, c=0, d=7 -> po 0.9, pe 0.3*0.2 + 0.7*0.8 = 0.62, kappa 0.28/0.38.
    assert by_theme(table, "Setup")["kappa"] == pytest.approx(0.28 / 0.38)


def test_perfect_agreement_and_json_nulls() -> None:
    same = sort(Setup=[0, 1], Pricing=[2, 3])
    result = compare_sorts(notes(6), {"dana": same, "lee": same})
    assert result.themes["kappa"].tolist() == [1.0, 1.0]
    payload = result.to_json()
    assert [t["theme"] for t in payload["themes"]] == ["Setup", "Pricing"]
    for theme in payload["themes"]:
        assert {"theme", "kappa", "po", "pe", "a", "b", "c", "d", "pabak", "ci_low",
                "ci_high"} <= set(theme)
    # kappa 1 has a standard error of 0: the interval is the point.
    assert payload["themes"][0]["ci_low"] == 1.0
    assert payload["partition"]["edit_distance"] == 0


def test_overall_alpha_pools_note_theme_units_by_hand() -> None:
    # 4 notes, themes X and Y; units are the 8 (note, theme) pairs.
    c = codings(notes(4), {"dana": sort(X=[0, 1], Y=[2]), "lee": sort(X=[0], Y=[2, 3])})
    overall = overall_agreement(c)
    assert overall["units"] == 8 and overall["themes"] == 2
    # X: a=1 b=1 c=0 d=2; Y: a=1 b=0 c=1 d=2. Pooled: a=2, b+c=2, d=4 over 8 units.
    values, applied, not_applied = 16, 2 * 2 + 2, 2 * 4 + 2
    assert overall["krippendorff_alpha"] == pytest.approx(
        1 - (values - 1) * 2 / (applied * not_applied))          # 1 - 30/60 = 0.5


# -- three sorts: Fleiss' kappa and α by hand ------------------------------------------
THREE = {"dana": sort(X=[0, 1]), "lee": sort(X=[0]), "sam": sort(X=[0, 1])}


def test_fleiss_kappa_per_theme_by_hand() -> None:
    row = by_theme(theme_agreement(codings(notes(3), THREE)), "X")
    # Note 0: all three apply X (3 of 3 pairs agree); note 1: two of three (1 of 3 pairs);
    # note 2: nobody (3 of 3). P-bar = (1 + 1/3 + 1) / 3 = 7/9; applied 5 of 9 ratings,
    # Pe = (5/9)^2 + (4/9)^2 = 41/81; kappa = (63/81 - 41/81) / (40/81) = 22/40.
    assert row["po"] == pytest.approx(7 / 9)
    assert row["pe"] == pytest.approx(41 / 81)
    assert row["kappa"] == pytest.approx(0.55)
    assert (row["applied[dana]"], row["applied[lee]"], row["applied[sam]"]) == (2, 1, 2)


def test_krippendorff_alpha_three_coders_by_hand() -> None:
    row = by_theme(theme_agreement(codings(notes(3), THREE)), "X")
    # Coincidences: note 0 {1,1,1} gives o11 += 3; note 1 {1,0,1} gives o11 += 1,
    # o10 = o01 += 1; note 2 {0,0,0} gives o00 += 3. n1 = 5, n0 = 4, N = 9.
    assert row["krippendorff_alpha"] == pytest.approx(1 - (9 - 1) * 2 / (2 * 5 * 4))  # 0.6


def test_three_sorts_give_fleiss_overall_and_every_pair() -> None:
    result = compare_sorts(notes(3), THREE)
    assert result.overall["fleiss_kappa"] == pytest.approx(0.55)   # one theme: the same table
    payload = result.to_json()
    assert payload["partition"] is None
    assert [p["sorts"] for p in payload["pairs"]] == [["dana", "lee"], ["dana", "sam"],
                                                      ["lee", "sam"]]
    dana_lee = payload["pairs"][0]["themes"][0]
    # Note 1 is the only disagreement: a=1, b=1, c=0, d=1 -> po 2/3, pe 2/3*1/3 + 1/3*2/3.
    assert (dana_lee["a"], dana_lee["b"], dana_lee["c"], dana_lee["d"]) == (1, 1, 0, 1)
    assert dana_lee["kappa"] == pytest.approx((2 / 3 - 4 / 9) / (1 - 4 / 9))   # 0.4
    assert payload["pairs"][1]["themes"][0]["kappa"] == 1.0


# -- matching themes by name ------------------------------------------------------------
def test_themes_match_by_name_ignoring_case_and_spacing_and_through_a_mapping() -> None:
    dana = sort(**{"Bank  anxiety": [0, 1], "Setup": [2]})
    lee = sort(**{"bank anxiety": [0, 1], "Getting started": [2]})
    plain = codings(notes(3), {"dana": dana, "lee": lee})
    assert plain.themes == ("Bank anxiety", "Setup", "Getting started")
    mapped = codings(notes(3), {"dana": dana, "lee": lee}, mapping={"getting started": "Setup"})
    assert mapped.themes == ("Bank anxiety", "Setup")
    assert theme_agreement(mapped)["kappa"].tolist() == [1.0, 1.0]


def test_bad_input_is_one_sentence() -> None:
    with pytest.raises(AnalysisError, match="at least two sorts"):
        codings(notes(2), {"dana": sort(X=[0])})
    with pytest.raises(AnalysisError, match="sort 'lee' places 1 note"):
        codings(notes(2), {"dana": sort(X=[0]), "lee": sort(X=[7])})
    with pytest.raises(AnalysisError, match="need the column"):
        codings(notes(2), {"dana": sort(X=[0]), "lee": pd.DataFrame({"note_id": ["n000"]})})


def test_inputs_are_not_changed() -> None:
    dana, lee, units = DANA.copy(), LEE.copy(), notes(50)
    compare_sorts(units, {"dana": dana, "lee": lee})
    pd.testing.assert_frame_equal(dana, DANA)
    pd.testing.assert_frame_equal(lee, LEE)
    pd.testing.assert_frame_equal(units, notes(50))


@pytest.mark.parametrize("module", ["units", "per_theme", "partition", "edit_distance",
                                    "element_centric", "disagreements", "compare", "queue"])
def test_docstring_examples_run(module: str) -> None:
    mod = importlib.import_module(f"synthesis.agreement.{module}")
    failures, tried = doctest.testmod(mod, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0 and failures == 0
