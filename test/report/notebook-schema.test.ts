import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatNotebook, readNotebook, tagsOf, type CodeCell, type Notebook } from "../../src/report/notebook/nbformat";
import { injectParameters } from "../../src/report/notebook/parameters";
import { stripVolatile } from "../../src/report/notebook/strip-volatile";
import { schemaErrors } from "../support/nbformat-schema";

const NOTEBOOKS = join(__dirname, "..", "..", "notebooks");
const notebookFiles = readdirSync(NOTEBOOKS).filter((file) => file.endsWith(".ipynb")).sort();

describe("the notebooks in notebooks/", () => {
  it("exist", () => {
    expect(notebookFiles.length).toBeGreaterThan(0);
  });

  it.each(notebookFiles)("%s is valid nbformat 4.5 with unique cell ids", (file) => {
    const raw = JSON.parse(readFileSync(join(NOTEBOOKS, file), "utf8")) as Notebook;
    expect(schemaErrors(raw)).toEqual([]);
    expect(raw.nbformat_minor).toBe(5);
    const ids = raw.cells.map((cell) => cell.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(notebookFiles)("%s has one parameters cell, runs on the tslab kernel and is saved without outputs", (file) => {
    const notebook = readNotebook(join(NOTEBOOKS, file));
    expect(notebook.cells.filter((cell) => cell.cell_type === "code" && tagsOf(cell).includes("parameters"))).toHaveLength(1);
    expect(notebook.metadata.kernelspec).toMatchObject({ name: "tslab", language: "typescript" });
    for (const cell of notebook.cells) if (cell.cell_type === "code") expect(cell.outputs).toEqual([]);
  });

  it.each(notebookFiles)("%s is stored as our writer stores it (clean diffs after a run)", (file) => {
    const text = readFileSync(join(NOTEBOOKS, file), "utf8");
    expect(formatNotebook(readNotebook(join(NOTEBOOKS, file)))).toBe(text);
  });

  it.each(notebookFiles)("%s stays valid with injected parameters, stripped and re-serialised", (file) => {
    const notebook = readNotebook(join(NOTEBOOKS, file));
    const injected = stripVolatile(injectParameters(notebook, {}));
    expect(schemaErrors(JSON.parse(formatNotebook(injected)) as object)).toEqual([]);
  });
});

describe("the schema check itself", () => {
  it("rejects a cell id with characters nbformat 4.5 forbids, and a code cell without outputs", () => {
    const notebook = readNotebook(join(NOTEBOOKS, notebookFiles[0] ?? ""));
    const [first, ...rest] = notebook.cells;
    if (first === undefined) throw new Error("empty notebook");
    expect(schemaErrors({ ...notebook, cells: [{ ...first, id: "not valid!" }, ...rest] }).length).toBeGreaterThan(0);
    const code = notebook.cells.find((cell) => cell.cell_type === "code");
    const withoutOutputs: Partial<CodeCell> = { ...(code as CodeCell) };
    delete withoutOutputs.outputs;
    expect(schemaErrors({ ...notebook, cells: [withoutOutputs] }).length).toBeGreaterThan(0);
  });
});
