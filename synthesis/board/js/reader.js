// @ts-check
// The transcript reader (synthesis/board/transcript.py builds what it shows): a session's
// turns with speaker, role and time, participant turns set apart from the interviewer's,
// the spans that are already notes highlighted in their themes' colours (striped when a
// note is in several; the hover names them), the guide's key questions marked where they
// were asked, a search, and the keyboard turn by turn (↑/↓, j/k). Select words in a turn
// (or over one speaker's turns in a row: one note, a line a turn) and press N (or "Note") to make them a note, straight into the theme chosen beside the
// button; Ctrl/Cmd+Z undoes (the board's keys in its panel). The same module draws the
// `study.transcript(session)` widget and the board's reader panel (the word arithmetic of
// highlights and selections is spans.js). Study text only ever reaches the page as text.

import { h, isTextInput, NO_COLOUR, plural, themeColour } from "./dom.js";
import { offsetIn, segments, spanOf } from "./spans.js";

/** @typedef {import("./spans.js").Span} Span */

/**
 * @typedef {object} Turn
 * @property {number} id  utterance id
 * @property {number} position
 * @property {string} speaker
 * @property {string} role
 * @property {number | null} start_s
 * @property {string} text
 * @property {string | null} key  the key question asked in this turn, if any
 */
/**
 * @typedef {object} Highlight
 * @property {string} note
 * @property {number} utterance
 * @property {number} start
 * @property {number} end
 * @property {string[]} themes
 */
/**
 * @typedef {object} TranscriptData  (synthesis.board.transcript.transcript_view)
 * @property {string} session
 * @property {string | null} participant
 * @property {string | null} round
 * @property {string} source
 * @property {Turn[]} turns
 * @property {Highlight[]} highlights
 * @property {{id: string, name: string, colour: string}[]} themes
 */
