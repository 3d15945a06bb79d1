import type { StepCapture } from "./capture";
import { evaluateHeuristics, type Finding, type HeuristicOptions } from "./heuristics";
import type { TaskTimeQuantiles } from "./step-metrics";

/** One side of a before/after comparison: the figures a reader compares, from one capture. */
export interface StepFigures {
  readonly tag: string;
  readonly wallTimeMs: number;
  readonly executorRunTimeMs: number;
  readonly gcTimeMs: number;
  readonly stages: number;
  readonly tasks: number;
  readonly shuffleReadBytes: number;
  readonly shuffleWriteBytes: number;
  readonly memorySpilledBytes: number;
  readonly diskSpilledBytes: number;
  /** The stage with the most task time, its task count and task-time quantiles (ms). */
  readonly heaviestStage: { readonly stageId: number; readonly tasks: number; readonly taskTimeMs: TaskTimeQuantiles | undefined } | undefined;
  readonly findings: readonly Finding[];
}

/** The same step run two ways (naive and optimised), side by side. */
export interface StepComparison {
  readonly before: StepFigures;
  readonly after: StepFigures;
  /** after / before wall time: under 1 is faster. Null when the before step took no time. */
  readonly wallTimeRatio: number | null;
  /** Rules with a warning or worse before and none after (info findings are not counted). */
  readonly resolvedRules: readonly string[];
  /** Rules with a warning or worse after and none before. */
  readonly newRules: readonly string[];
}

/** Compares two captures of the same step: wall time, task time, shuffle, spill, partitions and findings. */
export function compareSteps(before: StepCapture, after: StepCapture, options: HeuristicOptions = {}): StepComparison {
  const b = figures(before, options);
  const a = figures(after, options);
  const rules = (f: StepFigures): Set<string> => new Set(f.findings.filter((x) => x.severity !== "info").map((x) => x.rule));
  const [rb, ra] = [rules(b), rules(a)];
  return {
    before: b,
    after: a,
    wallTimeRatio: b.wallTimeMs === 0 ? null : a.wallTimeMs / b.wallTimeMs,
    resolvedRules: [...rb].filter((r) => !ra.has(r)).sort(),
    newRules: [...ra].filter((r) => !rb.has(r)).sort(),
  };
}

function figures(capture: StepCapture, options: HeuristicOptions): StepFigures {
  const m = capture.metrics;
  return {
    tag: capture.tag,
    wallTimeMs: m.wallTimeMs,
    executorRunTimeMs: m.executorRunTimeMs,
    gcTimeMs: m.gcTimeMs,
    stages: m.stages,
    tasks: m.tasks,
    shuffleReadBytes: m.shuffleReadBytes,
    shuffleWriteBytes: m.shuffleWriteBytes,
    memorySpilledBytes: m.memorySpilledBytes,
    diskSpilledBytes: m.diskSpilledBytes,
    heaviestStage:
      m.heaviestStage === undefined ? undefined : { stageId: m.heaviestStage.stageId, tasks: m.heaviestStage.numTasks, taskTimeMs: m.heaviestStage.taskTimeMs },
    findings: evaluateHeuristics(capture, options),
  };
}
