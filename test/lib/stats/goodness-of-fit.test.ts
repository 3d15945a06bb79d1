import { describe, expect, it } from "vitest";
import { chiSquareCriticalValue, chiSquareStatistic, chiSquareSurvival, chiSquareTest } from "../../../src/lib/stats/chi-square";
import { distinctDrawsMoments } from "../../../src/lib/stats/distinct-draws";
import {
  continuousUniform,
  discreteUniform,
  kolmogorovQuantile,
  kolmogorovSurvival,
  ksCriticalValue,
  ksStatistic,
} from "../../../src/lib/stats/kolmogorov-smirnov";

describe("chi-square", () => {
  it("computes Pearson's statistic", () => {
    // 60 draws over 3 equal categories: expected 20 each; (10² + 0 + 10²) / 20 = 10.
    expect(chiSquareStatistic([30, 20, 10], [1 / 3, 1 / 3, 1 / 3])).toBeCloseTo(10, 12);
    expect(chiSquareStatistic([25, 75], [0.25, 0.75])).toBe(0);
    expect(() => chiSquareStatistic([1, 2], [0.5, 0.6])).toThrow(/sum/);
  });

  it("matches closed forms of the survival function", () => {
    // df 2: e^(−x/2); df 4: e^(−x/2)(1 + x/2); df 1: erfc(√(x/2)), 3.841459 being the 5% point.
    for (const x of [0.1, 1, 5, 30]) {
      expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 14);
      expect(chiSquareSurvival(x, 4)).toBeCloseTo(Math.exp(-x / 2) * (1 + x / 2), 14);
    }
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it("inverts to the tabulated critical values", () => {
    expect(chiSquareCriticalValue(2, 0.001)).toBeCloseTo(-2 * Math.log(0.001), 9);
    expect(chiSquareCriticalValue(1, 0.05)).toBeCloseTo(3.841459, 5);
    expect(chiSquareCriticalValue(4, 0.001)).toBeCloseTo(18.46683, 4);
    expect(chiSquareCriticalValue(5, 0.001)).toBeCloseTo(20.51501, 4);
    expect(chiSquareCriticalValue(9, 0.001)).toBeCloseTo(27.87716, 4);
    expect(chiSquareCriticalValue(9, 0.05)).toBeCloseTo(16.91898, 4);
    expect(chiSquareTest([30, 20, 10], [1 / 3, 1 / 3, 1 / 3], 0.05)).toMatchObject({
      degreesOfFreedom: 2,
      criticalValue: expect.closeTo(5.991465, 5) as number,
    });
  });
});

describe("Kolmogorov–Smirnov", () => {
  it("measures the largest CDF gap of a continuous law, on both sides of each step", () => {
    expect(ksStatistic([0.5], continuousUniform(0, 1))).toBe(0.5);
    // Steps at 0.1, 0.2, 0.9: the largest gap is 2/3 − 0.2 just at 0.2.
    expect(ksStatistic([0.9, 0.1, 0.2], continuousUniform(0, 1))).toBeCloseTo(2 / 3 - 0.2, 14);
    expect(ksStatistic([0.05, 0.95], continuousUniform(0, 1))).toBeCloseTo(0.45, 14);
  });

  it("handles ties and discrete laws exactly", () => {
    // randint(1, 4): a sample hitting each value once fits perfectly.
    expect(ksStatistic([1, 2, 3, 4], discreteUniform(1, 4))).toBe(0);
    expect(ksStatistic([1, 1, 1, 1], discreteUniform(1, 4))).toBe(0.75);
    // Only 4 drawn: F(3) = 0.75 while no observation lies below 4.
    expect(ksStatistic([4], discreteUniform(1, 4))).toBe(0.75);
    expect(ksStatistic([2, 2], discreteUniform(1, 4))).toBe(0.5);
  });

  it("gives the Kolmogorov distribution's tabulated quantiles", () => {
    expect(kolmogorovQuantile(0.05)).toBeCloseTo(1.358099, 5);
    expect(kolmogorovQuantile(0.01)).toBeCloseTo(1.627624, 5);
    // So far in the tail only the first term counts: 2e^(−2λ²) = 0.001 ⇒ λ = √(ln 2000 / 2).
    expect(kolmogorovQuantile(0.001)).toBeCloseTo(Math.sqrt(Math.log(2000) / 2), 6);
    expect(kolmogorovSurvival(0.1)).toBe(1);
    expect(kolmogorovSurvival(1)).toBeCloseTo(0.2699996, 6);
    expect(ksCriticalValue(100, 0.05)).toBeCloseTo(1.358099 / (10 + 0.12 + 0.011), 5);
  });
});

describe("distinct values among uniform draws", () => {
  it("matches enumerated small cases", () => {
    // N = 2, k = 2: 1 or 2 distinct with probability 1/2 each.
    expect(distinctDrawsMoments(2, 2)).toEqual({ mean: 1.5, variance: 0.25 });
    // N = 3, k = 2: 1 distinct with probability 1/3, else 2: mean 5/3, variance 3 − 25/9 = 2/9.
    const three = distinctDrawsMoments(2, 3);
    expect(three.mean).toBeCloseTo(5 / 3, 12);
    expect(three.variance).toBeCloseTo(2 / 9, 12);
    expect(distinctDrawsMoments(0, 10)).toEqual({ mean: 0, variance: 0 });
    expect(distinctDrawsMoments(5, 1)).toEqual({ mean: 1, variance: 0 });
  });

  it("stays accurate for the metadata's million ids", () => {
    // About k²/2N collisions for k ≪ N, and a variance of about the same size.
    const { mean, variance } = distinctDrawsMoments(100_000, 1_000_000);
    expect(100_000 - mean).toBeCloseTo(4_837.4, 0);
    expect(variance).toBeGreaterThan(4_000);
    expect(variance).toBeLessThan(4_837);
  });
});
