// Unit tests of the sizes and distances the board's drawing-only-what-is-seen relies on
// (synthesis/board/js/columns.js, sight.js): how high a theme's card list stands in before it
// is drawn, and which columns count as near the view. Pure functions: `node --test tests/js/`.

import assert from "node:assert/strict";
import { test } from "node:test";

import { CARD_PX, listHeight } from "../../synthesis/board/js/columns.js";
import { drawSeen, near } from "../../synthesis/board/js/sight.js";

test("a theme's card list stands in at its cards' height, capped at 340 px", () => {
  assert.equal(CARD_PX, 68);
  assert.equal(listHeight(0), 44); // an empty list keeps its drop room (min-height)
  assert.equal(listHeight(1), 72); // 4 px padding + one card
  assert.equal(listHeight(4), 276);
  assert.equal(listHeight(5), 340); // 344 would pass the list's max-height
  assert.equal(listHeight(95), 340);
});

test("a column is near the view when within 200 px of it, on any side", () => {
  const view = { top: 100, bottom: 900, left: 0, right: 1200 };
  const at = (/** @type {number} */ top, /** @type {number} */ left = 300) =>
    ({ top, bottom: top + 400, left, right: left + 220 });
  assert.equal(near(at(500), view), true); // in sight
  assert.equal(near(at(1100), view), true); // 200 px below the bottom: drawn ahead
  assert.equal(near(at(1101), view), false);
  assert.equal(near(at(-500), view), true); // ends 200 px above the top
  assert.equal(near(at(-501), view), false);
  assert.equal(near(at(500, 1400), view), true); // 200 px right of the view
  assert.equal(near(at(500, 1401), view), false);
});

test("drawing what is seen makes every write before it reads the layout", () => {
  // Reading first laid out what the filter had just shown (every pile chunk, soon far) only
  // for these writes to take it away again: 30-55 ms of a search at 10,000 notes.
  /** @type {string[]} */
  const calls = [];
  const root = /** @type {any} */ ({
    isConnected: true,
    getClientRects: () => { calls.push("read layout"); return []; }, // not on the page
  });
  const column = (/** @type {string} */ name, windowed = false) => /** @type {any} */ ({
    window: windowed ? { trim: () => calls.push(`trim ${name}`) } : null,
    warmTop: () => calls.push(`warm top of ${name}`),
  });
  const warmer = /** @type {any} */ ({ coolAll: () => calls.push("cool all") });
  drawSeen(root, [column("pile", true), column("t-01")], warmer);
  assert.deepEqual(calls, ["trim pile", "cool all", "read layout", "warm top of pile",
    "warm top of t-01"]);
});
