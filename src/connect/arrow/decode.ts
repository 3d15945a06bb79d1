import { DataType, DateUnit, IntervalUnit, Type, TimeUnit, type Data, type RecordBatch, type Table } from "apache-arrow";
import type { ResolvedDecodeOptions } from "./decode-options";

export type Row = Record<string, unknown>;
type Reader = (index: number) => unknown;

const utf8 = new TextDecoder("utf-8", { fatal: false });
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MICROS_PER_UNIT: Record<TimeUnit, bigint> = {
  [TimeUnit.SECOND]: 1_000_000n,
  [TimeUnit.MILLISECOND]: 1_000n,
  [TimeUnit.MICROSECOND]: 1n,
  [TimeUnit.NANOSECOND]: 0n, // handled by division below
};

/**
 * Decodes Arrow record batches to row objects, column by column over the raw buffers: much
 * faster than Arrow JS's row proxies, and exact for every type Spark sends.
 *
 * Indexing follows Arrow JS's slicing: a sliced Data keeps its `offset` for the validity bitmap
 * and the bit-packed booleans only; its value and offset buffers, and the children of structs
 * and fixed-size lists, are already cut to the slice, so they are read at the slice's index.
 */
export function batchToRows(batch: RecordBatch, options: ResolvedDecodeOptions): Row[] {
  const names = batch.schema.fields.map((f) => f.name);
  assertUsableNames(names, "The result");
  const readers = batch.data.children.map((child) => readerFor(child, options));
  const rows = new Array<Row>(batch.numRows);
  for (let i = 0; i < batch.numRows; i++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c] as string] = (readers[c] as Reader)(i);
    rows[i] = row;
  }
  return rows;
}

export function tableToRows(table: Table, options: ResolvedDecodeOptions): Row[] {
  const rows: Row[] = [];
  for (const batch of table.batches) for (const row of batchToRows(batch, options)) rows.push(row);
  return rows;
}

/**
 * Object rows cannot hold two columns of one name, and a `__proto__` key would set the object's
 * prototype instead: fail with the remedy rather than silently lose a column.
 */
function assertUsableNames(names: readonly string[], owner: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new Error(`${owner} has two columns named '${name}': alias one of them, or use toArrow()`);
    if (name === "__proto__") throw new Error(`${owner} has a column named '__proto__', which a JS object cannot hold: alias it, or use toArrow()`);
    seen.add(name);
  }
}

function readerFor(data: Data, options: ResolvedDecodeOptions): Reader {
  const read = valueReader(data, options);
  if (data.typeId === Type.Null || data.nullCount === 0) return read;
  const bitmap = data.nullBitmap;
  if (bitmap.length === 0) return read;
  const offset = data.offset;
  return (i) => {
    const bit = offset + i;
    return ((bitmap[bit >> 3] as number) >> (bit & 7)) & 1 ? read(i) : null;
  };
}

