import type { DataFrame } from "../../connect";
import { dedupeMetadata } from "../../domain/data/quality/dedupe-metadata";
import { leftJoinMetadata } from "./left-join";

/**
 * Broadcast hash join: the deduplicated metadata is shipped whole to every executor and each
 * interaction partition joins locally.
 *
 * Why it helps: the large side (interactions) is never shuffled, so there is no skew to mitigate:
 * a hot user_id's rows stay spread over the input partitions they were read from.
 * When it applies: only when the metadata fits comfortably in the driver (which collects it) and
 * in every executor's memory, hence the measured-size threshold in chooseJoinStrategy; a LEFT
 * join can only broadcast its right side, which is the metadata here.
 * What it costs: one collect + broadcast of the metadata (driver memory, network × executors),
 * and an OOM risk if the size estimate was too low.
 */
export function broadcastJoin(interactions: DataFrame, metadata: DataFrame): DataFrame {
  return leftJoinMetadata(interactions, dedupeMetadata(metadata).hint("broadcast"));
}
