import type { Disagreement } from "./compare";
import { formatCount, formatMiB } from "../../src/lib/text/format";

/** One analysis at one size, both engines. */
export interface AnalysisFigures {
  readonly name: string;
  /** Spark, client elapsed (planning, jobs and result transfer): what the ratio uses. */
  readonly sparkMs: number;
  /** Spark UI wall time: the step's first job submission to its last job's completion. */
  readonly sparkUiMs: number;
  /** DuckDB, wall clock around its statements (results read into JS). */
  readonly duckdbMs: number;
  /** sparkMs / duckdbMs. */
  readonly ratio: number;
  /** Spark memory + disk spill, summed over the step's stages. */
  readonly spillBytes: number;
  readonly shuffleReadBytes: number;
  readonly shuffleWriteBytes: number;
  readonly jobs: number;
  readonly tasks: number;
  /** The stage with the most executor time, where Spark's time went. */
  readonly heaviestStage: { readonly stageId: number; readonly tasks: number; readonly executorRunTimeMs: number } | undefined;
  readonly loadAtStart: number;
  readonly disagreements: readonly Disagreement[];
}

/** One size's run. */
export interface SizeResult {
  /** Interactions the generator was asked for, and the valid ones both engines read. */
  readonly requestedRows: number;
  readonly rows: number;
  readonly analyses: readonly AnalysisFigures[];
  readonly total: {
    readonly sparkMs: number;
    readonly sparkUiMs: number;
    readonly duckdbMs: number;
    readonly ratio: number;
    readonly spillBytes: number;
    readonly shuffleBytes: number;
  };
  /** Driver (the one executor in local mode) peak JVM heap over the server's life; null if the UI reported none. */
  readonly sparkPeakHeapBytes: number | null;
  /** DuckDB worker's peak RSS, and its RSS before DuckDB loaded. */
  readonly duckdbMaxRssBytes: number;
  readonly duckdbBaselineRssBytes: number;
  readonly loadAtStart: readonly number[];
  readonly loadAtEnd: readonly number[];
}

/** Per analysis (and "all"), how time grew from the smallest size to the largest. */
export interface Growth {
  readonly name: string;
  readonly rowRatio: number;
  readonly sparkRatio: number;
  readonly duckdbRatio: number;
}

export interface Verdict {
  readonly goal: string;
  readonly measured: string;
  readonly verdict: "PASS" | "MISS" | "FAIL";
}

/** Sums the analyses of one size. */
export function totals(analyses: readonly AnalysisFigures[]): SizeResult["total"] {
  const sum = (f: (a: AnalysisFigures) => number): number => analyses.reduce((t, a) => t + f(a), 0);
  const sparkMs = sum((a) => a.sparkMs);
  const duckdbMs = sum((a) => a.duckdbMs);
  return {
    sparkMs,
    sparkUiMs: sum((a) => a.sparkUiMs),
    duckdbMs,
    ratio: sparkMs / duckdbMs,
    spillBytes: sum((a) => a.spillBytes),
    shuffleBytes: sum((a) => a.shuffleReadBytes + a.shuffleWriteBytes),
  };
}

/** Time growth from the smallest to the largest size, per analysis and for the whole set; empty with one size. */
export function growth(sizes: readonly SizeResult[]): Growth[] {
  if (sizes.length < 2) return [];
  const sorted = [...sizes].sort((a, b) => a.rows - b.rows);
  const small = sorted[0];
  const large = sorted.at(-1);
  if (small === undefined || large === undefined) return [];
  const rowRatio = large.rows / small.rows;
  const perAnalysis = large.analyses.flatMap((a) => {
    const before = small.analyses.find((b) => b.name === a.name);
    return before === undefined ? [] : [{ name: a.name, rowRatio, sparkRatio: a.sparkMs / before.sparkMs, duckdbRatio: a.duckdbMs / before.duckdbMs }];
  });
  return [
    ...perAnalysis,
    { name: "all", rowRatio, sparkRatio: large.total.sparkMs / small.total.sparkMs, duckdbRatio: large.total.duckdbMs / small.total.duckdbMs },
  ];
}

