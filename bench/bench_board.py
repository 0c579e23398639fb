"""Affinity board benchmark: real JupyterLab, Debian's Chromium, 2,000 and 5,000 notes.

Measured in one run, per board size (40 themes):

- render: the widget building its DOM from the synced state plus the browser's style and
  layout of it (``data-render-ms``), against a plain static HTML page holding the same cards
  with the same CSS (the board's own snapshot, parsed by the browser: from the first byte of
  its body to layout done). Alternating runs, medians, reported as a ratio (target ≤ 1.5×);
- drop -> committed to the store: the page stamps the drop, the kernel stamps the commit,
  both with the machine's wall clock (target p95 ≤ 50 ms); drop -> ack seen by the page too;
- search filtering: typing a query until the cards are filtered and laid out (≤ 100 ms).

    .venv/bin/python bench/bench_board.py                 # writes bench/results/board.md
    .venv/bin/python bench/bench_board.py --sizes 2000 --drops 10   # quicker
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from lab_server import LabServer, drag, launch_chromium, open_board_notebook  # noqa: E402

from synthesis import open_study  # noqa: E402
from synthesis.board.notebook import write_board_notebook  # noqa: E402
from synthesis.board.snapshot import snapshot_html  # noqa: E402
from synthesis.board.state import study_state  # noqa: E402
from synthesis.model import ImportBundle, Note, Participant, Theme  # noqa: E402

WORDS = ("invoice bank connect account checklist template logo export import client tax vat "
         "reminder payment late trial plan pricing accountant mobile phone setup step customer "
         "spreadsheet csv address confused worried honestly think probably really just like "
         "because when then never always the a to of and in it was I we they my our that this "
         "for on with but not so too much every week month first").split()
SEGMENTS = ("Freelancer", "Agency", "Small business", "Enterprise")
TOML = 'name = "Board benchmark ({n} notes)"\n\n[[rounds]]\nid = "r1"\nname = "Round 1"\n'


def make_study(folder: Path, notes: int, themes: int, seed: int = 42) -> None:
    """A synthetic round: 40 participants, ``themes`` themes, 60 % of notes sorted."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    (folder / "study.toml").write_text(TOML.format(n=notes), encoding="utf-8")
    study = open_study(folder, author="bench")
    people = [Participant(f"P{i:02d}", "r1", None, {"segment": SEGMENTS[i % 4],
                                                     "plan": rng.choice(["Trial", "Pro"])})
              for i in range(1, 41)]
    theme_rows = [Theme(f"t-{i:02d}", f"Theme {i}: " + " ".join(rng.sample(WORDS, 3)))
                  for i in range(1, themes + 1)]
    note_rows = []
    for i in range(notes):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 45))).capitalize()
        placed = (rng.choice(theme_rows).theme_id,) if rng.random() < 0.6 else ()
        note_rows.append(Note(f"n-{i:05d}", text, rng.choice(people).participant_id, "r1",
                              theme_ids=placed))
    study.apply_bundle(ImportBundle("bench", "notes", participants=people, notes=note_rows,
                                    themes=theme_rows))
    study.close()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def widget_render(page: Any, server: LabServer, notebook: str, cards: int
                  ) -> tuple[float, float, float, float]:
    """Re-run the notebook; return render ms, wall s to the board, build ms, attach-wait ms."""
    page.evaluate("() => document.querySelectorAll('.synthesis-board')"
                  ".forEach(b => b.dataset.old = '1')")
    started = time.perf_counter()
    run_all(page)
    page.wait_for_function(
        "n => { const b = document.querySelector('.synthesis-board:not([data-old])');"
        " return b && b.dataset.rendered === 'true'"
        " && b.querySelectorAll('[data-note-id]').length === n; }", arg=cards, timeout=120_000)
    wall = time.perf_counter() - started
    board = page.locator(".synthesis-board:not([data-old])")
    return (float(board.get_attribute("data-render-ms")), wall,
            float(board.get_attribute("data-build-ms")),
            float(board.get_attribute("data-attach-ms")))


def run_all(page: Any) -> None:
    """Run ▸ Run All Cells (retried: a click can land while JupyterLab redraws the menu bar)."""
    for attempt in range(3):
        try:
            page.keyboard.press("Escape")
            page.get_by_role("menuitem", name="Run", exact=True).click(timeout=10_000)
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click(timeout=10_000)
            return
        except Exception:
            if attempt == 2:
                raise


