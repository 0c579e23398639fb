"""A dry run's answer: what an import would create, as frames, with nothing written.

``study.preview_import(path)`` and ``synthesis import --dry-run`` parse and plan exactly as
an import does (the same refusals, the same ids), then stop before the first write and show
the plan: participants new / existing / merged, sessions, speakers with their roles and turn
counts, notes, themes, placements, and every row, tag or turn that would not be imported,
with the reason. Its summary holds the import's own lines, the sorts a multi-user REFI-QDA
project's codings would go to included (:func:`~synthesis.ingest.coder_sorts.coder_sort_lines`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from synthesis.ingest.accounting import Accounting
from synthesis.ingest.plan import Plan


@dataclass
class ImportPreview:
    """What importing one file would do. Every attribute is a DataFrame except the text.

    Examples
    --------
    >>> _ = Path("notes.csv").write_text("participant,note\\nP01,Where is the VAT field?\\n"
    ...                                  "P99,I never found the export button\\n")
    >>> preview = study.preview_import("notes.csv", round="r1", create_participants=True)
    >>> preview.participants.status.value_counts().to_dict()
    {'existing': 1, 'new': 1}
    >>> print(preview)
    would import notes.csv (notes into r1): 2 notes, 0 placements, 0 sessions; nothing was written
    ...
    """

    file: str
    kind: str
    round: str | None
    participants: pd.DataFrame
    sessions: pd.DataFrame
    speakers: pd.DataFrame
    notes: pd.DataFrame
    themes: pd.DataFrame
    placements: pd.DataFrame
    not_imported: pd.DataFrame
    accounting: pd.DataFrame
    summary: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        where = f" into {self.round}" if self.round else ""
        head = (f"would import {self.file} ({self.kind}{where}): {len(self.notes):,} notes, "
                f"{len(self.placements):,} placements, {len(self.sessions):,} sessions; "
                "nothing was written")
        return "\n".join([head, *(f"  {line}" for line in self.summary),
                          *(f"  note: {m}" for m in self.messages)])


def build_preview(plan: Plan, accounting: Accounting, summary: list[str], *, file: str,
                  kind: str, round_id: str | None) -> ImportPreview:
    """The frames of a dry run from a settled plan (see :class:`ImportPreview`).

    Examples
    --------
    >>> accounting = account(plan)  # doctest: +SKIP
    >>> build_preview(plan, accounting, summary_lines(plan, accounting), file="n.csv",
    ...               kind="notes", round_id="r1").accounting  # doctest: +SKIP
    """
    bundle = plan.bundle
    names = {t.theme_id: t.name for t in [*plan.themes, *plan.existing_themes]}
    people = pd.DataFrame(
        [{"participant_id": pid, "status": status, "spelled_as": spelled}
         for pid, (status, spelled) in plan.people.items()],
        columns=["participant_id", "status", "spelled_as"])
    sessions = pd.DataFrame(
        [{"session_id": s.session_id, "participant_id": s.participant_id, "source": s.source,
          "utterances": len(s.utterances), "interviewers": ", ".join(s.interviewers),
          "role_warnings": " ".join(s.role_warnings)} for s in bundle.sessions],
        columns=["session_id", "participant_id", "source", "utterances", "interviewers",
                 "role_warnings"])
    speakers = []
    for s in bundle.sessions:
        turns: Counter[tuple[str | None, str]] = Counter()
        words: Counter[tuple[str | None, str]] = Counter()
        for u in s.utterances:
            turns[(u.speaker, u.role)] += 1
            words[(u.speaker, u.role)] += len(u.text.split())
        speakers += [{"session_id": s.session_id, "speaker": speaker, "role": role,
                      "turns": n, "words": words[(speaker, role)]}
                     for (speaker, role), n in turns.items()]
    existing = {n.note_id for n in plan.existing_notes}
    notes = pd.DataFrame(
        [{"note_id": n.note_id, "participant_id": n.participant_id, "round_id": n.round_id,
          "text": n.text, "themes": "; ".join(names.get(t, t) for t in n.theme_ids),
          "source_ref": n.source_ref,
          "status": "already in the study" if n.note_id in existing else "new"}
         for n in bundle.notes],
        columns=["note_id", "participant_id", "round_id", "text", "themes", "source_ref",
                 "status"])
    per_theme = Counter(t for _, t in plan.placements)
    themes = pd.DataFrame(
        [{"theme_id": t.theme_id, "name": t.name, "status": status,
          "notes": per_theme[t.theme_id]}
         for status, group in (("new", plan.themes), ("existing", plan.existing_themes))
         for t in group],
        columns=["theme_id", "name", "status", "notes"])
    placements = pd.DataFrame(
        [{"note_id": n, "theme_id": t, "theme": names.get(t, t)} for n, t in plan.placements],
        columns=["note_id", "theme_id", "theme"])
    not_imported = pd.DataFrame(
        [{"unit": p.unit, "where": p.where, "what": p.what, "reason": p.reason,
          "outcome": p.outcome} for p in accounting.unimported],
        columns=["unit", "where", "what", "reason", "outcome"])
    table = pd.DataFrame([{"unit": unit, **n} for unit, n in accounting.units.items()],
                         columns=["unit", "read", "imported", "merged", "skipped"])
    return ImportPreview(file, kind, round_id, people, sessions,
                         pd.DataFrame(speakers, columns=["session_id", "speaker", "role",
                                                         "turns", "words"]),
                         notes, themes, placements, not_imported, table, summary,
                         list(dict.fromkeys([*bundle.messages, *plan.messages])))
