"""What each board action does: one :class:`~synthesis.Study` call and the sentence shown.

Notes are actions too: ``new_note`` (a sticky), ``note_from_span`` (a highlight in the
transcript reader), ``edit_note``, ``split_note``, ``set_aside`` and ``restore_note``
(:mod:`synthesis.notemaking`); after one (or an undo of one) the board re-reads its cards.

The browser sends an action as one message (``{"type": "move", "id": ..., "notes": [...],
"to": ...}``); :func:`perform` applies it through the Study API (one store transaction and
one event each) and returns the ack the widget sends back. A refused action (a theme another
board just deleted, an empty name) is an ``ok: False`` ack with one sentence, never an
exception: the browser puts the card back and shows the sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..errors import StudyError, SynthesisError
from .state import UNSORTED

NEW_THEME_NAME = "New theme"

# An action gets the study, the themes the board shows (for names) and the message.
Action = Callable[[Any, Sequence[dict[str, Any]], dict[str, Any]], dict[str, Any]]


def perform(study: Any, themes: Sequence[dict[str, Any]], msg: dict[str, Any]) -> dict[str, Any]:
    """Apply one action message; return the ack (``ok`` with a summary, or an error).

    Examples
    --------
    >>> board = study.board(round="r1")
    >>> perform(study, board.themes, {"type": "move", "id": "r1", "notes": [n1],
    ...                               "to": theme["Accountant access"]})
    {'type': 'ack', 'id': 'r1', 'op': 'move', 'ok': True,
     'summary': "Moved 1 note to 'Accountant access'.", ...}
    """
    kind = str(msg.get("type", ""))
    reply: dict[str, Any] = {"type": "ack", "id": msg.get("id"), "op": kind}
    action = ACTIONS.get(kind)
    if action is None:
        reply.update(ok=False, error=f"the board does not know the action {kind!r}.")
        return reply
    try:
        result = action(study, themes, msg)
    except SynthesisError as exc:
        reply.update(ok=False, error=str(exc))
    except (KeyError, TypeError, ValueError) as exc:  # a malformed message, not a user slip
        reply.update(ok=False, error=f"the board sent a malformed {kind!r} message ({exc}).")
    else:
        reply.update(ok=True, **result)
    reply["seq"] = study.last_event()
    return reply


def _move(study: Any, themes: Sequence[dict[str, Any]], msg: dict[str, Any]) -> dict[str, Any]:
    """A drop: ``to`` a theme or unsorted, ``from`` the column each card left.

    ``from`` is one column for every note, or a mapping note id -> column (cards selected in
    different columns). A note leaves its ``from`` theme only and keeps its others; from the
    unsorted pile it leaves nothing. To unsorted: out of its ``from`` theme alone. ``add``
    (Alt/Option-drag, the A key) leaves nothing. Without ``from`` a move takes the notes out
    of every theme, as when a note had one.
    """
    notes = _ids(msg["notes"])
    target = str(msg["to"])
    add = bool(msg.get("add"))
    sources = _sources(msg.get("from"), notes)
    # Compare with the store, not with the state last shown: another board may have moved
    # these notes since, and the researcher's drop must still win for them.
    current = {n: set(t) for n, t in study.themes_of(notes).items()}
    if target == UNSORTED:
        return _to_unsorted(study, themes, notes, sources, current)
    if add:
        notes = [n for n in notes if target not in current[n]]
        if not notes:
            return {"summary": "Nothing to add.", "notes": []}
        study.add_to_theme(notes, target)
        return {"summary": f"Added {_count(notes)} to {_name(themes, target)}.",
                "notes": notes, "theme": target, "add": True}
    moving = [n for n in notes if _changes(current[n], sources[n], target)]
    if not moving:
        return {"summary": "Nothing to move.", "notes": []}
    leave = {n: sources[n] for n in moving}
    left = set(leave.values())
    if left == {None}:
        study.place(moving, target)
    elif len(left) == 1 and UNSORTED not in left:
        study.place(moving, target, from_theme=leave[moving[0]])
    else:  # from the pile (nothing to leave: a theme another board gave it stays), mixed
        study.place(moving, target, from_theme={
            n: None if t in (None, UNSORTED) else t for n, t in leave.items()})
    said = "Accepted the suggestion: moved" if msg.get("suggested") else "Moved"
    return {"summary": f"{said} {_count(moving)} to {_name(themes, target)}.",
            "notes": moving, "theme": target}


def _to_unsorted(study: Any, themes: Sequence[dict[str, Any]], notes: list[str],
                 sources: dict[str, str | None], current: dict[str, set[str]]
                 ) -> dict[str, Any]:
    """Out of the theme each card came from (every theme when it does not say)."""
    everywhere = [n for n in notes if sources[n] is None and current[n]]
    by_theme: dict[str, list[str]] = {}
    for n in notes:
        if sources[n] not in (None, UNSORTED) and sources[n] in current[n]:
            by_theme.setdefault(str(sources[n]), []).append(n)
    moved = everywhere + [n for group in by_theme.values() for n in group]
    if not moved:
        return {"summary": "Nothing to move.", "notes": []}
    if everywhere:
        study.unplace(everywhere)
    # Cards selected in several columns: one change per column they leave.
    for theme, group in by_theme.items():
        study.remove_from_theme(group, theme)
    if not everywhere and len(by_theme) == 1:
        (theme,) = by_theme
        return {"summary": f"Took {_count(moved)} out of {_name(themes, theme)}.",
                "notes": moved, "theme": None, "from": theme}
    return {"summary": f"Moved {_count(moved)} to unsorted.", "notes": moved, "theme": None}


def _new_theme(study: Any, themes: Sequence[dict[str, Any]], msg: dict[str, Any]
               ) -> dict[str, Any]:
    """A new theme holding the dropped notes; each leaves its ``from`` theme, if any."""
    notes = _ids(msg.get("notes", []))
    name = str(msg.get("name") or "") or free_name(themes)
    sources = _sources(None if msg.get("add") else msg.get("from"), notes)
    leave = {n: None if t in (None, UNSORTED) else t for n, t in sources.items()}
    tid = study.create_theme(name, notes=notes, from_theme=leave)
    return {"summary": f"Created theme {name!r} with {_count(notes)}.", "theme": tid,
            "notes": notes}


def _accept_draft(study: Any, themes: Sequence[dict[str, Any]], msg: dict[str, Any]
                  ) -> dict[str, Any]:
    """A draft theme becomes a real one, holding those of its notes still unsorted.

    A draft was computed a while ago: a note the researcher has placed since stays where
    they put it, so a draft never takes a note out of a theme.
    """
    notes = _ids(msg.get("notes", []))
    name = " ".join(str(msg.get("name") or "").split()) or free_name(themes)
    current = study.themes_of(notes)
    unsorted = [n for n in notes if not current[n]]
    if not unsorted:
        raise StudyError(f"every note of the draft {name!r} is in a theme already; dismiss "
                         "the draft instead.")
    tid = study.create_theme(name, notes=unsorted)
    kept = len(notes) - len(unsorted)
    extra = f" ({kept} placed since were left where they are)" if kept else ""
    return {"summary": f"Accepted the draft {name!r} as a theme with {_count(unsorted)}"
                       f"{extra}.", "theme": tid, "notes": unsorted,
            "draft": str(msg.get("draft", ""))}


def _rename(study: Any, _themes: Sequence[dict[str, Any]], msg: dict[str, Any]
            ) -> dict[str, Any]:
    study.rename_theme(str(msg["theme"]), str(msg["name"]))
    return {"summary": "Renamed the theme.", "theme": str(msg["theme"])}


def _describe(study: Any, _themes: Sequence[dict[str, Any]], msg: dict[str, Any]
              ) -> dict[str, Any]:
    study.describe_theme(str(msg["theme"]), str(msg.get("text", "")))
    return {"summary": "Saved the description.", "theme": str(msg["theme"])}


def _recolour(study: Any, _themes: Sequence[dict[str, Any]], msg: dict[str, Any]
              ) -> dict[str, Any]:
    study.recolour_theme(str(msg["theme"]), msg.get("colour") or None)
    return {"summary": "Recoloured the theme.", "theme": str(msg["theme"])}


def _merge(study: Any, themes: Sequence[dict[str, Any]], msg: dict[str, Any]) -> dict[str, Any]:
    source, target = str(msg["source"]), str(msg["target"])
    names = _name(themes, source), _name(themes, target)
    study.merge_themes(source, target)
    return {"summary": f"Merged {names[0]} into {names[1]}.", "theme": target}


def _delete(study: Any, themes: Sequence[dict[str, Any]], msg: dict[str, Any]
            ) -> dict[str, Any]:
    name = _name(themes, str(msg["theme"]))
    study.delete_theme(str(msg["theme"]))
    return {"summary": f"Deleted {name}; its notes in no other theme are back in unsorted."}


def _reorder(study: Any, _themes: Sequence[dict[str, Any]], msg: dict[str, Any]
             ) -> dict[str, Any]:
    study.reorder_themes(_ids(msg["themes"]))
    return {"summary": "Reordered the themes."}


def _group(study: Any, themes: Sequence[dict[str, Any]], msg: dict[str, Any]) -> dict[str, Any]:
    parent = msg.get("parent") or None
    theme = str(msg["theme"])
    study.set_parent(theme, None if parent is None else str(parent))
    what = f"under {_name(themes, str(parent))}" if parent else "out of its group"
    return {"summary": f"Moved {_name(themes, theme)} {what}.", "theme": theme}


def _undo(study: Any, _themes: Sequence[dict[str, Any]], _msg: dict[str, Any]
          ) -> dict[str, Any]:
    return _undo_summary("Undid", "undo", study.undo(mine_only=True))


def _redo(study: Any, _themes: Sequence[dict[str, Any]], _msg: dict[str, Any]
          ) -> dict[str, Any]:
    return _undo_summary("Redid", "redo", study.redo(mine_only=True))


# -- notes (synthesis.notemaking) ---------------------------------------------------------
def _new_note(study: Any, themes: Sequence[dict[str, Any]], msg: dict[str, Any]
              ) -> dict[str, Any]:
    """A sticky written on the board, in ``theme`` (a column) or unsorted.

    ``round`` is the board's own round (the widget adds it); participant and session are
    optional.
    """
    theme = _theme_or_none(msg.get("theme"))
    nid = study.write_note(str(msg.get("text", "")), round=msg.get("round") or None,
                           participant=msg.get("participant") or None,
                           session=msg.get("session") or None, theme=theme)
    where = f" in {_name(themes, theme)}" if theme else ""
    return {"summary": f"Wrote a note{where}.", "note": nid, "notes": [nid], "theme": theme}


def _note_from_span(study: Any, themes: Sequence[dict[str, Any]], msg: dict[str, Any]
                    ) -> dict[str, Any]:
    """A highlight in the transcript reader: one turn's words ``start:end`` as a note."""
    theme = _theme_or_none(msg.get("theme"))
    through = msg.get("through")
    nid = study.note_from_transcript(int(msg["utterance"]), int(msg["start"]),
                                     int(msg["end"]), text=msg.get("text"),
                                     through=None if through in (None, "") else int(through),
                                     theme=theme)
    where = f" in {_name(themes, theme)}" if theme else " in unsorted"
    return {"summary": f"Made a note from the transcript{where}.", "note": nid,
            "notes": [nid], "theme": theme}


