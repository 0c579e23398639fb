"""Key-question coverage: was each of the guide's key questions asked, where, how closely?

Interviewers paraphrase ("Walk me through the most recent invoice you sent" for "Tell me
about the last time you sent an invoice"), so matching is on content words, not strings.

Similarity, exactly
-------------------
Both texts are normalised and split into words (``set up``, ``set it up`` and ``setting
up`` read as ``setup``, ``give up`` as ``stop``); common words — including question words
and prompt verbs (``how``, ``tell``, ``walk``, ``through``, ``think``…) — are dropped,
before and after stemming; the rest are lightly stemmed (``invoices``/``invoicing`` →
``invoic``, ``sent`` → ``send``) and a few near-synonyms folded together (``recent``/
``latest`` → ``last``, ``nearly`` → ``almost``, ``price``/``pricing``/``cost``). With K
the key question's words and U those of what was said, the score is the mean of the Dice
overlap ``2|K∩U| / (|K|+|U|)`` and the share of the key question covered
``|K∩U| / |K|``: the first punishes a long ramble that happens to contain the words, the
second rewards saying all of the question. Each sentence of each interviewer utterance,
and each pair of neighbouring sentences, is scored; the best wins (the earliest on ties).
A key question counts as asked at ``score ≥ threshold`` (default 0.5).

A yes/no question does not ask an open key question by sharing its subject
--------------------------------------------------------------------------
An open key question asks for a story. A closed question about the same moment can still
ask it — "Was there a moment where you almost stopped?" for "What almost stopped you from
finishing?" gets the same story in practice — but one that only names the study's subject
does not: "So I guess you haven't sent an invoice yet?" shares ``send`` and ``invoic`` with
"Walk me through the last time you sent an invoice to a client." (score 0.5) yet asks for
no story at all. So when the key question reads as open and a passage as closed
(:func:`~synthesis.craft.questions.read_question`), the passage counts only if

1. it shares at least one of the key question's **own words**: content words no other
   question of the guide uses (in the sample study's guide ``last`` and ``client``;
   ``invoic`` and ``send`` are in four and two other questions: they name the study, not
   this question). A key question none of whose words is its own skips this test; and
2. if it is also **leading**, it scores at least :data:`LEADING_THRESHOLD` (0.75, most of
   the key question said): a question that supplies its answer leaves the participant no
   story to tell, so it counts only when it is nearly the key question itself.

Open passages, and any passage for a closed key question, count at the plain threshold.
The ``note`` column says why a passage at or above the threshold did not count.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import pandas as pd

from .lexicon import Lexicon, normalise, words
from .questions import read_question

DEFAULT_THRESHOLD = 0.5
LEADING_THRESHOLD = 0.75  # a closed, leading passage for an open key question needs this

_STOPWORDS = frozenset("""
a an the and or but if so of to in on at for with from by about as into over after before
than then that this these those there here it its it's is are was were be been being am do
does did done have has had having can could would will should shall may might must
i me my mine we us our you your yours he him his she her they them their what how why who
whom whose when where which tell walk talk take through describe explain show help
understand say give go please just really very bit little some any anything something
thing things kind sort like get got make made let lets know think mean okay ok yeah so
well now also maybe more most much many one ones time times way ever yet again still all
""".split())
_IRREGULAR = {
    "sent": "send", "went": "go", "gone": "go", "paid": "pay", "bought": "buy",
    "chose": "choose", "chosen": "choose", "began": "start", "begin": "start",
    "found": "find", "felt": "feel", "thought": "think", "told": "tell",
    "kept": "keep", "spent": "spend", "left": "leave", "lost": "lose", "built": "build",
    "recent": "last", "latest": "last", "previous": "last", "pricing": "price",
    "cost": "price", "costs": "price", "issue": "problem", "issues": "problem",
    "difficult": "hard", "customer": "client", "customers": "client", "bill": "invoic",
    "bills": "invoic", "billing": "invoic", "software": "tool", "app": "tool",
    "apps": "tool", "product": "tool", "system": "tool", "nearly": "almost",
    "gave": "give", "took": "take", "thinking": "think",
}


# Both are pure functions of one string, and the same strings come back again and again: each
# key question once per passage, each passage once per key question, each word everywhere.
# Cached, the sample study's coverage takes a quarter of the time (bench/bench_craft.py).
@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A light English stem, enough to match ``invoices``, ``invoicing`` and ``invoiced``.

    >>> [stem(w) for w in ("invoices", "invoicing", "invoiced", "companies", "sent")]
    ['invoic', 'invoic', 'invoic', 'company', 'send']
    """
    w = word.lower().removesuffix("'s")
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""),
                         ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith(("ss", "us")):
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":
        w = w[:-1]  # "stopped" -> "stopp" -> "stop"
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]  # "invoice" and "invoic(ing)" meet
    return _IRREGULAR.get(w, w)


