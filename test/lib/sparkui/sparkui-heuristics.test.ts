import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { StepCapture } from "../../../src/lib/sparkui/capture";
import { broadcastOpportunity } from "../../../src/lib/sparkui/heuristics/broadcast-opportunity";
import { band, type Finding } from "../../../src/lib/sparkui/heuristics/finding";
import { gcPressure } from "../../../src/lib/sparkui/heuristics/gc-pressure";
import { idleCores } from "../../../src/lib/sparkui/heuristics/idle-cores";
import { evaluateHeuristics, parseMetricValue, totalCores } from "../../../src/lib/sparkui/heuristics";
import { partitionSizing } from "../../../src/lib/sparkui/heuristics/partition-sizing";
import { smallFiles } from "../../../src/lib/sparkui/heuristics/small-files";
import { spill } from "../../../src/lib/sparkui/heuristics/spill";
import { taskSkew } from "../../../src/lib/sparkui/heuristics/task-skew";
import { stagesRunningNode } from "../../../src/lib/sparkui/plan-stages";
import { loadCapture } from "../../../src/lib/sparkui/save";
import type { UiSqlExecution, UiSqlNode, UiStage } from "../../../src/lib/sparkui/types";

const MiB = 2 ** 20;
const FIXTURES = join(__dirname, "..", "..", "fixtures", "sparkui");

const fixture = (step: string): StepCapture => loadCapture(join(FIXTURES, `${step}.json`));
const rules = (findings: readonly Finding[], atLeast: "info" | "warning" = "warning"): string[] =>
  [...new Set(findings.filter((f) => atLeast === "info" || f.severity !== "info").map((f) => f.rule))].sort();

interface StageSpec {
  readonly stageId?: number;
  readonly numTasks?: number;
  /** Task run times (ms) at quantiles 0, 0.25, 0.5, 0.75, 1. */
  readonly taskMs?: readonly number[];
  readonly shuffleReadQuantiles?: readonly number[];
  readonly wallMs?: number;
  readonly executorRunTime?: number;
  readonly jvmGcTime?: number;
  readonly memoryBytesSpilled?: number;
  readonly inputBytes?: number;
  readonly shuffleReadBytes?: number;
  readonly shuffleWriteBytes?: number;
  readonly outputBytes?: number;
}

const zeros = [0, 0, 0, 0, 0];

/** A completed stage attempt as the REST API describes it, with only the figures a case sets. */
function stage(spec: StageSpec): UiStage {
  const start = Date.parse("2024-01-01T00:00:00Z");
  const time = (ms: number) => new Date(ms).toISOString().replace("Z", "GMT");
  const taskMs = spec.taskMs ?? [100, 100, 100, 100, 100];
  return {
    status: "COMPLETE",
    stageId: spec.stageId ?? 1,
    attemptId: 0,
    name: "synthetic",
    numTasks: spec.numTasks ?? 8,
    numCompleteTasks: spec.numTasks ?? 8,
    numFailedTasks: 0,
    submissionTime: time(start),
    completionTime: time(start + (spec.wallMs ?? 10_000)),
    executorRunTime: spec.executorRunTime ?? 1000,
    executorCpuTime: 0,
    jvmGcTime: spec.jvmGcTime ?? 0,
    memoryBytesSpilled: spec.memoryBytesSpilled ?? 0,
    diskBytesSpilled: 0,
    peakExecutionMemory: 0,
    inputBytes: spec.inputBytes ?? 0,
    inputRecords: 0,
    outputBytes: spec.outputBytes ?? 0,
    shuffleReadBytes: spec.shuffleReadBytes ?? 0,
    shuffleReadRecords: 0,
    shuffleWriteBytes: spec.shuffleWriteBytes ?? 0,
    shuffleWriteRecords: 0,
    taskMetricsDistributions: {
      quantiles: [0, 0.25, 0.5, 0.75, 1],
      duration: taskMs,
      executorRunTime: taskMs,
      jvmGcTime: zeros,
      peakExecutionMemory: zeros,
      memoryBytesSpilled: zeros,
      diskBytesSpilled: zeros,
      inputMetrics: { bytesRead: zeros, recordsRead: zeros },
      shuffleReadMetrics: { readBytes: spec.shuffleReadQuantiles ?? zeros, readRecords: zeros },
      shuffleWriteMetrics: { writeBytes: zeros, writeRecords: zeros },
    },
  };
}

