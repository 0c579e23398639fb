"""Which participant attributes are private: the one rule reports, exports and the board ask.

A participants file carries whatever the recruiter exported: ``First name``, ``Last name``,
``Work email``, ``Mobile phone``, ``LinkedIn profile``, ``Vorname``, ``Téléphone``… Matching
exact keys (``name``, ``email``) let most of those through, so the rule works on the words of
a column's name instead: a column is private when one of its words (after accents are
stripped, case is folded and camelCase and punctuation are split) is

- **name-like**: ``name`` or a compound of it (``first_name``, ``lastname``, ``surname``,
  ``nickname``, ``username``…), ``initials``, or a name word in another language
  (``vorname``, ``prenom``, ``apellido``…), unless the name belongs to a thing rather than a
  person (``company_name``, ``plan_name``, ``product name``);
- **contact**: e-mail, phone, mobile, fax, address, postcode, messenger handles;
- **profile**: LinkedIn, Twitter/X, GitHub and other social profiles, ``url``, ``website``,
  ``profile``, ``handle``;
- **an identifier of a person**: date of birth, national id, passport, IP address;
- **bookkeeping that can carry a name**: ``created_from`` (the file a participant came from).

Private attributes never reach a redacted report or an export, and the board does not offer
them as a colour or filter. Everything else (``segment``, ``role``, ``plan``, ``country``,
``company_size``…) is an ordinary attribute. Their *values* still go through the report's
redactor, and the values of private columns are handed to it as literal terms (see
:func:`private_values`), so a phone number in an odd format is removed wherever it is quoted.

Examples
--------
>>> [c for c in ["First name", "Last name", "Work email", "Mobile phone", "LinkedIn profile",
...              "segment", "Company name", "company_size"] if is_private(c)]
['First name', 'Last name', 'Work email', 'Mobile phone', 'LinkedIn profile']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

__all__ = ["BOOKKEEPING", "is_private", "private_attributes", "public_attributes",
           "shareable", "name_columns", "participant_names", "private_values", "fold"]

# Columns of the participants frame that are the store's bookkeeping, not attributes.
BOOKKEEPING = ("participant_id", "round_id")

# Words (whole, after folding) that make a column name-like. Other languages' words are the
# ones recruiters' exports use (German, French, Spanish, Italian, Dutch, Portuguese, Polish).
_NAME_WORDS = {
    "name", "names", "firstname", "lastname", "surname", "surnames", "forename", "forenames",
    "fullname", "givenname", "familyname", "middlename", "nickname", "username", "screenname",
    "displayname", "maidenname", "initials", "vorname", "nachname", "familienname", "prenom",
    "nom", "nombre", "apellido", "apellidos", "nome", "cognome", "sobrenome", "voornaam",
    "achternaam", "naam", "imie", "nazwisko",
}
# ``<word> name`` where the name is a thing's, not a person's.
_THING_WORDS = {
    "company", "companies", "organisation", "organization", "org", "employer", "business",
    "firm", "product", "plan", "team", "project", "brand", "vendor", "tool", "app", "file",
    "study", "segment", "tier", "account", "workspace", "bank", "industry", "sector",
    "department", "job", "role", "theme", "round", "device", "browser", "package",
    "software", "platform", "city", "country", "region", "school", "university",
}
_CONTACT_WORDS = {
    "email", "emails", "mail", "mails", "emailaddress", "courriel", "correo", "mailadresse",
    "phone", "phones", "telephone", "tel", "telefon", "telefono", "telefoon", "phonenumber",
    "mobilephone", "mobilenumber", "cellphone", "handy", "portable", "movil", "cellulare",
    "fax", "whatsapp", "telegram", "skype", "wechat", "sms", "address",
    "addresses", "adresse", "direccion", "indirizzo", "adres", "street", "postcode",
    "postalcode", "zipcode", "zip", "plz", "contactinfo", "contactdetails",
}
# Words that are contact details only when nothing more specific follows: "Mobile" and
# "Cell" are phone numbers, "Mobile app user" and "Cell lead" are not.
_ALONE_OR_NUMBER = {"mobile", "cell", "contact"}
_NUMBER_WORDS = {"number", "no", "nr", "num", "phone", "tel", "info", "details", "email"}
_PROFILE_WORDS = {
    "linkedin", "twitter", "github", "gitlab", "facebook", "instagram", "tiktok",
    "mastodon", "bluesky", "youtube", "xing", "behance", "dribbble", "calendly",
    "profile", "profiles", "url", "urls", "website", "websites", "homepage", "webpage",
    "handle", "social", "portfolio",
}
_ID_WORDS = {
    "birthday", "birthdate", "dob", "birth", "ssn", "passport", "nationalid", "ip",
    "ipaddress", "createdfrom", "signature", "photo", "avatar",
}
_COMPOUND_SUFFIXES = ("email", "phone", "address", "url", "linkedin", "profile")
_NOT_COMPOUNDS = {"smartphone", "headphone", "headphones", "microphone", "megaphone"}


def fold(text: str) -> str:
    """``text`` without accents, case-folded (``"Siobhán"`` → ``"siobhan"``).

    Examples
    --------
    >>> fold("Prénom"), fold("ÅSA"), fold("Łukasz")
    ('prenom', 'asa', 'lukasz')
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Letters NFKD does not decompose (ł, ø, ß, æ, đ) get their usual ASCII spelling.
    return stripped.casefold().translate(_UNDECOMPOSED)


_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "đ": "d",
                               "ð": "d", "þ": "th", "œ": "oe", "ı": "i"})


def _words(column: object) -> list[str]:
    """A column name's words: camelCase and punctuation split, accents stripped, folded."""
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", str(column))  # workEmail -> work Email
    text = text.replace("LinkedIn", "Linkedin ").replace("GitHub", "Github ")
    return [w for w in re.split(r"[^a-z0-9]+", fold(text)) if w]


