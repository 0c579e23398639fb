"""Deciding what a parsed file will change in the study, before anything is written.

A plan reads the study (who is already in it, which notes, themes and sessions exist) and
settles everything the write will do: participants new, existing or merged (the same person
spelled another way, by :mod:`synthesis.identity`), sessions renamed when only their names
clash, notes already in the study, themes new or existing, placements. Every refusal
happens here, so a dry run and a real import refuse the same files with the same sentence,
and a real import never fails half-way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from synthesis.errors import InputError, StudyError
from synthesis.model import ImportBundle, Note, Participant, Session, Theme

if TYPE_CHECKING:
    from synthesis.study import Study


@dataclass
class Plan:
    """What writing a bundle will do. ``bundle`` has its ids already rewritten.

    ``people`` maps each participant the file names to ``(status, spelled_as)`` with status
    ``new``, ``existing`` or ``merged`` (an existing participant the file spells another
    way, e.g. ``P2`` for ``P02``).
    """

    bundle: ImportBundle
    round_id: str | None
    participants: list[Participant] = field(default_factory=list)  # rows to write
    people: dict[str, tuple[str, str]] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)  # new notes
    existing_notes: list[Note] = field(default_factory=list)  # already in the study
    themes: list[Theme] = field(default_factory=list)  # new (or revived) themes
    existing_themes: list[Theme] = field(default_factory=list)
    placements: list[tuple[str, str]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def declared_rounds(study: Study) -> set[str]:
    """The rounds study.toml declares plus any the store already has.

    Examples
    --------
    >>> sorted(declared_rounds(open_study("data/invoicing-onboarding")))
    ['r1', 'r2', 'r3']
    """
    return {r["id"] for r in study.config["rounds"]} | set(study.rounds()["round_id"])


def refuse_undeclared(study: Study, where: str, round_id: str) -> None:
    """Refuse a round study.toml does not declare, naming the rounds it does.

    Examples
    --------
    >>> refuse_undeclared(study, "notes.csv", "r9")
    Traceback (most recent call last):
    synthesis.errors.StudyError: notes.csv: round 'r9' is not in study.toml (rounds: r1, r2,
    r3); add it under [[rounds]] first.
    """
    declared = ", ".join(sorted(declared_rounds(study))) or "none"
    raise StudyError(f"{where}: round {round_id!r} is not in study.toml (rounds: {declared}); "
                     "add it under [[rounds]] first.")


def plan_bundle(study: Study, bundle: ImportBundle, *, round_id: str | None = None,
                create_participants: bool = False) -> Plan:
    """Check ``bundle`` against the study and settle what writing it will change.

    Raises
    ------
    InputError
        For a note or session of a participant the study does not know (unless
        ``create_participants``), or a session imported twice.
    StudyError
        For a round study.toml does not declare.

    Examples
    --------
    >>> from synthesis.ingest.notes import parse_notes
    >>> _ = Path("n.csv").write_text("participant,note\\nP2,Where is the VAT field?\\n")
    >>> plan = plan_bundle(study, parse_notes(Path("n.csv"), round_id="r1"))
    >>> len(plan.notes), plan.people["P02"]  # the file's "P2" is the study's P02
    (1, ('existing', 'P02'))
    """
    plan = Plan(bundle, round_id)
    _people(study, plan, create_participants)
    _sessions(study, plan)
    for rid in {s.round_id for s in plan.bundle.sessions} | {n.round_id
                                                             for n in plan.bundle.notes}:
        if rid is not None and rid not in declared_rounds(study):
            refuse_undeclared(study, plan.bundle.source, rid)
    _themes(study, plan)
    existing = study.store.note_ids()
    seen: set[str] = set()
    for note in plan.bundle.notes:
        if note.note_id in existing or note.note_id in seen:
            plan.existing_notes.append(note)
            continue
        seen.add(note.note_id)
        plan.notes.append(note)
        plan.placements.extend((note.note_id, tid) for tid in note.theme_ids)
    return plan


def _people(study: Study, plan: Plan, create: bool) -> None:
    """Resolve every participant id the bundle names to one person in the study."""
    identity = study.identity
    bundle = plan.bundle
    known = study.store.participant_ids()
    by_key = {identity.key(pid): pid for pid in sorted(known)}
    rename: dict[str, str] = {}

    def resolve(pid: str) -> str:
        if pid in rename:
            return rename[pid]
        if pid in known:
            plan.people.setdefault(pid, ("existing", pid))
            rename[pid] = pid
            return pid
        same = by_key.get(identity.key(pid))
        if same is not None:
            plan.people.setdefault(same, ("merged", pid))
            rename[pid] = same
            return same
        rename[pid] = pid
        return pid

    listed: dict[str, Participant] = {}
    for p in bundle.participants:  # a participants file: new people, or refreshed ones
        pid = resolve(p.participant_id)
        if pid not in known and pid not in plan.people:
            plan.people[pid] = ("new", p.participant_id)
        listed[pid] = replace(p, participant_id=pid)
    plan.participants = list(listed.values())
    unknown: dict[str, str] = {}
    first_round: dict[str, str | None] = {}
    checked: set[str | None] = {None}

    def check(raw: str | None, where: str, rid: str | None) -> None:
        if raw in checked:  # a 100,000-note file names the same few people over and over
            return
        checked.add(raw)
        pid = resolve(raw)  # type: ignore[arg-type]
        if pid not in known and pid not in listed:
            unknown.setdefault(pid, where)
            first_round.setdefault(pid, rid)

    for s in bundle.sessions:
        check(s.participant_id, f"session {s.session_id!r}", s.round_id)
    for n in bundle.notes:
        if n.participant_id not in checked:
            check(n.participant_id, n.source_ref, n.round_id)
    if unknown and not create:
        (pid, where), *others = unknown.items()
        more = f" (also unknown: {first_few(list(dict(others)))})" if others else ""
        raise InputError(bundle.source, f"{where} belongs to participant {pid!r}, who is not "
                         f"in the study's participants{more}; add them to the participants "
                         "file or import with --create-participants")
    for pid in unknown:
        plan.people[pid] = ("new", pid)
        plan.participants.append(Participant(pid, round_id=first_round[pid] or plan.round_id,
                                             attributes={"created_from": bundle.source}))
    if unknown:
        plan.messages.append(f"created {len(unknown)} participant(s) not in the participants "
                             f"file: {first_few(list(unknown))}")
    changed = {old: new for old, new in rename.items() if old != new}
    if changed:
        plan.bundle = replace(
            bundle,
            sessions=[replace(s, participant_id=changed[s.participant_id])
                      if s.participant_id in changed else s for s in bundle.sessions],
            notes=[replace(n, participant_id=changed[n.participant_id])
                   if n.participant_id in changed else n for n in bundle.notes])
        merged = sorted(f"{old} → {new}" for old, new in changed.items())
        plan.messages.append(f"{len(merged)} id spelling(s) are participants already in the "
                             f"study: {first_few(merged)}")


def _sessions(study: Study, plan: Plan) -> None:
    """Refuse a session imported twice; rename one that only shares a name with another.

    ``P03.vtt`` and ``P03.srt`` are different files whose stems give the same session id;
    the second becomes ``p03-srt`` (and says so) rather than being refused.
    """
    store, bundle = study.store, plan.bundle
    renames: dict[str | None, str] = {}
    sessions: list[Session] = []
    for s in bundle.sessions:
        source = store.session_source(s.session_id)
        if source is not False and source == s.source:
            raise InputError(bundle.source, f"session {s.session_id!r} is already in the "
                             f"study (imported from {source}).")
        if source is not False:
            new_id = f"{s.session_id}-{Path(s.source).suffix.lstrip('.').lower() or 'more'}"
            if store.session_source(new_id) is not False:
                raise InputError(bundle.source, f"sessions {s.session_id!r} and {new_id!r} "
                                 "are already in the study; rename the file.")
            plan.messages.append(f"a session {s.session_id!r} already exists (from "
                                 f"{source}); this one is {new_id!r}.")
            renames[s.session_id] = new_id
            s = replace(s, session_id=new_id)
        sessions.append(s)
    if renames:
        plan.bundle = replace(bundle, sessions=sessions, notes=[
            replace(n, session_id=renames.get(n.session_id, n.session_id))
            for n in bundle.notes])


def _themes(study: Study, plan: Plan) -> None:
    live = set(study.store.live_theme_ids())
    for theme in plan.bundle.themes:
        (plan.existing_themes if theme.theme_id in live else plan.themes).append(theme)


def first_few(items: list[str], shown: int = 5) -> str:
    """A long list as its first few items and a count: 1,000 ids are one short line.

    Examples
    --------
    >>> first_few([f"P{i}" for i in range(1, 1001)])
    'P1, P2, P3, P4, P5 and 995 more'
    """
    head = ", ".join(items[:shown])
    return head if len(items) <= shown else f"{head} and {len(items) - shown:,} more"
