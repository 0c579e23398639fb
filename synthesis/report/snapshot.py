"""A study read and redacted once: what every report of one ``synthesis run`` is built from.

Redaction (the name detector, every quote through the redactor) costs far more than a
report's own sections, and it is the same for every round. ``synthesis run`` therefore
reads the store and redacts once (:func:`read_study`), then hands each round's report a
snapshot of only the rounds it shows (:meth:`StudySnapshot.up_to`: that round and the ones
before it), saved to a file the notebook loads (its ``snapshot`` parameter). A notebook run
by hand reads the study itself, the same way. Either way the report sees frames that are
already redacted: participant ids are pseudonyms, names and contact details are gone.

Examples
--------
>>> snap = read_study(open_study("data/invoicing-onboarding"))
>>> snap.up_to("r2").notes["round_id"].unique().tolist()
['r1', 'r2']
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..frames import StudyFrames
from ..privacy import shareable
from .redaction import Redactor, build_redactor

__all__ = ["StudySnapshot", "read_study", "redact_frames", "load_snapshot",
           "study_interviewers"]


@dataclass(kw_only=True)
class StudySnapshot(StudyFrames):
    """The whole study (or its first rounds), redacted when ``redact`` is set.

    Its frames are :class:`~synthesis.frames.StudyFrames`' (so ``up_to``, ``heard``,
    ``provisional``... apply the study's one membership rule); ``name``, round names,
    participants (pseudonyms, private columns dropped), note texts and theme names are
    redacted.
    """

    redactor: Redactor
    redact: bool = True

    def save(self, path: str | Path) -> Path:
        """Write the snapshot for a report notebook (a file the runner made; see
        :func:`load_snapshot`)."""
        path = Path(path)
        with path.open("wb") as f:
            pickle.dump(self, f, protocol=pickle.HIGHEST_PROTOCOL)
        return path


def load_snapshot(path: str | Path) -> StudySnapshot:
    """Read a snapshot ``synthesis run`` wrote for this report (only ever files it wrote itself,
    in its own private staging folder: pickle runs code from the file it reads).

    >>> load_snapshot(staging / "r2.snapshot").name  # doctest: +SKIP
    'Ledgerly invoicing onboarding'
    """
    with Path(path).open("rb") as f:
        snapshot = pickle.load(f)
    if not isinstance(snapshot, StudySnapshot):
        raise TypeError(f"{path} is not a study snapshot written by synthesis run")
    return snapshot


def read_study(study: Any, redact: bool = True) -> StudySnapshot:
    """Read an open :class:`~synthesis.Study` into a snapshot, redacted when ``redact``.

    This is the one place a report reads the store (``study.frames()``, without the
    utterances and events a report does not show) and redacts (:func:`redact_frames`).

    >>> read_study(open_study("data/invoicing-onboarding")).notes["participant_id"][0]
    'P01'
    """
    return redact_frames(study.frames(utterances=False, events=False), redact=redact)


def redact_frames(frames: StudyFrames, redact: bool = True) -> StudySnapshot:
    """The frames as a report may show them: participant ids become pseudonyms in every
    frame, private attributes leave (:mod:`synthesis.privacy`), and note texts, theme names
    and descriptions, round names, file names and authors go through the study's
    :class:`~synthesis.report.redaction.Redactor`. ``redact=False`` keeps them as they are.

    >>> redact_frames(study.frames()).participants["participant_id"].tolist()[:2]
    ['P01', 'P02']
    """
    config = frames.config
    rounds = frames.rounds.reset_index(drop=True).copy()
    people = frames.participants
    notes = frames.notes.copy()
    themes = frames.themes
    sessions = frames.sessions.copy()
    redactor = build_redactor(people, config.get("redact_terms", ()), enabled=redact,
                              interviewers=study_interviewers(config, sessions),
                              texts=notes["text"])
    notes = notes.assign(text=[redactor.text(t) for t in notes["text"]])
    themes = themes.assign(name=[redactor.text(t) for t in themes["name"]],
                           description=[redactor.text(t) for t in themes["description"]])
    redacted = dict(zip(themes["theme_id"], themes["name"]))
    notes["themes"] = [tuple(redacted.get(t, "") for t in ids) for ids in notes["theme_ids"]]
    people = _present_people(people, redactor)
    rounds["name"] = [redactor.text(n) if isinstance(n, str) else n for n in rounds["name"]]
    if redact:
        alias = redactor.participant
        for frame in (notes, sessions):
            frame["participant_id"] = [None if p is None or pd.isna(p) else alias(p)
                                       for p in frame["participant_id"]]
            # File names and authors can carry a person's name.
            frame["source"] = [redactor.text(s) for s in frame["source"]]
        sessions["interviewers"] = [tuple(redactor.interviewer(i) for i in (names or ()))
                                    for names in sessions["interviewers"]]
        if "author" in notes.columns:
            notes["author"] = [redactor.text(a) if isinstance(a, str) else a
                               for a in notes["author"]]
    return StudySnapshot(
        name=redactor.text(frames.name), question=redactor.text(frames.question),
        folder=Path(frames.folder), rounds=rounds, participants=people, sessions=sessions,
        notes=notes, themes=themes, guide=frames.guide,
        # Only the settings a report reads: redact_terms and names stay out of the snapshot.
        config={k: config[k] for k in ("provisional_below",) if k in config},
        redactor=redactor, redact=redact, last_event=frames.last_event)


def study_interviewers(config: Any, sessions: pd.DataFrame) -> list[str]:
    """The study's interviewers: study.toml's list first (its order is A, B…), then anyone
    named only in a session, in name order.

    Examples
    --------
    >>> sessions = pd.DataFrame({"interviewers": [("Marco Bell",), ("Ana", "Dana Whitfield")]})
    >>> study_interviewers({"interviewers": ["Dana Whitfield"]}, sessions)
    ['Dana Whitfield', 'Ana', 'Marco Bell']
    """
    listed = [str(n) for n in (config.get("interviewers") or ()) if str(n).strip()]
    seen = {n for names in sessions.get("interviewers", ()) for n in (names or ()) if n}
    return listed + sorted(seen - set(listed))


def _present_people(people: pd.DataFrame, redactor: Redactor) -> pd.DataFrame:
    """Participants as a report may show them: pseudonyms, no private attributes.

    Every remaining text value goes through the redactor too. Values are tested one by one
    (``isinstance(v, str)``), not by the column's dtype: under pandas 3 text columns have the
    ``str`` dtype, and a ``dtype == object`` test once skipped every one of them.
    """
    people = people.copy()
    if not redactor.enabled:
        return people
    people["participant_id"] = [redactor.participant(p) for p in people["participant_id"]]
    people = shareable(people)
    for column in people.columns:
        if column in ("participant_id", "round_id"):
            continue
        people[column] = [redactor.text(v) if isinstance(v, str) else v
                          for v in people[column]]
    return people.sort_values("participant_id", kind="stable").reset_index(drop=True)
