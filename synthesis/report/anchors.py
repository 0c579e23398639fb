"""Section anchors: one name per section, shared by the contents and the sections."""

from __future__ import annotations

SUMMARY, THEMES, CHANGES, SATURATION, BOARD, CRAFT, METHOD = (
    "summary", "themes", "changes", "saturation", "board", "craft", "methodology")
AGREEMENT = "agreement"
