"""The board's suggestion service: background work, stale results dropped, drafts in memory."""

from __future__ import annotations

import sqlite3
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

from synthesis import open_study
from synthesis.board.suggesting import BoardSuggestions
from synthesis.errors import StudyError


def _service(folder: Path, round: str = "r3") -> tuple[BoardSuggestions, list[dict]]:
    got: list[dict] = []
    return BoardSuggestions(open_study(folder), round, on_ready=got.append), got


def test_suggestions_arrive_from_a_worker_thread(sample_study: Path) -> None:
    """...and the kernel's thread reads nothing: the worker has a connection of its own."""
    service, got = _service(sample_study)
    threads: list[str] = []
    service.on_ready = lambda p: (threads.append(threading.current_thread().name),
                                  got.append(p))
    conn = service.study.store.conn
    service.study.store.conn = None  # any read on the kernel's connection would fail now
    ticket = service.request()
    assert service.wait()
    service.study.store.conn = conn
    assert threads == ["board-suggestions"]  # not the caller's thread
    (payload,) = got
    assert payload["ticket"] == ticket and payload["ok"] is True
    # r3: 155 notes, 25 sorted -> 130 unsorted notes, three themes each, best first.
    assert len(payload["suggested"]) == 130
    first = next(iter(payload["suggested"].values()))
    assert len(first) == 3 and all(len(s) == 3 for s in first)  # [theme id, score, like]
    assert first[0][1] >= first[1][1] >= first[2][1]
    themes = set(service.study.themes()["theme_id"])
    assert {s[0] for s in first} <= themes
    # Each reason is a note of that theme, and its text is sent once, cut to one line.
    notes = service.study.notes()
    in_theme = dict(zip(notes["note_id"], notes["theme_ids"]))
    for tid, _, like in first:
        assert like is not None and tid in in_theme[like]
        assert len(payload["like"][like]["text"]) <= 90
    assert "drafts" not in payload


def test_a_newer_request_overtakes_an_older_one(sample_study: Path) -> None:
    service, got = _service(sample_study)
    gate = threading.Event()
    real = service._compute

    def slow(*args):
        gate.wait(30)
        return real(*args)

    service._compute = slow
    service.request()
    second = service.request(drafts=3)
    gate.set()
    assert service.wait()
    assert [p["ticket"] for p in got] == [second]  # the first result was never shown
    assert len(got[0]["drafts"]) == 3


