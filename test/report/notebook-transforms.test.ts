import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hashFiles, notebookInputsHash } from "../../src/report/notebook/hash";
import { formatNotebook, textOf, toLines, type CodeCell, type Notebook } from "../../src/report/notebook/nbformat";
import { declaredParameters, injectParameters } from "../../src/report/notebook/parameters";
import { stripVolatile } from "../../src/report/notebook/strip-volatile";
import { collectOutputs } from "../../src/report/runner/collect-outputs";
import { htmlTable } from "../../src/report/table";
import { escapeMarkdown } from "../../src/lib/text/escape";
import { markdownTable, tableOf } from "../../src/lib/text/table";

function code(id: string, source: string, extra: Partial<CodeCell> = {}): CodeCell {
  return { cell_type: "code", id, metadata: {}, source, outputs: [], execution_count: null, ...extra };
}

const base: Notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "tslab" } },
  cells: [
    { cell_type: "markdown", id: "intro", metadata: {}, source: "# Title" },
    code("params", 'const remote = "";\nlet rows = 10; // comment\n  const label = "x";', { metadata: { tags: ["parameters"] } }),
    code("work", "rows * 2"),
  ],
};

describe("injectParameters", () => {
  it("finds the names the parameters cell declares", () => {
    expect(declaredParameters(base)).toEqual(["remote", "rows", "label"]);
  });

  it("inserts one tagged cell right after the parameters cell, with TypeScript literals", () => {
    const injected = injectParameters(base, { rows: 5, remote: 'sc://h:1/;x="y"', label: null });
    expect(injected.cells.map((cell) => cell.id)).toEqual(["intro", "params", "injected-parameters", "work"]);
    const cell = injected.cells[2];
    expect(cell?.metadata.tags).toEqual(["injected-parameters"]);
    const source = textOf(cell?.source ?? "");
    expect(source).toContain("const rows = 5;");
    expect(source).toContain('const remote = "sc://h:1/;x=\\"y\\"";');
    expect(source).toContain("const label = null;");
    expect(base.cells).toHaveLength(3);
  });

  it("replaces an earlier injection instead of adding a second", () => {
    const twice = injectParameters(injectParameters(base, { rows: 5 }), { rows: 7 });
    expect(twice.cells.filter((cell) => cell.metadata.tags?.includes("injected-parameters"))).toHaveLength(1);
    expect(textOf(twice.cells[2]?.source ?? "")).toContain("const rows = 7;");
  });

  it("refuses names the notebook does not declare, non-finite numbers and notebooks without parameters", () => {
    expect(() => injectParameters(base, { rowz: 5 })).toThrow(/rowz/);
    expect(() => injectParameters(base, { rows: Number.NaN })).toThrow(/finite/);
    expect(() => injectParameters({ ...base, cells: [code("a", "1")] }, { rows: 1 })).toThrow(/parameters/);
  });
});

describe("stripVolatile", () => {
  const vega = { $schema: "https://vega.github.io/schema/vega-lite/v5.json", mark: "bar" };
  const run: Notebook = {
    ...base,
    metadata: { ...base.metadata, papermill: { duration: 1.5 }, widgets: {} },
    cells: [
      code("chart", "show()", {
        metadata: { tags: ["keep"], execution: { "iopub.execute_input": "2024-06-01T10:00:00Z" } },
        execution_count: 3,
        outputs: [
          { output_type: "display_data", data: { "application/vnd.vegalite.v5+json": vega, "image/png": "iVBOR…" }, metadata: { "image/png": { width: 400 } } },
          { output_type: "display_data", data: { "image/png": "iVBOR…" }, metadata: {}, transient: { display_id: "abc" } } as CodeCell["outputs"][number],
          { output_type: "stream", name: "stdout", text: "hello\n" },
        ],
      }),
    ],
  };
  const stripped = stripVolatile(run);
  const cell = stripped.cells[0] as CodeCell;

  it("drops run metadata and keeps the rest", () => {
    expect(stripped.metadata).toEqual(base.metadata);
    expect(cell.metadata).toEqual({ tags: ["keep"] });
    expect(cell.execution_count).toBe(3);
  });

  it("drops the PNG rendered next to a Vega-Lite spec, but not a PNG that is the output", () => {
    expect(cell.outputs[0]).toEqual({ output_type: "display_data", data: { "application/vnd.vegalite.v5+json": vega }, metadata: {} });
    expect(cell.outputs[1]).toEqual({ output_type: "display_data", data: { "image/png": "iVBOR…" }, metadata: {} });
    expect(cell.outputs[2]).toEqual(run.cells[0]?.cell_type === "code" ? run.cells[0].outputs[2] : undefined);
  });

  it("makes two runs that differ only in volatile data serialise identically", () => {
    const other = structuredClone(run);
    (other.metadata.papermill as { duration: number }).duration = 9;
    (other.cells[0] as CodeCell).metadata.execution = { "iopub.execute_input": "2025-01-01T00:00:00Z" };
    expect(formatNotebook(stripVolatile(other))).toBe(formatNotebook(stripped));
  });
});

