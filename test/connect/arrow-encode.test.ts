import * as arrow from "apache-arrow";
import { describe, expect, it } from "vitest";
import { tableToRows } from "../../src/connect/arrow/decode";
import { resolveDecodeOptions, type DecodeOptions } from "../../src/connect/arrow/decode-options";
import { inferSchema, rowsToTable, tableToIpc } from "../../src/connect/arrow/encode";
import { parseDDLSchema } from "../../src/connect/sql/ddl";
import { ArrayType, IntegerType, MapType, StringType, StructField, StructType } from "../../src/connect/sql/types";

/** Encodes, sends through IPC as LocalRelation does, and decodes again. */
function roundTrip(rows: readonly Record<string, unknown>[], schema?: StructType, options?: DecodeOptions): Record<string, unknown>[] {
  return tableToRows(arrow.tableFromIPC(tableToIpc(rowsToTable(rows, schema))), resolveDecodeOptions(options));
}

describe("rowsToTable with a schema", () => {
  const schema = parseDDLSchema(
    "s string, l bigint, i int, sh smallint, t tinyint, d double, f float, b boolean, bin binary, day date, ts timestamp, ntz timestamp_ntz, " +
      "tags array<int>, m map<string,bigint>, st struct<a:int,b:array<string>>",
  );
  const full = {
    s: "héllo",
    l: 9007199254740991,
    i: -(2 ** 31),
    sh: 32767,
    t: -128,
    d: 0.1,
    f: 0.5,
    b: true,
    bin: Uint8Array.of(0, 255),
    day: "1969-12-31",
    ts: new Date(-1),
    ntz: new Date(1_704_067_200_123),
    tags: [1, null, 3],
    m: new Map([
      ["a", 1],
      ["b", null],
    ]),
    st: { a: 7, b: ["x", null] },
  };
  const empty = Object.fromEntries(schema.names.map((name) => [name, null]));

  it("round-trips every supported type, and nulls, to the same JS values", () => {
    expect(roundTrip([full, empty], schema)).toEqual([full, empty]);
  });

  it("takes missing keys and undefined as null, Dates for date columns, bigints for longs", () => {
    const rows = roundTrip([{ s: undefined, day: new Date(Date.UTC(2024, 0, 1)), l: 2n ** 62n }], schema, { longs: "bigint" });
    expect(rows[0]).toMatchObject({ s: null, day: "2024-01-01", l: 2n ** 62n, i: null, st: null });
  });

  it("gives each Spark type its Arrow form: UTC instants, zone-less NTZ, decimals as text", () => {
    const table = rowsToTable([], parseDDLSchema("ts timestamp, ntz timestamp_ntz, dec decimal(10,2), day date, m map<string,int>"));
    expect(table.schema.fields.map((f) => String(f.type))).toEqual([
      "Timestamp<MICROSECOND, UTC>",
      "Timestamp<MICROSECOND>",
      "Utf8",
      "Date32<DAY>",
      "Map<{key:Utf8, value:Int32}>",
    ]);
  });

  it("sends decimals as their exact text, numbers included", () => {
    const rows = roundTrip([{ dec: "12345678901234567890.12" }, { dec: 1.5 }, { dec: 10n }], parseDDLSchema("dec decimal(38,2)"));
    expect(rows.map((r) => r.dec)).toEqual(["12345678901234567890.12", "1.5", "10"]);
  });
});

