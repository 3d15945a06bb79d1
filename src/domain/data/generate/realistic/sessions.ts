import { type Column, type DataFrame, functions as F, TypedLiteral } from "../../../../connect";
import type { BusinessClock } from "./business-clock";
import type { KeyedDraws } from "./keyed-draws";

/**
 * Sessions of a regular user, as pure functions of (user, event index): no window over the user's
 * events, so every row is computed on its own.
 *
 * A user with n events over a business-time span [x0, x1) gets S sessions (about n / mean events
 * each, at most maxSessionsPerDay per business day); event j belongs to session ⌊j·S / n⌋. Session
 * i sits at the quantile q_i = ((i + φ·S + jitter_i) mod S) / S of the user's activity, φ a
 * per-user phase and |jitter| ≤ 0.2: sessions are ≥ 0.6 / S apart, and over users q is uniform. The
 * quantile becomes business time through the user's activity density (flat for established users;
 * falling linearly after signup for new ones: retention decay), then real time through the
 * business clock (daily and weekly seasonality). Events of a session follow its start 1 … 2·step
 * seconds apart, the step shrunk for very long sessions so that a session always ends before the
 * next one starts: a user's sessions never overlap and their timestamps are all distinct, which
 * rules out exact duplicate rows.
 */
export interface SessionDesign {
  readonly clock: BusinessClock;
  /** Business time where every user's activity ends (a margin before year end, see planRealistic). */
  readonly businessEnd: number;
  readonly meanSessionEvents: number;
  readonly maxSessionsPerDay: number;
  readonly eventStepSeconds: number;
  /** The longest a session may last, in seconds (below the guaranteed gap to the next session). */
  readonly sessionBudgetSeconds: number;
  readonly retentionDecline: number;
}

const STREAM = { phase: 201, jitter: 202, offset: 203 } as const;
/** Session starts move at most this share of the spacing 1/S either way. */
export const SESSION_JITTER = 0.2;

/** Business time where a user's activity starts: their join day's start, or the period's. */
export function activityStart(design: SessionDesign, joinDay: Column): Column {
  return design.clock.dayStartOf(F.greatest(joinDay, F.lit(0)));
}

/** S, the number of sessions of a user with `events` events whose activity starts at business time `start`. */
export function sessionCount(design: SessionDesign, events: Column, start: Column): Column {
  const bySize = F.ceil(events.divide(design.meanSessionEvents));
  const byDensity = F.floor(F.lit(TypedLiteral.double(design.businessEnd)).minus(start).multiply(design.maxSessionsPerDay));
  return F.greatest(F.lit(1), F.least(bySize, byDensity)).cast("long");
}

/**
 * Adds `seconds` (long, since the period start) to rows with `id`, `number`, `userEvents`,
 * `eventIndex`, `isNew` and `joinDay`.
 */
export function withSessionTimes(df: DataFrame, design: SessionDesign, draws: KeyedDraws): DataFrame {
  const number = F.col("number");
  const events = F.col("userEvents");
  const staged = df
    .withColumn("_start", activityStart(design, F.col("joinDay")))
    .withColumn("_sessions", sessionCount(design, events, F.col("_start")))
    .withColumn("_session", F.div(F.col("eventIndex").multiply(F.col("_sessions")), events));
  const sessions = F.col("_sessions");
  const session = F.col("_session");
  // ⌈i·n / S⌉, the session's first event index, in exact integer arithmetic.
  const firstOfSession = F.div(session.multiply(events).plus(sessions).minus(1), sessions);
  const jitter = draws
    .uniform(STREAM.jitter, number, session)
    .minus(0.5)
    .multiply(2 * SESSION_JITTER);
  // The slots form a ring over the activity span, turned by a per-user rotation uniform over all
  // of it (the phase φ·S): each session lands anywhere with equal chance, so q is exactly uniform
  // over users (the expected-volume model) whatever the sessions' sizes, and the gap between any
  // two of a user's sessions, across the ring's seam too, is still ≥ (1 − 2·jitter) / S. Two
  // earlier defects came from the span's ends: jittered quantiles clamped to [0, 1) piled a
  // twentieth of every user's first and last sessions onto its first and last instant (the year's
  // first minutes, 2023-12-31 ~21:30) and thinned the weeks before; and a phase within one slot
  // kept session 0, which gets the rounding's extra events (⌈n / S⌉), always first, so every
  // user's activity leaned to the span's start and the year's last weeks ran ~4% under.
  const slot = F.pmod(session.plus(draws.uniform(STREAM.phase, number).multiply(sessions)).plus(jitter), sessions);
  // < 1 in exact arithmetic; the bound guards the division's rounding.
  const quantile = F.least(slot.divide(sessions), F.lit(1 - 1e-12));
  const decline = design.retentionDecline;
  // Inverse CDF of the density ∝ 1 − κ·u on [0, 1): u = (1 − √(1 − κ(2 − κ)q)) / κ.
  const declining =
    decline === 0
      ? F.col("_q")
      : F.lit(1)
          .minus(F.sqrt(F.lit(1).minus(F.col("_q").multiply(decline * (2 - decline)))))
          .divide(decline);
  const spread = F.when(F.col("isNew"), declining).otherwise(F.col("_q"));
  const business = F.col("_start").plus(F.lit(TypedLiteral.double(design.businessEnd)).minus(F.col("_start")).multiply(spread));
  const placed = staged.withColumn("_q", quantile).withColumn("_business", business);
  const longest = F.ceil(events.divide(sessions));
  const step = F.greatest(F.lit(1), F.least(F.lit(design.eventStepSeconds), F.div(F.lit(design.sessionBudgetSeconds), longest)));
  // Offsets p·step + [0, step): strictly increasing within the session, ≤ events·step − 1 in all.
  const offset = F.col("eventIndex")
    .minus(firstOfSession)
    .multiply(step)
    .plus(F.floor(draws.uniform(STREAM.offset, F.col("id")).multiply(step)));
  return design.clock
    .withRealSeconds(placed, "_business", "_real")
    .withColumn("seconds", F.floor(F.col("_real")).plus(offset).cast("long"))
    .drop("_start", "_sessions", "_session", "_q", "_business", "_real");
}
