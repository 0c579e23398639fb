// @ts-check
// "Probably goes in…" on the board: faint chips on each unsorted card naming its likeliest
// themes (with the confidence, and why: the theme's note most like it), accepted with one
// click or the keys 1-3; a "Suggested for…" filter to review one theme's batch and accept
// it at once; and the bar that switches suggestions on or off and asks for draft themes.
//
// The kernel computes suggestions in a worker thread, offline (synthesis/board/suggesting.py),
// when the board asks: once it opens, and again whenever the store changed and no move is
// waiting for its ack. Nothing is placed until the researcher accepts: an accepted
// suggestion is an ordinary move (one event, undoable), flagged `suggested`.

import { h, plural, UNSORTED } from "./dom.js";
import { Drafts } from "./drafts.js";
import { Similar } from "./similar.js";
import { countByTop, describe, percent, reason, topTheme } from "./suggestdata.js";

/** @typedef {import("./view.js").BoardView} BoardView */
/** @typedef {import("./types.js").CardEl} CardEl */
/** @typedef {import("./suggestdata.js").SuggestedMap} SuggestedMap */
/** @typedef {import("./suggestdata.js").LikeMap} LikeMap */

const ASK_AFTER_MS = 700; // quiet time after a change before suggestions are asked again
const BUSY_EVERY_MS = 500; // "busy" at most this often (the kernel's hold lasts 1.5 s)
const DRAFT_COUNTS = ["auto", "2", "3", "4", "5", "6", "8", "10", "12"];

