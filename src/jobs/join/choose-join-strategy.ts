import { formatMiB } from "../../lib/text/format";

export const JOIN_STRATEGIES = ["broadcast", "bucketed", "sort-merge-aqe", "salted"] as const;
export type JoinStrategy = (typeof JOIN_STRATEGIES)[number];

export interface JoinMeasurements {
  /** The deduplicated metadata's estimated size (estimatePlanSizeInBytes). */
  readonly metadataBytes: number;
  /** Number of hot user_ids found (findHotKeys). */
  readonly hotKeys: number;
  /** How many times the same interactions and metadata will be joined (1 for a one-off job). */
  readonly expectedJoins: number;
  /** Whether the session may use AQE's skew-join split (Spark 3.x with the confs modifiable). */
  readonly aqeSkewJoinAvailable: boolean;
}

export interface JoinPolicy {
  /** Largest metadata to broadcast. Above Spark's 10 MiB default on purpose: each executor holds it once. */
  readonly broadcastThresholdBytes: number;
  /** From this many joins on, writing bucketed tables once is cheaper than shuffling every time. */
  readonly minJoinsForBucketing: number;
}

export const DEFAULT_JOIN_POLICY: JoinPolicy = { broadcastThresholdBytes: 256 * 2 ** 20, minJoinsForBucketing: 3 };

export interface JoinChoice {
  readonly strategy: JoinStrategy;
  /** One sentence for the report. */
  readonly reason: string;
}

/**
 * Picks the cheapest strategy the measurements allow, in order of cost: a broadcast shuffles
 * nothing; bucketing pays one shuffle for many joins; otherwise the interactions must be
 * shuffled, and hot keys decide how skew is handled there.
 */
export function chooseJoinStrategy(measured: JoinMeasurements, policy: JoinPolicy = DEFAULT_JOIN_POLICY): JoinChoice {
  if (measured.metadataBytes <= policy.broadcastThresholdBytes) {
    return {
      strategy: "broadcast",
      reason: `deduplicated metadata is ${formatMiB(measured.metadataBytes)}, within the ${formatMiB(policy.broadcastThresholdBytes)} broadcast threshold: the interactions are joined where they are read, with no shuffle and so no skew`,
    };
  }
  // A hot key would make one bucket, and so one task of every later join, far larger than the rest.
  if (measured.expectedJoins >= policy.minJoinsForBucketing && measured.hotKeys === 0) {
    return {
      strategy: "bucketed",
      reason: `the data is joined ${measured.expectedJoins} times and has no hot keys: bucketing both sides by user_id once removes the shuffle from every join`,
    };
  }
  if (measured.hotKeys === 0) {
    return {
      strategy: "sort-merge-aqe",
      reason: `metadata (${formatMiB(measured.metadataBytes)}) is too large to broadcast and no user_id is hot: a sort-merge join, with AQE as a safety net for skew`,
    };
  }
  if (measured.aqeSkewJoinAvailable) {
    return {
      strategy: "sort-merge-aqe",
      reason: `${measured.hotKeys} hot user_id(s) and AQE available: AQE splits the skewed partitions at run time from real sizes, with no extra pass or replicated metadata`,
    };
  }
  return {
    strategy: "salted",
    reason: `${measured.hotKeys} hot user_id(s) without AQE's skew split: salting the hot keys spreads their rows over several tasks`,
  };
}
