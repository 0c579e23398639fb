"""Agreement per theme (the codings view): each note is a unit, a theme applies to it or not.

For two sorts, per theme, from the 2×2 table of notes (``a``: both placed the note in the
theme, ``b``: only the first, ``c``: only the second, ``d``: neither; ``n = a + b + c + d``
is every note of the round):

- ``po`` observed agreement ``(a + d) / n``; ``pe`` the agreement expected by chance from
  each sort's own rate; Cohen's ``kappa = (po - pe) / (1 - pe)`` (scikit-learn's
  ``cohen_kappa_score``);
- a 95 % confidence interval ``ci_low, ci_high``: Wald, kappa ± 1.96 standard errors, with
  the large-sample standard error of Fleiss, Cohen & Everitt (1969) (statsmodels'
  ``cohens_kappa``), clipped to [-1, 1]; rough for few notes;
- ``pabak = 2 po - 1`` (prevalence- and bias-adjusted kappa), and Byrt, Bishop & Carlin's
  (1993) signed ``prevalence_index = (a - d) / n`` (near -1: a rare theme, where kappa is
  unstable) and ``bias_index = (b - c) / n`` (above 0: the first sort uses the theme more).
  They explain a low kappa at high raw agreement: kappa can be 0 at 97 % agreement;
- ``krippendorff_alpha``: nominal α of the theme's applied / not applied (the
  ``krippendorff`` package).

A theme neither sort used (or one both applied to every note) leaves nothing to correct for
chance: ``pe`` is 1, so kappa, α and the interval are undefined (NaN, with a ``note`` saying
why) while ``po`` and ``pabak`` are 1. A theme only one sort used has kappa 0 whatever the raw
agreement (the kappa paradox: 3 notes of 100 placed by one researcher only is 97 % agreement
and kappa 0); its standard error is 0, so no interval is given and the ``note`` says why.

With three or more sorts each theme gets Fleiss' kappa (statsmodels' ``fleiss_kappa``), its
``po`` (mean pairwise agreement over notes) and ``pe``, and α over all the sorts.

Overall: Krippendorff's α (nominal) over every (note, theme) unit, and Fleiss' kappa over the
same units when there are more than two sorts.
"""

from __future__ import annotations

import math
import warnings

import krippendorff
import numpy as np
import pandas as pd
from scipy.stats import norm
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import cohens_kappa, fleiss_kappa

from .units import Codings

Z95 = float(norm.ppf(0.975))
UNUSED = "neither sort used this theme"
EVERYWHERE = "every sort applied this theme to every note"
# One sort constant: kappa is 0 by construction and the standard error 0, so a Wald interval
# would claim a certainty there is not; it is left out.
ONE_SIDED = "only one sort used this theme: kappa is 0 by construction, no interval"
ONE_EVERYWHERE = "one sort applied this theme to every note: kappa is 0, no interval"


def _constant(applied: np.ndarray, none: str, every: str) -> str:
    """``none`` when nothing is applied, ``every`` when everything is, else ""."""
    return none if not applied.any() else every if applied.all() else ""


def _undefined(applied: np.ndarray) -> str:
    """Why chance-corrected agreement is undefined for a theme ("" when it is defined)."""
    return _constant(applied, UNUSED, EVERYWHERE)


def alpha(matrix: np.ndarray) -> float:
    """Nominal Krippendorff's α of a sorts × units matrix of 0/1 values (NaN if undefined).

    Examples
    --------
    >>> round(alpha(np.array([[1, 1, 0, 0], [1, 0, 0, 0]])), 4)
    0.5333
    """
    if matrix.size == 0 or np.unique(matrix).size < 2:
        return math.nan
    return float(krippendorff.alpha(reliability_data=matrix, value_domain=[0, 1],
                                    level_of_measurement="nominal"))


def cohen_row(first: np.ndarray, second: np.ndarray) -> dict[str, float | int | str]:
    """Every two-sort figure for one theme from the two sorts' 0/1 vectors over the notes.

    Examples
    --------
    >>> row = cohen_row(np.array([1, 1, 0, 0]), np.array([1, 0, 0, 0]))
    >>> row["a"], row["b"], row["c"], row["d"], row["kappa"]
    (1, 1, 0, 2, 0.5)
    """
    n = len(first)
    a = int(((first == 1) & (second == 1)).sum())
    b = int(((first == 1) & (second == 0)).sum())
    c = int(((first == 0) & (second == 1)).sum())
    d = n - a - b - c
    po = (a + d) / n if n else math.nan
    pe = ((a + b) * (a + c) + (c + d) * (b + d)) / n ** 2 if n else math.nan
    why = _undefined(np.concatenate([first, second])) if n else "no notes"
    kappa = low = high = alpha_ = math.nan
    if not why:
        kappa = float(cohen_kappa_score(first, second, labels=[0, 1]))
        alpha_ = alpha(np.vstack([first, second]))
        why = (_constant(first, ONE_SIDED, ONE_EVERYWHERE)
               or _constant(second, ONE_SIDED, ONE_EVERYWHERE))
        if not why:
            table = np.array([[a, b], [c, d]], dtype=float)
            se = float(cohens_kappa(table)["std_kappa"])
            low, high = max(-1.0, kappa - Z95 * se), min(1.0, kappa + Z95 * se)
    return {"a": a, "b": b, "c": c, "d": d, "n": n, "po": po, "pe": pe, "kappa": kappa,
            "ci_low": low, "ci_high": high, "pabak": 2 * po - 1 if n else math.nan,
            "prevalence_index": (a - d) / n if n else math.nan,
            "bias_index": (b - c) / n if n else math.nan,
            "krippendorff_alpha": alpha_, "note": why}


