import { describe, expect, it } from "vitest";
import { formatQualityTable } from "../../../src/domain/data/quality/format-quality-table";
import type { QualitySummary } from "../../../src/domain/data/quality/quality-summary";

const rule = (reason: string, description: string, rejected: number) => ({ reason, field: "f", description, rejected });

const summary: QualitySummary = {
  interactions: {
    read: 1000,
    valid: 990,
    quarantined: 10,
    // Rule order, not name order: bad_timestamp is charged before negative_duration, a|b after.
    rules: [
      rule("malformed_row", "wrong field count", 0),
      rule("negative_duration", "duration < 0", 4),
      rule("bad_timestamp", "not a time", 6),
      rule("a|b", "x", 0),
    ],
  },
  metadata: { read: 100, valid: 100, quarantined: 0, rules: [rule("unknown_country", "not a country", 0)] },
  metadataDuplicates: { users: 2, rows: 5, rowsDropped: 3, resolution: "earliest | first" },
  interactionsWithoutMetadataShare: 0.125,
  metadataUsersWithoutInteractionsShare: 1 / 3,
};

describe("formatQualityTable", () => {
  it("renders one markdown row per measure and per rule in rule order, zero counts included, pipes escaped", () => {
    expect(formatQualityTable(summary)).toBe(
      [
        "| Dataset | Measure | Value |",
        "| --- | --- | ---: |",
        "| interactions | read | 1,000 |",
        "| interactions | valid | 990 (99.00%) |",
        "| interactions | quarantined | 10 (1.00%) |",
        "| interactions | quarantined: malformed_row — wrong field count | 0 (0.00%) |",
        "| interactions | quarantined: negative_duration — duration < 0 | 4 (0.40%) |",
        "| interactions | quarantined: bad_timestamp — not a time | 6 (0.60%) |",
        "| interactions | quarantined: a\\|b — x | 0 (0.00%) |",
        "| metadata | read | 100 |",
        "| metadata | valid | 100 (100.00%) |",
        "| metadata | quarantined | 0 (0.00%) |",
        "| metadata | quarantined: unknown_country — not a country | 0 (0.00%) |",
        "| metadata | user_ids with several rows | 2 |",
        "| metadata | rows of those user_ids | 5 |",
        "| metadata | rows dropped at join | 3 (earliest \\| first) |",
        "| interactions | valid, user without metadata | 12.50% |",
        "| metadata | users without interactions | 33.33% |",
      ].join("\n"),
    );
  });

  it("shows bare counts for an empty dataset instead of dividing by zero", () => {
    const empty = { read: 0, valid: 0, quarantined: 0, rules: [rule("malformed_row", "wrong field count", 0)] };
    const table = formatQualityTable({ ...summary, interactions: empty });
    expect(table).toContain("| interactions | valid | 0 |");
    expect(table).toContain("| interactions | quarantined: malformed_row — wrong field count | 0 |");
  });
});
