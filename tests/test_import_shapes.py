"""Real shapes of research material, imported with exact counts worked out by hand.

The fixtures are in tests/data/import/ (see its README). Each test says how its numbers were
counted from the file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from synthesis import InputError, init_study, open_study
from synthesis.study import Study

DATA = Path(__file__).parent / "data" / "import"
sys.path.insert(0, str(DATA))
from make_odt import MODERATED, write_odt  # noqa: E402


@pytest.fixture
def study(tmp_path: Path) -> Study:
    init_study(tmp_path / "study", name="Shapes").close()
    (tmp_path / "study" / "study.toml").write_text(
        'name = "Shapes"\n[[rounds]]\nid = "r1"\n', encoding="utf-8")
    s = open_study(tmp_path / "study")
    yield s
    s.close()


def count(study: Study, table: str) -> int:
    return study.store.scalar(f"SELECT COUNT(*) FROM {table}")


def themes_by_text(study: Study) -> dict[tuple[str, str], set[str]]:
    notes = study.notes()
    return {(p, t): set(names) for p, t, names in
            zip(notes["participant_id"], notes["text"], notes["themes"])}


BANK = "I didn't want to give an app my bank password, not on day one."
FRIDAY = "Fourteen pounds a month is fine, if it saves me the Friday evening."
VAT = "I gave up at the step where it asks for my VAT number. I don't have one."
# The seven highlights of both notes fixtures and their themes, read off the files by hand.
HIGHLIGHTS = {
    ("P02", BANK): {"Bank anxiety", "Trust"},
    ("P02", "The first invoice looked nothing like the ones I send now."): {
        "Invoice templates"},
    ("P03", FRIDAY): {"Pricing", "Time saving"},
    ("P03", "My accountant told me never to connect the business account."): {"Bank anxiety"},
    ("P04", VAT): {"Onboarding", "Tax", "Trust"},
    ("P04", "The reminder emails are what sold it to me, honestly."): {"Reminders"},
    ("P02", "Setting up took ten minutes, most of it finding my logo file."): {"Onboarding"},
}


# -- long format and several tags in one cell ---------------------------------------------


def test_taguette_long_export_is_one_note_per_highlight_in_every_tag(study: Study) -> None:
    path = DATA / "taguette_highlights.csv"
    preview = study.preview_import(path, round="r1", create_participants=True)
    # 11 rows, ids 1..7: id 1 has 2 rows, id 3 has 2, id 5 has 3, the others 1 each.
    assert len(preview.notes) == 7 and len(preview.placements) == 11
    assert preview.accounting.set_index("unit").loc["row"].tolist() == [11, 7, 4, 0]
    assert sorted(preview.not_imported["where"]) == ["row 10", "row 3", "row 6", "row 9"]
    # "P2 Transcript", "Interview P3", "p04 notes": the id inside the document name.
    assert sorted(preview.participants["participant_id"]) == ["P02", "P03", "P04"]
    assert set(preview.participants["status"]) == {"new"}
    assert len(preview.themes) == 8

    summary = study.import_file(path, round="r1", create_participants=True)
    assert summary["counts"]["notes"] == 7 and summary["counts"]["placements"] == 11
    assert (count(study, "notes"), count(study, "placements"), count(study, "themes"),
            count(study, "participants")) == (7, 11, 8, 3)
    assert themes_by_text(study) == HIGHLIGHTS
    # The source's own ids stay on the notes, for placement files that refer to them.
    assert sorted(study.notes()["source_note_id"]) == ["1", "2", "3", "4", "5", "6", "7"]
    assert "11 rows read: 7 imported, 4 merged, 0 skipped" in summary["summary"]


def test_several_tags_in_one_cell_keep_every_tag(study: Study) -> None:
    path = DATA / "tags_in_one_cell.csv"
    summary = study.import_file(path, round="r1", create_participants=True)
    # 8 rows: 7 notes and row 8 (P3, no text, tag Pricing) skipped. Tags read: 2+1+2+1+3+1
    # +1 (row 8) +1 ("Onboarding;" has one) = 12; 11 placed, the skipped row's 1 skipped.
    assert summary["accounting"] == {
        "row": {"read": 8, "imported": 7, "merged": 0, "skipped": 1},
        "tag": {"read": 12, "imported": 11, "merged": 0, "skipped": 1}}
    assert (count(study, "notes"), count(study, "placements"), count(study, "themes")) == (
        7, 11, 8)
    # The same people and themes as the Taguette export: "P2", "P04" and "p4" are P02, P04.
    assert themes_by_text(study) == HIGHLIGHTS
    assert "skipped 1 row: no note text (row 8)" in summary["summary"]
    assert "skipped 1 tag: its row has no note text (row 8)" in summary["summary"]


def test_commas_split_tags_only_when_nothing_else_does(study: Study, tmp_path: Path) -> None:
    commas = tmp_path / "commas.csv"
    commas.write_text('participant,note,tags\nP1,Too slow,"Speed, Trust"\nP2,Fine,Trust\n',
                      encoding="utf-8")
    preview = study.preview_import(commas, round="r1", create_participants=True)
    assert sorted(preview.themes["name"]) == ["Speed", "Trust"]
    assert any("1 tag cell(s) were split at commas" in m for m in preview.messages)
    mixed = tmp_path / "mixed.csv"
    mixed.write_text('participant,note,tags\nP1,Too slow,"Pricing, plans; Trust"\n',
                     encoding="utf-8")
    preview = study.preview_import(mixed, round="r1", create_participants=True)
    assert sorted(preview.themes["name"]) == ["Pricing, plans", "Trust"]


# -- column mapping -----------------------------------------------------------------------


DOVETAIL = ("Highlight text,Interviewee code,Codes applied,Highlight ID,Coder\n"
            "Wants to see the total before sending,P2,Pricing; Trust,h-1,Sam\n"
            "Asked where reminders live,P3,Reminders,h-2,Sam\n")


def test_columns_are_mapped_from_the_api_cli_and_study_file(study: Study, tmp_path: Path,
                                                            capsys) -> None:
    from synthesis.cli import main

    path = tmp_path / "dovetail.csv"
    path.write_text(DOVETAIL, encoding="utf-8")
    with pytest.raises(InputError, match="no participant column"):
        study.preview_import(path, round="r1")
    preview = study.preview_import(path, round="r1", create_participants=True, columns={
        "participant": "Interviewee code", "note": "Highlight text", "theme": "Codes applied",
        "note_id": "Highlight ID"})
    assert len(preview.notes) == 2 and len(preview.placements) == 3
    assert main(["import", str(study.folder), str(path), "--round", "r1",
                 "--create-participants", "--column", "participant=Interviewee code",
                 "--column", "note=Highlight text", "--column", "theme=Codes applied",
                 "--column", "note_id=Highlight ID", "--column", "coder=Coder"]) == 0
    notes = study.notes().set_index("source_note_id")
    assert notes.loc["h-1", "author"] == "Sam" and notes.loc["h-1", "participant_id"] == "P02"
    assert set(notes.loc["h-1", "themes"]) == {"Pricing", "Trust"}
    # A header the file does not have is one sentence naming the columns it does have.
    assert main(["import", str(study.folder), str(path), "--round", "r1",
                 "--column", "note=Quote"]) == 1
    err = capsys.readouterr().err
    assert "the column 'Quote' given for note is not in this file; found columns: " \
           "'Highlight text'" in err
    assert main(["import", str(study.folder), str(path), "--column", "colour=x"]) == 1
    assert "'colour' is not a field an import can map" in capsys.readouterr().err


def test_study_file_maps_columns_for_every_import(study: Study, tmp_path: Path) -> None:
    (study.folder / "study.toml").write_text(
        'name = "Shapes"\n[[rounds]]\nid = "r1"\n[import.columns]\n'
        'participant = "Interviewee code"\nnote = "Highlight text"\ntheme = "Codes applied"\n',
        encoding="utf-8")
    path = tmp_path / "dovetail.csv"
    path.write_text(DOVETAIL, encoding="utf-8")
    again = open_study(study.folder)
    assert again.import_file(path, round="r1", create_participants=True)["counts"][
        "placements"] == 3


# -- one identity per person --------------------------------------------------------------


def test_one_person_in_every_spelling_is_one_participant(study: Study, tmp_path: Path) -> None:
    people = tmp_path / "participants.csv"
    people.write_text("participant id,segment\np2,Freelancer\nP003,Agency\nP4,Agency\n",
                      encoding="utf-8")
    study.import_file(people)
    notes_doc = tmp_path / "p002 notes.md"
    notes_doc.write_text("- wants the total up front\n- asked about VAT twice\n",
                         encoding="utf-8")
    odt = write_odt(tmp_path / "P2_GMT20211119.odt", MODERATED)
    for path in (DATA / "taguette_highlights.csv", DATA / "tags_in_one_cell.csv", odt,
                 notes_doc):
        study.import_file(path, round="r1")  # no --create-participants: all are known
    # participants.csv says p2 / P003 / P4; the notes say "P2 Transcript", P2, P04, p4; the
    # transcript is P2_GMT20211119.odt; the notes document p002 notes.md. Three people.
    assert sorted(study.participants()["participant_id"]) == ["P02", "P03", "P04"]
    assert set(study.notes()["participant_id"]) == {"P02", "P03", "P04"}
    assert study.sessions().loc[0, "participant_id"] == "P02"
    freq = study.theme_frequency(round="r1").set_index("theme")
    assert freq.loc["Trust", "n"] == 3  # k of 3 participants, not of 9 spellings


def test_identity_pattern_from_the_study_file(study: Study, tmp_path: Path) -> None:
    (study.folder / "study.toml").write_text(
        'name = "Shapes"\n[[rounds]]\nid = "r1"\n[identity]\npattern = \'R(\\d+)\'\n'
        'format = "R{number:03d}"\n', encoding="utf-8")
    path = tmp_path / "notes.csv"
    path.write_text("respondent,note\nr7,Slow\nR007,Fast\nResp 7,Odd\n", encoding="utf-8")
    preview = open_study(study.folder).preview_import(path, round="r1",
                                                      create_participants=True)
    assert sorted(preview.participants["participant_id"]) == ["R007", "Resp 7"]


# -- speakers and roles -------------------------------------------------------------------


def roles(study: Study) -> list[tuple[str | None, str]]:
    return [(s if isinstance(s, str) else None, r) for s, r in
            zip(study.utterances()["speaker"], study.utterances()["role"])]


def test_one_sided_odt_reads_unlabelled_paragraphs_as_the_participant(study: Study,
                                                                      tmp_path: Path) -> None:
    odt = write_odt(tmp_path / "P2_GMT20211119.odt", MODERATED)
    study.import_file(odt, round="r1", create_participants=True)
    # 12 paragraphs: 3 MODERATOR (1, 6, 10), 3 task prompts (2, 8, "3. Finally"), 2 stage
    # directions ("(clicks ...)" alone, "(scrolls ...)" before words in 9), 5 paragraphs of
    # the participant's words (3, 5, 7, the rest of 9, 11): 13 utterances in this order.
    M, P, X = ("Moderator", "interviewer"), ("P02", "participant"), (None, "other")
    assert roles(study) == [M, X, P, X, P, M, P, X, X, P, M, P, X]
    texts = study.utterances()["text"].tolist()
    assert texts[3] == '(clicks "Create")' and texts[8].startswith("(scrolls")
    assert texts[9] == "Is it under notifications? I can't see it."
    # Each of the 5 participant turns has at least 6 words: 5 candidate notes, all P02's.
    notes = study.notes()
    assert len(notes) == 5 and set(notes["participant_id"]) == {"P02"}
    session = study.sessions().iloc[0]
    assert session["participant_id"] == "P02" and session["role_warnings"] == ()
    assert session["interviewers"] == ("Moderator",)


def test_teams_labels_win_over_question_counting(study: Study) -> None:
    path = DATA / "P5 Teams transcript.txt"
    study.import_file(path, round="r1", create_participants=True)
    utts = study.utterances()
    # The interviewee's turns ask on lines 2, 4 and 6, the interviewer's on lines 1 and 7:
    # counting questions would swap them (3 > 2). The labels decide: 4 turns each.
    assert utts.groupby(["speaker", "role"]).size().to_dict() == {
        ("Interviewee", "participant"): 4, ("Interviewer", "interviewer"): 4}
    session = study.sessions().iloc[0]
    assert session["interviewers"] == ("Interviewer",) and session["role_warnings"] == ()
    assert session["participant_id"] == "P05"


def test_numbered_interviewers_and_a_note_taker(study: Study) -> None:
    study.import_file(DATA / "P6 Teams transcript.txt", round="r1", create_participants=True)
    utts = study.utterances()
    # "Interviewer1 :", "Interviewer 1:" and "Interviewer1 :" are one speaker (3 turns).
    assert utts.groupby(["speaker", "role"]).size().to_dict() == {
        ("Interviewer 1", "interviewer"): 3, ("Interviewer 2", "interviewer"): 2,
        ("Note-taker", "observer"): 1, ("Participant", "participant"): 4}
    assert study.sessions().iloc[0]["interviewers"] == ("Interviewer 1", "Interviewer 2")
    # Only the participant's 4 turns make candidate notes (each has 6 words or more).
    assert len(study.notes()) == 4


def test_otter_codes_unknown_speaker_and_stored_role_warnings(study: Study) -> None:
    path = DATA / "P7 otter.txt"
    study.import_file(path, round="r1", create_participants=True)
    # 9 headers (A1, P1, R1, P1, A5, Unknown Speaker, A1, P1, bare R1): 9 utterances.
    assert roles(study) == [("A1", "interviewer"), ("P1", "participant"),
                            ("R1", "interviewer"), ("P1", "participant"), ("A5", "observer"),
                            ("Unknown Speaker", "other"), ("A1", "interviewer"),
                            ("P1", "participant"), ("R1", "interviewer")]
    session = study.sessions().iloc[0]
    # The file name says P7; the speaker code P1 is only this session's label.
    assert session["participant_id"] == "P07"
    assert session["role_warnings"] == (
        "P7 otter.txt: roles guessed from questions asked: A1 interviewer (asked 2 "
        "questions); R1 interviewer (asked 1 question); A5 observer (asked 0 questions); "
        "name them with --speaker LABEL=ROLE",)
    assert len(study.notes()) == 3  # P1's three turns have 12, 9 and 14 words


def test_speaker_roles_given_on_the_command_line_leave_nothing_guessed(study: Study,
                                                                       capsys) -> None:
    from synthesis.cli import main

    assert main(["import", str(study.folder), str(DATA / "P7 otter.txt"), "--round", "r1",
                 "--create-participants", "--speaker", "A1=interviewer", "--speaker",
                 "R1=interviewer", "--speaker", "A5=note-taker"]) == 0
    assert study.sessions().iloc[0]["role_warnings"] == ()
    assert "roles guessed" not in capsys.readouterr().out


def test_a_talkative_interviewer_is_said_and_kept(study: Study, tmp_path: Path) -> None:
    path = tmp_path / "P11 long.txt"
    path.write_text("Interviewer: " + "So I think the thing about invoicing is " * 10 + "\n"
                    "Participant: Yes, I agree with that completely.\n", encoding="utf-8")
    summary = study.import_file(path, round="r1", create_participants=True)
    # 10 × 8 = 80 interviewer words, 6 participant words: 80 / 86 = 93 %.
    warning = ("P11 long.txt: the interviewer side (Interviewer) speaks 93 % of the words; "
               "check the roles (--speaker LABEL=ROLE)")
    assert warning in summary["messages"]
    assert study.sessions().iloc[0]["role_warnings"] == (warning,)


def test_participant_named_on_the_command_line(study: Study, tmp_path: Path) -> None:
    path = tmp_path / "session three.txt"
    path.write_text((DATA / "P5 Teams transcript.txt").read_text(encoding="utf-8"),
                    encoding="utf-8")
    study.import_file(path, round="r1", create_participants=True, participant="p12")
    assert study.sessions().iloc[0]["participant_id"] == "P12"
    assert set(study.notes()["participant_id"]) == {"P12"}


# -- coded turns and notes documents ------------------------------------------------------


def test_coded_turn_spreadsheet_with_messy_headers(study: Study) -> None:
    path = DATA / "P8 coded turns.csv"
    summary = study.import_file(path, round="r1", create_participants=True)
    # Rows 2-9 of the file. Row 8 (data row 7) has no words: skipped, and its tag Pricing.
    # Rebecca Scofield, RS and Rebecca are one speaker; Tom's rows 5 and 6 are one turn:
    # R, T, R, T(5+6), R, T(9) = 6 utterances.
    assert roles(study) == [("Rebecca Scofield", "interviewer"), ("Tom Okafor", "participant")
                            ] * 3
    assert study.utterances()["start_s"].tolist() == [4.0, 11.0, 25.0, 29.0, 52.0, 62.0]
    # Tagged rows 3, 5, 6, 9: 4 notes; tags 2 + 2 + 1 + 3 (Bank anxiety twice) = 8 on them,
    # 7 placements, 1 merged; with the skipped row's Pricing, 9 tags read.
    assert summary["accounting"] == {
        "row": {"read": 8, "imported": 7, "merged": 0, "skipped": 1},
        "tag": {"read": 9, "imported": 7, "merged": 1, "skipped": 1},
        "turn": {"read": 6, "imported": 6, "merged": 0, "skipped": 0}}
    assert (count(study, "notes"), count(study, "placements"), count(study, "themes")) == (
        4, 7, 5)
    notes = study.notes().set_index("source_ref")
    utts = study.utterances().set_index("utterance_id")
    # Rows 5 and 6 are two notes inside one utterance, each its own exact span.
    for ref in ("row 5", "row 6"):
        note = notes.loc[ref]
        text = utts.loc[note["utterance_id"], "text"]
        assert text[int(note["start_char"]):int(note["end_char"])] == note["text"]
    assert set(notes.loc["row 9", "themes"]) == {"Bank anxiety", "Trust"}
    session = study.sessions().iloc[0]
    assert session["participant_id"] == "P08"
    assert session["role_warnings"][0].startswith("P8 coded turns.csv: assumed Rebecca Scofield")


def test_a_coded_turn_file_forced_as_a_transcript_is_still_read_by_its_columns(
        study: Study, capsys) -> None:
    from synthesis.cli import main

    assert main(["import", str(study.folder), str(DATA / "P8 coded turns.csv"), "--kind",
                 "transcript", "--round", "r1", "--create-participants"]) == 0
    assert count(study, "utterances") == 6


def test_notes_document_bullets_headings_and_a_stray_paragraph(study: Study) -> None:
    path = DATA / "P9 notes.md"
    summary = study.import_file(path, round="r1", create_participants=True)
    notes = study.notes()
    # 6 bullets (one sub-bullet, one wrapped over two lines); "Overall she was calm..." is
    # not a bullet: skipped, and said.
    assert notes["text"].tolist()[3] == ("found it after about 40 seconds, then said the "
                                         "list was sorted the wrong way round")
    assert len(notes) == 6 and set(notes["participant_id"]) == {"P09"}
    assert list(notes["attributes"]) == (
        [{"task": "Task 1: find last month's invoice"}] * 4 + [{"topic": "Bank connection"}] * 2)
    assert "skipped 1 paragraph: not a bullet: notes are the bullets of this document " \
           "(line 10)" in summary["summary"]


def test_word_notes_document_with_front_matter(study: Study, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Participant: P10")
    document.add_paragraph("Round: 1")
    document.add_heading("Pricing page", level=2)
    document.add_paragraph("Scrolled straight past the plans", style="List Bullet")
    document.add_paragraph("Asked if there is a yearly discount", style="List Bullet")
    path = tmp_path / "Interview notes - Ana.docx"
    document.save(path)
    preview = study.preview_import(path, create_participants=True)
    assert preview.kind == "notes"
    assert preview.notes[["participant_id", "round_id"]].drop_duplicates().values.tolist() == [
        ["P10", "r1"]]
    assert preview.notes["text"].tolist() == ["Scrolled straight past the plans",
                                              "Asked if there is a yearly discount"]


def test_no_candidate_notes_flag_and_study_setting(study: Study, capsys) -> None:
    from synthesis.cli import main

    path = DATA / "P6 Teams transcript.txt"
    assert main(["import", str(study.folder), str(path), "--round", "r1",
                 "--create-participants", "--no-candidate-notes"]) == 0
    assert count(study, "notes") == 0 and count(study, "utterances") == 10
    (study.folder / "study.toml").write_text(
        'name = "Shapes"\n[[rounds]]\nid = "r1"\n[import]\ncandidate_notes = false\n',
        encoding="utf-8")
    preview = open_study(study.folder).preview_import(DATA / "P7 otter.txt", round="r1",
                                                      create_participants=True)
    assert preview.notes.empty and len(preview.sessions) == 1


def test_a_thousand_new_people_are_one_line(study: Study, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("participant,note\n" + "".join(f"P{i},said {i}\n" for i in range(1, 1001)),
                    encoding="utf-8")
    summary = study.import_file(path, round="r1", create_participants=True)
    assert "participants: 1,000 new (P01, P02, P03, P04, P05 and 995 more)" in summary["summary"]
    assert "created 1000 participant(s) not in the participants file: P01, P02, P03, P04, " \
           "P05 and 995 more" in summary["messages"]
    assert max(len(line) for line in summary["summary"] + summary["messages"]) < 200


def test_every_import_option_has_help_and_participant_wants_one_file(study: Study,
                                                                      capsys) -> None:
    from synthesis.cli import build_parser, main

    text = build_parser()._subparsers._group_actions[0].choices["import"].format_help()
    for flag in ("--column FIELD=HEADER", "--participant ID", "--speaker LABEL=ROLE",
                 "--dry-run", "--no-candidate-notes"):
        assert flag in text
    assert main(["import", str(study.folder), "--participant", "P2"]) == 1
    assert "give exactly one FILE (got 0)" in capsys.readouterr().err


def test_status_names_sessions_whose_roles_were_guessed(study: Study, capsys) -> None:
    from synthesis.cli import main

    study.import_file(DATA / "P7 otter.txt", round="r1", create_participants=True)
    assert main(["status", str(study.folder)]) == 0
    assert "Roles guessed, or an interviewer who talks most of the time, in 1 session(s): " \
           "p7-otter" in capsys.readouterr().out


def test_a_participant_code_speaking_names_the_session_when_the_file_name_does_not(
        study: Study, tmp_path: Path) -> None:
    path = tmp_path / "morning session.txt"
    path.write_text("Interviewer: How do you send invoices?\n"
                    "p3: From a spreadsheet, every Friday evening after work.\n",
                    encoding="utf-8")
    summary = study.import_file(path, round="r1", create_participants=True)
    assert study.sessions().iloc[0]["participant_id"] == "P03"
    assert ("morning session.txt: no participant id in the file name; took P03 from the "
            "speaker label p3 (name another with --participant)") in summary["messages"]


def test_a_file_name_with_quotes_is_stored_as_written(study: Study, tmp_path: Path) -> None:
    # The round, kind and source of a file's notes go into the insert as literals.
    path = tmp_path / "O'Brien's \"notes\".csv"
    path.write_text("participant,note,kind\nP1,Slow bank step,quote\nP2,Fine,quote\n",
                    encoding="utf-8")
    study.import_file(path, round="r1", create_participants=True)
    notes = study.notes()
    assert set(notes["source"]) == {"O'Brien's \"notes\".csv"}
    assert set(notes["kind"]) == {"quote"} and set(notes["round_id"]) == {"r1"}
