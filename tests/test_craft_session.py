"""Per-session craft figures on tiny transcripts whose numbers were worked out by hand."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from synthesis.craft.aggregate import by_interviewer, by_round
from synthesis.craft.coverage import content_words, key_question_coverage, similarity
from synthesis.craft.flagged import flagged_questions
from synthesis.craft.session import (
    NOT_ENGLISH,
    SPEAKERS_UNKNOWN,
    monologues,
    session_figures,
)
from synthesis.ingest.transcripts import parse_transcript

COLUMNS = ["session_id", "position", "speaker", "role", "start_s", "end_s", "text"]
I, P = "interviewer", "participant"  # noqa: E741 - the roles, short for the tables below

# Session s1, hand-annotated: words | seconds | what it is.
S1 = [
    (0, "Ann", I, 0.0, 5.0, "Thanks for joining. Tell me about your work."),  # 8w 5s open
    (1, "Bo", P, 6.0, 30.0, "I run a small design studio with three people and I send all "
                            "the invoices myself."),  # 16w 24s
    (2, "Bo", P, 30.0, 40.0, "It takes most of a Friday."),  # 6w 10s (same run: 22w, 34s)
    (3, "Ann", I, 42.0, 46.0, "Don't you think that is too long?"),  # 7w 4s closed, leading
    (4, "Bo", P, 47.0, 50.0, "Maybe, yes."),  # 2w 3s
    (5, "Ann", I, 49.0, 52.0, "Why was that?"),  # 3w 3s open probe; cuts in 1 s early
    (6, "Bo", P, 52.0, 70.0, "Because clients pay late and I have to chase every one of them "
                             "by email."),  # 15w 18s
    (7, "Ann", I, 73.0, 80.0, "How do you chase them and what do you say?"),  # 10w 7s dbl
    (8, "Bo", P, 79.9, 90.0, "I copy an old email."),  # 5w 10.1s; 0.1 s overlap: tolerated
    (9, "Ann", I, 91.0, 93.0, "Mm-hmm."),  # 1w 2s, not a question
    (10, "Bo", P, 92.0, 95.0, "And sometimes I phone them."),  # 5w 3s; cuts in on Ann
    (11, "Ann", I, 94.5, 95.5, "Right."),  # 1w 1s; overlaps but one word: no interruption
]


def _frame(session_id: str, rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame([(session_id, *r) for r in rows], columns=COLUMNS)


@pytest.fixture
def s1() -> pd.DataFrame:
    return _frame("s1", S1)


def test_talk_share_monologues_and_timings_by_hand(s1: pd.DataFrame) -> None:
    row = session_figures(s1).iloc[0]
    assert row["status"] == "ok"
    assert row["interviewers"] == ("Ann",)
    # Interviewer: 8+7+3+10+1+1 = 30 words, 5+4+3+7+2+1 = 22 s.
    # Participant: 16+6+2+15+5+5 = 49 words, 24+10+3+18+10.1+3 = 68.1 s.
    assert (row["interviewer_words"], row["participant_words"]) == (30, 49)
    assert row["talk_share_words"] == pytest.approx(30 / 79)
    assert row["talk_share_seconds"] == pytest.approx(22 / 90.1)
    assert row["longest_participant_monologue_words"] == 22  # positions 1-2
    assert row["longest_participant_monologue_s"] == pytest.approx(34.0)  # 6 s to 40 s
    assert row["longest_interviewer_monologue_words"] == 10
    assert row["longest_interviewer_monologue_s"] == pytest.approx(7.0)
    # Pauses after a participant: 2, 0 (cut in), 3, 1, 0 (cut in) -> median 1.
    assert row["median_pause_s"] == pytest.approx(1.0)
    # Ann cuts in at 49 s on Bo (ends 50 s); Bo cuts in at 92 s on Ann (ends 93 s).
    assert (row["interruptions"], row["interviewer_interruptions"]) == (2, 1)
    assert row["minutes"] == pytest.approx(95.5 / 60)


def test_questions_by_hand(s1: pd.DataFrame) -> None:
    row = session_figures(s1).iloc[0]
    # Questions at positions 0, 3, 5 and 7; "Mm-hmm." and "Right." are not.
    assert row["questions"] == 4
    assert (row["open"], row["closed"], row["leading"], row["double_barrelled"]) == (3, 1, 1, 1)
    assert row["probes"] == 1 and row["probe_rate"] == pytest.approx(0.25)
    assert row["questions_per_10min"] == pytest.approx(4 / (95.5 / 60) * 10)  # 25.13


def test_overlap_tolerance_is_a_parameter(s1: pd.DataFrame) -> None:
    # With no tolerance the 0.1 s overlap at position 8 counts too.
    row = session_figures(s1, overlap_tolerance_s=0.0).iloc[0]
    assert row["interruptions"] == 3


def test_monologue_runs_merge_consecutive_turns_of_one_speaker(s1: pd.DataFrame) -> None:
    runs = monologues(s1)
    assert len(runs) == 11  # 12 utterances, positions 1 and 2 are one run
    assert runs.loc[1, ["speaker", "words"]].tolist() == ["Bo", 22]


def test_without_timings_the_time_figures_are_missing(s1: pd.DataFrame) -> None:
    row = session_figures(s1.assign(start_s=None, end_s=None)).iloc[0]
    assert row["talk_share_words"] == pytest.approx(30 / 79)
    for col in ("talk_share_seconds", "questions_per_10min", "median_pause_s", "minutes",
                "longest_participant_monologue_s"):
        assert math.isnan(row[col]), col
    assert pd.isna(row["interruptions"])
    assert row["questions"] == 4


def test_unknown_speakers_give_a_status_not_numbers() -> None:
    rows = [(0, None, "other", 0.0, 5.0, "How do you send invoices?"),
            (1, None, "other", 5.0, 9.0, "I email a PDF every Friday afternoon.")]
    sessions = pd.DataFrame({"session_id": ["s9"], "round_id": ["r1"],
                             "participant_id": [None], "interviewers": [()],
                             "speakers_known": [False], "language": ["en"]})
    row = session_figures(_frame("s9", rows), sessions=sessions).iloc[0]
    assert row["status"] == SPEAKERS_UNKNOWN
    assert math.isnan(row["talk_share_words"]) and pd.isna(row["questions"])
    assert row["minutes"] == pytest.approx(9 / 60)


def test_a_session_not_in_english_is_not_read() -> None:
    rows = [(0, "Jo", I, 0.0, 5.0, "Wie verschicken Sie heute Ihre Rechnungen an die Kunden?"),
            (1, "Kim", P, 5.0, 15.0, "Ich schicke sie jeden Freitag als PDF mit der Post, das "
                                     "ist nicht schön und dauert lange."),
            (2, "Jo", I, 16.0, 18.0, "Und warum ist das so?")]
    row = session_figures(_frame("de1", rows)).iloc[0]
    assert row["status"] == NOT_ENGLISH
    assert pd.isna(row["questions"]) and pd.isna(row["leading"])
    assert row["talk_share_words"] == pytest.approx(14 / (14 + 17))  # 9 + 5 vs 17 words
    # The language recorded on the session is trusted too.
    english = _frame("en1", S1)
    sessions = pd.DataFrame({"session_id": ["en1"], "language": ["fr"]})
    assert session_figures(english, sessions=sessions).iloc[0]["status"] == NOT_ENGLISH
    assert flagged_questions(english, sessions=sessions).empty


def test_flagged_questions_carry_context(s1: pd.DataFrame) -> None:
    flagged = flagged_questions(s1, width=20)
    assert flagged["position"].tolist() == [3, 7]
    lead, dbl = flagged.iloc[0], flagged.iloc[1]
    assert lead["flags"] == "leading" and lead["time"] == "0:42"
    assert lead["reason"].startswith('leading: "don\'t you think"')
    assert lead["before"] == "…most of a Friday."  # the end of Bo's previous turn, 20 chars
    assert lead["after"] == "Maybe, yes."
    assert dbl["flags"] == "double-barrelled" and dbl["time"] == "1:13"
    assert dbl["after"] == "I copy an old email."
    assert dbl["interviewer"] == "Ann"


GUIDE = pd.DataFrame({
    "question_id": [1, 2, 3, 4],
    "position": [1, 2, 3, 4],
    "text": ["Tell me about the last time you sent an invoice.",
             "How do you chase late payments?",
             "What would make you switch tools?",
             "How big is your team?"],
    "is_key": [1, 1, 1, 0],
    "parent_id": [None] * 4,
})
S2 = [
    (0, "Cy", I, 0.0, 6.0, "Thanks for making time. Walk me through the most recent invoice "
                           "you sent."),
    (1, "Di", P, 7.0, 30.0, "Last week I sent one to a bakery, it took an hour."),
    (2, "Cy", I, 31.0, 36.0, "When a client pays late, how do you go about chasing the "
                             "payment?"),
    (3, "Di", P, 37.0, 50.0, "I wait a week and then I email."),
    (4, "Cy", I, 51.0, 53.0, "What do you use today?"),
]


def test_similarity_by_hand() -> None:
    # Key words {last, invoic, send} all said ("most recent" -> last, "sent" -> send).
    walk = "Walk me through the most recent invoice you sent."
    assert similarity(GUIDE.text[0], walk) == pytest.approx(1.0)
    # The whole turn adds {thank, mak}: Dice 6/8, coverage 3/3 -> 0.875; which is why
    # coverage scores each sentence on its own.
    assert similarity(GUIDE.text[0], S2[0][5]) == pytest.approx(0.875)
    # Key {chas, late, payment}; said {client, pay, late, chas, payment}: 3 shared,
    # Dice 6/8, coverage 3/3 -> (0.75 + 1) / 2.
    assert similarity(GUIDE.text[1], S2[2][5]) == pytest.approx(0.875)
    # s1's "How do you chase them and what do you say?": said {chas}; Dice 2/4, cover 1/3.
    assert similarity(GUIDE.text[1], S1[7][5]) == pytest.approx((0.5 + 1 / 3) / 2)


def test_key_question_coverage_on_paraphrases(s1: pd.DataFrame) -> None:
    utts = pd.concat([s1, _frame("s2", S2)])
    cov = key_question_coverage(utts, GUIDE)
    assert len(cov) == 6  # 2 sessions x 3 key questions; "How big is your team?" is not key
    s2 = cov[cov.session_id == "s2"].set_index("question_id")
    assert s2["asked"].tolist() == [True, True, False]
    assert s2.loc[1, "position"] == 0 and s2.loc[1, "start_s"] == 0.0
    assert s2.loc[1, "best_match"] == "Walk me through the most recent invoice you sent."
    assert s2.loc[2, "score"] == pytest.approx(0.875) and s2.loc[2, "position"] == 2
    assert s2.loc[3, "score"] == 0.0
    s1cov = cov[cov.session_id == "s1"].set_index("question_id")
    assert s1cov["asked"].tolist() == [False, False, False]
    assert s1cov.loc[2, "position"] == 7  # the best try, below the threshold
    figures = session_figures(utts, guide=GUIDE).set_index("session_id")
    assert figures.loc["s2", ["key_questions", "key_asked"]].tolist() == [3, 2]
    assert figures.loc["s2", "key_missed"] == "What would make you switch tools?"
    assert figures.loc["s1", "key_asked"] == 0


# A guide where the key question's own words are "last" and "client": "invoice" and "send"
# are in the other question too.
INVOICE_GUIDE = pd.DataFrame({
    "question_id": [4, 2], "position": [1, 2], "is_key": [1, 0], "parent_id": [None, None],
    "text": ["Walk me through the last time you sent an invoice to a client.",
             "How many invoices would you send in a typical month?"]})


def _asked(*turns: str, guide: pd.DataFrame = INVOICE_GUIDE) -> pd.Series:
    rows = [(i, "Cy", I, float(i), float(i) + 1, t) for i, t in enumerate(turns)]
    return key_question_coverage(_frame("s", rows), guide).iloc[0]  # scores to 3 places


def test_closed_question_sharing_only_the_studys_words_does_not_ask_an_open_key() -> None:
    # Key {last, send, invoic, client}; "I guess you haven't sent an invoice yet?" says
    # {guess, haven't, send, invoic}: Dice 4/8, cover 2/4 -> 0.5, yet neither "last" nor
    # "client" is said.
    row = _asked("So I guess you haven't sent an invoice yet?")
    assert row["score"] == pytest.approx(0.5) and not row["asked"]
    assert row["note"] == "a yes/no question sharing only words other guide questions use too"
    # Not leading, still closed, still only the study's words: not asked either.
    assert not _asked("Have you sent an invoice yet?")["asked"]
    # A closed question with one of the key question's own words counts: {send, invoic,
    # client, week}: 3 shared, Dice 6/8, cover 3/4 -> 0.75.
    row = _asked("Did you send an invoice to a client this week?")
    assert row["asked"] and row["score"] == pytest.approx(0.75) and row["note"] == ""
    # An open question sharing the same two words counts at the plain threshold: the rule is
    # about yes/no questions only. {happen, send, invoic}: Dice 4/7, cover 2/4 -> 0.536.
    row = _asked("What happens when you send an invoice?")
    assert row["asked"] and row["score"] == pytest.approx((4 / 7 + 2 / 4) / 2, abs=5e-4)


def test_leading_closed_question_needs_most_of_the_key_question() -> None:
    # {last, invoic, send, big, project}: 3 shared, Dice 6/9, cover 3/4 -> 0.708, with "last"
    # among them. "I take it" adds no content word but makes the question leading.
    row = _asked("I take it the last invoice you sent was for a big project?")
    assert row["score"] == pytest.approx((6 / 9 + 3 / 4) / 2, abs=5e-4) and not row["asked"]
    assert row["note"] == "a leading yes/no question, which counts only from a score of 0.75"
    # The same words, closed but not leading: asked at the plain threshold.
    row = _asked("Was the last invoice you sent for a big project?")
    assert row["asked"] and row["score"] == pytest.approx((6 / 9 + 3 / 4) / 2, abs=5e-4)
    # Leading but nearly the whole key question: {bet, client, easy, invoic, last, send}:
    # 4 shared, Dice 8/10, cover 4/4 -> 0.9 >= 0.75.
    row = _asked("I bet the last time you sent an invoice to a client was easy?")
    assert row["asked"] and row["score"] == pytest.approx(0.9)


def test_a_passage_that_counts_beats_a_higher_score_that_does_not() -> None:
    # "Have you sent an invoice yet?": {send, invoic}, Dice 4/6, cover 2/4 -> 0.583 but a
    # yes/no question with none of the key question's own words. "What happens when you send
    # an invoice?": {happen, send, invoic}, Dice 4/7, cover 2/4 -> 0.536, open: this one asks.
    row = _asked("Have you sent an invoice yet?", "What happens when you send an invoice?")
    assert row["asked"] and row["position"] == 1 and row["note"] == ""
    assert row["score"] == pytest.approx((4 / 7 + 2 / 4) / 2, abs=5e-4)
    assert row["best_match"] == "What happens when you send an invoice?"


def test_each_texts_words_are_worked_out_once() -> None:
    # s2's interviewer passages: turn 0's two sentences and their pair (3), turn 2 (1) and
    # turn 4 (1); with the guide's 4 questions, 9 texts. Uncached, the 3 key questions x 5
    # passages cost 30 word-splits of each side.
    content_words.cache_clear()
    first = key_question_coverage(_frame("s2", S2), GUIDE)
    assert content_words.cache_info().misses == 9
    again = key_question_coverage(_frame("s2", S2), GUIDE)
    assert content_words.cache_info().misses == 9  # the second audit splits nothing anew
    pd.testing.assert_frame_equal(first, again)


def test_threshold_decides_what_counts_as_asked(s1: pd.DataFrame) -> None:
    cov = key_question_coverage(s1, GUIDE, threshold=0.4).set_index("question_id")
    assert cov.loc[2, "asked"]  # 0.417 passes a looser threshold


def test_aggregates_per_interviewer_and_round_by_hand() -> None:
    figures = pd.DataFrame({
        "session_id": ["a", "b", "c", "d"],
        "round_id": ["r1", "r1", "r2", "r2"],
        "interviewers": [("Ann",), ("Ann",), ("Cy",), ("Ann", "Cy")],
        "status": ["ok", "ok", "ok", SPEAKERS_UNKNOWN],
        "talk_share_words": [0.2, 0.4, 0.6, float("nan")],
        "questions": [10, 20, 10, pd.NA],
        "open": [6, 14, 2, pd.NA], "closed": [4, 6, 8, pd.NA],
        "leading": [0, 2, 5, pd.NA], "probes": [2, 4, 0, pd.NA],
        "key_missed": ["", "Why switch?", "", None],
    })
    ann = by_interviewer(figures).loc["Ann"]
    assert (ann["sessions"], ann["analysed"]) == (3, 2)
    assert ann["talk_share_words"] == pytest.approx(0.3)
    assert ann["open_share"] == pytest.approx(20 / 30)
    assert ann["leading_per_session"] == pytest.approx(1.0)
    assert ann["probe_rate"] == pytest.approx(6 / 30)
    assert (ann["sessions_missing_key"], ann["missing_key_in"]) == (1, "b")
    rounds = by_round(figures)
    assert rounds.loc["r2", "talk_share_words"] == pytest.approx(0.6)
    assert rounds.loc["r1", "questions_per_session"] == pytest.approx(15.0)


TRANSCRIPTS = Path(__file__).parent / "data" / "craft" / "transcripts"
with (TRANSCRIPTS.parent / "real_turns.csv").open(newline="", encoding="utf-8") as _f:
    _HAND_COUNT_538 = sum(int(r["questions"]) for r in csv.DictReader(_f)
                          if r["id"].startswith("tp538-"))


def _transcript_frames():
    utts, sessions = [], []
    for path in sorted(TRANSCRIPTS.iterdir()):
        if path.suffix not in (".vtt", ".srt", ".txt"):
            continue
        session = parse_transcript(path, round_id="r1", session_id=path.name).sessions[0]
        sessions.append({"session_id": path.name, "round_id": "r1",
                         "participant_id": session.participant_id,
                         "interviewers": session.interviewers,
                         "speakers_known": session.speakers_known,
                         "language": session.language})
        utts += [{"session_id": path.name, "position": i, "speaker": u.speaker,
                  "role": u.role, "start_s": u.start_s, "end_s": u.end_s, "text": u.text}
                 for i, u in enumerate(session.utterances)]
    return pd.DataFrame(utts), pd.DataFrame(sessions)


def test_real_transcripts_give_plausible_figures() -> None:
    utts, sessions = _transcript_frames()
    figures = session_figures(utts, sessions=sessions).set_index("session_id")
    assert len(figures) == 7
    for name in ("538-python-in-digital-humanities.vtt", "538-python-in-digital-humanities.txt"):
        row = figures.loc[name]
        assert row["status"] == "ok"
        assert row["interviewers"] == ("Michael Kennedy",)
        assert 0.2 < row["talk_share_words"] < 0.8
        assert 60 < row["minutes"] < 80  # a 72-minute episode
        assert 20 <= row["questions"] <= 150
        assert row["open"] + row["specific"] + row["closed"] == row["questions"]
        # Within a fifth of the questions counted by hand, turn by turn (real_turns.csv).
        assert abs(row["questions"] - _HAND_COUNT_538) <= 0.2 * _HAND_COUNT_538
        assert 0 < row["longest_participant_monologue_words"] < row["participant_words"]
    # The VTT has real cue ends; the text export only start times, so no seconds or pauses.
    vtt, txt = (figures.loc[f"538-python-in-digital-humanities.{x}"] for x in ("vtt", "txt"))
    assert 0.2 < vtt["talk_share_seconds"] < 0.8 and 0 <= vtt["median_pause_s"] < 5
    assert math.isnan(txt["talk_share_seconds"]) and math.isnan(txt["median_pause_s"])
    assert vtt["talk_share_words"] == pytest.approx(txt["talk_share_words"], abs=0.01)
    unlabelled = figures.loc["102-effective-code-reviews.vtt"]
    assert unlabelled["status"] == SPEAKERS_UNKNOWN
    assert math.isnan(unlabelled["talk_share_words"]) and pd.isna(unlabelled["questions"])
    diarised = figures.loc["527-mcp-servers-for-python-devs.vtt"]
    assert diarised["status"] == "ok" and 0.2 < diarised["talk_share_words"] < 0.8
    # The VTT and its SubRip twin read the same.
    a, b = figures.loc["example_full_2024.vtt"], figures.loc["example_full_2024.srt"]
    assert a["talk_share_words"] == pytest.approx(b["talk_share_words"])
    assert a["questions"] == b["questions"]


def test_real_transcript_flags_come_with_context() -> None:
    utts, sessions = _transcript_frames()
    flagged = flagged_questions(utts, sessions=sessions)
    assert "102-effective-code-reviews.vtt" not in set(flagged["session_id"])
    mine = flagged[flagged["session_id"] == "538-python-in-digital-humanities.vtt"]
    assert len(mine) > 0
    assert (mine["interviewer"] == "Michael Kennedy").all()
    assert mine["reason"].str.len().gt(10).all()
    assert mine["before"].str.len().le(160).all() and mine["after"].str.len().le(160).all()


def test_start_only_timings_measure_no_pauses_or_overlaps(s1: pd.DataFrame) -> None:
    # A "0:10 Name: text" export: the importer sets each end to the next start.
    start_only = s1.assign(end_s=list(s1["start_s"].iloc[1:]) + [96.0])
    row = session_figures(start_only).iloc[0]
    assert math.isnan(row["median_pause_s"]) and pd.isna(row["interruptions"])
    assert math.isnan(row["talk_share_seconds"])
    assert math.isnan(row["longest_participant_monologue_s"])
    assert row["talk_share_words"] == pytest.approx(30 / 79)  # words still count
    assert row["questions_per_10min"] == pytest.approx(4 / (96 / 60) * 10)


# Session p2: what each interviewer turn puts, worked out by hand.
PUT = [
    (0, "Ann", I, 0.0, 6.0, "How do you price a job? And who approves the quote?"),  # 2: open,
    # specific; two points, so the first is double-barrelled
    (1, "Bo", P, 7.0, 20.0, "By the hour. The import kept failing on the big files though."),
    (2, "Ann", I, 21.0, 23.0, "Okay, got it."),  # none
    (3, "Ann", I, 23.0, 30.0, "So the import kept failing on the big files, right? Frustrating."),
    # 1 closed: Bo's own words said back (Bo's last turn is its context), so not leading
    (4, "Bo", P, 31.0, 36.0, "Yes. We gave up on it."),
    (5, "Ann", I, 37.0, 40.0, "So it probably took ages, right?"),  # 1 closed, leading (a guess)
    (6, "Bo", P, 41.0, 43.0, "A whole week."),
    (7, "Ann", I, 44.0, 48.0, "Can you hear me okay? Sorry, the line dropped."),  # procedural
    (8, "Bo", P, 49.0, 60.0, "Yes, I can hear you fine."),
]


def test_questions_are_counted_as_put_not_per_turn() -> None:
    row = session_figures(_frame("p2", PUT)).iloc[0]
    assert row["questions"] == 4
    assert (row["open"], row["specific"], row["closed"]) == (1, 1, 2)
    assert (row["leading"], row["double_barrelled"]) == (1, 1)
    assert row["questions_per_10min"] == pytest.approx(4 / (60 / 60) * 10)
    flagged = flagged_questions(_frame("p2", PUT))
    assert flagged["position"].tolist() == [0, 5]  # the summary at 3 is not flagged
    # Read alone, without Bo's words before it, the summary would be a pushed judgement.
    from synthesis.craft import question_flags
    assert "leading" in question_flags(PUT[3][5])


def test_observers_count_on_neither_side_of_talk_share(s1: pd.DataFrame) -> None:
    note_taker = pd.DataFrame(
        [("s1", 20 + i, "Cy", "observer", 100.0 + i, 101.0 + i,
          "Just noting for the record that the client list is in the shared drive.")
         for i in range(3)], columns=COLUMNS)
    row = session_figures(pd.concat([s1, note_taker], ignore_index=True)).iloc[0]
    assert (row["interviewer_words"], row["participant_words"]) == (30, 49)
    assert row["talk_share_words"] == pytest.approx(30 / 79)
    assert row["talk_share_seconds"] == pytest.approx(22 / 90.1)
    assert row["questions"] == 4  # an observer's words are no interviewer's questions


@pytest.mark.parametrize(
    ("stored", "shown"),
    [('["Speaker 2 was guessed to be the participant.", "The interviewer spoke 72% of the '
      'words."]', ("Speaker 2 was guessed to be the participant.",
                   "The interviewer spoke 72% of the words.")),
     ("[]", ()), ("", ()), (None, ()),
     ("not a list", ("not a list",))],  # never dropped silently
)
def test_role_warnings_are_read_tolerantly(s1: pd.DataFrame, stored, shown) -> None:
    sessions = pd.DataFrame({"session_id": ["s1"], "round_id": ["r1"],
                             "role_warnings": [stored]})
    assert session_figures(s1, sessions=sessions).iloc[0]["role_warnings"] == shown


def test_no_role_warnings_column_means_no_warnings(s1: pd.DataFrame) -> None:
    sessions = pd.DataFrame({"session_id": ["s1"], "round_id": ["r1"]})
    assert session_figures(s1, sessions=sessions).iloc[0]["role_warnings"] == ()
    assert session_figures(s1).iloc[0]["role_warnings"] == ()
