import { beforeAll, describe, expect, it } from "vitest";
import { functions as F, type DataFrame, type Row } from "../../../src/connect";
import { ENRICHED } from "../../../src/domain/data/schemas";
import { addDays, daysBetween, isoWeekStart } from "../../../src/domain/analyses/common/calendar-days";
import { readEventDateBounds, trailingRange, type DayRange } from "../../../src/domain/analyses/common/event-date-bounds";
import { dateLit } from "../../../src/domain/analyses/common/utc-columns";
import { DEFAULT_ACTIVE_USERS, DEFAULT_POWER_USERS, DEFAULT_RETENTION, type ActiveUsersParams } from "../../../src/domain/analyses/definitions";
import { activeUsers, calendarMonthlyActiveUsers } from "../../../src/domain/analyses/engagement/active-users";
import { interactionTimeOutliers } from "../../../src/domain/analyses/engagement/interaction-time-outliers";
import { findPowerUsers, userInteractionTotals } from "../../../src/domain/analyses/engagement/power-users";
import { retentionBreakdown, retentionCells, retentionCurve } from "../../../src/domain/analyses/engagement/retention";
import { generator } from "../../support/random";
import type { EnrichedEvent } from "../../support/enriched";
import { useSpark } from "../../support/spark";

interface Metadata {
  readonly join_date: string;
  readonly country: string;
  readonly device_type: string;
  readonly subscription_type: string;
}
type Event = EnrichedEvent;

const UNKNOWN = { join_date: null, country: "unknown", device_type: "unknown", subscription_type: "unknown" } as const;

/** An enriched event; event_date is the UTC day of the timestamp; no metadata reads `unknown`. */
function event(userId: string, isoTimestamp: string, durationMs = 1000, metadata: Metadata | null = null): Event {
  const timestamp = new Date(`${isoTimestamp}Z`);
  return {
    user_id: userId,
    timestamp,
    action_type: "edit",
    page_id: "p000001",
    duration_ms: durationMs,
    app_version: "5.0.0",
    event_date: timestamp.toISOString().slice(0, 10),
    ...(metadata ?? UNKNOWN),
  };
}

const meta = (join_date: string, device_type = "iPhone", country = "US", subscription_type = "free"): Metadata => ({
  join_date,
  country,
  device_type,
  subscription_type,
});

const spark = useSpark();

const frame = (events: readonly Event[]): DataFrame => spark.createDataFrame(events, ENRICHED.ddl);
const rowsOf = async (df: DataFrame, columns: readonly string[]): Promise<unknown[][]> => (await df.collect()).map((r: Row) => columns.map((c) => r[c]));

// ---------------------------------------------------------------------------------------------
// Active users, by hand. Activity (UTC days):
//   u5: 02-27 | u1: 03-01 (twice, one at 23:59:59), 03-04 | u2: 03-02, 03-08 (00:00:00)
//   u3 (no metadata): 03-04 | u4: 03-10 (a single event) | u6: 03-11
// No events on 02-28, 03-03, 03-05, 03-06, 03-07, 03-09: their DAU rows must exist with 0.
const ACTIVE: Event[] = [
  event("u000001", "2023-03-04T08:00:00", 1000, meta("2022-01-01")),
  event("u000005", "2023-02-27T12:00:00", 1000, meta("2022-01-01")),
  event("u000001", "2023-03-01T10:00:00", 1000, meta("2022-01-01")),
  event("u000001", "2023-03-01T23:59:59", 1000, meta("2022-01-01")),
  event("u000002", "2023-03-02T12:00:00", 1000, meta("2022-01-01")),
  event("u000002", "2023-03-08T00:00:00", 1000, meta("2022-01-01")),
  event("u000003", "2023-03-04T12:00:00"),
  event("u000004", "2023-03-10T12:00:00", 1000, meta("2022-01-01")),
  event("u000006", "2023-03-11T09:00:00", 1000, meta("2022-01-01")),
];

