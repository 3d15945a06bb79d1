import * as arrow from "apache-arrow";
import { describe, expect, it } from "vitest";
import { batchToRows, tableToRows } from "../../src/connect/arrow/decode";
import { resolveDecodeOptions, type DecodeOptions } from "../../src/connect/arrow/decode-options";
import { batchOf, decimalData, fixedData, int32Data, listData, mapData, structData, utf8Data, wireTable } from "../support/arrow-fixtures";

function decode(columns: Record<string, arrow.Data>, options?: DecodeOptions): Record<string, unknown>[] {
  return tableToRows(wireTable(columns), resolveDecodeOptions(options));
}

/** One column's values, in row order. */
function column(data: arrow.Data, options?: DecodeOptions): unknown[] {
  return decode({ v: data }, options).map((row) => row.v);
}

const T = [true, false, true];

describe("batchToRows: integers and floats", () => {
  it("reads Int8/16/32 at their extremes, with nulls", () => {
    expect(column(fixedData(new arrow.Int8(), Int8Array.from([-128, 0, 127]), T))).toEqual([-128, null, 127]);
    expect(column(fixedData(new arrow.Int16(), Int16Array.from([-32768, 1, 32767])))).toEqual([-32768, 1, 32767]);
    expect(column(fixedData(new arrow.Int32(), Int32Array.from([-(2 ** 31), 7, 2 ** 31 - 1]), T))).toEqual([-(2 ** 31), null, 2 ** 31 - 1]);
  });

  it("reads Int64 as numbers up to ±(2^53−1) and throws a RangeError beyond", () => {
    const safe = fixedData(new arrow.Int64(), BigInt64Array.from([9007199254740991n, -9007199254740991n, 0n]), T);
    expect(column(safe)).toEqual([9007199254740991, null, 0]);
    const big = fixedData(new arrow.Int64(), BigInt64Array.from([9007199254740992n]));
    expect(() => column(big)).toThrow(RangeError);
    expect(() => column(big)).toThrow(/9007199254740992.*longs: "bigint"/);
    expect(() => column(fixedData(new arrow.Int64(), BigInt64Array.from([-9007199254740992n])))).toThrow(RangeError);
  });

  it("reads Int64 as exact bigints with longs: bigint", () => {
    const data = fixedData(new arrow.Int64(), BigInt64Array.from([9223372036854775807n, -9223372036854775808n, 1n]), T);
    expect(column(data, { longs: "bigint" })).toEqual([9223372036854775807n, null, 1n]);
  });

  it("reads Float32 as the shortest decimal of the float, Float64 as is", () => {
    const f32 = fixedData(new arrow.Float32(), Float32Array.from([0.1, -2.5, 3.4028234663852886e38, NaN, Infinity]));
    expect(column(f32)).toEqual([0.1, -2.5, 3.4028235e38, NaN, Infinity]);
    expect(column(fixedData(new arrow.Float64(), Float64Array.from([0.1, -0, 1e308]), T))).toEqual([0.1, null, 1e308]);
  });

  it("reads booleans bit by bit, with nulls", () => {
    const values = arrow.vectorFromArray([true, false, null, true, false, false, true, true, false, true], new arrow.Bool()).data[0] as arrow.Data;
    expect(column(values)).toEqual([true, false, null, true, false, false, true, true, false, true]);
  });
});

describe("batchToRows: strings, binary, decimals", () => {
  it("reads UTF-8 strings, empty and multi-byte, and nulls", () => {
    expect(column(utf8Data(["", "héllo", null, "日本語", "🙂"]))).toEqual(["", "héllo", null, "日本語", "🙂"]);
  });

  it("reads an all-ASCII column (its fast path) the same way, nulls and empties included", () => {
    const values = ["u000001", "", null, "page_view", "5.7.3", "x".repeat(40)];
    expect(column(utf8Data(values))).toEqual(values);
  });

  it("reads binary as a copy of the bytes", () => {
    const data = arrow.vectorFromArray([Uint8Array.of(1, 2), null, Uint8Array.of()], new arrow.Binary()).data[0] as arrow.Data;
    const values = column(data);
    expect(values).toEqual([Uint8Array.of(1, 2), null, Uint8Array.of()]);
    expect((values[0] as Uint8Array).buffer.byteLength).toBe(2); // not a view pinning the batch
  });

  it("reads Decimal128 as exact strings: negative, scale 0, fractions below 1, precision 38", () => {
    const max38 = 10n ** 38n - 1n;
    expect(column(decimalData([12345n, -5n, 0n, -100n], 10, 2, [true, true, true, true]))).toEqual(["123.45", "-0.05", "0.00", "-1.00"]);
    expect(column(decimalData([42n, -42n, 0n], 10, 0, T))).toEqual(["42", null, "0"]);
    expect(column(decimalData([max38, -max38], 38, 0))).toEqual(["9".repeat(38), `-${"9".repeat(38)}`]);
    expect(column(decimalData([max38, -max38, 1n], 38, 10))).toEqual([
      `${"9".repeat(28)}.${"9".repeat(10)}`,
      `-${"9".repeat(28)}.${"9".repeat(10)}`,
      "0.0000000001",
    ]);
    expect(column(decimalData([-(2n ** 127n)], 38, 0))).toEqual(["-170141183460469231731687303715884105728"]);
  });
});

