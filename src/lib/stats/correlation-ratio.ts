/**
 * The correlation ratio η²: the share of a variable's variance explained by a grouping,
 * SS_between / SS_total (one-way ANOVA's R²).
 */

/** One group's moments: size, mean and Σ(x − group mean)² (its within-group sum of squares). */
export interface GroupMoments {
  readonly n: number;
  readonly mean: number;
  readonly sumSquares: number;
}

/**
 * η² from per-group moments: SS_between = Σ nᵢ (meanᵢ − grand mean)², SS_total = SS_between +
 * Σ SS_withinᵢ. Centred sums throughout (no Σx² − (Σx)²/n cancellation). 0 when nothing varies.
 */
export function correlationRatio(groups: readonly GroupMoments[]): number {
  const present = groups.filter((g) => g.n > 0);
  const n = present.reduce((sum, g) => sum + g.n, 0);
  if (n === 0) throw new RangeError("The correlation ratio of no observations is undefined");
  const grandMean = present.reduce((sum, g) => sum + g.n * g.mean, 0) / n;
  const between = present.reduce((sum, g) => sum + g.n * (g.mean - grandMean) ** 2, 0);
  const within = present.reduce((sum, g) => sum + g.sumSquares, 0);
  return between + within > 0 ? between / (between + within) : 0;
}
