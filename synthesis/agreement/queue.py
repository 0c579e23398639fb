"""The compare queue: the notes two or more sorts place differently, and which are settled.

A team settles a round by walking through its disagreements (:func:`.disagreements`) one at a
time, or a group of notes with the same theme pair at once, and choosing where each note goes
on the shared board. A note is **settled** once someone has chosen for it in this comparison
(the settlement is stored with the round and the sorts compared; undoing it makes the note
unsettled again). Pure: frames in, frames out.
"""

from __future__ import annotations

import pandas as pd


def compare_queue(disagreements: pd.DataFrame, board: pd.DataFrame,
                  settled: pd.DataFrame) -> pd.DataFrame:
    """The disagreements with the board's current themes and whether each is settled.

    Parameters
    ----------
    disagreements
        From :func:`synthesis.agreement.disagreements` (``note_id``, ``themes[<sort>]``,
        ``theme_pair``, maybe ``text``).
    board
        The shared board's placements of the round (``note_id``, ``theme``).
    settled
        The settlements of this comparison (``note_id``, ``themes``: the tuple chosen).

    Returns the disagreements plus ``board`` (a tuple of the note's themes on the shared
    board now), ``settled`` (bool) and ``consensus`` (the tuple chosen, or None), in the
    queue's order.

    Examples
    --------
    >>> queue = pd.DataFrame({"note_id": ["n1", "n2"], "themes[dana]": [("A",), ("B",)],
    ...                       "themes[lee]": [("B",), ()],
    ...                       "theme_pair": ["A → B", "B → (unsorted)"]})
    >>> board = pd.DataFrame({"note_id": ["n1"], "theme": ["B"]})
    >>> settled = pd.DataFrame({"note_id": ["n1"], "themes": [("B",)]})
    >>> compare_queue(queue, board, settled)[["note_id", "board", "settled"]].values.tolist()
    [['n1', ('B',), True], ['n2', (), False]]
    """
    on_board = (board.dropna(subset=["note_id"]).groupby("note_id", sort=False)["theme"]
                .agg(tuple).to_dict())
    chosen = dict(zip(settled["note_id"], settled["themes"])) if len(settled) else {}
    out = disagreements.copy()
    out["board"] = pd.Series([on_board.get(n, ()) for n in out["note_id"]], index=out.index,
                             dtype=object)
    out["settled"] = [n in chosen for n in out["note_id"]]
    out["consensus"] = pd.Series([chosen.get(n) for n in out["note_id"]], index=out.index,
                                 dtype=object)
    return out


def progress(queue: pd.DataFrame) -> str:
    """"12 of 31 disagreements settled".

    Examples
    --------
    >>> progress(pd.DataFrame({"settled": [True, False, False]}))
    '1 of 3 disagreements settled'
    """
    total = len(queue)
    done = int(queue["settled"].sum()) if total else 0
    noun = "disagreement" if total == 1 else "disagreements"
    return f"{done} of {total} {noun} settled"


def theme_pairs(queue: pd.DataFrame) -> pd.DataFrame:
    """The queue grouped by theme pair, largest group first: ``theme_pair, notes, settled``.

    Examples
    --------
    >>> q = pd.DataFrame({"note_id": ["a", "b", "c"], "settled": [True, False, False],
    ...                   "theme_pair": ["X → Y", "X → Y", "Z → Y"]})
    >>> theme_pairs(q).values.tolist()
    [['X → Y', 2, 1], ['Z → Y', 1, 0]]
    """
    if not len(queue):
        return pd.DataFrame(columns=["theme_pair", "notes", "settled"])
    grouped = queue.groupby("theme_pair", sort=False).agg(
        notes=("note_id", "size"), settled=("settled", "sum")).reset_index()
    grouped["settled"] = grouped["settled"].astype(int)
    return grouped.sort_values("notes", ascending=False, kind="stable", ignore_index=True)
