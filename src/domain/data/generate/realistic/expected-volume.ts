import { PERIOD_DAYS } from "./calendar";
import type { SessionDesign } from "./sessions";

/**
 * The expected share of a user's events on each period day, for the two kinds of regular users:
 * what the session design spreads in expectation (uniform quantiles, see sessions.ts). Client-side
 * arithmetic over the business clock only, so the anomalies can be sized and the ground truth can
 * state baselines without a pass over the data.
 */
export interface DailyShares {
  /** Established users: their activity is flat in business time over [0, businessEnd). */
  readonly established: readonly number[];
  /** New users, averaged over their uniform join day in [0, lastJoinDay]: declining from signup. */
  readonly newcomers: readonly number[];
}

export function dailyShares(design: SessionDesign, lastJoinDay: number): DailyShares {
  const newcomers = new Array<number>(PERIOD_DAYS).fill(0);
  for (let join = 0; join <= lastJoinDay; join++) {
    newcomerShares(design, join).forEach((share, day) => (newcomers[day] = (newcomers[day] ?? 0) + share / (lastJoinDay + 1)));
  }
  return { established: establishedShares(design), newcomers };
}

/** The expected share of an established user's events on each period day. */
export function establishedShares(design: SessionDesign): number[] {
  return shares(flatFrom(design, 0), design.clock.dayStart);
}

/** The expected share of the events of a new user who joined on period day `joinDay`, on each period day. */
export function newcomerShares(design: SessionDesign, joinDay: number): number[] {
  const flat = flatFrom(design, design.clock.dayStart[joinDay] ?? 0);
  const kappa = design.retentionDecline;
  const declining = (u: number): number => (u - (kappa * u * u) / 2) / (1 - kappa / 2);
  return shares((x) => declining(flat(x)), design.clock.dayStart);
}

/** The uniform CDF over business time [from, businessEnd). */
function flatFrom(design: SessionDesign, from: number): (x: number) => number {
  return (x) => Math.min(Math.max((x - from) / (design.businessEnd - from), 0), 1);
}

/** Per-day increments of a CDF over business time. */
function shares(cdf: (x: number) => number, dayEdges: readonly number[]): number[] {
  return Array.from({ length: PERIOD_DAYS }, (_, d) => cdf(dayEdges[d + 1] ?? 0) - cdf(dayEdges[d] ?? 0));
}
