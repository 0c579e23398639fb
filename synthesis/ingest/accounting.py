"""Accounting for every input row, tag and turn of an import, and the summary a person reads.

For each unit a parser reads (``row``, ``tag``, ``turn``, ``bullet``, ``paragraph``)::

    read = imported + merged + skipped

``merged`` pieces joined a record made from another piece (a row repeating a highlight with
another tag; a note already in the study); ``skipped`` ones made nothing, each with its
reason. The summary says it in a few lines however long the file: lists are cut to their
first few items and a count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from synthesis.excerpt import excerpt
from synthesis.ingest.plan import Plan, first_few
from synthesis.model import Unimported

_PLURAL = {"row": "rows", "tag": "tags", "turn": "turns", "bullet": "bullets",
           "paragraph": "paragraphs", "file": "files"}


@dataclass
class Accounting:
    """Per unit: read, imported, merged, skipped; and every piece not imported, with why."""

    units: dict[str, dict[str, int]] = field(default_factory=dict)
    unimported: list[Unimported] = field(default_factory=list)

    def balanced(self) -> bool:
        """Whether every unit adds up: read = imported + merged + skipped.

        Examples
        --------
        >>> Accounting({"row": {"read": 3, "imported": 2, "merged": 1, "skipped": 0}}).balanced()
        True
        """
        return all(u["read"] == u["imported"] + u["merged"] + u["skipped"]
                   for u in self.units.values())


def account(plan: Plan) -> Accounting:
    """The accounting of one planned (or written) import.

    Examples
    --------
    >>> from synthesis.ingest.notes import parse_notes
    >>> from synthesis.ingest.plan import plan_bundle
    >>> bundle = parse_notes(Path("data/invoicing-onboarding/rounds/r3/notes-extra.csv"),
    ...                      round_id="r3")
    >>> account(plan_bundle(study, bundle)).units["row"]  # already in the sample study
    {'read': 8, 'imported': 0, 'merged': 8, 'skipped': 0}
    """
    bundle = plan.bundle
    pieces = list(bundle.unimported)
    for note in plan.existing_notes:
        if bundle.note_unit is not None:
            pieces.append(Unimported(bundle.note_unit, note.source_ref,
                                     "the note is already in the study", "merged",
                                     excerpt(note.text)))
        pieces.extend(Unimported("tag", note.source_ref, "its note is already in the study",
                                 "merged") for _ in note.theme_ids)
    units: dict[str, dict[str, int]] = {}
    outcomes = Counter((p.unit, p.outcome) for p in pieces)
    for unit, read in bundle.inputs.items():
        merged, skipped = outcomes[(unit, "merged")], outcomes[(unit, "skipped")]
        units[unit] = {"read": read, "imported": read - merged - skipped, "merged": merged,
                       "skipped": skipped}
    return Accounting(units, pieces)


def summary_lines(plan: Plan, accounting: Accounting) -> list[str]:
    """What the import did (or would do), in a few lines: counts, people, then what was not
    imported, grouped by reason.

    Examples
    --------
    >>> from synthesis.ingest.notes import parse_notes
    >>> from synthesis.ingest.plan import plan_bundle
    >>> plan = plan_bundle(study, parse_notes(
    ...     Path("data/invoicing-onboarding/rounds/r3/notes-extra.csv"), round_id="r3"))
    >>> summary_lines(plan, account(plan))[:2]
    ['8 rows read: 0 imported, 8 merged, 0 skipped', '5 tags read: 0 imported, 5 merged, 0 skipped']
    """
    lines = []
    for unit, n in accounting.units.items():
        noun = unit if n["read"] == 1 else _PLURAL.get(unit, unit + "s")
        lines.append(f"{n['read']:,} {noun} read: {n['imported']:,} "
                     f"imported, {n['merged']:,} merged, {n['skipped']:,} skipped")
    people = defaultdict(list)
    for pid, (status, spelled) in plan.people.items():
        people[status].append(pid if status != "merged" else f"{spelled} → {pid}")
    if people:
        parts = [f"{len(people[s]):,} {s}" + (f" ({first_few(people[s])})" if s != "existing"
                                              else "")
                 for s in ("new", "existing", "merged") if people[s]]
        lines.append("participants: " + ", ".join(parts))
    if plan.themes or plan.existing_themes:
        lines.append(f"themes: {len(plan.themes):,} new, {len(plan.existing_themes):,} "
                     "already in the study")
    groups: dict[tuple[str, str, str], list[Unimported]] = defaultdict(list)
    for piece in accounting.unimported:
        groups[(piece.outcome, piece.unit, piece.reason)].append(piece)
    for (outcome, unit, reason), items in groups.items():
        places = first_few(list(dict.fromkeys(p.where for p in items)))
        noun = unit if len(items) == 1 else _PLURAL.get(unit, unit + "s")
        lines.append(f"{outcome} {len(items):,} {noun}: {reason} ({places})")
    return lines

