// @ts-check
// The board without a mouse: focus a card, then M or Enter (move it out of this column into
// another), A ("also add to": one more theme), Space (select), O (where it came from), E
// (expand), F2 (edit its text), N (write a new note in this column), Shift+Delete (set it
// aside), Delete (out of this column's theme: unsorted once in none), arrows (other
// cards), 1-3 (accept a suggested theme) and S (similar notes; on a theme's name too);
// Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) undo and redo.

import { columnOf } from "./columns.js";
import { isTextInput, UNSORTED } from "./dom.js";

/** @typedef {import("./view.js").BoardView} BoardView */
/** @typedef {import("./types.js").CardEl} CardEl */

export class Keyboard {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    view.root.addEventListener("keydown", (e) => this.onKey(e));
  }

  /** @param {KeyboardEvent} e */
  onKey(e) {
    const v = this.view;
    const target = e.target instanceof HTMLElement ? e.target : null;
    if (!target) return;
    const mod = e.ctrlKey || e.metaKey;
    if (v.menus.menuOpen && v.parts.menu.contains(target)) return; // the menu handles its keys
    if (mod && (e.key === "z" || e.key === "Z" || e.key === "y") && !isTextInput(target)) {
      e.preventDefault();
      e.stopPropagation();
      v.act({ type: (e.shiftKey || e.key === "y") ? "redo" : "undo" });
      return;
    }
    if (e.key === "Escape") {
      if (!v.parts.drawer.hidden) { v.drawer.close(); e.preventDefault(); return; }
      if (!v.parts.panel.hidden) { v.menus.closePanel(); e.preventDefault(); return; }
      v.selected.clear();
      return;
    }
    if (isTextInput(target)) return;
    const name = target.closest(".sb-theme-name");
    if (name && (e.key === "F2" || e.key === "Enter")) {
      const sec = /** @type {HTMLElement | null} */ (name.closest("[data-theme-id]"));
      const tid = sec?.dataset.themeId;
      if (tid && tid !== UNSORTED) { e.preventDefault(); v.menus.startRename(tid); }
      return;
    }
    if (name && (e.key === "s" || e.key === "S") && !mod) {
      const tid = /** @type {HTMLElement | null} */ (name.closest("[data-theme-id]"))?.dataset.themeId;
      if (tid && tid !== UNSORTED && v.suggestions.on) {
        e.preventDefault();
        v.suggestions.similar.open({ theme: tid }, /** @type {HTMLElement} */ (name));
      }
      return;
    }
    if (target === v.parts.newZone && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      v.createTheme(v.selected.ordered(), { from: v.selected.columns() });
      return;
    }
    const card = /** @type {CardEl | null} */ (target.closest(".sb-card"));
    if ((e.key === "n" || e.key === "N") && !mod && !e.altKey) { // a new note in this column
      const sec = /** @type {HTMLElement | null} */ (target.closest("[data-theme-id]"));
      e.preventDefault();
      v.notes.write(card ? card._tid : sec?.dataset.themeId || UNSORTED);
      return;
    }
    if (!card || mod) return;
    const id = card._note;
    const key = e.key;
    if (key === "m" || key === "M" || key === "Enter") { e.preventDefault(); v.menus.openMenu(card); }
    else if (key === "a" || key === "A") { e.preventDefault(); v.menus.openMenu(card, true); }
    else if (key === " ") {
      e.preventDefault();
      v.selected.set(id, !v.selected.holds(card), card._tid);
    } else if (key === "o" || key === "O") { e.preventDefault(); v.drawer.open(id, card._tid); }
    else if (key === "e" || key === "E") { e.preventDefault(); card.classList.toggle("sb-expanded"); }
    else if (key === "F2") { e.preventDefault(); v.notes.edit(card); }
    else if ((key === "Delete" || key === "Backspace") && e.shiftKey) {
      e.preventDefault();
      v.notes.setAside(v.selected.actingOn(id));
    } else if (key === "Delete" || key === "Backspace") {
      e.preventDefault();
      const ids = v.selected.actingOn(id);
      v.moveNotes(ids, UNSORTED, { from: v.selected.from(ids, id, card._tid) });
      // Out of its last theme the card moved to the pile; out of one of several it is gone,
      // and the note's next card takes the focus.
      if (card.isConnected) v.focusCard(card); else v.focusNote(id);
    } else if (key.startsWith("Arrow")) { e.preventDefault(); this.focusNext(card, key); }
    else if (v.suggestions.onKey(card, key)) e.preventDefault();
  }

  /**
   * Focus the card above or below, or the first shown card of the column to the side.
   * @param {CardEl} card @param {string} key
   */
  focusNext(card, key) {
    const column = card.parentElement && columnOf(card.parentElement);
    if (!column) return;
    /** @type {CardEl | null} */
    let next = null;
    if (key === "ArrowDown" || key === "ArrowUp") next = column.step(card, key === "ArrowDown" ? 1 : -1);
    else {
      const lists = [...this.view.root.querySelectorAll(".sb-cards")];
      const step = key === "ArrowRight" ? 1 : -1;
      for (let i = lists.indexOf(column.list) + step; i >= 0 && i < lists.length && !next; i += step) {
        next = columnOf(lists[i])?.firstShown() || null;
      }
    }
    this.view.focusCard(next);
  }
}
