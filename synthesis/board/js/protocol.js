// @ts-check
// The board's side of the protocol with the kernel, as pure logic (no DOM), so that
// `node --test` can check it.
//
// Every action is one message with a request id. A card the researcher moved shows in its
// new place at once but stays "pending" (marked "saving…") until the ack for its newest
// request arrives: the kernel sends the ack only after the study store has committed, so the
// screen says "Saved" only for work that is on disk. A refused action (ok: false) rolls its
// notes back to where the store has them.
//
// The ack (a custom message) and the state the kernel pushes after it (a model update) do
// not reach the board in the order they were sent: ipywidgets hands a custom message over at
// once but queues an update behind the ones before it. So an acknowledged move keeps its
// columns until a state at least as new as its ack (meta.seq >= the ack's seq) has been
// applied; drawn from an older state the card went back to its old column for a moment
// (and lost the keyboard focus) before the new state put it back.

/**
 * @typedef {object} Request
 * @property {string} op  the action's type ("move", "new_theme", "rename", ...)
 * @property {string[]} notes  notes marked "saving…" until the ack
 * @property {string | null} theme  a theme whose header shows "saving…" until the ack
 * @property {Record<string, string[]> | null} cols  note id -> the columns a move shows it in
 *   until the ack (null: the kernel decides, as for a new theme)
 */

/**
 * @typedef {object} Ack  The kernel's reply to one request.
 * @property {string} [type]
 * @property {unknown} [id]
 * @property {boolean} [ok]
 * @property {string} [summary]
 * @property {string} [error]
 * @property {number} [seq]  the store's newest event once the action was done
 */

/**
 * @typedef {object} Settled  What an ack settles.
 * @property {string} id
 * @property {Request} request
 * @property {boolean} ok
 * @property {string[]} released  notes whose newest request this was: they stop looking
 *   "saving", and on a refusal go back to where the store has them
 */

/** Requests sent and not yet acknowledged, and the notes each one holds. */
export class Pending {
  /** @param {string} prefix  unique per view: two views of one widget tell their acks apart */
  constructor(prefix) {
    this.prefix = prefix;
    this.seq = 0;
    /** @type {Map<string, Request>} */
    this.requests = new Map();
    /** @type {Map<string, string>} note id -> id of its newest request */
    this.newest = new Map();
    /** @type {Map<string, {cols: string[], seq: number}>} note id -> the columns an
     * acknowledged move shows it in until a state of that seq arrives */
    this.acked = new Map();
    this.seen = 0; // the newest state (meta.seq) the board has drawn
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
    const request = id === null ? undefined : this.requests.get(id);
    if (id === null || !request) return null;
    this.requests.delete(id);
    const ok = ack.ok === true;
    const seq = typeof ack.seq === "number" ? ack.seq : 0;
    const released = [];
    for (const n of request.notes) {
      if (this.newest.get(n) !== id) continue; // a newer request holds it now
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
    if (id === undefined) return this.acked.get(noteId)?.cols;
    return this.requests.get(id)?.cols?.[noteId];
  }

  /** The themes whose headers wait for an ack. */
  themes() {
    const out = new Set();
    for (const r of this.requests.values()) if (r.theme) out.add(r.theme);
    return out;
  }
}

/**
 * Notes whose placement differs between two pushes of the store's placements.
 * @param {Record<string, string[]>} before @param {Record<string, string[]>} after
 * @returns {string[]}
 */
export function changedNotes(before, after) {
  // Each push is a freshly parsed object of thousands of keys, where `for...in` and `in`
  // cost twice what one pass over Object.keys does; the notes that left are looked for only
  // when fewer notes of `before` than it holds were seen in `after`.
  const out = [];
  const keys = Object.keys(after);
  let common = 0;
  for (let i = 0; i < keys.length; i++) {
    const n = keys[i];
    const was = before[n];
    if (was !== undefined) common++;
    if (!sameList(was, after[n])) out.push(n);
  }
  const old = Object.keys(before);
  if (common !== old.length) for (const n of old) if (after[n] === undefined) out.push(n);
  return out;
}

/**
 * Do two lists hold the same ids in the same order?
 * @param {string[] | undefined} a @param {string[] | undefined} b
 */
function sameList(a, b) {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * What the status line says after an ack.
 * @param {Ack} ack @param {number} stillPending  requests still waiting after this one
 * @returns {{state: "saving" | "saved" | "error", text: string}}
 */
export function statusAfter(ack, stillPending) {
  if (ack.ok !== true) return { state: "error", text: `Not saved: ${ack.error || "the kernel refused the change."}` };
  if (stillPending) return { state: "saving", text: "Saving…" };
  return { state: "saved", text: `Saved. ${ack.summary || ""}`.trim() };
}
