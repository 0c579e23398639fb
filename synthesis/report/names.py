"""Finding people's names in quotes ("And Jess was like…", "Herr Schneider vom Steuerbüro").

A stakeholder report must not name the colleagues, accountants and family members that
participants mention. There is no network at run time, so the detector uses name data that
ships inside installed packages:

- **given names and surnames** from Faker's person providers (MIT licence; about 30,000 given
  names and 30,000 surnames over some 80 locales, including romanised Japanese and Chinese);
- **places and peoples**, so that "Paris", "Sydney" or "a Danish client" is not taken for a
  person: country and language names (which double as nationalities: German, Danish) in
  nine languages and the world's time-zone cities from Babel (CLDR data), and Faker's lists
  of countries and states (not its towns: thousands of villages are named like people);
- a short hand-written list of capitalised words that are also names
  (:mod:`synthesis.report.ordinary_words`).

Why these: ``names-dataset`` (730,000 first names) needs 1.9 GB of memory and 51 s to load;
``gender-guesser`` has given names only and is GPL-licensed; no spaCy model is published on
PyPI. Faker's lists load in under a second and cover given names *and* surnames.

The rule, in order, over each run of capitalised words:

1. after a title or honorific (Mr, Dr, Herr, Madame, Sra…) the run is a name;
2. a word that is a given name and not an ordinary word starts a name; the capitalised words
   right after it (a surname, known or not; "de Vries" with its particle) and a known surname
   right before it ("Zhang Wei") belong to it;
3. an ordinary word that is also a given name ("Will", "May", "Mark") is a name only when a
   known surname follows it ("Mark Thompson"); a place that is also a given name ("Paris",
   "Sydney", "Fátima") only when any capitalised word that is not a place follows it;
4. two or more capitalised words that are all known surnames ("Venkatesh Subramanian") are
   a name.

A word that starts a sentence is capitalised whatever it is, so there a given name that the
study's own texts also use in lower case ("Dev shop", "Said the…", "Tiny little…") is a name
only with a surname after it. Never names: all-capital words (VAT, HMRC); contractions
("Don't", "Can't"); a word right after "in", "near" or "around" ("based in Austin"). A
possessive ends a name ("Tom's", "King's Cross").

Examples
--------
>>> [m for _, _, m in find_names("And Jess was like, just use Excel on Friday.")]
['Jess']
>>> [m for _, _, m in find_names("Herr Schneider and Pieter de Vries agreed.")]
['Schneider', 'Pieter de Vries']
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType

from ..privacy import fold
from .ordinary_words import (CALENDAR, COMMON_CAPITALISED, ORDINARY, PARTICLES,
                             PLACE_PREPOSITIONS, TITLES)

__all__ = ["find_names", "name_data", "places", "vocabulary"]

# A word: letters, with inner apostrophes or hyphens (O'Brien, Jean-Baptiste, Al-Sayed).
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_CONTRACTION = re.compile(r"['’](?:t|ll|re|ve|d|m)$", re.IGNORECASE)
_MAX_SURNAMES = 2


@dataclass(frozen=True)
class NameData:
    first: frozenset[str]  # folded given names
    last: frozenset[str]  # folded surnames
    places: frozenset[str]  # folded place names (single words and phrases)


@functools.lru_cache(maxsize=1)
def name_data() -> NameData:
    """Given names, surnames and places, folded (accents stripped, lower case); loaded once.

    Examples
    --------
    >>> data = name_data()
    >>> "jess" in data.first, "natarajan" in data.last or "okafor" in data.last
    (True, True)
    """
    first: set[str] = set()
    last: set[str] = set()
    # lazy: faker.providers.person adds ~65 ms, and its locales far more; only redaction with
    # name detection reads them, once per process
    import faker.providers.person as person

    for module in _modules(person):
        for key, value in vars(module.Provider).items():
            target = first if "first" in key else last if "last" in key else None
            if target is None or not isinstance(value, (dict, list, tuple)):
                continue
            for entry in value:
                for word in (entry if isinstance(entry, tuple) else (entry,)):
                    if isinstance(word, str) and re.sub(r"[-'’ ]", "", word).isalpha():
                        target.add(fold(word))
    return NameData(frozenset(first), frozenset(last), places())


@functools.lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Folded place names: countries (nine languages), time-zone cities, countries and states.

    Examples
    --------
    >>> {"paris", "sydney", "spain", "georgia"} <= places()
    True
    """
    found: set[str] = set()
    try:
        # lazy: Babel is optional (it comes with JupyterLab), ~5 ms; read once per process
        from babel import Locale
        from babel.dates import get_timezone_location

        for code in ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv"):
            locale = Locale.parse(code)
            found |= {fold(n) for n in locale.territories.values()}
            found |= {fold(n) for n in locale.languages.values()}
        for zone in zoneinfo.available_timezones():
            try:
                found.add(fold(get_timezone_location(zone, locale="en", return_city=True)))
            except (LookupError, ValueError, AttributeError):
                continue
    except ImportError:  # Babel comes with JupyterLab; without it, Faker's lists remain
        pass
    # lazy: faker.providers.address adds ~50 ms, its locales more; read once per process
    import faker.providers.address as address

    for module in _modules(address):
        for key, value in vars(module.Provider).items():
            if isinstance(value, (list, tuple)) and value and isinstance(value[0], str) \
                    and key in ("countries", "states"):
                found |= {fold(v) for v in value}
    return frozenset(found)


