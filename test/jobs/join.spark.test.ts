import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functions as F, type DataFrame, type Row } from "../../src/connect";
import { INTERACTIONS, METADATA } from "../../src/domain/data/schemas";
import { broadcastJoin } from "../../src/jobs/join/broadcast-join";
import { bucketedJoin, writeBucketedTables, type BucketedLayout } from "../../src/jobs/join/bucketed-join";
import { countMetadataDuplicates, dedupeMetadata } from "../../src/domain/data/quality/dedupe-metadata";
import { DEFAULT_HOT_KEY_OPTIONS, findHotKeys } from "../../src/jobs/join/hot-keys";
import { saltedJoin } from "../../src/jobs/join/salted-join";
import { skewAwareJoin, DEFAULT_SKEW_AWARE_JOIN } from "../../src/jobs/join/skew-aware-join";
import { enableAqeSkewJoin } from "../../src/domain/data/tuning/aqe-skew-join";
import { sortMergeJoin } from "../../src/jobs/join/sort-merge-join";
import { generator } from "../support/random";
import { useSpark } from "../support/spark";

interface Interaction {
  user_id: string | null;
  timestamp: Date;
  action_type: string;
  page_id: string;
  duration_ms: number;
  app_version: string;
}
interface Metadata {
  user_id: string | null;
  join_date: string;
  country: string;
  device_type: string;
  subscription_type: string;
}

const next = generator(42);
const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
const uid = (n: number): string => `u${String(n).padStart(6, "0")}`;

const HOT_KEYS = [uid(900001), uid(900002), uid(900003)];
const REGULAR = Array.from({ length: 30 }, (_, i) => uid(i + 1));
const WITHOUT_METADATA = Array.from({ length: 5 }, (_, i) => uid(i + 31));
const WITHOUT_INTERACTIONS = Array.from({ length: 5 }, (_, i) => uid(i + 500001));

function interaction(userId: string | null): Interaction {
  return {
    user_id: userId,
    timestamp: new Date(Date.UTC(2023, 0, 1) + Math.floor(next() * 364 * 86_400) * 1000),
    action_type: pick(["page_view", "edit", "create", "delete", "share"]),
    page_id: uid(Math.floor(next() * 50)).replace("u", "p"),
    duration_ms: 100 + Math.floor(next() * 300_000),
    app_version: `${5 + Math.floor(next() * 3)}.${Math.floor(next() * 10)}.${Math.floor(next() * 10)}`,
  };
}

function metadataRow(userId: string | null, overrides: Partial<Metadata> = {}): Metadata {
  const day = 1 + Math.floor(next() * 28);
  return {
    user_id: userId,
    join_date: `202${Math.floor(next() * 4)}-0${1 + Math.floor(next() * 9)}-${String(day).padStart(2, "0")}`,
    country: pick(["US", "UK", "CA", "DE"]),
    device_type: pick(["iPhone", "iPad", "Mac"]),
    subscription_type: pick(["free", "basic", "premium"]),
    ...overrides,
  };
}

const first = interaction(uid(1));
const INTERACTION_ROWS: Interaction[] = [
  ...HOT_KEYS.flatMap((u) => Array.from({ length: 300 }, () => interaction(u))),
  ...[...REGULAR, ...WITHOUT_METADATA].flatMap((u) => Array.from({ length: 1 + Math.floor(next() * 3) }, () => interaction(u))),
  ...Array.from({ length: 3 }, () => interaction(null)),
  first,
  { ...first }, // an exact duplicate event: both must survive the join
];

// Duplicates: a different join_date, a join_date tie broken by country, a tie down to subscription_type.
const METADATA_ROWS: Metadata[] = [
  ...[...HOT_KEYS, ...REGULAR, ...WITHOUT_INTERACTIONS].map((u) => metadataRow(u)),
  metadataRow(uid(1), { join_date: "2019-05-05" }),
  metadataRow(uid(2), { join_date: "2019-01-01", country: "US" }),
  metadataRow(uid(2), { join_date: "2019-01-01", country: "AU" }),
  metadataRow(uid(3), { join_date: "2019-01-01", country: "UK", device_type: "Mac", subscription_type: "premium" }),
  metadataRow(uid(3), { join_date: "2019-01-01", country: "UK", device_type: "Mac", subscription_type: "basic" }),
  metadataRow(HOT_KEYS[0] ?? null, { join_date: "2018-02-02" }),
  metadataRow(null),
];

