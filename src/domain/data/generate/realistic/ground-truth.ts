import { functions as F, type SparkSession } from "../../../../connect";
import { eventsOfRank, firstEventColumn } from "./activity";
import { HOUR_WEIGHTS, WEEKDAY_WEIGHTS } from "./business-clock";
import { DAY_SECONDS, PERIOD_DAYS, PERIOD_START_SECONDS, dateOfPeriodDay, isoSeconds } from "./calendar";
import { KeyedDraws } from "./keyed-draws";
import type { RealisticOptions, ResolvedRealisticOptions } from "./options";
import { expectedRegularEvents, planRealistic, type RealisticPlan } from "./plan";
import { unscatter } from "./scatter";
import { activityStart, sessionCount } from "./sessions";
import { numberOfRank, numberOfRankValue, rankOfNumberValue, UserAttributes } from "./users";
import { nextRelease, RELEASES } from "./versions";

/** One planted anomaly, as an analysis should report it. */
export interface PlantedAnomaly {
  readonly kind: "outage" | "traffic_spike" | "bot_cluster" | "extreme_durations";
  /** The series it shows in, in the definitions' terms (daily/hourly counts, overall or per dimension). */
  readonly series: readonly string[];
  /** UTC `YYYY-MM-DD HH:mm:ss`, end exclusive. */
  readonly start: string;
  readonly end: string;
  readonly direction: "up" | "down";
  /** Observed / expected-without-the-anomaly for the series' values in the window. */
  readonly factor: number;
  readonly details: Readonly<Record<string, unknown>>;
}

/** What realistic data holds by construction: what analyses will be scored against. */
export interface RealisticGroundTruth {
  readonly mode: "realistic";
  readonly seed: number;
  readonly options: ResolvedRealisticOptions;
  readonly period: { readonly firstDay: string; readonly lastDay: string };
  readonly rows: { readonly interactions: number; readonly metadata: number };
  readonly users: {
    readonly regular: number;
    readonly bots: number;
    readonly spike: number;
    readonly withInteractions: number;
    /** Users with interactions and no metadata row, and their interaction rows. */
    readonly orphanInteractionUsers: number;
    readonly orphanInteractionRows: number;
    /** Users with a metadata row and no interaction. */
    readonly orphanMetadataUsers: number;
    /** Users with two metadata rows (the later one a re-signup), their rows, and the rows deduplication drops. */
    readonly duplicateMetadataUsers: number;
    readonly duplicateMetadataRows: number;
    readonly duplicateMetadataRowsDropped: number;
  };
  readonly hotUsers: {
    readonly ids: readonly string[];
    readonly events: number;
    readonly eventShare: number;
    readonly eventsPerUser: readonly [number, number];
  };
  readonly sessions: {
    readonly gapMinutes: number;
    /** Sessions by the definitions' rules, as designed (long durations can merge a few). */
    readonly regular: number;
    readonly spike: number;
    readonly bots: number;
    readonly total: number;
  };
  readonly seasonality: { readonly hourOfDayWeights: readonly number[]; readonly weekdayWeightsSundayFirst: readonly number[] };
  readonly retention: { readonly newUserShare: number; readonly densityAtYearEndVsSignup: number };
  readonly performance: {
    readonly pageLoadTime: string;
    readonly slowDevice: { readonly deviceType: string; readonly factor: number };
    readonly regressedVersion: {
      readonly appVersion: string;
      readonly factor: number;
      readonly shipped: string;
      readonly fixedBy: string | null;
      readonly fixShipped: string | null;
    };
  };
  readonly releases: readonly { readonly version: string; readonly shipped: string }[];
  readonly anomalies: readonly PlantedAnomaly[];
  /** The model's expected events per day of 2023 (regular users in expectation; bots and spike exact). */
  readonly expectedDailyEvents: readonly number[];
}

/**
 * The ground truth of realistic data for (rows, seed, options): from the plan on the client, but
 * for the designed session count, which depends on every regular user's hashed join date and so
 * takes one Spark aggregation over the users (a range of N rows, not the data).
 */
export async function realisticGroundTruth(spark: SparkSession, rows: number, seed: number, options: RealisticOptions = {}): Promise<RealisticGroundTruth> {
  return groundTruthOfPlan(spark, planRealistic(rows, options), seed);
}

