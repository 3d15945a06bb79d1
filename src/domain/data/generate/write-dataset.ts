import type { DataFrame } from "../../../connect/sql/dataframe";
import type { DataFrameReader } from "../../../connect/sql/reader";
import { DATE_FORMAT, TIMESTAMP_FORMAT } from "../schemas";

export type DatasetFormat = "csv" | "parquet";

export interface WriteDatasetOptions {
  readonly format: DatasetFormat;
  /** One part file (coalesce(1)): for small outputs that people open or share. */
  readonly singleFile?: boolean;
}

/**
 * The brief's CSV layout: a header row, columns in order, `yyyy-MM-dd HH:mm:ss` timestamps and
 * `yyyy-MM-dd` dates written in UTC (the data has no zone, whatever the session's zone is), and
 * values quoted only when they need it. Every part file carries the header, so each one is a
 * complete file in the brief's layout.
 */
const CSV_OPTIONS = { header: true, timestampFormat: TIMESTAMP_FORMAT, dateFormat: DATE_FORMAT, timeZone: "UTC" } as const;
/** Lines end in `\r\n`, as Python's csv.writer ends them; readers accept any line ending. */
const CSV_WRITE_OPTIONS = { ...CSV_OPTIONS, lineSep: "\r\n" } as const;

/** Writes a generated dataset to `path`, replacing what is there. */
export async function writeDataset(df: DataFrame, path: string, options: WriteDatasetOptions): Promise<void> {
  const writer = (options.singleFile ? df.coalesce(1) : df).write.mode("overwrite");
  if (options.format === "csv") await writer.options(CSV_WRITE_OPTIONS).csv(path);
  else await writer.parquet(path);
}

/** Reads CSV in the brief's layout with an explicit schema (never inferred). */
export function readBriefCsv(reader: DataFrameReader, ddl: string, path: string): DataFrame {
  return reader.schema(ddl).options(CSV_OPTIONS).csv(path);
}
