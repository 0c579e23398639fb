"""Untrusted text made safe for plotly, which renders a subset of HTML in labels and hovers."""

from __future__ import annotations

import textwrap

from ..analysis._frames import plural

__all__ = ["escape", "plural", "quote", "people"]


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


def people(k: int, n: int) -> str:
    return f"{k}/{n}"
