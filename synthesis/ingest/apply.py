"""Importing a file into a study: parse, plan, then one transaction, then keep the raw file.

The order is what makes an import all-or-nothing. The parser reads the file without touching
the study; the plan (:mod:`~synthesis.ingest.plan`) runs every check that could refuse it
before the first write; the plan is written in one transaction together with a row in
``imports`` (the file's SHA-256, so the same file imported twice adds nothing); the raw file
is kept in the study folder as given, crash-safely (:mod:`~synthesis.ingest.rawcopy`). A dry
run stops after the plan and shows it (:mod:`~synthesis.ingest.preview`).
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from synthesis.errors import InputError, StudyError
from synthesis.ingest import rawcopy
from synthesis.ingest.accounting import account, summary_lines
from synthesis.ingest.coder_sorts import coder_sort_lines
from synthesis.ingest.detect import detect_kind
from synthesis.ingest.guide import parse_guide
from synthesis.ingest.notedocs import parse_notes_document
from synthesis.ingest.notes import parse_notes
from synthesis.ingest.options import KINDS, ImportOptions
from synthesis.ingest.participants import parse_participants
from synthesis.ingest.plan import Plan, declared_rounds, plan_bundle, refuse_undeclared
from synthesis.ingest.preview import build_preview
from synthesis.ingest.sort_import import import_placements
from synthesis.ingest.transcripts import parse_transcript
from synthesis.ingest.write import write_plan
from synthesis.interop.refi_import import parse_qdc, parse_qdpx
from synthesis.interop.tables import parse_codebook_csv
from synthesis.model import ImportBundle

if TYPE_CHECKING:
    from synthesis.ingest.preview import ImportPreview
    from synthesis.study import Study

__all__ = ["KINDS", "apply_bundle", "import_file", "preview_import", "readable"]


@contextmanager
def _bulk() -> Iterator[None]:
    """Hold Python's cycle collector off while an import builds its records.

    A 100,000-row file makes several hundred thousand small objects that all stay alive
    until the import ends; the collector would walk all of them again and again (it took
    more than half of the parsing time). None of them form cycles, so nothing is lost by
    collecting once, afterwards.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def import_file(study: Study, path: Path, options: ImportOptions) -> dict[str, Any]:
    """Import one file into ``study``; returns a summary (counts, accounting, messages).

    Examples
    --------
    >>> import_file(study, Path("notes.csv"), import_options(study.config))  # doctest: +SKIP
    {'counts': {'notes': 12, ...}, 'summary': ['12 rows read: 12 imported, ...'], ...}
    """
    with _bulk():
        return _import_file(study, Path(path), options)


def _import_file(study: Study, path: Path, options: ImportOptions) -> dict[str, Any]:
    kind, round_id = _kind_and_round(study, path, options)
    if kind == "placements":  # codings of notes already in the study, into sorts
        return import_placements(study, path, sort=options.sort, round=round_id,
                                 columns=options.columns)
    if options.sort is not None:
        raise StudyError("--sort names the sort a placements file goes to; add --kind "
                         "placements.")
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    seen = study.store.imported(sha)
    if seen is not None:
        return {"file": path.name, "kind": kind, "round": round_id, "status": "unchanged",
                "messages": [f"{path.name}: already imported (as {seen['source']}); "
                             "nothing to do."]}
    plan = plan_bundle(study, _parse(study, path, kind, round_id, options), round_id=round_id,
                       create_participants=options.create_participants)
    kept, copy = _raw_destination(study, path, kind, round_id)
    staged = rawcopy.stage(study.folder, path, sha) if copy else None
    try:
        with study.store.transaction():
            counts, accounting, lines = _write(study, plan)
            study.store.record_import(sha, plan.bundle.source, plan.bundle.kind, round_id,
                                      {**counts, "accounting": accounting.units,
                                       "raw": kept.relative_to(study.folder).as_posix()})
            rawcopy.crash_point("written")
    except BaseException:
        rawcopy.discard(study.folder, staged)
        raise
    rawcopy.crash_point("committed")
    if staged is not None:
        rawcopy.finish(study.folder, staged, kept)
    return {"file": path.name, "kind": kind, "round": round_id, "status": "imported",
            "counts": counts, "accounting": accounting.units, "summary": lines,
            "messages": _messages(plan)}


