import { beforeAll, describe, expect, it } from "vitest";

import { findAnomalies } from "../../../src/domain/analyses/anomalies/find-anomalies";
import type { Granularity, Series } from "../../../src/domain/analyses/anomalies/model";
import { collectSeries, seriesCounts } from "../../../src/domain/analyses/anomalies/series";
import { generator } from "../../support/random";
import { ENRICHED } from "../../../src/domain/data/schemas";
import type { EnrichedEvent } from "../../support/enriched";
import { useSpark } from "../../support/spark";

type Event = EnrichedEvent;

function event(user: string, at: string, action: string, version: string, country: string, device: string): Event {
  const timestamp = new Date(`${at.replace(" ", "T")}Z`);
  return {
    user_id: user,
    timestamp,
    event_date: at.slice(0, 10),
    action_type: action,
    page_id: "p000001",
    duration_ms: 1000,
    app_version: version,
    join_date: country === "unknown" ? null : "2022-01-01",
    country,
    device_type: device,
    subscription_type: country === "unknown" ? "unknown" : "free",
  };
}

// Three days; nothing of `edit` on 03-02, one event in the last second of 03-02 (UTC day boundary).
const HAND_BUILT = [
  event("u000001", "2023-03-01 10:15:00", "edit", "6.2.0", "DE", "iPhone"),
  event("u000001", "2023-03-01 10:40:00", "page_view", "6.2.1", "DE", "iPhone"),
  event("u000002", "2023-03-01 12:05:00", "edit", "7.0.0", "US", "Mac"),
  event("u000002", "2023-03-02 23:59:59", "share", "7.0.0", "US", "Mac"),
  event("u000003", "2023-03-03 09:00:00", "page_view", "6.2.0", "unknown", "unknown"),
  event("u000001", "2023-03-03 10:30:00", "edit", "6.2.0", "DE", "iPhone"),
];

/** The series of the definitions, built independently: per key, every bucket from its first to its last event. */
function expectedSeries(events: readonly Event[], granularity: Granularity): Map<string, { timestamps: string[]; values: number[] }> {
  const step = granularity === "daily" ? 86_400_000 : 3_600_000;
  const bucketOf = (e: Event): number => Math.floor(e.timestamp.getTime() / step) * step;
  const format = (ms: number): string =>
    granularity === "daily" ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toISOString().slice(0, 19).replace("T", " ");
  const keys = (e: Event): string[] => [
    "all",
    `action_type=${e.action_type}`,
    `major_minor=${e.app_version.split(".").slice(0, 2).join(".")}`,
    `country=${e.country}`,
    `device_type=${e.device_type}`,
  ];
  const byKey = new Map<string, Event[]>();
  for (const e of events) for (const k of keys(e)) byKey.set(k, [...(byKey.get(k) ?? []), e]);
  const result = new Map<string, { timestamps: string[]; values: number[] }>();
  for (const [key, keyed] of byKey) {
    const buckets = keyed.map(bucketOf);
    const first = Math.min(...buckets);
    const last = Math.max(...buckets);
    const timestamps: string[] = [];
    const events: number[] = [];
    const users: number[] = [];
    for (let b = first; b <= last; b += step) {
      const inBucket = keyed.filter((e) => bucketOf(e) === b);
      timestamps.push(format(b));
      events.push(inBucket.length);
      users.push(new Set(inBucket.map((e) => e.user_id)).size);
    }
    result.set(`${key}/events`, { timestamps, values: events });
    result.set(`${key}/active_users`, { timestamps, values: users });
  }
  return result;
}

function asMap(series: readonly Series[]): Map<string, { timestamps: readonly string[]; values: readonly number[] }> {
  return new Map(series.map((s) => [s.name, { timestamps: s.timestamps, values: s.values }]));
}

const spark = useSpark();

beforeAll(async () => {
  await spark.conf.set("spark.sql.shuffle.partitions", 4);
});

