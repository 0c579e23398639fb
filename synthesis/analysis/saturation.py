"""Saturation: would more interviews change the picture?

Three published procedures, all over the same ordered list of interviews:

- **Cumulative new-themes curve** (Guest, Bunce & Johnson 2006): interviews in date order;
  for each, how many themes appear for the first time and how many have been seen so far.
- **Base, run, threshold** (Guest, Namey & Chen 2020, PLOS ONE 15(5) e0232076), see
  :func:`guest_saturation`.
- **Stopping rule** (Francis et al. 2010, Psychology & Health 25(10)), see
  :func:`francis_stopping`.

What an *interview* is: one session (notes carry ``session_id``). Notes without a session
(a spreadsheet of notes) belong to that participant's session in the same round when there is
one (given a sessions frame; the earliest when there are several), since they are notes of the
same conversation; otherwise they count as one interview per participant and round. Notes
with neither are left out, since nobody can say which conversation they came from. Only
interviews with at least one note are on the curve: a transcript nobody has taken notes from
yet has not been analysed, and counting it as "no new themes" would fake saturation.

Interview order: rounds in study order (the rounds frame's ``position``, else natural round
id order), within a round by session date (undated last), then by first appearance in the
notes frame. Pass ``order=[interview ids]`` to impose another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ..placements import notes_by_theme
from ._frames import codes, live_themes, natural_key, plural, require

_EPS = 1e-12


def percent(value: float) -> str:
    """0.05 → "5", 0.194 → "19.4" (one decimal at most, no trailing zero)."""
    return f"{value * 100:.1f}".rstrip("0").rstrip(".")


def interview_ids(notes: pd.DataFrame, sessions: pd.DataFrame | None = None) -> pd.Series:
    """The interview each note belongs to: its session; else the participant's session in
    that round (from ``sessions``, the earliest by date); else "participant · round".

    Examples
    --------
    >>> notes = pd.DataFrame({"participant_id": ["p1", "p1", "p2"], "round_id": ["r1"] * 3,
    ...                       "session_id": ["s1", None, None]})
    >>> interview_ids(notes).tolist()
    ['s1', 'p1 · r1', 'p2 · r1']
    >>> sessions = pd.DataFrame({"session_id": ["s1"], "participant_id": ["p1"],
    ...                          "round_id": ["r1"], "date": ["2025-03-03"]})
    >>> interview_ids(notes, sessions).tolist()
    ['s1', 's1', 'p2 · r1']
    """
    require(notes, "notes", ["participant_id"])
    size = len(notes)
    if "session_id" in notes:
        gone = notes["session_id"].isna().to_numpy()
        ids = notes["session_id"].to_numpy(dtype=object, copy=True)
        ids[gone] = None
    else:
        gone, ids = np.ones(size, dtype=bool), np.full(size, None, dtype=object)
    missing = np.flatnonzero(gone)
    if len(missing):
        # Only the notes without a session pay for building a text id.
        who = notes["participant_id"].iloc[missing].to_numpy(dtype=object, na_value=None)
        rnd = (notes["round_id"].iloc[missing].to_numpy(dtype=object, na_value=None)
               if "round_id" in notes else np.full(len(missing), None, dtype=object))
        their = _sessions_of(sessions)
        ids[missing] = [None if p is None else their.get((p, r)) or
                        f"{p} · {'' if r is None else r}" for p, r in zip(who, rnd)]
    return pd.Series(ids, index=notes.index, dtype=object)


def _sessions_of(sessions: pd.DataFrame | None) -> dict[tuple[object, object], object]:
    """(participant, round) → that participant's earliest session in the round."""
    if sessions is None or not len(sessions) or \
            not {"session_id", "participant_id", "round_id"} <= set(sessions.columns):
        return {}
    rows = sessions.dropna(subset=["participant_id", "session_id"])
    if "date" in rows.columns:
        rows = rows.assign(_d=rows["date"].astype(object).where(rows["date"].notna(), "~"))\
            .sort_values(["_d", "session_id"], kind="stable")
    out: dict[tuple[object, object], object] = {}
    for sid, pid, rid in zip(rows["session_id"], rows["participant_id"], rows["round_id"]):
        out.setdefault((pid, None if pd.isna(rid) else rid), sid)
    return out


