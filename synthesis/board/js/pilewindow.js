// @ts-check
// The unsorted pile draws only the chunks of cards in or near its scroll box; the chunks
// below them are left out of the page's layout (`sb-far`: display none) and stand in as one
// block after the list's last chunk, sized from their counts of cards shown.
//
// Why: the pile holds the notes nobody has sorted yet (4,000 of 10,000, in 333 chunks) and
// is always in view. A cold chunk (columns.js) skips its cards, but each chunk is still an
// element to style and lay out, and a search changes the size of hundreds of them: taking
// the pile's list out of the page cut the layout forced by searching 'a' at 10,000 notes from
// 18 to 7 ms, and the restyle of 'invoice' from ~510 elements to ~170.
//
// Far chunks are always a run at the end of the list (a split chunk's new half takes its
// half's state; chunks above the box are kept, so a scroll up never jumps). A filter trims
// the run back to what an estimate says is within a few screens of the box; measuring what
// is seen (sight.js) or focusing a card draws more with `reach` when the estimate fell short.

import { CARD_PX } from "./columns.js";

/** @typedef {import("./columns.js").Column} Column */
/** @typedef {HTMLElement & {_shown?: number, _far?: boolean}} Chunk */

/** How high (px) the pile's box is at most (the board's body, board.css). */
const BOX_PX = 880;
/** How far (px, estimated) below the box's top chunks stay drawn after a filter. */
const KEEP_PX = 3 * BOX_PX;

/** @param {Element} chunk @returns {number} its estimated height (px) */
const estimate = (chunk) => (/** @type {Chunk} */ (chunk)._shown || 0) * CARD_PX;

export class PileWindow {
  /** @param {Column} column */
  constructor(column) {
    this.column = column;
    /** the box's scroll position when last seen (px; a scroll event keeps it) */
    this.top = 0;
    this.padded = -1;
    this.queued = false;
  }

  /**
   * Leave out of the layout the chunks more than KEEP_PX (estimated) below the box's top,
   * but never the chunk holding the focus nor any above it. Writes only what changed.
   */
  trim() {
    const focus = document.activeElement?.parentElement;
    const keepTo = focus && focus.parentElement === this.column.list ? focus : null;
    let y = 0;
    let far = false;
    let passed = !keepTo;
    for (const chunk of this.column.list.children) {
      if (!far && passed && y > this.top + KEEP_PX) far = true;
      if (chunk === keepTo) passed = true;
      setFar(chunk, far);
      y += estimate(chunk);
    }
    this.pad();
  }

  /**
   * Draw a far chunk and every far one above it, then more below until `px` (estimated)
   * more is drawn: what is seen reached past the drawn chunks, or a card there takes focus.
   * @param {Element} chunk @param {number} [px]
   */
  reach(chunk, px = 0) {
    let at = /** @type {Element | null} */ (this.column.list.firstElementChild);
    while (at && !(/** @type {Chunk} */ (at))._far) at = at.nextElementSibling;
    let past = false;
    for (; at; at = at.nextElementSibling) {
      if (past && px <= 0) break;
      setFar(at, false);
      if (past) px -= estimate(at);
      if (at === chunk) past = true;
    }
    this.pad();
  }

  /**
   * The box scrolled (a scroll event: its layout is fresh). Scrolled to its very end, every
   * chunk is drawn and the box lands on the end the cards really make: the stand-in's
   * estimate is not their height, and the last cards must show in the frame of the scroll.
   */
  scrolled() {
    const list = this.column.list;
    this.top = list.scrollTop;
    if (this.padded <= 0 || list.scrollTop + list.clientHeight < list.scrollHeight - 1) return;
    const last = list.lastElementChild;
    if (last) this.reach(last);
    list.scrollTop = list.scrollHeight;
    this.top = list.scrollTop;
  }

  /** @param {Element} chunk @param {Element} half  A chunk split: its new half goes with it. */
  split(chunk, half) {
    setFar(half, isFar(chunk));
  }

  /** The counts changed (a move, a filter): size the stand-in again, once, soon. */
  changed() {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => { this.queued = false; this.pad(); });
  }

  /** Size the stand-in (`--sb-far`) to the far chunks' estimated height. */
  pad() {
    let px = 0;
    for (let c = this.column.list.lastElementChild; c && (/** @type {Chunk} */ (c))._far;
      c = c.previousElementSibling) px += estimate(c);
    if (px === this.padded) return;
    this.padded = px;
    // The stand-in is the list's ::after (board.css), not its padding: a flex item cannot
    // shrink below its padding, so a padded list would grow as tall as the stand-in and
    // stop scrolling.
    if (px) this.column.list.style.setProperty("--sb-far", `${px}px`);
    else this.column.list.style.removeProperty("--sb-far");
  }
}

/** @param {Element} chunk @param {boolean} far */
export function setFar(chunk, far) {
  const c = /** @type {Chunk} */ (chunk);
  if (!!c._far === far) return;
  c._far = far;
  c.classList.toggle("sb-far", far);
}

/** @param {Element} chunk  Is the chunk left out of the pile's layout? */
export function isFar(chunk) {
  return !!(/** @type {Chunk} */ (chunk))._far;
}
