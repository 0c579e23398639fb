"""Questions flagged leading or double-barrelled, each with what was said around it.

Read from utterances already read once (:func:`flagged_of`) by the audit, or from raw
utterances (:func:`flagged_questions`).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .lexicon import Lexicon
from .session import read_utterances, session_status

COLUMNS = ["session_id", "round_id", "interviewer", "position", "start_s", "time", "text",
           "flags", "reason", "before", "after"]


def flagged_questions(
    utterances: pd.DataFrame,
    sessions: pd.DataFrame | None = None,
    lexicon: Lexicon | None = None,
    *,
    flags: Sequence[str] = ("leading", "double_barrelled"),
    width: int = 160,
) -> pd.DataFrame:
    """Interviewer questions flagged leading or double-barrelled, with their context.

    Columns: ``session_id, round_id, interviewer, position, start_s, time, text, flags,
    reason, before, after`` — ``before`` is the end of the participant's previous turn,
    ``after`` the start of the next turn, both cut to ``width`` characters. Sessions with
    unknown speakers or not in English are skipped (nothing there was read).

    >>> u = pd.DataFrame({"session_id": ["s1"] * 2, "position": [0, 1],
    ...     "speaker": ["Bo", "Ann"], "role": ["participant", "interviewer"],
    ...     "start_s": [0.0, 65.0], "end_s": [64.0, 67.0],
    ...     "text": ["It took ages.", "Surely that was annoying?"]})
    >>> flagged_questions(u).loc[0, ["time", "flags", "before"]].tolist()
    ['1:05', 'leading', 'It took ages.']
    """
    return flagged_of(read_utterances(utterances, lexicon), sessions, flags=flags, width=width)


def flagged_of(read: pd.DataFrame, sessions: pd.DataFrame | None = None, *,
               flags: Sequence[str] = ("leading", "double_barrelled"),
               width: int = 160) -> pd.DataFrame:
    """:func:`flagged_questions` from utterances already read (:func:`read_utterances`).

    >>> u = pd.DataFrame({"session_id": ["s1"], "position": [0], "speaker": ["Ann"],
    ...     "role": ["interviewer"], "start_s": [0.0], "end_s": [2.0],
    ...     "text": ["Surely it was slow?"]})
    >>> flagged_of(read_utterances(u))["flags"].tolist()
    ['leading']
    """
    meta = sessions.set_index("session_id") if sessions is not None and len(sessions) else None
    out = []
    for session_id, utts in read.groupby("session_id", sort=True):
        row_meta = meta.loc[session_id] if meta is not None and session_id in meta.index else None
        known, english = session_status(utts, row_meta)
        if not (known and english):
            continue
        utts = utts.reset_index(drop=True)
        for i, u in utts.iterrows():
            raised = [f for f in flags if u["role"] == "interviewer" and u[f]]
            if not raised:
                continue
            earlier = utts.iloc[:i]
            before = earlier.loc[earlier["role"] == "participant", "text"].tail(1)
            after = utts["text"].iloc[i + 1] if i + 1 < len(utts) else ""
            names = [f.replace("_", "-") for f in raised]
            out.append({
                "session_id": session_id,
                "round_id": row_meta.get("round_id") if row_meta is not None else None,
                "interviewer": u["speaker"],
                "position": u["position"],
                "start_s": u["start_s"],
                "time": _clock(u["start_s"]),
                "text": u["text"],
                "flags": ", ".join(names),
                "reason": "; ".join(f"{n}: {u['reasons'].get(n, '')}" for n in names),
                "before": _cut(before.iloc[0] if len(before) else "", width, keep="end"),
                "after": _cut(after, width, keep="start"),
            })
    return pd.DataFrame(out, columns=COLUMNS)


def _clock(seconds: float) -> str:
    if seconds is None or pd.isna(seconds):
        return ""
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


def _cut(text: str, width: int, keep: str) -> str:
    """Shorten to ``width`` characters at a word boundary, keeping the start or the end."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    if keep == "end":
        tail = text[-(width - 1):]
        if text[-width] != " " and " " in tail:
            tail = tail.split(" ", 1)[1]  # drop the cut-off first word
        return "…" + tail.lstrip()
    head = text[:width - 1]
    if text[width - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip() + "…"
