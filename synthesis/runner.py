"""The batch runner: every round's report notebook with papermill, the overview, HTML, an index.

``run_study`` is what ``synthesis run`` calls and what a scheduler or notebook can call too.
Reports run one after another (the machine this targets has two cores) in one warm kernel that
is reset before each notebook (:mod:`synthesis.kernel_session`): starting a kernel and
importing pandas and plotly once per run instead of once per round roughly halves a run.
A failing round does not stop the others; its executed notebook (with the traceback in the
failing cell) is kept beside where its report would be, and a kernel that died or hung is
replaced before the next report.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

from .errors import StudyError, SynthesisError
from .kernel_session import KernelSession, ipc_kernel_manager
from .report.export import export_html
from .report.index import write_index
from .resources import NOTEBOOKS, notebook_path, package_folder
from .study import open_study

ROUND_NOTEBOOK = "round_report.ipynb"
OVERVIEW_NOTEBOOK = "study_overview.ipynb"
OVERVIEW = "overview"
# Parameters the runner sets itself for every notebook; users set the others with -p.
RUNNER_PARAMETERS = ("study", "round", "output", "embed_plotly")
PAPERMILL_TAGS = {"injected-parameters", "papermill-error-cell-tag"}

Progress = Callable[[str], None]


@dataclass
class ReportOutcome:
    """One executed notebook: a round's report or the overview."""

    name: str  # the round id, or "overview"
    notebook: Path  # the executed notebook (kept on failure, for debugging)
    source: str = ROUND_NOTEBOOK  # the notebook it ran
    html: Path | None = None
    seconds: float = 0.0
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


@dataclass
class RunResult:
    """Everything one ``synthesis run`` produced."""

    out_dir: Path
    index: Path
    reports: list[ReportOutcome]
    seconds: float = 0.0
    kernel_seconds: float = 0.0  # starting the shared kernel and importing the libraries

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
    return dict(_declared(str(notebooks_dir() / notebook)))


@functools.lru_cache(maxsize=16)
def _declared(path: str) -> dict[str, dict[str, Any]]:
    return dict(papermill.inspect_notebook(path))


def run_study(study: str | Path, rounds: str | Iterable[str] = "all",
              out_dir: str | Path | None = None, parameters: Mapping[str, Any] | None = None,
              progress: Progress | None = None, overview: bool = True,
              kernel_name: str = "python3", timeout: int | None = 600,
              fresh_kernels: bool = False) -> RunResult:
    """Run the round report for each round, then the overview, export HTML, write an index.

    Parameters
    ----------
    study
        The study folder.
    rounds
        ``"all"`` (every round in study.toml, in order) or a list of round ids. An id the
        study does not have fails that round (with the notebook's one-sentence error), not
        the run.
    out_dir
        Where reports go: ``<out_dir>/<round>/report.html`` (+ ``report.ipynb``),
        ``<out_dir>/overview/report.html`` and ``<out_dir>/index.html``. Default
        ``reports/<study folder name>`` under the working directory.
    parameters
        Extra notebook parameters (``title``, ``redact``, ``saturation_base``...).
    progress
        Called with one line of text per step (``print`` in the CLI).
    fresh_kernels
        Start a new kernel for every report instead of one warm kernel reset between
        reports (see :mod:`synthesis.kernel_session`); slower, for debugging a report that
        behaves differently alone.

    Examples
    --------
    >>> result = run_study("data/invoicing-onboarding", out_dir="reports/")  # doctest: +SKIP
    >>> result.ok, result.index  # doctest: +SKIP
    (True, PosixPath('reports/index.html'))
    """
    started = time.perf_counter()
    say = progress or (lambda line: None)
    folder = Path(study).expanduser().resolve()

    opened = open_study(folder)  # a clear error now beats one per notebook
    try:
        declared = opened.rounds()["round_id"].astype(str).tolist()
        name = str(opened.config.get("name") or folder.name)
    finally:
        opened.close()
    wanted = declared if rounds == "all" else [str(r) for r in rounds]
    out = Path(out_dir or Path("reports") / folder.name).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    params = _check_parameters(parameters or {})
    source = notebooks_dir()
    jobs = [(r, source / ROUND_NOTEBOOK, {"round": r}) for r in wanted]
    if overview:
        jobs.append((OVERVIEW, source / OVERVIEW_NOTEBOOK, {}))
    outcomes = []
    # Kernels work in the output folder, never in the (possibly installed, read-only)
    # package folder the notebooks come from.
    session = None if fresh_kernels else KernelSession(kernel_name, out)
    kernel_seconds = 0.0
    if session is not None:
        say("starting the report kernel (once for the whole run)…")
        begun = time.perf_counter()
        try:
            session.ready()
        except Exception as exc:  # each report will try again and report its own failure
            say(f"could not start the report kernel: {_first_line(str(exc))}")
        kernel_seconds = time.perf_counter() - begun
    try:
        for i, (job, notebook, extra) in enumerate(jobs, start=1):
            say(f"[{i}/{len(jobs)}] {job}: running {notebook.name}…")
            outcome = run_notebook(notebook, out / job,
                                   {**params, "study": str(folder), **extra}, name=job,
                                   kernel_name=kernel_name, timeout=timeout, session=session)
            outcomes.append(outcome)
            say(f"[{i}/{len(jobs)}] {outcome.describe()}")
    finally:
        if session is not None:
            session.discard()
    index = write_index(out, name, outcomes)
    return RunResult(out_dir=out, index=index, reports=outcomes,
                     seconds=time.perf_counter() - started, kernel_seconds=kernel_seconds)