const severities = (findings: readonly Finding[]) => findings.map((f) => f.severity);

describe("band", () => {
  it("gives each band's lowest value its band", () => {
    expect([0.99, 1, 1.99, 2, 2.99, 3, 100].map((v) => band(v, [1, 2, 3]))).toEqual([undefined, "info", "info", "warning", "warning", "critical", "critical"]);
  });
});

describe("task skew", () => {
  // Stage 4 s of a 10 s step (share 0.4); its slowest task 2 s of the stage's 4 s (0.5).
  const skewed = (maxMs: number, medianMs: number, extra: StageSpec = {}) =>
    taskSkew([stage({ taskMs: [10, medianMs, medianMs, medianMs, maxMs], wallMs: 4000, ...extra })], 10_000);

  it("bands max / median at 4, 8 and 16", () => {
    expect(severities(skewed(3999, 1000))).toEqual([]);
    expect(severities(skewed(2000, 500))).toEqual(["info"]);
    expect(severities(skewed(8000, 1000, { wallMs: 9000 }))).toEqual(["warning"]);
    expect(severities(skewed(16_000, 1000, { wallMs: 20_000 }))).toEqual(["critical"]);
  });

  it("needs the slowest task to take 2 s", () => {
    expect(skewed(1999, 100)).toEqual([]);
    expect(skewed(2000, 100)[0]?.evidence).toMatchObject({ maxTaskMs: 2000, medianTaskMs: 100, maxOverMedian: 20 });
  });

  it("counts a 0 ms median as 1 ms rather than ignoring the stage", () => {
    expect(severities(skewed(2000, 0))).toEqual(["critical"]);
  });

  it("needs the stage to be a fifth of the step and the task 30% of the stage", () => {
    const atShare = (stageWallMs: number, stepWallMs: number) => taskSkew([stage({ taskMs: [10, 100, 100, 100, 2000], wallMs: stageWallMs })], stepWallMs);
    expect(atShare(3999, 20_000)).toEqual([]); // 0.19995 of the step
    expect(atShare(4000, 20_000)).toHaveLength(1); // 0.2
    expect(atShare(6667, 10_000)).toEqual([]); // the task is 0.29999 of its stage
    expect(atShare(6666, 10_000)).toHaveLength(1);
  });

  it("says whether the slow task also read more data", () => {
    const byBytes = skewed(8000, 1000, { wallMs: 9000, shuffleReadQuantiles: [1, 10, 10, 10, 21] });
    expect(byBytes[0]?.suggestion).toMatch(/hot key/);
    const even = skewed(8000, 1000, { wallMs: 9000, shuffleReadQuantiles: [10, 10, 10, 10, 20] });
    expect(even[0]?.suggestion).toMatch(/costly rows/);
  });
});