def _edit_note(study: Any, _themes: Sequence[dict[str, Any]], msg: dict[str, Any]
               ) -> dict[str, Any]:
    note = str(msg["note"])
    seq = study.edit_note(note, str(msg.get("text", "")))
    return {"summary": "Saved the note." if seq else "Nothing to change.", "note": note,
            "notes": [note] if seq else []}


def _split_note(study: Any, _themes: Sequence[dict[str, Any]], msg: dict[str, Any]
                ) -> dict[str, Any]:
    note = str(msg["note"])
    second = study.split_note(note, int(msg["at"]))
    return {"summary": "Split the note in two.", "note": second, "notes": [note, second]}


def _set_aside(study: Any, _themes: Sequence[dict[str, Any]], msg: dict[str, Any]
               ) -> dict[str, Any]:
    notes = _ids(msg["notes"])
    study.set_aside(notes)
    return {"summary": f"Set aside {_count(notes)} (restore from “Set aside”, or undo).",
            "notes": notes}


def _restore_note(study: Any, _themes: Sequence[dict[str, Any]], msg: dict[str, Any]
                  ) -> dict[str, Any]:
    notes = _ids(msg["notes"])
    study.restore_notes(notes)
    return {"summary": f"Restored {_count(notes)}.", "notes": notes}


