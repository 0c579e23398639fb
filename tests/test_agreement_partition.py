"""Agreement between two sorts as partitions, every figure worked out a second way.

The package uses scikit-learn (adjusted Rand index, mutual information), scipy (entropy, the
optimal theme matching) and a closed form for α over pairs and the element-centric walk;
these tests count note pairs by enumeration, write Warrens' (2008) kappa over pairs, Meilă's
entropies and Krippendorff's coincidence matrix out by hand, find the fewest moves by trying
every matching, and run the element-centric random walk by power iteration.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

import krippendorff
import numpy as np
import pandas as pd
import pytest
from agreement_helpers import notes, sort

from synthesis.agreement import (card_sort_edit_distance, codings, compare_sorts,
                                 element_centric_similarity, pair_alpha, pair_counts,
                                 partition_agreement, variation_of_information)

# 8 notes. dana: T1 = {1..5}, T2 = {6, 7, 8}; lee: U1 = {1, 2, 3, 6, 7, 8}, U2 = {4, 5}.
# The largest overlap is T1-U1 (3 notes), but taking it leaves T2-U2 (0): 3 kept, 5 moves.
# The best matching is T1-U2 (2) + T2-U1 (3): 5 kept, 3 moves (notes 1, 2, 3).
DANA = pd.Series({f"n{i}": ("T1" if i <= 5 else "T2") for i in range(1, 9)})
LEE = pd.Series({f"n{i}": ("U1" if i in (1, 2, 3, 6, 7, 8) else "U2") for i in range(1, 9)})


def enumerate_pairs(first: pd.Series, second: pd.Series) -> tuple[int, int, int, int]:
    a = b = c = d = 0
    for i, j in itertools.combinations(first.index, 2):
        together_1, together_2 = first[i] == first[j], second[i] == second[j]
        a += together_1 and together_2
        b += together_1 and not together_2
        c += together_2 and not together_1
        d += not together_1 and not together_2
    return a, b, c, d


def brute_force_moves(first: pd.Series, second: pd.Series) -> int:
    """The fewest notes to move, by trying every one-to-one matching of themes."""
    cells = Counter(zip(first, second))
    ta, tb = sorted(set(first)), sorted(set(second))
    best = 0
    for perm in itertools.permutations(tb + [None] * len(ta), len(ta)):
        best = max(best, sum(cells[(x, y)] for x, y in zip(ta, perm) if y is not None))
    return len(first) - best


def test_pair_counts_by_enumeration() -> None:
    # Together in dana: C(5,2) + C(3,2) = 13; in lee: C(6,2) + C(2,2) = 16; in both: the
    # cells T1∩U1 (3), T1∩U2 (2), T2∩U1 (3) give 3 + 1 + 3 = 7; 28 pairs in all.
    assert pair_counts(DANA, LEE) == enumerate_pairs(DANA, LEE) == (7, 6, 9, 6)


def test_adjusted_rand_index_is_kappa_over_note_pairs() -> None:
    p = _partition(DANA, LEE)
    a, b, c_, d = enumerate_pairs(DANA, LEE)
    n = a + b + c_ + d
    po = (a + d) / n
    pe = ((a + b) * (a + c_) + (c_ + d) * (b + d)) / n ** 2
    kappa_pairs = (po - pe) / (1 - pe)
    assert kappa_pairs == pytest.approx(-2 / 33)              # worked on paper
    assert p.summary["ari"] == pytest.approx(kappa_pairs)     # Warrens (2008)


def test_krippendorff_alpha_over_pairs_against_the_package() -> None:
    b, c = 6, 9
    # Coincidences: 56 values, "together" 2a + b + c = 29 times, "apart" 2d + b + c = 27.
    by_hand = 1 - (56 - 1) * (b + c) / (29 * 27)
    assert pair_alpha(DANA, LEE) == pytest.approx(by_hand)    # -0.0536
    # The reference package, fed one unit per note pair.
    rows = [[int(DANA[i] == DANA[j]) for i, j in itertools.combinations(DANA.index, 2)],
            [int(LEE[i] == LEE[j]) for i, j in itertools.combinations(LEE.index, 2)]]
    assert pair_alpha(DANA, LEE) == pytest.approx(krippendorff.alpha(
        reliability_data=rows, level_of_measurement="nominal"))


def test_alpha_over_pairs_matches_the_package_on_random_sorts() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        n = int(rng.integers(4, 30))
        first = pd.Series(rng.integers(0, 4, n)).astype(str)
        second = pd.Series(rng.integers(0, 5, n)).astype(str)
        rows = [[int(s[i] == s[j]) for i, j in itertools.combinations(range(n), 2)]
                for s in (first, second)]
        if len(set(rows[0] + rows[1])) < 2:
            continue
        expected = krippendorff.alpha(reliability_data=rows, level_of_measurement="nominal")
        assert pair_alpha(first, second) == pytest.approx(expected)


def test_variation_of_information_by_hand() -> None:
    def h(*p: float) -> float:
        return -sum(x * math.log2(x) for x in p if x)

    # dana (5/8, 3/8); lee (6/8, 2/8); joint cells 3/8, 2/8, 3/8.
    by_hand = 2 * h(3 / 8, 2 / 8, 3 / 8) - h(5 / 8, 3 / 8) - h(6 / 8, 2 / 8)
    assert by_hand == pytest.approx(1.356844, abs=1e-6)
    assert variation_of_information(DANA, LEE) == pytest.approx(by_hand)
    assert variation_of_information(DANA, DANA.map({"T1": "A", "T2": "B"})) == 0.0


def test_edit_distance_takes_the_optimal_matching_not_the_greedy_one() -> None:
    result = card_sort_edit_distance(DANA, LEE)
    assert result.distance == 3 == brute_force_moves(DANA, LEE)
    assert result.moves["note_id"].tolist() == ["n1", "n2", "n3"]
    assert result.moves["move_to"].tolist() == ["T2", "T2", "T2"]  # where U1's notes sit
    matched = result.matched.set_index("theme_a")
    assert matched.loc["T2", "theme_b"] == "U1" and matched.loc["T1", "theme_b"] == "U2"
    # Jaccard: T2 ∩ U1 = 3 of T2 ∪ U1 = 6; T1 ∩ U2 = 2 of 5.
    assert matched.loc["T2", "jaccard"] == pytest.approx(3 / 6)
    assert matched.loc["T1", "jaccard"] == pytest.approx(2 / 5)
    # The same distance in the other direction.
    assert card_sort_edit_distance(LEE, DANA).distance == 3


def test_edit_distance_matches_brute_force_on_random_sorts() -> None:
    rng = np.random.default_rng(11)
    for _ in range(40):
        n = int(rng.integers(1, 12))
        index = [f"n{i}" for i in range(n)]
        first = pd.Series(rng.integers(0, 4, n), index=index).map("A{}".format)
        second = pd.Series(rng.integers(0, 5, n), index=index).map("B{}".format)
        result = card_sort_edit_distance(first, second)
        assert result.distance == brute_force_moves(first, second)
        assert len(result.moves) == result.distance
        # Making the moves turns the first sort into the second (up to theme names).
        moved = first.copy()
        fresh = iter(range(100))
        new_theme: dict[str, str] = {}
        for _, m in result.moves.iterrows():
            to = m["move_to"] if isinstance(m["move_to"], str) else new_theme.setdefault(
                m["theme_b"], f"new{next(fresh)}")
            moved[m["note_id"]] = to
        assert variation_of_information(moved, second) == pytest.approx(0.0, abs=1e-12)


def test_a_theme_added_and_a_theme_split() -> None:
    # lee split dana's Setup (4 notes) into Setup (2) and Bank (2): two notes move.
    dana = sort(Setup=[0, 1, 2, 3], Pricing=[4, 5])
    lee = sort(Setup=[0, 1], Bank=[2, 3], Pricing=[4, 5])
    p = compare_sorts(notes(6), {"dana": dana, "lee": lee}).partition
    assert p.summary["edit_distance"] == 2
    assert p.notes_to_move["note_id"].tolist() == ["n002", "n003"]
    assert p.notes_to_move["text"].tolist() == ["note 2", "note 3"]
    assert p.notes_to_move["move_to"].isna().all()      # Bank has no partner: a new theme
    assert p.summary["unmatched_b"] == ["Bank"]


# -- notes in several themes, unsorted notes -------------------------------------------
def test_notes_in_several_themes_and_unsorted_notes_are_counted_out() -> None:
    # n000 sits in two themes in lee's sort; n005 is unsorted in dana's; n006 in neither.
    dana = sort(Setup=[0, 1, 2], Pricing=[3, 4])
    lee = sort(Setup=[0, 1, 2], Pricing=[0, 3, 4, 5])
    p = compare_sorts(notes(7), {"dana": dana, "lee": lee}).partition
    assert p.summary["notes_compared"] == 4
    assert p.summary["excluded_several_themes"] == 1
    assert p.summary["excluded_unsorted"] == 2
    assert p.summary["ari"] == 1.0 and p.summary["edit_distance"] == 0
    # The element-centric measure keeps n000 (placed by both): 5 notes.
    assert p.summary["element_centric_notes"] == 5
    assert p.summary["element_centric"] < 1.0


def test_element_centric_on_partitions_by_hand() -> None:
    # For one theme per note, the walk from a note in a theme of s notes (dana) and t notes
    # (lee), k shared: L1 = 0.9 [k |1/s - 1/t| + (s - k)/s + (t - k)/t]; score 1 - L1 / 1.8.
    def score(s: int, t: int, k: int) -> float:
        return 1 - 0.5 * (k * abs(1 / s - 1 / t) + (s - k) / s + (t - k) / t)

    assert score(5, 2, 2) == pytest.approx(0.4)    # note 4: dana's T1 vs lee's U2
    expected = np.mean([score(5, 6, 3)] * 3 + [score(5, 2, 2)] * 2 + [score(3, 6, 3)] * 3)
    first = pd.get_dummies(DANA).astype(bool)
    second = pd.get_dummies(LEE).astype(bool)
    mean, per_note = element_centric_similarity(first, second)
    assert mean == pytest.approx(expected)
    assert per_note["n4"] == pytest.approx(0.4)


def power_iteration(membership: np.ndarray, alpha: float = 0.9) -> np.ndarray:
    """Personalised PageRank of the note → theme → note walk, by repeated steps."""
    m = membership.astype(float)
    step = (m / m.sum(1, keepdims=True)) @ (m / m.sum(0, keepdims=True)).T
    n = len(m)
    out = np.zeros((n, n))
    for i in range(n):
        start = np.eye(n)[i]
        p = start.copy()
        for _ in range(500):
            p = (1 - alpha) * start + alpha * p @ step
        out[i] = p
    return out


def test_element_centric_with_overlaps_against_a_power_iteration_and_clusim() -> None:
    # The example of clusim's element_sim docstring (Gates et al.'s own package), elements
    # 0..5 as notes and clusters 0..2 as themes.
    one = {0: [0], 1: [0], 2: [0, 1], 3: [1], 4: [2], 5: [2]}
    two = {0: [0, 2], 1: [0], 2: [0, 1], 3: [1], 4: [2], 5: [1, 2]}
    first, second = (pd.DataFrame([[t in d[e] for t in range(3)] for e in range(6)],
                                  index=[f"e{e}" for e in range(6)]) for d in (one, two))
    walk_1, walk_2 = power_iteration(first.to_numpy()), power_iteration(second.to_numpy())
    by_walk = 1 - np.abs(walk_1 - walk_2).sum(axis=1) / (2 * 0.9)
    mean, per_note = element_centric_similarity(first, second)
    assert per_note.to_numpy() == pytest.approx(by_walk)
    # clusim 0.4's element_sim(alpha=0.9) on this example (its sparse matrix call patched
    # for current SciPy, run once): 0.5738968633705475.
    assert mean == pytest.approx(0.5738968633705475)


def test_an_empty_comparison_is_nan_not_an_error() -> None:
    p = partition_agreement(codings(notes(3), {"dana": sort(X=[]), "lee": sort(X=[])}),
                            "dana", "lee")
    assert p.summary["notes_compared"] == 0 and p.summary["edit_distance"] == 0
    assert math.isnan(p.summary["ari"]) and math.isnan(p.summary["krippendorff_alpha"])
    assert p.summary["excluded_unsorted"] == 3


def _partition(first: pd.Series, second: pd.Series):
    units = pd.DataFrame({"note_id": first.index})
    c = codings(units, {"dana": pd.DataFrame({"note_id": first.index, "theme": first.values}),
                        "lee": pd.DataFrame({"note_id": second.index, "theme": second.values})})
    return partition_agreement(c, "dana", "lee")


def test_ari_equals_kappa_over_pairs_on_random_sorts() -> None:
    rng = np.random.default_rng(3)
    for _ in range(20):
        n = int(rng.integers(5, 25))
        first = pd.Series(rng.integers(0, 3, n), index=[f"n{i}" for i in range(n)]).map(
            "A{}".format)
        second = pd.Series(rng.integers(0, 4, n), index=first.index).map("B{}".format)
        a, b, c, d = enumerate_pairs(first, second)
        total = a + b + c + d
        pe = ((a + b) * (a + c) + (c + d) * (b + d)) / total ** 2
        if pe == 1:
            continue
        kappa = ((a + d) / total - pe) / (1 - pe)
        assert _partition(first, second).summary["ari"] == pytest.approx(kappa)


def test_disagreements_list_each_researchers_choice() -> None:
    dana = sort(Setup=[0, 1, 2], Pricing=[3])
    lee = sort(Setup=[0, 1], Pricing=[2, 3], Trust=[1])
    queue = compare_sorts(notes(5), {"dana": dana, "lee": lee}).disagreements
    # n001: Setup vs Setup + Trust; n002: Setup vs Pricing. n000, n003, n004 agree.
    assert queue["note_id"].tolist() == ["n001", "n002"]
    assert queue["themes[dana]"].tolist() == [("Setup",), ("Setup",)]
    assert queue["themes[lee]"].tolist() == [("Setup", "Trust"), ("Pricing",)]
    assert queue["theme_pair"].tolist() == ["Setup → Setup; Trust", "Setup → Pricing"]
    assert queue["text"].tolist() == ["note 1", "note 2"]
