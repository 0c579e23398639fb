// @ts-check
// One column of cards (a theme, or the unsorted pile): cards in import order, in chunks.
//
// Why chunks: Chromium keeps per-element bookkeeping for `content-visibility: auto` and
// hit-tests what is laid out on every frame. With that property on each card, at 10,000
// cards every frame after a change paid for all of them (drop -> "saved" on screen took
// 300 ms). Cards now sit in chunks of about CHUNK cards and the chunk carries the property
// (board.css), so an off-screen chunk costs one element, and a move touches only the chunk it
// leaves and the chunk it joins.

/** @typedef {import("./types.js").CardEl} CardEl */

export const CHUNK = 12;
/** About how high (px) a card is, with its gap: the size of what is not drawn yet. */
export const CARD_PX = 68;
/** How high (px) a theme's list of cards may grow before it scrolls (board.css). */
const LIST_PX = 340;

/**
 * How high a theme's card list is, about, before it is first drawn: its cards, at least the
 * list's drop room and at most LIST_PX (the size a list far from the view stands in at,
 * board.css).
 * @param {number} notes  the cards in the column
 * @returns {number} px
 */
export function listHeight(notes) {
  return Math.min(LIST_PX, Math.max(44, 4 + CARD_PX * notes));
}
/**
 * Warms chunks as they come near the view. A chunk starts cold (class `sb-cold`:
 * `content-visibility: hidden`, so its cards are neither styled, laid out nor painted) and
 * turns to `content-visibility: auto` the first time it comes within 200 px of the view.
 * Why not `auto` from the start: Chromium draws a chunk that has just become `auto` (a new
 * one, or one a filter shows again) before it finds it off screen; at 10,000 notes that made
 * the first frame take a second and clearing a search half a second. The observer warms a
 * chunk a frame after it came near; a scroll or a filter warms what is in sight at once,
 * measured (sight.js), and a filter first cools every drawn chunk (`coolAll`).
 */
export class Warmer {
  constructor() {
    this.io = typeof IntersectionObserver === "function"
      ? new IntersectionObserver((entries) => {
        for (const e of entries) {
          if (e.target.classList.contains("sb-chunk")) {
            if (e.isIntersecting) this.warm(e.target);
          } else /** @type {any} */ (e.target)._near = e.isIntersecting;
        }
      }, /** @type {IntersectionObserverInit} */ ({ rootMargin: "200px", scrollMargin: "200px" }))
      : null;
    /** @type {Set<Element>} chunks drawn now */
    this.drawn = new Set();
  }

  /** @param {Element} list  Keep track of whether a column is near the view. */
  watchColumn(list) {
    this.io?.observe(list);
  }

  /** @param {Element} list  Is the column near the view (true until the observer says)? */
  near(list) {
    return /** @type {any} */ (list)._near !== false;
  }

  /** @param {Element} chunk  Skip the chunk's cards until it comes near the view. */
  cool(chunk) {
    this.drawn.delete(chunk);
    chunk.classList.add("sb-cold");
    if (this.io) this.io.observe(chunk); else this.warm(chunk);
  }

  /**
   * Draw the chunk's cards (before focusing one, say), first bringing their `sb-hidden`
   * classes up to date: the filters leave a cold chunk's cards alone (see `drawHidden`).
   * @param {Element | null} chunk
   */
  warm(chunk) {
    if (!chunk || !chunk.classList.contains("sb-cold")) return;
    for (const el of chunk.children) drawHidden(/** @type {CardEl} */ (el));
    chunk.classList.remove("sb-cold");
    this.drawn.add(chunk);
    this.io?.unobserve(chunk);
  }

  /**
   * Cool every drawn chunk but the one holding the focus (a card in a cold chunk cannot
   * keep it), before measuring which to draw (see BoardView.warmSeen). A drawn chunk is laid
   * out with all the cards a filter now shows in it even where it will not be seen: after a
   * search for a rare word left fifty chunks drawn, showing every card again laid out six
   * hundred cards instead of the two hundred in view.
   */
  coolAll() {
    const focus = document.activeElement?.parentElement;
    for (const chunk of [...this.drawn]) if (chunk !== focus) this.cool(chunk);
  }

