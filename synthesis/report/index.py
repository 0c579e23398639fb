"""``index.html``: one self-contained page linking every report a run produced, and what failed."""

from __future__ import annotations

import os
from datetime import datetime, UTC
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from . import html as h

if TYPE_CHECKING:
    from ..runner import ReportOutcome

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1d2430; max-width: 52rem; margin: 2.5rem auto; padding: 0 1.2rem; line-height: 1.5; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem; color: #5b6573; }
ul.reports { list-style: none; padding: 0; }
ul.reports li { border: 1px solid #dfe3e8; border-radius: 6px; padding: 0.8rem 1rem;
  margin: 0.7rem 0; }
ul.reports a { font-weight: 600; font-size: 1.08rem; color: #1f5fa8; }
.meta { color: #5b6573; font-size: 0.9rem; margin: 0.2rem 0 0; }
.failed { border-color: #e2b36b; background: #fff6e8; }
.failed .meta { color: #8a4b00; }
footer { margin-top: 2rem; font-size: 0.8rem; color: #5b6573; }
@media print { ul.reports li { break-inside: avoid; } }
"""


def write_index(out_dir: Path, study_name: str, outcomes: list[ReportOutcome]) -> Path:
    """Write ``out_dir/index.html`` (relative links, so the folder can move as a whole)."""
    items = []
    for outcome in outcomes:
        summary = outcome.summary or {}
        label = summary.get("title") or (
            "Study overview" if outcome.name == "overview" else f"Round {outcome.name}")
        if outcome.ok and outcome.html is not None:
            link = _relative(outcome.html, out_dir)
            meta = _meta(summary)
            items.append(Markup('<li><a href="{}">{}</a>{}</li>').format(
                link, label, h.paragraph(meta, "meta") if meta else ""))
        else:
            link = _relative(outcome.notebook, out_dir)
            items.append(Markup(
                '<li class="failed"><strong>{}</strong>: not written'
                '<p class="meta">{}{}. The executed notebook is kept for debugging: '
                '<a href="{}">{}</a></p></li>').format(
                label, outcome.error or "failed",
                f" (cell {outcome.cell}: {outcome.cell_source})" if outcome.cell else "",
                link, link))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    ok = sum(o.ok for o in outcomes)
    page = Markup(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<title>{name}: research reports</title>\n<style>{style}</style>\n</head>\n<body>\n'
        '<p class="kicker">Research reports</p>\n<h1>{name}</h1>\n'
        '<p>{ok} of {total} reports written. Each opens offline in any browser.</p>\n'
        '<ul class="reports">\n{items}\n</ul>\n<footer>Generated {stamp} by synthesis run.'
        '</footer>\n</body>\n</html>\n').format(
        name=study_name, style=Markup(_STYLE), ok=ok, total=len(outcomes),
        items=h.join(items), stamp=stamp)
    path = out_dir / "index.html"
    path.write_text(str(page), encoding="utf-8")
    return path


def _meta(summary: dict) -> str:
    if not summary:
        return ""
    parts = [f"{summary.get('participants', 0)} participants",
             f"{summary.get('sessions', 0)} sessions",
             f"{summary.get('themes', 0)} themes"]
    top = summary.get("top_themes") or []
    if top:
        first = top[0]
        parts.append(f"most raised: {first['theme']} ({first['k']} of {first['n']})")
    return " · ".join(parts)


def _relative(path: Path, base: Path) -> str:
    return Path(os.path.relpath(path, base)).as_posix()