def is_private(attribute: object) -> bool:
    """Whether a participant attribute (a column name) identifies a person.

    Examples
    --------
    >>> [is_private(c) for c in ("name", "first_name", "E-mail", "LinkedIn profile",
    ...                          "Vorname", "Téléphone", "mobile", "Mobile app user")]
    [True, True, True, True, True, True, True, False]
    >>> [is_private(c) for c in ("segment", "role", "plan", "Company name", "region")]
    [False, False, False, False, False]
    """
    words = _words(attribute)
    squashed = "".join(words)
    if not words:
        return False
    if squashed in _ID_WORDS | _NAME_WORDS | _CONTACT_WORDS | _PROFILE_WORDS:
        return True  # "E-mail" -> "email", "Last-Name" -> "lastname", "Created from"...
    for i, word in enumerate(words):
        rest = words[i + 1:]
        if (word in _NAME_WORDS or _name_compound(word)) \
                and not (i > 0 and words[i - 1] in _THING_WORDS) and not _thing_compound(word):
            return True
        if word in _CONTACT_WORDS | _PROFILE_WORDS | _ID_WORDS:
            return True
        if word in _ALONE_OR_NUMBER and (not rest or rest[0] in _NUMBER_WORDS):
            return True
        if (word, *rest[:1]) in (("x", "handle"), ("post", "code")):
            return True
        if word not in _NOT_COMPOUNDS and any(word.endswith(s) and len(word) > len(s) + 2
                                              for s in _COMPOUND_SUFFIXES):
            return True  # workemail, homephone, linkedinurl...
    return False


def _name_compound(word: str) -> bool:
    """``firstname``, ``contactname``: a single word ending in ``name``."""
    return word.endswith("name") and len(word) > 4


def _thing_compound(word: str) -> bool:
    """``companyname``, ``planname``: a thing's name written as one word."""
    return word.endswith("name") and word[:-4] in _THING_WORDS


def private_attributes(columns: Iterable[object]) -> list[object]:
    """The private columns among ``columns``, in their order.

    Examples
    --------
    >>> private_attributes(["participant_id", "segment", "Work email", "name"])
    ['Work email', 'name']
    """
    return [c for c in columns if c not in BOOKKEEPING and is_private(c)]


def public_attributes(columns: Iterable[object]) -> list[object]:
    """The attributes a researcher may colour, filter and split by (no bookkeeping, none private).

    Examples
    --------
    >>> public_attributes(["participant_id", "round_id", "name", "segment", "mobilePhone"])
    ['segment']
    """
    return [c for c in columns if c not in BOOKKEEPING and not is_private(c)]


def shareable(participants: pd.DataFrame) -> pd.DataFrame:
    """``participants`` without private columns: what may leave the research team.

    Examples
    --------
    >>> people = pd.DataFrame({"participant_id": ["P01"], "First name": ["Ana"],
    ...                        "segment": ["smb"]})
    >>> shareable(people).columns.tolist()
    ['participant_id', 'segment']
    """
    return participants.drop(columns=private_attributes(participants.columns))


def name_columns(columns: Iterable[object]) -> list[object]:
    """The name-like columns (a person's names, not their contact details), in order.

    Examples
    --------
    >>> name_columns(["name", "First name", "Last name", "email", "Company name"])
    ['name', 'First name', 'Last name']
    """
    out = []
    for column in columns:
        words = _words(column)
        for i, word in enumerate(words):
            if (word in _NAME_WORDS or _name_compound(word)) and not _thing_compound(word) \
                    and not (i > 0 and words[i - 1] in _THING_WORDS) \
                    and word not in ("username", "screenname", "initials"):
                out.append(column)
                break
    return out


def participant_names(participants: pd.DataFrame) -> dict[str, list[str]]:
    """Participant id → the names a report must not show (full name first, then the parts).

    A ``name`` column and separate first/last-name columns are both read; the parts are
    joined into a full name in column order (``First name`` + ``Last name``).

    Examples
    --------
    >>> people = pd.DataFrame({"participant_id": ["P01"], "name": [None],
    ...                        "First name": ["Lena"], "Last name": ["Hoffmann"]})
    >>> participant_names(people)
    {'P01': ['Lena Hoffmann', 'Lena', 'Hoffmann']}
    """
    if "participant_id" not in participants.columns:
        return {}
    columns = name_columns(participants.columns)
    out: dict[str, list[str]] = {}
    for row in participants[["participant_id", *columns]].itertuples(index=False):
        pid, values = row[0], [_text(v) for v in row[1:]]
        values = [v for v in values if v]
        if not values or pid is None or pd.isna(pid):
            continue
        whole = [v for v in values if " " in v]
        parts = [v for v in values if " " not in v]
        joined = [" ".join(parts)] if len(parts) > 1 else []
        out[str(pid)] = list(dict.fromkeys(whole + joined + parts))
    return out


def private_values(participants: pd.DataFrame) -> list[str]:
    """Every value in a private column that is not a name (emails, phones, handles, links).

    The report's redactor removes these literally, wherever a quote repeats them.

    Examples
    --------
    >>> private_values(pd.DataFrame({"participant_id": ["P01"], "Mobile": ["0171 23 45 67"],
    ...                              "name": ["Ana Lima"], "segment": ["smb"]}))
    ['0171 23 45 67']
    """
    names = set(name_columns(participants.columns))
    columns = [c for c in private_attributes(participants.columns) if c not in names]
    values: list[str] = []
    for column in columns:
        values += [v for v in (_text(x) for x in participants[column]) if v and len(v) >= 4]
    return list(dict.fromkeys(values))


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return " ".join(str(value).split())
