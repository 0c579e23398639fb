"""How much the saturation point depends on the order the interviews happened to come in.

Guest, Namey & Chen (2020) validate their method by re-running it over many random orders of
the same interviews. This does the same for one study: shuffle the interview order (seeded),
find the saturation point of each order with :func:`~synthesis.analysis.guest_saturation`'s
procedure, and summarise the points as median and interquartile range, plus the share of
orders that reach saturation at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import AnalysisError
from .saturation import incidence
from .saturation_rules import _check, _run_ratios, percent


@dataclass(frozen=True)
class BootstrapResult:
    """Saturation points over random interview orders; NaN in ``points`` = not reached."""

    orders: int
    seed: int
    base: int
    run: int
    threshold: float
    interviews: int
    points: np.ndarray = field(repr=False)

    @property
    def share_reached(self) -> float:
        return float(np.mean(~np.isnan(self.points))) if self.orders else 0.0

    def _reached(self) -> np.ndarray:
        return self.points[~np.isnan(self.points)]

    @property
    def median(self) -> float | None:
        reached = self._reached()
        return float(np.median(reached)) if len(reached) else None

    @property
    def q1(self) -> float | None:
        reached = self._reached()
        return float(np.percentile(reached, 25)) if len(reached) else None

    @property
    def q3(self) -> float | None:
        reached = self._reached()
        return float(np.percentile(reached, 75)) if len(reached) else None

    @property
    def statement(self) -> str:
        params = f"B={self.base}, R={self.run}, τ≤{percent(self.threshold)} %"
        if self.median is None:
            return (f"over {self.orders:,} random interview orders saturation ({params}) was "
                    "never reached")
        return (f"over {self.orders:,} random interview orders saturation ({params}) was "
                f"reached in {percent(self.share_reached)} % of orders, at a median of "
                f"{_num(self.median)} interviews (IQR {_num(self.q1)}–{_num(self.q3)})")


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def saturation_bootstrap(notes: pd.DataFrame, sessions: pd.DataFrame | None = None,
                         base: int = 4, run: int = 2, threshold: float = 0.05,
                         orders: int = 1000, seed: int = 0,
                         themes: pd.DataFrame | None = None) -> BootstrapResult:
    """Saturation point (Guest et al. 2020) over ``orders`` seeded random interview orders.

    Each order is a uniformly random permutation of the interviews (numpy's
    ``default_rng(seed)``), so the same seed gives the same result. ``median``, ``q1`` and
    ``q3`` (linear-interpolated percentiles) are taken over the orders that reach saturation;
    ``share_reached`` says how many did.

    Examples
    --------
    >>> notes, sessions = study.notes(), study.sessions()
    >>> result = saturation_bootstrap(notes, sessions, orders=500, seed=1)
    >>> result.statement
    'over 500 random interview orders saturation (B=4, R=2, τ≤5 %) was reached in 100 % ...'
    """
    _check(base, run, threshold)
    interviews, matrix, _ = incidence(notes, sessions, themes=themes)
    matrix = matrix[:, matrix.any(axis=0)]
    count = len(interviews)
    if base > count:
        raise AnalysisError(f"the base of {base} interviews is larger than the {count} "
                            "interviews with notes; lower the base size B or add interviews.")
    rng = np.random.default_rng(seed)
    points = np.full(orders, np.nan)
    for i in range(orders):
        shuffled = matrix[rng.permutation(count)]
        first = shuffled.argmax(axis=0)  # every column has a True, so argmax is the first one
        new = np.bincount(first, minlength=count)
        starts, _, _, meets = _run_ratios(new, base, run, threshold)
        hit = np.flatnonzero(meets)
        if len(hit):
            points[i] = starts[hit[0]] + run
    return BootstrapResult(orders=orders, seed=seed, base=base, run=run, threshold=threshold,
                           interviews=count, points=points)
