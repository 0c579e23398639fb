"""Putting finished reports in place so a reader never meets a half-written one.

``synthesis run`` builds every report in a staging folder inside the output folder
(``.synthesis-run-<pid>-<token>/``, on the same file system), then moves each report's folder
into place with renames the moment it is complete: the executed notebook, ``summary.json``
and ``report.html`` arrive together or not at all. ``index.html`` is rewritten (to a
temporary file, then renamed over the old one) from what is on disk after every report, so a
run killed at any moment leaves an index that links only complete reports that exist. A
staging folder left by a killed run is removed by the next run.

A report folder is *complete* when it holds ``report.html`` and ``summary.json``; the
executed notebook of a report that failed is kept under ``_failed/<name>.ipynb`` for the
researcher, and never replaces an earlier complete report.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["STAGING_PREFIX", "FAILED", "Published", "staging_folder", "publish",
           "keep_failed", "complete_reports", "write_atomic"]

STAGING_PREFIX = ".synthesis-run-"
FAILED = "_failed"


@dataclass(frozen=True)
class Published:
    """A complete report found in the output folder."""

    name: str  # its folder: a round id or "overview"
    html: Path
    summary: dict[str, Any]


def staging_folder(out: Path) -> Path:
    """A new private staging folder in ``out``; stale ones of dead runs are removed first.

    Examples
    --------
    >>> staging_folder(Path("reports/study")).name.startswith(STAGING_PREFIX)  # doctest: +SKIP
    True
    """
    for old in out.glob(f"{STAGING_PREFIX}*"):
        pid = old.name[len(STAGING_PREFIX):].split("-")[0]
        if not (pid.isdigit() and _alive(int(pid))):
            shutil.rmtree(old, ignore_errors=True)
    folder = out / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
    folder.mkdir(mode=0o700)
    return folder


def publish(built: Path, destination: Path, staging: Path) -> Path:
    """Move the finished report folder ``built`` to ``destination`` (replacing an older one).

    Two renames: the older folder into ``staging`` (deleted afterwards), then the new one in.
    In between the report is briefly absent, never half there.

    >>> publish(staging / "r2", out / "r2", staging)  # doctest: +SKIP
    PosixPath('reports/study/r2/report.html')
    """
    old = None
    if destination.exists():
        old = staging / f"replaced-{destination.name}-{secrets.token_hex(4)}"
        destination.rename(old)
    built.rename(destination)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    stale = destination.parent / FAILED / f"{destination.name}.ipynb"
    stale.unlink(missing_ok=True)  # it succeeded now: the old failure is history
    return destination / "report.html"


def keep_failed(executed: Path, out: Path, name: str) -> Path | None:
    """Keep a failed report's executed notebook as ``out/_failed/<name>.ipynb``.

    >>> keep_failed(staging / "r2" / "report.ipynb", out, "r2")  # doctest: +SKIP
    PosixPath('reports/study/_failed/r2.ipynb')
    """
    if not executed.is_file():
        return None
    target = out / FAILED / f"{name}.ipynb"
    target.parent.mkdir(exist_ok=True)
    os.replace(executed, target)
    return target


def complete_reports(out: Path) -> list[Published]:
    """Every complete report folder directly inside ``out`` (any order).

    >>> sorted(p.name for p in complete_reports(Path("reports/study")))  # doctest: +SKIP
    ['overview', 'r1', 'r2']
    """
    found = []
    for folder in out.iterdir() if out.is_dir() else ():
        if not folder.is_dir() or folder.name.startswith((".", FAILED)):
            continue
        html, summary = folder / "report.html", folder / "summary.json"
        if html.is_file() and summary.is_file():
            try:
                data = json.loads(summary.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(data, dict):
                found.append(Published(folder.name, html, data))
    return found


def write_atomic(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file and a rename (never half a file).

    >>> write_atomic(out / "index.html", page)  # doctest: +SKIP
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
