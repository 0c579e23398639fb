"""Transcript importers: real WebVTT/SubRip/text exports, small hand-written cases, errors."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthesis.errors import InputError
from synthesis.ingest.cues import parse_cues, parse_timestamp
from synthesis.ingest.encoding import read_text
from synthesis.ingest.quotes import quote_spans, sentence_spans
from synthesis.ingest.speakers import looks_like_name, split_label
from synthesis.identity import DEFAULT as IDENTITY
from synthesis.ingest.transcripts import detect_transcript_format, parse_transcript, slugify

TALKPYTHON = "transcripts/talkpython"
PODCASTINDEX = "transcripts/podcastindex"


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def turns(bundle):
    return [(u.speaker, u.role, u.text) for u in bundle.sessions[0].utterances]


def rows(bundle, *fields: str) -> list[tuple]:
    """The chosen fields of every utterance of the bundle's session, in order."""
    return [tuple(getattr(u, f) for f in fields) for u in bundle.sessions[0].utterances]


def speaker_order(bundle) -> list[str | None]:
    return [u.speaker for u in bundle.sessions[0].utterances]


# --- the real fixtures ----------------------------------------------------------------------


def test_podcastindex_vtt_with_bom_crlf_and_inline_speaker(fixtures: Path) -> None:
    path = fixtures / PODCASTINDEX / "example_full_2024.vtt"
    assert path.read_bytes().startswith(b"\xef\xbb\xbfWEBVTT\r\n")  # the traps are really there
    assert len(parse_cues(read_text(path), path.name)) == 222

    bundle = parse_transcript(path, round_id="r1")
    session = bundle.sessions[0]
    assert bundle.kind == "transcript" and session.speakers_known
    assert "222 cues" in bundle.messages[0]
    # Voice tags only where the speaker changes (grep '<v \|^Gilon:' on the file): 10 turns.
    T, S, G = "Travis", "Sarah", "Gilon"
    assert speaker_order(bundle) == [T, S, T, G, T, G, T, S, G, T]
    # Gilon's first label is on the cue whose timing line is line 258: the 65th "-->".
    assert session.utterances[3].ref == "cue 65"
    assert session.utterances[3].text.startswith("So is there an ideal")
    assert session.utterances[0].text.startswith("When you first get started in podcasting,")
    assert all("\r" not in u.text and "\ufeff" not in u.text for u in session.utterances)
    assert session.utterances[0].start_s == pytest.approx(0.179)


def test_podcastindex_srt_has_the_same_speakers(fixtures: Path) -> None:
    path = fixtures / PODCASTINDEX / "example_full_2024.srt"
    assert len(parse_cues(read_text(path), path.name, fmt="srt")) == 222
    bundle = parse_transcript(path, round_id="r1")
    T, S, G = "Travis", "Sarah", "Gilon"
    assert speaker_order(bundle) == [T, S, T, G, T, G, T, S, G, T]
    assert bundle.sessions[0].utterances[0].start_s == pytest.approx(0.179)
    assert bundle.sessions[0].utterances[0].text.startswith("When you first get started")


def test_podcastindex_short_head(fixtures: Path) -> None:
    bundle = parse_transcript(fixtures / PODCASTINDEX / "example_short_head.vtt", round_id=None)
    assert "7 cues" in bundle.messages[0]
    sarah, gillian = bundle.sessions[0].utterances
    assert (sarah.speaker, gillian.speaker) == ("Sarah", "Gillian")
    # Five Sarah cues then two Gillian cues; times from the cue lines of the file.
    assert (sarah.start_s, sarah.end_s, sarah.ref) == (0.0, 18.63, "cue 1")
    assert (gillian.start_s, gillian.end_s, gillian.ref) == (19.08, 25.35, "cue 6")
    assert "Welcome to Podcasting Q&A, where" in sarah.text and "&amp;" not in sarah.text


