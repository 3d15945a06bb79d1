/**
 * A bijection of [0, n): i ↦ (i · multiplier) mod n with gcd(multiplier, n) = 1. It spreads
 * consecutive numbers over the whole range (the golden-ratio multiplier is the classic choice),
 * and its inverse is the same map with the modular inverse, so "the k-th chosen user" and "is this
 * user chosen" are both pure arithmetic: no lookup table, no shuffle.
 */
export interface Scatter {
  readonly n: number;
  readonly multiplier: number;
  readonly inverse: number;
}

export function scatterOf(n: number): Scatter {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`A scatter needs a positive size, not ${n}`);
  // (n − 1)² must stay exact in a long and in the client's BigInt arithmetic alike.
  if (n > 2 ** 31) throw new RangeError(`A scatter over ${n} values would overflow a long`);
  let multiplier = Math.max(1, Math.floor(n * 0.6180339887));
  while (gcd(multiplier, n) !== 1) multiplier++;
  return { n, multiplier: multiplier % n === 0 ? 1 : multiplier, inverse: modularInverse(multiplier, n) };
}

/** The scatter's image of i (client side). */
export function scatter(s: Scatter, i: number): number {
  return Number((BigInt(i) * BigInt(s.multiplier)) % BigInt(s.n));
}

/** The i with scatter(s, i) = position (client side). */
export function unscatter(s: Scatter, position: number): number {
  return Number((BigInt(position) * BigInt(s.inverse)) % BigInt(s.n));
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function modularInverse(a: number, n: number): number {
  if (n === 1) return 0;
  let [oldR, r] = [BigInt(a), BigInt(n)];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return Number(((oldS % BigInt(n)) + BigInt(n)) % BigInt(n));
}
