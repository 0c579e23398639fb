// @ts-check
// Theme columns (sections with a header, counts and a card list), their grouping, and the
// participants-per-theme chart. Only what changed is touched: a move changes two columns'
// counts and two bars, not the whole board.

import { Column, listHeight } from "./columns.js";
import { countLabel, h, themeColour } from "./dom.js";
import { addNoteButton } from "./notes.js";

/** @typedef {import("./types.js").Theme} Theme */
/** @typedef {import("./view.js").BoardView} BoardView */

/**
 * @typedef {object} ThemeEls  The elements of one theme's column.
 * @property {HTMLElement} section
 * @property {HTMLElement} head
 * @property {HTMLElement} name
 * @property {HTMLElement} btn
 * @property {HTMLElement} count
 * @property {HTMLElement} desc
 * @property {HTMLElement} parentLabel
 * @property {HTMLElement} list
 * @property {boolean} editing  the name is being edited: pushes leave it alone
 * @property {string} [sized]  the card list's size until first drawn (see updateCounts)
 */

/**
 * @param {BoardView} view @param {Theme} t
 * @returns {ThemeEls}
 */
function makeTheme(view, t) {
  const nameId = `${view.vid}-t-${t.id}`;
  const name = h("h3", { class: "sb-theme-name", id: nameId, tabindex: "0",
    title: "Double-click (or F2) to rename" });
  const btn = h("button", { class: "sb-theme-btn", type: "button", "aria-haspopup": "dialog",
    "data-theme-action": t.id }, "⋯");
  const head = h("header", { class: "sb-theme-head", draggable: "true",
    "data-theme-head": t.id, title: "Drag onto another theme to merge" },
  h("span", { class: "sb-grip", "aria-hidden": "true" }, "⠿"),
  h("span", { class: "sb-swatch", "aria-hidden": "true" }), name, btn);
  const count = h("p", { class: "sb-theme-count" });
  const desc = h("p", { class: "sb-theme-desc" });
  const parentLabel = h("p", { class: "sb-theme-parent" });
  const list = h("div", { class: "sb-cards", role: "listbox", "aria-multiselectable": "true" });
  const section = h("section", { class: "sb-theme", "data-theme-id": t.id,
    "aria-labelledby": nameId }, head, parentLabel,
  h("div", { class: "sb-theme-sub" }, count, addNoteButton(t.id)), desc, list);
  return { section, head, name, btn, count, desc, parentLabel, list, editing: false };
}

/**
 * @param {HTMLElement} el @param {string} name @param {string} value
 * Set an attribute only when it changes (a same-value write still costs a style check).
 */
function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/**
 * Make columns for new themes, update changed names, descriptions and colours, and regroup
 * the columns when the order or grouping changed.
 * @param {BoardView} view
 * @returns {string[]} themes no longer on the board (their columns are still there: their
 *   cards must be placed elsewhere first, see `dropThemes`)
 */
export function syncThemes(view) {
  const live = new Set();
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

/** @param {BoardView} view  Put the columns in board order, children after their parent. */
function layout(view) {
  /** @type {Map<string, Theme[]>} */
  const children = new Map();
  for (const t of view.themes) {
    const p = t.parent && view.themeById.has(t.parent) ? t.parent : "";
    const list = children.get(p);
    if (list) list.push(t); else children.set(p, [t]);
  }
  const frag = document.createDocumentFragment();
  const seen = new Set();
  /** @param {Theme} t @param {Node} into @param {number} depth */
  const descend = (t, into, depth) => {
    if (seen.has(t.id)) return; // a cycle in stored data must not hang the board
    seen.add(t.id);
    const te = /** @type {ThemeEls} */ (view.themeEls.get(t.id));
    te.section.dataset.depth = String(depth);
    const parent = depth && t.parent ? view.themeById.get(t.parent) : undefined;
    te.parentLabel.textContent = parent ? `in ${parent.name}` : "";
    te.parentLabel.hidden = !parent;
    into.appendChild(te.section);
    for (const c of children.get(t.id) || []) descend(c, into, depth + 1);
  };
  for (const t of children.get("") || []) {
    const te = /** @type {ThemeEls} */ (view.themeEls.get(t.id));
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

/**
 * Remove the columns of themes no longer on the board (their cards were placed elsewhere).
 * @param {BoardView} view @param {string[]} gone
 */
export function dropThemes(view, gone) {
  for (const id of gone) {
    const column = view.columns.get(id);
    // Anything still here (a card held by a pending move) waits in the unsorted pile, unless
    // its note has a card in another column already.
    for (const el of column ? column.cards() : []) {
      if (view.cards.of(el._note).length === 1) { view.pile.insert(el); continue; }
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

/** @param {BoardView} view  Theme head counts, the unsorted count and the chart. */
export function updateCounts(view) {
  for (const t of view.themes) {
    const te = view.themeEls.get(t.id);
    if (!te) continue;
    const text = countLabel(t, view.n);
    if (te.count.textContent !== text) te.count.textContent = text;
    const size = `auto ${listHeight(t.notes || 0)}px`; // until first drawn (board.css)
    if (te.sized !== size) {
      te.sized = size;
      te.list.style.containIntrinsicSize = size;
    }
  }
  let sorted = 0;
  const placements = view.placements;
  const keys = Object.keys(placements); // not for...in: see changedNotes
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

/** @param {BoardView} view  The participants-per-theme bars, most participants first. */
function drawBars(view) {
  const ranked = [...view.themes].sort((a, b) => b.participants - a.participants
    || b.notes - a.notes || a.name.localeCompare(b.name));
  const n = view.n || 1;
  const note = `${view.n} participants in ${view.meta.round ? `round ${view.meta.round}` : "the study"}`;
  if (view.chartN.textContent !== note) view.chartN.textContent = note;
  /** @type {Element | null} */
  let at = view.barList.firstElementChild;
  for (const t of ranked) {
    let bar = view.bars.get(t.id);
    if (!bar) {
      bar = h("li", { class: "sb-bar", "data-theme-id-bar": t.id },
        h("span", { class: "sb-bar-label" }),
        h("span", { class: "sb-bar-track", "aria-hidden": "true" }, h("span", { class: "sb-bar-fill" })),
        h("span", { class: "sb-bar-value" }));
      view.bars.set(t.id, bar);
    }
    const [label, track, value] = /** @type {HTMLElement[]} */ ([...bar.children]);
    const fill = /** @type {HTMLElement} */ (track.firstElementChild);
    if (label.textContent !== t.name) label.textContent = t.name;
    const shown = `${t.participants} of ${view.n}`;
    if (value.textContent !== shown) value.textContent = shown;
    const width = `${(100 * t.participants) / n}%`;
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
