// Generated from synthesis/board/js/ by esbuild (npm run build, or make js): do not edit.

// synthesis/board/js/dom.js
var UNSORTED = "unsorted";
var NO_COLOUR = "#BBBBBB";
var SUPPRESS = "data-lm-suppress-shortcuts";
var FOCUSABLE_TAGS = /* @__PURE__ */ new Set(["BUTTON", "INPUT", "SELECT", "TEXTAREA"]);
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === void 0 || v === false) continue;
      if (k === "class") el.className = v;
      else if (k === "text") el.textContent = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  for (const c of children) {
    if (c === null || c === void 0 || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  if (FOCUSABLE_TAGS.has(el.tagName) || el.hasAttribute("tabindex")) el.setAttribute(SUPPRESS, "true");
  return el;
}
function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}
function countLabel(theme, n) {
  return `${plural(theme.notes, "note", "notes")} · ${theme.participants} of ${n} participants`;
}
function editInPlace(box, value, label, finish) {
  const input = h("input", {
    class: "sb-rename",
    type: "text",
    "aria-label": label,
    maxlength: "200"
  });
  input.value = value;
  box.replaceChildren(input);
  input.focus();
  input.select();
  let done = false;
  const end = (save) => {
    if (done) return;
    done = true;
    finish(save, input.value.trim());
  };
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      ev.preventDefault();
      end(true);
    }
    if (ev.key === "Escape") {
      ev.preventDefault();
      end(false);
    }
    ev.stopPropagation();
  });
  input.addEventListener("blur", () => end(true));
}
function isTextInput(el) {
  if (!(el instanceof HTMLElement)) return false;
  return el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable;
}
function closest(target, selector) {
  const el = target instanceof Element ? target : target instanceof Node ? target.parentElement : null;
  return el ? (
    /** @type {HTMLElement | null} */
    el.closest(selector)
  ) : null;
}
function themeColour(theme) {
  if (theme.colour && /^#[0-9a-fA-F]{6}$/.test(theme.colour)) return theme.colour;
  return NO_COLOUR;
}
function panel(cls, label, close) {
  const el = h("div", { class: cls, role: "dialog", "aria-label": label, hidden: true });
  el.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  });
  return el;
}
function closeButton(close) {
  return h("button", {
    type: "button",
    class: "sb-btn sb-drawer-close",
    "aria-label": "Close",
    onclick: close
  }, "✕");
}