describe("formatNotebook", () => {
  it("stores text as lines and JSON MIME types as JSON, with sorted keys", () => {
    const nb: Notebook = {
      ...base,
      cells: [code("c", "a\nb", { outputs: [{ output_type: "display_data", data: { "text/plain": "x\ny\n", "application/vnd.vegalite.v5+json": { b: 1, a: 2 } }, metadata: {} }] })],
    };
    const parsed = JSON.parse(formatNotebook(nb)) as { cells: { source: string[]; outputs: { data: Record<string, unknown> }[] }[] };
    expect(parsed.cells[0]?.source).toEqual(["a\n", "b"]);
    expect(parsed.cells[0]?.outputs[0]?.data["text/plain"]).toEqual(["x\n", "y\n"]);
    expect(Object.keys(parsed.cells[0]?.outputs[0]?.data["application/vnd.vegalite.v5+json"] as object)).toEqual(["a", "b"]);
    expect(toLines("")).toEqual([]);
  });
});

describe("notebookInputsHash", () => {
  const inputs = { notebook: base, parameters: { rows: 5, remote: "" }, dataFingerprint: "data-1", codeHash: "code-1", previousKey: "" };
  const key = notebookInputsHash(inputs);

  it("ignores what a save or a run changes: outputs, counts, ids, metadata, parameter order, an injected cell", () => {
    const run = injectParameters(
      { ...base, metadata: { other: 1 }, cells: base.cells.map((cell) => (cell.cell_type === "code" ? { ...cell, id: `${cell.id}-x`, execution_count: 4, outputs: [{ output_type: "stream", name: "stdout", text: "1" }] } : cell)) },
      { rows: 1 },
    );
    expect(notebookInputsHash({ ...inputs, notebook: run, parameters: { remote: "", rows: 5 } })).toBe(key);
  });

  it("changes with the code, a parameter, the data, the source files or the previous notebook's key", () => {
    const edited = { ...base, cells: [...base.cells.slice(0, 2), code("work", "rows * 3")] };
    const keys = [
      notebookInputsHash({ ...inputs, notebook: edited }),
      notebookInputsHash({ ...inputs, parameters: { rows: 6, remote: "" } }),
      notebookInputsHash({ ...inputs, dataFingerprint: "data-2" }),
      notebookInputsHash({ ...inputs, codeHash: "code-2" }),
      notebookInputsHash({ ...inputs, previousKey: key }),
    ];
    expect(new Set([key, ...keys]).size).toBe(6);
  });

  describe("hashFiles", () => {
    const dir = mkdtempSync(join(tmpdir(), "insights-hash-"));
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it("depends on file contents and names, not on when files were written", () => {
      writeFileSync(join(dir, "a.ts"), "one");
      writeFileSync(join(dir, "b.ts"), "two");
      const first = hashFiles(dir);
      writeFileSync(join(dir, "a.ts"), "one");
      expect(hashFiles(dir)).toBe(first);
      writeFileSync(join(dir, "b.ts"), "tw0");
      expect(hashFiles(dir)).not.toBe(first);
      writeFileSync(join(dir, "b.ts"), "two");
      rmSync(join(dir, "b.ts"));
      writeFileSync(join(dir, "c.ts"), "two");
      expect(hashFiles(dir)).not.toBe(first);
    });
  });
});

describe("tables and collected outputs", () => {
  const hostile = "<img src=x onerror=alert(1)>";
  const rows = [{ version: hostile, p95: 1234.5, day: new Date(Date.UTC(2024, 5, 1)), users: 12n, note: "a|b*c*\nd" }];

  it("escapes every value in HTML and in markdown, and keeps values as JSON", () => {
    const table = tableOf(rows);
    expect(table).toEqual({ columns: ["version", "p95", "day", "users", "note"], rows: [[hostile, 1234.5, "2024-06-01", 12, "a|b*c*\nd"]] });
    const html = htmlTable(table);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    const markdown = markdownTable(table);
    expect(markdown).toContain("\\<img src=x onerror=alert(1)\\>");
    expect(markdown).toContain("a\\|b\\*c\\* d");
    expect(markdown.split("\n")).toHaveLength(3);
    expect(escapeMarkdown("2024-06-01 v1.2")).toBe("2024-06-01 v1.2");
  });

  it("collects each output by its richest representation", () => {
    const table = tableOf(rows);
    const nb: Notebook = {
      ...base,
      cells: [
        base.cells[0] ?? code("x", ""),
        code("c", "x", {
          outputs: [
            { output_type: "stream", name: "stdout", text: ["a\n", "b\n"] },
            { output_type: "display_data", data: { "application/vnd.insights.table+json": table, "text/html": "<table/>", "text/markdown": "| t |" }, metadata: {} },
            { output_type: "display_data", data: { "application/vnd.vegalite.v5+json": { mark: "bar" }, "text/plain": "chart" }, metadata: {} },
            { output_type: "display_data", data: { "text/markdown": ["**a**\n", "b"], "text/plain": "a" }, metadata: {} },
            { output_type: "error", ename: "Error", evalue: "boom", traceback: [] },
          ],
        }),
      ],
    };
    const collected = collectOutputs(nb, "x.ipynb", "key", { rows: 1 });
    expect(collected.cells[0]).toMatchObject({ index: 0, id: "intro", cellType: "markdown", source: "# Title", outputs: [] });
    expect(collected.cells[1]?.outputs).toEqual([
      { kind: "stream", name: "stdout", text: "a\nb\n" },
      { kind: "table", table, markdown: "| t |" },
      { kind: "vega-lite", spec: { mark: "bar" } },
      { kind: "markdown", markdown: "**a**\nb" },
      { kind: "error", ename: "Error", evalue: "boom" },
    ]);
  });
});
