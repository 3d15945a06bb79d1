import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { functions as F, parseDDLSchema, type DataFrame, type SparkSession } from "../../../connect";

/** The raw input's file format. */
export type InputFormat = "csv" | "parquet";

/** What reading a dataset's raw input needs. */
export interface RawSchemas {
  /** Every field as text plus `_corrupt_record` (CSV). */
  readonly rawDdl: string;
  /** The dataset's typed schema (Parquet). */
  readonly typedDdl: string;
}

/** Raised when a Parquet input lacks a field of the dataset's schema or holds it with another type. */
export class ParquetSchemaError extends Error {
  constructor(
    readonly path: string,
    readonly field: string,
    detail: string,
  ) {
    super(`Parquet input ${path} does not match the dataset's schema: field '${field}' ${detail}`);
    this.name = "ParquetSchemaError";
  }
}

/**
 * `parquet` when `input` is a `.parquet` file or a local folder whose first data file (depth
 * first, skipping Spark's `_SUCCESS` and `.crc` side files) is one; `csv` otherwise, including
 * for paths this machine cannot list (give the format explicitly for those).
 */
export function detectInputFormat(input: string): InputFormat {
  return (firstDataFile(input) ?? input).endsWith(".parquet") ? "parquet" : "csv";
}

function firstDataFile(path: string): string | undefined {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  if (!stats.isDirectory()) return path;
  for (const entry of readdirSync(path).sort()) {
    if (entry.startsWith("_") || entry.startsWith(".")) continue;
    const found = firstDataFile(join(path, entry));
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The raw input as text columns plus `_corrupt_record`, whatever its format, so that the same
 * rules judge it.
 */
export async function readRawInput(spark: SparkSession, input: string, format: InputFormat, schemas: RawSchemas): Promise<DataFrame> {
  return format === "csv" ? readRawCsv(spark, input, schemas.rawDdl) : readRawParquet(spark, input, schemas.typedDdl);
}

/** Raw CSV with an explicit all-text schema, malformed lines kept whole in `_corrupt_record`. */
export function readRawCsv(spark: SparkSession, input: string, rawDdl: string): DataFrame {
  return spark.read.schema(rawDdl).options({ header: true, mode: "PERMISSIVE", columnNameOfCorruptRecord: "_corrupt_record", enforceSchema: false }).csv(input);
}

/**
 * Parquet read with the dataset's typed schema, then every column cast back to text (and a null
 * `_corrupt_record`: a Parquet row always has its fields). A typed file can still break domain
 * rules (an unknown country, a negative duration, a sub-second timestamp), so it goes through the
 * same rules as CSV; the casts cannot fail, and the rules parse the text again.
 *
 * Spark reports a column whose type differs from the explicit schema only when a task reads it,
 * deep in a stack trace, and reads a missing column as nulls. So the input's schema is checked
 * first against the explicit one: Spark's schema discovery reads one file's footer (metadata, no
 * rows, nothing inferred from values). A folder whose files disagree with one another still fails
 * in Spark's reader, whose error names the file and the column.
 */
export async function readRawParquet(spark: SparkSession, input: string, typedDdl: string): Promise<DataFrame> {
  const expected = parseDDLSchema(typedDdl);
  await assertParquetSchema(
    spark,
    input,
    expected.fields.map((f) => [f.name, f.dataType.simpleString()]),
  );
  return spark.read
    .schema(typedDdl)
    .parquet(input)
    .select(...expected.names.map((name) => F.col(name).cast("string").alias(name)), F.lit(null).cast("string").alias("_corrupt_record"));
}

async function assertParquetSchema(spark: SparkSession, input: string, expected: readonly (readonly [string, string])[]): Promise<void> {
  // Spark matches Parquet columns to the schema case-insensitively by default: so does this.
  const found = new Map((await spark.read.parquet(input).dtypes()).map(([name, type]) => [name.toLowerCase(), type]));
  for (const [name, type] of expected) {
    const actual = found.get(name.toLowerCase());
    if (actual === undefined) throw new ParquetSchemaError(input, name, `is missing (the schema says ${type})`);
    if (actual !== type) throw new ParquetSchemaError(input, name, `is ${actual} in the file, but the schema says ${type}`);
  }
}
