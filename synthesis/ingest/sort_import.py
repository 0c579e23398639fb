"""Importing someone's codings as sorts: a placements file settled against the study, then
written in one transaction.

:func:`~synthesis.ingest.placements.parse_placements` reads the file; here each row's note
id is found in the study (its note id, or the id its source gave it at import), the rows
are split into sorts (``--sort NAME``, or one sort per coder when the file has a coder
column; rows with no coder go to ``--sort``), every check that could refuse the file runs,
and only then is anything written: new sorts, their themes (matched by name within the
sort, case and spacing ignored, as every importer matches themes), the placements, one
``import`` event and the file's SHA-256 (the same file twice adds nothing). Every row is
accounted for in the summary. A sort named ``board`` is the shared board.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from synthesis.errors import InputError, StudyError
from synthesis.ingest.mapping import NO_MAPPING, ColumnMap
from synthesis.ingest.placements import PlacementFile, parse_placements
from synthesis.ingest.tags import tag_key
from synthesis.sorts import BOARD, check_sort_name

if TYPE_CHECKING:
    from synthesis.study import Study


@dataclass
class _Sort:
    """What one sort gets from the file."""

    name: str
    rows: int = 0
    unsorted: int = 0
    repeated: int = 0  # rows whose every placement an earlier row already gave
    pairs: dict[tuple[str, str], str] = field(default_factory=dict)  # (note, key) -> name


def import_placements(study: Study, path: Path, *, sort: str | None = None,
                      round: str | None = None, columns: ColumnMap = NO_MAPPING,
                      dry_run: bool = False) -> dict[str, Any]:
    """Import a placements file into sorts of one round; returns the import's summary.

    Raises
    ------
    InputError, StudyError
        One sentence naming the file and row: a note the study does not have, an id two
        notes share, notes of several rounds, no sort to put rows in. Nothing is written.

    Examples
    --------
    >>> _ = (tmp / "codings.csv").write_text(
    ...     f"note id,theme,coder\\n{n1},Trust; Fees,dana\\n{n2},Trust,lee\\n{n2},,dana\\n")
    >>> result = import_placements(study, tmp / "codings.csv")
    >>> print("\\n".join(result["summary"]))
    3 rows read: 2 placed a note, 1 named a note and no theme (left unsorted in its sort)
    sort 'dana' (new): 2 themes (2 new), 2 placements (2 new)
    sort 'lee' (new): 1 theme (1 new), 1 placement (1 new)
    notes referred to by the study's note id: 3 rows
    """
    path = Path(path)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    seen = study.store.imported(sha)
    if seen is not None:
        return {"file": path.name, "kind": "placements", "round": round,
                "status": "unchanged", "messages": [
                    f"{path.name}: already imported (as {seen['source']}); nothing to do."]}
    parsed = parse_placements(path, columns)
    notes, how = _resolve(study, parsed)
    round_id = _one_round(study, parsed, notes, round)
    sorts = _split(parsed, notes, sort)
    lines = _summary(parsed, sorts, how)
    if dry_run:
        lines = [line for line, _ in _write_sorts(study, round_id, sorts, write=False)] + lines
        return {"file": path.name, "kind": "placements", "round": round_id,
                "status": "would import", "summary": _order(lines), "messages":
                parsed.messages}
    with study.store.transaction():
        written = _write_sorts(study, round_id, sorts, write=True)
        sort_lines = [line for line, _ in written]
        counts = {k: sum(c[k] for _, c in written) for k in ("sorts", "themes", "placements")}
        study.store.log("import", study.author, f"import {parsed.source}: placements into "
                        f"{', '.join(repr(s.name) for s in sorts.values())}",
                        source=parsed.source, input_kind="placements", counts=counts)
        study.store.record_import(sha, parsed.source, "placements", round_id,
                                  {**counts, "sorts": [s.name for s in sorts.values()]})
    return {"file": path.name, "kind": "placements", "round": round_id, "status": "imported",
            "counts": counts, "summary": _order([*sort_lines, *lines]),
            "messages": parsed.messages}


def _order(lines: list[str]) -> list[str]:
    """The rows line first, then the sorts, then how notes were found and what was skipped."""
    rows = [line for line in lines if "rows read" in line]
    return rows + [line for line in lines if line not in rows]


def _resolve(study: Study, parsed: PlacementFile) -> tuple[list[tuple[str, str]], dict]:
    """Each row's (note id, round); how many rows named notes which way."""
    by_id: dict[str, str] = {}
    by_source: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for note_id, source_id, round_id in study.store.note_refs():
        by_id[note_id] = round_id or ""
        if source_id:
            by_source[source_id].append((note_id, round_id or ""))
    out: list[tuple[str, str]] = []
    how = {"note id": 0, "source id": 0}
    for row in parsed.rows:
        if row.note in by_id:
            out.append((row.note, by_id[row.note]))
            how["note id"] += 1
            continue
        found = by_source.get(row.note, [])
        if not found:
            raise InputError(parsed.source, f"{row.where}: there is no note {row.note!r} in "
                             "this study (looked for it as the study's note id and as the id "
                             "its source file gave it)")
        if len(found) > 1:
            raise InputError(parsed.source, f"{row.where}: {row.note!r} is the source id of "
                             f"{len(found)} notes ({', '.join(n for n, _ in found[:3])}); "
                             "refer to the note by the study's note id instead")
        out.append(found[0])
        how["source id"] += 1
    return out, how


