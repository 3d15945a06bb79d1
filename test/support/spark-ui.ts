import { expect } from "vitest";
import { SparkUiClient, type UiRddStorage } from "../../src/lib/sparkui";
import { uiUrl } from "./spark";

/** A job as the Spark UI REST API (/api/v1/applications/<app>/jobs) describes it. */
export interface UiJob {
  readonly jobId: number;
  readonly status: "RUNNING" | "SUCCEEDED" | "FAILED" | "UNKNOWN";
  /** Spark 3.5 lists the Spark Connect operation and session tags of the job here. */
  readonly jobTags?: readonly string[];
  readonly numKilledTasks: number;
}

let appId: string | undefined;

async function getJson(path: string): Promise<unknown> {
  if (uiUrl() === "") throw new Error("These checks read the Spark UI: with SPARK_REMOTE, also set SPARK_UI_URL (e.g. http://host:4040)");
  const response = await fetch(`${uiUrl()}/api/v1${path}`);
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${String(response.status)}`);
  return response.json();
}

async function applicationId(): Promise<string> {
  if (appId === undefined) {
    const apps = (await getJson("/applications")) as { id: string }[];
    appId = apps[0]?.id;
    if (appId === undefined) throw new Error("The Spark UI lists no application");
  }
  return appId;
}

export async function jobs(): Promise<UiJob[]> {
  return (await getJson(`/applications/${await applicationId()}/jobs`)) as UiJob[];
}

/** The tag Spark Connect 3.5 puts on every job of one operation. */
export function operationJobTag(userId: string, sessionId: string, operationId: string): string {
  return `SparkConnect_OperationTag_User_${userId}_Session_${sessionId}_Operation_${operationId}`;
}

/** The tag Spark Connect 3.5 puts on every job of an operation carrying the user tag `tag`. */
export function userJobTag(userId: string, sessionId: string, tag: string): string {
  return `SparkConnect_SessionTag_User_${userId}_Session_${sessionId}_Tag_${tag}`;
}

/** Polls the REST API until a job carrying `tag` satisfies `done`; returns those jobs. */
export async function waitForJobs(tag: string, done: (jobs: UiJob[]) => boolean, timeoutMs = 30_000): Promise<UiJob[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tagged = (await jobs()).filter((j) => j.jobTags?.includes(tag));
    if (tagged.length > 0 && done(tagged)) return tagged;
    if (Date.now() > deadline) {
      expect.fail(`No job tagged ${tag} reached the expected state in ${String(timeoutMs)} ms: ${JSON.stringify(tagged.map((j) => j.status))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The RDDs the application holds cached now. The UI learns of an unpersist a moment after it. */
export function storedRdds(): Promise<UiRddStorage[]> {
  return new SparkUiClient(uiUrl()).rddStorage();
}

/** Polls the cached RDDs until `done` holds for them; returns them. */
export async function waitForStoredRdds(done: (rdds: UiRddStorage[]) => boolean, timeoutMs = 30_000): Promise<UiRddStorage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rdds = await storedRdds();
    if (done(rdds)) return rdds;
    if (Date.now() > deadline)
      expect.fail(`The cached RDDs did not reach the expected state in ${String(timeoutMs)} ms: ${JSON.stringify(rdds.map((r) => r.name))}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