STATIC_TIMER_HEAD = "<script>window.__t0 = performance.now();</script>"
# The same end point as the board's own measure: the end of the first frame showing it.
STATIC_TIMER_TAIL = ("<script>requestAnimationFrame(() => setTimeout(() => {"
                     "window.__t1 = performance.now(); }, 0));</script>")


def static_page(state: dict[str, Any], folder: Path) -> Path:
    page = snapshot_html(state, scroll=True)
    page = page.replace("<body>", "<body>" + STATIC_TIMER_HEAD, 1)
    page = page.replace("</body>", STATIC_TIMER_TAIL + "</body>", 1)
    path = folder / "static-board.html"
    path.write_text(page, encoding="utf-8")
    return path


def static_render(page: Any, path: Path) -> float:
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("() => window.__t1 !== undefined")
    return float(page.evaluate("() => window.__t1 - window.__t0"))


def drops(page: Any, count: int, seed: int = 7) -> list[dict[str, float]]:
    rng = random.Random(seed)
    board = page.locator(".synthesis-board:not([data-old])")
    board.evaluate("el => el.scrollIntoView({block: 'start'})")
    board.evaluate("el => { el.sbTimings.length = 0; }")
    targets = board.locator("section[data-theme-id]").evaluate_all(
        "els => els.map(e => e.dataset.themeId).filter(t => t !== 'unsorted')")[:6]
    for _ in range(count):
        note = board.locator("[data-theme-id='unsorted'] [data-note-id]").nth(rng.randint(0, 5))
        drag(page, note, board.locator(f"section[data-theme-id='{rng.choice(targets)}']"))
        page.wait_for_function("() => document.querySelector('.synthesis-board:not("
                               "[data-old])').dataset.pending === '0'", timeout=10_000)
    timings = board.evaluate("el => el.sbTimings.slice()")
    assert len(timings) == count and all(t["ok"] for t in timings), timings
    return timings


def searches(page: Any) -> list[tuple[str, float, int]]:
    board = page.locator(".synthesis-board:not([data-old])")
    box = board.locator(".sb-search")
    out = []
    for query in ("invoice", "bank connect", "a", "zzzz", "", "tax", ""):
        box.fill(query)
        out.append((query, float(board.get_attribute("data-filter-ms")),
                    int(board.get_attribute("data-shown"))))
    return out


def run_size(browser: Any, server: LabServer, root: Path, notes: int, themes: int,
             repeats: int, n_drops: int) -> dict[str, Any]:
    folder = root / f"study-{notes}"
    make_study(folder, notes, themes)
    notebook = f"board-{notes}.ipynb"
    write_board_notebook(root / notebook, folder, "r1")
    study = open_study(folder)
    state = study_state(study, "r1")
    state_kb = len(json.dumps(state)) / 1024
    static = static_page(state, root)
    page = browser.new_page(viewport={"width": 1600, "height": 1100})
    open_board_notebook(page, server, notebook, notes)
    static_tab = browser.new_page(viewport={"width": 1600, "height": 1100})
    widget_ms, static_ms, walls, builds, attach = [], [], [], [], []
    for _ in range(repeats):  # alternate, so a busy machine slows both alike
        ms, wall, build, wait = widget_render(page, server, notebook, notes)
        widget_ms.append(ms)
        walls.append(wall)
        builds.append(build)
        attach.append(wait)
        static_ms.append(static_render(static_tab, static))
    static_tab.close()
    timings = drops(page, n_drops)
    search = searches(page)
    page.close()
    study.close()
    commit = [t["commitMs"] for t in timings]
    ack = [t["ackMs"] for t in timings]
    kernel = [t["kernelMs"] for t in timings]
    return {
        "notes": notes, "themes": themes, "state_kb": state_kb,
        "widget_ms": widget_ms, "static_ms": static_ms, "walls": walls, "builds": builds,
        "attach": attach,
        "ratio": statistics.median(widget_ms) / statistics.median(static_ms),
        "commit": commit, "ack": ack, "kernel": kernel, "search": search,
    }


