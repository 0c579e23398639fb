"""Participant ids: the one rule that says which spellings name the same person.

``P2``, ``p2``, ``P02``, ``P002``, ``Participant 2`` and the ``P2`` inside ``P2_GMT20211119.odt``,
``P2 Transcript.txt`` or ``Interview P2.docx`` are one participant, stored as ``P02``. Every
importer (notes and participant spreadsheets, transcripts, coded turns, notes documents,
REFI-QDA cases) and the store's check of who is already in the study call this module, so
the rule is decided here and nowhere else.

A study whose ids look different says so in ``study.toml``::

    [identity]
    pattern = 'R(\\d+)'          # how an id is written; the brackets hold its number
    format = "R{number:03d}"    # how the study stores it (R7 -> R007)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import StudyError

# A "P" (or "Participant") with a number, not glued to other letters or digits: matches in
# "P2_GMT2021", "Interview p2", "P 02", never in "mp3", "Pilot 2" or "P2P".
DEFAULT_PATTERN = r"(?<![A-Za-z0-9])[Pp](?:articipant)?[ _-]?(\d{1,6})(?![A-Za-z0-9])"
DEFAULT_FORMAT = "P{number:02d}"


@dataclass(frozen=True)
class IdentityRule:
    """How participant ids are written in a study's files and how the study stores them.

    ``pattern`` is a regular expression whose first group is the id's number (case is
    ignored); ``format`` writes the stored id from ``number``.

    Examples
    --------
    >>> rule = IdentityRule()
    >>> [rule.canonical(v) for v in ("P2", "p2", "P02", "P002", "Participant 2", "Ana")]
    ['P02', 'P02', 'P02', 'P02', 'P02', 'Ana']
    >>> rule.in_name("P2_GMT20211119.odt"), rule.in_name("Interview P2.docx")
    ('P02', 'P02')
    """

    pattern: str = DEFAULT_PATTERN
    format: str = DEFAULT_FORMAT
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regex", re.compile(self.pattern, re.IGNORECASE))

    def _written(self, match: re.Match[str]) -> str:
        return self.format.format(number=int(match.group(1)))

    def is_id(self, value: str) -> bool:
        """Whether ``value`` as a whole is a participant id (``P2``, ``p 02``).

        Examples
        --------
        >>> IdentityRule().is_id("P2"), IdentityRule().is_id("Interview P2")
        (True, False)
        """
        return self._regex.fullmatch(" ".join(str(value).split())) is not None

    def ids_in(self, text: str) -> list[str]:
        """Every distinct id written inside ``text``, in order of appearance.

        Examples
        --------
        >>> IdentityRule().ids_in("P2 and p02 met P3")
        ['P02', 'P03']
        """
        return list(dict.fromkeys(self._written(m) for m in self._regex.finditer(str(text))))

    def canonical(self, value: str) -> str:
        """The id a cell names, as the study stores it.

        A value that is an id is rewritten (``p2`` → ``P02``); a value holding exactly one
        id among other words is that id (``Interview P2`` → ``P02``); anything else (a
        name, a code the pattern does not know) is kept as given, spaces trimmed.

        Examples
        --------
        >>> rule = IdentityRule()
        >>> rule.canonical(" p3 "), rule.canonical("P2 Transcript"), rule.canonical("P2, P3")
        ('P03', 'P02', 'P2, P3')
        """
        text = " ".join(str(value).split())
        whole = self._regex.fullmatch(text)
        if whole is not None:
            return self._written(whole)
        found = self.ids_in(text)
        return found[0] if len(found) == 1 else text

    def in_name(self, name: str) -> str | None:
        """The id in a file name (or any label), or None when it holds none or several.

        Examples
        --------
        >>> IdentityRule().in_name("P2 Transcript.txt"), IdentityRule().in_name("538-python")
        ('P02', None)
        >>> IdentityRule().in_name("P1-P2 joint session.vtt") is None
        True
        """
        found = self.ids_in(name)
        return found[0] if len(found) == 1 else None

    def key(self, value: str) -> str:
        """What two spellings of one person share: the canonical id, folded for case.

        Examples
        --------
        >>> IdentityRule().key("P002") == IdentityRule().key("p2")
        True
        """
        return self.canonical(value).casefold()


DEFAULT = IdentityRule()


def rule_from_config(cfg: dict[str, Any], where: str = "study.toml") -> IdentityRule:
    """The study's identity rule from its ``[identity]`` table (the default when absent).

    Raises
    ------
    StudyError
        When the pattern is not a regular expression with a group for the number, or the
        format cannot write one.

    Examples
    --------
    >>> rule_from_config({"identity": {"pattern": "R(\\\\d+)", "format": "R{number:03d}"}}
    ...                  ).canonical("r7")
    'R007'
    """
    table = cfg.get("identity") or {}
    if not isinstance(table, dict):
        raise StudyError(f"{where}: [identity] should be a table with 'pattern' and 'format'.")
    pattern = str(table.get("pattern") or DEFAULT_PATTERN)
    template = str(table.get("format") or DEFAULT_FORMAT)
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise StudyError(f"{where}: [identity] pattern {pattern!r} is not a regular "
                         f"expression ({exc}).") from None
    if regex.groups < 1:
        raise StudyError(f"{where}: [identity] pattern {pattern!r} needs a group in brackets "
                         r"around the id's number, like 'P(\d+)'.")
    try:
        template.format(number=7)
    except (KeyError, IndexError, ValueError) as exc:
        raise StudyError(f"{where}: [identity] format {template!r} cannot write an id "
                         f"({exc}); write it like \"P{{number:02d}}\".") from None
    return IdentityRule(pattern, template)
