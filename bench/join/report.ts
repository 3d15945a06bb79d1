import { codeBlock, inlineCode } from "../../src/lib/text/markdown";
import type { StepCapture } from "../../src/lib/sparkui";
import type { VariantRun } from "../../src/jobs/experiments/run-join-variant";
import { formatCount, formatMiB } from "../../src/lib/text/format";

/** One line of the table; totals are over the measurement and join steps. */
export interface Summary {
  readonly variant: string;
  readonly strategy: string;
  /** UI wall time, job submission → completion, measurements included. */
  readonly wallMs: number;
  readonly measureWallMs: number;
  readonly clientMs: number;
  /** wallMs / naive's wallMs. */
  readonly ratio: number;
  readonly clientRatio: number;
  readonly joinStageId: number | undefined;
  readonly joinStageTasks: number | undefined;
  readonly joinMedianMs: number | undefined;
  readonly joinMaxMs: number | undefined;
  readonly joinMaxOverMedian: number | null;
  readonly shuffleReadBytes: number;
  readonly shuffleWriteBytes: number;
  readonly spillBytes: number;
  readonly tasks: number;
  readonly loadAtStart: number;
}

export interface Verdict {
  readonly goal: string;
  readonly measured: string;
  readonly verdict: "PASS" | "MISS";
}

export function summarise(run: VariantRun, naive: VariantRun): Summary {
  const steps = [run.capture, ...(run.measureCapture === undefined ? [] : [run.measureCapture])];
  const total = (f: (c: StepCapture) => number): number => steps.reduce((t, c) => t + f(c), 0);
  const wall = (r: VariantRun): number => r.capture.metrics.wallTimeMs + (r.measureCapture?.metrics.wallTimeMs ?? 0);
  const client = (r: VariantRun): number => r.clientPlanMs + r.clientJoinMs;
  const stage = run.joinStage?.stage;
  return {
    variant: run.name,
    strategy: run.strategy,
    wallMs: wall(run),
    measureWallMs: run.measureCapture?.metrics.wallTimeMs ?? 0,
    clientMs: client(run),
    ratio: wall(run) / wall(naive),
    clientRatio: client(run) / client(naive),
    joinStageId: stage?.stageId,
    joinStageTasks: stage?.numTasks,
    joinMedianMs: stage?.taskTimeMs?.median,
    joinMaxMs: stage?.taskTimeMs?.max,
    joinMaxOverMedian: stage?.maxOverMedian ?? null,
    shuffleReadBytes: total((c) => c.metrics.shuffleReadBytes),
    shuffleWriteBytes: total((c) => c.metrics.shuffleWriteBytes),
    spillBytes: total((c) => c.metrics.memorySpilledBytes + c.metrics.diskSpilledBytes),
    tasks: total((c) => c.metrics.tasks),
    loadAtStart: run.loadAtStart,
  };
}

/** The benchmark's three goals, judged on the optimised run. */
export function verdicts(naive: Summary, optimised: Summary, heap: string): Verdict[] {
  const skew = optimised.joinMaxOverMedian;
  return [
    {
      goal: "optimised wall time ≤ 1/3 of naive",
      measured: `${optimised.ratio.toFixed(3)} (UI: ${seconds(optimised.wallMs)} vs ${seconds(naive.wallMs)}; client: ${optimised.clientRatio.toFixed(3)}; join alone, without measuring: ${((optimised.wallMs - optimised.measureWallMs) / naive.wallMs).toFixed(3)})`,
      verdict: optimised.ratio <= 1 / 3 ? "PASS" : "MISS",
    },
    {
      goal: "join stage max/median task time ≤ 3",
      measured: skew === null ? "n/a (no median task time)" : `${skew.toFixed(2)} (naive ${naive.joinMaxOverMedian?.toFixed(2) ?? "n/a"})`,
      verdict: skew !== null && skew <= 3 ? "PASS" : "MISS",
    },
    {
      goal: `no spill at ${heap} heap`,
      measured: `${formatMiB(optimised.spillBytes)} (naive ${formatMiB(naive.spillBytes)})`,
      verdict: optimised.spillBytes === 0 ? "PASS" : "MISS",
    },
  ];
}

