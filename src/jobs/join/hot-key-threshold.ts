export interface HotKeyCriteria {
  /** A key is hot when it has more than this factor × the average rows per key… */
  readonly factorOverAverage: number;
  /** …and more than this many rows (on small or uniform data nothing is worth salting). */
  readonly minRows: number;
  /** Sampled rows a key exactly at the threshold should expect; sets the sample fraction. */
  readonly sampledRowsAtThreshold: number;
}

export const DEFAULT_HOT_KEY_CRITERIA: HotKeyCriteria = { factorOverAverage: 20, minRows: 10_000, sampledRowsAtThreshold: 400 };

/**
 * The row count a key must exceed to be hot. Relative to the average rows per key, so it adapts to
 * the data size without tuning: on the brief's uniform data (~1 row per key per million rows)
 * no key comes near 20× the average, while a bot or an account shared by thousands does.
 */
export function hotKeyThreshold(totalRows: number, distinctKeys: number, criteria: HotKeyCriteria = DEFAULT_HOT_KEY_CRITERIA): number {
  const average = distinctKeys === 0 ? 0 : totalRows / distinctKeys;
  return Math.max(criteria.factorOverAverage * average, criteria.minRows);
}

/**
 * The Bernoulli sample fraction at which a key exactly at the threshold expects
 * `sampledRowsAtThreshold` sampled rows (capped at 1: count everything). Its sampled count is then
 * Binomial with a standard deviation of 1/√400 = 5% of the mean, so the sample separates hot keys
 * from ordinary ones reliably while staying a small share of terabyte data (the default threshold
 * is at least 10,000 rows, so at most 4% is sampled, and far less on large data).
 */
export function hotKeySampleFraction(threshold: number, criteria: HotKeyCriteria = DEFAULT_HOT_KEY_CRITERIA): number {
  if (threshold <= 0) return 1;
  return Math.min(1, criteria.sampledRowsAtThreshold / threshold);
}
