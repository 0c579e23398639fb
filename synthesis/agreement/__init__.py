"""Agreement between researchers' sorts of one round: pure functions, frames in, frames out.

Two views (see each module for the definitions and references):

- the **codings** view (:mod:`.per_theme`): every note is a unit and a theme applies to it or
  not; per theme Cohen's kappa with its 2×2 counts, PABAK, prevalence and bias indices and a
  confidence interval, Krippendorff's α; Fleiss' kappa for three or more sorts;
- the **partition** view (:mod:`.partition`): each note in one theme; adjusted Rand index,
  α over note pairs, variation of information, the card-sort edit distance with the notes to
  move and the matched themes (:mod:`.edit_distance`), and an element-centric similarity that
  keeps notes in several themes (:mod:`.element_centric`).

Themes are matched by name (:mod:`.units`). :func:`compare_sorts` computes everything; the
notes the sorts place differently are the queue to settle (:mod:`.disagreements`,
:mod:`.queue`).
"""

from __future__ import annotations

from .compare import Agreement, compare_sorts
from .disagreements import UNSORTED, disagreements
from .edit_distance import EditDistance, card_sort_edit_distance
from .element_centric import element_centric_similarity
from .partition import (PartitionAgreement, pair_alpha, pair_counts, partition_agreement,
                        variation_of_information)
from .per_theme import overall_agreement, theme_agreement
from .queue import compare_queue, progress, theme_pairs
from .units import Codings, codings, single_labels, theme_key

__all__ = [
    "Agreement", "Codings", "EditDistance", "PartitionAgreement", "UNSORTED",
    "card_sort_edit_distance", "codings", "compare_queue", "compare_sorts", "disagreements",
    "element_centric_similarity", "overall_agreement", "pair_alpha", "pair_counts",
    "partition_agreement", "progress", "single_labels", "theme_agreement", "theme_key",
    "theme_pairs",
    "variation_of_information",
]
