import { decompose, defaultDecomposeOptions } from "./decompose";
import { SEASONAL_PERIOD, type Anomaly, type Direction, type Granularity, type Series } from "./model";
import { trailingRobustZ } from "./robust-z";

/** The detector's parameters (defaults: docs/definitions.md, Anomalies). */
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
   * Flag only when the observed or the expected count, in independent units (the count divided
   * by `dispersion`: users, for an events series), reaches this: in a series of a handful of
   * arrivals per bucket, one more is a large step on the log scale, yet no news. Big series
   * never come near it.
   */
  readonly minCount: number;
  /**
   * Never call a bucket anomalous that counting noise alone explains. A count around λ varies by
   * √(dispersion·λ) (Poisson when dispersion is 1), i.e. by √(dispersion·λ) / (λ + 1) on the
   * log1p scale. Two guards follow from it:
   * - the residuals' spread is never taken below that: a spread estimated from 56 points is
   *   itself noisy, and when it comes out below the floor, ordinary counting noise would cross
   *   the threshold (on uniformly random events this cuts false alarms about fivefold);
   * - the deviation must also exceed threshold × √(dispersion·λ) on the count scale. The log's
   *   lower tail is stretched for small counts (3 users where 10.5 are usual is −3.7 floor units
   *   on the log scale, yet a 1-in-100 Poisson draw); for large counts this guard is far weaker
   *   than the robust z, which then decides alone.
   * Real counts vary more than counting noise, so in big series the MAD stays above the floor and
   * the score is the definitions' exactly. false: the MAD alone, no count-scale guard.
   */
  readonly countingNoiseFloor: boolean;
  /**
   * The counting noise's variance-to-mean ratio: 1 for counts of independent arrivals (active
   * users), the mean cluster size for counts that arrive in clusters. Events come in per-user
   * bursts (sessions), so an events series varies like its users times their events per user:
   * detectAnomalies takes the series' own `dispersion` (collectSeries sets events per active
   * user) unless given one here.
   */
  readonly dispersion: number;
}

export function defaultDetectorOptions(granularity: Granularity): DetectorOptions {
  return { period: SEASONAL_PERIOD[granularity], window: 56, threshold: 3.5, minCount: 10, countingNoiseFloor: true, dispersion: 1 };
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
 * robust z-score of the residual, |z| > threshold flagged (unless counting noise explains it or
 * the count is too small, see the options). `expected` = expm1(trend + seasonal).
 */
export function scoreSeries(values: readonly number[], options: DetectorOptions): ScoredPoint[] {
  const logged = values.map((v) => Math.log1p(v));
  const decomposition = { ...defaultDecomposeOptions(options.period), ...(options.trendWindow !== undefined && { trendWindow: options.trendWindow }) };
  const { trend, seasonal, residual } = decompose(logged, decomposition);
  const expected = values.map((_, i) => Math.max(0, Math.expm1((trend[i] as number) + (seasonal[i] as number))));
  const { dispersion, threshold } = options;
  const countingNoise = expected.map((lambda) => Math.sqrt(dispersion * lambda));
  const floor = options.countingNoiseFloor ? countingNoise.map((sd, i) => sd / ((expected[i] as number) + 1)) : undefined;
  const scores = trailingRobustZ(residual, options.window, floor);
  return values.map((observed, i) => {
    const score = scores[i] ?? null;
    const lambda = expected[i] as number;
    const beyondNoise = !options.countingNoiseFloor || Math.abs(observed - lambda) > threshold * (countingNoise[i] as number);
    const flagged = score !== null && Math.abs(score) > threshold && Math.max(observed, lambda) / dispersion >= options.minCount && beyondNoise;
    return { observed, expected: lambda, score, flagged, direction: score !== null && score < 0 ? "down" : "up" };
  });
}

/** The flagged points of a series, as anomalies. Options default by the series' granularity. */
export function detectAnomalies(series: Series, options: Partial<DetectorOptions> = {}): Anomaly[] {
  const resolved = { ...defaultDetectorOptions(series.granularity), dispersion: series.dispersion ?? 1, ...options };
  return scoreSeries(series.values, resolved).flatMap((point, i) =>
    point.flagged && point.score !== null
      ? [
          {
            series: series.name,
            granularity: series.granularity,
            ts: series.timestamps[i] as string,
            observed: point.observed,
            expected: point.expected,
            score: point.score,
            direction: point.direction,
          },
        ]
      : [],
  );
}
