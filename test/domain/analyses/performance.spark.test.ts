import { beforeAll, describe, expect, it } from "vitest";
import type { DataFrame } from "../../../src/connect";
import { deviceEffect } from "../../../src/domain/analyses/performance/device-effect";
import { devicePerformance } from "../../../src/domain/analyses/performance/device-performance";
import { collectP95Tables, p95ByVersion, p95TopVersions, type P95Row } from "../../../src/domain/analyses/performance/p95-by-version";
import { DEVICE_TYPES, ENRICHED } from "../../../src/domain/data/schemas";
import { generator } from "../../support/random";
import type { EnrichedEvent } from "../../support/enriched";
import { useSpark } from "../../support/spark";

type Event = EnrichedEvent;

function event(action: string, version: string, device: string, duration: number, i: number): Event {
  const timestamp = new Date(Date.UTC(2023, 0, 1) + (i % 365) * 86_400_000 + (i % 86_400) * 1000);
  const known = device !== "unknown";
  return {
    user_id: `u${String(i % 900).padStart(6, "0")}`,
    timestamp,
    event_date: timestamp.toISOString().slice(0, 10),
    action_type: action,
    page_id: `p${String(i % 5000).padStart(6, "0")}`,
    duration_ms: duration,
    app_version: version,
    join_date: known ? "2022-03-01" : null,
    country: known ? "DE" : "unknown",
    device_type: device,
    subscription_type: known ? "free" : "unknown",
  };
}

// Ten versions, two of them below the 100-event confidence minimum; 5.9.9 → 5.10.0 catches a string sort.
const VERSION_WEIGHTS: [string, number][] = [
  ["5.9.9", 60],
  ["5.10.0", 500],
  ["5.10.2", 450],
  ["6.0.0", 700],
  ["6.1.0", 400],
  ["6.1.3", 650],
  ["6.2.0", 550],
  ["7.0.0", 300],
  ["7.0.1", 250],
  ["7.1.0", 40],
];
const DEVICES = [...DEVICE_TYPES, "unknown"];

/** Page loads (and other events, which the metrics must ignore) with version-dependent, heavy-tailed durations. */
function versionEvents(): Event[] {
  const next = generator(2024);
  const events: Event[] = [];
  VERSION_WEIGHTS.forEach(([version, count], v) => {
    for (let k = 0; k < count; k++) {
      const i = events.length;
      const device = DEVICES[Math.floor(next() * DEVICES.length)] as string;
      const duration = Math.floor(100 + 2_000 * (1 + v / 4) * -Math.log(1 - next()));
      events.push(event("page_view", version, device, duration, i));
      if (next() < 0.3) events.push(event(next() < 0.5 ? "edit" : "share", version, device, 900_000 + i, i + 1));
    }
  });
  return events;
}

/** Page loads per device with durations from `draw`; `slow` devices' loads are `factor` × longer. */
function deviceEvents(seed: number, perDevice: number, draw: (next: () => number) => number, slow?: { device: string; factor: number }): Event[] {
  const next = generator(seed);
  return DEVICES.flatMap((device, d) =>
    Array.from({ length: perDevice }, (_, k) => {
      const base = draw(next);
      const duration = slow?.device === device ? Math.round(base * slow.factor) : base;
      return event("page_view", "6.0.0", device, duration, d * perDevice + k);
    }),
  );
}

/** Where `reported` sits in `values`: the shares below it and at or below it. */
function rankShares(values: readonly number[], reported: number): [number, number] {
  const below = values.filter((v) => v < reported).length;
  const atOrBelow = values.filter((v) => v <= reported).length;
  return [below / values.length, atOrBelow / values.length];
}

/** The reported value is a q-quantile within ±1% of rank: [share below, share at or below] meets [q − 0.01, q + 0.01]. */
function expectQuantile(values: readonly number[], reported: number, q: number): void {
  const [below, atOrBelow] = rankShares(values, reported);
  expect(below).toBeLessThanOrEqual(q + 0.01);
  expect(atOrBelow).toBeGreaterThanOrEqual(q - 0.01);
}

