import { describe, expect, it } from "vitest";
import { compareAnalysis, compareTable, percentileRankAgrees, relativelyEqual } from "../../bench/analyses/compare";
import { growth, totals, type AnalysisFigures, type SizeResult } from "../../bench/analyses/report";
import { ANALYSES, normaliseCell, normaliseRows, type TableShape } from "../../bench/analyses/tables";

const SHAPE: TableShape = {
  name: "t",
  columns: [
    ["day", "date"],
    ["n", "count"],
    ["rate", "ratio"],
    ["p50", { percentile: 0.5 }],
  ],
};

describe("normalising engine values", () => {
  it("reads bigints, numeric strings, Dates and timestamps-as-text by column kind", () => {
    expect(normaliseCell("count", 12n)).toBe(12);
    expect(normaliseCell("count", "12")).toBe(12);
    expect(normaliseCell("ratio", 0.25)).toBe(0.25);
    expect(normaliseCell("date", new Date("2023-03-06T00:00:00Z"))).toBe("2023-03-06");
    expect(normaliseCell("date", "2023-03-06 00:00:00")).toBe("2023-03-06");
    expect(normaliseCell("text", "u000001")).toBe("u000001");
    expect(normaliseCell("ratio", null)).toBeNull();
    expect(normaliseCell("count", undefined)).toBeNull();
    expect(() => normaliseCell("count", { a: 1 })).toThrow(TypeError);
  });

  it("keeps only the shape's columns", () => {
    expect(normaliseRows(SHAPE, [{ day: "2023-01-02", n: 3n, rate: 0.5, p50: "7", extra: "x" }])).toEqual([{ day: "2023-01-02", n: 3, rate: 0.5, p50: 7 }]);
  });

  it("every benchmark table names its columns once", () => {
    for (const { tables } of ANALYSES) for (const shape of tables) expect(new Set(shape.columns.map(([c]) => c)).size).toBe(shape.columns.length);
  });
});

describe("relative equality", () => {
  it("accepts rounding noise and rejects a real difference", () => {
    expect(relativelyEqual(0.1 + 0.2, 0.3)).toBe(true); // 4e-17 apart
    expect(relativelyEqual(1e12, 1e12 + 1)).toBe(true); // 1e-12 relative
    expect(relativelyEqual(1, 1 + 2e-9)).toBe(false);
    expect(relativelyEqual(null, null)).toBe(true);
    expect(relativelyEqual(null, 0)).toBe(false);
    expect(relativelyEqual(0, 0)).toBe(true);
  });
});

describe("percentile rank check", () => {
  // 1000 values, accuracy 100: tolerance ceil(1000 / 100) = 10 ranks around ceil(0.5 × 1000) = 500.
  it("accepts a value whose ranks come within the tolerance of the target", () => {
    expect(percentileRankAgrees({ below: 499, atOrBelow: 500, count: 1000 }, 0.5, 100)).toBe(true); // exactly rank 500
    expect(percentileRankAgrees({ below: 509, atOrBelow: 510, count: 1000 }, 0.5, 100)).toBe(true); // rank 510 = 500 + 10
    expect(percentileRankAgrees({ below: 489, atOrBelow: 490, count: 1000 }, 0.5, 100)).toBe(true); // rank 490
  });

  it("rejects one rank beyond the tolerance on either side", () => {
    expect(percentileRankAgrees({ below: 510, atOrBelow: 511, count: 1000 }, 0.5, 100)).toBe(false);
    expect(percentileRankAgrees({ below: 488, atOrBelow: 489, count: 1000 }, 0.5, 100)).toBe(false);
  });

  it("accepts a duplicated value whose span of ranks covers the target", () => {
    expect(percentileRankAgrees({ below: 100, atOrBelow: 900, count: 1000 }, 0.99, 1000)).toBe(false); // ranks 101…900, target 990 ± 1
    expect(percentileRankAgrees({ below: 100, atOrBelow: 990, count: 1000 }, 0.99, 1000)).toBe(true);
  });

  it("rejects a value that is not in the data", () => {
    expect(percentileRankAgrees({ below: 500, atOrBelow: 500, count: 1000 }, 0.5, 100)).toBe(false);
  });
});

