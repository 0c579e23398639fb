"""Benchmark: the craft audit of a 2,000-utterance study, today's code against the code before.

Issue 13 asks that reading the question(s) actually put in every turn keeps the audit of a
2,000-utterance study under 1.5× the time it took before. Both run here, in the same process
and alternating, so a busy machine slows both alike: "before" is ``synthesis/craft`` at
``_baseline.BASELINE_COMMIT`` (read from git), "after" this checkout.

The study is the sample study's own store, read through its Study API, twice over (the
second copy under other session ids) plus one real 72-minute podcast episode (Talk Python
538, `tests/data/craft/transcripts/`): 1,993 utterances in 49 sessions, with the episode's
long rambling turns as the hard case. Every cache of both packages is emptied before each
run (a fresh kernel's cost). Writes ``bench/results/craft.md``.

    .venv/bin/python bench/bench_craft.py
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _baseline import BASELINE_COMMIT, baseline_craft  # noqa: E402
from _results_file import write_results  # noqa: E402

import synthesis.craft as current  # noqa: E402
from synthesis import open_study  # noqa: E402
from synthesis.ingest import transcripts  # noqa: E402

SAMPLE = ROOT / "data" / "invoicing-onboarding"
EPISODE = ROOT / "tests" / "data" / "craft" / "transcripts" / "538-python-in-digital-humanities.vtt"
REPEATS = 9


class BenchStudy:
    """The sample study twice over plus one real episode, behind the Study methods the audit
    calls. Each call reads the real store again, as a fresh audit would."""

    def __init__(self, study: object) -> None:
        self._study = study
        self.config = study.config
        session = transcripts.parse_transcript(EPISODE, round_id="r1",
                                               session_id="tp538").sessions[0]
        self._sessions = pd.DataFrame([{
            "session_id": "tp538", "round_id": "r1", "participant_id": "P-TP538",
            "interviewers": session.interviewers, "speakers_known": session.speakers_known,
            "language": session.language}])
        self._utterances = pd.DataFrame([
            {"utterance_id": 10_000_000 + i, "session_id": "tp538", "position": i,
             "speaker": u.speaker, "role": u.role, "start_s": u.start_s, "end_s": u.end_s,
             "text": u.text, "ref": None} for i, u in enumerate(session.utterances)])

    def rounds(self) -> pd.DataFrame:
        return self._study.rounds()

    def check_round(self, round: str | None, then: str = "") -> str | None:
        return self._study.check_round(round, then)  # the audit checks the round it is given

    def guide(self) -> pd.DataFrame:
        return self._study.guide()

    def sessions(self, round: str | None = None) -> pd.DataFrame:
        return self._twice(self._study.sessions(round=round), self._sessions, round)

    def utterances(self, round: str | None = None) -> pd.DataFrame:
        extra = self._utterances.assign(round_id="r1")
        return self._twice(self._study.utterances(round=round), extra, round)

    @staticmethod
    def _twice(frame: pd.DataFrame, extra: pd.DataFrame, round: str | None) -> pd.DataFrame:
        copy = frame.assign(session_id=frame["session_id"].astype(str) + "·copy")
        if "utterance_id" in copy.columns:
            copy["utterance_id"] = copy["utterance_id"] + 1_000_000
        if round not in (None, "r1"):
            extra = extra.iloc[0:0]
        return pd.concat([frame, copy, extra[[c for c in extra.columns if c in frame.columns]]],
                         ignore_index=True)


def _clear(package: ModuleType) -> None:
    """Empty every lru_cache in the package's modules."""
    for module in list(sys.modules.values()):
        if module is None or not getattr(module, "__name__", "").startswith(package.__name__):
            continue
        for value in vars(module).values():
            if callable(value) and hasattr(value, "cache_clear"):
                value.cache_clear()


def _time(package: ModuleType, study: BenchStudy) -> float:
    _clear(package)
    start = time.perf_counter()
    package.craft_audit(study)
    return time.perf_counter() - start


def main() -> int:
    old = baseline_craft()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / SAMPLE.name  # a copy: the sample must stay as committed
        shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm"))
        real = open_study(folder)
        study = BenchStudy(real)
        n_utts = len(study.utterances())
        n_sessions = len(study.sessions())
        for package in (old, current):  # warm-up: imports, the store's first reads
            package.craft_audit(study)
        times: dict[str, list[float]] = {"before": [], "after": []}
        load_start = os.getloadavg()[0]  # other helpers share the cores: say how busy it was
        for _ in range(REPEATS):
            times["before"].append(_time(old, study))
            times["after"].append(_time(current, study))
        real.close()
        load_end = os.getloadavg()[0]

    # Other work on the machine slows single runs a lot; the fastest run of each is the best
    # estimate of its own cost, and the median of the paired ratios the fairest comparison.
    before, after = (min(times[k]) for k in ("before", "after"))
    ratio = statistics.median(a / b for a, b in zip(times["after"], times["before"]))
    lines = [
        "# Craft audit benchmark", "",
        f"`craft_audit(study)` of a {n_utts:,}-utterance study ({n_sessions} sessions: the "
        "sample study's store read through its Study API twice over, plus Talk Python 538, a "
        f"72-minute real episode). {REPEATS} runs of each after a warm-up, alternating, every "
        "cache of both packages emptied before each run; the table shows the fastest run of "
        f"each and the median of the {REPEATS} paired ratios. Before: `synthesis/craft` at "
        f"{BASELINE_COMMIT[:10]} (before issue 13), read from git; after: this checkout. "
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores; "
        f"load average (1 min) {load_start:.1f} at the start and {load_end:.1f} at the end "
        "(the machine is shared).", "",
        "Target (issue 13): after ≤ 1.5 × before.", "",
        "| study | before, fastest (s) | after, fastest (s) | after ÷ before (median of pairs) |",
        "| --- | ---: | ---: | ---: |",
        f"| {n_utts:,} utterances | {before:.3f} | {after:.3f} | {ratio:.2f}× |", "",
        "Runs (s): before " + ", ".join(f"{t:.3f}" for t in times["before"])
        + "; after " + ", ".join(f"{t:.3f}" for t in times["after"]) + ".", ""]
    out = ROOT / "bench" / "results" / "craft.md"
    write_results(out, "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
