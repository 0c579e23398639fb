"""``synthesis/craft`` at an earlier commit, imported beside today's, for before/after runs.

Figures "before" and "after" a rule change are only comparable when both run on the same
machine, in the same run, over the same data. So instead of a table typed in once, the
benchmarks import ``synthesis/craft`` as it was at :data:`BASELINE_COMMIT` (before issue 13)
or :data:`ISSUE13_COMMIT` (issue 13 as first merged), read from git into a temporary folder
as the package ``craft_<commit>``, and run it beside today's code. Only its own files come
from git; ``synthesis.errors`` and the study it reads are today's.

    >>> old = baseline_craft()  # doctest: +SKIP
    >>> sorted(old.question_flags("Don't you think it's slow?"))  # doctest: +SKIP
    ['closed', 'leading', 'question']
"""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
# The last commit before any rule of issue 13 changed: the labelled real-turn set and the
# "before" figures were committed on top of it without touching synthesis/craft/.
BASELINE_COMMIT = "2ad6d4da6df7e4a6f5898be9efd610482c12ff87"
# The rules of issue 13 as first merged (double-barrelled precision 0.46 on real turns), before
# the follow-up that added the `new-holdout` split and changed the double-barrelled rules.
ISSUE13_COMMIT = "0dd5f55d11e0b6381c76f63681b981620cdd9de2"
# The rules as they stood before the generalisation follow-up (fresh held-out set labelled on
# top of it, new-holdout turned into a tuning split, rules changed after it).
GENERALISE_COMMIT = "c61886865398a2a6d67ba4ff47725ed11c9934c5"
# The rules before the hypothesis follow-up (the interviewer's hypothesis offered as a leading
# question; double-barrelled false alarms), when the fresh set became a tuning set.
HYPOTHESIS_COMMIT = "62914e6e3da3f41f40d04cf5a3e4a827dd2556c8"
# The rules the blind set real_turns_blind2.csv was first scored on, out of sample (main after
# the hypothesis follow-up); the blind2 follow-up (branch craft5) then tuned on that set.
BLIND2_COMMIT = "d29a13b8f092eea040a3a5d7dfc0899c456400b5"
# Main before the cross-recording follow-up (issue 13 again): the rules as they stood when all
# four real sets, blind3 included, were first scored recording by recording.
CROSS_COMMIT = "c756b673cc61897c3c322d2d7d723b60a16dec4b"
# Main when the per-rule reliability follow-up started (issue 13 again): the rules the fourth
# blind set, real_turns_blind4.csv, was first scored on, before its errors were read.
RELIABILITY_COMMIT = "e64c74843b5c5e95fc3746654f88bcc2c7c059bf"


def baseline_craft(commit: str = BASELINE_COMMIT) -> ModuleType:
    """``synthesis.craft`` at ``commit``, imported as the package ``craft_<commit[:10]>``."""
    package = f"craft_{commit[:10]}"
    if package in sys.modules:
        return sys.modules[package]
    try:
        listing = subprocess.run(["git", "ls-tree", "--name-only", commit, "synthesis/craft/"],
                                 cwd=ROOT, check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise SystemExit(f"bench: the baseline needs git and commit {commit[:10]} "
                         f"(a clone, not an export): {exc}") from exc
    folder = Path(tempfile.mkdtemp(prefix="craft_baseline_")) / package
    folder.mkdir()
    for name in listing.split():
        if name.endswith(".py"):
            source = subprocess.run(["git", "show", f"{commit}:{name}"], cwd=ROOT, check=True,
                                    capture_output=True).stdout
            # The package's own modules are relative imports; the rest of synthesis
            # (``from ..excerpt import``) is today's.
            source = re.sub(rb"(?m)^(\s*)from \.\.(\w)", rb"\1from synthesis.\2", source)
            (folder / Path(name).name).write_bytes(source)
    sys.path.insert(0, str(folder.parent))
    return importlib.import_module(package)
