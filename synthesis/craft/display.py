"""The craft frames as a researcher reads them: plain column names, percentages, and charts.

Frames in, frames or plotly figures out; the notebook and the report show these.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

_SESSION_NAMES = {
    "session_id": "session", "interviewers": "interviewer", "status": "status",
    "minutes": "minutes", "talk_share_words": "talk share (words)",
    "talk_share_seconds": "talk share (time)",
    "longest_participant_monologue_words": "participant's longest run (words)",
    "longest_interviewer_monologue_words": "interviewer's longest run (words)",
    "questions": "questions", "questions_per_10min": "questions / 10 min",
    "open": "open", "specific": "specific", "closed": "closed", "leading": "leading",
    "double_barrelled": "double-barrelled", "probe_rate": "probe rate",
    "interruptions": "interruptions", "median_pause_s": "median pause (s)",
    "key_asked": "key questions asked", "key_missed": "key questions missed",
    "role_warnings": "role warnings",
}
_SUMMARY_NAMES = {
    "sessions": "sessions", "analysed": "analysed", "talk_share_words": "talk share (words)",
    "talk_share_seconds": "talk share (time)",
    "longest_participant_monologue_words": "participant's longest run (words)",
    "questions_per_session": "questions / session", "questions_per_10min": "questions / 10 min",
    "open_share": "open share", "specific_share": "specific share",
    "closed_share": "closed share", "leading_per_session": "leading / session",
    "double_barrelled_per_session": "double-barrelled / session", "probe_rate": "probe rate",
    "interruptions_per_session": "interruptions / session", "median_pause_s": "median pause (s)",
    "sessions_missing_key": "sessions missing a key question", "missing_key_in": "which",
}
_PERCENT = ("talk share (words)", "talk share (time)", "probe rate", "open share",
            "specific share", "closed share")
KIND_COLOURS = {"open": "#2f7d4f", "specific": "#c08a1e", "closed": "#8c3b3b"}


def _readable(df: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    out = df[[c for c in names if c in df.columns]].rename(columns=names)
    for col in out.columns:
        if col in _PERCENT:
            out[col] = (pd.to_numeric(out[col], errors="coerce") * 100).round(0)
            out = out.rename(columns={col: f"{col} %"})
        elif pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(1)
    return out


def session_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Per-session figures with readable names; shares as whole percentages.

    >>> f = pd.DataFrame({"session_id": ["s1"], "interviewers": [("Ann",)],
    ...     "talk_share_words": [0.384]})
    >>> session_table(f).reset_index().to_dict("records")
    [{'session': 's1', 'interviewer': 'Ann', 'talk share (words) %': 38.0}]
    """
    out = _readable(figures, _SESSION_NAMES)
    for column, sep in (("interviewer", ", "), ("role warnings", " · ")):
        if column in out.columns:
            out[column] = out[column].map(
                lambda v, sep=sep: sep.join(v) if isinstance(v, tuple | list) else v)
    return out.set_index("session") if "session" in out.columns else out


def summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    """A per-interviewer or per-round frame with readable names."""
    return _readable(summary, _SUMMARY_NAMES)


def coverage_table(coverage: pd.DataFrame) -> pd.DataFrame:
    """Sessions × key questions: the match score, with ✓ where the question was asked.

    >>> c = pd.DataFrame({"session_id": ["s1", "s1"], "question_id": [1, 2],
    ...     "key_question": ["Q one?", "Q two?"], "asked": [True, False],
    ...     "score": [0.9, 0.3]})
    >>> coverage_table(c).loc["s1"].tolist()
    ['✓ 0.90', '✗ 0.30']
    """
    if coverage.empty:
        return pd.DataFrame()
    cells = coverage.assign(cell=[("✓ " if a else "✗ ") + f"{s:.2f}"
                                  for a, s in zip(coverage["asked"], coverage["score"])])
    order = list(dict.fromkeys(coverage["key_question"]))
    table = cells.pivot(index="session_id", columns="key_question", values="cell")[order]
    table.columns.name = None
    table.index.name = "session"
    return table


def talk_share_chart(figures: pd.DataFrame) -> go.Figure:
    """Interviewer talk share per session, one colour per interviewer."""
    df = figures.dropna(subset=["talk_share_words"]).copy()
    df["interviewer"] = df["interviewers"].map(
        lambda v: ", ".join(v) if isinstance(v, tuple | list) and v else "?")
    fig = go.Figure()
    for name, g in df.groupby("interviewer", sort=True):
        fig.add_bar(x=g["session_id"].astype(str), y=g["talk_share_words"], name=str(name),
                    hovertemplate="%{x}: %{y:.0%} of the words<extra>" + str(name) + "</extra>")
    fig.add_hline(y=0.3, line_dash="dot", annotation_text="30%",
                  annotation_position="top left")
    fig.update_layout(title="Interviewer talk share (words) per session", barmode="group",
                      yaxis_tickformat=".0%", yaxis_range=[0, 1], legend_title="interviewer",
                      height=380, margin={"t": 60, "l": 50, "r": 20, "b": 60})
    return fig


def question_kinds_chart(summary: pd.DataFrame) -> go.Figure:
    """The questions split open / specific / closed, one stacked bar per interviewer (or round).

    >>> s = pd.DataFrame({"open_share": [0.5], "specific_share": [0.2],
    ...     "closed_share": [0.3]}, index=pd.Index(["Ann"], name="interviewer"))
    >>> [bar.name for bar in question_kinds_chart(s).data]
    ['open', 'specific', 'closed']
    """
    fig = go.Figure()
    labels = [str(i) for i in summary.index]
    for kind, colour in KIND_COLOURS.items():
        fig.add_bar(x=labels, y=summary[f"{kind}_share"], name=kind, marker_color=colour,
                    hovertemplate="%{x}: %{y:.0%} " + kind + "<extra></extra>")
    fig.update_layout(title="Questions by kind: open, specific, closed", barmode="stack",
                      yaxis_tickformat=".0%", yaxis_range=[0, 1], height=360,
                      legend_title="kind", margin={"t": 60, "l": 50, "r": 20, "b": 60})
    return fig


def question_mix_chart(summary: pd.DataFrame) -> go.Figure:
    """Leading and double-barrelled questions per session, per interviewer (or round)."""
    fig = go.Figure()
    labels = [str(i) for i in summary.index]
    fig.add_bar(x=labels, y=summary["leading_per_session"], name="leading / session")
    fig.add_bar(x=labels, y=summary["double_barrelled_per_session"],
                name="double-barrelled / session")
    fig.update_layout(title="Questions to ask differently, per session", barmode="group",
                      height=360, margin={"t": 60, "l": 50, "r": 20, "b": 60})
    return fig
