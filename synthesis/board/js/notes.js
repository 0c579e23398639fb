// @ts-check
// Notes written and changed on the board: "+ Note" in every column (or N) writes a sticky,
// a double-click (or F2) on a card edits its text in place, "Split at cursor" cuts it in
// two where the caret is, "Set aside" hides it (Shift+Delete), and the "Set aside" list in
// the toolbar restores it. Each is one action the kernel commits (synthesis/notemaking.py)
// before the board shows the result; the text only ever reaches the page as text.

import { h, plural, UNSORTED } from "./dom.js";

/** @typedef {import("./view.js").BoardView} BoardView */
/** @typedef {import("./types.js").CardEl} CardEl */

const MAX_NOTE = 10000; // synthesis.notemaking.MAX_NOTE

/**
 * Where a split at the caret cuts the note's stored text: the caret's offset when the box
 * still holds that text, else null (the edit is saved first and the cut made on the new
 * words). Pure, for the node tests.
 * @param {string} stored @param {string} boxText @param {number} caret
 * @returns {{edit: string | null, at: number} | null}
 */
export function splitPlan(stored, boxText, caret) {
  const trimmed = boxText.trim();
  const lead = boxText.length - boxText.trimStart().length;
  const at = caret - lead;
  if (at <= 0 || at >= trimmed.length) return null;
  if (!trimmed.slice(0, at).trim() || !trimmed.slice(at).trim()) return null;
  return { edit: trimmed === stored ? null : trimmed, at };
}

/** The "+ Note" button of a column (the pile, or a theme). @param {string} tid */
export function addNoteButton(tid) {
  return h("button", { type: "button", class: "sb-add-note", "data-action": "new-note",
    "data-theme-id": tid, title: "Write a note here (N)",
    "aria-label": tid === UNSORTED ? "Write a note in Unsorted" : "Write a note in this theme" },
  "+ Note");
}

export class Notes {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    /** @type {string | null} a note made or split here: its card takes the focus once shown */
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
    const section = /** @type {HTMLElement} */ (column.list.parentElement);
    section.querySelector(".sb-composer")?.remove();
    const box = h("textarea", { class: "sb-note-box", "data-action": "write-note", rows: "3",
      maxlength: String(MAX_NOTE), "aria-label": "New note: Enter saves, Escape cancels",
      placeholder: "Write a note… (Enter saves, Esc cancels)" });
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
    const textEl = /** @type {HTMLElement} */ (card.querySelector(".sb-text"));
    const box = h("textarea", { class: "sb-note-box", "data-action": "edit-note", rows: "4",
      maxlength: String(MAX_NOTE),
      "aria-label": "Note text: Enter saves, Escape cancels, Alt+Enter splits at the cursor" });
    box.value = note.text;
    const split = h("button", { type: "button", class: "sb-btn sb-mini", "data-action": "split-note",
      title: "Split into two notes at the cursor (Alt+Enter)" }, "Split at cursor");
    const aside = h("button", { type: "button", class: "sb-btn sb-mini sb-danger",
      "data-action": "set-aside", title: "Set this note aside (restore it from the toolbar)" },
    "Set aside");
    const tools = h("div", { class: "sb-note-tools" }, split, aside);
    card.draggable = false; // so the text in the box can be selected with the mouse
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
    split.addEventListener("mousedown", (e) => e.preventDefault()); // keep the caret
    split.addEventListener("click", doSplit);
    aside.addEventListener("mousedown", (e) => e.preventDefault());
    aside.addEventListener("click", () => { close(); this.setAside([note.id]); });
    this.keys(box, (save) => {
      if (done) return;
      close();
      const text = box.value.trim();
      if (save && text && text !== note.text) {
        textEl.textContent = text; // shown at once, "saving" until the ack
        v.act({ type: "edit_note", note: note.id, text }, { notes: [note.id] });
        this.focusAfter = note.id; // the cards are drawn again once the store has it
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
    const end = (/** @type {boolean} */ save) => { if (!done) { done = true; finish(save); } };
    box.addEventListener("keydown", (ev) => {
      ev.stopPropagation(); // typing stays in the box: no board or JupyterLab shortcut
      if (ev.key === "Escape") { ev.preventDefault(); end(false); }
      else if (ev.key === "Enter" && ev.altKey && onSplit) { ev.preventDefault(); done = true; onSplit(); }
      else if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); end(true); }
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
    const panel = v.parts.panel;
    panel.dataset.kind = "aside";
    panel.setAttribute("aria-label", "Notes set aside");
    const close = h("button", { type: "button", class: "sb-btn", "aria-label": "Close",
      onclick: () => v.menus.closePanel() }, "Close");
    panel.replaceChildren(h("p", { class: "sb-panel-title" }, "Notes set aside"),
      aside.length ? h("ul", { class: "sb-aside-list" }, ...aside.map((n) => h("li", {},
        h("span", { class: "sb-aside-text", text: n.text }),
        h("span", { class: "sb-pid", text: n.pid || "—" }),
        h("button", { type: "button", class: "sb-btn sb-mini", "data-action": "restore-note",
          "data-note-id": n.id, onclick: () => v.act({ type: "restore_note", notes: [n.id] }) },
        "Restore"))))
        : h("p", { class: "sb-muted" }, "No note is set aside."),
      h("div", { class: "sb-row" }, close));
    v.menus.panelAnchor = v.parts.asideBtn;
    v.menus.place(panel, v.parts.asideBtn);
    panel.hidden = false;
    /** @type {HTMLElement | null} */ (panel.querySelector("button"))?.focus();
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
}
