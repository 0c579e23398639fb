"""The partial plotly.js bundle vendored for reports: what it is, and that it is intact.

The bundle is someone else's code shipped inside the package, so the test checks it is the
file ``tools/vendor_plotly.py`` fetched (checksum), carries its licence, is the version its
VERSION file names, and holds every trace type the report charts draw.
"""

from __future__ import annotations

import hashlib
import re

from synthesis.report.offline import BUNDLE, PLOTLY_MARK, VENDOR, plotly_library


def test_the_vendored_bundle_is_the_fetched_file_with_its_licence():
    package, version, digest = (VENDOR / "VERSION").read_text(encoding="utf-8").split()
    assert package == "plotly.js-cartesian-dist-min"
    assert digest == "sha256:" + hashlib.sha256(BUNDLE.read_bytes()).hexdigest()
    head = BUNDLE.read_text(encoding="utf-8")[:300]
    assert re.search(r"plotly\.js \(cartesian - minified\) v" + re.escape(version), head)
    assert "MIT" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


def test_it_holds_the_trace_types_the_charts_use_and_is_embedded_once():
    text = BUNDLE.read_text(encoding="utf-8")
    # Each trace module registers itself under its name.
    for trace in ("bar", "scatter", "heatmap"):
        assert f'name:"{trace}"' in text, trace
    assert 'name:"scatter3d"' not in text and 'name:"choropleth"' not in text  # partial
    assert str(plotly_library()).count(PLOTLY_MARK) == 1
    assert 1_000_000 < BUNDLE.stat().st_size < 1_600_000


def test_the_charts_draw_only_trace_types_the_bundle_has():
    """Read from the chart modules' source: every trace they add or build."""
    from pathlib import Path

    import synthesis.charts

    used = set()
    for module in Path(synthesis.charts.__file__).parent.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        used |= {m.lower() for m in re.findall(r"\.add_(bar|scatter\w*|heatmap\w*|\w+)\(",
                                                source) if m not in ("annotation", "vline",
                                                                      "vrect", "hline",
                                                                      "hrect", "shape",
                                                                      "trace", "layout_image")}
        used |= {m.lower() for m in re.findall(r"\bgo\.([A-Z]\w+)\(", source)
                 if m != "Figure"}
    assert used == {"bar", "scatter", "heatmap"}
