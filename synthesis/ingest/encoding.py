"""Reading a researcher's text file whatever encoding their tool saved it in."""

from __future__ import annotations

from pathlib import Path

from synthesis.errors import InputError

# The order matters: UTF-8 is strict enough to reject most non-UTF-8 files, UTF-16 is only
# believed with a byte-order mark, and Windows-1252 (Excel's and Word's default on Windows)
# decodes nearly every byte, so it must come last.
TRIED = "UTF-8 (with or without BOM), UTF-16 (with BOM) and Windows-1252"


def read_text(path: Path, notes: list[str] | None = None) -> str:
    """Read a text file as UTF-8, UTF-16 (with BOM) or Windows-1252, in that order.

    The byte-order mark is removed; line endings are left as they are. A file whose lines
    mix UTF-8 and Windows-1252 (rows pasted from two tools) is decoded line by line, each in
    its own encoding, and a sentence saying so is added to ``notes``.

    Raises
    ------
    InputError
        If no encoding fits, naming the encodings tried and the line of the first bad byte.

    Examples
    --------
    >>> read_text(Path("data/invoicing-onboarding/rounds/r3/notes-extra.csv"))[:12]
    'participant;'
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path.name, f"could not read the file ({exc.strerror or exc})") from None
    return decode_bytes(data, path.name, notes)


def decode_bytes(data: bytes, source: str, notes: list[str] | None = None) -> str:
    """Decode a file's bytes the way :func:`read_text` does; ``source`` names it in errors.

    Examples
    --------
    >>> decode_bytes("café".encode("cp1252"), "notes.csv")
    'café'
    >>> said = []
    >>> decode_bytes("naïve\\n".encode() + "café\\n".encode("cp1252"), "n.csv", said)
    'naïve\\ncafé\\n'
    >>> said
    ['line 2 is Windows-1252 and the rest UTF-8; each line was decoded in its own encoding']
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
            mixed = _mixed_lines(data, source)
            if mixed is not None:
                text, message = mixed
                if notes is not None:
                    notes.append(message)
                return text
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


def _mixed_lines(data: bytes, source: str) -> tuple[str, str] | None:
    """Decode line by line when some lines are real UTF-8 (non-ASCII) and others are not.

    A file that is Windows-1252 throughout has no line that decodes as UTF-8 with non-ASCII
    characters in it, so it is left to the whole-file decoder (None). Decoding a mixed file
    in one encoding would turn the other lines into mojibake ("cafÃ©") without a word.
    """
    lines = data.split(b"\n")
    utf8 = 0
    legacy: list[int] = []
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            try:
                text = line.decode("cp1252")
            except UnicodeDecodeError as exc:
                offset = sum(len(b) + 1 for b in lines[: number - 1]) + exc.start
                raise _undecodable(data, offset, source) from None
            legacy.append(number)
        out.append(text)
    if not utf8 or data.startswith(b"\xef\xbb\xbf"):
        return None
    listed = ", ".join(str(n) for n in legacy[:10]) + (", …" if len(legacy) > 10 else "")
    word = "line" if len(legacy) == 1 else "lines"
    verb = "is" if len(legacy) == 1 else "are"
    return "\n".join(out), (f"{word} {listed} {verb} Windows-1252 and the rest UTF-8; each "
                            "line was decoded in its own encoding")
