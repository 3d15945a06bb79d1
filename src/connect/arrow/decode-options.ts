/** How Spark values become JavaScript values when results are collected. */
export interface DecodeOptions {
  /**
   * LongType (bigint) values: `"number"` (default) gives JS numbers and throws a RangeError for a
   * value outside ±(2^53 − 1) rather than rounding it; `"bigint"` gives exact bigints.
   */
  readonly longs?: "number" | "bigint";
  /**
   * TimestampType and TimestampNTZType values: `"date"` (default) gives a JS Date (UTC instant,
   * millisecond precision: microseconds are dropped by rounding toward the past, also before
   * 1970); `"micros"` gives exact bigint microseconds since the epoch.
   */
  readonly timestamps?: "date" | "micros";
}

/**
 * Other types, fixed: DateType → `"YYYY-MM-DD"` string (no time zone can shift it);
 * DecimalType → exact decimal string; BinaryType → Uint8Array; ArrayType → array; MapType → Map;
 * StructType → plain object; DayTimeIntervalType → microseconds (by `longs`);
 * YearMonthIntervalType → months (number); null → null.
 */
export type ResolvedDecodeOptions = Required<DecodeOptions>;

export function resolveDecodeOptions(options: DecodeOptions = {}): ResolvedDecodeOptions {
  return { longs: options.longs ?? "number", timestamps: options.timestamps ?? "date" };
}
