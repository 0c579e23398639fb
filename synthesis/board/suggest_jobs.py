"""The board's suggestion work, run in a worker process so the kernel stays quick.

Measured (bench/results/board_suggest.md): on a 10,000-note round, computing suggestions in
a thread of the kernel made each move the researcher made meanwhile take 2.6–2.8 times as
long as with nothing computing (0.9–1.4 times with the work in this worker process), because
the work holds Python's global lock most of the time. In a process of its own
(started once per kernel with ``spawn``, and at a lower priority) it shares nothing with the
kernel but the machine's cores; it also keeps the model and the text embeddings loaded
between requests. Where no process can be started, the work runs in the calling thread.

Each job takes frames and returns plain data (what the board sends), so little crosses the
process boundary.

While the researcher drags, types a search or moves cards, :func:`hold` stops the worker
process (and it goes on where it was once the board has been quiet for :data:`QUIET_S`):
on a shared 2-core machine its core was what a drop's "saved" and a search's frame waited
for (bench/results/board.md).

The worker process dies with the kernel, whatever its state: a kernel killed (``SIGKILL``,
an out-of-memory kill) while the worker was stopped would otherwise leave it stopped for
good, since only this kernel would ever have resumed it. On Linux the worker asks the
system for a ``SIGKILL`` when its parent ends (``prctl(PR_SET_PDEATHSIG)``: it ends even a
stopped process); the thread that starts it lives as long as the kernel, because Linux
counts that thread, not the process, as the parent.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

import pandas as pd

LIKE_CHARS = 90  # a reason's note is shown on one line of a card
QUIET_S = 1.5  # the worker goes on this long after the researcher's last drag, key or move
T = TypeVar("T")

_lock = threading.Lock()
_starting = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_no_process = False  # a process could not be started here: work in the calling thread


def run_elsewhere(job: Callable[..., T], *args: Any) -> T:
    """Run ``job(*args)`` in the worker process and wait for it (from a worker thread).

    An error the job raises is raised here; a worker process that cannot start or dies is
    replaced by running the job in this thread. ``SYNTHESIS_SUGGEST_IN_PROCESS=1`` runs
    every job in the calling thread. The worker process ends when the kernel does, even
    when killed (see the module's text).

    Examples
    --------
    >>> run_elsewhere(max, 2, 3)  # doctest: +SKIP
    3
    """
    global _pool, _no_process
    if _no_process or os.environ.get("SYNTHESIS_SUGGEST_IN_PROCESS") == "1":
        return job(*args)
    with _starting:  # one thread starts the worker; hold() (under _lock) never waits for it
        with _lock:
            pool = _pool
        if pool is None and not _no_process:
            pool = _start_worker()
            with _lock:
                _pool, _no_process = pool, pool is None
    if pool is None:
        return job(*args)
    try:
        return pool.submit(job, *args).result()
    except (BrokenProcessPool, OSError):
        with _lock:
            _pool, _no_process = None, True
        return job(*args)


_dies_with_parent = False  # the worker process got its death signal (hold() may stop it)
_kernel_lasts = threading.Event()  # never set: the worker's parent thread waits on it


def _start_worker() -> ProcessPoolExecutor | None:
    """Start the worker process from a thread that lasts as long as the kernel.

    Linux sends a process's death signal when the *thread* that started it ends, and the
    board's jobs come from short-lived threads: started from one of them, the worker was
    killed as soon as that thread's first job was done.
    """
    started: queue.Queue[ProcessPoolExecutor | None] = queue.Queue()

    def parent() -> None:
        global _dies_with_parent
        try:
            pool = ProcessPoolExecutor(max_workers=1, initializer=_worker_start,
                                       initargs=(os.getpid(),),
                                       mp_context=multiprocessing.get_context("spawn"))
            # a first job starts the process here, in this thread, and says what it got
            _dies_with_parent = pool.submit(_death_signal_set).result()
        except Exception:  # any failure to start one: the work runs in the calling thread
            started.put(None)
            return
        started.put(pool)
        _kernel_lasts.wait()

    threading.Thread(target=parent, name="suggest-worker-parent", daemon=True).start()
    return started.get()


_hold_lock = threading.Lock()
_quiet_at = 0.0  # time.monotonic() when a hold ends
_stopped: list[int] = []  # worker processes stopped by hold()
_waker: threading.Thread | None = None


def hold(seconds: float = QUIET_S) -> bool:
    """Stop the worker process until ``seconds`` pass with no other hold; True if stopped.

    The board calls it at each drag, search key and move, so the work yields the cores to
    the page and the kernel while the researcher acts, and goes on from where it was (its
    result is the same) once they pause. Only where the platform can stop a process
    (``SIGSTOP``) and the worker dies with the kernel even when stopped (Linux): a worker
    stopped for good by a killed kernel would keep its memory forever. Elsewhere, and with
    no worker process running, nothing happens.

    Examples
    --------
    >>> stopped = hold(0.5)  # True when a worker process was running, and is stopped now
    >>> held()
    True
    >>> release(); held()
    False
    """
    global _quiet_at, _waker
    stop = getattr(signal, "SIGSTOP", None) if _dies_with_parent else None
    with _lock:
        pool = _pool
    pids = list(getattr(pool, "_processes", None) or {}) if pool is not None else []
    with _hold_lock:
        _quiet_at = time.monotonic() + seconds
        for pid in pids:
            if stop is None or pid in _stopped:
                continue
            try:
                os.kill(pid, stop)
            except OSError:  # gone already
                continue
            _stopped.append(pid)
        if _stopped and (_waker is None or not _waker.is_alive()):
            _waker = threading.Thread(target=_wake_when_quiet, name="suggest-hold", daemon=True)
            _waker.start()
        return bool(_stopped)


def held() -> bool:
    """Is a hold on (the researcher acted less than :data:`QUIET_S` ago)?

    Examples
    --------
    >>> release(); held()
    False
    """
    return time.monotonic() < _quiet_at


def release() -> None:
    """End any hold now: the worker process goes on at once.

    Examples
    --------
    >>> _ = hold(); release(); held()
    False
    """
    global _quiet_at
    with _hold_lock:
        _quiet_at = 0.0
        _resume()


def _resume() -> None:
    cont = getattr(signal, "SIGCONT", None)
    while _stopped:
        pid = _stopped.pop()
        if cont is not None:
            try:
                os.kill(pid, cont)
            except OSError:
                pass


def _wake_when_quiet() -> None:
    while True:
        with _hold_lock:
            left = _quiet_at - time.monotonic()
            if left <= 0 or not _stopped:
                _resume()
                return
        time.sleep(left)


def _worker_start(parent: int) -> None:
    """In the worker process, first: die with the kernel, then yield to it."""
    _die_with_parent(parent)
    _lower_priority()


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_death_signal = False  # in the worker process: the system kills it when its parent ends


def _die_with_parent(parent: int) -> None:
    """End this process when ``parent`` (the process that started it) ends, whatever its state.

    The check after ``prctl`` catches a parent that died before it: this process was
    adopted already, so its parent id is no longer ``parent``.
    """
    global _death_signal
    if _set_death_signal():
        _death_signal = True
        if os.getppid() != parent:
            os._exit(1)
        return
    # Fallback where prctl is missing (macOS, Windows, another libc): a thread that ends
    # this process once its parent has gone. A stopped process runs no thread, so there
    # hold() never stops the worker (it reads _death_signal through _death_signal_set).
    threading.Thread(target=_watch_parent, args=(parent,), name="watch-kernel",
                     daemon=True).start()


def _set_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends; True if done."""
    kill = getattr(signal, "SIGKILL", None)
    if not sys.platform.startswith("linux") or kill is None:
        return False
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return False
    return bool(prctl(_PR_SET_PDEATHSIG, int(kill), 0, 0, 0) == 0)


def _death_signal_set() -> bool:
    """(A job) did this worker process get its death signal?"""
    return _death_signal


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _lower_priority() -> None:
    """The worker yields to the kernel (and the browser) when the cores are busy.

    Where there is no ``os.nice`` (Windows) or it is not allowed, the worker keeps the
    kernel's priority: still another process, so the kernel stays free. (No example that
    runs: it would lower the priority of the process running it, for good.)
    """
    if not hasattr(os, "nice"):  # Windows
        return
    try:
        os.nice(5)
    except OSError:  # not allowed here: same priority, still another process
        pass


def suggest_job(notes: pd.DataFrame, themes: pd.DataFrame, round: str | None,
                drafts: int | str | None, top: int) -> dict[str, Any]:
    """Suggestions (with their reasons) and, when asked, drafts, as the board sends them.

    Examples
    --------
    >>> suggest_job(study.notes(), study.themes(), "r3", None, 3)["suggested"]["n-5"]
    ... # doctest: +SKIP
    [['t-export', 0.61, 'n-4'], ['t-bank', 0.12, 'n-3']]
    """
    # lazy: synthesis.suggest brings numpy, scipy and wordllama (scikit-learn for drafts):
    # seconds a board opening would wait for; only the worker process needs them
    from ..suggest import closest_members, suggest_for_round

    result = suggest_for_round(notes, themes, round, drafts=drafts, top=top)
    out = suggestion_payload(result.suggestions, closest_members(notes, result.suggestions),
                             notes)
    if result.drafts is not None:
        out["drafts"] = [{"label": str(d.label), "notes": [str(n) for n in d.notes],
                          "central": str(d.central_note)}
                         for d in result.drafts.itertuples(index=False)]
    return out


def similar_job(notes: pd.DataFrame, themes: pd.DataFrame, note: str | None,
                theme: str | None, among: list[str], top: int) -> list[list[Any]]:
    """``[note id, score]`` of the notes in ``among`` most like a note or a theme.

    Examples
    --------
    >>> similar_job(study.notes(), study.themes(), "n-5", None, ["n-6", "n-7"], 10)
    ... # doctest: +SKIP
    [['n-7', 0.41], ['n-6', 0.12]]
    """
    # lazy: as in suggest_job, only the worker process needs synthesis.suggest
    from ..suggest import similar_notes

    found = similar_notes(notes, note=note, theme=theme, themes=themes, among=among, top=top)
    return [[str(r.note_id), round(float(r.score), 3)] for r in found.itertuples(index=False)]


def suggestion_payload(suggestions: pd.DataFrame, reasons: pd.DataFrame,
                       notes: pd.DataFrame) -> dict[str, Any]:
    """The suggestions as the board gets them: small, and every text said once.

    ``suggested``: note id -> ``[theme id, score, like]`` best first, ``like`` the theme's
    note most like it (None for a theme with no notes yet); ``like``: those notes' text
    (cut to :data:`LIKE_CHARS` characters) and participant, as the note may be in another
    round whose cards the board does not have.

    Examples
    --------
    >>> suggestion_payload(result.suggestions, closest_members(notes, result.suggestions),
    ...                    notes)["suggested"]["n-5"]  # doctest: +SKIP
    [['t-export', 0.61, 'n-4'], ['t-bank', 0.12, 'n-3']]
    """
    why = {(str(r.note_id), str(r.theme_id)): str(r.like_note)
           for r in reasons.itertuples(index=False)}
    suggested: dict[str, list[list[Any]]] = {}
    for row in suggestions.sort_values(["note_id", "rank"], kind="stable").itertuples(
            index=False):
        nid, tid = str(row.note_id), str(row.theme_id)
        suggested.setdefault(nid, []).append([tid, round(float(row.score), 3),
                                              why.get((nid, tid))])
    wanted = set(why.values())
    like: dict[str, dict[str, Any]] = {}
    for row in notes[notes["note_id"].astype(str).isin(wanted)].itertuples(index=False):
        text = " ".join(str(row.text).split())
        if len(text) > LIKE_CHARS:
            text = text[:LIKE_CHARS - 1].rstrip() + "…"
        pid = getattr(row, "participant_id", None)
        like[str(row.note_id)] = {"text": text, "pid": None if pd.isna(pid) else str(pid)}
    return {"suggested": suggested, "like": like}
