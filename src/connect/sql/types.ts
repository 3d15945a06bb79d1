import type { MessageInitShape } from "@bufbuild/protobuf";
import type { DataType as DataTypeProto, DataTypeSchema } from "../proto/gen/spark/connect/types_pb";

/**
 * Spark SQL data types, named as in PySpark (`pyspark.sql.types`). Each knows its DDL spelling
 * (`simpleString`) and its Spark Connect proto form.
 */
export abstract class DataType {
  abstract readonly typeName: string;

  /** The DDL spelling Spark's parser accepts, e.g. `array<struct<a:bigint>>`. */
  simpleString(): string {
    return this.typeName;
  }

  toString(): string {
    return this.simpleString();
  }

  equals(other: DataType): boolean {
    return this.simpleString() === other.simpleString();
  }

  abstract toProto(): DataTypeInit;
}

export type DataTypeInit = MessageInitShape<typeof DataTypeSchema>;

abstract class AtomicType extends DataType {
  protected abstract readonly protoCase:
    | "null"
    | "binary"
    | "boolean"
    | "byte"
    | "short"
    | "integer"
    | "long"
    | "float"
    | "double"
    | "string"
    | "date"
    | "timestamp"
    | "timestampNtz"
    | "calendarInterval";
  toProto(): DataTypeInit {
    return { kind: { case: this.protoCase, value: {} } };
  }
}

export class NullType extends AtomicType {
  readonly typeName = "void";
  protected readonly protoCase = "null";
}
export class BinaryType extends AtomicType {
  readonly typeName = "binary";
  protected readonly protoCase = "binary";
}
export class BooleanType extends AtomicType {
  readonly typeName = "boolean";
  protected readonly protoCase = "boolean";
}
export class ByteType extends AtomicType {
  readonly typeName = "tinyint";
  protected readonly protoCase = "byte";
}
export class ShortType extends AtomicType {
  readonly typeName = "smallint";
  protected readonly protoCase = "short";
}
export class IntegerType extends AtomicType {
  readonly typeName = "int";
  protected readonly protoCase = "integer";
}
export class LongType extends AtomicType {
  readonly typeName = "bigint";
  protected readonly protoCase = "long";
}
export class FloatType extends AtomicType {
  readonly typeName = "float";
  protected readonly protoCase = "float";
}
export class DoubleType extends AtomicType {
  readonly typeName = "double";
  protected readonly protoCase = "double";
}
export class StringType extends AtomicType {
  readonly typeName = "string";
  protected readonly protoCase = "string";
}
export class DateType extends AtomicType {
  readonly typeName = "date";
  protected readonly protoCase = "date";
}
/** Instants, shown in the session time zone; collected as UTC. */
export class TimestampType extends AtomicType {
  readonly typeName = "timestamp";
  protected readonly protoCase = "timestamp";
}
/** Wall-clock timestamps without a zone. */
export class TimestampNTZType extends AtomicType {
  readonly typeName = "timestamp_ntz";
  protected readonly protoCase = "timestampNtz";
}
export class CalendarIntervalType extends AtomicType {
  readonly typeName = "interval";
  protected readonly protoCase = "calendarInterval";
}

export class DecimalType extends DataType {
  readonly typeName = "decimal";
  constructor(
    readonly precision = 10,
    readonly scale = 0,
  ) {
    super();
  }
  override simpleString(): string {
    return `decimal(${this.precision},${this.scale})`;
  }
  toProto(): DataTypeInit {
    return { kind: { case: "decimal", value: { precision: this.precision, scale: this.scale } } };
  }
}

export class CharType extends DataType {
  readonly typeName = "char";
  constructor(readonly length: number) {
    super();
  }
  override simpleString(): string {
    return `char(${this.length})`;
  }
  toProto(): DataTypeInit {
    return { kind: { case: "char", value: { length: this.length } } };
  }
}

