import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { LocalSparkConnectServer, type LocalServerOptions } from "../../server/local-server";
import { SparkUiClient } from "../../lib/sparkui";
import { folderSize } from "../manifest/folder-size";
import { gitRevision } from "../manifest/git-revision";
import { isReportedConfig, type ManifestSpark, type RunManifest } from "../manifest/run-manifest";
import type { Parameters } from "../notebook/parameters";
import type { NotebookOutputs } from "../runner/collect-outputs";
import { planNotebooks, runNotebooks, type NotebookRun } from "../runner/run-notebooks";
import type { ReportDataParameters } from "../session/report-inputs";
import { STEPS_DIR, type StepRecord } from "../session/report-session";
import { runPaths } from "../session/run-paths";
import { assembleReport, REPORT_TITLE } from "./assemble-report";
import { dataFingerprint } from "./data-fingerprint";
import { renderReportHtml } from "../html/render-html";
import { projectRoot } from "../../server/paths";
import { projectRelativePath } from "../manifest/project-relative-path";

export interface ReportOptions {
  /**
   * The notebooks folder; every `NN-*.ipynb` in it from 01 on runs, in name order (00-setup is
   * the connection check for JupyterLab users, not a section of the report).
   */
  readonly notebooksDir: string;
  /** Receives REPORT.md, index.html, assets/, notebooks/ (executed) and manifest.json. */
  readonly reportDir: string;
  /** Git-ignored work: the run folder the notebooks share, and the runner's outputs. */
  readonly workDir: string;
  readonly data: ReportDataParameters;
  /** A Spark Connect URL to run on; undefined → an embedded server for the run. */
  readonly remote?: string;
  /** The Spark UI of `remote`, when it has one we can reach. */
  readonly remoteUi?: string;
  readonly server?: LocalServerOptions;
  /** When the command started (Date.now()), for the manifest's wall time. */
  readonly startedAt: number;
  readonly log?: (line: string) => void;
}

export interface ReportResult {
  readonly markdownPath: string;
  readonly htmlPath: string;
  readonly manifest: RunManifest;
  readonly runs: readonly NotebookRun[];
}

const MANIFEST_FILE = "manifest.json";

/**
 * `npm run report`: runs the notebooks headless against one Spark Connect server and assembles
 * their outputs into REPORT.md and a self-contained index.html. When every notebook is up to
 * date (same cells, parameters, data and code as its last successful run) nothing runs and no
 * server starts: the report is reassembled from the saved outputs.
 */
export async function runReport(options: ReportOptions): Promise<ReportResult> {
  const notebooks = readdirSync(options.notebooksDir)
    .filter((name) => /^\d\d-.+\.ipynb$/.test(name) && !name.startsWith("00-"))
    .sort()
    .map((name) => join(options.notebooksDir, name));
  const paths = runPaths(join(options.workDir, "run"));
  const parameters: Parameters = { runDir: paths.runDir, ...options.data };
  const runner = { notebooks, outDir: join(options.workDir, "notebooks"), parameters, dataFingerprint: dataFingerprint(options.data) };
  const environmentNames = { sparkRemote: "", sparkUi: "" };

  const upToDate = planNotebooks({ ...runner, environment: environmentNames }).every((plan) => plan.upToDate);
  let runs: NotebookRun[];
  let spark: ManifestSpark | undefined;
  if (upToDate) {
    options.log?.("every notebook is up to date: reassembling the report from their saved outputs");
    runs = await runNotebooks({ ...runner, environment: environmentNames });
  } else {
    const server = options.remote === undefined ? await LocalSparkConnectServer.start(options.server) : undefined;
    try {
      const sparkRemote = server?.url ?? options.remote ?? "";
      const sparkUi = server?.uiUrl ?? options.remoteUi ?? "";
      if (server !== undefined) options.log?.(`started Spark Connect at ${server.url} (UI ${server.uiUrl})`);
      runs = await runNotebooks({ ...runner, environment: { sparkRemote, sparkUi }, log: options.log });
      spark = sparkUi === "" ? undefined : await sparkFacts(sparkUi, server === undefined ? "remote" : "embedded");
    } finally {
      await server?.stop();
    }
  }

  const outputs = runs.map((run) => JSON.parse(readFileSync(run.outputsPath, "utf8")) as NotebookOutputs);
  const previous = readManifest(join(options.workDir, MANIFEST_FILE));
  const computed = !upToDate || previous === undefined;
  const now = new Date().toISOString();
  const wallSeconds = (Date.now() - options.startedAt) / 1000;
  const manifest: RunManifest = {
    generatedAt: now,
    computedAt: computed ? now : previous.computedAt,
    wallSeconds,
    computeWallSeconds: computed ? wallSeconds : previous.computeWallSeconds,
    // The code that computed the numbers, not whatever is checked out when a cached report is reassembled.
    git: computed ? gitRevision(resolve(options.notebooksDir, "..")) : previous.git,
    parameters: { ...options.data },
    inputs: computed ? reportInputs(paths.runDir, options.data) : previous.inputs,
    spark: spark ?? previous?.spark,
    // A notebook that did not run keeps the record of the run that computed its outputs.
    notebooks: runs.map((run) => (run.status === "cached" ? previous?.notebooks.find((n) => n.notebook === run.notebook) : undefined) ?? { notebook: run.notebook, status: run.status, seconds: run.seconds }),
    notebooksRun: runs.filter((run) => run.status === "executed").length,
    steps: computed ? readSteps(paths.runDir, runs) : previous.steps,
  };

  const { markdown, assets } = await assembleReport(outputs, manifest);
  writeReport(options.reportDir, markdown, assets.list(), runs);
  const html = await renderReportHtml(markdown, { title: REPORT_TITLE, baseDir: options.reportDir });
  writeFileSync(join(options.reportDir, "index.html"), html);
  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(options.reportDir, MANIFEST_FILE), manifestJson);
  writeFileSync(join(options.workDir, MANIFEST_FILE), manifestJson);
  return { markdownPath: join(options.reportDir, "REPORT.md"), htmlPath: join(options.reportDir, "index.html"), manifest, runs };
}