  /** @param {Element} chunk  Stop watching a chunk that left the page. */
  forget(chunk) {
    this.drawn.delete(chunk);
    this.io?.unobserve(chunk);
  }

  disconnect() {
    this.io?.disconnect();
    this.drawn.clear();
  }
}

/**
 * Make a card's `sb-hidden` class say what the filters decided (`_hidden`). Writing a class
 * costs a style invalidation even where nothing is drawn: at 10,000 cards writing them all
 * was most of a search. So the filters write it only for cards in warm chunks, and a chunk
 * writes its cards' when it warms (a cold or hidden chunk shows none of them anyway).
 * @param {CardEl} el
 */
export function drawHidden(el) {
  if (el._drawnHidden === el._hidden) return;
  el._drawnHidden = el._hidden;
  el.classList.toggle("sb-hidden", el._hidden);
}

/** @param {Element} chunk  Is the chunk drawn (not cold)? */
export function isWarm(chunk) {
  return !chunk.classList.contains("sb-cold");
}

/** @param {Element} chunk */
function first(chunk) {
  return /** @type {CardEl} */ (chunk.firstElementChild);
}

export class Column {
  /**
   * @param {string} tid  the theme id (or "unsorted")
   * @param {HTMLElement} list  the column's `.sb-cards` element (role listbox)
   * @param {Warmer} warmer
   */
  constructor(tid, list, warmer) {
    this.tid = tid;
    this.list = list;
    this.warmer = warmer;
    /** @type {import("./pilewindow.js").PileWindow | null} draws only what is near (the pile) */
    this.window = null;
    /** @type {any} */ (list)._column = this;
    warmer.watchColumn(list);
  }

  newChunk() {
    const chunk = document.createElement("div");
    chunk.className = "sb-chunk";
    chunk.setAttribute("role", "none");
    this.warmer.cool(chunk);
    return chunk;
  }

  /**
   * Draw the first chunks the filters leave shown, enough to fill the column, at once: the
   * observer would only warm them after the next frame, which would show them blank.
   */
  warmTop() {
    if (!this.warmer.near(this.list)) return;
    let shown = 0;
    for (const chunk of this.list.children) {
      if (shown >= CHUNK) return;
      if (/** @type {any} */ (chunk)._shown === 0) continue; // hidden: no card shown
      this.warmer.warm(chunk);
      for (const el of chunk.children) if (!(/** @type {CardEl} */ (el))._hidden) shown++;
    }
  }

  /**
   * Show these cards (already in import order), replacing what the column held.
   * @param {CardEl[]} els
   */
  fill(els) {
    const frag = document.createDocumentFragment();
    for (let i = 0; i < els.length; i += CHUNK) {
      const chunk = this.newChunk();
      for (const el of els.slice(i, i + CHUNK)) {
        el._tid = this.tid;
        chunk.append(el);
      }
      this.refresh(chunk);
      frag.append(chunk);
    }
    for (const chunk of this.list.children) this.warmer.forget(chunk);
    this.list.replaceChildren(frag);
    this.window?.trim();
    this.warmTop();
  }

  /** @returns {CardEl[]} the column's cards, in order */
  cards() {
    const out = [];
    for (const chunk of this.list.children) {
      for (const el of chunk.children) out.push(/** @type {CardEl} */ (el));
    }
    return out;
  }