export class VarcharType extends DataType {
  readonly typeName = "varchar";
  constructor(readonly length: number) {
    super();
  }
  override simpleString(): string {
    return `varchar(${this.length})`;
  }
  toProto(): DataTypeInit {
    return { kind: { case: "varChar", value: { length: this.length } } };
  }
}

const DAY_TIME_FIELDS = ["day", "hour", "minute", "second"] as const;
const YEAR_MONTH_FIELDS = ["year", "month"] as const;

export class DayTimeIntervalType extends DataType {
  readonly typeName = "interval day to second";
  constructor(
    readonly startField = 0,
    readonly endField = 3,
  ) {
    super();
  }
  override simpleString(): string {
    return intervalString(DAY_TIME_FIELDS, this.startField, this.endField);
  }
  toProto(): DataTypeInit {
    return { kind: { case: "dayTimeInterval", value: { startField: this.startField, endField: this.endField } } };
  }
}

export class YearMonthIntervalType extends DataType {
  readonly typeName = "interval year to month";
  constructor(
    readonly startField = 0,
    readonly endField = 1,
  ) {
    super();
  }
  override simpleString(): string {
    return intervalString(YEAR_MONTH_FIELDS, this.startField, this.endField);
  }
  toProto(): DataTypeInit {
    return { kind: { case: "yearMonthInterval", value: { startField: this.startField, endField: this.endField } } };
  }
}

function intervalString(fields: readonly string[], start: number, end: number): string {
  const from = fields[start] ?? "?";
  const to = fields[end] ?? "?";
  return start === end ? `interval ${from}` : `interval ${from} to ${to}`;
}

export class ArrayType extends DataType {
  readonly typeName = "array";
  constructor(
    readonly elementType: DataType,
    readonly containsNull = true,
  ) {
    super();
  }
  override simpleString(): string {
    return `array<${this.elementType.simpleString()}>`;
  }
  toProto(): DataTypeInit {
    return { kind: { case: "array", value: { elementType: this.elementType.toProto(), containsNull: this.containsNull } } };
  }
}

export class MapType extends DataType {
  readonly typeName = "map";
  constructor(
    readonly keyType: DataType,
    readonly valueType: DataType,
    readonly valueContainsNull = true,
  ) {
    super();
  }
  override simpleString(): string {
    return `map<${this.keyType.simpleString()},${this.valueType.simpleString()}>`;
  }
  toProto(): DataTypeInit {
    return {
      kind: {
        case: "map",
        value: { keyType: this.keyType.toProto(), valueType: this.valueType.toProto(), valueContainsNull: this.valueContainsNull },
      },
    };
  }
}

export class StructField {
  constructor(
    readonly name: string,
    readonly dataType: DataType,
    readonly nullable = true,
    /** Spark's field metadata, as its JSON text. */
    readonly metadata?: string,
  ) {}

  simpleString(): string {
    return `${quoteIdentifier(this.name)}:${this.dataType.simpleString()}`;
  }

  /** The field's comment, kept (as Spark keeps it) in the metadata's `comment` key. */
  get comment(): string | undefined {
    if (this.metadata === undefined) return undefined;
    const parsed: unknown = JSON.parse(this.metadata);
    const comment: unknown = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>).comment : undefined;
    return typeof comment === "string" ? comment : undefined;
  }
}

export class StructType extends DataType {
  readonly typeName = "struct";
  readonly fields: readonly StructField[];

  constructor(fields: readonly StructField[] = []) {
    super();
    this.fields = fields;
  }

  /** A new StructType with one more field (PySpark's `add`). */
  add(name: string, dataType: DataType, nullable = true): StructType {
    return new StructType([...this.fields, new StructField(name, dataType, nullable)]);
  }

  get names(): string[] {
    return this.fields.map((f) => f.name);
  }

  field(name: string): StructField {
    const found = this.fields.find((f) => f.name === name);
    if (!found) throw new Error(`No field '${name}' in ${this.simpleString()}`);
    return found;
  }

  override simpleString(): string {
    return `struct<${this.fields.map((f) => f.simpleString()).join(",")}>`;
  }

