import type { MessageInitShape } from "@bufbuild/protobuf";
import type { Expression_LiteralSchema } from "../proto/gen/spark/connect/expressions_pb";
import type { DataType, DataTypeInit } from "./types";

type LiteralInit = MessageInitShape<typeof Expression_LiteralSchema>;

/** A JS value Spark can take as a literal. */
export type LiteralValue =
  | null
  | undefined
  | boolean
  | number
  | bigint
  | string
  | Date
  | Uint8Array
  | TypedLiteral
  | readonly LiteralValue[]
  | ReadonlyMap<LiteralValue, LiteralValue>;

/**
 * A literal whose Spark type is stated rather than inferred from the JS value: a decimal, a
 * date, a 32-bit int, a timestamp without zone…  Build them with the helpers below.
 */
export class TypedLiteral {
  private constructor(readonly literal: LiteralInit) {}

  /** An exact decimal from its text, e.g. `decimal("12.50")`, optionally with precision and scale. */
  static decimal(value: string, precision?: number, scale?: number): TypedLiteral {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) throw new Error(`'${value}' is not a decimal number`);
    return new TypedLiteral({
      literalType: { case: "decimal", value: { value, ...(precision !== undefined && { precision }), ...(scale !== undefined && { scale }) } },
    });
  }

  /** A DateType value from `YYYY-MM-DD` or a Date (its UTC calendar day). */
  static date(value: string | Date): TypedLiteral {
    const millis = typeof value === "string" ? parseIsoDate(value) : value.getTime();
    return new TypedLiteral({ literalType: { case: "date", value: Math.floor(millis / 86_400_000) } });
  }

  /** A TimestampType from exact microseconds since the epoch (Dates carry only milliseconds). */
  static timestampMicros(micros: bigint): TypedLiteral {
    return new TypedLiteral({ literalType: { case: "timestamp", value: micros } });
  }

  /** A TimestampNTZType (wall-clock, no zone) from a Date read as UTC wall clock, or microseconds. */
  static timestampNtz(value: Date | bigint): TypedLiteral {
    const micros = typeof value === "bigint" ? value : BigInt(value.getTime()) * 1000n;
    return new TypedLiteral({ literalType: { case: "timestampNtz", value: micros } });
  }

  static byte(value: number): TypedLiteral {
    return new TypedLiteral({ literalType: { case: "byte", value: checkInt(value, 8) } });
  }

  static short(value: number): TypedLiteral {
    return new TypedLiteral({ literalType: { case: "short", value: checkInt(value, 16) } });
  }

  static int(value: number): TypedLiteral {
    return new TypedLiteral({ literalType: { case: "integer", value: checkInt(value, 32) } });
  }

  static long(value: number | bigint): TypedLiteral {
    return new TypedLiteral({ literalType: { case: "long", value: BigInt(value) } });
  }

  static float(value: number): TypedLiteral {
    return new TypedLiteral({ literalType: { case: "float", value } });
  }

  static double(value: number): TypedLiteral {
    return new TypedLiteral({ literalType: { case: "double", value } });
  }

  /** A DayTimeIntervalType from microseconds. */
  static dayTimeInterval(micros: bigint): TypedLiteral {
    return new TypedLiteral({ literalType: { case: "dayTimeInterval", value: micros } });
  }

  /** A YearMonthIntervalType from months. */
  static yearMonthInterval(months: number): TypedLiteral {
    return new TypedLiteral({ literalType: { case: "yearMonthInterval", value: checkInt(months, 32) } });
  }

  static calendarInterval(months: number, days: number, microseconds: bigint): TypedLiteral {
    return new TypedLiteral({ literalType: { case: "calendarInterval", value: { months, days, microseconds } } });
  }

  /** A typed null, e.g. `nullOf(new StringType())`. */
  static nullOf(type: DataType): TypedLiteral {
    return new TypedLiteral({ literalType: { case: "null", value: type.toProto() } });
  }
}