def _modules(package: ModuleType) -> Iterator[ModuleType]:
    for info in pkgutil.iter_modules(package.__path__):
        try:
            yield importlib.import_module(f"{package.__name__}.{info.name}")
        except Exception:  # a locale module that fails to import is one locale less
            continue


def vocabulary(texts: Iterable[object]) -> frozenset[str]:
    """The words ``texts`` use in lower case (folded): everyday words in this study.

    Examples
    --------
    >>> sorted(vocabulary(["Dev shop", "the dev team", "Jess said"]))
    ['dev', 'said', 'shop', 'team', 'the']
    """
    seen: set[str] = set()
    for text in texts:
        if isinstance(text, str):
            seen.update(w for w in _WORD.findall(text) if w.islower())
    return frozenset(fold(w) for w in seen)


def find_names(text: str, everyday: frozenset[str] = frozenset()
               ) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` for every person's name the rule above finds in ``text``.

    ``everyday``: words the study uses in lower case (:func:`vocabulary`).

    Examples
    --------
    >>> find_names("I asked Tom whether Stripe pays out on a Friday.")
    [(8, 11, 'Tom')]
    >>> find_names("Will the reminder go out in May?")
    []
    """
    data = name_data()
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        span = _name_at(text, words, i, data, everyday)
        if span is None:
            i += 1
            continue
        first, last = span
        start, end = words[first][0], words[last][1]
        name = _POSSESSIVE.sub("", text[start:end])
        found.append((start, start + len(name), name))
        i = last + 1
    return found


def _name_at(text: str, words: list[tuple[int, int, str]], i: int, data: NameData,
             everyday: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The (first, last) word indexes of a name starting at or around word ``i``."""
    word = words[i][2]
    if not _capitalised(word) or _CONTRACTION.search(word):
        return None
    key = _key(word)
    before = _key(words[i - 1][2]) if i > 0 and _adjacent(text, words, i - 1, i) else ""
    if before in TITLES and key not in COMMON_CAPITALISED:
        return i, _extend(text, words, i, data, any_capitalised=True)
    if key in CALENDAR or key in COMMON_CAPITALISED or _two_word_place(words, i, data) \
            or (i > 0 and _two_word_place(words, i - 1, data)):
        return None
    if i > 0 and words[i - 1][2] in PLACE_PREPOSITIONS:
        return None  # "based in Austin", "in Excel"
    if not _given(key, data):
        return _surnames(text, words, i, data)
    end = i if _POSSESSIVE.search(word) else _extend(text, words, i, data)
    word_too = key in ORDINARY or (key in everyday and _starts_sentence(text, words[i][0]))
    if word_too and (end == i or _key(words[i + 1][2]) not in data.last):
        return None  # "Will", "May", "Mark", "Dev shop": only with a known surname after it
    if _is_place(words, i, data) and end == i:
        return None  # "Paris", "Sydney" alone
    start = i
    if i > 0 and _capitalised(words[i - 1][2]) and _adjacent(text, words, i - 1, i) \
            and _key(words[i - 1][2]) in data.last and _key(words[i - 1][2]) not in ORDINARY:
        start = i - 1  # family name first: "Zhang Wei", "Nguyen Van An"
    return start, end


def _extend(text: str, words: list[tuple[int, int, str]], i: int, data: NameData,
            any_capitalised: bool = False) -> int:
    """The last word of the name that starts at word ``i`` (surnames and particles after it)."""
    end, taken, j = i, 0, i + 1
    while j < len(words) and taken < _MAX_SURNAMES and _adjacent(text, words, j - 1, j):
        word = words[j][2]
        key = _key(word)
        if word in PARTICLES and j + 1 < len(words) and _capitalised(words[j + 1][2]) \
                and _adjacent(text, words, j, j + 1):
            j += 1
            continue
        if not _capitalised(word) or key in CALENDAR or key in COMMON_CAPITALISED:
            break
        if not any_capitalised and _is_place(words, j, data) and key not in data.last:
            break
        end, taken, j = j, taken + 1, j + 1
        if _POSSESSIVE.search(word):
            break  # "Sven Lindqvist's template"
    return end


def _surnames(text: str, words: list[tuple[int, int, str]], i: int,
              data: NameData) -> tuple[int, int] | None:
    """Rule 4: a run of two or three capitalised known surnames, none an ordinary word."""
    j = i
    while j < len(words) and j - i < 3 and _capitalised(words[j][2]) and (
            j == i or _adjacent(text, words, j - 1, j)):
        key = _key(words[j][2])
        if key not in data.last or key in ORDINARY or _is_place(words, j, data):
            break
        j += 1
    return (i, j - 1) if j - i >= 2 else None


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` is the first of a sentence (or of the text)."""
    before = text[:start].rstrip(" \t\"'“‘([*-")
    return not before or before[-1] in ".!?:;…\n]"


def _adjacent(text: str, words: list[tuple[int, int, str]], a: int, b: int) -> bool:
    """Whether words ``a`` and ``b`` are separated by spaces or a title's full stop only."""
    gap = text[words[a][1]:words[b][0]]
    return gap in (" ", ". ", "\u00a0") or (gap.strip() == "" and "\n" not in gap
                                            and len(gap) <= 2)


def _capitalised(word: str) -> bool:
    """Title case or capitalised parts ("Jess", "O'Brien", "McKenzie"), not "VAT"."""
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and letters[0].isupper() and not (len(letters) > 1 and all(
        ch.isupper() for ch in letters))


def _key(word: str) -> str:
    return fold(_POSSESSIVE.sub("", word).rstrip("."))


def _given(key: str, data: NameData) -> bool:
    if key in data.first:
        return True
    parts = [p for p in re.split(r"[-'’]", key) if p]
    return len(parts) > 1 and parts[0] in data.first


def _is_place(words: list[tuple[int, int, str]], i: int, data: NameData) -> bool:
    """A place name on its own, or as the start of a two-word place ("Cape Town")."""
    return _key(words[i][2]) in data.places or _two_word_place(words, i, data)


def _two_word_place(words: list[tuple[int, int, str]], i: int, data: NameData) -> bool:
    """"New York", "Cape Town", "Buenos Aires": the word starts a two-word place."""
    return i + 1 < len(words) and f"{_key(words[i][2])} {_key(words[i + 1][2])}" in data.places
