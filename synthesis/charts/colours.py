"""One colour per theme across every chart of a study, from colour-blind-safe palettes."""

from __future__ import annotations

import re

import pandas as pd

# Paul Tol's "muted" scheme: nine colours told apart under the common colour-vision
# deficiencies (https://personal.sron.nl/~pault/). Themes cycle through it.
THEME_PALETTE = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255",
                 "#44AA99", "#999933", "#AA4499")
# Okabe & Ito's palette for segments, deliberately a different set from the theme colours so
# a segment is never mistaken for a theme.
SEGMENT_PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
                   "#CC79A7", "#000000")
NOT_SET_COLOUR = "#BBBBBB"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def theme_colours(themes: pd.DataFrame) -> dict[str, str]:
    """Theme id → colour: the theme's own colour when set, else the palette by board order.

    Themes are ranked by ``position`` then ``theme_id`` (every row passed, removed themes
    included, so a theme given its own colour does not shift the others); the n-th theme
    takes the n-th palette colour, cycling after nine. Call it once per study and pass the
    result to every chart, or let each chart call it on the same themes frame.

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
    colours: dict[str, str] = {}
    for rank, (tid, colour) in enumerate(zip(ordered["theme_id"], own)):
        if isinstance(colour, str) and _HEX.match(colour):
            colours[str(tid)] = colour
        else:
            colours[str(tid)] = THEME_PALETTE[rank % len(THEME_PALETTE)]
    return colours


def segment_colours(values: list[str], not_set: str = "(not set)") -> dict[str, str]:
    """Segment value → colour, in the order given; "(not set)" is grey."""
    out: dict[str, str] = {}
    rank = 0
    for value in values:
        if value == not_set:
            out[value] = NOT_SET_COLOUR
        else:
            out[value] = SEGMENT_PALETTE[rank % len(SEGMENT_PALETTE)]
            rank += 1
    return out


def swatch(label: str, colour: str) -> str:
    """An axis label led by a square in the theme's colour (label already escaped)."""
    return f'<span style="color:{colour}">■</span> {label}'
