"""The notes a transcript brings: candidate quotes from participant turns, or coded rows.

Both kinds are exact spans of their utterance (``start_char``/``end_char``), so the board can
show each note in the transcript it came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from synthesis.ingest.codedturns import CodedTurns
from synthesis.ingest.quotes import note_id, quote_spans
from synthesis.ingest.tags import ThemeBook
from synthesis.ingest.turns import Turn
from synthesis.model import Note, Theme, Unimported, Utterance


def candidates(turns: Sequence[Turn], utterances: Sequence[Utterance], source: str,
               session_id: str, participant_id: str | None, round_id: str | None) -> list[Note]:
    """Candidate quote notes cut from every participant turn (see :func:`quote_spans`).

    Examples
    --------
    >>> from synthesis.ingest.turns import Segment
    >>> t = Turn("Sam"); t.add(Segment("Sam", "We send every invoice by hand.", 0, 1, "cue 1"))
    >>> u = Utterance("Sam", t.text, role="participant")
    >>> [n.text for n in candidates([t], [u], "s.vtt", "s", "P01", "r1")]
    ['We send every invoice by hand.']
    """
    notes = []
    for index, (turn, utterance) in enumerate(zip(turns, utterances, strict=True)):
        if utterance.role != "participant":
            continue
        for start, end in quote_spans(utterance.text):
            notes.append(Note(
                note_id=note_id(source, session_id, index, start),
                text=utterance.text[start:end], participant_id=participant_id,
                round_id=round_id, kind="quote", source=source,
                source_ref=turn.ref_at(start), session_id=session_id, utterance_index=index,
                start_char=start, end_char=end))
    return notes


def from_coded_rows(coded: CodedTurns, turns: Sequence[Turn], source: str, session_id: str,
                    participant_id: str | None, round_id: str | None,
                    theme_ids: Mapping[str, str] | None = None,
                    ) -> tuple[list[Note], list[Theme], list[Unimported]]:
    """One note per tagged row of a coded-turn spreadsheet, placed in each of its tags.

    Returns the notes, the new themes, and the tags that repeat on one row (merged).

    Examples
    --------
    >>> notes, themes, merged = from_coded_rows(coded, turns, "t.csv", "t", "P03",
    ...                                         "r1")  # doctest: +SKIP
    """
    book = ThemeBook(theme_ids or {})
    notes: list[Note] = []
    merged: list[Unimported] = []
    for index, turn in enumerate(turns):
        for k, ref in enumerate(turn.refs):
            row = coded.coded.get(ref)
            if row is None:
                continue
            start = turn.offsets[k]
            end = turn.offsets[k + 1] - 1 if k + 1 < len(turn.offsets) else len(turn.text)
            themes: list[str] = []
            for tag in row.tags:
                tid = book.id_for(tag)
                if tid in themes:
                    merged.append(Unimported("tag", ref, "the same theme twice on one note",
                                             "merged", tag))
                else:
                    themes.append(tid)
            notes.append(Note(
                note_id=note_id(source, session_id, index, start),
                text=turn.text[start:end], participant_id=participant_id, round_id=round_id,
                kind="quote", source=source, source_ref=ref, session_id=session_id,
                utterance_index=index, start_char=start, end_char=end,
                theme_ids=tuple(themes), author=row.coder, source_note_id=row.given_id))
    return notes, book.new, merged
