import { SortedWindow } from "../../../lib/stats/sorted-window";

/** Iglewicz–Hoaglin's constant: 0.6745 / MAD estimates 1 / σ for normal data. */
const MAD_CONSTANT = 0.6745;
/** For the fallback: 1.2533 · mean absolute deviation estimates σ for normal data (√(π/2)). */
const MEAN_AD_CONSTANT = 1.253314;

/**
 * The robust (modified) z-score of each value against the `window` values just before it:
 * z_t = 0.6745 · (x_t − median) / MAD over x_{t−window} … x_{t−1}. The window trails (the value
 * scored is not part of its own baseline, so a spike cannot mask itself) and is robust (earlier
 * anomalies inside it barely move the median and the MAD). null for the first `window` values,
 * which have no full baseline.
 *
 * When more than half the baseline is one value, MAD is 0: the spread then falls back to
 * 1.2533 · mean absolute deviation (Iglewicz–Hoaglin's own fallback); when that is 0 too, every
 * baseline value is the same, and z is 0 for that value and ±Infinity for any other.
 *
 * `minSpread[t]`, when given, is a lower bound on the spread (σ) at t: see the detector's counting-noise floor.
 */
export function trailingRobustZ(values: readonly number[], window: number, minSpread?: readonly number[]): (number | null)[] {
  if (!Number.isInteger(window) || window < 2) throw new RangeError(`The trailing window must hold at least 2 values, not ${window}`);
  const baseline = new SortedWindow();
  return values.map((value, t) => {
    if (t > window) baseline.remove(values[t - window - 1] as number);
    if (t > 0) baseline.add(values[t - 1] as number);
    if (t < window) return null;
    const deviation = value - baseline.median();
    const mad = baseline.mad();
    const estimated = mad > 0 ? mad / MAD_CONSTANT : MEAN_AD_CONSTANT * baseline.meanAbsoluteDeviation();
    const sigma = Math.max(estimated, minSpread?.[t] ?? 0);
    if (sigma > 0) return deviation / sigma;
    return deviation === 0 ? 0 : deviation > 0 ? Infinity : -Infinity;
  });
}