def _interviews(notes: pd.DataFrame, sessions: pd.DataFrame | None = None
                ) -> tuple[np.ndarray, pd.DataFrame]:
    """Each note's interview code (-1 for none) and one row per interview, in first-seen order."""
    ids = interview_ids(notes, sessions)
    code, uniques = pd.factorize(ids)
    valid = np.flatnonzero(code >= 0)
    rows = np.full(len(uniques), len(code), dtype=np.int64)
    np.minimum.at(rows, code[valid], valid)  # each interview's first note

    def column(name: str) -> np.ndarray | None:
        return notes[name].iloc[rows].to_numpy(dtype=object, na_value=None) \
            if name in notes else None

    interview = np.asarray(uniques, dtype=object)
    session = column("session_id")
    if session is not None and sessions is not None and len(sessions):
        # An interview whose first note came from a spreadsheet is still its session.
        known = set(sessions["session_id"])
        session = np.asarray([i if s is None and i in known else s
                              for i, s in zip(interview, session)], dtype=object)
    frame = pd.DataFrame({"interview_id": interview, "session_id": session,
                          "participant_id": column("participant_id"),
                          "round_id": column("round_id"), "_code": np.arange(len(uniques))})
    return code, frame


def interview_order(notes: pd.DataFrame, sessions: pd.DataFrame | None = None,
                    rounds: pd.DataFrame | None = None,
                    order: Sequence[str] | None = None) -> pd.DataFrame:
    """The interviews with notes, in the order saturation reads them.

    Returns ``interview, interview_id, session_id, participant_id, round_id, date`` with
    ``interview`` counting 1, 2, 3...

    Examples
    --------
    >>> order = interview_order(study.notes(), study.sessions(), study.rounds())
    >>> order[["interview", "interview_id", "round_id"]].head(2)
       interview    interview_id round_id
    0          1  p01-2026-03-03       r1
    1          2  p02-2026-03-03       r1
    """
    _, frame = _interviews(notes, sessions)
    return _ordered(frame, sessions, rounds, order).drop(columns="_code")


def _ordered(first: pd.DataFrame, sessions: pd.DataFrame | None, rounds: pd.DataFrame | None,
             order: Sequence[str] | None) -> pd.DataFrame:
    first = first.copy()
    first["date"] = pd.Series(pd.NaT, index=first.index, dtype="datetime64[ns]")
    if sessions is not None and len(sessions) and "date" in sessions:
        when = pd.to_datetime(sessions["date"], errors="coerce", utc=True, format="ISO8601")
        by_session = pd.Series(when.dt.tz_localize(None).to_numpy(),
                               index=sessions["session_id"].astype(object).to_numpy())
        by_session = by_session[~by_session.index.duplicated()]
        first["date"] = first["session_id"].map(by_session).astype("datetime64[ns]")
    if order is not None:
        rank = {str(v): i for i, v in enumerate(order)}
        missing = [i for i in first["interview_id"] if str(i) not in rank]
        if missing:
            raise AnalysisError(f"the interview order leaves out {missing[0]!r}; list every "
                                "interview once.")
        first["_rank"] = [rank[str(i)] for i in first["interview_id"]]
        first = first.sort_values("_rank", kind="stable").drop(columns="_rank")
    else:
        first["_round"] = first["round_id"].map(_round_rank(first["round_id"], rounds))
        first = first.sort_values(["_round", "date", "_code"], na_position="last",
                                  kind="stable").drop(columns="_round")
    first = first.reset_index(drop=True)
    first.insert(0, "interview", np.arange(1, len(first) + 1))
    return first[["interview", "interview_id", "session_id", "participant_id", "round_id",
                  "date", "_code"]]


def _round_rank(round_ids: pd.Series, rounds: pd.DataFrame | None) -> dict[object, int]:
    if rounds is not None and len(rounds):
        keys = ["position", "round_id"] if "position" in rounds else ["round_id"]
        known = rounds.sort_values(keys, kind="stable")["round_id"].tolist()
    else:
        known = []
    rest = sorted({r for r in round_ids.dropna() if r not in known}, key=natural_key)
    rank: dict[object, int] = {r: i for i, r in enumerate(known + rest)}
    return rank


