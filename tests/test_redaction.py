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


@pytest.mark.parametrize("phone", [
    "+49 30 12345678", "030 98765432", "0171 2345678", "0151/23456789",  # Germany
    "+31 20 123 4567", "06-12345678",  # Netherlands
    "06 12 34 56 78", "01.45.67.89.10", "+33 1 42 68 53 00",  # France
    "1-800-555-0199", "(888) 555-0123", "800.555.0142",  # US toll-free
    "020 7946 0958", "+44 (0)20 7946 0000",  # UK
    "912 345 678", "+34 612 34 56 78", "333 123 4567", "03-1234-5678", "+32 2 123 45 67",
])
def test_phones_in_many_national_formats(redactor, phone):
    assert redactor.text(f"Call {phone} today.") == f"Call {PHONE} today."


@pytest.mark.parametrize("address", [
    "müller@bücher.de", "josé.garcía@correo.es", "PRIYA.N@OUTLOOK.COM",
    "lena dot hoffmann at example dot com", "jane [at] acme [dot] io",
    "kofi(at)mensah(dot)studio", "j.smith AT harlow DOT com",
])
def test_emails_with_international_letters_and_spelled_out(redactor, address):
    assert redactor.text(f"Write to {address} please.") == f"Write to {EMAIL} please."


def test_bare_domains_with_any_top_level_domain(redactor):
    text = "Find us at ortiz.agency, bakeryonmain.ie, groß-handwerk.de or calendly.com/rafa."
    assert redactor.text(text) == f"Find us at {LINK}, {LINK}, {LINK} or {LINK}."
    # File names, abbreviations and a missing space after a full stop are not domains.
    kept = "Send report.pdf and notes.xlsx, e.g. today; it was paid.Then nothing."
    assert redactor.text(kept) == kept


def test_numbers_that_are_not_phones_survive(redactor):
    text = ("We paid 1,200 EUR for 30 invoices in 2023, on 2024-03-12 at 10.30, ticket 12345678, "
            "v1.2.3, 20 30 40 per month, 1 200 000 in total, from 2019-2023.")
    assert redactor.text(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("And Jess was like, just use Excel.", f"And {NAME} was like, just use Excel."),
    ("Herr Schneider vom Steuerbüro", f"Herr {NAME} vom Steuerbüro"),
    ("Pieter de Vries recommended it.", f"{NAME} recommended it."),
    ("I asked Tom whether Stripe pays out on a Friday.",
     f"I asked {NAME} whether Stripe pays out on a Friday."),
    ("Zhang Wei wanted to pay with Alipay.", f"{NAME} wanted to pay with Alipay."),
    ("Mark Thompson said so.", f"{NAME} said so."),
    ("Sven Lindqvist's template", f"{NAME}'s template"),
])
def test_people_mentioned_in_quotes_are_found(redactor, text, expected):
    assert redactor.text(text) == expected


@pytest.mark.parametrize("text", [
    "Will the reminder go out in May?", "Mark the invoice as paid on Monday.",
    "Paris clients pay faster than London ones.", "We are based in Austin.",
    "A Danish client and a German one, both on Xero and Stripe.",
    "The VAT, HMRC and GDPR rules. Don't ask. Can I add one?", "Sage costs more than Wise.",
    "We moved to New York.",
])
def test_ordinary_capitalised_words_stay(redactor, text):
    assert redactor.text(text) == text


def test_a_word_the_study_writes_in_lower_case_is_not_a_name_at_a_sentence_start():
    plain = build_redactor(PARTICIPANTS)
    learnt = build_redactor(PARTICIPANTS, texts=["we hired a dev shop", "Dev shop, 3 people"])
    assert plain.text("Dev shop, 3 people.") == f"{NAME} shop, 3 people."
    assert learnt.text("Dev shop, 3 people.") == "Dev shop, 3 people."
    assert learnt.text("Our finance person, Dev, left.") == f"Our finance person, {NAME}, left."


