// @ts-check
// Popups that change themes: the "move to" and "also add to" menus (keyboard moves), inline
// renaming, and the theme panel (describe, recolour, group, reorder, rename, delete).

import { editInPlace, h, plural, themeColour, UNSORTED } from "./dom.js";

/** @typedef {import("./view.js").BoardView} BoardView */
/** @typedef {import("./types.js").CardEl} CardEl */

export class Menus {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.menuOpen = false;
    /** @type {HTMLElement | null} */
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
    const input = h("input", { class: "sb-menu-filter", type: "text", role: "combobox",
      "aria-expanded": "true", "aria-autocomplete": "list", "aria-controls": `${v.vid}-menu`,
      "aria-label": `${verb} ${plural(ids.length, "note", "notes")} to: type to filter themes`,
      placeholder: `${verb} to… (type to filter)` });
    const list = h("ul", { class: "sb-menu-list", role: "listbox", id: `${v.vid}-menu` });
    const inAll = (/** @type {string} */ tid) => ids.every((n) => v.shownColumns(n).includes(tid));
    const options = [...(add ? [] : [{ id: UNSORTED, label: "Unsorted" }]),
      ...v.themes.filter((t) => !add || !inAll(t.id)).map((t) => ({ id: t.id, label: t.name })),
      { id: "__new__", label: "+ New theme" }];
    let active = 0;
    let shown = options;
    /** @param {{id: string, label: string}} o */
    const choose = (o) => {
      menu.hidden = true;
      this.menuOpen = false;
      if (o.id === "__new__") v.createTheme(ids, how);
      else v.moveNotes(ids, o.id, how);
      // The card itself when it is still on the board (moved with its note, or staying as
      // the note joins another theme), else the note's card where it went.
      if (card.isConnected) v.focusCard(card); else v.focusNote(id, o.id);
    };
    const draw = () => {
      const q = input.value.trim().toLowerCase();
      shown = options.filter((o) => !q || o.label.toLowerCase().includes(q) || o.id === "__new__");
      active = Math.min(active, shown.length - 1);
      list.replaceChildren(...shown.map((o, i) => {
        const li = h("li", { role: "option", id: `${v.vid}-opt-${i}`, class: "sb-menu-item",
          "aria-selected": i === active ? "true" : "false", "data-target": o.id, text: o.label });
        li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(o); });
        return li;
      }));
      input.setAttribute("aria-activedescendant", `${v.vid}-opt-${active}`);
    };
    const close = () => { menu.hidden = true; this.menuOpen = false; v.focusCard(card); };
    input.addEventListener("input", () => { active = 0; draw(); });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown") { active = (active + 1) % shown.length; draw(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp") { active = (active - 1 + shown.length) % shown.length; draw(); ev.preventDefault(); }
      else if (ev.key === "Enter") { ev.preventDefault(); if (shown[active]) choose(shown[active]); }
      else if (ev.key === "Escape" || ev.key === "Tab") { ev.preventDefault(); close(); }
      ev.stopPropagation();
    });
    input.addEventListener("blur", () => {
      if (this.menuOpen) setTimeout(() => {
        if (this.menuOpen && !menu.contains(document.activeElement)) close();
      }, 150);
    });
    menu.setAttribute("aria-label", `${verb} note to`);
    menu.replaceChildren(h("p", { class: "sb-menu-title" },
      `${verb} ${plural(ids.length, "note", "notes")} to`), input, list);
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
    te.head.draggable = false; // so the text in the box can be selected with the mouse
    editInPlace(te.name, theme.name, "Theme name", (save, name) => {
      te.editing = false;
      te.head.draggable = true;
      if (save && name && name !== theme.name) {
        te.name.textContent = name; // shown at once, "saving" on the header until the ack
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
    const desc = h("textarea", { class: "sb-panel-desc", rows: "3",
      "aria-label": "Description", placeholder: "What this theme means…" });
    desc.value = t.description || "";
    const colour = h("input", { type: "color", class: "sb-panel-colour", "aria-label": "Theme colour" });
    colour.value = themeColour(t);
    const inside = new Set([tid]); // the theme and its descendants: no group may hold itself
    for (let grew = true; grew;) {
      grew = false;
      for (const o of v.themes) {
        if (o.parent && inside.has(o.parent) && !inside.has(o.id)) { inside.add(o.id); grew = true; }
      }
    }
    const parent = h("select", { class: "sb-panel-parent", "aria-label": "Group under" },
      h("option", { value: "" }, "(no group)"),
      ...v.themes.filter((o) => !inside.has(o.id)).map((o) => h("option", { value: o.id, text: o.name })));
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
    const move = (/** @type {number} */ step) => {
      const order = v.themes.map((o) => o.id);
      const j = sibs.findIndex((o) => o.id === tid) + step;
      if (j < 0 || j >= sibs.length) return;
      const a = order.indexOf(tid);
      const b = order.indexOf(sibs[j].id);
      [order[a], order[b]] = [order[b], order[a]];
      v.act({ type: "reorder", themes: order });
    };
    const button = (/** @type {string} */ label, /** @type {() => void} */ onclick) => h("button",
      { type: "button", class: "sb-btn", onclick }, label);
    const saveDesc = button("Save description", () => {
      if (desc.value !== (t.description || "")) v.act({ type: "describe", theme: tid, text: desc.value });
    });
    colour.addEventListener("change", () => v.act({ type: "recolour", theme: tid, colour: colour.value }));
    parent.addEventListener("change", () => v.act({ type: "group", theme: tid, parent: parent.value || null }));
    const close = button("Close", () => this.closePanel());
    close.setAttribute("aria-label", "Close");
    const panel = v.parts.panel;
    delete panel.dataset.kind; // a theme's panel now, not the list of notes set aside
    panel.setAttribute("aria-label", `Theme ${t.name}`);
    panel.replaceChildren(
      h("p", { class: "sb-panel-title", text: t.name }),
      h("label", { class: "sb-field" }, "Description", desc), saveDesc,
      h("label", { class: "sb-field sb-inline" }, "Colour ", colour),
      h("label", { class: "sb-field" }, "Group under", parent),
      h("div", { class: "sb-row" }, button("◀ Move earlier", () => move(-1)),
        button("Move later ▶", () => move(1))),
      h("div", { class: "sb-row" }, button("Rename", () => { this.closePanel(); this.startRename(tid); }),
        del, close),
      ...(v.suggestions.on ? [h("div", { class: "sb-row" }, button("Similar unsorted notes", () => {
        this.closePanel();
        v.suggestions.similar.open({ theme: tid }, anchor);
      }))] : []));
    this.panelAnchor = anchor;
    this.place(panel, anchor);
    panel.hidden = false;
    desc.focus();
  }

  closePanel() {
    this.view.parts.panel.hidden = true;
    delete this.view.parts.panel.dataset.kind;
    this.panelAnchor?.focus();
  }
}
