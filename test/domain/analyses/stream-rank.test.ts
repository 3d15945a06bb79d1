import { describe, expect, it } from "vitest";
import { rankRange, withinRankTolerance } from "../../../src/domain/analyses/performance/streaming-p95-rank";
import { sparkInterval } from "../../../src/cli/stream-command";

const HUNDRED = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100

describe("rank of a reported quantile", () => {
  it("gives the ranks a value takes, ties included, and the gap an absent value falls in", () => {
    expect(rankRange(HUNDRED, 95)).toEqual({ lowest: 0.95, highest: 0.95 });
    expect(rankRange([1, 2, 2, 2, 3], 2)).toEqual({ lowest: 0.4, highest: 0.8 });
    expect(rankRange([1, 2, 4, 5], 3)).toEqual({ lowest: 0.5, highest: 0.75 });
    expect(rankRange([1, 2, 3], 10)).toEqual({ lowest: 1, highest: 4 / 3 });
  });

  it("accepts a value whose rank lies within ±1% of 0.95 and rejects one outside", () => {
    expect(withinRankTolerance(HUNDRED, 95)).toBe(true);
    expect(withinRankTolerance(HUNDRED, 94)).toBe(true); // rank 0.94
    expect(withinRankTolerance(HUNDRED, 96)).toBe(true); // rank 0.96
    expect(withinRankTolerance(HUNDRED, 93)).toBe(false); // rank 0.93
    expect(withinRankTolerance(HUNDRED, 97)).toBe(false); // rank 0.97
    // A tie spanning the target rank is acceptable: some copy of the value has rank 0.95.
    expect(withinRankTolerance([...Array<number>(90).fill(1), ...Array<number>(10).fill(2)], 2)).toBe(true);
  });

  it("holds a group too small for the tolerance to the nearest rank it has", () => {
    // Ranks 1/3, 2/3, 1: none within 1% of 0.95; the largest value (rank 1, 5% away) is the nearest.
    expect(withinRankTolerance([1, 2, 3], 3)).toBe(true);
    expect(withinRankTolerance([1, 2, 3], 2)).toBe(false);
    // Ten values: ranks 0.9 and 1.0 are equally near 0.95.
    const ten = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(withinRankTolerance(ten, 9)).toBe(true);
    expect(withinRankTolerance(ten, 10)).toBe(true);
    expect(withinRankTolerance(ten, 8)).toBe(false);
    // Eighteen values: 17/18 is within 1% of 0.95, but the exact p95 is the 18th value (⌈0.95 × 18⌉ = 18).
    const eighteen = Array.from({ length: 18 }, (_, i) => i + 1);
    expect(withinRankTolerance(eighteen, 18)).toBe(true);
    expect(withinRankTolerance(eighteen, 17)).toBe(true);
    expect(withinRankTolerance(eighteen, 15)).toBe(false);
  });

  it("refuses to rank against nothing", () => {
    expect(() => rankRange([], 1)).toThrow(RangeError);
  });
});

describe("trigger intervals", () => {
  it("turns short durations into Spark's interval text and passes Spark's own through", () => {
    expect(sparkInterval("5s")).toBe("5 seconds");
    expect(sparkInterval("500ms")).toBe("500 milliseconds");
    expect(sparkInterval("1m")).toBe("1 minutes");
    expect(sparkInterval("10 seconds")).toBe("10 seconds");
    expect(sparkInterval("soon")).toBeUndefined();
  });
});
