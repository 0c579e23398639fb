"""Recall of the report redactor on planted personal details, and ordinary words it leaves alone.

Run from the project root::

    .venv/bin/python bench/bench_redaction.py

It prints the table and writes it to ``bench/results/redaction.md``. The planted set is
``tests/data/redaction/planted.txt`` (how it was written and scored: the README beside it).
Targets (issue 11): recall ≥ 0.95 for contact details, ≥ 0.90 for names, ordinary
capitalised words untouched in ≥ 98 % of cases. Speed is measured against the old regex
redactor's figure as a ratio, and per 1,000 quotes of the sample study.
"""

from __future__ import annotations

import inspect
import os
import platform
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _results_file import write_results  # noqa: E402

PLANTED = ROOT / "tests" / "data" / "redaction" / "planted.txt"
RESULT = ROOT / "bench" / "results" / "redaction.md"
SAMPLE = ROOT / "data" / "invoicing-onboarding"
TARGETS = {"contact": 0.95, "name": 0.90, "study": 0.90, "keep": 0.98}
KINDS = {"n": "name", "s": "study", "c": "contact", "k": "keep"}
# Words that are glue, not identity: what is left of "jane [at] acme [dot] io" once the
# identifying words are gone is not a leak.
GLUE = {"at", "dot", "and", "com", "org", "net", "www", "http", "https", "co", "mailto", "in"}
_TAG = re.compile(r"<([nsck])>(.*?)</\1>")
_WORD = re.compile(r"[^\W_]{2,}")

# The same set scored with the redactor before issue 11's rewrite (synthesis/report/redaction.py
# of commit 816ad97: regexes for emails, links with a scheme or a path and phones of 7-15
# digits; participant names only as written in the name column; no name detector, no
# interviewers), measured once when the set was written and kept so the table shows before
# and after. Its speed then: 0.201 s per 1,000 sample notes.
BEFORE = {"name": (0, 103), "study": (5, 20), "contact": (40, 65), "keep": (132, 132)}
# The new redactor's first run on the set, before any change the set prompted.
FIRST_RUN = {"name": (92, 103), "study": (20, 20), "contact": (62, 65), "keep": (132, 132)}


@dataclass
class Item:
    kind: str  # name / study / contact / keep
    text: str
    line: int


@dataclass
class Planted:
    quotes: list[tuple[int, str, list[Item]]] = field(default_factory=list)
    participants: list[tuple[str, str]] = field(default_factory=list)
    interviewers: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)


def read_planted(path: Path = PLANTED) -> Planted:
    """The planted quotes (markers removed) with their items, and the study's roster."""
    out = Planted()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            tag, _, rest = line.partition(" ")
            if tag == "@participant":
                pid, _, name = rest.partition(" ")
                out.participants.append((pid, name))
            elif tag == "@interviewer":
                out.interviewers.append(rest)
            elif tag == "@term":
                out.terms.append(rest)
            continue
        items = [Item(KINDS[m.group(1)], m.group(2), number) for m in _TAG.finditer(line)]
        out.quotes.append((number, _TAG.sub(lambda m: m.group(2), line), items))
    return out


def identifying_words(item: Item) -> list[str]:
    """The words of an item that must not survive (2+ letters or digits, no glue, no TLD)."""
    text = item.text
    # The top-level domain of an address or link says nothing about who it is.
    text = re.sub(r"(?<=[^\W_])\.([^\W\d_]{2,})(?=$|/|\s)", " ", text)
    words = [w for w in _WORD.findall(text) if w.casefold() not in GLUE]
    return words or [text]


def survived(word: str, output: str, kind: str, elsewhere: str = "") -> bool:
    """Whether ``word`` is in ``output`` more often than in the rest of the line.

    ``elsewhere`` is the input line without the item: "Send the invoices to
    accounts+invoices@…" keeps its first "invoices" when the address is gone.
    """
    flags = 0 if kind == "keep" else re.IGNORECASE
    pattern = re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", flags)
    return len(pattern.findall(output)) > len(pattern.findall(elsewhere))


def build(planted: Planted):
    """The redactor under test, built the way a report builds it from a study."""
    import pandas as pd

    from synthesis.report.redaction import build_redactor

    people = pd.DataFrame({"participant_id": [p for p, _ in planted.participants],
                           "name": [n for _, n in planted.participants]})
    kwargs: dict[str, object] = {}
    if "interviewers" in inspect.signature(build_redactor).parameters:
        kwargs["interviewers"] = planted.interviewers
    if "texts" in inspect.signature(build_redactor).parameters:
        kwargs["texts"] = [text for _, text, _ in planted.quotes]  # as a report passes notes
    return build_redactor(people, terms=planted.terms, **kwargs)


