"""Exporting a study (or one round) to other tools' formats, and importing theirs.

The builders in :mod:`~synthesis.interop.refi_export` and :mod:`~synthesis.interop.tables`
take frames; this module reads those frames from a study, so the CLI and notebooks have
one call per format.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .. import __version__
from ..errors import StudyError
from ..privacy import shareable
from .refi_codebook import export_qdc
from .refi_export import export_qdpx
from .tables import notes_table, parse_codebook_csv, write_codebook_csv, write_csv, write_xlsx

if TYPE_CHECKING:
    from ..study import Study

FORMATS = ("qdpx", "qdc", "csv", "xlsx")


def export_study(study: Study, fmt: str, path: str | Path, round: str | None = None,
                 long: bool = False) -> Path:
    """Write the study (or one round) as ``qdpx``, ``qdc``, ``csv`` or ``xlsx`` to ``path``.

    ``qdc`` is the codebook alone; ``csv`` and ``xlsx`` hold one row per note with its
    round, participant, participant attributes and themes (several joined by ``"; "``), or
    with ``long=True`` one row per note and theme. In ``qdpx`` a note in several themes is
    one selection with one coding per theme.

    Examples
    --------
    >>> export_study(study, "qdpx", "exports/invoicing.qdpx", round="r1")
    PosixPath('exports/invoicing.qdpx')
    """
    path = Path(path)
    if fmt not in FORMATS:
        raise StudyError(f"cannot export as {fmt!r}; expected one of {', '.join(FORMATS)}.")
    study.check_round(round, then="nothing was exported")
    themes = study.themes()
    if fmt == "qdc":
        return export_qdc(path, themes, origin=_origin())
    notes = study.notes(round=round)
    participants = _shareable(study.participants(round=round))
    if fmt in ("csv", "xlsx"):
        table = notes_table(notes, participants, themes, long=long)
        return write_csv(table, path) if fmt == "csv" else write_xlsx(table, path)
    rounds = study.rounds()
    if round is not None:
        rounds = rounds[rounds["round_id"] == round]
    events = study.events()
    authors = list(events["author"].dropna().unique()) if len(events) else []
    name = str(study.config.get("name") or study.folder.name)
    export_qdpx(path, themes, notes, sessions=study.sessions(round=round),
                utterances=study.utterances(round=round), participants=participants,
                rounds=rounds, users=authors, default_author=study.author,
                name=name + (f", round {round}" if round else ""),
                description=str(study.config.get("research_question") or ""),
                origin=_origin())
    return path


def import_refi(study: Study, path: str | Path, round: str | None = None,
                create_participants: bool = False) -> dict[str, Any]:
    """Import a ``.qdpx`` project, a ``.qdc`` codebook or a codebook ``.csv`` into the study.

    REFI files go through :meth:`Study.import_file` (all or nothing, the raw file kept, the
    same file twice adds nothing); a codebook spreadsheet is parsed here and written with
    :meth:`Study.apply_bundle`.

    Examples
    --------
    >>> from synthesis.study import init_study
    >>> _ = export_study(study, "qdc", "codebook.qdc")
    >>> import_refi(init_study(tmp / "fresh"), "codebook.qdc")["counts"]["themes"]
    9
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".qdpx", ".qdc"):
        return study.import_file(path, kind=suffix[1:], round=round,
                                 create_participants=create_participants)
    if suffix in (".csv", ".tsv", ".xlsx"):
        return study.apply_bundle(parse_codebook_csv(path), round=round)
    raise StudyError(f"{path.name}: expected a .qdpx project, a .qdc codebook or a codebook "
                     ".csv/.xlsx.")


def export_codebook_csv(study: Study, path: str | Path) -> Path:
    """Write the study's themes as ``name, description, parent, colour`` CSV."""
    return write_codebook_csv(study.themes(), path)


def _shareable(participants: pd.DataFrame) -> pd.DataFrame:
    """Participants without real names and contact details: exports leave the team."""
    return shareable(participants)


def _origin() -> str:
    return f"synthesis {__version__}"
