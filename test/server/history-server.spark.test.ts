import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkSession } from "../../src/connect";
import { HistoryServer } from "../../src/server/history-server";
import { LocalSparkConnectServer } from "../../src/server/local-server";
import { captureStep, jobUserTags, type StepCapture } from "../../src/lib/sparkui/capture";
import { evaluateHeuristics } from "../../src/lib/sparkui/heuristics";
import { loadCapture } from "../../src/lib/sparkui/save";
import type { UiApplication } from "../../src/lib/sparkui/types";
import { SparkUiClient } from "../../src/lib/sparkui/client";
import { useTempDir } from "../support/spark";

const root = join(__dirname, "..", "..");
const TAG = "replayed-step";
const SHUFFLE_PARTITIONS = 3;
const RANGE_PARTITIONS = 2;

const dir = useTempDir("insights-history-");
let eventLogDir: string;
let sessionId: string;
let live: StepCapture;
let history: HistoryServer;
let app: UiApplication;
let replayed: StepCapture;

/** Runs the CLI to completion (asynchronously: the test process keeps serving its own timers). */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(root, "bin", "insights.js"), ...args], { cwd: root });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.once("exit", (status) => {
      resolve({ status, stdout, stderr });
    }),
  );
}

beforeAll(async () => {
  // A server of our own, not the run's shared one: its event log is complete only once it stops.
  const server = await LocalSparkConnectServer.start({ master: "local[2]", heap: "1g", runDir: join(dir, "run") });
  eventLogDir = server.eventLogDir;
  try {
    const spark = await SparkSession.connect(server.url);
    sessionId = spark.sessionId;
    await spark.conf.set("spark.sql.shuffle.partitions", SHUFFLE_PARTITIONS);
    await spark.conf.set("spark.sql.adaptive.enabled", false);
    spark.addTag(TAG);
    await spark.range(0, 6000, 1, RANGE_PARTITIONS).selectExpr("id % 10 AS k").groupBy("k").count().collect();
    spark.removeTag(TAG);
    await spark.range(0, 10).count(); // untagged: must not be captured
    live = await captureStep(new SparkUiClient(server.uiUrl), { tag: TAG, sessionId });
    spark.stop();
  } finally {
    await server.stop();
  }
  history = await HistoryServer.start({ eventLogDir, runDir: join(dir, "history") });
  app = await history.waitForApplication(live.applicationId);
  replayed = await captureStep(history.client(app.id), { tag: TAG, sessionId, timeoutMs: 10_000 });
}, 480_000);

afterAll(async () => {
  await history.stop();
});

describe("History Server replay", () => {
  it("lists the stopped server's application as completed", () => {
    expect(app.id).toBe(live.applicationId);
    expect(app.attempts.at(-1)?.completed).toBe(true);
  });

  it("captures the same jobs, stages and tasks as the live UI did", () => {
    expect(replayed.applicationId).toBe(live.applicationId);
    expect(replayed.jobs.map((j) => [j.jobId, j.status, j.numTasks])).toEqual(live.jobs.map((j) => [j.jobId, j.status, j.numTasks]));
    const stageFigures = (c: StepCapture) =>
      c.stages.map((s) => [s.stageId, s.attemptId, s.status, s.numTasks, s.executorRunTime, s.shuffleReadBytes, s.shuffleWriteBytes]);
    expect(stageFigures(replayed)).toEqual(stageFigures(live));
    // One map stage of RANGE_PARTITIONS tasks, one reduce stage of SHUFFLE_PARTITIONS tasks.
    expect(replayed.stages.map((s) => s.numTasks).sort()).toEqual([RANGE_PARTITIONS, SHUFFLE_PARTITIONS]);
    expect(replayed.sqlExecutions.map((e) => e.id)).toEqual(live.sqlExecutions.map((e) => e.id));
    expect(replayed.metrics).toEqual(live.metrics);
  });

  it("replays the task quantiles and executors, so the heuristics find the same", () => {
    for (const [i, stage] of replayed.stages.entries()) {
      expect(stage.taskMetricsDistributions?.executorRunTime).toEqual(live.stages[i]?.taskMetricsDistributions?.executorRunTime);
    }
    expect(replayed.executors?.map((e) => [e.id, e.totalCores])).toEqual([["driver", 2]]);
    expect(evaluateHeuristics(replayed)).toEqual(evaluateHeuristics(live));
  });

  it("lists the user tags the application's jobs ran under", async () => {
    expect(jobUserTags(await history.client(app.id).jobs())).toEqual([TAG]);
  });
});

describe("insights ui", () => {
  it("capture replays an event log into captures and findings; findings reads them back", async () => {
    const out = join(dir, "ui-out");
    const captured = await cli("ui", "capture", "--event-log", eventLogDir, "--out", out);
    expect(captured.status, captured.stderr).toBe(0);
    expect(readdirSync(join(out, "captures"))).toEqual([`${TAG}.json`]);
    const saved = loadCapture(join(out, "captures", `${TAG}.json`));
    expect(saved.jobs.map((j) => j.jobId)).toEqual(live.jobs.map((j) => j.jobId));
    expect(saved.metrics).toEqual(live.metrics);
    const report = readFileSync(join(out, "findings.md"), "utf8");
    expect(report).toContain(`## Step \`${TAG}\``);

    const listed = await cli("ui", "findings", "--captures", join(out, "captures"));
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout.trim()).toBe(report.trim());
    expect(existsSync(join(out, "findings.md"))).toBe(true);
  }, 300_000);
});
