"""Which way another tool counted REFI-QDA text positions, decided from the text itself.

QDA-XML says selections are character positions in the plain text, but tools disagree on
what a character is: NVivo (a .NET program) counts UTF-16 code units, so every emoji counts
twice; others count code points or UTF-8 bytes; and some count a Windows line break (CRLF)
as two characters while others, having read the file with universal newlines, count one.
Each reading is tried on every selection of a source. The one that keeps all selections
inside the text and on character boundaries, and puts the most selection edges between
words (or matches the selection's ``name``, when a tool writes the quoted text there), wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

UNITS = ("characters", "UTF-16 code units", "UTF-8 bytes")
NEWLINES = ("as in the file", "CRLF as one", "LF as two")


@dataclass(frozen=True)
class Reading:
    """One way of counting positions."""

    unit: str  # one of UNITS
    newline: str  # one of NEWLINES

    def describe(self, crlf_in_file: bool) -> str:
        if self.newline == "as in the file":
            breaks = ("a CRLF line break counted as two" if crlf_in_file
                      else "a line break counted as one")
        elif self.newline == "CRLF as one":
            breaks = "a CRLF line break counted as one"
        else:
            breaks = "a line break counted as two (CRLF)"
        return f"{self.unit}, {breaks}"


@dataclass(frozen=True)
class Selection:
    """A selection as the file gives it: raw positions and its optional ``name``."""

    start: int
    end: int
    name: str = ""


@dataclass
class Resolved:
    """The text with LF line breaks, each selection's range in it, and the evidence."""

    text: str
    ranges: list[tuple[int, int] | None]  # None: does not fit the text under the reading
    reading: Reading
    crlf: bool  # the file's line breaks were CRLF
    misfits: int  # selections that fit under no reading tried
    edges: int  # selection edges that fall between words under the reading
    names: int  # selections whose name quotes the selected text
    unique: bool  # no other reading keeps every selection on the text's character boundaries
    guess: bool  # another reading that disagrees scored as well
    given: list[Selection] = field(default_factory=list)  # the selections as the file gave them


def normalise_newlines(raw: str) -> str:
    return raw.replace("\r\n", "\n").replace("\r", "\n")


