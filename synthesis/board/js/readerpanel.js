// @ts-check
// The board's transcript panel: the reader (reader.js) over the board, opened from a card's
// source drawer ("Read the transcript"). A note made in it is an ordinary board action
// (saving… until the store has it). Whenever the board's state moves on (a note made here
// or on another board, an undo) the open panel asks for the session again, so highlights
// follow the store the way the cards do.

import { h } from "./dom.js";
import { Reader } from "./reader.js";

/** @typedef {import("./view.js").BoardView} BoardView */

export class ReaderPanel {
  /** @param {BoardView} view */
  constructor(view) {
    this.view = view;
    this.reader = new Reader({ send: (action) => view.act(action), onClose: () => this.close() });
    this.el = h("div", { class: "sb-reader", role: "dialog", "aria-label": "Transcript",
      hidden: true }, this.reader.root);
    view.root.append(this.el);
    /** @type {{id: string, session: string, note?: string} | null} */
    this.asked = null;
    /** @type {HTMLElement | null} */
    this.back = null;
    /** @type {number | undefined} the board's event the panel last asked at */
    this.seq = undefined;
  }

  /** @param {string} session @param {string} [note]  Open on a session (at a note's words). */
  open(session, note) {
    this.back = /** @type {HTMLElement | null} */ (document.activeElement);
    this.el.hidden = false;
    this.el.scrollIntoView({ block: "nearest" }); // a stacked board (a phone) is taller than the screen
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
      if (!msg.ok) { this.reader.say(msg.error, true); return; }
      const first = this.reader.data === null || this.reader.data.session !== msg.session;
      this.reader.show(msg, first && this.asked.note ? { note: this.asked.note } : {});
      if (first && !this.asked.note) /** @type {HTMLElement | null} */ (this.reader.root.querySelector(".st-turn"))?.focus();
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
}
