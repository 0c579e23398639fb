"""Themes as QDA-XML Codes, and the codebook alone (.qdc) for other QDA tools.

A parent theme becomes a parent Code (nested), colours are written as ``#RRGGBB``, and
theme groups become Sets. The helpers here (frames to records, XML-safe text) are shared
with :mod:`~synthesis.interop.refi_export`, which builds whole projects.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from lxml import etree
from lxml.builder import ElementMaker

from ..errors import StudyError
from .refi_conventions import guid_for

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "synthesis 0.1.0"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_COLOUR = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")

Frame = Any  # a pandas DataFrame or a sequence of dicts


def records(frame: Frame | None) -> list[dict[str, Any]]:
    """Rows as dicts, with pandas' NaN and NaT turned into None."""
    if frame is None:
        return []
    rows = frame.to_dict("records") if hasattr(frame, "to_dict") else [dict(r) for r in frame]
    return [{k: (None if _missing(v) else v) for k, v in row.items()} for row in rows]


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return value is pd.NaT or value is pd.NA
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False


def xml_text(value: Any) -> str:
    """Text XML 1.0 can hold (it forbids most control characters)."""
    return _NOT_XML.sub("", str(value))


def hex_colour(value: Any) -> str | None:
    match = _COLOUR.match(str(value or "").strip())
    if not match:
        return None
    hexes = match.group(1)
    if len(hexes) == 3:
        hexes = "".join(ch * 2 for ch in hexes)
    return "#" + hexes.upper()


def as_int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


# -- themes ----------------------------------------------------------------------------------
def theme_tree(themes: Frame) -> tuple[list[dict[str, Any]], dict[str | None, list[str]]]:
    rows = records(themes)
    if rows and "position" in rows[0]:
        rows.sort(key=lambda r: (as_int(r.get("position")) is None, as_int(r.get("position")) or 0))
    ids = {r["theme_id"] for r in rows}
    children: dict[str | None, list[str]] = defaultdict(list)
    for r in rows:
        parent = r.get("parent_id")
        children[parent if parent in ids and parent != r["theme_id"] else None].append(
            r["theme_id"])
    return rows, children


def walk_themes(children: Mapping[str | None, list[str]]) -> list[tuple[str, int]]:
    """Theme ids depth first with their depth; a cycle cannot loop forever."""
    out: list[tuple[str, int]] = []
    seen: set[str] = set()

    def go(parent: str | None, depth: int) -> None:
        for tid in children.get(parent, []):
            if tid not in seen:
                seen.add(tid)
                out.append((tid, depth))
                go(tid, depth + 1)

    go(None, 0)
    return out


def codes(E: Any, rows: list[dict[str, Any]],
           children: Mapping[str | None, list[str]]) -> list[etree._Element]:
    by_id = {r["theme_id"]: r for r in rows}

    def code(tid: str, seen: frozenset[str]) -> etree._Element:
        r = by_id[tid]
        attrs = {"guid": guid_for("theme", tid), "name": xml_text(r.get("name") or "Unnamed theme"),
                 "isCodable": "true"}
        colour = hex_colour(r.get("colour"))
        if colour:
            attrs["color"] = colour
        el = E.Code(**attrs)
        if r.get("description"):
            el.append(E.Description(xml_text(r["description"])))
        for child in children.get(tid, []):
            if child not in seen:
                el.append(code(child, seen | {child}))
        return el

    return [code(tid, frozenset({tid})) for tid in children.get(None, [])]


def maker(ns: str) -> Any:
    return ElementMaker(namespace=ns, nsmap={None: ns})


def build_codebook(themes: Frame, *, origin: str = ORIGIN, groups: bool = True) -> bytes:
    """A QDA-XML codebook (``.qdc``): the themes as nested Codes, groups as Sets.

    Examples
    --------
    >>> xml = build_codebook([{"theme_id": "t-1", "name": "Trust", "colour": "#1f77b4"}])
    >>> b'<Code guid=' in xml and b'color="#1F77B4"' in xml
    True
    """
    rows, children = theme_tree(themes)
    if not rows:
        raise StudyError("there are no themes to export; a codebook needs at least one.")
    E = maker(CODEBOOK_NS)
    root = E.CodeBook(E.Codes(*codes(E, rows, children)), origin=origin)
    # The codebook schema names a member's reference `guid`; the project schema `targetGUID`.
    sets = group_sets(E, rows, children, member_attr="guid") if groups else []
    if sets:  # the schema wants at least one Set inside <Sets>, so never write an empty one
        root.append(E.Sets(*sets))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def export_qdc(path: str | Path, themes: Frame, **kwargs: Any) -> Path:
    """Write the codebook to ``path`` (atomically) and return the path."""
    return write_atomic(Path(path), build_codebook(themes, **kwargs))


def group_sets(E: Any, rows: list[dict[str, Any]],
               children: Mapping[str | None, list[str]],
               member_attr: str = "targetGUID") -> list[Any]:
    """One Set per parent theme, listing its sub-themes (the board's theme groups)."""
    sets = []
    for r in rows:
        kids = children.get(r["theme_id"], [])
        if kids:
            sets.append(E.Set(E.Description("theme group"),
                              *[E.MemberCode(**{member_attr: guid_for("theme", k)})
                                for k in kids],
                              guid=guid_for("group", r["theme_id"]),
                              name=xml_text(f"Theme group: {r.get('name')}")))
    return sets


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file, so no reader ever sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; an export is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