  /** `name type [NOT NULL] [COMMENT '...'], ...`: the form DataFrameReader.schema and createDataFrame accept. */
  toDDL(): string {
    return this.fields
      .map((f) => {
        const comment = f.comment;
        return `${quoteIdentifier(f.name)} ${f.dataType.simpleString()}${f.nullable ? "" : " NOT NULL"}${comment === undefined ? "" : ` COMMENT '${escapeSql(comment)}'`}`;
      })
      .join(", ");
  }

  toProto(): DataTypeInit {
    return {
      kind: {
        case: "struct",
        value: {
          fields: this.fields.map((f) => ({
            name: f.name,
            dataType: f.dataType.toProto(),
            nullable: f.nullable,
            ...(f.metadata !== undefined && { metadata: f.metadata }),
          })),
        },
      },
    };
  }
}

/** A user-defined type: its SQL type is what travels and what we decode. */
export class UserDefinedType extends DataType {
  readonly typeName: string;
  constructor(
    readonly name: string,
    readonly sqlType: DataType,
  ) {
    super();
    this.typeName = name;
  }
  override simpleString(): string {
    return this.sqlType.simpleString();
  }
  toProto(): DataTypeInit {
    return { kind: { case: "udt", value: { type: "udt", jvmClass: this.name, sqlType: this.sqlType.toProto() } } };
  }
}

const SQL_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\t": "\\t", "\r": "\\r" };

/** A string for a single-quoted SQL literal: the escapes the DDL parser reads back. */
function escapeSql(text: string): string {
  return text.replace(/[\\'\n\t\r]/g, (ch) => SQL_ESCAPES[ch] ?? `\\${ch}`);
}

function quoteIdentifier(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, "``")}\``;
}

/** Reads the server's proto DataType. */
export function dataTypeFromProto(proto: DataTypeProto): DataType {
  const kind = proto.kind;
  switch (kind.case) {
    case "null":
      return new NullType();
    case "binary":
      return new BinaryType();
    case "boolean":
      return new BooleanType();
    case "byte":
      return new ByteType();
    case "short":
      return new ShortType();
    case "integer":
      return new IntegerType();
    case "long":
      return new LongType();
    case "float":
      return new FloatType();
    case "double":
      return new DoubleType();
    case "decimal":
      return new DecimalType(kind.value.precision ?? 10, kind.value.scale ?? 0);
    case "string":
      return new StringType();
    case "char":
      return new CharType(kind.value.length);
    case "varChar":
      return new VarcharType(kind.value.length);
    case "date":
      return new DateType();
    case "timestamp":
      return new TimestampType();
    case "timestampNtz":
      return new TimestampNTZType();
    case "calendarInterval":
      return new CalendarIntervalType();
    case "yearMonthInterval":
      return new YearMonthIntervalType(kind.value.startField ?? 0, kind.value.endField ?? 1);
    case "dayTimeInterval":
      return new DayTimeIntervalType(kind.value.startField ?? 0, kind.value.endField ?? 3);
    case "array":
      return new ArrayType(dataTypeFromProto(required(kind.value.elementType, "array element")), kind.value.containsNull);
    case "map":
      return new MapType(
        dataTypeFromProto(required(kind.value.keyType, "map key")),
        dataTypeFromProto(required(kind.value.valueType, "map value")),
        kind.value.valueContainsNull,
      );
    case "struct":
      return new StructType(
        kind.value.fields.map((f) => new StructField(f.name, dataTypeFromProto(required(f.dataType, `field ${f.name}`)), f.nullable, f.metadata)),
      );
    case "udt":
      return new UserDefinedType(kind.value.jvmClass ?? kind.value.type, dataTypeFromProto(required(kind.value.sqlType, "udt sql type")));
    case "unparsed":
      throw new Error(`The server sent an unparsed data type '${kind.value.dataTypeString}'`);
    case undefined:
      throw new Error("The server sent a data type without a kind");
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Malformed data type: ${what} is missing`);
  return value;
}
