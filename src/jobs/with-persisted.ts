import type { DataFrame, StorageLevel } from "../connect";

export interface PersistOptions {
  readonly level: StorageLevel;
  /** Tags the job that fills the cache, so that its cost shows as a step of its own in the Spark UI. */
  readonly materializeTag: string;
}

/**
 * Runs `use` with `df` persisted at `level`, and unpersists it afterwards, whether `use` returns
 * or throws.
 *
 * The cache is filled up front by a count: a DataFrame cache is built whole (every column of
 * every partition) by the first job that touches it, so without this the first reader would
 * silently pay for building it and its timings could not be compared with the others'. Queries
 * that `use` derives from `df` read the cache: Spark substitutes it for any plan that contains
 * the persisted one. The unpersist is blocking, so that memory and local disk are free again
 * before whatever runs next.
 */
export async function withPersisted<T>(df: DataFrame, options: PersistOptions, use: (cached: DataFrame) => Promise<T>): Promise<T> {
  await df.persist(options.level);
  try {
    await df.count({ tags: [options.materializeTag] });
    return await use(df);
  } finally {
    await df.unpersist(true);
  }
}
