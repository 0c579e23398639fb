"""How synthesis writes what QDA-XML has no element for, so its own exports read back whole.

QDA-XML knows codes, sources, selections, cases and sets, but not rounds, spreadsheet notes
or where a note came from. The export writes these into free-text places other tools show
as they are (the Description of a Set, a Case, a source or a selection); the import
recognises them. GUIDs are
derived from ids with uuid5, so exporting the same study twice gives the same file, and a
theme or note that came from a REFI file (``t-<guid>``, ``n-<guid>``) keeps its GUID.
"""

from __future__ import annotations

import re
import uuid

# A namespace of our own for uuid5; any fixed UUID works, it just must never change.
NAMESPACE = uuid.UUID("8b0f3c5e-2f7e-5a8e-9d4b-6f1e2a7c9b30")

# The Description of a Set holding a round's sources, and of a Case: "round_id: r1".
ROUND_MARK = re.compile(r"^round_id:\s*(\S+)\s*$")
# The Description of a text source holding spreadsheet notes rather than an interview.
NOTES_SOURCE = re.compile(r"one note per paragraph", re.I)
# The Description of a selection: "quote from r1/P01.vtt (cue 12)".
PROVENANCE = re.compile(r"^([a-z][a-z_-]*) from (.+?)(?: \((.+)\))?$", re.S)
# In the Description of a session's source: its lines written without a speaker label
# (a turn a highlight runs into) whose own words start like one ("Dana: I said ...").
CONTINUED = re.compile(r"\bLines? (\d+(?:, \d+)*) continues? the turn on the line before\b")
_GUID_ID = re.compile(r"^[tn]-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")


def round_description(round_id: str) -> str:
    return f"round_id: {round_id}"


def notes_source_description(participant_id: str | None) -> str:
    who = participant_id or "no participant"
    return f"Notes about {who}: one note per paragraph (written by synthesis)."


def provenance(kind: str | None, source: str | None, source_ref: str | None) -> str:
    """ "observation from notes.csv (row 12)" — read back by :data:`PROVENANCE`."""
    text = f"{kind or 'observation'} from {source or 'synthesis'}"
    return text + (f" ({source_ref})" if source_ref else "")


def continued_description(lines: list[int]) -> str:
    """What a session's source says of lines that only start like a speaker label.

    Read back by :func:`continued_lines`.

    Examples
    --------
    >>> continued_description([3, 7])
    'Lines 3, 7 continue the turn on the line before; they only start like a speaker label.'
    >>> continued_lines("Interview S1. " + continued_description([4]))
    frozenset({4})
    """
    if len(lines) == 1:
        return (f"Line {lines[0]} continues the turn on the line before; it only starts like "
                "a speaker label.")
    return (f"Lines {', '.join(map(str, lines))} continue the turn on the line before; they "
            "only start like a speaker label.")


def continued_lines(description: str | None) -> frozenset[int]:
    """Line numbers (from 1) that :func:`continued_description` named in ``description``.

    Examples
    --------
    >>> sorted(continued_lines("Interview S1. Lines 3, 7 continue the turn on the line before"))
    [3, 7]
    >>> continued_lines("Interview S1 (2024-05-01)")
    frozenset()
    """
    match = CONTINUED.search(description or "")
    return frozenset(int(n) for n in match.group(1).split(", ")) if match else frozenset()


def guid_for(kind: str, key: str) -> str:
    """A stable GUID for one thing of one kind; ids that came from a GUID give it back.

    Examples
    --------
    >>> guid_for("theme", "t-7142c1bf-1bbe-4073-88dd-ae1dbfec9f8f")
    '7142c1bf-1bbe-4073-88dd-ae1dbfec9f8f'
    >>> guid_for("theme", "t-a1b2") == guid_for("theme", "t-a1b2")
    True
    """
    match = _GUID_ID.match(str(key))
    if match and kind in ("theme", "note") and key[0] == kind[0]:
        return match.group(1)
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def normalise_guid(value: str | None) -> str:
    """``{ABC-...}`` and ``abc-...`` are the same GUID."""
    return (value or "").strip().strip("{}").lower()
