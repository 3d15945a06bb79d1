import { type Column, functions as F, TypedLiteral } from "../../../../connect";

const TWO_POW_53 = 2 ** 53;

/**
 * Random draws as pure functions of (seed, stream, key columns), like HashedDraws but keyed by any
 * columns: the row id for per-event draws, the user number for a user's attributes (so that
 * interactions and metadata agree without a join), (user, session) for a session's. No `rand()`:
 * the same seed gives the same values on any partitioning, and every row is independent.
 */
export class KeyedDraws {
  constructor(private readonly seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`The seed must be an integer, not ${seed}`);
  }

  /** 64 well-mixed bits (XXH64 avalanches every input bit). */
  bits(stream: number, ...keys: Column[]): Column {
    return F.xxhash64(F.lit(TypedLiteral.long(this.seed)), F.lit(TypedLiteral.int(stream)), ...keys);
  }

  /** Uniform in [0, 1): the top 53 bits as a double's mantissa, so every value is exact. */
  uniform(stream: number, ...keys: Column[]): Column {
    return F.shiftrightunsigned(this.bits(stream, ...keys), F.lit(11))
      .cast("double")
      .divide(TWO_POW_53);
  }

  /** Uniform integer in [0, n), a long (modulo bias below n / 2^64). */
  below(stream: number, n: number, ...keys: Column[]): Column {
    return F.pmod(this.bits(stream, ...keys), F.lit(TypedLiteral.long(n)));
  }

  /** Standard normal (Box–Muller on two streams; 1 − u keeps the logarithm finite). */
  normal(stream: number, ...keys: Column[]): Column {
    const radius = F.sqrt(F.log(F.lit(1).minus(this.uniform(stream, ...keys))).multiply(-2));
    return radius.multiply(F.cos(this.uniform(stream + 1, ...keys).multiply(2 * Math.PI)));
  }
}

/**
 * The index (0-based, an int) of a category drawn with the given weights from a uniform `u`:
 * an inverse CDF as a CASE chain, exact for any weights (no quantised lookup table).
 */
export function categorical(u: Column, weights: readonly number[]): Column {
  const total = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let chain: Column | undefined;
  for (let i = 0; i < weights.length - 1; i++) {
    cumulative += (weights[i] ?? 0) / total;
    chain = chain === undefined ? F.when(u.lt(cumulative), i) : chain.when(u.lt(cumulative), i);
  }
  return chain === undefined ? F.lit(0) : chain.otherwise(weights.length - 1);
}