describe("series builder", () => {
  it("counts events and active users per day, per key, zero-filled, named dimension=value/metric", async () => {
    const series = await collectSeries(spark.createDataFrame(HAND_BUILT, ENRICHED.ddl), "daily");
    expect(series.every((s) => s.granularity === "daily")).toBe(true);
    const byName = asMap(series);
    // By hand: edit has 2 events on 03-01, none on 03-02 (filled with 0), 1 on 03-03.
    expect(byName.get("action_type=edit/events")).toEqual({ timestamps: ["2023-03-01", "2023-03-02", "2023-03-03"], values: [2, 0, 1] });
    // u000001 is active on 03-01 and 03-03, u000002 on 03-01 and 03-02, u000003 on 03-03.
    expect(byName.get("all/active_users")?.values).toEqual([2, 1, 2]);
    expect(byName.get("all/events")?.values).toEqual([3, 1, 2]);
    // A series starts at its first event: share only exists on 03-02 (23:59:59 UTC is still 03-02).
    expect(byName.get("action_type=share/events")).toEqual({ timestamps: ["2023-03-02"], values: [1] });
    expect(byName.get("major_minor=6.2/active_users")?.values).toEqual([1, 0, 2]);
    expect(byName.get("country=unknown/events")).toEqual({ timestamps: ["2023-03-03"], values: [1] });
    expect(byName).toEqual(expectedSeries(HAND_BUILT, "daily"));
  });

  it("builds hourly series with every hour in between", async () => {
    const series = asMap(await collectSeries(spark.createDataFrame(HAND_BUILT, ENRICHED.ddl), "hourly"));
    const overall = series.get("all/events");
    // 2023-03-01 10:00 … 2023-03-03 10:00: 49 hours, 6 events in 5 of them.
    expect(overall?.timestamps).toHaveLength(49);
    expect(overall?.timestamps[0]).toBe("2023-03-01 10:00:00");
    expect(overall?.timestamps[48]).toBe("2023-03-03 10:00:00");
    expect(overall?.values.reduce((a, b) => a + b, 0)).toBe(6);
    expect(overall?.values.filter((v) => v > 0)).toEqual([2, 1, 1, 1, 1]);
    expect(series).toEqual(expectedSeries(HAND_BUILT, "hourly"));
  });

  it("has one row per key and bucket in the DataFrame form", async () => {
    expect(await seriesCounts(spark.createDataFrame(HAND_BUILT, ENRICHED.ddl), "daily").columns()).toEqual([
      "dimension",
      "value",
      "ts",
      "events",
      "active_users",
    ]);
  });
});

describe("anomaly detection end to end", () => {
  it("finds a day with four times the usual traffic in the overall daily series", async () => {
    // 120 days of about 40 events a day (fewer at weekends) from 400 users; 2023-04-20 is a spike.
    const next = generator(99);
    const spikeDay = "2023-04-20";
    const events: Event[] = [];
    for (let d = 0; d < 120; d++) {
      const day = new Date(Date.UTC(2023, 0, 1 + d)).toISOString().slice(0, 10);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const perDay = Math.round((weekday === 0 || weekday === 6 ? 25 : 40) * (day === spikeDay ? 4 : 1) * (0.9 + 0.2 * next()));
      for (let k = 0; k < perDay; k++) {
        const at = `${day} ${String(Math.floor(next() * 24)).padStart(2, "0")}:${String(Math.floor(next() * 60)).padStart(2, "0")}:00`;
        events.push(event(`u${String(Math.floor(next() * 400)).padStart(6, "0")}`, at, "edit", "6.2.0", "DE", "iPhone"));
      }
    }
    const anomalies = await findAnomalies(spark.createDataFrame(events, ENRICHED.ddl), { granularities: ["daily"], detector: {} });
    const overall = anomalies.filter((a) => a.series === "all/events");
    expect(overall.map((a) => [a.granularity, a.ts, a.direction])).toEqual([["daily", spikeDay, "up"]]);
    const spike = overall[0];
    expect(spike?.observed).toBe(events.filter((e) => e.event_date === spikeDay).length);
    expect(anomalies.some((a) => a.series === "all/active_users" && a.ts === spikeDay && a.direction === "up")).toBe(true);
  });
});
