/**
 * One-sample Kolmogorov–Smirnov test against a fully specified distribution, continuous or
 * discrete, with the asymptotic Kolmogorov distribution for the critical value.
 */

/** A CDF F(x) = P(X ≤ x) and its left limit P(X < x) (the same function for continuous laws). */
export interface Distribution {
  readonly cdf: (x: number) => number;
  readonly cdfBelow: (x: number) => number;
}

export function continuousUniform(low: number, high: number): Distribution {
  const cdf = (x: number): number => Math.min(1, Math.max(0, (x - low) / (high - low)));
  return { cdf, cdfBelow: cdf };
}

/** `randint(low, high)`: each integer of the range with probability 1 / (high − low + 1). */
export function discreteUniform(low: number, high: number): Distribution {
  const size = high - low + 1;
  const cdf = (x: number): number => Math.min(1, Math.max(0, (Math.floor(x) - low + 1) / size));
  return { cdf, cdfBelow: (x) => cdf(Math.ceil(x) - 1) };
}

/**
 * D = sup |Fn − F|. Both step functions only change at sample points or (for a discrete F) at
 * the support, so the supremum is reached just at or just before a sample value: compare Fn(x)
 * with F(x) and Fn(x−) with F(x−) at each distinct value x. For a discrete F this is the exact
 * sup over the real line, and the continuous-law critical values are then conservative.
 */
export function ksStatistic(sample: readonly number[], distribution: Distribution): number {
  if (sample.length === 0) throw new RangeError("The KS statistic needs a non-empty sample");
  const sorted = [...sample].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n;) {
    const x = sorted[i] as number;
    let j = i;
    while (j < n && sorted[j] === x) j++;
    d = Math.max(d, Math.abs(j / n - distribution.cdf(x)), Math.abs(i / n - distribution.cdfBelow(x)));
    i = j;
  }
  return d;
}

/** P(K > λ) for the Kolmogorov distribution: 2 Σ (−1)^(k−1) e^(−2k²λ²). */
export function kolmogorovSurvival(lambda: number): number {
  // Below 0.2 the value is 1 to within 1e-20 while the alternating series converges slowly.
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) sum += (k % 2 === 1 ? 2 : -2) * Math.exp(-2 * k * k * lambda * lambda);
  return Math.min(1, Math.max(0, sum));
}

/** λ with P(K > λ) = alpha (1.3581 at 0.05, 1.9495 at 0.001), by bisection. */
export function kolmogorovQuantile(alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), not ${alpha}`);
  let low = 0.2;
  let high = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (kolmogorovSurvival(mid) > alpha) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Critical D for n observations, with Stephens' finite-sample correction √n + 0.12 + 0.11/√n. */
export function ksCriticalValue(n: number, alpha: number): number {
  const root = Math.sqrt(n);
  return kolmogorovQuantile(alpha) / (root + 0.12 + 0.11 / root);
}