def report(results: list[dict[str, Any]], chromium: str, repeats: int) -> str:
    lines = [
        "# Affinity board benchmark", "",
        f"Real JupyterLab ({_version('jupyterlab')}) and Debian's Chromium ({chromium}), "
        f"headless, 1600×1100 viewport; Python {platform.python_version()}, anywidget "
        f"{_version('anywidget')}. Synthetic round: 40 participants, 40 themes, 60 % of notes "
        "sorted, notes of 8–45 words. Render figures are medians of "
        f"{repeats} alternating runs (board, then static page); one run, so the ratios compare "
        "like with like on this (shared, 2-core) machine.", "",
        "| notes | board render (ms) | static page (ms) | ratio (target ≤ 1.5×) | "
        "drop → committed p50 / p95 (ms, target p95 ≤ 50) | drop → ack p95 (ms) | "
        "search, worst (ms, target ≤ 100) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        worst = max(ms for _, ms, _ in r["search"])
        lines.append(
            f"| {r['notes']:,} | {statistics.median(r['widget_ms']):.0f} | "
            f"{statistics.median(r['static_ms']):.0f} | {r['ratio']:.2f}× | "
            f"{pct(r['commit'], 0.5):.1f} / {pct(r['commit'], 0.95):.1f} | "
            f"{pct(r['ack'], 0.95):.1f} | {worst:.1f} |")
    lines += ["", "How each figure is taken:", "",
              "- *board render*: from the start of the widget's `render()` (building the whole "
              "DOM from the synced state with DocumentFragments) to the end of the first frame "
              "that shows it, after JupyterLab attached the output (`data-render-ms`: a "
              "`requestAnimationFrame` then a `setTimeout(0)`).",
              "- *static page*: the board's own static snapshot (same markup, same CSS, scroll "
              "boxes on) opened from a file in another tab of the same browser; timed from a "
              "script at the top of `<body>` to the end of the first frame after the last "
              "card was parsed (the same `requestAnimationFrame` + `setTimeout(0)`).",
              "- *drop → committed*: each drop is a real mouse drag in the page; the page "
              "stamps the drop (`performance.timeOrigin + performance.now()`), the kernel "
              "stamps the commit (`time.time()`) right after the store transaction; both are "
              "the machine's wall clock. *drop → ack* is when the page sees the reply.",
              '- *drop → ack* is what a person waits for before a card stops showing "saving…".'
              " It is longer than drop → committed because the reply has to wait for the page's"
              ' next frame: every frame that follows a change to the board spends time in '
              "Chromium's bookkeeping for `content-visibility: auto` (one intersection check "
              'per card; about 60 ms a frame at 5,000 cards in a Chromium trace) and in hover '
              'hit-testing. `content-visibility` is what keeps render and search fast, so it '
              'stays; grouping cards into chunks would cut that per-frame cost if 5,000-note '
              'boards become common.',
              "- *search*: the `input` handler filtering every card, plus the forced layout of "
              "the result (`data-filter-ms`).", ""]
    for r in results:
        lines += [f"## {r['notes']:,} notes", "",
                  f"- state synced to the browser: {r['state_kb']:.0f} KiB of JSON;",
                  "- board render runs (ms): " + ", ".join(f"{v:.0f}" for v in r["widget_ms"]),
                  "- of which building the DOM in JavaScript (ms): "
                  + ", ".join(f"{v:.0f}" for v in r["builds"])
                  + "; waiting for JupyterLab to attach the output (ms): "
                  + ", ".join(f"{v:.0f}" for v in r["attach"]),
                  "- static page runs (ms): " + ", ".join(f"{v:.0f}" for v in r["static_ms"]),
                  "- Run All → board on screen, including the kernel reading the store "
                  "(s): " + ", ".join(f"{v:.2f}" for v in r["walls"]),
                  f"- {len(r['commit'])} drops: drop → committed p50 {pct(r['commit'], .5):.1f}"
                  f" ms, p95 {pct(r['commit'], .95):.1f} ms, max {max(r['commit']):.1f} ms; "
                  f"kernel receipt → commit p95 {pct(r['kernel'], .95):.1f} ms; drop → ack "
                  f"p95 {pct(r['ack'], .95):.1f} ms",
                  "- search (query → ms, cards shown): " + "; ".join(
                      f"{q!r} → {ms:.1f} ms, {shown:,}" for q, ms, shown in r["search"]), ""]
    ok = all(r["ratio"] <= 1.5 and pct(r["commit"], .95) <= 50
             and max(ms for _, ms, _ in r["search"]) <= 100 for r in results if r["notes"] <= 2000)
    lines.append("Result: 2,000-note targets " + ("met." if ok else "NOT met (see above)."))
    return "\n".join(lines) + "\n"


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000])
    parser.add_argument("--themes", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--drops", type=int, default=30)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "board.md")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-board-"))
    root = work / "root"
    root.mkdir()
    server = LabServer(root, work)
    results = []
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            chromium = browser.version
            for size in args.sizes:
                print(f"{size} notes...", flush=True)
                results.append(run_size(browser, server, root, size, args.themes,
                                        args.repeats, args.drops))
            browser.close()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    text = report(results, chromium, args.repeats)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
