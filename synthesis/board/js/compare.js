// @ts-check
// Compare mode: the notes two researchers' sorts place differently, one at a time (or grouped
// by theme pair: pick a pair, then walk only its notes), with each researcher's choice; the
// sorts compared are chosen in the panel (two or more of the round's sorts); settling one writes the consensus placement on the shared board (one
// undoable event, done by the kernel) and the progress says "3 of 9 disagreements settled".
// Offered only on the shared board of a round that has a researcher's own sort (a private
// sort's board stays blind). Every text is set as text.

import { closeButton, h, panel, plural } from "./dom.js";

/** @typedef {import("./view.js").BoardView} BoardView */

/**
 * @typedef {object} Item  One disagreement, as the kernel's `compare` message sends it.
 * @property {string} note
 * @property {string} text
 * @property {{sort: string, themes: string[]}[]} choices
 * @property {string[]} board
 * @property {boolean} settled
 * @property {string[] | null} consensus
 * @property {string} [pair]  the theme pair it is grouped under ("Setup → Pricing")
 */

/** @typedef {{pair: string, notes: number, settled: number}} Pair  one group of the queue */

/**
 * The queue positions shown: every item, or only those of theme pair `pair`.
 * @param {{pair?: string}[]} queue @param {string | null} pair
 * @returns {number[]}
 */
export function shownIndices(queue, pair) {
  const out = [];
  for (let i = 0; i < queue.length; i++) if (pair === null || queue[i].pair === pair) out.push(i);
  return out;
}

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
    /** @type {string[]} */
    this.available = [];
    /** @type {Pair[]} */
    this.pairs = [];
    /** @type {"one" | "pairs"} */
    this.mode = "one";
    /** @type {string | null}  the theme pair walked (null: every disagreement) */
    this.pair = null;
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
    this.available = msg.available || this.available;
    this.queue = msg.queue || [];
    this.pairs = msg.pairs || [];
    this.progress = msg.progress || "";
    if (this.pair !== null && !this.queue.some((q) => q.pair === this.pair)) this.pair = null;
    if (settledNote !== undefined) {
      const shown = shownIndices(this.queue, this.pair);
      const i = shown.findIndex((k) => this.queue[k].note === settledNote);
      const next = nextOpen(shown.map((k) => this.queue[k]), i < 0 ? 0 : i);
      this.at = shown[next] ?? 0;
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

  /** The sorts to compare, as ticked in the panel: asks again when two or more are. */
  choose() {
    const ticked = [...this.el.querySelectorAll(".sb-compare-sort input")]
      .filter((box) => /** @type {HTMLInputElement} */ (box).checked)
      .map((box) => String(/** @type {HTMLInputElement} */ (box).value));
    this.sorts = ticked;
    this.at = 0;
    this.pair = null;
    if (ticked.length < 2) {
      this.queue = [];
      this.pairs = [];
      this.progress = "choose two or more sorts to compare";
      this.draw();
      return;
    }
    this.view.root.dataset.compare = "busy";
    this.send({ type: "compare", sorts: ticked });
  }

  /** The panel's head: title, progress, which sorts, and one at a time or by theme pair. */
  head() {
    const sorts = h("fieldset", { class: "sb-compare-sorts" },
      h("legend", { text: "Sorts compared" }),
      ...this.available.map((name) => h("label", { class: "sb-compare-sort" },
        h("input", { type: "checkbox", value: name, checked: this.sorts.includes(name),
          onchange: () => this.choose() }), ` ${name}`)));
    const modes = h("div", { class: "sb-row sb-compare-modes", role: "group",
      "aria-label": "Show the disagreements" },
    ...[["one", "One at a time"], ["pairs", "By theme pair"]].map(([mode, label]) =>
      h("button", { type: "button", class: "sb-btn sb-compare-mode", "data-mode": mode,
        "aria-pressed": String(this.mode === mode),
        onclick: () => { this.mode = /** @type {"one" | "pairs"} */ (mode); this.draw(); } },
      label)));
    return [this.closeButton(),
      h("h3", { class: "sb-drawer-title", text: `Compare: ${this.sorts.join(" and ")}` }),
      h("p", { class: "sb-compare-progress", "data-compare-progress": "", text: this.progress }),
      sorts, modes];
  }

  /** @param {HTMLElement[]} parts  the grouped view: one button per theme pair */
  drawPairs(parts) {
    const rows = this.pairs.map((p) => h("button", { type: "button",
      class: "sb-btn sb-compare-pair", "data-pair": p.pair,
      onclick: () => {
        this.pair = p.pair;
        this.mode = "one";
        const shown = shownIndices(this.queue, p.pair);
        this.at = shown.find((k) => !this.queue[k].settled) ?? shown[0] ?? 0;
        this.draw();
      } },
    h("span", { class: "sb-compare-themes", text: p.pair }),
    h("span", { class: "sb-muted", text: ` ${plural(p.notes, "note", "notes")}, ${p.settled} settled` })));
    this.el.replaceChildren(...parts, h("p", { class: "sb-muted" },
      "Each group is the notes the sorts place the same different way; pick one to walk it."),
    h("div", { class: "sb-compare-pairs" }, ...rows));
    // the clicked control was redrawn: keep the focus in the panel (Escape still closes it)
    /** @type {HTMLElement | null} */ (this.el.querySelector(".sb-compare-pair"))?.focus();
  }

  draw() {
    const parts = this.head();
    if (this.mode === "pairs" && this.pairs.length) {
      this.drawPairs(parts);
      return;
    }
    const shown = shownIndices(this.queue, this.pair);
    const item = this.queue[this.at];
    if (!item || !shown.includes(this.at)) {
      this.el.replaceChildren(...parts, h("p", { class: "sb-muted" }, this.sorts.length < 2
        ? "Tick two or more sorts to see where they differ."
        : "These sorts place every note alike: nothing to settle."));
      /** @type {HTMLElement | null} */ (this.el.querySelector(".sb-compare-sort input"))?.focus();
      return;
    }
    if (this.pair !== null) {
      const group = this.pairs.find((p) => p.pair === this.pair);
      parts.push(h("p", { class: "sb-row sb-compare-group" },
        h("span", { text: `Theme pair ${this.pair}: ${group ? group.settled : 0} of ${shown.length} settled` }),
        h("button", { type: "button", class: "sb-btn sb-compare-all",
          onclick: () => { this.pair = null; this.draw(); } }, "All disagreements")));
    }
    const pos = shown.indexOf(this.at);
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
      h("button", { type: "button", class: "sb-btn sb-compare-prev", disabled: pos === 0,
        onclick: () => { this.at = shown[pos - 1]; this.draw(); } }, "← Previous"),
      h("span", { class: "sb-muted", text: `${pos + 1} of ${shown.length}` }),
      h("button", { type: "button", class: "sb-btn sb-compare-next",
        disabled: pos >= shown.length - 1,
        onclick: () => { this.at = shown[pos + 1]; this.draw(); } }, "Next →"),
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
