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
 * type is inferred from the first non-null value of each column.
 */
export function rowsToTable(rows: readonly Record<string, unknown>[], schema?: StructType): arrow.Table {
  const struct = schema ?? inferSchema(rows);
  const columns: Record<string, arrow.Vector> = {};
  for (const field of struct.fields) {
    const values = rows.map((row, index) => checkValue(row[field.name], field, index));
    columns[field.name] = arrow.vectorFromArray(values.map((v) => toArrowValue(v, field.dataType)), arrowType(field.dataType));
  }
  return new arrow.Table(columns);
}

function checkValue(value: unknown, field: StructField, index: number): unknown {
  if ((value === null || value === undefined) && !field.nullable) throw new Error(`Row ${index}: column '${field.name}' is NOT NULL but has no value`);
  return value ?? null;
}

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
  return new StructType(names.map((name) => new StructField(name, inferType(rows.map((r) => r[name]), name))));
}

function inferType(values: readonly unknown[], name: string): DataType {
  const sample = values.find((v) => v !== null && v !== undefined);
  if (sample === undefined) return new NullType();
  if (typeof sample === "string") return new StringType();
  if (typeof sample === "boolean") return new BooleanType();
  if (typeof sample === "bigint") return new LongType();
  // PySpark infers Python ints as LongType; JS numbers with a fraction anywhere make the column double.
  if (typeof sample === "number") return values.every((v) => v === null || v === undefined || Number.isInteger(v)) ? new LongType() : new DoubleType();
  if (sample instanceof Date) return new TimestampType();
  if (sample instanceof Uint8Array) return new BinaryType();
  if (Array.isArray(sample)) return new ArrayType(inferType(values.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [])), `${name}[]`));
  if (sample instanceof Map) {
    const maps = values.filter((v): v is Map<unknown, unknown> => v instanceof Map);
    return new MapType(inferType(maps.flatMap((m) => [...m.keys()]), `${name} key`), inferType(maps.flatMap((m) => [...m.values()]), `${name} value`));
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
  if (type instanceof ArrayType) return new arrow.List(new arrow.Field("element", arrowType(type.elementType), true));
  if (type instanceof MapType) {
    const entries = new arrow.Struct<{ key: arrow.DataType; value: arrow.DataType }>([
      new arrow.Field("key", arrowType(type.keyType), false),
      new arrow.Field("value", arrowType(type.valueType), true),
    ]);
    return new arrow.Map_(new arrow.Field("entries", entries, false));
  }
  if (type instanceof StructType) return new arrow.Struct(type.fields.map((f) => new arrow.Field(f.name, arrowType(f.dataType), f.nullable)));
  throw new Error(`createDataFrame cannot carry ${type.simpleString()} values`);
}

/** JS value → what Arrow JS's builders take for that type. */
function toArrowValue(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (type instanceof LongType) return typeof value === "bigint" ? value : BigInt(value as number);
  if (type instanceof DateType) return typeof value === "string" ? new Date(`${value}T00:00:00Z`) : value;
  if (type instanceof DecimalType) return typeof value === "number" || typeof value === "bigint" ? value.toString() : value;
  if (type instanceof ArrayType) return (value as unknown[]).map((v) => toArrowValue(v, type.elementType));
  if (type instanceof MapType) {
    const entries = value instanceof Map ? [...(value as Map<unknown, unknown>)] : Object.entries(value);
    return new Map(entries.map(([k, v]) => [toArrowValue(k, type.keyType), toArrowValue(v, type.valueType)]));
  }
  if (type instanceof StructType) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(type.fields.map((f) => [f.name, toArrowValue(record[f.name], f.dataType)]));
  }
  return value;
}