  /**
   * Put a card in its place by import order (taking it out of any other column first).
   * @param {CardEl} el
   */
  insert(el) {
    const old = /** @type {HTMLElement | null} */ (el.parentElement);
    if (old && old.parentElement === this.list) return; // already here
    if (old) columnOf(old)?.remove(el);
    el._tid = this.tid;
    const chunks = this.list.children;
    if (!chunks.length) {
      const chunk = this.newChunk();
      chunk.append(el);
      this.warmer.warm(chunk);
      this.list.append(chunk);
      this.refresh(chunk);
      return;
    }
    // The last chunk whose first card comes before this one (or the first chunk).
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (first(chunks[mid])._idx <= el._idx) lo = mid; else hi = mid - 1;
    }
    const chunk = chunks[lo];
    const kids = chunk.children;
    let a = 0;
    let b = kids.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (/** @type {CardEl} */ (kids[mid])._idx < el._idx) a = mid + 1; else b = mid;
    }
    chunk.insertBefore(el, kids[a] || null);
    if (isWarm(chunk)) drawHidden(el);
    if (kids.length > 2 * CHUNK) this.split(chunk);
    else this.refresh(/** @type {HTMLElement} */ (chunk));
  }

  /**
   * Take a card out of this column (a chunk left empty goes too).
   * @param {CardEl} el
   */
  remove(el) {
    const chunk = el.parentElement;
    el.remove();
    if (!chunk) return;
    if (!chunk.firstElementChild) {
      this.warmer.forget(chunk);
      chunk.remove();
      this.window?.changed();
    } else this.refresh(chunk);
  }

  /** @param {Element} chunk  Split an overfull chunk in two. */
  split(chunk) {
    const half = this.newChunk();
    const kids = [...chunk.children].slice(CHUNK);
    half.append(...kids);
    chunk.after(half);
    this.window?.split(chunk, half);
    if (!chunk.classList.contains("sb-cold")) this.warmer.warm(half);
    this.refresh(/** @type {HTMLElement} */ (chunk));
    this.refresh(half);
  }

  /**
   * Count a chunk's cards the filters show, and draw it so (see `shownIn`).
   * @param {HTMLElement} chunk
   */
  refresh(chunk) {
    let shown = 0;
    for (let el = chunk.firstElementChild; el; el = el.nextElementSibling) {
      if (!(/** @type {CardEl} */ (el))._hidden) shown++;
    }
    this.shownIn(chunk, shown);
  }

  /**
   * Draw a chunk holding `shown` cards the filters show: hidden whole when none (so no empty
   * space is kept for it), else sized by an estimate until first drawn. The count last
   * drawn is kept on the chunk (`_shown`): a search updates hundreds of chunks, and reading
   * back their `hidden` and inline style, or counting their cards, was most of its script
   * time at 10,000 notes (the filters pass the new count, see Filters.apply).
   * @param {HTMLElement} chunk @param {number} shown
   */
  shownIn(chunk, shown) {
    const c = /** @type {HTMLElement & {_shown?: number}} */ (chunk);
    if (c._shown === shown) return;
    const was = c._shown;
    c._shown = shown;
    this.window?.changed();
    if (!shown) {
      c.hidden = true;
      this.warmer.cool(c); // shown again cold, see Warmer
      return;
    }
    if (was === 0) c.hidden = false;
    // Until a chunk is first drawn its height is this estimate; after, the browser
    // remembers the drawn height.
    c.style.containIntrinsicSize = `auto ${shown * CARD_PX}px`;
  }

  /**
   * The next (or previous) card the filters show, across chunks.
   * @param {CardEl} el @param {1 | -1} step
   * @returns {CardEl | null}
   */
  step(el, step) {
    /** @type {Element} */
    let at = el;
    for (;;) {
      /** @type {Element | null} */
      let sib = step > 0 ? at.nextElementSibling : at.previousElementSibling;
      /** @type {Element | null} */
      let chunk = at.parentElement;
      while (!sib && chunk) {
        chunk = step > 0 ? chunk.nextElementSibling : chunk.previousElementSibling;
        sib = chunk ? (step > 0 ? chunk.firstElementChild : chunk.lastElementChild) : null;
      }
      if (!sib) return null;
      at = sib;
      if (!(/** @type {CardEl} */ (at))._hidden) return /** @type {CardEl} */ (at);
    }
  }

  /** @returns {CardEl | null} the first card the filters show */
  firstShown() {
    for (const chunk of this.list.children) {
      if (/** @type {any} */ (chunk)._shown === 0) continue; // hidden: no card shown
      for (const el of chunk.children) {
        if (!(/** @type {CardEl} */ (el))._hidden) return /** @type {CardEl} */ (el);
      }
    }
    return null;
  }
}

/**
 * The column a card list or chunk belongs to.
 * @param {Element} el  a `.sb-cards` list or one of its chunks
 * @returns {Column | undefined}
 */
export function columnOf(el) {
  const list = el.classList.contains("sb-cards") ? el : el.parentElement;
  return list ? /** @type {any} */ (list)._column : undefined;
}
