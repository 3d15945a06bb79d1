import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { hashFiles, notebookInputsHash } from "../notebook/hash";
import { readNotebook } from "../notebook/nbformat";
import { declaredParameters, type Parameters } from "../notebook/parameters";
import type { NotebookOutputs } from "./collect-outputs";
import type { CellFailure } from "./execute-notebook";
import type { NotebookJob } from "./notebook-child";

export interface RunNotebooksOptions {
  /** Notebook files, run in this order. */
  readonly notebooks: readonly string[];
  /** Where executed notebooks (`<name>.ipynb`) and their outputs (`<name>.outputs.json`) go. */
  readonly outDir: string;
  /**
   * Parameter values; each notebook gets those its parameters cell declares. A name no notebook
   * declares is an error (a typo would otherwise change nothing).
   */
  readonly parameters?: Parameters;
  /** Identifies the input data; a different fingerprint reruns every notebook. */
  readonly dataFingerprint: string;
  /** The code the notebooks call, hashed into the cache key (default: the project's src/). */
  readonly codeDir?: string;
  /** Kills a notebook that runs longer (default: no limit). */
  readonly timeoutMs?: number;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

export interface NotebookRun {
  readonly notebook: string;
  /** "cached": the inputs were unchanged, nothing ran and the files from before are kept. */
  readonly status: "executed" | "cached";
  readonly cacheKey: string;
  readonly executedPath: string;
  readonly outputsPath: string;
  readonly seconds: number;
}

/** A notebook that did not run to the end: which one, which cell, what went wrong. */
export class NotebookRunError extends Error {
  constructor(
    readonly notebook: string,
    /** The failing cell, when a cell failed (not when the process broke before or around one). */
    readonly cell: CellFailure | undefined,
    detail: string,
  ) {
    super(cell ? `${notebook}: cell ${cell.index} (id ${cell.id}) failed: ${cell.error}` : `${notebook}: ${detail}`);
    this.name = "NotebookRunError";
  }
}

/**
 * Runs notebooks headless, in order, one child process each, and stops at the first one that
 * fails (throwing NotebookRunError). A notebook whose inputs (its cells, its parameters, the
 * data fingerprint, the code under codeDir) hash to the key its last successful run recorded is
 * not run again.
 */
export async function runNotebooks(options: RunNotebooksOptions): Promise<NotebookRun[]> {
  const parameters = options.parameters ?? {};
  const notebooks = options.notebooks.map((path) => ({ path: resolve(path), notebook: readNotebook(path) }));
  const declared = new Set(notebooks.flatMap(({ notebook }) => declaredParameters(notebook)));
  const unknown = Object.keys(parameters).filter((name) => !declared.has(name));
  if (unknown.length > 0) throw new Error(`No notebook declares the parameter(s) ${unknown.join(", ")}`);
  const codeHash = hashFiles(options.codeDir ?? join(__dirname, "..", ".."));
  mkdirSync(options.outDir, { recursive: true });

  const runs: NotebookRun[] = [];
  for (const { path, notebook } of notebooks) {
    const started = Date.now();
    const name = basename(path, ".ipynb");
    const own = Object.fromEntries(Object.entries(parameters).filter(([key]) => declaredParameters(notebook).includes(key)));
    const cacheKey = notebookInputsHash({ notebook, parameters: own, dataFingerprint: options.dataFingerprint, codeHash });
    // Absolute: the child works in the notebook's folder.
    const executedPath = resolve(options.outDir, `${name}.ipynb`);
    const outputsPath = resolve(options.outDir, `${name}.outputs.json`);
    const cached = existsSync(executedPath) && recordedKey(outputsPath) === cacheKey;
    if (!cached) {
      options.log?.(`${basename(path)}: running`);
      await runChild({ notebookPath: path, parameters: own, cacheKey, executedPath, outputsPath, failurePath: "" }, options.timeoutMs);
    }
    const run: NotebookRun = { notebook: basename(path), status: cached ? "cached" : "executed", cacheKey, executedPath, outputsPath, seconds: (Date.now() - started) / 1000 };
    options.log?.(`${run.notebook}: ${run.status} in ${run.seconds.toFixed(1)} s`);
    runs.push(run);
  }
  return runs;
}

function recordedKey(outputsPath: string): string | undefined {
  if (!existsSync(outputsPath)) return undefined;
  try {
    return (JSON.parse(readFileSync(outputsPath, "utf8")) as NotebookOutputs).cacheKey;
  } catch {
    return undefined;
  }
}

/** Runs notebook-child.ts under tsx, relaying its stray output to our stderr. */
async function runChild(job: NotebookJob, timeoutMs: number | undefined): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), "insights-notebook-"));
  try {
    const failurePath = join(scratch, "failure.json");
    const jobPath = join(scratch, "job.json");
    writeFileSync(jobPath, JSON.stringify({ ...job, failurePath }));
    const tsx = pathToFileURL(require.resolve("tsx")).href;
    const child = spawn(process.execPath, ["--import", tsx, join(__dirname, "notebook-child.ts"), jobPath], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    const stderr: Buffer[] = [];
    child.stderr.on("data", (chunk: Buffer) => {
      stderr.push(chunk);
      process.stderr.write(chunk);
    });
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
      child.kill("SIGKILL");
    }, timeoutMs);
    const code = await new Promise<number | null>((done, fail) => {
      child.on("error", fail);
      child.on("close", done);
    }).finally(() => {
      clearTimeout(timer);
    });
    if (code === 0) return;
    const notebook = basename(job.notebookPath);
    if (code === 1 && existsSync(failurePath)) {
      throw new NotebookRunError(notebook, JSON.parse(readFileSync(failurePath, "utf8")) as CellFailure, "");
    }
    const detail = code === null ? `killed after ${timeoutMs ?? 0} ms` : `the run broke (exit code ${code}): ${firstLine(Buffer.concat(stderr).toString("utf8"))}`;
    throw new NotebookRunError(notebook, undefined, detail);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The first line of an error report names the error; the stack follows. */
function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}
