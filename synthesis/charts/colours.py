"""Colours in charts: decided in :mod:`synthesis.colours` (the one place the board, its
snapshot and the charts ask), plus the coloured square charts put before a theme's label."""

from __future__ import annotations

from ..colours import (NOT_SET_COLOUR, SEGMENT_PALETTE, THEME_PALETTE, attribute_colours,
                       theme_colours)

__all__ = ["NOT_SET_COLOUR", "SEGMENT_PALETTE", "THEME_PALETTE", "attribute_colours",
           "swatch", "theme_colours"]


def swatch(label: str, colour: str) -> str:
    """An axis label led by a square in the theme's colour (label already escaped).

    >>> swatch("Setup", "#CC6677")
    '<span style="color:#CC6677">■</span> Setup'
    """
    return f'<span style="color:{colour}">■</span> {label}'
