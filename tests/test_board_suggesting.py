"""The board's suggestion service: background work, stale results dropped, drafts in memory."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pandas as pd
import pytest

from synthesis import open_study
from synthesis.board.suggesting import BoardSuggestions
from synthesis.errors import StudyError


def _service(folder: Path, round: str = "r3") -> tuple[BoardSuggestions, list[dict]]:
    got: list[dict] = []
    return BoardSuggestions(open_study(folder), round, on_ready=got.append), got


def test_suggestions_arrive_from_a_worker_thread(sample_study: Path) -> None:
    service, got = _service(sample_study)
    threads: list[str] = []
    service.on_ready = lambda p: (threads.append(threading.current_thread().name),
                                  got.append(p))
    ticket = service.request()
    assert service.wait()
    assert threads == ["board-suggestions"]  # not the caller's thread
    (payload,) = got
    assert payload["ticket"] == ticket and payload["ok"] is True
    # r3: 155 notes, 25 sorted -> 130 unsorted notes, three themes each, best first.
    assert len(payload["suggested"]) == 130
    first = next(iter(payload["suggested"].values()))
    assert [list(t) for t in first] == [["theme", "name", "score"]] * 3
    assert first[0]["score"] >= first[1]["score"] >= first[2]["score"]
    assert "drafts" not in payload


def test_a_newer_request_overtakes_an_older_one(sample_study: Path) -> None:
    service, got = _service(sample_study)
    gate = threading.Event()
    real = service._compute

    def slow(*args):
        gate.wait(30)
        return real(*args)

    service._compute = slow
    service.request()
    second = service.request(drafts=3)
    gate.set()
    assert service.wait()
    assert [p["ticket"] for p in got] == [second]  # the first result was never shown
    assert len(got[0]["drafts"]) == 3


def test_drafts_are_renamed_merged_and_dismissed_in_memory_only(sample_study: Path) -> None:
    with sqlite3.connect(sample_study / "study.db") as conn:
        before = conn.execute("SELECT COUNT(*) FROM events").fetchone()
    service, got = _service(sample_study)
    service.request(drafts=4)
    assert service.wait()
    keys = [d["key"] for d in service.drafts]
    assert keys == ["d1", "d2", "d3", "d4"]
    sizes = {d["key"]: len(d["notes"]) for d in service.drafts}
    service.rename_draft("d2", "  Sales   tax  ")
    assert service.draft("d2")["label"] == "Sales tax"
    service.merge_drafts("d3", "d2")
    assert [d["key"] for d in service.drafts] == ["d1", "d2", "d4"]
    assert len(service.draft("d2")["notes"]) == sizes["d2"] + sizes["d3"]
    service.dismiss_draft("d4")
    assert [d["key"] for d in service.drafts] == ["d1", "d2"]
    with pytest.raises(StudyError, match="gone"):
        service.dismiss_draft("d4")
    with pytest.raises(StudyError, match="needs a name"):
        service.rename_draft("d1", " ")
    with pytest.raises(StudyError, match="itself"):
        service.merge_drafts("d1", "d1")
    # A new request gives new keys, so a stale message cannot touch a new draft.
    service.request(drafts=2)
    assert service.wait()
    assert [d["key"] for d in service.drafts] == ["d5", "d6"]
    service.study.close()
    with sqlite3.connect(sample_study / "study.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone() == before


def test_a_failure_is_reported_not_raised(sample_study: Path) -> None:
    service, got = _service(sample_study)
    service.study.themes = lambda: (_ for _ in ()).throw(StudyError("boom"))
    with pytest.raises(StudyError):
        service.request()  # reading happens in the caller's thread: its error is the caller's
    service, got = _service(sample_study)
    service.study.themes = lambda: pd.DataFrame({"theme_id": ["t-1"]})  # no names
    service.request()
    assert service.wait()
    assert got == [{"ticket": 1, "ok": False, "error": "suggestions failed: the themes "
                    "frame needs a 'name' column."}]
