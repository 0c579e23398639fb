"""Keeping an import's raw file in the study folder, safely across a crash at any point.

The order: the raw file is first copied (and synced) into ``.importing/`` inside the study
folder under its SHA-256; the import commits, recording where the file goes; then the copy
is renamed into place (atomic on one file system). Whatever was killed when, the next time
the study is opened :func:`recover` finishes the job: a staged copy whose import committed
is moved into place, one whose import did not is deleted. So the study holds the import and
its raw file, or neither, and no temporary file stays behind. A running import holds a lock
on its staged copy, so another process opening the study leaves that copy alone.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

try:
    import fcntl
except ImportError:  # not POSIX (Windows): imports run without the lock
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from synthesis.study import Study

STAGING = ".importing"
# Tests kill a real import at each of these points (see tests/test_import_crash.py).
CRASH_POINTS = ("staged", "written", "committed", "moved")


def crash_point(name: str) -> None:
    """Die here, as a power cut would, when the environment asks for it (tests only).

    ``SYNTHESIS_CRASH_AT=committed synthesis import ...`` kills the process right after the
    import's transaction commits, before the raw file is moved into place.

    Examples
    --------
    >>> crash_point("staged")  # without the variable set, nothing happens
    """
    if os.environ.get("SYNTHESIS_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass
class Staged:
    """A raw file copied into the staging folder, locked while its import runs."""

    path: Path
    fd: int


def stage(study_folder: Path, source: Path, sha256: str) -> Staged:
    """Copy ``source`` into the study's staging folder, lock it and sync it to disk.

    Examples
    --------
    >>> _ = Path("notes.csv").write_text("participant,note\\nP01,Where is the VAT field?\\n")
    >>> staged = stage(study.folder, Path("notes.csv"), "ab12")
    >>> staged.path.relative_to(study.folder).as_posix()
    '.importing/ab12'
    >>> discard(study.folder, staged)
    """
    folder = study_folder / STAGING
    folder.mkdir(exist_ok=True)
    path = folder / sha256
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    _lock(fd, blocking=True)
    try:
        os.ftruncate(fd, 0)
        with open(source, "rb") as src, open(os.dup(fd), "wb", closefd=True) as out:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        _sync(folder)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    crash_point("staged")
    return Staged(path, fd)


def finish(study_folder: Path, staged: Staged, dest: Path) -> None:
    """Move a staged copy into place after its import committed, then tidy the staging folder.

    Examples
    --------
    >>> _ = Path("notes.csv").write_text("participant,note\\nP01,Where is the VAT field?\\n")
    >>> staged = stage(study.folder, Path("notes.csv"), "ab12")
    >>> finish(study.folder, staged, study.folder / "rounds/r1/notes.csv")
    >>> (study.folder / "rounds/r1/notes.csv").exists(), (study.folder / ".importing").exists()
    (True, False)
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged.path, dest)
    _sync(dest.parent)
    os.close(staged.fd)
    crash_point("moved")
    _tidy(study_folder)


def discard(study_folder: Path, staged: Staged | None) -> None:
    """Delete a staged copy whose import did not commit.

    Examples
    --------
    >>> staged = stage(study.folder, study.folder / "guide.md", "cd34")
    >>> discard(study.folder, staged)
    >>> staged.path.exists()
    False
    """
    if staged is not None:
        staged.path.unlink(missing_ok=True)
        os.close(staged.fd)
        _tidy(study_folder)


def recover(study: Study) -> list[str]:
    """Finish or undo what a killed import left in the staging folder; says what it did.

    Examples
    --------
    >>> staged = stage(study.folder, study.folder / "guide.md", "cd34")
    >>> os.close(staged.fd)  # the import is killed: its lock goes with it
    >>> recover(study)  # the import never committed: its copy goes
    ['removed a copy left by an import that never committed']
    """
    folder = study.folder / STAGING
    if not folder.is_dir():
        return []
    said = []
    for staged in sorted(folder.iterdir()):
        fd = os.open(staged, os.O_RDONLY)
        try:
            if not _lock(fd, blocking=False):
                continue  # an import in another process is still running
            said.append(_recover_one(study, staged))
        finally:
            os.close(fd)
    _tidy(study.folder)
    return said


def _recover_one(study: Study, staged: Path) -> str:
    row = study.store.imported(staged.name)
    raw = json.loads(row["summary"] or "{}").get("raw") if row is not None else None
    if row is None or not raw:
        staged.unlink()
        return "removed a copy left by an import that never committed"
    dest = study.folder / raw
    if dest.exists():
        staged.unlink()
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, dest)
    return f"kept {row['source']}, whose import had committed before the interruption"


def _lock(fd: int, *, blocking: bool) -> bool:
    if fcntl is None:  # not POSIX: no lock, recovery still runs
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _tidy(study_folder: Path) -> None:
    try:
        (study_folder / STAGING).rmdir()
    except OSError:  # not empty (another import is running) or already gone
        pass


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
