"""Transcripts where only one side is labelled: ``MODERATOR:`` lines, the participant unlabelled.

Moderated usability sessions are often typed this way: the moderator's paragraphs start with
``MODERATOR:``, the participant's words are plain paragraphs, and the script's numbered task
prompts and ``(stage directions)`` sit in between. Reading unlabelled paragraphs as the
previous speaker's (right for a wrapped line in a two-sided transcript) would put every
answer in the moderator's mouth, so here each unlabelled paragraph is the other side's, and
prompts and stage directions become utterances of their own with no speaker (role
``other``), kept apart from the participant's words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from synthesis.ingest.turns import Segment

# "Task 2: ...", "Scenario 3 -", "Step 1.", "1. Find the invoice settings", "2) ..."
TASK_PROMPT = re.compile(
    r"^(?:(?:task|scenario|step|exercise|activity|question|q)\s*#?\s*\d{1,3}\b|\d{1,2}[.)]\s)",
    re.IGNORECASE,
)
_DIRECTION = r"[(\[][^()\[\]\n]{1,300}[)\]]"
STAGE_DIRECTION = re.compile(rf"^{_DIRECTION}$")
_LEADING = re.compile(rf"^({_DIRECTION})\s+(\S.*)$", re.S)
_TRAILING = re.compile(rf"^(.*\S)\s+({_DIRECTION})$", re.S)

Line = tuple[int, str]


@dataclass
class OneSided:
    """The segments of a one-sided transcript, and what was kept apart."""

    segments: list[Segment] = field(default_factory=list)
    prompts: int = 0
    directions: int = 0


def paragraphs(lines: Sequence[Line], unit: str) -> list[list[Line]]:
    """Group lines into the paragraphs their writer made.

    Word and OpenDocument paragraphs are numbered (a soft break gives two lines with one
    number). In text, blank lines separate paragraphs; a text with no blank lines at all
    has one paragraph per line.

    Examples
    --------
    >>> paragraphs([(1, "A: hi"), (2, "more"), (3, ""), (4, "yes")], "line")
    [[(1, 'A: hi'), (2, 'more')], [(4, 'yes')]]
    >>> paragraphs([(1, "A: hi"), (2, "yes")], "line")
    [[(1, 'A: hi')], [(2, 'yes')]]
    """
    filled = [(n, t) for n, t in lines if t.strip()]
    if unit != "line":
        groups: dict[int, list[Line]] = {}
        for number, text in filled:
            groups.setdefault(number, []).append((number, text))
        return list(groups.values())
    numbers = [n for n, _ in filled]
    has_blanks = any(b - a > 1 for a, b in itertools.pairwise(numbers))
    if not has_blanks:
        return [[line] for line in filled]
    out: list[list[Line]] = []
    previous = None
    for number, text in filled:
        if previous is None or number - previous > 1:
            out.append([])
        out[-1].append((number, text))
        previous = number
    return out


def read_one_sided(lines: Sequence[Line], unit: str,
                   label: Callable[[str], tuple[str, str] | None],
                   unlabelled_speaker: str) -> OneSided:
    """Segments of a one-sided transcript: labelled paragraphs keep their speaker, the rest
    are ``unlabelled_speaker``'s, except prompts and stage directions (speaker None, whole).

    ``label`` splits ``"MODERATOR: text"`` into its speaker and text (None when unlabelled).

    Examples
    --------
    >>> split = lambda t: tuple(t.split(": ", 1)) if t.startswith("MODERATOR: ") else None
    >>> got = read_one_sided([(1, "MODERATOR: Try task one."), (2, "Task 1: Find settings."),
    ...                       (3, "(clicks the cog) Is it here?")], "paragraph", split, "P02")
    >>> [(s.speaker, s.text) for s in got.segments]
    [('MODERATOR', 'Try task one.'), (None, 'Task 1: Find settings.'), (None, '(clicks the cog)'),
     ('P02', 'Is it here?')]
    """
    result = OneSided()
    for paragraph in paragraphs(lines, unit):
        number = paragraph[0][0]
        text = " ".join(" ".join(t.split()) for _, t in paragraph)
        ref = f"{unit} {number}"
        labelled = label(paragraph[0][1].strip())
        if labelled is not None:
            speaker, first = labelled
            rest = [" ".join(t.split()) for _, t in paragraph[1:]]
            body = " ".join(part for part in [first.strip(), *rest] if part)
            result.segments.append(Segment(speaker, body, None, None, ref))
            continue
        if TASK_PROMPT.match(text):
            result.prompts += 1
            result.segments.append(Segment(None, text, None, None, ref, whole=True))
            continue
        for piece, is_direction in _pieces(text):
            if is_direction:
                result.directions += 1
                result.segments.append(Segment(None, piece, None, None, ref, whole=True))
            else:
                result.segments.append(Segment(unlabelled_speaker, piece, None, None, ref))
    return result


def _pieces(text: str) -> list[tuple[str, bool]]:
    """A paragraph split into words and stage directions at its start or end."""
    if STAGE_DIRECTION.match(text):
        return [(text, True)]
    head: list[tuple[str, bool]] = []
    tail: list[tuple[str, bool]] = []
    leading = _LEADING.match(text)
    if leading:
        head, text = [(leading.group(1), True)], leading.group(2)
    trailing = _TRAILING.match(text)
    if trailing and STAGE_DIRECTION.match(trailing.group(2)):
        text, tail = trailing.group(1), [(trailing.group(2), True)]
    return [*head, (text, False), *tail]
