export interface HotKeyCriteria {
  /** A key is hot when it has more than this factor × the average rows per key… */
  readonly factorOverAverage: number;
  /** …and more than this many rows (on small or uniform data nothing is worth salting). */
  readonly minRows: number;
}

export const DEFAULT_HOT_KEY_CRITERIA: HotKeyCriteria = { factorOverAverage: 20, minRows: 10_000 };

/**
 * The row count a key must exceed to be hot. Relative to the average rows per key, so it adapts to
 * the data size without tuning: on the brief's uniform data (~1 row per key per million rows)
 * no key comes near 20× the average, while a bot or an account shared by thousands does.
 */
export function hotKeyThreshold(totalRows: number, distinctKeys: number, criteria: HotKeyCriteria = DEFAULT_HOT_KEY_CRITERIA): number {
  const average = distinctKeys === 0 ? 0 : totalRows / distinctKeys;
  return Math.max(criteria.factorOverAverage * average, criteria.minRows);
}
