import { SortedWindow } from "../../../lib/stats/sorted-window";

/** values = trend + seasonal + residual, point by point. */
export interface Decomposition {
  readonly trend: readonly number[];
  readonly seasonal: readonly number[];
  readonly residual: readonly number[];
}

export interface DecomposeOptions {
  /** Points per seasonal cycle (7 for days in a week, 24 for hours in a day). */
  readonly period: number;
  /** Points in the trend's moving median; odd, so that it centres. */
  readonly trendWindow: number;
  /** Rounds of seasonal-then-trend refinement (see decompose). */
  readonly iterations: number;
}

/** A trend window of two cycles and one point: an anomaly must last a whole cycle to move it. */
export function defaultDecomposeOptions(period: number): DecomposeOptions {
  return { period, trendWindow: 2 * period + 1, iterations: 2 };
}

/**
 * The centred moving median over `window` points. Near the ends the window keeps its length and
 * stops at the series' edge (it is not truncated), so every point's trend comes from as many
 * values, whole cycles included. With `excludeSelf`, each point's median leaves the point itself
 * out (see decompose).
 */
export function movingMedian(values: readonly number[], window: number, excludeSelf = false): number[] {
  const n = values.length;
  const width = Math.min(window, n);
  const half = (width - 1) >> 1;
  const inWindow = new SortedWindow();
  let start = 0;
  let end = 0;
  return values.map((_, i) => {
    const from = Math.min(Math.max(i - half, 0), n - width);
    while (end < from + width) inWindow.add(values[end++] as number);
    while (start < from) inWindow.remove(values[start++] as number);
    if (!excludeSelf || width < 2) return inWindow.median();
    const own = values[i] as number;
    inWindow.remove(own);
    const median = inWindow.median();
    inWindow.add(own);
    return median;
  });
}

/**
 * The seasonal pattern of `detrended`: per phase (index mod period) the median of its values,
 * then centred so the phases average 0 (the level belongs to the trend).
 */
export function seasonalComponent(detrended: readonly number[], period: number): number[] {
  const phases = Array.from({ length: period }, () => new SortedWindow());
  detrended.forEach((value, i) => {
    phases[i % period]?.add(value);
  });
  const medians = phases.map((phase) => (phase.size > 0 ? phase.median() : 0));
  const mean = medians.reduce((a, b) => a + b, 0) / period;
  return detrended.map((_, i) => (medians[i % period] as number) - mean);
}

/**
 * A robust, STL-like decomposition. Trend: a moving median (a spike or a dip moves it by at most
 * one order statistic, where a moving average would smear it over its neighbours and make them
 * look anomalous too). Seasonal: per-phase medians of the detrended values. Starting from the
 * moving median of the raw values, each iteration re-estimates the seasonal part from the current
 * trend and then the trend from the deseasonalised values: a moving median of raw values mixes
 * the cycle's highs and lows, of deseasonalised values only noise. Residual: what is left.
 *
 * A point's trend leaves the point itself out. A median that includes it leans towards it when it
 * is ordinary but not when it is extreme, which shrinks ordinary residuals more than extreme ones:
 * the residuals' spread (the MAD) then understates their tails and pure noise raises about twice
 * the false alarms. Leaving it out keeps the residual's bulk and tails in proportion.
 */
export function decompose(values: readonly number[], options: DecomposeOptions): Decomposition {
  if (!Number.isInteger(options.period) || options.period < 1) throw new RangeError(`The period must be a positive whole number, not ${options.period}`);
  let trend = movingMedian(values, options.trendWindow, true);
  let seasonal = values.map(() => 0);
  for (let round = 0; round < options.iterations; round++) {
    seasonal = seasonalComponent(minus(values, trend), options.period);
    trend = movingMedian(minus(values, seasonal), options.trendWindow, true);
  }
  return { trend, seasonal, residual: minus(minus(values, trend), seasonal) };
}

function minus(a: readonly number[], b: readonly number[]): number[] {
  return a.map((value, i) => value - (b[i] as number));
}
