// @ts-check
// Which chunks of cards a person can see (or soon will): measured from the page's layout,
// so that after a filter or a scroll only those are drawn (see Warmer in columns.js).

import { columnOf } from "./columns.js";
import { isFar } from "./pilewindow.js";

/** @typedef {import("./columns.js").Column} Column */
/** @typedef {import("./columns.js").Warmer} Warmer */
/** @typedef {{top: number, bottom: number, left: number, right: number}} Box */

/** How far (px) beyond what is seen chunks are drawn ahead (as the observer's margin). */
const AHEAD = 200;

/**
 * The part of the window an element is seen through: the window, clipped by each scroll
 * box around the element (a notebook's, say). Reads layout.
 * @param {Element} el
 * @returns {Box}
 */
export function sightOf(el) {
  const box = { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth };
  for (let at = el.parentElement; at && at !== document.body; at = at.parentElement) {
    const style = getComputedStyle(at);
    // An element with no box of its own (display: contents) clips nothing, whatever its
    // overflow says; its rectangle would be empty.
    if (style.overflowY !== "visible" && style.display !== "contents") {
      clip(box, at.getBoundingClientRect());
    }
  }
  return box;
}

/** @param {Element} el  Is the element laid out on the page (not detached, nor in a hidden tab)? */
function shownOnPage(el) {
  return el.isConnected && el.getClientRects().length > 0;
}

/** @param {Box} box @param {Box} by  Narrow `box` to its overlap with `by`. */
function clip(box, by) {
  box.top = Math.max(box.top, by.top);
  box.left = Math.max(box.left, by.left);
  box.bottom = Math.min(box.bottom, by.bottom);
  box.right = Math.min(box.right, by.right);
}

/**
 * Is the rectangle `r` within AHEAD px of `box` (in sight, or soon)?
 * @param {Box} r @param {Box} box
 */
export function near(r, box) {
  return r.bottom >= box.top - AHEAD && r.top <= box.bottom + AHEAD
    && r.right >= box.left - AHEAD && r.left <= box.right + AHEAD;
}

/**
 * A column's chunks in sight now, or within AHEAD px: those inside the column's own box,
 * its board area's and `sight`. Reads layout, writes nothing.
 * @param {Column} column @param {Box} sight
 * @returns {Element[]}
 */
export function seenIn(column, sight) {
  const box = { ...sight };
  // The column's section first: a theme's list far from the view is not laid out at all
  // (its `content-visibility`, board.css), and reading its rectangle or one inside it would
  // lay it out. The section itself is never skipped, so reading it costs nothing more.
  const section = column.list.parentElement;
  if (section && !near(section.getBoundingClientRect(), box)) return [];
  clip(box, column.list.getBoundingClientRect());
  const area = column.list.closest(".sb-board-area");
  if (area) clip(box, area.getBoundingClientRect());
  const top = box.top - AHEAD;
  const bottom = box.bottom + AHEAD;
  if (bottom <= top || box.right - box.left <= -2 * AHEAD) return [];
  const out = [];
  let drawnTo = -Infinity; // the bottom of the last chunk measured (above the sight, maybe)
  for (const chunk of column.list.children) {
    if (/** @type {any} */ (chunk)._shown === 0) continue; // hidden: no card shown
    // The pile's chunks drawn end short of what is seen: draw on to the sight's bottom in
    // one go (see pilewindow.js).
    if (isFar(chunk)) column.window?.reach(chunk, bottom - (drawnTo > -Infinity ? drawnTo : top));
    const r = chunk.getBoundingClientRect();
    drawnTo = r.bottom;
    if (r.bottom < top) continue;
    if (r.top > bottom) break;
    out.push(chunk);
  }
  return out;
}

/**
 * Draw only the chunks in sight, after a filter hid or showed cards: every drawn chunk is
 * cooled, every column measured, then the chunks seen warmed, so the board is laid out once
 * with no card drawn and once more only where cards are seen. (The observer's idea of which
 * columns are near can be a frame old: a search for a rare word shrinks every column into
 * view, and the next search, showing every card, would draw them all.) Where nothing can be
 * measured (the board not yet on the page, or in a hidden tab) each column draws its first
 * cards.
 *
 * Every write comes before the first read of layout: the pile's window trimmed and the
 * drawn chunks cooled, then one layout. Reading first (whether the board is on the page)
 * laid out what the filter had just shown and these writes were about to take away again:
 * every pile chunk (hundreds, all soon far) and the full drawn chunks. At 10,000 notes that
 * thrown-away layout was 30–55 ms of the 'a'-after-'bank connect' search, and restyling the
 * chunks then made far 15–20 ms more (a Chromium trace, the stack of each forced layout).
 * @param {HTMLElement} root  the board @param {Iterable<Column>} columns @param {Warmer} warmer
 */
export function drawSeen(root, columns, warmer) {
  const all = [...columns];
  for (const column of all) column.window?.trim(); // the pile's far chunks, from counts
  warmer.coolAll();
  if (!shownOnPage(root)) {
    for (const column of all) column.warmTop();
    return;
  }
  const sight = sightOf(root);
  for (const chunk of all.flatMap((c) => seenIn(c, sight))) warmer.warm(chunk);
}

/**
 * Draw the chunks a scroll brought into sight: in the column scrolled, or in every column
 * when the board's area or a box around the board (the notebook, the page) scrolled. Scroll
 * events come first in a frame, so the chunks are drawn in the frame that shows them; the
 * observer alone would draw them a frame late (a blank column for a moment).
 * @param {HTMLElement} root @param {Map<string, Column>} columns @param {Warmer} warmer
 * @param {EventTarget | null} target  what scrolled
 */
export function drawScrolled(root, columns, warmer, target) {
  const node = target instanceof Document ? target.documentElement : target;
  if (!(node instanceof Element) || !shownOnPage(root)) return;
  let which;
  if (root.contains(node)) {
    const column = columnOf(node);
    if (column?.window && node === column.list) column.window.scrolled();
    which = column ? [column] : [...columns.values()];
  } else if (node.contains(root)) which = [...columns.values()];
  else return;
  const sight = sightOf(root);
  for (const chunk of which.flatMap((c) => seenIn(c, sight))) warmer.warm(chunk);
}
