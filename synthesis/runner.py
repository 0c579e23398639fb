"""The batch runner: every round's report notebook with papermill, the overview, HTML, an index.

``run_study`` is what ``synthesis run`` calls and what a scheduler or notebook can call too.
A run goes:

1. **check** the rounds and parameters asked for: an unknown round is refused with one
   sentence before any kernel starts, and nothing is written;
2. **read and redact the study once** (:func:`synthesis.report.snapshot.read_study`) and
   give each report a snapshot of only the rounds it shows (that round and the ones before
   it), so a report's cost does not grow with the number of rounds in the study;
3. **run the reports in parallel** in worker processes (``jobs``, default one per core),
   each keeping one warm kernel reset between its reports
   (:mod:`synthesis.kernel_session`); a failing report is one failure, named with its cell
   and error, and a worker that dies takes only its own report with it;
4. **publish each report as it completes**: built in a staging folder, moved into place with
   renames, then ``index.html`` rewritten from what is on disk
   (:mod:`synthesis.report.publish`), so a killed run never leaves an index linking a
   missing or half-written report.

The runner process itself only reads the study and hands out work, so its memory stays flat
however many reports a run makes.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import StudyError
from .membership import check_rounds
from .report.execute import (ROUND_NOTEBOOK, Job, ReportOutcome, declared_parameters,
                             first_line, run_job, run_notebook, start_worker)
from .report.index import write_index
from .report.publish import FAILED, keep_failed, publish, staging_folder
from .report.snapshot import read_study
from .resources import NOTEBOOKS, notebook_path, package_folder
from .study import open_study

__all__ = ["run_study", "run_notebook", "ReportOutcome", "RunResult", "check_rounds",
           "notebooks_dir", "notebook_parameters"]

OVERVIEW_NOTEBOOK = "study_overview.ipynb"
OVERVIEW = "overview"
# Parameters the runner sets itself for every notebook; users set the others with -p.
RUNNER_PARAMETERS = ("study", "round", "output", "embed_plotly", "snapshot",
                     "craft_appendix")

Progress = Callable[[str], None]


@dataclass
class RunResult:
    """Everything one ``synthesis run`` produced."""

    out_dir: Path
    index: Path
    reports: list[ReportOutcome]
    seconds: float = 0.0
    read_seconds: float = 0.0  # reading and redacting the study, once for the run
    jobs: int = 1

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.reports)

    @property
    def failures(self) -> list[ReportOutcome]:
        return [r for r in self.reports if not r.ok]

    def summary(self) -> str:
        """A few lines: one per report, then the index and the verdict."""
        lines = [r.describe() for r in self.reports]
        lines.append(f"index: {self.index}")
        failed = self.failures
        if failed:
            lines.append(f"{len(failed)} of {len(self.reports)} report(s) failed: "
                         f"{', '.join(r.name for r in failed)}.")
        else:
            lines.append(f"all {len(self.reports)} report(s) written in {self.seconds:.1f} s.")
        return "\n".join(lines)


def notebooks_dir() -> Path:
    """The folder of report notebooks shipped inside the package (see :mod:`synthesis.resources`).

    Examples
    --------
    >>> (notebooks_dir() / ROUND_NOTEBOOK).is_file()
    True
    """
    for name in (ROUND_NOTEBOOK, OVERVIEW_NOTEBOOK):
        notebook_path(name)  # one sentence if an installation lost one
    return package_folder(NOTEBOOKS)


def notebook_parameters(notebook: str = ROUND_NOTEBOOK) -> dict[str, dict[str, Any]]:
    """The parameters a report notebook declares (name → papermill's description)."""
    return dict(declared_parameters(str(notebooks_dir() / notebook)))


def run_study(study: str | Path, rounds: str | Iterable[str] = "all",
              out_dir: str | Path | None = None, parameters: Mapping[str, Any] | None = None,
              progress: Progress | None = None, overview: bool = True,
              kernel_name: str = "python3", timeout: int | None = 600,
              fresh_kernels: bool = False, jobs: int | None = None,
              craft_appendix: bool = False, shared_snapshot: bool = True) -> RunResult:
    """Run the round report for each round and the overview, export HTML, write an index.

    Parameters
    ----------
    study
        The study folder.
    rounds
        ``"all"`` (every round in study.toml, in order) or a list of round ids; an id the
        study does not have raises :class:`~synthesis.errors.StudyError` before anything
        starts or is written.
    out_dir
        Where reports go: ``<out_dir>/<round>/report.html`` (+ ``report.ipynb``,
        ``summary.json``), ``<out_dir>/overview/report.html`` and ``<out_dir>/index.html``.
        Default ``reports/<study folder name>`` under the working directory.
    parameters
        Extra notebook parameters (``title``, ``redact``, ``saturation_base``...).
    progress
        Called with one line of text per step (``print`` in the CLI).
    jobs
        Reports run at the same time (worker processes); default the number of cores.
    fresh_kernels
        A new kernel for every report instead of one warm kernel per worker (slower; for
        debugging a report that behaves differently alone).
    craft_appendix
        Include the interview-craft appendix in round reports.
    shared_snapshot
        ``False`` makes every notebook read and redact the whole study itself, as runs did
        before this runner (kept for the benchmark's baseline).

    Examples
    --------
    >>> result = run_study("data/invoicing-onboarding", out_dir="reports/")  # doctest: +SKIP
    >>> result.ok, result.index  # doctest: +SKIP
    (True, PosixPath('reports/index.html'))
    """
    started = time.perf_counter()
    say = progress or (lambda line: None)
    folder = Path(study).expanduser().resolve()
    params = _check_parameters(parameters or {})
    redact = bool(params.get("redact", True))
    out = Path(out_dir or Path("reports") / folder.name).expanduser().resolve()
    opened = open_study(folder)  # a clear error now beats one per notebook
    pool = None
    try:
        declared = opened.rounds()["round_id"].astype(str).tolist()
        wanted = check_rounds(declared, rounds, opened.name, then="nothing was run")
        workers = max(1, min(jobs or os.cpu_count() or 1, len(wanted) + int(overview)))
        out.mkdir(parents=True, exist_ok=True)
        # Workers start their kernels while this process reads and redacts the study.
        pool = _Pool(workers, kernel_name, str(out), fresh_kernels)
        say("reading and redacting the study (once for the whole run)…")
        begun = time.perf_counter()
        snapshot = read_study(opened, redact=redact) if shared_snapshot else None
        read_seconds = time.perf_counter() - begun
    except BaseException:
        if pool is not None:
            pool.close()
        raise
    finally:
        opened.close()
    staging = staging_folder(out)
    source = notebooks_dir()
    todo: list[Job] = []
    for name in [*wanted, *([OVERVIEW] if overview else [])]:
        notebook = source / (OVERVIEW_NOTEBOOK if name == OVERVIEW else ROUND_NOTEBOOK)
        extra: dict[str, Any] = {"study": str(folder)}
        if name != OVERVIEW:
            extra.update(round=name, craft_appendix=bool(craft_appendix))
        if snapshot is not None:
            path = staging / f"{name}.snapshot"
            snapshot.up_to(None if name == OVERVIEW else name).save(path)
            extra["snapshot"] = str(path)
        todo.append(Job(name, notebook, staging / name, {**params, **extra}, kernel_name,
                        timeout))
    order = [*declared, OVERVIEW]  # the index lists reports in the study's order
    failures: list[ReportOutcome] = []
    done: dict[str, ReportOutcome] = {}

    def index() -> Path:
        # The study's name as the reports show it: redacted by the run (or by the notebooks).
        name = snapshot.name if snapshot is not None else _name(done, folder.name)
        return write_index(out, name, order, failures, redacted=redact)

    def finish(outcome: ReportOutcome) -> None:
        if outcome.ok:
            outcome.html = publish(staging / outcome.name, out / outcome.name, staging)
            outcome.notebook = out / outcome.name / "report.ipynb"
        else:
            outcome.notebook = keep_failed(outcome.notebook, out, outcome.name) or \
                out / FAILED / f"{outcome.name}.ipynb"
            failures.append(outcome)
        done[outcome.name] = outcome
        index()
        say(f"[{len(done)}/{len(todo)}] {outcome.describe()}")

    say(f"running {len(todo)} report(s) on {workers} worker(s)…")
    try:
        pool.run(todo, finish)
    finally:
        pool.close()
        shutil.rmtree(staging, ignore_errors=True)
    return RunResult(out_dir=out, index=index(), reports=[done[job.name] for job in todo],
                     seconds=time.perf_counter() - started, read_seconds=read_seconds,
                     jobs=workers)


class _Pool:
    """Worker processes for the reports; a worker that dies fails its report only."""

    def __init__(self, workers: int, kernel_name: str, cwd: str, fresh: bool) -> None:
        self.workers, self.args = workers, (kernel_name, cwd, fresh)
        self.executor: ProcessPoolExecutor | None = None
        # Starting the process server and the workers takes seconds (they import papermill
        # and nbconvert, then start a kernel each): it happens beside the caller's own work.
        self._starting = threading.Thread(target=self._begin, daemon=True)
        self._starting.start()

    def _begin(self) -> None:
        self.executor = self._start(self.workers)

    def _start(self, workers: int) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(max_workers=workers, mp_context=_process_context(),
                                       initializer=start_worker, initargs=self.args)
        for _ in range(workers):  # start every worker (and its kernel) now
            executor.submit(os.getpid)
        return executor

    def run(self, todo: list[Job], finish: Callable[[ReportOutcome], None]) -> None:
        self._starting.join()
        pending = list(todo)
        for _attempt in range(3):  # a broken pool is replaced, at most twice
            if not pending:
                return
            if self.executor is None:
                self.executor = self._start(min(self.workers, len(pending)))
            # The longest report first (the overview bootstraps 1,000 interview orders), so
            # it does not run alone at the end while the other workers idle.
            pending.sort(key=lambda job: job.name != OVERVIEW)
            futures: dict[Future[ReportOutcome], Job] = {
                self.executor.submit(run_job, job): job for job in pending}
            pending = []
            for future in as_completed(futures):
                job = futures[future]
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    pending.append(job)
                    continue
                except Exception as exc:  # an error outside the notebook: this job's
                    outcome = ReportOutcome(job.name, job.folder / "report.ipynb",
                                            source=job.notebook.name,
                                            error=f"{type(exc).__name__}: "
                                                  f"{first_line(str(exc))}")
                finish(outcome)
            if pending:
                # The report a dead worker was running is lost with it; the others merely
                # queued in the broken pool get a new one. Whichever fails twice is failed.
                self.close()
        for job in pending:
            finish(ReportOutcome(job.name, job.folder / "report.ipynb",
                                 source=job.notebook.name,
                                 error="RuntimeError: the worker process running this report "
                                       "died (out of memory or killed)"))

    def close(self) -> None:
        self._starting.join()
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None


def _process_context() -> Any:
    """Workers forked from a clean server process (Linux) or spawned (elsewhere), never forked
    from the runner itself, which may hold threads and sockets."""
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["synthesis.report.execute", "papermill",
                                        "nbconvert", "nbformat"])
        return context
    return multiprocessing.get_context("spawn")


def _name(done: Mapping[str, ReportOutcome], default: str) -> str:
    for outcome in done.values():
        if outcome.summary.get("study"):
            return str(outcome.summary["study"])
    return default


def _check_parameters(parameters: Mapping[str, Any]) -> dict[str, Any]:
    known = notebook_parameters(ROUND_NOTEBOOK)
    for key in parameters:
        if key in RUNNER_PARAMETERS:
            raise StudyError(f"parameter {key!r} is set by synthesis run itself; give the "
                             "study as STUDY, rounds with --rounds, the folder with --out "
                             "and the craft appendix with --craft-appendix.")
        if key not in known:
            allowed = ", ".join(k for k in known if k not in RUNNER_PARAMETERS)
            raise StudyError(f"the report notebooks have no parameter {key!r}; they take "
                             f"{allowed}.")
    return dict(parameters)
