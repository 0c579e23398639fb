// Compare mode's pure part: where the panel goes after a settlement, and a choice in words.
import assert from "node:assert/strict";
import { test } from "node:test";

import { nextOpen, shownIndices, themesText } from "../../synthesis/board/js/compare.js";

test("after settling, the next unsettled disagreement, wrapping round to the first", () => {
  const q = [{ settled: false }, { settled: true }, { settled: true }, { settled: false }];
  assert.equal(nextOpen(q, 1), 3);
  assert.equal(nextOpen(q, 3), 0);
  assert.equal(nextOpen([{ settled: true }, { settled: true }], 1), 1); // all settled: stay
  assert.equal(nextOpen([], 0), 0);
});

test("a researcher's choice in words: themes joined, none is unsorted", () => {
  assert.equal(themesText(["Bank fear", "Trust"]), "Bank fear; Trust");
  assert.equal(themesText([]), "unsorted");
});

test("grouped by theme pair: only that pair's positions, every one without a pair", () => {
  const q = [{ pair: "A → B" }, { pair: "B → (unsorted)" }, { pair: "A → B" }];
  assert.deepEqual(shownIndices(q, "A → B"), [0, 2]);
  assert.deepEqual(shownIndices(q, null), [0, 1, 2]);
  assert.deepEqual(shownIndices(q, "C → D"), []);
});
