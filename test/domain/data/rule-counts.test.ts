import { describe, expect, it } from "vitest";
import { countsByRule } from "../../../src/domain/data/quality/rule-counts";

const RULES = [
  { reason: "malformed_row", field: "*", description: "wrong field count" },
  { reason: "bad_timestamp", field: "timestamp", description: "not a time" },
  { reason: "negative_duration", field: "duration_ms", description: "duration < 0" },
];

describe("countsByRule", () => {
  it("lists every rule in order with its count, 0 for rules that rejected nothing, duplicate_event last", () => {
    const counts = { read: 20, valid: 11, quarantined: 9, byReason: { negative_duration: 4, duplicate_event: 2, malformed_row: 3 } };
    const rules = countsByRule(RULES, counts);
    expect(rules.map((r) => [r.reason, r.rejected])).toEqual([
      ["malformed_row", 3],
      ["bad_timestamp", 0],
      ["negative_duration", 4],
      ["duplicate_event", 2],
    ]);
    expect(rules[1]).toEqual({ reason: "bad_timestamp", field: "timestamp", description: "not a time", rejected: 0 });
    expect(rules[3]?.description).toMatch(/repeats an earlier one/);
    // Every quarantined row is in exactly one rule's count.
    expect(rules.reduce((sum, r) => sum + r.rejected, 0)).toBe(counts.quarantined);
  });

  it("lists every rule at 0 for a clean batch", () => {
    const rules = countsByRule(RULES, { read: 5, valid: 5, quarantined: 0, byReason: {} });
    expect(rules.map((r) => r.rejected)).toEqual([0, 0, 0, 0]);
  });

  it("refuses counts for a reason no rule names, rather than leave rows unaccounted for", () => {
    expect(() => countsByRule(RULES, { read: 1, valid: 0, quarantined: 1, byReason: { mystery: 1 } })).toThrow(/mystery/);
  });
});
