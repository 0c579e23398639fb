"""The check ``make test`` ends with: did the run change the checkout?"""

from __future__ import annotations

import subprocess
from pathlib import Path

from clean_tree import changes, tree_state


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".gitignore").write_text("ignored/\n", encoding="utf-8")
    (repo / "tracked.txt").write_text("one\n", encoding="utf-8")
    for cmd in (["init", "-q"], ["add", "."],
                ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x"]):
        subprocess.run(["git", *cmd], cwd=repo, check=True)
    return repo


def test_ignored_output_is_fine_but_new_and_changed_files_are_named(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    before = tree_state(repo)
    assert before == ([], tree_state(repo)[1])
    (repo / "ignored").mkdir()
    (repo / "ignored" / "shot.png").write_bytes(b"png")
    assert tree_state(repo) == before
    (repo / "stray.txt").write_text("left behind\n", encoding="utf-8")
    (repo / "tracked.txt").write_text("two\n", encoding="utf-8")
    after = tree_state(repo)
    assert changes(before, after) == ["  now:  M tracked.txt", "  now: ?? stray.txt"]


def test_a_file_changed_before_the_run_and_again_during_it_is_caught(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / "tracked.txt").write_text("my own work\n", encoding="utf-8")
    before = tree_state(repo)
    (repo / "tracked.txt").write_text("my own work, then a test wrote here\n", encoding="utf-8")
    after = tree_state(repo)
    assert before[0] == after[0] == [" M tracked.txt"]
    assert changes(before, after) == [
        "  the content of a file that was already changed before the run changed"]


def test_outside_a_checkout_there_is_nothing_to_compare(tmp_path: Path) -> None:
    assert tree_state(tmp_path / "nowhere") is None
