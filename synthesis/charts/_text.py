"""Text for plotly: untrusted text escaped, long titles broken into lines that fit the chart."""

from __future__ import annotations

import textwrap

from ..analysis._frames import plural

__all__ = ["escape", "fit", "heading", "plural", "quote", "people"]

# Measured in Chromium: a title character is about 8 px wide, a subtitle's about 5.5 px, and
# the title starts some 50 px in; 80 and 95 characters fit a 900 px chart with room to spare.
TITLE_WIDTH = 80
SUBTITLE_WIDTH = 95


def escape(text: object) -> str:
    """Escape ``&``, ``<`` and ``>`` so plotly shows the text as typed.

    Plotly decodes ``&amp;``, ``&lt;`` and ``&gt;`` back when it draws, so the reader sees
    the original characters while tags in a quote (``<b>``, ``<a href>``) stay inert.

    Examples
    --------
    >>> escape("<script> & co")
    '&lt;script&gt; &amp; co'
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quote(text: object, limit: int = 200, width: int = 60) -> str:
    """A note's text for a hover box: shortened, wrapped with ``<br>``, every line escaped."""
    raw = " ".join(str(text or "").split())
    if len(raw) > limit:
        raw = raw[: limit - 1].rstrip() + "…"
    return "<br>".join(escape(line) for line in textwrap.wrap(raw, width)) if raw else ""


def fit(parts: list[str], width: int = TITLE_WIDTH) -> str:
    """Plain text parts as one escaped line when they fit ``width``, else one part per line.

    A part longer than ``width`` is wrapped at spaces too. Lines are joined with ``<br>``,
    which plotly draws as a line break in titles and subtitles (they never wrap on their own).

    Examples
    --------
    >>> fit(["A fell most", "(R1 → R2)"])
    'A fell most (R1 → R2)'
    >>> fit(["A & B fell most", "(Round 1 → Round 2)"], width=20)
    'A &amp; B fell most<br>(Round 1 → Round 2)'
    """
    parts = [" ".join(str(part).split()) for part in parts if str(part).strip()]
    if len(" ".join(parts)) <= width:
        return escape(" ".join(parts))
    return "<br>".join(escape(line) for part in parts for line in textwrap.wrap(part, width))


def heading(title: str, subtitle: str = "") -> dict[str, object]:
    """``layout`` settings for a title and subtitle (lines already :func:`fit`) to stay inside.

    Plotly does not make room for a title broken over lines, and its ``automargin`` puts a
    title with a subtitle above the top of the figure, so the title is pinned to the top
    and the top margin grows by a line height per extra line instead.

    Examples
    --------
    >>> heading("One<br>Two", "Three")["margin"]
    {'t': 106}
    """
    lines, sub = title.count("<br>") + 1, subtitle.count("<br>") + 1 if subtitle else 0
    # Anchored at the top, a title of several lines still starts 12 px higher than one of a
    # single line (measured in Chromium): without the extra pad its first line is cut off.
    return {"title": {"text": title, "subtitle": {"text": subtitle}, "yref": "container",
                      "y": 1, "yanchor": "top", "pad": {"t": 12 if lines == 1 else 24}},
            "margin": {"t": max(100, 40 + 24 * lines + 18 * sub)}}


def people(k: int, n: int) -> str:
    return f"{k}/{n}"