export function formatTable(summaries: readonly Summary[]): string {
  const header = [
    "variant",
    "strategy",
    "wall (UI)",
    "of which measuring",
    "client elapsed",
    "÷ naive (UI / client)",
    "join stage (tasks)",
    "join task median / max",
    "max/median",
    "shuffle read",
    "shuffle write",
    "spill",
    "tasks",
    "load at start",
  ];
  const rows = summaries.map((s) => [
    s.variant,
    s.strategy,
    seconds(s.wallMs),
    s.measureWallMs === 0 ? "–" : seconds(s.measureWallMs),
    seconds(s.clientMs),
    `${s.ratio.toFixed(3)} / ${s.clientRatio.toFixed(3)}`,
    s.joinStageId === undefined ? "?" : `${s.joinStageId} (${s.joinStageTasks ?? "?"})`,
    s.joinMedianMs === undefined || s.joinMaxMs === undefined ? "?" : `${seconds(s.joinMedianMs)} / ${seconds(s.joinMaxMs)}`,
    s.joinMaxOverMedian === null ? "n/a" : s.joinMaxOverMedian.toFixed(2),
    formatMiB(s.shuffleReadBytes),
    formatMiB(s.shuffleWriteBytes),
    formatMiB(s.spillBytes),
    String(s.tasks),
    s.loadAtStart.toFixed(1),
  ]);
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

export function formatVerdicts(list: readonly Verdict[]): string {
  return ["| goal | measured | verdict |", "| --- | --- | --- |", ...list.map((v) => `| ${v.goal} | ${v.measured} | ${v.verdict} |`)].join("\n");
}

export interface MarkdownReport {
  readonly title: string;
  /** Setup lines (data, server, host). */
  readonly setup: readonly string[];
  readonly summaries: readonly Summary[];
  readonly verdicts: readonly Verdict[];
  readonly runs: readonly VariantRun[];
  /** Variants whose plans are printed in full (the others are in the plan files). */
  readonly planVariants: readonly string[];
}

export function formatMarkdown(report: MarkdownReport): string {
  const choices = report.runs.map((r) => {
    const m = r.measurements;
    const measured = m === undefined ? "" : ` Measured: ${measuredText(m)}.`;
    return `- **${r.name}** (${r.description}): ${r.strategy} — ${r.reason}.${measured} Join stage: ${r.joinStage?.pickedBy ?? "none found"}.`;
  });
  const plans = report.runs
    .filter((r) => report.planVariants.includes(r.name))
    .flatMap((r) => [
      `### ${r.name}: explain() before the run`,
      "",
      codeBlock(r.explain),
      "",
      `### ${r.name}: executed plan (Spark UI, SQL tab)`,
      "",
      ...r.executedPlans.map((plan) => codeBlock(plan)),
      "",
    ]);
  return [
    `# ${report.title}`,
    "",
    ...report.setup.map((line) => `- ${line}`),
    "",
    "## Results",
    "",
    formatTable(report.summaries),
    "",
    "Wall (UI) is the first job's submission to the last job's completion in the Spark UI, measurement jobs included; client elapsed is the same steps timed in the client. Shuffle, spill and task totals cover all the variant's stages. Load at start is the host's 1-minute load average (2 cores): compare variants only at similar load.",
    "",
    "## Goals (optimised run)",
    "",
    formatVerdicts(report.verdicts),
    "",
    "## Strategies",
    "",
    ...choices,
    "",
    "## Plans",
    "",
    ...plans,
  ].join("\n");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function measuredText(m: NonNullable<VariantRun["measurements"]>): string {
  const size = m.metadataBytes === undefined ? [] : [`deduplicated metadata ≈ ${formatMiB(m.metadataBytes)}`];
  const keys = m.hotKeys;
  const hot =
    keys === null
      ? "hot keys not searched (a broadcast join cannot be skewed)"
      : `${String(keys.keys.length)} hot key(s) over ${formatCount(keys.threshold)} rows (hottest ${formatCount(keys.hottestRows)} rows: ${keys.keys.slice(0, 5).map(inlineCode).join(", ")})`;
  return [...size, hot].join(", ");
}