def run_notebook(notebook: Path, folder: Path, parameters: Mapping[str, Any], name: str,
                 kernel_name: str = "python3", timeout: int | None = 600,
                 session: KernelSession | None = None) -> ReportOutcome:
    """Execute one notebook into ``folder/report.ipynb`` and export ``folder/report.html``.

    With a ``session`` the notebook runs in its warm kernel (reset first); without, in a
    kernel of its own.
    """
    folder.mkdir(parents=True, exist_ok=True)
    executed = folder / "report.ipynb"
    html = folder / "report.html"
    html.unlink(missing_ok=True)  # a stale report must not pass for this run's
    (folder / "summary.json").unlink(missing_ok=True)
    outcome = ReportOutcome(name=name, notebook=executed, source=notebook.name)
    started = time.perf_counter()
    try:
        extra: dict[str, Any] = {"output": str(folder)}
        if "embed_plotly" in _declared(str(notebook)):
            # plotly.js goes into the HTML at export, not into the notebook papermill saves
            # after every cell (4.8 MB each time).
            extra["embed_plotly"] = False
        # A kernel of its own is killed when the notebook is done: its state is saved already,
        # and a graceful shutdown sometimes waited seconds for ipykernel to exit.
        kernel: dict[str, Any] = {"kernel_manager_class": ipc_kernel_manager(),
                                  "shutdown_kernel": "immediate"}
        if session is not None:
            kernel = {"km": session.ready()}
        papermill.execute_notebook(
            str(notebook), str(executed), parameters={**parameters, **extra},
            kernel_name=kernel_name, cwd=str(folder), progress_bar=False,
            log_output=False, execution_timeout=timeout, **kernel)
        summary = _read_summary(folder)
        outcome.summary = summary
        export_html(executed, html, title=summary.get("title"))
        outcome.html = html
    except PapermillExecutionError as exc:
        outcome.error = f"{exc.ename}: {_first_line(exc.evalue)}"
        outcome.cell, outcome.cell_source = _failing_cell(executed, exc)
    except (SynthesisError, OSError, RuntimeError, ValueError, TimeoutError) as exc:
        # Kernel that died or never started, a timeout, an export that failed: still one
        # round's problem, not the run's. The kernel may be wedged: the next report gets a
        # fresh one.
        outcome.error = f"{type(exc).__name__}: {_first_line(str(exc))}"
        if session is not None:
            session.discard()
    outcome.seconds = time.perf_counter() - started
    return outcome


def _check_parameters(parameters: Mapping[str, Any]) -> dict[str, Any]:
    known = notebook_parameters(ROUND_NOTEBOOK)
    for key in parameters:
        if key in RUNNER_PARAMETERS:
            raise StudyError(f"parameter {key!r} is set by synthesis run itself; give the "
                             "study as STUDY, rounds with --rounds and the folder with --out.")
        if key not in known:
            allowed = ", ".join(k for k in known if k not in RUNNER_PARAMETERS)
            raise StudyError(f"the report notebooks have no parameter {key!r}; they take "
                             f"{allowed}.")
    return dict(parameters)


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


def _first_line(text: str) -> str:
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    return lines[0] if lines else ""
