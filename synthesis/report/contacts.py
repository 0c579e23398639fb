"""Finding contact details in quotes: emails, links and bare domains, phone numbers.

Each finder returns ``(start, end)`` spans; :mod:`synthesis.report.redaction` replaces them.

- **Emails**: any letters on both sides of the ``@`` (``müller@bücher.de``,
  ``info@例え.jp``), and addresses spelled out to fool bots: ``lena dot hoffmann at example
  dot com``, ``jane [at] acme [dot] io``, ``kofi(at)mensah(dot)studio``, ``j.smith AT
  harlow DOT com``.
- **Links**: anything with a scheme or ``www.``, and bare domains with *any* top-level domain
  (``ortiz.agency``, ``calendly.com/rafa``, ``groß-handwerk.de``). Names that only look like
  domains are left alone: file names (``report.pdf``), version numbers, abbreviations
  (``e.g.``), and two sentences missing a space (``paid.Then``).
- **Phones**: candidates of 7 to 15 digits with the usual separators are checked with
  ``phonenumbers`` (Google's libphonenumber data): an international number must be a possible
  number; a national one must be valid in at least one of :data:`REGIONS`. Dates, amounts
  (``1.200.000``), year ranges and short lists of numbers are never phones, and a run of
  digits without a leading ``0``, ``+`` or brackets needs 9 digits or a first group of 3
  (order and ticket numbers stay).

Examples
--------
>>> text = "Mail lena dot hoffmann at example dot com or call 030 98765432"
>>> [text[a:b] for a, b in emails(text) + phones(text)]
['lena dot hoffmann at example dot com', '030 98765432']
"""

from __future__ import annotations

import re

__all__ = ["REGIONS", "emails", "links", "phones"]

# Regions whose national formats are tried for a number written without "+", most common
# in research studies first (English-speaking, EU, then the largest other markets).
REGIONS = ("US", "GB", "IE", "CA", "AU", "NZ", "DE", "AT", "CH", "FR", "BE", "NL", "LU",
           "ES", "PT", "IT", "SE", "NO", "DK", "FI", "PL", "CZ", "IN", "SG", "ZA", "NG",
           "KE", "BR", "MX", "JP", "IL", "AE")

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_AT = r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+|\s+AT\s+)"
_DOT_SPELLED = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+|\s+DOT\s+)"
_DOT = rf"(?:{_DOT_SPELLED}|\.(?=\w))"
_LABEL = r"[\w+-]+"
# "lena dot hoffmann at example dot com": a spelled-out "dot" after the "at" is required
# (or a bracketed at), so "I work at acme.io" stays a sentence with a domain in it.
_SPELLED = re.compile(
    rf"(?<![\w.@]){_LABEL}(?:{_DOT}{_LABEL})*"
    rf"(?:{_AT}{_LABEL}(?:{_DOT}{_LABEL})*{_DOT_SPELLED}{_LABEL}(?:{_DOT}{_LABEL})*"
    rf"|\s*[\[(]\s*at\s*[\])]\s*{_LABEL}(?:{_DOT}{_LABEL})+)", re.IGNORECASE)
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"']+", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![\w@.\-/])(?:[^\W_](?:[\w-]*[^\W_])?\.)+([^\W\d_]{2,24})(?![\w-])(/[^\s<>\"']*)?")
# Endings that are file types or abbreviations, not top-level domains.
_NOT_TLD = frozenset("""
pdf csv tsv xls xlsx xlsm doc docx odt ods odp ppt pptx txt rtf md png jpg jpeg gif svg webp
heic mp3 mp4 mov avi mkv wav m4a zip rar gz tar json xml html htm js ts py ipynb exe dmg pkg
apk msi db sqlite log cfg ini yml yaml etc vs approx incl excl
""".split())
_TRAILING = ".,;:!?)]}'\"”’"

_PHONE = re.compile(
    r"(?<![\w/.,+-])(?:\+|00)?\s?(?:\(\s?\d{1,5}\s?\)[\s.-]?)?\d[\d().\-/\s]{4,22}\d"
    r"(?![\w/-]|[.,]\d)")
_DATE = re.compile(r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$"
                   r"|^\d{4}\s*[-–]\s*\d{4}$")
_AMOUNT = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$|^\d{1,2}(?:\s\d{3})+$")


def emails(text: str) -> list[tuple[int, int]]:
    """Spans of email addresses, written normally or spelled out.

    >>> emails("write jane [at] acme [dot] io or müller@bücher.de")
    [(6, 29), (33, 49)]
    """
    spans = [m.span() for m in _EMAIL.finditer(text)]
    spans += [m.span() for m in _SPELLED.finditer(text)]
    return _merge(spans)


def links(text: str) -> list[tuple[int, int]]:
    """Spans of links: a scheme or ``www.``, or a bare domain with any top-level domain.

    >>> text = "see ortiz.agency, not report.pdf."
    >>> [text[a:b] for a, b in links(text)]
    ['ortiz.agency']
    """
    spans = [_trimmed(text, m.start(), m.end()) for m in _URL.finditer(text)]
    for m in _DOMAIN.finditer(text):
        tld, path = m.group(1), m.group(2)
        if tld.casefold() in _NOT_TLD or (tld[0].isupper() and not tld.isupper()):
            continue  # report.pdf, e.g., "paid.Then" (a missing space, not a domain)
        labels = m.group(0).split("/")[0].split(".")
        if all(len(label) == 1 for label in labels[:-1]) and not path:
            continue  # "U.S", "a.m"
        spans.append(_trimmed(text, m.start(), m.end()))
    return _merge(spans)


def phones(text: str, regions: tuple[str, ...] = REGIONS) -> list[tuple[int, int]]:
    """Spans of phone numbers, checked with ``phonenumbers`` (see the module docstring).

    >>> text = "call 06 12 34 56 78, not ticket 12345678"
    >>> [text[a:b] for a, b in phones(text)]
    ['06 12 34 56 78']
    """
    if sum(ch.isdigit() for ch in text) < 7:
        return []
    spans = []
    for m in _PHONE.finditer(text):
        start, end = m.span()
        candidate = text[start:end].rstrip(" .-/")
        end = start + len(candidate)
        lead = len(candidate) - len(candidate.lstrip())
        if _is_phone(candidate.strip(), regions):
            spans.append((start + lead, end))
    return spans


def _is_phone(candidate: str, regions: tuple[str, ...]) -> bool:
    # lazy: phonenumbers adds ~25 ms (and its metadata more on first parse); only text with
    # a run of 7+ digits gets here
    import phonenumbers

    digits = sum(ch.isdigit() for ch in candidate)
    if not 7 <= digits <= 15 or _DATE.match(candidate) or _AMOUNT.match(candidate):
        return False
    international = candidate.startswith(("+", "00"))
    if not international and not candidate.startswith(("0", "(")):
        first = re.match(r"\d+", candidate)
        if digits < 9 and (first is None or len(first.group(0)) < 3):
            return False  # "20 30 40 50", "ticket 1234567": lists and ids
        if not re.search(r"[\s.()/-]", candidate) and digits < 9:
            return False
    try:
        if international:
            number = phonenumbers.parse("+" + candidate.lstrip("+0") if candidate.startswith(
                "00") else candidate, None)
            return phonenumbers.is_possible_number(number)
        for region in regions:
            number = phonenumbers.parse(candidate, region)
            if phonenumbers.is_valid_number(number):
                return True
    except phonenumbers.NumberParseException:
        return False
    return False


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A link's span without the sentence's closing punctuation."""
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlaps joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
