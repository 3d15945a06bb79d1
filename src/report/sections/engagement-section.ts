import type { Row } from "../../connect";
import { hllStandardError } from "../../domain/analyses/engagement/approximation-error";
import type { DauRow, RetentionRow } from "../../jobs/analyze/metric-tables";

/** dau.csv in long form, one row per (date, measure), for a line per measure. */
export function activeUsersSeries(dau: readonly DauRow[]): { date: string; measure: string; users: number }[] {
  return dau.flatMap((row) =>
    (["dau", "wau", "mau"] as const).map((measure) => ({ date: row.date, measure: measure.toUpperCase(), users: row[measure] })),
  );
}

/** Mean, minimum and maximum of the DAU/MAU ratio over the days that have one. */
export function stickiness(dau: readonly DauRow[]): { days: number; mean: number; min: number; max: number } {
  const ratios = dau.map((row) => row.dau_mau_ratio).filter((value) => value !== null);
  if (ratios.length === 0) return { days: 0, mean: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { days: ratios.length, mean: ratios.reduce((a, b) => a + b, 0) / ratios.length, min: Math.min(...ratios), max: Math.max(...ratios) };
}

export interface ApproximationSummary {
  readonly days: number;
  readonly meanRelativeError: number;
  readonly maxRelativeError: number;
  /** HyperLogLog++'s standard error for the sketch size used. */
  readonly expectedStandardError: number;
}

/** approximateDauError's rows summed up: the mean and worst relative error over the days with users. */
export function approximationSummary(rows: readonly Row[], lgConfigK: number): ApproximationSummary {
  const errors = rows.map((row) => row.relative_error).filter((value): value is number => typeof value === "number");
  return {
    days: errors.length,
    meanRelativeError: errors.reduce((a, b) => a + b, 0) / Math.max(1, errors.length),
    maxRelativeError: Math.max(0, ...errors),
    expectedStandardError: hllStandardError(lgConfigK),
  };
}

/** retention.csv's weighted average curve: per week_offset, Σ retained / Σ cohort_size over elapsed cells. */
export function retentionCurveRows(cells: readonly RetentionRow[]): { week_offset: number; cohorts: number; users: number; rate: number }[] {
  const byOffset = new Map<number, { cohorts: number; users: number; retained: number }>();
  for (const cell of cells) {
    if (cell.retained === null || cell.cohort_size === 0) continue;
    const sum = byOffset.get(cell.week_offset) ?? { cohorts: 0, users: 0, retained: 0 };
    byOffset.set(cell.week_offset, { cohorts: sum.cohorts + 1, users: sum.users + cell.cohort_size, retained: sum.retained + cell.retained });
  }
  return [...byOffset.entries()].sort(([a], [b]) => a - b).map(([offset, sum]) => ({ week_offset: offset, cohorts: sum.cohorts, users: sum.users, rate: sum.retained / sum.users }));
}
