"""Theme lineage: follow renames and merges through the event log to each theme's survivor.

The store keeps a merged theme as a row with ``status="merged"`` and ``merged_into`` set,
and every event's payload lists the theme rows it changed with their state before and after
(undo and redo events too). Replaying those states in ``seq`` order gives each theme's
names over time and where it ended up, so a report can count the notes of a merged-away
theme toward its survivor in every round, and say "formerly ...".
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from ..placements import notes_by_theme
from ._frames import require


def resolve_theme_lineage(events: pd.DataFrame) -> pd.DataFrame:
    """Each theme's survivor and name history, from the event log (or a themes frame).

    Parameters
    ----------
    events
        ``Study.events()`` (``seq, kind, payload`` with ``payload["changes"]`` holding
        ``{"table", "key", "before", "after"}`` dicts), or any frame with ``theme_id,
        merged_into`` (optionally ``name, status``), e.g. ``Study.themes(include_removed=True)``.

    Returns
    -------
    DataFrame ``theme_id, name, status, survivor_id, survivor, names``: ``survivor_id`` is the
    end of the ``merged_into`` chain (the theme itself when it was never merged); ``names`` is
    a tuple of every name the theme had, oldest first.

    Examples
    --------
    >>> merges = pd.DataFrame({"theme_id": ["t1", "t2", "t3"], "name": ["A", "B", "C"],
    ...                        "merged_into": ["t2", "t3", None]})
    >>> resolve_theme_lineage(merges)[["theme_id", "survivor_id"]].values.tolist()
    [['t1', 't3'], ['t2', 't3'], ['t3', 't3']]
    """
    if "payload" in events.columns:
        state, names = _replay(events)
    else:
        require(events, "themes", ["theme_id", "merged_into"])
        state, names = {}, {}
        for row in events.to_dict("records"):
            tid = str(row["theme_id"])
            state[tid] = row
            names[tid] = [str(row["name"])] if _present(row.get("name")) else []
    rows = []
    for tid, row in state.items():
        survivor = _follow(tid, state)
        rows.append({
            "theme_id": tid,
            "name": names[tid][-1] if names.get(tid) else None,
            "status": (row or {}).get("status") or ("live" if row else "deleted"),
            "survivor_id": survivor,
            "survivor": names[survivor][-1] if names.get(survivor) else None,
            "names": tuple(names.get(tid, ())),
        })
    return pd.DataFrame(rows, columns=["theme_id", "name", "status", "survivor_id",
                                       "survivor", "names"])


def apply_lineage(notes: pd.DataFrame, lineage: pd.DataFrame) -> pd.DataFrame:
    """One row per note and theme, each ``theme_id`` (and ``theme``) at the theme's survivor.

    A note that sat in a theme and in the theme it was merged into is one row for the
    survivor, not two: it counts once there.

    Examples
    --------
    >>> placed = apply_lineage(notes, resolve_theme_lineage(study.events()))
    >>> len(placed), int(placed["theme_id"].notna().sum())  # one row per note and theme
    (706, 106)
    """
    require(lineage, "lineage", ["theme_id", "survivor_id"])
    to = dict(zip(lineage["theme_id"], lineage["survivor_id"]))
    out = notes_by_theme(notes).copy()
    out["theme_id"] = out["theme_id"].map(lambda t: to.get(t, t) if _present(t) else t)
    if "theme" in out.columns and "survivor" in lineage.columns:
        name_of = dict(zip(lineage["survivor_id"], lineage["survivor"]))
        out["theme"] = [name_of.get(t) or old if _present(t) else old
                        for t, old in zip(out["theme_id"], out["theme"])]
    if "note_id" in out.columns:
        out = out.drop_duplicates(["note_id", "theme_id"]).reset_index(drop=True)
    return out


def _replay(events: pd.DataFrame) -> tuple[dict[str, Any], dict[str, list[str]]]:
    state: dict[str, Any] = {}
    names: dict[str, list[str]] = {}
    ordered = events.sort_values("seq", kind="stable") if "seq" in events else events
    for payload in ordered["payload"]:
        if isinstance(payload, str):
            payload = json.loads(payload)
        for change in (payload or {}).get("changes", []):
            if change.get("table") != "themes":
                continue
            tid = str(change["key"])
            after = change.get("after")
            state[tid] = after
            history = names.setdefault(tid, [])
            if after and after.get("name") and (not history or history[-1] != after["name"]):
                history.append(str(after["name"]))
    return state, names


def _follow(tid: str, state: dict[str, Any]) -> str:
    seen = {tid}
    current = tid
    while True:
        nxt = (state.get(current) or {}).get("merged_into")
        if not _present(nxt) or str(nxt) in seen:  # a cycle cannot happen; never loop on one
            return current
        current = str(nxt)
        seen.add(current)


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and value != value)
