// The unsorted pile's window (synthesis/board/js/pilewindow.js): which chunks stay in the
// layout and how tall the stand-in below them is, on a stand-in list (no browser here).

import assert from "node:assert/strict";
import { test } from "node:test";

import { PileWindow } from "../../synthesis/board/js/pilewindow.js";

/** A list of `counts.length` chunks, chunk i showing counts[i] cards. */
function pile(/** @type {number[]} */ counts) {
  const vars = new Map();
  const style = { setProperty: (/** @type {string} */ k, /** @type {string} */ v) => vars.set(k, v),
    removeProperty: (/** @type {string} */ k) => vars.delete(k),
    get far() { return vars.get("--sb-far") || ""; } };
  const list = { children: /** @type {any[]} */ ([]), style };
  const link = () => list.children.forEach((c, i) => {
    c.previousElementSibling = list.children[i - 1] || null;
    c.nextElementSibling = list.children[i + 1] || null;
  });
  const chunk = (/** @type {number} */ shown) => {
    const classes = new Set();
    return { _shown: shown, parentElement: list,
      classList: { toggle: (/** @type {string} */ k, /** @type {boolean} */ on) => (on ? classes.add(k) : classes.delete(k)),
        contains: (/** @type {string} */ k) => classes.has(k) } };
  };
  list.children = counts.map(chunk);
  link();
  Object.defineProperty(list, "firstElementChild", { get: () => list.children[0] || null });
  Object.defineProperty(list, "lastElementChild", { get: () => list.children.at(-1) || null });
  const far = () => list.children.map((c) => c.classList.contains("sb-far"));
  return { list, far, chunk, link };
}

globalThis.document = /** @type {any} */ ({ activeElement: null });

test("a filter keeps the chunks starting within 2,640 px (68 px a card) and pads for the rest", () => {
  const p = pile(Array(10).fill(12)); // each 12 x 68 = 816 px: starts at 0, 816, 1,632, 2,448, 3,264…
  const w = new PileWindow(/** @type {any} */ ({ list: p.list }));
  w.trim();
  assert.deepEqual(p.far(), [false, false, false, false, true, true, true, true, true, true]);
  assert.equal(p.list.style.far, "4896px"); // 6 x 816
  // Chunks with nothing shown stand in at 0 px: the window reaches further down.
  p.list.children.forEach((c, i) => { c._shown = i % 2 ? 0 : 12; });
  w.trim();
  // starts: 0, 816, 816, 1,632, 1,632, 2,448, 2,448, 3,264 (over 2,640: far from chunk 7)
  assert.deepEqual(p.far(), [false, false, false, false, false, false, false, true, true, true]);
  assert.equal(p.list.style.far, "816px"); // chunks 7 and 9 show none, 8 shows 12
});

test("scrolled down, the window starts lower; the focused card's chunk is never left out", () => {
  const p = pile(Array(10).fill(12));
  const w = new PileWindow(/** @type {any} */ ({ list: p.list }));
  w.top = 1632; // the box scrolled two chunks down: up to 4,272 px stays
  w.trim();
  assert.deepEqual(p.far().indexOf(true), 6);
  globalThis.document = /** @type {any} */ ({ activeElement: { parentElement: p.list.children[8] } });
  w.top = 0;
  w.trim();
  assert.deepEqual(p.far(), [false, false, false, false, false, false, false, false, false, true]);
  globalThis.document = /** @type {any} */ ({ activeElement: null });
});

test("reach draws a far chunk, those above it, and then enough below for the px asked", () => {
  const p = pile(Array(10).fill(12));
  const w = new PileWindow(/** @type {any} */ ({ list: p.list }));
  w.trim(); // 0-3 drawn
  w.reach(p.list.children[5]); // a card in chunk 5 takes focus
  assert.equal(p.far().indexOf(true), 6);
  w.reach(p.list.children[6], 1000); // seen reaches past chunk 6: 1,000 px more is two chunks
  assert.equal(p.far().indexOf(true), 9);
  assert.equal(p.list.style.far, "816px");
});

test("a split chunk's new half goes with it, and a move's new counts resize the stand-in", async () => {
  const p = pile([12, 12, 12, 12, 12, 24]);
  const w = new PileWindow(/** @type {any} */ ({ list: p.list }));
  w.trim();
  assert.equal(p.list.style.far, "2448px"); // chunks 4 and 5: 36 x 68
  const half = p.chunk(12);
  p.list.children[5]._shown = 12;
  p.list.children.push(half);
  p.link();
  w.split(p.list.children[5], half);
  assert.equal(half.classList.contains("sb-far"), true);
  p.list.children[4]._shown = 11; // a card left chunk 4
  w.changed();
  w.changed(); // once, soon
  await Promise.resolve();
  assert.equal(p.list.style.far, "2380px"); // 35 x 68
});
