// Where "Split at cursor" cuts a note (synthesis/board/js/notes.js splitPlan): offsets in
// the stored text worked out by hand.
import assert from "node:assert/strict";
import { test } from "node:test";

import { splitPlan } from "../../synthesis/board/js/notes.js";

const NOTE = "I use a spreadsheet. Then I email a PDF."; // "Then" starts at 21

test("the caret's offset cuts the stored text when the box still holds it", () => {
  assert.deepEqual(splitPlan(NOTE, NOTE, 21), { edit: null, at: 21 });
  assert.deepEqual(splitPlan(NOTE, NOTE, 20), { edit: null, at: 20 }); // at the space
});

test("spaces the box added at the start do not move the cut", () => {
  assert.deepEqual(splitPlan(NOTE, `  ${NOTE}`, 23), { edit: null, at: 21 });
});

test("an edited box is saved first and the cut made in the new words", () => {
  assert.deepEqual(splitPlan(NOTE, "Uses a spreadsheet. Emails a PDF.", 19),
    { edit: "Uses a spreadsheet. Emails a PDF.", at: 19 });
});

test("a caret with no words on one side is no split", () => {
  assert.equal(splitPlan(NOTE, NOTE, 0), null);
  assert.equal(splitPlan(NOTE, NOTE, NOTE.length), null);
  assert.equal(splitPlan(NOTE, "Hello   ", 6), null); // only spaces after the caret
});
