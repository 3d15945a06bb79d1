import { beforeAll, describe, expect, it } from "vitest";
import type { DataFrame, Row } from "../../../src/connect";
import { ENRICHED } from "../../../src/domain/data/schemas";
import { isoWeekStart } from "../../../src/domain/analyses/common/calendar-days";
import { DEFAULT_SESSIONS } from "../../../src/domain/analyses/definitions";
import { sessionSummary } from "../../../src/domain/analyses/sessions/session-summary";
import { sessionize } from "../../../src/domain/analyses/sessions/sessionize";
import { generator } from "../../support/random";
import type { EnrichedEvent } from "../../support/enriched";
import { useSpark } from "../../support/spark";

const MINUTE = 60_000;

type Event = EnrichedEvent;

/** An enriched event at a UTC time; device null = a user without metadata (`unknown` attributes). */
function event(userId: string, at: string | number, durationMs: number, device: string | null, plan = "free"): Event {
  const timestamp = typeof at === "number" ? new Date(at) : new Date(`${at}Z`);
  return {
    user_id: userId,
    timestamp,
    action_type: "page_view",
    page_id: "p000001",
    duration_ms: durationMs,
    app_version: "6.1.0",
    event_date: timestamp.toISOString().slice(0, 10),
    join_date: device === null ? null : "2022-05-05",
    country: device === null ? "unknown" : "US",
    device_type: device ?? "unknown",
    subscription_type: device === null ? "unknown" : plan,
  };
}

const spark = useSpark();

const frame = (events: readonly Event[]): DataFrame => spark.createDataFrame(events, ENRICHED.ddl);
const SESSION_COLUMNS = ["user_id", "session_start", "session_end", "duration_ms", "actions", "start_date", "start_week", "device_type", "subscription_type"];
async function sessionRows(df: DataFrame): Promise<unknown[][]> {
  const rows = await df.orderBy("user_id", "session_start").collect();
  return rows.map((r: Row) => SESSION_COLUMNS.map((c) => (r[c] instanceof Date ? r[c].toISOString() : r[c])));
}

