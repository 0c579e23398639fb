// Unit tests of suggestions as data (synthesis/board/js/suggestdata.js): percentages, the
// "Suggested for…" counts, the reason shown on a card, what a screen reader hears, and a
// draft's notes. Pure functions, no DOM: run with `node --test tests/js/`.

import assert from "node:assert/strict";
import { test } from "node:test";

import {
  countByTop, describe, draftNotes, freeLabel, percent, reason, topTheme,
} from "../../synthesis/board/js/suggestdata.js";

const NAMES = { "t-bank": "Bank", "t-export": "Export", "t-phone": "Phone" };
const nameOf = (/** @type {string} */ t) => NAMES[/** @type {keyof typeof NAMES} */ (t)];
/** @type {import("../../synthesis/board/js/suggestdata.js").SuggestedMap} */
const suggested = {
  "n-5": [["t-export", 0.714, "n-4"], ["t-bank", 0.2, "n-1"], ["t-phone", 0.004, null]],
  "n-6": [["t-bank", 0.5, "n-1"]],
  "n-7": [["t-bank", 0.31, null], ["t-gone", 0.3, null]],
  "n-8": [],
};
const likes = { "n-4": { text: "Could not find the CSV export", pid: "P03" },
  "n-1": { text: "Connecting the bank felt risky", pid: null } };

test("a score reads as a whole percentage, never 0 % or over 100 %", () => {
  assert.equal(percent(0.714), "71%");
  assert.equal(percent(0.995), "100%");
  assert.equal(percent(0.004), "<1%");
  assert.equal(percent(1.2), "100%");
});

test("the best suggestion and how many unsorted notes each theme is best for", () => {
  assert.equal(topTheme(suggested, "n-5"), "t-export");
  assert.equal(topTheme(suggested, "n-8"), undefined);
  assert.equal(topTheme(suggested, "n-99"), undefined);
  // n-5 -> Export, n-6 and n-7 -> Bank; n-6 was placed since, so Bank counts only n-7.
  const counts = countByTop(suggested, (n) => n !== "n-6");
  assert.deepEqual([...counts.entries()], [["t-export", 1], ["t-bank", 1]]);
  assert.deepEqual([...countByTop(suggested, () => true).entries()],
    [["t-export", 1], ["t-bank", 2]]);
});

test("the reason quotes the theme's closest note and its participant", () => {
  assert.equal(reason("n-4", likes), "like “Could not find the CSV export” (P03)");
  assert.equal(reason("n-1", likes), "like “Connecting the bank felt risky”");
  assert.equal(reason(null, likes), "");
  assert.equal(reason("n-unknown", likes), "");
});

test("a screen reader hears the themes, their scores, the reason and the keys", () => {
  assert.equal(describe(suggested["n-5"], nameOf, likes),
    "Suggested themes (computed on this machine): 1: Export, 71%; 2: Bank, 20%; 3: Phone, <1%."
    + " The first is like “Could not find the CSV export” (P03). Press 1 to 3 to accept one.");
  // A theme no longer on the board is left out; one left is "Press 1".
  assert.equal(describe(suggested["n-7"], nameOf, likes),
    "Suggested themes (computed on this machine): 1: Bank, 31%. Press 1 to accept it.");
  assert.equal(describe([], nameOf, likes), "");
});

test("a draft shows its notes still unsorted, the most typical first", () => {
  const draft = { key: "d1", label: "tax", notes: ["n-5", "n-6", "n-7", "n-8"], central: "n-7" };
  assert.deepEqual(draftNotes(draft, () => true), ["n-7", "n-5", "n-6", "n-8"]);
  assert.deepEqual(draftNotes(draft, (n) => n !== "n-7"), ["n-5", "n-6", "n-8"]);
  assert.deepEqual(draftNotes(draft, () => false), []);
});

test("a draft named like a theme on the board is told apart", () => {
  const taken = new Set(["Bank", "Export"]);
  assert.equal(freeLabel("Bank", taken, 2), "Bank (draft 2)");
  assert.equal(freeLabel("invoice template", taken, 1), "invoice template");
});