export class Suggestions {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.available = view.model.get("suggest") !== false;
    this.on = this.available;
    /** @type {SuggestedMap} */
    this.suggested = {};
    /** @type {LikeMap} */
    this.likes = {};
    /** @type {Map<string, string>} note id -> what its chips say (notes with chips only) */
    this.painted = new Map();
    this.askedSeq = -1;
    this.asking = false;
    this.busyAt = -Infinity;
    this.firstAsk = true;
    this.filterTid = "";
    this.filterKey = "";
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    this.toggle = h("button", { type: "button", class: "sb-btn sb-suggest-toggle",
      "aria-pressed": "true", title: "Suggest themes for unsorted notes (computed on this "
        + "machine; nothing is placed until you accept)" }, "✦ Suggestions");
    this.filter = h("select", { class: "sb-filter sb-suggest-filter",
      "aria-label": "Show the notes suggested for a theme" });
    this.acceptAllBtn = h("button", { type: "button", class: "sb-btn sb-accept-all", hidden: true });
    this.draftCount = h("select", { class: "sb-filter sb-draft-count",
      "aria-label": "How many draft themes" },
    ...DRAFT_COUNTS.map((c) => h("option", { value: c }, c === "auto" ? "how many: auto" : `${c} drafts`)));
    this.draftBtn = h("button", { type: "button", class: "sb-btn sb-draft-btn",
      title: "Cluster the unsorted notes into draft themes you can accept, rename, merge or dismiss" },
    "Draft themes");
    this.info = h("span", { class: "sb-suggest-info", "aria-live": "polite" });
    this.bar = h("div", { class: "sb-suggestbar", role: "toolbar", "aria-label": "Suggestions" },
      this.toggle, this.filter, this.acceptAllBtn, this.draftCount, this.draftBtn, this.info);
    this.bar.hidden = !this.available;
    view.parts.legend.before(this.bar);
    this.drafts = new Drafts(view);
    this.similar = new Similar(view, this);
    this.toggle.addEventListener("click", () => this.setOn(!this.on));
    this.filter.addEventListener("change", () => this.setFilter(this.filter.value));
    this.acceptAllBtn.addEventListener("click", () => this.acceptAll());
    this.draftBtn.addEventListener("click", () => this.ask(this.draftCount.value));
    view.root.addEventListener("click", (e) => {
      const hit = /** @type {HTMLElement | null} */ (e.target instanceof Element
        ? e.target.closest(".sb-suggest-chip, .sb-similar-btn") : null);
      const card = /** @type {CardEl | null} */ (hit?.closest(".sb-card") || null);
      if (!hit || !card) return;
      e.stopPropagation(); // not a click on the card (which would select it)
      if (hit.classList.contains("sb-similar-btn")) this.similar.open({ note: card._note }, card);
      else this.accept(card, Number(hit.dataset.rank));
    }, true);
    this.fillFilter();
  }

  // -- asking the kernel ----------------------------------------------------------------
  /** After every push of the state: keep the filter's counts and the drafts true, and ask
   * for fresh suggestions once the board is quiet. */
  afterApply() {
    if (!this.on) return;
    this.fillFilter();
    this.drafts.render();
    this.schedule();
  }

  schedule() {
    clearTimeout(this.timer);
    if (!this.on || (this.view.meta.seq || 0) === this.askedSeq) return;
    this.timer = setTimeout(() => {
      if (this.view.pending.size) this.schedule(); // a move is waiting: ask after its ack
      else this.ask(null);
    }, this.firstAsk ? 0 : ASK_AFTER_MS);
  }

  /**
   * The researcher started a drag or is typing a search: the kernel holds the suggestion
   * work for a moment (a move holds it too), so the drop's ack and the search's frame do
   * not wait behind it (synthesis/board/suggest_jobs.py).
   */
  busy() {
    if (!this.on) return;
    const now = performance.now();
    if (now - this.busyAt < BUSY_EVERY_MS) return;
    this.busyAt = now;
    this.view.model.send({ type: "busy" });
  }

  /** @param {string | null} drafts  "auto", a number, or null for no drafts */
  ask(drafts) {
    const v = this.view;
    // A round nobody has sorted yet gets draft themes at once: there is nothing to suggest.
    if (this.firstAsk && drafts === null && v.cards.size >= 6
      && !Object.keys(v.placements).some((n) => v.cards.data.has(n))) drafts = "auto";
    this.firstAsk = false;
    this.askedSeq = v.meta.seq || 0;
    this.asking = true;
    this.info.textContent = drafts ? "Drafting themes…" : "Computing suggestions…";
    v.root.dataset.suggesting = "busy";
    v.model.send({ type: "suggest", drafts });
  }

  /** @param {boolean} on  Show suggestions (and keep asking) or hide them all. */
  setOn(on) {
    this.on = on;
    this.toggle.setAttribute("aria-pressed", String(on));
    this.view.root.classList.toggle("sb-suggest-off", !on);
    for (const el of [this.filter, this.draftCount, this.draftBtn]) el.hidden = !on;
    if (!on) {
      clearTimeout(this.timer);
      this.setFilter("");
      this.info.textContent = "Suggestions off.";
      this.acceptAllBtn.hidden = true;
      return;
    }
    this.askedSeq = -1;
    this.schedule();
  }

  /**
   * The kernel's messages about suggestions; true when the message was one.
   * @param {any} msg
   */
  onMessage(msg) {
    if (msg.type === "suggesting") return true;
    if (msg.type === "similar") { this.similar.show(msg); return true; }
    if (msg.type === "drafts") {
      if (msg.ok === false) this.view.setStatus("error", `Not done: ${msg.error}`);
      this.drafts.set(msg.drafts || []);
      return true;
    }
    if (msg.type !== "suggestions") return false;
    this.asking = false;
    // The kernel answers only the newest ask: these are for the store as of that ask.
    this.view.root.dataset.suggestedSeq = String(this.askedSeq);
    this.view.root.dataset.suggesting = msg.ok ? "ready" : "failed";
    if (!msg.ok) { this.info.textContent = `No suggestions: ${msg.error}`; return true; }
    this.suggested = msg.suggested || {};
    this.likes = msg.like || {};
    const n = Object.keys(this.suggested).length;
    this.info.textContent = `Suggestions for ${plural(n, "unsorted note", "unsorted notes")}, `
      + `computed on this machine in ${(msg.ms / 1000).toFixed(1)} s.`;
    if (msg.drafts) this.drafts.set(msg.drafts);
    if (this.on) {
      this.paint();
      this.fillFilter();
      if (this.filterTid) this.view.filters.apply();
      this.updateAcceptAll();
    }
    return true;
  }

  // -- chips ----------------------------------------------------------------------------
  /**
   * Put chips on the cards of every note with suggestions; take stale ones away. Chips that
   * would say the same again are left as they are: after a move most notes' suggestions
   * read the same, and rebuilding thousands of chips would hold up the page.
   * @param {boolean} [all]  draw every note's chips again (the cards were made anew)
   */
  paint(all = false) {
    const v = this.view;
    const nameOf = v.nameOf;
    for (const n of [...this.painted.keys()]) {
      if (all || !(n in this.suggested)) {
        for (const el of v.cards.of(n)) clearChips(el);
        this.painted.delete(n);
      }
    }
    for (const n in this.suggested) {
      const list = this.suggested[n].filter(([tid]) => nameOf(tid) !== undefined);
      const els = v.cards.of(n);
      if (!els.length) continue;
      const key = list.map(([tid, score, like]) => `${tid}:${nameOf(tid)}:${percent(score)}:${like}`)
        .join("|");
      if (this.painted.get(n) === key) continue;
      this.painted.set(n, key);
      const chips = h("div", { class: "sb-suggest", "aria-hidden": "true" },
        h("span", { class: "sb-suggest-label" }, "Probably:"),
        ...list.map(([tid, score, like], i) => h("button", { type: "button",
          class: "sb-suggest-chip", tabindex: "-1", "data-accept": tid, "data-rank": String(i),
          title: `Accept: move to ${nameOf(tid)} (${percent(score)} likely`
            + `${like && this.likes[like] ? `; ${reason(like, this.likes)}` : ""}). Key ${i + 1}.` },
        h("span", { class: "sb-suggest-name", text: nameOf(tid) }),
        h("span", { class: "sb-suggest-score", text: percent(score) }))),
        // The others show when the card is hovered or focused: a pile stays short.
        list.length > 1 ? h("span", { class: "sb-suggest-more" }, `+${list.length - 1}`) : null,
        h("button", { type: "button", class: "sb-similar-btn", tabindex: "-1",
          title: "Similar unsorted notes (key S)" }, "≈ similar"));
      const why = list.length ? reason(list[0][2], this.likes) : "";
      if (why) chips.append(h("p", { class: "sb-why", text: why }));
      const said = describe(list, nameOf, this.likes);
      for (const el of els) {
        clearChips(el);
        if (!list.length) continue;
        el.insertBefore(chips.cloneNode(true), el.lastChild); // before the participant line
        el.setAttribute("aria-description", said);
      }
    }
  }

  /**
   * Accept a card's suggestion (`rank` 0 is the likeliest): the note moves into that theme
   * as a drag would, and the focus goes on to the next unsorted card.
   * @param {CardEl} card @param {number} rank
   */
  accept(card, rank) {
    const v = this.view;
    const list = (this.suggested[card._note] || []).filter(([tid]) => v.onBoard(tid));
    const pick = list[rank];
    if (!pick || card._tid !== UNSORTED) return false;
    const focused = document.activeElement === card;
    const next = v.pile.step(card, 1) || v.pile.step(card, -1);
    v.moveNotes([card._note], pick[0], { from: { [card._note]: UNSORTED } }, { suggested: true });
    if (focused) v.focusCard(next || card);
    this.updateAcceptAll();
    return true;
  }

  /**
   * A key on a focused card: 1-3 accept a suggestion, S shows similar notes.
   * @param {CardEl} card @param {string} key
   * @returns {boolean} whether the key was one of these
   */
  onKey(card, key) {
    if (!this.on) return false;
    if (key === "1" || key === "2" || key === "3") {
      this.accept(card, Number(key) - 1);
      return true;
    }
    if (key === "s" || key === "S") {
      this.similar.open({ note: card._note }, card);
      return true;
    }
    return false;
  }

  // -- "Suggested for…" ------------------------------------------------------------------
  fillFilter() {
    const v = this.view;
    const counts = countByTop(this.suggested, (n) => v.cards.data.has(n) && v.isUnsorted(n));
    const key = v.themes.map((t) => `${t.id}:${t.name}:${counts.get(t.id) || 0}`).join("|");
    if (key === this.filterKey) return;
    this.filterKey = key;
    const options = v.themes.filter((t) => counts.get(t.id) || t.id === this.filterTid);
    this.filter.replaceChildren(h("option", { value: "" }, "Suggested for… (any theme)"),
      ...options.map((t) => h("option", { value: t.id,
        text: `Suggested for ${t.name} (${counts.get(t.id) || 0})` })));
    this.filter.value = this.filterTid;
    if (this.filter.value !== this.filterTid) this.setFilter("");
  }

  /** @param {string} tid  Show only the theme's notes and the unsorted notes suggested for it. */
  setFilter(tid) {
    const v = this.view;
    this.filterTid = tid;
    this.filter.value = tid;
    v.filters.extra = tid ? (/** @type {CardEl} */ el) => (el._tid === UNSORTED
      ? topTheme(this.suggested, el._note) === tid : el._tid === tid) : null;
    v.root.dataset.suggestedFor = tid;
    v.filters.apply();
    this.updateAcceptAll();
  }

  /** The unsorted cards the "Suggested for" filter shows now. */
  batch() {
    if (!this.filterTid) return [];
    return this.view.pile.cards().filter((el) => !el._hidden
      && topTheme(this.suggested, el._note) === this.filterTid);
  }

  updateAcceptAll() {
    const n = this.batch().length;
    const name = this.view.nameOf(this.filterTid);
    this.acceptAllBtn.hidden = !n || !name;
    this.acceptAllBtn.textContent = `Accept all ${n} into ${name}`;
  }

  /** Accept every suggestion the filter shows: one move, one event, one undo. */
  acceptAll() {
    const ids = this.batch().map((el) => el._note);
    if (!ids.length) return;
    const from = Object.fromEntries(ids.map((n) => [n, UNSORTED]));
    this.view.moveNotes(ids, this.filterTid, { from }, { suggested: true });
    this.updateAcceptAll();
  }
}

/** @param {HTMLElement} el  Take a card's chips away. */
function clearChips(el) {
  el.querySelector(".sb-suggest")?.remove();
  if (!el.querySelector(".sb-also")) el.removeAttribute("aria-description");
}
