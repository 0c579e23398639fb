"""Reading the paragraphs of a document (Word .docx, OpenDocument .odt, text, markdown).

Transcripts and notes documents both start here: a list of numbered paragraphs, each
knowing whether it is a heading, a bullet or plain text. Word and OpenDocument files are
zips, checked against :mod:`synthesis.archives`' limits before anything is unpacked.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from synthesis.archives import check_document, parse_untrusted_xml
from synthesis.errors import InputError
from synthesis.ingest.encoding import read_text

DOCUMENT_SUFFIXES = (".docx", ".odt")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^(\s*)(?:[-*+•·–]|\d{1,3}[.)])\s+(.*\S)\s*$")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its number in the document (1-based), text, and kind.

    ``style`` is ``heading``, ``bullet`` or ``text``; ``level`` is a heading's level or a
    bullet's depth (0 for the outermost).
    """

    number: int
    text: str
    style: str = "text"
    level: int = 0


def read_paragraphs(path: Path) -> list[Paragraph]:
    """Every paragraph of a .docx, .odt, .md or .txt file, blank ones included.

    Raises
    ------
    InputError
        For a damaged file, an old binary .doc, or an archive past the size limits.

    Examples
    --------
    >>> [p.style for p in read_paragraphs(Path("P2 notes.docx"))][:3]  # doctest: +SKIP
    ['heading', 'bullet', 'bullet']
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise InputError(path.name, "old Word .doc files cannot be read; save it as .docx")
    if suffix == ".odt":
        return odt_paragraphs(path)
    if suffix == ".docx":
        return docx_paragraphs(path)
    return text_paragraphs(read_text(path))


def as_lines(paragraphs: list[Paragraph]) -> list[tuple[int, str]]:
    """``(paragraph number, line)`` pairs; a soft line break splits a paragraph into lines.

    A "Name  0:10⏎text" typed as one paragraph so still reads as a header and its text.

    Examples
    --------
    >>> as_lines([Paragraph(1, "Ann  0:10\\nHello.")])
    [(1, 'Ann  0:10'), (1, 'Hello.')]
    """
    return [(p.number, part) for p in paragraphs for part in p.text.split("\n")]


def text_paragraphs(text: str) -> list[Paragraph]:
    """The lines of a text or markdown file as paragraphs, with headings and bullets marked.

    Examples
    --------
    >>> [(p.style, p.level, p.text) for p in text_paragraphs("# Task 1\\n- slow\\n  - very")]
    [('heading', 1, 'Task 1'), ('bullet', 0, 'slow'), ('bullet', 1, 'very')]
    """
    out: list[Paragraph] = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"),
                                  start=1):
        heading = _MD_HEADING.match(line)
        bullet = _MD_BULLET.match(line.expandtabs(4))
        if heading:
            out.append(Paragraph(number, heading.group(2), "heading", len(heading.group(1))))
        elif bullet:
            out.append(Paragraph(number, bullet.group(2), "bullet", len(bullet.group(1)) // 2))
        else:
            out.append(Paragraph(number, line.rstrip()))
    return out


def docx_paragraphs(path: Path) -> list[Paragraph]:
    """The paragraphs of a Word document, headings and list items marked.

    Examples
    --------
    >>> docx_paragraphs(Path("P03-interview.docx"))[:1]  # doctest: +SKIP
    [Paragraph(number=1, text='Jane Doe  0:00', style='text', level=0)]
    """
    import docx  # lazy: python-docx adds ~110 ms; text-only imports do not pay for it

    check_document(path, "a Word .docx document")
    try:
        document = docx.Document(str(path))
    # python-docx signals a damaged or non-Word file with several unrelated exception types
    # (zip, XML, key and package errors); all mean the same thing to the researcher.
    except Exception as exc:
        raise InputError(
            path.name,
            f"could not open it as a Word .docx document ({type(exc).__name__}); "
            "save it from Word as .docx, or export the transcript as .vtt, .srt or .txt",
        ) from None
    out: list[Paragraph] = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        ppr = paragraph._p.pPr
        num_pr: Any = ppr.numPr if ppr is not None else None  # python-docx types it loosely
        numbered = num_pr is not None
        heading = re.match(r"(?:Heading|Title)\s*(\d?)", style)
        if heading:
            out.append(Paragraph(number, paragraph.text, "heading",
                                 int(heading.group(1) or 1)))
        elif numbered or style.startswith("List"):
            level = 0
            if num_pr is not None and num_pr.ilvl is not None:
                level = int(num_pr.ilvl.val)
            out.append(Paragraph(number, paragraph.text, "bullet", level))
        else:
            out.append(Paragraph(number, paragraph.text))
    return out


_ODT_SKIP = {"annotation", "note", "tracked-changes", "sequence-decls", "bookmark",
             "soft-page-break", "table-of-content", "alphabetical-index"}


def odt_paragraphs(path: Path) -> list[Paragraph]:
    """The paragraphs of an OpenDocument text (.odt), headings and list items marked.

    Read from ``content.xml`` directly (no DTDs, no entities); ``<text:s>`` spaces, tabs
    and line breaks become text; comments and footnotes are left out.

    Examples
    --------
    >>> odt_paragraphs(Path("P2_GMT20211119.odt"))[0].text  # doctest: +SKIP
    'MODERATOR: Thanks for joining.'
    """
    check_document(path, "an OpenDocument .odt text")
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read("content.xml")
    except KeyError:
        raise InputError(path.name, "could not open it as an OpenDocument .odt text (it has "
                                    "no content.xml); save it again from LibreOffice or Word"
                         ) from None
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise InputError(path.name, f"could not open it as an OpenDocument .odt text ({exc})"
                         ) from None
    root = parse_untrusted_xml(data, f"{path.name} › content.xml",
                               lambda sentence: InputError(path.name, sentence.split(": ", 1)[-1]))
    body = root.find("body")
    text = body.find("text") if body is not None else None
    if text is None:
        raise InputError(path.name, "is an OpenDocument file without a text body (a "
                                    "spreadsheet or drawing?); expected an .odt text")
    out: list[Paragraph] = []
    _walk_odt(text, out, depth=-1)
    return out


def _walk_odt(element: object, out: list[Paragraph], depth: int) -> None:
    for child in element:  # type: ignore[attr-defined]
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _ODT_SKIP:
            continue
        if tag == "h":
            outline = _attr(child, "outline-level")
            level = int(outline) if outline.isdigit() else 1
            out.append(Paragraph(len(out) + 1, _odt_text(child), "heading", level))
        elif tag == "p":
            style = "bullet" if depth >= 0 else "text"
            out.append(Paragraph(len(out) + 1, _odt_text(child), style, max(depth, 0)))
        elif tag == "list":
            _walk_odt(child, out, depth + 1)
        else:  # list-item, section, table cells...: walk through
            _walk_odt(child, out, depth)


def _odt_text(element: object) -> str:
    parts: list[str] = [element.text or ""]  # type: ignore[attr-defined]
    for child in element:  # type: ignore[attr-defined]
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "s":
            count = _attr(child, "c")
            # A hostile file can ask for a billion spaces; no real text needs more than a few.
            parts.append(" " * min(int(count) if count.isdigit() else 1, 100))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append("\n")
        elif tag not in _ODT_SKIP:
            parts.append(_odt_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _attr(element: object, name: str) -> str:
    """An attribute by its local name (OpenDocument attributes keep their namespaces)."""
    for key, value in element.attrib.items():  # type: ignore[attr-defined]
        if key == name or key.endswith("}" + name):
            return str(value)
    return ""
