/**
 * Runs one notebook in this process and exits: the runner starts one of these per notebook, so
 * a notebook's variables, working directory and tslab's process-wide hooks never leak into the
 * next. Argument: the path of a JSON NotebookJob. Exit code 0 when every cell ran, 1 when a cell
 * failed (the job's failurePath then holds the CellFailure), 2 when the run itself broke.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { readNotebook, writeNotebook } from "../notebook/nbformat";
import { injectParameters, type Parameters } from "../notebook/parameters";
import { stripVolatile } from "../notebook/strip-volatile";
import { collectOutputs } from "./collect-outputs";
import { executeNotebook } from "./execute-notebook";

/** What the runner asks of a child. */
export interface NotebookJob {
  readonly notebookPath: string;
  readonly parameters: Parameters;
  readonly cacheKey: string;
  readonly executedPath: string;
  readonly outputsPath: string;
  readonly failurePath: string;
}

async function main(jobPath: string): Promise<number> {
  const job = JSON.parse(readFileSync(jobPath, "utf8")) as NotebookJob;
  const notebook = injectParameters(readNotebook(job.notebookPath), job.parameters);
  const executed = await executeNotebook(notebook, job.notebookPath);
  const stripped = stripVolatile(executed.notebook);
  writeNotebook(job.executedPath, stripped);
  if (executed.failure !== undefined) {
    // No outputs file: the next run must not take the failed run for a cached success.
    rmSync(job.outputsPath, { force: true });
    writeFileSync(job.failurePath, JSON.stringify(executed.failure));
    return 1;
  }
  const outputs = collectOutputs(stripped, basename(job.notebookPath), job.cacheKey, job.parameters);
  writeFileSync(job.outputsPath, `${JSON.stringify(outputs, null, 1)}\n`);
  return 0;
}

// A rejection nobody awaited (work a cell left running) would otherwise end the process with the
// exit code of a failed cell; report it as a broken run instead.
process.on("unhandledRejection", (reason) => {
  console.error("Unhandled promise rejection:", reason);
  process.exit(2);
});

const jobPath = process.argv[2];
if (jobPath === undefined) {
  console.error("usage: notebook-child <job.json>");
  process.exit(2);
}
main(jobPath).then(
  // Exit now: a notebook that left a Spark session or a timer open must not hold the runner.
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
