// @ts-check
// Where a note's cards go, as pure logic (no DOM), so that `node --test` can check it.
//
// A note can sit in several themes: it then has one card in each of their columns, each
// saying "also in …" with the others. A drag moves the card out of the column it was dragged
// from into the target (its other themes stay); Alt/Option-drag, or the A key, adds it to a
// theme and takes it out of nothing; to Unsorted takes it out of that one theme, and it shows
// in the pile once it is in none.

import { UNSORTED } from "./dom.js";

/** @typedef {import("./protocol.js").Pending} Pending */
/** @typedef {import("./types.js").Placements} Placements */

/**
 * @typedef {object} How  What a drop or a menu choice says about the notes it moves.
 * @property {Record<string, string>} [from]  note id -> the column its card left
 * @property {boolean} [add]  Alt/Option-drag or "Also add to…": leave nothing
 */

/**
 * @typedef {object} MovePlan  What a move sends, and where each note shows until its ack.
 * @property {string[]} notes  the notes that change (the others are left alone)
 * @property {Record<string, string[]>} want  note id -> the columns it shows in meanwhile
 * @property {{type: "move", notes: string[], to: string,
 *   from: string | null | Record<string, string | null>, add: boolean}} msg
 */

/**
 * The columns a note shows in, in board order: where its newest unacknowledged move puts
 * it, else where the store has it; the unsorted pile when it is in no theme on the board.
 * @param {string} noteId
 * @param {Placements} placements  the store's, as last pushed
 * @param {Pending} pending
 * @param {Map<string, number>} rank  theme id -> board position, for the themes on the board
 * @returns {string[]}
 */
export function shownColumns(noteId, placements, pending, rank) {
  const on = (/** @type {string} */ t) => rank.has(t);
  const waiting = pending.columns(noteId);
  let cols = waiting ? waiting.filter(on) : [];
  // A move whose every target left the board meanwhile shows where the store has the note.
  if (!waiting || (waiting.length && !cols.length)) cols = (placements[noteId] || []).filter(on);
  if (!cols.length) return [UNSORTED];
  if (cols.length > 1) {
    cols = [...new Set(cols)].sort((a, b) => /** @type {number} */ (rank.get(a))
      - /** @type {number} */ (rank.get(b)));
  }
  return cols;
}

/**
 * Plan a move of notes to a theme (or to the pile): which notes change, where each shows
 * until the ack, and the message for the kernel (synthesis/board/actions.py `_move`).
 * @param {string[]} ids  the notes moved (a drag's selection, a menu's)
 * @param {string} tid  the target theme, or "unsorted"
 * @param {How} how
 * @param {(noteId: string) => string[] | null} columnsOf  where a note shows now (null: not
 *   on the board)
 * @returns {MovePlan | null}  null when nothing would change
 */
export function planMove(ids, tid, { from = {}, add = false }, columnsOf) {
  /** @type {Record<string, string[]>} */
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

/**
 * The `from` a message carries: one column when every note left the same one (or null when
 * none says), else a mapping note id -> column.
 * @param {string[]} notes @param {Record<string, string>} from
 * @returns {string | null | Record<string, string | null>}
 */
export function fromField(notes, from) {
  const sources = new Set(notes.map((n) => from[n] ?? ""));
  if (sources.size <= 1) return [...sources][0] || null;
  return Object.fromEntries(notes.map((n) => [n, from[n] ?? null]));
}

/**
 * What the card in column `col` says about the note's other themes ("" when none).
 * @param {string[]} cols  the columns the note shows in
 * @param {string} col  this card's column
 * @param {(themeId: string) => string | undefined} nameOf
 */
export function alsoIn(cols, col, nameOf) {
  const names = [];
  for (const c of cols) {
    if (c === col || c === UNSORTED) continue;
    const name = nameOf(c);
    if (name !== undefined) names.push(name);
  }
  return names.length ? `also in ${names.join(", ")}` : "";
}
