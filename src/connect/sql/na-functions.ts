import type { MessageInitShape } from "@bufbuild/protobuf";
import type { Expression_LiteralSchema } from "../proto/gen/spark/connect/expressions_pb";
import type { DataFrame } from "./dataframe";

type LiteralInit = MessageInitShape<typeof Expression_LiteralSchema>;

/** A value `fill` puts in place of nulls: numbers fill numeric columns, strings string columns, booleans boolean columns. */
export type FillValue = number | bigint | string | boolean;

/** A value `replace` matches or puts in place: the server compares numbers as doubles. */
export type ReplaceValue = number | string | boolean | null;

/** PySpark's `how`: drop a row with any null, or only one whose considered columns are all null. */
export type DropHow = "any" | "all";

/** `dropna`'s keyword arguments, as PySpark callers name them. */
export interface DropOptions {
  readonly how?: DropHow;
  /** Keep rows with at least this many non-null, non-NaN values (overrides `how`). */
  readonly thresh?: number;
  readonly subset?: string | readonly string[];
}

/**
 * `df.na`, as PySpark's DataFrameNaFunctions: null handling on the server (Spark Connect's NAFill,
 * NADrop and NAReplace relations), with PySpark's argument rules.
 */
export class DataFrameNaFunctions {
  constructor(private readonly df: DataFrame) {}

  /**
   * Replaces nulls by `value` in the columns of its type (all of them, or those of `subset`); a
   * record gives each named column its own value (`subset` is then not used). An integral number
   * fills numeric columns cast to their type (0.5 in an int column is 0, as in Spark).
   */
  fill(value: FillValue | Readonly<Record<string, FillValue>>, subset?: string | readonly string[]): DataFrame {
    const [cols, values] = isFillValue(value) ? [names(subset), [value]] : [Object.keys(value), Object.values(value)];
    if (values.length === 0) throw new Error("fill needs at least one value");
    return this.df.derive({ case: "fillNa", value: { input: this.df.relation, cols, values: values.map(fillLiteral) } });
  }

  /**
   * Drops rows with nulls (or NaN) in the considered columns (`subset`, else all): with `how`
   * "any" a row with one null goes, with "all" only a row of nulls; `thresh` keeps rows with at
   * least that many non-null values instead.
   */
  drop(options?: DropOptions): DataFrame;
  drop(how?: DropHow, thresh?: number, subset?: string | readonly string[]): DataFrame;
  drop(howOrOptions: DropHow | DropOptions = "any", thresh?: number, subset?: string | readonly string[]): DataFrame {
    const options: DropOptions = typeof howOrOptions === "string" ? { how: howOrOptions, thresh, subset } : howOrOptions;
    if (options.thresh !== undefined && !Number.isInteger(options.thresh)) throw new RangeError(`thresh must be an integer, not ${options.thresh}`);
    // As the protocol encodes it: "all" is at least one non-null; "any" is the default (every column non-null).
    const minNonNulls = options.thresh ?? (options.how === "all" ? 1 : undefined);
    return this.df.derive({
      case: "dropNa",
      value: { input: this.df.relation, cols: names(options.subset), ...(minNonNulls !== undefined && { minNonNulls }) },
    });
  }

  /**
   * Replaces values in the columns of their type (all, or those of `subset`): `toReplace` is a
   * value, a list (with `value` one value for all, or a list of the same length), or a mapping
   * old → new (a record for string keys, a Map for any), which needs no `value`. Old and new
   * values are all booleans, all strings or all numbers (new ones may be null), as in PySpark.
   */
  replace(
    toReplace: Exclude<ReplaceValue, null> | readonly ReplaceValue[] | Readonly<Record<string, ReplaceValue>> | ReadonlyMap<ReplaceValue, ReplaceValue>,
    value?: ReplaceValue | readonly ReplaceValue[],
    subset?: string | readonly string[],
  ): DataFrame {
    const pairs = replacementPairs(toReplace, value);
    const kinds = new Set(
      pairs
        .flatMap(([old, replacement]) => [old, replacement])
        .filter((v) => v !== null)
        .map((v) => typeof v),
    );
    if (kinds.size > 1) throw new Error("Mixed type replacements are not supported: use all booleans, all strings or all numbers");
    return this.df.derive({
      case: "replace",
      value: {
        input: this.df.relation,
        cols: names(subset),
        replacements: pairs.map(([old, replacement]) => ({ oldValue: replaceLiteral(old), newValue: replaceLiteral(replacement) })),
      },
    });
  }
}

function isFillValue(value: unknown): value is FillValue {
  return typeof value === "number" || typeof value === "bigint" || typeof value === "string" || typeof value === "boolean";
}

function names(subset: string | readonly string[] | undefined): string[] {
  return subset === undefined ? [] : typeof subset === "string" ? [subset] : [...subset];
}

function replacementPairs(
  toReplace: Parameters<DataFrameNaFunctions["replace"]>[0],
  value: ReplaceValue | readonly ReplaceValue[] | undefined,
): [ReplaceValue, ReplaceValue][] {
  if (toReplace instanceof Map) return [...(toReplace as ReadonlyMap<ReplaceValue, ReplaceValue>)];
  if (typeof toReplace === "object" && !Array.isArray(toReplace)) return Object.entries(toReplace as Readonly<Record<string, ReplaceValue>>);
  if (value === undefined) throw new Error("replace needs a value unless toReplace is a mapping");
  const olds = Array.isArray(toReplace) ? (toReplace as readonly ReplaceValue[]) : [toReplace as ReplaceValue];
  if (!Array.isArray(value)) return olds.map((old) => [old, value as ReplaceValue]);
  const news = value as readonly ReplaceValue[];
  if (news.length !== olds.length) throw new Error(`toReplace and value lists should be of the same length, got ${olds.length} and ${news.length}`);
  return olds.map((old, i) => [old, news[i] as ReplaceValue]);
}

/** NAFill takes booleans, longs, doubles and strings only: an integral number travels as a long. */
function fillLiteral(value: FillValue): LiteralInit {
  switch (typeof value) {
    case "boolean":
      return { literalType: { case: "boolean", value } };
    case "string":
      return { literalType: { case: "string", value } };
    case "bigint":
      return { literalType: { case: "long", value } };
    case "number":
      return Number.isSafeInteger(value) ? { literalType: { case: "long", value: BigInt(value) } } : { literalType: { case: "double", value } };
  }
}

/** NAReplace takes nulls, booleans, doubles and strings only: every number travels as a double. */
function replaceLiteral(value: ReplaceValue): LiteralInit {
  if (value === null) return { literalType: { case: "null", value: { kind: { case: "null", value: {} } } } };
  switch (typeof value) {
    case "boolean":
      return { literalType: { case: "boolean", value } };
    case "string":
      return { literalType: { case: "string", value } };
    case "number":
      return { literalType: { case: "double", value } };
  }
}
