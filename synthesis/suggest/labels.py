"""Short labels for groups of notes: their most distinctive words, by class-based TF-IDF.

c-TF-IDF (Grootendorst 2022, the labelling step of BERTopic) treats each group as one
document: a word's weight in a group is its frequency there times
``log(1 + A / f)``, where ``A`` is the average number of words per group and ``f`` the
word's frequency over all groups. Words every group uses ("really", "app") sink; words one
group keeps using rise.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .words import term_counts

SEPARATOR = " · "
PHRASE_BONUS = 1.25
_STEM = 5  # words sharing their first five letters count as one ("confuse", "confusing")


def distinctive_words(groups: Sequence[Sequence[str]], n: int = 3) -> list[list[str]]:
    """The ``n`` most distinctive words (or two-word phrases) of each group of texts.

    A phrase is not repeated by its own words ("bank feed", then not "bank"). A group with
    no usable word gets an empty list.

    Examples
    --------
    >>> distinctive_words([["bank feed broke", "the bank feed failed"],
    ...                    ["VAT return", "VAT rate confusing"]], n=2)
    [['bank feed', 'broke'], ['vat', 'confusing']]
    """
    words, counts = term_counts(groups)
    if not words:
        return [[] for _ in groups]
    per_group = counts.sum(axis=1, keepdims=True)
    tf = np.divide(counts, per_group, out=np.zeros_like(counts), where=per_group > 0)
    average = per_group.mean()
    idf = np.log1p(average / np.maximum(counts.sum(axis=0), 1.0))
    weights = tf * idf
    # A two-word phrase must recur to count (one odd pair is not a label); one that does
    # says more than either of its words, so it wins a tie with them.
    phrase = np.array([" " in w for w in words])
    weights[:, phrase] *= (counts[:, phrase] >= 2) * PHRASE_BONUS
    weights[:, [any(c.isdigit() for c in w) for w in words]] = 0.0  # "12", "2pm": no label
    out = []
    for row in weights:
        chosen: list[str] = []
        for j in np.argsort(-row, kind="stable"):
            if row[j] <= 0 or len(chosen) == n:
                break
            word = str(words[j])
            if any(_overlap(word, c) for c in chosen):
                continue
            chosen.append(word)
        out.append(chosen)
    return out


def _overlap(word: str, chosen: str) -> bool:
    """Whether ``word`` repeats ``chosen``: a word of the phrase, or the same stem."""
    mine, theirs = word.split(), chosen.split()
    return any(a == b or (len(a) >= _STEM and len(b) >= _STEM and a[:_STEM] == b[:_STEM])
               for a in mine for b in theirs)


def label(words: Sequence[str]) -> str:
    """A draft's label from its words: ``"bank · feed · access"`` ("" when none).

    Examples
    --------
    >>> label(["bank feed", "broke"])
    'bank feed · broke'
    """
    return SEPARATOR.join(words)
