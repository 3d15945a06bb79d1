import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { CHROMIUM_INSTALL_HINT, findChromium, requireChromium } from "../../src/report/browser/chromium";
import { SCREENSHOT_WIDTH, screenshotSparkUi, type SparkUiScreenshot } from "../../src/report/browser/spark-ui-screenshots";
import { captureStep, type StepCapture } from "../../src/lib/sparkui/capture";
import { SparkUiClient } from "../../src/lib/sparkui/client";
import { uiUrl, useSpark } from "../support/spark";

const TAG = "screenshot-join";
const MAX_HEIGHT = 3000;
const SHUFFLE_PARTITIONS = 3;

/** Width and height from a PNG's IHDR chunk, which follows the 8-byte signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("findChromium", () => {
  it("follows INSIGHTS_CHROMIUM, and says how to install Chromium when there is none", () => {
    expect(findChromium({ INSIGHTS_CHROMIUM: process.execPath })).toBe(process.execPath);
    expect(findChromium({ INSIGHTS_CHROMIUM: "/nonexistent/chromium", PATH: "/usr/bin" })).toBeUndefined();
    expect(() => requireChromium({ INSIGHTS_CHROMIUM: "/nonexistent/chromium" })).toThrow(/INSIGHTS_CHROMIUM=\/nonexistent\/chromium is not an executable/);
    expect(() => requireChromium({ PATH: "/nonexistent" })).toThrow(CHROMIUM_INSTALL_HINT);
  });
});

// Without Chromium the screenshots are skipped locally; CI installs it, so there they must run.
describe.skipIf(findChromium() === undefined && !process.env.CI)("screenshotSparkUi", () => {
  const spark = useSpark();
  let dir: string;
  let capture: StepCapture;
  let shots: SparkUiScreenshot[];
  let stageId: number;
  let attemptId: number;
  let sqlId: number;

  beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "insights-ui-shots-"));
    await spark.conf.set("spark.sql.shuffle.partitions", SHUFFLE_PARTITIONS);
    // Without AQE the merge hint stays a sort-merge join (AQE could turn the small side into a broadcast).
    await spark.conf.set("spark.sql.adaptive.enabled", false);
    spark.addTag(TAG);
    const events = spark.range(0, 4000, 1, 2).selectExpr("id % 40 AS k", "id");
    const versions = spark.range(0, 40, 1, 1).selectExpr("id AS k", "concat('1.', id) AS app_version");
    await events.join(versions.hint("merge"), ["k"], "left").write.format("noop").mode("overwrite").save();
    spark.removeTag(TAG);
    capture = await captureStep(new SparkUiClient(uiUrl()), { tag: TAG, sessionId: spark.sessionId });
    const heaviest = capture.metrics.heaviestStage;
    const joinQuery = capture.sqlExecutions.find((e) => e.planDescription.includes("SortMergeJoin"));
    if (heaviest === undefined || joinQuery === undefined) throw new Error("the join step ran no stage or no sort-merge join");
    ({ stageId, attemptId } = heaviest);
    sqlId = joinQuery.id;
    shots = await screenshotSparkUi(uiUrl(), { jobs: true, stage: { id: stageId, attempt: attemptId }, sqlExecutionId: sqlId }, dir, { maxHeight: MAX_HEIGHT });
  });

  afterAll(() => {
    spark.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes one PNG per page under a fixed name", () => {
    expect(shots.map((s) => s.name)).toEqual(["spark-ui-jobs.png", `spark-ui-stage-${stageId}.png`, `spark-ui-sql-${sqlId}.png`]);
    for (const shot of shots) {
      expect(shot.path).toBe(join(dir, shot.name));
      expect(existsSync(shot.path)).toBe(true);
    }
    expect(shots.map((s) => s.title)).toEqual(["Spark UI: jobs", `Spark UI: stage ${stageId} (attempt ${attemptId})`, `Spark UI: SQL query ${sqlId}`]);
  });

  it("captures the full width and a page height cut at the limit", () => {
    for (const shot of shots) {
      const { width, height } = pngSize(shot.path);
      expect(width).toBe(SCREENSHOT_WIDTH);
      expect(height).toBeGreaterThan(200);
      expect(height).toBeLessThanOrEqual(MAX_HEIGHT);
    }
  });

  it("shows the jobs list with at least the step's jobs completed", () => {
    const text = shots[0]?.text ?? "";
    // "Completed Jobs (N)", or "(N, only showing M)" once a long-lived server evicted old jobs.
    const completed = Number(/Completed Jobs \((\d+)/.exec(text)?.[1]);
    expect(completed).toBeGreaterThanOrEqual(capture.jobs.filter((j) => j.status === "SUCCEEDED").length);
  });

  it("shows the heaviest stage's details, loaded, with its task count", () => {
    const stage = capture.stages.find((s) => s.stageId === stageId && s.attemptId === attemptId);
    const text = shots[1]?.text ?? "";
    expect(text).toContain(`Details for Stage ${stageId} (Attempt ${attemptId})`);
    expect(text).toContain(`Tasks (${stage?.numTasks ?? -1})`);
    expect(text).toContain(`Summary Metrics for ${stage?.numCompleteTasks ?? -1} Completed Tasks`);
  });

  it("shows the join's SQL plan with the sort-merge join unfolded", () => {
    const text = shots[2]?.text ?? "";
    expect(text).toContain(`Details for Query ${sqlId}`);
    expect(text).toContain("SortMergeJoin");
    expect(text).toContain("Join type: LeftOuter");
  });

  it("fails clearly for a page the UI does not have", async () => {
    await expect(screenshotSparkUi(uiUrl(), { jobs: true, stage: { id: 999_999, attempt: 0 } }, dir, { timeoutMs: 30_000 })).rejects.toThrow(/no information for .*id=999999&attempt=0/);
  });
});
