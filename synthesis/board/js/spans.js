// @ts-check
// Where a transcript reader's words are: a turn's text cut at its highlights' edges, and a
// selection turned into the span of words a note is made of (within one turn, or over one
// speaker's turns in a row). Character offsets count in each turn's own text.

/**
 * @typedef {object} Span  What a selection makes a note of (the `note_from_span` action).
 * @property {number} utterance
 * @property {number} start
 * @property {number} end
 * @property {string} text
 * @property {number} [through]  the turn the selection ended in, when not its first
 *   (`end` then counts in it)
 */

/**
 * Cut a turn's text at every highlight's edges: the pieces in order, each with the
 * highlights covering it (overlapping highlights give pieces covered by several).
 * @param {number} length @param {{start: number, end: number}[]} spans
 * @returns {{start: number, end: number, cover: number[]}[]}
 */
export function segments(length, spans) {
  const cuts = new Set([0, length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(length, s.start)));
    cuts.add(Math.max(0, Math.min(length, s.end)));
  }
  const at = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < at.length; i++) {
    const start = at[i];
    const end = at[i + 1];
    if (end <= start) continue;
    /** @type {number[]} */
    const cover = [];
    spans.forEach((s, j) => { if (s.start <= start && s.end >= end) cover.push(j); });
    out.push({ start, end, cover });
  }
  return out;
}

/**
 * A selection's range trimmed of the spaces at its ends, in a turn's text.
 * @param {string} text @param {number} start @param {number} end
 */
export function trimRange(text, start, end) {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/**
 * What a selection from character `start` of the first of `turns` to character `end` of
 * the last makes a note of: one turn's words, or (over consecutive turns) the words from
 * the first's `start` to the last's `end`, one turn a line, with the last turn as
 * `through` and `end` counted in it. A selection that ends at the very start of a turn
 * (or starts at the very end of one) stays in the turn before (after). Null: no words.
 * @param {{id: number, text: string}[]} turns  the turns the selection touches, in order
 * @param {number} start @param {number} end
 * @returns {Span | null}
 */
export function spanOf(turns, start, end) {
  const list = [...turns];
  while (list.length > 1 && !list[list.length - 1].text.slice(0, end).trim()) {
    list.pop();
    end = list[list.length - 1].text.length;
  }
  while (list.length > 1 && !list[0].text.slice(start).trim()) { list.shift(); start = 0; }
  const head = list[0];
  const tail = list[list.length - 1];
  if (list.length === 1) {
    const one = trimRange(head.text, start, end);
    return one.end > one.start ? { utterance: head.id, ...one, text: head.text.slice(one.start, one.end) } : null;
  }
  const from = trimRange(head.text, start, head.text.length).start;
  const to = trimRange(tail.text, 0, end).end;
  const text = [head.text.slice(from), ...list.slice(1, -1).map((t) => t.text), tail.text.slice(0, to)]
    .join("\n");
  return { utterance: head.id, start: from, end: to, text, through: tail.id };
}

/**
 * The character offset of a point (node, offset) in an element's text; a point before the
 * element is 0, after it its length.
 * @param {HTMLElement} el @param {Node} node @param {number} offset
 */
export function offsetIn(el, node, offset) {
  if (!el.contains(node)) {
    const before = el.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING;
    return before ? 0 : (el.textContent || "").length;
  }
  const r = document.createRange();
  r.setStart(el, 0);
  r.setEnd(node, offset);
  return r.toString().length;
}
