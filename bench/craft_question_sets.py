"""The craft question detector on its labelled sets, before, at and after issue 13.

Run from the project root::

    .venv/bin/python bench/craft_question_sets.py
    .venv/bin/python bench/craft_question_sets.py --set tests/data/craft/real_turns_blind2.csv

The second form scores only the CSV given (any set labelled by the guide in
``tests/data/craft/README.md``), prints its table and writes
``bench/results/craft_set_<name>.md`` with its disagreements.

Writes ``bench/results/craft_real_set.md`` (real interviewer turns from openly licensed
transcripts: ``real_turns.csv`` and ``real_turns_fresh.csv``),
``craft_labelled_set.md`` (the project's own clean set), ``craft_blind_set.md`` (a clean
set by another author) and ``craft_set_real_turns_blind2.md`` (the blind real-turn set,
with its first out-of-sample run kept). Six detectors run in the same process:
``synthesis/craft`` at :data:`_baseline.BASELINE_COMMIT` (before issue 13),
:data:`_baseline.ISSUE13_COMMIT` (issue 13 as first merged),
:data:`_baseline.GENERALISE_COMMIT` (before the generalisation follow-up),
:data:`_baseline.HYPOTHESIS_COMMIT` (before the hypothesis follow-up) and
:data:`_baseline.BLIND2_COMMIT` (the rules the blind set ``real_turns_blind2.csv`` was first
scored on, before the blind2 follow-up tuned on it), all read from git, and the code in this
checkout ("now"). Each turn is read with its ``before`` column (the participant's previous
words), as the audit reads it. Nothing here tunes
anything: it reads the labels and calls ``question_flags`` (and ``questions_put`` where it
exists). The sets and their labelling guide are described in ``tests/data/craft/README.md``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _baseline import (  # noqa: E402
    BASELINE_COMMIT,
    BLIND2_COMMIT,
    CROSS_COMMIT,
    GENERALISE_COMMIT,
    HYPOTHESIS_COMMIT,
    ISSUE13_COMMIT,
    baseline_craft,
)
from _results_file import write_results  # noqa: E402
from _scoring import (  # noqa: E402
    Reading,
    cell,
    count_figures,
    expected_flags,
    kind_accuracy,
    precision_recall,
    read_rows,
    read_with,
    truth,
)

import synthesis.craft as current  # noqa: E402

DATA = ROOT / "tests" / "data" / "craft"
RESULTS = ROOT / "bench" / "results"
BLIND2 = "real_turns_blind2.csv"  # the blind set, a tuning set since the blind2 follow-up
REAL_TARGETS = {"leading precision": "≥ 0.80", "leading recall": "≥ 0.70",
                "double-barrelled precision": "≥ 0.70", "double-barrelled recall": "≥ 0.60",
                "open / specific / closed accuracy": "≥ 0.80"}
# The held-out episode's figures the first time the new rules met it (commit a2fe6dc), before
# any of its errors was read. Later general fixes were informed by its errors (each with a
# test in other wording), so from then on it is no longer held out; these stay on record.
FIRST_HOLDOUT_RUN = {
    "turn asks a question precision": "0.84 (27/32)",
    "turn asks a question recall": "0.93 (27/29)",
    "leading precision": "0.50 (1/2)", "leading recall": "0.50 (1/2)",
    "double-barrelled precision": "0.25 (2/8)", "double-barrelled recall": "0.50 (2/4)",
    "open / specific / closed accuracy": "0.76 (22/29)",
    "open-or-specific vs closed accuracy": "0.83 (24/29)",
    "questions found / labelled": "38 / 33", "turns with the question count right": "0.86 (85/99)",
}
# The new held-out split's figures the first time the changed rules met it (commit c620558),
# before any of its errors was read. Kept as run; later changes do not touch them.
FIRST_NEW_HOLDOUT_RUN = {
    "turn asks a question precision": "0.89 (62/70)",
    "turn asks a question recall": "0.95 (62/65)",
    "leading precision": "0.43 (3/7)",
    "leading recall": "0.60 (3/5)",
    "double-barrelled precision": "0.20 (3/15)",
    "double-barrelled recall": "0.43 (3/7)",
    "open / specific / closed accuracy": "0.85 (55/65)",
    "open-or-specific vs closed accuracy": "0.89 (58/65)",
    "questions found / labelled": "81 / 71",
    "turns with the question count right": "0.87 (166/190)",
}
# The fresh held-out set (tests/data/craft/real_turns_fresh.csv: Away From Keyboard 1-9 and
# Practical AI 120), scored the first time, on the rules as they stood before the
# generalisation follow-up (commit c618868), right after its labels were committed (7fb6719)
# and before any of its errors was read or any rule changed. Kept as run. Its figures under
# the changed rules are the "now" column of the fresh rows (first taken at fbd43f9: the same,
# no fresh turn read differently).
FIRST_FRESH_RUN = {
    "turn asks a question precision": "0.90 (72/80)",
    "turn asks a question recall": "0.90 (72/80)",
    "leading precision": "0.50 (3/6)",
    "leading recall": "0.33 (3/9)",
    "double-barrelled precision": "0.00 (0/2)",
    "double-barrelled recall": "0.00 (0/4)",
    "open / specific / closed accuracy": "0.82 (66/80)",
    "open-or-specific vs closed accuracy": "0.85 (68/80)",
    "questions found / labelled": "81 / 82",
    "turns with the question count right": "0.91 (191/209)",
}
# The blind set (tests/data/craft/real_turns_blind2.csv: Founders Talk 92-93), labelled by a
# second person who never saw the rules (merged at 066430d) and scored once, out of sample, on
# the rules after the hypothesis follow-up (d29a13b), before any of its errors was read. Kept
# as run; the blind2 follow-up then read its errors and fixed their causes, so its later
# figures ("now") are tuning figures.
FIRST_BLIND2_RUN = {
    "turn asks a question precision": "0.90 (62/69)",
    "turn asks a question recall": "0.90 (62/69)",
    "leading precision": "0.86 (6/7)",
    "leading recall": "0.38 (6/16)",
    "double-barrelled precision": "0.50 (7/14)",
    "double-barrelled recall": "0.64 (7/11)",
    "open / specific / closed accuracy": "0.71 (49/69)",
    "open-or-specific vs closed accuracy": "0.78 (54/69)",
    "questions found / labelled": "84 / 79",
    "turns with the question count right": "0.86 (170/198)",
}
BLIND3 = "real_turns_blind3.csv"  # the third blind set, a tuning set since the cross follow-up
# The fourth blind set's one out-of-sample run (session 5, main at 48b8562: the rules after the
# cross-recording follow-up), kept so its first figures stay on record once it is tuned on.
FIRST_BLIND4_RUN = {
    "leading precision": "0.73 (8/11)",
    "leading recall": "0.47 (8/17)",
    "double-barrelled precision": "0.24 (4/17)",
    "double-barrelled recall": "0.67 (4/6)",
    "open / specific / closed accuracy": "0.85 (57/67)",
}
# The fifth blind set's one out-of-sample run (session 5, main at 5121813: the rules after the
# per-rule reliability follow-up; three Go Time recordings, interviewers new to every set).
FIRST_BLIND5_RUN = {
    "leading precision": "0.38 (5/13)",
    "leading recall": "0.45 (5/11)",
    "double-barrelled precision": "0.00 (0/2)",
    "double-barrelled recall": "0.00 (0/1)",
    "open / specific / closed accuracy": "0.71 (58/82)",
}
BLIND3_READING = [
    "## The third blind set: first run out of sample, then a tuning set", "",
    "Labelled by a labeller who never saw the rules, scored out of sample on the rules at "
    f"{CROSS_COMMIT[:10]} (column *before cross-recording*: every real-turn target missed). "
    "The cross-recording follow-up then read its errors, and those of the other three real "
    "sets, and fixed causes seen there, each with a test in other wording "
    "(`tests/test_craft_cross_causes.py`); *now* is after it, so its figures here are "
    "**tuning figures**, not out of sample. What each change did recording by recording, "
    "and the rules' pooled out-of-sample record, are in `craft_cross_recording.md`.", "",
]
BLIND2_READING = [
    "## The blind set: first run out of sample, then a tuning set", "",
    "Labelled by a second person who never saw the rules (merged at 066430d), scored once on "
    f"the rules after the hypothesis follow-up ({BLIND2_COMMIT[:10]}, column *before blind2 "
    "tuning*) before any of its errors was read: every real-turn target missed (table below, "
    "kept as run). The blind2 follow-up (branch `craft5`) then read every miss, grouped them "
    "by cause and fixed the causes with general rules, each tested in other wording "
    "(`tests/test_craft_blind2_causes.py`); *now* is after it, so its figures here are "
    "**tuning figures**, not out of sample. A third blind set, labelled by someone else and "
    "not seen by the author of the fixes, judges them. Causes fixed:", "",
    "- **tags on real speech**: a *right?* asks when only a short restatement of its claim "
    "(*…, right? It's not cleared.*) or the claim's reason (*…, right? Because if you…*) "
    "follows; a tag after imagined speech is put; *you know what I mean?* asks to agree "
    "after a story too; a claim that is only a reason or purpose (*Just for posterity's "
    "sake, right?*) supplies the participant's motive (leading);",
    "- **leading**: *why not* + a suggestion to the participant; a prompt whose topic is a "
    "verdict (*speak to the blessing in disguise*);",
    "- **one question or two**: a yes/no guess between two wordings of one open question is a "
    "candidate answer; a guessed number narrows the fact asked for (*What year…? Was it "
    "around 2003?*); a yes/no question with a topic of its own straight after another is a "
    "second question; a turn announcing *two questions* (or counting *and then two, how…*) "
    "is double-barrelled; a question after *because* / *or* opening a sentence is read by "
    "its own form; two subjects of one verb are not two things; a prompt pointing back "
    "(*…history on that*) and a topicless question after a prompt re-ask;",
    "- **what is put**: a wh-question the speaker answers at once (*How do you learn? By "
    "doing.*) is not; nor asking leave (*Can I read a line…?*), the speaker's own argument "
    "(*the point I'm making is…*) or a relative said apart (*Which is a lot.*); *What am I "
    "missing?* is; an ellipsis after *?* opens a new sentence (it had glued the next one "
    "to the question); *talk to me about*, *take us back* are prompts; bare numbers said "
    "as questions (*22? 23?*) and *what, four years?* ask for a fact;",
    "- **kind**: *how then / exactly / else* asks a manner (open), a figurative *where did "
    "you go from there* is open, *any…* mid-sentence is a noun phrase.", "",
    "Left, by their labels' own notes judgement calls or beyond a rule: a hypothesis inside a "
    "long prompt (*help me understand … how it doesn't just involve engineering*), a "
    "counterfactual suggestion (*I wonder if you'd have had less fear had you asked…*), a "
    "question carrying its own answer after a self-answered monologue, rewordings that share "
    "no word (*where did you go from there?* … *how did it get serious for you?*), a fragment "
    "completing the previous turn's question, two topics in apposition (*your personal "
    "horizon, FireHydrant's horizon*), guest words misattributed to the interviewer.", "",
]
READING = [
    "## Reading the figures: the cross-recording follow-up", "",
    "The third blind set (`real_turns_blind3.csv`) showed the rules still did not carry to "
    "new recordings. The cross-recording follow-up read the errors of all four real sets, "
    "fixed causes seen there (each with a test in other wording, "
    "`tests/test_craft_cross_causes.py`), and scores every set recording by recording with "
    "what each change did to each recording (`craft_cross_recording.md`, column *before "
    "cross-recording* here). Every figure on this page is a tuning figure; the rules' pooled "
    "first runs on held-out sets are the out-of-sample estimate.", "",
    "## Earlier: the hypothesis follow-up", "",
    "The fresh set had shown the rules did not generalise (leading 0.50 / 0.33, "
    "double-barrelled 0.00 / 0.00). For this follow-up **every split is a tuning split**, "
    "`fresh` included: no figure on this page is out of sample. A new blind set, labelled "
    "by another person and never seen here, judges the rules after it. Each turn is now "
    "read with the participant's words before it (the `before` column), as the audit reads "
    "it; before this follow-up that changed no figure. The causes fixed, each a general rule "
    "with tests in other wording (`tests/test_craft_hypothesis.py`, "
    "`tests/test_craft_judge.py`):", "",
    "- **the interviewer's own hypothesis offered for confirmation** "
    "(`synthesis/craft/hypothesis.py`): a cause put straight on what was just told "
    "(*was that because…*, *is that why…*, *this is a result of…?*); a view to agree with "
    "(*do you feel that X is a consequence of Y?*, with a judgement or a cause in it); an "
    "open question built on a claim the participant has not made (*how do you feel that X "
    "…?*); a feeling or verdict put to the participant and backed by the interviewer's own "
    "guess (*Has that been tiring? By the sound of it…*). Not when it restates the "
    "participant's previous turn, offers the alternative, or the feeling is asked bare "
    "(*Was that a difficult decision for you?* stays fair);",
    "- an uncontracted negative question (*Is that not…?*, *Or do you not…?*) leads like "
    "*isn't…*, unless the question offers the alternative itself;",
    "- a tag or a claim the interviewer talks on from is a filler, not a question (the "
    "reason for asking, *Because…*, is not talking on); a guess after *I don't know* is a "
    "check of a word;",
    "- double-barrelled false alarms, every one on every set read for its cause: *and do it* "
    "is a verb and its object (not *does it…?*); two aims in a relative clause describe what "
    "is asked about (*projects that you want to grow and to keep*); the story of something "
    "from its founding to today is one prompt; the *no* offered as an alternative and then "
    "spelled out (*…? Or doesn't it? Do you not…?*) is one question. And a miss: two "
    "activities each with words of their own (*working in tech, as well as making the "
    "move*) are two things.", "",
    "What is left: four double-barrelled false alarms (a question put to the co-host, "
    "questions quoted as an example, two wh-questions restating one topic, a run-on "
    "sentence whose quoted question merged with the next) and three misses on `fresh` whose "
    "questions the detector does not find at all (long prompts without a question mark); "
    "one accidental leading hit was lost when the cause rule was tightened (tp538-094: "
    "labelled leading for its *Right?* on the interviewer's own point, it had been caught "
    "by a *because* inside quoted speech). The fresh figures are now tuning figures and "
    "read as such: with 9 leading and 4 double-barrelled turns they move by 11 and 25 "
    "points a turn.", "",
    "## Earlier: the generalisation follow-up", "",
    "The rules had been fixed case by case against `tune` (and a little against `holdout`), "
    "and the `new-holdout` split showed they did not carry over. For this follow-up a fresh "
    "held-out set was labelled and committed first (`real_turns_fresh.csv`, 209 turns of "
    "Away From Keyboard 1–9 and Practical AI 120: another show, two more interviewers), "
    "its first run recorded (table below), and only then was `new-holdout` opened as a "
    "**tuning split**: its errors were read, their causes found and fixed, each fix with a "
    "test in other wording (`tests/test_craft_asked.py`, `tests/test_craft_judge.py`). The "
    "causes: a leading phrase was looked for in the whole sentence instead of the question "
    "(*Obviously there's some setup time, so how…?*), a presumption about the interviewer's "
    "own self (*I'm obviously a developer myself*) counted, and an alternative offered "
    "after *surely* (*…? Or how does that work?*) did not take it back; a proposal asked "
    "as a question (*can we talk a bit about you?*) counted as a second, closed question; "
    "follow-ups with no topic of their own (*Anything in particular?*, *Tell us that.*) or "
    "offering a candidate answer (*How did it go? Was it ready for it?*) counted as new "
    "points, as did a question asked again after an aside; *because…* after a question "
    "was read as its answer (it gives the reason for asking, unless the question is a "
    "*why*); *what it was like, …* was read as imagined speech; a run-on sentence of more "
    "than thirty words was never read for two questions, even in the question it ends on; "
    "*how did you X and how did you Y* was taken for the two halves of one comparison; a "
    "question announced in the same breath (*one question I always have is who…*) was not "
    "found. On the splits the rules were fixed against (`tune+holdout+new-holdout`, 480 "
    "turns) the targets are now met — leading and double-barrelled precision and recall and "
    "the kind accuracy — double-barrelled precision only just (0.70, 14/20).", "",
    "**On the fresh held-out set the targets are not met.** Its figures under the changed "
    "rules are exactly those of its first run: not one of its 209 turns is read differently. "
    "Of the 480 tuning turns 18 are, 17 of them in `new-holdout`, the split the causes were "
    "read from (one in `holdout`, none in `tune`, none of the 294 clean turns): general in "
    "form, the fixes in effect reach little beyond the turns they came from, which is the "
    "overfitting this follow-up set out to cure, still there. Leading precision 0.50 (3/6) "
    "and recall 0.33 (3/9), "
    "double-barrelled 0.00 (0/2) and 0.00 (0/4), open / specific / closed accuracy 0.82 "
    "(66/80, the one target met there). Over "
    "all 689 real turns leading is 0.77 / 0.72 and double-barrelled 0.64 / 0.70, below the "
    "precision targets. With 9 leading and 4 double-barrelled turns the fresh figures are "
    "fragile, but they say plainly that the rules do not yet generalise; the fresh set's "
    "disagreements are not listed here and were not read, so it can judge the next change "
    "too (its labeller, who also wrote the changes, knows its labels: a set labelled by "
    "someone else would be cleaner still).", "",
    "## Earlier: the double-barrelled follow-up", "",
    "The double-barrelled rules were changed against `tune` only, from its seven errors (five "
    "false alarms, two misses), each fix a general rule with a test in other wording: a "
    "question with no topic of its own narrowed by the next, a bare *could this be,* framing "
    "imagined speech, indirect questions never rhetorical, a monologue answering its own "
    "questions, the story of how someone got somewhere retold with *and how*, an elliptical "
    "*And maybe a few examples of…*, and *how* + subject + verb read as a manner. On the "
    "`new-holdout` split (then held out) the first run gave exactly the figures of the rules "
    "before the change (table below).",
]
CLEAN_TARGETS = {"leading precision": "≥ 0.85", "leading recall": "≥ 0.80",
                 "open-or-specific vs closed accuracy": "≥ 0.90"}


def figures(rows: Sequence[dict], readings: Sequence[Reading]) -> dict[str, str]:
    """Every figure of one detector over one list of turns, as display strings."""
    out: dict[str, str] = {}
    for flag in ("question", "leading", "double-barrelled"):
        p, r = precision_recall(rows, readings, flag)
        label = "turn asks a question" if flag == "question" else flag
        out[f"{label} precision"], out[f"{label} recall"] = str(p), str(r)
    out["open / specific / closed accuracy"] = str(kind_accuracy(rows, readings))
    out["open-or-specific vs closed accuracy"] = str(kind_accuracy(rows, readings, two_way=True))
    if rows and "questions" in rows[0]:  # only the real set counts questions per turn
        found, exact = count_figures(rows, readings)
        out["questions found / labelled"] = found
        out["turns with the question count right"] = str(exact)
    return out


def comparison(rows: list[dict], splits: Sequence[str], targets: dict[str, str],
               readers: dict[str, Callable[[str], Reading]]) -> list[str]:
    readings = {name: [read(r["text"], r.get("before", "")) for r in rows]
                for name, read in readers.items()}
    lines = ["| split | figure | target | " + " | ".join(readers) + " |",
             "| --- | --- | --- |" + " --- |" * len(readers)]
    for split in splits:
        keep = [i for i, r in enumerate(rows) if split == "all" or r.get("split") in
                split.split("+")]  # "tune+holdout": the splits the rules were fixed against
        sub = [rows[i] for i in keep]
        got = {name: figures(sub, [readings[name][i] for i in keep]) for name in readers}
        label = f"{split} ({len(sub)} turns)"
        for figure in got["now"]:
            lines.append(f"| {label} | {figure} | {targets.get(figure, '')} | "
                         + " | ".join(got[name][figure] for name in readers) + " |")
    return lines


def disagreements(rows: list[dict], readings: list[Reading], width: int = 0) -> list[str]:
    """Turns where the detector (now) and the labels differ, with what differs."""
    lines = ["| turn | text | labelled | detector | questions (labelled / found) |",
             "| --- | --- | --- | --- | --- |"]
    n = 0
    for i, (r, x) in enumerate(zip(rows, readings)):
        want = expected_flags(r)
        wanted = int(truth(r)["questions"])
        if want == x.flags and wanted == x.count:
            continue
        n += 1
        lines.append(f"| {r.get('id', i + 2)} | {cell(r['text'], width)} | "
                     f"{', '.join(sorted(want)) or '∅'} | {', '.join(sorted(x.flags)) or '∅'} | "
                     f"{wanted} / {x.count} |")
    return [f"## Disagreements now ({n} of {len(rows)} turns)", "",
            "`turn` is the row's id (real set) or its line in the CSV.", "", *lines]


def sample_study(modules: dict[str, object]) -> list[str]:
    """The sample study per interviewer, per detector (Marco Bell leads on purpose)."""
    sample = ROOT / "data" / "invoicing-onboarding"
    if not (sample / "study.db").is_file():
        return ["", "(The sample study's store is not built yet: no sample-study figures.)"]
    from synthesis import open_study

    lines = ["", "## The sample study, per interviewer", "",
             "Open share before issue 13 was open ÷ (open + closed); after it, open ÷ all "
             "questions, with specific questions (a fact, a number, a name) counted apart.", "",
             "| detector | interviewer | sessions | talk share (words) | questions / session | "
             "leading / session | double-barrelled / session | open share | specific share | "
             "probe rate |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / sample.name  # a copy: the shipped store is never touched
        shutil.copytree(sample, copy, ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm"))
        study = open_study(copy)
        try:
            for name, module in modules.items():
                people = module.craft_audit(study).interviewers
                for who, r in people.iterrows():
                    specific = r.get("specific_share")
                    lines.append(
                        f"| {name} | {who} | {r['sessions']} | {r['talk_share_words']:.0%} | "
                        f"{r['questions_per_session']:.1f} | {r['leading_per_session']:.1f} | "
                        f"{r['double_barrelled_per_session']:.1f} | {r['open_share']:.0%} | "
                        f"{'–' if specific is None else f'{specific:.0%}'} | "
                        f"{r['probe_rate']:.0%} |")
        finally:
            study.close()
    return lines


def _first_run(title: str, intro: str, run: dict[str, str]) -> list[str]:
    return [title, "", intro, "", "| figure | target | first run |", "| --- | --- | --- |",
            *[f"| {k} | {REAL_TARGETS.get(k, '')} | {v} |" for k, v in run.items()], ""]


def _counts(rows: list[dict]) -> str:
    return (f"{len(rows)} turns, {sum(int(r['questions']) for r in rows)} questions, "
            f"{sum(r['leading'] == '1' for r in rows)} leading, "
            f"{sum(r['double_barrelled'] == '1' for r in rows)} double-barrelled")


DETECTORS = {"before issue 13": BASELINE_COMMIT, "issue 13": ISSUE13_COMMIT,
             "before generalising": GENERALISE_COMMIT, "before hypothesis": HYPOTHESIS_COMMIT,
             "before blind2 tuning": BLIND2_COMMIT, "before cross-recording": CROSS_COMMIT}
COLUMNS = (f"*before issue 13* is `synthesis/craft` at {BASELINE_COMMIT[:10]}; *issue 13* is "
           f"the rules of issue 13 as first merged ({ISSUE13_COMMIT[:10]}); *before "
           f"generalising* is the rules before the generalisation follow-up "
           f"({GENERALISE_COMMIT[:10]}); *before hypothesis* is the rules before the "
           f"hypothesis follow-up ({HYPOTHESIS_COMMIT[:10]}); *before blind2 tuning* is the "
           f"rules the blind set was first scored on, out of sample ({BLIND2_COMMIT[:10]}), "
           "before the blind2 follow-up tuned on it; *before cross-recording* is main "
           f"before the cross-recording follow-up ({CROSS_COMMIT[:10]}: the rules the third "
           "blind set, `real_turns_blind3.csv`, was first scored on, out of sample), which "
           "read the errors of all four real sets; *now* is this checkout. Every "
           "detector reads a turn with the participant's words before it (the `before` "
           "column), as the audit does, where it takes them")


def _shown(path: Path) -> Path:
    """The set's path as the reader would type it, from the project root where it lies there."""
    full = path.resolve()
    return full.relative_to(ROOT) if full.is_relative_to(ROOT) else path


