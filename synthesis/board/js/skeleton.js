// @ts-check
// The board's fixed parts: toolbar, legend, unsorted pile, theme area, chart and the three
// popups (move menu, theme panel, source drawer). Built once per view.

import { h, UNSORTED } from "./dom.js";
import { addNoteButton } from "./notes.js";

/**
 * @param {string} vid  this view's id prefix (ids must be unique in the page)
 */
export function buildSkeleton(vid) {
  const status = h("span", { class: "sb-status", role: "status", "aria-live": "polite",
    "data-state": "idle" });
  const search = h("input", { class: "sb-search", type: "search", placeholder: "Search notes",
    "aria-label": "Search notes by text" });
  const filter = (/** @type {string} */ name) => h("select", { class: "sb-filter",
    "data-filter": name, "aria-label": `Filter by ${name}` });
  const fPid = filter("participant");
  const fSeg = filter("segment");
  const fSid = filter("session");
  const colourBy = h("select", { class: "sb-colour-by", "aria-label": "Colour cards by" });
  const undoBtn = h("button", { class: "sb-btn sb-undo", type: "button",
    title: "Undo (Ctrl+Z)", "aria-label": "Undo" }, "↶ Undo");
  const redoBtn = h("button", { class: "sb-btn sb-redo", type: "button",
    title: "Redo (Ctrl+Shift+Z)", "aria-label": "Redo" }, "↷ Redo");
  const asideBtn = h("button", { class: "sb-btn sb-aside-btn", type: "button",
    "data-action": "show-aside", hidden: true }, "Set aside");
  const title = h("h2", { class: "sb-title" });
  const subtitle = h("span", { class: "sb-subtitle" });
  const legend = h("div", { class: "sb-legend", "aria-label": "Card colours" });
  const hintId = `${vid}-hint`;
  const hint = h("p", { id: hintId, class: "sb-sr-only" },
    "Press M or Enter to move this note to a theme, A to add it to another theme as "
    + "well, Delete to take it out of this theme, Shift+Delete to set it aside, F2 or a "
    + "double-click to edit its text, N to write a new note in this column, "
    + "O to see where it came from, "
    + "Space to add it to the selection, E to expand its text, arrow keys to go to "
    + "other notes; 1, 2 or 3 to accept a suggested theme, S to see similar notes.");

  const pileList = h("div", { class: "sb-cards", role: "listbox",
    "aria-multiselectable": "true", "aria-label": "Unsorted notes" });
  const pileCount = h("span", { class: "sb-theme-count" });
  const pile = h("section", { class: "sb-pile", "data-theme-id": UNSORTED,
    "aria-label": "Unsorted notes" },
  h("header", { class: "sb-pile-head" }, h("h3", { class: "sb-theme-name" }, "Unsorted"),
    pileCount, addNoteButton(UNSORTED)),
  pileList);

  const newZone = h("div", { class: "sb-new-theme", "data-drop": "new-theme", tabindex: "0",
    role: "button", "aria-label": "New theme: drop notes here, or press Enter to create "
      + "an empty theme" },
  h("span", { class: "sb-new-plus", "aria-hidden": "true" }, "+"),
  h("span", {}, "Drop notes here to start a new theme"));
  const themesEl = h("div", { class: "sb-themes", role: "list", "aria-label": "Themes" });
  const barList = h("ol", { class: "sb-bars" });
  const chartN = h("p", { class: "sb-chart-note" });
  const chart = h("aside", { class: "sb-chart", "aria-label": "Participants per theme" },
    h("h3", { class: "sb-chart-title" }, "Participants per theme"), chartN, barList);

  const menu = h("div", { class: "sb-menu", role: "dialog", "aria-label": "Move note to",
    hidden: true });
  const panel = h("div", { class: "sb-panel", role: "dialog", "aria-label": "Theme",
    hidden: true });
  const drawer = h("aside", { class: "sb-drawer", role: "dialog",
    "aria-label": "Where this note came from", hidden: true });

  const root = h("div", {
    class: "synthesis-board", "data-lm-suppress-shortcuts": "true", role: "region",
    "aria-label": "Affinity board", "data-pending": "0",
  },
  h("div", { class: "sb-toolbar", role: "toolbar", "aria-label": "Board tools" },
    h("div", { class: "sb-heading" }, title, subtitle),
    search, fPid, fSeg, fSid,
    h("label", { class: "sb-label" }, "Colour by ", colourBy),
    h("span", { class: "sb-spacer" }),
    asideBtn, undoBtn, redoBtn, status),
  legend, hint,
  h("div", { class: "sb-body" }, pile,
    h("div", { class: "sb-board-area" }, h("div", { class: "sb-themes-wrap" }, newZone,
      themesEl)),
    chart),
  menu, panel, drawer);

  return { root, status, search, fPid, fSeg, fSid, colourBy, undoBtn, redoBtn, asideBtn, title,
    subtitle, legend, hintId, pileList, pileCount, newZone, themesEl, barList, chartN, menu,
    panel, drawer };
}
