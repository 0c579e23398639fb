// @ts-check
// One view of the board: the state the kernel pushed, the requests waiting for their acks,
// and the parts that draw and handle input (each in its own module).
//
// The Python side owns the truth: every action is sent as one custom message, the study
// store commits it, and only the ack makes a card stop looking "saving". A note in several
// themes has a card in each of their columns (cardplaces.js keeps them so).

import { CardPlaces } from "./cardplaces.js";
import { Cards } from "./cards.js";
import { Column, columnOf, Warmer } from "./columns.js";
import { Compare } from "./compare.js";
import { Drawer } from "./drawer.js";
import { DragDrop } from "./dragdrop.js";
import { UNSORTED } from "./dom.js";
import { Filters } from "./filters.js";
import { Keyboard } from "./keyboard.js";
import { applyChanges, LiveChanges, showOthers } from "./live.js";
import { Menus } from "./menus.js";
import { Notes } from "./notes.js";
import { planMove, shownColumns } from "./placing.js";
import { PileWindow } from "./pilewindow.js";
import { Pointer } from "./pointer.js";
import { ReaderPanel } from "./readerpanel.js";
import { changedNotes, Pending, statusAfter } from "./protocol.js";
import { Selection } from "./selection.js";
import { drawScrolled, drawSeen } from "./sight.js";
import { buildSkeleton } from "./skeleton.js";
import { StatusLine } from "./status.js";
import { Suggestions } from "./suggestions.js";
import { dropThemes, syncThemes, updateCounts } from "./themes.js";

/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").Theme} Theme */
/** @typedef {import("./types.js").Meta} Meta */
/** @typedef {import("./types.js").People} People */
/** @typedef {import("./themes.js").ThemeEls} ThemeEls */
/** @typedef {import("./placing.js").How} How */

let VIEWS = 0;

export class BoardView {
  /** @param {Model} model @param {HTMLElement} host */
  constructor(model, host) {
    this.model = model;
    this.host = host;
    this.vid = `sb${++VIEWS}-${Math.random().toString(36).slice(2, 7)}`;
    this.pending = new Pending(this.vid);
    const parts = buildSkeleton(this.vid);
    this.parts = parts;
    this.status = new StatusLine(parts.status);
    this.root = parts.root;
    this.themesEl = parts.themesEl;
    this.pileCount = parts.pileCount;
    this.barList = parts.barList;
    this.chartN = parts.chartN;
    this.cards = new Cards(parts.hintId);
    this.warmer = new Warmer();
    this.pile = new Column(UNSORTED, parts.pileList, this.warmer);
    this.pile.window = new PileWindow(this.pile); // the pile draws only what is near its box
    /** @type {Map<string, Column>} theme id (or "unsorted") -> its column */
    this.columns = new Map([[UNSORTED, this.pile]]);
    /** @type {Map<string, ThemeEls>} */
    this.themeEls = new Map();
    /** @type {Map<string, HTMLElement>} theme id -> its bar in the chart */
    this.bars = new Map();
    this.selected = new Selection(this.cards);
    this.places = new CardPlaces(this);
    /** other boards' moves the pushed placements do not hold yet (see live.js) */
    this.live = new LiveChanges();
    this.layoutKey = "";
    /** @type {Meta} */
    this.meta = {};
    /** @type {People} */
    this.people = {};
    /** @type {Theme[]} */
    this.themes = [];
    /** @type {Map<string, Theme>} */
    this.themeById = new Map();
    /** @type {Map<string, number>} theme id -> board position */
    this.rank = new Map();
    /** @type {import("./types.js").Placements} the store's, as far as the board knows:
     * the pushed placements with other boards' changes since on top */
    this.placements = {};
    this.n = 0;
    /** @type {unknown} */
    this.cardsRef = null;
    /** @type {unknown} */
    this.peopleRef = null;
    this.scheduled = false;
    this.onBoard = (/** @type {string} */ tid) => this.themeById.has(tid);
    this.nameOf = (/** @type {string} */ tid) => this.themeById.get(tid)?.name;
    this.filters = new Filters(this);
    this.menus = new Menus(this);
    this.notes = new Notes(this);
    this.drawer = new Drawer(this);
    this.readerPanel = new ReaderPanel(this);
    this.drag = new DragDrop(this);
    this.keyboard = new Keyboard(this);
    this.pointer = new Pointer(this);
    this.suggestions = new Suggestions(this);
    this.compare = new Compare(this);
    this.bind();
    // Chunks a scroll brings into sight are drawn before the frame that shows them (scroll
    // events come first in a frame); the observer alone would draw them a frame late, blank.
    this.onScroll = (/** @type {Event} */ e) => drawScrolled(this.root, this.columns,
      this.warmer, e.target);
    document.addEventListener("scroll", this.onScroll, { capture: true, passive: true });
    host.append(this.root);
    this.apply();
    this.poller = setInterval(() => {
      if (document.visibilityState === "visible" && this.root.isConnected) {
        this.model.send({ type: "refresh" });
      }
    }, Math.max(500, this.model.get("poll_ms") || 2000));
  }

