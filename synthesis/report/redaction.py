"""Privacy for reports: pseudonyms, and names, emails, phones, links and the study's terms removed.

Reports leave the research team (file shares, email attachments), so redaction is on by
default and a redacted report must be safe to forward. It is pure text work: give
:func:`build_redactor` the participants frame, the interviewers and the study's
``redact_terms``, get back a :class:`Redactor` whose :meth:`Redactor.text` cleans any
string before it is escaped into HTML. What is replaced, in this order (earlier rules win):

1. email addresses, also IDN and spelled out ("lena dot hoffmann at example dot com")
   → ``[email]``; links and bare domains with any top-level domain → ``[link]``; phone numbers
   in national and international formats, checked with ``phonenumbers`` → ``[phone]``
   (:mod:`synthesis.report.contacts`);
2. the study's own names in every spelling (accents stripped or transliterated, any case,
   the full name or a first or last name alone): a participant → their pseudonym (``P03``;
   a name part two participants share → ``[name]``), an interviewer → ``Interviewer A``,
   ``B``… in the order study.toml lists them, a ``redact_terms`` entry → ``[redacted]``.
   A name part that is also an everyday word ("Amber", "Bill") is only replaced when
   capitalised, or after "I'm", "call me", "my name is";
3. the values of private participant columns (handles, numbers in odd formats) wherever a
   quote repeats them → ``[redacted]`` (:func:`synthesis.privacy.private_values`);
4. any other person's name the detector finds (:mod:`synthesis.report.names`) → ``[name]``.

Figures on a planted set (recall per kind, ordinary words left alone):
``bench/results/redaction.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..privacy import fold, participant_names, private_values
from . import contacts
from .names import find_names, vocabulary
from .ordinary_words import COMMON_CAPITALISED, ORDINARY

EMAIL = "[email]"
PHONE = "[phone]"
LINK = "[link]"
NAME = "[name]"
TERM = "[redacted]"
INTERVIEWER = "Interviewer {}"

# Words that introduce the speaker's own name: "I'm amber", "call me lena".
_INTRODUCTION = re.compile(r"(?:\bi\s*'?\s*a?m|\bcall\s+me|\bmy\s+name\s*(?:is|'s)|\bthis\s+is"
                           r"|\bit\s*'?\s*s)\s+$", re.IGNORECASE)


def pseudonyms(participant_ids: Iterable[object]) -> dict[str, str]:
    """Give every participant a pseudonym ``P01``, ``P02``… in natural id order.

    The order is the whole study's, so a participant keeps the same pseudonym in every
    round's report.

    Examples
    --------
    >>> pseudonyms(["p10", "p2", "acme-1"])
    {'acme-1': 'P01', 'p2': 'P02', 'p10': 'P03'}
    """
    ids = sorted({str(p) for p in participant_ids if p is not None and str(p) != "nan"},
                 key=_natural_key)
    width = max(2, len(str(len(ids))))
    return {pid: f"P{i:0{width}d}" for i, pid in enumerate(ids, start=1)}


def interviewer_labels(names: Iterable[object]) -> dict[str, str]:
    """``Interviewer A``, ``B``… in the order given (study.toml's order, then the others).

    Examples
    --------
    >>> interviewer_labels(["Dana Whitfield", "Marco Bell", "Dana Whitfield"])
    {'Dana Whitfield': 'Interviewer A', 'Marco Bell': 'Interviewer B'}
    """
    unique = list(dict.fromkeys(" ".join(str(n).split()) for n in names
                                if n is not None and str(n).strip()))
    return {name: INTERVIEWER.format(_letters(i)) for i, name in enumerate(unique)}


@dataclass(frozen=True)
class _Spellings:
    """The study's own names, matched on folded text: one regex, a replacement per match."""

    pattern: re.Pattern[str] | None = None
    replacement: Mapping[str, str] = field(default_factory=dict)  # folded spelling -> text
    capitalised_only: frozenset[str] = frozenset()  # folded parts that are everyday words


@dataclass(frozen=True)
class Redactor:
    """Cleans text for a report; ``enabled=False`` gives an internal report (text as is).

    Examples
    --------
    >>> people = pd.DataFrame({"participant_id": ["p1"], "name": ["Jane Doe"]})
    >>> r = build_redactor(people, terms=["Acme"], interviewers=["Dana Whitfield"])
    >>> r.text("JANE from Acme: mail jane@acme.io or call +44 20 7946 0958")
    'P01 from [redacted]: mail [email] or call [phone]'
    >>> r.text("Dana asked and Jess was like, no.")
    'Interviewer A asked and [name] was like, no.'
    >>> r.participant("p1"), r.interviewer("Dana Whitfield")
    ('P01', 'Interviewer A')
    """

    enabled: bool = True
    aliases: Mapping[str, str] = field(default_factory=dict)  # participant id -> pseudonym
    interviewers: Mapping[str, str] = field(default_factory=dict)  # name -> Interviewer A
    detect_names: bool = True
    everyday: frozenset[str] = frozenset()  # words the study's texts use in lower case
    _study: _Spellings = field(default_factory=_Spellings)
    _values: re.Pattern[str] | None = None

    def participant(self, participant_id: object) -> str:
        """How a participant is named in the report (their pseudonym when redacting)."""
        if participant_id is None or (isinstance(participant_id, float)
                                      and participant_id != participant_id):
            return "unknown participant"
        pid = str(participant_id)
        return self.aliases.get(pid, pid) if self.enabled else pid

    def interviewer(self, name: object) -> str:
        """How an interviewer is named (``Interviewer A`` when redacting)."""
        if name is None or not str(name).strip():
            return ""
        if not self.enabled:
            return str(name)
        key = " ".join(str(name).split())
        return self.interviewers.get(key) or self.text(key)

    def text(self, value: object) -> str:
        """``value`` as text with personal details replaced (unchanged when disabled)."""
        if value is None or (isinstance(value, float) and value != value):
            return ""
        text = str(value)
        if not self.enabled or not text.strip():
            return text
        text = _replace(text, contacts.emails(text), EMAIL)
        text = _replace(text, contacts.links(text), LINK)
        text = _replace(text, contacts.phones(text), PHONE)
        text = self._study_names(text)
        if self._values is not None:
            text = self._values.sub(TERM, text)
        if self.detect_names:
            found = find_names(text, self.everyday)
            text = _replace(text, [(a, b) for a, b, _ in found], NAME)
        return text

    def _study_names(self, text: str) -> str:
        spelled = self._study
        if spelled.pattern is None:
            return text
        folded, origin = _fold_map(text)
        spans = []
        for m in spelled.pattern.finditer(folded):
            start, end = origin[m.start()], origin[m.end() - 1] + 1
            key = " ".join(m.group(0).split())  # "acme   corp" is "acme corp"
            if key in spelled.capitalised_only and not text[start].isupper() \
                    and not _INTRODUCTION.search(text[:start]):
                continue  # "a bill", "amber light"
            spans.append((start, end, spelled.replacement[key]))
        for start, end, replacement in reversed(spans):
            text = text[:start] + replacement + text[end:]
        return text


def build_redactor(participants: pd.DataFrame | None, terms: Iterable[str] = (),
                   enabled: bool = True, interviewers: Sequence[str] = (),
                   texts: Iterable[object] = (), detect_names: bool = True) -> Redactor:
    """A :class:`Redactor` for a study.

    ``participants`` needs ``participant_id``; its name-like columns (``name``, ``First
    name``…, see :func:`synthesis.privacy.participant_names`) give the names to replace and
    its other private columns the literal values. Pass every participant of the study, not
    one round's, so pseudonyms stay the same across rounds. ``interviewers`` in the order
    they are labelled A, B… ``texts``: the study's notes and transcripts, from which the
    name detector learns which words are everyday words here (a sentence starting "Dev shop"
    where "dev" is also written in lower case).

    Examples
    --------
    >>> r = build_redactor(pd.DataFrame({"participant_id": ["p2", "p1"]}), enabled=True)
    >>> r.participant("p2")
    'P02'
    """
    if participants is None or "participant_id" not in getattr(participants, "columns", []):
        participants = pd.DataFrame({"participant_id": []})
    aliases = pseudonyms(participants["participant_id"])
    labels = interviewer_labels(interviewers)
    owners: dict[str, set[str]] = {}  # folded spelling -> replacements
    whole: set[str] = set()
    for pid, names in participant_names(participants).items():
        _add_spellings(owners, whole, names, aliases.get(pid, NAME))
    for name, label in labels.items():
        _add_spellings(owners, whole, [name], label)
    for term in terms:
        if str(term).strip():
            for spelling in _variants(" ".join(str(term).split())):
                owners.setdefault(spelling, set()).add(TERM)
                whole.add(spelling)
    replacement = {s: next(iter(r)) if len(r) == 1 else NAME for s, r in owners.items()}
    everyday = frozenset(s for s in replacement if s not in whole and s in
                         ORDINARY | COMMON_CAPITALISED)
    values = [v for v in private_values(participants) if v.casefold() not in replacement]
    lower_words: frozenset[str] = frozenset()
    if detect_names and enabled:
        lower_words = vocabulary(texts)
    return Redactor(enabled=enabled, aliases=aliases, interviewers=labels,
                    detect_names=detect_names, everyday=lower_words,
                    _study=_Spellings(_alternation(replacement), replacement, everyday),
                    _values=_literal_pattern(values))


def _add_spellings(owners: dict[str, set[str]], whole: set[str], names: Iterable[str],
                   replacement: str) -> None:
    """Every spelling of ``names`` (full and parts of 2+ letters) -> ``replacement``."""
    for name in names:
        name = " ".join(str(name).split())
        for spelling in _variants(name):
            owners.setdefault(spelling, set()).add(replacement)
            whole.add(spelling)
        for part in re.split(r"[\s,]+", name):
            part = part.strip(".")
            if len(re.sub(r"\W", "", part)) >= 2:
                for spelling in _variants(part):
                    owners.setdefault(spelling, set()).add(replacement)


def _variants(text: str) -> set[str]:
    """Folded spellings: accents stripped (``jurgen``) and transliterated (``juergen``)."""
    spellings = {fold(text)}
    german = (text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
              .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
              .replace("ø", "oe").replace("Ø", "Oe").replace("å", "aa").replace("Å", "Aa"))
    spellings.add(fold(german))
    spellings |= {s.replace(" & ", " and ") for s in spellings if " & " in s}
    return {" ".join(s.split()) for s in spellings if s.strip()}


def _fold_map(text: str) -> tuple[str, list[int]]:
    """``text`` folded like :func:`synthesis.privacy.fold`, and each folded character's
    position in ``text`` (folding can change lengths: ``ß`` → ``ss``)."""
    if text.isascii():
        return text.casefold(), list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = fold(ch)
        out.append(folded)
        origin += [i] * len(folded)
    return "".join(out), origin


def _alternation(literals: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for many folded literals, word-bounded, longest first.

    The boundaries sit outside the group, so each position of a text costs one look-behind
    and one pass over the group, not one per name.
    """
    words = sorted(literals, key=len, reverse=True)
    if not words:
        return None
    bodies = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(r"(?<!\w)(?:" + bodies + r")(?!\w)")


def _literal_pattern(values: Iterable[str]) -> re.Pattern[str] | None:
    cleaned = sorted({" ".join(str(v).split()) for v in values if str(v).strip()},
                     key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile("|".join(_bounded(t) for t in cleaned), re.IGNORECASE)


def _bounded(literal: str) -> str:
    """``literal`` as a regex that does not match inside a longer word."""
    body = re.escape(literal).replace(r"\ ", r"\s+")
    start = r"(?<!\w)" if re.match(r"\w", literal) else ""
    end = r"(?!\w)" if re.search(r"\w$", literal) else ""
    return start + body + end


def _replace(text: str, spans: list[tuple[int, int]], token: str) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + token + text[end:]
    return text


def _letters(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        out = chr(65 + rest) + out
    return out


def _natural_key(text: str) -> tuple[object, ...]:
    return tuple(int(part) if part.isdigit() else part.casefold()
                 for part in re.split(r"(\d+)", text))
