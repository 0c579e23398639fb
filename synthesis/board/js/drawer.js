// @ts-check
// "Where this note came from": a drawer with the note, its participant's attributes, its
// session and the transcript turns around it (asked from the kernel when opened).

import { h } from "./dom.js";

/** @typedef {import("./view.js").BoardView} BoardView */

/**
 * @typedef {object} SourceReply  The kernel's `source` reply (synthesis/board/source.py).
 * @property {string} id
 * @property {boolean} ok
 * @property {string} [error]
 * @property {string} [text]
 * @property {{id: string, attributes: Record<string, string>} | null} [participant]
 * @property {string | null} [session]
 * @property {string} [source]
 * @property {string} [ref]
 * @property {boolean} [linked]
 * @property {{role?: string, speaker?: string, text: string, current?: boolean}[]} [turns]
 */

export class Drawer {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    /** @type {{id: string, noteId: string, tid: string | undefined} | null} */
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
    this.el.replaceChildren(this.closeButton(),
      h("h3", { class: "sb-drawer-title" }, "Where this note came from"),
      h("blockquote", { class: "sb-drawer-note", text: card ? card.text : "" }),
      h("p", { class: "sb-muted" }, "Loading…"));
    this.el.hidden = false;
    this.el.querySelector("button")?.focus();
    v.model.send({ type: "source", id, note: noteId });
  }

  closeButton() {
    return h("button", { type: "button", class: "sb-btn sb-drawer-close", "aria-label": "Close",
      onclick: () => this.close() }, "✕");
  }

  close() {
    this.el.hidden = true;
    if (this.asked) this.view.focusNote(this.asked.noteId, this.asked.tid);
  }

  /** @param {SourceReply} msg  Fill the drawer with the kernel's answer. */
  show(msg) {
    if (!this.asked || this.asked.id !== msg.id) return;
    /** @type {HTMLElement[]} */
    const parts = [this.closeButton(),
      h("h3", { class: "sb-drawer-title" }, "Where this note came from")];
    const focusClose = () => /** @type {HTMLElement | null} */ (
      this.el.querySelector(".sb-drawer-close"))?.focus();
    if (!msg.ok) {
      parts.push(h("p", { class: "sb-error", text: msg.error }));
      this.el.replaceChildren(...parts);
      focusClose();
      return;
    }
    parts.push(h("blockquote", { class: "sb-drawer-note", text: msg.text }));
    const facts = h("dl", { class: "sb-facts" });
    const fact = (/** @type {string} */ k, /** @type {string | null | undefined} */ value) => {
      if (value) facts.append(h("dt", { text: k }), h("dd", { text: value }));
    };
    fact("Participant", msg.participant ? msg.participant.id : "unknown");
    for (const [k, value] of Object.entries(msg.participant?.attributes || {})) fact(k, value);
    fact("Session", msg.session);
    fact("Source", [msg.source, msg.ref].filter(Boolean).join(", "));
    parts.push(facts);
    const turns = msg.turns || [];
    if (turns.length) {
      parts.push(h("h4", { class: "sb-drawer-sub" }, msg.linked ? "Around this moment"
        : "Start of the interview"));
      parts.push(h("ol", { class: "sb-turns" }, ...turns.map((t) => h("li", {
        class: `sb-turn sb-role-${t.role || "other"}${t.current ? " sb-current" : ""}`,
        "aria-current": t.current ? "true" : null,
      }, h("span", { class: "sb-speaker", text: t.speaker || t.role || "?" }),
      h("span", { class: "sb-turn-text", text: t.text })))));
    } else parts.push(h("p", { class: "sb-muted" }, "No transcript is linked to this note."));
    if (msg.session && turns.length) {
      const session = msg.session;
      const noteId = this.asked.noteId;
      parts.push(h("button", { type: "button", class: "sb-btn sb-read", "data-action": "open-transcript",
        onclick: () => { this.el.hidden = true; this.view.readerPanel.open(session, noteId); } },
      "Read the transcript and highlight notes"));
    }
    const hadFocus = this.el.contains(document.activeElement)
      || document.activeElement === document.body;
    this.el.replaceChildren(...parts);
    if (hadFocus) focusClose();
    this.el.querySelector(".sb-current")?.scrollIntoView({ block: "nearest" });
  }
}
