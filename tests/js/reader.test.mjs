// The transcript reader's pure parts (synthesis/board/js/reader.js): how a turn's text is
// cut at highlight edges (overlaps allowed), how a selection is trimmed, how times read.
import assert from "node:assert/strict";
import { test } from "node:test";

import { clock, segments, trimRange } from "../../synthesis/board/js/reader.js";

test("a turn is cut at every highlight's edges; overlapping pieces list both", () => {
  // text of 20 characters; note 0 covers 2-10, note 1 covers 6-14
  assert.deepEqual(segments(20, [{ start: 2, end: 10 }, { start: 6, end: 14 }]), [
    { start: 0, end: 2, cover: [] },
    { start: 2, end: 6, cover: [0] },
    { start: 6, end: 10, cover: [0, 1] },
    { start: 10, end: 14, cover: [1] },
    { start: 14, end: 20, cover: [] },
  ]);
});

test("a turn without highlights is one piece; a range past the end is cut at it", () => {
  assert.deepEqual(segments(5, []), [{ start: 0, end: 5, cover: [] }]);
  assert.deepEqual(segments(5, [{ start: 3, end: 9 }]),
    [{ start: 0, end: 3, cover: [] }, { start: 3, end: 5, cover: [0] }]);
});

test("a selection loses the spaces at its ends", () => {
  const text = "Well,  I check every invoice twice. ";
  assert.deepEqual(trimRange(text, 5, 36), { start: 7, end: 35 });
  assert.equal(text.slice(7, 35), "I check every invoice twice.");
  assert.deepEqual(trimRange("   ", 0, 3), { start: 3, end: 3 });
});

test("times read as m:ss, or h:mm:ss past an hour", () => {
  assert.equal(clock(65.4), "1:05");
  assert.equal(clock(3723), "1:02:03");
  assert.equal(clock(null), "");
});
