// @ts-check
// Small DOM helpers shared by every part of the board. Study text (notes, theme names,
// participant attributes) only ever reaches the page through textContent or value.

export const UNSORTED = "unsorted";
// Colours are decided in Python (synthesis/colours.py) and arrive with the state: every
// theme's `colour` and, in meta.accents, the colour of every attribute value. This grey is
// only for a value the state has not coloured (it never should).
export const NO_COLOUR = "#BBBBBB";
export const SUPPRESS = "data-lm-suppress-shortcuts";
const FOCUSABLE_TAGS = new Set(["BUTTON", "INPUT", "SELECT", "TEXTAREA"]);

/** @typedef {Node | string | number | null | undefined | false} Child */

/**
 * Make an element. In `attrs`, `class` sets the class name, `text` the text content, `on…`
 * adds a listener; null, undefined and false are left out, true is an empty attribute.
 *
 * Every focusable element gets `data-lm-suppress-shortcuts`: Notebook 7 (Lumino) matches its
 * command-mode shortcuts against the focused element before it looks for that attribute on
 * the element's ancestors, so on the board's root alone it does not keep M, O or the arrows
 * from turning the board's cell into Markdown or leaving the board.
 *
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any> | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k === "text") el.textContent = v;
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  if (FOCUSABLE_TAGS.has(el.tagName) || el.hasAttribute("tabindex")) el.setAttribute(SUPPRESS, "true");
  return el;
}

/**
 * "1 note", "3 notes".
 * @param {number} n @param {string} one @param {string} many
 */
export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A theme's head count: "7 notes · 5 of 12 participants" (people, not mentions).
 * @param {{notes: number, participants: number}} theme @param {number} n
 */
export function countLabel(theme, n) {
  return `${plural(theme.notes, "note", "notes")} · ${theme.participants} of ${n} participants`;
}

/**
 * Edit a name in place: a selected text box holding `value` replaces what `box` shows.
 * Enter keeps the text, Escape cancels, leaving the box keeps it; `finish(save, text)` runs
 * once, with the trimmed text. Keys typed in the box go no further (not to the board's
 * shortcuts, nor JupyterLab's).
 * @param {HTMLElement} box @param {string} value @param {string} label  the box's aria-label
 * @param {(save: boolean, text: string) => void} finish
 */
export function editInPlace(box, value, label, finish) {
  const input = h("input", { class: "sb-rename", type: "text", "aria-label": label,
    maxlength: "200" });
  input.value = value;
  box.replaceChildren(input);
  input.focus();
  input.select();
  let done = false;
  const end = (/** @type {boolean} */ save) => {
    if (done) return;
    done = true;
    finish(save, input.value.trim());
  };
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { ev.preventDefault(); end(true); }
    if (ev.key === "Escape") { ev.preventDefault(); end(false); }
    ev.stopPropagation();
  });
  input.addEventListener("blur", () => end(true));
}

/**
 * Is this element one where keys type text (so the board's shortcuts stay out of it)?
 * @param {EventTarget | null} el
 */
export function isTextInput(el) {
  if (!(el instanceof HTMLElement)) return false;
  return el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT"
    || el.isContentEditable;
}

/**
 * The closest element matching `selector` from an event target (text nodes included).
 * @param {EventTarget | null} target @param {string} selector
 * @returns {HTMLElement | null}
 */
export function closest(target, selector) {
  const el = target instanceof Element ? target
    : target instanceof Node ? target.parentElement : null;
  return el ? /** @type {HTMLElement | null} */ (el.closest(selector)) : null;
}

/**
 * A theme's colour, as the state gives it (synthesis/colours.py: its own, else the palette by
 * board order, the same as in reports and charts); only a #rrggbb reaches a style.
 * @param {{colour: string | null}} theme
 */
export function themeColour(theme) {
  if (theme.colour && /^#[0-9a-fA-F]{6}$/.test(theme.colour)) return theme.colour;
  return NO_COLOUR;
}

/**
 * A popup panel of the board (a dialog, hidden until opened) that Escape closes.
 * @param {string} cls @param {string} label @param {() => void} close
 */
export function panel(cls, label, close) {
  const el = h("div", { class: cls, role: "dialog", "aria-label": label, hidden: true });
  el.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); close(); }
  });
  return el;
}

/** A panel's ✕ button. @param {() => void} close */
export function closeButton(close) {
  return h("button", { type: "button", class: "sb-btn sb-drawer-close", "aria-label": "Close",
    onclick: close }, "✕");
}