// With WAU over 3 days and MAU over 5 (small windows keep the working short):
//   day    active        DAU  WAU [d-2,d]          MAU [d-4,d]
//   02-27  u5             1    1 {u5}               1 {u5}
//   02-28  -              0    1 {u5}               1 {u5}
//   03-01  u1             1    2 {u5,u1}            2 {u5,u1}
//   03-02  u2             1    2 {u1,u2}            3 {u5,u1,u2}
//   03-03  -              0    2 {u1,u2}            3 {u5,u1,u2}
//   03-04  u1,u3          2    3 {u2,u1,u3}         3 {u1,u2,u3}   (u5's 02-27 has left)
//   03-05  -              0    2 {u1,u3}            3 {u1,u2,u3}
//   03-06  -              0    2 {u1,u3}            3 {u2,u1,u3}
//   03-07  -              0    0                    2 {u1,u3}
//   03-08  u2             1    1 {u2}               3 {u1,u3,u2}
//   03-09  -              0    1 {u2}               1 {u2}
//   03-10  u4             1    2 {u2,u4}            2 {u2,u4}
//   03-11  u6             1    2 {u4,u6}            3 {u2,u4,u6}
const SMALL_WINDOWS: ActiveUsersParams = { ...DEFAULT_ACTIVE_USERS, wauDays: 3, mauDays: 5 };
const BY_HAND: [string, number, number, number][] = [
  ["2023-02-27", 1, 1, 1],
  ["2023-02-28", 0, 1, 1],
  ["2023-03-01", 1, 2, 2],
  ["2023-03-02", 1, 2, 3],
  ["2023-03-03", 0, 2, 3],
  ["2023-03-04", 2, 3, 3],
  ["2023-03-05", 0, 2, 3],
  ["2023-03-06", 0, 2, 3],
  ["2023-03-07", 0, 0, 2],
  ["2023-03-08", 1, 1, 3],
  ["2023-03-09", 0, 1, 1],
  ["2023-03-10", 1, 2, 2],
  ["2023-03-11", 1, 2, 3],
];
const withRatio = (rows: readonly [string, number, number, number][]): unknown[][] =>
  rows.map(([date, dau, wau, mau]) => [date, dau, wau, mau, mau === 0 ? null : dau / mau]);
const DAU_COLUMNS = ["date", "dau", "wau", "mau", "dau_mau_ratio"];

