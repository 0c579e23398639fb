"""A generated report, opened from a file in Debian's Chromium with every network door shut.

Why a real browser: "self-contained" and "every chart drew" are claims about what a browser
does with the file. Plotly draws its SVG only when plotly.js runs, a CDN script only fails
when something tries to fetch it, and contents links only work if the ids are really there.
The page is opened via file:// with DNS mapped to nowhere (``--host-resolver-rules``). Every
request the page makes, for its whole life (load, scrolling, clicks, print layout, until the
page is closed), is recorded at the browser context; anything that is not local (file:,
data:, blob:, about:) is aborted and fails the test, and so does any WebSocket.

These tests FAIL when Chromium is missing (so CI cannot silently skip them); set
SYNTHESIS_SKIP_BROWSER=1 to skip them on a machine without it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from lab_server import artifacts_dir, chromium_path, need_chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "invoicing-onboarding"
ARTIFACTS = artifacts_dir()  # a temporary folder, never the checkout
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--disable-dev-shm-usage",
         # Proof of offline: every host name resolves to nothing (loopback excepted).
         "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


def _chromium() -> str:
    need_chromium()
    return str(chromium_path())


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``synthesis run`` on a copy of the sample study (rounds r1, r2 and the overview)."""
    from synthesis import open_study
    from synthesis.runner import run_study

    study = tmp_path_factory.mktemp("e2e") / "study"
    shutil.copytree(SAMPLE, study, ignore=shutil.ignore_patterns("*.db-wal", "*.db-shm"))
    rounds = open_study(study).rounds()["round_id"].tolist()[:2]
    result = run_study(study, rounds=rounds, out_dir=study.parent / "reports")
    assert result.ok, result.summary()
    return result.out_dir


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


LOCAL = ("file://", "data:", "blob:", "about:")


@contextmanager
def offline_page(browser: Any, html: Path, width: int = 1280, height: int = 900
                 ) -> Iterator[tuple[Any, list[str]]]:
    """A page showing ``html`` from file://; fails at close if anything left the machine.

    The route and the recorder belong to a browser context made for this page alone, so
    they see every request from before the first byte is loaded until the page is closed,
    not a fixed window after loading. Routed requests wait for the handler (which runs
    whenever Python is inside a Playwright call), so none can slip out in between.
    """
    context = browser.new_context(viewport={"width": width, "height": height},
                                  service_workers="block")
    outside: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    context.on("request", lambda r: None if r.url.startswith(LOCAL) else outside.append(r.url))
    page = context.new_page()
    page.on("websocket", lambda ws: outside.append(ws.url))
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(html.as_uri(), wait_until="load")
    try:
        yield page, outside
    finally:
        page.close()
        context.close()
    assert outside == [], f"requests left the machine during the page's life: {outside[:5]}"


def check_report(page: Any, outside: list[str]) -> int:
    """The checks every report must pass; returns the number of charts."""
    charts = page.locator(".plotly-graph-div")
    count = charts.count()
    assert count >= 1, "the report has no chart"
    for i in range(count):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        # plotly.js ran and drew this chart: its SVG root exists inside the chart div.
        assert chart.locator(".main-svg").count() >= 1, f"chart {i + 1} of {count} did not draw"
    assert outside == [], f"requests left the machine: {outside[:5]}"
    # No code anywhere: no input areas, no prompts, no highlighted source.
    for selector in (".jp-InputArea", ".jp-InputPrompt", ".input", ".highlight", "pre code"):
        assert page.locator(selector).count() == 0, selector
    body = page.inner_text("body")
    for code in ("load_context(", "show(s.", "from synthesis", "use_offline_plotly"):
        assert code not in body, code
    assert page.errors == [], page.errors  # no script failed (a missing plotly would)
    return count


def check_contents_links(page: Any) -> int:
    links = page.locator("nav.syn-toc a")
    total = links.count()
    assert total >= 5
    for i in range(total):
        link = links.nth(i)
        target = link.get_attribute("href")
        assert target and target.startswith("#")
        page.evaluate("window.scrollTo(0, 0)")
        link.click()
        assert page.evaluate("location.hash") == target
        heading = page.locator(f"[id='{target[1:]}']")
        assert heading.count() == 1, target
        # The page scrolls smoothly: wait (inside Playwright) until the section's top has
        # arrived at the top of the window.
        page.wait_for_function(
            "id => { const t = document.getElementById(id).getBoundingClientRect().top;"
            " return t > -5 && t < 60; }", arg=target[1:], timeout=5000)
    return total


