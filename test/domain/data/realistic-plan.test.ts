import { describe, expect, it } from "vitest";
import { eventsOfRank, firstEvent, type ActivityLayout } from "../../../src/domain/data/generate/realistic/activity";
import { BusinessClock } from "../../../src/domain/data/generate/realistic/business-clock";
import { dateOfPeriodDay, PERIOD_DAYS, periodDayOf, weekdayOf } from "../../../src/domain/data/generate/realistic/calendar";
import { planRealistic } from "../../../src/domain/data/generate/realistic/plan";
import { scatter, scatterOf, unscatter } from "../../../src/domain/data/generate/realistic/scatter";
import { numberOfRankValue, rankOfNumberValue } from "../../../src/domain/data/generate/realistic/users";
import { nextRelease, RELEASES } from "../../../src/domain/data/generate/realistic/versions";

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe("scatter", () => {
  it("is a bijection of [0, n) whose inverse undoes it", () => {
    for (const n of [1, 2, 10, 997, 1_000, 4_096]) {
      const s = scatterOf(n);
      const image = Array.from({ length: n }, (_, i) => scatter(s, i));
      expect(new Set(image).size).toBe(n);
      expect(image.every((v) => v >= 0 && v < n)).toBe(true);
      expect(image.map((v) => unscatter(s, v))).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it("numbers users 1 … N from ranks and back", () => {
    const s = scatterOf(1_000);
    const numbers = Array.from({ length: 1_000 }, (_, r) => numberOfRankValue(s, r));
    expect(new Set(numbers).size).toBe(1_000);
    expect(Math.min(...numbers)).toBe(1);
    expect(Math.max(...numbers)).toBe(1_000);
    expect(numbers[0]).not.toBe(1);
    expect(numbers.map((n) => rankOfNumberValue(s, n))).toEqual(Array.from({ length: 1_000 }, (_, r) => r));
  });
});

describe("activity layout", () => {
  const layout: ActivityLayout = { users: 20_000, hotUsers: 20, hotRows: 400_000, tailRows: 1_560_000 };
  const counts = Array.from({ length: layout.users }, (_, r) => eventsOfRank(layout, r));

  it("splits the rows exactly, every user getting at least one event", () => {
    expect(firstEvent(layout, 0)).toBe(0);
    expect(firstEvent(layout, layout.users)).toBe(layout.hotRows + layout.tailRows);
    expect(sum(counts)).toBe(layout.hotRows + layout.tailRows);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
  });

  it("gives hot users the hot rows evenly and the tail a heavy, decreasing share", () => {
    expect(sum(counts.slice(0, layout.hotUsers))).toBe(layout.hotRows);
    expect(new Set(counts.slice(0, layout.hotUsers))).toEqual(new Set([layout.hotRows / layout.hotUsers]));
    const tail = counts.slice(layout.hotUsers);
    expect(tail.every((n, i) => i === 0 || n <= (tail[i - 1] ?? 0) + 1)).toBe(true);
    expect(Math.max(...tail)).toBeLessThan(layout.hotRows / layout.hotUsers);
    // The top 1% of the tail: (0.011^¼ − 0.001^¼) / (1.001^¼ − 0.001^¼) ≈ 17.8% of its events.
    const top = sum(tail.slice(0, Math.round(tail.length / 100))) / layout.tailRows;
    expect(top).toBeCloseTo((0.011 ** 0.25 - 0.001 ** 0.25) / (1.001 ** 0.25 - 0.001 ** 0.25), 2);
  });
});

describe("calendar and business clock", () => {
  it("counts period days from 2023-01-01, a Sunday", () => {
    expect(periodDayOf("2023-01-01")).toBe(0);
    expect(periodDayOf("2023-12-31")).toBe(PERIOD_DAYS - 1);
    expect(dateOfPeriodDay(100)).toBe("2023-04-11");
    expect(weekdayOf(0)).toBe(0);
    expect(() => periodDayOf("2023-13-01")).toThrow(RangeError);
  });

  it("runs at a mean rate of one business day per day, slowed on the outage day", () => {
    const clock = new BusinessClock(101, 0.15);
    expect(clock.dayWeight[101]).toBeCloseTo(0.15 * (clock.dayWeight[108] ?? 0), 12);
    expect(sum(clock.hourShare)).toBeCloseTo(1, 12);
    // Full weeks sum to 7 business days (the weekday weights have mean 1).
    expect(sum(clock.dayWeight.slice(0, 7))).toBeCloseTo(7, 12);
    // 52 full weeks, the last day (a Sunday), less what the outage takes from a full Wednesday.
    const wednesday = clock.dayWeight[108] ?? 0;
    expect(clock.total).toBeCloseTo(52 * 7 + (clock.dayWeight[PERIOD_DAYS - 1] ?? 0) - 0.85 * wednesday, 9);
    expect(clock.maxRate).toBeGreaterThan(1);
  });
});

describe("releases", () => {
  it("is a few dozen versions in shipping order, the default regressed one fixed by a later patch", () => {
    expect(RELEASES.length).toBeGreaterThanOrEqual(24);
    expect(RELEASES.every((r, i) => i === 0 || r.shipped > (RELEASES[i - 1]?.shipped ?? 0))).toBe(true);
    expect(new Set(RELEASES.map((r) => r.version)).size).toBe(RELEASES.length);
    expect(nextRelease("6.2.0")?.version).toBe("6.2.1");
  });
});

describe("planRealistic", () => {
  it("lays out exactly the requested rows: regular users, then bots, then the spike", () => {
    for (const rows of [1_000, 100_000, 20_000_000]) {
      const plan = planRealistic(rows);
      expect(plan.regularRows + plan.bots.rows + plan.spike.rows).toBe(rows);
      expect(plan.bots.firstRow).toBe(plan.regularRows);
      expect(plan.spike.firstRow).toBe(plan.regularRows + plan.bots.rows);
      expect(plan.activity.hotRows).toBe(Math.round(rows * 0.2));
      expect(plan.interactionUsers).toBe(plan.activity.users + plan.bots.users + plan.spike.users);
      expect(plan.bots.periodSeconds * Math.ceil(plan.bots.rows / plan.bots.users)).toBeLessThanOrEqual(3 * 86_400);
    }
  });

  it("sizes the spike as factor × the expected regular volume of its day", () => {
    const plan = planRealistic(1_000_000);
    const day = plan.spike.day;
    const o = plan.options;
    const established = plan.shares.established[day] ?? 0;
    const mixed = (1 - o.newUserShare) * established + o.newUserShare * (plan.shares.newcomers[day] ?? 0);
    const baseline = plan.activity.hotRows * established + plan.activity.tailRows * mixed;
    expect(plan.spike.rows / baseline).toBeCloseTo(o.spike.factor - 1, 2);
  });

  it("spreads each kind of user's expected activity over the whole period", () => {
    const { shares } = planRealistic(100_000);
    expect(sum(shares.established)).toBeCloseTo(1, 9);
    expect(sum(shares.newcomers)).toBeCloseTo(1, 9);
    // New users pile up as the year goes on: December holds more of them than January.
    expect(sum(shares.newcomers.slice(-31))).toBeGreaterThan(sum(shares.newcomers.slice(0, 31)));
  });

  it("refuses impossible or misplaced settings", () => {
    expect(() => planRealistic(999)).toThrow(RangeError);
    expect(() => planRealistic(10_000, { users: 9_000 })).toThrow(/too many/);
    expect(() => planRealistic(10_000, { outage: { date: "2023-02-01", factor: 0.1 } })).toThrow(/56 days/);
    expect(() => planRealistic(10_000, { regressedVersion: { key: "9.9.9", factor: 2 } })).toThrow(/not a release/);
    expect(() => planRealistic(10_000, { hotEventShare: 1.5 })).toThrow(RangeError);
  });
});
