import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { hashFiles, notebookInputsHash } from "../notebook/hash";
import { readNotebook } from "../notebook/nbformat";
import { declaredParameters, type Parameters } from "../notebook/parameters";
import { NOTEBOOK_ENV } from "../session/notebook-env";
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
  /**
   * Parameters that say where to run, not what to compute (a Spark Connect URL, the Spark UI's
   * URL): injected like the others but left out of the cache key, so a server on another port
   * does not rerun a notebook whose inputs did not change.
   */
  readonly environment?: Parameters;
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

/** A notebook's place in a run, decided before anything runs. */
export interface NotebookPlan {
  readonly path: string;
  readonly name: string;
  /** The parameters it declares, environment included. */
  readonly parameters: Parameters;
  readonly cacheKey: string;
  readonly executedPath: string;
  readonly outputsPath: string;
  /** Its last successful run recorded this key: nothing needs running (unless one before it runs). */
  readonly upToDate: boolean;
}

/**
 * Each notebook's cache key and whether its last successful run is still good, without running
 * anything: a caller can skip starting a server when every notebook is up to date. The key
 * covers the notebook's cells, its parameters (not the environment's), the data fingerprint, the
 * code under codeDir and the key of the notebook before it.
 */
export function planNotebooks(options: Omit<RunNotebooksOptions, "log" | "timeoutMs">): NotebookPlan[] {
  const parameters = { ...options.parameters, ...options.environment };
  const environment = new Set(Object.keys(options.environment ?? {}));
  const notebooks = options.notebooks.map((path) => ({ path: resolve(path), notebook: readNotebook(path) }));
  const declared = new Set(notebooks.flatMap(({ notebook }) => declaredParameters(notebook)));
  const unknown = Object.keys(parameters).filter((name) => !declared.has(name));
  if (unknown.length > 0) throw new Error(`No notebook declares the parameter(s) ${unknown.join(", ")}`);
  const codeHash = hashFiles(options.codeDir ?? join(__dirname, "..", ".."));

  let previousKey = "";
  return notebooks.map(({ path, notebook }) => {
    const name = basename(path, ".ipynb");
    const own = Object.fromEntries(Object.entries(parameters).filter(([key]) => declaredParameters(notebook).includes(key)));
    const inputs = Object.fromEntries(Object.entries(own).filter(([key]) => !environment.has(key)));
    const cacheKey = notebookInputsHash({ notebook, parameters: inputs, dataFingerprint: options.dataFingerprint, codeHash, previousKey });
    previousKey = cacheKey;
    // Absolute: the child works in the notebook's folder.
    const executedPath = resolve(options.outDir, `${name}.ipynb`);
    const outputsPath = resolve(options.outDir, `${name}.outputs.json`);
    return { path, name, parameters: own, cacheKey, executedPath, outputsPath, upToDate: existsSync(executedPath) && recordedKey(outputsPath) === cacheKey };
  });
}

/**
 * Runs notebooks headless, in order, one child process each, and stops at the first one that
 * fails (throwing NotebookRunError). A notebook that is up to date (see planNotebooks) is not run
 * again, unless one before it ran: a notebook may read what an earlier one wrote, so from the
 * first one that runs, every one after it runs too.
 */
export async function runNotebooks(options: RunNotebooksOptions): Promise<NotebookRun[]> {
  const plans = planNotebooks(options);
  mkdirSync(options.outDir, { recursive: true });
  const runs: NotebookRun[] = [];
  let rerunRest = false;
  for (const plan of plans) {
    const started = Date.now();
    const notebook = basename(plan.path);
    const cached = plan.upToDate && !rerunRest;
    if (!cached) {
      rerunRest = true;
      options.log?.(`${notebook}: running`);
      const job = { notebookPath: plan.path, parameters: plan.parameters, cacheKey: plan.cacheKey, executedPath: plan.executedPath, outputsPath: plan.outputsPath, failurePath: "" };
      await runChild(job, options.timeoutMs);
    }
    const run: NotebookRun = { notebook, status: cached ? "cached" : "executed", cacheKey: plan.cacheKey, executedPath: plan.executedPath, outputsPath: plan.outputsPath, seconds: (Date.now() - started) / 1000 };
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
    // The notebook's name lets a report session file its steps under it (see ReportSession).
    const env = { ...process.env, [NOTEBOOK_ENV]: basename(job.notebookPath, ".ipynb") };
    const child = spawn(process.execPath, ["--import", tsx, join(__dirname, "notebook-child.ts"), jobPath], { stdio: ["ignore", "pipe", "pipe"], env });
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