def _jump(page: Any, selector: str) -> None:
    """Scroll to a section at once (the report scrolls smoothly for readers)."""
    page.evaluate("s => document.querySelector(s).scrollIntoView({behavior: 'instant'})",
                  selector)
    page.wait_for_timeout(300)


def test_round_report_offline(browser: Any, reports: Path) -> None:
    """The second round's report: charts, contents links, screenshots (to the artefacts).

    ``readme-report.png`` is the README's picture as a reader meets it; copy it over
    docs/report.png when the report's look changes (tests never write into the checkout).
    """
    rounds = sorted(p.parent for p in reports.glob("*/report.html") if p.parent.name != "overview")
    with offline_page(browser, rounds[-1] / "report.html") as (page, outside):
        charts = check_report(page, outside)
        assert charts == 3  # participants per theme, round over round, saturation
        # The first screen a stakeholder sees: the title block, then the contents.
        _jump(page, "header.syn-title")
        page.screenshot(path=str(ARTIFACTS / "report-top.png"))
        for section in ("themes", "changes", "board"):
            _jump(page, f"#{section}")
            page.screenshot(path=str(ARTIFACTS / f"report-{section}.png"))
        check_contents_links(page)
        page.set_viewport_size({"width": 1100, "height": 1500})
        _jump(page, "#summary")
        page.screenshot(path=str(ARTIFACTS / "readme-report.png"))


def test_overview_offline(browser: Any, reports: Path) -> None:
    with offline_page(browser, reports / "overview" / "report.html") as (page, outside):
        check_report(page, outside)
        _jump(page, "header.syn-title")
        page.screenshot(path=str(ARTIFACTS / "report-overview.png"))
        _jump(page, "#dynamics")
        page.screenshot(path=str(ARTIFACTS / "report-overview-dynamics.png"))
        check_contents_links(page)


def test_index_links_every_report(browser: Any, reports: Path) -> None:
    with offline_page(browser, reports / "index.html") as (page, _):
        hrefs = page.eval_on_selector_all("ul.reports a", "els => els.map(e => e.href)")
        assert len(hrefs) == 3 and all(h.startswith("file://") for h in hrefs)
        page.locator("ul.reports a").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/report.html")
        assert page.locator("header.syn-title h1").count() == 1


def test_print_layout_keeps_every_board_card(browser: Any, reports: Path) -> None:
    """In print the board's scroll boxes open up, so a printed report holds every note."""
    rounds = sorted(p.parent for p in reports.glob("*/report.html") if p.parent.name != "overview")
    with offline_page(browser, rounds[0] / "report.html") as (page, _):
        page.emulate_media(media="print")
        clipped = page.evaluate(
            "[...document.querySelectorAll('.syn-board-frame .sb-cards')]"
            ".filter(el => el.scrollHeight > el.clientHeight + 1).length")
        assert clipped == 0
        assert page.locator(".modebar-container").first.is_hidden()


def test_a_request_made_late_in_the_page_life_is_caught(browser: Any, tmp_path: Path) -> None:
    """The guard itself: a page that reaches out 2.5 s after loading, then once more when it
    is clicked, fails the check, and the check names both addresses."""
    page_file = tmp_path / "late.html"
    page_file.write_text(
        "<!doctype html><body><p>quiet at first</p><script>"
        "setTimeout(() => fetch('https://late.example/beacon').catch(() =>"
        " { document.body.dataset.late = '1'; }), 2500);"
        "document.addEventListener('click', () => { const i = new Image();"
        " i.onerror = () => { document.body.dataset.clicked = '1'; };"
        " i.src = 'https://click.example/pixel.gif'; });"
        "</script></body>", encoding="utf-8")
    with pytest.raises(AssertionError) as caught, \
            offline_page(browser, page_file) as (page, outside):
        assert outside == []  # nothing yet: a fixed window after loading would pass here
        page.wait_for_function("document.body.dataset.late === '1'", timeout=10_000)
        page.click("p")
        page.wait_for_function("document.body.dataset.clicked === '1'", timeout=10_000)
    message = str(caught.value)
    assert "https://late.example/beacon" in message
    assert "https://click.example/pixel.gif" in message


