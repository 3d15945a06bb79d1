import { functions as F, type Column } from "../../../../connect";
import type { CorruptionKind } from "./corruption-kinds";

/**
 * Which row ids each kind takes: in every `period` consecutive ids, kind k takes the `perKind`
 * ids from k·perKind on (by `id mod period`). The kinds' shares never overlap, and as the ids are
 * `spark.range`'s 0..n−1 the count of each kind is plain arithmetic on n. Row content is a hash
 * of the id, so a residue class of ids is as random a sample as any.
 */
export interface CorruptionPlan {
  readonly period: number;
  readonly perKind: number;
}

/** Fractions are whole millionths: the period is at most 10^6 rows. */
const RESOLUTION = 1_000_000;

/**
 * The smallest period in which `fraction` of the rows is a whole number of rows, e.g. 0.01 →
 * 1 row of each kind in every 100, 0.0025 → 1 in 400.
 */
export function corruptionPlan(fraction: number, kindCount: number): CorruptionPlan {
  const units = Math.round(fraction * RESOLUTION);
  if (!Number.isFinite(fraction) || Math.abs(fraction * RESOLUTION - units) > 1e-6) {
    throw new RangeError(`The corruption fraction must be a whole number of millionths, not ${fraction}`);
  }
  if (units < 0 || units * kindCount > RESOLUTION) {
    throw new RangeError(`The corruption fraction is per kind: with ${kindCount} kinds it must lie in [0, 1/${kindCount}], not ${fraction}`);
  }
  const divisor = gcd(units, RESOLUTION);
  return { period: RESOLUTION / divisor, perKind: units / divisor };
}

/** Rows of each kind among ids 0..rows−1, keyed by kind name. */
export function corruptionCounts(plan: CorruptionPlan, kinds: readonly CorruptionKind[], rows: number): Record<string, number> {
  const fullPeriods = Math.floor(rows / plan.period);
  const rest = rows % plan.period;
  return Object.fromEntries(kinds.map((kind, k) => [kind.name, fullPeriods * plan.perKind + Math.min(plan.perKind, Math.max(0, rest - k * plan.perKind))]));
}

/** The kind name of the row with this `id`, or null for a row left clean. */
export function kindOfRow(plan: CorruptionPlan, kinds: readonly CorruptionKind[], id: Column): Column {
  const residue = F.pmod(id, F.lit(plan.period));
  const none = F.lit(null).cast("string");
  // Kind k is the first whose upper bound (k + 1)·perKind the residue lies below.
  return kinds.reduceRight((later, kind, k) => F.when(residue.lt((k + 1) * plan.perKind), kind.name).otherwise(later), none);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
