import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { functions as F, type Row } from "../../src/connect";
import { HOUR_WEIGHTS } from "../../src/domain/data/generate/realistic/business-clock";
import { DAY_SECONDS, PERIOD_DAYS, PERIOD_START_SECONDS, periodDayOf } from "../../src/domain/data/generate/realistic/calendar";
import { realisticGroundTruth, type PlantedAnomaly, type RealisticGroundTruth } from "../../src/domain/data/generate/realistic/ground-truth";
import { realisticInteractions } from "../../src/domain/data/generate/realistic/interactions";
import { realisticMetadata } from "../../src/domain/data/generate/realistic/metadata";
import { REALISTIC_DEFAULTS } from "../../src/domain/data/generate/realistic/options";
import { ACTION_TYPES, COUNTRIES, DEVICE_TYPES, SUBSCRIPTION_TYPES } from "../../src/domain/data/schemas";
import { runGenerateJob } from "../../src/jobs/generate-job";
import { useSpark } from "../support/spark";

const ROWS = 100_000;
const SEED = 20_240_611;
const D = REALISTIC_DEFAULTS;

interface Event {
  readonly user: string;
  readonly seconds: number;
  readonly action: string;
  readonly page: string;
  readonly duration: number;
  readonly version: string;
}

const spark = useSpark();
let events: Event[];
let metadata: Row[];
let truth: RealisticGroundTruth;
/** The earliest join day (period days) of each user with metadata: the definitions' dedupe. */
const joinDay = new Map<string, number>();
/** Each user's metadata device, from their earliest row. */
const device = new Map<string, string>();

beforeAll(async () => {
  await spark.conf.set("spark.sql.shuffle.partitions", 4);
  const rows = await realisticInteractions(spark, ROWS, SEED).withColumn("seconds", F.col("timestamp").cast("long")).collect();
  events = rows.map((r) => ({
    user: String(r.user_id),
    seconds: Number(r.seconds),
    action: String(r.action_type),
    page: String(r.page_id),
    duration: Number(r.duration_ms),
    version: String(r.app_version),
  }));
  metadata = await realisticMetadata(spark, ROWS, SEED)
    .withColumn("day", F.datediff(F.col("join_date"), F.lit("2023-01-01").cast("date")))
    .collect();
  for (const row of [...metadata].sort((a, b) => Number(a.day) - Number(b.day))) {
    const user = String(row.user_id);
    if (joinDay.has(user)) continue;
    joinDay.set(user, Number(row.day));
    device.set(user, String(row.device_type));
  }
  truth = await realisticGroundTruth(spark, ROWS, SEED);
});