/** The goals, judged at each size: the whole set within 3× DuckDB, no spill, and the engines agreeing. */
export function verdicts(sizes: readonly SizeResult[], heap: string): Verdict[] {
  return sizes.flatMap((s) => {
    const label = rowsLabel(s.rows);
    const disagreements = s.analyses.reduce((n, a) => n + a.disagreements.length, 0);
    return [
      {
        goal: `${label}: whole set ≤ 3× DuckDB`,
        measured: `${s.total.ratio.toFixed(2)}× (${seconds(s.total.sparkMs)} vs ${seconds(s.total.duckdbMs)})`,
        verdict: s.total.ratio <= 3 ? "PASS" : "MISS",
      },
      {
        goal: `${label}: no spill at ${heap} heap`,
        measured: `${formatMiB(s.total.spillBytes)} spilled; peak heap ${s.sparkPeakHeapBytes === null ? "n/a" : formatMiB(s.sparkPeakHeapBytes)}`,
        verdict: s.total.spillBytes === 0 ? "PASS" : "MISS",
      },
      {
        goal: `${label}: Spark and DuckDB results agree`,
        measured:
          disagreements === 0
            ? "all tables agree"
            : `${disagreements} disagreement(s): ${s.analyses
                .filter((a) => a.disagreements.length > 0)
                .map((a) => a.name)
                .join(", ")}`,
        verdict: disagreements === 0 ? "PASS" : "FAIL",
      },
    ];
  });
}

/** The per-analysis table of one size, with a total row. */
export function formatSizeTable(size: SizeResult): string {
  const header = [
    "analysis",
    "Spark",
    "Spark (UI)",
    "DuckDB",
    "Spark ÷ DuckDB",
    "spill",
    "shuffle read / write",
    "jobs",
    "tasks",
    "heaviest stage (tasks, executor time)",
    "load at start",
    "agree",
  ];
  const rows = size.analyses.map((a) => [
    a.name,
    seconds(a.sparkMs),
    seconds(a.sparkUiMs),
    seconds(a.duckdbMs),
    `${a.ratio.toFixed(2)}×`,
    formatMiB(a.spillBytes),
    `${formatMiB(a.shuffleReadBytes)} / ${formatMiB(a.shuffleWriteBytes)}`,
    String(a.jobs),
    String(a.tasks),
    a.heaviestStage === undefined ? "–" : `${a.heaviestStage.stageId} (${a.heaviestStage.tasks}, ${seconds(a.heaviestStage.executorRunTimeMs)})`,
    a.loadAtStart.toFixed(1),
    a.disagreements.length === 0 ? "yes" : `**NO (${a.disagreements.length})**`,
  ]);
  const t = size.total;
  const total = [
    "**all**",
    seconds(t.sparkMs),
    seconds(t.sparkUiMs),
    seconds(t.duckdbMs),
    `**${t.ratio.toFixed(2)}×**`,
    formatMiB(t.spillBytes),
    `${formatMiB(t.shuffleBytes)} (r+w)`,
    "",
    "",
    "",
    "",
    "",
  ];
  return table(header, [...rows, total]);
}

export function formatGrowth(list: readonly Growth[]): string {
  return table(
    ["analysis", "rows ×", "Spark time ×", "DuckDB time ×"],
    list.map((g) => [g.name, g.rowRatio.toFixed(2), g.sparkRatio.toFixed(2), g.duckdbRatio.toFixed(2)]),
  );
}

export function formatVerdicts(list: readonly Verdict[]): string {
  return table(
    ["goal", "measured", "verdict"],
    list.map((v) => [v.goal, v.measured, v.verdict]),
  );
}

/** Every disagreement, spelled out (capped per analysis so a broken run stays readable). */
export function formatDisagreements(sizes: readonly SizeResult[], limit = 20): string {
  const lines = sizes.flatMap((s) =>
    s.analyses.flatMap((a) => [
      ...a.disagreements
        .slice(0, limit)
        .map(
          (d) =>
            `- ${rowsLabel(s.rows)} ${a.name}: ${d.table}[${d.row}].${d.column}: Spark ${JSON.stringify(d.spark)} vs DuckDB ${JSON.stringify(d.duckdb)} — ${d.why}`,
        ),
      ...(a.disagreements.length > limit ? [`- ${rowsLabel(s.rows)} ${a.name}: … ${a.disagreements.length - limit} more`] : []),
    ]),
  );
  return lines.length === 0 ? "None: every result table agrees." : lines.join("\n");
}

export function rowsLabel(rows: number): string {
  return rows >= 1e6 ? `${(rows / 1e6).toFixed(rows % 1e6 === 0 ? 0 : 2)}M rows` : `${formatCount(rows)} rows`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
