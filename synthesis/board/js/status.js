// @ts-check
// The status line: what happened to the researcher's last change ("Saving…", "Saved. …",
// "Not saved: …") and, while a search or filter is on, how many notes it shows. The two
// share one line; the save status is kept aside while a filter's count is shown, so clearing
// the filter brings back what the line said before, not a count that is no longer true.

/** @typedef {"idle" | "saving" | "saved" | "error"} State */

export class StatusLine {
  /**
   * @param {{dataset: DOMStringMap, textContent: string | null}} el  the line's element
   *
   * @example
   *   const line = new StatusLine(el);
   *   line.save("saved", "Saved.");
   *   line.filtered("Showing 2 notes of 8.");  // el: "Showing 2 notes of 8."
   *   line.filtered(null);                     // el: "Saved." again
   */
  constructor(el) {
    this.el = el;
    /** @type {State} */
    this.state = /** @type {State} */ (el.dataset.state || "idle");
    this.text = el.textContent || "";
    /** is the line showing a filter's count now? */
    this.counting = false;
  }

  /** @param {State} state @param {string} text  Say what became of a change (shown at once). */
  save(state, text) {
    this.state = state;
    this.text = text;
    this.counting = false;
    this.show(state, text);
  }

  /**
   * Show a filter's count (`text`), or, with null (no filter on any more), the save status
   * the count stood in for. An error stays marked as one under the count.
   * @param {string | null} text
   */
  filtered(text) {
    if (text === null) {
      if (this.counting) this.show(this.state, this.text);
      this.counting = false;
      return;
    }
    this.counting = true;
    this.show(this.state === "error" ? "error" : "idle", text);
  }

  /** @param {State} state @param {string} text */
  show(state, text) {
    this.el.dataset.state = state;
    this.el.textContent = text;
  }
}
