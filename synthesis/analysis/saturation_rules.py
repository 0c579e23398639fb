"""When saturation is reached: published rules read off the new themes per interview.

Both rules read the new themes per interview, in the order of
:func:`~synthesis.analysis.saturation.saturation_curve` (or any sequence of counts):

- **Base, run, threshold** (Guest, Namey & Chen 2020, PLOS ONE 15(5) e0232076), see
  :func:`guest_saturation`.
- **Stopping rule** (Francis et al. 2010, Psychology & Health 25(10)), see
  :func:`francis_stopping`.

:func:`saturation_headline` says in plain words what the curve shows and whether new themes
came after either rule's point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from ._frames import plural, require

_EPS = 1e-12


def percent(value: float) -> str:
    """0.05 → "5", 0.194 → "19.4" (one decimal at most, no trailing zero).

    >>> percent(0.05), percent(0.194), percent(1 / 6)
    ('5', '19.4', '16.7')
    """
    return f"{value * 100:.1f}".rstrip("0").rstrip(".")


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
