"""Reading REFI-QDA files from strangers safely: bounded zip reads and XML without DTDs.

A ``.qdpx`` is a zip someone else made. Nothing in it is ever extracted to disk: entries are
read into memory, with the archive's declared sizes checked first and the bytes actually
read counted as they arrive, so a zip bomb or an entry named ``../../x`` is refused before
it can cost anything. XML is parsed by lxml with entities, DTD loading and network access
all off, and any ``<!DOCTYPE`` is refused outright: REFI files never need one.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from ..archives import MAX_ENTRIES, parse_untrusted_xml, size_problem, size_text as _mb
from ..errors import RefiError

# Limits a real project stays far below (the NVivo sample is 2.6 MB unpacked).
MAX_TOTAL_BYTES = 500 * 1024 * 1024  # everything read from one archive
MAX_ENTRY_BYTES = 200 * 1024 * 1024  # one entry
_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


class SafeZip:
    """A zip archive whose entries can be read, within limits, but never extracted.

    Examples
    --------
    >>> with SafeZip(Path("project.qdpx")) as z:  # doctest: +SKIP
    ...     data = z.read("project.qde")
    """

    def __init__(self, path: Path, label: str | None = None) -> None:
        self.path = Path(path)
        self.label = label or self.path.name
        self._read_so_far = 0
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise RefiError(f"{self.label}: is not a readable zip archive ({exc}); a .qdpx "
                            "project is a zip holding project.qde and Sources/.") from None
        try:
            self.entries = self._check_entries()
        except BaseException:
            self._zip.close()
            raise

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def _check_entries(self) -> dict[str, zipfile.ZipInfo]:
        """Refuse the whole archive if any entry is hostile, before reading any of it."""
        infos = self._zip.infolist()
        entries: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            parts = re.split(r"[\\/]", name)
            if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\x00" in name:
                raise RefiError(f"{self.label}: entry {name!r} has an absolute path, which "
                                "would write outside the study; refused.")
            if ".." in parts:
                raise RefiError(f"{self.label}: entry {name!r} climbs out of the archive "
                                "with '..' (path traversal); refused.")
            key = "/".join(p for p in parts if p not in ("", "."))
            if key in entries:
                raise RefiError(f"{self.label}: holds two entries named {key!r}; refused as "
                                "ambiguous.")
            if not info.is_dir():
                entries[key] = info
        problem = size_problem(infos, max_total=MAX_TOTAL_BYTES, max_entry=MAX_ENTRY_BYTES,
                               max_entries=MAX_ENTRIES)
        if problem is not None:
            raise RefiError(f"{self.label}: {problem}")
        return entries

    def names(self) -> list[str]:
        return list(self.entries)

    def read(self, name: str) -> bytes:
        """The bytes of one entry, counting what is read against the limits as it arrives.

        Declared sizes can lie, so reading stops (and refuses) the moment an entry yields
        more than it declared or the archive as a whole passes ``MAX_TOTAL_BYTES``.
        """
        info = self.entries.get(name)
        if info is None:
            raise RefiError(f"{self.label}: has no entry {name!r}.")
        chunks: list[bytes] = []
        got = 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    got += len(chunk)
                    self._read_so_far += len(chunk)
                    if got > info.file_size or got > MAX_ENTRY_BYTES:
                        raise RefiError(f"{self.label}: entry {name!r} unpacks to more than "
                                        "it declares; refused as a zip bomb.")
                    if self._read_so_far > MAX_TOTAL_BYTES:
                        raise RefiError(f"{self.label}: unpacks to more than "
                                        f"{_mb(MAX_TOTAL_BYTES)}; refused as a zip bomb.")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError,
                NotImplementedError, RuntimeError) as exc:
            raise RefiError(f"{self.label}: entry {name!r} is damaged or cannot be read "
                            f"({exc}).") from None
        return b"".join(chunks)


def check_zip_bytes(data: bytes, label: str) -> None:
    """Apply the same limits to a zip held in memory (a .docx inside a .qdpx)."""
    # zipfile accepts a file object; SafeZip wants a path only for its messages.
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise RefiError(f"{label}: is not a readable .docx ({exc}).") from None
    if size_problem(archive.infolist(), max_total=MAX_TOTAL_BYTES,
                    max_entry=MAX_ENTRY_BYTES) is not None:
        raise RefiError(f"{label}: would unpack to too much data; refused as a zip bomb.")


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse untrusted XML into a tree whose tags are plain local names.

    Namespaces are dropped after parsing so that files from tools that forget (or misspell)
    the REFI namespace still read; the root element's name is checked by the caller.

    Raises
    ------
    RefiError
        On a DOCTYPE (entity tricks live there) or on XML that is not well-formed, naming
        the line.

    Examples
    --------
    >>> parse_xml(b"<CodeBook><Codes/></CodeBook>", "x.qdc").tag
    'CodeBook'
    """
    return parse_untrusted_xml(data, where, RefiError)
