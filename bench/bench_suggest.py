"""Benchmark: offline theme suggestions measured against people's own sorting.

Two sorted studies: the sample study (its sorted notes, 9 themes) and an excerpt of real NHS
patient feedback coded by NHS staff (317 comments, 9 categories; bench/data/, MIT). For
each, over several seeds:

- **"Probably goes in…"**: hide the placements of 80 % of the sorted notes, suggest three
  themes for each hidden note from the 20 % still sorted, and count a hit when the top
  suggestion (top-1) or any of the three (top-3) is one of the note's own themes. Next to it,
  in the same run on the same split: TF-IDF + logistic regression (scikit-learn defaults),
  and ours with the theme names blanked (how much the names help).
- **Draft themes**: group a random 80 % of the sorted notes into as many drafts as they
  have human themes, and compare with the human themes by the adjusted Rand index (ARI).
  Next to it: TF-IDF + k-means (k-means++, 10 starts) with the same number of groups; Ward's
  tree alone (the engine before k-means was added); and the estimated number of drafts.
- **Time**: suggestions for 2,000 unsorted notes, in a fresh process (imports and model
  load included) and again in a warm one, with the baseline's fit and predict in the same
  run; draft themes for the same 2,000 notes.

Writes ``bench/results/suggest.md``::

    .venv/bin/python bench/bench_suggest.py
"""

from __future__ import annotations

import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _results_file import write_results  # noqa: E402

from synthesis import open_study  # noqa: E402
from synthesis.suggest import draft_themes, suggest_themes  # noqa: E402
from synthesis.suggest.drafts import _distances  # noqa: E402
from synthesis.suggest.embeddings import vectorise  # noqa: E402

SEEDS = range(10)
HIDDEN = 0.8
TIMED_NOTES = 2_000
TARGET_TOP3, TARGET_ARI_RATIO, TARGET_SECONDS = 0.68, 1.2, 10.0
NHS = ROOT / "bench" / "data" / "nhs-patient-feedback" / "text_data_excerpt.csv"


# -- the two sorted studies -----------------------------------------------------------------

def sample_study() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Sorted notes, themes and every note of the sample study (read from a copy)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "study"
        shutil.copytree(ROOT / "data" / "invoicing-onboarding", folder)
        study = open_study(folder)
        notes, themes = study.notes(), study.themes()
        study.close()
    placed = notes[[len(t) > 0 for t in notes["theme_ids"]]].reset_index(drop=True)
    return placed[["note_id", "text", "theme_ids"]], themes, notes


