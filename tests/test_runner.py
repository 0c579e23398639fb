"""The report notebooks under papermill and the batch runner, judged by the files they write.

Every assertion reads what lands on disk: the executed notebook, the exported HTML a
stakeholder opens, the index, the CLI's exit code and summary. Expected k-of-n figures are
counted in the test itself, from the study's frames with plain pandas (the sample study) or
by hand (the small study in ``_report_study``), never copied from the report code.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from markupsafe import escape

from synthesis import open_study
from synthesis.report.export import remote_references
from synthesis.report.offline import PLOTLY_MARK
from synthesis.resources import package_folder

sys.path.insert(0, str(Path(__file__).parent))
from _report_study import build_tiny_study

NOTEBOOKS = package_folder("notebooks")
PYTHON_BIN = Path(sys.executable).parent

pytestmark = pytest.mark.slow


# -- what every exported report must be ---------------------------------------------------------
def assert_stakeholder_html(html: str, notebook: Path) -> None:
    """Self-contained, plotly.js once, no code, every contents link lands on a section."""
    assert html.count(PLOTLY_MARK) == 1, "plotly.js must be embedded exactly once"
    assert remote_references(html) == []
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']?https?:", html)
    assert not re.search(r'class="[^"]*\bjp-(InputArea|InputPrompt|OutputPrompt|Editor)\b', html)
    assert 'class="highlight' not in html  # no syntax-highlighted code blocks
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                # Parameter lines carry comments a reader could mistake for report text.
                if "load_context(" in line or line.startswith(("show(", "from synthesis")):
                    assert line not in html, f"code is visible in the report: {line}"
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    links = re.findall(r'<nav[^>]*class="syn-toc".*?</nav>', html, re.S)
    assert links, "the report has no table of contents"
    targets = re.findall(r'href="#([^"]+)"', links[0])
    assert targets and all(t in ids for t in targets), set(targets) - ids


def theme_counts_from_frames(study_path: Path, round_id: str) -> tuple[dict[str, int], int]:
    """k per theme name and n for a round, counted with plain pandas from the study frames."""
    study = open_study(study_path)
    notes = study.notes(round=round_id)
    people = study.participants(round=round_id)
    sessions = study.sessions(round=round_id)
    n = len(set(people["participant_id"]) | set(sessions["participant_id"].dropna()))
    placed = notes.explode("themes").dropna(subset=["themes"])  # one row per note and theme
    k = placed.groupby("themes")["participant_id"].nunique().to_dict()
    study.close()
    return {str(name): int(v) for name, v in k.items()}, n


def theme_section(html: str, name: str) -> str:
    heading = f"</span>{escape(name)}</h3>"
    start = html.find(heading)
    assert start >= 0, f"no section for the theme {name!r}"
    return html[start: html.find("</section>", start)]


# -- the small study: hand-counted ---------------------------------------------------------------
@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return build_tiny_study(tmp_path_factory.mktemp("runner") / "tiny", extra_round="r3")


@pytest.fixture(scope="module")
def batch(tiny, tmp_path_factory):
    """``synthesis run`` over r1, r2 and the empty r3, two reports at a time."""
    out = tmp_path_factory.mktemp("batch") / "reports"
    proc = subprocess.run([str(PYTHON_BIN / "synthesis"), "run", str(tiny), "--rounds",
                           "r1,r2,r3", "--out", str(out), "--jobs", "2"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc, out


def index_links(out: Path) -> list[str]:
    return re.findall(r'href="([^"#]+)"', (out / "index.html").read_text(encoding="utf-8"))


def test_every_report_and_an_index_that_links_each(batch):
    proc, out = batch
    for good in ("r1", "r2", "r3", "overview"):
        assert sorted(p.name for p in (out / good).iterdir()) == \
            ["report.html", "report.ipynb", "summary.json"], good
    assert index_links(out) == ["r1/report.html", "r2/report.html", "r3/report.html",
                                "overview/report.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "4 reports in this folder" in index and remote_references(index) == []
    # Nothing else is left behind: no staging folder, no failed notebooks.
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "overview", "r1", "r2",
                                                     "r3"]
    assert "running 4 report(s) on 2 worker(s)" in proc.stdout


def test_an_unknown_round_is_refused_before_any_kernel_starts(tiny, tmp_path):
    out = tmp_path / "reports"
    runtime = tmp_path / "runtime"  # where a kernel would put its connection files
    proc = subprocess.run([str(PYTHON_BIN / "synthesis"), "run", str(tiny), "--rounds",
                           "r1,r9", "--out", str(out)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)})
    assert proc.returncode == 1
    assert proc.stderr == ("error: the study 'Invoicing pilot' has no round 'r9' (its rounds: "
                           "r1, r2, r3); nothing was run.\n")
    assert not out.exists() and not runtime.exists()
    assert "Traceback" not in proc.stderr and "reading" not in proc.stdout


PLANTED = "assert round != 'r2', 'a planted failure in round r2'"


def _notebooks_failing_in_r2(folder: Path) -> Path:
    """Copies of the report notebooks; the round report's 4th cell fails for r2 only."""
    folder.mkdir()
    nb = nbformat.read(NOTEBOOKS / "round_report.ipynb", as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(PLANTED))
    nbformat.write(nb, folder / "round_report.ipynb")
    (folder / "study_overview.ipynb").write_bytes((NOTEBOOKS / "study_overview.ipynb")
                                                   .read_bytes())
    return folder