def test_talkpython_538_vtt_interviewer_by_questions(fixtures: Path) -> None:
    path = fixtures / TALKPYTHON / "538-python-in-digital-humanities.vtt"
    assert len(parse_cues(read_text(path), path.name)) == 1237
    bundle = parse_transcript(path, round_id="r1")
    session = bundle.sessions[0]
    roles = {u.speaker: u.role for u in session.utterances}
    assert roles == {"Michael Kennedy": "interviewer", "David Flood": "participant"}
    assert session.interviewers == ("Michael Kennedy",)
    assert any(m.startswith(f"{path.name}: assumed Michael Kennedy is the interviewer (asked ")
               for m in bundle.messages)
    assert bundle.notes and {n.session_id for n in bundle.notes} == {session.session_id}
    speakers = {session.utterances[n.utterance_index].speaker for n in bundle.notes}
    assert speakers == {"David Flood"}
    assert session.session_id == "538-python-in-digital-humanities"
    assert session.participant_id is None


def test_talkpython_538_text_export(fixtures: Path) -> None:
    path = fixtures / TALKPYTHON / "538-python-in-digital-humanities.txt"
    assert detect_transcript_format(read_text(path), ".txt") == "timestamped"
    bundle = parse_transcript(path, round_id="r1")
    roles = {u.speaker: u.role for u in bundle.sessions[0].utterances}
    assert roles == {"Michael Kennedy": "interviewer", "David Flood": "participant"}
    first, last = bundle.sessions[0].utterances[0], bundle.sessions[0].utterances[-1]
    assert first.ref == "line 1" and first.start_s == 0.0
    # The last line "01:12:08 I'm out." has no voice tag: it continues Michael's turn.
    assert last.speaker == "Michael Kennedy"
    assert last.text.endswith("I'll see you next time. I'm out.")
    # Michael's last turn starts at line 2203 ("01:10:02 <v Michael Kennedy>When I first...");
    # text exports have start times only, so it ends where its last line starts (01:12:08).
    assert (last.ref, last.start_s, last.end_s) == ("line 2203", 4202.0, 4328.0)


def test_talkpython_527_diarisation_labels_and_speed(fixtures: Path) -> None:
    path = fixtures / TALKPYTHON / "527-mcp-servers-for-python-devs.vtt"
    began = time.perf_counter()
    bundle = parse_transcript(path, round_id="r1")
    elapsed = time.perf_counter() - began
    assert elapsed < 1.0, f"parsing 1,346 cues took {elapsed:.2f} s"
    assert "1,346 cues" in bundle.messages[0]
    assert list(dict.fromkeys(speaker_order(bundle))) == ["Speaker 1", "Speaker 2", "Speaker 3"]
    # The first 10 cues are Speaker 1's intro, then 7 cues of Speaker 2 (the theme song).
    first, second = bundle.sessions[0].utterances[:2]
    assert (first.speaker, first.ref, second.speaker, second.ref) == (
        "Speaker 1", "cue 1", "Speaker 2", "cue 11")


def test_talkpython_102_has_no_speaker_labels(fixtures: Path) -> None:
    path = fixtures / TALKPYTHON / "102-effective-code-reviews.vtt"
    assert len(parse_cues(read_text(path), path.name)) == 953
    bundle = parse_transcript(path, round_id="r1", interviewers=["Michael Kennedy"])
    session = bundle.sessions[0]
    assert session.speakers_known is False
    assert all(u.speaker is None and u.role == "other" for u in session.utterances)
    expected = "102-effective-code-reviews.vtt: no speaker labels found; speakers are unknown"
    assert any(m.startswith(expected) for m in bundle.messages)
    assert bundle.notes == [] and session.interviewers == ()
    # Cues merge up to a sentence end: cues 2 and 3 are one sentence (read off the file).
    utterances = session.utterances
    assert utterances[1].ref == "cue 2" and utterances[1].text == (
        "But did you know that code reviews often play a key role in this process "
        "and come with many more benefits on top of just bug detection?")
    assert (utterances[1].start_s, utterances[1].end_s) == (4.52, 12.36)
    assert utterances[9].text == "Dougal, welcome to Talk Python."


# --- WebVTT and SubRip details --------------------------------------------------------------