def preview_import(study: Study, path: Path, options: ImportOptions) -> ImportPreview | str:
    """What importing ``path`` would do, as frames; nothing is written (see preview.py).

    Examples
    --------
    >>> options = import_options(study.config)  # doctest: +SKIP
    >>> print(preview_import(study, Path("notes.csv"), options))  # doctest: +SKIP
    would import notes.csv (notes into r1): 12 notes, ...; nothing was written
    """
    with _bulk():
        return _preview_import(study, Path(path), options)


def _preview_import(study: Study, path: Path, options: ImportOptions) -> ImportPreview | str:
    kind, round_id = _kind_and_round(study, path, options)
    if kind == "placements":
        planned = import_placements(study, path, sort=options.sort, round=round_id,
                                    columns=options.columns, dry_run=True)
        return "\n".join([f"would import {path.name} (placements into {planned['round']}):",
                          *(f"  {line}" for line in planned.get("summary", [])),
                          *(f"  {m}" for m in planned["messages"]), "nothing was written"])
    seen = study.store.imported(hashlib.sha256(path.read_bytes()).hexdigest())
    if seen is not None:  # as the import would: nothing to do
        plan = Plan(ImportBundle(path.name, kind), round_id)
        return build_preview(plan, account(plan), [f"already imported (as {seen['source']}); "
                                                   "nothing to do"],
                             file=path.name, kind=kind, round_id=round_id)
    plan = plan_bundle(study, _parse(study, path, kind, round_id, options), round_id=round_id,
                       create_participants=options.create_participants)
    accounting = account(plan)
    # the sorts a multi-user REFI project's codings would go to, as the import says them
    lines = summary_lines(plan, accounting) + coder_sort_lines(study, plan, write=False)
    return build_preview(plan, accounting, lines, file=path.name, kind=kind,
                         round_id=round_id)


def apply_bundle(study: Study, bundle: ImportBundle, *, round_id: str | None = None,
                 sha256: str | None = None, create_participants: bool = False,
                 ) -> dict[str, Any]:
    """Write an already parsed ``bundle`` in one transaction, after checking all of it.

    Examples
    --------
    >>> from synthesis.model import ImportBundle, Participant
    >>> apply_bundle(study, ImportBundle("people.csv", "participants", participants=[
    ...     Participant("P99")]))["counts"]["participants"]
    1
    """
    plan = plan_bundle(study, bundle, round_id=round_id,
                       create_participants=create_participants)
    with study.store.transaction():
        counts, accounting, _ = _write(study, plan)
        if sha256 is not None:
            study.store.record_import(sha256, bundle.source, bundle.kind, round_id,
                                      {**counts, "accounting": accounting.units})
    return {"counts": counts, "accounting": accounting.units, "messages": _messages(plan)}


def readable(path: Path | str) -> str:
    """A path fit to print, even when it is not valid UTF-8 (its bytes shown as ``\\xNN``).

    Examples
    --------
    >>> readable(Path(b"caf\\xe9.csv".decode("utf-8", "surrogateescape")))
    'caf\\\\xe9.csv'
    """
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def _write(study: Study, plan: Plan) -> tuple[dict[str, int], Any, list[str]]:
    counts = write_plan(study, plan)
    accounting = account(plan)
    lines = summary_lines(plan, accounting) + coder_sort_lines(study, plan, write=True)
    text = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
    study.store.log("import", study.author, f"import {plan.bundle.source}: {text or 'nothing'}",
                    source=plan.bundle.source, input_kind=plan.bundle.kind, counts=counts,
                    accounting=accounting.units)
    return counts, accounting, lines


def _messages(plan: Plan) -> list[str]:
    return list(dict.fromkeys([*plan.bundle.messages, *plan.messages]))


