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

from .trust import HOW_SURE


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
    # Wide tables scroll sideways inside their own box, on a phone too, and never spill.
    return Markup('<div class="syn-craft-scroll"><table class="syn-table {}"><thead><tr>{}</tr>'
                  '</thead><tbody>{}</tbody></table></div>').format(cls, head, body)


def _split(open_: Any, specific: Any, closed: Any) -> str:
    """"62/19/19": open, specific and closed questions in whole percent."""
    counts = [c for c in (_num(open_), _num(specific), _num(closed)) if c is not None]
    if len(counts) < 3 or not sum(counts):
        return "–"
    return "/".join(f"{c / sum(counts) * 100:.0f}" for c in counts)


KINDS_EXPLAINED = (
    "Each question the interviewer put is one of three kinds. Open questions invite the "
    "participant's own story or view (what, how, why, tell me about…): the answers that carry "
    "themes. Specific questions ask for one fact (who, when, which, how many, how often): "
    "useful, but they get short answers. Closed questions can be answered yes or no, or by "
    "picking an offered option, and invite the least. A question reworded several times in "
    "one turn counts once; asides, adverts and rhetorical questions do not count.")


def appendix_html(audit: Any, redact: Callable[[str], str] | None = None,
                  max_flagged: int = 30) -> Markup:
    """Per-session and per-interviewer figures, missed key questions, flagged questions.

    The sessions table shows the questions split open / specific / closed, and any role
    warnings the import stored for a session (redacted like every transcript text).

    Examples
    --------
    >>> html = appendix_html(craft_audit(study, round="r1"), redact=redactor.text)  # doctest: +SKIP
    """
    clean = redact or (lambda s: s)
    parts: list[Markup] = []
    figures = audit.sessions
    parts.append(Markup("<p>{}</p>").format(
        "How the interviews were run: the interviewer's share of the words, how many "
        "questions were open, specific or closed, leading (suggesting the answer) or "
        "double-barrelled (two questions in one), how often the interviewer followed up, and "
        "whether each session asked the guide's key questions. Questions are read by "
        "documented rules, not by a person; sessions not in English or with unknown speakers "
        "are marked, not guessed."))
    parts.append(Markup('<p class="syn-craft-kinds">{}</p>').format(KINDS_EXPLAINED))
    parts.append(Markup('<p class="syn-craft-sure">{}</p>').format(HOW_SURE))
    rows = []
    for _, r in figures.iterrows():
        warnings = Markup("").join(Markup('<span class="syn-craft-warning">⚠ {}</span>')
                                   .format(clean(str(w))) for w in r.get("role_warnings") or ())
        rows.append([
            r["session_id"], ", ".join(r["interviewers"] or ()) or "?",
            Markup("{}{}").format(r["status"], warnings),
            _fmt_pct(r["talk_share_words"]), _fmt_num(r["questions"]),
            _split(r["open"], r["specific"], r["closed"]),
            _fmt_num(r["leading"]), _fmt_num(r["double_barrelled"]),
            "–" if not _num(r["key_questions"])
            else f"{_fmt_num(r['key_asked'])} of {_fmt_num(r['key_questions'])}",
        ])
    parts.append(_table(["session", "interviewer", "status", "talk share", "questions",
                         "% open / specific / closed", "leading", "double-barrelled",
                         "key questions"], rows, "syn-craft-sessions"))
    if len(audit.interviewers):
        rows = [[name, _fmt_num(r["sessions"]), _fmt_pct(r["talk_share_words"]),
                 _fmt_num(r["questions_per_session"], 1),
                 _split(r["open_share"], r["specific_share"], r["closed_share"]),
                 _fmt_num(r["leading_per_session"], 1),
                 _fmt_num(r["double_barrelled_per_session"], 1), _fmt_pct(r["probe_rate"]),
                 _fmt_num(r["sessions_missing_key"])]
                for name, r in audit.interviewers.iterrows()]
        parts.append(_table(["interviewer", "sessions", "talk share", "questions / session",
                             "% open / specific / closed", "leading / session",
                             "double-barrelled / session",
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
