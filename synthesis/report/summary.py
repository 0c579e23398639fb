"""``summary.json``: a round's headline numbers, for the runner's index page."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..analysis import theme_frequency
from .context import ReportContext
from .figures import TOP_THEMES, frequency, saturation

__all__ = ["write_summary"]


def write_summary(ctx: ReportContext, output: str | None, title: str = "") -> dict[str, Any]:
    """Write ``summary.json`` (the headline numbers the runner's index shows) into ``output``.

    Nothing is written when ``output`` is empty (a notebook run by hand).
    """
    if ctx.round_id is None:
        table = theme_frequency(ctx.notes_all, ctx.participants, ctx.themes)
        heading = f"{ctx.title(title)}: study overview"
    else:
        table = frequency(ctx)
        heading = f"{ctx.title(title)}: {ctx.round_name()}"
    heard = table[table["k"] > 0]
    summary = {
        "title": heading, "study": ctx.name, "round": ctx.round_id,
        "round_name": ctx.round_name() if ctx.round_id else None,
        "participants": len(ctx.participants), "recruited": len(ctx.recruited),
        "provisional": ctx.round_id in ctx.provisional if ctx.round_id else bool(ctx.provisional),
        "sessions": len(ctx.sessions),
        "notes": len(ctx.notes), "themes": len(heard),
        "top_themes": [{"theme": r.theme, "k": int(r.k), "n": int(r.n)}
                       for r in heard.head(TOP_THEMES).itertuples(index=False)],
        "saturation": saturation(ctx)["statement"], "redacted": ctx.redact,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    if output:
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False),
                                             encoding="utf-8")
    return summary
