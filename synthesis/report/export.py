"""Executed notebook → stakeholder HTML: no code, no prompts, nothing fetched from the network.

The exporter uses the template in ``template/`` (the lab template's cell markup with its CDN
scripts removed and one small stylesheet). Code is left out by the exporter
(``exclude_input``), not hidden with CSS, so it is not in the file at all. Cells tagged
``remove-cell`` go entirely; stderr output (warnings) stays in the executed notebook for the
researcher but not in the report.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..resources import REPORT_TEMPLATE, package_folder
from .offline import PLOTLY_MARK, plotly_library

# What would make a browser reach the network: remote scripts, style sheets, fonts, frames.
_REMOTE = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//[^\"'\s>]+"
    r"|@import\s+(?:url\()?[\"']?(?:https?:)?//[^\"')\s]+"
    r"|url\(\s*[\"']?(?:https?:)?//[^\"')\s]+", re.IGNORECASE)


PLOTLY_SLOT = "<!-- synthesis: plotly.js -->"


@functools.lru_cache(maxsize=1)
def exporter() -> object:
    """An nbconvert ``HTMLExporter`` configured for reports (one per process: it compiles the
    templates once)."""
    # lazy: nbconvert takes seconds to import (python -X importtime); only export needs it
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = {"remove-cell", "remove_cell"}
    config.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output", "remove_output"}
    config.TagRemovePreprocessor.enabled = True
    template = package_folder(REPORT_TEMPLATE)
    html = HTMLExporter(config=config, template_name=template.name,
                        extra_template_basedirs=[str(template.parent)])
    html.exclude_input = True
    html.exclude_input_prompt = True
    html.exclude_output_prompt = True
    html.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    return html


def export_html(notebook: str | Path, destination: str | Path, title: str | None = None) -> Path:
    """Write the report HTML for an executed notebook; returns ``destination``.

    Examples
    --------
    >>> export_html("reports/r1/report.ipynb", "reports/r1/report.html")  # doctest: +SKIP
    """
    # lazy: nbformat (jsonschema) takes seconds to import; only export needs it
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    if title:
        nb.metadata["title"] = title
    inject = not _has_plotly_js(nb)
    body, _ = exporter().from_notebook_node(  # type: ignore[attr-defined]
        nb, resources={"synthesis_plotly_slot": PLOTLY_SLOT if inject else ""})
    if inject:
        # The notebook was run without plotly.js in it (synthesis run does that): the library
        # goes into the slot the template left in <head>, so the page holds it exactly once.
        # Added after nbconvert's own HTML pass, which need not re-parse 1.5 MB of script.
        body = body.replace(PLOTLY_SLOT, str(plotly_library()), 1)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(body, encoding="utf-8")
    return destination


def _has_plotly_js(nb: object) -> bool:
    for cell in getattr(nb, "cells", []):
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            if PLOTLY_MARK in ("".join(html) if isinstance(html, list) else html):
                return True
    return False


def remote_references(html: str) -> list[str]:
    """Everything in ``html`` that would load from the network (should be empty).

    Examples
    --------
    >>> remote_references('<script src="https://cdn.example/x.js"></script><p>ok</p>')
    ['<script src="https://cdn.example/x.js']
    """
    return [m.group(0) for m in _REMOTE.finditer(html)]
