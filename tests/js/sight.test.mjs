// Unit tests of the sizes and distances the board's drawing-only-what-is-seen relies on
// (synthesis/board/js/columns.js, sight.js): how high a column stands in before it is drawn,
// and which columns count as near the view. Pure functions: `node --test tests/js/`.

import assert from "node:assert/strict";
import { test } from "node:test";

import { CARD_PX, columnHeight } from "../../synthesis/board/js/columns.js";
import { near } from "../../synthesis/board/js/sight.js";

test("a column stands in at its head plus its cards, its list capped at 340 px", () => {
  assert.equal(CARD_PX, 68);
  assert.equal(columnHeight(0), 84 + 44); // an empty list keeps its drop room (min-height)
  assert.equal(columnHeight(1), 84 + 72); // 4 px padding + one card
  assert.equal(columnHeight(4), 84 + 276);
  assert.equal(columnHeight(5), 84 + 340); // 344 would pass the list's max-height
  assert.equal(columnHeight(95), 84 + 340);
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
