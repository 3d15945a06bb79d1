import { describe, expect, it } from "vitest";
import { addDays, daysBetween, earlierDay, isoWeekStart, laterDay, monthStart } from "../../../src/domain/analyses/common/calendar-days";
import { trailingRange } from "../../../src/domain/analyses/common/event-date-bounds";
import { topCount } from "../../../src/domain/analyses/engagement/power-users";

describe("calendar days (UTC)", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-01-01", -1)).toBe("2022-12-31");
    expect(addDays("2023-12-31", -364)).toBe("2023-01-01"); // the past year ending 12-31: 365 days
    expect(daysBetween("2023-01-01", "2023-12-31")).toBe(364);
  });

  it("finds the Monday of the ISO week", () => {
    // 2023-03-06 is a Monday, 2023-03-12 the Sunday of that week; 2023-01-01 a Sunday (week of 2022-12-26).
    expect(isoWeekStart("2023-03-06")).toBe("2023-03-06");
    expect(isoWeekStart("2023-03-12")).toBe("2023-03-06");
    expect(isoWeekStart("2023-03-13")).toBe("2023-03-13");
    expect(isoWeekStart("2023-01-01")).toBe("2022-12-26");
    expect(isoWeekStart("1969-12-31")).toBe("1969-12-29"); // before the epoch: the modulo stays positive
  });

  it("takes month starts and orders days", () => {
    expect(monthStart("2023-02-17")).toBe("2023-02-01");
    expect(laterDay("2023-02-01", "2023-01-31")).toBe("2023-02-01");
    expect(earlierDay("2023-02-01", "2023-01-31")).toBe("2023-01-31");
  });

  it("rejects what is not a calendar date", () => {
    expect(() => addDays("2023-02-30", 1)).toThrow(RangeError);
    expect(() => isoWeekStart("03/06/2023")).toThrow(RangeError);
  });
});

describe("trailing range", () => {
  const bounds = { first: "2023-01-01", last: "2023-12-31" };

  it("is the past year ending at as_of, never before the first event", () => {
    expect(trailingRange(bounds, 365)).toEqual({ from: "2023-01-01", to: "2023-12-31" });
    expect(trailingRange(bounds, 30, "2023-06-30")).toEqual({ from: "2023-06-01", to: "2023-06-30" });
    expect(trailingRange(bounds, 365, "2023-06-30")).toEqual({ from: "2023-01-01", to: "2023-06-30" });
  });

  it("rejects an empty range", () => {
    expect(() => trailingRange(bounds, 0)).toThrow(RangeError);
    expect(() => trailingRange(bounds, 10, "2022-12-01")).toThrow(RangeError);
  });
});

describe("top X% count", () => {
  it("is ceil(X/100 × users) without floating-point noise", () => {
    expect(0.07 * 100).toBeGreaterThan(7); // the noise the helper must not round up
    expect(topCount(7, 100)).toBe(7);
    expect(topCount(1, 150)).toBe(2);
    expect(topCount(1, 1_000_000)).toBe(10_000);
    expect(topCount(0.5, 3)).toBe(1);
    expect(topCount(100, 42)).toBe(42);
    expect(topCount(1, 0)).toBe(0);
    expect(() => topCount(0, 10)).toThrow(RangeError);
    expect(() => topCount(101, 10)).toThrow(RangeError);
  });
});
