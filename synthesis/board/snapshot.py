"""A static, self-contained HTML picture of the board, for reports that must open offline.

Exported notebooks cannot run the widget's JavaScript without a network (nbconvert loads
widget code from public CDNs), so reports show this snapshot instead: the same columns,
cards, counts and participants-per-theme bars, drawn as plain HTML with the board's own CSS
inlined. A note in several themes shows in each of their columns, marked "also in" with the
names of the others; a note whose words were changed by hand says "edited", as on the live
board. Every piece of study text goes through :func:`html.escape`.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from ..colours import NOT_SET_COLOUR, attribute_colours, safe_colour
from .state import UNSORTED, also_in, study_state

_CSS = Path(__file__).with_name("board.css")


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _count_label(theme: dict[str, Any], n: int) -> str:
    notes = f"{theme['notes']} note" + ("" if theme["notes"] == 1 else "s")
    return f"{notes} · {theme['participants']} of {n} participants"


def _card(card: dict[str, Any], people: dict[str, dict[str, str]],
          accents: dict[str, str], colour_by: str, others: Sequence[str] = ()) -> str:
    person = people.get(card.get("pid") or "", {})
    seg = person.get("segment")
    value = card.get("pid") if colour_by == "participant" else person.get(colour_by)
    accent = accents.get(value) if value is not None else None
    style = f' style="--sb-accent: {accent}"' if accent else ""
    seg_html = f'<span class="sb-seg">{_e(seg)}</span>' if seg else ""
    also = (f'<p class="sb-also">also in {_e(", ".join(others))}</p>' if others else "")
    # changed by hand since it was imported or written: said as the live board says it
    edited = ('<span class="sb-edited" title="Edited on the board; the words before are in '
              'the study\'s event log">edited</span>' if card.get("edited") else "")
    return (f'<div class="sb-card" data-note-id="{_e(card["id"])}"{style}>'
            f'<p class="sb-text">{_e(card["text"])}</p>{also}'
            f'<div class="sb-meta"><span class="sb-pid">{_e(card.get("pid") or "—")}</span>'
            f'{edited}{seg_html}</div></div>')


def board_fragment(state: dict[str, Any], *, colour_by: str | None = None,
                   scroll: bool = False, include_css: bool = True) -> str:
    """The board as an HTML fragment (a ``<style>`` and one ``div.synthesis-board``).

    ``scroll=True`` keeps the live board's scroll boxes (fixed height); the default lets every
    card show, which is what a printed or archived report wants.

    Examples
    --------
    >>> from IPython.display import HTML
    >>> HTML(board_fragment(study_state(study, "r1")))  # in a notebook, shows it
    <IPython.core.display.HTML object>
    """
    meta = state.get("meta", {})
    people = state.get("people", {})
    themes = state.get("themes", [])
    placements = state.get("placements", {})
    cards = state.get("cards", [])
    n = int(meta.get("n_participants", 0))
    attributes = meta.get("attributes", [])
    if colour_by is None:
        colour_by = "segment" if "segment" in attributes else "participant"
    # Colours come with the state (synthesis/colours.py), the same as the live board's and
    # the report charts'; a state without them (an old one) is coloured the same way here.
    on_board = {(c.get("pid") if colour_by == "participant" else
                 people.get(c.get("pid") or "", {}).get(colour_by)) for c in cards} - {None}
    accents = (meta.get("accents") or {}).get(colour_by) or attribute_colours(on_board)
    values = [v for v in accents if v in on_board]
    accents = {v: safe_colour(accents[v], NOT_SET_COLOUR) for v in values}

    live = {t["id"] for t in themes}
    names = {t["id"]: t["name"] for t in themes}
    lists: dict[str, list[str]] = {UNSORTED: []}
    for t in themes:
        lists[t["id"]] = []
    for card in cards:
        tids = [t for t in placements.get(card["id"], []) if t in live]
        for tid in tids or [UNSORTED]:
            others = also_in(placements, card["id"], tid, names)
            lists[tid].append(_card(card, people, accents, colour_by, others))

    colours = {t["id"]: safe_colour(t.get("colour"), NOT_SET_COLOUR) for t in themes}
    children: dict[str, list[dict[str, Any]]] = {}
    for t in themes:
        parent = t.get("parent") if t.get("parent") in live else ""
        children.setdefault(parent or "", []).append(t)

    def section(t: dict[str, Any], depth: int) -> str:
        parent = (f'<p class="sb-theme-parent">in {_e(names[t["parent"]])}</p>'
                  if depth else "")
        desc = (f'<p class="sb-theme-desc">{_e(t["description"])}</p>'
                if t.get("description") else "")
        return (f'<section class="sb-theme" data-theme-id="{_e(t["id"])}" data-depth="{depth}"'
                f' style="--sb-theme: {colours[t["id"]]}">'
                f'<header class="sb-theme-head"><span class="sb-swatch"></span>'
                f'<h3 class="sb-theme-name">{_e(t["name"])}</h3></header>{parent}'
                f'<p class="sb-theme-count">{_e(_count_label(t, n))}</p>{desc}'
                f'<div class="sb-cards">{"".join(lists[t["id"]])}</div></section>')

    def descend(t: dict[str, Any], depth: int, seen: set[str]) -> list[str]:
        if t["id"] in seen:  # a cycle in stored data must not hang a report
            return []
        seen.add(t["id"])
        out = [section(t, depth)]
        for c in children.get(t["id"], []):
            out += descend(c, depth + 1, seen)
        return out

    columns = []
    seen: set[str] = set()
    for t in children.get("", []):
        parts = descend(t, 0, seen)
        columns.append(f'<div class="sb-group">{"".join(parts)}</div>' if len(parts) > 1
                       else parts[0])

    ranked = sorted(themes, key=lambda t: (-t["participants"], -t["notes"], t["name"].lower()))
    bars = "".join(
        f'<li class="sb-bar"><span class="sb-bar-label">{_e(t["name"])}</span>'
        f'<span class="sb-bar-track"><span class="sb-bar-fill" style="width: '
        f'{100 * t["participants"] / max(n, 1):.1f}%; background: {colours[t["id"]]}">'
        f'</span></span><span class="sb-bar-value">{t["participants"]} of {n}</span></li>'
        for t in ranked)
    legend = "".join(
        f'<span class="sb-chip"><span class="sb-dot" style="background: {c}"></span>'
        f'<span>{_e(v)}</span></span>' for v, c in list(accents.items())[:24])
    round_label = f"Round {meta['round']}" if meta.get("round") else "All rounds"
    unsorted = len(lists[UNSORTED])
    where = f"round {meta['round']}" if meta.get("round") else "the study"
    css = f"<style>{_CSS.read_text(encoding='utf-8')}</style>" if include_css else ""
    classes = "synthesis-board sb-static" + (" sb-scroll" if scroll else "")
    return (
        f'{css}<div class="{classes}" role="region" aria-label="Affinity board: '
        f'{_e(meta.get("study", ""))}, {_e(round_label)}">'
        f'<div class="sb-toolbar"><div class="sb-heading"><h2 class="sb-title">'
        f'{_e(meta.get("study") or "Affinity board")}</h2>'
        f'<span class="sb-subtitle">{_e(round_label)}</span></div></div>'
        f'<div class="sb-legend"><span class="sb-legend-title">Colour: {_e(colour_by)}</span>'
        f'{legend}</div>'
        f'<div class="sb-body"><section class="sb-pile" data-theme-id="{UNSORTED}">'
        f'<header class="sb-pile-head"><h3 class="sb-theme-name">Unsorted</h3>'
        f'<span class="sb-theme-count">{unsorted} note{"" if unsorted == 1 else "s"}</span>'
        f'</header><div class="sb-cards">{"".join(lists[UNSORTED])}</div></section>'
        f'<div class="sb-board-area"><div class="sb-themes-wrap">{"".join(columns)}</div></div>'
        f'<aside class="sb-chart"><h3 class="sb-chart-title">Participants per theme</h3>'
        f'<p class="sb-chart-note">{n} participants in {_e(where)}</p>'
        f'<ol class="sb-bars">{bars}</ol></aside></div></div>')


def snapshot_html(state: dict[str, Any], *, title: str | None = None,
                  colour_by: str | None = None, scroll: bool = False) -> str:
    """The board as one self-contained HTML page (no scripts, no links, no network).

    Examples
    --------
    >>> html = snapshot_html(study.board(round="r1").state())
    >>> html.startswith("<!doctype html>"), "<script" in html
    (True, False)
    """
    meta = state.get("meta", {})
    title = title or f"{meta.get('study') or 'Affinity board'}" + (
        f" — round {meta['round']}" if meta.get("round") else "")
    body = board_fragment(state, colour_by=colour_by, scroll=scroll)
    return ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{_e(title)}</title>'
            '<style>body{margin:16px;background:#fff}</style></head>'
            f'<body>{body}</body></html>\n')


def snapshot(study: Any, round: str | None = None, **kwargs: Any) -> str:
    """Snapshot a study's board for one round straight from the store.

    Examples
    --------
    >>> html = snapshot(open_study("data/invoicing-onboarding"), "r1")
    >>> _ = Path("board.html").write_text(html, encoding="utf-8")
    """
    return snapshot_html(study_state(study, round), **kwargs)
