"""Each craft rule's reliability across recordings: in the recordings it was read from, and not.

Run from the project root::

    .venv/bin/python bench/craft_rule_reliability.py

A rule tuned on a recording fits that recording; what tells whether it generalises is how it
does on recordings nobody had read when it was written. Every leading and double-barrelled
flag carries its reason (:func:`synthesis.craft.explain_flags`), and every reason names the
rule that raised it (:func:`rule_of`), so over every turn of the five real sets (27
recordings) this bench counts, per rule, its hits (the turn is labelled so) and false alarms
(it is not), recording by recording, and splits the recordings into *in origin* — the sets
whose errors had been read when the rule was written (:data:`RULES` names the commit that
introduced it, :data:`ERAS` which sets had been read by then) — and *out of origin*, the sets
labelled or read only later. Out-of-origin precision is the rule's honest record.

Kind decisions are counted the same way by the path that decided the first question's kind
(its opening word, a tag, a claim said for confirmation), without an origin split: the kind
rules were written mostly before any real set and revised in every follow-up.

The rules at :data:`BEFORE_COMMIT` (main when this follow-up started, read from git) and this
checkout are both counted. Writes ``bench/results/craft_rule_reliability.md``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _baseline import BLIND2_COMMIT, CROSS_COMMIT, GENERALISE_COMMIT  # noqa: E402
from _baseline import RELIABILITY_COMMIT as BEFORE_COMMIT  # noqa: E402
from _baseline import baseline_craft  # noqa: E402
from _results_file import write_results  # noqa: E402
from _scoring import Ratio, read_rows, truth  # noqa: E402
from craft_cross_recording import SETS  # noqa: E402

import synthesis.craft as current  # noqa: E402

DATA = ROOT / "tests" / "data" / "craft"

# Which real sets had been read for their errors (tuned on) by each stage of the rules, in
# order. A rule written at a stage is "in origin" on these sets' recordings.
ERAS = {
    "clean": (),  # written from the project's own clean questions, before any real set
    "issue 13": ("tune",),
    "holdout": ("tune", "holdout"),
    "generalisation": ("tune", "holdout", "new-holdout"),
    "hypothesis": ("tune", "holdout", "new-holdout", "fresh"),
    "blind2": ("tune", "holdout", "new-holdout", "fresh", "blind2"),
    "cross-recording": ("tune", "holdout", "new-holdout", "fresh", "blind2", "blind3"),
    "reliability": ("tune", "holdout", "new-holdout", "fresh", "blind2", "blind3", "blind4"),
}

# Each rule: (flag, id, what it says, the commit that introduced it, its stage, the pattern
# its reason matches). Found with `git log -S'<reason text>' --reverse -- synthesis/craft`.
RULES = (
    ("leading", "leading phrase", "a leading phrase in the question (don't you think, surely…)",
     "a4c6ff0", "clean", r"supplies the answer$"),
    ("leading", "negative question", "wouldn't you…, isn't it…, is that not…",
     "a4c6ff0", "clean", r"^a negative question"),
    ("leading", "why not + you", "a suggestion put to the participant",
     "e5d4344", "blind2", r"^a suggestion put"),
    ("leading", "carried explanation", "'…, and that's what/why…?' in a yes/no question",
     "70d079f", "holdout", r"offers its own explanation$"),
    ("leading", "reason supplied", "a claim that is only a reason ('to keep X happy, right?')",
     "46f96bd", "blind2", r"own reason \("),
    ("leading", "agreement tag", "'you know what I mean?' after a claim or story",
     "a2fe6dc", "issue 13", r"asks the participant to agree$"),
    ("leading", "echo tag", "a question tag echoing the claim's verb ('doesn't it?')",
     "8a23394", "cross-recording", r"agree with the interviewer's claim$"),
    ("leading", "opinion claim + tag", "a claim with an opinion marker or judgement, "
     "said for confirmation or with 'right?'", "a2fe6dc", "issue 13",
     r"asks to agree with the interviewer's \""),
    ("leading", "hypothesis: explanation", "'was that because…?' put on what was told",
     "eebfc09", "hypothesis", r"own explanation \("),
    ("leading", "hypothesis: view", "'do you think that <judgement>?'",
     "eebfc09", "hypothesis", r"own view \("),
    ("leading", "hypothesis: built on claim", "'how do you feel that <claim>?'",
     "eebfc09", "hypothesis", r"own claim"),
    ("leading", "hypothesis: backed feeling", "a feeling put, backed by the interviewer's guess",
     "eebfc09", "hypothesis", r"backed by the interviewer"),
    ("leading", "social proof", "'most people…, you too?'",
     "a2fe6dc", "issue 13", r"holds others up"),
    ("leading", "would you say + verdict", "'would you say it's the best?'",
     "a4c6ff0", "clean", r"verdict without an alternative$"),
    ("leading", "judgement in mouth", "'how frustrating…', 'so painful'",
     "36bfc99", "clean", r"in the participant's mouth$"),
    ("leading", "prompted verdict", "'talk about the nightmare of…'",
     "e776728", "blind2", r"interviewer's verdict$"),
    ("leading", "presupposing phrase", "'what did you like about…'",
     "a4c6ff0", "clean", r"presupposes the answer$"),
    ("leading", "presupposed praise", "the interviewer's praise behind a degree word ('how "
     "did you get this successful', 'so elegant')", "(this branch)", "reliability",
     r"presupposes the interviewer's praise"),
    ("leading", "rated characterisation", "'…. Is that a good approximation / fair?' after "
     "the interviewer's own characterisation", "(this branch)", "reliability",
     r"own characterisation"),
    ("double-barrelled", "two questions in one turn", "a second question put in the same turn; "
     "since this follow-up only straight after the first, no talk between "
     "(grouping rules in asked.py)", "a2fe6dc", "issue 13",
     r"(?:in the same turn|before any answer)$"),
    ("double-barrelled", "announced", "'two questions for you', 'and then two, how…'",
     "5951db2", "blind2", r"puts more than one question$"),
    ("double-barrelled", "wh and wh", "'how and where…'",
     "a2fe6dc", "issue 13", r"asks two questions at once$"),
    ("double-barrelled", "second task", "'…to X and to Y'",
     "a2fe6dc", "issue 13", r"second task$"),
    ("double-barrelled", "and + second question", "'…and who approves it?'",
     "a4c6ff0", "clean", r"asks a second question$"),
    ("double-barrelled", "second claim", "'…and the team was happy?'",
     "a4c6ff0", "clean", r"second claim to weigh$"),
    ("double-barrelled", "two activities", "'working in tech and making the move'",
     "925f8f8", "hypothesis", r"second activity$"),
    ("double-barrelled", "two qualities", "'fast and reliable'",
     "a4c6ff0", "clean", r"two qualities at once$"),
    ("double-barrelled", "two topics", "'the search and the filters'",
     "a4c6ff0", "clean", r"two things at once$"),
)


# Each held-out set's first run: (file, split, the rules it was first scored on). The only
# out-of-sample record the rules have; per rule, it shows which ones held up on speech no one
# had read when they ran.
FIRST_RUNS = (
    ("real_turns.csv", "holdout", "a2fe6dc"),
    ("real_turns.csv", "new-holdout", "c620558"),
    ("real_turns_fresh.csv", "fresh", GENERALISE_COMMIT),
    ("real_turns_blind2.csv", "blind2", BLIND2_COMMIT),
    ("real_turns_blind3.csv", "blind3", CROSS_COMMIT),
    ("real_turns_blind4.csv", "blind4", BEFORE_COMMIT),  # = 48b8562 main's rules
)


def rule_of(flag: str, reason: str) -> str:
    """The rule that raised ``flag`` with ``reason`` (its id in :data:`RULES`), or "other".

    >>> rule_of("leading", 'a negative question ("isn\\'t it …") expects a yes')
    'negative question'
    >>> rule_of("double-barrelled", '"how and where" asks two questions at once')
    'wh and wh'
    """
    for f, rule, _, _, _, pattern in RULES:
        if f == flag and re.search(pattern, reason):
            return rule
    return "other"


def kind_path(module: ModuleType, text: str) -> str | None:
    """What decided the first question's kind: a tag, a claim said for confirmation, or the
    opening word of its first wording (``None`` when nothing is put)."""
    asked_mod = sys.modules[module.__name__ + ".asked"]
    lex_mod = sys.modules[module.__name__ + ".lexicon"]
    _, asked = asked_mod.questions_asked(lex_mod.normalise(text or ""), lex_mod.DEFAULT_LEXICON)
    if not asked:
        return None
    w = asked[0].first
    if w.tag:
        return "tag (…, right?)"
    if w.claim:
        return "statement for confirmation"
    head = (w.starter or w.text).split(" ")[0].strip("?,.") or "?"
    return f"opens with '{head}'"


Tally = dict[str, dict[str, list[int]]]  # rule -> recording -> [hits, alarms]


def tally(module: ModuleType, rows: list[dict]) -> tuple[Tally, dict[str, list[int]]]:
    """Per rule and recording, hits and false alarms of the flags the rule raised; per kind
    path, [right, decided] over the turns labelled as putting a question."""
    rules: Tally = {}
    kinds: dict[str, list[int]] = {}
    read: Callable[..., dict[str, str]] = module.explain_flags
    flags_of = module.question_flags
    for row in rows:
        t = truth(row)
        reasons = read(row["text"], before=row.get("before", ""))
        for flag in ("leading", "double-barrelled"):
            if flag in reasons:
                cell = rules.setdefault(f"{flag}: {rule_of(flag, reasons[flag])}", {}) \
                    .setdefault(row["source"], [0, 0])
                cell[0 if t[flag] else 1] += 1
        if t["question"]:
            path = kind_path(module, row["text"]) or "nothing put"
            got = next((k for k in ("open", "specific", "closed")
                        if k in flags_of(row["text"], before=row.get("before", ""))), None)
            k = kinds.setdefault(path, [0, 0])
            k[0] += got == t["kind"]
            k[1] += 1
    return rules, kinds


def first_run_tally() -> dict[str, list[int]]:
    """Per rule, [hits, false alarms] over every held-out set's first run (:data:`FIRST_RUNS`),
    each read by the rules it was first scored on."""
    out: dict[str, list[int]] = {}
    for name, split, commit in FIRST_RUNS:
        module = baseline_craft(_full(commit))
        for row in read_rows(DATA / name):
            if row["split"] != split:
                continue
            t = truth(row)
            reasons = module.explain_flags(row["text"], before=row.get("before", ""))
            for flag in ("leading", "double-barrelled"):
                if flag in reasons:
                    cell = out.setdefault(f"{flag}: {rule_of(flag, reasons[flag])}", [0, 0])
                    cell[0 if t[flag] else 1] += 1
    return out


def replayed_narrowing() -> dict[str, list[int]]:
    """The back-to-back narrowing of "two questions in one turn" replayed on the first runs:
    of that rule's flags there, [hits, false alarms] kept (the two questions had at most
    three words between them, as the rules of the first run parsed the turn) and dropped.
    An estimate of what the narrowing would have done on speech it had not seen."""
    out = {"kept": [0, 0], "dropped": [0, 0]}
    for name, split, commit in FIRST_RUNS:
        module = baseline_craft(_full(commit))
        asked_mod = sys.modules[module.__name__ + ".asked"]
        lex_mod = sys.modules[module.__name__ + ".lexicon"]
        for row in read_rows(DATA / name):
            reason = module.explain_flags(row["text"], before=row.get("before", "")).get(
                "double-barrelled") if row["split"] == split else None
            if not reason or rule_of("double-barrelled", reason) != "two questions in one turn":
                continue
            sentences, asked = asked_mod.questions_asked(lex_mod.normalise(row["text"]),
                                                         lex_mod.DEFAULT_LEXICON)
            kept = any(sum(len(x.words) for x in sentences[a.wordings[-1].index + 1:
                                                            b.first.index]) <= 3
                       for a, b in itertools.pairwise(asked))
            out["kept" if kept else "dropped"][0 if truth(row)["double-barrelled"] else 1] += 1
    return out


def _full(commit: str) -> str:
    return subprocess.run(["git", "rev-parse", commit], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()


def _origin(rows: list[dict]) -> dict[str, str]:
    """Each recording's set (the ``split`` column: tune, holdout, …, blind4)."""
    return {r["source"]: r["split"] for r in rows}


