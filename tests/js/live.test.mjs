// Live boards' pure part: how a "changes" message patches the board's placements.
import assert from "node:assert/strict";
import { test } from "node:test";

import { patched } from "../../synthesis/board/js/live.js";

test("a moved note takes its new themes and the others stay as they were", () => {
  const before = { "n-1": ["t-bank"], "n-2": ["t-export"] };
  const after = patched(before, { "n-2": ["t-bank", "t-tax"], "n-3": ["t-tax"] });
  assert.deepEqual(after, { "n-1": ["t-bank"], "n-2": ["t-bank", "t-tax"], "n-3": ["t-tax"] });
  assert.deepEqual(before, { "n-1": ["t-bank"], "n-2": ["t-export"] }); // not mutated
});

test("a note moved back to unsorted leaves the placements", () => {
  assert.deepEqual(patched({ "n-1": ["t-bank"], "n-2": ["t-bank"] }, { "n-1": [] }),
    { "n-2": ["t-bank"] });
});
