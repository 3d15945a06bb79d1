import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataFrame, SparkSession } from "../../../src/connect";
import { captureStep, type StepCapture } from "../../../src/lib/sparkui/capture";
import { SparkUiClient } from "../../../src/lib/sparkui/client";
import { stagesRunningNode } from "../../../src/lib/sparkui/plan-stages";
import { loadCapture, saveCapture } from "../../../src/lib/sparkui/save";
import { operationJobTag } from "../../support/spark-ui";
import { connect, uiUrl, useSpark, useTempDir } from "../../support/spark";

const SHUFFLE_PARTITIONS = 3;
const RANGE_PARTITIONS = 2;
const TAG = "sparkui-step";

const spark = useSpark();
let other: SparkSession;
let ui: SparkUiClient;
const dir = useTempDir("insights-sparkui-");

/** Two stages: RANGE_PARTITIONS map tasks that shuffle, SHUFFLE_PARTITIONS reduce tasks. */
const shuffling = (s: SparkSession): DataFrame => s.range(0, 6000, 1, RANGE_PARTITIONS).selectExpr("id % 10 AS k").groupBy("k").count();

/** Runs `df.collect()` and returns the id of its Spark Connect operation. */
async function collectOperation(df: DataFrame): Promise<string> {
  let operationId = "";
  await df.collect({
    onOperationId: (id) => {
      operationId = id;
    },
  });
  return operationId;
}

/** The ids of the jobs of these operations, found by their operation tags (not the session tag). */
async function jobsOfOperations(session: SparkSession, operationIds: readonly string[]): Promise<number[]> {
  const tags = operationIds.map((op) => operationJobTag(session.client.userId, session.sessionId, op));
  return (await ui.jobs())
    .filter((j) => j.jobTags?.some((t) => tags.includes(t)))
    .map((j) => j.jobId)
    .sort((a, b) => a - b);
}

beforeAll(async () => {
  other = await connect();
  ui = new SparkUiClient(uiUrl());
  for (const s of [spark, other]) {
    await s.conf.set("spark.sql.shuffle.partitions", SHUFFLE_PARTITIONS);
    // Without AQE the reduce stage keeps exactly SHUFFLE_PARTITIONS tasks (no coalescing).
    await s.conf.set("spark.sql.adaptive.enabled", false);
  }
});

afterAll(() => {
  other.stop();
});