function majorMinor(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

function groupLoads(events: readonly Event[], key: (e: Event) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const e of events.filter((x) => x.action_type === "page_view")) {
    const k = key(e);
    groups.set(k, [...(groups.get(k) ?? []), e.duration_ms]);
  }
  return groups;
}

const spark = useSpark();
const VERSION_EVENTS = versionEvents();
let versions: DataFrame;

beforeAll(async () => {
  await spark.conf.set("spark.sql.shuffle.partitions", 4);
  versions = spark.createDataFrame(VERSION_EVENTS, ENRICHED.ddl);
});

describe("p95 of page load time per app version", () => {
  it("reports each version, major.minor, major and the total at the 95th percentile within ±1% of rank", async () => {
    const tables = await collectP95Tables(versions);
    const levels: [readonly P95Row[], (e: Event) => string][] = [
      [tables.app_version, (e) => e.app_version],
      [tables.major_minor, (e) => majorMinor(e.app_version)],
      [tables.major, (e) => e.app_version.split(".")[0] as string],
      [[tables.all], () => "all"],
    ];
    for (const [rows, key] of levels) {
      const exact = groupLoads(VERSION_EVENTS, key);
      expect(rows.map((r) => r.key).sort()).toEqual([...exact.keys()].sort());
      for (const row of rows) {
        const loads = exact.get(row.key) as number[];
        expect(row.events).toBe(loads.length);
        expectQuantile(loads, row.p95_ms, 0.95);
        expect(row.low_confidence).toBe(loads.length < 100);
      }
    }
    expect(tables.app_version.filter((r) => r.low_confidence).map((r) => r.key)).toEqual(["5.9.9", "7.1.0"]);
    // Release order, not string order.
    expect(tables.app_version.map((r) => r.key)).toEqual(VERSION_WEIGHTS.map(([v]) => v));
    expect(tables.major_minor.map((r) => r.key)).toEqual(["5.9", "5.10", "6.0", "6.1", "6.2", "7.0", "7.1"]);
  });

  it("gives p95_by_version as a DataFrame with the table's columns, in release order", async () => {
    const df = p95ByVersion(versions);
    expect(await df.columns()).toEqual(["app_version", "events", "p95_ms", "low_confidence"]);
    const rows = await df.collect();
    expect(rows.map((r) => r.app_version)).toEqual(VERSION_WEIGHTS.map(([v]) => v));
  });

  it("keeps the top N versions by page loads and pools the rest as other", async () => {
    const rows = await p95TopVersions(versions, 3).collect();
    const exact = groupLoads(VERSION_EVENTS, (e) => e.app_version);
    const top = [...exact.entries()]
      .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([v]) => v);
    const otherLoads = [...exact.entries()].filter(([v]) => !top.includes(v)).flatMap(([, loads]) => loads);
    // 6.0.0 (700), 6.1.3 (650), 6.2.0 (550) in release order, then other.
    expect(rows.map((r) => r.app_version_group)).toEqual([...[...top].sort((a, b) => (a < b ? -1 : 1)), "other"]);
    for (const row of rows) {
      const loads = row.app_version_group === "other" ? otherLoads : (exact.get(String(row.app_version_group)) as number[]);
      expect(row.events).toBe(loads.length);
      expectQuantile(loads, Number(row.p95_ms), 0.95);
    }
  });
});

