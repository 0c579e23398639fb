// The transcript reader's pure parts (synthesis/board/js/reader.js and spans.js): how a turn's text is
// cut at highlight edges (overlaps allowed), how a selection is trimmed, how times read.
import assert from "node:assert/strict";
import { test } from "node:test";

import { clock } from "../../synthesis/board/js/reader.js";
import { segments, spanOf, trimRange } from "../../synthesis/board/js/spans.js";

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

test("a selection over one speaker's turns in a row is one span, a line a turn", () => {
  const turns = [{ id: 7, text: "I use a sheet." }, { id: 8, text: "Then a PDF." }, { id: 9, text: "Every Friday." }];
  // from "a sheet" (6) in turn 7, all of turn 8, to "Every" (5) in turn 9
  assert.deepEqual(spanOf(turns, 6, 5),
    { utterance: 7, start: 6, end: 5, text: "a sheet.\nThen a PDF.\nEvery", through: 9 });
  // within one turn: as before, trimmed
  assert.deepEqual(spanOf(turns.slice(0, 1), 5, 14), { utterance: 7, start: 6, end: 14, text: "a sheet." });
});

test("a selection ending at the very start of the next turn stays in the turn before", () => {
  const turns = [{ id: 7, text: "I use a sheet." }, { id: 8, text: "Then a PDF." }];
  assert.deepEqual(spanOf(turns, 2, 0), { utterance: 7, start: 2, end: 14, text: "use a sheet." });
  assert.deepEqual(spanOf(turns, 14, 4), { utterance: 8, start: 0, end: 4, text: "Then" });
  assert.equal(spanOf([{ id: 7, text: "   " }], 0, 3), null);
});