/** The definitions' dedupe rule and the left join, computed independently in TypeScript. */
function expectedJoin(): string[] {
  const best = new Map<string, Metadata>();
  const order = (m: Metadata): string => [m.join_date, m.country, m.device_type, m.subscription_type].join("\u0000");
  for (const m of METADATA_ROWS) {
    if (m.user_id === null) continue;
    const current = best.get(m.user_id);
    if (current === undefined || order(m) < order(current)) best.set(m.user_id, m);
  }
  return INTERACTION_ROWS.map((i) => {
    const m = i.user_id === null ? undefined : best.get(i.user_id);
    return key([
      i.user_id,
      i.timestamp.toISOString(),
      i.action_type,
      i.page_id,
      i.duration_ms,
      i.app_version,
      m?.join_date ?? null,
      m?.country ?? "unknown",
      m?.device_type ?? "unknown",
      m?.subscription_type ?? "unknown",
    ]);
  }).sort();
}

function key(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

async function collectedJoin(df: DataFrame): Promise<string[]> {
  const rows: Row[] = await df.collect();
  return rows
    .map((r) =>
      key([
        r.user_id,
        (r.timestamp as Date).toISOString(),
        r.action_type,
        r.page_id,
        r.duration_ms,
        r.app_version,
        r.join_date,
        r.country,
        r.device_type,
        r.subscription_type,
      ]),
    )
    .sort();
}

const spark = useSpark();
let interactions: DataFrame;
let metadata: DataFrame;
const suffix = `${String(Date.now())}_${String(process.pid)}`;
const layout: BucketedLayout = { interactionsTable: `join_test_interactions_${suffix}`, metadataTable: `join_test_metadata_${suffix}`, buckets: 4 };

beforeAll(async () => {
  await spark.conf.set("spark.sql.shuffle.partitions", 4);
  // Byte thresholds small enough for AQE to see the hot keys' kilobytes as skew.
  await enableAqeSkewJoin(spark, { skewedPartitionFactor: 2, skewedPartitionThresholdBytes: 1024, advisoryPartitionBytes: 1024 });
  interactions = spark.createDataFrame(INTERACTION_ROWS, INTERACTIONS.ddl);
  metadata = spark.createDataFrame(METADATA_ROWS, METADATA.ddl);
});

afterAll(async () => {
  await spark.sql(`DROP TABLE IF EXISTS ${layout.interactionsTable}`);
  await spark.sql(`DROP TABLE IF EXISTS ${layout.metadataTable}`);
});

describe("metadata deduplication", () => {
  it("keeps one row per user_id and counts the users and rows affected", async () => {
    const kept = await dedupeMetadata(metadata).where("user_id in ('u000001', 'u000002', 'u000003')").orderBy("user_id").collect();
    expect(kept.map((r) => [r.user_id, r.join_date, r.country, r.subscription_type])).toEqual([
      ["u000001", "2019-05-05", expect.any(String), expect.any(String)],
      ["u000002", "2019-01-01", "AU", expect.any(String)],
      ["u000003", "2019-01-01", "UK", "basic"],
    ]);
    // u000001 (2 rows), u000002 (3), u000003 (3), the first hot key (2).
    expect(await countMetadataDuplicates(metadata)).toEqual({ users: 4, rows: 10, rowsDropped: 6 });
  });
});

describe("hot keys", () => {
  it("finds exactly the injected hot user_ids", async () => {
    const hot = await findHotKeys(interactions, { ...DEFAULT_HOT_KEY_OPTIONS, factorOverAverage: 5, minRows: 50, maxKeys: 100 });
    expect([...hot.keys].sort()).toEqual(HOT_KEYS);
    expect(hot.hottestRows).toBe(300);
    expect(hot.sampleFraction).toBe(1); // a threshold of 50 rows: everything is counted
  });

  it("finds them from a sample on larger data, with exact counts", async () => {
    // 300,000 rows: 20,000 and 6,000 for two hot users, 4,500 for a warm one below the 5,000-row
    // threshold, the rest spread evenly over 10,000 users (26.95 rows each).
    const users = F.when(F.col("id").lt(20_000), F.lit("u900001"))
      .when(F.col("id").lt(26_000), F.lit("u900002"))
      .when(F.col("id").lt(30_500), F.lit("u900003"))
      .otherwise(F.formatString("u%06d", F.pmod(F.col("id"), 10_000).cast("int")));
    const many = spark.range(0, 300_000, 1, 4).select(users.alias("user_id"));
    const hot = await findHotKeys(many, { ...DEFAULT_HOT_KEY_OPTIONS, factorOverAverage: 20, minRows: 5_000, maxKeys: 10 });
    // 400 sampled rows expected at the 5,000-row threshold: an 8% sample.
    expect(hot.threshold).toBe(5_000);
    expect(hot.sampleFraction).toBeCloseTo(0.08, 12);
    expect(hot.keys).toEqual(["u900001", "u900002"]);
    expect(hot.hottestRows).toBe(20_000);
    expect(hot.totalRows).toBe(300_000);
    // HyperLogLog's default relative standard deviation is 5%: 10,003 keys within 3σ.
    expect(Math.abs(hot.distinctKeys - 10_003)).toBeLessThan(1_500);
  });
});

describe("join strategies give the left join of the definitions", () => {
  const expected = expectedJoin();

  it("broadcast: a BroadcastHashJoin", async () => {
    const joined = broadcastJoin(interactions, metadata);
    expect(await joined.explain()).toContain("BroadcastHashJoin");
    expect(await collectedJoin(joined)).toEqual(expected);
  });

  it("sort-merge with AQE skew join: a SortMergeJoin", async () => {
    const joined = sortMergeJoin(interactions, metadata);
    expect(await joined.explain()).toContain("SortMergeJoin");
    expect(await collectedJoin(joined)).toEqual(expected);
  });

  it("bucketed tables: a join with no shuffle exchange", async () => {
    await writeBucketedTables(interactions, metadata, layout);
    const joined = bucketedJoin(spark, layout);
    const plan = await joined.explain();
    expect(plan).toContain("SortMergeJoin");
    expect(plan).not.toMatch(/Exchange hashpartitioning\(user_id/);
    expect(plan).not.toContain("Exchange"); // nor a broadcast: both scans report "Bucketed: true"
    expect(plan).toContain("Bucketed: true");
    expect(await collectedJoin(joined)).toEqual(expected);
  });

  it("salted hot keys", async () => {
    expect(await collectedJoin(saltedJoin(interactions, metadata, HOT_KEYS, 4))).toEqual(expected);
  });

  it("the chooser's pick for small metadata (broadcast)", async () => {
    const result = await skewAwareJoin(spark, interactions, metadata, {
      ...DEFAULT_SKEW_AWARE_JOIN,
      hotKeys: { ...DEFAULT_HOT_KEY_OPTIONS, factorOverAverage: 5, minRows: 50, maxKeys: 100 },
    });
    expect(result.choice.strategy).toBe("broadcast");
    // A broadcast shuffles no interactions: the hot keys do not matter, so they are not searched.
    expect(result.hotKeys).toBeNull();
    expect(await collectedJoin(result.joined)).toEqual(expected);
  });

  it("the chooser's pick for metadata above the broadcast threshold: hot keys searched, AQE sort-merge", async () => {
    const options = {
      ...DEFAULT_SKEW_AWARE_JOIN,
      policy: { ...DEFAULT_SKEW_AWARE_JOIN.policy, broadcastThresholdBytes: 1 },
      hotKeys: { ...DEFAULT_HOT_KEY_OPTIONS, factorOverAverage: 5, minRows: 50, maxKeys: 100 },
    };
    const result = await skewAwareJoin(spark, interactions, metadata, options);
    expect(result.choice.strategy).toBe("sort-merge-aqe");
    expect([...(result.hotKeys?.keys ?? [])].sort()).toEqual(HOT_KEYS);
    expect(await collectedJoin(result.joined)).toEqual(expected);
  });

  it("an imposed salted join searches the hot keys even when the metadata could be broadcast", async () => {
    const options = {
      ...DEFAULT_SKEW_AWARE_JOIN,
      strategy: "salted" as const,
      saltBuckets: 4,
      hotKeys: { ...DEFAULT_HOT_KEY_OPTIONS, factorOverAverage: 5, minRows: 50, maxKeys: 100 },
    };
    const result = await skewAwareJoin(spark, interactions, metadata, options);
    expect(result.choice.reason).toMatch(/^imposed by the caller; the measurements alone would choose broadcast/);
    expect([...(result.hotKeys?.keys ?? [])].sort()).toEqual(HOT_KEYS);
    expect(await collectedJoin(result.joined)).toEqual(expected);
  });
});
