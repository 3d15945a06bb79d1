/**
 * How many distinct values k independent uniform draws from N values hit (the occupancy
 * problem), e.g. distinct user_ids among k metadata rows with ids uniform over 1..1e6.
 */
export interface Moments {
  readonly mean: number;
  readonly variance: number;
}

/**
 * Distinct = N − (number of values never drawn) = N − Σ_j I_j, with I_j = [value j never drawn]:
 * E[I_j] = (1 − 1/N)^k = q1 and E[I_i I_j] = (1 − 2/N)^k = q2 for i ≠ j, so
 * E[distinct] = N(1 − q1) and Var[distinct] = Var[Σ I_j] = N q1 + N(N − 1) q2 − N² q1².
 * Powers go through log1p so that 1 − 1/N keeps its precision for large N.
 */
export function distinctDrawsMoments(draws: number, size: number): Moments {
  if (!(size >= 1) || !(draws >= 0)) throw new RangeError(`Need size ≥ 1 and draws ≥ 0, not ${size} and ${draws}`);
  const missedBy = (share: number): number => (draws === 0 ? 1 : share >= 1 ? 0 : Math.exp(draws * Math.log1p(-share)));
  const q1 = missedBy(1 / size);
  const q2 = missedBy(2 / size);
  return { mean: size * (1 - q1), variance: Math.max(0, size * q1 + size * (size - 1) * q2 - size * size * q1 * q1) };
}
