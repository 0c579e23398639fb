"""Does the board stay responsive while suggestions compute? (issue 15, "the board stays
responsive while they compute").

The kernel's side, in one process: a board on a synthetic round (bench_board.make_study:
60 % of the notes sorted), and moves handled as the browser sends them (store commit, ack,
state push), timed with the suggestion worker idle and then while it computes suggestions
for every unsorted note. Also timed: the ``suggest`` request itself (what it costs the
kernel's thread), the work's time, and the size of
the ``suggestions`` message. The same moves also run while the work computes in a thread of
the kernel (``SYNTHESIS_SUGGEST_IN_PROCESS=1``), the way it first ran, as the baseline. All
runs are in one process, one after the other, so a busy machine slows each alike; the
ratios to the idle median are the figures.

    .venv/bin/python bench/bench_board_suggest.py [--notes 10000] [--moves 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from bench_board import make_study, pct

from synthesis import open_study
from synthesis.board import Board

RESULTS = Path(__file__).parent / "results" / "board_suggest.md"


def timed_moves(board: Board, notes: list[str], themes: list[str], start: int,
                count: int, busy: Any = None) -> tuple[list[float], int]:
    """Handle ``count`` moves; return their times (ms) and how many ran while ``busy()``."""
    times, during = [], 0
    for i in range(count):
        note = notes[start + i]
        msg = {"type": "move", "id": f"m{start + i}", "notes": [note],
               "to": themes[(start + i) % len(themes)], "from": "unsorted"}
        t = time.perf_counter()
        reply = board.handle(msg)
        times.append((time.perf_counter() - t) * 1000)
        assert reply["ok"], reply
        if busy is not None and busy():
            during += 1
    return times, during


def busy_moves(board: Board, unsorted: list[str], themes: list[str], start: int,
               count: int, in_process: bool) -> tuple[list[float], int, float, dict[str, Any]]:
    """Ask for suggestions and time ``count`` moves while they compute, the work in a thread
    of this process (``in_process``) or in the worker process. Returns the move times, how
    many ran while the work did, the request's own time and the answer."""
    os.environ["SYNTHESIS_SUGGEST_IN_PROCESS"] = "1" if in_process else "0"
    sent: list[dict[str, Any]] = []
    board.send = sent.append  # type: ignore[method-assign]
    t = time.perf_counter()
    board.handle({"type": "suggest", "id": "s"})
    ask_ms = (time.perf_counter() - t) * 1000
    worker = board.suggestions._worker
    times, during = timed_moves(board, unsorted, themes, start, count,
                                lambda: worker is not None and worker.is_alive())
    board.suggestions.wait(1200)
    answer = [m for m in sent if m.get("type") == "suggestions"][-1]
    assert answer["ok"], answer
    return times, during, ask_ms, answer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--moves", type=int, default=15)
    args = parser.parse_args(argv)
    n = args.moves
    with tempfile.TemporaryDirectory(prefix="bench-board-suggest-") as tmp:
        folder = Path(tmp) / "study"
        make_study(folder, args.notes, 60)
        study = open_study(folder, author="bench")
        board = Board(study, "r1")
        board.send = lambda _msg: None  # type: ignore[method-assign]
        frame = study.notes(round="r1")
        unsorted = [n for n, t in zip(frame["note_id"], frame["theme_ids"]) if not t]
        themes = list(study.themes()["theme_id"])
        # Warm-up, both ways: the model loads and every text is embedded once, in this
        # process and in the worker, as after a board has been open a while.
        for in_process in (True, False):
            busy_moves(board, unsorted, themes, 0, 0, in_process)
        idle, _ = timed_moves(board, unsorted, themes, 0, n)
        thread, t_during, t_ask, t_answer = busy_moves(board, unsorted, themes, n, n, True)
        proc, p_during, p_ask, answer = busy_moves(board, unsorted, themes, 2 * n, n, False)
        idle_after, _ = timed_moves(board, unsorted, themes, 3 * n, n)
        size_kb = len(json.dumps(answer)) / 1024
        study.close()
    load = os.getloadavg()
    idle_all = idle + idle_after  # before and after, so a change of load shows in both
    med_idle = statistics.median(idle_all)
    rows = [
        "# Board responsiveness while suggestions compute",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by "
        "`bench/bench_board_suggest.py`; load average at the end "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores "
        "(shared with other work).",
        "",
        f"A round of {args.notes:,} notes (60 % sorted, 60 themes), the board's kernel side "
        "in one process. A move is handled as the browser sends it: the store commits, the "
        "ack is sent, the placements are pushed. Each row is "
        f"{n} moves, in this order: idle, while suggestions compute in a thread of the "
        "kernel, while they compute in the worker process (what the board does), idle "
        "again; the idle row holds both idle runs.",
        "",
        "| | median ms | p95 ms | × idle median |",
        "|---|---|---|---|",
        f"| a move, nothing computing | {med_idle:.1f} | {pct(idle_all, 95):.1f} | 1 |",
        f"| a move while suggestions compute in a thread of the kernel ({t_during} of {n} "
        f"ran while they did) | {statistics.median(thread):.1f} | {pct(thread, 95):.1f} | "
        f"{statistics.median(thread) / med_idle:.2f} |",
        f"| a move while they compute in the worker process ({p_during} of {n} ran while "
        f"they did) | {statistics.median(proc):.1f} | {pct(proc, 95):.1f} | "
        f"{statistics.median(proc) / med_idle:.2f} |",
        "",
        "The `suggest` request's own time in the kernel's thread (it reads nothing: the worker "
        "reads the study with a connection of its own): "
        f"{p_ask:.0f} ms (the thread run: {t_ask:.0f} ms). The work itself, suggestions "
        f"for {len(answer['suggested']):,} unsorted notes with their reasons: "
        f"{answer['ms'] / 1000:.1f} s in the worker process (at a lower priority), "
        f"{t_answer['ms'] / 1000:.1f} s in a thread. The `suggestions` message is "
        f"{size_kb:.0f} KB. The browser asks only when the store changed and no move is "
        "waiting for its ack.",
        "",
    ]
    RESULTS.write_text("\n".join(rows), encoding="utf-8")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