describe("spill", () => {
  const spilled = (bytes: number, moved: number) => spill([stage({ memoryBytesSpilled: bytes, shuffleReadBytes: moved })]);

  it("bands spilled / largest bytes moved at 0.1, 0.25 and 0.5", () => {
    expect(severities(spilled(32 * MiB, 321 * MiB))).toEqual([]);
    expect(severities(spilled(32 * MiB, 320 * MiB))).toEqual(["info"]);
    expect(severities(spilled(32 * MiB, 128 * MiB))).toEqual(["warning"]);
    expect(severities(spilled(32 * MiB, 64 * MiB))).toEqual(["critical"]);
  });

  it("ignores spills under 32 MiB whatever the ratio", () => {
    expect(spilled(32 * MiB - 1, 1)).toEqual([]);
  });

  it("divides by the largest of input, shuffle read and write, and output", () => {
    const [finding] = spill([stage({ memoryBytesSpilled: 40 * MiB, inputBytes: 10 * MiB, shuffleWriteBytes: 160 * MiB, outputBytes: 20 * MiB })]);
    expect(finding?.evidence).toMatchObject({ largestBytesMoved: 160 * MiB, spillRatio: 0.25 });
    expect(finding?.severity).toBe("warning");
  });

  it("is critical when the stage moved no bytes at all", () => {
    const [finding] = spilled(64 * MiB, 0);
    expect(finding?.severity).toBe("critical");
    expect(finding?.evidence.spillRatio).toBe("no bytes moved");
  });
});

describe("GC pressure", () => {
  const gc = (gcMs: number, runMs: number) => gcPressure([stage({ jvmGcTime: gcMs, executorRunTime: runMs })]);

  it("bands GC / run time at 0.10, 0.15 and 0.20", () => {
    expect(severities(gc(499, 5000))).toEqual([]);
    expect(severities(gc(500, 5000))).toEqual(["info"]);
    expect(severities(gc(750, 5000))).toEqual(["warning"]);
    expect(severities(gc(1000, 5000))).toEqual(["critical"]);
  });

  it("ignores stages whose tasks ran under 5 s in total", () => {
    expect(gc(4000, 4999)).toEqual([]);
  });
});

describe("partition sizing", () => {
  const median = (ms: number) => [1, ms, ms, ms, ms];

  it("flags 1 000 tasks with a median under 500 ms, critical from 5 000", () => {
    const many = (numTasks: number, medianMs: number) =>
      partitionSizing([stage({ numTasks, taskMs: median(medianMs), shuffleReadBytes: 1 })], 2).filter((f) => f.rule === "too-many-small-tasks");
    expect(severities(many(999, 10))).toEqual([]);
    expect(severities(many(1000, 500))).toEqual([]);
    expect(severities(many(1000, 499))).toEqual(["warning"]);
    expect(severities(many(5000, 10))).toEqual(["critical"]);
  });

  it("flags a task handling 512 MiB, critical from 5 GiB", () => {
    const big = (bytes: number) => partitionSizing([stage({ numTasks: 4, shuffleReadQuantiles: [0, 0, 0, 0, bytes] })], 2);
    expect(big(512 * MiB - 1)).toEqual([]);
    expect(severities(big(512 * MiB))).toEqual(["warning"]);
    expect(severities(big(5 * 1024 * MiB))).toEqual(["critical"]);
  });

  it("flags shuffle partitions averaging over 256 MiB, suggesting 128 MiB each", () => {
    const few = (readBytes: number) => partitionSizing([stage({ numTasks: 10, shuffleReadBytes: readBytes })], 2);
    expect(few(2560 * MiB)).toEqual([]);
    const [finding] = few(2561 * MiB);
    expect(finding?.rule).toBe("shuffle-partition-size");
    expect(finding?.severity).toBe("warning");
    expect(finding?.evidence.suggestedPartitions).toBe(21); // ceil(2561 / 128)
  });

  it("flags far too many shuffle partitions only when their short tasks add up to 5 s", () => {
    // 400 MiB over 400 tasks: 1 MiB each, where max(2 cores, 400 / 128 → 4) = 4 partitions would do.
    const tiny = (spec: StageSpec) =>
      partitionSizing([stage({ numTasks: 400, shuffleReadBytes: 400 * MiB, executorRunTime: 5000, taskMs: median(100), ...spec })], 2);
    const [finding] = tiny({});
    expect(finding?.severity).toBe("info");
    expect(finding?.evidence).toMatchObject({ suggestedPartitions: 4, averagePartitionBytes: MiB });
    expect(tiny({ executorRunTime: 4999 })).toEqual([]);
    expect(tiny({ taskMs: median(500) })).toEqual([]);
    // 8 MiB: max(2 cores, 1) = 2 partitions would do; 8 is not over 4 × 2, 9 is.
    expect(tiny({ numTasks: 8, shuffleReadBytes: 8 * MiB })).toEqual([]);
    expect(tiny({ numTasks: 9, shuffleReadBytes: 8 * MiB })).toHaveLength(1);
  });
});

