"""A study: the folder, its study file and its store, seen from a notebook or the CLI.

Reading is here; every method that changes the synthesis state (themes, placements) lives
in :mod:`synthesis.sorting`, runs in one store transaction and appends one event, so a
researcher's move is on disk before the method returns, and undo, redo and the audit trail
come from the log.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .config import DATABASE_FILE, load_config, write_template
from .errors import StudyError
from .identity import rule_from_config
from .sorting import Sorting
from .store import Store


def init_study(folder: str | Path, name: str | None = None, question: str = "") -> Study:
    """Create a new study folder with a starter ``study.toml`` and an empty store.

    Examples
    --------
    >>> study = init_study(tmp / "pricing-study", name="Pricing")  # doctest: +SKIP
    """
    folder = Path(folder)
    write_template(folder, name or folder.name, question)
    (folder / "rounds").mkdir(exist_ok=True)
    return Study(folder)


def open_study(folder: str | Path, *, author: str | None = None) -> Study:
    """Open an existing study folder (its schema is migrated on open).

    Examples
    --------
    >>> study = open_study("data/invoicing-onboarding")  # doctest: +SKIP
    >>> study.status()  # doctest: +SKIP
    """
    return Study(Path(folder), author=author)


class Study(Sorting):
    """One study: accessors return DataFrames, changes go through the store.

    Theme and placement changes (``place``, ``add_to_theme``, ``merge_themes``, ``undo``...)
    come from :class:`~synthesis.sorting.Sorting`.
    """

    def __init__(self, folder: Path, *, author: str | None = None):
        self.folder = Path(folder).resolve()
        self.config = load_config(self.folder)
        self.identity = rule_from_config(self.config, str(self.folder / "study.toml"))
        self.author = author or _default_author()
        # A study folder whose database was never built is still a study: build it empty.
        self.store = Store(self.folder / DATABASE_FILE, create=True)
        self._sync_rounds()
        from .ingest.rawcopy import recover

        # An import killed half-way left its raw file staged: finish or undo it now.
        self.recovered = recover(self)

    def __repr__(self) -> str:
        return f"<Study {self.config['name']!r} at {self.folder}>"

    def close(self) -> None:
        self.store.close()

    def _sync_rounds(self) -> None:
        """Rounds are declared in the study file; mirror them into the store."""
        rounds = self.config["rounds"]
        current = {r["round_id"]: r for r in map(dict, self.store.conn.execute(
            "SELECT round_id, name, start, end, position FROM rounds"))}
        wanted = {r["id"]: {"round_id": r["id"], "name": r["name"], "start": r["start"],
                            "end": r["end"], "position": i} for i, r in enumerate(rounds)}
        if all(current.get(k) == v for k, v in wanted.items()):
            return
        with self.store.transaction() as conn:
            for row in wanted.values():
                conn.execute("INSERT OR REPLACE INTO rounds VALUES (?, ?, ?, ?, ?)",
                             (row["round_id"], row["name"], row["start"], row["end"],
                              row["position"]))

    def ensure_round(self, round_id: str) -> None:
        if self.store.one("SELECT 1 FROM rounds WHERE round_id=?", (round_id,)) is None:
            with self.store.transaction() as conn:
                pos = conn.execute("SELECT COUNT(*) FROM rounds").fetchone()[0]
                conn.execute("INSERT INTO rounds VALUES (?, ?, '', '', ?)",
                             (round_id, round_id, pos))

    # -- reading ------------------------------------------------------------------------
    def rounds(self) -> pd.DataFrame:
        """Rounds in study order: ``round_id, name, start, end, position``."""
        return self.store.frame("SELECT * FROM rounds ORDER BY position, round_id")

    def participants(self, round: str | None = None) -> pd.DataFrame:
        """One row per participant, one column per attribute (``segment``, ``role``...).

        With ``round``, the participants who belong to it or have a note or session in it.
        """
        sql = "SELECT participant_id, round_id, name, attributes FROM participants"
        params: list[Any] = []
        if round is not None:
            sql += (" WHERE round_id=? OR participant_id IN (SELECT participant_id FROM notes"
                    " WHERE round_id=?) OR participant_id IN (SELECT participant_id FROM"
                    " sessions WHERE round_id=?)")
            params = [round, round, round]
        df = self.store.frame(sql + " ORDER BY participant_id", params)
        attrs = pd.DataFrame([json.loads(a) for a in df["attributes"]], index=df.index)
        attrs = attrs.drop(columns=[c for c in attrs.columns if c in df.columns],
                           errors="ignore")
        return pd.concat([df.drop(columns="attributes"), attrs], axis=1)

    def sessions(self, round: str | None = None) -> pd.DataFrame:
        sql = "SELECT * FROM sessions"
        params: list[Any] = []
        if round is not None:
            sql, params = sql + " WHERE round_id=?", [round]
        df = self.store.frame(sql + " ORDER BY round_id, date, session_id", params)
        df["interviewers"] = [tuple(json.loads(v)) for v in df["interviewers"]]
        df["speakers_known"] = df["speakers_known"].astype(bool)
        df["role_warnings"] = [tuple(json.loads(v)) for v in df["role_warnings"]]
        return df

    def utterances(self, session: str | None = None, round: str | None = None) -> pd.DataFrame:
        sql = "SELECT u.* FROM utterances u JOIN sessions s USING (session_id)"
        clauses, params = [], []
        if session is not None:
            clauses.append("u.session_id=?")
            params.append(session)
        if round is not None:
            clauses.append("s.round_id=?")
            params.append(round)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return self.store.frame(sql + " ORDER BY u.session_id, u.position", params)

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
        >>> study.notes(round="r1").loc[0, ["note_id", "theme_ids"]].tolist()  # doctest: +SKIP
        ['n-1', ('t-bank', 't-trust')]
        """
        where, params = ("", []) if round is None else (" WHERE n.round_id=?", [round])
        notes = self.store.frame(
            "SELECT n.note_id, n.round_id, n.participant_id, n.session_id, n.utterance_id,"
            " n.text, n.kind, n.source, n.source_ref, n.start_char, n.end_char, n.author,"
            f" n.source_note_id, n.attributes FROM notes n{where} ORDER BY n.rowid", params)
        notes["attributes"] = pd.Series([json.loads(a) for a in notes["attributes"]],
                                        index=notes.index, dtype=object)
        placed: dict[str, tuple[list[str], list[str]]] = {}
        for nid, tid, name in self.store.conn.execute(
                "SELECT p.note_id, p.theme_id, t.name FROM placements p"
                " JOIN themes t ON t.theme_id = p.theme_id AND t.status = 'live'"
                " JOIN notes n ON n.note_id = p.note_id" + where +
                " ORDER BY t.position, t.name, t.theme_id", params):
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
        where = "" if include_removed else "WHERE t.status='live'"
        return self.store.frame(
            "SELECT t.theme_id, t.name, t.description, t.colour, t.parent_id, t.position,"
            " t.status, t.merged_into, COUNT(p.note_id) AS notes,"
            " COUNT(DISTINCT n.participant_id) AS participants"
            " FROM themes t LEFT JOIN placements p ON p.theme_id = t.theme_id"
            f" LEFT JOIN notes n ON n.note_id = p.note_id {where}"
            " GROUP BY t.theme_id ORDER BY t.position, t.name")

    def placements(self) -> pd.DataFrame:
        """Every placement: one ``note_id, theme_id`` row per note and theme it sits in."""
        return self.store.frame("SELECT note_id, theme_id FROM placements"
                                " ORDER BY note_id, theme_id")

    def guide(self) -> pd.DataFrame:
        return self.store.frame("SELECT * FROM guide_questions ORDER BY position")

    def events(self, since: int = 0) -> pd.DataFrame:
        """The event log (``payload`` decoded), oldest first."""
        df = self.store.frame("SELECT * FROM events WHERE seq > ? ORDER BY seq", (since,))
        df["payload"] = [json.loads(p) for p in df["payload"]]
        return df

    def last_event(self) -> int:
        return self.store.last_event()

    # -- importing ----------------------------------------------------------------------
    def import_file(self, path: str | Path, kind: str | None = None, round: str | None = None,
                    create_participants: bool = False, interviewer: str | None = None, *,
                    columns: dict[str, str] | None = None, participant: str | None = None,
                    speakers: dict[str, str] | None = None,
                    candidate_notes: bool | None = None) -> dict[str, Any]:
        """Import one file (all or nothing); returns its summary and accounting.

        ``columns`` maps fields to the file's headers (``{"note": "Highlight"}``, as
        ``--column``), ``participant`` names a transcript's participant, ``speakers`` maps
        labels to roles (``{"A5": "observer"}``, as ``--speaker``), ``candidate_notes=False``
        makes no quotes from transcripts; ``study.toml``'s ``[import]`` and ``[speakers]``
        fill in what is not given. See :mod:`synthesis.ingest.apply`.

        Examples
        --------
        >>> study.import_file("taguette.csv", round="r1",
        ...                   columns={"note_id": "id", "theme": "tag"})  # doctest: +SKIP
        """
        from .ingest.apply import import_file
        from .ingest.options import import_options

        options = import_options(self.config, self.identity, kind=kind, round=round,
                                 create_participants=create_participants,
                                 interviewer=interviewer, participant=participant,
                                 columns=columns, speakers=speakers,
                                 candidate_notes=candidate_notes)
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
        >>> study.preview_import("P2_GMT20211119.odt", round="r1").speakers  # doctest: +SKIP
        """
        from .ingest.apply import preview_import
        from .ingest.options import import_options

        return preview_import(self, Path(path), import_options(
            self.config, self.identity, kind=kind, round=round,
            create_participants=create_participants, interviewer=interviewer, **options))

    def apply_bundle(self, bundle: Any, round: str | None = None,
                     create_participants: bool = False) -> dict[str, Any]:
        """Write a parsed :class:`~synthesis.model.ImportBundle` in one transaction."""
        from .ingest.apply import apply_bundle

        return apply_bundle(self, bundle, round_id=round,
                            create_participants=create_participants)

    # -- views --------------------------------------------------------------------------
    def board(self, round: str | None = None, **options: Any) -> Any:
        """The affinity board widget for one round (or every note when ``round`` is None).

        Examples
        --------
        >>> open_study("data/invoicing-onboarding").board(round="r1")  # doctest: +SKIP
        """
        from .board import open_board

        return open_board(self, round=round, **options)

    # -- analysis (thin doors into synthesis.analysis, which never touches the store) ---
    def theme_frequency(self, round: str | None = None, by: str | None = "segment",
                        ) -> pd.DataFrame:
        """Per theme: notes, distinct participants, k of n, split by ``by`` (segment).

        Examples
        --------
        >>> study.theme_frequency(round="r1")[["theme", "k", "n"]].head(3)  # doctest: +SKIP
        """
        from .analysis.study_views import theme_frequency_for

        return theme_frequency_for(self, round=round, by=by)

    def saturation(self, round: str | None = None, base: int = 4, run: int = 2,
                   threshold: float = 0.05) -> Any:
        """Guest, Namey & Chen (2020) saturation; ``.statement`` says it in one sentence."""
        from .analysis.study_views import saturation_for

        return saturation_for(self, round=round, base=base, run=run, threshold=threshold)

    def shares_by_round(self) -> pd.DataFrame:
        """Each theme's share of participants per round, merged themes followed."""
        from .analysis.study_views import shares_by_round_for

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
        >>> s = study.suggest("r2", drafts="auto")  # doctest: +SKIP
        >>> s.suggestions.head(3)[["note_id", "theme", "score"]]  # doctest: +SKIP
        """
        if round is not None and round not in set(self.rounds()["round_id"]):
            from .errors import StudyError

            raise StudyError(f"there is no round {round!r} in this study.")
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
        """Per round: participants, sessions, utterances, notes, themes, share sorted.

        A round's participants are those assigned to it plus anyone with a note or a
        session in it, so a participant interviewed again later counts in both rounds.
        ``sorted_share`` is the share of notes in at least one theme (a note in two themes
        counts once).
        """
        # Rows with no round (e.g. a REFI project imported without --round) get their own
        # line rather than vanishing from the overview.
        rounds = ("SELECT round_id, position FROM rounds UNION ALL SELECT NULL, 1e9"
                  " WHERE EXISTS (SELECT 1 FROM notes WHERE round_id IS NULL)"
                  " OR EXISTS (SELECT 1 FROM sessions WHERE round_id IS NULL)")
        return self.store.frame(
            "SELECT COALESCE(r.round_id, '(no round)') AS round,"
            " (SELECT COUNT(*) FROM (SELECT participant_id FROM participants"
            "   WHERE round_id IS r.round_id UNION SELECT participant_id FROM notes"
            "   WHERE round_id IS r.round_id AND participant_id IS NOT NULL UNION"
            "   SELECT participant_id FROM sessions WHERE round_id IS r.round_id"
            "   AND participant_id IS NOT NULL)) AS participants,"
            " (SELECT COUNT(*) FROM sessions s WHERE s.round_id IS r.round_id) AS sessions,"
            " (SELECT COUNT(*) FROM utterances u JOIN sessions s USING (session_id)"
            "   WHERE s.round_id IS r.round_id) AS utterances,"
            " (SELECT COUNT(*) FROM notes n WHERE n.round_id IS r.round_id) AS notes,"
            " (SELECT COUNT(DISTINCT p.theme_id) FROM placements p JOIN notes n USING (note_id)"
            f"   {_LIVE} WHERE n.round_id IS r.round_id) AS themes,"
            " (SELECT COUNT(DISTINCT p.note_id) FROM placements p JOIN notes n USING (note_id)"
            f"   {_LIVE} WHERE n.round_id IS r.round_id) AS sorted"
            f" FROM ({rounds}) r ORDER BY r.position").assign(
                sorted_share=lambda d: (d["sorted"] / d["notes"].where(d["notes"] > 0))
                .fillna(0.0).round(3)).drop(columns="sorted")


_LIVE = "JOIN themes t ON t.theme_id = p.theme_id AND t.status = 'live'"


def _default_author() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers; the log still needs an author
        return "researcher"

