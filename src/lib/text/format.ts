/**
 * Numbers for people, one way everywhere: counts with thousands separators, fixed decimals,
 * percentages, sizes and durations. Every figure the report, the findings and the CLI print goes
 * through here, so the same quantity never reads two ways (`28730982.4` in one place and
 * `27.4 MiB` in another).
 */

export const KiB = 2 ** 10;
export const MiB = 2 ** 20;
export const GiB = 2 ** 30;

const grouped = (digits: number): Intl.NumberFormat => new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const GROUPED = [0, 1, 2, 3, 4].map(grouped);

/** `value` rounded to `digits` decimals (half away from zero), as a number: for tables that keep numbers. */
export function round(value: number, digits = 0): number {
  const scale = 10 ** digits;
  return (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale;
}

/** `1,234,567`: a whole count with thousands separators. */
export function formatCount(value: number | bigint): string {
  return typeof value === "bigint" ? value.toLocaleString("en-US") : (GROUPED[0] as Intl.NumberFormat).format(Math.round(value));
}

/** `1,234.57`: thousands separators and exactly `digits` decimals (0 to 4). */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  return (GROUPED[digits] ?? grouped(digits)).format(value);
}

/** `12.3%` of a fraction (0.123), `digits` decimals. */
export function formatPercent(fraction: number, digits = 1): string {
  return `${formatNumber(fraction * 100, digits)}%`;
}

/** Bytes in the unit that reads best: `512 B`, `12.3 KiB`, `4.5 MiB`, `1.20 GiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < KiB) return `${formatCount(bytes)} B`;
  if (bytes < MiB) return `${formatNumber(bytes / KiB, 1)} KiB`;
  if (bytes < GiB) return `${formatNumber(bytes / MiB, 1)} MiB`;
  return `${formatNumber(bytes / GiB, 2)} GiB`;
}

/** Bytes in MiB whatever their size (`0.3 MiB`, `1,024.0 MiB`): for columns that compare sizes, where units must not jump. */
export function formatMiB(bytes: number, digits = 1): string {
  return `${formatNumber(bytes / MiB, digits)} MiB`;
}

/** A duration that reads best: `850 ms`, `12.4 s`, `3.2 min`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${formatCount(ms)} ms`;
  if (ms < 120_000) return `${formatNumber(ms / 1000, 1)} s`;
  return `${formatNumber(ms / 60_000, 1)} min`;
}

/** A duration in seconds whatever its size (`0.4 s`, `1,234.5 s`): for columns of timings. */
export function formatSeconds(ms: number, digits = 1): string {
  return `${formatNumber(ms / 1000, digits)} s`;
}