describe("parseMetricValue", () => {
  it("reads counts, sizes, timings and per-task totals", () => {
    expect(parseMetricValue("1,234")).toBe(1234);
    expect(parseMetricValue("0.0 B")).toBe(0);
    expect(parseMetricValue("12.5 MiB")).toBe(12.5 * MiB);
    expect(parseMetricValue("1.2 s")).toBe(1200);
    expect(parseMetricValue("total (min, med, max (stageId: taskId))\n2.3 MiB (1171.9 KiB, 1171.9 KiB, 1171.9 KiB (stage 1.0: task 16))")).toBe(2.3 * MiB);
    expect(parseMetricValue("12 parsecs")).toBeUndefined();
    expect(parseMetricValue("n/a")).toBeUndefined();
  });
});

const node = (nodeId: number, nodeName: string, metrics: Record<string, string> = {}): UiSqlNode => ({
  nodeId,
  nodeName,
  metrics: Object.entries(metrics).map(([name, value]) => ({ name, value })),
});

function execution(nodes: UiSqlNode[], edges: { fromId: number; toId: number }[] = []): UiSqlExecution {
  const base: UiSqlExecution = {
    id: 7,
    status: "COMPLETED",
    description: "",
    planDescription: "",
    submissionTime: "2024-01-01T00:00:00.000GMT",
    duration: 0,
    runningJobIds: [],
    successJobIds: [],
    failedJobIds: [],
    nodes,
  };
  return Object.assign(base, { edges });
}

describe("small files", () => {
  const scan = (files: string, size: string) =>
    smallFiles([execution([node(0, "Scan parquet ", { "number of files read": files, "size of files read": size })])]);

  it("flags over 100 files read averaging under 3 MiB, critical from 1 000", () => {
    expect(scan("100", "1.0 MiB")).toEqual([]);
    const [finding] = scan("101", "101.0 MiB");
    expect(finding?.severity).toBe("warning");
    expect(finding?.evidence).toMatchObject({ files: 101, averageFileBytes: MiB, node: "Scan parquet" });
    expect(scan("101", "303.0 MiB")).toEqual([]); // exactly 3 MiB each
    expect(severities(scan("1,000", "10.0 MiB"))).toEqual(["critical"]);
  });

  it("flags writes of many small files", () => {
    const [finding] = smallFiles([
      execution([node(0, "Execute InsertIntoHadoopFsRelationCommand", { "number of written files": "200", "written output": "2.0 MiB" })]),
    ]);
    expect(finding?.title).toMatch(/200 files written/);
    expect(finding?.suggestion).toMatch(/Write fewer, larger files/);
  });
});

