// @ts-check
// Draft themes: columns above the themes, each a cluster of unsorted notes the kernel drafted
// offline, with a label from its most distinctive words and its most typical note first.
// A draft lives in the kernel's memory only; it is in no count, report or export until the
// researcher accepts it (one `accept_draft` action: a real theme, one event, undoable).
// Rename, merge and dismiss change the drafts alone and write nothing.

import { editInPlace, h, plural } from "./dom.js";
import { draftNotes, freeLabel } from "./suggestdata.js";

/** @typedef {import("./view.js").BoardView} BoardView */
/** @typedef {import("./suggestdata.js").Draft} Draft */

export class Drafts {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    /** @type {Draft[]} */
    this.drafts = [];
    this.key = "";
    /** @type {string | null} the draft whose name is being edited */
    this.editing = null;
    this.list = h("div", { class: "sb-draft-list", role: "list", "aria-label": "Draft themes" });
    this.el = h("section", { class: "sb-drafts", "aria-label": "Draft themes", hidden: true },
      h("header", { class: "sb-drafts-head" },
        h("h3", { class: "sb-drafts-title" }, "Draft themes"),
        h("p", { class: "sb-drafts-note" }, "Clustered on this machine from the unsorted notes. "
          + "A draft is in no count or report until you accept it."),
        h("button", { type: "button", class: "sb-btn sb-drafts-dismiss-all",
          onclick: () => this.send("dismiss_all", "") }, "Dismiss all")),
      this.list);
    const area = view.parts.themesEl.parentElement;
    if (area) area.before(this.el);
  }

  /** @param {Draft[]} drafts  The kernel's drafts, as last changed. */
  set(drafts) {
    this.drafts = drafts;
    this.key = "";
    this.render();
  }

  /**
   * @param {string} op  "rename", "merge", "dismiss" or "dismiss_all"
   * @param {string} key @param {Record<string, string>} [extra]
   */
  send(op, key, extra = {}) {
    this.view.model.send({ type: "draft", id: this.view.pending.nextId(), op, key, ...extra });
  }

  /** Draw the drafts, each with the notes of it still unsorted (a move since takes one out). */
  render() {
    const v = this.view;
    const unsorted = (/** @type {string} */ n) => v.cards.data.has(n) && v.isUnsorted(n);
    const shown = this.drafts.map((d) => ({ d, notes: draftNotes(d, unsorted) }));
    const key = shown.map(({ d, notes }) => `${d.key}:${d.label}:${notes.join(",")}`).join("|")
      + `|${v.themes.map((t) => t.name).join("|")}`;
    if (key === this.key || this.editing) return;
    this.key = key;
    const hadFocus = this.el.contains(document.activeElement)
      ? /** @type {HTMLElement} */ (document.activeElement).dataset.focusKey : undefined;
    this.el.hidden = !this.drafts.length;
    v.root.dataset.drafts = String(this.drafts.length);
    const taken = new Set(v.themes.map((t) => t.name));
    this.list.replaceChildren(...shown.map(({ d, notes }, i) => this.column(d, notes,
      freeLabel(d.label, taken, i + 1))));
    if (hadFocus) {
      /** @type {HTMLElement | null} */ (this.el.querySelector(`[data-focus-key="${hadFocus}"]`)
        || this.el.querySelector("button"))?.focus();
    }
  }

  /**
   * One draft's column.
   * @param {Draft} d @param {string[]} notes  its notes still unsorted, most typical first
   * @param {string} label  its name as the theme would get it
   */
  column(d, notes, label) {
    const v = this.view;
    const people = new Set(notes.map((n) => v.cards.data.get(n)?.pid).filter(Boolean));
    const name = h("h4", { class: "sb-draft-name", text: label });
    const button = (/** @type {string} */ text, /** @type {string} */ what,
      /** @type {() => void} */ onclick, /** @type {string} */ aria) => h("button", { type: "button",
      class: `sb-btn sb-draft-${what}`, "data-focus-key": `${d.key}-${what}`, "aria-label": aria,
      onclick }, text);
    const accept = button("Accept", "accept", () => {
      v.act({ type: "accept_draft", draft: d.key, name: label, notes }, { notes });
    }, `Accept draft ${label} as a theme with ${plural(notes.length, "note", "notes")}`);
    accept.toggleAttribute("disabled", !notes.length);
    const rename = button("Rename", "rename", () => this.rename(d, name, label), `Rename draft ${label}`);
    const dismiss = button("Dismiss", "dismiss", () => this.send("dismiss", d.key),
      `Dismiss draft ${label}: its notes stay unsorted`);
    const others = this.drafts.filter((o) => o.key !== d.key);
    const merge = h("select", { class: "sb-filter sb-draft-merge", "data-focus-key": `${d.key}-merge`,
      "aria-label": `Merge draft ${label} into another draft` },
    h("option", { value: "" }, "Merge into…"),
    ...others.map((o) => h("option", { value: o.key, text: o.label })));
    merge.hidden = !others.length;
    merge.addEventListener("change", () => {
      if (merge.value) this.send("merge", d.key, { into: merge.value });
    });
    const items = notes.map((n) => {
      const card = v.cards.data.get(n);
      return h("li", { class: `sb-draft-note${n === d.central ? " sb-central" : ""}`,
        "data-note-id-draft": n },
      h("span", { class: "sb-draft-text", text: card ? card.text : n }),
      h("span", { class: "sb-draft-pid",
        text: `${card?.pid || "—"}${n === d.central ? " · most typical" : ""}` }));
    });
    return h("section", { class: "sb-draft", role: "listitem", "data-draft-key": d.key,
      "aria-label": `Draft theme ${label}` },
    h("header", { class: "sb-draft-head" }, name,
      h("p", { class: "sb-draft-count" }, notes.length
        ? `${plural(notes.length, "note", "notes")} · ${plural(people.size, "participant", "participants")}`
        : "every note was placed since")),
    h("div", { class: "sb-row sb-draft-actions" }, accept, rename, merge, dismiss),
    h("ul", { class: "sb-draft-notes", "aria-label": `Notes in draft ${label}` }, ...items));
  }

  /**
   * Edit a draft's name in place (Enter keeps it, Escape cancels); the kernel keeps it.
   * @param {Draft} d @param {HTMLElement} name @param {string} label
   */
  rename(d, name, label) {
    this.editing = d.key;
    editInPlace(name, label, "Draft name", (save, text) => {
      this.editing = null;
      if (save && text && text !== d.label) {
        d.label = text; // shown (and accepted under this name) at once; the kernel keeps it
        this.send("rename", d.key, { label: text });
      }
      this.key = "";
      this.render();
      /** @type {HTMLElement | null} */ (this.el.querySelector(
        `[data-focus-key="${d.key}-rename"]`))?.focus();
    });
  }
}
