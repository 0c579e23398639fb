"""Does the board stay responsive while suggestions compute? (issue 15, "the board stays
responsive while they compute").

The kernel's side, in one process: a board on a synthetic round (bench_board.make_study:
60 % of the notes sorted), and moves handled as the browser sends them (store commit, ack,
state push), timed with the suggestion worker idle and then while it computes suggestions
for every unsorted note. Also timed: the ``suggest`` request itself (it reads the frames in
the kernel's thread before handing them to the worker), the worker's time, and the size of
the ``suggestions`` message. Both kinds of move run in the same process, one after the
other, so a busy machine slows both alike; the ratio is the figure.

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
from bench_board import make_study, pct  # noqa: E402

from synthesis import open_study  # noqa: E402
from synthesis.board import Board  # noqa: E402

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--moves", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-board-suggest-") as tmp:
        folder = Path(tmp) / "study"
        make_study(folder, args.notes, 60)
        study = open_study(folder, author="bench")
        board = Board(study, "r1")
        sent: list[dict[str, Any]] = []
        board.send = sent.append  # type: ignore[method-assign]
        frame = study.notes(round="r1")
        unsorted = [n for n, t in zip(frame["note_id"], frame["theme_ids"]) if not t]
        themes = list(study.themes()["theme_id"])
        # Warm-up: the model loads and every text is embedded once, as after a board opens.
        board.handle({"type": "suggest", "id": "warm"})
        board.suggestions.wait(600)
        idle, _ = timed_moves(board, unsorted, themes, 0, args.moves)
        t = time.perf_counter()
        board.handle({"type": "suggest", "id": "s1"})
        ask_ms = (time.perf_counter() - t) * 1000
        worker = board.suggestions._worker
        busy, during = timed_moves(board, unsorted, themes, args.moves, args.moves,
                                   lambda: worker is not None and worker.is_alive())
        board.suggestions.wait(600)
        answers = [m for m in sent if m.get("type") == "suggestions" and m.get("ok")]
        last = answers[-1]
        size_kb = len(json.dumps(last)) / 1024
        study.close()
    load = os.getloadavg()
    med_idle, med_busy = statistics.median(idle), statistics.median(busy)
    rows = [
        "# Board responsiveness while suggestions compute",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by "
        "`bench/bench_board_suggest.py`; load average before the end "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores "
        "(shared with other work).",
        "",
        f"A round of {args.notes:,} notes (60 % sorted, 60 themes), the board's kernel side "
        "in one process. A move is handled as the browser sends it: the store commits, the "
        "ack is sent, the placements are pushed.",
        "",
        "| | median ms | p95 ms |",
        "|---|---|---|",
        f"| a move, suggestion worker idle | {med_idle:.1f} | {pct(idle, 95):.1f} |",
        f"| a move while the worker computes ({during} of {args.moves} moves ran while "
        f"it did) | {med_busy:.1f} | {pct(busy, 95):.1f} |",
        f"| the `suggest` request in the kernel's thread (reads the frames) | "
        f"{ask_ms:.1f} | |",
        f"| the worker: suggestions for every unsorted note, in the background | "
        f"{last['ms']:.0f} | |",
        "",
        f"Moves while computing take {med_busy / med_idle:.2f}× the idle median. "
        f"The `suggestions` message for {len(last['suggested']):,} unsorted notes is "
        f"{size_kb:.0f} KB. The browser asks only when the store changed and no move is "
        "waiting for its ack.",
        "",
    ]
    RESULTS.write_text("\n".join(rows), encoding="utf-8")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