describe("broadcast opportunity", () => {
  /** SortMergeJoin 4 ← Sort 2 ← Exchange 0 (left) and Sort 3 ← Exchange 1 (right). */
  const join = (left: string, right: string) =>
    execution(
      [node(0, "Exchange", { "data size": left }), node(1, "Exchange", { "data size": right }), node(2, "Sort"), node(3, "Sort"), node(4, "SortMergeJoin")],
      [
        { fromId: 0, toId: 2 },
        { fromId: 1, toId: 3 },
        { fromId: 2, toId: 4 },
        { fromId: 3, toId: 4 },
      ],
    );

  it("flags a side up to 10 MiB against a side of 16 MiB or more", () => {
    const [finding] = broadcastOpportunity([join("total (min, med, max (stageId: taskId))\n16.0 MiB (1 MiB, 1 MiB, 1 MiB (stage 1.0: task 1))", "10.0 MiB")]);
    expect(finding?.severity).toBe("warning");
    expect(finding?.evidence).toMatchObject({ smallSideBytes: 10 * MiB, largeSideBytes: 16 * MiB, sqlExecutionId: 7 });
    expect(broadcastOpportunity([join("16.0 MiB", "10.1 MiB")])).toEqual([]);
    expect(broadcastOpportunity([join("15.9 MiB", "1.0 MiB")])).toEqual([]);
  });

  it("flags a side under 100 MiB against one over 10 GiB as info", () => {
    expect(severities(broadcastOpportunity([join("10.0 GiB", "100.0 MiB")]))).toEqual(["info"]);
    expect(broadcastOpportunity([join("9.9 GiB", "100.0 MiB")])).toEqual([]);
  });

  it("judges against the threshold it is given", () => {
    expect(broadcastOpportunity([join("64.0 MiB", "20.0 MiB")], 32 * MiB)).toHaveLength(1);
  });

  it("stays silent when a side's size cannot be told", () => {
    const unsized = execution(
      [node(0, "Scan x"), node(1, "Exchange", { "data size": "1.0 MiB" }), node(4, "SortMergeJoin")],
      [
        { fromId: 0, toId: 4 },
        { fromId: 1, toId: 4 },
      ],
    );
    expect(broadcastOpportunity([unsized])).toEqual([]);
  });
});

describe("idle cores", () => {
  it("bands the unused share of wall time × cores at 0.3, 0.5 and 0.75", () => {
    // 10 s on 2 cores: 20 s of core time.
    expect(severities(idleCores(10_000, 14_001, 2))).toEqual([]);
    expect(severities(idleCores(10_000, 14_000, 2))).toEqual(["info"]);
    expect(severities(idleCores(10_000, 10_000, 2))).toEqual(["warning"]);
    expect(severities(idleCores(10_000, 5000, 2))).toEqual(["critical"]);
  });

  it("ignores steps under 5 s and unknown core counts", () => {
    expect(idleCores(4999, 0, 2)).toEqual([]);
    expect(idleCores(10_000, 0, undefined)).toEqual([]);
  });
});

