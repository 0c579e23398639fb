// @ts-check
// Search and the participant / segment / session filters, and colouring cards by an
// attribute (with its legend).

import { columnOf, drawHidden, isWarm } from "./columns.js";
import { h, NO_COLOUR, plural } from "./dom.js";

/** @typedef {import("./view.js").BoardView} BoardView */
/** @typedef {import("./types.js").Card} Card */
/** @typedef {import("./types.js").CardEl} CardEl */

export class Filters {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.q = "";
    this.pid = "";
    this.seg = "";
    this.sid = "";
    this.colourKey = "";
    /** @type {((el: import("./types.js").CardEl) => boolean) | null} one more test a card
     * must pass (the "Suggested for…" filter of suggestions.js) */
    this.extra = null;
    const p = view.parts;
    p.search.addEventListener("input", () => {
      view.suggestions.busy(); // first: the kernel holds its work while the person types
      this.q = p.search.value.trim().toLowerCase();
      this.apply();
    });
    p.search.addEventListener("focus", () => view.suggestions.busy());
    for (const [sel, key] of /** @type {const} */ ([[p.fPid, "pid"], [p.fSeg, "seg"], [p.fSid, "sid"]])) {
      sel.addEventListener("change", () => { this[key] = sel.value; this.apply(); });
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
    /** @param {HTMLSelectElement} sel @param {string} label @param {string[]} values */
    const fill = (sel, label, values) => {
      const keep = sel.value;
      sel.replaceChildren(h("option", { value: "" }, label),
        ...values.map((x) => h("option", { value: x, text: x })));
      sel.value = values.includes(keep) ? keep : "";
      sel.hidden = values.length === 0;
    };
    const pids = new Set();
    for (const c of v.cards.data.values()) if (c.pid) pids.add(c.pid);
    fill(p.fPid, "All participants", [...pids].sort());
    const segs = new Set(Object.values(v.people).map((x) => x.segment).filter(Boolean));
    fill(p.fSeg, "All segments", [...segs].sort());
    fill(p.fSid, "All sessions", v.meta.sessions || []);
    this.pid = p.fPid.value;
    this.seg = p.fSeg.value;
    this.sid = p.fSid.value;
    const options = ["participant", ...(v.meta.attributes || [])];
    const current = v.model.get("colour_by");
    p.colourBy.replaceChildren(h("option", { value: "" }, "nothing"),
      ...options.map((o) => h("option", { value: o, text: o })));
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
    /** @type {Map<HTMLElement, number>} chunk -> change in its count of cards shown */
    const chunks = new Map();
    let shown = 0;
    let total = 0;
    const els = v.cards.all();
    for (let i = 0; i < els.length; i++) {
      const el = els[i];
      const card = el._card;
      const ok = (!q || el._search.includes(q)) && (!pid || card.pid === pid)
        && (!sid || card.sid === sid)
        && (!seg || (card.pid ? (people[card.pid] || {}).segment : undefined) === seg)
        && (!extra || extra(el));
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
    // Only warm chunks get their cards' classes written now; a cold one writes them when it
    // warms (see drawHidden), and a chunk left with no card shown is hidden whole.
    for (const [chunk, by] of chunks) {
      const c = /** @type {HTMLElement & {_shown?: number}} */ (chunk);
      const column = columnOf(chunk);
      if (!column) continue;
      if (c._shown === undefined) column.refresh(chunk); else column.shownIn(chunk, c._shown + by);
      if (isWarm(chunk)) {
        for (let el = chunk.firstElementChild; el; el = el.nextElementSibling) {
          drawHidden(/** @type {CardEl} */ (el));
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
    /** @type {Map<string, string>} */
    const values = new Map();
    /** @param {Card} card @returns {string | undefined} */
    const valueOf = (card) => (by === "participant" ? card.pid || undefined
      : card.pid ? (v.people[card.pid] || {})[by] : undefined);
    if (by) {
      // The colours come with the state (synthesis/colours.py), the same as in the report's
      // charts and snapshot; the legend lists the values on the board, in that order.
      /** @type {Record<string, string>} */
      const palette = ((v.meta.accents || {})[by]) || {};
      const all = new Set();
      for (const c of v.cards.data.values()) {
        const x = valueOf(c);
        if (x !== undefined && x !== null) all.add(x);
      }
      for (const x of Object.keys(palette)) if (all.has(x)) values.set(x, palette[x]);
      for (const x of [...all].sort()) if (!values.has(x)) values.set(x, NO_COLOUR);
    }
    for (const el of v.cards.all()) {
      const x = by ? valueOf(el._card) : undefined;
      const colour = x === undefined ? undefined : values.get(x);
      if (colour) el.style.setProperty("--sb-accent", colour);
      else el.style.removeProperty("--sb-accent");
    }
    const chips = [...values].slice(0, 24).map(([x, c]) => {
      const dot = h("span", { class: "sb-dot", "aria-hidden": "true" });
      dot.style.background = c;
      return h("span", { class: "sb-chip" }, dot, h("span", { text: x }));
    });
    if (values.size > 24) chips.push(h("span", { class: "sb-chip" }, `+${values.size - 24} more`));
    v.parts.legend.replaceChildren(...(by ? [h("span", { class: "sb-legend-title" },
      `Colour: ${by}`), ...chips] : []));
  }
}
