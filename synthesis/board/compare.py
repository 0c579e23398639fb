"""The board's compare mode: the disagreements between sorts of a round, to settle one by one.

Compare mode is the researchers' choice to see each other's sorts (until then a private
sort's board shows only itself). On the shared board it lists the notes the chosen sorts
place differently (:mod:`synthesis.agreement`), each with every researcher's choice and the
board's themes now; settling one writes the consensus placement on the shared board
(:func:`synthesis.sorts.settle`: one undoable event) and the progress says how many are
settled ("12 of 31 disagreements settled").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import StudyError
from ..sorts import BOARD, compare_key, round_notes, sort_names, sort_placements, sorts_to_compare

if TYPE_CHECKING:
    from ..study import Study


def compare_state(study: Study, round: str | None, sorts: list[str] | None = None
                  ) -> dict[str, Any]:
    """What compare mode shows: ``sorts`` compared, ``available`` sorts, ``queue`` (one
    item per disagreement: ``note``, ``text``, ``choices`` = [{sort, themes}], ``board``,
    ``settled``, ``consensus``, ``pair``: the theme pair it is grouped under), ``pairs``
    (the grouped view: [{pair, notes, settled}], largest group first) and ``progress``.

    Examples
    --------
    >>> state = compare_state(study, "r1")
    >>> state["sorts"], state["progress"]
    (['board', 'Lee Okafor'], '0 of 9 disagreements settled')
    >>> state["queue"][0]["choices"][1]["sort"]
    'Lee Okafor'
    >>> sum(p["notes"] for p in state["pairs"]), state["pairs"][0]["pair"] in {
    ...     i["pair"] for i in state["queue"]}
    (9, True)
    """
    if round is None:
        raise StudyError("compare mode compares the sorts of one round: open the board on a "
                         "round.")
    available = sort_names(study, round)
    chosen = list(dict.fromkeys(sorts)) if sorts else sorts_to_compare(study, round)
    if len(chosen) < 2:
        return {"sorts": chosen, "available": available, "queue": [], "pairs": [],
                "progress": "no sorts to compare: this round has only the shared board"
                if len(available) < 2 else "choose two or more sorts to compare"}
    # lazy: scikit-learn, scipy, statsmodels (~0.6-1 s), only when someone compares
    from ..agreement import compare_sorts
    from ..agreement.queue import progress, theme_pairs

    notes = round_notes(study, round)
    placements = {s: sort_placements(study, round, s) for s in chosen}
    result = compare_sorts(notes, placements, round=round)
    settled = study.store.settlements(compare_key(round, chosen))
    # A settled note stays in the queue (settled) even once the sorts no longer differ on
    # it: settling on the shared board changes one of the sorts compared.
    listed = set(result.disagreements["note_id"]) | set(settled)
    per_sort = {s: _themes_by_note(p) for s, p in placements.items()}
    pair_of = dict(zip(result.disagreements["note_id"], result.disagreements["theme_pair"]))
    board = per_sort.get(BOARD) or _themes_by_note(sort_placements(study, round, BOARD))
    items = [{"note": str(note), "text": str(text),
              "choices": [{"sort": s, "themes": list(per_sort[s].get(note, ()))}
                          for s in chosen],
              "board": list(board.get(note, ())), "settled": note in settled,
              "consensus": list(settled[note]) if note in settled else None,
              # a settled note the sorts now place alike is grouped as settled
              "pair": str(pair_of.get(note, "settled (the sorts now agree)"))}
             for note, text in zip(notes["note_id"], notes["text"]) if note in listed]
    frame = pd.DataFrame({"note_id": [i["note"] for i in items],
                          "settled": [i["settled"] for i in items],
                          "theme_pair": [i["pair"] for i in items]})
    pairs = [{"pair": str(p), "notes": int(n), "settled": int(k)}
             for p, n, k in theme_pairs(frame).itertuples(index=False)]
    return {"sorts": chosen, "available": available, "queue": items, "pairs": pairs,
            "progress": progress(frame)}


def _themes_by_note(placements: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Each note's themes in one sort (board order)."""
    placed = placements.dropna(subset=["note_id"])
    return placed.groupby("note_id", sort=False)["theme"].agg(tuple).to_dict()
