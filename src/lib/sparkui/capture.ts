import { SparkUiError, type SparkUiClient } from "./client";
import { stepMetrics, type StepMetrics } from "./step-metrics";
import type { UiExecutor, UiJob, UiSqlExecution, UiStage } from "./types";

export interface CaptureOptions {
  /** The session tag the step ran under (`spark.addTag(tag)`). */
  readonly tag: string;
  /** Only this Spark Connect session's jobs (another session may use the same tag). */
  readonly sessionId?: string;
  /**
   * The step may have run no Spark job at all (planning and size estimates need none): then two
   * polls that both list no tagged job end the wait with an empty capture instead of an error.
   */
  readonly mayRunNoJobs?: boolean;
  /** How long to wait for the REST API to show the step's jobs finished. Default 30 s. */
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

/** A step's raw REST JSON, kept whole so runs can be compared later, and its summary. */
export interface StepCapture {
  readonly tag: string;
  readonly sessionId: string | undefined;
  readonly uiUrl: string;
  readonly applicationId: string;
  readonly capturedAt: string;
  readonly jobs: readonly UiJob[];
  /** Every attempt of every stage of those jobs, skipped ones included. */
  readonly stages: readonly UiStage[];
  /** The SQL executions that ran any of those jobs, with plan nodes and their metrics. */
  readonly sqlExecutions: readonly UiSqlExecution[];
  /**
   * The application's executors as they stood after the step (cumulative figures, not the
   * step's). Absent in captures saved before executors were captured.
   */
  readonly executors?: readonly UiExecutor[];
  readonly metrics: StepMetrics;
}

/**
 * Whether Spark Connect 3.5 put the session tag `tag` on the job: it lists it as
 * `SparkConnect_SessionTag_User_<user>_Session_<sessionId>_Tag_<tag>`.
 */
export function carriesTag(job: UiJob, tag: string, sessionId?: string): boolean {
  const suffix = sessionId === undefined ? `_Tag_${tag}` : `_Session_${sessionId}_Tag_${tag}`;
  return (job.jobTags ?? []).some((t) => t.startsWith("SparkConnect_SessionTag_") && t.endsWith(suffix));
}

/** `…_Session_<uuid>_Tag_<tag>`: the session id is a UUID, so the tag is whatever follows it. */
const SESSION_TAG = /^SparkConnect_SessionTag_User_.*_Session_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_Tag_(.+)$/;

/** The user tags (`spark.addTag`) the jobs ran under, each once, in order of first use. */
export function jobUserTags(jobs: readonly UiJob[]): string[] {
  const tags = jobs.flatMap((j) => (j.jobTags ?? []).flatMap((t) => SESSION_TAG.exec(t)?.[1] ?? []));
  return [...new Set(tags)];
}

/**
 * Reads everything the UI knows about the jobs tagged `tag`: attributing by tag, not by time,
 * stays right when other work overlaps. Call it right after the step: a long-lived server evicts
 * old jobs (spark.ui.retainedJobs) and their stages.
 *
 * The UI is fed by an asynchronous listener, so it can lag a moment behind the client: a job may
 * still show RUNNING, or a later job of the step may not be listed yet. This polls until the
 * tagged jobs and their SQL executions are all finished and the job count held steady across
 * two polls; it throws if that does not happen within the timeout (or no job carries the tag,
 * unless `mayRunNoJobs`). A job is listed from its start, long before the client's call returns,
 * so two empty polls after the step mean it ran none.
 */
export async function captureStep(ui: SparkUiClient, options: CaptureOptions): Promise<StepCapture> {
  const { tag, sessionId } = options;
  const jobs = await waitForFinishedJobs(ui, options);
  const jobIds = new Set(jobs.map((j) => j.jobId));
  const stageIds = [...new Set(jobs.flatMap((j) => j.stageIds))].sort((a, b) => a - b);
  const stages = (await inBatches(stageIds, (id) => ui.stage(id))).flat();
  const sqlExecutions = await inBatches(await executionsOf(ui, jobIds), (e) => ui.sqlExecution(e.id));
  return {
    tag,
    sessionId,
    uiUrl: ui.baseUrl,
    applicationId: await ui.applicationId(),
    capturedAt: new Date().toISOString(),
    jobs,
    stages,
    sqlExecutions,
    executors: await ui.executors(),
    metrics: stepMetrics(jobs, stages),
  };
}

async function waitForFinishedJobs(ui: SparkUiClient, options: CaptureOptions): Promise<UiJob[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let previousCount = -1;
  for (;;) {
    const jobs = (await ui.jobs()).filter((j) => carriesTag(j, options.tag, options.sessionId)).sort((a, b) => a.jobId - b.jobId);
    if (options.mayRunNoJobs === true && jobs.length === 0 && previousCount === 0) return jobs;
    if (options.mayRunNoJobs === true && jobs.length === 0) previousCount = 0;
    if (jobs.length > 0 && jobs.every((j) => j.status !== "RUNNING")) {
      const executions = await executionsOf(ui, new Set(jobs.map((j) => j.jobId)));
      if (executions.every((e) => e.status !== "RUNNING") && jobs.length === previousCount) return jobs;
      previousCount = jobs.length;
    }
    if (Date.now() > deadline) {
      const state = jobs.length === 0 ? "no job carries it" : `jobs ${jobs.map((j) => `${j.jobId}:${j.status}`).join(", ")}`;
      throw new SparkUiError(`Step tagged '${options.tag}' not finished in the Spark UI after ${options.timeoutMs ?? 30_000} ms: ${state}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

async function executionsOf(ui: SparkUiClient, jobIds: ReadonlySet<number>): Promise<UiSqlExecution[]> {
  const all = await ui.sqlExecutions();
  return all.filter((e) => [...e.runningJobIds, ...e.successJobIds, ...e.failedJobIds].some((id) => jobIds.has(id)));
}

/**
 * A few requests at a time: a step of a hundred stages fired at once makes the UI's Jetty drop
 * connections on a busy driver; four in flight keep the capture quick without that.
 */
const REQUESTS_IN_FLIGHT = 4;

async function inBatches<T, R>(items: readonly T[], fetchOne: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let at = 0; at < items.length; at += REQUESTS_IN_FLIGHT) results.push(...(await Promise.all(items.slice(at, at + REQUESTS_IN_FLIGHT).map(fetchOne))));
  return results;
}