describe("batchToRows: dates, timestamps, intervals", () => {
  it("reads DateDay as YYYY-MM-DD, before 1970 too", () => {
    const days = fixedData(new arrow.DateDay(), Int32Array.from([0, -1, 19723, -719162, 2932896, 5]), [true, true, true, true, true, false]);
    expect(column(days)).toEqual(["1970-01-01", "1969-12-31", "2024-01-01", "0001-01-01", "9999-12-31", null]);
  });

  const micros = BigInt64Array.from([1_704_067_200_123_456n, -1n, -1_500n, -1_000n, 0n]);
  for (const tz of ["UTC", null]) {
    it(`reads Timestamp(MICROSECOND, ${String(tz)}) as Dates rounded down to the millisecond`, () => {
      const data = fixedData(new arrow.TimestampMicrosecond(tz), micros, [true, true, true, true, false]);
      expect(column(data)).toEqual([new Date(1_704_067_200_123), new Date(-1), new Date(-2), new Date(-1), null]);
    });

    it(`reads Timestamp(MICROSECOND, ${String(tz)}) as exact micros with timestamps: micros`, () => {
      const data = fixedData(new arrow.TimestampMicrosecond(tz), micros, [true, true, true, true, false]);
      expect(column(data, { timestamps: "micros" })).toEqual([1_704_067_200_123_456n, -1n, -1_500n, -1_000n, null]);
    });
  }

  it("reads Duration(MICROSECOND) as microseconds, by the longs option", () => {
    const data = fixedData(new arrow.DurationMicrosecond(), BigInt64Array.from([86_400_000_000n, -1n, 0n]), T);
    expect(column(data)).toEqual([86_400_000_000, null, 0]);
    expect(column(data, { longs: "bigint" })).toEqual([86_400_000_000n, null, 0n]);
    expect(() => column(fixedData(new arrow.DurationMicrosecond(), BigInt64Array.from([2n ** 62n])))).toThrow(RangeError);
  });

  it("reads Interval(YEAR_MONTH) as months and refuses the units Spark never sends", () => {
    expect(column(fixedData(new arrow.IntervalYearMonth(), Int32Array.from([14, -3, 0]), T))).toEqual([14, null, 0]);
    expect(() => column(fixedData(new arrow.IntervalDayTime(), Int32Array.from([1, 2])))).toThrow(/Cannot decode Arrow type Interval/);
  });
});

describe("batchToRows: nested types", () => {
  it("reads lists, with null lists, null elements and empty lists", () => {
    const data = listData(int32Data([1, null, 3, 4]), [0, 2, 2, 2, 4], [true, false, true, true]);
    expect(column(data)).toEqual([[1, null], null, [], [3, 4]]);
  });

  it("reads maps as Maps, with null values and null maps", () => {
    const data = mapData(utf8Data(["a", "b", "c"]), fixedData(new arrow.Int64(), BigInt64Array.from([1n, 0n, 3n]), T), [0, 2, 2, 3], T);
    expect(column(data)).toEqual([
      new Map([
        ["a", 1],
        ["b", null],
      ]),
      null,
      new Map([["c", 3]]),
    ]);
  });

  it("reads structs as objects, with null structs and null fields", () => {
    const data = structData({ a: int32Data([1, null, 3]), b: utf8Data(["x", "y", null]) }, T);
    expect(column(data)).toEqual([{ a: 1, b: "x" }, null, { a: 3, b: null }]);
  });

  it("reads array<struct<a:int,b:map<string,array<bigint>>>> with nulls at every level", () => {
    // Innermost: array<bigint> values [[10, null], null, []] keyed "k1", "k2", "k3".
    const longs = listData(fixedData(new arrow.Int64(), BigInt64Array.from([10n, 0n]), [true, false]), [0, 2, 2, 2], T);
    const maps = mapData(utf8Data(["k1", "k2", "k3"]), longs, [0, 2, 3, 3], [true, true, false]);
    const structs = structData({ a: int32Data([1, 2, null]), b: maps }, [true, true, true]);
    const data = listData(structs, [0, 2, 2, 3], [true, false, true]);
    expect(column(data)).toEqual([
      [
        {
          a: 1,
          b: new Map<string, unknown>([
            ["k1", [10, null]],
            ["k2", null],
          ]),
        },
        { a: 2, b: new Map([["k3", []]]) },
      ],
      null,
      [{ a: null, b: null }],
    ]);
  });
});

