// @ts-check
// The shapes of the state the Python widget syncs (built in synthesis/board/state.py), for
// type checking only: this module has no code.

/**
 * @typedef {object} Card  One note of the round, as the board shows it.
 * @property {string} id
 * @property {string} text
 * @property {string | null} pid  participant id
 * @property {string | null} sid  session id
 * @property {string} [kind]
 * @property {string} [ref]
 * @property {boolean} [turn]
 * @property {boolean} [edited]  its text was changed by hand (the card says "edited")
 */

/**
 * @typedef {object} Theme  A live theme in board order, with this round's counts.
 * @property {string} id
 * @property {string} name
 * @property {string} description
 * @property {string | null} colour
 * @property {string | null} parent
 * @property {number} position
 * @property {number} notes
 * @property {number} participants
 */

/**
 * @typedef {object} Meta
 * @property {string | null} [round]
 * @property {string} [study]
 * @property {number} [n_participants]
 * @property {string[]} [attributes]
 * @property {Record<string, Record<string, string>>} [accents]  attribute (or "participant") -> value -> #rrggbb (synthesis/colours.py)
 * @property {string[]} [sessions]
 * @property {number} [seq]
 * @property {boolean} [can_undo]
 * @property {boolean} [can_redo]
 * @property {string[]} [others]  who else has this board open (live boards)
 * @property {string} [sort]  the sort this board shows ("board": the shared one)
 * @property {string[]} [sorts]  the round's sorts compare mode offers (none on a private sort)
 * @property {{id: string, text: string, pid: string | null}[]} [aside]  notes set aside (to restore)
 */

/** @typedef {Record<string, Record<string, string>>} People  participant id -> attributes */
/** @typedef {Record<string, string[]>} Placements  note id -> its theme ids, board order (sorted notes only) */

/**
 * @typedef {object} State
 * @property {Card[]} cards
 * @property {People} people
 * @property {Theme[]} themes
 * @property {Placements} placements
 * @property {Meta} meta
 * @property {string} colour_by
 * @property {number} poll_ms
 * @property {boolean} suggest  show suggestions (the kernel computes them when asked)
 */

/** @typedef {import("@anywidget/types").AnyModel<State>} Model */

/**
 * A card's element, with what the board keeps on it (expando fields are several times
 * faster than attributes or a side map at thousands of cards). A note in several themes has
 * a card in each column: `_tid` is the card's column, `_extra` marks all but the note's first
 * card (a note counts once), `_at` is its place in the flat list of cards. `_hidden` is what the
 * filters decided, `_drawnHidden` what its `sb-hidden` class says (see columns.js drawHidden).
 * @typedef {HTMLElement & {_note: string, _card: Card, _tid: string, _idx: number,
 *   _search: string, _hidden: boolean, _drawnHidden: boolean, _extra: boolean,
 *   _at: number}} CardEl
 */

export {};