def _split(rule: str, per: dict[str, list[int]], sets: dict[str, str]) -> tuple[Ratio, Ratio, str]:
    """(in-origin precision, out-of-origin precision, recordings out of origin where the
    rule's firings were mostly false alarms)."""
    flag, name = rule.split(": ", 1)
    era = next((e for f, r, _, _, e, _ in RULES if f == flag and r == name), "clean")
    read = ERAS[era]
    inside, outside, bad = [0, 0], [0, 0], []
    for src, (hit, alarm) in per.items():
        box = inside if sets[src] in read else outside
        box[0] += hit
        box[1] += hit + alarm
        if sets[src] not in read and alarm > hit:
            bad.append(f"{Path(src).stem} {hit}/{alarm}")
    return Ratio(*inside), Ratio(*outside), "; ".join(bad)


def rule_table(rows: list[dict], tallies: dict[str, Tally],
               first: dict[str, list[int]]) -> list[str]:
    sets = _origin(rows)
    names = list(tallies)
    head = ["flag", "rule", "written at (reads sets)", "first runs: P (hits/flags)"]
    for n in names:
        head += [f"in-origin P ({n})", f"out-of-origin P ({n})"]
    head.append(f"out-of-origin recordings mostly false alarms ({names[0]}: hits/alarms)")
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    seen = set()
    for flag, name, what, commit, era, _ in (*RULES, ("", "other", "", "", "clean", "")):
        for f in ((flag,) if flag else ("leading", "double-barrelled")):
            key = f"{f}: {name}"
            if key in seen or not (key in first or any(key in t for t in tallies.values())):
                continue
            seen.add(key)
            cells = [f, f"{name} — {what}" if what else name,
                     f"{commit} {era} ({', '.join(ERAS[era]) or 'no real set'})",
                     str(Ratio(first.get(key, [0, 0])[0], sum(first.get(key, [0, 0]))))]
            first_bad = ""
            for k, n in enumerate(names):
                inside, outside, bad = _split(key, tallies[n].get(key, {}), sets)
                cells += [str(inside), str(outside)]
                if k == 0:
                    first_bad = bad
            cells.append(first_bad)
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def kind_table(kinds: dict[str, dict[str, list[int]]]) -> list[str]:
    """The kind table's rows: paths by the questions they decided (the larger count of the
    two rule sets), most first; equal counts by the path's wording, A to Z, so the same
    code writes the same file (the paths come from a set, whose order varies by run)."""
    names = list(kinds)

    def decided(p: str) -> int:
        return max(k.get(p, [0, 0])[1] for k in kinds.values())

    paths = sorted({p for k in kinds.values() for p in k}, key=lambda p: (-decided(p), p))
    lines = ["| path that decided the kind | " + " | ".join(f"right ({n})" for n in names) + " |",
             "| --- |" + " --- |" * len(names)]
    rare = [p for p in paths if decided(p) < 3]
    for p in paths:
        if p not in rare:
            lines.append(f"| {p} | " + " | ".join(str(Ratio(*kinds[n].get(p, [0, 0])))
                                                  for n in names) + " |")
    lines.append(f"| {len(rare)} other paths, fewer than 3 questions each | " + " | ".join(
        str(Ratio(sum(kinds[n].get(p, [0, 0])[0] for p in rare),
                  sum(kinds[n].get(p, [0, 0])[1] for p in rare))) for n in names) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.parse_args(argv)
    rows = [r for name in SETS for r in read_rows(DATA / name)]
    modules = {"before": baseline_craft(BEFORE_COMMIT), "now": current}
    tallies, kinds = {}, {}
    for n, m in modules.items():
        tallies[n], kinds[n] = tally(m, rows)
    load = os.getloadavg()[0]
    text = [
        "# Craft rules one by one, in and out of the recordings they were read from", "",
        f"Every turn of the five real sets ({len(rows)} turns, "
        f"{len({r['source'] for r in rows})} recordings: `{'`, `'.join(SETS)}`), scored by "
        "`bench/craft_rule_reliability.py`. Each leading and double-barrelled flag is put "
        "down to the rule whose reason it carries; a *hit* is a flag on a turn labelled so, "
        "a *false alarm* one on a turn that is not. *In origin*: recordings of the sets whose "
        "errors had been read when the rule was written (the stage and commit that introduced "
        "it; later narrowings read later sets too, so in-origin is a floor); *out of origin*: "
        "every other recording. *First runs*: every held-out set's first run (Founders Talk 90 "
        "at a2fe6dc, new-holdout at c620558, fresh at c618868, blind2 at d29a13b, blind3 at "
        "c756b67, blind4 at e64c748), each read by the rules it was first scored on, before its "
        "errors were read: the rules' only out-of-sample record, rule by rule (a rule written "
        "after a set's first run has no flags there). *before* is `synthesis/craft` at "
        f"{BEFORE_COMMIT[:10]} (main when this follow-up started); *now* is this checkout. "
        f"Load average {load:.1f} on 2 cores (figures are counts, not times).", "",
        *rule_table(rows, tallies, first_run_tally()), "",
        "## The main narrowing, replayed on the first runs", "",
        "Two questions in one turn are double-barrelled only back to back since this "
        "follow-up. Replayed on that rule's flags in every held-out set's first run (each "
        "turn parsed by the rules of its first run), the flags it keeps and drops, hits / "
        "false alarms:", "",
        "| flags of the first runs | hits | false alarms | precision |",
        "| --- | --- | --- | --- |",
        *(f"| {k} | {h} | {a} | {Ratio(h, h + a)} |"
          for k, (h, a) in replayed_narrowing().items()), "",
        "## Kind, by the path that decided it", "",
        "Over the turns labelled as putting a question; a turn where the detector finds none "
        "counts under *nothing put* (always wrong). Rows by questions decided, most first; "
        "equal counts by the path's wording, A to Z.", "",
        *kind_table(kinds), ""]
    out = ROOT / "bench" / "results" / "craft_rule_reliability.md"
    write_results(out, "\n".join(text))
    print("\n".join(text))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