_COMPOUNDS = re.compile(r"\b(set|sign|log|check|follow|start|back) (?:it |them )?(up|in|out)\b")
_GIVE_UP = re.compile(r"\b(?:give|gave|given|giving) up\b")


@lru_cache(maxsize=20_000)
def content_words(text: str) -> frozenset[str]:
    """The stemmed content words of ``text`` (the sets the similarity compares).

    >>> sorted(content_words("Thinking back, what almost stopped you setting up invoicing?"))
    ['almost', 'back', 'invoic', 'setup', 'stop']
    """
    # "set up" and "setup" are one idea; so are "sign up" and "signup".
    text = _COMPOUNDS.sub(r"\1\2", normalise(text).replace("setting up", "setup"))
    text = _GIVE_UP.sub("stop", text)  # "nearly gave up" asks what "almost stopped you" asks
    stems = (stem(w) for w in words(text) if w not in _STOPWORDS)
    return frozenset(s for s in stems if s not in _STOPWORDS)


def similarity(key_question: str, said: str) -> float:
    """How closely ``said`` asks ``key_question`` (0–1; see the module docstring).

    >>> similarity("Tell me about the last time you sent an invoice.",
    ...            "Can you walk me through the most recent invoice you sent?")
    1.0
    >>> round(similarity("How do you chase late payments?",
    ...                  "What happens when a client pays late?"), 2)
    0.31
    >>> similarity("How do you decide what to charge?", "Thanks, that's helpful.")
    0.0
    """
    k, u = content_words(key_question), content_words(said)
    if not k or not u:
        return 0.0
    common = len(k & u)
    return (2 * common / (len(k) + len(u)) + common / len(k)) / 2


_SENTENCE_RE = re.compile(r"(?<=[.?!])\s+")


def _passages(text: str) -> list[str]:
    sentences = [s for s in _SENTENCE_RE.split(" ".join(str(text).split())) if s]
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(sentences)]
    return sentences + pairs


def own_words(guide: pd.DataFrame) -> dict[object, frozenset[str]]:
    """Each guide question's own content words: those no other question of the guide uses.

    >>> g = pd.DataFrame({"question_id": [1, 2], "text": [
    ...     "Walk me through the last time you sent an invoice.",
    ...     "How many invoices do you send a month?"]})
    >>> sorted(own_words(g)[1]), sorted(own_words(g)[2])
    (['last'], ['month'])
    """
    bags = {qid: content_words(str(text)) for qid, text in zip(guide["question_id"],
                                                               guide["text"])}
    out = {}
    for qid, bag in bags.items():
        others = frozenset().union(*(b for q, b in bags.items() if q != qid))
        out[qid] = bag - others
    return out


