// @ts-check
// One view of the board: the state the kernel pushed, the requests waiting for their acks,
// and the parts that draw and handle input (each in its own module).
//
// The Python side owns the truth: every action is sent as one custom message, the study
// store commits it, and only the ack makes a card stop looking "saving".

import { Cards } from "./cards.js";
import { Column, Warmer } from "./columns.js";
import { Drawer } from "./drawer.js";
import { DragDrop } from "./dragdrop.js";
import { UNSORTED } from "./dom.js";
import { Filters } from "./filters.js";
import { Keyboard } from "./keyboard.js";
import { Menus } from "./menus.js";
import { changedNotes, Pending, shownTheme, statusAfter } from "./protocol.js";
import { buildSkeleton } from "./skeleton.js";
import { dropThemes, syncThemes, updateCounts } from "./themes.js";

/** @typedef {import("./types.js").Model} Model */
/** @typedef {import("./types.js").Theme} Theme */
/** @typedef {import("./types.js").Meta} Meta */
/** @typedef {import("./types.js").CardEl} CardEl */
/** @typedef {import("./types.js").People} People */
/** @typedef {import("./themes.js").ThemeEls} ThemeEls */

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
    this.root = parts.root;
    this.themesEl = parts.themesEl;
    this.pileCount = parts.pileCount;
    this.barList = parts.barList;
    this.chartN = parts.chartN;
    this.cards = new Cards(parts.hintId);
    this.warmer = new Warmer();
    this.pile = new Column(UNSORTED, parts.pileList, this.warmer);
    /** @type {Map<string, Column>} theme id (or "unsorted") -> its column */
    this.columns = new Map([[UNSORTED, this.pile]]);
    /** @type {Map<string, ThemeEls>} */
    this.themeEls = new Map();
    /** @type {Map<string, HTMLElement>} theme id -> its bar in the chart */
    this.bars = new Map();
    /** @type {Set<string>} selected note ids */
    this.selected = new Set();
    /** @type {Set<string>} notes to put in place at the next push (acknowledged moves) */
    this.settled = new Set();
    this.layoutKey = "";
    /** @type {Meta} */
    this.meta = {};
    /** @type {People} */
    this.people = {};
    /** @type {Theme[]} */
    this.themes = [];
    /** @type {Map<string, Theme>} */
    this.themeById = new Map();
    /** @type {import("./types.js").Placements} */
    this.placements = {};
    this.n = 0;
    /** @type {unknown} */
    this.cardsRef = null;
    /** @type {unknown} */
    this.peopleRef = null;
    this.scheduled = false;
    this.onBoard = (/** @type {string} */ tid) => this.themeById.has(tid);
    this.filters = new Filters(this);
    this.menus = new Menus(this);
    this.drawer = new Drawer(this);
    this.drag = new DragDrop(this);
    this.keyboard = new Keyboard(this);
    this.bind();
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
    this.warmer.disconnect();
  }

  bind() {
    const m = this.model;
    const schedule = () => {
      if (this.scheduled) return;
      this.scheduled = true; // one apply for a push of several parts
      queueMicrotask(() => { this.scheduled = false; this.apply(); });
    };
    for (const name of ["cards", "people", "themes", "placements", "meta", "colour_by"]) {
      m.on(`change:${name}`, schedule);
    }
    m.on("msg:custom", (msg) => this.onMessage(msg));
    this.root.addEventListener("click", (e) => this.onClick(e));
    this.root.addEventListener("dblclick", (e) => this.onDblClick(e));
    this.parts.undoBtn.addEventListener("click", () => this.act({ type: "undo" }));
    this.parts.redoBtn.addEventListener("click", () => this.act({ type: "redo" }));
  }

  // -- requests and acks ---------------------------------------------------------------
  /**
   * Send one action; the notes and theme it names show "saving…" until its ack.
   * @param {{type: string} & Record<string, any>} action
   * @param {{notes?: string[], theme?: string | null, to?: string | null}} [holds]
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
    if (msg.type !== "ack") return;
    const done = this.pending.settle(msg);
    if (!done) return; // another view's request: its state push reaches us anyway
    for (const n of done.released) {
      this.markPending(n, false);
      this.settled.add(n);
    }
    const theme = done.request.theme;
    if (theme && !this.pending.themes().has(theme)) {
      this.themeEls.get(theme)?.head.classList.remove("sb-pending");
    }
    this.root.dataset.pending = String(this.pending.size);
    const status = statusAfter(msg, this.pending.size);
    this.setStatus(status.state, status.text);
    if (done.ok) return;
    for (const n of done.released) this.place(n); // back to where the store has it
    const t = theme ? this.themeById.get(theme) : undefined;
    const te = theme ? this.themeEls.get(theme) : undefined;
    if (t && te && !te.editing) te.name.textContent = t.name;
  }

  /** @param {"idle" | "saving" | "saved" | "error"} state @param {string} text */
  setStatus(state, text) {
    this.parts.status.dataset.state = state;
    this.parts.status.textContent = text;
  }

  // -- state -> DOM --------------------------------------------------------------------
  apply() {
    const m = this.model;
    const meta = m.get("meta") || {};
    this.meta = meta;
    this.people = m.get("people") || {};
    this.themes = m.get("themes") || [];
    this.themeById = new Map(this.themes.map((t) => [t.id, t]));
    const before = this.placements;
    this.placements = m.get("placements") || {};
    this.n = meta.n_participants || 0;
    const p = this.parts;
    p.title.textContent = meta.study || "Affinity board";
    p.subtitle.textContent = meta.round ? `Round ${meta.round}` : "All rounds";
    this.root.setAttribute("aria-label", `Affinity board${meta.study ? `: ${meta.study}` : ""}`
      + `${meta.round ? `, round ${meta.round}` : ""}`);
    this.root.dataset.seq = String(meta.seq || 0);
    p.undoBtn.disabled = !meta.can_undo;
    p.redoBtn.disabled = !meta.can_redo;
    const cards = m.get("cards") || [];
    const gone = syncThemes(this);
    if (cards !== this.cardsRef) this.buildCards(cards);
    else {
      // Only notes whose place changed move: a move touches two columns, not the board.
      const notes = new Set(changedNotes(before, this.placements));
      for (const n of this.settled) notes.add(n);
      for (const id of gone) for (const el of this.columns.get(id)?.cards() || []) notes.add(el._note);
      for (const n of notes) this.place(n);
    }
    this.settled.clear();
    dropThemes(this, gone);
    updateCounts(this);
    if (cards !== this.cardsRef || this.peopleRef !== this.people) {
      this.cardsRef = cards;
      this.peopleRef = this.people;
      this.filters.build();
      this.filters.colour();
      this.filters.apply();
    } else if (this.filters.colourKey !== (m.get("colour_by") || "")) this.filters.colour();
  }

  /** @param {import("./types.js").Card[]} cards  Make every card and fill the columns. */
  buildCards(cards) {
    this.selected.clear();
    /** @type {Map<string, CardEl[]>} */
    const into = new Map();
    for (const el of this.cards.reset(cards, this.people)) {
      const tid = this.shownTheme(el._note);
      const list = into.get(tid);
      if (list) list.push(el); else into.set(tid, [el]);
      if (this.pending.holds(el._note)) el.classList.add("sb-pending");
    }
    for (const [tid, column] of this.columns) column.fill(into.get(tid) || []);
  }

  /** @param {string} noteId  The theme (or "unsorted") a note shows in now. */
  shownTheme(noteId) {
    return shownTheme(noteId, this.placements, this.pending, this.onBoard);
  }

  /** @param {string} noteId  Put a note's card in the column it shows in now. */
  place(noteId) {
    const tid = this.shownTheme(noteId);
    const column = this.columns.get(tid) || this.pile;
    for (const el of this.cards.of(noteId)) if (el._tid !== tid) column.insert(el);
  }

  // -- actions the input modules share ------------------------------------------------
  /**
   * Move notes to a theme (or back to unsorted): shown at once, saved when acknowledged.
   * @param {string[]} ids @param {string} tid
   */
  moveNotes(ids, tid) {
    const moving = ids.filter((n) => this.cards.data.has(n) && this.shownTheme(n) !== tid);
    if (!moving.length) return;
    this.act({ type: "move", notes: moving, to: tid }, { notes: moving, to: tid });
    for (const n of moving) this.place(n);
    this.clearSelection();
  }

  /** @param {string[]} ids  Start a new theme holding these notes (maybe none). */
  createTheme(ids) {
    this.act({ type: "new_theme", notes: ids }, { notes: ids });
    this.clearSelection();
  }

  /** @param {string} id @param {boolean} on */
  select(id, on) {
    if (!this.cards.data.has(id)) return;
    if (on) this.selected.add(id); else this.selected.delete(id);
    for (const el of this.cards.of(id)) {
      el.classList.toggle("sb-selected", on);
      el.setAttribute("aria-selected", on ? "true" : "false");
    }
  }

  clearSelection() {
    for (const id of [...this.selected]) this.select(id, false);
  }

  /** @param {string} id  The notes an action on this card acts on: the selection it is in. */
  actingOn(id) {
    return this.selected.has(id) ? this.cards.ordered(this.selected) : [id];
  }

  /** @param {string} noteId  Focus a note's card (after a move, or a popup closes). */
  focusNote(noteId) {
    this.focusCard(this.cards.of(noteId)[0]);
  }

  /** @param {HTMLElement | null | undefined} el  Focus a card (its chunk drawn first). */
  focusCard(el) {
    if (!el) return;
    this.warmer.warm(el.parentElement); // a card the browser skips cannot take focus
    el.focus();
  }

  // -- pointer -------------------------------------------------------------------------
  /** @param {MouseEvent} e */
  onClick(e) {
    const t = /** @type {HTMLElement} */ (e.target);
    if (!(t instanceof Element)) return;
    const open = t.closest(".sb-open");
    const card = /** @type {CardEl | null} */ (t.closest(".sb-card"));
    if (open && card) { this.drawer.open(card._note); return; }
    const actionBtn = /** @type {HTMLElement | null} */ (t.closest("[data-theme-action]"));
    if (actionBtn) {
      this.menus.openPanel(actionBtn.dataset.themeAction || "", actionBtn);
      return;
    }
    if (t.closest("[data-drop='new-theme']")) { this.createTheme([...this.selected]); return; }
    if (!card) return;
    const id = card._note;
    if (e.shiftKey || e.ctrlKey || e.metaKey) this.select(id, !this.selected.has(id));
    else {
      const only = this.selected.size === 1 && this.selected.has(id);
      this.clearSelection();
      if (!only) this.select(id, true);
    }
  }

  /** @param {MouseEvent} e */
  onDblClick(e) {
    const t = e.target;
    if (!(t instanceof Element)) return;
    const name = t.closest(".sb-theme-name");
    const section = /** @type {HTMLElement | null} */ (t.closest("[data-theme-id]"));
    if (name && section && section.dataset.themeId !== UNSORTED) {
      this.menus.startRename(section.dataset.themeId || "");
      return;
    }
    t.closest(".sb-card")?.classList.toggle("sb-expanded");
  }
}
