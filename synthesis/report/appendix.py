"""Report parts built by other packages: the board snapshot and the interview-craft audit.

Both get the report's own frames or redactor, so pseudonyms and redaction hold there too.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

import pandas as pd

from ..board.snapshot import board_fragment
from ..board.state import board_state
from ..craft import craft_audit
from ..craft.html import appendix_html
from ..study import open_study
from . import html as h
from .anchors import BOARD, CRAFT
from .context import ReportContext


def board_section(ctx: ReportContext) -> h.Markup:
    """A static picture of the affinity board as the researcher left it (no widget JS)."""
    intro = h.paragraph("The affinity board as the researcher left it for this round: every "
                        "note in its theme, unsorted notes on the left (each column scrolls). "
                        "It is a snapshot and does not change when the board does.")
    # The report's own frames: pseudonyms and redacted text, the same as every other section.
    state = board_state(ctx.notes, ctx.participants, ctx.themes, ctx.sessions,
                        round=ctx.round_id, study_name=ctx.name, everyone=ctx.participants_all)
    # board_fragment escapes every study text itself (html.escape on each field). Scroll
    # boxes keep a round of hundreds of notes to one screen; print CSS lets every card out.
    return h.section(BOARD, "The affinity board", intro, h.Markup(
        '<div class="syn-board-frame">{}</div>').format(
        h.Markup(board_fragment(state, scroll=True))))


def craft_appendix(ctx: ReportContext) -> h.Markup | None:
    """How the interviews were run (talk share, leading questions, key questions).

    Reports include it only when asked (``synthesis run --craft-appendix``): it judges named
    colleagues, which a stakeholder report has no need for. Redacted, every interviewer is
    ``Interviewer A``, ``B``… as in the quotes; the full audit stays with the research team
    (``synthesis craft``).
    """
    study = open_study(ctx.folder)
    try:
        audit = craft_audit(study, round=ctx.round_id)
    finally:
        study.close()
    # Session ids can carry a file name; they go through the redactor like any other text.
    clean = ctx.redactor.text
    audit = replace(audit, **{name: _redact_column(getattr(audit, name), "session_id", clean)
                              for name in ("sessions", "flagged", "coverage")})
    if ctx.redact:
        audit = _label_interviewers(audit, ctx.redactor.interviewer)
    return h.section(CRAFT, "Appendix: interview craft", appendix_html(audit, redact=clean),
                     cls="syn-appendix")


def _label_interviewers(audit: Any, label: Any) -> Any:
    """The audit with every interviewer's name replaced by their label (Interviewer A…)."""
    changes = {}
    for f in fields(audit):
        frame = getattr(audit, f.name)
        if not isinstance(frame, pd.DataFrame):
            continue
        frame = frame.copy()
        if f.name == "interviewers":
            frame.index = [label(i) for i in frame.index]
        for column in ("interviewer", "interviewers"):
            if column in frame.columns:
                frame[column] = [tuple(label(n) for n in v) if isinstance(v, (tuple, list))
                                 else label(v) if isinstance(v, str) else v
                                 for v in frame[column]]
        changes[f.name] = frame
    return replace(audit, **changes)


def _redact_column(frame: pd.DataFrame, column: str, clean: Any) -> pd.DataFrame:
    if column not in frame.columns:
        return frame
    return frame.assign(**{column: [clean(v) for v in frame[column]]})
