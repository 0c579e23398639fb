"""Offline theme suggestions: the engine (frames in, frames out), Study.suggest and the CLI.

Figures are worked by hand where the method allows it (silhouette, c-TF-IDF weights,
leave-one-out centroids); where it is learnt, the tests hold it to what a researcher would
check on the sample study: a hidden note's own theme comes back in its top three.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from synthesis import open_study
from synthesis.cli import main
from synthesis.errors import AnalysisError
from synthesis.suggest import (closest_members, distinctive_words, draft_themes, similar_notes,
                               suggest_themes)
from synthesis.suggest.classifier import _centroid_similarity
from synthesis.suggest.drafts import silhouette
from synthesis.suggest.embeddings import clean

# -- pieces worked by hand ----------------------------------------------------------------


def test_silhouette_by_hand_and_against_scikit_learn() -> None:
    # Two pairs 1 apart, 4 between pairs: a = 1, b = 4, s = (4 - 1) / 4 for every note.
    d = np.array([[0, 1, 4, 4], [1, 0, 4, 4], [4, 4, 0, 1], [4, 4, 1, 0]], float)
    assert silhouette(d, np.array([1, 1, 2, 2])) == 0.75
    # A singleton counts 0: notes 0,1 as above (0.75 each), 2 alone, 3 alone -> 1.5 / 4.
    assert silhouette(d, np.array([1, 1, 2, 3])) == pytest.approx(0.375)
    from sklearn.metrics import silhouette_score

    rng = np.random.default_rng(7)
    points = rng.normal(size=(40, 5))
    square = np.sqrt(((points[:, None] - points[None]) ** 2).sum(-1))
    labels = rng.integers(0, 4, 40)
    assert silhouette(square, labels) == pytest.approx(
        silhouette_score(square, labels, metric="precomputed"))


def test_distinctive_words_by_hand() -> None:
    # Group 1 counts apple 2, banana 1, and the pairs "apple apple", "apple banana" once
    # each (5 terms); group 2 banana 1, cherry 1, "banana cherry" 1 (3 terms); A = 4.
    # idf: apple, banana log(1 + 4/2) = 1.099, cherry log(1 + 4/1) = 1.609. Pairs seen once
    # weigh 0. Group 1: apple 2/5*1.099 = .44 > banana .22; group 2: cherry .54 > banana .37.
    assert distinctive_words([["apple apple banana"], ["banana cherry"]], n=2) == [
        ["apple", "banana"], ["cherry", "banana"]]
    # A recurring phrase beats its own words, and they are not repeated after it; words
    # sharing a stem ("confuse", "confusing") count once; fillers never label anything.
    words = distinctive_words([["bank feed broke", "the bank feed failed yeah"],
                               ["VAT return confusing", "VAT confuse me"]], n=3)
    assert words[0][0] == "bank feed" and "bank" not in words[0] and "yeah" not in words[0]
    assert words[1][0] == "vat" and sum(w.startswith("confus") for w in words[1]) == 1
    assert distinctive_words([["the and of"], []]) == [[], []]


def test_tfidf_and_logistic_regression_match_scikit_learn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from synthesis.suggest.classifier import logistic_regression
    from synthesis.suggest.words import STOP_WORDS, terms, tfidf

    texts = ["The bank feed broke again, the BANK feed!", "Café VAT return due 2024",
             "VAT confusion", "bank feed", "", "the of and"]
    reference = TfidfVectorizer(stop_words=sorted(STOP_WORDS), ngram_range=(1, 2),
                                sublinear_tf=True, strip_accents="unicode")
    assert np.allclose(tfidf(texts).toarray(), reference.fit_transform(texts).toarray())
    assert sorted(reference.vocabulary_) == sorted({t for x in texts for t in terms(x)})
    # Fitted on some texts, applied to others: unknown words are dropped.
    other = tfidf(["bank VAT xero"], vocabulary_from=texts).toarray()
    assert np.allclose(other, reference.transform(["bank VAT xero"]).toarray())
    rng = np.random.default_rng(1)
    x = rng.normal(size=(200, 5))
    y = (x @ [1, -2, 0.5, 0, 1] + rng.normal(size=200)) > 0.3
    w, b = logistic_regression(x, y)
    model = LogisticRegression(C=1.0, tol=1e-10, max_iter=10_000).fit(x, y)
    assert np.allclose(w, model.coef_[0], atol=1e-5)
    assert b == pytest.approx(model.intercept_[0], abs=1e-5)


def test_suggestions_need_no_scikit_learn() -> None:
    # Importing scikit-learn takes seconds; "probably goes in" and similar notes do without.
    code = ("import sys, pandas as pd\n"
            "from synthesis.suggest import suggest_themes, similar_notes\n"
            "n = pd.DataFrame({'note_id': ['a', 'b'], 'text': ['bank feed', 'bank'],"
            " 'theme_ids': [('t',), ()]})\n"
            "t = pd.DataFrame({'theme_id': ['t'], 'name': ['Bank']})\n"
            "suggest_themes(n, t); similar_notes(n, note='a', among=['b'])\n"
            "print('sklearn' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"


def test_clean_drops_stage_directions() -> None:
    assert clean("Okay [laughs]  it was\nfine [PAUSE]") == "Okay it was fine"
    assert clean(None) == ""


def test_leave_one_out_centroids_match_a_direct_computation() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(6, 4))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    names = rng.normal(size=(2, 4))
    members = np.array([[1, 0], [1, 1], [0, 1], [1, 0], [0, 0], [0, 1]], float)
    got = _centroid_similarity(x, x, names, members, own=members)
    for i in range(6):
        for t in range(2):
            rows = [j for j in range(6) if members[j, t] and j != i]
            total = x[rows].sum(axis=0) + names[t]
            assert got[i, t] == pytest.approx(x[i] @ total / np.linalg.norm(total))
    # The same with sparse rows (TF-IDF) agrees.
    from scipy import sparse

    got_sparse = _centroid_similarity(sparse.csr_matrix(x), sparse.csr_matrix(x),
                                      sparse.csr_matrix(names), members, own=members)
    assert np.allclose(got, got_sparse)


# -- "probably goes in" -------------------------------------------------------------------

THEMES = pd.DataFrame({
    "theme_id": ["t-bank", "t-trust", "t-tax", "t-price"],
    "name": ["Bank connection anxiety", "Trust in the app", "Tax and VAT confusion",
             "Pricing plan confusion"],
    "description": ["", "Whether people believe the app keeps data safe", "", ""]})


def _notes(rows: list[tuple[str, str, tuple[str, ...]]]) -> pd.DataFrame:
    return pd.DataFrame({"note_id": [r[0] for r in rows], "text": [r[1] for r in rows],
                         "theme_ids": pd.Series([r[2] for r in rows], dtype=object)})


TRAINING = [
    ("b1", "I did not want to connect my bank account to a new app", ("t-bank",)),
    ("b2", "Linking the bank felt risky, what if the feed pulls everything", ("t-bank",)),
    ("b3", "The bank connection step made me nervous", ("t-bank",)),
    ("x1", "My bank details in an app I have never heard of? I don't trust that with "
           "my data", ("t-bank", "t-trust")),
    ("r1", "I wasn't sure the app would keep my data private", ("t-trust",)),
    ("r2", "Who can see my data? Nobody told me how it is protected", ("t-trust",)),
    ("v1", "I had no idea whether to charge VAT to overseas clients", ("t-tax",)),
    ("v2", "The tax settings asked about VAT schemes I have never heard of", ("t-tax",)),
]


def test_a_note_in_two_themes_teaches_both() -> None:
    notes = _notes(TRAINING + [
        ("u1", "Putting my bank details into an app I don't know? I don't trust it with "
               "my data", ())])
    out = suggest_themes(notes, THEMES)
    assert out["note_id"].unique().tolist() == ["u1"]
    assert out["rank"].tolist() == [1, 2, 3]
    # Scores are per theme, not shares of one: both of x1's themes are likely.
    assert set(out["theme_id"][:2]) == {"t-bank", "t-trust"}
    assert (out["score"][:2] > 0.5).all() and out["score"].iloc[2] < 0.5
    assert out["score"].sum() > 1.0


def test_only_unsorted_notes_get_suggestions_and_for_notes_picks_them() -> None:
    notes = _notes(TRAINING + [("u1", "Do I add VAT for a client in France?", ()),
                               ("u2", "The app asked for my bank login", ())])
    out = suggest_themes(notes, THEMES, top=1)
    assert out[["note_id", "theme_id"]].values.tolist() == [["u1", "t-tax"],
                                                            ["u2", "t-bank"]]
    only = suggest_themes(notes, THEMES, for_notes=["u2"], top=2)
    assert only["note_id"].tolist() == ["u2", "u2"]
    with pytest.raises(AnalysisError, match="no note 'nope'"):
        suggest_themes(notes, THEMES, for_notes=["nope"])


def test_a_theme_with_no_notes_is_found_by_its_name() -> None:
    # Nothing is sorted into "Pricing plan confusion" yet; its name alone draws the note.
    notes = _notes(TRAINING + [("u1", "Which pricing plan am I on? The plans confuse me",
                                ())])
    assert suggest_themes(notes, THEMES, top=1)["theme_id"].tolist() == ["t-price"]
    # With nothing sorted at all, names still rank the themes (fixed weights).
    cold = _notes([("u1", "The tax and VAT part confused me", ())])
    assert suggest_themes(cold, THEMES, top=1)["theme_id"].tolist() == ["t-tax"]


def test_no_themes_no_rows() -> None:
    empty = THEMES.iloc[0:0]
    out = suggest_themes(_notes([("u1", "anything", ())]), empty)
    assert out.empty and list(out.columns) == ["note_id", "rank", "theme_id", "theme",
                                               "score"]


def test_hidden_notes_of_the_sample_study_come_back_in_the_top_three(
        sample_study: Path) -> None:
    study = open_study(sample_study)
    notes, themes = study.notes(), study.themes()
    placed = notes[[len(t) > 0 for t in notes["theme_ids"]]]
    rng = np.random.default_rng(0)
    hidden = set(rng.choice(placed["note_id"], size=round(0.8 * len(placed)), replace=False))
    truth = dict(zip(placed["note_id"], placed["theme_ids"]))
    blind = notes.assign(theme_ids=[() if n in hidden else t
                                    for n, t in zip(notes["note_id"], notes["theme_ids"])])
    out = suggest_themes(blind, themes, for_notes=sorted(hidden))
    assert len(out) == 3 * len(hidden) and out["score"].between(0, 1).all()
    top3 = out.groupby("note_id")["theme_id"].agg(set)
    hits = sum(bool(top3[n] & set(truth[n])) for n in hidden)
    assert hits / len(hidden) >= 0.7  # 0.94 measured; chance would be 3 of 9 themes


# -- similar notes ------------------------------------------------------------------------

def test_similar_notes_for_a_note_and_for_a_theme() -> None:
    notes = _notes(TRAINING + [("u1", "Connecting the bank scared me", ()),
                               ("u2", "What VAT rate applies to ebooks?", ()),
                               ("u3", "I worried the bank feed would see everything", ())])
    near = similar_notes(notes, note="u1", top=2)
    assert near["note_id"].tolist() == ["u3", "u2"] and near["rank"].tolist() == [1, 2]
    assert near["score"].iloc[0] > near["score"].iloc[1]
    # A theme's own notes are never offered back; only unsorted ones by default.
    for_tax = similar_notes(notes, theme="t-tax", themes=THEMES, top=1)
    assert for_tax["note_id"].tolist() == ["u2"]
    among = similar_notes(notes, note="u1", among=["b1", "v1", "u1"])
    assert among["note_id"].tolist() == ["b1", "v1"]
    with pytest.raises(AnalysisError, match="exactly one"):
        similar_notes(notes)


# -- draft themes -------------------------------------------------------------------------

def test_draft_themes_partition_the_notes(sample_study: Path) -> None:
    study = open_study(sample_study)
    r3 = study.notes(round="r3")
    unsorted = r3[[len(t) == 0 for t in r3["theme_ids"]]]
    drafts = draft_themes(unsorted, drafts=5)
    assert drafts["draft"].tolist() == [1, 2, 3, 4, 5]
    members = [n for notes in drafts["notes"] for n in notes]
    assert sorted(members) == sorted(unsorted["note_id"])  # each note exactly once
    assert (drafts["size"] == drafts["notes"].map(len)).all()
    assert drafts["size"].is_monotonic_decreasing
    assert (drafts["central_note"] == drafts["notes"].map(lambda n: n[0])).all()
    assert drafts["label"].str.len().gt(0).all()
    assert (drafts["label"] == drafts["words"].map(" · ".join)).all()


def test_draft_counts_estimated_capped_and_checked() -> None:
    notes = _notes([(f"n{i}", text, ()) for i, text in enumerate([
        "The bank feed broke", "Bank feed failed again", "The bank feed keeps failing",
        "VAT return was confusing", "VAT rates confuse me", "Which VAT rate applies?"])])
    auto = draft_themes(notes)
    assert [set(n) for n in auto["notes"]] == [{"n0", "n1", "n2"}, {"n3", "n4", "n5"}]
    assert len(draft_themes(notes, drafts=10)) == 6  # at most one draft per note
    assert draft_themes(notes.iloc[:1], drafts=3)["notes"].tolist() == [("n0",)]
    assert draft_themes(notes.iloc[0:0]).empty
    with pytest.raises(AnalysisError, match="at least 1"):
        draft_themes(notes, drafts=0)


# -- Study.suggest and the CLI ------------------------------------------------------------

def _state(folder: Path) -> tuple:
    with sqlite3.connect(folder / "study.db") as conn:
        return (conn.execute("SELECT COUNT(*), MAX(seq) FROM events").fetchone(),
                conn.execute("SELECT * FROM placements ORDER BY 1, 2").fetchall(),
                conn.execute("SELECT * FROM themes ORDER BY 1").fetchall())


def test_study_suggest_frames_and_json_shape(sample_study: Path) -> None:
    before = _state(sample_study)
    study = open_study(sample_study)
    result = study.suggest("r3", drafts=4)
    # r3 holds 155 notes, 25 of them sorted (study status says 16 %): 130 to suggest for.
    assert len(result.unsorted) == 130
    assert len(result.suggestions) == 130 * 3
    assert set(result.suggestions["theme_id"]) <= set(study.themes()["theme_id"])
    payload = json.loads(result.to_json())
    assert list(payload) == ["suggestions", "drafts"]
    first = payload["suggestions"][0]
    assert list(first) == ["note_id", "themes"]
    assert [list(t) for t in first["themes"]] == [["theme_id", "theme", "score"]] * 3
    scores = [t["score"] for t in first["themes"]]
    assert scores == sorted(scores, reverse=True)
    assert [list(d) for d in payload["drafts"]] == [["label", "notes", "central_note"]] * 4
    assert sum(len(d["notes"]) for d in payload["drafts"]) == 130
    assert "drafts" not in study.suggest("r3").to_dict()
    study.close()
    assert _state(sample_study) == before  # suggesting writes nothing


def test_cli_suggest_json_and_table(sample_study: Path, capsys: pytest.CaptureFixture
                                    ) -> None:
    assert main(["suggest", str(sample_study), "--round", "r2", "--format", "json",
                 "--drafts", "3"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert len(payload["suggestions"]) == 229  # r2: 269 notes, 40 sorted
    assert len(payload["drafts"]) == 3
    assert main(["suggest", str(sample_study), "--round", "r2", "--top", "1"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("Round r2: 229 unsorted note(s).")
    assert table.count("    1. ") == 229 and "    2. " not in table
    assert max(map(len, table.splitlines())) <= 100


def test_cli_suggest_bad_input_is_one_sentence(sample_study: Path,
                                               capsys: pytest.CaptureFixture) -> None:
    before = _state(sample_study)
    assert main(["suggest", str(sample_study), "--round", "r9"]) == 1
    assert capsys.readouterr().err == ("error: the study 'Ledgerly invoicing onboarding' has "
                                       "no round 'r9' (its rounds: r1, r2, r3).\n")
    with pytest.raises(SystemExit) as exit_:
        main(["suggest", str(sample_study), "--round", "r1", "--drafts", "none"])
    assert exit_.value.code == 2
    assert "expected a number or 'auto'" in capsys.readouterr().err
    assert _state(sample_study) == before


def test_importing_synthesis_leaves_the_heavy_libraries_alone() -> None:
    code = ("import sys, synthesis, synthesis.cli; synthesis.cli.build_parser(); "
            "print(sorted(m for m in ('sklearn', 'scipy', 'wordllama', 'synthesis.suggest')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"



@pytest.mark.parametrize("module", ["words", "embeddings", "labels", "drafts", "classifier",
                                    "similar"])
def test_docstring_examples_are_true(module: str) -> None:
    import doctest
    import importlib

    mod = importlib.import_module(f"synthesis.suggest.{module}")
    result = doctest.testmod(mod, extraglobs={"np": np, "pd": pd},
                             optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0


def test_the_reason_for_a_suggestion_is_the_themes_closest_note() -> None:
    notes = pd.DataFrame({
        "note_id": ["a", "b", "c", "d", "e"],
        "text": ["The bank feed broke twice", "VAT rates are confusing",
                 "Bank feed failed again this week", "Which VAT rate for Germany?",
                 "Sales tax in Ohio"],
        "theme_ids": [("t-mix",), ("t-mix",), (), (), ()],
    })
    pairs = pd.DataFrame({"note_id": ["c", "d", "e"], "theme_id": ["t-mix", "t-mix", "t-empty"]})
    got = closest_members(notes, pairs)
    # The bank note is like the bank note, the VAT note like the VAT note; a theme with no
    # notes (suggested by its name alone) has no reason to show.
    assert got[["note_id", "like_note"]].values.tolist() == [["c", "a"], ["d", "b"]]
    assert got["like_score"].between(0, 1).all()
    assert closest_members(notes, pairs.iloc[:0]).empty
