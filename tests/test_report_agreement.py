"""The round report's agreement appendix (issue 14 item 5), from two researchers' own sorts.

Round r1 of the tiny study has 9 notes (n01-n08, n14). Two private sorts, made by hand:

  'Jane Doe'  Bank n01 n02 n03 n04 · Tax <b>rates</b> n05 n06 · Import n07 · unsorted n08 n14
  'lee'       Bank n01 n02 n03     · Tax <b>rates</b> n04 n05 n06 · Import n07 · same

Per theme, each of the 9 notes in the theme or not (a both, b only Jane, c only lee, d none):
  Bank    a3 b1 c0 d5: po 8/9 = 89 %; pe = 4/9·3/9 + 5/9·6/9 = 42/81; kappa = (72-42)/(81-42)
          = 30/39 = 0.77; PABAK 2·8/9-1 = 0.78
  Tax     a2 b0 c1 d6: po 89 %; pe = 2/9·3/9 + 7/9·6/9 = 48/81; kappa = 24/33 = 0.73
  Import  a1 b0 c0 d8: po 100 %, kappa 1.00
As partitions: n08 and n14 are unsorted in both (left out), 7 notes compared; moving n04
turns one sort into the other: edit distance 1.
"""

from __future__ import annotations

import pytest
from _report_study import build_tiny_study

from synthesis import open_study
from synthesis.sorts import open_sort

SORTS = {"Jane Doe": {"Bank": ["n01", "n02", "n03", "n04"], "Tax <b>rates</b>": ["n05", "n06"],
                      "Import": ["n07"]},
         "lee": {"Bank": ["n01", "n02", "n03"], "Tax <b>rates</b>": ["n04", "n05", "n06"],
                 "Import": ["n07"]}}


def add_sorts(folder) -> None:
    study = open_study(folder)
    for name, themes in SORTS.items():
        view = open_sort(study, "r1", name)
        for theme, notes in themes.items():
            view.create_theme(theme, notes=notes)
    study.close()


def body(html: str) -> str:
    """The report from the agreement appendix on (plotly.js and the charts come before)."""
    return html[html.index('id="agreement"'):]


@pytest.mark.slow
def test_the_round_report_shows_the_agreement_appendix_redacted(tmp_path):
    from synthesis.runner import run_study

    folder = build_tiny_study(tmp_path / "tiny")
    add_sorts(folder)
    result = run_study(folder, rounds=["r1", "r2"], out_dir=tmp_path / "out", overview=False,
                       jobs=1)
    assert result.ok, result.summary()
    html = (tmp_path / "out" / "r1" / "report.html").read_text(encoding="utf-8")
    assert 'href="#agreement"' in html  # in the contents
    part = body(html)
    assert "Appendix: agreement between researchers" in part
    assert "Researcher A, Researcher B" not in part  # two sorts: "A and B"
    assert "compares Researcher A and Researcher B: how far their sorts of this round's " \
           "9 notes agree" in part
    assert "Jane Doe" not in html and "lee" not in part.split("How to read it")[0]
    cells = part.replace('<td class="num">', "<td>")
    assert "<td>Bank</td><td>0.77 [" in cells and "<td>89%</td><td>3</td><td>1</td><td>0</td>" \
           "<td>5</td><td>0.78</td>" in cells
    assert "<td>Tax &lt;b&gt;rates&lt;/b&gt;</td><td>0.73 [" in cells
    assert "<b>rates</b>" not in html
    assert "<td>Import</td><td>1.00" in cells
    assert "Krippendorff&#39;s alpha" in part or "Krippendorff's alpha" in part
    assert "Notes to move to turn one sort into the other: 1 of 7 compared (2 left out" in part
    assert "1 note was placed differently by the two sorts." in part
    # round 2 has no private sort: no appendix, no contents entry
    r2 = (tmp_path / "out" / "r2" / "report.html").read_text(encoding="utf-8")
    assert 'id="agreement"' not in r2 and 'href="#agreement"' not in r2


@pytest.mark.slow
def test_unredacted_the_sorts_are_named(tmp_path):
    from synthesis.runner import run_study

    folder = build_tiny_study(tmp_path / "tiny")
    add_sorts(folder)
    result = run_study(folder, rounds=["r1"], out_dir=tmp_path / "out", overview=False,
                       jobs=1, parameters={"redact": False})
    assert result.ok, result.summary()
    part = body((tmp_path / "out" / "r1" / "report.html").read_text(encoding="utf-8"))
    assert "compares Jane Doe and lee: how far" in part and "only Jane Doe" in part