describe("device type vs page load time", () => {
  it("reports p50 and p95 per device, unknown included", async () => {
    const rows = await devicePerformance(versions).collect();
    const exact = groupLoads(VERSION_EVENTS, (e) => e.device_type);
    expect(rows.map((r) => r.device_type).sort()).toEqual([...exact.keys()].sort());
    expect(rows.map((r) => r.device_type)).toContain("unknown");
    for (const row of rows) {
      const loads = exact.get(String(row.device_type)) as number[];
      expect(row.events).toBe(loads.length);
      expectQuantile(loads, Number(row.p50_ms), 0.5);
      expectQuantile(loads, Number(row.p95_ms), 0.95);
    }
    const medians = rows.map((r) => Number(r.p50_ms));
    expect(medians).toEqual([...medians].sort((a, b) => b - a));
  });

  it("computes Kruskal–Wallis H, ε² and η² of the log exactly, with ties, leaving unknown out", async () => {
    // Durations from ten values: large tie blocks. The unknown group is made far slower: were it
    // counted, H would be much larger than the brute force below, which leaves it out.
    const events = deviceEvents(5, 300, (next) => 100 * (1 + Math.floor(next() * 10)), { device: "Mac", factor: 1.5 }).map((e) =>
      e.device_type === "unknown" ? { ...e, duration_ms: e.duration_ms * 50 } : e,
    );
    const effect = await deviceEffect(spark.createDataFrame(events, ENRICHED.ddl));

    const groups = DEVICE_TYPES.map((d) => events.filter((e) => e.device_type === d).map((e) => e.duration_ms));
    const pooled = groups.flat();
    const n = pooled.length;
    // Brute force: mid-rank = #{below} + (#{equal} + 1)/2; H with the tie correction.
    const counts = new Map<number, number>();
    for (const x of pooled) counts.set(x, (counts.get(x) ?? 0) + 1);
    const midRank = (x: number): number => pooled.filter((y) => y < x).length + ((counts.get(x) as number) + 1) / 2;
    const rankOf = new Map([...counts.keys()].map((x) => [x, midRank(x)]));
    const sumOverN = groups.reduce((s, g) => s + g.reduce((r, x) => r + (rankOf.get(x) as number), 0) ** 2 / g.length, 0);
    const ties = [...counts.values()].reduce((s, t) => s + t ** 3 - t, 0);
    const h = ((12 / (n * (n + 1))) * sumOverN - 3 * (n + 1)) / (1 - ties / (n ** 3 - n));
    // η² of ln(duration): between-group over total sum of squares.
    const logs = groups.map((g) => g.map((x) => Math.log(x)));
    const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const grand = mean(logs.flat());
    const eta = logs.reduce((s, g) => s + g.length * (mean(g) - grand) ** 2, 0) / logs.flat().reduce((s, x) => s + (x - grand) ** 2, 0);

    expect(effect.n).toBe(6 * 300);
    expect(effect.groups).toBe(6);
    expect(Math.abs(effect.kruskal_h - h) / h).toBeLessThan(1e-9);
    expect(Math.abs(effect.epsilon_squared - h / (n - 1)) / (h / (n - 1))).toBeLessThan(1e-9);
    expect(Math.abs(effect.eta_squared_log - eta) / eta).toBeLessThan(1e-9);
    expect(effect.by_device.map((g) => g.device_type)).not.toContain("unknown");
    expect(effect.by_device[0]?.device_type).toBe("Mac");
  });

  it("finds no effect where there is none and a clear one where one device is 1.6× slower", async () => {
    const uniform = (next: () => number): number => 100 + Math.floor(next() * 299_901);
    const none = await deviceEffect(spark.createDataFrame(deviceEvents(6, 500, uniform), ENRICHED.ddl));
    expect(none.epsilon_squared).toBeLessThan(0.01);
    expect(none.band).toBe("negligible");
    expect(none.verdict).toContain("practically no difference");

    const slow = await deviceEffect(spark.createDataFrame(deviceEvents(6, 500, uniform, { device: "Android Tablet", factor: 1.6 }), ENRICHED.ddl));
    expect(slow.epsilon_squared).toBeGreaterThan(0.03);
    expect(slow.eta_squared_log).toBeGreaterThan(0.01);
    expect(slow.band).not.toBe("negligible");
    expect(slow.by_device[0]?.device_type).toBe("Android Tablet");
    expect(slow.verdict).toContain("Android Tablet is the slowest");
    expect(slow.p_value).toBeLessThan(1e-6);
  });
});
