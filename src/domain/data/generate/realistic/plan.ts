import { DEVICE_TYPES } from "../../schemas";
import { eventsOfRank, tailShare, type ActivityLayout } from "./activity";
import { BusinessClock } from "./business-clock";
import { DAY_SECONDS, PERIOD_DAYS, PERIOD_START_SECONDS, periodDayOf } from "./calendar";
import { dailyShares, type DailyShares } from "./expected-volume";
import { resolveOptions, type RealisticOptions, type ResolvedRealisticOptions } from "./options";
import { scatterOf, type Scatter } from "./scatter";
import { SESSION_JITTER, type SessionDesign } from "./sessions";
import { lastNewJoinDay } from "./users";
import { RELEASES } from "./versions";

/** The detector's trailing window: every anomaly needs this many days of history before it. */
export const ANOMALY_HISTORY_DAYS = 56;
/** …and a couple of weeks after it, for a fair baseline on both sides. */
const ANOMALY_FUTURE_DAYS = 14;
/** A session gap of more than this starts a new session (the definitions' default). */
const SESSION_GAP_SECONDS = 1_800;
/** Room left between a session's end and that cut, for the last event's own duration. */
const SESSION_GAP_MARGIN_SECONDS = 900;

/** The bot cluster: users N+1 … N+K, each firing every `periodSeconds` from its own start. */
export interface BotPlan {
  readonly firstRow: number;
  readonly rows: number;
  readonly users: number;
  readonly firstNumber: number;
  readonly startSeconds: number;
  readonly periodSeconds: number;
  readonly joinDay: number;
}

/** The traffic spike: extra new users, one session each, all on the spike day. */
export interface SpikePlan {
  readonly firstRow: number;
  readonly rows: number;
  readonly users: number;
  readonly firstNumber: number;
  readonly day: number;
}

/**
 * Everything the realistic generator derives from (rows, options) on the client: the row layout
 * (regular users, then bots, then the spike's users, each a contiguous id range), user numbering,
 * orphan and duplicate selection, the session design and the anomalies' positions. Both datasets
 * and the ground truth are built from one plan, so they agree by construction.
 */
export interface RealisticPlan {
  readonly rows: number;
  readonly options: ResolvedRealisticOptions;
  readonly clock: BusinessClock;
  readonly design: SessionDesign;
  readonly activity: ActivityLayout;
  /** Regular users' ranks ↔ numbers 1 … N. */
  readonly ranks: Scatter;
  readonly regularRows: number;
  readonly bots: BotPlan;
  readonly spike: SpikePlan;
  /** Users with interactions: N regular + bots + spike users, numbered 1 … interactionUsers. */
  readonly interactionUsers: number;
  /** Picks orphans and duplicates among interaction users: scatter position < orphans → no metadata, then the next `duplicateUsers` positions → two rows. */
  readonly metadataSelection: Scatter;
  readonly orphanUsers: number;
  readonly duplicateUsers: number;
  /** Metadata-only users, numbered interactionUsers + 1 … */
  readonly metadataOnlyUsers: number;
  readonly outageDay: number;
  readonly burst: { readonly startSeconds: number; readonly endSeconds: number };
  readonly slowDeviceIndex: number;
  readonly regressedRelease: number;
  readonly shares: DailyShares;
}

