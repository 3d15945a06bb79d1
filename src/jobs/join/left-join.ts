import { type DataFrame, functions as F } from "../../connect";

/** Metadata attributes that read `unknown` for interactions whose user has no metadata row. */
export const CATEGORICAL_METADATA_COLUMNS = ["country", "device_type", "subscription_type"] as const;

/**
 * interactions LEFT JOIN metadata: every interaction exactly once (the metadata side must already
 * hold at most one row per key, see dedupeMetadata), users without metadata keep a null join_date
 * and `unknown` categories. `keys` are joined as USING columns, so user_id appears once.
 */
export function leftJoinMetadata(interactions: DataFrame, metadata: DataFrame, keys: readonly string[] = ["user_id"]): DataFrame {
  return withUnknownMetadata(interactions.join(metadata, keys, "left"));
}

function withUnknownMetadata(joined: DataFrame): DataFrame {
  return joined.withColumns(Object.fromEntries(CATEGORICAL_METADATA_COLUMNS.map((name) => [name, F.coalesce(F.col(name), F.lit("unknown"))])));
}
