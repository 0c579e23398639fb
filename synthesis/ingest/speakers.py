"""Speaker labels in a transcript: telling a name label from text, and one name per person."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from synthesis.ingest.roles import label_role

# Words that start a line with a colon but are not people ("Note: ...", "So: ...").
_NOT_NAMES = frozenset(
    """
    note notes nb ps p.s. warning caution tip hint update edit example step summary context
    source important reminder remember disclaimer spoiler fact rule lesson result problem
    solution goal reason translation transcript title subject re fwd yes no so well okay ok
    now then also but and or here there this that these those first second third finally plus
    bonus quote chapter part section topic agenda action todo fixme http https www mailto
    background music applause laughter inaudible crosstalk silence pause date time location
    duration attendees participants recorded recording meeting the an for in on at with by
    from to of my our your his her their its we you he she they it what why how when where
    who which if because as like just only even still yet
    """.split()
)
# Diarisation labels and speaker codes (Otter's "A1", "P1", "R1") carry digits but are still
# speakers; labels that carry a role ("Interviewer1", "interviewee") are checked by roles.py.
_CODED_SPEAKER = re.compile(r"(?:Speaker|Person)(?: \d{1,3})?|Unknown Speaker(?: \d{1,3})?|"
                            r"[A-Z]{1,2}\d{1,3}")
_LABEL = re.compile(r"([^\s:][^:\n]{0,39}?):(?:\s+|$)", re.S)


def looks_like_name(label: str) -> bool:
    """Whether ``label`` reads like a speaker: 1–3 capitalised words and no digits.

    Diarisation labels (``Speaker 2``), speaker codes (``A1``, ``P03``) and labels that
    carry a role in any case (``interviewer``, ``Interviewer1``) count as names too.

    Examples
    --------
    >>> looks_like_name("David Flood"), looks_like_name("Note"), looks_like_name("in 2019")
    (True, False, False)
    >>> looks_like_name("A1"), looks_like_name("interviewee"), looks_like_name("R2D2")
    (True, True, False)
    """
    label = " ".join(label.split())
    if _CODED_SPEAKER.fullmatch(label) or label_role(label) is not None:
        return True
    words = label.split()
    if not 1 <= len(words) <= 3 or words[0].casefold() in _NOT_NAMES:
        return False
    for word in words:
        if not word[0].isupper():
            return False
        if not all(ch.isalpha() or ch in "'’.-" for ch in word):
            return False
    return True


def split_label(text: str, known: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """Split ``"Name: what they said"`` into the name and the text, if it starts with a name.

    ``known`` holds labels accepted even if they do not look like names (see
    :func:`repeated_labels`).

    Examples
    --------
    >>> split_label("Gilon: So is there an ideal")
    ('Gilon', 'So is there an ideal')
    >>> split_label("Note: this is not a speaker") is None
    True
    """
    match = _LABEL.match(text)
    if match is None:
        return None
    label = match.group(1).strip()
    if label not in known and not looks_like_name(label):
        return None
    return label, text[match.end() :]


def repeated_labels(lines: Iterable[str], min_count: int = 3) -> frozenset[str]:
    """Labels that open at least ``min_count`` lines, such as Zoom's ``jane.doe (she/her):``.

    Video-call tools write the display name, which is often not a capitalised name; a label
    that keeps coming back is a speaker all the same. Words like ``Note`` never count.

    Examples
    --------
    >>> sorted(repeated_labels(["iphone 12: hi", "iphone 12: so", "iphone 12: ok", "x: y"]))
    ['iphone 12']
    """
    counts: dict[str, int] = {}
    for line in lines:
        match = _LABEL.match(line.lstrip())
        if match is not None:
            label = match.group(1).strip()
            counts[label] = counts.get(label, 0) + 1
    return frozenset(
        label
        for label, count in counts.items()
        if count >= min_count
        and len(label.split()) <= 5
        and label.split()[0].casefold() not in _NOT_NAMES
        and not any(ch in label for ch in '<>[]{}="')
        and not label[0].isdigit()
    )




_INITIALS = re.compile(r"[A-Z]{2,4}")


def speaker_aliases(labels: Sequence[str]) -> dict[str, str]:
    """Short labels that stand for a full name in the same transcript: initials, first name.

    ``RS`` is ``Rebecca Scofield`` when she is the only speaker with those initials, and
    ``Rebecca`` is her when she is the only Rebecca. Codes and role labels are left alone.

    Examples
    --------
    >>> speaker_aliases(["Rebecca Scofield", "RS", "Dana Whitfield", "Dana", "P1"])
    {'RS': 'Rebecca Scofield', 'Dana': 'Dana Whitfield'}
    >>> speaker_aliases(["Ann Lee", "Al Lin", "AL"])
    {}
    """
    full = [label for label in labels if len(label.split()) >= 2]
    aliases: dict[str, str] = {}
    for label in labels:
        if len(label.split()) != 1 or label_role(label) is not None:
            continue
        if _INITIALS.fullmatch(label):
            hits = [f for f in full if "".join(w[0] for w in f.split()).upper() == label]
        elif label[:1].isupper() and label.isalpha():
            hits = [f for f in full if f.split()[0].casefold() == label.casefold()]
        else:
            continue
        if len(hits) == 1:
            aliases[label] = hits[0]
    return aliases
