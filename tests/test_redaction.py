"""Redaction and escaping: what a stakeholder report may never show, and what must show as text.

The first tests are pure (the redactor and the HTML builders); the last ones run the real
round report notebook on a small study and read the exported HTML, because the promise is
about the file that leaves the team, not about a function.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from synthesis.report import html as h
from synthesis.report.redaction import (EMAIL, LINK, NAME, PHONE, TERM, build_redactor,
                                        pseudonyms)

sys.path.insert(0, str(Path(__file__).parent))
from _report_study import PEOPLE, build_tiny_study

PARTICIPANTS = pd.DataFrame({"participant_id": ["p10", "p2", "p3", "p4"],
                             "name": ["Jane Doe", "Bill Smith", "Jane Roe", None]})


@pytest.fixture
def redactor():
    return build_redactor(PARTICIPANTS, terms=["Globex", "Acme Corp"])


def test_pseudonyms_follow_natural_id_order_and_are_stable():
    assert pseudonyms(["p10", "p2", "p3", "p4"]) == {"p2": "P01", "p3": "P02", "p4": "P03",
                                                     "p10": "P04"}
    # 100 participants need three digits, so P100 sorts after P099.
    wide = pseudonyms([f"x{i}" for i in range(100)])
    assert wide["x0"] == "P001" and wide["x99"] == "P100"


def test_full_names_and_unique_name_parts_become_the_pseudonym(redactor):
    # p10 is the 4th id in natural order (p2, p3, p4, p10) -> P04; p2 -> P01; p3 -> P02.
    assert redactor.text("Jane Doe said so") == "P04 said so"
    assert redactor.text("JANE DOE said so") == "P04 said so"  # a full name in any case
    assert redactor.text("I asked Doe and Smith") == "I asked P04 and P01"
    assert redactor.text("Jane Roe agreed") == "P02 agreed"
    # "Jane" belongs to two participants: say a name was there, not whose.
    assert redactor.text("Jane called") == f"{NAME} called"


def test_a_name_part_that_is_also_a_word_is_only_redacted_as_written(redactor):
    # Bill Smith's first name is redacted when capitalised; "bill" the invoice stays.
    assert redactor.text("Bill sent the bill") == "P01 sent the bill"
    # ... and never inside a longer word.
    assert redactor.text("Billing by Smithson") == "Billing by Smithson"


def test_emails_phones_and_links(redactor):
    text = ("Mail jane.doe+work@mail.example.co.uk, call +44 20 7946 0958 or (555) 123-4567 or "
            "07700 900123; see https://jane.example/about?x=1, www.janedoe.dev and "
            "linkedin.com/in/jane-doe.")
    assert redactor.text(text) == (
        f"Mail {EMAIL}, call {PHONE} or {PHONE} or {PHONE}; see {LINK}, {LINK} and {LINK}.")


def test_numbers_that_are_not_phones_survive(redactor):
    text = ("We paid 1,200 EUR for 30 invoices in 2023, on 2024-03-12 at 10.30, ticket 12345678, "
            "v1.2.3, 20 30 40 per month; xero.com is the tool.")
    assert redactor.text(text) == text


def test_study_terms_in_any_case_and_not_inside_words(redactor):
    assert redactor.text("globex and ACME   corp, not Globexia") == \
        f"{TERM} and {TERM}, not Globexia"


def test_disabled_redactor_changes_nothing():
    off = build_redactor(PARTICIPANTS, terms=["Globex"], enabled=False)
    text = "Jane Doe at Globex, jane@globex.example, +44 20 7946 0958"
    assert off.text(text) == text
    assert off.participant("p10") == "p10"


def test_html_builders_escape_untrusted_text():
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    fragment = str(h.join([h.quote(evil, "P01", "smb"),
                           h.theme_block("theme-x", evil, "#123456", 1, 2, 1, evil),
                           h.table(["a"], [[evil]]), h.title_block(evil)]))
    assert "<script>" not in fragment and "<img" not in fragment
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fragment
    assert "onerror=&#34;alert(2)&#34;" in fragment


def test_a_colour_that_is_not_a_hex_code_is_dropped():
    fragment = str(h.theme_block("t", "x", 'red;background:url(http://e.vil/)', 1, 1, 1))
    assert "e.vil" not in fragment


# -- the exported report ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tiny_reports(tmp_path_factory):
    from synthesis.runner import run_study

    root = tmp_path_factory.mktemp("redaction")
    study = build_tiny_study(root / "tiny")
    result = run_study(study, rounds=["r1"], out_dir=root / "out", overview=False)
    assert result.ok, result.summary()
    internal = run_study(study, rounds=["r1"], out_dir=root / "internal", overview=False,
                         parameters={"redact": False})
    assert internal.ok, internal.summary()
    return (root / "out" / "r1" / "report.html").read_text(encoding="utf-8"), \
        (root / "internal" / "r1" / "report.html").read_text(encoding="utf-8")


def _outside_plotly_js(html: str) -> str:
    """The report without the embedded plotly.js library (4.8 MB of someone else's code)."""
    start = html.find("/**\n* plotly.js v")
    end = html.find("</script>", start)
    return html if start < 0 else html[:start] + html[end:]


@pytest.mark.slow
def test_redacted_report_never_shows_a_real_name_or_email(tiny_reports):
    redacted, internal = tiny_reports
    page = _outside_plotly_js(redacted)
    for _, name, email, *_ in PEOPLE:
        for part in [name, *name.split(), email]:
            assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", page), part
    # Quote n01 names its own speaker; redacted she is P01 (p01 is first in id order).
    assert "I&#39;m P01 and honestly" in page or "I'm P01 and honestly" in page
    assert "Globex" not in page and "555-123-4567" not in page
    # Internal reports are unredacted: the same quote keeps the name (so the test can fail).
    assert "Jane Doe" in _outside_plotly_js(internal)


@pytest.mark.slow
def test_script_and_onerror_in_quotes_show_as_text(tiny_reports):
    redacted, _ = tiny_reports
    page = _outside_plotly_js(redacted)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    # The hostile theme name, escaped, in the contents and as its section heading.
    shown = "&lt;img src=x onerror=alert(1)&gt; &amp; &#34;co&#34;"
    toc = re.search(r'<nav[^>]*class="syn-toc".*?</nav>', page, re.S).group(0)
    assert shown in toc or shown.replace("&#34;", '"') in toc
    assert "&lt;b&gt;not bold&lt;/b&gt;" in page and "<b>not bold" not in page