TRICKY_VTT = (
    "\ufeffWEBVTT - interview\r\nKind: captions\r\nLanguage: en\r\n\r\n"
    "NOTE recorded on Zoom\r\nwith two people --> not a cue\r\n\r\n"
    "STYLE\r\n::cue { color: yellow }\r\n\r\n"
    "intro-1\r\n00:01.000 --> 00:04.500 align:start position:10%\r\n"
    "<v.loud Ann Smith>Welcome &amp; thanks</v> for &lt;joining&gt;.\r\n\r\n"
    "00:00:04.500 --> 00:00:09.250\r\n<c.yellow>How do you</c> <i>send</i>\r\ninvoices?\r\n\r\n"
    "3\r\n00:00:10.000 --> 00:00:12.000\r\nBo: We use <00:00:11.000>a spreadsheet.\r\n\r\n"
    "00:00:12.000 --> 00:00:14.000\r\nNote: the spreadsheet was built in 2019.\r\n\r\n"
    "00:00:14.000 --> 00:00:15.000\r\n<v Ann Smith>Why?</v> <v Bo>Habit.</v>\r\n"
)


def test_vtt_cues_with_header_notes_styles_settings_tags_and_entities() -> None:
    cues = parse_cues(TRICKY_VTT, "tricky.vtt")
    assert [c.number for c in cues] == [1, 2, 3, 4, 5]
    assert [(c.start_s, c.end_s) for c in cues] == [
        (1.0, 4.5), (4.5, 9.25), (10.0, 12.0), (12.0, 14.0), (14.0, 15.0)]
    assert cues[0].line == 12 and cues[1].line == 15  # the timing lines
    assert cues[0].pieces == (("Ann Smith", "Welcome & thanks for <joining>."),)
    assert cues[1].pieces == ((None, "How do you send invoices?"),)
    assert cues[2].pieces == (("Bo", "We use a spreadsheet."),)
    assert cues[3].pieces == ((None, "Note: the spreadsheet was built in 2019."),)
    assert cues[4].pieces == (("Ann Smith", "Why?"), ("Bo", "Habit."))


def test_vtt_turns_continue_the_speaker_and_merge_times(tmp_path: Path) -> None:
    bundle = parse_transcript(write(tmp_path, "tricky.vtt", TRICKY_VTT), round_id="r1")
    assert rows(bundle, "speaker", "text", "start_s", "end_s", "ref") == [
        ("Ann Smith", "Welcome & thanks for <joining>. How do you send invoices?",
         1.0, 9.25, "cue 1"),
        ("Bo", "We use a spreadsheet. Note: the spreadsheet was built in 2019.",
         10.0, 14.0, "cue 3"),
        ("Ann Smith", "Why?", 14.0, 15.0, "cue 5"),
        ("Bo", "Habit.", 14.0, 15.0, "cue 5"),
    ]
    assert bundle.sessions[0].interviewers == ("Ann Smith",)


def test_srt_numbered_multiline_cues_with_labels(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:03,000\nJane Doe: How long does\n<i>invoicing</i> take you?\n\n"
        "2\n00:00:03,500 --> 00:00:06,000\nSam: About an hour\nevery week, sometimes two.\n\n"
        "3\n00:00:06,000 --> 00:00:09,000\nIt depends on the client.\n"
    )
    path = write(tmp_path, "P07-sam.srt", text)
    assert detect_transcript_format(text, ".srt") == "srt"
    bundle = parse_transcript(path, round_id="r2")
    assert rows(bundle, "speaker", "role", "text", "start_s", "end_s") == [
        ("Jane Doe", "interviewer", "How long does invoicing take you?", 1.0, 3.0),
        ("Sam", "participant",
         "About an hour every week, sometimes two. It depends on the client.", 3.5, 9.0),
    ]
    (note,) = bundle.notes
    assert note.participant_id == "P07" and note.round_id == "r2" and note.source_ref == "cue 2"


