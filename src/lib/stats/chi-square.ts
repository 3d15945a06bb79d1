/**
 * Pearson's chi-square goodness-of-fit test against given category probabilities, with the
 * chi-square distribution computed here (integer degrees of freedom are all the tests need).
 */

export interface ChiSquareResult {
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  /** The statistic's (1 − alpha) quantile under the null: reject when `statistic` exceeds it. */
  readonly criticalValue: number;
}

/** Σ (observed − expected)² / expected, expected = total × probability. */
export function chiSquareStatistic(observed: readonly number[], probabilities: readonly number[]): number {
  if (observed.length !== probabilities.length || observed.length < 2) throw new RangeError("chi-square needs at least two categories, one probability each");
  const totalProbability = probabilities.reduce((a, b) => a + b, 0);
  if (Math.abs(totalProbability - 1) > 1e-9) throw new RangeError(`The probabilities sum to ${totalProbability}, not 1`);
  const total = observed.reduce((a, b) => a + b, 0);
  return observed.reduce((sum, count, i) => {
    const expected = total * (probabilities[i] as number);
    return sum + (count - expected) ** 2 / expected;
  }, 0);
}

export function chiSquareTest(observed: readonly number[], probabilities: readonly number[], alpha: number): ChiSquareResult {
  const degreesOfFreedom = observed.length - 1;
  return { statistic: chiSquareStatistic(observed, probabilities), degreesOfFreedom, criticalValue: chiSquareCriticalValue(degreesOfFreedom, alpha) };
}

/** P(X > x) for X ~ chi-square(df): the regularized upper incomplete gamma Q(df/2, x/2). */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  if (!Number.isInteger(degreesOfFreedom) || degreesOfFreedom < 1)
    throw new RangeError(`Degrees of freedom must be a positive integer, not ${degreesOfFreedom}`);
  if (x <= 0) return 1;
  return upperRegularizedGamma(degreesOfFreedom / 2, x / 2);
}

/** The x with P(X > x) = alpha, by bisection: the survival function decreases monotonically. */
export function chiSquareCriticalValue(degreesOfFreedom: number, alpha: number): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), not ${alpha}`);
  let low = 0;
  let high = degreesOfFreedom + 10;
  while (chiSquareSurvival(high, degreesOfFreedom) > alpha) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const mid = (low + high) / 2;
    if (chiSquareSurvival(mid, degreesOfFreedom) > alpha) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** ln Γ(a) for a a positive multiple of 1/2, exactly by Γ(a + 1) = a Γ(a) from Γ(1) = 1, Γ(1/2) = √π. */
function logGammaOfHalfInteger(a: number): number {
  let value = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
  for (let k = Number.isInteger(a) ? 1 : 0.5; k < a; k++) value += Math.log(k);
  return value;
}

/**
 * Q(a, x) = Γ(a, x) / Γ(a): the power series of the lower function when x < a + 1 (it converges
 * fast there), otherwise the continued fraction of the upper one, evaluated by Lentz's method.
 */
function upperRegularizedGamma(a: number, x: number): number {
  const prefactor = Math.exp(a * Math.log(x) - x - logGammaOfHalfInteger(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - prefactor * sum;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let fraction = d;
  for (let n = 1; n < 10_000; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return prefactor * fraction;
}
