import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SparkSession } from "../../connect";
import { openSpark, type SparkEndpoint } from "../../server/spark-endpoint";
import { captureStep, saveCapture, SparkUiClient, SparkUiError, type StepCapture } from "../../lib/sparkui";
import { NOTEBOOK_ENV } from "./notebook-env";
import { runFolders, runPaths, type RunPaths } from "./run-paths";

export interface ReportSessionOptions {
  /** A Spark Connect URL; "" → SPARK_REMOTE, else an embedded server started for this session. */
  readonly sparkRemote: string;
  /** The Spark UI's base URL; "" → the embedded server's, or SPARK_UI_URL. */
  readonly sparkUi: string;
  readonly runDir: string;
}

/** A step's result and what the Spark UI recorded of it (undefined when no UI is reachable). */
export interface StepResult<T> {
  readonly value: T;
  readonly capture: StepCapture | undefined;
  /** Client-side elapsed time, ms. */
  readonly clientMs: number;
}

export interface StepOptions {
  /** The step may run no Spark job (planning, size estimates). */
  readonly mayRunNoJobs?: boolean;
}

/** One line of `steps/<notebook>.jsonl`: every step of the run, for the manifest. */
export interface StepRecord {
  readonly notebook: string;
  readonly tag: string;
  readonly clientMs: number;
  readonly uiWallMs: number | null;
  readonly jobs: number;
  readonly finishedAt: string;
  /** Why the Spark UI has no record of the step, when it has none. */
  readonly captureError?: string;
}

/** Where each notebook's steps are listed, under the run folder. */
export const STEPS_DIR = "steps";

/**
 * What a notebook works with: a Spark session, the Spark UI, the run's folders, and `step`,
 * which runs a piece of work under a session tag and saves what the UI recorded of it. Every
 * step of the report goes through `step`, so each one's jobs, stages, SQL plans and executors are
 * kept as raw JSON with the run (the UI evicts old jobs on a long-lived server).
 */
export class ReportSession {
  private constructor(
    private readonly endpoint: SparkEndpoint,
    readonly ui: SparkUiClient | undefined,
    readonly paths: RunPaths,
    private readonly notebook: string,
    private readonly stepsFile: string,
  ) {}

  static async open(options: ReportSessionOptions): Promise<ReportSession> {
    const endpoint = await openSpark({ remote: options.sparkRemote === "" ? undefined : options.sparkRemote });
    const uiUrl = options.sparkUi === "" ? endpoint.uiUrl : options.sparkUi;
    const paths = runPaths(options.runDir);
    for (const dir of runFolders(paths)) mkdirSync(dir, { recursive: true });
    // A notebook that runs again starts its steps file afresh; in JupyterLab they go to interactive.jsonl.
    const notebook = process.env[NOTEBOOK_ENV] ?? "interactive";
    const stepsFile = join(paths.runDir, STEPS_DIR, `${notebook}.jsonl`);
    mkdirSync(join(paths.runDir, STEPS_DIR), { recursive: true });
    writeFileSync(stepsFile, "");
    return new ReportSession(endpoint, uiUrl === undefined ? undefined : new SparkUiClient(uiUrl), paths, notebook, stepsFile);
  }

  get spark(): SparkSession {
    return this.endpoint.spark;
  }

  /** The Spark Connect URL, for work that needs sessions of its own (each with its own configuration). */
  get remote(): string {
    return this.endpoint.url;
  }

  /**
   * Runs `work` with the session tag `tag` on every job it starts, then captures the tagged jobs
   * from the Spark UI and saves them as `captures/<tag>.json`. Tags are session-wide, so steps
   * run one at a time.
   */
  async step<T>(tag: string, work: () => Promise<T>, options: StepOptions = {}): Promise<StepResult<T>> {
    const started = performance.now();
    this.spark.addTag(tag);
    let value: T;
    try {
      value = await work();
    } finally {
      this.spark.removeTag(tag);
    }
    const clientMs = performance.now() - started;
    const { capture, captureError } = await this.capture(tag, options);
    if (capture !== undefined) saveCapture(this.paths.capturesDir, tag, capture);
    const record: StepRecord = {
      notebook: this.notebook,
      tag,
      clientMs: Math.round(clientMs),
      uiWallMs: capture?.metrics.wallTimeMs ?? null,
      jobs: capture?.jobs.length ?? 0,
      finishedAt: new Date().toISOString(),
      ...(captureError !== undefined && { captureError }),
    };
    this.record(record);
    return { value, capture, clientMs };
  }

  /**
   * The step's record from the Spark UI. A step that succeeded is not failed by its capture: a
   * UI that lost part of it (a server that evicted the step's stages, a UI that does not answer)
   * leaves the step without a capture and the reason in its record, for the report to say.
   */
  private async capture(tag: string, options: StepOptions): Promise<{ capture?: StepCapture; captureError?: string }> {
    if (this.ui === undefined) return {};
    try {
      return { capture: await captureStep(this.ui, { tag, sessionId: this.spark.sessionId, mayRunNoJobs: options.mayRunNoJobs, timeoutMs: 60_000 }) };
    } catch (error) {
      if (!(error instanceof SparkUiError)) throw error;
      return { captureError: error.message };
    }
  }

  private record(step: StepRecord): void {
    appendFileSync(this.stepsFile, `${JSON.stringify(step)}\n`);
  }

  /**
   * Keeps a capture taken outside `step` (work on sessions of its own) with the run's others. Its
   * client-side time is not known here: the UI's wall time stands in for it in the steps list.
   */
  saveCapture(capture: StepCapture): void {
    saveCapture(this.paths.capturesDir, capture.tag, capture);
    this.record({ notebook: this.notebook, tag: capture.tag, clientMs: capture.metrics.wallTimeMs, uiWallMs: capture.metrics.wallTimeMs, jobs: capture.jobs.length, finishedAt: new Date().toISOString() });
  }

  /** Keeps a small JSON value for later notebooks (`facts/<name>.json`). */
  saveFact(name: string, value: unknown): void {
    writeFileSync(join(this.paths.factsDir, `${name}.json`), `${JSON.stringify(value, null, 2)}\n`);
  }

  /** A value an earlier notebook kept with saveFact; throws, naming the notebook to run, if absent. */
  fact(name: string, from: string): unknown {
    const file = join(this.paths.factsDir, `${name}.json`);
    if (!existsSync(file)) throw new Error(`${file} is missing: run ${from} first (with the same runDir)`);
    return JSON.parse(readFileSync(file, "utf8"));
  }

  close(): Promise<void> {
    return this.endpoint.close();
  }
}