def test_zoom_display_names_that_recur_are_speakers(tmp_path: Path) -> None:
    # Zoom writes display names, often not capitalised names; three or more cues open with each.
    lines = [
        "jane.doe (she/her): How do you invoice today?",
        "iPhone 12: Mostly by hand, it takes ages.",
        "jane.doe (she/her): Why by hand?",
        "iPhone 12: for example: the import never worked for me.",
        "jane.doe (she/her): What did you try?",
        "iPhone 12: Two other tools, both too expensive.",
        "for example: this line is the same speaker still.",
        "for example: and so is this one.",
    ]
    text = "WEBVTT\n\n" + "".join(
        f"{i + 1}\n00:00:{i:02d}.000 --> 00:00:{i + 1:02d}.000\n{line}\n\n"
        for i, line in enumerate(lines)
    )
    bundle = parse_transcript(write(tmp_path, "zoom.vtt", text), round_id=None)
    assert speaker_order(bundle) == ["jane.doe (she/her)", "iPhone 12"] * 3
    assert bundle.sessions[0].utterances[-1].text == (
        "Two other tools, both too expensive. for example: this line is the same speaker still. "
        "for example: and so is this one.")
    assert bundle.sessions[0].interviewers == ("jane.doe (she/her)",)


def test_srt_content_in_a_txt_file_is_read_as_cues(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nAnn: Hello there.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nBo: Hi.\n"
    )
    assert detect_transcript_format(text, ".txt") == "srt"
    bundle = parse_transcript(write(tmp_path, "x.txt", text), round_id=None)
    assert speaker_order(bundle) == ["Ann", "Bo"]


def test_timestamps() -> None:
    assert parse_timestamp("01:02:03.500") == 3723.5
    assert parse_timestamp("02:03,25") == 123.25
    assert parse_timestamp("100:00:00.000") == 360000.0
    assert parse_timestamp("00:00:60.000") is None
    assert parse_timestamp("0:0x:01.000") is None


# --- text exports and Word --------------------------------------------------------------------

OTTER = """Jane Doe  0:00
Thanks for joining. How do you send invoices today?

Sam Lee  0:07
Mostly from a spreadsheet that my accountant built for me years ago.

Sam Lee  0:15
It breaks every January.

Jane Doe  1:02
Why January?
"""


def test_otter_text(tmp_path: Path) -> None:
    assert detect_transcript_format(OTTER, ".txt") == "otter"
    bundle = parse_transcript(write(tmp_path, "otter.txt", OTTER), round_id="r1")
    assert rows(bundle, "speaker", "role", "start_s", "end_s", "ref") == [
        ("Jane Doe", "interviewer", 0.0, 7.0, "line 2"),
        # Two Sam paragraphs in a row are one turn; it ends where Jane's next header starts.
        ("Sam Lee", "participant", 7.0, 62.0, "line 5"),
        ("Jane Doe", "interviewer", 62.0, None, "line 11"),
    ]
    assert bundle.sessions[0].utterances[1].text == (
        "Mostly from a spreadsheet that my accountant built for me years ago. "
        "It breaks every January.")


def test_name_colon_text(tmp_path: Path) -> None:
    text = (
        "Interview with Sam, 3 March\n"
        "Jane: What made you switch tools?\n"
        "Sam: The old one lost two of my invoices.\n"
        "It never told me why, either.\n"
        "Jane: Did you tell support? Note: they answer on Fridays.\n"
    )
    assert detect_transcript_format(text, ".txt") == "labelled"
    bundle = parse_transcript(write(tmp_path, "P12 Sam.txt", text), round_id="r1")
    assert turns(bundle) == [
        (None, "other", "Interview with Sam, 3 March"),
        ("Jane", "interviewer", "What made you switch tools?"),
        ("Sam", "participant",
         "The old one lost two of my invoices. It never told me why, either."),
        ("Jane", "interviewer", "Did you tell support? Note: they answer on Fridays."),
    ]
    assert rows(bundle, "ref") == [("line 1",), ("line 2",), ("line 3",), ("line 5",)]
    assert "P12 Sam.txt: 1 utterance before the first speaker label had no speaker (role 'other')" \
        in bundle.messages
    assert bundle.sessions[0].participant_id == "P12"