def _incidence(notes: pd.DataFrame, code: np.ndarray, ordered: pd.DataFrame,
               themes: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    require(notes, "notes", ["theme_id"])
    if themes is not None:
        theme_ids = np.asarray(live_themes(themes)["theme_id"], dtype=object)
        t = codes(notes["theme_id"], list(theme_ids))
    else:
        t, uniques = pd.factorize(notes["theme_id"])
        theme_ids = np.asarray(uniques, dtype=object)
    position = np.empty(len(ordered), dtype=np.int64)
    position[ordered["_code"].to_numpy()] = np.arange(len(ordered))
    keep = (code >= 0) & (t >= 0)
    matrix = np.zeros((len(ordered), len(theme_ids)), dtype=bool)
    matrix[position[code[keep]], t[keep]] = True
    return matrix, theme_ids


def incidence(notes: pd.DataFrame, sessions: pd.DataFrame | None = None,
              rounds: pd.DataFrame | None = None,
              themes: pd.DataFrame | None = None) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Which interview raised which theme: interviews in order, a boolean matrix, theme ids.

    Examples
    --------
    >>> interviews, raised, theme_ids = incidence(study.notes(), study.sessions())
    >>> len(interviews), raised.shape, len(theme_ids)  # 28 interviews (P01-P28) x 9 themes
    (28, (28, 9), 9)
    """
    notes = notes_by_theme(notes)
    code, frame = _interviews(notes, sessions)
    ordered = _ordered(frame, sessions, rounds, None)
    matrix, theme_ids = _incidence(notes, code, ordered, themes)
    return ordered.drop(columns="_code"), matrix, theme_ids


def saturation_curve(notes: pd.DataFrame, sessions: pd.DataFrame | None = None,
                     rounds: pd.DataFrame | None = None, themes: pd.DataFrame | None = None,
                     order: Sequence[str] | None = None) -> pd.DataFrame:
    """Cumulative new-themes curve per interview (Guest, Bunce & Johnson 2006).

    Returns :func:`interview_order` columns plus ``themes`` (distinct themes in that
    interview), ``new_themes`` (seen for the first time), ``new_theme_ids`` (a tuple),
    ``cumulative_themes`` and ``share`` (cumulative ÷ all themes on the curve). With
    ``themes`` only live themes count.

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": list("abcd"), "participant_id": ["p1", "p1", "p2", "p3"],
    ...                       "session_id": ["s1", "s1", "s2", "s3"],
    ...                       "theme_id": ["t1", "t2", "t2", "t3"]})
    >>> saturation_curve(notes)[["new_themes", "cumulative_themes"]].values.tolist()
    [[2, 2], [0, 2], [1, 3]]
    """
    notes = notes_by_theme(notes)
    code, frame = _interviews(notes, sessions)
    interviews = _ordered(frame, sessions, rounds, order)
    matrix, theme_ids = _incidence(notes, code, interviews, themes)
    interviews = interviews.drop(columns="_code")
    count = len(interviews)
    has = matrix.any(axis=0)
    first = matrix.argmax(axis=0)[has]
    new = np.bincount(first, minlength=count)[:count] if count else np.zeros(0, int)
    new_ids: list[list[object]] = [[] for _ in range(count)]
    for pos, tid in zip(first, theme_ids[has]):
        new_ids[pos].append(tid)
    curve = interviews.copy()
    curve["themes"] = matrix.sum(axis=1).astype(int)
    curve["new_themes"] = new.astype(int)
    curve["new_theme_ids"] = [tuple(ids) for ids in new_ids]
    curve["cumulative_themes"] = np.cumsum(new).astype(int)
    total = int(has.sum())
    curve["share"] = curve["cumulative_themes"] / total if total else 0.0
    return curve


@dataclass(frozen=True)
class SaturationResult:
    """Outcome of :func:`guest_saturation`; ``statement`` is the sentence to report."""

    reached: bool
    n: int | None  # the saturation point: last interview of the first run meeting τ
    base: int
    run: int
    threshold: float
    interviews: int
    base_themes: int
    runs: pd.DataFrame = field(repr=False)  # start, end, new_themes, ratio, meets
    new: tuple[int, ...] = field(default=(), repr=False)  # new themes per interview, in order

    @property
    def headline(self) -> str:
        """The plain sentence a reader gets (:func:`saturation_headline`): what the curve
        shows, and whether themes kept coming after the rule's point."""
        return saturation_headline(self.new, self.n if self.reached else None)

    @property
    def parameters(self) -> str:
        return f"B={self.base}, R={self.run}, τ≤{percent(self.threshold)} %"

    @property
    def statement(self) -> str:
        if self.reached:
            return f"saturation reached at {self.n} interviews ({self.parameters})"
        if self.base_themes == 0:
            return (f"saturation cannot be assessed: the first {self.base} interviews hold "
                    f"no themes ({self.parameters})")
        if self.runs.empty:
            return (f"saturation not assessed: it needs at least {self.base + self.run} "
                    f"interviews ({self.base} base + {self.run} run), the study has "
                    f"{self.interviews}")
        last = self.runs.iloc[-1]
        return (f"saturation not reached: the last run added "
                f"{plural(int(last['new_themes']), 'new theme')} "
                f"({percent(float(last['ratio']))} % of the base, needs "
                f"≤ {percent(self.threshold)} %)")