describe("rowsToTable checks values against their types", () => {
  it("names the row and column of a NOT NULL violation", () => {
    const schema = parseDDLSchema("id bigint NOT NULL, name string");
    expect(() => rowsToTable([{ id: 1 }, { name: "x" }], schema)).toThrow("Row 1: column 'id' is NOT NULL but has no value");
  });

  it("names the path of a nested NOT NULL violation", () => {
    const schema = new StructType([
      new StructField("s", new StructType([new StructField("a", new IntegerType(), false)])),
      new StructField("xs", new ArrayType(new StringType(), false)),
      new StructField("m", new MapType(new StringType(), new IntegerType(), false)),
    ]);
    expect(() => rowsToTable([{ s: {} }], schema)).toThrow("Row 0: column 's.a' is NOT NULL but has no value");
    expect(() => rowsToTable([{ xs: ["a"] }, { xs: ["b", null] }], schema)).toThrow("Row 1: column 'xs[1]' is NOT NULL but has no value");
    expect(() => rowsToTable([{ m: new Map([["k", null]]) }], schema)).toThrow("Row 0: column 'm[k]' is NOT NULL but has no value");
    expect(() => rowsToTable([{ m: new Map([[null, 1]]) }], schema)).toThrow("Row 0: column 'm key' is NOT NULL but has no value");
  });

  it.each([
    ["i int", { i: 2 ** 31 }, "Row 0: column 'i' is int but has number 2147483648: expected an integer within 32 bits"],
    ["i tinyint", { i: 1.5 }, "expected an integer within 8 bits"],
    ["l bigint", { l: 1.5 }, "Row 0: column 'l' is bigint but has number 1.5: expected an integer within 64 bits"],
    ["l bigint", { l: 2n ** 63n }, "expected an integer within 64 bits"],
    ["l bigint", { l: "7" }, "column 'l' is bigint but has '7'"],
    ["s string", { s: 7 }, "column 's' is string but has number 7: expected a string"],
    ["d date", { d: "2024-02-30" }, "expected a YYYY-MM-DD string or a valid Date"],
    ["d date", { d: "yesterday" }, "expected a YYYY-MM-DD string or a valid Date"],
    ["t timestamp", { t: new Date(Number.NaN) }, "column 't' is timestamp but has an invalid Date"],
    ["t timestamp", { t: "2024-01-01" }, "expected a valid Date"],
    ["a array<int>", { a: "x" }, "expected an array"],
    ["s struct<a:int>", { s: [1] }, "expected an object"],
  ])("rejects for %s the value %o", (ddl, row, message) => {
    expect(() => rowsToTable([row], parseDDLSchema(ddl))).toThrow(message);
  });
});

describe("inferSchema", () => {
  it("types columns as PySpark does: integers bigint, any fraction double, Date timestamp", () => {
    const rows = [
      { id: 1, x: 1, s: "a", b: true, t: new Date(0), bin: Uint8Array.of(1), big: 1n },
      { id: 2, x: 2.5, s: null, b: false, t: null, bin: null, big: 2 },
    ];
    expect(inferSchema(rows).simpleString()).toBe("struct<id:bigint,x:double,s:string,b:boolean,t:timestamp,bin:binary,big:bigint>");
  });

  it("types arrays, Maps and objects by their contents, and all-null columns void", () => {
    const rows = [
      { tags: [], m: new Map([["k", 1]]), o: { a: 1, b: "x" }, n: null },
      { tags: ["a", null], m: new Map([["j", 0.5]]), o: { a: 2, c: [1.5] } },
    ];
    expect(inferSchema(rows).simpleString()).toBe("struct<tags:array<string>,m:map<string,double>,o:struct<a:bigint,b:string,c:array<double>>,n:void>");
  });

  it("orders columns by first appearance over all rows", () => {
    expect(inferSchema([{ b: 1 }, { a: "x", b: 2 }]).names).toEqual(["b", "a"]);
  });

  it("round-trips inferred rows through decode to the same values", () => {
    const rows = [
      { id: 1, x: 0.25, s: "a", t: new Date(1_704_067_200_123), tags: ["a", "b"], m: new Map([["k", 1]]), o: { a: 1, b: [true] } },
      { id: -2, x: null, s: null, t: null, tags: null, m: null, o: null },
    ];
    expect(roundTrip(rows)).toEqual(rows);
  });

  it("rejects an integer that does not fit 64 bits rather than wrapping it", () => {
    expect(() => rowsToTable([{ n: 1e20 }])).toThrow("Row 0: column 'n' is bigint but has number 100000000000000000000");
  });

  it("rejects values no Spark type fits", () => {
    expect(() => inferSchema([{ f: () => 1 }])).toThrow("Cannot infer a Spark type for column 'f' from function");
  });
});
