// @ts-check
/**
 * synthesis-lab: JupyterLab runs the board notebook `synthesis lab` opens, so the researcher
 * lands on a live board with no Run ▸ Run All Cells.
 *
 * Why an extension: JupyterLab 4 has no setting, URL parameter or command-line option that
 * runs a notebook when it opens, and a notebook executed beforehand on the server (papermill,
 * nbclient) only carries a snapshot of the widget: its comm is gone with that kernel, so the
 * board would be dead. An extension is JupyterLab's supported way to add behaviour; this one
 * uses only public, stable API (INotebookTracker, SessionContext.ready, NotebookActions.runAll).
 *
 * Why it only touches our notebooks: it runs a notebook only when the notebook's metadata
 * says `"synthesis": {"autorun": true}`, which only the per-study copies `synthesis lab`
 * writes do; and JupyterLab only loads the extension when `synthesis lab` starts it (the
 * command passes the folder with `--LabApp.extra_labextensions_path`; nothing is installed
 * into the user's JupyterLab). A notebook opened in any other JupyterLab runs nothing.
 */

import { INotebookTracker, NotebookActions } from '@jupyterlab/notebook';

/** The notebook metadata key `synthesis/board/notebook.py` writes. */
const METADATA_KEY = 'synthesis';

/**
 * Once the notebook's kernel is really there, run every cell, once per opened panel.
 * @param {import('@jupyterlab/notebook').NotebookPanel} panel
 */
async function runWhenReady(panel) {
  await panel.context.ready;
  const model = panel.content.model;
  const settings = /** @type {{autorun?: boolean} | undefined} */ (
    model ? model.getMetadata(METADATA_KEY) : undefined
  );
  if (!settings || settings.autorun !== true) {
    return;
  }
  const session = panel.sessionContext;
  await session.ready;
  const kernel = session.session ? session.session.kernel : null;
  if (!kernel) {
    return; // no kernel was chosen: there is nothing to run on
  }
  // `ready` means a kernel was picked; its first kernel_info reply means it is connected
  // and answering, so the cells are not sent into a connection that is still settling.
  await kernel.info;
  await NotebookActions.runAll(panel.content, session);
  panel.node.dataset.synthesisAutorun = 'done'; // for tests and curious developers
}

/** @type {import('@jupyterlab/application').JupyterFrontEndPlugin<void>} */
const plugin = {
  id: 'synthesis-lab:autorun',
  description: 'Runs the notebooks synthesis lab writes as soon as their kernel is ready.',
  autoStart: true,
  requires: [INotebookTracker],
  activate: (_app, /** @type {import('@jupyterlab/notebook').INotebookTracker} */ tracker) => {
    tracker.widgetAdded.connect((_tracker, panel) => {
      runWhenReady(panel).catch(error => {
        console.error('synthesis-lab: could not run the board notebook', error);
      });
    });
  }
};

export default plugin;
