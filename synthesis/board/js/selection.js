// @ts-check
// The selection: cards picked with Shift/Ctrl/Cmd-click or Space, moved together by a drag
// or a menu. A selection is of cards, not notes: a note in several themes has a card in each
// column, and the card picked says which column the note leaves when the selection moves.

/** @typedef {import("./cards.js").Cards} Cards */
/** @typedef {import("./types.js").CardEl} CardEl */

export class Selection {
  /** @param {Cards} cards */
  constructor(cards) {
    this.cards = cards;
    /** @type {Map<string, string>} note id -> the column its selected card is in */
    this.picked = new Map();
  }

  get size() {
    return this.picked.size;
  }

  /** @param {string} noteId */
  has(noteId) {
    return this.picked.has(noteId);
  }

  /** @param {string} noteId  The column of the note's selected card (undefined: none). */
  column(noteId) {
    return this.picked.get(noteId);
  }

  /**
   * Select or unselect a note's card in one column (its first card when `col` is not given).
   * @param {string} noteId @param {boolean} on @param {string} [col]
   */
  set(noteId, on, col) {
    if (!this.cards.data.has(noteId)) return;
    const was = this.picked.get(noteId);
    if (was !== undefined) mark(this.cards.in(noteId, was), false);
    this.picked.delete(noteId);
    if (!on) return;
    const where = col ?? this.cards.of(noteId)[0]?._tid;
    if (where === undefined) return;
    this.picked.set(noteId, where);
    mark(this.cards.in(noteId, where), true);
  }

  /** @param {CardEl} card  Is this very card the selected one of its note? */
  holds(card) {
    return this.picked.get(card._note) === card._tid;
  }

  clear() {
    for (const id of [...this.picked.keys()]) this.set(id, false);
  }

  /** Selected note ids in import order. */
  ordered() {
    return this.cards.ordered(this.picked.keys());
  }

  /**
   * The notes an action on this card acts on: the selection when the note is in it.
   * @param {string} noteId
   */
  actingOn(noteId) {
    return this.picked.has(noteId) ? this.ordered() : [noteId];
  }

  /**
   * The column each note leaves: the acted-on card's own, a selected card's column.
   * @param {string[]} ids @param {string} noteId @param {string} col  the acted-on card's
   * @returns {Record<string, string>}
   */
  from(ids, noteId, col) {
    /** @type {Record<string, string>} */
    const out = {};
    for (const n of ids) out[n] = n === noteId ? col : (this.picked.get(n) ?? col);
    return out;
  }

  /** Note id -> its selected card's column, for every selected note. */
  columns() {
    return Object.fromEntries(this.picked);
  }

  /**
   * A card moved to another column (its note left the old one): the selection follows it.
   * @param {CardEl} el @param {string} from
   */
  moved(el, from) {
    if (this.picked.get(el._note) === from) this.picked.set(el._note, el._tid);
  }

  /** @param {CardEl} el  A card left the board: if it was the selected one, nothing is. */
  dropped(el) {
    if (this.picked.get(el._note) === el._tid) this.picked.delete(el._note);
  }
}

/** @param {CardEl | undefined} el @param {boolean} on */
function mark(el, on) {
  if (!el) return;
  el.classList.toggle("sb-selected", on);
  el.setAttribute("aria-selected", on ? "true" : "false");
}
