// @ts-check
// "Similar notes": for a card (S, or its ≈ button) or a theme (S on its name, or its panel),
// the round's unsorted notes most like it, computed offline by the kernel, in a panel. The
// researcher ticks the ones that belong and moves them in together (one move, one event),
// or selects them on the board to drag them.

import { closeButton, h, panel, plural, UNSORTED } from "./dom.js";
import { percent, topTheme } from "./suggestdata.js";

/** @typedef {import("./view.js").BoardView} BoardView */
/** @typedef {import("./suggestions.js").Suggestions} Suggestions */

/**
 * @typedef {object} SimilarReply  The kernel's `similar` message.
 * @property {string} id
 * @property {boolean} ok
 * @property {string} [error]
 * @property {string} [note]
 * @property {string} [theme]
 * @property {[string, number][]} [notes]  note id, similarity (0..1), best first
 */

export class Similar {
  /** @param {BoardView} view @param {Suggestions} suggestions */
  constructor(view, suggestions) {
    this.view = view;
    this.suggestions = suggestions;
    /** @type {{id: string, note?: string, theme?: string, anchor: HTMLElement} | null} */
    this.asked = null;
    this.el = panel("sb-similar", "Similar notes", () => this.close());
    view.root.append(this.el);
  }

  /**
   * Ask for the notes like a note or a theme, and open the panel.
   * @param {{note?: string, theme?: string}} what @param {HTMLElement} anchor  focused again on close
   */
  open(what, anchor) {
    const v = this.view;
    const id = `${v.pending.nextId()}-sim`;
    this.asked = { id, ...what, anchor };
    this.el.replaceChildren(this.closeButton(), this.title(),
      h("p", { class: "sb-muted" }, "Looking for similar notes…"));
    this.el.hidden = false;
    v.root.dataset.similar = "busy";
    /** @type {HTMLElement} */ (this.el.querySelector("button")).focus();
    v.model.send({ type: "similar", id, ...what });
  }

  title() {
    const a = this.asked;
    const v = this.view;
    if (a?.theme) {
      return h("h3", { class: "sb-drawer-title", text: `Unsorted notes like ${v.nameOf(a.theme) || "this theme"}` });
    }
    const card = a?.note ? v.cards.data.get(a.note) : undefined;
    return h("div", {}, h("h3", { class: "sb-drawer-title" }, "Unsorted notes like this one"),
      h("blockquote", { class: "sb-drawer-note", text: card ? card.text : "" }));
  }

  closeButton() {
    return closeButton(() => this.close());
  }

  close() {
    this.el.hidden = true;
    const anchor = this.asked?.anchor;
    if (anchor?.isConnected) this.view.focusCard(anchor);
    else if (this.asked?.note) this.view.focusNote(this.asked.note);
  }

  /** @param {SimilarReply} msg  Fill the panel with the kernel's answer. */
  show(msg) {
    const a = this.asked;
    if (!a || a.id !== msg.id) return;
    const v = this.view;
    v.root.dataset.similar = msg.ok ? "ready" : "failed";
    const parts = [this.closeButton(), this.title()];
    if (!msg.ok) {
      this.el.replaceChildren(...parts, h("p", { class: "sb-error", text: msg.error }));
      return;
    }
    // Only notes still unsorted on this board (a move may have placed one since).
    const found = (msg.notes || []).filter(([n]) => v.cards.data.has(n) && v.isUnsorted(n));
    /** @type {[string, number | null][]} */
    const rows = found;
    if (a.note && v.isUnsorted(a.note)) rows.unshift([a.note, null]); // moved in with them
    const boxes = rows.map(([n, score]) => {
      const card = v.cards.data.get(n);
      const box = h("input", { type: "checkbox", class: "sb-similar-check", "data-note": n });
      box.checked = score === null; // the researcher ticks the ones that belong, not the model
      return h("li", { class: "sb-similar-item" }, h("label", {}, box,
        h("span", { class: "sb-similar-text", text: card ? card.text : n }),
        h("span", { class: "sb-similar-meta",
          text: `${card?.pid || "—"} · ${score === null ? "this note" : `${percent(score)} alike`}` })));
    });
    if (!found.length) {
      this.el.replaceChildren(...parts, h("p", { class: "sb-muted" },
        "No unsorted note in this round is like it."));
      return;
    }
    const checked = () => [...this.el.querySelectorAll(".sb-similar-check")]
      .filter((b) => /** @type {HTMLInputElement} */ (b).checked)
      .map((b) => /** @type {string} */ (/** @type {HTMLElement} */ (b).dataset.note));
    const target = h("select", { class: "sb-filter sb-similar-target", "aria-label": "Move the ticked notes to" },
      ...v.themes.map((t) => h("option", { value: t.id, text: t.name })));
    target.value = this.defaultTarget();
    const move = h("button", { type: "button", class: "sb-btn sb-similar-move", onclick: () => {
      const ids = checked();
      if (!ids.length || !target.value) return;
      v.moveNotes(ids, target.value, { from: Object.fromEntries(ids.map((n) => [n, UNSORTED])) });
      this.close();
    } }, "Move ticked");
    const select = h("button", { type: "button", class: "sb-btn sb-similar-select", onclick: () => {
      const ids = checked();
      v.selected.clear();
      for (const n of ids) v.selected.set(n, true, UNSORTED);
      this.el.hidden = true;
      v.focusNote(ids[0], UNSORTED);
    } }, "Select on the board");
    this.el.replaceChildren(...parts,
      h("p", { class: "sb-muted" }, `${plural(found.length, "note", "notes")}, most alike first `
        + "(computed on this machine). Tick the ones that belong together."),
      h("ul", { class: "sb-similar-list" }, ...boxes),
      h("div", { class: "sb-row sb-similar-actions" },
        h("label", { class: "sb-field sb-inline" }, "Move to ", target), move, select));
    /** @type {HTMLElement | null} */ (this.el.querySelector(
      ".sb-similar-check:not(:checked)") || this.el.querySelector(".sb-similar-check"))?.focus();
  }

  /** The theme the ticked notes most likely go to: the asked theme, the note's, or its top suggestion. */
  defaultTarget() {
    const a = this.asked;
    const v = this.view;
    if (!a) return "";
    if (a.theme) return a.theme;
    if (!a.note) return "";
    const cols = v.shownColumns(a.note);
    if (cols[0] !== UNSORTED) return cols[0];
    const top = topTheme(this.suggestions.suggested, a.note);
    return top && v.onBoard(top) ? top : (v.themes[0]?.id || "");
  }
}
