"""Does the board stay responsive while suggestions compute? (issue 15, "the board stays
responsive while they compute").

The kernel's side, in one process: a board on a synthetic round (bench_board.make_study:
60 % of the notes sorted), and moves handled as the browser sends them (store commit, ack,
state push), timed with the suggestion work idle and then while it computes suggestions
for every unsorted note. Each action stops the work for ``QUIET_S`` (1.5 s,
``synthesis.board.suggest_jobs.hold``), so moves made back to back after the ask would all
meet the work stopped, not computing: a move "while they compute" here comes after a pause
longer than the hold (``--pause``), and counts as one only if the work used the processor
in the pause just before it (the worker process's CPU time from /proc, or the kernel
thread's that computes in the baseline); the busy rows' figures are those moves', and
suggestions are asked for again when an answer comes before the last move (as the browser
asks after a move), so the work keeps running. Also timed: the ``suggest`` request itself (what
it costs the kernel's thread), the work's time, and the size of the ``suggestions``
message. The same moves also run while the work computes in a thread of the kernel
(``SYNTHESIS_SUGGEST_IN_PROCESS=1``: a hold cannot stop a thread once it computes), the way
it first ran, as the baseline. All runs are in one process, one after the other, so a busy
machine slows each alike; the ratios to the idle median are the figures. Linux (/proc).

    .venv/bin/python bench/bench_board_suggest.py [--notes 10000] [--moves 15] [--pause 2.0]
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
from _results_file import write_results
from bench_board import make_study, pct

from synthesis import open_study
from synthesis.board import Board, suggest_jobs

RESULTS = Path(__file__).parent / "results" / "board_suggest.md"
LOOK_S = 0.5  # the last part of each pause: did the work use the processor in it?


def timed_moves(board: Board, notes: list[str], themes: list[str], start: int,
                count: int) -> list[float]:
    """Handle ``count`` moves back to back; return their times (ms)."""
    times = []
    for i in range(count):
        note = notes[start + i]
        msg = {"type": "move", "id": f"m{start + i}", "notes": [note],
               "to": themes[(start + i) % len(themes)], "from": "unsorted"}
        t = time.perf_counter()
        reply = board.handle(msg)
        times.append((time.perf_counter() - t) * 1000)
        assert reply["ok"], reply
    return times


def work_cpu(board: Board, in_process: bool) -> tuple[Path | None, float]:
    """Whatever computes the suggestions, and its CPU seconds so far: the kernel's
    suggestion thread (``in_process``) or the worker process (its /proc stat file)."""
    if in_process:
        worker = board.suggestions._worker
        ident = worker.native_id if worker is not None and worker.is_alive() else None
        stat = None if ident is None else Path(f"/proc/self/task/{ident}/stat")
    else:
        processes = getattr(suggest_jobs._pool, "_processes", None) or {}
        stat = next((Path(f"/proc/{pid}/stat") for pid in processes), None)
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split() if stat is not None else []
    except OSError:  # it has ended
        return None, 0.0
    ticks = int(fields[11]) + int(fields[12]) if fields else 0  # utime + stime
    return stat, ticks / os.sysconf("SC_CLK_TCK")


def spaced_moves(board: Board, unsorted: list[str], themes: list[str], start: int,
                 count: int, in_process: bool, pause: float,
                 keep_busy: bool = False) -> tuple[list[float], list[bool], int]:
    """Time ``count`` moves, each after ``pause`` seconds (longer than the hold), as a
    researcher who stops to read. Returns their times (ms), for each whether it came just
    after the suggestion work used the processor (in this process's thread when
    ``in_process``, else in the worker process), and how many times suggestions were asked
    for again (``keep_busy``: when an answer came before the last move, as the browser
    does after a move)."""
    times: list[float] = []
    during: list[bool] = []
    asks = 0
    for i in range(count):
        worker = board.suggestions._worker
        if keep_busy and (worker is None or not worker.is_alive()):
            board.handle({"type": "suggest", "id": f"s{start + i}"})
            asks += 1
        time.sleep(max(0.0, pause - LOOK_S))
        before = work_cpu(board, in_process)
        time.sleep(LOOK_S)
        after = work_cpu(board, in_process)
        during.append(before[0] is not None and before[0] == after[0]
                      and after[1] > before[1])
        times += timed_moves(board, unsorted, themes, start + i, 1)
    return times, during, asks


def busy_moves(board: Board, unsorted: list[str], themes: list[str], start: int,
               count: int, in_process: bool,
               pause: float) -> tuple[list[float], int, float, dict[str, Any]]:
    """Ask for suggestions and time ``count`` spaced moves while they compute, the work in
    a thread of this process (``in_process``) or in the worker process. Returns the times
    of the moves that came while the work ran, how often it was asked again, the first
    request's own time and the last answer."""
    os.environ["SYNTHESIS_SUGGEST_IN_PROCESS"] = "1" if in_process else "0"
    sent: list[dict[str, Any]] = []
    board.send = sent.append  # type: ignore[method-assign]
    t = time.perf_counter()
    board.handle({"type": "suggest", "id": "s"})
    ask_ms = (time.perf_counter() - t) * 1000
    times, during, asks = spaced_moves(board, unsorted, themes, start, count, in_process,
                                       pause, keep_busy=True)
    board.suggestions.wait(1200)
    answer = [m for m in sent if m.get("type") == "suggestions"][-1]
    assert answer["ok"], answer
    return [t for t, ran in zip(times, during) if ran], asks, ask_ms, answer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--moves", type=int, default=15)
    parser.add_argument("--pause", type=float, default=suggest_jobs.QUIET_S + 0.5,
                        help="seconds before each timed move (more than the hold)")
    args = parser.parse_args(argv)
    n, pause = args.moves, args.pause
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
            busy_moves(board, unsorted, themes, 0, 0, in_process, pause)
        # the idle runs are spaced too (like for like); none should find the work running
        idle, i_during, _ = spaced_moves(board, unsorted, themes, 0, n, False, pause)
        thread, t_asks, t_ask, t_answer = busy_moves(board, unsorted, themes, n, n, True,
                                                     pause)
        proc, p_asks, p_ask, answer = busy_moves(board, unsorted, themes, 2 * n, n, False,
                                                 pause)
        idle_after, i_during2, _ = spaced_moves(board, unsorted, themes, 3 * n, n, False,
                                                pause)
        size_kb = len(json.dumps(answer)) / 1024
        study.close()
    load = os.getloadavg()
    idle_all = idle + idle_after  # before and after, so a change of load shows in both
    med_idle = statistics.median(idle_all)

    def row(label: str, times: list[float], asks: int) -> str:
        if not times:
            return f"| {label} (none of the {n} moves came while they did) | – | – | – |"
        asked = "1 request" if asks == 0 else f"{1 + asks} requests"
        return (f"| {label} ({len(times)} of {n} moves came while they did; {asked}) "
                f"| {statistics.median(times):.1f} | {pct(times, 95):.1f} "
                f"| {statistics.median(times) / med_idle:.2f} |")

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
        "ack is sent, the placements are pushed. Every action stops the suggestion work for "
        f"{suggest_jobs.QUIET_S} s (`suggest_jobs.hold`), so each timed move comes "
        f"{pause:.1f} s after the one before, when the work (if any) runs again; a move "
        "counts as made while the work computes if the work used the processor in the "
        f"{LOOK_S} s just before it (CPU time from /proc). Each row is {n} moves, in this "
        "order: idle, while suggestions compute in a thread of the kernel (a hold cannot "
        "stop a thread that computes; the baseline), while they compute in the worker "
        "process (what the board does: the move's own hold stops it), idle again; the idle "
        f"row holds both idle runs ({sum(i_during) + sum(i_during2)} of its moves found the "
        "work running: 0 expected). Suggestions are asked for again whenever an answer came "
        "before the run's last move (as the browser asks after a move); the busy rows' "
        "figures are those of the moves that came while the work ran.",
        "",
        "| | median ms | p95 ms | × idle median |",
        "|---|---|---|---|",
        f"| a move, nothing computing | {med_idle:.1f} | {pct(idle_all, 95):.1f} | 1 |",
        row("a move while suggestions compute in a thread of the kernel", thread, t_asks),
        row("a move while they compute in the worker process", proc, p_asks),
        "",
        "The `suggest` request's own time in the kernel's thread (it reads nothing: the worker "
        "reads the study with a connection of its own): "
        f"{p_ask:.0f} ms (the thread run: {t_ask:.0f} ms). The work itself, suggestions "
        f"for {len(answer['suggested']):,} unsorted notes with their reasons: "
        f"{answer['ms'] / 1000:.1f} s in the worker process (at a lower priority; the "
        "time from the read to the answer, the moves' holds included), "
        f"{t_answer['ms'] / 1000:.1f} s in a thread. The `suggestions` message is "
        f"{size_kb:.0f} KB. The browser asks only when the store changed and no move is "
        "waiting for its ack.",
        "",
    ]
    write_results(RESULTS, "\n".join(rows))
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
