"""One read model, one rule for n: the same participant counts the same way on every path.

The study, by hand (two rounds, one theme "Bank connection anxiety", every note sorted):

    L  listed for r1, never interviewed             -> recruited in r1, heard nowhere
    I  listed for r1, interviewed (session + notes) -> heard in r1
    T  listed for r1, notes in r1 (a spreadsheet, no session); interviewed again in r2
       through a transcript nobody has taken notes from
                                                    -> heard in r1 and in r2
    N  listed for r2, notes in r2 without a session -> heard in r2

    r1: heard I, T (n = 2), recruited L, I, T (3); Bank raised by I and T -> 2 of 2
    r2: heard T, N (n = 2), recruited T, N (2);    Bank raised by N       -> 1 of 2

Before issue 11 the theme section said "1 of 2" for r2 while "What changed" said "1 of 1"
(the shares ignored T's session), and r1 said "we spoke with 3".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from synthesis import init_study
from synthesis.analysis.study_views import shares_by_round_for, theme_frequency_for
from synthesis.board.state import study_state
from synthesis.model import ImportBundle, Note, Participant, Session, Theme, Utterance
from synthesis.report import sections
from synthesis.report.context import load_context

STUDY_TOML = '''name = "Paths"
[[rounds]]
id = "r1"
name = "Round 1"
[[rounds]]
id = "r2"
name = "Round 2"
'''


def _bundle(unsorted_in_r2: int = 0) -> ImportBundle:
    people = [Participant("L", "r1", None, {"segment": "SMB"}),
              Participant("I", "r1", None, {"segment": "SMB"}),
              Participant("T", "r1", None, {"segment": "Enterprise"}),
              Participant("N", "r2", None, {"segment": "Enterprise"})]
    turn = (Utterance("Ana", "How did it go?", 0.0, 2.0, "interviewer", "cue 1"),
            Utterance("I", "The bank link scared me.", 2.0, 5.0, "participant", "cue 2"))
    again = (Utterance("Ana", "Anything new?", 0.0, 2.0, "interviewer", "cue 1"),
             Utterance("T", "Not really.", 2.0, 4.0, "participant", "cue 2"))
    sessions = [Session("s-I", "r1", "I", "i.vtt", ("Ana",), "2025-03-03", True, "en", turn),
                Session("s-T2", "r2", "T", "t2.vtt", ("Ana",), "2025-04-07", True, "en", again)]
    notes = [Note("n1", "The bank link scared me", "I", "r1", "quote", "i.vtt", "cue 2",
                  "s-I", 1, theme_ids=("t-bank",)),
             Note("n2", "Worried about bank access", "T", "r1", theme_ids=("t-bank",)),
             Note("n3", "Bank password felt unsafe", "N", "r2", theme_ids=("t-bank",))]
    notes += [Note(f"u{i}", f"Unsorted remark {i}", "N", "r2") for i in range(unsorted_in_r2)]
    return ImportBundle("paths", "notes", participants=people, sessions=sessions, notes=notes,
                        themes=[Theme("t-bank", "Bank connection anxiety")])


def _study(folder: Path, unsorted_in_r2: int = 0):
    study = init_study(folder)
    (folder / "study.toml").write_text(STUDY_TOML, encoding="utf-8")
    from synthesis import open_study

    study.close()
    study = open_study(folder)
    study.apply_bundle(_bundle(unsorted_in_r2))
    return study


@pytest.fixture
def study(tmp_path: Path):
    s = _study(tmp_path / "paths")
    yield s
    s.close()


def test_the_read_model_decides_who_was_heard_and_who_was_recruited(study) -> None:
    frames = study.frames()
    assert frames.heard("r1")["participant_id"].tolist() == ["I", "T"]
    assert frames.recruited("r1")["participant_id"].tolist() == ["I", "L", "T"]
    assert frames.heard("r2")["participant_id"].tolist() == ["N", "T"]
    assert frames.recruited("r2")["participant_id"].tolist() == ["N", "T"]
    assert frames.heard(None)["participant_id"].tolist() == ["I", "N", "T"]
    assert frames.in_round("r2").sessions["session_id"].tolist() == ["s-T2"]
    assert frames.up_to("r1").order == ["r1"]
    assert frames.provisional() == {}


def test_every_path_gives_the_same_n(study) -> None:
    status = study.status().set_index("round")
    assert status.loc["r1", ["participants", "recruited"]].tolist() == [2, 3]
    assert status.loc["r2", ["participants", "recruited"]].tolist() == [2, 2]
    for rid, k in (("r1", 2), ("r2", 1)):
        freq = theme_frequency_for(study, round=rid)
        assert freq[["k", "n"]].values.tolist() == [[k, 2]], rid
        assert study_state(study, rid)["meta"]["n_participants"] == 2
    shares = shares_by_round_for(study)
    assert shares[["round_id", "k", "n"]].values.tolist() == [["r1", 2, 2], ["r2", 1, 2]]

    ctx = load_context(study, "r2", redact=False)
    assert sections.frequency(ctx)[["k", "n"]].values.tolist() == [[1, 2]]
    change = sections.changes(ctx)
    assert change[["k_before", "n_before", "k_after", "n_after", "status"]].values.tolist() \
        == [[2, 2, 1, 2, "faded"]]
    summary = str(sections.executive_summary(ctx))
    assert "we spoke with 2 participants in 1 session" in summary
    assert "Bank connection anxiety</strong>: 1 of 2 participants" in summary
    assert "Bank connection anxiety (2 of 2 → 1 of 2)" in summary
    block = str(sections.theme_sections(ctx))
    assert "1 of 2" in block


def test_the_report_names_people_recruited_but_not_heard_apart(study) -> None:
    ctx = load_context(study, "r1", redact=False)
    assert len(ctx.participants) == 2 and ctx.not_heard == ["L"]
    assert "2 interviewed of 3 recruited" in str(sections.title_block(ctx))
    summary = str(sections.executive_summary(ctx))
    assert "we spoke with 2 participants" in summary
    assert "Recruited but not heard in this round: L." in summary
    redacted = load_context(study, "r1")
    assert len(redacted.not_heard) == 1 and redacted.not_heard[0].startswith("P")


def test_ten_recruited_two_interviewed(tmp_path: Path) -> None:
    folder = tmp_path / "ten"
    study = init_study(folder)
    study.apply_bundle(ImportBundle("ten", "notes", participants=[
        Participant(f"p{i:02d}", "r1", None, {}) for i in range(1, 11)], notes=[
        Note("a", "Setup took a week", "p01", "r1", theme_ids=("t1",)),
        Note("b", "Setup was fine", "p02", "r1", theme_ids=("t1",))],
        themes=[Theme("t1", "Setup")]))
    try:
        assert study.status()[["participants", "recruited"]].values.tolist() == [[2, 10]]
        ctx = load_context(study, "r1", redact=False)
        summary = str(sections.executive_summary(ctx))
        assert "we spoke with 2 participants" in summary
        assert "Setup</strong>: 2 of 2 participants" in summary
        assert "2 interviewed of 10 recruited" in str(sections.title_block(ctx))
        assert study_state(study, "r1")["meta"]["n_participants"] == 2
    finally:
        study.close()


def test_a_provisional_round_says_so_and_claims_no_change(tmp_path: Path) -> None:
    # r2: 1 of 3 notes sorted (33 %) -> provisional; the theme would otherwise read "faded".
    study = _study(tmp_path / "prov", unsorted_in_r2=2)
    try:
        frames = study.frames()
        assert frames.provisional() == pytest.approx({"r2": 1 / 3})
        assert study.status()["provisional"].tolist() == [False, True]
        ctx = load_context(study, "r2", redact=False)
        summary = str(sections.executive_summary(ctx))
        assert summary.count("Provisional: 33 % of notes sorted — counts will change.") == 1
        assert "Most raised" not in summary and "Faded" not in summary
        assert "Sorted so far (provisional)" in summary
        assert "1 of 3 sorted into themes (provisional)" in str(sections.title_block(ctx))
        assert sections.changes(ctx)["status"].tolist() == ["provisional"]
        assert "is provisional, so no theme is called new, grown, faded or gone yet" in \
            str(sections.changes_section(ctx))
        from synthesis.report import overview

        whole = load_context(study, None, redact=False)
        opening = str(overview.summary(whole))
        assert "Provisional — Round 2: 33 % of notes sorted." in opening
        assert "Most raised across the study" not in opening
    finally:
        study.close()


def test_the_threshold_is_a_study_setting_checked_on_open(tmp_path: Path) -> None:
    from synthesis import open_study
    from synthesis.errors import StudyError

    study = _study(tmp_path / "prov", unsorted_in_r2=2)
    study.close()
    toml = tmp_path / "prov" / "study.toml"
    toml.write_text("provisional_below = 0.3\n" + STUDY_TOML, encoding="utf-8")
    study = open_study(tmp_path / "prov")
    try:
        assert study.frames().provisional() == {}  # 33 % sorted is enough at 30 %
        assert study.status()["provisional"].tolist() == [False, False]
    finally:
        study.close()
    toml.write_text("provisional_below = 80\n" + STUDY_TOML, encoding="utf-8")
    with pytest.raises(StudyError, match=r"study\.toml: provisional_below should be a share "
                                         r"between 0 and 1 \(0\.8 means 80 % of notes "
                                         r"sorted\); found 80\.$"):
        open_study(tmp_path / "prov")


def test_the_index_says_interviewed_of_recruited_and_makes_no_claim_for_a_provisional_round():
    from synthesis.report.index import _meta

    top = [{"theme": "Setup", "k": 2, "n": 2}]
    assert _meta({"participants": 2, "recruited": 10, "sessions": 2, "themes": 1,
                  "top_themes": top, "provisional": False}) == \
        "2 interviewed of 10 recruited · 2 sessions · 1 themes · most raised: Setup (2 of 2)"
    assert _meta({"participants": 2, "recruited": 2, "sessions": 2, "themes": 1,
                  "top_themes": top, "provisional": True}) == \
        "2 participants · 2 sessions · 1 themes · provisional: still being sorted"
