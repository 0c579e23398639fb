"""Charts: plotly figures from analysis frames, one module per chart family (no I/O)."""

from __future__ import annotations

from ._text import escape
from .colours import SEGMENT_PALETTE, THEME_PALETTE, attribute_colours, theme_colours
from .frequency import theme_bars
from .matrices import cooccurrence_heatmap, participant_heatmap
from .rounds import round_shares_chart
from .saturation import saturation_chart

__all__ = ["SEGMENT_PALETTE", "THEME_PALETTE", "attribute_colours", "cooccurrence_heatmap",
           "escape", "participant_heatmap", "round_shares_chart", "saturation_chart",
           "theme_bars", "theme_colours"]
