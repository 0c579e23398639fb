"""Rounds: which rounds a study has, and the one sentence for a round it does not have.

Every command that takes a round (``synthesis run``, ``synthesis lab``, the board, the craft
audit, exports, the report context) checks it here, so a typo reads the same everywhere and
is refused before anything starts.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import StudyError

__all__ = ["check_round", "check_rounds", "unknown_round_message"]


def unknown_round_message(study: str, unknown: Iterable[str], declared: Iterable[str]) -> str:
    """The one sentence for rounds a study does not have.

    Examples
    --------
    >>> unknown_round_message("Pricing", ["r9"], ["r1", "r2"])
    "the study 'Pricing' has no round 'r9' (its rounds: r1, r2)"
    """
    names = ", ".join(repr(str(r)) for r in unknown)
    return f"the study {study!r} has no round {names} (its rounds: {', '.join(declared) or 'none'})"


def check_rounds(declared: Iterable[str], rounds: str | Iterable[str], study: str,
                 then: str = "") -> list[str]:
    """The rounds asked for, in the order asked (``"all"``: every declared round).

    An unknown round raises :class:`~synthesis.errors.StudyError` with one sentence; ``then``
    says what that means for the caller ("nothing was run").

    Examples
    --------
    >>> check_rounds(["r1", "r2"], "all", "Pricing")
    ['r1', 'r2']
    >>> check_rounds(["r1", "r2"], ["r2", "r9"], "Pricing", then="nothing was run")
    Traceback (most recent call last):
    ...
    synthesis.errors.StudyError: the study 'Pricing' has no round 'r9' (its rounds: r1, r2); nothing was run.
    """
    declared = [str(r) for r in declared]
    wanted = list(declared) if rounds == "all" else list(dict.fromkeys(
        str(r) for r in rounds))  # type: ignore[union-attr]
    unknown = [r for r in wanted if r not in declared]
    if unknown:
        message = unknown_round_message(study, unknown, declared)
        raise StudyError(f"{message}; {then}." if then else f"{message}.")
    return wanted


def check_round(declared: Iterable[str], round: str | None, study: str,
                then: str = "") -> str | None:
    """One round asked for (``None``: every round), refused in the same sentence if unknown.

    Examples
    --------
    >>> check_round(["r1", "r2"], "r2", "Pricing")
    'r2'
    >>> check_round(["r1"], None, "Pricing") is None
    True
    """
    if round is None:
        return None
    return check_rounds(declared, [round], study, then)[0]
