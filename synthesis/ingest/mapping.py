"""Which column of a spreadsheet holds which field: the file's own names, or the researcher's.

Importers find their columns by name (``participant``, ``tags``, ``timestamp``...). When a
file names them otherwise, the researcher says which is which, on the command line
(``--column note="Highlight text"``), in the Python API (``columns={"note": "Highlight
text"}``) or for the whole study in ``study.toml``::

    [import.columns]
    participant = "Interviewee code"
    theme = "Codes applied"

A column named on the command line must be in the file; one named in ``study.toml`` is used
where a file has it, and the usual names are looked for where it has not (and the import
says so).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from synthesis.errors import InputError, StudyError
from synthesis.ingest import columns as col
from synthesis.ingest.tables import Table, normalise_header

_WORD = re.compile(r"[^\W_]+")


def parse_column_options(options: Iterable[str], where: str = "--column") -> dict[str, str]:
    """``["participant=Who", "theme=Codes"]`` as ``{"participant": "Who", "theme": "Codes"}``.

    Raises
    ------
    StudyError
        For an option without ``=`` or a field that is not one of :data:`columns.FIELDS`.

    Examples
    --------
    >>> parse_column_options(["note = Highlight text", "note_id=id"])
    {'note': 'Highlight text', 'note_id': 'id'}
    """
    mapping: dict[str, str] = {}
    for option in options:
        raw, sep, header = str(option).partition("=")
        name = raw.strip().lower().replace("-", "_").replace(" ", "_")
        if not sep or not header.strip() or not name:
            raise StudyError(f"{where} {option!r}: expected FIELD=HEADER, for example "
                             "--column note=\"Highlight text\".")
        check_field(name, where)
        mapping[name] = header.strip()
    return mapping


def check_field(name: str, where: str) -> None:
    """Refuse a field name no importer reads, listing the ones it could be."""
    if name not in col.FIELDS:
        raise StudyError(f"{where}: {name!r} is not a field an import can map; expected one "
                         f"of {', '.join(col.FIELDS)}.")


@dataclass(frozen=True)
class ColumnMap:
    """The researcher's column names: ``given`` (must be in the file), ``configured`` (may be).

    Examples
    --------
    >>> t = Table("n.csv", ("Who", "Said", "Codes applied"), ())
    >>> m = ColumnMap(given={"participant": "who"}, configured={"theme": "Codes applied"})
    >>> found = m.locate(t, {"participant": col.PARTICIPANT, "note": ("said",),
    ...                      "theme": col.TAGS})
    >>> found.index, found.messages
    ({'participant': 0, 'note': 1, 'theme': 2}, [])
    """

    given: Mapping[str, str] = field(default_factory=dict)
    configured: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, given: Mapping[str, str] | None = None,
              configured: Mapping[str, str] | None = None) -> ColumnMap:
        """A map from the API's or CLI's ``given`` and study.toml's ``configured`` names.

        Examples
        --------
        >>> ColumnMap.build({"note": "Highlight"}).given
        {'note': 'Highlight'}
        """
        for name in [*(given or {}), *(configured or {})]:
            check_field(name, "columns")
        return cls(dict(given or {}), dict(configured or {}))

    def locate(self, table: Table, fields: Mapping[str, Iterable[str]], *,
               fuzzy: Iterable[str] = ()) -> Located:
        """Find each of ``fields`` (name → the headers it is usually called) in ``table``.

        A mapped header wins; else the first accepted name whose folded form equals a
        header; else, for the fields in ``fuzzy``, a header with the accepted name as one of
        its words (``Words / Text`` for ``words``). A column serves one field only.

        Raises
        ------
        InputError
            When a header named on the command line or in the API is not in the file.
        """
        folded = [normalise_header(c) for c in table.columns]
        index: dict[str, int | None] = {}
        messages: list[str] = []
        taken: set[int] = set()
        for name in fields:
            header = self.given.get(name)
            if header is not None:
                at = _position(folded, header, taken)
                if at is None:
                    found = ", ".join(repr(c) for c in table.columns if c.strip()) or "none"
                    raise InputError(table.source, f"the column {header!r} given for "
                                     f"{name} is not in this file; found columns: {found}")
                index[name] = at
                taken.add(at)
        for name in fields:
            header = self.configured.get(name)
            if name in index or header is None:
                continue
            at = _position(folded, header, taken)
            if at is None:
                messages.append(f"study.toml maps {name} to the column {header!r}, which this "
                                "file does not have; looked for the usual names instead")
            else:
                index[name] = at
                taken.add(at)
        for name, accepted in fields.items():
            if name in index:
                continue
            at = None
            for candidate in accepted:
                at = _position(folded, candidate, taken)
                if at is not None:
                    break
            index[name] = at
            if at is not None:
                taken.add(at)
        for name in fuzzy:
            if index.get(name) is not None:
                continue
            wanted = {normalise_header(a) for a in fields[name]}
            for at, column in enumerate(table.columns):
                words = {w.casefold() for w in _WORD.findall(column)}
                if at not in taken and words & wanted:
                    index[name] = at
                    taken.add(at)
                    break
        return Located({name: index.get(name) for name in fields}, messages)


def _position(folded: list[str], header: str, taken: set[int]) -> int | None:
    key = normalise_header(header)
    for at, name in enumerate(folded):
        if name == key and at not in taken:
            return at
    return None


@dataclass(frozen=True)
class Located:
    """Where each field sits (None: not in the file), and what the lookup had to say."""

    index: dict[str, int | None]
    messages: list[str]

    def __getitem__(self, name: str) -> int | None:
        return self.index.get(name)


NO_MAPPING = ColumnMap()
