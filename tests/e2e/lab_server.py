"""Start a throwaway JupyterLab and drive it with Debian's Chromium (tests and the benchmark).

Everything here follows the traps listed in DESIGN.md: JupyterLab as root needs
``--allow-root``; auth is switched off (token and password empty) on 127.0.0.1 only; notebook
``windowingMode`` is ``none`` so every output stays in the page; Chromium is Debian's, found
on PATH, never a downloaded browser.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-dev-shm-usage",
]

# User settings: keep every cell output in the DOM, and no news/update toasts over the board.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
}


def artifacts_dir() -> Path:
    """The folder for screenshots and other artefacts: never inside the checkout.

    ``SYNTHESIS_ARTIFACTS`` when set (tests/conftest.py sets it for a pytest run, empties it
    first and prints it at the end), else ``synthesis-artifacts`` in the temporary folder.
    """
    folder = Path(os.environ.get("SYNTHESIS_ARTIFACTS")
                  or Path(tempfile.gettempdir()) / "synthesis-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_lab_settings(folder: Path) -> Path:
    for rel, value in LAB_SETTINGS.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    return folder


def end_process(proc: subprocess.Popen, timeout: float) -> None:
    """SIGTERM (JupyterLab then shuts its kernels down), SIGKILL if that takes too long."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


