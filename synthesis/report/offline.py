"""Plotly for reports that open offline: plotly.js embedded once, no CDN anywhere.

Reports embed plotly.js's *cartesian* partial bundle (bar, scatter, heatmap and the other
2-D traces: everything ``synthesis/charts`` draws), 1.5 MB instead of the full library's
4.8 MB. It is vendored with its licence in ``synthesis/report/vendor/`` and refetched by
``tools/vendor_plotly.py``. A report notebook calls :func:`use_offline_plotly` once at the top
(``synthesis run`` instead puts the library in the page's ``<head>`` at export) and shows
every chart with :func:`chart_html` through :func:`synthesis.report.html.show`, as a
``text/html`` output nbconvert copies into the page.

Why not ``plotly.io.renderers.default = "notebook"``: the kernel's default renderer
(``plotly_mimetype``) cannot be exported by nbconvert at all (the chart silently vanishes),
and plotly 6+'s ``notebook`` renderer adds a ``<script src=...>`` for MathJax from a public
CDN to *every* figure. Touching ``plotly.io.renderers`` also imports nbformat and with it
jsonschema's grammar compiler, about a second per report on a small machine; building the
HTML directly costs none of that. :func:`register_offline_renderer` remains for notebooks
that want ``fig.show()`` to behave the same way.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from markupsafe import Markup

RENDERER = "synthesis"
CONFIG = {"displaylogo": False, "responsive": True,
          "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
_CHART_HEIGHT = 525  # plotly's notebook default when a figure sets no height


VENDOR = Path(__file__).resolve().parent / "vendor"
BUNDLE = VENDOR / "plotly-cartesian.min.js"
PLOTLY_MARK = 'data-synthesis="plotly.js"'  # on the one <script> that holds the library


@functools.lru_cache(maxsize=1)
def plotly_library() -> Markup:
    """plotly.js (the vendored cartesian bundle) as one inline ``<script>``.

    Examples
    --------
    >>> str(plotly_library()).count(PLOTLY_MARK)
    1
    """
    # MathJaxConfig 'local' stops plotly.js from looking for MathJax anywhere.
    return Markup('<script type="text/javascript">window.PlotlyConfig = '
                  "{MathJaxConfig: 'local'};</script>\n<script type=\"text/javascript\" "
                  "%s>%s</script>") % (Markup(PLOTLY_MARK),
                                        Markup(BUNDLE.read_text(encoding="utf-8")))


def use_offline_plotly(embed: bool = True) -> None:
    """Put plotly.js in this cell's output, once for the whole report.

    ``embed=False`` leaves it out: ``synthesis run`` does that, and its exporter puts the
    library in the page's ``<head>`` instead. Kept out of the notebook, 1.5 MB are not
    re-serialised every time papermill saves the notebook (after every cell).

    Examples
    --------
    >>> use_offline_plotly()  # doctest: +SKIP
    """
    if not embed:
        return
    # lazy: IPython.display adds ~140 ms; only a notebook cell needs it
    from IPython.display import HTML, display

    display(HTML(str(plotly_library())))


def chart_html(fig: Any) -> Markup:
    """A figure as an HTML fragment that draws with the page's plotly.js (no library inside).

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> "Plotly.newPlot" in chart_html(go.Figure(go.Bar(x=[1], y=[2])))
    True
    """
    # lazy: plotly.io adds ~60 ms; the runner imports this module only to embed plotly.js
    from plotly.io._html import to_html

    return Markup(to_html(fig, config=CONFIG, include_plotlyjs=False, include_mathjax=False,
                          full_html=False, default_width="100%",
                          default_height=_CHART_HEIGHT, validate=False))


def register_offline_renderer(make_default: bool = True) -> str:
    """A ``plotly.io`` renderer that draws like :func:`chart_html`, for ``fig.show()``.

    The first figure shown carries plotly.js (as plotly's ``notebook`` renderer does), and
    no figure loads MathJax from a CDN.
    """
    # lazy: plotly.io adds ~60 ms; the runner imports this module only to embed plotly.js
    import plotly.io as pio
    from plotly.io._base_renderers import NotebookRenderer

    class OfflineNotebookRenderer(NotebookRenderer):
        def to_mimebundle(self, fig_dict: Any) -> dict[str, str]:
            return {"text/html": str(chart_html(fig_dict))}

    if RENDERER not in pio.renderers:
        pio.renderers[RENDERER] = OfflineNotebookRenderer(config=CONFIG)
    if make_default:
        pio.renderers.default = RENDERER
    return RENDERER
