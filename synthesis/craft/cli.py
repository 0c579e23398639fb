"""``synthesis craft STUDY``: the craft audit on the command line (table, CSV or JSON).

The table fits a 100-column terminal: per-session figures (with the session's role warnings
right under it), per interviewer, per round, key questions missed and the flagged questions
with what was said just before and after. Questions are split three ways: open, specific,
closed. CSV writes one frame (``--what``, default the per-session figures); JSON writes them
all.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import textwrap
from collections.abc import Callable
from typing import Any, TextIO

import pandas as pd

from .audit import craft_audit
from .trust import HOW_SURE
from synthesis import open_study

WIDTH = 100
FRAMES = ("sessions", "interviewers", "rounds", "flagged", "coverage")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``craft`` command to the ``synthesis`` command line."""
    p = subparsers.add_parser(
        "craft", help="how the interviews went: talk share, leading questions, key questions",
        description="Audit interview craft per session, interviewer and round: talk share, "
                    "monologues, open/specific/closed, leading and double-barrelled questions, "
                    "probes, interruptions, pauses, and which key questions were asked.")
    p.add_argument("study", help="the study folder")
    p.add_argument("--round", help="only this round (default: every round)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="table (default, for reading), csv (one frame) or json (all frames)")
    p.add_argument("--what", choices=FRAMES, default="sessions",
                   help="with --format csv: which frame to write (default: sessions)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run ``synthesis craft`` for parsed ``args``; returns the exit code."""
    out = out or sys.stdout
    study = open_study(args.study)
    try:
        audit = craft_audit(study, round=args.round)
        name = str(study.config.get("name", study.folder.name))
    finally:
        study.close()
    frames = {f: getattr(audit, f) for f in FRAMES}
    if args.format == "csv":
        frame = frames[args.what]
        keep_index = args.what in ("interviewers", "rounds")
        # Questions and names come from transcripts: defused like every spreadsheet export.
        # lazy: interop.tables adds ~55 ms to every `synthesis` command; only --format csv
        from synthesis.interop.tables import csv_text

        out.write(csv_text(_plain(frame).reset_index() if keep_index else _plain(frame)))
    elif args.format == "json":
        payload = {f: json.loads(_plain(df).reset_index(drop=f in ("sessions", "flagged",
                                                                   "coverage"))
                                 .to_json(orient="records", force_ascii=False))
                   for f, df in frames.items()}
        payload["round"] = audit.round
        out.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write(render_table(audit, name))
    return 0


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Tuples as text so CSV and JSON read naturally: interviewers "A, B", warnings one per
    line."""
    df = df.copy()
    for column, sep in (("interviewers", ", "), ("role_warnings", "\n")):
        if column in df.columns:
            df[column] = df[column].map(
                lambda v, sep=sep: sep.join(v) if isinstance(v, tuple | list) else v)
    return df


# -- the table -------------------------------------------------------------------------------
def _num(v: Any) -> float | None:
    try:
        if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            return None
        return float(v)
    except (TypeError, ValueError):
        return None


def _pct(v: Any) -> str:
    x = _num(v)
    return "–" if x is None else f"{x:.0%}"


def _int(v: Any) -> str:
    x = _num(v)
    return "–" if x is None else f"{x:.0f}"


def _dec(v: Any, unit: str = "") -> str:
    x = _num(v)
    return "–" if x is None else f"{x:.1f}{unit}"


def _cut(text: Any, width: int) -> str:
    text = "" if text is None else " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _split(open_: Any, specific: Any, closed: Any) -> str:
    """"45/20/35": the shares of open, specific and closed questions, in whole percent."""
    counts = [c for c in (_num(open_), _num(specific), _num(closed)) if c is not None]
    if len(counts) < 3 or not sum(counts):
        return "–"
    total = sum(counts)
    return "/".join(f"{c / total:.0%}".rstrip("%") for c in counts)


Column = tuple[str, int, Callable[[pd.Series], str]]

SESSION_COLUMNS: list[Column] = [
    ("session", 14, lambda r: _cut(r["session_id"], 14)),
    ("interviewer", 12, lambda r: _cut(", ".join(r["interviewers"] or ()) or "?", 12)),
    ("talk", 5, lambda r: _pct(r["talk_share_words"])),
    ("talk·s", 6, lambda r: _pct(r["talk_share_seconds"])),
    ("P-mono", 6, lambda r: _int(r["longest_participant_monologue_words"])),
    ("Qs", 4, lambda r: _int(r["questions"])),
    ("Q/10m", 5, lambda r: _dec(r["questions_per_10min"])),
    ("o/s/c %", 8, lambda r: _split(r["open"], r["specific"], r["closed"])),
    ("lead", 4, lambda r: _int(r["leading"])),
    ("dbl", 4, lambda r: _int(r["double_barrelled"])),
    ("probe", 5, lambda r: _pct(r["probe_rate"])),
    ("intr", 4, lambda r: _int(r["interruptions"])),
    ("pause", 5, lambda r: _dec(r["median_pause_s"], "s")),
    ("key", 5, lambda r: "–" if _num(r["key_questions"]) in (None, 0.0)
        else f"{_int(r['key_asked'])}/{_int(r['key_questions'])}"),
]
SUMMARY_COLUMNS: list[Column] = [
    ("n", 3, lambda r: _int(r["sessions"])),
    ("talk", 5, lambda r: _pct(r["talk_share_words"])),
    ("talk·s", 6, lambda r: _pct(r["talk_share_seconds"])),
    ("P-mono", 6, lambda r: _int(r["longest_participant_monologue_words"])),
    ("Qs/s", 5, lambda r: _dec(r["questions_per_session"])),
    ("Q/10m", 5, lambda r: _dec(r["questions_per_10min"])),
    ("o/s/c %", 8, lambda r: _split(r["open_share"], r["specific_share"],
                                    r["closed_share"])),
    ("lead/s", 6, lambda r: _dec(r["leading_per_session"])),
    ("dbl/s", 5, lambda r: _dec(r["double_barrelled_per_session"])),
    ("probe", 5, lambda r: _pct(r["probe_rate"])),
    ("intr/s", 6, lambda r: _dec(r["interruptions_per_session"])),
    ("pause", 5, lambda r: _dec(r["median_pause_s"], "s")),
    ("no-key", 6, lambda r: _int(r["sessions_missing_key"])),
]
LEGEND = (
    "talk: interviewer's share of the words (talk·s: of the seconds). P-mono: participant's "
    "longest monologue, in words. Qs: the questions the interviewer put (a question reworded "
    "counts once); Q/10m: per ten minutes. o/s/c %: how many of them were open (invite a "
    "story: what, how, why, tell me), specific (ask for a fact: who, when, which, how many) "
    "and closed (yes/no, either/or). lead, dbl: leading and double-barrelled questions (/s: "
    "per session). probe: share of questions that follow up. intr: interruptions. pause: "
    "median wait after the participant stops. key: key questions asked; no-key: sessions that "
    "missed one. ⚠: a role warning from the import. –: not measurable (no timings, speakers "
    "unknown, or not English)."
)


def _table(rows: list[tuple[str, ...]], columns: list[tuple[str, int]],
           text_columns: int = 2) -> list[str]:
    """Fixed-width rows: the first ``text_columns`` left-aligned, numbers right-aligned."""
    lines = []
    for cells in [tuple(n for n, _ in columns), *rows]:
        parts = []
        for i, (cell, (_, width)) in enumerate(zip(cells, columns)):
            parts.append(cell.ljust(width) if i < text_columns else cell.rjust(width))
        lines.append(" ".join(parts).rstrip())
    return lines


def render_table(audit: Any, name: str = "") -> str:
    """The audit as plain text no wider than 100 columns."""
    figures = audit.sessions
    scope = f"round {audit.round}" if audit.round else "all rounds"
    analysed = int((figures["status"] == "ok").sum()) if len(figures) else 0
    lines = [f"Interview craft: {name} ({scope}): {len(figures)} session(s), "
             f"{analysed} analysed", ""]
    if not len(figures):
        lines.append("No transcripts in this study yet: import some with `synthesis import`.")
        return "\n".join(lines) + "\n"

    lines.append("Per session")
    unknown = figures["status"].str.contains("speakers unknown")
    rows = [tuple(f(r) for _, _, f in SESSION_COLUMNS) for _, r in figures.iterrows()]
    table = _table(rows, [(n, w) for n, w, _ in SESSION_COLUMNS])
    lines.append(table[0])
    for line, row, is_unknown, (_, r) in zip(table[1:], rows, unknown, figures.iterrows()):
        # Nothing to show but the status: say it instead of a row of dashes.
        lines.append(f"{row[0]:<14} {row[1]:<12} {r['status']}" if is_unknown else line)
        for warning in r.get("role_warnings") or ():
            lines += _wrap(f"⚠ {warning}", "    ", "      ")
    for _, r in figures[(figures["status"] != "ok") & ~unknown].iterrows():
        lines.append(f"  {r['session_id']}: {r['status']}")

    for title, frame, label in (("Per interviewer", audit.interviewers, "interviewer"),
                                ("Per round", audit.rounds, "round")):
        if not len(frame):
            continue
        lines += ["", title]
        cols = [(label, 15)] + [(n, w) for n, w, _ in SUMMARY_COLUMNS]
        rows = [(_cut(idx, 15), *[f(r) for _, _, f in SUMMARY_COLUMNS])
                for idx, r in frame.iterrows()]
        lines += _table(rows, cols, text_columns=1)

    missed = audit.missed_key_questions
    lines += ["", "Key questions missed" if len(missed) else "Key questions: every analysed "
              "session asked every key question." if len(audit.coverage) else
              "Key questions: the guide marks none as key."]
    for _, m in missed.iterrows():
        where = ""
        if m["position"] is not None and not pd.isna(m["position"]):
            note = m.get("note")
            why = f"; not counted: {note}" if isinstance(note, str) and note else ""
            where = (f" (closest, score {m['score']:.2f}: \"{_cut(m['best_match'], 60)}\""
                     f"{why})")
        lines += _wrap(f"{m['session_id']}: \"{m['key_question']}\"{where}", "  ")

    flagged = audit.flagged
    lines += ["", f"Flagged questions ({len(flagged)})" if len(flagged)
              else "Flagged questions: none."]
    for _, f in flagged.iterrows():
        head = " · ".join(x for x in (str(f["session_id"]), f["time"] or f"#{f['position']}",
                                      str(f["interviewer"] or "")) if x)
        lines += _wrap(f"{head} · {f['reason']}", "  ")
        for label, text in (("before", f["before"]), ("asked", _cut(f["text"], 300)),
                            ("after", f["after"])):
            if text:
                lines += _wrap(text, f"    {label:<7}", "           ")
    lines += [""] + textwrap.wrap(LEGEND, WIDTH)
    lines += [""] + textwrap.wrap(HOW_SURE, WIDTH)
    return "\n".join(lines) + "\n"


def _wrap(text: str, first: str, rest: str | None = None) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, break_on_hyphens=False,
                         subsequent_indent=rest if rest is not None else first + "  ") or [first]
