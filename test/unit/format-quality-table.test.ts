import { describe, expect, it } from "vitest";
import { formatQualityTable } from "../../src/data/quality/format-quality-table";
import type { QualitySummary } from "../../src/data/quality/quality-summary";

const summary: QualitySummary = {
  interactions: { read: 1000, valid: 990, quarantined: 10, byReason: { negative_duration: 4, bad_timestamp: 6 } },
  metadata: { read: 100, valid: 100, quarantined: 0, byReason: {} },
  metadataDuplicates: { users: 2, rows: 5, rowsDropped: 3, resolution: "earliest | first" },
  interactionsWithoutMetadataShare: 0.125,
  metadataUsersWithoutInteractionsShare: 1 / 3,
};

describe("formatQualityTable", () => {
  it("renders one markdown row per measure, reasons sorted, pipes escaped", () => {
    expect(formatQualityTable(summary)).toBe(
      [
        "| Dataset | Measure | Value |",
        "| --- | --- | ---: |",
        "| interactions | read | 1,000 |",
        "| interactions | valid | 990 (99.00%) |",
        "| interactions | quarantined | 10 (1.00%) |",
        "| interactions | quarantined: bad_timestamp | 6 (0.60%) |",
        "| interactions | quarantined: negative_duration | 4 (0.40%) |",
        "| metadata | read | 100 |",
        "| metadata | valid | 100 (100.00%) |",
        "| metadata | quarantined | 0 (0.00%) |",
        "| metadata | user_ids with several rows | 2 |",
        "| metadata | rows of those user_ids | 5 |",
        "| metadata | rows dropped at join | 3 (earliest \\| first) |",
        "| interactions | valid, user without metadata | 12.50% |",
        "| metadata | users without interactions | 33.33% |",
      ].join("\n"),
    );
  });

  it("shows bare counts for an empty dataset instead of dividing by zero", () => {
    const empty = { read: 0, valid: 0, quarantined: 0, byReason: {} };
    expect(formatQualityTable({ ...summary, interactions: empty })).toContain("| interactions | valid | 0 |");
  });
});
