"""The craft package as it was before issue 13, imported beside today's, for before/after runs.

Figures "before" and "after" a rule change are only comparable when both run on the same
machine, in the same run, over the same data. So instead of a table typed in once, the
benchmarks import ``synthesis/craft`` as it was at :data:`BASELINE_COMMIT` (read from git
into a temporary folder, as the package ``craft_baseline``) and run it beside today's code.
Only its own files come from git; ``synthesis.errors`` and the study it reads are today's.

    >>> old = baseline_craft()  # doctest: +SKIP
    >>> sorted(old.question_flags("Don't you think it's slow?"))  # doctest: +SKIP
    ['closed', 'leading', 'question']
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
# The last commit before any rule of issue 13 changed: the labelled real-turn set and the
# "before" figures were committed on top of it without touching synthesis/craft/.
BASELINE_COMMIT = "2ad6d4da6df7e4a6f5898be9efd610482c12ff87"
_PACKAGE = "craft_baseline"


def baseline_craft(commit: str = BASELINE_COMMIT) -> ModuleType:
    """``synthesis.craft`` at ``commit``, imported as the package ``craft_baseline``."""
    if _PACKAGE in sys.modules:
        return sys.modules[_PACKAGE]
    try:
        listing = subprocess.run(["git", "ls-tree", "--name-only", commit, "synthesis/craft/"],
                                 cwd=ROOT, check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise SystemExit(f"bench: the baseline needs git and commit {commit[:10]} "
                         f"(a clone, not an export): {exc}") from exc
    folder = Path(tempfile.mkdtemp(prefix="craft_baseline_")) / _PACKAGE
    folder.mkdir()
    for name in listing.split():
        if name.endswith(".py"):
            source = subprocess.run(["git", "show", f"{commit}:{name}"], cwd=ROOT, check=True,
                                    capture_output=True).stdout
            (folder / Path(name).name).write_bytes(source)
    sys.path.insert(0, str(folder.parent))
    return importlib.import_module(_PACKAGE)