def _kind_and_round(study: Study, path: Path, options: ImportOptions) -> tuple[str, str | None]:
    """Check the path, then decide the file's kind and round (refusing an undeclared one)."""
    name = readable(path.name)
    if name != path.name:
        raise InputError(name, "the file name is not valid UTF-8 (the bytes shown as \\x.. "
                               "are not letters in any encoding it could be read in); "
                               "rename the file")
    if path.is_dir():
        raise InputError(path.name, "is a folder, not a file; name the files inside it, or "
                                    "give only the study folder to import everything under "
                                    "rounds/")
    if not path.is_file():
        raise StudyError(f"{path}: no such file.")
    kind = options.kind
    if kind is None:
        kind = detect_kind(path, columns=options.columns, identity=options.identity)
    round_id = options.round_id or _round_from_path(study, path)
    if round_id is not None and round_id not in declared_rounds(study):
        refuse_undeclared(study, str(path), round_id)
    return kind, round_id


def _round_from_path(study: Study, path: Path) -> str | None:
    """A file under ``rounds/<round>/`` belongs to that round."""
    try:
        rel = path.resolve().relative_to(study.folder / "rounds")
    except ValueError:
        return None
    return rel.parts[0] if len(rel.parts) > 1 else None


def _raw_destination(study: Study, path: Path, kind: str,
                     round_id: str | None) -> tuple[Path, bool]:
    """Where the raw file is kept, and whether it must be copied there."""
    resolved = path.resolve()
    if resolved.is_relative_to(study.folder):
        return resolved, False
    if kind in ("guide", "participants") or round_id is None:
        dest = study.folder / "inputs" / path.name
    else:
        dest = study.folder / "rounds" / round_id / path.name
    if dest.exists() and dest.read_bytes() != path.read_bytes():
        raise StudyError(f"{path}: the study already keeps a different file named "
                         f"{dest.relative_to(study.folder)}; rename one of them.")
    return dest, not dest.exists()


def _parse(study: Study, path: Path, kind: str, round_id: str | None,
           options: ImportOptions) -> ImportBundle:
    identity = options.identity
    suffix = path.suffix.lower()
    if kind == "notes" and suffix in (".csv", ".tsv", ".xlsx"):
        bundle = parse_notes(path, round_id=round_id, theme_ids=_theme_names(study),
                             columns=options.columns, identity=identity)
    elif kind == "notes":
        bundle = parse_notes_document(path, round_id=round_id,
                                      participant_id=options.participant, identity=identity)
    elif kind == "participants":
        bundle = parse_participants(path, round_id=round_id, columns=options.columns,
                                    identity=identity)
    elif kind == "guide":
        bundle = parse_guide(path)
    elif kind == "transcript":
        if round_id is None:
            raise StudyError(f"{path}: which round is this interview from? Put the file "
                             "under rounds/<round>/ or pass --round.")
        bundle = parse_transcript(
            path, round_id=round_id, participant_id=options.participant,
            interviewers=study.config["interviewers"],
            interviewer_override=options.interviewer, speakers=options.speakers,
            identity=identity, candidate_notes=options.candidate_notes,
            columns=options.columns, theme_ids=_theme_names(study))
    elif kind == "qdpx":
        bundle = parse_qdpx(path, interviewers=study.config["interviewers"], identity=identity)
    elif kind == "codebook":  # a spreadsheet of themes: name, description, parent, colour

        bundle = parse_codebook_csv(path)
    else:
        bundle = parse_qdc(path)
    if (options.participant and kind not in ("transcript", "notes")) or (
            options.participant and kind == "notes" and suffix in (".csv", ".tsv", ".xlsx")):
        bundle.messages.append(f"--participant names a transcript's or notes document's "
                               f"participant; {path.name} names its own, so it was not used")
    return bundle


def _theme_names(study: Study) -> dict[str, str]:
    themes = study.themes()
    return {n.lower(): t for n, t in zip(themes["name"], themes["theme_id"])}
