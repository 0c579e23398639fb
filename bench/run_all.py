"""Run every benchmark in this folder, one after another, and list the result files.

Each benchmark measures itself against a baseline taken in the same run (these machines are
noisy, so only ratios are comparable) and writes its table to bench/results/<name>.md,
above the file's marker line: the record kept by hand below it stays (_results_file.py).

    .venv/bin/python bench/run_all.py            # all of them
    .venv/bin/python bench/run_all.py analysis   # the ones whose file name contains "analysis"
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    scripts = sorted(p for p in HERE.glob("*.py")
                     if p.name != "run_all.py" and not p.name.startswith("_")
                     and (not argv or any(word in p.name for word in argv)))
    failed = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode:
            failed.append(script.name)
    print("results:", *sorted(str(p.relative_to(HERE.parent))
                              for p in (HERE / "results").glob("*.md")), sep="\n  ")
    if failed:
        print("failed:", ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
