import { decompose, defaultDecomposeOptions } from "./decompose";
import { SEASONAL_PERIOD, type Anomaly, type Direction, type Granularity, type Series } from "./model";
import { trailingRobustZ } from "./robust-z";

/** The detector's parameters (defaults: notes/definitions.md, Anomalies). */
export interface DetectorOptions {
  /** Seasonal period in points: 7 for daily series, 24 for hourly ones. */
  readonly period: number;
  /** Points of the trend's moving median (odd); default 2 · period + 1. */
  readonly trendWindow?: number;
  /** Residuals before a point that its robust z-score compares it with. */
  readonly window: number;
  /** Flag a point when |z| exceeds this. */
  readonly threshold: number;
  /**
   * Flag only when the observed or the expected count reaches this: in a series of a handful of
   * events per bucket, one event more is a large step on the log scale, yet no news. Big series
   * never come near it.
   */
  readonly minCount: number;
  /**
   * Never take the residuals' spread as smaller than counting noise: a count around λ varies by
   * √λ (Poisson), i.e. by √λ / (λ + 1) on the log1p scale. A spread estimated from 56 points is
   * itself noisy, and when it comes out below that floor, ordinary counting noise would cross
   * the threshold; on series that are nothing but counting noise (uniformly random events) this
   * cuts false alarms about fivefold. Real counts vary more than Poisson, so there the floor
   * stays below the MAD and the score is the definitions' exactly. false: the MAD alone.
   */
  readonly countingNoiseFloor: boolean;
}

export function defaultDetectorOptions(granularity: Granularity): DetectorOptions {
  return { period: SEASONAL_PERIOD[granularity], window: 56, threshold: 3.5, minCount: 10, countingNoiseFloor: true };
}

/** Every point of a series as the detector sees it. */
export interface ScoredPoint {
  readonly observed: number;
  readonly expected: number;
  /** null for the first `window` points, which have no full baseline. */
  readonly score: number | null;
  readonly flagged: boolean;
  readonly direction: Direction;
}

/**
 * The detector on one series of counts: log1p (multiplicative changes become additive, and a
 * count of 0 stays defined), the robust decomposition with the series' period, the trailing
 * robust z-score of the residual (its spread floored at counting noise unless switched off),
 * |z| > threshold flagged. `expected` = expm1(trend + seasonal).
 */
export function scoreSeries(values: readonly number[], options: DetectorOptions): ScoredPoint[] {
  const logged = values.map((v) => Math.log1p(v));
  const decomposition = { ...defaultDecomposeOptions(options.period), ...(options.trendWindow !== undefined && { trendWindow: options.trendWindow }) };
  const { trend, seasonal, residual } = decompose(logged, decomposition);
  const expected = values.map((_, i) => Math.max(0, Math.expm1((trend[i] as number) + (seasonal[i] as number))));
  const floor = options.countingNoiseFloor ? expected.map((lambda) => Math.sqrt(lambda) / (lambda + 1)) : undefined;
  const scores = trailingRobustZ(residual, options.window, floor);
  return values.map((observed, i) => {
    const score = scores[i] ?? null;
    const flagged = score !== null && Math.abs(score) > options.threshold && Math.max(observed, expected[i] as number) >= options.minCount;
    return { observed, expected: expected[i] as number, score, flagged, direction: score !== null && score < 0 ? "down" : "up" };
  });
}

/** The flagged points of a series, as anomalies. Options default by the series' granularity. */
export function detectAnomalies(series: Series, options: Partial<DetectorOptions> = {}): Anomaly[] {
  const resolved = { ...defaultDetectorOptions(series.granularity), ...options };
  return scoreSeries(series.values, resolved).flatMap((point, i) =>
    point.flagged && point.score !== null
      ? [{ series: series.name, granularity: series.granularity, ts: series.timestamps[i] as string, observed: point.observed, expected: point.expected, score: point.score, direction: point.direction }]
      : [],
  );
}
