"""REFI-QDA export: what lands in project.qde and Sources/, schema validity, round trips."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree

from synthesis.errors import StudyError
from synthesis.interop.refi_conventions import guid_for
from synthesis.interop.refi_codebook import build_codebook, export_qdc
from synthesis.interop.refi_export import build_project, write_qdpx
from synthesis.interop.refi_import import parse_qdc, parse_qdpx

SAMPLE_STUDY = Path(__file__).resolve().parents[1] / "data" / "invoicing-onboarding"
P = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"

THEMES = pd.DataFrame([
    {"theme_id": "t-trust", "name": "Trust", "description": "Who they trust",
     "colour": "#1f77b4", "parent_id": None, "position": 0},
    {"theme_id": "t-bank", "name": "Bank anxiety", "description": "", "colour": None,
     "parent_id": "t-trust", "position": 1},
    {"theme_id": "t-price", "name": "Pricing", "description": "", "colour": "#abc",
     "parent_id": None, "position": 2},
])
SESSIONS = pd.DataFrame([{"session_id": "S01", "round_id": "r1", "participant_id": "P01",
                          "date": "2024-05-01", "source": "P01.vtt"}])
UTTERANCES = pd.DataFrame([
    {"utterance_id": 1, "session_id": "S01", "position": 0, "speaker": "Ana",
     "text": "How do you invoice?"},
    {"utterance_id": 2, "session_id": "S01", "position": 1, "speaker": "Bo",
     "text": "By hand, every Friday."},
])
NOTES = pd.DataFrame([
    {"note_id": "n-1", "round_id": "r1", "participant_id": "P01", "session_id": "S01",
     "utterance_id": 2, "text": "every Friday", "start_char": 9, "end_char": 21,
     "theme_id": "t-bank", "author": "ana", "kind": "quote", "source": "P01.vtt",
     "source_ref": "cue 2"},
    {"note_id": "n-2", "round_id": "r1", "participant_id": "P02", "session_id": None,
     "utterance_id": None, "text": "Likes spreadsheets", "start_char": None, "end_char": None,
     "theme_id": "t-price", "author": "bo", "kind": "observation", "source": "notes.csv",
     "source_ref": "row 3"},
    {"note_id": "n-3", "round_id": "r1", "participant_id": "P02", "session_id": None,
     "utterance_id": None, "text": "=cmd|' /C calc'!A0", "start_char": None, "end_char": None,
     "theme_id": None, "author": None, "kind": "observation", "source": "notes.csv",
     "source_ref": "row 4"},
])
PARTICIPANTS = pd.DataFrame([
    {"participant_id": "P01", "round_id": "r1", "name": "Anna Realname", "segment": "SMB",
     "plan": "pro"},
    {"participant_id": "P02", "round_id": "r1", "name": None, "segment": "Enterprise",
     "plan": None},
])
ROUNDS = pd.DataFrame([{"round_id": "r1", "name": "Round 1"}])


def full_export(**kwargs):
    return build_project(THEMES, NOTES, sessions=SESSIONS, utterances=UTTERANCES,
                         participants=PARTICIPANTS, rounds=ROUNDS, users=["dana"], **kwargs)


@pytest.fixture
def project_schema(fixtures):
    return etree.XMLSchema(etree.parse(str(fixtures / "refi-qda/schema/Project.xsd")))


@pytest.fixture
def codebook_schema(fixtures):
    return etree.XMLSchema(etree.parse(str(fixtures / "refi-qda/schema/Codebook.xsd")))


def valid(schema: etree.XMLSchema, xml: bytes) -> bool:
    ok = schema.validate(etree.fromstring(xml))
    assert ok, schema.error_log  # show the schema's complaint when it fails
    return ok


def test_project_validates_against_the_official_schema(project_schema):
    assert valid(project_schema, full_export().qde)


def test_an_empty_study_still_exports_a_valid_project(project_schema):
    parts = build_project(THEMES.iloc[0:0], NOTES.iloc[0:0])
    assert valid(project_schema, parts.qde)
    assert parts.sources == {}


def test_codebook_validates_and_nests_codes(codebook_schema):
    xml = build_codebook(THEMES)
    assert valid(codebook_schema, xml)
    root = etree.fromstring(xml)
    top = root.findall(f"{C}Codes/{C}Code")
    assert [c.get("name") for c in top] == ["Trust", "Pricing"]
    assert [c.get("name") for c in top[0].findall(f"{C}Code")] == ["Bank anxiety"]
    assert [c.get("color") for c in top] == ["#1F77B4", "#AABBCC"]
    (group,) = root.findall(f"{C}Sets/{C}Set")
    assert group.get("name") == "Theme group: Trust"
    assert [m.get("guid") for m in group.findall(f"{C}MemberCode")] == [
        guid_for("theme", "t-bank")]


def test_a_codebook_without_groups_has_no_empty_sets(codebook_schema):
    flat = THEMES.assign(parent_id=None)
    xml = build_codebook(flat)
    assert valid(codebook_schema, xml)
    assert b"<Sets" not in xml


def test_a_codebook_needs_a_theme():
    with pytest.raises(StudyError, match="no themes to export"):
        build_codebook(THEMES.iloc[0:0])


def _sources(parts):
    root = etree.fromstring(parts.qde)
    return root, {s.get("name"): s for s in root.iter(f"{P}TextSource")}


def test_a_transcript_note_points_at_its_exact_range():
    parts = full_export()
    _, sources = _sources(parts)
    session = sources["S01"]
    text = parts.sources[f"Sources/{session.get('guid')}.txt"].decode("utf-8")
    assert text == "Ana: How do you invoice?\nBo: By hand, every Friday.\n"
    (sel,) = session.findall(f"{P}PlainTextSelection")
    # "Ana: How do you invoice?\n" is 25 characters, "Bo: By hand, " 13 more: 38 to 50.
    assert (sel.get("startPosition"), sel.get("endPosition")) == ("38", "50")
    assert text[38:50] == "every Friday"
    assert sel.get("guid") == guid_for("note", "n-1")
    assert session.get("plainTextPath") == f"internal://{session.get('guid')}.txt"


def test_a_highlight_over_two_turns_covers_exactly_its_words_and_no_label():
    # S02: u11 Ana "Tell me about Fridays." (22 characters), u12 Bo "I export the sheet."
    # (19), u13 Bo "Then I email it." (16), u14 Bo "Done by noon.". n-span runs from
    # u12's character 2 to u13's character 12: "export the sheet.\nThen I email". n-cross
    # runs from Ana's turn into Bo's, which no highlight may: it keeps Bo's label in u12.
    utterances = pd.DataFrame([
        {"utterance_id": u, "session_id": "S02", "position": p, "speaker": who, "text": t}
        for p, (u, who, t) in enumerate([
            (11, "Ana", "Tell me about Fridays."), (12, "Bo", "I export the sheet."),
            (13, "Bo", "Then I email it."), (14, "Bo", "Done by noon.")])])
    notes = pd.DataFrame([
        {"note_id": "n-span", "participant_id": "P01", "session_id": "S02", "utterance_id": 12,
         "start_char": 2, "end_utterance_id": 13, "end_char": 12,
         "text": "export the sheet.\nThen I email", "theme_id": "t-trust"},
        {"note_id": "n-cross", "participant_id": "P01", "session_id": "S02",
         "utterance_id": 11, "start_char": 14, "end_utterance_id": 12, "end_char": 1,
         "text": "Fridays.\nI", "theme_id": None}])
    parts = build_project(THEMES, notes, utterances=utterances,
                          sessions=pd.DataFrame([{"session_id": "S02", "round_id": "r1",
                                                  "participant_id": "P01"}]))
    _, sources = _sources(parts)
    text = parts.sources[f"Sources/{sources['S02'].get('guid')}.txt"].decode("utf-8")
    # "Ana: Tell me about Fridays.\n" is 5 + 22 + 1 = 28 characters; "Bo: " 4 more: u12
    # starts at 32, the selection at 34; u12's line ends at 32 + 19 + 1 = 52, where u13
    # starts with no label, so the selection ends at 52 + 12 = 64. u14 keeps "Bo: ".
    assert text == ("Ana: Tell me about Fridays.\nBo: I export the sheet.\nThen I email it.\n"
                    "Bo: Done by noon.\n")
    (sel,) = sources["S02"].findall(f"{P}PlainTextSelection")
    assert (sel.get("guid"), sel.get("startPosition"), sel.get("endPosition")) == (
        guid_for("note", "n-span"), "34", "64")
    assert text[34:64] == "export the sheet.\nThen I email"
    # the note across speakers is not given a range holding Bo's label: it goes with
    # P01's other notes instead, as its words are not the document's
    assert parts.sources[f"Sources/{sources['P01 notes'].get('guid')}.txt"].decode(
        "utf-8") == "Fridays.\nI\n"


def _one_highlight_over_turns(session: str, turns: list[tuple[int, str, str]], first: int,
                              start: int, last: int, end: int, words: str):
    """A project of one session's ``turns`` (id, speaker, text) and one highlight over
    several of them, from turn ``first`` character ``start`` to ``last`` character ``end``."""
    utterances = pd.DataFrame([
        {"utterance_id": u, "session_id": session, "position": p, "speaker": who, "text": t}
        for p, (u, who, t) in enumerate(turns)])
    notes = pd.DataFrame([
        {"note_id": "n-over", "round_id": "r1", "participant_id": "P01", "session_id": session,
         "utterance_id": first, "start_char": start, "end_utterance_id": last,
         "end_char": end, "text": words, "theme_id": "t-trust", "kind": "quote"}])
    return build_project(THEMES, notes, utterances=utterances, sessions=pd.DataFrame(
        [{"session_id": session, "round_id": "r1", "participant_id": "P01"}]))


def test_a_continued_turn_that_starts_like_a_label_reads_back_as_the_same_turn(tmp_path):
    # Dana's turns 22-24 in a row, a highlight from 22 into 24: lines 3 and 4 are written
    # without "Dana: ", and their own words start like labels (her own name, then Sam's,
    # the other speaker). Sam's turn 25 starts with Dana's name after its own label.
    turns = [(21, "Sam", "What did you say about exports?"), (22, "Dana", "I export the sheet."),
             (23, "Dana", "Dana: I said that on Monday."),
             (24, "Dana", "Sam: you asked me that already."), (25, "Sam", "Dana: fair, sorry."),
             (26, "Dana", "Done.")]
    words = "export the sheet.\nDana: I said that on Monday.\nSam: you"
    parts = _one_highlight_over_turns("S03", turns, 22, 2, 24, 8, words)
    _, sources = _sources(parts)
    text = parts.sources[f"Sources/{sources['S03'].get('guid')}.txt"].decode("utf-8")
    # what another tool shows: lines 3 and 4 with no label of their own, and why
    assert text == ("Sam: What did you say about exports?\nDana: I export the sheet.\n"
                    "Dana: I said that on Monday.\nSam: you asked me that already.\n"
                    "Sam: Dana: fair, sorry.\nDana: Done.\n")
    assert sources["S03"].findtext(f"{P}Description") == (
        "Interview S03. Lines 3, 4 continue the turn on the line before; they only start "
        "like a speaker label.")
    # "Sam: What did you say about exports?\n" is 37 characters, "Dana: " 6 more: the
    # highlight starts at 43 + 2 = 45 and ends 8 characters into line 4, which starts at
    # 37 + 26 + 29 = 92: at 100
    (sel,) = sources["S03"].findall(f"{P}PlainTextSelection")
    assert (sel.get("startPosition"), sel.get("endPosition")) == ("45", "100")
    assert text[45:100] == words
    write_qdpx(parts, tmp_path / "p.qdpx")
    back = parse_qdpx(tmp_path / "p.qdpx")
    (session,) = back.sessions
    assert [(u.speaker, u.text) for u in session.utterances] == [(w, t) for _, w, t in turns]
    (note,) = back.notes
    assert (note.text, note.utterance_index, note.start_char, note.end_utterance_index,
            note.end_char) == (words, 1, 2, 3, 8)
    # the import summary accounts for the two lines and says why they are no labels
    assert any("2 lines of 'S03' with no speaker label were read as further turns of the "
               "speaker on the line before (lines 3, 4 only start like one, as the source's "
               "description says)." in m for m in back.messages), back.messages


def test_a_short_session_of_continued_turns_stays_a_labelled_transcript(tmp_path):
    # One turn of Dana's, then two that a highlight runs into and that start like labels:
    # one line in three has a real label, yet the source is a transcript of Dana's turns.
    turns = [(31, "Dana", "I export it."), (32, "Dana", "Dana: I said so."),
             (33, "Dana", "Sam: asked me twice.")]
    words = "export it.\nDana: I said so.\nSam: asked"
    write_qdpx(_one_highlight_over_turns("S04", turns, 31, 2, 33, 10, words),
               tmp_path / "p.qdpx")
    back = parse_qdpx(tmp_path / "p.qdpx")
    (session,) = back.sessions
    assert session.speakers_known
    assert [(u.speaker, u.text) for u in session.utterances] == [(w, t) for _, w, t in turns]
    assert [n.text for n in back.notes] == [words]


def test_an_edited_quote_keeps_its_words():
    notes = NOTES.copy()
    notes.loc[0, "text"] = "every Friday (!)"  # no longer what the transcript says
    parts = build_project(THEMES, notes, sessions=SESSIONS, utterances=UTTERANCES)
    _, sources = _sources(parts)
    assert sources["S01"].findall(f"{P}PlainTextSelection") == []
    assert "P01 notes" in sources
    assert parts.messages == ["1 note from a session is not quoted word for word from the "
                              "transcript, so they went with their participant's other notes."]


def test_spreadsheet_notes_become_one_source_per_participant():
    parts = full_export()
    _, sources = _sources(parts)
    notes = sources["P02 notes"]
    text = parts.sources[f"Sources/{notes.get('guid')}.txt"].decode("utf-8")
    assert text == "Likes spreadsheets\n\n=cmd|' /C calc'!A0\n"
    ranges = [(s.get("startPosition"), s.get("endPosition"))
              for s in notes.findall(f"{P}PlainTextSelection")]
    assert ranges == [("0", "18"), ("20", "38")]
    # The unsorted note is a selection with no coding.
    assert [len(s.findall(f"{P}Coding")) for s in notes.findall(f"{P}PlainTextSelection")] == [
        1, 0]


def test_participants_become_cases_without_their_real_names():
    parts = full_export()
    root = etree.fromstring(parts.qde)
    variables = {v.get("guid"): v.get("name") for v in root.iter(f"{P}Variable")}
    assert sorted(variables.values()) == ["plan", "segment"]
    assert {v.get("typeOfVariable") for v in root.iter(f"{P}Variable")} == {"Text"}
    cases = {c.get("name"): c for c in root.iter(f"{P}Case")}
    assert sorted(cases) == ["P01", "P02"]
    values = {variables[v.find(f"{P}VariableRef").get("targetGUID")]: v.find(f"{P}TextValue").text
              for v in cases["P02"].findall(f"{P}VariableValue")}
    assert values == {"segment": "Enterprise"}  # no value is written for a missing plan
    _, sources = _sources(parts)
    assert [r.get("targetGUID") for r in cases["P01"].findall(f"{P}SourceRef")] == [
        sources["S01"].get("guid")]
    assert b"Realname" not in parts.qde


def test_rounds_groups_board_and_users():
    parts = full_export(layout={"t-trust": (100, 50), "t-price": (400, 50, 300, 90)})
    root = etree.fromstring(parts.qde)
    sets = {s.get("name"): s for s in root.iter(f"{P}Set")}
    assert sorted(sets) == ["Round r1: Round 1", "Theme group: Trust"]
    assert sets["Round r1: Round 1"].findtext(f"{P}Description") == "round_id: r1"
    assert len(sets["Round r1: Round 1"].findall(f"{P}MemberSource")) == 2
    vertices = {v.get("name"): v for v in root.iter(f"{P}Vertex")}
    assert sorted(vertices) == ["Bank anxiety", "Pricing", "Trust"]
    price = vertices["Pricing"]
    assert [price.get(k) for k in ("firstX", "firstY", "secondX", "secondY")] == [
        "400", "50", "700", "140"]
    assert price.get("representedGUID") == guid_for("theme", "t-price")
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{P}User")}
    assert sorted(users.values()) == ["ana", "bo", "dana", "synthesis"]
    codings = list(root.iter(f"{P}Coding"))
    assert len(codings) == 2
    assert [users[c.get("creatingUser")] for c in codings] == ["ana", "bo"]


def test_exports_are_reproducible(tmp_path):
    a, b = full_export(), full_export()
    assert a.qde == b.qde and a.sources == b.sources
    write_qdpx(a, tmp_path / "a.qdpx")
    write_qdpx(b, tmp_path / "b.qdpx")
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.qdpx") as z:
        assert z.namelist()[0] == "project.qde"
        assert all(n.startswith("Sources/") and n.endswith(".txt") for n in z.namelist()[1:])


def test_control_characters_and_emoji_survive(project_schema, tmp_path):
    notes = NOTES.copy()
    utterances = UTTERANCES.copy()
    utterances.loc[1, "text"] = "By hand 🧾, every\x0b Friday."
    notes.loc[0, ["start_char", "end_char", "text"]] = [11, 24, "every\x0b Friday"]
    parts = build_project(THEMES, notes, sessions=SESSIONS, utterances=utterances)
    assert valid(project_schema, parts.qde)
    write_qdpx(parts, tmp_path / "p.qdpx")
    back = parse_qdpx(tmp_path / "p.qdpx")
    assert {n.text for n in back.notes} >= {"every\x0b Friday"}


def test_a_bundle_round_trip_keeps_everything(tmp_path):
    write_qdpx(full_export(), tmp_path / "p.qdpx")
    back = parse_qdpx(tmp_path / "p.qdpx")
    names = {t.theme_id: t.name for t in back.themes}
    assert [(t.name, names.get(t.parent_id), t.description, t.colour) for t in back.themes] == [
        ("Trust", None, "Who they trust", "#1f77b4"), ("Bank anxiety", "Trust", "", None),
        ("Pricing", None, "", "#aabbcc")]
    notes = {n.text: n for n in back.notes}
    assert sorted(notes) == sorted(NOTES["text"])
    assert [names[t] for t in notes["every Friday"].theme_ids] == ["Bank anxiety"]
    assert notes["=cmd|' /C calc'!A0"].theme_ids == ()
    friday = notes["every Friday"]
    assert (friday.session_id, friday.utterance_index, friday.start_char, friday.end_char) == (
        "S01", 1, 9, 21)
    assert (friday.kind, friday.source, friday.source_ref, friday.author) == (
        "quote", "P01.vtt", "cue 2", "ana")
    spreadsheet = notes["Likes spreadsheets"]
    assert (spreadsheet.session_id, spreadsheet.participant_id, spreadsheet.round_id) == (
        None, "P02", "r1")
    assert {p.participant_id: p.attributes for p in back.participants} == {
        "P01": {"segment": "SMB", "plan": "pro"}, "P02": {"segment": "Enterprise"}}
    assert [s.session_id for s in back.sessions] == ["S01"]
    # Re-exporting what was imported gives the same GUIDs: ids made from GUIDs keep them.
    assert {n.note_id for n in back.notes} == {"n-" + guid_for("note", i) for i in NOTES.note_id}


def test_qdc_export_round_trips(tmp_path, codebook_schema):
    path = export_qdc(tmp_path / "out" / "codes.qdc", THEMES)
    assert valid(codebook_schema, path.read_bytes())
    back = parse_qdc(path)
    assert [t.name for t in back.themes] == ["Trust", "Bank anxiety", "Pricing"]
    assert back.themes[1].parent_id == back.themes[0].theme_id


# -- through a real study ----------------------------------------------------------------------
def _small_study(folder: Path):
    from synthesis import init_study
    from synthesis.model import ImportBundle, Note, Participant, Session, Utterance

    study = init_study(folder, name="Invoicing")
    study.apply_bundle(ImportBundle(
        source="seed", kind="notes",
        participants=[Participant("P01", "r1", "Anna Realname", {"segment": "SMB",
                                                                 "email": "anna@example.com"}),
                      Participant("P02", "r1", None, {"segment": "Enterprise"}),
                      # No session and no note: only the case itself can carry the round.
                      Participant("P03", "r1", None, {"segment": "Agency"})],
        sessions=[Session("S01", "r1", "P01", "P01.vtt", utterances=(
            Utterance("Ana", "How do you invoice? 👋", role="interviewer"),
            Utterance("Anna", "By hand, every Friday.", role="participant")))],
        notes=[Note("n1", "every Friday", "P01", "r1", kind="quote", session_id="S01",
                    utterance_index=1, start_char=9, end_char=21),
               Note("n2", "Wants bank sync", "P02", "r1"),
               Note("n3", "Asked about\nVAT", "P02", "r1")]))
    trust = study.create_theme("Trust", description="Who they trust", colour="#1f77b4")
    study.create_theme("Manual work", parent=trust, notes=["n1", "n3"])
    study.create_theme("Integrations", colour="#2ca02c", notes=["n2"])
    return study


@pytest.fixture
def a_study(request, tmp_path):
    from synthesis import open_study

    if (SAMPLE_STUDY / "study.db").exists():
        return open_study(request.getfixturevalue("sample_study"))
    return _small_study(tmp_path / "small")


def _s(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _picture(study):
    themes = study.themes()
    names = dict(zip(themes["theme_id"], themes["name"]))
    notes = study.notes()
    # Real names and contact details are never exported (see the test below).
    people = study.participants().drop(columns=["name", "email"], errors="ignore")
    return {
        "themes": sorted((r.name, names.get(r.parent_id), _s(r.description),
                          _s(r.colour).lower()) for r in themes.itertuples()),
        "placements": sorted((r.text, tuple(sorted(r.themes))) for r in notes.itertuples()),
        "participants": sorted(
            (r["participant_id"], r["round_id"],
             tuple(sorted((k, str(v)) for k, v in r.items()
                          if k not in ("participant_id", "round_id") and pd.notna(v)
                          and str(v) != "")))
            for r in people.to_dict("records")),
    }


def test_a_study_round_trips_through_qdpx(a_study, tmp_path, project_schema):
    from synthesis import init_study
    from synthesis.interop.study_io import export_study, import_refi

    path = export_study(a_study, "qdpx", tmp_path / "study.qdpx")
    with zipfile.ZipFile(path) as z:
        assert valid(project_schema, z.read("project.qde"))
    rounds = list(a_study.rounds()["round_id"])
    fresh = init_study(tmp_path / "fresh", name="Fresh")
    toml = fresh.folder / "study.toml"
    toml.write_text(toml.read_text().split("[[rounds]]")[0] + "".join(
        f'[[rounds]]\nid = "{r}"\nname = "{r}"\n' for r in rounds))
    from synthesis import open_study

    fresh = open_study(fresh.folder)
    summary = import_refi(fresh, path)
    assert summary["status"] == "imported"
    assert _picture(fresh) == _picture(a_study)
    assert len(fresh.notes()) == len(a_study.notes())


def test_names_and_contact_details_stay_in_the_study(tmp_path):
    from synthesis.interop.study_io import export_study

    study = _small_study(tmp_path / "small")
    for fmt in ("qdpx", "csv", "xlsx"):
        path = export_study(study, fmt, tmp_path / f"out.{fmt}")
        if fmt == "csv":
            data = path.read_bytes()
        else:  # both are zips; look inside every entry
            with zipfile.ZipFile(path) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        assert b"anna@example.com" not in data and b"Realname" not in data, fmt
        assert b"Enterprise" in data, fmt  # the other attributes are there


def test_one_round_exports_only_its_notes(a_study, tmp_path, project_schema):
    from synthesis.interop.study_io import export_study

    first = a_study.rounds()["round_id"].iloc[0]
    path = export_study(a_study, "qdpx", tmp_path / "r.qdpx", round=first)
    with zipfile.ZipFile(path) as z:
        assert valid(project_schema, z.read("project.qde"))
    back = parse_qdpx(path)
    assert len(back.notes) == len(a_study.notes(round=first))
    with pytest.raises(StudyError, match="no round 'nope'"):
        export_study(a_study, "qdpx", tmp_path / "x.qdpx", round="nope")


def test_cli_exports_and_imports(a_study, tmp_path, codebook_schema):
    from synthesis.cli import main

    out = tmp_path / "codes.qdc"
    assert main(["export", str(a_study.folder), "--format", "qdc", "-o", str(out)]) == 0
    assert valid(codebook_schema, out.read_bytes())
    qdpx = tmp_path / "all.qdpx"
    assert main(["export", str(a_study.folder), "--format", "qdpx", "-o", str(qdpx)]) == 0
    from synthesis import init_study

    target = init_study(tmp_path / "target", name="Target")
    assert main(["import", str(target.folder), str(out)]) == 0
    assert sorted(target.themes()["name"]) == sorted(a_study.themes()["name"])
