import type { Expression_Literal } from "../proto/gen/spark/connect/expressions_pb";
import type { ResolvedDecodeOptions } from "../arrow/decode-options";

/**
 * A literal the server sent back (observed metrics) as a JS value, decoded by the same rules as
 * collected rows (see DecodeOptions).
 */
export function literalToValue(literal: Expression_Literal, options: ResolvedDecodeOptions): unknown {
  const t = literal.literalType;
  switch (t.case) {
    case undefined:
    case "null":
      return null;
    case "boolean":
    case "string":
    case "byte":
    case "short":
    case "integer":
    case "float":
    case "double":
    case "binary":
    case "yearMonthInterval":
      return t.value;
    case "long":
    case "dayTimeInterval":
      return longValue(t.value, options);
    case "decimal":
      return t.value.value;
    case "date":
      return new Date(t.value * 86_400_000).toISOString().slice(0, 10);
    case "timestamp":
    case "timestampNtz":
      return options.timestamps === "micros" ? t.value : new Date(Number(t.value / 1000n));
    case "calendarInterval":
      return { months: t.value.months, days: t.value.days, microseconds: t.value.microseconds };
    case "array":
      return t.value.elements.map((e) => literalToValue(e, options));
    case "map":
      return new Map(t.value.keys.map((k, i) => [literalToValue(k, options), literalToValue(t.value.values[i] as Expression_Literal, options)]));
    case "struct": {
      const type = t.value.structType?.kind;
      const names = type?.case === "struct" ? type.value.fields.map((f) => f.name) : t.value.elements.map((_, i) => `col${i + 1}`);
      return Object.fromEntries(t.value.elements.map((e, i) => [names[i] ?? `col${i + 1}`, literalToValue(e, options)]));
    }
  }
}

function longValue(value: bigint, options: ResolvedDecodeOptions): number | bigint {
  if (options.longs === "bigint") return value;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`The long value ${value} does not fit a JS number exactly: use { longs: "bigint" }`);
  }
  return Number(value);
}
