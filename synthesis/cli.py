"""The ``synthesis`` command: init, import, status, export, and the commands later modules add.

A user error prints one sentence and exits 1; only a bug shows a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .agree_cli import add_parser as add_agree
from .board.cli import add_parser as add_lab
from .craft.cli import add_parser as add_craft
from .errors import SynthesisError
from .ingest.folder import study_files
from .membership import provisional_threshold
from .runner_cli import add_parser as add_run
from .store_cli import add_parser as add_store
from .study import Study, init_study, open_study
from .suggest_cli import add_parser as add_suggest


def _cmd_init(args: argparse.Namespace) -> int:
    study = init_study(args.folder, name=args.name, question=args.question or "",
                       store=args.store)
    study.close()
    where = f" (its store on {study.store.where})" if args.store else ""
    print(f"Created the study {study.config['name']!r} in {study.folder}{where}.")
    print(f"Next: edit {study.folder / 'study.toml'}, put each round's files under "
          f"{study.folder / 'rounds'}/<round>/, then run `synthesis import {args.folder}`.")
    return 0


def study_inputs(folder: Path, cfg: dict) -> list[Path]:
    """Every raw input a study folder holds, in the order they must be imported."""
    return study_files(folder, cfg)[0]


def _cmd_import(args: argparse.Namespace) -> int:
    study = open_study(args.study)
    try:
        return _import(study, args)
    finally:
        study.close()  # a dry run must leave the folder as it found it, -wal file included


def _import(study: Study, args: argparse.Namespace) -> int:
    from .ingest.apply import readable  # lazy: the importers add ~75 ms to every command

    for message in study.recovered:
        print(f"note: {message}")
    skipped: list[tuple[Path, str]] = []
    if args.files:
        files = [Path(f) for f in args.files]
    else:
        files, skipped = study_files(study.folder, study.config)
    if args.participant and len(files) != 1:
        print("error: --participant names the participant of one transcript or notes "
              f"document; give exactly one FILE (got {len(files)}).", file=sys.stderr)
        return 1
    if not files and not skipped:
        print(f"{study.folder}: nothing to import (no guide, participants or files under "
              "rounds/).")
        return 0
    options = {"kind": args.kind, "round": args.round,
               "create_participants": args.create_participants,
               "interviewer": args.interviewer, "columns": args.column or None,
               "participant": args.participant, "speakers": args.speaker or None,
               "candidate_notes": False if args.no_candidate_notes else None,
               "sort": args.sort}
    failures = 0
    for path in files:
        try:
            if args.dry_run:
                print(study.preview_import(path, **options))
                continue
            summary = study.import_file(path, **options)
        except SynthesisError as exc:
            failures += 1
            print(f"error: {exc}", file=sys.stderr)
            continue
        _print_summary(readable(path.name), summary)
    for path, reason in skipped:
        print(f"skipped: {readable(path.relative_to(study.folder))}: {reason}")
    if failures:
        print(f"{failures} file(s) were not imported; the study is unchanged by them.",
              file=sys.stderr)
    return 1 if failures else 0


def _print_summary(name: str, summary: dict) -> None:
    counts = summary.get("counts", {})
    what = ", ".join(f"{v} {k}" for k, v in counts.items() if v) or "nothing new"
    where = f" into {summary['round']}" if summary.get("round") else ""
    verb = "imported" if summary["status"] == "imported" else "unchanged"
    print(f"{verb}: {name} ({summary['kind']}{where}): {what}")
    for line in summary.get("summary", []):
        print(f"  {line}")
    for message in summary.get("messages", []):
        print(f"  note: {message}")


def _cmd_status(args: argparse.Namespace) -> int:
    study = open_study(args.study)
    cfg = study.config
    print(f"{cfg['name']}")
    if cfg.get("research_question"):
        print(f"Research question: {cfg['research_question']}")
    table = study.status()
    if table.empty:
        print("No rounds yet: add [[rounds]] to study.toml.")
        return 0
    unsettled = table[table["provisional"]]
    table["sorted_share"] = (table["sorted_share"] * 100).round().astype(int).astype(str) + " %"
    # "heard": a session or a note in the round (n in every report); "recruited" adds people
    # listed for the round and not interviewed yet.
    print(table.drop(columns="provisional").rename(columns={
        "sorted_share": "sorted", "participants": "heard"}).to_string(index=False))
    if len(unsettled):
        threshold = provisional_threshold(cfg) * 100
        print(f"Provisional (under {threshold:.0f} % of notes sorted; reports say so and "
              "call no theme grown or faded): " + ", ".join(
                  f"{r.round} ({r.sorted_share * 100:.0f} %)"
                  for r in unsettled.itertuples(index=False)) + ".")
    guide = study.guide()
    print(f"Guide: {len(guide)} questions, {int(guide['is_key'].sum()) if len(guide) else 0} "
          "key.")
    sessions = study.sessions()
    unknown = sessions[~sessions["speakers_known"]]
    if len(unknown):
        print(f"Speakers unknown in {len(unknown)} session(s): "
              f"{', '.join(unknown['session_id'])}.")
    guessed = sessions[sessions["role_warnings"].map(bool)]
    if len(guessed):
        print(f"Roles guessed, or an interviewer who talks most of the time, in "
              f"{len(guessed)} session(s): {', '.join(guessed['session_id'])} (see "
              "`synthesis craft`; name roles with --speaker LABEL=ROLE).")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .interop.study_io import export_study  # lazy: ~55 ms, only `export` needs it

    study = open_study(args.study)
    try:
        path = export_study(study, args.format, Path(args.output), round=args.round,
                            long=args.long)
    finally:
        study.close()
    print(f"Wrote {path}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="synthesis",
        description="Customer-interview synthesis: import a study's notes and transcripts, "
                    "sort them into themes, publish round reports.")
    parser.add_argument("--version", action="version", version=f"synthesis {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help="create a new study folder",
                       description="Create a study folder with a starter study.toml.")
    p.add_argument("folder", help="the new study's folder, e.g. data/pricing-study")
    p.add_argument("--name", help="the study's name (default: the folder name)")
    p.add_argument("--question", help="the research question")
    p.add_argument("--store", metavar="URL",
                   help="keep the study's store on a PostgreSQL server for a team "
                        "(postgresql://user@host/database, an empty database; the password "
                        "from ~/.pgpass or PGPASSWORD) instead of study.db in the folder")
    p.set_defaults(func=_cmd_init)

    p = sub.add_parser(
        "import", help="import notes, participants, transcripts, a guide or REFI-QDA files",
        description="Import files into a study, each all-or-nothing; the same file twice adds "
                    "nothing. With no FILE, imports the guide, the participants and every "
                    "file under rounds/<round>/ not imported yet.")
    p.add_argument("study", help="the study folder")
    p.add_argument("files", nargs="*", metavar="FILE", help="files to import")
    p.add_argument("--kind", choices=["notes", "participants", "transcript", "guide", "qdpx",
                                      "qdc", "codebook", "placements"],
                   help="force the kind instead of detecting it (a codebook spreadsheet of "
                        "themes needs --kind codebook; someone's codings of notes already in "
                        "the study, note -> theme, need --kind placements)")
    p.add_argument("--sort", metavar="NAME",
                   help="with --kind placements: the sort the codings go to (a researcher's "
                        "own sort of the round, made if new; 'board' is the shared board); "
                        "a coder column makes one sort per coder instead")
    p.add_argument("--round", help="the round the files belong to (default: from the "
                                   "rounds/<round>/ folder or the file's round column)")
    p.add_argument("--create-participants", action="store_true",
                   help="add participants the study does not know yet instead of refusing")
    p.add_argument("--interviewer", help="the speaker who is the interviewer (overrides "
                                         "detection)")
    p.add_argument("--column", action="append", metavar="FIELD=HEADER",
                   help="the file's column for FIELD (participant, note, theme, round, "
                        "note_id, speaker, time, coder), e.g. --column note='Highlight text'; "
                        "repeatable; [import.columns] in study.toml does the same")
    p.add_argument("--participant", metavar="ID",
                   help="the participant of a transcript or notes document whose file name "
                        "names none, e.g. --participant P07")
    p.add_argument("--speaker", action="append", metavar="LABEL=ROLE",
                   help="a speaker's role: interviewer, participant or observer (a "
                        "note-taker or co-host, left out of talk share), e.g. --speaker "
                        "A5=observer; repeatable; [speakers] in study.toml does the same")
    p.add_argument("--dry-run", action="store_true",
                   help="show what would be imported (participants new/existing/merged, "
                        "sessions, speakers and roles, notes, themes, placements, everything "
                        "not imported and why) and write nothing")
    p.add_argument("--no-candidate-notes", action="store_true",
                   help="make no quote notes from transcripts (the study's notes already "
                        "exist); candidate_notes = false under [import] in study.toml does "
                        "the same")
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser("status", help="per round: participants, sessions, notes, themes",
                       description="Show what each round of a study holds and how much of it "
                                   "is sorted into themes.")
    p.add_argument("study", help="the study folder")
    p.set_defaults(func=_cmd_status)

    p = sub.add_parser("export", help="export notes and themes (csv, xlsx, qdpx, qdc)",
                       description="Export a study or one round: notes with their themes as "
                                   "CSV/XLSX, or a REFI-QDA project (.qdpx) or codebook (.qdc).")
    p.add_argument("study", help="the study folder")
    p.add_argument("--format", required=True, choices=["csv", "xlsx", "qdpx", "qdc"])
    p.add_argument("-o", "--output", required=True, help="the file to write")
    p.add_argument("--round", help="only this round")
    p.add_argument("--long", action="store_true",
                   help="csv/xlsx: one row per note and theme instead of one row per note "
                        "with its themes joined by '; '")
    p.set_defaults(func=_cmd_export)

    # Commands that live beside their feature.
    for add in (add_run, add_lab, add_craft, add_suggest, add_store, add_agree):
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except SynthesisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
