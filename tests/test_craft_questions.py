"""The question detector against the labelled set, plus the tricky cases one by one."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from synthesis.craft import Lexicon, explain_flags, is_english, is_probe, question_flags
from synthesis.errors import InputError

LABELS = Path(__file__).parent / "data" / "craft" / "questions.csv"
REAL = Path(__file__).parent / "data" / "craft" / "real_turns.csv"
BLIND2 = REAL.parent / "real_turns_blind2.csv"
COLUMNS = {"question": "question", "open": "open", "closed": "closed", "leading": "leading",
           "double_barrelled": "double-barrelled"}


def _rows() -> list[dict[str, str]]:
    with LABELS.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _precision_recall(rows: list[dict[str, str]], column: str) -> tuple[float, float]:
    flag = COLUMNS[column]
    predicted = [flag in question_flags(r["text"]) for r in rows]
    gold = [r[column] == "1" for r in rows]
    tp = sum(p and g for p, g in zip(predicted, gold))
    return tp / max(1, sum(predicted)), tp / max(1, sum(gold))


def test_labelled_set_is_well_formed() -> None:
    rows = _rows()
    assert len(rows) >= 150
    assert list(rows[0]) == ["text", "question", "open", "closed", "leading",
                             "double_barrelled", "kind", "split"]
    assert len({r["text"] for r in rows}) == len(rows), "duplicate texts"
    assert sum(r["split"] == "holdout" for r in rows) >= 30
    assert {r["split"] for r in rows} == {"tune", "holdout"}
    for r in rows:
        labels = {c: r[c] for c in COLUMNS}
        assert set(labels.values()) <= {"0", "1"}, r
        if r["question"] == "1":
            assert int(r["open"]) + int(r["closed"]) == 1, r
            # The three-way kind refines the two-way label: only fact questions moved.
            assert r["kind"] in ("open", "closed", "specific"), r
            assert r["kind"] == "specific" or (r["kind"] == "open") == (r["open"] == "1"), r
        else:
            assert set(labels.values()) == {"0"} and r["kind"] == "", r
    # Enough of each kind for the figures to mean something.
    assert sum(r["leading"] == "1" for r in rows) >= 40
    assert sum(r["double_barrelled"] == "1" for r in rows) >= 20
    assert sum(r["question"] == "0" for r in rows) >= 10


def test_real_turn_set_is_well_formed() -> None:
    with REAL.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 150
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["split"] for r in rows} == {"tune", "holdout", "new-holdout"}
    assert sum(r["split"] == "new-holdout" for r in rows) >= 150
    assert {r["licence"] for r in rows} == {"GPL-3.0", "CC0-1.0", "CC-BY-SA-4.0"}
    readme = (REAL.parent / "README.md").read_text(encoding="utf-8")
    for source in {r["source"] for r in rows}:
        assert source.split("/")[-1].split(".")[0][:20] in readme, source
    for r in rows:
        questions = int(r["questions"])
        assert r["text"].strip() and questions >= 0, r["id"]
        assert r["leading"] in ("0", "1") and r["double_barrelled"] in ("0", "1"), r["id"]
        assert (r["kind"] == "") == (questions == 0), r["id"]
        assert r["kind"] in ("", "open", "specific", "closed"), r["id"]
        if questions == 0:
            assert r["leading"] == r["double_barrelled"] == "0", r["id"]
        if questions >= 2:  # two questions on different points are double-barrelled
            assert r["double_barrelled"] == "1", r["id"]
    # Enough of each for the figures to mean something (they are shown as k/n).
    assert sum(int(r["questions"]) > 0 for r in rows) >= 100
    assert sum(r["leading"] == "1" for r in rows) >= 15
    assert sum(r["double_barrelled"] == "1" for r in rows) >= 8


def test_leading_meets_its_targets() -> None:
    precision, recall = _precision_recall(_rows(), "leading")
    assert precision >= 0.85, precision
    assert recall >= 0.80, recall


def test_leading_holds_on_the_holdout_rows() -> None:
    precision, recall = _precision_recall([r for r in _rows() if r["split"] == "holdout"],
                                          "leading")
    assert precision >= 0.85 and recall >= 0.75, (precision, recall)


def test_open_or_specific_vs_closed_meets_its_target() -> None:
    # The clean set's three-way `kind` (its README says how it refines open/closed).
    asked = [r for r in _rows() if r["question"] == "1"]
    right = sum((r["kind"] == "closed") == ("closed" in question_flags(r["text"]))
                and bool({"open", "specific", "closed"} & question_flags(r["text"]))
                for r in asked)
    assert right / len(asked) >= 0.90, right / len(asked)


def test_question_and_double_barrelled_figures_stay_useful() -> None:
    rows = _rows()
    assert min(_precision_recall(rows, "question")) >= 0.95
    precision, recall = _precision_recall(rows, "double_barrelled")
    assert precision >= 0.8 and recall >= 0.7, (precision, recall)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Why did you choose that?", {"question", "open"}),
        ("Can you walk me through it?", {"question", "open"}),
        ("What do you think about the pricing?", {"question", "open"}),
        ("How did that make you feel?", {"question", "open"}),
        ("Is there anything else?", {"question", "closed"}),
        ("Tell me more.", {"question", "open"}),
        ("Could you find the settings page?", {"question", "closed"}),
        ("How often do you check for payments?", {"question", "specific"}),
        ("What is your job title?", {"question", "specific"}),
        ("Do you use the web app or the mobile app?", {"question", "closed"}),
        ("When you sent it, what happened?", {"question", "open"}),
        ("Don't worry if you can't remember. When did you start?", {"question", "specific"}),
        ("Don't you think the pricing is a bit high?", {"question", "closed", "leading"}),
        ("It's easy, isn't it?", {"question", "closed", "leading"}),
        ("How frustrated were you when the payment bounced?",
         {"question", "specific", "leading"}),
        ("How much do you love the new invoice templates?",
         {"question", "specific", "leading"}),
        ("How easy or hard was it to set up?", {"question", "specific"}),
        ("Just to check, you said about twenty invoices a month, right?",
         {"question", "closed"}),
        ("You'd use this every day, right?", {"question", "closed", "leading"}),
        ("What are the pros and cons of the tool?", {"question", "open"}),
        ("Can you walk me through how you create and send an invoice?", {"question", "open"}),
        ("How did the import go? Did you lose any data?",
         {"question", "open", "double-barrelled"}),
        ("Did you set up the bank feed and was it easy?",
         {"question", "closed", "double-barrelled"}),
        ("How satisfied are you with the price and the support?",
         {"question", "specific", "double-barrelled"}),
        # Found in the sample study's transcripts.
        ("And you're finding it a lot quicker than before, I'd imagine?",
         {"question", "closed", "leading"}),
        ("And the import was easy for you, presumably?", {"question", "closed", "leading"}),
        ("And overall, would you say you're happy with it so far?",
         {"question", "closed", "leading"}),
        ("Would you say the checklist is too long or just right?", {"question", "closed"}),
        ("What would you say is the hardest part?", {"question", "open"}),
        ("So how did you find the new flow, it's pretty quick, right?",
         {"question", "open", "leading"}),
        ("How do you keep track of who's paid and who hasn't?", {"question", "open"}),
        ("[laughs] And who does the invoicing at the studio?", {"question", "specific"}),
        ("Thanks, that's really helpful.", set()),
        ("Let's move on to billing.", set()),
        ("", set()),
    ],
)
def test_tricky_cases(text: str, expected: set[str]) -> None:
    assert question_flags(text) == frozenset(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Markers opening a turn, however many and however punctuated, hide no prompt.
        ("Okay, uh, right, walk me through your last payroll run.", {"question", "open"}),
        ("Well -- yeah, and describe the first week with the new app.", {"question", "open"}),
        ("Alright, so, um, explain how refunds reach your books.", {"question", "open"}),
        ("Um, so, do you reconcile the bank feed yourself?", {"question", "closed"}),
        # ...but a turn that is only markers stays what it was.
        ("Okay.", set()),
        ("Yeah, right.", set()),
        # Once "so," is gone, "it" must stay the subject of a statement, not be skipped.
        ("So, it's the owner's login, and she keeps it.", set()),
    ],
)
def test_turn_opening_markers_are_skipped(text: str, expected: set[str]) -> None:
    assert question_flags(text) == frozenset(expected)


@pytest.mark.parametrize(
    "text",
    ["Can you tell me a little more about the approval step?",
     "Could you just say a little bit more about why?",
     "Would you talk some more about the quoting side?",
     "Can you say a tad more about that spreadsheet?",
     "Say a bit more about the reminders."],
)
def test_a_hedged_request_for_more_is_an_open_probe(text: str) -> None:
    assert question_flags(text) == {"question", "open"}
    assert is_probe(text)


def test_could_you_say_without_more_stays_closed() -> None:
    # Only the request for *more* is open: "could you say whether…" asks yes or no.
    assert question_flags("Could you say whether the export worked?") == {"question", "closed"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Asking for a judgement without naming one is fair.
        ("Would you say you check the dashboard daily?", {"question", "closed"}),
        ("Would you say your bookkeeper uses it as well?", {"question", "closed"}),
        ("Would you say that you'd use it too?", {"question", "closed"}),
        # Naming the verdict, or asking in the negative, leads.
        ("Would you say it's the best scheduler you've tried?",
         {"question", "closed", "leading"}),
        ("Would you say the export is too slow?", {"question", "closed", "leading"}),
        ("Would you say you're satisfied with the reports?", {"question", "closed", "leading"}),
        ("Wouldn't you say the reminders save time?", {"question", "closed", "leading"}),
        ("Would you say the setup is fast or slow?", {"question", "closed"}),
    ],
)
def test_would_you_say_leads_only_with_a_verdict(text: str, expected: set[str]) -> None:
    assert question_flags(text) == frozenset(expected)


def test_flags_stay_within_the_documented_set() -> None:
    allowed = {"question", "open", "specific", "closed", "leading", "double-barrelled"}
    for r in _rows():
        assert question_flags(r["text"]) <= allowed


def test_every_raised_flag_has_a_reason() -> None:
    reasons = explain_flags("Don't you think it's slow and did you tell support?")
    assert set(reasons) == {"leading", "double-barrelled"}
    assert "don't you think" in reasons["leading"]
    assert explain_flags("How do you send invoices?") == {}


def test_curly_apostrophes_read_like_straight_ones() -> None:
    assert "leading" in question_flags("Don\u2019t you think it\u2019s too slow?")


def test_probes() -> None:
    for text in ("Tell me more.", "Why was that?", "What happened next?", "How so?",
                 "Can you say more about that?", "And then?", "Why?"):
        assert is_probe(text), text
    for text in ("How do you send invoices to your clients?", "Do you use templates?",
                 "Okay."):
        assert not is_probe(text), text


def test_lexicon_extends_from_the_study_file() -> None:
    text = "As you know, what has changed since the spring release?"
    assert "leading" not in question_flags(text)
    lexicon = Lexicon().extended({"leading_phrases": ["As you know"], "other_key": 3})
    assert "leading" in question_flags(text, lexicon)
    assert "as you know" in explain_flags(text, lexicon)["leading"]
    # A team's own starters: an opener the defaults do not know becomes an open question.
    prompt = "Paint me a picture of your month end."
    assert question_flags(prompt) == frozenset()
    custom = Lexicon().extended({"open_starters": ["paint me a picture"]})
    # Without "?" only prompt verbs count, so the team asks it with a question mark.
    assert question_flags(prompt.rstrip(".") + "?", custom) == {"question", "open"}
    # "What's your headcount?" asks for a number, but "headcount" is no known fact noun.
    assert "open" in question_flags("What's your headcount?")
    specific = Lexicon().extended({"specific_starters": ["what is your headcount"]})
    assert "specific" in question_flags("What's your headcount?", specific)
    # ...and its own procedural questions, which then count as no question at all.
    assert question_flags("Can you see the prototype now?")
    quiet = Lexicon().extended({"procedural_phrases": ["can you see the prototype"]})
    assert question_flags("Can you see the prototype now?", quiet) == frozenset()


def test_lexicon_rejects_a_phrase_that_is_not_a_list() -> None:
    with pytest.raises(InputError, match=r"study\.toml: \[craft\] leading_phrases must be a list"):
        Lexicon().extended({"leading_phrases": "you'll love"})


def test_is_english() -> None:
    assert is_english("How do you send invoices to your clients today, and who approves them?")
    assert not is_english("Wie verschicken Sie heute die Rechnungen an Ihre Kunden und wer "
                          "gibt sie frei?")
    assert not is_english("Comment envoyez-vous vos factures à vos clients et qui les valide?")
    assert not is_english("Hogyan küldi el a számlákat az ügyfeleinek, és ki hagyja jóvá "
                          "azokat a cégnél?")
    assert is_english("Okay.")  # too short to tell


def _real_figures(path: Path = REAL) -> dict[str, float]:
    """Figures on the splits the rules were written and fixed against (tune, holdout and,
    since the generalisation follow-up, new-holdout: all of ``real_turns.csv``).

    The fresh set (``real_turns_fresh.csv``), a tuning set since the hypothesis follow-up,
    is scored in ``bench/craft_question_sets.py`` and not asserted on here: with 9 leading
    and 4 double-barrelled turns its figures move by 11 and 25 points a turn (its
    double-barrelled recall, 1 of 4, misses the target; see bench/results/craft_real_set.md).
    """
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = [question_flags(r["text"], before=r["before"]) for r in rows]

    def pr(column: str, flag: str) -> tuple[float, float]:
        tp = sum(flag in g and r[column] == "1" for r, g in zip(rows, got))
        return tp / max(1, sum(flag in g for g in got)), tp / max(1, sum(
            r[column] == "1" for r in rows))

    asked = [(r, g) for r, g in zip(rows, got) if r["questions"] != "0"]
    kind = sum(r["kind"] in g for r, g in asked) / len(asked)
    return {"leading": pr("leading", "leading"), "double": pr("double_barrelled",
                                                              "double-barrelled"),
            "kind": kind}


def test_real_turns_meet_the_leading_and_kind_targets() -> None:
    figures = _real_figures()
    precision, recall = figures["leading"]
    assert precision >= 0.80 and recall >= 0.70, figures["leading"]
    assert figures["kind"] >= 0.80, figures["kind"]


def test_real_turns_meet_the_double_barrelled_targets() -> None:
    # On all of real_turns.csv; the fresh set's figures (first run and now) are in
    # bench/results/craft_real_set.md.
    precision, recall = _real_figures()["double"]
    assert precision >= 0.70 and recall >= 0.60, (precision, recall)


def test_the_blind2_set_is_as_its_readme_counts_it() -> None:
    # Labelled blind (never scored before its labels were merged), a tuning set since the
    # blind2 follow-up: its counts are those tests/data/craft/README.md gives.
    with BLIND2.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 198 and len({r["id"] for r in rows}) == 198
    assert {r["split"] for r in rows} == {"blind2"} and {r["licence"] for r in rows} == {
        "CC-BY-SA-4.0"}
    assert sum(int(r["questions"]) > 0 for r in rows) == 69
    assert sum(int(r["questions"]) for r in rows) == 79
    assert [sum(r["kind"] == k for r in rows) for k in ("open", "specific", "closed")] == [
        28, 8, 33]
    assert sum(r["leading"] == "1" for r in rows) == 16
    assert sum(r["double_barrelled"] == "1" for r in rows) == 11
    for r in rows:
        assert (r["kind"] == "") == (r["questions"] == "0"), r["id"]


def test_the_blind2_set_meets_the_real_turn_targets() -> None:
    # First scored out of sample at d29a13b (leading 0.86 / 0.38, double-barrelled 0.50 /
    # 0.64, kind 0.71: bench/results/craft_set_real_turns_blind2.md keeps that run); tuned on
    # since, so these guard the fixes, they do not show that the rules generalise. Leading
    # recall is 0.69 (11/16) since the reliability follow-up narrowed "obviously" (a filler of
    # speech: 1 of 5 flags right on the rules' first runs) and lost ft93-040's hit: a tuning
    # figure traded for precision on speech the rules have not seen.
    figures = _real_figures(BLIND2)
    assert figures["leading"][0] >= 0.80 and figures["leading"][1] >= 0.68, figures
    assert figures["double"][0] >= 0.70 and figures["double"][1] >= 0.60, figures
    assert figures["kind"] >= 0.80, figures
