import type { MessageInitShape } from "@bufbuild/protobuf";
import type { Expression_LiteralSchema } from "../proto/gen/spark/connect/expressions_pb";
import { unresolvedFunction, type ExpressionInit } from "./expression";
import type { DataType, DataTypeInit } from "./types";

type LiteralInit = MessageInitShape<typeof Expression_LiteralSchema>;

/** A JS value Spark can take as a literal. */
export type LiteralValue =
  null | undefined | boolean | number | bigint | string | Date | Uint8Array | TypedLiteral | readonly LiteralValue[] | ReadonlyMap<LiteralValue, LiteralValue>;

/**
 * A literal whose Spark type is stated rather than inferred from the JS value: a decimal, a
 * date, a 32-bit int, a timestamp without zone…  Build them with the helpers below.
 */
export class TypedLiteral {
  private constructor(readonly literal: LiteralInit) {}

  /**
   * An exact decimal from its text, e.g. `decimal("12.50")`, optionally with precision and scale.
   * Spark types it with at least the stated precision and scale, widened to hold the value.
   */
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
        return value >= -(2 ** 31) && value < 2 ** 31 ? { literalType: { case: "integer", value } } : { literalType: { case: "long", value: BigInt(value) } };
      }
      return { literalType: { case: "double", value } };
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error("Cannot use an invalid Date as a literal");
    return { literalType: { case: "timestamp", value: BigInt(value.getTime()) * 1000n } };
  }
  if (value instanceof Uint8Array) return { literalType: { case: "binary", value } };
  if (hasNullInside(value)) {
    // Spark 3.5's server reads a null array element or map value as its type's zero (0, "",
    // 1970-01-01…) instead of null: refuse rather than send a value that silently changes.
    throw new Error("A Spark literal cannot hold null inside an array or map: use lit(...), which builds it with array()/map()");
  }
  if (Array.isArray(value)) {
    const { type, elements } = uniform((value as readonly LiteralValue[]).map(toLiteral), "array");
    return { literalType: { case: "array", value: { elementType: type, elements } } };
  }
  if (value instanceof Map) {
    const map = value as ReadonlyMap<LiteralValue, LiteralValue>;
    const keys = uniform([...map.keys()].map(toLiteral), "map key");
    const values = uniform([...map.values()].map(toLiteral), "map value");
    return { literalType: { case: "map", value: { keyType: keys.type, valueType: values.type, keys: keys.elements, values: values.elements } } };
  }
  throw new Error(`Cannot make a Spark literal from ${Object.prototype.toString.call(value)}`);
}

/**
 * A JS value as an expression: a literal, except for Maps and for arrays that hold nulls or empty
 * collections at any depth, which become calls of Spark's `array` and `map` functions on element
 * expressions. That keeps nulls inside collections (see toLiteral), a Map's insertion order (the
 * server builds a map literal through a hash map, which loses it), and types an empty collection
 * as PySpark does (`array<void>`, which Spark widens where it meets typed arrays).
 */
export function literalExpression(value: LiteralValue): ExpressionInit {
  if (Array.isArray(value) && (!plainCollection(value) || mixesTypes(value))) {
    const elements = value as readonly LiteralValue[];
    // The same rule as for a literal array: an element must give the type (an empty array is void).
    if (elements.length > 0 && elements.every((e) => e === null || e === undefined)) {
      throw new Error("Cannot infer the array type of a literal with no non-null element: use TypedLiteral.nullOf or cast");
    }
    return unresolvedFunction("array", elements.map(literalExpression));
  }
  if (value instanceof Map) {
    const entries = [...(value as ReadonlyMap<LiteralValue, LiteralValue>)];
    return unresolvedFunction(
      "map",
      entries.flatMap(([k, v]) => [literalExpression(k), literalExpression(v)]),
    );
  }
  return { exprType: { case: "literal", value: toLiteral(value) } };
}

/** Whether an array's elements have no common literal type (Spark's `array()` can still widen them). */
function mixesTypes(value: readonly LiteralValue[]): boolean {
  try {
    toLiteral(value);
    return false;
  } catch (e) {
    if (e instanceof MixedTypesError) return true;
    throw e;
  }
}

class MixedTypesError extends Error {}

/**
 * Collection elements brought to one Spark type, with that type. The server converts every
 * element by the declared element type and reads another kind of literal as zero (`[1, 2.5]`
 * would arrive as `[1, 0]`), so numbers are widened here as Spark would (int < long < double),
 * decimals get a precision and scale that hold them all, and any other mix is refused.
 */
function uniform(literals: readonly LiteralInit[], what: string): { type: DataTypeInit; elements: LiteralInit[] } {
  const elements = widenDecimals(widenNumbers(literals));
  const type = typeOf(elements, what);
  const key = typeKey(type);
  if (elements.some((e) => e.literalType?.case !== "null" && typeKey(typeOf([e], what)) !== key)) {
    throw new MixedTypesError(`The ${what} elements of a literal have different types: use lit(), which lets Spark widen them, or cast`);
  }
  return { type, elements };
}