// ---------------------------------------------------------------------------------------------
// By hand (gap 30 min, cut 24 h). Input rows are deliberately out of order.
// u000001 (iPhone), Monday 2023-03-06:
//   e1 10:00:00 + 60 s  → active until 10:01:00
//   e2 10:31:00 + 1 s   → 10:31:00 − 10:01:00 = exactly 30 min: same session; until 10:31:01
//   e3 11:01:02 + 5 s   → 11:01:02 − 10:31:01 = 30 min 1 s: NEW session
//   e4 11:01:02 + 1 h   → same timestamp as e3: same session; until 12:01:02
//   e5 11:30:00 + 1 s   → inside e4's duration: same session
//   e6 12:31:02 + 0     → 12:31:02 − max end 12:01:02 (e4's, not e5's 11:30:01) = exactly 30 min: same
//   sessions: 10:00:00–10:31:01 (1,861,000 ms, 2 actions); 11:01:02–12:31:02 (5,400,000 ms, 4 actions)
// u000002 (iPhone): a single event, 2023-03-01 05:00:00 + 2 s → 2,000 ms, 1 action
// u000003 (Mac): 2023-03-01 23:50:00 + 10 min (until midnight), 03-02 00:20:00 + 1 s → 20 min gap:
//   one session across midnight, 23:50:00–00:20:01 = 1,801,000 ms, 2 actions, start_date 03-01
// u000004 (no metadata): an event every 20 min (duration 0) from 03-01 00:00 to 03-02 02:00, 79 events,
//   one 26-h session cut at 24 h from its start: 00:00–23:40 (72 events, 85,200,000 ms) and
//   03-02 00:00–02:00 (7 events, 7,200,000 ms)
const EVERY_20_MIN = Array.from({ length: 79 }, (_, i) => event("u000004", Date.UTC(2023, 2, 1) + i * 20 * MINUTE, 0, null));
const HAND: Event[] = [
  event("u000001", "2023-03-06T12:31:02", 0, "iPhone"),
  event("u000003", "2023-03-02T00:20:00", 1_000, "Mac", "premium"),
  event("u000001", "2023-03-06T11:30:00", 1_000, "iPhone"),
  ...EVERY_20_MIN.slice(40),
  event("u000001", "2023-03-06T11:01:02", 3_600_000, "iPhone"),
  event("u000001", "2023-03-06T10:31:00", 1_000, "iPhone"),
  event("u000002", "2023-03-01T05:00:00", 2_000, "iPhone"),
  event("u000001", "2023-03-06T11:01:02", 5_000, "iPhone"),
  ...EVERY_20_MIN.slice(0, 40).reverse(),
  event("u000001", "2023-03-06T10:00:00", 60_000, "iPhone"),
  event("u000003", "2023-03-01T23:50:00", 600_000, "Mac", "premium"),
];
const HAND_SESSIONS = [
  ["u000001", "2023-03-06T10:00:00.000Z", "2023-03-06T10:31:01.000Z", 1_861_000, 2, "2023-03-06", "2023-03-06", "iPhone", "free"],
  ["u000001", "2023-03-06T11:01:02.000Z", "2023-03-06T12:31:02.000Z", 5_400_000, 4, "2023-03-06", "2023-03-06", "iPhone", "free"],
  ["u000002", "2023-03-01T05:00:00.000Z", "2023-03-01T05:00:02.000Z", 2_000, 1, "2023-03-01", "2023-02-27", "iPhone", "free"],
  ["u000003", "2023-03-01T23:50:00.000Z", "2023-03-02T00:20:01.000Z", 1_801_000, 2, "2023-03-01", "2023-02-27", "Mac", "premium"],
  ["u000004", "2023-03-01T00:00:00.000Z", "2023-03-01T23:40:00.000Z", 85_200_000, 72, "2023-03-01", "2023-02-27", "unknown", "unknown"],
  ["u000004", "2023-03-02T00:00:00.000Z", "2023-03-02T02:00:00.000Z", 7_200_000, 7, "2023-03-02", "2023-02-27", "unknown", "unknown"],
];
const SUMMARY_COLUMNS = [
  "sessions",
  "users",
  "mean_duration_ms",
  "p50_duration_ms",
  "p90_duration_ms",
  "p99_duration_ms",
  "mean_actions",
  "sessions_per_user_week",
  "sessions_per_user_day",
];

