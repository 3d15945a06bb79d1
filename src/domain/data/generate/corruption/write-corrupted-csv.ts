import type { DataFrame } from "../../../../connect";
import type { DatasetFormat } from "../write-dataset";

/**
 * Writes corrupted lines (CorruptedDataset.rows) as the brief's CSV files: a header line in every
 * part file, lines ending in `\r\n` as the clean writer ends them.
 *
 * The CSV writer is given ONE column, named by the header line, whose values are finished lines:
 * - `sep` is a tab, which no line holds, and quoting is off (`quote` empty), so no line is quoted
 *   or escaped: the bytes are the line's characters;
 * - leading and trailing spaces are kept (the writer trims them by default);
 * - `encoding` is ISO-8859-1, so a character in U+0080..U+00FF is written as ONE byte: that is how
 *   the invalid-UTF-8 kind gets bytes that are not UTF-8 into the file. Everything else in the
 *   brief's data is ASCII, the same bytes in both encodings.
 */
const LINE_WRITE_OPTIONS = {
  header: true,
  sep: "\t",
  quote: "",
  escapeQuotes: false,
  ignoreLeadingWhiteSpace: false,
  ignoreTrailingWhiteSpace: false,
  encoding: "ISO-8859-1",
  lineSep: "\r\n",
} as const;

export interface WriteCorruptedOptions {
  /** One part file (coalesce(1)): for small outputs that people open or share. */
  readonly singleFile?: boolean;
}

/** Writes corrupted lines to `path` as CSV, replacing what is there. */
export async function writeCorruptedCsv(rows: DataFrame, path: string, options: WriteCorruptedOptions = {}): Promise<void> {
  await (options.singleFile ? rows.coalesce(1) : rows).write.mode("overwrite").options(LINE_WRITE_OPTIONS).csv(path);
}

/**
 * Corruption lives in raw text: a typed Parquet file cannot hold a line a field short, bytes
 * that are not UTF-8 or a duration of `12000ms`. So corruption is refused for Parquet output
 * rather than applied to the few kinds a typed file could hold.
 */
export function assertCorruptibleFormat(format: DatasetFormat): void {
  if (format !== "csv") throw new Error(`Corrupted rows can only be written as CSV, not ${format}: a typed ${format} file cannot hold a malformed line`);
}