class LabServer:
    """A JupyterLab server on 127.0.0.1 with no auth, rooted at ``root``."""

    def __init__(self, root: Path, workdir: Path) -> None:
        self.root = root
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings = write_lab_settings(workdir / "lab-settings")
        env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings),
               "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"),
               "JUPYTERLAB_WORKSPACES_DIR": str(workdir / "workspaces"),
               "PYTHONUNBUFFERED": "1"}
        self.log_path = workdir / "jupyterlab.log"
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
               "--ServerApp.port_retries=0", f"--ServerApp.root_dir={root}",
               "--IdentityProvider.token=", "--ServerApp.password=",
               "--ServerApp.disable_check_xsrf=True",
               f"--LabApp.user_settings_dir={settings}",
               f"--LabApp.workspaces_dir={workdir / 'workspaces'}"]
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, env=env,
                                     cwd=root)
        self._wait()

    def _wait(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not start in {timeout:.0f} s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def start_session(self, notebook: str) -> str:
        """Start the notebook's kernel through the REST API, before the page opens it.

        Opening a notebook with no session makes JupyterLab pick and start a kernel itself,
        and on a busy machine it was seen starting two and deleting the wrong one ("No
        Kernel"). With the session already there, the page just connects to it.
        """
        body = json.dumps({"path": notebook, "name": notebook, "type": "notebook",
                           "kernel": {"name": "python3"}}).encode()
        req = urllib.request.Request(f"{self.url}/api/sessions", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            # the server reports "starting" until a client connects: don't wait
            return json.load(r)["kernel"]["id"]

    def end_sessions(self, notebook: str) -> None:
        """End the notebook's sessions (and their kernels), leaving other notebooks' alone."""
        with urllib.request.urlopen(f"{self.url}/api/sessions", timeout=10) as r:
            sessions = json.load(r)
        for session in sessions:
            if session.get("path") == notebook:
                req = urllib.request.Request(f"{self.url}/api/sessions/{session['id']}",
                                             method="DELETE")
                urllib.request.urlopen(req, timeout=30).close()

    def shutdown_kernels(self) -> None:
        try:
            with urllib.request.urlopen(f"{self.url}/api/kernels", timeout=5) as r:
                kernels = json.load(r)
            for k in kernels:
                req = urllib.request.Request(f"{self.url}/api/kernels/{k['id']}",
                                             method="DELETE")
                urllib.request.urlopen(req, timeout=10).close()
        except OSError:
            pass

    def stop(self) -> None:
        self.shutdown_kernels()
        end_process(self.proc, timeout=15)
        self._log.close()


def need_chromium() -> None:
    """Fail a browser test without Chromium, unless SYNTHESIS_SKIP_BROWSER=1 says skip."""
    import pytest

    if chromium_path() is not None:
        return
    if os.environ.get("SYNTHESIS_SKIP_BROWSER") == "1":
        pytest.skip("SYNTHESIS_SKIP_BROWSER=1 and no chromium on PATH")
    pytest.fail("Debian's chromium is not on PATH: install it (apt-get install chromium) or "
                "set SYNTHESIS_SKIP_BROWSER=1 to skip the browser tests.", pytrace=False)


@contextmanager
def lab_and_browser(root: Path, workdir: Path) -> Iterator[tuple[LabServer, Any]]:
    """JupyterLab over ``root`` and Debian's Chromium under Playwright; both stopped after."""
    from playwright.sync_api import sync_playwright

    server = LabServer(root, workdir)
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            try:
                yield server, browser
            finally:
                browser.close()
    finally:
        server.stop()


class SynthesisLab:
    """``synthesis lab STUDY --round R --no-browser`` as a user runs it, in its own folders.

    ``synthesis`` is the command to run (the checkout's, or an installed wheel's). Only
    JupyterLab's user folders are pointed at ``workdir`` (settings, workspaces, runtime), so
    nothing of the machine's own JupyterLab state leaks in; token auth stays on, as for a
    user, and :attr:`url` is the tokened address the command prints.
    """

    def __init__(self, synthesis: str | Path, study: Path, round: str, workdir: Path, *,
                 env: dict[str, str] | None = None, timeout: float = 120.0) -> None:
        self.port = free_port()
        settings = workdir / "lab-settings"
        notifications = "@jupyterlab/apputils-extension/notification.jupyterlab-settings"
        (settings / notifications).parent.mkdir(parents=True, exist_ok=True)
        (settings / notifications).write_text(json.dumps(LAB_SETTINGS[notifications]),
                                              encoding="utf-8")
        env = {**(env or os.environ), "JUPYTERLAB_SETTINGS_DIR": str(settings),
               "JUPYTERLAB_WORKSPACES_DIR": str(workdir / "workspaces"),
               "JUPYTER_RUNTIME_DIR": str(workdir / "runtime"), "PYTHONUNBUFFERED": "1"}
        self.log_path = workdir / "synthesis-lab.log"
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(
                [str(synthesis), "lab", str(study), "--round", round, "--no-browser",
                 "--port", str(self.port)],
                cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.url = self._wait_for_url(timeout)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def _wait_for_url(self, timeout: float) -> str:
        pattern = re.compile(rf"http://127\.0\.0\.1:{self.port}/lab/tree/\S+\?token=\w+")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = pattern.search(self.log())
            if found:
                return found.group(0)
            if self.proc.poll() is not None:
                raise RuntimeError(f"synthesis lab exited early:\n{self.log()}")
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"synthesis lab printed no URL in {timeout:.0f} s:\n{self.log()}")

    def stop(self) -> None:
        """Stop JupyterLab (``synthesis lab`` became it) and with it the kernels it started."""
        end_process(self.proc, timeout=30)


def launch_chromium(playwright: Any, **kwargs: Any) -> Any:
    path = chromium_path()
    if path is None:
        raise RuntimeError("Debian's chromium is not on PATH: install the `chromium` package "
                           "(apt-get install chromium); a downloaded browser is not used.")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, **kwargs)


# Where each front end opens a notebook: JupyterLab, JupyterLab's single-document mode, and
# Notebook 7 (the `notebook` package, served by the same server).
UIS = ("lab", "doc", "notebook")


def notebook_url(server: LabServer, notebook: str, ui: str = "lab") -> str:
    """The page that opens ``notebook`` in one of :data:`UIS`."""
    if ui == "notebook":
        return f"{server.url}/notebooks/{notebook}"
    # A workspace per notebook: the default one would also reopen every notebook an
    # earlier page had open, and then there would be two boards in this page.
    workspace = re.sub(r"[^A-Za-z0-9-]", "-", Path(notebook).stem)
    return f"{server.url}/{ui}/workspaces/{workspace}/tree/{notebook}"


def open_board_notebook(page: Any, server: LabServer, notebook: str, cards: int,
                        timeout: float = 200_000, ui: str = "lab") -> Any:
    """Open ``notebook`` (in JupyterLab, single-document mode or Notebook 7), run all its
    cells from the Run menu, wait until each of the ``cards`` notes shows."""
    server.start_session(notebook)
    page.goto(notebook_url(server, notebook, ui), wait_until="domcontentloaded")
    page.locator(".jp-NotebookPanel").first.wait_for(timeout=timeout)
    # JupyterLab may still ask which kernel to use (seen even with the session already
    # there); the notebook names python3, so accept its default.
    dialog = page.locator(".jp-Dialog")
    idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
    prompts = page.locator(".jp-CodeCell .jp-InputPrompt")
    deadline = time.monotonic() + timeout / 1000
    # On a loaded machine a kernel was seen never to come alive ("Kernel never reached an
    # 'alive' state"): with nothing run after this long, start a new kernel and reload once.
    started = time.monotonic()
    retries = [started + 75, started + 135]
    ran_at = None
    seen: list[str] = []  # what the page showed, turn by turn, for the failure message
    misses: list[str] = []  # why "Run All" could not be clicked, for the failure message
    while time.monotonic() < deadline:
        if dialog.count():
            text = dialog.first.inner_text()
            if not text.startswith("Select Kernel"):
                raise AssertionError(f"JupyterLab shows a dialog: {text!r}")
            accept = dialog.locator("button.jp-mod-accept")  # "Select"
            if accept.count():
                accept.first.click()
            ran_at = None
        elif (texts := prompts.all_text_contents()) and all(
                re.fullmatch(r"\[\d+\]:", t.strip()) for t in texts):
            break  # every code cell ran (an empty list means the cells are not drawn yet)
        elif retries and time.monotonic() > retries[0]:
            retries.pop(0)
            server.end_sessions(notebook)
            server.start_session(notebook)
            # Through a blank page: going straight to the same address was seen aborted
            # (net::ERR_ABORTED) while the old page reacted to its kernel going away.
            page.goto("about:blank")
            try:
                page.goto(notebook_url(server, notebook, ui), wait_until="domcontentloaded",
                          timeout=timeout)
                page.locator(".jp-NotebookPanel").first.wait_for(timeout=timeout)
            except Exception as exc:  # noted, and the next turn goes on
                misses.append(str(exc).splitlines()[0][:120])
            ran_at = None
        elif (idle.count() or (ui == "notebook" and prompts.count())) and (
                ran_at is None or time.monotonic() - ran_at > 8):
            # A "Run All" sent while the kernel connection is still settling can be lost
            # (seen: only the first cell ran); run everything again if the kernel is idle
            # and some cell has not run 8 s later.
            try:
                page.get_by_role("menuitem", name="Run", exact=True).click(timeout=5000)
                page.get_by_role("menuitem", name="Run All Cells", exact=True).click(
                    timeout=5000)
            except Exception as exc:  # a dialog opened in between: handle it on the next turn
                misses.append(str(exc).splitlines()[0][:120])
                page.keyboard.press("Escape") if not dialog.count() else None
                continue
            ran_at = time.monotonic()
        seen.append(f"{prompts.all_text_contents()} idle={idle.count()} "
                    f"dialog={dialog.count()} ran={ran_at is not None}")
        page.wait_for_timeout(250)
    board = page.locator(".synthesis-board")
    try:
        board.wait_for(timeout=timeout)
    except Exception:
        failed = artifacts_dir() / "board-open-failed.png"
        page.screenshot(path=str(failed))
        outputs = page.locator(".jp-OutputArea-output").all_text_contents()
        raise AssertionError(
            f"the board never appeared (screenshot {failed}); cell outputs: {outputs!r}; "
            f"prompts: {prompts.all_text_contents()!r}; Run All misses: {misses[-3:]!r}; "
            f"last states: {sorted(set(seen[-40:]))!r}") from None
    wait_for_every_note(page, cards, timeout)
    return board


def wait_for_every_note(page: Any, notes: int, timeout: float = 180_000) -> None:
    """Wait until the page shows one board with a card for each of ``notes`` notes.

    Notes, not card elements: a note in several themes has a card in each of their columns.
    """
    page.wait_for_function(
        "n => { const b = document.querySelector('.synthesis-board'); if (!b) return false;"
        " const ids = new Set(); for (const el of b.querySelectorAll('[data-note-id]'))"
        " ids.add(el.dataset.noteId); return ids.size === n; }",
        arg=notes, timeout=timeout)


def drag(page: Any, source: Any, target: Any, tries: int = 3) -> None:
    """Drag ``source`` onto the middle of ``target`` with the mouse, as a person would.

    ``locator.drag_to`` presses the button, *then* scrolls the target into view; inside the
    board's scroll boxes Chromium then starts the drag from whatever slid under the pointer.
    Starting the drag first (a small move) and scrolling afterwards keeps the right source.

    Under load a card above the source can still grow between measuring it and pressing
    (suggestion chips drawn on it when they arrive), and the card that slid under the
    pointer is dragged instead. The board marks what is dragged (``.sb-dragging``: a card,
    or a dragged header's column): when that is not the source, the drag is let go on the
    dragged element itself, where dropping changes nothing, and started again.
    """
    for attempt in range(tries):
        source.scroll_into_view_if_needed()
        box = source.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 12)
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + 6, y + 6, steps=3)
        dragged = page.locator(".sb-dragging").first
        if (attempt == tries - 1 or not dragged.count()
                or source.evaluate("el => !!el.closest('.sb-dragging')")):
            break
        box = dragged.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 12),
                        steps=2)
        page.mouse.up()
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 40),
                    steps=6)
    page.mouse.up()
