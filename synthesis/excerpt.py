"""A text's start on one line, for messages, summaries and the event log.

Examples
--------
>>> excerpt("I just left\\nthe VAT line blank", 20)
'I just left the VAT…'
>>> excerpt("short")
'short'
"""

from __future__ import annotations


def excerpt(text: str, width: int = 60) -> str:
    """``text`` with its whitespace runs made single spaces, cut to ``width`` characters
    (the last one an ellipsis) when longer."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
