"""Where a note came from: its participant's attributes and the transcript turns around it.

A sticky note on a whiteboard loses who said it once it moves; here a card opens onto its
origin. The board asks for this only when a card is opened, so the state it keeps in the
browser stays small.
"""

from __future__ import annotations

from typing import Any

from ..errors import StudyError
from .state import _clean, _text

CONTEXT_TURNS = 3  # turns shown before and after the note's own turn


def note_source(study: Any, note_id: str, context: int = CONTEXT_TURNS) -> dict[str, Any]:
    """The origin of one note, ready to show: text, participant, session and nearby turns.

    Examples
    --------
    >>> note_source(study, n1)["participant"]
    {'id': 'P01', 'attributes': {'email': 'amber.cole@example.com', 'segment': 'Freelancer',
     'role': 'Graphic designer', 'plan': 'Trial', 'region': 'UK'}}
    """
    store = study.store
    note = store.note(note_id)
    if note is None:
        raise StudyError(f"there is no note {note_id!r} in this study.")
    participant = None
    if note["participant_id"] is not None:
        people = study.participants()
        match = people[people["participant_id"] == note["participant_id"]]
        attributes: dict[str, str] = {}
        if len(match):
            for key, value in match.iloc[0].items():
                if key in ("participant_id", "round_id", "name"):
                    continue  # the real name stays out of the board, as in reports
                text = _text(value)
                if text is not None:
                    attributes[str(key)] = text
        participant = {"id": str(note["participant_id"]), "attributes": attributes}
    turns: list[dict[str, Any]] = []
    session_id = note["session_id"]
    if session_id is not None:
        position = (None if note["utterance_id"] is None
                    else store.turn_position(note["utterance_id"]))
        lo, hi = (0, 2 * context) if position is None else (position - context,
                                                           position + context)
        for u in store.turns(session_id, lo, hi):
            turns.append({"position": u["position"], "speaker": u["speaker"] or "",
                          "role": u["role"] or "", "start_s": _clean(u["start_s"]),
                          "text": u["text"], "current": u["position"] == position})
    return {
        "text": note["text"], "kind": note["kind"] or "", "source": note["source"] or "",
        "ref": note["source_ref"] or "", "session": session_id, "participant": participant,
        "turns": turns, "linked": any(t["current"] for t in turns),
    }
