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
