"""Every suggestion path runs with the network blocked, and the block is shown to bite.

Why a block and not ``HF_HUB_OFFLINE``: wordllama's default ``WordLlama.load()`` tries to
download its tokenizer even though the wheel carries it (the first test shows the attempt
being caught), so "offline" has to be proved by refusing every connection and look-up that
leaves the machine (tests/netguard.py) and finding none was tried. The subprocess runs the
installed ``synthesis`` command with an empty home folder, so no cache from an earlier run
can stand in for the files inside the wheel.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from netguard import blocked, subprocess_env
from synthesis import open_study
from synthesis.suggest import draft_themes, embeddings, similar_notes, suggest_themes

_ONLINE_HINTS = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE")


def _env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    log = tmp_path / "network.log"
    home = tmp_path / "home"
    home.mkdir()
    env = subprocess_env(tmp_path / "site", log, HOME=str(home),
                         XDG_CACHE_HOME=str(home / ".cache"))
    for name in _ONLINE_HINTS:  # the block, not a library's good manners, is the proof
        env.pop(name, None)
    return env, log


def test_the_block_catches_wordllamas_own_download_attempt(tmp_path: Path) -> None:
    env, log = _env(tmp_path)
    code = ("from wordllama import WordLlama\n"
            "try:\n    WordLlama.load()\n"
            "except Exception as exc:\n    print(type(exc).__name__)\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.stdout.strip() == "FileNotFoundError"
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "armed"
    assert any(line.startswith("look up huggingface.co") for line in lines[1:])


def test_every_suggestion_path_in_process_touches_no_network(sample_study: Path) -> None:
    with blocked() as attempts:
        # The block works here too: a look-up beyond the machine fails and is recorded.
        with pytest.raises(OSError, match="network blocked"):
            socket.getaddrinfo("example.org", 443)
        assert attempts == ["look up example.org:443"]
        attempts.clear()
        embeddings._model = None  # load the model again, under the block
        embeddings._cache.clear()
        study = open_study(sample_study)
        notes, themes = study.notes(), study.themes()
        result = study.suggest("r3", drafts="auto")
        json.loads(result.to_json())
        suggest_themes(notes, themes, top=3)
        note = result.unsorted[0]
        similar_notes(notes, note=note)
        similar_notes(notes, theme=str(themes["theme_id"].iloc[0]), themes=themes)
        draft_themes(notes[notes["round_id"] == "r1"], drafts=4)
        study.close()
    assert embeddings._model is not None
    assert len(result.suggestions) == 3 * len(result.unsorted) > 0
    assert attempts == []


def test_the_suggest_command_in_a_blocked_process(sample_study: Path, tmp_path: Path) -> None:
    env, log = _env(tmp_path)
    command = Path(sys.executable).with_name("synthesis")
    argv = ([str(command)] if command.exists() else [sys.executable, "-m", "synthesis.cli"])
    done = subprocess.run(argv + ["suggest", str(sample_study), "--round", "r3", "--drafts",
                                  "auto", "--format", "json"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert len(payload["suggestions"]) == 130 and payload["drafts"]
    assert log.read_text(encoding="utf-8").splitlines() == ["armed"]
    assert not (Path(env["HOME"]) / ".cache" / "wordllama").exists()


def test_the_block_ignores_this_machine() -> None:
    from netguard import is_local

    assert all(map(is_local, ["127.0.0.1", "::1", "localhost", None, "127.8.9.1"]))
    assert not any(map(is_local, ["huggingface.co", "10.0.0.1", "8.8.8.8"]))
    assert os.environ.get("SYNTHESIS_NETGUARD_LOG") is None  # nothing leaks to the suite



_BOARD_SCRIPT = """
import json, os, sys
from synthesis import open_study
from synthesis.board import open_board, suggest_jobs
study = open_study(sys.argv[1])
board = open_board(study, round="r3")
sent = []
board.send = sent.append
board.handle({"type": "suggest", "id": "a", "drafts": "auto"})
assert board.suggestions.wait(600)
ready = [m for m in sent if m["type"] == "suggestions"][0]
board.suggestions.similar(sent.append, note=next(iter(ready["suggested"]))).join(600)
print(json.dumps({"ok": ready["ok"], "notes": len(ready["suggested"]),
                  "drafts": len(ready.get("drafts", [])), "likes": len(ready["like"]),
                  "similar": sent[-1].get("notes"),
                  "worker": suggest_jobs.run_elsewhere(os.getpid) != os.getpid()}))
"""


def test_the_boards_suggestions_touch_no_network(sample_study: Path, tmp_path: Path) -> None:
    """What the board asks for (suggestions with their reasons, drafts, similar notes) runs
    in a worker process of the kernel (synthesis/board/suggest_jobs.py): a board in a
    blocked process, whose worker process is blocked too, tries no connection."""
    env, log = _env(tmp_path)
    done = subprocess.run([sys.executable, "-c", _BOARD_SCRIPT, str(sample_study)], env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["ok"] is True and got["notes"] == 130 and got["drafts"] > 1 and got["likes"]
    assert len(got["similar"]) == 10 and got["worker"] is True
    # Every process armed (the board's, its worker, multiprocessing's resource tracker)
    # and not one attempt between them.
    lines = log.read_text(encoding="utf-8").splitlines()
    assert set(lines) == {"armed"} and len(lines) >= 2
