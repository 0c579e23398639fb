// Unit tests of where a note's cards go (synthesis/board/js/placing.js): the columns a note
// shows in, what a drop or a menu choice sends, and the "also in" line. Pure functions, no
// DOM: run with `node --test tests/js/` (make test does when Node is here).
//
// The board of these tests, in board order: Bank (t-bank), Export (t-export), Phone (t-phone).

import assert from "node:assert/strict";
import { test } from "node:test";

import { alsoIn, fromField, planMove, shownColumns } from "../../synthesis/board/js/placing.js";
import { Pending } from "../../synthesis/board/js/protocol.js";

const rank = new Map([["t-bank", 0], ["t-export", 1], ["t-phone", 2]]);
const NAMES = { "t-bank": "Bank", "t-export": "Export", "t-phone": "Phone" };
// n-1 in Bank and Export, n-4 in Export, n-5 unsorted.
const placements = { "n-1": ["t-bank", "t-export"], "n-4": ["t-export"] };
const columnsOf = (/** @type {string} */ n) =>
  (n === "n-gone" ? null : shownColumns(n, placements, new Pending("v"), rank));

test("a note shows in each of its themes in board order, an unsorted one in the pile", () => {
  const p = new Pending("v");
  assert.deepEqual(shownColumns("n-1", placements, p, rank), ["t-bank", "t-export"]);
  assert.deepEqual(shownColumns("n-5", placements, p, rank), ["unsorted"]);
  // Store order does not matter; a theme not on the board (deleted, merged) is left out.
  assert.deepEqual(shownColumns("n-2", { "n-2": ["t-phone", "t-gone", "t-bank"] }, p, rank),
    ["t-bank", "t-phone"]);
  assert.deepEqual(shownColumns("n-3", { "n-3": ["t-gone"] }, p, rank), ["unsorted"]);
});

test("a waiting move decides where a note shows; a move to a gone theme does not", () => {
  const p = new Pending("v");
  p.begin({ type: "move" }, { notes: ["n-1"], cols: { "n-1": ["t-phone", "t-export"] } });
  assert.deepEqual(shownColumns("n-1", placements, p, rank), ["t-export", "t-phone"]);
  p.begin({ type: "move" }, { notes: ["n-4"], cols: { "n-4": [] } }); // out of its last theme
  assert.deepEqual(shownColumns("n-4", placements, p, rank), ["unsorted"]);
  p.begin({ type: "move" }, { notes: ["n-1"], cols: { "n-1": ["t-gone"] } });
  assert.deepEqual(shownColumns("n-1", placements, p, rank), ["t-bank", "t-export"]);
});

test("a drag from Bank to Phone leaves Bank only: Export stays", () => {
  const plan = planMove(["n-1"], "t-phone", { from: { "n-1": "t-bank" } }, columnsOf);
  assert.deepEqual(plan?.msg, { type: "move", notes: ["n-1"], to: "t-phone", from: "t-bank",
    add: false });
  assert.deepEqual(plan?.want, { "n-1": ["t-export", "t-phone"] });
});

test("an Alt-drag adds and leaves nothing; adding where it already is sends nothing", () => {
  const plan = planMove(["n-1"], "t-phone", { from: { "n-1": "t-bank" }, add: true }, columnsOf);
  assert.deepEqual(plan?.msg, { type: "move", notes: ["n-1"], to: "t-phone", from: "t-bank",
    add: true });
  assert.deepEqual(plan?.want, { "n-1": ["t-bank", "t-export", "t-phone"] });
  assert.equal(planMove(["n-1"], "t-export", { from: { "n-1": "t-bank" }, add: true },
    columnsOf), null);
});

test("dropped back on its own column: nothing; on a column it is also in: it leaves its own", () => {
  assert.equal(planMove(["n-1"], "t-bank", { from: { "n-1": "t-bank" } }, columnsOf), null);
  const plan = planMove(["n-1"], "t-export", { from: { "n-1": "t-bank" } }, columnsOf);
  assert.deepEqual(plan?.want, { "n-1": ["t-export"] });
  assert.equal(plan?.msg.from, "t-bank");
});

test("to Unsorted takes a card out of its one column; out of its last theme it is unsorted", () => {
  let plan = planMove(["n-1"], "unsorted", { from: { "n-1": "t-export" } }, columnsOf);
  assert.deepEqual(plan?.want, { "n-1": ["t-bank"] });
  assert.deepEqual(plan?.msg, { type: "move", notes: ["n-1"], to: "unsorted",
    from: "t-export", add: false });
  plan = planMove(["n-4"], "unsorted", { from: { "n-4": "t-export" } }, columnsOf);
  assert.deepEqual(plan?.want, { "n-4": [] });
  // An unsorted card dropped on the pile, or a note no longer on the board: nothing to send.
  assert.equal(planMove(["n-5", "n-gone"], "unsorted", { from: { "n-5": "unsorted" } },
    columnsOf), null);
});

test("cards selected in different columns each leave their own, in one message", () => {
  const from = { "n-1": "t-export", "n-4": "t-export", "n-5": "unsorted" };
  const plan = planMove(["n-1", "n-4", "n-5"], "t-phone", { from }, columnsOf);
  assert.deepEqual(plan?.msg.from, from);
  assert.deepEqual(plan?.want, { "n-1": ["t-bank", "t-phone"], "n-4": ["t-phone"],
    "n-5": ["t-phone"] });
  // Only the notes that change are named, and `from` is one column when they share it.
  const same = planMove(["n-1", "n-4"], "t-export", { from: { "n-1": "t-bank", "n-4": "t-export" } },
    columnsOf);
  assert.deepEqual(same?.msg.notes, ["n-1"]);
  assert.equal(same?.msg.from, "t-bank");
});

test("fromField: one column, none, or a mapping", () => {
  assert.equal(fromField(["a", "b"], { a: "t-bank", b: "t-bank" }), "t-bank");
  assert.equal(fromField(["a"], {}), null);
  assert.deepEqual(fromField(["a", "b"], { a: "t-bank" }), { a: "t-bank", b: null });
});

test("the 'also in' line names the other themes, in the order given, never the pile", () => {
  const nameOf = (/** @type {string} */ t) => NAMES[/** @type {keyof NAMES} */ (t)];
  assert.equal(alsoIn(["t-bank", "t-export", "t-phone"], "t-export", nameOf),
    "also in Bank, Phone");
  assert.equal(alsoIn(["t-bank"], "t-bank", nameOf), "");
  assert.equal(alsoIn(["unsorted"], "unsorted", nameOf), "");
  assert.equal(alsoIn(["t-bank", "t-gone"], "t-bank", nameOf), ""); // no name: not on the board
});