def fleiss_row(matrix: np.ndarray) -> dict[str, float | str]:
    """Fleiss' kappa for one theme from a sorts × notes 0/1 matrix (three or more sorts).

    ``po`` is the mean over notes of the share of agreeing sort pairs, ``pe`` the agreement
    expected from the pooled rate.

    Examples
    --------
    >>> row = fleiss_row(np.array([[1, 1, 0], [1, 0, 0], [1, 1, 0]]))
    >>> round(row["po"], 4), round(row["kappa"], 4)
    (0.7778, 0.55)
    """
    m, n = matrix.shape
    yes = matrix.sum(axis=0)
    table = np.column_stack([yes, m - yes])
    po = float(((table * (table - 1)).sum(axis=1) / (m * (m - 1))).mean()) if n else math.nan
    share = yes.sum() / (m * n) if n else math.nan
    pe = share ** 2 + (1 - share) ** 2
    why = _undefined(matrix) if n else "no notes"
    kappa = alpha_ = math.nan
    if not why:
        kappa = float(fleiss_kappa(table, method="fleiss"))
        alpha_ = alpha(matrix)
    return {"n": n, "po": po, "pe": pe, "kappa": kappa, "krippendorff_alpha": alpha_,
            "note": why}


def theme_agreement(c: Codings) -> pd.DataFrame:
    """One row per theme: Cohen's figures for two sorts, Fleiss' for three or more.

    Columns for two sorts: ``theme, kappa, po, pe, a, b, c, d, pabak, ci_low, ci_high,
    prevalence_index, bias_index, krippendorff_alpha, n, note``; for more, ``theme, kappa,
    po, pe, krippendorff_alpha, n, note`` plus ``applied[<sort>]`` per sort. Themes are in the
    order first met (the first sort's themes first).

    Examples
    --------
    >>> from synthesis.agreement.units import codings
    >>> notes = pd.DataFrame({"note_id": ["n1", "n2", "n3", "n4"]})
    >>> dana = pd.DataFrame({"note_id": ["n1", "n2"], "theme": ["Setup", "Setup"]})
    >>> lee = pd.DataFrame({"note_id": ["n1"], "theme": ["Setup"]})
    >>> theme_agreement(codings(notes, {"dana": dana, "lee": lee}))[["theme", "kappa"]]
       theme  kappa
    0  Setup    0.5
    """
    matrices = [c.matrix(s) for s in c.sorts]
    rows = []
    for j, theme in enumerate(c.themes):
        columns = np.vstack([m[:, j] for m in matrices])
        if len(c.sorts) == 2:
            row = cohen_row(columns[0], columns[1])
        else:
            row = fleiss_row(columns)
            for s, col in zip(c.sorts, columns):
                row[f"applied[{s}]"] = int(col.sum())
        rows.append({"theme": theme, **row})
    order = (["theme", "kappa", "po", "pe", "a", "b", "c", "d", "pabak", "ci_low", "ci_high",
              "prevalence_index", "bias_index", "krippendorff_alpha", "n", "note"]
             if len(c.sorts) == 2 else
             ["theme", "kappa", "po", "pe", "krippendorff_alpha", "n", "note",
              *[f"applied[{s}]" for s in c.sorts]])
    return pd.DataFrame(rows, columns=order)


def overall_agreement(c: Codings) -> dict[str, float | int]:
    """Krippendorff's α over every (note, theme) unit; Fleiss' kappa too for 3+ sorts.

    ``units`` is notes × themes. Pooled over themes, a theme neither sort used only adds
    units everybody agrees on; the per-theme figures show which themes agreement rests on.

    Examples
    --------
    >>> from synthesis.agreement.units import codings
    >>> sorts = {"dana": pd.DataFrame({"note_id": ["a", "b"], "theme": ["X", "Y"]}),
    ...          "lee": pd.DataFrame({"note_id": ["a", "b"], "theme": ["X", "X"]})}
    >>> figures = overall_agreement(codings(pd.DataFrame({"note_id": ["a", "b"]}), sorts))
    >>> figures["units"], round(figures["krippendorff_alpha"], 4)
    (4, 0.125)
    """
    stacked = np.vstack([c.matrix(s).ravel(order="F") for s in c.sorts])
    out: dict[str, float | int] = {"krippendorff_alpha": alpha(stacked),
                                   "units": int(stacked.shape[1]),
                                   "themes": len(c.themes), "notes": len(c.notes)}
    if len(c.sorts) > 2:
        yes = stacked.sum(axis=0)
        table = np.column_stack([yes, len(c.sorts) - yes])
        with warnings.catch_warnings():  # every unit alike: 0/0, reported as NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            out["fleiss_kappa"] = (float(fleiss_kappa(table, method="fleiss"))
                                   if not _undefined(stacked) else math.nan)
    return out