export function planRealistic(rows: number, options: RealisticOptions = {}): RealisticPlan {
  if (!Number.isSafeInteger(rows) || rows < 1_000) throw new RangeError(`Realistic data needs an integer row count of at least 1,000, not ${rows}`);
  const o = resolveOptions(rows, options);
  checkShares(o);
  const outageDay = anomalyDay("outage", o.outage.date);
  const clock = new BusinessClock(outageDay, o.outage.factor);
  // The longest business gap between consecutive sessions is guaranteed to exceed, in real time.
  const minSessionGap = ((1 - 2 * SESSION_JITTER) * (1 - o.retentionDecline / 2)) / o.maxSessionsPerDay;
  const sessionBudgetSeconds = Math.floor((minSessionGap * DAY_SECONDS) / clock.maxRate - SESSION_GAP_SECONDS - SESSION_GAP_MARGIN_SECONDS);
  if (sessionBudgetSeconds < 4 * o.eventStepSeconds) {
    throw new RangeError(`maxSessionsPerDay ${o.maxSessionsPerDay} leaves sessions only ${sessionBudgetSeconds} s: lower it`);
  }
  const design: SessionDesign = {
    clock,
    // Activity stops early enough that the last session still ends before the year does: a
    // session lasts at most its budget, so its start must come that much real time before the
    // end. (Bounding the margin by the fastest rate instead cut 2023-12-31 short by ~2.4 hours, a
    // tenth of its volume; at the real Sunday-night rate the margin is the budget, under an hour.)
    businessEnd: clock.businessAt(PERIOD_DAYS * DAY_SECONDS - sessionBudgetSeconds),
    meanSessionEvents: o.meanSessionEvents,
    maxSessionsPerDay: o.maxSessionsPerDay,
    eventStepSeconds: o.eventStepSeconds,
    sessionBudgetSeconds,
    retentionDecline: o.retentionDecline,
  };
  const shares = dailyShares(design, lastNewJoinDay(o.minActiveDays));

  const botRows = Math.round(rows * o.bots.eventShare);
  const botStartDay = anomalyDay("bots", o.bots.start);
  const botWindow = o.bots.days * DAY_SECONDS;
  // Enough bots that each fires at most every 2 s; at least one event each.
  const botUsers = botRows === 0 ? 0 : Math.min(botRows, Math.max(o.bots.users, Math.ceil(botRows / (botWindow / 2))));
  const botPeriod = botUsers === 0 ? 0 : Math.floor(botWindow / Math.ceil(botRows / botUsers));

  const hotRows = Math.round(rows * o.hotEventShare);
  const hotUsers = Math.max(1, Math.round(o.users * o.hotUserShare));
  const spikeDay = anomalyDay("spike", o.spike.date);
  const spikeRows = spikeExtraRows(rows - botRows, hotRows, o, shares, spikeDay);
  const regularRows = rows - botRows - spikeRows;
  const activity: ActivityLayout = { users: o.users, hotUsers, hotRows, tailRows: regularRows - hotRows };
  checkActivity(activity, design, clock, o);

  const spikeUsers = Math.ceil(spikeRows / o.meanSessionEvents);
  const interactionUsers = o.users + botUsers + spikeUsers;
  const orphanUsers = Math.round(interactionUsers * o.orphanInteractionUserShare);
  const duplicateUsers = Math.round((interactionUsers - orphanUsers) * o.duplicateMetadataUserShare);
  const burstStart = periodSecondsOf(o.durationBurst.start);
  anomalyDay("durationBurst", o.durationBurst.start.slice(0, 10));
  const regressedRelease = RELEASES.findIndex((r) => r.version === o.regressedVersion.key);
  if (regressedRelease === -1) throw new RangeError(`regressedVersion '${o.regressedVersion.key}' is not a release (see versions.ts)`);
  const slowDeviceIndex = DEVICE_TYPES.indexOf(o.slowDevice.key);
  if (slowDeviceIndex === -1) throw new RangeError(`slowDevice '${o.slowDevice.key}' is not one of ${DEVICE_TYPES.join(", ")}`);

  return {
    rows,
    options: o,
    clock,
    design,
    activity,
    ranks: scatterOf(o.users),
    regularRows,
    bots: {
      firstRow: regularRows,
      rows: botRows,
      users: botUsers,
      firstNumber: o.users + 1,
      startSeconds: botStartDay * DAY_SECONDS,
      periodSeconds: botPeriod,
      // The accounts were created the day before they start.
      joinDay: botStartDay - 1,
    },
    spike: { firstRow: regularRows + botRows, rows: spikeRows, users: spikeUsers, firstNumber: o.users + botUsers + 1, day: spikeDay },
    interactionUsers,
    metadataSelection: scatterOf(interactionUsers),
    orphanUsers,
    duplicateUsers,
    metadataOnlyUsers: Math.round(interactionUsers * o.orphanMetadataUserShare),
    outageDay,
    burst: { startSeconds: burstStart, endSeconds: burstStart + o.durationBurst.hours * 3600 },
    slowDeviceIndex,
    regressedRelease,
    shares,
  };
}

/**
 * Expected regular events on `day`: hot users are established; tail users are new with
 * probability newUserShare, independently of their activity rank.
 */
export function expectedRegularEvents(hotRows: number, tailRows: number, o: ResolvedRealisticOptions, shares: DailyShares, day: number): number {
  const established = shares.established[day] ?? 0;
  const mixed = (1 - o.newUserShare) * established + o.newUserShare * (shares.newcomers[day] ?? 0);
  return hotRows * established + tailRows * mixed;
}

/**
 * Spike rows E so that the spike day holds factor × its expected regular volume: E = (f − 1) ×
 * expected(regular rows − E), solved for E (the regular rows shrink as the spike's grow).
 */
function spikeExtraRows(nonBotRows: number, hotRows: number, o: ResolvedRealisticOptions, shares: DailyShares, day: number): number {
  const extra = o.spike.factor - 1;
  const established = shares.established[day] ?? 0;
  const mixed = (1 - o.newUserShare) * established + o.newUserShare * (shares.newcomers[day] ?? 0);
  return Math.round((extra * (hotRows * established + (nonBotRows - hotRows) * mixed)) / (1 + extra * mixed));
}

