"""Choosing the quotes that stand for a theme: a few voices, not one loud one.

The rule, so a reader can trust it: only notes of kind ``quote`` when the theme has any (other
notes otherwise); at most one per participant, so three quotes are three people; segments
take turns (the segment with the most participants in the theme first), so a theme heard in
two segments shows both; within a participant the quote whose length is nearest a readable
140 characters (very short and very long notes make poor evidence). Ties keep frame order,
so the same study always gives the same quotes.
"""

from __future__ import annotations

import pandas as pd

IDEAL_LENGTH = 140


def pick_quotes(notes: pd.DataFrame, segment_of: dict[object, str] | None = None,
                limit: int = 3) -> pd.DataFrame:
    """Up to ``limit`` notes from distinct participants, spread over segments.

    ``notes`` are one theme's notes (``participant_id, text``; ``kind`` optional);
    ``segment_of`` maps participant id → segment. Returns the chosen rows, in display order.

    Examples
    --------
    >>> notes = pd.DataFrame({"participant_id": ["a", "a", "b", "c"],
    ...                       "text": ["x" * 140, "short", "y" * 90, "z" * 100],
    ...                       "kind": ["quote"] * 4})
    >>> pick_quotes(notes, {"a": "smb", "b": "smb", "c": "ent"}, limit=2)["participant_id"].tolist()
    ['a', 'c']
    """
    if notes.empty or limit <= 0:
        return notes.iloc[0:0]
    pool = notes[notes["participant_id"].notna()
                 & notes["text"].astype(str).str.strip().astype(bool)]
    if "kind" in pool.columns and (pool["kind"] == "quote").any():
        pool = pool[pool["kind"] == "quote"]
    if pool.empty:
        return pool
    pool = pool.assign(_fit=(pool["text"].astype(str).str.len() - IDEAL_LENGTH).abs(),
                       _row=range(len(pool)))
    best = pool.sort_values(["_fit", "_row"], kind="stable").drop_duplicates("participant_id")
    best = best.sort_values("_row", kind="stable")
    segment_of = segment_of or {}
    best = best.assign(_seg=[segment_of.get(p, "") for p in best["participant_id"]])
    # Segments take turns, the most represented first, so the quotes show the theme's reach.
    sizes = best["_seg"].value_counts()
    queues = {seg: list(group.index) for seg, group in best.groupby("_seg", sort=False)}
    order = sorted(queues, key=lambda s: (-sizes[s], list(best["_seg"]).index(s)))
    chosen: list[object] = []
    while len(chosen) < limit and any(queues.values()):
        for seg in order:
            if queues[seg] and len(chosen) < limit:
                chosen.append(queues[seg].pop(0))
    return best.loc[chosen].drop(columns=["_fit", "_row", "_seg"])
