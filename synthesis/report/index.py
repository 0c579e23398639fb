"""``index.html``: one self-contained page linking every complete report in the output folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from . import html as h
from .publish import complete_reports, write_atomic

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


def write_index(out_dir: Path, study_name: str, order: Sequence[str] = (),
                failures: Sequence[ReportOutcome] = (), redacted: bool = True) -> Path:
    """Write ``out_dir/index.html`` from what is on disk: every complete report in the folder.

    Reports are listed in ``order`` (the study's rounds, then the overview), any other
    complete report folder after them; each says when it was generated, so a report kept
    from an earlier run is plain to see. ``failures`` are this run's reports that failed,
    with a link to their executed notebook. A redacted index lists only redacted reports
    (an internal report's titles could name people) and says how many it left out. The
    file is replaced in one rename (:func:`~synthesis.report.publish.write_atomic`), and
    links are relative, so the folder can move as a whole.

    >>> write_index(Path("reports/study"), "Pricing", ["r1", "r2", "overview"])  # doctest: +SKIP
    PosixPath('reports/study/index.html')
    """
    rank = {name: i for i, name in enumerate(order)}
    found = sorted(complete_reports(out_dir), key=lambda p: (rank.get(p.name, len(rank)),
                                                             p.name))
    hidden = [p for p in found if redacted and not p.summary.get("redacted", False)]
    items = []
    for report in found:
        if report in hidden:
            continue
        summary = report.summary
        label = summary.get("title") or (
            "Study overview" if report.name == "overview" else f"Round {report.name}")
        meta = " · ".join(x for x in (_meta(summary), _when(summary)) if x)
        items.append(Markup('<li><a href="{}">{}</a>{}</li>').format(
            _relative(report.html, out_dir), label, h.paragraph(meta, "meta") if meta else ""))
    for outcome in failures:
        link = _relative(outcome.notebook, out_dir)
        items.append(Markup(
            '<li class="failed"><strong>{}</strong>: failed in this run'
            '<p class="meta">{}{}. The executed notebook is kept for debugging: '
            '<a href="{}">{}</a></p></li>').format(
            "Study overview" if outcome.name == "overview" else f"Round {outcome.name}",
            outcome.error or "failed",
            f" (cell {outcome.cell}: {outcome.cell_source})" if outcome.cell else "",
            link, link))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    listed = len(found) - len(hidden)
    note = f" {len(hidden)} internal (unredacted) report(s) in this folder are not listed." \
        if hidden else ""
    page = Markup(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<title>{name}: research reports</title>\n<style>{style}</style>\n</head>\n<body>\n'
        '<p class="kicker">Research reports</p>\n<h1>{name}</h1>\n'
        '<p>{listed} report{s} in this folder{failed}. Each opens offline in any browser.{note}'
        '</p>\n<ul class="reports">\n{items}\n</ul>\n<footer>Index written {stamp} by '
        'synthesis run.</footer>\n</body>\n</html>\n').format(
        name=study_name, style=Markup(_STYLE), listed=listed, s="" if listed == 1 else "s",
        failed=f"; {len(failures)} failed in this run" if failures else "", note=note,
        items=h.join(items), stamp=stamp)
    return write_atomic(out_dir / "index.html", str(page))


def _meta(summary: dict) -> str:
    if not summary:
        return ""
    heard, recruited = summary.get("participants", 0), summary.get("recruited")
    parts = [f"{heard} participants" if recruited in (None, heard)
             else f"{heard} interviewed of {recruited} recruited",
             f"{summary.get('sessions', 0)} sessions",
             f"{summary.get('themes', 0)} themes"]
    top = summary.get("top_themes") or []
    if summary.get("provisional"):  # a ranking that will change is no finding yet
        parts.append("provisional: still being sorted")
    elif top:
        first = top[0]
        parts.append(f"most raised: {first['theme']} ({first['k']} of {first['n']})")
    return " · ".join(parts)


def _when(summary: dict) -> str:
    stamp = summary.get("generated")
    return f"generated {stamp}" if stamp else ""


def _relative(path: Path, base: Path) -> str:
    return Path(os.path.relpath(path, base)).as_posix()
