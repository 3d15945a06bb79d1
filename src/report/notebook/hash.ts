import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { tagsOf, textOf, type Notebook } from "./nbformat";
import { INJECTED_PARAMETERS_TAG, type Parameters } from "./parameters";

/** Everything a notebook run depends on, each part already reduced to a string. */
export interface NotebookInputs {
  readonly notebook: Notebook;
  readonly parameters: Parameters;
  /** Identifies the input data (e.g. a hash of the dataset manifest); the caller decides how. */
  readonly dataFingerprint: string;
  /** Hash of the code the notebook calls (see hashFiles). */
  readonly codeHash: string;
  /** The key of the notebook that ran before this one ("" for the first). */
  readonly previousKey: string;
}

/**
 * The cache key of a run: SHA-256 over the cells' types, tags and sources (not outputs, ids or
 * metadata, which a save or a run changes without changing what runs), the parameters in
 * name order, the data fingerprint, the code hash and the previous notebook's key.
 */
export function notebookInputsHash(inputs: NotebookInputs): string {
  const cells = inputs.notebook.cells
    .filter((cell) => !tagsOf(cell).includes(INJECTED_PARAMETERS_TAG))
    .map((cell) => [cell.cell_type, [...tagsOf(cell)].sort(), textOf(cell.source)]);
  const parameters = Object.keys(inputs.parameters)
    .sort()
    .map((name) => [name, inputs.parameters[name]]);
  // JSON arrays keep the parts apart: no concatenation of two parts can look like another split.
  const canonical = JSON.stringify([cells, parameters, inputs.dataFingerprint, inputs.codeHash, inputs.previousKey]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** SHA-256 over the relative paths and contents of every file under `dir`, in path order. */
export function hashFiles(dir: string): string {
  const hash = createHash("sha256");
  for (const file of filesUnder(dir).sort()) {
    const path = relative(dir, file);
    hash.update(`${path.length}:${path}`);
    const content = readFileSync(file);
    hash.update(`${content.length}:`).update(content);
  }
  return hash.digest("hex");
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}
