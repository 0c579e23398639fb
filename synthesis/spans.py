"""Where a highlight lies in its transcript: the turns it covers and the characters in each.

A note lifted from a transcript keeps its first turn and the character it starts at
(``utterance_id``, ``start_char``), and, when it runs over consecutive turns of one speaker,
the turn it ends in (``end_utterance_id``) with ``end_char`` counted in that turn. Its words
are each covered turn's slice, one turn a line. These pure functions are the one place that
turns such a note into per-turn ranges (the reader's highlights, a split, the REFI-QDA
export's document range).
"""

from __future__ import annotations

from collections.abc import Mapping

TURN_JOIN = "\n"  # between two turns' words in a note that spans them


def turn_ranges(first: int, start: int, end: int, last: int | None,
                texts: Mapping[int, str]) -> list[tuple[int, int, int]]:
    """``(utterance id, start, end)`` of each turn a note covers ([]: not in ``texts``).

    ``texts`` maps the session's utterance ids to their words, in session order.

    Examples
    --------
    >>> texts = {7: "I use a sheet.", 8: "It takes an hour.", 9: "Every Friday."}
    >>> turn_ranges(7, 6, 13, None, texts)
    [(7, 6, 13)]
    >>> turn_ranges(7, 6, 5, 9, texts)
    [(7, 6, 14), (8, 0, 17), (9, 0, 5)]
    """
    if last is None or last == first:
        return [(first, start, end)] if first in texts else []
    ids = list(texts)
    if first not in texts or last not in texts or ids.index(last) < ids.index(first):
        return []
    i, j = ids.index(first), ids.index(last)
    return ([(first, start, len(texts[first]))]
            + [(u, 0, len(texts[u])) for u in ids[i + 1:j]] + [(last, 0, end)])


def span_text(ranges: list[tuple[int, int, int]], texts: Mapping[int, str]) -> str:
    """The words of these ranges, one turn a line: what a highlight over them holds.

    Examples
    --------
    >>> span_text([(7, 6, 14), (8, 0, 8)], {7: "I use a sheet.", 8: "It takes an hour."})
    'a sheet.\\nIt takes'
    """
    return TURN_JOIN.join(texts[u][s:e] for u, s, e in ranges)


def point(ranges: list[tuple[int, int, int]], at: int, *, ending: bool) -> tuple[int, int]:
    """Character ``at`` of a highlight's text as (index of its range, character in its
    turn); ``ending``: ``at`` ends a span (so the end of a turn's words stays in that turn).

    Examples
    --------
    >>> ranges = [(7, 6, 14), (8, 0, 17)]
    >>> point(ranges, 8, ending=True), point(ranges, 9, ending=False)
    ((0, 14), (1, 0))
    """
    offset = 0
    for k, (_uid, start, end) in enumerate(ranges):
        size = end - start
        if offset <= at and (at <= offset + size if ending else at < offset + size):
            return k, start + at - offset
        offset += size + len(TURN_JOIN)
    raise ValueError(f"character {at} is outside the highlight")
