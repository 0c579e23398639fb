"""How each interview went, from its utterances: talk share, monologues, questions, pauses.

Pure functions: utterance frames in (columns as in :mod:`synthesis.model`), frames out.

Definitions, exactly
--------------------
- **words**: whitespace-separated tokens of an utterance's text.
- **seconds** of an utterance: ``end_s - start_s``.
- **talk share** (by words or seconds): the interviewers' share of what interviewers and
  participants said together; every other role (``observer``: a note-taker or co-host; unknown
  speech) is left out of both sides. By seconds only when every interviewer and participant
  utterance has both timings.
- **monologue**: a run of consecutive utterances (by ``position``) of one speaker. Its words
  are summed; its seconds run from the first start to the last end. The longest by words and
  the longest by seconds are reported separately (they can be different runs).
- **questions**: the questions the interviewers actually put
  (:func:`synthesis.craft.questions_put`): a turn that rephrases one question three times
  counts one, a turn asking two things counts two; asides, adverts, procedural and rhetorical
  questions count none. Each is read with the participant's words just before it, so a
  summary of them said back with *right?* is not leading. **Per ten minutes** divides by the
  session's length: last end minus first start. **open / specific / closed** count the
  questions by kind; **leading** and **double-barrelled** count the questions flagged (a turn
  putting two questions on different points back to back counts one double-barrelled
  question).
- **probe rate**: the share of the interviewer's questions that are follow-up probes.
- **role warnings**: the sentences the importer stored for the session (a guessed role, an
  interviewer talking most of the time), shown beside the session; none when the sessions
  frame has no ``role_warnings`` column or it holds an empty list.
- **interruption**: an utterance of at least three words (a "mm-hmm" does not take the
  floor) whose speaker differs from the previous utterance's and which starts more than
  ``overlap_tolerance_s`` (0.25 s: caption timings are rounded) before that previous
  utterance ends. Unlabelled speech is skipped. Interviewer interruptions are those where an
  interviewer cuts in on a participant.
- **pause**: for each participant utterance directly followed by an interviewer utterance,
  the interviewer's start minus the participant's end, counted as 0 when they overlap;
  the session figure is the median.

Timings are "measured" only when turns have their own end times (see
:func:`timings_measured`); otherwise seconds, pauses and interruptions are left empty.

A session whose speakers are unknown (no speaker labels, or nobody with the interviewer
role) gets the status ``"speakers unknown"`` and no figures that need roles. A session that
is not in English gets ``"not analysed (not English)"`` and no figures that need to read the
words (questions, leading, coverage); talk share and timings are still measured.
"""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pandas as pd

from .coverage import key_question_coverage
from .language import is_english
from .lexicon import Lexicon
from .questions import KINDS, QuestionReading, read_question

SPEAKERS_UNKNOWN = "speakers unknown"
NOT_ENGLISH = "not analysed (not English)"
UTTERANCE_COLUMNS = ("session_id", "position", "speaker", "role", "start_s", "end_s", "text")
_COUNTS = ("questions", "open", "specific", "closed", "leading", "double_barrelled", "probes")


