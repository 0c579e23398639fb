// @ts-check
// The affinity board's front end: the module anywidget loads (bundled by esbuild into
// synthesis/board/static/board.js). No network, no imports at run time.

import { renderTranscript } from "./reader.js";
import { BoardView } from "./view.js";

export { countLabel } from "./dom.js";

/** @type {import("@anywidget/types").Render<import("./types.js").State>} */
function render({ model, el }) {
  // The transcript widget (synthesis/board/transcript.py) ships in this bundle too.
  if (/** @type {any} */ (model).get("view") === "transcript") return renderTranscript(/** @type {any} */ (model), el);
  // A User Timing mark, so a profile (or bench/bench_board.py) can time the render from its
  // start; the board itself measures nothing.
  const mark = performance.mark("synthesis-board:render");
  const view = new BoardView(model, el);
  performance.measure("synthesis-board:build", { start: mark.startTime });
  return () => view.destroy();
}

export default { render };
