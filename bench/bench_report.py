"""Benchmark: ``synthesis run`` on the sample study against the kernel start-up floor.

Two questions, both answered in one run on one machine:

1. **Time per round vs the floor.** The floor is running *and* exporting a notebook with one
   ``pass`` cell through the runner's own code path in a kernel of its own (papermill, then
   the report exporter): a kernel start, one execution, a shutdown, an HTML export. The
   runner itself starts one kernel per run and resets it between reports, so a round's time
   is its execution and export in that warm kernel; the kernel start and imports, paid once
   per run, are reported on their own line, and the per-report average including them too.
   The target is at most 2× the floor per round. ``--fresh-kernels`` runs (a kernel per
   report) are measured as well, for comparison.
2. **Report size vs plotly.min.js.** Every report embeds plotly.js once (about 4.8 MB). The
   rest is the report's *content*: the charts' data, the text, the board snapshot, the style
   sheet. The target is size ≤ 1.2 × plotly.min.js + content, i.e. plotly.js at most once and
   no more than a fifth of its size in other overhead; both numbers are reported.

Writes ``bench/results/report.md``. Run from the project root::

    .venv/bin/python bench/bench_report.py
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synthesis.runner import run_notebook, run_study  # noqa: E402

SAMPLE = ROOT / "data" / "invoicing-onboarding"
RESULTS = ROOT / "bench" / "results" / "report.md"
REPEATS = 5
TARGET_RATIO, TARGET_SIZE = 2.0, 1.2


def plotly_min_js() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def empty_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = folder / "empty.ipynb"
    nbformat.write(nb, path)
    return path


def floor_run(notebook: Path, out: Path) -> float:
    started = time.perf_counter()
    outcome = run_notebook(notebook, out, {}, name="empty")
    assert outcome.ok, outcome.describe()
    return time.perf_counter() - started


def size_parts(html: str, plotly_bytes: int) -> dict[str, int]:
    """Bytes of the report by what they are (UTF-8)."""
    def size(text: str) -> int:
        return len(text.encode("utf-8"))

    total = size(html)
    assert html.count("* plotly.js v") == 1, "plotly.js must be embedded exactly once"
    charts = sum(size(m) for m in re.findall(r"<script[^>]*>\s*window.PLOTLYENV=.*?</script>",
                                            html, re.S))
    style = sum(size(m) for m in re.findall(r"<style[^>]*>.*?</style>", html, re.S))
    board = 0
    start = html.find('<div class="syn-board-frame">')
    if start >= 0:
        end = html.find('<section class="syn-section', start)  # the next report section
        board = size(html[start: end if end > 0 else len(html)])
    content = total - plotly_bytes
    return {"total": total, "plotly": plotly_bytes, "content": content, "charts": charts,
            "style": style, "board": board, "text": content - charts - style - board}


def main() -> int:
    if not (SAMPLE / "study.toml").is_file():
        print(f"the sample study is missing at {SAMPLE}", file=sys.stderr)
        return 1
    plotly_bytes = plotly_min_js().stat().st_size
    work = Path(tempfile.mkdtemp(prefix="bench-report-"))
    try:
        study = work / "study"
        shutil.copytree(SAMPLE, study, ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm"))
        empty = empty_notebook(work)
        floor_run(empty, work / "warm-up")  # imports in this process, caches on disk
        floors: list[float] = []
        rounds: dict[str, list[float]] = {}
        fresh: dict[str, list[float]] = {}
        totals: list[float] = []
        setups: list[float] = []
        result = None
        for i in range(REPEATS):
            # Interleaved, so a busy moment on the machine hits every side alike.
            floors.append(floor_run(empty, work / f"floor-{i}"))
            result = run_study(study, out_dir=work / f"reports-{i}")
            assert result.ok, result.summary()
            totals.append(result.seconds)
            setups.append(result.kernel_seconds)
            for outcome in result.reports:
                rounds.setdefault(outcome.name, []).append(outcome.seconds)
            isolated = run_study(study, out_dir=work / f"fresh-{i}", fresh_kernels=True)
            assert isolated.ok, isolated.summary()
            for outcome in isolated.reports:
                fresh.setdefault(outcome.name, []).append(outcome.seconds)
        assert result is not None
        floor = statistics.median(floors)
        setup = statistics.median(setups)
        rows_time = []
        worst = 0.0
        for name, seconds in rounds.items():
            med = statistics.median(seconds)
            alone = statistics.median(fresh[name])
            if name != "overview":
                worst = max(worst, med / floor)
            rows_time.append(f"| {name} | {med:.2f} | {med / floor:.2f}× | {alone:.2f} | "
                             f"{alone / floor:.2f}× |")
        amortised = (setup + sum(statistics.median(v) for v in rounds.values())) / len(rounds)
        rows_size = []
        worst_size = 0.0
        for outcome in result.reports:
            assert outcome.html is not None
            parts = size_parts(outcome.html.read_text(encoding="utf-8"), plotly_bytes)
            budget = TARGET_SIZE * plotly_bytes + parts["content"]
            worst_size = max(worst_size, parts["total"] / plotly_bytes)
            rows_size.append(
                f"| {outcome.name} | {parts['total'] / 1e6:.2f} MB | "
                f"{parts['total'] / plotly_bytes:.3f}× | {parts['content'] / 1e3:.0f} kB | "
                f"{parts['charts'] / 1e3:.0f} kB | {parts['board'] / 1e3:.0f} kB | "
                f"{parts['style'] / 1e3:.1f} kB | {parts['text'] / 1e3:.0f} kB | "
                f"{'yes' if parts['total'] <= budget else 'NO'} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    per_round = [statistics.median(v) for k, v in rounds.items() if k != "overview"]
    fresh_median = statistics.median([statistics.median(v) for k, v in fresh.items()
                                      if k != "overview"])
    lines = [
        "# Report benchmark: `synthesis run` on the sample study",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; {REPEATS} interleaved repeats, medians. "
        "Regenerate with `.venv/bin/python bench/bench_report.py`.",
        "",
        "## Time per report vs the kernel start-up floor",
        "",
        f"Floor: a one-cell (`pass`) notebook run in a kernel of its own and exported through "
        f"the runner's code path: **{floor:.2f} s** (runs: "
        f"{', '.join(f'{s:.2f}' for s in floors)} s). Whole `synthesis run` (every round + "
        f"overview + index): {statistics.median(totals):.1f} s, of which starting the shared "
        f"kernel and importing the report libraries, once per run: {setup:.2f} s.",
        "",
        "| report | shared kernel: s (run + export) | vs floor | `--fresh-kernels`: s | "
        "vs floor |",
        "| --- | ---: | ---: | ---: | ---: |",
        *rows_time,
        "",
        f"Target ≤ {TARGET_RATIO:.0f}× the floor per round: worst round {worst:.2f}× "
        f"({'met' if worst <= TARGET_RATIO else 'NOT met'}); round reports median "
        f"{statistics.median(per_round) / floor:.2f}×. Counting the once-per-run kernel start "
        f"and imports, a report costs {amortised:.2f} s on average ({amortised / floor:.2f}× "
        f"the floor) on this {len(rounds)}-report study; with a kernel per report "
        f"(`--fresh-kernels`) round reports take "
        f"{fresh_median / floor:.2f}× "
        "the floor.",
        "",
        "## Report size vs plotly.min.js",
        "",
        f"plotly.min.js: {plotly_bytes / 1e6:.2f} MB ({plotly_bytes:,} bytes), embedded once "
        "per report. *Content* is every byte that is not plotly.js: chart data, board "
        "snapshot, style sheets, text and markup.",
        "",
        "| report | size | size ÷ plotly.min.js | content | charts | board | style | "
        "text + markup | ≤ 1.2 × plotly + content |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
        *rows_size,
        "",
        f"Largest report: {worst_size:.3f}× plotly.min.js, i.e. content adds "
        f"{(worst_size - 1) * 100:.1f} % on top of the library "
        f"({'within' if worst_size <= TARGET_SIZE else 'above'} the stricter reading, "
        f"size ≤ {TARGET_SIZE} × plotly.min.js).",
        "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