def test_a_failing_round_does_not_stop_the_others(tiny, tmp_path, monkeypatch):
    from synthesis import runner

    out = tmp_path / "reports"
    folder = _notebooks_failing_in_r2(tmp_path / "notebooks")
    monkeypatch.setattr(runner, "notebooks_dir", lambda: folder)
    lines: list[str] = []
    result = runner.run_study(tiny, out_dir=out, jobs=2, progress=lines.append)
    assert [r.name for r in result.failures] == ["r2"]
    failed = result.failures[0]
    assert failed.describe().startswith(
        "r2: FAILED in cell 4 of round_report.ipynb (`" + PLANTED + "`): "
        "AssertionError: a planted failure in round r2 (executed notebook kept at ")
    # The others are complete; the failed notebook is kept outside any report folder.
    assert [p.name for p in sorted(out.iterdir())] == ["_failed", "index.html", "overview",
                                                       "r1", "r3"]
    kept = nbformat.read(out / "_failed" / "r2.ipynb", as_version=4)
    assert any(o.output_type == "error" for c in kept.cells if c.cell_type == "code"
               for o in c.outputs)
    assert index_links(out) == ["r1/report.html", "r3/report.html", "overview/report.html",
                                "_failed/r2.ipynb"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "3 reports in this folder; 1 failed in this run" in index
    assert "a planted failure in round r2" in index
    assert "1 of 4 report(s) failed: r2." in result.summary()
    # Fixed and run again: r2 is published and its old failure is gone.
    monkeypatch.undo()
    again = runner.run_study(tiny, rounds=["r2"], out_dir=out, overview=False, jobs=1)
    assert again.ok and not (out / "_failed" / "r2.ipynb").exists()
    assert index_links(out) == ["r1/report.html", "r2/report.html", "r3/report.html",
                                "overview/report.html"]


def test_the_index_lists_every_complete_report_in_the_folder(batch, tmp_path):
    import shutil

    from synthesis.report.index import write_index

    _, reports = batch
    out = tmp_path / "reports"
    shutil.copytree(reports, out)
    # An earlier run's report of a round since renamed, an internal (unredacted) report,
    # and a folder with no summary (not complete): only the first is listed.
    shutil.copytree(out / "r1", out / "r0")
    shutil.copytree(out / "r1", out / "internal")
    summary = json.loads((out / "internal" / "summary.json").read_text(encoding="utf-8"))
    (out / "internal" / "summary.json").write_text(json.dumps({**summary, "redacted": False}))
    (out / "half").mkdir()
    (out / "half" / "report.html").write_text("<p>half</p>")
    write_index(out, "Invoicing pilot", ["r1", "r2", "r3", "overview"])
    assert index_links(out) == ["r1/report.html", "r2/report.html", "r3/report.html",
                                "overview/report.html", "r0/report.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "5 reports in this folder" in index
    assert "1 internal (unredacted) report(s) in this folder are not listed" in index
    assert index.count("generated 20") == 5  # each report says when it was made


def test_a_killed_run_leaves_an_index_of_complete_reports_only(sample_study, tmp_path):
    """Kill ``synthesis run`` (SIGKILL, the whole process group) once r1 is published."""
    import signal

    out = tmp_path / "reports"
    proc = subprocess.Popen([str(PYTHON_BIN / "synthesis"), "run", str(sample_study), "--out",
                             str(out), "--jobs", "1"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not (out / "r1" / "report.html").exists():
            assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read()
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    links = index_links(out) if (out / "index.html").exists() else []
    # The overview runs first (the longest report), then r1: the kill can land between r1's
    # publish and the index's rewrite, so the index lists the overview, with or without r1.
    assert set(links) <= {"overview/report.html", "r1/report.html"}
    for link in links:
        folder = (out / link).parent
        assert sorted(p.name for p in folder.iterdir()) == ["report.html", "report.ipynb",
                                                            "summary.json"], link
    # Every report folder is complete, however far the run got; nothing half-written.
    for folder in out.iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            assert (folder / "report.html").is_file() and (folder / "summary.json").is_file()
            html = (folder / "report.html").read_text(encoding="utf-8")
            assert html.rstrip().endswith("</html>"), folder
    # The next run clears the killed run's staging folder and lists every report.
    result = subprocess.run([str(PYTHON_BIN / "synthesis"), "run", str(sample_study), "--out",
                             str(out), "--rounds", "r1"], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [p for p in out.iterdir() if p.name.startswith(".synthesis-run-")]
    assert index_links(out)[0] == "r1/report.html"


def test_round_reports_count_people_by_hand(batch):
    _, out = batch
    r1 = (out / "r1" / "report.html").read_text(encoding="utf-8")
    assert_stakeholder_html(r1, NOTEBOOKS / "round_report.ipynb")
    # Round 1: 4 participants. Bank: p01 (2 notes), p02, p03 -> 3 of 4, 4 notes;
    # smb p01+p02 of 2, enterprise p03 of 2 (p04 is the other enterprise).
    bank = theme_section(r1, "Bank connection anxiety")
    assert "<strong>3 of 4</strong> participants · 4 notes" in bank
    assert "smb <strong>2 of 2</strong>" in bank and "enterprise <strong>1 of 2</strong>" in bank
    # Importing: p01 alone -> 1 of 4 and flagged as resting on one participant.
    imports = theme_section(r1, "Importing old invoices")
    assert "<strong>1 of 4</strong>" in imports and "Rests on one participant" in imports
    # Quotes come from distinct people: bank has quotes from p01 and p02 only (p03's note is
    # an observation), so exactly two quotes, P01 and P02.
    assert re.findall(r"<footer>(P\d+)", bank) == ["P01", "P02"]
    assert r1.count('class="plotly-graph-div"') == 2  # themes, saturation (no earlier round)
    summary = json.loads((out / "r1" / "summary.json").read_text(encoding="utf-8"))
    assert summary["top_themes"][0] == {"theme": "Bank connection anxiety", "k": 3, "n": 4}

    r2 = (out / "r2" / "report.html").read_text(encoding="utf-8")
    assert_stakeholder_html(r2, NOTEBOOKS / "round_report.ipynb")
    # Round 2: p01, p05, p06. Tax: all three -> 3 of 3 (grown from 2 of 4);
    # Mobile approvals: p06 only -> new; Importing: nobody -> gone.
    assert "<strong>3 of 3</strong>" in theme_section(r2, "Tax settings confusion")
    assert "<strong>New</strong>: Mobile approvals (0 of 4 → 1 of 3)" in r2
    assert "<strong>Grown</strong>: Tax settings confusion (2 of 4 → 3 of 3)" in r2
    assert "<strong>No longer heard</strong>: Importing old invoices (1 of 4 → 0 of 3)" in r2
    assert r2.count('class="plotly-graph-div"') == 3  # themes, rounds, saturation


def test_an_empty_round_still_gets_a_report(batch):
    _, out = batch
    r3 = (out / "r3" / "report.html").read_text(encoding="utf-8")
    assert "No notes of this round are sorted into themes yet" in r3
    assert r3.count(PLOTLY_MARK) <= 1 and remote_references(r3) == []


def test_overview_spans_every_round(batch):
    _, out = batch
    page = (out / "overview" / "report.html").read_text(encoding="utf-8")
    assert_stakeholder_html(page, NOTEBOOKS / "study_overview.ipynb")
    # Over the study: tax p03, p04, p01, p05, p06 -> 5 of 6 participants.
    assert "<strong>Tax settings confusion</strong>: 5 of 6 participants" in page
    assert "3 of 3 · grown" in page and "0 of 3 · gone" in page


def test_unknown_parameter_is_one_clear_sentence(tiny, tmp_path):
    proc = subprocess.run([str(PYTHON_BIN / "synthesis"), "run", str(tiny), "-p", "colour=red",
                           "--out", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.startswith("error: the report notebooks have no parameter 'colour'")
    assert "Traceback" not in proc.stderr


# -- the sample study: counted from its frames ---------------------------------------------------
def test_papermill_command_as_written_on_the_sample_study(sample_study, tmp_path):
    """``papermill notebooks/round_report.ipynb out.ipynb -p study <rel> -p round r2``."""
    study = open_study(sample_study)
    rounds = study.rounds()["round_id"].tolist()
    study.close()
    round_id = "r2" if "r2" in rounds else rounds[-1]
    executed = tmp_path / "out.ipynb"
    proc = subprocess.run([str(PYTHON_BIN / "papermill"), str(NOTEBOOKS / "round_report.ipynb"),
                           str(executed), "-p", "study", sample_study.name, "-p", "round",
                           round_id, "-p", "output", str(tmp_path / "files")],
                          cwd=sample_study.parent, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    from synthesis.report.export import export_html

    html = export_html(executed, tmp_path / "report.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html, NOTEBOOKS / "round_report.ipynb")
    k, n = theme_counts_from_frames(sample_study, round_id)
    assert k, "the sample study's round has no sorted notes"
    for name, people in k.items():
        assert f"<strong>{people} of {n}</strong>" in theme_section(html, name), name
    summary = json.loads((tmp_path / "files" / "summary.json").read_text(encoding="utf-8"))
    top = max(k.values())
    assert summary["top_themes"][0]["k"] == top and summary["top_themes"][0]["n"] == n


def test_help_notebook_lists_every_parameter_with_its_meaning():
    proc = subprocess.run([str(PYTHON_BIN / "papermill"), "--help-notebook",
                           str(NOTEBOOKS / "round_report.ipynb")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    for name, words in [("study", "study folder"), ("round", "round to report on"),
                        ("output", "summary.json"), ("title", "title"),
                        ("redact", "pseudonyms"), ("saturation_base", "base size B"),
                        ("saturation_run", "run length R"),
                        ("saturation_threshold", "threshold τ")]:
        # papermill prints "name: type (default ...)" then the comment, on the same line or
        # the next one.
        block = re.search(rf"^  {name}: .*?(?=^  \w+: |\Z)", proc.stdout, re.S | re.M)
        assert block and words in " ".join(block.group(0).split()), (name, proc.stdout)


# -- the shared kernel --------------------------------------------------------------------------
def test_shared_kernel_forgets_everything_between_reports():
    from synthesis.kernel_session import KernelSession

    with KernelSession("python3", NOTEBOOKS, warm_up="") as session:
        session.ready()
        session._run("secret = 'from round 1'; import json")
        session.ready()  # what the runner does before the next report
        session._run("assert 'secret' not in globals() and 'json' not in globals()")
        session._run("assert get_ipython().execution_count == 1")
        with pytest.raises(RuntimeError, match="AssertionError"):
            session._run("assert 'secret' in globals()")  # the check itself can fail
        assert session.started == 1


def test_a_dead_kernel_is_replaced_before_the_next_report():
    from jupyter_core.utils import run_sync

    from synthesis.kernel_session import KernelSession

    with KernelSession("python3", NOTEBOOKS, warm_up="") as session:
        first = session.ready()
        run_sync(first.signal_kernel)(9)  # SIGKILL, as an out-of-memory kill would
        for _ in range(50):  # until the process is reaped
            if not session._alive():
                break
            time.sleep(0.1)
        second = session.ready()
        assert session.started == 2 and second is not first
        session._run("assert 1 + 1 == 2")
