import type { Row } from "../../connect";
import type { HistogramBin } from "../charts/histogram";

/** Bars in the duration histogram; the last one also holds every longer session. */
export const DURATION_BINS = 40;
/** Actions per session shown one by one; more are pooled in the last bar. */
export const MAX_ACTIONS_SHOWN = 20;

/** The bin width for `DURATION_BINS` bins up to `upToMs` (the p99, say), in whole seconds so edges read as clean minutes. */
export function durationBinMs(upToMs: number): number {
  return Math.max(1000, Math.ceil(upToMs / DURATION_BINS / 1000) * 1000);
}

/** sessionDurationBins' rows as every bin of the histogram (empty bins as zero), edges in minutes. */
export function durationHistogram(rows: readonly Row[], binMs: number): { bins: HistogramBin[]; overflow: number } {
  const counts = new Map(rows.map((row) => [Number(row.bin), Number(row.sessions)]));
  const bins = Array.from({ length: DURATION_BINS }, (_, index) => ({ start: (index * binMs) / 60_000, end: ((index + 1) * binMs) / 60_000, count: counts.get(index) ?? 0 }));
  return { bins, overflow: counts.get(DURATION_BINS - 1) ?? 0 };
}

/** actionsPerSession's rows as bars, the pooled last one labelled `21+`. */
export function actionsBars(rows: readonly Row[]): { actions: string; sessions: number }[] {
  return rows.map((row) => ({ actions: Number(row.actions) > MAX_ACTIONS_SHOWN ? `${MAX_ACTIONS_SHOWN + 1}+` : String(row.actions), sessions: Number(row.sessions) }));
}

/** sessionSummaryByDimension's rows for the table: durations in minutes, rates rounded. */
export function summaryByDimensionRows(rows: readonly Row[]): Record<string, string | number>[] {
  const round = (value: unknown): number => Math.round(Number(value) * 100) / 100;
  return rows.map((row) => ({
    dimension: String(row.dimension),
    value: String(row.value),
    sessions: Number(row.sessions),
    p50_min: round(Number(row.p50_duration_ms) / 60_000),
    p90_min: round(Number(row.p90_duration_ms) / 60_000),
    mean_actions: round(row.mean_actions),
    per_user_week: round(row.sessions_per_user_week),
    per_user_day: round(row.sessions_per_user_day),
  }));
}
