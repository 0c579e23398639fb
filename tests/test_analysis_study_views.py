"""The analyses on a real study (store, event log, merges), numbers worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from synthesis import init_study, open_study
from synthesis.analysis.study_views import (bootstrap_for, cooccurrence_for, lineage_for,
                                            participant_matrix_for, saturation_curve_for,
                                            saturation_for, shares_by_round_for,
                                            stopping_for, theme_by_question_for,
                                            theme_changes_for, theme_frequency_for)
from synthesis.errors import AnalysisError
from synthesis.model import (GuideQuestion, ImportBundle, Note, Participant, Session,
                             Utterance)

TOML = '''name = "Views"
research_question = "?"
interviewers = ["Ivy"]

[[rounds]]
id = "r1"
name = "Round 1"
start = "2025-03-01"
end = "2025-03-31"

[[rounds]]
id = "r2"
name = "Round 2"
start = "2025-04-01"
end = "2025-04-30"
'''


@pytest.fixture
def study(tmp_path: Path):
    """a1 (smb) and a2 (enterprise) in r1; a3 (smb) in r2 and a1 back in r2.

    Notes: n1 a1 bank, n2 a1 price (r1, s1); n3 a2 bank (r1, s2); n4 a3 worry (r2, s3);
    n5 a1 price (r2, s4). "Connection worries" is then merged into "Bank fears", which is
    renamed "Bank connection anxiety": bank = a1 a2 a3, pricing = a1 (two notes).
    """
    s = init_study(tmp_path / "views", name="Views")
    (s.folder / "study.toml").write_text(TOML, encoding="utf-8")
    s.close()
    s = open_study(tmp_path / "views", author="tester")
    people = [Participant("a1", "r1", attributes={"segment": "smb"}),
              Participant("a2", "r1", attributes={"segment": "enterprise"}),
              Participant("a3", "r2", attributes={"segment": "smb"})]

    def turns() -> tuple[Utterance, ...]:
        return (Utterance("Ivy", "How did you connect your bank?", role="interviewer"),
                Utterance("P", "It went...", role="participant"),
                Utterance("Ivy", "What did you think of the price?", role="interviewer"),
                Utterance("P", "Well...", role="participant"))

    sessions = [Session("s1", "r1", "a1", "s1.vtt", date="2025-03-03", utterances=turns()),
                Session("s2", "r1", "a2", "s2.vtt", date="2025-03-04", utterances=turns()),
                Session("s3", "r2", "a3", "s3.vtt", date="2025-04-01", utterances=turns()),
                Session("s4", "r2", "a1", "s4.vtt", date="2025-04-02", utterances=turns())]
    notes = [Note(nid, text, pid, rnd, session_id=sid, utterance_index=idx)
             for nid, text, pid, rnd, sid, idx in [
                 ("n1", "bank scary", "a1", "r1", "s1", 1),
                 ("n2", "price high", "a1", "r1", "s1", 3),
                 ("n3", "bank fine", "a2", "r1", "s2", 1),
                 ("n4", "bank worry", "a3", "r2", "s3", 1),
                 ("n5", "still pricey", "a1", "r2", "s4", 3)]]
    guide = [GuideQuestion(1, "How did you connect your bank?", is_key=True),
             GuideQuestion(2, "What did you think of the price?"),
             GuideQuestion(3, "Anything else?")]
    s.apply_bundle(ImportBundle("people.csv", "participants", participants=people))
    s.apply_bundle(ImportBundle("guide.md", "guide", guide=guide))
    s.apply_bundle(ImportBundle("sessions", "transcript", sessions=sessions))
    s.apply_bundle(ImportBundle("notes.csv", "notes", notes=notes))
    bank = s.create_theme("Bank fears", notes=["n1", "n3"])
    worry = s.create_theme("Connection worries", notes=["n4"])
    s.create_theme("Pricing", notes=["n2", "n5"])
    s.merge_themes(worry, bank)
    s.rename_theme(bank, "Bank connection anxiety")
    yield s
    s.close()


def test_frequency_per_round_and_overall(study):
    r1 = theme_frequency_for(study, round="r1").set_index("theme")
    assert r1.loc["Bank connection anxiety", ["k", "n"]].tolist() == [2, 2]
    assert r1.loc["Bank connection anxiety", ["k[enterprise]", "k[smb]"]].tolist() == [1, 1]
    assert r1.loc["Pricing", ["k", "n"]].tolist() == [1, 2]
    r2 = theme_frequency_for(study, round="r2").set_index("theme")
    assert r2.loc["Bank connection anxiety", ["k", "n"]].tolist() == [1, 2]  # a3 of a3, a1
    overall = theme_frequency_for(study, by=None)
    assert overall[["theme", "notes", "k", "n"]].values.tolist() == [
        ["Bank connection anxiety", 3, 3, 3], ["Pricing", 2, 1, 3]]
    assert overall["soundbite_risk"].tolist() == [False, True]


def test_matrices(study):
    m = participant_matrix_for(study)
    assert m.index.tolist() == ["a1", "a2", "a3"]
    assert m.columns.tolist() == ["Bank connection anxiety", "Pricing"]
    assert m.values.tolist() == [[1, 2], [1, 0], [1, 0]]
    assert cooccurrence_for(study).values.tolist() == [[3, 1], [1, 1]]
    q = theme_by_question_for(study)
    assert q.index.tolist()[-1] == "other/unmatched"
    assert q.values.tolist() == [[3, 0], [0, 2], [0, 0], [0, 0]]


def test_rounds_and_lineage_through_the_real_event_log(study):
    lineage = lineage_for(study).set_index("name")
    bank_id = lineage.loc["Bank connection anxiety", "theme_id"]
    assert lineage.loc["Connection worries", "survivor_id"] == bank_id
    assert lineage.loc["Connection worries", "status"] == "merged"
    assert lineage.loc["Bank connection anxiety", "names"] == ("Bank fears",
                                                               "Bank connection anxiety")
    shares = shares_by_round_for(study)
    assert shares[["theme", "round_id", "k", "n"]].values.tolist() == [
        ["Bank connection anxiety", "r1", 2, 2], ["Bank connection anxiety", "r2", 1, 2],
        ["Pricing", "r1", 1, 2], ["Pricing", "r2", 1, 2]]
    assert theme_changes_for(study)["status"].tolist() == ["faded", "steady"]


def test_saturation_views(study):
    curve = saturation_curve_for(study)
    assert curve["session_id"].tolist() == ["s1", "s2", "s3", "s4"]
    assert curve["new_themes"].tolist() == [2, 0, 0, 0]
    assert saturation_for(study, base=2, run=1).n == 3
    assert "needs at least 6 interviews" in saturation_for(study).statement
    with pytest.raises(AnalysisError, match="base of 5 interviews is larger than the 4"):
        saturation_for(study, base=5)
    assert stopping_for(study, initial=1, consecutive=2).n == 3
    # Worked out by hand: the base (2 interviews) holds both themes unless it is {s2, s3}
    # (1 chance in 6), which saturates one interview later: median 3, always reached.
    boot = bootstrap_for(study, base=2, run=1, orders=600, seed=11)
    assert boot.share_reached == 1.0 and boot.median == 3.0
    assert 0.12 < float((boot.points == 4).mean()) < 0.22
