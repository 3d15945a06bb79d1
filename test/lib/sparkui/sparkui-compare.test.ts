import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { StepCapture } from "../../../src/lib/sparkui/capture";
import { compareSteps } from "../../../src/lib/sparkui/compare";
import { formatComparison } from "../../../src/lib/sparkui/format-comparison";
import { formatFindings } from "../../../src/lib/sparkui/format-findings";
import { loadCapture } from "../../../src/lib/sparkui/save";
import { parseUiTime } from "../../../src/lib/sparkui/types";

const fixture = (step: string): StepCapture => loadCapture(join(__dirname, "..", "..", "fixtures", "sparkui", `${step}.json`));

/** First job submission → last job completion, recomputed from the raw jobs. */
function wallMs(capture: StepCapture): number {
  const starts = capture.jobs.map((j) => parseUiTime(j.submissionTime ?? ""));
  const ends = capture.jobs.map((j) => parseUiTime(j.completionTime ?? ""));
  return Math.max(...ends) - Math.min(...starts);
}

describe("compareSteps on a recorded before/after pair (sort over 2, then 32 shuffle partitions)", () => {
  const before = fixture("spilling-sort");
  const after = fixture("sort-more-partitions");
  const comparison = compareSteps(before, after);

  it("puts the wall times side by side with their ratio", () => {
    expect(comparison.before.wallTimeMs).toBe(wallMs(before));
    expect(comparison.after.wallTimeMs).toBe(wallMs(after));
    expect(comparison.wallTimeRatio).toBeCloseTo(wallMs(after) / wallMs(before), 10);
    expect(comparison.wallTimeRatio).toBeLessThan(1);
  });

  it("sums spill and shuffle over the stages and reads the heaviest stage's quantiles", () => {
    const spilled = (c: StepCapture) => c.stages.reduce((sum, s) => sum + s.memoryBytesSpilled, 0);
    expect(comparison.before.memorySpilledBytes).toBe(spilled(before));
    expect(comparison.before.memorySpilledBytes).toBeGreaterThan(0);
    expect(comparison.after.memorySpilledBytes).toBe(0);
    expect(comparison.after.shuffleReadBytes).toBe(after.stages.reduce((sum, s) => sum + s.shuffleReadBytes, 0));
    const heaviest = [...after.stages].sort((a, b) => b.executorRunTime - a.executorRunTime)[0];
    expect(comparison.after.heaviestStage?.stageId).toBe(heaviest?.stageId);
    const t = comparison.after.heaviestStage?.taskTimeMs;
    expect(t && [t.min, t.p25, t.median, t.p75, t.max]).toEqual(heaviest?.taskMetricsDistributions?.executorRunTime);
    // The sort's reduce stage ran 2 tasks before and 32 after.
    expect(before.stages.map((s) => s.numTasks)).toContain(2);
    expect(comparison.after.tasks - comparison.before.tasks).toBe(32 - 2);
  });

  it("says which warnings the change resolved", () => {
    expect(comparison.resolvedRules).toEqual(["spill"]);
    expect(comparison.newRules).toEqual([]);
  });

  it("formats as a markdown table and a resolved line", () => {
    const text = formatComparison(comparison);
    const lines = text.split("\n");
    expect(lines[0]).toBe("|  | before: spilling-sort | after: sort-more-partitions | after / before |");
    expect(lines.filter((l) => l.startsWith("|"))).toHaveLength(2 + 10);
    expect(text).toContain(
      `| wall time | ${(wallMs(before) / 1000).toFixed(1)} s | ${(wallMs(after) / 1000).toFixed(1)} s | ×${(wallMs(after) / wallMs(before)).toFixed(2)} |`,
    );
    expect(text).toContain("| warnings | spill (critical) | none |");
    expect(text.endsWith("Resolved: `spill`. New: none.")).toBe(true);
  });

  it("gives no ratio when the before step took no time", () => {
    const empty = { ...before, jobs: [], stages: [], metrics: { ...before.metrics, wallTimeMs: 0 } };
    expect(compareSteps(empty, after).wallTimeRatio).toBeNull();
  });
});

describe("formatFindings", () => {
  it("says when there is nothing to report", () => {
    expect(formatFindings([])).toMatch(/^No findings/);
  });

  it("writes one escaped row per finding, evidence as name=value pairs", () => {
    const text = formatFindings([
      { rule: "spill", severity: "warning", stageId: 3, title: "a | b", evidence: { bytes: 10, note: "x" }, suggestion: "use *more* partitions" },
      { rule: "idle-cores", severity: "info", title: "idle", evidence: {}, suggestion: "s" },
    ]);
    expect(text.split("\n")).toEqual([
      "| Severity | Rule | Stage | Finding | Evidence | Suggestion |",
      "| --- | --- | --- | --- | --- | --- |",
      "| warning | spill | 3 | a \\| b | bytes=10, note=x | use \\*more\\* partitions |",
      "| info | idle-cores |  | idle |  | s |",
    ]);
  });
});
