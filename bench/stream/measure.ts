import { withinRankTolerance } from "../../src/domain/analyses/performance/streaming-p95-rank";
import type { VersionAgreement } from "../../src/jobs/stream/version-agreement";

/** One version's streamed p95 against the exact values, next to the batch answer. */
export interface BenchVersionAgreement extends VersionAgreement {
  /** The batch p95ByVersion over the same files; undefined when the batch has no such version. */
  readonly batch_p95_ms: number | undefined;
  readonly batch_within_tolerance: boolean | undefined;
}

/** Adds the batch p95 per version, held to the same rank tolerance among the exact values. */
export function withBatch(
  versions: readonly VersionAgreement[],
  exact: ReadonlyMap<string, readonly number[]>,
  batch: ReadonlyMap<string, number>,
): BenchVersionAgreement[] {
  return versions.map((version) => {
    const values = exact.get(version.app_version) ?? [];
    const batchP95 = batch.get(version.app_version);
    return {
      ...version,
      batch_p95_ms: batchP95,
      batch_within_tolerance: batchP95 === undefined || values.length === 0 ? undefined : withinRankTolerance(values, batchP95),
    };
  });
}