class _Counting:
    """Maps positions counted one way back to indices in the LF text."""

    def __init__(self, counted: str, inserted: np.ndarray, unit: str) -> None:
        self.n_chars = len(counted)
        # Inserted characters are the CRs of CRLF pairs that the LF text does not have.
        self.inserted = inserted
        codes = np.frombuffer(counted.encode("utf-32-le"), dtype=np.uint32)
        if unit == "characters":
            widths = np.ones(len(codes), dtype=np.int64)
        elif unit == "UTF-16 code units":
            widths = 1 + (codes >= 0x10000).astype(np.int64)
        else:
            widths = (1 + (codes >= 0x80).astype(np.int64) + (codes >= 0x800)
                      + (codes >= 0x10000))
        self.offsets = np.concatenate(([0], np.cumsum(widths)))  # unit offset of each char

    def to_text(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """LF-text indices of ``positions`` and whether each is a clean boundary."""
        idx = np.searchsorted(self.offsets, positions, side="left")
        inside = (positions >= 0) & (positions <= self.offsets[-1])
        idx = np.clip(idx, 0, self.n_chars)
        on_boundary = inside & (self.offsets[idx] == positions)
        before = np.searchsorted(self.inserted, idx, side="left")
        # A position between the CR and LF of a pair is not a boundary anyone meant.
        mid_pair = np.isin(idx - 1, self.inserted)
        return idx - before, on_boundary & ~mid_pair


def _countings(raw: str, text: str) -> list[tuple[str, str, np.ndarray]]:
    """(newline reading, counted text, inserted CR positions) for the readings that differ."""
    out: list[tuple[str, str, np.ndarray]] = []
    if "\r\n" in raw:
        crs = np.array([i for i, ch in enumerate(raw) if ch == "\r"
                        and raw[i + 1:i + 2] == "\n"], dtype=np.int64)
        # Lone CRs become LFs one for one, so only CRs of pairs are "inserted".
        out.append(("as in the file", raw, crs))
        out.append(("CRLF as one", text, np.array([], dtype=np.int64)))
    else:
        out.append(("as in the file", text, np.array([], dtype=np.int64)))
        if "\n" in text:
            doubled = text.replace("\n", "\r\n")
            crs = np.array([i for i, ch in enumerate(doubled) if ch == "\r"], dtype=np.int64)
            out.append(("LF as two", doubled, crs))
    return out


def _squash(s: str) -> str:
    return " ".join(s.split()).casefold()


def _edges(text: str, start: int, end: int) -> int:
    """How many of a range's two edges fall between words (not inside one)."""
    score = 0
    if start == 0 or not (text[start - 1].isalnum() and text[start].isalnum()):
        score += 1
    if end == len(text) or not (text[end - 1].isalnum() and text[end].isalnum()):
        score += 1
    return score


def _names(text: str, start: int, end: int, name: str) -> int:
    """1 when the selection's ``name`` quotes the selected text (some tools write it there)."""
    wanted = _squash(name)
    if len(wanted) < 3:
        return 0
    got = _squash(text[start:end])
    return int(bool(got) and (got.startswith(wanted[:40]) or wanted.startswith(got[:40])))


def resolve(raw: str, selections: Sequence[Selection], *, source: str = "",
            prefer: Reading | None = None) -> Resolved:
    """Decide how ``selections`` count positions in ``raw`` and map them into the LF text.

    ``raw`` is the source's text as decoded (BOM removed, line breaks as in the file).
    ``prefer`` (the reading chosen for another source of the same project) breaks ties.

    Examples
    --------
    >>> r = resolve("Ann: I ❤️ 🧾 tax\\r\\nBo: ok", [Selection(13, 16, "tax")])
    >>> r.text[slice(*r.ranges[0])], r.reading.unit
    ('tax', 'UTF-16 code units')
    """
    text = normalise_newlines(raw)
    crlf = "\r\n" in raw
    starts = np.array([s.start for s in selections], dtype=np.int64)
    ends = np.array([s.end for s in selections], dtype=np.int64)
    candidates = []
    order = 0
    for newline, counted, inserted in _countings(raw, text):
        for unit in UNITS:
            counting = _Counting(counted, inserted, unit)
            a, a_ok = counting.to_text(starts)
            b, b_ok = counting.to_text(ends)
            ok = a_ok & b_ok & (starts <= ends)
            ranges = [(int(x), int(y)) if good else None for x, y, good in zip(a, b, ok)]
            fitting = [(r, s) for r, s in zip(ranges, selections)
                       if r is not None and r[0] < r[1]]
            edges = sum(_edges(text, r[0], r[1]) for r, _ in fitting)
            names = sum(_names(text, r[0], r[1], s.name) for r, s in fitting)
            reading = Reading(unit, newline)
            # A quoted name is stronger evidence than a word edge, which chance often gives.
            candidates.append(((int((~ok).sum()), -(edges + 4 * names), reading != prefer,
                                order), reading, ranges, edges, names))
            order += 1
    candidates.sort(key=lambda c: c[0])
    (bad, score, _, _), reading, ranges, edges, names = candidates[0]
    distinct = {tuple(c[2]) for c in candidates if c[0][0] == 0}
    rivals = [c for c in candidates[1:] if c[0][0] == bad and c[2] != ranges]
    return Resolved(text, ranges, reading, crlf, bad, edges, names,
                    unique=len(distinct) <= 1 and bad == 0,
                    guess=bool(rivals) and rivals[0][0][1] == score, given=list(selections))


def explain(where: str, resolved: Sequence[tuple[str, Resolved]]) -> list[str]:
    """One sentence per reading chosen, naming the sources that have selections.

    Examples
    --------
    >>> r = resolve("Ann: I ❤️ 🧾 tax\\r\\nBo: ok", [Selection(13, 16, "tax")])
    >>> explain("p.qdpx", [("S01", r)])[0][:74]
    'p.qdpx: positions in S01 were read as UTF-16 code units, a CRLF line break'
    """
    groups: dict[str, list[tuple[str, Resolved]]] = {}
    for name, r in resolved:
        if r.given:
            groups.setdefault(r.reading.describe(r.crlf), []).append((name, r))
    out = []
    for description, items in groups.items():
        names = ", ".join(repr(n) if " " in n else n for n, _ in items[:5])
        if len(items) > 5:
            names += f" and {len(items) - 5} more"
        n_sel = sum(len(r.given) for _, r in items)
        edges = sum(r.edges for _, r in items)
        quoted = sum(r.names for _, r in items)
        misfits = sum(r.misfits for _, r in items)
        if misfits:
            why = f"it fits the most selections ({misfits} fit under no reading)"
        elif all(r.unique for _, r in items):
            why = "no other reading keeps every selection inside the text on whole characters"
        else:
            why = ("it keeps every selection inside the text on whole characters and puts the "
                   "most selection edges between words")
        text = (f"{where}: positions in {names} were read as {description}, because {why} "
                f"({edges} of {2 * n_sel} edges fall between words")
        if quoted:
            text += f", {quoted} selection names quote their text"
        text += ")"
        guesses = [n for n, r in items if r.guess]
        if guesses:
            text += (f"; another reading fitted as well in {', '.join(guesses[:3])}, so there "
                     "it is a guess")
        out.append(text + ".")
    return out
