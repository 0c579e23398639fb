"""``synthesis run``: every round's report, the overview and an index, in one command."""

from __future__ import annotations

import argparse
import ast
import os
from pathlib import Path
from typing import Any

from .errors import StudyError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``run`` command (called by :func:`synthesis.cli.build_parser`)."""
    p = subparsers.add_parser(
        "run", help="publish the HTML report of every round, the study overview and an index",
        description="Execute the round report notebook (round_report.ipynb, shipped in the "
                    "package) for each round with papermill, then study_overview.ipynb, and "
                    "export each to a self-contained HTML "
                    "report (no code, opens offline). Writes DIR/<round>/report.html, "
                    "DIR/overview/report.html and DIR/index.html; each executed notebook is "
                    "kept beside its report. The study is read and redacted once; reports "
                    "run in parallel (--jobs) and each is moved into place when complete, "
                    "with index.html rewritten to list every complete report in DIR. An "
                    "unknown round is refused before anything runs. A failing round does not "
                    "stop the others (its notebook is kept in DIR/_failed/); the exit code "
                    "is 1 when any failed.")
    p.add_argument("study", help="the study folder, e.g. data/invoicing-onboarding")
    p.add_argument("--rounds", default="all",
                   help="'all' (default) or round ids separated by commas, e.g. r1,r2")
    p.add_argument("--out", metavar="DIR",
                   help="where to write the reports (default: reports/<study folder name>)")
    p.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                   help="a report notebook parameter, e.g. -p saturation_base=5 -p "
                        "title='Pricing study' (repeatable)")
    p.add_argument("--no-redact", action="store_true",
                   help="an internal report: participant ids, names and quotes as they are "
                        "(the default is safe to forward: pseudonyms, Interviewer A/B, names, "
                        "contact details, links and the study's redact_terms removed)")
    p.add_argument("--craft-appendix", action="store_true",
                   help="add the interview-craft appendix to round reports (left out by "
                        "default; the full audit is `synthesis craft`)")
    p.add_argument("--jobs", type=_positive, metavar="N",
                   help=f"reports run at the same time (default: the number of cores, "
                        f"{os.cpu_count() or 1} here)")
    p.add_argument("--no-overview", action="store_true", help="skip the study overview")
    p.add_argument("--fresh-kernels", action="store_true",
                   help="a new kernel for every report instead of one warm kernel per worker "
                        "reset between reports (slower; for debugging)")
    p.set_defaults(func=_cmd_run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def parse_parameter(text: str) -> tuple[str, Any]:
    """``NAME=VALUE`` → (name, value); numbers and True/False become numbers and booleans.

    Examples
    --------
    >>> parse_parameter("saturation_threshold=0.1")
    ('saturation_threshold', 0.1)
    >>> parse_parameter("title=Pricing: round 2")
    ('title', 'Pricing: round 2')
    >>> parse_parameter("redact=false")
    ('redact', False)
    """
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise StudyError(f"-p {text!r}: expected NAME=VALUE, e.g. -p saturation_base=5.")
    raw = raw.strip()
    lowered = raw.lower()
    if lowered in ("true", "false"):
        return name, lowered == "true"
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return name, raw
    return name, value if isinstance(value, (int, float, str)) else raw


def _cmd_run(args: argparse.Namespace) -> int:
    # lazy: the runner loads papermill and jupyter_client (seconds); only `run` needs them
    from .runner import run_study

    parameters = dict(parse_parameter(p) for p in args.parameter)
    if args.no_redact:
        parameters["redact"] = False
    rounds: Any = "all" if args.rounds.strip() in ("", "all") else \
        [r.strip() for r in args.rounds.split(",") if r.strip()]
    result = run_study(Path(args.study), rounds=rounds, out_dir=args.out,
                       parameters=parameters, progress=lambda line: print(line, flush=True),
                       overview=not args.no_overview, fresh_kernels=args.fresh_kernels,
                       jobs=args.jobs, craft_appendix=args.craft_appendix)
    print()
    print(result.summary())
    print(f"Open {result.index} in a browser to read the reports.")
    return 0 if result.ok else 1
