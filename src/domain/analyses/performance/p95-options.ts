/** Parameters of the page-load percentiles (p95 per version, p50/p95 per device). */
export interface PercentileOptions {
  /**
   * percentile_approx's accuracy A: Spark's Greenwald–Khanna sketch answers with a value whose
   * rank is within n / A of the exact percentile's, for a group of n page loads. The default
   * 10,000 (Spark's) keeps that at 0.01% of n, far inside the ±1% the definitions allow.
   */
  readonly accuracy: number;
  /** Groups with fewer page loads than this are reported, flagged `low_confidence`. */
  readonly minEvents: number;
}

export const DEFAULT_PERCENTILES: PercentileOptions = { accuracy: 10_000, minEvents: 100 };
