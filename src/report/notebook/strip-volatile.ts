import type { Cell, MimeBundle, Notebook, Output } from "./nbformat";

/** Notebook-level metadata that records a run rather than the notebook (papermill, widget state). */
const VOLATILE_NOTEBOOK_METADATA = ["papermill", "widgets"];
/** Cell metadata that records a run: timestamps of JupyterLab's "record timing", papermill's. */
const VOLATILE_CELL_METADATA = ["execution", "papermill", "ExecuteTime"];
/** MIME types of interactive charts next to which JupyterLab saves a rendered PNG. */
const VEGA_MIME = /^application\/vnd\.vega(lite)?\.v\d+\+json$/;

/**
 * The notebook without what changes from one run to the next while the content does not: run
 * timestamps and ids, widget state, and the PNG that JupyterLab renders beside every Vega or
 * Vega-Lite output (its bytes depend on the browser; the spec is the content). A new copy.
 */
export function stripVolatile(notebook: Notebook): Notebook {
  return {
    ...notebook,
    metadata: without(notebook.metadata, VOLATILE_NOTEBOOK_METADATA),
    cells: notebook.cells.map(stripCell),
  };
}

function stripCell(cell: Cell): Cell {
  const metadata = without(cell.metadata, VOLATILE_CELL_METADATA);
  if (cell.cell_type !== "code") return { ...cell, metadata };
  return { ...cell, metadata, outputs: cell.outputs.map(stripOutput) };
}

function stripOutput(output: Output): Output {
  if (output.output_type !== "display_data" && output.output_type !== "execute_result") return output;
  // `transient` (display ids) belongs to the live session and is not part of the format.
  const rest: typeof output & { transient?: unknown } = { ...output };
  delete rest.transient;
  const hasVega = Object.keys(output.data).some((mime) => VEGA_MIME.test(mime));
  if (!hasVega) return rest;
  return { ...rest, data: withoutPng(output.data), metadata: withoutPng(output.metadata) };
}

function withoutPng<T extends MimeBundle>(bundle: T): T {
  return without(bundle, ["image/png"]);
}

function without<T extends Record<string, unknown>>(record: T, keys: readonly string[]): T {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key))) as T;
}
