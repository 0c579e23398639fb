// @ts-check
// Card elements: made from one template, and found by note. A note has one card per column
// it shows in (a note in several themes has a copy in each; `of()` returns them all).

import { h } from "./dom.js";

/** @typedef {import("./types.js").Card} Card */
/** @typedef {import("./types.js").CardEl} CardEl */
/** @typedef {import("./types.js").People} People */

export class Cards {
  /** @param {string} hintId  id of the hidden text explaining a card's keys */
  constructor(hintId) {
    this.hintId = hintId;
    /** @type {HTMLElement | null} */
    this.template = null;
    /** @type {Map<string, Card>} note id -> card data */
    this.data = new Map();
    /** @type {Map<string, number>} note id -> import order */
    this.index = new Map();
    /** @type {Map<string, CardEl[]>} note id -> its card elements */
    this.byNote = new Map();
    /** @type {CardEl[]} every card element (a flat list: filters walk it at every key) */
    this.els = [];
  }

  /** Number of notes on the board. */
  get size() {
    return this.data.size;
  }

  /**
   * Forget every card and make one element per note (not yet in a column).
   * @param {Card[]} cards @param {People} people
   * @returns {CardEl[]} the elements, in import order
   */
  reset(cards, people) {
    this.data.clear();
    this.index.clear();
    this.byNote.clear();
    /** @type {CardEl[]} */
    const out = [];
    this.els = out;
    for (let i = 0; i < cards.length; i++) {
      const card = cards[i];
      this.data.set(card.id, card);
      this.index.set(card.id, i);
      const el = this.make(card, i, people);
      el._at = i;
      this.byNote.set(card.id, [el]);
      out.push(el);
    }
    return out;
  }

  /**
   * One card element. Cloning a template is several times faster than building each card
   * from scratch, which is most of the render time at thousands of notes.
   * @param {Card} card @param {number} i  import order @param {People} people
   * @returns {CardEl}
   */
  make(card, i, people) {
    if (!this.template) {
      this.template = h("div", { class: "sb-card", tabindex: "0", draggable: "true",
        role: "option", "aria-selected": "false", "aria-describedby": this.hintId },
      h("p", { class: "sb-text" }),
      h("div", { class: "sb-meta" }, h("span", { class: "sb-pid" }),
        h("button", { class: "sb-open", type: "button", tabindex: "-1",
          "aria-label": "Where this note came from", title: "Where this note came from" },
        "⤢")));
    }
    const el = /** @type {CardEl} */ (this.template.cloneNode(true));
    el.setAttribute("data-note-id", card.id);
    /** @type {HTMLElement} */ (el.firstChild).textContent = card.text;
    const meta = /** @type {HTMLElement} */ (el.lastChild);
    /** @type {HTMLElement} */ (meta.firstChild).textContent = card.pid || "—";
    if (card.edited) { // changed by hand since it was imported or written
      meta.insertBefore(h("span", { class: "sb-edited", title: "Edited on the board; the "
        + "words before are in the study's event log" }, "edited"), meta.lastChild);
    }
    const seg = card.pid ? (people[card.pid] || {}).segment : undefined;
    if (seg) {
      const chip = document.createElement("span");
      chip.className = "sb-seg";
      chip.textContent = seg;
      meta.insertBefore(chip, meta.lastChild);
    }
    el._note = card.id;
    el._card = card;
    el._tid = "";
    el._idx = i;
    el._search = `${card.text}\n${card.pid || ""}`.toLowerCase();
    el._hidden = false;
    el._drawnHidden = false;
    el._extra = false;
    el._at = -1;
    return el;
  }

  /**
   * One more card for a note, copied from one of its cards (not yet in a column): the note
   * shows in one more theme.
   * @param {CardEl} model
   * @returns {CardEl}
   */
  copy(model) {
    const el = /** @type {CardEl} */ (model.cloneNode(true));
    el.classList.remove("sb-selected", "sb-dragging");
    el.setAttribute("aria-selected", "false");
    el._note = model._note;
    el._card = model._card;
    el._tid = "";
    el._idx = model._idx;
    el._search = model._search;
    el._hidden = model._hidden;
    el._drawnHidden = model._drawnHidden; // the class came with the clone
    el._extra = true; // a note counts once: filters count the first card only
    el._at = this.els.length;
    this.els.push(el);
    /** @type {CardEl[]} */ (this.byNote.get(el._note)).push(el);
    return el;
  }

  /**
   * Forget a card the note no longer shows (it left a theme and has cards elsewhere).
   * @param {CardEl} el
   */
  drop(el) {
    const last = /** @type {CardEl} */ (this.els.pop());
    if (last !== el) { // fill its slot with the last card: filters do not mind the order
      this.els[el._at] = last;
      last._at = el._at;
    }
    el._at = -1;
    const mine = this.byNote.get(el._note) || [];
    mine.splice(mine.indexOf(el), 1);
    mine.forEach((c, i) => { c._extra = i > 0; });
  }

  /**
   * The card elements of a note (empty when the note is not on the board).
   * @param {string} noteId
   * @returns {CardEl[]}
   */
  of(noteId) {
    return this.byNote.get(noteId) || [];
  }

  /**
   * A note's card in one column (undefined when it does not show there).
   * @param {string} noteId @param {string | undefined} tid
   */
  in(noteId, tid) {
    return this.of(noteId).find((el) => el._tid === tid);
  }

  /** Every card element. */
  all() {
    return this.els;
  }

  /**
   * Note ids in import order (how a selection is moved and listed).
   * @param {Iterable<string>} ids
   */
  ordered(ids) {
    const index = this.index;
    return [...ids].filter((n) => index.has(n))
      .sort((a, b) => /** @type {number} */ (index.get(a)) - /** @type {number} */ (index.get(b)));
  }
}
