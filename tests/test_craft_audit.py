"""The craft audit of a whole study: the Study API in, the CLI and the notebook out."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from synthesis import init_study, open_study
from synthesis.cli import main as synthesis_cli
from synthesis.craft.audit import craft_audit
from synthesis.errors import InputError, StudyError
from synthesis.model import ImportBundle, Session, Utterance
from synthesis.resources import notebook_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "invoicing-onboarding"

STUDY_TOML = """name = "Craft demo"
research_question = "How do freelancers invoice?"
interviewers = ["Ann Lee", "Max Roe"]
guide = "guide.md"

[[rounds]]
id = "r1"
name = "Round 1"

[[rounds]]
id = "r2"
name = "Round 2"

[craft]
leading_phrases = ["as you know"]
"""
GUIDE = """# Guide
- [key] Tell me about the last time you sent an invoice.
- [key] How do you chase late payments?
- How big is your team?
"""
# A careful interviewer: short open questions, probes, room to talk; asks both key questions.
ANN = [
    (0, 5, "Ann Lee", "Thanks for joining. Walk me through the most recent invoice you sent."),
    (6, 40, "Pat", "I sent one to a bakery last week. It took me most of an afternoon because "
                   "I had to find the hours in my calendar and then copy them into a template."),
    (42, 45, "Ann Lee", "What happened next?"),
    (47, 70, "Pat", "They paid three weeks late, so I had to chase them twice by email and once "
                    "by phone."),
    (73, 78, "Ann Lee", "How do you usually chase late payments?"),
    (80, 100, "Pat", "I keep a list in a spreadsheet and check it on Fridays."),
]
# A pitching interviewer: talks most, leads, stacks questions, cuts in; skips the key questions.
MAX = [
    (0, 20, "Max Roe", "Thanks for joining. So we built this new invoicing tool and everyone "
                       "says it is a huge time saver. Don't you think chasing clients is the "
                       "worst part of freelancing?"),
    (21, 25, "Sam", "Yes, I suppose so."),
    (25, 35, "Max Roe", "Right, and the new reminders would fix that, wouldn't they? How much "
                        "time do you think you'd save and would you pay for it?"),
    (36, 40, "Sam", "Maybe an hour, probably less than that."),
    (38, 50, "Max Roe", "Surely more than that? You must spend ages on it."),
    (51, 53, "Sam", "Sometimes."),
    (54, 60, "Max Roe", "As you know, how will you use the reminders?"),
    (61, 63, "Sam", "They look fine."),
]
ANN_R2 = [
    (0, 4, "Ann Lee", "Tell me about the last time you sent an invoice."),
    (5, 30, "Lou", "Yesterday, to a school. I used the template and it was done in ten minutes."),
    (31, 33, "Ann Lee", "Tell me more."),
    (34, 60, "Lou", "I copied last month's invoice, changed the dates and sent it as a PDF."),
]


def _vtt(cues: list[tuple]) -> str:
    def stamp(x: float) -> str:
        return f"00:{int(x) // 60:02d}:{x % 60:06.3f}"

    lines = ["WEBVTT", ""]
    for start, end, speaker, text in cues:
        lines += [f"{stamp(start)} --> {stamp(end)}", f"<v {speaker}>{text}", ""]
    return "\n".join(lines)


@pytest.fixture
def craft_study(tmp_path: Path) -> Path:
    folder = tmp_path / "craft-demo"
    init_study(folder, name="Craft demo").close()
    (folder / "study.toml").write_text(STUDY_TOML, encoding="utf-8")
    (folder / "guide.md").write_text(GUIDE, encoding="utf-8")
    for rnd, name, cues in (("r1", "P01-invoices.vtt", ANN), ("r1", "P02-invoices.vtt", MAX),
                            ("r2", "P03-invoices.vtt", ANN_R2)):
        (folder / "rounds" / rnd).mkdir(parents=True, exist_ok=True)
        (folder / "rounds" / rnd / name).write_text(_vtt(cues), encoding="utf-8")
    assert synthesis_cli(["import", str(folder), "--create-participants"]) == 0
    return folder


def test_the_pitching_interviewer_is_caught(craft_study: Path) -> None:
    study = open_study(craft_study)
    audit = craft_audit(study)
    study.close()
    figures = audit.sessions.set_index("session_id")
    assert len(figures) == 3 and (figures["status"] == "ok").all()
    ann = figures[figures["interviewers"] == ("Ann Lee",)]
    mx = figures[figures["interviewers"] == ("Max Roe",)].iloc[0]
    assert (ann["leading"] == 0).all()
    # Max: "don't you think" (1), "Surely more than that?" (2), and "as you know" from the
    # study file's [craft] table (3). "…would fix that, wouldn't they?" is no question put:
    # he asks on at once ("How much time … and would you pay for it?", double-barrelled).
    assert mx["leading"] == 3
    assert mx["double_barrelled"] == 1
    assert (mx["questions"], mx["open"], mx["specific"], mx["closed"]) == (4, 1, 1, 2)
    assert mx["interviewer_interruptions"] == 1  # at 38 s, while Sam spoke until 40 s
    assert mx["talk_share_words"] > 0.6 > ann["talk_share_words"].max()
    people = audit.interviewers
    assert people.loc["Max Roe", "leading_per_session"] == 3.0
    assert people.loc["Ann Lee", "leading_per_session"] == 0.0
    assert people.loc["Max Roe", "sessions_missing_key"] == 1
    assert people.loc["Ann Lee", "sessions"] == 2
    assert list(audit.rounds.index) == ["r1", "r2"]


def test_key_question_coverage_and_flags_in_the_audit(craft_study: Path) -> None:
    study = open_study(craft_study)
    audit = craft_audit(study)
    study.close()
    by_session = audit.sessions.set_index("interviewers")
    assert by_session.loc[[("Max Roe",)], "key_asked"].tolist() == [0]
    assert sorted(audit.sessions["key_asked"].tolist()) == [0, 1, 2]  # r2 Ann: 1 of 2
    assert set(audit.missed_key_questions["key_question"]) == {
        "Tell me about the last time you sent an invoice.", "How do you chase late payments?"}
    flagged = audit.flagged
    assert (flagged["interviewer"] == "Max Roe").all() and len(flagged) == 4
    love = flagged[flagged["text"].str.startswith("As you know")].iloc[0]
    assert love["reason"] == 'leading: "as you know" supplies the answer'
    assert love["before"] == "Sometimes." and love["after"] == "They look fine."


def test_one_round_only(craft_study: Path) -> None:
    study = open_study(craft_study)
    audit = craft_audit(study, round="r2")
    assert audit.sessions["round_id"].tolist() == ["r2"]
    assert audit.flagged.empty
    with pytest.raises(StudyError, match="no round 'r9'"):
        craft_audit(study, round="r9")
    study.close()


def test_a_bad_craft_setting_is_one_clear_sentence(craft_study: Path) -> None:
    toml = craft_study / "study.toml"
    toml.write_text(STUDY_TOML + "key_threshold = 2\n", encoding="utf-8")
    study = open_study(craft_study)
    with pytest.raises(InputError, match=r"\[craft\] key_threshold must be a number from 0 to 1"):
        craft_audit(study)
    study.close()


def test_cli_table_fits_100_columns(craft_study: Path, capsys: pytest.CaptureFixture) -> None:
    assert synthesis_cli(["craft", str(craft_study)]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "Per session" in out and "Per interviewer" in out and "Per round" in out
    assert "Max Roe" in out and "Ann Lee" in out
    assert "Flagged questions (4)" in out
    assert "don't you think" in out
    assert "Key questions missed" in out
    # The terminal says how sure the flags are, as the report does.
    assert "people trained in interviewing agreed with about half of the leading flags" in \
        " ".join(out.split())


def test_cli_csv_and_json(craft_study: Path, capsys: pytest.CaptureFixture) -> None:
    assert synthesis_cli(["craft", str(craft_study), "--round", "r1", "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(table) == 2 and "talk_share_words" in table.columns
    assert set(table["interviewers"]) == {"Ann Lee", "Max Roe"}
    assert synthesis_cli(["craft", str(craft_study), "--format", "csv", "--what",
                          "flagged"]) == 0
    flagged = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert len(flagged) == 4
    assert synthesis_cli(["craft", str(craft_study), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"sessions", "interviewers", "rounds", "flagged", "coverage", "round"}
    assert {r["interviewer"] for r in data["interviewers"]} == {"Ann Lee", "Max Roe"}
    assert len(data["coverage"]) == 6


def test_cli_unknown_study_is_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture
                                           ) -> None:
    assert synthesis_cli(["craft", str(tmp_path / "nope")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


def test_sample_study_catches_marco_bell(sample_study: Path) -> None:
    study = open_study(sample_study)
    audit = craft_audit(study)
    study.close()
    people = audit.interviewers
    marco, dana = people.loc["Marco Bell"], people.loc["Dana Whitfield"]
    assert marco["leading_per_session"] > dana["leading_per_session"]
    assert marco["talk_share_words"] > dana["talk_share_words"]


def test_sample_study_misses_exactly_the_key_questions_its_author_left_out(
        sample_study: Path) -> None:
    # The sample's author wrote every session to ask both key questions in paraphrase, except
    # P09 (Marco only asks "So I guess you haven't sent an invoice yet?": closed, leading and
    # sharing only "sent an invoice") and P16, P24, who never ask what almost stopped them.
    study = open_study(sample_study)
    audit = craft_audit(study)
    study.close()
    cov = audit.coverage
    assert len(cov) == 24 * 2 and cov["session_id"].nunique() == 24
    missed = sorted((r.session_id[:3], r.question_id) for r in
                    audit.missed_key_questions.itertuples())
    assert missed == [("p09", 4), ("p16", 10), ("p24", 10)]
    p09 = cov[(cov["session_id"] == "p09-2026-03-11") & (cov["question_id"] == 4)].iloc[0]
    # Key {last, send, invoic, client}; said {guess, haven't, send, invoic}: 2 shared, Dice
    # 4/8, cover 2/4 -> 0.5, at the threshold, but "last" and "client" (the words no other
    # guide question uses) are not among them.
    assert p09["score"] == pytest.approx(0.5)
    assert p09["best_match"] == "So I guess you haven't sent an invoice yet?"
    assert "yes/no question" in p09["note"]
    # P09's own closed question about setup still asks the other key question.
    p09_setup = cov[(cov["session_id"] == "p09-2026-03-11") & (cov["question_id"] == 10)]
    assert p09_setup["asked"].item() and p09_setup["best_match"].item() == (
        "So, just thinking about setup, was there a moment where you almost stopped?")


@pytest.mark.slow
def test_notebook_runs_and_escapes_transcript_text(craft_study: Path, tmp_path: Path) -> None:
    import nbformat
    import papermill
    # An interviewer turn with markup in it must come out as text, never as HTML. The
    # importers strip markup, so the session goes in as a bundle, as an API user could.
    hostile = Session(session_id="p04-hostile", round_id="r2", participant_id="P04",
                      source="hostile.txt", interviewers=("Max Roe",), utterances=(
                          Utterance("Max Roe", "Surely <script>alert(1)</script> is better than "
                                    "what you do today, isn't it?",
                                    0.0, 5.0, role="interviewer"),
                          Utterance("Kit", "No, <b>way</b> too slow for me & my team.", 6.0, 9.0,
                                    role="participant")))
    study = open_study(craft_study)
    study.apply_bundle(ImportBundle(source="hostile.txt", kind="transcript",
                                    sessions=[hostile]), round="r2", create_participants=True)
    assert "<script>" in study.utterances(session="p04-hostile")["text"].iloc[0]
    study.close()
    _with_role_warnings(craft_study, {"p04": ["<img src=x onerror=alert(2)> was guessed."]})
    out = tmp_path / "out.ipynb"
    notebook = notebook_path("interview_craft.ipynb")
    papermill.execute_notebook(str(notebook), str(out),
                               parameters={"study": str(craft_study), "round": None},
                               kernel_name="python3", cwd=str(notebook.parent),
                               progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    html = "\n".join(o.get("data", {}).get("text/html", "") for c in nb.cells
                     if c.cell_type == "code" for o in c.get("outputs", []))
    assert "Max Roe" in html and "Ann Lee" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html and "<b>way</b>" not in html
    assert "&lt;b&gt;way&lt;/b&gt; too slow for me &amp; my team" in html
    # A role warning is shown beside its session, as text.
    assert "&lt;img src=x onerror=alert(2)&gt; was guessed." in html
    assert "<img src=x" not in html
    assert "plotly" in html  # the charts were embedded, not dropped
    assert "Plotly.newPlot" in html
    # The committed notebook carries no outputs.
    source = nbformat.read(notebook, as_version=4)
    assert all(not c.get("outputs") for c in source.cells if c.cell_type == "code")
    params = [c for c in source.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and 'study = "data/invoicing-onboarding"' in params[0].source


def test_appendix_html_escapes_and_redacts(craft_study: Path) -> None:
    from synthesis.craft.html import appendix_html

    study = open_study(craft_study)
    audit = craft_audit(study, round="r1")
    study.close()
    html = str(appendix_html(audit, redact=lambda s: s.replace("reminders", "[redacted]")))
    assert "<table" in html and "Max Roe" in html
    assert "As you know, how will you use the [redacted]?" in html  # redacted
    assert "reminders would fix" not in html
    assert "did not ask" in html
    hostile = replace(audit, flagged=audit.flagged.assign(text="<script>x()</script>"))
    html = str(appendix_html(hostile))
    assert "&lt;script&gt;x()&lt;/script&gt;" in html and "<script>" not in html


def test_appendix_says_how_sure_the_flags_are_and_the_words_match_the_record(
        craft_study: Path) -> None:
    """A stakeholder reads how far to trust the counts, and the words ("about half", "a
    quarter", "four in five", "more than half" missed) follow the pooled out-of-sample record
    the craft bench writes: a new blind set that moves the record fails this until the
    sentence is reworded."""
    import re

    from synthesis.craft.html import appendix_html
    from synthesis.craft.trust import HOW_SURE

    study = open_study(craft_study)
    html = str(appendix_html(craft_audit(study, round="r1")))
    study.close()
    assert HOW_SURE in html
    record = (Path(__file__).resolve().parents[1] / "bench" / "results"
              / "craft_cross_recording.md").read_text(encoding="utf-8")
    pooled = next(line for line in record.splitlines() if line.startswith("| **pooled** |"))
    lead_p, lead_r, double_p, _, kind = (
        int(k) / int(n) for k, n in re.findall(r"\((\d+)/(\d+)\)", pooled))
    assert 0.4 <= lead_p < 0.6 and "about half of the leading flags" in HOW_SURE
    assert 0.15 <= double_p < 0.35 and "a quarter of the double-barrelled" in HOW_SURE
    assert 0.7 <= kind < 0.9 and "four in five of the question kinds" in HOW_SURE
    assert lead_r < 0.5 and "missed more than half of the leading" in HOW_SURE


def _with_role_warnings(folder: Path, warnings: dict[str, list[str]]) -> None:
    """Role warnings written straight into the sessions column the importer fills (schema 4;
    added here for a store from before it)."""
    import sqlite3

    con = sqlite3.connect(folder / "study.db")
    if "role_warnings" not in {r[1] for r in con.execute("PRAGMA table_info(sessions)")}:
        con.execute("ALTER TABLE sessions ADD COLUMN role_warnings TEXT NOT NULL DEFAULT '[]'")
    for prefix, sentences in warnings.items():
        con.execute("UPDATE sessions SET role_warnings=? WHERE session_id LIKE ?",
                    (json.dumps(sentences), prefix + "%"))
    con.commit()
    con.close()


def test_role_warnings_and_observers_in_the_audit(craft_study: Path,
                                                  capsys: pytest.CaptureFixture) -> None:
    # A note-taker in Ann's second session: heard, but on neither side of the talk share.
    study = open_study(craft_study)
    before = craft_audit(study, round="r2").sessions.iloc[0]
    observed = Session(session_id="p05-observed", round_id="r2", participant_id="P05",
                       source="observed.txt", interviewers=("Ann Lee",), utterances=(
                           Utterance("Ann Lee", "Tell me about your week.", 0.0, 3.0,
                                     role="interviewer"),
                           Utterance("Jo", "Busy: four invoices and a tax return.", 4.0, 9.0,
                                     role="participant"),
                           Utterance("Cy", "Noting that the tax return was late again this "
                                     "year, for the record.", 9.5, 14.0, role="observer")))
    study.apply_bundle(ImportBundle(source="observed.txt", kind="transcript",
                                    sessions=[observed]), round="r2", create_participants=True)
    study.close()
    _with_role_warnings(craft_study, {"p02": ["Speaker roles were guessed: Sam as the "
                                              "participant <b>by turn order</b>."],
                                      "p05": ["Cy was taken as an observer."]})
    study = open_study(craft_study)
    audit = craft_audit(study)
    study.close()
    rows = audit.sessions.set_index("session_id")
    obs = rows.loc["p05-observed"]
    assert (obs["interviewer_words"], obs["participant_words"]) == (5, 7)
    assert obs["talk_share_words"] == pytest.approx(5 / 12)
    assert obs["role_warnings"] == ("Cy was taken as an observer.",)
    assert rows.loc[before["session_id"], "role_warnings"] == ()
    max_id = next(s for s in rows.index if s.startswith("p02"))
    assert rows.loc[max_id, "role_warnings"][0].startswith("Speaker roles were guessed")

    # The CLI shows each warning right under its session's row.
    assert synthesis_cli(["craft", str(craft_study)]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(max_id[:14]))
    assert lines[at + 1].strip().startswith("⚠ Speaker roles were guessed")
    assert max(len(line) for line in lines) <= 100
    # The report appendix shows it beside the session, escaped and redacted.
    from synthesis.craft.html import appendix_html

    html = str(appendix_html(audit, redact=lambda s: s.replace("Sam", "P02")))
    assert "⚠ Speaker roles were guessed: P02 as the participant &lt;b&gt;by turn order" in html
    assert "<b>by" not in html and "% open / specific / closed" in html
    assert "Specific questions ask for one fact" in html


def test_the_audit_reads_each_utterance_once(craft_study: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from synthesis.craft import audit as audit_module

    calls = []
    real = audit_module.read_utterances

    def counting(utterances, lexicon=None):
        calls.append(len(utterances))
        return real(utterances, lexicon)

    monkeypatch.setattr(audit_module, "read_utterances", counting)
    study = open_study(craft_study)
    audit = craft_audit(study)
    study.close()
    assert calls == [18]  # 6 + 8 + 4 utterances, read in one pass
    assert len(audit.flagged) == 4 and audit.coverage["session_id"].nunique() == 3
