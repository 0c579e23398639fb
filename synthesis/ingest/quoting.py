"""Quotes that lie: a ``"`` opened in a CSV cell and never closed, or closed rows later.

The csv module reads every line after an unclosed quote into one cell, until the next ``"``
or the end of the file, without a word: rows vanish into a note. These checks look only at
the records that span several lines, so a clean file pays nothing for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from synthesis.errors import InputError

if TYPE_CHECKING:  # tables.py calls this module: a runtime import back would be a cycle
    from synthesis.ingest.tables import Row


def _shape(value: str) -> str:
    """A value's outline: ``P02`` and ``P17`` share one, ``we do X`` has another."""
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "9", value.strip()))


def check_quotes(text: str, rows: Sequence[Row], delimiter: str, source: str,
                 line_offset: int = 0, multiline: Sequence[int] | None = None) -> None:
    """Refuse a quoted cell that is never closed, or that swallows the rows after it.

    An unclosed ``"`` makes the csv module read every following line into one cell until
    the next ``"`` (or the end of the file) without complaint. A multi-line cell is taken
    for swallowed rows when one of its inner lines splits into as many cells as the header
    and starts like the file's rows do (``P02`` where rows start ``P01``, ``P03``...).
    ``multiline`` lists the rows that span several lines (all rows are looked at if None).

    Raises
    ------
    InputError
        Naming the line where the quote opens and the line it swallowed.

    Examples
    --------
    >>> text = 'id,note,tag\\nP01,"Too slow,Pricing\\nP02,Fine,UX\\nP03,ok,Trust\\n'
    >>> from synthesis.ingest.tables import Row
    >>> rows = [Row(1, 1, ("id", "note", "tag")),
    ...         Row(2, 2, ("P01", "Too slow,Pricing\\nP02,Fine,UX\\nP03,ok,Trust\\n"))]
    >>> check_quotes(text, rows, ",", "n.csv")
    Traceback (most recent call last):
    ...
    synthesis.errors.InputError: n.csv, line 2: a quoted cell opens on this line and is never
    closed, so every line after it was read into that one cell; add the missing '"' (or remove
    the stray one)
    """
    if not rows:
        return
    suspects = [rows[i] for i in (range(len(rows)) if multiline is None else multiline)]
    last = rows[-1]
    if (last in suspects and "\n" in "".join(last.cells) and text.count('"') % 2 == 1
            and "\n".join(text.split("\n")[last.line - 1 - line_offset:]).count('"') % 2):
        raise InputError(source, "a quoted cell opens on this line and is never closed, so "
                                 "every line after it was read into that one cell; add the "
                                 "missing '\"' (or remove the stray one)", line=last.line)
    width = len(rows[0].cells)
    shapes: dict[str, int] = {}
    single = 0
    for row in rows[1:1000]:
        if row.cells and "\n" not in "".join(row.cells):
            single += 1
            shape = _shape(row.cells[0])
            shapes[shape] = shapes.get(shape, 0) + 1
    common = {s for s, n in shapes.items() if s and n * 2 >= single}
    for row in suspects:
        for cell in row.cells:
            if "\n" not in cell:
                continue
            for offset, inner in enumerate(cell.split("\n")[1:], start=1):
                pieces = inner.split(delimiter)
                if len(pieces) >= max(width, 2) and _shape(pieces[0]) in common:
                    raise InputError(
                        source, f"a quoted cell opens on this line and runs on over line "
                        f"{row.line + offset}, which looks like a row of its own "
                        f"({inner[:40]!r}); close the quote with '\"' where the cell ends",
                        line=row.line)
