"""The transcript reader: a session's turns to read, search and highlight into notes.

:func:`transcript_view` builds what the reader shows (pure reading: the turns with speaker,
role and time, the spans that are already notes with their themes' colours, where the
interviewer asked the guide's key questions, the themes a new note can go straight into,
recent first). Two front ends show it, both drawn by the same module (``js/reader.js``):
the :class:`Transcript` widget (``study.transcript(session)``) and the panel the board
opens from a card's source drawer. Selecting words and pressing ``N`` (or "Note") sends one
``note_from_span`` action: :meth:`synthesis.Study.note_from_transcript` refuses a selection
across speakers with one sentence, else writes the note in one transaction and one event.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import anywidget
import traitlets
from tornado.ioloop import IOLoop

from ..colours import theme_colours
from ..craft.coverage import key_question_coverage
from ..errors import StudyError
from ..spans import turn_ranges
from .actions import perform
from .live import in_kernel
from .state import _clean

if TYPE_CHECKING:
    from ..store.watch import Watcher

_HERE = Path(__file__).parent
RECENT_EVENTS = 300  # how far back the log is read for the themes used last
# The actions a reader sends (the board's other actions do not come from it).
READER_ACTIONS = frozenset({"note_from_span", "undo", "redo"})


def transcript_view(study: Any, session: str) -> dict[str, Any]:
    """Everything the reader shows for one session, as plain JSON-ready values.

    ``turns`` (``id``, ``position``, ``speaker`` (the participant's id for their turns,
    never the name a transcript labels them with), ``role``, ``start_s``, ``text``, and
    ``key``: the key question the interviewer asked in this turn, if any), ``highlights``
    (each note with a range in these turns: ``note``, ``utterance``, ``start``, ``end``,
    ``themes``; a note over several turns of one speaker is one highlight a turn),
    ``themes`` (live themes with their colours from :mod:`synthesis.colours`, the ones this
    researcher used last first).

    Examples
    --------
    >>> view = transcript_view(study, "p01-2026-03-03")
    >>> view["participant"], len(view["turns"]), view["turns"][1]["role"]
    ('P01', 44, 'participant')
    >>> view["turns"][0]["speaker"], view["turns"][1]["speaker"]
    ('Dana Whitfield', 'P01')
    >>> first = view["highlights"][0]
    >>> first["utterance"], first["start"], first["end"]
    (4, 0, 145)
    >>> [t["position"] for t in view["turns"] if t["key"]][:2]
    [10, 22]
    """
    found = study.store.session_row(session)
    if found is None:
        raise StudyError(f"there is no session {session!r} in this study.")
    utterances = study.utterances(session=session)
    pid = found["participant_id"]
    # The participant speaks under their id, as on the board and in reports (a transcript's
    # speaker label is often their real name); the interviewers keep their labels.
    turns = [{"id": int(u.utterance_id), "position": int(u.position),
              "speaker": str(pid if u.role == "participant" and pid else u.speaker or ""),
              "role": str(u.role or "other"),
              "start_s": _clean(u.start_s), "text": str(u.text), "key": None}
             for u in utterances.itertuples(index=False)]
    at = {t["position"]: t for t in turns}
    guide = study.guide()
    if len(utterances) and len(guide):
        asked = key_question_coverage(utterances, guide)
        for row in asked[asked["asked"]].itertuples(index=False):
            turn = at.get(int(row.position))
            if turn is not None and turn["key"] is None:
                turn["key"] = str(row.key_question)
    notes = study.notes()
    mine = notes[(notes["session_id"] == session) & notes["utterance_id"].notna()
                 & notes["start_char"].notna() & notes["end_char"].notna()]
    texts = {t["id"]: t["text"] for t in turns}
    # a note over several turns of one speaker is highlighted in each, one piece a turn
    highlights = [{"note": str(n.note_id), "utterance": uid, "start": start, "end": end,
                   "themes": list(n.theme_ids), "text": str(n.text)}
                  for n in mine.itertuples(index=False)
                  for uid, start, end in turn_ranges(
                      int(n.utterance_id), int(n.start_char), int(n.end_char),
                      _turn_id(getattr(n, "end_utterance_id", None)), texts)]
    themes = study.themes()
    colours = theme_colours(themes)
    listed = [{"id": str(t), "name": str(name), "colour": colours[str(t)]}
              for t, name in zip(themes["theme_id"], themes["name"])]
    recent = recent_themes(study)
    listed.sort(key=lambda t: recent.index(t["id"]) if t["id"] in recent else len(recent))
    return {"session": session, "participant": found["participant_id"],
            "round": found["round_id"], "source": found["source"] or "", "turns": turns,
            "highlights": highlights, "themes": listed, "seq": study.last_event()}


def _turn_id(value: Any) -> int | None:
    """An utterance id from a notes frame (a float there when the column has gaps)."""
    value = _clean(value)
    return None if value is None else int(value)


def recent_themes(study: Any) -> list[str]:
    """The themes this researcher last put notes in, most recent first.

    Examples
    --------
    >>> seq = study.place([n1], theme["Accountant access"])
    >>> recent_themes(study)[0] == theme["Accountant access"]
    True
    """
    last = study.last_event()
    out: list[str] = []
    for event in reversed(study.store.events_after(max(0, last - RECENT_EVENTS),
                                                   limit=RECENT_EVENTS)):
        tid = event["payload"].get("theme_id")
        if event["author"] == study.author and event["kind"] in ("placement", "note") \
                and tid and tid not in out:
            out.append(str(tid))
    return out


class Transcript(anywidget.AnyWidget):
    """One session's transcript in a notebook: read, search, highlight words into notes.

    Drawn by the board's own bundle (``view`` says which front end), so the reader and the
    board's transcript panel are one piece of code. In a kernel (or with ``live=True``) it
    follows the store's watcher as the board does (:mod:`synthesis.board.live`): a note
    made, moved or undone anywhere shows within a second; elsewhere the page asks every 3 s.

    Examples
    --------
    >>> reader = study.transcript("p01-2026-03-03")
    >>> reader.handle({"type": "note_from_span", "id": "1", "utterance": 4, "start": 0,
    ...                "end": 5, "text": "Sure."})["summary"]
    'Made a note from the transcript in unsorted.'
    >>> [h["text"] for h in reader.transcript["highlights"] if h["end"] == 5]
    ['Sure.']
    """

    _esm = _HERE / "static" / "board.js"
    _css = _HERE / "board.css"

    view = traitlets.Unicode("transcript").tag(sync=True)
    transcript = traitlets.Dict().tag(sync=True)
    # Following the store's watcher: the page need not ask every few seconds.
    live = traitlets.Bool(False).tag(sync=True)

    def __init__(self, study: Any, session: str, *, live: bool | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.study = study
        self.session = session
        self.watcher: Watcher | None = None
        self._loop: IOLoop | None = None
        self.reload()
        self.on_msg(self._on_msg)
        # As the board (synthesis.board.live): live by default inside a kernel, where the
        # store's watcher can wake the kernel's event loop; elsewhere on request.
        if in_kernel() if live is None else live:
            self._loop = IOLoop.current()
            self.watcher = study.store.watch(self._wake)
            self.live = True

    def _wake(self) -> None:
        """From the watcher's thread: run :meth:`catch_up` on the kernel's thread."""
        if self._loop is not None:
            self._loop.add_callback(self.catch_up)

    def catch_up(self) -> bool:
        """Read the session again if the store moved on since it was shown (a note made or
        undone on a board, another reader, another researcher); whether it did."""
        if self.study.last_event() == self.transcript.get("seq"):
            return False
        self.reload()
        return True

    def close(self) -> None:
        """Stop watching the store and close the widget."""
        watcher = getattr(self, "watcher", None)
        if watcher is not None:
            watcher.stop()
            self.watcher = None
        super().close()

    def reload(self) -> None:
        """Read the session again (a new object, so the browser gets it)."""
        self.transcript = transcript_view(self.study, self.session)

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict):
            self.handle(content)

    def handle(self, msg: dict[str, Any]) -> dict[str, Any]:
        """Apply one message from the reader; send and return the ack (then the new view)."""
        kind = str(msg.get("type", ""))
        if kind == "refresh":  # a page not following the store asks now and then
            self.catch_up()
            return {"type": "refresh"}
        if kind not in READER_ACTIONS:
            reply = {"type": "ack", "id": msg.get("id"), "op": kind, "ok": False,
                     "error": f"the transcript reader does not know the action {kind!r}."}
        else:
            reply = perform(self.study, self.transcript.get("themes", []), msg)
        self.send(reply)
        self.reload()
        return reply
