// @ts-check
// Compare mode: the notes two researchers' sorts place differently, one at a time, with each
// researcher's choice; settling one writes the consensus placement on the shared board (one
// undoable event, done by the kernel) and the progress says "3 of 9 disagreements settled".
// Offered only on the shared board of a round that has a researcher's own sort (a private
// sort's board stays blind). Every text is set as text.

import { closeButton, h, panel } from "./dom.js";

/** @typedef {import("./view.js").BoardView} BoardView */

/**
 * @typedef {object} Item  One disagreement, as the kernel's `compare` message sends it.
 * @property {string} note
 * @property {string} text
 * @property {{sort: string, themes: string[]}[]} choices
 * @property {string[]} board
 * @property {boolean} settled
 * @property {string[] | null} consensus
 */

/**
 * Where to go after settling item `at`: the next unsettled one after it, else before it.
 * @param {{settled: boolean}[]} queue @param {number} at
 * @returns {number}
 */
export function nextOpen(queue, at) {
  for (let i = at + 1; i < queue.length; i++) if (!queue[i].settled) return i;
  for (let i = 0; i < at; i++) if (!queue[i].settled) return i;
  return Math.min(at, Math.max(queue.length - 1, 0));
}

/** @param {string[]} themes */
export function themesText(themes) {
  return themes.length ? themes.join("; ") : "unsorted";
}

export class Compare {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    /** @type {Item[]} */
    this.queue = [];
    /** @type {string[]} */
    this.sorts = [];
    this.at = 0;
    this.asked = "";
    this.button = h("button", { type: "button", class: "sb-btn sb-compare-btn", hidden: true,
      title: "Compare the researchers' own sorts of this round and settle where they differ" },
    "⇄ Compare sorts");
    this.el = panel("sb-compare", "Compare sorts", () => this.close());
    this.button.addEventListener("click", () => this.open());
    view.parts.undoBtn.before(this.button);
    view.root.append(this.el);
  }

  /** @param {string[] | undefined} sorts  the round's sorts (meta.sorts) */
  offer(sorts) {
    this.available = sorts || [];
    this.button.hidden = this.available.length < 2;
  }

  /** @param {string[]} [sorts]  ask the kernel for the disagreements and open the panel */
  open(sorts) {
    this.el.hidden = false;
    this.view.root.dataset.compare = "busy";
    if (!this.queue.length) {
      this.el.replaceChildren(this.closeButton(), h("p", { class: "sb-muted" },
        "Finding the notes the sorts place differently…"));
    }
    this.send({ type: "compare", sorts: sorts || this.sorts });
  }

  /** @param {Record<string, any>} msg */
  send(msg) {
    const id = `${this.view.pending.nextId()}-cmp`;
    this.asked = id;
    this.view.model.send({ id, ...msg });
  }

  close() {
    this.el.hidden = true;
    this.button.focus();
  }

  closeButton() {
    return closeButton(() => this.close());
  }

  /** @param {any} msg  the kernel's `compare` message @returns {boolean} whether it was one */
  onMessage(msg) {
    if (msg.type !== "compare") return false;
    if (msg.id !== this.asked) return true; // an older answer
    const root = this.view.root;
    if (!msg.ok) {
      root.dataset.compare = "failed";
      this.el.replaceChildren(this.closeButton(), h("p", { class: "sb-error", text: msg.error }));
      return true;
    }
    const settledNote = msg.seq !== undefined ? this.queue[this.at]?.note : undefined;
    this.sorts = msg.sorts || [];
    this.queue = msg.queue || [];
    this.progress = msg.progress || "";
    if (settledNote !== undefined) {
      const i = this.queue.findIndex((q) => q.note === settledNote);
      this.at = nextOpen(this.queue, i < 0 ? this.at : i);
    } else {
      this.at = Math.min(this.at, Math.max(this.queue.length - 1, 0));
      if (this.queue[this.at]?.settled) this.at = nextOpen(this.queue, this.at);
    }
    root.dataset.compare = "ready";
    if (msg.seq !== undefined) this.view.setStatus("saved", "Saved");
    this.draw();
    return true;
  }

  /** After an undo or redo the settled notes may have changed: ask again if open. */
  refresh() {
    if (!this.el.hidden && this.sorts.length) this.send({ type: "compare", sorts: this.sorts });
  }

  draw() {
    const parts = [this.closeButton(),
      h("h3", { class: "sb-drawer-title", text: `Compare: ${this.sorts.join(" and ")}` }),
      h("p", { class: "sb-compare-progress", "data-compare-progress": "", text: this.progress })];
    const item = this.queue[this.at];
    if (!item) {
      this.el.replaceChildren(...parts, h("p", { class: "sb-muted" },
        "These sorts place every note alike: nothing to settle."));
      return;
    }
    const choices = item.choices.map((c) => h("button", { type: "button",
      class: "sb-btn sb-compare-choice", "data-sort": c.sort,
      "aria-pressed": String(!!item.consensus && themesText(item.consensus) === themesText(c.themes)),
      onclick: () => this.settle(item, c.themes) },
    h("span", { class: "sb-compare-who", text: `${c.sort}: ` }),
    h("span", { class: "sb-compare-themes", text: themesText(c.themes) })));
    const state = item.settled
      ? `Settled: ${themesText(item.consensus || [])} (on the shared board; undo takes it back).`
      : `On the shared board now: ${themesText(item.board)}.`;
    const nav = h("div", { class: "sb-row sb-compare-nav" },
      h("button", { type: "button", class: "sb-btn sb-compare-prev", disabled: this.at === 0,
        onclick: () => { this.at -= 1; this.draw(); } }, "← Previous"),
      h("span", { class: "sb-muted", text: `${this.at + 1} of ${this.queue.length}` }),
      h("button", { type: "button", class: "sb-btn sb-compare-next",
        disabled: this.at >= this.queue.length - 1,
        onclick: () => { this.at += 1; this.draw(); } }, "Next →"),
      // the board's own undo (the toolbar's button sits under this panel)
      h("button", { type: "button", class: "sb-btn sb-compare-undo",
        disabled: !this.view.meta.can_undo, title: "Undo your last change (Ctrl+Z)",
        onclick: () => this.view.act({ type: "undo" }) }, "↶ Undo"));
    this.el.replaceChildren(...parts,
      h("blockquote", { class: "sb-drawer-note sb-compare-note", "data-note": item.note,
        text: item.text }),
      h("p", { class: item.settled ? "sb-compare-state sb-settled" : "sb-compare-state",
        text: state }),
      h("p", { class: "sb-muted" }, "Settle it as:"),
      h("div", { class: "sb-compare-choices" }, ...choices), nav);
    /** @type {HTMLElement | null} */ (this.el.querySelector(".sb-compare-choice"))?.focus();
  }

  /** @param {Item} item @param {string[]} themes */
  settle(item, themes) {
    this.view.root.dataset.compare = "busy";
    this.view.setStatus("saving", "Saving…");
    this.send({ type: "settle", sorts: this.sorts, note: item.note, themes });
  }
}