def nhs_feedback() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The NHS excerpt as sorted notes (theme = the coder's category) and themes."""
    rows = pd.read_csv(NHS)
    labels = sorted(rows["label"].unique())
    ids = {label: f"t-{i}" for i, label in enumerate(labels)}
    notes = pd.DataFrame({"note_id": rows["row_index"].astype(str), "text": rows["feedback"],
                          "theme_ids": pd.Series([(ids[v],) for v in rows["label"]],
                                                 dtype=object)})
    themes = pd.DataFrame({"theme_id": list(ids.values()), "name": labels})
    return notes, themes


# -- "probably goes in" ---------------------------------------------------------------------

def split(notes: pd.DataFrame, seed: int) -> np.ndarray:
    """A mask of the notes whose placements are hidden (80 %, seeded)."""
    rng = np.random.default_rng(seed)
    hidden = np.zeros(len(notes), dtype=bool)
    hidden[rng.permutation(len(notes))[:round(HIDDEN * len(notes))]] = True
    return hidden


def hits(ranked: dict[str, list[str]], truth: dict[str, tuple[str, ...]]) -> tuple[float, float]:
    """Top-1 and top-3 accuracy: a hit when a suggestion is one of the note's themes."""
    top1 = np.mean([ranked[n][0] in truth[n] if ranked.get(n) else False for n in truth])
    top3 = np.mean([bool(set(ranked.get(n, [])[:3]) & set(truth[n])) for n in truth])
    return float(top1), float(top3)


def ours(notes: pd.DataFrame, themes: pd.DataFrame, hidden: np.ndarray) -> dict[str, list[str]]:
    blind = notes.assign(theme_ids=[() if h else t for h, t in zip(hidden, notes["theme_ids"])])
    out = suggest_themes(blind, themes, for_notes=list(notes["note_id"][hidden]), top=3)
    return out.groupby("note_id", sort=False)["theme_id"].agg(list).to_dict()


def baseline(notes: pd.DataFrame, hidden: np.ndarray) -> dict[str, list[str]]:
    """TF-IDF + logistic regression, one training row per (note, theme) of the visible notes."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    train = notes[~hidden].explode("theme_ids")
    test = notes[hidden]
    vectorizer = TfidfVectorizer()
    x = vectorizer.fit_transform(train["text"])
    classes = train["theme_ids"].unique()
    if len(classes) == 1:  # a split with one theme: it is every guess
        return {n: [classes[0]] for n in test["note_id"]}
    model = LogisticRegression(max_iter=1000).fit(x, train["theme_ids"])
    order = np.argsort(-model.predict_proba(vectorizer.transform(test["text"])), axis=1)
    return {n: [model.classes_[j] for j in row[:3]] for n, row in zip(test["note_id"], order)}


def classify(name: str, notes: pd.DataFrame, themes: pd.DataFrame) -> dict[str, list]:
    truth_all = dict(zip(notes["note_id"], notes["theme_ids"]))
    blank = themes.assign(name="", description="")
    rows: dict[str, list] = {"ours": [], "baseline": [], "ours, theme names blanked": []}
    for seed in SEEDS:
        hidden = split(notes, seed)
        truth = {n: truth_all[n] for n in notes["note_id"][hidden]}
        rows["ours"].append(hits(ours(notes, themes, hidden), truth))
        rows["baseline"].append(hits(baseline(notes, hidden), truth))
        rows["ours, theme names blanked"].append(hits(ours(notes, blank, hidden), truth))
        print(f"{name} seed {seed}: " + ", ".join(
            f"{k} {v[-1][0]:.2f}/{v[-1][1]:.2f}" for k, v in rows.items()), flush=True)
    return rows


# -- draft themes ---------------------------------------------------------------------------

def drafts(name: str, notes: pd.DataFrame) -> dict[str, list[float]]:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_rand_score

    out: dict[str, list[float]] = {"ours": [], "baseline": [], "ward alone": [],
                                   "ours, estimated number": [], "estimated number": [],
                                   "human themes": []}
    for seed in SEEDS:
        rng = np.random.default_rng(1000 + seed)
        subset = notes.iloc[rng.permutation(len(notes))[:round(HIDDEN * len(notes))]]
        human = [t[0] for t in subset["theme_ids"]]  # one theme per note in both sets
        k = len(set(human))

        def ari(result: pd.DataFrame) -> float:  # called in this same iteration
            group = {n: g for g, members in enumerate(result["notes"]) for n in members}
            return adjusted_rand_score(human, [group[n] for n in subset["note_id"]])  # noqa: B023

        out["ours"].append(ari(draft_themes(subset, drafts=k)))
        estimated = draft_themes(subset)
        out["ours, estimated number"].append(ari(estimated))
        out["estimated number"].append(len(estimated))
        out["human themes"].append(k)
        x = TfidfVectorizer().fit_transform(subset["text"])
        means = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(x)
        out["baseline"].append(adjusted_rand_score(human, means))
        tree = linkage(squareform(_distances(vectorise(list(subset["text"]))), checks=False),
                       method="ward")
        out["ward alone"].append(adjusted_rand_score(
            human, fcluster(tree, t=k, criterion="maxclust")))
        print(f"{name} drafts seed {seed}: ours {out['ours'][-1]:.3f}, baseline "
              f"{out['baseline'][-1]:.3f}, ward {out['ward alone'][-1]:.3f}, estimated "
              f"{len(estimated)} -> {out['ours, estimated number'][-1]:.3f}", flush=True)
    return out


# -- time -----------------------------------------------------------------------------------

_TIMED = r'''
import sys, time
started = time.perf_counter()
import pandas as pd
from synthesis.suggest import suggest_themes
notes = pd.read_pickle(sys.argv[1]); themes = pd.read_pickle(sys.argv[2])
ids = [n for n, t in zip(notes["note_id"], notes["theme_ids"]) if not t]
imported = time.perf_counter()
out = suggest_themes(notes, themes, for_notes=ids)
done = time.perf_counter()
assert out["note_id"].nunique() == len(ids)
print(f"{imported - started:.3f} {done - imported:.3f} {done - started:.3f}")
'''


def timed_round(all_notes: pd.DataFrame, placed: pd.DataFrame, extra: pd.DataFrame
                ) -> pd.DataFrame:
    """The sample study's sorted notes plus 2,000 unsorted ones, each text unique."""
    pool = list(all_notes["text"]) + list(extra["text"])
    texts = [f"{pool[i % len(pool)]} ({i // len(pool) + 1})" for i in range(TIMED_NOTES)]
    unsorted = pd.DataFrame({"note_id": [f"u{i}" for i in range(TIMED_NOTES)], "text": texts,
                             "theme_ids": pd.Series([()] * TIMED_NOTES, dtype=object)})
    return pd.concat([placed, unsorted], ignore_index=True)


def timings(notes: pd.DataFrame, themes: pd.DataFrame) -> dict[str, float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        notes.to_pickle(Path(tmp) / "notes.pkl")
        themes.to_pickle(Path(tmp) / "themes.pkl")
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _TIMED, str(Path(tmp) / "notes.pkl"),
                               str(Path(tmp) / "themes.pkl")], capture_output=True, text=True,
                              check=True, cwd=ROOT)
        out["cold process, wall"] = time.perf_counter() - t0
        imports, compute, total = map(float, done.stdout.split())
        out["cold: imports"], out["cold: model load + suggestions"] = imports, compute
        out["cold: in process"] = total
    ids = [n for n, t in zip(notes["note_id"], notes["theme_ids"]) if not t]
    suggest_themes(notes.head(20), themes)  # load the model once
    warm, base = [], []
    placed = notes[[len(t) > 0 for t in notes["theme_ids"]]].explode("theme_ids")
    test = notes[[len(t) == 0 for t in notes["theme_ids"]]]
    for _ in range(3):
        from synthesis.suggest import embeddings

        embeddings._cache.clear()  # every text embedded again, as on a first visit
        t0 = time.perf_counter()
        suggest_themes(notes, themes, for_notes=ids)
        warm.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        vectorizer = TfidfVectorizer()
        model = LogisticRegression(max_iter=1000).fit(vectorizer.fit_transform(placed["text"]),
                                                      placed["theme_ids"])
        model.predict_proba(vectorizer.transform(test["text"]))
        base.append(time.perf_counter() - t0)
    out["warm: suggestions (median of 3)"] = statistics.median(warm)
    out["baseline: TF-IDF + LR fit and predict (median of 3)"] = statistics.median(base)
    t0 = time.perf_counter()
    found = draft_themes(test)
    out[f"warm: draft themes, number estimated ({len(found)})"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    draft_themes(test, drafts=20)
    out["warm: draft themes, 20 asked"] = time.perf_counter() - t0
    return out


# -- the table ------------------------------------------------------------------------------

READING = """## Reading the figures

- Chance: with 9 themes, three guesses at random find a note's theme 1 time in 3. The NHS
  categories are uneven (Care received 32 %, Staff 24 %), which lifts the baseline's top-3
  there: always guessing the three biggest categories would score about 0.71.
- The sample study was written for this project (its notes and themes by one author), so
  its figures are friendlier than real data; the NHS comments are real, coded by NHS staff,
  and often touch several aspects while the coder chose one.
- Theme names matter most where notes share few words with each other: blanking them costs
  0.2 of top-3 on the sample study and almost nothing on NHS (whose category names,
  "Care received", say little).
- Before and after: drafts were first Ward's tree alone, which misses the target on the
  NHS set (1.18x the baseline in the first exploratory run over 5 seeds; the "Ward alone"
  column above keeps measuring it). k-means on the same blended vectors, kept when its
  silhouette is higher, was added after seeing that, so the NHS drafts figure is no longer
  a blind one. The classifier's weights
  are learnt per study; its features and the fixed fallback weights were set before the
  NHS set was added and not changed for it.
- Neither set has a note in several themes (each NHS comment has one category); that path
  is covered by unit tests (tests/test_suggest.py), not by this benchmark.
- Draft time grows with the square of the notes (every pair is compared): 2,000 notes take
  the few seconds above.
""".splitlines()


def _mean(values: list) -> str:
    return f"{statistics.mean(values):.3f}"


def _spread(values: list) -> str:
    return f"{min(values):.2f}–{max(values):.2f}"


def main() -> int:
    placed, themes, all_notes = sample_study()
    nhs_notes, nhs_themes = nhs_feedback()
    studies = {"sample study": (placed, themes), "NHS patient feedback": (nhs_notes, nhs_themes)}
    lines = ["# Offline theme suggestions against people's own sorting", "",
             f"Seeds {SEEDS.start}–{SEEDS.stop - 1}; {HIDDEN:.0%} of each study's sorted notes "
             "hidden (suggestions) or drafted (drafts) per seed. Python "
             f"{platform.python_version()}, {platform.machine()}; the baselines run in the "
             "same process on the same splits. Regenerate with `.venv/bin/python "
             "bench/bench_suggest.py`.", "",
             "| study | sorted notes | themes | notes in several themes |",
             "| --- | ---: | ---: | ---: |"]
    for name, (notes, th) in studies.items():
        lines.append(f"| {name} | {len(notes)} | {len(th)} | "
                     f"{sum(len(t) > 1 for t in notes['theme_ids'])} |")
    ok = True
    lines += ["", "## \"Probably goes in…\": top-1 and top-3 accuracy on hidden notes", "",
              "| study | method | top-1 | top-3 | top-3 per seed (min–max) |",
              "| --- | --- | ---: | ---: | --- |"]
    for name, (notes, th) in studies.items():
        result = classify(name, notes, th)
        for method, pairs in result.items():
            top1 = [p[0] for p in pairs]
            top3 = [p[1] for p in pairs]
            lines.append(f"| {name} | {method} | {_mean(top1)} | {_mean(top3)} | "
                         f"{_spread(top3)} |")
        mine = statistics.mean(p[1] for p in result["ours"])
        theirs = statistics.mean(p[1] for p in result["baseline"])
        ok &= mine >= TARGET_TOP3 and mine >= theirs
    lines += ["", f"Target: top-3 ≥ {TARGET_TOP3} and ≥ the baseline, on each study.", "",
              "## Draft themes: adjusted Rand index against the human themes", "",
              "| study | ours | TF-IDF + k-means | ratio | Ward alone (before) | ratio "
              "| estimated number of drafts (human) | ARI at that number |",
              "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
    for name, (notes, _) in studies.items():
        d = drafts(name, notes)
        ratio = statistics.mean(d["ours"]) / statistics.mean(d["baseline"])
        before = statistics.mean(d["ward alone"]) / statistics.mean(d["baseline"])
        ok &= ratio >= TARGET_ARI_RATIO
        lines.append(
            f"| {name} | {_mean(d['ours'])} | {_mean(d['baseline'])} | {ratio:.2f}× | "
            f"{_mean(d['ward alone'])} | {before:.2f}× | "
            f"{statistics.mean(d['estimated number']):.1f} "
            f"({statistics.mean(d['human themes']):.0f}) | "
            f"{_mean(d['ours, estimated number'])} |")
    lines += ["", f"Target: ours ≥ {TARGET_ARI_RATIO}× the baseline's ARI, on each study. "
              "ARI is 0 for chance and 1 for the human grouping.", "",
              f"## Time: suggestions for {TIMED_NOTES:,} unsorted notes", "",
              f"The sample study's {len(placed)} sorted notes and {len(themes)} themes, plus "
              f"{TIMED_NOTES:,} unsorted notes (the study's and the NHS texts, numbered so "
              "each is new to the embedding cache).", "",
              "| what | seconds |", "| --- | ---: |"]
    timed = timings(timed_round(all_notes, placed, nhs_notes), themes)
    for what, seconds in timed.items():
        lines.append(f"| {what} | {seconds:.2f} |")
    ok &= timed["cold process, wall"] < TARGET_SECONDS
    lines += ["", f"Target: under {TARGET_SECONDS:.0f} s, counted here from a cold process "
              "(Python start, imports and model load included).", "",
              f"Result: {'targets met' if ok else 'TARGETS MISSED (see above)'}.", "",
              *READING]
    out = ROOT / "bench" / "results" / "suggest.md"
    write_results(out, "\n".join(lines))
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