def test_bracketed_timestamp_name_colon_text(tmp_path: Path) -> None:
    text = (
        "[00:00:05] Jane: How often do you chase late payments?\n"
        "[00:00:09] Sam: Every week, and I hate doing it.\n"
        "[00:01:02] Sam: It feels like begging.\n"
        "[00:01:10] Jane: Thanks.\n"
    )
    assert detect_transcript_format(text, ".txt") == "timestamped"
    bundle = parse_transcript(write(tmp_path, "t.txt", text), round_id=None)
    assert [(u.speaker, u.start_s, u.end_s, u.text) for u in bundle.sessions[0].utterances] == [
        ("Jane", 5.0, 9.0, "How often do you chase late payments?"),
        ("Sam", 9.0, 70.0, "Every week, and I hate doing it. It feels like begging."),
        ("Jane", 70.0, None, "Thanks."),
    ]


def test_plain_text_keeps_paragraphs_and_says_speakers_are_unknown(tmp_path: Path) -> None:
    text = "We talked about invoices.\nShe uses a spreadsheet.\n\n\nThen about reminders.\n"
    assert detect_transcript_format(text, ".txt") == "plain"
    bundle = parse_transcript(write(tmp_path, "plain.txt", text), round_id=None)
    assert [(u.text, u.ref) for u in bundle.sessions[0].utterances] == [
        ("We talked about invoices. She uses a spreadsheet.", "line 1"),
        ("Then about reminders.", "line 5"),
    ]
    assert bundle.sessions[0].speakers_known is False
    assert "plain.txt: no speaker labels found; speakers are unknown" in " ".join(bundle.messages)


