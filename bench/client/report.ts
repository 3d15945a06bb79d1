import { median } from "./stats";
import type { MeasureResult } from "./ts-client";
import type { MeasureName } from "./workload";
import { formatCount } from "../../src/lib/text/format";

/** One line of the verdict table: the TS figure against PySpark's, lower is better for both. */
export interface Comparison {
  readonly label: string;
  readonly unit: "ms" | "MiB";
  readonly ts: number;
  readonly pyspark: number;
  /** ts / pyspark: the goal is ≤ 1.0. */
  readonly ratio: number;
  /** "info" for context lines that are no goal. */
  readonly verdict: "PASS" | "MISS" | "info";
}

/** The measures that ran (INSIGHTS_BENCH_MEASURES may select a subset). */
export type Results = Partial<Readonly<Record<MeasureName, { readonly ts: MeasureResult; readonly pyspark: MeasureResult }>>> & {
  /** PySpark's toPandas(), set against the TS toArrow() figures. */
  readonly pandas?: { readonly pyspark: MeasureResult };
};

const MIB = 1024 * 1024;

export function compare(results: Results, rows: number): Comparison[] {
  const rowsLabel = `${formatCount(rows / 1e6)}M rows × 6 cols`;
  const { arrow, rows: rowFetch, trivial, pandas } = results;
  return [
    ...(arrow ? [line(`${rowsLabel} → Arrow table`, "ms", arrow.ts.medianMs, arrow.pyspark.medianMs)] : []),
    ...(rowFetch ? [line(`${rowsLabel} → row objects`, "ms", rowFetch.ts.medianMs, rowFetch.pyspark.medianMs)] : []),
    ...(trivial ? [line("trivial query round trip (median)", "ms", trivial.ts.medianMs, trivial.pyspark.medianMs)] : []),
    ...(arrow ? [line("peak RSS during Arrow fetch", "MiB", peakMiB(arrow.ts), peakMiB(arrow.pyspark))] : []),
    ...(rowFetch ? [line("peak RSS during row fetch", "MiB", peakMiB(rowFetch.ts), peakMiB(rowFetch.pyspark))] : []),
    ...(arrow && pandas
      ? [{ ...line("context: TS toArrow vs PySpark toPandas", "ms", arrow.ts.medianMs, pandas.pyspark.medianMs), verdict: "info" as const }]
      : []),
  ];
}

function line(label: string, unit: Comparison["unit"], ts: number, pyspark: number): Comparison {
  const ratio = ts / pyspark;
  return { label, unit, ts, pyspark, ratio, verdict: ratio <= 1 ? "PASS" : "MISS" };
}

/** The median per-run peak; PySpark's lifetime maxrss stands in where /proc gave no per-run peak. */
function peakMiB(result: MeasureResult): number {
  const peaks = (result.peakRssBytes ?? []).filter((p): p is number => p !== null);
  if (peaks.length > 0) return median(peaks) / MIB;
  return (result.maxrssBytes ?? Number.NaN) / MIB;
}

export function formatTable(comparisons: readonly Comparison[]): string {
  const header = ["measure", "TS client", "PySpark", "TS/PySpark", "goal ≤ 1.0"];
  const body = comparisons.map((c) => [c.label, fmt(c.ts, c.unit), fmt(c.pyspark, c.unit), c.ratio.toFixed(2), c.verdict]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)));
  const render = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join("  ");
  return [render(header), widths.map((w) => "─".repeat(w)).join("  "), ...body.map(render)].join("\n");
}

/** Raw per-run figures, so a median can be judged against its spread. */
export function formatRuns(results: Results): string {
  const out: string[] = [];
  for (const [measure, pair] of Object.entries(results)) {
    for (const r of "ts" in pair ? [pair.ts, pair.pyspark] : [pair.pyspark]) {
      const runs = r.runsMs.map((ms) => ms.toFixed(1)).join(", ");
      const peaks = r.peakRssBytes?.map((b) => (b === null ? "n/a" : (b / MIB).toFixed(0))).join(", ");
      const base = r.baselineRssBytes?.map((b) => (b === null ? "n/a" : (b / MIB).toFixed(0))).join(", ");
      const mem = peaks === undefined ? "" : `; peak RSS MiB [${peaks}] from baseline [${base ?? ""}]`;
      const maxrss = r.maxrssBytes === undefined ? "" : `; process maxrss ${(r.maxrssBytes / MIB).toFixed(0)} MiB`;
      out.push(`  ${measure.padEnd(7)} ${r.client.padEnd(7)} ${r.method}: runs ms [${runs}]${mem}${maxrss}`);
    }
  }
  return out.join("\n");
}

function fmt(value: number, unit: Comparison["unit"]): string {
  return `${value.toFixed(unit === "ms" && value < 100 ? 2 : 0)} ${unit}`;
}
