"""A small two-round study built through the public Study API, for report and runner tests.

Small enough to count by hand; every number the report tests expect is derived in the
comments below, not copied from the code's output.

Round r1 (4 participants: p01 smb, p02 smb, p03 enterprise, p04 enterprise)
  Bank connection anxiety  p01 (2 notes), p02, p03        -> 3 of 4; smb 2 of 2, ent 1 of 2
  Tax settings confusion   p03, p04                       -> 2 of 4; smb 0 of 2, ent 2 of 2
  Importing old invoices   p01                            -> 1 of 4 (one participant)
  <img ...> (hostile name) p04                            -> 1 of 4
Round r2 (3 participants: p01 returns, p05 freelancer, p06 enterprise)
  Bank connection anxiety  p05                            -> 1 of 3
  Tax settings confusion   p01, p05, p06                  -> 3 of 3
  Importing old invoices   (none)                         -> 0 of 3
  Mobile approvals (new)   p06                            -> 1 of 3
"""

from __future__ import annotations

from pathlib import Path

from synthesis import init_study
from synthesis.model import (GuideQuestion, ImportBundle, Note, Participant, Session,
                             Theme, Utterance)

STUDY_TOML = '''name = "Invoicing pilot"
research_question = "What stops small firms from sending their first invoice?"
interviewers = ["Dana Interviewer"]
redact_terms = ["Globex"]

[[rounds]]
id = "r1"
name = "Round 1"
start = "2025-03-03"
end = "2025-03-07"

[[rounds]]
id = "r2"
name = "Round 2"
start = "2025-04-07"
end = "2025-04-11"
'''

PEOPLE = [  # participant id, real name, email, round, segment, role
    ("p01", "Jane Doe", "jane.doe@example.com", "r1", "smb", "owner"),
    ("p02", "Omar Haddad", "omar@haddad.example", "r1", "smb", "bookkeeper"),
    ("p03", "Li Wei", "li.wei@example.org", "r1", "enterprise", "finance lead"),
    ("p04", "Sam Berg", "sam@example.net", "r1", "enterprise", "controller"),
    ("p05", "Ana Silva", "ana@example.com", "r2", "freelancer", "owner"),
    ("p06", "Kofi Mensah", "kofi@example.com", "r2", "enterprise", "controller"),
]

THEMES = [
    ("t-bank", "Bank connection anxiety", "People fear giving the tool their bank login.",
     "#4c78a8"),
    ("t-tax", "Tax settings confusion", "VAT and tax rates are set up by trial and error.",
     "#f58518"),
    ("t-import", "Importing old invoices", "", "#54a24b"),
    ("t-mobile", "Mobile approvals", "Approving invoices from a phone.", "#e45756"),
    # A hostile theme name: it must show as these characters everywhere (contents, heading,
    # charts), never as markup.
    ("t-evil", '<img src=x onerror=alert(1)> & "co"', "<b>not bold</b>", "#72b7b2"),
]

# note id, round, participant, theme, kind, text
NOTES = [
    ("n01", "r1", "p01", "t-bank", "quote",
     "I'm Jane Doe and honestly I don't want to give my bank password to anything."),
    ("n02", "r1", "p01", "t-bank", "quote",
     "Email me at jane.doe@example.com or call 555-123-4567 if the bank link breaks."),
    ("n03", "r1", "p02", "t-bank", "quote",
     "Connecting the bank felt like handing over my keys <script>alert(1)</script>."),
    ("n04", "r1", "p03", "t-bank", "observation",
     "Hesitated for a minute on the bank connection screen."),
    ("n05", "r1", "p03", "t-tax", "quote",
     "Our Globex subsidiary has three VAT rates and I guessed them <img src=x onerror=alert(1)>."),
    ("n06", "r1", "p04", "t-tax", "quote",
     "Tax settings are where I gave up the first time; see https://sam-berg.example/notes."),
    ("n07", "r1", "p01", "t-import", "quote",
     "I have five years of invoices in spreadsheets and want them all in."),
    ("n08", "r1", "p02", None, "observation", "Mentioned a competitor twice."),
    ("n09", "r2", "p05", "t-bank", "quote", "The bank step is scary but I did it."),
    ("n10", "r2", "p01", "t-tax", "quote", "Still not sure which tax rate applies to exports."),
    ("n11", "r2", "p05", "t-tax", "quote", "I picked a VAT rate at random to get going."),
    ("n12", "r2", "p06", "t-tax", "quote", "Tax setup needs a wizard, not a form."),
    ("n13", "r2", "p06", "t-mobile", "quote", "I approve everything from my phone on the train."),
    ("n14", "r1", "p04", "t-evil", "observation", "Asked whether the tool is safe."),
]

GUIDE = [
    GuideQuestion(1, "Tell me about the last invoice you sent.", is_key=True),
    GuideQuestion(2, "What happened when you connected your bank?", is_key=True),
    GuideQuestion(3, "Who else was involved?", parent_position=2),
    GuideQuestion(4, "How did you set up tax rates?"),
]


def build_tiny_study(folder: Path, *, extra_round: str | None = None) -> Path:
    """Create the study above in ``folder`` (which must not exist) and return its path.

    ``extra_round`` declares one more round in study.toml with no data in it.
    """
    study = init_study(folder, name="Invoicing pilot")
    toml = STUDY_TOML
    if extra_round:
        toml += f'\n[[rounds]]\nid = "{extra_round}"\nname = "Empty round"\n'
    (study.folder / "study.toml").write_text(toml, encoding="utf-8")
    study.close()
    from synthesis import open_study

    study = open_study(folder)
    people = [Participant(pid, round_id=rnd, name=name,
                          attributes={"segment": seg, "role": role, "email": email})
              for pid, name, email, rnd, seg, role in PEOPLE]
    themes = [Theme(tid, name, desc, colour) for tid, name, desc, colour in THEMES]
    sessions = [Session(f"s-{rnd}-{pid}", rnd, pid, source=f"{pid}.vtt",
                        interviewers=("Dana Interviewer",), date=date,
                        utterances=(Utterance("Dana Interviewer", "Tell me more.",
                                              role="interviewer"),
                                    Utterance(pid, "Sure.", role="participant")))
                for rnd, pid, date in [("r1", "p01", "2025-03-03"), ("r1", "p02", "2025-03-04"),
                                       ("r1", "p03", "2025-03-05"), ("r1", "p04", "2025-03-06"),
                                       ("r2", "p01", "2025-04-07"), ("r2", "p05", "2025-04-08"),
                                       ("r2", "p06", "2025-04-09")]]
    notes = [Note(nid, text, pid, rnd, kind=kind, source="notes.csv", source_ref=f"row {i}",
                  session_id=f"s-{rnd}-{pid}", theme_ids=(tid,) if tid else ())
             for i, (nid, rnd, pid, tid, kind, text) in enumerate(NOTES, start=2)]
    study.apply_bundle(ImportBundle(source="participants.csv", kind="participants",
                                    participants=people))
    study.apply_bundle(ImportBundle(source="guide.md", kind="guide", guide=GUIDE))
    study.apply_bundle(ImportBundle(source="sessions", kind="transcript", sessions=sessions))
    study.apply_bundle(ImportBundle(source="notes.csv", kind="notes", themes=themes,
                                    notes=notes))
    study.close()
    return Path(folder)