// synthesis/board/js/spans.js
function segments(length, spans) {
  const cuts = /* @__PURE__ */ new Set([0, length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(length, s.start)));
    cuts.add(Math.max(0, Math.min(length, s.end)));
  }
  const at = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < at.length; i++) {
    const start = at[i];
    const end = at[i + 1];
    if (end <= start) continue;
    const cover = [];
    spans.forEach((s, j) => {
      if (s.start <= start && s.end >= end) cover.push(j);
    });
    out.push({ start, end, cover });
  }
  return out;
}
function trimRange(text, start, end) {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
function spanOf(turns, start, end) {
  const list = [...turns];
  while (list.length > 1 && !list[list.length - 1].text.slice(0, end).trim()) {
    list.pop();
    end = list[list.length - 1].text.length;
  }
  while (list.length > 1 && !list[0].text.slice(start).trim()) {
    list.shift();
    start = 0;
  }
  const head = list[0];
  const tail = list[list.length - 1];
  if (list.length === 1) {
    const one = trimRange(head.text, start, end);
    return one.end > one.start ? { utterance: head.id, ...one, text: head.text.slice(one.start, one.end) } : null;
  }
  const from = trimRange(head.text, start, head.text.length).start;
  const to = trimRange(tail.text, 0, end).end;
  const text = [head.text.slice(from), ...list.slice(1, -1).map((t) => t.text), tail.text.slice(0, to)].join("\n");
  return { utterance: head.id, start: from, end: to, text, through: tail.id };
}
function offsetIn(el, node, offset) {
  if (!el.contains(node)) {
    const before = el.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING;
    return before ? 0 : (el.textContent || "").length;
  }
  const r = document.createRange();
  r.setStart(el, 0);
  r.setEnd(node, offset);
  return r.toString().length;
}

// synthesis/board/js/reader.js
function clock(s) {
  if (s === null || s === void 0 || !Number.isFinite(s)) return "";
  const t = Math.floor(s);
  const hh = Math.floor(t / 3600);
  const mm = Math.floor(t % 3600 / 60);
  const ss = String(t % 60).padStart(2, "0");
  return hh ? `${hh}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}
function tint(colour, alpha) {
  return `${themeColour({ colour })}${alpha}`;
}
var Reader = class {
  /**
   * @param {{send: (action: {type: string} & Record<string, any>) => void,
   *   onClose?: () => void}} hooks  `send` delivers an action (the board's act, or the
   *   widget's model); with `onClose` the reader has a close button (the board's panel)
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.data = null;
    this.turnEls = /* @__PURE__ */ new Map();
    this.status = h("span", { class: "st-status", role: "status", "aria-live": "polite" });
    this.search = h("input", {
      class: "st-search",
      type: "search",
      placeholder: "Search the transcript",
      "aria-label": "Search the transcript"
    });
    this.found = h("span", { class: "st-found" });
    this.theme = h("select", { class: "st-theme", "aria-label": "Put new notes in" });
    this.noteBtn = h(
      "button",
      {
        type: "button",
        class: "st-btn st-note",
        "data-action": "note-from-selection",
        title: "Make the selected words a note (N)"
      },
      "Note (N)"
    );
    this.title = h("h3", { class: "st-title" });
    this.facts = h("span", { class: "st-facts" });
    this.list = h("ol", { class: "st-turns", "aria-label": "Turns" });
    const close = hooks.onClose ? h("button", {
      type: "button",
      class: "st-btn st-close",
      "aria-label": "Close the transcript",
      onclick: hooks.onClose
    }, "✕") : null;
    this.root = h(
      "div",
      {
        class: "synthesis-transcript",
        "data-lm-suppress-shortcuts": "true",
        role: "region",
        "aria-label": "Transcript"
      },
      h("header", { class: "st-head" }, this.title, this.facts, close),
      h(
        "div",
        { class: "st-tools" },
        this.search,
        this.found,
        h("span", { class: "st-spacer" }),
        h("label", { class: "st-label" }, "Into ", this.theme),
        this.noteBtn
      ),
      h("p", { class: "st-hint" }, "Select words in one turn (or one speaker's turns in a row), then press N or Note. ↑ ↓ (or j k) go turn by turn. Coloured words are notes in a theme (its colour), dotted ones notes not sorted yet."),
      this.status,
      this.list
    );
    this.search.addEventListener("input", () => this.filter());
    this.search.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter") {
        e.preventDefault();
        this.nextMatch(e.shiftKey ? -1 : 1);
      }
    });
    this.noteBtn.addEventListener("mousedown", (e) => e.preventDefault());
    this.noteBtn.addEventListener("click", () => this.noteFromSelection());
    this.root.addEventListener("keydown", (e) => this.onKey(e));
  }
  /**
   * Draw a session (again, after a note was made: the choice of theme and the search stay).
   * @param {TranscriptData} data @param {{note?: string}} [opts]  a note to scroll to
   */
  show(data, opts = {}) {
    this.data = data;
    const chosen = this.theme.value;
    this.theme.replaceChildren(
      h("option", { value: "" }, "Unsorted"),
      ...data.themes.map((t) => h("option", { value: t.id, text: t.name }))
    );
    if (data.themes.some((t) => t.id === chosen)) this.theme.value = chosen;
    this.title.textContent = `Transcript: ${data.session}`;
    this.facts.textContent = [data.participant, data.round && `round ${data.round}`, data.source].filter(Boolean).join(" · ");
    this.root.setAttribute("aria-label", `Transcript of ${data.session}`);
    const colour = new Map(data.themes.map((t) => [t.id, t.colour]));
    const named = new Map(data.themes.map((t) => [t.id, t.name]));
    const byTurn = /* @__PURE__ */ new Map();
    for (const hl of data.highlights) {
      const list = byTurn.get(hl.utterance);
      if (list) list.push(hl);
      else byTurn.set(hl.utterance, [hl]);
    }
    const scroll = this.list.scrollTop;
    this.turnEls.clear();
    this.list.replaceChildren(...data.turns.map((t) => {
      const el = this.turn(t, byTurn.get(t.id) || [], colour, named);
      this.turnEls.set(t.id, el);
      return el;
    }));
    this.list.scrollTop = scroll;
    this.filter();
    if (opts.note) {
      const mark2 = (
        /** @type {HTMLElement | null} */
        this.list.querySelector(
          `mark[data-notes~="${CSS.escape(opts.note)}"]`
        )
      );
      const turn = (
        /** @type {HTMLElement | null} */
        mark2?.closest(".st-turn")
      );
      if (turn) {
        turn.scrollIntoView({ block: "center" });
        turn.focus({ preventScroll: true });
      }
    }
  }
  /**
   * @param {Turn} t @param {Highlight[]} spans
   * @param {Map<string, string>} colour @param {Map<string, string>} named
   */
  turn(t, spans, colour, named) {
    const text = h("p", { class: "st-text" });
    for (const piece of segments(t.text.length, spans)) {
      const words = t.text.slice(piece.start, piece.end);
      if (!piece.cover.length) {
        text.append(words);
        continue;
      }
      const notes = piece.cover.map((i) => spans[i]);
      const themes = [...new Set(notes.flatMap((n) => n.themes))].filter((id) => colour.has(id));
      const colours = themes.map((id) => tint(colour.get(id) || NO_COLOUR, "55"));
      const mark2 = h(
        "mark",
        {
          class: notes.length > 1 ? "st-hl st-overlap" : "st-hl",
          "data-notes": notes.map((n) => n.note).join(" "),
          "data-themes": themes.join(" "),
          title: themes.length ? `${plural(notes.length, "note", "notes")} in ` + themes.map((id) => named.get(id)).join(", ") : `${plural(notes.length, "note", "notes")}, unsorted`
        },
        words
      );
      if (!colours.length) mark2.classList.add("st-unsorted");
      else if (colours.length === 1) mark2.style.background = colours[0];
      else {
        const w = 6;
        mark2.style.background = `repeating-linear-gradient(135deg, ${colours.map((c, i) => `${c} ${i * w}px ${(i + 1) * w}px`).join(", ")})`;
      }
      text.append(mark2);
    }
    const who = h(
      "div",
      { class: "st-who" },
      h("span", { class: "st-speaker", text: t.speaker || t.role }),
      h("span", { class: "st-role", text: t.role }),
      h("span", { class: "st-time", text: clock(t.start_s) }),
      t.key ? h("span", { class: "st-key", title: `Key question: ${t.key}` }, "★ key question") : null
    );
    return h(
      "li",
      {
        class: `st-turn st-role-${/^[a-z]+$/.test(t.role) ? t.role : "other"}${t.key ? " st-keyq" : ""}`,
        "data-utterance-id": String(t.id),
        "data-position": String(t.position),
        tabindex: "0",
        "aria-label": `${t.speaker || t.role} (${t.role})${t.start_s !== null ? ` at ${clock(t.start_s)}` : ""}`
      },
      who,
      text
    );
  }
  /** Dim the turns the search does not find; say how many it finds. */
  filter() {
    const q = this.search.value.trim().toLowerCase();
    let n = 0;
    for (const [id, el] of this.turnEls) {
      const turn = this.data?.turns.find((t) => t.id === id);
      const hit = !q || !!turn && turn.text.toLowerCase().includes(q);
      el.classList.toggle("st-miss", !hit);
      el.classList.toggle("st-match", !!q && hit);
      if (q && hit) n++;
    }
    this.found.textContent = q ? `${plural(n, "turn", "turns")}` : "";
  }
  /** @param {number} step  Focus the next (or previous) turn the search finds. */
  nextMatch(step) {
    const hits = [...this.list.querySelectorAll(".st-match")];
    if (!hits.length) return;
    const at = hits.indexOf(
      /** @type {Element} */
      document.activeElement
    );
    const next = (
      /** @type {HTMLElement} */
      hits[(at + step + hits.length) % hits.length]
    );
    next.scrollIntoView({ block: "center" });
    next.focus({ preventScroll: true });
  }
  /** @param {KeyboardEvent} e */
  onKey(e) {
    const target = (
      /** @type {HTMLElement} */
      e.target
    );
    if (e.key === "Escape" && this.hooks.onClose) {
      e.preventDefault();
      e.stopPropagation();
      this.hooks.onClose();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && (e.key === "z" || e.key === "Z" || e.key === "y") && !this.hooks.onClose && !isTextInput(target)) {
      e.preventDefault();
      e.stopPropagation();
      this.hooks.send({ type: e.shiftKey || e.key === "y" ? "redo" : "undo" });
      return;
    }
    if (isTextInput(target) || e.ctrlKey || e.metaKey || e.altKey) return;
    const turn = (
      /** @type {HTMLElement | null} */
      target.closest?.(".st-turn") || null
    );
    if (e.key === "n" || e.key === "N") {
      e.preventDefault();
      e.stopPropagation();
      this.noteFromSelection();
      return;
    }
    if (!turn) return;
    const step = e.key === "ArrowDown" || e.key === "j" ? 1 : e.key === "ArrowUp" || e.key === "k" ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    e.stopPropagation();
    let next = (
      /** @type {HTMLElement | null} */
      step > 0 ? turn.nextElementSibling : turn.previousElementSibling
    );
    while (next && next.classList.contains("st-miss")) {
      next = /** @type {HTMLElement | null} */
      step > 0 ? next.nextElementSibling : next.previousElementSibling;
    }
    if (next) {
      next.focus();
      next.scrollIntoView({ block: "nearest" });
    }
  }
  /**
   * The selected words as a span (null: nothing selected here; `error`: a selection the
   * reader cannot place). A selection over several turns carries its last as `through`:
   * the kernel makes one note when they are one speaker's consecutive turns and refuses
   * another speaker's with its one sentence.
   * @returns {Span | {error: string} | null}
   */
  selection() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    const range = sel.getRangeAt(0);
    const first2 = this.turnOf(range.startContainer);
    const last = this.turnOf(range.endContainer);
    if (!first2 || !last) return { error: "Select words inside the transcript's turns." };
    const els = [...this.list.children];
    const turns = els.slice(els.indexOf(first2), els.indexOf(last) + 1).map((el) => this.data?.turns.find((t) => String(t.id) === /** @type {HTMLElement} */
    el.dataset.utteranceId));
    if (!turns.length || turns.some((t) => !t)) return null;
    const start = offsetIn(
      /** @type {HTMLElement} */
      first2.querySelector(".st-text"),
      range.startContainer,
      range.startOffset
    );
    const end = offsetIn(
      /** @type {HTMLElement} */
      last.querySelector(".st-text"),
      range.endContainer,
      range.endOffset
    );
    const span = spanOf(
      /** @type {Turn[]} */
      turns,
      start,
      end
    );
    return span || { error: "The selection holds no words." };
  }
  /** @param {Node} node */
  turnOf(node) {
    const el = node instanceof Element ? node : node.parentElement;
    const turn = (
      /** @type {HTMLElement | null} */
      el?.closest(".st-turn") || null
    );
    return turn && this.list.contains(turn) ? turn : null;
  }
  /** Make the selected words a note (in the theme chosen beside the button). */
  noteFromSelection() {
    const span = this.selection();
    if (!span) {
      this.say("Select some words of a turn first.", true);
      return;
    }
    if ("error" in span) {
      this.say(span.error, true);
      return;
    }
    this.say("Saving…", false);
    this.hooks.send({ type: "note_from_span", ...span, theme: this.theme.value || null });
    window.getSelection()?.removeAllRanges();
  }
  /** @param {any} ack  The kernel's answer to a note made here (or an undo, redo). */
  onAck(ack) {
    if (!["note_from_span", "undo", "redo"].includes(ack.op)) return;
    this.say(ack.ok ? ack.summary : ack.error, !ack.ok);
  }
  /** @param {string} text @param {boolean} error */
  say(text, error) {
    this.status.textContent = text;
    this.status.classList.toggle("st-error", error);
  }
};
function renderTranscript(model, el) {
  let seq = 0;
  const reader = new Reader({ send: (action) => model.send({ ...action, id: `tr-${++seq}` }) });
  reader.root.dataset.view = "widget";
  const draw = () => reader.show(model.get("transcript"));
  model.on("change:transcript", draw);
  model.on("msg:custom", (msg) => {
    if (msg && msg.type === "ack") reader.onAck(msg);
  });
  el.append(reader.root);
  draw();
  const following = () => {
    reader.root.dataset.live = String(!!model.get("live"));
  };
  model.on("change:live", following);
  following();
  const poller = setInterval(() => {
    if (!model.get("live") && document.visibilityState === "visible" && reader.root.isConnected) {
      model.send({ type: "refresh" });
    }
  }, 3e3);
  return () => clearInterval(poller);
}

// synthesis/board/js/placing.js
function shownColumns(noteId, placements, pending, rank) {
  const on = (t) => rank.has(t);
  const waiting = pending.columns(noteId);
  let cols = waiting ? waiting.filter(on) : [];
  if (!waiting || waiting.length && !cols.length) cols = (placements[noteId] || []).filter(on);
  if (!cols.length) return [UNSORTED];
  if (cols.length > 1) {
    cols = [...new Set(cols)].sort((a, b) => (
      /** @type {number} */
      rank.get(a) - /** @type {number} */
      rank.get(b)
    ));
  }
  return cols;
}
function planMove(ids, tid, { from = {}, add = false }, columnsOf) {
  const want = {};
  const notes = [];
  for (const n of ids) {
    const shown = columnsOf(n);
    if (!shown) continue;
    const cols = shown.filter((c) => c !== UNSORTED);
    const src = from[n];
    let next;
    if (tid === UNSORTED) next = src && src !== UNSORTED ? cols.filter((c) => c !== src) : [];
    else if (src === tid && !add) continue;
    else next = [...cols.filter((c) => c !== tid && (add || c !== src)), tid];
    if (next.length === cols.length && next.every((c) => cols.includes(c))) continue;
    want[n] = next;
    notes.push(n);
  }
  if (!notes.length) return null;
  return { notes, want, msg: { type: "move", notes, to: tid, from: fromField(notes, from), add } };
}
function fromField(notes, from) {
  const sources = new Set(notes.map((n) => from[n] ?? ""));
  if (sources.size <= 1) return [...sources][0] || null;
  return Object.fromEntries(notes.map((n) => [n, from[n] ?? null]));
}
function alsoIn(cols, col, nameOf) {
  const names = [];
  for (const c of cols) {
    if (c === col || c === UNSORTED) continue;
    const name = nameOf(c);
    if (name !== void 0) names.push(name);
  }
  return names.length ? `also in ${names.join(", ")}` : "";
}

// synthesis/board/js/cardplaces.js
var CardPlaces = class {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.labelled = /* @__PURE__ */ new Set();
    this.namesKey = "";
  }
  /** @param {import("./types.js").Card[]} cards  Make every card and fill the columns. */
  build(cards) {
    const v = this.view;
    v.selected.picked.clear();
    this.labelled.clear();
    const into = /* @__PURE__ */ new Map();
    const put = (tid, el) => {
      const list = into.get(tid);
      if (list) list.push(el);
      else into.set(tid, [el]);
    };
    const made = v.cards.reset(cards, v.people);
    for (let i = 0, n = made.length; i < n; i++) {
      const el = made[i];
      if (v.pending.holds(el._note)) el.classList.add("sb-pending");
      const cols = v.shownColumns(el._note);
      put(cols[0], el);
      for (let i2 = 1; i2 < cols.length; i2++) put(cols[i2], v.cards.copy(el));
      if (cols.length > 1) this.labelled.add(el._note);
    }
    for (const [tid, column] of v.columns) column.fill(into.get(tid) || []);
    for (const n of this.labelled) this.label(n);
  }
  /**
   * Make a note's cards match the columns it shows in now: a card whose column it left
   * moves to a column it joined (a moved card keeps its selection and can keep focus), a
   * copy is made for any further column, and the cards left over go.
   * @param {string} noteId
   */
  place(noteId) {
    const v = this.view;
    const want = v.shownColumns(noteId);
    const els = v.cards.of(noteId);
    if (!els.length) return;
    if (els.length === 1 && want.length === 1) {
      if (els[0]._tid !== want[0]) this.move(els[0], want[0]);
      if (this.labelled.has(noteId)) this.label(noteId);
      return;
    }
    const spare = els.filter((el) => !want.includes(el._tid));
    const model = els[0];
    for (const tid of want) {
      if (els.some((el2) => el2._tid === tid)) continue;
      const el = spare.shift();
      if (el) this.move(el, tid);
      else (v.columns.get(tid) || v.pile).insert(v.cards.copy(model));
    }
    for (const el of spare) {
      v.columns.get(el._tid)?.remove(el);
      v.selected.dropped(el);
      v.cards.drop(el);
    }
    this.label(noteId);
  }
  /** @param {CardEl} el @param {string} tid  Move a card to another column. */
  move(el, tid) {
    const from = el._tid;
    (this.view.columns.get(tid) || this.view.pile).insert(el);
    this.view.selected.moved(el, from);
  }
  /** A rename (or merge) reaches the "also in" line of every card that has one. */
  relabel() {
    const names = this.view.themes.map((t) => `${t.id}:${t.name}`).join("\n");
    if (names === this.namesKey) return;
    this.namesKey = names;
    for (const n of [...this.labelled]) this.label(n);
  }
  /** @param {string} noteId  Write (or take away) the "also in …" line on a note's cards. */
  label(noteId) {
    const v = this.view;
    const els = v.cards.of(noteId);
    const rank = (t) => v.rank.get(t) ?? -1;
    const cols = els.map((el) => el._tid).sort((a, b) => rank(a) - rank(b));
    let any = false;
    for (const el of els) {
      const text = alsoIn(cols, el._tid, v.nameOf);
      let line = (
        /** @type {HTMLElement | null} */
        el.querySelector(".sb-also")
      );
      if (!text) {
        if (line) {
          line.remove();
          el.removeAttribute("aria-description");
        }
        continue;
      }
      any = true;
      if (!line) {
        line = h("p", { class: "sb-also" });
        el.insertBefore(line, el.lastChild);
      }
      if (line.textContent !== text) line.textContent = text;
      el.setAttribute("aria-description", text);
    }
    if (any) this.labelled.add(noteId);
    else this.labelled.delete(noteId);
  }
};

// synthesis/board/js/cards.js
var Cards = class {
  /** @param {string} hintId  id of the hidden text explaining a card's keys */
  constructor(hintId) {
    this.hintId = hintId;
    this.template = null;
    this.data = /* @__PURE__ */ new Map();
    this.index = /* @__PURE__ */ new Map();
    this.byNote = /* @__PURE__ */ new Map();
    this.els = [];
  }
  /** Number of notes on the board. */
  get size() {
    return this.data.size;
  }
  /**
   * Forget every card and make one element per note (not yet in a column).
   * @param {Card[]} cards @param {People} people
   * @returns {CardEl[]} the elements, in import order
   */
  reset(cards, people) {
    this.data.clear();
    this.index.clear();
    this.byNote.clear();
    const out = [];
    this.els = out;
    for (let i = 0; i < cards.length; i++) {
      const card = cards[i];
      this.data.set(card.id, card);
      this.index.set(card.id, i);
      const el = this.make(card, i, people);
      el._at = i;
      this.byNote.set(card.id, [el]);
      out.push(el);
    }
    return out;
  }
  /**
   * One card element. Cloning a template is several times faster than building each card
   * from scratch, which is most of the render time at thousands of notes.
   * @param {Card} card @param {number} i  import order @param {People} people
   * @returns {CardEl}
   */
  make(card, i, people) {
    if (!this.template) {
      this.template = h(
        "div",
        {
          class: "sb-card",
          tabindex: "0",
          draggable: "true",
          role: "option",
          "aria-selected": "false",
          "aria-describedby": this.hintId
        },
        h("p", { class: "sb-text" }),
        h(
          "div",
          { class: "sb-meta" },
          h("span", { class: "sb-pid" }),
          h(
            "button",
            {
              class: "sb-open",
              type: "button",
              tabindex: "-1",
              "aria-label": "Where this note came from",
              title: "Where this note came from"
            },
            "⤢"
          )
        )
      );
    }
    const el = (
      /** @type {CardEl} */
      this.template.cloneNode(true)
    );
    el.setAttribute("data-note-id", card.id);
    el.firstChild.textContent = card.text;
    const meta = (
      /** @type {HTMLElement} */
      el.lastChild
    );
    meta.firstChild.textContent = card.pid || "—";
    if (card.edited) {
      meta.insertBefore(h("span", { class: "sb-edited", title: "Edited on the board; the words before are in the study's event log" }, "edited"), meta.lastChild);
    }
    const seg = card.pid ? (people[card.pid] || {}).segment : void 0;
    if (seg) {
      const chip = document.createElement("span");
      chip.className = "sb-seg";
      chip.textContent = seg;
      meta.insertBefore(chip, meta.lastChild);
    }
    el._note = card.id;
    el._card = card;
    el._tid = "";
    el._idx = i;
    el._search = `${card.text}
${card.pid || ""}`.toLowerCase();
    el._hidden = false;
    el._drawnHidden = false;
    el._extra = false;
    el._at = -1;
    return el;
  }
  /**
   * One more card for a note, copied from one of its cards (not yet in a column): the note
   * shows in one more theme.
   * @param {CardEl} model
   * @returns {CardEl}
   */
  copy(model) {
    const el = (
      /** @type {CardEl} */
      model.cloneNode(true)
    );
    el.classList.remove("sb-selected", "sb-dragging");
    el.setAttribute("aria-selected", "false");
    el._note = model._note;
    el._card = model._card;
    el._tid = "";
    el._idx = model._idx;
    el._search = model._search;
    el._hidden = model._hidden;
    el._drawnHidden = model._drawnHidden;
    el._extra = true;
    el._at = this.els.length;
    this.els.push(el);
    this.byNote.get(el._note).push(el);
    return el;
  }
  /**
   * Forget a card the note no longer shows (it left a theme and has cards elsewhere).
   * @param {CardEl} el
   */
  drop(el) {
    const last = (
      /** @type {CardEl} */
      this.els.pop()
    );
    if (last !== el) {
      this.els[el._at] = last;
      last._at = el._at;
    }
    el._at = -1;
    const mine = this.byNote.get(el._note) || [];
    mine.splice(mine.indexOf(el), 1);
    mine.forEach((c, i) => {
      c._extra = i > 0;
    });
  }
  /**
   * The card elements of a note (empty when the note is not on the board).
   * @param {string} noteId
   * @returns {CardEl[]}
   */
  of(noteId) {
    return this.byNote.get(noteId) || [];
  }
  /**
   * A note's card in one column (undefined when it does not show there).
   * @param {string} noteId @param {string | undefined} tid
   */
  in(noteId, tid) {
    return this.of(noteId).find((el) => el._tid === tid);
  }
  /** Every card element. */
  all() {
    return this.els;
  }
  /**
   * Note ids in import order (how a selection is moved and listed).
   * @param {Iterable<string>} ids
   */
  ordered(ids) {
    const index = this.index;
    return [...ids].filter((n) => index.has(n)).sort((a, b) => (
      /** @type {number} */
      index.get(a) - /** @type {number} */
      index.get(b)
    ));
  }
};

// synthesis/board/js/columns.js
var CHUNK = 12;
var CARD_PX = 68;
var LIST_PX = 340;
function listHeight(notes) {
  return Math.min(LIST_PX, Math.max(44, 4 + CARD_PX * notes));
}
var Warmer = class {
  constructor() {
    this.io = typeof IntersectionObserver === "function" ? new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.target.classList.contains("sb-chunk")) {
            if (e.isIntersecting) this.warm(e.target);
          } else e.target._near = e.isIntersecting;
        }
      },
      /** @type {IntersectionObserverInit} */
      { rootMargin: "200px", scrollMargin: "200px" }
    ) : null;
    this.drawn = /* @__PURE__ */ new Set();
  }
  /** @param {Element} list  Keep track of whether a column is near the view. */
  watchColumn(list) {
    this.io?.observe(list);
  }
  /** @param {Element} list  Is the column near the view (true until the observer says)? */
  near(list) {
    return (
      /** @type {any} */
      list._near !== false
    );
  }
  /** @param {Element} chunk  Skip the chunk's cards until it comes near the view. */
  cool(chunk) {
    this.drawn.delete(chunk);
    chunk.classList.add("sb-cold");
    if (this.io) this.io.observe(chunk);
    else this.warm(chunk);
  }
  /**
   * Draw the chunk's cards (before focusing one, say), first bringing their `sb-hidden`
   * classes up to date: the filters leave a cold chunk's cards alone (see `drawHidden`).
   * @param {Element | null} chunk
   */
  warm(chunk) {
    if (!chunk || !chunk.classList.contains("sb-cold")) return;
    for (const el of chunk.children) drawHidden(
      /** @type {CardEl} */
      el
    );
    chunk.classList.remove("sb-cold");
    this.drawn.add(chunk);
    this.io?.unobserve(chunk);
  }
  /**
   * Cool every drawn chunk but the one holding the focus (a card in a cold chunk cannot
   * keep it), before measuring which to draw (see BoardView.warmSeen). A drawn chunk is laid
   * out with all the cards a filter now shows in it even where it will not be seen: after a
   * search for a rare word left fifty chunks drawn, showing every card again laid out six
   * hundred cards instead of the two hundred in view.
   */
  coolAll() {
    const focus = document.activeElement?.parentElement;
    for (const chunk of [...this.drawn]) if (chunk !== focus) this.cool(chunk);
  }
  /** @param {Element} chunk  Stop watching a chunk that left the page. */
  forget(chunk) {
    this.drawn.delete(chunk);
    this.io?.unobserve(chunk);
  }
  disconnect() {
    this.io?.disconnect();
    this.drawn.clear();
  }
};
function drawHidden(el) {
  if (el._drawnHidden === el._hidden) return;
  el._drawnHidden = el._hidden;
  el.classList.toggle("sb-hidden", el._hidden);
}
function isWarm(chunk) {
  return !chunk.classList.contains("sb-cold");
}
function first(chunk) {
  return (
    /** @type {CardEl} */
    chunk.firstElementChild
  );
}
var Column = class {
  /**
   * @param {string} tid  the theme id (or "unsorted")
   * @param {HTMLElement} list  the column's `.sb-cards` element (role listbox)
   * @param {Warmer} warmer
   */
  constructor(tid, list, warmer) {
    this.tid = tid;
    this.list = list;
    this.warmer = warmer;
    this.window = null;
    list._column = this;
    warmer.watchColumn(list);
  }
  newChunk() {
    const chunk = document.createElement("div");
    chunk.className = "sb-chunk";
    chunk.setAttribute("role", "none");
    this.warmer.cool(chunk);
    return chunk;
  }
  /**
   * Draw the first chunks the filters leave shown, enough to fill the column, at once: the
   * observer would only warm them after the next frame, which would show them blank.
   */
  warmTop() {
    if (!this.warmer.near(this.list)) return;
    let shown = 0;
    for (const chunk of this.list.children) {
      if (shown >= CHUNK) return;
      if (
        /** @type {any} */
        chunk._shown === 0
      ) continue;
      this.warmer.warm(chunk);
      for (const el of chunk.children) if (!/** @type {CardEl} */
      el._hidden) shown++;
    }
  }
  /**
   * Show these cards (already in import order), replacing what the column held.
   * @param {CardEl[]} els
   */
  fill(els) {
    const frag = document.createDocumentFragment();
    for (let i = 0; i < els.length; i += CHUNK) {
      const chunk = this.newChunk();
      for (const el of els.slice(i, i + CHUNK)) {
        el._tid = this.tid;
        chunk.append(el);
      }
      this.refresh(chunk);
      frag.append(chunk);
    }
    for (const chunk of this.list.children) this.warmer.forget(chunk);
    this.list.replaceChildren(frag);
    this.window?.trim();
    this.warmTop();
  }
  /** @returns {CardEl[]} the column's cards, in order */
  cards() {
    const out = [];
    for (const chunk of this.list.children) {
      for (const el of chunk.children) out.push(
        /** @type {CardEl} */
        el
      );
    }
    return out;
  }
  /**
   * Put a card in its place by import order (taking it out of any other column first).
   * @param {CardEl} el
   */
  insert(el) {
    const old = (
      /** @type {HTMLElement | null} */
      el.parentElement
    );
    if (old && old.parentElement === this.list) return;
    if (old) columnOf(old)?.remove(el);
    el._tid = this.tid;
    const chunks = this.list.children;
    if (!chunks.length) {
      const chunk2 = this.newChunk();
      chunk2.append(el);
      this.warmer.warm(chunk2);
      this.list.append(chunk2);
      this.refresh(chunk2);
      return;
    }
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (first(chunks[mid])._idx <= el._idx) lo = mid;
      else hi = mid - 1;
    }
    const chunk = chunks[lo];
    const kids = chunk.children;
    let a = 0;
    let b = kids.length;
    while (a < b) {
      const mid = a + b >> 1;
      if (
        /** @type {CardEl} */
        kids[mid]._idx < el._idx
      ) a = mid + 1;
      else b = mid;
    }
    chunk.insertBefore(el, kids[a] || null);
    if (isWarm(chunk)) drawHidden(el);
    if (kids.length > 2 * CHUNK) this.split(chunk);
    else this.refresh(
      /** @type {HTMLElement} */
      chunk
    );
  }
  /**
   * Take a card out of this column (a chunk left empty goes too).
   * @param {CardEl} el
   */
  remove(el) {
    const chunk = el.parentElement;
    el.remove();
    if (!chunk) return;
    if (!chunk.firstElementChild) {
      this.warmer.forget(chunk);
      chunk.remove();
      this.window?.changed();
    } else this.refresh(chunk);
  }
  /** @param {Element} chunk  Split an overfull chunk in two. */
  split(chunk) {
    const half = this.newChunk();
    const kids = [...chunk.children].slice(CHUNK);
    half.append(...kids);
    chunk.after(half);
    this.window?.split(chunk, half);
    if (!chunk.classList.contains("sb-cold")) this.warmer.warm(half);
    this.refresh(
      /** @type {HTMLElement} */
      chunk
    );
    this.refresh(half);
  }
  /**
   * Count a chunk's cards the filters show, and draw it so (see `shownIn`).
   * @param {HTMLElement} chunk
   */
  refresh(chunk) {
    let shown = 0;
    for (let el = chunk.firstElementChild; el; el = el.nextElementSibling) {
      if (!/** @type {CardEl} */
      el._hidden) shown++;
    }
    this.shownIn(chunk, shown);
  }
  /**
   * Draw a chunk holding `shown` cards the filters show: hidden whole when none (so no empty
   * space is kept for it), else sized by an estimate until first drawn. The count last
   * drawn is kept on the chunk (`_shown`): a search updates hundreds of chunks, and reading
   * back their `hidden` and inline style, or counting their cards, was most of its script
   * time at 10,000 notes (the filters pass the new count, see Filters.apply).
   * @param {HTMLElement} chunk @param {number} shown
   */
  shownIn(chunk, shown) {
    const c = (
      /** @type {HTMLElement & {_shown?: number}} */
      chunk
    );
    if (c._shown === shown) return;
    const was = c._shown;
    c._shown = shown;
    this.window?.changed();
    if (!shown) {
      c.hidden = true;
      this.warmer.cool(c);
      return;
    }
    if (was === 0) c.hidden = false;
    c.style.containIntrinsicSize = `auto ${shown * CARD_PX}px`;
  }
  /**
   * The next (or previous) card the filters show, across chunks.
   * @param {CardEl} el @param {1 | -1} step
   * @returns {CardEl | null}
   */
  step(el, step) {
    let at = el;
    for (; ; ) {
      let sib = step > 0 ? at.nextElementSibling : at.previousElementSibling;
      let chunk = at.parentElement;
      while (!sib && chunk) {
        chunk = step > 0 ? chunk.nextElementSibling : chunk.previousElementSibling;
        sib = chunk ? step > 0 ? chunk.firstElementChild : chunk.lastElementChild : null;
      }
      if (!sib) return null;
      at = sib;
      if (!/** @type {CardEl} */
      at._hidden) return (
        /** @type {CardEl} */
        at
      );
    }
  }
  /** @returns {CardEl | null} the first card the filters show */
  firstShown() {
    for (const chunk of this.list.children) {
      if (
        /** @type {any} */
        chunk._shown === 0
      ) continue;
      for (const el of chunk.children) {
        if (!/** @type {CardEl} */
        el._hidden) return (
          /** @type {CardEl} */
          el
        );
      }
    }
    return null;
  }
};
function columnOf(el) {
  const list = el.classList.contains("sb-cards") ? el : el.parentElement;
  return list ? (
    /** @type {any} */
    list._column
  ) : void 0;
}

// synthesis/board/js/compare.js
function shownIndices(queue, pair) {
  const out = [];
  for (let i = 0; i < queue.length; i++) if (pair === null || queue[i].pair === pair) out.push(i);
  return out;
}
function nextOpen(queue, at) {
  for (let i = at + 1; i < queue.length; i++) if (!queue[i].settled) return i;
  for (let i = 0; i < at; i++) if (!queue[i].settled) return i;
  return Math.min(at, Math.max(queue.length - 1, 0));
}
function themesText(themes) {
  return themes.length ? themes.join("; ") : "unsorted";
}
var Compare = class {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.queue = [];
    this.sorts = [];
    this.available = [];
    this.pairs = [];
    this.mode = "one";
    this.pair = null;
    this.at = 0;
    this.asked = "";
    this.button = h(
      "button",
      {
        type: "button",
        class: "sb-btn sb-compare-btn",
        hidden: true,
        title: "Compare the researchers' own sorts of this round and settle where they differ"
      },
      "⇄ Compare sorts"
    );
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
      this.el.replaceChildren(this.closeButton(), h(
        "p",
        { class: "sb-muted" },
        "Finding the notes the sorts place differently…"
      ));
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
    if (msg.id !== this.asked) return true;
    const root = this.view.root;
    if (!msg.ok) {
      root.dataset.compare = "failed";
      this.el.replaceChildren(this.closeButton(), h("p", { class: "sb-error", text: msg.error }));
      return true;
    }
    const settledNote = msg.seq !== void 0 ? this.queue[this.at]?.note : void 0;
    this.sorts = msg.sorts || [];
    this.available = msg.available || this.available;
    this.queue = msg.queue || [];
    this.pairs = msg.pairs || [];
    this.progress = msg.progress || "";
    if (this.pair !== null && !this.queue.some((q) => q.pair === this.pair)) this.pair = null;
    if (settledNote !== void 0) {
      const shown = shownIndices(this.queue, this.pair);
      const i = shown.findIndex((k) => this.queue[k].note === settledNote);
      const next = nextOpen(shown.map((k) => this.queue[k]), i < 0 ? 0 : i);
      this.at = shown[next] ?? 0;
    } else {
      this.at = Math.min(this.at, Math.max(this.queue.length - 1, 0));
      if (this.queue[this.at]?.settled) this.at = nextOpen(this.queue, this.at);
    }
    root.dataset.compare = "ready";
    if (msg.seq !== void 0) this.view.setStatus("saved", "Saved");
    this.draw();
    return true;
  }
  /** After an undo or redo the settled notes may have changed: ask again if open. */
  refresh() {
    if (!this.el.hidden && this.sorts.length) this.send({ type: "compare", sorts: this.sorts });
  }
  /** The sorts to compare, as ticked in the panel: asks again when two or more are. */
  choose() {
    const ticked = [...this.el.querySelectorAll(".sb-compare-sort input")].filter((box) => (
      /** @type {HTMLInputElement} */
      box.checked
    )).map((box) => String(
      /** @type {HTMLInputElement} */
      box.value
    ));
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
    const sorts = h(
      "fieldset",
      { class: "sb-compare-sorts" },
      h("legend", { text: "Sorts compared" }),
      ...this.available.map((name) => h(
        "label",
        { class: "sb-compare-sort" },
        h("input", {
          type: "checkbox",
          value: name,
          checked: this.sorts.includes(name),
          onchange: () => this.choose()
        }),
        ` ${name}`
      ))
    );
    const modes = h(
      "div",
      {
        class: "sb-row sb-compare-modes",
        role: "group",
        "aria-label": "Show the disagreements"
      },
      ...[["one", "One at a time"], ["pairs", "By theme pair"]].map(([mode, label]) => h(
        "button",
        {
          type: "button",
          class: "sb-btn sb-compare-mode",
          "data-mode": mode,
          "aria-pressed": String(this.mode === mode),
          onclick: () => {
            this.mode = /** @type {"one" | "pairs"} */
            mode;
            this.draw();
          }
        },
        label
      ))
    );
    return [
      this.closeButton(),
      h("h3", { class: "sb-drawer-title", text: `Compare: ${this.sorts.join(" and ")}` }),
      h("p", { class: "sb-compare-progress", "data-compare-progress": "", text: this.progress }),
      sorts,
      modes
    ];
  }
  /** @param {HTMLElement[]} parts  the grouped view: one button per theme pair */
  drawPairs(parts) {
    const rows = this.pairs.map((p) => h(
      "button",
      {
        type: "button",
        class: "sb-btn sb-compare-pair",
        "data-pair": p.pair,
        onclick: () => {
          this.pair = p.pair;
          this.mode = "one";
          const shown = shownIndices(this.queue, p.pair);
          this.at = shown.find((k) => !this.queue[k].settled) ?? shown[0] ?? 0;
          this.draw();
        }
      },
      h("span", { class: "sb-compare-themes", text: p.pair }),
      h("span", { class: "sb-muted", text: ` ${plural(p.notes, "note", "notes")}, ${p.settled} settled` })
    ));
    this.el.replaceChildren(
      ...parts,
      h(
        "p",
        { class: "sb-muted" },
        "Each group is the notes the sorts place the same different way; pick one to walk it."
      ),
      h("div", { class: "sb-compare-pairs" }, ...rows)
    );
    this.el.querySelector(".sb-compare-pair")?.focus();
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
      this.el.replaceChildren(...parts, h("p", { class: "sb-muted" }, this.sorts.length < 2 ? "Tick two or more sorts to see where they differ." : "These sorts place every note alike: nothing to settle."));
      this.el.querySelector(".sb-compare-sort input")?.focus();
      return;
    }
    if (this.pair !== null) {
      const group = this.pairs.find((p) => p.pair === this.pair);
      parts.push(h(
        "p",
        { class: "sb-row sb-compare-group" },
        h("span", { text: `Theme pair ${this.pair}: ${group ? group.settled : 0} of ${shown.length} settled` }),
        h("button", {
          type: "button",
          class: "sb-btn sb-compare-all",
          onclick: () => {
            this.pair = null;
            this.draw();
          }
        }, "All disagreements")
      ));
    }
    const pos = shown.indexOf(this.at);
    const choices = item.choices.map((c) => h(
      "button",
      {
        type: "button",
        class: "sb-btn sb-compare-choice",
        "data-sort": c.sort,
        "aria-pressed": String(!!item.consensus && themesText(item.consensus) === themesText(c.themes)),
        onclick: () => this.settle(item, c.themes)
      },
      h("span", { class: "sb-compare-who", text: `${c.sort}: ` }),
      h("span", { class: "sb-compare-themes", text: themesText(c.themes) })
    ));
    const state = item.settled ? `Settled: ${themesText(item.consensus || [])} (on the shared board; undo takes it back).` : `On the shared board now: ${themesText(item.board)}.`;
    const nav = h(
      "div",
      { class: "sb-row sb-compare-nav" },
      h("button", {
        type: "button",
        class: "sb-btn sb-compare-prev",
        disabled: pos === 0,
        onclick: () => {
          this.at = shown[pos - 1];
          this.draw();
        }
      }, "← Previous"),
      h("span", { class: "sb-muted", text: `${pos + 1} of ${shown.length}` }),
      h("button", {
        type: "button",
        class: "sb-btn sb-compare-next",
        disabled: pos >= shown.length - 1,
        onclick: () => {
          this.at = shown[pos + 1];
          this.draw();
        }
      }, "Next →"),
      // the board's own undo (the toolbar's button sits under this panel)
      h("button", {
        type: "button",
        class: "sb-btn sb-compare-undo",
        disabled: !this.view.meta.can_undo,
        title: "Undo your last change (Ctrl+Z)",
        onclick: () => this.view.act({ type: "undo" })
      }, "↶ Undo")
    );
    this.el.replaceChildren(
      ...parts,
      h("blockquote", {
        class: "sb-drawer-note sb-compare-note",
        "data-note": item.note,
        text: item.text
      }),
      h("p", {
        class: item.settled ? "sb-compare-state sb-settled" : "sb-compare-state",
        text: state
      }),
      h("p", { class: "sb-muted" }, "Settle it as:"),
      h("div", { class: "sb-compare-choices" }, ...choices),
      nav
    );
    this.el.querySelector(".sb-compare-choice")?.focus();
  }
  /** @param {Item} item @param {string[]} themes */
  settle(item, themes) {
    this.view.root.dataset.compare = "busy";
    this.view.setStatus("saving", "Saving…");
    this.send({ type: "settle", sorts: this.sorts, note: item.note, themes });
  }
};

// synthesis/board/js/drawer.js
var Drawer = class {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.asked = null;
  }
  get el() {
    return this.view.parts.drawer;
  }
  /**
   * Open the drawer on a note and ask the kernel for its origin; closing it goes back to
   * the note's card in column `tid` (a note in several themes has a card in each).
   * @param {string} noteId @param {string} [tid]
   */
  open(noteId, tid) {
    const v = this.view;
    const id = `${v.pending.nextId()}-src`;
    this.asked = { id, noteId, tid };
    const card = v.cards.data.get(noteId);
    this.el.replaceChildren(
      this.closeButton(),
      h("h3", { class: "sb-drawer-title" }, "Where this note came from"),
      h("blockquote", { class: "sb-drawer-note", text: card ? card.text : "" }),
      h("p", { class: "sb-muted" }, "Loading…")
    );
    this.el.hidden = false;
    this.el.querySelector("button")?.focus();
    v.model.send({ type: "source", id, note: noteId });
  }
  closeButton() {
    return h("button", {
      type: "button",
      class: "sb-btn sb-drawer-close",
      "aria-label": "Close",
      onclick: () => this.close()
    }, "✕");
  }
  close() {
    this.el.hidden = true;
    if (this.asked) this.view.focusNote(this.asked.noteId, this.asked.tid);
  }
  /** @param {SourceReply} msg  Fill the drawer with the kernel's answer. */
  show(msg) {
    if (!this.asked || this.asked.id !== msg.id) return;
    const parts = [
      this.closeButton(),
      h("h3", { class: "sb-drawer-title" }, "Where this note came from")
    ];
    const focusClose = () => (
      /** @type {HTMLElement | null} */
      this.el.querySelector(".sb-drawer-close")?.focus()
    );
    if (!msg.ok) {
      parts.push(h("p", { class: "sb-error", text: msg.error }));
      this.el.replaceChildren(...parts);
      focusClose();
      return;
    }
    parts.push(h("blockquote", { class: "sb-drawer-note", text: msg.text }));
    const facts = h("dl", { class: "sb-facts" });
    const fact = (k, value) => {
      if (value) facts.append(h("dt", { text: k }), h("dd", { text: value }));
    };
    fact("Participant", msg.participant ? msg.participant.id : "unknown");
    for (const [k, value] of Object.entries(msg.participant?.attributes || {})) fact(k, value);
    fact("Session", msg.session);
    fact("Source", [msg.source, msg.ref].filter(Boolean).join(", "));
    parts.push(facts);
    const turns = msg.turns || [];
    if (turns.length) {
      parts.push(h("h4", { class: "sb-drawer-sub" }, msg.linked ? "Around this moment" : "Start of the interview"));
      parts.push(h("ol", { class: "sb-turns" }, ...turns.map((t) => h(
        "li",
        {
          class: `sb-turn sb-role-${t.role || "other"}${t.current ? " sb-current" : ""}`,
          "aria-current": t.current ? "true" : null
        },
        h("span", { class: "sb-speaker", text: t.speaker || t.role || "?" }),
        h("span", { class: "sb-turn-text", text: t.text })
      ))));
    } else parts.push(h("p", { class: "sb-muted" }, "No transcript is linked to this note."));
    if (msg.session && turns.length) {
      const session = msg.session;
      const noteId = this.asked.noteId;
      parts.push(h(
        "button",
        {
          type: "button",
          class: "sb-btn sb-read",
          "data-action": "open-transcript",
          onclick: () => {
            this.el.hidden = true;
            this.view.readerPanel.open(session, noteId);
          }
        },
        "Read the transcript and highlight notes"
      ));
    }
    const hadFocus = this.el.contains(document.activeElement) || document.activeElement === document.body;
    this.el.replaceChildren(...parts);
    if (hadFocus) focusClose();
    this.el.querySelector(".sb-current")?.scrollIntoView({ block: "nearest" });
  }
};

// synthesis/board/js/dragdrop.js
var MIME_NOTES = "application/x-synthesis-notes";
var MIME_THEME = "application/x-synthesis-theme";
var DragDrop = class {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.drag = null;
    this.overEl = null;
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
      const section = (
        /** @type {HTMLElement | null} */
        head.closest(".sb-theme")
      );
      if (section) this.show([section]);
      return;
    }
    const card = (
      /** @type {CardEl | null} */
      closest(e.target, ".sb-card")
    );
    if (!card) return;
    const ids = v.selected.actingOn(card._note);
    const from = v.selected.from(ids, card._note, card._tid);
    this.drag = { notes: ids, from };
    dt?.setData(MIME_NOTES, JSON.stringify(ids));
    dt?.setData("text/plain", ids.join(" "));
    if (dt) dt.effectAllowed = "copyMove";
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
    const sec = (
      /** @type {HTMLElement | null} */
      t.closest("[data-theme-id]")
    );
    if ("notes" in drag) {
      const zone = (
        /** @type {HTMLElement | null} */
        t.closest("[data-drop='new-theme']")
      );
      if (zone) return { el: zone, kind: "new" };
      const card = (
        /** @type {CardEl | null} */
        t.closest(".sb-card")
      );
      const v = this.view;
      if (card && card._tid === UNSORTED && !drag.notes.includes(card._note) && drag.notes.every((n) => v.isUnsorted(n))) {
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
    e.preventDefault();
    const adds = e.altKey && (target.kind === "new" || target.kind === "move" && target.theme !== UNSORTED);
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
};

// synthesis/board/js/filters.js
var Filters = class {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.q = "";
    this.pid = "";
    this.seg = "";
    this.sid = "";
    this.colourKey = "";
    this.extra = null;
    const p = view.parts;
    p.search.addEventListener("input", () => {
      view.suggestions.busy();
      this.q = p.search.value.trim().toLowerCase();
      this.apply();
    });
    p.search.addEventListener("focus", () => view.suggestions.busy());
    for (
      const [sel, key] of
      /** @type {const} */
      [[p.fPid, "pid"], [p.fSeg, "seg"], [p.fSid, "sid"]]
    ) {
      sel.addEventListener("change", () => {
        this[key] = sel.value;
        this.apply();
      });
    }
    p.colourBy.addEventListener("change", () => {
      view.model.set("colour_by", p.colourBy.value);
      view.model.save_changes();
      this.colour();
    });
  }
  /** Fill the filter menus from the round's cards, people and sessions. */
  build() {
    const v = this.view;
    const p = v.parts;
    const fill = (sel, label, values) => {
      const keep = sel.value;
      sel.replaceChildren(
        h("option", { value: "" }, label),
        ...values.map((x) => h("option", { value: x, text: x }))
      );
      sel.value = values.includes(keep) ? keep : "";
      sel.hidden = values.length === 0;
    };
    const pids = /* @__PURE__ */ new Set();
    for (const c of v.cards.data.values()) if (c.pid) pids.add(c.pid);
    fill(p.fPid, "All participants", [...pids].sort());
    const segs = new Set(Object.values(v.people).map((x) => x.segment).filter(Boolean));
    fill(p.fSeg, "All segments", [...segs].sort());
    fill(p.fSid, "All sessions", v.meta.sessions || []);
    this.pid = p.fPid.value;
    this.seg = p.fSeg.value;
    this.sid = p.fSid.value;
    const options = ["participant", ...v.meta.attributes || []];
    const current = v.model.get("colour_by");
    p.colourBy.replaceChildren(
      h("option", { value: "" }, "nothing"),
      ...options.map((o) => h("option", { value: o, text: o }))
    );
    p.colourBy.value = options.includes(current) ? current : "";
  }
  /**
   * Show only the cards every active filter lets through; the count of notes shown goes on
   * the root (a note in several themes counts once, all its cards shown or hidden together).
   */
  apply() {
    const v = this.view;
    const { q, pid, seg, sid, extra } = this;
    const people = v.people;
    const chunks = /* @__PURE__ */ new Map();
    let shown = 0;
    let total = 0;
    const els = v.cards.all();
    for (let i = 0; i < els.length; i++) {
      const el = els[i];
      const card = el._card;
      const ok = (!q || el._search.includes(q)) && (!pid || card.pid === pid) && (!sid || card.sid === sid) && (!seg || (card.pid ? (people[card.pid] || {}).segment : void 0) === seg) && (!extra || extra(el));
      if (!el._extra) {
        total++;
        if (ok) shown++;
      }
      if (el._hidden === !ok) continue;
      el._hidden = !ok;
      const chunk = el.parentElement;
      if (chunk) chunks.set(chunk, (chunks.get(chunk) || 0) + (ok ? 1 : -1));
      else drawHidden(el);
    }
    for (const [chunk, by] of chunks) {
      const c = (
        /** @type {HTMLElement & {_shown?: number}} */
        chunk
      );
      const column = columnOf(chunk);
      if (!column) continue;
      if (c._shown === void 0) column.refresh(chunk);
      else column.shownIn(chunk, c._shown + by);
      if (isWarm(chunk)) {
        for (let el = chunk.firstElementChild; el; el = el.nextElementSibling) {
          drawHidden(
            /** @type {CardEl} */
            el
          );
        }
      }
    }
    if (chunks.size) v.warmSeen();
    v.root.dataset.shown = String(shown);
    const on = q || pid || seg || sid || extra;
    v.status.filtered(on ? `Showing ${plural(shown, "note", "notes")} of ${total}.` : null);
  }
  /** Colour each card's edge by the chosen attribute, and draw the legend. */
  colour() {
    const v = this.view;
    const by = v.model.get("colour_by") || "";
    this.colourKey = by;
    const values = /* @__PURE__ */ new Map();
    const valueOf = (card) => by === "participant" ? card.pid || void 0 : card.pid ? (v.people[card.pid] || {})[by] : void 0;
    if (by) {
      const palette = (v.meta.accents || {})[by] || {};
      const all = /* @__PURE__ */ new Set();
      for (const c of v.cards.data.values()) {
        const x = valueOf(c);
        if (x !== void 0 && x !== null) all.add(x);
      }
      for (const x of Object.keys(palette)) if (all.has(x)) values.set(x, palette[x]);
      for (const x of [...all].sort()) if (!values.has(x)) values.set(x, NO_COLOUR);
    }
    for (const el of v.cards.all()) {
      const x = by ? valueOf(el._card) : void 0;
      const colour = x === void 0 ? void 0 : values.get(x);
      if (colour) el.style.setProperty("--sb-accent", colour);
      else el.style.removeProperty("--sb-accent");
    }
    const chips = [...values].slice(0, 24).map(([x, c]) => {
      const dot = h("span", { class: "sb-dot", "aria-hidden": "true" });
      dot.style.background = c;
      return h("span", { class: "sb-chip" }, dot, h("span", { text: x }));
    });
    if (values.size > 24) chips.push(h("span", { class: "sb-chip" }, `+${values.size - 24} more`));
    v.parts.legend.replaceChildren(...by ? [h(
      "span",
      { class: "sb-legend-title" },
      `Colour: ${by}`
    ), ...chips] : []);
  }
};

// synthesis/board/js/keyboard.js
var Keyboard = class {
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
    if (v.menus.menuOpen && v.parts.menu.contains(target)) return;
    if (mod && (e.key === "z" || e.key === "Z" || e.key === "y") && !isTextInput(target)) {
      e.preventDefault();
      e.stopPropagation();
      v.act({ type: e.shiftKey || e.key === "y" ? "redo" : "undo" });
      return;
    }
    if (e.key === "Escape") {
      if (!v.parts.drawer.hidden) {
        v.drawer.close();
        e.preventDefault();
        return;
      }
      if (!v.parts.panel.hidden) {
        v.menus.closePanel();
        e.preventDefault();
        return;
      }
      v.selected.clear();
      return;
    }
    if (isTextInput(target)) return;
    const name = target.closest(".sb-theme-name");
    if (name && (e.key === "F2" || e.key === "Enter")) {
      const sec = (
        /** @type {HTMLElement | null} */
        name.closest("[data-theme-id]")
      );
      const tid = sec?.dataset.themeId;
      if (tid && tid !== UNSORTED) {
        e.preventDefault();
        v.menus.startRename(tid);
      }
      return;
    }
    if (name && (e.key === "s" || e.key === "S") && !mod) {
      const tid = (
        /** @type {HTMLElement | null} */
        name.closest("[data-theme-id]")?.dataset.themeId
      );
      if (tid && tid !== UNSORTED && v.suggestions.on) {
        e.preventDefault();
        v.suggestions.similar.open(
          { theme: tid },
          /** @type {HTMLElement} */
          name
        );
      }
      return;
    }
    if (target === v.parts.newZone && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      v.createTheme(v.selected.ordered(), { from: v.selected.columns() });
      return;
    }
    const card = (
      /** @type {CardEl | null} */
      target.closest(".sb-card")
    );
    if ((e.key === "n" || e.key === "N") && !mod && !e.altKey) {
      const sec = (
        /** @type {HTMLElement | null} */
        target.closest("[data-theme-id]")
      );
      e.preventDefault();
      v.notes.write(card ? card._tid : sec?.dataset.themeId || UNSORTED);
      return;
    }
    if (!card || mod) return;
    const id = card._note;
    const key = e.key;
    if (key === "m" || key === "M" || key === "Enter") {
      e.preventDefault();
      v.menus.openMenu(card);
    } else if (key === "a" || key === "A") {
      e.preventDefault();
      v.menus.openMenu(card, true);
    } else if (key === " ") {
      e.preventDefault();
      v.selected.set(id, !v.selected.holds(card), card._tid);
    } else if (key === "o" || key === "O") {
      e.preventDefault();
      v.drawer.open(id, card._tid);
    } else if (key === "e" || key === "E") {
      e.preventDefault();
      card.classList.toggle("sb-expanded");
    } else if (key === "F2") {
      e.preventDefault();
      v.notes.edit(card);
    } else if ((key === "Delete" || key === "Backspace") && e.shiftKey) {
      e.preventDefault();
      v.notes.setAside(v.selected.actingOn(id));
    } else if (key === "Delete" || key === "Backspace") {
      e.preventDefault();
      const ids = v.selected.actingOn(id);
      v.moveNotes(ids, UNSORTED, { from: v.selected.from(ids, id, card._tid) });
      if (card.isConnected) v.focusCard(card);
      else v.focusNote(id);
    } else if (key.startsWith("Arrow")) {
      e.preventDefault();
      this.focusNext(card, key);
    } else if (v.suggestions.onKey(card, key)) e.preventDefault();
  }
  /**
   * Focus the card above or below, or the first shown card of the column to the side.
   * @param {CardEl} card @param {string} key
   */
  focusNext(card, key) {
    const column = card.parentElement && columnOf(card.parentElement);
    if (!column) return;
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
};

// synthesis/board/js/live.js
var CHECK = "moved by both — check";
function patched(placements, moved) {
  const next = { ...placements };
  for (const [note, themes] of Object.entries(moved)) {
    if (themes.length) next[note] = themes;
    else delete next[note];
  }
  return next;
}
var LiveChanges = class {
  constructor() {
    this.moved = /* @__PURE__ */ new Map();
    this.base = void 0;
    this.baseSeq = -1;
  }
  /**
   * The kernel pushed a state: when it holds new placements (a new object, even if equal),
   * they hold every change up to `seq`. Call it while the update's parts are all set (the
   * model's "change" event), not later: a newer update may have set a newer seq by then.
   * @param {unknown} placements  the model's placements now @param {number} seq  its meta.seq
   */
  pushed(placements, seq) {
    if (placements === this.base) return;
    this.base = placements;
    this.baseSeq = seq;
    for (const [n, m] of this.moved) if (m.seq <= seq) this.moved.delete(n);
  }
  /**
   * Keep a "changes" message's moves; returns the notes whose shown place it changes.
   * @param {Pick<Changes, "seq" | "placements">} msg
   * @returns {string[]}
   */
  add(msg) {
    const out = [];
    const seq = msg.seq || 0;
    for (const [n, themes] of Object.entries(msg.placements || {})) {
      if (seq <= this.baseSeq) continue;
      const had = this.moved.get(n);
      if (had && had.seq > seq) continue;
      this.moved.set(n, { themes, seq });
      out.push(n);
    }
    return out;
  }
  /**
   * The placements the board shows: the pushed ones with the changes since on top.
   * @param {Record<string, string[]>} placements
   * @returns {Record<string, string[]>}
   */
  over(placements) {
    if (!this.moved.size) return placements;
    const moved = {};
    for (const [n, m] of this.moved) moved[n] = m.themes;
    return patched(placements, moved);
  }
};
function applyChanges(view, msg) {
  if (view.live.add(msg).length) view.schedule();
  for (const note of msg.check || []) {
    for (const el of view.cards.of(note)) {
      el.classList.add("sb-check");
      el.title = CHECK;
      if (!el.querySelector(".sb-check-line")) {
        el.insertBefore(h("p", { class: "sb-check-line" }, CHECK), el.lastChild);
      }
    }
  }
  view.root.dataset.liveSeq = String(msg.seq || 0);
}
function showOthers(status, others) {
  let el = (
    /** @type {HTMLElement | null} */
    status.parentElement?.querySelector(".sb-team")
  );
  if (!el) {
    el = h("span", { class: "sb-team", "aria-live": "polite" });
    status.after(el);
  }
  const text = others && others.length ? `Also here: ${others.join(", ")}` : "";
  if (el.textContent !== text) el.textContent = text;
}

// synthesis/board/js/menus.js
var Menus = class {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.menuOpen = false;
    this.panelAnchor = null;
  }
  /**
   * The menu for a card (and the selection it is in). "Move to" (M, Enter): out of this
   * card's column into another. "Also add to" (A, `add`): into one more theme, leaving
   * nothing; it lists only themes the notes are not all in already.
   * @param {CardEl} card @param {boolean} [add]
   */
  openMenu(card, add = false) {
    const v = this.view;
    const menu = v.parts.menu;
    const id = card._note;
    const ids = v.selected.actingOn(id);
    const how = { from: v.selected.from(ids, id, card._tid), add };
    const verb = add ? "Also add" : "Move";
    const input = h("input", {
      class: "sb-menu-filter",
      type: "text",
      role: "combobox",
      "aria-expanded": "true",
      "aria-autocomplete": "list",
      "aria-controls": `${v.vid}-menu`,
      "aria-label": `${verb} ${plural(ids.length, "note", "notes")} to: type to filter themes`,
      placeholder: `${verb} to… (type to filter)`
    });
    const list = h("ul", { class: "sb-menu-list", role: "listbox", id: `${v.vid}-menu` });
    const inAll = (tid) => ids.every((n) => v.shownColumns(n).includes(tid));
    const options = [
      ...add ? [] : [{ id: UNSORTED, label: "Unsorted" }],
      ...v.themes.filter((t) => !add || !inAll(t.id)).map((t) => ({ id: t.id, label: t.name })),
      { id: "__new__", label: "+ New theme" }
    ];
    let active = 0;
    let shown = options;
    const choose = (o) => {
      menu.hidden = true;
      this.menuOpen = false;
      if (o.id === "__new__") v.createTheme(ids, how);
      else v.moveNotes(ids, o.id, how);
      if (card.isConnected) v.focusCard(card);
      else v.focusNote(id, o.id);
    };
    const draw = () => {
      const q = input.value.trim().toLowerCase();
      shown = options.filter((o) => !q || o.label.toLowerCase().includes(q) || o.id === "__new__");
      active = Math.min(active, shown.length - 1);
      list.replaceChildren(...shown.map((o, i) => {
        const li = h("li", {
          role: "option",
          id: `${v.vid}-opt-${i}`,
          class: "sb-menu-item",
          "aria-selected": i === active ? "true" : "false",
          "data-target": o.id,
          text: o.label
        });
        li.addEventListener("mousedown", (ev) => {
          ev.preventDefault();
          choose(o);
        });
        return li;
      }));
      input.setAttribute("aria-activedescendant", `${v.vid}-opt-${active}`);
    };
    const close = () => {
      menu.hidden = true;
      this.menuOpen = false;
      v.focusCard(card);
    };
    input.addEventListener("input", () => {
      active = 0;
      draw();
    });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown") {
        active = (active + 1) % shown.length;
        draw();
        ev.preventDefault();
      } else if (ev.key === "ArrowUp") {
        active = (active - 1 + shown.length) % shown.length;
        draw();
        ev.preventDefault();
      } else if (ev.key === "Enter") {
        ev.preventDefault();
        if (shown[active]) choose(shown[active]);
      } else if (ev.key === "Escape" || ev.key === "Tab") {
        ev.preventDefault();
        close();
      }
      ev.stopPropagation();
    });
    input.addEventListener("blur", () => {
      if (this.menuOpen) setTimeout(() => {
        if (this.menuOpen && !menu.contains(document.activeElement)) close();
      }, 150);
    });
    menu.setAttribute("aria-label", `${verb} note to`);
    menu.replaceChildren(h(
      "p",
      { class: "sb-menu-title" },
      `${verb} ${plural(ids.length, "note", "notes")} to`
    ), input, list);
    this.place(menu, card);
    menu.hidden = false;
    this.menuOpen = true;
    draw();
    input.focus();
  }
  /** @param {HTMLElement} popup @param {HTMLElement} anchor  Show a popup under an element. */
  place(popup, anchor) {
    const r = this.view.root.getBoundingClientRect();
    const a = anchor.getBoundingClientRect();
    popup.style.left = `${Math.max(0, Math.min(a.left - r.left, r.width - 300))}px`;
    popup.style.top = `${a.bottom - r.top + 4}px`;
  }
  /** @param {string} tid  Edit a theme's name in place (Enter saves, Escape cancels). */
  startRename(tid) {
    const v = this.view;
    const te = v.themeEls.get(tid);
    const theme = v.themeById.get(tid);
    if (!te || !theme || te.editing) return;
    te.editing = true;
    te.head.draggable = false;
    editInPlace(te.name, theme.name, "Theme name", (save, name) => {
      te.editing = false;
      te.head.draggable = true;
      if (save && name && name !== theme.name) {
        te.name.textContent = name;
        v.act({ type: "rename", theme: tid, name }, { theme: tid });
      } else te.name.textContent = theme.name;
      te.name.focus();
    });
  }
  /** @param {string} tid @param {HTMLElement} anchor  The theme's "⋯" panel. */
  openPanel(tid, anchor) {
    const v = this.view;
    const t = v.themeById.get(tid);
    if (!t) return;
    const desc = h("textarea", {
      class: "sb-panel-desc",
      rows: "3",
      "aria-label": "Description",
      placeholder: "What this theme means…"
    });
    desc.value = t.description || "";
    const colour = h("input", { type: "color", class: "sb-panel-colour", "aria-label": "Theme colour" });
    colour.value = themeColour(t);
    const inside = /* @__PURE__ */ new Set([tid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const o of v.themes) {
        if (o.parent && inside.has(o.parent) && !inside.has(o.id)) {
          inside.add(o.id);
          grew = true;
        }
      }
    }
    const parent = h(
      "select",
      { class: "sb-panel-parent", "aria-label": "Group under" },
      h("option", { value: "" }, "(no group)"),
      ...v.themes.filter((o) => !inside.has(o.id)).map((o) => h("option", { value: o.id, text: o.name }))
    );
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
      v.act({ type: "delete", theme: tid }, { theme: tid });
    });
    const sibs = v.themes.filter((o) => (o.parent || "") === (t.parent || ""));
    const move = (step) => {
      const order = v.themes.map((o) => o.id);
      const j = sibs.findIndex((o) => o.id === tid) + step;
      if (j < 0 || j >= sibs.length) return;
      const a = order.indexOf(tid);
      const b = order.indexOf(sibs[j].id);
      [order[a], order[b]] = [order[b], order[a]];
      v.act({ type: "reorder", themes: order });
    };
    const button = (label, onclick) => h(
      "button",
      { type: "button", class: "sb-btn", onclick },
      label
    );
    const saveDesc = button("Save description", () => {
      if (desc.value !== (t.description || "")) v.act({ type: "describe", theme: tid, text: desc.value });
    });
    colour.addEventListener("change", () => v.act({ type: "recolour", theme: tid, colour: colour.value }));
    parent.addEventListener("change", () => v.act({ type: "group", theme: tid, parent: parent.value || null }));
    const close = button("Close", () => this.closePanel());
    close.setAttribute("aria-label", "Close");
    const panel2 = v.parts.panel;
    delete panel2.dataset.kind;
    panel2.setAttribute("aria-label", `Theme ${t.name}`);
    panel2.replaceChildren(
      h("p", { class: "sb-panel-title", text: t.name }),
      h("label", { class: "sb-field" }, "Description", desc),
      saveDesc,
      h("label", { class: "sb-field sb-inline" }, "Colour ", colour),
      h("label", { class: "sb-field" }, "Group under", parent),
      h(
        "div",
        { class: "sb-row" },
        button("◀ Move earlier", () => move(-1)),
        button("Move later ▶", () => move(1))
      ),
      h(
        "div",
        { class: "sb-row" },
        button("Rename", () => {
          this.closePanel();
          this.startRename(tid);
        }),
        del,
        close
      ),
      ...v.suggestions.on ? [h("div", { class: "sb-row" }, button("Similar unsorted notes", () => {
        this.closePanel();
        v.suggestions.similar.open({ theme: tid }, anchor);
      }))] : []
    );
    this.panelAnchor = anchor;
    this.place(panel2, anchor);
    panel2.hidden = false;
    desc.focus();
  }
  closePanel() {
    this.view.parts.panel.hidden = true;
    delete this.view.parts.panel.dataset.kind;
    this.panelAnchor?.focus();
  }
};

// synthesis/board/js/notes.js
var MAX_NOTE = 1e4;
function splitPlan(stored, boxText, caret) {
  const trimmed = boxText.trim();
  const lead = boxText.length - boxText.trimStart().length;
  const at = caret - lead;
  if (at <= 0 || at >= trimmed.length) return null;
  if (!trimmed.slice(0, at).trim() || !trimmed.slice(at).trim()) return null;
  return { edit: trimmed === stored ? null : trimmed, at };
}
function addNoteButton(tid) {
  return h(
    "button",
    {
      type: "button",
      class: "sb-add-note",
      "data-action": "new-note",
      "data-theme-id": tid,
      title: "Write a note here (N)",
      "aria-label": tid === UNSORTED ? "Write a note in Unsorted" : "Write a note in this theme"
    },
    "+ Note"
  );
}
var Notes = class {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.focusAfter = null;
  }
  /**
   * Open a box at the top of a column to write a note; Enter saves (Shift+Enter: a new
   * line), Escape or an empty box cancels.
   * @param {string} tid
   */
  write(tid) {
    const v = this.view;
    const column = v.columns.get(tid) || v.pile;
    const section = (
      /** @type {HTMLElement} */
      column.list.parentElement
    );
    section.querySelector(".sb-composer")?.remove();
    const box = h("textarea", {
      class: "sb-note-box",
      "data-action": "write-note",
      rows: "3",
      maxlength: String(MAX_NOTE),
      "aria-label": "New note: Enter saves, Escape cancels",
      placeholder: "Write a note… (Enter saves, Esc cancels)"
    });
    const composer = h("div", { class: "sb-composer" }, box);
    section.insertBefore(composer, column.list);
    box.focus();
    this.keys(box, (save) => {
      composer.remove();
      const text = box.value.trim();
      if (save && text) {
        v.act({ type: "new_note", text, theme: tid === UNSORTED ? null : tid });
      } else (v.columns.get(tid)?.firstShown() || section.querySelector("button"))?.focus();
    });
  }
  /**
   * Edit a card's text in place. Enter saves, Escape cancels, Shift+Enter is a new line;
   * "Split at cursor" (Alt+Enter) and "Set aside" act on the note.
   * @param {CardEl} card
   */
  edit(card) {
    const v = this.view;
    if (card.querySelector(".sb-note-box")) return;
    const note = card._card;
    const textEl = (
      /** @type {HTMLElement} */
      card.querySelector(".sb-text")
    );
    const box = h("textarea", {
      class: "sb-note-box",
      "data-action": "edit-note",
      rows: "4",
      maxlength: String(MAX_NOTE),
      "aria-label": "Note text: Enter saves, Escape cancels, Alt+Enter splits at the cursor"
    });
    box.value = note.text;
    const split = h("button", {
      type: "button",
      class: "sb-btn sb-mini",
      "data-action": "split-note",
      title: "Split into two notes at the cursor (Alt+Enter)"
    }, "Split at cursor");
    const aside = h(
      "button",
      {
        type: "button",
        class: "sb-btn sb-mini sb-danger",
        "data-action": "set-aside",
        title: "Set this note aside (restore it from the toolbar)"
      },
      "Set aside"
    );
    const tools = h("div", { class: "sb-note-tools" }, split, aside);
    card.draggable = false;
    textEl.hidden = true;
    card.insertBefore(h("div", { class: "sb-editor" }, box, tools), textEl.nextSibling);
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
    let done = false;
    const close = () => {
      done = true;
      card.querySelector(".sb-editor")?.remove();
      textEl.hidden = false;
      card.draggable = true;
    };
    const doSplit = () => {
      const plan = splitPlan(note.text, box.value, box.selectionStart);
      if (!plan) {
        v.setStatus("error", "Put the cursor between two words to split the note there.");
        box.focus();
        return;
      }
      close();
      if (plan.edit !== null) v.act({ type: "edit_note", note: note.id, text: plan.edit }, { notes: [note.id] });
      v.act({ type: "split_note", note: note.id, at: plan.at }, { notes: [note.id] });
      this.focusAfter = note.id;
    };
    split.addEventListener("mousedown", (e) => e.preventDefault());
    split.addEventListener("click", doSplit);
    aside.addEventListener("mousedown", (e) => e.preventDefault());
    aside.addEventListener("click", () => {
      close();
      this.setAside([note.id]);
    });
    this.keys(box, (save) => {
      if (done) return;
      close();
      const text = box.value.trim();
      if (save && text && text !== note.text) {
        textEl.textContent = text;
        v.act({ type: "edit_note", note: note.id, text }, { notes: [note.id] });
        this.focusAfter = note.id;
      }
      v.focusCard(card);
    }, doSplit);
  }
  /**
   * Keys in a note box: Enter saves, Escape cancels, Alt+Enter splits; leaving the box
   * saves. `finish` runs once.
   * @param {HTMLTextAreaElement} box @param {(save: boolean) => void} finish
   * @param {() => void} [onSplit]
   */
  keys(box, finish, onSplit) {
    let done = false;
    const end = (save) => {
      if (!done) {
        done = true;
        finish(save);
      }
    };
    box.addEventListener("keydown", (ev) => {
      ev.stopPropagation();
      if (ev.key === "Escape") {
        ev.preventDefault();
        end(false);
      } else if (ev.key === "Enter" && ev.altKey && onSplit) {
        ev.preventDefault();
        done = true;
        onSplit();
      } else if (ev.key === "Enter" && !ev.shiftKey) {
        ev.preventDefault();
        end(true);
      }
    });
    box.addEventListener("blur", () => setTimeout(() => end(true), 0));
  }
  /** @param {string[]} ids  Set notes aside (undo, or the toolbar's list, brings them back). */
  setAside(ids) {
    if (!ids.length) return;
    this.view.act({ type: "set_aside", notes: ids }, { notes: ids });
    this.view.selected.clear();
  }
  /** The toolbar's "Set aside (n)" button: shown only when the round has notes set aside. */
  syncAside() {
    const btn = this.view.parts.asideBtn;
    const aside = this.view.meta.aside || [];
    btn.hidden = !aside.length;
    btn.textContent = `Set aside (${aside.length})`;
    btn.setAttribute("aria-label", `${plural(aside.length, "note", "notes")} set aside: show to restore`);
    if (!this.view.parts.panel.hidden && this.view.parts.panel.dataset.kind === "aside") this.openAside();
  }
  /** The list of notes set aside, each with "Restore". */
  openAside() {
    const v = this.view;
    const aside = v.meta.aside || [];
    const panel2 = v.parts.panel;
    panel2.dataset.kind = "aside";
    panel2.setAttribute("aria-label", "Notes set aside");
    const close = h("button", {
      type: "button",
      class: "sb-btn",
      "aria-label": "Close",
      onclick: () => v.menus.closePanel()
    }, "Close");
    panel2.replaceChildren(
      h("p", { class: "sb-panel-title" }, "Notes set aside"),
      aside.length ? h("ul", { class: "sb-aside-list" }, ...aside.map((n) => h(
        "li",
        {},
        h("span", { class: "sb-aside-text", text: n.text }),
        h("span", { class: "sb-pid", text: n.pid || "—" }),
        h(
          "button",
          {
            type: "button",
            class: "sb-btn sb-mini",
            "data-action": "restore-note",
            "data-note-id": n.id,
            onclick: () => v.act({ type: "restore_note", notes: [n.id] })
          },
          "Restore"
        )
      ))) : h("p", { class: "sb-muted" }, "No note is set aside."),
      h("div", { class: "sb-row" }, close)
    );
    v.menus.panelAnchor = v.parts.asideBtn;
    v.menus.place(panel2, v.parts.asideBtn);
    panel2.hidden = false;
    panel2.querySelector("button")?.focus();
  }
  /** After a push: the card of a note just made or split takes the focus. */
  afterApply() {
    if (!this.focusAfter || !this.view.cards.data.has(this.focusAfter)) return;
    const id = this.focusAfter;
    this.focusAfter = null;
    this.view.focusNote(id);
  }
  /** @param {any} ack  A new note's id arrives with its ack: focus its card once shown. */
  onAck(ack) {
    if (ack.ok && (ack.op === "new_note" || ack.op === "note_from_span") && ack.note) {
      this.focusAfter = ack.note;
    }
  }
};

// synthesis/board/js/pilewindow.js
var BOX_PX = 880;
var KEEP_PX = 3 * BOX_PX;
var estimate = (chunk) => (
  /** @type {Chunk} */
  (chunk._shown || 0) * CARD_PX
);
var PileWindow = class {
  /** @param {Column} column */
  constructor(column) {
    this.column = column;
    this.top = 0;
    this.padded = -1;
    this.queued = false;
  }
  /**
   * Leave out of the layout the chunks more than KEEP_PX (estimated) below the box's top,
   * but never the chunk holding the focus nor any above it. Writes only what changed.
   */
  trim() {
    const focus = document.activeElement?.parentElement;
    const keepTo = focus && focus.parentElement === this.column.list ? focus : null;
    let y = 0;
    let far = false;
    let passed = !keepTo;
    for (const chunk of this.column.list.children) {
      if (!far && passed && y > this.top + KEEP_PX) far = true;
      if (chunk === keepTo) passed = true;
      setFar(chunk, far);
      y += estimate(chunk);
    }
    this.pad();
  }
  /**
   * Draw a far chunk and every far one above it, then more below until `px` (estimated)
   * more is drawn: what is seen reached past the drawn chunks, or a card there takes focus.
   * @param {Element} chunk @param {number} [px]
   */
  reach(chunk, px = 0) {
    let at = (
      /** @type {Element | null} */
      this.column.list.firstElementChild
    );
    while (at && !/** @type {Chunk} */
    at._far) at = at.nextElementSibling;
    let past = false;
    for (; at; at = at.nextElementSibling) {
      if (past && px <= 0) break;
      setFar(at, false);
      if (past) px -= estimate(at);
      if (at === chunk) past = true;
    }
    this.pad();
  }
  /**
   * The box scrolled (a scroll event: its layout is fresh). Scrolled to its very end, every
   * chunk is drawn and the box lands on the end the cards really make: the stand-in's
   * estimate is not their height, and the last cards must show in the frame of the scroll.
   */
  scrolled() {
    const list = this.column.list;
    this.top = list.scrollTop;
    if (this.padded <= 0 || list.scrollTop + list.clientHeight < list.scrollHeight - 1) return;
    const last = list.lastElementChild;
    if (last) this.reach(last);
    list.scrollTop = list.scrollHeight;
    this.top = list.scrollTop;
  }
  /** @param {Element} chunk @param {Element} half  A chunk split: its new half goes with it. */
  split(chunk, half) {
    setFar(half, isFar(chunk));
  }
  /** The counts changed (a move, a filter): size the stand-in again, once, soon. */
  changed() {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.pad();
    });
  }
  /** Size the stand-in (`--sb-far`) to the far chunks' estimated height. */
  pad() {
    let px = 0;
    for (let c = this.column.list.lastElementChild; c && /** @type {Chunk} */
    c._far; c = c.previousElementSibling) px += estimate(c);
    if (px === this.padded) return;
    this.padded = px;
    if (px) this.column.list.style.setProperty("--sb-far", `${px}px`);
    else this.column.list.style.removeProperty("--sb-far");
  }
};
function setFar(chunk, far) {
  const c = (
    /** @type {Chunk} */
    chunk
  );
  if (!!c._far === far) return;
  c._far = far;
  c.classList.toggle("sb-far", far);
}
function isFar(chunk) {
  return !!/** @type {Chunk} */
  chunk._far;
}

// synthesis/board/js/pointer.js
var Pointer = class {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    view.root.addEventListener("click", (e) => this.onClick(e));
    view.root.addEventListener("dblclick", (e) => this.onDblClick(e));
  }
  /** @param {MouseEvent} e */
  onClick(e) {
    const v = this.view;
    const t = (
      /** @type {HTMLElement} */
      e.target
    );
    if (!(t instanceof Element)) return;
    if (t.closest(".sb-editor, .sb-composer")) return;
    const add = (
      /** @type {HTMLElement | null} */
      t.closest("[data-action='new-note']")
    );
    if (add) {
      v.notes.write(add.dataset.themeId || UNSORTED);
      return;
    }
    if (t.closest("[data-action='show-aside']")) {
      v.notes.openAside();
      return;
    }
    const open = t.closest(".sb-open");
    const card = (
      /** @type {CardEl | null} */
      t.closest(".sb-card")
    );
    if (open && card) {
      v.drawer.open(card._note, card._tid);
      return;
    }
    const actionBtn = (
      /** @type {HTMLElement | null} */
      t.closest("[data-theme-action]")
    );
    if (actionBtn) {
      v.menus.openPanel(actionBtn.dataset.themeAction || "", actionBtn);
      return;
    }
    const sel = v.selected;
    if (t.closest("[data-drop='new-theme']")) {
      v.createTheme(sel.ordered(), { from: sel.columns() });
      return;
    }
    if (!card) return;
    const mine = sel.holds(card);
    if (e.shiftKey || e.ctrlKey || e.metaKey) sel.set(card._note, !mine, card._tid);
    else {
      const only = sel.size === 1 && mine;
      sel.clear();
      if (!only) sel.set(card._note, true, card._tid);
    }
  }
  /** @param {MouseEvent} e */
  onDblClick(e) {
    const v = this.view;
    const t = e.target;
    if (!(t instanceof Element)) return;
    const name = t.closest(".sb-theme-name");
    const section = (
      /** @type {HTMLElement | null} */
      t.closest("[data-theme-id]")
    );
    if (name && section && section.dataset.themeId !== UNSORTED) {
      v.menus.startRename(section.dataset.themeId || "");
      return;
    }
    if (t.closest(".sb-editor, .sb-add-note, .sb-open")) return;
    const card = (
      /** @type {CardEl | null} */
      t.closest(".sb-card")
    );
    if (card) v.notes.edit(card);
  }
};

// synthesis/board/js/readerpanel.js
var ReaderPanel = class {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.reader = new Reader({ send: (action) => view.act(action), onClose: () => this.close() });
    this.el = h("div", {
      class: "sb-reader",
      role: "dialog",
      "aria-label": "Transcript",
      hidden: true
    }, this.reader.root);
    view.root.append(this.el);
    this.asked = null;
    this.back = null;
    this.seq = void 0;
  }
  /** @param {string} session @param {string} [note]  Open on a session (at a note's words). */
  open(session, note) {
    this.back = /** @type {HTMLElement | null} */
    document.activeElement;
    this.el.hidden = false;
    this.el.scrollIntoView({ block: "nearest" });
    this.reader.say("Loading…", false);
    this.ask(session, note);
  }
  /** @param {string} session @param {string} [note] */
  ask(session, note) {
    this.seq = this.view.meta.seq;
    const id = `${this.view.pending.nextId()}-tr`;
    this.asked = { id, session, note };
    this.view.model.send({ type: "transcript", id, session });
  }
  /** @param {any} msg  The kernel's `transcript` reply, or an ack of a note made here. */
  onMessage(msg) {
    if (msg.type === "transcript") {
      if (!this.asked || msg.id !== this.asked.id) return;
      if (!msg.ok) {
        this.reader.say(msg.error, true);
        return;
      }
      const first2 = this.reader.data === null || this.reader.data.session !== msg.session;
      this.reader.show(msg, first2 && this.asked.note ? { note: this.asked.note } : {});
      if (first2 && !this.asked.note) this.reader.root.querySelector(".st-turn")?.focus();
      if (this.reader.status.textContent === "Loading…") this.reader.say("", false);
      return;
    }
    if (msg.type === "ack" && msg.op === "note_from_span" && !this.el.hidden) this.reader.onAck(msg);
  }
  /** After a push: the store moved on since the panel asked, so ask again. */
  afterApply() {
    if (this.el.hidden || !this.asked || this.view.meta.seq === this.seq) return;
    this.ask(this.asked.session);
  }
  close() {
    this.el.hidden = true;
    this.reader.data = null;
    this.back?.focus();
  }
};

// synthesis/board/js/protocol.js
var Pending = class {
  /** @param {string} prefix  unique per view: two views of one widget tell their acks apart */
  constructor(prefix) {
    this.prefix = prefix;
    this.seq = 0;
    this.requests = /* @__PURE__ */ new Map();
    this.newest = /* @__PURE__ */ new Map();
    this.acked = /* @__PURE__ */ new Map();
    this.seen = 0;
  }
  get size() {
    return this.requests.size;
  }
  /** A fresh id for a request that holds nothing (a card's source, say). */
  nextId() {
    return `${this.prefix}-${++this.seq}`;
  }
  /**
   * Start a request; returns the message to send (the action with its id).
   * @template {{type: string}} A
   * @param {A} action
   * @param {{notes?: string[], theme?: string | null,
   *   cols?: Record<string, string[]> | null}} [holds]
   * @returns {A & {id: string}}
   */
  begin(action, { notes = [], theme = null, cols = null } = {}) {
    const id = this.nextId();
    this.requests.set(id, { op: action.type, notes: [...notes], theme, cols });
    for (const n of notes) this.newest.set(n, id);
    return { ...action, id };
  }
  /**
   * Settle an ack. Returns null when the ack answers no request of this view (another
   * view's, or one already settled): its state push reaches this view anyway.
   * @param {Ack} ack
   * @returns {Settled | null}
   */
  settle(ack) {
    const id = typeof ack.id === "string" ? ack.id : null;
    const request = id === null ? void 0 : this.requests.get(id);
    if (id === null || !request) return null;
    this.requests.delete(id);
    const ok = ack.ok === true;
    const seq = typeof ack.seq === "number" ? ack.seq : 0;
    const released = [];
    for (const n of request.notes) {
      if (this.newest.get(n) !== id) continue;
      this.newest.delete(n);
      released.push(n);
      const cols = request.cols?.[n];
      if (ok && cols && seq > this.seen) this.acked.set(n, { cols, seq });
    }
    return { id, request, ok, released };
  }
  /**
   * A state was drawn: acknowledged moves it holds stop overriding the store's placements.
   * Returns the notes they held (to draw where the state has them).
   * @param {number} seq  the state's meta.seq
   * @returns {string[]}
   */
  caughtUp(seq) {
    if (seq > this.seen) this.seen = seq;
    const out = [];
    for (const [n, a] of this.acked) {
      if (a.seq <= this.seen) {
        this.acked.delete(n);
        out.push(n);
      }
    }
    return out;
  }
  /** @param {string} noteId  Is the note held by an unacknowledged request? */
  holds(noteId) {
    return this.newest.has(noteId);
  }
  /**
   * The columns the newest unacknowledged move shows a note in, else those of an
   * acknowledged move whose state has not arrived yet (undefined: no move waiting, or one
   * whose result the kernel decides, such as a new theme).
   * @param {string} noteId
   * @returns {string[] | undefined}
   */
  columns(noteId) {
    const id = this.newest.get(noteId);
    if (id === void 0) return this.acked.get(noteId)?.cols;
    return this.requests.get(id)?.cols?.[noteId];
  }
  /** The themes whose headers wait for an ack. */
  themes() {
    const out = /* @__PURE__ */ new Set();
    for (const r of this.requests.values()) if (r.theme) out.add(r.theme);
    return out;
  }
};
function changedNotes(before, after) {
  const out = [];
  const keys = Object.keys(after);
  let common = 0;
  for (let i = 0; i < keys.length; i++) {
    const n = keys[i];
    const was = before[n];
    if (was !== void 0) common++;
    if (!sameList(was, after[n])) out.push(n);
  }
  const old = Object.keys(before);
  if (common !== old.length) {
    for (const n of old) if (after[n] === void 0) out.push(n);
  }
  return out;
}
function sameList(a, b) {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
function statusAfter(ack, stillPending) {
  if (ack.ok !== true) return { state: "error", text: `Not saved: ${ack.error || "the kernel refused the change."}` };
  if (stillPending) return { state: "saving", text: "Saving…" };
  return { state: "saved", text: `Saved. ${ack.summary || ""}`.trim() };
}

// synthesis/board/js/selection.js
var Selection = class {
  /** @param {Cards} cards */
  constructor(cards) {
    this.cards = cards;
    this.picked = /* @__PURE__ */ new Map();
  }
  get size() {
    return this.picked.size;
  }
  /** @param {string} noteId */
  has(noteId) {
    return this.picked.has(noteId);
  }
  /** @param {string} noteId  The column of the note's selected card (undefined: none). */
  column(noteId) {
    return this.picked.get(noteId);
  }
  /**
   * Select or unselect a note's card in one column (its first card when `col` is not given).
   * @param {string} noteId @param {boolean} on @param {string} [col]
   */
  set(noteId, on, col) {
    if (!this.cards.data.has(noteId)) return;
    const was = this.picked.get(noteId);
    if (was !== void 0) mark(this.cards.in(noteId, was), false);
    this.picked.delete(noteId);
    if (!on) return;
    const where = col ?? this.cards.of(noteId)[0]?._tid;
    if (where === void 0) return;
    this.picked.set(noteId, where);
    mark(this.cards.in(noteId, where), true);
  }
  /** @param {CardEl} card  Is this very card the selected one of its note? */
  holds(card) {
    return this.picked.get(card._note) === card._tid;
  }
  clear() {
    for (const id of [...this.picked.keys()]) this.set(id, false);
  }
  /** Selected note ids in import order. */
  ordered() {
    return this.cards.ordered(this.picked.keys());
  }
  /**
   * The notes an action on this card acts on: the selection when the note is in it.
   * @param {string} noteId
   */
  actingOn(noteId) {
    return this.picked.has(noteId) ? this.ordered() : [noteId];
  }
  /**
   * The column each note leaves: the acted-on card's own, a selected card's column.
   * @param {string[]} ids @param {string} noteId @param {string} col  the acted-on card's
   * @returns {Record<string, string>}
   */
  from(ids, noteId, col) {
    const out = {};
    for (const n of ids) out[n] = n === noteId ? col : this.picked.get(n) ?? col;
    return out;
  }
  /** Note id -> its selected card's column, for every selected note. */
  columns() {
    return Object.fromEntries(this.picked);
  }
  /**
   * A card moved to another column (its note left the old one): the selection follows it.
   * @param {CardEl} el @param {string} from
   */
  moved(el, from) {
    if (this.picked.get(el._note) === from) this.picked.set(el._note, el._tid);
  }
  /** @param {CardEl} el  A card left the board: if it was the selected one, nothing is. */
  dropped(el) {
    if (this.picked.get(el._note) === el._tid) this.picked.delete(el._note);
  }
};
function mark(el, on) {
  if (!el) return;
  el.classList.toggle("sb-selected", on);
  el.setAttribute("aria-selected", on ? "true" : "false");
}

// synthesis/board/js/sight.js
var AHEAD = 200;
function sightOf(el) {
  const box = { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth };
  for (let at = el.parentElement; at && at !== document.body; at = at.parentElement) {
    const style = getComputedStyle(at);
    if (style.overflowY !== "visible" && style.display !== "contents") {
      clip(box, at.getBoundingClientRect());
    }
  }
  return box;
}
function shownOnPage(el) {
  return el.isConnected && el.getClientRects().length > 0;
}
function clip(box, by) {
  box.top = Math.max(box.top, by.top);
  box.left = Math.max(box.left, by.left);
  box.bottom = Math.min(box.bottom, by.bottom);
  box.right = Math.min(box.right, by.right);
}
function near(r, box) {
  return r.bottom >= box.top - AHEAD && r.top <= box.bottom + AHEAD && r.right >= box.left - AHEAD && r.left <= box.right + AHEAD;
}
function seenIn(column, sight) {
  const box = { ...sight };
  const section = column.list.parentElement;
  if (section && !near(section.getBoundingClientRect(), box)) return [];
  clip(box, column.list.getBoundingClientRect());
  const area = column.list.closest(".sb-board-area");
  if (area) clip(box, area.getBoundingClientRect());
  const top = box.top - AHEAD;
  const bottom = box.bottom + AHEAD;
  if (bottom <= top || box.right - box.left <= -2 * AHEAD) return [];
  const out = [];
  let drawnTo = -Infinity;
  for (const chunk of column.list.children) {
    if (
      /** @type {any} */
      chunk._shown === 0
    ) continue;
    if (isFar(chunk)) column.window?.reach(chunk, bottom - (drawnTo > -Infinity ? drawnTo : top));
    const r = chunk.getBoundingClientRect();
    drawnTo = r.bottom;
    if (r.bottom < top) continue;
    if (r.top > bottom) break;
    out.push(chunk);
  }
  return out;
}
function drawSeen(root, columns, warmer) {
  const all = [...columns];
  for (const column of all) column.window?.trim();
  warmer.coolAll();
  if (!shownOnPage(root)) {
    for (const column of all) column.warmTop();
    return;
  }
  const sight = sightOf(root);
  for (const chunk of all.flatMap((c) => seenIn(c, sight))) warmer.warm(chunk);
}
function drawScrolled(root, columns, warmer, target) {
  const node = target instanceof Document ? target.documentElement : target;
  if (!(node instanceof Element) || !shownOnPage(root)) return;
  let which;
  if (root.contains(node)) {
    const column = columnOf(node);
    if (column?.window && node === column.list) column.window.scrolled();
    which = column ? [column] : [...columns.values()];
  } else if (node.contains(root)) which = [...columns.values()];
  else return;
  const sight = sightOf(root);
  for (const chunk of which.flatMap((c) => seenIn(c, sight))) warmer.warm(chunk);
}

// synthesis/board/js/skeleton.js
function buildSkeleton(vid) {
  const status = h("span", {
    class: "sb-status",
    role: "status",
    "aria-live": "polite",
    "data-state": "idle"
  });
  const search = h("input", {
    class: "sb-search",
    type: "search",
    placeholder: "Search notes",
    "aria-label": "Search notes by text"
  });
  const filter = (name) => h("select", {
    class: "sb-filter",
    "data-filter": name,
    "aria-label": `Filter by ${name}`
  });
  const fPid = filter("participant");
  const fSeg = filter("segment");
  const fSid = filter("session");
  const colourBy = h("select", { class: "sb-colour-by", "aria-label": "Colour cards by" });
  const undoBtn = h("button", {
    class: "sb-btn sb-undo",
    type: "button",
    title: "Undo (Ctrl+Z)",
    "aria-label": "Undo"
  }, "↶ Undo");
  const redoBtn = h("button", {
    class: "sb-btn sb-redo",
    type: "button",
    title: "Redo (Ctrl+Shift+Z)",
    "aria-label": "Redo"
  }, "↷ Redo");
  const asideBtn = h("button", {
    class: "sb-btn sb-aside-btn",
    type: "button",
    "data-action": "show-aside",
    hidden: true
  }, "Set aside");
  const title = h("h2", { class: "sb-title" });
  const subtitle = h("span", { class: "sb-subtitle" });
  const legend = h("div", { class: "sb-legend", "aria-label": "Card colours" });
  const hintId = `${vid}-hint`;
  const hint = h(
    "p",
    { id: hintId, class: "sb-sr-only" },
    "Press M or Enter to move this note to a theme, A to add it to another theme as well, Delete to take it out of this theme, Shift+Delete to set it aside, F2 or a double-click to edit its text, N to write a new note in this column, O to see where it came from, Space to add it to the selection, E to expand its text, arrow keys to go to other notes; 1, 2 or 3 to accept a suggested theme, S to see similar notes."
  );
  const pileList = h("div", {
    class: "sb-cards",
    role: "listbox",
    "aria-multiselectable": "true",
    "aria-label": "Unsorted notes"
  });
  const pileCount = h("span", { class: "sb-theme-count" });
  const pile = h(
    "section",
    {
      class: "sb-pile",
      "data-theme-id": UNSORTED,
      "aria-label": "Unsorted notes"
    },
    h(
      "header",
      { class: "sb-pile-head" },
      h("h3", { class: "sb-theme-name" }, "Unsorted"),
      pileCount,
      addNoteButton(UNSORTED)
    ),
    pileList
  );
  const newZone = h(
    "div",
    {
      class: "sb-new-theme",
      "data-drop": "new-theme",
      tabindex: "0",
      role: "button",
      "aria-label": "New theme: drop notes here, or press Enter to create an empty theme"
    },
    h("span", { class: "sb-new-plus", "aria-hidden": "true" }, "+"),
    h("span", {}, "Drop notes here to start a new theme")
  );
  const themesEl = h("div", { class: "sb-themes", role: "list", "aria-label": "Themes" });
  const barList = h("ol", { class: "sb-bars" });
  const chartN = h("p", { class: "sb-chart-note" });
  const chart = h(
    "aside",
    { class: "sb-chart", "aria-label": "Participants per theme" },
    h("h3", { class: "sb-chart-title" }, "Participants per theme"),
    chartN,
    barList
  );
  const menu = h("div", {
    class: "sb-menu",
    role: "dialog",
    "aria-label": "Move note to",
    hidden: true
  });
  const panel2 = h("div", {
    class: "sb-panel",
    role: "dialog",
    "aria-label": "Theme",
    hidden: true
  });
  const drawer = h("aside", {
    class: "sb-drawer",
    role: "dialog",
    "aria-label": "Where this note came from",
    hidden: true
  });
  const root = h(
    "div",
    {
      class: "synthesis-board",
      "data-lm-suppress-shortcuts": "true",
      role: "region",
      "aria-label": "Affinity board",
      "data-pending": "0"
    },
    h(
      "div",
      { class: "sb-toolbar", role: "toolbar", "aria-label": "Board tools" },
      h("div", { class: "sb-heading" }, title, subtitle),
      search,
      fPid,
      fSeg,
      fSid,
      h("label", { class: "sb-label" }, "Colour by ", colourBy),
      h("span", { class: "sb-spacer" }),
      asideBtn,
      undoBtn,
      redoBtn,
      status
    ),
    legend,
    hint,
    h(
      "div",
      { class: "sb-body" },
      pile,
      h("div", { class: "sb-board-area" }, h(
        "div",
        { class: "sb-themes-wrap" },
        newZone,
        themesEl
      )),
      chart
    ),
    menu,
    panel2,
    drawer
  );
  return {
    root,
    status,
    search,
    fPid,
    fSeg,
    fSid,
    colourBy,
    undoBtn,
    redoBtn,
    asideBtn,
    title,
    subtitle,
    legend,
    hintId,
    pileList,
    pileCount,
    newZone,
    themesEl,
    barList,
    chartN,
    menu,
    panel: panel2,
    drawer
  };
}

// synthesis/board/js/status.js
var StatusLine = class {
  /**
   * @param {{dataset: DOMStringMap, textContent: string | null}} el  the line's element
   *
   * @example
   *   const line = new StatusLine(el);
   *   line.save("saved", "Saved.");
   *   line.filtered("Showing 2 notes of 8.");  // el: "Showing 2 notes of 8."
   *   line.filtered(null);                     // el: "Saved." again
   */
  constructor(el) {
    this.el = el;
    this.state = /** @type {State} */
    el.dataset.state || "idle";
    this.text = el.textContent || "";
    this.counting = false;
  }
  /** @param {State} state @param {string} text  Say what became of a change (shown at once). */
  save(state, text) {
    this.state = state;
    this.text = text;
    this.counting = false;
    this.show(state, text);
  }
  /**
   * Show a filter's count (`text`), or, with null (no filter on any more), the save status
   * the count stood in for. An error stays marked as one under the count.
   * @param {string | null} text
   */
  filtered(text) {
    if (text === null) {
      if (this.counting) this.show(this.state, this.text);
      this.counting = false;
      return;
    }
    this.counting = true;
    this.show(this.state === "error" ? "error" : "idle", text);
  }
  /** @param {State} state @param {string} text */
  show(state, text) {
    this.el.dataset.state = state;
    this.el.textContent = text;
  }
};

// synthesis/board/js/suggestdata.js
function percent(score) {
  const p = Math.round(score * 100);
  return p < 1 ? "<1%" : `${Math.min(p, 100)}%`;
}
function topTheme(suggested, noteId) {
  const list = suggested[noteId];
  return list && list.length ? list[0][0] : void 0;
}
function countByTop(suggested, keep) {
  const out = /* @__PURE__ */ new Map();
  for (const n in suggested) {
    const tid = topTheme(suggested, n);
    if (tid !== void 0 && keep(n)) out.set(tid, (out.get(tid) || 0) + 1);
  }
  return out;
}
function reason(like, likes) {
  const found = like ? likes[like] : void 0;
  if (!found) return "";
  return `like “${found.text}”${found.pid ? ` (${found.pid})` : ""}`;
}
function describe(list, nameOf, likes) {
  const named = list.filter(([tid]) => nameOf(tid) !== void 0);
  if (!named.length) return "";
  const parts = named.map(([tid, score], i) => `${i + 1}: ${nameOf(tid)}, ${percent(score)}`);
  const why = reason(named[0][2], likes);
  const keys = named.length === 1 ? "Press 1 to accept it" : `Press 1 to ${named.length} to accept one`;
  return `Suggested themes (computed on this machine): ${parts.join("; ")}.${why ? ` The first is ${why}.` : ""} ${keys}.`;
}
function draftNotes(draft, isUnsorted) {
  const left = draft.notes.filter(isUnsorted);
  const at = left.indexOf(draft.central);
  if (at > 0) left.unshift(...left.splice(at, 1));
  return left;
}
function freeLabel(label, taken, index) {
  return taken.has(label) ? `${label} (draft ${index})` : label;
}

// synthesis/board/js/drafts.js
var Drafts = class {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.drafts = [];
    this.key = "";
    this.editing = null;
    this.list = h("div", { class: "sb-draft-list", role: "list", "aria-label": "Draft themes" });
    this.el = h(
      "section",
      { class: "sb-drafts", "aria-label": "Draft themes", hidden: true },
      h(
        "header",
        { class: "sb-drafts-head" },
        h("h3", { class: "sb-drafts-title" }, "Draft themes"),
        h("p", { class: "sb-drafts-note" }, "Clustered on this machine from the unsorted notes. A draft is in no count or report until you accept it."),
        h("button", {
          type: "button",
          class: "sb-btn sb-drafts-dismiss-all",
          onclick: () => this.send("dismiss_all", "")
        }, "Dismiss all")
      ),
      this.list
    );
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
    const unsorted = (n) => v.cards.data.has(n) && v.isUnsorted(n);
    const shown = this.drafts.map((d) => ({ d, notes: draftNotes(d, unsorted) }));
    const key = shown.map(({ d, notes }) => `${d.key}:${d.label}:${notes.join(",")}`).join("|") + `|${v.themes.map((t) => t.name).join("|")}`;
    if (key === this.key || this.editing) return;
    this.key = key;
    const hadFocus = this.el.contains(document.activeElement) ? (
      /** @type {HTMLElement} */
      document.activeElement.dataset.focusKey
    ) : void 0;
    this.el.hidden = !this.drafts.length;
    v.root.dataset.drafts = String(this.drafts.length);
    const taken = new Set(v.themes.map((t) => t.name));
    this.list.replaceChildren(...shown.map(({ d, notes }, i) => this.column(
      d,
      notes,
      freeLabel(d.label, taken, i + 1)
    )));
    if (hadFocus) {
      (this.el.querySelector(`[data-focus-key="${hadFocus}"]`) || this.el.querySelector("button"))?.focus();
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
    const button = (text, what, onclick, aria) => h("button", {
      type: "button",
      class: `sb-btn sb-draft-${what}`,
      "data-focus-key": `${d.key}-${what}`,
      "aria-label": aria,
      onclick
    }, text);
    const accept = button("Accept", "accept", () => {
      v.act({ type: "accept_draft", draft: d.key, name: label, notes }, { notes });
    }, `Accept draft ${label} as a theme with ${plural(notes.length, "note", "notes")}`);
    accept.toggleAttribute("disabled", !notes.length);
    const rename = button("Rename", "rename", () => this.rename(d, name, label), `Rename draft ${label}`);
    const dismiss = button(
      "Dismiss",
      "dismiss",
      () => this.send("dismiss", d.key),
      `Dismiss draft ${label}: its notes stay unsorted`
    );
    const others = this.drafts.filter((o) => o.key !== d.key);
    const merge = h(
      "select",
      {
        class: "sb-filter sb-draft-merge",
        "data-focus-key": `${d.key}-merge`,
        "aria-label": `Merge draft ${label} into another draft`
      },
      h("option", { value: "" }, "Merge into…"),
      ...others.map((o) => h("option", { value: o.key, text: o.label }))
    );
    merge.hidden = !others.length;
    merge.addEventListener("change", () => {
      if (merge.value) this.send("merge", d.key, { into: merge.value });
    });
    const items = notes.map((n) => {
      const card = v.cards.data.get(n);
      return h(
        "li",
        {
          class: `sb-draft-note${n === d.central ? " sb-central" : ""}`,
          "data-note-id-draft": n
        },
        h("span", { class: "sb-draft-text", text: card ? card.text : n }),
        h("span", {
          class: "sb-draft-pid",
          text: `${card?.pid || "—"}${n === d.central ? " · most typical" : ""}`
        })
      );
    });
    return h(
      "section",
      {
        class: "sb-draft",
        role: "listitem",
        "data-draft-key": d.key,
        "aria-label": `Draft theme ${label}`
      },
      h(
        "header",
        { class: "sb-draft-head" },
        name,
        h("p", { class: "sb-draft-count" }, notes.length ? `${plural(notes.length, "note", "notes")} · ${plural(people.size, "participant", "participants")}` : "every note was placed since")
      ),
      h("div", { class: "sb-row sb-draft-actions" }, accept, rename, merge, dismiss),
      h("ul", { class: "sb-draft-notes", "aria-label": `Notes in draft ${label}` }, ...items)
    );
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
        d.label = text;
        this.send("rename", d.key, { label: text });
      }
      this.key = "";
      this.render();
      this.el.querySelector(
        `[data-focus-key="${d.key}-rename"]`
      )?.focus();
    });
  }
};

// synthesis/board/js/similar.js
var Similar = class {
  /** @param {BoardView} view @param {Suggestions} suggestions */
  constructor(view, suggestions) {
    this.view = view;
    this.suggestions = suggestions;
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
    this.el.replaceChildren(
      this.closeButton(),
      this.title(),
      h("p", { class: "sb-muted" }, "Looking for similar notes…")
    );
    this.el.hidden = false;
    v.root.dataset.similar = "busy";
    this.el.querySelector("button").focus();
    v.model.send({ type: "similar", id, ...what });
  }
  title() {
    const a = this.asked;
    const v = this.view;
    if (a?.theme) {
      return h("h3", { class: "sb-drawer-title", text: `Unsorted notes like ${v.nameOf(a.theme) || "this theme"}` });
    }
    const card = a?.note ? v.cards.data.get(a.note) : void 0;
    return h(
      "div",
      {},
      h("h3", { class: "sb-drawer-title" }, "Unsorted notes like this one"),
      h("blockquote", { class: "sb-drawer-note", text: card ? card.text : "" })
    );
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
    const found = (msg.notes || []).filter(([n]) => v.cards.data.has(n) && v.isUnsorted(n));
    const rows = found;
    if (a.note && v.isUnsorted(a.note)) rows.unshift([a.note, null]);
    const boxes = rows.map(([n, score]) => {
      const card = v.cards.data.get(n);
      const box = h("input", { type: "checkbox", class: "sb-similar-check", "data-note": n });
      box.checked = score === null;
      return h("li", { class: "sb-similar-item" }, h(
        "label",
        {},
        box,
        h("span", { class: "sb-similar-text", text: card ? card.text : n }),
        h("span", {
          class: "sb-similar-meta",
          text: `${card?.pid || "—"} · ${score === null ? "this note" : `${percent(score)} alike`}`
        })
      ));
    });
    if (!found.length) {
      this.el.replaceChildren(...parts, h(
        "p",
        { class: "sb-muted" },
        "No unsorted note in this round is like it."
      ));
      return;
    }
    const checked = () => [...this.el.querySelectorAll(".sb-similar-check")].filter((b) => (
      /** @type {HTMLInputElement} */
      b.checked
    )).map((b) => (
      /** @type {string} */
      /** @type {HTMLElement} */
      b.dataset.note
    ));
    const target = h(
      "select",
      { class: "sb-filter sb-similar-target", "aria-label": "Move the ticked notes to" },
      ...v.themes.map((t) => h("option", { value: t.id, text: t.name }))
    );
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
    this.el.replaceChildren(
      ...parts,
      h("p", { class: "sb-muted" }, `${plural(found.length, "note", "notes")}, most alike first (computed on this machine). Tick the ones that belong together.`),
      h("ul", { class: "sb-similar-list" }, ...boxes),
      h(
        "div",
        { class: "sb-row sb-similar-actions" },
        h("label", { class: "sb-field sb-inline" }, "Move to ", target),
        move,
        select
      )
    );
    (this.el.querySelector(
      ".sb-similar-check:not(:checked)"
    ) || this.el.querySelector(".sb-similar-check"))?.focus();
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
    return top && v.onBoard(top) ? top : v.themes[0]?.id || "";
  }
};

// synthesis/board/js/suggestions.js
var ASK_AFTER_MS = 700;
var BUSY_EVERY_MS = 500;
var DRAFT_COUNTS = ["auto", "2", "3", "4", "5", "6", "8", "10", "12"];
var Suggestions = class {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.available = view.model.get("suggest") !== false;
    this.on = this.available;
    this.suggested = {};
    this.likes = {};
    this.painted = /* @__PURE__ */ new Map();
    this.askedSeq = -1;
    this.asking = false;
    this.busyAt = -Infinity;
    this.firstAsk = true;
    this.filterTid = "";
    this.filterKey = "";
    this.timer = void 0;
    this.toggle = h("button", {
      type: "button",
      class: "sb-btn sb-suggest-toggle",
      "aria-pressed": "true",
      title: "Suggest themes for unsorted notes (computed on this machine; nothing is placed until you accept)"
    }, "✦ Suggestions");
    this.filter = h("select", {
      class: "sb-filter sb-suggest-filter",
      "aria-label": "Show the notes suggested for a theme"
    });
    this.acceptAllBtn = h("button", { type: "button", class: "sb-btn sb-accept-all", hidden: true });
    this.draftCount = h(
      "select",
      {
        class: "sb-filter sb-draft-count",
        "aria-label": "How many draft themes"
      },
      ...DRAFT_COUNTS.map((c) => h("option", { value: c }, c === "auto" ? "how many: auto" : `${c} drafts`))
    );
    this.draftBtn = h(
      "button",
      {
        type: "button",
        class: "sb-btn sb-draft-btn",
        title: "Cluster the unsorted notes into draft themes you can accept, rename, merge or dismiss"
      },
      "Draft themes"
    );
    this.info = h("span", { class: "sb-suggest-info", "aria-live": "polite" });
    this.bar = h(
      "div",
      { class: "sb-suggestbar", role: "toolbar", "aria-label": "Suggestions" },
      this.toggle,
      this.filter,
      this.acceptAllBtn,
      this.draftCount,
      this.draftBtn,
      this.info
    );
    this.bar.hidden = !this.available;
    view.parts.legend.before(this.bar);
    this.drafts = new Drafts(view);
    this.similar = new Similar(view, this);
    this.toggle.addEventListener("click", () => this.setOn(!this.on));
    this.filter.addEventListener("change", () => this.setFilter(this.filter.value));
    this.acceptAllBtn.addEventListener("click", () => this.acceptAll());
    this.draftBtn.addEventListener("click", () => this.ask(this.draftCount.value));
    view.root.addEventListener("click", (e) => {
      const hit = (
        /** @type {HTMLElement | null} */
        e.target instanceof Element ? e.target.closest(".sb-suggest-chip, .sb-similar-btn") : null
      );
      const card = (
        /** @type {CardEl | null} */
        hit?.closest(".sb-card") || null
      );
      if (!hit || !card) return;
      e.stopPropagation();
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
      if (this.view.pending.size) this.schedule();
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
    if (this.firstAsk && drafts === null && v.cards.size >= 6 && !Object.keys(v.placements).some((n) => v.cards.data.has(n))) drafts = "auto";
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
    if (msg.type === "similar") {
      this.similar.show(msg);
      return true;
    }
    if (msg.type === "drafts") {
      if (msg.ok === false) this.view.setStatus("error", `Not done: ${msg.error}`);
      this.drafts.set(msg.drafts || []);
      return true;
    }
    if (msg.type !== "suggestions") return false;
    this.asking = false;
    this.view.root.dataset.suggestedSeq = String(this.askedSeq);
    this.view.root.dataset.suggesting = msg.ok ? "ready" : "failed";
    if (!msg.ok) {
      this.info.textContent = `No suggestions: ${msg.error}`;
      return true;
    }
    this.suggested = msg.suggested || {};
    this.likes = msg.like || {};
    const n = Object.keys(this.suggested).length;
    this.info.textContent = `Suggestions for ${plural(n, "unsorted note", "unsorted notes")}, computed on this machine in ${(msg.ms / 1e3).toFixed(1)} s.`;
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
      const list = this.suggested[n].filter(([tid]) => nameOf(tid) !== void 0);
      const els = v.cards.of(n);
      if (!els.length) continue;
      const key = list.map(([tid, score, like]) => `${tid}:${nameOf(tid)}:${percent(score)}:${like}`).join("|");
      if (this.painted.get(n) === key) continue;
      this.painted.set(n, key);
      const chips = h(
        "div",
        { class: "sb-suggest", "aria-hidden": "true" },
        h("span", { class: "sb-suggest-label" }, "Probably:"),
        ...list.map(([tid, score, like], i) => h(
          "button",
          {
            type: "button",
            class: "sb-suggest-chip",
            tabindex: "-1",
            "data-accept": tid,
            "data-rank": String(i),
            title: `Accept: move to ${nameOf(tid)} (${percent(score)} likely${like && this.likes[like] ? `; ${reason(like, this.likes)}` : ""}). Key ${i + 1}.`
          },
          h("span", { class: "sb-suggest-name", text: nameOf(tid) }),
          h("span", { class: "sb-suggest-score", text: percent(score) })
        )),
        // The others show when the card is hovered or focused: a pile stays short.
        list.length > 1 ? h("span", { class: "sb-suggest-more" }, `+${list.length - 1}`) : null,
        h("button", {
          type: "button",
          class: "sb-similar-btn",
          tabindex: "-1",
          title: "Similar unsorted notes (key S)"
        }, "≈ similar")
      );
      const why = list.length ? reason(list[0][2], this.likes) : "";
      if (why) chips.append(h("p", { class: "sb-why", text: why }));
      const said = describe(list, nameOf, this.likes);
      for (const el of els) {
        clearChips(el);
        if (!list.length) continue;
        el.insertBefore(chips.cloneNode(true), el.lastChild);
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
    this.filter.replaceChildren(
      h("option", { value: "" }, "Suggested for… (any theme)"),
      ...options.map((t) => h("option", {
        value: t.id,
        text: `Suggested for ${t.name} (${counts.get(t.id) || 0})`
      }))
    );
    this.filter.value = this.filterTid;
    if (this.filter.value !== this.filterTid) this.setFilter("");
  }
  /** @param {string} tid  Show only the theme's notes and the unsorted notes suggested for it. */
  setFilter(tid) {
    const v = this.view;
    this.filterTid = tid;
    this.filter.value = tid;
    v.filters.extra = tid ? (el) => el._tid === UNSORTED ? topTheme(this.suggested, el._note) === tid : el._tid === tid : null;
    v.root.dataset.suggestedFor = tid;
    v.filters.apply();
    this.updateAcceptAll();
  }
  /** The unsorted cards the "Suggested for" filter shows now. */
  batch() {
    if (!this.filterTid) return [];
    return this.view.pile.cards().filter((el) => !el._hidden && topTheme(this.suggested, el._note) === this.filterTid);
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
};
function clearChips(el) {
  el.querySelector(".sb-suggest")?.remove();
  if (!el.querySelector(".sb-also")) el.removeAttribute("aria-description");
}

// synthesis/board/js/themes.js
function makeTheme(view, t) {
  const nameId = `${view.vid}-t-${t.id}`;
  const name = h("h3", {
    class: "sb-theme-name",
    id: nameId,
    tabindex: "0",
    title: "Double-click (or F2) to rename"
  });
  const btn = h("button", {
    class: "sb-theme-btn",
    type: "button",
    "aria-haspopup": "dialog",
    "data-theme-action": t.id
  }, "⋯");
  const head = h(
    "header",
    {
      class: "sb-theme-head",
      draggable: "true",
      "data-theme-head": t.id,
      title: "Drag onto another theme to merge"
    },
    h("span", { class: "sb-grip", "aria-hidden": "true" }, "⠿"),
    h("span", { class: "sb-swatch", "aria-hidden": "true" }),
    name,
    btn
  );
  const count = h("p", { class: "sb-theme-count" });
  const desc = h("p", { class: "sb-theme-desc" });
  const parentLabel = h("p", { class: "sb-theme-parent" });
  const list = h("div", { class: "sb-cards", role: "listbox", "aria-multiselectable": "true" });
  const section = h(
    "section",
    {
      class: "sb-theme",
      "data-theme-id": t.id,
      "aria-labelledby": nameId
    },
    head,
    parentLabel,
    h("div", { class: "sb-theme-sub" }, count, addNoteButton(t.id)),
    desc,
    list
  );
  return { section, head, name, btn, count, desc, parentLabel, list, editing: false };
}
function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
function syncThemes(view) {
  const live = /* @__PURE__ */ new Set();
  view.themes.forEach((t) => {
    live.add(t.id);
    let te = view.themeEls.get(t.id);
    if (!te) {
      te = makeTheme(view, t);
      view.themeEls.set(t.id, te);
      view.columns.set(t.id, new Column(t.id, te.list, view.warmer));
    }
    if (te.name.textContent !== t.name && !te.editing) te.name.textContent = t.name;
    setAttr(te.list, "aria-label", `Notes in ${t.name}`);
    setAttr(te.btn, "aria-label", `Actions for theme ${t.name}`);
    const desc = t.description || "";
    if (te.desc.textContent !== desc) te.desc.textContent = desc;
    te.desc.hidden = !desc;
    const colour = themeColour(t);
    if (te.section.style.getPropertyValue("--sb-theme") !== colour) {
      te.section.style.setProperty("--sb-theme", colour);
    }
  });
  const gone = [...view.themeEls.keys()].filter((id) => !live.has(id));
  const key = view.themes.map((t) => `${t.id}<${t.parent || ""}`).join("|");
  if (key !== view.layoutKey || gone.length) layout(view);
  view.layoutKey = key;
  return gone;
}
function layout(view) {
  const children = /* @__PURE__ */ new Map();
  for (const t of view.themes) {
    const p = t.parent && view.themeById.has(t.parent) ? t.parent : "";
    const list = children.get(p);
    if (list) list.push(t);
    else children.set(p, [t]);
  }
  const frag = document.createDocumentFragment();
  const seen = /* @__PURE__ */ new Set();
  const descend = (t, into, depth) => {
    if (seen.has(t.id)) return;
    seen.add(t.id);
    const te = (
      /** @type {ThemeEls} */
      view.themeEls.get(t.id)
    );
    te.section.dataset.depth = String(depth);
    const parent = depth && t.parent ? view.themeById.get(t.parent) : void 0;
    te.parentLabel.textContent = parent ? `in ${parent.name}` : "";
    te.parentLabel.hidden = !parent;
    into.appendChild(te.section);
    for (const c of children.get(t.id) || []) descend(c, into, depth + 1);
  };
  for (const t of children.get("") || []) {
    const te = (
      /** @type {ThemeEls} */
      view.themeEls.get(t.id)
    );
    if ((children.get(t.id) || []).length) {
      te.section.removeAttribute("role");
      const group = h("div", { class: "sb-group", role: "listitem", "aria-label": `Group ${t.name}` });
      descend(t, group, 0);
      frag.append(group);
    } else {
      te.section.setAttribute("role", "listitem");
      descend(t, frag, 0);
    }
  }
  view.themesEl.replaceChildren(frag);
}
function dropThemes(view, gone) {
  for (const id of gone) {
    const column = view.columns.get(id);
    for (const el of column ? column.cards() : []) {
      if (view.cards.of(el._note).length === 1) {
        view.pile.insert(el);
        continue;
      }
      column?.remove(el);
      view.selected.dropped(el);
      view.cards.drop(el);
      view.places.label(el._note);
    }
    view.themeEls.get(id)?.section.remove();
    view.themeEls.delete(id);
    view.columns.delete(id);
    if (column) view.warmer.forget(column.list);
    view.bars.get(id)?.remove();
    view.bars.delete(id);
  }
}
function updateCounts(view) {
  for (const t of view.themes) {
    const te = view.themeEls.get(t.id);
    if (!te) continue;
    const text2 = countLabel(t, view.n);
    if (te.count.textContent !== text2) te.count.textContent = text2;
    const size = `auto ${listHeight(t.notes || 0)}px`;
    if (te.sized !== size) {
      te.sized = size;
      te.list.style.containIntrinsicSize = size;
    }
  }
  let sorted = 0;
  const placements = view.placements;
  const keys = Object.keys(placements);
  for (let i = 0; i < keys.length; i++) {
    const n = keys[i];
    if (view.cards.data.has(n) && placements[n].some(view.onBoard)) sorted++;
  }
  const unsorted = view.cards.size - sorted;
  const text = `${unsorted} ${unsorted === 1 ? "note" : "notes"}`;
  if (view.pileCount.textContent !== text) view.pileCount.textContent = text;
  view.root.dataset.unsorted = String(unsorted);
  drawBars(view);
}
function drawBars(view) {
  const ranked = [...view.themes].sort((a, b) => b.participants - a.participants || b.notes - a.notes || a.name.localeCompare(b.name));
  const n = view.n || 1;
  const note = `${view.n} participants in ${view.meta.round ? `round ${view.meta.round}` : "the study"}`;
  if (view.chartN.textContent !== note) view.chartN.textContent = note;
  let at = view.barList.firstElementChild;
  for (const t of ranked) {
    let bar = view.bars.get(t.id);
    if (!bar) {
      bar = h(
        "li",
        { class: "sb-bar", "data-theme-id-bar": t.id },
        h("span", { class: "sb-bar-label" }),
        h("span", { class: "sb-bar-track", "aria-hidden": "true" }, h("span", { class: "sb-bar-fill" })),
        h("span", { class: "sb-bar-value" })
      );
      view.bars.set(t.id, bar);
    }
    const [label, track, value] = (
      /** @type {HTMLElement[]} */
      [...bar.children]
    );
    const fill = (
      /** @type {HTMLElement} */
      track.firstElementChild
    );
    if (label.textContent !== t.name) label.textContent = t.name;
    const shown = `${t.participants} of ${view.n}`;
    if (value.textContent !== shown) value.textContent = shown;
    const width = `${100 * t.participants / n}%`;
    if (fill.style.width !== width) fill.style.width = width;
    const colour = themeColour(t);
    if (fill.dataset.colour !== colour) {
      fill.dataset.colour = colour;
      fill.style.background = colour;
    }
    if (at !== bar) view.barList.insertBefore(bar, at);
    at = bar.nextElementSibling;
  }
}

// synthesis/board/js/view.js
var VIEWS = 0;
var BoardView = class {
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
    this.pile.window = new PileWindow(this.pile);
    this.columns = /* @__PURE__ */ new Map([[UNSORTED, this.pile]]);
    this.themeEls = /* @__PURE__ */ new Map();
    this.bars = /* @__PURE__ */ new Map();
    this.selected = new Selection(this.cards);
    this.places = new CardPlaces(this);
    this.live = new LiveChanges();
    this.layoutKey = "";
    this.meta = {};
    this.people = {};
    this.themes = [];
    this.themeById = /* @__PURE__ */ new Map();
    this.rank = /* @__PURE__ */ new Map();
    this.placements = {};
    this.n = 0;
    this.cardsRef = null;
    this.peopleRef = null;
    this.scheduled = false;
    this.onBoard = (tid) => this.themeById.has(tid);
    this.nameOf = (tid) => this.themeById.get(tid)?.name;
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
    this.onScroll = (e) => drawScrolled(
      this.root,
      this.columns,
      this.warmer,
      e.target
    );
    document.addEventListener("scroll", this.onScroll, { capture: true, passive: true });
    host.append(this.root);
    this.apply();
    this.poller = setInterval(() => {
      if (document.visibilityState === "visible" && this.root.isConnected) {
        this.model.send({ type: "refresh" });
      }
    }, Math.max(500, this.model.get("poll_ms") || 2e3));
  }
  destroy() {
    clearInterval(this.poller);
    clearTimeout(this.suggestions.timer);
    document.removeEventListener("scroll", this.onScroll, { capture: true });
    this.warmer.disconnect();
  }
  /** Draw the state once, soon (one apply for a push of several parts). */
  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.apply();
    });
  }
  bind() {
    const m = this.model;
    for (const name of ["cards", "people", "themes", "placements", "meta", "colour_by"]) {
      m.on(`change:${name}`, () => this.schedule());
    }
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
      if (on) el.setAttribute("aria-busy", "true");
      else el.removeAttribute("aria-busy");
    }
  }
  /** @param {any} msg */
  onMessage(msg) {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "source") {
      this.drawer.show(msg);
      return;
    }
    if (msg.type === "transcript") {
      this.readerPanel.onMessage(msg);
      return;
    }
    if (this.suggestions.onMessage(msg)) return;
    if (this.compare.onMessage(msg)) return;
    if (msg.type === "changes") {
      applyChanges(this, msg);
      return;
    }
    if (msg.type !== "ack") return;
    if (msg.op === "undo" || msg.op === "redo") this.compare.refresh();
    const done = this.pending.settle(msg);
    if (!done) return;
    this.notes.onAck(msg);
    this.readerPanel.onMessage(msg);
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
    const t = theme ? this.themeById.get(theme) : void 0;
    const te = theme ? this.themeEls.get(theme) : void 0;
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
    this.live.pushed(pushed, meta.seq || 0);
    this.placements = this.live.over(pushed);
    const caughtUp = this.pending.caughtUp(meta.seq || 0);
    this.n = meta.n_participants || 0;
    const p = this.parts;
    p.title.textContent = meta.study || "Affinity board";
    p.subtitle.textContent = meta.round ? `Round ${meta.round}` : "All rounds";
    this.root.setAttribute("aria-label", `Affinity board${meta.study ? `: ${meta.study}` : ""}${meta.round ? `, round ${meta.round}` : ""}`);
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
    if (rebuilt) this.suggestions.paint(true);
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
    const plan = planMove(
      ids,
      tid,
      how,
      (n) => this.cards.data.has(n) ? this.shownColumns(n) : null
    );
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
    columnOf(el.parentElement)?.window?.reach(el.parentElement);
    this.warmer.warm(el.parentElement);
    el.focus();
  }
};

// synthesis/board/js/index.js
function render({ model, el }) {
  if (
    /** @type {any} */
    model.get("view") === "transcript"
  ) return renderTranscript(
    /** @type {any} */
    model,
    el
  );
  const mark2 = performance.mark("synthesis-board:render");
  const view = new BoardView(model, el);
  performance.measure("synthesis-board:build", { start: mark2.startTime });
  return () => view.destroy();
}
var index_default = { render };
export {
  countLabel,
  index_default as default
};
