"""The card-sort edit distance (Deibel, Anderson & Anderson 2005) and its optimal matching.

Two sorts of the same notes, each note in one theme. The edit distance is the fewest notes
one must move to turn one sort into the other. Pair each theme of the first sort with at
most one theme of the second so that the notes the pairs share add up to the most possible
(an assignment problem, solved exactly with scipy's ``linear_sum_assignment``); every note
outside its theme's pair has to move, and no pairing leaves fewer. The distance is the same
in both directions.

When several matchings share the most notes, the one that pairs the most themes of the same
name is taken (a split "Setup" keeps its name on the side that stays), then the one scipy
returns with themes in name order, so the result is repeatable. The distance is the same for
all of them; the list of notes to move may differ.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from .units import theme_key


@dataclass(frozen=True)
class EditDistance:
    """The distance, the matched theme pairs and the notes to move.

    ``matched``: ``theme_a, theme_b, overlap, notes_a, notes_b, jaccard`` (pairs that share
    at least one note, most shared first). ``moves``: ``note_id, theme_a, theme_b, move_to``
    — ``move_to`` is the first sort's theme matched with ``theme_b`` (where the note goes to
    make the first sort into the second), missing when ``theme_b`` is matched with none (the
    note starts a new theme).
    """

    distance: int
    matched: pd.DataFrame
    moves: pd.DataFrame
    unmatched_a: tuple[str, ...]
    unmatched_b: tuple[str, ...]


def card_sort_edit_distance(first: pd.Series, second: pd.Series) -> EditDistance:
    """Deibel et al.'s (2005) edit distance between two single-theme sorts of one set of notes.

    ``first`` and ``second`` map note id (index) -> theme, over the same notes.

    Examples
    --------
    >>> a = pd.Series({"n1": "X", "n2": "X", "n3": "Y", "n4": "Y"})
    >>> b = pd.Series({"n1": "P", "n2": "P", "n3": "P", "n4": "Q"})
    >>> result = card_sort_edit_distance(a, b)
    >>> result.distance, result.moves["note_id"].tolist()
    (1, ['n3'])
    """
    second = second.reindex(first.index)
    themes_a = sorted(set(first))
    themes_b = sorted(set(second))
    table = pd.crosstab(pd.Categorical(first, categories=themes_a),
                        pd.Categorical(second, categories=themes_b), dropna=False)
    counts = table.to_numpy()
    # Among the matchings that keep the most notes, prefer the one pairing the most themes
    # of the same name: a bonus of 1 per same-named pair never outweighs one note.
    same = np.array([[theme_key(x) == theme_key(y) for y in themes_b] for x in themes_a],
                    dtype=np.int64).reshape(counts.shape)
    weight = counts * (min(counts.shape) + 1) + same
    rows, cols = linear_sum_assignment(weight, maximize=True) if counts.size else ([], [])
    pairs = [(themes_a[i], themes_b[j], int(counts[i, j])) for i, j in zip(rows, cols)
             if counts[i, j] > 0]
    size_a, size_b = first.value_counts(), second.value_counts()
    matched = pd.DataFrame(
        [{"theme_a": ta, "theme_b": tb, "overlap": k, "notes_a": int(size_a[ta]),
          "notes_b": int(size_b[tb]), "jaccard": k / (size_a[ta] + size_b[tb] - k)}
         for ta, tb, k in pairs],
        columns=["theme_a", "theme_b", "overlap", "notes_a", "notes_b", "jaccard"])
    matched = matched.sort_values(["overlap", "theme_a"], ascending=[False, True],
                                  ignore_index=True)
    partner = {tb: ta for ta, tb, _ in pairs}
    stays = {(ta, tb) for ta, tb, _ in pairs}
    keep = [(a, b) not in stays for a, b in zip(first, second)]
    moves = pd.DataFrame({"note_id": first.index[keep], "theme_a": first[keep].to_numpy(),
                          "theme_b": second[keep].to_numpy()})
    moves["move_to"] = pd.Series([partner.get(b) for b in moves["theme_b"]], dtype=object)
    paired_a, paired_b = {p[0] for p in pairs}, {p[1] for p in pairs}
    return EditDistance(distance=int(np.sum(keep)), matched=matched, moves=moves,
                        unmatched_a=tuple(t for t in themes_a if t not in paired_a),
                        unmatched_b=tuple(t for t in themes_b if t not in paired_b))