/**
 * Infers the Spark literal for a JS value, as PySpark's `lit` does for Python values:
 * integral numbers are IntegerType when they fit 32 bits, else LongType; other numbers DoubleType;
 * bigint LongType; Date a TimestampType instant; strings StringType; Uint8Array BinaryType;
 * arrays ArrayType and Maps MapType of the first non-null element's type.
 */
export function toLiteral(value: LiteralValue): LiteralInit {
  if (value === null || value === undefined) return { literalType: { case: "null", value: { kind: { case: "null", value: {} } } } };
  if (value instanceof TypedLiteral) return value.literal;
  switch (typeof value) {
    case "boolean":
      return { literalType: { case: "boolean", value } };
    case "string":
      return { literalType: { case: "string", value } };
    case "bigint":
      return { literalType: { case: "long", value } };
    case "number":
      if (Number.isInteger(value) && !Object.is(value, -0)) {
        return value >= -(2 ** 31) && value < 2 ** 31
          ? { literalType: { case: "integer", value } }
          : { literalType: { case: "long", value: BigInt(value) } };
      }
      return { literalType: { case: "double", value } };
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error("Cannot use an invalid Date as a literal");
    return { literalType: { case: "timestamp", value: BigInt(value.getTime()) * 1000n } };
  }
  if (value instanceof Uint8Array) return { literalType: { case: "binary", value } };
  if (Array.isArray(value)) {
    const elements = (value as readonly LiteralValue[]).map(toLiteral);
    return { literalType: { case: "array", value: { elementType: typeOf(elements, "array"), elements } } };
  }
  if (value instanceof Map) {
    const keys = [...(value as ReadonlyMap<LiteralValue, LiteralValue>).keys()].map(toLiteral);
    const values = [...(value as ReadonlyMap<LiteralValue, LiteralValue>).values()].map(toLiteral);
    return { literalType: { case: "map", value: { keyType: typeOf(keys, "map key"), valueType: typeOf(values, "map value"), keys, values } } };
  }
  throw new Error(`Cannot make a Spark literal from ${Object.prototype.toString.call(value)}`);
}

/** The Spark type of a list of literals: that of the first non-null one (Spark widens the rest). */
function typeOf(elements: readonly LiteralInit[], what: string): DataTypeInit {
  const first = elements.find((e) => e.literalType?.case !== "null");
  if (!first?.literalType?.case) throw new Error(`Cannot infer the ${what} type of a literal with no non-null element: use TypedLiteral.nullOf or cast`);
  switch (first.literalType.case) {
    case "decimal": {
      const d = first.literalType.value;
      return { kind: { case: "decimal", value: { ...(d.precision !== undefined && { precision: d.precision }), ...(d.scale !== undefined && { scale: d.scale }) } } };
    }
    case "array":
      return { kind: { case: "array", value: { elementType: first.literalType.value.elementType, containsNull: true } } };
    case "map":
      return { kind: { case: "map", value: { keyType: first.literalType.value.keyType, valueType: first.literalType.value.valueType, valueContainsNull: true } } };
    case "struct":
      return first.literalType.value.structType ?? { kind: { case: "struct", value: {} } };
    case "calendarInterval":
    case "yearMonthInterval":
    case "dayTimeInterval":
    case "date":
    case "timestamp":
    case "timestampNtz":
    case "binary":
    case "boolean":
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
    case "string":
      return { kind: { case: first.literalType.case, value: {} } };
    case "null":
      return first.literalType.value;
  }
}

function checkInt(value: number, bits: 8 | 16 | 32): number {
  const limit = 2 ** (bits - 1);
  if (!Number.isInteger(value) || value < -limit || value >= limit) throw new RangeError(`${value} is not a ${bits}-bit integer`);
  return value;
}

function parseIsoDate(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const millis = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 10) !== text) throw new Error(`'${text}' is not a YYYY-MM-DD date`);
  return millis;
}
