"""The craft audit as an HTML fragment for a report appendix (every text escaped).

Transcript text (flagged questions, their context, the closest match to a missed key
question) passes through ``redact`` first, so a report can pseudonymise it, and is always
escaped: an utterance is data, never markup.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup, escape


def _fmt_pct(v: Any) -> str:
    x = _num(v)
    return "–" if x is None else f"{x:.0%}"


def _fmt_num(v: Any, digits: int = 0) -> str:
    x = _num(v)
    return "–" if x is None else f"{x:.{digits}f}"


def _num(v: Any) -> float | None:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def _table(header: Iterable[str], rows: Iterable[Iterable[Any]], cls: str) -> Markup:
    head = Markup("").join(Markup("<th>{}</th>").format(h) for h in header)
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(Markup("").join(Markup("<td>{}</td>").format(c)
                                                     for c in row))
        for row in rows)
    return Markup('<table class="{}"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>'
                  ).format(cls, head, body)


def appendix_html(audit: Any, redact: Callable[[str], str] | None = None,
                  max_flagged: int = 30) -> Markup:
    """Per-session and per-interviewer figures, missed key questions, flagged questions.

    Examples
    --------
    >>> html = appendix_html(craft_audit(study, round="r1"), redact=redactor.text)  # doctest: +SKIP
    """
    clean = redact or (lambda s: s)
    parts: list[Markup] = []
    figures = audit.sessions
    parts.append(Markup("<p>{}</p>").format(
        "How the interviews were run: the interviewer's share of the words, how many "
        "questions were open, leading (suggesting the answer) or double-barrelled (two "
        "questions in one), how often the interviewer followed up, and whether each session "
        "asked the guide's key questions. Questions are read by documented rules, not by a "
        "person; sessions not in English or with unknown speakers are marked, not guessed."))
    rows = []
    for _, r in figures.iterrows():
        rows.append([
            r["session_id"], ", ".join(r["interviewers"] or ()) or "?",
            r["status"], _fmt_pct(r["talk_share_words"]), _fmt_num(r["questions"]),
            _fmt_pct((_num(r["open"]) or 0) / _num(r["questions"])
                     if _num(r["questions"]) else None),
            _fmt_num(r["leading"]), _fmt_num(r["double_barrelled"]),
            _fmt_pct(r["probe_rate"]),
            "–" if not _num(r["key_questions"])
            else f"{_fmt_num(r['key_asked'])} of {_fmt_num(r['key_questions'])}",
        ])
    parts.append(_table(["session", "interviewer", "status", "talk share", "questions",
                         "open", "leading", "double-barrelled", "probes", "key questions"],
                        rows, "syn-craft-sessions"))
    if len(audit.interviewers):
        rows = [[name, _fmt_num(r["sessions"]), _fmt_pct(r["talk_share_words"]),
                 _fmt_num(r["questions_per_session"], 1), _fmt_pct(r["open_share"]),
                 _fmt_num(r["leading_per_session"], 1),
                 _fmt_num(r["double_barrelled_per_session"], 1), _fmt_pct(r["probe_rate"]),
                 _fmt_num(r["sessions_missing_key"])]
                for name, r in audit.interviewers.iterrows()]
        parts.append(_table(["interviewer", "sessions", "talk share", "questions / session",
                             "open", "leading / session", "double-barrelled / session",
                             "probes", "sessions missing a key question"],
                            rows, "syn-craft-interviewers"))
    missed = audit.missed_key_questions
    if len(missed):
        items = Markup("").join(
            Markup("<li><strong>{}</strong> did not ask “{}”</li>").format(
                m["session_id"], clean(str(m["key_question"])))
            for _, m in missed.iterrows())
        parts.append(Markup("<p>Key questions missed:</p><ul>{}</ul>").format(items))
    flagged = audit.flagged.head(max_flagged)
    if len(flagged):
        items = Markup("").join(
            Markup('<li><span class="syn-craft-where">{} {} · {}</span> '
                   "<q>{}</q> <em>{}</em></li>").format(
                f["session_id"], f["time"], f["interviewer"] or "",
                clean(str(f["text"])), f["reason"])
            for _, f in flagged.iterrows())
        more = len(audit.flagged) - len(flagged)
        tail = Markup("<p>…and {} more (see the craft notebook).</p>").format(more) \
            if more > 0 else Markup("")
        parts.append(Markup("<p>Flagged questions:</p><ul>{}</ul>{}").format(items, tail))
    return Markup("\n").join(parts) if parts else escape("")
