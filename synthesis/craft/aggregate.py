"""The per-session craft figures summed up per interviewer and per round.

Means are over the sessions where the figure exists (a session with unknown speakers adds
to ``sessions`` but to no mean); rates and shares are pooled (all probes ÷ all questions,
all open questions ÷ all questions), so a long interview weighs more than a short one; a
session with two interviewers counts for both. ``open_share``, ``specific_share`` and
``closed_share`` split the questions three ways and add up to 1.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

SUMMARY_COLUMNS = (
    "sessions", "analysed", "talk_share_words", "talk_share_seconds",
    "longest_participant_monologue_words", "longest_interviewer_monologue_words",
    "questions_per_session", "questions_per_10min", "open_share", "specific_share",
    "closed_share", "leading_per_session",
    "double_barrelled_per_session", "probe_rate", "interruptions_per_session",
    "median_pause_s", "sessions_missing_key", "missing_key_in",
)


def by_interviewer(figures: pd.DataFrame) -> pd.DataFrame:
    """Craft figures per interviewer (index ``interviewer``), from :func:`session_figures`.

    Examples
    --------
    >>> f = pd.DataFrame({"session_id": ["s1", "s2"], "interviewers": [("Ann",), ("Ann",)],
    ...     "round_id": ["r1", "r1"], "status": ["ok", "ok"], "talk_share_words": [0.25, 0.5],
    ...     "leading": [1, 3], "questions": [10, 10]})
    >>> row = by_interviewer(f).loc["Ann"]
    >>> float(row.talk_share_words), float(row.leading_per_session), int(row.sessions)
    (0.375, 2.0, 2)
    """
    exploded = figures.assign(interviewer=figures["interviewers"].map(_names)).explode(
        "interviewer")
    exploded["interviewer"] = exploded["interviewer"].fillna("(unknown)")
    return _summarise(exploded, "interviewer")


def by_round(figures: pd.DataFrame) -> pd.DataFrame:
    """Craft figures per round (index ``round_id``), from :func:`session_figures`.

    >>> f = pd.DataFrame({"session_id": ["s1", "s2"], "round_id": ["r1", "r2"],
    ...     "status": ["ok", "ok"], "questions": [12, 8]})
    >>> by_round(f)["questions_per_session"].tolist()
    [12.0, 8.0]
    """
    return _summarise(figures.assign(round_id=figures["round_id"].fillna("(no round)")),
                      "round_id")


def _names(value: Any) -> list[str | None]:
    names: list[str | None]
    if isinstance(value, str):
        names = [n.strip() for n in value.split(",") if n.strip()]
    elif value is None or (isinstance(value, float) and np.isnan(value)):
        names = []
    else:
        names = [str(n) for n in value]  # a tuple or list from the store
    return names or [None]


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    if name in df.columns:
        return pd.to_numeric(df[name], errors="coerce").astype(float)
    return pd.Series(np.nan, index=df.index, dtype=float)


def _pooled(num: pd.Series, den: pd.Series) -> float:
    ok = num.notna() & den.notna()
    total = den[ok].sum()
    return float(num[ok].sum() / total) if total else np.nan


def _summarise(df: pd.DataFrame, key: str) -> pd.DataFrame:
    rows = {}
    for name, g in df.groupby(key, sort=True):
        missed = g["key_missed"] if "key_missed" in g.columns else pd.Series("", index=g.index)
        missing = missed.fillna("").astype(str) != ""
        rows[name] = {
            "sessions": len(g),
            "analysed": int((g["status"] == "ok").sum()) if "status" in g.columns else len(g),
            "talk_share_words": _col(g, "talk_share_words").mean(),
            "talk_share_seconds": _col(g, "talk_share_seconds").mean(),
            "longest_participant_monologue_words":
                _col(g, "longest_participant_monologue_words").mean(),
            "longest_interviewer_monologue_words":
                _col(g, "longest_interviewer_monologue_words").mean(),
            "questions_per_session": _col(g, "questions").mean(),
            "questions_per_10min": _col(g, "questions_per_10min").mean(),
            **{f"{kind}_share": _pooled(_col(g, kind), _col(g, "questions"))
               for kind in ("open", "specific", "closed")},
            "leading_per_session": _col(g, "leading").mean(),
            "double_barrelled_per_session": _col(g, "double_barrelled").mean(),
            "probe_rate": _pooled(_col(g, "probes"), _col(g, "questions")),
            "interruptions_per_session": _col(g, "interruptions").mean(),
            "median_pause_s": _col(g, "median_pause_s").median(),
            "sessions_missing_key": int(missing.sum()),
            "missing_key_in": ", ".join(map(str, g.loc[missing, "session_id"])),
        }
    out = pd.DataFrame.from_dict(rows, orient="index", columns=list(SUMMARY_COLUMNS))
    out.index.name = key
    return out
