"""Every agreement figure for a set of sorts of one round, as frames and as one JSON object.

:func:`compare_sorts` is the one entry point: notes and each sort's placements in, an
:class:`Agreement` out, with the per-theme table, the overall figures, the partition view
(two sorts; every pair when there are more) and the queue of disagreements. Pure: it never
touches a study; ``Study.agreement`` reads the placements and calls it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .disagreements import disagreements
from .partition import PartitionAgreement, partition_agreement
from .per_theme import overall_agreement, theme_agreement
from .units import Codings, Sorts, codings

THEME_KEYS = ("theme", "kappa", "po", "pe", "a", "b", "c", "d", "pabak", "ci_low", "ci_high")
PARTITION_KEYS = ("ari", "krippendorff_alpha", "variation_of_information", "edit_distance",
                  "notes_to_move", "matched")


@dataclass(frozen=True)
class Agreement:
    """Agreement between sorts of one round.

    ``themes``: one row per theme (:func:`.per_theme.theme_agreement`); ``overall``: α over
    every (note, theme) unit (+ Fleiss' kappa with 3+ sorts); ``partitions``: the partition
    view per pair of sorts (one pair for two sorts); ``pair_themes``: the per-theme Cohen
    table of each pair (3+ sorts); ``disagreements``: the notes placed differently.
    """

    sorts: tuple[str, ...]
    codings: Codings
    themes: pd.DataFrame
    overall: dict[str, Any]
    partitions: dict[tuple[str, str], PartitionAgreement]
    disagreements: pd.DataFrame
    pair_themes: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict)
    round: str | None = None

    @property
    def partition(self) -> PartitionAgreement:
        """The partition view of the first two sorts."""
        return self.partitions[(self.sorts[0], self.sorts[1])]

    def to_json(self) -> dict[str, Any]:
        """The figures as plain JSON values (NaN as null).

        ``themes`` holds one object per theme with at least ``theme, kappa, po, pe, a, b, c,
        d, pabak, ci_low, ci_high`` (two sorts); ``partition`` holds ``ari,
        krippendorff_alpha, variation_of_information, edit_distance, notes_to_move, matched``
        and what was left out. With three or more sorts ``themes`` holds Fleiss' figures,
        ``partition`` is null and ``pairs`` holds each pair's themes and partition.
        """
        out: dict[str, Any] = {"round": self.round, "sorts": list(self.sorts),
                               "notes": len(self.codings.notes),
                               "themes": records(self.themes),
                               "overall": plain(self.overall),
                               "disagreements": len(self.disagreements)}
        if len(self.sorts) == 2:
            out["partition"] = partition_json(self.partition)
        else:
            out["partition"] = None
            out["pairs"] = [{"sorts": list(pair), "themes": records(self.pair_themes[pair]),
                             "partition": partition_json(self.partitions[pair])}
                            for pair in self.partitions]
        return out


def compare_sorts(notes: pd.DataFrame, sorts: Sorts, mapping: Mapping[str, str] | None = None,
                  round: str | None = None) -> Agreement:
    """Compare two or more sorts of the same notes.

    Parameters
    ----------
    notes
        The round's notes (``note_id``; ``text`` is carried into the notes to move and the
        disagreements).
    sorts
        Sort name -> placements (``note_id, theme``), see :mod:`.units`.
    mapping
        Theme name -> the name to match it under, when researchers named a theme differently.

    Examples
    --------
    >>> notes = pd.DataFrame({"note_id": ["n1", "n2", "n3", "n4"]})
    >>> dana = pd.DataFrame({"note_id": ["n1", "n2", "n3", "n4"],
    ...                      "theme": ["Setup", "Setup", "Pricing", "Pricing"]})
    >>> lee = pd.DataFrame({"note_id": ["n1", "n2", "n3", "n4"],
    ...                     "theme": ["Setup", "Setup", "Setup", "Pricing"]})
    >>> result = compare_sorts(notes, {"dana": dana, "lee": lee})
    >>> result.themes["kappa"].tolist(), result.partition.summary["edit_distance"]
    ([0.5, 0.5], 1)
    """
    c = codings(notes, sorts, mapping)
    pairs = list(itertools.combinations(c.sorts, 2))
    partitions = {pair: partition_agreement(c, *pair) for pair in pairs}
    pair_themes: dict[tuple[str, str], pd.DataFrame] = {}
    if len(c.sorts) > 2:
        for pair in pairs:
            sub = Codings(notes=c.notes, sorts=pair, themes=c.themes,
                          applied={s: c.applied[s] for s in pair})
            pair_themes[pair] = theme_agreement(sub)
    return Agreement(sorts=c.sorts, codings=c, themes=theme_agreement(c),
                     overall=overall_agreement(c), partitions=partitions,
                     disagreements=disagreements(c), pair_themes=pair_themes, round=round)


def plain(value: Any) -> Any:
    """A value as JSON has it: NaN and missing as None, numpy numbers as Python ones."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame as a list of JSON objects (NaN as null)."""
    return [plain(dict(zip(frame.columns, row))) for row in frame.itertuples(index=False)]


def partition_json(p: PartitionAgreement) -> dict[str, Any]:
    """One pair's partition figures, the notes to move and the matched themes."""
    return {**plain(p.summary), "notes_to_move": records(p.notes_to_move),
            "matched": records(p.matched)}