  destroy() {
    clearInterval(this.poller);
    clearTimeout(this.suggestions.timer); // no ask from a board that has gone
    document.removeEventListener("scroll", this.onScroll, { capture: true });
    this.warmer.disconnect();
  }

  /** Draw the state once, soon (one apply for a push of several parts). */
  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => { this.scheduled = false; this.apply(); });
  }

  bind() {
    const m = this.model;
    for (const name of ["cards", "people", "themes", "placements", "meta", "colour_by"]) {
      m.on(`change:${name}`, () => this.schedule());
    }
    // While the update's parts are all set: which seq pushed placements hold (see live.js).
    m.on("change", () => this.live.pushed(m.get("placements"), (m.get("meta") || {}).seq || 0));
    m.on("msg:custom", (msg) => this.onMessage(msg));
    this.parts.undoBtn.addEventListener("click", () => this.act({ type: "undo" }));
    this.parts.redoBtn.addEventListener("click", () => this.act({ type: "redo" }));
  }

  // -- requests and acks ---------------------------------------------------------------
  /**
   * Send one action; the notes and theme it names show "saving…" until its ack.
   * @param {{type: string} & Record<string, any>} action
   * @param {{notes?: string[], theme?: string | null,
   *   cols?: Record<string, string[]> | null}} [holds]
   */
  act(action, holds = {}) {
    const msg = this.pending.begin(action, holds);
    if (holds.theme) this.themeEls.get(holds.theme)?.head.classList.add("sb-pending");
    for (const n of holds.notes || []) this.markPending(n, true);
    this.root.dataset.pending = String(this.pending.size);
    this.setStatus("saving", "Saving…");
    this.model.send(msg);
    return msg.id;
  }

  /** @param {string} noteId @param {boolean} on */
  markPending(noteId, on) {
    for (const el of this.cards.of(noteId)) {
      el.classList.toggle("sb-pending", on);
      if (on) el.setAttribute("aria-busy", "true"); else el.removeAttribute("aria-busy");
    }
  }

  /** @param {any} msg */
  onMessage(msg) {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "source") { this.drawer.show(msg); return; }
    if (msg.type === "transcript") { this.readerPanel.onMessage(msg); return; }
    if (this.suggestions.onMessage(msg)) return;
    if (this.compare.onMessage(msg)) return;
    if (msg.type === "changes") { applyChanges(this, msg); return; } // another board's moves
    if (msg.type !== "ack") return;
    if (msg.op === "undo" || msg.op === "redo") this.compare.refresh(); // a settlement may go
    const done = this.pending.settle(msg);
    if (!done) return; // another view's request: its state push reaches us anyway
    this.notes.onAck(msg);
    this.readerPanel.onMessage(msg);
    // Released notes keep their move's columns until the state after the ack is drawn
    // (Pending.caughtUp); a refused one goes back to where the store has it now.
    for (const n of done.released) {
      this.markPending(n, false);
      this.places.place(n);
    }
    const theme = done.request.theme;
    if (theme && !this.pending.themes().has(theme)) {
      this.themeEls.get(theme)?.head.classList.remove("sb-pending");
    }
    this.root.dataset.pending = String(this.pending.size);
    const status = statusAfter(msg, this.pending.size);
    this.setStatus(status.state, status.text);
    if (done.ok) return;
    const t = theme ? this.themeById.get(theme) : undefined;
    const te = theme ? this.themeEls.get(theme) : undefined;
    if (t && te && !te.editing) te.name.textContent = t.name;
  }

  /** @param {"idle" | "saving" | "saved" | "error"} state @param {string} text */
  setStatus(state, text) {
    this.status.save(state, text);
  }

  // -- state -> DOM --------------------------------------------------------------------
  apply() {
    const m = this.model;
    const meta = m.get("meta") || {};
    this.meta = meta;
    this.people = m.get("people") || {};
    this.themes = m.get("themes") || [];
    this.themeById = new Map(this.themes.map((t) => [t.id, t]));
    this.rank = new Map(this.themes.map((t, i) => [t.id, i]));
    const before = this.placements;
    const pushed = m.get("placements") || {};
    this.live.pushed(pushed, meta.seq || 0); // the first draw, before any change event
    this.placements = this.live.over(pushed);
    const caughtUp = this.pending.caughtUp(meta.seq || 0);
    this.n = meta.n_participants || 0;
    const p = this.parts;
    p.title.textContent = meta.study || "Affinity board";
    p.subtitle.textContent = meta.round ? `Round ${meta.round}` : "All rounds";
    this.root.setAttribute("aria-label", `Affinity board${meta.study ? `: ${meta.study}` : ""}`
      + `${meta.round ? `, round ${meta.round}` : ""}`);
    this.root.dataset.seq = String(meta.seq || 0);
    p.undoBtn.disabled = !meta.can_undo;
    p.redoBtn.disabled = !meta.can_redo;
    showOthers(p.status, meta.others);
    this.compare?.offer(meta.sorts);
    const cards = m.get("cards") || [];
    const gone = syncThemes(this);
    const rebuilt = cards !== this.cardsRef;
    if (rebuilt) this.places.build(cards);
    else {
      // Only notes whose place changed move: a move touches two columns, not the board.
      const notes = new Set(changedNotes(before, this.placements));
      for (const n of caughtUp) notes.add(n);
      for (const id of gone) for (const el of this.columns.get(id)?.cards() || []) notes.add(el._note);
      for (const n of notes) this.places.place(n);
    }
    dropThemes(this, gone);
    this.places.relabel();
    updateCounts(this);
    if (cards !== this.cardsRef || this.peopleRef !== this.people) {
      this.cardsRef = cards;
      this.peopleRef = this.people;
      this.filters.build();
      this.filters.colour();
      this.filters.apply();
    } else if (this.filters.colourKey !== (m.get("colour_by") || "")) this.filters.colour();
    if (rebuilt) this.suggestions.paint(true); // new card elements: their chips again
    this.suggestions.afterApply();
    this.notes.syncAside();
    this.notes.afterApply();
    this.readerPanel.afterApply();
  }

  /** @param {string} noteId  The columns (themes, or "unsorted") a note shows in now. */
  shownColumns(noteId) {
    return shownColumns(noteId, this.placements, this.pending, this.rank);
  }

  /** @param {string} noteId  Is the note in no theme on the board (counting waiting moves)? */
  isUnsorted(noteId) {
    return this.shownColumns(noteId)[0] === UNSORTED;
  }

  // -- actions the input modules share ------------------------------------------------
  /**
   * Move notes to a theme (or to unsorted): each leaves the column its card came from
   * (`from`), or nothing with `add`. Shown at once, marked "saving" until acknowledged.
   * `extra` goes into the message as it is (`suggested: true` for an accepted suggestion).
   * @param {string[]} ids @param {string} tid @param {How} [how]
   * @param {Record<string, unknown>} [extra]
   */
  moveNotes(ids, tid, how = {}, extra = {}) {
    const plan = planMove(ids, tid, how,
      (n) => (this.cards.data.has(n) ? this.shownColumns(n) : null));
    if (!plan) return;
    this.act({ ...plan.msg, ...extra }, { notes: plan.notes, cols: plan.want });
    for (const n of plan.notes) this.places.place(n);
    this.selected.clear();
  }

  /**
   * Start a new theme holding these notes (maybe none); each leaves its `from` column
   * unless `add`.
   * @param {string[]} ids @param {How} [how]
   */
  createTheme(ids, { from = {}, add = false } = {}) {
    this.act({ type: "new_theme", notes: ids, from: add ? null : from, add }, { notes: ids });
    this.selected.clear();
  }

  /**
   * Focus a note's card in a column (after a move, or a popup closes), else its first.
   * @param {string} noteId @param {string} [tid]
   */
  focusNote(noteId, tid) {
    this.focusCard(this.cards.in(noteId, tid) || this.cards.of(noteId)[0]);
  }

  /** Draw only the chunks in sight (after a filter hid or showed cards; see sight.js). */
  warmSeen() {
    drawSeen(this.root, this.columns.values(), this.warmer);
  }

  /** @param {HTMLElement | null | undefined} el  Focus a card (its chunk drawn first). */
  focusCard(el) {
    if (!el || !el.parentElement) return;
    columnOf(el.parentElement)?.window?.reach(el.parentElement); // nor one left out of layout
    this.warmer.warm(el.parentElement); // a card the browser skips cannot take focus
    el.focus();
  }
}
