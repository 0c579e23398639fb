// @ts-check
// Live boards for a team: another researcher's moves arrive as a small "changes" message
// (the moved notes' themes, who moved them), not as the whole board; a note two people
// moved within seconds is marked "moved by both — check"; the header says who else is on
// the board. The kernel's store watcher sends them (synthesis/board/live.py).
//
// The kernel counts a change as shown once it has sent it, and does not send those notes'
// placements again. But a custom message reaches the board at once while a model update
// waits behind the updates before it, so a change could land before an older state that
// then wrote its old placements over it, for good. The changes are kept apart instead
// (`LiveChanges`), over the placements the kernel pushed, until the kernel pushes
// placements at least as new as each.

import { h } from "./dom.js";

export const CHECK = "moved by both — check";

/**
 * @typedef {object} Changes
 * @property {"changes"} type
 * @property {number} seq  the newest event the change brings the board to
 * @property {Record<string, string[]>} placements  note id -> its themes now ([]: unsorted)
 * @property {Record<string, string>} by  note id -> who moved it
 * @property {string[]} check  notes moved by two people within seconds
 */

/**
 * The placements after a change: moved notes take their new themes, unsorted ones leave.
 * Pure, so `node --test` can check it.
 * @param {Record<string, string[]>} placements @param {Record<string, string[]>} moved
 * @returns {Record<string, string[]>}
 */
export function patched(placements, moved) {
  const next = { ...placements };
  for (const [note, themes] of Object.entries(moved)) {
    if (themes.length) next[note] = themes;
    else delete next[note];
  }
  return next;
}

/**
 * Other boards' changes the placements the kernel last pushed do not hold yet. Pure, so
 * `node --test` can check it with messages in any order.
 */
export class LiveChanges {
  constructor() {
    /** @type {Map<string, {themes: string[], seq: number}>} note id -> its newest change */
    this.moved = new Map();
    /** @type {unknown} the placements object the kernel last pushed */
    this.base = undefined;
    this.baseSeq = -1; // the meta.seq pushed with it: it holds every change up to there
  }

  /**
   * The kernel pushed a state: when it holds new placements (a new object, even if equal),
   * they hold every change up to `seq`. Call it while the update's parts are all set (the
   * model's "change" event), not later: a newer update may have set a newer seq by then.
   * @param {unknown} placements  the model's placements now @param {number} seq  its meta.seq
   */
  pushed(placements, seq) {
    if (placements === this.base) return;
    this.base = placements;
    this.baseSeq = seq;
    for (const [n, m] of this.moved) if (m.seq <= seq) this.moved.delete(n);
  }

  /**
   * Keep a "changes" message's moves; returns the notes whose shown place it changes.
   * @param {Pick<Changes, "seq" | "placements">} msg
   * @returns {string[]}
   */
  add(msg) {
    const out = [];
    const seq = msg.seq || 0;
    for (const [n, themes] of Object.entries(msg.placements || {})) {
      if (seq <= this.baseSeq) continue; // the pushed placements hold it already
      const had = this.moved.get(n);
      if (had && had.seq > seq) continue; // a newer change of this note came first
      this.moved.set(n, { themes, seq });
      out.push(n);
    }
    return out;
  }

  /**
   * The placements the board shows: the pushed ones with the changes since on top.
   * @param {Record<string, string[]>} placements
   * @returns {Record<string, string[]>}
   */
  over(placements) {
    if (!this.moved.size) return placements;
    /** @type {Record<string, string[]>} */
    const moved = {};
    for (const [n, m] of this.moved) moved[n] = m.themes;
    return patched(placements, moved);
  }
}

/**
 * Apply a "changes" message: its moves join the view's live changes and the board is drawn
 * again (the moved cards move, as for any state change).
 * @param {{root: HTMLElement, live: LiveChanges, schedule: () => void,
 *   cards: {of: (id: string) => HTMLElement[]}}} view
 * @param {Changes} msg
 */
export function applyChanges(view, msg) {
  if (view.live.add(msg).length) view.schedule();
  for (const note of msg.check || []) {
    for (const el of view.cards.of(note)) {
      el.classList.add("sb-check");
      el.title = CHECK;
      if (!el.querySelector(".sb-check-line")) {
        el.insertBefore(h("p", { class: "sb-check-line" }, CHECK), el.lastChild);
      }
    }
  }
  view.root.dataset.liveSeq = String(msg.seq || 0);
}

/**
 * Show who else has this board open, after the save status ("Also here: bob").
 * @param {HTMLElement} status  the save status element
 * @param {string[] | undefined} others
 */
export function showOthers(status, others) {
  let el = /** @type {HTMLElement | null} */ (status.parentElement?.querySelector(".sb-team"));
  if (!el) {
    el = h("span", { class: "sb-team", "aria-live": "polite" });
    status.after(el);
  }
  const text = others && others.length ? `Also here: ${others.join(", ")}` : "";
  if (el.textContent !== text) el.textContent = text;
}
