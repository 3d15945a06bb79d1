import { beforeAll, describe, expect, it } from "vitest";
import { type DataFrame, functions as F, type Row, StorageLevel } from "../../src/connect";
import { ENRICHED_STORAGE_LEVEL, enrichInteractions, MATERIALIZE_ENRICHED_TAG, withCachedEnrichedInteractions } from "../../src/jobs/enriched-interactions";
import { generator } from "../support/random";
import { useSpark } from "../support/spark";
import type { UiRddStorage } from "../../src/lib/sparkui";
import { storedRdds, userJobTag, waitForJobs, waitForStoredRdds } from "../support/spark-ui";
import { ENRICHED, type InteractionRow } from "../../src/domain/data/schemas";

type Interaction = InteractionRow & { event_date: string };
interface Metadata {
  user_id: string;
  join_date: string;
  country: string;
  device_type: string;
  subscription_type: string;
}

const next = generator(2024);
const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
const uid = (n: number): string => `u${String(n).padStart(6, "0")}`;

// u000001–u000040 have metadata (u000001 twice: the earlier join_date wins), u000041–u000045
// have none, u000100 has metadata but no interactions.
const METADATA: Metadata[] = [
  ...Array.from({ length: 40 }, (_, i) => ({
    user_id: uid(i + 1),
    join_date: `2022-0${String(1 + (i % 9))}-1${String(i % 10)}`,
    country: pick(["US", "DE", "JP"]),
    device_type: pick(["iPad", "Mac", "Windows"]),
    subscription_type: pick(["free", "premium"]),
  })),
  { user_id: uid(1), join_date: "2020-01-01", country: "BR", device_type: "iPhone", subscription_type: "basic" },
  { user_id: uid(100), join_date: "2021-05-05", country: "US", device_type: "Mac", subscription_type: "free" },
];

const INTERACTIONS: Interaction[] = Array.from({ length: 600 }, () => {
  const timestamp = new Date(Date.UTC(2023, 6, 1) + Math.floor(next() * 10 * 86_400) * 1000);
  return {
    user_id: uid(1 + Math.floor(next() * 45)),
    timestamp,
    action_type: pick(["page_view", "edit", "share"]),
    page_id: `p${String(Math.floor(next() * 100)).padStart(6, "0")}`,
    duration_ms: Math.floor(next() * 300_000),
    app_version: pick(["5.7.3", "6.0.1"]),
    event_date: timestamp.toISOString().slice(0, 10),
  };
});

function key(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

/** The enriched rows, computed here: earliest join_date per user, `unknown` and null without metadata. */
function expectedRows(): string[] {
  const best = new Map<string, Metadata>();
  for (const m of METADATA) {
    const current = best.get(m.user_id);
    if (current === undefined || m.join_date < current.join_date) best.set(m.user_id, m);
  }
  return INTERACTIONS.map((i) => {
    const m = best.get(i.user_id);
    return key([
      i.user_id,
      i.timestamp.toISOString(),
      i.event_date,
      i.action_type,
      i.page_id,
      i.duration_ms,
      i.app_version,
      m?.country ?? "unknown",
      m?.device_type ?? "unknown",
      m?.subscription_type ?? "unknown",
      m?.join_date ?? null,
    ]);
  }).sort();
}

function rowKeys(rows: readonly Row[]): string[] {
  return rows.map((r) => key(ENRICHED.columns.map((c) => (c === "timestamp" ? (r[c] as Date).toISOString() : r[c])))).sort();
}

const spark = useSpark();
let enriched: DataFrame;

beforeAll(async () => {
  // As ingested: both sides carry their batch's lineage column, which the enrichment must drop.
  const interactions = spark
    .createDataFrame(
      INTERACTIONS,
      "user_id string, timestamp timestamp, action_type string, page_id string, duration_ms bigint, app_version string, event_date date",
    )
    .withColumn("ingest_batch", F.lit("batch-a"));
  const metadata = spark
    .createDataFrame(METADATA, "user_id string, join_date date, country string, device_type string, subscription_type string")
    .withColumn("ingest_batch", F.lit("batch-b"));
  ({ enriched } = await enrichInteractions(spark, interactions, metadata));
});

/** The cached RDDs that appeared since `before` and whose plan is the enriched interactions'. */
function enrichedRdds(rdds: readonly UiRddStorage[], before: ReadonlySet<number>): UiRddStorage[] {
  return rdds.filter((r) => !before.has(r.id) && ENRICHED.columns.every((c) => r.name.includes(c)));
}

describe("enrichInteractions", () => {
  it("has the analysis columns only", async () => {
    expect(await enriched.columns()).toEqual([...ENRICHED.columns]);
  });
});

describe("withCachedEnrichedInteractions", () => {
  it("caches the enriched rows at its level, filled by a tagged job, while the analyses run; then drops them", async () => {
    const before = new Set((await storedRdds()).map((r) => r.id));
    let cachedId: number | undefined;

    const perUser = await withCachedEnrichedInteractions(enriched, async (cached) => {
      expect((await cached.storageLevel()).equals(ENRICHED_STORAGE_LEVEL)).toBe(true);
      // Materialised before the first analysis: every partition is already cached.
      const whole = (r: UiRddStorage): boolean => r.numPartitions > 0 && r.numCachedPartitions === r.numPartitions;
      const rdds = enrichedRdds(await waitForStoredRdds((all) => enrichedRdds(all, before).some(whole)), before);
      expect(rdds).toHaveLength(1);
      expect(rdds[0]?.storageLevel).toBe("Disk Memory Serialized 1x Replicated");
      cachedId = rdds[0]?.id;
      await waitForJobs(userJobTag(spark.client.userId, spark.sessionId, MATERIALIZE_ENRICHED_TAG), (jobs) => jobs.every((j) => j.status === "SUCCEEDED"));

      // Two readers, as the analyses would be: the rows, and a count per user.
      expect(rowKeys(await cached.collect())).toEqual(expectedRows());
      const counts = await cached.groupBy("user_id", "country").count().collect();
      return new Map(counts.map((r) => [String(r.user_id), [String(r.country), Number(r.count)] as const]));
    });

    expect(cachedId).toBeDefined();
    const expectedPerUser = new Map<string, number>();
    for (const i of INTERACTIONS) expectedPerUser.set(i.user_id, (expectedPerUser.get(i.user_id) ?? 0) + 1);
    expect(new Map([...perUser].map(([user, [, n]]) => [user, n]))).toEqual(expectedPerUser);
    for (const n of [41, 42, 43, 44, 45]) expect(perUser.get(uid(n))?.[0]).toBe("unknown");
    expect(perUser.get(uid(1))?.[0]).toBe("BR");

    expect((await enriched.storageLevel()).equals(StorageLevel.NONE)).toBe(true);
    await waitForStoredRdds((rdds) => !rdds.some((r) => r.id === cachedId));
  });

  it("drops the cache when an analysis throws, and passes the error on", async () => {
    const before = new Set((await storedRdds()).map((r) => r.id));
    let cachedIds: number[] = [];
    await expect(
      withCachedEnrichedInteractions(enriched, async () => {
        cachedIds = enrichedRdds(await waitForStoredRdds((rdds) => enrichedRdds(rdds, before).length > 0), before).map((r) => r.id);
        throw new Error("analysis failed");
      }),
    ).rejects.toThrow("analysis failed");
    expect(cachedIds).toHaveLength(1);
    expect((await enriched.storageLevel()).equals(StorageLevel.NONE)).toBe(true);
    await waitForStoredRdds((rdds) => !rdds.some((r) => cachedIds.includes(r.id)));
  });
});
