"""A study: the folder, its study file and its store, seen from a notebook or the CLI.

Reading is here; every method that changes the synthesis state lives in
:mod:`synthesis.sorting` (themes, placements) and :mod:`synthesis.notemaking` (notes written,
highlighted, edited, split or set aside); each runs in one store transaction and appends
one event, so a researcher's move is on disk before the method returns, and undo, redo and
the audit trail come from the log.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .analysis.study_views import saturation_for, shares_by_round_for, theme_frequency_for
from .config import DATABASE_FILE, load_config, refuse_existing, write_template
from .errors import StudyError
from .frames import StudyFrames
from .identity import rule_from_config
from .ingest.rawcopy import recover
from .membership import check_round, recruited_in
from .notemaking import NoteMaking
from .sorts import open_sort
from .store import Store, is_server_url, new_store, redact, store_from_env


def init_study(folder: str | Path, name: str | None = None, question: str = "", *,
               store: str | None = None) -> Study:
    """Create a new study folder with a starter ``study.toml`` and an empty store.

    With ``store`` (a PostgreSQL URL) the store is made on that server, which must hold no
    study yet, and ``study.toml`` names it; no ``study.db`` is written. When the server
    cannot be used nothing is written at all.

    Examples
    --------
    >>> study = init_study(tmp / "pricing-study", name="Pricing")
    >>> study.rounds()["round_id"].tolist()
    ['r1']
    >>> team = init_study(tmp / "pricing", store="postgresql://ana@db/pricing")  # doctest: +SKIP
    """
    folder = Path(folder)
    refuse_existing(folder)
    if store is not None:
        if not is_server_url(store):
            raise StudyError(f"--store {redact(store)!r} is not a PostgreSQL URL (expected "
                             "postgresql://user@host/database).")
        new_store(store).close()
    write_template(folder, name or folder.name, question, store=store)
    (folder / "rounds").mkdir(exist_ok=True)
    return Study(folder, store=store)


def open_study(folder: str | Path, *, author: str | None = None,
               store: str | None = None) -> Study:
    """Open an existing study folder (its schema is migrated on open).

    The store is ``store`` if given, else the ``SYNTHESIS_STORE`` environment variable,
    else ``store = "..."`` in ``study.toml``, else the folder's ``study.db``.

    Examples
    --------
    >>> study = open_study("data/invoicing-onboarding")
    >>> study.status()[["round", "participants", "notes"]]
      round  participants  notes
    0    r1            10    282
    1    r2            10    269
    2    r3             8    155
    >>> study = open_study("pricing", store="postgresql://ana@db/pricing")  # doctest: +SKIP
    """
    return Study(Path(folder), author=author, store=store)


class Study(NoteMaking):
    """One study: accessors return DataFrames, changes go through the store.

    Theme and placement changes (``place``, ``add_to_theme``, ``merge_themes``, ``undo``...)
    come from :class:`~synthesis.sorting.Sorting`; notes a researcher writes, highlights,
    edits, splits or sets aside from :class:`~synthesis.notemaking.NoteMaking`.
    """

    def __init__(self, folder: Path, *, author: str | None = None, store: str | None = None):
        self.folder = Path(folder).resolve()
        self.config = load_config(self.folder)
        self.identity = rule_from_config(self.config, str(self.folder / "study.toml"))
        self.author = author or _default_author()
        where = store or store_from_env(self.config.get("store"))
        if where and is_server_url(where):
            self.store = Store(where)  # a server without the schema is refused, not built
        else:
            # A study folder whose database was never built is still a study: build it empty.
            self.store = Store(self.folder / (where or DATABASE_FILE), create=True)
        self._sync_rounds()

        # An import killed half-way left its raw file staged: finish or undo it now.
        self.recovered = recover(self)

    def __repr__(self) -> str:
        return f"<Study {self.config['name']!r} at {self.folder}>"

    def close(self) -> None:
        self.store.close()

    def _sync_rounds(self) -> None:
        """Rounds are declared in the study file; mirror them into the store."""
        self.store.sync_rounds([{"round_id": r["id"], "name": r["name"], "start": r["start"],
                                 "end": r["end"], "position": i}
                                for i, r in enumerate(self.config["rounds"])])

    def ensure_round(self, round_id: str) -> None:
        self.store.ensure_round(round_id)

    @property
    def name(self) -> str:
        """The study's name (its study file's ``name``, else the folder's)."""
        return str(self.config.get("name") or self.folder.name)

    def check_round(self, round: str | None, then: str = "") -> str | None:
        """``round`` if the study has it (``None`` stays ``None``); else the one sentence.

        Examples
        --------
        >>> study.check_round("r9")
        Traceback (most recent call last):
        synthesis.errors.StudyError: the study 'Ledgerly invoicing onboarding' has no round 'r9'
        (its rounds: r1, r2, r3).
        """
        return check_round(self.rounds()["round_id"].astype(str), round, self.name, then)

    # -- reading ------------------------------------------------------------------------
    def rounds(self) -> pd.DataFrame:
        """Rounds in study order: ``round_id, name, start, end, position``."""
        return self.store.rounds()

    def participants(self, round: str | None = None) -> pd.DataFrame:
        """One row per participant, one column per attribute (``segment``, ``role``...).

        With ``round``, the participants recruited for it: listed for it, or heard in it (a
        note or a session in it; :func:`synthesis.membership.recruited_in`). Count people
        heard with ``study.frames().heard(round)``.
        """
        df = self.store.participants()
        if round is not None:
            df = recruited_in(df, self.store.voices(), None, round)
        attrs = pd.DataFrame([json.loads(a) for a in df["attributes"]], index=df.index)
        attrs = attrs.drop(columns=[c for c in attrs.columns if c in df.columns],
                           errors="ignore")
        return pd.concat([df.drop(columns="attributes"), attrs], axis=1)

    def sessions(self, round: str | None = None) -> pd.DataFrame:
        df = self.store.sessions(round)
        df["interviewers"] = [tuple(json.loads(v)) for v in df["interviewers"]]
        df["speakers_known"] = df["speakers_known"].astype(bool)
        df["role_warnings"] = [tuple(json.loads(v)) for v in df["role_warnings"]]
        return df

    def utterances(self, session: str | None = None, round: str | None = None) -> pd.DataFrame:
        return self.store.utterances(session=session, round=round)

    def notes(self, round: str | None = None) -> pd.DataFrame:
        """One row per note, in import order, with the themes it sits in.

        ``theme_ids`` is a tuple of live theme ids in board order (empty for an unsorted
        note) and ``themes`` their names; ``source_note_id`` is the id the source file gave
        the note (a highlight id) and ``attributes`` a dict such as ``{"task": "Task 1"}``
        (a notes document's heading). A note in two themes is still one row, so
        ``len(notes)`` counts notes; :func:`synthesis.placements.notes_by_theme` gives one
        row per note and theme for counting per theme.

        Examples
        --------
        >>> seq = study.place([n1], theme["Bank connection anxiety"])
        >>> study.notes(round="r1").loc[0, ["note_id", "theme_ids"]].tolist() == [
        ...     n1, (theme["Bank connection anxiety"],)]
        True
        """
        notes = self.store.notes(round)
        notes["attributes"] = pd.Series([json.loads(a) for a in notes["attributes"]],
                                        index=notes.index, dtype=object)
        placed: dict[str, tuple[list[str], list[str]]] = {}
        for nid, tid, name in self.store.note_themes(round, self.sort_id):
            ids, names = placed.setdefault(nid, ([], []))
            ids.append(tid)
            names.append(name)
        empty: tuple[list[str], list[str]] = ([], [])
        pairs = [placed.get(n, empty) for n in notes["note_id"]]
        notes["theme_ids"] = pd.Series([tuple(p[0]) for p in pairs], index=notes.index,
                                       dtype=object)
        notes["themes"] = pd.Series([tuple(p[1]) for p in pairs], index=notes.index,
                                    dtype=object)
        return notes

    def themes(self, include_removed: bool = False) -> pd.DataFrame:
        """Live themes in board order, with their note and distinct-participant counts.

        A note in several themes counts in each of them.
        """
        return self.store.themes(include_removed, self.sort_id)

    def placements(self) -> pd.DataFrame:
        """Every placement: one ``note_id, theme_id`` row per note and theme it sits in."""
        return self.store.placements(self.sort_id)

    def guide(self) -> pd.DataFrame:
        return self.store.guide()

    def events(self, since: int = 0) -> pd.DataFrame:
        """The event log (``payload`` decoded), oldest first."""
        df = self.store.events(since)
        df["payload"] = [json.loads(p) for p in df["payload"]]
        return df

    def last_event(self) -> int:
        return self.store.last_event()

    def frames(self, *, utterances: bool = True, events: bool = True) -> StudyFrames:
        """The whole study read once, as frames with one rule for round membership.

        Status, analyses and reports count from it (see :mod:`synthesis.frames`);
        ``utterances=False`` / ``events=False`` skip frames a caller does not need.

        Examples
        --------
        >>> study.frames().heard("r1")["participant_id"].tolist()[:2]
        ['P01', 'P02']
        """
        return StudyFrames(
            name=self.name, question=str(self.config.get("research_question", "")),
            folder=self.folder, rounds=self.rounds().reset_index(drop=True),
            participants=self.participants(), sessions=self.sessions(), notes=self.notes(),
            themes=self.themes(), guide=self.guide(),
            utterances=self.utterances() if utterances else pd.DataFrame(),
            placements=self.placements(),
            events=self.events() if events else pd.DataFrame(),
            config=self.config, last_event=self.last_event())

    # -- importing ----------------------------------------------------------------------
    def import_file(self, path: str | Path, kind: str | None = None, round: str | None = None,
                    create_participants: bool = False, interviewer: str | None = None, *,
                    columns: dict[str, str] | None = None, participant: str | None = None,
                    speakers: dict[str, str] | None = None,
                    candidate_notes: bool | None = None,
                    sort: str | None = None) -> dict[str, Any]:
        """Import one file (all or nothing); returns its summary and accounting.

        ``columns`` maps fields to the file's headers (``{"note": "Highlight"}``, as
        ``--column``), ``participant`` names a transcript's participant, ``speakers`` maps
        labels to roles (``{"A5": "observer"}``, as ``--speaker``), ``candidate_notes=False``
        makes no quotes from transcripts; ``study.toml``'s ``[import]`` and ``[speakers]``
        fill in what is not given. ``kind="placements"`` reads someone's codings of notes
        already in the study into ``sort`` (or one sort per coder; see
        :mod:`synthesis.ingest.sort_import`). See :mod:`synthesis.ingest.apply`.

        Examples
        --------
        >>> _ = (tmp / "taguette.csv").write_text(
        ...     "id,participant,note,tag\\n"
        ...     "h1,P01,Too many steps before my first invoice,Onboarding\\n"
        ...     "h2,P02,I could not find the VAT setting,Tax\\n")
        >>> summary = study.import_file(tmp / "taguette.csv", round="r1",
        ...                             columns={"note_id": "id", "theme": "tag"})
        >>> summary["counts"]["notes"], summary["counts"]["themes"]
        (2, 2)
        """
        # lazy: the importers add ~75 ms to `import synthesis`; only imports need them
        from .ingest.apply import import_file
        from .ingest.options import import_options

        options = import_options(self.config, self.identity, kind=kind, round=round,
                                 create_participants=create_participants,
                                 interviewer=interviewer, participant=participant,
                                 columns=columns, speakers=speakers,
                                 candidate_notes=candidate_notes, sort=sort)
        return import_file(self, Path(path), options)

    def preview_import(self, path: str | Path, kind: str | None = None,
                       round: str | None = None, create_participants: bool = False,
                       interviewer: str | None = None, **options: Any) -> Any:
        """What :meth:`import_file` would do, as frames; writes nothing (a dry run).

        Takes the same arguments. The result's ``participants`` (new / existing /
        merged), ``sessions``, ``speakers`` (roles, turns), ``notes``, ``themes``,
        ``placements`` and ``not_imported`` (with reasons) are DataFrames; ``print`` it for
        the summary.

        Examples
        --------
        >>> _ = (tmp / "notes.csv").write_text("participant,note\\nP01,Where is the VAT field?\\n")
        >>> study.preview_import(tmp / "notes.csv", round="r1").notes[["participant_id", "text"]]
          participant_id                    text
        0            P01  Where is the VAT field?
        """
        # lazy: the importers add ~75 ms to `import synthesis`; only imports need them
        from .ingest.apply import preview_import
        from .ingest.options import import_options

        return preview_import(self, Path(path), import_options(
            self.config, self.identity, kind=kind, round=round,
            create_participants=create_participants, interviewer=interviewer, **options))

    def apply_bundle(self, bundle: Any, round: str | None = None,
                     create_participants: bool = False) -> dict[str, Any]:
        """Write a parsed :class:`~synthesis.model.ImportBundle` in one transaction."""
        from .ingest.apply import apply_bundle  # lazy: ~75 ms, as above

        return apply_bundle(self, bundle, round_id=round,
                            create_participants=create_participants)

    # -- views --------------------------------------------------------------------------
    def board(self, round: str | None = None, sort: str | None = None, *,
              copy_board: bool = False, **options: Any) -> Any:
        """The affinity board widget for one round (or every note when ``round`` is None).

        ``sort`` opens a researcher's own sort of the round instead of the shared board
        (made if new: empty, or a copy of the shared board with ``copy_board``); it shows
        that sort's themes only (:func:`synthesis.sorts.open_sort`).

        Examples
        --------
        >>> board = open_study("data/invoicing-onboarding").board(round="r1")
        >>> board.state()["meta"]["n_participants"]  # the last line of a cell: just `board`
        10
        >>> dana = study.board("r1", sort="dana")
        >>> dana.state()["themes"], dana.state()["meta"]["sort"]
        ([], 'dana')
        """
        from .board import open_board  # lazy: anywidget adds ~300-450 ms to `import synthesis`

        if sort is not None:
            if round is None:
                raise StudyError("a sort belongs to one round: name the round too.")
            return open_board(open_sort(self, round, sort, copy_board=copy_board),
                              round=round, **options)
        return open_board(self, round=round, **options)

    def transcript(self, session: str, *, live: bool | None = None) -> Any:
        """A session's transcript to read, search and highlight into notes (a widget).

        Select words in one turn (or over one speaker's turns in a row) and press ``N`` (or
        "Note") to make them a note; see :mod:`synthesis.board.transcript`. In a kernel (or
        with ``live=True``) it follows the store's watcher: notes made elsewhere show within
        a second.

        Examples
        --------
        >>> reader = study.transcript("p01-2026-03-03")
        >>> reader.transcript["turns"][0]["role"]
        'interviewer'
        """
        # lazy: anywidget adds ~300-450 ms to `import synthesis`, as for the board
        from .board.transcript import Transcript

        return Transcript(self, session, live=live)

    # -- analysis (thin doors into synthesis.analysis, which never touches the store) ---
    def theme_frequency(self, round: str | None = None, by: str | None = "segment",
                        ) -> pd.DataFrame:
        """Per theme: notes, distinct participants, k of n, split by ``by`` (segment).

        Examples
        --------
        >>> study.theme_frequency(round="r1")[["theme", "k", "n"]].head(3)
                                   theme  k   n
        0        Bank connection anxiety  6  10
        1          Tax and VAT confusion  4  10
        2  Onboarding checklist too long  4  10
        """
        return theme_frequency_for(self, round=round, by=by)

    def saturation(self, round: str | None = None, base: int = 4, run: int = 2,
                   threshold: float = 0.05) -> Any:
        """Guest, Namey & Chen (2020) saturation: ``.headline`` says what the curve shows in
        plain words (the report's sentence), ``.statement`` the rule's own result."""
        return saturation_for(self, round=round, base=base, run=run, threshold=threshold)

    def shares_by_round(self) -> pd.DataFrame:
        """Each theme's share of participants per round, merged themes followed."""
        return shares_by_round_for(self)

    # -- suggestions (offline; see synthesis.suggest, which never touches the store) -------
    def suggest(self, round: str | None = None, drafts: int | str | None = None,
                top: int = 3) -> Any:
        """Theme suggestions for the unsorted notes of ``round``, computed on this machine.

        Returns a :class:`~synthesis.suggest.Suggestions`: ``.suggestions`` (per unsorted
        note, the ``top`` likeliest live themes with a score), and with ``drafts`` (a number,
        or ``"auto"`` to estimate it) ``.drafts``, draft themes for the round's unsorted
        notes. Nothing is written: accept a suggestion with :meth:`add_to_theme` and a draft
        with :meth:`create_theme`.

        Examples
        --------
        >>> s = study.suggest("r2")
        >>> s.suggestions.head(3)[["theme", "score"]]
                                theme   score
        0      Template customisation  0.3150
        1  Importing existing clients  0.2156
        2       Tax and VAT confusion  0.0683
        """
        self.check_round(round)
        # lazy: wordllama and scikit-learn add ~270 ms, seconds with drafts
        from .suggest import suggest_for_round

        return suggest_for_round(self.notes(), self.themes(), round, drafts=drafts, top=top)

    def agreement(self, round: str, sorts: Sequence[str] | str,
                  mapping: Mapping[str, str] | None = None) -> Any:
        """How far two or more sorts of a round agree (:mod:`synthesis.agreement`).

        ``sorts`` names the sorts (a list, or ``"dana,lee"``); themes are matched by name,
        ``mapping`` renames a theme first (``{"Bank fear": "Bank anxiety"}``). The result has
        frames ``themes`` (Cohen's kappa per theme with its 2×2 counts, PABAK, prevalence,
        bias and a 95 % interval), ``partition.matched``, ``partition.notes_to_move`` and
        ``disagreements``, the figures ``overall`` and ``partition.summary``, and
        ``to_json()``.

        Examples
        --------
        >>> result = study.agreement("r1", ["dana", "lee"])  # doctest: +SKIP
        >>> result.partition.summary["edit_distance"]  # doctest: +SKIP
        7
        """
        # lazy: scikit-learn, scipy, statsmodels (~0.6-1 s) only when figures are asked for
        from .agreement import compare_sorts
        from .sorts import round_notes, sort_placements

        names = [s.strip() for s in sorts.split(",")] if isinstance(sorts, str) else list(sorts)
        if len(names) < 2 or len(set(names)) < len(names):
            raise StudyError("name two or more different sorts to compare, e.g. dana,lee.")
        placements = {name: sort_placements(self, round, name) for name in names}
        return compare_sorts(round_notes(self, round), placements, mapping=mapping,
                             round=round)

    # -- overview -----------------------------------------------------------------------
    def status(self) -> pd.DataFrame:
        """Per round: participants heard, recruited, sessions, utterances, notes, themes,
        share sorted and whether the round is provisional (see :meth:`StudyFrames.status`).

        ``participants`` counts the people heard in the round (a session or a note in it),
        the ``n`` of every report; ``recruited`` adds those listed for it and not heard yet.
        ``sorted_share`` is the share of notes in at least one theme (a note in two themes
        counts once); a round below ``provisional_below`` (80 %) is ``provisional``.
        """
        return self.frames(events=False).status()


def _default_author() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers; the log still needs an author
        return "researcher"