def guest_saturation(curve: pd.DataFrame | Sequence[int], base: int = 4, run: int = 2,
                     threshold: float = 0.05) -> SaturationResult:
    """Saturation by base size, run length and new-information threshold (Guest et al. 2020).

    The procedure, exactly as implemented:

    1. **Base**: the first ``base`` (B) interviews in order; ``base_themes`` is the number
       of unique themes they hold. It stays fixed: every ratio divides by it.
    2. **Runs**: windows of ``run`` (R) consecutive interviews after the base, sliding by
       one: interviews B+1..B+R, then B+2..B+R+1, and so on to the last interview.
    3. **New information** of a run: the themes first seen in it (not in any earlier
       interview, base or not), divided by ``base_themes``.
    4. **Saturation point**: the last interview of the *first* run whose ratio is
       ≤ ``threshold`` (τ). Reported as "saturation reached at n interviews (B=4, R=2,
       τ≤5 %)". The paper's wording also counts the run in n: the run is the evidence.

    Parameters
    ----------
    curve
        :func:`saturation_curve` output (its ``new_themes`` column, in order) or the new
        themes per interview as a sequence.
    base, run, threshold
        B, R and τ; defaults 4, 2 and 0.05 as recommended in the paper.

    Raises
    ------
    AnalysisError
        When B is larger than the number of interviews.

    Examples
    --------
    >>> guest_saturation([5, 3, 2, 2, 1, 1, 0, 0]).statement
    'saturation reached at 8 interviews (B=4, R=2, τ≤5 %)'
    >>> guest_saturation([5, 3, 2, 2, 1, 1, 1, 1]).statement
    'saturation not reached: the last run added 2 new themes (16.7 % of the base, needs ≤ 5 %)'
    """
    new = _new_per_interview(curve)
    _check(base, run, threshold)
    if base > len(new):
        raise AnalysisError(f"the base of {base} interviews is larger than the {len(new)} "
                            "interviews with notes; lower the base size B or add interviews.")
    point, base_themes, runs = _guest_point(new, base, run, threshold)
    return SaturationResult(reached=point is not None, n=point, base=base, run=run,
                            threshold=threshold, interviews=len(new), base_themes=base_themes,
                            runs=runs, new=tuple(int(v) for v in new))


def _listed(items: Sequence[object]) -> str:
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def saturation_headline(new: pd.DataFrame | Sequence[int], point: int | None = None,
                        stop: int | None = None) -> str:
    """What the new-themes curve shows, in plain words, consistent with the chart.

    ``new``: new themes per interview in order (or a :func:`saturation_curve`); ``point``:
    the interview where Guest et al.'s base-and-run rule placed saturation, ``stop`` where
    Francis et al.'s stopping rule was met, if they were. When themes still appeared after
    such a point (the chart marks both) the sentence says so; the rules' parameters belong
    in the methods appendix, not here.

    Examples
    --------
    >>> print(saturation_headline([3, 2, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0], point=6))
    No new themes in the last interview (of 12); the last new theme appeared at interview 11.
    The base-and-run rule put saturation at interview 6, but 2 new themes came after it (at
    interviews 7 and 11).
    >>> saturation_headline([3, 2, 1, 0, 0, 0], point=6)
    'No new themes in the last 3 interviews (of 6); the last new theme appeared at interview 3.'
    >>> saturation_headline([3, 2, 1])
    'New themes were still appearing at the last interview (1 new theme at interview 3 of 3).'
    >>> print(saturation_headline([3, 0, 0, 0, 1, 0], stop=4))
    No new themes in the last interview (of 6); the last new theme appeared at interview 5. The
    stopping rule was met at interview 4, but 1 new theme came after it (at interview 5).
    """
    counts = [int(v) for v in _new_per_interview(new)]
    total = len(counts)
    if not total:
        return "No interviews with notes yet, so there is no saturation to judge."
    with_new = [i + 1 for i, v in enumerate(counts) if v > 0]
    if not with_new:
        return f"None of the {plural(total, 'interview')} with notes holds a sorted theme yet."
    last = with_new[-1]
    if last == total:
        sentence = (f"New themes were still appearing at the last interview "
                    f"({plural(counts[-1], 'new theme')} at interview {total} of {total}).")
    else:
        sentence = (f"No new themes in the last {plural(total - last, 'interview')} "
                    f"(of {total}); the last new theme appeared at interview {last}.")
        sentence = sentence.replace("the last 1 interview ", "the last interview ")
    caveats = []
    for rule, at in (("the base-and-run rule put saturation", point),
                     ("the stopping rule was met", stop)):
        after = [i for i in with_new if at is not None and i > at]
        if after:
            caveats.append(f"{rule} at interview {at}, but "
                           f"{plural(sum(counts[i - 1] for i in after), 'new theme')} came "
                           f"after it (at interview{'s' if len(after) > 1 else ''} "
                           f"{_listed(after)})")
    if caveats:
        text = "; ".join(caveats)
        sentence += f" {text[0].upper()}{text[1:]}."
    return sentence


