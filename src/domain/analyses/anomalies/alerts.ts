import type { Anomaly } from "./model";

/** One alert as a scheduler forwards it: the anomaly's fields and a sentence for a human. */
export interface Alert extends Omit<Anomaly, "score"> {
  /** A number, or "Infinity"/"-Infinity" (JSON has no infinite numbers). */
  readonly score: number | string;
  readonly message: string;
}

export function toAlert(anomaly: Anomaly): Alert {
  const change =
    anomaly.expected > 0 ? `${anomaly.observed >= anomaly.expected ? "+" : ""}${((anomaly.observed / anomaly.expected - 1) * 100).toFixed(0)}% vs` : "with";
  const message =
    `${anomaly.series} (${anomaly.granularity}) at ${anomaly.ts}: ${anomaly.observed} observed, ${change} ${anomaly.expected.toFixed(1)} expected ` +
    `(${anomaly.direction}, robust z ${Number.isFinite(anomaly.score) ? anomaly.score.toFixed(1) : String(anomaly.score)})`;
  return { ...anomaly, score: Number.isFinite(anomaly.score) ? anomaly.score : String(anomaly.score), message };
}

/** JSON Lines: one alert per line (each line a complete JSON object), newline-terminated; "" for none. */
export function toJsonLines(anomalies: readonly Anomaly[]): string {
  return anomalies.map((anomaly) => `${JSON.stringify(toAlert(anomaly))}\n`).join("");
}
