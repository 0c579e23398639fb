"""The theme analysis notebook: committed clean, and every chart renders on the sample study."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import papermill
import pytest

from synthesis import open_study
from synthesis.resources import notebook_path

NOTEBOOK = notebook_path("theme_analysis.ipynb")


def test_notebook_is_committed_without_outputs_and_with_parameters():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert 'study = "data/invoicing-onboarding"' in params[0].source
    assert 'round = "r1"' in params[0].source
    assert any('pio.renderers.default = "notebook"' in c.source for c in code)


def _top_theme(study_path: Path, round_id: str) -> tuple[str, int, int]:
    """The most-raised theme of a round, counted with plain pandas (not the analysis code)."""
    study = open_study(study_path)
    people = set(study.participants(round=round_id)["participant_id"])
    notes = study.notes(round=round_id).explode("themes")  # one row per note and theme
    sorted_ = notes[notes["themes"].notna() & notes["participant_id"].isin(people)]
    k = sorted_.groupby("themes")["participant_id"].nunique().sort_values(ascending=False)
    study.close()
    return str(k.index[0]), int(k.iloc[0]), len(people)


@pytest.mark.slow
def test_every_chart_renders_on_the_sample_study(sample_study, tmp_path):
    assert (sample_study / "study.db").is_file(), "the sample study ships its store"
    out = tmp_path / "theme_analysis.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(out), kernel_name="python3",
                               cwd=str(NOTEBOOK.parent), progress_bar=False,
                               parameters={"study": str(sample_study), "round": "r2",
                                           "orders": 200})
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    charts = [o for o in outputs if "Plotly.newPlot" in o.get("data", {}).get("text/html", "")]
    # bars, bars by segment, who raised what, co-occurrence, rounds, saturation
    assert len(charts) == 6
    name, k, n = _top_theme(sample_study, "r2")
    title = json.dumps(f"{name} was raised by {k} of {n} participants")
    assert title in charts[0]["data"]["text/html"]
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "saturation" in printed and "stopping rule" in printed
    assert "over 200 random interview orders" in printed
