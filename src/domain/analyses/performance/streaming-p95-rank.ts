/** The range of ranks (as shares of n, 1-based: the smallest value has rank 1/n) a reported value takes among exact values. */
export interface RankRange {
  readonly lowest: number;
  readonly highest: number;
}

/**
 * Where a reported quantile sits among the exact values: a value present k times after b smaller
 * ones takes ranks (b+1)/n … (b+k)/n; a value absent from the data sits between ranks b/n and
 * (b+1)/n. Independent of Spark: the check the streamed and the batch p95 are held to.
 */
export function rankRange(values: readonly number[], reported: number): RankRange {
  if (values.length === 0) throw new RangeError("No values to rank against");
  let below = 0;
  let atOrBelow = 0;
  for (const value of values) {
    if (value < reported) below++;
    if (value <= reported) atOrBelow++;
  }
  const n = values.length;
  return atOrBelow > below ? { lowest: (below + 1) / n, highest: atOrBelow / n } : { lowest: below / n, highest: (below + 1) / n };
}

/** Float slack for comparing shares such as 0.95 + 0.01 with 96/100. */
const EPSILON = 1e-9;

/**
 * True when some rank of `reported` lies within ±`tolerance` of `q` (the definition's rank
 * tolerance: ±1% around 0.95 by default). A small group may have no rank that close (3 values
 * have ranks 1/3, 2/3 and 1), and the exact answer itself, the value at rank ⌈q·n⌉ (the smallest
 * whose rank is at least q, as percentile_approx defines it), may lie further: 18 values put it at
 * rank 18/18. So the tolerance widens to the nearest rank the data has and to the exact answer's
 * rank, whichever is further: a small group is held to the exact answer, or the nearest one.
 */
export function withinRankTolerance(values: readonly number[], reported: number, q = 0.95, tolerance = 0.01): boolean {
  const { lowest, highest } = rankRange(values, reported);
  const n = values.length;
  const exactRankDistance = Math.abs(Math.ceil(q * n - EPSILON) / n - q);
  const slack = Math.max(tolerance, nearestRankDistance(n, q), exactRankDistance);
  return lowest <= q + slack + EPSILON && highest >= q - slack - EPSILON;
}

/** How close to `q` the nearest of the ranks 1/n … n/n lies. */
function nearestRankDistance(n: number, q: number): number {
  const below = Math.max(1, Math.floor(q * n));
  const above = Math.min(n, Math.ceil(q * n));
  return Math.min(Math.abs(below / n - q), Math.abs(above / n - q));
}