def read_utterances(utterances: pd.DataFrame, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The utterances, sorted, with the questions each interviewer turn puts.

    Adds ``words``, ``seconds``, ``question`` (the turn puts at least one), the counts
    ``questions``, ``open``, ``specific``, ``closed``, ``leading``, ``double_barrelled`` and
    ``probe`` (0 for everyone but interviewers), and ``reasons`` (flag → why, for the turn).
    Each interviewer turn is read with the participant's last words before it as context.

    >>> u = pd.DataFrame({"session_id": ["s1"], "position": [0], "speaker": ["Ann"],
    ...     "role": ["interviewer"], "start_s": [0.0], "end_s": [2.0], "text": ["Why?"]})
    >>> row = read_utterances(u).iloc[0]
    >>> int(row.words), bool(row.question), int(row.open), int(row.probe)
    (1, True, 1, 1)
    """
    missing = [c for c in UTTERANCE_COLUMNS if c not in utterances.columns]
    if missing:
        raise ValueError(f"utterances frame lacks the column(s) {', '.join(missing)}")
    df = utterances.sort_values(["session_id", "position"], kind="stable").reset_index(drop=True)
    df["text"] = df["text"].fillna("").astype(str)
    df["start_s"] = pd.to_numeric(df["start_s"], errors="coerce")
    df["end_s"] = pd.to_numeric(df["end_s"], errors="coerce")
    df["words"] = df["text"].str.split().str.len().astype(int)
    df["seconds"] = df["end_s"] - df["start_s"]
    readings: list[QuestionReading | None] = []
    session, before = None, ""
    # One pass over the utterances: each interviewer turn with the participant's last words.
    for sid, role, text in zip(df["session_id"], df["role"], df["text"]):
        if sid != session:
            session, before = sid, ""
        if role == "interviewer":
            readings.append(read_question(text, lexicon, before=before[-400:]))
        else:
            readings.append(None)
            if role == "participant":
                before = text
    df["question"] = [bool(r and r.questions) for r in readings]
    df["questions"] = [len(r.questions) if r else 0 for r in readings]
    for kind in KINDS:
        df[kind] = [sum(q.kind == kind for q in r.questions) if r else 0 for r in readings]
    df["leading"] = [sum(bool(q.leading) for q in r.questions) if r else 0 for r in readings]
    df["double_barrelled"] = [sum(bool(q.double) for q in r.questions) if r else 0
                              for r in readings]
    df["probe"] = [sum(q.probe for q in r.questions) if r else 0 for r in readings]
    df["reasons"] = [dict(r.reasons) if r else {} for r in readings]
    return df


def role_warnings(value: object) -> tuple[str, ...]:
    """The warning sentences of a sessions row's ``role_warnings`` (a JSON list), tolerantly.

    Missing, empty, ``"[]"`` → no warnings; text that is not a JSON list is shown as it is
    (one warning) rather than dropped.

    >>> role_warnings('["Speaker 2 guessed as the participant."]'), role_warnings(None)
    (('Speaker 2 guessed as the participant.',), ())
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    text = str(value).strip()
    if not text:
        return ()
    try:
        parsed = json.loads(text)
    except ValueError:
        return (text,)
    if isinstance(parsed, list):
        return tuple(str(v).strip() for v in parsed if str(v).strip())
    return (str(parsed),) if str(parsed).strip() else ()


def session_status(utts: pd.DataFrame, session: pd.Series | None = None) -> tuple[bool, bool]:
    """(speakers known, English) for one session's utterances and its sessions row."""
    known = bool(session.get("speakers_known", True)) if session is not None else True
    known = known and bool((utts["role"] == "interviewer").any())
    language = str(session.get("language") or "en") if session is not None else "en"
    english = language.lower().startswith("en") and is_english(" ".join(utts["text"]))
    return known, english


def session_figures(
    utterances: pd.DataFrame,
    guide: pd.DataFrame | None = None,
    sessions: pd.DataFrame | None = None,
    lexicon: Lexicon | None = None,
    *,
    overlap_tolerance_s: float = 0.25,
    key_threshold: float = 0.5,
) -> pd.DataFrame:
    """One row of craft figures per session (definitions in this module's docstring).

    ``sessions`` (optional) supplies ``round_id``, ``participant_id``, ``interviewers``,
    ``speakers_known``, ``language`` and ``role_warnings``; ``guide`` (optional) the key
    questions.

    Examples
    --------
    >>> u = pd.DataFrame({"session_id": ["s1", "s1"], "position": [0, 1],
    ...     "speaker": ["Ann", "Bo"], "role": ["interviewer", "participant"],
    ...     "start_s": [0.0, 2.0], "end_s": [2.0, 10.0],
    ...     "text": ["How do you invoice?", "I use a spreadsheet for it."]})
    >>> row = session_figures(u).iloc[0]
    >>> float(row.talk_share_words), float(row.talk_share_seconds)
    (0.4, 0.2)
    """
    read = read_utterances(utterances, lexicon)
    coverage = (key_question_coverage(read, guide, lexicon, threshold=key_threshold)
                if guide is not None else None)
    return figures_of(read, sessions, coverage, overlap_tolerance_s)


def figures_of(read: pd.DataFrame, sessions: pd.DataFrame | None = None,
               coverage: pd.DataFrame | None = None,
               overlap_tolerance_s: float = 0.25) -> pd.DataFrame:
    """:func:`session_figures` from utterances already read (:func:`read_utterances`) and
    key-question coverage already worked out, so an audit reads each utterance once.

    >>> u = pd.DataFrame({"session_id": ["s1"], "position": [0], "speaker": ["Ann"],
    ...     "role": ["interviewer"], "start_s": [0.0], "end_s": [2.0], "text": ["Why?"]})
    >>> int(figures_of(read_utterances(u)).iloc[0]["questions"])
    1
    """
    meta = sessions.set_index("session_id") if sessions is not None and len(sessions) else None
    rows = []
    for session_id, utts in read.groupby("session_id", sort=True):
        row_meta = meta.loc[session_id] if meta is not None and session_id in meta.index else None
        rows.append(_one_session(str(session_id), utts, row_meta, coverage,
                                 overlap_tolerance_s))
    return pd.DataFrame(rows, columns=list(_FIGURE_COLUMNS)).astype(_FIGURE_DTYPES)


_FIGURE_COLUMNS = (
    "session_id", "round_id", "participant_id", "interviewers", "status", "minutes",
    "interviewer_words", "participant_words", "talk_share_words", "talk_share_seconds",
    "longest_participant_monologue_words", "longest_participant_monologue_s",
    "longest_interviewer_monologue_words", "longest_interviewer_monologue_s",
    "questions", "questions_per_10min", "open", "specific", "closed", "leading",
    "double_barrelled", "probes", "probe_rate", "interruptions", "interviewer_interruptions",
    "median_pause_s", "key_questions", "key_asked", "key_missed", "role_warnings",
)
_FIGURE_DTYPES = {
    **dict.fromkeys(("interviewer_words", "participant_words",
                     "longest_participant_monologue_words",
                     "longest_interviewer_monologue_words", *_COUNTS, "interruptions",
                     "interviewer_interruptions", "key_questions", "key_asked"), "Int64"),
    **dict.fromkeys(("minutes", "talk_share_words", "talk_share_seconds",
                     "longest_participant_monologue_s",
                     "longest_interviewer_monologue_s", "questions_per_10min",
                     "probe_rate", "median_pause_s"), "float64"),
}


def _one_session(session_id: str, utts: pd.DataFrame, meta: pd.Series | None,
                 coverage: pd.DataFrame | None, tolerance: float) -> dict:
    known, english = session_status(utts, meta)
    status = "; ".join(s for s, bad in ((SPEAKERS_UNKNOWN, not known),
                                        (NOT_ENGLISH, not english)) if bad) or "ok"
    interviewers = _interviewers(utts, meta)
    row: dict = dict.fromkeys(_FIGURE_COLUMNS)
    row.update(session_id=session_id, status=status, interviewers=interviewers,
               round_id=meta.get("round_id") if meta is not None else None,
               participant_id=meta.get("participant_id") if meta is not None else None,
               role_warnings=role_warnings(meta.get("role_warnings")) if meta is not None
               else ())
    start, end = utts["start_s"].min(), utts["end_s"].max()
    minutes = (end - start) / 60 if pd.notna(start) and pd.notna(end) and end > start else np.nan
    row["minutes"] = minutes
    if not known:
        return row

    roles = utts["role"]
    iv, pt = utts[roles == "interviewer"], utts[roles == "participant"]
    row["interviewer_words"], row["participant_words"] = int(iv["words"].sum()), int(
        pt["words"].sum())
    row["talk_share_words"] = _share(iv["words"].sum(), pt["words"].sum())
    both = pd.concat([iv, pt])
    timed = timings_measured(utts)
    if timed and len(both) and both["start_s"].notna().all() and both["end_s"].notna().all():
        row["talk_share_seconds"] = _share(iv["seconds"].sum(), pt["seconds"].sum())
    else:
        row["talk_share_seconds"] = np.nan
    runs = monologues(utts)
    for role in ("participant", "interviewer"):
        mine = runs[runs["role"] == role]
        row[f"longest_{role}_monologue_words"] = int(mine["words"].max()) if len(mine) else 0
        row[f"longest_{role}_monologue_s"] = (mine["seconds"].max() if len(mine) and timed
                                              else np.nan)
    if timed:
        row["interruptions"], row["interviewer_interruptions"] = interruptions(utts, tolerance)
        row["median_pause_s"] = median_pause(utts)
    else:
        row["median_pause_s"] = np.nan

    if english:
        counts = {c: int(iv[c if c != "probes" else "probe"].sum()) for c in _COUNTS}
        row.update(counts)
        row["questions_per_10min"] = (counts["questions"] / minutes * 10
                                      if minutes and not math.isnan(minutes) else np.nan)
        row["probe_rate"] = (counts["probes"] / counts["questions"]
                             if counts["questions"] else np.nan)
        if coverage is not None:
            mine = coverage[coverage["session_id"] == session_id]
            row["key_questions"] = len(mine)
            row["key_asked"] = int(mine["asked"].sum())
            row["key_missed"] = "; ".join(mine.loc[~mine["asked"], "key_question"])
    return row


def _share(mine: float, theirs: float) -> float:
    total = mine + theirs
    return float(mine / total) if total else np.nan


def _interviewers(utts: pd.DataFrame, meta: pd.Series | None) -> tuple[str, ...]:
    named = meta.get("interviewers") if meta is not None else None
    if isinstance(named, str):
        named = tuple(n.strip() for n in named.split(",") if n.strip())
    if named is not None and len(named):
        return tuple(named)
    speakers = utts.loc[utts["role"] == "interviewer", "speaker"].dropna()
    return tuple(dict.fromkeys(speakers))


def timings_measured(utts: pd.DataFrame) -> bool:
    """Whether the utterances carry measured start *and* end times.

    Formats that give only start times (``0:10 Rosa: …``) reach the store with each end set
    to the next start, so every turn ends exactly when the next begins: no pause or overlap
    can be seen, and turn lengths include the silence after them. Such sessions, and those
    with no timings at all, are "not measured" for pauses, interruptions and seconds.

    >>> u = pd.DataFrame({"position": [0, 1, 2], "start_s": [0.0, 4.0, 9.0],
    ...                   "end_s": [4.0, 9.0, 12.0]})
    >>> timings_measured(u), timings_measured(u.assign(end_s=[3.5, 8.0, 12.0]))
    (False, True)
    """
    df = utts.sort_values("position", kind="stable")
    start, end = df["start_s"].to_numpy(dtype=float), df["end_s"].to_numpy(dtype=float)
    if len(df) == 0 or np.isnan(start).all() or np.isnan(end).all():
        return False
    if len(df) < 3:
        return True
    pairs = ~np.isnan(end[:-1]) & ~np.isnan(start[1:])
    return not (pairs.any() and np.allclose(end[:-1][pairs], start[1:][pairs], atol=1e-6))


def monologues(utts: pd.DataFrame) -> pd.DataFrame:
    """Runs of consecutive utterances by one speaker: ``speaker, role, words, seconds``.

    >>> u = pd.DataFrame({"position": [0, 1, 2], "speaker": ["A", "A", "B"],
    ...     "role": ["interviewer"] * 2 + ["participant"], "start_s": [0, 3, 5],
    ...     "end_s": [3, 4, 9], "text": ["one two", "three", "four"]})
    >>> monologues(u)[["speaker", "words", "seconds"]].values.tolist()
    [['A', 3, 4.0], ['B', 1, 4.0]]
    """
    df = utts.sort_values("position", kind="stable")
    words = df["text"].fillna("").astype(str).str.split().str.len()
    who = df["speaker"].where(df["speaker"].notna(), "\0" + df["role"].astype(str))
    run = (who != who.shift()).cumsum()
    grouped = df.assign(_w=words, _run=run).groupby("_run", sort=True)
    out = grouped.agg(speaker=("speaker", "first"), role=("role", "first"), words=("_w", "sum"),
                      start=("start_s", "first"), end=("end_s", "last"))
    out["seconds"] = (pd.to_numeric(out["end"], errors="coerce")
                      - pd.to_numeric(out["start"], errors="coerce")).astype(float)
    return out[["speaker", "role", "words", "seconds"]].reset_index(drop=True)


def interruptions(utts: pd.DataFrame, tolerance_s: float = 0.25,
                  min_words: int = 3) -> tuple[int, int]:
    """(all interruptions, interviewer-on-participant interruptions), as defined above.

    >>> u = pd.DataFrame({"position": [0, 1], "speaker": ["P", "I"],
    ...     "role": ["participant", "interviewer"], "start_s": [0.0, 4.0],
    ...     "end_s": [6.0, 8.0], "text": ["I was saying that", "Sorry, can I ask"]})
    >>> interruptions(u)
    (1, 1)
    """
    df = utts.sort_values("position", kind="stable")
    total = by_interviewer = 0
    previous: tuple[str, str, float] | None = None  # speaker, role, end of the last turn
    for speaker, role, start, end, text in zip(df["speaker"], df["role"], df["start_s"],
                                              df["end_s"], df["text"].fillna("")):
        if not isinstance(speaker, str) or not speaker:
            continue  # unlabelled speech cannot interrupt or be interrupted
        if previous is not None and previous[0] != speaker and pd.notna(start) \
                and pd.notna(previous[2]) and len(str(text).split()) >= min_words \
                and start < previous[2] - tolerance_s:
            total += 1
            by_interviewer += role == "interviewer" and previous[1] == "participant"
        previous = (speaker, role, end)
    return total, by_interviewer


def median_pause(utts: pd.DataFrame) -> float:
    """Median gap (s) between a participant's end and the interviewer's next start.

    >>> u = pd.DataFrame({"position": [0, 1, 2, 3], "speaker": ["P", "I", "P", "I"],
    ...     "role": ["participant", "interviewer"] * 2, "start_s": [0, 5, 9, 12],
    ...     "end_s": [4, 8, 11, 13], "text": ["a", "b", "c", "d"]})
    >>> median_pause(u)
    1.0
    """
    df = utts.sort_values("position", kind="stable")
    gaps = []
    rows = list(zip(df["role"], df["start_s"], df["end_s"]))
    for (role_a, _, end_a), (role_b, start_b, _) in itertools.pairwise(rows):
        if role_a == "participant" and role_b == "interviewer" and pd.notna(end_a) \
                and pd.notna(start_b):
            gaps.append(max(0.0, float(start_b) - float(end_a)))
    return float(np.median(gaps)) if gaps else np.nan
