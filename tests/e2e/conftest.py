"""Fixtures of the board's browser tests: a JupyterLab and a browser per module, a board per test.

Module scope, not session, for the server and the browser: Playwright's sync API refuses a
second instance while one is alive, and the report tests start their own. Shared within a
module: the server and the browser, never a page or a study (see board_page.BoardOpener).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from board_page import BoardOpener
from lab_server import lab_and_browser, need_chromium


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """JupyterLab (which also serves Notebook 7) on 127.0.0.1 over a temporary root."""
    need_chromium()
    work = tmp_path_factory.mktemp("lab")
    root = work / "root"
    root.mkdir()
    with lab_and_browser(root, work) as (server, browser):
        yield {"server": server, "browser": browser, "root": root}


@pytest.fixture
def boards(lab: dict[str, Any]) -> Iterator[BoardOpener]:
    """Open boards: ``boards()`` makes a fresh small study and opens it in JupyterLab.

    See :meth:`board_page.BoardOpener.__call__` for the choices (the sample study, a second
    board on one study, placements made before it opens, Notebook 7, single-document mode).
    """
    opener = BoardOpener(lab["server"], lab["browser"], lab["root"])
    yield opener
    opener.close()