describe("comparing tables", () => {
  const row = (day: string, n: number, rate: number | null, p50: number) => ({ day, n, rate, p50 });
  const evidence = { accuracy: 10_000, ranks: { p50: { below: 1, atOrBelow: 2, count: 3 } } };

  it("finds nothing in equal tables", () => {
    const rows = [row("2023-01-02", 3, 0.5, 7), row("2023-01-03", 0, null, 7)];
    expect(
      compareTable(
        SHAPE,
        rows,
        rows.map((r) => ({ ...r })),
        evidence,
      ),
    ).toEqual([]);
  });

  it("reports each differing cell, by kind, and a row-count difference", () => {
    const spark = [row("2023-01-02", 3, 0.5, 7), row("2023-01-03", 1, 0.25, 7)];
    const duckdb = [row("2023-01-02", 4, 0.5 + 1e-12, 9), row("2023-01-03", 1, 0.26, 7), row("2023-01-04", 0, null, 7)];
    const found = compareTable(SHAPE, spark, duckdb, evidence);
    expect(found.map((d) => [d.row, d.column])).toEqual([
      [-1, "(rows)"],
      [0, "n"],
      [1, "rate"],
    ]);
    // p50 differs in value (7 vs 9) but Spark's 7 holds rank 2 of 3, the median: agreed.
  });

  it("flags a percentile without rank evidence, and one outside the tolerance", () => {
    const rows = [row("2023-01-02", 3, 0.5, 7)];
    expect(compareTable(SHAPE, rows, rows).map((d) => d.column)).toEqual(["p50"]);
    const off = { accuracy: 10_000, ranks: { p50: { below: 2, atOrBelow: 3, count: 3 } } }; // rank 3, target 2, tolerance 1: still fine
    expect(compareTable(SHAPE, rows, rows, off)).toEqual([]);
    const far = { accuracy: 10_000, ranks: { p50: { below: 9, atOrBelow: 10, count: 10 } } }; // rank 10, target 5 ± 1
    expect(compareTable(SHAPE, rows, rows, far).map((d) => d.column)).toEqual(["p50"]);
  });

  it("treats a table missing on one side as all its rows missing", () => {
    const found = compareAnalysis([SHAPE], { t: [row("2023-01-02", 3, 0.5, 7)] }, {}, evidence);
    expect(found).toEqual([{ table: "t", row: -1, column: "(rows)", spark: 1, duckdb: 0, why: "row counts differ" }]);
  });
});

describe("totals and growth", () => {
  const figures = (name: string, sparkMs: number, duckdbMs: number, spillBytes = 0): AnalysisFigures => ({
    name,
    sparkMs,
    sparkUiMs: sparkMs / 2,
    duckdbMs,
    ratio: sparkMs / duckdbMs,
    spillBytes,
    shuffleReadBytes: 10,
    shuffleWriteBytes: 5,
    jobs: 1,
    tasks: 2,
    heaviestStage: undefined,
    loadAtStart: 0,
    disagreements: [],
  });
  const size = (rows: number, analyses: AnalysisFigures[]): SizeResult => ({
    requestedRows: rows,
    rows,
    analyses,
    total: totals(analyses),
    sparkPeakHeapBytes: null,
    duckdbMaxRssBytes: 0,
    duckdbBaselineRssBytes: 0,
    loadAtStart: [],
    loadAtEnd: [],
  });

  it("sums times and takes the whole set's ratio from the sums, not the mean of ratios", () => {
    const t = totals([figures("a", 3000, 1000, 7), figures("b", 1000, 1000)]);
    expect(t).toEqual({ sparkMs: 4000, sparkUiMs: 2000, duckdbMs: 2000, ratio: 2, spillBytes: 7, shuffleBytes: 30 });
  });

  it("reports growth from the smallest to the largest size, whatever their order", () => {
    const large = size(20, [figures("a", 5000, 4000), figures("b", 3000, 6000)]);
    const small = size(2, [figures("a", 1000, 500), figures("b", 1000, 1000)]);
    expect(growth([large, small])).toEqual([
      { name: "a", rowRatio: 10, sparkRatio: 5, duckdbRatio: 8 },
      { name: "b", rowRatio: 10, sparkRatio: 3, duckdbRatio: 6 },
      { name: "all", rowRatio: 10, sparkRatio: 4, duckdbRatio: 6.666666666666667 },
    ]);
    expect(growth([small])).toEqual([]);
  });
});
