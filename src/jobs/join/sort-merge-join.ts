import type { DataFrame } from "../../connect";
import { dedupeMetadata } from "../../domain/data/quality/dedupe-metadata";
import { leftJoinMetadata } from "./left-join";

/**
 * Sort-merge join, pinned with the `merge` hint so that neither the planner nor AQE turns it into
 * a broadcast. Both sides are shuffled by user_id and sorted; the merge then streams, so memory
 * stays bounded however large either side is (a shuffle-hash join would hold a whole partition
 * of the build side in memory). Skew is left to AQE (enableAqeSkewJoin): without it, all rows of
 * a hot user_id land in one task, which then runs far longer than the others and may spill.
 * Costs: a full shuffle and sort of the interactions, the most expensive step of the join.
 */
export function sortMergeJoin(interactions: DataFrame, metadata: DataFrame): DataFrame {
  return leftJoinMetadata(interactions, dedupeMetadata(metadata).hint("merge"));
}
