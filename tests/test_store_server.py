"""A study on a PostgreSQL server: init --store, store copy both ways, and bad store URLs.

Runs against a real server started for the session (tests/pg_server.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from synthesis import init_study, open_study
from synthesis.cli import main
from synthesis.errors import StoreError
from synthesis.store.schema import TABLES


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def tables_on(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return sorted(r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))


def test_init_on_a_server_writes_no_study_db_and_sorts_as_on_sqlite(tmp_path, pg_server,
                                                                       capsys):
    url = pg_server.database()
    secret = url.replace("postgres@", "postgres:s3cret@")  # trust auth ignores it
    code, out, _ = run(capsys, "init", str(tmp_path / "team"), "--store", secret)
    assert code == 0 and "s3cret" not in out
    toml = (tmp_path / "team" / "study.toml").read_text()
    assert f'store = "{url}"' in toml and "s3cret" not in toml
    assert not (tmp_path / "team" / "study.db").exists()
    study = open_study(tmp_path / "team", author="ana")
    assert study.store.dialect == "postgresql"
    (tmp_path / "notes.csv").write_text("participant,note,tags\nP01,Bank scared me,Bank\n"
                                        "P02,VAT fields,Tax\nP01,Bank again,Bank\n")
    study.import_file(tmp_path / "notes.csv", round="r1", create_participants=True)
    freq = study.theme_frequency(round="r1", by=None).set_index("theme")
    assert (freq.loc["Bank", "k"], freq.loc["Bank", "n"]) == (1, 2)  # P01 only, of 2
    assert not (tmp_path / "team" / "study.db").exists()
    study.close()


def test_the_sample_study_copies_to_postgresql_and_back_unchanged(sample_study, pg_server,
                                                                  tmp_path, capsys,
                                                                  monkeypatch):
    url = pg_server.database()
    code, out, _ = run(capsys, "store", "copy", str(sample_study), "--to", url)
    assert code == 0 and "checked row for row" in out
    local = open_study(sample_study)
    remote = open_study(sample_study, store=url)
    for name in ("status", "themes", "placements", "participants"):
        assert getattr(local, name)().equals(getattr(remote, name)()), name
    assert local.theme_frequency(round="r1").equals(remote.theme_frequency(round="r1"))
    assert local.events().equals(remote.events())
    assert list(local.notes()["note_id"]) == list(remote.notes()["note_id"])  # import order
    back = tmp_path / "back.db"
    monkeypatch.setenv("SYNTHESIS_STORE", url)  # the study now lives on the server
    code, out, _ = run(capsys, "store", "copy", str(sample_study), "--to", str(back))
    assert code == 0 and f"to {back}" in out  # from PostgreSQL, checked row for row
    monkeypatch.delenv("SYNTHESIS_STORE")
    again = open_study(sample_study, store=str(back))
    assert again.events().equals(local.events()) and again.status().equals(local.status())
    # and ids keep counting from where they were: a new event follows the copied ones
    remote.create_theme("After the copy")
    assert remote.last_event() == local.last_event() + 1
    for s in (local, remote, again):
        s.close()


def test_copying_onto_a_database_that_is_not_empty_is_refused_and_changes_nothing(
        sample_study, pg_server, capsys):
    url = pg_server.database()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes_elsewhere (x int)")
    code, out, err = run(capsys, "store", "copy", str(sample_study), "--to", url)
    assert code == 1 and out == ""
    assert err.strip() == (f"error: {url.replace('postgres@', '***@')} is not empty (it holds "
                           "1 table(s), e.g. 'notes_elsewhere'); a new or copied study goes "
                           "only into an empty database.")
    assert tables_on(url) == ["notes_elsewhere"]


def test_a_copy_that_fails_half_way_leaves_the_server_empty(sample_study, pg_server,
                                                             monkeypatch):
    from synthesis.store import copy as copy_module

    url = pg_server.database()

    def broken(source, dest):
        raise StoreError("the copy of notes differs; nothing was kept.")

    monkeypatch.setattr(copy_module, "_check", broken)
    study = open_study(sample_study)
    with pytest.raises(StoreError, match="nothing was kept"):
        copy_module.copy_store(study.store, url)
    study.close()
    assert tables_on(url) == []


@pytest.mark.parametrize("how", ["unreachable", "no database", "no schema"])
def test_a_bad_store_url_is_one_sentence_exit_1_and_nothing_written(how, tmp_path, pg_server,
                                                                     capsys, monkeypatch):
    urls = {"unreachable": "postgresql://ana:s3cret@127.0.0.1:1/study",
            "no database": pg_server.url("nothere").replace("postgres@", "postgres:s3cret@"),
            "no schema": pg_server.database().replace("postgres@", "postgres:s3cret@")}
    url = urls[how]
    folder = tmp_path / "study"
    if how == "no schema":  # a study folder whose store is a server with no study on it
        run(capsys, "init", str(folder))
        (folder / "study.db").unlink()
        monkeypatch.setenv("SYNTHESIS_STORE", url)
        code, out, err = run(capsys, "status", str(folder))
    else:
        code, out, err = run(capsys, "init", str(folder), "--store", url)
        assert not folder.exists()  # nothing half-written
    assert code == 1 and out == "" and "s3cret" not in err
    assert len(err.strip().splitlines()) == 1
    expected = {"unreachable": "the server cannot be reached",
                "no database": "the server has no such database",
                "no schema": "has no study in it"}[how]
    assert expected in err and "***@127.0.0.1" in err


def test_init_onto_a_database_holding_a_study_is_refused(tmp_path, pg_server, capsys):
    url = pg_server.database()
    assert run(capsys, "init", str(tmp_path / "a"), "--store", url)[0] == 0
    code, _, err = run(capsys, "init", str(tmp_path / "b"), "--store", url)
    assert code == 1 and "is not empty (it holds a study)" in err
    assert not (tmp_path / "b").exists()


def test_the_same_schema_on_both_backends(tmp_path, pg_server):
    url = pg_server.database()
    local = init_study(tmp_path / "l", name="L")
    remote = init_study(tmp_path / "r", name="R", store=url)
    assert local.store.schema_version() == remote.store.schema_version()
    assert set(tables_on(url)) == set(TABLES)
    assert remote.store.row("SELECT key, value FROM meta") == {
        "key": "schema_version", "value": str(local.store.schema_version())}
    local.close()
    remote.close()


@pytest.mark.slow
def test_a_round_report_from_a_study_on_postgresql_counts_as_on_sqlite(tmp_path, pg_server):
    """``synthesis run`` (papermill, a kernel of its own) reads the study from the server."""
    from _report_study import build_tiny_study

    tiny = build_tiny_study(tmp_path / "tiny")
    url = pg_server.database()
    assert main(["store", "copy", str(tiny), "--to", url]) == 0
    toml = tiny / "study.toml"
    toml.write_text(f'store = "{url}"\n' + toml.read_text(encoding="utf-8"), encoding="utf-8")
    for suffix in ("", "-wal", "-shm"):
        (tiny / f"study.db{suffix}").unlink(missing_ok=True)
    out = tmp_path / "reports"
    proc = subprocess.run([str(Path(sys.executable).parent / "synthesis"), "run", str(tiny),
                           "--rounds", "r1", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    html = (out / "r1" / "report.html").read_text(encoding="utf-8")
    # the same hand-counted figures tests/test_runner.py checks on SQLite: Bank is p01 (two
    # notes), p02 and p03 of round 1's four participants
    assert "<strong>3 of 4</strong> participants · 4 notes" in html
    assert not (tiny / "study.db").exists()
