// @ts-check
// Drag and drop with the browser's own (HTML5) drag events, which JupyterLab and Notebook 7
// leave to the page: notes onto a theme, onto "new theme", or onto another unsorted note
// (a theme of two); a theme's header onto another theme merges them. A dragged card leaves
// the column it was dragged from (a note's other themes stay); with Alt/Option held at the
// drop it leaves nothing: the note is added to the target.

import { closest, UNSORTED } from "./dom.js";

/** @typedef {import("./view.js").BoardView} BoardView */
/** @typedef {import("./types.js").CardEl} CardEl */
/**
 * @typedef {{el: HTMLElement, kind: "new"} | {el: HTMLElement, kind: "pair", note: string}
 *   | {el: HTMLElement, kind: "move" | "merge", theme: string}} Target
 */

const MIME_NOTES = "application/x-synthesis-notes";
const MIME_THEME = "application/x-synthesis-theme";

export class DragDrop {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    /** @type {{notes: string[], from: Record<string, string>} | {theme: string} | null} */
    this.drag = null;
    /** @type {HTMLElement | null} */
    this.overEl = null;
    /** @type {HTMLElement[]} what shows as being dragged */
    this.dragging = [];
    const r = view.root;
    r.addEventListener("dragstart", (e) => this.onDragStart(e));
    r.addEventListener("dragover", (e) => this.onDragOver(e));
    r.addEventListener("drop", (e) => this.onDrop(e));
    r.addEventListener("dragend", () => this.clear());
  }

  /** @param {DragEvent} e */
  onDragStart(e) {
    const v = this.view;
    v.suggestions.busy();
    const dt = e.dataTransfer;
    const head = closest(e.target, "[data-theme-head]");
    if (head && !closest(e.target, ".sb-card")) {
      const tid = head.dataset.themeHead || "";
      this.drag = { theme: tid };
      dt?.setData(MIME_THEME, tid);
      dt?.setData("text/plain", `theme:${tid}`);
      if (dt) dt.effectAllowed = "move";
      const section = /** @type {HTMLElement | null} */ (head.closest(".sb-theme"));
      if (section) this.show([section]);
      return;
    }
    const card = /** @type {CardEl | null} */ (closest(e.target, ".sb-card"));
    if (!card) return;
    const ids = v.selected.actingOn(card._note);
    const from = v.selected.from(ids, card._note, card._tid);
    this.drag = { notes: ids, from };
    dt?.setData(MIME_NOTES, JSON.stringify(ids));
    dt?.setData("text/plain", ids.join(" "));
    if (dt) dt.effectAllowed = "copyMove"; // Alt/Option: add, keeping the other themes
    this.show(ids.flatMap((n) => v.cards.in(n, from[n]) || []));
  }

  /** @param {HTMLElement[]} els */
  show(els) {
    this.dragging = els;
    for (const el of els) el.classList.add("sb-dragging");
  }

  /**
   * What the pointer is over, if the drag can be dropped there.
   * @param {DragEvent} e
   * @returns {Target | null}
   */
  target(e) {
    const drag = this.drag;
    if (!drag) return null;
    const t = closest(e.target, "*");
    if (!t) return null;
    const sec = /** @type {HTMLElement | null} */ (t.closest("[data-theme-id]"));
    if ("notes" in drag) {
      const zone = /** @type {HTMLElement | null} */ (t.closest("[data-drop='new-theme']"));
      if (zone) return { el: zone, kind: "new" };
      const card = /** @type {CardEl | null} */ (t.closest(".sb-card"));
      const v = this.view;
      if (card && card._tid === UNSORTED && !drag.notes.includes(card._note)
        && drag.notes.every((n) => v.isUnsorted(n))) {
        return { el: card, kind: "pair", note: card._note };
      }
      if (sec) return { el: sec, kind: "move", theme: sec.dataset.themeId || UNSORTED };
      return null;
    }
    const tid = sec?.dataset.themeId;
    if (sec && tid && tid !== UNSORTED && tid !== drag.theme) return { el: sec, kind: "merge", theme: tid };
    return null;
  }

  /** @param {DragEvent} e */
  onDragOver(e) {
    const target = this.target(e);
    if (!target) return;
    e.preventDefault(); // without this the browser refuses the drop
    const adds = e.altKey && (target.kind === "new"
      || (target.kind === "move" && target.theme !== UNSORTED));
    if (e.dataTransfer) e.dataTransfer.dropEffect = adds ? "copy" : "move";
    if (this.overEl !== target.el) {
      this.overEl?.classList.remove("sb-over");
      this.overEl = target.el;
      target.el.classList.add("sb-over");
    }
  }

  /** @param {DragEvent} e */
  onDrop(e) {
    const target = this.target(e);
    const drag = this.drag;
    this.clear();
    if (!target || !drag) return;
    e.preventDefault();
    const v = this.view;
    if (target.kind === "merge" && "theme" in drag) {
      v.act({ type: "merge", source: drag.theme, target: target.theme }, { theme: drag.theme });
      return;
    }
    if (!("notes" in drag)) return;
    const how = { from: drag.from, add: e.altKey };
    if (target.kind === "new") v.createTheme(drag.notes, how);
    else if (target.kind === "pair") v.createTheme([target.note, ...drag.notes]);
    else if (target.kind === "move") v.moveNotes(drag.notes, target.theme, how);
  }

  clear() {
    this.drag = null;
    this.overEl?.classList.remove("sb-over");
    this.overEl = null;
    for (const el of this.dragging) el.classList.remove("sb-dragging");
    this.dragging = [];
  }
}