def test_drafts_are_renamed_merged_and_dismissed_in_memory_only(sample_study: Path) -> None:
    with sqlite3.connect(sample_study / "study.db") as conn:
        before = conn.execute("SELECT COUNT(*) FROM events").fetchone()
    service, _got = _service(sample_study)
    service.request(drafts=4)
    assert service.wait()
    keys = [d["key"] for d in service.drafts]
    assert keys == ["d1", "d2", "d3", "d4"]
    sizes = {d["key"]: len(d["notes"]) for d in service.drafts}
    service.rename_draft("d2", "  Sales   tax  ")
    assert service.draft("d2")["label"] == "Sales tax"
    service.merge_drafts("d3", "d2")
    assert [d["key"] for d in service.drafts] == ["d1", "d2", "d4"]
    assert len(service.draft("d2")["notes"]) == sizes["d2"] + sizes["d3"]
    service.dismiss_draft("d4")
    assert [d["key"] for d in service.drafts] == ["d1", "d2"]
    with pytest.raises(StudyError, match="gone"):
        service.dismiss_draft("d4")
    with pytest.raises(StudyError, match="needs a name"):
        service.rename_draft("d1", " ")
    with pytest.raises(StudyError, match="itself"):
        service.merge_drafts("d1", "d1")
    # A new request gives new keys, so a stale message cannot touch a new draft.
    service.request(drafts=2)
    assert service.wait()
    assert [d["key"] for d in service.drafts] == ["d5", "d6"]
    service.study.close()
    with sqlite3.connect(sample_study / "study.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone() == before


def test_a_failure_is_reported_not_raised(sample_study: Path) -> None:
    service, got = _service(sample_study)
    service.study.themes = lambda: (_ for _ in ()).throw(StudyError("boom"))
    service.request()  # returns at once: the worker reads the study, and reports its error
    assert service.wait()
    assert got == [{"ticket": 1, "ok": False, "error": "suggestions failed: boom"}]
    service, got = _service(sample_study)
    service.study.themes = lambda: pd.DataFrame({"theme_id": ["t-1"]})  # no names
    service.request()
    assert service.wait()
    assert got == [{"ticket": 1, "ok": False, "error": "suggestions failed: the themes "
                    "frame needs a 'name' column."}]


def test_the_work_runs_in_another_process_unless_told_not_to(monkeypatch) -> None:
    import os

    from synthesis.board.suggest_jobs import run_elsewhere

    worker = run_elsewhere(os.getpid)
    assert worker != os.getpid()
    assert run_elsewhere(os.getpid) == worker  # one process, kept: the model stays loaded
    assert run_elsewhere(os.nice, 0) >= 5  # it yields to the kernel when the cores are busy
    monkeypatch.setenv("SYNTHESIS_SUGGEST_IN_PROCESS", "1")
    assert run_elsewhere(os.getpid) == os.getpid()


def _state(pid: int) -> str:
    """A process's state letter from /proc: "T" stopped, "S" sleeping, "R" running."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def _stopped(pid: int, within: float = 5.0) -> bool:
    """Is the process stopped ("T"), waiting up to ``within`` s: SIGSTOP is delivered
    asynchronously, so on a loaded machine /proc can show it running for a moment after
    hold() returned."""
    import time

    deadline = time.monotonic() + within
    while _state(pid) != "T" and time.monotonic() < deadline:
        time.sleep(0.02)
    return _state(pid) == "T"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_hold_stops_the_worker_process_until_the_board_is_quiet() -> None:
    """While the researcher drags or types, the worker process is stopped; it goes on by
    itself once the board has been quiet for QUIET_S, and the hold is renewed by each call."""
    import os
    import time

    from synthesis.board import suggest_jobs

    worker = suggest_jobs.run_elsewhere(os.getpid)  # start the worker process
    try:
        first = time.monotonic()
        assert suggest_jobs.hold(2.0) is True
        assert suggest_jobs.held()
        assert _stopped(worker)
        time.sleep(1.0)
        second = time.monotonic()
        suggest_jobs.hold(2.0)  # another key: 2 s from now, not from the first hold
        time.sleep(max(0.0, first + 2.3 - time.monotonic()))  # past the first hold's end
        assert time.monotonic() < second + 2.0  # (else this machine stalled for a second)
        assert _state(worker) == "T"
        deadline = time.monotonic() + 5
        while _state(worker) == "T" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not suggest_jobs.held()
        assert _state(worker) != "T"
        # and it works again: a job submitted after the hold runs
        assert suggest_jobs.run_elsewhere(os.getpid) == worker
    finally:
        suggest_jobs.release()


def test_a_result_waits_while_the_board_is_held(sample_study: Path) -> None:
    """A hold keeps the worker thread from starting (it would read 10,000 notes in the
    kernel's process) and from sending a result while the researcher acts."""
    import time

    from synthesis.board import suggest_jobs

    service, got = _service(sample_study)
    try:
        suggest_jobs.hold(1.0)
        held_at = time.monotonic()
        service.request()
        time.sleep(0.5)
        assert got == []  # held: not even started
        assert service.wait()
        assert time.monotonic() - held_at >= 1.0
        assert len(got) == 1 and got[0]["ok"] is True
    finally:
        suggest_jobs.release()


# A kernel as the board uses it: the first job comes from a short-lived thread, then the
# researcher acts (a hold, long enough to outlast the test) and the kernel waits.
_KERNEL = """
import os, sys, threading, time
from synthesis.board import suggest_jobs
first = []
job = threading.Thread(target=lambda: first.append(suggest_jobs.run_elsewhere(os.getpid)))
job.start(); job.join()
time.sleep(0.3)
print(first[0], suggest_jobs.run_elsewhere(os.getpid), suggest_jobs.hold(600), flush=True)
time.sleep(600)
"""


def _gone(pid: int) -> bool:
    """Ended: no such process, or a zombie (dead, waiting for whoever adopted it to reap it)."""
    try:
        return _state(pid) == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_stopped_worker_process_dies_with_a_killed_kernel() -> None:
    """A kernel SIGKILLed while the researcher acts (its worker stopped) leaves no process
    behind: the worker outlives the thread that started it, and ends with the kernel."""
    import os
    import signal
    import subprocess
    import sys
    import time

    kernel = subprocess.Popen([sys.executable, "-c", _KERNEL], stdout=subprocess.PIPE,
                              text=True)
    worker = 0
    try:
        assert kernel.stdout is not None
        first, again, stopped = kernel.stdout.readline().split()
        worker = int(first)
        assert worker != kernel.pid
        assert int(again) == worker  # the same process after its first thread ended
        assert stopped == "True"
        assert _stopped(worker)
        kernel.send_signal(signal.SIGKILL)
        kernel.wait(timeout=10)
        deadline = time.monotonic() + 10
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(worker), f"worker {worker} left behind in state {_state(worker)}"
    finally:
        kernel.kill()
        if worker and not _gone(worker):
            os.kill(worker, signal.SIGKILL)


_STARTING = """
import threading
from synthesis.board import suggest_jobs
job = threading.Thread(target=suggest_jobs.run_elsewhere, args=(int,))
job.start()
while not any(t.name == "suggest-worker-parent" for t in threading.enumerate()):
    pass
free = suggest_jobs._lock.acquire(blocking=False)  # what hold() takes at each move
starting = job.is_alive()
if free:
    suggest_jobs._lock.release()
job.join()
print(free, starting)
"""


def test_a_move_does_not_wait_while_the_worker_process_starts() -> None:
    """Starting the worker (spawn, then importing pandas in it: a second or two) happens
    outside the lock a move's hold() takes, so the first moves on a board do not wait."""
    import subprocess

    run = subprocess.run([sys.executable, "-c", _STARTING], capture_output=True, text=True,
                         timeout=120)
    assert run.stdout.split() == ["True", "True"], run.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl (Linux)")
def test_a_worker_whose_kernel_died_before_it_was_set_ends_itself() -> None:
    """The worker's check after asking for its death signal: a parent that is not its
    parent any more (here, pid 1 never was) means it died first, and the worker exits."""
    import subprocess

    run = subprocess.run([sys.executable, "-c", "from synthesis.board.suggest_jobs import "
                          "_die_with_parent; _die_with_parent(1); print('still here')"],
                         capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stdout, run.stderr) == (1, "", "")


def test_the_worker_lowers_its_priority_where_it_can(monkeypatch) -> None:
    """os.nice(5) where there is one; no error where it is refused or missing (Windows).
    A stand-in os.nice, so the test process keeps its own priority."""
    from synthesis.board import suggest_jobs

    asked: list[int] = []
    monkeypatch.setattr(suggest_jobs.os, "nice", asked.append, raising=False)
    suggest_jobs._lower_priority()
    assert asked == [5]

    def refused(_: int) -> int:
        raise PermissionError("not allowed")

    monkeypatch.setattr(suggest_jobs.os, "nice", refused, raising=False)
    suggest_jobs._lower_priority()  # no error: same priority

    monkeypatch.delattr(suggest_jobs.os, "nice", raising=False)
    assert not hasattr(suggest_jobs.os, "nice")
    suggest_jobs._lower_priority()  # no AttributeError
