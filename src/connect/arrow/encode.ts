import * as arrow from "apache-arrow";
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  DataType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  StructField,
  StructType,
  TimestampNTZType,
  TimestampType,
} from "../sql/types";

/** Arrow IPC stream bytes of a table: the form LocalRelation carries. */
export function tableToIpc(table: arrow.Table): Uint8Array {
  return arrow.tableToIPC(table, "stream");
}

/**
 * Builds an Arrow table from row objects. With a schema, each column takes its Spark type's
 * Arrow form (decimals travel as strings and are cast by the server to the schema); without, the
 * type is inferred from the column's values (see `inferSchema`). Values are checked against
 * their type first: Arrow's builders would otherwise wrap out-of-range integers and turn bad
 * dates into 1970 without a word.
 */
export function rowsToTable(rows: readonly Record<string, unknown>[], schema?: StructType): arrow.Table {
  const struct = schema ?? inferSchema(rows);
  const columns: Record<string, arrow.Vector> = {};
  for (const field of struct.fields) {
    const values = rows.map((row, index) => toArrowValue(row[field.name], field.dataType, field.nullable, index, field.name));
    columns[field.name] = arrow.vectorFromArray(values, arrowType(field.dataType));
  }
  return new arrow.Table(columns);
}

/**
 * The schema of row objects, as PySpark infers one: columns in first-seen order, each typed by
 * its first non-null value, except that numbers are LongType when every one is an integer and
 * DoubleType when any has a fraction; Date is TimestampType; arrays, Maps and plain objects
 * become ArrayType, MapType and StructType of their contents.
 */
export function inferSchema(rows: readonly Record<string, unknown>[]): StructType {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        names.push(key);
      }
    }
  }
  return new StructType(
    names.map(
      (name) =>
        new StructField(
          name,
          inferType(
            rows.map((r) => r[name]),
            name,
          ),
        ),
    ),
  );
}

function inferType(values: readonly unknown[], name: string): DataType {
  const sample = values.find((v) => v !== null && v !== undefined);
  if (sample === undefined) return new NullType();
  if (typeof sample === "string") return new StringType();
  if (typeof sample === "boolean") return new BooleanType();
  if (typeof sample === "number" || typeof sample === "bigint") {
    const integral = values.every((v) => v === null || v === undefined || typeof v === "bigint" || Number.isInteger(v));
    return integral ? new LongType() : new DoubleType();
  }
  if (sample instanceof Date) return new TimestampType();
  if (sample instanceof Uint8Array) return new BinaryType();
  if (Array.isArray(sample))
    return new ArrayType(
      inferType(
        values.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [])),
        `${name}[]`,
      ),
    );
  if (sample instanceof Map) {
    const maps = values.filter((v): v is Map<unknown, unknown> => v instanceof Map);
    return new MapType(
      inferType(
        maps.flatMap((m) => [...m.keys()]),
        `${name} key`,
      ),
      inferType(
        maps.flatMap((m) => [...m.values()]),
        `${name} value`,
      ),
    );
  }
  if (typeof sample === "object") return inferSchema(values.filter((v): v is Record<string, unknown> => typeof v === "object" && v !== null));
  throw new Error(`Cannot infer a Spark type for column '${name}' from ${typeof sample}`);
}

function arrowType(type: DataType): arrow.DataType {
  if (type instanceof StringType) return new arrow.Utf8();
  if (type instanceof LongType) return new arrow.Int64();
  if (type instanceof IntegerType) return new arrow.Int32();
  if (type instanceof ShortType) return new arrow.Int16();
  if (type instanceof ByteType) return new arrow.Int8();
  if (type instanceof DoubleType) return new arrow.Float64();
  if (type instanceof FloatType) return new arrow.Float32();
  if (type instanceof BooleanType) return new arrow.Bool();
  if (type instanceof BinaryType) return new arrow.Binary();
  if (type instanceof DateType) return new arrow.DateDay();
  if (type instanceof TimestampType) return new arrow.TimestampMicrosecond("UTC");
  if (type instanceof TimestampNTZType) return new arrow.TimestampMicrosecond();
  if (type instanceof NullType) return new arrow.Null();
  if (type instanceof DecimalType) return new arrow.Utf8();
  if (type instanceof ArrayType) return new arrow.List(new arrow.Field("element", arrowType(type.elementType), type.containsNull));
  if (type instanceof MapType) {
    const entries = new arrow.Struct<{ key: arrow.DataType; value: arrow.DataType }>([
      new arrow.Field("key", arrowType(type.keyType), false),
      new arrow.Field("value", arrowType(type.valueType), type.valueContainsNull),
    ]);
    return new arrow.Map_(new arrow.Field("entries", entries, false));
  }
  if (type instanceof StructType) return new arrow.Struct(type.fields.map((f) => new arrow.Field(f.name, arrowType(f.dataType), f.nullable)));
  throw new Error(`createDataFrame cannot carry ${type.simpleString()} values`);
}

