"""Reading a researcher's text file whatever encoding their tool saved it in."""

from __future__ import annotations

from pathlib import Path

from synthesis.errors import InputError

# The order matters: UTF-8 is strict enough to reject most non-UTF-8 files, UTF-16 is only
# believed with a byte-order mark, and Windows-1252 (Excel's and Word's default on Windows)
# decodes nearly every byte, so it must come last.
TRIED = "UTF-8 (with or without BOM), UTF-16 (with BOM) and Windows-1252"


def read_text(path: Path) -> str:
    """Read a text file as UTF-8, UTF-16 (with BOM) or Windows-1252, in that order.

    The byte-order mark is removed; line endings are left as they are.

    Raises
    ------
    InputError
        If no encoding fits, naming the encodings tried and the line of the first bad byte.

    Examples
    --------
    >>> read_text(Path("notes.csv"))[:12]  # doctest: +SKIP
    'participant,'
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path.name, f"could not read the file ({exc.strerror or exc})") from None
    return decode_bytes(data, path.name)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a file's bytes the way :func:`read_text` does; ``source`` names it in errors.

    Examples
    --------
    >>> decode_bytes("café".encode("cp1252"), "notes.csv")
    'café'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _undecodable(data, exc.start, source) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as utf8_error:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise _undecodable(data, exc.start, source) from None
            else:
                # A BOM means the writer meant UTF-8, so a bad byte is damage, not cp1252.
                if data.startswith(b"\xef\xbb\xbf"):
                    # The codec counts from after the 3-byte BOM.
                    raise _undecodable(data, utf8_error.start + 3, source) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(
            source,
            "contains NUL bytes, so it looks like a binary file or UTF-16 without a byte-order "
            f"mark; tried {TRIED}; save it as UTF-8 text",
            line=line,
        )
    return text


def _undecodable(data: bytes, offset: int, source: str) -> InputError:
    line = data.count(b"\n", 0, offset) + 1
    return InputError(
        source,
        f"could not decode byte 0x{data[offset]:02X}; tried {TRIED}; save the file as UTF-8",
        line=line,
    )
