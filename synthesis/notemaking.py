"""Making notes where the researcher works: stickies on the board, highlights in a transcript.

:class:`NoteMaking` holds the note-writing half of :class:`~synthesis.Study` (the study is
one; it builds on :class:`~synthesis.sorting.Sorting`). Each public method is one store
transaction and appends one ``note`` event holding every row it changed before and after,
so the per-author undo (:mod:`synthesis.store.events`) takes any of them back:

- :meth:`~NoteMaking.write_note` — a sticky: the researcher's own words (kind
  ``observation``), participant and session optional;
- :meth:`~NoteMaking.note_from_transcript` — a highlight: the exact words of one turn, or
  of consecutive turns of one speaker, with its utterances and character range (kind
  ``quote``), refused with one sentence when the selection runs into another speaker's
  turn or does not match the transcript's words;
- :meth:`~NoteMaking.edit_note` — fix the text (the words before stay in the log; the note
  says "edited");
- :meth:`~NoteMaking.split_note` — one note into two at a character, the second in the
  same themes;
- :meth:`~NoteMaking.set_aside` / :meth:`~NoteMaking.restore_notes` — the board's delete,
  soft: a note set aside is in no count, chart, report or export until restored.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from typing import Any

from .errors import StudyError
from .excerpt import excerpt
from .sorting import Sorting
from .spans import TURN_JOIN, point, span_text, turn_ranges
from .store import now

MAX_NOTE = 10_000  # characters: a sticky is a point, not a document
STICKY = "observation"  # the kind of a note written on the board
HIGHLIGHT = "quote"  # the kind of a note lifted from a transcript (as imported quotes)
BOARD_SOURCE = "board"  # a sticky's source: written on the board, no file behind it


def new_note_id() -> str:
    """A fresh note id, in the form every importer uses (``n-`` and 12 hex digits).

    Examples
    --------
    >>> nid = new_note_id()
    >>> nid.startswith("n-"), len(nid)
    (True, 14)
    """
    return "n-" + uuid.uuid4().hex[:12]


class NoteMaking(Sorting):
    """Writing, editing, splitting and setting aside notes; :class:`~synthesis.Study` is one.

    Built on :class:`~synthesis.sorting.Sorting`: a new note goes into a theme, and a split
    note's second half into the first's themes, through the same placement writes.
    """

    # -- new notes ----------------------------------------------------------------------
    def write_note(self, text: str, *, round: str | None = None,
                   participant: str | None = None, session: str | None = None,
                   theme: str | None = None) -> str:
        """Write a sticky (kind ``observation``) and return its id; one event, undoable.

        ``session`` gives the round and participant when they are not given; ``theme``
        puts the note straight into a theme (else it is unsorted).

        Examples
        --------
        >>> nid = study.write_note("Asked twice where the VAT number goes", round="r1",
        ...                        participant="P01", theme=theme["Tax and VAT confusion"])
        >>> note = study.notes("r1").set_index("note_id").loc[nid]
        >>> note["kind"], note["author"], note["themes"]
        ('observation', 'doctest', ('Tax and VAT confusion',))
        """
        words = _note_text(text)
        round_id, pid = round, participant
        if session is not None:
            found = self.store.session_row(session)
            if found is None:
                raise StudyError(f"there is no session {session!r} in this study.")
            round_id = round_id or found["round_id"]
            pid = pid or found["participant_id"]
        if pid is not None and self.store.participant(pid) is None:
            raise StudyError(f"there is no participant {pid!r} in this study.")
        nid = new_note_id()
        with self.store.transaction():
            self._add(nid, {"round_id": round_id, "participant_id": pid, "session_id": session,
                            "text": words, "kind": STICKY, "source": BOARD_SOURCE})
            themed = self._into(nid, theme)
            self._log("note", f"write note {_quote(words)}{themed}",
                      op="write", notes=[nid], theme_id=theme)
        return nid

    def note_from_transcript(self, utterance_id: int, start: int, end: int, *,
                             text: str | None = None, through: int | None = None,
                             theme: str | None = None) -> str:
        """A highlight: a transcript's words from ``start`` in one turn as a note; its id.

        Without ``through`` the note is the words ``start:end`` of that turn. ``through``
        is the turn a selection ended in when it ran past its first: the turns from the
        first to it must all be one speaker's (another speaker's turn on the way is refused
        with one sentence), and ``end`` then counts in that last turn. Such a note's text
        is the words from ``start`` to the end of the first turn, every turn between, and
        the last turn's words up to ``end``, one turn a line (as the reader and the
        REFI-QDA export lay them out); it keeps its first turn and ``start_char``, and
        ``end_utterance_id``/``end_char`` where it ends.

        ``text`` is what the reader showed selected: it must be the transcript's words at
        that range (a transcript re-imported since is refused, not guessed). The note has
        the session's participant when a participant speaks (an interviewer's words are
        nobody's evidence), the turn's round and session, and its exact range.

        Examples
        --------
        >>> turn = store.utterance(4)
        >>> nid = study.note_from_transcript(4, 0, 22, text=turn["text"][:22])
        >>> study.store.note(nid)["start_char"], study.store.note(nid)["end_char"]
        (0, 22)
        >>> study.note_from_transcript(4, 0, 5, through=5)
        Traceback (most recent call last):
        synthesis.errors.StudyError: a note holds one speaker's words: the selection runs from
        P01's turn into the interviewer's; select within one speaker's turns.
        """
        turn = self.store.utterance(int(utterance_id))
        if turn is None:
            raise StudyError(f"there is no transcript turn {utterance_id!r} in this study.")
        start, end = int(start), int(end)
        last_id = None if through is None or int(through) == int(utterance_id) \
            else int(through)
        pieces = self._span_turns(turn, last_id)
        first_words: str = turn["text"]
        last_words: str = pieces[-1]
        if last_id is None:
            if not 0 <= start < end <= len(first_words):
                raise StudyError(f"characters {start}-{end} are outside this turn "
                                 f"({len(first_words)} characters).")
            words = first_words[start:end]
        else:
            if not 0 <= start < len(first_words) or not 0 < end <= len(last_words):
                raise StudyError(f"characters {start}-{end} are outside the selected turns "
                                 f"(the first has {len(first_words)} characters, the last "
                                 f"{len(last_words)}).")
            words = TURN_JOIN.join([first_words[start:], *pieces[1:-1], last_words[:end]])
        if text is not None and words != text:
            raise StudyError("the selected words are not the transcript's words at characters "
                             f"{start}-{end} (was the transcript re-imported?); reload the "
                             "transcript and select again.")
        if not words.strip():
            raise StudyError("the selection holds no words.")
        pid = turn["participant_id"] if turn["role"] in ("participant", None) else None
        nid = new_note_id()
        with self.store.transaction():
            self._add(nid, {"round_id": turn["round_id"], "participant_id": pid,
                            "session_id": turn["session_id"], "utterance_id": int(utterance_id),
                            "text": words, "kind": HIGHLIGHT,
                            "source": turn["source"], "source_ref": f"turn {turn['position']}"
                            + ("" if last_id is None else f"-{turn['position'] + len(pieces) - 1}"),
                            "start_char": start, "end_char": end,
                            "end_utterance_id": last_id})
            themed = self._into(nid, theme)
            self._log("note", f"note {_quote(words)} from the transcript{themed}",
                      op="highlight", notes=[nid], theme_id=theme,
                      utterance_id=int(utterance_id), start=start, end=end,
                      **({} if last_id is None else {"through": last_id}))
        return nid

    def _span_turns(self, turn: dict[str, Any], last_id: int | None) -> list[str]:
        """The words of every turn from ``turn`` to the turn ``last_id`` (None: just it),
        refused with one sentence when they are not one speaker's consecutive turns."""
        if last_id is None:
            return [turn["text"]]
        other = self.store.utterance(last_id)
        if other is None or other["session_id"] != turn["session_id"]:
            raise StudyError("a note comes from one transcript: the selection ends "
                             "outside this session.")
        if other["position"] <= turn["position"]:
            raise StudyError("a selection runs forward: its last turn comes after its first.")
        turns = self.store.utterances(session=turn["session_id"])
        between = turns[(turns["position"] > turn["position"])
                        & (turns["position"] <= other["position"])]
        for row in between.itertuples(index=False):
            if (row.speaker, row.role) != (turn["speaker"], turn["role"]):
                who = _who({"role": row.role, "participant_id": turn["participant_id"]})
                raise StudyError(
                    f"a note holds one speaker's words: the selection runs from "
                    f"{_who(turn)}'s turn into {who}'s; select within one speaker's turns.")
        return [turn["text"], *(str(t) for t in between["text"])]

    def _add(self, nid: str, fields: dict[str, Any]) -> None:
        row = {"note_id": nid, "round_id": None, "participant_id": None, "session_id": None,
               "utterance_id": None, "source_ref": None, "start_char": None,
               "end_char": None, "created_at": now(), "author": self.author,
               "source_note_id": None, "attributes": "{}", "set_aside": 0,
               "edited_at": None, "end_utterance_id": None, **fields}
        self.store.put("notes", nid, row, None)

    def _into(self, nid: str, theme: str | None) -> str:
        """Put a new note in ``theme`` (None: leave it unsorted); words for the summary."""
        if theme is None:
            return ""
        name = self._theme(theme)["name"]
        self._join(nid, theme, False)
        return f" in {name!r}"

    # -- changing notes -----------------------------------------------------------------
    def _note(self, note_id: str) -> dict[str, Any]:
        row = self.store.get("notes", note_id)
        if row is None:
            raise StudyError(f"there is no note {note_id!r} in this study.")
        return row

    def edit_note(self, note_id: str, text: str) -> int | None:
        """Change a note's text; the seq of its event (None: the text was the same).

        The words before stay in the event log (the change's before state) and the note's
        ``edited_at`` is set, so the board shows it as edited and reports quote the new
        words.

        Examples
        --------
        >>> seq = study.edit_note(n1, "Set-up took too long before the first invoice")
        >>> study.store.note(n1)["text"], study.store.note(n1)["edited_at"] is not None
        ('Set-up took too long before the first invoice', True)
        >>> study.events().iloc[-1]["payload"]["changes"][0]["before"]["text"][:20]
        "Sure. So I'm a freel"
        """
        words = _note_text(text)
        with self.store.transaction():
            row = self._note(note_id)
            if row["set_aside"]:
                raise StudyError(f"note {note_id!r} is set aside; restore it to edit it.")
            if row["text"] == words:
                return None
            self.store.put("notes", note_id, {**row, "text": words, "edited_at": now()}, row)
            return self._log("note",
                             f"edit note {_quote(row['text'])}", op="edit",
                             notes=[note_id])

    def split_note(self, note_id: str, at: int) -> str:
        """Split a note at character ``at`` into two; the id of the second (the new) note.

        The first keeps the words before ``at``, the new note takes those after (spaces
        at the cut dropped) and every theme of the first. A highlight's range is split
        with it, so both halves still point at their exact words. One event, undoable.

        Examples
        --------
        >>> study.store.note(n1)["text"][:12]
        "Sure. So I'm"
        >>> second = study.split_note(n1, 5)
        >>> first, then = study.store.note(n1), study.store.note(second)
        >>> first["text"], (first["start_char"], first["end_char"]), then["start_char"]
        ('Sure.', (0, 5), 6)
        >>> then["text"][:6]
        "So I'm"
        """
        with self.store.transaction():
            row = self._note(note_id)
            if row["set_aside"]:
                raise StudyError(f"note {note_id!r} is set aside; restore it to split it.")
            words: str = row["text"]
            at = int(at)
            first, rest = words[:at].rstrip(), words[at:].lstrip()
            if not (0 < at < len(words)) or not first or not rest:
                raise StudyError("split a note where there are words on both sides of the "
                                 f"cut (it has {len(words)} characters; the cut was at {at}).")
            ranges = self._split_range(row, at, len(first), len(words[at:]) - len(rest))
            nid = new_note_id()
            self.store.put("notes", note_id, {**row, "text": first, **ranges[0]}, row)
            self.store.put("notes", nid, {**row, "note_id": nid, "text": rest,
                                          "created_at": now(), **ranges[1]}, None)
            for theme_id in self.store.themes_of([note_id])[note_id]:
                self._join(nid, theme_id, False)
            self._log("note", f"split note {_quote(words)}", op="split",
                      notes=[note_id, nid], at=at)
        return nid

    def _split_range(self, row: dict[str, Any], at: int, first: int, gap: int
                     ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Both halves' ranges: split when the note is exactly its transcript's words (over
        one turn or several), else kept as they were."""
        start, end, uid = row["start_char"], row["end_char"], row["utterance_id"]
        if start is None or end is None or uid is None or row["session_id"] is None:
            return {}, {}
        turns = self.store.utterances(session=row["session_id"])
        texts = {int(u): str(t) for u, t in zip(turns["utterance_id"], turns["text"])}
        last = row.get("end_utterance_id")
        ranges = turn_ranges(int(uid), int(start), int(end),
                             None if last is None else int(last), texts)
        if not ranges or span_text(ranges, texts) != row["text"]:
            return {}, {}
        k, cut_end = point(ranges, first, ending=True)
        j, cut_start = point(ranges, at + gap, ending=False)
        ends_in = ranges[-1][0] if len(ranges) > 1 else None
        return ({"end_char": cut_end, "end_utterance_id": ranges[k][0] if k else None},
                {"utterance_id": ranges[j][0], "start_char": cut_start,
                 "end_utterance_id": ends_in if j < len(ranges) - 1 else None})

    def set_aside(self, note_ids: Iterable[str] | str) -> int:
        """Set notes aside (the board's delete, soft); the seq of the event.

        A note set aside is on no board and in no count, chart, report or export; it
        keeps its themes, so :meth:`restore_notes` (or an undo) brings it back as it was.

        Examples
        --------
        >>> before = len(study.notes("r1"))
        >>> seq = study.set_aside([n1])
        >>> len(study.notes("r1")) == before - 1, int(study.frames().status().loc[0, "notes"])
        (True, 281)
        """
        return self._aside(note_ids, 1, "set aside", "set_aside")

    def restore_notes(self, note_ids: Iterable[str] | str) -> int:
        """Bring notes set aside back, in the themes they were in; the seq of the event.

        Examples
        --------
        >>> seq = study.set_aside([n1])
        >>> seq = study.restore_notes([n1])
        >>> int(study.frames().status().loc[0, "notes"])
        282
        """
        return self._aside(note_ids, 0, "restore", "restore")

    def _aside(self, note_ids: Iterable[str] | str, flag: int, verb: str, op: str) -> int:
        ids = [note_ids] if isinstance(note_ids, str) else list(dict.fromkeys(map(str, note_ids)))
        if not ids:
            raise StudyError(f"no note to {verb}.")
        with self.store.transaction():
            rows = [self._note(nid) for nid in ids]
            for row in rows:
                self.store.put("notes", row["note_id"], {**row, "set_aside": flag}, row)
            what = _quote(rows[0]["text"]) if len(rows) == 1 else f"{len(rows)} notes"
            return self._log("note", f"{verb} note {what}"
                             if len(rows) == 1 else f"{verb} {what}", op=op, notes=ids)

    def set_aside_notes(self, round: str | None = None) -> Any:
        """The notes set aside (of a round, or all), newest last: what can be restored.

        Examples
        --------
        >>> seq = study.set_aside([n1])
        >>> study.set_aside_notes("r1")["note_id"].tolist() == [n1]
        True
        """
        notes = self.store.notes(round, set_aside=True)
        notes["attributes"] = [json.loads(a) for a in notes["attributes"]]
        return notes


def _note_text(text: Any) -> str:
    words = str(text if text is not None else "").strip()
    if not words:
        raise StudyError("a note needs some text.")
    if len(words) > MAX_NOTE:
        raise StudyError(f"a note can be at most {MAX_NOTE:,} characters "
                         f"(this one has {len(words):,}); split it into points.")
    return words


def _quote(text: str) -> str:
    """A note's start, quoted, for an event summary."""
    return repr(excerpt(text, 40))


def _who(turn: dict[str, Any]) -> str:
    """A turn's speaker as a sentence names them: the participant's id, else the role (a
    real name stays out of messages, as out of reports)."""
    if turn["role"] == "participant" and turn.get("participant_id"):
        return str(turn["participant_id"])
    return f"the {turn['role']}" if turn["role"] else "an unnamed speaker"
