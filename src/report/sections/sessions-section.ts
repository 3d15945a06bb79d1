import { functions as F, type DataFrame } from "../../connect";
import { DEFAULT_SESSIONS } from "../../domain/analyses/definitions";
import { sessionSummary, SESSION_DIMENSIONS } from "../../domain/analyses/sessions/session-summary";
import type { HistogramBin } from "../charts/histogram";

/** Bars in the duration histogram; the last one also holds every longer session. */
const DURATION_BINS = 40;
/** Actions per session shown one by one; more are pooled in the last bar. */
const MAX_ACTIONS_SHOWN = 20;

/**
 * Session durations in equal-width bins up to `upToMs` (the p99, say), the last bin open-ended,
 * counted in Spark: millions of sessions reduce to a few dozen rows before anything travels.
 * Bin edges are whole seconds, so they read as clean minutes and seconds.
 */
export async function durationHistogram(sessions: DataFrame, upToMs: number): Promise<{ bins: HistogramBin[]; binMs: number; overflow: number }> {
  const binMs = Math.max(1000, Math.ceil(upToMs / DURATION_BINS / 1000) * 1000);
  const bin = F.least(F.floor(F.col("duration_ms").divide(binMs)), F.lit(DURATION_BINS - 1));
  const rows = await sessions.groupBy(bin.alias("bin")).agg(F.count("*").alias("sessions")).orderBy("bin").collect();
  const counts = new Map(rows.map((row) => [Number(row.bin), Number(row.sessions)]));
  const bins = Array.from({ length: DURATION_BINS }, (_, index) => ({ start: (index * binMs) / 60_000, end: ((index + 1) * binMs) / 60_000, count: counts.get(index) ?? 0 }));
  return { bins, binMs, overflow: counts.get(DURATION_BINS - 1) ?? 0 };
}

/** Sessions by number of actions, 1 … 20 and "21+" pooled. */
export async function actionsDistribution(sessions: DataFrame): Promise<{ actions: string; sessions: number }[]> {
  const capped = F.least(F.col("actions"), F.lit(MAX_ACTIONS_SHOWN + 1));
  const rows = await sessions.groupBy(capped.alias("actions")).agg(F.count("*").alias("sessions")).orderBy("actions").collect();
  return rows.map((row) => ({ actions: Number(row.actions) > MAX_ACTIONS_SHOWN ? `${MAX_ACTIONS_SHOWN + 1}+` : String(row.actions), sessions: Number(row.sessions) }));
}

/** The session summary per device_type and per subscription_type, stacked (small: collected). */
export async function summaryByDimension(sessions: DataFrame): Promise<Record<string, unknown>[]> {
  const parts = await Promise.all(
    SESSION_DIMENSIONS.map(async (dimension) => {
      const rows = await sessionSummary(sessions, DEFAULT_SESSIONS, dimension).orderBy(dimension).collect();
      return rows.map((row) => ({
        dimension,
        value: row[dimension],
        sessions: row.sessions,
        p50_min: round(Number(row.p50_duration_ms) / 60_000),
        p90_min: round(Number(row.p90_duration_ms) / 60_000),
        mean_actions: round(Number(row.mean_actions)),
        per_user_week: round(Number(row.sessions_per_user_week)),
        per_user_day: round(Number(row.sessions_per_user_day)),
      }));
    }),
  );
  return parts.flat();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
