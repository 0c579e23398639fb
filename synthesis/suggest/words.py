"""The words of a note: terms (words and two-word phrases without stop words) and TF-IDF.

One tokeniser serves TF-IDF similarity and draft labels alike. It follows scikit-learn's
``TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode")`` exactly
(the tests compare the two), written out here because importing scikit-learn costs seconds
that a researcher waiting for suggestions would notice, while this needs only scipy.sparse.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
# Stage directions carry no meaning for a theme.
_NOISE = re.compile(r"\[(?:laughs?|laughter|pause|inaudible|crosstalk|sighs?)\]", re.I)

# English function words, then the words of talk that say nothing about a theme: notes are
# often quotes ("yeah, I just sort of know it's there").
STOP_WORDS = frozenset("""
a about above across after afterwards again against all almost alone along already also
although always am among amongst an and another any anyhow anyone anything anyway anywhere
are around as at back be became because become becomes been before beforehand behind being
below beside besides between beyond both but by can cannot could couldn de do does doing
done down during each eg either else elsewhere enough etc even ever every everyone
everything everywhere except few for former formerly from further had has hasn have haven
having he hence her here hereafter hereby herein hers herself him himself his how however ie
if in indeed into is isn it its itself just last latter least less many may me meanwhile
might mine more moreover most mostly much must my myself namely neither never nevertheless
next no nobody none noone nor not nothing now nowhere of off often on once one only onto or
other others otherwise our ours ourselves out over own per perhaps please quite rather re
same seem seemed seeming seems several she should shouldn since so some somehow someone
something sometime sometimes somewhere still such than that the their theirs them
themselves then thence there thereafter thereby therefore therein thereupon these they this
those though through throughout thru thus to together too toward towards un under until up
upon us very via was wasn we well were weren what whatever when whence whenever where
whereafter whereas whereby wherein whereupon wherever whether which while whither who
whoever whole whom whose why will with within without would wouldn yet you your yours
yourself yourselves
yeah yes yep nope okay ok um uh erm hmm like know mean really actually honestly basically
literally kind sort thing things stuff bit lot lots got get gets getting gonna wanna dunno
guess maybe pretty probably right sure think thought said say says saying went goes going
did didn doesn don want wanted way ve ll im id ive oh ah
""".split())


def clean(text: object) -> str:
    """A note's text as the models read it: stage directions out, whitespace collapsed.

    Examples
    --------
    >>> clean("Well [laughs]  I never\\nfound it")
    'Well I never found it'
    """
    return " ".join(_NOISE.sub(" ", "" if text is None else str(text)).split())


def normalise(text: str) -> str:
    """Lower case without accents, as the tokeniser reads a text.

    Examples
    --------
    >>> normalise("Café VAT")
    'cafe vat'
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def terms(text: str) -> list[str]:
    """A text's words and two-word phrases, stop words left out (phrases join the words
    left standing next to each other, as scikit-learn does).

    Examples
    --------
    >>> terms("The bank feed broke again")
    ['bank', 'feed', 'broke', 'bank feed', 'feed broke']
    """
    words = [w for w in _TOKEN.findall(normalise(text)) if w not in STOP_WORDS]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def tfidf(texts: Sequence[str], vocabulary_from: Sequence[str] | None = None
          ) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows: ``1 + ln(count)`` times ``1 + ln((1 + n) / (1 + df))``.

    The vocabulary and document frequencies come from ``vocabulary_from`` (default:
    ``texts``); terms not in it are ignored. A text with no known term is a zero row.

    Examples
    --------
    >>> m = tfidf(["VAT return due", "VAT confusion", "bank feed"])
    >>> round(float((m[0] @ m[1].T).toarray()[0, 0]), 3)
    0.168
    """
    fit = [Counter(terms(t)) for t in (vocabulary_from if vocabulary_from is not None
                                        else texts)]
    frequency: Counter[str] = Counter()
    for counts in fit:
        frequency.update(counts.keys())
    columns = {term: j for j, term in enumerate(sorted(frequency))}
    n = len(fit)
    idf = np.array([1.0 + math.log((1 + n) / (1 + frequency[t])) for t in sorted(frequency)])
    rows = fit if vocabulary_from is None else (Counter(terms(t)) for t in texts)
    return _matrix(rows, columns, idf, len(texts))


def _matrix(rows: Iterable[Counter[str]], columns: dict[str, int], idf: np.ndarray,
            count: int) -> sparse.csr_matrix:
    indptr, indices, values = [0], [], []
    for counts in rows:
        known = sorted((columns[t], c) for t, c in counts.items() if t in columns)
        indices += [j for j, _ in known]
        values += [(1.0 + math.log(c)) * idf[j] for j, c in known]
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((np.asarray(values, dtype=np.float64), indices, indptr),
                               shape=(count, max(len(columns), 1)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sparse.csr_matrix(sparse.diags(scale) @ matrix)


def term_counts(groups: Sequence[Sequence[str]]) -> tuple[list[str], np.ndarray]:
    """Terms (sorted) and their counts per group of texts, a groups x terms array.

    Examples
    --------
    >>> term_counts([["bank feed"], ["VAT"]])
    (['bank', 'bank feed', 'feed', 'vat'], array([[1., 1., 1., 0.],
           [0., 0., 0., 1.]]))
    """
    per_group = [Counter(t for text in texts for t in terms(clean(text))) for texts in groups]
    vocabulary = sorted(set().union(*per_group)) if per_group else []
    column = {t: j for j, t in enumerate(vocabulary)}
    counts = np.zeros((len(groups), len(vocabulary)))
    for g, group in enumerate(per_group):
        for term, count in group.items():
            counts[g, column[term]] = count
    return vocabulary, counts
