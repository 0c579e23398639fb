// The affinity board's front end (an anywidget module; no imports, no network).
//
// The Python side owns the truth: every action is sent as one custom message, the study
// store commits it, and only the ack makes a card stop looking "saving". Untrusted text
// (notes, theme names, participant attributes) only ever reaches the page through
// textContent / value, never innerHTML.
//
// A note can sit in several themes: it then has one card element per column, each saying
// "also in …". A drag moves the card out of the column it was dragged from (its other
// themes stay); Alt/Option-drag (or the A key) adds it to a theme and leaves nothing.

const PALETTE = [
  "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
  "#ff9da7", "#9c755f", "#86bcb6", "#d37295", "#8cd17d", "#a0cbe8", "#ffbe7d",
  "#499894", "#f1ce63", "#79706e", "#bab0ac", "#d4a6c8", "#fabfd2",
];
const UNSORTED = "unsorted";
const MIME_NOTES = "application/x-synthesis-notes";
const MIME_THEME = "application/x-synthesis-theme";
let VIEWS = 0;

// -- tiny DOM helpers (text only) ------------------------------------------------------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k === "text") el.textContent = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

export function countLabel(theme, n) {
  return `${plural(theme.notes, "note", "notes")} · ${theme.participants} of ${n} participants`;
}

function isTextInput(el) {
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT"
    || el.isContentEditable);
}

class BoardView {
  constructor(model, el) {
    this.model = model;
    this.host = el;
    this.vid = `sb${++VIEWS}-${Math.random().toString(36).slice(2, 7)}`;
    this.seqNo = 0;
    this.pending = new Map(); // request id -> {op, notes}
    this.pendingNotes = new Map(); // note id -> request id (newest)
    this.sourceWaits = new Map();
    this.cardEls = new Map(); // note id -> Map(column id -> card element), one per column
    this.cardData = new Map(); // note id -> card
    this.local = new Map(); // note id -> columns shown before the store confirms a move
    this.confirmed = new Set(); // acked notes: `local` gives way to the next state push
    this.labelled = new Set(); // notes whose cards say "also in …"
    this.themeEls = new Map(); // theme id -> {section, list, name, count, desc, swatch, head}
    this.selected = new Map(); // note id -> the column its selected card is in
    this.layoutKey = "";
    this.filter = { q: "", pid: "", seg: "", sid: "" };
    this.timings = [];
    this.cards = null;
    this.scheduled = false;
    this.build();
    this.bind();
    const t0 = performance.now();
    this.apply();
    this.buildMs = performance.now() - t0;
    this.measureRender(t0);
    this.poller = setInterval(() => {
      if (document.visibilityState === "visible" && this.root.isConnected) {
        this.model.send({ type: "refresh" });
      }
    }, Math.max(500, this.model.get("poll_ms") || 2000));
  }

  destroy() {
    clearInterval(this.poller);
  }

  // -- skeleton --------------------------------------------------------------------------
  build() {
    const v = this.vid;
    this.status = h("span", { class: "sb-status", role: "status", "aria-live": "polite",
      "data-state": "idle" });
    this.search = h("input", { class: "sb-search", type: "search", placeholder: "Search notes",
      "aria-label": "Search notes by text" });
    this.fPid = h("select", { class: "sb-filter", "data-filter": "participant",
      "aria-label": "Filter by participant" });
    this.fSeg = h("select", { class: "sb-filter", "data-filter": "segment",
      "aria-label": "Filter by segment" });
    this.fSid = h("select", { class: "sb-filter", "data-filter": "session",
      "aria-label": "Filter by session" });
    this.colourBy = h("select", { class: "sb-colour-by", "aria-label": "Colour cards by" });
    this.undoBtn = h("button", { class: "sb-btn sb-undo", type: "button",
      title: "Undo (Ctrl+Z)", "aria-label": "Undo" }, "↶ Undo");
    this.redoBtn = h("button", { class: "sb-btn sb-redo", type: "button",
      title: "Redo (Ctrl+Shift+Z)", "aria-label": "Redo" }, "↷ Redo");
    this.title = h("h2", { class: "sb-title" });
    this.subtitle = h("span", { class: "sb-subtitle" });
    this.legend = h("div", { class: "sb-legend", "aria-label": "Card colours" });
    const hint = h("p", { id: `${v}-hint`, class: "sb-sr-only" },
      "Press M or Enter to move this note to a theme, A to add it to another theme as "
      + "well, Delete to take it out of this theme, O to see where it came from, "
      + "Space to add it to the selection, E to expand its text, arrow keys to go to "
      + "other notes.");
    this.hintId = `${v}-hint`;

    this.pileList = h("div", { class: "sb-cards", role: "listbox",
      "aria-multiselectable": "true", "aria-label": "Unsorted notes" });
    this.pileCount = h("span", { class: "sb-theme-count" });
    this.pile = h("section", { class: "sb-pile", "data-theme-id": UNSORTED,
      "aria-label": "Unsorted notes" },
    h("header", { class: "sb-pile-head" }, h("h3", { class: "sb-theme-name" }, "Unsorted"),
      this.pileCount),
    this.pileList);

    this.newZone = h("div", { class: "sb-new-theme", "data-drop": "new-theme", tabindex: "0",
      role: "button", "aria-label": "New theme: drop notes here, or press Enter to create "
        + "an empty theme" },
    h("span", { class: "sb-new-plus", "aria-hidden": "true" }, "+"),
    h("span", {}, "Drop notes here to start a new theme"));
    this.themesEl = h("div", { class: "sb-themes", role: "list", "aria-label": "Themes" });
    this.bars = h("ol", { class: "sb-bars" });
    this.chartN = h("p", { class: "sb-chart-note" });
    this.chart = h("aside", { class: "sb-chart", "aria-label": "Participants per theme" },
      h("h3", { class: "sb-chart-title" }, "Participants per theme"), this.chartN, this.bars);

    this.menu = h("div", { class: "sb-menu", role: "dialog", "aria-label": "Move note to",
      hidden: true });
    this.panel = h("div", { class: "sb-panel", role: "dialog", "aria-label": "Theme",
      hidden: true });
    this.drawer = h("aside", { class: "sb-drawer", role: "dialog",
      "aria-label": "Where this note came from", hidden: true });

    this.root = h("div", {
      class: "synthesis-board", "data-lm-suppress-shortcuts": "true", role: "region",
      "aria-label": "Affinity board", "data-pending": "0",
    },
    h("div", { class: "sb-toolbar", role: "toolbar", "aria-label": "Board tools" },
      h("div", { class: "sb-heading" }, this.title, this.subtitle),
      this.search, this.fPid, this.fSeg, this.fSid,
      h("label", { class: "sb-label" }, "Colour by ", this.colourBy),
      h("span", { class: "sb-spacer" }),
      this.undoBtn, this.redoBtn, this.status),
    this.legend, hint,
    h("div", { class: "sb-body" }, this.pile,
      h("div", { class: "sb-board-area" }, h("div", { class: "sb-themes-wrap" }, this.newZone,
        this.themesEl)),
      this.chart),
    this.menu, this.panel, this.drawer);
    this.root.sbTimings = this.timings;
    this.host.append(this.root);
  }