def key_question_coverage(
    utterances: pd.DataFrame,
    guide: pd.DataFrame,
    lexicon: Lexicon | None = None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> pd.DataFrame:
    """One row per session and key question: asked or not, where, and the best match.

    Columns: ``session_id, question_id, key_question, asked, score, position, start_s,
    best_match, note``. ``position``/``start_s``/``best_match`` describe the passage that
    counts as asking the question, or else the best-scoring one; ``note`` says why a
    passage scoring at least ``threshold`` did not count (see the module docstring: a
    closed question for an open key question). Only interviewer utterances are searched;
    ``lexicon`` is the one questions are read with.

    Examples
    --------
    >>> u = pd.DataFrame({"session_id": ["s1"], "position": [3], "role": ["interviewer"],
    ...     "start_s": [61.0], "text": ["So, walk me through how you first set up invoicing."]})
    >>> g = pd.DataFrame({"question_id": [1], "text": ["How did you first set up invoicing?"],
    ...     "is_key": [1]})
    >>> row = key_question_coverage(u, g).iloc[0]
    >>> bool(row.asked), int(row.position), float(row.score)
    (True, 3, 1.0)

    Sharing only the words every question of the guide uses is not asking:

    >>> g = pd.DataFrame({"question_id": [1, 2], "is_key": [1, 0], "text": [
    ...     "Walk me through the last time you sent an invoice to a client.",
    ...     "How many invoices do you send in a month?"]})
    >>> u = u.assign(text=["So I guess you haven't sent an invoice yet?"])
    >>> row = key_question_coverage(u, g).iloc[0]
    >>> bool(row.asked), float(row.score), row.note
    (False, 0.5, 'a yes/no question sharing only words other guide questions use too')
    """
    columns = ["session_id", "question_id", "key_question", "asked", "score", "position",
               "start_s", "best_match", "note"]
    if guide is None or not len(guide) or "is_key" not in guide.columns:
        return pd.DataFrame(columns=columns).astype({"asked": bool, "score": float})
    own = own_words(guide)
    keys = guide[guide["is_key"].fillna(0).astype(bool)]
    if "position" in keys.columns:
        keys = keys.sort_values("position", kind="stable")
    rows = []
    iv = utterances[utterances["role"] == "interviewer"].sort_values(
        ["session_id", "position"], kind="stable")
    sessions = utterances["session_id"].drop_duplicates().sort_values()
    for session_id in sessions:
        mine = iv[iv["session_id"] == session_id]
        passages = [(p, pos, start) for text, pos, start in
                    zip(mine["text"], mine["position"], mine.get("start_s", pd.Series(
                        [None] * len(mine), index=mine.index)))
                    for p in _passages(text)]
        for qid, question in zip(keys["question_id"], keys["text"]):
            is_open = "open" in read_question(question, lexicon).flags
            # The passage that counts, else the best try; the earliest wins ties.
            best: tuple[bool, float, object, object, str, str] = (False, 0.0, None, None, "",
                                                                 "")
            for passage, pos, start in passages:
                score = similarity(question, passage)
                if score <= best[1] and (best[0] or score < threshold):
                    continue  # cannot beat the best (the check below is the costly part)
                note = _not_asking(question, passage, score, own.get(qid, frozenset()),
                                   lexicon) if is_open and score >= threshold else ""
                counts = score >= threshold and not note
                if (counts, score) > best[:2]:
                    best = (counts, score, pos, start, passage, note)
            counts, score, pos, start, passage, note = best
            rows.append({"session_id": session_id, "question_id": qid,
                         "key_question": question, "asked": counts,
                         "score": round(score, 3), "position": pos, "start_s": start,
                         "best_match": passage, "note": note})
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"asked": bool, "score": float})


def _not_asking(question: str, passage: str, score: float, own: frozenset[str],
                lexicon: Lexicon | None) -> str:
    """Why a closed ``passage`` does not ask the open key ``question`` ("" when it does)."""
    flags = read_question(passage, lexicon).flags
    if "closed" not in flags:
        return ""
    if own and not own & content_words(passage):
        return "a yes/no question sharing only words other guide questions use too"
    if "leading" in flags and score < LEADING_THRESHOLD:
        return (f"a leading yes/no question, which counts only from a score of "
                f"{LEADING_THRESHOLD:.2f}")
    return ""
