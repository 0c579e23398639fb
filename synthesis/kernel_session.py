"""One warm Jupyter kernel for a whole ``synthesis run``, reset between reports.

Starting a kernel and importing pandas, plotly and the report code costs more than building
a report, and it is the same for every round. The runner therefore starts one kernel per run,
imports the report libraries into it once, and before each report clears everything the
previous one defined (``InteractiveShell.reset``: user namespace, history, execution count),
so each notebook still starts from an empty namespace as it would by hand. Only imported
modules stay cached. Any failure that is not an ordinary exception in a cell (a kernel that
died, a timeout) discards the kernel; the next report gets a fresh one.

Kernels talk over IPC sockets rather than TCP ports: kernels started close together can
collide on ports, and ipykernel warns about unencrypted TCP on every start.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from jupyter_client import BlockingKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import jupyter_runtime_dir
from jupyter_core.utils import run_sync
from traitlets import CaselessStrEnum, default

# What the report notebooks import, loaded once per run instead of once per report. Plotly
# loads its trace validators and templates on first use, so one tiny figure is drawn too.
WARM_UP = """
import pandas, plotly.graph_objects as go
import synthesis.analysis, synthesis.charts, synthesis.board.snapshot, synthesis.board.state
import synthesis.craft, synthesis.craft.html
import synthesis.report.sections, synthesis.report.overview, synthesis.report.context
from synthesis.report.offline import chart_html
chart_html(go.Figure([go.Bar(x=[1], y=[1]), go.Scatter(x=[1], y=[1])],
                     layout={"template": "plotly_white"}))
"""
RESET = "get_ipython().reset(new_session=True)"
RESET_TIMEOUT = 15.0  # seconds; a reset takes milliseconds, so longer means a stuck kernel


def ipc_kernel_manager() -> type:
    """An ``AsyncKernelManager`` that uses IPC sockets (TCP on Windows, which has none).

    The socket files get a unique absolute path in Jupyter's runtime folder: jupyter_client's
    default is relative ("kernel-ipc"), which lands in the kernel's working directory (the
    notebooks folder) and breaks as soon as client and kernel have different ones.

    It also keeps the clients it hands out, so :meth:`release_clients` can close them: papermill
    asks for a new client per notebook and never closes its zmq context, which leaked 14 file
    descriptors, 3 threads and about 5 MB per report over a long run.
    """
    class IpcKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], config=True,
                                    default_value="tcp" if os.name == "nt" else "ipc")

        def client(self, **kwargs: Any) -> Any:
            issued = self.__dict__.setdefault("_synthesis_clients", [])
            kc = super().client(**kwargs)
            issued.append(kc)
            return kc

        def release_clients(self) -> None:
            """Stop every client handed out so far and destroy its zmq context."""
            for kc in self.__dict__.pop("_synthesis_clients", []):
                try:
                    kc.stop_channels()
                    if not kc.context.closed:
                        kc.context.destroy(linger=0)
                except Exception:  # a client already closed by its user
                    continue

        @default("ip")
        def _ip_default(self) -> str:
            if self.transport != "ipc":
                return "127.0.0.1"
            runtime = Path(jupyter_runtime_dir())
            runtime.mkdir(parents=True, exist_ok=True)
            return str(runtime / f"synthesis-{uuid.uuid4().hex[:12]}-ipc")

    return IpcKernelManager


class KernelSession:
    """A kernel shared by the notebooks of one run (see the module docstring).

    Examples
    --------
    >>> with KernelSession("python3", Path("notebooks")) as session:  # doctest: +SKIP
    ...     papermill.execute_notebook(src, dst, km=session.ready())
    """

    def __init__(self, kernel_name: str, cwd: Path, warm_up: str = WARM_UP,
                 timeout: float = 120) -> None:
        self.kernel_name = kernel_name
        self.cwd = Path(cwd)
        self.warm_up = warm_up
        self.timeout = timeout
        self.km: Any = None
        self.client: Any = None  # our own line to the kernel, for warm-up and resets
        self.started = 0  # kernels started in this session (1 unless one was discarded)

    def __enter__(self) -> KernelSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def ready(self) -> Any:
        """A live kernel manager with an empty namespace, for the next notebook."""
        if self.km is not None:
            self.km.release_clients()  # the previous notebook's client
        if self.km is not None and not self._alive():
            self.discard()
        if self.km is None:
            self._start()
            return self.km
        try:
            self._run(RESET, timeout=RESET_TIMEOUT)
        except Exception:  # a kernel that died or hung since the last report: replace it
            self.discard()
            self._start()
        return self.km

    def discard(self) -> None:
        """Shut the kernel down (the next :meth:`ready` starts a fresh one)."""
        km, self.km = self.km, None
        client, self.client = self.client, None
        if client is not None:
            client.stop_channels()
        if km is None:
            return
        km.release_clients()
        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # already dead or never fully started: nothing left to stop
            pass

    def _alive(self) -> bool:
        try:
            return bool(run_sync(self.km.is_alive)())
        except Exception:
            return False

    def _start(self) -> None:
        km = ipc_kernel_manager()(kernel_name=self.kernel_name)
        run_sync(km.start_kernel)(cwd=str(self.cwd))
        self.km = km
        self.started += 1
        client = BlockingKernelClient()
        client.load_connection_info(km.get_connection_info())
        # No heartbeat channel: an unparented client reads a heartbeat that has not beaten
        # yet as a dead kernel. Liveness is the manager's job (:meth:`_alive`).
        client.start_channels(hb=False)
        client.wait_for_ready(timeout=self.timeout)
        self.client = client
        if self.warm_up:
            self._run(self.warm_up)
            self._run(RESET)

    def _run(self, code: str, timeout: float | None = None) -> None:
        """Execute ``code`` in the kernel and wait for it; raise if it failed."""
        reply = self.client.execute_interactive(code, store_history=False,
                                                timeout=timeout or self.timeout,
                                                output_hook=lambda msg: None)
        if reply["content"].get("status") != "ok":
            content = reply["content"]
            raise RuntimeError(f"the report kernel could not run {code!r}: "
                               f"{content.get('ename')}: {content.get('evalue')}")