function valueReader(data: Data, options: ResolvedDecodeOptions): Reader {
  const type: DataType = data.type;
  switch (data.typeId) {
    case Type.Null:
      return () => null;
    case Type.Bool: {
      // Booleans are bit-packed, so slicing leaves their bytes whole and keeps the bit offset.
      const values = data.values as Uint8Array;
      const offset = data.offset;
      return (i) => (((values[(offset + i) >> 3] as number) >> ((offset + i) & 7)) & 1) === 1;
    }
    case Type.Int: {
      const values = data.values as ArrayLike<number | bigint>;
      if (values instanceof BigInt64Array) return longReader(values, options);
      if (values instanceof BigUint64Array) throw unexpected(type);
      return (i) => values[i];
    }
    case Type.Float:
      return floatReader(data);
    case Type.Utf8:
    case Type.LargeUtf8: {
      const offsets = data.valueOffsets as Int32Array | BigInt64Array;
      const bytes = data.values as Uint8Array;
      if (offsets instanceof Int32Array) {
        const ascii = asciiReader(offsets, bytes, data.length);
        if (ascii) return ascii;
      }
      return (i) => utf8.decode(bytes.subarray(Number(offsets[i]), Number(offsets[i + 1])));
    }
    case Type.Binary:
    case Type.LargeBinary: {
      const offsets = data.valueOffsets as Int32Array | BigInt64Array;
      const bytes = data.values as Uint8Array;
      return (i) => bytes.slice(Number(offsets[i]), Number(offsets[i + 1]));
    }
    case Type.Decimal: {
      if (!DataType.isDecimal(type)) throw unexpected(type);
      const words = data.values as Uint32Array;
      const width = type.bitWidth / 32;
      const scale = type.scale;
      return (i) => decimalToString(words, i * width, width, scale);
    }
    case Type.Date: {
      if (!DataType.isDate(type)) throw unexpected(type);
      const values = data.values as Int32Array | BigInt64Array;
      if (type.unit === DateUnit.DAY) return (i) => isoDate(values[i] as number);
      return (i) => isoDate(Math.floor(Number(values[i]) / 86_400_000));
    }
    case Type.Timestamp:
      return timestampReader(data, options);
    case Type.Duration: {
      if (!DataType.isDuration(type)) throw unexpected(type);
      const values = data.values as BigInt64Array;
      const unit = type.unit;
      return (i) => fromLong(toMicros(values[i] as bigint, unit), options);
    }
    case Type.Interval: {
      // Spark sends YearMonthIntervalType as Interval(YEAR_MONTH): one int32 of months. The
      // other units pack several numbers per value and are never sent.
      if (!DataType.isInterval(type) || type.unit !== IntervalUnit.YEAR_MONTH) throw unexpected(type);
      const values = data.values as Int32Array;
      return (i) => values[i];
    }
    case Type.List:
    case Type.LargeList: {
      // List children are not cut by slicing: the (sliced) offsets point into them absolutely.
      const offsets = data.valueOffsets as Int32Array | BigInt64Array;
      const element = readerFor(data.children[0] as Data, options);
      return (i) => {
        const start = Number(offsets[i]);
        const end = Number(offsets[i + 1]);
        const out = new Array<unknown>(end - start);
        for (let j = start; j < end; j++) out[j - start] = element(j);
        return out;
      };
    }
    case Type.FixedSizeList: {
      if (!DataType.isFixedSizeList(type)) throw unexpected(type);
      const size = type.listSize;
      const element = readerFor(data.children[0] as Data, options);
      return (i) => {
        const out = new Array<unknown>(size);
        for (let j = 0; j < size; j++) out[j] = element(i * size + j);
        return out;
      };
    }
    case Type.Struct: {
      const fields = (type as DataType<Type.Struct>).children.map((f) => f.name);
      assertUsableNames(fields, `The struct<${fields.join(",")}>`);
      const children = data.children.map((child) => readerFor(child, options));
      return (i) => {
        const out: Row = {};
        for (let c = 0; c < fields.length; c++) out[fields[c] as string] = (children[c] as Reader)(i);
        return out;
      };
    }
    case Type.Map: {
      const offsets = data.valueOffsets as Int32Array;
      const entries = data.children[0] as Data;
      const key = readerFor(entries.children[0] as Data, options);
      const value = readerFor(entries.children[1] as Data, options);
      return (i) => {
        const out = new Map<unknown, unknown>();
        const end = offsets[i + 1] as number;
        for (let j = offsets[i] as number; j < end; j++) out.set(key(j), value(j));
        return out;
      };
    }
    default:
      throw unexpected(type);
  }
}

function unexpected(type: DataType): Error {
  return new Error(`Cannot decode Arrow type ${Type[type.typeId]} sent by Spark`);
}

function floatReader(data: Data): Reader {
  const values = data.values as Float32Array | Float64Array | Uint16Array;
  if (values instanceof Uint16Array) throw new Error("Spark does not send float16; got one");
  if (values instanceof Float32Array) {
    // A float32 widened to a JS number shows its binary noise (0.1f → 0.10000000149...); read it
    // back as the shortest decimal that rounds to the same float, as Spark prints it.
    return (i) => shortestFloat32(values[i] as number);
  }
  return (i) => values[i];
}

function shortestFloat32(value: number): number {
  if (!Number.isFinite(value)) return value;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}

