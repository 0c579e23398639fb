"""``synthesis store copy STUDY --to URL``: move a study's store to a server or back.

Copies every table and the event log, ids unchanged, into an empty PostgreSQL database
(or a new SQLite file) and checks the copy row for row; then says how to switch the study
to it. Nothing is half-written: a failed copy leaves the destination empty.
"""

from __future__ import annotations

import argparse

from .config import without_password
from .store import is_server_url, redact
from .store.copy import copy_store
from .study import open_study


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``store`` command to the ``synthesis`` command line."""
    p = subparsers.add_parser(
        "store", help="copy a study's store to PostgreSQL or back to SQLite",
        description="Work with a study's store (its database).")
    sub = p.add_subparsers(dest="store_command", required=True, metavar="ACTION")
    c = sub.add_parser(
        "copy", help="copy the whole store (every table, the event log) to another one",
        description="Copy a study's whole store, ids unchanged, into an empty PostgreSQL "
                    "database (postgresql://user@host/database; the password from "
                    "~/.pgpass or PGPASSWORD) or a new SQLite file, and check the copy row "
                    "for row.")
    c.add_argument("study", help="the study folder")
    c.add_argument("--to", required=True, metavar="URL",
                   help="an empty PostgreSQL database's URL, or the path of a new .db file")
    c.set_defaults(func=_copy)


def _copy(args: argparse.Namespace) -> int:
    study = open_study(args.study)
    try:
        counts = copy_store(study.store, args.to)
    finally:
        study.close()
    where = redact(args.to) if is_server_url(args.to) else args.to
    print(f"Copied the store of {study.config['name']!r} to {where}: "
          f"{counts['notes']} notes, {counts['themes']} themes, {counts['placements']} "
          f"placements, {counts['events']} events; checked row for row.")
    if is_server_url(args.to):
        print(f'To use it, put store = "{without_password(args.to)}" in '
              f"{study.folder / 'study.toml'} (or set SYNTHESIS_STORE).")
    else:
        print(f"To use it, point store in {study.folder / 'study.toml'} at it, or remove the "
              "store line to use the folder's study.db.")
    return 0
