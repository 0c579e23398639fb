"""Benchmark: the craft audit of each round of the sample study, with and without its caches.

``craft_audit(study, round)`` reads every interviewer turn and scores every passage against
every key question. The per-string word work (``coverage.content_words`` and ``stem``,
``lexicon.is_english``, the compiled phrase patterns of ``lexicon.phrase_in``) is cached;
this times one audit per round with those caches emptied first (what a fresh kernel or
``synthesis run`` pays), and in the same run with the caches switched off (the code as it
was before them), alternating so a busy machine slows both alike. The question reader's own
cache (``questions._read``) is emptied in both, so only the new caches differ. Writes
``bench/results/craft.md``.

    .venv/bin/python bench/bench_craft.py
"""

from __future__ import annotations

import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synthesis import open_study  # noqa: E402
from synthesis.craft import audit as audit_module  # noqa: E402
from synthesis.craft import coverage, lexicon, questions, session  # noqa: E402

SAMPLE = ROOT / "data" / "invoicing-onboarding"
REPEATS = 7
CACHED = [(coverage, "content_words"), (coverage, "stem"), (lexicon, "is_english"),
          (session, "is_english"), (lexicon, "_phrase_re")]


def _clear() -> None:
    questions._read.cache_clear()
    for module, name in CACHED:
        fn = getattr(module, name)
        if hasattr(fn, "cache_clear"):  # switched off for the baseline: nothing to empty
            fn.cache_clear()


@contextmanager
def _uncached() -> Iterator[None]:
    """Every cached function replaced by the function it wraps, for the baseline."""
    saved = [(m, n, getattr(m, n)) for m, n in CACHED]
    try:
        for module, name, fn in saved:
            setattr(module, name, fn.__wrapped__)
        yield
    finally:
        for module, name, fn in saved:
            setattr(module, name, fn)


def _time(study: object, round_id: str) -> float:
    _clear()
    start = time.perf_counter()
    audit_module.craft_audit(study, round_id)
    return time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / SAMPLE.name
        # A copy: opening the store may write to it, and the sample must stay as committed.
        shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm"))
        study = open_study(folder)
        rounds = study.rounds()["round_id"].tolist()
        for r in rounds:  # warm-up: imports, the store's first reads
            audit_module.craft_audit(study, r)
        cached = {r: [] for r in rounds}
        plain = {r: [] for r in rounds}
        for _ in range(REPEATS):
            for r in rounds:
                cached[r].append(_time(study, r))
                with _uncached():
                    plain[r].append(_time(study, r))
        study.close()

    lines = ["# Craft audit benchmark", "",
             f"The sample study ({SAMPLE.relative_to(ROOT)}), `craft_audit(study, round)` per "
             f"round. Median of {REPEATS} runs after a warm-up, every cache emptied before "
             "each run (a fresh kernel's cost); the baseline runs the same code with the "
             "per-string caches switched off, alternating with it. "
             f"Python {platform.python_version()}.", "",
             "| round | without caches (s) | with caches (s) | saved |",
             "| --- | ---: | ---: | ---: |"]
    for r in rounds:
        a, b = statistics.median(plain[r]), statistics.median(cached[r])
        lines.append(f"| {r} | {a:.3f} | {b:.3f} | {1 - b / a:.0%} |")
    a = sum(statistics.median(v) for v in plain.values())
    b = sum(statistics.median(v) for v in cached.values())
    lines += [f"| all rounds | {a:.3f} | {b:.3f} | {1 - b / a:.0%} |", ""]
    out = ROOT / "bench" / "results" / "craft.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