def test_docx_paragraphs(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Onboarding interview")
    document.add_paragraph("")
    document.add_paragraph("Jane Doe: Walk me through your first invoice.")
    document.add_paragraph("Sam Lee: I typed every line by hand because the import failed.")
    document.add_paragraph("It took me the whole evening.")
    path = tmp_path / "P05 Sam.docx"
    document.save(path)

    bundle = parse_transcript(path, round_id="r1")
    assert [(u.speaker, u.role, u.ref) for u in bundle.sessions[0].utterances] == [
        (None, "other", "paragraph 1"),
        ("Jane Doe", "interviewer", "paragraph 3"),
        ("Sam Lee", "participant", "paragraph 4"),
    ]
    assert bundle.sessions[0].utterances[2].text == (
        "I typed every line by hand because the import failed. It took me the whole evening.")
    assert "non-blank paragraphs" in bundle.messages[0]
    assert bundle.sessions[0].participant_id == "P05"


# --- who is the interviewer ----------------------------------------------------------------

LABELLED = (
    "Ann Lee: I have a question for you. What do you use?\n"
    "Bob Ray: A spreadsheet my brother made years ago for the shop.\n"
    "Ann Lee: Why that one?\n"
    "Bob Ray: Why not? It works fine and costs nothing at all.\n"
    "Ann Lee: How often does it break?\n"
)


def test_interviewer_by_most_questions(tmp_path: Path) -> None:
    bundle = parse_transcript(write(tmp_path, "i.txt", LABELLED), round_id=None)
    # Ann's three turns all ask; Bob asks once ("Why not?").
    assert bundle.sessions[0].interviewers == ("Ann Lee",)
    assert any(m.startswith("i.txt: assumed Ann Lee is the interviewer (asked 3 questions)")
               for m in bundle.messages)
    # The guess is kept with the session, for the craft audit to show beside it.
    assert bundle.sessions[0].role_warnings[0].startswith("i.txt: assumed Ann Lee")


def test_interviewer_by_name_first_name_case_insensitive(tmp_path: Path) -> None:
    path = write(tmp_path, "i.txt", LABELLED)
    bundle = parse_transcript(path, round_id=None, interviewers=["bob"])
    assert {u.speaker: u.role for u in bundle.sessions[0].utterances} == {
        "Ann Lee": "participant", "Bob Ray": "interviewer"}
    assert not any("assumed" in m for m in bundle.messages)
    # A different surname is a different person: fall back to counting questions, and say so.
    bundle = parse_transcript(path, round_id=None, interviewers=["Bob Smith"])
    assert bundle.sessions[0].interviewers == ("Ann Lee",)
    assert any("none of the study's interviewers (Bob Smith) speaks" in m for m in bundle.messages)


def test_interviewer_override_wins(tmp_path: Path) -> None:
    path = write(tmp_path, "i.txt", LABELLED)
    bundle = parse_transcript(
        path, round_id=None, interviewers=["Ann"], interviewer_override="Bob Ray")
    assert bundle.sessions[0].interviewers == ("Bob Ray",)
    assert [n.text for n in bundle.notes] == ["I have a question for you. What do you use?"]
    with pytest.raises(InputError, match=r"^i\.txt: the interviewer 'Zed' does not speak"):
        parse_transcript(path, round_id=None, interviewer_override="Zed")


def test_single_speaker_is_the_participant(tmp_path: Path) -> None:
    text = "Sam: Today I sent four invoices and two bounced.\nSam: Again.\n"
    path = write(tmp_path, "diary.txt", text)
    bundle = parse_transcript(path, round_id=None)
    assert [u.role for u in bundle.sessions[0].utterances] == ["participant"]
    assert "diary.txt: only one speaker (Sam), treated as the participant" in bundle.messages


# --- candidate notes -------------------------------------------------------------------------

S1 = "We used to send every invoice by hand from a spreadsheet."  # 11 words
S2 = "It took the whole of Friday afternoon, every single week, and I hated it."  # 14
S3 = "Then our accountant told us about the import button."  # 9
S4 = "That changed everything for us."  # 5
S5 = "Now it takes ten minutes and I can go home early on Fridays."  # 13
S6 = "Yeah."  # 1


def _notes_vtt() -> str:
    cue = "00:00:{:02d}.000 --> 00:00:{:02d}.000\n{}\n\n"
    texts = ["<v Ann>How did invoicing change for you?", "<v Sam>" + S1, S2, S3, S4, S5, S6,
             "<v Ann>Thanks, that is really helpful to hear.", "<v Sam>Yeah.",
             "<v Ann>And today?", "<v Sam>I use it every single day.",
             "<v Ann>Great.", "<v Sam>I use it every day."]
    return "WEBVTT\n\n" + "".join(cue.format(i * 2, i * 2 + 2, t) for i, t in enumerate(texts))


def test_candidate_notes_split_long_turns_at_sentences(tmp_path: Path) -> None:
    bundle = parse_transcript(write(tmp_path, "P03-sam.vtt", _notes_vtt()), round_id="r1")
    session = bundle.sessions[0]
    long_turn = session.utterances[1]
    assert long_turn.text == f"{S1} {S2} {S3} {S4} {S5} {S6}"  # 53 words > 40
    # By hand: S1..S4 are 11+14+9+5 = 39 words (<= 40), S5 would make 52, so it starts the
    # second chunk; "Yeah." joins it. The 1-word turn "Yeah." and the 5-word turn make no note;
    # "I use it every single day." has exactly 6 words and makes one. Ann's turns make none.
    assert [n.text for n in bundle.notes] == [
        f"{S1} {S2} {S3} {S4}", f"{S5} {S6}", "I use it every single day."]
    first, second, third = bundle.notes
    assert (first.start_char, first.end_char) == (0, len(f"{S1} {S2} {S3} {S4}"))
    assert second.start_char == len(f"{S1} {S2} {S3} {S4}") + 1
    assert second.end_char == len(long_turn.text)
    for note in bundle.notes:
        utterance = session.utterances[note.utterance_index]
        assert utterance.text[note.start_char : note.end_char] == note.text
        assert utterance.role == "participant"
        assert note.kind == "quote" and note.participant_id == "P03" and note.round_id == "r1"
        key = f"P03-sam.vtt|p03-sam|{note.utterance_index}|{note.start_char}"
        assert note.note_id == "n-" + hashlib.sha1(key.encode()).hexdigest()[:12]
    # Cue 2 holds S1; S5 is in cue 6; the 6-word turn is cue 11.
    assert [n.source_ref for n in bundle.notes] == ["cue 2", "cue 6", "cue 11"]
    assert third.utterance_index == 5
    # Stable: parsing again gives the same ids.
    again = parse_transcript(write(tmp_path, "P03-sam.vtt", _notes_vtt()), round_id="r1")
    assert [n.note_id for n in again.notes] == [n.note_id for n in bundle.notes]


def test_sentence_and_quote_spans() -> None:
    text = "I moved to the U.S. last year. Dr. Lee helped! Did it work? Yes."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "I moved to the U.S. last year.", "Dr. Lee helped!", "Did it work?", "Yes."]
    assert quote_spans("  Mm-hmm. ") == []
    run_on = " ".join(["word"] * 100)  # no punctuation: cut at 40-word boundaries, 20 join in
    spans = quote_spans(run_on)
    assert [len(run_on[a:b].split()) for a, b in spans] == [40, 40, 20]


