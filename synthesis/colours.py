"""Colours: one theme, one colour; one segment value, one colour — on the board, in its
snapshot and in every chart.

The board (its live widget and the static snapshot in reports) and the charts all ask this
module, so a theme without a colour of its own is drawn in the same colour everywhere, and a
segment (or any participant attribute a researcher colours by) has the same colour in a chart
and on the board beside it.

- **Themes**: a theme's own ``#rrggbb`` colour when it has one, else Paul Tol's "muted"
  palette by board order (position, then id), cycling after nine.
- **Attribute values** (segments, roles, participants): Okabe & Ito's palette, deliberately a
  different set from the theme colours so a segment is never mistaken for a theme, given to
  the values in natural sort order; a missing value ("(not set)") is grey. Pass every value
  the study has (not just those on screen), so a value keeps its colour from view to view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

__all__ = ["THEME_PALETTE", "SEGMENT_PALETTE", "NOT_SET_COLOUR", "NOT_SET", "theme_colours",
           "attribute_colours", "attribute_palettes", "safe_colour", "is_colour"]

# Paul Tol's "muted" scheme: nine colours told apart under the common colour-vision
# deficiencies (https://personal.sron.nl/~pault/). Themes cycle through it.
THEME_PALETTE = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255",
                 "#44AA99", "#999933", "#AA4499")
# Okabe & Ito's palette for attribute values (segments…).
SEGMENT_PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
                   "#CC79A7", "#000000")
NOT_SET_COLOUR = "#BBBBBB"
NOT_SET = "(not set)"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def is_colour(value: Any) -> bool:
    """Whether ``value`` is a ``#rrggbb`` colour (nothing else may reach a style attribute).

    >>> is_colour("#12abEF"), is_colour("red"), is_colour("#123;x")
    (True, False, False)
    """
    return isinstance(value, str) and bool(_HEX.match(value))


def safe_colour(value: Any, fallback: str) -> str:
    """``value`` when it is a ``#rrggbb`` colour, else ``fallback``.

    >>> safe_colour("javascript:x", "#BBBBBB")
    '#BBBBBB'
    """
    return value if is_colour(value) else fallback


def theme_colours(themes: pd.DataFrame) -> dict[str, str]:
    """Theme id → colour: the theme's own colour when set, else the palette by board order.

    Themes are ranked by ``position`` then ``theme_id`` over every row passed (pass the
    study's live themes, as ``Study.themes()`` returns them), so the n-th theme takes the
    n-th palette colour whatever order the rows come in.

    Examples
    --------
    >>> themes = pd.DataFrame({"theme_id": ["a", "b"], "name": ["A", "B"],
    ...                        "colour": [None, "#123456"], "position": [0, 1]})
    >>> theme_colours(themes)
    {'a': '#CC6677', 'b': '#123456'}
    """
    keys = [c for c in ("position", "theme_id") if c in themes.columns]
    ordered = themes.sort_values(keys, kind="stable") if keys else themes
    own = ordered["colour"] if "colour" in ordered.columns else [None] * len(ordered)
    return {str(tid): safe_colour(colour, THEME_PALETTE[rank % len(THEME_PALETTE)])
            for rank, (tid, colour) in enumerate(zip(ordered["theme_id"], own))}


def _natural(text: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p.casefold() for p in re.split(r"(\d+)", text))


def attribute_colours(values: Iterable[Any], not_set: str = NOT_SET) -> dict[str, str]:
    """Value → colour for one attribute (a segment, a role, participant ids): every distinct
    value in natural sort order takes the next palette colour; missing values and
    ``not_set`` are grey.

    Examples
    --------
    >>> attribute_colours(["SMB", "Enterprise", None, "SMB"])
    {'Enterprise': '#E69F00', 'SMB': '#56B4E9', '(not set)': '#BBBBBB'}
    """
    seen: set[str] = set()
    missing = False
    for value in values:
        if value is None or (isinstance(value, float) and pd.isna(value)) or value == not_set \
                or str(value).strip() == "":
            missing = True
        else:
            seen.add(str(value))
    out = {v: SEGMENT_PALETTE[i % len(SEGMENT_PALETTE)]
           for i, v in enumerate(sorted(seen, key=_natural))}
    if missing:
        out[not_set] = NOT_SET_COLOUR
    return out


def attribute_palettes(participants: pd.DataFrame, attributes: Iterable[str]
                       ) -> dict[str, dict[str, str]]:
    """Colours for each attribute the board may colour by, plus ``participant`` (by id).

    Examples
    --------
    >>> people = pd.DataFrame({"participant_id": ["P2", "P1"], "segment": ["SMB", None]})
    >>> attribute_palettes(people, ["segment"])["segment"]
    {'SMB': '#E69F00', '(not set)': '#BBBBBB'}
    """
    out = {str(a): attribute_colours(participants[a]) if a in participants.columns else {}
           for a in attributes}
    if "participant_id" in participants.columns:
        out["participant"] = attribute_colours(participants["participant_id"].dropna())
    return out
