"""Which guide question elicited each note: note → utterance → the question asked before it.

The chain: a note points at the utterance it was taken from; the nearest interviewer
utterance at or before it in the same session that says something is what was asked (a bare
backchannel such as "Mm-hmm." or "Right." is skipped); that text is matched to the discussion
guide by word overlap, because interviewers paraphrase ("So, tell me how you first set up
invoicing" for "How did you first set up invoicing?").

Similarity, exactly: both texts are lower-cased and split into words; very common words
("how", "you", "the"...) are dropped and a plural "s" is stripped. The score is the share of
the *guide question's* remaining words that occur in what was asked (0–1); a question made
only of common words ("Tell me more about that.") is compared on all its words. The best-scoring
question wins when its score is at least ``threshold`` (default 0.5: at least half of the
question's words were said); ties go to the higher Jaccard overlap, then the earlier
question. Anything else — no utterance, no interviewer turn before it, or no question scoring
high enough — lands in ``"other/unmatched"``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from ..placements import notes_by_theme
from ._frames import id_text, live_themes, placed_notes, require, theme_labels

UNMATCHED = "other/unmatched"
DEFAULT_THRESHOLD = 0.5

_STOPWORDS = frozenset("""
a about above after again all also am an and any are as at be been being but by can could
did do does doing done for from had has have having he her here hers him his how i if in into
is it its just me more most my no nor not now of off on once only or other our out over own
so some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your
yours okay ok so um uh like really right well maybe kind sort just tell me please
mm hmm mhm huh yeah yes yep sure got great cool wow oh ah laughs thanks thank
""".split())
_WORD = re.compile(r"[^\W\d_]+|\d+")


@lru_cache(maxsize=4096)
def _words(text: str, common: bool = False) -> frozenset[str]:
    """Content words (``common=True``: every word), a plural "s" stripped."""
    words = [w for w in _WORD.findall(text.casefold()) if common or w not in _STOPWORDS]
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                     for w in words)


def _key(question: str) -> tuple[frozenset[str], bool]:
    """The words a question is recognised by, and whether they include common words."""
    content = _words(question)
    return (content, False) if content else (_words(question, common=True), True)


def question_similarity(asked: str, question: str) -> float:
    """Share of the guide question's content words that were said (0–1).

    Examples
    --------
    >>> question_similarity("So tell me how you first set up invoicing",
    ...                     "How did you first set up invoicing?")
    1.0
    """
    wanted, common = _key(str(question))
    if not wanted:
        return 0.0
    return len(wanted & _words(str(asked), common)) / len(wanted)


def _best_question(asked: str, guide: pd.DataFrame, threshold: float) -> tuple[object, float]:
    best: tuple[float, float, int] | None = None
    best_id: object = None
    for i, (qid, text) in enumerate(zip(guide["question_id"], guide["text"])):
        wanted, common = _key(str(text))
        if not wanted:
            continue
        said = _words(asked, common)
        shared = len(wanted & said)
        score = (shared / len(wanted), shared / len(wanted | said), -i)
        if best is None or score > best:
            best, best_id = score, qid
    if best is None or best[0] < threshold - 1e-12:
        return None, (best[0] if best else 0.0)
    return best_id, best[0]


def note_questions(notes: pd.DataFrame, utterances: pd.DataFrame, guide: pd.DataFrame,
                   threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """For every note, the interviewer turn before it and the guide question it matches.

    Returns ``note_id, asked_utterance_id, asked, question_id, question, score`` in the
    notes' order; ``question`` is ``"other/unmatched"`` (and ``question_id`` None) when the
    chain breaks or no question scores at least ``threshold``.

    Examples
    --------
    >>> asked = note_questions(notes, study.utterances(), study.guide())
    >>> len(asked) == len(notes)
    True
    """
    require(notes, "notes", ["note_id", "utterance_id"])
    require(utterances, "utterances", ["utterance_id", "session_id", "position", "role", "text"])
    require(guide, "guide", ["question_id", "text"])
    guide = guide.sort_values("position", kind="stable") if "position" in guide else guide
    turns = pd.DataFrame({"_u": id_text(utterances["utterance_id"]),
                          "session_id": utterances["session_id"].astype(object),
                          "position": pd.to_numeric(utterances["position"]).astype(float),
                          "role": utterances["role"].astype(object),
                          "text": utterances["text"].astype(object)})
    wanted = pd.DataFrame({"note_id": notes["note_id"].to_numpy(),
                           "_u": id_text(notes["utterance_id"]).to_numpy(),
                           "_row": np.arange(len(notes))})
    located = wanted.merge(turns[["_u", "session_id", "position"]], on="_u", how="inner")
    says = turns["text"].map(lambda t: bool(_words(str(t or ""))))
    asked = turns[(turns["role"] == "interviewer") & says].rename(
        columns={"_u": "asked_utterance_id", "text": "asked"})[
        ["session_id", "position", "asked_utterance_id", "asked"]]
    if len(located) and len(asked):
        located = pd.merge_asof(located.sort_values("position"),
                                asked.sort_values("position"), on="position",
                                by="session_id", direction="backward")
    else:
        located = located.assign(asked_utterance_id=None, asked=None)
    out = wanted[["note_id", "_row"]].merge(
        located[["_row", "asked_utterance_id", "asked"]], on="_row", how="left")\
        .sort_values("_row").drop(columns="_row").reset_index(drop=True)
    texts = dict(zip(guide["question_id"], guide["text"].astype(str)))
    matches = {a: _best_question(str(a), guide, threshold)
               for a in out["asked"].dropna().unique()}
    qid = [matches[a][0] if isinstance(a, str) else None for a in out["asked"]]
    out["question_id"] = pd.Series(qid, dtype=object)
    out["question"] = [texts[q] if q is not None else UNMATCHED for q in qid]
    out["score"] = [matches[a][1] if isinstance(a, str) else 0.0 for a in out["asked"]]
    for column in ("asked_utterance_id", "asked"):  # missing is None, as in the store
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out


def theme_by_question(notes: pd.DataFrame, utterances: pd.DataFrame, guide: pd.DataFrame,
                      themes: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD,
                      count: str = "notes") -> pd.DataFrame:
    """Which question elicited each theme: guide questions (rows) × themes (columns).

    Cells count notes (``count="notes"``) or distinct participants (``"participants"``)
    of that theme whose note followed that question. Rows are every guide question in guide
    order, then ``"other/unmatched"``; columns are every live theme in board order.

    Examples
    --------
    >>> table = theme_by_question(notes, study.utterances(), study.guide(), themes)
    >>> table.index[-1], list(table.columns) == themes["name"].tolist()
    ('other/unmatched', True)
    """
    if count not in ("notes", "participants"):
        raise ValueError("count must be 'notes' or 'participants'.")
    notes = notes_by_theme(notes)
    require(notes, "notes", ["note_id", "participant_id", "theme_id", "utterance_id"])
    live = live_themes(themes)
    placed = placed_notes(notes, live).drop_duplicates(["theme_id", "note_id"])
    matched = note_questions(placed, utterances, guide, threshold)
    guide = guide.sort_values("position", kind="stable") if "position" in guide else guide
    rows = _question_labels(guide)
    row_of = dict(zip(guide["question_id"], rows))
    cells = pd.DataFrame({
        "question": [row_of.get(q, UNMATCHED) if q is not None else UNMATCHED
                     for q in matched["question_id"]],
        "theme_id": placed["theme_id"].to_numpy(),
        "participant_id": placed["participant_id"].to_numpy()})
    if count == "participants":
        cells = cells.dropna(subset=["participant_id"]).drop_duplicates()
    table = cells.groupby(["question", "theme_id"]).size().unstack(fill_value=0)
    table = table.reindex(index=rows + [UNMATCHED], columns=live["theme_id"], fill_value=0)
    table.columns = pd.Index(theme_labels(live).loc[live["theme_id"]].tolist(), name="theme")
    table.index.name = "question"
    return table.astype(np.int64)


def _question_labels(guide: pd.DataFrame) -> list[str]:
    texts = guide["text"].astype(str)
    clash = texts.duplicated(keep=False)
    return [f"{t} (#{q})" if c else t
            for t, q, c in zip(texts, guide["question_id"], clash)]
