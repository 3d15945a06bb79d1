import { describe, expect, it } from "vitest";
import { parseDDLSchema, parseDDLType } from "../../src/connect/sql/ddl";
import {
  ArrayType,
  CalendarIntervalType,
  CharType,
  DayTimeIntervalType,
  DecimalType,
  IntegerType,
  LongType,
  MapType,
  StringType,
  StructField,
  StructType,
  TimestampType,
  VarcharType,
  YearMonthIntervalType,
} from "../../src/connect/sql/types";

describe("parseDDLType", () => {
  it.each([
    ["string", "string"],
    ["BIGINT", "bigint"],
    ["long", "bigint"],
    ["integer", "int"],
    ["short", "smallint"],
    ["byte", "tinyint"],
    ["real", "float"],
    ["timestamp_ltz", "timestamp"],
    ["timestamp_ntz", "timestamp_ntz"],
    ["void", "void"],
    ["decimal", "decimal(10,0)"],
    ["decimal(10,2)", "decimal(10,2)"],
    ["DEC( 38 , 0 )", "decimal(38,0)"],
    ["numeric(5)", "decimal(5,0)"],
    ["char(3)", "char(3)"],
    ["VARCHAR(255)", "varchar(255)"],
    ["interval", "interval"],
    ["interval day to second", "interval day to second"],
    ["INTERVAL YEAR TO MONTH", "interval year to month"],
    ["interval hour to minute", "interval hour to minute"],
    ["interval month", "interval month"],
    ["array< int >", "array<int>"],
    ["map<string, array<bigint>>", "map<string,array<bigint>>"],
    ["array<struct<a:int,b:map<string,array<bigint>>>>", "array<struct<a:int,b:map<string,array<bigint>>>>"],
    ["struct<a int, b: string>", "struct<a:int,b:string>"],
    ["struct<>", "struct<>"],
  ])("parses %s as %s", (ddl, simple) => {
    expect(parseDDLType(ddl).simpleString()).toBe(simple);
  });

  it("builds the right classes and fields", () => {
    expect(parseDDLType("decimal(10,2)")).toEqual(new DecimalType(10, 2));
    expect(parseDDLType("char(3)")).toEqual(new CharType(3));
    expect(parseDDLType("varchar(3)")).toEqual(new VarcharType(3));
    expect(parseDDLType("interval day to second")).toEqual(new DayTimeIntervalType(0, 3));
    expect(parseDDLType("interval minute to second")).toEqual(new DayTimeIntervalType(2, 3));
    expect(parseDDLType("interval year to month")).toEqual(new YearMonthIntervalType(0, 1));
    expect(parseDDLType("interval")).toEqual(new CalendarIntervalType());
    expect(parseDDLType("map<string,array<bigint>>")).toEqual(new MapType(new StringType(), new ArrayType(new LongType())));
  });

  it.each([
    ["varchar", "expected '('"],
    ["strin", "unknown type 'strin'"],
    ["constructor", "unknown type 'constructor'"],
    ["array<int", "expected '>'"],
    ["array<int>>", "unexpected '>'"],
    ["map<string>", "expected ','"],
    ["struct<a int", "expected '>'"],
    ["int junk", "unexpected 'junk'"],
    ["", "expected a type"],
    ["array<>", "expected a type"],
    ["decimal(39,0)", "decimal precision 39 is not within 1 to 38"],
    ["decimal(5,6)", "decimal scale 6 exceeds its precision 5"],
    ["interval second to day", "an interval cannot run from second to day"],
    ["interval year to second", "an interval cannot mix months and days"],
    ["interval day to", "expected an interval unit after 'to'"],
    ["interval fortnight", "unexpected 'fortnight'"],
  ])("rejects %j: %s", (ddl, reason) => {
    expect(() => parseDDLType(ddl)).toThrow(`Cannot parse DDL '${ddl}' at`);
    expect(() => parseDDLType(ddl)).toThrow(reason);
  });
});

