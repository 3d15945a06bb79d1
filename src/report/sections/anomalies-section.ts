import type { Granularity } from "../../domain/analyses/anomalies/model";
import type { DetectorScore } from "../../domain/evaluation/score-anomaly-detector";
import type { AnomalyRow } from "../../jobs/analyze/metric-tables";

/** Anomalies per granularity and direction, and the number of series with any. */
export function anomalyCounts(rows: readonly AnomalyRow[]): Record<string, string | number>[] {
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
export function strongest(rows: readonly AnomalyRow[], n: number): AnomalyRow[] {
  return [...rows]
    .sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.ts.localeCompare(b.ts))
    .slice(0, n)
    .map((row) => ({ ...row, expected: Math.round(row.expected), score: Math.round(row.score * 10) / 10 }));
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