# Actions that add, remove or change notes: the board re-reads its cards after them.
NOTE_ACTIONS = frozenset({"new_note", "note_from_span", "edit_note", "split_note",
                          "set_aside", "restore_note"})

ACTIONS: dict[str, Action] = {
    "new_note": _new_note, "note_from_span": _note_from_span, "edit_note": _edit_note,
    "split_note": _split_note, "set_aside": _set_aside, "restore_note": _restore_note,
    "move": _move, "new_theme": _new_theme, "rename": _rename, "describe": _describe,
    "recolour": _recolour, "merge": _merge, "delete": _delete, "reorder": _reorder,
    "group": _group, "undo": _undo, "redo": _redo, "accept_draft": _accept_draft,
}


def free_name(themes: Sequence[dict[str, Any]]) -> str:
    """"New theme", or "New theme 2"... so two fresh themes are told apart on screen.

    Examples
    --------
    >>> free_name([{"name": "New theme"}, {"name": "Pricing"}])
    'New theme 2'
    """
    taken = {t["name"] for t in themes}
    name, i = NEW_THEME_NAME, 1
    while name in taken:
        i += 1
        name = f"{NEW_THEME_NAME} {i}"
    return name


def _name(themes: Sequence[dict[str, Any]], theme_id: str) -> str:
    for theme in themes:
        if theme["id"] == theme_id:
            return repr(theme["name"])
    return repr(theme_id)