const dayOf = (e: Event): number => Math.floor((e.seconds - PERIOD_START_SECONDS) / DAY_SECONDS);
const hourOf = (e: Event): number => Math.floor(((e.seconds - PERIOD_START_SECONDS) % DAY_SECONDS) / 3600);
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
function countBy<T>(items: readonly T[], key: (item: T) => string | number): Map<string | number, number> {
  const counts = new Map<string | number, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
function anomaly(kind: PlantedAnomaly["kind"]): PlantedAnomaly {
  const found = truth.anomalies.find((a) => a.kind === kind);
  if (!found) throw new Error(`No ${kind} in the ground truth`);
  return found;
}
const secondsOf = (stamp: string): number => Date.parse(`${stamp.replace(" ", "T")}Z`) / 1000;
const botIds = (): Set<string> => new Set(anomaly("bot_cluster").details.userIds as string[]);

/** Daily event counts over the period. */
function dailyCounts(list: readonly Event[]): number[] {
  const counts = new Array<number>(PERIOD_DAYS).fill(0);
  for (const e of list) counts[dayOf(e)] = (counts[dayOf(e)] ?? 0) + 1;
  return counts;
}

describe("determinism", () => {
  it("gives the same rows in the same order on any partitioning, and other rows for another seed", async () => {
    const rows = 10_000;
    for (const generate of [realisticInteractions, realisticMetadata]) {
      const one = await generate(spark, rows, SEED, { partitions: 1 }).collect();
      expect(await generate(spark, rows, SEED, { partitions: 5 }).collect()).toEqual(one);
      const other = await generate(spark, rows, SEED + 1, { partitions: 1 }).collect();
      const same = new Set(one.map((r) => JSON.stringify(r)));
      expect(other.filter((r) => same.has(JSON.stringify(r))).length).toBeLessThan(rows / 1000);
    }
  });

  it("keeps the row id as a last column on request", async () => {
    const interactions = realisticInteractions(spark, 2_000, SEED, { keepRowId: true });
    expect(await interactions.columns()).toEqual(["user_id", "timestamp", "action_type", "page_id", "duration_ms", "app_version", "id"]);
    const ids = (await interactions.select("id").collect()).map((r) => Number(r.id));
    expect(ids).toEqual(Array.from({ length: 2_000 }, (_, i) => i));
    const meta = realisticMetadata(spark, 2_000, SEED, { keepRowId: true });
    expect((await meta.columns()).at(-1)).toBe("id");
    const metaIds = (await meta.select("id").collect()).map((r) => Number(r.id));
    expect(new Set(metaIds).size).toBe(metaIds.length);
  });
});

describe("rows and values", () => {
  it("has exactly the requested interaction rows and the ground truth's metadata rows", () => {
    expect(events).toHaveLength(ROWS);
    expect(truth.rows.interactions).toBe(ROWS);
    expect(metadata).toHaveLength(truth.rows.metadata);
  });

  it("holds only values of the brief's domains", () => {
    const actions = new Set<string>(ACTION_TYPES);
    const first = PERIOD_START_SECONDS;
    const end = PERIOD_START_SECONDS + PERIOD_DAYS * DAY_SECONDS;
    const bad = events.filter(
      (e) =>
        !/^u\d{6,}$/.test(e.user) ||
        !/^p\d{6,}$/.test(e.page) ||
        !actions.has(e.action) ||
        !/^\d+\.\d+\.\d+$/.test(e.version) ||
        !Number.isInteger(e.duration) ||
        e.duration < 0 ||
        e.seconds < first ||
        e.seconds >= end,
    );
    expect(bad).toEqual([]);
    const countries = new Set<string>(COUNTRIES);
    const devices = new Set<string>(DEVICE_TYPES);
    const subscriptions = new Set<string>(SUBSCRIPTION_TYPES);
    const badMeta = metadata.filter(
      (m) =>
        !/^u\d{6,}$/.test(String(m.user_id)) ||
        !countries.has(String(m.country)) ||
        !devices.has(String(m.device_type)) ||
        !subscriptions.has(String(m.subscription_type)) ||
        Number(m.day) < periodDayOf("2020-01-01") ||
        Number(m.day) >= PERIOD_DAYS,
    );
    expect(badMeta).toEqual([]);
  });

  it("has no exact duplicate rows: every user's timestamps are distinct", () => {
    expect(new Set(events.map((e) => `${e.user}|${e.seconds}`)).size).toBe(ROWS);
  });

  it("has a release history of a few dozen versions, newer ones taking over during the year", () => {
    const versions = new Set(events.map((e) => e.version));
    expect(versions.size).toBeGreaterThanOrEqual(20);
    expect(versions.size).toBeLessThanOrEqual(truth.releases.length);
    const order = new Map(truth.releases.map((r, i) => [r.version, i]));
    const monthlyTop = [0, 3, 6, 9].map((month) => {
      const inMonth = events.filter((e) => new Date(e.seconds * 1000).getUTCMonth() === month);
      const [top] = [...countBy(inMonth, (e) => e.version)].sort((a, b) => b[1] - a[1]);
      return order.get(String(top?.[0])) ?? -1;
    });
    expect(monthlyTop).toEqual([...monthlyTop].sort((a, b) => a - b));
    expect(new Set(monthlyTop).size).toBe(4);
  });
});

describe("users and activity", () => {
  it("gives the hot users their share of events, and heavy-tails the rest", () => {
    const perUser = countBy(events, (e) => e.user);
    const hot = truth.hotUsers.ids;
    expect(hot).toHaveLength(Math.max(1, Math.round(truth.users.regular * D.hotUserShare)));
    const hotEvents = sum(hot.map((id) => perUser.get(id) ?? 0));
    expect(hotEvents).toBe(truth.hotUsers.events);
    expect(Math.abs(hotEvents / ROWS - D.hotEventShare)).toBeLessThan(0.001);
    // The hot users are the busiest users of all.
    const ranked = [...perUser].sort((a, b) => b[1] - a[1]);
    expect(new Set(ranked.slice(0, hot.length).map(([id]) => id))).toEqual(new Set(hot));
    // Not uniform: the busiest 1% of the other regular users make far more than 1% of their events.
    const bots = botIds();
    const tail = ranked.filter(([id]) => !hot.includes(String(id)) && !bots.has(String(id))).map(([, n]) => n);
    const topShare = sum(tail.slice(0, Math.ceil(tail.length / 100))) / sum(tail);
    expect(topShare).toBeGreaterThan(0.05);
  });

  it("has every event on or after its user's join date", () => {
    const early = events.filter((e) => dayOf(e) < (joinDay.get(e.user) ?? -Infinity));
    expect(early).toEqual([]);
  });

  it("has the ground truth's orphans and duplicates, exactly", () => {
    const withEvents = new Set(events.map((e) => e.user));
    const rowsPerMetaUser = countBy(metadata, (m) => String(m.user_id));
    expect(withEvents.size).toBe(truth.users.withInteractions);
    const orphans = [...withEvents].filter((id) => !rowsPerMetaUser.has(id));
    expect(orphans).toHaveLength(truth.users.orphanInteractionUsers);
    const orphanSet = new Set(orphans);
    expect(events.filter((e) => orphanSet.has(e.user))).toHaveLength(truth.users.orphanInteractionRows);
    expect([...rowsPerMetaUser.keys()].filter((id) => !withEvents.has(String(id)))).toHaveLength(truth.users.orphanMetadataUsers);
    const duplicated = [...rowsPerMetaUser].filter(([, n]) => n > 1);
    expect(duplicated).toHaveLength(truth.users.duplicateMetadataUsers);
    expect(sum(duplicated.map(([, n]) => n))).toBe(truth.users.duplicateMetadataRows);
    // Distinct join dates: the dedupe rule's earliest row is unique.
    for (const [id] of duplicated) expect(new Set(metadata.filter((m) => m.user_id === id).map((m) => Number(m.day))).size).toBe(2);
  });

  it("decays new users' activity with time since joining", () => {
    // Users who joined in January 2023: events per user-day in their first 4 weeks vs the year's last 4.
    const january = new Set([...joinDay].filter(([, d]) => d >= 0 && d < 31).map(([id]) => id));
    const recent = events.filter((e) => january.has(e.user));
    const early = recent.filter((e) => dayOf(e) - (joinDay.get(e.user) ?? 0) < 28).length;
    const late = recent.filter((e) => dayOf(e) >= PERIOD_DAYS - 35 && dayOf(e) < PERIOD_DAYS - 7).length;
    expect(early / late).toBeGreaterThan(2);
  });
});

describe("sessions and seasonality", () => {
  it("sessionises as designed: bursts of events seconds to minutes apart, separated by long gaps", () => {
    const byUser = new Map<string, Event[]>();
    for (const e of events) {
      const list = byUser.get(e.user);
      if (list) list.push(e);
      else byUser.set(e.user, [e]);
    }
    let sessions = 0;
    const inner: number[] = [];
    for (const list of byUser.values()) {
      list.sort((a, b) => a.seconds - b.seconds);
      let end = -Infinity;
      let start = -Infinity;
      list.forEach((e, i) => {
        // The definitions: a gap from the end of the latest activity over 30 min, or a 24-h cut.
        if (e.seconds * 1000 - end > 30 * 60 * 1000 || e.seconds - start >= DAY_SECONDS) {
          sessions++;
          start = e.seconds;
        } else inner.push(e.seconds - (list[i - 1]?.seconds ?? 0));
        end = Math.max(end, e.seconds * 1000 + e.duration);
      });
    }
    // Long edits can bridge a gap now and then: allow 3%.
    expect(Math.abs(sessions - truth.sessions.total) / truth.sessions.total).toBeLessThan(0.03);
    const gapsOver30 = ROWS - byUser.size - inner.length;
    expect(gapsOver30 / (ROWS - byUser.size)).toBeCloseTo((truth.sessions.total - byUser.size) / (ROWS - byUser.size), 1);
    // Within a session, events come 1 s … 2 steps apart.
    expect(inner.filter((g) => g < 1 || g >= 2 * D.eventStepSeconds).length / inner.length).toBeLessThan(0.01);
  });

  it("is busier on weekdays and in daytime", () => {
    const bots = botIds();
    const people = events.filter((e) => !bots.has(e.user));
    const daily = dailyCounts(people);
    const skip = new Set([periodDayOf(anomaly("outage").start.slice(0, 10)), periodDayOf(anomaly("traffic_spike").start.slice(0, 10))]);
    const weekend = (d: number): boolean => [0, 6].includes(new Date((PERIOD_START_SECONDS + d * DAY_SECONDS) * 1000).getUTCDay());
    const ratio = (values: readonly number[]): number => {
      const days = values.map((v, d) => ({ v, d })).filter(({ d }) => !skip.has(d));
      const mean = (list: { v: number }[]): number => sum(list.map((x) => x.v)) / list.length;
      return mean(days.filter(({ d }) => !weekend(d))) / mean(days.filter(({ d }) => weekend(d)));
    };
    // The model's expectation (the bots' few days hardly move its averages).
    expect(ratio(daily) / ratio(truth.expectedDailyEvents)).toBeGreaterThan(0.9);
    expect(ratio(daily) / ratio(truth.expectedDailyEvents)).toBeLessThan(1.1);
    expect(ratio(daily)).toBeGreaterThan(1.3);
    const hours = countBy(people, hourOf);
    const afternoon = sum([12, 13, 14, 15, 16, 17].map((h) => hours.get(h) ?? 0));
    const night = sum([0, 1, 2, 3, 4, 5].map((h) => hours.get(h) ?? 0));
    const expected = sum(HOUR_WEIGHTS.slice(12, 18)) / sum(HOUR_WEIGHTS.slice(0, 6));
    expect(afternoon / night / expected).toBeGreaterThan(0.9);
    expect(afternoon / night / expected).toBeLessThan(1.1);
  });
});

describe("performance effects", () => {
  const burstFree = (): Event[] => {
    const burst = anomaly("extreme_durations");
    const [from, to] = [secondsOf(burst.start), secondsOf(burst.end)];
    return events.filter((e) => e.action === "page_view" && (e.seconds < from || e.seconds >= to) && device.has(e.user));
  };

  it("slows page loads on the slow device by its factor", () => {
    const views = burstFree();
    const slow = truth.performance.slowDevice;
    const ratio =
      median(views.filter((e) => device.get(e.user) === slow.deviceType).map((e) => e.duration)) /
      median(views.filter((e) => device.get(e.user) !== slow.deviceType).map((e) => e.duration));
    expect(ratio / slow.factor).toBeGreaterThan(0.9);
    expect(ratio / slow.factor).toBeLessThan(1.1);
  });

  it("slows page loads on the regressed release by its factor", () => {
    const views = burstFree().filter((e) => device.get(e.user) !== truth.performance.slowDevice.deviceType);
    const regressed = truth.performance.regressedVersion;
    const on = views.filter((e) => e.version === regressed.appVersion).map((e) => e.duration);
    expect(on.length).toBeGreaterThan(300);
    const ratio = median(on) / median(views.filter((e) => e.version !== regressed.appVersion).map((e) => e.duration));
    expect(ratio / regressed.factor).toBeGreaterThan(0.9);
    expect(ratio / regressed.factor).toBeLessThan(1.1);
    // Only while it was current: none before it shipped.
    expect(events.filter((e) => e.version === regressed.appVersion && e.seconds < secondsOf(regressed.shipped))).toEqual([]);
  });
});

describe("planted anomalies", () => {
  /** The day's count over the mean of the same weekday one week before and after. */
  function againstNeighbours(daily: readonly number[], day: number): number {
    return (daily[day] ?? 0) / (((daily[day - 7] ?? 0) + (daily[day + 7] ?? 0)) / 2);
  }

  it("places an outage day far below its neighbours", () => {
    const outage = anomaly("outage");
    expect(outage.direction).toBe("down");
    const day = periodDayOf(outage.start.slice(0, 10));
    expect(againstNeighbours(dailyCounts(events), day)).toBeLessThan(2 * outage.factor);
    // At this size one hot user makes a fifth of all events in lumps of whole sessions: the
    // factor itself shows best without them.
    const hot = new Set(truth.hotUsers.ids);
    const ratio = againstNeighbours(dailyCounts(events.filter((e) => !hot.has(e.user))), day);
    expect(ratio).toBeGreaterThan(outage.factor / 2);
    expect(ratio).toBeLessThan(outage.factor * 2);
  });

  it("places a traffic spike of the stated factor", () => {
    const spike = anomaly("traffic_spike");
    const day = periodDayOf(spike.start.slice(0, 10));
    const daily = dailyCounts(events);
    expect(againstNeighbours(daily, day) / spike.factor).toBeGreaterThan(0.8);
    expect(againstNeighbours(daily, day) / spike.factor).toBeLessThan(1.2);
    // The extra events belong to users who joined that day and never come back.
    const newcomers = new Set([...joinDay].filter(([, d]) => d === day).map(([id]) => id));
    expect(events.filter((e) => newcomers.has(e.user) && dayOf(e) !== day)).toEqual([]);
    expect(spike.details.extraEvents).toBeGreaterThan(0);
  });

  it("plants a bot cluster of many regular, short create events", () => {
    const bots = anomaly("bot_cluster");
    const ids = botIds();
    const [from, to] = [secondsOf(bots.start), secondsOf(bots.end)];
    const botEvents = events.filter((e) => ids.has(e.user));
    expect(botEvents).toHaveLength(bots.details.events as number);
    const [low, high] = bots.details.eventsPerUser as [number, number];
    for (const id of ids) {
      const own = botEvents.filter((e) => e.user === id).sort((a, b) => a.seconds - b.seconds);
      expect(own.length).toBeGreaterThanOrEqual(low);
      expect(own.length).toBeLessThanOrEqual(high);
      expect(new Set(own.slice(1).map((e, i) => e.seconds - (own[i]?.seconds ?? 0)))).toEqual(new Set([bots.details.periodSeconds]));
    }
    expect(botEvents.every((e) => e.seconds >= from && e.seconds < to && e.action === "create" && e.duration >= 50 && e.duration <= 250)).toBe(true);
    // Far more events than a typical user makes in a year.
    const perUser = [
      ...countBy(
        events.filter((e) => !ids.has(e.user)),
        (e) => e.user,
      ).values(),
    ];
    expect(low).toBeGreaterThan(median(perUser));
  });

  it("multiplies durations in the burst window by its factor", () => {
    const burst = anomaly("extreme_durations");
    const [from, to] = [secondsOf(burst.start), secondsOf(burst.end)];
    const views = events.filter((e) => e.action === "page_view" && e.version !== truth.performance.regressedVersion.appVersion);
    const inside = views.filter((e) => e.seconds >= from && e.seconds < to).map((e) => e.duration);
    const outside = views.filter((e) => e.seconds < from || e.seconds >= to).map((e) => e.duration);
    expect(inside.length).toBeGreaterThan(10);
    // Few events fall in a 3-hour window at this size: a loose band around the factor.
    expect(median(inside) / median(outside) / burst.factor).toBeGreaterThan(0.6);
    expect(median(inside) / median(outside) / burst.factor).toBeLessThan(1.6);
  });

  it("leaves every anomaly at least 56 days of history", () => {
    for (const a of truth.anomalies) expect(periodDayOf(a.start.slice(0, 10))).toBeGreaterThanOrEqual(56);
  });
});

describe("generate job", () => {
  it("writes both datasets and ground_truth.json in realistic mode", async () => {
    const dir = mkdtempSync(join(tmpdir(), "insights-realistic-"));
    try {
      const result = await runGenerateJob(spark, { mode: "realistic", interactions: 5_000, metadata: 0, seed: SEED, format: "parquet", outDir: dir });
      const path = join(dir, "ground_truth.json");
      expect(existsSync(path)).toBe(true);
      const written = JSON.parse(readFileSync(path, "utf8")) as RealisticGroundTruth;
      expect(written.rows.interactions).toBe(5_000);
      expect(await spark.read.parquet(result.interactions.path).count()).toBe(5_000);
      expect(await spark.read.parquet(result.metadata.path).count()).toBe(written.rows.metadata);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