export async function groundTruthOfPlan(spark: SparkSession, plan: RealisticPlan, seed: number): Promise<RealisticGroundTruth> {
  const o = plan.options;
  const { activity, bots, spike } = plan;
  const hotIds = Array.from({ length: activity.hotUsers }, (_, r) => userId(numberOfRankValue(plan.ranks, r)));
  const orphanRows = Array.from({ length: plan.orphanUsers }, (_, p) => eventsOfNumber(plan, unscatter(plan.metadataSelection, p) + 1)).reduce(
    (a, b) => a + b,
    0,
  );
  const expectedDailyEvents = expectedDaily(plan);
  const botEventsPerUser = bots.users === 0 ? 0 : Math.ceil(bots.rows / bots.users);
  const regularSessions = await designedRegularSessions(spark, plan, seed);
  const botSessions = designedBotSessions(plan);
  const regressed = RELEASES[plan.regressedRelease];
  const fix = nextRelease(o.regressedVersion.key);
  const metadataRows = plan.interactionUsers - plan.orphanUsers + plan.duplicateUsers + plan.metadataOnlyUsers;
  const hourMean = HOUR_WEIGHTS.reduce((a, b) => a + b, 0) / HOUR_WEIGHTS.length;
  const weekdayMean = WEEKDAY_WEIGHTS.reduce((a, b) => a + b, 0) / WEEKDAY_WEIGHTS.length;

  return {
    mode: "realistic",
    seed,
    options: o,
    period: { firstDay: dateOfPeriodDay(0), lastDay: dateOfPeriodDay(PERIOD_DAYS - 1) },
    rows: { interactions: plan.rows, metadata: metadataRows },
    users: {
      regular: activity.users,
      bots: bots.users,
      spike: spike.users,
      withInteractions: plan.interactionUsers,
      orphanInteractionUsers: plan.orphanUsers,
      orphanInteractionRows: orphanRows,
      orphanMetadataUsers: plan.metadataOnlyUsers,
      duplicateMetadataUsers: plan.duplicateUsers,
      duplicateMetadataRows: 2 * plan.duplicateUsers,
      duplicateMetadataRowsDropped: plan.duplicateUsers,
    },
    hotUsers: {
      ids: hotIds,
      events: activity.hotRows,
      eventShare: activity.hotRows / plan.rows,
      eventsPerUser: [eventsOfRank(activity, activity.hotUsers - 1), eventsOfRank(activity, 0)],
    },
    sessions: { gapMinutes: 30, regular: regularSessions, spike: spike.users, bots: botSessions, total: regularSessions + spike.users + botSessions },
    seasonality: {
      hourOfDayWeights: HOUR_WEIGHTS.map((w) => w / hourMean),
      weekdayWeightsSundayFirst: WEEKDAY_WEIGHTS.map((w) => w / weekdayMean),
    },
    retention: { newUserShare: o.newUserShare, densityAtYearEndVsSignup: 1 - o.retentionDecline },
    performance: {
      pageLoadTime: "duration_ms of page_view events",
      slowDevice: { deviceType: o.slowDevice.key, factor: o.slowDevice.factor },
      regressedVersion: {
        appVersion: o.regressedVersion.key,
        factor: o.regressedVersion.factor,
        shipped: isoSeconds(PERIOD_START_SECONDS + (regressed?.shipped ?? 0)),
        fixedBy: fix?.version ?? null,
        fixShipped: fix ? isoSeconds(PERIOD_START_SECONDS + fix.shipped) : null,
      },
    },
    releases: RELEASES.map((r) => ({ version: r.version, shipped: isoSeconds(PERIOD_START_SECONDS + r.shipped) })),
    anomalies: anomalies(plan, expectedDailyEvents, botEventsPerUser),
    expectedDailyEvents,
  };
}

function anomalies(plan: RealisticPlan, expected: readonly number[], botEventsPerUser: number): PlantedAnomaly[] {
  const o = plan.options;
  const { bots, spike } = plan;
  const day = (d: number): { start: string; end: string } => ({ start: `${dateOfPeriodDay(d)} 00:00:00`, end: `${dateOfPeriodDay(d + 1)} 00:00:00` });
  const overall = ["events.daily.overall", "events.hourly.overall", "active_users.daily.overall"];
  const list: PlantedAnomaly[] = [
    {
      kind: "outage",
      series: overall,
      ...day(plan.outageDay),
      direction: "down",
      factor: o.outage.factor,
      details: { expectedEvents: expected[plan.outageDay], note: "regular users' activity that day runs at factor × its usual rate" },
    },
  ];
  if (spike.rows > 0) {
    list.push({
      kind: "traffic_spike",
      series: [...overall, "new_users.daily.overall"],
      ...day(spike.day),
      direction: "up",
      factor: o.spike.factor,
      details: {
        extraEvents: spike.rows,
        extraUsers: spike.users,
        expectedEvents: expected[spike.day],
        note: "new users who signed up that day, one session each, none after",
      },
    });
  }
  if (bots.rows > 0) {
    // The last event of any bot, plus its second: the end is exclusive.
    const lastEvent = Math.max(...Array.from({ length: bots.users }, (_, b) => botFirstEvent(plan, b) + (botEvents(plan, b) - 1) * bots.periodSeconds));
    list.push({
      kind: "bot_cluster",
      series: ["events.daily.overall", "events.daily.action_type=create", "events.hourly.action_type=create"],
      start: isoSeconds(PERIOD_START_SECONDS + bots.startSeconds),
      end: isoSeconds(PERIOD_START_SECONDS + lastEvent + 1),
      direction: "up",
      factor: botFactor(plan, expected),
      details: {
        userIds: Array.from({ length: bots.users }, (_, b) => userId(bots.firstNumber + b)),
        events: bots.rows,
        eventsPerUser: [Math.floor(bots.rows / bots.users), botEventsPerUser],
        periodSeconds: bots.periodSeconds,
        actionType: "create",
        durationMs: [50, 250],
      },
    });
  }
  list.push({
    kind: "extreme_durations",
    series: ["duration_ms.hourly.mean", "duration_ms.hourly.p95", "duration_ms.daily.p95"],
    start: isoSeconds(PERIOD_START_SECONDS + plan.burst.startSeconds),
    end: isoSeconds(PERIOD_START_SECONDS + plan.burst.endSeconds),
    direction: "up",
    factor: o.durationBurst.factor,
    details: { note: "every event in the window, all action types, has its duration multiplied by factor" },
  });
  return list;
}

