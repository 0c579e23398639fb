"""Notes documents: one file per interview, one bullet per note, headings as the topic.

A note-taker's document (markdown, text, Word or OpenDocument) names its participant in
the file name (``P2 notes.docx``), with ``--participant``, or in front matter at the top::

    ---
    participant: P2
    round: r1
    ---
    # Task 1: find last month's invoice
    - went to Reports first, not Invoices
    - "I'd expect a search box here"

Each bullet is a note (a line right under it without a bullet of its own continues it); the
nearest heading above is kept on the note as its ``task`` (a heading like "Task 1: ...") or
``topic``. In a document with no bullets at all, each paragraph is a note. Paragraphs that
are neither are listed in the import summary, never dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from synthesis.errors import InputError
from synthesis.identity import DEFAULT, IdentityRule
from synthesis.ingest import columns as col
from synthesis.ingest.documents import Paragraph, read_paragraphs
from synthesis.ingest.onesided import TASK_PROMPT
from synthesis.ingest.speakers import split_label
from synthesis.model import ImportBundle, Note, Unimported

_FENCE = re.compile(r"^\s*---\s*$")
_FIELD = re.compile(r"^\s*([A-Za-z][\w -]{0,30}?)\s*:\s*(.*?)\s*$")
_FRONT_KEYS = {"participant": "participant", "participant id": "participant",
               "pid": "participant", "interviewee": "participant", "respondent": "participant",
               "round": "round", "date": "date", "interviewer": "interviewer",
               "note-taker": "author", "note taker": "author", "notetaker": "author",
               "author": "author", "coder": "author"}


@dataclass(frozen=True)
class FrontMatter:
    """What the top of a notes document says about it, and where its body starts."""

    fields: dict[str, str]
    body_at: int  # index of the first paragraph after the front matter


def front_matter(paragraphs: list[Paragraph]) -> FrontMatter:
    """``key: value`` lines between ``---`` fences, or at the very top of a Word document.

    Examples
    --------
    >>> from synthesis.ingest.documents import text_paragraphs
    >>> front_matter(text_paragraphs("---\\nparticipant: P2\\nround: 1\\n---\\n- slow")).fields
    {'participant': 'P2', 'round': '1'}
    """
    filled = [(i, p) for i, p in enumerate(paragraphs) if p.text.strip()]
    if filled and _FENCE.match(filled[0][1].text):
        fields: dict[str, str] = {}
        for i, p in filled[1:]:
            if _FENCE.match(p.text):
                return FrontMatter(fields, i + 1)
            match = _FIELD.match(p.text)
            if match and match.group(1).lower() in _FRONT_KEYS:
                fields[_FRONT_KEYS[match.group(1).lower()]] = match.group(2)
        return FrontMatter({}, 0)  # an unclosed fence is a horizontal rule, not front matter
    fields, body_at = {}, 0
    for i, p in filled:  # "Participant: P2" paragraphs before the first heading or bullet
        match = _FIELD.match(p.text) if p.style == "text" else None
        if match is None or match.group(1).lower() not in _FRONT_KEYS:
            break
        fields[_FRONT_KEYS[match.group(1).lower()]] = match.group(2)
        body_at = i + 1
    return FrontMatter(fields, body_at)


def looks_like_notes_document(paragraphs: list[Paragraph], name: str,
                              identity: IdentityRule = DEFAULT) -> bool:
    """A notes document has bullets (most of its paragraphs), few ``Name:`` speaker lines,
    and names its participant in the file name or front matter.

    Examples
    --------
    >>> from synthesis.ingest.documents import text_paragraphs
    >>> looks_like_notes_document(text_paragraphs("- slow\\n- lost invoices"), "P2 notes.md")
    True
    >>> looks_like_notes_document(text_paragraphs("- How do you invoice?"), "guide.md")
    False
    """
    front = front_matter(paragraphs)
    if "participant" not in front.fields and identity.in_name(Path(name).stem) is None:
        return False
    body = [p for p in paragraphs[front.body_at:] if p.text.strip() and p.style != "heading"]
    bullets = sum(p.style == "bullet" for p in body)
    labelled = sum(split_label(p.text.strip()) is not None for p in body)
    asking = sum(p.text.rstrip().endswith("?") for p in body)
    return bullets >= 1 and 2 * bullets >= len(body) and labelled < 2 and 2 * asking < len(body)


def parse_notes_document(path: Path, *, round_id: str | None = None,
                         participant_id: str | None = None,
                         identity: IdentityRule = DEFAULT) -> ImportBundle:
    """Parse one interview's notes document into notes (see the module docstring).

    Raises
    ------
    InputError
        When the document names no participant anywhere, has no round, or has no notes.

    Examples
    --------
    >>> bundle = parse_notes_document(Path("P2 notes.md"), round_id="r1")  # doctest: +SKIP
    >>> bundle.notes[0].attributes  # doctest: +SKIP
    (('task', "Task 1: find last month's invoice"),)
    """
    path = Path(path)
    source = path.name
    paragraphs = read_paragraphs(path)
    front = front_matter(paragraphs)
    unit = "paragraph" if path.suffix.lower() in (".docx", ".odt") else "line"
    bundle = ImportBundle(source=source, kind="notes")
    pid = _participant(front, participant_id, path, identity, bundle)
    note_round = col.round_id(front.fields["round"]) if front.fields.get("round") else round_id
    if not note_round:
        raise InputError(source, "which round is this interview from? Put the file under "
                                 "rounds/<round>/, pass --round, or add 'round: r1' to its "
                                 "front matter")
    body = paragraphs[front.body_at:]
    bulleted = any(p.style == "bullet" for p in body)
    pieces: list[tuple[Paragraph, str, tuple[tuple[str, str], ...]]] = []
    heading: tuple[tuple[str, str], ...] = ()
    previous_bullet = False
    for p in body:
        text = " ".join(p.text.split())
        if not text:
            previous_bullet = False
            continue
        if p.style == "heading":
            key = "task" if TASK_PROMPT.match(text) else "topic"
            heading, previous_bullet = ((key, text),), False
        elif p.style == "bullet" or not bulleted:
            pieces.append((p, text, heading))
            previous_bullet = p.style == "bullet"
        elif previous_bullet and unit == "line":  # a wrapped bullet line continues it
            first, old, attrs = pieces[-1]
            pieces[-1] = (first, f"{old} {text}", attrs)
        else:
            bundle.unimported.append(Unimported(
                "paragraph", f"{unit} {p.number}", "not a bullet: notes are the bullets "
                "of this document", "skipped", text[:60]))
    author = front.fields.get("author") or None
    for p, text, attrs in pieces:
        bundle.notes.append(Note(
            note_id="n-" + hashlib.sha1(f"{source}|{unit} {p.number}|{text}".encode())
            .hexdigest()[:12],
            text=text, participant_id=pid, round_id=note_round, kind="observation",
            source=source, source_ref=f"{unit} {p.number}", author=author, attributes=attrs))
    if not bundle.notes:
        raise InputError(source, "has no notes; expected one bullet ('- ', '* ', a Word "
                                 "list item) per note")
    counted = "bullet" if bulleted else "paragraph"
    bundle.inputs = {counted: len(pieces)}
    bundle.note_unit = counted
    if bundle.unimported:
        bundle.inputs["paragraph"] = len(bundle.unimported)
    topics = {v for n in bundle.notes for _, v in n.attributes}
    bundle.messages.insert(0, f"read {len(bundle.notes)} note(s) for {pid}, one per "
                              f"{counted}" + (f", under {len(topics)} heading(s) kept as "
                                              "each note's task or topic" if topics else ""))
    return bundle


def _participant(front: FrontMatter, given: str | None, path: Path, identity: IdentityRule,
                 bundle: ImportBundle) -> str:
    named = front.fields.get("participant")
    in_name = identity.in_name(path.stem)
    pid = identity.canonical(given or named or in_name or "")
    if not pid:
        raise InputError(path.name, "names no participant; put their id in the file name "
                                    "(P2 notes.md), pass --participant, or add "
                                    "'participant: P2' to its front matter")
    if named and in_name and identity.canonical(named) != in_name and not given:
        bundle.messages.append(f"the front matter names {identity.canonical(named)} and the "
                               f"file name {in_name}; used the front matter's")
    return pid
