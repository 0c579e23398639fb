"""A multi-user REFI-QDA project's codings, written as one sort per user (issue 14).

:mod:`synthesis.interop.refi_import` keeps each coding's user on its note
(``Note.coded_by``) when the codings carry two or more users. Here, in the import's own
transaction, each user's codings become a sort of the note's round named after the user
(made if missing; its themes matched by name, as :mod:`synthesis.ingest.sort_import` does
for a placements file), and one summary line per sort says which user became which sort.
A sort's themes are matched by name, so two codes that share a name (``Fees`` under
``Cost`` and under ``Trust``: two GUIDs) would become one theme; :func:`sort_theme_names`
keeps them apart by their path in the codebook (``Cost › Fees``), numbering what the path
does not tell apart (``Speed (1)``), and the summary says so.
:func:`coder_sort_lines` decides those lines for the import and for its dry run alike
(``synthesis import --dry-run``, ``study.preview_import``), which counts them against the
study without writing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from synthesis.errors import StudyError
from synthesis.ingest.sort_import import _Sort, _write_sorts
from synthesis.ingest.tags import tag_key
from synthesis.sorts import check_sort_name

if TYPE_CHECKING:
    from synthesis.ingest.plan import Plan
    from synthesis.model import Theme
    from synthesis.study import Study


PATH_JOIN = " › "  # between a code's parents' names and its own, in a sort's theme name


def sort_theme_names(themes: list[Theme]) -> dict[str, str]:
    """Each code's theme name in a user's sort: its own name, unless another code shares it.

    Codes whose names are the same (case and spacing folded, as themes are matched) are
    named by their path from the codebook's top (``Cost › Fees``); codes that even their
    paths do not tell apart are numbered in codebook order (``Speed (1)``, ``Speed (2)``).

    Examples
    --------
    >>> from synthesis.model import Theme
    >>> names = sort_theme_names([
    ...     Theme("t-1", "Cost"), Theme("t-2", "Fees", parent_id="t-1"), Theme("t-3", "Trust"),
    ...     Theme("t-4", "fees", parent_id="t-3"), Theme("t-5", "Speed"), Theme("t-6", "Speed")])
    >>> list(names.values())
    ['Cost', 'Cost › Fees', 'Trust', 'Trust › fees', 'Speed (1)', 'Speed (2)']
    """
    by_id = {t.theme_id: t for t in themes}

    def path(theme: Theme) -> str:
        names, seen = [theme.name], {theme.theme_id}
        parent = by_id.get(theme.parent_id or "")
        while parent is not None and parent.theme_id not in seen:  # a cycle ends the walk
            names.insert(0, parent.name)
            seen.add(parent.theme_id)
            parent = by_id.get(parent.parent_id or "")
        return PATH_JOIN.join(names)

    names = {t.theme_id: t.name for t in themes}
    for rename in (path, None):  # first by path, then by number
        groups: dict[str, list[str]] = {}
        for tid, name in names.items():
            groups.setdefault(tag_key(name), []).append(tid)
        for group in groups.values():
            if len(group) < 2:
                continue
            for k, tid in enumerate(group, 1):
                names[tid] = (rename(by_id[tid]) if rename is not None
                              else f"{names[tid]} ({k})")
    return names


def _renamed(themes: list[Theme], names: dict[str, str], used: set[str]) -> str | None:
    """The summary's sentence on codes kept apart (None: no code a user used was renamed)."""
    groups: dict[str, list[str]] = {}
    for t in themes:
        groups.setdefault(tag_key(t.name), []).append(t.theme_id)
    said = []
    for group in groups.values():
        if len(group) < 2 or not used.intersection(group):
            continue
        them = [repr(names[tid]) for tid in group]
        first = next(t.name for t in themes if t.theme_id == group[0])
        said.append(f"{first!r} is {', '.join(them[:-1])} and {them[-1]}")
    if not said:
        return None
    return "codes that share a name are kept apart in the users' sorts: " + "; ".join(said)


def coder_sorts(plan: Plan) -> dict[str, dict[str, _Sort]]:
    """Per round, the sorts the notes' per-user codings go to (empty: none carry users).

    Raises one sentence when a coded note has no round (a sort is of one round).

    Examples
    --------
    >>> from synthesis.ingest.plan import Plan
    >>> from synthesis.model import ImportBundle, Note, Theme
    >>> bundle = ImportBundle("p.qdpx", "qdpx", themes=[Theme("t-1", "Fees")], notes=[
    ...     Note("n-1", "too dear", "P01", "r1", coded_by=(("Ana", "t-1"), ("Ben", "t-1")))])
    >>> sorts = coder_sorts(Plan(bundle, None))
    >>> {r: {s.name: s.pairs for s in by.values()} for r, by in sorts.items()}
    {'r1': {'Ana': {('n-1', 'fees'): 'Fees'}, 'Ben': {('n-1', 'fees'): 'Fees'}}}
    """
    names = sort_theme_names(plan.bundle.themes)
    out: dict[str, dict[str, _Sort]] = {}
    for note in plan.bundle.notes:
        if not note.coded_by:
            continue
        round_id = note.round_id or plan.round_id
        if round_id is None:
            raise StudyError(f"{plan.bundle.source}: its codings carry several users, and "
                             "each user's codings become a sort of one round, but the file "
                             "says nothing about rounds; import it with --round.")
        for user, theme_id in note.coded_by:
            name = check_sort_name(user)
            target = out.setdefault(round_id, {}).setdefault(tag_key(name), _Sort(name))
            theme = names.get(theme_id, theme_id)
            target.pairs.setdefault((note.note_id, tag_key(theme)), theme)
    return out


def coder_sort_lines(study: Study, plan: Plan, *, write: bool) -> list[str]:
    """One summary line per user's sort; with ``write``, the sorts are written too.

    The import calls it inside its transaction, after the notes are written
    (``write=True``); the dry run calls it with ``write=False`` and gets the same lines,
    counted against the sorts already in the study, with nothing written.

    Examples
    --------
    >>> from synthesis.ingest.plan import Plan
    >>> from synthesis.model import ImportBundle, Note, Theme
    >>> bundle = ImportBundle("p.qdpx", "qdpx", themes=[Theme("t-1", "Fees")], notes=[
    ...     Note("n-1", "too dear", "P01", "r1", coded_by=(("Ana", "t-1"),))])
    >>> coder_sort_lines(study, Plan(bundle, None), write=False)
    ["codings by user 'Ana' → sort 'Ana' of round r1 (new): 1 theme (1 new), 1 placement (1 new)"]
    """
    lines = []
    for round_id, sorts in coder_sorts(plan).items():
        counted = _write_sorts(study, round_id, sorts, write=write)
        for target, (line, _) in zip(sorts.values(), counted):
            label = f"sort {target.name!r}"
            lines.append(line.replace(label, f"codings by user {target.name!r} → {label} "
                                      f"of round {round_id}", 1))
    if lines:
        used = {t for note in plan.bundle.notes for _, t in note.coded_by}
        themes = plan.bundle.themes
        renamed = _renamed(themes, sort_theme_names(themes), used)
        lines += [renamed] if renamed else []
    return lines