  measureRender(t0) {
    // Render time = from the start of render() to the end of the first frame that shows
    // the board (style, layout and paint included), measured the same way as the static
    // page it is compared with in bench/bench_board.py. JupyterLab attaches the output
    // after render() returns; that short wait is inside the figure and also kept apart.
    this.root.dataset.buildMs = this.buildMs.toFixed(1);
    const painted = () => setTimeout(() => {
      this.root.dataset.renderMs = (performance.now() - t0).toFixed(1);
      this.root.dataset.rendered = "true";
    }, 0);
    const wait = () => {
      if (!this.root.isConnected) { setTimeout(wait, 0); return; }
      this.root.dataset.attachMs = (performance.now() - t0 - this.buildMs).toFixed(1);
      requestAnimationFrame(painted);
    };
    wait();
  }

  // -- events ----------------------------------------------------------------------------
  bind() {
    const m = this.model;
    const schedule = () => {
      if (this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(() => { this.scheduled = false; this.apply(); });
    };
    for (const name of ["cards", "people", "themes", "placements", "meta", "colour_by"]) {
      m.on(`change:${name}`, schedule);
    }
    m.on("msg:custom", (msg) => this.onMessage(msg));
    const r = this.root;
    r.addEventListener("dragstart", (e) => this.onDragStart(e));
    r.addEventListener("dragover", (e) => this.onDragOver(e));
    r.addEventListener("drop", (e) => this.onDrop(e));
    r.addEventListener("dragend", () => this.clearDrag());
    r.addEventListener("click", (e) => this.onClick(e));
    r.addEventListener("dblclick", (e) => this.onDblClick(e));
    r.addEventListener("keydown", (e) => this.onKey(e));
    this.search.addEventListener("input", () => {
      this.filter.q = this.search.value.trim().toLowerCase();
      this.applyFilter();
    });
    for (const [sel, key] of [[this.fPid, "pid"], [this.fSeg, "seg"], [this.fSid, "sid"]]) {
      sel.addEventListener("change", () => { this.filter[key] = sel.value; this.applyFilter(); });
    }
    this.colourBy.addEventListener("change", () => {
      m.set("colour_by", this.colourBy.value);
      m.save_changes();
      this.applyColours();
    });
    this.undoBtn.addEventListener("click", () => this.act({ type: "undo" }));
    this.redoBtn.addEventListener("click", () => this.act({ type: "redo" }));
  }

  // -- messages ----------------------------------------------------------------------------
  act(msg, notes = [], theme = null) {
    // `theme`: a theme whose header shows "saving" until the ack (rename, merge, delete).
    const id = `${this.vid}-${++this.seqNo}`;
    const full = { ...msg, id };
    this.pending.set(id, { op: msg.type, notes, theme, sent: performance.now(),
      sentAt: performance.timeOrigin + performance.now() });
    if (theme) this.themeEls.get(theme)?.head.classList.add("sb-pending");
    for (const n of notes) {
      this.pendingNotes.set(n, id);
      for (const el of this.elsOf(n)) {
        el.classList.add("sb-pending");
        el.setAttribute("aria-busy", "true");
      }
    }
    this.root.dataset.pending = String(this.pending.size);
    this.setStatus("saving", "Saving…");
    this.model.send(full);
    return id;
  }

  onMessage(msg) {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "source") { this.showSource(msg); return; }
    if (msg.type !== "ack") return;
    const req = this.pending.get(msg.id);
    if (!req) return; // another view's request: its state push reaches us anyway
    this.pending.delete(msg.id);
    // For the benchmark: drop -> committed (same wall clock in page and kernel), drop -> ack.
    this.timings.push({ op: req.op, ok: msg.ok, kernelMs: msg.ms,
      commitMs: msg.committed_at - req.sentAt, ackMs: performance.now() - req.sent,
      sent: req.sent, acked: performance.now() });
    const done = new Set(msg.ok ? msg.notes || [] : []);
    for (const n of req.notes) {
      if (this.pendingNotes.get(n) !== msg.id) continue;
      this.pendingNotes.delete(n);
      for (const el of this.elsOf(n)) {
        el.classList.remove("sb-pending");
        el.removeAttribute("aria-busy");
      }
      // A committed move shows until the state push that follows the ack; anything the
      // store did not change goes back to where the store has it.
      if (done.has(n)) this.confirmed.add(n);
      else if (this.local.delete(n)) this.placeCard(n);
    }
    if (req.theme) this.themeEls.get(req.theme)?.head.classList.remove("sb-pending");
    this.root.dataset.pending = String(this.pending.size);
    if (msg.ok) this.setStatus(this.pending.size ? "saving" : "saved",
      this.pending.size ? "Saving…" : `Saved. ${msg.summary || ""}`);
    else {
      this.setStatus("error", `Not saved: ${msg.error}`);
      const t = req.theme && this.themeById.get(req.theme);
      const te = req.theme && this.themeEls.get(req.theme);
      if (t && te && !te.editing) te.name.textContent = t.name;
    }
  }

  setStatus(state, text) {
    this.status.dataset.state = state;
    this.status.textContent = text;
  }

