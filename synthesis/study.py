"""A study: the folder, its study file and its store, seen from a notebook or the CLI.

Every method that changes the synthesis state (themes, placements) runs in one store
transaction and appends one event, so a researcher's move is on disk before the method
returns, and undo, redo and the audit trail come from the log.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from .config import DATABASE_FILE, load_config, write_template
from .errors import StudyError
from .identity import rule_from_config
from .store import Store

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_THEME_NAME = 200


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


class Study:
    """One study: accessors return DataFrames, changes go through the store."""

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
        """Every note with its theme (``theme_id`` is None for unsorted notes)."""
        sql = ("SELECT n.note_id, n.round_id, n.participant_id, n.session_id, n.utterance_id,"
               " n.text, n.kind, n.source, n.source_ref, n.start_char, n.end_char, n.author,"
               " p.theme_id, t.name AS theme FROM notes n"
               " LEFT JOIN placements p USING (note_id)"
               " LEFT JOIN themes t ON t.theme_id = p.theme_id")
        params: list[Any] = []
        if round is not None:
            sql, params = sql + " WHERE n.round_id=?", [round]
        return self.store.frame(sql + " ORDER BY n.rowid", params)

    def themes(self, include_removed: bool = False) -> pd.DataFrame:
        """Live themes in board order, with their note and distinct-participant counts."""
        where = "" if include_removed else "WHERE t.status='live'"
        return self.store.frame(
            "SELECT t.theme_id, t.name, t.description, t.colour, t.parent_id, t.position,"
            " t.status, t.merged_into, COUNT(p.note_id) AS notes,"
            " COUNT(DISTINCT n.participant_id) AS participants"
            " FROM themes t LEFT JOIN placements p ON p.theme_id = t.theme_id"
            f" LEFT JOIN notes n ON n.note_id = p.note_id {where}"
            " GROUP BY t.theme_id ORDER BY t.position, t.name")

    def placements(self) -> pd.DataFrame:
        return self.store.frame("SELECT note_id, theme_id FROM placements ORDER BY note_id")

    def guide(self) -> pd.DataFrame:
        return self.store.frame("SELECT * FROM guide_questions ORDER BY position")

    def events(self, since: int = 0) -> pd.DataFrame:
        """The event log (``payload`` decoded), oldest first."""
        df = self.store.frame("SELECT * FROM events WHERE seq > ? ORDER BY seq", (since,))
        df["payload"] = [json.loads(p) for p in df["payload"]]
        return df

    def last_event(self) -> int:
        return self.store.last_event()

    # -- themes -------------------------------------------------------------------------
    def _theme(self, theme_id: str) -> dict[str, Any]:
        row = self.store.get("themes", theme_id)
        if row is None or row["status"] != "live":
            raise StudyError(f"there is no theme {theme_id!r} in this study.")
        return row

    def create_theme(self, name: str, description: str = "", colour: str | None = None,
                     parent: str | None = None, notes: Iterable[str] = (),
                     theme_id: str | None = None) -> str:
        """Create a theme (optionally with notes placed in it) and return its id.

        Examples
        --------
        >>> tid = study.create_theme("Bank connection anxiety", notes=["n-1a2b"])  # doctest: +SKIP
        """
        name = _theme_name(name)
        _check_colour(colour)
        note_ids = list(notes)
        tid = theme_id or "t-" + uuid.uuid4().hex[:10]
        with self.store.transaction() as conn:
            if parent is not None:
                self._theme(parent)
            self._check_notes(note_ids)
            position = conn.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM themes")\
                .fetchone()[0]
            self.store.put("themes", tid, {
                "theme_id": tid, "name": name, "description": description, "colour": colour,
                "parent_id": parent, "position": position, "status": "live",
                "merged_into": None})
            for nid in note_ids:
                self.store.put("placements", nid, {"note_id": nid, "theme_id": tid})
            extra = f" with {len(note_ids)} notes" if note_ids else ""
            self.store.log("theme", self.author, f"create theme {name!r}{extra}",
                           op="create", theme_id=tid)
        return tid

    def _update_theme(self, theme_id: str, summary: str, op: str, **fields: Any) -> None:
        with self.store.transaction():
            row = self._theme(theme_id)
            self.store.put("themes", theme_id, {**row, **fields})
            self.store.log("theme", self.author, summary, op=op, theme_id=theme_id)

    def rename_theme(self, theme_id: str, name: str) -> None:
        """Rename a theme; its history stays with its id."""
        name = _theme_name(name)
        old = self._theme(theme_id)["name"]
        self._update_theme(theme_id, f"rename theme {old!r} to {name!r}", "rename", name=name)

    def describe_theme(self, theme_id: str, description: str) -> None:
        self._update_theme(theme_id, "describe theme", "describe",
                           description=str(description))

    def recolour_theme(self, theme_id: str, colour: str | None) -> None:
        _check_colour(colour)
        self._update_theme(theme_id, f"recolour theme to {colour}", "recolour", colour=colour)

    def set_parent(self, theme_id: str, parent: str | None) -> None:
        """Group a theme under ``parent`` (None takes it out of its group)."""
        with self.store.transaction():
            row = self._theme(theme_id)
            if parent is not None:
                self._theme(parent)
                ancestor: str | None = parent
                while ancestor is not None:  # refuse cycles: a theme cannot contain itself
                    if ancestor == theme_id:
                        raise StudyError(f"theme {row['name']!r} cannot be grouped under "
                                         "itself or one of its own sub-themes.")
                    ancestor = (self.store.get("themes", ancestor) or {}).get("parent_id")
            self.store.put("themes", theme_id, {**row, "parent_id": parent})
            self.store.log("theme", self.author, f"group theme {row['name']!r}", op="group",
                           theme_id=theme_id, parent_id=parent)

    def reorder_themes(self, theme_ids: list[str]) -> None:
        """Put these themes first, in this order; the others keep their relative order."""
        with self.store.transaction():
            for tid in theme_ids:
                self._theme(tid)
            rest = [t for t in self.themes()["theme_id"] if t not in theme_ids]
            for pos, tid in enumerate(list(theme_ids) + rest):
                self.store.put("themes", tid, {**self._theme(tid), "position": pos})
            self.store.log("theme", self.author, "reorder themes", op="reorder")

    def merge_themes(self, source: str, target: str) -> None:
        """Move every note of ``source`` into ``target``; ``source`` is kept as merged.

        Sub-themes of the source move under the target. Analysis follows ``merged_into``
        so the surviving theme keeps the merged one's history across rounds.
        """
        if source == target:
            raise StudyError("a theme cannot be merged into itself.")
        with self.store.transaction() as conn:
            src, dst = self._theme(source), self._theme(target)
            for (nid,) in conn.execute("SELECT note_id FROM placements WHERE theme_id=?",
                                       (source,)).fetchall():
                self.store.put("placements", nid, {"note_id": nid, "theme_id": target})
            for (child,) in conn.execute("SELECT theme_id FROM themes WHERE parent_id=? AND "
                                         "status='live'", (source,)).fetchall():
                row = self._theme(child)
                self.store.put("themes", child, {**row, "parent_id": (
                    None if child == target else target)})
            if dst["parent_id"] == source:
                dst = self._theme(target)
            self.store.put("themes", source, {**src, "status": "merged",
                                              "merged_into": target})
            self.store.log("theme", self.author,
                           f"merge theme {src['name']!r} into {dst['name']!r}", op="merge",
                           theme_id=source, target=target)

    def delete_theme(self, theme_id: str) -> None:
        """Delete a theme: its notes go back to unsorted, its sub-themes lose their group."""
        with self.store.transaction() as conn:
            row = self._theme(theme_id)
            for (nid,) in conn.execute("SELECT note_id FROM placements WHERE theme_id=?",
                                       (theme_id,)).fetchall():
                self.store.put("placements", nid, None)
            for (child,) in conn.execute("SELECT theme_id FROM themes WHERE parent_id=? AND "
                                         "status='live'", (theme_id,)).fetchall():
                self.store.put("themes", child, {**self._theme(child), "parent_id": None})
            self.store.put("themes", theme_id, {**row, "status": "deleted"})
            self.store.log("theme", self.author, f"delete theme {row['name']!r}", op="delete",
                           theme_id=theme_id)

    # -- placements ---------------------------------------------------------------------
    def _check_notes(self, note_ids: list[str]) -> None:
        if not note_ids:
            return
        marks = ",".join("?" * len(note_ids))
        found = {r[0] for r in self.store.conn.execute(
            f"SELECT note_id FROM notes WHERE note_id IN ({marks})", note_ids)}
        missing = [n for n in note_ids if n not in found]
        if missing:
            raise StudyError(f"there is no note {missing[0]!r} in this study.")

    def place(self, note_ids: str | Iterable[str], theme_id: str) -> int:
        """Put notes into a theme (moving them out of any other); returns the event seq."""
        ids = [note_ids] if isinstance(note_ids, str) else list(note_ids)
        with self.store.transaction():
            row = self._theme(theme_id)
            self._check_notes(ids)
            for nid in ids:
                self.store.put("placements", nid, {"note_id": nid, "theme_id": theme_id})
            return self.store.log("placement", self.author,
                                  f"place {len(ids)} note(s) in {row['name']!r}",
                                  op="place", theme_id=theme_id, notes=ids)

    def unplace(self, note_ids: str | Iterable[str]) -> int:
        """Send notes back to the unsorted pile; returns the event seq."""
        ids = [note_ids] if isinstance(note_ids, str) else list(note_ids)
        with self.store.transaction():
            self._check_notes(ids)
            for nid in ids:
                self.store.put("placements", nid, None)
            return self.store.log("placement", self.author,
                                  f"unsort {len(ids)} note(s)", op="unplace", notes=ids)

    def undo(self, mine_only: bool = False) -> dict[str, Any] | None:
        """Undo the newest theme or placement change (None when there is nothing to undo)."""
        return self.store.undo(self.author if mine_only else None)

    def redo(self, mine_only: bool = False) -> dict[str, Any] | None:
        return self.store.redo(self.author if mine_only else None)

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

    # -- overview -----------------------------------------------------------------------
    def status(self) -> pd.DataFrame:
        """Per round: participants, sessions, utterances, notes, themes, share sorted.

        A round's participants are those assigned to it plus anyone with a note or a
        session in it, so a participant interviewed again later counts in both rounds.
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
            "   WHERE n.round_id IS r.round_id) AS themes,"
            " (SELECT COUNT(*) FROM placements p JOIN notes n USING (note_id)"
            "   WHERE n.round_id IS r.round_id) AS sorted"
            f" FROM ({rounds}) r ORDER BY r.position").assign(
                sorted_share=lambda d: (d["sorted"] / d["notes"].where(d["notes"] > 0))
                .fillna(0.0).round(3)).drop(columns="sorted")


def _default_author() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers; the log still needs an author
        return "researcher"


def _theme_name(name: str) -> str:
    name = " ".join(str(name).split())
    if not name:
        raise StudyError("a theme needs a name.")
    if len(name) > MAX_THEME_NAME:
        raise StudyError(f"a theme name can be at most {MAX_THEME_NAME} characters.")
    return name


def _check_colour(colour: str | None) -> None:
    if colour is not None and not _COLOUR.match(colour):
        raise StudyError(f"colour {colour!r} should look like #1f77b4.")
