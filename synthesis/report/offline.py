"""Plotly for reports that open offline: plotly.js embedded once, no CDN anywhere.

A report notebook calls :func:`use_offline_plotly` once at the top (it puts plotly.js, 4.8 MB,
in that cell's output) and shows every chart with :func:`chart_html` through
:func:`synthesis.report.html.show`, as a ``text/html`` output nbconvert copies into the page.

Why not ``plotly.io.renderers.default = "notebook"``: the kernel's default renderer
(``plotly_mimetype``) cannot be exported by nbconvert at all (the chart silently vanishes),
and plotly 6+'s ``notebook`` renderer adds a ``<script src=...>`` for MathJax from a public
CDN to *every* figure. Touching ``plotly.io.renderers`` also imports nbformat and with it
jsonschema's grammar compiler, about a second per report on a small machine; building the
HTML directly costs none of that. :func:`register_offline_renderer` remains for notebooks
that want ``fig.show()`` to behave the same way.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

RENDERER = "synthesis"
CONFIG = {"displaylogo": False, "responsive": True,
          "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
_CHART_HEIGHT = 525  # plotly's notebook default when a figure sets no height


def plotly_library() -> Markup:
    """plotly.js as one inline ``<script>`` (the same bytes as plotly.min.js)."""
    # lazy: plotly.offline adds ~65 ms; `synthesis --help` and the CLI never draw
    from plotly.offline import get_plotlyjs

    # MathJaxConfig 'local' stops plotly.js from looking for MathJax anywhere.
    return Markup('<script type="text/javascript">window.PlotlyConfig = '
                  "{MathJaxConfig: 'local'};</script>\n<script type=\"text/javascript\">"
                  "%s</script>") % Markup(get_plotlyjs())


PLOTLY_MARK = "* plotly.js v"  # the banner at the top of plotly.min.js


def use_offline_plotly(embed: bool = True) -> None:
    """Put plotly.js in this cell's output, once for the whole report.

    ``embed=False`` leaves it out: ``synthesis run`` does that, and its exporter puts the
    library in the page's ``<head>`` instead. Kept out of the notebook, 4.8 MB are not
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