/** @param {number | null} s  "1:02:03" or "4:05" */
export function clock(s) {
  if (s === null || s === undefined || !Number.isFinite(s)) return "";
  const t = Math.floor(s);
  const hh = Math.floor(t / 3600);
  const mm = Math.floor((t % 3600) / 60);
  const ss = String(t % 60).padStart(2, "0");
  return hh ? `${hh}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}

/** @param {string} colour @param {string} alpha  two hex digits */
function tint(colour, alpha) {
  return `${themeColour({ colour })}${alpha}`;
}

export class Reader {
  /**
   * @param {{send: (action: {type: string} & Record<string, any>) => void,
   *   onClose?: () => void}} hooks  `send` delivers an action (the board's act, or the
   *   widget's model); with `onClose` the reader has a close button (the board's panel)
   */
  constructor(hooks) {
    this.hooks = hooks;
    /** @type {TranscriptData | null} */
    this.data = null;
    /** @type {Map<number, HTMLElement>} utterance id -> its turn */
    this.turnEls = new Map();
    this.status = h("span", { class: "st-status", role: "status", "aria-live": "polite" });
    this.search = h("input", { class: "st-search", type: "search", placeholder: "Search the transcript",
      "aria-label": "Search the transcript" });
    this.found = h("span", { class: "st-found" });
    this.theme = h("select", { class: "st-theme", "aria-label": "Put new notes in" });
    this.noteBtn = h("button", { type: "button", class: "st-btn st-note",
      "data-action": "note-from-selection", title: "Make the selected words a note (N)" },
    "Note (N)");
    this.title = h("h3", { class: "st-title" });
    this.facts = h("span", { class: "st-facts" });
    this.list = h("ol", { class: "st-turns", "aria-label": "Turns" });
    const close = hooks.onClose ? h("button", { type: "button", class: "st-btn st-close",
      "aria-label": "Close the transcript", onclick: hooks.onClose }, "✕") : null;
    this.root = h("div", { class: "synthesis-transcript", "data-lm-suppress-shortcuts": "true",
      role: "region", "aria-label": "Transcript" },
    h("header", { class: "st-head" }, this.title, this.facts, close),
    h("div", { class: "st-tools" }, this.search, this.found,
      h("span", { class: "st-spacer" }), h("label", { class: "st-label" }, "Into ", this.theme),
      this.noteBtn),
    h("p", { class: "st-hint" }, "Select words in one turn (or one speaker's turns in a row), then press N or Note. "
      + "↑ ↓ (or j k) go turn by turn. Coloured words are notes in a theme (its colour), "
      + "dotted ones notes not sorted yet."),
    this.status, this.list);
    this.search.addEventListener("input", () => this.filter());
    this.search.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter") { e.preventDefault(); this.nextMatch(e.shiftKey ? -1 : 1); }
    });
    // mousedown keeps the selection: a click on a button would otherwise clear it
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
    this.theme.replaceChildren(h("option", { value: "" }, "Unsorted"),
      ...data.themes.map((t) => h("option", { value: t.id, text: t.name })));
    if (data.themes.some((t) => t.id === chosen)) this.theme.value = chosen;
    this.title.textContent = `Transcript: ${data.session}`;
    this.facts.textContent = [data.participant, data.round && `round ${data.round}`, data.source]
      .filter(Boolean).join(" · ");
    this.root.setAttribute("aria-label", `Transcript of ${data.session}`);
    const colour = new Map(data.themes.map((t) => [t.id, t.colour]));
    const named = new Map(data.themes.map((t) => [t.id, t.name]));
    /** @type {Map<number, Highlight[]>} */
    const byTurn = new Map();
    for (const hl of data.highlights) {
      const list = byTurn.get(hl.utterance);
      if (list) list.push(hl); else byTurn.set(hl.utterance, [hl]);
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
      const mark = /** @type {HTMLElement | null} */ (this.list.querySelector(
        `mark[data-notes~="${CSS.escape(opts.note)}"]`));
      const turn = /** @type {HTMLElement | null} */ (mark?.closest(".st-turn"));
      if (turn) { turn.scrollIntoView({ block: "center" }); turn.focus({ preventScroll: true }); }
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
      if (!piece.cover.length) { text.append(words); continue; }
      const notes = piece.cover.map((i) => spans[i]);
      const themes = [...new Set(notes.flatMap((n) => n.themes))].filter((id) => colour.has(id));
      const colours = themes.map((id) => tint(colour.get(id) || NO_COLOUR, "55"));
      const mark = h("mark", { class: notes.length > 1 ? "st-hl st-overlap" : "st-hl", "data-notes": notes.map((n) => n.note).join(" "),
        "data-themes": themes.join(" "),
        title: themes.length ? `${plural(notes.length, "note", "notes")} in `
          + themes.map((id) => named.get(id)).join(", ") : `${plural(notes.length, "note", "notes")}, unsorted` },
      words);
      if (!colours.length) mark.classList.add("st-unsorted"); // a note in no theme yet: dotted
      else if (colours.length === 1) mark.style.background = colours[0];
      else { // a note in several themes: one stripe per theme
        const w = 6;
        mark.style.background = `repeating-linear-gradient(135deg, ${colours.map((c, i) =>
          `${c} ${i * w}px ${(i + 1) * w}px`).join(", ")})`;
      }
      text.append(mark);
    }
    const who = h("div", { class: "st-who" },
      h("span", { class: "st-speaker", text: t.speaker || t.role }),
      h("span", { class: "st-role", text: t.role }),
      h("span", { class: "st-time", text: clock(t.start_s) }),
      t.key ? h("span", { class: "st-key", title: `Key question: ${t.key}` }, "★ key question")
        : null);
    return h("li", { class: `st-turn st-role-${/^[a-z]+$/.test(t.role) ? t.role : "other"}`
      + `${t.key ? " st-keyq" : ""}`, "data-utterance-id": String(t.id),
    "data-position": String(t.position), tabindex: "0",
    "aria-label": `${t.speaker || t.role} (${t.role})${t.start_s !== null ? ` at ${clock(t.start_s)}` : ""}` },
    who, text);
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
    const at = hits.indexOf(/** @type {Element} */ (document.activeElement));
    const next = /** @type {HTMLElement} */ (hits[(at + step + hits.length) % hits.length]);
    next.scrollIntoView({ block: "center" });
    next.focus({ preventScroll: true });
  }

  /** @param {KeyboardEvent} e */
  onKey(e) {
    const target = /** @type {HTMLElement} */ (e.target);
    if (e.key === "Escape" && this.hooks.onClose) { e.preventDefault(); e.stopPropagation(); this.hooks.onClose(); return; }
    if ((e.ctrlKey || e.metaKey) && (e.key === "z" || e.key === "Z" || e.key === "y")
      && !this.hooks.onClose && !isTextInput(target)) { // the widget: its own undo (the
      e.preventDefault(); // board's panel leaves the keys to the board's)
      e.stopPropagation();
      this.hooks.send({ type: (e.shiftKey || e.key === "y") ? "redo" : "undo" });
      return;
    }
    if (isTextInput(target) || e.ctrlKey || e.metaKey || e.altKey) return;
    const turn = /** @type {HTMLElement | null} */ (target.closest?.(".st-turn") || null);
    if (e.key === "n" || e.key === "N") { e.preventDefault(); e.stopPropagation(); this.noteFromSelection(); return; }
    if (!turn) return;
    const step = e.key === "ArrowDown" || e.key === "j" ? 1 : e.key === "ArrowUp" || e.key === "k" ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    e.stopPropagation();
    let next = /** @type {HTMLElement | null} */ (step > 0 ? turn.nextElementSibling : turn.previousElementSibling);
    while (next && next.classList.contains("st-miss")) {
      next = /** @type {HTMLElement | null} */ (step > 0 ? next.nextElementSibling : next.previousElementSibling);
    }
    if (next) { next.focus(); next.scrollIntoView({ block: "nearest" }); }
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
    const first = this.turnOf(range.startContainer);
    const last = this.turnOf(range.endContainer);
    if (!first || !last) return { error: "Select words inside the transcript's turns." };
    const els = [...this.list.children];
    const turns = els.slice(els.indexOf(first), els.indexOf(last) + 1).map((el) =>
      this.data?.turns.find((t) => String(t.id) === /** @type {HTMLElement} */ (el).dataset.utteranceId));
    if (!turns.length || turns.some((t) => !t)) return null;
    const start = offsetIn(/** @type {HTMLElement} */ (first.querySelector(".st-text")),
      range.startContainer, range.startOffset);
    const end = offsetIn(/** @type {HTMLElement} */ (last.querySelector(".st-text")),
      range.endContainer, range.endOffset);
    const span = spanOf(/** @type {Turn[]} */ (turns), start, end);
    return span || { error: "The selection holds no words." };
  }

  /** @param {Node} node */
  turnOf(node) {
    const el = node instanceof Element ? node : node.parentElement;
    const turn = /** @type {HTMLElement | null} */ (el?.closest(".st-turn") || null);
    return turn && this.list.contains(turn) ? turn : null;
  }

  /** Make the selected words a note (in the theme chosen beside the button). */
  noteFromSelection() {
    const span = this.selection();
    if (!span) { this.say("Select some words of a turn first.", true); return; }
    if ("error" in span) { this.say(span.error, true); return; }
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
}

/**
 * The `study.transcript(session)` widget: the reader on the model's `transcript` state.
 * @param {import("@anywidget/types").AnyModel<any>} model @param {HTMLElement} el
 */
export function renderTranscript(model, el) {
  let seq = 0;
  const reader = new Reader({ send: (action) => model.send({ ...action, id: `tr-${++seq}` }) });
  reader.root.dataset.view = "widget"; // not the board's panel
  const draw = () => reader.show(model.get("transcript"));
  model.on("change:transcript", draw);
  model.on("msg:custom", (/** @type {any} */ msg) => { if (msg && msg.type === "ack") reader.onAck(msg); });
  el.append(reader.root);
  draw();
  // Notes made on a board elsewhere show here too: a kernel following the store's watcher
  // (`live`) sends the new transcript itself; otherwise ask every 3 s (the kernel answers
  // only when it changed).
  const following = () => { reader.root.dataset.live = String(!!model.get("live")); };
  model.on("change:live", following);
  following();
  const poller = setInterval(() => {
    if (!model.get("live") && document.visibilityState === "visible" && reader.root.isConnected) {
      model.send({ type: "refresh" });
    }
  }, 3000);
  return () => clearInterval(poller);
}