const INT_BITS = new Map<new () => DataType, number>([
  [ByteType, 8],
  [ShortType, 16],
  [IntegerType, 32],
]);
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * A JS value → what Arrow JS's builders take for `type`, after checking it fits. `row` and
 * `path` (the column, then `.field`, `[index]` or `[key]` inside it) name the value in errors.
 */
function toArrowValue(value: unknown, type: DataType, nullable: boolean, row: number, path: string): unknown {
  if (value === null || value === undefined) {
    if (!nullable) throw new Error(`Row ${row}: column '${path}' is NOT NULL but has no value`);
    return null;
  }
  const bad = (expected: string): Error => new Error(`Row ${row}: column '${path}' is ${type.simpleString()} but has ${describe(value)}: expected ${expected}`);
  if (type instanceof StringType) {
    if (typeof value !== "string") throw bad("a string");
    return value;
  }
  if (type instanceof LongType) {
    const long = typeof value === "bigint" ? value : typeof value === "number" && Number.isInteger(value) ? BigInt(value) : undefined;
    if (long === undefined || long < LONG_MIN || long > LONG_MAX) throw bad("an integer within 64 bits");
    return long;
  }
  const bits = INT_BITS.get(type.constructor as new () => DataType);
  if (bits !== undefined) {
    const limit = 2 ** (bits - 1);
    if (typeof value !== "number" || !Number.isInteger(value) || value < -limit || value >= limit) throw bad(`an integer within ${bits} bits`);
    return value;
  }
  if (type instanceof DoubleType || type instanceof FloatType) {
    if (typeof value === "bigint") return Number(value);
    if (typeof value !== "number") throw bad("a number");
    return value;
  }
  if (type instanceof BooleanType) {
    if (typeof value !== "boolean") throw bad("a boolean");
    return value;
  }
  if (type instanceof BinaryType) {
    if (!(value instanceof Uint8Array)) throw bad("a Uint8Array");
    return value;
  }
  if (type instanceof DateType) {
    const date = typeof value === "string" ? parseDay(value) : value;
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw bad("a YYYY-MM-DD string or a valid Date");
    return date;
  }
  if (type instanceof TimestampType || type instanceof TimestampNTZType) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw bad("a valid Date");
    return value;
  }
  if (type instanceof DecimalType) {
    if (typeof value === "number" || typeof value === "bigint") return value.toString();
    if (typeof value !== "string") throw bad("a decimal string or number");
    return value;
  }
  if (type instanceof ArrayType) {
    if (!Array.isArray(value)) throw bad("an array");
    return (value as unknown[]).map((v, i) => toArrowValue(v, type.elementType, type.containsNull, row, `${path}[${i}]`));
  }
  if (type instanceof MapType) {
    if (typeof value !== "object" || Array.isArray(value)) throw bad("a Map or an object");
    const entries = value instanceof Map ? [...(value as Map<unknown, unknown>)] : Object.entries(value);
    return new Map(
      entries.map(([k, v]) => [
        toArrowValue(k, type.keyType, false, row, `${path} key`),
        toArrowValue(v, type.valueType, type.valueContainsNull, row, `${path}[${String(k)}]`),
      ]),
    );
  }
  if (type instanceof StructType) {
    if (typeof value !== "object" || Array.isArray(value) || value instanceof Map) throw bad("an object");
    const record = value as Record<string, unknown>;
    return Object.fromEntries(type.fields.map((f) => [f.name, toArrowValue(record[f.name], f.dataType, f.nullable, row, `${path}.${f.name}`)]));
  }
  if (type instanceof NullType) throw bad("null");
  return value;
}

/** The UTC midnight of a `YYYY-MM-DD` day; undefined for anything else, 2024-02-30 included. */
function parseDay(text: string): Date | undefined {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : undefined;
  return date && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? date : undefined;
}

function describe(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  if (typeof value === "string") return `'${value.length > 20 ? `${value.slice(0, 20)}…` : value}'`;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return Object.prototype.toString.call(value);
}