def _theme_or_none(value: Any) -> str | None:
    """A theme id from a message; None (or the unsorted column) means no theme."""
    return None if value in (None, "", UNSORTED) else str(value)


def _ids(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _sources(value: Any, notes: list[str]) -> dict[str, str | None]:
    """The column each note left: a theme id, ``unsorted``, or None (not said)."""
    if isinstance(value, dict):
        return {n: str(value.get(n) or UNSORTED) for n in notes}
    return {n: None if value in (None, "") else str(value) for n in notes}


def _changes(themes: set[str], source: str | None, target: str) -> bool:
    """Would moving a note in ``themes`` from ``source`` to ``target`` change anything?"""
    if source is None:
        return themes != {target}
    if source == target:
        return False
    return target not in themes or source in themes


def _count(notes: list[str]) -> str:
    return "1 note" if len(notes) == 1 else f"{len(notes)} notes"


def _undo_summary(verb: str, noun: str, done: dict[str, Any] | None) -> dict[str, Any]:
    if done is None:
        return {"summary": f"Nothing to {noun}.", "done": False}
    if done.get("refused"):  # someone built on it: say what, and what comes next
        text = done["refused"]
        if done.get("next"):
            text += f" Next to {noun}: {done['next']}."
        return {"summary": text, "done": False, "refused": True, "target": done["target"]}
    what = done["summary"].split(" ", 1)[1] if " " in done["summary"] else done["summary"]
    text = f"{verb}: {what}."
    if done.get("skipped"):
        text += f" {done['skipped']} change(s) were left as another board set them."
    return {"summary": text, "done": True, "target": done["target"],
            "kind": done.get("kind")}
