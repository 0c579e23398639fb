// @ts-check
// Where a note's cards are: one card per column the note shows in (placing.js decides
// which), made when the cards arrive, moved, copied or dropped when the note's place
// changes, and each marked "also in …" with the note's other columns.

import { h } from "./dom.js";
import { alsoIn } from "./placing.js";

/** @typedef {import("./view.js").BoardView} BoardView */
/** @typedef {import("./types.js").CardEl} CardEl */

export class CardPlaces {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    /** @type {Set<string>} notes whose cards say "also in …" */
    this.labelled = new Set();
    this.namesKey = "";
  }

  /** @param {import("./types.js").Card[]} cards  Make every card and fill the columns. */
  build(cards) {
    const v = this.view;
    v.selected.picked.clear();
    this.labelled.clear();
    /** @type {Map<string, CardEl[]>} */
    const into = new Map();
    const put = (/** @type {string} */ tid, /** @type {CardEl} */ el) => {
      const list = into.get(tid);
      if (list) list.push(el); else into.set(tid, [el]);
    };
    const made = v.cards.reset(cards, v.people);
    for (let i = 0, n = made.length; i < n; i++) { // copies join the list: not walked here
      const el = made[i];
      if (v.pending.holds(el._note)) el.classList.add("sb-pending");
      const cols = v.shownColumns(el._note);
      put(cols[0], el);
      for (let i = 1; i < cols.length; i++) put(cols[i], v.cards.copy(el));
      if (cols.length > 1) this.labelled.add(el._note);
    }
    for (const [tid, column] of v.columns) column.fill(into.get(tid) || []);
    for (const n of this.labelled) this.label(n);
  }

  /**
   * Make a note's cards match the columns it shows in now: a card whose column it left
   * moves to a column it joined (a moved card keeps its selection and can keep focus), a
   * copy is made for any further column, and the cards left over go.
   * @param {string} noteId
   */
  place(noteId) {
    const v = this.view;
    const want = v.shownColumns(noteId);
    const els = v.cards.of(noteId);
    if (!els.length) return;
    if (els.length === 1 && want.length === 1) { // the common case: one card, one column
      if (els[0]._tid !== want[0]) this.move(els[0], want[0]);
      if (this.labelled.has(noteId)) this.label(noteId);
      return;
    }
    const spare = els.filter((el) => !want.includes(el._tid));
    const model = els[0];
    for (const tid of want) {
      if (els.some((el) => el._tid === tid)) continue;
      const el = spare.shift();
      if (el) this.move(el, tid);
      else (v.columns.get(tid) || v.pile).insert(v.cards.copy(model));
    }
    for (const el of spare) {
      v.columns.get(el._tid)?.remove(el);
      v.selected.dropped(el);
      v.cards.drop(el);
    }
    this.label(noteId);
  }

  /** @param {CardEl} el @param {string} tid  Move a card to another column. */
  move(el, tid) {
    const from = el._tid;
    (this.view.columns.get(tid) || this.view.pile).insert(el);
    this.view.selected.moved(el, from);
  }

  /** A rename (or merge) reaches the "also in" line of every card that has one. */
  relabel() {
    const names = this.view.themes.map((t) => `${t.id}:${t.name}`).join("\n");
    if (names === this.namesKey) return;
    this.namesKey = names;
    for (const n of [...this.labelled]) this.label(n);
  }

  /** @param {string} noteId  Write (or take away) the "also in …" line on a note's cards. */
  label(noteId) {
    const v = this.view;
    const els = v.cards.of(noteId);
    const rank = (/** @type {string} */ t) => v.rank.get(t) ?? -1;
    const cols = els.map((el) => el._tid).sort((a, b) => rank(a) - rank(b)); // board order
    let any = false;
    for (const el of els) {
      const text = alsoIn(cols, el._tid, v.nameOf);
      let line = /** @type {HTMLElement | null} */ (el.querySelector(".sb-also"));
      if (!text) {
        if (line) { line.remove(); el.removeAttribute("aria-description"); }
        continue;
      }
      any = true;
      if (!line) {
        line = h("p", { class: "sb-also" });
        el.insertBefore(line, el.lastChild); // between the text and the participant line
      }
      if (line.textContent !== text) line.textContent = text;
      el.setAttribute("aria-description", text);
    }
    if (any) this.labelled.add(noteId); else this.labelled.delete(noteId);
  }
}
