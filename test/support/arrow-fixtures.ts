// Builders for Arrow data shaped as Spark sends it, for the decode/encode unit tests.
import * as arrow from "apache-arrow";

/** A validity bitmap from per-slot flags (`false` = null), as Arrow lays it out: LSB first. */
export function validity(valid: readonly boolean[]): Uint8Array {
  const bitmap = new Uint8Array(Math.ceil(valid.length / 8));
  valid.forEach((ok, i) => {
    if (ok) bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
  });
  return bitmap;
}

function nulls(valid: readonly boolean[] | undefined): { nullBitmap?: Uint8Array; nullCount: number } {
  return valid ? { nullBitmap: validity(valid), nullCount: valid.filter((v) => !v).length } : { nullCount: 0 };
}

/** Decimal128 words (four little-endian uint32 of the two's-complement unscaled value). */
export function decimalData(unscaled: readonly bigint[], precision: number, scale: number, valid?: readonly boolean[]): arrow.Data {
  const words = new Uint32Array(unscaled.length * 4);
  unscaled.forEach((value, i) => {
    let bits = BigInt.asUintN(128, value);
    for (let w = 0; w < 4; w++) {
      words[i * 4 + w] = Number(bits & 0xffffffffn);
      bits >>= 32n;
    }
  });
  return arrow.makeData({ type: new arrow.Decimal(scale, precision, 128), length: unscaled.length, data: words, ...nulls(valid) });
}

/** A fixed-width column straight from its values buffer. */
export function fixedData(
  type: arrow.DataType,
  values: Int8Array | Int16Array | Int32Array | Float32Array | Float64Array | BigInt64Array,
  valid?: readonly boolean[],
): arrow.Data {
  // Buffers by position (offsets, values, validity), as Data takes them for any fixed-width type.
  const { nullBitmap, nullCount } = nulls(valid);
  return new arrow.Data(type, 0, valid?.length ?? values.length, nullCount, [undefined, values, nullBitmap]);
}

export function listData(child: arrow.Data, offsets: readonly number[], valid?: readonly boolean[]): arrow.Data<arrow.List> {
  return arrow.makeData({
    type: new arrow.List(new arrow.Field("element", child.type, true)),
    length: offsets.length - 1,
    valueOffsets: Int32Array.from(offsets),
    child,
    ...nulls(valid),
  });
}

export function structData(children: Record<string, arrow.Data>, valid?: readonly boolean[]): arrow.Data<arrow.Struct> {
  const entries = Object.entries(children);
  return arrow.makeData({
    type: new arrow.Struct(entries.map(([name, data]) => new arrow.Field(name, data.type, true))),
    length: valid?.length ?? entries[0]?.[1].length ?? 0,
    children: entries.map(([, data]) => data),
    ...nulls(valid),
  });
}

export function mapData(keys: arrow.Data, values: arrow.Data, offsets: readonly number[], valid?: readonly boolean[]): arrow.Data<arrow.Map_> {
  const entries = arrow.makeData({
    type: new arrow.Struct([new arrow.Field("key", keys.type, false), new arrow.Field("value", values.type, true)]),
    length: keys.length,
    children: [keys, values],
    nullCount: 0,
  });
  return arrow.makeData({
    type: new arrow.Map_(new arrow.Field("entries", entries.type as arrow.Struct<{ key: arrow.DataType; value: arrow.DataType }>, false)),
    length: offsets.length - 1,
    valueOffsets: Int32Array.from(offsets),
    child: entries,
    ...nulls(valid),
  });
}

export function utf8Data(values: readonly (string | null)[]): arrow.Data<arrow.Utf8> {
  return arrow.vectorFromArray(values, new arrow.Utf8()).data[0] as arrow.Data<arrow.Utf8>;
}

export function int32Data(values: readonly (number | null)[]): arrow.Data<arrow.Int32> {
  return arrow.vectorFromArray(values, new arrow.Int32()).data[0] as arrow.Data<arrow.Int32>;
}

/** A table of named columns, as received: written to IPC and read back, like Spark's batches. */
export function wireTable(columns: Record<string, arrow.Data>): arrow.Table {
  const vectors = Object.fromEntries(Object.entries(columns).map(([name, data]) => [name, arrow.makeVector(data)]));
  return arrow.tableFromIPC(arrow.tableToIPC(new arrow.Table(vectors), "stream"));
}

/** One batch whose schema may repeat a name (a Table built from an object cannot). */
export function batchOf(fields: readonly [string, arrow.Data][]): arrow.RecordBatch {
  const schema = new arrow.Schema(fields.map(([name, data]) => new arrow.Field(name, data.type, true)));
  const data = arrow.makeData({
    type: new arrow.Struct(schema.fields),
    length: fields[0]?.[1].length ?? 0,
    children: fields.map(([, d]) => d),
    nullCount: 0,
  });
  return new arrow.RecordBatch(schema, data);
}
