"""A benchmark run rewrites its results file above the marker line and keeps the record below
it byte for byte (bench/_results_file.py); the results files that hold a hand-kept record
carry the marker above it."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import _results_file  # noqa: E402
from _results_file import MARKER, kept_record, write_results  # noqa: E402

# Hand-kept text with what a person might leave in it: CRLF line ends, non-ASCII, a heading
# like the generated one, and no newline at the very end.
RECORD = ("\n## Earlier: 28 November 2026\r\n\r\n"
          "| run | ratio |\n| --- | ---: |\n| 1 | 0.45× — met |\n"
          "# Board benchmark\n\nTried and dropped: content-visibility on every card")


def _seed(path: Path, generated: str) -> None:
    """A results file as a person leaves it: generated text, the marker, then the record."""
    path.write_bytes((generated + "\n" + MARKER + "\n").encode() + RECORD.encode())


def test_writing_twice_keeps_the_record_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "board.md"
    _seed(path, "# Board benchmark\n\nratio 0.50×\n")
    write_results(path, "# Board benchmark\n\nratio 0.44×\n")
    first = path.read_bytes()
    write_results(path, "# Board benchmark\n\nratio 0.44×\n")
    assert path.read_bytes() == first
    assert first == ("# Board benchmark\n\nratio 0.44×\n\n" + MARKER + "\n").encode() \
        + RECORD.encode()
    assert kept_record(path) == RECORD.encode()
    assert not list(tmp_path.glob("*.part"))  # written beside it, then renamed over it


def test_the_generated_part_is_replaced_whole_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "import.md"
    _seed(path, "# Import\n\n" + "| row | 1.0 |\n" * 40)
    write_results(path, "# Import\n\nshorter now")  # no newline at its end: one is added
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("# Import\n\nshorter now\n\n" + MARKER + "\n")
    assert "| row |" not in text
    write_results(path, "# Import\n\n" + "| row | 2.0 |\n" * 60 + "\n\n\n")
    data = path.read_bytes()
    above, below = data.split(MARKER.encode() + b"\n")
    # trailing blank lines of the generated text dropped: one blank line before the marker
    assert above == ("# Import\n\n" + "| row | 2.0 |\n" * 60 + "\n").encode()
    assert below == RECORD.encode()


def test_a_file_without_marker_is_replaced_and_gets_one(tmp_path: Path) -> None:
    path = tmp_path / "results" / "store.md"
    write_results(path, "# Store\n")  # no file yet (nor its folder)
    assert path.read_text(encoding="utf-8") == f"# Store\n\n{MARKER}\n"
    path.write_text("# Store\n\nold table\n\nA note someone added with no marker.\n",
                    encoding="utf-8")
    write_results(path, "# Store\n\nnew table\n")
    assert path.read_text(encoding="utf-8") == f"# Store\n\nnew table\n\n{MARKER}\n"
    # what is added below the marker from then on is kept
    with path.open("a", encoding="utf-8") as f:
        f.write("\nA note kept from now on.\n")
    write_results(path, "# Store\n\nnewer table\n")
    assert path.read_text(encoding="utf-8") == (
        f"# Store\n\nnewer table\n\n{MARKER}\n\nA note kept from now on.\n")


def test_generated_text_holding_the_marker_is_refused_and_the_file_left(
        tmp_path: Path) -> None:
    path = tmp_path / "suggest.md"
    _seed(path, "# Suggest\n")
    before = path.read_bytes()
    with pytest.raises(ValueError, match=r"suggest\.md holds the marker line"):
        write_results(path, f"# Suggest\n\n  {MARKER}\n\nmore\n")
    assert path.read_bytes() == before


def test_the_module_examples_run() -> None:
    result = doctest.testmod(_results_file, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 8


@pytest.mark.parametrize(("name", "first_kept"), [
    ("board.md", "## Main after merging board10k4, 28 November 2026"),
    ("board_suggest.md", "Two runs, both of this version of the benchmark"),
    ("import.md", "## Log"),
    ("report.md", "## Earlier runs"),
    ("store.md", "Three runs were made on this shared machine"),
])
def test_results_files_with_a_hand_kept_record_carry_the_marker_above_it(
        name: str, first_kept: str) -> None:
    path = ROOT / "bench" / "results" / name
    assert path.read_text(encoding="utf-8").count(MARKER) == 1
    assert kept_record(path).decode().lstrip("\n").startswith(first_kept)


def test_every_benchmark_writes_its_results_through_the_one_function() -> None:
    # A results file written whole with write_text would lose the record below its marker.
    scripts = sorted((ROOT / "bench").glob("*.py"))
    benchmarks = [p for p in scripts if not p.name.startswith("_") and p.name != "run_all.py"]
    assert len(benchmarks) == 13
    assert [p.name for p in benchmarks if "write_results(" not in p.read_text()] == []
    for script in scripts:
        for number, line in enumerate(script.read_text(encoding="utf-8").splitlines(), 1):
            if ".write_text(" in line:  # only the studies and pages a benchmark builds
                assert "study.toml" in line or "(page," in line, f"{script.name}:{number}"
