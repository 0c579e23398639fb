"""Take docs/board.png: the affinity board on the sample study (round r1) in real JupyterLab.

Works on a copy of the sample study, so the screenshot never changes the committed one.
``--phone PATH`` also takes the board at a phone's width (390 px, in Notebook 7, whose
narrow layout suits a phone) for looking at, not for the README.

    .venv/bin/python docs/board_screenshot.py
    .venv/bin/python docs/board_screenshot.py --phone /tmp/board-phone.png
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from lab_server import LabServer, launch_chromium, open_board_notebook  # noqa: E402

from synthesis import open_study  # noqa: E402
from synthesis.board.notebook import write_board_notebook  # noqa: E402

SAMPLE = ROOT / "data" / "invoicing-onboarding"


def main(out: Path = ROOT / "docs" / "board.png", phone: Path | None = None) -> int:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="board-shot-"))
    root = work / "root"
    root.mkdir()
    study_dir = root / "study"
    shutil.copytree(SAMPLE, study_dir, ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm",
                                                                      ".lab"))
    write_board_notebook(root / "board.ipynb", study_dir, "r1")
    study = open_study(study_dir)
    cards = len(study.notes(round="r1"))
    study.close()
    server = LabServer(root, work)
    try:
        with sync_playwright() as pw:
            browser = launch_chromium(pw)
            page = browser.new_page(viewport={"width": 1680, "height": 1180},
                                    device_scale_factor=1)
            board = open_board_notebook(page, server, "board.ipynb", cards)
            # Hide JupyterLab's side panel so the board gets the width it has on a laptop
            # with the file browser closed.
            page.keyboard.press("Control+b")
            # The suggestion chips on the unsorted cards come from the kernel's worker.
            page.wait_for_function("() => document.querySelector('.synthesis-board')"
                                   ".dataset.suggesting === 'ready'", timeout=120_000)
            board.evaluate("el => el.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(600)
            board.screenshot(path=str(out))
            if phone is not None:
                small = browser.new_page(viewport={"width": 390, "height": 844},
                                         device_scale_factor=2)
                board = open_board_notebook(small, server, "board.ipynb", cards, ui="notebook")
                board.evaluate("el => el.scrollIntoView({block: 'start'})")
                small.wait_for_timeout(600)
                small.screenshot(path=str(phone))
                print(f"Wrote {phone}.")
            browser.close()
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"Wrote {out}.")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(phone=Path(args[args.index("--phone") + 1]) if "--phone" in args else None))
