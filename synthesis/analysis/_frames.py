"""Small helpers every analysis shares: column checks, scope by round, ids, theme labels."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..membership import heard_in
from ..placements import notes_by_theme

RoundScope = str | Sequence[str] | None


def require(frame: pd.DataFrame, name: str, columns: Iterable[str]) -> None:
    """Refuse a frame that lacks columns the analysis needs, naming them in one sentence."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise AnalysisError(f"the {name} frame needs the column(s) {', '.join(missing)}; "
                            f"it has {', '.join(map(str, frame.columns)) or 'no columns'}.")


def rounds_in(scope: RoundScope) -> list[str] | None:
    if scope is None:
        return None
    return [scope] if isinstance(scope, str) else list(scope)


def id_text(values: pd.Series) -> pd.Series:
    """Ids as text (``None`` stays missing), so 12, 12.0 and "12" join as the same id.

    SQLite hands integer ids with gaps back as floats; tests build them as ints or strings.
    """
    def one(v: object) -> object:
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            return None
        if isinstance(v, (float, np.floating)) and float(v).is_integer():
            return str(int(v))
        return str(v)

    return pd.Series([one(v) for v in values.tolist()], index=values.index, dtype=object)


def notes_in_scope(notes: pd.DataFrame, scope: RoundScope) -> pd.DataFrame:
    wanted = rounds_in(scope)
    if wanted is None:
        return notes
    require(notes, "notes", ["round_id"])
    return notes[notes["round_id"].isin(wanted)]


def participants_in_scope(participants: pd.DataFrame, notes: pd.DataFrame,
                          scope: RoundScope, sessions: pd.DataFrame | None = None
                          ) -> pd.DataFrame:
    """The participants counted in ``n``: one row per participant, first row wins.

    With a round scope, the participants *heard* in it (a note in it, or a session when
    ``sessions`` is given: :func:`synthesis.membership.heard_in`, the rule of every count),
    so someone listed for the round and never interviewed is not in ``n``, and a returning
    participant counts in every round they took part in. Without a scope, everyone passed.
    """
    require(participants, "participants", ["participant_id"])
    rows = participants[participants["participant_id"].notna()]
    if rounds_in(scope) is not None:
        return heard_in(rows, notes, sessions, rounds_in(scope))
    return rows.drop_duplicates("participant_id", keep="first")


def live_themes(themes: pd.DataFrame) -> pd.DataFrame:
    """Themes in board order (position, then id); merged or deleted ones are left out."""
    require(themes, "themes", ["theme_id", "name"])
    out = themes
    if "status" in out.columns:
        out = out[out["status"].fillna("live") == "live"]
    keys = ["position", "theme_id"] if "position" in out.columns else ["theme_id"]
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


def theme_labels(themes: pd.DataFrame) -> pd.Series:
    """Theme id → a display name unique within the study (a repeated name gets its id)."""
    themes = live_themes(themes)
    names = themes["name"].astype(str)
    clash = names.duplicated(keep=False)
    labels = names.where(~clash, names + " (" + themes["theme_id"].astype(str) + ")")
    return pd.Series(labels.to_numpy(), index=themes["theme_id"].to_numpy(), dtype=object)


def placed_notes(notes: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """One row per (note, live theme) it sits in; notes of removed themes do not count."""
    notes = notes_by_theme(notes)
    require(notes, "notes", ["note_id", "participant_id", "theme_id"])
    return notes[notes["theme_id"].isin(set(live_themes(themes)["theme_id"]))]


def codes(values: pd.Series, known: Sequence[object]) -> np.ndarray:
    """Position of each value in ``known`` (-1 when absent or missing), as integers.

    Everything heavy in the analyses works on these codes with numpy (bincount, boolean
    matrices) instead of grouping strings, which is what keeps 100,000 notes under a second.
    """
    return pd.Index(known, dtype=object).get_indexer(values.astype(object))


def people_by_theme(notes: pd.DataFrame, people: Sequence[object],
                    themes: Sequence[object]) -> tuple[np.ndarray, np.ndarray]:
    """Notes per participant × theme (ints) and notes per theme (all notes, any participant).

    A note counts once in each theme it sits in (either frame shape, see
    :mod:`synthesis.placements`).
    """
    notes = notes_by_theme(notes)
    t = codes(notes["theme_id"], themes)
    p = codes(notes["participant_id"], people)
    width = len(themes)
    keep = (p >= 0) & (t >= 0)
    flat = np.bincount(p[keep] * width + t[keep], minlength=len(people) * width)
    per_theme = np.bincount(t[t >= 0], minlength=width)
    return flat.reshape(len(people), width).astype(np.int64), per_theme.astype(np.int64)


def natural_key(text: str) -> tuple[object, ...]:
    """Sort key that puts "p2" before "p10"."""
    return tuple(int(part) if part.isdigit() else part.casefold()
                 for part in re.split(r"(\d+)", str(text)))


def plural(count: int, word: str) -> str:
    """1 participant, 2 participants (regular English plurals only)."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
