"""Reading the paragraphs of a Word (.docx) transcript as numbered lines of text."""

from __future__ import annotations

from pathlib import Path

from synthesis.errors import InputError


def docx_paragraphs(path: Path) -> list[tuple[int, str]]:
    """``(paragraph number, text)`` for every paragraph of a .docx, blank ones included.

    A soft line break inside a paragraph splits it into several lines with the same number,
    so "Name  0:10⏎text" typed as one paragraph still reads as a header and its text.

    Examples
    --------
    >>> docx_paragraphs(Path("P03-interview.docx"))[:1]  # doctest: +SKIP
    [(1, 'Jane Doe  0:00')]
    """
    import docx  # python-docx; imported here so text-only imports do not pay for it

    try:
        document = docx.Document(str(path))
    # python-docx signals a damaged or non-Word file with several unrelated exception types
    # (zip, XML, key and package errors); all mean the same thing to the researcher.
    except Exception as exc:  # noqa: BLE001
        raise InputError(
            path.name,
            f"could not open it as a Word .docx document ({type(exc).__name__}); "
            "save it from Word as .docx, or export the transcript as .vtt, .srt or .txt",
        ) from None
    lines: list[tuple[int, str]] = []
    for number, paragraph in enumerate(document.paragraphs, start=1):
        for part in paragraph.text.split("\n"):
            lines.append((number, part))
    return lines
