// Unit tests of the board's pending / ack / rollback logic (synthesis/board/js/protocol.js).
// Pure functions, no DOM: run with `node --test tests/js/` (make test does when Node is here).

import assert from "node:assert/strict";
import { test } from "node:test";

import { shownColumns } from "../../synthesis/board/js/placing.js";
import { changedNotes, Pending, statusAfter } from "../../synthesis/board/js/protocol.js";

const rank = new Map([["t-bank", 0], ["t-export", 1]]); // the themes on the board, in order
const shown = (/** @type {string} */ n, /** @type {any} */ placements, /** @type {Pending} */ p) =>
  shownColumns(n, placements, p, rank);

test("a request gets a fresh id per view and holds its notes until its ack", () => {
  const p = new Pending("sb1-abc");
  const msg = p.begin({ type: "move", notes: ["n-5"], to: "t-export" },
    { notes: ["n-5"], cols: { "n-5": ["t-export"] } });
  assert.deepEqual(msg, { type: "move", notes: ["n-5"], to: "t-export", id: "sb1-abc-1" });
  assert.equal(p.size, 1);
  assert.equal(p.holds("n-5"), true);
  assert.deepEqual(p.columns("n-5"), ["t-export"]);
  const done = p.settle({ type: "ack", id: "sb1-abc-1", ok: true });
  assert.deepEqual(done?.released, ["n-5"]);
  assert.equal(done?.ok, true);
  assert.equal(p.size, 0);
  assert.equal(p.holds("n-5"), false);
  assert.equal(p.begin({ type: "undo" }).id, "sb1-abc-2");
});

test("an ack for another view, or one already settled, settles nothing", () => {
  const p = new Pending("sb1");
  p.begin({ type: "move" }, { notes: ["n-1"], cols: { "n-1": ["t-bank"] } });
  assert.equal(p.settle({ type: "ack", id: "sb2-1", ok: true }), null);
  assert.equal(p.settle({ type: "ack", ok: true }), null);
  assert.ok(p.settle({ type: "ack", id: "sb1-1", ok: true }));
  assert.equal(p.settle({ type: "ack", id: "sb1-1", ok: true }), null);
});

test("a note moved twice is held by its newest move only", () => {
  const p = new Pending("v");
  p.begin({ type: "move" }, { notes: ["n-1", "n-2"],
    cols: { "n-1": ["t-bank"], "n-2": ["t-bank"] } }); // v-1
  p.begin({ type: "move" }, { notes: ["n-2"], cols: { "n-2": ["t-export"] } }); // v-2
  assert.deepEqual(p.columns("n-2"), ["t-export"]);
  // The first ack releases n-1 only: n-2 still waits for its newer move.
  assert.deepEqual(p.settle({ id: "v-1", ok: true })?.released, ["n-1"]);
  assert.equal(p.holds("n-2"), true);
  assert.deepEqual(p.settle({ id: "v-2", ok: true })?.released, ["n-2"]);
  assert.equal(p.size, 0);
});

test("a refused move rolls its notes back to where the store has them", () => {
  const p = new Pending("v");
  const placements = { "n-1": ["t-bank"] };
  p.begin({ type: "move" }, { notes: ["n-1", "n-5"],
    cols: { "n-1": ["t-export"], "n-5": ["t-export"] } });
  // While waiting, both show in the target.
  assert.deepEqual(shown("n-1", placements, p), ["t-export"]);
  assert.deepEqual(shown("n-5", placements, p), ["t-export"]);
  const done = p.settle({ id: "v-1", ok: false, error: "there is no theme 't-export'." });
  assert.equal(done?.ok, false);
  assert.deepEqual(done?.released, ["n-1", "n-5"]);
  // Released: back where the store has them (n-5 was unsorted).
  assert.deepEqual(shown("n-1", placements, p), ["t-bank"]);
  assert.deepEqual(shown("n-5", placements, p), ["unsorted"]);
});

test("a note shows unsorted when its theme left the board, and a new theme waits for the kernel", () => {
  const p = new Pending("v");
  assert.deepEqual(shown("n-1", { "n-1": ["t-gone"] }, p), ["unsorted"]);
  p.begin({ type: "new_theme" }, { notes: ["n-3"] }); // the kernel names the theme
  assert.equal(p.holds("n-3"), true);
  assert.equal(p.columns("n-3"), undefined);
  assert.deepEqual(shown("n-3", { "n-3": ["t-bank"] }, p), ["t-bank"]);
  p.begin({ type: "move" }, { notes: ["n-4"], cols: { "n-4": ["t-merged-away"] } });
  assert.deepEqual(shown("n-4", { "n-4": ["t-export"] }, p), ["t-export"]);
});

test("theme requests keep their header pending until the last one is acknowledged", () => {
  const p = new Pending("v");
  p.begin({ type: "rename" }, { theme: "t-bank" });
  p.begin({ type: "describe" }, { theme: "t-bank" });
  p.settle({ id: "v-1", ok: true });
  assert.deepEqual([...p.themes()], ["t-bank"]);
  p.settle({ id: "v-2", ok: true });
  assert.deepEqual([...p.themes()], []);
});

test("changedNotes lists moved, sorted and unsorted notes between two pushes", () => {
  const before = { "n-1": ["t-bank"], "n-2": ["t-bank"], "n-3": ["t-export"], "n-5": ["t-bank"] };
  const after = { "n-1": ["t-bank"], "n-2": ["t-export"], "n-4": ["t-bank"],
    "n-5": ["t-bank", "t-export"] };
  assert.deepEqual(changedNotes(before, after).sort(), ["n-2", "n-3", "n-4", "n-5"]);
  assert.deepEqual(changedNotes(after, after), []);
  // As many notes sorted before as after, but one left and another came: both listed.
  assert.deepEqual(changedNotes({ "n-1": ["t-bank"], "n-2": ["t-bank"] },
    { "n-1": ["t-bank"], "n-3": ["t-bank"] }).sort(), ["n-2", "n-3"]);
  assert.deepEqual(changedNotes({}, { "n-1": ["t-bank"] }), ["n-1"]);
  assert.deepEqual(changedNotes({ "n-1": ["t-bank"] }, {}), ["n-1"]);
});

test("the status line says Saved only when nothing is left waiting", () => {
  assert.deepEqual(statusAfter({ ok: true, summary: "Moved 1 note to 'Pricing'." }, 0),
    { state: "saved", text: "Saved. Moved 1 note to 'Pricing'." });
  assert.deepEqual(statusAfter({ ok: true, summary: "Moved 1 note." }, 2),
    { state: "saving", text: "Saving…" });
  assert.deepEqual(statusAfter({ ok: false, error: "a theme needs a name." }, 0),
    { state: "error", text: "Not saved: a theme needs a name." });
});
