"""A large import into a small study: indexes built once after the load, keys kept, and a
failure anywhere still leaves the study as it was (issue 10 item 10).

On SQLite ``store.bulk_load`` drops the notes' and placements' own indexes for the load and
builds them again before the transaction commits; on PostgreSQL it changes nothing. Both
backends must refuse the same bad loads and roll everything back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from synthesis import init_study
from synthesis.errors import StoreError
from synthesis.model import ImportBundle, Note, Theme
from synthesis.store.bulk import BULK_ROWS
from synthesis.store.schema import TABLES

SECONDARY = {"notes": ["notes_round", "notes_source_note_id"],
             "placements": ["placements_theme"]}


@pytest.fixture
def study(tmp_path: Path, store_url):
    s = init_study(tmp_path / "s", name="Bulk", store=store_url)
    yield s
    s.close()


def everything(study) -> dict[str, list[tuple]]:
    """Every row of every table, in the store copy's order: the study, compared whole."""
    out = {}
    for table, order in TABLES.items():
        frame = study.store.frame(f"SELECT * FROM {table} ORDER BY {', '.join(order)}")
        out[table] = [tuple(r) for r in frame.astype(object).itertuples(index=False)]
    return out


def indexes(study, table: str) -> list[str]:
    """The table's own (named) indexes on SQLite, from PRAGMA index_list."""
    if study.store.dialect != "sqlite":
        return []
    rows = study.store.rows(f"PRAGMA index_list({table})")
    return sorted(r[1] for r in rows if r[3] == "c")  # origin c: CREATE INDEX, not a key


def big_bundle(n: int, source: str = "big.csv", dangling: bool = False) -> ImportBundle:
    """``n`` notes of two participants; every third in two themes, one in a theme that is
    not in the study when ``dangling``."""
    notes = [Note(f"n-{source}-{i:05d}", f"note {i}", f"P0{i % 2 + 1}", "r1",
                  source=source, source_ref=f"row {i + 2}",
                  theme_ids=("t-a", "t-b") if i % 3 == 0 else ("t-a",)) for i in range(n)]
    if dangling:
        notes[n // 2].theme_ids = ("t-a", "t-nowhere")
    return ImportBundle(source, "notes", notes=notes,
                        themes=[Theme("t-a", "Alpha"), Theme("t-b", "Beta")])


def test_a_large_import_into_an_empty_study_rebuilds_the_indexes_and_they_are_used(study):
    n = 3 * BULK_ROWS  # 3,000 notes: 1,000 in two themes, so 4,000 placements
    summary = study.apply_bundle(big_bundle(n), round="r1", create_participants=True)
    assert summary["counts"]["notes"] == 3000 and summary["counts"]["placements"] == 4000
    placed = study.store.rows("SELECT theme_id, COUNT(*) FROM placements GROUP BY theme_id "
                              "ORDER BY theme_id")
    assert [tuple(r) for r in placed] == [("t-a", 3000), ("t-b", 1000)]
    if study.store.dialect != "sqlite":
        return
    assert indexes(study, "notes") == SECONDARY["notes"]
    assert indexes(study, "placements") == SECONDARY["placements"]
    plan = " ".join(r[3] for r in study.store.rows(
        "EXPLAIN QUERY PLAN SELECT note_id FROM notes WHERE round_id = 'r1'"))
    assert "USING INDEX notes_round" in plan or "USING COVERING INDEX notes_round" in plan
    plan = " ".join(r[3] for r in study.store.rows(
        "EXPLAIN QUERY PLAN SELECT note_id FROM placements WHERE theme_id = 't-b'"))
    assert "placements_theme" in plan
    # the rebuilt index holds every row: counted through it, as the board's reads do
    assert study.store.scalar("SELECT COUNT(*) FROM notes INDEXED BY notes_round "
                              "WHERE round_id = 'r1'") == 3000


def test_bulk_load_drops_only_for_a_load_as_large_as_the_table(study):
    study.apply_bundle(big_bundle(2 * BULK_ROWS), round="r1", create_participants=True)
    with study.store.transaction(), study.store.bulk_load(
            {"notes": BULK_ROWS, "placements": 5 * BULK_ROWS}) as dropped:
        during = (indexes(study, "notes"), indexes(study, "placements"))
    if study.store.dialect != "sqlite":
        assert dropped == []  # PostgreSQL loads into its indexes as they are
        return
    # 1,000 notes onto 2,000: inserted as they are; 5,000 placements onto 2,667: rebuilt
    assert dropped == ["placements_theme"]
    assert during == (SECONDARY["notes"], [])
    assert indexes(study, "placements") == SECONDARY["placements"]


def test_a_dangling_theme_in_a_bulk_import_rolls_back_everything(study):
    study.apply_bundle(big_bundle(10, source="first.csv"), round="r1",
                       create_participants=True)
    before = everything(study)
    with pytest.raises(StoreError, match=r"could not save this change \(.*(FOREIGN KEY|"
                                         r"foreign key).*\); nothing was written"):
        study.apply_bundle(big_bundle(2 * BULK_ROWS, dangling=True), round="r1",
                           create_participants=True)
    assert everything(study) == before
    if study.store.dialect == "sqlite":
        assert indexes(study, "notes") == SECONDARY["notes"]
        assert indexes(study, "placements") == SECONDARY["placements"]


def test_a_duplicate_note_id_in_a_bulk_load_is_refused_and_changes_nothing(study):
    study.apply_bundle(big_bundle(10, source="first.csv"), round="r1",
                       create_participants=True)
    before = everything(study)
    rows = [(f"n-dup-{i:05d}", "P01", f"note {i}") for i in range(2 * BULK_ROWS)]
    rows.append(("n-dup-00007", "P02", "the same id again"))
    refused = pytest.raises(StoreError, match=r"could not save this change \(.*(UNIQUE|unique|"
                                              r"duplicate).*\); nothing was written")
    with refused, study.store.transaction(), study.store.bulk_load({"notes": len(rows)}):
        study.store.insert_notes(["note_id", "participant_id", "text"], rows,
                                 {"round_id": "r1"})
    assert everything(study) == before
    if study.store.dialect == "sqlite":
        assert indexes(study, "notes") == SECONDARY["notes"]


def test_a_large_csv_import_keeps_every_row_and_its_line(study, tmp_path: Path):
    lines = ["participant,note,tags"] + [
        f"P{i % 7 + 1},note number {i},{'Pricing; Trust' if i % 4 == 0 else 'Pricing'}"
        for i in range(2500)]
    lines[1001] = "P3,,Pricing"  # i = 1,000, line 1,002: no text, skipped and said so
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = study.import_file(path, round="r1", create_participants=True)
    # 2,500 rows, one without text; tags: every fourth row has two (625 rows, but i = 1,000
    # now has one) = 624 x 2 + 1,876 = 3,124 tags read; the skipped row's tag is not placed
    assert out["counts"]["notes"] == 2499 and out["counts"]["placements"] == 3123
    assert out["counts"]["participants"] == 7
    assert any("row 1002" in line and "no note text" in line for line in out["summary"]), \
        out["summary"]
    refs = study.store.rows("SELECT source_ref FROM notes ORDER BY rowid")
    assert refs[0][0] == "row 2" and refs[-1][0] == "row 2501" and len(refs) == 2499