function longReader(values: BigInt64Array, options: ResolvedDecodeOptions): Reader {
  if (options.longs === "bigint") return (i) => values[i];
  const exact = exactNumberReader(values);
  return (i) => exact(i) ?? fromLong(values[i] as bigint, options);
}

/**
 * Reads int64 values as JS numbers from their two 32-bit halves, without allocating a BigInt per
 * value (the GC cost of that dominated collecting millions of rows). Returns undefined for a
 * value beyond ±(2^53 − 1), which the caller handles exactly.
 */
function exactNumberReader(values: BigInt64Array): (index: number) => number | undefined {
  const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
  return (i) => {
    const value = (words[2 * i + 1] as number) * 4_294_967_296 + ((words[2 * i] as number) >>> 0);
    return Number.isSafeInteger(value) ? value : undefined;
  };
}

/**
 * Strings of a batch that is all ASCII (event ids, codes, versions: the common case) are decoded
 * with one latin1 pass over the column's bytes and cut by offsets, instead of one UTF-8 decoder
 * call per value. Returns undefined when any byte is non-ASCII.
 */
function asciiReader(offsets: Int32Array, bytes: Uint8Array, length: number): Reader | undefined {
  const start = offsets[0] as number;
  const end = offsets[length] as number;
  for (let j = start; j < end; j++) if ((bytes[j] as number) > 0x7f) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
  return (i) => text.slice((offsets[i] as number) - start, (offsets[i + 1] as number) - start);
}

function fromLong(value: bigint, options: ResolvedDecodeOptions): number | bigint {
  if (options.longs === "bigint") return value;
  if (value > MAX_SAFE || value < MIN_SAFE) {
    throw new RangeError(`The long value ${value} does not fit a JS number exactly: collect with { longs: "bigint" }`);
  }
  return Number(value);
}

function timestampReader(data: Data, options: ResolvedDecodeOptions): Reader {
  const type: DataType = data.type;
  if (!DataType.isTimestamp(type)) throw unexpected(type);
  const values = data.values as BigInt64Array;
  const unit = type.unit;
  if (options.timestamps === "micros") return (i) => toMicros(values[i] as bigint, unit);
  const exact = unit === TimeUnit.MICROSECOND ? exactNumberReader(values) : undefined;
  return (i) => {
    // Spark sends microseconds: within ±2^53 µs (±285 years) plain number arithmetic is exact.
    const micros = exact?.(i);
    if (micros === undefined) return new Date(Number(floorDiv(toMicros(values[i] as bigint, unit), 1_000n)));
    const remainder = micros % 1000;
    return new Date((micros - remainder) / 1000 - (remainder < 0 ? 1 : 0));
  };
}

function toMicros(value: bigint, unit: TimeUnit): bigint {
  return unit === TimeUnit.NANOSECOND ? floorDiv(value, 1_000n) : value * MICROS_PER_UNIT[unit];
}

/** Division rounding toward −∞, so instants before 1970 truncate to the earlier millisecond. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** `YYYY-MM-DD` of a day count; years past 9999 or before 1 keep Date's signed 6-digit form. */
function isoDate(days: number): string {
  const iso = new Date(days * 86_400_000).toISOString();
  return iso.slice(0, iso.indexOf("T"));
}

/**
 * Decimal128/256: `width` little-endian 32-bit words of a two's-complement integer, then the
 * scale (negative only under Spark's legacy negative-scale setting: trailing zeros).
 */
function decimalToString(words: Uint32Array, at: number, width: number, scale: number): string {
  let unscaled = 0n;
  for (let w = width - 1; w >= 0; w--) unscaled = (unscaled << 32n) | BigInt(words[at + w] as number);
  const bits = BigInt(width * 32);
  if (unscaled >= 1n << (bits - 1n)) unscaled -= 1n << bits;
  const negative = unscaled < 0n;
  const magnitude = (negative ? -unscaled : unscaled).toString();
  let text: string;
  if (scale <= 0) text = magnitude === "0" ? "0" : magnitude + "0".repeat(-scale);
  else {
    const digits = magnitude.padStart(scale + 1, "0");
    text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${text}` : text;
}
