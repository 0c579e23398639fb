"""Agreement between two sorts as partitions of the notes (each note in one theme).

- ``ari``: the adjusted Rand index (scikit-learn's ``adjusted_rand_score``). Over every pair
  of notes, "the two notes are in the same theme" is a yes/no judgement each sort makes; the
  ARI equals Cohen's kappa on those pair judgements (Warrens 2008).
- ``krippendorff_alpha``: nominal α over the same note pairs. Worked from the 2×2 table of
  pair judgements through the coincidence matrix (``1 - (N - 1) (b + c) / (n0 n1)`` with
  ``N`` twice the pairs), because the ``krippendorff`` package needs one row per pair: 500 MB
  and 2 s for 3,000 notes. The tests check it against the package.
- ``variation_of_information`` (Meilă 2007): ``H(A|B) + H(B|A)`` in bits; 0 when the sorts are
  the same, at most ``log2 n`` (summed from the contingency table: no library has it).
- ``edit_distance``: the card-sort edit distance (Deibel, Anderson & Anderson 2005) with the
  notes to move and the matched theme pairs (:mod:`.edit_distance`).

These need each note in exactly one theme in both sorts. The others are left out and counted:
``excluded_unsorted`` (a note at least one sort left unsorted) and ``excluded_several_themes``
(a note at least one sort put in several themes). ``element_centric`` (Gates et al. 2019,
:mod:`.element_centric`) keeps the notes in several themes: it is taken over every note both
sorts placed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score
from sklearn.metrics.cluster import pair_confusion_matrix

from .edit_distance import card_sort_edit_distance
from .element_centric import element_centric_similarity
from .units import Codings, single_labels


@dataclass(frozen=True)
class PartitionAgreement:
    """The partition figures of two sorts (``summary``), the matched theme pairs and the notes
    to move (frames), and each note's element-centric score."""

    sorts: tuple[str, str]
    summary: dict[str, Any]
    matched: pd.DataFrame
    notes_to_move: pd.DataFrame
    element_scores: pd.Series


def pair_counts(first: pd.Series, second: pd.Series) -> tuple[int, int, int, int]:
    """The note pairs both sorts put together (a), only the first (b), only the second (c),
    and neither (d).

    Examples
    --------
    >>> pair_counts(pd.Series(["X", "X", "Y"]), pd.Series(["P", "Q", "Q"]))
    (0, 1, 1, 1)
    """
    # scikit-learn counts ordered pairs: every figure is twice the unordered count.
    (d, c), (b, a) = pair_confusion_matrix(first, second) // 2
    return int(a), int(b), int(c), int(d)


def pair_alpha(first: pd.Series, second: pd.Series) -> float:
    """Nominal Krippendorff's α over note pairs ("same theme" yes/no per sort).

    Examples
    --------
    >>> round(pair_alpha(pd.Series(["X", "X", "Y", "Y"]), pd.Series(["P", "P", "P", "Q"])), 4)
    0.0571
    """
    a, b, c, d = pair_counts(first, second)
    values = 2 * (a + b + c + d)
    together, apart = 2 * a + b + c, 2 * d + b + c
    if not together or not apart:
        return math.nan
    return 1 - (values - 1) * (b + c) / (together * apart)


def variation_of_information(first: pd.Series, second: pd.Series) -> float:
    """Meilă's (2007) variation of information between two labelings, in bits.

    Summed cell by cell, ``-sum r_ij [log2(r_ij / p_i) + log2(r_ij / q_j)]`` over the shares
    ``r_ij`` of notes in theme i of one sort and j of the other, so identical sorts give
    exactly 0 (not a rounding residue of ``H(A) + H(B) - 2 I``).

    Examples
    --------
    >>> variation_of_information(pd.Series(["X", "X", "Y", "Y"]), pd.Series(["P"] * 4))
    1.0
    """
    if not len(first):
        return math.nan
    table = pd.crosstab(np.asarray(first), np.asarray(second)).to_numpy() / len(first)
    rows, cols = np.nonzero(table)
    r = table[rows, cols]
    p, q = table.sum(axis=1)[rows], table.sum(axis=0)[cols]
    # + 0.0: identical sorts sum to -0.0, which would print as "-0.00"
    return float(-(r * (np.log2(r / p) + np.log2(r / q))).sum()) + 0.0


def partition_agreement(c: Codings, first: str, second: str) -> PartitionAgreement:
    """ARI, α over pairs, VI, edit distance, matched themes and notes to move for two sorts.

    Examples
    --------
    >>> from synthesis.agreement.units import codings
    >>> notes = pd.DataFrame({"note_id": ["n1", "n2", "n3", "n4"]})
    >>> dana = pd.DataFrame({"note_id": ["n1", "n2", "n3", "n4"],
    ...                      "theme": ["Setup", "Setup", "Pricing", "Pricing"]})
    >>> lee = pd.DataFrame({"note_id": ["n1", "n2", "n3", "n4"],
    ...                     "theme": ["Setup", "Setup", "Setup", "Pricing"]})
    >>> p = partition_agreement(codings(notes, {"dana": dana, "lee": lee}), "dana", "lee")
    >>> p.summary["edit_distance"], p.notes_to_move["note_id"].tolist()
    (1, ['n3'])
    """
    labels, left_out = single_labels(c, [first, second])
    a, b = labels[first], labels[second]
    both = len(labels) > 0
    edit = card_sort_edit_distance(a, b)
    placed = (c.theme_counts(first) > 0) & (c.theme_counts(second) > 0)
    ec, per_note = element_centric_similarity(c.applied[first][placed],
                                              c.applied[second][placed])
    summary: dict[str, Any] = {
        "ari": float(adjusted_rand_score(a, b)) if both else math.nan,
        "krippendorff_alpha": pair_alpha(a, b) if len(labels) > 1 else math.nan,
        "variation_of_information": variation_of_information(a, b),
        "edit_distance": edit.distance,
        "notes_compared": len(labels),
        "excluded_unsorted": left_out["unsorted"],
        "excluded_several_themes": left_out["several_themes"],
        "element_centric": ec,
        "element_centric_notes": int(placed.sum()),
        "unmatched_a": list(edit.unmatched_a),
        "unmatched_b": list(edit.unmatched_b),
    }
    moves = edit.moves
    if "text" in c.notes.columns:
        text = c.notes.assign(note_id=c.notes["note_id"].astype(str)).set_index("note_id")
        moves = moves.assign(text=text["text"].reindex(moves["note_id"]).to_numpy())
    return PartitionAgreement(sorts=(first, second), summary=summary, matched=edit.matched,
                              notes_to_move=moves, element_scores=per_note)
