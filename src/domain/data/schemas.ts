/**
 * The two datasets of the brief and the enriched interactions the analyses read, each declared
 * once as typed columns. Everything else is derived from these declarations: the Spark DDL
 * (explicit schemas: data is never inferred), the all-text DDL raw input is read with, column
 * lists, the brief's CSV header lines and the row types. The value domains the generator draws
 * from, which ingestion validates against, follow.
 */

/** The Spark SQL types the datasets use, with the JS value a collected row holds for each. */
interface SqlTypes {
  string: string;
  timestamp: Date;
  date: Date;
  bigint: number;
}

type ColumnSpec = readonly [name: string, type: keyof SqlTypes];

/** A dataset's columns in order, and what is derived from them. */
export interface Schema<Columns extends readonly ColumnSpec[]> {
  readonly columns: { readonly [I in keyof Columns]: Columns[I][0] };
  /** `name type, …`: the schema Spark reads and writes the typed data with. */
  readonly ddl: string;
  /**
   * Every column as text plus `_corrupt_record`: how raw input is read, so that no malformed value
   * is lost in a cast and a row of the wrong shape is kept whole.
   */
  readonly rawDdl: string;
  /** The brief's CSV header line. */
  readonly csvHeader: string;
}

/** One row of a schema's typed data, as collected. */
export type RowOf<S> = S extends Schema<infer Columns> ? { [C in Columns[number] as C[0]]: SqlTypes[C[1]] } : never;

export const CORRUPT_RECORD_COLUMN = "_corrupt_record";

function schema<const Columns extends readonly ColumnSpec[]>(columns: Columns): Schema<Columns> {
  const names = columns.map(([name]) => name) as { readonly [I in keyof Columns]: Columns[I][0] };
  return {
    columns: names,
    ddl: columns.map(([name, type]) => `${name} ${type}`).join(", "),
    rawDdl: [...columns.map(([name]) => `${name} string`), `${CORRUPT_RECORD_COLUMN} string`].join(", "),
    csvHeader: names.join(","),
  };
}

const INTERACTION_SPEC = [
  ["user_id", "string"],
  // UTC: the input carries no zone.
  ["timestamp", "timestamp"],
  ["action_type", "string"],
  ["page_id", "string"],
  ["duration_ms", "bigint"],
  ["app_version", "string"],
] as const;

const METADATA_SPEC = [
  ["user_id", "string"],
  ["join_date", "date"],
  ["country", "string"],
  ["device_type", "string"],
  ["subscription_type", "string"],
] as const;

/** User interactions, as typed after ingestion. */
export const INTERACTIONS = schema(INTERACTION_SPEC);

/** User metadata, as typed after ingestion. */
export const METADATA = schema(METADATA_SPEC);

/**
 * The enriched interactions every analysis reads: an interaction, its UTC event date, and its
 * user's metadata (null join_date and `unknown` categories for users without metadata). Nothing
 * else is joined or cached.
 */
export const ENRICHED = schema([
  ...INTERACTION_SPEC.slice(0, 2),
  ["event_date", "date"],
  ...INTERACTION_SPEC.slice(2),
  ...METADATA_SPEC.filter(([name]) => name !== "user_id" && name !== "join_date"),
  ["join_date", "date"],
] as const satisfies readonly ColumnSpec[]);

export type InteractionRow = RowOf<typeof INTERACTIONS>;
export type MetadataRow = RowOf<typeof METADATA>;
export type EnrichedRow = RowOf<typeof ENRICHED>;

export const ACTION_TYPES = ["page_view", "edit", "create", "delete", "share"] as const;
export const COUNTRIES = ["US", "UK", "CA", "AU", "DE", "FR", "JP", "IN", "BR", "MX"] as const;
export const DEVICE_TYPES = ["iPhone", "iPad", "Android Phone", "Android Tablet", "Windows", "Mac"] as const;
export const SUBSCRIPTION_TYPES = ["free", "basic", "premium", "enterprise"] as const;

/** `u000001` … `u1000000`: "u" and at least six digits (the brief pads to six). */
export const USER_ID_PATTERN = "^u[0-9]{6,}$";
export const PAGE_ID_PATTERN = "^p[0-9]{6,}$";
export const APP_VERSION_PATTERN = "^[0-9]+\\.[0-9]+\\.[0-9]+$";

/** The brief writes timestamps as `%Y-%m-%d %H:%M:%S` and dates as `%Y-%m-%d`. */
export const TIMESTAMP_FORMAT = "yyyy-MM-dd HH:mm:ss";
export const DATE_FORMAT = "yyyy-MM-dd";