def test_speaker_label_rules() -> None:
    assert split_label("Gilon: So is there") == ("Gilon", "So is there")
    assert split_label("Mary Ann O'Neil: hi") == ("Mary Ann O'Neil", "hi")
    assert split_label("Speaker 2: hi") == ("Speaker 2", "hi")
    assert split_label("P03: hi") == ("P03", "hi")
    for not_a_label in ["Note: this", "In 2019: we", "the team: all", "A Very Long Name Here: x",
                        "10:30 we met", "See https://x.org", "Summary: it"]:
        assert split_label(not_a_label) is None, not_a_label
    assert looks_like_name("Zoë") and not looks_like_name("R2D2")


def test_session_and_participant_ids() -> None:
    assert slugify("P03 – Zoë's Interview (final)") == "p03-zoes-interview-final"
    assert slugify("???") == "session"
    # One rule for every importer (synthesis.identity): "p3" is P03 here as in spreadsheets.
    assert IDENTITY.in_name("P03-jane") == "P03"
    assert IDENTITY.in_name("p3 notes") == "P03"
    assert IDENTITY.in_name("Pablo-interview") is None
    assert IDENTITY.in_name("538-python") is None


def test_explicit_ids_win(tmp_path: Path) -> None:
    path = write(tmp_path, "P03-sam.vtt", _notes_vtt())
    bundle = parse_transcript(path, round_id="r9", session_id="s-1", participant_id="P99")
    assert bundle.sessions[0].session_id == "s-1" and bundle.sessions[0].participant_id == "P99"
    assert {n.participant_id for n in bundle.notes} == {"P99"}
    assert {n.session_id for n in bundle.notes} == {"s-1"}


# --- errors ----------------------------------------------------------------------------------


def _error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        parse_transcript(path, round_id=None)
    return str(caught.value)


def test_empty_file(tmp_path: Path) -> None:
    assert _error(write(tmp_path, "blank.vtt", "")) == (
        "blank.vtt: the file is empty; expected a transcript (WebVTT, SubRip, text, .docx or "
        ".odt)")
    message = _error(write(tmp_path, "blank.txt", "\ufeff \r\n\r\n"))
    assert message.startswith("blank.txt: the file is empty")


def test_vtt_without_header_says_what_it_found(tmp_path: Path) -> None:
    message = _error(write(tmp_path, "x.vtt", "00:00:01.000 --> 00:00:02.000\nHello\n"))
    assert message == (
        "x.vtt, line 1: expected the first line to be 'WEBVTT', "
        "found '00:00:01.000 --> 00:00:02.000'")


def test_vtt_header_after_blank_lines_is_tolerated(tmp_path: Path) -> None:
    text = "\n\n WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAnn: Hello.\n"
    bundle = parse_transcript(write(tmp_path, "x.txt", text), round_id=None)
    assert rows(bundle, "speaker", "text", "ref") == [("Ann", "Hello.", "cue 1")]
    message = _error(write(tmp_path, "x.vtt", "\n\nHello\n"))
    assert message == "x.vtt, line 3: expected the first line to be 'WEBVTT', found 'Hello'"