describe("active users on hand-built data", () => {
  it("reads the event date range and derives the past-year range from it", async () => {
    const bounds = await readEventDateBounds(frame(ACTIVE));
    expect(bounds).toEqual({ first: "2023-02-27", last: "2023-03-11" });
    // 365 days ending 03-11 start before the first event: the range starts at the first event.
    expect(trailingRange(bounds, 365)).toEqual({ from: "2023-02-27", to: "2023-03-11" });
    expect(trailingRange(bounds, 10, "2023-03-10")).toEqual({ from: "2023-03-01", to: "2023-03-10" });
  });

  it("counts DAU, rolling WAU and MAU for every day, zeros included (exact and approximate)", async () => {
    const range: DayRange = { from: "2023-02-27", to: "2023-03-11" };
    expect(await rowsOf(activeUsers(frame(ACTIVE), range, SMALL_WINDOWS), DAU_COLUMNS)).toEqual(withRatio(BY_HAND));
    // A few users per window: the sketches are still in their exact (list) mode.
    const approximate = activeUsers(frame(ACTIVE), range, { ...SMALL_WINDOWS, mode: "approximate" });
    expect(await rowsOf(approximate, DAU_COLUMNS)).toEqual(withRatio(BY_HAND));
  });

  it("counts activity before the range towards its first windows, and none after as_of", async () => {
    // 03-01 … 03-10: u5 (02-27) still counts in the first days' windows; u6 (03-11) nowhere.
    const rows = await rowsOf(activeUsers(frame(ACTIVE), { from: "2023-03-01", to: "2023-03-10" }, SMALL_WINDOWS), DAU_COLUMNS);
    expect(rows).toEqual(withRatio(BY_HAND.slice(2, 12)));
  });

  it("uses 7- and 30-day windows by default", async () => {
    // WAU(03-08) = users in 03-02…03-08 = {u2, u1, u3} = 3; WAU(03-11) = 03-05…03-11 = {u2, u4, u6} = 3.
    // MAU covers everything from 02-27: distinct users so far: 1,1,2,3,3,4,4,4,4,4,4,5,6.
    const rows = await rowsOf(activeUsers(frame(ACTIVE), { from: "2023-02-27", to: "2023-03-11" }), ["date", "wau", "mau"]);
    expect(rows.find((r) => r[0] === "2023-03-08")?.[1]).toBe(3);
    expect(rows.find((r) => r[0] === "2023-03-11")?.[1]).toBe(3);
    expect(rows.map((r) => r[2])).toEqual([1, 1, 2, 3, 3, 4, 4, 4, 4, 4, 4, 5, 6]);
  });

  it("counts calendar MAU for each month the range touches", async () => {
    // February: {u5}; March up to 03-11: {u1, u2, u3, u4, u6}; up to 03-10: u6 is left out.
    for (const mode of ["exact", "approximate"] as const) {
      const params = { ...DEFAULT_ACTIVE_USERS, mode };
      expect(await rowsOf(calendarMonthlyActiveUsers(frame(ACTIVE), { from: "2023-02-27", to: "2023-03-11" }, params), ["month", "mau"])).toEqual([
        ["2023-02", 1],
        ["2023-03", 5],
      ]);
      expect(await rowsOf(calendarMonthlyActiveUsers(frame(ACTIVE), { from: "2023-03-01", to: "2023-03-10" }, params), ["month", "mau"])).toEqual([
        ["2023-03", 4],
      ]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Power users, by hand (cap 30 min = 1,800,000 ms):
//   u1: 1,000 + min(2,000,000, cap) = 1,801,000 over 2 events (1 capped)
//   u2: 1,800,000 exactly (at the cap, not over it: not capped)
//   u4: min(1,801,000, cap) = 1,800,000 (1 capped): ties u2, who ranks first by user_id
//   u3 (no metadata): 2 × 500,000 = 1,000,000
//   u5: 100 on 2023-03-10, and 9,000,000 on 2022-03-01, outside the 365 days ending 2023-03-10
const POWER: Event[] = [
  event("u000004", "2023-03-03T10:00:00", 1_801_000, meta("2022-01-01")),
  event("u000001", "2023-03-01T10:00:00", 1_000, meta("2022-01-01")),
  event("u000001", "2023-03-02T10:00:00", 2_000_000, meta("2022-01-01")),
  event("u000002", "2023-03-05T10:00:00", 1_800_000, meta("2022-01-01")),
  event("u000003", "2023-03-05T11:00:00", 500_000),
  event("u000003", "2023-03-06T11:00:00", 500_000),
  event("u000005", "2023-03-10T11:00:00", 100, meta("2022-01-01")),
  event("u000005", "2022-03-01T11:00:00", 9_000_000, meta("2022-01-01")),
];
const YEAR_TO_0310: DayRange = { from: "2022-03-11", to: "2023-03-10" };

describe("power users on hand-built data", () => {
  it("computes capped totals per user within the window", async () => {
    const totals = userInteractionTotals(frame(POWER), YEAR_TO_0310, DEFAULT_POWER_USERS.capMs).orderBy("user_id");
    expect(await rowsOf(totals, ["user_id", "total_ms", "events", "capped_events"])).toEqual([
      ["u000001", 1_801_000, 2, 1],
      ["u000002", 1_800_000, 1, 0],
      ["u000003", 1_000_000, 2, 0],
      ["u000004", 1_800_000, 1, 1],
      ["u000005", 100, 1, 0],
    ]);
  });

  it("ranks the top ceil(X% × users), ties by user_id, and counts capped events", async () => {
    const totals = userInteractionTotals(frame(POWER), YEAR_TO_0310, DEFAULT_POWER_USERS.capMs);
    // 5 active users: 1% → ceil(0.05) = 1; 40% → 2 (u2 wins the tie with u4); 50% → ceil(2.5) = 3.
    const expected: unknown[][] = [
      [1, "u000001", 1_801_000, 2],
      [2, "u000002", 1_800_000, 1],
      [3, "u000004", 1_800_000, 1],
    ];
    for (const [percent, count] of [
      [1, 1],
      [40, 2],
      [50, 3],
    ] as const) {
      const result = await findPowerUsers(totals, { ...DEFAULT_POWER_USERS, percent });
      expect({ users: result.activeUsers, count: result.topCount, events: result.events, capped: result.cappedEvents }).toEqual({
        users: 5,
        count,
        events: 7,
        capped: 2,
      });
      expect(await rowsOf(result.top.orderBy("rank"), ["rank", "user_id", "total_ms", "events"])).toEqual(expected.slice(0, count));
    }
  });

  it("flags log-total outliers by modified z-score", async () => {
    // Totals 1000·2^k for k = 0…4 and one of 1000·2^20 (no cap in this test): ln = ln 1000 + k·ln 2.
    // k = 0,1,2,3,4,20: median = ln 1000 + 2.5·ln 2; |deviations| = 2.5,1.5,0.5,0.5,1.5,17.5 (× ln 2),
    // MAD = 1.5·ln 2. z(k=20) = 0.6745 · 17.5 / 1.5 = 7.869…; z(k=4) = 0.6745: only k = 20 is flagged.
    const events = [0, 1, 2, 3, 4, 20].map((k) => event(`u00010${String(k).padStart(2, "0")}`, "2023-03-01T10:00:00", 1000 * 2 ** k));
    const totals = userInteractionTotals(frame(events), { from: "2023-03-01", to: "2023-03-01" }, 1e12);
    const result = await interactionTimeOutliers(totals, DEFAULT_POWER_USERS.outlierZ);
    expect(result.median).toBeCloseTo(Math.log(1000) + 2.5 * Math.LN2, 12);
    expect(result.mad).toBeCloseTo(1.5 * Math.LN2, 12);
    const flagged = await result.outliers.collect();
    expect(flagged.map((r) => [r.user_id, r.total_ms, r.events])).toEqual([["u0001020", 1000 * 2 ** 20, 1]]);
    expect(flagged[0]?.modified_z).toBeCloseTo((0.6745 * 17.5) / 1.5, 10);
  });
});

// ---------------------------------------------------------------------------------------------
// Retention by hand, as_of 2023-03-15 (a Wednesday), 3 cohorts: the weeks of 02-27, 03-06, 03-13.
//   uA: first 02-27 (iPhone, joined 03-01); active 03-08 → cohort 02-27, weeks 0 and 1
//   uB: first 03-05 (Sunday: still week 02-27; iPhone, joined 03-07); active 03-14 (week 2, not elapsed)
//   uC: no metadata; first 03-07 (week 03-06), again 03-12 (Sunday, same week)
//   uD: first 02-20 (before the cohorts: in none; Mac, joined 02-28); active 03-07
//   uE: first 03-14 (week 03-13; Mac, joined 2022-01-01)
//   uF: first 03-16, after as_of: in no cohort
// Elapsed by 03-15: week 02-27 + 7k + 6 ≤ 03-15 ⇔ k ≤ 1; 03-06: k = 0; 03-13: none.
const RETENTION_EVENTS: Event[] = [
  event("u00000A", "2023-02-27T09:00:00", 1000, meta("2023-03-01")),
  event("u00000A", "2023-03-08T09:00:00", 1000, meta("2023-03-01")),
  event("u00000B", "2023-03-05T23:00:00", 1000, meta("2023-03-07")),
  event("u00000B", "2023-03-14T09:00:00", 1000, meta("2023-03-07")),
  event("u00000C", "2023-03-12T09:00:00"),
  event("u00000C", "2023-03-07T09:00:00"),
  event("u00000D", "2023-03-07T09:00:00", 1000, meta("2023-02-28", "Mac")),
  event("u00000D", "2023-02-20T09:00:00", 1000, meta("2023-02-28", "Mac")),
  event("u00000E", "2023-03-14T09:00:00", 1000, meta("2022-01-01", "Mac")),
  event("u00000F", "2023-03-16T09:00:00", 1000, meta("2023-03-16", "Mac")),
];
const CELL_COLUMNS = ["cohort_week", "cohort_size", "week_offset", "retained", "rate"];

describe("retention on hand-built data", () => {
  const params = { ...DEFAULT_RETENTION, cohorts: 3 };

  it("fills first-activity cohort cells, null where the week has not elapsed", async () => {
    // 02-27: {uA, uB}; week 0: both; week 1 (03-06…03-12): uA → 1/2; week 2 not elapsed.
    // 03-06: {uC}; week 0: uC. 03-13: {uE}, nothing elapsed.
    const cells = retentionCells(frame(RETENTION_EVENTS), "2023-03-15", params);
    expect(await rowsOf(cells, CELL_COLUMNS)).toEqual([
      ["2023-02-27", 2, 0, 2, 1],
      ["2023-02-27", 2, 1, 1, 0.5],
      ["2023-02-27", 2, 2, null, null],
      ["2023-03-06", 1, 0, 1, 1],
      ["2023-03-06", 1, 1, null, null],
      ["2023-03-06", 1, 2, null, null],
      ["2023-03-13", 1, 0, null, null],
      ["2023-03-13", 1, 1, null, null],
      ["2023-03-13", 1, 2, null, null],
    ]);
    // Week 0: (2 + 1) / (2 + 1) = 1 over 2 cohorts; week 1: 1 / 2 over one cohort; week 2: no cell.
    expect(await rowsOf(retentionCurve(cells), ["week_offset", "cohorts", "users", "retained", "rate"])).toEqual([
      [0, 2, 3, 3, 1],
      [1, 1, 2, 1, 0.5],
    ]);
  });

  it("cohorts by join_date, leaving out users without metadata", async () => {
    // 02-27: uA (03-01), uD (02-28). Week 0 (02-27…03-05): uA only → 1/2; week 1: uA 03-08, uD 03-07 → 2/2.
    // 03-06: uB (03-07); week 0 (03-06…03-12): none (03-05 is before, 03-14 after) → 0. uE joined 2022.
    // 03-13: nobody joined: size 0, rate null.
    const cells = retentionCells(frame(RETENTION_EVENTS), "2023-03-15", { ...params, cohortBy: "join_date" });
    expect(await rowsOf(cells, CELL_COLUMNS)).toEqual([
      ["2023-02-27", 2, 0, 1, 0.5],
      ["2023-02-27", 2, 1, 2, 1],
      ["2023-02-27", 2, 2, null, null],
      ["2023-03-06", 1, 0, 0, 0],
      ["2023-03-06", 1, 1, null, null],
      ["2023-03-06", 1, 2, null, null],
      ["2023-03-13", 0, 0, null, null],
      ["2023-03-13", 0, 1, null, null],
      ["2023-03-13", 0, 2, null, null],
    ]);
  });

  it("breaks the curve down by device_type, with unknown as a value", async () => {
    // iPhone: cohort 02-27 {uA, uB} → week 0: 2/2, week 1: 1/2. unknown: cohort 03-06 {uC} → week 0: 1/1.
    // Mac: only uE (cohort 03-13), whose cells have not elapsed: no curve row.
    const breakdown = retentionBreakdown(frame(RETENTION_EVENTS), "2023-03-15", params).where(F.col("dimension").eq("device_type"));
    expect(await rowsOf(breakdown, ["value", "week_offset", "cohorts", "users", "retained", "rate"])).toEqual([
      ["iPhone", 0, 1, 2, 2, 1],
      ["iPhone", 1, 1, 2, 1, 0.5],
      ["unknown", 0, 1, 1, 1, 1],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties on generated data: Spark against a brute force over the same rows in plain TS.
const next = generator(20_230_101);
const int = (n: number): number => Math.floor(next() * n);
const pick = (values: readonly string[]): string => values[int(values.length)] ?? "";
const FIRST_DAY = "2023-01-01";
const SPAN_DAYS = 150;
// Days 40…44 have no events at all (their DAU rows must still be there, with 0).
const QUIET = new Set([40, 41, 42, 43, 44]);
const DEVICES = ["iPhone", "Mac", "Windows"];
const COUNTRIES = ["US", "DE"];
const PLANS = ["free", "premium"];

function generated(): Event[] {
  const events: Event[] = [];
  for (let u = 1; u <= 160; u++) {
    const userId = `u${String(u).padStart(6, "0")}`;
    const metadata = u % 7 === 0 ? null : meta(addDays("2022-10-01", int(240)), pick(DEVICES), pick(COUNTRIES), pick(PLANS));
    // Two heavy users (automation-like: 600 events in the last 50 days), the rest 1…30 events from a random first day on.
    const count = u <= 2 ? 600 : 1 + int(30);
    const firstDay = u <= 2 ? SPAN_DAYS - 50 : int(SPAN_DAYS);
    for (let i = 0; i < count; i++) {
      let day = firstDay + int(SPAN_DAYS - firstDay);
      while (QUIET.has(day)) day = firstDay + int(SPAN_DAYS - firstDay);
      const seconds = int(86_400);
      const iso = new Date(Date.parse(`${addDays(FIRST_DAY, day)}T00:00:00Z`) + seconds * 1000).toISOString().slice(0, 19);
      const duration = next() < 0.05 ? 1_800_000 + int(3) * 600_000 : 100 + int(300_000); // some at, some over the cap
      events.push(event(userId, iso, duration, metadata));
    }
  }
  return events;
}

const GENERATED = generated();
const activeDays = (events: readonly Event[], from: string, to: string): Map<string, Set<string>> => {
  const byDay = new Map<string, Set<string>>();
  for (const e of events) if (e.event_date >= from && e.event_date <= to) byDay.set(e.event_date, (byDay.get(e.event_date) ?? new Set()).add(e.user_id));
  return byDay;
};

function bruteActiveUsers(events: readonly Event[], range: DayRange, wauDays: number, mauDays: number): unknown[][] {
  const byDay = activeDays(events, addDays(range.from, -mauDays), range.to);
  const usersIn = (last: string, days: number): number => {
    const users = new Set<string>();
    for (let i = 0; i < days; i++) for (const u of byDay.get(addDays(last, -i)) ?? []) users.add(u);
    return users.size;
  };
  const rows: [string, number, number, number][] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) rows.push([d, usersIn(d, 1), usersIn(d, wauDays), usersIn(d, mauDays)]);
  return withRatio(rows);
}

function bruteCalendarMau(events: readonly Event[], range: DayRange): unknown[][] {
  const byMonth = new Map<string, Set<string>>();
  for (let d = `${range.from.slice(0, 7)}-01`; d <= range.to; d = addDays(d, 1)) byMonth.set(d.slice(0, 7), new Set());
  for (const e of events) if (e.event_date >= `${range.from.slice(0, 7)}-01` && e.event_date <= range.to) byMonth.get(e.event_date.slice(0, 7))?.add(e.user_id);
  return [...byMonth].map(([month, users]) => [month, users.size]);
}

describe("properties on generated data (Spark = brute force)", () => {
  let events: DataFrame;
  beforeAll(() => {
    events = frame(GENERATED);
  });

  it("DAU, WAU, MAU and calendar MAU agree exactly, over the full range and a window with lookback", async () => {
    const bounds = await readEventDateBounds(events);
    for (const range of [trailingRange(bounds, 365), trailingRange(bounds, 60, addDays(bounds.last, -10))]) {
      const expected = bruteActiveUsers(GENERATED, range, 7, 30);
      expect(expected.filter((r) => r[1] === 0).length).toBeGreaterThanOrEqual(range.from === bounds.first ? QUIET.size : 0);
      expect(await rowsOf(activeUsers(events, range), DAU_COLUMNS)).toEqual(expected);
      expect(await rowsOf(calendarMonthlyActiveUsers(events, range), ["month", "mau"])).toEqual(bruteCalendarMau(GENERATED, range));
    }
  });

  it("the power users list and the outliers agree exactly", async () => {
    const bounds = await readEventDateBounds(events);
    const range = trailingRange(bounds, 100);
    const cap = DEFAULT_POWER_USERS.capMs;
    const totals = new Map<string, { total: number; events: number }>();
    let capped = 0;
    for (const e of GENERATED) {
      if (e.event_date < range.from || e.event_date > range.to) continue;
      const t = totals.get(e.user_id) ?? { total: 0, events: 0 };
      totals.set(e.user_id, { total: t.total + Math.min(e.duration_ms, cap), events: t.events + 1 });
      if (e.duration_ms > cap) capped++;
    }
    const ranked = [...totals].sort(([a, x], [b, y]) => y.total - x.total || (a < b ? -1 : 1));
    const totalsDf = userInteractionTotals(events, range, cap);
    for (const percent of [1, 10]) {
      const count = Math.ceil((percent / 100) * totals.size - 1e-9);
      const result = await findPowerUsers(totalsDf, { ...DEFAULT_POWER_USERS, percent });
      expect([result.activeUsers, result.topCount, result.cappedEvents]).toEqual([totals.size, count, capped]);
      expect(await rowsOf(result.top.orderBy("rank"), ["rank", "user_id", "total_ms", "events"])).toEqual(
        ranked.slice(0, count).map(([u, t], i) => [i + 1, u, t.total, t.events]),
      );
    }

    const logs = ranked.map(([u, t]) => [u, Math.log(t.total)] as const);
    const median = medianOf(logs.map(([, x]) => x));
    const mad = medianOf(logs.map(([, x]) => Math.abs(x - median)));
    const expected = logs
      .map(([u, x]) => [u, (0.6745 * (x - median)) / mad] as const)
      .filter(([, z]) => z > 3.5)
      .sort((a, b) => b[1] - a[1]);
    expect(expected.map(([u]) => u)).toEqual(expect.arrayContaining(["u000001", "u000002"]));
    const outliers = await interactionTimeOutliers(totalsDf, 3.5);
    const rows = await outliers.outliers.collect();
    expect(rows.map((r) => r.user_id)).toEqual(expected.map(([u]) => u));
    rows.forEach((r, i) => {
      expect(r.modified_z).toBeCloseTo(expected[i]?.[1] ?? NaN, 9);
    });
  });

  it("retention cells agree exactly, by first activity and by join_date", async () => {
    const asOf = (await readEventDateBounds(events)).last;
    for (const cohortBy of ["first_activity", "join_date"] as const) {
      const spark26 = await rowsOf(retentionCells(events, asOf, { cohorts: 26, cohortBy }), CELL_COLUMNS);
      expect(spark26).toEqual(bruteRetention(GENERATED, asOf, 26, cohortBy));
    }
  });
});

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function bruteRetention(events: readonly Event[], asOf: string, cohorts: number, cohortBy: "first_activity" | "join_date"): unknown[][] {
  const lastCohort = isoWeekStart(asOf);
  const firstCohort = addDays(lastCohort, -7 * (cohorts - 1));
  const cohortOf = new Map<string, string>();
  const days = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.event_date > asOf) continue;
    const start = cohortBy === "join_date" ? e.join_date : e.event_date;
    const current = cohortOf.get(e.user_id);
    if (start !== null && (current === undefined || start < current)) cohortOf.set(e.user_id, start);
    days.set(e.user_id, (days.get(e.user_id) ?? new Set()).add(e.event_date));
  }
  const rows: unknown[][] = [];
  for (let c = firstCohort; c <= lastCohort; c = addDays(c, 7)) {
    const members = [...cohortOf].filter(([, d]) => isoWeekStart(d) === c).map(([u]) => u);
    for (let k = 0; k < cohorts; k++) {
      const weekStart = addDays(c, 7 * k);
      const elapsed = addDays(weekStart, 6) <= asOf;
      const retained = elapsed
        ? members.filter((u) => [...(days.get(u) ?? [])].some((d) => daysBetween(weekStart, d) >= 0 && daysBetween(weekStart, d) < 7)).length
        : null;
      rows.push([c, members.length, k, retained, retained === null || members.length === 0 ? null : retained / members.length]);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Approximate mode: HyperLogLog against exact on 30k events of up to 20k users over 60 days,
// generated on the server. DataSketches' HLL has a relative standard error (RSE) of about
// 1.04 / √(2^lgConfigK); its stated 99.7% bound is 3 RSE. Each estimate must lie within it,
// and the root mean square error within 1 RSE.
describe("approximate active users", () => {
  it("stays within the sketch's error bound of the exact counts", async () => {
    const id = F.col("id");
    const events = spark
      .range(0, 30_000)
      .select(
        F.concat(F.lit("u"), F.lpad(F.pmod(F.xxhash64(id), F.lit(20_000)).cast("string"), 6, "0")).alias("user_id"),
        F.dateAdd(dateLit("2023-01-01"), F.pmod(F.xxhash64(id, F.lit(1)), F.lit(60)).cast("int")).alias("event_date"),
      );
    const range: DayRange = { from: "2023-01-01", to: "2023-03-01" };
    const exact = await activeUsers(events, range).collect();
    const exactMonths = await calendarMonthlyActiveUsers(events, range).collect();
    // Small sketches (256 and 1024 buckets), so that ~500 daily users already put them in estimation mode.
    for (const lgConfigK of [8, 10]) {
      const rse = 1.04 / Math.sqrt(2 ** lgConfigK);
      const params = { ...DEFAULT_ACTIVE_USERS, mode: "approximate" as const, lgConfigK };
      const approximate = await activeUsers(events, range, params).collect();
      const months = await calendarMonthlyActiveUsers(events, range, params).collect();
      const errors = [
        ...exact.flatMap((row, i) => (["dau", "wau", "mau"] as const).map((c) => Number(approximate[i]?.[c]) / Number(row[c]) - 1)),
        ...exactMonths.map((row, i) => Number(months[i]?.mau) / Number(row.mau) - 1),
      ];
      expect(errors).toHaveLength(60 * 3 + 3); // 60 days (01-01 … 03-01) × 3 series + 3 months
      expect(errors.some((e) => e !== 0)).toBe(true); // estimating, not counting exactly
      expect(Math.max(...errors.map(Math.abs))).toBeLessThanOrEqual(3 * rse);
      expect(Math.sqrt(errors.reduce((sum, e) => sum + e * e, 0) / errors.length)).toBeLessThanOrEqual(rse);
    }
  }, 300_000);
});
