"""Who is who in a transcript: the interviewer side, the participant side, and observers.

Roles are ``interviewer``, ``participant`` and ``observer`` (a note-taker or co-host, on
neither side of talk share); speech nobody is named for, and an ``Unknown Speaker``, is
``other``. They are decided in this order, and every guess is said:

1. the researcher's word: ``--speaker LABEL=ROLE``, ``[speakers]`` in ``study.toml``,
   ``--interviewer NAME``;
2. labels that carry a role (``Interviewer1 :``, ``MODERATOR:``, ``interviewee:``, ``P3``,
   ``Note-taker``), with numbers and spacing in any form;
3. the study's interviewers by name (a first name is enough);
4. counting questions, only for the speakers still undecided: when the participant side
   is known, those who asked something are interviewers and those who asked nothing are
   observers; otherwise the one who asked most is the interviewer and the rest participants.

Steps 4's answers, and an interviewer side that talks more than 60 % of the words, become
the session's ``role_warnings``, which the craft audit shows beside the session.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from synthesis.identity import DEFAULT, IdentityRule

ROLES = ("interviewer", "participant", "observer")
TALK_SHARE_WARNING = 0.60

# Label words, folded (lower case, no spaces or hyphens), and the side they speak for.
_ROLE_WORDS = {
    **dict.fromkeys(("interviewer", "moderator", "facilitator", "researcher", "host", "int",
                     "cointerviewer", "comoderator", "cofacilitator"), "interviewer"),
    **dict.fromkeys(("interviewee", "participant", "respondent", "resp", "guest", "customer",
                     "user"), "participant"),
    **dict.fromkeys(("observer", "notetaker", "scribe", "cohost"), "observer"),
}
# "Interviewer1", "interviewer 1", "MODERATOR", "Note-taker 2", "co host".
_ROLE_LABEL = re.compile(
    r"(?P<word>(?:co[\s-]?)?(?:interviewer|moderator|facilitator|host)|researcher|int|"
    r"interviewee|participant|respondent|resp|guest|customer|user|observer|"
    r"note[\s-]?taker|scribe)\s*(?P<number>\d{1,3})?",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"(?:so |and |but |okay,? |ok,? )?(?:what|why|how|when|where|who|whom|which|whose|"
    r"tell me|walk me|talk me|describe|can you|could you|would you|do you|did you|have you|"
    r"are you|were you|is there|is it|was there|was it)\b",
    re.I,
)
_UNKNOWN = re.compile(r"unknown(?: speaker)?(?:\s*\d{1,3})?", re.IGNORECASE)


def label_role(label: str, identity: IdentityRule = DEFAULT) -> str | None:
    """The role a speaker label itself carries, or None for a name or a bare code.

    Examples
    --------
    >>> [label_role(x) for x in ("Interviewer1", "interviewer 1", "MODERATOR", "interviewee",
    ...                          "P3", "Note-taker", "Co-host", "Dana", "A1")]
    ['interviewer', 'interviewer', 'interviewer', 'participant', 'participant', 'observer',
     'observer', None, None]
    """
    text = " ".join(label.split())
    match = _ROLE_LABEL.fullmatch(text)
    if match is not None:
        return _ROLE_WORDS[_fold(match["word"])]
    if identity.is_id(text):
        return "participant"
    return None


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


def _fold(word: str) -> str:
    return re.sub(r"[\s-]+", "", word).lower()


def is_unknown_speaker(label: str) -> bool:
    """Whether a label is a transcription tool's "nobody knows who" (``Unknown Speaker``).

    Examples
    --------
    >>> is_unknown_speaker("Unknown Speaker"), is_unknown_speaker("Unknown")
    (True, True)
    """
    return _UNKNOWN.fullmatch(" ".join(label.split())) is not None


def canonical_label(label: str, identity: IdentityRule = DEFAULT) -> str:
    """One spelling per speaker label: ``Interviewer1`` and ``interviewer 1`` are one speaker.

    Role-bearing labels are written ``Word N``; names and codes (``P1``, ``A1``) are kept as
    given, spaces tidied: a transcript's ``P1`` is its participant's label, not the study's
    participant P01.

    Examples
    --------
    >>> [canonical_label(x) for x in ("Interviewer1", "interviewer  1", "MODERATOR")]
    ['Interviewer 1', 'Interviewer 1', 'Moderator']
    >>> canonical_label("P1"), canonical_label("Rebecca  Scofield"), canonical_label("A1")
    ('P1', 'Rebecca Scofield', 'A1')
    """
    text = " ".join(label.split())
    match = _ROLE_LABEL.fullmatch(text)
    if match is not None:
        word = re.sub(r"\s+", " ", match["word"]).lower()
        word = word[0].upper() + word[1:]
        return f"{word} {int(match['number'])}" if match["number"] else word
    if is_unknown_speaker(text):
        return "Unknown Speaker"
    return text


def parse_speaker_options(options: Sequence[str] | Mapping[str, str],
                          where: str = "--speaker") -> dict[str, str]:
    """``["A5=observer"]`` (or ``{"A5": "observer"}``) as ``{"A5": "observer"}``, checked.

    Raises
    ------
    ValueError
        For an option without ``=`` or a role that is not one of :data:`ROLES`; the CLI and
        the study turn it into one sentence.

    Examples
    --------
    >>> parse_speaker_options(["A5 = note-taker", "Dana=Interviewer"])
    {'A5': 'observer', 'Dana': 'interviewer'}
    """
    pairs = options.items() if isinstance(options, Mapping) else \
        [str(o).partition("=")[::2] for o in options]
    out: dict[str, str] = {}
    for label, role in pairs:
        label, role = " ".join(str(label).split()), " ".join(str(role).split()).lower()
        role = role if role in ROLES else (_ROLE_WORDS.get(_fold(role)) or "")
        if not label or not role:
            raise ValueError(f"{where}: expected LABEL=ROLE with ROLE one of "
                             f"{', '.join(ROLES)} (for example --speaker A5=observer); "
                             f"got {label!r}={role or '?'}")
        out[label] = role
    return out


@dataclass(frozen=True)
class RoleAssignment:
    """Each speaker's role, how it was decided, and what the researcher should know.

    ``how`` is ``given``, ``label``, ``study``, ``questions`` or ``unknown`` per speaker;
    ``warnings`` are the sentences kept with the session (guessed roles, a talkative
    interviewer); ``messages`` are the other things worth saying in the import summary.
    """

    roles: dict[str, str]
    how: dict[str, str]
    warnings: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    talk_share: float | None = None  # the interviewer side's share of words

    def role(self, speaker: str | None) -> str:
        """A speaker's role; ``other`` for speech nobody is named for.

        Examples
        --------
        >>> RoleAssignment({"Ann": "interviewer"}, {}).role(None)
        'other'
        """
        return "other" if speaker is None else self.roles.get(speaker, "other")

    @property
    def interviewers(self) -> tuple[str, ...]:
        return tuple(s for s, r in self.roles.items() if r == "interviewer")


@dataclass
class _Tally:
    turns: int = 0
    words: int = 0
    asked: int = 0
    marks: int = 0
    order: int = 0
    how: str = ""
    role: str = ""
    detail: list[str] = field(default_factory=list)


def assign_roles(
    turns: Sequence[tuple[str | None, str]],
    *,
    given: Mapping[str, str] | None = None,
    interviewers: Sequence[str] = (),
    identity: IdentityRule = DEFAULT,
    source: str = "",
) -> RoleAssignment:
    """Decide every speaker's role from ``(speaker, text)`` turns (see the module docstring).

    ``given`` maps labels (or names: a first name is enough) to roles, from ``--speaker``,
    ``[speakers]`` or ``--interviewer``.

    Raises
    ------
    ValueError
        When ``given`` names a speaker who never speaks (the caller makes it an InputError).

    Examples
    --------
    >>> a = assign_roles([("interviewer", "How do you invoice?"),
    ...                   ("interviewee", "By hand, from a spreadsheet, every month.")])
    >>> a.roles, a.warnings
    ({'interviewer': 'interviewer', 'interviewee': 'participant'}, ())
    """
    prefix = f"{source}: " if source else ""
    tally: dict[str, _Tally] = {}
    for speaker, text in turns:
        if speaker is None:
            continue
        t = tally.get(speaker)
        if t is None:
            t = tally[speaker] = _Tally(order=len(tally))
        t.turns += 1
        t.words += len(text.split())
        if is_question(text):
            t.asked += 1
            t.marks += text.count("?")
    _apply_given(tally, given or {}, prefix)
    for speaker, t in tally.items():
        if t.role:
            continue
        if is_unknown_speaker(speaker):
            t.role, t.how = "other", "unknown"
            continue
        role = label_role(speaker, identity)
        if role is not None:
            t.role, t.how = role, "label"
        elif any(same_person(speaker, name) for name in interviewers):
            t.role, t.how = "interviewer", "study"
    warnings = _by_questions(tally, interviewers, prefix)
    messages: list[str] = []
    unknown = [s for s, t in tally.items() if t.how == "unknown"]
    if unknown:
        turns_unknown = sum(tally[s].turns for s in unknown)
        messages.append(f"{prefix}{turns_unknown} turn(s) by {', '.join(unknown)} have role "
                        "'other': the transcription did not know who spoke")
    share = _talk_share(tally)
    if share is not None and share > TALK_SHARE_WARNING:
        side = ", ".join(s for s, t in tally.items() if t.role == "interviewer")
        warnings.append(f"{prefix}the interviewer side ({side}) speaks {share * 100:.0f} % of the "
                        "words; check the roles (--speaker LABEL=ROLE)")
    return RoleAssignment({s: t.role for s, t in tally.items()},
                          {s: t.how for s, t in tally.items()}, tuple(warnings),
                          tuple(messages), share)


def _apply_given(tally: dict[str, _Tally], given: Mapping[str, str], prefix: str) -> None:
    for label, role in given.items():
        key = canonical_label(label).casefold()
        hits = [s for s in tally if s.casefold() == key] or \
            [s for s in tally if same_person(s, label)]
        if not hits:
            continue
        for speaker in hits:
            tally[speaker].role, tally[speaker].how = role, "given"


def check_given(turns: Sequence[tuple[str | None, str]], names: Sequence[str]) -> None:
    """Refuse an ``--interviewer`` naming nobody who speaks here (a first name is enough).

    Raises
    ------
    ValueError
        Naming the label and the speakers found.

    Examples
    --------
    >>> check_given([("Ann Lee", "Hi?"), ("Bo", "Hi.")], ["ann"])
    >>> check_given([("Ann Lee", "Hi?")], ["Zed"])
    Traceback (most recent call last):
    ...
    ValueError: 'Zed' does not speak in this transcript (speakers found: Ann Lee)
    """
    speakers = list(dict.fromkeys(s for s, _ in turns if s is not None))
    for name in names:
        key = canonical_label(name).casefold()
        if not any(s.casefold() == key or same_person(s, name) for s in speakers):
            found = ", ".join(speakers) or "none"
            raise ValueError(f"{name!r} does not speak in this transcript (speakers found: "
                             f"{found})")


def _by_questions(tally: dict[str, _Tally], interviewers: Sequence[str],
                  prefix: str) -> list[str]:
    """Decide the speakers no one named, from the questions they asked; say what was guessed."""
    open_ = [s for s, t in tally.items() if not t.role]
    if not open_:
        return []
    sides = {t.role for t in tally.values() if t.role}
    guessed: list[str] = []
    if "participant" in sides and "interviewer" not in sides:
        for s in open_:
            t = tally[s]
            t.role = "interviewer" if t.asked else "observer"
            t.how = "questions"
            guessed.append(f"{s} {t.role} (asked {_n(t.asked, 'question')})")
    elif "interviewer" in sides or "participant" in sides:
        # One side is named; the rest are the other side (no guess: nothing else is left).
        rest = "participant" if "interviewer" in sides else "interviewer"
        for s in open_:
            tally[s].role, tally[s].how = rest, "rest"
        return []
    elif len(open_) == 1:
        t = tally[open_[0]]
        t.role, t.how = "participant", "questions"
        return [f"{prefix}only one speaker ({open_[0]}), treated as the participant"]
    else:
        best = max(open_, key=lambda s: (tally[s].asked, tally[s].marks, -tally[s].order))
        if tally[best].asked == 0:
            for s in open_:
                tally[s].role, tally[s].how = "participant", "questions"
            return [f"{prefix}nobody asked a question, so no interviewer was assumed; every "
                    "speaker is a participant"]
        for s in open_:
            tally[s].role = "interviewer" if s == best else "participant"
            tally[s].how = "questions"
        unmatched = (f"none of the study's interviewers ({', '.join(interviewers)}) speaks; "
                     if interviewers else "")
        return [f"{prefix}{unmatched}assumed {best} is the interviewer (asked "
                f"{_n(tally[best].asked, 'question')}); name the roles with --speaker "
                "LABEL=ROLE"]
    return [f"{prefix}roles guessed from questions asked: {'; '.join(guessed)}; name them "
            "with --speaker LABEL=ROLE"]


def _talk_share(tally: dict[str, _Tally]) -> float | None:
    asking = sum(t.words for t in tally.values() if t.role == "interviewer")
    answering = sum(t.words for t in tally.values() if t.role == "participant")
    if not asking or not answering:
        return None
    return asking / (asking + answering)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