# -- phone width and size (issue 11, item 8) ------------------------------------------------------
LAYOUT_PROBLEMS = """
() => {
  const problems = [];
  const overlap = (a, b) => a.width > 0 && b.width > 0 && a.left < b.right - 1 &&
    b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const boxes = els => [...els].map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
  const clash = (label, rects) => {
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++)
        if (overlap(rects[i], rects[j])) { problems.push(label); return; }
  };
  document.querySelectorAll('.plotly-graph-div').forEach((gd, n) => {
    const chart = gd.getBoundingClientRect(), name = `chart ${n + 1}`;
    gd.querySelectorAll('.xaxislayer-above, .yaxislayer-above').forEach((axis, a) =>
      clash(`${name}: tick labels collide (axis ${a + 1})`,
            boxes(axis.querySelectorAll('.xtick text, .ytick text'))));
    clash(`${name}: point labels overlap`,
          boxes(gd.querySelectorAll('.scatterlayer .textpoint text')));
    clash(`${name}: legend entries overlap`, boxes(gd.querySelectorAll('.legend .legendtext')));
    boxes(gd.querySelectorAll('.gtitle, .gtitle-subtitle')).forEach(r => {
      if (r.left < chart.left - 1 || r.right > chart.right + 1)
        problems.push(
          `${name}: title runs off the chart (${Math.round(r.right - chart.right)} px)`);
    });
  });
  document.querySelectorAll('table').forEach((table, n) => {
    const width = table.getBoundingClientRect().width;
    let box = table.parentElement, scrolls = false;
    for (; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (['auto', 'scroll'].includes(style.overflowX)
          && box.clientWidth < document.documentElement.clientWidth + 1) {
        scrolls = true; break;
      }
    }
    if (width > document.documentElement.clientWidth + 1 && !scrolls)
      problems.push(`table ${n + 1} is cut off (${Math.round(width)} px wide)`);
  });
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
  return problems;
}
"""


def _fitted(page: Any, layout: str) -> None:
    page.wait_for_function(f"document.documentElement.dataset.synCharts === '{layout}'",
                           timeout=15_000)


@pytest.mark.parametrize("width", [390, 1280])
def test_reports_are_legible_at_phone_and_desktop_width(browser: Any, reports: Path,
                                                        width: int) -> None:
    """Ticks never collide, titles stay inside their chart, labels and legend entries never
    overlap, tables fit or scroll in their own box, the page never scrolls sideways; with
    screenshots of every chart and the appendix tables at this width."""
    layout = "phone" if width < 600 else "desktop"
    for html in sorted(reports.glob("*/report.html")):
        with offline_page(browser, html, width=width) as (page, outside):
            _fitted(page, layout)
            check_report(page, outside)
            charts = page.locator(".plotly-graph-div")
            for i in range(charts.count()):
                charts.nth(i).scroll_into_view_if_needed()
                charts.nth(i).screenshot(
                    path=str(ARTIFACTS / f"{width}px-{html.parent.name}-chart{i + 1}.png"))
            _jump(page, "#methodology")
            page.screenshot(path=str(ARTIFACTS / f"{width}px-{html.parent.name}-tables.png"))
            assert page.evaluate(LAYOUT_PROBLEMS) == [], html.parent.name


def test_a_chart_returns_to_its_desktop_layout_when_the_window_widens(browser: Any,
                                                                     reports: Path) -> None:
    rounds = sorted(p.parent for p in reports.glob("*/report.html") if p.parent.name != "overview")
    with offline_page(browser, rounds[-1] / "report.html", width=390) as (page, _):
        _fitted(page, "phone")
        phone = page.evaluate("document.querySelector('.plotly-graph-div').layout.legend")
        assert phone["orientation"] == "h"
        page.set_viewport_size({"width": 1280, "height": 900})
        _fitted(page, "desktop")
        desktop = page.evaluate("document.querySelector('.plotly-graph-div').layout")
        assert desktop.get("legend", {}).get("orientation") != "h"
        assert page.evaluate(LAYOUT_PROBLEMS) == []


def test_round_reports_weigh_at_most_2_mb_with_plotly_js_once(reports: Path) -> None:
    from synthesis.report.offline import BUNDLE, PLOTLY_MARK

    for html in sorted(reports.glob("*/report.html")):
        text = html.read_text(encoding="utf-8")
        assert text.count(PLOTLY_MARK) == 1, html
        assert "plotly.js (cartesian - minified) v" in text
        assert html.stat().st_size <= 2_000_000, (html, html.stat().st_size)
    assert BUNDLE.stat().st_size < 1_600_000  # the partial bundle, not the 4.8 MB library
