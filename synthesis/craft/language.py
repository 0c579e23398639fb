"""Whether a session is in English: the question rules read English only.

>>> is_english("How do you send invoices to your clients today?")
True
"""

from __future__ import annotations

import re
from functools import lru_cache

# A few of the commonest function words per language. English is claimed only when its words
# are frequent *and* outnumber every other language's: short or mixed text stays English.
_STOPWORDS = {
    "en": set("""the a an and or but of to in on at for with is are was were be been it this
        that you i we they he she do did does have has had not what how why so if my your
        our me can would will there about just like""".split()),
    "de": set("""der die das und oder aber nicht ist sind war ich du wir sie er es ein eine
        mit auf für zu von den dem des auch wie was wenn noch nur sehr""".split()),
    "fr": set("""le la les et ou mais pas est sont était je tu nous vous ils elle un une des
        du de avec pour dans sur que qui ce ça comme très aussi""".split()),
    "es": set("""el la los las y o pero no es son era yo tú nosotros ellos ella un una de
        del con para en por que qué como muy también pues""".split()),
    "nl": set("""de het een en of maar niet is zijn was ik jij wij zij hij met voor op van
        dat die wat hoe ook heel""".split()),
    "it": set("""il lo la gli le e o ma non è sono era io tu noi voi loro un una di del con
        per che come anche molto""".split()),
    "pt": set("""o a os as e ou mas não é são era eu tu nós eles ela um uma de do da com
        para em que como muito também""".split()),
    "hu": set("""a az és vagy de nem egy hogy van volt én te mi ők ő ez azt is meg már csak
        mint még kell""".split()),
    "sv": set("""och eller men inte är var jag du vi de han hon en ett med för på av att som
        det den också mycket""".split()),
}
_ANY_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@lru_cache(maxsize=1_024)  # a session's whole text, asked about once per craft frame
def is_english(text: str, min_words: int = 6) -> bool:
    """Whether ``text`` reads as English, by counting common function words per language.

    Texts shorter than ``min_words`` words count as English: too short to tell, and the
    detector's own phrases are English anyway.

    Examples
    --------
    >>> is_english("How do you send invoices to your clients today?")
    True
    >>> is_english("Wie verschicken Sie heute die Rechnungen an Ihre Kunden und wann?")
    False
    """
    tokens = [t.lower() for t in _ANY_WORD_RE.findall(text or "")]
    if len(tokens) < min_words:
        return True
    share = {lang: sum(t in stop for t in tokens) / len(tokens)
             for lang, stop in _STOPWORDS.items()}
    english = share.pop("en")
    return english >= 0.15 and english >= max(share.values())