describe("batchToRows: sliced batches", () => {
  // Arrow JS cuts a slice's value buffers but keeps its offset for validity bits and booleans:
  // every reader must agree with that, which only shows with a non-zero offset.
  const columns: Record<string, arrow.Data> = {
    i8: fixedData(new arrow.Int8(), Int8Array.from([1, 2, 3, 4, 5, 6]), [true, true, false, true, true, false]),
    i64: fixedData(new arrow.Int64(), BigInt64Array.from([1n, 2n, 3n, 4n, 5n, 6n]), [true, false, true, true, true, true]),
    f32: fixedData(new arrow.Float32(), Float32Array.from([0.5, 1.5, 2.5, 3.5, 4.5, 5.5])),
    bool: arrow.vectorFromArray([true, null, false, true, true, false], new arrow.Bool()).data[0] as arrow.Data,
    s: utf8Data(["a", "bb", null, "dddd", "", "f"]),
    dec: decimalData([1n, -2n, 3n, -4n, 5n, -6n], 10, 1, [true, true, true, false, true, true]),
    day: fixedData(new arrow.DateDay(), Int32Array.from([-1, 0, 1, 2, 3, 4])),
    ts: fixedData(new arrow.TimestampMicrosecond("UTC"), BigInt64Array.from([-1n, 1_000n, 2_000n, 3_000n, 4_000n, 5_999n])),
    ym: fixedData(new arrow.IntervalYearMonth(), Int32Array.from([1, 2, 3, 4, 5, 6])),
    list: listData(int32Data([1, 2, 3, 4, 5, 6, 7]), [0, 1, 3, 3, 4, 6, 7], [true, true, false, true, true, true]),
    map: mapData(utf8Data(["a", "b", "c", "d", "e", "f"]), int32Data([1, 2, 3, 4, 5, 6]), [0, 1, 2, 3, 4, 5, 6], [true, false, true, true, true, true]),
    struct: structData({ a: int32Data([1, 2, 3, null, 5, 6]), b: utf8Data(["p", "q", "r", "s", null, "u"]) }, [true, true, false, true, true, true]),
  };
  const options = resolveDecodeOptions();
  const whole = tableToRows(wireTable(columns), options);

  it.each([
    [1, 4],
    [2, 3],
    [3, 3],
    [5, 1],
    [0, 6],
  ])("decodes rows [%i, +%i) of a sliced batch as the same rows of the whole", (start, length) => {
    const batch = wireTable(columns).batches[0] as arrow.RecordBatch;
    expect(batchToRows(batch.slice(start, start + length), options)).toEqual(whole.slice(start, start + length));
  });

  it("agrees with Arrow JS's own reading of a slice", () => {
    const batch = (wireTable({ s: columns.s as arrow.Data, i8: columns.i8 as arrow.Data }).batches[0] as arrow.RecordBatch).slice(2, 5);
    expect(batchToRows(batch, options)).toEqual(batch.toArray().map((row) => ({ ...(row as object) })));
  });

  it("decodes a sliced struct's fields and a sliced table", () => {
    const table = wireTable(columns).slice(3, 5);
    expect(tableToRows(table, options)).toEqual(whole.slice(3, 5));
  });
});

describe("batchToRows: column names", () => {
  it("rejects two columns of one name, naming it and the remedy", () => {
    const batch = batchOf([
      ["id", int32Data([1])],
      ["id", int32Data([2])],
    ]);
    expect(() => batchToRows(batch, resolveDecodeOptions())).toThrow("The result has two columns named 'id': alias one of them, or use toArrow()");
  });

  it("rejects duplicate struct field names and a __proto__ column instead of losing a value", () => {
    const struct = arrow.makeData({
      type: new arrow.Struct([new arrow.Field("a", new arrow.Int32()), new arrow.Field("a", new arrow.Int32())]),
      length: 1,
      children: [int32Data([1]), int32Data([2])],
      nullCount: 0,
    });
    expect(() => batchToRows(batchOf([["s", struct]]), resolveDecodeOptions())).toThrow(/two columns named 'a'/);
    expect(() => batchToRows(batchOf([["__proto__", int32Data([1])]]), resolveDecodeOptions())).toThrow(/'__proto__'/);
  });

  it("keeps column order and decodes an empty batch to no rows", () => {
    const rows = decode({ b: int32Data([1]), a: utf8Data(["x"]) });
    expect(Object.keys(rows[0] ?? {})).toEqual(["b", "a"]);
    expect(decode({ a: int32Data([]) })).toEqual([]);
  });
});
