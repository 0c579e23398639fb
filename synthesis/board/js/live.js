// @ts-check
// Live boards for a team: another researcher's moves arrive as a small "changes" message
// (the moved notes' themes, who moved them), not as the whole board; a note two people
// moved within seconds is marked "moved by both — check"; the header says who else is on
// the board. The kernel's store watcher sends them (synthesis/board/live.py).

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
 * Apply a "changes" message: the model's placements are set locally (the kernel holds the
 * same already), which redraws the moved cards as any state change does.
 * @param {{model: import("./types.js").Model, root: HTMLElement,
 *   cards: {of: (id: string) => HTMLElement[]}}} view
 * @param {Changes} msg
 */
export function applyChanges(view, msg) {
  if (Object.keys(msg.placements || {}).length) {
    view.model.set("placements", patched(view.model.get("placements") || {}, msg.placements));
  }
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
