"""Speakers in a transcript: telling a name label from text, and who the interviewer is."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
# Diarisation labels and participant codes carry digits but are still speakers.
_CODED_SPEAKER = re.compile(
    r"(?:(?:Speaker|Interviewer|Participant|Respondent|Moderator|Host|Guest|Person|User)"
    r"(?: \d{1,3})?|Unknown Speaker|P\d{1,3})",
)
_LABEL = re.compile(r"([^\s:][^:\n]{0,39}?):(?:\s+|$)", re.S)
_QUESTION_START = re.compile(
    r"(?:so |and |but |okay,? |ok,? )?(?:what|why|how|when|where|who|whom|which|whose|"
    r"tell me|walk me|talk me|describe|can you|could you|would you|do you|did you|have you|"
    r"are you|were you|is there|is it|was there|was it)\b",
    re.I,
)


def looks_like_name(label: str) -> bool:
    """Whether ``label`` reads like a speaker: 1–3 capitalised words and no digits.

    Diarisation labels (``Speaker 2``) and participant codes (``P03``) count as names too.

    Examples
    --------
    >>> looks_like_name("David Flood"), looks_like_name("Note"), looks_like_name("in 2019")
    (True, False, False)
    """
    label = label.strip()
    if _CODED_SPEAKER.fullmatch(label):
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


def same_person(speaker: str, name: str) -> bool:
    """Whether a speaker label and a known name are one person (a first name alone is enough).

    Examples
    --------
    >>> same_person("Michael", "Michael Kennedy"), same_person("Michael Jordan", "Michael Kennedy")
    (True, False)
    """
    a, b = speaker.casefold().split(), name.casefold().split()
    if not a or not b:
        return False
    return a == b or (len(a) == 1 and a[0] == b[0]) or (len(b) == 1 and b[0] == a[0])


def is_question(text: str) -> bool:
    """Whether a turn asks something: it has a ``?`` or its last sentence opens like a question.

    Examples
    --------
    >>> is_question("Tell me about the last invoice you sent."), is_question("I sent it.")
    (True, False)
    """
    if "?" in text:
        return True
    last = re.split(r"(?<=[.!])\s+", text.strip())[-1]
    return bool(_QUESTION_START.match(last))


@dataclass(frozen=True)
class RoleDecision:
    """Who interviewed, and the sentence saying how that was decided."""

    interviewers: tuple[str, ...]
    message: str | None


def decide_interviewers(
    turns: Sequence[tuple[str | None, str]],
    *,
    interviewers: Sequence[str] = (),
    override: str | None = None,
    source: str = "",
) -> RoleDecision:
    """Pick the interviewer(s) among the speakers of ``turns`` (``(speaker, text)`` pairs).

    ``override`` wins; then any speaker matching a study interviewer; otherwise the speaker who
    asked the most questions. With a single speaker nobody is the interviewer.

    Raises
    ------
    ValueError
        If ``override`` names nobody who speaks (the caller turns it into an InputError).

    Examples
    --------
    >>> decide_interviewers([("Ann", "What do you do?"), ("Bo", "I invoice.")]).interviewers
    ('Ann',)
    """
    speakers = list(dict.fromkeys(s for s, _ in turns if s is not None))
    prefix = f"{source}: " if source else ""
    if override:
        chosen = [s for s in speakers if same_person(s, override)]
        if not chosen:
            found = ", ".join(speakers) or "none"
            raise ValueError(
                f"the interviewer {override!r} does not speak in this transcript "
                f"(speakers found: {found})"
            )
        return RoleDecision(tuple(chosen), None)
    if interviewers:
        chosen = [s for s in speakers if any(same_person(s, name) for name in interviewers)]
        if chosen:
            return RoleDecision(tuple(chosen), None)
    if len(speakers) < 2:
        if not speakers:
            return RoleDecision((), None)
        return RoleDecision(
            (), f"{prefix}only one speaker ({speakers[0]}), treated as the participant"
        )
    asked = {s: 0 for s in speakers}
    marks = {s: 0 for s in speakers}
    for speaker, text in turns:
        if speaker is not None and is_question(text):
            asked[speaker] += 1
            marks[speaker] += text.count("?")
    # Ties go to more question marks, then to whoever spoke first (usually the host).
    best = max(speakers, key=lambda s: (asked[s], marks[s], -speakers.index(s)))
    if asked[best] == 0:
        return RoleDecision(
            (),
            f"{prefix}nobody asked a question, so no interviewer was assumed; "
            "every speaker is a participant",
        )
    unmatched = ""
    if interviewers:
        unmatched = f"none of the study's interviewers ({', '.join(interviewers)}) speaks; "
    questions = "question" if asked[best] == 1 else "questions"
    return RoleDecision(
        (best,),
        f"{prefix}{unmatched}assumed {best} is the interviewer (asked {asked[best]} {questions})",
    )