describe("sessions on hand-built data", () => {
  it("sessionises by the inactivity gap from the latest end, with the 24-h cut", async () => {
    expect(await sessionRows(sessionize(frame(HAND)))).toEqual(HAND_SESSIONS);
  });

  it("takes the gap and the cut as parameters", async () => {
    // Gap 1 h: u000001's 30 min 1 s gap no longer splits: 10:00:00–12:31:02 = 9,062,000 ms, 6 actions.
    // Cut 12 h: u000004's 26 h become 00:00–11:40 (36 events), 12:00–23:40 (36), 03-02 00:00–02:00 (7).
    const sessions = await sessionRows(sessionize(frame(HAND), { inactivityGapMs: 60 * MINUTE, maxSessionMs: 12 * 60 * MINUTE }));
    expect(sessions.filter((s) => s[0] === "u000001").map((s) => [s[3], s[4]])).toEqual([[9_062_000, 6]]);
    expect(sessions.filter((s) => s[0] === "u000004").map((s) => [s[1], s[3], s[4]])).toEqual([
      ["2023-03-01T00:00:00.000Z", 35 * 20 * MINUTE, 36],
      ["2023-03-01T12:00:00.000Z", 35 * 20 * MINUTE, 36],
      ["2023-03-02T00:00:00.000Z", 6 * 20 * MINUTE, 7],
    ]);
  });

  it("summarises durations, actions and frequency", async () => {
    // Durations ascending: 2,000; 1,801,000; 1,861,000; 5,400,000; 7,200,000; 85,200,000 (sum 101,464,000).
    // Nearest rank: p50 = 3rd, p90 = ceil(5.4) = 6th, p99 = 6th. Actions 2+4+1+2+72+7 = 88.
    // (user, ISO week) pairs: u1/03-06, u2/02-27, u3/02-27, u4/02-27 → 6 / 4.
    // (user, day) pairs: u1/03-06, u2/03-01, u3/03-01, u4/03-01, u4/03-02 → 6 / 5.
    const [row] = await sessionSummary(sessionize(frame(HAND))).collect();
    expect(SUMMARY_COLUMNS.map((c) => row?.[c])).toEqual([6, 4, 101_464_000 / 6, 1_861_000, 85_200_000, 85_200_000, 88 / 6, 1.5, 1.2]);
  });

  it("breaks the summary down by device_type, unknown included", async () => {
    // iPhone: u1's two sessions and u2's: 1,861,000; 5,400,000; 2,000 → mean 2,421,000, p50 1,861,000,
    //   p90 = p99 = 5,400,000 (ceil(2.7) = 3rd), actions 7/3; pairs (u1, 03-06 week/day), (u2, 02-27/03-01) → 3/2.
    // Mac: u3's one session. unknown: u4's two pieces, one week, two days.
    const rows = await sessionSummary(sessionize(frame(HAND)), DEFAULT_SESSIONS, "device_type").collect();
    expect(rows.map((r) => ["device_type", ...SUMMARY_COLUMNS].map((c) => r[c]))).toEqual([
      ["Mac", 1, 1, 1_801_000, 1_801_000, 1_801_000, 1_801_000, 2, 1, 1],
      ["iPhone", 3, 2, 2_421_000, 1_861_000, 5_400_000, 5_400_000, 7 / 3, 1.5, 1.5],
      ["unknown", 2, 1, 46_200_000, 7_200_000, 85_200_000, 85_200_000, 39.5, 2, 1],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: bursty generated events (gaps of exactly 30 min, 30 min + 1 s, equal timestamps,
// events inside earlier ones, long events, an always-on bot), shuffled; Spark = brute force.
const next = generator(4_242);
const int = (n: number): number => Math.floor(next() * n);
const DEVICES = ["iPhone", "Mac", null] as const;
const PLANS = ["free", "premium"] as const;

function generated(): Event[] {
  const events: Event[] = [];
  for (let u = 1; u <= 70; u++) {
    const userId = `u${String(u).padStart(6, "0")}`;
    const device = DEVICES[u % 3] ?? null;
    const plan = PLANS[u % 2] ?? "free";
    for (let burst = 0; burst < 2 + int(6); burst++) {
      let at = Date.UTC(2023, 0, 1) + int(60 * 86_400) * 1000;
      let end = at;
      for (let i = 0; i < 1 + int(25); i++) {
        const duration = next() < 0.05 ? int(3 * 3600) * 1000 : int(600) * 1000;
        events.push(event(userId, at, duration, device, plan));
        end = Math.max(end, at + duration);
        const kind = int(6);
        // The next event: at the same time, inside this one, exactly at or just past the gap, or later.
        at =
          kind === 0
            ? at
            : kind === 1
              ? at + Math.floor(duration / 2000) * 1000
              : kind === 2
                ? end + 30 * MINUTE
                : kind === 3
                  ? end + 30 * MINUTE + 1000
                  : end + int(40 * 60) * 1000;
      }
    }
  }
  // A bot: every 10 minutes for 3 days (one 72-h activity, cut into three 24-h sessions).
  for (let i = 0; i < 432; i++) events.push(event("u000099", Date.UTC(2023, 1, 1, 6) + i * 10 * MINUTE, 1000, "Mac"));
  // Shuffle (Fisher–Yates): the input order must not matter.
  for (let i = events.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [events[i], events[j]] = [events[j] as Event, events[i] as Event];
  }
  return events;
}

interface Session {
  user: string;
  start: number;
  end: number;
  actions: number;
  device: string;
  plan: string;
}

function bruteSessions(events: readonly Event[], gapMs: number, cutMs: number): Session[] {
  const byUser = new Map<string, Event[]>();
  for (const e of events) byUser.set(e.user_id, [...(byUser.get(e.user_id) ?? []), e]);
  const sessions: Session[] = [];
  for (const [user, list] of byUser) {
    list.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    let latestEnd = -Infinity;
    let sessionStart = 0;
    let current: Session | undefined;
    let piece = -1;
    for (const e of list) {
      const ts = e.timestamp.getTime();
      const newSession = ts - latestEnd > gapMs;
      if (newSession) sessionStart = ts;
      const p = Math.floor((ts - sessionStart) / cutMs);
      if (newSession || p !== piece || current === undefined) {
        current = { user, start: ts, end: ts + e.duration_ms, actions: 0, device: e.device_type, plan: e.subscription_type };
        sessions.push(current);
        piece = p;
      }
      current.end = Math.max(current.end, ts + e.duration_ms);
      current.actions++;
      latestEnd = Math.max(latestEnd, ts + e.duration_ms);
    }
  }
  return sessions.sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : a.start - b.start));
}

function bruteSummary(sessions: readonly Session[]): unknown[] {
  const durations = sessions.map((s) => s.end - s.start).sort((a, b) => a - b);
  const rank = (p: number): number => durations[Math.ceil(p * durations.length) - 1] ?? NaN;
  const day = (s: Session): string => new Date(s.start).toISOString().slice(0, 10);
  const users = new Set(sessions.map((s) => s.user)).size;
  const weeks = new Set(sessions.map((s) => `${s.user}/${isoWeekStart(day(s))}`)).size;
  const days = new Set(sessions.map((s) => `${s.user}/${day(s)}`)).size;
  const sum = durations.reduce((a, b) => a + b, 0);
  const actions = sessions.reduce((a, s) => a + s.actions, 0);
  return [
    sessions.length,
    users,
    sum / sessions.length,
    rank(0.5),
    rank(0.9),
    rank(0.99),
    actions / sessions.length,
    sessions.length / weeks,
    sessions.length / days,
  ];
}

describe("properties on generated data (Spark = brute force)", () => {
  const GENERATED = generated();
  const expected = bruteSessions(GENERATED, DEFAULT_SESSIONS.inactivityGapMs, DEFAULT_SESSIONS.maxSessionMs);
  let sessions: DataFrame;
  beforeAll(() => {
    sessions = sessionize(frame(GENERATED));
  });

  it("the generated data covers the edge cases", () => {
    expect(GENERATED.length).toBeGreaterThan(2000);
    expect(expected.filter((s) => s.user === "u000099").map((s) => s.actions)).toEqual([144, 144, 144]);
    expect(expected.some((s) => s.actions === 1)).toBe(true);
  });

  it("sessions agree exactly", async () => {
    const rows = await sessions.orderBy("user_id", "session_start").collect();
    const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
    expect(
      rows.map((r) => [
        r.user_id,
        (r.session_start as Date).getTime(),
        (r.session_end as Date).getTime(),
        r.duration_ms,
        r.actions,
        r.start_date,
        r.start_week,
        r.device_type,
      ]),
    ).toEqual(expected.map((s) => [s.user, s.start, s.end, s.end - s.start, s.actions, day(s.start), isoWeekStart(day(s.start)), s.device]));
  });

  it("the summary, overall and by device_type and subscription_type, agrees (percentiles exact at high accuracy)", async () => {
    const params = { ...DEFAULT_SESSIONS, percentileAccuracy: 1_000_000 };
    const close = (actual: unknown[], wanted: unknown[]): void => {
      expect(actual.slice(0, 2)).toEqual(wanted.slice(0, 2));
      expect(actual.slice(3, 6)).toEqual(wanted.slice(3, 6));
      for (const i of [2, 6, 7, 8]) expect(actual[i]).toBeCloseTo(wanted[i] as number, 9);
    };
    const [overall] = await sessionSummary(sessions, params).collect();
    close(
      SUMMARY_COLUMNS.map((c) => overall?.[c]),
      bruteSummary(expected),
    );
    for (const [dimension, of] of [
      ["device_type", (s: Session) => s.device],
      ["subscription_type", (s: Session) => s.plan],
    ] as const) {
      const rows = await sessionSummary(sessions, params, dimension).collect();
      const values = [...new Set(expected.map(of))].sort();
      expect(rows.map((r) => r[dimension])).toEqual(values);
      rows.forEach((r, i) => {
        close(
          SUMMARY_COLUMNS.map((c) => r[c]),
          bruteSummary(expected.filter((s) => of(s) === values[i])),
        );
      });
    }
  });
});
