"""Sorting notes into themes: every theme and placement change a researcher makes.

:class:`Sorting` holds the writing half of :class:`~synthesis.Study` (the study mixes it
in). Each public method is one store transaction and appends one event, so a move is on
disk before the method returns, and undo, redo and the audit trail come from the log.

A note can sit in several themes; a placement is one (note, theme) pair and an unsorted
note has none. The verbs, in the board's terms:

- :meth:`~Sorting.place` — a drag: into a theme and out of the theme it was dragged from
  (``from_theme``), keeping its other themes; without ``from_theme`` the note ends up in
  this theme only (out of every other one);
- :meth:`~Sorting.add_to_theme` — an Alt/Option-drag: into a theme, keeping the others;
- :meth:`~Sorting.remove_from_theme` — out of one theme, keeping the others (a drag from a
  theme to Unsorted);
- :meth:`~Sorting.unplace` — out of every theme, back to unsorted.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .errors import StudyError

if TYPE_CHECKING:
    from .store import Store

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_THEME_NAME = 200
Notes = str | Iterable[str]
# The theme a note leaves: one theme for every note, or per note (None: it leaves nothing),
# which is what a board drag of cards selected in different columns sends.
FromTheme = str | Mapping[str, str | None] | None


class Sorting:
    """Theme and placement changes; mixed into :class:`~synthesis.Study`."""

    store: Store
    author: str
    # The sort these changes go to: None is the shared board; a study opened on a
    # researcher's own sort (synthesis.sorts.open_sort) sets both.
    sort_id: str | None = None
    sort_round: str | None = None
    sort_name: str = "board"

    def _log(self, kind: str, summary: str, **extra: Any) -> int:
        """Log this researcher's change on this board's sort (its undo stack is the sort's)."""
        return self.store.log(kind, self.author, summary, sort=self.sort_id, **extra)

    # -- themes -------------------------------------------------------------------------
    def _theme(self, theme_id: str) -> dict[str, Any]:
        row = self.store.get("themes", theme_id)
        if row is None or row["status"] != "live":
            raise StudyError(f"there is no theme {theme_id!r} in this study.")
        if self.store.theme_sort(theme_id) != self.sort_id:  # blind: no other sort's theme
            raise StudyError(f"theme {row['name']!r} is not on this board (it belongs to "
                             "another sort).")
        return row

    def create_theme(self, name: str, description: str = "", colour: str | None = None,
                     parent: str | None = None, notes: Iterable[str] = (),
                     theme_id: str | None = None, from_theme: FromTheme = None) -> str:
        """Create a theme, optionally holding ``notes``, and return its id.

        The notes keep the themes they are already in (a new theme never empties another
        one), except ``from_theme``, which they leave: that is a drag from a theme column
        onto "new theme". ``from_theme`` is a theme id, or a mapping note id -> theme id.

        Examples
        --------
        >>> tid = study.create_theme("Fear of the bank link", notes=[n1, n2])
        >>> study.themes_of([n1, n2]) == {n1: [tid], n2: [tid]}
        True
        """
        name = _theme_name(name)
        _check_colour(colour)
        note_ids = list(dict.fromkeys(_ids(notes)))
        tid = theme_id or "t-" + uuid.uuid4().hex[:10]
        with self.store.transaction():
            if parent is not None:
                self._theme(parent)
            self._check_notes(note_ids)
            position = self.store.next_theme_position()
            self.store.put("themes", tid, {
                "theme_id": tid, "name": name, "description": description, "colour": colour,
                "parent_id": parent, "position": position, "status": "live",
                "merged_into": None})
            if self.sort_id is not None:
                self.store.tie_theme(tid, self.sort_id)
            for nid in note_ids:
                for old in _leaving(nid, from_theme, []):
                    self._leave(nid, old)
                self._join(nid, tid)
            extra = f" with {len(note_ids)} notes" if note_ids else ""
            self._log("theme", f"create theme {name!r}{extra}",
                           op="create", theme_id=tid, from_theme=_logged(from_theme))
        return tid

    def _update_theme(self, theme_id: str, summary: str, op: str, **fields: Any) -> None:
        with self.store.transaction():
            row = self._theme(theme_id)
            self.store.put("themes", theme_id, {**row, **fields})
            self._log("theme", summary, op=op, theme_id=theme_id)

    def rename_theme(self, theme_id: str, name: str) -> None:
        """Rename a theme; its history stays with its id.

        Examples
        --------
        >>> study.rename_theme(theme["Bank connection anxiety"], "Bank anxiety")
        >>> study.themes().set_index("theme_id").loc[theme["Bank connection anxiety"], "name"]
        'Bank anxiety'
        """
        name = _theme_name(name)
        old = self._theme(theme_id)["name"]
        self._update_theme(theme_id, f"rename theme {old!r} to {name!r}", "rename", name=name)

    def describe_theme(self, theme_id: str, description: str) -> None:
        """Set a theme's description (what belongs in it).

        Examples
        --------
        >>> study.describe_theme(theme["Bank connection anxiety"],
        ...                      "Fear of giving the app bank access")
        """
        self._update_theme(theme_id, "describe theme", "describe",
                           description=str(description))

    def recolour_theme(self, theme_id: str, colour: str | None) -> None:
        """Give a theme a ``#rrggbb`` colour (None: the palette's).

        Examples
        --------
        >>> study.recolour_theme(theme["Bank connection anxiety"], "#1f77b4")
        """
        _check_colour(colour)
        self._update_theme(theme_id, f"recolour theme to {colour}", "recolour", colour=colour)

    def set_parent(self, theme_id: str, parent: str | None) -> None:
        """Group a theme under ``parent`` (None takes it out of its group).

        Examples
        --------
        >>> money = study.create_theme("Money worries")
        >>> study.set_parent(theme["Bank connection anxiety"], money)
        """
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
            self._log("theme", f"group theme {row['name']!r}", op="group",
                           theme_id=theme_id, parent_id=parent)

    def reorder_themes(self, theme_ids: list[str]) -> None:
        """Put these themes first, in this order; the others keep their relative order.

        Examples
        --------
        >>> study.reorder_themes([theme["Pricing plan confusion"],
        ...                       theme["Onboarding checklist too long"]])
        >>> study.themes()["name"].head(2).tolist()
        ['Pricing plan confusion', 'Onboarding checklist too long']
        """
        with self.store.transaction():
            for tid in theme_ids:
                self._theme(tid)
            rest = [t for t in self.store.live_theme_ids(self.sort_id) if t not in theme_ids]
            for pos, tid in enumerate(list(theme_ids) + rest):
                self.store.put("themes", tid, {**self._theme(tid), "position": pos})
            self._log("theme", "reorder themes", op="reorder")

    def merge_themes(self, source: str, target: str) -> None:
        """Move every note of ``source`` into ``target``; ``source`` is kept as merged.

        A note already in both ends up once in the target; its other themes stay.
        Sub-themes of the source move under the target. Analysis follows ``merged_into``
        so the surviving theme keeps the merged one's history across rounds.

        Examples
        --------
        >>> tax, pricing = theme["Tax and VAT confusion"], theme["Pricing plan confusion"]
        >>> study.merge_themes(tax, pricing)
        >>> tax in set(study.themes()["theme_id"])  # kept as merged, not live
        False
        """
        if source == target:
            raise StudyError("a theme cannot be merged into itself.")
        with self.store.transaction():
            src, dst = self._theme(source), self._theme(target)
            for nid in self._notes_in(source):
                self._leave(nid, source)
                self._join(nid, target)
            for child in self.store.live_children(source):
                row = self._theme(child)
                self.store.put("themes", child, {**row, "parent_id": (
                    None if child == target else target)})
            if dst["parent_id"] == source:
                dst = self._theme(target)
            self.store.put("themes", source, {**src, "status": "merged",
                                              "merged_into": target})
            self._log("theme",
                           f"merge theme {src['name']!r} into {dst['name']!r}", op="merge",
                           theme_id=source, target=target)

    def delete_theme(self, theme_id: str) -> None:
        """Delete a theme: its notes leave it (keeping their other themes; a note in no
        other theme is back in unsorted), and its sub-themes lose their group.

        Examples
        --------
        >>> study.delete_theme(theme["Template customisation"])
        >>> "Template customisation" in set(study.themes()["name"])
        False
        """
        with self.store.transaction():
            row = self._theme(theme_id)
            for nid in self._notes_in(theme_id):
                self._leave(nid, theme_id)
            for child in self.store.live_children(theme_id):
                self.store.put("themes", child, {**self._theme(child), "parent_id": None})
            self.store.put("themes", theme_id, {**row, "status": "deleted"})
            self._log("theme", f"delete theme {row['name']!r}", op="delete",
                           theme_id=theme_id)

    # -- placements ---------------------------------------------------------------------
    def _check_notes(self, note_ids: list[str]) -> None:
        missing = self.store.missing_notes(note_ids) if note_ids else []
        if missing:
            raise StudyError(f"there is no note {missing[0]!r} in this study.")
        aside = self.store.set_aside_among(note_ids) if note_ids else []
        if aside:  # off the board and out of every count: sorting it would be unseen
            raise StudyError(f"note {aside[0]!r} is set aside; restore it to sort it.")
        if self.sort_round is not None and note_ids:
            outside = self.store.notes_outside(note_ids, self.sort_round)
            if outside:
                raise StudyError(f"note {outside[0]!r} is not a note of round "
                                 f"{self.sort_round!r}, which this sort is of.")

    def _notes_in(self, theme_id: str) -> list[str]:
        return self.store.notes_in(theme_id)

    def themes_of(self, note_ids: Notes) -> dict[str, list[str]]:
        """Each note's themes (ids, board order); unsorted notes map to ``[]``.

        Examples
        --------
        >>> seq = study.add_to_theme([n1], theme["Bank connection anxiety"])
        >>> study.themes_of([n1, n2]) == {n1: [theme["Bank connection anxiety"]], n2: []}
        True
        """
        return self.store.themes_of(list(dict.fromkeys(_ids(note_ids))), self.sort_id)

    def _join(self, note_id: str, theme_id: str, present: bool | None = None) -> bool:
        """Put a note in a theme; ``present``: whether it is there now, when just read."""
        pair = {"note_id": note_id, "theme_id": theme_id}
        before: Any = ... if present is None else (pair if present else None)
        return self.store.put("placements", (note_id, theme_id), pair, before)

    def _leave(self, note_id: str, theme_id: str, present: bool | None = None) -> bool:
        """Take a note out of a theme; ``present`` as for :meth:`_join`."""
        pair = {"note_id": note_id, "theme_id": theme_id}
        before: Any = ... if present is None else (pair if present else None)
        return self.store.put("placements", (note_id, theme_id), None, before)

    def place(self, note_ids: Notes, theme_id: str, from_theme: FromTheme = None) -> int:
        """Move notes into a theme; returns the event seq.

        With ``from_theme`` (what a board drag sends) the notes leave that theme only and
        keep their other themes; a mapping note id -> theme id names it per note (a note
        mapped to None leaves nothing). Without it they end up in ``theme_id`` only: out of
        every other theme, as a move worked when a note had one theme. A note set aside
        (:meth:`~synthesis.notemaking.NoteMaking.set_aside`) is refused with one sentence,
        as by every placement write, until it is restored.

        Examples
        --------
        >>> pricing, setup = theme["Pricing plan confusion"], theme["Onboarding checklist too long"]
        >>> seq = study.place([n1], setup)
        >>> study.place([n1], pricing, from_theme=setup) == seq + 1  # one event each
        True
        >>> study.themes_of([n1])[n1] == [pricing]
        True
        """
        ids = list(dict.fromkeys(_ids(note_ids)))
        with self.store.transaction():
            row = self._theme(theme_id)
            self._check_notes(ids)
            current = self.themes_of(ids)
            for nid in ids:  # where each note is was just read: no query per pair
                have = set(current[nid])
                for old in _leaving(nid, from_theme, current[nid]):
                    if old != theme_id:
                        self._leave(nid, old, old in have)
                self._join(nid, theme_id, theme_id in have)
            if from_theme is None or (not isinstance(from_theme, str)
                                      and not any(from_theme.get(n) for n in ids)):
                summary = f"place {len(ids)} note(s) in {row['name']!r}"
            elif isinstance(from_theme, str):
                src = self.store.get("themes", from_theme)
                summary = (f"move {len(ids)} note(s) from "
                           f"{(src or {}).get('name', from_theme)!r} to {row['name']!r}")
            else:
                summary = f"move {len(ids)} note(s) to {row['name']!r}"
            return self._log("placement", summary, op="place",
                                  theme_id=theme_id, from_theme=_logged(from_theme),
                                  notes=ids)

    def add_to_theme(self, note_ids: Notes, theme_id: str) -> int:
        """Put notes into one more theme, keeping the themes they are in; returns the seq.

        Examples
        --------
        >>> seq = study.add_to_theme([n1], theme["Accountant access"])  # Alt/Option-drag
        >>> study.themes_of([n1])[n1] == [theme["Accountant access"]]
        True
        """
        return self._each(note_ids, theme_id, self._join, "add", "to")

    def remove_from_theme(self, note_ids: Notes, theme_id: str) -> int:
        """Take notes out of one theme, keeping their others; returns the event seq.

        A note in no other theme is unsorted afterwards.

        Examples
        --------
        >>> seq = study.add_to_theme([n1], theme["Accountant access"])
        >>> seq = study.remove_from_theme([n1], theme["Accountant access"])
        >>> study.themes_of([n1])[n1]
        []
        """
        return self._each(note_ids, theme_id, self._leave, "remove", "from")

    def _each(self, note_ids: Notes, theme_id: str, step: Callable[[str, str], bool],
              op: str, preposition: str) -> int:
        """One pair change per note with one theme: one transaction, one event."""
        ids = list(dict.fromkeys(_ids(note_ids)))
        with self.store.transaction():
            row = self._theme(theme_id)
            self._check_notes(ids)
            for nid in ids:
                step(nid, theme_id)
            return self._log("placement",
                                  f"{op} {len(ids)} note(s) {preposition} {row['name']!r}",
                                  op=op, theme_id=theme_id, notes=ids)

    def unplace(self, note_ids: Notes) -> int:
        """Send notes back to the unsorted pile (out of every theme); returns the event seq.

        Examples
        --------
        >>> seq = study.place([n1, n2], theme["Accountant access"])
        >>> seq = study.unplace([n1])
        >>> study.themes_of([n1, n2]) == {n1: [], n2: [theme["Accountant access"]]}
        True
        """
        ids = list(dict.fromkeys(_ids(note_ids)))
        with self.store.transaction():
            self._check_notes(ids)
            for nid, themes in self.themes_of(ids).items():
                for tid in themes:
                    self._leave(nid, tid, True)
            return self._log("placement",
                                  f"unsort {len(ids)} note(s)", op="unplace", notes=ids)

    def undo(self, mine_only: bool = True) -> dict[str, Any] | None:
        """Undo this researcher's newest theme or placement change (None: nothing to undo).

        Undo is per author and per board: two researchers on one board each undo their own
        work (``mine_only=False`` takes the team's newest change instead), and undo on a
        researcher's own sort takes back only changes made on that sort, never a move on
        the shared board or another sort. A change someone
        built on since is not undone: the result's ``refused`` says why in one sentence
        and ``next`` names the change the next undo takes (see
        :mod:`synthesis.store.events`).

        Examples
        --------
        >>> seq = study.place([n1], theme["Accountant access"])
        >>> study.undo()["summary"]
        "undo place 1 note(s) in 'Accountant access'"
        >>> study.themes_of([n1])[n1]
        []
        """
        return self.store.undo(self.author, team=not mine_only, sort=self.sort_id)

    def redo(self, mine_only: bool = True) -> dict[str, Any] | None:
        """Redo this researcher's latest undone change (None when there is nothing to redo).

        Examples
        --------
        >>> seq = study.place([n1], theme["Accountant access"])
        >>> study.undo()["summary"]
        "undo place 1 note(s) in 'Accountant access'"
        >>> study.redo()["summary"]
        "redo place 1 note(s) in 'Accountant access'"
        """
        return self.store.redo(self.author, team=not mine_only, sort=self.sort_id)


def _leaving(note_id: str, from_theme: FromTheme, current: list[str]) -> list[str]:
    """The themes a note leaves: ``current`` (all) without ``from_theme``, else the one named."""
    if from_theme is None:
        return current
    old = from_theme if isinstance(from_theme, str) else from_theme.get(note_id)
    return [] if old is None else [old]


def _logged(from_theme: FromTheme) -> str | dict[str, str | None] | None:
    return from_theme if from_theme is None or isinstance(from_theme, str) else dict(from_theme)


def _ids(note_ids: Notes) -> list[str]:
    return [note_ids] if isinstance(note_ids, str) else [str(n) for n in note_ids]


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
