"""Running one report notebook: papermill into a folder, then the offline HTML export.

This is the part of ``synthesis run`` that happens in its worker processes
(:mod:`synthesis.runner` hands out the reports). Each worker keeps one warm kernel for all
its reports and resets it between them (:mod:`synthesis.kernel_session`); a notebook that
fails is still written, with the traceback in the failing cell, and the failure is one
:class:`ReportOutcome`, never the run's.
"""

from __future__ import annotations

import functools
import json
import threading
import time
from dataclasses import dataclass, field
from multiprocessing import util
from pathlib import Path
from typing import Any

import nbformat
import papermill
from jupyter_core.utils import run_sync
from papermill.exceptions import PapermillExecutionError

from ..errors import SynthesisError
from ..kernel_session import KernelSession, ipc_kernel_manager
from .export import PLOTLY_SLOT, export_html, exporter

ROUND_NOTEBOOK = "round_report.ipynb"
PAPERMILL_TAGS = {"injected-parameters", "papermill-error-cell-tag"}

__all__ = ["ReportOutcome", "Job", "run_notebook", "run_job"]


@dataclass
class ReportOutcome:
    """One executed notebook: a round's report or the overview."""

    name: str  # the round id, or "overview"
    notebook: Path  # the executed notebook (kept on failure, for debugging)
    source: str = ROUND_NOTEBOOK  # the notebook it ran
    html: Path | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # processor time of the worker and its kernel for this report
    error: str | None = None  # "ExceptionName: message" when it failed
    cell: int | None = None  # 1-based position of the failing cell in the executed notebook
    cell_source: str | None = None  # first line of that cell's code
    summary: dict[str, Any] = field(default_factory=dict)  # summary.json, when written

    @property
    def ok(self) -> bool:
        return self.error is None

    def describe(self) -> str:
        """One line for the terminal: where the report is, or what broke and where."""
        if self.ok:
            return f"{self.name}: ok in {self.seconds:.1f} s -> {self.html}"
        where = ""
        if self.cell is not None:
            where = f" in cell {self.cell} of {self.source}" + (
                f" (`{self.cell_source}`)" if self.cell_source else "")
        return (f"{self.name}: FAILED{where}: {self.error} (executed notebook kept at "
                f"{self.notebook})")


@dataclass(frozen=True)
class Job:
    """One report for a worker: which notebook, where to build it, with which parameters."""

    name: str
    notebook: Path
    folder: Path
    parameters: dict[str, Any]
    kernel_name: str = "python3"
    timeout: int | None = 600


# -- in a worker process ------------------------------------------------------------------------
_session: KernelSession | None = None
_fresh = False


def start_worker(kernel_name: str, cwd: str, fresh_kernels: bool) -> None:
    """Initialise a worker process and start its warm kernel (before its first report)."""
    global _session, _fresh
    _fresh = fresh_kernels
    # The template compiles while the kernel starts (that is mostly waiting on the kernel).
    warm = threading.Thread(target=_warm_exporter, daemon=True)
    warm.start()
    if not fresh_kernels:
        _session = KernelSession(kernel_name, Path(cwd))
        # Worker processes end with os._exit, which skips atexit; Finalize still runs.
        util.Finalize(None, _session.discard, exitpriority=10)
        try:
            _session.ready()
        except Exception:  # the first report tries again and reports its own failure
            _session.discard()
    warm.join()


def _warm_exporter() -> None:
    """Compile the report template now, not during the worker's first report (~1 s)."""
    exporter().from_notebook_node(nbformat.v4.new_notebook(),  # type: ignore[attr-defined]
                                  resources={"synthesis_plotly_slot": PLOTLY_SLOT})


def run_job(job: Job) -> ReportOutcome:
    """Run one :class:`Job` in this worker (its warm kernel, or a kernel of its own).

    >>> pool.submit(run_job, Job("r1", notebook, staging / "r1", params))  # doctest: +SKIP
    """
    return run_notebook(job.notebook, job.folder, job.parameters, job.name,
                        kernel_name=job.kernel_name, timeout=job.timeout,
                        session=None if _fresh else _session)