const NUMBER_RANK = { integer: 0, long: 1, double: 2 } as const;

function widenNumbers(literals: readonly LiteralInit[]): LiteralInit[] {
  const cases = new Set(literals.map((l) => l.literalType?.case).filter((c) => c !== "null"));
  const numeric = [...cases].filter((c): c is keyof typeof NUMBER_RANK => c === "integer" || c === "long" || c === "double");
  if (cases.size < 2 || numeric.length !== cases.size) return [...literals];
  const widest = numeric.reduce((a, b) => (NUMBER_RANK[a] >= NUMBER_RANK[b] ? a : b));
  return literals.map((l) => {
    const t = l.literalType;
    if (t?.case !== "integer" && t?.case !== "long" && t?.case !== "double") return l;
    if (widest === "double") return { literalType: { case: "double", value: Number(t.value) } };
    return { literalType: { case: "long", value: BigInt(t.value) } };
  });
}

/** Decimals without a stated precision get the smallest precision and scale holding every element. */
function widenDecimals(literals: readonly LiteralInit[]): LiteralInit[] {
  const decimals = literals.flatMap((l) => (l.literalType?.case === "decimal" ? [l.literalType.value] : []));
  if (decimals.length === 0 || decimals.length !== literals.filter((l) => l.literalType?.case !== "null").length) return [...literals];
  // As the server does for one decimal literal: at least the stated precision and scale, and enough for the value.
  const shapes = decimals.map((d) => {
    const actual = decimalShape(d.value ?? "0");
    return { integral: Math.max(actual.integral, (d.precision ?? 0) - (d.scale ?? 0)), scale: Math.max(actual.scale, d.scale ?? 0) };
  });
  const scale = Math.max(...shapes.map((x) => x.scale));
  const precision = Math.max(...shapes.map((x) => x.integral)) + scale;
  if (precision > 38) throw new RangeError(`The decimal elements of a literal need ${precision} digits; Spark's limit is 38`);
  return literals.map((l) =>
    l.literalType?.case === "decimal" ? { literalType: { case: "decimal", value: { value: l.literalType.value.value, precision, scale } } } : l,
  );
}

/** Digits before and after the point of a decimal text such as "-12.50" or "1.5e-3". */
function decimalShape(text: string): { integral: number; scale: number } {
  const [mantissa = "", exponentText] = text.replace(/^[+-]/, "").toLowerCase().split("e");
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const [whole = "", fraction = ""] = mantissa.split(".");
  return { integral: Math.max(1, whole.replace(/^0+/, "").length + exponent), scale: Math.max(0, fraction.length - exponent) };
}

/** A Spark type as comparable text. */
function typeKey(type: DataTypeInit): string {
  return JSON.stringify(type, (k, v: unknown) => (k === "$typeName" ? undefined : v));
}

/** The children of an array or Map (keys, then values), or undefined for a scalar. */
function childrenOf(value: LiteralValue): readonly LiteralValue[] | undefined {
  if (Array.isArray(value)) return value as readonly LiteralValue[];
  if (value instanceof Map) {
    const map = value as ReadonlyMap<LiteralValue, LiteralValue>;
    return [...map.keys(), ...map.values()];
  }
  return undefined;
}

/** Whether a value is null, untyped or typed (`TypedLiteral.nullOf`). */
function isNull(value: LiteralValue): boolean {
  return value === null || value === undefined || (value instanceof TypedLiteral && value.literal.literalType?.case === "null");
}

/** Whether an array or Map holds a null at any depth. */
function hasNullInside(value: LiteralValue): boolean {
  return childrenOf(value)?.some((c) => isNull(c) || hasNullInside(c)) ?? false;
}

/** Whether a collection is non-empty with no null, Map or empty collection at any depth. */
function plainCollection(value: LiteralValue): boolean {
  const children = childrenOf(value);
  if (children === undefined) return !isNull(value);
  return !(value instanceof Map) && children.length > 0 && children.every(plainCollection);
}

/** The Spark type of a list of literals: that of the first non-null one (Spark widens the rest). */
function typeOf(elements: readonly LiteralInit[], what: string): DataTypeInit {
  const first = elements.find((e) => e.literalType?.case !== "null");
  if (!first?.literalType?.case) throw new Error(`Cannot infer the ${what} type of a literal with no non-null element: use TypedLiteral.nullOf or cast`);
  switch (first.literalType.case) {
    case "decimal": {
      const d = first.literalType.value;
      return {
        kind: { case: "decimal", value: { ...(d.precision !== undefined && { precision: d.precision }), ...(d.scale !== undefined && { scale: d.scale }) } },
      };
    }
    case "array":
      return { kind: { case: "array", value: { elementType: first.literalType.value.elementType, containsNull: true } } };
    case "map":
      return {
        kind: { case: "map", value: { keyType: first.literalType.value.keyType, valueType: first.literalType.value.valueType, valueContainsNull: true } },
      };
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
