"""Writing a benchmark's results file without losing the record kept by hand below it.

A results file under ``bench/results/`` has two parts, split by :data:`MARKER` on a line of
its own: above it, what the benchmark generates (rewritten on every run); below it, the
record people keep by hand (earlier runs, what was tried and did not help), which is the
evidence behind the figures the README quotes. Every benchmark writes its file through
:func:`write_results`, so a run replaces the generated part and leaves the rest, byte for
byte. The marker is an HTML comment, so it does not show in the rendered Markdown. Name
runs in the record by date, commit or load, not as "the table above": the next run replaces
that table.

    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = Path(folder.name) / "demo.md"
    >>> write_results(path, "# Demo benchmark\\n\\n1.5x\\n")
    >>> with path.open("a", encoding="utf-8") as f:
    ...     _ = f.write("\\n## Earlier: 2.0x before the fix\\n")
    >>> write_results(path, "# Demo benchmark\\n\\n1.2x\\n")
    >>> print(path.read_text(encoding="utf-8"))
    # Demo benchmark
    <BLANKLINE>
    1.2x
    <BLANKLINE>
    <!-- Below this line: the record kept by hand. ... -->
    <BLANKLINE>
    ## Earlier: 2.0x before the fix
    <BLANKLINE>
    >>> folder.cleanup()
"""

from __future__ import annotations

import os
from pathlib import Path

MARKER = ("<!-- Below this line: the record kept by hand. "
          "A benchmark run rewrites only what is above it. -->")


def kept_record(path: Path) -> bytes:
    """The bytes below the first :data:`MARKER` line of ``path`` (empty if none or no file).

    >>> kept_record(Path("no/such/results.md"))
    b''
    """
    if not path.exists():
        return b""
    lines = path.read_bytes().splitlines(keepends=True)
    marker = MARKER.encode("utf-8")
    for at, line in enumerate(lines):
        if line.strip() == marker:
            return b"".join(lines[at + 1:])
    return b""


def write_results(path: Path, generated: str) -> None:
    """Write ``generated`` to ``path``, then a blank line, :data:`MARKER` and the kept record.

    The kept record is everything below the marker in the file as it was (see
    :func:`kept_record`), unchanged to the byte. A file without a marker (new, or one whose
    marker was deleted) keeps nothing: the whole old file counts as generated and is
    replaced, and the marker is written after the new text so that anything added below it
    from then on is kept. So a results file that already holds hand-written sections needs
    the marker put in above them by hand before its benchmark next runs. The generated text
    may not contain the marker line (the next run would cut the file there); trailing blank
    lines of it are dropped so that the marker always follows one blank line. The new file
    replaces the old one whole (written beside it, then renamed), so a run that fails while
    writing leaves the old file as it was.

    >>> write_results(Path("unused.md"), MARKER)
    Traceback (most recent call last):
    ValueError: the generated text of unused.md holds the marker line ...
    """
    if any(line.strip() == MARKER for line in generated.splitlines()):
        raise ValueError(f"the generated text of {path.name} holds the marker line "
                         f"{MARKER!r}; only the record below it may")
    data = (generated.rstrip("\n") + "\n\n" + MARKER + "\n").encode("utf-8") + kept_record(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_bytes(data)
    os.replace(part, path)
