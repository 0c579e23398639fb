"""Zip archives and XML from strangers: how big they may unpack, and parsing without DTDs.

Word (.docx), Excel (.xlsx), OpenDocument (.odt) files and REFI-QDA projects (.qdpx) are
zips. A small one can declare entries that unpack to gigabytes (an "archive bomb"), so each
is refused, before anything is unpacked, when its declared sizes pass a limit; Python's
zipfile never yields more than an entry declares, so the declared sizes bound the work.
XML inside them is parsed with entities, DTD loading and network access off, and any
``<!DOCTYPE`` refused: none of these formats needs one.

The limits, stated to the researcher when a file is refused:

- a document or spreadsheet (``.docx``, ``.xlsx``, ``.odt``) may unpack to
  ``DOCUMENT_LIMIT`` (100 MB) in all; a 300-page transcript unpacks to about 5 MB;
- any entry may grow at most ``MAX_RATIO``-fold (200×) once past 1 MB; text XML deflates
  10–20-fold, a bomb thousands-fold.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from lxml import etree

from .errors import InputError

DOCUMENT_LIMIT = 100 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for entries over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
MAX_ENTRIES = 20_000

_FIRST_ELEMENT = re.compile(r"<[^!?]")
_COMMENT_OR_PI = re.compile(r"<!--.*?-->|<\?.*?\?>", re.S)
_PROLOG_SCAN = 4 * 1024 * 1024


def size_text(n: int) -> str:
    """A byte count the way a person reads it.

    Examples
    --------
    >>> size_text(300 * 1024 * 1024), size_text(150_000)
    ('300 MB', '146 KB')
    """
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def size_problem(infos: Iterable[zipfile.ZipInfo], *, max_total: int, max_entry: int,
                 max_entries: int = MAX_ENTRIES) -> str | None:
    """Why an archive's declared sizes are refused (the end of a sentence), or None.

    Examples
    --------
    >>> info = zipfile.ZipInfo("word/document.xml"); info.file_size = 300 * 1024 * 1024
    >>> info.compress_size = 700 * 1024
    >>> size_problem([info], max_total=DOCUMENT_LIMIT, max_entry=DOCUMENT_LIMIT)
    "entry 'word/document.xml' unpacks to 300 MB, more than the 100 MB allowed for one file;
    refused as a possible zip bomb."
    """
    infos = list(infos)
    if len(infos) > max_entries:
        return (f"holds {len(infos)} entries, more than the {max_entries} a file can have; "
                "refused as a possible zip bomb.")
    total = 0
    for info in infos:
        name = info.filename
        if info.file_size > max_entry:
            return (f"entry {name!r} unpacks to {size_text(info.file_size)}, more than the "
                    f"{size_text(max_entry)} allowed for one file; refused as a possible zip "
                    "bomb.")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                info.compress_size, 1):
            return (f"entry {name!r} would grow {info.file_size // max(info.compress_size, 1)}"
                    "-fold when unpacked; refused as a zip bomb.")
        total += info.file_size
        if total > max_total:
            return (f"unpacks to more than {size_text(max_total)}; refused as a possible zip "
                    "bomb.")
    return None


def check_document(path: Path, what: str) -> None:
    """Refuse a .docx, .xlsx or .odt that is not a zip or would unpack past the limits.

    ``what`` names the format for the message ("a Word .docx document").

    Raises
    ------
    InputError
        With one sentence naming the file and the limit, before anything is unpacked.

    Examples
    --------
    >>> check_document(Path("P2 interview.docx"), "a Word .docx document")  # doctest: +SKIP
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(path.name, f"could not open it as {what} (it is not a readable zip "
                                    f"archive: {exc})") from None
    problem = size_problem(infos, max_total=DOCUMENT_LIMIT, max_entry=DOCUMENT_LIMIT)
    if problem is not None:
        raise InputError(path.name, f"{problem[:-1]} (the limit for {what} is "
                                    f"{size_text(DOCUMENT_LIMIT)} unpacked)")


def _declares_doctype(data: bytes) -> bool:
    """Whether the prolog (before the first element) holds a ``<!DOCTYPE``."""
    head = data[:_PROLOG_SCAN]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("latin-1")
    # Comments and processing instructions may hold anything, "<a" included; skip them.
    text = _COMMENT_OR_PI.sub("", text)
    first = _FIRST_ELEMENT.search(text)
    prolog = text if first is None else text[:first.start()]
    return "<!doctype" in prolog.lower()


def parse_untrusted_xml(data: bytes, where: str,
                        error: Callable[[str], Exception]) -> etree._Element:
    """Parse XML from a stranger into a tree whose tags are plain local names.

    ``error`` turns a sentence (starting with ``where``) into the exception to raise.
    Namespaces are dropped after parsing, so files from tools that forget or misspell
    theirs still read.

    Examples
    --------
    >>> parse_untrusted_xml(b"<a:x xmlns:a='urn:a'><y/></a:x>", "x.xml", ValueError).tag
    'x'
    """
    if _declares_doctype(data):
        raise error(f"{where}: declares a DOCTYPE (where entity-expansion and external-"
                    "entity attacks live); this format never needs one, so it was refused.")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, dtd_validation=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if re.search(rb"<!DOCTYPE", data, re.I):  # the parser tripped over what it declared
            raise error(f"{where}: declares a DOCTYPE; this format never needs one, so it "
                        "was refused.") from None
        line = exc.lineno or "?"
        reason = str(exc.msg).split(", line")[0].rstrip(".")
        raise error(f"{where}, line {line}: is not well-formed XML ({reason}).") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # type: ignore[union-attr]  # lxml-stubs lack it
        raise error(f"{where}: declares a DOCTYPE; this format never needs one, so it was "
                    "refused.")
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{"):
            el.tag = el.tag.split("}", 1)[1]
    return root
