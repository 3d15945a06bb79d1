import { type DataFrame, functions as F } from "../../connect";
import { INTERACTIONS } from "../../domain/data/schemas";
import { dedupeMetadata } from "../../domain/data/quality/dedupe-metadata";
import { leftJoinMetadata } from "./left-join";

/**
 * Sort-merge join on (user_id, salt) with salt only on the hot keys.
 *
 * Why it helps: the rows of a hot user_id are spread over `saltBuckets` join keys, hence over up
 * to `saltBuckets` shuffle partitions and tasks, instead of all landing in one straggler task.
 * The salt is a hash of the interaction's own columns mod S: random-looking (even spread) but
 * deterministic, so a retried task puts every row in the same bucket again (rand() would not, and
 * a recomputed partition could then lose or duplicate rows).
 * Why only hot keys: each salted key needs its metadata row replicated S times; salting every
 * key would multiply the whole metadata shuffle by S for no gain, as ordinary keys are not skewed.
 * When it applies: a shuffle join with known hot keys, where AQE's skew split is unavailable or
 * not enough. Costs: a hot-key pass beforehand (findHotKeys), a hash per interaction, and
 * hotKeys × (S − 1) extra metadata rows, a second shuffle of the metadata (by user_id and salt,
 * after the dedupe's by user_id); the hot keys are inlined in the plan (an IN-set), so
 * keep them few.
 */
export function saltedJoin(interactions: DataFrame, metadata: DataFrame, hotKeys: readonly string[], saltBuckets: number): DataFrame {
  if (!Number.isInteger(saltBuckets) || saltBuckets < 1) throw new RangeError(`saltBuckets must be a positive integer, not ${saltBuckets}`);
  const isHot = hotKeys.length === 0 ? F.lit(false) : F.col("user_id").isin(...hotKeys);
  const saltedInteractions = interactions.withColumn("salt", F.when(isHot, F.pmod(F.xxhash64(...INTERACTIONS.columns), saltBuckets).cast("int")).otherwise(0));
  // Every salt a hot key's interactions can carry gets its own copy of the metadata row.
  const replicatedMetadata = dedupeMetadata(metadata).withColumn(
    "salt",
    F.explode(F.when(isHot, F.sequence(F.lit(0), F.lit(saltBuckets - 1))).otherwise(F.array(F.lit(0)))),
  );
  return leftJoinMetadata(saltedInteractions, replicatedMetadata.hint("merge"), ["user_id", "salt"]).drop("salt");
}