  // -- state -> DOM ------------------------------------------------------------------------
  apply() {
    const m = this.model;
    const meta = m.get("meta") || {};
    this.meta = meta;
    this.people = m.get("people") || {};
    this.themes = m.get("themes") || [];
    this.themeById = new Map(this.themes.map((t) => [t.id, t]));
    this.themeRank = new Map(this.themes.map((t, i) => [t.id, i]));
    this.placements = m.get("placements") || {};
    for (const n of this.confirmed) this.local.delete(n);
    this.confirmed.clear();
    this.n = meta.n_participants || 0;
    this.title.textContent = meta.study || "Affinity board";
    this.subtitle.textContent = meta.round ? `Round ${meta.round}` : "All rounds";
    this.root.setAttribute("aria-label",
      `Affinity board${meta.study ? `: ${meta.study}` : ""}${meta.round ? `, round ${meta.round}` : ""}`);
    this.root.dataset.seq = String(meta.seq || 0);
    this.undoBtn.disabled = !meta.can_undo;
    this.redoBtn.disabled = !meta.can_redo;
    const cards = m.get("cards") || [];
    const rebuild = cards !== this.cards;
    this.syncThemes();
    if (rebuild) this.buildCards(cards);
    else this.placeCards(null);
    this.dropGoneThemes();
    this.labelAll();
    this.updateCounts();
    this.drawBars();
    if (rebuild || this.peopleRef !== this.people) {
      this.peopleRef = this.people;
      this.buildFilters();
      this.applyColours();
      this.applyFilter();
    } else if (this.colourKey !== m.get("colour_by")) this.applyColours();
  }

  buildCards(cards) {
    this.cards = cards;
    this.cardEls.clear();
    this.cardData.clear();
    this.selected.clear();
    this.labelled.clear();
    for (const list of [this.pileList, ...[...this.themeEls.values()].map((t) => t.list)]) {
      list.replaceChildren();
    }
    const frags = new Map();
    const fragFor = (tid) => {
      let f = frags.get(tid);
      if (!f) { f = document.createDocumentFragment(); frags.set(tid, f); }
      return f;
    };
    cards.forEach((card, i) => {
      const el = this.makeCard(card, i);
      const els = new Map();
      this.cardEls.set(card.id, els);
      this.cardData.set(card.id, card);
      for (const col of this.columnsOf(card.id)) {
        const copy = els.size ? this.copyCard(el) : el;
        copy._col = col;
        els.set(col, copy);
        fragFor(col).append(copy);
      }
    });
    for (const [tid, frag] of frags) this.listFor(tid).append(frag);
  }

  makeCard(card, i) {
    // Cloning one template card is several times faster than building each from scratch,
    // which is most of the render time at thousands of notes.
    if (!this.cardTemplate) {
      this.cardTemplate = h("div", { class: "sb-card", tabindex: "0", draggable: "true",
        role: "option", "aria-selected": "false", "aria-describedby": this.hintId },
      h("p", { class: "sb-text" }),
      h("div", { class: "sb-meta" }, h("span", { class: "sb-pid" }),
        h("button", { class: "sb-open", type: "button", tabindex: "-1",
          "aria-label": "Where this note came from", title: "Where this note came from" },
        "⤢")));
    }
    const el = this.cardTemplate.cloneNode(true);
    el.setAttribute("data-note-id", card.id);
    el.firstChild.textContent = card.text;
    const meta = el.lastChild;
    meta.firstChild.textContent = card.pid || "—";
    const seg = (this.people[card.pid] || {}).segment;
    if (seg) {
      const chip = document.createElement("span");
      chip.className = "sb-seg";
      chip.textContent = seg;
      meta.insertBefore(chip, meta.lastChild);
    }
    el._idx = i;
    el._search = `${card.text}\n${card.pid || ""}`.toLowerCase();
    return el;
  }

  // -- a note in several themes: one card element per column -------------------------
  columnsOf(noteId) {
    // The columns a note shows in: its themes (board order), or the unsorted pile.
    const tids = (this.local.get(noteId) || this.placements[noteId] || [])
      .filter((t) => this.themeEls.has(t));
    tids.sort((a, b) => this.themeRank.get(a) - this.themeRank.get(b));
    return tids.length ? tids : [UNSORTED];
  }

  isUnsorted(noteId) {
    return this.columnsOf(noteId)[0] === UNSORTED;
  }

  elsOf(noteId) {
    return [...(this.cardEls.get(noteId)?.values() || [])];
  }

  elIn(noteId, col) {
    return this.cardEls.get(noteId)?.get(col) || this.elsOf(noteId)[0];
  }

  copyCard(el) {
    const copy = el.cloneNode(true);
    for (const k of ["_idx", "_search", "_hidden"]) copy[k] = el[k];
    copy.classList.remove("sb-selected", "sb-dragging");
    copy.setAttribute("aria-selected", "false");
    return copy;
  }

  placeCard(noteId) {
    // Make the note's card elements match its columns: reuse the ones that leave (a moved
    // card keeps its focus), copy for extra columns, drop the rest.
    const els = this.cardEls.get(noteId);
    if (!els) return;
    const want = this.columnsOf(noteId);
    const spare = [];
    for (const [col, el] of [...els]) {
      if (!want.includes(col)) { spare.push(el); els.delete(col); }
    }
    const model = spare[0] || els.values().next().value;
    for (const col of want) {
      if (els.has(col)) continue;
      const el = spare.shift() || this.copyCard(model);
      el._col = col;
      els.set(col, el);
      this.insertSorted(this.listFor(col), el);
    }
    for (const el of spare) {
      if (this.selected.get(noteId) === el._col) this.selected.delete(noteId);
      el.remove();
    }
    this.labelCopies(noteId);
  }

  labelCopies(noteId) {
    const els = this.cardEls.get(noteId);
    if (!els) return;
    if (els.size > 1) this.labelled.add(noteId); else this.labelled.delete(noteId);
    for (const [col, el] of els) {
      const others = [...els.keys()].filter((c) => c !== col && c !== UNSORTED)
        .map((c) => this.themeById.get(c)?.name).filter((x) => x !== undefined);
      let also = el.querySelector(".sb-also");
      if (!others.length) {
        also?.remove();
        el.removeAttribute("aria-description");
        continue;
      }
      if (!also) {
        also = h("p", { class: "sb-also" });
        el.insertBefore(also, el.lastChild);
      }
      const text = `also in ${others.join(", ")}`;
      if (also.textContent !== text) also.textContent = text;
      el.setAttribute("aria-description", text);
    }
  }

  labelAll() {
    // Theme names change (rename, merge): every card with copies says the current ones.
    for (const [id, els] of this.cardEls) {
      if (els.size > 1 || this.labelled.has(id)) this.labelCopies(id);
    }
  }

