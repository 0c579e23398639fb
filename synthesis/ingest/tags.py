"""Tag cells into themes: several tags in one cell, and one theme per name however it is typed.

A tags cell may hold several themes separated by ``;``, ``|`` or line breaks. A comma
separates too, unless that is ambiguous: in a file whose cells use ``;``, ``|`` or line
breaks, commas belong to theme names ("Pricing, plans"), and a cell that is exactly the
name of one of the study's themes is that theme. Whatever is split is counted, so the import
summary can say what it did.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from synthesis.model import Theme

# Mirrors synthesis.study.MAX_THEME_NAME; kept here so parsing never imports the store.
MAX_THEME_NAME = 200
_STRONG = re.compile(r"[;|\n]")
_ANY = re.compile(r"[;|\n,]")


def theme_id(name: str) -> str:
    """A new theme's id, from its name in any case.

    Examples
    --------
    >>> theme_id("Pricing") == theme_id("pricing")
    True
    """
    return "t-" + hashlib.sha1(name.lower().encode()).hexdigest()[:10]


def tag_key(name: str) -> str:
    """What two spellings of one theme name share (case and spacing folded).

    Examples
    --------
    >>> tag_key("  Bank   anxiety ") == tag_key("bank anxiety")
    True
    """
    return " ".join(name.split()).lower()


@dataclass
class TagSplitter:
    """Splits a file's tag cells, deciding once per file whether commas separate.

    Examples
    --------
    >>> s = TagSplitter.for_cells(["Pricing; Trust", "Plans, pricing"])
    >>> s.split("Plans, pricing"), s.commas_split
    (['Plans, pricing'], False)
    >>> s = TagSplitter.for_cells(["Pricing, Trust", "Onboarding"], known=["Pricing, Trust"])
    >>> s.split("Pricing, Trust"), s.split("Trust, Tax")
    (['Pricing, Trust'], ['Trust', 'Tax'])
    """

    commas_split: bool = True
    known: frozenset[str] = frozenset()
    split_at_commas: int = 0  # cells that were split at commas (said in the summary)
    _cache: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def for_cells(cls, cells: Iterable[str], known: Iterable[str] = ()) -> TagSplitter:
        strong = any(_STRONG.search(c.strip()) for c in cells if c)
        return cls(commas_split=not strong, known=frozenset(tag_key(k) for k in known))

    def split(self, cell: str) -> list[str]:
        """The tag names in one cell, spaces tidied, empty pieces dropped, in order."""
        cached = self._cache.get(cell)
        if cached is not None:
            return cached
        whole = " ".join(cell.split())
        if not whole:
            names: list[str] = []
        elif self.commas_split and "," in whole and tag_key(whole) not in self.known:
            names = [" ".join(p.split()) for p in _ANY.split(cell)]
            self.split_at_commas += 1
        else:
            names = [" ".join(p.split()) for p in _STRONG.split(cell)]
        names = [n for n in names if n]
        self._cache[cell] = names
        return names


class ThemeBook:
    """Turns tag names into theme ids, reusing the study's themes and minting each new one once.

    Examples
    --------
    >>> book = ThemeBook({"pricing": "t-1"})
    >>> book.id_for("Pricing"), book.id_for("Trust") == book.id_for("trust"), len(book.new)
    ('t-1', True, 1)
    """

    def __init__(self, existing: Mapping[str, str]) -> None:
        self.by_name = {tag_key(name): tid for name, tid in existing.items()}
        self.existing = set(self.by_name.values())
        self.new: list[Theme] = []
        self._seen: dict[str, str] = {}  # names as typed, so each is folded only once

    def id_for(self, name: str) -> str:
        tid = self._seen.get(name)
        if tid is not None:
            return tid
        key = tag_key(name)
        tid = self.by_name.get(key)
        if tid is None:
            tid = self.by_name[key] = theme_id(name)
            self.new.append(Theme(theme_id=tid, name=" ".join(name.split())))
        self._seen[name] = tid
        return tid
