"""Property: importing arbitrary text either works or fails with our error, never half-way."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synthesis import SynthesisError, init_study, open_study

TABLES = ("participants", "sessions", "utterances", "notes", "themes", "placements", "events",
          "imports")
LINES = st.sampled_from([
    "WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "00:00:0x --> 1", "<v Dana>Why?",
    "participant,note,theme", "P01,hello,Bank", "P02;bonjour;", "Dana Whitfield  0:04",
    "[00:01:02] Ana: yes", "1", "00:00:01,000 --> 00:00:03,000", '"multi', 'line",x',
])


def counts(db: Path) -> tuple[int, ...]:
    with sqlite3.connect(db) as conn:
        return tuple(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=25),
       suffix=st.sampled_from([".csv", ".vtt", ".srt", ".txt", ".tsv", ".md"]))
def test_any_text_imports_fully_or_not_at_all(tmp_path_factory, lines, suffix):
    folder = tmp_path_factory.mktemp("study")
    init_study(folder / "s", name="Property").close()
    (folder / "s" / "study.toml").write_text('name = "P"\n[[rounds]]\nid = "r1"\n')
    study = open_study(folder / "s")
    path = folder / f"input{suffix}"
    path.write_text("\n".join(lines), encoding="utf-8", errors="replace")
    before = counts(folder / "s" / "study.db")
    try:
        study.import_file(path, round="r1", create_participants=True)
    except SynthesisError:
        assert counts(folder / "s" / "study.db") == before
        assert not any((folder / "s" / "rounds").rglob("input*"))
    else:
        after = counts(folder / "s" / "study.db")
        assert after[TABLES.index("imports")] == before[TABLES.index("imports")] + 1
    finally:
        study.close()


# -- every row and tag accounted for --------------------------------------------------------

IDS = st.sampled_from(["", "1", "2", "3", "4"])
PEOPLE = st.sampled_from(["P1", "p01", "P002", "P3", "Interview P3"])
TEXTS = st.sampled_from(["", "Too slow", "Lost an invoice", "Bank step, scary", "ok"])
TAGS = st.lists(st.sampled_from(["Trust", "trust", "Speed", "Bank anxiety", "", " "]),
                max_size=4)
SEPARATORS = st.sampled_from(["; ", "|", "\n", ","])


def _cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(IDS, PEOPLE, TEXTS, TAGS, SEPARATORS), min_size=1,
                     max_size=20),
       twice=st.booleans())
def test_every_row_and_tag_is_imported_merged_or_skipped(tmp_path_factory, rows, twice):
    folder = tmp_path_factory.mktemp("study")
    init_study(folder / "s", name="Accounting").close()
    (folder / "s" / "study.toml").write_text('name = "A"\n[[rounds]]\nid = "r1"\n')
    study = open_study(folder / "s")
    lines = ["id,participant,note,tags"]
    lines += [",".join([i, _cell(p), _cell(t), _cell(sep.join(tags))])
              for i, p, t, tags, sep in rows]
    path = folder / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        for attempt in range(2 if twice else 1):
            if attempt:  # the kept file edited in place (a blank line more) and imported
                path = folder / "s" / "rounds" / "r1" / "long.csv"  # again: notes are there
                path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
            before = counts(folder / "s" / "study.db")
            try:
                summary = study.import_file(path, round="r1", create_participants=True)
            except SynthesisError:
                # Only a file with no note text at all is refused; and then nothing changed.
                assert all(not t for _, _, t, _, _ in rows)
                assert counts(folder / "s" / "study.db") == before
                return
            after = counts(folder / "s" / "study.db")
            units = summary["accounting"]
            assert units["row"]["read"] == len(rows)
            for unit in units.values():
                assert unit["read"] == unit["imported"] + unit["merged"] + unit["skipped"]
            # What the summary calls imported is exactly what landed in the store.
            assert units["row"]["imported"] == after[TABLES.index("notes")] - before[
                TABLES.index("notes")]
            assert units["tag"]["imported"] == after[TABLES.index("placements")] - before[
                TABLES.index("placements")]
            if attempt:
                assert units["row"]["imported"] == 0 and units["tag"]["imported"] == 0
    finally:
        study.close()