def _one_round(study: Study, parsed: PlacementFile, notes: list[tuple[str, str]],
               round: str | None) -> str:
    """The round every note is of (a sort is of one round)."""
    rounds = sorted({r for _, r in notes})
    if round is not None:
        study.check_round(round)
        for row, (note, r) in zip(parsed.rows, notes):
            if r != round:
                raise InputError(parsed.source, f"{row.where}: note {note!r} is of round "
                                 f"{r or '(none)'}, not {round}; a sort is of one round")
        return round
    if len(rounds) != 1 or not rounds[0]:
        raise InputError(parsed.source, "names notes of rounds "
                         f"{', '.join(r or '(none)' for r in rounds)}; a sort is of one "
                         "round: give --round, or one file per round")
    return rounds[0]


def _split(parsed: PlacementFile, notes: list[tuple[str, str]],
           sort: str | None) -> dict[str, _Sort]:
    """The rows of each sort: the coder's, else ``sort``'s."""
    default = check_sort_name(sort) if sort is not None else None
    sorts: dict[str, _Sort] = {}
    for row, (note, _) in zip(parsed.rows, notes):
        name = row.coder or default
        if name is None:
            if parsed.coder_column is None:
                raise StudyError(f"{parsed.source}: name the sort these codings go to with "
                                 "--sort NAME (or add a coder column, one sort per coder).")
            raise InputError(parsed.source, f"{row.where}: no coder in column "
                             f"{parsed.coder_column!r}; give --sort NAME for such rows")
        name = check_sort_name(name)
        target = sorts.setdefault(tag_key(name), _Sort(name))
        target.rows += 1
        if not row.themes:
            target.unsorted += 1
        elif all((note, tag_key(t)) in target.pairs for t in row.themes):
            target.repeated += 1
        for theme in row.themes:
            target.pairs.setdefault((note, tag_key(theme)), theme)
    return sorts


def _summary(parsed: PlacementFile, sorts: dict[str, _Sort], how: dict[str, int]
             ) -> list[str]:
    unsorted = sum(s.unsorted for s in sorts.values())
    repeated = sum(s.repeated for s in sorts.values())
    read = len(parsed.rows) + len(parsed.skipped)
    parts = [f"{len(parsed.rows) - unsorted - repeated} placed a note"]
    if unsorted:
        parts.append(f"{unsorted} named a note and no theme (left unsorted in its sort)")
    if repeated:
        parts.append(f"{repeated} repeated placements of a row above")
    if parsed.skipped:
        parts.append(f"{len(parsed.skipped)} skipped (no note id)")
    lines = [f"{read} rows read: " + ", ".join(parts)]
    ways = [f"the study's note id: {how['note id']} rows" if how["note id"] else "",
            f"the id their source gave them at import: {how['source id']} rows"
            if how["source id"] else ""]
    lines.append("notes referred to by " + "; ".join(w for w in ways if w))
    lines += [f"skipped {s}" for s in parsed.skipped]
    return lines


def _write_sorts(study: Study, round_id: str, sorts: dict[str, _Sort], *, write: bool
                 ) -> list[tuple[str, dict[str, int]]]:
    """Create what is missing (when ``write``); per sort, a line saying what it gets and the
    counts of new sorts, themes and placements."""
    store = study.store
    lines = []
    for target in sorts.values():
        is_board = tag_key(target.name) == BOARD
        sid = None if is_board else store.sort_id(round_id, target.name)
        new_sort = not is_board and sid is None
        if new_sort and write:
            sid = "s-" + uuid.uuid4().hex[:10]
            store.add_sort(sid, round_id, target.name, study.author)
        themes = {} if new_sort else {
            tag_key(str(name)): str(tid) for tid, name in
            zip(store.themes(sort=sid)["theme_id"], store.themes(sort=sid)["name"])}
        names = dict.fromkeys(target.pairs.values())
        keys: dict[str, str] = {}
        for name in names:  # the first spelling of a theme names it
            keys.setdefault(tag_key(name), name)
        created = [k for k in keys if k not in themes]
        existing = set() if new_sort else set(store.round_placements(round_id, sid))
        if write:
            position = store.next_theme_position()
            for i, key in enumerate(created):
                tid = "t-" + uuid.uuid4().hex[:10]
                store.put("themes", tid, {
                    "theme_id": tid, "name": keys[key], "description": "", "colour": None,
                    "parent_id": None, "position": position + i, "status": "live",
                    "merged_into": None}, None)
                if sid is not None:
                    store.tie_theme(tid, sid)
                themes[key] = tid
        new_pairs = 0
        for note, key in target.pairs:
            found = themes.get(key)
            if found is None or (note, found) not in existing:
                new_pairs += 1
                if write and found is not None:
                    store.put("placements", (note, found),
                              {"note_id": note, "theme_id": found}, None)
        label = "the shared board" if is_board else f"sort {target.name!r}"
        lines.append((f"{label} ({'new' if new_sort else 'existing'}): "
                      f"{_n(len(keys), 'theme')} ({len(created)} new), "
                      f"{_n(len(target.pairs), 'placement')} ({new_pairs} new)",
                      {"sorts": int(new_sort), "themes": len(created),
                       "placements": new_pairs}))
    return lines


def _n(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
