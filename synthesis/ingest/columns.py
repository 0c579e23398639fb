"""The column names spreadsheet importers accept, and how rounds and attribute keys are read.

Participant ids are read by :mod:`synthesis.identity`, the one place that rule lives.
"""

from __future__ import annotations

import re

# Order is preference: when a sheet has two matching columns, the earlier name wins.
PARTICIPANT = ("participant", "participant_id", "participant id", "P#", "pid", "respondent",
               "interviewee")
# Tools that export by document (Taguette's "document", a file name) carry the participant id
# inside the value ("P2 Transcript"); these are tried only when no participant column is there.
PARTICIPANT_IN_VALUE = ("document", "document name", "file", "file name", "source",
                        "interview", "session", "transcript")
NOTE = ("note", "text", "quote", "observation", "content", "highlight", "excerpt",
        "snippet", "quote text", "highlight text")
ROUND = ("round",)
KIND = ("kind", "type")
TAGS = ("tags", "tag", "theme", "themes", "code", "codes", "labels", "label")
NAME = ("name", "full name", "participant name")
NOTE_ID = ("note id", "highlight id", "excerpt id", "quote id", "segment id", "selection id",
           "id")
SPEAKER = ("speaker", "speaker name", "who", "talker")
TIME = ("timestamp", "time", "start", "start time", "time code", "timecode", "tc")
CODER = ("coder", "coded by", "annotator", "author", "created by")
WORDS = ("words", "text", "utterance", "transcript", "transcription", "content", "says",
         "what was said")

# The fields a researcher can map with --column FIELD=HEADER or [import.columns].
FIELDS = {"participant": PARTICIPANT, "note": NOTE, "theme": TAGS, "round": ROUND,
          "note_id": NOTE_ID, "speaker": SPEAKER, "time": TIME, "coder": CODER}

_ROUND_NUMBER = re.compile(r"^(?:r|round)?[\s_-]*(\d+)$", re.IGNORECASE)


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
