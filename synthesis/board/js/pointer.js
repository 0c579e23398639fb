// @ts-check
// The mouse on the board (drags are dragdrop.js): click a card to select it (Shift, Ctrl or
// Cmd adds to the selection), "⤢" to see where it came from, "⋯" for a theme's panel, "+ New
// theme" to start a theme from the selection, "+ Note" to write a note in a column;
// double-click a theme's name to rename it, a card to edit its text (notes.js).

import { UNSORTED } from "./dom.js";

/** @typedef {import("./view.js").BoardView} BoardView */
/** @typedef {import("./types.js").CardEl} CardEl */

export class Pointer {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    view.root.addEventListener("click", (e) => this.onClick(e));
    view.root.addEventListener("dblclick", (e) => this.onDblClick(e));
  }

  /** @param {MouseEvent} e */
  onClick(e) {
    const v = this.view;
    const t = /** @type {HTMLElement} */ (e.target);
    if (!(t instanceof Element)) return;
    if (t.closest(".sb-editor, .sb-composer")) return; // clicks in a note box stay there
    const add = /** @type {HTMLElement | null} */ (t.closest("[data-action='new-note']"));
    if (add) { v.notes.write(add.dataset.themeId || UNSORTED); return; }
    if (t.closest("[data-action='show-aside']")) { v.notes.openAside(); return; }
    const open = t.closest(".sb-open");
    const card = /** @type {CardEl | null} */ (t.closest(".sb-card"));
    if (open && card) { v.drawer.open(card._note, card._tid); return; }
    const actionBtn = /** @type {HTMLElement | null} */ (t.closest("[data-theme-action]"));
    if (actionBtn) {
      v.menus.openPanel(actionBtn.dataset.themeAction || "", actionBtn);
      return;
    }
    const sel = v.selected;
    if (t.closest("[data-drop='new-theme']")) {
      v.createTheme(sel.ordered(), { from: sel.columns() });
      return;
    }
    if (!card) return;
    const mine = sel.holds(card);
    if (e.shiftKey || e.ctrlKey || e.metaKey) sel.set(card._note, !mine, card._tid);
    else {
      const only = sel.size === 1 && mine;
      sel.clear();
      if (!only) sel.set(card._note, true, card._tid);
    }
  }

  /** @param {MouseEvent} e */
  onDblClick(e) {
    const v = this.view;
    const t = e.target;
    if (!(t instanceof Element)) return;
    const name = t.closest(".sb-theme-name");
    const section = /** @type {HTMLElement | null} */ (t.closest("[data-theme-id]"));
    if (name && section && section.dataset.themeId !== UNSORTED) {
      v.menus.startRename(section.dataset.themeId || "");
      return;
    }
    if (t.closest(".sb-editor, .sb-add-note, .sb-open")) return;
    const card = /** @type {CardEl | null} */ (t.closest(".sb-card"));
    if (card) v.notes.edit(card);
  }
}
