"""The column names spreadsheet importers accept, and how ids and rounds in cells are read."""

from __future__ import annotations

import re

# Order is preference: when a sheet has two matching columns, the earlier name wins.
PARTICIPANT = ("participant", "participant_id", "participant id", "P#", "pid", "respondent",
               "interviewee")
NOTE = ("note", "text", "quote", "observation", "content")
ROUND = ("round",)
KIND = ("kind", "type")
TAGS = ("tags", "tag", "theme", "themes", "code")
NAME = ("name", "full name", "participant name")

_PARTICIPANT_NUMBER = re.compile(r"^[pP][\s_-]?(\d+)$")
_ROUND_NUMBER = re.compile(r"^(?:r|round)?[\s_-]*(\d+)$", re.IGNORECASE)


def participant_id(value: str) -> str:
    """A participant id as the study stores it: ``p3`` and ``P03`` are the same person.

    Only ids shaped like ``p`` + digits are rewritten; any other id is kept as given.

    Examples
    --------
    >>> participant_id(" p3 "), participant_id("P12"), participant_id("P003"), participant_id("Ana")
    ('P03', 'P12', 'P03', 'Ana')
    """
    value = value.strip()
    match = _PARTICIPANT_NUMBER.match(value)
    return f"P{int(match.group(1)):02d}" if match else value


def round_id(value: str) -> str:
    """A round id as the study stores it: ``1``, ``R1`` and ``Round 1`` all become ``r1``.

    Any other label (``pilot``) is kept as given.

    Examples
    --------
    >>> round_id("1"), round_id("R1"), round_id("Round 1"), round_id("round-02"), round_id("pilot")
    ('r1', 'r1', 'r1', 'r2', 'pilot')
    """
    value = value.strip()
    match = _ROUND_NUMBER.match(value)
    return f"r{int(match.group(1))}" if match else value


def attribute_key(column: str) -> str:
    """A column name as a participant attribute key: lower-case snake_case.

    Examples
    --------
    >>> attribute_key("Company size"), attribute_key("E-mail"), attribute_key("Plan (2024)")
    ('company_size', 'email', 'plan_2024')
    """
    key = re.sub(r"[\W_]+", "_", column.casefold()).strip("_")
    # Redaction looks for exactly these two keys, so their common spellings are folded in.
    if key in ("email", "e_mail", "email_address", "e_mail_address"):
        return "email"
    if key in ("phone", "phone_number", "telephone", "tel", "mobile"):
        return "phone"
    return key or "column"