def test_the_study_own_names_in_every_spelling():
    people = pd.DataFrame({"participant_id": ["P01", "P02"],
                           "First name": ["Siobhán", "Jürgen"], "Last name": ["Kelly", "Groß"]})
    r = build_redactor(people, terms=["Harbour & Finch"],
                       interviewers=["Dana Whitfield", "Marco Bell"])
    assert r.text("SIOBHAN KELLY here; siobhan; Kelly; Siobhán") == "P01 here; P01; P01; P01"
    # "Jürgen GROSS" is the full name: one pseudonym.
    assert r.text("Juergen, sorry, Jürgen GROSS; Gross") == "P02, sorry, P02; P02"
    assert r.text("Sorry Dana, as I told marco bell, and Whitfield too") == \
        "Sorry Interviewer A, as I told Interviewer B, and Interviewer A too"
    assert r.text("harbour and finch pay late, HARBOUR & FINCH too") == \
        f"{TERM} pay late, {TERM} too"


def test_an_everyday_word_in_a_participant_name_is_replaced_when_it_is_the_name():
    r = build_redactor(pd.DataFrame({"participant_id": ["P01"], "name": ["Amber Cole"]}))
    assert r.text("The amber light. Amber called.") == "The amber light. P01 called."
    assert r.text("I'm amber, by the way.") == "I'm P01, by the way."


def test_interviewer_labels_follow_the_study_order():
    r = build_redactor(PARTICIPANTS, interviewers=["Marco Bell", "Dana Whitfield"])
    assert (r.interviewer("Dana Whitfield"), r.interviewer("Marco  Bell")) == \
        ("Interviewer B", "Interviewer A")
    off = build_redactor(PARTICIPANTS, interviewers=["Marco Bell"], enabled=False)
    assert off.interviewer("Marco Bell") == "Marco Bell"


def test_study_terms_in_any_case_and_not_inside_words(redactor):
    assert redactor.text("globex and ACME   corp, not Globexia") == \
        f"{TERM} and {TERM}, not Globexia"


def test_disabled_redactor_changes_nothing():
    off = build_redactor(PARTICIPANTS, terms=["Globex"], enabled=False)
    text = "Jane Doe at Globex, jane@globex.example, +44 20 7946 0958"
    assert off.text(text) == text
    assert off.participant("p10") == "p10"


def test_the_planted_set_meets_its_targets():
    """The benchmark's figures as a test: recall and ordinary words kept, per kind."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from bench_redaction import TARGETS, build, read_planted, score

    planted = read_planted()
    counts, _ = score(planted, build(planted).text)
    assert counts["name"][1] >= 100 and counts["contact"][1] >= 60
    for kind, target in TARGETS.items():
        caught, total = counts[kind]
        assert caught / total >= target, (kind, caught, total)


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
    """The report without the embedded plotly.js library (1.5 MB of someone else's code)."""
    from synthesis.report.offline import PLOTLY_MARK

    start = html.find(PLOTLY_MARK)
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


@pytest.mark.slow
def test_craft_appendix_only_when_asked_and_interviewers_as_labels(tiny_reports, tmp_path):
    from synthesis.runner import run_study

    redacted, _ = tiny_reports
    assert "Appendix: interview craft" not in redacted  # left out by default
    study = build_tiny_study(tmp_path / "tiny")
    result = run_study(study, rounds=["r1"], out_dir=tmp_path / "out", overview=False,
                       craft_appendix=True)
    assert result.ok, result.summary()
    page = _outside_plotly_js((tmp_path / "out" / "r1" / "report.html").read_text("utf-8"))
    assert "Appendix: interview craft" in page and 'href="#craft"' in page
    assert "Interviewer A" in page and "Dana" not in page


@pytest.mark.slow
def test_the_index_and_titles_are_redacted_too(tmp_path):
    """A study named after a client and a title naming a person stay out of every page."""
    from synthesis.runner import run_study

    study = build_tiny_study(tmp_path / "tiny")
    toml = (study / "study.toml").read_text(encoding="utf-8")
    (study / "study.toml").write_text(toml.replace('name = "Invoicing pilot"',
                                                   'name = "Globex invoicing pilot"'),
                                      encoding="utf-8")
    result = run_study(study, rounds=["r1"], out_dir=tmp_path / "out", jobs=1,
                       parameters={"title": "Jane Doe's pilot at Globex"})
    assert result.ok, result.summary()
    out = tmp_path / "out"
    for page in (out / "index.html", out / "r1" / "report.html", out / "overview" /
                 "report.html", out / "r1" / "summary.json"):
        text = _outside_plotly_js(page.read_text(encoding="utf-8"))
        assert "Globex" not in text and "Jane" not in text, page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<h1>[redacted] invoicing pilot</h1>" in index
    assert "P01&#39;s pilot at [redacted]: Round 1" in index
