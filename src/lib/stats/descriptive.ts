/** Descriptive statistics of small samples held in memory (timings, per-file figures). */

/** The median: the middle value, or the mean of the middle two for an even count. Throws on an empty sample. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("The median of an empty sample is undefined");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The nearest-rank quantile: the smallest value with at least q of the sample at or below it
 * (rank ⌈q·n⌉), the definition percentile_approx converges to. Throws on an empty sample.
 */
export function nearestRankQuantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError("A quantile of an empty sample is undefined");
  if (!(q > 0 && q <= 1)) throw new RangeError(`A quantile's level lies in (0, 1], not ${q}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(q * sorted.length) - 1] as number;
}

/** The arithmetic mean. Throws on an empty sample. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("The mean of an empty sample is undefined");
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