  listFor(tid) {
    return tid === UNSORTED ? this.pileList : this.themeEls.get(tid).list;
  }

  insertSorted(list, el) {
    const kids = list.children;
    let lo = 0;
    let hi = kids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kids[mid]._idx < el._idx) lo = mid + 1; else hi = mid;
    }
    if (kids[lo] !== el) list.insertBefore(el, kids[lo] || null);
  }

  placeCards(noteIds) {
    // Only cards whose columns changed move; a card still waiting for its ack keeps the
    // place the researcher dropped it on (`local`).
    for (const id of noteIds || [...this.cardEls.keys()]) {
      const els = this.cardEls.get(id);
      if (!els) continue;
      const want = this.columnsOf(id);
      if (want.length === els.size && want.every((c) => els.has(c))) continue;
      this.placeCard(id);
    }
  }

  syncThemes() {
    const live = new Set();
    for (const t of this.themes) {
      live.add(t.id);
      let te = this.themeEls.get(t.id);
      if (!te) { te = this.makeTheme(t); this.themeEls.set(t.id, te); }
      if (te.name.textContent !== t.name && !te.editing) te.name.textContent = t.name;
      te.list.setAttribute("aria-label", `Notes in ${t.name}`);
      te.btn.setAttribute("aria-label", `Actions for theme ${t.name}`);
      if (te.desc.textContent !== (t.description || "")) te.desc.textContent = t.description || "";
      te.desc.hidden = !t.description;
      const colour = this.themeColour(t);
      te.section.style.setProperty("--sb-theme", colour);
    }
    this.gone = [...this.themeEls.keys()].filter((id) => !live.has(id));
    // Regroup the columns only when the order or grouping changed.
    const key = this.themes.map((t) => `${t.id}<${t.parent || ""}`).join("|");
    if (key === this.layoutKey) return;
    this.layoutKey = key;
    const children = new Map();
    for (const t of this.themes) {
      const p = t.parent && this.themeById.has(t.parent) ? t.parent : "";
      if (!children.has(p)) children.set(p, []);
      children.get(p).push(t);
    }
    const frag = document.createDocumentFragment();
    const descend = (t, into, depth) => {
      const te = this.themeEls.get(t.id);
      te.section.dataset.depth = String(depth);
      te.parentLabel.textContent = depth ? `in ${this.themeById.get(t.parent).name}` : "";
      te.parentLabel.hidden = !depth;
      into.append(te.section);
      for (const c of children.get(t.id) || []) descend(c, into, depth + 1);
    };
    for (const t of children.get("") || []) {
      if ((children.get(t.id) || []).length) {
        const group = h("div", { class: "sb-group", role: "listitem",
          "aria-label": `Group ${t.name}` });
        descend(t, group, 0);
        frag.append(group);
      } else {
        this.themeEls.get(t.id).section.setAttribute("role", "listitem");
        descend(t, frag, 0);
      }
    }
    this.themesEl.replaceChildren(frag);
  }

  dropGoneThemes() {
    for (const id of this.gone || []) {
      const te = this.themeEls.get(id);
      const notes = [...te.list.children].map((el) => el.dataset.noteId);
      te.section.remove();
      this.themeEls.delete(id);
      this.layoutKey = "";
      for (const n of notes) this.placeCard(n);
    }
    this.gone = [];
  }

  makeTheme(t) {
    const nameId = `${this.vid}-t-${t.id}`;
    const name = h("h3", { class: "sb-theme-name", id: nameId, tabindex: "0",
      title: "Double-click (or F2) to rename" });
    const btn = h("button", { class: "sb-theme-btn", type: "button", "aria-haspopup": "dialog",
      "data-theme-action": t.id }, "⋯");
    const swatch = h("span", { class: "sb-swatch", "aria-hidden": "true" });
    const head = h("header", { class: "sb-theme-head", draggable: "true",
      "data-theme-head": t.id, title: "Drag onto another theme to merge" },
    h("span", { class: "sb-grip", "aria-hidden": "true" }, "⠿"), swatch, name, btn);
    const count = h("p", { class: "sb-theme-count" });
    const desc = h("p", { class: "sb-theme-desc" });
    const parentLabel = h("p", { class: "sb-theme-parent" });
    const list = h("div", { class: "sb-cards", role: "listbox", "aria-multiselectable": "true" });
    const section = h("section", { class: "sb-theme", "data-theme-id": t.id,
      "aria-labelledby": nameId }, head, parentLabel, count, desc, list);
    return { section, head, name, btn, swatch, count, desc, parentLabel, list, editing: false };
  }

  themeColour(t) {
    if (t.colour && /^#[0-9a-fA-F]{6}$/.test(t.colour)) return t.colour;
    const i = this.themes.indexOf(t);
    return PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
  }

  updateCounts() {
    for (const t of this.themes) {
      const te = this.themeEls.get(t.id);
      const text = countLabel(t, this.n);
      if (te.count.textContent !== text) te.count.textContent = text;
    }
    let unsorted = 0;
    for (const id of this.cardEls.keys()) if (this.isUnsorted(id)) unsorted++;
    this.pileCount.textContent = plural(unsorted, "note", "notes");
    this.root.dataset.unsorted = String(unsorted);
  }

  drawBars() {
    const themes = [...this.themes].sort((a, b) => b.participants - a.participants
      || b.notes - a.notes || a.name.localeCompare(b.name));
    const n = this.n || 1;
    this.chartN.textContent = `${this.n} participants in ${this.meta.round ? `round ${this.meta.round}` : "the study"}`;
    const frag = document.createDocumentFragment();
    for (const t of themes) {
      const fill = h("span", { class: "sb-bar-fill" });
      fill.style.width = `${(100 * t.participants) / n}%`;
      fill.style.background = this.themeColour(t);
      frag.append(h("li", { class: "sb-bar", "data-theme-id-bar": t.id },
        h("span", { class: "sb-bar-label", text: t.name }),
        h("span", { class: "sb-bar-track", "aria-hidden": "true" }, fill),
        h("span", { class: "sb-bar-value", text: `${t.participants} of ${this.n}` })));
    }
    this.bars.replaceChildren(frag);
  }

  // -- filters and colours -------------------------------------------------------------
  buildFilters() {
    const fill = (sel, label, values) => {
      const keep = sel.value;
      sel.replaceChildren(h("option", { value: "" }, label),
        ...values.map((v) => h("option", { value: v, text: v })));
      sel.value = values.includes(keep) ? keep : "";
      sel.hidden = values.length === 0;
    };
    const pids = [...new Set(this.cards.map((c) => c.pid).filter(Boolean))].sort();
    fill(this.fPid, "All participants", pids);
    const segs = [...new Set(Object.values(this.people).map((p) => p.segment)
      .filter(Boolean))].sort();
    fill(this.fSeg, "All segments", segs);
    fill(this.fSid, "All sessions", this.meta.sessions || []);
    this.filter.pid = this.fPid.value;
    this.filter.seg = this.fSeg.value;
    this.filter.sid = this.fSid.value;
    const options = ["participant", ...(this.meta.attributes || [])];
    const current = this.model.get("colour_by");
    this.colourBy.replaceChildren(h("option", { value: "" }, "nothing"),
      ...options.map((o) => h("option", { value: o, text: o })));
    this.colourBy.value = options.includes(current) ? current : "";
  }

  applyFilter() {
    const t0 = performance.now();
    const { q, pid, seg, sid } = this.filter;
    let shown = 0;
    for (const [id, els] of this.cardEls) {
      const card = this.cardData.get(id);
      const first = els.values().next().value;
      const ok = (!q || first._search.includes(q)) && (!pid || card.pid === pid)
        && (!sid || card.sid === sid)
        && (!seg || (this.people[card.pid] || {}).segment === seg);
      if (ok) shown++; // notes, not card elements: a note in two themes counts once
      for (const el of els.values()) {
        if (el._hidden === !ok) continue;
        el._hidden = !ok;
        el.classList.toggle("sb-hidden", !ok);
      }
    }
    void this.root.offsetHeight; // count the layout the change causes in the measurement
    const ms = performance.now() - t0;
    this.root.dataset.filterMs = ms.toFixed(1);
    this.root.dataset.shown = String(shown);
    const active = q || pid || seg || sid;
    if (active) this.setStatus(this.status.dataset.state === "error" ? "error" : "idle",
      `Showing ${plural(shown, "note", "notes")} of ${this.cardEls.size}.`);
  }

  applyColours() {
    const by = this.model.get("colour_by") || "";
    this.colourKey = by;
    const values = new Map();
    const valueOf = (card) => (by === "participant" ? card.pid
      : (this.people[card.pid] || {})[by]);
    if (by) {
      const all = [...new Set(this.cards.map(valueOf).filter((v) => v !== undefined
        && v !== null))].sort();
      all.forEach((v, i) => values.set(v, PALETTE[i % PALETTE.length]));
    }
    for (const [id, els] of this.cardEls) {
      const colour = by ? values.get(valueOf(this.cardData.get(id))) : null;
      for (const el of els.values()) {
        if (colour) el.style.setProperty("--sb-accent", colour);
        else el.style.removeProperty("--sb-accent");
      }
    }
    const chips = [...values].slice(0, 24).map(([v, c]) => {
      const dot = h("span", { class: "sb-dot", "aria-hidden": "true" });
      dot.style.background = c;
      return h("span", { class: "sb-chip" }, dot, h("span", { text: v }));
    });
    if (values.size > 24) chips.push(h("span", { class: "sb-chip" }, `+${values.size - 24} more`));
    this.legend.replaceChildren(...(by ? [h("span", { class: "sb-legend-title" },
      `Colour: ${by}`), ...chips] : []));
  }

  // -- selection and clicks ------------------------------------------------------------
  select(id, on, col) {
    // A selection is of cards: the note and the column its selected card is in.
    if (!this.cardEls.has(id)) return;
    const mark = (el, value) => {
      el?.classList.toggle("sb-selected", value);
      el?.setAttribute("aria-selected", value ? "true" : "false");
    };
    if (this.selected.has(id)) mark(this.elIn(id, this.selected.get(id)), false);
    this.selected.delete(id);
    if (!on) return;
    const where = col ?? this.columnsOf(id)[0];
    this.selected.set(id, where);
    mark(this.elIn(id, where), true);
  }

  clearSelection() {
    for (const id of [...this.selected.keys()]) this.select(id, false);
  }

  fromFor(ids, id, col) {
    // The column each note leaves: the dragged card's own, a selected card's column.
    const from = {};
    for (const n of ids) from[n] = n === id ? col : (this.selected.get(n) ?? col);
    return from;
  }

  onClick(e) {
    const t = e.target;
    if (t.closest(".sb-open")) {
      const card = t.closest(".sb-card");
      this.openSource(card.dataset.noteId, card);
      return;
    }
    const actionBtn = t.closest("[data-theme-action]");
    if (actionBtn) { this.openPanel(actionBtn.dataset.themeAction, actionBtn); return; }
    if (t.closest("[data-drop='new-theme']")) {
      const ids = this.orderedSelection();
      this.createTheme(ids, { from: { ...Object.fromEntries(this.selected) } });
      return;
    }
    const card = t.closest(".sb-card");
    if (card) {
      const id = card.dataset.noteId;
      const mine = this.selected.get(id) === card._col;
      if (e.shiftKey || e.ctrlKey || e.metaKey) this.select(id, !mine, card._col);
      else {
        const only = this.selected.size === 1 && mine;
        this.clearSelection();
        if (!only) this.select(id, true, card._col);
      }
    }
  }

  onDblClick(e) {
    const name = e.target.closest(".sb-theme-name");
    const section = e.target.closest("[data-theme-id]");
    if (name && section && section.dataset.themeId !== UNSORTED) {
      this.startRename(section.dataset.themeId);
      return;
    }
    const card = e.target.closest(".sb-card");
    if (card) card.classList.toggle("sb-expanded");
  }

  // -- drag and drop -------------------------------------------------------------------
  onDragStart(e) {
    const head = e.target.closest && e.target.closest("[data-theme-head]");
    if (head && !e.target.closest(".sb-card")) {
      const tid = head.dataset.themeHead;
      this.drag = { theme: tid };
      e.dataTransfer.setData(MIME_THEME, tid);
      e.dataTransfer.setData("text/plain", `theme:${tid}`);
      e.dataTransfer.effectAllowed = "move";
      head.closest(".sb-theme").classList.add("sb-dragging");
      return;
    }
    const card = e.target.closest && e.target.closest(".sb-card");
    if (!card) return;
    const id = card.dataset.noteId;
    const ids = this.selected.has(id) ? this.orderedSelection() : [id];
    const from = this.fromFor(ids, id, card._col);
    this.drag = { notes: ids, from };
    e.dataTransfer.setData(MIME_NOTES, JSON.stringify(ids));
    e.dataTransfer.setData("text/plain", ids.join(" "));
    e.dataTransfer.effectAllowed = "copyMove"; // Alt/Option: add, keeping the other themes
    for (const n of ids) this.elIn(n, from[n])?.classList.add("sb-dragging");
  }

  orderedSelection() {
    return [...this.selected.keys()].sort((a, b) => this.elIn(a)._idx - this.elIn(b)._idx);
  }

  dropTarget(e) {
    if (!this.drag) return null;
    const t = e.target.closest ? e.target : e.target.parentElement;
    if (!t) return null;
    if (this.drag.notes) {
      const zone = t.closest("[data-drop='new-theme']");
      if (zone) return { el: zone, kind: "new" };
      const card = t.closest(".sb-card");
      if (card && card.parentNode === this.pileList && !this.drag.notes.includes(card.dataset.noteId)
        && this.drag.notes.every((n) => this.isUnsorted(n))) {
        return { el: card, kind: "pair", note: card.dataset.noteId };
      }
      const sec = t.closest("[data-theme-id]");
      if (sec) return { el: sec, kind: "move", theme: sec.dataset.themeId };
      return null;
    }
    const sec = t.closest("[data-theme-id]");
    if (sec && sec.dataset.themeId !== UNSORTED && sec.dataset.themeId !== this.drag.theme) {
      return { el: sec, kind: "merge", theme: sec.dataset.themeId };
    }
    return null;
  }

  onDragOver(e) {
    const target = this.dropTarget(e);
    if (!target) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = e.altKey && target.kind !== "merge" ? "copy" : "move";
    if (this.overEl !== target.el) {
      this.overEl?.classList.remove("sb-over");
      this.overEl = target.el;
      target.el.classList.add("sb-over");
    }
  }

  onDrop(e) {
    const target = this.dropTarget(e);
    const drag = this.drag;
    this.clearDrag();
    if (!target || !drag) return;
    e.preventDefault();
    const how = { from: drag.from, add: e.altKey };
    if (target.kind === "merge") {
      this.act({ type: "merge", source: drag.theme, target: target.theme }, [], drag.theme);
    } else if (target.kind === "new") this.createTheme(drag.notes, how);
    else if (target.kind === "pair") this.createTheme([target.note, ...drag.notes]);
    else this.moveNotes(drag.notes, target.theme, how);
  }

  clearDrag() {
    this.drag = null;
    this.overEl?.classList.remove("sb-over");
    this.overEl = null;
    for (const el of this.root.querySelectorAll(".sb-dragging")) el.classList.remove("sb-dragging");
  }

  moveNotes(ids, tid, { from = {}, add = false } = {}) {
    // Each note leaves the column it came from (`from`) and keeps its other themes; with
    // `add` it leaves nothing. To unsorted: out of that one theme.
    const next = new Map();
    for (const n of ids) {
      if (!this.cardEls.has(n)) continue;
      const cols = this.columnsOf(n).filter((c) => c !== UNSORTED);
      const src = from[n];
      let want;
      if (tid === UNSORTED) want = src && src !== UNSORTED ? cols.filter((c) => c !== src) : [];
      else if (src === tid && !add) continue;
      else want = [...cols.filter((c) => c !== tid && (add || c !== src)), tid];
      if (want.length === cols.length && want.every((c) => cols.includes(c))) continue;
      next.set(n, want);
    }
    if (!next.size) return;
    const moving = [...next.keys()];
    const sources = [...new Set(moving.map((n) => from[n] ?? ""))];
    const fromField = sources.length === 1 ? sources[0] || null
      : Object.fromEntries(moving.map((n) => [n, from[n] ?? null]));
    this.act({ type: "move", notes: moving, to: tid, from: fromField, add }, moving);
    for (const [n, want] of next) { // shown at once, marked "saving" until the ack
      this.local.set(n, want);
      this.placeCard(n);
    }
    this.clearSelection();
  }

  createTheme(ids, { from = {}, add = false } = {}) {
    this.act({ type: "new_theme", notes: ids, from: add ? null : from, add }, ids);
    this.clearSelection();
  }

  // -- keyboard ------------------------------------------------------------------------
  onKey(e) {
    const mod = e.ctrlKey || e.metaKey;
    if (this.menuOpen && this.menu.contains(e.target)) return; // the menu handles its keys
    if (mod && (e.key === "z" || e.key === "Z" || e.key === "y") && !isTextInput(e.target)) {
      e.preventDefault();
      e.stopPropagation();
      this.act({ type: (e.shiftKey || e.key === "y") ? "redo" : "undo" });
      return;
    }
    if (e.key === "Escape") {
      if (!this.drawer.hidden) { this.closeDrawer(); e.preventDefault(); return; }
      if (!this.panel.hidden) { this.closePanel(); e.preventDefault(); return; }
      this.clearSelection();
      return;
    }
    if (isTextInput(e.target)) return;
    const name = e.target.closest(".sb-theme-name");
    if (name && (e.key === "F2" || e.key === "Enter")) {
      const sec = name.closest("[data-theme-id]");
      if (sec.dataset.themeId !== UNSORTED) { e.preventDefault(); this.startRename(sec.dataset.themeId); }
      return;
    }
    if (e.target === this.newZone && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      const ids = this.orderedSelection();
      this.createTheme(ids, { from: Object.fromEntries(this.selected) });
      return;
    }
    const card = e.target.closest(".sb-card");
    if (!card || mod) return;
    const id = card.dataset.noteId;
    const key = e.key;
    if (key === "m" || key === "M" || key === "Enter") { e.preventDefault(); this.openMenu(card); }
    else if (key === "a" || key === "A") { e.preventDefault(); this.openMenu(card, true); }
    else if (key === " ") {
      e.preventDefault();
      this.select(id, this.selected.get(id) !== card._col, card._col);
    } else if (key === "o" || key === "O") { e.preventDefault(); this.openSource(id, card); }
    else if (key === "e" || key === "E") { e.preventDefault(); card.classList.toggle("sb-expanded"); }
    else if (key === "Delete" || key === "Backspace") {
      e.preventDefault();
      const ids = this.selected.has(id) ? this.orderedSelection() : [id];
      this.moveNotes(ids, UNSORTED, { from: this.fromFor(ids, id, card._col) });
      if (card.isConnected) card.focus(); else this.elIn(id)?.focus();
    } else if (key.startsWith("Arrow")) { e.preventDefault(); this.focusNext(card, key); }
  }

  focusNext(card, key) {
    const visible = (el) => el && !el._hidden;
    let next = null;
    if (key === "ArrowDown" || key === "ArrowUp") {
      next = card;
      do { next = key === "ArrowDown" ? next.nextElementSibling : next.previousElementSibling; }
      while (next && !visible(next));
    } else {
      const lists = [...this.root.querySelectorAll(".sb-cards")];
      let i = lists.indexOf(card.parentNode);
      const step = key === "ArrowRight" ? 1 : -1;
      for (i += step; i >= 0 && i < lists.length && !next; i += step) {
        next = [...lists[i].children].find(visible) || null;
      }
    }
    if (next) next.focus();
  }

  openMenu(card, add = false) {
    // "Move to" (M, Enter): out of this card's column into another. "Also add to" (A):
    // into one more theme, leaving nothing.
    const id = card.dataset.noteId;
    const ids = this.selected.has(id) ? this.orderedSelection() : [id];
    const from = this.fromFor(ids, id, card._col);
    const verb = add ? "Also add" : "Move";
    const input = h("input", { class: "sb-menu-filter", type: "text", role: "combobox",
      "aria-expanded": "true", "aria-autocomplete": "list", "aria-controls": `${this.vid}-menu`,
      "aria-label": `${verb} ${plural(ids.length, "note", "notes")} to: type to filter themes`,
      placeholder: `${verb} to… (type to filter)` });
    const list = h("ul", { class: "sb-menu-list", role: "listbox", id: `${this.vid}-menu` });
    const inAll = (tid) => ids.every((n) => this.columnsOf(n).includes(tid));
    const options = [...(add ? [] : [{ id: UNSORTED, label: "Unsorted" }]),
      ...this.themes.filter((t) => !add || !inAll(t.id)).map((t) => ({ id: t.id, label: t.name })),
      { id: "__new__", label: "+ New theme" }];
    let active = 0;
    let shown = options;
    const draw = () => {
      const q = input.value.trim().toLowerCase();
      shown = options.filter((o) => !q || o.label.toLowerCase().includes(q) || o.id === "__new__");
      active = Math.min(active, shown.length - 1);
      list.replaceChildren(...shown.map((o, i) => {
        const li = h("li", { role: "option", id: `${this.vid}-opt-${i}`, class: "sb-menu-item",
          "aria-selected": i === active ? "true" : "false", "data-target": o.id, text: o.label });
        li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(o); });
        return li;
      }));
      input.setAttribute("aria-activedescendant", `${this.vid}-opt-${active}`);
    };
    const close = () => { this.menu.hidden = true; this.menuOpen = false; card.focus(); };
    const choose = (o) => {
      this.menu.hidden = true;
      this.menuOpen = false;
      if (o.id === "__new__") this.createTheme(ids, { from, add });
      else this.moveNotes(ids, o.id, { from, add });
      const el = card.isConnected ? card : this.elIn(id, o.id);
      if (el) el.focus();
    };
    input.addEventListener("input", () => { active = 0; draw(); });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown") { active = (active + 1) % shown.length; draw(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp") { active = (active - 1 + shown.length) % shown.length; draw(); ev.preventDefault(); }
      else if (ev.key === "Enter") { ev.preventDefault(); if (shown[active]) choose(shown[active]); }
      else if (ev.key === "Escape" || ev.key === "Tab") { ev.preventDefault(); close(); }
      ev.stopPropagation();
    });
    input.addEventListener("blur", () => { if (this.menuOpen) setTimeout(() => {
      if (this.menuOpen && !this.menu.contains(document.activeElement)) close();
    }, 150); });
    this.menu.setAttribute("aria-label", `${verb} note to`);
    this.menu.replaceChildren(h("p", { class: "sb-menu-title" },
      `${verb} ${plural(ids.length, "note", "notes")} to`), input, list);
    this.placePopup(this.menu, card);
    this.menu.hidden = false;
    this.menuOpen = true;
    draw();
    input.focus();
  }

  placePopup(popup, anchor) {
    const r = this.root.getBoundingClientRect();
    const a = anchor.getBoundingClientRect();
    const left = Math.max(0, Math.min(a.left - r.left, r.width - 300));
    popup.style.left = `${left}px`;
    popup.style.top = `${a.bottom - r.top + 4}px`;
  }

  // -- theme editing -------------------------------------------------------------------
  startRename(tid) {
    const te = this.themeEls.get(tid);
    const theme = this.themeById.get(tid);
    if (!te || !theme || te.editing) return;
    te.editing = true;
    te.head.draggable = false; // so the text in the box can be selected with the mouse
    const input = h("input", { class: "sb-rename", type: "text", value: theme.name,
      "aria-label": "Theme name", maxlength: "200" });
    input.value = theme.name;
    te.name.replaceChildren(input);
    input.focus();
    input.select();
    let done = false;
    const finish = (save) => {
      if (done) return;
      done = true;
      te.editing = false;
      te.head.draggable = true;
      const name = input.value.trim();
      if (save && name && name !== theme.name) {
        te.name.textContent = name;
        this.act({ type: "rename", theme: tid, name }, [], tid);
      } else te.name.textContent = theme.name;
      te.name.focus();
    };
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") { ev.preventDefault(); finish(true); }
      if (ev.key === "Escape") { ev.preventDefault(); finish(false); }
      ev.stopPropagation();
    });
    input.addEventListener("blur", () => finish(true));
  }

  openPanel(tid, anchor) {
    const t = this.themeById.get(tid);
    if (!t) return;
    const desc = h("textarea", { class: "sb-panel-desc", rows: "3",
      "aria-label": "Description", placeholder: "What this theme means…" });
    desc.value = t.description || "";
    const colour = h("input", { type: "color", class: "sb-panel-colour",
      "aria-label": "Theme colour" });
    colour.value = this.themeColour(t);
    const descendants = new Set([tid]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const o of this.themes) {
        if (o.parent && descendants.has(o.parent) && !descendants.has(o.id)) {
          descendants.add(o.id);
          grew = true;
        }
      }
    }
    const parent = h("select", { class: "sb-panel-parent", "aria-label": "Group under" },
      h("option", { value: "" }, "(no group)"),
      ...this.themes.filter((o) => !descendants.has(o.id))
        .map((o) => h("option", { value: o.id, text: o.name })));
    parent.value = t.parent || "";
    const del = h("button", { type: "button", class: "sb-btn sb-danger" }, "Delete theme");
    let armed = false;
    del.addEventListener("click", () => {
      if (!armed) {
        armed = true;
        del.textContent = "Click again: its notes leave it (unsorted if it was their only theme)";
        return;
      }
      this.closePanel();
      this.act({ type: "delete", theme: tid }, [], tid);
    });
    const sibs = this.themes.filter((o) => (o.parent || "") === (t.parent || ""));
    const move = (step) => {
      const order = this.themes.map((o) => o.id);
      const i = sibs.findIndex((o) => o.id === tid);
      const j = i + step;
      if (j < 0 || j >= sibs.length) return;
      const a = order.indexOf(tid);
      const b = order.indexOf(sibs[j].id);
      [order[a], order[b]] = [order[b], order[a]];
      this.act({ type: "reorder", themes: order });
    };
    const saveDesc = h("button", { type: "button", class: "sb-btn" }, "Save description");
    saveDesc.addEventListener("click", () => {
      if (desc.value !== (t.description || "")) this.act({ type: "describe", theme: tid, text: desc.value });
    });
    colour.addEventListener("change", () => this.act({ type: "recolour", theme: tid, colour: colour.value }));
    parent.addEventListener("change", () => this.act({ type: "group", theme: tid, parent: parent.value || null }));
    const earlier = h("button", { type: "button", class: "sb-btn" }, "◀ Move earlier");
    const later = h("button", { type: "button", class: "sb-btn" }, "Move later ▶");
    earlier.addEventListener("click", () => move(-1));
    later.addEventListener("click", () => move(1));
    const rename = h("button", { type: "button", class: "sb-btn" }, "Rename");
    rename.addEventListener("click", () => { this.closePanel(); this.startRename(tid); });
    const close = h("button", { type: "button", class: "sb-btn", "aria-label": "Close" }, "Close");
    close.addEventListener("click", () => this.closePanel());
    this.panel.setAttribute("aria-label", `Theme ${t.name}`);
    this.panel.replaceChildren(
      h("p", { class: "sb-panel-title", text: t.name }),
      h("label", { class: "sb-field" }, "Description", desc), saveDesc,
      h("label", { class: "sb-field sb-inline" }, "Colour ", colour),
      h("label", { class: "sb-field" }, "Group under", parent),
      h("div", { class: "sb-row" }, earlier, later),
      h("div", { class: "sb-row" }, rename, del, close));
    this.panelAnchor = anchor;
    this.placePopup(this.panel, anchor);
    this.panel.hidden = false;
    desc.focus();
  }

  closePanel() {
    this.panel.hidden = true;
    this.panelAnchor?.focus();
  }

  // -- where a note came from ---------------------------------------------------------
  openSource(noteId, back) {
    const id = `${this.vid}-src-${++this.seqNo}`;
    this.sourceFor = { id, noteId, back: back || this.elIn(noteId) };
    const card = this.cardData.get(noteId);
    this.drawer.replaceChildren(this.drawerClose(),
      h("h3", { class: "sb-drawer-title" }, "Where this note came from"),
      h("blockquote", { class: "sb-drawer-note", text: card ? card.text : "" }),
      h("p", { class: "sb-muted" }, "Loading…"));
    this.drawer.hidden = false;
    this.drawer.querySelector("button").focus();
    this.model.send({ type: "source", id, note: noteId });
  }

  drawerClose() {
    const b = h("button", { type: "button", class: "sb-btn sb-drawer-close",
      "aria-label": "Close" }, "✕");
    b.addEventListener("click", () => this.closeDrawer());
    return b;
  }

  closeDrawer() {
    this.drawer.hidden = true;
    this.sourceFor?.back?.focus();
  }

  showSource(msg) {
    if (!this.sourceFor || this.sourceFor.id !== msg.id) return;
    const parts = [this.drawerClose(),
      h("h3", { class: "sb-drawer-title" }, "Where this note came from")];
    if (!msg.ok) {
      parts.push(h("p", { class: "sb-error", text: msg.error }));
      this.drawer.replaceChildren(...parts);
      this.drawer.querySelector(".sb-drawer-close").focus();
      return;
    }
    parts.push(h("blockquote", { class: "sb-drawer-note", text: msg.text }));
    const facts = h("dl", { class: "sb-facts" });
    const fact = (k, v) => { if (v) facts.append(h("dt", { text: k }), h("dd", { text: v })); };
    fact("Participant", msg.participant ? msg.participant.id : "unknown");
    if (msg.participant) {
      for (const [k, v] of Object.entries(msg.participant.attributes)) fact(k, v);
    }
    fact("Session", msg.session);
    fact("Source", [msg.source, msg.ref].filter(Boolean).join(", "));
    parts.push(facts);
    if (msg.turns && msg.turns.length) {
      parts.push(h("h4", { class: "sb-drawer-sub" }, msg.linked ? "Around this moment"
        : "Start of the interview"));
      parts.push(h("ol", { class: "sb-turns" }, ...msg.turns.map((t) => h("li", {
        class: `sb-turn sb-role-${t.role || "other"}${t.current ? " sb-current" : ""}`,
        "aria-current": t.current ? "true" : null,
      }, h("span", { class: "sb-speaker", text: t.speaker || t.role || "?" }),
      h("span", { class: "sb-turn-text", text: t.text })))));
    } else parts.push(h("p", { class: "sb-muted" }, "No transcript is linked to this note."));
    const hadFocus = this.drawer.contains(document.activeElement)
      || document.activeElement === document.body;
    this.drawer.replaceChildren(...parts);
    if (hadFocus) this.drawer.querySelector(".sb-drawer-close").focus();
    this.drawer.querySelector(".sb-current")?.scrollIntoView({ block: "nearest" });
  }
}

export default {
  render({ model, el }) {
    const view = new BoardView(model, el);
    return () => view.destroy();
  },
};