def score(planted: Planted, redact) -> tuple[dict[str, list[int]], list[tuple[Item, str]]]:
    """[caught, total] per kind (kept words count as caught when they survive), and misses."""
    counts = {kind: [0, 0] for kind in KINDS.values()}
    misses = []
    for _, text, items in planted.quotes:
        output = redact(text)
        for item in items:
            words = identifying_words(item)
            elsewhere = text.replace(item.text, " ", 1)
            if item.kind == "keep":
                ok = survived(item.text, output, "keep", elsewhere)
            else:
                ok = not any(survived(w, output, item.kind, elsewhere) for w in words)
            counts[item.kind][1] += 1
            counts[item.kind][0] += ok
            if not ok:
                misses.append((item, output))
    return counts, misses


def sample_quotes() -> list[str]:
    from synthesis import open_study

    study = open_study(SAMPLE)
    try:
        return [str(t) for t in study.notes()["text"]]
    finally:
        study.close()


def speed(redact, texts: list[str], repeats: int = 5) -> float:
    """Median seconds per 1,000 texts."""
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        for t in texts:
            redact(t)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs) / len(texts) * 1000


def _fmt(caught: int, total: int) -> str:
    return f"{caught / total:.3f} ({caught} of {total})" if total else "–"


def main() -> int:
    planted = read_planted()
    started = time.perf_counter()
    redactor = build(planted)
    build_seconds = time.perf_counter() - started
    counts, misses = score(planted, redactor.text)
    texts = sample_quotes()
    per_thousand = speed(redactor.text, texts)
    labels = {"name": "names mentioned in quotes (name detector)",
              "study": "the study's own names in other spellings",
              "contact": "contact details (phones, emails, links, domains)",
              "keep": "ordinary capitalised words left untouched"}
    met = all(counts[k][0] / counts[k][1] >= t for k, t in TARGETS.items() if counts[k][1])
    lines = [
        "# Redaction of planted personal details",
        "",
        f"`tests/data/redaction/planted.txt`: {len(planted.quotes)} quotes holding "
        f"{counts['name'][1]} names of people mentioned (many languages), "
        f"{counts['study'][1]} of the study's own names in other spellings, "
        f"{counts['contact'][1]} contact details and {counts['keep'][1]} ordinary capitalised "
        "words. Written before the new detector and not changed while tuning it. "
        "Regenerate with `.venv/bin/python bench/bench_redaction.py`.",
        "",
        "| what | target | before (old regex redactor) | new redactor, first run | now |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for kind, target in TARGETS.items():
        lines.append(f"| {labels[kind]} | ≥ {target:.2f} | {_fmt(*BEFORE[kind])} | "
                     f"{_fmt(*FIRST_RUN[kind])} | {_fmt(*counts[kind])} |")
    lines += [
        "",
        f"Targets {'met' if met else 'NOT met'}. Machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. Building the redactor "
        f"(loading the name data): {build_seconds:.2f} s; redacting the sample study's "
        f"{len(texts)} notes: {per_thousand:.3f} s per 1,000 notes (median of 5; the old "
        "redactor: 0.201 s), done once per `synthesis run`.",
        "",
        "The first run's misses pointed at general bugs, fixed since (so the *now* column is "
        "no longer a blind figure): Faker's town lists made thousands of villages \"places\" "
        "that hid given names (Fátima) and surnames (de Vries); `.ie` was taken for \"i.e.\"; "
        "Spanish numbers written 912 345 678 were read as amounts; and the scorer counted a "
        "word that also stood elsewhere in the line as a leak. Reading the sample study's 706 "
        "notes redacted (32 notes changed against the old redactor, every change checked by "
        "eye) then found the false alarms the planted set did not have, also fixed: nationality "
        "words (German, Danish), function words that are names somewhere (An, Can, Ha), "
        "contractions (Don't), \"in Austin\", \"New York\", and everyday words that start a "
        "sentence (\"Dev shop\", \"Said the…\", learnt from the study's own lower-case words). "
        "Known cost of the last rule: \"Dev was a wizard…\" keeps its name when the same "
        "study also writes \"dev shop\".",
        "",
        "## What is still missed",
        "",
    ]
    if not misses:
        lines.append("Nothing in the planted set.")
    for item, output in misses:
        lines.append(f"- line {item.line}, {item.kind}: `{item.text}` → “{output}”")
    lines.append("")
    write_results(RESULT, "\n".join(lines))
    print("\n".join(lines))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
