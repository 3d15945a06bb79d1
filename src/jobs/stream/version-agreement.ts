import { functions as F, type SparkSession } from "../../connect";
import { PAGE_LOAD_ACTION } from "../../domain/analyses/performance/page-loads";
import { rankRange, withinRankTolerance } from "../../domain/analyses/performance/streaming-p95-rank";
import { compareVersions } from "../../domain/analyses/performance/version-order";
import { readBriefCsv } from "../../domain/data/generate/write-dataset";
import { INTERACTIONS } from "../../domain/data/schemas";
import type { P95Snapshot } from "./p95-snapshot";
import { nearestRankQuantile } from "../../lib/stats/descriptive";

/** One page load: its app_version and its load time (duration_ms). */
export type PageLoad = readonly [appVersion: string, ms: number];

/**
 * The page loads of one CSV file in the brief's layout, read back with Spark and collected: the
 * exact reference a stream over that file is checked against. Read from the file itself, so the
 * reference is what the stream reads, not what its writer meant to write. For small files only.
 */
export async function csvPageLoads(spark: SparkSession, file: string): Promise<PageLoad[]> {
  const rows = await readBriefCsv(spark.read, INTERACTIONS.ddl, file)
    .where(F.col("action_type").eq(PAGE_LOAD_ACTION))
    .select("app_version", "duration_ms")
    .collect({ longs: "number" });
  return rows.map((r) => [String(r.app_version), Number(r.duration_ms)] as const);
}

/** Load times grouped by version. */
export function loadsByVersion(loads: Iterable<PageLoad>): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const [version, ms] of loads) {
    const group = groups.get(version);
    if (group === undefined) groups.set(version, [ms]);
    else group.push(ms);
  }
  return groups;
}

/** One version's streamed p95 held against the exact load times of the same page loads. */
export interface VersionAgreement {
  readonly app_version: string;
  /** Page loads the stream counted (0 when the snapshot lacks the version). */
  readonly events: number;
  /** Page loads in the exact reference. */
  readonly exact_events: number;
  /** NaN when the snapshot lacks the version. */
  readonly stream_p95_ms: number;
  /** The exact p95 of the reference (exactP95); NaN without exact values. */
  readonly exact_p95_ms: number;
  /** The range of ranks (shares of exact_events) the streamed p95 takes among the exact values; NaN without exact values. */
  readonly exact_rank_low: number;
  readonly exact_rank_high: number;
  /** Some rank lies within the definition's ±1% of 0.95 (withinRankTolerance). */
  readonly within_tolerance: boolean;
}

/**
 * Every version of the snapshot or of the exact reference, in release order, with the streamed
 * p95's rank among that version's exact load times. A version only one side knows is reported,
 * out of tolerance, rather than dropped: a lost or invented version is a disagreement too.
 */
export function versionAgreement(snapshot: P95Snapshot, exact: ReadonlyMap<string, readonly number[]>): VersionAgreement[] {
  const streamed = new Map(snapshot.rows.filter((r) => r.level === "app_version").map((r) => [r.app_version ?? "", r]));
  const versions = [...new Set([...streamed.keys(), ...exact.keys()])].sort(compareVersions);
  return versions.map((version) => {
    const row = streamed.get(version);
    const values = exact.get(version) ?? [];
    const p95 = row?.p95_ms ?? NaN;
    const rank = values.length > 0 && row !== undefined ? rankRange(values, p95) : { lowest: NaN, highest: NaN };
    return {
      app_version: version,
      events: row?.events ?? 0,
      exact_events: values.length,
      stream_p95_ms: p95,
      exact_p95_ms: values.length > 0 ? exactP95(values) : NaN,
      exact_rank_low: rank.lowest,
      exact_rank_high: rank.highest,
      within_tolerance: row !== undefined && values.length > 0 && withinRankTolerance(values, p95),
    };
  });
}

/**
 * The exact p95: the smallest value with at least 95% of the values at or below it (rank
 * ⌈0.95 n⌉), the value percentile_approx converges to. For fewer than 100 values its rank can lie
 * more than 1% from 0.95 (18 values: rank 18/18), and withinRankTolerance, which widens its slack
 * only to the nearest rank (17/18 here), rejects even this exact value.
 */
export function exactP95(values: readonly number[]): number {
  return nearestRankQuantile(values, 0.95);
}
