import { describe, expect, it } from "vitest";
import { corruptionCounts, corruptionPlan } from "../../../src/domain/data/generate/corruption/corruption-counts";
import type { CorruptionKind } from "../../../src/domain/data/generate/corruption/corruption-kinds";
import { assertCorruptibleFormat } from "../../../src/domain/data/generate/corruption/write-corrupted-csv";

const kinds = (n: number): CorruptionKind[] => Array.from({ length: n }, (_, i) => ({ name: `k${i}`, reason: `r${i}`, corruption: { type: "duplicate" } }));

/** The same rule by brute force: walk the ids, take each one's residue, find its kind. */
function bruteForce(period: number, perKind: number, kindCount: number, rows: number): number[] {
  const counts = new Array<number>(kindCount).fill(0);
  for (let id = 0; id < rows; id++) {
    const k = perKind === 0 ? kindCount : Math.floor((id % period) / perKind);
    if (k < kindCount) counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

describe("corruptionPlan", () => {
  it("takes the smallest period holding a whole number of rows per kind", () => {
    expect(corruptionPlan(0.01, 11)).toEqual({ period: 100, perKind: 1 });
    expect(corruptionPlan(0.03, 11)).toEqual({ period: 100, perKind: 3 });
    expect(corruptionPlan(0.0025, 9)).toEqual({ period: 400, perKind: 1 });
    expect(corruptionPlan(0.000001, 9)).toEqual({ period: 1_000_000, perKind: 1 });
    expect(corruptionPlan(0.090909, 11)).toEqual({ period: 1_000_000, perKind: 90_909 });
  });

  it("refuses fractions it cannot honour exactly", () => {
    expect(() => corruptionPlan(0.1, 11)).toThrow(/1\/11/); // 11 kinds × 10% > all rows
    expect(() => corruptionPlan(-0.01, 11)).toThrow(RangeError);
    expect(() => corruptionPlan(0.0000001, 11)).toThrow(/millionths/);
    expect(() => corruptionPlan(Number.NaN, 11)).toThrow(/millionths/);
  });
});

describe("corruptionCounts", () => {
  it("gives exactly fraction × rows per kind when the rows fill whole periods", () => {
    expect(corruptionCounts(corruptionPlan(0.01, 11), kinds(11), 20_000)).toEqual(Object.fromEntries(kinds(11).map((k) => [k.name, 200])));
    expect(corruptionCounts(corruptionPlan(0.01, 9), kinds(9), 5_000)).toEqual(Object.fromEntries(kinds(9).map((k) => [k.name, 50])));
  });

  it("counts a partial last period kind by kind, as a walk over the ids does", () => {
    // 1005 rows, 1 per kind in each 100: 10 full periods, then ids 1000..1004 go to kinds 0..4.
    expect(Object.values(corruptionCounts(corruptionPlan(0.01, 11), kinds(11), 1005))).toEqual([11, 11, 11, 11, 11, 10, 10, 10, 10, 10, 10]);
    for (const [fraction, kindCount, rows] of [
      [0.03, 11, 1_234],
      [0.0025, 9, 5_001],
      [0.07, 9, 10_099],
      [0, 11, 500],
      [0.01, 11, 0],
    ] as const) {
      const plan = corruptionPlan(fraction, kindCount);
      expect(Object.values(corruptionCounts(plan, kinds(kindCount), rows))).toEqual(bruteForce(plan.period, plan.perKind, kindCount, rows));
    }
  });
});

describe("assertCorruptibleFormat", () => {
  it("accepts CSV and refuses Parquet with the reason", () => {
    expect(() => {
      assertCorruptibleFormat("csv");
    }).not.toThrow();
    expect(() => {
      assertCorruptibleFormat("parquet");
    }).toThrow(/only be written as CSV/);
  });
});
