import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { renderSvg } from "../../src/report/charts/render-svg";
import type { ChartSpec } from "../../src/report/charts/spec";
import { readNotebook, writeNotebook, type Notebook } from "../../src/report/notebook/nbformat";
import type { NotebookOutputs } from "../../src/report/runner/collect-outputs";
import { NotebookRunError, runNotebooks, type NotebookRun } from "../../src/report/runner/run-notebooks";
import { schemaErrors } from "../support/nbformat-schema";
import { useTempDir } from "../support/spark";

const ROOT = join(__dirname, "..", "..");
const SETUP_NOTEBOOK = join(ROOT, "notebooks", "00-setup.ipynb");
const dir = useTempDir("insights-notebooks-");
// Code the cache key covers. Not src/: other work may change src/ while these tests run.
const codeDir = join(dir, "code");
mkdirSync(codeDir);
writeFileSync(join(codeDir, "analysis.ts"), "export const version = 1;\n");

function readOutputs(path: string): NotebookOutputs {
  return JSON.parse(readFileSync(path, "utf8")) as NotebookOutputs;
}

/** A notebook of code cells (the first one tagged `parameters`) written into the temp folder. */
function writeCodeNotebook(name: string, sources: readonly string[]): string {
  const notebook: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: sources.map((source, index) => ({
      cell_type: "code",
      id: `cell-${index}`,
      metadata: index === 0 ? { tags: ["parameters"] } : {},
      source,
      outputs: [],
      execution_count: null,
    })),
  };
  const path = join(dir, name);
  writeNotebook(path, notebook);
  return path;
}

describe("the setup notebook, headless against the test server", () => {
  const rows = 2_000;
  const outDir = join(dir, "setup-run");
  const options = { notebooks: [SETUP_NOTEBOOK], outDir, codeDir, dataFingerprint: "none", parameters: { sparkRemote: inject("sparkRemote"), rows } };

  it("runs end to end: connects, queries, shows the table and the chart, in a valid notebook", async () => {
    const [run] = await runNotebooks(options);
    expect(run?.status).toBe("executed");
    const outputs = readOutputs(run?.outputsPath ?? "");
    expect(outputs.notebook).toBe("00-setup.ipynb");
    expect(outputs.parameters).toEqual(options.parameters);

    // The query's answer, computed here: ids 0..rows-1 by remainder mod 5.
    const expected = [0, 1, 2, 3, 4].map((bucket) => {
      const ids = Array.from({ length: rows }, (_, id) => id).filter((id) => id % 5 === bucket);
      return [bucket, ids.length, ids.reduce((sum, id) => sum + id, 0)];
    });
    const shown = outputs.cells.flatMap((cell) => cell.outputs);
    const table = shown.find((output) => output.kind === "table");
    expect(table?.kind === "table" && table.table).toEqual({ columns: ["bucket", "rows", "id_sum"], rows: expected });
    expect(shown.some((output) => output.kind === "markdown" && /Connected to Spark 3\.5\.\d+ \(remote server\)/.test(output.markdown))).toBe(true);
    const chart = shown.find((output) => output.kind === "vega-lite");
    const svg = await renderSvg((chart?.kind === "vega-lite" ? chart.spec : {}) as unknown as ChartSpec);
    expect(svg.split('aria-roledescription="bar"').length - 1).toBe(5);

    const executed = JSON.parse(readFileSync(run?.executedPath ?? "", "utf8")) as Notebook;
    expect(schemaErrors(executed)).toEqual([]);
    const source = readNotebook(SETUP_NOTEBOOK);
    expect(executed.cells.map((cell) => cell.id)).toEqual([...source.cells.slice(0, 2).map((cell) => cell.id), "injected-parameters", ...source.cells.slice(2).map((cell) => cell.id)]);
    const codeCells = executed.cells.filter((cell) => cell.cell_type === "code");
    expect(codeCells.map((cell) => cell.execution_count)).toEqual(codeCells.map((_, index) => index + 1));
    expect(shown.some((output) => output.kind === "error" || (output.kind === "stream" && output.name === "stderr"))).toBe(false);
  });

  it("is not run again while its inputs are unchanged", async () => {
    const before = statSync(join(outDir, "00-setup.outputs.json")).mtimeMs;
    const [run] = await runNotebooks(options);
    expect(run?.status).toBe("cached");
    expect(statSync(join(outDir, "00-setup.outputs.json")).mtimeMs).toBe(before);
  });
});

