"""Fetch the partial plotly.js bundle the reports embed, from the npm registry, into the package.

Reports draw bar, scatter and heatmap charts only (``synthesis/charts``), all in plotly.js's
*cartesian* partial bundle: 1.5 MB instead of the full library's 4.8 MB. The bundle is
vendored in ``synthesis/report/vendor/`` with its licence, so reports need neither network nor
Node. Its version must be the plotly.js version the installed plotly.py was built for (the
figures' JSON follows that version's schema); this script reads it from plotly.py and refuses
a mismatch.

Run from the project root after upgrading plotly (needs ``npm`` and the npm registry)::

    .venv/bin/python tools/vendor_plotly.py            # the version plotly.py expects
    .venv/bin/python tools/vendor_plotly.py --check    # only verify what is vendored

It writes ``plotly-cartesian.min.js``, ``LICENSE`` and ``VERSION`` (package, version,
sha256 of the bundle), which the tests check against the bundle.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "synthesis" / "report" / "vendor"
PACKAGE = "plotly.js-cartesian-dist-min"
BUNDLE = "plotly-cartesian.min.js"


def plotly_py_expects() -> str:
    """The plotly.js version bundled with the installed plotly.py (its banner says it)."""
    from plotly.offline import get_plotlyjs

    found = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", get_plotlyjs()[:500])
    if not found:
        raise SystemExit("could not read the plotly.js version from plotly.py")
    return found.group(1)


def fetch(version: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"{PACKAGE}@{version}", "--silent"], cwd=tmp,
                       check=True, stdout=subprocess.DEVNULL)
        archive = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        package = Path(tmp) / "package"
        VENDOR.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(package / BUNDLE, VENDOR / BUNDLE)
        shutil.copyfile(package / "LICENSE", VENDOR / "LICENSE")
    digest = hashlib.sha256((VENDOR / BUNDLE).read_bytes()).hexdigest()
    (VENDOR / "VERSION").write_text(f"{PACKAGE} {version} sha256:{digest}\n", encoding="utf-8")


def check(version: str) -> list[str]:
    """What is wrong with the vendored bundle (empty when it is right)."""
    problems = []
    bundle = VENDOR / BUNDLE
    if not bundle.is_file() or not (VENDOR / "LICENSE").is_file():
        return [f"{VENDOR} lacks {BUNDLE} or LICENSE"]
    package, vendored, digest = (VENDOR / "VERSION").read_text(encoding="utf-8").split()
    if vendored != version:
        problems.append(f"vendored {package} {vendored}, plotly.py expects {version}")
    if digest != "sha256:" + hashlib.sha256(bundle.read_bytes()).hexdigest():
        problems.append(f"{BUNDLE} does not match the checksum in VERSION")
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only verify the vendored files")
    args = parser.parse_args(argv)
    version = plotly_py_expects()
    if not args.check:
        fetch(version)
    problems = check(version)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{PACKAGE} {version} vendored in {VENDOR.relative_to(ROOT)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
