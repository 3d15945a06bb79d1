import { dirname } from "node:path";
import { textOf, type Cell, type Notebook } from "../notebook/nbformat";
import { startTslabSession } from "./tslab-adapter";

/** The first cell that failed: where, and what it reported. */
export interface CellFailure {
  /** Position among all cells of the executed notebook (injected parameters included), from 0. */
  readonly index: number;
  readonly id: string;
  readonly error: string;
}

export interface ExecutedNotebook {
  readonly notebook: Notebook;
  readonly failure: CellFailure | undefined;
}

/**
 * Runs the code cells of a notebook in order in this process, as the kernel would, and returns
 * the notebook with their outputs. Stops at the first failing cell: the cells after it keep no
 * outputs and no execution count. `path` is where the notebook lives: its folder is the working
 * directory of the cells, as under Jupyter.
 */
export async function executeNotebook(notebook: Notebook, path: string): Promise<ExecutedNotebook> {
  const session = startTslabSession(dirname(path));
  const cells: Cell[] = [];
  let failure: CellFailure | undefined;
  let count = 0;
  try {
    for (const [index, cell] of notebook.cells.entries()) {
      if (cell.cell_type !== "code") {
        cells.push(cell);
        continue;
      }
      if (failure !== undefined || textOf(cell.source).trim() === "") {
        cells.push({ ...cell, outputs: [], execution_count: null });
        continue;
      }
      const run = await session.execute(textOf(cell.source));
      cells.push({ ...cell, outputs: run.outputs, execution_count: ++count });
      if (!run.ok) failure = { index, id: cell.id, error: run.error ?? "the cell failed" };
    }
  } finally {
    session.close();
  }
  return { notebook: { ...notebook, cells }, failure };
}
