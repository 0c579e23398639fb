"""Small builders for agreement tests: a round's notes and a sort from theme -> note numbers."""

from __future__ import annotations

import pandas as pd


def notes(n: int) -> pd.DataFrame:
    """Notes n000, n001, ... with the text "note 0", "note 1", ..."""
    return pd.DataFrame({"note_id": [f"n{i:03d}" for i in range(n)],
                         "text": [f"note {i}" for i in range(n)]})


def sort(**themes: list[int]) -> pd.DataFrame:
    """A sort from theme -> note numbers (an empty list declares an empty theme)."""
    rows = []
    for theme, numbers in themes.items():
        rows += [{"note_id": f"n{i:03d}", "theme": theme} for i in numbers] or [
            {"note_id": None, "theme": theme}]
    return pd.DataFrame(rows, columns=["note_id", "theme"])