def score_set(path: Path, readers: dict[str, Callable[[str, str], Reading]]) -> list[str]:
    """Every figure of every detector on one extra labelled CSV (``--set``), and its
    disagreements: a real-turn set (with a ``questions`` column) is judged against the real
    targets, a clean set against the clean ones."""
    rows = read_rows(path)
    real = bool(rows) and "questions" in rows[0]
    splits = sorted({r.get("split") or "" for r in rows} - {""})
    if path.name == BLIND3:
        history = BLIND3_READING
    else:
        history = BLIND2_READING + _first_run(
        "## The blind set, first run (out of sample)",
        f"`{path.name}` ({_counts(rows)}), scored once on the rules at {BLIND2_COMMIT[:10]}, "
        "before any of its errors was read:", FIRST_BLIND2_RUN) if path.name == BLIND2 \
            else []
    return [f"# Craft question detector on `{path.name}`", "",
            f"`{_shown(path)}`: {len(rows)} "
            "turns, scored by `bench/craft_question_sets.py` (`--set` scores one set alone). "
            f"Columns: {COLUMNS}.", "",
            *comparison(rows, ("all", *splits) if len(splits) > 1 else ("all",),
                        REAL_TARGETS if real else CLEAN_TARGETS, readers), "",
            *history,
            *disagreements(rows, [readers["now"](r["text"], r.get("before", "")) for r in rows],
                           width=220 if real else 0)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", dest="sets", action="append", type=Path, default=[],
                        metavar="CSV", help="score only this labelled CSV (repeatable) and "
                        "write bench/results/craft_set_<name>.md; the other results stay")
    args = parser.parse_args(argv)
    modules = {name: baseline_craft(commit) for name, commit in DETECTORS.items()}
    readers = {name: read_with(m) for name, m in modules.items()} | {"now": read_with(current)}
    if args.sets:
        for path in args.sets:
            if not path.is_file():
                parser.error(f"{path}: no such file (expected a labelled CSV)")
            text = score_set(path, readers)
            out = RESULTS / f"craft_set_{path.stem}.md"
            write_results(out, "\n".join(text))
            print("\n".join(text).split("## Disagreements")[0] + f"(written to {out})")
        return 0
    before = COLUMNS

    real = read_rows(DATA / "real_turns.csv") + read_rows(DATA / "real_turns_fresh.csv")
    readings = [readers["now"](r["text"], r.get("before", "")) for r in real]
    n_q = sum(int(r["questions"]) for r in real)
    fresh = [r for r in real if r["split"] == "fresh"]
    newer = [r for r in real if r["split"] == "new-holdout"]
    text = [
        "# Craft question detector on real interviewer turns", "",
        f"{len(real)} real interviewer turns, every one of a whole episode (no turn picked or "
        "left out), from openly licensed transcripts, labelled by hand turn by turn before the "
        f"rules they judge changed ({n_q} questions put; labelling guide and sources: "
        "`tests/data/craft/README.md`). `tests/data/craft/real_turns.csv` (480 turns): two "
        "Talk Python To Me episodes (GPL-3.0, machine captions as published, speakers "
        "diarised), the Podcast Index sample (CC0) and five Changelog episodes (CC BY-SA 4.0, "
        "human-edited), in three splits the rules have been changed against: `tune` (written "
        "against), `holdout` (Founders Talk 90: first run below, then a few fixes from its "
        "errors) and `new-holdout` (three more Changelog episodes: held out for the "
        "double-barrelled follow-up, first run below; a tuning split since the generalisation "
        "follow-up). `tests/data/craft/real_turns_fresh.csv` (209 turns, split `fresh`): Away "
        "From Keyboard 1–9 and Practical AI 120 (CC BY-SA 4.0), labelled and committed before "
        "the generalisation follow-up changed any rule; held out through that follow-up "
        "(first run below), it is a **tuning split** since the hypothesis follow-up, and its "
        "turns are listed below with the others: no set shown here is out of sample any more "
        "(the blind set labelled by someone else after the hypothesis follow-up, "
        "`real_turns_blind2.csv`, is scored in `craft_set_real_turns_blind2.md`: its first "
        "run out of sample is kept there, and it is a tuning set since the blind2 follow-up). "
        "Columns: " + before + ". *Before issue 13* knows "
        "no *specific* kind and counts every question turn as one question.", "",
        "Targets (issue 13, on real turns): leading precision ≥ 0.80 and recall ≥ 0.70; "
        "double-barrelled precision ≥ 0.70 and recall ≥ 0.60; open / specific / closed "
        "accuracy ≥ 0.80 over the labelled questions (a missed question counts as wrong). "
        f"Figures show k/n: with {sum(r['leading'] == '1' for r in real)} leading and "
        f"{sum(r['double_barrelled'] == '1' for r in real)} double-barrelled turns in all, "
        "one turn moves a split's figure by several points. `tune+holdout+new-holdout` is the "
        "whole of `real_turns.csv`, `fresh` the whole of `real_turns_fresh.csv`.", "",
        *comparison(real, ("all", "tune+holdout+new-holdout", "tune", "holdout", "new-holdout",
                               "fresh"),
                    REAL_TARGETS, readers), "",
        *READING, "",
        *_first_run("## The fresh held-out set, first run",
                    f"`fresh` ({_counts(fresh)}), scored once its labels were committed, "
                    "on the rules before the generalisation follow-up changed any of them "
                    f"({GENERALISE_COMMIT[:10]}), before any of its errors was read. Under the "
                    "rules of the generalisation follow-up every figure stayed the same (column "
                    "*before hypothesis*); since the hypothesis follow-up it is a tuning "
                    "split (*now*).", FIRST_FRESH_RUN),
        *_first_run("## The new held-out split, first run",
                    f"`new-holdout` ({_counts(newer)}), labelled and committed before the "
                    "double-barrelled rules changed again; the first time the changed rules "
                    "met it (commit c620558), before any of its errors was read. Its errors "
                    "have been read and fixed from since the generalisation follow-up.",
                    FIRST_NEW_HOLDOUT_RUN),
        *_first_run("## The held-out episode, first run",
                    "Founders Talk 90 (99 turns, 33 questions, 2 leading, 4 double-barrelled), "
                    "the first time the rules of issue 13 met it (commit a2fe6dc), before any "
                    "of its errors was read:", FIRST_HOLDOUT_RUN),
        *disagreements(real, readings, width=220)]
    write_results(RESULTS / "craft_real_set.md", "\n".join(text))

    labelled = read_rows(DATA / "questions.csv")
    clean_note = (
        "The clean sets were labelled open/closed, with fact and degree questions (how often, "
        "which, how frustrated…) as closed in this set and as open in the blind set. For issue "
        "13 each question row got a `kind` (open / specific / closed) by the same guide as the "
        "real set, before any rule changed; \"open-or-specific vs closed\" compares the "
        "detector's kind with it on that two-way split. Target: leading precision ≥ 0.85, "
        "recall ≥ 0.80; open-or-specific vs closed ≥ 0.90.")
    text = [
        "# Craft question detector on the project's labelled set", "",
        f"`tests/data/craft/questions.csv`: {len(labelled)} clean interviewer turns written for "
        "this project by the author of the first rules (`tune` rows were in view while those "
        "rules were written, `holdout` rows were not), so treat its figures as optimistic. "
        f"Columns: {before}.", "", clean_note, "",
        *comparison(labelled, ("all", "tune", "holdout"), CLEAN_TARGETS, readers),
        *sample_study({**modules, "now": current}), "",
        *disagreements(labelled,
                       [readers["now"](r["text"], r.get("before", "")) for r in labelled])]
    write_results(RESULTS / "craft_labelled_set.md", "\n".join(text))

    blind = read_rows(DATA / "questions_blind.csv")
    text = [
        "# Craft question detector on the blind set", "",
        f"`tests/data/craft/questions_blind.csv`: {len(blind)} clean interviewer turns with "
        "spoken mess (fillers, restarts, trailing \"right?\"), written and labelled by another "
        "author without seeing the rules or the other sets. Three general fixes before issue "
        "13 were informed by its errors (figures before those: open vs closed 0.89, leading "
        f"precision 0.95 / recall 0.86), so it is no longer fully blind. Columns: {before}.",
        "", clean_note, "",
        *comparison(blind, ("all",), CLEAN_TARGETS, readers), "",
        *disagreements(blind, [readers["now"](r["text"], r.get("before", "")) for r in blind])]
    write_results(RESULTS / "craft_blind_set.md", "\n".join(text))
    blind2 = DATA / BLIND2
    write_results(RESULTS / f"craft_set_{blind2.stem}.md", "\n".join(score_set(blind2, readers)))
    for name in ("craft_real_set", "craft_labelled_set", "craft_blind_set",
                 f"craft_set_{blind2.stem}"):
        print((RESULTS / f"{name}.md").read_text(encoding="utf-8").split("## Disagreements")[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