describe("the runner's cache", () => {
  // (A changed data fingerprint changes the key like a parameter does: see the unit tests.)
  it("executes nothing on a rerun with the same inputs, and reruns when a parameter or the code changes", async () => {
    const log = join(dir, "executions.log");
    const notebook = writeCodeNotebook("counter.ipynb", [`const logFile = "";\nconst size = 1;`, `import { appendFileSync } from "fs";\nappendFileSync(logFile, "run\\n");`]);
    const outDir = join(dir, "counter-run");
    const run = (size: number, dataFingerprint: string): Promise<NotebookRun[]> => runNotebooks({ notebooks: [notebook], outDir, codeDir, dataFingerprint, parameters: { logFile: log, size } });
    const executions = () => readFileSync(log, "utf8").split("\n").filter(Boolean).length;

    expect((await run(1, "a"))[0]?.status).toBe("executed");
    expect(executions()).toBe(1);
    expect((await run(1, "a"))[0]?.status).toBe("cached");
    expect(executions()).toBe(1);
    expect((await run(2, "a"))[0]?.status).toBe("executed");
    writeFileSync(join(codeDir, "analysis.ts"), "export const version = 2;\n");
    expect((await run(2, "a"))[0]?.status).toBe("executed");
    expect((await run(2, "a"))[0]?.status).toBe("cached");
    expect(executions()).toBe(3);
  });
});

describe("the cache across notebooks", () => {
  it("ignores environment parameters, and reruns every notebook after one that reruns", async () => {
    const log = join(dir, "chain.log");
    const first = writeCodeNotebook("first.ipynb", [`const logFile = "";\nconst size = 1;\nconst remote = "";`, `import { appendFileSync } from "fs";\nappendFileSync(logFile, "first\\n");`]);
    const second = writeCodeNotebook("second.ipynb", [`const logFile = "";\nconst remote = "";`, `import { appendFileSync } from "fs";\nappendFileSync(logFile, "second\\n");`]);
    const outDir = join(dir, "chain-run");
    const run = (size: number, remote: string) =>
      runNotebooks({ notebooks: [first, second], outDir, codeDir, dataFingerprint: "a", parameters: { logFile: log, size }, environment: { remote } });
    const statuses = (runs: NotebookRun[]) => runs.map((r) => r.status);

    expect(statuses(await run(1, "sc://localhost:1"))).toEqual(["executed", "executed"]);
    // Another server address is not another input.
    expect(statuses(await run(1, "sc://localhost:2"))).toEqual(["cached", "cached"]);
    // `size` is the first notebook's alone, but the second reads what the first wrote: both rerun.
    expect(statuses(await run(2, "sc://localhost:2"))).toEqual(["executed", "executed"]);
    expect(readFileSync(log, "utf8").split("\n").filter(Boolean)).toEqual(["first", "second", "first", "second"]);
  });
});

describe("a failing notebook", () => {
  const failing = writeCodeNotebook("failing.ipynb", ["const n = 1;", "const ok = n + 1;", 'throw new Error("no data for day " + n);', "const never = 3;"]);
  const after = writeCodeNotebook("after.ipynb", ['const marker = "";', 'import { writeFileSync } from "fs";\nwriteFileSync(marker, "ran");']);

  it("stops the runner with a non-zero exit naming the notebook, the cell and the error; later notebooks do not run", () => {
    const marker = join(dir, "after-ran");
    const outDir = join(dir, "failing-run");
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", join(ROOT, "src", "report", "runner", "run-notebooks-main.ts"), "--out", outDir, "--param", "n=7", "--param", `marker=${marker}`, failing, after],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(result.status).toBe(1);
    // Cells: parameters (0), injected parameters (1), `ok` (2), the throw (3).
    expect(result.stderr).toContain("failing.ipynb: cell 3 (id cell-2) failed: Error: no data for day 7");
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(outDir, "failing.outputs.json"))).toBe(false);
    const executed = readNotebook(join(outDir, "failing.ipynb"));
    const last = executed.cells.at(-1);
    expect(last?.cell_type === "code" && last.execution_count).toBe(null);
  });

  it("reports a compile error in a cell as that cell's failure", async () => {
    const typo = writeCodeNotebook("typo.ipynb", ["const n = 1;", 'const total: number = "many";']);
    const failure = await runNotebooks({ notebooks: [typo], outDir: join(dir, "typo-run"), dataFingerprint: "" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotebookRunError);
    expect((failure as NotebookRunError).cell).toMatchObject({ index: 1, id: "cell-1" });
    expect((failure as NotebookRunError).message).toMatch(/typo\.ipynb: cell 1 \(id cell-1\) failed: CompileError: .*'string' is not assignable to type 'number'/);
  });
});

// Under real Jupyter: slow (a Python venv on first use), so CI proves it and developers opt in.
const JUPYTER_CHECK = process.env.CI === "true" || process.env.INSIGHTS_JUPYTER_CHECK === "1";

describe("the setup notebook under Jupyter (nbclient + the tslab kernel)", () => {
  it.skipIf(!JUPYTER_CHECK)("runs every cell (only when CI=true or INSIGHTS_JUPYTER_CHECK=1)", async () => {
    const child = spawn(process.execPath, [join(ROOT, "scripts", "jupyter-check.mjs"), SETUP_NOTEBOOK], {
      cwd: ROOT,
      env: { ...process.env, SPARK_REMOTE: inject("sparkRemote") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(output).toMatch(/00-setup\.ipynb: all \d+ code cells ran on the tslab kernel/);
    expect(code).toBe(0);
  }, 1_200_000);
});
