// @ts-check
// Suggestions as data: what the kernel's `suggestions` message holds and the sentences the
// board makes of it, as pure logic (no DOM), so that `node --test` can check it.
//
// The kernel (synthesis/board/suggesting.py) sends, for each unsorted note of the round,
// its likeliest themes best first as [theme id, score, like]: `like` is the note already in
// that theme most like this one (the reason shown), whose text comes once in `like`.

/**
 * @typedef {[string, number, string | null]} Suggested  theme id, score (0..1), like note
 * @typedef {Record<string, Suggested[]>} SuggestedMap  note id -> suggestions, best first
 * @typedef {Record<string, {text: string, pid: string | null}>} LikeMap
 * @typedef {object} Draft  A draft theme (in the kernel's memory only, never in the store).
 * @property {string} key
 * @property {string} label
 * @property {string[]} notes
 * @property {string} central  its most typical note
 */

/**
 * A score as a percentage: "72%"; below 1 % says "<1%".
 * @param {number} score
 */
export function percent(score) {
  const p = Math.round(score * 100);
  return p < 1 ? "<1%" : `${Math.min(p, 100)}%`;
}

/**
 * The theme a note is most likely to go in (undefined: no suggestion).
 * @param {SuggestedMap} suggested @param {string} noteId
 */
export function topTheme(suggested, noteId) {
  const list = suggested[noteId];
  return list && list.length ? list[0][0] : undefined;
}

/**
 * How many notes each theme is the best suggestion for, counting only the notes `keep`
 * lets through (those still unsorted on the board).
 * @param {SuggestedMap} suggested @param {(noteId: string) => boolean} keep
 * @returns {Map<string, number>}
 */
export function countByTop(suggested, keep) {
  const out = new Map();
  for (const n in suggested) {
    const tid = topTheme(suggested, n);
    if (tid !== undefined && keep(n)) out.set(tid, (out.get(tid) || 0) + 1);
  }
  return out;
}

/**
 * Why a theme is suggested, in words: "like “The bank feed broke” (P03)".
 * @param {string | null} like @param {LikeMap} likes
 */
export function reason(like, likes) {
  const found = like ? likes[like] : undefined;
  if (!found) return "";
  return `like “${found.text}”${found.pid ? ` (${found.pid})` : ""}`;
}

/**
 * What a screen reader says about a card's suggestions (and a chip's tooltip, per theme).
 * @param {Suggested[]} list @param {(tid: string) => string | undefined} nameOf
 * @param {LikeMap} likes
 */
export function describe(list, nameOf, likes) {
  const named = list.filter(([tid]) => nameOf(tid) !== undefined);
  if (!named.length) return "";
  const parts = named.map(([tid, score], i) => `${i + 1}: ${nameOf(tid)}, ${percent(score)}`);
  const why = reason(named[0][2], likes);
  const keys = named.length === 1 ? "Press 1 to accept it" : `Press 1 to ${named.length} to accept one`;
  return `Suggested themes (computed on this machine): ${parts.join("; ")}.`
    + `${why ? ` The first is ${why}.` : ""} ${keys}.`;
}

/**
 * A draft's notes as the board shows them: those still unsorted, its most typical first.
 * @param {Draft} draft @param {(noteId: string) => boolean} isUnsorted
 * @returns {string[]}
 */
export function draftNotes(draft, isUnsorted) {
  const left = draft.notes.filter(isUnsorted);
  const at = left.indexOf(draft.central);
  if (at > 0) left.unshift(...left.splice(at, 1));
  return left;
}

/**
 * The label a new draft column gets when its label is taken by a theme on the board (so the
 * accepted theme can be told apart): "Pricing" -> "Pricing (draft 2)".
 * @param {string} label @param {Set<string>} taken  theme names on the board
 * @param {number} index  the draft's position, from 1
 */
export function freeLabel(label, taken, index) {
  return taken.has(label) ? `${label} (draft ${index})` : label;
}
