import { describe, expect, it } from "vitest";
import { effectSizeBand, effectVerdict } from "../../../src/domain/analyses/performance/effect-size-bands";
import { correlationRatio } from "../../../src/lib/stats/correlation-ratio";
import { kruskalWallis, kruskalWallisFromRankSums } from "../../../src/lib/stats/kruskal-wallis";
import { generator } from "../../support/random";

/**
 * Brute force, by the textbook: the mid-rank of x is #{y < x} + (#{y = x} + 1) / 2 (O(N²)),
 * H = [12 / (N(N+1)) Σ Rᵢ²/nᵢ − 3(N+1)] / [1 − Σ(t³ − t)/(N³ − N)].
 */
function bruteForceH(groups: readonly (readonly number[])[]): number {
  const pooled = groups.flat();
  const n = pooled.length;
  const midRank = (x: number): number => pooled.filter((y) => y < x).length + (pooled.filter((y) => y === x).length + 1) / 2;
  const squaredRankSums = groups.reduce((sum, g) => sum + g.reduce((s, x) => s + midRank(x), 0) ** 2 / g.length, 0);
  const tieSizes = [...new Set(pooled)].map((v) => pooled.filter((y) => y === v).length);
  const correction = 1 - tieSizes.reduce((s, t) => s + t ** 3 - t, 0) / (n ** 3 - n);
  return ((12 / (n * (n + 1))) * squaredRankSums - 3 * (n + 1)) / correction;
}

/** η² from the raw values: Σ nᵢ(x̄ᵢ − x̄)² / Σ (x − x̄)². */
function bruteForceEta(groups: readonly (readonly number[])[]): number {
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const grand = mean(groups.flat());
  const between = groups.reduce((s, g) => s + g.length * (mean(g) - grand) ** 2, 0);
  const total = groups.flat().reduce((s, x) => s + (x - grand) ** 2, 0);
  return between / total;
}

function relative(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe("Kruskal–Wallis H", () => {
  it("works a small example with ties by hand", () => {
    // A = {1, 2, 2}, B = {2, 3, 4}, C = {4, 5}; N = 8. Sorted: 1 2 2 2 3 4 4 5.
    // Ranks: 1 → 1; the three 2s share ranks 2–4 → 3 each; 3 → 5; the two 4s share 6–7 → 6.5; 5 → 8.
    // R_A = 1 + 3 + 3 = 7, R_B = 3 + 5 + 6.5 = 14.5, R_C = 6.5 + 8 = 14.5 (sum 36 = 8·9/2).
    // H₀ = 12/72 · (49/3 + 210.25/3 + 210.25/2) − 27 = 4597/144 − 27 = 709/144.
    // Ties: t = 3 and t = 2 → Σ(t³ − t) = 24 + 6 = 30; C = 1 − 30/504 = 79/84.
    // H = (709/144)/(79/84) = 4963/948 ≈ 5.2352; ε² = H/7 = 709/948 ≈ 0.7479.
    const result = kruskalWallis([
      [1, 2, 2],
      [2, 3, 4],
      [4, 5],
    ]);
    expect(result.n).toBe(8);
    expect(result.groups).toBe(3);
    expect(result.tieCorrection).toBeCloseTo(79 / 84, 14);
    expect(result.h).toBeCloseTo(4963 / 948, 12);
    expect(result.epsilonSquared).toBeCloseTo(709 / 948, 12);
    // χ²(2) survival is e^(−H/2).
    expect(result.pValue).toBeCloseTo(Math.exp(-(4963 / 948) / 2), 12);
  });

  it("equals the brute-force textbook formula on random data with many ties", () => {
    const next = generator(7);
    for (let trial = 0; trial < 20; trial++) {
      const groups = Array.from({ length: 2 + (trial % 5) }, () =>
        Array.from({ length: 3 + Math.floor(next() * 40) }, () => 100 * (1 + Math.floor(next() * 8))),
      );
      const result = kruskalWallis(groups);
      expect(relative(result.h, bruteForceH(groups))).toBeLessThan(1e-9);
      expect(result.epsilonSquared).toBeCloseTo(result.h / (result.n - 1), 14);
    }
  });

  it("takes the same H from rank sums and the tie term", () => {
    // Rank sums of the hand example: 7, 14.5, 14.5 with sizes 3, 3, 2; Σ(t³ − t) = 30.
    const fromSums = kruskalWallisFromRankSums(
      [
        { n: 3, rankSum: 7 },
        { n: 3, rankSum: 14.5 },
        { n: 2, rankSum: 14.5 },
        { n: 0, rankSum: 0 },
      ],
      30,
    );
    expect(fromSums.h).toBeCloseTo(4963 / 948, 12);
    expect(fromSums.groups).toBe(3);
  });

  it("is 0 when every value is tied, and refuses fewer than two groups", () => {
    expect(
      kruskalWallis([
        [5, 5],
        [5, 5, 5],
      ]).h,
    ).toBe(0);
    expect(() => kruskalWallis([[1, 2, 3]])).toThrow(RangeError);
  });
});

describe("correlation ratio", () => {
  it("equals the raw-data η² from per-group moments", () => {
    const next = generator(11);
    const groups = Array.from({ length: 4 }, (_, g) => Array.from({ length: 20 + g * 7 }, () => Math.log(100 + next() * 1000 * (1 + g / 3))));
    const moments = groups.map((values) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return { n: values.length, mean, sumSquares: values.reduce((s, x) => s + (x - mean) ** 2, 0) };
    });
    expect(relative(correlationRatio(moments), bruteForceEta(groups))).toBeLessThan(1e-12);
  });

  it("is 1 when groups are constant and distinct, 0 when all means agree", () => {
    expect(
      correlationRatio([
        { n: 2, mean: 1, sumSquares: 0 },
        { n: 3, mean: 4, sumSquares: 0 },
      ]),
    ).toBe(1);
    expect(
      correlationRatio([
        { n: 2, mean: 1, sumSquares: 3 },
        { n: 3, mean: 1, sumSquares: 5 },
      ]),
    ).toBe(0);
  });
});

describe("effect size bands", () => {
  it("uses 0.01, 0.06 and 0.14 as lower bounds", () => {
    expect([0, 0.0099, 0.01, 0.0599, 0.06, 0.1399, 0.14, 0.9].map(effectSizeBand)).toEqual([
      "negligible",
      "negligible",
      "small",
      "small",
      "moderate",
      "moderate",
      "large",
      "large",
    ]);
  });

  it("says the band in words and names the extremes only when there is an effect", () => {
    const small = effectVerdict("Device type", "page load time", 0.03, "Android Tablet", "iPhone");
    expect(small).toContain("small difference");
    expect(small).toContain("3.0%");
    expect(small).toContain("Android Tablet is the slowest");
    const none = effectVerdict("Device type", "page load time", 0.001, "Mac", "iPad");
    expect(none).toContain("practically no difference");
    expect(none).not.toContain("slowest");
  });
});