def test_no_cues(tmp_path: Path) -> None:
    assert _error(write(tmp_path, "x.vtt", "WEBVTT\n\nNOTE nothing here\n")) == (
        "x.vtt, line 4: no cues found; expected blocks that start with a timing line like "
        "HH:MM:SS.mmm --> HH:MM:SS.mmm")
    message = _error(write(tmp_path, "x.srt", "just some words\n"))
    assert message.startswith("x.srt, line 2: no cues found")


def test_broken_timestamp_names_the_line_and_the_stamp(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\n00:00:02.000 --> 00:0x:03.000\nBye\n"
    assert _error(write(tmp_path, "x.vtt", text)) == (
        "x.vtt, line 6: bad timestamp '00:0x:03.000' in the timing line; "
        "expected HH:MM:SS.mmm --> HH:MM:SS.mmm")
    srt = "1\n00:00:01,000 --> \nHi\n"
    assert _error(write(tmp_path, "x.srt", srt)) == (
        "x.srt, line 2: bad timestamp '00:00:01,000 -->' in the timing line; "
        "expected HH:MM:SS,mmm --> HH:MM:SS,mmm")


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    # 0xE9 is e-acute in Windows-1252; 0x81 is undefined there, so nothing decodes the file.
    path.write_bytes(b"Ann: caf\xe9 ok\nBo: \x81 bad\n")
    assert _error(path) == (
        "x.txt, line 2: could not decode byte 0x81; tried UTF-8 (with or without BOM), "
        "UTF-16 (with BOM) and Windows-1252; save the file as UTF-8")


def test_binary_and_broken_word_files(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"Ann: hi\n\x00\x01\x02")
    assert _error(path).startswith("x.txt, line 2: contains NUL bytes")
    fake = write(tmp_path, "x.docx", "not a zip")
    assert _error(fake).startswith("x.docx: could not open it as a Word .docx document")
    assert _error(write(tmp_path, "old.doc", "x")).startswith("old.doc: old Word .doc files")


def test_read_text_encodings(tmp_path: Path) -> None:
    text = "Zoë: café — 10€\n"
    for encoding in ["utf-8", "utf-8-sig", "utf-16", "cp1252"]:
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        assert read_text(path) == text, encoding
    # A UTF-8 file with a BOM and a damaged byte is not silently re-read as Windows-1252.
    path = tmp_path / "damaged.csv"
    path.write_bytes(b"\xef\xbb\xbfok\nbad \xff\n")
    with pytest.raises(InputError, match=r"^damaged\.csv, line 2: could not decode byte 0xFF"):
        read_text(path)


# --- property ---------------------------------------------------------------------------------

# Lines that steer the text into each reader and its error paths.
FUZZ_LINES = [
    "WEBVTT", "", "1", "00:00:01.000 --> 00:00:02.000", "00:01,5 --> 00:02", "<v Ann>hi",
    "Bo: well?", "NOTE x", "Jane Doe  0:10", "[00:00:03] Al: ok", "-->", "&amp;<i>",
    "Yes. No? Maybe…", "Ann Lee: " + "word " * 50,
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.one_of(
        st.text(max_size=300),
        st.lists(
            st.sampled_from(FUZZ_LINES),
            max_size=20,
        ).map("\n".join),
    ),
    suffix=st.sampled_from([".vtt", ".srt", ".txt"]),
)
def test_any_text_gives_a_bundle_or_an_input_error(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"any{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        bundle = parse_transcript(path, round_id=None)
    except InputError as exc:
        assert str(exc).startswith(f"any{suffix}")
        return
    session = bundle.sessions[0]
    assert session.utterances
    for note in bundle.notes:
        utterance = session.utterances[note.utterance_index]
        assert utterance.text[note.start_char : note.end_char] == note.text
