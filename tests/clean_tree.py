"""Run a command and fail if it changed the checkout: ``python tests/clean_tree.py -- CMD...``.

``make test`` runs pytest through this, so a test that rewrites a tracked file (a README
picture, a committed notebook, the sample store) or leaves an untracked file that is not
ignored fails the run, even when every test passed. The state compared is what git sees:
the status of every path (untracked files included, ignored ones not) and the content of
every change against HEAD, taken before and after, so a developer's own uncommitted work
does not count against the tests but a test touching it again does.

Exit status: the command's own when the tree is unchanged, 1 when it changed.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def tree_state(root: Path = ROOT) -> tuple[list[str], str] | None:
    """Status lines and a digest of the diff against HEAD; None outside a git checkout."""
    try:
        status = subprocess.run(["git", "status", "--porcelain=v1", "--untracked-files=all"],
                                cwd=root, capture_output=True, text=True, check=True).stdout
        diff = subprocess.run(["git", "diff", "HEAD", "--binary"], cwd=root,
                              capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return sorted(status.splitlines()), hashlib.sha256(diff).hexdigest()


def changes(before: tuple[list[str], str], after: tuple[list[str], str]) -> list[str]:
    """What differs, one line each, for the message."""
    added = [f"  now: {line}" for line in after[0] if line not in before[0]]
    gone = [f"  was: {line}" for line in before[0] if line not in after[0]]
    lines = added + gone
    if not lines and before[1] != after[1]:
        lines = ["  the content of a file that was already changed before the run changed"]
    return lines


def main(argv: list[str]) -> int:
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print("usage: python tests/clean_tree.py -- COMMAND [ARG...]", file=sys.stderr)
        return 2
    before = tree_state()
    code = subprocess.call(argv)
    if before is None:
        print("clean-tree check skipped: not a git checkout.")
        return code
    after = tree_state()
    assert after is not None
    if after != before:
        print("\nFAILED: the run changed the checkout (tests must write to temporary or "
              "ignored folders only):", file=sys.stderr)
        print("\n".join(changes(before, after)), file=sys.stderr)
        return 1
    print("clean-tree check: the checkout is as it was before the run.")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
