"""What an import is asked to do: the researcher's options, merged with the study's settings.

``study.toml`` may hold defaults for every import::

    [import]
    candidate_notes = false        # the notes already exist: do not cut quotes from transcripts

    [import.columns]               # header names, as --column FIELD=HEADER
    participant = "Interviewee code"

    [speakers]                     # as --speaker LABEL=ROLE
    A5 = "observer"
    "Rebecca Scofield" = "interviewer"

What the command line or the Python API says wins over ``study.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from synthesis.errors import StudyError
from synthesis.identity import DEFAULT, IdentityRule
from synthesis.ingest.mapping import NO_MAPPING, ColumnMap, parse_column_options
from synthesis.ingest.roles import parse_speaker_options

KINDS = ("notes", "participants", "transcript", "guide", "qdpx", "qdc", "codebook",
         "placements")


@dataclass(frozen=True)
class ImportOptions:
    """Everything an import needs to know besides the file (see :func:`import_options`)."""

    kind: str | None = None
    round_id: str | None = None
    create_participants: bool = False
    interviewer: str | None = None
    participant: str | None = None
    columns: ColumnMap = NO_MAPPING
    speakers: Mapping[str, str] = field(default_factory=dict)
    candidate_notes: bool = True
    identity: IdentityRule = DEFAULT
    sort: str | None = None  # placements: the sort they go to (synthesis.sorts)


def import_options(config: Mapping[str, Any], identity: IdentityRule = DEFAULT, *,
                   kind: str | None = None, round: str | None = None,
                   create_participants: bool = False, interviewer: str | None = None,
                   participant: str | None = None,
                   columns: Mapping[str, str] | Iterable[str] | None = None,
                   speakers: Mapping[str, str] | Iterable[str] | None = None,
                   candidate_notes: bool | None = None,
                   sort: str | None = None) -> ImportOptions:
    """The options of one import: the caller's, then ``study.toml``'s, then the defaults.

    ``columns`` and ``speakers`` are mappings (``{"note": "Highlight"}``) or CLI-style
    ``FIELD=HEADER`` / ``LABEL=ROLE`` strings.

    Raises
    ------
    StudyError
        For an unknown kind, field or role, naming where it was given.

    Examples
    --------
    >>> opts = import_options({"import": {"candidate_notes": False}}, speakers=["A5=observer"])
    >>> opts.candidate_notes, dict(opts.speakers)
    (False, {'A5': 'observer'})
    """
    if kind is not None and kind not in KINDS:
        raise StudyError(f"--kind {kind!r} is not a kind of input; expected one of "
                         f"{', '.join(KINDS)}.")
    settings = config.get("import") or {}
    if not isinstance(settings, Mapping):
        raise StudyError("study.toml: [import] should be a table (candidate_notes, columns).")
    configured = settings.get("columns") or {}
    if not isinstance(configured, Mapping):
        raise StudyError("study.toml: [import.columns] should map fields to header names.")
    given = (dict(columns) if isinstance(columns, Mapping)
             else parse_column_options(columns or ()))
    try:
        column_map = ColumnMap.build(given, {str(k): str(v) for k, v in configured.items()})
        study_speakers = parse_speaker_options(
            {str(k): str(v) for k, v in (config.get("speakers") or {}).items()},
            where="study.toml [speakers]")
        asked = parse_speaker_options(list(speakers or ()))
    except ValueError as exc:
        raise StudyError(f"{exc}.") from None
    wanted = settings.get("candidate_notes", True)
    if candidate_notes is not None:
        wanted = candidate_notes
    if not isinstance(wanted, bool):
        raise StudyError("study.toml: [import] candidate_notes should be true or false.")
    return ImportOptions(kind=kind, round_id=round, create_participants=create_participants,
                         interviewer=interviewer, participant=participant,
                         columns=column_map, speakers={**study_speakers, **asked},
                         candidate_notes=wanted, identity=identity, sort=sort)