describe("parseDDLSchema", () => {
  it("parses columns with NOT NULL and COMMENT", () => {
    const schema = parseDDLSchema('user_id string NOT NULL, ts timestamp COMMENT \'event time\', n int not null comment "it\'s \\"n\\""');
    expect(schema.names).toEqual(["user_id", "ts", "n"]);
    expect(schema.fields.map((f) => f.nullable)).toEqual([false, true, false]);
    expect(schema.fields[1]?.dataType).toEqual(new TimestampType());
    expect(schema.fields[1]?.comment).toBe("event time");
    expect(schema.fields[2]?.comment).toBe('it\'s "n"');
    expect(schema.fields[0]?.metadata).toBeUndefined();
  });

  it("reads escapes in comments", () => {
    expect(parseDDLSchema("a int COMMENT 'x\\'y\\\\z\\n'").fields[0]?.comment).toBe("x'y\\z\n");
  });

  it("parses backtick-quoted names with spaces, dots and doubled backticks", () => {
    const schema = parseDDLSchema("`user id` string, `a.b` int, `we``ird` bigint, s struct<`x y`: int NOT NULL>");
    expect(schema.names).toEqual(["user id", "a.b", "we`ird", "s"]);
    expect(schema.field("s").dataType).toEqual(new StructType([new StructField("x y", new IntegerType(), false)]));
  });

  it("takes a struct<...> type as the schema", () => {
    expect(parseDDLSchema("struct<a:int,b:string>").simpleString()).toBe("struct<a:int,b:string>");
    expect(parseDDLSchema("STRUCT<a int>").names).toEqual(["a"]);
  });

  it("parses nested types in columns", () => {
    const schema = parseDDLSchema("tags array<struct<a:int,b:map<string,array<bigint>>>>, d decimal(10,2)");
    expect(schema.simpleString()).toBe("struct<tags:array<struct<a:int,b:map<string,array<bigint>>>>,d:decimal(10,2)>");
  });

  it("parses interval and unit-like column names after an interval type", () => {
    const schema = parseDDLSchema("i interval, day interval day, year int");
    expect(schema.simpleString()).toBe("struct<i:interval,day:interval day,year:int>");
  });

  it.each([
    ["", "expected a field name"],
    ["a int,", "expected a field name"],
    ["a", "expected a type"],
    ["a int b int", "unexpected 'b int'"],
    ["`a int", "unterminated `quoted` name"],
    ["a int COMMENT 'open", "unexpected 'COMMENT 'o'"],
    ["a array<int", "expected '>'"],
  ])("rejects %j: %s", (ddl, reason) => {
    expect(() => parseDDLSchema(ddl)).toThrow(reason);
  });
});

describe("StructType.toDDL round trip", () => {
  const schemas = [
    parseDDLSchema("a int"),
    parseDDLSchema("`user id` string NOT NULL, `we``ird` array<struct<`x y`:int,b:map<string,array<bigint>>>>"),
    parseDDLSchema("d decimal(38,10), c char(2), v varchar(10), dt interval day to second, ym interval year to month, ci interval, t timestamp_ntz"),
    parseDDLSchema("a int COMMENT 'it\\'s a \\\\ \\n', b string NOT NULL COMMENT 'x'"),
    new StructType([new StructField("ok", new LongType(), false), new StructField("select", new StringType())]),
  ];

  it.each(schemas.map((s) => [s.toDDL(), s]))("%s parses back to the same schema", (ddl, schema) => {
    const parsed = parseDDLSchema(ddl);
    expect(parsed).toEqual(schema);
    expect(parsed.toDDL()).toBe(ddl);
  });

  it("writes NOT NULL and COMMENT as Spark does", () => {
    expect(schemas[3]?.toDDL()).toBe("a int COMMENT 'it\\'s a \\\\ \\n', b string NOT NULL COMMENT 'x'");
  });
});
