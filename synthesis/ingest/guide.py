"""Importing an interview guide (markdown or plain text) as numbered questions."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from synthesis.errors import InputError
from synthesis.ingest.encoding import read_text
from synthesis.model import GuideQuestion, ImportBundle

_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d{1,3}[.)])\s+(?P<text>.*\S)\s*$")
_RULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")  # ---, ***, ===: decoration, not content
_FENCE = re.compile(r"^\s*(```|~~~)")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_KEY_BEFORE = re.compile(
    r"^(?:\[key\]|\(key\)|\*\*key\s*:?\s*\*\*\s*:?|__key\s*:?\s*__\s*:?|key\s*:)\s*",
    re.IGNORECASE,
)
_KEY_AFTER = re.compile(r"\s*(?:\[key\]|\(key\))$", re.IGNORECASE)
_TAB = 4


def parse_guide(path: Path) -> ImportBundle:
    """Parse an interview guide into questions numbered 1..n in reading order.

    ``#`` headings are sections, not questions. In a guide with bullets (``-``, ``*``,
    ``1.``) each bullet is a question, a line right under a bullet continues it, and other
    plain lines are notes to the interviewer unless they end with ``?``; in a guide without
    bullets every non-empty line is a question. A ``[key]``, ``(key)``, ``**Key:**`` or
    ``KEY:`` marker makes a key question (the marker is removed from the text); an indented
    question is a follow-up of the question above it with less indentation.

    Raises
    ------
    InputError
        For an empty guide or one with no question.

    Examples
    --------
    >>> bundle = parse_guide(Path("data/invoicing-onboarding/guide.md"))
    >>> [(q.position, q.is_key, q.parent_position) for q in bundle.guide][:4]
    [(1, False, None), (2, False, 1), (3, False, 1), (4, True, None)]
    """
    path = Path(path)
    source = path.name
    text = read_text(path)
    if not text.strip():
        raise InputError(source, "empty file; expected one question per line or bullet")
    lines = _content_lines(text)
    bulleted = any(_BULLET.match(line) for line in lines if line is not None)

    questions: list[GuideQuestion] = []
    parents: list[tuple[int, int]] = []  # (indent, position) of the questions above
    notes_to_interviewer = 0
    previous_was_bullet = False
    for line in lines:
        if line is None:  # blank, heading or decoration: ends a bullet's continuation
            previous_was_bullet = False
            continue
        bullet = _BULLET.match(line)
        if bullet:
            indent, body = len(bullet["indent"]), bullet["text"]
        elif bulleted and previous_was_bullet and questions:
            # A wrapped bullet: markdown joins it to the bullet above.
            last = questions[-1]
            questions[-1] = _with_text(last, f"{last.text} {line.strip()}")
            continue
        else:
            indent, body = len(line) - len(line.lstrip()), line.strip()
        is_key, body = _key(body)
        if not body:  # a bare "- [key]" marks nothing
            continue
        if bulleted and not bullet and not is_key and not body.endswith("?"):
            notes_to_interviewer += 1
            previous_was_bullet = False
            continue
        while parents and parents[-1][0] >= indent:
            parents.pop()
        position = len(questions) + 1
        questions.append(GuideQuestion(position=position, text=body, is_key=is_key,
                                       parent_position=parents[-1][1] if parents else None))
        parents.append((indent, position))
        previous_was_bullet = bool(bullet)

    if not questions:
        raise InputError(source, "has no questions; expected bullet lines ('- ', '* ', '1. ') "
                                 "or one question per line under any '#' headings")
    bundle = ImportBundle(source=source, kind="guide", guide=questions)
    keys = sum(q.is_key for q in questions)
    follow_ups = sum(q.parent_position is not None for q in questions)
    bundle.messages.append(f"read {len(questions)} question(s): {keys} key, "
                           f"{follow_ups} follow-up(s)")
    if not keys:
        bundle.messages.append("no key question is marked; mark one with '[key]', '(key)', "
                               "'**Key:**' or 'KEY:' to track it across interviews")
    if notes_to_interviewer:
        bundle.messages.append(f"treated {notes_to_interviewer} plain line(s) that are not "
                               "bullets and do not end with '?' as notes to the interviewer")
    return bundle


def _content_lines(text: str) -> list[str | None]:
    """The guide's lines with tabs expanded; None where a line carries no question."""
    out: list[str | None] = []
    fenced = False
    for raw in text.splitlines():
        line = raw.expandtabs(_TAB).rstrip()
        if _FENCE.match(line):
            fenced = not fenced
            out.append(None)
        elif fenced or not line.strip() or _HEADING.match(line) or _RULE.match(line) \
                or _COMMENT.match(line):
            out.append(None)
        else:
            out.append(line)
    return out


def _key(text: str) -> tuple[bool, str]:
    stripped = _KEY_AFTER.sub("", _KEY_BEFORE.sub("", text, count=1), count=1)
    return stripped != text, stripped.strip()


def _with_text(question: GuideQuestion, text: str) -> GuideQuestion:
    is_key, text = _key(text)
    return replace(question, text=text, is_key=question.is_key or is_key)