/** Overall daily events during the bot window / without the bots (the first full bot day). */
function botFactor(plan: RealisticPlan, expected: readonly number[]): number {
  const d = Math.floor(plan.bots.startSeconds / DAY_SECONDS);
  const botsThatDay = Math.min(plan.bots.rows, (plan.bots.users * DAY_SECONDS) / plan.bots.periodSeconds);
  const total = expected[d] ?? 0;
  return total / (total - botsThatDay);
}

/** Expected events per day: regular users by the model, bots and spike users exactly. */
function expectedDaily(plan: RealisticPlan): number[] {
  const { activity, bots, spike } = plan;
  const daily = Array.from({ length: PERIOD_DAYS }, (_, d) => expectedRegularEvents(activity.hotRows, activity.tailRows, plan.options, plan.shares, d));
  for (let b = 0; b < bots.users; b++) {
    const first = botFirstEvent(plan, b);
    for (let j = 0; j < botEvents(plan, b); j++) {
      const d = Math.floor((first + j * bots.periodSeconds) / DAY_SECONDS);
      daily[d] = (daily[d] ?? 0) + 1;
    }
  }
  daily[spike.day] = (daily[spike.day] ?? 0) + spike.rows;
  return daily.map((v) => Math.round(v * 10) / 10);
}

/** Row k of a segment of `rows` interleaved over `users` goes to user k mod users. */
const interleavedEvents = (rows: number, users: number, u: number): number => (u < rows % users ? 1 : 0) + Math.floor(rows / users);
const botEvents = (plan: RealisticPlan, b: number): number => interleavedEvents(plan.bots.rows, plan.bots.users, b);
/** Bot b's first event (period seconds), its phase b/K of a period after the cluster's start. */
const botFirstEvent = (plan: RealisticPlan, b: number): number => plan.bots.startSeconds + Math.floor((b * plan.bots.periodSeconds) / plan.bots.users);

/** Interaction rows of a user number (client side, exact). */
function eventsOfNumber(plan: RealisticPlan, number: number): number {
  const { activity, bots, spike } = plan;
  if (number <= activity.users) return eventsOfRank(activity, rankOfNumberValue(plan.ranks, number));
  if (number < bots.firstNumber + bots.users) return botEvents(plan, number - bots.firstNumber);
  return interleavedEvents(spike.rows, spike.users, number - spike.firstNumber);
}

/**
 * Bot events come every period seconds: with a period over 30 min (and durations ≤ 250 ms) each
 * is its own session; otherwise a bot's run is one session, cut into 24-hour pieces.
 */
function designedBotSessions(plan: RealisticPlan): number {
  const { bots } = plan;
  let sessions = 0;
  for (let b = 0; b < bots.users; b++) {
    const events = botEvents(plan, b);
    sessions += bots.periodSeconds > 1_800 ? events : Math.floor(((events - 1) * bots.periodSeconds) / DAY_SECONDS) + 1;
  }
  return sessions;
}

/** Σ over regular users of their session count: one aggregation over the N user ranks. */
async function designedRegularSessions(spark: SparkSession, plan: RealisticPlan, seed: number): Promise<number> {
  const attributes = new UserAttributes(new KeyedDraws(seed), plan.options);
  const rank = F.col("id");
  const number = numberOfRank(plan.ranks, rank);
  const isNew = attributes.isNew(number, rank.lt(plan.activity.hotUsers));
  const events = firstEventColumn(plan.activity, rank.plus(1)).minus(firstEventColumn(plan.activity, rank));
  const sessions = sessionCount(plan.design, events, activityStart(plan.design, attributes.regularJoinDay(number, isNew)));
  const [row] = await spark.range(0, plan.activity.users).agg(F.sum(sessions).alias("sessions")).collect();
  return Number(row?.sessions ?? 0);
}

function userId(number: number): string {
  return `u${String(number).padStart(6, "0")}`;
}