describe("evaluateHeuristics on captures recorded from a real run", () => {
  it("finds the skew, the spill it causes and the broadcast that would avoid both in the skewed join", () => {
    const capture = fixture("skewed-join");
    const findings = evaluateHeuristics(capture);
    expect(rules(findings)).toEqual(["broadcast-opportunity", "spill", "task-skew"]);
    // The skewed stage is the one that ran the sort-merge join (told by the plan's metrics).
    const [joinStage] = stagesRunningNode(capture.sqlExecutions, "SortMergeJoin");
    const skew = findings.find((f) => f.rule === "task-skew" && f.severity !== "info");
    expect(skew?.stageId).toBe(joinStage);
    const raw = capture.stages.find((s) => s.stageId === joinStage)?.taskMetricsDistributions;
    expect(skew?.evidence.maxTaskMs).toBe(raw?.executorRunTime[4]);
    expect(skew?.evidence.medianTaskMs).toBe(raw?.executorRunTime[2]);
    // The 100 000-row side (k, w) is 24 bytes a shuffled row (see the sort-merge case below).
    const broadcast = findings.find((f) => f.rule === "broadcast-opportunity");
    expect(Math.abs(Number(broadcast?.evidence.smallSideBytes) - 100_000 * 24)).toBeLessThan(0.06 * MiB);
  });

  it("finds no skew once AQE splits the hot partition", () => {
    expect(rules(evaluateHeuristics(fixture("skewed-join-aqe")))).not.toContain("task-skew");
  });

  it("finds the spill of a sort over 2 partitions, and none over 32", () => {
    const capture = fixture("spilling-sort");
    const spilling = capture.stages.filter((s) => s.memoryBytesSpilled > 0);
    expect(spilling).toHaveLength(1);
    const findings = evaluateHeuristics(capture).filter((f) => f.rule === "spill");
    expect(findings.map((f) => [f.stageId, f.severity, f.evidence.memoryBytesSpilled])).toEqual([
      [spilling[0]?.stageId, "critical", spilling[0]?.memoryBytesSpilled],
    ]);
    expect(rules(evaluateHeuristics(fixture("sort-more-partitions")))).toEqual([]);
  });

  it("finds the broadcast opportunity of a sort-merge join with a 1 000-row side, not of the broadcast join", () => {
    const capture = fixture("sort-merge-small-side");
    const findings = evaluateHeuristics(capture).filter((f) => f.rule === "broadcast-opportunity");
    expect(findings).toHaveLength(1);
    // Shuffled rows are UnsafeRows: an 8-byte null bitset plus 8 bytes per long, and for a short
    // string 8 bytes of offset and length plus its bytes padded to 8. The 1 000-row side holds
    // (k, name): 32 bytes a row; the 4 M-row side (k, v): 24. The UI rounds them to 0.1 KiB / MiB.
    expect(Math.abs(Number(findings[0]?.evidence.smallSideBytes) - 1000 * 32)).toBeLessThan(0.06 * 1024);
    expect(Math.abs(Number(findings[0]?.evidence.largeSideBytes) - 4_000_000 * 24)).toBeLessThan(0.06 * MiB);
    expect(rules(evaluateHeuristics(fixture("broadcast-small-side")), "info")).not.toContain("broadcast-opportunity");
  });

  it("finds 2 000 tiny shuffle tasks and the idle cores they leave, and neither once AQE coalesces", () => {
    const capture = fixture("too-many-partitions");
    const findings = evaluateHeuristics(capture);
    expect(rules(findings)).toEqual(["idle-cores", "too-many-small-tasks"]);
    expect(findings.find((f) => f.rule === "too-many-small-tasks")?.stageId).toBe(capture.stages.find((s) => s.numTasks === 2000)?.stageId);
    expect(rules(evaluateHeuristics(fixture("coalesced-partitions")))).toEqual([]);
  });

  it("finds the 300 small files written and read back, and none after compaction", () => {
    for (const [step, direction] of [
      ["small-files-write", "written"],
      ["small-files-read", "read"],
    ] as const) {
      const found = evaluateHeuristics(fixture(step)).filter((f) => f.rule === "small-files");
      expect(found.map((f) => [f.severity, f.evidence.files])).toEqual([["warning", 300]]);
      expect(found[0]?.title).toContain(`300 files ${direction}`);
    }
    expect(rules(evaluateHeuristics(fixture("compacted-read")), "info")).toEqual([]);
  });

  it("finds nothing in a healthy aggregation", () => {
    expect(evaluateHeuristics(fixture("healthy-aggregation"))).toEqual([]);
  });

  it("lists findings most severe first", () => {
    const order = evaluateHeuristics(fixture("skewed-join")).map((f) => ["info", "warning", "critical"].indexOf(f.severity));
    expect(order).toEqual([...order].sort((a, b) => b - a));
  });

  it("takes the cores from the captured executors (local[2]), or from the options", () => {
    const capture = fixture("too-many-partitions");
    expect(totalCores(capture)).toBe(2);
    const withoutExecutors: StepCapture = { ...capture, executors: undefined };
    expect(rules(evaluateHeuristics(withoutExecutors))).toEqual(["too-many-small-tasks"]);
    expect(rules(evaluateHeuristics(withoutExecutors, { totalCores: 2 }))).toEqual(["idle-cores", "too-many-small-tasks"]);
  });

  it("keeps each recorded capture under 300 KB", () => {
    for (const step of ["skewed-join", "skewed-join-aqe", "spilling-sort", "too-many-partitions", "small-files-write"]) {
      expect(readFileSync(join(FIXTURES, `${step}.json`)).length).toBeLessThan(300_000);
    }
  });
});
