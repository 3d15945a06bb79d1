import { type Column, functions as F, TypedLiteral } from "../../../../connect";
import { COUNTRIES, DEVICE_TYPES, SUBSCRIPTION_TYPES } from "../../schemas";
import { DAY_SECONDS, PERIOD_DAYS } from "./calendar";
import { categorical, type KeyedDraws } from "./keyed-draws";
import { scatter, unscatter, type Scatter } from "./scatter";

/**
 * Per-user attributes, pure functions of (seed, user number): the interactions use them (device
 * effect, join date, update lag) and the metadata writes them, and the two agree without a join.
 */
const STREAM = { isNew: 101, oldJoin: 102, newJoin: 103, country: 104, device: 105, subscription: 106, lag: 107, metadataOnlyJoin: 109 } as const;

/** Shares in the brief's order (US, UK, CA, AU, DE, FR, JP, IN, BR, MX): a US-heavy global app. */
export const COUNTRY_WEIGHTS = [30, 8, 5, 3, 8, 6, 7, 14, 12, 7] as const;
/** iPhone, iPad, Android Phone, Android Tablet, Windows, Mac: phones lead, tablets are few. */
export const DEVICE_WEIGHTS = [28, 9, 27, 7, 16, 13] as const;
/** free, basic, premium, enterprise: a freemium funnel. */
export const SUBSCRIPTION_WEIGHTS = [62, 20, 13, 5] as const;

/** Users who joined before 2023 did so uniformly over 2020-01-01 … 2022-12-31 (1,096 days). */
export const OLD_JOIN_DAYS = 1_096;

/** `u%06d` of a user number (longer numbers simply get more digits). */
export function userIdOf(number: Column): Column {
  return F.formatString("u%06d", number.cast("long"));
}

/** Attribute columns of a user number column. */
export class UserAttributes {
  constructor(
    private readonly draws: KeyedDraws,
    private readonly options: { readonly newUserShare: number; readonly minActiveDays: number; readonly updateLagDays: number },
  ) {}

  /** `variants` key a duplicate metadata row's own draws (a second signup, say from another device). */
  country(number: Column, ...variants: Column[]): Column {
    return F.elementAt(F.lit([...COUNTRIES]), categorical(this.draws.uniform(STREAM.country, number, ...variants), COUNTRY_WEIGHTS).plus(1));
  }

  deviceIndex(number: Column, ...variants: Column[]): Column {
    return deviceOfDraw(this.deviceDraw(number, ...variants));
  }

  /** The uniform draw behind the device, to materialise once before a CASE chain reads it several times. */
  deviceDraw(number: Column, ...variants: Column[]): Column {
    return this.draws.uniform(STREAM.device, number, ...variants);
  }

  device(number: Column, ...variants: Column[]): Column {
    return F.elementAt(F.lit([...DEVICE_TYPES]), this.deviceIndex(number, ...variants).plus(1));
  }

  subscription(number: Column, ...variants: Column[]): Column {
    return F.elementAt(F.lit([...SUBSCRIPTION_TYPES]), categorical(this.draws.uniform(STREAM.subscription, number, ...variants), SUBSCRIPTION_WEIGHTS).plus(1));
  }

  /** Whether a regular user signed up in 2023; hot users never did (established power users). */
  isNew(number: Column, hot: Column): Column {
    return hot.not().and(this.draws.uniform(STREAM.isNew, number).lt(this.options.newUserShare));
  }

  /**
   * A regular user's join day (period days, negative before 2023): new users uniformly over
   * [0, last new join day], the others uniformly over 2020–2022.
   */
  regularJoinDay(number: Column, isNew: Column): Column {
    const newJoin = this.draws.below(STREAM.newJoin, lastNewJoinDay(this.options.minActiveDays) + 1, number);
    const oldJoin = this.draws.below(STREAM.oldJoin, OLD_JOIN_DAYS, number).minus(OLD_JOIN_DAYS);
    return F.when(isNew, newJoin).otherwise(oldJoin).cast("int");
  }

  /** Metadata-only users signed up any day from 2020-01-01 to the last new-user join day. */
  metadataOnlyJoinDay(number: Column): Column {
    return this.draws
      .below(STREAM.metadataOnlyJoin, OLD_JOIN_DAYS + lastNewJoinDay(this.options.minActiveDays) + 1, number)
      .minus(OLD_JOIN_DAYS)
      .cast("int");
  }

  /** Update lag in whole seconds: exponential with the configured mean, capped at 8 means. */
  lagSeconds(number: Column): Column {
    const mean = this.options.updateLagDays * DAY_SECONDS;
    const exponential = F.log(F.lit(1).minus(this.draws.uniform(STREAM.lag, number))).multiply(-mean);
    return F.floor(F.least(exponential, F.lit(TypedLiteral.double(8 * mean))));
  }
}

/** The device index of a device draw. */
export function deviceOfDraw(draw: Column): Column {
  return categorical(draw, DEVICE_WEIGHTS);
}

/** The last day a new user may join: minActiveDays before the period ends. */
export function lastNewJoinDay(minActiveDays: number): number {
  return PERIOD_DAYS - minActiveDays;
}

/** Whether a regular user number (1-based) is hot: its activity rank is below hotUsers. */
export function isHotNumber(ranks: Scatter, hotUsers: number, number: Column): Column {
  return rankOfNumber(ranks, number).lt(hotUsers);
}

/**
 * Regular user numbers are 1 + scatter((rank + 1) mod N): busy and quiet users are spread over
 * the id range, and the busiest is not u000001 (scatter maps 0 to 0).
 */
export function numberOfRank(ranks: Scatter, rank: Column): Column {
  return F.pmod(rank.plus(1).multiply(long(ranks.multiplier)), long(ranks.n)).plus(1);
}

export function rankOfNumber(ranks: Scatter, number: Column): Column {
  return F.pmod(number.minus(1).multiply(long(ranks.inverse)).minus(1), long(ranks.n));
}

/** numberOfRank on the client. */
export function numberOfRankValue(ranks: Scatter, rank: number): number {
  return scatter(ranks, (rank + 1) % ranks.n) + 1;
}

/** rankOfNumber on the client. */
export function rankOfNumberValue(ranks: Scatter, number: number): number {
  return (unscatter(ranks, number - 1) - 1 + ranks.n) % ranks.n;
}

const long = (value: number): Column => F.lit(TypedLiteral.long(value));
