import { type Column, type DataFrame, functions as F } from "../../../connect";
import { keysForEachHashPartition } from "../tuning/hash-partition-keys";

const MIB = 2 ** 20;

/** The folder name Spark writes for a null partition value. */
const NULL_FOLDER = "__HIVE_DEFAULT_PARTITION__";

export interface FileSizing {
  /** The Parquet bytes each written file should hold. */
  readonly targetFileBytes: number;
  /** Parquet bytes written per input byte read, to turn the measured input size into output. */
  readonly outputBytesPerInputByte: number;
}

/**
 * 128 MiB files: one read split each (spark.sql.files.maxPartitionBytes), several row groups, so
 * a reader neither opens thousands of files (the small-files problem: a task, a footer read and
 * an object-store request per file) nor gets a split too large for one task. 0.5: one million
 * generated interactions, 57 MB of CSV, were 30 MB of Parquet (snappy, dictionary-encoded,
 * sorted as sizedForWrite sorts). Other inputs land near the target, not on it: the generated
 * metadata compresses to 0.22 of its CSV (few distinct values per column), so its files come out
 * near 56 MiB; Parquet input has a ratio near 1, so near 256 MiB. An estimate off by 2× either
 * way stays far from small files (DataFlint's alarm: under 3 MiB on average).
 */
export const DEFAULT_FILE_SIZING: FileSizing = { targetFileBytes: 128 * MIB, outputBytesPerInputByte: 0.5 };

/** One output folder (partition value) and the files it gets. */
export interface FolderFiles {
  /** The partition value as text, as in the folder name. */
  readonly folder: string;
  readonly rows: number;
  readonly files: number;
  /** The folder's files are write tasks firstSlot … firstSlot + files − 1. */
  readonly firstSlot: number;
}

export interface FileLayoutPlan {
  /** Sorted by folder, so the same rows always get the same slots. */
  readonly folders: readonly FolderFiles[];
  /** Files in all, and so write tasks. */
  readonly slots: number;
}

/** The partition value as its folder names it; null as Spark's default-partition folder. */
function folderOf(partitionColumn: string): Column {
  return F.coalesce(F.col(partitionColumn).cast("string"), F.lit(NULL_FOLDER));
}

/**
 * Rows per folder, in one aggregation: a scan with a partial count per task, whose shuffle
 * carries one row per (task, folder). Measured rather than assumed uniform, because folders are
 * not: weekdays outweigh weekends, the US outweighs the other countries.
 */
export async function measureFolderRows(rows: DataFrame, partitionColumn: string): Promise<Map<string, number>> {
  const counted = await rows.groupBy(folderOf(partitionColumn).alias("folder")).count().collect({ longs: "number" });
  return new Map(counted.map((r) => [String(r.folder), Number(r.count)]));
}

/**
 * Files per folder: ceil(folder's estimated output bytes / target), at least one, at most one per
 * row. A folder's bytes are its share of the rows times the input size, times the Parquet/input
 * ratio: rows of one dataset are about the same size, so row counts apportion the measured bytes.
 */
export function planFileLayout(rowsPerFolder: ReadonlyMap<string, number>, inputBytes: number, sizing: FileSizing = DEFAULT_FILE_SIZING): FileLayoutPlan {
  const totalRows = [...rowsPerFolder.values()].reduce((a, b) => a + b, 0);
  const outputBytesPerRow = totalRows === 0 ? 0 : (inputBytes / totalRows) * sizing.outputBytesPerInputByte;
  const folders: FolderFiles[] = [];
  let slots = 0;
  for (const folder of [...rowsPerFolder.keys()].sort()) {
    const rows = rowsPerFolder.get(folder) ?? 0;
    const files = Math.max(1, Math.min(rows, Math.ceil((rows * outputBytesPerRow) / sizing.targetFileBytes)));
    folders.push({ folder, rows, files, firstSlot: slots });
    slots += files;
  }
  return { folders, slots };
}

/**
 * Arranges `df` so that a `.write.partitionBy(partitionColumn)` writes the plan's files: each
 * folder's rows spread over its `files` slots, one write task per slot, hence one file per slot.
 *
 * Without it each write task writes one file per folder it holds: tasks × folders small files.
 * A row's slot is its folder's first slot plus a hash of the whole row mod the folder's file
 * count: an even spread, and the same slot on every run (rand() would differ on a re-run or a
 * retried task). The slot becomes a task through a key that hash partitioning sends to exactly
 * that partition (keysForEachHashPartition), so no two slots share a task and none is empty. A
 * repartition to an explicit count is one AQE leaves alone: it neither coalesces nor splits it.
 * Each task then sorts its rows by all columns: the writer needs them grouped by folder anyway,
 * and a total order makes re-ingesting the same rows write byte-identical files (a shuffle
 * delivers rows in whatever order the map outputs arrive). Sorting by user_id and time also
 * clusters rows for compression and row-group min/max pruning. A row of a folder the plan lacks
 * (not measured) gets a null slot and is still written, by one task.
 */
export async function sizedForWrite(df: DataFrame, partitionColumn: string, plan: FileLayoutPlan): Promise<DataFrame> {
  // No rows measured, no files to plan: an empty write stays as it is.
  if (plan.slots === 0) return df;
  const columns = await df.columns();
  const byFolder = (value: (f: FolderFiles) => number): Column =>
    F.elementAt(F.createMap(...plan.folders.flatMap((f) => [F.lit(f.folder), F.lit(value(f))])), folderOf(partitionColumn));
  const slot = byFolder((f) => f.firstSlot).plus(
    F.pmod(
      F.xxhash64(...columns.map((c) => F.col(c))),
      byFolder((f) => f.files),
    ),
  );
  const keys = F.array(...keysForEachHashPartition(plan.slots).map((k) => F.lit(k)));
  return df
    .withColumn("_write_task", F.elementAt(keys, slot.plus(1).cast("int")))
    .repartition(plan.slots, F.col("_write_task"))
    .drop("_write_task")
    .sortWithinPartitions(partitionColumn, ...columns.filter((c) => c !== partitionColumn));
}
