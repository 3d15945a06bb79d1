import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { DataTypeSchema } from "../../src/connect/proto/gen/spark/connect/types_pb";
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  CalendarIntervalType,
  CharType,
  DataType,
  dataTypeFromProto,
  DateType,
  DayTimeIntervalType,
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
  UserDefinedType,
  VarcharType,
  YearMonthIntervalType,
} from "../../src/connect/sql/types";

/** Through the wire: proto init → message → bytes → message → DataType. */
function viaWire(type: DataType): DataType {
  return dataTypeFromProto(fromBinary(DataTypeSchema, toBinary(DataTypeSchema, create(DataTypeSchema, type.toProto()))));
}

const nested = new StructType([
  new StructField("a", new LongType(), false),
  new StructField("b c", new StringType(), true, '{"comment":"x"}'),
  new StructField("m", new MapType(new StringType(), new ArrayType(new DecimalType(38, 18), false), false)),
]);

// Each type with the simpleString Spark gives it.
const CASES: [DataType, string][] = [
  [new NullType(), "void"],
  [new BinaryType(), "binary"],
  [new BooleanType(), "boolean"],
  [new ByteType(), "tinyint"],
  [new ShortType(), "smallint"],
  [new IntegerType(), "int"],
  [new LongType(), "bigint"],
  [new FloatType(), "float"],
  [new DoubleType(), "double"],
  [new StringType(), "string"],
  [new DateType(), "date"],
  [new TimestampType(), "timestamp"],
  [new TimestampNTZType(), "timestamp_ntz"],
  [new CalendarIntervalType(), "interval"],
  [new DecimalType(), "decimal(10,0)"],
  [new DecimalType(10, 2), "decimal(10,2)"],
  [new DecimalType(38, 38), "decimal(38,38)"],
  [new CharType(5), "char(5)"],
  [new VarcharType(10), "varchar(10)"],
  [new DayTimeIntervalType(), "interval day to second"],
  [new DayTimeIntervalType(1, 2), "interval hour to minute"],
  [new DayTimeIntervalType(3, 3), "interval second"],
  [new YearMonthIntervalType(), "interval year to month"],
  [new YearMonthIntervalType(1, 1), "interval month"],
  [new ArrayType(new StringType()), "array<string>"],
  [new MapType(new StringType(), new IntegerType()), "map<string,int>"],
  [new StructType([new StructField("a", new LongType()), new StructField("b c", new StringType())]), "struct<a:bigint,`b c`:string>"],
  [new StructType([new StructField("we`ird", new IntegerType())]), "struct<`we``ird`:int>"],
  [new StructType(), "struct<>"],
  [nested, "struct<a:bigint,`b c`:string,m:map<string,array<decimal(38,18)>>>"],
  [new ArrayType(new ArrayType(nested)), "array<array<struct<a:bigint,`b c`:string,m:map<string,array<decimal(38,18)>>>>>"],
];

describe("DataType.simpleString", () => {
  it.each(CASES)("%s", (type, simple) => {
    expect(type.simpleString()).toBe(simple);
    expect(String(type)).toBe(simple);
  });
});

describe("DataType through its proto", () => {
  it.each(CASES)("%s comes back equal", (type) => {
    const back = viaWire(type);
    expect(back.equals(type)).toBe(true);
    expect(back.simpleString()).toBe(type.simpleString());
  });

  it("keeps nullability, containsNull, valueContainsNull and metadata, which simpleString does not show", () => {
    expect(viaWire(nested)).toEqual(nested);
    expect(viaWire(new ArrayType(new IntegerType(), false))).toEqual(new ArrayType(new IntegerType(), false));
  });

  it("reads a UDT as its SQL type, keeping its class name", () => {
    const udt = new UserDefinedType("org.apache.spark.ml.linalg.VectorUDT", new StructType([new StructField("type", new ByteType(), false)]));
    const back = viaWire(udt);
    expect(back).toBeInstanceOf(UserDefinedType);
    expect(back.typeName).toBe("org.apache.spark.ml.linalg.VectorUDT");
    expect(back.simpleString()).toBe("struct<type:tinyint>");
  });

  it("fails clearly on an unparsed or empty type", () => {
    expect(() => dataTypeFromProto(create(DataTypeSchema, { kind: { case: "unparsed", value: { dataTypeString: "foo" } } }))).toThrow(
      "The server sent an unparsed data type 'foo'",
    );
    expect(() => dataTypeFromProto(create(DataTypeSchema, {}))).toThrow("without a kind");
    expect(() => dataTypeFromProto(create(DataTypeSchema, { kind: { case: "array", value: {} } }))).toThrow("array element is missing");
  });
});

describe("StructType", () => {
  it("adds fields immutably and looks them up by name", () => {
    const base = new StructType().add("a", new LongType());
    const more = base.add("b", new StringType(), false);
    expect(base.names).toEqual(["a"]);
    expect(more.field("b")).toEqual(new StructField("b", new StringType(), false));
    expect(() => more.field("c")).toThrow("No field 'c' in struct<a:bigint,b:string>");
  });

  it("reads a field's comment from its metadata", () => {
    expect(new StructField("a", new IntegerType(), true, '{"comment":"hi","other":1}').comment).toBe("hi");
    expect(new StructField("a", new IntegerType(), true, "{}").comment).toBeUndefined();
    expect(new StructField("a", new IntegerType()).comment).toBeUndefined();
  });
});