def _new_per_interview(curve: pd.DataFrame | Sequence[int]) -> np.ndarray:
    if isinstance(curve, pd.DataFrame):
        require(curve, "saturation curve", ["new_themes"])
        return curve["new_themes"].to_numpy(dtype=np.int64)
    return np.asarray(list(curve), dtype=np.int64)


def _check(base: int, run: int, threshold: float) -> None:
    if base < 1 or run < 1:
        raise AnalysisError(f"base size and run length must be at least 1 (got B={base}, "
                            f"R={run}).")
    if not 0 <= threshold < 1:
        raise AnalysisError(f"the new-information threshold is a share between 0 and 1 "
                            f"(got {threshold}); 5 % is 0.05.")


def _run_ratios(new: np.ndarray, base: int, run: int,
                threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each run's 0-based start, new themes, ratio to the base and whether it meets τ."""
    base_themes = int(new[:base].sum())
    starts = np.arange(base, len(new) - run + 1)
    cum = np.concatenate([[0], np.cumsum(new)])
    in_run = cum[starts + run] - cum[starts]
    ratio = in_run / base_themes if base_themes else np.full(len(starts), np.inf)
    return starts, in_run, ratio, ratio <= threshold + _EPS


def _guest_point(new: np.ndarray, base: int, run: int,
                 threshold: float) -> tuple[int | None, int, pd.DataFrame]:
    starts, in_run, ratio, meets = _run_ratios(new, base, run, threshold)
    runs = pd.DataFrame({"start": starts + 1, "end": starts + run, "new_themes": in_run,
                         "ratio": ratio, "meets": meets})
    hit = np.flatnonzero(meets)
    point = int(starts[hit[0]] + run) if len(hit) else None
    return point, int(new[:base].sum()), runs


@dataclass(frozen=True)
class StoppingResult:
    """Outcome of :func:`francis_stopping`; ``statement`` is the sentence to report."""

    reached: bool
    n: int | None  # the interview at which the rule says stop
    initial: int
    consecutive: int
    interviews: int
    streak: int  # interviews in a row without new themes at the end (after the initial sample)

    @property
    def statement(self) -> str:
        params = f"n₀={self.initial}, m={self.consecutive}"
        if self.reached:
            assert self.n is not None
            first = self.n - self.consecutive + 1
            span = f"interview {self.n}" if first == self.n else f"interviews {first}–{self.n}"
            return f"stopping rule met at {self.n} interviews ({params}: no new themes in {span})"
        if self.interviews <= self.initial:
            return (f"stopping rule not met: it needs the initial sample of {self.initial} "
                    f"interviews and {self.consecutive} more; the study has {self.interviews}")
        return (f"stopping rule not met: the last {plural(self.streak, 'interview')} "
                f"added no new themes, it needs {self.consecutive} in a row after the first "
                f"{self.initial} ({params})")


def francis_stopping(curve: pd.DataFrame | Sequence[int], initial: int = 10,
                     consecutive: int = 3) -> StoppingResult:
    """The Francis et al. (2010) stopping rule: n₀ interviews, then m in a row with nothing new.

    After the initial analysis sample of ``initial`` (n₀) interviews, data collection stops
    at the first interview that ends ``consecutive`` (m) interviews in a row, all after the
    initial sample, with no new themes. "New" means not seen in any earlier interview,
    including the initial sample.

    Examples
    --------
    >>> francis_stopping([4, 2, 1, 0, 1, 0, 0, 0], initial=4, consecutive=3).statement
    'stopping rule met at 8 interviews (n₀=4, m=3: no new themes in interviews 6–8)'
    """
    new = _new_per_interview(curve)
    if initial < 0 or consecutive < 1:
        raise AnalysisError(f"the initial sample must be 0 or more and the run of interviews "
                            f"without new themes at least 1 (got n₀={initial}, m={consecutive}).")
    streak, point = 0, None
    for index in range(initial, len(new)):
        streak = streak + 1 if new[index] == 0 else 0
        if streak >= consecutive and point is None:
            point = index + 1
    return StoppingResult(reached=point is not None, n=point, initial=initial,
                          consecutive=consecutive, interviews=len(new), streak=streak)
