"""Two researchers, two processes, 500 moves each on the same notes, at the same time.

Every move a process saw acknowledged (``place`` returned its event's seq) must be in the
log with its author, and replaying the log from before the moves must give exactly the
placements the store ends with: nothing lost, nothing half-written. On SQLite (two
connections to one file) and on a real PostgreSQL server.
"""

from __future__ import annotations

import multiprocessing as mp
import random
from pathlib import Path

from synthesis import init_study, open_study
from synthesis.model import ImportBundle, Note, Participant, Theme
from synthesis.store import pair_changes

MOVES = 500
NOTES = [f"n{i:02d}" for i in range(20)]
THEMES = ["t-a", "t-b", "t-c", "t-d"]


def researcher(folder: str, store: str | None, author: str, seed: int, out: mp.Queue) -> None:
    """Make MOVES moves of random notes into random themes; report what was acknowledged."""
    study = open_study(folder, author=author, store=store)
    rng = random.Random(seed)
    acked = []
    for _ in range(MOVES):
        note, theme = rng.choice(NOTES), rng.choice(THEMES)
        seq = study.place([note], theme)  # returns once committed: the acknowledgement
        acked.append((seq, note, theme))
    study.close()
    out.put((author, acked))


def replay(start: set[tuple[str, str]], events) -> set[tuple[str, str]]:
    """Placements after writing each event's *after* states onto ``start``, in log order."""
    pairs = set(start)
    for payload in events["payload"]:
        for change in pair_changes(payload["changes"]):
            if change["table"] != "placements":
                continue
            key = tuple(change["key"])
            if change["after"] is None:
                pairs.discard(key)
            else:
                pairs.add(key)
    return pairs


def test_two_researchers_moving_the_same_notes_lose_nothing(tmp_path: Path, store_url):
    folder = tmp_path / "team"
    study = init_study(folder, name="Team", store=store_url)
    study.apply_bundle(ImportBundle(
        "notes.csv", "notes", participants=[Participant("P01", "r1")],
        notes=[Note(n, f"note {n}", "P01", "r1") for n in NOTES],
        themes=[Theme(t, t) for t in THEMES]), round="r1")
    before_seq = study.last_event()
    start = set(map(tuple, study.placements().itertuples(index=False)))

    spawn = mp.get_context("spawn")  # a fresh interpreter each, as two kernels are
    out = spawn.Queue()
    workers = [spawn.Process(target=researcher, args=(str(folder), store_url, who, seed, out))
               for who, seed in (("alice", 1), ("bob", 2))]
    for w in workers:
        w.start()
    results = dict(out.get(timeout=600) for _ in workers)
    for w in workers:
        w.join(60)
        assert w.exitcode == 0

    events = study.events(since=before_seq)
    assert len(events) == 2 * MOVES  # one event per move, none lost, none extra
    by_seq = events.set_index("seq")
    for author, acked in results.items():
        assert len(acked) == MOVES
        for seq, note, theme in acked:
            row = by_seq.loc[seq]
            assert row["author"] == author
            assert (row["payload"]["notes"], row["payload"]["theme_id"]) == ([note], theme)
    final = set(map(tuple, study.placements().itertuples(index=False)))
    assert replay(start, events) == final
    # each note ends in exactly the theme of its last acknowledged move (place empties others)
    last = {note: theme for _seq, note, theme in sorted(results["alice"] + results["bob"])}
    assert final == set(last.items())
    study.close()