def run_notebook(notebook: Path, folder: Path, parameters: dict[str, Any], name: str,
                 kernel_name: str = "python3", timeout: int | None = 600,
                 session: KernelSession | None = None) -> ReportOutcome:
    """Execute one notebook into ``folder/report.ipynb`` and export ``folder/report.html``.

    With a ``session`` the notebook runs in its warm kernel (reset first); without, in a
    kernel of its own that is shut down (and its client closed) when the notebook is done.

    >>> run_notebook(notebooks / "round_report.ipynb", Path("out/r1"),  # doctest: +SKIP
    ...              {"study": "data/invoicing-onboarding", "round": "r1"}, "r1").ok
    True
    """
    folder.mkdir(parents=True, exist_ok=True)
    executed = folder / "report.ipynb"
    html = folder / "report.html"
    html.unlink(missing_ok=True)  # a stale report must not pass for this run's
    (folder / "summary.json").unlink(missing_ok=True)
    outcome = ReportOutcome(name=name, notebook=executed, source=notebook.name)
    started, cpu = time.perf_counter(), time.process_time()
    own = None
    kernel_cpu = _KernelClock(session.km if session is not None else None)
    try:
        extra: dict[str, Any] = {"output": str(folder)}
        if "embed_plotly" in declared_parameters(str(notebook)):
            # plotly.js goes into the HTML at export, not into the notebook papermill saves
            # after every cell.
            extra["embed_plotly"] = False
        if session is not None:
            km = session.ready()
            kernel_cpu = _KernelClock(km)
        else:
            own = km = ipc_kernel_manager()(kernel_name=kernel_name)
        # Saved once at the end (also when a cell fails), not after every cell: the saves
        # were a tenth of a report's time and nobody watches a half-run notebook here.
        papermill.execute_notebook(
            str(notebook), str(executed), parameters={**parameters, **extra},
            kernel_name=kernel_name, cwd=str(folder), progress_bar=False,
            log_output=False, execution_timeout=timeout, km=km,
            request_save_on_cell_execute=False)
        summary = _read_summary(folder)
        outcome.summary = summary
        export_html(executed, html, title=summary.get("title"))
        outcome.html = html
    except PapermillExecutionError as exc:
        outcome.error = f"{exc.ename}: {first_line(exc.evalue)}"
        outcome.cell, outcome.cell_source = _failing_cell(executed, exc)
    except (SynthesisError, OSError, RuntimeError, ValueError, TimeoutError) as exc:
        # Kernel that died or never started, a timeout, an export that failed: still one
        # report's problem, not the run's. The kernel may be wedged: the next report gets a
        # fresh one.
        outcome.error = f"{type(exc).__name__}: {first_line(str(exc))}"
        if session is not None:
            session.discard()
    finally:
        outcome.cpu_seconds = time.process_time() - cpu + kernel_cpu.elapsed()
        if own is not None:
            _shut_down(own)
    outcome.seconds = time.perf_counter() - started
    return outcome


class _KernelClock:
    """Processor time a kernel spends from now on (0 when it cannot be read)."""

    def __init__(self, km: Any) -> None:
        self.process = None
        try:
            # lazy: psutil (~15 ms) comes with ipykernel; without it the clock counts nothing
            import psutil

            self.process = psutil.Process(km.provisioner.pid)
            self.start = sum(self.process.cpu_times()[:2])
        except Exception:  # no kernel yet, or no way to see it: count nothing
            self.process = None

    def elapsed(self) -> float:
        if self.process is None:
            return 0.0
        try:
            return sum(self.process.cpu_times()[:2]) - self.start
        except Exception:
            return 0.0


@functools.lru_cache(maxsize=16)
def declared_parameters(path: str) -> dict[str, dict[str, Any]]:
    """The parameters a notebook declares (name → papermill's description)."""
    return dict(papermill.inspect_notebook(path))


def _shut_down(km: Any) -> None:
    """Kill a kernel of its own (its results are saved already) and close its clients."""
    km.release_clients()
    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # already gone
        pass


def _failing_cell(executed: Path, exc: Any) -> tuple[int | None, str | None]:
    """The failing cell's 1-based position in the *source* notebook and its first line.

    Papermill adds cells to the executed copy (the injected parameters, error banners), so
    positions count only the cells the researcher sees when they open the notebook.
    """
    source = (getattr(exc, "source", "") or "").strip()
    first = source.splitlines()[0] if source else None
    try:
        nb = nbformat.read(executed, as_version=4)
    except (OSError, ValueError):
        return None, first
    position = 0
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & PAPERMILL_TAGS:
            continue
        position += 1
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            lines = cell.source.strip().splitlines()
            return position, (lines[0] if lines else first)
    return None, first


def _read_summary(folder: Path) -> dict[str, Any]:
    path = folder / "summary.json"
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def first_line(text: str) -> str:
    """The first non-empty line of ``text`` ("" when there is none)."""
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    return lines[0] if lines else ""
