// The board's status line (synthesis/board/js/status.js): a filter's count stands in for the
// save status while the filter is on, and clearing the filter brings the save status back.

import assert from "node:assert/strict";
import { test } from "node:test";

import { StatusLine } from "../../synthesis/board/js/status.js";

/** A stand-in for the status element: the two things the line writes. */
const line = () => ({ dataset: /** @type {Record<string, string>} */ ({ state: "idle" }), textContent: "" });

test("clearing a search brings back what the line said before it", () => {
  const el = line();
  const status = new StatusLine(el);
  status.save("saved", "Saved. Moved 1 note to 'Pricing'.");
  status.filtered("Showing 104 notes of 10000.");
  assert.deepEqual([el.dataset.state, el.textContent], ["idle", "Showing 104 notes of 10000."]);
  status.filtered("Showing 3 notes of 10000."); // the next key typed
  assert.equal(el.textContent, "Showing 3 notes of 10000.");
  status.filtered(null); // the search box emptied
  assert.deepEqual([el.dataset.state, el.textContent], ["saved", "Saved. Moved 1 note to 'Pricing'."]);
});

test("a board with no change yet goes back to an empty line", () => {
  const el = line();
  const status = new StatusLine(el);
  status.filtered("Showing 2 notes of 8.");
  status.filtered(null);
  assert.deepEqual([el.dataset.state, el.textContent], ["idle", ""]);
  status.filtered(null); // a redraw with no filter on leaves the line alone
  assert.equal(el.textContent, "");
});

test("a save while a search is on shows at once, and stays after the search is cleared", () => {
  const el = line();
  const status = new StatusLine(el);
  status.filtered("Showing 1 note of 8.");
  status.save("saving", "Saving…");
  assert.deepEqual([el.dataset.state, el.textContent], ["saving", "Saving…"]);
  status.save("saved", "Saved. Moved 1 note.");
  status.filtered(null); // the count was not on the line: nothing to take back
  assert.deepEqual([el.dataset.state, el.textContent], ["saved", "Saved. Moved 1 note."]);
});

test("an error stays marked as one under a filter's count, and comes back after it", () => {
  const el = line();
  const status = new StatusLine(el);
  status.save("error", "Not saved: a theme needs a name.");
  status.filtered("Showing 5 notes of 8.");
  assert.equal(el.dataset.state, "error");
  status.filtered(null);
  assert.deepEqual([el.dataset.state, el.textContent], ["error", "Not saved: a theme needs a name."]);
});
