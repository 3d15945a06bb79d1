import type { DataFrame } from "../../connect";
import { defaultDetectorOptions, scoreSeries } from "../../domain/analyses/anomalies/detector";
import type { Granularity } from "../../domain/analyses/anomalies/model";
import type { DetectorScore } from "../../domain/evaluation/score-anomaly-detector";
import { collectSeries } from "../../domain/analyses/anomalies/series";
import type { MetricRow } from "../session/metric-files";

/** The series the report charts: all events per day. */
export const CHARTED_SERIES = "all/events";

/**
 * One daily series with the detector's expected value and flags, for the chart: the same
 * scoring the anomalies table came from, kept for every point instead of the flagged ones only.
 */
export async function scoredDailySeries(enriched: DataFrame, name = CHARTED_SERIES): Promise<{ date: string; observed: number; expected: number; anomaly: boolean }[]> {
  const series = (await collectSeries(enriched, "daily")).find((s) => s.name === name);
  if (series === undefined) return [];
  // The series' own spread factor, as the detector that wrote the anomalies table used it.
  const points = scoreSeries(series.values, { ...defaultDetectorOptions("daily"), ...(series.dispersion !== undefined && { dispersion: series.dispersion }) });
  return points.map((point, i) => ({ date: series.timestamps[i] ?? "", observed: point.observed, expected: Math.round(point.expected), anomaly: point.flagged }));
}

/** Anomalies per granularity and direction, and the number of series with any. */
export function anomalyCounts(rows: readonly MetricRow[]): Record<string, string | number>[] {
  const granularities: Granularity[] = ["daily", "hourly"];
  return granularities.map((granularity) => {
    const of = rows.filter((row) => row.granularity === granularity);
    return {
      granularity,
      anomalies: of.length,
      up: of.filter((row) => row.direction === "up").length,
      down: of.filter((row) => row.direction === "down").length,
      series_with_any: new Set(of.map((row) => row.series)).size,
    };
  });
}

/** The strongest anomalies by |score|. */
export function strongest(rows: readonly MetricRow[], n: number): MetricRow[] {
  return [...rows]
    .sort((a, b) => Math.abs(Number(b.score)) - Math.abs(Number(a.score)) || String(a.ts).localeCompare(String(b.ts)))
    .slice(0, n)
    .map((row) => ({ ...row, expected: Math.round(Number(row.expected)), score: Math.round(Number(row.score) * 10) / 10 }));
}

/** The detector's score per evaluation set, one row each, for the report. */
export function scoreRows(score: DetectorScore): Record<string, string | number | null>[] {
  const share = (value: number | null): number | null => (value === null ? null : Math.round(value * 1000) / 1000);
  return score.sets.map((s) => ({
    set: `${s.set.granularity}, ${s.set.breakdown === "overall" ? "overall series" : "all series"}`,
    precision: share(s.precision),
    recall: share(s.recall),
    true_detections: s.trueDetections.length,
    false_alarms: s.falseAlarms.length,
    false_alarms_per_365_points: s.falseAlarmRate.per365Points === null ? null : Math.round(s.falseAlarmRate.per365Points * 100) / 100,
    planted_found: s.found.length,
    planted_missed: s.missed.map((a) => a.kind).join(", "),
  }));
}
