import { describe, expect, it } from "vitest";
import { mean, median, nearestRankQuantile } from "../../../src/lib/stats/descriptive";

describe("descriptive statistics", () => {
  it("median: the middle value, or the mean of the middle two", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow(RangeError);
  });

  it("nearest-rank quantile: the value at rank ⌈q·n⌉", () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1
    expect(nearestRankQuantile(values, 0.95)).toBe(19);
    expect(nearestRankQuantile(values, 1)).toBe(20);
    expect(nearestRankQuantile(values, 0.05)).toBe(1);
    expect(nearestRankQuantile([5, 1, 9], 0.5)).toBe(5);
    expect(() => nearestRankQuantile(values, 0)).toThrow(RangeError);
  });

  it("mean", () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(() => mean([])).toThrow(RangeError);
  });
});
