import type { JoinStrategy } from "./choose-join-strategy";
import type { SkewAwareJoin } from "./skew-aware-join";

/** How many hot user_ids a description names; the rest are counted. */
const NAMED_HOT_KEYS = 10;

/** What the report says about one join: the choice, the measurements behind it, the plan. */
export interface JoinDescription {
  readonly strategy: JoinStrategy;
  readonly reason: string;
  readonly metadataBytes: number;
  /** Null when not searched (a broadcast join, which no key can skew). */
  readonly hotKeys: {
    readonly count: number;
    readonly threshold: number;
    readonly hottestRows: number;
    readonly totalRows: number;
    readonly distinctKeys: number;
    readonly sampleFraction: number;
    /** The hottest few, hottest first. */
    readonly hottest: readonly string[];
  } | null;
  /**
   * `explain("formatted")` before execution. With AQE on, this is the initial plan
   * (`AdaptiveSparkPlan isFinalPlan=false`): skew splits and coalescing are decided at run time
   * and show only in the executed plan (Spark UI, SQL tab).
   */
  readonly physicalPlan: string;
}

export async function describeJoin(join: SkewAwareJoin): Promise<JoinDescription> {
  const { hotKeys } = join;
  return {
    strategy: join.choice.strategy,
    reason: join.choice.reason,
    metadataBytes: join.metadataBytes,
    hotKeys: hotKeys && {
      count: hotKeys.keys.length,
      threshold: hotKeys.threshold,
      hottestRows: hotKeys.hottestRows,
      totalRows: hotKeys.totalRows,
      distinctKeys: hotKeys.distinctKeys,
      sampleFraction: hotKeys.sampleFraction,
      hottest: hotKeys.keys.slice(0, NAMED_HOT_KEYS),
    },
    physicalPlan: await join.joined.explain("formatted"),
  };
}