function checkShares(o: ResolvedRealisticOptions): void {
  const unit: [string, number][] = [
    ["hotUserShare", o.hotUserShare],
    ["hotEventShare", o.hotEventShare],
    ["newUserShare", o.newUserShare],
    ["orphanInteractionUserShare", o.orphanInteractionUserShare],
    ["orphanMetadataUserShare", o.orphanMetadataUserShare],
    ["duplicateMetadataUserShare", o.duplicateMetadataUserShare],
    ["bots.eventShare", o.bots.eventShare],
  ];
  for (const [name, value] of unit) if (!(value >= 0 && value < 1)) throw new RangeError(`${name} must lie in [0, 1), not ${value}`);
  if (!(o.hotEventShare > 0)) throw new RangeError("hotEventShare must be positive: hot users are the point of this mode");
  if (!(o.retentionDecline >= 0 && o.retentionDecline < 1)) throw new RangeError(`retentionDecline must lie in [0, 1), not ${o.retentionDecline}`);
  if (!Number.isSafeInteger(o.users) || o.users < 2) throw new RangeError(`users must be an integer ≥ 2, not ${o.users}`);
  const positive: [string, number][] = [
    ["meanSessionEvents", o.meanSessionEvents],
    ["maxSessionsPerDay", o.maxSessionsPerDay],
    ["eventStepSeconds", o.eventStepSeconds],
    ["updateLagDays", o.updateLagDays],
    ["bots.days", o.bots.days],
    ["bots.users", o.bots.users],
    ["durationBurst.hours", o.durationBurst.hours],
  ];
  for (const [name, value] of positive) if (!(value > 0)) throw new RangeError(`${name} must be positive, not ${value}`);
  if (!Number.isInteger(o.eventStepSeconds)) throw new RangeError("eventStepSeconds must be whole seconds");
  // A spike user's session (≤ meanSessionEvents events, < 2 steps apart) starts before 23:00 and must end that day.
  if (Math.ceil(o.meanSessionEvents) * 2 * o.eventStepSeconds > 3_600) throw new RangeError("meanSessionEvents × 2 × eventStepSeconds must fit in an hour");
  if (!(o.outage.factor > 0 && o.outage.factor < 1)) throw new RangeError(`outage.factor must lie in (0, 1), not ${o.outage.factor}`);
  if (!(o.spike.factor >= 1)) throw new RangeError(`spike.factor must be ≥ 1, not ${o.spike.factor}`);
  if (!(o.slowDevice.factor > 0 && o.regressedVersion.factor > 0 && o.durationBurst.factor > 0))
    throw new RangeError("Slowdown and burst factors must be positive");
  if (o.minActiveDays < 1 || o.minActiveDays > PERIOD_DAYS - ANOMALY_HISTORY_DAYS)
    throw new RangeError(`minActiveDays must lie in [1, ${PERIOD_DAYS - ANOMALY_HISTORY_DAYS}]`);
}

/**
 * Every user must get at least one event (else a metadata user would silently have none) and no
 * user so many that a session outgrows its slot. The tail's per-rank counts fall with rank, so the
 * last rank has the fewest; the busiest are the first hot and the first tail rank.
 */
function checkActivity(a: ActivityLayout, design: SessionDesign, clock: BusinessClock, o: ResolvedRealisticOptions): void {
  if (a.hotUsers >= a.users) throw new RangeError(`${a.users} users leave no room for the tail after ${a.hotUsers} hot users`);
  if (a.hotRows < a.hotUsers || a.tailRows < a.users - a.hotUsers) throw new RangeError(`${a.users} users are too many for these rows`);
  // The last rank's unrounded count: if it is ≥ 1, every rounded tail count is too (g is concave).
  if (a.tailRows * (1 - tailShare(a, a.users - 1)) < 1)
    throw new RangeError(`${a.users} users are too many for ${a.hotRows + a.tailRows} regular rows: the least active would have no event`);
  const shortestSpan = design.businessEnd - (clock.dayStart[lastNewJoinDay(o.minActiveDays)] ?? 0);
  const busiest = [
    // Hot users' counts differ by at most one; established, they have the whole year.
    { events: eventsOfRank(a, 0) + 1, span: design.businessEnd },
    { events: eventsOfRank(a, a.hotUsers), span: shortestSpan },
  ];
  for (const { events, span } of busiest) {
    const sessions = Math.max(1, Math.min(Math.ceil(events / o.meanSessionEvents), Math.floor(span * o.maxSessionsPerDay)));
    if (Math.ceil(events / sessions) > design.sessionBudgetSeconds) {
      throw new RangeError(`A user with ${events} events would need sessions longer than ${design.sessionBudgetSeconds} s: use more users`);
    }
  }
}

function anomalyDay(name: string, date: string): number {
  const day = periodDayOf(date);
  if (day < ANOMALY_HISTORY_DAYS || day >= PERIOD_DAYS - ANOMALY_FUTURE_DAYS) {
    throw new RangeError(`${name} (${date}) must leave ${ANOMALY_HISTORY_DAYS} days of 2023 before it and ${ANOMALY_FUTURE_DAYS} after`);
  }
  return day;
}

/** Seconds since the period start of a `YYYY-MM-DD HH:mm:ss` UTC time. */
function periodSecondsOf(stamp: string): number {
  const millis = Date.parse(`${stamp.replace(" ", "T")}Z`);
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(stamp) || Number.isNaN(millis)) throw new RangeError(`'${stamp}' is not a YYYY-MM-DD HH:mm:ss time`);
  return millis / 1000 - PERIOD_START_SECONDS;
}
