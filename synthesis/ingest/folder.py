"""A study folder's raw inputs: what ``synthesis import STUDY`` imports, and what it leaves.

Every file under ``rounds/`` is either an input or listed as skipped with its reason (a
format no importer reads, a hidden or lock file, a file outside any round's folder), so
nothing in the folder is passed over in silence.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from synthesis.ingest.detect import SUFFIXES


def study_files(folder: Path, cfg: dict[str, Any]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The study's inputs in import order (guide, participants, rounds), and the skipped files.

    Examples
    --------
    >>> _ = Path("data/invoicing-onboarding/rounds/r1/photo.jpg").write_bytes(b"")
    >>> inputs, skipped = study_files(Path("data/invoicing-onboarding"), study.config)
    >>> len(inputs), skipped
    (28, [(PosixPath('data/invoicing-onboarding/rounds/r1/photo.jpg'),
           'not a format synthesis reads (it reads .csv .tsv .xlsx .vtt .srt .txt .docx .odt
           .md .qdpx .qdc)')])
    """
    first = [folder / cfg[k] for k in ("guide", "participants") if cfg.get(k)]
    rounds = folder / "rounds"
    inputs: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    if rounds.is_dir():
        for path in sorted(_files(rounds)):
            reason = skip_reason(path, rounds)
            if reason is None:
                inputs.append(path)
            else:
                skipped.append((path, reason))
    return [p for p in first if p.is_file()] + inputs, skipped


def skip_reason(path: Path, rounds: Path) -> str | None:
    """Why a file under ``rounds/`` is not imported, or None when it is an input.

    Examples
    --------
    >>> skip_reason(Path("rounds/r1/photo.jpg"), Path("rounds"))
    'not a format synthesis reads (it reads .csv .tsv .xlsx .vtt .srt .txt .docx .odt .md
    .qdpx .qdc)'
    >>> skip_reason(Path("rounds/notes.csv"), Path("rounds"))
    'not inside a round folder (put it under rounds/<round>/)'
    """
    name = path.name
    if name.startswith("~$"):
        return "an Office lock file (the document is open in Word or Excel)"
    if name.startswith("."):
        return "a hidden file"
    if name.lower() in ("readme.md", "readme.txt", "readme"):
        return "a readme, not an interview file"
    if path.suffix.lower() not in SUFFIXES:
        return f"not a format synthesis reads (it reads {' '.join(SUFFIXES)})"
    if len(path.relative_to(rounds).parts) < 2:
        return "not inside a round folder (put it under rounds/<round>/)"
    return None


def _files(top: Path) -> list[Path]:
    """Every file below ``top``; ``os.walk`` copes with names that are not valid UTF-8."""
    out: list[Path] = []
    for root, _dirs, names in os.walk(top):
        out.extend(Path(root) / name for name in names)
    return out
