import type { Column } from "../../../connect/sql/column";
import { col, elementAt, lit, pmod, xxhash64 } from "../../../connect/sql/functions";
import { TypedLiteral } from "../../../connect/sql/literal";
import type { IntRange } from "./seed-spec";

/**
 * Random draws as pure functions of (seed, stream, row id): each column hashes the row's `id`
 * (from `spark.range`) with the seed and its own stream number. Unlike `rand()`, whose sequence
 * follows the partitioning, the same seed and row count then give the same rows on any cluster
 * and any number of partitions, and every row is computed independently (fully parallel).
 */
export class HashedDraws {
  constructor(private readonly seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`The seed must be an integer, not ${seed}`);
  }

  /** 64 well-mixed bits (XXH64 avalanches every input bit); the seed is always hashed as a long. */
  bits(stream: number): Column {
    return xxhash64(lit(TypedLiteral.long(this.seed)), lit(TypedLiteral.int(stream)), col("id"));
  }

  /**
   * `randint(low, high)`: the hash modulo the range size. The modulo bias is below
   * size / 2^64 (< 1e-11 for the ranges here), far beneath anything a test could detect.
   */
  int(stream: number, range: IntRange): Column {
    return pmod(this.bits(stream), lit(TypedLiteral.long(range.high - range.low + 1))).plus(range.low);
  }

  /** `random.choice(values)`. */
  choice(stream: number, values: readonly string[]): Column {
    return elementAt(lit([...values]), this.int(stream, { low: 1, high: values.length }).cast("int"));
  }
}
