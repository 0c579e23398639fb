"""A small study for the board tests, small enough to count by hand.

Round r1 has five participants heard (P05 was interviewed, session s-P05, but nobody has taken
notes from it yet, so n = 5) and eight notes; P06 is listed for r2 but never heard;
round r2 has one note, placed in the same theme as r1 notes so round scoping shows.

    theme "Bank connection anxiety" (t-bank): n-1 (P01), n-2 (P01), n-3 (P02), + n-9 (P01, r2)
        -> in r1: 3 notes, 2 of 5 participants
    theme "Export confusion" (t-export):      n-4 (P03)  -> 1 note, 1 of 5 participants
    unsorted in r1: n-5 (P03), n-6 (P04), n-7 (P04), n-8 (no participant)
"""

from __future__ import annotations

from pathlib import Path

from synthesis.model import ImportBundle, Note, Participant, Session, Theme, Utterance

HOSTILE = "<img src=x onerror=alert(1)>"

STUDY_TOML = '''name = "Invoicing <b>onboarding</b>"
research_question = "Why do small firms stall before their first invoice?"
interviewers = ["Ana"]
participants = "participants.csv"

[[rounds]]
id = "r1"
name = "Round 1"

[[rounds]]
id = "r2"
name = "Round 2"
'''


def make_small_study(folder: Path):
    """Create the small study in ``folder`` and return it opened (author "tester")."""
    from synthesis import open_study

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "study.toml").write_text(STUDY_TOML, encoding="utf-8")
    init = open_study(folder, author="tester")
    people = [
        Participant("P01", "r1", "Real Name One", {"segment": "SMB", "role": "Owner"}),
        Participant("P02", "r1", None, {"segment": "SMB", "role": "Bookkeeper"}),
        Participant("P03", "r1", None, {"segment": "Enterprise", "role": "Controller"}),
        Participant("P04", "r1", None, {"segment": "Freelancer", "role": HOSTILE}),
        Participant("P05", "r1", None, {"segment": "Enterprise", "role": "CFO"}),
        Participant("P06", "r2", None, {"segment": "SMB", "role": "Owner"}),
    ]
    turns = (
        Utterance("Ana", "Tell me about the first week.", 0.0, 4.0, "interviewer", "cue 1"),
        Utterance("P01", "We signed up on a Monday.", 4.0, 8.0, "participant", "cue 2"),
        Utterance("Ana", "What happened next?", 8.0, 10.0, "interviewer", "cue 3"),
        Utterance("P01", "Connecting the bank felt risky, so I waited.", 10.0, 16.0,
                  "participant", "cue 4"),
        Utterance("Ana", "Why risky?", 16.0, 18.0, "interviewer", "cue 5"),
        Utterance("P01", "It asked for my online banking password.", 18.0, 24.0,
                  "participant", "cue 6"),
    )
    session = Session("s-P01", "r1", "P01", "p01.vtt", ("Ana",), "2024-03-04", True, "en",
                      turns)
    # P05's interview, not noted yet: heard (n counts them), nothing to sort.
    unnoted = Session("s-P05", "r1", "P05", "p05.vtt", ("Ana",), "2024-03-05", True, "en", ())
    notes = [
        Note("n-1", "Connecting the bank felt risky", "P01", "r1", "quote", "p01.vtt", "cue 4",
             "s-P01", 3, theme_ids=("t-bank",)),
        Note("n-2", "Asked for the banking password", "P01", "r1", "quote", "p01.vtt", "cue 6",
             "s-P01", 5, theme_ids=("t-bank",)),
        Note("n-3", "Waited a week before linking the account", "P02", "r1",
             theme_ids=("t-bank",)),
        Note("n-4", "Could not find the CSV export", "P03", "r1", theme_ids=("t-export",)),
        Note("n-5", "Wants invoices in the company's template", "P03", "r1"),
        Note("n-6", HOSTILE, "P04", "r1"),
        Note("n-7", "Sends invoices from the phone, on site", "P04", "r1"),
        Note("n-8", "Someone in the room mentioned tax season", None, "r1"),
        Note("n-9", "Still nervous about the bank link", "P01", "r2", theme_ids=("t-bank",)),
    ]
    themes = [Theme("t-bank", "Bank connection anxiety"), Theme("t-export", "Export confusion")]
    init.apply_bundle(ImportBundle("board-test", "notes", participants=people,
                                   sessions=[session, unnoted], notes=notes, themes=themes))
    return init


BIG_WORDS = ("invoice bank connect account checklist template logo export client tax reminder "
             "payment trial plan pricing accountant mobile setup customer spreadsheet").split()


def make_big_study(folder: Path, notes: int = 10_000, themes: int = 60):
    """A big round for the board's windowing tests, built so its counts are known by hand.

    Note ``n-{i:05d}`` (i from 0) belongs to theme ``t-{i % themes + 1:02d}`` when
    ``i % 7 < 4``, else it is unsorted; its participant is ``P{i % 40 + 1:02d}``. Its text
    is five of BIG_WORDS, plus "kestrel" when ``i % 97 == 0`` (at 10,000 notes: i = 0, 97,
    ..., 9991, so 104 notes) and "ocelot" for n-09899 only (i % 60 == 59 and 9899 % 7 == 1:
    in t-60, the last column, near its end). Returns the study closed.
    """
    from synthesis import open_study

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "study.toml").write_text(
        'name = "Big round"\n\n[[rounds]]\nid = "r1"\nname = "Round 1"\n', encoding="utf-8")
    study = open_study(folder, author="tester")
    people = [Participant(f"P{i:02d}", "r1", None, {"segment": ("SMB", "Enterprise")[i % 2]})
              for i in range(1, 41)]
    theme_rows = [Theme(f"t-{i:02d}", f"Theme {i}") for i in range(1, themes + 1)]
    rows = []
    for i in range(notes):
        words = [BIG_WORDS[(i * 7 + k * 3) % len(BIG_WORDS)] for k in range(5)]
        if i % 97 == 0:
            words.append("kestrel")
        if i == 9899:
            words.append("ocelot")
        placed = (f"t-{i % themes + 1:02d}",) if i % 7 < 4 else ()
        rows.append(Note(f"n-{i:05d}", " ".join(words).capitalize(), f"P{i % 40 + 1:02d}",
                         "r1", theme_ids=placed))
    study.apply_bundle(ImportBundle("board-test", "notes", participants=people, notes=rows,
                                    themes=theme_rows))
    study.close()