describe("captureStep", () => {
  let capture: StepCapture;
  let tagged: string[];
  let untagged: string;
  let clientMs: number;

  beforeAll(async () => {
    const start = Date.now();
    spark.addTag(TAG);
    tagged = [await collectOperation(shuffling(spark))];
    spark.removeTag(TAG);
    untagged = await collectOperation(shuffling(spark));
    spark.addTag(TAG);
    tagged.push(await collectOperation(shuffling(spark)));
    spark.removeTag(TAG);
    clientMs = Date.now() - start;
    // Another session's work under the same tag: excluded by the session id.
    other.addTag(TAG);
    await other.range(0, 100, 1, 1).selectExpr("sum(id)").collect();
    other.removeTag(TAG);
    capture = await captureStep(ui, { tag: TAG, sessionId: spark.sessionId });
  });

  it("captures exactly the jobs of the tagged operations of this session", async () => {
    expect(capture.jobs.map((j) => j.jobId).sort((a, b) => a - b)).toEqual(await jobsOfOperations(spark, tagged));
    const untaggedJobs = await jobsOfOperations(spark, [untagged]);
    expect(untaggedJobs.length).toBeGreaterThan(0);
    for (const id of untaggedJobs) expect(capture.jobs.map((j) => j.jobId)).not.toContain(id);
    expect(capture.sessionId).toBe(spark.sessionId);
    expect(capture.applicationId).toBe(await ui.applicationId());
  });

  it("includes another session's jobs under the same tag only when no session is given", async () => {
    const anySession = await captureStep(ui, { tag: TAG });
    expect(anySession.jobs.length).toBeGreaterThan(capture.jobs.length);
    expect(anySession.jobs.some((j) => j.jobTags?.some((t) => t.includes(`_Session_${other.sessionId}_`)))).toBe(true);
  });

  it("has one map stage and one reduce stage per query, with the partitions asked for", () => {
    const ran = capture.stages.filter((s) => s.status === "COMPLETE");
    expect(ran.map((s) => s.numTasks).sort()).toEqual([RANGE_PARTITIONS, RANGE_PARTITIONS, SHUFFLE_PARTITIONS, SHUFFLE_PARTITIONS]);
    for (const s of ran) {
      // The map stage writes the shuffle, the reduce stage reads it.
      if (s.numTasks === RANGE_PARTITIONS) expect(s.shuffleWriteBytes).toBeGreaterThan(0);
      else expect(s.shuffleReadBytes).toBeGreaterThan(0);
      expect(s.taskMetricsDistributions?.quantiles).toEqual([0, 0.25, 0.5, 0.75, 1]);
    }
    expect(capture.metrics.stages).toBe(4);
    expect(capture.metrics.tasks).toBe(2 * (RANGE_PARTITIONS + SHUFFLE_PARTITIONS));
  });

  it("sums the step's figures consistently", () => {
    const m = capture.metrics;
    expect(m.jobs).toBe(capture.jobs.length);
    // Local mode: every shuffled byte written is read back.
    expect(m.shuffleReadBytes).toBe(m.shuffleWriteBytes);
    expect(m.shuffleReadBytes).toBeGreaterThan(0);
    expect(m.executorRunTimeMs).toBe(capture.stages.reduce((t, s) => t + s.executorRunTime, 0));
    expect(m.memorySpilledBytes + m.diskSpilledBytes).toBe(0);
    expect(m.wallTimeMs).toBeGreaterThan(0);
    expect(m.wallTimeMs).toBeLessThanOrEqual(clientMs);
    const heaviest = m.heaviestStage;
    expect(heaviest?.executorRunTimeMs).toBe(Math.max(...capture.stages.map((s) => s.executorRunTime)));
    const t = heaviest?.taskTimeMs;
    expect(t !== undefined && t.min <= t.p25 && t.p25 <= t.median && t.median <= t.p75 && t.p75 <= t.max).toBe(true);
  });

  it("links the SQL executions of the tagged jobs, with their plans", () => {
    expect(capture.sqlExecutions).toHaveLength(2);
    const jobIds = capture.jobs.map((j) => j.jobId);
    for (const e of capture.sqlExecutions) {
      for (const id of e.successJobIds) expect(jobIds).toContain(id);
      expect(e.planDescription).toContain("HashAggregate");
      expect(e.nodes?.some((n) => n.nodeName === "Exchange")).toBe(true);
    }
  });

  it("saves one file per step and reads it back", () => {
    const file = saveCapture(dir, "shuffle-step", capture);
    expect(file).toBe(join(dir, "shuffle-step.json"));
    expect(loadCapture(file)).toEqual(JSON.parse(JSON.stringify(capture)));
    expect(() => saveCapture(dir, "../escape", capture)).toThrow(/file name/);
  });

  it("fails clearly when no job carries the tag", async () => {
    await expect(captureStep(ui, { tag: "never-used", timeoutMs: 500 })).rejects.toThrow(/never-used.*no job carries it/);
  });

  it("captures a step that ran no job as empty, when told it may", async () => {
    const capture = await captureStep(ui, { tag: "never-used", mayRunNoJobs: true, timeoutMs: 5_000 });
    expect(capture.jobs).toEqual([]);
    expect(capture.metrics.jobs).toBe(0);
    expect(capture.metrics.wallTimeMs).toBe(0);
  });
});

describe("plan nodes and the stages that ran them", () => {
  it("finds the sort-merge join in the stage that reads both shuffles", async () => {
    const tag = "sparkui-join";
    spark.addTag(tag);
    const left = spark.range(0, 3000, 1, RANGE_PARTITIONS).selectExpr("id % 50 AS k", "id");
    const right = spark.range(0, 50, 1, 1).selectExpr("id AS k", "id * 2 AS v");
    await left.join(right.hint("merge"), ["k"], "left").write.format("noop").mode("overwrite").save();
    spark.removeTag(tag);
    const capture = await captureStep(ui, { tag, sessionId: spark.sessionId });

    const [joinStage, ...more] = stagesRunningNode(capture.sqlExecutions, "SortMergeJoin");
    expect(more).toEqual([]);
    const stage = capture.stages.find((s) => s.stageId === joinStage);
    expect(stage?.numTasks).toBe(SHUFFLE_PARTITIONS);
    // Both sides' shuffles are read there: all the shuffle bytes the step wrote.
    expect(stage?.shuffleReadBytes).toBe(capture.metrics.shuffleWriteBytes);
  });
});

describe("SparkUiClient", () => {
  it("reads executors, environment and storage of the application", async () => {
    const executors = await ui.executors();
    expect(executors.some((e) => e.id === "driver" && e.totalCores > 0)).toBe(true);
    const env = await ui.environment();
    expect(env.sparkProperties.find(([k]) => k === "spark.app.id")?.[1]).toBe(await ui.applicationId());
    expect(Array.isArray(await ui.rddStorage())).toBe(true);
  });

  it("reads one stage's task summary with the quantiles it asks for", async () => {
    const [job] = (await ui.jobs()).filter((j) => j.status === "SUCCEEDED");
    const stageId = job?.stageIds.at(-1) ?? -1;
    const summary = await ui.taskSummary(stageId, 0);
    expect(summary.quantiles).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(summary.executorRunTime).toHaveLength(5);
  });

  it("names the application it cannot find", async () => {
    await expect(new SparkUiClient(uiUrl(), "app-missing").jobs()).rejects.toThrow(/no application app-missing/);
  });
});
