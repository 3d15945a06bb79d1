/**
 * The Kruskal–Wallis H test of "all groups come from the same distribution", on mid-ranks with
 * the tie correction, and its effect size ε² = H / (N − 1).
 */
import { chiSquareSurvival } from "./chi-square";

/** One group's part of the test: its size and the sum of its observations' mid-ranks in the pooled sample. */
export interface RankSumGroup {
  readonly n: number;
  readonly rankSum: number;
}

export interface KruskalWallisResult {
  /** H, tie-corrected. */
  readonly h: number;
  /** Pooled observations. */
  readonly n: number;
  /** Non-empty groups. */
  readonly groups: number;
  /** C = 1 − Σ(t³ − t) / (N³ − N) over the tie blocks (sizes t); H = H₀ / C. */
  readonly tieCorrection: number;
  /** ε² = H / (N − 1), in [0, 1]: the share of the rank variance the grouping explains. */
  readonly epsilonSquared: number;
  /** P(χ²(groups − 1) > H): the asymptotic p-value. */
  readonly pValue: number;
}

/**
 * H from the groups' rank sums and Σ(t³ − t) over the tie blocks: all the test needs, so that the
 * ranking itself can happen elsewhere (in Spark). H₀ is written as
 * 12 / (N(N + 1)) · Σ nᵢ (R̄ᵢ − (N + 1)/2)², which is the textbook 12/(N(N+1)) Σ Rᵢ²/nᵢ − 3(N + 1)
 * without its cancellation of two terms of size 3N. When every value is tied (C = 0) the ranks say
 * nothing: H is 0.
 */
export function kruskalWallisFromRankSums(groups: readonly RankSumGroup[], tieCubeSum: number): KruskalWallisResult {
  const present = groups.filter((g) => g.n > 0);
  const n = present.reduce((sum, g) => sum + g.n, 0);
  if (present.length < 2 || n < 3) throw new RangeError(`Kruskal–Wallis needs two non-empty groups and three observations, not ${present.length} and ${n}`);
  const meanRank = (n + 1) / 2;
  const spread = present.reduce((sum, g) => sum + g.n * (g.rankSum / g.n - meanRank) ** 2, 0);
  const uncorrected = (12 / (n * (n + 1))) * spread;
  const tieCorrection = 1 - tieCubeSum / (n ** 3 - n);
  const h = tieCorrection > 0 ? uncorrected / tieCorrection : 0;
  return { h, n, groups: present.length, tieCorrection, epsilonSquared: h / (n - 1), pValue: chiSquareSurvival(h, present.length - 1) };
}

/** The test on raw samples, one array per group: mid-ranks of the pooled, sorted values. */
export function kruskalWallis(samples: readonly (readonly number[])[]): KruskalWallisResult {
  const pooled = samples.flatMap((values, group) => values.map((value) => ({ value, group }))).sort((a, b) => a.value - b.value);
  const rankSums = samples.map(() => 0);
  let tieCubeSum = 0;
  for (let start = 0; start < pooled.length;) {
    let end = start;
    while (end < pooled.length && pooled[end]?.value === pooled[start]?.value) end++;
    // The tie block holds ranks start + 1 … end: each gets their mean.
    const midRank = (start + 1 + end) / 2;
    for (const { group } of pooled.slice(start, end)) rankSums[group] = (rankSums[group] as number) + midRank;
    const t = end - start;
    tieCubeSum += t ** 3 - t;
    start = end;
  }
  return kruskalWallisFromRankSums(
    samples.map((values, i) => ({ n: values.length, rankSum: rankSums[i] as number })),
    tieCubeSum,
  );
}
