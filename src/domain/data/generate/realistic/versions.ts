import { type Column, functions as F } from "../../../../connect";
import { DAY_SECONDS, PERIOD_START_SECONDS } from "./calendar";

/** One app release: its version and when it shipped, in seconds since the period start. */
export interface Release {
  readonly version: string;
  readonly shipped: number;
}

/** Minor releases, every four weeks from 2022-09-12 (a Monday) through 2023-12-04. */
const MINORS = ["5.4", "5.5", "5.6", "5.7", "5.8", "5.9", "6.0", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "7.0", "7.1", "7.2", "7.3"] as const;
const FIRST_MINOR_DAY = (Date.UTC(2022, 8, 12) / 1000 - PERIOD_START_SECONDS) / DAY_SECONDS;
const MINOR_CADENCE_DAYS = 28;
/** Each minor gets a bug-fix patch a week later, and every other one a second patch after 15 days. */
const PATCH_DAYS = [7, 15] as const;

/**
 * A release history, oldest first: 17 minors and their patches (42 versions) over 15 months, so
 * that the year sees a few dozen versions and each is used only while it is current (plus the
 * users' update lag). Releases ship at 16:00 UTC.
 */
export const RELEASES: readonly Release[] = MINORS.flatMap((minor, i) => {
  const day = FIRST_MINOR_DAY + i * MINOR_CADENCE_DAYS;
  const patches = i % 2 === 0 ? PATCH_DAYS : PATCH_DAYS.slice(0, 1);
  return [0, ...patches].map((offset, patch) => ({ version: `${minor}.${patch}`, shipped: (day + offset) * DAY_SECONDS + 16 * 3600 }));
}).sort((a, b) => a.shipped - b.shipped);

/**
 * The index in RELEASES of the version in use by a user whose installs lag to `installed` (event
 * time − update lag, in seconds since the period start). Pass a column reference: the CASE chain
 * mentions it once per release.
 */
export function releaseIndexAt(installed: Column): Column {
  let chain: Column | undefined;
  // Newest first: the first release that shipped before the install time is the one in use.
  for (let i = RELEASES.length - 1; i >= 1; i--) {
    const shipped = (RELEASES[i] as Release).shipped;
    chain = chain === undefined ? F.when(installed.geq(shipped), i) : chain.when(installed.geq(shipped), i);
  }
  return chain === undefined ? F.lit(0) : chain.otherwise(0);
}

/** The release in use at `seconds` without lag (client side, e.g. for the bots, who always update). */
export function releaseAt(seconds: number): Release {
  return RELEASES.filter((r) => r.shipped <= seconds).at(-1) ?? (RELEASES[0] as Release);
}

/** The release that follows `version` (its fix, for a regressed one). */
export function nextRelease(version: string): Release | undefined {
  const index = RELEASES.findIndex((r) => r.version === version);
  return index === -1 ? undefined : RELEASES[index + 1];
}