/** REPORT.md, its assets (the folder replaced whole: no stale charts) and the executed notebooks. */
function writeReport(reportDir: string, markdown: string, assets: ReturnType<Awaited<ReturnType<typeof assembleReport>>["assets"]["list"]>, runs: readonly NotebookRun[]): void {
  const assetsDir = join(reportDir, "assets");
  rmSync(assetsDir, { recursive: true, force: true });
  mkdirSync(assetsDir, { recursive: true });
  for (const asset of assets) writeFileSync(join(assetsDir, asset.name), asset.content);
  const notebooksDir = join(reportDir, "notebooks");
  mkdirSync(notebooksDir, { recursive: true });
  for (const run of runs) copyFileSync(run.executedPath, join(notebooksDir, run.notebook));
  writeFileSync(join(reportDir, "REPORT.md"), markdown);
}

async function sparkFacts(uiUrl: string, server: ManifestSpark["server"]): Promise<ManifestSpark> {
  const ui = new SparkUiClient(uiUrl);
  const [version, environment] = await Promise.all([ui.version(), ui.environment()]);
  const properties = Object.fromEntries(environment.sparkProperties.map(([key, value]) => [key, value]));
  const configs = Object.fromEntries(Object.entries(properties).filter(([key]) => isReportedConfig(key)).sort(([a], [b]) => a.localeCompare(b)));
  return { version, master: properties["spark.master"] ?? "unknown", server, configs };
}

/** The datasets the run read: the given paths or the generated ones, and what ingestion wrote. */
function reportInputs(runDir: string, data: ReportDataParameters): RunManifest["inputs"] {
  const paths = runPaths(runDir);
  const raw =
    data.interactions === ""
      ? (() => {
          const dir = join(paths.dataDir, `${data.mode}-${data.rows}-${data.metadataRows}-${data.seed}`);
          return { interactions: join(dir, "interactions"), metadata: join(dir, "metadata") };
        })()
      : { interactions: data.interactions, metadata: data.metadata };
  return [
    { name: "interactions (raw)", path: raw.interactions, size: folderSize(raw.interactions) },
    { name: "metadata (raw)", path: raw.metadata, size: folderSize(raw.metadata) },
    { name: "interactions (ingested Parquet)", path: join(paths.ingestedDir, "interactions"), size: folderSize(join(paths.ingestedDir, "interactions")) },
    { name: "metadata (ingested Parquet)", path: join(paths.ingestedDir, "metadata"), size: folderSize(join(paths.ingestedDir, "metadata")) },
    { name: "quarantine", path: join(paths.ingestedDir, "quarantine"), size: folderSize(join(paths.ingestedDir, "quarantine")) },
  ]
    .filter((input) => input.size.files > 0)
    .map((input) => ({ ...input, path: projectRelativePath(input.path, projectRoot()) }));
}

/** Every step the notebooks ran, in notebook order. */
function readSteps(runDir: string, runs: readonly NotebookRun[]): StepRecord[] {
  return runs.flatMap((run) => {
    const file = join(runDir, STEPS_DIR, `${run.notebook.replace(/\.ipynb$/, "")}.jsonl`);
    if (!existsSync(file)) return [];
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as StepRecord);
  });
}

function readManifest(path: string): RunManifest | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as RunManifest) : undefined;
}
