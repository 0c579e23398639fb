"""Two JupyterLab pages, two kernels (alice and bob), one study on a real PostgreSQL server:
a drag on one board appears on the other through the store's LISTEN/NOTIFY, well before
the boards' own 2-second refresh could bring it (which is switched off here); each board
says who else is on it; a note both moved is marked "moved by both — check" on both.

A browser test because the path is the real one: the second kernel's watcher thread wakes
its event loop, the board sends a ``changes`` message over the widget's comm, and the
front end (js/live.js) moves the card.
"""

from __future__ import annotations

import time

import pytest
from board_helpers import make_small_study
from board_page import BoardOpener, placement, until
from lab_server import drag

from synthesis.board.live import CHECK
from synthesis.cli import main

pytestmark = pytest.mark.browser

NO_POLL = 3_600_000  # the fallback refresh never runs during the test


def test_a_drag_on_one_board_appears_on_the_other_on_postgresql(boards: BoardOpener,
                                                                pg_server, tmp_path):
    folder = boards.root / "team-study"
    make_small_study(folder).close()
    url = pg_server.database()
    assert main(["store", "copy", str(folder), "--to", url]) == 0
    toml = folder / "study.toml"
    toml.write_text(f'store = "{url}"\n' + toml.read_text(encoding="utf-8"), encoding="utf-8")
    for suffix in ("", "-wal", "-shm"):  # the kernels must use the server, not a file
        (folder / f"study.db{suffix}").unlink(missing_ok=True)

    b1 = boards(folder=folder, poll_ms=NO_POLL, author="alice")
    b2 = boards(folder=folder, poll_ms=NO_POLL, author="bob")
    assert b1.study.store.dialect == "postgresql"
    drag(b1.page, b1.card("n-5"), b1.section("t-bank"))
    until(b1.page, lambda: placement(b1.study, "n-5") == "t-bank", "the move committed")
    committed = time.monotonic()
    b2.section("t-bank").locator("[data-note-id='n-5']").wait_for(timeout=3000)
    assert time.monotonic() - committed < 3.0  # live, not the (disabled) 2 s refresh
    b2.page.wait_for_function(
        "() => document.querySelector('section[data-theme-id=\"t-bank\"] .sb-theme-count')"
        ".textContent.startsWith('4 notes')", timeout=3000)
    assert not (folder / "study.db").exists()
    # who else is here: bob's board saw alice's as it opened; alice's sees bob's within 5 s
    assert b2.el.locator(".sb-team").text_content() == "Also here: alice"
    b1.el.locator(".sb-team", has_text="Also here: bob").wait_for(timeout=8000)
    b2.shot("team-second-board")

    # bob moves the note alice just moved: the later move wins, both boards say so
    drag(b2.page, b2.card("n-5"), b2.section("t-export"))
    until(b2.page, lambda: placement(b2.study, "n-5") == "t-export", "bob's move committed")
    for b in (b1, b2):
        card = b.section("t-export").locator("[data-note-id='n-5']")
        card.wait_for(timeout=3000)
        card.locator(".sb-check-line", has_text=CHECK).wait_for(timeout=3000)
    b1.shot("team-moved-by-both")
